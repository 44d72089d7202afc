"""Check metadata (CheckSpec) and the context a Python check reads."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from quyche_rules.citations import Unreadable
from quyche_rules.citations.instruments import Mention, find_instruments
from quyche_rules.findings import Hit, Severity
from quyche_rules.i18n import Text
from quyche_rules.law import Catalogue, catalogue
from quyche_rules.model import Provision, Regulation

if TYPE_CHECKING:  # the graph is built when a check first reads it; the hook's cached path never imports networkx
    import networkx as nx

    from quyche_rules.time.calendar import Override
    from quyche_rules.xrefs import CrossReferences

__all__ = ["CheckContext", "CheckSpec", "Examples", "LegalRef"]


@dataclass(frozen=True)
class LegalRef:
    """A check's legal basis: an instrument of the law catalogue by id, and the provision relied on.

    A regulation's own check may instead write an instrument out (``instrument``, ``url``, ``quote``); such a
    basis is shown as unverified.
    """

    source: str = ""
    provision: str = ""
    instrument: str = ""
    url: str = ""
    quote: str = ""
    analogy: bool = False
    """The instrument binds legal normative documents only; a working regulation follows it as good practice."""
    scope: Text | None = None
    """What part of the check the provision covers, when not all of it (e.g. "for incoming documents")."""


@dataclass(frozen=True)
class Examples:
    """YAML snippets merged into the minimal fixture: one must fire the check, the other must not."""

    fires: str
    passes: str


@dataclass
class CheckContext:
    """Everything a check may read: the regulation, its facts, the date checked, its graph and cross-references.

    The graph and the cross-references are made the first time a check reads them, in the process that runs it
    (:mod:`quyche_rules.checks.runner`).
    """

    reg: Regulation
    facts: list[dict[str, str | int]]
    day: dt.date
    shared: dict[str, Any] = field(default_factory=dict)
    calendar: Override | None = None
    """The regulation's own days off and working days (its calendar.yaml), for what counts working days."""
    """What several checks compute once and share (e.g. QC701-QC706 the norms their text does not say)."""

    @cached_property
    def _refs(self) -> CrossReferences:
        from quyche_rules.xrefs import cross_references  # lazy: the hook's cached path never reads provision text

        return cross_references(self.reg)

    @property
    def cites(self) -> dict[str, list[str]]:
        """Return provision -> the provisions its text cites."""
        return self._refs.cites

    @property
    def dangling(self) -> list[tuple[str, str]]:
        """Return (provision, citation) for each citation of a provision that does not exist."""
        return self._refs.dangling

    @property
    def unreadable(self) -> list[tuple[str, Unreadable]]:
        """Return (provision, what could not be read) for each citation that cannot be resolved."""
        return self._refs.unreadable

    @cached_property
    def graph(self) -> nx.MultiDiGraph[str]:
        """Return the responsibility graph (with the cross-references as ``cites`` edges)."""
        from quyche_rules.graph import build_graph  # lazy: networkx, only when a check reads the graph

        return build_graph(self.reg, cites=self.cites)

    @cached_property
    def law(self) -> Catalogue:
        """Return the law catalogue with the regulation's own instruments."""
        return catalogue().with_local(self.reg.meta.instruments)

    @cached_property
    def instruments_cited(self) -> list[tuple[Provision, Mention]]:
        """Return each instrument a provision's text cites by number (read once for every check that needs them).

        The regulation's own number, and those of the instruments it replaces, are left out.
        """
        own = {self.reg.meta.number, *self.reg.meta.replaces}
        return [(prov, m) for prov in self.reg.provisions for m in find_instruments(prov.text) if m.number not in own]

    @cached_property
    def provision(self) -> dict[str, Provision]:
        """Return provisions by citation phrase."""
        return {p.phrase: p for p in self.reg.provisions}

    def forget_graph(self) -> None:
        """Drop the graph and the instruments cited, once the checks that read them have run (made again if read).

        On a large regulation they are a tenth of the memory; the facts, made next, can use it.
        """
        graph = self.__dict__.pop("graph", None)
        if graph is not None:
            graph.clear()  # its objects refer to each other: freed now, not at the collector's next full pass
        self.__dict__.pop("instruments_cited", None)

    def facts_of(self, kind: str) -> list[dict[str, str | int]]:
        """Return the facts of one kind."""
        return [f for f in self.facts if f["kind"] == kind]


@dataclass(frozen=True)
class CheckSpec:
    """A check's permanent identity, documentation, legal basis, examples and implementation.

    A check is implemented in exactly one way: a Python function (``func``), a declarative rule
    (``declarative``), or a stage of the pipeline that reports it (``producer``: the module, e.g. the loader
    for QC001-QC007, which lists the code in its ``PRODUCES``).
    """

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
    producer: str = ""
    status: str = "stable"
    since: str = "0.1.0"
    source: str = ""
    reads_facts: bool = False
    """A Python check that reads ``ctx.facts`` (the others run before the facts are derived)."""

    def __post_init__(self) -> None:
        if not re.fullmatch(r"QC\d{3}", self.code):
            raise ValueError(f"bad check code {self.code!r}")
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.name):
            raise ValueError(f"bad check name {self.name!r}")
        if (self.func is not None) + (self.declarative is not None) + bool(self.producer) != 1:
            raise ValueError(f"check {self.code} needs exactly one of a function, a rule or a producer")

    @property
    def kind(self) -> str:
        """Return how the check is implemented: ``python``, ``declarative`` or ``pipeline``."""
        return "python" if self.func is not None else "declarative" if self.declarative is not None else "pipeline"

    @property
    def family(self) -> str:
        """Return the family, e.g. ``QC3xx``."""
        return self.code[:3] + "xx"
