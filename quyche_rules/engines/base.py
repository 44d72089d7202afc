"""What both engines share: the match type, the engine protocol and the input contract checks.

The semantics of the rule language, which both engines implement independently:

* a pattern matches a fact of its ``kind`` whose ``where`` filters all hold and, if ``where_any`` is
  given, all filters of at least one alternative;
* ``eq``/``ne``/``in``/``not_in`` compare values with their type (``7`` never equals ``"7"``);
  ``lt``/``le``/``gt``/``ge`` hold only when both sides are integers (a string never satisfies them);
* joins compare a field of this pattern's fact with ``<bind>.<field>`` of an earlier ``when``
  pattern's fact (``unless`` and ``count`` joins may use any ``when`` bind), with the same rules;
* one fact may bind to several patterns of one match (no implicit distinctness: write
  ``seq: {gt: a.seq}`` or ``fid: {ne: a.fid}`` for that);
* a ``when`` match is dropped if any ``unless`` pattern has a fact satisfying it;
* with ``count``, the check fires for a surviving match iff the number of count-pattern facts joined
  to it satisfies ``count op value``; the match then carries their sorted fids;
* every fact of a kind that a check uses must have every field that the check reads for that kind
  (the fact producer writes ``""`` for a missing value), otherwise :class:`InternalError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from quyche_rules.errors import ConfigError, InternalError
from quyche_rules.facts.builder import DerivedFacts
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import FIELD_RE, INT64_MAX, INT64_MIN, Fact
from quyche_rules.lang.model import Check, parse_ref
from quyche_rules.lang.validate import check_problems

__all__ = [
    "Engine",
    "Match",
    "fields_read",
    "sort_matches",
    "validate_checks",
    "validate_facts",
]


@dataclass(frozen=True)
class Match:
    """One firing of a check.

    Attributes:
        code: the check's code.
        bindings: ``(bind, fid)`` for each ``when`` pattern, in ``when`` order.
        group: sorted fids of the counted facts (empty without ``count``).
        count: the count, or ``None`` without ``count``.
    """

    code: str
    bindings: tuple[tuple[str, str], ...]
    group: tuple[str, ...] = ()
    count: int | None = None

    def sort_key(self) -> tuple[str, tuple[tuple[str, str], ...], tuple[str, ...], int]:
        """Return a total, deterministic sort key."""
        return (self.code, self.bindings, self.group, -1 if self.count is None else self.count)


class Engine(Protocol):
    """An evaluator of checks over facts."""

    name: str

    def run(self, checks: Sequence[Check], facts: Sequence[Fact], *, validated: bool = False) -> list[Match]:
        """Return every match of every check, sorted by :meth:`Match.sort_key`, without duplicates.

        The checks and facts are validated first (:func:`validate_checks`, :func:`validate_facts`) unless the
        caller says it has just done so (``validated``: both engines of one run share one validation).
        """
        ...


def sort_matches(matches: Iterable[Match]) -> list[Match]:
    """Return the matches de-duplicated and sorted deterministically."""
    return sorted(set(matches), key=Match.sort_key)


def fields_read(check: Check) -> dict[str, set[str]]:
    """Return, per fact kind, the fields that evaluating ``check`` reads (filters, joins, join refs)."""
    out: dict[str, set[str]] = {}
    bind_kind = {p.bind: p.kind for p in check.when}
    patterns = [*check.when, *check.unless, *([check.count] if check.count else [])]
    for pat in patterns:
        out.setdefault(pat.kind, set()).update(pat.fields())
        for _field, join in pat.join_list():
            ref = parse_ref(join.ref)
            if ref is not None and ref[0] in bind_kind:
                out.setdefault(bind_kind[ref[0]], set()).add(ref[1])
    return out


def validate_checks(checks: Sequence[Check]) -> None:
    """Re-check what :func:`~quyche_rules.lang.load_checks` checks beyond the model's types.

    Checks built directly with ``Check.model_validate`` skip the whole-check validation; the engines
    rely on it (binds, references, operators), so they call this first.

    Raises:
        ConfigError: the first problem of the first invalid check.
    """
    for check in checks:
        problems = check_problems(check, ())
        if problems:
            first = problems[0]
            path = ".".join(str(p) for p in first.path)
            raise ConfigError(
                Text.of(f"{check.code} ({path}): {first.what.vi}", f"{check.code} ({path}): {first.what.en}"),
                expected=first.expected,
                fix=first.fix,
            )


def _contract_error(what_vi: str, what_en: str) -> InternalError:
    return InternalError(
        Text.of(
            f"Dữ kiện không đúng hợp đồng đầu vào: {what_vi}", f"Facts break the input contract: {what_en}"
        ),
        expected=Text.of(
            "mỗi dữ kiện là ánh xạ phẳng tên_trường -> str|int, có kind (str), fid (str, duy nhất), "
            "seq (int >= 0, duy nhất)",
            "each fact is a flat mapping field_name -> str|int with kind (str), fid (str, unique), "
            "seq (int >= 0, unique)",
        ),
        fix=Text.of("sửa bộ sinh dữ kiện (quyche_rules.facts)", "fix the fact producer (quyche_rules.facts)"),
    )


_STR: frozenset[type] = frozenset({str})
_STR_INT: frozenset[type] = frozenset({str, int})


def _bad_value(fact: Mapping[str, object], n: int) -> None:
    """Raise for the first value of fact number ``n`` that is neither a str nor an int64."""
    for key, value in fact.items():
        vt = type(value)
        if vt is str or (vt is int and INT64_MIN <= value <= INT64_MAX):  # type: ignore[operator]
            continue
        if vt is int:
            raise _contract_error(
                f"dữ kiện thứ {n}: {key}={value} vượt quá int64",
                f"fact #{n}: {key}={value} is outside int64",
            )
        raise _contract_error(
            f"dữ kiện thứ {n}: {key} có kiểu {vt.__name__} (chỉ str hoặc int)",
            f"fact #{n}: {key} has type {vt.__name__} (only str or int)",
        )


def validate_facts(facts: Sequence[Fact], checks: Sequence[Check] = ()) -> None:
    """Check the input contract; raise :class:`InternalError` (bilingual) on the first violation.

    Args:
        facts: the facts; those a fact builder made and held to the contract (:class:`DerivedFacts`, unchanged
            since) are not tested one by one again.
        checks: the checks to be run; every fact of a kind they use must have the fields they read.
    """
    derived = facts if isinstance(facts, DerivedFacts) and facts.intact() else None
    if derived is None:
        _validate_each(facts)
    needed: dict[str, dict[str, str]] = {}
    for check in checks:
        for kind, fields in fields_read(check).items():
            for field in fields:
                needed.setdefault(kind, {}).setdefault(field, check.code)
    if not needed or (derived is not None and all(  # every fact of each kind has these fields: nothing to seek
            want.keys() <= derived.fields.get(kind, want.keys()) for kind, want in needed.items())):
        return
    _missing_fields(facts, needed)


def _validate_each(facts: Sequence[Fact]) -> None:
    good_keys: set[str] = set()
    fids: set[str] = set()
    seqs: set[int] = set()
    for n, fact in enumerate(facts):
        if not isinstance(fact, Mapping):
            raise _contract_error(f"dữ kiện thứ {n} không phải ánh xạ", f"fact #{n} is not a mapping")
        if not fact.keys() <= good_keys:  # (the set test first: speed only)
            for key in fact:
                if key not in good_keys:
                    if not isinstance(key, str) or not FIELD_RE.match(key) or not key.isascii():
                        raise _contract_error(
                            f"dữ kiện thứ {n}: tên trường {key!r} không hợp lệ",
                            f"fact #{n}: invalid field name {key!r}",
                        )
                    good_keys.add(key)
        types = set(map(type, fact.values()))
        if not types <= _STR and not (types <= _STR_INT and all(
                INT64_MIN <= v <= INT64_MAX for v in fact.values() if type(v) is int)):
            _bad_value(fact, n)
        kind, fid, seq = fact.get("kind"), fact.get("fid"), fact.get("seq")
        if type(kind) is not str or not kind:
            raise _contract_error(f"dữ kiện thứ {n} thiếu kind (str)", f"fact #{n} lacks kind (str)")
        if type(fid) is not str or not fid:
            raise _contract_error(f"dữ kiện thứ {n} thiếu fid (str)", f"fact #{n} lacks fid (str)")
        if type(seq) is not int or seq < 0:
            raise _contract_error(f"dữ kiện {fid} thiếu seq (int >= 0)", f"fact {fid} lacks seq (int >= 0)")
        if fid in fids:
            raise _contract_error(f"fid {fid} bị trùng", f"duplicate fid {fid}")
        if seq in seqs:
            raise _contract_error(f"seq {seq} bị trùng (dữ kiện {fid})", f"duplicate seq {seq} (fact {fid})")
        fids.add(fid)
        seqs.add(seq)


def _missing_fields(facts: Sequence[Fact], needed: dict[str, dict[str, str]]) -> None:
    for fact in facts:
        want = needed.get(fact["kind"])  # type: ignore[arg-type]
        if not want or want.keys() <= fact.keys():
            continue
        for field, code in want.items():
            if field not in fact:
                raise _contract_error(
                    f"dữ kiện {fact['fid']} (loại {fact['kind']}) thiếu trường «{field}» mà {code} đọc",
                    f"fact {fact['fid']} (kind {fact['kind']}) lacks field «{field}», which {code} reads",
                )
