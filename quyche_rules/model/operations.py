"""The operations of an amendment file, each written like a Vietnamese drafting formula.

``amend`` (sửa đổi, bổ sung … như sau), ``insert`` (bổ sung … vào sau), ``repeal`` (bãi bỏ), ``replace_article``,
``replace_phrase`` (thay cụm từ), and the reorganisation: ``rename``, ``merge``, ``split``, ``dissolve`` (what
they say of the units: :mod:`quyche_rules.model.reorganisation`). The amendment file that holds them is
:mod:`quyche_rules.model.amendment`.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Discriminator, Field, Tag, model_validator

from quyche_rules.citations import CitationError, parse_citation
from quyche_rules.model.base import Model
from quyche_rules.model.norm_items import NormItem
from quyche_rules.model.provisions import Article, Clause, Lint, Point
from quyche_rules.model.reorganisation import (
    DissolveSpec,
    MergeSpec,
    RenameSpec,
    SplitSpec,
)

__all__ = [
    "OPERATION_KINDS",
    "AmendItem",
    "DissolveItem",
    "InsertItem",
    "InsertSpec",
    "MergeItem",
    "Operation",
    "PhraseSpec",
    "ProvisionPatch",
    "RenameItem",
    "RepealItem",
    "ReplaceArticleItem",
    "ReplacePhraseItem",
    "SplitItem",
]


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
    count: int | None = Field(default=None, strict=True, ge=0)
    """Number of occurrences the drafter expects to replace; a different number is reported (QC605)."""


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
