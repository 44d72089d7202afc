"""docs/invariants.md: every field of every model, every way it can be wrong, and what catches it."""

from __future__ import annotations

import inspect
import re

from pydantic import BaseModel

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.model import amendment, norms, organisation, provisions, regulation
from tests.conftest import ROOT

DOC = (ROOT / "docs" / "invariants.md").read_text(encoding="utf-8")
ROWS = [line for line in DOC.splitlines() if line.startswith("| ") and not line.startswith("| field")]
CELLS = [[c.strip() for c in row.strip("|").split("|")] for row in ROWS]
#: wrappers and files whose fields are the models listed: nothing of their own to go wrong
SKIP = {"ActorsFile", "TasksFile", "Amendment", "AmendmentFile", "DutyItem", "PowerItem", "ProhibitionItem",
        "DelegationItem", "CoordinationItem", "SubstitutionItem", "ReportingItem", "FollowUpItem", "DeadlineItem",
        "RepealItem", "InsertItem", "ReplaceArticleItem", "ReplacePhraseItem", "RenameItem", "MergeItem", "SplitItem",
        "DissolveItem", "Lint", "HistoryEntry", "Model", "ArticleFile"}


def test_every_row_names_a_code_or_gives_a_reason() -> None:
    assert len(CELLS) > 150
    for cells in CELLS:
        assert len(cells) == 3, cells
        caught = cells[2]
        assert re.search(r"QC\d{3}", caught) or caught.startswith("reason:"), cells


def test_every_code_named_is_in_the_catalogue() -> None:
    named = {code for cells in CELLS for code in re.findall(r"QC\d{3}", cells[2])}
    assert named <= set(all_checks()), sorted(named - set(all_checks()))


def test_every_check_of_the_catalogue_is_in_some_row() -> None:
    named = {code for cells in CELLS for code in re.findall(r"QC\d{3}", cells[2])}
    assert set(all_checks()) <= named, sorted(set(all_checks()) - named)


def test_every_field_of_every_model_has_a_row() -> None:
    subjects = " ".join(cells[0] for cells in CELLS)
    missing = []
    for module in (norms, organisation, regulation, amendment, provisions):
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if not issubclass(cls, BaseModel) or cls.__module__ != module.__name__ or name in SKIP \
                    or name.startswith("_"):
                continue
            missing += [f"{name}.{field}" for field in cls.model_fields
                        if not re.search(rf"\b{name}\.(?:{field}\b|\*)", subjects)]
    assert not missing, missing
