"""Builders shared by the amendment tests."""

from __future__ import annotations

import textwrap
from functools import cache
from pathlib import Path

from quyche_rules.loading import LoadedRegulation, load_regulation
from quyche_rules.loading.amendment import parse_amendment
from quyche_rules.model import Regulation
from quyche_rules.model.amendment import AmendmentFile
from tests.conftest import FIXTURES, MINIMAL

SMALL = FIXTURES / "amendments" / "base-small"
BUNDLED = FIXTURES.parent / "rules" / "ubdt-2017"


@cache
def loaded(folder: Path = SMALL) -> LoadedRegulation:
    return load_regulation(folder)


def small() -> Regulation:
    return loaded(SMALL).regulation


def minimal() -> Regulation:
    return loaded(MINIMAL).regulation


def amendment(
    operations: str,
    *,
    id: str = "sd-1",
    amends: str = "mau-sua-doi",
    effective: str = "2024-03-01",
    number: str = "2/QĐ-MAU",
    extra: str = "",
    file: str = "sua-doi.yaml",
) -> AmendmentFile:
    """Parse an amendment whose operations are given as YAML (a list, without the ``operations:`` key)."""
    text = (
        f"amendment: {{id: {id}, amends: {amends}, instrument: {{number: {number}, date: 2024-02-01}}, "
        f"effective: {effective}}}\n{extra}operations:\n{textwrap.indent(textwrap.dedent(operations), '  ')}"
    )
    return parse_amendment(text.encode("utf-8"), file)
