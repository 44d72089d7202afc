"""The responsibility graph: typed edges with provenance, queries and exports."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quyche_rules.cli import main
from quyche_rules.graph import EDGE_KINDS, build_graph, has_cycle, who
from quyche_rules.loading import load_regulation
from quyche_rules.xrefs import cross_references
from tests.conftest import MINIMAL, ROOT

UBDT = ROOT / "rules" / "ubdt-2017"


@pytest.fixture(scope="module")
def reg():  # type: ignore[no-untyped-def]
    return load_regulation(UBDT).regulation


def test_every_norm_edge_names_its_provision(reg) -> None:  # type: ignore[no-untyped-def]
    g = build_graph(reg, cites=cross_references(reg).cites)
    kinds = {d["kind"] for _, _, d in g.edges(data=True)}
    assert kinds <= set(EDGE_KINDS)
    assert {"holds_duty", "leads", "cooperates", "delegates", "substitutes", "reports_to", "cites",
            "part_of", "heads", "deputy_of"} <= kinds
    phrases = {p.phrase for p in reg.provisions}
    for _, _, data in g.edges(data=True):
        if data["kind"] not in ("part_of", "heads", "deputy_of"):
            assert data["provision"] in phrases


def test_who_answers_lead_and_cooperators_with_provisions() -> None:
    reg = load_regulation(MINIMAL).regulation
    ans = who(reg, build_graph(reg), "ke-hoach-nam")
    assert ("vu-a", "khoản 1 Điều 1") in ans.leads
    assert ans.cooperates == (("vu-b", "khoản 1 Điều 1"),)


def test_who_respects_validity_dates(reg) -> None:  # type: ignore[no-untyped-def]
    g = build_graph(reg)
    task = next(t.id for t in reg.tasks if "tay-bac" in t.id)
    before = who(reg, g, task, dt.date(2020, 1, 1))
    after = who(reg, g, task, dt.date(2023, 1, 1))
    assert any(a == "vu-dia-phuong-1" for a, _ in before.leads)
    assert not any(a == "vu-dia-phuong-1" for a, _ in after.leads)


@pytest.mark.parametrize("fmt", ["json", "graphml", "dot"])
def test_graph_exports_parse(fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["graph", str(MINIMAL), "--format", fmt]) == 0
    out = capsys.readouterr().out
    if fmt == "json":
        assert nx.node_link_graph(json.loads(out), edges="edges").number_of_edges() > 0
    elif fmt == "graphml":
        assert nx.parse_graphml(out).number_of_edges() > 0
    else:
        assert out.startswith("digraph quyche {") and "->" in out


def test_who_unknown_task_suggests_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["who", "ke-hoach-nm", str(MINIMAL), "--lang", "en"]) == 2
    assert "Did you mean 'ke-hoach-nam'" in capsys.readouterr().err


def test_dot_export_keeps_hostile_names_inside_their_quotes() -> None:
    import re

    from quyche_rules.graph import export_graph

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    names = {"vu-a": 'Vụ "A"', "vu-b": "Vụ B \\", "vu-c": "dòng 1\ndòng 2 ]; x -> y"}
    for node, name in names.items():
        g.add_node(node, name=name)
    g.add_edge("vu-a", "vu-b", kind="leads", provision='khoản 1 "Điều" 2\\')
    out = export_graph(g, "dot")
    quoted = r'"((?:[^"\\\n]|\\.)*)"'
    node_line = re.compile(rf"  {quoted} \[label={quoted}\];")
    edge_line = re.compile(rf"  {quoted} -> {quoted} \[label={quoted}\];")
    body = out.splitlines()[2:-1]
    assert len(body) == 4
    def unquote(text: str) -> str:
        return re.sub(r"\\(.)", lambda c: "\n" if c.group(1) == "n" else c.group(1), text)

    nodes = {}
    for line in body[:3]:
        m = node_line.fullmatch(line)
        assert m, line
        nodes[m.group(1)] = unquote(m.group(2))
    assert nodes == names
    edge = edge_line.fullmatch(body[3])
    assert edge and unquote(edge.group(3)) == 'leads (khoản 1 "Điều" 2\\)'


_NODES = st.sampled_from("abcdef")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_NODES, _NODES), max_size=12))
def test_has_cycle_answers_as_networkx_does(edges: list[tuple[str, str]]) -> None:
    assert has_cycle(edges) == (not nx.is_directed_acyclic_graph(nx.DiGraph(edges)))


@pytest.mark.parametrize("folder", ["ubdt-2017", "ubdt-2023", "chinh-phu-2026"])
def test_a_check_without_loops_never_imports_networkx(folder: str) -> None:
    """networkx costs a fifth of the hook's run: a regulation whose links and delegations do not loop, nor chain
    three deep, is checked without it (the checks ask graphlib first)."""
    code = (
        "import io, sys\n"
        "from quyche_rules.cli import main\n"
        "out, sys.stdout = sys.stdout, io.StringIO()\n"
        f"main(['check', {str(ROOT / 'rules' / folder)!r}, '--no-cache'])\n"
        "sys.stdout = out\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'networkx'))\n"
    )
    env = {**os.environ, "QUYCHE_SERIAL": "1"}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    assert done.stdout.strip() == "[]", done.stdout + done.stderr
