"""The reviewer's report as Markdown (GitHub flavour), with diagrams as Mermaid blocks."""

from __future__ import annotations

import re

from quyche_rules.reports.document import ReportView
from quyche_rules.reports.templating import environment

__all__ = ["render_markdown"]

_BLANKS = re.compile(r"\n{3,}")


def render_markdown(report: ReportView) -> str:
    """Render ``report`` with ``templates/report.md.j2``."""
    text = environment("markdown").get_template("report.md.j2").render(r=report)
    text = "\n".join(line.rstrip() for line in text.splitlines())
    return _BLANKS.sub("\n\n", text).strip("\n") + "\n"
