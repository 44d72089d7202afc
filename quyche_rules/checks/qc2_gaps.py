"""qc2_gaps checks."""

from __future__ import annotations
