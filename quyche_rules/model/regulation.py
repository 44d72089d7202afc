"""Regulation metadata: number, issuer, dates, regime, legal bases, chapters."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from quyche_rules.model.base import MAX_NAME, Model, Name, Slug
from quyche_rules.model.deadline import Deadline
from quyche_rules.model.law import Instrument

__all__ = ["AmendmentRecord", "ChapterDef", "CollectiveRule", "ConsolidationRecord", "LegalBase", "Limit", "ModelNote",
           "Procedure", "RegulationMeta", "SectionDef"]


class LegalBase(Model):
    """A legal basis (căn cứ): an instrument by id, and the provision relied on if one is named.

    Written as the id alone (``- nd-30-2020``) or as a mapping (``- {id: nd-30-2020, provision: Điều 13}``).
    """

    id: Slug
    """Id of an instrument of the law catalogue (``quyche law``) or of the regulation's own ``instruments``."""
    provision: str = Field(default="", max_length=MAX_NAME)
    """The provision relied on, e.g. "khoản 3 Điều 13"; empty: the instrument as a whole."""

    @model_validator(mode="before")
    @classmethod
    def _id_alone(cls, value: Any) -> Any:
        if isinstance(value, dict) and {"number", "title"} & value.keys():  # the format before the law catalogue
            raise ValueError(
                "a legal basis names an instrument by its id in the law catalogue (`quyche law`), e.g. "
                "'- nd-30-2020' or '- {id: nd-30-2020, provision: Điều 13}'; describe an instrument the catalogue "
                "does not hold under 'instruments:' in regulation.yaml and name it here by its id")
        return {"id": value} if isinstance(value, str) else value


class SectionDef(Model):
    """A section (Mục) of a chapter."""

    section: str = Field(pattern=r"^\d+[a-z]?$")
    """Arabic number of the section."""
    title: str
    """Title of the section."""


class ChapterDef(Model):
    """A chapter (Chương) with its title and sections."""

    chapter: str = Field(pattern=r"^[IVXL]+$")
    """Roman numeral of the chapter."""
    title: str
    """Title of the chapter."""
    sections: tuple[SectionDef, ...] = ()
    """Sections of the chapter."""


class ModelNote(Model):
    """How an encoded regulation relates to the real instrument it models."""

    note: str
    """What the encoding is (e.g. our own model, written for this project)."""
    follows: tuple[str, ...] = ()
    """Real instruments the model follows, cited by number and address."""


class CollectiveRule(Model):
    """How a collective body decides: who votes, how many must attend, what carries a decision."""

    body: Slug
    """Id of the collective actor (kind ``collective``, or the regulation's own body), e.g. the Government; its head
    is a party of its own for what the collective decides (QC303)."""
    members: tuple[Slug, ...] = ()
    """Ids of its members (actors or groups)."""
    quorum: str | None = Field(default=None, pattern=r"^(\d+/\d+|majority|all)$")
    """How many members must take part: a fraction ("2/3"), majority or all."""
    vote: Literal["majority", "two_thirds", "unanimous"] = "majority"
    """What carries a decision: a majority of the members, two thirds, or all."""
    casting: Slug | None = None
    """Whose side wins a tied vote (the Prime Minister's)."""
    without_vote: tuple[Slug, ...] = ()
    """Who attends without a vote (a stand-in for an absent member)."""

    @field_validator("quorum")
    @classmethod
    def _share(cls, value: str | None) -> str | None:
        if value is not None and "/" in value:
            part, whole = (int(n) for n in value.split("/"))
            if not 0 < part <= whole:
                raise ValueError(f"quorum {value!r} is not a share of the members")
        return value


class Limit(Model):
    """A cap the regulation sets on itself ("thời hạn ủy quyền không quá 12 tháng"), which its norms must keep."""

    what: Literal["tuq_validity", "response_deadline"]
    """What is capped: how long a TUQ. authorisation may last, or how long a cooperating unit may take to answer."""
    max: Deadline
    """The cap, as a period ("{months: 12}", "{working_days: 5}")."""
    provision: str = Field(default="", max_length=MAX_NAME)
    """Where the regulation states it, e.g. "khoản 2 Điều 35"."""


