"""The drafting formulas by which a Vietnamese regulation expresses its norms, recognised in a provision's text.

"chủ trì" (lead), "phối hợp" (cooperate), "chịu trách nhiệm trước" (accountable to), the signing formulas
("ký thay" KT., "thừa lệnh" TL., "thừa ủy quyền" TUQ., "quyền" Q., "thay mặt" TM.), "không được" (prohibition),
periods ("trong thời hạn 05 ngày làm việc", "chậm nhất", "trước ngày 15/11"), "báo cáo" (reporting) and
"vắng mặt" (substitution). Text is compared in NFC, lower case, with the old and the new placement of the tone
mark alike ("uỷ" and "ủy", "hoà" and "hòa"); numbers are read with or without a leading zero ("05" and "5").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["FORMULAS", "IN_OTHER_WORDS", "SIGNING_WORDS", "Formula", "canonical", "find", "has", "periods", "spelt"]

_OLD_STYLE = re.compile(r"(o)([àáảãạèéẻẽẹ])|(u)([ỳýỷỹỵ])", re.I)


def _move_tone(match: re.Match[str]) -> str:
    """Move the tone of "oà", "oé", "uý" (old style) to the first vowel ("òa", "óe", "úy": new style)."""
    first, second = (match.group(1), match.group(2)) if match.group(1) else (match.group(3), match.group(4))
    base = unicodedata.normalize("NFD", second)
    marks = "".join(ch for ch in base if unicodedata.combining(ch))
    plain = "".join(ch for ch in base if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", first + marks) + plain


@lru_cache(maxsize=8192)
def canonical(text: str) -> str:
    """Return ``text`` in NFC, lower case, single-spaced, with the tone mark placed the new way ("ủy", "hòa").

    Cached: a point's text is read with its clause's and article's lead-ins, so the same text comes back often.
    """
    low = unicodedata.normalize("NFC", text).lower()
    low = re.sub(r"\s+", " ", low)
    # only at the end of a syllable: "hoàn" keeps its spelling, "hoà" becomes "hòa", "uỷ" becomes "ủy"
    return _OLD_STYLE.sub(lambda m: _move_tone(m) if _ends_syllable(low, m.end()) else m.group(0), low)


def _ends_syllable(text: str, end: int) -> bool:
    return end >= len(text) or not text[end].isalpha()


#: formula kind -> the phrases that express it (canonical spelling; matched as whole words)
FORMULAS: dict[str, tuple[str, ...]] = {
    "lead": ("chủ trì",),
    "cooperate": ("phối hợp", "tham gia", "cùng"),
    "accountable": ("chịu trách nhiệm trước",),
    "prohibition": ("không được", "nghiêm cấm", "cấm"),
    "reporting": ("báo cáo",),
    "substitution": ("vắng mặt",),
    "deadline": ("thời hạn", "chậm nhất", "trước ngày", "hằng tháng", "hằng năm", "trong ngày"),
}

#: other words by which a text gives a lead or a cooperation, accepted by the checks; the importer suggests from
#: them only in its constructions ("là đầu mối", "được giao phụ trách", "X lấy ý kiến Y", "thống nhất với Y", "X chủ
#: trì …; Y cung cấp …": quyche_rules.importing.suggest and .coordination), never from the words alone
IN_OTHER_WORDS: dict[str, tuple[str, ...]] = {
    "lead": ("đầu mối", "phụ trách", "chịu trách nhiệm trực tiếp", "chịu trách nhiệm chính"),
    "cooperate": ("lấy ý kiến", "cung cấp", "thống nhất với", "trao đổi"),
}

#: signing mode -> the phrases that give it
SIGNING_WORDS: dict[str, tuple[str, ...]] = {
    "KT": ("ký thay", "kt."),
    "TL": ("thừa lệnh", "tl."),
    "TUQ": ("thừa ủy quyền", "ủy quyền", "tuq."),
    "Q": ("quyền", "giao quyền", "q."),
    "TM": ("thay mặt", "tm."),
}

_WORD = r"(?<![\w])({})(?![\w])"


def _pattern(phrase: str) -> str:
    """Return the regular expression of a canonical phrase: whole words ("KT." is a word with its dot)."""
    return (r"(?<![\w])" + re.escape(phrase)) if phrase.endswith(".") else _WORD.format(re.escape(phrase))


@dataclass(frozen=True)
class Formula:
    """A formula found in a text: its kind (``lead``, ``signing:KT``, ``period:working_days``…) and its words.

    A period has its ``amount``, and the lower bound of a range in ``least`` ("từ 02 đến 05 ngày làm việc",
    "không ít hơn 02 ngày làm việc và không quá 05 ngày làm việc": 5, least 2).
    """

    kind: str
    words: str
    start: int
    amount: int = 0
    least: int = 0


def has(text: str, phrases: tuple[str, ...]) -> str:
    """Return the first of ``phrases`` found in ``text`` as whole words (canonically compared), or ""."""
    low = canonical(text)
    for phrase in phrases:
        p = canonical(phrase)
        if re.search(_pattern(p), low):
            return phrase
    return ""


_NUMBER_WORDS = {"một": 1, "hai": 2, "ba": 3, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9,
                 "mười": 10, "mười lăm": 15, "hai mươi": 20, "ba mươi": 30}
_UNITS = (("ngày làm việc", "working_days"), ("ngày", "days"), ("giờ", "hours"), ("tuần", "weeks"),
          ("tháng", "months"), ("năm", "years"))
_NUM = r"(\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# the number again in words, in brackets, as texts write it: "03 (ba) ngày làm việc", "15 (mười lăm) ngày"
_SPELT = r"(?:\s*\(\s*([^\W\d_]+(?:\s+[^\W\d_]+){0,5})\s*\))?"
_UNIT_RE = "|".join(re.escape(w) for w, _ in _UNITS)
_PERIOD = re.compile(
    rf"(?<![\w/]){_NUM}{_SPELT}(?:\s*(?:đến|-|–|hoặc)\s*{_NUM}{_SPELT})?\s+({_UNIT_RE})(?![\w])")
_DATE = re.compile(r"(?<![\w/])ngày (\d{1,2})(?:/(\d{1,2})| tháng (\d{1,2}))?")
_DIGITS = {"không": 0, "một": 1, "mốt": 1, "hai": 2, "ba": 3, "bốn": 4, "tư": 4, "năm": 5, "lăm": 5, "sáu": 6,
           "bảy": 7, "tám": 8, "chín": 9}


def _value(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[word]


def spelt(words: str) -> int | None:
    """Return the number that Vietnamese words spell, below 1,000 ("mười lăm" 15, "hai mươi mốt" 21), or None."""
    total, current = 0, 0
    for word in words.split():
        if word in ("trăm",) and current:
            total, current = total + current * 100, 0
        elif word == "mười" and current == 0:
            current = 10
        elif word == "mươi" and 0 < current < 10:
            current *= 10
        elif word in ("linh", "lẻ"):
            continue
        elif word in _DIGITS and current % 10 == 0:
            current += _DIGITS[word]
        else:
            return None
    return total + current if words else None


def _agree(number: str, words: str | None) -> bool:
    """Return whether the number in words after a number, if any, is that number ("03 (ba)": yes, "03 (năm)": no)."""
    return words is None or spelt(words) == _value(number)


def periods(text: str) -> set[tuple[str, int]]:
    """Return the (unit, amount) pairs the text states: "05 ngày làm việc" is ("working_days", 5).

    A range ("từ 02 đến 05 ngày") gives both bounds; a fixed date gives ("day_of_year", 1115) for "15/11" and
    ("day_of_month", 20) for "ngày 20".
    """
    low = canonical(text)
    out: set[tuple[str, int]] = set()
    for m in _PERIOD.finditer(low):
        if not (_agree(m.group(1), m.group(2)) and (m.group(3) is None or _agree(m.group(3), m.group(4)))):
            continue  # "03 (năm) ngày": which one the text means is not said
        unit = dict(_UNITS)[m.group(5)]
        for group in (m.group(1), m.group(3)):
            if group:
                out.add((unit, _value(group)))
    for m in _DATE.finditer(low):
        day = int(m.group(1))
        month = m.group(2) or m.group(3)
        if month:
            out.add(("day_of_year", int(month) * 100 + day))
        out.add(("day_of_month", day))
    if re.search(_WORD.format("trong ngày|ngay trong ngày|trong cùng ngày"), low):
        out.add(("same_day", 0))
    if re.search(_WORD.format("ngay|ngay lập tức|kịp thời"), low):
        out.add(("immediately", 0))
    return out


def find(text: str) -> list[Formula]:
    """Return the formulas of ``text``, in order: one per phrase found (kinds of FORMULAS, ``signing:X``, periods).

    "ủy quyền" inside "thừa ủy quyền", and "quyền" inside either, count once, for the longest formula.
    """
    low = canonical(text)
    found: list[Formula] = []
    taken: list[tuple[int, int]] = []

    def add(kind: str, phrase: str) -> None:
        p = canonical(phrase)
        for m in re.finditer(_pattern(p), low):
            if any(s <= m.start() and m.end() <= e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            found.append(Formula(kind, text_slice(text, m.start(), m.end()), m.start()))

    signing = [(f"signing:{mode}", p) for mode, ps in SIGNING_WORDS.items() for p in ps]
    plain = [(kind, p) for kind, ps in FORMULAS.items() for p in ps]
    for kind, phrase in sorted((*signing, *plain), key=lambda kp: -len(kp[1])):
        if kind == "signing:Q" and phrase == "quyền":
            continue  # "quyền" alone is mostly "thẩm quyền", "quyền hạn": only "giao quyền", "Q." are formulas
        add(kind, phrase)
    found += _periods(text, low)
    return sorted(found, key=lambda f: f.start)


_AT_LEAST = re.compile(r"(?:không ít hơn|ít nhất|tối thiểu)\s+$")
_AT_MOST = re.compile(r"^\s*(?:,|và|đến)?\s*(?:không quá|tối đa|không nhiều hơn)\s+$")


def _periods(text: str, low: str) -> list[Formula]:
    """Return the periods of a text; "không ít hơn A … và không quá B …" of one unit is one range."""
    out: list[Formula] = []
    for m in _PERIOD.finditer(low):
        if not (_agree(m.group(1), m.group(2)) and (m.group(3) is None or _agree(m.group(3), m.group(4)))):
            continue
        unit, first, second = dict(_UNITS)[m.group(5)], _value(m.group(1)), m.group(3)
        formula = Formula(f"period:{unit}", text_slice(text, m.start(), m.end()), m.start(),
                          _value(second) if second else first, first if second else 0)
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == formula.kind and not prev.least and formula.amount > prev.amount
                and _AT_LEAST.search(low[:prev.start]) and _AT_MOST.match(low[prev.start + len(prev.words):m.start()])):
            out[-1] = Formula(prev.kind, text_slice(text, prev.start, m.end()), prev.start, formula.amount, prev.amount)
            continue
        out.append(formula)
    return out


def text_slice(text: str, start: int, end: int) -> str:
    """Return the words of ``text`` between two offsets of its canonical form (same length in NFC)."""
    original = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    return original[start:end]
