"""Norms: the duties, powers, prohibitions, delegations and other rules a provision creates."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from quyche_rules.model.base import Model, Name, Slug
from quyche_rules.model.deadline import Deadline

__all__ = [
    "ACTIONS",
    "NORM_KINDS",
    "Coordination",
    "Deadline",
    "DeadlineRule",
    "Delegation",
    "Duty",
    "FollowUp",
    "Norm",
    "Power",
    "Prohibition",
    "Reporting",
    "Substitution",
]

Action = Literal[
    "decide", "approve", "sign", "submit", "issue", "direct", "assign", "inspect",
    "propose", "appraise", "comment", "manage", "sign_digitally", "seal", "register",
]
ACTIONS: tuple[str, ...] = Action.__args__  # type: ignore[attr-defined]
Frequency = Literal["ad_hoc", "daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly"]
ConditionKind = Literal[
    "absence", "vacancy", "urgent", "necessary", "valid_file", "approved", "requested", "secret",
    "beyond_authority", "other",
]


class Condition(Model):
    """A condition or exception a provision puts on a norm ("trường hợp cấp bách", "trừ tài liệu mật")."""

    kind: ConditionKind
    """absence, vacancy, urgent (cấp bách), necessary (cần thiết), valid_file (hồ sơ hợp lệ), approved (được cấp
    có thẩm quyền đồng ý), requested (khi có yêu cầu), secret (tài liệu mật), beyond_authority (vượt thẩm quyền),
    or other (say which in ``text``)."""
    text: Name
    """The words of the provision that state it."""


class _Norm(Model):
    """What every norm may carry: the conditions under which it holds, and its exceptions."""

    when: tuple[Condition, ...] = ()
    """It holds only when all of these hold ("trường hợp cấp bách", "khi được đồng ý")."""
    unless: tuple[Condition, ...] = ()
    """It does not hold in these cases ("trừ trường hợp vượt thẩm quyền", "trừ tài liệu mật")."""
    suggested: bool = False
    """The importer suggested it from the words of the text (``quyche import``); no person has confirmed it yet."""
    words: str = ""
    """The words of the text the norm comes from (e.g. "chủ trì", "05 ngày làm việc"), as the importer found them."""


class Duty(_Norm):
    """An actor must carry out a task, as lead, cooperator or person responsible."""

    holder: Slug
    """Id of the actor that bears the duty."""
    task: Slug
    """Id of the task in the task catalogue."""
    role: Literal["lead", "cooperate", "responsible"] = "responsible"
    """lead (chủ trì), cooperate (phối hợp) or responsible (chịu trách nhiệm thực hiện)."""
    deadline: Deadline | None = None
    """Time limit for the duty, if the provision sets one."""
    accountable_to: Slug | None = None
    """Id of the actor the holder answers to."""
    each: bool = False
    """Held by each member of a group for its own unit or field ("mỗi bộ trưởng chủ trì … của bộ mình")."""


class Power(_Norm):
    """An actor may take an action (decide, approve, sign…) on a task or document type."""

    holder: Slug
    """Id of the actor that holds the power."""
    action: Action
    """What the holder may do."""
    task: Slug | None = None
    """Id of the task the power is about."""
    document_types: tuple[Slug, ...] = ()
    """Ids of the document types the power covers (for signing)."""
    exclusive: bool = False
    """True when the law or the regulation reserves this power to one actor."""
    each: bool = False
    """Held by each member of a group for its own unit or field."""


class Prohibition(_Norm):
    """An actor must not take an action on a task or document type."""

    holder: Slug
    """Id of the actor the prohibition binds."""
    action: Action
    """The forbidden action."""
    task: Slug | None = None
    """Id of the task concerned."""
    document_types: tuple[Slug, ...] = ()
    """Ids of the document types concerned."""


class Delegation(_Norm):
    """A power or task passed from one actor to another (phân công, ủy quyền, ủy nhiệm) and its signing mode."""

    id: Slug | None = None
    """Optional id, so that a sub-delegation can name the delegation it derives from (``via``)."""
    mode: Literal["assign", "authorize", "entrust"]
    """assign (phân công), authorize (ủy quyền) or entrust (ủy nhiệm, e.g. for absence)."""
    signing: Literal["KT", "TL", "TUQ", "Q", "TM"] | None = None
    """Signing mode: KT (ký thay), TL (thừa lệnh), TUQ (thừa ủy quyền), Q (quyền), TM (thay mặt)."""
    from_: Slug = Field(alias="from")
    """Id of the delegating actor."""
    to: Slug
    """Id of the actor who receives the power."""
    action: Action = "sign"
    """The delegated action."""
    task: Slug | None = None
    """Id of the delegated task, if the delegation is about one task."""
    fields: tuple[Slug, ...] = ()
    """Ids of the fields of work the delegation covers (the deputy's assigned fields for KT)."""
    scope: tuple[Slug, ...] = ()
    """Ids of the document types or tasks the delegation covers (the TL list, the TUQ content)."""
    instrument: str | None = None
    """Number of the written instrument that grants it (e.g. "12/QĐ-UBDT")."""
    valid_from: dt.date | None = None
    """First day of validity."""
    valid_until: dt.date | None = None
    """Last day of validity."""
    may_subdelegate: bool = False
    """True when the receiver may pass it on."""
    via: Slug | None = None
    """Id of the delegation this one passes on (a sub-delegation)."""
    condition: Literal["absence", "vacancy"] | None = None
    """absence (the delegator is away) or vacancy (the head post is vacant, for Q)."""
    on_behalf_of: Slug | None = None
    """The collective body signed for, in a compound form: "TM. Chính phủ / KT. Thủ tướng"."""
    per_case: bool = False
    """Given case by case ("đối với từng trường hợp cụ thể"): an instrument for each case, none standing."""


class Coordination(_Norm):
    """A task led by one actor with the cooperation of others."""

    lead: Slug
    """Id of the lead actor (chủ trì)."""
    cooperating: tuple[Slug, ...] = ()
    """Ids of the cooperating actors (phối hợp)."""
    task: Slug
    """Id of the task."""
    response_deadline: Deadline | None = None
    """Time the cooperating actors have to answer."""
    silence: Literal["agree", "no_opinion", "unspecified"] = "unspecified"
    """What a missing answer means: agree, no_opinion or unspecified."""
    each: bool = False
    """Held by each member of a group for its own unit or field."""


class Substitution(_Norm):
    """Who acts when an actor is absent."""

    absent: Slug
    """Id of the actor who is absent."""
    substitute: Slug
    """Id of the actor who acts in their place."""
    fallback: Slug | None = None
    """Id of the actor who acts when the substitute is absent too."""
    written: bool = True
    """True when the substitution is given in writing (ủy nhiệm bằng văn bản)."""


class Reporting(_Norm):
    """One actor reports to another, at a frequency or within a deadline."""

    from_: Slug = Field(alias="from")
    """Id of the reporting actor."""
    to: Slug
    """Id of the actor reported to."""
    task: Slug | None = None
    """Id of the task reported on."""
    frequency: Frequency = "ad_hoc"
    """How often."""
    deadline: Deadline | None = None
    """Time limit for the report."""
    each: bool = False
    """Held by each member of a group for its own unit or field."""


class FollowUp(_Norm):
    """An actor tracks and chases (theo dõi, đôn đốc) the execution of a task."""

    holder: Slug
    """Id of the actor who follows up."""
    task: Slug
    """Id of the task followed up."""
    targets: tuple[Slug, ...] = ()
    """Ids of the actors chased."""
    frequency: Frequency = "ad_hoc"
    """How often the holder reports on progress."""
    deadline: Deadline | None = None
    """When the holder acts, e.g. a reminder "chậm nhất 05 ngày làm việc trước khi đến hạn" (a lead time)."""
    each: bool = False
    """Held by each member of a group for its own unit or field."""


class DeadlineRule(_Norm):
    """A time limit for a task, independent of who carries it out."""

    task: Slug
    """Id of the task."""
    within: Deadline
    """The time limit."""
    holder: Slug | None = None
    """Id of the actor bound by the time limit, if one."""


Norm = Duty | Power | Prohibition | Delegation | Coordination | Substitution | Reporting | FollowUp | DeadlineRule


NORM_KINDS: dict[type[Model], str] = {
    Duty: "duty", Power: "power", Prohibition: "prohibition", Delegation: "delegation",
    Coordination: "coordination", Substitution: "substitution", Reporting: "reporting",
    FollowUp: "follow_up", DeadlineRule: "deadline",
}
