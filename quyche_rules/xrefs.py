"""Cross-references in provision text: which provisions each one cites, and which citations dangle."""

from __future__ import annotations

from quyche_rules.citations import find_references
from quyche_rules.model import Regulation

__all__ = ["cross_references"]


def cross_references(reg: Regulation) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Return (cites, dangling).

    ``cites`` maps a provision phrase to the phrases of the provisions its text cites; ``dangling`` lists
    (provision phrase, cited phrase) for internal references to provisions, chapters or sections that do not
    exist. References into other instruments are ignored.
    """
    existing = {p.phrase for p in reg.provisions}
    chapters = {c.chapter for c in reg.meta.chapters}
    sections = {(c.chapter, s.section) for c in reg.meta.chapters for s in c.sections}
    cites: dict[str, list[str]] = {}
    dangling: list[tuple[str, str]] = []
    for prov in reg.provisions:
        if not prov.text:
            continue
        for ref in find_references(prov.text, prov.citation):
            if ref.external:
                continue
            for cit in ref.citations:
                if cit.article is None:
                    ok = (cit.chapter in chapters) if cit.section is None else ((cit.chapter, cit.section) in sections)
                    if not ok:
                        dangling.append((prov.phrase, cit.format()))
                    continue
                target = cit.model_copy(update={"chapter": None, "section": None}).format()
                if target in existing:
                    if target != prov.phrase:
                        cites.setdefault(prov.phrase, []).append(target)
                else:
                    dangling.append((prov.phrase, target))
    return cites, dangling
