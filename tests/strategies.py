"""Hypothesis strategies for whole regulations, shared across the suite."""

from __future__ import annotations

import copy
import datetime as dt
import random
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from quyche_rules.citations import POINT_LETTERS
from quyche_rules.i18n import CONTROL
from quyche_rules.model import Article, Clause, Point, Regulation, document_order
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.model.base import MAX_NAME

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
TASKS: list[dict[str, Any]] = [
    {"id": "t-ke-hoach", "name": "Kế hoạch", "field": "lv-a"},
    {"id": "t-van-ban-den", "name": "Văn bản đến", "topics": ["incoming-documents"], "needs_deadline": True},
    {"id": "t-ky-so", "name": "Ký số", "topics": ["digital-signature"], "needs_lead": False},
    {"id": "t-don-doc", "name": "Đôn đốc", "topics": ["follow-up", "electronic-handling"]},
]
TASK_IDS = [t["id"] for t in TASKS]
DOCS: list[dict[str, Any]] = [
    {"id": "d-moi-hop", "name": "Giấy mời họp"}, {"id": "d-cong-van", "name": "Công văn", "field": "lv-a"},
    {"id": "d-quyet-dinh", "name": "Quyết định", "head_level": True},
]
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


# ---------------------------------------------------------------------------------------------------------
# Whole regulations that round-trip through rule files, amendments of them, and the rewritings of a rule
# folder that must not change what the checker finds (file names, key order, NFC/NFD). Used by
# tests/properties, tests/fuzz and benchmarks/fuzz.py.
# ---------------------------------------------------------------------------------------------------------

#: words of provision text: Vietnamese, cross-references, and strings YAML would misread if written bare
WORDS = (
    "Vụ A", "Văn phòng", "Thứ trưởng A", "chủ trì", "phối hợp", "theo dõi, đôn đốc", "báo cáo", "kế hoạch",
    "hằng quý", "năm", "Ủy ban", "giải quyết", "văn bản đến", "ký số", "Vụ Cũ", "Trung tâm Thông tin",
    "yes", "no", "null", "~", "true", "# ghi chú", "a: b", "- gạch", "'", '"', "06", "1.5", "1e3",
    "2024-01-01", "[x]", "{y}", "&neo", "*bí", "!thẻ", "%", "@", "`", "|", ">", "\\",
)
#: cross-references, resolvable or dangling, internal or to another instrument
REFERENCES = (
    "khoản 1 Điều này", "điểm a khoản 1 Điều 1", "Điều 2", "khoản 3 Điều 1", "các điểm a và b khoản 1 Điều 1",
    "Điều 9", "khoản 2 Điều 30 Nghị định 30/2020/NĐ-CP", "từ khoản 1 đến khoản 2 Điều 1", "điểm đ khoản 2 Điều 2",
)
#: at most MAX_NAME characters: any text drawn may be used as a name (eight long references would exceed it)
words = st.lists(st.sampled_from(WORDS + REFERENCES), min_size=1, max_size=8).map(" ".join).filter(
    lambda t: len(t) <= MAX_NAME)


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value)


#: any text a regulation may hold (NFC, as loading gives it): line breaks, astral planes, line separators… but
#: no control character, which the loader refuses (QC006)
REGULATION_CHARS = st.characters(exclude_categories=("Cs",)).filter(lambda c: CONTROL.match(c) is None)
free_text = st.text(REGULATION_CHARS, min_size=1, max_size=24).map(_nfc)
texts = st.one_of(words, words, words, free_text)
#: what breaks a line: a name (quyche_rules.model.base.Name) is one line, so the odd text of a name has spaces there
_BREAKS = re.compile("\r\n|[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")  # what a name may not hold


def _one_line(value: str) -> str:
    return _BREAKS.sub(" ", value)


UNIT_POOL = ("vu-b", "vu-c", "cuc-d", "trung-tam-e")


def _norm_list(draw: st.DrawFn, used_ids: set[str], max_norms: int) -> list[dict[str, Any]]:
    kept = []
    for n in draw(st.lists(norm, max_size=max_norms)):
        n = copy.deepcopy(n)
        did = n.get("delegation", {}).get("id")
        if did in used_ids:  # delegation ids are unique in a regulation
            n["delegation"].pop("id")
        elif did:
            used_ids.add(did)
        kept.append(n)
    return kept


