"""quyche-rules: check Vietnamese working regulations for gaps, conflicts and orphaned duties."""

from __future__ import annotations

__version__ = "0.1.0"
__all__ = ["__version__"]
