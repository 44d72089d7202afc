"""QC014 and QC015: values that are filled in but cannot be right (dates out of order, placeholders).

A field the schema accepts may still say nothing: "…" as a name, "số    /QĐ-UBDT" as a number, a regulation
that takes effect before it is signed, an authorisation that ends before it starts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit, Location
from quyche_rules.i18n import Text, nfc
from quyche_rules.model import Delegation

__all__ = ["is_placeholder"]

#: what drafters leave where a value will go: dots, ellipses, dashes, x's, "TBD", "[...]", "số   /QĐ-X"
_PLACEHOLDER = re.compile(
    r"^\s*(?:[.…_\-–—x?*\s]+|(?:tbd|todo|xxx+|n/?a|\[[^\]]*\]|<[^>]*>)|(?:số\s*)?[.…_\s]*/[\wĐđ/-]*)\s*$",
    re.IGNORECASE,
)


def is_placeholder(text: str) -> bool:
    """Tell whether ``text`` is a placeholder for a value not yet written ("…", "x", "số    /QĐ-UBDT")."""
    return bool(_PLACEHOLDER.match(nfc(text)))


@check(
    "QC014", "dates-out-of-order", "error",
    title=("Ngày tháng ngược thứ tự", "Dates out of order"),
    message=("{what}: {later} ({later_date}) trước {earlier} ({earlier_date})",
             "{what}: {later} ({later_date}) is before {earlier} ({earlier_date})"),
    rationale=("Văn bản có hiệu lực từ ngày ký hoặc sau đó; một thời hạn ủy quyền kết thúc trước khi bắt đầu thì "
               "không có ngày nào hiệu lực, và mọi việc dựa trên nó bị bỏ trống.",
               "A text takes effect on or after the day it is signed; an authorisation that ends before it starts is "
               "valid on no day, and whatever rests on it is left with no one."),
    fix=("Sửa một trong hai ngày (thường là nhầm năm hoặc nhầm tháng)", "Correct one of the two dates (often a "
         "wrong year or month)"),
    legal_basis=(),  # the model's integrity: an interval must not end before it starts
    examples=("regulation:\n  signed: 2024-03-01\n  effective: 2024-01-02",
              "regulation:\n  signed: 2024-01-02\n  effective: 2024-03-01"),
)
def dates_out_of_order(ctx: CheckContext) -> Iterator[Hit]:
    """The regulation takes effect on or after its signing; each delegation's interval runs forward."""
    meta = ctx.reg.meta
    if meta.effective < meta.signed:
        yield Hit(("regulation.yaml",), at=meta.loc, values={
            "what": Text.of("Quy chế", "The regulation"), "later": "effective", "later_date": meta.effective.isoformat(),
            "earlier": "signed", "earlier_date": meta.signed.isoformat()})
    for prov in ctx.reg.provisions:
        for norm in prov.norms:
            if isinstance(norm, Delegation) and norm.valid_from and norm.valid_until \
                    and norm.valid_until < norm.valid_from:
                yield Hit((prov.phrase,), actors=(norm.from_, norm.to), at=norm.loc or prov.location, values={
                    "what": prov.phrase, "later": "valid_until", "later_date": norm.valid_until.isoformat(),
                    "earlier": "valid_from", "earlier_date": norm.valid_from.isoformat()})


def _placeholders(ctx: CheckContext) -> Iterator[tuple[str, str, str, Location | None]]:
    """Yield (where, field, value, location) for each text field that holds a placeholder."""
    reg, meta = ctx.reg, ctx.reg.meta
    for name in ("number", "title", "issuer"):
        value = getattr(meta, name)
        if is_placeholder(value):
            yield "regulation.yaml", name, value, meta.loc
    for items, file in ((reg.actors, "actors.yaml"), (reg.tasks, "tasks.yaml"),
                        (reg.document_types, "tasks.yaml"), (reg.fields, "tasks.yaml")):
        for item in items:
            if is_placeholder(item.name):
                yield f"{file} ({item.id})", "name", item.name, item.loc
    for article in reg.articles:
        if is_placeholder(article.title):
            yield f"Điều {article.article}", "title", article.title, article.loc
    for prov in reg.provisions:
        own = prov.citation.clause is not None or prov.text != prov.article_title  # (an article without text of its
        if own and prov.text and is_placeholder(prov.text):                       # own shows its title: said above)
            yield prov.phrase, "text", prov.text, prov.location


