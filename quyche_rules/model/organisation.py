"""Actors (the organisation) and the catalogue of tasks, fields of work and document types."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import model_validator

from quyche_rules.model.base import Model, Name, Slug
from quyche_rules.model.regulation import LegalBase

__all__ = ["Actor", "ActorKind", "ActorsFile", "DocumentType", "FieldOfWork", "FormerName", "TakesOver", "Task",
           "TasksFile"]

ActorKind = Literal[
    "body", "head", "deputy_head", "unit", "unit_head", "unit_deputy", "staff", "clerk", "collective", "group",
    "external", "role",
]

#: ``all`` (every norm of the old actor goes to the successor), ``none`` (none does), or task ids
TakesOver = Literal["all", "none"] | tuple[Slug, ...]


class FormerName(Model):
    """A name an actor bore until a rename that kept its id."""

    name: Name
    """The name it bore, e.g. "Vụ Tổng hợp"."""
    until: dt.date
    """The last day it bore that name."""


class Actor(Model):
    """A person-role, unit or body that can hold duties and powers."""

    id: Slug
    """ASCII slug id, e.g. ``vu-phap-che``."""
    name: Name
    """Vietnamese name, e.g. "Vụ Pháp chế"."""
    kind: ActorKind
    """body, head, deputy_head, unit, unit_head, unit_deputy, staff, clerk, collective; group (several actors
    named together: "các Phó Thủ tướng", "các bộ"); external (a body the regulation refers to but does not
    organise: the Party, the National Assembly, a province); role (whoever plays a part in the task at hand:
    "đơn vị chủ trì", "cơ quan phối hợp", see ``stands_for``)."""
    parent: Slug | None = None
    """Id of the unit or body this actor belongs to (for a unit head: the unit)."""
    aliases: tuple[Name, ...] = ()
    """Other names the text uses for this actor (short names, abbreviations)."""
    former_names: tuple[FormerName, ...] = ()
    """Names it bore before, each with its last day: what ``quyche amend`` records of a rename that kept the id. A
    unit's text still using one after that day is QC110, as for a unit renamed to a new id."""
    fields: tuple[Slug, ...] = ()
    """Ids of the fields of work assigned to this actor (a deputy head's phân công)."""
    valid_from: dt.date | None = None
    """First day the actor exists."""
    valid_until: dt.date | None = None
    """Last day the actor exists (dissolved, merged or renamed after it)."""
    successor: Slug | None = None
    """Id of the actor that took over when this one ended."""
    takes_over: TakesOver = "all"
    """What of this actor's duties the successor holds: ``all`` (the default), ``none``, or a list of task ids.
    A norm that still names this actor on a task the successor did not take over has no holder (QC105-QC109):
    what ``quyche amend`` writes for a merge or rename whose ``takes_over`` left duties behind."""
    ended_by: LegalBase | None = None
    """The instrument (law-catalogue or own id) and article that dissolved, merged or renamed this actor."""
    created_by: LegalBase | None = None
    """The instrument and article that created this actor."""
    vacant: bool = False
    """True when the post is vacant (relevant to acting heads, Q.)."""
    members: tuple[Slug, ...] = ()
    """For a group: the ids of its members, when the regulation names them."""
    member_kind: ActorKind | None = None
    """For a group: every actor of this kind is a member ("các vụ, đơn vị" = every unit)."""
    stands_for: Literal["lead", "cooperate"] | None = None
    """For a role: the part it names in the task of each norm that uses it. "Đơn vị chủ trì gửi dự thảo lấy ý kiến"
    with ``stands_for: lead`` is the lead of that task, wherever the regulation names it, and not a second lead."""

    @model_validator(mode="after")
    def _interval(self) -> Actor:
        if self.valid_from and self.valid_until and self.valid_until < self.valid_from:
            raise ValueError("valid_until is before valid_from")
        if self.takes_over != "all" and self.successor is None:
            raise ValueError("takes_over needs a successor")
        if (self.members or self.member_kind) and self.kind != "group":
            raise ValueError("members and member_kind are for an actor of kind group")
        if (self.stands_for is None) != (self.kind != "role"):
            raise ValueError("stands_for (lead or cooperate) goes with an actor of kind role, and a role needs it: "
                             "{kind: role, stands_for: lead} for \"đơn vị chủ trì\"")
        return self

    def members_in(self, actors: tuple[Actor, ...]) -> tuple[str, ...]:
        """Return the ids of a group's members among ``actors`` (named ones, then those of its member kind)."""
        kind = tuple(a.id for a in actors if self.member_kind and a.kind == self.member_kind and a.id != self.id)
        return tuple(dict.fromkeys((*self.members, *kind)))

    def valid_on(self, day: dt.date) -> bool:
        """Return True when the actor exists on ``day``."""
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class ActorsFile(Model):
    """The ``actors.yaml`` file: the organisation."""

    actors: tuple[Actor, ...]
    """Every actor of the regulation."""


class FieldOfWork(Model):
    """A field of work (lĩnh vực) that can be assigned to a deputy."""

    id: Slug
    """ASCII slug id."""
    name: Name
    """Vietnamese name."""


class Task(Model):
    """A task (nhiệm vụ) in the catalogue."""

    id: Slug
    """ASCII slug id."""
    name: Name
    """Vietnamese name."""
    field: Slug | None = None
    """Id of the field of work the task belongs to."""
    topics: tuple[Slug, ...] = ()
    """Topics the task covers (e.g. ``electronic-handling``, ``digital-signature``, ``follow-up``)."""
    needs_lead: bool = True
    """True when the task must have exactly one lead (chủ trì)."""
    needs_deadline: bool = False
    """True when the law requires the regulation to set a time limit for the task."""


class DocumentType(Model):
    """A type of document that can be signed (giấy mời họp, công văn…)."""

    id: Slug
    """ASCII slug id."""
    name: Name
    """Vietnamese name."""
    head_level: bool = False
    """True for documents within the head's own competence."""
    field: Slug | None = None
    """Id of the field of work the document type belongs to."""


class TasksFile(Model):
    """The ``tasks.yaml`` file: fields of work, tasks and document types."""

    fields: tuple[FieldOfWork, ...] = ()
    """Fields of work."""
    tasks: tuple[Task, ...] = ()
    """Tasks."""
    document_types: tuple[DocumentType, ...] = ()
    """Document types."""
