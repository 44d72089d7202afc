"""The runner: Python checks that do not read the facts run first (beside, on a large regulation), the same answer."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from quyche_rules import parallel
from quyche_rules.checks import runner as runner_mod
from quyche_rules.checks.catalogue import all_checks
from quyche_rules.checks.runner import build_context, run_checks
from quyche_rules.checks.spec import CheckContext, CheckSpec
from quyche_rules.errors import ConfigError, InternalError
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.loading import LoadedRegulation, load_regulation
from tests.conftest import ROOT

MODELS = [ROOT / "rules" / name for name in ("ubdt-2017", "ubdt-2023", "chinh-phu-2026")]


@pytest.fixture(scope="module")
def loaded() -> list[LoadedRegulation]:
    return [load_regulation(folder) for folder in MODELS]


@pytest.fixture()
def beside(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Fork for the Python checks whatever the size (and the cores); return the names of what was forked."""
    if sys.platform != "linux":
        pytest.skip("fork is used on Linux only")
    monkeypatch.setattr(runner_mod, "PARALLEL_PROVISIONS", 0)
    monkeypatch.setattr(parallel, "available", lambda: True)
    started: list[str] = []
    real = parallel.beside
    monkeypatch.setattr(parallel, "beside", lambda func, *args: started.append(func.__name__) or real(func, *args))
    return started


def _spec(code: str, reads_facts: bool, func: object) -> CheckSpec:
    model = all_checks()["QC101"]
    return CheckSpec(code=code, name="probe", severity=model.severity, title=model.title, message=model.message,
                     rationale=model.rationale, fix=model.fix, legal_basis=(), examples=None,
                     func=func, reads_facts=reads_facts)  # type: ignore[arg-type]


