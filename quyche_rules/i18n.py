"""Bilingual user-facing text: Vietnamese (default) and English."""

from __future__ import annotations

import unicodedata
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["LANGS", "Lang", "Text", "nfc"]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")


def nfc(value: str) -> str:
    """Return ``value`` normalised to Unicode NFC."""
    return unicodedata.normalize("NFC", value)


class Text(BaseModel):
    """A message in Vietnamese and English."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)

    vi: str
    """The text in Vietnamese."""
    en: str
    """The text in English."""

    def get(self, lang: Lang = "vi") -> str:
        """Return the text in ``lang``."""
        return self.vi if lang == "vi" else self.en

    def format(self, **values: object) -> Text:
        """Fill ``{name}`` placeholders in both languages."""
        return Text(vi=self.vi.format(**values), en=self.en.format(**values))

    @classmethod
    def of(cls, vi: str, en: str) -> Text:
        """Build a text from its two languages."""
        return cls(vi=vi, en=en)
