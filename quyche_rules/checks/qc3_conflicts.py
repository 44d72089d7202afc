"""qc3_conflicts checks."""

from __future__ import annotations
