"""The explicit registry: Python checks by decorator, declarative checks from the built-in YAML."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from typing import Any

from quyche_rules.checks.spec import CheckContext, CheckSpec, Examples, Hit, LegalRef
from quyche_rules.errors import InternalError
from quyche_rules.findings import Severity
from quyche_rules.i18n import Text

__all__ = ["PYTHON_CHECKS", "all_checks", "check", "declarative_spec"]

#: the family modules, listed explicitly (no directory scanning)
_MODULES = (
    "quyche_rules.checks.qc0_structure",
    "quyche_rules.checks.qc1_references",
    "quyche_rules.checks.qc2_gaps",
    "quyche_rules.checks.qc3_conflicts",
    "quyche_rules.checks.qc4_delegation",
    "quyche_rules.checks.qc5_deadlines",
    "quyche_rules.checks.qc6_amendments",
)
#: the built-in declarative rule files, listed explicitly
_BUILTIN_YAML = ("qc1_orphans.yaml", "qc2_gaps.yaml", "qc3_conflicts.yaml", "qc3_deadline_conflicts.yaml",
                 "qc4_delegation.yaml",
                 "qc5_deadlines.yaml")

PYTHON_CHECKS: dict[str, CheckSpec] = {}


def check(
    code: str, name: str, severity: str, *, title: tuple[str, str], message: tuple[str, str],
    rationale: tuple[str, str], fix: tuple[str, str], legal_basis: Iterable[LegalRef] = (),
    examples: tuple[str, str] | None = None, status: str = "stable", since: str = "0.1.0",
) -> Callable[[Callable[[CheckContext], Iterable[Hit]]], Callable[[CheckContext], Iterable[Hit]]]:
    """Register a Python check with its metadata; ``examples`` is (fires, passes) YAML."""

    def register(func: Callable[[CheckContext], Iterable[Hit]]) -> Callable[[CheckContext], Iterable[Hit]]:
        if code in PYTHON_CHECKS:
            raise ValueError(f"check code {code} registered twice")
        PYTHON_CHECKS[code] = CheckSpec(
            code=code, name=name, severity=Severity(severity), title=Text.of(*title), message=Text.of(*message),
            rationale=Text.of(*rationale), fix=Text.of(*fix), legal_basis=tuple(legal_basis),
            examples=Examples(*examples) if examples else None, func=func, status=status, since=since,
            source=f"{func.__module__}.{func.__name__}",
        )
        return func

    return register


def declarative_spec(decl: Any, source: str) -> CheckSpec:
    """Wrap a declarative check (from ``quyche_rules.lang``) as a CheckSpec."""
    ex = decl.examples
    return CheckSpec(
        code=decl.code, name=decl.name, severity=Severity(decl.severity),
        title=Text.of(decl.title.vi, decl.title.en), message=Text.of(decl.message.vi, decl.message.en),
        rationale=Text.of(decl.rationale.vi, decl.rationale.en), fix=Text.of(decl.fix.vi, decl.fix.en),
        legal_basis=tuple(
            LegalRef(instrument=b.instrument, provision=b.provision or "", url=b.url or "", quote=b.quote or "")
            for b in decl.legal_basis
        ),
        examples=Examples(ex.fires, ex.passes) if ex is not None else None,
        declarative=decl, status=decl.status, since=decl.since, source=source,
    )


@cache
def builtin_declarative() -> tuple[CheckSpec, ...]:
    """Return the built-in declarative checks, loaded once per process."""
    from quyche_rules.lang import load_checks

    specs = []
    folder = resources.files("quyche_rules.lang") / "builtin"
    for name in _BUILTIN_YAML:
        resource = folder / name
        if not resource.is_file():  # a broken install: never check with part of the catalogue missing
            raise InternalError(
                Text.of(f"thiếu tệp quy tắc có sẵn quyche_rules/lang/builtin/{name}",
                        f"the built-in rule file quyche_rules/lang/builtin/{name} is missing"),
                expected=Text.of("mọi tệp quy tắc có sẵn đi kèm gói quyche-rules",
                                 "every built-in rule file shipped with quyche-rules"),
                fix=Text.of("cài đặt lại quyche-rules", "reinstall quyche-rules"),
                file=f"quyche_rules/lang/builtin/{name}")
        for decl in load_checks(resource.read_text(encoding="utf-8"), source=f"quyche_rules/lang/builtin/{name}"):
            specs.append(declarative_spec(decl, f"quyche_rules/lang/builtin/{name}"))
    return tuple(specs)


@cache
def all_checks() -> dict[str, CheckSpec]:
    """Return every built-in check by code, in code order."""
    for module in _MODULES:
        importlib.import_module(module)
    specs = dict(PYTHON_CHECKS)
    for spec in builtin_declarative():
        if spec.code in specs:
            raise ValueError(f"check code {spec.code} defined twice")
        specs[spec.code] = spec
    return dict(sorted(specs.items()))
