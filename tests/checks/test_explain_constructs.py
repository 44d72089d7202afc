"""Issue 15: `quyche explain` shows every construct of the format for real texts in some check's example."""

from __future__ import annotations

import pytest

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.cli import main

#: construct -> what its example contains (each a YAML key or value of the rule files)
CONSTRUCTS = {
    "condition": "when: [{kind:", "exception": "unless: [{kind:", "group": "kind: group",
    "held by each member": "each: true",
    "external actor": "kind: external", "mixed regime": "regime: mixed", "collective block": "collective: {body:",
    "quorum": "quorum: '2/3'", "casting vote": "casting:", "compound signing": "on_behalf_of:",
    "per-case authorisation": "per_case: true", "field scope": "fields: [linh-vuc", "weeks": "weeks: 2",
    "months": "months: 12", "years": "years: 1", "lead time": "before: true", "range": "min: 2",
    "day of the year": "day_of_year:", "day of the month": "day_of_month:", "next month": "next_month: true",
    "at the latest on the day": "latest: true", "event anchor": "at_next: true", "chained steps": "procedures:",
    "merge creating a head": "head: {id:", "suggested norm": "suggested: true", "role": "kind: role, stands_for:",
}
TEXT = {code: (s.examples.fires + "\n" + s.examples.passes) if s.examples else "" for code, s in all_checks().items()}


@pytest.mark.parametrize("construct", sorted(CONSTRUCTS))
def test_some_check_s_example_shows_the_construct(construct: str, capsys: pytest.CaptureFixture[str]) -> None:
    codes = [code for code, text in TEXT.items() if CONSTRUCTS[construct] in text]
    assert codes, f"no check's example shows {construct}"
    assert main(["explain", codes[0], "--lang", "en"]) == 0
    shown = capsys.readouterr().out
    key = CONSTRUCTS[construct].split(":")[0].split("{")[-1].strip()
    assert key in shown, (construct, codes[0])
