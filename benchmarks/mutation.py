"""Mutation testing of the checks: the Python check code and the built-in declarative rules.

Usage: python benchmarks/mutation.py [--jobs 2] [--targets python,yaml] [--only SUBSTRING] [--list]
                                     [--json FILE] [--timeout 120]

Every mutant changes one thing, and the check tests (tests/checks) run against it; a mutant is killed when a
test fails (or the run times out), and survives when they all pass. The score is killed / total, per target.

Python (``quyche_rules/checks/*.py``, ``quyche_rules/facts/*.py``), one change in code (never in docstrings or
in the metadata given to ``@check``): a comparison flipped (``==``/``!=``, ``<``/``>=``, ``in``/``not in``…) or
moved at its boundary (``<``/``<=``…), ``and``/``or`` swapped, a ``not`` dropped, an integer + 1, ``True``/
``False`` swapped, a string compared with (or naming a fact kind) changed, ``any``/``all`` and ``min``/``max``
swapped, ``+``/``-`` swapped, a ``yield``/``continue``/``break`` removed. A mutant runs only the tests that
execute its line (line coverage per test, collected once); a mutant on a line no test executes survives
without a run. Mutants of code that runs at import or collection (module level, the registry) run all the check
tests, those executing the line first.

Declarative (``quyche_rules/lang/builtin/*.yaml``), one change in one check: a ``where`` filter's operator
flipped (eq/ne, in/not_in, lt/ge, le/gt), its value changed, or the filter dropped; a ``join`` flipped or
dropped; an ``unless`` pattern dropped; the ``count`` operator flipped, its value changed or the count
dropped. A mutant that the rule-language validator rejects is not counted (the tool refuses it at load). All
check tests run, those about the check first (``-x``: the first failure kills).

Two worker processes (``--jobs``) each mutate their own copy of the repository.
"""

from __future__ import annotations

import argparse
import ast
import copy
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from queue import Queue
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
PYTHON_TARGETS = [*sorted((ROOT / "quyche_rules" / "checks").glob("*.py")),
                  *sorted((ROOT / "quyche_rules" / "facts").glob("*.py"))]
YAML_TARGETS = sorted((ROOT / "quyche_rules" / "lang" / "builtin").glob("*.yaml"))
TESTS = "tests/checks"
COPY = ("quyche_rules", "tests", "fixtures", "rules", "pyproject.toml")
PYTEST = [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", "-p", "no:hypothesispytest",
          "-p", "no:benchmark", "--no-header", "-o", "addopts="]


@dataclass
class Mutant:
    """One change to one file."""

    target: str  # path relative to the repository
    ident: str  # stable id within the target
    line: int  # 1-based line (Python), or 0
    description: str
    code: str = ""  # the check a declarative mutant changes
    module_level: bool = False
    source: str = field(default="", repr=False)  # the mutated file
    status: str = ""  # killed, survived, timeout, no-coverage
    seconds: float = 0.0
    tests: int = 0


# -- Python mutants --------------------------------------------------------------------------------------------------

_COMPARE_FLIPS: dict[type[ast.cmpop], list[type[ast.cmpop]]] = {
    ast.Eq: [ast.NotEq], ast.NotEq: [ast.Eq], ast.Lt: [ast.GtE, ast.LtE], ast.LtE: [ast.Gt, ast.Lt],
    ast.Gt: [ast.LtE, ast.GtE], ast.GtE: [ast.Lt, ast.Gt], ast.In: [ast.NotIn], ast.NotIn: [ast.In],
    ast.Is: [ast.IsNot], ast.IsNot: [ast.Is],
}
_SYMBOL = {ast.Eq: "==", ast.NotEq: "!=", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.In: "in",
           ast.NotIn: "not in", ast.Is: "is", ast.IsNot: "is not"}
_NAME_SWAPS = {"any": "all", "all": "any", "min": "max", "max": "min"}


def _docstrings(tree: ast.Module) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                out.add(id(first.value))
    return out


