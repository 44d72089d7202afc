"""The memory a process and every process it forks hold at once: the sum of their PSS, sampled.

A forked child shares its parent's pages until either writes them, so adding the two processes' peak RSS counts
the shared pages twice and adds peaks that need not coincide. PSS (proportional set size, from
``/proc/PID/smaps_rollup``) charges each shared page to its sharers in proportion, so the sum over the process
tree is the memory the tree holds; :class:`TreeMemory` samples it every ``interval`` seconds while the process
runs and keeps the largest sum. Linux only (elsewhere it measures nothing and reports 0).
"""

from __future__ import annotations

import threading
from pathlib import Path


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def tree_pss_kib(pid: int) -> int:
    """Return the PSS of ``pid`` and all its descendants, in KiB."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        total += _pss_kib(current)
        todo += _children(current)
    return total


class TreeMemory:
    """Sample :func:`tree_pss_kib` of a running process in a thread; :attr:`peak_kib` is the largest sum seen."""

    def __init__(self, pid: int, interval: float = 0.05) -> None:
        self.pid, self.interval, self.peak_kib = pid, interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, tree_pss_kib(self.pid))
            self._stop.wait(self.interval)

    def stop(self) -> int:
        """Stop sampling; return the peak in KiB."""
        self._stop.set()
        self._thread.join()
        return self.peak_kib
