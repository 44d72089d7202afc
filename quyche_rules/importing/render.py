"""Write an imported text as a regulation folder: regulation.yaml, actors.yaml, tasks.yaml, articles/dieu-NN.yaml.

What the text cannot say (the number, the issuer) is written as a placeholder ("…") that QC015 reports until a
person fills it. Norms confirmed earlier (``keep``: provision key -> norms without ``suggested``) are written
back in place of new suggestions of that provision. A provision's suggestions are read with the text above it
(the clause's for a point, the article's for a clause) and with the actor its article's title names
("Nhiệm vụ của Văn phòng Bộ"), for a provision that opens with its verb.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from typing import Any

from quyche_rules.importing.actors import ImportedActor
from quyche_rules.importing.structure import Document
from quyche_rules.importing.suggest import suggest

__all__ = ["build", "key"]

_HEAD = "# yaml-language-server: $schema={up}quyche_rules/schema/{kind}.schema.json\n"
_MADE = ("# Tạo bởi `quyche import`: quy phạm có suggested: true là đề xuất, chưa được xác nhận; xác nhận bằng cách "
         "xóa suggested.\n# Made by `quyche import`: norms with suggested: true are proposals; confirm one by "
         "deleting suggested.\n")


#: an article whose title names the actor its clauses are about ("Trách nhiệm của Văn phòng Bộ")
_OWNER = re.compile(r"(?i)^(?:trách nhiệm|nhiệm vụ|chức năng|quyền hạn)\b.*\bcủa\s")


def key(article: str, clause: str = "", point: str = "") -> str:
    """Return the key of a provision ("5", "5/2", "5/2/a")."""
    return "/".join(p for p in (article, clause, point) if p)


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _flow(value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, (dt.date,)):
        return value.isoformat()
    return _q(str(value))


def _task_id(k: str) -> str:
    return "nhiem-vu-dieu-" + k.replace("/", "-").replace("đ", "dd")


def _task_name(k: str) -> str:
    parts = k.split("/")
    names = [f"điểm {parts[2]}" if len(parts) > 2 else "", f"khoản {parts[1]}" if len(parts) > 1 else "",
             f"Điều {parts[0]}"]
    return "Nhiệm vụ tại " + " ".join(n for n in names if n)


def _norms(lines: list[str], indent: str, norms: list[dict[str, Any]]) -> None:
    if norms:
        lines.append(f"{indent}norms:")
        lines.extend(f"{indent}  - {_flow(n)}" for n in norms)


class _Builder:
    def __init__(self, actors: list[ImportedActor], keep: Mapping[str, list[dict[str, Any]]]) -> None:
        self.actors, self.keep = actors, keep
        self.tasks: dict[str, str] = {}

    def norms(self, k: str, text: str, lead_in: str = "", owner: str = "", introduces: bool = False
              ) -> list[dict[str, Any]]:
        """Return the kept norms of provision ``k``, or the suggestions of its text (and record their tasks)."""
        found = self.keep[k] if k in self.keep else suggest(text, _task_id(k), self.actors, lead_in, owner,
                                                            introduces)
        for norm in found:
            task = next(iter(norm.values())).get("task")
            if isinstance(task, str) and task == _task_id(k):
                self.tasks[task] = _task_name(k)
        return found


def _article(doc_article: Any, b: _Builder) -> str:
    a = doc_article
    lines = [_HEAD.format(up="../../../", kind="article") + _MADE.rstrip("\n"), f"article: {_q(a.article)}",
             f"title: {_q(a.title or '…')}"]
    if a.chapter:
        lines.append(f"chapter: {a.chapter}")
    if a.section:
        lines.append(f"section: {_q(a.section)}")
    named = _OWNER.match(a.title or "")
    owner = a.title[named.end():] if named else ""  # the words after "của"
    if a.text:
        lines.append(f"text: {_q(a.text)}")
        _norms(lines, "", b.norms(key(a.article), a.text, "", owner, bool(a.clauses)))
    if a.clauses:
        lines.append("clauses:")
    for c in a.clauses:
        ck = key(a.article, c.clause)
        lines += [f"  - clause: {_q(c.clause)}", f"    text: {_q(c.text)}"]
        _norms(lines, "    ", b.norms(ck, c.text, a.text, owner, bool(c.points)))
        if c.points:
            lines.append("    points:")
        for p in c.points:
            lines += [f"      - point: {_q(p.point)}", f"        text: {_q(p.text)}"]
            _norms(lines, "        ", b.norms(key(a.article, c.clause, p.point), p.text, c.text, owner))
    return "\n".join(lines) + "\n"


def _actor(a: ImportedActor) -> str:
    fields: dict[str, Any] = {"id": a.id, "name": a.name, "kind": a.kind}
    if a.parent:
        fields["parent"] = a.parent
    if a.member_kind:
        fields["member_kind"] = a.member_kind
    if a.aliases:
        fields["aliases"] = a.aliases
    return "  - " + _flow(fields)


def build(doc: Document, reg_id: str, actors: list[ImportedActor], *, title: str, day: dt.date,
          keep: Mapping[str, list[dict[str, Any]]] | None = None, actors_text: str | None = None) -> dict[str, bytes]:
    """Return the files of the regulation folder (relative path -> bytes)."""
    b = _Builder(actors, keep or {})
    files: dict[str, bytes] = {}
    for art in doc.articles:
        number = re.match(r"\d+", art.article)
        name = f"dieu-{int(number.group()) if number else 0:02d}{art.article[len(number.group()) if number else 0:]}"
        files[f"articles/{name}.yaml"] = _article(art, b).encode("utf-8")
    body = next((a.id for a in actors if a.kind in ("body", "collective")), actors[0].id if actors else "co-quan")
    reg = [_HEAD.format(up="../../", kind="regulation") + _MADE.rstrip("\n"), f"id: {reg_id}",
           "number: \"…\"        # điền số văn bản / fill in the number", f"title: {_q(title)}",
           "issuer: \"…\"        # điền cơ quan ban hành / fill in the issuer", f"body: {body}",
           f"signed: {day.isoformat()}     # điền ngày ký / fill in the date signed",
           f"effective: {day.isoformat()}  # điền ngày hiệu lực / fill in the date it takes effect",
           "legal_bases: []", "chapters:"]
    for ch in doc.chapters:
        sections = [{"section": s, "title": t or "…"} for s, t in ch.sections]
        entry: dict[str, Any] = {"chapter": ch.chapter, "title": ch.title or "…"}
        if sections:
            entry["sections"] = sections
        reg.append("  - " + _flow(entry))
    if not doc.chapters:
        reg[-1] = "chapters: []"
    files["regulation.yaml"] = ("\n".join(reg) + "\n").encode("utf-8")
    files["actors.yaml"] = (actors_text if actors_text is not None else (
        _HEAD.format(up="../../", kind="actors") + _MADE + "actors:\n" + "\n".join(map(_actor, actors)) + "\n"
    )).encode("utf-8")
    tasks = [f"  - {{id: {t}, name: {_q(n)}}}" for t, n in sorted(b.tasks.items())]
    files["tasks.yaml"] = (_HEAD.format(up="../../", kind="tasks") + _MADE + "tasks:" + (
        "\n" + "\n".join(tasks) if tasks else " []") + "\n").encode("utf-8")
    return files