def _lint(draw: st.DrawFn) -> dict[str, Any] | None:
    if draw(st.integers(0, 9)):
        return None
    codes = draw(st.lists(st.sampled_from(["QC204", "QC301", "QC201", "QC104", "QC999"]), min_size=1, max_size=2,
                          unique=True))
    return {"ignore": codes, "reason": draw(words)}


def _numbers(draw: st.DrawFn, count: int) -> list[str]:
    """``1 … count``: sometimes with an inserted ``Na`` (as amendments number them), rarely a gap or a repeat."""
    out = [str(i) for i in range(1, count + 1)]
    if count and not draw(st.integers(0, 4)):
        at = draw(st.integers(1, count))
        out.insert(at, f"{at}a")
    if len(out) > 1 and not draw(st.integers(0, 14)):
        at = draw(st.integers(0, len(out) - 2))
        if draw(st.booleans()):
            del out[at]  # a gap (QC010)
        else:
            out.insert(at, out[at])  # the same number twice (QC011)
    return out


def _letters(draw: st.DrawFn, count: int) -> list[str]:
    """Point letters ``a b c …``, rarely with a gap (``a c``: QC010)."""
    out = list(POINT_LETTERS[:count])
    if count > 1 and not draw(st.integers(0, 14)):
        del out[draw(st.integers(0, count - 2))]
    return out


@st.composite
def whole_regulations(
    draw: st.DrawFn, max_articles: int = 4, max_clauses: int = 3, max_points: int = 3, max_norms: int = 3,
    odd_text: bool = True,
) -> Regulation:
    """A regulation using every part of the rule-file format, valid under the schema, NFC as loading gives.

    Articles (with inserted ``2a`` numbers, chapters, sections, text), clauses and points with norms of every
    kind, suppressions (some of unknown codes), cross-references in the text (some dangling), legal bases,
    extra units with aliases, a dissolved unit, and text that YAML would misread if it were written bare.
    """
    text = texts if odd_text else words
    actors = copy.deepcopy(ACTORS)
    for unit in draw(st.lists(st.sampled_from(UNIT_POOL), max_size=2, unique=True)):
        actor: dict[str, Any] = {"id": unit, "name": _nfc(_one_line(draw(text))), "kind": "unit", "parent": "co-quan"}
        if draw(st.booleans()):
            actor["aliases"] = draw(st.lists(text.map(_one_line), min_size=1, max_size=2))
        if draw(st.booleans()):
            actors.append({"id": f"{unit}-truong", "name": _one_line(draw(text)), "kind": "unit_head", "parent": unit})
        actors.append(actor)
    tasks = copy.deepcopy(TASKS)
    if draw(st.booleans()):
        tasks.append({"id": "t-them", "name": _one_line(draw(text)), "topics": ["reporting"], "needs_deadline": True})
    used_ids: set[str] = set()
    articles = []
    for number in _numbers(draw, draw(st.integers(1, max_articles))):
        article: dict[str, Any] = {"article": number, "title": draw(text),
                                   "chapter": draw(st.sampled_from([None, "I", "I", "II", "III"]))}
        if article["chapter"] == "II" and draw(st.booleans()):
            article["section"] = draw(st.sampled_from(["1", "2"]))
        if draw(st.booleans()):
            article["text"] = draw(text)
        article["norms"] = _norm_list(draw, used_ids, 1)
        article["lint"] = _lint(draw)
        clauses = []
        for c in _numbers(draw, draw(st.integers(0, max_clauses))):
            clause: dict[str, Any] = {"clause": c, "text": draw(text), "norms": _norm_list(draw, used_ids, max_norms),
                                      "lint": _lint(draw)}
            clause["points"] = [
                {"point": letter, "text": draw(text), "norms": _norm_list(draw, used_ids, 2), "lint": _lint(draw)}
                for letter in _letters(draw, draw(st.integers(0, max_points)))
            ]
            clauses.append(clause)
        article["clauses"] = clauses
        articles.append(article)
    bases: list[Any] = []
    if draw(st.booleans()):
        bases.append("nd-39-2022")
    if draw(st.booleans()):
        bases.append({"id": "nd-138-2016", "provision": "Điều 3"})
    if draw(st.booleans()):  # one of the regulation's own instruments, described where the catalogue has none
        bases.append("qd-7-x")
    meta: dict[str, Any] = {
        "id": "sinh-day-du", "number": "2/QĐ-X", "title": draw(text), "issuer": draw(text), "body": "co-quan",
        "signed": EFFECTIVE, "effective": EFFECTIVE,
        "regime": draw(st.sampled_from(["headship", "headship", "collective"])),
        "legal_bases": bases,
        "instruments": [{"id": "qd-7-x", "number": "7/QĐ-X", "kind": "decision", "name": "Quyết định 7/QĐ-X",
                         "title": draw(text), "issuer": "Bộ trưởng", "signed": dt.date(2020, 1, 2),
                         "effective": dt.date(2020, 1, 2)}] if "qd-7-x" in bases else [],
        "chapters": [{"chapter": "I", "title": draw(text)},
                     {"chapter": "II", "title": "Hai", "sections": [{"section": "1", "title": draw(text)}]}],
    }
    if draw(st.booleans()):
        meta["required_topics"] = draw(st.lists(st.sampled_from(
            ["digital-signature", "electronic-handling", "follow-up", "incoming-documents", "reporting"]),
            min_size=1, max_size=3, unique=True))
    data = {
        "meta": meta, "actors": actors,
        "fields": [{"id": "lv-a", "name": "Lĩnh vực A"}, {"id": "lv-b", "name": _one_line(draw(text))}],
        "tasks": tasks, "document_types": DOCS, "articles": articles,
    }
    return loader_order(Regulation.model_validate(_drop_empty(data)))


