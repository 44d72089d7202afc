"""What a unit's responsibility sheet shows, and the words of its interface in both languages.

:func:`quyche_rules.reports.sheet.build_sheet` fills these; the HTML and Markdown templates (``sheet.*.j2``) and the
Word renderer (:mod:`quyche_rules.reports.docx_sheet`) read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quyche_rules.i18n import Text

__all__ = ["SECTIONS", "SHEET_UI", "SheetLine", "SheetSection", "SheetView", "UnitSheet"]

#: the sections of a sheet, in order, and their titles
SECTIONS: dict[str, Text] = {
    "leads": Text.of("Chủ trì", "Leads"),
    "cooperates": Text.of("Phối hợp", "Cooperates on"),
    "carries_out": Text.of("Thực hiện", "Carries out"),
    "follows_up": Text.of("Theo dõi, đôn đốc", "Follows up"),
    "followed_up": Text.of("Được theo dõi, đôn đốc", "Followed up by"),
    "reports": Text.of("Báo cáo (cho ai, định kỳ)", "Reports (to whom, how often)"),
    "receives_reports": Text.of("Nhận báo cáo", "Receives reports"),
    "signs": Text.of("Ký, quyết định và hình thức ký", "Signs, decides, and the signing mode"),
    "delegates": Text.of("Giao, ủy quyền cho người khác", "Delegates to others"),
    "prohibited": Text.of("Không được làm", "Must not"),
    "deadlines": Text.of("Thời hạn", "Deadlines"),
    "substitutes": Text.of("Thay thế khi vắng mặt", "Stand-ins when absent"),
    "findings": Text.of("Phát hiện liên quan", "Findings that concern it"),
}

SHEET_UI: dict[str, Text] = {
    "title": Text.of("Phiếu trách nhiệm của đơn vị", "Unit responsibility sheet"),
    "contents": Text.of("Mục lục", "Contents"),
    "regulation": Text.of("Quy chế", "Regulation"),
    "as_of": Text.of("Tính đến ngày", "As of"),
    "posts": Text.of("Gồm", "Including"),
    "nothing": Text.of("Không có.", "None."),
    "provision": Text.of("Quy định", "Provision"),
    "who": Text.of("Chức danh, nhóm", "Post or group"),
    "what": Text.of("Nội dung", "What"),
    "due": Text.of("Ví dụ hạn", "Example due date"),
    "due_note": Text.of(
        "Ví dụ hạn: nếu việc bắt đầu (hoặc sự kiện diễn ra) vào ngày {day}, tính theo Bộ luật Dân sự 2015, Điều "
        "147-148, trên lịch làm việc (thứ Hai đến thứ Sáu, trừ ngày lễ, tết).",
        "Example due date: when the work starts (or the event falls) on {day}, counted as Articles 147-148 of Bộ "
        "luật Dân sự 2015 (the Civil Code) count it, on the working-day calendar (Monday to Friday, less public "
        "holidays).",
    ),
    "due_unknown": Text.of("không tính được: chỉ biết ngày lễ, tết các năm {first}-{last}",
                           "not counted: public holidays known for {first}-{last} only"),
    "made_by": Text.of("Lập bằng", "Made with"),
    "generated": Text.of("Lập ngày", "Generated on"),
    "disclaimer": Text.of(
        "Phiếu do công cụ tự động lập từ quy chế đã mã hóa để chuẩn bị cuộc họp rà soát; không thay thế văn bản.",
        "Produced automatically from the encoded regulation to prepare the review meeting; it does not replace the "
        "text.",
    ),
    "toc_hint": Text.of("Nhấn F9 (hoặc chuột phải, Cập nhật trường) để hiện mục lục.",
                        "Press F9 (or right-click, Update field) to show the table of contents."),
    "no_unit": Text.of("Không có đơn vị nào.", "No unit."),
    "expand_all": Text.of("Mở rộng tất cả", "Expand all"),
    "collapse_all": Text.of("Thu gọn tất cả", "Collapse all"),
    "to_answer": Text.of("thời hạn trả lời khi phối hợp", "time to answer in a coordination"),
}


@dataclass(frozen=True)
class SheetLine:
    """One thing a unit does, must do or may do, in a sentence, with the provision that says so."""

    text: str
    provision: str
    who: str = ""
    """The post that holds it, when not the unit itself (its head, a deputy), or the group it belongs to."""
    due: str = ""
    """For a time limit: when it falls for the example start date."""


@dataclass(frozen=True)
class SheetSection:
    """One section of a sheet: what a unit leads, or what it signs, for instance."""

    key: str
    title: str
    lines: tuple[SheetLine, ...]


@dataclass(frozen=True)
class UnitSheet:
    """The sheet of one unit."""

    anchor: str
    actor: str
    name: str
    posts: tuple[str, ...]
    sections: tuple[SheetSection, ...]


@dataclass(frozen=True)
class SheetView:
    """Everything the sheet templates need."""

    lang: str
    title: str
    regulation: str
    day: str
    t: Mapping[str, str]
    units: tuple[UnitSheet, ...]
    version: str
    generated: str = ""
    issuer: str = ""
