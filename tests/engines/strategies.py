"""Hypothesis strategies: random dense fact sets and random checks of the rule language."""

from __future__ import annotations

import random
from typing import Any

from hypothesis import strategies as st

from quyche_rules.lang.model import Check

KINDS = ("task", "duty", "coop")
# Few values, mixed types on purpose: 1 vs "1" must never be equal, "" is a string in an int field.
A_VALUES = ("p", "q")
B_VALUES: tuple[int | str, ...] = (0, 1, "1")
N_VALUES: tuple[int | str, ...] = (0, 1, 2, "")
FIELDS = ("a", "b", "n", "seq")
LITERALS: dict[str, tuple[int | str, ...]] = {"a": A_VALUES, "b": B_VALUES, "n": N_VALUES}
INT_LITERALS = (0, 1, 2, 3)

META: dict[str, Any] = {
    "severity": "error",
    "title": {"vi": "t", "en": "t"},
    "message": {"vi": "m", "en": "m"},
    "rationale": {"vi": "r", "en": "r"},
    "fix": {"vi": "f", "en": "f"},
}


@st.composite
def facts(draw: st.DrawFn, max_size: int = 18) -> list[dict[str, int | str]]:
    """A small dense fact set: every fact has kind, fid, seq, a, b, n."""
    n = draw(st.integers(0, max_size)) if draw(st.integers(0, 9)) == 0 else draw(st.integers(4, max_size))
    seqs = draw(st.permutations(range(n)))
    out: list[dict[str, int | str]] = []
    for i in range(n):
        out.append(
            {
                "kind": draw(st.sampled_from(KINDS)),
                "fid": f"F{i}",
                "seq": seqs[i],
                "a": draw(st.sampled_from(A_VALUES)),
                "b": draw(st.sampled_from(B_VALUES)),
                "n": draw(st.sampled_from(N_VALUES)),
            }
        )
    return out


@st.composite
def where_filter(draw: st.DrawFn) -> tuple[str, Any]:
    field = draw(st.sampled_from(("a", "b", "n", "seq")))
    if field == "seq":
        return field, {draw(st.sampled_from(("lt", "ge", "gt"))): draw(st.integers(0, 10))}
    values = LITERALS[field]
    ops = ("eq", "bare", "ne", "in", "not_in") + (() if field == "a" else ("lt", "ge"))
    op = draw(st.sampled_from(ops))
    if op == "bare":
        return field, draw(st.sampled_from(values))
    if op in ("lt", "ge"):
        return field, {op: draw(st.sampled_from(INT_LITERALS))}
    if op in ("in", "not_in"):
        return field, {op: draw(st.lists(st.sampled_from(values), min_size=1, max_size=2))}
    return field, {op: draw(st.sampled_from(values))}


@st.composite
def filters(draw: st.DrawFn, max_size: int = 2) -> dict[str, Any]:
    out: dict[str, Any] = {}
    size = draw(st.sampled_from((0, 0, 0, 1, max_size)))
    for field, flt in draw(st.lists(where_filter(), min_size=size, max_size=size)):
        out[field] = flt
    return out


@st.composite
def joins(
    draw: st.DrawFn, binds: list[str], max_size: int = 2, eq_first: bool = False, min_size: int = 0
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not binds:
        return out
    size = draw(st.integers(max(min_size, 1 if eq_first else 0), max_size))
    for k in range(size):
        field = draw(st.sampled_from(FIELDS))
        if eq_first and k == 0:
            field = draw(st.sampled_from(("a", "b", "n")))
            op = "eq"
        elif field == "seq":
            op = draw(st.sampled_from(("ne", "gt", "le")))
        elif field == "a":
            op = draw(st.sampled_from(("eq", "eq", "eq", "ne")))
        else:
            op = draw(st.sampled_from(("eq", "eq", "eq", "ne", "gt", "le")))
        ref_field = field if draw(st.integers(0, 2)) else draw(st.sampled_from(FIELDS))
        ref = f"{draw(st.sampled_from(binds))}.{ref_field}"
        out.setdefault(field, [])
        out[field].append({op: ref})
    return out


@st.composite
def pattern_body(
    draw: st.DrawFn, binds: list[str], dense_joins: bool = False, min_joins: int = 0
) -> dict[str, Any]:
    body: dict[str, Any] = {"kind": draw(st.sampled_from(KINDS)), "where": draw(filters())}
    if draw(st.integers(0, 4)) == 0:
        body["where_any"] = [draw(filters(max_size=1)), draw(filters(max_size=1))]
    j = draw(joins(binds, eq_first=dense_joins, min_size=min_joins))
    if j:
        body["join"] = j
    return body


@st.composite
def checks(draw: st.DrawFn, keyed: bool = False) -> Check:
    """A random check: 1-3 when patterns, maybe unless, maybe count.

    With ``keyed``, every join list starts with an equality, so the check is often partitionable.
    """
    n_when = draw(st.integers(1, 3))
    when: list[dict[str, Any]] = []
    binds: list[str] = []
    for j in range(n_when):
        body = draw(pattern_body(list(binds), dense_joins=keyed))
        body["bind"] = f"p{j}"
        when.append(body)
        binds.append(f"p{j}")
    data: dict[str, Any] = {"code": "QC900", "name": "random", **META, "when": when}
    n_unless = draw(st.sampled_from((0, 1, 0, 1, 2)))
    if n_unless:
        data["unless"] = [draw(pattern_body(binds, dense_joins=keyed, min_joins=1)) for _ in range(n_unless)]
    if draw(st.booleans()):
        count = draw(pattern_body(binds, dense_joins=keyed, min_joins=1))
        count.update(
            bind="grp",
            op=draw(st.sampled_from(("ge", "le", "ne", "gt", "lt", "eq"))),
            value=draw(st.sampled_from((1, 0, 2))),
        )
        data["count"] = count
    return Check.model_validate(data)


def big_facts(seed: int, n_tasks: int) -> list[dict[str, int | str]]:
    """A deterministic regulation-like fact set: tasks, duties (~3 per task), cooperations, actors."""
    rng = random.Random(seed)
    out: list[dict[str, int | str]] = []

    def add(kind: str, **fields: int | str) -> None:
        seq = len(out)
        out.append({"kind": kind, "fid": f"{kind}-{seq}", "seq": seq, **fields})

    n_actors = max(10, n_tasks // 20)
    for a in range(n_actors):
        add("actor", id=f"u{a}", name=f"Vụ {a}", valid=int(rng.random() > 0.05))
    for t in range(n_tasks):
        add("task", id=f"t{t}", name=f"Nhiệm vụ {t}", required=int(rng.random() > 0.3))
        for _ in range(rng.choice((1, 2, 3, 3, 4))):
            holder = rng.randrange(n_actors)
            add(
                "duty",
                task=f"t{t}",
                holder=f"u{holder}",
                holder_name=f"Vụ {holder}",
                role=rng.choice(("lead", "lead", "cooperate", "responsible")),
                deadline=rng.choice((5, 10, 15, "")),
                provision=f"p{rng.randrange(n_tasks * 2)}",
            )
        if rng.random() < 0.3:
            add(
                "coordination",
                task=f"t{t}",
                holder=f"u{rng.randrange(n_actors)}",
                deadline=rng.choice((3, 5, "")),
            )
    return out
