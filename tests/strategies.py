"""Hypothesis strategies for whole regulations, shared across the suite."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from quyche_rules.model import Regulation

EFFECTIVE = dt.date(2024, 1, 1)

ACTORS: list[dict[str, Any]] = [
    {"id": "co-quan", "name": "Cơ quan", "kind": "body"},
    {"id": "bo-truong", "name": "Bộ trưởng", "kind": "head", "parent": "co-quan"},
    {"id": "thu-truong-a", "name": "Thứ trưởng A", "kind": "deputy_head", "parent": "co-quan", "fields": ["lv-a"]},
    {"id": "thu-truong-b", "name": "Thứ trưởng B", "kind": "deputy_head", "parent": "co-quan", "fields": ["lv-b"]},
    {"id": "van-phong", "name": "Văn phòng", "kind": "unit", "parent": "co-quan"},
    {"id": "chanh-van-phong", "name": "Chánh Văn phòng", "kind": "unit_head", "parent": "van-phong"},
    {"id": "pho-chanh-van-phong", "name": "Phó Chánh Văn phòng", "kind": "unit_deputy", "parent": "van-phong"},
    {"id": "vu-a", "name": "Vụ A", "kind": "unit", "parent": "co-quan"},
    {"id": "vu-truong-a", "name": "Vụ trưởng Vụ A", "kind": "unit_head", "parent": "vu-a"},
    {"id": "vu-cu", "name": "Vụ Cũ", "kind": "unit", "parent": "co-quan", "valid_until": dt.date(2023, 6, 30),
     "successor": "vu-a"},
    {"id": "vu-truong-cu", "name": "Vụ trưởng Vụ Cũ", "kind": "unit_head", "parent": "vu-cu",
     "valid_until": dt.date(2023, 6, 30)},
    {"id": "van-thu", "name": "Văn thư", "kind": "clerk", "parent": "van-phong"},
]
ACTOR_IDS = [a["id"] for a in ACTORS]
PEOPLE = ["bo-truong", "thu-truong-a", "thu-truong-b", "chanh-van-phong", "pho-chanh-van-phong",
          "vu-truong-a", "vu-truong-cu", "van-thu"]
UNITS = ["van-phong", "vu-a", "vu-cu"]
TASKS = [
    {"id": "t-ke-hoach", "name": "Kế hoạch", "field": "lv-a"},
    {"id": "t-van-ban-den", "name": "Văn bản đến", "topics": ["incoming-documents"], "needs_deadline": True},
    {"id": "t-ky-so", "name": "Ký số", "topics": ["digital-signature"], "needs_lead": False},
    {"id": "t-don-doc", "name": "Đôn đốc", "topics": ["follow-up", "electronic-handling"]},
]
TASK_IDS = [t["id"] for t in TASKS]
DOCS = [{"id": "d-moi-hop", "name": "Giấy mời họp"}, {"id": "d-cong-van", "name": "Công văn", "field": "lv-a"},
        {"id": "d-quyet-dinh", "name": "Quyết định", "head_level": True}]
DOC_IDS = [d["id"] for d in DOCS]

actor = st.sampled_from(ACTOR_IDS)
person = st.sampled_from(PEOPLE)
task = st.sampled_from(TASK_IDS)
deadline = st.one_of(
    st.none(),
    st.builds(lambda n: {"working_days": n}, st.integers(1, 6)),
    st.builds(lambda n: {"days": n}, st.integers(1, 6)),
    st.just({"immediately": True, "urgency": "flash"}),
    st.builds(lambda n: {"working_days": n, "urgency": "urgent"}, st.integers(1, 3)),
)


def _clean(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != []}


norm = st.one_of(
    st.builds(lambda h, t, r, dl: {"duty": _clean({"holder": h, "task": t, "role": r, "deadline": dl})},
              actor, task, st.sampled_from(["lead", "cooperate", "responsible"]), deadline),
    st.builds(lambda h, a, t, docs, ex: {"power": _clean({"holder": h, "action": a, "task": t,
                                                          "document_types": docs, "exclusive": ex})},
              person, st.sampled_from(["sign", "decide", "seal", "sign_digitally"]), st.one_of(st.none(), task),
              st.lists(st.sampled_from(DOC_IDS), max_size=2, unique=True), st.booleans()),
    st.builds(lambda h, a, t: {"prohibition": _clean({"holder": h, "action": a, "task": t})},
              person, st.sampled_from(["sign", "decide"]), task),
    st.builds(
        lambda mode, sig, f, t, scope, inst, until, did, via: {"delegation": _clean({
            "id": did, "mode": mode, "signing": sig, "from": f, "to": t, "scope": scope, "instrument": inst,
            "valid_until": until, "via": via})},
        st.sampled_from(["assign", "authorize", "entrust"]), st.sampled_from([None, "KT", "TL", "TUQ", "Q", "TM"]),
        person, person, st.lists(st.sampled_from(DOC_IDS), max_size=2, unique=True),
        st.one_of(st.none(), st.just("1/QĐ-X")), st.one_of(st.none(), st.just(dt.date(2024, 12, 31)),
                                                          st.just(dt.date(2023, 12, 31))),
        st.one_of(st.none(), st.sampled_from(["d1", "d2"])), st.one_of(st.none(), st.sampled_from(["d1", "d2"])),
    ),
    st.builds(lambda lead, coop, t, dl: {"coordination": _clean({
        "lead": lead, "cooperating": coop, "task": t, "response_deadline": dl})},
              st.sampled_from(UNITS), st.lists(st.sampled_from(UNITS), max_size=2, unique=True), task, deadline),
    st.builds(lambda a, s: {"substitution": {"absent": a, "substitute": s}}, person, person),
    st.builds(lambda f, t: {"reporting": {"from": f, "to": t, "frequency": "monthly"}}, actor, actor),
    st.builds(lambda h, t: {"follow_up": {"holder": h, "task": t}}, actor, task),
    st.builds(lambda t, dl: {"deadline": {"task": t, "within": dl}}, task,
              deadline.filter(lambda d: d is not None)),
)


@st.composite
def regulations(draw: st.DrawFn, max_articles: int = 3, max_norms: int = 4) -> Regulation:
    """A small, densely connected regulation with every norm kind, valid under the schema."""
    articles = []
    used_ids: set[str] = set()
    for a in range(1, draw(st.integers(1, max_articles)) + 1):
        clauses = []
        for c in range(1, draw(st.integers(1, 3)) + 1):
            norms = draw(st.lists(norm, max_size=max_norms))
            kept = []
            for n in norms:  # delegation ids must be unique in a regulation
                did = n.get("delegation", {}).get("id")
                if did in used_ids:
                    n["delegation"].pop("id")
                elif did:
                    used_ids.add(did)
                kept.append(n)
            clauses.append({"clause": str(c), "text": f"Khoản {c} Điều {a}.", "norms": kept})
        articles.append({"article": str(a), "title": f"Điều {a}", "chapter": "I", "clauses": clauses})
    data = {
        "meta": {"id": "sinh-ngau-nhien", "number": "1/QĐ-X", "title": "Quy chế sinh ngẫu nhiên", "issuer": "X",
                 "body": "co-quan", "signed": EFFECTIVE, "effective": EFFECTIVE,
                 "regime": draw(st.sampled_from(["headship", "headship", "collective"])),
                 "chapters": [{"chapter": "I", "title": "Chung"}]},
        "actors": ACTORS,
        "fields": [{"id": "lv-a", "name": "Lĩnh vực A"}, {"id": "lv-b", "name": "Lĩnh vực B"}],
        "tasks": TASKS,
        "document_types": DOCS,
        "articles": articles,
    }
    return Regulation.model_validate(data)
