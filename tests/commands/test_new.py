"""``quyche new``: a draft amendment that loads and changes nothing, and a regulation folder that checks clean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.loading.amendment import parse_amendment
from tests.conftest import MINIMAL, ROOT, tree_digest

UBDT_2023 = ROOT / "rules" / "ubdt-2023"
_OPERATION = re.compile(r"^#  - (\w+):", re.M)


def _uncomment(text: str, kind: str) -> str:
    """Return the template with the commented example of one operation made live."""
    lines, out, live = text.splitlines(), [], False
    for line in lines:
        start = _OPERATION.match(line)
        if start is not None:
            live = start.group(1) == kind
        elif not line.startswith("#    ") and not line.startswith("#      "):
            live = False
        out.append(line[1:] if live else line)
    return "\n".join(out) + "\n"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_new_amendment_loads_and_diff_finds_nothing(tmp_path: Path, lang: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    before = tree_digest(UBDT_2023)
    assert main(["new", "amendment", "--base", str(UBDT_2023), "-o", "sua-doi.yaml", "--lang", lang]) == 0
    text = (tmp_path / "sua-doi.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    schema = text.splitlines()[0].split("=", 1)[1]
    assert (tmp_path / schema).resolve() == ROOT / "quyche_rules" / "schema" / "amendment.schema.json"
    amendment = parse_amendment(text.encode(), "sua-doi.yaml")
    assert amendment.amendment.amends == "ubdt-2023" and amendment.operations == ()
    assert {b.id for b in amendment.amendment.bases} >= {"nd-30-2020"}
    kinds = set(_OPERATION.findall(text))
    assert kinds == {"amend", "insert", "repeal", "replace_article", "replace_phrase", "rename", "merge", "split",
                     "dissolve"}
    for kind in kinds:  # each example, made live, loads
        live = parse_amendment(_uncomment(text, kind).encode(), "sua-doi.yaml")
        assert len(live.operations) == 1, kind
    assert main(["diff", str(UBDT_2023), "sua-doi.yaml", "--engine", "reference"]) == 0
    assert tree_digest(UBDT_2023) == before


def test_a_new_amendment_never_overwrites(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "sua-doi.yaml"
    out.write_text("giữ nguyên\n", encoding="utf-8")
    assert main(["new", "amendment", "--base", str(MINIMAL), "-o", str(out), "--lang", "en"]) == 2
    assert "exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "giữ nguyên\n"
    assert main(["new", "amendment", "-o", str(tmp_path / "x.yaml")]) == 2  # no --base
    assert main(["new", "amendment", "--base", str(MINIMAL), "-o", str(MINIMAL / "x.yaml")]) == 2  # inside a folder
    assert not (MINIMAL / "x.yaml").exists()


def test_a_new_amendment_without_output_is_printed(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "amendment", "--base", str(MINIMAL), "--effective", "2024-06-01"]) == 0
    out = capsys.readouterr().out
    assert "amends: mau-toi-thieu" in out and "effective: 2024-06-01" in out


def test_a_new_regulation_checks_clean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "bo-xyz"
    assert main(["new", "regulation", "bo-xyz", "-o", str(out)]) == 0
    assert (out / "regulation.yaml").read_text(encoding="utf-8").count("id: bo-xyz") == 1
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.yaml")) == [
        "actors.yaml", "articles/dieu-01.yaml", "articles/dieu-02.yaml", "regulation.yaml", "tasks.yaml"]
    capsys.readouterr()
    assert main(["check", str(out), "--engine", "reference", "--fail-on", "info"]) == 0
    assert main(["new", "regulation", "bo-xyz", "-o", str(out)]) == 2  # exists: never overwritten
    assert main(["new", "regulation", "Bộ XYZ", "-o", str(tmp_path / "b")]) == 2  # not an id
    assert "bo-xyz" in capsys.readouterr().err


@pytest.mark.parametrize(("args", "said"), [
    (["BAD_ID"], "'BAD_ID' is not an ASCII id for the regulation"),
    (["Bộ XYZ"], "'Bộ XYZ' is not an ASCII id for the regulation"),
    ([], "quyche new regulation needs NAME"),
])
def test_a_new_regulation_needs_an_ascii_id_and_says_which_is_wrong(tmp_path: Path, args: list[str], said: str,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["new", "regulation", *args, "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert said in err and "expected: lower-case ASCII letters, digits and hyphens" in err
    assert list(tmp_path.iterdir()) == []
