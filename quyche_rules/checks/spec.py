"""Check metadata (CheckSpec), the context a check reads, and the Hit a Python check yields."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

import networkx as nx

from quyche_rules.findings import Location, Severity
from quyche_rules.i18n import Text
from quyche_rules.model import Provision, Regulation

__all__ = ["CheckContext", "CheckSpec", "Examples", "Hit", "LegalRef", "render"]

Family = Literal["QC0", "QC1", "QC2", "QC3", "QC4", "QC5", "QC6"]
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_.]*)\}")


def render(template: str, values: Mapping[str, object]) -> str:
    """Fill ``{name}`` placeholders from ``values`` (no attribute access, no evaluation)."""
    return _PLACEHOLDER.sub(lambda m: str(values.get(m.group(1), m.group(0))), template)


@dataclass(frozen=True)
class LegalRef:
    """A structured citation of the law a check enforces."""

    instrument: str
    provision: str = ""
    url: str = ""
    quote: str = ""

    def text(self) -> str:
        """Return "provision instrument"."""
        return f"{self.provision} {self.instrument}".strip()


@dataclass(frozen=True)
class Examples:
    """YAML snippets merged into the minimal fixture: one must fire the check, the other must not."""

    fires: str
    passes: str


@dataclass(frozen=True)
class Hit:
    """What a Python check found: the provisions, actors and tasks involved and the template values."""

    provisions: tuple[str, ...]
    actors: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    values: Mapping[str, object] = field(default_factory=dict)
    at: Location | None = None


@dataclass
class CheckContext:
    """Everything a check may read: the regulation, its graph and facts, and the date checked."""

    reg: Regulation
    graph: nx.MultiDiGraph[str]
    facts: list[dict[str, str | int]]
    day: dt.date
    cites: dict[str, list[str]] = field(default_factory=dict)
    dangling: list[tuple[str, str]] = field(default_factory=list)

    @cached_property
    def provision(self) -> dict[str, Provision]:
        """Return provisions by citation phrase."""
        return {p.phrase: p for p in self.reg.provisions}

    def facts_of(self, kind: str) -> list[dict[str, str | int]]:
        """Return the facts of one kind."""
        return [f for f in self.facts if f["kind"] == kind]


@dataclass(frozen=True)
class CheckSpec:
    """A check's permanent identity, documentation, legal basis, examples and implementation."""

    code: str
    name: str
    severity: Severity
    title: Text
    message: Text
    rationale: Text
    fix: Text
    legal_basis: tuple[LegalRef, ...]
    examples: Examples | None
    func: Callable[[CheckContext], Iterable[Hit]] | None = None
    declarative: Any = None
    status: str = "stable"
    since: str = "0.1.0"
    source: str = ""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"QC\d{3}", self.code):
            raise ValueError(f"bad check code {self.code!r}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.name):
            raise ValueError(f"bad check name {self.name!r}")

    @property
    def family(self) -> str:
        """Return the family, e.g. ``QC3xx``."""
        return self.code[:3] + "xx"
