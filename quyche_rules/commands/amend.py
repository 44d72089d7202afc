"""``quyche amend BASE AMENDMENT… -o OUT [--on DATE]``: write the consolidated regulation, atomically.

``OUT`` must be new, empty, or a previous output holding exactly the files its marker (:data:`MARKER`) records;
it may not lie inside or hold a regulation folder, or hold an input
(:func:`quyche_rules.workspace.outputs.guard_output`, :func:`quyche_rules.workspace.folders.previous_output`).
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.dump import render_folder
from quyche_rules.commands.settings import exit_code, refuse_day_before, settings
from quyche_rules.commands.versions import one_regulation
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import display_path
from quyche_rules.loading.amendment import load_with_amendments
from quyche_rules.loading.reader import MAX_BYTES, MAX_REGULATION_BYTES, YamlProblem, read_bytes
from quyche_rules.model import AmendmentRecord
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.reports.json_report import render_json
from quyche_rules.reports.text import render_text
from quyche_rules.workspace.folders import MARKER, paths_overlap, previous_output, publish_folder, with_marker
from quyche_rules.workspace.outputs import guard_output

__all__ = ["MARKER", "consolidation_header", "run"]

_WROTE = Text.of(
    "Đã ghi {out}: {applied} văn bản sửa đổi được áp dụng, {pending} chưa có hiệu lực; {found} phát hiện về thao "
    "tác sửa đổi",
    "Wrote {out}: {applied} amendment(s) applied, {pending} not yet in force; {found} finding(s) on the operations",
)


def consolidation_header(
    base_number: str,
    base_effective: dt.date,
    applied: Sequence[AmendmentFile],
    pending: Sequence[AmendmentFile],
    on: dt.date | None,
    *,
    earlier: Sequence[AmendmentRecord] = (),
) -> list[str]:
    """Return the comment lines that open a consolidated ``regulation.yaml`` (like a VBHN header).

    ``base_effective`` is the original text's date; ``earlier``: the amendments a consolidated base already
    incorporates, listed before those ``applied`` now.
    """
    lines = [
        "Văn bản hợp nhất do `quyche amend` tạo; không có hiệu lực pháp lý riêng "
        "(Pháp lệnh hợp nhất 2012, Điều 3).",
        f"Văn bản gốc: {base_number}, có hiệu lực từ ngày {base_effective.strftime('%d/%m/%Y')}.",
    ]
    chain = [*((e.instrument, e.id, e.effective) for e in earlier),
             *((a.amendment.instrument.number, a.id, a.effective) for a in applied)]
    if chain:
        lines.append("Được sửa đổi, bổ sung bởi:")
        for number, ident, effective in chain:
            lines.append(f"  - {number} ({ident}), có hiệu lực từ ngày {effective.strftime('%d/%m/%Y')}")
    if on is not None:
        lines.append(f"Phiên bản có hiệu lực vào ngày {on.strftime('%d/%m/%Y')}.")
    for am in pending:
        header = am.amendment
        lines.append(f"Chưa áp dụng (hiệu lực sau ngày đó): {header.instrument.number} ({header.id}).")
    return lines


def _check_destination(out: Path, base: Path, amendments: Sequence[Path]) -> None:
    """Refuse to write into the base folder, or into a folder holding an amendment file (checked first)."""
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


def _read_checked(path: Path) -> bytes:
    """Read a file the loader has read already, as the loader reads it (a regular file, within the limit)."""
    try:
        return read_bytes(path, shown=display_path(path))
    except YamlProblem as problem:
        raise UsageError(problem.what, expected=problem.expected, fix=problem.fix, file=display_path(path)) from None


def _refuse_unreadable(files: dict[str, bytes], output: Path) -> None:
    """Refuse to write a file the loader would refuse to read back (QC008 predicts most; this is the net)."""
    total = sum(len(data) for data in files.values())
    too_large = [(rel, len(data)) for rel, data in files.items() if len(data) > MAX_BYTES]
    if not too_large and total <= MAX_REGULATION_BYTES:
        return
    rel, size, limit = (*too_large[0], MAX_BYTES) if too_large else ("", total, MAX_REGULATION_BYTES)
    where = f"{display_path(output / rel)}" if rel else display_path(output)
    raise UsageError(
        Text.of(f"Không ghi {where}: {size:,} byte, quá giới hạn {limit:,} byte mà quyche đọc lại được",
                f"Refusing to write {where}: {size:,} bytes, over the limit of {limit:,} bytes quyche reads back"),
        expected=Text.of("một văn bản hợp nhất đọc lại được", "a consolidated text that loads again"),
        fix=Text.of("Rút gọn các cụm từ thay thế (replace_phrase) làm văn bản dài ra",
                    "Shorten the phrase replacements (replace_phrase) that make the text grow"),
    )


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche amend`` and return its exit code (1 when QC6xx findings reach ``--fail-on``)."""
    base_folder = one_regulation(args.base)
    output: Path = args.folder
    _check_destination(output, base_folder, args.amendments)
    s = settings(args, lang, start=base_folder)
    guard_output(output, [base_folder, args.base, *args.amendments, *s.inputs], folder=True)
    replace = previous_output(output)
    loaded, amendments = load_with_amendments(base_folder, args.amendments)
    refuse_day_before(loaded.regulation, args.on)
    result = apply_amendments(loaded.regulation, amendments, args.on)
    base = loaded.regulation
    before = base.meta.consolidation  # a consolidated base: its original's date, the amendments it has already
    header = consolidation_header(base.meta.number, before.original_effective if before else base.meta.effective,
                                  result.applied, result.pending, args.on, earlier=before.amendments if before else ())
    files = dict(render_folder(result.regulation, destination=output, header=header))
    if loaded.checks_file is not None:  # the regulation's own declarative checks travel with it, unchanged
        files["checks.yaml"] = _read_checked(loaded.checks_file)
    _refuse_unreadable(files, output)
    marker = {
        "tool": "quyche-rules",
        "base": base.id,
        "on": args.on.isoformat() if args.on else None,
        "amendments": [a.id for a in result.applied],
        "pending": [a.id for a in result.pending],
    }
    try:
        publish_folder(with_marker(files, marker), output, replace=replace)
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
