"""The one error family of quyche-rules; the CLI maps it to an exit code in one place."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quyche_rules.i18n import Lang, Text, printable

if TYPE_CHECKING:
    from quyche_rules.findings import Hit

__all__ = ["ConfigError", "EngineDisagreement", "InternalError", "LoadFailed", "QuycheError", "UsageError"]

_ERROR = Text.of("lỗi", "error")
_EXPECTED = Text.of("cần", "expected")
_FIX = Text.of("cách sửa", "fix")


class QuycheError(Exception):
    """An error reported to the user as a diagnostic, never as a traceback.

    Args:
        what: what is wrong.
        expected: what was expected instead.
        fix: how to fix it.
        file: the file concerned, if any.
        line: 1-based line in ``file``.
        column: 1-based column in ``file``.
    """

    exit_code = 2

    def __init__(
        self,
        what: Text,
        *,
        expected: Text | None = None,
        fix: Text | None = None,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        super().__init__(what.en)
        self.what = what
        self.expected = expected
        self.fix = fix
        self.file = file
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickle with every attribute (the keyword-only arguments too): an error crosses process boundaries."""
        return (_rebuild, (type(self), self.__dict__.copy()))

    def render(self, lang: Lang = "vi") -> str:
        """Render the error as a few lines of text."""
        where = ""
        if self.file:
            where = self.file
            if self.line:
                where += f":{self.line}"
                if self.column:
                    where += f":{self.column}"
            where += ": "
        lines = [f"{where}{_ERROR.get(lang)}: {self.what.get(lang)}"]
        if self.expected is not None:
            lines.append(f"  {_EXPECTED.get(lang)}: {self.expected.get(lang)}")
        if self.fix is not None:
            lines.append(f"  {_FIX.get(lang)}: {self.fix.get(lang)}")
        return printable("\n".join(lines))


def _rebuild(cls: type[QuycheError], state: dict[str, Any]) -> QuycheError:
    err = cls.__new__(cls)
    Exception.__init__(err, state["what"].en)
    err.__dict__.update(state)
    return err


class UsageError(QuycheError):
    """Wrong command-line usage."""


class ConfigError(QuycheError):
    """Invalid configuration (``quyche.toml``, ``[tool.quyche]``, suppressions, baselines)."""


class InternalError(QuycheError):
    """A defect in quyche-rules itself."""


class EngineDisagreement(InternalError):
    """The durable-rules engine and the reference evaluator gave different answers."""

    def __init__(self, what: Text, *, details: str) -> None:
        super().__init__(what)
        self.details = details

    def render(self, lang: Lang = "vi") -> str:
        """Render the disagreement with both answers."""
        return super().render(lang) + "\n" + self.details


class LoadFailed(QuycheError):
    """A regulation or amendment could not be loaded (exit 1).

    It carries what the loader found (QC001-QC007 hits), which the catalogue turns into findings
    (:func:`quyche_rules.checks.produce.load_findings`), so that every problem of every file is reported.
    """

    exit_code = 1

    def __init__(self, hits: Sequence[Hit]) -> None:
        first = hits[0]
        what = first.values.get("what")
        expected = first.values.get("expected")
        at = first.at
        super().__init__(
            what if isinstance(what, Text) else Text.of(first.code, first.code),
            expected=expected if isinstance(expected, Text) else None, fix=first.fix,
            file=at.file if at else None, line=at.line if at else None, column=at.column if at else None,
        )
        self.hits = tuple(hits)
