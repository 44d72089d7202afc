"""The ``quyche`` command: a check whose inputs have not changed is replayed, anything else runs the CLI.

Kept apart from :mod:`quyche_rules.cli` so that a replayed check imports nothing beyond the standard library
(:mod:`quyche_rules.replay`).
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import sys
import types
from collections.abc import Sequence
from typing import Any, TextIO

from quyche_rules import replay

__all__ = ["entry", "main"]


class _Tee:
    """A text stream that writes through to ``stream`` and keeps a copy of what was written."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.copy = io.StringIO()

    def write(self, text: str) -> int:
        self.copy.write(text)
        return self._stream.write(text)

    def __getattr__(self, name: str) -> Any:  # isatty, flush, encoding, reconfigure, buffer…
        return getattr(self._stream, name)


def _without_pydantic_plugins() -> None:
    """Use no pydantic plugin, and do not import the module that would look for them.

    Looking for plugins reads every installed package's entry points, and the module that does it imports
    ``importlib.metadata`` (email, zipfile, csv…: a tenth of the hook's start-up) even when they are disabled.
    With plugins disabled its only function, ``get_plugins``, returns nothing: so does the stand-in. A user's own
    choice of plugins to disable (a list of names) is left to pydantic.
    """
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if os.environ["PYDANTIC_DISABLE_PLUGINS"] in ("__all__", "1", "true"):
        stand_in = types.ModuleType("pydantic.plugin._loader", "No pydantic plugin (quyche_rules.launch).")
        stand_in.get_plugins = lambda: ()  # type: ignore[attr-defined]
        sys.modules.setdefault("pydantic.plugin._loader", stand_in)


class _Closed(io.TextIOBase):
    """Standard output or error closed by the caller (``>&-``): writing to it fails as writing to a closed file."""

    encoding = "utf-8"

    def write(self, text: str) -> int:
        raise OSError(errno.EBADF, os.strerror(errno.EBADF))

    def isatty(self) -> bool:
        return False


def _open_closed_streams() -> None:
    """Stand in for a closed standard output (or error): a write to it is reported, ``-o FILE`` still works."""
    if sys.stdout is None:
        sys.stdout = _Closed()
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115  (nowhere to say anything: nothing said)


def _cannot_write(exc: OSError, args: list[str]) -> int:
    """Say, in the language asked for, that standard output cannot be written; return 2."""
    from quyche_rules.cli import asked_lang  # lazy: only when the replay cannot be written
    from quyche_rules.workspace.outputs import stdout_error  # lazy: as above

    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write(stdout_error(exc).render(asked_lang(args)) + "\n")
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``quyche`` with ``argv``: replay an unchanged check, else run it (and record it when it may be replayed)."""
    args = list(sys.argv[1:] if argv is None else argv)
    _open_closed_streams()
    key = replay.lookup(args)
    if key is not None:
        try:
            code = replay.replay(key)
        except BrokenPipeError:  # the reader has gone (| head): as the CLI ends then
            return 0
        except OSError as exc:  # a full disk, a closed output: said as the CLI says it, never a traceback
            return _cannot_write(exc, args)
        if code is not None:
            return code
    _without_pydantic_plugins()
    from quyche_rules.cli import main as run  # lazy: the whole tool, only when there is nothing to replay

    if key is None:
        return run(args)
    out, err = _Tee(sys.stdout), _Tee(sys.stderr)
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = out, err
    try:
        code = run(args)
    finally:
        sys.stdout, sys.stderr = saved
    replay.record(key, out.copy.getvalue(), err.copy.getvalue(), code)
    return code


def entry() -> None:
    """The ``quyche`` program: run :func:`main`, then end the process without freeing its objects.

    Freeing a large regulation's hundreds of thousands of objects one by one at exit costs about 5 % of a
    check and serves nothing (the operating system takes the memory back); as mypy does, the output is
    flushed and the process ends at once. Every file the tool writes is complete before :func:`main` returns.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a reader gone (broken pipe), a stream closed: nothing to save
            stream.flush()
    os._exit(code)
