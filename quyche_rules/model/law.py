"""A legal instrument as the catalogue records it: identity, dates, standing, history and quoted provisions."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, model_validator

from quyche_rules.model.base import MAX_NAME, Model, Name, Slug

__all__ = ["KINDS", "Instrument", "Quote", "Replacement", "Standing"]

#: what the law catalogue says of an instrument's force: binding law, or another body's rules cited as practice
Standing = Literal["binding", "practice"]
#: the kinds of instrument, in Vietnamese drafting's words: luật, bộ luật, nghị định, quyết định, thông tư…
KINDS = ("law", "code", "decree", "decision", "circular", "resolution", "regulation", "other")


class Quote(Model):
    """A provision of the instrument a check relies on, quoted as published."""

    provision: str = Field(min_length=1, max_length=MAX_NAME)
    """The provision, smallest unit first: "khoản 3 Điều 13", "điểm c khoản 2 Điều 4", "Điều 148"."""
    text: str = Field(default="", max_length=4000)
    """Its words, verbatim (NFC), or the part of them the checks rely on; empty when not read."""
    verified: bool = False
    """True only when ``text`` was read in a trustworthy copy (``source``); else the provision is unverified."""
    source: str = Field(default="", max_length=MAX_NAME)
    """Where the text was read, e.g. "Bộ pháp điển, Điều 42.1.NĐ.13"."""


class Replacement(Model):
    """The instrument that replaced this one, and from when."""

    by: Slug
    """Catalogue id of the replacing instrument."""
    from_: dt.date = Field(alias="from")
    """First day the replacement is in force (this instrument's last day is the day before)."""


class Instrument(Model):
    """One legal instrument: a law, a decree, a decision, a circular, or another body's regulation."""

    id: Slug
    """Catalogue id, e.g. ``nd-30-2020``: kind, number and year."""
    number: str = Field(min_length=1, max_length=60)
    """The official number and symbol, e.g. "30/2020/NĐ-CP"; a code or law: "91/2015/QH13"."""
    kind: Literal["law", "code", "decree", "decision", "circular", "resolution", "regulation", "other"]
    """Kind of instrument."""
    name: Name
    """How findings cite it, e.g. "Nghị định 30/2020/NĐ-CP", "Bộ luật Dân sự 2015"."""
    title: str = Field(min_length=1, max_length=400)
    """The Vietnamese title (trích yếu)."""
    issuer: Name
    """Who issued it, e.g. "Chính phủ", "Quốc hội", "Bộ trưởng Bộ Giáo dục và Đào tạo"."""
    signed: dt.date
    """Date of signing or adoption."""
    effective: dt.date
    """First day in force."""
    replaced_by: Replacement | None = None
    """The instrument that replaced it as a whole, if any."""
    ended: dt.date | None = None
    """Last day in force when it ended without a replacement (repealed, expired)."""
    amended_by: tuple[Slug, ...] = ()
    """Catalogue ids of instruments that amended it (it stays in force)."""
    standing: Standing = "binding"
    """binding: law every body must follow; practice: another body's own rules, cited only as an example."""
    practice_of: str = Field(default="", max_length=MAX_NAME)
    """For practice: whose rules they are, e.g. "Bộ Giáo dục và Đào tạo"."""
    url: str = Field(default="", max_length=500)
    """The address of an official publication (vbpl.vn, vanban.chinhphu.vn, congbao.chinhphu.vn), if known."""
    verified: bool = False
    """True when its number, dates and history were read in a trustworthy source (``source``)."""
    source: str = Field(default="", max_length=400)
    """Where its particulars were read, and how far to trust that."""
    note: str = Field(default="", max_length=2000)
    """What the catalogue does not know about it, or why it is here."""
    provisions: tuple[Quote, ...] = ()
    """The provisions the checks rely on, quoted."""

    @model_validator(mode="after")
    def _consistent(self) -> Instrument:
        if self.effective < self.signed:
            raise ValueError("effective is before signed: an instrument takes effect from its signing or later")
        if self.replaced_by is not None and self.ended is not None:
            raise ValueError("give replaced_by (with its from date) or ended, not both")
        if self.replaced_by is not None and self.replaced_by.from_ <= self.effective:
            raise ValueError("replaced_by.from is not after effective")
        if (self.standing == "practice") != bool(self.practice_of):
            raise ValueError("practice_of names whose rules they are, for standing: practice (only)")
        seen: set[str] = set()
        for quote in self.provisions:
            if quote.provision in seen:
                raise ValueError(f"provision {quote.provision!r} quoted twice")
            seen.add(quote.provision)
        return self

    @property
    def last_day(self) -> dt.date | None:
        """Return the last day in force, if it ended."""
        if self.replaced_by is not None:
            return self.replaced_by.from_ - dt.timedelta(days=1)
        return self.ended

    def in_force_on(self, day: dt.date) -> bool:
        """Return True when the instrument is in force on ``day``."""
        last = self.last_day
        return self.effective <= day and (last is None or day <= last)

    def quote(self, provision: str) -> Quote | None:
        """Return the quoted provision, if the catalogue holds it."""
        return next((q for q in self.provisions if q.provision == provision), None)
