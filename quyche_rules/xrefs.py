"""Cross-references in provision text: which provisions each one cites, which citations dangle, which cannot be read."""

from __future__ import annotations

from typing import NamedTuple

from quyche_rules.citations import Unreadable, scan_references
from quyche_rules.citations.scanner import MAX_REGULATION_CITATIONS
from quyche_rules.model import Regulation

__all__ = ["CrossReferences", "cross_references"]


class CrossReferences(NamedTuple):
    """The cross-references of a regulation's provision texts.

    Attributes:
        cites: provision phrase -> the phrases of the provisions its text cites, each once, in the order first cited.
        dangling: (provision phrase, cited phrase) for each internal reference to a provision, chapter or section
            that does not exist, each pair once.
        unreadable: (provision phrase, phrase that cannot be read) for each citation phrase in a text that cannot
            be read (a decreasing range, units in the wrong order, a list too long to read …).
    """

    cites: dict[str, list[str]]
    dangling: list[tuple[str, str]]
    unreadable: list[tuple[str, Unreadable]]


def cross_references(reg: Regulation) -> CrossReferences:
    """Return the cross-references of ``reg``; references into other instruments are ignored.

    At most :data:`~quyche_rules.citations.scanner.MAX_REGULATION_CITATIONS` citations are read in all: the
    text where reading stops says so (an unreadable entry), and the texts after it are not read.
    """
    existing = {p.phrase for p in reg.provisions}
    chapters = {c.chapter for c in reg.meta.chapters}
    sections = {(c.chapter, s.section) for c in reg.meta.chapters for s in c.sections}
    cites: dict[str, dict[str, None]] = {}
    dangling: dict[tuple[str, str], None] = {}
    unreadable: list[tuple[str, Unreadable]] = []
    placed = {a.article: {"chapter": a.chapter, "section": a.section} for a in reg.articles}
    left = MAX_REGULATION_CITATIONS
    for prov in reg.provisions:
        if not prov.text or left <= 0:
            continue
        # the context knows the article's chapter and section, for "Chương này" and "Mục này"
        context = prov.citation.model_copy(update=placed.get(prov.citation.article or "", {}))
        found, unread = scan_references(prov.text, context, limit=left)
        left -= sum(len(ref.citations) for ref in found)
        unreadable.extend((prov.phrase, u) for u in unread)
        for ref in found:
            if ref.external:
                continue
            for cit in ref.citations:
                if cit.article is None:
                    ok = (cit.chapter in chapters) if cit.section is None else ((cit.chapter, cit.section) in sections)
                    if not ok:
                        dangling[prov.phrase, cit.format()] = None
                    continue
                target = cit.format()  # an article's phrase leaves out its chapter and section
                if target in existing:
                    if target != prov.phrase:
                        cites.setdefault(prov.phrase, {})[target] = None
                else:
                    dangling[prov.phrase, target] = None
    return CrossReferences({k: list(v) for k, v in cites.items()}, list(dangling), unreadable)
