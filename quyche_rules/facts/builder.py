"""The fact builder: every fact is a flat mapping of str and int values, numbered in the order it is made."""

from __future__ import annotations

import datetime as dt
from typing import Any

from quyche_rules.i18n import joined
from quyche_rules.model import Deadline, Regulation

__all__ = ["MAX_VALUE_BYTES", "Builder", "Fact", "bounded", "deadline_fields", "joined"]

#: one fact: a flat mapping from field name to a string or an integer
Fact = dict[str, str | int]


def deadline_fields(d: Deadline | None) -> dict[str, str | int]:
    """Return the fields of a time limit (``_DEADLINE`` in :mod:`quyche_rules.facts.schema`).

    Whether there is one, its unit, amount, lower bound, direction, whole value and urgency.
    """
    if d is None:
        return {"has_deadline": 0, "deadline_unit": "", "deadline_amount": 0, "deadline_min": 0,
                "deadline_direction": "", "deadline_value": "", "urgency": ""}
    return {"has_deadline": 1, "deadline_unit": d.unit, "deadline_amount": d.amount, "deadline_min": d.min or 0,
            "deadline_direction": d.direction, "deadline_value": d.key, "urgency": d.urgency}


#: the most UTF-8 bytes of a string fact value: both engines take any (durable-rules holds 4096 bytes, and a
#: value that is not plain ASCII goes to it hex-encoded, twice as long)
MAX_VALUE_BYTES = 2000
_SHORT = MAX_VALUE_BYTES // 4  # no string of this many characters can be longer in UTF-8


def bounded(value: str) -> str:
    """Return ``value``, cut (with "…") to at most :data:`MAX_VALUE_BYTES` UTF-8 bytes."""
    data = value.encode("utf-8")
    if len(data) <= MAX_VALUE_BYTES:
        return value
    return data[: MAX_VALUE_BYTES - 3].decode("utf-8", "ignore") + "…"


class Builder:
    """Collects the facts of one regulation as of one day.

    Values are normalised as the engines' contract requires: ``None`` becomes ``""``, ``bool`` ``0``/``1``,
    dates their ISO form, strings at most :data:`MAX_VALUE_BYTES` long.
    """

    def __init__(self, reg: Regulation, day: dt.date) -> None:
        self.reg = reg
        self.day = day
        self.facts: list[Fact] = []
        self.successors: dict[str, str] = {}
        """Ended actors whose successor holds their duties on the day, and that successor (set by ``derive_facts``:
        :func:`~quyche_rules.facts.organisation.held_successors`)."""

    def add(self, kind: str, **values: Any) -> None:
        """Add a fact of ``kind`` with ``values`` (its ``fid`` and ``seq`` are given here)."""
        seq = len(self.facts)
        fact: Fact = {"kind": kind, "fid": f"{kind}:{seq}", "seq": seq, **values}
        for key, value in values.items():  # most values are short strings and integers, taken as they are
            kind_of = type(value)
            if kind_of is str:
                if len(value) > _SHORT:
                    fact[key] = bounded(value)
            elif kind_of is int:
                continue
            elif value is None:
                fact[key] = ""
            elif kind_of is bool:
                fact[key] = int(value)
            elif isinstance(value, dt.date):
                fact[key] = value.isoformat()
        self.facts.append(fact)

    def actor(self, actor_id: str, prefix: str) -> dict[str, Any]:
        """Return the fields naming an actor in a slot (``holder``, ``from``…): id, name, kind, validity, known.

        ``_held``: the actor exists on the day, or has ended and its successor holds its duties.
        """
        actor = self.reg.actor_by_id.get(actor_id)
        return {
            prefix: actor_id,
            f"{prefix}_name": actor.name if actor else actor_id,
            f"{prefix}_kind": actor.kind if actor else "",
            f"{prefix}_valid": int(actor is not None and actor.valid_on(self.day)),
            f"{prefix}_known": int(actor is not None),
            f"{prefix}_held": int(actor is not None and (actor.valid_on(self.day) or actor_id in self.successors)),
        }