def loader_order(reg: Regulation) -> Regulation:
    """``reg`` with its articles in the order loading gives: by number, articles sharing one by content."""
    return reg.model_copy(update={"articles": document_order(reg.articles)})


def _drop_empty(value: Any) -> Any:
    """Leave out None and empty lists, as a hand-written file would (defaults are not written)."""
    if isinstance(value, dict):
        return {k: _drop_empty(v) for k, v in value.items() if v is not None and v != []}
    if isinstance(value, list):
        return [_drop_empty(v) for v in value]
    return value


# -- amendments ---------------------------------------------------------------------------------------------

NEW_NORMS = st.lists(norm, max_size=2)


def _new_clause(draw: st.DrawFn, number: str) -> dict[str, Any]:
    clause: dict[str, Any] = {"clause": number, "text": draw(words), "norms": draw(NEW_NORMS)}
    if draw(st.booleans()):
        clause["points"] = [{"point": "a", "text": draw(words), "norms": draw(NEW_NORMS)}]
    return clause


def _new_article(draw: st.DrawFn, number: str) -> dict[str, Any]:
    return {"article": number, "title": draw(words), "clauses": [_new_clause(draw, "1")]}


def _patch(draw: st.DrawFn, level: str) -> dict[str, Any]:
    keys = {"article": ["title", "text", "norms", "clauses"], "clause": ["text", "norms", "points"],
            "point": ["text", "norms"]}[level]
    chosen = draw(st.lists(st.sampled_from(keys), min_size=1, max_size=2, unique=True))
    out: dict[str, Any] = {}
    for key in chosen:
        if key in ("title", "text"):
            out[key] = draw(words)
        elif key == "norms":
            out[key] = draw(NEW_NORMS)
        elif key == "clauses":
            out[key] = [_new_clause(draw, "1")]
        else:
            out[key] = draw(st.sampled_from([[], [{"point": "a", "text": draw(words)}]]))
    return out


def _next_number(number: str) -> str:
    """The number inserted after ``number``: 2 -> 2a, 2a -> 2b."""
    return number[:-1] + chr(ord(number[-1]) + 1) if number[-1].isalpha() else f"{number}a"


#: targets that read as citations but name nothing in the regulation (an unreadable one is refused at load, QC003)
BOGUS_TARGETS = ("khoản 9 Điều 99", "điểm y khoản 1 Điều 1", "Chương IV", "Điều 1a")


