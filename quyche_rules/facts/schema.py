"""The facts the rule engines see: every kind, its fields, and which of them a rule of this package derives.

A declarative check may read any field listed here, and only those. A *derived* field (or a whole derived kind)
is not a copy of what the rule files say but the result of a rule written in :mod:`quyche_rules.facts` (who holds
a power, what lies outside a deputy's fields, whether a post is vacant…); a check that relies on one names it in
``relies_on``, so the reader knows which rule of the package the check's verdict also rests on. A test derives
the facts of real and generated regulations and requires every fact to have exactly its kind's fields.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["ALWAYS", "FACT_KINDS", "FactKind", "derived_names", "field_names"]

#: fields every fact has
ALWAYS = ("kind", "fid", "seq")


def _slot(prefix: str) -> tuple[str, ...]:
    """The fields naming an actor in a slot: its id, name, kind, whether it exists on the day, whether known."""
    return (prefix, f"{prefix}_name", f"{prefix}_kind", f"{prefix}_valid", f"{prefix}_known", f"{prefix}_held")


#: the fields of a norm's time limit: its unit and amount (the upper bound of a range), the lower bound (0: none),
#: its direction (after its event, before it: a lead time, or fixed: a date of the calendar) and its whole value
#: (model.norms.Deadline.key: "working_days:3:before")
_HELD = "facts.organisation.held_successors: the first successor that holds the duties on the day"
_DEADLINE = ("has_deadline", "deadline_unit", "deadline_amount", "deadline_min", "deadline_direction",
             "deadline_value", "urgency")


@dataclass(frozen=True)
class FactKind:
    """One kind of fact: what one fact stands for, its fields, and what a rule of the package derives.

    Attributes:
        doc: what one fact of this kind stands for.
        fields: its fields (besides ``kind``, ``fid`` and ``seq``).
        derived: field -> the rule that derives it.
        rule: for a kind derived as a whole, the rule that derives it ("" for a kind read from the rule files).
    """

    doc: str
    fields: tuple[str, ...]
    derived: Mapping[str, str] = field(default_factory=dict)
    rule: str = ""


_SPAN = ("facts.references._span_fields (time.spans.span): a period's common unit and amount (weeks as days, "
         "years as months; \"\" and 0 for a moment or a date), the shortest and longest it lasts from its start in "
         "minutes (working days: unbounded), and value in the common unit (span_value)")
_HOLDINGS = "facts.delegation.unheld: what the delegator's party holds (powers, delegations received, fields, work)"

FACT_KINDS: dict[str, FactKind] = {
    "actor": FactKind(
        "an actor of actors.yaml",
        ("id", "name", "actor_kind", "parent", "valid", "vacant", "has_head", "n_fields", "first_provision"),
        {"has_head": "facts.organisation: a unit head valid on the day belongs to the unit",
         "first_provision": "facts.organisation.first_mentions: the first provision with a norm naming it"},
    ),
    "task": FactKind(
        "a task of tasks.yaml",
        ("id", "name", "field", "needs_lead", "needs_deadline", "used", "first_provision"),
        {"used": "facts.organisation: a norm names the task",
         "first_provision": "facts.organisation.first_mentions: the first provision with a norm naming it"},
    ),
    "topic_covered": FactKind("a topic of a task that a norm names", ("topic", "task", "task_name", "provision"),
                              rule="facts.organisation: the topics of the tasks norms name"),
    "required_topic": FactKind("a topic the regulation must cover", ("topic", "topic_name", "provision")),
    "regulation": FactKind("the regulation itself", ("id", "regime", "number", "first_provision")),
    "duty": FactKind("a duty norm", (*_slot("holder"), "task", "task_name", "role", "accountable_to", "provision",
                                     *_DEADLINE)),
    "power": FactKind("a power norm, one per document type",
                      (*_slot("holder"), "action", "task", "task_name", "doctype", "provision", "exclusive")),
    "prohibition": FactKind("a prohibition norm, one per document type",
                            (*_slot("holder"), "action", "task", "task_name", "doctype", "provision")),
    "delegation": FactKind(
        "a delegation norm",
        ("did", "mode", "signing", *_slot("from"), *_slot("to"), "action", "task", "scope_count", "fields_count",
         "has_instrument", "instrument", "instrument_ok", "has_valid_until", "expired", "may_subdelegate", "via",
         "condition", "per_case", "on_behalf_of", "tm_name", "from_vacant",
         "to_is_deputy", "to_is_unit_head", "to_heads_own_unit", "from_heads_body", "fields_ok", "from_holds",
         "provision", "tuq", "post_vacant",
         "acting_post", "acting_post_kind",
         "outside_fields", "unheld", "valid_until", "valid_until_text", "scope_text", "regime"),
        {"from_holds": _HOLDINGS, "unheld": _HOLDINGS,
         "fields_ok": "facts.delegation.outside_fields: what lies outside the fields assigned to the receiver",
         "outside_fields": "facts.delegation.outside_fields: what lies outside the fields assigned to the receiver",
         "post_vacant": "facts.posts.acting_post: the head post a Q. fills is vacant",
         "acting_post": "facts.posts.acting_post: the head post a Q. fills",
         "acting_post_kind": "facts.posts.acting_post: the kind of the head post a Q. fills",
         "instrument_ok": "facts.delegation.delegation_facts: the instrument is named by its number and symbol, "
                         "number 01 or more, with its kind word and date if written (citations.instruments."
                         "is_instrument_reference), not a placeholder",
         "tuq": "facts.delegation.is_tuq: signing by authorisation (TUQ., or authorize with no mode)",
         "tm_name": "facts.delegation.delegation_facts: whom the signer signs on behalf of (TM.): the on_behalf_of "
                    "actor of a compound form, else the delegator",
         "to_heads_own_unit": "facts.posts.heads_unit_of: the receiver (each member of a group) heads a unit or a body "
                              "of the delegator's own structure (facts.posts.body_of)",
         "from_heads_body": "facts.posts.heads_body: the delegator is the head of a body, or a body itself",
         "to_is_deputy": "facts.organisation.is_deputy_of: the receiver is the delegator's own deputy (of the same "
                         "body or unit)"},
    ),
    "delegation_scope": FactKind("one item of a delegation's scope", ("did", "item", "provision")),
    "coordination": FactKind("a coordination norm", ("cid", *_slot("lead"), "task", "task_name", "n_cooperating",
                                                     "silence", "provision", *_DEADLINE)),
    "cooperation": FactKind("a cooperating unit of a coordination",
                            ("cid", *_slot("holder"), "task", "task_name", "provision")),
    "substitution": FactKind("a substitution norm", (*_slot("absent"), *_slot("substitute"), "fallback", "written",
                                                     "provision", "label")),
    "reporting": FactKind("a reporting norm", (*_slot("from"), *_slot("to"), "task", "frequency", "provision",
                                               *_DEADLINE)),
    "follow_up": FactKind("a follow-up norm", (*_slot("holder"), "task", "task_name", "provision")),
    "deadline": FactKind("a deadline norm", ("task", "task_name", "holder", "provision", *_DEADLINE)),
    "redelegation": FactKind(
        "a delegation that passes on another (parent -> child)",
        ("parent", "child", "parent_signing", "child_signing", "parent_mode", "child_mode", "parent_may_subdelegate",
         "child_to_is_deputy", "holder", "holder_name", "to", "to_name", "provision", "parent_provision",
         "parent_tuq"),
        rule="facts.delegation.chain_facts: the delegation its `via` names, else one to its delegator of the same "
             "action whose objects overlap",
    ),
    "delegation_cycle": FactKind(
        "delegations that loop back: a strongly connected component of the delegation graph",
        ("actors", "first", "members", "size"),
        rule="facts.delegation.chain_facts: the strongly connected components of the delegation graph (actors: "
             "one example cycle; members: all of them)",
    ),
    "actor_ref": FactKind(
        "an actor a norm names, in one of its slots",
        ("norm", "slot", "actor", "actor_name", "actor_kind", "actor_known", "actor_valid", "actor_period",
         "actor_successor", "actor_successor_name", "task", "task_name", "action", "object_name", "provision"),
        {"actor_successor": _HELD, "actor_successor_name": _HELD},
    ),
    "task_ref": FactKind("a task a provision's norms name", ("task", "task_name", "assigns", "provision"),
                         {"assigns": "facts.references: a duty, coordination, follow-up or deadline gives the task"}),
    "task_deadline": FactKind(
        "a time limit a norm sets for a task (min_amount: a range's lower bound, 0 for none; direction: after, before "
        "or fixed; next_month: a day of the following month; latest: a fixed date that is itself in time; value: "
        "model.norms.Deadline.key)",
        ("task", "task_name", "source", "holder", "holder_name", "unit", "amount", "min_amount", "direction",
         "next_month", "latest", "value", "urgency", "from_event", "provision", "span_unit", "span_amount",
         "span_shortest", "span_longest", "span_value", "ordinary"),
        {"span_unit": _SPAN, "span_amount": _SPAN, "span_shortest": _SPAN, "span_longest": _SPAN,
         "span_value": _SPAN,
         "ordinary": "facts.references._ordinary: of normal urgency; for a task about incoming documents, also a "
                     "period after its event (not a lead time or a date of the calendar)"},
    ),
    "follow_up_topic": FactKind(
        "a topic whose work an actor follows up", ("topic", "task", *_slot("holder"), "via", "provision"),
        rule="facts.references: a follow-up covers its task's topics; a lead or responsible duty on a follow-up "
             "task covers the task's other topics",
    ),
    "task_role": FactKind(
        "an actor leading or cooperating on a task, by a duty or a coordination",
        ("task", "task_name", *_slot("holder"), "holder_party", "role", "via", "scope", "anti", "each", "provision",
         "label"),
        rule="facts.roles: duties and coordinations merged; a head and its unit are one party, a role the actor "
             "that plays its part in the task; scope and anti "
             "(facts.roles.conditions) tell norms that cannot both hold apart; each: per member of a group",
    ),
    "act": FactKind(
        "something an actor must, may or must not do",
        ("source", *_slot("holder"), "holder_party", "action", "role", "task", "task_name", "doctype", "object",
         "object_label", "power_key", "exclusive", "signing", "condition", "provision", "label"),
        rule="facts.roles: duties, powers, powers received by delegation and prohibitions as one kind; a head and "
             "its unit are one party, a role the actor that plays its part in the task",
    ),
}


def field_names() -> dict[str, set[str]]:
    """Return kind -> every field a fact of that kind has (``kind``, ``fid`` and ``seq`` included)."""
    return {kind: {*ALWAYS, *spec.fields} for kind, spec in FACT_KINDS.items()}


def derived_names() -> dict[str, str]:
    """Return the names a check must declare in ``relies_on`` when it uses them: ``kind`` or ``kind.field``."""
    out = {kind: spec.rule for kind, spec in FACT_KINDS.items() if spec.rule}
    out.update({f"{kind}.{name}": how for kind, spec in FACT_KINDS.items() for name, how in spec.derived.items()})
    return out
