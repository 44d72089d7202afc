"""``quyche import FILE -o DIR``: read a regulation's text (.md, .txt, .docx) into a regulation folder.

Chapters, sections, articles, clauses and points are recognised and their text kept verbatim; actors are
recognised from the text (or taken from ``--actors FILE``); lead, cooperation, signing and deadline formulas give
suggested norms (``suggested: true``). The folder is written atomically and never over an existing one, except
with ``--update``: then the norms a person confirmed are kept, with regulation.yaml, actors.yaml and the tasks,
and what changed in the text is reported.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

import yaml

from quyche_rules.errors import InternalError, UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.importing.actors import body_name, from_file, recognise
from quyche_rules.importing.docx_text import docx_text
from quyche_rules.importing.numbering import check_numbering
from quyche_rules.importing.render import build, key
from quyche_rules.importing.source import check_characters, read_source
from quyche_rules.importing.structure import parse
from quyche_rules.loading import display_path
from quyche_rules.loading.scan import syntax_problem
from quyche_rules.model.base import SLUG_RE, slugify
from quyche_rules.workspace.folders import publish_folder
from quyche_rules.workspace.outputs import guard_output

__all__ = ["docx_text", "read_text", "run"]

_WROTE = Text.of("Đã tạo {path}: {articles} điều, {norms} quy phạm đề xuất. Kiểm tra: quyche check {path}",
                 "Wrote {path}: {articles} articles, {norms} suggested norms. Check it: quyche check {path}")
_EXISTS = Text.of("{path} đã có; quyche import không ghi đè (dùng --update để nhập lại)",
                  "{path} exists; quyche import never overwrites (use --update to re-import)")
_NONE = Text.of("Không tìm thấy điều nào (\"Điều 1. …\") trong {path}", "No article (\"Điều 1. …\") found in {path}")
_LOST = Text.of("Đọc được {read} điều nhưng tên tệp của chúng trùng nhau; chưa ghi gì",
                "Read {read} articles but their file names collide; nothing was written")
_CHANGED = Text.of("{what} {key}: lời văn thay đổi", "{what} {key}: text changed")
_FIX = Text.of("Ví dụ: quyche import quy-che.md -o rules/bo-xyz-2026",
               "E.g. quyche import quy-che.md -o rules/bo-xyz-2026")


def read_text(path: Path) -> str:
    """Return the text of a .md, .txt or .docx file (a .docx: see :func:`docx_text`).

    Raises:
        UsageError: the file cannot be read, is not UTF-8 text, or is not a Word file or a damaged one.
    """
    return read_source(path, display_path(path))


def _load(path: Path, text: str | None = None) -> Any:
    """Return the YAML data of ``path`` (an actors file, a file of the folder re-imported), or of its ``text``."""
    text = read_source(path, display_path(path), yaml=True) if text is None else text
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:  # what the loader says of a YAML syntax error, at its line
        problem = syntax_problem(text, exc)
        line, column = problem.span[:2] if problem.span else (None, None)
        raise UsageError(problem.what, expected=problem.expected, fix=problem.fix, file=display_path(path),
                         line=line, column=column) from None


def _old(folder: Path) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    """Return the confirmed norms and the text of each provision of an imported folder."""
    keep: dict[str, list[dict[str, Any]]] = {}
    texts: dict[str, str] = {}
    for path in sorted((folder / "articles").glob("*.yaml")):
        data = _load(path)
        if not isinstance(data, dict):
            continue
        art = str(data.get("article", ""))
        units = [(key(art), data)]
        for c in data.get("clauses") or []:
            units.append((key(art, str(c.get("clause"))), c))
            units += [(key(art, str(c.get("clause")), str(p.get("point"))), p) for p in c.get("points") or []]
        for k, unit in units:
            texts[k] = str(unit.get("text", ""))
            confirmed = [n for n in unit.get("norms") or [] if isinstance(n, dict)
                         and not any(isinstance(v, dict) and v.get("suggested") for v in n.values())]
            if confirmed:
                keep[k] = confirmed
    return keep, texts


def _changes(old: dict[str, str], new: dict[str, str], lang: Lang) -> list[str]:
    out = []
    for k in sorted(set(old) | set(new)):
        what = "~" if k in old and k in new else ("+" if k in new else "-")
        if what != "~" or old[k].split() != new[k].split():
            out.append(_CHANGED.fill({"what": what, "key": k}).get(lang))
    return out


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche import``."""
    source: Path = args.file
    out: Path = args.output
    text = read_text(source)
    lines = source.suffix.lower() != ".docx"  # a Word file's text has no lines of its own
    check_characters(text, display_path(source), lines=lines)
    doc = parse(text)
    if not doc.articles:
        raise UsageError(_NONE.fill({"path": display_path(source)}), fix=_FIX)
    check_numbering(doc, display_path(source), lines=lines)
    title = doc.preamble[0] if doc.preamble else "Quy chế làm việc"
    title = title.lstrip("# ").strip()
    if title.isupper():
        title = title[:1] + title[1:].lower()
    actors_text = None
    if args.actors is not None:
        actors_text = read_source(args.actors, display_path(args.actors), yaml=True)
        check_characters(actors_text, display_path(args.actors))  # written as it is
        actors = from_file(_load(args.actors, actors_text))
    else:
        actors = recognise(text, body_name(title, text))
    exists = out.exists() and (not out.is_dir() or any(out.iterdir()))
    if exists and not args.update:
        raise UsageError(_EXISTS.fill({"path": display_path(out)}), fix=_FIX)
    if not args.update:
        guard_output(out, [source, args.actors], folder=True)
    reg_id = slugify(out.resolve().name)
    reg_id = reg_id if SLUG_RE.match(reg_id or "") else "quy-che"
    keep, old_texts = _old(out) if exists else ({}, {})
    files = build(doc, reg_id, actors, title=title.capitalize() if title.isupper() else title, day=dt.date.today(),
                  keep=keep, actors_text=actors_text)
    if exists:
        for name in ("regulation.yaml", "actors.yaml"):
            if (out / name).is_file():
                files[name] = (out / name).read_bytes()
        files["tasks.yaml"] = _merge_tasks(out / "tasks.yaml", files["tasks.yaml"])
        _, new_texts = _texts_of(files)
        for line in _changes(old_texts, new_texts, lang):
            sys.stdout.write(line + "\n")
    articles = sum(name.startswith("articles/") for name in files)  # what is written: one file an article
    if articles != len(doc.articles):  # never one file for two articles
        raise InternalError(_LOST.fill({"read": len(doc.articles)}))
    publish_folder(files, out, replace=exists)
    count = sum(data.count(b"suggested: true") for data in files.values())
    sys.stderr.write(_WROTE.fill({"path": display_path(out), "articles": articles, "norms": count})
                     .get(lang) + "\n")
    return 0


def _texts_of(files: dict[str, bytes]) -> tuple[dict[str, list[dict[str, Any]]], dict[str, str]]:
    import tempfile  # lazy: only when re-importing

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "articles").mkdir()
        for name, data in files.items():
            if name.startswith("articles/"):
                (Path(tmp) / name).write_bytes(data)
        return _old(Path(tmp))


def _merge_tasks(path: Path, new: bytes) -> bytes:
    """Return tasks.yaml with the old tasks (and fields, document types) and the new tasks not among them."""
    if not path.is_file():
        return new
    old = _load(path) or {}
    fresh = yaml.safe_load(new.decode("utf-8")) or {}
    have = {t.get("id") for t in old.get("tasks") or [] if isinstance(t, dict)}
    added = [t for t in fresh.get("tasks") or [] if t.get("id") not in have]
    if not added:
        return path.read_bytes()
    merged = dict(old)
    merged["tasks"] = [*(old.get("tasks") or []), *added]
    return yaml.safe_dump(merged, allow_unicode=True, sort_keys=False).encode("utf-8")
