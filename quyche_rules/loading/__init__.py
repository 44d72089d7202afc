"""Reading rule files: the one YAML reader, problems in words, and the loaders of regulations and amendments."""

from __future__ import annotations

from quyche_rules.loading.files import (
    LoadedRegulation,
    display_path,
    find_regulations,
    load_amendment,
    load_regulation,
    parse_amendment,
)

__all__ = [
    "LoadedRegulation",
    "display_path",
    "find_regulations",
    "load_amendment",
    "load_regulation",
    "parse_amendment",
]
