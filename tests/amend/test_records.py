"""A consolidated text records the amendments it incorporates: one given again is refused, the chain is kept.

Also: an amendment of another regulation is refused at its ``amends:`` and is neither applied, nor listed, nor
counted as applied.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.cli import main
from quyche_rules.loading import load_regulation
from quyche_rules.workspace.folders import dump_regulation
from tests.amend.helpers import SMALL, amendment, small

PHRASE = "- replace_phrase: {from: hằng tháng, to: hằng quý, count: 1}\n"
RENAME = "- rename: {actor: trung-tam-x, to: {name: Trung tâm X mới}}\n"


def _written(tmp_path: Path, *amendments: str) -> Path:
    """Return the folder of the consolidated text of ``small()`` with ``amendments`` (operations, ids sd-1…)."""
    result = apply_amendments(small(), [amendment(ops, id=f"sd-{i}", number=f"{i}/QĐ-MAU")
                                        for i, ops in enumerate(amendments, 1)])
    assert result.findings == ()
    dump_regulation(result.regulation, tmp_path / "hn")
    return tmp_path / "hn"


@pytest.mark.parametrize(("operations", "where"), [
    (PHRASE, "regulation.yaml"),  # the record, before any provision's history
    (RENAME, "regulation.yaml"),  # an amendment that changed no provision: the record alone knows it
])
def test_an_amendment_the_consolidated_base_incorporates_is_refused_where_it_is_recorded(
        tmp_path: Path, operations: str, where: str) -> None:
    base = load_regulation(_written(tmp_path, operations)).regulation
    again = apply_amendments(base, [amendment(operations, id="sd-1", number="1/QĐ-MAU")])
    (found,) = again.findings
    assert (found.code, found.location.file, found.location.line) == ("QC009", "sua-doi.yaml", 1)
    assert found.location.column == len("amendment: {") + 1  # at the id
    assert f"is already given in {tmp_path / 'hn' / where}:" in found.message.en
    assert "the base mau-sua-doi is a consolidated text that already incorporates it" in found.message.en
    assert "đã có văn bản sửa đổi này" in found.message.vi
    assert again.applied == () and again.regulation == base  # the phrase is not replaced twice


def test_the_history_of_a_provision_tells_an_amendment_applied_even_without_the_record(tmp_path: Path) -> None:
    base = load_regulation(_written(tmp_path, PHRASE)).regulation
    base = base.model_copy(update={"meta": base.meta.model_copy(update={"consolidation": None})})
    (found,) = apply_amendments(base, [amendment(PHRASE, id="sd-1")]).findings
    assert found.code == "QC009" and "(history, khoản 1 Điều 2)" in found.message.en


def test_a_consolidation_of_a_consolidation_keeps_the_original_date_and_the_whole_chain(tmp_path: Path) -> None:
    base = load_regulation(_written(tmp_path, PHRASE)).regulation
    later = amendment("- repeal: khoản 3 Điều 2\n", id="sd-2", number="2/QĐ-MAU", effective="2024-05-01")
    record = apply_amendments(base, [later]).regulation.meta.consolidation
    assert record is not None and record.original_effective == small().effective
    assert [(a.id, a.instrument, a.effective.isoformat()) for a in record.amendments] == [
        ("sd-1", "1/QĐ-MAU", "2024-03-01"), ("sd-2", "2/QĐ-MAU", "2024-05-01")]


def test_the_header_of_a_consolidation_of_a_consolidation_says_the_original_date_and_every_amendment(
        tmp_path: Path) -> None:
    first = _written(tmp_path, PHRASE)
    draft = tmp_path / "sd-2.yaml"
    draft.write_text("amendment: {id: sd-2, amends: mau-sua-doi, instrument: {number: 2/QĐ-MAU, date: 2024-02-01}, "
                     "effective: 2024-05-01}\noperations:\n  - repeal: khoản 3 Điều 2\n", encoding="utf-8")
    assert main(["amend", str(first), str(draft), "-o", str(tmp_path / "hn2")]) == 0
    head = (tmp_path / "hn2" / "regulation.yaml").read_text(encoding="utf-8").splitlines()[:6]
    original = small().effective.strftime("%d/%m/%Y")
    assert any(f"Văn bản gốc: {small().meta.number}, có hiệu lực từ ngày {original}" in line for line in head)
    assert any("1/QĐ-MAU (sd-1), có hiệu lực từ ngày 01/03/2024" in line for line in head)
    assert any("2/QĐ-MAU (sd-2), có hiệu lực từ ngày 01/05/2024" in line for line in head)


def test_an_amendment_of_another_regulation_is_refused_at_amends_and_not_recorded_as_applied() -> None:
    am = amendment("- repeal: khoản 1 Điều 1\n", amends="quy-che-khac")
    result = apply_amendments(small(), [am])
    (found,) = result.findings
    assert (found.code, found.location.line) == ("QC601", 1)
    assert found.location.column == len("amendment: {id: sd-1, ") + 1
    assert found.message.en == ("Regulation quy-che-khac is not the regulation amended; the base is mau-sua-doi: this "
                                "amendment is not applied")
    assert found.fix is not None and "set amends: mau-sua-doi" in found.fix.en and "amends:" in found.fix.vi
    assert result.applied == () and result.regulation == small()
    assert result.regulation.meta.consolidation is None


def test_quyche_amend_does_not_list_or_count_an_amendment_of_another_regulation(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = tmp_path / "base"
    shutil.copytree(SMALL, base)
    draft = tmp_path / "khac.yaml"
    draft.write_text("amendment:\n  id: sd-khac\n  amends: quy-che-khac\n  instrument: {number: 9/QĐ-MAU, date: "
                     "2024-02-01}\n  effective: 2024-03-01\noperations:\n  - repeal: khoản 1 Điều 1\n",
                     encoding="utf-8")
    assert main(["amend", str(base), str(draft), "-o", str(tmp_path / "out"), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert "khac.yaml:3:3" in out and "0 amendment(s) applied" in out
    assert "sd-khac" not in (tmp_path / "out" / "regulation.yaml").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "out" / ".quyche-amend.json").read_text(encoding="utf-8"))["amendments"] == []
