"""The law catalogue: every instrument once, dated, linked to what replaced it; ``quyche law`` shows it."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.cli import main
from quyche_rules.errors import InternalError
from quyche_rules.law import catalogue, number_key
from quyche_rules.law.catalogue import _check
from quyche_rules.model.law import Instrument

LAW = catalogue()


def test_every_instrument_a_check_cites_is_in_the_catalogue() -> None:
    cited = {ref.source for spec in all_checks().values() for ref in spec.legal_basis}
    assert cited and cited <= set(LAW.instruments)


def test_no_two_entries_describe_one_instrument() -> None:
    keys = [number_key(i.number) for i in LAW]
    assert len(keys) == len(set(keys))
    twin = LAW.instruments["nd-30-2020"].model_copy(update={"id": "nd-30-2020-bis"})
    with pytest.raises(InternalError, match="describe one instrument"):
        _check({**LAW.instruments, twin.id: twin})


def test_an_entry_naming_an_instrument_the_catalogue_lacks_is_refused() -> None:
    entry = LAW.instruments["nd-39-2022"]
    broken = entry.model_copy(update={"amended_by": ("nd-1-2099",)})
    with pytest.raises(InternalError, match="does not hold"):
        _check({**LAW.instruments, entry.id: broken})


@pytest.mark.parametrize("spelling", ["30/2020/NĐ-CP", "số 30/2020/NĐ-CP", "30/2020/ND-CP", "Số 30 / 2020 / nđ-cp"])
def test_a_number_is_found_however_it_is_spelt(spelling: str) -> None:
    found = LAW.by_number(spelling)
    assert found is not None and found.id == "nd-30-2020"


@pytest.mark.parametrize(("day", "expected"), [
    (dt.date(2017, 1, 1), "nd-138-2016"),
    (dt.date(2022, 6, 18), "nd-39-2022"),
    (dt.date(2026, 5, 28), "nd-39-2022"),
    (dt.date(2026, 5, 29), "nd-191-2026"),
])
def test_the_government_working_regulation_in_force_follows_its_replacements(day: dt.date, expected: str) -> None:
    now = LAW.in_force_on("nd-138-2016", day)
    assert now is not None and now.id == expected


def test_nothing_in_force_before_the_first_of_a_line() -> None:
    assert LAW.in_force_on("nd-30-2020", dt.date(2019, 12, 31)) is None
    assert LAW.in_force_on("luat-80-2015", dt.date(2025, 4, 1)).id == "luat-64-2025"  # type: ignore[union-attr]


def test_history_lists_the_line_oldest_first_from_any_member() -> None:
    line = [i.id for i in LAW.history("nd-39-2022")]
    assert line == ["nd-138-2016", "nd-39-2022", "nd-191-2026"]
    assert [i.id for i in LAW.history("nd-191-2026")] == line


def test_an_instrument_is_in_force_from_its_effective_day_to_the_day_before_its_replacement() -> None:
    entry = LAW.instruments["nd-39-2022"]
    assert entry.in_force_on(entry.effective) and not entry.in_force_on(entry.effective - dt.timedelta(days=1))
    assert entry.last_day == dt.date(2026, 5, 28) and not entry.in_force_on(dt.date(2026, 5, 29))


def test_other_bodies_regulations_are_practice_and_say_whose() -> None:
    practice = [i for i in LAW if i.standing == "practice"]
    assert {i.id for i in practice} >= {"qd-355-2022-bgddt", "qd-4388-2017-bgddt"}
    assert all(i.practice_of for i in practice)


def test_verified_quotes_are_verbatim_from_the_shipped_sources() -> None:
    """Quotes marked verified in Nghị định 30/2020 are found word for word in the codified text (fixtures)."""
    from tests.conftest import ROOT

    source = (ROOT / "fixtures" / "law" / "nd-30-2020-cong-tac-van-thu.md").read_text(encoding="utf-8")
    flat = " ".join(source.split())
    quotes = [q for q in LAW.instruments["nd-30-2020"].provisions if q.verified and q.text]
    assert len(quotes) >= 10
    for quote in quotes:
        for paragraph in quote.text.split("\n"):
            assert " ".join(paragraph.split()) in flat, (quote.provision, paragraph[:80])


def test_a_local_instrument_joins_the_catalogue_but_never_shadows_it() -> None:
    local = Instrument.model_validate({
        "id": "qd-7-2024-x", "number": "7/2024/QĐ-X", "kind": "decision", "name": "Quyết định 7/2024/QĐ-X",
        "title": "t", "issuer": "X", "signed": "2024-01-01", "effective": "2024-01-01", "standing": "binding"})
    shadow = LAW.instruments["nd-30-2020"].model_copy(update={"name": "changed"})
    merged = LAW.with_local([local, shadow])
    assert "qd-7-2024-x" in merged and merged.instruments["nd-30-2020"].name == "Nghị định 30/2020/NĐ-CP"


# -- quyche law --------------------------------------------------------------------------------------------------------

def test_quyche_law_lists_every_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    for entry in LAW:
        assert entry.id in out and entry.number in out


def test_quyche_law_json_lists_every_instrument_with_its_dates(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    rows = doc if isinstance(doc, list) else doc["instruments"]
    assert {r["id"] for r in rows} == set(LAW.instruments)


def test_quyche_law_id_shows_the_history_and_the_quotes(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "nd-39-2022", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "Nghị định 138/2016/NĐ-CP" in out and "Nghị định 191/2026/NĐ-CP" in out and "2026-05-29" in out
    assert main(["law", "nd-30-2020", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "khoản 3 Điều 13" in out and "không được ủy quyền lại cho người khác ký" in out
    assert "QC402" in out  # the checks that cite it


def test_quyche_law_of_an_unknown_id_is_a_usage_error_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["law", "nd-30-202", "--lang", "en"]) == 2
    assert "nd-30-2020" in capsys.readouterr().err
