"""One session: a fresh state of a ruleset, its facts asserted in batches, drained, verified and deleted.

The defences, in order: the sentinel fact is asserted and dispatched first, so the state has run an
action and can be deleted (``delete_state`` crashes on a state that never did); the facts go in with
ids whose 32-bit hashes are distinct (:class:`~quyche_rules.engines.durable.values.IdPool`), negation
copies first, in a few ``assert_facts`` calls; the actions are drained in this thread; then nothing may be
pending, and the ids durable stored must be exactly the ids asserted. A batch keeps only one status and
stops silently at a fact it cannot store, so that last comparison is what proves every fact was stored
(each asserted fact was selected because some pattern accepts it: durable must store it).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

from quyche_rules.engines.durable.registry import Ruleset
from quyche_rules.engines.durable.values import SENTINEL, SENTINEL_ID, SID, IdPool, internal
from quyche_rules.errors import InternalError

__all__ = ["BATCH", "IDS", "run_session"]

BATCH = 1000
"""Facts per ``assert_facts`` call."""

IDS = IdPool()

# Encoded values never contain a double quote (see ``values.encode``) and property names are
# identifiers, so ``"id":"`` in durable's JSON of the stored facts only ever starts a fact id;
# durable returns each stored fact's JSON text as it was asserted.
_STORED_ID = re.compile(r'"id"\s*:\s*"([^"]*)"')
_RULE = re.compile(r'\{"([^"]+)":\{')  # a payload's rule
_ALIAS_ID = re.compile(r'"([^"]+)":\{"id":"([^"]*)"')  # an alias and the id of the fact it bound
_SENTINEL_FACT = json.dumps({"id": SENTINEL_ID, "sid": SID, SENTINEL: 1}, separators=(",", ":"))


def _drain(rs: Ruleset) -> list[str]:
    """Run every pending action of the ruleset in this thread; return the action payloads (JSON texts)."""
    import durable_rules_engine as dre  # type: ignore[import-not-found,unused-ignore]  # lazy: optional engine

    sink: list[str] = []
    result = dre.start_action(rs.handle)
    while result is not None:
        _state, message, offset = result
        while message is not None:
            sink.append(message)
            message = dre.complete_and_start_action(rs.handle, offset)
        result = dre.start_action(rs.handle)
    return sink


def _bound(payload: str) -> tuple[str, dict[str, str]]:
    """Return the rule a payload names and the id of the fact each of its aliases bound.

    A payload is ``{"rule":{"alias":{"id":"…",…},…}}``, each bound fact written as it was asserted, id first
    (values never hold a double quote), so the ids are read off the text (a fifth of the time of reading the
    JSON); a payload of any other shape is read as JSON.
    """
    head = _RULE.match(payload)
    pairs = _ALIAS_ID.findall(payload)
    if head is not None and pairs and len(dict(pairs)) == len(pairs):
        return head.group(1), dict(pairs)
    return _bound_json(payload)


def _bound_json(payload: str) -> tuple[str, dict[str, str]]:
    ((rule_name, bound),) = json.loads(payload).items()
    return rule_name, {alias: fact["id"] for alias, fact in bound.items()}


def run_session(rs: Ruleset, bodies: Sequence[str]) -> list[tuple[str, tuple[int, ...]]]:
    """Assert facts in one fresh state of ``rs``; return (rule name, fact positions) per match.

    ``bodies`` are the facts' JSON texts after their id: ``,"sid":"0",...}`` (see ``engine``).
    """
    import durable_rules_engine as dre  # type: ignore[import-not-found,unused-ignore]  # lazy: optional engine

    dispatched = False
    try:
        status = dre.assert_fact(rs.handle, _SENTINEL_FACT)[0]
        if status != 0:
            raise internal(f"sự kiện canh gác trả về trạng thái {status}", f"sentinel fact returned status {status}")
        first = _drain(rs)
        dispatched = len(first) > 0
        if [_bound_json(p)[0] for p in first] != ["sentinel"]:
            raise internal(
                f"luật canh gác không chạy đúng một lần: {first!r}",
                f"sentinel rule did not fire exactly once: {first!r}",
            )

        ids = IDS.take(len(bodies))
        texts = list(map('{{"id":"{}"{}'.format, ids, bodies))
        for start in range(0, len(texts), BATCH):
            status = dre.assert_facts(rs.handle, "[" + ",".join(texts[start : start + BATCH]) + "]")[0]
            if status != 0:  # 1: some fact matched no rule, against the selection; 2: an id was seen
                raise internal(
                    f"assert_facts trả về trạng thái {status} (dữ kiện {start}-{start + BATCH - 1})",
                    f"assert_facts returned status {status} (facts {start}-{start + BATCH - 1})",
                )

        payloads = _drain(rs)
        if dre.start_action(rs.handle) is not None:
            raise internal("còn hành động chưa chạy sau khi rút hết", "actions still pending after the drain")
        stored = _STORED_ID.findall(dre.get_facts(rs.handle, SID))
        expected = {SENTINEL_ID, *ids}
        if len(stored) != len(expected) or set(stored) != expected:
            raise internal(
                f"dữ kiện lưu ({len(stored)}) khác dữ kiện đã khẳng định ({len(expected)})",
                f"stored facts ({len(stored)}) differ from asserted facts ({len(expected)})",
            )
        index = IDS.index
        out: list[tuple[str, tuple[int, ...]]] = []
        seen: set[tuple[str, tuple[int, ...]]] = set()
        for payload in payloads:
            rule_name, bound = _bound(payload)
            rule = rs.rules.get(rule_name)
            if rule is None:
                raise internal(f"luật lạ {rule_name} được kích hoạt", f"unexpected rule {rule_name} fired")
            if not rule.alias_set <= bound.keys():  # (not read off the text as expected: read as JSON)
                rule_name, bound = _bound_json(payload)
            tup = (rule_name, tuple(index[bound[a]] for a in rule.aliases))
            if tup in seen:
                raise internal(f"kết quả trùng {tup}", f"duplicate match {tup}")
            seen.add(tup)
            out.append(tup)
        return out
    except InternalError:
        raise
    except Exception as exc:
        raise internal(f"lỗi của engine: {exc!r}", f"engine error: {exc!r}") from exc
    finally:
        if dispatched:
            dre.delete_state(rs.handle, SID)
        else:
            rs.broken = True  # never delete a state that did not dispatch; drop the ruleset instead