class Procedure(Model):
    """Steps chained one after another, each with its own time limit, and the limit of the whole if the text sets one.

    "Văn phòng Chính phủ kiểm tra hồ sơ trong vòng 02 ngày làm việc … trình trong vòng 05 ngày làm việc … cho ý kiến
    trong vòng 03 ngày làm việc" is three steps (khoản 1, 2, 3 Điều 15); their limits add up to 10 working days,
    which must stay within ``max`` (QC416) and can only be added if every step has one, counted the same way (QC417).
    """

    name: Name
    """What the procedure is, in Vietnamese ("Quy trình xử lý văn bản quy phạm pháp luật")."""
    steps: tuple[str, ...] = Field(min_length=2, max_length=50)
    """The provisions that set each step's time limit, in order, as citation phrases ("khoản 1 Điều 15")."""
    max: Deadline | None = None
    """The limit of the whole procedure, when the regulation sets one ("{working_days: 10}")."""
    provision: str = Field(default="", max_length=MAX_NAME)
    """Where the regulation states the procedure or its overall limit, e.g. "Điều 15"."""

    @model_validator(mode="after")
    def _steps_differ(self) -> Procedure:
        seen = [s for i, s in enumerate(self.steps) if s in self.steps[:i]]
        if seen:
            raise ValueError(f"the step {seen[0]!r} is listed twice: each provision is one step of the procedure")
        return self


class AmendmentRecord(Model):
    """An amendment a consolidated text incorporates."""

    id: Slug
    """Id of the amendment (its ``amendment.id``), as every provision it changed records it in ``history``."""
    instrument: str = Field(max_length=MAX_NAME)
    """Number of the amending instrument, e.g. "15/QĐ-UBDT"."""
    effective: dt.date
    """Date the amendment took effect."""


class ConsolidationRecord(Model):
    """What ``quyche amend`` records in the consolidated text it writes: the original's date, the amendments."""

    original_effective: dt.date
    """Date the original text (``number``) took effect: ``effective`` becomes that of the latest change."""
    amendments: tuple[AmendmentRecord, ...] = ()
    """The amendments incorporated, in the order applied; one given again is refused (QC009)."""


class RegulationMeta(Model):
    """The ``regulation.yaml`` file."""

    id: Slug
    """ASCII slug id of the regulation, e.g. ``ubdt-2017``."""
    number: Name
    """Number of the promulgating decision, e.g. "559/QĐ-UBDT"."""
    title: str
    """Vietnamese title."""
    issuer: str
    """Who issued it, in Vietnamese."""
    body: Slug
    """Id of the actor (kind ``body``) whose regulation this is."""
    signed: dt.date
    """Date of signing."""
    effective: dt.date
    """Date it takes effect; checks run as of this date unless told otherwise."""
    regime: Literal["headship", "collective", "mixed"] = "headship"
    """headship (chế độ thủ trưởng), collective (chế độ tập thể), or mixed: the collective decides the matters it
    reserves (powers held by the ``collective`` actor), the head decides the rest individually (the Government)."""
    collective: CollectiveRule | None = None
    """For a collective or mixed regime: membership, quorum, voting rule, casting vote."""
    replaces: tuple[str, ...] = ()
    """Numbers of the instruments it replaces."""
    legal_bases: tuple[LegalBase, ...] = ()
    """The legal bases (căn cứ) of the promulgating decision, by instrument id."""
    instruments: tuple[Instrument, ...] = ()
    """Instruments the law catalogue does not hold that the regulation cites (a province's own decisions, the
    body's organisation decree…), described as the catalogue describes its own."""
    chapters: tuple[ChapterDef, ...] = ()
    """Chapters and their titles."""
    limits: tuple[Limit, ...] = ()
    """Caps the regulation sets on itself, checked against its norms (QC415)."""
    procedures: tuple[Procedure, ...] = ()
    """Procedures whose steps are chained, each step's time limit set by a provision (QC416, QC417)."""
    required_topics: tuple[Slug, ...] = ()
    """Topics the regulation must cover (checked by QC2xx)."""
    model: ModelNote | None = None
    """For an encoded model rather than the official text: what it is and what it follows."""
    consolidation: ConsolidationRecord | None = None
    """For a consolidated text (văn bản hợp nhất) written by ``quyche amend``: the original's date and the
    amendments it incorporates, so that one applied again is refused and a later consolidation lists them all."""

    @model_validator(mode="after")
    def _collective_for_its_regime(self) -> RegulationMeta:
        if self.collective is not None and self.regime == "headship":
            raise ValueError("collective (how a collective decides) is for a collective or mixed regime, not headship")
        return self