@st.composite
def amendment_data(draw: st.DrawFn, reg: Regulation, max_operations: int = 4) -> dict[str, Any]:
    """An amendment file of ``reg`` (as YAML-ready data): mostly well-aimed operations of every kind.

    Targets are drawn from the provisions in force, sometimes a provision that does not exist; organisational
    operations name the regulation's actors, sometimes an unknown one. Valid under the amendment schema.
    """
    from quyche_rules.amend.provision_tree import Tree, level_of

    tree = Tree(reg.articles)
    nodes = [(cit, node) for cit, node in tree.walk()]
    phrases = [cit.format() for cit, _ in nodes] or ["Điều 1"]
    target = st.one_of(st.sampled_from(phrases), st.sampled_from(phrases), st.sampled_from(BOGUS_TARGETS))
    actor_ids = [a.id for a in reg.actors] + ["khong-co"]
    units = [a.id for a in reg.actors if a.kind == "unit"] or actor_ids
    task_ids = [t.id for t in reg.tasks]
    ops: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, max_operations))):
        kind = draw(st.sampled_from(["amend", "amend", "insert", "insert", "repeal", "replace_article",
                                     "replace_phrase", "rename", "merge", "split", "dissolve"]))
        if kind == "amend":
            index = draw(st.integers(0, len(nodes) - 1)) if nodes else None
            if index is None or not draw(st.integers(0, 5)):
                ops.append({"amend": draw(st.sampled_from(BOGUS_TARGETS)), "with": {"text": draw(words)}})
            else:
                cit, node = nodes[index]
                ops.append({"amend": cit.format(), "with": _patch(draw, level_of(node))})
        elif kind == "insert":
            index = draw(st.integers(0, len(nodes) - 1)) if nodes else None
            if index is None:
                ops.append({"insert": {"article": _new_article(draw, "1")}})
                continue
            cit, node = nodes[index]
            where = draw(st.sampled_from(["after", "after", "into"]))
            if isinstance(node, Article) and where == "after":
                new = _new_article(draw, _next_number(node.article))
                ops.append({"insert": {"after": cit.format(), "article": new}})
            elif isinstance(node, Article):
                number = str(len(node.clauses) + draw(st.integers(1, 2)))
                ops.append({"insert": {"into": cit.format(), "clause": _new_clause(draw, number)}})
            elif isinstance(node, Clause) and where == "after":
                ops.append({"insert": {"after": cit.format(), "clause": _new_clause(draw, _next_number(node.clause))}})
            elif isinstance(node, Clause):
                letter = POINT_LETTERS[min(len(node.points) + draw(st.integers(0, 1)), len(POINT_LETTERS) - 1)]
                ops.append({"insert": {"into": cit.format(), "point": {"point": letter, "text": draw(words)}}})
            else:
                assert isinstance(node, Point)
                ops.append({"insert": {"after": cit.format(),
                                       "point": {"point": f"{node.point}1", "text": draw(words)}}})
        elif kind == "repeal":
            ops.append({"repeal": draw(target)})
        elif kind == "replace_article":
            number = draw(st.sampled_from([a.article for a in reg.articles] + ["77"]))
            ops.append({"replace_article": _new_article(draw, number)})
        elif kind == "replace_phrase":
            spec: dict[str, Any] = {"from": draw(st.sampled_from(WORDS[:16])), "to": draw(st.sampled_from(
                ["Vụ B", "Vụ Công tác dân tộc", "Trung tâm Chuyển đổi số", "", "phối hợp"]))}
            if draw(st.booleans()):
                spec["at"] = [draw(target)]
            if draw(st.booleans()):
                spec["count"] = draw(st.integers(0, 4))
            ops.append({"replace_phrase": spec})
        elif kind == "rename":
            to: dict[str, Any] = {"name": draw(st.sampled_from(["Vụ Mới", "Trung tâm Chuyển đổi số"]))}
            if draw(st.booleans()):
                to["id"] = draw(st.sampled_from(["vu-moi", *actor_ids]))
            rename: dict[str, Any] = {"actor": draw(st.sampled_from(actor_ids)), "to": to}
            if "id" in to:
                rename["takes_over"] = draw(st.sampled_from(["all", "none", task_ids[:1]]))
            ops.append({"rename": rename})
        elif kind == "merge":
            into: dict[str, Any] = draw(st.sampled_from(
                [{"id": "vu-hop-nhat", "name": "Vụ Hợp nhất", "head": {"id": "vu-truong-hop-nhat",
                                                                       "name": "Vụ trưởng Vụ Hợp nhất"}},
                 {"id": units[0]}]))
            ops.append({"merge": {"actors": draw(st.lists(st.sampled_from(units), min_size=1, max_size=2,
                                                          unique=True)),
                                  "into": into, "takes_over": draw(st.sampled_from(["all", "none", task_ids[:2]]))}})
        elif kind == "split":
            ops.append({"split": {"actor": draw(st.sampled_from(units)),
                                  "into": [{"id": "vu-tach-1", "name": "Vụ Tách Một"},
                                           {"id": "vu-tach-2", "name": "Vụ Tách Hai"}],
                                  "duties": {t: draw(st.sampled_from(["vu-tach-1", "vu-tach-2"]))
                                             for t in draw(st.lists(st.sampled_from(task_ids), max_size=2,
                                                                    unique=True))}}})
        else:
            dissolve: dict[str, Any] = {"actor": draw(st.sampled_from(actor_ids))}
            if draw(st.booleans()):
                dissolve["successor"] = draw(st.sampled_from(units))
                dissolve["takes_over"] = draw(st.sampled_from(["all", "none"]))
            ops.append({"dissolve": dissolve})
    day = reg.effective + dt.timedelta(days=draw(st.integers(-30, 400)))
    data: dict[str, Any] = {
        "amendment": {"id": draw(st.sampled_from(["sua-doi-1", "sua-doi-2"])), "amends": reg.id,
                      "instrument": {"number": "9/QĐ-X", "date": day - dt.timedelta(days=5)}, "effective": day},
        "operations": ops,
    }
    if draw(st.booleans()):
        data["catalogue"] = {"tasks": [{"id": "t-moi", "name": "Nhiệm vụ mới"}]}
    return data


