"""Memory stays flat over many consecutive durable-rules runs in one process."""

from __future__ import annotations

import pytest

from quyche_rules.engines import ReferenceEngine
from quyche_rules.lang import parse_checks

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

durable = pytest.importorskip("quyche_rules.engines.durable")
if not durable.durable_available():  # pragma: no cover
    pytest.skip("durable-rules not importable", allow_module_level=True)

CHECKS = """
checks:
  - code: QC301
    name: multiple-leads
    severity: error
    title: {vi: t, en: t}
    message: {vi: m, en: m}
    rationale: {vi: r, en: r}
    fix: {vi: f, en: f}
    when: [{bind: t, kind: task}]
    unless: [{kind: coop, join: {task: {eq: t.id}}}]
    count: {bind: g, kind: duty, where: {role: lead}, join: {task: {eq: t.id}}, op: ge, value: 2}
"""


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    raise AssertionError("no VmRSS")  # pragma: no cover


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_rss_flat_over_200_runs() -> None:
    checks = parse_checks(CHECKS, source="mem.yaml")
    facts: list[dict[str, int | str]] = []
    for t in range(200):
        facts.append({"kind": "task", "fid": f"t{t}", "seq": len(facts), "id": f"t{t}"})
        for k in range(3):
            facts.append(
                {
                    "kind": "duty",
                    "fid": f"d{t}.{k}",
                    "seq": len(facts),
                    "task": f"t{t}",
                    "role": "lead" if (t + k) % 2 else "cooperate",
                }
            )
        if t % 5 == 0:
            facts.append({"kind": "coop", "fid": f"c{t}", "seq": len(facts), "task": f"t{t}"})
    engine = durable.DurableEngine()
    expected = ReferenceEngine().run(checks, facts)
    assert expected
    for _ in range(20):  # warm up: ruleset compiled, allocator pools grown
        assert engine.run(checks, facts) == expected
    before = rss_mb()
    for _ in range(200):
        assert engine.run(checks, facts) == expected
    growth = rss_mb() - before
    assert growth < 30, f"RSS grew by {growth:.1f} MB over 200 runs"
