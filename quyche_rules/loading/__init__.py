"""Reading rule files: the one YAML reader, problems in words, and the loaders of regulations and amendments.

The amendment loader is :mod:`quyche_rules.loading.amendment` (not imported here: its models are off the hook's
path).
"""

from __future__ import annotations

from quyche_rules.loading.files import display_path, shared_parses
from quyche_rules.loading.regulation import (
    LoadedRegulation,
    effective_date,
    find_regulations,
    load_regulation,
    one_regulation,
)

__all__ = [
    "LoadedRegulation", "display_path", "effective_date", "find_regulations", "load_regulation", "one_regulation",
    "shared_parses",
]
