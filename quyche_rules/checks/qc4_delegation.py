"""qc4_delegation checks."""

from __future__ import annotations
