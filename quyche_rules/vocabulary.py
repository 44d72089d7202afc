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

#: unit -> (Vietnamese, English singular, English plural)
_UNITS = {
    "working_days": ("ngày làm việc", "working day", "working days"),
    "days": ("ngày", "day", "days"),
    "hours": ("giờ", "hour", "hours"),
    "weeks": ("tuần", "week", "weeks"),
    "months": ("tháng", "month", "months"),
    "years": ("năm", "year", "years"),
}
_MOMENTS = {"same_day": Text.of("trong ngày", "the same day"), "immediately": Text.of("ngay", "immediately")}
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def action_words(action: str, lang: Lang) -> str:
    """Return an action in words (an unknown action: its id, with spaces in English)."""
    return ACTIONS.get(action, Text.of(action, action.replace("_", " "))).get(lang)


def action_text(action: str) -> Text:
    """Return an action in both languages, as :func:`action_words` says it."""
    return Text.of(action_words(action, "vi"), action_words(action, "en"))


def day_words(day: dt.date) -> Text:
    """Return a day as it is written: 01/10/2022 in Vietnamese, ISO 2022-10-01 in English."""
    return Text.of(day.strftime("%d/%m/%Y"), day.isoformat())


def _ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


def _fixed_date(unit: str, amount: int, next_month: bool, latest: bool) -> Text:
    vi, en = ("chậm nhất", "on or before") if latest else ("trước", "before")
    if unit == "day_of_year":  # amount is month * 100 + day
        month, day = divmod(amount, 100)
        return Text.of(f"{vi} ngày {day:02d}/{month:02d} hằng năm", f"{en} {day} {_MONTHS[month - 1]} every year")
    if next_month:
        return Text.of(f"{vi} ngày {amount:02d} tháng sau", f"{en} the {_ordinal(amount)} of the following month")
    return Text.of(f"{vi} ngày {amount:02d} hằng tháng", f"{en} the {_ordinal(amount)} of every month")


def period_words(unit: str, amount: int, *, minimum: int = 0, before: bool = False, event: str = "",
                 next_month: bool = False, latest: bool = False) -> Text:
    """Return a time limit in words, as drafters write it.

    ``working_days`` and 5 -> "05 ngày làm việc" / "5 working days"; with ``minimum`` 2 -> "từ 02 đến 05 ngày làm
    việc"; a lead time (``before``, counted back from ``event``) -> "chậm nhất 03 ngày làm việc trước phiên họp";
    ``day_of_year`` 1115 -> "trước ngày 15/11 hằng năm"; ``day_of_month`` 5 with ``next_month`` -> "trước ngày 05
    tháng sau" (with ``latest``: "chậm nhất ngày …"); ``same_day`` -> "trong ngày"; ``at_next`` with ``event``
    "phiên họp Chính phủ" -> "tại phiên họp Chính phủ gần nhất".
    """
    if unit in _MOMENTS:
        return _MOMENTS[unit]
    if unit == "at_next":
        return Text.of(f"tại {event} gần nhất", f"at the next «{event}»")
    if unit in ("day_of_year", "day_of_month"):
        return _fixed_date(unit, amount, next_month, latest)
    vi, one, many = _UNITS.get(unit, (unit, unit, unit))
    if minimum:
        words = Text.of(f"từ {minimum:02d} đến {amount:02d} {vi}", f"{minimum} to {amount} {many}")
    else:
        words = Text.of(f"{amount:02d} {vi}", f"{amount} {one if amount == 1 else many}")
    if not before:
        return words
    return Text.of(f"chậm nhất {words.vi} trước {event}".rstrip(),
                   f"at the latest {words.en} before" + (f" «{event}»" if event else ""))
