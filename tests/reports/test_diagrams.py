"""Diagrams: the right chain, set or conflict for a finding; SVG and Mermaid deterministic and well formed."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from quyche_rules.checks.runner import run_checks
from quyche_rules.graph import build_graph
from quyche_rules.loading import load_regulation
from quyche_rules.reports.diagrams import DEdge, Diagram, DNode, diagram_for
from quyche_rules.reports.mermaid import mermaid_text, render_mermaid
from quyche_rules.reports.svg import layout, render_svg, wrap
from tests.conftest import ROOT
from tests.reports.conftest import REGULATION


@pytest.fixture(scope="module")
def diagrams() -> dict[str, Diagram | None]:
    loaded = load_regulation(ROOT / REGULATION)
    graph = build_graph(loaded.regulation)
    found = run_checks(loaded, engine="reference").findings
    return {f.code: diagram_for(f, graph, "vi") for f in found}


def test_each_kind_of_finding_gets_its_diagram(diagrams: dict[str, Diagram | None]) -> None:
    assert diagrams["QC210"] is None and diagrams["QC104"] is None
    conflict, coordination, chain = diagrams["QC301"], diagrams["QC204"], diagrams["QC402"]
    assert conflict is not None and conflict.kind == "conflict"
    leads = {(e.source, e.label) for e in conflict.edges if e.target == "task:ke-hoach-nam"}
    assert {("actor:vu-a", "chủ trì"), ("actor:chanh-van-phong", "chủ trì")} <= leads
    assert coordination is not None and coordination.kind == "coordination"
    assert {(e.source, e.label) for e in coordination.edges} == {
        ("actor:vu-b", "chủ trì"),
        ("actor:vu-a", "phối hợp"),
    }
    assert chain is not None and chain.kind == "delegation"
    assert [(e.source, e.target, e.label) for e in chain.edges] == [
        ("actor:bo-truong", "actor:vu-truong-b", "TUQ. ký"),
        ("actor:vu-truong-b", "actor:vu-truong-a", "TUQ. ký"),
    ]
    assert all(e.highlight for e in chain.edges)


def _cycle() -> Diagram:
    nodes = tuple(
        DNode(f"actor:{n}", name, "actor")
        for n, name in (("a", "Bộ trưởng"), ("b", 'Vụ <B> & "C"'), ("c", "Chánh Văn phòng"))
    )
    edges = (
        DEdge("actor:a", "actor:b", "TUQ.", True, ("khoản 1 Điều 2",)),
        DEdge("actor:b", "actor:c", "TL.", False, ()),
        DEdge("actor:c", "actor:a", "giao", True, ("khoản 3 Điều 2",)),
    )
    return Diagram("delegation", "Chuỗi", nodes, edges)


def test_svg_is_well_formed_escaped_and_stable() -> None:
    svg = render_svg(_cycle(), ident="d1")
    assert svg == render_svg(_cycle(), ident="d1")
    root = ET.fromstring(svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert 'Vụ <B> & "C"' in texts
    assert 'id="d1-arrow"' in svg and 'id="d1-arrow-hl"' in svg


def test_layout_puts_a_chain_left_to_right_and_survives_cycles() -> None:
    boxes = layout(_cycle())
    xs = {n: round(b[0]) for n, b in boxes.items()}
    assert xs["actor:a"] < xs["actor:b"] < xs["actor:c"]


def test_long_labels_wrap() -> None:
    assert wrap("Vụ trưởng Vụ Kế hoạch - Tài chính phụ trách lĩnh vực đầu tư", 24) == [
        "Vụ trưởng Vụ Kế hoạch -",
        "Tài chính phụ trách lĩnh",
        "vực đầu tư",
    ]


def test_mermaid_escapes_labels_and_marks_the_findings_edges() -> None:
    text = render_mermaid(_cycle())
    assert text.startswith("flowchart LR\n")
    assert 'n2("Vụ #lt;B#gt; & #quot;C#quot;")' in text
    assert "linkStyle 0,2 stroke:#c0392b" in text
    assert mermaid_text("#1 `x`") == "#35;1 #96;x#96;"


def test_markdown_reports_draw_diagrams_as_mermaid(tmp_path: Path) -> None:
    from quyche_rules.cli import main

    out = tmp_path / "r.md"
    main(["report", str(ROOT / REGULATION), "--format", "markdown", "--engine", "reference", "-o", str(out)])
    text = out.read_text(encoding="utf-8")
    assert text.count("```mermaid\nflowchart LR\n") == 3
