"""The responsibility sheets as one self-contained HTML file, or as Markdown (GitHub flavour)."""

from __future__ import annotations

import re

from quyche_rules.reports.sheet_views import SheetView
from quyche_rules.reports.templating import environment

__all__ = ["render_sheet"]

_BLANKS = re.compile(r"\n{3,}")


def render_sheet(view: SheetView, fmt: str) -> str:
    """Render ``view`` with ``templates/sheet.html.j2`` (``html``) or ``templates/sheet.md.j2`` (``markdown``)."""
    kind = "html" if fmt == "html" else "markdown"
    name = "sheet.html.j2" if kind == "html" else "sheet.md.j2"
    text = environment(kind).get_template(name).render(s=view)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    if kind == "markdown":
        text = _BLANKS.sub("\n\n", text).strip("\n")
    return text + "\n"
