"""The one "did you mean": the closest known word to one typed, with or without its Vietnamese diacritics.

Both sides are compared folded (:func:`fold`: diacritics stripped, ``đ`` → ``d``, case ignored), so ``khoan 3
Dieu 10`` finds ``khoản 3 Điều 10`` and ``vu-tong-hopp`` finds ``vu-tong-hop``; the candidate is returned as
written. Every suggestion the tool makes (keys, values, ids, citations, check codes) goes through here.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

__all__ = ["close_matches", "did_you_mean", "fold"]


def fold(text: str) -> str:
    """Return ``text`` without diacritics (``đ`` → ``d``) and case: the form two spellings are compared in."""
    plain = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in plain if not unicodedata.combining(c)).casefold()


def close_matches(word: str, candidates: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Return up to ``n`` candidates closest to ``word``, best first, compared folded (see :func:`fold`).

    A candidate equal to ``word`` once folded comes first; ties keep the candidates' sorted order.
    """
    by_fold: dict[str, str] = {}
    for candidate in sorted(set(candidates)):
        by_fold.setdefault(fold(candidate), candidate)
    key = fold(word)
    found = difflib.get_close_matches(key, list(by_fold), n=n, cutoff=cutoff)
    if key in by_fold and key in found:
        found.remove(key)
        found.insert(0, key)
    return [by_fold[f] for f in found]


def did_you_mean(word: str, candidates: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """Return the candidate closest to ``word`` (compared folded, see :func:`fold`), or ``None``."""
    found = close_matches(word, candidates, n=1, cutoff=cutoff)
    return found[0] if found else None
