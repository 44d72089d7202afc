"""The responsibility sheets as a Word document: one numbered section per unit, one table per kind of duty."""

from __future__ import annotations

from quyche_rules.citations import to_roman
from quyche_rules.i18n import Lang
from quyche_rules.reports.docx_kit import (
    add_heading,
    add_row,
    add_table,
    add_toc,
    docx_bytes,
    fill_toc,
    new_document,
    para,
)
from quyche_rules.reports.sheet_views import SheetView

__all__ = ["render_sheet_docx"]


def render_sheet_docx(s: SheetView) -> bytes:
    """Return the sheets as the bytes of a .docx file."""
    lang: Lang = "en" if s.lang == "en" else "vi"
    t = s.t
    doc = new_document(lang, s.issuer, s.title, [f"{t['regulation']}: {s.regulation}", f"{t['as_of']}: {s.day}"])
    anchor = add_toc(doc, t["contents"])
    toc: list[tuple[int, str]] = []
    if not s.units:
        para(doc, t["no_unit"], italic=True)
    for n, unit in enumerate(s.units, start=1):
        heading = f"{to_roman(n)}. {unit.name.upper()}"
        add_heading(doc, heading, 1)
        toc.append((1, heading))
        if unit.posts:
            para(doc, f"{t['posts']}: {'; '.join(unit.posts)}", italic=True)
        if not unit.sections:
            para(doc, t["nothing"], italic=True)
        for k, sec in enumerate(unit.sections, start=1):
            title = f"{k}. {sec.title} ({len(sec.lines)})"
            add_heading(doc, title, 2)
            toc.append((2, title))
            deadlines = sec.key == "deadlines"
            if deadlines:
                para(doc, t["due_note"], italic=True, size=11)
            header = [t["what"], t["who"], t["provision"], *([t["due"]] if deadlines else [])]
            widths = (80, 30, 26, 24) if deadlines else (96, 34, 30)
            table = add_table(doc, header, widths, size=11)
            for line in sec.lines:
                add_row(table, [line.text, line.who, line.provision, *([line.due] if deadlines else [])], size=11)
            para(doc)
    stamp = f"{t['made_by']} quyche-rules {s.version}" + (f" · {t['generated']} {s.generated}" if s.generated else "")
    para(doc, f"{stamp}. {t['disclaimer']}", italic=True, size=11)
    fill_toc(anchor, toc, t["toc_hint"])
    return docx_bytes(doc, s.title)
