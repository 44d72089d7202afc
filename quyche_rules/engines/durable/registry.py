"""The durable host without timer threads, and the cache of registered rulesets.

A default ``Host`` starts background timer threads that run actions on their own and make asserts
return before their matches are delivered; ours never starts them. A new ruleset per run leaks about
9 MB, so compiled rulesets are kept (LRU) and reused, and an evicted or broken one is deleted from the
engine and from the host's directory.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from quyche_rules.engines.durable.compile import Rule
from quyche_rules.engines.durable.values import SENTINEL

__all__ = ["LOCK", "REGISTRY", "Registry", "Ruleset"]


class _SyncHostFactory:
    """Creates, once, a durable Host subclass without the background timer threads."""

    host: Any = None

    @classmethod
    def get(cls) -> Any:
        if cls.host is None:
            from durable import engine  # lazy: durable-rules is optional

            class _SyncHost(engine.Host):  # type: ignore[misc]
                """A Host that never starts the timer threads (they run actions on their own)."""

                def _run(self) -> None:
                    return None

            cls.host = _SyncHost()
        return cls.host


@dataclass
class Ruleset:
    """A registered durable ruleset, reused across sessions."""

    name: str
    handle: int
    rules: dict[str, Rule]
    sink: list[dict[str, Any]] = field(default_factory=list)
    broken: bool = False

    def action(self, c: Any) -> None:
        """The one-argument action every rule is registered with: only appends.

        durable-rules requires one; our drain (:mod:`~quyche_rules.engines.durable.session`) reads the payloads
        itself, so it is called only if the host ever ran actions on its own.
        """
        self.sink.append(c)


class Registry:
    """The LRU cache of compiled rulesets; deletes evicted ones from the engine and the host."""

    def __init__(self) -> None:
        self.cache: OrderedDict[str, Ruleset] = OrderedDict()
        self.counter = itertools.count()

    def get(self, rules: Sequence[Rule], size: int) -> Ruleset:
        """Return the registered ruleset of ``rules`` plus the sentinel rule; keep at most ``size``."""
        definition = {r.name: r.definition() for r in rules}
        definition["sentinel"] = {"all": [{"m": {SENTINEL: 1}}]}
        key = json.dumps(definition, sort_keys=True)
        hit = self.cache.get(key)
        if hit is not None and not hit.broken:
            self.cache.move_to_end(key)
            hit.rules = {r.name: r for r in rules}
            return hit
        if hit is not None:
            self._drop(key)
        host = _SyncHostFactory.get()
        name = f"quyche_{next(self.counter)}"
        holder = Ruleset(name, 0, {r.name: r for r in rules})
        with_actions = {k: dict(v, run=holder.action) for k, v in definition.items()}
        host.register_rulesets({name: with_actions})
        holder.handle = host.get_ruleset(name)._handle
        self.cache[key] = holder
        while len(self.cache) > size:
            self._drop(next(iter(self.cache)))
        return holder

    def _drop(self, key: str) -> None:
        import durable_rules_engine  # type: ignore[import-not-found,unused-ignore]  # lazy: optional engine

        holder = self.cache.pop(key)
        host = _SyncHostFactory.get()
        try:
            durable_rules_engine.delete_ruleset(holder.handle)
        finally:
            ruleset = host._ruleset_directory.pop(holder.name, None)
            if ruleset is not None and ruleset in host._ruleset_list:
                host._ruleset_list.remove(ruleset)

    def clear(self) -> None:
        """Delete every cached ruleset."""
        while self.cache:
            self._drop(next(iter(self.cache)))


REGISTRY = Registry()
LOCK = threading.Lock()
