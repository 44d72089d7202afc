"""The hook's fast path: replay the output of a ``quyche check`` that nothing it read has changed since.

A check whose output went to a pipe (the pre-commit hook, CI, a script) is recorded with what it read: the
content of every regulation folder checked, the names under every folder named on the command line (a new
regulation is a change), each file named, and every configuration file it looked for on the way up (present
or absent). The same command, from the same folder, with the same environment, tool and day, whose inputs all
still match, prints the recorded output and exits with the recorded code, without loading Python's libraries
or the regulation: this module imports only the standard library.

Entries are JSON signed with the user's key (:func:`secret`); a corrupt, foreign or stale entry is ignored.
Nothing is recorded for a run that writes a file or reads a baseline, or prints to a terminal (its summary
line shows the time taken), nor when the tool's cache is off (``--no-cache``, ``QUYCHE_NO_CACHE``). A run with
drafts (``--drafts``, the pre-commit hook) also depends on every YAML file under the working directory and on
git's index (a draft added, removed or staged).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import hmac
import importlib.util
import json
import os
import secrets
import sys
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

__all__ = [
    "CACHE_TAG", "SKIPPED_FOLDERS", "cache_dir", "cache_root", "depend", "lookup", "read_signed", "record", "replay",
    "secret", "tool_digest", "tree_digest", "walked_yaml", "write_signed",
]

_VERSION = b"quyche-replay-1"
CACHE_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# quyche-rules cache (see https://bford.info/cachedir/)\n"
#: options that make a run write something, read more than its regulations, or never use the cache
_NOT_REPLAYED = ("--no-cache", "-o", "--output", "--write-baseline", "--baseline", "-h", "--help", "--open")
#: folders a search for YAML files never enters (besides hidden ones): environments and caches
SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__", "site-packages", "venv"})
#: the environment a check's output depends on (language, colour, CI annotations, configuration, the cache)
_ENV = ("QUYCHE_", "NO_COLOR", "FORCE_COLOR", "CLICOLOR", "GITHUB_ACTIONS", "TERM", "XDG_CACHE_HOME", "HOME")
#: the dependencies :func:`depend` registered for the running command (None: the run is not recorded)
_DEPENDS: list[list[str]] | None = None


def cache_dir() -> Path:
    """Return the cache folder: ``QUYCHE_CACHE_DIR``, else ``.quyche_cache`` in the working directory."""
    return Path(os.environ.get("QUYCHE_CACHE_DIR") or ".quyche_cache")


#: the libraries whose installation changes what the tool computes or can read back: the models and their
#: pickles, which engines run (durable-rules is optional), the graph algorithms, the YAML parser
LIBRARIES = ("pydantic", "pydantic_core", "durable", "durable_rules_engine", "networkx", "yaml")


@cache
def tool_digest() -> bytes:
    """Return what identifies this installation.

    The tool's version, the size and time of every file of the package, the Python running it and the libraries it
    runs on (where each is, with its size and time; or that it is absent).
    """
    from quyche_rules import __version__  # lazy: the package root, read once per process

    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(b"quyche-tool-2" + __version__.encode())
    for path in sorted(root.rglob("*")):
        if path.suffix in (".py", ".yaml", ".json", ".j2") and path.is_file():
            st = path.stat()
            digest.update(f"{path.relative_to(root)}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    digest.update(f"{sys.version}\0{sys.executable}\n".encode("utf-8", "surrogateescape"))
    for name in LIBRARIES:
        digest.update(f"{name}\0{_installed(name)}\n".encode("utf-8", "surrogateescape"))
    return digest.digest()


def _installed(name: str) -> str:
    """Return where the library ``name`` is installed, with its size and time, or "-" when it is not."""
    try:
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec is not None else None
        st = os.stat(origin) if origin else None
    except (ImportError, ValueError, OSError):
        return "-"
    return f"{origin}\0{st.st_size}\0{st.st_mtime_ns}" if st is not None else "-"


@cache
def secret() -> bytes:
    """Return this user's signing key, made on first use (readable by the user only)."""
    home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "quyche"
    key = home / "key"
    try:
        data = key.read_bytes()
        if len(data) == 32:
            return data
    except OSError:
        pass
    data = secrets.token_bytes(32)
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except OSError:
        try:  # another process made it first: use theirs
            other = key.read_bytes()
            return other if len(other) == 32 else data
        except OSError:
            return data
    return data


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


def tree_digest(folder: Path, *, names_only: bool = False, max_bytes: int | None = None) -> str | None:
    """Return the digest of the names (and, unless ``names_only``, the bytes) of everything under ``folder``.

    None when it holds anything a loader must judge: a link, a device, a file over ``max_bytes``.

    Raises:
        OSError: a file cannot be read.
    """
    digest = hashlib.sha256()
    for item in sorted(folder.rglob("*")):
        if item.is_symlink():
            return None
        name = str(item.relative_to(folder)).encode("utf-8", "surrogateescape")
        if names_only or item.is_dir():
            digest.update(name + (b"/\n" if item.is_dir() else b"\n"))
        elif item.is_file() and (max_bytes is None or item.stat().st_size <= max_bytes):
            digest.update(name + b"\0" + hashlib.sha256(item.read_bytes()).digest())
        else:
            return None
    return digest.hexdigest()


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
    if not argv or argv[0] != "check" or os.environ.get("QUYCHE_NO_CACHE") or sys.stdout.isatty():
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


def cache_root() -> Path:
    """Return the cache folder, made first (with its CACHEDIR.TAG and a .gitignore of everything) if it is not.

    Raises:
        OSError: it cannot be made.
    """
    root = cache_dir()
    if not (root / "CACHEDIR.TAG").exists():
        root.mkdir(parents=True, exist_ok=True)
        (root / "CACHEDIR.TAG").write_text(CACHE_TAG, encoding="ascii")
        (root / ".gitignore").write_text("*\n", encoding="ascii")
    return root


def write_signed(path: Path, body: bytes) -> None:
    """Write ``body`` to ``path``, in the cache folder, signed with this user's key (a temporary, then renamed).

    Raises:
        OSError: it cannot be written.
    """
    cache_root()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(hmac.new(secret(), body, hashlib.sha256).digest() + body)
    os.replace(tmp, path)


def read_signed(path: Path) -> bytes | None:
    """Return what :func:`write_signed` wrote at ``path``.

    None when it is missing or unreadable, or not signed by this user (corrupt, truncated, foreign).
    """
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    mac, body = blob[:32], blob[32:]
    if len(mac) != 32 or not hmac.compare_digest(mac, hmac.new(secret(), body, hashlib.sha256).digest()):
        return None
    return body
