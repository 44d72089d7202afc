"""The tool never writes into what it reads: checksums of every input before and after every command.

Each command (check, diff, amend, report, who, graph, cite, rules, explain, schema), in its variants (formats,
languages, ``-o``, baselines, dates, selections, a staged file, failures), runs in-process on copies of the
fixtures and of ``rules/``. Before and after each one, ``tree_digest`` of every input folder and file must be
equal, and the workspace may only have gained the outputs the command was told to write.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.safety.helpers import Workspace, digest, make_workspace

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return make_workspace(tmp_path_factory.mktemp("untouched") / "ws")


def _commands(ws: Workspace) -> dict[str, tuple[list[str], list[str]]]:
    """Name -> (argv, outputs it may create, relative to the workspace)."""
    reg, small, minimal, am = str(ws.report), str(ws.small), str(ws.minimal), str(ws.amendment)
    old, new = str(ws.rules / "ubdt-2017"), str(ws.rules / "ubdt-2023")
    staged = str(ws.minimal / "articles" / "dieu-01.yaml")
    c: dict[str, tuple[list[str], list[str]]] = {}
    for fmt in ("text", "json", "sarif", "github", "markdown", "html"):
        c[f"check {fmt}"] = (["check", reg, "--format", fmt], [])
        c[f"check {fmt} -o"] = (["check", reg, "--format", fmt, "--lang", "en", "-o", f"out/check.{fmt}"],
                                [f"out/check.{fmt}"])
    c |= {
        "check (default: rules/)": (["check"], []),
        "check several": (["check", minimal, small, reg, "--engine", "durable"], []),
        "check a folder of regulations": (["check", str(ws.rules), "--engine", "reference"], []),
        "check a staged file": (["check", staged, "--engine", "reference"], []),
        "check --on": (["check", old, "--on", "2022-10-01", "--engine", "reference"], []),
        "check --select": (["check", reg, "--select", "QC3xx,QC104", "--ignore", "QC301", "--fail-on", "error"], []),
        "check --config": (["check", minimal, "--config", str(ws.root / "report" / "quyche.toml")], []),
        "check --write-baseline": (["check", reg, "--write-baseline", "out/baseline.json"], ["out/baseline.json"]),
        "check --baseline": (["check", reg, "--baseline", "out/baseline.json", "--format", "json"], []),
        "check -v": (["check", small, "--verbose"], []),
        "diff folders": (["diff", old, new], []),
        "diff folders json": (["diff", old, new, "--format", "json", "--on", "2023-01-01"], []),
        "diff amendment": (["diff", small, am], []),
        "diff amendment sarif -o": (["diff", small, am, "--format", "sarif", "-o", "out/diff.sarif"],
                                    ["out/diff.sarif"]),
        "diff amendment github": (["diff", reg, str(ws.report_amendment), "--format", "github"], []),
        "amend": (["amend", small, am, "-o", "out/hop-nhat"], ["out/hop-nhat"]),
        "amend again (replace)": (["amend", small, am, "-o", "out/hop-nhat", "--format", "json"], ["out/hop-nhat"]),
        "amend --on": (["amend", reg, str(ws.report_amendment), "-o", "out/hop-nhat-on", "--on", "2024-03-01"],
                       ["out/hop-nhat-on"]),
        "amend into the base (refused)": (["amend", small, am, "-o", str(ws.small / "hop-nhat")], []),
        "report html": (["report", reg], []),
        "report markdown -o": (["report", reg, "--format", "markdown", "-o", "out/report.md"], ["out/report.md"]),
        "report --against": (["report", new, "--against", old, "-o", "out/change.html"], ["out/change.html"]),
        "report --amendment": (["report", reg, "--amendment", str(ws.report_amendment), "--format", "markdown"], []),
        "who": (["who", "ke-hoach-nam", minimal], []),
        "who --on": (["who", "ke-hoach-nam", minimal, "--on", "2024-06-01", "--lang", "en"], []),
        "who unknown task": (["who", "khong-co", minimal], []),
        "graph json": (["graph", reg], []),
        "graph dot -o": (["graph", reg, "--format", "dot", "-o", "out/graph.dot"], ["out/graph.dot"]),
        "graph graphml": (["graph", old, "--format", "graphml"], []),
        "cite": (["cite", "các điểm a, b và c khoản 1 Điều 7"], []),
        "cite --context": (["cite", "khoản 2 Điều này", "--context", "Điều 5"], []),
        "cite unreadable": (["cite", "điểm f khoản 0"], []),
        "rules": (["rules"], []),
        "rules json": (["rules", "--format", "json"], []),
        "explain": (["explain", "QC301"], []),
        "explain en": (["explain", "QC402", "--lang", "en"], []),
        "explain unknown": (["explain", "QC999"], []),
        "schema (all kinds)": (["schema"], []),
        "bad usage": (["check", "--format", "pdf"], []),
        "missing folder": (["check", str(ws.root / "khong-co")], []),
    }
    for kind in ("regulation", "actors", "tasks", "article", "checks", "amendment"):
        c[f"schema {kind}"] = (["schema", kind], [])
    return c


COMMANDS = sorted(_commands(Workspace(Path("."))))


def _snapshot(ws: Workspace) -> dict[str, str]:
    return {str(p): digest(p) for p in ws.inputs}


def _listing(ws: Workspace) -> set[str]:
    return {str(p.relative_to(ws.root)) for p in ws.root.rglob("*")}


@pytest.mark.parametrize("name", COMMANDS)
def test_a_command_changes_none_of_its_inputs(
    ws: Workspace, name: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ws.root)
    argv, outputs = _commands(ws)[name]
    if name == "check --baseline" and not (ws.out / "baseline.json").exists():
        assert main(["check", str(ws.report), "--write-baseline", "out/baseline.json"]) == 0
    before, listing = _snapshot(ws), _listing(ws)
    code = main(argv)
    err = capsys.readouterr().err
    assert code in (0, 1, 2)
    assert "lỗi nội bộ" not in err and "internal error" not in err
    assert _snapshot(ws) == before, f"{name} changed an input"
    created = {c for c in _listing(ws) - listing if not any(c.startswith(f"{o}/") for o in outputs)}
    assert created <= set(outputs), f"{name} wrote {sorted(created - set(outputs))}"


@pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")
def test_diff_and_report_against_a_git_revision_change_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``--base REV`` reads the old version out of git: the repository (work tree and .git) stays as it was."""
    from tests.conftest import MINIMAL, tree_digest

    repo = tmp_path / "repo"
    shutil.copytree(MINIMAL, repo / "rules" / "mau")
    env = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "base"]):  # a throwaway repository
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)
    article = repo / "rules" / "mau" / "articles" / "dieu-01.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("working_days: 5", "working_days: 7"),
                       encoding="utf-8")
    monkeypatch.chdir(repo)
    before = tree_digest(repo)
    assert main(["diff", "--base", "HEAD", "rules/mau", "--engine", "reference"]) in (0, 1)
    assert main(["report", "rules/mau", "--base", "HEAD", "--format", "markdown", "--engine", "reference"]) in (0, 1)
    assert "internal error" not in capsys.readouterr().err
    assert tree_digest(repo) == before
