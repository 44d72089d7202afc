"""QC415 and QC505: a norm beyond a cap the regulation sets on itself (``limits:``), or not comparable with it.

A regulation may say "thời hạn ủy quyền không quá 12 tháng" or "đơn vị phối hợp trả lời trong thời hạn không quá 05
ngày làm việc"; a TUQ. that runs 24 months, or a consultation that allows 10 days, then contradicts the regulation
itself, whatever the law allows.

How a TUQ.'s validity is measured against a cap: it runs from ``valid_from`` to the end of ``valid_until``, so the
cap is counted as Bộ luật Dân sự 2015 counts a period whose first day is ``valid_from`` (khoản 2 Điều 147: from the
day before, not counted; khoản 1-4 Điều 148: to the corresponding day, or the last day of a month that lacks it):
01 tháng from 31/01 runs to 28/02, from 15/03 to 14/04 (:func:`quyche_rules.time.last_day`, as ``quyche due``
counts). A validity from the first of a month to the last of the n-th month (01/05 to 31/05) is n whole months and
within the cap too, though the day before its start (30/04) would end the count on 30/05: which day the regulation
means as "ngày được xác định" is not written, and the finding is an error. The last day is not moved off a day off
(khoản 5 Điều 148 gives more time to act, not a longer authorisation). A cap in working days is counted on the
public calendar (weekends, public holidays); one in hours against whole days of validity.

Where the order is not certain (a response deadline of 30 ngày under a cap of 05 ngày làm việc: working days
stretch over any break; a cap that is not a period), QC505 says so rather than passing in silence.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.model import Coordination, Deadline, Delegation, Regulation
from quyche_rules.time import OutsideHolidayData, Period, WorkingCalendar, add_months, due_date, last_day
from quyche_rules.time.spans import compare, span

__all__: list[str] = []

_NOT_A_PERIOD = Text.of("giới hạn {cap} không phải là một khoảng thời gian tính từ khi bắt đầu",
                        "the limit of {cap} is not a period counted from a start")

#: a verdict: True beyond the cap, False within it, a Text why it cannot be told
Verdict = bool | Text


def _validity_last(start: dt.date, cap: Deadline, cal: WorkingCalendar) -> dt.date | Text:
    """Return the last day a validity from ``start`` may run under a period ``cap``, or why it cannot be counted."""
    period = Period(cap.unit, cap.amount)
    eve = start - dt.timedelta(days=1)
    if cap.unit == "working_days":
        try:
            return due_date(eve, period, cal).day
        except OutsideHolidayData as err:
            return Text.of(f"không biết ngày lễ của năm {err.day.year} để đếm ngày làm việc",
                           f"the public holidays of {err.day.year} are not known, to count working days")
    last = last_day(eve, period)
    if cap.unit in ("months", "years") and start.day == 1:  # whole months: 01/05 – 31/05
        last = max(last, add_months(start, cap.amount * (12 if cap.unit == "years" else 1)) - dt.timedelta(days=1))
    return last


def _validity_verdict(start: dt.date, until: dt.date, cap: Deadline,
                      cal: WorkingCalendar) -> tuple[Verdict, dt.date | None]:
    """Return whether a validity from ``start`` to the end of ``until`` is beyond ``cap``, and the last day allowed."""
    if not cap.is_period:
        return _NOT_A_PERIOD.fill({"cap": cap.words}), None
    if cap.unit == "hours":  # from some moment of its first day to 24:00 of its last
        days = (until - start).days
        if 24 * days >= cap.amount:
            return True, None
        if 24 * (days + 1) <= cap.amount:
            return False, None
        return Text.of(f"thời gian ủy quyền từ {24 * days} đến {24 * (days + 1)} giờ, tùy giờ bắt đầu trong ngày đầu",
                       f"the authorisation lasts {24 * days} to {24 * (days + 1)} hours, depending on the hour it "
                       "starts on its first day"), None
    try:
        last = _validity_last(start, cap, cal)
    except (OverflowError, ValueError):  # past the year 9999
        return Text.of("giới hạn kết thúc ngoài lịch", "the cap ends beyond the calendar"), None
    if isinstance(last, Text):
        return last, None
    return until > last, last


def _response_verdict(given: Deadline, cap: Deadline) -> Verdict:
    """Return whether a response deadline ``given`` is beyond ``cap``, or why it cannot be told."""
    if not cap.is_period:
        return _NOT_A_PERIOD.fill({"cap": cap.words})
    if given.unit == "immediately" or (given.unit == "same_day" and cap.unit == "working_days"):
        return False  # at once; or the same day, at the latest the next working day
    ours, theirs = span(given.unit, given.amount) if given.is_period else None, span(cap.unit, cap.amount)
    if ours is None or theirs is None:
        return Text.of("thời hạn trả lời không phải là một khoảng thời gian tính từ khi được đề nghị",
                       "the response deadline is not a period counted from the request")
    verdict = compare(ours, theirs)
    return _why_uncertain({ours.unit, theirs.unit}) if verdict is None else verdict


def _why_uncertain(units: set[str]) -> Text:
    """Say why periods in ``units`` (two common units, one of them not hours alone) have no certain order."""
    if "working_days" in units:
        return Text.of("ngày làm việc bỏ qua mọi ngày nghỉ (cuối tuần, lễ, Tết, nghỉ bù), nên không biết chắc chúng "
                       "dài bao nhiêu ngày", "working days skip every day off (weekends, holidays, Tết, days off in "
                       "exchange), so how many days they last is not certain")
    if "months" in units:
        return Text.of("một tháng dài từ 28 đến 31 ngày, tùy tháng", "a month is 28 to 31 days, depending on the month")
    return Text.of("thời hạn tính bằng ngày kết thúc vào 24 giờ của ngày cuối cùng, nên dài bao nhiêu giờ tùy giờ bắt "
                   "đầu", "a period in days ends at 24:00 of its last day, so how many hours it lasts depends on the "
                   "hour it starts")


def _verdicts(reg: Regulation, cal: WorkingCalendar) -> Iterator[tuple[Verdict, Hit]]:
    """Yield, for each cap and each norm it applies to, the verdict and the finding QC415 or QC505 reports.

    Working days are counted on ``cal``: the public calendar and the regulation's own calendar.yaml.
    """
    for limit in reg.meta.limits:
        where = limit.provision or "regulation.yaml"
        for prov in reg.provisions:
            for norm in prov.norms:
                values: dict[str, object] = {"provision": prov.phrase, "cap": limit.max.words, "where": where}
                if limit.what == "tuq_validity" and isinstance(norm, Delegation) and norm.signing == "TUQ" \
                        and norm.valid_until is not None:
                    start = norm.valid_from or reg.effective
                    verdict, last = _validity_verdict(start, norm.valid_until, limit.max, cal)
                    if last is not None:
                        values["cap"] = Text.of(f"{limit.max.words.vi} (đến hết ngày {last.isoformat()})",
                                                f"{limit.max.words.en} (to the end of {last.isoformat()})")
                    values |= {"what": Text.of("ủy quyền ký từ", "the authorisation runs from"),
                               "value": f"{start.isoformat()} – {norm.valid_until.isoformat()}"}
                    yield verdict, Hit((prov.phrase,), actors=(norm.from_, norm.to), at=norm.loc or prov.location,
                                       values=values)
                elif limit.what == "response_deadline" and isinstance(norm, Coordination) \
                        and norm.response_deadline is not None:
                    values |= {"what": Text.of("thời hạn trả lời phối hợp", "the response deadline is"),
                               "value": norm.response_deadline.words}
                    yield (_response_verdict(norm.response_deadline, limit.max),
                           Hit((prov.phrase,), actors=(norm.lead,), tasks=(norm.task,), at=norm.loc or prov.location,
                               values=values))


def _shared(ctx: CheckContext) -> list[tuple[Verdict, Hit]]:
    if "own-limits" not in ctx.shared:  # one pass for QC415 and QC505
        ctx.shared["own-limits"] = list(_verdicts(ctx.reg, WorkingCalendar(ctx.calendar)))
    found: list[tuple[Verdict, Hit]] = ctx.shared["own-limits"]
    return found


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
    for verdict, hit in _shared(ctx):
        if verdict is True:
            yield hit


_RESPONSE_EXAMPLE = (
    "regulation:\n  limits: [{{what: response_deadline, max: {{working_days: 5}}, provision: khoản 1 Điều 2}}]\n"
    "tasks:\n  - {{id: tong-ket, name: Tổng kết, needs_lead: false}}\n"
    "articles:\n  - {{article: '3', title: Phối hợp, chapter: II, clauses: [{{clause: '1', text: 'Văn phòng chủ trì "
    "tổng kết; Vụ A phối hợp, trả lời trong {words}.', norms: [{{coordination: {{lead: van-phong, cooperating: "
    "[vu-a], task: tong-ket, response_deadline: {{{within}}}}}}}]}}]}}"
)


@check(
    "QC505", "limit-not-comparable", "warning",
    title=("Không so sánh chắc chắn được với giới hạn chính quy chế đặt ra",
           "A norm cannot be compared for certain with a limit the regulation sets itself"),
    message=("{provision}: {what} {value}, không so sánh chắc chắn được với giới hạn {cap} mà quy chế đặt tại "
             "{where}: {why}",
             "{provision}: {what} {value}, which cannot be compared for certain with the limit of {cap} the "
             "regulation sets in {where}: {why}"),
    rationale=("Quy chế tự đặt giới hạn thì mọi quy định của nó phải nằm trong giới hạn đó (QC415). Khi quy định và "
               "giới hạn tính bằng đơn vị mà dài ngắn tùy ngày bắt đầu hoặc ngày nghỉ (30 ngày và 05 ngày làm việc: "
               "ngày làm việc bỏ qua mọi ngày nghỉ, một đợt nghỉ Tết có thể dài hơn một tuần; 01 tháng và 30 ngày), "
               "hoặc giới hạn không phải là một khoảng thời gian, thì không kiểm tra được quy định có vượt giới hạn "
               "hay không; nếu im lặng, giới hạn của quy chế không bao giờ được áp dụng.",
               "When a regulation caps something itself, every norm of it must stay within the cap (QC415). When "
               "the norm and the cap are in units whose order depends on the start day or the days off (30 days "
               "and 5 working days: working days skip every day off, and a Tết break can last more than a week; "
               "1 month and 30 days), or the cap is not a period, whether the norm stays within the cap cannot be "
               "checked; passing in silence would mean the regulation's cap is never applied."),
    fix=("Viết quy định và giới hạn bằng cùng một đơn vị tính (thường là ngày làm việc), hoặc nêu giới hạn bằng một "
         "khoảng thời gian",
         "Write the norm and the cap in one unit (usually working days), or state the cap as a period"),
    legal_basis=(),  # the regulation's own provision is the basis: the finding names where it sets the cap
    examples=(_RESPONSE_EXAMPLE.format(words="30 ngày", within="days: 30"),
              _RESPONSE_EXAMPLE.format(words="05 ngày làm việc", within="working_days: 5")),
)
def limit_not_comparable(ctx: CheckContext) -> Iterator[Hit]:
    """A TUQ. validity or response deadline whose order with the regulation's own cap cannot be told."""
    for verdict, hit in _shared(ctx):
        if isinstance(verdict, Text):
            yield Hit(hit.provisions, actors=hit.actors, tasks=hit.tasks, at=hit.at,
                      values={**hit.values, "why": verdict})
