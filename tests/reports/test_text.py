"""Terminal output: coloured on a terminal, plain when piped, NO_COLOR honoured, progress on long runs."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys

import pytest

from quyche_rules.reports.progress import Progress
from quyche_rules.reports.text import summary_line
from tests.conftest import ROOT
from tests.reports.conftest import REGULATION, Run

ESC = b"\x1b["


def _on_terminal(
    args: list[str], env: dict[str, str], *, stdout_tty: bool, stderr_tty: bool
) -> tuple[bytes, bytes]:
    """Run quyche with stdout and/or stderr on a pseudo-terminal; return what each received."""
    master, slave = pty.openpty()
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "quyche_rules", *args],
            cwd=ROOT,
            env=env,
            stdout=slave if stdout_tty else subprocess.PIPE,
            stderr=slave if stderr_tty else subprocess.PIPE,
        )
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        out, err = proc.communicate(timeout=120)
    finally:
        os.close(master)
    tty = b"".join(chunks)
    return (tty if stdout_tty else out), (tty if stderr_tty else err)


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR", "GITHUB_ACTIONS")}
    env["TERM"] = "xterm"
    env.update(extra)
    return env


CHECK = ["check", REGULATION, "--engine", "reference"]


def test_text_is_coloured_on_a_terminal() -> None:
    out, _ = _on_terminal(CHECK, _env(), stdout_tty=True, stderr_tty=False)
    assert ESC + b"31m" in out and b"QC301 multiple-leads" in out
    assert b" s\r\n" in out  # the elapsed time, on a terminal only


def test_no_color_turns_colour_off_on_a_terminal() -> None:
    out, _ = _on_terminal(CHECK, _env(NO_COLOR="1"), stdout_tty=True, stderr_tty=False)
    assert ESC not in out and b"QC301 multiple-leads" in out


def test_piped_text_is_plain_and_has_no_time(run: Run) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "quyche_rules", *CHECK], cwd=ROOT, env=_env(), capture_output=True, timeout=120
    )
    assert ESC not in proc.stdout
    assert (
        proc.stdout.decode("utf-8").splitlines()[-1]
        == "3 lỗi, 1 cảnh báo, 1 thông tin, 1 bỏ qua · 1 văn bản, 16 quy định"
    )
    assert proc.stderr == b""  # no progress line when stderr is not a terminal


def test_progress_shows_on_a_terminal_for_several_regulations() -> None:
    out, err = _on_terminal(
        ["check", "rules", "--engine", "reference"], _env(), stdout_tty=False, stderr_tty=True
    )
    folders = sorted(p.parent.name for p in (ROOT / "rules").glob("*/regulation.yaml"))
    for i, name in enumerate(folders, 1):
        assert f"[{i}/{len(folders)}] rules/{name}: ".encode() in err
    assert ESC not in out


def test_progress_writes_nothing_when_disabled() -> None:
    stream = io.StringIO()
    quiet = Progress(stream, 3, "vi", enabled=False)
    quiet.step(1, "a", "load")
    quiet.done()
    assert stream.getvalue() == ""
    loud = Progress(stream, 3, "en", enabled=True)
    loud.step(1, "rules/a", "load")
    loud.step(1, "rules/a", "check")
    loud.done()
    assert stream.getvalue().startswith("\r[1/3] rules/a: loading…")
    assert stream.getvalue().endswith("\r")


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("vi", "1 lỗi, 0 cảnh báo, 2 thông tin · 1 văn bản, 3 quy định · 0,50 s"),
        ("en", "1 error, 0 warnings, 2 info · 1 regulation, 3 provisions · 0.50 s"),
    ],
)
def test_summary_line_in_both_languages(lang: str, expected: str) -> None:
    from quyche_rules.findings import Finding, Location, Severity
    from quyche_rules.i18n import Text

    def finding(sev: Severity) -> Finding:
        return Finding(
            code="QC204", name="x", severity=sev, message=Text.of("m", "m"), location=Location(file="f")
        )

    found = [finding(Severity.ERROR), finding(Severity.INFO), finding(Severity.INFO)]
    assert summary_line(found, 1, 3, 0.5, lang) == expected  # type: ignore[arg-type]
