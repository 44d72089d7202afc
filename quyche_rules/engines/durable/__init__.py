"""The durable-rules 2.0.28 adapter: every use of durable-rules goes through here.

durable-rules gives wrong answers when used naively (``../shared/research/durable-rules.md``,
DESIGN section 6). This package compiles each :class:`~quyche_rules.lang.model.Check` into rulesets
and defends against every measured hazard; the defences, and where they are:

* **Background timer threads** run actions on their own and make ``assert_facts`` return early:
  the host of :mod:`.registry` overrides ``Host._run`` (no threads); :mod:`.session` runs the
  ``start_action`` / ``complete_and_start_action`` loop itself, calling one-argument actions that only
  append (two-argument actions would be "asynchronous" and stall dispatch).
* **32-bit message-id index** (a second fact with the same FNV-1a hash is dropped): every fact of a
  session gets an explicit ``id`` whose :func:`fnv1a32` (ported from ``state.c``, signed ``char`` bytes)
  is unique in the session, re-salting on collision (:class:`.values.IdPool`, computed once per process).
  Property names and rule aliases are also looked up by hash only: :class:`.values.Names` and the
  compiler check them collision-free (also against ``id`` and ``sid``).
* **Batch asserts keep only one status** (and stop silently at a fact they cannot store): facts go in
  with ``assert_facts``, a thousand per call, and every call must answer 0 (measured: it answers 1 or 2
  if any fact of the batch matched no rule or had an id seen before); after the drain the ids that
  ``get_facts`` returns must be exactly the ids asserted, which proves each fact stored. Only facts that
  some pattern's literal tests accept are asserted (:mod:`.select`, by set operations on a per-run
  index), so durable must store every one: for the others it would answer "matched no rule" and store
  nothing (at 10,000 provisions they are seven facts in ten).
* **Join-evaluation overrun** (segfaults, wrong answers with ``|`` in joins): every join condition
  ends with an always-true guard test (``z_g`` equal on both facts, :mod:`.compile`); no ``|`` is
  ever emitted: ``where_any`` and ``in`` are compiled into separate rules whose results are unioned,
  and a negated alternative becomes one more ``none``.
* **Order-dependent ``none``**: facts of negated kinds are asserted as separate negation copies
  (kind tag ``n...``) *before* all other facts of their session (first in the batches, which durable
  takes in order), and nothing is ever retracted.
* **Value quirks** (``7`` vs ``7.0``, exponent floats, int/str compared as text, 16-bit string
  lengths): :func:`.values.encode` maps strings to an injective, escape-free ``s...``/``x<hex>`` form
  (so a string never equals an integer), integers stay int64; ordering tests first test an
  integer-type flag ``t_<field>`` so a string never satisfies them. At most 255 properties per fact.
* **Session size** (collisions, memory ~9 KB per stored fact, and a store cost that grows with the
  facts already stored): sessions hold at most :data:`SESSION_BOUND` facts, partitioned by a key of
  :func:`partition_key` that every join compares for equality (:mod:`.partition`); checks whose keys
  agree share rulesets and sessions (:mod:`.grouping`), and a partition with no fact for a check's
  first pattern is not asserted for it.
* **``delete_state`` segfaults on a state that never dispatched**: a sentinel rule and sentinel fact
  are asserted and dispatched first in every session; state and (on eviction or error) ruleset are
  deleted in ``finally`` blocks and removed from the host directory.
* **Leaks with a new ruleset per run**: each compiled ruleset is cached (LRU) and reused with
  ``delete_state`` after every session, so memory stays flat.
* **Post-session verification**: nothing pending after the drain; the stored fact ids equal the
  asserted ones; the sentinel fired once; no match tuple twice.
* **1,024 states per ruleset** (then ``MemoryError`` and a crash on retry): one state (sid ``"0"``)
  per ruleset at a time, deleted after each session.
* ``count(n)`` is never used: counts are computed in Python from the matches.

Importing this package never imports durable; :func:`durable_available` says whether it can be imported.
"""

from __future__ import annotations

from collections.abc import Sequence

