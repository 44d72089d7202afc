"""Names are one line (refused at load otherwise), and the outputs stay safe anyway: no text line can start a
GitHub workflow command, a Markdown table row or heading never splits, Markdown shows names as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from quyche_rules.cli import main
from quyche_rules.reports.templating import md, md_plain
from quyche_rules.reports.text import render_text
from tests.reports.test_sarif_links import _finding

E = ["--engine", "reference", "--lang", "en", "--no-cache"]


@pytest.fixture
def reg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "regulation", "x", "-o", "reg"]) == 0
    return tmp_path / "reg"


@pytest.mark.parametrize("char", ["\\n", "\\u2028", "\\u2029", "\\x85", "\\r", "\\x1e"])
def test_a_name_with_a_line_break_is_refused_at_its_line(reg: Path, char: str, capsys: pytest.CaptureFixture[str]):
    actors = reg / "actors.yaml"
    text = actors.read_text(encoding="utf-8")
    assert "{id: vu-b, name: Vụ B," in text
    actors.write_text(text.replace("{id: vu-b, name: Vụ B,", f'{{id: vu-b, name: "Vụ B{char}::error x::y",'),
                      encoding="utf-8")
    line = next(i for i, ln in enumerate(actors.read_text(encoding="utf-8").splitlines(), 1) if "vu-b," in ln)
    capsys.readouterr()
    assert main(["check", "reg", *E]) == 1
    out = capsys.readouterr().out
    assert f"reg/actors.yaml:{line}:" in out
    assert ("QC003" in out and "A name is one line: the character U+" in out) or "QC006" in out  # (C1: QC006)
    assert not any(ln.lstrip().startswith("::") for ln in out.splitlines())


def test_multi_line_text_is_indented_and_never_a_workflow_command():
    finding = _finding().model_copy(update={"message": _finding().message.__class__.of(
        "một\n::error file=x::hai\u2028ba", "one\n::error file=x::two\u2028three")})
    out = render_text([finding], {}, lang="en")
    lines = out.splitlines()
    assert not any(ln.lstrip().startswith("::") for ln in lines)
    assert "    \\::error file=x::two" in lines and "    three" in lines


def test_markdown_never_splits_a_row_and_shows_names_as_written():
    renderer = MarkdownIt("commonmark").enable("table")
    cell = md("Vụ B\u2028tail | x\u2029y\x85z")
    assert "\u2028" not in cell and "\u2029" not in cell and "\x85" not in cell
    html = renderer.render(f"| a | b |\n| - | - |\n| {cell} | 1 |\n")
    assert html.count("<tr>") == 2
    name = "Vụ `B &lt;i&gt; & `mã` A"
    heading = renderer.render(f"## 3. {md_plain(name)} `vu-b`\n")
    assert "<code>vu-b</code>" in heading and heading.count("<code>") == 1
    assert "Vụ `B &amp;lt;i&amp;gt; &amp; `mã` A" in heading  # as written: entities and backticks shown
    assert "&amp;lt;" in renderer.render(md("a &lt;b"))
