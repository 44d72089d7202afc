"""One producer per check code: every finding is made in one place, from its check's catalogue entry.

A check is a Python function, a declarative rule, or a stage of the pipeline (the loader, the suppression pass,
consolidation) that lists the code in its ``PRODUCES``; the catalogue and the producers agree both ways, and no
module but :mod:`quyche_rules.checks.produce` builds a :class:`~quyche_rules.findings.Finding`.
"""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

from quyche_rules.checks.catalogue import all_checks
from tests.conftest import ROOT

SPECS = all_checks()
PACKAGE = ROOT / "quyche_rules"
CODE = re.compile(r"^QC\d{3}$")


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _producers() -> dict[str, tuple[str, ...]]:
    """Return module -> the codes it declares it produces (its ``PRODUCES``)."""
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        if "PRODUCES" in path.read_text(encoding="utf-8"):
            module = importlib.import_module(_module(path))
            if hasattr(module, "PRODUCES"):
                out[module.__name__] = tuple(module.PRODUCES)
    return out


def test_every_code_has_exactly_one_way_of_being_produced() -> None:
    for code, spec in SPECS.items():
        ways = [spec.func is not None, spec.declarative is not None, bool(spec.producer)]
        assert sum(ways) == 1, code
        assert spec.kind in ("python", "declarative", "pipeline")


def test_the_catalogue_and_the_pipeline_producers_agree_both_ways() -> None:
    producers = _producers()
    declared = {code: module for module, codes in producers.items() for code in codes}
    assert sum(len(codes) for codes in producers.values()) == len(declared), "a code is produced by two modules"
    pipeline = {code: spec.producer for code, spec in SPECS.items() if spec.kind == "pipeline"}
    assert pipeline == declared
    assert set(pipeline) >= {"QC001", "QC007", "QC020", "QC021", "QC601", "QC606"}


def _calls(tree: ast.AST, name: str) -> list[ast.Call]:
    return [node for node in ast.walk(tree) if isinstance(node, ast.Call) and (
        (isinstance(node.func, ast.Name) and node.func.id == name)
        or (isinstance(node.func, ast.Attribute) and node.func.attr == name))]


def test_only_the_producer_builds_findings_and_each_code_is_raised_where_it_is_declared() -> None:
    owners = {code: spec.producer for code, spec in SPECS.items() if spec.kind == "pipeline"}
    seen: set[str] = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = _module(path)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if module != "quyche_rules.checks.produce":
            assert not _calls(tree, "Finding"), f"{module} builds a Finding itself"
        raised = [kw.value.value for call in _calls(tree, "Hit") for kw in call.keywords
                  if kw.arg == "code" and isinstance(kw.value, ast.Constant)]
        raised += [call.args[0].value for name in ("report", "YamlProblem", "problem")
                   for call in _calls(tree, name) if call.args and isinstance(call.args[0], ast.Constant)
                   and CODE.match(str(call.args[0].value))]
        seen.update(raised)
        for code in raised:
            owner = owners.get(code)
            assert owner is not None, f"{module} raises {code}, which no pipeline stage declares"
            package = owner.rsplit(".", 1)[0]
            assert module == owner or module.startswith(package + "."), f"{module} raises {code}, owned by {owner}"
    assert seen == set(owners), "every pipeline code is raised somewhere, and the scan sees where"