def test_python_checks_beside_give_the_findings_of_one_process(loaded: list[LoadedRegulation], beside: list[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as serial_only:
        serial_only.setattr(parallel, "available", lambda: False)
        serial = [run_checks(x, engine="reference") for x in loaded]
    assert beside == []
    forked = [run_checks(x, engine="reference") for x in loaded]
    assert beside == ["_python_hits"] * len(loaded)
    for one, two in zip(serial, forked, strict=True):
        assert one.findings == two.findings and one.suppressed == two.suppressed
    assert sum(len(one.findings) + len(one.suppressed) for one in serial) > 10


def test_a_check_that_reads_the_facts_without_saying_so_fails_loudly(loaded: list[LoadedRegulation]) -> None:
    def sly(ctx: CheckContext) -> Iterator[Hit]:
        ctx.shared["facts read"] = len(ctx.facts)
        yield from ()

    with pytest.raises(InternalError) as info:
        run_checks(loaded[0], engine="reference", extra_specs=[_spec("QC990", False, sly)])
    assert "reads_facts=True" in info.value.fix.en
    run_checks(loaded[0], engine="reference", extra_specs=[_spec("QC990", True, sly)])  # declared: it runs after


def test_the_facts_not_derived_yet_refuse_every_reading(loaded: list[LoadedRegulation]) -> None:
    ctx = runner_mod.base_context(loaded[0])
    for read in (list, len, bool, lambda f: f[0], lambda f: {"kind": "x"} in f):
        with pytest.raises(InternalError):
            read(ctx.facts)
    assert len(build_context(loaded[0]).facts) > 0  # the whole context has them


def test_an_error_in_a_python_check_beside_reaches_the_caller(loaded: list[LoadedRegulation],
                                                              beside: list[str]) -> None:
    def broken(ctx: CheckContext) -> Iterator[Hit]:
        raise ConfigError(Text.of("hỏng", "broken"))
        yield

    with pytest.raises(ConfigError) as info:
        run_checks(loaded[0], engine="reference", extra_specs=[_spec("QC991", False, broken)])
    assert info.value.what.en == "broken" and "_python_hits" in beside


def test_small_regulations_and_one_core_keep_the_python_checks_here(loaded: list[LoadedRegulation],
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str] = []
    real = parallel.beside
    monkeypatch.setattr(parallel, "beside", lambda func, *args: started.append(func.__name__) or real(func, *args))
    monkeypatch.setattr(parallel, "available", lambda: True)
    run_checks(loaded[0], engine="reference")  # 300 provisions: under PARALLEL_PROVISIONS
    monkeypatch.setattr(runner_mod, "PARALLEL_PROVISIONS", 0)
    monkeypatch.setattr(runner_mod, "PARALLEL_MAX_PROVISIONS", 1)  # above the cap
    run_checks(loaded[0], engine="reference")
    monkeypatch.setattr(parallel, "available", lambda: False)
    monkeypatch.setattr(runner_mod, "PARALLEL_MAX_PROVISIONS", 10**9)
    run_checks(loaded[0], engine="reference")
    assert "_python_hits" not in started


def test_a_check_makes_no_graph_and_one_a_check_reads_is_dropped_before_the_facts(
        monkeypatch: pytest.MonkeyPatch, loaded: list[LoadedRegulation]) -> None:
    """No built-in check reads the responsibility graph; one that does makes it once, and the facts never see it."""
    import quyche_rules.graph as graph_mod

    made: list[int] = []
    real = graph_mod.build_graph
    monkeypatch.setattr(graph_mod, "build_graph", lambda *a, **k: made.append(1) or real(*a, **k))
    monkeypatch.setattr(parallel, "available", lambda: False)
    seen: list[bool] = []
    derive = runner_mod.derive_facts

    def derive_and_look(reg: object, **kwargs: object) -> object:
        seen.append(any("graph" in vars(c) for c in contexts))
        return derive(reg, **kwargs)  # type: ignore[arg-type]

    contexts: list[CheckContext] = []
    base = runner_mod.base_context
    monkeypatch.setattr(runner_mod, "base_context", lambda *a: contexts.append(base(*a)) or contexts[-1])
    monkeypatch.setattr(runner_mod, "derive_facts", derive_and_look)
    for regulation in loaded:
        contexts.clear()
        run_checks(regulation)
    assert made == [] and seen == [False, False, False]

    def reads_the_graph(ctx: CheckContext) -> Iterator[Hit]:
        assert ctx.graph.number_of_nodes() > 0
        yield from ()

    run_checks(loaded[0], engine="reference", extra_specs=[_spec("QC992", False, reads_the_graph)])
    assert made == [1] and seen == [False, False, False, False]


def test_a_graph_dropped_is_made_again_alike(loaded: list[LoadedRegulation]) -> None:
    ctx = build_context(loaded[0])
    first = ctx.graph
    edges, nodes = list(first.edges(keys=True, data=True)), dict(first.nodes(data=True))
    assert edges and nodes
    ctx.forget_graph()
    assert first.number_of_nodes() == 0  # emptied: its memory is freed at once
    again = ctx.graph
    assert again is not first and list(again.edges(keys=True, data=True)) == edges
    assert dict(again.nodes(data=True)) == nodes


def test_a_disagreement_of_durable_beside_still_fails_the_run(monkeypatch: pytest.MonkeyPatch,
                                                               loaded: list[LoadedRegulation]) -> None:
    """The findings are made from the reference engine's answer while durable-rules runs; it must agree."""
    from quyche_rules.engines import compare as compare_mod
    from quyche_rules.engines import durable_available
    from quyche_rules.errors import EngineDisagreement

    if sys.platform != "linux" or not durable_available():
        pytest.skip("durable-rules beside needs fork and durable-rules")
    monkeypatch.setattr(compare_mod, "PARALLEL_FACTS", 0)
    monkeypatch.setattr(compare_mod.parallel, "available", lambda: True)
    monkeypatch.setattr(runner_mod, "PARALLEL_PROVISIONS", 10**9)
    assert run_checks(loaded[0]).findings == run_checks(loaded[0], engine="reference").findings
    monkeypatch.setattr(compare_mod, "_durable_matches", lambda checks, facts: [])
    with pytest.raises(EngineDisagreement):
        run_checks(loaded[0])
