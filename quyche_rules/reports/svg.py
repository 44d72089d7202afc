"""Draw a :class:`~quyche_rules.reports.diagrams.Diagram` as inline SVG with a simple deterministic layout.

Layered, left to right: each node's column is the longest path to it (cycles broken at the edges that close
them, found by a depth-first walk in id order); within a column nodes are ordered by the mean row of their
predecessors, then by label. Sizes come from an estimate of the text width, so no font metrics, no
graphviz and no randomness are involved: the same diagram gives the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from quyche_rules.reports.diagrams import DEdge, Diagram, DNode

__all__ = ["layout", "render_svg"]

_CHAR = 7.0  # estimated width of a character at 13px
_LINE = 17.0
_PAD_X, _PAD_Y = 12.0, 9.0
_WRAP = 24
_COL_GAP = 130.0
_ROW_GAP = 26.0
_MARGIN = 16.0
_STYLE = {
    "actor": ("#eef4ff", "#3b6fb6", 10),
    "task": ("#fff7e6", "#b7791f", 0),
    "document_type": ("#f4f4f5", "#52525b", 2),
}


def _num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def wrap(text: str, width: int = _WRAP, max_lines: int = 4) -> list[str]:
    """Wrap ``text`` at spaces into lines of about ``width`` characters (the last one shortened with …)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        lines = [*lines[: max_lines - 1], lines[max_lines - 1][: width - 1] + "…"]
    return lines or [""]


def _acyclic(nodes: list[str], edges: Iterable[DEdge]) -> list[tuple[str, str]]:
    """Return the edges as (source, target) with the edges that close cycles left out."""
    out: dict[str, list[str]] = {n: [] for n in nodes}
    for e in edges:
        if e.source != e.target:
            out[e.source].append(e.target)
    for targets in out.values():
        targets.sort()
    state: dict[str, int] = {}
    kept: list[tuple[str, str]] = []
    for start in nodes:
        if start in state:
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        state[start] = 1
        while stack:
            node, i = stack.pop()
            if i < len(out[node]):
                stack.append((node, i + 1))
                nxt = out[node][i]
                if state.get(nxt) == 1:
                    continue  # back edge: closes a cycle
                kept.append((node, nxt))
                if nxt not in state:
                    state[nxt] = 1
                    stack.append((nxt, 0))
            else:
                state[node] = 2
    return kept


def layout(d: Diagram) -> dict[str, tuple[float, float, float, float, list[str]]]:
    """Return node id -> (x, y, width, height, label lines)."""
    ids = [n.id for n in d.nodes]
    labels = {n.id: wrap(n.label) for n in d.nodes}
    dag = _acyclic(ids, d.edges)
    layer = dict.fromkeys(ids, 0)
    for _ in range(len(ids)):
        changed = False
        for u, v in dag:
            if layer[v] < layer[u] + 1:
                layer[v] = layer[u] + 1
                changed = True
        if not changed:
            break
    columns: dict[int, list[str]] = {}
    for n in ids:
        columns.setdefault(layer[n], []).append(n)
    names = {n.id: n.label for n in d.nodes}
    preds: dict[str, list[str]] = {n: [] for n in ids}
    for u, v in dag:
        preds[v].append(u)
    rank: dict[str, float] = {}
    for col in sorted(columns):
        members = columns[col]

        def key(n: str) -> tuple[float, str, str]:
            before = [rank[p] for p in preds[n] if p in rank]
            return (sum(before) / len(before) if before else -1.0, names[n], n)

        members.sort(key=key)
        for i, n in enumerate(members):
            rank[n] = float(i)
    size = {
        n: (max(len(line) for line in labels[n]) * _CHAR + 2 * _PAD_X, len(labels[n]) * _LINE + 2 * _PAD_Y)
        for n in ids
    }
    size = {n: (max(w, 96.0), h) for n, (w, h) in size.items()}
    heights = {c: sum(size[n][1] for n in m) + _ROW_GAP * (len(m) - 1) for c, m in columns.items()}
    tallest = max(heights.values())
    boxes: dict[str, tuple[float, float, float, float, list[str]]] = {}
    x = _MARGIN
    for col in sorted(columns):
        width = max(size[n][0] for n in columns[col])
        y = _MARGIN + (tallest - heights[col]) / 2
        for n in columns[col]:
            w, h = size[n]
            boxes[n] = (x + (width - w) / 2, y, w, h, labels[n])
            y += h + _ROW_GAP
        x += width + _COL_GAP
    return boxes


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _node_svg(node: DNode, box: tuple[float, float, float, float, list[str]]) -> list[str]:
    x, y, w, h, lines = box
    fill, stroke, rx = _STYLE.get(node.kind, _STYLE["document_type"])
    out = [
        f'<g class="node node-{_e(node.kind)}">',
        f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(w)}" height="{_num(h)}" rx="{rx}" '
        f'fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>',
    ]
    top = y + _PAD_Y + _LINE * 0.75
    for i, line in enumerate(lines):
        out.append(
            f'<text x="{_num(x + w / 2)}" y="{_num(top + i * _LINE)}" text-anchor="middle">{_e(line)}</text>'
        )
    out.append("</g>")
    return out


