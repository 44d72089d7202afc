"""Each amendment draft of the 2017 text introduces exactly the findings stored beside it; the clean one none.

The expected findings are data (``NAME.expected.yaml``): the defect class the draft illustrates and every
finding it introduces, by code and provisions. After a deliberate change to the catalogue, rewrite them with
``QUYCHE_REGEN_EXPECTED=1 python -m pytest tests/amend/test_fixtures.py`` and review the diff.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest
import yaml

from quyche_rules.amend.compare import compare_loaded, consolidate
from quyche_rules.loading.amendment import load_amendment
from tests.amend.helpers import BUNDLED, loaded
from tests.conftest import FIXTURES

DRAFTS = sorted(p for p in (FIXTURES / "amendments").glob("*.yaml") if not p.name.endswith(".expected.yaml"))
pytestmark = pytest.mark.skipif(not BUNDLED.is_dir(), reason="bundled 2017 regulation not present")


def introduced(draft: Path) -> list[tuple[str, tuple[str, ...]]]:
    base = loaded(BUNDLED)
    view, result = consolidate(base, [load_amendment(draft)])
    comp = compare_loaded(
        base, view, old_label="2017", new_label=draft.stem, engine="reference", new_extra=result.findings
    )
    return sorted((f.code, tuple(sorted(p.citation for p in f.provisions))) for f in comp.findings.introduced)


def test_there_are_eight_defect_drafts_and_a_clean_one() -> None:
    names = [d.stem for d in DRAFTS]
    assert "clean" in names and len(names) >= 9


@pytest.mark.parametrize("draft", DRAFTS, ids=[d.stem for d in DRAFTS])
def test_draft_introduces_exactly_its_expected_findings(draft: Path) -> None:
    expected_file = draft.with_name(draft.stem + ".expected.yaml")
    found = introduced(draft)
    if os.environ.get("QUYCHE_REGEN_EXPECTED"):
        old = yaml.safe_load(expected_file.read_text(encoding="utf-8")) if expected_file.exists() else {}
        doc = {
            "draft": draft.name,
            "base": "rules/ubdt-2017",
            "defect": (old or {}).get("defect", []),
            "introduced": [{"code": c, "provisions": list(p)} for c, p in found],
        }
        expected_file.write_text(
            f"# Introduced findings expected from {draft.name} applied to rules/ubdt-2017 (`quyche diff`).\n"
            + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=110),
            encoding="utf-8",
        )
    expected = yaml.safe_load(expected_file.read_text(encoding="utf-8"))
    want = [(e["code"], tuple(sorted(e["provisions"]))) for e in expected["introduced"]]
    assert Counter(found) == Counter(want)
    if draft.stem == "clean":
        assert found == [] and expected["defect"] == []
    else:
        assert expected["defect"], "a defect draft names the defect class it illustrates"
        assert set(expected["defect"]) <= {code for code, _ in found}
