"""The scanner that finds citation phrases in prose: :func:`find_references`, :func:`scan_references`.

What a phrase is and how one is read is :mod:`quyche_rules.citations.phrases`. The scanner bounds the work
whatever the text: phrases are matched in windows of :data:`MAX_PHRASE` characters (the regular-expression
engine's memory grows with a match); a phrase that cannot be read is read up to its fault and reading goes on
from there at most :data:`MAX_RETRIES` times a phrase; at most :data:`MAX_CITATIONS` citations are read in one
text. Every phrase not read is reported (:class:`~quyche_rules.citations.model.Unreadable`), the first
:data:`MAX_UNREAD` of a text one by one and the rest counted, so nothing is dropped silently.
"""

from __future__ import annotations

import re

from quyche_rules.citations.model import Citation, Reference, Unreadable
from quyche_rules.citations.numbers import CitationError
from quyche_rules.citations.phrases import PHRASE, Analysed, analyse, external, point_start_ok, resolve_all
from quyche_rules.i18n import Text, nfc

__all__ = [
    "MAX_CITATIONS", "MAX_PHRASE", "MAX_REGULATION_CITATIONS", "MAX_RETRIES", "MAX_UNREAD", "find_references",
    "scan_references",
]

#: how many times reading goes on inside one phrase after a part of it that cannot be read
MAX_RETRIES = 4
#: the longest citation phrase read, in characters (a thousand items, the most one phrase may name, fit in it)
MAX_PHRASE = 20_000
#: the most citations read in one text (a real provision cites a few); ranges count item by item
MAX_CITATIONS = 10_000
#: the most citations read in a whole regulation (the 100,000-provision benchmark has about 14,000)
MAX_REGULATION_CITATIONS = 250_000
#: the phrases not read that a text reports one by one; the others are counted
MAX_UNREAD = 10
#: characters a phrase cut by a window may reach back: a keyword, a number and a separator
_OVERLAP = 64
#: the most characters of a phrase a message repeats
_SHOWN = 80


def find_references(text: str, context: Citation | None) -> list[Reference]:
    """Find every citation phrase in ``text``, resolved against the provision ``context``.

    See :mod:`quyche_rules.citations.phrases` for the heuristics. Offsets index ``nfc(text)``.
    """
    return scan_references(text, context)[0]


def scan_references(
    text: str, context: Citation | None, *, limit: int = MAX_CITATIONS
) -> tuple[list[Reference], list[Unreadable]]:
    """Return the references in ``text`` and the citation phrases in it that are not read.

    ``limit``: the most citations to read (at most :data:`MAX_CITATIONS`); the rest of the text is reported
    unread. Work and memory are linear in the length of the text.
    """
    return _Scan(nfc(text), context, min(limit, MAX_CITATIONS)).run()


