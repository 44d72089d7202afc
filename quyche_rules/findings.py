"""The one Finding type, what a producer reports before it becomes one (Hit), severities, ordering."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from quyche_rules.i18n import Lang, Text

__all__ = ["LOAD_CODES", "Basis", "Finding", "Hit", "Location", "ProvisionRef", "Severity", "sort_findings"]

#: the codes of a file that could not be loaded: its regulation (or draft) was not checked at all
LOAD_CODES = frozenset({"QC001", "QC002", "QC003", "QC004", "QC005", "QC006", "QC007"})
#: a line number in a message ("(line 12)"): left out of the digest, so that a finding survives lines moving
_LINE_NUMBER = re.compile(r"\bline \d+")

_SEVERITY_LABELS = {
    "info": Text.of("thông tin", "info"),
    "warning": Text.of("cảnh báo", "warning"),
    "error": Text.of("lỗi", "error"),
}


class Severity(StrEnum):
    """How serious a finding is, from least to most."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """Return 0 for info, 1 for warning, 2 for error."""
        return ("info", "warning", "error").index(self.value)

    def label(self, lang: Lang = "vi") -> str:
        """Return the severity's label in ``lang``."""
        return _SEVERITY_LABELS[self.value].get(lang)


class Location(BaseModel):
    """A place in a file: 1-based line and column, and where the YAML node there ends (exclusive column)."""

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


class Basis(BaseModel):
    """A legal basis as a finding cites it: the instrument, the provision, and what they are on the day checked."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """How the instrument is cited, e.g. "Nghị định 30/2020/NĐ-CP"."""
    provision: str = ""
    """The provision relied on, e.g. "khoản 3 Điều 13"."""
    source: str = ""
    """Its id in the law catalogue (empty for a basis a check file writes out itself)."""
    url: str = ""
    """An official publication of it, if known."""
    quote: str = ""
    """The provision's words, as published."""
    standing: Literal["binding", "practice", "unverified"] = "unverified"
    """binding law; another body's rules cited as practice; or a basis not verified against a published text."""
    practice_of: str = ""
    """For practice: whose rules they are."""
    status: Literal["in_force", "not_yet", "ended", "unknown"] = "unknown"
    """Its force on the day checked: in force, not yet in force, no longer in force, or unknown."""
    analogy: bool = False
    """Cited by analogy: the instrument binds legal normative documents, not a working regulation."""
    scope: Text | None = None
    """What part of the check the provision covers, when not all of it."""

    def text(self) -> str:
        """Return "provision instrument", e.g. "khoản 3 Điều 13 Nghị định 30/2020/NĐ-CP"."""
        return f"{self.provision} {self.name}".strip()


@dataclass(frozen=True)
class Hit:
    """What a producer found, before the catalogue makes it a :class:`Finding`.

    A producer (a check, the loader, the suppression pass, the amendment operations) says what it found and
    where; the check's entry in the catalogue gives the name, the severity and the message template that
    ``values`` fill (:func:`quyche_rules.checks.produce.produce`). Python checks leave ``code`` empty: the
    runner knows which check ran.

    Attributes:
        provisions: the provisions involved: citation phrases of the regulation checked, or references.
        actors: ids of the actors involved.
        tasks: ids of the tasks involved.
        values: what fills the placeholders of the check's message (a :class:`Text` per language where needed).
        at: where the finding is reported, when not where its first provision is written.
        fix: a fix specific to this finding, instead of the check's general one.
        code: the check code, e.g. ``"QC003"`` (empty for a Python check's own hits).
        day: the day the finding is judged on, when not the day of the whole run (an amendment's effective day).
    """

    provisions: tuple[str | ProvisionRef, ...] = ()
    actors: tuple[str, ...] = field(default=(), kw_only=True)
    tasks: tuple[str, ...] = field(default=(), kw_only=True)
    values: Mapping[str, object] = field(default_factory=dict, kw_only=True)
    at: Location | None = field(default=None, kw_only=True)
    fix: Text | None = field(default=None, kw_only=True)
    code: str = field(default="", kw_only=True)
    day: dt.date | None = field(default=None, kw_only=True)


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
    basis: tuple[Basis, ...] = ()
    """The legal bases it cites, as they stand on the day checked."""

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

    @property
    def stops_loading(self) -> bool:
        """Return True for a finding of a file that could not be loaded (QC001-QC007): nothing in it was checked."""
        return self.code in LOAD_CODES

    def digest(self) -> str:
        """Return a digest of what the finding says (its English message, line numbers and spacing left out).

        Two findings of one code about the same provisions, actors and tasks still differ in what they say
        (the deadline written, the value compared): a baseline tells them apart by it, never by where they are.
        """
        text = " ".join(unicodedata.normalize("NFC", self.message.en).split())
        return hashlib.sha256(_LINE_NUMBER.sub("line", text).encode("utf-8")).hexdigest()[:16]


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Return findings in deterministic order, exact duplicates removed."""
    unique = dict.fromkeys(findings)  # frozen models hash their fields; no serialising of long provision texts
    return sorted(unique, key=Finding.sort_key)
