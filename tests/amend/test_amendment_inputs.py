"""Amendments that used to be accepted silently: given twice, in effect too early, read as of a day too early.

Two files with one id, or the same file given twice, are QC009 and the second is not applied; an amendment in
effect before its own signing or before the regulation it amends is QC608; ``--on`` before the regulation took
effect is a usage error (exit 2) in every command that takes it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quyche_rules.cli import main
from tests.amend.helpers import SMALL

HEADER = ("amendment:\n  {{id: {id}, amends: mau-sua-doi, instrument: {{number: {number}, date: {signed}}}, "
          "effective: {effective}}}\noperations:\n")
AMEND = "  - amend: khoản 2 Điều 1\n    with: {{text: {text}}}\n"


def amendment(tmp_path: Path, name: str, *, id: str = "sd-1", number: str = "2/QĐ-MAU", signed: str = "2024-02-01",
              effective: str = "2024-03-01", text: str = "Văn phòng tổng hợp.") -> Path:
    path = tmp_path / name
    body = HEADER.format(id=id, number=number, signed=signed, effective=effective) + AMEND.format(text=text)
    path.write_text(body, encoding="utf-8")
    return path


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    shutil.copytree(SMALL, folder)
    return folder


def findings(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[dict[str, object]]]:
    rc = main(["diff", *argv, "--format", "json", "--lang", "en"])
    out = json.loads(capsys.readouterr().out)
    return rc, [f for c in out["comparisons"] for f in c["findings"]["introduced"]]


def test_the_same_file_given_twice_is_reported_and_applied_once(base: Path, tmp_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    one = amendment(tmp_path, "a.yaml")
    rc, found = findings(capsys, str(base), str(one), str(one))
    dup = [f for f in found if f["code"] == "QC009"]
    assert rc == 1 and len(dup) == 1
    assert "the same file is given twice" in str(dup[0]["message"])
    assert not [f for f in found if f["code"] == "QC602"]  # applied once: it does not conflict with itself


def test_two_files_with_one_id_are_reported_and_only_the_first_applies(base: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    first = amendment(tmp_path, "a.yaml", text="Văn phòng tổng hợp.")
    second = amendment(tmp_path, "b.yaml", text="Vụ A tổng hợp.")
    rc, found = findings(capsys, str(base), str(first), str(second))
    (dup,) = [f for f in found if f["code"] == "QC009"]
    assert rc == 1 and "two files carry the same id" in str(dup["message"]) and "a.yaml" in str(dup["message"])
    assert str(dup["location"]["file"]).endswith("b.yaml")  # type: ignore[index]
    out = tmp_path / "out"
    assert main(["amend", str(base), str(first), str(second), "-o", str(out)]) == 1
    assert "Văn phòng tổng hợp." in (out / "articles" / "dieu-01.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("signed", "effective", "why"), [
    ("2024-02-01", "2024-01-15", "before the signing of 2/QĐ-MAU (2024-02-01)"),
    ("2019-01-01", "2019-02-01", "before the day regulation mau-sua-doi took effect"),
])
def test_an_amendment_in_effect_too_early_is_reported(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                      signed: str, effective: str, why: str) -> None:
    path = amendment(tmp_path, "a.yaml", signed=signed, effective=effective)
    rc, found = findings(capsys, str(base), str(path))
    (early,) = [f for f in found if f["code"] == "QC608"]
    assert rc == 1 and why in str(early["message"])
    assert early["location"] == {"file": str(path), "line": 1, "column": 1}  # the header


def test_a_draft_without_a_number_yet_is_not_an_error(base: Path, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    rc, found = findings(capsys, str(base), str(amendment(tmp_path, "a.yaml", number="''")))
    assert rc == 0 and found == []


def test_on_before_the_regulation_took_effect_is_a_usage_error(base: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = str(amendment(tmp_path, "a.yaml"))
    effective = next(line.split(":", 1)[1].strip() for line in (base / "regulation.yaml").read_text().splitlines()
                     if line.startswith("effective:"))
    commands = [
        ["check", str(base)],
        ["diff", str(base), path],
        ["amend", str(base), path, "-o", str(tmp_path / "out")],
        ["report", str(base), "--amendment", path, "-o", str(tmp_path / "r.html")],
        ["who", "ke-hoach-nam", str(base)],
    ]
    for argv in commands:
        assert main([*argv, "--on", "2000-01-01", "--lang", "en"]) == 2, argv
        err = capsys.readouterr().err
        assert f"--on 2000-01-01 is before regulation mau-sua-doi took effect ({effective})" in err, argv
    assert not (tmp_path / "out").exists() and not (tmp_path / "r.html").exists()
