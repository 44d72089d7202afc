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
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, field_validator, model_validator

from quyche_rules.citations import CitationError, parse_citation
from quyche_rules.model.base import MAX_NAME, Model, Name, Slug
from quyche_rules.model.norms import NormItem
from quyche_rules.model.organisation import ActorKind, DocumentType, FieldOfWork, Task
from quyche_rules.model.provisions import Article, Clause, Lint, Point
from quyche_rules.model.regulation import LegalBase

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

#: ``all`` (every norm of the old actor moves to the successor), ``none`` (nothing moves), or task ids
TakesOver = Literal["all", "none"] | tuple[Slug, ...]


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


class ProvisionPatch(Model):
    """The new wording of an amended provision ("… như sau"): keys given replace, keys left out stay.

    Write ``points: []`` (or ``clauses: []``, ``norms: []``) to remove them all.
    """

    title: str | None = None
    """New title (articles only)."""
    text: str | None = None
    """New Vietnamese text (for an article: its text or lead-in; for a clause: its text or lead-in)."""
    norms: tuple[NormItem, ...] | None = None
    """New norms of the provision itself (replace all its norms)."""
    clauses: tuple[Clause, ...] | None = None
    """New clauses (articles only; replace all clauses)."""
    points: tuple[Point, ...] | None = None
    """New points (clauses only; replace all points)."""
    lint: Lint | None = None
    """New suppressions, with the reason."""

    @model_validator(mode="after")
    def _something(self) -> ProvisionPatch:
        if all(getattr(self, name) is None for name in type(self).model_fields):
            raise ValueError(
                "`with` gives nothing to change: write at least one of title, text, norms, "
                "clauses, points or lint"
            )
        return self


def _level(phrase: str) -> str | None:
    """Return the level of a well-formed single citation phrase, or None when it cannot be read yet."""
    try:
        found = parse_citation(phrase)
    except CitationError:
        return None
    return found[0].level if len(found) == 1 else None


class AmendItem(Model):
    """Sửa đổi, bổ sung … như sau: new wording for an article, clause or point."""

    amend: str = Field(min_length=1)
    """Citation phrase of the provision amended, e.g. "khoản 1 Điều 7"."""
    with_: ProvisionPatch = Field(alias="with")
    """The new wording."""

    @model_validator(mode="after")
    def _fits_level(self) -> AmendItem:
        level = _level(self.amend)
        patch = self.with_
        wrong = []
        if level in ("clause", "point") and patch.title is not None:
            wrong.append("title")
        if level in ("clause", "point") and patch.clauses is not None:
            wrong.append("clauses")
        if level in ("article", "point") and patch.points is not None:
            wrong.append("points")
        if wrong:
            names = {"article": "an article", "clause": "a clause", "point": "a point"}
            raise ValueError(
                f"{names[level or 'article']} ({self.amend}) has no {', '.join(wrong)}: "
                "articles have title and clauses, clauses have points"
            )
        return self


class InsertSpec(Model):
    """Bổ sung … vào sau …: a new article, clause or point (numbered with a suffix such as 4a, 19a, a1)."""

    after: str | None = None
    """Citation phrase of the provision the new one follows, e.g. "Điều 4" or "điểm c khoản 1 Điều 7"."""
    into: str | None = None
    """Citation phrase of the article (for a clause) or clause (for a point) that receives it, when there is
    no ``after`` ("Bổ sung khoản 19a Điều 3"); the new item takes its place in number order."""
    article: Article | None = None
    """The new article (chapter and section default to those of the article before it)."""
    clause: Clause | None = None
    """The new clause."""
    point: Point | None = None
    """The new point."""

    @model_validator(mode="after")
    def _one_item(self) -> InsertSpec:
        given = [n for n in ("article", "clause", "point") if getattr(self, n) is not None]
        if len(given) != 1:
            raise ValueError(
                f"insert exactly one of article, clause or point (got {', '.join(given) or 'none'})"
            )
        if self.after is not None and self.into is not None:
            raise ValueError("give either `after` or `into`, not both")
        if self.article is not None and self.into is not None:
            raise ValueError(
                "an article is inserted `after` another article (or placed by its number); "
                "`into` is for clauses and points"
            )
        if self.article is None and self.after is None and self.into is None:
            raise ValueError(
                "say where the clause or point goes: `after` (khoản 2 Điều 5) or `into` (Điều 5)"
            )
        return self


class PhraseSpec(Model):
    """Thay thế cụm từ … bằng cụm từ … (tại …): replace a phrase in provision texts and article titles."""

    from_: str = Field(alias="from", min_length=1)
    """The phrase replaced, exactly as written (case-sensitive, NFC)."""
    to: str
    """The replacement phrase ("" deletes the phrase: "bỏ cụm từ")."""
    at: tuple[str, ...] = ()
    """Citation phrases of the provisions where it is replaced (with their clauses and points);
    empty: everywhere in the regulation."""
    count: int | None = Field(default=None, ge=0)
    """Number of occurrences the drafter expects to replace; a different number is reported (QC605)."""


class NewHead(Model):
    """The head post of a new unit (e.g. the Vụ trưởng of a merged department)."""

    id: Slug
    """ASCII slug id of the head."""
    name: Name
    """Vietnamese name, e.g. "Vụ trưởng Vụ Công tác dân tộc địa phương"."""


