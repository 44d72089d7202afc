"""What ``quyche check`` takes for a draft: a file the reader reads with a top-level ``amendment`` key, however written.

A draft saved by Windows Notepad (a byte-order mark, CRLF line ends) or written with its keys quoted is read by
``quyche diff``; ``quyche check`` must recognise it too, named or found by ``--drafts``, and report what it
introduces, never skip it in silence.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.commands.inputs import named_inputs, repository_drafts
from quyche_rules.errors import UsageError
from quyche_rules.loading.reader import parse_yaml
from tests.conftest import FIXTURES, MINIMAL

#: Vụ B given the lead of a task Vụ A leads (QC301), with a BOM, CRLF line ends and quoted keys
NOTEPAD = FIXTURES / "drafts" / "notepad-second-lead.yaml"


def _plain() -> bytes:
    """Return the Notepad draft as an editor on Linux writes it: no BOM, LF, keys unquoted."""
    data = NOTEPAD.read_bytes().removeprefix(b"\xef\xbb\xbf").replace(b"\r\n", b"\n")
    return data.replace(b'"amendment":', b"amendment:").replace(b'"operations":', b"operations:")


def _json(data: bytes) -> bytes:
    """Return the draft written as JSON (a flow mapping), its dates as strings."""
    return json.dumps(parse_yaml(data).data, default=str, ensure_ascii=False).encode("utf-8")


#: ways of writing the same draft that the reader reads with a top-level ``amendment`` key
SPELLINGS: dict[str, Callable[[bytes], bytes]] = {
    "plain": lambda d: d,
    "bom": lambda d: b"\xef\xbb\xbf" + d.split(b"\n", 1)[1],  # the key first, right after the mark
    "crlf": lambda d: d.replace(b"\n", b"\r\n"),
    "double-quoted": lambda d: d.replace(b"amendment:", b'"amendment":'),
    "single-quoted": lambda d: d.replace(b"amendment:", b"'amendment':"),
    "bom-crlf-quoted": lambda d: b"\xef\xbb\xbf" + d.replace(b"amendment:", b'"amendment":').replace(b"\n", b"\r\n"),
    "document-start": lambda d: b"%YAML 1.1\n---\n\n# nh\xc3\xa1p\n" + d,
    "json": _json,
    "escaped": lambda d: d.replace(b"amendment:", b'"\\x61mendment":'),
    "tagged": lambda d: d.replace(b"amendment:", b"!!str amendment:"),
    "explicit-key": lambda d: d.replace(b"amendment:", b"? amendment\n:"),
    "indented": lambda d: b"".join(b"  " + line for line in d.splitlines(keepends=True)),
    "not-first": lambda d: d[d.index(b"operations:"):] + d[d.index(b"amendment:"):d.index(b"operations:")],
}


@pytest.mark.parametrize("spelling", SPELLINGS)
def test_every_spelling_the_reader_reads_is_a_draft(spelling: str, tmp_path: Path) -> None:
    draft = tmp_path / "drafts" / "x.yaml"
    draft.parent.mkdir()
    draft.write_bytes(SPELLINGS[spelling](_plain()))
    named = named_inputs([draft])
    assert [(d.path, d.amends) for d in named.drafts] == [(draft, "mau-toi-thieu")]
    assert [(d.path.name, d.amends) for d in repository_drafts(tmp_path)] == [("x.yaml", "mau-toi-thieu")]


@pytest.mark.parametrize("text", [
    b"# amendment: not a key\njobs: {test: {runs-on: ubuntu-latest}}\n",  # the word, in a comment
    b"name: amendment\nsteps: ['amendment: x']\n",  # in values
    b"\xef\xbb\xbfjobs:\n  amendment:\n    id: x\n",  # a key, but not a top-level one
    b"- amendment: {id: x}\n",  # a list's item
    b'path: "C:\\\\amendments"\n',  # an escape: parsed, and still no amendment key
])
def test_a_file_without_a_top_level_amendment_key_is_no_draft(text: bytes, tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_bytes(text)
    assert repository_drafts(tmp_path) == []
    with pytest.raises(UsageError):
        named_inputs([other])


@pytest.mark.parametrize("text", [
    b"\xef\xbb\xbf# nh\xc3\xa1p\r\n\"amendment\":\r\n  id: x\r\n  amends: [\r\n",
    b"---\n'amendment':\n  id: x\n  amends: [\n",
    b"{amendment: {id: x, amends: [}\n",
])
def test_a_broken_draft_is_still_a_draft_when_its_first_key_is_amendment(text: bytes, tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(text)
    assert [(d.path, d.amends) for d in named_inputs([broken]).drafts] == [(broken, None)]


def test_a_broken_file_mentioning_amendment_elsewhere_is_neither(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_bytes(b"jobs:\n  amendment: [\n")
    with pytest.raises(UsageError):
        named_inputs([broken])


@pytest.fixture
def workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A rules repository (not a git one): rules/minimal and the Notepad draft in drafts/."""
    shutil.copytree(MINIMAL, tmp_path / "rules" / "minimal")
    (tmp_path / "drafts").mkdir()
    shutil.copy(NOTEPAD, tmp_path / "drafts" / "notepad.yaml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _codes(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main([*argv, "--engine", "reference", "--format", "sarif"])
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    return code, sorted(r["ruleId"] for r in results if r.get("baselineState", "new") == "new")


@pytest.mark.usefixtures("workspace")
def test_check_drafts_check_named_and_diff_agree_on_a_notepad_draft(capsys: pytest.CaptureFixture[str]) -> None:
    draft = "drafts/notepad.yaml"
    diff = _codes(capsys, "diff", "rules/minimal", draft)
    assert diff[0] == 1 and "QC301" in diff[1]
    assert _codes(capsys, "check", "--drafts") == diff
    assert _codes(capsys, "check", "rules/minimal", draft) == diff
    assert _codes(capsys, "check", draft) == diff
    assert main(["check", "--drafts", "--engine", "reference"]) == 1
    assert "Dự thảo drafts/notepad.yaml → rules/minimal: phát sinh" in capsys.readouterr().out
