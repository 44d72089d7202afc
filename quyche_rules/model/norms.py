"""Norms: the duties, powers, prohibitions, delegations and other rules a provision creates."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from quyche_rules.model.base import Model, Name, Slug

__all__ = [
    "ACTIONS",
    "Coordination",
    "Deadline",
    "DeadlineRule",
    "Delegation",
    "Duty",
    "FollowUp",
    "Norm",
    "NormItem",
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
Urgency = Literal["normal", "urgent", "top_urgent", "flash"]
Frequency = Literal["ad_hoc", "daily", "weekly", "monthly", "quarterly", "half_yearly", "yearly"]


class Deadline(Model):
    """A time limit: exactly one of working days, calendar days, hours, same day or immediately."""

    working_days: int | None = Field(default=None, ge=1, le=3650)
    """Number of working days (weekends and public holidays are skipped); none at all is ``same_day``."""
    days: int | None = Field(default=None, ge=1, le=3650)
    """Number of calendar days."""
    hours: int | None = Field(default=None, ge=1, le=8760)
    """Number of hours; none at all is ``immediately``."""
    same_day: bool = False
    """Within the same day, at the latest the next working day."""
    immediately: bool = False
    """Immediately (for urgent documents)."""
    urgency: Urgency = "normal"
    """Urgency level the deadline applies to: normal, urgent (khẩn), top_urgent (thượng khẩn), flash (hỏa tốc)."""
    from_event: Name | None = None
    """The event the period counts from, in Vietnamese (e.g. "nhận được văn bản")."""

    @model_validator(mode="after")
    def _exactly_one_unit(self) -> Deadline:
        given = [
            n for n in ("working_days", "days", "hours") if getattr(self, n) is not None
        ] + [n for n in ("same_day", "immediately") if getattr(self, n)]
        if len(given) != 1:
            raise ValueError(
                "a deadline needs exactly one of working_days, days, hours, same_day or immediately "
                f"(got {', '.join(given) or 'none'})"
            )
        return self

    @property
    def unit(self) -> str:
        """Return the unit: working_days, days, hours, same_day or immediately."""
        for name in ("working_days", "days", "hours"):
            if getattr(self, name) is not None:
                return name
        return "same_day" if self.same_day else "immediately"

    @property
    def amount(self) -> int:
        """Return the amount in the deadline's unit (0 for same day and immediately)."""
        value = getattr(self, self.unit)
        return value if isinstance(value, int) and not isinstance(value, bool) else 0


class Duty(Model):
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


class Power(Model):
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


class Prohibition(Model):
    """An actor must not take an action on a task or document type."""

    holder: Slug
    """Id of the actor the prohibition binds."""
    action: Action
    """The forbidden action."""
    task: Slug | None = None
    """Id of the task concerned."""
    document_types: tuple[Slug, ...] = ()
    """Ids of the document types concerned."""


class Delegation(Model):
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


class Coordination(Model):
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


class Substitution(Model):
    """Who acts when an actor is absent."""

    absent: Slug
    """Id of the actor who is absent."""
    substitute: Slug
    """Id of the actor who acts in their place."""
    fallback: Slug | None = None
    """Id of the actor who acts when the substitute is absent too."""
    written: bool = True
    """True when the substitution is given in writing (ủy nhiệm bằng văn bản)."""


class Reporting(Model):
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


class FollowUp(Model):
    """An actor tracks and chases (theo dõi, đôn đốc) the execution of a task."""

    holder: Slug
    """Id of the actor who follows up."""
    task: Slug
    """Id of the task followed up."""
    targets: tuple[Slug, ...] = ()
    """Ids of the actors chased."""
    frequency: Frequency = "ad_hoc"
    """How often the holder reports on progress."""


class DeadlineRule(Model):
    """A time limit for a task, independent of who carries it out."""

    task: Slug
    """Id of the task."""
    within: Deadline
    """The time limit."""
    holder: Slug | None = None
    """Id of the actor bound by the time limit, if one."""


class _One(Model):
    pass


class DutyItem(_One):
    """A duty norm."""

    duty: Duty
    """A duty."""


class PowerItem(_One):
    """A power norm."""

    power: Power
    """A power."""


class ProhibitionItem(_One):
    """A prohibition norm."""

    prohibition: Prohibition
    """A prohibition."""


class DelegationItem(_One):
    """A delegation norm."""

    delegation: Delegation
    """A delegation."""


class CoordinationItem(_One):
    """A coordination norm."""

    coordination: Coordination
    """A coordination."""


class SubstitutionItem(_One):
    """A substitution norm."""

    substitution: Substitution
    """A substitution in absence."""


class ReportingItem(_One):
    """A reporting norm."""

    reporting: Reporting
    """A reporting line."""


class FollowUpItem(_One):
    """A follow-up norm."""

    follow_up: FollowUp
    """A follow-up duty."""


class DeadlineItem(_One):
    """A deadline norm."""

    deadline: DeadlineRule
    """A time limit for a task."""


def _norm_kind(value: Any) -> str | None:
    if isinstance(value, dict) and len(value) == 1:
        return str(next(iter(value)))
    if isinstance(value, _One):
        return next(iter(type(value).model_fields))
    return None


NormItem = Annotated[
    Annotated[DutyItem, Tag("duty")]
    | Annotated[PowerItem, Tag("power")]
    | Annotated[ProhibitionItem, Tag("prohibition")]
    | Annotated[DelegationItem, Tag("delegation")]
    | Annotated[CoordinationItem, Tag("coordination")]
    | Annotated[SubstitutionItem, Tag("substitution")]
    | Annotated[ReportingItem, Tag("reporting")]
    | Annotated[FollowUpItem, Tag("follow_up")]
    | Annotated[DeadlineItem, Tag("deadline")],
    Discriminator(
        _norm_kind,
        custom_error_type="norm_kind",
        custom_error_message="a norm is a mapping with exactly one key: duty, power, prohibition, delegation, "
        "coordination, substitution, reporting, follow_up or deadline",
    ),
]
NORM_ITEM_KINDS = ("duty", "power", "prohibition", "delegation", "coordination", "substitution", "reporting",
                   "follow_up", "deadline")
Norm = Duty | Power | Prohibition | Delegation | Coordination | Substitution | Reporting | FollowUp | DeadlineRule

NORM_KINDS: dict[type[Model], str] = {
    Duty: "duty", Power: "power", Prohibition: "prohibition", Delegation: "delegation",
    Coordination: "coordination", Substitution: "substitution", Reporting: "reporting",
    FollowUp: "follow_up", DeadlineRule: "deadline",
}


def unwrap(item: _One) -> Norm:
    """Return the norm inside a one-key norm item."""
    value = next(iter(item.__dict__.values()))
    assert isinstance(value, Model)
    return value  # type: ignore[return-value]