def _skipped(tree: ast.Module) -> set[int]:
    """Nodes never mutated: docstrings, decorator arguments (check metadata), annotations, ``__all__``."""
    skip = _docstrings(tree)
    for node in ast.walk(tree):
        roots: list[ast.AST] = []
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            roots += node.decorator_list
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            roots += [a.annotation for a in (*node.args.args, *node.args.kwonlyargs) if a.annotation]
            roots += [node.returns] if node.returns else []
        if isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets):
            roots.append(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("LegalRef", "Text",
                                                                                                 "_pipeline"):
            roots.append(node)  # legal references and texts: documentation, not logic
        for root in roots:
            skip.update(id(n) for n in ast.walk(root))
    return skip


def _logic_strings(tree: ast.Module) -> set[int]:
    """String constants that are logic: compared with, listed in a comparison, or naming a fact kind."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for operand in (node.left, *node.comparators):
                elements = operand.elts if isinstance(operand, (ast.Tuple, ast.List, ast.Set)) else [operand]
                out.update(id(e) for e in elements if isinstance(e, ast.Constant) and isinstance(e.value, str))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "add", "facts_of") and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                out.add(id(first))
    return out


def _function_lines(tree: ast.Module) -> list[tuple[int, int]]:
    return [(n.lineno, n.end_lineno or n.lineno) for n in ast.walk(tree)
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))]


def _python_edits(tree: ast.Module) -> Iterator[tuple[ast.AST, str, Any]]:
    """Yield (node, description, how) for every mutation of the module; ``how`` is applied by _apply."""
    skip, strings = _skipped(tree), _logic_strings(tree)
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                for new in _COMPARE_FLIPS.get(type(op), []):
                    yield node, f"{_SYMBOL[type(op)]} -> {_SYMBOL[new]}", ("cmp", i, new)
        elif isinstance(node, ast.BoolOp):
            new_op = ast.Or if isinstance(node.op, ast.And) else ast.And
            yield node, f"{type(node.op).__name__.lower()} -> {new_op.__name__.lower()}", ("bool", new_op)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield node, "not x -> x", ("not",)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)) and not (
                isinstance(node.left, ast.Constant) and isinstance(node.left.value, str)):
            new_bin = ast.Sub if isinstance(node.op, ast.Add) else ast.Add
            yield node, f"{'+' if new_bin is ast.Sub else '-'} -> {'-' if new_bin is ast.Sub else '+'}", \
                ("binop", new_bin)
        elif isinstance(node, ast.Constant):
            if isinstance(node.value, bool):
                yield node, f"{node.value} -> {not node.value}", ("const", not node.value)
            elif isinstance(node.value, int):
                yield node, f"{node.value} -> {node.value + 1}", ("const", node.value + 1)
            elif isinstance(node.value, str) and id(node) in strings:
                yield node, f"{node.value!r} -> 'XX{node.value}'", ("const", f"XX{node.value}")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _NAME_SWAPS:
            yield node, f"{node.func.id}() -> {_NAME_SWAPS[node.func.id]}()", ("name", _NAME_SWAPS[node.func.id])
        elif isinstance(node, ast.Expr) and isinstance(node.value, (ast.Yield, ast.YieldFrom)):
            yield node, "yield removed", ("pass",)
        elif isinstance(node, (ast.Continue, ast.Break)):
            yield node, f"{type(node).__name__.lower()} removed", ("pass",)


def _apply(node: ast.AST, how: tuple[Any, ...]) -> ast.AST | None:
    """Mutate ``node`` in place; return a replacement node when the node itself is replaced."""
    kind = how[0]
    if kind == "cmp":
        assert isinstance(node, ast.Compare)
        node.ops[how[1]] = how[2]()
    elif kind == "bool":
        assert isinstance(node, ast.BoolOp)
        node.op = how[1]()
    elif kind == "not":
        assert isinstance(node, ast.UnaryOp)
        return node.operand
    elif kind == "binop":
        assert isinstance(node, ast.BinOp)
        node.op = how[1]()
    elif kind == "const":
        assert isinstance(node, ast.Constant)
        node.value = how[1]
    elif kind == "name":
        assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        node.func.id = how[1]
    elif kind == "pass":
        return ast.copy_location(ast.Pass(), node)
    return None


class _Replace(ast.NodeTransformer):
    def __init__(self, target: ast.AST, replacement: ast.AST) -> None:
        self.target, self.replacement = target, replacement

    def generic_visit(self, node: ast.AST) -> ast.AST:
        if node is self.target:
            return self.replacement
        return super().generic_visit(node)


def python_mutants(path: Path) -> list[Mutant]:
    text = path.read_text(encoding="utf-8")
    rel = str(path.relative_to(ROOT))
    functions = _function_lines(ast.parse(text))
    count = sum(1 for _ in _python_edits(ast.parse(text)))
    out = []
    for index in range(count):
        tree = ast.parse(text)
        node, description, how = list(_python_edits(tree))[index]
        line = getattr(node, "lineno", 0)
        replacement = _apply(node, how)
        if replacement is not None:
            tree = _Replace(node, replacement).visit(tree)
        ast.fix_missing_locations(tree)
        source = ast.unparse(tree)
        inside = any(start <= line <= end for start, end in functions)
        out.append(Mutant(rel, f"{rel}:{index}", line, description, module_level=not inside, source=source))
    return out


# -- declarative mutants ---------------------------------------------------------------------------------------------

_WHERE_FLIPS = {"eq": "ne", "ne": "eq", "in": "not_in", "not_in": "in", "lt": "ge", "ge": "lt", "le": "gt",
                "gt": "le"}
_COUNT_FLIPS = {"eq": "ne", "ne": "eq", "lt": "ge", "ge": "lt", "le": "gt", "gt": "le"}


def _filter_op(value: Any) -> tuple[str, Any]:
    if isinstance(value, dict) and len(value) == 1:
        op, operand = next(iter(value.items()))
        return str(op), operand
    return "eq", value


def _changed(operand: Any) -> Any:
    if isinstance(operand, bool):
        return operand
    if isinstance(operand, int):
        return operand + 1
    if isinstance(operand, list):
        return operand[1:] if len(operand) > 1 else ["~mutant~"]
    return "~mutant~"


def _check_edits(check: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Yield (description, function that mutates a copy of the check in place)."""
    patterns: list[tuple[str, dict[str, Any]]] = [(f"when[{i}]", p) for i, p in enumerate(check.get("when", []))]
    patterns += [(f"unless[{i}]", p) for i, p in enumerate(check.get("unless", []))]
    if check.get("count"):
        patterns.append(("count", check["count"]))

    def at(c: dict[str, Any], where: str) -> dict[str, Any]:
        if where == "count":
            return c["count"]  # type: ignore[no-any-return]
        name, index = where.rstrip("]").split("[")
        return c[name][int(index)]  # type: ignore[no-any-return]

    for where, pattern in patterns:
        groups: list[tuple[str, Any]] = [("where", lambda p: p["where"])] if pattern.get("where") else []
        for alt in range(len(pattern.get("where_any") or [])):
            groups.append((f"where_any[{alt}]", lambda p, alt=alt: p["where_any"][alt]))
        for group_name, get in groups:
            for key, value in get(pattern).items():
                op, operand = _filter_op(value)

                def flip(c: dict[str, Any], w: str = where, g: Any = get, k: str = key, o: str = op,
                         v: Any = operand) -> None:
                    g(at(c, w))[k] = {_WHERE_FLIPS[o]: v}

                def change(c: dict[str, Any], w: str = where, g: Any = get, k: str = key, o: str = op,
                           v: Any = operand) -> None:
                    g(at(c, w))[k] = {o: _changed(v)}

                def drop(c: dict[str, Any], w: str = where, g: Any = get, k: str = key) -> None:
                    del g(at(c, w))[k]

                label = f"{where}.{group_name}.{key}"
                if op in _WHERE_FLIPS:
                    yield f"{label}: {op} -> {_WHERE_FLIPS[op]}", flip
                yield f"{label}: value {operand!r} -> {_changed(operand)!r}", change
                yield f"{label}: dropped", drop
        for key, value in (pattern.get("join") or {}).items():
            ops = value if isinstance(value, list) else [value]
            for j, one in enumerate(ops):
                op, ref = next(iter(one.items()))

                def jflip(c: dict[str, Any], w: str = where, k: str = key, j: int = j, o: str = op,
                          r: Any = ref) -> None:
                    join = at(c, w)["join"]
                    items = join[k] if isinstance(join[k], list) else [join[k]]
                    items[j] = {_COUNT_FLIPS[o]: r}
                    join[k] = items

                def jdrop(c: dict[str, Any], w: str = where, k: str = key) -> None:
                    del at(c, w)["join"][k]

                yield f"{where}.join.{key}: {op} -> {_COUNT_FLIPS[op]}", jflip
                if j == 0:
                    yield f"{where}.join.{key}: dropped", jdrop
        if where.startswith("unless"):
            def udrop(c: dict[str, Any], w: str = where) -> None:
                c["unless"].pop(int(w.rstrip("]").split("[")[1]))
                if not c["unless"]:
                    del c["unless"]

            yield f"{where}: dropped", udrop
    if check.get("count"):
        count = check["count"]

        def cflip(c: dict[str, Any]) -> None:
            c["count"]["op"] = _COUNT_FLIPS[c["count"]["op"]]

        def cvalue(c: dict[str, Any]) -> None:
            c["count"]["value"] = c["count"]["value"] + 1

        def cdrop(c: dict[str, Any]) -> None:
            del c["count"]

        yield f"count: {count['op']} -> {_COUNT_FLIPS[count['op']]}", cflip
        yield f"count: value {count['value']} -> {count['value'] + 1}", cvalue
        yield "count: dropped", cdrop


def _valid(text: str, source: str) -> bool:
    from quyche_rules.errors import QuycheError
    from quyche_rules.lang import load_checks

    try:
        load_checks(text, source=source)
    except QuycheError:
        return False
    return True


def _dump(data: Any) -> str:
    return str(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6))