class NewActor(Model):
    """A unit created by a merge or a split, or an existing actor named by its id."""

    id: Slug
    """Id of the actor; when no actor has it, a new one is created from the keys below."""
    name: Name | None = None
    """Vietnamese name (required for a new actor)."""
    kind: ActorKind = "unit"
    """Kind of the new actor."""
    parent: Slug | None = None
    """Parent of the new actor (default: the parent of the first old actor)."""
    aliases: tuple[Name, ...] = ()
    """Other names the text uses for it."""
    fields: tuple[Slug, ...] = ()
    """Ids of the fields of work assigned to it."""
    head: NewHead | None = None
    """Its head post (kind ``unit_head``), created with it."""


class RenameTo(Model):
    """The new identity of a renamed actor."""

    id: Slug | None = None
    """New id; leave out (or repeat the old id) to rename in place, keeping every norm."""
    name: Name
    """New Vietnamese name."""
    aliases: tuple[Name, ...] = ()
    """Other names the text uses for it."""


class RenameSpec(Model):
    """Đổi tên: an actor continues under a new name (and possibly a new id)."""

    actor: Slug
    """Id of the actor renamed."""
    to: RenameTo
    """Its new name and id."""
    effective: dt.date | None = None
    """Date of the rename (default: the amendment's effective date)."""
    takes_over: TakesOver = "none"
    """With a new id: which norms of the old id move to the new one: ``all``, ``none`` or a list of task ids.
    Norms that do not move stay with the old id, which has ended (QC606 reports the duties)."""


class MergeSpec(Model):
    """Hợp nhất: several actors end and one successor (new or existing) replaces them."""

    actors: tuple[Slug, ...] = Field(min_length=1)
    """Ids of the actors merged."""
    into: NewActor
    """The successor: an existing actor's id, or a new actor."""
    effective: dt.date | None = None
    """Date of the merge (default: the amendment's effective date); the old actors end the day before."""
    takes_over: TakesOver = "none"
    """Which norms of the old actors (and of their head posts) move to the successor: ``all``, ``none`` or
    a list of task ids. A merge names the successor; it moves duties only where the amendment says so
    (DOMAIN.md 5.3: duties of merged units are orphaned unless reassigned), and QC606 reports the rest."""


class SplitSpec(Model):
    """Chia tách: one actor ends and several new ones share its duties."""

    actor: Slug
    """Id of the actor split."""
    into: tuple[NewActor, ...] = Field(min_length=1)
    """The actors that replace it."""
    duties: dict[Slug, Slug] = Field(default_factory=dict)
    """Task id -> id of the new actor that takes the old actor's norms on that task."""
    effective: dt.date | None = None
    """Date of the split (default: the amendment's effective date)."""


class DissolveSpec(Model):
    """Giải thể: an actor ends, with or without a successor."""

    actor: Slug
    """Id of the actor dissolved."""
    successor: Slug | None = None
    """Id of the actor that takes over, if any (must exist on the date)."""
    effective: dt.date | None = None
    """Date of the dissolution (default: the amendment's effective date)."""
    takes_over: TakesOver = "none"
    """Which norms move to the successor: ``all``, ``none`` or a list of task ids (needs a successor)."""

    @model_validator(mode="after")
    def _needs_successor(self) -> DissolveSpec:
        if self.takes_over != "none" and self.successor is None:
            raise ValueError("takes_over needs a successor")
        return self


class RepealItem(Model):
    """Bãi bỏ: the provisions cited are repealed (kept in the consolidated text as repealed stubs)."""

    repeal: str = Field(min_length=1)
    """Citation phrase, possibly of several provisions ("các điểm a và b khoản 2 Điều 9")."""


class InsertItem(Model):
    """Bổ sung … vào sau …."""

    insert: InsertSpec
    """The provision inserted and where."""


class ReplaceArticleItem(Model):
    """Điều … được thay thế như sau: a whole new article under the same number."""

    replace_article: Article
    """The new article; its number names the article replaced."""


class ReplacePhraseItem(Model):
    """Thay thế cụm từ."""

    replace_phrase: PhraseSpec
    """The phrase replaced, its replacement and where."""


class RenameItem(Model):
    """Đổi tên một đơn vị."""

    rename: RenameSpec
    """The actor renamed."""


class MergeItem(Model):
    """Hợp nhất các đơn vị."""

    merge: MergeSpec
    """The actors merged and their successor."""


class SplitItem(Model):
    """Chia tách một đơn vị."""

    split: SplitSpec
    """The actor split and who takes which task."""


class DissolveItem(Model):
    """Giải thể một đơn vị."""

    dissolve: DissolveSpec
    """The actor dissolved."""


OPERATION_KINDS = (
    "amend",
    "insert",
    "repeal",
    "replace_article",
    "replace_phrase",
    "rename",
    "merge",
    "split",
    "dissolve",
)


def _operation_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        found = [k for k in OPERATION_KINDS if k in value]
        return found[0] if len(found) == 1 else None
    if isinstance(value, Model):
        return next((k for k in OPERATION_KINDS if k in type(value).model_fields), None)
    return None


Operation = Annotated[
    Annotated[AmendItem, Tag("amend")]
    | Annotated[InsertItem, Tag("insert")]
    | Annotated[RepealItem, Tag("repeal")]
    | Annotated[ReplaceArticleItem, Tag("replace_article")]
    | Annotated[ReplacePhraseItem, Tag("replace_phrase")]
    | Annotated[RenameItem, Tag("rename")]
    | Annotated[MergeItem, Tag("merge")]
    | Annotated[SplitItem, Tag("split")]
    | Annotated[DissolveItem, Tag("dissolve")],
    Discriminator(
        _operation_kind,
        custom_error_type="operation_kind",
        custom_error_message="an operation is a mapping with exactly one of: amend (with `with`), insert, "
        "repeal, replace_article, replace_phrase, rename, merge, split or dissolve",
    ),
]


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
