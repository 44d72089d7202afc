"""What the reports show of a change as a reviewer reads it: the instrument, and each operation's wording.

:func:`quyche_rules.reports.wording.instrument_views` fills these; the HTML, Markdown and Word renderers read them.
An :class:`InstrumentView` is the amending instrument (or, between two versions, the new one) with its legal bases
and effective date; each :class:`OperationView` is one operation (or one provision changed): the provision cited,
its old and new wording side by side with a word-level redline, the norms the change adds and removes in plain
sentences, and the findings that concern it, grouped by their cause.
"""

from __future__ import annotations

from dataclasses import dataclass

from quyche_rules.i18n import Text
from quyche_rules.reports.redline import Segment

__all__ = ["CHANGE_UI", "CauseView", "FindingRef", "InstrumentView", "OperationView", "WordingView"]

CHANGE_UI: dict[str, Text] = {
    "wording": Text.of("Nội dung sửa đổi", "What the change says"),
    "instrument": Text.of("Văn bản", "Instrument"),
    "bases": Text.of("Căn cứ", "Legal bases"),
    "effective_from": Text.of("Hiệu lực từ", "In force from"),
    "signed": Text.of("Ngày ký", "Signed on"),
    "amendment_id": Text.of("Mã sửa đổi", "Amendment id"),
    "old_wording": Text.of("Quy định hiện hành", "Current wording"),
    "new_wording": Text.of("Quy định sửa đổi", "New wording"),
    "redline": Text.of("Đối chiếu (phần bỏ gạch ngang, phần thêm gạch chân)",
                       "Redline (deleted words struck through, inserted words underlined)"),
    "norms_added": Text.of("Quy phạm được bổ sung", "Norms the change adds"),
    "norms_removed": Text.of("Quy phạm bị bỏ", "Norms the change removes"),
    "concerning": Text.of("Phát hiện liên quan", "Findings concerning it"),
    "no_operations": Text.of("Không có thay đổi câu chữ.", "No wording changed."),
    "none_text": Text.of("(không có)", "(none)"),
    "operation_at": Text.of("Ghi tại", "Written at"),
    "expand_all": Text.of("Mở rộng tất cả", "Expand all"),
    "collapse_all": Text.of("Thu gọn tất cả", "Collapse all"),
    "annotation": Text.of("Ý kiến người rà soát", "Reviewer's notes"),
    "code": Text.of("Mã", "Code"),
    "findings": Text.of("Phát hiện", "Findings"),
    "message": Text.of("Nội dung", "Finding"),
    "provision": Text.of("Quy định", "Provision"),
    "toc_hint": Text.of("Nhấn F9 (hoặc chuột phải, Cập nhật trường) để hiện mục lục.",
                        "Press F9 (or right-click, Update field) to show the table of contents."),
}


@dataclass(frozen=True)
class WordingView:
    """One provision's old and new wording: plain, and as segments marking what was deleted and inserted."""

    citation: str
    old_text: str
    new_text: str
    old: tuple[Segment, ...]
    new: tuple[Segment, ...]
    merged: tuple[Segment, ...]


@dataclass(frozen=True)
class FindingRef:
    """A finding named under the operation it concerns, linking to where the report shows it in full."""

    anchor: str
    group: str
    group_label: str
    severity: str
    severity_label: str
    message: str


@dataclass(frozen=True)
class CauseView:
    """The findings of one check (one cause) that concern an operation."""

    code: str
    title: str
    findings: tuple[FindingRef, ...]


@dataclass(frozen=True)
class OperationView:
    """One operation of an amendment, or one provision changed between two versions."""

    anchor: str
    number: int
    heading: str
    where: str
    wordings: tuple[WordingView, ...]
    added: tuple[str, ...]
    removed: tuple[str, ...]
    causes: tuple[CauseView, ...]
    note: str = ""


@dataclass(frozen=True)
class InstrumentView:
    """The amending instrument (or the new version) and what it changes, operation by operation."""

    anchor: str
    heading: str
    number: str
    signed: str
    effective: str
    amendment_id: str
    title: str
    bases: tuple[str, ...]
    operations: tuple[OperationView, ...]
    note: str = ""
