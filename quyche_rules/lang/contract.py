"""The facts' contract a check is validated against, and the collector of one check's problems.

A :class:`FactContract` says which fields each kind of fact has, which are words for messages only, and which a
rule of the fact producer derives; :class:`Collector` gathers the problems of one check (what is wrong, what
was expected, the fix, with a "did you mean") and the fields it reads.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from quyche_rules.i18n import Text
from quyche_rules.lang.facts import FIELD_RE
from quyche_rules.lang.model import Check
from quyche_rules.loading.problems import Problem, did_you_mean
from quyche_rules.loading.reader import DataPath

__all__ = ["ALWAYS_FIELDS", "Collector", "FactContract", "fix_name", "listing"]

ALWAYS_FIELDS = frozenset({"kind", "fid", "seq"})
"""Fields every fact has, whatever its kind."""

@dataclass(frozen=True)
class FactContract:
    """What the facts a check runs on offer: the fields of each kind, and more.

    Attributes:
        fields: kind -> its fields; a check naming another kind or field is invalid.
        display: kind -> fields a message may show but no pattern may test (words made when the message is
            written).
        derived: the kinds (``kind``) and fields (``kind.field``) a rule of the fact producer derives, with the
            rule; a check that uses one names it in ``relies_on``.
    """

    fields: Mapping[str, frozenset[str]]
    display: Mapping[str, frozenset[str]] = dataclasses.field(default_factory=dict)
    derived: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(cls, known: Mapping[str, set[str]] | FactContract | None) -> FactContract | None:
        """Return ``known`` as a contract (a plain kind -> fields mapping has no display or derived fields)."""
        if known is None or isinstance(known, FactContract):
            return known
        return cls({kind: frozenset(fields) for kind, fields in known.items()})


def fix_name(word: str, candidates: Iterable[str], vi: str, en: str) -> Text:
    """Return the fix ``vi``/``en``, led by "did you mean" when ``word`` looks like one of ``candidates``."""
    guess = did_you_mean(word, candidates)
    if guess is not None:
        return Text.of(f"Có phải ý bạn là «{guess}»? {vi}", f"Did you mean «{guess}»? {en}")
    return Text.of(vi, en)


def listing(names: Iterable[str]) -> str:
    """Return ``names`` sorted, once each, joined by commas ("—" for none)."""
    items = sorted(set(names))
    return ", ".join(items) if items else "—"


class Collector:
    """Collects the problems of one check, and the fields it reads."""

    def __init__(self, check: Check, base: DataPath, contract: FactContract | None) -> None:
        self.check = check
        self.base = base
        self.contract = contract
        self.known = contract.fields if contract is not None else None
        self.problems: list[Problem] = []
        self.used: set[tuple[str, str]] = set()
        """(kind, field) of every field the check reads."""

    def add(self, path: DataPath, what: Text, expected: Text, fix: Text, rank: int = 0) -> None:
        """Add a problem at ``path`` below the check (``rank`` orders the problems of one place)."""
        self.problems.append(Problem(self.base + path, what, expected, fix, rank))

    def kind_ok(self, kind: str, path: DataPath) -> bool:
        """Return whether ``kind`` is a fact kind's name the contract knows (adding the problem if not)."""
        if not FIELD_RE.match(kind):
            self.add(
                path,
                Text.of(f"«{kind}» không phải tên loại dữ kiện", f"«{kind}» is not a fact kind name"),
                Text.of(
                    "chữ thường, chữ số và dấu _, ví dụ duty", "lowercase letters, digits and _, e.g. duty"
                ),
                Text.of("sửa tên loại", "correct the kind name"),
            )
            return False
        if self.known is not None and kind not in self.known:
            self.add(
                path,
                Text.of(f"Không có loại dữ kiện «{kind}»", f"Unknown fact kind «{kind}»"),
                Text.of(f"một trong: {listing(self.known)}", f"one of: {listing(self.known)}"),
                fix_name(kind, self.known, "Sửa tên loại.", "Correct the kind."),
            )
            return False
        return True

    def field_ok(
        self, kind: str, field: str, path: DataPath, *, kind_known: bool = True, shown: bool = False
    ) -> None:
        """Check that facts of ``kind`` have ``field`` (``shown``: in a message, where display fields count)."""
        self.used.add((kind, field))
        if not FIELD_RE.match(field):
            self.add(
                path,
                Text.of(f"«{field}» không phải tên trường", f"«{field}» is not a field name"),
                Text.of(
                    "chữ thường, chữ số và dấu _, ví dụ holder",
                    "lowercase letters, digits and _, e.g. holder",
                ),
                Text.of("sửa tên trường", "correct the field name"),
            )
            return
        if self.known is None or not kind_known or kind not in self.known or field in ALWAYS_FIELDS:
            return
        fields = self.known[kind] | ALWAYS_FIELDS
        display = self.contract.display.get(kind, frozenset()) if self.contract is not None else frozenset()
        if shown:
            fields |= display
        elif field in display:
            self.add(
                path,
                Text.of(f"«{kind}.{field}» là chữ để hiển thị trong thông báo, không dùng để so sánh",
                        f"«{kind}.{field}» is wording for messages; no pattern may test it"),
                Text.of("một trường của dữ kiện", "a field of the fact"),
                Text.of("so sánh trường mà chữ này diễn đạt", "test the field these words stand for"),
            )
            return
        if field not in fields:
            self.add(
                path,
                Text.of(
                    f"Dữ kiện loại «{kind}» không có trường «{field}»",
                    f"Facts of kind «{kind}» have no field «{field}»",
                ),
                Text.of(f"một trong: {listing(fields)}", f"one of: {listing(fields)}"),
                fix_name(field, fields, "Sửa tên trường.", "Correct the field name."),
            )
