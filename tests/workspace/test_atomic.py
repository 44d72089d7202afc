"""One output file: a regular file is replaced atomically; a device or a pipe is written in place, never replaced."""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from quyche_rules.errors import UsageError
from quyche_rules.workspace.atomic import write_atomic

DEV_NULL = Path("/dev/null")
DEV_FULL = Path("/dev/full")


def _kind(path: Path) -> str:
    mode = os.lstat(path).st_mode
    return "chr" if stat.S_ISCHR(mode) else "fifo" if stat.S_ISFIFO(mode) else "reg" if stat.S_ISREG(mode) else "?"


@pytest.mark.skipif(not DEV_NULL.exists(), reason="no /dev/null")
def test_dev_null_stays_a_device(tmp_path: Path) -> None:
    before = os.stat(DEV_NULL)
    write_atomic(DEV_NULL, "x" * 10_000)
    after = os.stat(DEV_NULL)
    assert _kind(DEV_NULL) == "chr"
    assert (after.st_rdev, after.st_ino, after.st_mode) == (before.st_rdev, before.st_ino, before.st_mode)
    assert not [p for p in DEV_NULL.parent.iterdir() if p.name.startswith(".null.")]  # no temporary beside it


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full")
def test_dev_full_is_a_diagnostic_and_stays_a_device() -> None:
    with pytest.raises(UsageError, match="no space left on the disk") as refused:
        write_atomic(DEV_FULL, "x")
    assert "hết chỗ trống trên đĩa" in refused.value.what.vi  # the system's words, in both languages
    assert _kind(DEV_FULL) == "chr"


def test_a_fifo_is_written_directly_with_no_temporary_and_no_rename(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[bytes] = []

    def read() -> None:
        with open(fifo, "rb") as handle:  # the reading end, so that the write does not block
            received.append(handle.read())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    write_atomic(fifo, "báo cáo\n" * 20_000)  # more than a pipe's buffer: written through, not staged
    reader.join(timeout=30)
    assert not reader.is_alive()
    assert received == [("báo cáo\n" * 20_000).encode("utf-8")]
    assert _kind(fifo) == "fifo"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    folder = tmp_path / "bao-cao"
    folder.mkdir()
    with pytest.raises(UsageError) as caught:
        write_atomic(folder, "x")
    assert "is a folder" in caught.value.what.en and caught.value.fix is not None
    assert folder.is_dir() and list(folder.iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bao-cao"]


def test_a_link_to_a_regular_file_is_followed_and_the_link_stays(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    write_atomic(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert real.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.json", "real.json"]


def test_a_regular_file_is_still_replaced_atomically(tmp_path: Path) -> None:
    target = tmp_path / "bao-cao.json"
    target.write_text("old", encoding="utf-8")
    inode = target.stat().st_ino
    write_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert target.stat().st_ino != inode  # a new file renamed into place, not the old one rewritten
