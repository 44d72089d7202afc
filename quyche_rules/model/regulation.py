"""Regulation metadata: number, issuer, dates, regime, legal bases, chapters."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from quyche_rules.model.base import Model, Name, Slug

__all__ = ["ChapterDef", "LegalBasis", "ModelNote", "RegulationMeta", "SectionDef"]


class LegalBasis(Model):
    """A superior instrument the regulation is based on (căn cứ), with its own status."""

    id: Slug
    """ASCII slug id."""
    number: str
    """Official number, e.g. "13/2017/NĐ-CP"."""
    kind: Literal["law", "decree", "decision", "circular", "resolution", "other"] = "decree"
    """Kind of instrument."""
    title: str
    """Vietnamese title."""
    issued: dt.date | None = None
    """Date of issue."""
    effective: dt.date | None = None
    """Date it took effect."""
    valid_until: dt.date | None = None
    """Last day in force, if replaced or expired."""
    replaced_by: str | None = None
    """Number of the instrument that replaced it."""
    url: str | None = None
    """A public address of its text."""

    def in_force_on(self, day: dt.date) -> bool:
        """Return True when the instrument is in force on ``day``."""
        start = self.effective or self.issued
        return (start is None or start <= day) and (self.valid_until is None or day <= self.valid_until)


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
    regime: Literal["headship", "collective"] = "headship"
    """headship (chế độ thủ trưởng) or collective (chế độ tập thể)."""
    replaces: tuple[str, ...] = ()
    """Numbers of the instruments it replaces."""
    legal_bases: tuple[LegalBasis, ...] = ()
    """Superior instruments cited as legal bases (căn cứ)."""
    chapters: tuple[ChapterDef, ...] = ()
    """Chapters and their titles."""
    required_topics: tuple[Slug, ...] = ()
    """Topics the regulation must cover (checked by QC2xx)."""
    model: ModelNote | None = None
    """For an encoded model rather than the official text: what it is and what it follows."""
