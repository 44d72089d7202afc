"""Values, names and ids as durable-rules sees them: its 32-bit hash, the value encoding, fact JSON.

durable-rules finds facts, properties and aliases by a 32-bit FNV-1a hash only (``state.c``), compares
``7`` and ``7.0`` as different, rejects floats in exponent form and compares string lengths as 16-bit
numbers. This module gives every value, property name and fact id a form for which none of that matters.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence

from quyche_rules.errors import InternalError
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import FactValue

__all__ = [
    "GUARD",
    "KIND",
    "MAX_PROPERTIES",
    "MAX_STRING_BYTES",
    "SENTINEL",
    "SENTINEL_ID",
    "SID",
    "IdPool",
    "JsonValues",
    "Names",
    "assign_ids",
    "encode",
    "encode_str",
    "fnv1a32",
    "internal",
]

MAX_STRING_BYTES = 4096
"""Longest string value durable-rules is given (it compares string lengths as 16-bit numbers)."""

MAX_PROPERTIES = 255
"""Properties durable-rules stores per fact (``MAX_OBJECT_PROPERTIES``); a batch stops silently beyond."""

SID = "0"
SENTINEL_ID = "sentinel"
RESERVED = ("id", "sid")
GUARD = "z_g"
KIND = "z_k"
SENTINEL = "z_s"

_FNV_OFFSET = 0x811C9DC5
_FNV_PRIME = 0x01000193


def fnv1a32(text: str) -> int:
    """Return durable-rules' ``fnv1Hash32`` of ``text`` (``state.c``), bit for bit.

    The C code XORs each ``char`` of the UTF-8 bytes into the hash; ``char`` is signed on the
    platforms durable builds on, so bytes >= 0x80 are sign-extended to 32 bits.
    """
    h = _FNV_OFFSET
    for b in text.encode("utf-8"):
        if b >= 0x80:
            b |= 0xFFFFFF00
        h = ((h ^ b) * _FNV_PRIME) & 0xFFFFFFFF
    return h


def internal(vi: str, en: str) -> InternalError:
    """Return the error for a misbehaving engine (or adapter): a defect, never the user's fault."""
    return InternalError(
        Text.of(f"durable-rules: {vi}", f"durable-rules: {en}"),
        fix=Text.of(
            "báo lỗi cho quyche-rules; tạm thời chạy với --engine reference",
            "report this defect of quyche-rules; meanwhile run with --engine reference",
        ),
    )


_PLAIN = re.compile(r"^[ !#-\[\]-~]*$")  # printable ASCII without " and \ : never escaped in JSON


def encode(value: FactValue) -> int | str:
    """Encode a fact value for durable-rules, injectively, without floats or JSON escapes.

    Integers stay integers (int64, checked by the contract). A string becomes ``"s" + value`` if it is
    printable ASCII without quote or backslash, else ``"x" + hex(utf-8)``; neither form is ever the
    decimal text of an integer, so durable's int-as-text comparison cannot make ``7`` equal ``"7"``.
    """
    if type(value) is int:
        return value
    assert isinstance(value, str)
    return encode_str(value)


def encode_str(value: str) -> str:
    """Encode a string fact value (see :func:`encode`)."""
    out = "s" + value if _PLAIN.match(value) else "x" + value.encode("utf-8").hex()
    if len(out) > MAX_STRING_BYTES:
        raise internal(
            f"giá trị chuỗi dài {len(out)} byte vượt giới hạn {MAX_STRING_BYTES}",
            f"string value of {len(out)} bytes exceeds the {MAX_STRING_BYTES}-byte limit",
        )
    return out


class JsonValues(dict[FactValue, str]):
    """The JSON text of each encoded value, computed once per run (``7`` and ``"7"`` are different keys).

    Encoded strings need no JSON escapes (:func:`encode`), so the text is the encoding between quotes.
    """

    def __missing__(self, value: FactValue) -> str:
        text = str(value) if type(value) is int else '"' + encode_str(value) + '"'  # type: ignore[arg-type]
        self[value] = text
        return text


class Names:
    """Durable property names for fact fields, collision-free under durable's 32-bit property hash.

    Field names match ``FIELD_RE`` (ASCII letters, digits, ``_``), so property names need no JSON escapes.
    """

    def __init__(self, fields: Sequence[str]) -> None:
        for salt in itertools.count():
            pre = "" if salt == 0 else str(salt)
            self.value = {f: f"f{pre}_{f}" for f in fields}
            self.type_flag = {f: f"t{pre}_{f}" for f in fields}
            names = [*RESERVED, GUARD, KIND, SENTINEL, *self.value.values(), *self.type_flag.values()]
            if len({fnv1a32(n) for n in names}) == len(names):
                return
            if salt > 100:  # pragma: no cover - astronomically unlikely
                raise internal("không chọn được tên thuộc tính", "cannot choose collision-free property names")


def _id_stream(reserved: set[int]) -> Iterator[str]:
    """Yield fact ids ``f<n>`` (re-salted ``f<n>_<k>`` on collision) with distinct hashes not in ``reserved``."""
    used = set(reserved)
    for n in itertools.count():
        candidate = f"f{n}"
        salt = 0
        h = fnv1a32(candidate)
        while h in used:
            salt += 1
            candidate = f"f{n}_{salt}"
            h = fnv1a32(candidate)
        used.add(h)
        yield candidate


def assign_ids(count: int, reserved: set[int]) -> list[str]:
    """Return ``count`` fact ids whose fnv1a32 hashes are distinct and not in ``reserved``."""
    return list(itertools.islice(_id_stream(reserved), count))


class IdPool:
    """The fact ids of every session, computed once per process: the first ``n`` are a session's ids.

    The ids avoid the sentinel's hash and each other's, so no two facts of a session share a hash.
    """

    def __init__(self) -> None:
        self._stream = _id_stream({fnv1a32(SENTINEL_ID)})
        self.ids: list[str] = []
        self.index: dict[str, int] = {}

    def take(self, count: int) -> list[str]:
        """Return the first ``count`` ids (extending the pool if needed)."""
        if count > len(self.ids):
            new = list(itertools.islice(self._stream, count - len(self.ids)))
            self.index.update(zip(new, range(len(self.ids), count), strict=True))
            self.ids.extend(new)
        return self.ids[:count]
