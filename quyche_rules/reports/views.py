"""What the report templates show: the view of a report, and the words of its interface in both languages.

:func:`quyche_rules.reports.document.build_report` fills these; the HTML and Markdown templates read them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from quyche_rules.i18n import Text
from quyche_rules.reports.change_views import InstrumentView
from quyche_rules.reports.diagrams import Diagram

__all__ = [
    "GROUP_SHORT",
    "GROUP_TITLES",
    "UI",
    "ActorView",
    "ChangeLine",
    "CountRow",
    "EndedView",
    "FindingView",
    "GroupView",
    "PartView",
    "ProvisionView",
    "ReportView",
    "SuppressedView",
]

UI: dict[str, Text] = {
    "title_single": Text.of("Báo cáo kiểm tra quy chế làm việc", "Working regulation check report"),
    "title_change": Text.of("Báo cáo thay đổi quy chế làm việc", "Working regulation change report"),
    "summary": Text.of("Tóm tắt", "Summary"),
    "by_group": Text.of("Theo mức độ", "By severity"),
    "by_family": Text.of("Theo nhóm kiểm tra", "By check family"),
    "total": Text.of("Tổng", "Total"),
    "filters": Text.of("Lọc phát hiện", "Filter findings"),
    "severity": Text.of("Mức độ", "Severity"),
    "family": Text.of("Nhóm", "Family"),
    "select_all": Text.of("Chọn tất cả", "Select all"),
    "select_none": Text.of("Bỏ chọn tất cả", "Clear all"),
    "shown": Text.of("Đang hiển thị {shown}/{total} phát hiện", "Showing {shown} of {total} findings"),
    "no_findings": Text.of("Không có phát hiện nào.", "No findings."),
    "contents": Text.of("Mục lục", "Contents"),
    "provisions": Text.of("Quy định liên quan", "Provisions involved"),
    "legal_basis": Text.of("Căn cứ pháp lý", "Legal basis"),
    "fix": Text.of("Gợi ý sửa", "How to fix"),
    "diagram": Text.of("Sơ đồ", "Diagram"),
    "legend": Text.of(
        "Mũi tên đỏ: quan hệ do chính các quy định của phát hiện này tạo ra.",
        "Red arrows: relations created by this finding's own provisions.",
    ),
    "location": Text.of("Vị trí", "Location"),
    "actors": Text.of("Chủ thể", "Actors"),
    "tasks": Text.of("Nhiệm vụ", "Tasks"),
    "old": Text.of("Bản cũ", "Old version"),
    "new": Text.of("Bản mới", "New version"),
    "regulation": Text.of("Văn bản", "Regulation"),
    "effective": Text.of("hiệu lực", "effective"),
    "responsibilities": Text.of("Thay đổi trách nhiệm theo đơn vị", "Responsibility changes by unit"),
    "no_changes": Text.of("Không có thay đổi trách nhiệm.", "No responsibility changed."),
    "gained": Text.of("Nhận thêm", "Gained"),
    "lost": Text.of("Không còn", "Lost"),
    "changed": Text.of("Thay đổi", "Changed"),
    "ended": Text.of(
        "Chủ thể chấm dứt và nơi nhận nhiệm vụ", "Actors that ended and where their duties went"
    ),
    "nobody": Text.of("không ai nhận", "taken over by nobody"),
    "status_new": Text.of("mới", "new"),
    "status_ended": Text.of("đã chấm dứt", "ended"),
    "gone_from": Text.of("không còn từ {day}", "gone from {day}"),
    "successor": Text.of("kế thừa: {name}", "successor: {name}"),
    "generated": Text.of("Lập ngày", "Generated on"),
    "made_by": Text.of("Lập bằng", "Made with"),
    "disclaimer": Text.of(
        "Báo cáo do công cụ tự động lập để hỗ trợ rà soát; không thay thế ý kiến thẩm định pháp lý.",
        "Produced automatically to support review; it does not replace a legal opinion.",
    ),
    "old_version": Text.of("bản cũ", "old version"),
    "suppressed": Text.of("Phát hiện được bỏ qua", "Suppressed findings"),
    "suppressed_row": Text.of("Bỏ qua (không tính)", "Suppressed (not counted)"),
    "suppressed_note": Text.of(
        "Các phát hiện này bị bỏ qua bằng lệnh `lint` ghi trong quy định, kèm lý do; "
        "chúng không được tính vào kết quả.",
        "These findings are suppressed by a `lint` entry written on a provision, with its reason; "
        "they are not counted.",
    ),
    "reason": Text.of("Lý do", "Reason"),
    "suppressed_at": Text.of("Lệnh bỏ qua tại", "Suppressed at"),
}

GROUP_TITLES: dict[str, Text] = {
    "all": Text.of("Phát hiện", "Findings"),
    "introduced": Text.of("Phát hiện mới (do thay đổi gây ra)", "Introduced by the change"),
    "resolved": Text.of("Đã khắc phục", "Resolved by the change"),
    "persisting": Text.of("Còn tồn tại", "Still open"),
}
GROUP_SHORT: dict[str, Text] = {
    "all": Text.of("Phát hiện", "Findings"),
    "introduced": Text.of("Phát sinh", "Introduced"),
    "resolved": Text.of("Đã khắc phục", "Resolved"),
    "persisting": Text.of("Còn tồn tại", "Persisting"),
}


@dataclass(frozen=True)
class ProvisionView:
    """A provision involved in a finding."""

    citation: str
    regulation: str
    text: str
    where: str


@dataclass(frozen=True)
class FindingView:
    """One finding as the templates show it."""

    anchor: str
    fingerprint: str
    group: str
    code: str
    name: str
    title: str
    severity: str
    severity_label: str
    family: str
    family_label: str
    message: str
    where: str
    provisions: tuple[ProvisionView, ...]
    actors: tuple[str, ...]
    tasks: tuple[str, ...]
    legal_basis: tuple[tuple[str, str, str], ...]  # (text, url, quote)
    fix: str
    diagram: Diagram | None
    svg: str = ""
    mermaid: str = ""


@dataclass(frozen=True)
class SuppressedView:
    """A finding a provision suppresses, with the reason written there and where."""

    anchor: str
    code: str
    name: str
    title: str
    severity: str
    severity_label: str
    message: str
    where: str
    provisions: tuple[str, ...]
    reason: str
    suppressed_by: str  # the provision that wrote the suppression
    suppressed_where: str


@dataclass(frozen=True)
class GroupView:
    """Findings of one kind (all, introduced, resolved, persisting) in one part."""

    key: str
    title: str
    anchor: str
    findings: tuple[FindingView, ...]


@dataclass(frozen=True)
class ChangeLine:
    """One responsibility gained, lost or changed, in words, with the provisions behind it."""

    sign: str
    kind: str
    text: str
    provisions: str


@dataclass(frozen=True)
class ActorView:
    """What one unit gained, lost and kept with changes."""

    actor: str
    name: str
    status: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class EndedView:
    """An actor that ended and where its duties went."""

    actor: str
    name: str
    detail: str
    lines: tuple[ChangeLine, ...]


@dataclass(frozen=True)
class PartView:
    """One part of the report."""

    heading: str
    anchor: str
    old_label: str
    new_label: str
    is_change: bool
    groups: tuple[GroupView, ...]
    actors: tuple[ActorView, ...]
    ended: tuple[EndedView, ...]
    suppressed: tuple[SuppressedView, ...] = ()
    instruments: tuple[InstrumentView, ...] = ()


@dataclass(frozen=True)
class CountRow:
    """A summary row: a label and counts per severity, plus the total."""

    key: str
    label: str
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True)
class ReportView:
    """Everything a report template needs."""

    lang: str
    title: str
    t: Mapping[str, str]
    parts: tuple[PartView, ...]
    severities: tuple[tuple[str, str], ...]  # (value, label)
    families: tuple[tuple[str, str], ...]  # (family, label), those present
    group_rows: tuple[CountRow, ...]
    family_rows: tuple[CountRow, ...]
    total: int
    version: str
    generated: str
    suppressed_row: CountRow | None = None  # the suppressed findings by severity, when there are some
    issuer: str = ""  # the body whose regulation is reported on (the heading of the Word document)
