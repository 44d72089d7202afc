"""QC7xx: the text and its norms agree — a norm the words do not express, words no norm encodes.

A lead norm stands on "chủ trì", a cooperation on "phối hợp", a deadline on its number of days in the text, a
signing mode on its formula ("ký thay", "thừa lệnh", "thừa ủy quyền", "quyền", "thay mặt"). The text of a point
includes its clause's and article's lead-in. Norms the importer suggested (``suggested: true``) are reported
by QC706, at info, until a person confirms them. The other way round, words no norm encodes (QC705):
:mod:`quyche_rules.checks.qc7_formulas`. The formulas: :mod:`quyche_rules.importing.formulas`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.citations import Citation
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text
from quyche_rules.importing.formulas import FORMULAS, IN_OTHER_WORDS, SIGNING_WORDS, canonical, has, periods
from quyche_rules.model import Coordination, Deadline, Delegation, Duty, Provision
from quyche_rules.model.deadline import DATE_UNITS
from quyche_rules.model.norms import Norm
from quyche_rules.trusted import construct

__all__ = ["ART", "GOOD", "PASS", "Mismatch", "deadlines", "mismatches", "provision_context"]

#: the examples' article: fill the text of clause 1, the lead's and the coordination's extra keys, clause 2's extra text
ART = ("articles:\n  - {article: '1', title: Trách nhiệm chung, chapter: I, clauses: [{clause: '1', text: '%s', "
        "norms: [{duty: {holder: vu-a, task: ke-hoach-nam, role: lead%s}}, {coordination: {lead: vu-a, cooperating: "
        "[vu-b], task: ke-hoach-nam, response_deadline: {working_days: 5}, silence: agree%s}}]}, {clause: '2', text: "
        "'Chánh Văn phòng theo dõi, đôn đốc việc thực hiện nhiệm vụ theo khoản 1 Điều này.%s', norms: [{follow_up: "
        "{holder: chanh-van-phong, task: ke-hoach-nam}}, {duty: {holder: chanh-van-phong, task: don-doc}}]}, "
        "{clause: '3', text: 'Văn bản đến được xử lý trong 03 ngày làm việc; công việc được xử lý trên môi trường "
        "mạng.', norms: [{deadline: {task: xu-ly-van-ban-den, within: {working_days: 3}}}, {duty: {holder: van-phong, "
        "task: xu-ly-van-ban-den}}, {duty: {holder: van-phong, task: xu-ly-tren-mang}}]}, {clause: '4', text: 'Chánh "
        "Văn phòng theo dõi, đôn đốc việc giải quyết văn bản đến.', norms: [{follow_up: {holder: chanh-van-phong, "
        "task: xu-ly-van-ban-den}}]}]}")
#: clause 1's text, which says every formula its norms encode
GOOD = "Vụ A chủ trì xây dựng kế hoạch công tác năm; Vụ B phối hợp và trả lời trong 05 ngày làm việc."
_SIGN = ("articles:\n  - {article: '2', title: Ký văn bản và vắng mặt, chapter: II, clauses: [{clause: '1', text: 'Bộ "
         "trưởng ký các quyết định; khi Bộ trưởng vắng mặt, Thứ trưởng A điều hành.', norms: [{power: {holder: "
         "bo-truong, action: sign, document_types: [quyet-dinh, giay-moi-hop, cong-van-a]}}, {substitution: {absent: "
         "bo-truong, substitute: thu-truong-a, fallback: thu-truong-b}}]}, {clause: '2', text: '%s', norms: "
         "[{delegation: {mode: assign, signing: KT, from: bo-truong, to: thu-truong-a, fields: [linh-vuc-a], scope: "
         "[cong-van-a]}}]}, {clause: '3', text: 'Chánh Văn phòng ký thừa lệnh Bộ trưởng giấy mời họp và được giao "
         "lại cho Phó Chánh Văn phòng.', norms: [{delegation: {id: tl-cvp, mode: assign, signing: TL, from: "
         "bo-truong, to: chanh-van-phong, scope: [giay-moi-hop]}}, {delegation: {mode: assign, signing: TL, from: "
         "chanh-van-phong, to: pho-chanh-van-phong, via: tl-cvp, scope: [giay-moi-hop]}}]}, {clause: '4', text: "
         "'Người có thẩm quyền ký số văn bản điện tử; Văn thư ký số của cơ quan sau đó.', norms: [{power: {holder: "
         "bo-truong, action: sign_digitally, task: ky-so}}, {duty: {holder: van-thu, task: ky-so}}]}]}")
#: the example every QC7xx passes
PASS = ART % (GOOD, "", "", "")
_Run = Callable[[CheckContext], Iterable[Hit]]


def provision_context(ctx: CheckContext) -> dict[str, str]:
    """Return each provision's text with the lead-ins above it (the clause's and the article's, for a point)."""
    out: dict[str, str] = {}
    for prov in ctx.reg.provisions:
        cit = prov.citation
        parts = [prov.text]
        if cit.clause is not None:  # (citations built as the loader builds them: their parts are valid)
            art = ctx.provision.get(construct(Citation, article=cit.article).format())
            parts.append(art.text if art is not None else "")
        if cit.point is not None:
            clause = ctx.provision.get(construct(Citation, article=cit.article, clause=cit.clause).format())
            parts.append(clause.text if clause is not None else "")
        out[prov.phrase] = "\n".join(parts)
    return out