def yaml_mutants(path: Path) -> tuple[list[Mutant], int]:
    """Return the valid mutants of a rule file and how many invalid ones were left out."""
    rel = str(path.relative_to(ROOT))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out, invalid = [], 0
    for c_index, check in enumerate(data["checks"]):
        for e_index, (description, edit) in enumerate(_check_edits(check)):
            mutated = copy.deepcopy(data)
            edit(mutated["checks"][c_index])
            text = _dump(mutated)
            if not _valid(text, rel):
                invalid += 1
                continue
            out.append(Mutant(rel, f"{check['code']}:{e_index}", 0, f"{check['code']} {description}",
                              code=check["code"], source=text))
    return out, invalid


# -- test selection ----------------------------------------------------------------------------------------------------

_TRACER = r'''
"""pytest plugin: the lines of the mutation targets each test executes (written by benchmarks/mutation.py).

Lines executed outside any test (at import, while collecting: the registry, module constants) are recorded
under "__session__"; a mutant there runs every test.
"""
import json, os, sys, threading
import pytest

TARGETS = tuple(json.loads(os.environ["MUTATION_TARGETS"]))
LINES = {}
_session = set()
_current = _session

def _local(frame, event, arg):
    if event == "line":
        _current.add((frame.f_code.co_filename, frame.f_lineno))
    return _local

def _global(frame, event, arg):
    if frame.f_code.co_filename.endswith(TARGETS):
        _current.add((frame.f_code.co_filename, frame.f_lineno))
        return _local
    return None

sys.settrace(_global)
threading.settrace(_global)

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    global _current
    _current = set()
    sys.settrace(_global)
    try:
        yield
    finally:
        LINES[item.nodeid] = sorted({f"{os.path.basename(f)}:{n}" for f, n in _current})
        _current = _session

def pytest_sessionfinish(session):
    LINES["__session__"] = sorted({f"{os.path.basename(f)}:{n}" for f, n in _session})
    with open(os.environ["MUTATION_LINES"], "w", encoding="utf-8") as handle:
        json.dump(LINES, handle)
'''


