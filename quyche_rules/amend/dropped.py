"""QC609: a duty of an actor that ended, that the new version gives to nobody, found by comparing versions.

The responsibility diff follows each duty of an ended actor to its successor
(:mod:`quyche_rules.amend.succession`); a duty whose fate is ``dropped`` (no provision of the new version gives
its task in its role to anyone, neither the successor nor another actor) is a QC609, in the new version's
findings, so that ``quyche diff`` reports it as introduced.

QC606 and QC609 never report one duty twice. QC606 (consolidation) owns a duty still written in the text for a
unit an amendment ended: the text names a holder that is gone. QC609 owns a duty that is no longer written
for anyone: the old version gave it, the holder ended, and the new text is silent. A duty QC606 already reported
for an actor is not reported again by QC609, even when a later amendment repealed its provision.
"""

from __future__ import annotations

from collections.abc import Iterable

from quyche_rules.amend.diff import ResponsibilityDiff
from quyche_rules.amend.holdings import Entry
from quyche_rules.checks.produce import produce_hits
from quyche_rules.findings import Finding, Hit, Location, ProvisionRef
from quyche_rules.i18n import Text
from quyche_rules.model import Regulation

__all__ = ["DUTIES", "PRODUCES", "dropped_duties"]

#: the check codes whose hits this module makes
PRODUCES = ("QC609",)

#: the holdings that are duties (a task in a role, reporting); a power, a delegation or a time limit is not one
DUTIES = ("duty", "coordination", "follow_up", "reporting")

_ROLE = {
    "lead": Text.of("chủ trì", "leads"),
    "cooperate": Text.of("phối hợp", "cooperates on"),
    "responsible": Text.of("thực hiện", "carries out"),
    "follow_up": Text.of("theo dõi, đôn đốc", "follows up"),
}


def _is_duty(entry: Entry) -> bool:
    """Return True for a holding that is a duty: a task in a role, or reporting to someone (not receiving)."""
    return entry.category in DUTIES and (entry.category != "reporting" or entry.key[0] == "to")


def _role(entry: Entry, old: Regulation) -> Text:
    """Return what the ended actor did, as a verb ("chủ trì", "báo cáo Vụ Tổng hợp về", …)."""
    if entry.category == "follow_up":
        return _ROLE["follow_up"]
    if entry.category == "reporting":
        who = old.actor_name(entry.key[1])
        return Text.of(f"báo cáo {who} về", f"reports to {who} on")
    role = entry.key[1]
    return _ROLE.get(role, Text.of(role, role))


def _task(entry: Entry) -> str:
    """Return the task of a duty (the last slot of a reporting key, the first of the others)."""
    return entry.key[2] if entry.category == "reporting" else entry.key[0]


def _where(new: Regulation, *actors: str | None) -> Location | None:
    """Return where the new version records the first of ``actors`` it has, else its regulation.yaml."""
    for actor in actors:
        record = new.actor_by_id.get(actor or "")
        if record is not None and record.loc is not None:
            return record.loc
    return new.meta.loc


def dropped_duties(diff: ResponsibilityDiff, reported: Iterable[Finding] = ()) -> list[Finding]:
    """Return a QC609 for each duty of an ended actor that no provision of the new version gives to anyone.

    Args:
        diff: the responsibility diff of the two versions.
        reported: findings already made about the new version; a duty QC606 reported for an actor is skipped.
    """
    old, new = diff.old, diff.new
    orphaned = {(a, t) for f in reported if f.code == "QC606" for a in f.actors for t in f.tasks}
    texts = {p.phrase: p.text for p in old.provisions}
    hits = []
    for ended in diff.ended:
        successor = ended.successor
        for fate in ended.duties:
            entry = fate.entry
            task = _task(entry)
            if not fate.dropped or not _is_duty(entry) or (ended.actor, task) in orphaned:
                continue
            name = new.actor_name(successor) if successor in new.actor_by_id else successor
            hits.append(Hit(
                tuple(ProvisionRef(citation=p, regulation=old.id, text=texts.get(p, ""))
                      for p in entry.old_provisions),
                actors=(ended.actor, *((successor,) if successor else ())),
                tasks=(task,) if task else (),
                values={
                    "role": _role(entry, old),
                    "task": old.task_name(task) if task else "—",
                    "actor": old.actor_name(ended.actor),
                    "provision": "; ".join(entry.old_provisions),
                    "successor": Text.of(f"; đơn vị kế thừa {name} lẽ ra phải nhận nhiệm vụ này",
                                         f"; its successor {name} should have taken it over") if name
                    else Text.of("; không có đơn vị kế thừa", "; there is no successor"),
                },
                at=_where(new, ended.actor, successor),
                code="QC609",
                day=diff.new_day,
            ))
    return produce_hits(hits)
