"""The earlier version of a comparison, kept in the cache: a diff run again after an edit checks one version.

``quyche diff OLD NEW``, ``quyche report --against`` and a base with its drafts check both versions as of one
day. The earlier one is usually the base, unchanged from one run to the next while the draft is edited, so what
the comparison needs of it (its regulation, its findings, what each actor holds) is kept in the cache of checked
regulations (:mod:`quyche_rules.workspace.cache`): keyed by its files, where it is, the tool, the day, the engine
and the codes selected, signed, never trusted when foreign or stale. The next comparison with the same base on
the same day reads it instead of loading and checking the base again.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection
from functools import partial
from pathlib import Path

from quyche_rules.amend.compare import CheckedVersion
from quyche_rules.cachedir import cache_on
from quyche_rules.engines import EngineChoice
from quyche_rules.workspace.cache import Cache

__all__ = ["KnownVersions"]


class KnownVersions:
    """The checked versions of one run's settings; ``enabled`` False makes every lookup a miss, every keep a no-op."""

    def __init__(self, engine: EngineChoice, select: Collection[str] | None, *, enabled: bool = True) -> None:
        self._engine = engine
        self._select = "*" if select is None else ",".join(sorted(select))
        self.enabled = cache_on(enabled)

    def _store(self, day: dt.date) -> Cache:
        return Cache(("compared-version", self._engine, day.isoformat(), self._select), enabled=self.enabled)

    def get(self, folder: Path, day: dt.date) -> tuple[CheckedVersion | None, Callable[[CheckedVersion], None]]:
        """Return (the version of ``folder`` checked on ``day``, or None; how to keep it once checked)."""
        store = self._store(day)
        key, hit = store.get(folder)
        keep = partial(_keep, store, key, folder)
        if not isinstance(hit, CheckedVersion):
            return None, keep
        return hit, keep


def _keep(store: Cache, key: str | None, folder: Path, version: CheckedVersion) -> None:
    store.put(key, version, folder)
