"""Whole-check validation: binds, references, operators, templates and (optionally) known fields.

Structural validation (types, required and unknown keys) is pydantic's; this module checks what needs
the whole check: its patterns, binds, references and joins here, its message templates and ``relies_on`` in
:mod:`quyche_rules.lang.wording`, against the facts' contract (:mod:`quyche_rules.lang.contract`). Every problem
says what is wrong, what was expected and how to fix it, with a "did you mean" where a name looks misspelt.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from quyche_rules.i18n import Text
from quyche_rules.lang.contract import ALWAYS_FIELDS, Collector, FactContract, fix_name, listing
from quyche_rules.lang.facts import FIELD_RE
from quyche_rules.lang.model import CODE_RE, NAME_RE, Check, JoinOp, PatternBase, WhereOp, parse_ref
from quyche_rules.lang.wording import check_relies_on, check_templates
from quyche_rules.loading.problems import Problem
from quyche_rules.loading.reader import DataPath

__all__ = ["ALWAYS_FIELDS", "MAX_JOINS_PER_PATTERN", "FactContract", "check_problems"]

MAX_JOINS_PER_PATTERN = 12
"""At most this many join comparisons per pattern (durable-rules allows 32 tests per join condition)."""

_ORDER_OPS = ("lt", "le", "gt", "ge")


def _bind_ok(ctx: Collector, bind: str, path: DataPath, taken: set[str]) -> None:
    if not FIELD_RE.match(bind) or bind == "count":
        ctx.add(
            path,
            Text.of(f"«{bind}» không dùng được làm tên gắn (bind)", f"«{bind}» cannot be a bind name"),
            Text.of(
                "chữ thường, chữ số và dấu _, bắt đầu bằng chữ cái, khác «count»; ví dụ t, lead_duty",
                "lowercase letters, digits and _, starting with a letter, not «count»; e.g. t, lead_duty",
            ),
            Text.of("đổi tên gắn", "rename the bind"),
        )
    elif bind in taken:
        ctx.add(
            path,
            Text.of(f"Tên gắn «{bind}» bị trùng", f"Duplicate bind name «{bind}»"),
            Text.of("mỗi mẫu có một tên gắn riêng", "each pattern has its own bind name"),
            Text.of(f"đổi tên một trong hai mẫu «{bind}»", f"rename one of the two «{bind}» patterns"),
        )
    taken.add(bind)


def _check_filters(
    ctx: Collector, kind: str, kind_known: bool, filters: Mapping[str, WhereOp], path: DataPath
) -> None:
    for field, flt in filters.items():
        ctx.field_ok(kind, field, (*path, field), kind_known=kind_known)
        op, operand = flt.op, flt.operand
        if op in _ORDER_OPS and not isinstance(operand, int):
            ctx.add(
                (*path, field, op),
                Text.of(
                    f"Phép so sánh thứ tự «{op}» chỉ so sánh số nguyên, nhưng «{operand}» là chuỗi",
                    f"Ordering operator «{op}» compares integers only, but «{operand}» is a string",
                ),
                Text.of(f"một số nguyên, ví dụ {{{op}: 5}}", f"an integer, e.g. {{{op}: 5}}"),
                Text.of(
                    "viết số không có dấu nháy, hoặc dùng eq/ne/in/not_in cho chuỗi",
                    "write the number without quotes, or use eq/ne/in/not_in for strings",
                ),
            )


def _check_ref(
    ctx: Collector,
    ref: str,
    path: DataPath,
    allowed: Sequence[str],
    later: Sequence[str],
    kinds: Mapping[str, str],
    own: str | None,
) -> None:
    parsed = parse_ref(ref)
    if parsed is None:
        ctx.add(
            path,
            Text.of(
                f"«{ref}» không phải tham chiếu <tên gắn>.<trường>",
                f"«{ref}» is not a <bind>.<field> reference",
            ),
            Text.of(
                "tên gắn, dấu chấm, tên trường; ví dụ t.id", "a bind name, a dot, a field name; e.g. t.id"
            ),
            Text.of("viết tham chiếu dạng <tên gắn>.<trường>", "write the reference as <bind>.<field>"),
        )
        return
    bind, field = parsed
    if bind not in allowed:
        if own is not None and bind == own:
            ctx.add(
                path,
                Text.of(
                    f"Mẫu «{own}» tham chiếu chính nó ({ref})", f"Pattern «{own}» refers to itself ({ref})"
                ),
                Text.of(
                    "một phép nối so sánh với một mẫu đứng trước", "a join compares with an earlier pattern"
                ),
                Text.of("dùng filter where cho giá trị cố định", "use a where filter for a fixed value"),
            )
        elif bind in later:
            ctx.add(
                path,
                Text.of(
                    f"«{ref}» tham chiếu mẫu «{bind}» đứng sau",
                    f"«{ref}» refers to pattern «{bind}», which comes later",
                ),
                Text.of(
                    f"một tham chiếu tới mẫu đứng trước: {listing(allowed)}",
                    f"a reference to an earlier pattern: {listing(allowed)}",
                ),
                Text.of(
                    "đặt phép nối ở mẫu đứng sau, hoặc đổi thứ tự các mẫu trong when",
                    "put the join on the later pattern, or reorder the patterns of when",
                ),
            )
        else:
            ctx.add(
                path,
                Text.of(f"Không có tên gắn «{bind}» (trong «{ref}»)", f"Unknown bind «{bind}» (in «{ref}»)"),
                Text.of(f"một trong: {listing(allowed)}", f"one of: {listing(allowed)}"),
                fix_name(bind, list(allowed) + list(later), "Sửa tên gắn.", "Correct the bind name."),
            )
        return
    ctx.field_ok(kinds[bind], field, path)


def _check_joins(
    ctx: Collector,
    pat_kind: str,
    kind_known: bool,
    join: Mapping[str, tuple[JoinOp, ...]],
    joins: Sequence[tuple[str, JoinOp]],
    path: DataPath,
    allowed: Sequence[str],
    later: Sequence[str],
    kinds: Mapping[str, str],
    own: str | None,
) -> None:
    if len(joins) > MAX_JOINS_PER_PATTERN:
        ctx.add(
            path,
            Text.of(f"Quá nhiều phép nối ({len(joins)})", f"Too many joins ({len(joins)})"),
            Text.of(
                f"tối đa {MAX_JOINS_PER_PATTERN} phép nối mỗi mẫu",
                f"at most {MAX_JOINS_PER_PATTERN} joins per pattern",
            ),
            Text.of("tách kiểm tra thành nhiều kiểm tra", "split the check"),
        )
    for field, ops in join.items():
        ctx.field_ok(pat_kind, field, (*path, field), kind_known=kind_known)
        for op in ops:
            _check_ref(ctx, op.ref, (*path, field, op.op), allowed, later, kinds, own)


def check_problems(
    check: Check, base: DataPath, known_fields: Mapping[str, set[str]] | FactContract | None = None
) -> list[Problem]:
    """Return the problems of one check (empty if it is valid).

    Args:
        check: the check, already structurally valid.
        base: the path of the check in the file's data, e.g. ``("checks", 3)``.
        known_fields: the facts' contract (or just kind -> fields); unknown kinds and fields are then errors,
            and with derived names, ``relies_on`` must name exactly those the check uses.
    """
    ctx = Collector(check, base, FactContract.of(known_fields))
    if not CODE_RE.match(check.code):
        ctx.add(
            ("code",),
            Text.of(f"«{check.code}» không phải mã kiểm tra", f"«{check.code}» is not a check code"),
            Text.of("QC và ba chữ số, ví dụ QC301", "QC followed by three digits, e.g. QC301"),
            Text.of("viết mã dạng QCnnn", "write the code as QCnnn"),
        )
    if not NAME_RE.match(check.name):
        ctx.add(
            ("name",),
            Text.of(
                f"«{check.name}» không phải tên dạng kebab-case", f"«{check.name}» is not a kebab-case name"
            ),
            Text.of(
                "chữ thường và chữ số nối bằng dấu -, ví dụ multiple-leads",
                "lowercase words joined by -, e.g. multiple-leads",
            ),
            Text.of(
                "viết tên bằng chữ thường, nối bằng dấu -", "write the name in lowercase, words joined by -"
            ),
        )

    taken: set[str] = set()
    kinds: dict[str, str] = {}
    kind_known: dict[str, bool] = {}
    for j, pat in enumerate(check.when):
        _bind_ok(ctx, pat.bind, ("when", j, "bind"), taken)
        kind_known[pat.bind] = ctx.kind_ok(pat.kind, ("when", j, "kind"))
        kinds.setdefault(pat.bind, pat.kind)
    count_bind = None
    if check.count is not None:
        count_bind = check.count.bind
        _bind_ok(ctx, count_bind, ("count", "bind"), taken)
        kinds.setdefault(count_bind, check.count.kind)

    when_binds = [p.bind for p in check.when]
    when_kinds = {p.bind: p.kind for p in check.when}
    for j, pat in enumerate(check.when):
        _check_pattern(
            ctx, pat, ("when", j), kind_known[pat.bind], when_binds[:j], when_binds[j:], when_kinds, pat.bind
        )
    for k, unl in enumerate(check.unless):
        known = ctx.kind_ok(unl.kind, ("unless", k, "kind"))
        _check_pattern(ctx, unl, ("unless", k), known, when_binds, [], when_kinds, None)
    if check.count is not None:
        known = ctx.kind_ok(check.count.kind, ("count", "kind"))
        _check_pattern(ctx, check.count, ("count",), known, when_binds, [check.count.bind], when_kinds, None)

    report_binds = when_binds + ([count_bind] if count_bind else [])
    for section in ("provisions", "actors", "tasks"):
        for r, ref in enumerate(getattr(check.report, section)):
            _check_ref(ctx, ref, ("report", section, r), report_binds, [], kinds, None)

    start = len(ctx.problems)
    check_templates(ctx, kinds, count_bind)
    ctx.problems[start:] = [replace(p, rank=1) for p in ctx.problems[start:]]
    kinds_used = {p.kind for p in check.when} | {u.kind for u in check.unless}
    kinds_used |= {check.count.kind} if check.count is not None else set()
    check_relies_on(ctx, kinds_used)
    return ctx.problems


def _check_pattern(
    ctx: Collector,
    pat: PatternBase,
    path: DataPath,
    kind_known: bool,
    allowed: Sequence[str],
    later: Sequence[str],
    kinds: Mapping[str, str],
    own: str | None,
) -> None:
    _check_filters(ctx, pat.kind, kind_known, pat.where, (*path, "where"))
    for a, alt in enumerate(pat.where_any or ()):
        _check_filters(ctx, pat.kind, kind_known, alt, (*path, "where_any", a))
    _check_joins(
        ctx, pat.kind, kind_known, pat.join, pat.join_list(), (*path, "join"), allowed, later, kinds, own
    )
