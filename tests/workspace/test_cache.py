"""The cache of checked regulations: same findings with and without it, never trusted when foreign or stale."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT


def _check(cwd: Path, *args: str, cache: bool = True, fmt: str = "json") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in __import__("os").environ.items() if k != "QUYCHE_NO_CACHE"}
    if not cache:
        env["QUYCHE_NO_CACHE"] = "1"
    env["XDG_CACHE_HOME"] = str(cwd / "home-cache")
    env["NO_COLOR"] = "1"
    return subprocess.run([sys.executable, "-m", "quyche_rules", "check", *args, "--lang", "en", "--format", fmt],
                          cwd=cwd, capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "rules" / "ubdt-2017", tmp_path / "rules" / "ubdt-2017")
    return tmp_path


def _entries(repo: Path) -> list[Path]:
    return [p for p in (repo / ".quyche_cache" / "v1").rglob("*") if p.is_file()]


def test_a_second_run_is_answered_from_the_cache_with_the_same_output(repo: Path) -> None:
    first = _check(repo, "rules/ubdt-2017")
    assert len(_entries(repo)) == 1 and (repo / ".quyche_cache" / ".gitignore").read_text() == "*\n"
    second = _check(repo, "rules/ubdt-2017")
    plain = _check(repo, "rules/ubdt-2017", cache=False)
    assert first.stdout == second.stdout == plain.stdout and first.returncode == second.returncode == 1


def test_a_tampered_or_foreign_entry_is_ignored_and_recomputed(repo: Path) -> None:
    first = _check(repo, "rules/ubdt-2017")
    (entry,) = _entries(repo)
    entry.write_bytes(b"\0" * 32 + b"not a pickle of ours")
    assert _check(repo, "rules/ubdt-2017").stdout == first.stdout
    (entry,) = _entries(repo)
    entry.write_bytes(entry.read_bytes()[:-7])  # truncated
    assert _check(repo, "rules/ubdt-2017").stdout == first.stdout


def test_no_cache_writes_nothing(repo: Path) -> None:
    _check(repo, "rules/ubdt-2017", "--no-cache")
    assert not (repo / ".quyche_cache").exists()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(3))
def test_after_any_single_file_edit_the_findings_are_those_of_a_fresh_check(repo: Path, seed: int) -> None:
    """An edit anywhere in the folder (a different file each time) is never answered by the old entry."""
    _check(repo, "rules/ubdt-2017")
    files = sorted((repo / "rules" / "ubdt-2017").rglob("*.yaml"))
    target = random.Random(seed).choice(files)
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Vụ Tổng hợp", "Vụ Tổng hợp mới", 1) + "\n# sửa\n", encoding="utf-8")
    assert _check(repo, "rules/ubdt-2017").stdout == _check(repo, "rules/ubdt-2017", cache=False).stdout


def test_jobs_give_byte_identical_output(tmp_path: Path) -> None:
    for name in ("ubdt-2017", "ubdt-2023", "chinh-phu-2026"):
        shutil.copytree(ROOT / "rules" / name, tmp_path / "rules" / name)
    one = _check(tmp_path, "rules", "--jobs", "1", cache=False)
    two = _check(tmp_path, "rules", "--jobs", "2", cache=False)
    assert one.returncode == two.returncode and one.stdout == two.stdout and one.stdout


def test_a_check_run_from_inside_the_regulation_writes_no_cache_there(repo: Path) -> None:
    folder = repo / "rules" / "ubdt-2017"
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    assert _check(folder, ".").returncode == 1
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before


def test_an_entry_without_the_regulation_is_not_used_for_a_report(repo: Path) -> None:
    """A plain check keeps the findings only; a Markdown report, which draws from the regulation, checks again."""
    _check(repo, "rules/ubdt-2017")

    def markdown(*extra: str) -> str:
        out = _check(repo, "rules/ubdt-2017", *extra, fmt="markdown")
        assert out.returncode == 1, out.stderr
        return out.stdout

    first = markdown()
    assert "# " in first and first == markdown() == markdown("--no-cache")
    assert _check(repo, "rules/ubdt-2017").stdout == _check(repo, "rules/ubdt-2017", cache=False).stdout


def test_a_copy_elsewhere_or_another_working_directory_is_not_answered_with_the_other_files(repo: Path) -> None:
    """The entry of one folder names its files: a copy with the same bytes, or the same folder named from
    elsewhere, is checked again, so its findings name the files actually checked."""
    shutil.copytree(repo / "rules" / "ubdt-2017", repo / "copy" / "ubdt-2017")
    first = _check(repo, "rules/ubdt-2017")
    copy = _check(repo, "copy/ubdt-2017")
    assert "copy/ubdt-2017/articles/" in copy.stdout and "rules/ubdt-2017" not in copy.stdout
    assert copy.stdout == _check(repo, "copy/ubdt-2017", cache=False).stdout
    inside = _check(repo / "rules", "ubdt-2017")
    assert '"ubdt-2017/articles/' in inside.stdout and "rules/ubdt-2017" not in inside.stdout
    assert first.stdout.replace("rules/ubdt-2017", "ubdt-2017") == inside.stdout


def test_an_entry_made_without_durable_rules_is_not_read_once_it_is_installed(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Which engines ran is part of a result (``--verbose`` says it), and the entries are pickles of pydantic
    models: installing durable-rules, or another pydantic, is a miss, not the old answer."""
    import importlib.machinery
    import importlib.util

    from quyche_rules import cachedir, cli

    monkeypatch.chdir(repo)
    monkeypatch.setenv("QUYCHE_CACHE_DIR", str(repo / ".quyche_cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo / "home"))
    monkeypatch.delenv("QUYCHE_NO_CACHE", raising=False)
    real = importlib.util.find_spec
    absent: set[str] = {"durable"}
    elsewhere: dict[str, str] = {}

    def find_spec(name: str) -> importlib.machinery.ModuleSpec | None:
        if name in absent:
            return None
        if name in elsewhere:
            return importlib.machinery.ModuleSpec(name, None, origin=elsewhere[name])
        return real(name)

    monkeypatch.setattr(cachedir.importlib.util, "find_spec", find_spec)
    cachedir.secret.cache_clear()
    cachedir.tool_digest.cache_clear()
    try:
        first = cachedir.tool_digest()
        cli.main(["check", "rules/ubdt-2017", "--format", "json"])
        cli.main(["check", "rules/ubdt-2017", "--format", "json"])
        assert len(_entries(repo)) == 1
        absent.clear()  # durable-rules installed
        cachedir.tool_digest.cache_clear()
        assert cachedir.tool_digest() != first
        cli.main(["check", "rules/ubdt-2017", "--format", "json"])
        assert len(_entries(repo)) == 2
        other = repo / "site-packages" / "pydantic" / "__init__.py"
        other.parent.mkdir(parents=True)
        other.write_text("# another pydantic\n", encoding="utf-8")
        elsewhere["pydantic"] = str(other)  # another pydantic installed
        cachedir.tool_digest.cache_clear()
        cli.main(["check", "rules/ubdt-2017", "--format", "json"])
        assert len(_entries(repo)) == 3
    finally:
        monkeypatch.undo()
        cachedir.tool_digest.cache_clear()
        cachedir.secret.cache_clear()
    capsys.readouterr()
