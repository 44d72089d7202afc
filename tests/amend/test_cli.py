"""``quyche amend`` and ``quyche diff`` end to end: safe, atomic outputs; exit codes; git revisions."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from quyche_rules.cli import main
from quyche_rules.loading import load_regulation
from tests.amend.helpers import SMALL
from tests.conftest import tree_digest

GOOD = """\
amendment:
  {id: sd-1, amends: mau-sua-doi, instrument: {number: 2/QĐ-MAU, date: 2024-02-01}, effective: 2024-03-01}
operations:
  - rename: {actor: trung-tam-x, to: {id: trung-tam-y, name: Trung tâm Y}, takes_over: all}
  - replace_phrase: {from: Trung tâm X, to: Trung tâm Y, count: 4}
"""
BAD = """\
amendment:
  {id: sd-2, amends: mau-sua-doi, instrument: {number: 3/QĐ-MAU, date: 2024-02-01}, effective: 2024-04-01}
operations:
  - amend: khoản 1 Điều 1
    with:
      norms: [{coordination: {lead: vu-a, cooperating: [vu-b], task: ke-hoach-nam}}]
  - repeal: khoản 9 Điều 1
"""


@pytest.fixture
def base(tmp_path: Path) -> Path:
    folder = tmp_path / "base"
    shutil.copytree(SMALL, folder)
    return folder


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_amend_writes_the_consolidated_folder_and_never_touches_the_base(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = tree_digest(base)
    out = tmp_path / "out"
    assert (
        main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out), "--lang", "en"])
        == 0
    )
    assert tree_digest(base) == before
    assert "Wrote" in capsys.readouterr().out
    reg = load_regulation(out).regulation
    assert reg.actor_by_id["trung-tam-y"].name == "Trung tâm Y"
    assert reg.meta.effective.isoformat() == "2024-03-01"
    assert "text: Trung tâm Y chủ trì" in (out / "articles" / "dieu-02.yaml").read_text(encoding="utf-8")
    head = (out / "regulation.yaml").read_text(encoding="utf-8").splitlines()[:6]
    assert any("2/QĐ-MAU (sd-1)" in line for line in head)
    assert json.loads((out / ".quyche-amend.json").read_text(encoding="utf-8"))["amendments"] == ["sd-1"]


def test_amend_reports_operation_findings_and_exits_1(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["amend", str(base), str(write(tmp_path, "bad.yaml", BAD)), "-o", str(tmp_path / "out")])
    output = capsys.readouterr().out
    assert code == 1
    assert "QC601" in output and "bad.yaml:7:" in output
    assert (tmp_path / "out" / "regulation.yaml").is_file()


def test_amend_carries_the_regulation_checks_file_over(base: Path, tmp_path: Path) -> None:
    (base / "checks.yaml").write_text("checks: []\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out)]) == 0
    assert (out / "checks.yaml").read_bytes() == (base / "checks.yaml").read_bytes()


def test_amend_on_a_date_leaves_later_amendments_out(base: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = [
        "amend",
        str(base),
        str(write(tmp_path, "good.yaml", GOOD)),
        str(write(tmp_path, "bad.yaml", BAD)),
        "-o",
        str(out),
        "--on",
        "2024-03-15",
    ]
    assert main(args) == 0
    marker = json.loads((out / ".quyche-amend.json").read_text(encoding="utf-8"))
    assert (marker["amendments"], marker["pending"]) == (["sd-1"], ["sd-2"])


@pytest.mark.parametrize("where", ["same", "inside", "around"])
def test_amend_refuses_to_write_into_the_base(
    base: Path, tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    am = write(tmp_path, "good.yaml", GOOD)
    before = tree_digest(tmp_path)
    out = {"same": base, "inside": base / "out", "around": tmp_path}[where]
    assert main(["amend", str(base), str(am), "-o", str(out), "--lang", "en"]) == 2
    assert "base folder" in capsys.readouterr().err
    assert tree_digest(tmp_path) == before


def test_amend_refuses_a_non_empty_folder_it_did_not_write(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "notes"
    out.mkdir()
    (out / "keep.txt").write_text("mine", encoding="utf-8")
    assert (
        main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out), "--lang", "en"])
        == 2
    )
    err = capsys.readouterr().err
    assert "refusing to overwrite" in err and "fix:" in err
    assert sorted(p.name for p in out.iterdir()) == ["keep.txt"]


def test_amend_replaces_its_own_previous_output_atomically(base: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (base / "checks.yaml").write_text("checks: []\n", encoding="utf-8")
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out)]) == 0
    assert (out / "checks.yaml").is_file()
    (base / "checks.yaml").unlink()  # the next output has no checks.yaml: the folder is replaced, not merged
    assert main(["amend", str(base), str(write(tmp_path, "bad.yaml", BAD)), "-o", str(out)]) == 1
    assert not (out / "checks.yaml").exists()
    assert "trung-tam-y" not in load_regulation(out).regulation.actor_by_id
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


def test_the_marker_records_every_file_written_with_its_sha256(base: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    (base / "checks.yaml").write_text("checks: []\n", encoding="utf-8")
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out)]) == 0
    recorded = json.loads((out / ".quyche-amend.json").read_text(encoding="utf-8"))["files"]
    written = {p.relative_to(out).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
               for p in out.rglob("*") if p.is_file() and p.name != ".quyche-amend.json"}
    assert recorded == written and "checks.yaml" in written and "articles/dieu-01.yaml" in written


def _previous_output(base: Path, tmp_path: Path) -> Path:
    out = tmp_path / "out"
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out)]) == 0
    return out


@pytest.mark.parametrize("change", ["added", "edited", "removed", "folder added", "linked", "marker emptied"])
def test_amend_replaces_a_previous_output_only_if_it_holds_exactly_what_it_wrote(
    base: Path, tmp_path: Path, change: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = _previous_output(base, tmp_path)
    named = {
        "added": "not written by quyche amend: my-notes.txt",
        "edited": "changed since: articles/dieu-01.yaml",
        "removed": "removed since: tasks.yaml",
        "folder added": "not written by quyche amend: notes/",
        "linked": "not written by quyche amend: articles/link.yaml",
        "marker emptied": "records no file written by quyche amend (not written by quyche amend: articles/, ",
    }[change]
    if change == "added":
        (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    elif change == "edited":
        with open(out / "articles" / "dieu-01.yaml", "a", encoding="utf-8") as handle:
            handle.write("# my comment\n")
    elif change == "removed":
        (out / "tasks.yaml").unlink()
    elif change == "folder added":
        (out / "notes").mkdir()
        (out / "notes" / "a.txt").write_text("mine", encoding="utf-8")
    elif change == "linked":
        (out / "articles" / "link.yaml").symlink_to(out / "articles" / "dieu-01.yaml")
    else:
        (out / ".quyche-amend.json").write_text("{}", encoding="utf-8")
    before = tree_digest(tmp_path)
    capsys.readouterr()
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert named in err and "refusing to overwrite" in err, err
    assert f"delete {out} yourself" in err and "Choose another folder" in err
    assert tree_digest(tmp_path) == before


def test_a_folder_with_an_empty_marker_and_a_users_notes_is_kept(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / ".quyche-amend.json").write_text("{}", encoding="utf-8")
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out), "--lang", "en"]) == 2
    assert "my-notes.txt" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == [".quyche-amend.json", "my-notes.txt"]
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize("where", ["another regulation's articles", "holding a regulation", "standard output"])
def test_amend_refuses_a_folder_inside_or_holding_a_regulation(
    base: Path, tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "khac" / "other"
    shutil.copytree(SMALL, other)
    am = write(tmp_path, "good.yaml", GOOD)
    out, named = {
        "another regulation's articles": (other / "articles" / "hop-nhat", f"inside the regulation folder {other}"),
        "holding a regulation": (tmp_path / "khac", f"holds the regulation folder {other}"),
        "standard output": (Path("-"), "needs a folder"),
    }[where]
    before = tree_digest(tmp_path)
    assert main(["amend", str(base), str(am), "-o", str(out), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert named in err and "fix:" in err, err
    assert tree_digest(tmp_path) == before


def test_amend_refuses_a_folder_holding_its_configuration(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    config = write(out, "quyche.toml", 'fail-on = "error"\n')
    assert main(["amend", str(base), str(write(tmp_path, "good.yaml", GOOD)), "-o", str(out), "--config",
                 str(config), "--lang", "en"]) == 2
    assert f"holds the input file {config}" in capsys.readouterr().err
    assert sorted(p.name for p in out.iterdir()) == ["quyche.toml"]


def test_amend_with_an_unreadable_amendment_writes_nothing(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "broken.yaml", "amendment: {id: x\n")
    assert main(["amend", str(base), str(bad), "-o", str(tmp_path / "out")]) == 1
    assert "broken.yaml:2:1  lỗi  QC001" in capsys.readouterr().out  # reported like any finding
    assert not (tmp_path / "out").exists()


def test_diff_against_amendment_files_exits_1_for_introduced_findings(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    assert main(["diff", str(base), str(bad), "--engine", "reference", "--lang", "en"]) == 1
    text = capsys.readouterr().out
    assert "Introduced findings" in text and "QC601" in text and "QC204" in text
    assert "Introduced: 1 errors, 1 warnings" in text
    assert main(["diff", str(base), str(write(tmp_path, "good.yaml", GOOD)), "--engine", "reference"]) == 0
    text = capsys.readouterr().out
    assert "Trung tâm X (không còn từ 01/03/2024; kế thừa: Trung tâm Y)" in text
    assert "→ Trung tâm Y: chủ trì «Vận hành hệ thống quản lý văn bản» (khoản 1 Điều 2)" in text


def test_diff_between_two_folders_in_json_with_fail_on(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    new = tmp_path / "new"
    shutil.copytree(base, new)
    article = new / "articles" / "dieu-01.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            ", response_deadline: {working_days: 5}, silence: agree", ""
        ),
        encoding="utf-8",
    )
    assert (
        main(["diff", str(base), str(new), "--engine", "reference", "--format", "json", "--lang", "en"]) == 1
    )
    doc = json.loads(capsys.readouterr().out)
    (comparison,) = doc["comparisons"]
    assert [f["code"] for f in comparison["findings"]["introduced"]] == ["QC204"]
    changed = {c["actor"]: c for c in comparison["responsibilities"]}
    assert (
        changed["vu-a"]["changed"][0]["description"]
        == "leads the coordination of «Xây dựng kế hoạch công tác năm»"
    )
    assert main(["diff", str(base), str(new), "--engine", "reference", "--fail-on", "error"]) == 0
    capsys.readouterr()
    assert main(["diff", str(base), str(base), "--engine", "reference", "--format", "json"]) == 0
    same = json.loads(capsys.readouterr().out)["comparisons"][0]
    assert same["responsibilities"] == [] and same["findings"]["introduced"] == []


def test_diff_output_is_deterministic(base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write(tmp_path, "bad.yaml", BAD)
    outputs = []
    for _ in range(2):
        main(["diff", str(base), str(bad), "--engine", "reference", "--format", "json"])
        outputs.append(capsys.readouterr().out)
    assert outputs[0] == outputs[1]


def test_diff_needs_two_versions(base: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(base)]) == 2
    assert "quyche diff" in capsys.readouterr().err


def _git(repo: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_SYSTEM": os.devnull,
    }
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, env=env)


needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git not installed")


@needs_git
def test_diff_base_reads_the_old_version_from_git(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    folder = repo / "rules" / "mau"
    shutil.copytree(SMALL, folder)
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "base")
    article = folder / "articles" / "dieu-01.yaml"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            ", response_deadline: {working_days: 5}, silence: agree", ""
        ),
        encoding="utf-8",
    )
    _git(repo, "commit", "-q", "-am", "drop the deadline")
    monkeypatch.chdir(repo)
    assert main(["diff", "--base", "HEAD~1", "--engine", "reference", "--lang", "en"]) == 1
    text = capsys.readouterr().out
    assert "@ HEAD~1" in text and "QC204" in text
    assert main(["diff", "--base", "HEAD", str(folder), "--engine", "reference"]) == 0
    assert "(không có)" in capsys.readouterr().out
    assert main(["diff", "--base", "no-such-branch", "--lang", "en"]) == 2
    assert "Unknown git revision 'no-such-branch'" in capsys.readouterr().err


@needs_git
def test_diff_base_outside_a_repository_says_so(
    base: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["diff", "--base", "HEAD~1", str(base), "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "is not in a git repository" in err and "quyche diff OLD NEW" in err
