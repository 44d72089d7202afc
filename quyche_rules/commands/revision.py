"""The old version of ``quyche diff --base REV``, read from a temporary export: its files shown as ``REV:path``."""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding, Hit, Location
from quyche_rules.loading import LoadedRegulation, load_regulation

__all__ = ["load_exported", "rebased"]


def load_exported(folder: Path, tmp: Path, prefix: str) -> LoadedRegulation:
    """Load the old version from a temporary export; its load problems name files as ``REV:path``."""
    try:
        return load_regulation(folder)
    except LoadFailed as exc:
        real = os.path.realpath(tmp)

        def moved(hit: Hit) -> Hit:
            if hit.at is None or not os.path.realpath(hit.at.file).startswith(real + os.sep):
                return hit
            rel = os.path.relpath(os.path.realpath(hit.at.file), real).replace(os.sep, "/")
            return replace(hit, at=hit.at.model_copy(update={"file": f"{prefix}{rel}"}))

        raise LoadFailed([moved(h) for h in exc.hits]) from None


def rebased(findings: Sequence[Finding], tmp: Path, prefix: str) -> tuple[Finding, ...]:
    """Show files read from a temporary export as ``REV:path``: stable, and meaningful once it is gone."""
    real = os.path.realpath(tmp)

    def fix(loc: Location | None) -> Location | None:
        if loc is None:
            return None
        absolute = os.path.realpath(loc.file)
        if absolute == real or absolute.startswith(real + os.sep):
            rel = os.path.relpath(absolute, real).replace(os.sep, "/")
            return loc.model_copy(update={"file": f"{prefix}{rel}"})
        return loc

    out = []
    for f in findings:
        provisions = tuple(p.model_copy(update={"location": fix(p.location)}) for p in f.provisions)
        location = fix(f.location)
        out.append(f.model_copy(update={"location": location or f.location, "provisions": provisions}))
    return tuple(out)
