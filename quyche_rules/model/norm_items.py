"""A provision's norms as written: each a mapping with one key naming its kind (``duty: {...}``).

The norms themselves are :mod:`quyche_rules.model.norms`'; :func:`unwrap` takes one out of its item.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Tag

from quyche_rules.model.base import Model
from quyche_rules.model.norms import (
    Coordination,
    DeadlineRule,
    Delegation,
    Duty,
    FollowUp,
    Norm,
    Power,
    Prohibition,
    Reporting,
    Substitution,
)

__all__ = [
    "NORM_ITEM_KINDS",
    "CoordinationItem",
    "DeadlineItem",
    "DelegationItem",
    "DutyItem",
    "FollowUpItem",
    "NormItem",
    "PowerItem",
    "ProhibitionItem",
    "ReportingItem",
    "SubstitutionItem",
    "unwrap",
]


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


def unwrap(item: _One) -> Norm:
    """Return the norm inside a one-key norm item."""
    value = next(iter(item.__dict__.values()))
    assert isinstance(value, Model)
    return value  # type: ignore[return-value]
