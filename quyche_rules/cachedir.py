"""The cache folder: where it is, what identifies the tool, and entries signed with this user's key.

The replayed outputs (:mod:`quyche_rules.replay`), the kept catalogues (:mod:`quyche_rules.memo`) and the checked
regulations (:mod:`quyche_rules.workspace.cache`) all live here, keyed by :func:`tool_digest` and written by
:func:`write_signed`: an entry that is corrupt, truncated or written by anyone else is never read back
(:func:`read_signed`). This module imports only the standard library (the hook's fast path).
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import os
import secrets
import sys
from functools import cache
from pathlib import Path

__all__ = [
    "CACHE_TAG", "LIBRARIES", "cache_dir", "cache_on", "cache_root", "read_signed", "secret", "tool_digest",
    "tree_digest", "write_signed",
]

CACHE_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# quyche-rules cache (see https://bford.info/cachedir/)\n"


def cache_on(asked: bool = True) -> bool:
    """Return whether the cache is used: ``asked`` (no ``--no-cache``) and ``QUYCHE_NO_CACHE`` not set."""
    return asked and not os.environ.get("QUYCHE_NO_CACHE")


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
