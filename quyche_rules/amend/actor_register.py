"""The actors while amendments are applied: rename, merge, split and dissolve, and the norms they say move.

Semantics (DOMAIN.md 5.3): an organisational change is data about actors: the old actors end the day before
the change takes effect (``valid_until``) and name their ``successor``; new actors start on that day
(``valid_from``). Posts that belong to an ended unit (its head, deputies, clerks) end with it. Norms move to
the successor **only where the amendment says so** (``takes_over: all`` or a list of task ids; for a split,
``duties: {task: new actor}``): the functions decree names the successor, but the working regulation still
gives the duty to the old unit until it is amended. A duty left with an ended actor that no actor valid on the
day holds in the same role is reported as QC606. A rename that keeps the id is a change of name: the old name
is kept in ``former_names`` with its last day (the text still using it is QC110).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from quyche_rules.amend.actor_records import ActorIssue, Ended, Move, absence
from quyche_rules.amend.new_actors import create, new_posts, posts_of
from quyche_rules.model import Actor
from quyche_rules.model.amendment import DissolveSpec, MergeSpec, RenameSpec, SplitSpec, TakesOver
from quyche_rules.model.base import Model
from quyche_rules.model.organisation import FormerName

__all__ = ["ActorRegister"]

def _tasks(takes_over: TakesOver) -> frozenset[str] | bool | None:
    """Return None for all tasks, False for none, or the set of task ids."""
    if takes_over == "all":
        return None
    if takes_over == "none":
        return False
    return frozenset(takes_over)


def _takes(tasks: frozenset[str] | bool | None) -> TakesOver:
    """Return how an ended actor's record says what its successor took over (see :func:`_tasks`)."""
    return "all" if tasks is None or tasks is True else "none" if tasks is False else tuple(sorted(tasks))


def _day_before(day: dt.date) -> dt.date:
    """Return the day before ``day`` (``day`` itself at the first date there is, 0001-01-01)."""
    return day - dt.timedelta(days=1) if day > dt.date.min else day


def _former(actor: Actor, name: str, day: dt.date) -> tuple[FormerName, ...]:
    """Return the former names of ``actor`` once it is called ``name`` from ``day`` (its name now kept)."""
    if name == actor.name:
        return actor.former_names
    return (*actor.former_names, FormerName(name=actor.name, until=_day_before(day)))


def _day_after(day: dt.date) -> dt.date:
    """Return the day after ``day`` (``day`` itself at the last date there is, 9999-12-31)."""
    return day + dt.timedelta(days=1) if day < dt.date.max else day


