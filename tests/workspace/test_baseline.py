"""Baselines accept exactly the findings they name, and never a file that could not be loaded."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from quyche_rules.cli import main

E = ["--engine", "reference", "--lang", "en", "--no-cache"]
_DUTY = "      - duty: {holder: van-phong, task: xu-ly-tren-mang}\n"


@pytest.fixture
def reg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A new regulation that checks clean, in tmp/reg (cwd tmp)."""
    monkeypatch.chdir(tmp_path)
    assert main(["new", "regulation", "x", "-o", "reg"]) == 0
    return tmp_path / "reg"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_file_that_does_not_load_is_never_written_to_a_baseline(reg: Path, capsys: pytest.CaptureFixture[str]):
    (reg / "articles" / "dieu-09.yaml").write_text('article: "9"\ntitle: [chưa xong\n', encoding="utf-8")
    assert main(["check", "reg", "--write-baseline", "b.json", *E]) == 1  # not accepted: exit 1, said why
    err = capsys.readouterr().err
    assert "could not be loaded (QC001-QC007) were not written" in err
    assert json.loads(Path("b.json").read_text(encoding="utf-8"))["findings"] == []
    assert main(["check", "reg", "--baseline", "b.json", *E]) == 1
    assert "QC001" in capsys.readouterr().out


def test_an_old_baseline_accepting_a_load_error_no_longer_hides_it(reg: Path, capsys: pytest.CaptureFixture[str]):
    (reg / "articles" / "dieu-09.yaml").write_text('article: "9"\ntitle: [chưa xong\n', encoding="utf-8")
    old = {"version": 1, "findings": [{"code": "QC001", "provisions": [":dieu-09"], "actors": [], "tasks": []}]}
    Path("b.json").write_text(json.dumps(old), encoding="utf-8")
    assert main(["check", "reg", "--baseline", "b.json", *E]) == 1
    out = capsys.readouterr()
    assert "QC001" in out.out and "1 error" in out.out
    assert "1 entries accepting a file that could not be loaded" in out.err and "first form (version 1)" in out.err


def test_a_baseline_entry_hides_only_the_finding_it_names(reg: Path, capsys: pytest.CaptureFixture[str]):
    article = reg / "articles" / "dieu-01.yaml"
    _edit(article, "within: {working_days: 3}}", "within: {working_days: 4}}")  # the text says 03
    assert main(["check", "reg", "--write-baseline", "b.json", *E]) == 0
    [entry] = json.loads(Path("b.json").read_text(encoding="utf-8"))["findings"]
    assert entry["code"] == "QC703" and entry["digest"]
    # a new deadline in the same clause that the text does not state either, two lines further down
    _edit(article, _DUTY, _DUTY + "      - deadline: {task: xu-ly-tren-mang, within: {days: 30}}\n")
    article.write_text("# two new lines\n#\n" + article.read_text(encoding="utf-8"), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "reg", "--baseline", "b.json", *E]) == 1
    out = capsys.readouterr()
    assert out.out.count("QC703") == 1 and "30 days" in out.out and "04 working days" not in out.out
    assert "1 findings accepted by the baseline b.json" in out.err


def test_a_baseline_of_the_first_form_is_still_read(reg: Path, capsys: pytest.CaptureFixture[str]):
    article = reg / "articles" / "dieu-01.yaml"
    _edit(article, "within: {working_days: 3}}", "within: {working_days: 4}}")
    assert main(["check", "reg", "--write-baseline", "b.json", *E]) == 0
    data = json.loads(Path("b.json").read_text(encoding="utf-8"))
    old = {"version": 1, "findings": [{k: v for k, v in e.items() if k != "digest"} for e in data["findings"]]}
    Path("b.json").write_text(json.dumps(old), encoding="utf-8")
    capsys.readouterr()
    assert main(["check", "reg", "--baseline", "b.json", *E]) == 0
    assert "first form (version 1)" in capsys.readouterr().err
