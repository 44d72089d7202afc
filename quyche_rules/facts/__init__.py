"""Model -> flat facts (str and int values only) for the rule engines, by topic.

Modules: :mod:`~quyche_rules.facts.builder` (the fact builder), :mod:`~quyche_rules.facts.organisation`
(actors, tasks, topics; parties, deputies, successors), :mod:`~quyche_rules.facts.norms` (one fact per norm),
:mod:`~quyche_rules.facts.delegation` (delegations: what they pass on, chains, loops),
:mod:`~quyche_rules.facts.references` (what norms name), :mod:`~quyche_rules.facts.roles` (roles and acts),
:mod:`~quyche_rules.facts.schema` (every kind and field, and what is derived) and
:mod:`~quyche_rules.facts.wording` (what facts say in words, for messages).
"""

from __future__ import annotations

import datetime as dt

from quyche_rules.facts.builder import Builder, DerivedFacts, Fact
from quyche_rules.facts.delegation import chain_facts
from quyche_rules.facts.norms import norm_facts
from quyche_rules.facts.organisation import DEFAULT_REQUIRED_TOPICS, held_successors, organisation_facts, taken_tasks
from quyche_rules.facts.references import reference_facts
from quyche_rules.facts.roles import role_and_act_facts
from quyche_rules.facts.schema import FACT_KINDS, FactKind, derived_names, field_names
from quyche_rules.facts.wording import DISPLAY
from quyche_rules.model import Regulation

__all__ = [
    "DEFAULT_REQUIRED_TOPICS", "DISPLAY", "FACT_KINDS", "DerivedFacts", "Fact", "FactKind", "derive_facts",
    "derived_names", "field_names",
]


def derive_facts(reg: Regulation, *, on: dt.date | None = None,
                 required_topics: tuple[str, ...] | None = None) -> DerivedFacts:
    """Return the facts of ``reg`` as of ``on`` (default: its effective date), in a deterministic order."""
    b = Builder(reg, on or reg.effective)
    b.successors = held_successors(reg, b.day)
    b.taken = taken_tasks(reg, b.day)
    organisation_facts(b, required_topics)
    norm_facts(b)
    chain_facts(b)
    reference_facts(b)
    role_and_act_facts(b)
    return b.derived()
