"""``quyche coverage DIR``: how much of a regulation's text confirmed norms encode, per chapter and article.

A clause or point is covered when it holds a norm without ``suggested: true``. The formulas of a provision's
text that no norm encodes ("chủ trì", "phối hợp", a signing formula, a period) are listed, to be encoded next.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from quyche_rules.i18n import Lang, Text
from quyche_rules.importing.formulas import find
from quyche_rules.loading import load_regulation, one_regulation
from quyche_rules.model import Regulation

__all__ = ["coverage", "run"]

_KINDS = ("lead", "cooperate")
_TOTAL = Text.of("Tổng", "Total")
_CHAPTER = Text.of("Chương", "Chapter")
_ARTICLE = Text.of("Điều", "Article")
_UNENCODED = Text.of("công thức chưa mã hóa", "formulas not encoded")


def _inner(item: Any) -> Any:
    return getattr(item, next(iter(type(item).model_fields)))


def _confirmed(norms: tuple[Any, ...]) -> bool:
    return any(not _inner(n).suggested for n in norms)


def _formulas(text: str) -> list[str]:
    return [f.words for f in find(text) if f.kind in _KINDS or f.kind.startswith(("signing:", "period:"))]


def coverage(reg: Regulation) -> dict[str, Any]:
    """Return the coverage of ``reg``: totals, per chapter, per article, and the formulas no norm encodes."""
    articles: list[dict[str, Any]] = []
    for art in reg.articles:
        units: list[tuple[str, str, tuple[Any, ...]]] = []
        for c in art.clauses:
            units.append((f"khoản {c.clause} Điều {art.article}", c.text, c.norms))
            units += [(f"điểm {p.point} khoản {c.clause} Điều {art.article}", p.text, p.norms) for p in c.points]
        if not units:
            units.append((f"Điều {art.article}", art.text, art.norms))
        covered = sum(1 for _, _, norms in units if _confirmed(norms))
        missing = [{"provision": cite, "words": words} for cite, text, norms in units if not norms
                   for words in _formulas(text)]
        articles.append({"article": art.article, "chapter": art.chapter, "provisions": len(units),
                         "covered": covered, "unencoded": missing})
    chapters: dict[str, dict[str, int]] = {}
    for a in articles:
        ch = chapters.setdefault(a["chapter"] or "-", {"provisions": 0, "covered": 0})
        ch["provisions"] += a["provisions"]
        ch["covered"] += a["covered"]
    total = sum(a["provisions"] for a in articles)
    done = sum(a["covered"] for a in articles)
    return {"regulation": reg.id, "provisions": total, "covered": done,
            "share": round(done / total, 3) if total else 0.0,
            "chapters": [{"chapter": k, **v} for k, v in chapters.items()], "articles": articles}


def _pct(covered: int, total: int) -> str:
    return f"{covered}/{total} ({100 * covered / total:.0f}%)" if total else "0/0"


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche coverage``.

    Raises:
        UsageError: the path does not exist, or holds no regulation or several (as ``quyche check`` says it).
    """
    result = coverage(load_regulation(one_regulation(args.path)).regulation)
    if args.format == "json":
        sys.stdout.write(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
        return 0
    lines = [f"{result['regulation']}: {_TOTAL.get(lang)} {_pct(result['covered'], result['provisions'])}"]
    lines += [f"  {_CHAPTER.get(lang)} {c['chapter']}: {_pct(c['covered'], c['provisions'])}"
              for c in result["chapters"]]
    for a in result["articles"]:
        lines.append(f"  {_ARTICLE.get(lang)} {a['article']}: {_pct(a['covered'], a['provisions'])}")
        if a["unencoded"]:
            shown = "; ".join(f"{u['provision']}: «{u['words']}»" for u in a["unencoded"])
            lines.append(f"    {_UNENCODED.get(lang)}: {shown}")
    sys.stdout.write("\n".join(lines) + "\n")
    return 0
