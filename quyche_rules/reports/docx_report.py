"""The reviewer's report as a Word document: the same view as the HTML and Markdown reports, laid out for review.

Sections are numbered I., II., III. and their parts 1., 1.1., as administrative documents number them; a table of
contents field lists them (Word fills in the page numbers when it updates the field). The wording of each changed
provision stands in a two-column table, old beside new, deleted words struck through and inserted words
underlined; the findings are a table (code, severity, provision, finding, legal basis) with an empty column for the
reviewer's notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quyche_rules.citations import to_roman
from quyche_rules.i18n import Lang
from quyche_rules.reports.change_views import InstrumentView, OperationView
from quyche_rules.reports.docx_kit import (
    add_heading,
    add_row,
    add_table,
    add_toc,
    docx_bytes,
    fill_toc,
    new_document,
    para,
    redline_runs,
)
from quyche_rules.reports.views import GroupView, PartView, ReportView

if TYPE_CHECKING:
    from docx.document import Document

__all__ = ["render_docx"]

#: column widths of the findings table, mm (160 mm of A4 between the margins)
_FINDING_WIDTHS = (9, 15, 16, 24, 48, 28, 20)


class _Writer:
    """Writes the sections in order, numbering them and remembering them for the table of contents."""

    def __init__(self, r: ReportView, doc: Document) -> None:
        self.r, self.doc = r, doc
        self.t = r.t
        self.toc: list[tuple[int, str]] = []
        self.section = 0

    def h1(self, text: str) -> None:
        self.section += 1
        self._heading(f"{to_roman(self.section)}. {text.upper()}", 1)

    def _heading(self, text: str, level: int) -> None:
        add_heading(self.doc, text, level)
        self.toc.append((level, text))

    def summary(self) -> None:
        r = self.r
        self.h1(self.t["summary"])
        for title, rows in ((self.t["by_group"], r.group_rows), (self.t["by_family"], r.family_rows)):
            if not rows:
                continue
            header = [title, *(text for _, text in r.severities), self.t["total"]]
            table = add_table(self.doc, header, [70] + [22] * len(r.severities) + [24])
            for row in rows:
                add_row(table, [row.label, *(str(n) for n in row.counts), str(row.total)])
            if r.suppressed_row is not None and title == self.t["by_group"]:
                s = r.suppressed_row
                add_row(table, [s.label, *(str(n) for n in s.counts), str(s.total)])
            para(self.doc)

    def wording(self, part: PartView) -> None:
        self.h1(self.t["wording"])
        for i, ins in enumerate(part.instruments, start=1):
            self._instrument(i, ins)

    def _instrument(self, i: int, ins: InstrumentView) -> None:
        self._heading(f"{i}. {ins.heading}" + (f" — {ins.title}" if ins.title else ""), 2)
        t = self.t
        facts = [(t["signed"], ins.signed), (t["effective_from"], ins.effective)]
        if ins.amendment_id:
            facts.insert(0, (t["amendment_id"], ins.amendment_id))
        for label, value in facts:
            p = para(self.doc, f"{label}: ", bold=True)
            p.add_run(value)
        para(self.doc, f"{t['bases']}:", bold=True)
        for base in ins.bases or (t["none_text"],):
            self.doc.add_paragraph(base, style="List Bullet")
        if ins.note:
            para(self.doc, ins.note, italic=True)
        if not ins.operations:
            para(self.doc, t["no_operations"], italic=True)
        for op in ins.operations:
            self._operation(i, op)

    def _operation(self, i: int, op: OperationView) -> None:
        t = self.t
        self._heading(f"{i}.{op.number}. {op.heading}", 3)
        if op.where:
            para(self.doc, f"{t['operation_at']}: {op.where}", italic=True, size=11)
        if op.note:
            para(self.doc, op.note)
        if op.wordings:
            table = add_table(self.doc, [t["old_wording"], t["new_wording"]], (80, 80), size=12)
            for w in op.wordings:
                cited = add_row(table, ["", ""])
                para(cited[0].merge(cited[1]), w.citation, bold=True, size=12)
                old, new = add_row(table, ["", ""])
                if w.old_text:
                    redline_runs(old.paragraphs[0], w.old)
                else:
                    para(old, t["none_text"], italic=True, size=12)
                if w.new_text:
                    redline_runs(new.paragraphs[0], w.new)
                else:
                    para(new, t["none_text"], italic=True, size=12)
            para(self.doc, t["redline"], italic=True, size=11)
        for title, lines, sign in ((t["norms_added"], op.added, "+"), (t["norms_removed"], op.removed, "−")):
            if lines:
                para(self.doc, f"{title}:", bold=True)
                for line in lines:
                    self.doc.add_paragraph(f"{sign} {line}", style="List Bullet")
        if op.causes:
            para(self.doc, f"{t['concerning']}:", bold=True)
            for cause in op.causes:
                for f in cause.findings:
                    self.doc.add_paragraph(f"{cause.code} {cause.title} — {f.severity_label}, {f.group_label}: "
                                           f"{f.message}", style="List Bullet")

    def findings(self, part: PartView) -> None:
        self.h1(self.t["findings"])
        for n, group in enumerate(part.groups, start=1):
            self._group(n, group)

    def _group(self, n: int, group: GroupView) -> None:
        t = self.t
        self._heading(f"{n}. {group.title} ({len(group.findings)})", 2)
        if not group.findings:
            para(self.doc, t["no_findings"], italic=True)
            return
        header = ["TT" if self.r.lang == "vi" else "No.", t["code"], t["severity"], t["provision"], t["message"],
                  t["legal_basis"], t["annotation"]]
        table = add_table(self.doc, header, _FINDING_WIDTHS, size=10)
        for k, f in enumerate(group.findings, start=1):
            cells = add_row(table, [str(k), f.code, f.severity_label, "; ".join(p.citation for p in f.provisions),
                                    "", "; ".join(text for text, _, _ in f.legal_basis), ""], size=10)
            cell = cells[4]
            para(cell, f.title, bold=True, size=10)
            para(cell, f.message, size=10)
            if f.fix:
                para(cell, f"{t['fix']}: {f.fix}", italic=True, size=10)
        para(self.doc)

    def suppressed(self, part: PartView) -> None:
        t = self.t
        self.h1(t["suppressed"])
        para(self.doc, t["suppressed_note"].replace("`", ""), italic=True)
        table = add_table(self.doc, [t["code"], t["provision"], t["message"], t["reason"], t["suppressed_at"]],
                          (16, 28, 56, 36, 24), size=10)
        for s in part.suppressed:
            add_row(table, [s.code, "; ".join(s.provisions), s.message, s.reason, s.suppressed_by], size=10)
        para(self.doc)

    def responsibilities(self, part: PartView) -> None:
        t = self.t
        self.h1(t["responsibilities"])
        if not part.actors:
            para(self.doc, t["no_changes"], italic=True)
        groups = [(a.name, a.status, a.lines) for a in part.actors]
        for name, status, lines in groups:
            para(self.doc, name + (f" ({status})" if status else ""), bold=True)
            for line in lines:
                where = f" ({line.provisions})" if line.provisions else ""
                self.doc.add_paragraph(f"{line.sign} {line.text}{where}", style="List Bullet")
        if part.ended:
            self._heading(f"1. {t['ended']}", 2)
            for e in part.ended:
                para(self.doc, e.name + (f" ({e.detail})" if e.detail else ""), bold=True)
                for line in e.lines:
                    where = f" ({line.provisions})" if line.provisions else ""
                    self.doc.add_paragraph(f"{line.sign} {line.text}{where}", style="List Bullet")


def render_docx(r: ReportView) -> bytes:
    """Return the report as the bytes of a .docx file."""
    lang: Lang = "en" if r.lang == "en" else "vi"
    doc = new_document(lang, r.issuer, r.title, [p.heading for p in r.parts])
    anchor = add_toc(doc, r.t["contents"])
    w = _Writer(r, doc)
    w.summary()
    for part in r.parts:
        if len(r.parts) > 1:
            para(doc, part.heading, bold=True)
        if part.instruments:
            w.wording(part)
        w.findings(part)
        if part.suppressed:
            w.suppressed(part)
        if part.is_change:
            w.responsibilities(part)
    para(doc)
    version = f"{r.t['made_by']} quyche-rules {r.version}" + (f" · {r.t['generated']} {r.generated}" if r.generated
                                                              else "")
    para(doc, f"{version}. {r.t['disclaimer']}", italic=True, size=11)
    fill_toc(anchor, w.toc, r.t["toc_hint"])
    return docx_bytes(doc, r.title)
