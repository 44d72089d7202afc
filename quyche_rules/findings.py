"""The one Finding type, severities and deterministic ordering."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from quyche_rules.i18n import Text

__all__ = ["Finding", "Location", "ProvisionRef", "Severity", "sort_findings"]


class Severity(StrEnum):
    """How serious a finding is, from least to most."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)

    def label(self, lang: str = "vi") -> str:
        """Return the severity's label in ``lang``."""
        if lang == "vi":
            return {"info": "thông tin", "warning": "cảnh báo", "error": "lỗi"}[self.value]
        return self.value


class Location(BaseModel):
    """A place in a file: 1-based line and column."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    file: str
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None


class ProvisionRef(BaseModel):
    """A provision involved in a finding: its citation phrase and where it is written."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    citation: str
    regulation: str = ""
    location: Location | None = None
    text: str = ""


class Finding(BaseModel):
    """One problem found in a regulation or an amendment."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str
    name: str
    severity: Severity
    message: Text
    location: Location
    provisions: tuple[ProvisionRef, ...] = ()
    actors: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    fix: Text | None = None

    @property
    def file(self) -> str:
        """Return the primary file."""
        return self.location.file

    @property
    def line(self) -> int:
        """Return the primary line."""
        return self.location.line

    @property
    def column(self) -> int:
        """Return the primary column."""
        return self.location.column

    def sort_key(self) -> tuple[str, int, int, str, tuple[str, ...], tuple[str, ...], str]:
        """Return the key that orders findings deterministically."""
        cites = tuple(p.citation for p in self.provisions)
        return (self.file, self.line, self.column, self.code, cites, self.actors, self.message.en)

    def identity(self) -> tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """Return the meaning-based key used by baselines: code, provisions, actors and tasks, never lines."""
        cites = tuple(sorted(f"{p.regulation}:{p.citation}" for p in self.provisions))
        return (self.code, cites, tuple(sorted(self.actors)), tuple(sorted(self.tasks)))


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings in deterministic order, exact duplicates removed."""
    unique = {f.model_dump_json(): f for f in findings}
    return sorted(unique.values(), key=Finding.sort_key)
