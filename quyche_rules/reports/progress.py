"""Progress on long runs: one self-overwriting status line on a terminal's stderr, nothing elsewhere."""

from __future__ import annotations

from typing import TextIO

from quyche_rules.i18n import Lang, Text

__all__ = ["Progress"]

_PHASES: dict[str, Text] = {"load": Text.of("đang đọc", "loading"), "check": Text.of("đang kiểm tra", "checking")}


class Progress:
    """A status line such as ``[2/5] rules/ubdt-2023: đang kiểm tra``.

    Args:
        stream: where to write (stderr); nothing is written unless ``enabled``.
        total: how many items the run has.
        lang: language of the phase names.
        enabled: the caller's decision (stderr is a terminal and the run is long enough to need it).
    """

    def __init__(self, stream: TextIO, total: int, lang: Lang, *, enabled: bool) -> None:
        self.stream = stream
        self.total = total
        self.lang = lang
        self.enabled = enabled
        self._width = 0

    def step(self, index: int, name: str, phase: str) -> None:
        """Show item ``index`` (1-based) named ``name`` in ``phase`` (``load`` or ``check``)."""
        if not self.enabled:
            return
        words = _PHASES.get(phase, Text.of(phase, phase)).get(self.lang)
        line = f"[{index}/{self.total}] {name}: {words}…"
        pad = max(self._width - len(line), 0)
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._width = len(line)

    def done(self) -> None:
        """Erase the status line."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0
