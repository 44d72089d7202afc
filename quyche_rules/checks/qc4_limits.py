"""QC415: a norm that exceeds a cap the regulation sets on itself (``limits:`` in regulation.yaml).

A regulation may say "thời hạn ủy quyền không quá 12 tháng" or "đơn vị phối hợp trả lời trong thời hạn không quá 05
ngày làm việc"; a TUQ. that runs 24 months, or a consultation that allows 10 days, then contradicts the regulation
itself, whatever the law allows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.model import Coordination, Deadline, Delegation
from quyche_rules.time.counting import add_months

__all__: list[str] = []


def _last_day(start: dt.date, cap: Deadline) -> dt.date | None:
    """Return the last day a validity starting on ``start`` may run under ``cap`` (calendar units only)."""
    if cap.years is not None:
        return add_months(start, 12 * cap.years) - dt.timedelta(days=1)
    if cap.months is not None:
        return add_months(start, cap.months) - dt.timedelta(days=1)
    if cap.weeks is not None:
        return start + dt.timedelta(days=7 * cap.weeks - 1)
    if cap.days is not None:
        return start + dt.timedelta(days=cap.days - 1)
    return None


@check(
    "QC415", "exceeds-own-limit", "error",
    title=("Quy định vượt giới hạn chính quy chế đặt ra", "A norm exceeds a limit the regulation sets itself"),
    message=("{provision}: {what} {value}, vượt giới hạn {cap} mà quy chế đặt tại {where}",
             "{provision}: {what} {value}, beyond the limit of {cap} the regulation sets in {where}"),
    rationale=("Quy chế tự đặt giới hạn (thời hạn ủy quyền, thời hạn trả lời phối hợp) thì mọi quy định của nó phải "
               "nằm trong giới hạn đó; vượt quá là mâu thuẫn ngay trong văn bản, người thực hiện không biết theo "
               "quy định nào.",
               "When a regulation caps something itself (how long an authorisation lasts, how long a cooperating "
               "unit may take), every norm of it must stay within the cap; going beyond contradicts the text itself "
               "and leaves those who apply it not knowing which provision to follow."),
    fix=("Rút thời hạn về trong giới hạn, hoặc sửa giới hạn nếu nó đã lỗi thời",
         "Bring the period within the cap, or amend the cap if it is out of date"),
    legal_basis=(),  # the regulation's own provision is the basis: the finding names where it sets the cap
    examples=("regulation:\n  limits: [{what: tuq_validity, max: {months: 12}, provision: khoản 1 Điều 2}]\n"
              "articles:\n  - {article: '3', title: Ủy quyền, chapter: II, clauses: [{clause: '1', text: 'Chánh Văn "
              "phòng ký thừa ủy quyền giấy mời họp trong 24 tháng.', norms: [{delegation: {mode: authorize, signing: "
              "TUQ, from: bo-truong, to: chanh-van-phong, scope: [giay-moi-hop], instrument: 5/QĐ-MAU, valid_from: "
              "2024-01-02, valid_until: 2026-01-01}}]}]}",
              "regulation:\n  limits: [{what: tuq_validity, max: {months: 12}, provision: khoản 1 Điều 2}]\n"
              "articles:\n  - {article: '3', title: Ủy quyền, chapter: II, clauses: [{clause: '1', text: 'Chánh Văn "
              "phòng ký thừa ủy quyền giấy mời họp trong 12 tháng.', norms: [{delegation: {mode: authorize, signing: "
              "TUQ, from: bo-truong, to: chanh-van-phong, scope: [giay-moi-hop], instrument: 5/QĐ-MAU, valid_from: "
              "2024-01-02, valid_until: 2025-01-01}}]}]}"),
)
def exceeds_own_limit(ctx: CheckContext) -> Iterator[Hit]:
    """TUQ. validities and coordination response deadlines stay within the regulation's own ``limits``."""
    reg = ctx.reg
    for limit in reg.meta.limits:
        where = limit.provision or "regulation.yaml"
        cap_words = limit.max.words
        for prov in reg.provisions:
            for norm in prov.norms:
                if limit.what == "tuq_validity" and isinstance(norm, Delegation) and norm.signing == "TUQ" \
                        and norm.valid_until is not None:
                    start = norm.valid_from or reg.effective
                    last = _last_day(start, limit.max)
                    if last is not None and norm.valid_until > last:
                        yield Hit((prov.phrase,), actors=(norm.from_, norm.to), at=norm.loc or prov.location,
                                  values={"provision": prov.phrase, "cap": cap_words, "where": where,
                                          "what": Text.of("ủy quyền ký từ", "the authorisation runs from"),
                                          "value": f"{start.isoformat()} – {norm.valid_until.isoformat()}"})
                elif limit.what == "response_deadline" and isinstance(norm, Coordination) \
                        and norm.response_deadline is not None:
                    given = norm.response_deadline
                    if given.unit == limit.max.unit and given.direction == "after" and given.amount > limit.max.amount:
                        yield Hit((prov.phrase,), actors=(norm.lead,), tasks=(norm.task,),
                                  at=norm.loc or prov.location,
                                  values={"provision": prov.phrase, "cap": cap_words, "where": where,
                                          "what": Text.of("thời hạn trả lời phối hợp", "the response deadline is"),
                                          "value": given.words})
