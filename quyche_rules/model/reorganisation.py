"""The reorganisation operations of an amendment file: a unit renamed, merged, split or dissolved.

What becomes of the old unit's duties is said with ``takes_over`` (who takes over which tasks); the operation
items that name them are in :mod:`quyche_rules.model.operations`.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field, model_validator

from quyche_rules.model.base import Model, Name, Slug
from quyche_rules.model.organisation import ActorKind, TakesOver

__all__ = [
    "DissolveSpec",
    "MergeSpec",
    "NewActor",
    "NewHead",
    "RenameSpec",
    "RenameTo",
    "SplitSpec",
    "TakesOver",
]


class NewHead(Model):
    """The head post of a new unit (e.g. the Vụ trưởng of a merged department)."""

    id: Slug
    """ASCII slug id of the head."""
    name: Name
    """Vietnamese name, e.g. "Vụ trưởng Vụ Công tác dân tộc địa phương"."""


class NewActor(Model):
    """A unit created by a merge or a split, or an existing actor named by its id."""

    id: Slug
    """Id of the actor; when no actor has it, a new one is created from the keys below."""
    name: Name | None = None
    """Vietnamese name (required for a new actor)."""
    kind: ActorKind = "unit"
    """Kind of the new actor."""
    parent: Slug | None = None
    """Parent of the new actor (default: the parent of the first old actor)."""
    aliases: tuple[Name, ...] = ()
    """Other names the text uses for it."""
    fields: tuple[Slug, ...] = ()
    """Ids of the fields of work assigned to it."""
    head: NewHead | None = None
    """Its head post (kind ``unit_head``), created with it."""


class RenameTo(Model):
    """The new identity of a renamed actor."""

    id: Slug | None = None
    """New id; leave out (or repeat the old id) to rename in place, keeping every norm."""
    name: Name
    """New Vietnamese name."""
    aliases: tuple[Name, ...] = ()
    """Other names the text uses for it."""


class RenameSpec(Model):
    """Đổi tên: an actor continues under a new name (and possibly a new id)."""

    actor: Slug
    """Id of the actor renamed."""
    to: RenameTo
    """Its new name and id."""
    effective: dt.date | None = None
    """Date of the rename (default: the amendment's effective date)."""
    takes_over: TakesOver = "none"
    """With a new id: which norms of the old id move to the new one: ``all``, ``none`` or a list of task ids.
    Norms that do not move stay with the old id, which has ended (QC606 reports the duties)."""


class MergeSpec(Model):
    """Hợp nhất: several actors end and one successor (new or existing) replaces them."""

    actors: tuple[Slug, ...] = Field(min_length=1)
    """Ids of the actors merged."""
    into: NewActor
    """The successor: an existing actor's id, or a new actor."""
    effective: dt.date | None = None
    """Date of the merge (default: the amendment's effective date); the old actors end the day before."""
    takes_over: TakesOver = "none"
    """Which norms of the old actors (and of their head posts) move to the successor: ``all``, ``none`` or
    a list of task ids. A merge names the successor; it moves duties only where the amendment says so
    (DOMAIN.md 5.3: duties of merged units are orphaned unless reassigned), and QC606 reports the rest."""


class SplitSpec(Model):
    """Chia tách: one actor ends and several new ones share its duties."""

    actor: Slug
    """Id of the actor split."""
    into: tuple[NewActor, ...] = Field(min_length=1)
    """The actors that replace it."""
    duties: dict[Slug, Slug] = Field(default_factory=dict)
    """Task id -> id of the new actor that takes the old actor's norms on that task."""
    effective: dt.date | None = None
    """Date of the split (default: the amendment's effective date)."""


class DissolveSpec(Model):
    """Giải thể: an actor ends, with or without a successor."""

    actor: Slug
    """Id of the actor dissolved."""
    successor: Slug | None = None
    """Id of the actor that takes over, if any (must exist on the date)."""
    effective: dt.date | None = None
    """Date of the dissolution (default: the amendment's effective date)."""
    takes_over: TakesOver = "none"
    """Which norms move to the successor: ``all``, ``none`` or a list of task ids (needs a successor)."""

    @model_validator(mode="after")
    def _needs_successor(self) -> DissolveSpec:
        if self.takes_over != "none" and self.successor is None:
            raise ValueError("takes_over needs a successor")
        return self
