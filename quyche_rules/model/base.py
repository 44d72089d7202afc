"""Shared pydantic base, identifiers and source positions for the rule-file models."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from quyche_rules.findings import Location
from quyche_rules.i18n import nfc
from quyche_rules.trusted import construct

__all__ = ["MAX_NAME", "MAX_SLUG", "SLUG_RE", "Model", "Name", "Slug", "slugify", "to_nfc"]

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
#: the longest id: what every rule engine can hold in a fact, and more than any real id needs
MAX_SLUG = 64
#: the longest name of an actor, task, field or document type (the longest real unit name is about 100)
MAX_NAME = 200


def slugify(text: str) -> str:
    """Return the ASCII slug of ``text`` (``đ`` becomes ``d``)."""
    from slugify import slugify as _slugify  # lazy: python-slugify loads unidecode's tables, only error paths need it

    return str(_slugify(nfc(text).replace("đ", "d").replace("Đ", "D")))


def _check_slug(value: str) -> str:
    if not SLUG_RE.match(value):
        raise ValueError(
            f"{value!r} is not an ASCII slug id (lower-case letters, digits and hyphens); "
            f"use {slugify(value)!r}"
        )
    return value


def to_nfc(value: Any) -> Any:
    """Normalise every string inside ``value`` to NFC."""
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, dict):
        return {to_nfc(k): to_nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_nfc(v) for v in value]
    return value


Slug = Annotated[str, Field(max_length=MAX_SLUG), AfterValidator(_check_slug)]
"""An ASCII id: lower-case letters and digits in words joined by hyphens, at most ``MAX_SLUG`` characters."""
#: what breaks a line (LF, CR, VT, FF, U+001C-U+001E, NEL, U+2028, U+2029: Python's str.splitlines) or is any
#: other control character: a name printed with one would start a line of its own (in a CI log, a workflow command)
_NOT_IN_A_NAME = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _check_one_line(value: str) -> str:
    found = _NOT_IN_A_NAME.search(value)
    if found is not None:
        char = f"U+{ord(found.group(0)):04X}"
        raise ValueError(f"a name is one line: the character {char} at position {found.start() + 1} breaks the "
                         "line or is a control character")
    return value


Name = Annotated[str, Field(min_length=1, max_length=MAX_NAME), AfterValidator(_check_one_line)]
"""A name (Vietnamese), at most ``MAX_NAME`` characters, on one line: no line break, no control character."""


class Model(BaseModel):
    """Frozen model that rejects unknown keys and remembers where it was written."""

    # (defer_build: a model's validator is built when it first validates, not when its module is imported: the
    # amendment models, for one, are imported by many commands and validate only when an amendment is read)
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, use_attribute_docstrings=False,
                              defer_build=True)

    # Where it was written is kept in ``__pydantic_private__["loc"]`` (a Location, or the loader's (file, line,
    # column, end line, end column) until first asked), set by :meth:`place`, not declared as a private
    # attribute: pydantic would then set one up on every object it validates (about a tenth of loading).

    def place(self, loc: Location | tuple[str, int, int, int, int] | None) -> None:
        """Record where this object was written (its copies keep it; equality ignores it)."""
        object.__setattr__(self, "__pydantic_private__", {"loc": loc})

    @property
    def loc(self) -> Location | None:
        """Return where this object was written (file, start and end), if known."""
        private = self.__pydantic_private__
        loc = private.get("loc") if private else None
        if type(loc) is tuple:
            file, line, column, end_line, end_column = loc
            loc = private["loc"] = construct(  # type: ignore[index]
                Location, file=file, line=line, column=column, end_line=end_line, end_column=end_column
            )
        return loc

    def place_key(self, name: str, loc: Location) -> None:
        """Record where the key ``name`` of this object was written (for a finding about that one value)."""
        private = self.__pydantic_private__
        if private is None:
            private = {"loc": None}
            object.__setattr__(self, "__pydantic_private__", private)
        private.setdefault("keys", {})[name] = loc

    def key_loc(self, name: str) -> Location | None:
        """Return where the key ``name`` was written when recorded (:meth:`place_key`), else where this object was."""
        private = self.__pydantic_private__
        keys = private.get("keys") if private else None
        return keys.get(name, self.loc) if keys else self.loc

    def __eq__(self, other: object) -> bool:
        """Compare field values only, never source positions."""
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Model)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def _values(self) -> tuple[Any, ...]:
        return tuple(self.__dict__[name] for name in type(self).model_fields)
