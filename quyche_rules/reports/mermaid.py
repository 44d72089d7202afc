"""Write a :class:`~quyche_rules.reports.diagrams.Diagram` as a Mermaid flowchart (for Markdown reports)."""

from __future__ import annotations

from quyche_rules.reports.diagrams import Diagram

__all__ = ["mermaid_text", "render_mermaid"]

_SHAPES = {"actor": ('("', '")'), "task": ('["', '"]'), "document_type": ('[/"', '"/]')}


def mermaid_text(text: str) -> str:
    """Escape text for a quoted Mermaid label (entity codes for ``#``, quotes, angle brackets, backticks)."""
    out = text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    return out.replace("`", "#96;").replace("\n", " ")


def render_mermaid(d: Diagram) -> str:
    """Return the body of a ```mermaid block: ``flowchart LR`` with the finding's edges in red."""
    ids = {n.id: f"n{i + 1}" for i, n in enumerate(d.nodes)}
    lines = ["flowchart LR"]
    for n in d.nodes:
        left, right = _SHAPES.get(n.kind, _SHAPES["document_type"])
        lines.append(f"  {ids[n.id]}{left}{mermaid_text(n.label)}{right}")
    highlighted = []
    for i, e in enumerate(d.edges):
        lines.append(f'  {ids[e.source]} -->|"{mermaid_text(e.label)}"| {ids[e.target]}')
        if e.highlight:
            highlighted.append(str(i))
    if highlighted:
        lines.append(f"  linkStyle {','.join(highlighted)} stroke:#c0392b,stroke-width:3px,color:#c0392b")
    lines.append("  classDef actor fill:#eef4ff,stroke:#3b6fb6,color:#1f2937")
    lines.append("  classDef task fill:#fff7e6,stroke:#b7791f,color:#1f2937")
    lines.append("  classDef document_type fill:#f4f4f5,stroke:#52525b,color:#1f2937")
    for kind in ("actor", "task", "document_type"):
        members = [ids[n.id] for n in d.nodes if n.kind == kind]
        if members:
            lines.append(f"  class {','.join(members)} {kind}")
    return "\n".join(lines)
