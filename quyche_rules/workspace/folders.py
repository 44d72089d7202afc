"""Folders written for the user: a consolidated regulation, published atomically (all of it or none).

A folder written by ``quyche amend`` carries a marker file (:data:`MARKER`) that records every file written
with its SHA-256 (:func:`with_marker`). A later run may replace the folder only when it still holds exactly
those files, unchanged (:func:`previous_output`): a file the user added or edited is never deleted.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path, PurePosixPath
from typing import Any

from quyche_rules.amend.dump import render_folder
from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text
from quyche_rules.loading import display_path
from quyche_rules.loading.reader import YamlProblem, read_bytes
from quyche_rules.model import Regulation

__all__ = [
    "MARKER", "dump_regulation", "paths_overlap", "previous_output", "publish_folder", "tree_files", "with_marker",
]

#: the file that marks a folder as written by ``quyche amend`` and records what it wrote
MARKER = ".quyche-amend.json"
_MARKER_MAX_BYTES = 4_000_000
_SHOWN = 10  # files named in a refusal; the rest are counted


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


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def with_marker(files: Mapping[str, bytes], info: Mapping[str, Any]) -> dict[str, bytes]:
    """Return ``files`` and the marker (:data:`MARKER`): ``info`` and the SHA-256 of every file, by path."""
    record = {**info, "files": {rel: _sha256(data) for rel, data in sorted(files.items())}}
    text = json.dumps(record, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return {**files, MARKER: text.encode("utf-8")}


def _recorded(out: Path) -> dict[str, str] | None:
    """Return the files the marker of ``out`` records (path -> SHA-256), or None when it records none."""
    try:
        data = json.loads(read_bytes(out / MARKER, max_bytes=_MARKER_MAX_BYTES).decode("utf-8"))
    except (YamlProblem, ValueError, RecursionError):
        return None
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or not files:
        return None
    for rel, digest in files.items():
        path = PurePosixPath(rel)
        if not isinstance(digest, str) or path.is_absolute() or ".." in path.parts or path.as_posix() != rel \
                or rel in (".", MARKER):
            return None
    return dict(files)


def _file_digest(path: Path) -> str | None:
    """Return the SHA-256 of the regular file ``path`` (not following a link), or None when it is not one."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        h = hashlib.sha256()
        while chunk := os.read(fd, 1 << 20):
            h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None
    finally:
        os.close(fd)


_CHANGED, _FOREIGN, _MISSING = "changed", "foreign", "missing"
_KINDS = {
    _CHANGED: Text.of("đã bị sửa", "changed since"),
    _FOREIGN: Text.of("không do quyche amend ghi", "not written by quyche amend"),
    _MISSING: Text.of("đã bị xóa", "removed since"),
}


def _differences(out: Path, recorded: Mapping[str, str]) -> dict[str, list[str]]:
    """Return what in ``out`` differs from ``recorded``, by kind: changed, not written by quyche amend, missing.

    Folders that hold no recorded file are named (``notes/``), not entered; links and special files are never
    followed or read.
    """
    found: dict[str, list[str]] = {_CHANGED: [], _FOREIGN: [], _MISSING: []}
    folders = {parent.as_posix() for rel in recorded for parent in PurePosixPath(rel).parents}
    seen: set[str] = set()
    for current, dirs, names in os.walk(out):
        base = PurePosixPath(Path(os.path.relpath(current, out)).as_posix())
        keep = []
        for name in sorted(dirs):
            rel = (base / name).as_posix()
            if os.path.islink(os.path.join(current, name)):
                found[_FOREIGN].append(rel)
            elif rel not in folders:
                found[_FOREIGN].append(rel + "/")
            else:
                keep.append(name)
        dirs[:] = keep
        for name in sorted(names):
            rel = (base / name).as_posix()
            if rel == MARKER:
                continue
            seen.add(rel)
            if rel not in recorded:
                found[_FOREIGN].append(rel)
            elif _file_digest(Path(current) / name) != recorded[rel]:
                found[_CHANGED].append(rel)
    found[_MISSING] = sorted(rel for rel in recorded if rel not in seen)
    return {kind: rels for kind, rels in found.items() if rels}


def _listing(differ: Mapping[str, list[str]]) -> Text:
    """Name the files that differ, by kind, at most :data:`_SHOWN` of them, the rest counted."""
    parts_vi: list[str] = []
    parts_en: list[str] = []
    shown = 0
    for kind, rels in differ.items():
        named = rels[: max(_SHOWN - shown, 0)]
        shown += len(named)
        more = len(rels) - len(named)
        if not named:
            parts_vi.append(f"{_KINDS[kind].vi}: {more} mục")
            parts_en.append(f"{_KINDS[kind].en}: {more} more")
            continue
        tail = (f" và {more} mục khác", f" and {more} more") if more else ("", "")
        parts_vi.append(f"{_KINDS[kind].vi}: {', '.join(named)}{tail[0]}")
        parts_en.append(f"{_KINDS[kind].en}: {', '.join(named)}{tail[1]}")
    if not parts_en:
        return Text.of("", "")
    return Text.of(" (" + "; ".join(parts_vi) + ")", " (" + "; ".join(parts_en) + ")")


def previous_output(out: Path) -> bool:
    """Decide whether ``quyche amend`` may write ``out``; return True when it replaces a previous output.

    ``out`` may be new or empty (False), or a previous output holding exactly the files its marker records,
    each with its recorded SHA-256, the marker aside (True).

    Raises:
        UsageError: ``out`` holds anything else (files added, changed or removed since, or no marker recording
            them), naming those files.
    """
    if not out.is_dir() or not any(out.iterdir()):
        return False
    shown = display_path(out)
    fix = Text.of(f"Chọn thư mục khác, hoặc tự xóa {shown} nếu chắc chắn không cần các tệp trong đó",
                  f"Choose another folder, or delete {shown} yourself if you are sure its files are not needed")
    expected = Text.of("một thư mục mới, trống, hoặc kết quả lần chạy trước với đúng các tệp nó đã ghi, không đổi",
                       "a new or empty folder, or the output of a previous run holding exactly the files it wrote, "
                       "unchanged")
    if not (out / MARKER).is_file():
        listing = _listing(_differences(out, {}))
        raise UsageError(
            Text.of(f"Thư mục {shown} không trống và không phải kết quả của quyche amend{listing.vi}; không ghi đè",
                    f"{shown} is not empty and was not written by quyche amend{listing.en}; refusing to "
                    "overwrite it"),
            expected=expected, fix=fix,
        )
    recorded = _recorded(out)
    if recorded is None:
        listing = _listing(_differences(out, {}))
        raise UsageError(
            Text.of(f"Tệp đánh dấu {MARKER} trong {shown} không ghi lại tệp nào quyche amend đã viết{listing.vi}; "
                    "không ghi đè",
                    f"The marker {MARKER} in {shown} records no file written by quyche amend{listing.en}; "
                    "refusing to overwrite it"),
            expected=expected, fix=fix,
        )
    differ = _differences(out, recorded)
    if differ:
        listing = _listing(differ)
        raise UsageError(
            Text.of(f"{shown} không còn đúng như quyche amend đã ghi{listing.vi}; không ghi đè",
                    f"{shown} is no longer what quyche amend wrote{listing.en}; refusing to overwrite it"),
            expected=expected, fix=fix,
        )
    return True
