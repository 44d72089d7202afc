"""The catalogue: every built-in check, from the family modules (listed here) and the built-in rule files.

Importing this module registers the Python and pipeline checks of each family module; the declarative checks
are read from ``quyche_rules/lang/builtin/`` once per process.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic.version import VERSION as PYDANTIC_VERSION

from quyche_rules.checks import (  # noqa: F401  (imported for their registrations)
    qc0_structure,
    qc0_values,
    qc1_citations,
    qc1_law,
    qc1_organisation,
    qc1_references,
    qc4_chains,
    qc4_delegation,
    qc4_limits,
    qc6_amendments,
    qc6_catalogue,
    qc6_versions,
    qc7_formulas,
    qc7_text,
    suppressions,
)
from quyche_rules.checks.registry import REGISTERED, declarative_spec
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.errors import ConfigError, InternalError
from quyche_rules.facts import DISPLAY, derived_names, field_names
from quyche_rules.i18n import Text
from quyche_rules.lang import FactContract, load_checks
from quyche_rules.loading import display_path
from quyche_rules.loading.regulation import CHECKS_FILE, checks_file
from quyche_rules.memo import kept

__all__ = ["BUILTIN_RULE_FILES", "CHECKS_FILE", "FACTS", "all_checks", "builtin_declarative", "checks_of",
           "regulation_checks"]


#: what the facts offer every declarative check, built-in or a regulation's own (validated when loaded)
FACTS = FactContract(
    fields={kind: frozenset(fields) for kind, fields in field_names().items()},
    display={kind: frozenset(words) for kind, words in DISPLAY.items()},
    derived=derived_names(),
)

#: the built-in declarative rule files, listed explicitly
BUILTIN_RULE_FILES = (
    "qc1_orphans.yaml", "qc2_gaps.yaml", "qc3_conflicts.yaml", "qc3_deadline_conflicts.yaml", "qc4_delegation.yaml",
    "qc5_deadlines.yaml",
)


@cache
def builtin_declarative() -> tuple[CheckSpec, ...]:
    """Return the built-in declarative checks, loaded once per process (or kept: :mod:`quyche_rules.memo`)."""
    return kept("checks", _builtin_declarative, extra=PYDANTIC_VERSION.encode())


def _builtin_declarative() -> tuple[CheckSpec, ...]:
    specs = []
    folder = resources.files("quyche_rules.lang") / "builtin"
    for name in BUILTIN_RULE_FILES:
        resource = folder / name
        if not resource.is_file():  # a broken install: never check with part of the catalogue missing
            raise InternalError(
                Text.of(f"thiếu tệp quy tắc có sẵn quyche_rules/lang/builtin/{name}",
                        f"the built-in rule file quyche_rules/lang/builtin/{name} is missing"),
                expected=Text.of("mọi tệp quy tắc có sẵn đi kèm gói quyche-rules",
                                 "every built-in rule file shipped with quyche-rules"),
                fix=Text.of("cài đặt lại quyche-rules", "reinstall quyche-rules"),
                file=f"quyche_rules/lang/builtin/{name}")
        source = f"quyche_rules/lang/builtin/{name}"
        for decl in load_checks(resource.read_text(encoding="utf-8"), source=source, known_fields=FACTS):
            specs.append(declarative_spec(decl, f"quyche_rules/lang/builtin/{name}"))
    return tuple(specs)


@cache
def all_checks() -> dict[str, CheckSpec]:
    """Return every built-in check by code, in code order."""
    specs = dict(REGISTERED)
    for spec in builtin_declarative():
        if spec.code in specs:
            raise ValueError(f"check code {spec.code} defined twice")
        specs[spec.code] = spec
    return dict(sorted(specs.items()))


def regulation_checks(path: Path) -> dict[str, CheckSpec]:
    """Return the checks a regulation's own check file declares, by code, in file order.

    Raises:
        ConfigError: the file cannot be read or is not a valid check file (at its file and line), or it declares
            a code or a name of a built-in check (a regulation's check adds to the catalogue, never replaces).
    """
    reserved = {s.code: s.name for s in all_checks().values()}
    source = display_path(path)
    return {d.code: declarative_spec(d, source)
            for d in load_checks(path, source=source, known_fields=FACTS, reserved=reserved)}


def checks_of(folders: Iterable[Path]) -> dict[str, CheckSpec]:
    """Return the built-in checks and those of the regulation folders' own check files, in code order.

    A code that two regulations declare alike (the same check file copied into a new version) is listed once.

    Raises:
        ConfigError: two regulations of the run declare one code for different checks (at the second file and
            the line of its code): the outputs (SARIF rules, reports, ``explain``) name a check by its code alone.
    """
    specs = dict(all_checks())
    for folder in sorted(folders, key=str):
        path = checks_file(folder)
        if path is not None:
            for code, spec in regulation_checks(path).items():
                first = specs.setdefault(code, spec)
                if replace(first, source="") != replace(spec, source=""):
                    raise _clash(first, spec, path)
    return dict(sorted(specs.items()))


def _clash(first: CheckSpec, second: CheckSpec, path: Path) -> ConfigError:
    text = path.read_text(encoding="utf-8", errors="replace")
    found = re.search(rf"^[ \t-]*code:[ \t]*[\"']?{second.code}\b", text, re.MULTILINE)
    line = text.count("\n", 0, found.start()) + 1 if found is not None else None
    return ConfigError(
        Text.of(f"Mã {second.code} được dùng cho hai kiểm tra khác nhau trong cùng một lần chạy: {first.name} "
                f"({first.source}) và {second.name}",
                f"The code {second.code} names two different checks in one run: {first.name} ({first.source}) "
                f"and {second.name}"),
        file=second.source, line=line,
        expected=Text.of("mỗi mã kiểm tra riêng chỉ một kiểm tra trong các quy chế được kiểm tra cùng nhau",
                         "one check per code among the regulations checked together"),
        fix=Text.of("Đổi mã của một trong hai kiểm tra (một mã QC9xx chưa dùng), hoặc kiểm tra hai quy chế riêng",
                    "Give one of the two checks another code (an unused QC9xx), or check the two regulations "
                    "separately"),
    )
