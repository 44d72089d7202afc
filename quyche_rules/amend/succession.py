"""Where the duties of an ended actor went: to its successor, by the succession the organisation records.

An actor *ended* when it is in force in the old version and not in the new one; an actor with the same id in
the new version is the same actor. Its *successor* is the first actor down its ``successor`` chain in force in
the new version (:func:`quyche_rules.facts.organisation.successors`, which also gives the head or deputy of a
unit the same post in the unit's successor), read in the new version's actors, then in the old version's: an
old model may record successors that only the new model declares.

Each duty of an ended actor has one fate, by succession first:

- ``successor``: the successor holds it in the new version;
- ``other``: the successor does not (or there is none), but actors that did not hold it before do. They are
  matched by task and role only, not by succession, and the text and JSON reports say so;
- ``shared``: nobody new holds it, but actors that shared it before still do (the ended actor's share is lost);
- ``stale``: the new version still gives it, but only to actors no longer in force (QC606 when an amendment
  left it there, QC110 in a version of its own);
- ``dropped``: no provision of the new version gives it to anyone (QC609, :mod:`quyche_rules.amend.dropped`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from quyche_rules.amend.holdings import DUTY_CATEGORIES, Entry, Held, Holdings
from quyche_rules.facts.organisation import successors
from quyche_rules.model import Actor, Regulation

__all__ = ["FATES", "EndedActor", "Fate", "ended_actors", "ended_ids", "equivalents", "successor_map"]

#: the fates of a duty, from the best to the worst
FATES = ("successor", "other", "shared", "stale", "dropped")

#: the position of an actor in the key of a holding, by category (whom one reports to, who delegates)
_ACTOR_IN_KEY = {"reporting": 1, "delegation_received": 0}

Key = tuple[str, tuple[str, ...]]


@dataclass(frozen=True)
class Fate:
    """Where one duty of an ended actor went, and how it was found (one of :data:`FATES`).

    ``went_to`` lists (actor, provisions in the new version): the successor when it holds the duty; with
    ``how == "other"``, the actors that hold it now and did not before, matched by task and role only.
    ``still_held_by`` names the actors that held it already and still do.
    """

    entry: Entry
    how: str
    went_to: tuple[tuple[str, tuple[str, ...]], ...] = ()
    still_held_by: tuple[str, ...] = ()

    @property
    def lost(self) -> bool:
        """Return True when nobody took the duty over (neither the successor nor anyone new)."""
        return not self.went_to

    @property
    def dropped(self) -> bool:
        """Return True when no provision of the new version gives the duty to anyone."""
        return self.how == "dropped"


@dataclass(frozen=True)
class EndedActor:
    """An actor in force in the old version and gone (merged, renamed, dissolved) in the new one."""

    actor: str
    ended_on: dt.date | None  # first day without it, when a version records it
    successor: str | None
    duties: tuple[Fate, ...]


def _valid(reg: Regulation, actor: str, day: dt.date) -> bool:
    found = reg.actor_by_id.get(actor)
    return found is not None and found.valid_on(day)


def ended_ids(old: Regulation, new: Regulation, old_day: dt.date, new_day: dt.date) -> list[str]:
    """Return the actors in force in ``old`` on ``old_day`` and not in ``new`` on ``new_day``, sorted."""
    return sorted(a.id for a in old.actors if a.valid_on(old_day) and not _valid(new, a.id, new_day))


def successor_map(old: Regulation, new: Regulation, day: dt.date) -> dict[str, str]:
    """Return, for each actor of ``old`` not in force in ``new`` on ``day``, its successor in force then.

    The chain is read in the new version, then in the old one; a successor the old chain ends on that is not
    in force in the new version is looked up in the new chain again. A head or deputy with no successor in
    either gets the same post in the successor of their unit, as the new version declares it. When no one in
    the chain is in force, the last actor of the chain.
    """
    in_new, in_old = successors(new, day), successors(old, day)

    def resolve(actor: str) -> str | None:
        found = in_new.get(actor) or in_old.get(actor)
        if found is not None and not _valid(new, found, day):
            found = in_new.get(found, found)
        return found

    out: dict[str, str] = {}
    for actor in old.actors:
        if _valid(new, actor.id, day):
            continue
        found = resolve(actor.id) or _same_post(actor, resolve(actor.parent or ""), new, day)
        if found and found != actor.id:
            out[actor.id] = found
    return out


def _same_post(actor: Actor, unit: str | None, new: Regulation, day: dt.date) -> str | None:
    """Return the post of ``actor``'s kind in ``unit`` in force in ``new`` (a head follows their unit)."""
    if unit is None or actor.kind not in ("unit_head", "unit_deputy"):
        return None
    return next((a.id for a in new.actors if a.kind == actor.kind and a.parent == unit and a.valid_on(day)), None)


