"""Load errors in the user's words: all at once, what was expected, a suggestion, no pydantic or Python words."""

from __future__ import annotations

import re

import pytest

from quyche_rules.checks.produce import load_findings
from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding, Hit
from quyche_rules.loading.amendment import parse_amendment
from quyche_rules.loading.files import parse
from quyche_rules.model import ActorsFile, Article, RegulationMeta, TasksFile

REG = ("id: r\nnumber: 1/QĐ\ntitle: t\nissuer: i\nbody: b\nsigned: 2024-01-01\neffective: 2024-01-01\n")
AM = ("amendment:\n  id: a\n  amends: r\n  instrument: {number: '1', date: 2024-01-01}\n  effective: 2024-01-01\n"
      "operations:\n")
ART = "article: '7'\ntitle: t\nchapter: I\nclauses:\n  - clause: '1'\n    text: t\n"
_MODELS = {"regulation": RegulationMeta, "actors": ActorsFile, "tasks": TasksFile, "article": Article}

#: (kind, file text, words the English findings say)
CASES: list[tuple[str, str, tuple[str, ...]]] = [
    ("regulation", REG.replace("signed: 2024-01-01", "signed: 15/06/2025"), ("YYYY-MM-DD", "signed: 2025-06-15")),
    ("regulation", REG.replace("effective: 2024-01-01", "effective: 2024-02-30"), ("not a valid date",)),
    ("regulation", REG + "regime: headship-x\n", ("Did you mean 'headship'",)),
    ("regulation", REG.replace("id: r", "id: Quy Chế"), ("use 'quy-che'",)),
    ("regulation", REG + "legal_bases: [{number: x, title: y}]\n", ("law-catalogue id",)),
    ("regulation", REG + "chapters: [{chapter: 2, title: x}]\n", ("Roman numeral", 'chapter: "2"')),
    ("regulation", REG.replace("number: 1/QĐ\n", ""), ("Missing required key 'number'",)),
    ("regulation", REG + "numbr: x\n", ("did you mean 'number'",)),
    ("regulation", REG + "chapters: I\n", ("it must be a list",)),
    ("regulation", REG + "collective: {body: x, quorum: half}\n", ("2/3",)),
    ("actors", "actors: [{id: vu-a, name: Vụ A, kind: unitt}]", ("Did you mean 'unit'",)),
    ("actors", "actors: [{id: vu-a, name: Vụ A, kind: unit, valid_from: 2024-01-01, valid_until: 2023-01-01}]",
     ("valid_until is before valid_from",)),
    ("actors", "actors: {vu-a: {name: x}}", ("it must be a list",)),
    ("actors", "actors: [{id: vu-a, name: Vụ A, kind: unit, members: [x]}]", ("kind group",)),
    ("actors", "actors: [{id: vu-a, name: Vụ A, kind: unit, parent: 5}]", ("actor id",)),
    ("actors", "actors: [{id: vu-a, name: '" + "x" * 300 + "', kind: unit}]", ("at most 200 characters",)),
    ("tasks", "tasks: [{id: x, name: y, needs_lead: maybe}]", ("true or false",)),
    ("tasks", "tasks: [{id: x}]", ("Missing required key 'name'",)),
    ("tasks", "document_types: [{id: Giấy mời, name: y}]", ("use 'giay-moi'",)),
    ("article", ART.replace("article: '7'", "article: 7"), ('article: "7"',)),
    ("article", ART + "    norms: [{duty: {holder: vu-a, task: t, role: leader}}]\n", ("Did you mean 'lead'",)),
    ("article", ART + "    norms: [{dutty: {holder: vu-a, task: t}}]\n", ("did you mean 'duty'",)),
    ("article", ART + "    norms: [{deadline: {task: t, within: {working_days: năm}}}]\n", ("whole number",)),
    ("article", ART + "    norms: [{deadline: {task: t, within: {working_days: 5, days: 3}}}]\n", ("exactly one of",)),
    ("article", ART + "    lint: {ignore: [QC20], reason: x}\n", ("not a check code",)),
    ("article", ART + "    points: [{point: z, text: x}]\n", ("point letter",)),
    ("article", ART + "    norms: duty\n", ("it must be a list",)),
    ("article", ART.replace("text: t", "text: 12"), ('text: "12"',)),
    ("article", ART + "    norms: [{delegation: {mode: assign, signing: KTT, from: a, to: b}}]\n", ("Did you mean",)),
    ("amendment", AM.replace("date: 2024-01-01}", "date: 15/06/2025}"), ("YYYY-MM-DD", "2025-06-15")),
    ("amendment", AM.replace("effective: 2024-01-01", "effective: 2025-13-01"), ("not a valid date",)),
    ("amendment", AM + "  - merge: {actors: [a], into: {id: x, name: y}, takes_over: yes}\n",
     ("'all', 'none'", "task ids")),
    ("amendment", AM + "  - merge: {actors: [a], into: vu-x}\n", ("{id: vu-x, name: …}",)),
    ("amendment", AM + "  - repael: Điều 9\n", ("did you mean 'repeal'",)),
    ("amendment", AM + "  - insert: {after: Điều 4}\n", ("exactly one of article, clause or point",)),
    ("amendment", AM + "  - dissolve: {actor: x, takes_over: all}\n", ("needs a successor",)),
    ("amendment", AM + "  - amend: khoản 1 Điều 7\n    with: {}\n", ("nothing to change",)),
    ("amendment", AM + "  - amend: khoản 1 Điều 7\n    with: {title: x}\n", ("has no title",)),
    ("amendment", AM + "  - replace_phrase: {from: a, to: b, count: -1}\n", ("0 or more",)),
    ("amendment", AM + "  - split: {actor: x, into: []}\n", ("at least 1",)),
    ("amendment", AM + "  - split: {actor: x, into: [{id: y}], duties: [a, b]}\n", ("a mapping (key: value)",)),
    ("amendment", AM + "  - rename: {actor: a, to: Tên mới}\n", ("{id: …, name: Tên mới}",)),
    ("amendment", AM + "  - merge: {actors: [a], into: {id: x, name: y}, takes_over: [Task A]}\n", ("'task-a'",)),
    ("amendment", AM.replace("date: 2024-01-01}", "date: 2024-01-01, kind: decison}"), ("'decision'",)),
    ("amendment", AM + "  - amend: khoan 3 Dieu 10\n    with: {text: x}\n", ("did you mean 'khoản 3 Điều 10'",)),
    ("amendment", AM + "  - repeal: cac diem a va b khoan 2 Dieu 9\n",
     ("did you mean 'các điểm a và b khoản 2 Điều 9'",)),
    ("amendment", AM + "  - insert: {after: Dieu 4, article: {article: 4a, title: t}}\n", ("'Điều 4'",)),
    ("amendment", "amendment: {id: a}\n", ("Missing required key 'amends'",)),
]
#: what no message may say: pydantic's own words and Python's type names
BANNED = re.compile(r"literal\[|instance of|\bstr\b|\bint\b|\bdict\b|\bbool\b|\btuple\b|value_error|"
                    r"Input should be|NoneType|pydantic|function-after|constrained-str", re.IGNORECASE)


