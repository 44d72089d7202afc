"""Periods as drafters write them: "05 ngày làm việc", "03 tháng", "chậm nhất 03 ngày làm việc trước".

The grammar is small and strict (case and spacing aside)::

    period  := [prefix] amount unit ["trước"]
    prefix  := "trong" | "trong thời hạn" | "chậm nhất" | "chậm nhất là"
    amount  := 1 to 4 digits, at least 1 ("05", "5")
    unit    := "ngày làm việc" | "ngày" | "giờ" | "tuần" | "tháng" | "năm"

A trailing "trước" makes a lead time, counted back from a day ("chậm nhất 03 ngày làm việc trước" phiên họp);
"trong" (within) says the opposite, so the two never go together. Anything else is a :class:`PeriodError`
saying what is expected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quyche_rules.i18n import Text, nfc
from quyche_rules.vocabulary import period_words

__all__ = ["MAXIMA", "UNIT_WORDS", "Period", "PeriodError", "parse_period"]

#: the words of each unit -> the unit (the longest first, so "ngày làm việc" is not read as "ngày")
UNIT_WORDS = {"ngày làm việc": "working_days", "ngày": "days", "giờ": "hours", "tuần": "weeks", "tháng": "months",
              "năm": "years"}
#: the largest amount of each unit (as a deadline of the rule files allows: quyche_rules.model.norms.Deadline)
MAXIMA = {"working_days": 3650, "days": 3650, "hours": 8760, "weeks": 520, "months": 120, "years": 20}

_GRAMMAR = re.compile(
    r"(?:(?P<within>trong(?: thời hạn)?) |(?P<latest>chậm nhất(?: là)?) )?"
    r"(?P<amount>\d{1,4}) (?P<unit>ngày làm việc|ngày|giờ|tuần|tháng|năm)(?P<before> trước)?"
)
_EXPECTED = Text.of(
    'một thời hạn như "05 ngày làm việc", "10 ngày", "02 tuần", "03 tháng", "01 năm", "24 giờ", có thể mở đầu bằng '
    '"trong" hoặc "chậm nhất"; thời hạn tính lùi kết thúc bằng "trước": "chậm nhất 03 ngày làm việc trước"',
    'a period as drafters write it: "05 ngày làm việc" (working days), "10 ngày" (days), "02 tuần" (weeks), '
    '"03 tháng" (months), "01 năm" (years), "24 giờ" (hours), optionally after "trong" or "chậm nhất"; a lead time '
    'ends in "trước": "chậm nhất 03 ngày làm việc trước"',
)


class PeriodError(ValueError):
    """A period that the grammar does not read: what is wrong and what is expected, in both languages."""

    def __init__(self, what: Text, expected: Text = _EXPECTED) -> None:
        super().__init__(what.en)
        self.what = what
        self.expected = expected


@dataclass(frozen=True)
class Period:
    """A period: an amount of a unit (working_days, days, hours, weeks, months, years), or a lead time."""

    unit: str
    amount: int
    before: bool = False
    """A lead time: counted back from its day, not forward."""

    def words(self, event: str = "") -> Text:
        """Return the period as drafters write it ("05 ngày làm việc", "chậm nhất 03 ngày làm việc trước …")."""
        return period_words(self.unit, self.amount, before=self.before, event=event)


def parse_period(text: str) -> Period:
    """Read a period written in Vietnamese (see the module's grammar).

    Raises:
        PeriodError: the text is not a period of the grammar, or its amount is 0 or too large.
    """
    shown = text if len(text) <= 80 else text[:80] + "…"
    words = " ".join(nfc(text).lower().split())
    match = _GRAMMAR.fullmatch(words)
    if match is None:
        raise PeriodError(Text.of(f"Không đọc được thời hạn {shown!r}", f"Cannot read the period {shown!r}"))
    if match["within"] and match["before"]:
        raise PeriodError(Text.of(
            f'"{match["within"]}" (thời hạn tính tới) và "trước" (thời hạn tính lùi) không đi cùng nhau: {shown!r}',
            f'"{match["within"]}" (within, counted forward) and "trước" (before, a lead time) contradict each other: '
            f"{shown!r}"))
    unit, amount = UNIT_WORDS[match["unit"]], int(match["amount"])
    if not 1 <= amount <= MAXIMA[unit]:
        raise PeriodError(
            Text.of(f"Thời hạn {shown!r} phải từ 1 đến {MAXIMA[unit]} {match['unit']}",
                    f"The period {shown!r} must be 1 to {MAXIMA[unit]} {period_words(unit, 2).en.split(' ', 1)[1]}"),
        )
    return Period(unit, amount, before=bool(match["before"]))
