"""``quyche new amendment|regulation``: start a draft amendment or a regulation folder from a commented template.

``quyche new amendment --base DIR -o FILE`` writes an amendment of the regulation in ``DIR`` that loads and changes
nothing yet: its header (the base, the instrument, the effective date, the legal bases in force) and one commented
example of each operation, with the base's own citations and ids. ``quyche new regulation NAME [-o DIR]`` writes a
small regulation folder that checks clean, from the example regulation the catalogue is written against. Files
are written atomically and never over an existing file or into a regulation folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from importlib import resources
from pathlib import Path

from quyche_rules.commands.examples import EXAMPLE_REGULATION
from quyche_rules.commands.versions import one_regulation
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.law import catalogue
from quyche_rules.law.catalogue import Catalogue
from quyche_rules.loading import display_path, load_regulation
from quyche_rules.model import Regulation
from quyche_rules.model.base import SLUG_RE, slugify
from quyche_rules.workspace.folders import publish_folder
from quyche_rules.workspace.outputs import guard_output, is_stdout, write_output

__all__ = ["amendment_text", "regulation_files", "run"]

_SCHEMAS = Path(__file__).resolve().parent.parent / "schema"
_MODELINE = re.compile(r"^# yaml-language-server: \$schema=\S*?([a-z]+\.schema\.json)$", re.M)
_WROTE = Text.of("Đã tạo {path}. Kiểm tra: {next}", "Wrote {path}. Check it: {next}")
_EXISTS = Text.of("{path} đã có; quyche new không ghi đè", "{path} exists; quyche new never overwrites")
_BASE_NEEDED = Text.of("quyche new amendment cần --base THƯ-MỤC (quy chế được sửa)",
                       "quyche new amendment needs --base DIR (the regulation amended)")
_NAME_NEEDED = Text.of("quyche new regulation cần TÊN (mã ASCII của quy chế)",
                       "quyche new regulation needs NAME (the regulation's ASCII id)")


def _schema(kind: str, folder: Path) -> str:
    """Return the path of the shipped schema of ``kind`` as seen from ``folder`` (for the modeline)."""
    target = _SCHEMAS / f"{kind}.schema.json"
    try:
        return os.path.relpath(target, folder.resolve()).replace(os.sep, "/")
    except ValueError:  # another drive
        return target.as_posix()


def _bases(reg: Regulation, day: dt.date, lang: Lang) -> str:
    """Return the ``bases:`` block: the base's legal bases still in force, the replacements of the rest commented.

    An amendment's bases are checked on the day its consolidated version is read; a draft that changes nothing
    yet is read as of its base, so only instruments in force on both days are listed as bases.
    """
    law = catalogue().with_local(reg.meta.instruments)
    kept: list[str] = []
    later: list[str] = []
    for base in reg.meta.legal_bases:
        entry, now = law.get(base.id), law.in_force_on(base.id, day)
        if entry is not None and entry.in_force_on(day) and entry.in_force_on(reg.effective):
            kept.append(f"    - {base.id:<14}  # {entry.name}")
        elif now is not None and now.id != base.id:
            note = f"thay {base.id}" if lang == "vi" else f"replaces {base.id}"
            later.append(f"  #   - {now.id:<12}  # {now.name} ({note})")
    head = "  bases:" + ("" if kept else " []")
    note = (Text.of("  # căn cứ mới có hiệu lực sau văn bản gốc; thêm vào khi bản dự thảo có thao tác:",
                    "  # newer bases, in force after the base; add them once the draft has operations:")
            .get(lang) if later else "")
    return "\n".join([head, *kept, *([note] if note else []), *later])


def _units(reg: Regulation, day: dt.date) -> tuple[str, str]:
    units = [a.id for a in reg.actors if a.kind == "unit" and a.valid_on(day)] or [a.id for a in reg.actors]
    units = units or ["vu-a"]
    return units[0], units[1] if len(units) > 1 else units[0]


def amendment_text(reg: Regulation, base_dir: Path, out: Path | None, day: dt.date, lang: Lang) -> str:
    """Return the commented template of an amendment of ``reg`` taking effect on ``day``."""
    folder = out.parent if out is not None else Path.cwd()
    article = next((a for a in reg.articles if a.clauses), reg.articles[0] if reg.articles else None)
    clause = article.clauses[0] if article is not None and article.clauses else None
    number = article.article if article is not None else "1"
    clause_no = clause.clause if clause is not None else "1"
    words = (clause.text if clause is not None else "").split()
    phrase = " ".join(words[:3]) if words else "cụm từ"
    unit_a, unit_b = _units(reg, day)
    values = {
        "@SCHEMA@": _schema("amendment", folder), "@BASE@": reg.id, "@BASE_NUMBER@": reg.meta.number,
        "@BASE_DIR@": display_path(base_dir), "@FILE@": display_path(out) if out is not None else "sua-doi.yaml",
        "@ID@": f"sua-doi-{reg.id}-{day.year}", "@DATE@": day.isoformat(), "@BASES@": _bases(reg, day, lang),
        "@CLAUSE@": f"khoản {clause_no} Điều {number}", "@NEW_CLAUSE@": f"{clause_no}a", "@ARTICLE@": number,
        "@TITLE@": json.dumps(article.title if article is not None else "Tiêu đề", ensure_ascii=False),
        "@CHAPTER@": (article.chapter if article is not None and article.chapter else "I"),
        "@PHRASE@": json.dumps(phrase, ensure_ascii=False), "@NEW_PHRASE@": json.dumps(f"{phrase} mới",
                                                                                      ensure_ascii=False),
        "@UNIT_A@": unit_a, "@UNIT_B@": unit_b, "@TASK@": reg.tasks[0].id if reg.tasks else "nhiem-vu",
    }
    text = (resources.files("quyche_rules.commands") / "templates" / f"amendment.{lang}.yaml").read_text("utf-8")
    for key in sorted(values, key=len, reverse=True):  # @NEW_CLAUSE@ before @CLAUSE@
        text = text.replace(key, values[key])
    return "\n".join(_aligned(line) for line in text.split("\n"))


_COMMENTED = re.compile(r"^(\s*(?:#\s+)?-?\s*[\w\"]+:(?:.*?\S)?)\s{2,}(# .*)$")


def _aligned(line: str, column: int = 36) -> str:
    """Return a line whose trailing comment starts at ``column`` (or two spaces after a longer value)."""
    found = _COMMENTED.match(line)
    if found is None:
        return line
    value, comment = found.groups()
    return f"{value:<{column - 1}} {comment}" if len(value) < column - 1 else f"{value}  {comment}"


_STARTED = Text.of("# Tạo bởi `quyche new regulation` từ quy chế mẫu: thay các ví dụ bằng quy chế của bạn, rồi chạy "
                   "quyche check.",
                   "# Made by `quyche new regulation` from the example regulation: replace the examples with your own, "
                   "then run quyche check.")


def regulation_files(name: str, out: Path, day: dt.date, lang: Lang = "vi") -> dict[str, bytes]:
    """Return the files of a new regulation ``name`` (the example regulation, renamed and dated ``day``)."""
    law = catalogue()
    files: dict[str, bytes] = {}
    for path in sorted(EXAMPLE_REGULATION.rglob("*.yaml")):
        rel = path.relative_to(EXAMPLE_REGULATION).as_posix()
        text = path.read_text(encoding="utf-8")
        kind = _MODELINE.search(text)
        if kind is not None:
            schema = _schema(kind.group(1).removesuffix(".schema.json"), (out / rel).parent)
            text = _MODELINE.sub(f"# yaml-language-server: $schema={schema}\n{_STARTED.get(lang)}", text, count=1)
        if rel == "regulation.yaml":
            text = _regulation_yaml(text, name, day, law)
        files[rel] = text.encode("utf-8")
    return files


def _regulation_yaml(text: str, name: str, day: dt.date, law: Catalogue) -> str:
    lines = []
    for line in text.splitlines():
        key = line.split(":", 1)[0]
        if key == "model" or line.startswith("  note:"):
            continue
        if key == "id":
            line = f"id: {name}"
        elif key == "number":
            line = f"number: 01/QĐ-{name.upper()}"
        elif key == "title":
            line = f"title: Quy chế làm việc ({name})"
        elif key in ("signed", "effective"):
            line = f"{key}: {day.isoformat()}"
        elif key == "legal_bases":
            ids = re.findall(r"[a-z0-9-]+", line.split(":", 1)[1])
            now = [law.in_force_on(i, day) for i in ids]
            line = "legal_bases: [" + ", ".join(n.id if n else i for n, i in zip(now, ids, strict=True)) + "]"
        lines.append(line)
    return "\n".join(lines) + "\n"


def _refuse_existing(path: Path) -> None:
    if path.exists() or path.is_symlink():
        raise UsageError(_EXISTS.fill({"path": display_path(path)}), fix=Text.of(
            "Chọn tên khác cho -o, hoặc tự xóa tệp cũ", "Choose another -o, or delete it yourself"))


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche new amendment`` or ``quyche new regulation``."""
    day: dt.date = args.effective or dt.date.today()
    if args.kind == "amendment":
        if args.base is None:
            example = "quyche new amendment --base rules/ubdt-2023 -o sua-doi.yaml"
            raise UsageError(_BASE_NEEDED, fix=Text.of(f"Ví dụ: {example}", f"E.g. {example}"))
        base_dir = one_regulation(args.base)
        out: Path | None = None if args.output is None or is_stdout(args.output) else args.output
        if out is not None:
            _refuse_existing(out)
            guard_output(out, [base_dir, args.base])
        text = amendment_text(load_regulation(base_dir).regulation, base_dir, out, day, lang)
        if out is None:
            write_output(Path("-"), text)
            return 0
        write_output(out, text)
        follow = f"quyche diff {display_path(base_dir)} {display_path(out)}"
    else:
        name = args.name
        if name is None or not SLUG_RE.match(name):
            example = slugify(name) if name and slugify(name) else "bo-xyz-2026"
            fix = Text.of(f"Ví dụ: quyche new regulation {example}", f"E.g. quyche new regulation {example}")
            what = _NAME_NEEDED if name is None else Text.of(
                f"{name!r} không phải mã ASCII của quy chế", f"{name!r} is not an ASCII id for the regulation")
            raise UsageError(what, expected=Text.of(
                "chữ thường không dấu, chữ số và dấu gạch nối, ví dụ bo-xyz-2026",
                "lower-case ASCII letters, digits and hyphens, e.g. bo-xyz-2026"), fix=fix)
        out = args.output or Path(name)
        guard_output(out, [], folder=True)
        if out.exists() and (not out.is_dir() or any(out.iterdir())):
            _refuse_existing(out)
        publish_folder(regulation_files(name, out, day, lang), out, replace=False)
        follow = f"quyche check {display_path(out)}"
    sys.stderr.write(_WROTE.fill({"path": display_path(out), "next": follow}).get(lang) + "\n")
    return 0
