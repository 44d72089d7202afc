"""The command line: subcommands, languages, exit codes; never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import MINIMAL, ROOT


def test_cite_shows_the_canonical_phrase(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "các điểm a, b và c khoản 1 Điều 7"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Chuẩn: các điểm a, b và c khoản 1 Điều 7"
    assert "Điều 7 · Khoản 1 · Điểm b" in out


def test_cite_resolves_relative_phrases_in_context(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "khoản 1 Điều này", "--context", "Điều 9", "--lang", "en"]) == 0
    assert capsys.readouterr().out.startswith("Canonical: khoản 1 Điều 9")


def test_cite_rejects_a_bad_point_letter_with_a_fix(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["cite", "điểm f khoản 1 Điều 2", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "expected" in err and "fix" in err and "Traceback" not in err


def test_rules_lists_every_check_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "--format", "json", "--lang", "en"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["code"] for r in rows] == sorted(r["code"] for r in rows)
    assert {"code", "name", "severity", "title", "legal_basis"} <= set(rows[0])


def test_rules_names_each_severity_in_the_language_asked(capsys: pytest.CaptureFixture[str]) -> None:
    """As `check` prints it: "lỗi", "cảnh báo", "thông tin" by default (it printed "error" under Vietnamese)."""
    assert main(["rules"]) == 0
    vi = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert " lỗi " in vi["QC001"] and " cảnh báo " in vi["QC010"] and " thông tin " in vi["QC013"]
    assert not any(" error " in line or " warning " in line for line in vi.values())
    assert main(["rules", "--lang", "en"]) == 0
    en = {line.split("  ")[0]: line for line in capsys.readouterr().out.splitlines()}
    assert " error " in en["QC001"] and " warning " in en["QC010"] and " info " in en["QC013"]


def test_explain_prints_rationale_basis_and_examples(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "QC101", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for heading in ("## Why it matters", "## How to fix", "## Legal basis", "## Example that fires",
                    "## Use instead", "## The example regulation"):
        assert heading in out
    fires, rest = out.split("## Example that fires", 1)[1].split("## Use instead", 1)
    passes, regulation = rest.split("## The example regulation", 1)
    assert "### articles/dieu-03.yaml" in fires and "Finds:\n- QC101 unknown-actor: " in fires
    assert "Finds: nothing" in passes
    for file in ("regulation.yaml", "actors.yaml", "tasks.yaml", "articles/dieu-01.yaml", "articles/dieu-02.yaml"):
        assert f"### {file}\n```yaml\n" in regulation  # the whole regulation the examples are merged into


def test_explain_unknown_code_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain", "qc101x", "--lang", "en"]) == 2
    assert "Did you mean QC101" in capsys.readouterr().err


def test_check_on_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "no/such/folder", "--lang", "en"]) == 2
    assert "Path not found" in capsys.readouterr().err


def test_usage_error_exits_two() -> None:
    assert main(["check", "--format", "pdf"]) == 2


def test_json_output_is_deterministic(capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", str(MINIMAL), "--format", "json"])
    first = capsys.readouterr().out
    main(["check", str(MINIMAL), "--format", "json"])
    assert capsys.readouterr().out == first


def test_module_entry_point_runs() -> None:
    proc = subprocess.run([sys.executable, "-m", "quyche_rules", "--version"], capture_output=True, text=True,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 0 and "quyche-rules" in proc.stdout


@pytest.mark.parametrize("argv", [
    ["check", str(MINIMAL), "--engine", "reference"],  # findings and the summary on standard output
    ["check", str(MINIMAL / "khong-co")],  # a usage error on standard error
    ["cite", "các điểm a, b và c khoản 1 Điều 7"],
    ["--help"],
], ids=["check", "error", "cite", "help"])
def test_an_ascii_only_output_encoding_escapes_the_text_never_an_error(argv: list[str]) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    proc = subprocess.run([sys.executable, "-m", "quyche_rules", *argv], capture_output=True, cwd=ROOT, env=env,
                          timeout=120, check=False)
    out, err = proc.stdout.decode("ascii"), proc.stderr.decode("ascii")  # nothing but ASCII was written
    assert proc.returncode == (2 if "khong-co" in argv[-1] else 0), err
    assert "UnicodeEncodeError" not in out + err and "internal error" not in err and "Traceback" not in err
    assert "\\u" in out + err or "\\x" in out + err  # Vietnamese came out escaped
    if argv[0] == "cite":
        assert out.startswith("Chu\\u1ea9n: c\\xe1c \\u0111i\\u1ec3m a, b v\\xe0 c kho\\u1ea3n 1 \\u0110i\\u1ec1u 7")


def test_the_output_streams_are_restored_after_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    before = (sys.stdout.errors, sys.stderr.errors)
    assert main(["cite", "khoản 1 Điều 2"]) == 0
    assert (sys.stdout.errors, sys.stderr.errors) == before


_NO_DURABLE = r'''
import builtins, sys
real = builtins.__import__
def fake(name, *a, **k):
    if name == "durable" or name.startswith("durable."):
        raise ImportError("durable-rules is not installed")
    return real(name, *a, **k)
builtins.__import__ = fake
from quyche_rules.cli import main
sys.exit(main(sys.argv[1:]))
'''


def test_without_durable_the_reference_engine_runs_alone_and_verbose_says_so() -> None:
    proc = subprocess.run([sys.executable, "-c", _NO_DURABLE, "check", str(MINIMAL), "-v", "--lang", "en"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "reference engine only" in proc.stderr and "engines: reference" in proc.stderr
    explicit = subprocess.run([sys.executable, "-c", _NO_DURABLE, "check", str(MINIMAL), "--engine", "durable",
                               "--lang", "en"], capture_output=True, text=True, timeout=120)
    assert explicit.returncode == 2 and "Traceback" not in explicit.stderr


def test_engines_disagreeing_is_an_internal_error_with_both_answers(monkeypatch: pytest.MonkeyPatch,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    from quyche_rules.engines import reference

    pytest.importorskip("durable")
    original = reference.ReferenceEngine.run

    def drop_one(self, checks, facts, **kwargs):  # type: ignore[no-untyped-def]
        return original(self, checks, facts, **kwargs)[1:]

    monkeypatch.setattr(reference.ReferenceEngine, "run", drop_one)
    folder = ROOT / "rules" / "ubdt-2017"
    assert main(["check", str(folder), "--lang", "en", "--on", "2023-01-01"]) == 2
    err = capsys.readouterr().err
    assert "durable" in err and "reference" in err


def test_lang_works_before_and_after_the_subcommand(capsys: pytest.CaptureFixture[str]) -> None:
    main(["--lang", "en", "check", str(MINIMAL)])
    before = capsys.readouterr().out
    main(["check", str(MINIMAL), "--lang", "en"])
    assert before == capsys.readouterr().out and "regulation" in before


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    out = tmp_path / "report.json"
    assert main(["check", str(MINIMAL), "--format", "json", "-o", str(out)]) == 0
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask
    out.chmod(0o640)
    assert main(["check", str(MINIMAL), "--format", "json", "-o", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_the_collector_thresholds_are_restored_after_a_command() -> None:
    import gc

    before = gc.get_threshold()
    assert main(["check", str(MINIMAL), "--engine", "reference"]) in (0, 1)
    assert gc.get_threshold() == before


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    from quyche_rules.arguments import build_parser as _parser

    parser = _parser()
    (sub,) = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return dict(sub.choices)


@pytest.mark.parametrize("name", sorted(_subcommands()))
def test_every_option_has_help_and_the_help_ends_with_examples(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    parser = _subcommands()[name]
    for action in parser._actions:
        assert action.help and action.help != argparse.SUPPRESS, f"{name}: {action.dest} has no help"
    assert main([name, "--help"]) == 0
    text = capsys.readouterr().out
    examples = text.split("\nexamples:\n", 1)[1]
    lines = [line for line in examples.splitlines() if line.strip()]
    assert 2 <= len(lines) <= 3 and all(line.strip().startswith("quyche ") for line in lines), examples
