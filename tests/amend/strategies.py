"""Hypothesis strategies: small random regulations built from the models, valid by construction."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

from quyche_rules.citations import POINT_LETTERS
from quyche_rules.model import (
    Actor,
    Article,
    ChapterDef,
    Clause,
    Coordination,
    Deadline,
    Duty,
    FollowUp,
    Point,
    Regulation,
    RegulationMeta,
    Reporting,
    Task,
)
from quyche_rules.model.norm_items import CoordinationItem, DutyItem, FollowUpItem, NormItem, ReportingItem

UNITS = ("vu-a", "vu-b", "vu-c", "van-phong")
TASKS = ("ke-hoach", "bao-cao", "don-doc")
WORDS = (
    "Vụ A",
    "Vụ B",
    "chủ trì",
    "phối hợp",
    "đôn đốc",
    "báo cáo",
    "kế hoạch",
    "năm",
    "theo",
    "khoản 1 Điều 1",
    "yes",
    "null",
    "# ghi chú",
    "a: b",
    "'",
    '"',
    "Điều này",
    "hằng quý",
    "- gạch",
    "06",
    "1.5",
)

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)


@st.composite
def norm_items(draw: st.DrawFn) -> NormItem:
    task = draw(st.sampled_from(TASKS))
    holder = draw(st.sampled_from(UNITS))
    kind = draw(st.sampled_from(("duty", "coordination", "follow_up", "reporting")))
    if kind == "duty":
        role = draw(st.sampled_from(("lead", "cooperate", "responsible")))
        return DutyItem(duty=Duty(holder=holder, task=task, role=role))
    if kind == "coordination":
        others = draw(st.lists(st.sampled_from([u for u in UNITS if u != holder]), max_size=2, unique=True))
        deadline = draw(st.none() | st.integers(1, 10).map(lambda n: Deadline(working_days=n)))
        return CoordinationItem(
            coordination=Coordination(
                lead=holder, cooperating=tuple(others), task=task, response_deadline=deadline
            )
        )
    if kind == "follow_up":
        return FollowUpItem(follow_up=FollowUp(holder=holder, task=task))
    return ReportingItem(
        reporting=Reporting.model_validate({"from": holder, "to": "bo-truong", "task": task})
    )


norms = st.lists(norm_items(), max_size=3).map(tuple)


@st.composite
def points(draw: st.DrawFn) -> tuple[Point, ...]:
    n = draw(st.integers(0, 6))
    return tuple(Point(point=POINT_LETTERS[i], text=draw(texts), norms=draw(norms)) for i in range(n))


@st.composite
def clauses(draw: st.DrawFn) -> tuple[Clause, ...]:
    n = draw(st.integers(0, 4))
    return tuple(
        Clause(clause=str(i + 1), text=draw(texts), norms=draw(norms), points=draw(points()))
        for i in range(n)
    )


@st.composite
def regulations(draw: st.DrawFn) -> Regulation:
    """A small regulation: a body, its head, four units, three tasks and a few articles."""
    actors = [
        Actor(id="co-quan", name="Cơ quan", kind="body"),
        Actor(id="bo-truong", name="Bộ trưởng", kind="head", parent="co-quan"),
    ]
    actors += [Actor(id=u, name=f"Đơn vị {u}", kind="unit", parent="co-quan") for u in UNITS]
    tasks = [Task(id=t, name=f"Nhiệm vụ {t}") for t in TASKS]
    n = draw(st.integers(1, 4))
    articles = []
    for i in range(n):
        chapter = draw(st.sampled_from((None, "I", "II")))
        articles.append(
            Article(
                article=str(i + 1),
                title=draw(texts),
                chapter=chapter,
                text=draw(texts),
                norms=draw(norms),
                clauses=draw(clauses()),
            )
        )
    meta = RegulationMeta(
        id="ngau-nhien",
        number="1/QĐ-X",
        title="Quy chế ngẫu nhiên",
        issuer="Bộ trưởng",
        body="co-quan",
        signed=dt.date(2024, 1, 1),
        effective=dt.date(2024, 1, 1),
        chapters=(ChapterDef(chapter="I", title="Một"), ChapterDef(chapter="II", title="Hai")),
    )
    return Regulation(meta=meta, actors=tuple(actors), tasks=tuple(tasks), articles=tuple(articles))
