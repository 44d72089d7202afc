"""QC111 and QC013: the instruments a regulation rests on and cites, against the law in force on the day checked.

A regulation names instruments in three places: its legal bases (căn cứ, ``regulation.yaml``), an amendment's
bases (carried into the consolidated text, at the amendment's line), and its provisions' text ("theo Nghị định
số 30/2020/NĐ-CP"). Each is resolved against the law catalogue and the regulation's own ``instruments``: one not in
force on the day checked is QC111, at the place it is written; one named in a text that the catalogue does not
hold is QC013 (its force cannot be checked, and is not guessed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import PurePath

from quyche_rules.checks.bases import CONFORM
from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.law import Catalogue, Instrument

__all__: list[str] = []


def _state(entry: Instrument, day: dt.date, law: Catalogue) -> tuple[Text, Text | str]:
    """Return (not in force / not yet in force, what replaced it and from when)."""
    if day < entry.effective:
        return (Text.of("chưa có hiệu lực", "not yet in force"),
                Text.of(f" (có hiệu lực từ {entry.effective.isoformat()})",
                        f" (in force from {entry.effective.isoformat()})"))
    now = law.in_force_on(entry.id, day)
    replaced: Text | str = ""
    if now is not None:
        replaced = Text.of(f" (đã được thay thế bởi {now.name})", f" (replaced by {now.name})")
    elif entry.last_day is not None:
        replaced = Text.of(f" (hết hiệu lực sau {entry.last_day.isoformat()})",
                           f" (no longer in force after {entry.last_day.isoformat()})")
    return Text.of("không còn hiệu lực", "not in force"), replaced


@check(
    "QC111", "legal-basis-not-in-force", "error",
    title=("Căn cứ hoặc văn bản được dẫn chiếu không có hiệu lực", "Legal basis or instrument cited not in force"),
    message=("{subject}: {name} {state} vào {day}{replaced}", "{subject}: {name} is {state} on {day}{replaced}"),
    rationale=("Quy chế làm việc phải phù hợp với pháp luật đang có hiệu lực: căn cứ ban hành, căn cứ của văn bản "
               "sửa đổi và các văn bản được dẫn chiếu trong quy định phải là văn bản còn hiệu lực vào ngày áp dụng.",
               "A working regulation must conform to the law in force: the bases it is issued on, an amendment's "
               "bases and the instruments its provisions cite must be in force on the day it applies."),
    fix=("Thay bằng văn bản đang có hiệu lực (văn bản thay thế)", "Cite the instrument in force (the replacement)"),
    legal_basis=CONFORM,
    examples=("regulation:\n  legal_bases: [nd-138-2016]",
              "regulation:\n  legal_bases: [nd-39-2022]"),
)
def legal_basis_not_in_force(ctx: CheckContext) -> Iterator[Hit]:
    """Every legal basis, and every instrument a provision cites by number, is in force on the day checked."""
    law, day = ctx.law, ctx.day
    for base in ctx.reg.meta.legal_bases:
        entry = law.get(base.id)
        if entry is not None and not entry.in_force_on(day):
            state, replaced = _state(entry, day, law)
            file = PurePath(base.loc.file).name if base.loc else "regulation.yaml"  # where: the line is in ``at``
            yield Hit((file,), at=base.loc, values={
                "subject": Text.of("Căn cứ ban hành", "Legal basis"), "name": entry.name, "state": state,
                "day": day.isoformat(), "replaced": replaced})
    for prov, mention in ctx.instruments_cited:
        entry = law.by_number(mention.number)
        if entry is not None and not entry.in_force_on(day):
            state, replaced = _state(entry, day, law)
            yield Hit((prov.phrase,), values={
                "subject": Text.of(f"{prov.phrase} dẫn chiếu", f"{prov.phrase} cites"), "name": entry.name,
                "state": state, "day": day.isoformat(), "replaced": replaced})


@check(
    "QC013", "unknown-instrument", "info",
    title=("Văn bản được dẫn chiếu không có trong danh mục pháp luật", "Instrument cited that the law catalogue lacks"),
    message=("{provision} dẫn chiếu {phrase}, văn bản không có trong danh mục pháp luật: không kiểm tra được hiệu lực",
             "{provision} cites {phrase}, which the law catalogue does not hold: its force is not checked"),
    rationale=("Hiệu lực của văn bản được dẫn chiếu chỉ kiểm tra được khi biết ngày có hiệu lực và văn bản thay "
               "thế; công cụ không đoán.",
               "The force of an instrument cited can be checked only when its dates and its replacement are known; "
               "the tool does not guess."),
    fix=("Kiểm tra số hiệu; nếu đúng, mô tả văn bản trong instruments: của regulation.yaml (ngày ký, hiệu lực)",
         "Check the number; if right, describe the instrument under instruments: in regulation.yaml (dates)"),
    legal_basis=(),
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Thực hiện theo Quyết định số 12/2099/QĐ-XYZ.'}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Thực hiện theo Nghị định số 30/2020/NĐ-CP.'}"),
)
def unknown_instrument(ctx: CheckContext) -> Iterator[Hit]:
    """Every instrument a provision cites by number is one the catalogue or the regulation describes."""
    for prov, mention in ctx.instruments_cited:
        if ctx.law.by_number(mention.number) is None:
            yield Hit((prov.phrase,), values={"provision": prov.phrase, "phrase": mention.phrase})
