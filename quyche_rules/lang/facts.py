"""The input contract of the rule engines: flat facts.

A fact is a flat mapping from lowercase snake_case ASCII field names to ``str`` or ``int`` values.
Every fact has ``kind`` (its type, e.g. ``"duty"``), ``fid`` (unique in the fact set) and ``seq``
(a unique integer ``>= 0``). The fact producer maps ``bool`` to ``0``/``1`` and ``None`` to ``""``,
so the facts of one kind carry the same fields.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

__all__ = ["FIELD_RE", "INT64_MAX", "INT64_MIN", "Fact", "FactValue"]

FactValue = str | int
"""A value in a fact: a string or a (64-bit) integer; never bool, float or None."""

Fact = Mapping[str, FactValue]
"""One fact: a flat mapping of field name to value."""

FIELD_RE = re.compile(r"^[a-z][a-z0-9_]*$")
"""The syntax of a field name (also of a bind name)."""

INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1
