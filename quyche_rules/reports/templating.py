"""The jinja2 environment of the reports: templates are package data, filters escape for HTML or Markdown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import jinja2
from markupsafe import Markup, escape

from quyche_rules.reports.redline import Segment

__all__ = ["environment", "md", "md_code", "md_plain", "md_redline", "redline_html"]

_CODE = re.compile(r"(`[^`\n]+`)")
#: what Markdown would read as markup in plain text (a lone backtick opens a code span, & an entity)
_MD_SPECIAL = re.compile(r"([\\*_\[\]<>|#~`&])")
#: what breaks a line (str.splitlines): a table row or a heading would split
_BREAKS = re.compile("\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]")


def codespans(text: str) -> Markup:
    """Escape ``text`` for HTML and show its `backticked` identifiers as ``<code>``."""
    parts = []
    for piece in _CODE.split(text):
        if piece.startswith("`") and piece.endswith("`") and len(piece) > 1:
            parts.append(Markup("<code>{}</code>").format(piece[1:-1]))
        else:
            parts.append(escape(piece))
    return Markup("").join(parts)


def md(text: str) -> str:
    """Escape ``text`` for Markdown (tables included); `backticked` spans are kept as code."""
    out = []
    for piece in _CODE.split(_BREAKS.sub(" ", text)):
        if piece.startswith("`") and piece.endswith("`") and len(piece) > 1:
            out.append(piece.replace("|", "\\|"))
        else:
            out.append(_MD_SPECIAL.sub(r"\\\1", piece))
    return "".join(out)


def md_plain(text: str) -> str:
    """Escape ``text`` for Markdown as data (a name): every backtick shown as written, never a code span."""
    return _MD_SPECIAL.sub(r"\\\1", _BREAKS.sub(" ", text))


def md_code(text: str) -> str:
    """Return ``text`` as a Markdown code span, fenced with enough backticks."""
    ticks = "`"
    while ticks in text:
        ticks += "`"
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def redline_html(segments: Sequence[Segment]) -> Markup:
    """Return segments as HTML: deleted words in ``<del>``, inserted words in ``<ins>``, the rest as text."""
    tags = {"del": "del", "ins": "ins"}
    parts = []
    for seg in segments:
        tag = tags.get(seg.op)
        parts.append(Markup("<{0}>{1}</{0}>").format(Markup(tag), seg.text) if tag else escape(seg.text))
    return Markup("").join(parts)


def md_redline(segments: Sequence[Segment]) -> str:
    """Return segments for a Markdown table cell: ``~~deleted~~``, ``<ins>inserted</ins>``, lines joined by <br>."""
    out = []
    for seg in segments:
        lines = []
        for line in seg.text.split("\n"):
            core = line.strip()
            if seg.op == "same" or not core:
                lines.append(md(line))
                continue
            lead, trail = line[: len(line) - len(line.lstrip())], line[len(line.rstrip()):]
            mark = f"~~{md(core)}~~" if seg.op == "del" else f"<ins>{md(core)}</ins>"
            lines.append(f"{lead}{mark}{trail}")
        out.append("<br>".join(lines))
    return "".join(out)


@cache
def environment(kind: str) -> jinja2.Environment:
    """Return the environment for ``html`` (autoescaped) or ``markdown`` templates."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("quyche_rules.reports", "templates"),
        autoescape=kind == "html",
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["codespans"] = codespans
    env.filters["md"] = md
    env.filters["md_code"] = md_code
    env.filters["md_plain"] = md_plain
    env.filters["redline"] = redline_html
    env.filters["md_redline"] = md_redline
    return env
