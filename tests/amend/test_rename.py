"""A rename that keeps the id keeps the old name, with its last day, as a rename to a new id does.

The text still using the old name is QC110 in the draft view, in the consolidated text written and read back, and
in a hand-written actors.yaml that records the former name; the old name is not lost.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from quyche_rules.amend.compare import loaded_view
from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.checks.runner import run_checks
from quyche_rules.loading import LoadedRegulation, load_regulation
from quyche_rules.model import Regulation
from quyche_rules.model.organisation import FormerName
from quyche_rules.workspace.folders import dump_regulation
from tests.amend.helpers import amendment, loaded, small

IN_PLACE = "- rename: {actor: trung-tam-x, to: {name: Trung tâm Dữ liệu}}\n"
NEW_ID = "- rename: {actor: trung-tam-x, to: {id: trung-tam-du-lieu, name: Trung tâm Dữ liệu}, takes_over: all}\n"


def _qc110(reg: Regulation, root: Path) -> list[tuple[str, tuple[str, ...]]]:
    found = run_checks(LoadedRegulation(reg, root, None), engine="reference", select={"QC110"}).findings
    return sorted((f.message.en.split(" no longer")[0], tuple(p.citation for p in f.provisions)) for f in found)


def test_the_old_name_is_kept_with_its_last_day_and_the_posts_too() -> None:
    actors = apply_amendments(small(), [amendment(IN_PLACE)]).regulation.actor_by_id
    assert actors["trung-tam-x"].name == "Trung tâm Dữ liệu"
    assert actors["trung-tam-x"].former_names == (FormerName(name="Trung tâm X", until=dt.date(2024, 2, 29)),)
    assert actors["giam-doc-x"].name == "Giám đốc Trung tâm Dữ liệu"
    assert actors["giam-doc-x"].former_names == (
        FormerName(name="Giám đốc Trung tâm X", until=dt.date(2024, 2, 29)),)


def test_text_still_using_the_old_name_is_qc110_as_for_a_rename_to_a_new_id(tmp_path: Path) -> None:
    in_place = loaded_view(loaded(), apply_amendments(small(), [amendment(IN_PLACE)])).regulation
    new_id = loaded_view(loaded(), apply_amendments(small(), [amendment(NEW_ID)])).regulation
    found = _qc110(in_place, loaded().root)
    assert found == _qc110(new_id, loaded().root)
    assert found == [("Trung tâm X", ("điểm c khoản 3 Điều 1", "Điều 2", "khoản 1 Điều 2"))]
    dump_regulation(in_place, tmp_path / "hn")
    written = load_regulation(tmp_path / "hn").regulation
    assert written == in_place and _qc110(written, tmp_path / "hn") == found


def test_before_the_rename_nothing_is_reported_nor_where_the_new_name_contains_the_old_one() -> None:
    reg = apply_amendments(small(), [amendment(IN_PLACE)]).regulation
    found = run_checks(LoadedRegulation(reg, loaded().root, None), engine="reference", select={"QC110"},
                       day=dt.date(2024, 2, 29)).findings
    assert found == []
    longer = amendment("- rename: {actor: trung-tam-x, to: {name: Trung tâm X và Dữ liệu}}\n"
                       "- replace_phrase: {from: Trung tâm X, to: Trung tâm X và Dữ liệu, count: 4}\n")
    assert _qc110(apply_amendments(small(), [longer]).regulation, loaded().root) == []