@dataclass(frozen=True)
class Mismatch:
    """A norm its provision's words do not express: the code, the norm, and what is missing."""

    code: str
    prov: Provision
    norm: Norm
    missing: Text


def deadlines(norm: Norm) -> tuple[Deadline, ...]:
    """Return the deadlines a norm sets (its deadline, response deadline or time limit)."""
    values = norm.__dict__  # (a model's fields; getattr of a field it lacks goes through pydantic's slow path)
    found = (values.get("deadline"), values.get("response_deadline"), values.get("within"))
    return tuple(d for d in found if isinstance(d, Deadline))


def _stated(d: Deadline, said: set[tuple[str, int]], text: str) -> bool:
    if d.at_next:  # "tại phiên họp Chính phủ gần nhất": the anchor's words, not a number
        return bool(re.search(r"gần nhất|kế tiếp|tiếp theo|sắp tới", canonical(text)))
    if (d.unit, d.amount) not in said or (d.min is not None and (d.unit, d.min) not in said):
        return False
    if d.unit in DATE_UNITS:  # "trước ngày 25" (the 25th is late) is not "chậm nhất ngày 25" (it is in time)
        day = d.amount % 100 if d.unit == "day_of_year" else d.amount
        low = canonical(text)
        this, other = (_LATEST, _BEFORE) if d.latest else (_BEFORE, _LATEST)
        return not (re.search(other.format(day=day), low) and not re.search(this.format(day=day), low))
    return True


#: a fixed date as the text words it: before the day, or on it at the latest ("chậm nhất là ngày 25")
_BEFORE = r"trước ngày 0?{day}(?!\d)"
_LATEST = r"(?:chậm nhất|muộn nhất|không muộn hơn|đến hết)(?: là)? ngày 0?{day}(?!\d)"


def mismatches(ctx: CheckContext) -> Iterator[Mismatch]:
    """Yield every norm whose kind of formula its provision's text (with lead-ins) does not have."""
    context = provision_context(ctx)
    for prov in ctx.reg.provisions:
        if not prov.norms:
            continue
        text = context[prov.phrase]
        said: set[tuple[str, int]] | None = None  # the periods of the text, read when a norm sets one
        for norm in prov.norms:
            lead = (isinstance(norm, Duty) and norm.role == "lead") or isinstance(norm, Coordination)
            coop = (isinstance(norm, Duty) and norm.role == "cooperate") or (
                isinstance(norm, Coordination) and bool(norm.cooperating))
            if lead and not has(text, FORMULAS["lead"] + IN_OTHER_WORDS["lead"]):
                yield Mismatch("QC701", prov, norm, Text.of("“chủ trì”", "“chủ trì” (lead)"))
            if coop and not has(text, FORMULAS["cooperate"] + IN_OTHER_WORDS["cooperate"]):
                yield Mismatch("QC702", prov, norm, Text.of("“phối hợp”", "“phối hợp” (cooperate)"))
            for d in deadlines(norm):
                if d.unit in ("same_day", "immediately"):
                    continue
                said = periods(text) if said is None else said
                if not _stated(d, said, text):
                    yield Mismatch("QC703", prov, norm, d.words)
            if isinstance(norm, Delegation) and norm.signing and not has(text, SIGNING_WORDS[norm.signing]):
                said_as = " / ".join(f"“{w}”" for w in SIGNING_WORDS[norm.signing])
                yield Mismatch("QC704", prov, norm, Text.of(f"{norm.signing}. ({said_as})", f"{norm.signing}. ({said_as})"))


