"""Time limits as a Vietnamese drafter writes them, read into the deadline values of the rule format.

- a period after a word that makes it a limit: "trong thời hạn 05 ngày làm việc", "trong vòng", "chậm nhất",
  "không quá", "từ 02 đến 05 ngày làm việc" (``working_days: 5, min: 2``), "không ít hơn 02 … và không quá 05 …";
  not "kế hoạch tài chính 5 năm", "báo cáo 6 tháng" (a report), "sáu tháng một lần" (a frequency) or "trong 06
  tháng đầu năm" (a span of the calendar);
- what it counts from: "kể từ ngày nhận đủ hồ sơ" (``from_event``), or back from: "chậm nhất 03 ngày làm việc
  trước ngày họp" (``before: true``);
- a date: "trước ngày 15 tháng 11 hằng năm" (``day_of_year: "11-15"``), "trước ngày 20 hằng tháng", "trước ngày
  05 tháng sau"; "chậm nhất ngày 25 hằng tháng" has ``latest: true`` (the day itself is in time); not "thường
  trước ngày 05" (when it usually happens);
- a moment: "tại phiên họp Chính phủ gần nhất" (``at_next: true, from_event: phiên họp Chính phủ``), "trong ngày
  nhận được" (``same_day``), "chuyển ngay cho", "ngay sau khi nhận được" (``immediately``).
"""

from __future__ import annotations

import re
from typing import Any

from quyche_rules.importing.formulas import find, text_slice

__all__ = ["deadlines"]

_PERIOD_UNITS = ("working_days", "days", "hours", "weeks", "months", "years")
#: the words that make a period a time limit, just before it
_LIMIT = re.compile(r"(?<![\w])(?:thời hạn|trong vòng|trong|chậm nhất(?: là)?|muộn nhất|không quá|tối đa|từ|là|"
                    r"không ít hơn|ít nhất|tối thiểu|sau|trước|vòng)\s+$")
_FROM = re.compile(r"\s+(kể từ|trước|sau)\s+(?!đó|đây)(?:khi\s+)?([^,;.()]{3,80}?)\s*(?=[,;.()]|$|\s(?:thì|và|hoặc)\s)")
#: a period that names a span of the calendar, not a limit: "trong 06 tháng đầu năm", "trong 05 năm qua"
_SPAN = re.compile(r"\s+(?:đầu|cuối|qua|gần đây|tới|tiếp theo)(?![\w])")
_DATE = re.compile(r"(?<![\w])(trước|chậm nhất|không muộn hơn)\s+(?:ngày\s+)?ngày (\d{1,2})"
                   r"(?:(?:/| tháng )(\d{1,2}))?(?:\s+(hằng tháng|của tháng|tháng sau|hằng năm))?")
_NEXT = re.compile(r"(?<![\w])tại\s+((?:phiên|cuộc|kỳ)\s+họp(?:\s+[^\s,;.]+){0,4}?)\s+gần nhất(?![\w])")
_SAME_DAY = re.compile(r"(?<![\w])trong (?:cùng )?ngày(?![\w])(?!\s*(?:\d|nghỉ|lễ|tết|thứ|đầu|cuối))")
_NOW = re.compile(r"(?<![\w])ngay(?=\s+(?:sau khi|khi|cho)(?![\w])|\s*[.;,]|\s*$)")

#: (offset, words, deadline values), in the canonical text
Found = tuple[int, str, dict[str, Any]]


def _periods(text: str, low: str) -> list[Found]:
    out: list[Found] = []
    for f in find(text):
        unit = f.kind[7:] if f.kind.startswith("period:") else ""
        end = f.start + len(f.words)
        if (unit not in _PERIOD_UNITS or f.amount <= 0 or not _LIMIT.search(low[:f.start])
                or _SPAN.match(low, end)):
            continue
        value: dict[str, Any] = {unit: f.amount, **({"min": f.least} if 0 < f.least < f.amount else {})}
        if (after := _FROM.match(low, end)) and after.group(2).strip():
            event = text_slice(text, after.start(2), after.end(2)).strip()
            value |= {"before": True} if after.group(1) == "trước" else {}
            value["from_event"] = event
        out.append((f.start, f.words, value))
    return out


def _dates(text: str, low: str) -> list[Found]:
    out: list[Found] = []
    for m in _DATE.finditer(low):
        if re.search(r"(?<![\w])thường\s+$", low[:m.start()]):
            continue  # "thường trước ngày 05": when it usually happens, not a deadline
        day, month, every = int(m.group(2)), m.group(3), m.group(4) or ""
        latest = {"latest": True} if m.group(1) != "trước" else {}
        value: dict[str, Any]
        if month and 1 <= int(month) <= 12 and 1 <= day <= 31:
            value = {"day_of_year": f"{int(month):02d}-{day:02d}", **latest}
        elif not month and every in ("hằng tháng", "của tháng", "tháng sau") and 1 <= day <= 31:
            value = {"day_of_month": day, **({"next_month": True} if every == "tháng sau" else {}), **latest}
        else:
            continue
        out.append((m.start(), text_slice(text, m.start(), m.end()), value))
    return out


def _moments(text: str, low: str) -> list[Found]:
    out: list[Found] = [(m.start(), text_slice(text, m.start(), m.end()),
                         {"at_next": True, "from_event": text_slice(text, m.start(1), m.end(1))})
                        for m in _NEXT.finditer(low)]
    out += [(m.start(), text_slice(text, m.start(), m.end()), {"same_day": True}) for m in _SAME_DAY.finditer(low)]
    out += [(m.start(), text_slice(text, m.start(), m.end()), {"immediately": True}) for m in _NOW.finditer(low)]
    return out


def deadlines(text: str, low: str) -> list[Found]:
    """Return the time limits of ``text`` (``low`` is its canonical form), in order."""
    return sorted(_periods(text, low) + _dates(text, low) + _moments(text, low), key=lambda f: f[0])
