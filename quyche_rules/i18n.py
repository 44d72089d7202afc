"""Bilingual user-facing text (Vietnamese by default, English) and the one template renderer.

Every message the tool shows is a :class:`Text`: both languages side by side, chosen with :meth:`Text.get`
where it is shown. Templates (check messages, error messages) are filled by :func:`fill` and nothing else:
``{name}`` or ``{name.field}`` placeholders, ``{{`` and ``}}`` for literal braces. A value that is itself a
:class:`Text` is shown in the language being rendered, so one template and one set of values serve both
languages. Templates are data: they are never passed to ``str.format`` or ``eval``.
"""

from __future__ import annotations

import errno
import re
import unicodedata
from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = [
    "CONTROL", "LANGS", "MAX_JOINED", "PLACEHOLDER", "Lang", "TemplateError", "Text", "excerpt", "fill", "joined",
    "nfc", "os_reason", "printable",
]

Lang = Literal["vi", "en"]
LANGS: tuple[Lang, ...] = ("vi", "en")

#: one token of a template: a literal brace, or a placeholder ``{name}`` / ``{name.field}``
PLACEHOLDER = re.compile(r"\{\{|\}\}|\{([a-z][a-z0-9_]*)(?:\.([a-z][a-z0-9_]*))?\}")


#: characters that have no place in a regulation and must never reach a terminal raw: C0 and C1 controls (but tab,
#: line feed and carriage return), DEL, and the bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069)
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def nfc(value: str) -> str:
    """Return ``value`` normalised to Unicode NFC."""
    return unicodedata.normalize("NFC", value)


def printable(text: str) -> str:
    r"""Return ``text`` with every control character (:data:`CONTROL`) written as an escape (``\x1b``)."""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)


def excerpt(value: object, limit: int = 60) -> str:
    """Return a short, quoted, escaped excerpt of a value a message echoes (``'abc…'``), never the whole of it."""
    if isinstance(value, str):
        return repr(value if len(value) <= limit else value[:limit] + "…")
    shown = repr(value)
    return shown if len(shown) <= limit else shown[:limit] + "…"


#: at most this many items in a list a message or a fact shows joined: messages and facts stay small
MAX_JOINED = 20


def joined(items: list[str] | tuple[str, ...], sep: str = ", ") -> str:
    """Return ``items`` joined for a message, the first ``MAX_JOINED`` of them and how many more."""
    shown = sep.join(items[:MAX_JOINED])
    return shown if len(items) <= MAX_JOINED else f"{shown}{sep}… (+{len(items) - MAX_JOINED})"


class TemplateError(LookupError):
    """A placeholder names a value that was not given (templates are checked when loaded: a defect)."""

    def __init__(self, template: str, token: str) -> None:
        super().__init__(f"cannot fill {token} in template {template!r}")
        self.template = template
        self.token = token


class Text(BaseModel):
    """A message in Vietnamese and English."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=False)

    vi: str
    """The text in Vietnamese."""
    en: str
    """The text in English."""

    def get(self, lang: Lang = "vi") -> str:
        """Return the text in ``lang``."""
        return self.vi if lang == "vi" else self.en

    def fill(self, values: Mapping[str, object]) -> Text:
        """Fill the placeholders of both languages from ``values`` (see :func:`fill`)."""
        return Text(vi=fill(self.vi, values, "vi"), en=fill(self.en, values, "en"))

    @classmethod
    def of(cls, vi: str, en: str) -> Text:
        """Build a text from its two languages."""
        return cls(vi=vi, en=en)


def _shown(value: object, lang: Lang) -> str:
    return value.get(lang) if isinstance(value, Text) else str(value)


def fill(template: str, values: Mapping[str, object], lang: Lang = "vi") -> str:
    """Return ``template`` with its placeholders filled from ``values``.

    ``{name}`` takes ``values[name]``; ``{name.field}`` takes ``values[name][field]`` (a fact, or any
    mapping). A :class:`Text` value is shown in ``lang``; anything else as ``str(value)``.

    Raises:
        TemplateError: a placeholder names a value or field that is not there.
    """

    def substitute(match: re.Match[str]) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name, field = match.group(1), match.group(2)
        try:
            value = values[name]
            if field is not None:
                value = value[field]  # type: ignore[index]
        except (KeyError, TypeError, IndexError):
            raise TemplateError(template, token) from None
        return _shown(value, lang)

    return PLACEHOLDER.sub(substitute, template)


_OS_REASONS = {
    errno.ENOENT: ("không có tệp hoặc thư mục này", "no such file or folder"),
    errno.ENOTDIR: ("một phần đường dẫn không phải thư mục", "part of the path is not a folder"),
    errno.EACCES: ("không có quyền", "permission denied"),
    errno.EPERM: ("không được phép", "operation not permitted"),
    errno.EISDIR: ("đây là một thư mục", "it is a folder"),
    errno.EEXIST: ("đã có", "it already exists"),
    errno.ENOSPC: ("hết chỗ trống trên đĩa", "no space left on the disk"),
    errno.EDQUOT: ("vượt hạn mức đĩa", "disk quota exceeded"),
    errno.EROFS: ("ổ đĩa chỉ cho đọc", "the file system is read-only"),
    errno.ELOOP: ("vòng liên kết tượng trưng", "a loop of symbolic links"),
    errno.ENAMETOOLONG: ("tên tệp quá dài", "file name too long"),
    errno.EBUSY: ("tệp đang bận", "the file is busy"),
    errno.EIO: ("lỗi đọc ghi đĩa", "input/output error"),
    errno.EBADF: ("luồng đã đóng", "the stream is closed"),
}


def os_reason(exc: OSError) -> Text:
    """Return why the operating system refused, in both languages (its own words when the table lacks them)."""
    found = _OS_REASONS.get(exc.errno or 0)
    if found is not None:
        return Text.of(*found)
    detail = exc.strerror or str(exc)
    return Text.of(f"lỗi hệ thống: {detail}", detail)
