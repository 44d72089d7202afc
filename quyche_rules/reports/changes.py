"""Text and JSON renderings of a comparison (responsibility diff and findings delta); pure functions."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from quyche_rules import __version__
from quyche_rules.amend.diff import Comparison, EndedActor, Entry, Fate, count_by_severity
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation
from quyche_rules.reports.holding_words import describe, short_value
from quyche_rules.reports.json_report import finding_dict
from quyche_rules.reports.text import render_text
from quyche_rules.vocabulary import day_words

__all__ = ["render_diff_json", "render_diff_text"]

_COMPARING = Text.of("So sánh: {old} → {new}", "Comparing {old} → {new}")
_CHANGED = Text.of("Trách nhiệm thay đổi", "Responsibilities changed")
_NONE = Text.of("  (không có)", "  (none)")
_STATUS: dict[str, Text] = {"new": Text.of(" — mới", " — new"), "ended": Text.of(" — đã chấm dứt", " — ended")}
_ENDED = Text.of("Chủ thể chấm dứt", "Actors that ended")
_GONE_FROM = Text.of("không còn từ {day}", "gone from {day}")
_ABSENT = Text.of("không có trong bản mới", "absent from the new version")
_SUCCESSOR = Text.of("kế thừa: {name}", "successor: {name}")
_DUTY = Text.of("nhiệm vụ", "duty")
_DUTIES = Text.of("nhiệm vụ", "duties")
_NOT_TAKEN = Text.of("đơn vị kế thừa {name} không đảm nhận", "the successor {name} does not hold it")
_NO_SUCCESSOR = Text.of("không có đơn vị kế thừa", "there is no successor")
_BY_TASK = Text.of("chỉ khớp theo tên nhiệm vụ, không theo kế thừa", "matched by task only, not by succession")
#: what became of a duty that neither the successor nor anyone new holds, by its fate
_LEFT: dict[str, Text] = {
    "shared": Text.of("vẫn do {n} chủ thể khác đảm nhận như trước", "still held by {n} other actor(s), as before"),
    "stale": Text.of("bản mới vẫn giao cho chủ thể không còn tồn tại",
                     "the new version still gives it to actors that no longer exist"),
    "dropped": Text.of("bị bỏ: không ai đảm nhận trong bản mới", "dropped: held by nobody in the new version"),
}
_INTRODUCED = Text.of("Phát hiện mới (do thay đổi gây ra)", "Introduced findings")
_RESOLVED = Text.of("Đã khắc phục", "Resolved")
_SUMMARY = Text.of(
    "Phát sinh: {error} lỗi, {warning} cảnh báo, {info} thông tin · "
    "Đã khắc phục: {resolved} · Còn tồn tại: {persisting}",
    "Introduced: {error} errors, {warning} warnings, {info} info · "
    "Resolved: {resolved} · Persisting: {persisting}",
)
_OLD_VERSION = Text.of(" bản cũ", ", old version")


def _details_change(entry: Entry) -> str:
    if len(entry.old) != 1 or len(entry.new) != 1:
        return f"{'; '.join(entry.old)} → {'; '.join(entry.new)}"
    old, new = json.loads(entry.old[0]), json.loads(entry.new[0])
    parts = []
    for name in sorted(set(old) | set(new)):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if isinstance(before, list) and isinstance(after, list):
            gone = [short_value(v) for v in before if v not in after]
            came = [short_value(v) for v in after if v not in before]
            parts.append(f"{name}: " + ", ".join([*(f"−{v}" for v in gone), *(f"+{v}" for v in came)]))
        else:
            parts.append(f"{name}: {short_value(before)} → {short_value(after)}")
    return "; ".join(parts)


def _where(provisions: Sequence[str], lang: Lang, old: bool = False) -> str:
    if not provisions:
        return ""
    tail = _OLD_VERSION.get(lang) if old else ""
    return f" ({'; '.join(provisions)}{tail})"


def _finding_line(f: Finding, lang: Lang) -> str:
    cites = "; ".join(p.citation for p in f.provisions)
    return f"  {f.code} {f.name}: {f.message.get(lang)}" + (f" [{cites}]" if cites else "")


def _ended_lines(ended: EndedActor, old: Regulation, new: Regulation, lang: Lang) -> list[str]:
    """Return an ended actor's line, then where each of its duties went, by succession first."""
    extra = []
    if ended.ended_on is not None:
        extra.append(_GONE_FROM.fill({"day": day_words(ended.ended_on)}).get(lang))
    else:
        extra.append(_ABSENT.get(lang))
    successor = ""
    if ended.successor:
        successor = new.actor_name(ended.successor) if ended.successor in new.actor_by_id else ended.successor
        extra.append(_SUCCESSOR.fill({"name": successor}).get(lang))
    count = len(ended.duties)
    noun = (_DUTY if count == 1 else _DUTIES).get(lang)
    lines = [f"{old.actor_name(ended.actor)} ({'; '.join(extra)}): {count} {noun}"]
    for fate in ended.duties:
        lines += _fate_lines(fate, successor, old, new, lang)
    return lines


