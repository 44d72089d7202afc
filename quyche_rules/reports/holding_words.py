"""One holding of a responsibility diff in words, and a norm field's value in short; pure functions."""

from __future__ import annotations

from typing import Any

from quyche_rules.amend.diff import Entry
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation
from quyche_rules.vocabulary import action_text

__all__ = ["describe", "short_value"]

_ROLES: dict[str, Text] = {
    "lead": Text.of("chủ trì", "leads"),
    "cooperate": Text.of("phối hợp", "cooperates on"),
    "responsible": Text.of("thực hiện", "carries out"),
}

#: one holding in words, by category (task names come quoted «…» from _task)
_HOLDINGS: dict[str, Text] = {
    "duty": Text.of("{role} {task}", "{role} {task}"),
    "power": Text.of("quyền {action} {what}", "may {action} {what}"),
    "prohibition": Text.of("không được {action} {what}", "must not {action} {what}"),
    "delegation_given": Text.of("giao {what} ({action}) cho {actor}", "delegates {what} ({action}) to {actor}"),
    "delegation_received": Text.of(
        "được {actor} giao {what} ({action})", "receives {what} ({action}) from {actor}"
    ),
    "coordination_lead": Text.of("chủ trì phối hợp {task}", "leads the coordination of {task}"),
    "coordination": Text.of("tham gia phối hợp {task}", "cooperates on {task}"),
    "reporting_to": Text.of("báo cáo {actor}{task}", "reports to {actor}{task}"),
    "reporting_from": Text.of("nhận báo cáo của {actor}{task}", "receives reports from {actor}{task}"),
    "follow_up": Text.of("theo dõi, đôn đốc {task}", "follows up {task}"),
    "deadline": Text.of("thời hạn cho {task}", "time limit for {task}"),
}
_ABOUT_TASK = Text.of(" về {task}", " on {task}")
_NO_TASK = Text.of("", "")
_SUBSTITUTIONS: dict[str, Text] = {
    "for": Text.of("thay {who} khi vắng mặt", "stands in for {who}"),
    "fallback_for": Text.of("thay {who} khi cả người thay thế vắng mặt", "second stand-in for {who}"),
    "by": Text.of("được {who} thay khi vắng mặt", "is replaced by {who} when absent"),
}


def _task(reg: Regulation, task: str) -> str:
    return f"«{reg.task_name(task)}»" if task else "—"


def _docs(reg: Regulation, docs: str) -> str:
    names = [
        reg.document_type_by_id[d].name if d in reg.document_type_by_id else d for d in docs.split(",") if d
    ]
    return ", ".join(names)


def _holding(entry: Entry, reg: Regulation) -> Text | None:
    """Return one holding in both languages, or None for a category that has no words."""
    c, k = entry.category, entry.key
    if c == "duty":
        return _HOLDINGS[c].fill({"role": _ROLES.get(k[1], Text.of(k[1], k[1])), "task": _task(reg, k[0])})
    if c in ("power", "prohibition"):
        what = ", ".join(x for x in (_task(reg, k[1]) if k[1] else "", _docs(reg, k[2])) if x)
        return _HOLDINGS[c].fill({"action": action_text(k[0]), "what": what})
    if c in ("delegation_given", "delegation_received"):
        return _HOLDINGS[c].fill({"action": action_text(k[1]), "what": k[2], "actor": reg.actor_name(k[0])})
    if c == "coordination":
        key = "coordination_lead" if k[1] == "lead" else c
        return _HOLDINGS[key].fill({"task": _task(reg, k[0])})
    if c == "reporting":
        task = _ABOUT_TASK.fill({"task": _task(reg, k[2])}) if k[2] else _NO_TASK
        key = "reporting_to" if k[0] == "to" else "reporting_from"
        return _HOLDINGS[key].fill({"actor": reg.actor_name(k[1]), "task": task})
    if c in ("follow_up", "deadline"):
        return _HOLDINGS[c].fill({"task": _task(reg, k[0])})
    if c == "substitution":
        return _SUBSTITUTIONS[k[0]].fill({"who": reg.actor_name(k[1])})
    return None


def describe(entry: Entry, reg: Regulation, lang: Lang) -> str:
    """Return one holding in words: "chủ trì «Xây dựng kế hoạch công tác năm»"."""
    words = _holding(entry, reg)
    return words.get(lang) if words is not None else f"{entry.category} {' '.join(entry.key)}"


def short_value(value: Any) -> str:
    """Return a value of a norm field in short: ``None`` as ``—``, mappings and lists inline."""
    if value is None:
        return "—"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {short_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(short_value(v) for v in value) + "]"
    return str(value)
