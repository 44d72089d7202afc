"""QC416 and QC417: steps chained one after another (``procedures:`` in regulation.yaml), added up.

"Kiểm tra hồ sơ trong vòng 02 ngày làm việc", then "trình trong vòng 05 ngày làm việc", then "cho ý kiến trong vòng
03 ngày làm việc": the whole takes up to 10 working days. When the regulation also sets a limit for the whole, the
steps must fit in it (QC416); they can only be added if every step has a time limit counted the same way (QC417).
Each step's limit is the longest normal-urgency period its provision sets (a range counts by its upper bound).
"""

from __future__ import annotations

from collections.abc import Iterator

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.citations import CitationError, canonical
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.model.regulation import Procedure
from quyche_rules.time.spans import COMMON as _COMMON  # units that add up together -> (common unit, per unit)
from quyche_rules.vocabulary import period_words

__all__: list[str] = []

_UNIT_WORDS = {"working_days": Text.of("ngày làm việc", "working days"), "days": Text.of("ngày", "days"),
               "hours": Text.of("giờ", "hours"), "months": Text.of("tháng", "months")}

_EXAMPLE = (
    "regulation:\n  procedures: [{{name: Quy trình trình văn bản, provision: Điều 3, max: {{working_days: {max}}}, "
    "steps: [khoản 1 Điều 3, khoản 2 Điều 3]}}]\n"
    "articles:\n  - {{article: '3', title: Quy trình, chapter: II, clauses: ["
    "{{clause: '1', text: 'Văn phòng kiểm tra hồ sơ trong vòng 02 ngày làm việc.', norms: [{{deadline: "
    "{{task: kiem-tra-ho-so, holder: van-phong, within: {{working_days: 2}}}}}}]}}, "
    "{{clause: '2', text: 'Văn phòng trình trong vòng 05 ngày làm việc.', norms: [{{deadline: "
    "{{task: trinh-van-ban, holder: van-phong, within: {{working_days: 5}}}}}}]}}]}}\n"
    "tasks:\n  - {{id: kiem-tra-ho-so, name: Kiểm tra hồ sơ, needs_lead: false}}\n"
    "  - {{id: trinh-van-ban, name: Trình văn bản, needs_lead: false}}"
)


def _phrase(step: str) -> str:
    try:
        return canonical(step)
    except CitationError:
        return step


def _step_limits(ctx: CheckContext, proc: Procedure) -> Iterator[tuple[str, tuple[str, int] | Text]]:
    """Yield each step (its canonical phrase) with its limit in the common unit, or what keeps it from being added."""
    if "step-limits" not in ctx.shared:  # one pass over the facts for every procedure and both checks
        found: dict[str, list[dict[str, str | int]]] = {}
        for fact in ctx.facts_of("task_deadline"):
            if fact["source"] in ("deadline", "duty") and fact["urgency"] == "normal":
                found.setdefault(str(fact["provision"]), []).append(fact)
        ctx.shared["step-limits"] = found
    by_provision: dict[str, list[dict[str, str | int]]] = ctx.shared["step-limits"]
    for step in proc.steps:
        phrase = _phrase(step)
        if phrase not in ctx.provision:
            from quyche_rules.loading.amendment import restore_citation  # lazy: the amendment models, rarely needed

            close = restore_citation(step)  # "khoan 2 Dieu 15": the phrase without its diacritics
            hint = Text.of(f" (có phải ý bạn là “{close}”?)", f" (did you mean “{close}”?)") if close else Text.of("", "")
            yield phrase, Text.of(f"không có trong quy chế{hint.vi}", f"is not in the regulation{hint.en}")
            continue
        limits = by_provision.get(phrase, [])
        if not limits:
            yield phrase, Text.of("không nêu thời hạn", "sets no time limit")
            continue
        odd = [f for f in limits if f["direction"] != "after" or f["unit"] not in _COMMON]
        if odd:
            words = period_words(str(odd[0]["unit"]), int(odd[0]["amount"]), before=odd[0]["direction"] == "before",
                                 event=str(odd[0]["from_event"]))
            yield phrase, Text.of(f"đặt thời hạn «{words.vi}», không phải một khoảng thời gian cộng được",
                                f"sets «{words.en}», not a period that adds up")
            continue
        common = {_COMMON[str(f["unit"])][0] for f in limits}
        if len(common) > 1:
            yield phrase, Text.of("đặt thời hạn bằng nhiều đơn vị không quy đổi được", "sets limits in units that do "
                                "not convert into each other")
            continue
        (unit,) = common
        yield phrase, (unit, max(int(f["amount"]) * _COMMON[str(f["unit"])][1] for f in limits))