@check(
    "QC015", "placeholder-value", "error",
    title=("Giá trị còn để trống (dấu chấm, «…», «x»)", "A value left as a placeholder (dots, «…», «x»)"),
    message=("{where}: `{field}` là «{value}», một chỗ trống chưa điền", "{where}: `{field}` is «{value}», a "
             "placeholder not filled in"),
    rationale=("Bản dự thảo hay để «…», «x» hoặc «số    /QĐ-…» chờ điền sau; lưu hành khi chưa điền thì quy định "
               "không nói gì và mọi kiểm tra dựa trên giá trị đó đều sai.",
               "Drafts leave «…», «x» or «số    /QĐ-…» to fill in later; circulated unfilled, the provision says "
               "nothing and every check resting on the value is wrong."),
    fix=("Điền giá trị thật, hoặc bỏ trường nếu không dùng", "Write the real value, or drop the field if unused"),
    legal_basis=(),  # the model's integrity: a value must say something
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: '…'}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: 'Văn phòng tổng hợp báo cáo.'}"),
)
def placeholder_value(ctx: CheckContext) -> Iterator[Hit]:
    """No name, title, number or provision text is a placeholder (a delegation's instrument is QC403's)."""
    for where, name, value, loc in _placeholders(ctx):
        yield Hit((where,), at=loc, values={"where": where, "field": name, "value": value[:80]})


@check(
    "QC016", "duplicate-id", "error",
    title=("Hai mục cùng mã", "Two items share an id"),
    message=("Mã `{id}` được khai báo hai lần trong {file} ({what})", "Id `{id}` is declared twice in {file} ({what})"),
    rationale=("Mỗi chủ thể, nhiệm vụ, lĩnh vực, loại văn bản hoặc ủy quyền được gọi bằng mã; hai mục cùng mã thì "
               "công cụ chỉ giữ một, và mọi quy định nêu mã đó có thể đang nói về mục kia.",
               "Actors, tasks, fields, document types and delegations are named by id; with two items under one id "
               "only one is kept, and every provision naming it may mean the other."),
    fix=("Đổi mã của một trong hai mục, hoặc xóa mục trùng", "Give one of the two another id, or delete the copy"),
    legal_basis=(),  # the model's integrity: ids must be unique
    examples=("articles:\n  - {article: '3', title: Ký giấy mời, chapter: II, clauses: [{clause: '1', text: 'Chánh Văn "
              "phòng ký thừa lệnh Bộ trưởng giấy mời họp.', norms: [{delegation: {id: tl-cvp, mode: assign, signing: "
              "TL, from: bo-truong, to: chanh-van-phong, scope: [giay-moi-hop]}}]}]}",
              "articles:\n  - {article: '3', title: Ký giấy mời, chapter: II, clauses: [{clause: '1', text: 'Chánh Văn "
              "phòng ký thừa lệnh Bộ trưởng giấy mời họp.', norms: [{delegation: {id: tl-cvp-2, mode: assign, "
              "signing: TL, from: bo-truong, to: chanh-van-phong, scope: [giay-moi-hop]}}]}]}"),
)
def duplicate_id(ctx: CheckContext) -> Iterator[Hit]:
    """No two actors, fields, tasks, document types or named delegations share an id."""
    reg = ctx.reg
    groups: tuple[tuple[str, Text, Sequence[object]], ...] = (
        ("actors.yaml", Text.of("chủ thể", "actors"), reg.actors),
        ("tasks.yaml", Text.of("lĩnh vực", "fields"), reg.fields),
        ("tasks.yaml", Text.of("nhiệm vụ", "tasks"), reg.tasks),
        ("tasks.yaml", Text.of("loại văn bản", "document types"), reg.document_types),
    )
    for file, what, items in groups:
        seen: set[str] = set()
        for item in items:
            ident = getattr(item, "id", "")
            if ident in seen:
                yield Hit((file,), at=getattr(item, "loc", None), values={"id": ident, "file": file, "what": what})
            seen.add(ident)
    named: set[str] = set()
    for prov in reg.provisions:
        for norm in prov.norms:
            if isinstance(norm, Delegation) and norm.id:
                if norm.id in named:
                    yield Hit((prov.phrase,), at=norm.loc or prov.location, values={
                        "id": norm.id, "file": prov.phrase, "what": Text.of("ủy quyền", "delegations")})
                named.add(norm.id)
