"""Text and JSON renderings of a comparison (responsibility diff and findings delta); pure functions."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from typing import Any

from quyche_rules import __version__
from quyche_rules.amend.diff import Comparison, Entry, count_by_severity
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang
from quyche_rules.model import Regulation
from quyche_rules.vocabulary import action_words

__all__ = ["describe", "render_diff_json", "render_diff_text", "short_value"]

_ROLES = {
    "lead": ("chủ trì", "leads"),
    "cooperate": ("phối hợp", "cooperates on"),
    "responsible": ("thực hiện", "carries out"),
}


def _date(day: dt.date | None, lang: Lang) -> str:
    if day is None:
        return "?"
    return day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()


def _task(reg: Regulation, task: str) -> str:
    return f"«{reg.task_name(task)}»" if task else "—"


def _docs(reg: Regulation, docs: str) -> str:
    names = [
        reg.document_type_by_id[d].name if d in reg.document_type_by_id else d for d in docs.split(",") if d
    ]
    return ", ".join(names)


def describe(entry: Entry, reg: Regulation, lang: Lang) -> str:
    """Return one holding in words: "chủ trì «Xây dựng kế hoạch công tác năm»"."""
    c, k = entry.category, entry.key
    vi = lang == "vi"
    if c == "duty":
        role = _ROLES.get(k[1], (k[1], k[1]))
        return f"{role[0 if vi else 1]} {_task(reg, k[0])}"
    if c in ("power", "prohibition"):
        action = action_words(k[0], lang)
        what = ", ".join(x for x in (_task(reg, k[1]) if k[1] else "", _docs(reg, k[2])) if x)
        if c == "power":
            return f"quyền {action} {what}" if vi else f"may {action} {what}"
        return f"không được {action} {what}" if vi else f"must not {action} {what}"
    if c == "delegation_given":
        action = action_words(k[1], lang)
        return (
            f"giao {k[2]} ({action}) cho {reg.actor_name(k[0])}"
            if vi
            else f"delegates {k[2]} ({action}) to {reg.actor_name(k[0])}"
        )
    if c == "delegation_received":
        action = action_words(k[1], lang)
        return (
            f"được {reg.actor_name(k[0])} giao {k[2]} ({action})"
            if vi
            else f"receives {k[2]} ({action}) from {reg.actor_name(k[0])}"
        )
    if c == "coordination":
        if k[1] == "lead":
            return (
                f"chủ trì phối hợp {_task(reg, k[0])}"
                if vi
                else f"leads the coordination of {_task(reg, k[0])}"
            )
        return f"tham gia phối hợp {_task(reg, k[0])}" if vi else f"cooperates on {_task(reg, k[0])}"
    if c == "reporting":
        task = f" về {_task(reg, k[2])}" if vi and k[2] else (f" on {_task(reg, k[2])}" if k[2] else "")
        if k[0] == "to":
            return (
                f"báo cáo {reg.actor_name(k[1])}{task}" if vi else f"reports to {reg.actor_name(k[1])}{task}"
            )
        return (
            f"nhận báo cáo của {reg.actor_name(k[1])}{task}"
            if vi
            else f"receives reports from {reg.actor_name(k[1])}{task}"
        )
    if c == "follow_up":
        return f"theo dõi, đôn đốc {_task(reg, k[0])}" if vi else f"follows up {_task(reg, k[0])}"
    if c == "substitution":
        who = reg.actor_name(k[1])
        return {
            "for": (f"thay {who} khi vắng mặt", f"stands in for {who}"),
            "fallback_for": (f"thay {who} khi cả người thay thế vắng mặt", f"second stand-in for {who}"),
            "by": (f"được {who} thay khi vắng mặt", f"is replaced by {who} when absent"),
        }[k[0]][0 if vi else 1]
    if c == "deadline":
        return f"thời hạn cho {_task(reg, k[0])}" if vi else f"time limit for {_task(reg, k[0])}"
    return f"{c} {' '.join(k)}"


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


def short_value(value: Any) -> str:
    """Return a value of a norm field in short: ``None`` as ``—``, mappings and lists inline."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {short_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(short_value(v) for v in value) + "]"
    return str(value)


def _where(provisions: Sequence[str], lang: Lang, old: bool = False) -> str:
    if not provisions:
        return ""
    tail = (" bản cũ" if lang == "vi" else ", old version") if old else ""
    return f" ({'; '.join(provisions)}{tail})"


