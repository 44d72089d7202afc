"""The tool's own catalogues kept in the cache folder: read back when signed by this user, else made again."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quyche_rules import cachedir, memo
from tests.conftest import ROOT
from tests.workspace.test_cache import _check


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("QUYCHE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("QUYCHE_NO_CACHE", raising=False)
    cachedir.secret.cache_clear()
    yield tmp_path / "cache"
    cachedir.secret.cache_clear()


def _entries(cache: Path) -> list[Path]:
    return sorted(p for p in (cache / "memo").glob("*") if p.is_file())


def test_kept_once_then_read_back(cache: Path) -> None:
    made: list[int] = []

    def make() -> dict[str, int]:
        made.append(1)
        return {"a": 1}

    with memo.enabled_for([]):
        assert memo.kept("thing", make) == {"a": 1}
        assert memo.kept("thing", make) == {"a": 1}
        assert memo.kept("thing", make, extra=b"another library version") == {"a": 1}
    assert len(made) == 2 and len(_entries(cache)) == 2


def test_nothing_kept_unless_enabled(cache: Path) -> None:
    assert memo.kept("thing", lambda: 1) == 1
    assert not cache.exists()


@pytest.mark.parametrize("damage", ["tampered", "truncated", "foreign", "not ours to unpickle"])
def test_a_damaged_or_foreign_entry_is_made_again(cache: Path, tmp_path: Path, damage: str) -> None:
    with memo.enabled_for([]):
        memo.kept("thing", lambda: "old")
        (entry,) = _entries(cache)
        blob = entry.read_bytes()
        if damage == "tampered":
            entry.write_bytes(blob[:40] + b"x" + blob[41:])
        elif damage == "truncated":
            entry.write_bytes(blob[:-3])
        elif damage == "foreign":  # signed with another user's key
            (tmp_path / "home" / "quyche" / "key").write_bytes(os.urandom(32))
            cachedir.secret.cache_clear()
        else:  # signed, but not a pickle this version can read
            import hashlib
            import hmac
            entry.write_bytes(hmac.new(cachedir.secret(), b"junk", hashlib.sha256).digest() + b"junk")
        assert memo.kept("thing", lambda: "new") == "new"


def test_never_kept_inside_a_regulation_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "reg"
    shutil.copytree(ROOT / "rules" / "ubdt-2017", folder)
    monkeypatch.setenv("QUYCHE_CACHE_DIR", str(folder / "articles" / ".cache"))
    with memo.enabled_for([]):
        memo.kept("thing", lambda: 1)
    monkeypatch.setenv("QUYCHE_CACHE_DIR", str(tmp_path / "elsewhere" / ".cache"))
    with memo.enabled_for([tmp_path / "elsewhere"]):  # a folder the command reads
        memo.kept("thing", lambda: 1)
    assert not (folder / "articles" / ".cache").exists() and not (tmp_path / "elsewhere").exists()


def test_a_check_keeps_the_catalogues_and_reads_them_back(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules" / "ubdt-2017", tmp_path / "rules" / "ubdt-2017")
    first = _check(tmp_path, "rules/ubdt-2017")
    kept = sorted(p.name.split("-")[0] for p in (tmp_path / ".quyche_cache" / "memo").glob("*"))
    assert kept == ["checks", "law"]
    shutil.rmtree(tmp_path / ".quyche_cache" / "v1")  # the regulation checked again, the catalogues read back
    again = _check(tmp_path, "rules/ubdt-2017")
    plain = _check(tmp_path, "rules/ubdt-2017", "--no-cache")
    assert first.stdout == again.stdout == plain.stdout and first.returncode == again.returncode == 1


def test_no_cache_keeps_nothing(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "rules" / "ubdt-2017", tmp_path / "rules" / "ubdt-2017")
    _check(tmp_path, "rules/ubdt-2017", "--no-cache")
    assert not (tmp_path / ".quyche_cache").exists()
