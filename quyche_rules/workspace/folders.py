"""Folders written for the user: a consolidated regulation, published atomically (all of it or none)."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from quyche_rules.amend.dump import render_folder
from quyche_rules.model import Regulation

__all__ = ["dump_regulation", "paths_overlap", "publish_folder", "tree_files"]


def _write_files(folder: Path, files: Mapping[str, bytes]) -> None:
    for rel, data in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())


def dump_regulation(reg: Regulation, folder: Path, *, header: Sequence[str] = ()) -> None:
    """Write ``reg`` into ``folder`` (created if needed); not atomic, see :func:`publish_folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    _write_files(folder, render_folder(reg, destination=folder, header=header))


def publish_folder(files: Mapping[str, bytes], out: Path, *, replace: bool) -> None:
    """Write ``files`` into a temporary folder beside ``out``, then rename it to ``out``.

    Readers see the old folder or the new one, never a mix: when ``out`` exists (an empty folder, or a
    previous output and ``replace`` is true) it is first moved aside, then the new folder is renamed in and
    the old one removed; on any failure the old folder is put back.
    """
    out = Path(os.path.abspath(out))
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes 0700; the output is an ordinary folder
    aside: Path | None = None
    try:
        _write_files(tmp, files)
        if out.exists():
            if not replace and any(out.iterdir()):
                raise FileExistsError(str(out))
            aside = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".old", dir=out.parent))
            os.rmdir(aside)
            os.rename(out, aside)
        os.rename(tmp, out)
    except BaseException:
        if aside is not None and not out.exists():
            os.rename(aside, out)
            aside = None
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


def paths_overlap(a: Path, b: Path) -> bool:
    """Return True when ``a`` and ``b`` are the same folder or one lies inside the other."""
    ra, rb = a.resolve(), b.resolve()
    return ra == rb or ra.is_relative_to(rb) or rb.is_relative_to(ra)


def tree_files(folder: Path) -> Iterable[Path]:
    """Yield the files below ``folder``, sorted."""
    return sorted(p for p in folder.rglob("*") if p.is_file())
