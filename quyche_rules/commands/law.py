"""``quyche law``: the law catalogue, and one instrument with its history and the provisions quoted."""

from __future__ import annotations

import argparse
import json
from typing import Any

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.commands.settings import emit
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.law import Instrument, catalogue
from quyche_rules.loading.problems import did_you_mean

__all__ = ["run"]

_WORDS = {
    "binding": Text.of("bắt buộc", "binding"),
    "practice": Text.of("thực tiễn", "practice"),
    "verified": Text.of("đã kiểm chứng", "verified"),
    "unverified": Text.of("chưa kiểm chứng", "unverified"),
    "in_force": Text.of("hiệu lực", "in force"),
    "history": Text.of("Lịch sử", "History"),
    "provisions": Text.of("Các quy định được trích", "Provisions quoted"),
    "cited_by": Text.of("Được các kiểm tra trích dẫn", "Cited by the checks"),
    "source": Text.of("Nguồn", "Source"),
    "note": Text.of("Ghi chú", "Note"),
    "issuer": Text.of("Cơ quan ban hành", "Issued by"),
    "replaced": Text.of("được thay thế bởi", "replaced by"),
    "from": Text.of("từ", "from"),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key].get(lang)


def _named(entry: Instrument) -> str:
    """Return the instrument's short name, with its number when the name does not say it."""
    return entry.name if entry.number in entry.name else f"{entry.name} ({entry.number})"


def _period(entry: Instrument) -> str:
    last = entry.last_day
    return f"{entry.effective.isoformat()} – {last.isoformat() if last else ''}".rstrip()


def _standing(entry: Instrument, lang: Lang) -> str:
    if entry.standing == "practice":
        return f"{_w('practice', lang)} ({entry.practice_of})"
    return _w("binding", lang) + ("" if entry.verified else f", {_w('unverified', lang)}")


def _cited_by() -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for spec in all_checks().values():
        for ref in spec.legal_basis:
            if ref.source:
                out.setdefault(ref.source, []).append(spec.code)
    return {k: sorted(set(v)) for k, v in out.items()}


def _as_dict(entry: Instrument, cited: list[str]) -> dict[str, Any]:
    data: dict[str, Any] = entry.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    data["in_force"] = {"from": entry.effective.isoformat(),
                        "to": entry.last_day.isoformat() if entry.last_day else None}
    data["cited_by"] = cited
    return data


def run(args: argparse.Namespace, lang: Lang) -> int:
    """List the law catalogue, or show one instrument."""
    law = catalogue()
    cited = _cited_by()
    if args.id is None:
        if args.format == "json":
            emit(json.dumps([_as_dict(e, cited.get(e.id, [])) for e in law], ensure_ascii=False, indent=2) + "\n")
            return 0
        width = max(len(e.id) for e in law)
        emit("\n".join(f"{e.id:<{width}}  {_named(e)} ({_period(e)}; {_standing(e, lang)})" for e in law) + "\n")
        return 0
    entry = law.get(args.id)
    if entry is None:
        close = did_you_mean(args.id, {e.id: e for e in law})
        raise UsageError(
            Text.of(f"Danh mục không có văn bản {args.id}", f"The catalogue holds no instrument {args.id}"),
            fix=Text.of(f"Có phải ý bạn là {close}? Xem `quyche law`" if close else "Xem `quyche law`",
                        f"Did you mean {close}? See `quyche law`" if close else "See `quyche law`"),
        )
    if args.format == "json":
        emit(json.dumps(_as_dict(entry, cited.get(entry.id, [])), ensure_ascii=False, indent=2) + "\n")
        return 0
    emit("\n".join(_show(entry, cited.get(entry.id, []), lang)) + "\n")
    return 0


def _show(entry: Instrument, cited: list[str], lang: Lang) -> list[str]:
    law = catalogue()
    out = [f"{entry.name}: {entry.title}",
           f"{_w('issuer', lang)}: {entry.issuer} · {entry.signed.isoformat()} · "
           f"{_w('in_force', lang)} {_period(entry)} · {_standing(entry, lang)}"]
    if entry.url:
        out.append(entry.url)
    line = law.history(entry.id)
    if len(line) > 1:
        out += ["", f"## {_w('history', lang)}"]
        for item in line:
            mark = "→ " if item.id == entry.id else "  "
            out.append(f"{mark}{item.name} ({_period(item)})")
    if entry.provisions:
        out += ["", f"## {_w('provisions', lang)}"]
        for quote in entry.provisions:
            state = _w("verified" if quote.verified else "unverified", lang)
            out.append(f"- {quote.provision} ({state}{'; ' + quote.source if quote.source else ''})")
            if quote.text:
                out.append(f"  «{quote.text}»")
    if cited:
        out += ["", f"{_w('cited_by', lang)}: {', '.join(cited)}"]
    if entry.source:
        out.append(f"{_w('source', lang)}: {entry.source}")
    if entry.note:
        out.append(f"{_w('note', lang)}: {entry.note}")
    return out
