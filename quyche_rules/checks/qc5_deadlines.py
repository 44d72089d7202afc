"""qc5_deadlines checks."""

from __future__ import annotations