class _Scan:
    """One text being scanned: where reading is, what it found, what it could not read."""

    def __init__(self, text: str, context: Citation | None, limit: int) -> None:
        self.text, self.context, self.limit = text, context, limit
        self.found: list[Reference] = []
        self.unread: list[Unreadable] = []
        self.more = 0  # phrases not read beyond MAX_UNREAD
        self.cited = 0

    def run(self) -> tuple[list[Reference], list[Unreadable]]:
        text = self.text
        pos, bound, retries = 0, len(text), 0  # bound: the end of a phrase being re-read after a fault
        while self.cited < self.limit:
            window = min(bound, pos + MAX_PHRASE)
            match = PHRASE.search(text, pos, window)
            if match is None:
                if window < bound:  # a phrase may straddle the window's end: look again from just before it
                    pos = window - _OVERLAP
                elif bound == len(text):
                    return self._done(len(text))
                else:  # past the phrase that could not be read
                    pos, bound, retries = bound, len(text), 0
                continue
            if match.end() > window - _OVERLAP and window < bound:
                if match.start() > pos:  # maybe cut by the window: read it in a window of its own
                    pos = match.start()
                    continue
                end = _end_of_long_phrase(text, window, bound)
                self.note(Unreadable(match.start(), end, _too_long(match[0][:_SHOWN])))
                pos = end
                continue
            analysed = analyse(match[0])
            if isinstance(analysed, CitationError):
                stop = match.start() + max(analysed.offset or 0, 1)
                prefix = PHRASE.match(text, match.start(), stop)
                if prefix is not None and not isinstance(readable := analyse(prefix[0]), CitationError):
                    self.collect(prefix, readable)
                bound = match.end() if bound == len(text) else bound
                retries += 1
                if retries <= MAX_RETRIES:
                    self.note(Unreadable(match.start(), stop, analysed))
                    pos = stop
                else:
                    self.note(Unreadable(match.start(), bound, _rest_unread(analysed)))
                    pos = bound
                continue
            if analysed[0][0].level == "point" and not point_start_ok(text, match, analysed[0]):
                pos = match.start() + 1
                continue
            pos = match.end()
            self.collect(match, analysed)
        self.note(Unreadable(pos, len(text), _too_many(self.limit)))
        return self._done(len(text))

    def note(self, unread: Unreadable) -> None:
        """Record a phrase not read: one by one up to :data:`MAX_UNREAD`, then counted."""
        if len(self.unread) < MAX_UNREAD:
            self.unread.append(unread)
        else:
            self.more += 1

    def collect(self, match: re.Match[str], analysed: Analysed) -> None:
        """Add the references of a phrase read; those the context cannot resolve are noted unread."""
        items, segments = analysed
        ext_after = external(self.text, match.end())
        for segment in segments:
            ext = None if segment.relative else ext_after
            citations = segment.fixed
            start, end = match.start() + segment.start, match.start() + segment.end
            if citations is None:
                try:
                    citations = () if ext else resolve_all(match[0], items, segment.leaves, self.context)
                except CitationError as err:
                    self.note(Unreadable(start, end, err))
                    continue
            self.found.append(Reference(start, end, self.text[start:end], citations, ext))
            self.cited += len(citations)

    def _done(self, end: int) -> tuple[list[Reference], list[Unreadable]]:
        if self.more:
            self.unread.append(Unreadable(self.unread[-1].end, end, _and_more(self.more)))
        return self.found, self.unread


def _end_of_long_phrase(text: str, cut: int, bound: int) -> int:
    """Return where a phrase cut at ``cut`` ends: windows are skipped while the phrase goes on."""
    while True:
        window = min(bound, cut + MAX_PHRASE)
        match = PHRASE.search(text, cut, window)
        if match is None or match.start() - cut > _OVERLAP:
            return cut
        if match.end() <= window - _OVERLAP or window == bound:
            return match.end()
        cut = match.end()


def _error(vi: str, en: str, expected: Text, fix: Text) -> CitationError:
    return CitationError(Text.of(vi, en), expected=expected, fix=fix, offset=0)


_SPLIT = Text.of("chia danh sách thành nhiều câu", "split the list into several sentences")


def _too_long(shown: str) -> CitationError:
    return _error(f"cụm trích dẫn “{shown}…” dài hơn {MAX_PHRASE:,} ký tự, không được đọc",
                  f"the citation phrase “{shown}…” is longer than {MAX_PHRASE:,} characters and is not read",
                  Text.of(f"tối đa {MAX_PHRASE:,} ký tự", f"at most {MAX_PHRASE:,} characters"), _SPLIT)


def _too_many(limit: int) -> CitationError:
    return _error(f"đã đọc {limit:,} trích dẫn, mức tối đa; phần còn lại của văn bản không được đọc",
                  f"{limit:,} citations read, the most read; the rest of the text is not read",
                  Text.of(f"tối đa {MAX_CITATIONS:,} trích dẫn trong một văn bản, "
                          f"{MAX_REGULATION_CITATIONS:,} trong cả quy chế",
                          f"at most {MAX_CITATIONS:,} citations in one text, {MAX_REGULATION_CITATIONS:,} in the "
                          "whole regulation"),
                  _SPLIT)


def _and_more(count: int) -> CitationError:
    return _error(f"và {count:,} cụm trích dẫn khác không đọc được", f"and {count:,} more citations cannot be read",
                  Text.of("trích dẫn đọc được", "citations that can be read"),
                  Text.of("sửa các trích dẫn như những chỗ đã nêu", "correct them as the ones shown"))


def _rest_unread(err: CitationError) -> CitationError:
    """Return ``err`` saying that the rest of its phrase is not read."""
    return CitationError(
        Text.of(f"{err.what.vi}; phần còn lại của cụm từ không được đọc (quá {MAX_RETRIES} chỗ sai)",
                f"{err.what.en}; the rest of the phrase is not read (more than {MAX_RETRIES} errors)"),
        expected=err.expected, fix=err.fix, phrase=err.phrase, offset=err.offset,
    )
