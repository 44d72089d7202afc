"""The responsibility diff of a change report: per unit, what it gained, lost and kept with changes.

A holding kept with changes says only what changed, field by field and in words: a list (the cooperating units, the
units chased, a delegation's scope) by what it gains and loses ("phối hợp: thêm Vụ Tổng hợp; bỏ Văn phòng Ủy ban"),
a value by its old and new value, with names for ids and words for periods, never the whole lists before and after.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pydantic import ValidationError

from quyche_rules.amend.diff import Comparison, Entry
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation
from quyche_rules.model.deadline import Deadline
from quyche_rules.reports.holding_words import describe, short_value
from quyche_rules.reports.phrases import FREQUENCIES, deadline_text
from quyche_rules.reports.views import UI, ActorView, ChangeLine, EndedView
from quyche_rules.vocabulary import day_words

__all__ = ["field_changes", "responsibility_views"]

#: the fields of a holding's details, in words
_FIELDS: dict[str, Text] = {
    "lead": Text.of("chủ trì", "lead"), "cooperating": Text.of("phối hợp", "cooperating"),
    "targets": Text.of("đơn vị được đôn đốc", "units chased"), "scope": Text.of("phạm vi", "scope"),
    "fields": Text.of("lĩnh vực", "fields"), "silence": Text.of("quá hạn không trả lời", "no answer in time"),
    "response_deadline": Text.of("thời hạn trả lời", "time to answer"), "deadline": Text.of("thời hạn", "time limit"),
    "within": Text.of("thời hạn", "time limit"), "frequency": Text.of("định kỳ", "how often"),
    "instrument": Text.of("văn bản", "instrument"), "valid_from": Text.of("hiệu lực từ", "valid from"),
    "valid_until": Text.of("hiệu lực đến", "valid until"), "accountable_to": Text.of("chịu trách nhiệm trước",
                                                                                       "answerable to"),
    "may_subdelegate": Text.of("được ủy quyền lại", "may pass on"), "condition": Text.of("điều kiện", "condition"),
    "exclusive": Text.of("thẩm quyền riêng", "exclusive"), "mode": Text.of("hình thức", "mode"),
    "task": Text.of("nhiệm vụ", "task"), "via": Text.of("ủy quyền lại từ", "passing on"),
    "written": Text.of("bằng văn bản", "in writing"),
}
_SILENCE = {"agree": Text.of("coi là đồng ý", "counts as agreement"),
            "no_opinion": Text.of("coi là không có ý kiến", "counts as no opinion")}
_YES_NO = {True: Text.of("có", "yes"), False: Text.of("không", "no")}
_ADD = Text.of("thêm", "adds")
_DROP = Text.of("bỏ", "drops")
_NONE = Text.of("không nêu", "not stated")


def _value(name: str, value: Any, reg: Regulation, lang: Lang) -> str:
    """Return a detail's value in words: names for ids, periods and dates as they are written."""
    if value is None:
        return _NONE.get(lang)
    if isinstance(value, bool):
        return _YES_NO[value].get(lang)
    if isinstance(value, dict) and name in ("deadline", "within", "response_deadline"):
        try:
            return deadline_text(Deadline.model_validate(value)).get(lang)
        except ValidationError:
            return short_value(value)
    if isinstance(value, str):
        if value in reg.actor_by_id:
            return reg.actor_name(value)
        if value in reg.document_type_by_id:
            return reg.document_type_by_id[value].name
        if value in reg.task_by_id:
            return f"«{reg.task_name(value)}»"
        if value in reg.field_by_id:
            return reg.field_by_id[value].name
        if name == "silence" and value in _SILENCE:
            return _SILENCE[value].get(lang)
        if name == "frequency" and value in FREQUENCIES:
            return FREQUENCIES[value].get(lang)
        if name.startswith("valid_"):
            try:
                return day_words(dt.date.fromisoformat(value)).get(lang)
            except ValueError:
                return value
    return short_value(value)


def _label(name: str, lang: Lang) -> str:
    words = _FIELDS.get(name)
    return words.get(lang) if words is not None else name


def _words(details: dict[str, Any], reg: Regulation, lang: Lang) -> str:
    return "(" + ", ".join(f"{_label(k, lang)}: {_value(k, v, reg, lang)}" for k, v in details.items()) + ")"


def field_changes(entry: Entry, old: Regulation, new: Regulation, lang: Lang) -> str:
    """Return what changed in a holding kept with changes, field by field; lists by what they gain and lose."""
    if len(entry.old) != 1 or len(entry.new) != 1:
        gone = [x for x in entry.old if x not in entry.new]
        came = [x for x in entry.new if x not in entry.old]
        parts = [f"{_ADD.get(lang)} {_words(json.loads(x), new, lang)}" for x in came]
        parts += [f"{_DROP.get(lang)} {_words(json.loads(x), old, lang)}" for x in gone]
        return "; ".join(parts)
    before, after = json.loads(entry.old[0]), json.loads(entry.new[0])
    parts = []
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a == b:
            continue
        label = _label(name, lang)
        if isinstance(a, list) or isinstance(b, list):
            came = [_value(name, v, new, lang) for v in (b or []) if v not in (a or [])]
            gone = [_value(name, v, old, lang) for v in (a or []) if v not in (b or [])]
            bits = ([f"{_ADD.get(lang)} {', '.join(came)}"] if came else []) + (
                [f"{_DROP.get(lang)} {', '.join(gone)}"] if gone else [])
            parts.append(f"{label}: {'; '.join(bits)}")
        else:
            parts.append(f"{label}: {_value(name, a, old, lang)} → {_value(name, b, new, lang)}")
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
            ChangeLine("~", "changed", f"{describe(e, new, lang)}: {field_changes(e, old, new, lang)}",
                       "; ".join(e.new_provisions))
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
