"""The actors a merge or split creates: the new unit, the head the operation names, the posts it inherits.

Used by :class:`quyche_rules.amend.actor_register.ActorRegister`; what it refuses is recorded on the register as
an :class:`~quyche_rules.amend.actor_records.ActorIssue` (reported as QC601 at the operation, or at the ``head``).
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from quyche_rules.amend.actor_records import absence, described_otherwise
from quyche_rules.model import Actor
from quyche_rules.model.base import Model
from quyche_rules.model.reorganisation import NewActor

__all__ = ["POSTS", "Register", "create", "new_posts", "posts_of"]

#: the kinds of the posts that belong to a unit (they end with it; a new unit gets those its predecessors had)
POSTS = ("unit_head", "unit_deputy", "staff", "clerk")


class Register(Protocol):
    """What these functions use of the actor register: its actors, and where it records what it refuses."""

    actors: dict[str, Actor]

    def report(self, kind: str, target: str, op: Model) -> None:
        """Record an actor the operation ``op`` cannot use."""


def _day_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=1) if day > dt.date.min else day


def posts_of(register: Register, unit: str, day: dt.date) -> list[Actor]:
    """Return the posts of ``unit`` that exist the day before ``day``."""
    last = _day_before(day)
    return [a for a in register.actors.values() if a.parent == unit and a.kind in POSTS and a.valid_on(last)]


def create(register: Register, spec: NewActor, day: dt.date, default_parent: str | None,
           op: Model) -> str | None:
    """Return the id of the actor ``spec`` names, created from ``day`` when new; None when it cannot be used.

    A new actor needs a name; its ``head`` needs an id no actor has (not even the new unit itself): a head the
    operation names is never dropped in silence (QC601 at the ``head``), and the unit is then not created.
    """
    actors = register.actors
    existing = actors.get(spec.id)
    if existing is not None:
        if not existing.valid_on(day):
            register.report(absence(existing, day), spec.id, op)
            return None
        if described_otherwise(spec, existing, actors):  # (ignoring it would lose it silently)
            register.report("existing-described", spec.id, op)
            return None
        return spec.id
    if spec.name is None:
        register.report("new-without-name", spec.id, op)
        return None
    if spec.head is not None and (spec.head.id in actors or spec.head.id == spec.id):
        register.report("head-taken", spec.head.id, spec.head if spec.head.loc is not None else op)
        return None
    actor = Actor(id=spec.id, name=spec.name, kind=spec.kind, parent=spec.parent or default_parent,
                  aliases=spec.aliases, fields=spec.fields, valid_from=day)
    actor.place(spec.loc)
    actors[spec.id] = actor
    if spec.head is not None:
        head = Actor(id=spec.head.id, name=spec.head.name, kind="unit_head", parent=spec.id, valid_from=day)
        head.place(spec.head.loc)
        actors[spec.head.id] = head
    return spec.id


def new_posts(register: Register, unit: str, olds: list[Actor], day: dt.date) -> None:
    """Give a unit created from ``olds`` the posts they had (head, deputy, clerk) that it lacks.

    A post is named as the old one with the old unit's name replaced ("Vụ trưởng Vụ Địa phương I" becomes
    "Vụ trưởng Vụ Công tác dân tộc địa phương"); posts the operation names itself (``head``) are kept.
    """
    actors = register.actors
    new = actors[unit]
    have = {a.kind for a in actors.values() if a.parent == unit and a.valid_on(day)}
    for old in olds:
        for post in posts_of(register, old.id, day):
            if post.kind in have:
                continue
            ident = post.id.replace(old.id, unit) if old.id in post.id else f"{post.kind.replace('_', '-')}-{unit}"
            if ident in actors:
                continue
            name = post.name.replace(old.name, new.name) if old.name in post.name else f"{post.name} ({new.name})"
            created = Actor(id=ident, name=name, kind=post.kind, parent=unit, valid_from=day)
            created.place(new.loc)
            actors[ident] = created
            have.add(post.kind)