def _fate_lines(fate: Fate, successor: str, old: Regulation, new: Regulation, lang: Lang) -> list[str]:
    """Return where one duty went: ``→`` the successor, ``↷`` others by task only, ``✗`` nobody new."""
    what = describe(fate.entry, old, lang)
    if fate.how == "successor":
        return [f"  → {new.actor_name(a)}: {what}{_where(p, lang)}" for a, p in fate.went_to]
    why = (_NOT_TAKEN.fill({"name": successor}) if successor else _NO_SUCCESSOR).get(lang)
    if fate.how == "other":
        return [f"  ↷ {new.actor_name(a)}: {what}{_where(p, lang)} — {_BY_TASK.get(lang)}; {why}"
                for a, p in fate.went_to]
    left = _LEFT[fate.how].fill({"n": len(fate.still_held_by)}).get(lang)
    return [f"  ✗ {what}{_where(fate.entry.old_provisions, lang, True)}: {left}; {why}"]


def render_diff_text(
    comp: Comparison, specs: Mapping[str, CheckSpec], *, lang: Lang = "vi", colour: bool = False
) -> str:
    """Render a comparison for a terminal."""
    diff = comp.responsibilities
    old, new = diff.old, diff.new
    lines = [_COMPARING.fill({"old": comp.old_label, "new": comp.new_label}).get(lang), ""]
    lines.append(_CHANGED.get(lang))
    if not diff.actors:
        lines.append(_NONE.get(lang))
    for change in diff.actors:
        reg = new if change.actor in new.actor_by_id else old
        status = _STATUS.get(change.status)
        tag = status.get(lang) if status is not None else ""
        lines.append(f"{reg.actor_name(change.actor)} ({change.actor}){tag}")
        lines += [f"  + {describe(e, new, lang)}{_where(e.new_provisions, lang)}" for e in change.gained]
        lines += [f"  − {describe(e, old, lang)}{_where(e.old_provisions, lang, True)}" for e in change.lost]
        lines += [
            f"  ~ {describe(e, new, lang)}: {_details_change(e)}{_where(e.new_provisions, lang)}"
            for e in change.changed
        ]
    if diff.ended:
        lines += ["", _ENDED.get(lang)]
    for ended in diff.ended:
        lines += _ended_lines(ended, old, new, lang)
    delta = comp.findings
    lines += ["", _INTRODUCED.get(lang)]
    body = render_text(list(delta.introduced), specs, lang=lang, colour=colour)
    lines.append(body if body else _NONE.get(lang))
    if delta.resolved:
        lines += ["", _RESOLVED.get(lang)]
        lines += [_finding_line(f, lang) for f in delta.resolved]
    counts = count_by_severity(delta.introduced)
    summary = _SUMMARY.fill({**counts, "resolved": len(delta.resolved), "persisting": len(delta.persisting)})
    lines += ["", summary.get(lang)]
    return "\n".join(lines) + "\n"


def _entry_json(e: Entry, old: Regulation, new: Regulation, lang: Lang) -> dict[str, Any]:
    reg = new if e.new_provisions else old
    return {
        "category": e.category,
        "key": list(e.key),
        "description": describe(e, reg, lang),
        "old": [json.loads(x) for x in e.old],
        "new": [json.loads(x) for x in e.new],
        "old_provisions": list(e.old_provisions),
        "new_provisions": list(e.new_provisions),
    }


def render_diff_json(comp: Comparison, *, lang: Lang = "vi") -> str:
    """Render a comparison as a JSON document (deterministic: sorted, no times)."""
    diff, delta = comp.responsibilities, comp.findings
    old, new = diff.old, diff.new
    doc = {
        "tool": {"name": "quyche-rules", "version": __version__},
        "lang": lang,
        "old": {"label": comp.old_label, "regulation": old.id, "date": diff.old_day.isoformat()},
        "new": {"label": comp.new_label, "regulation": new.id, "date": diff.new_day.isoformat()},
        "responsibilities": [
            {
                "actor": c.actor,
                "name": (new if c.actor in new.actor_by_id else old).actor_name(c.actor),
                "status": c.status,
                "gained": [_entry_json(e, old, new, lang) for e in c.gained],
                "lost": [_entry_json(e, old, new, lang) for e in c.lost],
                "changed": [_entry_json(e, old, new, lang) for e in c.changed],
            }
            for c in diff.actors
        ],
        "ended_actors": [
            {
                "actor": e.actor,
                "name": old.actor_name(e.actor),
                "ended_on": e.ended_on.isoformat() if e.ended_on else None,
                "successor": e.successor,
                "duties": [
                    {
                        **_entry_json(f.entry, old, new, lang),
                        "how": f.how,
                        "went_to": [{"actor": a, "provisions": list(p)} for a, p in f.went_to],
                        "still_held_by": list(f.still_held_by),
                        "lost": f.lost,
                    }
                    for f in e.duties
                ],
            }
            for e in diff.ended
        ],
        "findings": {
            "introduced": [finding_dict(f, lang) for f in delta.introduced],
            "resolved": [finding_dict(f, lang) for f in delta.resolved],
            "persisting": [finding_dict(f, lang) for f in delta.persisting],
        },
        "summary": {
            "introduced": count_by_severity(delta.introduced),
            "resolved": len(delta.resolved),
            "persisting": len(delta.persisting),
        },
        "notes": list(comp.notes),
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
