"""GitHub Actions workflow commands: one ``::error``/``::warning``/``::notice`` annotation per finding.

Escaping follows the runner's rules (``@actions/core``): in the message ``%``, CR and LF become ``%25``,
``%0D`` and ``%0A``; in property values ``:`` and ``,`` are escaped too (``%3A``, ``%2C``).
"""

from __future__ import annotations

from collections.abc import Sequence

from quyche_rules.findings import Finding, Severity
from quyche_rules.i18n import Lang, printable
from quyche_rules.reports.common import label
from quyche_rules.reports.locate import Locator

__all__ = ["annotation", "escape_data", "escape_property", "render_github"]

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape the message of a workflow command."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value of a workflow command."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, lang: Lang, locator: Locator, *, prefix: str = "") -> str:
    """Return the workflow command line that annotates one finding."""
    props = {
        "file": locator.display(f.file),
        "line": str(f.line),
        "col": str(f.column),
        "title": f"{prefix}{f.code} {f.name}",
    }
    head = ",".join(f"{k}={escape_property(v)}" for k, v in props.items())
    lines = [f.message.get(lang)]
    if f.provisions:
        lines.append(f"{label('provisions', lang)}: " + "; ".join(p.citation for p in f.provisions))
    if f.fix is not None:
        lines.append(f"{label('fix', lang)}: {f.fix.get(lang)}")
    return printable(f"::{_COMMAND[f.severity]} {head}::{escape_data(chr(10).join(lines))}")


def render_github(
    findings: Sequence[Finding], *, lang: Lang, locator: Locator, summary: str = "", prefix: str = ""
) -> str:
    """Render findings as annotations, one line each, then ``summary`` as a plain log line."""
    lines = [annotation(f, lang, locator, prefix=prefix) for f in findings]
    if summary:
        lines.append(summary)
    return "\n".join(lines) + ("\n" if lines else "")
