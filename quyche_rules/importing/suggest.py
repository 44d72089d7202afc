"""Suggested norms: lead, cooperation, signing and deadline formulas, each given to the actor named before it.

A formula goes to the actor named just before it (in the provision, or else in its clause's lead-in). Every norm
carries ``suggested: true`` and the ``words`` it comes from; a formula with no recognisable actor suggests nothing.
"""

from __future__ import annotations

from typing import Any

from quyche_rules.importing.actors import ImportedActor, mentions
from quyche_rules.importing.formulas import find

__all__ = ["suggest"]

_PERIOD_UNITS = ("working_days", "days", "hours", "weeks", "months", "years")
_MODES = {"KT": "assign", "TL": "assign", "TUQ": "authorize", "Q": "assign", "TM": "authorize"}


def _subject(text: str, at: int, actors: list[ImportedActor], lead_in: str) -> str | None:
    before = [m for m in mentions(text, actors) if m[1] <= at]
    if before:
        return before[-1][2]
    found = mentions(lead_in, actors) if lead_in else []
    return found[0][2] if found else None


def suggest(text: str, task: str, actors: list[ImportedActor], lead_in: str = "") -> list[dict[str, Any]]:
    """Return the suggested norms of ``text`` (plain dicts, as written in an article file)."""
    head = next((a.id for a in actors if a.kind == "head"), None)
    body = next((a.id for a in actors if a.kind in ("body", "collective")), None)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for formula in find(text):
        kind = formula.kind
        if not (kind in ("lead", "cooperate") or kind.startswith(("signing:", "period:"))):
            continue
        holder = _subject(text, formula.start, actors, lead_in)
        if holder is None or (kind, holder) in seen:
            continue
        seen.add((kind, holder))
        common = {"suggested": True, "words": formula.words}
        if kind in ("lead", "cooperate"):
            out.append({"duty": {"holder": holder, "task": task, "role": kind, **common}})
        elif kind.startswith("signing:"):
            mode = kind.split(":", 1)[1]
            giver = head if holder != head else body
            if giver is None or giver == holder:
                continue
            out.append({"delegation": {"mode": _MODES[mode], "signing": mode, "from": giver, "to": holder,
                                       "task": task, **common}})
        else:
            unit = kind.split(":", 1)[1]
            if unit in _PERIOD_UNITS and formula.amount > 0:
                out.append({"duty": {"holder": holder, "task": task, "role": "responsible",
                                     "deadline": {unit: formula.amount}, **common}})
    return out
