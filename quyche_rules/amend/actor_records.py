"""What the actor register records: the actors ended, the norms that move, the operations it refused and why.

Made by :class:`quyche_rules.amend.actor_register.ActorRegister` while amendments are applied; read by the
reorganisation operations (:mod:`quyche_rules.amend.op_organisation`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quyche_rules.model import Actor
from quyche_rules.model.base import Model
from quyche_rules.model.reorganisation import NewActor

__all__ = ["ActorIssue", "Ended", "Move", "absence", "described_otherwise"]


@dataclass(frozen=True)
class Ended:
    """An actor ended by an organisational operation."""

    actor: str
    day: dt.date  # first day without the actor
    successor: str | None
    how: str  # rename, merge, split or dissolve
    op: Model


@dataclass(frozen=True)
class Move:
    """Norms of ``old`` (on ``tasks``, or all when None) move to ``new``."""

    old: str
    new: str
    tasks: frozenset[str] | None
    op: Model
    day: dt.date


@dataclass(frozen=True)
class ActorIssue:
    """An organisational operation that names an actor it cannot use (reported as QC601).

    ``kind``: ``actor`` (not in actors.yaml), ``ended`` (ended before the change), ``taken`` (the new id is
    another actor's), ``new-without-name`` (a new actor without a name), ``split-target`` (a duty given to an
    actor that is not among the split's ``into``), ``successor-itself`` / ``split-into-itself`` (a unit that would
    succeed itself), ``head-taken`` (a new unit's ``head`` with an id already used; ``op`` is then the ``head``),
    and the others of ``op_organisation._ACTOR_WHY``.
    """

    kind: str
    target: str
    op: Model
    known: tuple[str, ...]
    """The ids of the actors when it was found (for a "did you mean")."""


def absence(actor: Actor, day: dt.date) -> str:
    """Return why ``actor`` cannot take part on ``day`` (an :class:`ActorIssue` kind): not yet, or ended."""
    return "not_yet" if actor.valid_from is not None and actor.valid_from > day else "ended"


def described_otherwise(spec: NewActor, existing: Actor, actors: dict[str, Actor]) -> bool:
    """Return whether ``spec`` names an existing actor but also says what a new one would be, otherwise.

    A name, kind, parent, aliases or fields given that are not the existing actor's, or a head post that does not
    exist: the operation would ignore them (an ``existing-described`` issue).
    """
    given = spec.model_fields_set
    return (("name" in given and spec.name != existing.name)
            or ("kind" in given and spec.kind != existing.kind)
            or ("parent" in given and spec.parent != existing.parent)
            or ("aliases" in given and set(spec.aliases) != set(existing.aliases))
            or ("fields" in given and set(spec.fields) != set(existing.fields))
            or (spec.head is not None and spec.head.id not in actors))