def _hits(ctx: CheckContext, code: str, suggested: bool) -> Iterator[Hit]:
    if "qc7-mismatches" not in ctx.shared:  # computed once for the five checks
        ctx.shared["qc7-mismatches"] = list(mismatches(ctx))
    found: list[Mismatch] = ctx.shared["qc7-mismatches"]
    for m in found:
        if bool(getattr(m.norm, "suggested", False)) == suggested and (suggested or m.code == code):
            yield Hit((m.prov.phrase,), at=m.norm.loc or m.prov.location,
                      values={"provision": m.prov.phrase, "missing": m.missing, "check": m.code})


_MSG = ("{provision}: quy định được mã hóa nhưng văn bản không có {missing}",
        "{provision}: a norm is encoded but the text has no {missing}")
_WHY = ("Quy định được mã hóa phải do chính lời văn nói ra; nếu lời văn không có công thức tương ứng thì hoặc mã hóa "
        "sai, hoặc văn bản diễn đạt khác và cần ghi lý do.",
        "An encoded norm must be said by the words themselves; when the text lacks the formula, either the encoding "
        "is wrong or the text says it otherwise, and the reading needs its reason.")
_FIX = ("Sửa quy định cho đúng lời văn, hoặc giữ nó với lint: {ignore: [mã], reason: '…'} nói lời văn diễn đạt thế nào",
        "Correct the norm to the words, or keep it with lint: {ignore: [code], reason: '…'} saying how the text puts it")


def _spec(code: str, name: str, title: tuple[str, str], fires: str) -> Callable[[_Run], _Run]:
    return check(code, name, "warning", title=title, message=_MSG, rationale=_WHY, fix=_FIX, legal_basis=(),
                 examples=(fires, PASS))


@_spec("QC701", "lead-without-formula", ("Quy định chủ trì mà văn bản không nói “chủ trì”",
                                         "A lead norm whose text does not say “chủ trì”"),
       ART % (GOOD.replace("chủ trì ", ""), "", "", ""))
def lead_without_formula(ctx: CheckContext) -> Iterator[Hit]:
    """A lead duty or coordination in a provision whose text (with lead-ins) has no "chủ trì"."""
    return _hits(ctx, "QC701", False)


@_spec("QC702", "cooperate-without-formula", ("Quy định phối hợp mà văn bản không nói “phối hợp”",
                                              "A cooperation whose text does not say “phối hợp”"),
       ART % (GOOD.replace("phối hợp", "góp ý"), "", "", ""))
def cooperate_without_formula(ctx: CheckContext) -> Iterator[Hit]:
    """A cooperation in a provision whose text has no "phối hợp", "tham gia" or "cùng"."""
    return _hits(ctx, "QC702", False)


@_spec("QC703", "deadline-not-in-text", ("Thời hạn không có trong lời văn", "A deadline the text does not state"),
       ART % (GOOD.replace("05", "07"), "", "", ""))
def deadline_not_in_text(ctx: CheckContext) -> Iterator[Hit]:
    """A deadline whose amount the text does not state as a number of that unit."""
    return _hits(ctx, "QC703", False)


@_spec("QC704", "signing-mode-not-in-text", ("Hình thức ký không có trong lời văn",
                                             "A signing mode the text does not state"),
       _SIGN % "Thứ trưởng A ký công văn thuộc lĩnh vực A.")
def signing_mode_not_in_text(ctx: CheckContext) -> Iterator[Hit]:
    """A delegation whose signing mode's formula the text lacks."""
    return _hits(ctx, "QC704", False)


@check(
    "QC706", "suggested-norm-not-in-text", "info",
    title=("Quy định gợi ý (chưa xác nhận) không khớp lời văn", "A suggested norm (not confirmed) the text does not state"),
    message=("{provision}: quy định gợi ý ({check}) nhưng văn bản không có {missing}",
             "{provision}: a suggested norm ({check}) but the text has no {missing}"),
    rationale=("Quy định do công cụ nhập gợi ý chưa được người xác nhận; chỉ báo ở mức thông tin để người rà soát.",
               "A norm the importer suggested is not yet confirmed by a person; it is reported at info for review."),
    fix=("Xác nhận (bỏ suggested) sau khi sửa cho đúng lời văn, hoặc xóa quy định gợi ý",
         "Confirm it (remove suggested) once it matches the words, or delete the suggestion"),
    legal_basis=(),
    examples=(ART % (GOOD.replace("chủ trì ", ""), ", suggested: true", ", suggested: true", ""), PASS),
)
def suggested_not_in_text(ctx: CheckContext) -> Iterator[Hit]:
    """QC701-QC704 for the norms the importer suggested, at info."""
    return _hits(ctx, "QC706", True)
