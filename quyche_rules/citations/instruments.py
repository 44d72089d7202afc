"""Instruments named by number in prose: "Nghị định số 30/2020/NĐ-CP", "Thông tư 01/2011/TT-BNV"...

A mention is a kind of instrument (Luật, Nghị định, Quyết định, Thông tư…) followed by its number and symbol;
the law catalogue resolves the number (:meth:`quyche_rules.law.Catalogue.by_number`). Instruments named only by
title ("Luật Tổ chức Chính phủ") are not mentions: without a number they cannot be told apart from the law of
another year, and a guess would be a silent wrong answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quyche_rules.i18n import nfc

__all__ = ["Mention", "find_instruments", "is_number"]

_KIND = (
    r"Bộ luật|Luật|Pháp lệnh|Nghị quyết liên tịch|Nghị quyết|Nghị định|Thông tư liên tịch|Thông tư|Quyết định|Chỉ thị"
)
#: a number and symbol: 30/2020/NĐ-CP, 01/2011/TT-BNV, 559/QĐ-UBDT, 91/2015/QH13
_NUMBER = r"[0-9]+[a-z]?/(?:[0-9]{4}/)?[0-9A-ZĐ]+(?:-[0-9A-ZĐ]+)*"
_MENTION = re.compile(rf"(?<![^\W_])(?P<kind>{_KIND})\s+(?:số\s+)?(?P<number>{_NUMBER})(?![\w/-])")


_WHOLE_NUMBER = re.compile(_NUMBER)


def is_number(text: str) -> bool:
    """Tell whether ``text`` is an instrument's number and symbol ("5/QĐ-UBDT", "số 5/QĐ-UBDT"), not a placeholder."""
    return _WHOLE_NUMBER.fullmatch(re.sub(r"^[Ss]ố\s+", "", nfc(text).strip())) is not None


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
