"""Instruments named by number in prose: "Nghị định số 30/2020/NĐ-CP", "Thông tư 01/2011/TT-BNV"...

A mention is a kind of instrument (Luật, Nghị định, Quyết định, Thông tư…) followed by its number and symbol;
the law catalogue resolves the number (:meth:`quyche_rules.law.Catalogue.by_number`). Instruments named only by
title ("Luật Tổ chức Chính phủ") are not mentions: without a number they cannot be told apart from the law of
another year, and a guess would be a silent wrong answer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from quyche_rules.i18n import nfc

__all__ = ["Mention", "find_instruments", "is_instrument_reference", "is_number"]

_KIND = (
    r"Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị"
)
#: a number and symbol: 30/2020/NĐ-CP, 01/2011/TT-BNV, 559/QĐ-UBDT, 91/2015/QH13
_NUMBER = r"[0-9]+[a-z]?/(?:[0-9]{4}/)?[0-9A-ZĐ]+(?:-[0-9A-ZĐ]+)*"
_MENTION = re.compile(rf"(?<![^\W_])(?P<kind>{_KIND})\s+(?:số\s+)?(?P<number>{_NUMBER})(?![\w/-])")


_WHOLE_NUMBER = re.compile(_NUMBER)
#: how a regulation names the written instrument of an authorisation: its kind word and "số" if written, its number
#: and symbol, and the date it was signed if written ("Quyết định số 12/QĐ-BXYZ ngày 15/01/2027")
_REFERENCE = re.compile(
    rf"(?:(?i:{_KIND}|Văn bản|Công văn|Giấy ủy quyền|Giấy uỷ quyền)\s+)?(?:(?i:số)\s+)?(?P<number>{_NUMBER})"
    r"(?:,?\s+(?i:ngày)\s+(?:(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})"
    r"|(?P<d2>\d{1,2})\s+(?i:tháng)\s+(?P<m2>\d{1,2})\s+(?i:năm)\s+(?P<y2>\d{4})))?"
)


def is_number(text: str) -> bool:
    """Tell whether ``text`` is an instrument's number and symbol ("5/QĐ-UBDT", "số 5/QĐ-UBDT"), not a placeholder."""
    found = _WHOLE_NUMBER.fullmatch(re.sub(r"^[Ss]ố\s+", "", nfc(text).strip()))
    return found is not None and _issued(found[0])


def is_instrument_reference(text: str) -> bool:
    """Tell whether ``text`` names a written instrument by its number, as a regulation writes it.

    Its number and symbol (:func:`is_number`), led by its kind word and "số" if written ("Quyết định số 12/QĐ-BXYZ"),
    followed by the date it was signed if written ("12/QĐ-BXYZ ngày 15/01/2027", "… ngày 15 tháng 01 năm 2027"); a
    date that is not a day of the calendar makes it no reference.
    """
    found = _REFERENCE.fullmatch(nfc(text).strip())
    if found is None or not _issued(found["number"]):
        return False
    day, month, year = (found["d"], found["m"], found["y"]) if found["d"] else (found["d2"], found["m2"], found["y2"])
    if day is None:
        return True
    try:
        dt.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


def _issued(number: str) -> bool:
    """Tell whether a number and symbol has a number an instrument can be given (01 or more).

    Numbers start at 01 each year (Decree 30/2020 Art. 15(1)), so "0/QĐ-UBDT" or "00/QĐ-UBDT" is a placeholder.
    """
    return int(number.split("/", 1)[0].rstrip("abcdefghijklmnopqrstuvwxyz")) > 0


@dataclass(frozen=True, slots=True)
class Mention:
    """An instrument named by number in a text: where, its kind word and its number as written."""

    start: int
    end: int
    kind: str
    number: str

    @property
    def phrase(self) -> str:
        """Return how the text names it, e.g. "Nghị định 30/2020/NĐ-CP"."""
        return f"{self.kind} {self.number}"


def find_instruments(text: str) -> list[Mention]:
    """Return the instruments named by number in ``text``, in order (offsets index ``nfc(text)``)."""
    return [Mention(m.start(), m.end(), m["kind"], m["number"]) for m in _MENTION.finditer(nfc(text))]
