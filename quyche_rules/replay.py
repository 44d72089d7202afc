"""The hook's fast path: replay the output of a ``quyche check`` that nothing it read has changed since.

A check whose output went to a pipe (the pre-commit hook, CI, a script) is recorded with what it read: the
content of every regulation folder checked, the names under every folder named on the command line (a new
regulation is a change), each file named, and every configuration file it looked for on the way up (present
or absent). The same command, from the same folder, with the same environment, tool and day, whose inputs all
still match, prints the recorded output and exits with the recorded code, without loading Python's libraries
or the regulation: this module imports only the standard library.

Entries are JSON signed with the user's key (:mod:`quyche_rules.cachedir`); a corrupt, foreign or stale entry is
ignored.
Nothing is recorded for a run that writes a file or reads a baseline, or prints to a terminal (its summary
line shows the time taken), nor when the tool's cache is off (``--no-cache``, ``QUYCHE_NO_CACHE``). A run with
drafts (``--drafts``, the pre-commit hook) also depends on every YAML file under the working directory and on
git's index (a draft added, removed or staged).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from quyche_rules.cachedir import cache_dir, cache_on, read_signed, tool_digest, tree_digest, write_signed

__all__ = ["SKIPPED_FOLDERS", "depend", "lookup", "record", "replay", "walked_yaml"]

_VERSION = b"quyche-replay-1"
#: options that make a run write something, read more than its regulations, or never use the cache
_NOT_REPLAYED = ("--no-cache", "-o", "--output", "--write-baseline", "--baseline", "-h", "--help", "--open")
#: folders a search for YAML files never enters (besides hidden ones): environments and caches
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
#: the environment a check's output depends on (language, colour, CI annotations, configuration, the cache)
_ENV = ("QUYCHE_", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "GITHUB_ACTIONS", "TERM", "XDG_CACHE_HOME", "HOME")
#: the dependencies :func:`depend` registered for the running command (None: the run is not recorded)
_DEPENDS: list[list[str]] | None = None


def walked_yaml(top: Path) -> Iterator[Path]:
    """Yield the YAML files under ``top``, hidden folders and environments left out, in a stable order."""
    for folder, subfolders, files in os.walk(top):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith(".") and d not in SKIPPED_FOLDERS)
        yield from (Path(folder) / f for f in sorted(files) if f.endswith((".yaml", ".yml")))


def _state(kind: str, path: Path) -> str | None:
    """Return the state of a dependency now: a digest, "-" for a file that is absent; None when unreadable.

    ``file``: its bytes; ``tree``: the names and bytes of everything under a folder; ``names``: the names only;
    ``yaml``: the names and bytes of the YAML files a search for drafts reads (:func:`walked_yaml`).
    """
    try:
        if kind == "file":
            return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "-"
        if kind == "yaml":
            digest = hashlib.sha256()
            for item in walked_yaml(path):
                digest.update(str(item).encode("utf-8", "surrogateescape") + b"\0")
                digest.update(hashlib.sha256(item.read_bytes()).digest() if item.is_file() else b"-")
            return digest.hexdigest()
        return tree_digest(path, names_only=kind == "names")
    except OSError:
        return None


def _config_chain(start_at: Path) -> list[list[str]]:
    """Return the configuration files looked for from ``start_at`` up to the root (present or absent)."""
    start = Path(os.path.abspath(start_at))
    start = start.parent if start.is_file() else start
    return [["file", str(folder / name)] for folder in (start, *start.parents)
            for name in ("quyche.toml", "pyproject.toml")]


def depend(*, folders: Iterable[Path], named: Iterable[Path], config_from: Path | None,
           config: Path | None = None, drafts: Iterable[Path] | None = None) -> None:
    """Register what the running check read: its regulation folders, the paths named, its configuration.

    ``drafts`` (a run with drafts): the drafts read, each with the configuration looked for from it; a search
    for drafts reads every YAML file under the working directory (git's list of them: its index).
    """
    global _DEPENDS
    deps = [["tree", os.path.abspath(f)] for f in folders]
    for path in named:
        deps.append(["names" if path.is_dir() else "file", os.path.abspath(path)])
    if config is not None:
        deps.append(["file", os.path.abspath(config)])
    else:
        for start in [*([config_from] if config_from is not None else []), *(drafts or ())]:
            deps += [d for d in _config_chain(start) if d not in deps]
    if drafts is not None:
        deps += [["file", os.path.abspath(d)] for d in drafts]
        deps.append(["yaml", os.getcwd()])
        git = next((f / ".git" for f in (Path.cwd(), *Path.cwd().parents) if (f / ".git").exists()), None)
        if git is not None and not git.is_dir():
            _DEPENDS = None  # a worktree or submodule: its index lies elsewhere, not recorded
            return
        if git is not None:
            deps.append(["file", str(git / "index")])  # which files git tracks: a draft added or removed
    _DEPENDS = deps


def lookup(argv: Sequence[str]) -> str | None:
    """Return the key of a command whose output may be replayed, else None (and forget the last run's inputs)."""
    global _DEPENDS
    _DEPENDS = None
    if not argv or argv[0] != "check" or not cache_on() or sys.stdout.isatty():
        return None
    if any(a == opt or a.startswith(opt + "=") or (opt == "-o" and a.startswith("-o")) for a in argv
           for opt in _NOT_REPLAYED):
        return None
    try:
        cwd = os.getcwd()
    except OSError:  # the working directory was removed: nothing to key a replay on, the tool says the rest
        return None
    context = {"argv": list(argv), "cwd": cwd, "day": dt.date.today().isoformat(),
               "tty": [sys.stderr.isatty()], "env": sorted((k, v) for k, v in os.environ.items()
                                                         if k.startswith(_ENV))}
    blob = json.dumps(context, ensure_ascii=False).encode("utf-8", "surrogateescape")
    return hashlib.sha256(_VERSION + tool_digest() + blob).hexdigest()


def _path(key: str) -> Path:
    return cache_dir() / "out" / key[:2] / key


def replay(key: str) -> int | None:
    """Print the recorded output of ``key`` and return its exit code; None when there is none, or it is stale."""
    body = read_signed(_path(key))
    if body is None:
        return None
    try:
        entry = json.loads(body)
        deps, out, err, code = entry["deps"], entry["out"], entry["err"], entry["code"]
    except (ValueError, KeyError, TypeError):
        return None
    if not all(_state(kind, Path(path)) == state for kind, path, state in deps):
        return None
    for stream, text in ((sys.stderr, err), (sys.stdout, out)):
        encoding = getattr(stream, "encoding", None) or "utf-8"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))  # as the run escaped it
        stream.flush()
    return int(code)


def record(key: str, out: str, err: str, code: int) -> None:
    """Record the output of the command run under ``key``, if it registered what it read (:func:`depend`)."""
    if _DEPENDS is None or code not in (0, 1):
        return
    deps = []
    for kind, path in _DEPENDS:
        state = _state(kind, Path(path))
        if state is None:
            return  # something the loader judges (a link, an unreadable file): not recorded
        deps.append([kind, path, state])
    body = json.dumps({"deps": deps, "out": out, "err": err, "code": code}, ensure_ascii=False).encode(
        "utf-8", "surrogateescape")
    target = _path(key)
    root = cache_dir().resolve()
    if any(kind == "tree" and root.is_relative_to(path) for kind, path, _ in deps):
        return  # never write inside a regulation checked
    with contextlib.suppress(OSError):
        write_signed(target, body)