def _finding_line(f: Finding, lang: Lang) -> str:
    cites = "; ".join(p.citation for p in f.provisions)
    return f"  {f.code} {f.name}: {f.message.get(lang)}" + (f" [{cites}]" if cites else "")


def render_diff_text(
    comp: Comparison, specs: Mapping[str, CheckSpec], *, lang: Lang = "vi", colour: bool = False
) -> str:
    """Render a comparison for a terminal."""
    from quyche_rules.reports.text import render_text

    vi = lang == "vi"
    diff = comp.responsibilities
    old, new = diff.old, diff.new
    lines = [
        (
            f"So sánh: {comp.old_label} → {comp.new_label}"
            if vi
            else f"Comparing {comp.old_label} → {comp.new_label}"
        ),
        "",
    ]
    lines.append("Trách nhiệm thay đổi" if vi else "Responsibilities changed")
    if not diff.actors:
        lines.append("  (không có)" if vi else "  (none)")
    for change in diff.actors:
        reg = new if change.actor in new.actor_by_id else old
        tag = {"new": " — mới" if vi else " — new", "ended": " — đã chấm dứt" if vi else " — ended"}.get(
            change.status, ""
        )
        lines.append(f"{reg.actor_name(change.actor)} ({change.actor}){tag}")
        lines += [f"  + {describe(e, new, lang)}{_where(e.new_provisions, lang)}" for e in change.gained]
        lines += [f"  − {describe(e, old, lang)}{_where(e.old_provisions, lang, True)}" for e in change.lost]
        lines += [
            f"  ~ {describe(e, new, lang)}: {_details_change(e)}{_where(e.new_provisions, lang)}"
            for e in change.changed
        ]
    if diff.ended:
        lines += ["", "Chủ thể chấm dứt" if vi else "Actors that ended"]
    for ended in diff.ended:
        extra = []
        if ended.ended_on is not None:
            extra.append(
                f"không còn từ {_date(ended.ended_on, lang)}"
                if vi
                else f"gone from {_date(ended.ended_on, lang)}"
            )
        else:
            extra.append("không có trong bản mới" if vi else "absent from the new version")
        if ended.successor:
            name = new.actor_name(ended.successor) if ended.successor in new.actor_by_id else ended.successor
            extra.append(f"kế thừa: {name}" if vi else f"successor: {name}")
        count = len(ended.duties)
        noun = "nhiệm vụ" if vi else ("duty" if count == 1 else "duties")
        lines.append(f"{old.actor_name(ended.actor)} ({'; '.join(extra)}): {count} {noun}")
        for fate in ended.duties:
            what = describe(fate.entry, old, lang)
            if fate.went_to:
                for actor, provs in fate.went_to:
                    lines.append(f"  → {new.actor_name(actor)}: {what}{_where(provs, lang)}")
            else:
                gone = "✗ không ai nhận" if vi else "✗ taken over by nobody"
                still = ""
                if fate.still_held_by:
                    n = len(fate.still_held_by)
                    still = (f"; vẫn do {n} chủ thể khác đảm nhận như trước" if vi
                             else f"; still held by {n} other actor(s), as before")
                lines.append(f"  {gone}: {what}{_where(fate.entry.old_provisions, lang, True)}{still}")
    delta = comp.findings
    lines += ["", "Phát hiện mới (do thay đổi gây ra)" if vi else "Introduced findings"]
    body = render_text(list(delta.introduced), specs, lang=lang, colour=colour)
    lines.append(body if body else ("  (không có)" if vi else "  (none)"))
    if delta.resolved:
        lines += ["", "Đã khắc phục" if vi else "Resolved"]
        lines += [_finding_line(f, lang) for f in delta.resolved]
    counts = count_by_severity(delta.introduced)
    if vi:
        summary = (
            f"Phát sinh: {counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin · "
            f"Đã khắc phục: {len(delta.resolved)} · Còn tồn tại: {len(delta.persisting)}"
        )
    else:
        summary = (
            f"Introduced: {counts['error']} errors, {counts['warning']} warnings, {counts['info']} info · "
            f"Resolved: {len(delta.resolved)} · Persisting: {len(delta.persisting)}"
        )
    lines += ["", summary]
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
    from quyche_rules.reports.json_report import finding_dict

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
