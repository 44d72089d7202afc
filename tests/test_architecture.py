"""The architecture holds: layers only import downwards, no import cycles, lazy imports only where said why.

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and run here with import-linter; two tests
show they have teeth by breaking a copy of the package.
"""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGE = ROOT / "quyche_rules"


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    """Run the contracts of ``root/pyproject.toml`` on the ``quyche_rules`` found in ``root``."""
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
                          cwd=root, env=env, capture_output=True, text=True, timeout=300, check=False)


def test_the_layers_and_the_no_cycle_contracts_hold() -> None:
    proc = _lint(ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "2 kept, 0 broken" in proc.stdout


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    shutil.copytree(PACKAGE, tmp_path / "quyche_rules", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def _append(path: Path, line: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + line + "\n", encoding="utf-8")


def test_an_upward_import_breaks_the_layers_contract(copy: Path) -> None:
    _append(copy / "quyche_rules" / "model" / "base.py", "from quyche_rules.reports import text  # upward")
    proc = _lint(copy)
    assert proc.returncode != 0
    assert "Layers of the pipeline" in proc.stdout and "BROKEN" in proc.stdout
    assert "quyche_rules.model.base -> quyche_rules.reports.text" in proc.stdout


def test_a_cycle_between_modules_of_a_package_breaks_the_acyclic_contract(copy: Path) -> None:
    _append(copy / "quyche_rules" / "amend" / "diff.py", "import quyche_rules.amend.compare  # a cycle")
    proc = _lint(copy)
    assert proc.returncode != 0
    assert "No import cycles" in proc.stdout and "BROKEN" in proc.stdout


def _function_imports() -> list[tuple[str, int, str]]:
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, (ast.Import, ast.ImportFrom)):
                        out.append((str(path.relative_to(ROOT)), inner.lineno, lines[inner.lineno - 1]))
    return out


def test_an_import_inside_a_function_says_why_it_is_lazy() -> None:
    """Only a heavy or optional dependency is imported inside a function, and its line says so."""
    found = _function_imports()
    unexplained = [f"{file}:{line}: {text.strip()}" for file, line, text in found if "# lazy:" not in text]
    assert unexplained == []
