"""The reviewer's report as one self-contained HTML file (inline CSS, JS and SVG; no external resources)."""

from __future__ import annotations

from quyche_rules.reports.document import ReportView
from quyche_rules.reports.templating import environment

__all__ = ["render_html"]


def render_html(report: ReportView) -> str:
    """Render ``report`` with ``templates/report.html.j2``."""
    text = environment("html").get_template("report.html.j2").render(r=report)
    return "\n".join(line.rstrip() for line in text.splitlines()) + "\n"
