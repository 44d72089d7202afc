"""``quyche schema KIND --format markdown``: a readable reference of a rule file's keys, from the models."""

from __future__ import annotations

import json

import pytest

from quyche_rules.cli import main
from quyche_rules.model.amendment import OPERATION_KINDS


def test_the_amendment_reference_lists_every_operation_and_key(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "amendment", "--format", "markdown", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# The sua-doi.yaml format (amendment)")
    for kind in OPERATION_KINDS:
        assert f"| `{kind}` |" in text
    for section in ("## `amendment`", "## `amendment.instrument`", "## `operations[].merge`",
                    "## `operations[].merge.into`"):
        assert section in text, section
    assert "| `takes_over` | no | one of: 'all', 'none' or a list of task ids" in text
    assert "| `effective` | yes | a date written YYYY-MM-DD, e.g. 2025-06-15 |" in text


@pytest.mark.parametrize("kind", ["regulation", "actors", "tasks", "article", "checks", "amendment", "calendar"])
def test_every_kind_has_a_reference_in_both_languages(kind: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", kind, "--format", "markdown"]) == 0
    vi = capsys.readouterr().out
    assert main(["schema", kind, "--format", "markdown", "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "| Khóa | Bắt buộc |" in vi and "| Key | Required |" in en


def test_json_stays_the_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema", "amendment"]) == 0
    assert json.loads(capsys.readouterr().out)["$schema"].startswith("https://json-schema.org/")
    assert main(["schema", "nothing", "--format", "markdown"]) == 2


def test_each_key_is_described_by_the_docstring_under_its_field(capsys: pytest.CaptureFixture[str]) -> None:
    # the models leave pydantic's use_attribute_docstrings off (it parses every class's source at start-up):
    # the reference and the JSON Schema take the docstrings when they are generated
    assert main(["schema", "article", "--format", "markdown", "--lang", "en"]) == 0
    text = capsys.readouterr().out
    assert "| `clauses` | no |" in text and "| Clauses of the article. |" in text
    assert main(["schema", "article"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["properties"]["clauses"]["description"] == "Clauses of the article."
    assert schema["$defs"]["Clause"]["properties"]["points"]["description"]
