"""Message templates: regex substitution, never str.format or eval."""

from __future__ import annotations

import pytest

from quyche_rules.errors import InternalError
from quyche_rules.lang import placeholders, render_template, resolve_refs


def test_render_binds_group_and_count() -> None:
    bindings = {"t": {"kind": "task", "fid": "t1", "seq": 0, "name": "Kế hoạch năm"}}
    group = [
        {"kind": "duty", "fid": "d2", "seq": 2, "holder_name": "Vụ Tổng hợp"},
        {"kind": "duty", "fid": "d1", "seq": 1, "holder_name": "Văn phòng"},
    ]
    text = render_template(
        "Nhiệm vụ «{t.name}» có {count} đơn vị chủ trì: {leads.holder_name}", bindings, group, "leads", 2
    )
    assert text == "Nhiệm vụ «Kế hoạch năm» có 2 đơn vị chủ trì: Văn phòng, Vụ Tổng hợp"


def test_render_escapes_and_ints() -> None:
    bindings = {"a": {"kind": "x", "fid": "a", "seq": 7}}
    assert render_template("{{a.seq}} = {a.seq}", bindings, [], None, None) == "{a.seq} = 7"


def test_no_format_or_eval() -> None:
    bindings = {"a": {"kind": "x", "fid": "{a.fid}", "seq": 0}}
    # values are inserted verbatim, never re-expanded; attribute access syntax is not a placeholder
    assert render_template("{a.fid}", bindings, [], None, None) == "{a.fid}"
    with pytest.raises(InternalError):
        render_template("{a.__class__}", bindings, [], None, None)


@pytest.mark.parametrize(
    ("template", "group_bind", "count"),
    [
        ("{b.x}", None, None),
        ("{a.missing}", None, None),
        ("{count}", None, None),
        ("{a}", None, None),
        ("{g.x}", "g", 1),
    ],
)
def test_render_errors(template: str, group_bind: str | None, count: int | None) -> None:
    bindings = {"a": {"kind": "x", "fid": "a", "seq": 0}}
    group = [{"kind": "x", "fid": "g", "seq": 1}]
    with pytest.raises(InternalError):
        render_template(template, bindings, group, group_bind, count)


def test_placeholders() -> None:
    found = placeholders("{a.b} {{x}} {count} {bad one} }")
    assert [(p.text, p.valid) for p in found] == [
        ("a.b", True),
        ("count", True),
        ("bad one", False),
        ("}", False),
    ]
    assert found[1].is_count and not found[0].is_count


def test_resolve_refs() -> None:
    bindings = {"t": {"kind": "task", "fid": "t1", "seq": 0, "id": "lap-ke-hoach", "provision": ""}}
    group = [
        {"kind": "duty", "fid": "d2", "seq": 2, "holder": "vu-b", "provision": "p9"},
        {"kind": "duty", "fid": "d1", "seq": 1, "holder": "vu-a", "provision": "p3"},
        {"kind": "duty", "fid": "d3", "seq": 3, "holder": "vu-a", "provision": "p3"},
    ]
    # the counted facts in the match's order (its sorted fact ids), each value once
    assert resolve_refs(["leads.holder"], bindings, group, "leads") == ("vu-b", "vu-a")
    assert resolve_refs(["t.provision", "leads.provision"], bindings, group, "leads") == ("p9", "p3")
    assert resolve_refs(["t.id"], bindings, [], None) == ("lap-ke-hoach",)
    with pytest.raises(InternalError):
        resolve_refs(["x.id"], bindings, [], None)
