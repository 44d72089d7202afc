"""The amendment file format: schema, positions, and clear errors for malformed operations."""

from __future__ import annotations

import json

import pytest

from quyche_rules.checks.produce import load_findings
from quyche_rules.cli import main
from quyche_rules.errors import LoadFailed
from quyche_rules.loading.amendment import parse_amendment
from quyche_rules.model.amendment import AmendItem, InsertItem, MergeItem, RepealItem, ReplacePhraseItem
from tests.amend.helpers import amendment

HEAD = (
    "amendment: {id: a, amends: r, instrument: {number: 1/QĐ-X, date: 2024-01-01}, effective: 2024-02-01}\n"
)


def test_operations_parse_with_their_line_numbers() -> None:
    am = amendment("""\
        - amend: khoản 1 Điều 1
          with: {text: Mới.}
        - repeal: điểm c khoản 3 Điều 1
        - insert: {after: Điều 1, article: {article: 1a, title: Mới, text: Mới.}}
        - replace_phrase: {from: Vụ A, to: Vụ C, at: [Điều 1], count: 2}
        - merge: {actors: [vu-a, vu-b], into: {id: vu-c, name: Vụ C}, takes_over: all}
    """)
    kinds = [type(op) for op in am.operations]
    assert kinds == [AmendItem, RepealItem, InsertItem, ReplacePhraseItem, MergeItem]
    assert [op.loc.line for op in am.operations if op.loc] == [3, 5, 6, 7, 8]
    assert all(op.loc is not None and op.loc.file == "sua-doi.yaml" for op in am.operations)


def test_an_empty_operations_key_means_no_operations() -> None:
    assert parse_amendment((HEAD + "operations:\n").encode(), "a.yaml").operations == ()


@pytest.mark.parametrize(
    ("ops", "needle"),
    [
        ("- amend: Điều 1\n  with: {txt: x}\n", "did you mean 'text'"),
        ("- amend: điểm a khoản 1 Điều 1\n  with: {points: []}\n", "has no points"),
        ("- amend: khoản 1 Điều 1\n  with: {}\n", "gives nothing to change"),
        (
            "- insert: {after: Điều 1, clause: {clause: '2', text: x}, point: {point: a, text: y}}\n",
            "exactly one",
        ),
        ("- insert: {clause: {clause: '2', text: x}}\n", "say where"),
        ("- bai_bo: Điều 1\n", "exactly one of: amend"),
        ("- dissolve: {actor: vu-a, takes_over: all}\n", "needs a successor"),
        ("- repeal: khoản 1\n", "“khoản 1” does not say which article it belongs to"),
        ("- repeal: điểm a\n", "“điểm a” does not say which article"),
    ],
)
def test_malformed_operations_are_schema_findings_at_their_line(ops: str, needle: str) -> None:
    with pytest.raises(LoadFailed) as failed:
        parse_amendment((HEAD + "operations:\n" + ops).encode(), "a.yaml")
    findings = load_findings(failed.value)
    assert all(f.code == "QC003" for f in findings)
    assert any(needle in f.message.en for f in findings), [f.message.en for f in findings]
    assert findings[0].line >= 3


def test_unsafe_yaml_in_an_amendment_is_refused() -> None:
    with pytest.raises(LoadFailed) as failed:
        parse_amendment(b"amendment: &a {id: x}\nother: *a\n", "a.yaml")
    assert load_findings(failed.value)[0].code == "QC004"


def test_the_amendment_schema_describes_every_operation(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "amendment"]) == 0
    schema = json.loads(capsys.readouterr().out)
    defs = schema["$defs"]
    for name in (
        "AmendItem",
        "InsertItem",
        "RepealItem",
        "ReplaceArticleItem",
        "ReplacePhraseItem",
        "RenameItem",
        "MergeItem",
        "SplitItem",
        "DissolveItem",
    ):
        assert name in defs
    assert "takes_over" in defs["MergeSpec"]["properties"]
