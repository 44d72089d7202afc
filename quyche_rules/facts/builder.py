"""The fact builder: every fact is a flat mapping of str and int values, numbered in the order it is made.

The builder holds each fact to the engines' input contract as it makes it (:class:`DerivedFacts`), so the
engines need not test its facts one by one again.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from quyche_rules.errors import InternalError
from quyche_rules.i18n import Text, joined
from quyche_rules.model import Actor, Deadline, Regulation

__all__ = ["MAX_VALUE_BYTES", "Builder", "DerivedFacts", "Fact", "bounded", "deadline_fields", "joined"]

#: one fact: a flat mapping from field name to a string or an integer
Fact = dict[str, str | int]

_FIELD = re.compile(r"[a-z][a-z0-9_]*")  # the contract's field names (quyche_rules.lang.facts.FIELD_RE)
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1
_OWN = frozenset({"kind", "fid", "seq"})  # given by the builder, never by a caller
_HOLDERS: dict[tuple[str, ...], type] = {}  # each shape of fact checked, and its class (Builder._new_shape)


class DerivedFacts(list[Fact]):
    """The facts a :class:`Builder` made, each held to the engines' input contract as it was made.

    Every value is a ``str`` of at most :data:`MAX_VALUE_BYTES` UTF-8 bytes or an int64, every field name is
    lowercase snake_case ASCII, and ``fid`` and ``seq`` are unique (``seq`` is the position, ``fid`` is
    ``kind:seq``). ``fields`` gives, per kind, the fields every fact of that kind has. The engines test such a
    list fact by fact only if facts were added, removed or replaced since (:meth:`intact`).
    """

    def __init__(self, facts: list[Fact], fields: dict[str, frozenset[str]]) -> None:
        super().__init__(facts)
        self.fields = fields
        self._made = tuple(facts)

    def intact(self) -> bool:
        """Return whether the list still holds exactly the facts the builder made, in its order."""
        return len(self) == len(self._made) and all(a is b for a, b in zip(self, self._made, strict=True))


def _broken(kind: str, what_vi: str, what_en: str) -> InternalError:
    return InternalError(
        Text.of(f"Bộ sinh dữ kiện tạo một dữ kiện {kind} sai hợp đồng: {what_vi}",
                f"The fact producer made a {kind} fact that breaks the engines' contract: {what_en}"),
        expected=Text.of("giá trị str hoặc int64, tên trường dạng snake_case ASCII, không tự đặt kind, fid, seq",
                         "str or int64 values, snake_case ASCII field names, no kind, fid or seq of the caller's"),
        fix=Text.of("Sửa bộ sinh dữ kiện (quyche_rules.facts)", "Fix the fact producer (quyche_rules.facts)"),
    )


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
        self._shapes: dict[tuple[str, ...], type] = {}  # the field names of a fact, seen before: its holder
        self.nobody = reg.groups_naming_nobody(day)
        """Groups whose members are none of them there on the day: as if ended (:meth:`valid`)."""
        self.successors: dict[str, str] = {}
        """Ended actors whose successor holds their duties on the day, and that successor (set by ``derive_facts``:
        :func:`~quyche_rules.facts.organisation.held_successors`)."""
        self.taken: dict[str, frozenset[str]] = {}
        """Of those, the ones whose successor holds their duties on some tasks only, and those tasks (set by
        ``derive_facts``: :func:`~quyche_rules.facts.organisation.taken_tasks`)."""

    def add(self, kind: str, /, **values: Any) -> None:
        """Add a fact of ``kind`` with ``values`` (its ``fid`` and ``seq`` are given here).

        Raises:
            InternalError: a value that is not a str, int64, bool, date or None, a field name outside the
                contract, or a ``kind``, ``fid`` or ``seq`` among ``values`` (a defect of the fact producer).
        """
        seq = len(self.facts)
        shape = (kind, *values)
        holder = self._shapes.get(shape)
        if holder is None:
            holder = self._new_shape(shape)
        fact: Fact = holder().__dict__  # a dict whose keys its shape's facts share (_new_shape)
        fact["kind"] = kind
        fact["fid"] = f"{kind}:{seq}"
        fact["seq"] = seq
        fact.update(values)
        for key, value in values.items():  # most values are short strings and integers, taken as they are
            kind_of = type(value)
            if kind_of is str:
                if len(value) > _SHORT:
                    fact[key] = bounded(value)
            elif kind_of is int:
                if not _INT64_MIN <= value <= _INT64_MAX:
                    raise _broken(kind, f"{key}={value} vượt quá int64", f"{key}={value} is outside int64")
            elif value is None:
                fact[key] = ""
            elif kind_of is bool:
                fact[key] = int(value)
            elif isinstance(value, dt.date):
                fact[key] = value.isoformat()
            else:
                raise _broken(kind, f"{key} có kiểu {kind_of.__name__}", f"{key} has type {kind_of.__name__}")
        self.facts.append(fact)

    def _new_shape(self, shape: tuple[str, ...]) -> type:
        """Check the field names of a new shape of fact; return the class whose objects hold its facts.

        A fact is the ``__dict__`` of an object of its shape's class: CPython then keeps the keys once for the
        class, and each fact holds only its values (about half the memory of a dict of its own; a fact with more
        than 30 fields gets a dict of its own). It is a dict like any other.
        """
        holder = _HOLDERS.get(shape)
        if holder is None:
            kind, names = shape[0], shape[1:]
            for name in (kind, *names):
                if not _FIELD.fullmatch(name):
                    raise _broken(kind or "?", f"tên {name!r} không hợp lệ", f"invalid name {name!r}")
            if _OWN.intersection(names) or len(set(names)) != len(names):
                raise _broken(kind, "trường kind, fid hoặc seq do nơi gọi đặt",
                              "kind, fid or seq given by the caller")
            holder = _HOLDERS[shape] = type(f"_{kind.title().replace('_', '')}Fact", (), {"__slots__": ("__dict__",)})
        self._shapes[shape] = holder
        return holder

    def derived(self) -> DerivedFacts:
        """Return the facts made, with the fields every fact of each kind has."""
        fields: dict[str, frozenset[str]] = {}
        for kind, *names in self._shapes:
            have = frozenset(("kind", "fid", "seq", *names))
            fields[kind] = fields[kind] & have if kind in fields else have
        return DerivedFacts(self.facts, fields)

    def actor(self, actor_id: str, prefix: str, task: str | None) -> dict[str, Any]:
        """Return the fields naming an actor in a slot (``holder``, ``from``…) of a norm on ``task``.

        Its id, name, kind, validity, whether it is known, and ``_held``: the actor exists on the day, or has ended
        and its successor holds its duties on ``task``.
        """
        actor = self.reg.actor_by_id.get(actor_id)
        valid = self.valid(actor)
        return {
            prefix: actor_id,
            f"{prefix}_name": actor.name if actor else actor_id,
            f"{prefix}_kind": actor.kind if actor else "",
            f"{prefix}_valid": int(valid),
            f"{prefix}_known": int(actor is not None),
            f"{prefix}_held": int(actor is not None and (valid or bool(self.successor(actor_id, task)))),
        }

    def successor(self, actor_id: str, task: str | None) -> str:
        """Return the successor that holds an ended actor's duties on ``task`` (None: a norm on no task), or ""."""
        found = self.successors.get(actor_id, "")
        taken = self.taken.get(actor_id)
        return "" if taken is not None and (not task or task not in taken) else found

    def valid(self, actor: Actor | None) -> bool:
        """Return whether ``actor`` is there on the day: it exists, and a group among those names someone."""
        return actor is not None and actor.valid_on(self.day) and actor.id not in self.nobody
