"""Bounded sessions: by which field a check's facts can be split, and how facts are packed into sessions.

durable's per-state fact index has 512 buckets and compares only 32-bit hashes, so the cost of storing a
fact grows with the number already stored (see ``SESSION_BOUND``). Sessions of a bounded size keep that
cost constant, which is what makes the adapter linear in its input; they also bound memory (about 9 KB
per stored fact) and the odds of a 32-bit id collision (which the ids rule out anyway).
"""

from __future__ import annotations

import collections
from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from quyche_rules.errors import InternalError
from quyche_rules.i18n import Text
from quyche_rules.lang.model import Check, PatternBase, parse_ref

__all__ = ["PartitionKey", "partition_key", "partition_keys", "plan_sessions", "too_big"]


@dataclass(frozen=True)
class PartitionKey:
    """How to partition a check's facts: one key field per positive kind and per negated kind."""

    positive: Mapping[str, str]
    negated: Mapping[str, str]


def _others(check: Check) -> list[tuple[PatternBase, str | None, bool]]:
    """Every pattern but the first: (pattern, bind or None, negated)."""
    others: list[tuple[PatternBase, str | None, bool]] = [(p, p.bind, False) for p in check.when[1:]]
    others += [(u, None, True) for u in check.unless]
    if check.count is not None:
        others.append((check.count, None, False))
    return others


def is_single(check: Check) -> bool:
    """Whether a match is one fact alone (one pattern, no unless, no count): any partition of it is exact."""
    return not _others(check)


def partition_keys(check: Check) -> list[PartitionKey]:
    """Return every key by which the check's facts can be split, by the first pattern's key field name.

    See :func:`partition_key` for when a key is exact.
    """
    others = _others(check)
    first = check.when[0]
    if not others:
        return [PartitionKey({first.kind: "fid"}, {})]
    candidates = sorted(
        {
            ref[1]
            for pat, _, _ in others
            for _, join in pat.join_list()
            if join.op == "eq" and (ref := parse_ref(join.ref)) is not None and ref[0] == first.bind
        }
    )
    out: list[PartitionKey] = []
    for k1 in candidates:
        keyed: dict[str, str] = {first.bind: k1}
        roles: list[tuple[str, str, bool]] = [(first.kind, k1, False)]
        ok = True
        for pat, bind, negated in others:
            own = None
            for fld, join in pat.join_list():
                ref = parse_ref(join.ref)
                if join.op == "eq" and ref is not None and keyed.get(ref[0]) == ref[1]:
                    own = fld
                    break
            if own is None:
                ok = False
                break
            if bind is not None:
                keyed[bind] = own
            roles.append((pat.kind, own, negated))
        if not ok:
            continue
        positive: dict[str, str] = {}
        negated_map: dict[str, str] = {}
        for kind, key, negated in roles:
            target = negated_map if negated else positive
            if target.setdefault(kind, key) != key:
                ok = False
                break
        if ok:
            out.append(PartitionKey(positive, negated_map))
    return out


def partition_key(check: Check) -> PartitionKey | None:
    """Infer the field by which a check's facts can be split into independent sessions.

    Partitioning is exact when every fact that can appear in one match (or block it, or be counted
    for it) has the same key value. That holds when the first pattern has a key field ``k`` and every
    other pattern — each later ``when`` pattern, each ``unless`` and the ``count`` pattern — has a join
    that compares one of its fields for **equality** with the key field of a pattern already keyed
    (so, by transitivity, with the first pattern's key). Each fact must then go to exactly one
    partition, so all positive patterns of one kind must use the same key field (and likewise all
    negated patterns of one kind; negated facts are separate copies). A check with a single pattern
    and nothing else is keyed by ``fid``. When several fields qualify, this is the first by name; the
    engine chooses among all of them (:func:`partition_keys`) by the data.

    Returns:
        The key fields, or ``None`` if the check cannot be partitioned.
    """
    keys = partition_keys(check)
    return keys[0] if keys else None


def plan_sessions(total: int, keys: Sequence[Hashable] | None, bound: int, cap: int, codes: str) -> list[list[int]]:
    """Split positions ``0..total-1`` into sessions of at most ``bound`` facts, one key value never split.

    ``keys`` holds each fact's partition value (``None``: the facts cannot be split). Values are packed in
    order of first appearance; a value with more facts than ``bound`` gets a session of its own, up to
    ``cap``. Positions stay in increasing order in each session (negation copies come first).

    Raises:
        InternalError: a session would need more than ``cap`` facts.
    """
    room = max(1, bound - 1)  # room for the sentinel fact
    if total <= room:
        return [list(range(total))]
    if keys is None:
        if total <= cap:
            return [list(range(total))]
        raise too_big(codes, total, cap)
    session_of: dict[Hashable, int] = {}  # key value -> session number
    sizes: list[int] = []  # facts per session
    current = -1  # the session being filled
    for key, n in Counter(keys).items():  # (in order of first appearance)
        if n > room:
            if n > cap:
                raise too_big(codes, n, cap)
            session_of[key] = len(sizes)
            sizes.append(n)
            continue
        if current < 0 or sizes[current] + n > room:
            current = len(sizes)
            sizes.append(0)
        session_of[key] = current
        sizes[current] += n
    sessions: list[list[int]] = [[] for _ in sizes]
    # each position, in increasing order, to the end of its session's list (in C: no Python loop per fact)
    collections.deque(map(list.append, map(sessions.__getitem__, map(session_of.__getitem__, keys)), range(total)), 0)
    return sessions


def too_big(codes: str, n: int, cap: int) -> InternalError:
    """Return the error for a session above ``cap`` facts."""
    return InternalError(
        Text.of(
            f"durable-rules: kiểm tra {codes} cần một phiên {n} dữ kiện không chia được, vượt giới hạn {cap}",
            f"durable-rules: check {codes} needs one unsplittable session of {n} facts, above the {cap} cap",
        ),
        expected=Text.of(
            "mọi phép nối so sánh bằng với khóa của mẫu đầu tiên, để chia phiên",
            "every join compares the first pattern's key for equality, so sessions can be split",
        ),
        fix=Text.of("chạy với --engine reference cho dữ liệu này", "run with --engine reference for this data"),
    )
