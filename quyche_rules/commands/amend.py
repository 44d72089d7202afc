"""``quyche amend BASE AMENDMENT… -o OUT [--on DATE]``: write the consolidated regulation, atomically."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.dump import render_folder
from quyche_rules.commands.settings import exit_code, settings
from quyche_rules.commands.versions import load_amendments, one_regulation
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import display_path, load_regulation
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.reports.json_report import render_json
from quyche_rules.reports.text import render_text
from quyche_rules.workspace.folders import paths_overlap, publish_folder

__all__ = ["MARKER", "consolidation_header", "run"]

_WROTE = Text.of(
    "Đã ghi {out}: {applied} văn bản sửa đổi được áp dụng, {pending} chưa có hiệu lực; {found} phát hiện về thao "
    "tác sửa đổi",
    "Wrote {out}: {applied} amendment(s) applied, {pending} not yet in force; {found} finding(s) on the operations",
)

#: the file that marks a folder as written by ``quyche amend`` (so a later run may replace it)
MARKER = ".quyche-amend.json"


def consolidation_header(
    base_number: str,
    base_effective: dt.date,
    applied: Sequence[AmendmentFile],
    pending: Sequence[AmendmentFile],
    on: dt.date | None,
) -> list[str]:
    """Return the comment lines that open a consolidated ``regulation.yaml`` (like a VBHN header)."""
    lines = [
        "Văn bản hợp nhất do `quyche amend` tạo; không có hiệu lực pháp lý riêng "
        "(Pháp lệnh hợp nhất 2012, Điều 3).",
        f"Văn bản gốc: {base_number}, có hiệu lực từ ngày {base_effective.strftime('%d/%m/%Y')}.",
    ]
    if applied:
        lines.append("Được sửa đổi, bổ sung bởi:")
        for am in applied:
            header = am.amendment
            lines.append(
                f"  - {header.instrument.number} ({header.id}), có hiệu lực từ ngày "
                f"{header.effective.strftime('%d/%m/%Y')}"
            )
    if on is not None:
        lines.append(f"Phiên bản có hiệu lực vào ngày {on.strftime('%d/%m/%Y')}.")
    for am in pending:
        header = am.amendment
        lines.append(f"Chưa áp dụng (hiệu lực sau ngày đó): {header.instrument.number} ({header.id}).")
    return lines


def _check_destination(out: Path, base: Path, amendments: Sequence[Path]) -> bool:
    """Refuse unsafe destinations; return True when ``out`` is a previous output to replace."""
    if paths_overlap(out, base):
        raise UsageError(
            Text.of(
                f"Không ghi vào thư mục gốc {base}: {out} trùng hoặc nằm trong nó",
                f"Refusing to write into the base folder {base}: {out} is it, inside it or contains it",
            ),
            fix=Text.of(
                "Chọn thư mục ra khác, ví dụ -o build/hop-nhat",
                "Choose another output, e.g. -o build/consolidated",
            ),
        )
    for path in amendments:
        if path.resolve().is_relative_to(out.resolve()):
            raise UsageError(
                Text.of(
                    f"Thư mục ra {out} chứa tệp sửa đổi {path}",
                    f"The output {out} holds the amendment file {path}",
                ),
                fix=Text.of("Chọn thư mục ra khác", "Choose another output folder"),
            )
    if out.exists() and not out.is_dir():
        raise UsageError(
            Text.of(f"{out} là một tệp, không phải thư mục", f"{out} is a file, not a folder"),
            fix=Text.of("Chọn một thư mục ra", "Choose an output folder"),
        )
    if out.is_dir() and any(out.iterdir()):
        if (out / MARKER).is_file():
            return True
        raise UsageError(
            Text.of(
                f"Thư mục {out} không trống và không phải kết quả của quyche amend; không ghi đè",
                f"{out} is not empty and was not written by quyche amend; refusing to overwrite it",
            ),
            expected=Text.of(
                "một thư mục mới, trống, hoặc kết quả lần chạy trước",
                "a new or empty folder, or the output of a previous run",
            ),
            fix=Text.of(
                "Chọn thư mục khác, hoặc tự xóa thư mục này nếu chắc chắn",
                "Choose another folder, or delete this one yourself if you are sure",
            ),
        )
    return False


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche amend`` and return its exit code (1 when QC6xx findings reach ``--fail-on``)."""
    base_folder = one_regulation(args.base)
    output: Path = args.folder
    replace = _check_destination(output, base_folder, args.amendments)
    s = settings(args, lang, start=base_folder)
    loaded = load_regulation(base_folder)
    amendments = load_amendments(args.amendments)
    result = apply_amendments(loaded.regulation, amendments, args.on)
    base = loaded.regulation
    header = consolidation_header(base.meta.number, base.meta.effective, result.applied, result.pending, args.on)
    files = dict(render_folder(result.regulation, destination=output, header=header))
    if loaded.checks_file is not None:  # the regulation's own declarative checks travel with it, unchanged
        files["checks.yaml"] = loaded.checks_file.read_bytes()
    marker = {
        "tool": "quyche-rules",
        "base": base.id,
        "on": args.on.isoformat() if args.on else None,
        "amendments": [a.id for a in result.applied],
        "pending": [a.id for a in result.pending],
    }
    files[MARKER] = (json.dumps(marker, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")
    try:
        publish_folder(files, output, replace=replace)
    except OSError as exc:
        raise UsageError(
            Text.of(f"Không ghi được {output}: {exc}", f"Cannot write {output}: {exc}"),
            fix=Text.of("Kiểm tra quyền ghi và chỗ trống", "Check permissions and free space"),
        ) from None
    findings = s.config.apply(result.findings)
    if args.format == "json":
        text = render_json(findings, lang=lang, regulations=1, provisions=len(result.regulation.provisions),
                           engines=())
    else:
        body = render_text(findings, s.specs, lang=lang, colour=s.colour)
        summary = _WROTE.fill({"out": display_path(output), "applied": len(result.applied),
                               "pending": len(result.pending), "found": len(findings)}).get(lang)
        text = (body + "\n" if body else "") + summary + "\n"
    s.emit(text)
    return exit_code(findings, s.fail_on)
