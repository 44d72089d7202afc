"""The amendment file: a header and a list of operations written like Vietnamese drafting formulas.

Targets are citation phrases ("khoản 1 Điều 7", "điểm c khoản 2 Điều 9"), read with
:func:`quyche_rules.citations.parse_citation`. Example::

    amendment:
      id: sua-doi-2019
      amends: ubdt-2017
      instrument: {number: 12/QĐ-UBDT, date: 2019-06-20}
      effective: 2019-07-01
    operations:
      - amend: khoản 1 Điều 7                     # Sửa đổi, bổ sung khoản 1 Điều 7 như sau
        with: {text: …, norms: […]}
      - insert: {after: Điều 4, article: {article: 4a, title: …}}   # Bổ sung Điều 4a vào sau Điều 4
      - repeal: điểm c khoản 2 Điều 9              # Bãi bỏ điểm c khoản 2 Điều 9
      - replace_phrase: {from: Trung tâm Thông tin, to: Trung tâm Chuyển đổi số, count: 3}
      - merge: {actors: [vu-dia-phuong-1, vu-dia-phuong-2], into: {id: vu-ctdt-dp, name: …}, takes_over: all}

The operations themselves are :mod:`quyche_rules.model.operations` and :mod:`quyche_rules.model.reorganisation`;
every name of the amendment's models is importable from here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, field_validator

from quyche_rules.model.base import MAX_NAME, Model, Slug
from quyche_rules.model.operations import (
    OPERATION_KINDS,
    AmendItem,
    DissolveItem,
    InsertItem,
    InsertSpec,
    MergeItem,
    Operation,
    PhraseSpec,
    ProvisionPatch,
    RenameItem,
    RepealItem,
    ReplaceArticleItem,
    ReplacePhraseItem,
    SplitItem,
)
from quyche_rules.model.organisation import DocumentType, FieldOfWork, Task
from quyche_rules.model.regulation import LegalBase
from quyche_rules.model.reorganisation import (
    DissolveSpec,
    MergeSpec,
    NewActor,
    NewHead,
    RenameSpec,
    RenameTo,
    SplitSpec,
    TakesOver,
)

__all__ = [
    "MAX_OPERATIONS",
    "OPERATION_KINDS",
    "AmendItem",
    "Amendment",
    "AmendmentFile",
    "AmendmentHeader",
    "Catalogue",
    "DissolveItem",
    "DissolveSpec",
    "InsertItem",
    "InsertSpec",
    "Instrument",
    "MergeItem",
    "MergeSpec",
    "NewActor",
    "NewHead",
    "Operation",
    "PhraseSpec",
    "ProvisionPatch",
    "RenameItem",
    "RenameSpec",
    "RenameTo",
    "RepealItem",
    "ReplaceArticleItem",
    "ReplacePhraseItem",
    "SplitItem",
    "SplitSpec",
    "TakesOver",
]


class Instrument(Model):
    """The amending instrument (văn bản sửa đổi, bổ sung)."""

    number: str = Field(max_length=MAX_NAME)
    """Number and symbol, e.g. "12/QĐ-UBDT" (empty for a draft not yet numbered)."""
    date: dt.date
    """Date of signing."""
    kind: Literal["decision", "decree", "circular", "resolution", "other"] = "decision"
    """Kind of instrument; a working regulation is amended by a decision (quyết định) of its issuer."""
    title: str | None = None
    """Vietnamese title, if useful."""


class AmendmentHeader(Model):
    """What is amended, by which instrument, from when."""

    id: Slug
    """ASCII slug id of this amendment, recorded in the provenance of every provision it changes."""
    amends: Slug
    """Id of the regulation amended (the ``id`` in its ``regulation.yaml``)."""
    instrument: Instrument
    """The amending instrument."""
    effective: dt.date
    """Date the amendment takes effect; amendments apply in order of this date (ties: by id)."""
    title: str | None = None
    """Vietnamese title of the amendment, if useful."""
    bases: tuple[LegalBase, ...] = ()
    """The amending instrument's legal bases (căn cứ), by instrument id; the consolidated text lists them
    after the regulation's own, and they are checked on the amendment's effective date (QC111)."""


class Catalogue(Model):
    """Tasks, fields of work and document types the amendment's norms need (added, or replaced by id)."""

    fields: tuple[FieldOfWork, ...] = ()
    """Fields of work to add."""
    tasks: tuple[Task, ...] = ()
    """Tasks to add."""
    document_types: tuple[DocumentType, ...] = ()
    """Document types to add."""


#: the most operations one amendment file holds; real amending decisions have tens, rarely hundreds
MAX_OPERATIONS = 2000


class AmendmentFile(Model):
    """An amendment file: which regulation it amends, and its operations in the order written."""

    amendment: AmendmentHeader
    """The header: id, the regulation amended, the amending instrument and the effective date."""
    catalogue: Catalogue | None = None
    """Tasks, fields and document types the new norms use, added to the regulation's catalogue."""
    operations: tuple[Operation, ...] = Field(default=(), max_length=MAX_OPERATIONS)
    """The operations, applied in this order (at most 2,000, ``MAX_OPERATIONS``: split a longer amendment)."""

    @field_validator("operations", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return () if value is None else value

    @property
    def id(self) -> str:
        """Return the amendment id."""
        return self.amendment.id

    @property
    def effective(self) -> dt.date:
        """Return the effective date."""
        return self.amendment.effective


#: the amendment as loaded; every operation remembers its file and line (``op.loc``)
Amendment = AmendmentFile
