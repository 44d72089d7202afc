"""The explicit registry: Python checks by decorator, pipeline checks by declaration, declarative checks from YAML."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from quyche_rules.checks.spec import CheckContext, CheckSpec, Examples, LegalRef
from quyche_rules.findings import Hit, Severity
from quyche_rules.i18n import Text

__all__ = ["REGISTERED", "check", "declarative_spec", "declare"]

REGISTERED: dict[str, CheckSpec] = {}


def check(
    code: str, name: str, severity: str, *, title: tuple[str, str], message: tuple[str, str],
    rationale: tuple[str, str], fix: tuple[str, str], legal_basis: Iterable[LegalRef] = (),
    examples: tuple[str, str] | None = None, status: str = "stable", since: str = "0.1.0", reads_facts: bool = False,
) -> Callable[[Callable[[CheckContext], Iterable[Hit]]], Callable[[CheckContext], Iterable[Hit]]]:
    """Register a Python check with its metadata; ``examples`` is (fires, passes) YAML.

    ``reads_facts``: the check reads ``ctx.facts``; the others run before the facts are derived (perhaps in
    another process, :mod:`quyche_rules.checks.runner`), and one that reads them anyway fails loudly.
    """

    def register(func: Callable[[CheckContext], Iterable[Hit]]) -> Callable[[CheckContext], Iterable[Hit]]:
        if code in REGISTERED:
            raise ValueError(f"check code {code} registered twice")
        REGISTERED[code] = CheckSpec(
            code=code, name=name, severity=Severity(severity), title=Text.of(*title), message=Text.of(*message),
            rationale=Text.of(*rationale), fix=Text.of(*fix), legal_basis=tuple(legal_basis),
            examples=Examples(*examples) if examples else None, func=func, status=status, since=since,
            source=f"{func.__module__}.{func.__name__}", reads_facts=reads_facts,
        )
        return func

    return register


def declare(
    code: str, name: str, severity: str, *, producer: str, title: tuple[str, str], message: tuple[str, str],
    rationale: tuple[str, str], fix: tuple[str, str], legal_basis: Iterable[LegalRef] = (),
    examples: tuple[str, str] | None = None, status: str = "stable", since: str = "0.1.0",
) -> None:
    """Register a check that a stage of the pipeline reports (the loader, the suppressions, the amendments).

    ``producer`` is the module that makes its hits; it lists ``code`` in its ``PRODUCES``. The message is a
    template its hits' values fill, like any check's.
    """
    if code in REGISTERED:
        raise ValueError(f"check code {code} registered twice")
    REGISTERED[code] = CheckSpec(
        code=code, name=name, severity=Severity(severity), title=Text.of(*title), message=Text.of(*message),
        rationale=Text.of(*rationale), fix=Text.of(*fix), legal_basis=tuple(legal_basis),
        examples=Examples(*examples) if examples else None, producer=producer, status=status, since=since,
        source=producer,
    )


def declarative_spec(decl: Any, source: str) -> CheckSpec:
    """Wrap a declarative check (from ``quyche_rules.lang``) as a CheckSpec."""
    ex = decl.examples
    return CheckSpec(
        code=decl.code, name=decl.name, severity=Severity(decl.severity),
        title=Text.of(decl.title.vi, decl.title.en), message=Text.of(decl.message.vi, decl.message.en),
        rationale=Text.of(decl.rationale.vi, decl.rationale.en), fix=Text.of(decl.fix.vi, decl.fix.en),
        legal_basis=tuple(
            LegalRef(source=b.source or "", provision=b.provision or "", instrument=b.instrument or "",
                     url=b.url or "", quote=b.quote or "", analogy=b.analogy,
                     scope=Text.of(b.scope.vi, b.scope.en) if b.scope is not None else None)
            for b in decl.legal_basis
        ),
        examples=Examples(ex.fires, ex.passes) if ex is not None else None,
        declarative=decl, status=decl.status, since=decl.since, source=source,
    )
