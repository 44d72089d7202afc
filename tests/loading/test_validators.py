"""Every check a model makes of its own is said in both languages, with a fix; the one "did you mean"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from quyche_rules.citations import Citation
from quyche_rules.loading.problems import close_matches, did_you_mean, fold
from quyche_rules.loading.validators import translate
from quyche_rules.model import ActorsFile, Article, RegulationMeta
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.model.law import Instrument

MODEL = Path(__file__).resolve().parents[2] / "quyche_rules" / "model"
AM = {"amendment": {"id": "a", "amends": "r", "instrument": {"number": "1", "date": "2024-01-01"},
                    "effective": "2024-01-01"}}
INSTRUMENT = {"id": "nd-1-2020", "number": "1/2020/NĐ-CP", "kind": "decree", "name": "n", "title": "t",
              "issuer": "i", "signed": "2020-01-01", "effective": "2020-02-01"}
REG = {"id": "r", "number": "1", "title": "t", "issuer": "i", "body": "b", "signed": "2024-01-01",
       "effective": "2024-01-01"}


def _deadline(within: dict[str, Any]) -> dict[str, Any]:
    return {"article": "1", "title": "t", "clauses": [
        {"clause": "1", "text": "t", "norms": [{"deadline": {"task": "t", "within": within}}]}]}


def _ops(*ops: dict[str, Any]) -> dict[str, Any]:
    return {**AM, "operations": list(ops)}


#: one input for every ``raise ValueError`` of the models
TRIGGERS: list[tuple[type[BaseModel], dict[str, Any]]] = [
    (RegulationMeta, {**REG, "id": "Quy Chế"}),
    (RegulationMeta, {**REG, "regime": "mixed", "collective": {"body": "b", "quorum": "3/2"}}),
    (RegulationMeta, {**REG, "collective": {"body": "b"}}),  # under headship (the default regime)
    (RegulationMeta, {**REG, "legal_bases": [{"number": "x", "title": "y"}]}),
    (Article, _deadline({"working_days": 5, "days": 3})),
    (Article, _deadline({"same_day": True, "min": 2})),
    (Article, _deadline({"working_days": 3, "before": True})),
    (Article, _deadline({"working_days": 3, "min": 5})),
    (Article, _deadline({"working_days": 3, "next_month": True})),
    (Article, _deadline({"day_of_year": "02-30"})),
    (Article, _deadline({"working_days": 3, "latest": True})),
    (Article, _deadline({"at_next": True})),
    (RegulationMeta, {**REG, "procedures": [{"name": "p", "steps": ["khoản 1 Điều 2", "khoản 1 Điều 2"]}]}),
    (Article, {"article": "1", "title": "t", "clauses": [{"clause": "1", "text": "t",
                                                           "lint": {"ignore": ["QC20"], "reason": "r"}}]}),
    (Article, {"article": "0", "title": "t"}),
    (AmendmentFile, _ops({"amend": "khoản 1 Điều 7", "with": {}})),
    (AmendmentFile, _ops({"amend": "khoản 1 Điều 7", "with": {"title": "x"}})),
    (AmendmentFile, _ops({"insert": {"after": "Điều 4"}})),
    (AmendmentFile, _ops({"insert": {"after": "Điều 4", "into": "Điều 4", "clause": {"clause": "1", "text": "t"}}})),
    (AmendmentFile, _ops({"insert": {"into": "Điều 4", "article": {"article": "5", "title": "t"}}})),
    (AmendmentFile, _ops({"insert": {"clause": {"clause": "1", "text": "t"}}})),
    (AmendmentFile, _ops({"dissolve": {"actor": "x", "takes_over": "all"}})),
    (ActorsFile, {"actors": [{"id": "a", "name": "A", "kind": "unit", "valid_from": "2024-01-02",
                              "valid_until": "2024-01-01"}]}),
    (ActorsFile, {"actors": [{"id": "a", "name": "A", "kind": "unit", "members": ["b"]}]}),
    (ActorsFile, {"actors": [{"id": "a", "name": "A", "kind": "role"}]}),
    (ActorsFile, {"actors": [{"id": "a", "name": "A\u2028::error x", "kind": "body"}]}),  # a name is one line
    (Instrument, {**INSTRUMENT, "effective": "2019-01-01"}),
    (Instrument, {**INSTRUMENT, "ended": "2021-01-01", "replaced_by": {"by": "x", "from": "2021-01-01"}}),
    (Instrument, {**INSTRUMENT, "replaced_by": {"by": "x", "from": "2020-01-01"}}),
    (Instrument, {**INSTRUMENT, "standing": "practice"}),
    (Instrument, {**INSTRUMENT, "provisions": [{"provision": "Điều 1"}, {"provision": "Điều 1"}]}),
    (Citation, {}),
    (Citation, {"clause": "1"}),
    (Citation, {"section": "1"}),
]


def _messages(model: type[BaseModel], data: dict[str, Any]) -> list[tuple[str, str, Any]]:
    with pytest.raises(ValidationError) as failed:
        model.model_validate(data)
    errors = [e for e in failed.value.errors(include_url=False) if e["type"] == "value_error"]
    assert errors, failed.value
    return [(str(e["ctx"]["error"]), str(next((p for p in reversed(e["loc"]) if isinstance(p, str)), "")),
             e.get("input")) for e in errors]


@pytest.mark.parametrize(("model", "data"), TRIGGERS, ids=[f"{m.__name__}-{i}" for i, (m, _) in enumerate(TRIGGERS)])
def test_each_model_check_is_translated_with_a_fix(model: type[BaseModel], data: dict[str, Any]) -> None:
    for message, key, given in _messages(model, data):
        what, fix = translate(message, key, given)
        assert fix is not None, message
        assert what.vi != what.en and fix.vi != fix.en, message


def test_the_triggers_cover_every_check_the_models_write() -> None:
    raised = sum(len(re.findall(r"raise ValueError\(", p.read_text(encoding="utf-8"))) for p in MODEL.glob("*.py"))
    citation_checks = 4  # quyche_rules/citations/model.py: three messages, one per level problem
    assert len(TRIGGERS) >= raised + citation_checks - 2  # _check_slug and _number each stand for one message


def test_did_you_mean_compares_without_diacritics() -> None:
    assert fold("Điều khoản đ") == "dieu khoan d"
    assert did_you_mean("khoan 3 Dieu 10", ["khoản 3 Điều 10", "khoản 3 Điều 1"]) == "khoản 3 Điều 10"
    assert did_you_mean("vu-tong-hopp", ["vu-tong-hop", "van-phong"]) == "vu-tong-hop"
    assert did_you_mean("zzz", ["vu-tong-hop"]) is None
    assert close_matches("Dieu 9", ["Điều 8", "Điều 9", "Điều 39"], n=2)[0] == "Điều 9"


@pytest.mark.parametrize(("file", "line", "expected"), [
    ("actors.yaml", "  - {id: vu-z, name: Vụ Z, kind: unit, parent: co-quan, valid_from: 2024-05-01, "
                    "valid_until: 2023-01-01}\n", "expected valid_from on or before valid_until"),
])
def test_two_dates_out_of_order_say_which_way_round_was_expected(tmp_path: Path, file: str, line: str,
                                                                expected: str,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    from quyche_rules.cli import main
    from tests.conftest import MINIMAL

    folder = tmp_path / "reg"
    shutil.copytree(MINIMAL, folder)
    with (folder / file).open("a", encoding="utf-8") as out:
        out.write(line)
    assert main(["check", str(folder), "--lang", "en", "--engine", "reference", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert f"valid_until is before valid_from; {expected}" in out
    assert "expected a mapping" not in out


@pytest.mark.parametrize("quorum", ["3/2", "0/0", "0/3", "2/0"])
def test_a_quorum_that_is_not_a_share_of_the_members_is_refused(quorum: str) -> None:
    with pytest.raises(ValidationError, match="is not a share of the members"):
        RegulationMeta.model_validate({**REG, "regime": "mixed", "collective": {"body": "b", "quorum": quorum}})


@pytest.mark.parametrize("quorum", ["1/2", "2/3", "3/3", "majority", "all"])
def test_a_quorum_that_is_a_share_is_taken(quorum: str) -> None:
    meta = RegulationMeta.model_validate({**REG, "regime": "mixed", "collective": {"body": "b", "quorum": quorum}})
    assert meta.collective is not None and meta.collective.quorum == quorum


def test_a_collective_rule_under_headship_is_refused_and_taken_under_the_other_regimes() -> None:
    with pytest.raises(ValidationError, match="is for a collective or mixed regime, not headship"):
        RegulationMeta.model_validate({**REG, "regime": "headship", "collective": {"body": "b"}})
    for regime in ("collective", "mixed"):
        assert RegulationMeta.model_validate({**REG, "regime": regime, "collective": {"body": "b"}}).collective
