from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="module")
def monkeypatch_module() -> Iterator[pytest.MonkeyPatch]:
    """A monkeypatch usable from hypothesis tests (function-scoped fixtures are not reset per example)."""
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()
