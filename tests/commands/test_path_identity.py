"""However a regulation is named (a file of it too, relative or absolute, through a link), it is one regulation,
and naming its folder reports the whole folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.conftest import FIXTURES

E = ["--engine", "reference", "--lang", "en", "--no-cache", "--format", "json", "--fail-on", "info"]


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/rules/R: a regulation with findings in several files; cwd tmp."""
    shutil.copytree(FIXTURES / "report" / "regulation", tmp_path / "rules" / "R")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _run(capsys: pytest.CaptureFixture[str], *paths: str) -> tuple[int, dict]:
    code = main(["check", *paths, *E])
    return code, json.loads(capsys.readouterr().out)


def _places(doc: dict) -> list[tuple[str, str]]:
    return [(f["code"], f["location"]["file"]) for f in doc["findings"]]


def test_a_folder_and_one_of_its_files_report_the_whole_folder(ws: Path, capsys: pytest.CaptureFixture[str]):
    code, whole = _run(capsys, "rules/R")
    files = {file for _, file in _places(whole)}
    assert len(files) >= 2  # findings in more than one file, so that dropping some shows
    one = sorted(files)[0]
    for paths in (["rules/R", one], [one, "rules/R"]):
        assert _run(capsys, *paths) == (code, whole)


def test_the_same_folder_spelled_twice_is_one_regulation(ws: Path, capsys: pytest.CaptureFixture[str]):
    _, once = _run(capsys, "rules/R")
    _, twice = _run(capsys, "rules/R", str(ws / "rules" / "R"))
    assert twice["summary"] == once["summary"] and once["summary"]["regulations"] == 1
    assert _places(twice) == _places(once)


def test_a_link_to_a_regulation_folder_is_that_folder(ws: Path, capsys: pytest.CaptureFixture[str]):
    (ws / "rules" / "current").symlink_to("R", target_is_directory=True)
    code, whole = _run(capsys, "rules/R")
    linked_code, linked = _run(capsys, "rules/current")
    assert linked_code == code and linked["summary"] == whole["summary"]
    _, both = _run(capsys, "rules")  # the folder and the link to it, under rules/: once
    assert both["summary"]["regulations"] == 1
