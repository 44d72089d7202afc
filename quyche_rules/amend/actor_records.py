"""What the actor register records: the actors ended, the norms that move, the operations it refused.

Made by :class:`quyche_rules.amend.actor_register.ActorRegister` while amendments are applied; read by the
reorganisation operations (:mod:`quyche_rules.amend.op_organisation`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from quyche_rules.model.base import Model

__all__ = ["ActorIssue", "Ended", "Move"]


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
    another actor's), ``new-without-name`` (a new actor without a name) or ``split-target`` (a duty given to an
    actor that is not among the split's ``into``).
    """

    kind: str
    target: str
    op: Model
    known: tuple[str, ...]
    """The ids of the actors when it was found (for a "did you mean")."""
