"""Work done beside this process, in a forked child: half the parsing, the Python checks, an engine, a diff's side.

Two independent computations over data already in memory (the facts of a regulation, a loaded version) can run
at once on a machine with more than one core. The child is forked, so it starts with the parent's memory
(shared copy-on-write, nothing is sent to it) and sends back only its result, pickled, through a pipe; an
exception raised in the child is raised again in the parent. It is used only where that is safe and pays:
on Linux (fork), with more than one core available to the process and no other thread running in it, not inside
such a child or a ``--jobs`` worker (their siblings already use the cores), not under ``--jobs 1``
(:func:`one_process`) and not when ``QUYCHE_SERIAL`` is set; callers use it only for work large enough to pay
for a fork (a few milliseconds).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import pickle
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from quyche_rules.errors import InternalError
from quyche_rules.i18n import Text

__all__ = ["Beside", "available", "beside", "one_process", "serial", "settle"]

T = TypeVar("T")
_ALLOWED = [True]
_FINISHING: list[int] = []  # children that sent their result and still finish their ``then``
_SETTLED_AT_EXIT = [False]


def settle() -> None:
    """Wait for the children still finishing what they do after sending their result (``beside(then=...)``)."""
    while _FINISHING:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(_FINISHING.pop(), 0)


def serial() -> None:
    """Run everything in this process from now on (a ``--jobs`` worker, a child of :func:`beside`)."""
    _ALLOWED[0] = False


@contextlib.contextmanager
def one_process() -> Iterator[None]:
    """Run everything in this process while inside (``--jobs 1``: one process, one core)."""
    before = _ALLOWED[0]
    _ALLOWED[0] = False
    try:
        yield
    finally:
        _ALLOWED[0] = before


def available() -> bool:
    """Return whether work may be started beside this process.

    Never from a process running other threads (the tool used as a library in a threaded program): a forked
    child would inherit the locks they hold, and could wait on them forever.
    """
    if not _ALLOWED[0] or sys.platform != "linux" or os.environ.get("QUYCHE_SERIAL"):
        return False
    return threading.active_count() == 1 and len(os.sched_getaffinity(0)) > 1


class Beside(Generic[T]):
    """A call running in a forked child; :meth:`result` waits for it.

    ``then``, given the result, runs in the child after the result is sent (work whose outcome the parent does
    not need, such as writing a cache entry): the parent goes on meanwhile, and :func:`settle` (called by the
    command line once its command is done, and at exit) waits for it.
    """

    def __init__(self, func: Callable[..., T], *args: Any, then: Callable[[T], object] | None = None) -> None:
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        # the child never collects (a collection would touch, and so copy, the pages it shares with this process):
        # it is born with the collector off. (gc.freeze/unfreeze did that too, but unfreezing put this process's
        # young garbage among the oldest objects, where the collector seldom looks: memory grew with every fork)
        collecting = gc.isenabled()
        gc.disable()
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
            os.close(read)
            _child(write, func, args, then)
        if collecting:
            gc.enable()
        os.close(write)
        self._pid: int | None = pid
        self._read = read
        self._then = then is not None

    def result(self) -> T:
        """Wait for the child and return what the call returned, or raise what it raised."""
        chunks = []
        try:
            while chunk := os.read(self._read, 1 << 20):
                chunks.append(chunk)
        finally:
            self._close()
        data = b"".join(chunks)
        if self._then and self._pid is not None:  # the child may still be finishing its ``then``
            if not _SETTLED_AT_EXIT[0]:
                atexit.register(settle)
                _SETTLED_AT_EXIT[0] = True
            _FINISHING.append(self._pid)
            self._pid = None
        self._reap()
        collecting = gc.isenabled()
        gc.disable()  # a large result (the models of thousands of files) would start full collections as it is read
        try:
            ok, value, trace = pickle.loads(data)
        except Exception:  # the child died (killed, out of memory) or sent something unreadable
            raise InternalError(Text.of("Tiến trình con dừng mà không trả kết quả",
                                        "A child process ended without a result")) from None
        finally:
            if collecting:
                gc.enable()
        if ok:
            return value  # type: ignore[no-any-return]
        if isinstance(value, BaseException):
            raise value
        last = trace.strip().splitlines()[-1] if trace.strip() else "?"  # the error's type and message, not its trace
        raise InternalError(
            Text.of(f"Lỗi trong tiến trình con, không gửi về được: {last}",
                    f"An error in a child process that could not be sent back: {last}"),
            expected=Text.of("kết quả của tiến trình con, hoặc một lỗi gửi về được",
                             "the child's result, or an error it can send back"),
            fix=Text.of("Chạy lại với QUYCHE_SERIAL=1 để xem lỗi trong cùng tiến trình, và báo lỗi này",
                        "Run again with QUYCHE_SERIAL=1 to see the error in one process, and report it"),
        )

    def cancel(self) -> None:
        """Stop the child if it still runs (the parent failed and will not read the result)."""
        if self._pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, 9)
            self._close()
            self._reap()

    def _close(self) -> None:
        if self._read >= 0:
            os.close(self._read)
            self._read = -1

    def _reap(self) -> None:
        if self._pid is not None:
            os.waitpid(self._pid, 0)
            self._pid = None


def _child(write: int, func: Callable[..., Any], args: tuple[Any, ...],
           then: Callable[[Any], object] | None) -> None:  # pragma: no cover - child
    """Run the call, send back its outcome, then run ``then`` on a result.

    Never return: the child must not go on running the parent's code.
    """
    try:
        serial()
        gc.disable()  # (already off, from the parent): short-lived, a collection would only copy shared pages
        try:
            payload = (True, func(*args), "")
        except BaseException as exc:  # everything goes back to the parent, which raises it
            payload = (False, exc, traceback.format_exc())
        try:
            data = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
            if not payload[0]:
                pickle.loads(data)  # an error the parent cannot rebuild is sent as text (a result is not read twice)
        except Exception:
            data = pickle.dumps((False, None, traceback.format_exc() if payload[0] else payload[2]))
        view = memoryview(data)
        while view:  # the pipe's own descriptor: nothing between the child and the parent but the kernel
            view = view[os.write(write, view):]
        os.close(write)  # the parent has it all and goes on
        if then is not None and payload[0]:
            with contextlib.suppress(BaseException):  # its outcome is not the parent's concern
                then(payload[1])
    finally:  # even if the parent is gone (a broken pipe) or the result cannot be pickled at all
        os._exit(0)


def beside(func: Callable[..., T], *args: Any, then: Callable[[T], object] | None = None) -> Beside[T]:
    """Start ``func(*args)`` in a forked child (call only when :func:`available`); ``then`` as :class:`Beside`."""
    return Beside(func, *args, then=then)
