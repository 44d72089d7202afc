"""The words of the domain in both languages: actions, roles, topics, periods, days.

Facts, checks and reports name things by their ids (``sign_digitally``, ``lead``, ``follow-up``); this module is
where those ids become words, so that every part of the tool says them the same way.
"""

from __future__ import annotations

import datetime as dt

from quyche_rules.i18n import Lang, Text

__all__ = ["ACTIONS", "ROLES", "TOPICS", "action_text", "action_words", "day_words", "period_words"]

#: what an actor may or must do, as a verb
ACTIONS: dict[str, Text] = {
    "decide": Text.of("quyết định", "decide"), "approve": Text.of("phê duyệt", "approve"),
    "sign": Text.of("ký", "sign"), "submit": Text.of("trình", "submit"), "issue": Text.of("ban hành", "issue"),
    "direct": Text.of("chỉ đạo", "direct"), "assign": Text.of("phân công", "assign"),
    "inspect": Text.of("kiểm tra", "inspect"), "propose": Text.of("đề xuất", "propose"),
    "appraise": Text.of("thẩm định", "appraise"), "comment": Text.of("góp ý", "comment"),
    "manage": Text.of("quản lý", "manage"), "sign_digitally": Text.of("ký số", "sign digitally"),
    "seal": Text.of("đóng dấu", "seal"), "register": Text.of("đăng ký", "register"),
}

#: the part an actor plays in a task (chủ trì, phối hợp, thực hiện)
ROLES: dict[str, Text] = {
    "lead": Text.of("chủ trì", "lead"),
    "cooperate": Text.of("phối hợp", "cooperate"),
    "responsible": Text.of("thực hiện", "responsible"),
}

#: the usual topics of a working regulation, by their Vietnamese names; any other topic is shown by its id
TOPICS: dict[str, str] = {
    "digital-signature": "ký số, chữ ký số", "electronic-handling": "xử lý công việc trên môi trường mạng",
    "follow-up": "theo dõi, đôn đốc", "incoming-documents": "tiếp nhận, giải quyết văn bản đến",
    "reporting": "chế độ báo cáo", "work-programme": "chương trình công tác", "meetings": "hội họp",
    "absence": "vắng mặt, thay thế",
}

_UNITS = {
    "working_days": ("ngày làm việc", "working days"),
    "days": ("ngày", "days"),
    "hours": ("giờ", "hours"),
}
_MOMENTS = {"same_day": Text.of("trong ngày", "the same day"), "immediately": Text.of("ngay", "immediately")}


def action_words(action: str, lang: Lang) -> str:
    """Return an action in words (an unknown action: its id, with spaces in English)."""
    return ACTIONS.get(action, Text.of(action, action.replace("_", " "))).get(lang)


def action_text(action: str) -> Text:
    """Return an action in both languages, as :func:`action_words` says it."""
    return Text.of(action_words(action, "vi"), action_words(action, "en"))


def day_words(day: dt.date) -> Text:
    """Return a day as it is written: 01/10/2022 in Vietnamese, ISO 2022-10-01 in English."""
    return Text.of(day.strftime("%d/%m/%Y"), day.isoformat())


def period_words(unit: str, amount: int) -> Text:
    """Return a time limit in words: ``working_days`` and 5 -> "05 ngày làm việc" / "5 working days"."""
    if unit in _MOMENTS:
        return _MOMENTS[unit]
    vi, en = _UNITS.get(unit, (unit, unit))
    return Text.of(f"{amount:02d} {vi}", f"{amount} {en}")
