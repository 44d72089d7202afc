"""Norms as a reviewer reads them: one plain sentence per norm, in Vietnamese and English.

"Vụ Tổng hợp chủ trì «Xây dựng chương trình công tác»; Văn phòng Ủy ban phối hợp, trả lời trong thời hạn 05 ngày
làm việc; quá thời hạn không trả lời được coi là đồng ý." An authorisation says its scope, the instrument that grants
it and its validity; every time limit says its period, its event and its urgency. Names come from the regulation
(actors, tasks, document types); an id it does not know is shown as it is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from quyche_rules.i18n import Lang, Text
from quyche_rules.model import (
    Coordination,
    Deadline,
    Delegation,
    Duty,
    FollowUp,
    Power,
    Prohibition,
    Regulation,
    Reporting,
    Substitution,
)
from quyche_rules.model.norms import DeadlineRule, Norm
from quyche_rules.reports.phrases import (
    FREQUENCIES,
    MODES,
    SIGNING,
    SILENCE,
    deadline_text,
    join_names,
)
from quyche_rules.vocabulary import ROLES, action_text, day_words

__all__ = ["norm_sentence", "object_words"]


def _both(make: Callable[[Lang], str]) -> Text:
    """Return a text built by ``make(lang)`` in each language."""
    return Text.of(make("vi"), make("en"))


def object_words(reg: Regulation, task: str | None, items: Sequence[str]) -> str:
    """Return what a power or an authorisation covers: «task», and document types or tasks by name."""
    names = [f"«{reg.task_name(task)}»"] if task else []
    for item in items:
        if item in reg.document_type_by_id:
            names.append(reg.document_type_by_id[item].name)
        else:
            names.append(f"«{reg.task_name(item)}»")
    return ", ".join(names)


def _within(d: Deadline, words: str) -> str:
    """Return "within 5 working days" for a period after its event, the words alone for a date or a moment."""
    return f"within {words}" if d.is_period else words


def _conditions(n: Norm) -> Text:
    when = [c.text for c in n.when]
    unless = [c.text for c in n.unless]
    vi = "".join(f" khi {w}" for w in when) + "".join(f" trừ {u}" for u in unless)
    en = "".join(f" when «{w}»" for w in when) + "".join(f" except «{u}»" for u in unless)
    return Text.of(vi, en)


def _duty(n: Duty, reg: Regulation) -> Text:
    who, task = reg.actor_name(n.holder), f"«{reg.task_name(n.task)}»"
    role = ROLES.get(n.role, Text.of(n.role, n.role))
    verbs = {"lead": "leads", "cooperate": "cooperates on", "responsible": "carries out"}
    vi, en = f"{who} {role.vi} {task}", f"{who} {verbs.get(n.role, n.role)} {task}"
    if n.deadline is not None:
        limit = deadline_text(n.deadline)
        vi, en = f"{vi}, thời hạn {limit.vi}", f"{en}, {_within(n.deadline, limit.en)}"
    if n.accountable_to:
        boss = reg.actor_name(n.accountable_to)
        vi, en = f"{vi}, chịu trách nhiệm trước {boss}", f"{en}, answerable to {boss}"
    return Text.of(vi, en)


def _power(n: Power | Prohibition, reg: Regulation) -> Text:
    who, what = reg.actor_name(n.holder), object_words(reg, n.task, n.document_types)
    action = action_text(n.action)
    if isinstance(n, Prohibition):
        return Text.of(f"{who} không được {action.vi} {what}".rstrip(), f"{who} must not {action.en} {what}".rstrip())
    vi, en = f"{who} có quyền {action.vi} {what}".rstrip(), f"{who} may {action.en} {what}".rstrip()
    if n.exclusive:
        vi, en = f"{vi} (thẩm quyền riêng)", f"{en} (exclusively)"
    return Text.of(vi, en)


def _delegation(n: Delegation, reg: Regulation) -> Text:
    giver, taker = reg.actor_name(n.from_), reg.actor_name(n.to)
    mode = MODES[n.mode]
    what = Text.of(object_words(reg, n.task, n.scope), object_words(reg, n.task, n.scope))
    if not what.vi and n.fields:
        fields = ", ".join(reg.field_by_id[f].name if f in reg.field_by_id else f for f in n.fields)
        what = Text.of(f"thuộc các lĩnh vực: {fields}", f"in the fields: {fields}")
    sign = SIGNING.get(n.signing or "")
    act = sign if sign is not None and n.action == "sign" else action_text(n.action)
    vi = f"{giver} {mode.vi} cho {taker} {act.vi} {what.vi}".rstrip()
    en = f"{giver} {mode.en} {taker} to {act.en} {what.en}".rstrip()
    if sign is not None and n.action != "sign":
        vi, en = f"{vi}, {sign.vi}", f"{en}, {sign.en}"
    if n.on_behalf_of:
        body = reg.actor_name(n.on_behalf_of)
        vi, en = f"{vi}, thay mặt {body}", f"{en}, for {body}"
    if n.condition == "absence":
        vi, en = f"{vi} khi {giver} vắng mặt", f"{en} when {giver} is absent"
    elif n.condition == "vacancy":
        vi, en = f"{vi} khi khuyết người đứng đầu", f"{en} while the head post is vacant"
    extra_vi, extra_en = [], []
    if n.instrument:
        extra_vi.append(f"văn bản ủy quyền {n.instrument}")
        extra_en.append(f"instrument {n.instrument}")
    elif n.per_case:
        extra_vi.append("ủy quyền theo từng trường hợp")
        extra_en.append("given case by case")
    if n.valid_from or n.valid_until:
        start = day_words(n.valid_from) if n.valid_from else None
        end = day_words(n.valid_until) if n.valid_until else None
        extra_vi.append("hiệu lực" + (f" từ {start.vi}" if start else "") + (f" đến {end.vi}" if end else ""))
        extra_en.append("valid" + (f" from {start.en}" if start else "") + (f" to {end.en}" if end else ""))
    if n.via:
        extra_vi.append(f"ủy quyền lại từ «{n.via}»")
        extra_en.append(f"passing on «{n.via}»")
    if n.may_subdelegate:
        extra_vi.append("được ủy quyền lại")
        extra_en.append("may pass it on")
    if extra_vi:
        vi, en = f"{vi}; {'; '.join(extra_vi)}", f"{en}; {'; '.join(extra_en)}"
    return Text.of(vi, en)


def _coordination(n: Coordination, reg: Regulation) -> Text:
    lead, task = reg.actor_name(n.lead), f"«{reg.task_name(n.task)}»"
    coops = [reg.actor_name(c) for c in n.cooperating]

    def make(lang: Lang) -> str:
        if lang == "vi":
            text = f"{lead} chủ trì {task}" + (f"; {join_names(coops, lang)} phối hợp" if coops else "")
        else:
            text = f"{lead} leads {task}" + (f" with {join_names(coops, lang)}" if coops else "")
        if n.response_deadline is not None:
            limit = deadline_text(n.response_deadline).get(lang)
            text += f", trả lời trong thời hạn {limit}" if lang == "vi" else f", who answer within {limit}"
        silence = SILENCE.get(n.silence)
        return text + (silence.get(lang) if silence is not None else "")

    return _both(make)


def _substitution(n: Substitution, reg: Regulation) -> Text:
    absent, sub = reg.actor_name(n.absent), reg.actor_name(n.substitute)
    vi, en = f"Khi {absent} vắng mặt, {sub} thay", f"When {absent} is absent, {sub} acts"
    if n.fallback:
        fb = reg.actor_name(n.fallback)
        vi, en = f"{vi}; nếu cả {sub} vắng mặt, {fb} thay", f"{en}; if {sub} is absent too, {fb}"
    return Text.of(vi, en)


def _reporting(n: Reporting, reg: Regulation) -> Text:
    giver, taker = reg.actor_name(n.from_), reg.actor_name(n.to)
    about = (f" về «{reg.task_name(n.task)}»", f" on «{reg.task_name(n.task)}»") if n.task else ("", "")
    often = FREQUENCIES[n.frequency]
    vi, en = f"{giver} báo cáo {taker}{about[0]} {often.vi}", f"{giver} reports to {taker}{about[1]} {often.en}"
    if n.deadline is not None:
        limit = deadline_text(n.deadline)
        vi, en = f"{vi}, thời hạn {limit.vi}", f"{en}, {_within(n.deadline, limit.en)}"
    return Text.of(vi, en)


def _follow_up(n: FollowUp, reg: Regulation) -> Text:
    who, task = reg.actor_name(n.holder), f"«{reg.task_name(n.task)}»"
    targets = [reg.actor_name(t) for t in n.targets]

    def make(lang: Lang) -> str:
        if lang == "vi":
            text = f"{who} theo dõi, đôn đốc {task}" + (f" đối với {join_names(targets, lang)}" if targets else "")
        else:
            text = f"{who} follows up {task}" + (f" with {join_names(targets, lang)}" if targets else "")
        if n.frequency != "ad_hoc":
            often = FREQUENCIES[n.frequency].get(lang)
            text += f", báo cáo tiến độ {often}" if lang == "vi" else f", reporting progress {often}"
        if n.deadline is not None:
            limit = deadline_text(n.deadline).get(lang)
            text += f", thời hạn {limit}" if lang == "vi" else f", {_within(n.deadline, limit)}"
        return text

    return _both(make)


def _deadline(n: DeadlineRule, reg: Regulation) -> Text:
    limit = deadline_text(n.within)
    task = f"«{reg.task_name(n.task)}»"
    who = f" ({reg.actor_name(n.holder)})" if n.holder else ""
    return Text.of(f"{task}{who}: thời hạn {limit.vi}", f"{task}{who}: {_within(n.within, limit.en)}")


def norm_sentence(n: Norm, reg: Regulation) -> Text:
    """Return one norm as a plain sentence in both languages, with its conditions and exceptions."""
    if isinstance(n, Duty):
        text = _duty(n, reg)
    elif isinstance(n, (Power, Prohibition)):
        text = _power(n, reg)
    elif isinstance(n, Delegation):
        text = _delegation(n, reg)
    elif isinstance(n, Coordination):
        text = _coordination(n, reg)
    elif isinstance(n, Substitution):
        text = _substitution(n, reg)
    elif isinstance(n, Reporting):
        text = _reporting(n, reg)
    elif isinstance(n, FollowUp):
        text = _follow_up(n, reg)
    else:
        text = _deadline(n, reg)
    cond = _conditions(n)
    return Text.of(f"{text.vi}{cond.vi}.", f"{text.en}{cond.en}.")
