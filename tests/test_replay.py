"""The hook's fast path (quyche_rules.replay): an unchanged check is replayed byte for byte, anything changed runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

HOOK = ["check", "rules/ubdt-2017/articles/dieu-10.yaml", "--lang", "en"]
#: run the command as the console script does, and say on stderr whether the library stack was imported
_PROBE = ("import sys\nfrom quyche_rules.launch import main\ncode = main(sys.argv[1:])\n"
          "sys.stderr.write('\\nLOADED %s\\n' % ('pydantic' in sys.modules))\nsys.exit(code)\n")


def _run(cwd: Path, *args: str, cache: bool = True) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QUYCHE_NO_CACHE", "QUYCHE_CACHE_DIR")}
    if not cache:
        env["QUYCHE_NO_CACHE"] = "1"
    env["XDG_CACHE_HOME"] = str(cwd / "home-cache")
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-c", _PROBE, *args], cwd=cwd, capture_output=True, text=True,
                          encoding="utf-8", env=env, timeout=300)


def _loaded(proc: subprocess.CompletedProcess[str]) -> bool:
    return proc.stderr.rsplit("LOADED ", 1)[1].strip() == "True"


def _err(proc: subprocess.CompletedProcess[str]) -> str:
    return proc.stderr.rsplit("\nLOADED ", 1)[0]


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules" / "ubdt-2017", tmp_path / "rules" / "ubdt-2017")
    return tmp_path


def _outputs(repo: Path) -> list[Path]:
    return [p for p in (repo / ".quyche_cache" / "out").rglob("*") if p.is_file()]


def test_an_unchanged_hook_run_is_replayed_without_loading_the_tool(repo: Path) -> None:
    first = _run(repo, *HOOK)
    second = _run(repo, *HOOK)
    fresh = _run(repo, *HOOK, cache=False)
    assert first.returncode == second.returncode == fresh.returncode == 1
    assert first.stdout == second.stdout == fresh.stdout and "QC301" in first.stdout
    assert _err(first) == _err(second)
    assert _loaded(first) and not _loaded(second)  # the replay imported no pydantic, no checks, no regulation
    assert len(_outputs(repo)) == 1


def test_an_edit_to_any_file_of_the_regulation_is_checked_again(repo: Path) -> None:
    _run(repo, *HOOK)
    article = repo / "rules" / "ubdt-2017" / "articles" / "dieu-10.yaml"
    text = article.read_text(encoding="utf-8")
    other = repo / "rules" / "ubdt-2017" / "articles" / "dieu-11.yaml"
    other.write_text(other.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")  # another file of it
    assert _loaded(_run(repo, *HOOK))
    assert not _loaded(_run(repo, *HOOK))
    lead = "role: lead"
    assert lead in text
    article.write_text(text.replace(lead, "role: cooperate"), encoding="utf-8")
    edited = _run(repo, *HOOK)
    assert _loaded(edited) and edited.stdout == _run(repo, *HOOK, cache=False).stdout


def test_a_new_regulation_in_a_folder_named_is_checked(repo: Path) -> None:
    first = _run(repo, "check", "rules", "--lang", "en")
    shutil.copytree(ROOT / "rules" / "ubdt-2023", repo / "rules" / "ubdt-2023")
    second = _run(repo, "check", "rules", "--lang", "en")
    assert _loaded(second) and "2 regulations" in second.stdout and "1 regulation," in first.stdout


def test_a_configuration_file_that_appears_is_honoured(repo: Path) -> None:
    first = _run(repo, *HOOK)
    (repo / "quyche.toml").write_text('ignore = ["QC301"]\n', encoding="utf-8")
    second = _run(repo, *HOOK)
    assert "QC301" in first.stdout and "QC301" not in second.stdout and second.returncode == 0


def test_a_tampered_entry_is_ignored(repo: Path) -> None:
    first = _run(repo, *HOOK)
    (entry,) = _outputs(repo)
    body = entry.read_bytes()
    entry.write_bytes(body[:32] + body[32:].replace(b"QC301", b"QC999"))
    second = _run(repo, *HOOK)
    assert _loaded(second) and second.stdout == first.stdout


@pytest.mark.parametrize("extra", [["--no-cache"], ["-o", "out.txt"], ["--format", "json", "--output", "x.json"]])
def test_runs_that_write_files_or_skip_the_cache_are_not_recorded(repo: Path, extra: list[str]) -> None:
    _run(repo, *HOOK, *extra)
    assert not (repo / ".quyche_cache" / "out").exists()


def test_options_and_environment_are_part_of_the_key(repo: Path) -> None:
    english = _run(repo, *HOOK)
    vietnamese = _run(repo, *HOOK[:-2])
    assert _loaded(vietnamese) and "lỗi" in vietnamese.stdout and "error" in english.stdout
    assert len(_outputs(repo)) == 2


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True,
                   env={**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t", "GIT_COMMITTER_NAME": "t",
                        "GIT_COMMITTER_EMAIL": "t@t"})


@pytest.mark.skipif(shutil.which("git") is None, reason="git needed")
def test_the_pre_commit_hook_with_drafts_is_replayed_until_a_draft_appears_or_changes(repo: Path) -> None:
    """The shipped hook runs `quyche check --drafts FILE…`: the drafts found in the repository are inputs too."""
    hook = ["check", "--drafts", "rules/ubdt-2017/articles/dieu-10.yaml", "--lang", "en"]
    _git(repo, "init", "-q")
    _git(repo, "add", "rules")
    first = _run(repo, *hook)
    assert _loaded(first) and not _loaded(second := _run(repo, *hook)) and second.stdout == first.stdout
    (repo / "drafts").mkdir()
    draft = repo / "drafts" / "hai-chu-tri.yaml"
    shutil.copy(ROOT / "fixtures" / "amendments" / "01-second-lead.yaml", draft)
    untracked = _run(repo, *hook)  # a file git does not track is no draft of the repository's
    assert untracked.stdout == first.stdout
    _git(repo, "add", "drafts")
    found = _run(repo, *hook)
    assert _loaded(found) and "QC301" in found.stdout and found.stdout != first.stdout
    assert not _loaded(again := _run(repo, *hook)) and again.stdout == found.stdout
    draft.write_text(draft.read_text(encoding="utf-8") + "\n# sửa\n", encoding="utf-8")
    assert _loaded(_run(repo, *hook))
    assert found.stdout == _run(repo, *hook, cache=False).stdout
