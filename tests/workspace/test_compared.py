"""The earlier version of a comparison kept in the cache: read back only when nothing it depends on changed."""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quyche_rules import cachedir, cli
from quyche_rules.amend import compare
from quyche_rules.commands import versions
from tests.amend.test_cli import _git, needs_git
from tests.conftest import ROOT


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("ubdt-2017", "ubdt-2023"):
        shutil.copytree(ROOT / "rules" / name, tmp_path / "rules" / name)
    shutil.copy(ROOT / "fixtures" / "amendments" / "01-second-lead.yaml", tmp_path / "draft.yaml")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QUYCHE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUYCHE_NO_CACHE", raising=False)
    cachedir.secret.cache_clear()
    yield tmp_path
    cachedir.secret.cache_clear()


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The folders the comparisons load (a version read from the cache is not loaded)."""
    seen: list[str] = []
    real = versions.load_regulation

    def counted(folder: Path) -> Any:
        seen.append(folder.name)
        return real(folder)

    monkeypatch.setattr(versions, "load_regulation", counted)
    return seen


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = cli.main([*args, "--lang", "en"])
    out = capsys.readouterr().out
    return code, out


def _entries(repo: Path) -> list[Path]:
    return [p for p in (repo / "cache" / "v1").rglob("*") if p.is_file()]


DIFF = ("diff", "rules/ubdt-2017", "rules/ubdt-2023", "--format", "json")


def test_the_old_version_is_kept_then_read_back_with_the_same_output(
    repo: Path, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    plain = _run(capsys, *DIFF, "--no-cache")
    assert not _entries(repo) and loads == ["ubdt-2017", "ubdt-2023"]
    first = _run(capsys, *DIFF)
    assert len(_entries(repo)) == 1
    loads.clear()
    second = _run(capsys, *DIFF)
    assert loads == ["ubdt-2023"]  # the old version came from the cache
    assert plain == first == second and '"introduced"' in plain[1]


def test_an_edit_of_the_new_version_reuses_the_old_and_an_edit_of_the_old_does_not(
    repo: Path, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, *DIFF)
    article = next((repo / "rules" / "ubdt-2023" / "articles").glob("*.yaml"))
    article.write_text(article.read_text(encoding="utf-8").replace("text: ", "text: Sửa đổi, ", 1), encoding="utf-8")
    loads.clear()
    assert _run(capsys, *DIFF) == _run(capsys, *DIFF, "--no-cache")
    assert loads[0] == "ubdt-2023" and loads.count("ubdt-2017") == 1  # (only the run without the cache loaded it)
    old_file = repo / "rules" / "ubdt-2017" / "actors.yaml"
    old_file.write_text(old_file.read_text(encoding="utf-8").replace("Vụ Tổng hợp", "Vụ Tổng hợp mới", 1),
                        encoding="utf-8")
    loads.clear()
    assert _run(capsys, *DIFF) == _run(capsys, *DIFF, "--no-cache")
    assert loads.count("ubdt-2017") == 2  # checked again: its files changed


def test_another_day_or_selection_or_engine_is_another_entry(
    repo: Path, loads: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    _run(capsys, *DIFF)
    (repo / "selected.toml").write_text('select = ["QC1xx"]\n', encoding="utf-8")
    for extra in (("--on", "2024-06-01"), ("--engine", "reference"), ("--config", "selected.toml")):
        loads.clear()
        assert _run(capsys, *DIFF, *extra) == _run(capsys, *DIFF, *extra, "--no-cache")
        assert loads.count("ubdt-2017") == 2, extra
    assert len(_entries(repo)) == 4


def test_the_base_of_amendments_is_kept_and_its_check_read_back(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    args = ("diff", "rules/ubdt-2017", "draft.yaml", "--format", "json")
    first = _run(capsys, *args)
    assert len(_entries(repo)) == 1
    checked: list[str] = []
    real = compare.run_checks

    def counted(loaded: Any, **kw: Any) -> Any:
        checked.append(loaded.regulation.id)
        return real(loaded, **kw)

    monkeypatch.setattr(compare, "run_checks", counted)
    assert _run(capsys, *args) == first == _run(capsys, *args, "--no-cache") and first[0] == 1
    assert len(checked) == 3  # the consolidated version twice, the base once (without the cache)


def test_a_large_old_version_checked_beside_is_kept_by_that_process(
    repo: Path, loads: list[str], capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Beside this process, the child that checked the old version writes its entry after sending its findings."""
    monkeypatch.setattr(compare, "PARALLEL_ARTICLES", 1)
    first = _run(capsys, *DIFF)
    assert len(_entries(repo)) == 1  # written by the child, waited for by the command line
    loads.clear()
    assert _run(capsys, *DIFF) == first == _run(capsys, *DIFF, "--no-cache")
    assert loads.count("ubdt-2017") == 1


def test_no_cache_writes_nothing(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _run(capsys, *DIFF, "--no-cache")
    _run(capsys, "report", "rules/ubdt-2023", "--against", "rules/ubdt-2017", "--format", "markdown", "--no-cache")
    _run(capsys, "report", "rules/ubdt-2023", "--format", "markdown", "--no-cache")
    assert not (repo / "cache").exists()
    _run(capsys, "report", "rules/ubdt-2023", "--format", "markdown")
    assert len(_entries(repo)) == 1  # (a report on one regulation keeps its check, as quyche check does)


@needs_git
def test_a_git_revision_read_into_a_new_temporary_folder_each_time_is_not_kept(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _git(repo, "init", "-q")
    _git(repo, "add", "rules")
    _git(repo, "commit", "-q", "-m", "base")
    article = next((repo / "rules" / "ubdt-2023" / "articles").glob("*.yaml"))
    article.write_text(article.read_text(encoding="utf-8").replace("text: ", "text: Sửa đổi, ", 1), encoding="utf-8")
    args = ("diff", "--base", "HEAD", "rules/ubdt-2023", "--format", "json")
    assert _run(capsys, *args) == _run(capsys, *args, "--no-cache")
    assert not _entries(repo)


@pytest.mark.parametrize("seed", range(4))
def test_after_any_single_file_edit_of_either_version_the_diff_is_that_of_a_fresh_one(
    repo: Path, capsys: pytest.CaptureFixture[str], seed: int
) -> None:
    """An edit anywhere in either folder (a different file each time) is never answered by a stale old version."""
    _run(capsys, *DIFF)
    files = sorted((repo / "rules").rglob("*.yaml"))
    target = random.Random(seed).choice(files)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Vụ Tổng hợp", "Vụ Tổng hợp mới", 1) + "\n# sửa\n", encoding="utf-8")
    assert _run(capsys, *DIFF) == _run(capsys, *DIFF, "--no-cache")
