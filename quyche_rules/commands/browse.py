"""``quyche ls`` and ``quyche show``: what a regulation holds, without opening its files.

``ls actors|tasks|document-types|provisions`` lists them (id, name, kind, validity; provisions: the citation and
the first words of the text), as of ``--on``; ``show CITATION`` prints a provision's text, its norms as sentences
and its amendment history, with a "did you mean" for a citation the regulation does not have.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from quyche_rules.amend.holdings import Entry, holdings_of
from quyche_rules.citations import CitationError, parse_citation
from quyche_rules.commands.settings import emit, refuse_day_before
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text, printable
from quyche_rules.loading import find_regulations, load_regulation
from quyche_rules.loading.problems import close_matches
from quyche_rules.model import Article, Clause, DeadlineRule, Norm, Point, Provision, Regulation
from quyche_rules.model.deadline import Deadline
from quyche_rules.reports.holding_words import describe

__all__ = ["ls", "show"]

_KINDS = {"actors": Text.of("chủ thể", "actors"), "tasks": Text.of("nhiệm vụ", "tasks"),
          "document-types": Text.of("loại văn bản", "document types"), "provisions": Text.of("quy định", "provisions")}
_HEADER = Text.of("{id} ({number}): {count} {what}", "{id} ({number}): {count} {what}")
_ON = Text.of(" vào {day}", " on {day}")
_FROM, _UNTIL = Text.of("từ {day}", "from {day}"), Text.of("đến {day}", "until {day}")
_HEAD_LEVEL = Text.of("thuộc thẩm quyền người đứng đầu", "the head's own competence")
_TEXT, _NORMS, _HISTORY = Text.of("Nội dung", "Text"), Text.of("Quy phạm", "Norms"), Text.of("Lịch sử", "History")
_PARTS = Text.of("Gồm", "Holds")
_NO_NORMS = Text.of("  (không có)", "  (none)")
_NOT_AMENDED = Text.of("  chưa được sửa đổi", "  not amended")
_CHANGE = Text.of("  {day}: {action} bởi {amendment}{instrument}{note}",
                  "  {day}: {action} by {amendment}{instrument}{note}")
_ACTIONS = {
    "amended": Text.of("sửa đổi, bổ sung", "amended"), "inserted": Text.of("bổ sung", "inserted"),
    "replaced": Text.of("thay thế", "replaced"), "repealed": Text.of("bãi bỏ", "repealed"),
    "phrase_replaced": Text.of("thay thế cụm từ", "phrase replaced"),
    "reassigned": Text.of("chuyển nhiệm vụ cho đơn vị kế thừa", "duties moved to the successor"),
}
#: the side of a holding a sentence tells (the other side repeats it: "receives reports from")
_TOLD = {"duty", "power", "prohibition", "delegation_given", "coordination", "follow_up", "deadline"}
_WHEN, _UNLESS = Text.of(" (khi {text})", " (when {text})"), Text.of(" (trừ khi {text})", " (unless {text})")
_LIMIT = Text.of("Thời hạn cho «{task}»: {period}", "Time limit for «{task}»: {period}")


def _load(path: Path, on: dt.date | None) -> Regulation:
    """Load the regulation at ``path``; of several, the one in force on ``on`` (default: the newest)."""
    loaded = sorted((load_regulation(f).regulation for f in find_regulations(path)), key=lambda r: r.effective)
    in_force = [r for r in loaded if on is None or r.effective <= on]
    reg = (in_force or loaded)[-1]
    refuse_day_before(reg, on)
    return reg


def _validity(start: dt.date | None, end: dt.date | None, lang: Lang) -> str:
    if start and end:
        return f"{start.isoformat()} – {end.isoformat()}"
    if start:
        return _FROM.fill({"day": start.isoformat()}).get(lang)
    if end:
        return _UNTIL.fill({"day": end.isoformat()}).get(lang)
    return "—"


def _first_words(text: str, limit: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def _rows(reg: Regulation, what: str, on: dt.date | None, lang: Lang) -> list[dict[str, Any]]:
    if what == "actors":
        return [{"id": a.id, "name": a.name, "kind": a.kind, "parent": a.parent,
                 "valid_from": a.valid_from.isoformat() if a.valid_from else None,
                 "valid_until": a.valid_until.isoformat() if a.valid_until else None,
                 "validity": _validity(a.valid_from, a.valid_until, lang)}
                for a in reg.actors if on is None or a.valid_on(on)]
    if what == "tasks":
        return [{"id": t.id, "name": t.name, "kind": t.field or "—", "field": t.field, "topics": list(t.topics)}
                for t in reg.tasks]
    if what == "document-types":
        return [{"id": d.id, "name": d.name, "kind": _HEAD_LEVEL.get(lang) if d.head_level else (d.field or "—"),
                 "field": d.field, "head_level": d.head_level} for d in reg.document_types]
    return [{"citation": p.phrase, "text": _first_words(p.text),
             "file": p.location.file if p.location else None, "line": p.location.line if p.location else None}
            for p in reg.provisions]


def ls(args: argparse.Namespace, lang: Lang) -> int:
    """List a regulation's actors, tasks, document types or provisions."""
    reg = _load(args.path, args.on)
    rows = _rows(reg, args.what, args.on, lang)
    if args.format == "json":
        doc = {"regulation": reg.id, "on": args.on.isoformat() if args.on else None, args.what: rows}
        emit(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    header = _HEADER.fill({"id": reg.id, "number": reg.meta.number, "count": len(rows),
                           "what": _KINDS[args.what]}).get(lang)
    if args.on is not None:
        header += _ON.fill({"day": args.on.isoformat()}).get(lang)
    wanted = ("citation", "text") if args.what == "provisions" else ("id", "name", "kind", "validity")
    cols = tuple(c for c in wanted if any(c in r for r in rows)) or wanted
    widths = {c: max((len(str(r.get(c) or "")) for r in rows), default=0) for c in cols[:-1]}
    lines = [header]
    for r in rows:
        cells = [f"{r.get(c) or ''!s:<{widths[c]}}" for c in cols[:-1]] + [str(r.get(cols[-1]) or "")]
        lines.append(printable("  ".join(cells).rstrip()))
    emit("\n".join(lines) + "\n")
    return 0


def _period(d: Deadline) -> Text:
    return d.words


def _sentences(norm: Norm, reg: Regulation, lang: Lang) -> list[str]:
    """Return a norm as sentences: "Vụ A chủ trì «Xây dựng kế hoạch công tác năm» (khi …)."."""
    tail = "".join(t.fill({"text": "; ".join(c.text for c in conds)}).get(lang)
                   for t, conds in ((_WHEN, norm.when), (_UNLESS, norm.unless)) if conds)
    deadline = getattr(norm, "deadline", None) or getattr(norm, "response_deadline", None)
    if isinstance(deadline, Deadline):
        tail = " " + deadline.within_words.get(lang) + tail
    out = [f"{reg.actor_name(actor)} {describe(Entry(category, key), reg, lang)}{tail}."
           for actor, category, key, _ in holdings_of(norm)
           if category in _TOLD or key[0] in ("to", "for", "fallback_for")]
    if not out and isinstance(norm, DeadlineRule):
        limit = _LIMIT.fill({"task": reg.task_name(norm.task), "period": _period(norm.within)})
        out.append(f"{limit.get(lang)}{tail}.")
    return out


def _item(reg: Regulation, prov: Provision) -> Article | Clause | Point | None:
    """Return the article, clause or point a provision is (for its history)."""
    cit = prov.citation
    article = next((a for a in reg.articles if a.article == cit.article), None)
    if article is None or cit.clause is None:
        return article
    clause = next((c for c in article.clauses if c.clause == cit.clause), None)
    if clause is None or cit.point is None:
        return clause
    return next((p for p in clause.points if p.point == cit.point), None)


def _find(reg: Regulation, phrase: str) -> Provision:
    by_phrase = {p.phrase: p for p in reg.provisions}
    try:
        found = parse_citation(phrase)
    except CitationError:
        found = ()
    if len(found) == 1 and found[0].format() in by_phrase:
        return by_phrase[found[0].format()]
    close = close_matches(phrase, by_phrase, n=3)
    hint = (Text.of(f"Có phải ý bạn là {' hoặc '.join(close)}?", f"Did you mean {' or '.join(close)}?") if close
            else Text.of("Xem quyche ls provisions", "See quyche ls provisions"))
    raise UsageError(Text.of(f"{reg.id} không có {phrase!r}", f"{reg.id} has no {phrase!r}"), fix=hint)


def show(args: argparse.Namespace, lang: Lang) -> int:
    """Print a provision's text, its norms in sentences and its amendment history."""
    reg = _load(args.path, args.on)
    prov = _find(reg, args.citation)
    where = f"{prov.location.file}:{prov.location.line}" if prov.location and prov.location.line else ""
    lines = [f"{prov.phrase} · {reg.id} ({reg.meta.number}) · Điều {prov.citation.article}. {prov.article_title}",
             *([f"  {where}"] if where else []), f"{_TEXT.get(lang)}:", f"  {' '.join(prov.text.split())}"]
    cit = prov.citation
    children = [p for p in reg.provisions if p.citation.article == cit.article and cit.point is None and (
        p.citation.clause is not None if cit.clause is None
        else p.citation.clause == cit.clause and p.citation.point is not None)]
    if children:
        lines += [f"{_PARTS.get(lang)}:", *(f"  {p.phrase}: {_first_words(p.text, 60)}" for p in children)]
    sentences = [s for norm in prov.norms for s in _sentences(norm, reg, lang)]
    lines += [f"{_NORMS.get(lang)}:", *([f"  - {s}" for s in sentences] or [_NO_NORMS.get(lang)])]
    item = _item(reg, prov)
    history = item.history if item is not None else ()
    lines.append(f"{_HISTORY.get(lang)}:")
    lines += [_CHANGE.fill({
        "day": c.effective.isoformat(), "action": _ACTIONS.get(c.action, Text.of(c.action, c.action)),
        "amendment": c.amendment, "instrument": f" ({c.instrument})" if c.instrument else "",
        "note": f": {c.note}" if c.note else ""}).get(lang) for c in history] or [_NOT_AMENDED.get(lang)]
    emit(printable("\n".join(lines)) + "\n")
    return 0