class ActorRegister:
    """The actors while amendments are applied; records who ended, which norms must move, and what it refused."""

    def __init__(self, actors: Iterable[Actor], body: str | None = None) -> None:
        self.actors: dict[str, Actor] = {a.id: a for a in actors}
        self.body = body  # the regulation's own body: no amendment of its working regulation ends it
        self.ended: list[Ended] = []
        self.moves: list[Move] = []
        self.issues: list[ActorIssue] = []

    def report(self, kind: str, target: str, op: Model) -> None:
        """Record an actor the operation ``op`` cannot use."""
        self.issues.append(ActorIssue(kind, target, op, tuple(sorted(self.actors))))

    def _ends_body(self, ending: tuple[str, ...], op: Model) -> bool:
        """Report and return True when ``op`` would end the regulation's own body (one of ``ending``)."""
        if self.body is not None and self.body in ending:
            self.report("own-body", self.body, op)
            return True
        return False

    def _known(self, actor_id: str, op: Model, day: dt.date) -> Actor | None:
        actor = self.actors.get(actor_id)
        if actor is None:
            self.report("actor", actor_id, op)
            return None
        if not actor.valid_on(_day_before(day)) and not actor.valid_on(day):
            self.report(absence(actor, day), actor_id, op)
            return None
        return actor

    def _end(self, actor: Actor, day: dt.date, successor: str | None, how: str, op: Model,
             tasks: frozenset[str] | bool | None = None) -> None:
        """End ``actor`` the day before ``day``; its record names ``successor`` and what it took over (``tasks``)."""
        last = _day_before(day)
        until = last if actor.valid_until is None or actor.valid_until > last else actor.valid_until
        if actor.valid_from is not None and until < actor.valid_from:
            until = actor.valid_from
        # the amendment ends it now: what the data said ended it (a later decree) no longer does
        ended = actor.model_copy(update={
            "valid_until": until, "successor": successor, "ended_by": None,
            "takes_over": _takes(tasks) if successor is not None else "all"})
        if op.loc is not None:  # what the record now says was written by the operation
            ended.place(op.loc)
        self.actors[actor.id] = ended
        self.ended.append(Ended(actor.id, day, successor, how, op))

    def _end_with_posts(
        self,
        actor: Actor,
        day: dt.date,
        successor: str | None,
        how: str,
        op: Model,
        tasks: frozenset[str] | bool | None,
    ) -> None:
        """End ``actor`` and its posts; where ``tasks`` says so, their norms move to the successor's posts."""
        posts = posts_of(self, actor.id, day)
        self._end(actor, day, successor, how, op, tasks)
        if successor is not None and tasks is not False:
            self.moves.append(
                Move(actor.id, successor, tasks if isinstance(tasks, frozenset) else None, op, day)
            )
        for post in posts:
            match = (
                [a for a in posts_of(self, successor, _day_after(day)) if a.kind == post.kind]
                if successor
                else []
            )
            post_successor = match[0].id if len(match) == 1 else None
            self._end(post, day, post_successor, how, op, tasks)
            if post_successor is not None and tasks is not False:
                self.moves.append(
                    Move(post.id, post_successor, tasks if isinstance(tasks, frozenset) else None, op, day)
                )

    def rename(self, spec: RenameSpec, day: dt.date, op: Model) -> None:
        """Rename an actor: in place when the id stays, else a new actor continues the old one."""
        actor = self._known(spec.actor, op, day)
        if actor is None:
            return
        new_id = spec.to.id or actor.id
        if new_id != actor.id and self._ends_body((actor.id,), op):
            return
        posts = [a for a in self.actors.values() if a.parent == actor.id]
        if new_id == actor.id:  # its old name is kept, with its last day, as a rename to a new id keeps it
            renamed = actor.model_copy(update={"name": spec.to.name, "aliases": spec.to.aliases or actor.aliases,
                                               "former_names": _former(actor, spec.to.name, day)})
            renamed.place(spec.to.loc or op.loc)  # what the record now says was written by the operation
            self.actors[actor.id] = renamed
        else:
            if new_id in self.actors:
                self.report("taken", new_id, op)
                return
            tasks = _tasks(spec.takes_over)
            self._end(actor, day, new_id, "rename", op, tasks)
            new = Actor(
                id=new_id,
                name=spec.to.name,
                kind=actor.kind,
                parent=actor.parent,
                aliases=spec.to.aliases,
                fields=actor.fields,
                valid_from=day,
            )
            new.place(spec.to.loc)
            self.actors[new_id] = new
            if tasks is not False:
                self.moves.append(
                    Move(actor.id, new_id, tasks if isinstance(tasks, frozenset) else None, op, day)
                )
        for post in posts:  # the posts of a renamed unit continue in it, under its new name
            current = self.actors[post.id]
            name = current.name.replace(actor.name, spec.to.name)
            self.actors[post.id] = current.model_copy(
                update={"parent": new_id, "name": name, "former_names": _former(current, name, day)}
            )

    def merge(self, spec: MergeSpec, day: dt.date, op: Model) -> None:
        """Merge actors into a successor (new or existing); a new one gets the posts the merged units had."""
        twice = sorted({i for i in spec.actors if spec.actors.count(i) > 1})
        for actor_id in twice:
            self.report("listed-twice", actor_id, op)
        if set(spec.actors) == {spec.into.id}:  # nothing would merge
            self.report("merged-into-itself", spec.into.id, op)
        if twice or set(spec.actors) == {spec.into.id} or self._ends_body(
                tuple(a for a in spec.actors if a != spec.into.id), op):
            return
        olds = [a for a in (self._known(i, op, day) for i in spec.actors) if a is not None]
        existed = spec.into.id in self.actors
        target = create(self, spec.into, day, olds[0].parent if olds else None, op)
        if target is None:
            return
        if not existed:
            new_posts(self, target, olds, day)
        tasks = _tasks(spec.takes_over)
        for old in olds:
            if old.id != target:
                self._end_with_posts(old, day, target, "merge", op, tasks)

    def split(self, spec: SplitSpec, day: dt.date, op: Model) -> None:
        """Split an actor: it ends; each listed task goes to the new actor named for it."""
        if self._ends_body((spec.actor,), op):
            return
        if spec.actor in {s.id for s in spec.into}:  # the unit would end and continue at once
            self.report("split-into-itself", spec.actor, op)
            return
        old = self._known(spec.actor, op, day)
        if old is None:
            return
        fresh = {s.id for s in spec.into if s.id not in self.actors}
        created = [c for c in (create(self, s, day, old.parent, op) for s in spec.into) if c is not None]
        for part in created:
            if part in fresh:
                new_posts(self, part, [old], day)
        for task, new in sorted(spec.duties.items()):
            if new not in created:
                self.report("split-target", new, op)
                continue
            self.moves.append(Move(old.id, new, frozenset({task}), op, day))
        self._end_with_posts(old, day, None, "split", op, False)

    def dissolve(self, spec: DissolveSpec, day: dt.date, op: Model) -> None:
        """Dissolve an actor, naming its successor if there is one."""
        if self._ends_body((spec.actor,), op):
            return
        if spec.successor == spec.actor:  # it would end and take over its own duties
            self.report("successor-itself", spec.actor, op)
            return
        old = self._known(spec.actor, op, day)
        if old is None:
            return
        successor = spec.successor
        if successor is not None:
            succ = self.actors.get(successor)
            if succ is None or not succ.valid_on(day):
                self.report("actor" if succ is None else absence(succ, day), successor, op)
                return
        self._end_with_posts(old, day, successor, "dissolve", op, _tasks(spec.takes_over))