def _env(copy_root: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(copy_root), "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
    env.pop("QUYCHE_DEBUG", None)
    env.update(extra)
    return env


def collect(copy_root: Path) -> list[str]:
    proc = subprocess.run([*PYTEST, "--collect-only", TESTS], cwd=copy_root, env=_env(copy_root),
                          capture_output=True, text=True, check=True)
    nodeids = [line for line in proc.stdout.splitlines() if "::" in line]
    if not nodeids:
        raise SystemExit(f"no check tests collected:\n{proc.stdout[-2000:]}")
    return nodeids


def coverage(copy_root: Path) -> dict[str, list[str]]:
    """Run the check tests once with line tracing; return nodeid -> ["builder.py:123", …]."""
    (copy_root / "_mutation_trace.py").write_text(_TRACER, encoding="utf-8")
    lines_file = copy_root / "_mutation_lines.json"
    names = [p.name for p in PYTHON_TARGETS]
    env = _env(copy_root, MUTATION_TARGETS=json.dumps(names), MUTATION_LINES=str(lines_file))
    command = [a for a in PYTEST if a != "-x"]
    proc = subprocess.run([*command, "-p", "_mutation_trace", TESTS], cwd=copy_root, env=env,
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"the check tests fail without any mutant:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}")
    result: dict[str, list[str]] = json.loads(lines_file.read_text(encoding="utf-8"))
    return result


def codes_of_tests(nodeids: list[str]) -> dict[str, set[str]]:
    """The QC codes each test mentions (in its source, or its parameters)."""
    source_codes: dict[tuple[str, str], set[str]] = {}
    for path in sorted((ROOT / TESTS).glob("test_*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        text = path.read_text(encoding="utf-8").splitlines()
        rel = str(path.relative_to(ROOT))
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test"):
                body = "\n".join(text[node.lineno - 1:node.end_lineno])
                source_codes[(rel, node.name)] = set(re.findall(r"QC\d{3}", body))
    out = {}
    for nodeid in nodeids:
        file, _, rest = nodeid.partition("::")
        name = rest.split("[")[0]
        codes = set(source_codes.get((file, name), set()))
        codes.update(re.findall(r"QC\d{3}", rest[len(name):]))
        out[nodeid] = codes
    return out


# -- running -----------------------------------------------------------------------------------------------------------

def identity_check(copy_root: Path, targets: set[str]) -> None:
    """Rewrite every target as its mutants are written, without a change, and run the tests: they must pass.

    (Mutants are whole files written by ``ast.unparse`` or ``yaml.safe_dump``; were the rewriting itself to
    break a test, every mutant of that file would count as killed.)
    """
    originals = {t: (copy_root / t).read_bytes() for t in targets}
    try:
        for target in targets:
            path = copy_root / target
            text = path.read_text(encoding="utf-8")
            path.write_text(ast.unparse(ast.parse(text)) if target.endswith(".py") else _dump(yaml.safe_load(text)),
                            encoding="utf-8")
        proc = subprocess.run([*PYTEST, TESTS], cwd=copy_root, env=_env(copy_root), capture_output=True, text=True,
                              check=False)
        if proc.returncode != 0:
            raise SystemExit(f"the check tests fail on the rewritten, unmutated files:\n{proc.stdout[-3000:]}")
    finally:
        for target, raw in originals.items():
            (copy_root / target).write_bytes(raw)


def make_copy(base: Path) -> Path:
    for name in COPY:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, base / name, ignore=shutil.ignore_patterns("__pycache__", ".hypothesis"))
        else:
            shutil.copy2(source, base / name)
    return base


def run_mutant(mutant: Mutant, copy_root: Path, tests: list[str], timeout: float) -> None:
    assert tests, "a mutant runs at least one test (pytest given none would run the whole suite)"
    target = copy_root / mutant.target
    original = target.read_bytes()
    started = time.perf_counter()
    try:
        target.write_text(mutant.source, encoding="utf-8")
        try:
            proc = subprocess.run([*PYTEST, *tests], cwd=copy_root, env=_env(copy_root), capture_output=True,
                                  timeout=timeout, check=False)
            mutant.status = "survived" if proc.returncode == 0 else "killed"
            if proc.returncode not in (0, 1):
                mutant.status = "killed"  # an import or collection error: the mutant broke the module
        except subprocess.TimeoutExpired:
            mutant.status = "timeout"
    finally:
        target.write_bytes(original)
    mutant.seconds = time.perf_counter() - started
    mutant.tests = len(tests)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--targets", default="python,yaml", help="python, yaml or both (default)")
    parser.add_argument("--only", default="", help="only targets whose path contains this")
    parser.add_argument("--list", action="store_true", help="list the mutants and exit")
    parser.add_argument("--json", type=Path, default=None, help="write every mutant's result here")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per mutant (a timeout kills)")
    args = parser.parse_args()
    kinds = {k.strip() for k in args.targets.split(",")}
    started = time.perf_counter()
    mutants: list[Mutant] = []
    invalid: dict[str, int] = {}
    if "python" in kinds:
        for path in PYTHON_TARGETS:
            if args.only in str(path):
                mutants += python_mutants(path)
    if "yaml" in kinds:
        sys.path.insert(0, str(ROOT))
        for path in YAML_TARGETS:
            if args.only in str(path):
                found, left_out = yaml_mutants(path)
                mutants += found
                invalid[str(path.relative_to(ROOT))] = left_out
    if args.list:
        for m in mutants:
            print(f"{m.ident:<44} line {m.line:<5} {m.description}")
        print(f"{len(mutants)} mutants; invalid declarative mutants left out: {sum(invalid.values())}")
        return 0

    work = Path(tempfile.mkdtemp(prefix="quyche-mutation-"))
    try:
        copies: Queue[Path] = Queue()
        for i in range(max(args.jobs, 1)):
            copies.put(make_copy(work / f"copy-{i}"))
        first = copies.get()
        identity_check(first, {m.target for m in mutants})
        nodeids = collect(first)
        lines = coverage(first) if any(m.target.endswith(".py") for m in mutants) else {}
        copies.put(first)
        session = set(lines.pop("__session__", ()))
        codes = codes_of_tests(nodeids)
        generic = [n for n in nodeids if not codes[n]]
        prepared = time.perf_counter() - started
        plan: list[tuple[Mutant, list[str]]] = []
        for m in mutants:
            if m.target.endswith(".yaml"):
                about = [n for n in nodeids if m.code in codes[n]]
                plan.append((m, about + [n for n in nodeids if n not in about]))
            else:
                key = f"{Path(m.target).name}:{m.line}"
                covering = [n for n in nodeids if key in lines.get(n, ())]
                if m.module_level or key in session:  # run at import or collection: every test depends on it
                    plan.append((m, covering + [n for n in nodeids if n not in covering]))
                elif covering:
                    plan.append((m, covering))
                else:
                    m.status = "no-coverage"
        print(f"{len(mutants)} mutants ({len(plan)} to run; {len(nodeids)} check tests, {len(generic)} not about "
              f"one code); prepared in {prepared:.0f} s", flush=True)

        def one(item: tuple[Mutant, list[str]]) -> Mutant:
            mutant, tests = item
            root = copies.get()
            try:
                run_mutant(mutant, root, tests, args.timeout)
            finally:
                copies.put(root)
            return mutant

        done = 0
        with ThreadPoolExecutor(max_workers=max(args.jobs, 1)) as pool:
            for mutant in pool.map(one, plan):
                done += 1
                if mutant.status == "survived" or done % 50 == 0:
                    print(f"[{done}/{len(plan)}] {mutant.status:<9} {mutant.ident:<40} {mutant.description}",
                          flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    elapsed = time.perf_counter() - started
    return report(mutants, invalid, elapsed, args.jobs, args.json)


def report(mutants: list[Mutant], invalid: dict[str, int], elapsed: float, jobs: int, out: Path | None) -> int:
    by_target: dict[str, list[Mutant]] = {}
    for m in mutants:
        by_target.setdefault(m.target, []).append(m)
    print(f"\nMutation score (killed / total), {jobs} workers, {elapsed / 60:.1f} min")
    print(f"{'target':<52}{'killed':>8}{'total':>7}{'score':>8}  survivors")
    killed_all = total_all = 0
    for target, ms in sorted(by_target.items()):
        killed = sum(m.status in ("killed", "timeout") for m in ms)
        killed_all, total_all = killed_all + killed, total_all + len(ms)
        left = f"  ({invalid[target]} invalid left out)" if invalid.get(target) else ""
        print(f"{target:<52}{killed:>8}{len(ms):>7}{killed / len(ms):>8.1%}  "
              f"{len(ms) - killed}{left}")
    if total_all:
        print(f"{'total':<52}{killed_all:>8}{total_all:>7}{killed_all / total_all:>8.1%}")
    survivors = [m for m in mutants if m.status in ("survived", "no-coverage")]
    if survivors:
        print("\nSurviving mutants:")
        for m in survivors:
            where = f"{m.target}:{m.line}" if m.line else m.target
            print(f"  {m.status:<11} {where:<48} {m.description}")
    if out is not None:
        out.write_text(json.dumps([{k: v for k, v in asdict(m).items() if k != "source"} for m in mutants],
                                  ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