def equivalents(category: str, key: tuple[str, ...], renamed: Mapping[str, str]) -> list[Key]:
    """Return the holdings that carry on the same responsibility.

    Leading a task as a duty or as the lead of a coordination is the same role, and so is cooperating. An
    actor named in the key (whom one reports to, who delegates) that has ended is read as its successor too.
    """
    same: list[Key] = [(category, key)]
    if category == "duty" and key[1] in ("lead", "cooperate"):
        same.append(("coordination", key))
    elif category == "coordination":
        same.append(("duty", key))

    slot = _ACTOR_IN_KEY.get(category)
    if slot is not None and key[slot] in renamed:
        same.append((category, (*key[:slot], renamed[key[slot]], *key[slot + 1 :])))
    return same


def ended_actors(
    old: Regulation, new: Regulation, before: Holdings, after: Holdings, old_day: dt.date, new_day: dt.date
) -> tuple[EndedActor, ...]:
    """Return every actor that ended between the versions, with its successor and the fate of each duty."""
    renamed = successor_map(old, new, new_day)
    out = []
    for actor in ended_ids(old, new, old_day, new_day):
        record = new.actor_by_id.get(actor) or old.actor_by_id[actor]
        until = record.valid_until
        ended_on = until + dt.timedelta(days=1) if until is not None and until < dt.date.max else until
        successor = renamed.get(actor)
        fates = tuple(
            _fate(actor, successor, category, key, held, before, after, renamed, new, new_day)
            for (category, key), held in sorted(before.get(actor, {}).items())
            if category in DUTY_CATEGORIES
        )
        out.append(EndedActor(actor, ended_on, successor, fates))
    return tuple(out)


def _fate(
    actor: str,
    successor: str | None,
    category: str,
    key: tuple[str, ...],
    held: Held,
    before: Holdings,
    after: Holdings,
    renamed: Mapping[str, str],
    new: Regulation,
    day: dt.date,
) -> Fate:
    """Return where one duty of ``actor`` went: by succession first, by task and role only as a last resort."""
    same = equivalents(category, key, renamed)
    entry = Entry(category, key, old=tuple(sorted(held.details)), old_provisions=tuple(held.provisions))
    holders = {
        other: tuple(dict.fromkeys(p for ck in same if ck in got for p in got[ck].provisions))
        for other, got in sorted(after.items())
        if any(ck in got for ck in same)
    }
    live = {other: provs for other, provs in holders.items() if other != actor and _valid(new, other, day)}
    if successor is not None and successor in live:
        return Fate(entry, "successor", ((successor, live[successor]),))
    if successor is not None and category in ("duty", "coordination") and key[1] == "cooperate":
        # a unit merged into the lead it helped: the successor's lead carries the cooperation on
        lead = (key[0], "lead", *key[2:])
        got = after.get(successor, {})
        provs = tuple(dict.fromkeys(p for ck in (("duty", lead), ("coordination", lead)) if ck in got
                                    for p in got[ck].provisions))
        if provs and _valid(new, successor, day):
            return Fate(entry, "successor", ((successor, provs),))
    kept = tuple(other for other in live if any(ck in before.get(other, {}) for ck in same))
    newly = tuple((other, provs) for other, provs in live.items() if other not in kept)
    if newly:
        return Fate(entry, "other", newly, kept)
    if kept:
        return Fate(entry, "shared", (), kept)
    return Fate(entry, "stale" if holders else "dropped")
