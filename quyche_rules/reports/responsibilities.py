"""The responsibility diff of a change report: per unit, what it gained, lost and kept with changes."""

from __future__ import annotations

import json

from quyche_rules.amend.diff import Comparison, Entry
from quyche_rules.i18n import Lang
from quyche_rules.reports.changes import describe, short_value
from quyche_rules.reports.views import UI, ActorView, ChangeLine, EndedView
from quyche_rules.vocabulary import day_words

__all__ = ["responsibility_views"]


def _details(entry: Entry) -> str:
    if len(entry.old) != 1 or len(entry.new) != 1:
        return f"{'; '.join(entry.old)} → {'; '.join(entry.new)}"
    old, new = json.loads(entry.old[0]), json.loads(entry.new[0])
    parts = []
    for name in sorted(set(old) | set(new)):
        if old.get(name) != new.get(name):
            parts.append(f"{name}: {short_value(old.get(name))} → {short_value(new.get(name))}")
    return "; ".join(parts)


def responsibility_views(comp: Comparison, lang: Lang) -> tuple[tuple[ActorView, ...], tuple[EndedView, ...]]:
    """Return what each unit gained, lost and kept with changes, and where the duties of ended actors went."""
    diff = comp.responsibilities
    old, new = diff.old, diff.new
    old_tag = f", {UI['old_version'].get(lang)}"
    actors = []
    for change in diff.actors:
        reg = new if change.actor in new.actor_by_id else old
        lines = [
            ChangeLine("+", "gained", describe(e, new, lang), "; ".join(e.new_provisions))
            for e in change.gained
        ]
        lines += [
            ChangeLine("−", "lost", describe(e, old, lang), "; ".join(e.old_provisions) + old_tag)
            for e in change.lost
        ]
        lines += [
            ChangeLine(
                "~", "changed", f"{describe(e, new, lang)}: {_details(e)}", "; ".join(e.new_provisions)
            )
            for e in change.changed
        ]
        status = {"new": UI["status_new"].get(lang), "ended": UI["status_ended"].get(lang)}.get(
            change.status, ""
        )
        actors.append(ActorView(change.actor, reg.actor_name(change.actor), status, tuple(lines)))
    ended = []
    for e in diff.ended:
        bits = []
        if e.ended_on is not None:
            bits.append(UI["gone_from"].fill({"day": day_words(e.ended_on)}).get(lang))
        if e.successor:
            name = new.actor_name(e.successor) if e.successor in new.actor_by_id else e.successor
            bits.append(UI["successor"].fill({"name": name}).get(lang))
        lines = []
        for fate in e.duties:
            what = describe(fate.entry, old, lang)
            if fate.went_to:
                lines += [
                    ChangeLine("→", "gained", f"{new.actor_name(a)}: {what}", "; ".join(p))
                    for a, p in fate.went_to
                ]
            else:
                lines.append(
                    ChangeLine(
                        "✗",
                        "lost",
                        f"{UI['nobody'].get(lang)}: {what}",
                        "; ".join(fate.entry.old_provisions) + old_tag,
                    )
                )
        ended.append(EndedView(e.actor, old.actor_name(e.actor), "; ".join(bits), tuple(lines)))
    return tuple(actors), tuple(ended)