def amendments(reg: Regulation, max_operations: int = 4) -> st.SearchStrategy[AmendmentFile]:
    """Amendment models of ``reg`` (see :func:`amendment_data`)."""
    return amendment_data(reg, max_operations).map(AmendmentFile.model_validate)


# -- files: writing data, the amendment dumper, rewritings of a folder --------------------------------------

def plain_data(value: Any) -> Any:
    """Model dump data made YAML-safe: tuples as lists (SafeDumper writes no tuples)."""
    if isinstance(value, dict):
        return {k: plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain_data(v) for v in value]
    return value


class _NoAliases(yaml.SafeDumper):
    """A dumper that writes a value shared by reference (one date object twice) out in full, never as an alias.

    Rule files may not use anchors and aliases (QC004), so what the tests write must not either.
    """

    def ignore_aliases(self, data: Any) -> bool:
        return True


def yaml_bytes(data: Any, *, flow: bool | None = False, width: int = 100) -> bytes:
    """Write data as UTF-8 YAML, keys in the order given."""
    return yaml.dump(
        plain_data(data), Dumper=_NoAliases, allow_unicode=True, sort_keys=False, default_flow_style=flow,
        width=width,
    ).encode("utf-8")


def amendment_yaml(amendment: AmendmentFile) -> bytes:
    """Write an amendment model back as an amendment file."""
    return yaml_bytes(amendment.model_dump(mode="python", by_alias=True, exclude_defaults=True))


def folder_data(reg: Regulation) -> dict[str, Any]:
    """The rule folder of ``reg`` as parsed YAML data per relative path (what ``quyche amend -o`` writes)."""
    from quyche_rules.amend.dump import render_folder

    return {rel: yaml.safe_load(raw) for rel, raw in render_folder(reg).items()}


def shuffle_keys(value: Any, rnd: random.Random) -> Any:
    """Return ``value`` with the keys of every mapping in a random order."""
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: shuffle_keys(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [shuffle_keys(v, rnd) for v in value]
    return value


def to_nfd(value: Any) -> Any:
    """Return ``value`` with every string (keys too) in NFD, the decomposed spelling of the same text."""
    if isinstance(value, str):
        return unicodedata.normalize("NFD", value)
    if isinstance(value, dict):
        return {to_nfd(k): to_nfd(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_nfd(v) for v in value]
    return value


def write_folder(
    files: dict[str, Any],
    folder: Path,
    *,
    rnd: random.Random | None = None,
    shuffle: bool = False,
    nfd: bool = False,
    rename_articles: bool = False,
) -> dict[str, str]:
    """Write a rule folder from :func:`folder_data`, one line per scalar (no wrapping).

    ``shuffle``: the keys of every mapping in random order (and, at random, small mappings in flow style);
    ``nfd``: every string in NFD; ``rename_articles``: article files under random names (``.yaml`` or
    ``.yml``). With ``rnd``, files are written in random order too. Returns original path -> path written.
    """
    rnd = rnd or random.Random(0)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles").mkdir(exist_ok=True)
    order = list(files)
    rnd.shuffle(order)
    written: dict[str, str] = {}
    for i, rel in enumerate(order):
        data = files[rel]
        flow: bool | None = False
        if shuffle:
            data = shuffle_keys(data, rnd)
            flow = None if rnd.random() < 0.3 else False
        if nfd:
            data = to_nfd(data)
        name = rel
        if rename_articles and rel.startswith("articles/"):
            name = f"articles/{rnd.randrange(16**6):06x}-{len(order) - i}{'.yml' if i % 2 else '.yaml'}"
        (folder / name).write_bytes(yaml_bytes(data, flow=flow, width=10**6))
        written[rel] = name
    return written