@check(
    "QC417", "chain-cannot-be-summed", "warning",
    title=("Không cộng được thời hạn các bước của quy trình", "A procedure's steps cannot be added up"),
    message=("{procedure}: bước {step} {problem}, nên không tính được thời gian của cả quy trình",
             "{procedure}: the step {step} {problem}, so the time the whole procedure takes cannot be added up"),
    rationale=("Quy trình gồm các bước nối tiếp chỉ kiểm soát được thời gian khi mỗi bước có thời hạn, tính cùng "
               "một cách (cùng ngày làm việc, hoặc cùng ngày, tuần); một bước không có thời hạn, hoặc đã bị bãi bỏ, "
               "làm cả quy trình không có thời hạn.",
               "A procedure of chained steps keeps to time only if every step has a time limit counted the same way "
               "(all in working days, or all in calendar days and weeks); a step with no limit, or repealed, leaves "
               "the whole procedure without one."),
    fix=("Đặt thời hạn cho bước đó (cùng đơn vị với các bước khác), hoặc sửa danh sách các bước trong procedures:",
         "Give the step a time limit (in the same unit as the others), or correct the steps under procedures:"),
    legal_basis=(),  # a rule of the tool: the regulation's own procedure is what is checked
    examples=(_EXAMPLE.format(max=10).replace("{working_days: 5}", "{days: 5}").replace("05 ngày làm việc", "05 ngày"),
              _EXAMPLE.format(max=10)),
    reads_facts=True,
)
def chain_cannot_be_summed(ctx: CheckContext) -> Iterator[Hit]:
    """Every step of a procedure names a provision that sets a period, in units that add up."""
    for proc in ctx.reg.meta.procedures:
        steps = list(_step_limits(ctx, proc))
        units = [limit[0] for _, limit in steps if isinstance(limit, tuple)]
        # the unit the steps are measured in: the overall limit's, else the one most steps use
        usual = _COMMON[proc.max.unit][0] if proc.max is not None and proc.max.unit in _COMMON else (
            max(units, key=units.count) if units else "")
        for step, limit in steps:
            if isinstance(limit, tuple) and limit[0] != usual:
                limit = Text.of(f"tính bằng {_UNIT_WORDS[limit[0]].vi}, khác các bước khác",
                                f"counts in {_UNIT_WORDS[limit[0]].en}, unlike the other steps")
            if not isinstance(limit, tuple):
                yield Hit(tuple(p for p in (step, _phrase(proc.provision)) if p in ctx.provision), at=proc.loc,
                          values={"procedure": proc.name, "step": step, "problem": limit})


@check(
    "QC416", "chain-exceeds-limit", "error",
    title=("Các bước của quy trình cộng lại vượt thời hạn chung", "A procedure's steps add up to more than its limit"),
    message=("{procedure}: các bước ({steps}) cộng lại {total}, vượt thời hạn chung {max} ({where})",
             "{procedure}: the steps ({steps}) add up to {total}, beyond the overall limit of {max} ({where})"),
    rationale=("Khi quy chế đặt thời hạn cho cả quy trình và cho từng bước, các bước làm đúng hạn thì cả quy trình "
               "cũng phải đúng hạn; tổng thời hạn các bước vượt thời hạn chung là mâu thuẫn ngay trong văn bản.",
               "When a regulation limits both a whole procedure and each of its steps, steps done in time must make "
               "the whole in time; steps that add up to more than the overall limit contradict the text itself."),
    fix=("Rút ngắn thời hạn một bước, hoặc sửa thời hạn chung", "Shorten a step, or amend the overall limit"),
    legal_basis=(),  # the regulation's own limit is the basis: the finding names where it is set
    examples=(_EXAMPLE.format(max=6), _EXAMPLE.format(max=7)),
    reads_facts=True,
)
def chain_exceeds_limit(ctx: CheckContext) -> Iterator[Hit]:
    """The steps' periods, added up in their common unit, stay within the procedure's ``max``."""
    for proc in ctx.reg.meta.procedures:
        cap = proc.max
        if cap is None or cap.direction != "after" or cap.unit not in _COMMON:
            continue
        unit, per = _COMMON[cap.unit]
        steps = list(_step_limits(ctx, proc))
        amounts = [limit[1] for _, limit in steps if isinstance(limit, tuple) and limit[0] == unit]
        if len(amounts) < len(steps):
            continue  # QC417 says why the steps cannot be added up
        total = sum(amounts)
        if total > cap.amount * per:
            cited = (*(phrase for phrase, _ in steps), _phrase(proc.provision))
            yield Hit(tuple(dict.fromkeys(p for p in cited if p in ctx.provision)), at=proc.loc,
                      values={"procedure": proc.name, "steps": " → ".join(f"{a:02d}" for a in amounts),
                              "total": period_words(unit, total), "max": cap.words,
                              "where": proc.provision or "regulation.yaml"})
