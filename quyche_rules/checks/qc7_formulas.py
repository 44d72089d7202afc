"""QC705: a formula in the text that no norm encodes (in a regulation under review after ``quyche import``).

The other way round from :mod:`quyche_rules.checks.qc7_text`: the words "chủ trì", "phối hợp", a signing formula or
a period that none of a provision's norms, nor those above and below it, encodes. The formulas:
:mod:`quyche_rules.importing.formulas`.
"""

from __future__ import annotations

from collections.abc import Iterator

from quyche_rules.checks.qc7_text import ART, GOOD, PASS, deadlines
from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit
from quyche_rules.importing.formulas import find
from quyche_rules.model import Coordination, Delegation, Duty, Provision
from quyche_rules.model.norms import Norm

__all__ = ["unencoded"]

_FOLLOW = "{holder: chanh-van-phong, task: ke-hoach-nam}"


def _family(ctx: CheckContext, prov: Provision) -> list[Norm]:
    """Return the norms of a provision, of the provisions above it and of those below it."""
    phrase = prov.phrase
    cit = prov.citation
    above = {cit.model_copy(update={"clause": None, "point": None}).format(),
             cit.model_copy(update={"point": None}).format()}
    return [n for p in ctx.reg.provisions if p.phrase in above or p.phrase == phrase
            or p.phrase.endswith(" " + phrase) for n in p.norms]


def _encodes(kind: str, norms: list[Norm]) -> bool:
    if kind == "lead":
        return any(isinstance(n, Coordination) or (isinstance(n, Duty) and n.role == "lead") for n in norms)
    if kind == "cooperate":
        return any((isinstance(n, Coordination) and n.cooperating) or (isinstance(n, Duty) and n.role == "cooperate")
                   for n in norms)
    if kind.startswith("signing:"):
        return any(isinstance(n, Delegation) and n.signing == kind[8:] for n in norms)
    return any(deadlines(n) for n in norms)  # a period


def unencoded(ctx: CheckContext, prov: Provision) -> list[str]:
    """Return the formulas of a provision's own text (lead, cooperate, signing, period) that no norm encodes."""
    norms = _family(ctx, prov)
    out: list[str] = []
    for f in find(prov.text):
        kind = "period" if f.kind.startswith("period:") else f.kind
        wanted = kind in ("lead", "cooperate", "period") or kind.startswith("signing:")
        if wanted and not _encodes(kind, norms) and f.words not in out:
            out.append(f.words)
    return out


@check(
    "QC705", "formula-without-norm", "info",
    title=("Lời văn có công thức mà không có quy định", "A formula in the text that no norm encodes"),
    message=("{provision}: văn bản nói {words} nhưng không có quy định nào tương ứng",
             "{provision}: the text says {words} but no norm encodes it"),
    rationale=("“chủ trì”, “phối hợp”, công thức ký và thời hạn là những chỗ quy chế giao trách nhiệm; chưa mã hóa thì "
               "các kiểm tra về khoảng trống và xung đột không thấy chúng. Chỉ báo khi quy chế đang được rà soát sau "
               "khi nhập (có quy định gợi ý); với bản mã hóa thủ công, xem quyche coverage.",
               "“chủ trì”, “phối hợp”, the signing formulas and periods are where a regulation assigns responsibility; "
               "left unencoded, the gap and conflict checks cannot see them. Reported only while a regulation is "
               "reviewed after import (it holds suggested norms); for a hand encoding, see quyche coverage."),
    fix=("Mã hóa quy định mà lời văn nói, hoặc ghi lý do không mã hóa bằng lint",
         "Encode the norm the words state, or record why not with lint"),
    legal_basis=(),
    examples=((ART % (GOOD, "", "", " Văn phòng chủ trì tổng hợp.")).replace(_FOLLOW, _FOLLOW[:-1] + ", suggested: true}"),
              PASS.replace(_FOLLOW, _FOLLOW[:-1] + ", suggested: true}")),
)
def formula_without_norm(ctx: CheckContext) -> Iterator[Hit]:
    """A provision's text has a formula of a kind none of its norms (or those above and below) encodes.

    Only in a regulation being reviewed after ``quyche import`` (one holding a suggested norm): a hand encoding
    leaves formulas unencoded on purpose, and ``quyche coverage`` lists them.
    """
    if not any(getattr(n, "suggested", False) for p in ctx.reg.provisions for n in p.norms):
        return
    for prov in ctx.reg.provisions:
        words = unencoded(ctx, prov)
        if words:
            yield Hit((prov.phrase,), at=prov.location,
                      values={"provision": prov.phrase, "words": ", ".join(f"“{w}”" for w in words)})