def render_svg(d: Diagram, *, ident: str) -> str:
    """Return the diagram as an ``<svg>`` element; ``ident`` makes its marker ids unique in the page."""
    boxes = layout(d)
    width = max(x + w for x, _, w, _, _ in boxes.values()) + _MARGIN
    loops = any(boxes[e.target][0] <= boxes[e.source][0] + boxes[e.source][2] for e in d.edges)
    height = max(y + h for _, y, _, h, _ in boxes.values()) + _MARGIN + (36 if loops else 0)
    nodes = {n.id: n for n in d.nodes}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="diagram" role="img" '
        f'aria-labelledby="{_e(ident)}-title" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" height="{_num(height)}" '
        f'font-family="system-ui, -apple-system, Segoe UI, Roboto, sans-serif" font-size="13">',
        f'<title id="{_e(ident)}-title">{_e(d.title)}</title>',
        "<defs>",
    ]
    for name, colour in (("arrow", "#6b7280"), ("arrow-hl", "#c0392b")):
        parts.append(
            f'<marker id="{_e(ident)}-{name}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" '
            f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{colour}"/>'
            "</marker>"
        )
    parts.append("</defs>")
    labels: list[str] = []
    for e in d.edges:
        sx, sy, sw, sh, _ = boxes[e.source]
        tx, ty, tw, th, _ = boxes[e.target]
        colour, stroke = ("#c0392b", "2.5") if e.highlight else ("#6b7280", "1.5")
        marker = f"url(#{_e(ident)}-{'arrow-hl' if e.highlight else 'arrow'})"
        if tx > sx + sw:  # forward: right side to left side
            x1, y1, x2, y2 = sx + sw, sy + sh / 2, tx, ty + th / 2
            path = (
                f"M{_num(x1)},{_num(y1)} C{_num(x1 + 40)},{_num(y1)} "
                f"{_num(x2 - 40)},{_num(y2)} {_num(x2)},{_num(y2)}"
            )
            lx, ly = x1 + (x2 - x1) * 0.42, y1 + (y2 - y1) * 0.3 - 6  # nearer the source: fans stay apart
        else:  # same column or backwards: a loop under the boxes
            x1, y1, x2, y2 = sx + sw / 2, sy + sh, tx + tw / 2, ty + th
            low = max(y1, y2) + 28
            path = (
                f"M{_num(x1)},{_num(y1)} C{_num(x1)},{_num(low)} {_num(x2)},{_num(low)} {_num(x2)},{_num(y2)}"
            )
            lx, ly = (x1 + x2) / 2, low - 4
        cls = "edge edge-hl" if e.highlight else "edge"
        tip = "; ".join(e.provisions)
        parts.append(
            f'<path class="{cls}" d="{path}" fill="none" stroke="{colour}" stroke-width="{stroke}" '
            f'marker-end="{marker}"><title>{_e(tip)}</title></path>'
        )
        labels.append(
            f'<text class="edge-label" x="{_num(lx)}" y="{_num(ly)}" text-anchor="middle" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="4" paint-order="stroke">{_e(e.label)}</text>'
        )
    for node_id in sorted(boxes):
        parts.extend(_node_svg(nodes[node_id], boxes[node_id]))
    parts.extend(labels)
    parts.append("</svg>")
    return "\n".join(parts)
