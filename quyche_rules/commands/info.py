"""``quyche cite``, ``rules``, ``explain``, ``who`` and ``graph``: each returns the text to print."""

from __future__ import annotations

import datetime as dt
import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Lang, Text

if TYPE_CHECKING:
    from quyche_rules.loading.folder import LoadedRegulation

__all__ = ["run_cite", "run_explain", "run_graph", "run_rules", "run_who"]

_LEVELS = {"chapter": ("Chương", "chapter"), "section": ("Mục", "section"), "article": ("Điều", "article"),
           "clause": ("Khoản", "clause"), "point": ("Điểm", "point")}


def run_cite(phrase: str, context: str | None, lang: Lang) -> str:
    """Parse a citation phrase and show its structure and canonical form."""
    from quyche_rules.citations import format_citations, parse_citation

    ctx = None
    if context:
        found = parse_citation(context)
        ctx = found[0] if found else None
    cits = parse_citation(phrase, ctx)
    lines = []
    for cit in cits:
        parts = [f"{_LEVELS[k][0 if lang == 'vi' else 1]} {v}" for k, v in cit.model_dump().items() if v]
        lines.append("  " + " · ".join(parts))
    head = "Chuẩn: " if lang == "vi" else "Canonical: "
    return head + format_citations(cits) + "\n" + "\n".join(lines) + "\n"


def run_rules(fmt: str, lang: Lang) -> str:
    """List the catalogue."""
    from quyche_rules.checks.registry import all_checks

    specs = all_checks()
    if fmt == "json":
        return json.dumps([
            {"code": s.code, "name": s.name, "severity": s.severity.value, "family": s.family,
             "title": s.title.get(lang), "status": s.status, "since": s.since,
             "kind": "python" if s.func else ("declarative" if s.declarative else "pipeline"),
             "legal_basis": [b.text() for b in s.legal_basis]}
            for s in specs.values()
        ], ensure_ascii=False, indent=2) + "\n"
    width = max(len(s.name) for s in specs.values())
    return "\n".join(f"{s.code}  {s.name:<{width}}  {s.severity.value:<7}  {s.title.get(lang)}"
                     for s in specs.values()) + "\n"


def run_explain(code: str, lang: Lang) -> str:
    """Explain one check: title, rationale, legal basis, examples."""
    from quyche_rules.checks.registry import all_checks

    specs = all_checks()
    spec = specs.get(code.upper())
    if spec is None:
        close = difflib.get_close_matches(code.upper(), list(specs), n=1, cutoff=0.5)
        raise UsageError(
            Text.of(f"Không có kiểm tra {code}", f"No check {code}"),
            fix=Text.of(f"Có phải ý bạn là {close[0]}? Xem `quyche rules`" if close else "Xem `quyche rules`",
                        f"Did you mean {close[0]}? See `quyche rules`" if close else "See `quyche rules`"),
        )
    vi = lang == "vi"
    out = [f"{spec.code} {spec.name} ({spec.severity.label(lang)}, {spec.status}, {spec.since})",
           spec.title.get(lang), "",
           "## Lý do" if vi else "## Why it matters", spec.rationale.get(lang), "",
           "## Cách sửa" if vi else "## How to fix", spec.fix.get(lang), ""]
    if spec.legal_basis:
        out.append("## Căn cứ pháp lý" if vi else "## Legal basis")
        for b in spec.legal_basis:
            out.append(f"- {b.text()}" + (f" <{b.url}>" if b.url else "") + (f"\n  «{b.quote}»" if b.quote else ""))
        out.append("")
    if spec.examples:
        out += ["## Ví dụ (phát hiện)" if vi else "## Example (fires)", "```yaml", spec.examples.fires.rstrip(), "```",
                "", "## Viết thế này (không phát hiện)" if vi else "## Use instead", "```yaml",
                spec.examples.passes.rstrip(), "```", ""]
    out.append(("Nguồn: " if vi else "Source: ") + spec.source)
    return "\n".join(out) + "\n"


def _load_one(path: Path, on: dt.date | None = None) -> LoadedRegulation:
    """Load the regulation at ``path``; of several, the one in force on ``on`` (default: the newest)."""
    from quyche_rules.loading.folder import find_regulations, load_regulation

    loaded = [load_regulation(f) for f in find_regulations(path)]
    loaded.sort(key=lambda r: r.regulation.effective)
    in_force = [r for r in loaded if on is None or r.regulation.effective <= on]
    return (in_force or loaded)[-1]


def run_who(path: Path, task: str, on: dt.date | None, lang: Lang) -> str:
    """Answer who is responsible for ``task``."""
    from quyche_rules.graph import build_graph, who

    loaded = _load_one(path, on)
    reg = loaded.regulation
    if task not in reg.task_by_id:
        close = difflib.get_close_matches(task, list(reg.task_by_id), n=1, cutoff=0.5)
        raise UsageError(
            Text.of(f"Không có nhiệm vụ {task!r} trong {reg.id}", f"No task {task!r} in {reg.id}"),
            fix=Text.of(f"Có phải ý bạn là {close[0]!r}?" if close else "Xem tasks.yaml",
                        f"Did you mean {close[0]!r}?" if close else "See tasks.yaml"),
        )
    ans = who(reg, build_graph(reg), task, on)
    labels = (("chủ trì", "phối hợp", "thực hiện", "quyết định", "ký", "theo dõi, đôn đốc") if lang == "vi"
              else ("lead", "cooperate", "responsible", "decides", "signs", "follows up"))
    rows = (ans.leads, ans.cooperates, ans.responsible, ans.decides, ans.signs, ans.follows_up)
    out = [f"{reg.task_name(task)} ({task}) · {reg.id} · {(on or reg.effective).isoformat()}"]
    for label, items in zip(labels, rows, strict=True):
        shown = "; ".join(f"{reg.actor_name(a)} ({p})" for a, p in items) or "—"
        out.append(f"  {label}: {shown}")
    return "\n".join(out) + "\n"


def run_graph(path: Path, fmt: str) -> str:
    """Export the graph as DOT, GraphML or node-link JSON."""
    import networkx as nx

    from quyche_rules.graph import build_graph

    g = build_graph(_load_one(path).regulation)
    if fmt == "json":
        return json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g)) + "\n"
    lines = ["digraph quyche {", "  rankdir=LR;"]
    for node in sorted(g.nodes):
        data = g.nodes[node]
        label = str(data.get("name", data.get("id", node))).replace('"', "'")
        lines.append(f'  "{node}" [label="{label}"];')
    for u, v, data in sorted(g.edges(data=True), key=lambda e: (e[0], e[1], e[2]["kind"], e[2]["provision"])):
        lines.append(f'  "{u}" -> "{v}" [label="{data["kind"]} ({data["provision"]})"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