from quyche_rules.engines.base import Match, sort_matches, validate_checks, validate_facts
from quyche_rules.engines.durable.engine import Limits, evaluate
from quyche_rules.engines.durable.partition import PartitionKey, partition_key
from quyche_rules.engines.durable.registry import LOCK, REGISTRY
from quyche_rules.engines.durable.values import assign_ids as _assign_ids  # noqa: F401  # for the tests
from quyche_rules.engines.durable.values import encode as _encode  # noqa: F401  # for the tests
from quyche_rules.engines.durable.values import fnv1a32
from quyche_rules.errors import ConfigError
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import Fact
from quyche_rules.lang.model import Check

__all__ = [
    "LARGE_SESSION_CAP",
    "MAX_RULES_PER_CHECK",
    "RULES_PER_RULESET",
    "SESSION_BOUND",
    "DurableEngine",
    "PartitionKey",
    "durable_available",
    "fnv1a32",
    "partition_key",
]

SESSION_BOUND = 1_000
"""Facts per session when the facts can be partitioned (DESIGN section 6: at most 20,000).

Storing a fact costs durable time in proportion to the facts already stored in the session (its fact
index has 512 buckets): measured, about 2 µs per fact in sessions of up to 2,000 facts, 3 µs at 4,000,
7 µs at 10,000 and 13 µs at 40,000. Sessions this small keep the cost per fact the same at any input size,
which is what makes the adapter linear; a session costs little more than its facts.
"""

LARGE_SESSION_CAP = 50_000
"""Largest single session for a partition or check that cannot be split.

The session bound exists for three reasons: 32-bit message-id collisions (odds ~s²/2³³), memory
(~9 KB per stored fact) and the store cost above. Collisions cannot happen here, because every id is
chosen collision-free, so a larger session is exact, only slower; what remains is memory, which at
50,000 facts is below ~450 MB. The research measured exact results up to 50,000 facts per session.
Beyond this cap the engine raises instead of answering.
"""

RULES_PER_RULESET = 16
"""Rules per compiled ruleset (plus the sentinel); more rules are split over several rulesets."""

MAX_RULES_PER_CHECK = 256
"""A check whose disjunctions expand to more rules than this is refused (ConfigError)."""

RULESET_CACHE_SIZE = 64
"""Compiled rulesets kept for reuse (LRU); evicted ones are deleted from the engine."""

_available: bool | None = None


def durable_available() -> bool:
    """Return whether durable-rules imports here (never raises; False on Python 3.13+)."""
    global _available
    if _available is None:
        try:
            import durable.engine  # noqa: F401  # lazy: durable-rules is optional (a C extension, not on 3.13)
            import durable_rules_engine  # type: ignore[import-not-found,unused-ignore]  # noqa: F401  # lazy: as above
        except Exception:
            _available = False
        else:
            _available = True
    return _available


class DurableEngine:
    """Evaluate checks with durable-rules, behind every defence of this package."""

    name = "durable"

    def run(self, checks: Sequence[Check], facts: Sequence[Fact], *, validated: bool = False) -> list[Match]:
        """Evaluate ``checks`` over ``facts``; return the sorted, de-duplicated matches.

        Raises:
            ConfigError: durable-rules does not import here, or a check expands to too many rules.
            InternalError: the facts break the contract, or the engine misbehaved.
        """
        if not durable_available():
            raise ConfigError(
                Text.of("Không nạp được durable-rules", "durable-rules cannot be imported"),
                expected=Text.of("durable-rules 2.0.28 trên Python ≤ 3.12", "durable-rules 2.0.28 on Python ≤ 3.12"),
                fix=Text.of(
                    "pip install 'quyche-rules[durable]' trên Python ≤ 3.12, hoặc dùng --engine reference",
                    "pip install 'quyche-rules[durable]' on Python ≤ 3.12, or use --engine reference",
                ),
            )
        if not validated:
            validate_checks(checks)
            validate_facts(facts, checks)
        limits = Limits(SESSION_BOUND, LARGE_SESSION_CAP, RULES_PER_RULESET, MAX_RULES_PER_CHECK, RULESET_CACHE_SIZE)
        with LOCK:
            return sort_matches(evaluate(checks, facts, limits))


def reset_engine_cache() -> None:
    """Delete every cached ruleset from durable-rules (tests and long-lived processes)."""
    with LOCK:
        REGISTRY.clear()
