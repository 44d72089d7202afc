"""A whole regulation: metadata, organisation, catalogue and articles, with lookup indexes."""

from __future__ import annotations

import datetime as dt
from functools import cached_property

from quyche_rules.model.base import Model
from quyche_rules.model.organisation import Actor, DocumentType, FieldOfWork, Task
from quyche_rules.model.provisions import Article, Provision, iter_provisions
from quyche_rules.model.regulation import RegulationMeta

__all__ = ["Regulation"]


class Regulation(Model):
    """Everything one regulation folder says, validated and NFC-normalised."""

    meta: RegulationMeta
    """Contents of ``regulation.yaml``."""
    actors: tuple[Actor, ...] = ()
    """Contents of ``actors.yaml``."""
    fields: tuple[FieldOfWork, ...] = ()
    """Fields of work from ``tasks.yaml``."""
    tasks: tuple[Task, ...] = ()
    """Tasks from ``tasks.yaml``."""
    document_types: tuple[DocumentType, ...] = ()
    """Document types from ``tasks.yaml``."""
    articles: tuple[Article, ...] = ()
    """Articles, one per file under ``articles/``, in document order."""

    @property
    def id(self) -> str:
        """Return the regulation id."""
        return self.meta.id

    @property
    def effective(self) -> dt.date:
        """Return the effective date."""
        return self.meta.effective

    @cached_property
    def actor_by_id(self) -> dict[str, Actor]:
        """Return actors indexed by id."""
        return {a.id: a for a in self.actors}

    @cached_property
    def task_by_id(self) -> dict[str, Task]:
        """Return tasks indexed by id."""
        return {t.id: t for t in self.tasks}

    @cached_property
    def document_type_by_id(self) -> dict[str, DocumentType]:
        """Return document types indexed by id."""
        return {d.id: d for d in self.document_types}

    @cached_property
    def field_by_id(self) -> dict[str, FieldOfWork]:
        """Return fields of work indexed by id."""
        return {f.id: f for f in self.fields}

    @cached_property
    def provisions(self) -> tuple[Provision, ...]:
        """Return every provision in document order."""
        return tuple(p for article in self.articles for p in iter_provisions(article))

    def groups_naming_nobody(self, day: dt.date) -> frozenset[str]:
        """Return the groups whose members are none of them there on ``day`` (through the groups among them).

        A member is there when it exists on the day (an id actors.yaml lacks is QC101's, and counts as there); a
        group that names neither members nor a member kind is only a name (the regulation does not say who) and
        is left out, while one given ``members: []`` names nobody.
        """
        groups = [a for a in self.actors if a.kind == "group" and (a.member_kind or "members" in a.model_fields_set)]
        nobody: set[str] = set()
        changed = bool(groups)
        while changed:  # a group of groups names nobody once its groups do: until nothing changes
            changed = False
            for group in groups:
                if group.id in nobody:
                    continue
                members = [self.actor_by_id.get(m) for m in group.members_in(self.actors)]
                if not any(m is None or (m.valid_on(day) and m.id not in nobody) for m in members):
                    nobody.add(group.id)
                    changed = True
        return frozenset(nobody)

    def actor_name(self, actor_id: str) -> str:
        """Return an actor's Vietnamese name, or the id if unknown."""
        actor = self.actor_by_id.get(actor_id)
        return actor.name if actor else actor_id

    def task_name(self, task_id: str) -> str:
        """Return a task's Vietnamese name, or the id if unknown."""
        task = self.task_by_id.get(task_id)
        return task.name if task else task_id
