"""Findings cite the law in force on the day checked; its standing and force set what a finding may claim."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.checks.legal import adjusted, bases_on, basis_of
from quyche_rules.checks.spec import LegalRef
from quyche_rules.cli import main
from quyche_rules.commands.examples import run_example
from quyche_rules.findings import Severity
from tests.conftest import FIXTURES

TUQ = LegalRef("nd-30-2020", "khoản 3 Điều 13")
PRACTICE = LegalRef("qd-355-2022-bgddt", "Điều 2")
BASE_SMALL = FIXTURES / "amendments" / "base-small"


def test_a_basis_not_yet_in_force_says_so_and_lowers_the_finding_to_info() -> None:
    day = dt.date(2019, 7, 1)
    (basis,) = bases_on((TUQ,), day)
    assert (basis.status, basis.standing) == ("not_yet", "binding")
    severity, why = adjusted(Severity.ERROR, (basis,), day)
    assert severity is Severity.INFO and why is not None and "Nghị định 30/2020/NĐ-CP" in why.en
    assert "2019-07-01" in why.vi


def test_a_basis_in_force_keeps_the_severity() -> None:
    day = dt.date(2021, 1, 1)
    assert adjusted(Severity.ERROR, bases_on((TUQ,), day), day) == (Severity.ERROR, None)


def test_practice_alone_caps_at_warning_and_says_whose() -> None:
    day = dt.date(2024, 1, 1)
    bases = bases_on((PRACTICE,), day)
    severity, why = adjusted(Severity.ERROR, bases, day)
    assert severity is Severity.WARNING and why is not None and "Bộ Giáo dục và Đào tạo" in why.en
    assert "practice of" in why.en and "thực tiễn" in why.vi


def test_law_in_force_outranks_practice() -> None:
    day = dt.date(2024, 1, 1)
    assert [b.source for b in bases_on((TUQ, PRACTICE), day)] == ["nd-30-2020"]


def test_a_rule_followed_by_analogy_is_practice_not_law() -> None:
    basis = basis_of(LegalRef("nd-34-2016", "Điều 62", analogy=True), dt.date(2020, 1, 1))
    assert basis.standing == "practice" and basis.analogy
    severity, why = adjusted(Severity.ERROR, (basis,), dt.date(2020, 1, 1))
    assert severity is Severity.WARNING and why is not None and "analogy" in why.en


def test_of_a_line_only_the_member_in_force_is_cited() -> None:
    line = (LegalRef("nd-39-2022", "Điều 2"), LegalRef("nd-191-2026", "Điều 3"))
    assert [b.source for b in bases_on(line, dt.date(2024, 1, 1))] == ["nd-39-2022"]
    assert [b.source for b in bases_on(line, dt.date(2026, 7, 1))] == ["nd-191-2026"]


# -- a regulation under Nghị định 191/2026 ---------------------------------------------------------------------------

#: instruments no finding may cite on a regulation of July 2026 resting on Nghị định 191/2026 only
STALE_OR_FOREIGN = {"nd-39-2022", "nd-66-2022", "qd-355-2022-bgddt", "qd-4388-2017-bgddt", "luat-80-2015",
                    "nd-138-2016"}


def _in_2026(snippet: str) -> str:
    data = yaml.safe_load(snippet) or {}
    meta = data.setdefault("regulation", {})
    meta.update({"signed": "2026-07-01", "effective": "2026-07-01", "legal_bases": ["nd-191-2026"]})
    amendment = data.get("amendment")
    if isinstance(amendment, str):  # the amendment examples follow the regulation, three years on
        data["amendment"] = amendment.replace("2024-", "2027-")
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def test_a_regulation_under_decree_191_is_never_told_of_replaced_or_foreign_rules() -> None:
    fired: set[str] = set()
    for code, spec in sorted(all_checks().items()):
        if spec.examples is None or code in ("QC111",):
            continue
        for finding in run_example(_in_2026(spec.examples.fires)).findings:
            fired.add(finding.code)
            cited = {b.source for b in finding.basis}
            assert not cited & STALE_OR_FOREIGN, (code, finding.code, cited)
            assert "Ủy ban Dân tộc" not in finding.message.vi, (code, finding.message.vi)
    assert len(fired) >= 40  # the examples still fire in 2026: the test sees most of the catalogue


def test_the_bundled_regulation_2017_cites_the_law_of_2017() -> None:
    """QC504 on the 2017 model: Nghị định 30/2020 was not yet in force, so the finding is info and says so."""
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.loading import load_regulation
    from tests.conftest import ROOT

    found = [f for f in run_checks(load_regulation(ROOT / "rules" / "ubdt-2017")).findings if f.code == "QC504"]
    assert found and all(f.severity is Severity.INFO for f in found)
    assert all("2017-09-25" in f.message.en and "Nghị định 30/2020/NĐ-CP" in f.message.en for f in found)


# -- QC111 at the place the stale instrument is written ----------------------------------------------------------------

def _amendment(tmp_path: Path, effective: str, *, bases: str = "", text: str = "") -> Path:
    body = (f"amendment:\n  id: sua-doi-can-cu\n  amends: mau-sua-doi\n"
            f"  instrument: {{number: 9/QĐ-MAU, date: {effective}}}\n  effective: {effective}\n")
    if bases:
        body += f"  bases: [{bases}]\n"
    body += "operations:\n"
    body += ("  - insert:\n      after: Điều 1\n      article:\n        article: '1a'\n        title: Thực hiện\n"
             f"        chapter: I\n        text: {text or 'Các đơn vị thực hiện Quy chế này.'}\n")
    path = tmp_path / "sua-doi.yaml"
    path.write_text(body, encoding="utf-8")
    return path


def _introduced(capsys: pytest.CaptureFixture[str], amendment: Path) -> list[dict[str, object]]:
    import json

    main(["diff", str(BASE_SMALL), str(amendment), "--format", "json", "--lang", "en"])
    doc = json.loads(capsys.readouterr().out)
    return [f for f in doc["comparisons"][0]["findings"]["introduced"] if f["code"] == "QC111"]


def test_an_amendment_basis_replaced_before_its_effective_date_is_qc111_at_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (f,) = _introduced(capsys, _amendment(tmp_path, "2026-07-01", bases="nd-39-2022"))
    assert f["location"]["file"].endswith("sua-doi.yaml") and f["location"]["line"] == 6  # type: ignore[index]
    assert "Nghị định 191/2026/NĐ-CP" in str(f["message"])
    assert _introduced(capsys, _amendment(tmp_path, "2026-01-01", bases="nd-39-2022")) == []


def test_an_instrument_cited_in_an_amended_text_is_judged_on_the_amendment_s_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = "'Các đơn vị thực hiện theo Nghị định số 39/2022/NĐ-CP của Chính phủ.'"
    (f,) = _introduced(capsys, _amendment(tmp_path, "2026-07-01", text=text))
    assert f["location"]["line"] == 9 and "Điều 1a" in str(f["message"])  # type: ignore[index]
    assert _introduced(capsys, _amendment(tmp_path, "2026-01-01", text=text)) == []


def test_a_regulation_basis_not_in_force_is_qc111_at_its_line(tmp_path: Path) -> None:
    found = run_example("regulation:\n  legal_bases: [nd-138-2016, nd-30-2020]").findings
    (f,) = [f for f in found if f.code == "QC111"]
    assert f.location.file.endswith("regulation.yaml") and "Nghị định 39/2022/NĐ-CP" in f.message.en


def test_an_instrument_the_catalogue_lacks_is_reported_as_unknown_not_guessed() -> None:
    snippet = ("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Theo Thông tư số 05/2021/TT-BXYZ và "
               "Nghị định số 30/2020/NĐ-CP.'}")
    found = run_example(snippet).findings
    assert [f.code for f in found] == ["QC013"]
    assert "05/2021/TT-BXYZ" in found[0].message.en and "30/2020" not in found[0].message.en


def test_an_instrument_the_regulation_describes_itself_is_known() -> None:
    snippet = ("regulation:\n  instruments:\n    - {id: tt-05-2021-bxyz, number: 05/2021/TT-BXYZ, kind: circular, "
               "name: Thông tư 05/2021/TT-BXYZ, title: Thông tư, issuer: Bộ XYZ, signed: 2021-01-01, "
               "effective: 2021-02-01, standing: binding}\n"
               "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Theo Thông tư số 05/2021/TT-BXYZ.'}")
    assert [f.code for f in run_example(snippet).findings] == []


# -- explain ----------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("code", sorted(all_checks()))
def test_explain_marks_every_basis_binding_practice_or_unverified(
    code: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", code, "--lang", "en"]) == 0
    out = capsys.readouterr().out
    section = out.split("## Legal basis", 1)[1].split("\n## ", 1)[0]
    items = [line for line in section.splitlines() if line.startswith("- ")]
    assert items
    for item in items:
        assert any(word in item for word in ("(binding", "(practice", "(unverified", "none: a rule of the tool")), item
