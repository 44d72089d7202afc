"""Whole-check validation: binds, references, operators, templates and (optionally) known fields.

Structural validation (types, required and unknown keys) is pydantic's; this module checks what needs
the whole check. Every problem says what is wrong, what was expected and how to fix it, with a
"did you mean" where a name looks misspelt.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from quyche_rules.i18n import Text
from quyche_rules.lang.facts import FIELD_RE
from quyche_rules.lang.model import CODE_RE, NAME_RE, Check, JoinOp, PatternBase, WhereOp, parse_ref
from quyche_rules.lang.templates import placeholders
from quyche_rules.loading.problems import Problem, did_you_mean
from quyche_rules.loading.reader import DataPath

__all__ = ["ALWAYS_FIELDS", "MAX_JOINS_PER_PATTERN", "FactContract", "check_problems"]

ALWAYS_FIELDS = frozenset({"kind", "fid", "seq"})
"""Fields every fact has, whatever its kind."""

MAX_JOINS_PER_PATTERN = 12
"""At most this many join comparisons per pattern (durable-rules allows 32 tests per join condition)."""

_ORDER_OPS = ("lt", "le", "gt", "ge")


@dataclass(frozen=True)
class FactContract:
    """What the facts a check runs on offer: the fields of each kind, and more.

    Attributes:
        fields: kind -> its fields; a check naming another kind or field is invalid.
        display: kind -> fields a message may show but no pattern may test (words made when the message is
            written).
        derived: the kinds (``kind``) and fields (``kind.field``) a rule of the fact producer derives, with the
            rule; a check that uses one names it in ``relies_on``.
    """

    fields: Mapping[str, frozenset[str]]
    display: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    derived: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, known: Mapping[str, set[str]] | FactContract | None) -> FactContract | None:
        """Return ``known`` as a contract (a plain kind -> fields mapping has no display or derived fields)."""
        if known is None or isinstance(known, FactContract):
            return known
        return cls({kind: frozenset(fields) for kind, fields in known.items()})


def _fix_name(word: str, candidates: Iterable[str], vi: str, en: str) -> Text:
    guess = did_you_mean(word, candidates)
    if guess is not None:
        return Text.of(f"Có phải ý bạn là «{guess}»? {vi}", f"Did you mean «{guess}»? {en}")
    return Text.of(vi, en)


def _listing(names: Iterable[str]) -> str:
    items = sorted(set(names))
    return ", ".join(items) if items else "—"


class _Ctx:
    """Collects the problems of one check."""

    def __init__(self, check: Check, base: DataPath, contract: FactContract | None) -> None:
        self.check = check
        self.base = base
        self.contract = contract
        self.known = contract.fields if contract is not None else None
        self.problems: list[Problem] = []
        self.used: set[tuple[str, str]] = set()
        """(kind, field) of every field the check reads."""

    def add(self, path: DataPath, what: Text, expected: Text, fix: Text, rank: int = 0) -> None:
        self.problems.append(Problem(self.base + path, what, expected, fix, rank))

    def kind_ok(self, kind: str, path: DataPath) -> bool:
        if not FIELD_RE.match(kind):
            self.add(
                path,
                Text.of(f"«{kind}» không phải tên loại dữ kiện", f"«{kind}» is not a fact kind name"),
                Text.of(
                    "chữ thường, chữ số và dấu _, ví dụ duty", "lowercase letters, digits and _, e.g. duty"
                ),
                Text.of("sửa tên loại", "correct the kind name"),
            )
            return False
        if self.known is not None and kind not in self.known:
            self.add(
                path,
                Text.of(f"Không có loại dữ kiện «{kind}»", f"Unknown fact kind «{kind}»"),
                Text.of(f"một trong: {_listing(self.known)}", f"one of: {_listing(self.known)}"),
                _fix_name(kind, self.known, "Sửa tên loại.", "Correct the kind."),
            )
            return False
        return True

    def field_ok(
        self, kind: str, field: str, path: DataPath, *, kind_known: bool = True, shown: bool = False
    ) -> None:
        """Check that facts of ``kind`` have ``field`` (``shown``: in a message, where display fields count)."""
        self.used.add((kind, field))
        if not FIELD_RE.match(field):
            self.add(
                path,
                Text.of(f"«{field}» không phải tên trường", f"«{field}» is not a field name"),
                Text.of(
                    "chữ thường, chữ số và dấu _, ví dụ holder",
                    "lowercase letters, digits and _, e.g. holder",
                ),
                Text.of("sửa tên trường", "correct the field name"),
            )
            return
        if self.known is None or not kind_known or kind not in self.known or field in ALWAYS_FIELDS:
            return
        fields = self.known[kind] | ALWAYS_FIELDS
        display = self.contract.display.get(kind, frozenset()) if self.contract is not None else frozenset()
        if shown:
            fields |= display
        elif field in display:
            self.add(
                path,
                Text.of(f"«{kind}.{field}» là chữ để hiển thị trong thông báo, không dùng để so sánh",
                        f"«{kind}.{field}» is wording for messages; no pattern may test it"),
                Text.of("một trường của dữ kiện", "a field of the fact"),
                Text.of("so sánh trường mà chữ này diễn đạt", "test the field these words stand for"),
            )
            return
        if field not in fields:
            self.add(
                path,
                Text.of(
                    f"Dữ kiện loại «{kind}» không có trường «{field}»",
                    f"Facts of kind «{kind}» have no field «{field}»",
                ),
                Text.of(f"một trong: {_listing(fields)}", f"one of: {_listing(fields)}"),
                _fix_name(field, fields, "Sửa tên trường.", "Correct the field name."),
            )


def _bind_ok(ctx: _Ctx, bind: str, path: DataPath, taken: set[str]) -> None:
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
    ctx: _Ctx, kind: str, kind_known: bool, filters: Mapping[str, WhereOp], path: DataPath
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
    ctx: _Ctx,
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
                    f"một tham chiếu tới mẫu đứng trước: {_listing(allowed)}",
                    f"a reference to an earlier pattern: {_listing(allowed)}",
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
                Text.of(f"một trong: {_listing(allowed)}", f"one of: {_listing(allowed)}"),
                _fix_name(bind, list(allowed) + list(later), "Sửa tên gắn.", "Correct the bind name."),
            )
        return
    ctx.field_ok(kinds[bind], field, path)


def _check_joins(
    ctx: _Ctx,
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


def _check_templates(ctx: _Ctx, kinds: Mapping[str, str], count_bind: str | None) -> None:
    check = ctx.check
    texts: list[tuple[DataPath, str]] = [
        (("message", "vi"), check.message.vi),
        (("message", "en"), check.message.en),
    ]
    texts += [(("fix", "vi"), check.fix.vi), (("fix", "en"), check.fix.en)]
    binds = list(kinds)
    for path, template in texts:
        for ph in placeholders(template):
            if not ph.valid:
                ctx.add(
                    path,
                    Text.of(
                        f"Chỗ trống «{{{ph.text}}}» không hợp lệ", f"Malformed placeholder «{{{ph.text}}}»"
                    ),
                    Text.of(
                        "{count} hoặc {tên_gắn.trường}; {{ và }} để viết dấu ngoặc",
                        "{count} or {bind.field}; {{ and }} for literal braces",
                    ),
                    Text.of("sửa chỗ trống", "correct the placeholder"),
                )
            elif ph.is_count:
                if count_bind is None:
                    ctx.add(
                        path,
                        Text.of(
                            "Mẫu thông báo dùng {count} nhưng kiểm tra không có count",
                            "Template uses {count} but the check has no count",
                        ),
                        Text.of("{count} chỉ dùng cùng khối count", "{count} only with a count block"),
                        Text.of("bỏ {count} hoặc thêm khối count", "remove {count} or add a count block"),
                    )
            else:
                assert ph.bind is not None and ph.field is not None
                if ph.bind not in kinds:
                    ctx.add(
                        path,
                        Text.of(
                            f"Chỗ trống «{{{ph.text}}}»: không có tên gắn «{ph.bind}»",
                            f"Placeholder «{{{ph.text}}}»: unknown bind «{ph.bind}»",
                        ),
                        Text.of(f"một trong: {_listing(binds)}", f"one of: {_listing(binds)}"),
                        _fix_name(ph.bind, binds, "Sửa tên gắn.", "Correct the bind name."),
                    )
                else:
                    ctx.field_ok(kinds[ph.bind], ph.field, path, shown=True)


def _check_relies_on(ctx: _Ctx, kinds_used: set[str]) -> None:
    """Require ``relies_on`` to name exactly the derived kinds and fields the check uses."""
    if ctx.contract is None or not ctx.contract.derived:
        return
    derived = ctx.contract.derived
    used = {kind for kind in kinds_used if kind in derived}
    used |= {f"{kind}.{name}" for kind, name in ctx.used if f"{kind}.{name}" in derived}
    declared = list(ctx.check.relies_on)
    for i, name in enumerate(declared):
        if name not in derived:
            ctx.add(
                ("relies_on", i),
                Text.of(f"«{name}» không phải loại hay trường dữ kiện được suy ra",
                        f"«{name}» is not a derived fact kind or field"),
                Text.of(f"một trong: {_listing(derived)}", f"one of: {_listing(derived)}"),
                _fix_name(name, derived, "Sửa hoặc bỏ tên này.", "Correct or remove this name."),
            )
        elif name not in used:
            ctx.add(
                ("relies_on", i),
                Text.of(f"relies_on nêu «{name}» nhưng kiểm tra không dùng", f"relies_on names «{name}», which "
                        "the check does not use"),
                Text.of("chỉ những gì kiểm tra dùng", "only what the check uses"),
                Text.of(f"bỏ «{name}» khỏi relies_on", f"remove «{name}» from relies_on"),
            )
    for name in sorted(used - set(declared)):
        ctx.add(
            ("relies_on",) if declared else (),
            Text.of(f"Kiểm tra dùng «{name}», được suy ra theo quy tắc: {derived[name]}; cần nêu trong relies_on",
                    f"The check uses «{name}», derived by a rule: {derived[name]}; name it in relies_on"),
            Text.of("relies_on nêu mọi loại, trường được suy ra mà kiểm tra dùng",
                    "relies_on naming every derived kind and field the check uses"),
            Text.of(f"thêm «{name}» vào relies_on", f"add «{name}» to relies_on"),
        )


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
    ctx = _Ctx(check, base, FactContract.of(known_fields))
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
    _check_templates(ctx, kinds, count_bind)
    ctx.problems[start:] = [replace(p, rank=1) for p in ctx.problems[start:]]
    kinds_used = {p.kind for p in check.when} | {u.kind for u in check.unless}
    kinds_used |= {check.count.kind} if check.count is not None else set()
    _check_relies_on(ctx, kinds_used)
    return ctx.problems


def _check_pattern(
    ctx: _Ctx,
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
