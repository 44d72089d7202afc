"""Adding a provision about an unrelated task never removes or rewords a finding that was there.

The new provision is a clause (appended to an article) or a new last article giving a duty, a coordination, a
follow-up or a deadline on a task nobody mentioned before, declared in the catalogue. It may add findings of
its own; every finding of the regulation before it must still be there, saying exactly the same (compared by
code, severity, identity and both messages).

Three things would make the provision related, so the generator avoids them:

- a provision that existing text cites: a dangling reference to it would resolve (QC104 goes);

- a clause appended under an article that suppresses findings inherits the suppression, which is then no longer
  unused (QC020 goes);
- naming an actor that no norm named before: findings about what is missing for an actor (QC202 a unit without
  head, QC203 a head without substitute) are anchored at the first provision that names the actor, else at the
  regulation's first provision (qc2_gaps.yaml), so a first mention moves them - by design, the drafter then
  sees them at the provision that starts giving the actor work. Holders are therefore actors already named.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from quyche_rules.checks.grouping import GROUPED
from quyche_rules.citations import Citation, find_references
from quyche_rules.facts.organisation import first_mentions as _first_mentions
from quyche_rules.findings import Finding
from quyche_rules.model import Regulation
from tests import strategies as s
from tests.properties.helpers import check_model, examples, meanings

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

NEW_TASK = {"id": "nhiem-vu-doc-lap", "name": "Nhiệm vụ độc lập"}


@st.composite
def unrelated_norm(draw: st.DrawFn, holders: list[str]) -> dict[str, Any]:
    holder = draw(st.sampled_from(holders))
    task = NEW_TASK["id"]
    return draw(st.sampled_from([
        {"duty": {"holder": holder, "task": task, "role": draw(st.sampled_from(["lead", "cooperate", "responsible"]))}},
        {"coordination": {"lead": holder, "cooperating": draw(st.lists(st.sampled_from(holders), max_size=2,
                                                                        unique=True)),
                          "task": task, "response_deadline": {"working_days": 3}}},
        {"follow_up": {"holder": holder, "task": task}},
        {"deadline": {"task": task, "within": {"days": draw(st.integers(1, 30))}}},
    ]))


def _cited(reg: Regulation) -> list[Citation]:
    """Every internal citation in the text of ``reg`` (dangling or not)."""
    return [
        cit for prov in reg.provisions for ref in find_references(prov.text, prov.citation) if ref.internal
        for cit in ref.citations if cit.article is not None
    ]


def _add_provision(reg: Regulation, norms: list[dict[str, Any]], new_article: bool) -> Regulation:
    data = s.plain_data(reg.model_dump(mode="python", by_alias=True, exclude_defaults=True))
    data["tasks"] = [*data.get("tasks", []), dict(NEW_TASK)]
    articles = data["articles"]
    if new_article or not articles or reg.articles[-1].lint is not None:
        # (a clause inherits its article's suppressions: under one it would not be unrelated any more)
        last = reg.articles[-1].article_key[0] if reg.articles else 0
        articles.append({"article": str(last + 1), "title": "Điều mới", "chapter": "I",
                         "clauses": [{"clause": "1", "text": "Quy định mới.", "norms": norms}]})
    else:
        last_article = articles[-1]
        clauses = last_article.setdefault("clauses", [])
        numbers = [int("".join(ch for ch in c["clause"] if ch.isdigit())) for c in clauses]
        clauses.append({"clause": str(max(numbers, default=0) + 1), "text": "Quy định mới.", "norms": norms})
    return Regulation.model_validate(data)


#: checks that report once per actor, listing its provisions: a new provision naming the actor joins the finding
PER_ACTOR = GROUPED | {"QC110"}


def _units(findings: list[Finding]) -> Counter[object]:
    """Each finding's meaning; a per-actor finding counts once per provision it lists (its wording counts them)."""
    out: Counter[object] = Counter()
    for f in findings:
        if f.code in PER_ACTOR and f.actors:
            out.update((f.code, f.actors[0], p.citation) for p in f.provisions)
        else:
            out.update(meanings([f]))
    return out


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s.whole_regulations(), st.data())
def test_a_provision_about_an_unrelated_task_only_adds_findings(reg: Regulation, data: st.DataObject) -> None:
    named, _ = _first_mentions(reg)
    holders = sorted(a.id for a in reg.actors if a.id in named)
    assume(holders)
    norms = data.draw(st.lists(unrelated_norm(holders), min_size=1, max_size=3))
    bigger = _add_provision(reg, norms, data.draw(st.booleans()))
    added = bigger.provisions[-1].citation
    assume(not any(cit.contains(added) or added.contains(cit) for cit in _cited(reg)))
    before, after = _units(check_model(reg)), _units(check_model(bigger))
    lost = before - after
    assert not lost, f"findings removed or reworded by an unrelated provision: {sorted(lost)}"