def _findings(kind: str, text: str) -> list[Finding]:
    if kind == "amendment":
        with pytest.raises(LoadFailed) as failed:
            parse_amendment(text.encode(), "sua-doi.yaml")
        return load_findings(failed.value)
    problems: list[Hit] = []
    assert parse(text.encode(), _MODELS[kind], f"{kind}.yaml", kind, problems) is None
    return load_findings(LoadFailed(problems))


def _said(findings: list[Finding], lang: str) -> str:
    return "\n".join(f"{f.message.get(lang)}\n{f.fix.get(lang) if f.fix else ''}" for f in findings)  # type: ignore[arg-type]


def test_the_table_covers_every_kind_of_file() -> None:
    assert len(CASES) >= 25
    assert {kind for kind, _, _ in CASES} == {*_MODELS, "amendment"}


@pytest.mark.parametrize(("kind", "text", "words"), CASES, ids=[f"{k}-{i}" for i, (k, _, _) in enumerate(CASES)])
def test_a_bad_input_is_said_in_the_users_words(kind: str, text: str, words: tuple[str, ...]) -> None:
    findings = _findings(kind, text)
    assert findings and all(f.code == "QC003" and f.location.line for f in findings)
    english, vietnamese = _said(findings, "en"), _said(findings, "vi")
    for word in words:
        assert word in english, english
    for said in (english, vietnamese):
        assert BANNED.search(said) is None, said
    assert vietnamese != english


def test_every_error_of_a_draft_is_reported_at_once_at_its_line() -> None:
    text = (AM.replace("date: 2024-01-01}", "date: 15/06/2025}")
            .replace("effective: 2024-01-01", "effective: 2024-02-30")
            + "  - merge: {actors: [a], into: vu-x, takes_over: yes}\n  - amend: khoan 3 Dieu 10\n    with: {text: x}\n"
            + "  - repael: Điều 9\n")
    findings = _findings("amendment", text)
    lines = sorted(f.location.line for f in findings if f.location.line is not None)
    assert lines == [4, 5, 7, 7, 8, 10], [f.message.en for f in findings]


def test_the_vietnamese_says_what_was_expected_in_vietnamese() -> None:
    findings = _findings("amendment", AM + "  - merge: {actors: [a], into: vu-x, takes_over: yes}\n")
    said = _said(findings, "vi")
    assert "một danh sách mã nhiệm vụ" in said and "một ánh xạ {id: …, name: …}" in said
