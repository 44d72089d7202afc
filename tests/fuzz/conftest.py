from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fuzz.engine import Stats


def report(stats: Stats) -> str:
    lines = [f"{stats.target}: {stats.tried} inputs, {stats.diagnostics} diagnostics, {stats.failures} failures"]
    for failure in stats.unique.values():
        lines += [f"  {failure.kind} at {failure.where}: {failure.message}", f"    input: {failure.data[:400]!r}",
                  failure.trace]
    return "\n".join(lines)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    yield tmp_path_factory.mktemp("fuzz")
