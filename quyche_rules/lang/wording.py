"""Validation of what a check says: its message templates and the derived facts it names in ``relies_on``.

Part of the whole-check validation (:mod:`quyche_rules.lang.validate`): a placeholder must name a bound fact's
field (or a display field); ``relies_on`` must name exactly the derived kinds and fields the check reads.
"""

from __future__ import annotations

from collections.abc import Mapping

from quyche_rules.i18n import Text
from quyche_rules.lang.contract import Collector, fix_name, listing
from quyche_rules.lang.templates import placeholders
from quyche_rules.loading.reader import DataPath

__all__ = ["check_relies_on", "check_templates"]


def check_templates(ctx: Collector, kinds: Mapping[str, str], count_bind: str | None) -> None:
    """Add the problems of the check's message and fix templates: each placeholder names a bound fact's field."""
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
                        Text.of(f"một trong: {listing(binds)}", f"one of: {listing(binds)}"),
                        fix_name(ph.bind, binds, "Sửa tên gắn.", "Correct the bind name."),
                    )
                else:
                    ctx.field_ok(kinds[ph.bind], ph.field, path, shown=True)


def check_relies_on(ctx: Collector, kinds_used: set[str]) -> None:
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
                Text.of(f"một trong: {listing(derived)}", f"one of: {listing(derived)}"),
                fix_name(name, derived, "Sửa hoặc bỏ tên này.", "Correct or remove this name."),
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
