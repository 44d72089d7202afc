"""Message templates of declarative checks: ``{bind.field}`` and ``{count}`` placeholders.

They are filled by the one renderer, :func:`quyche_rules.i18n.fill`; this module says which placeholders a
check may use and what fills them for a match. ``{{`` and ``}}`` stand for literal braces. For the count bind,
``{leads.holder_name}`` renders the values of every counted fact, sorted, joined by ``", "``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from quyche_rules.errors import InternalError
from quyche_rules.i18n import TemplateError, Text, fill
from quyche_rules.lang.facts import Fact

__all__ = ["Display", "Placeholder", "match_values", "placeholders", "render_template", "resolve_refs"]

# One token: an escaped brace, a placeholder, or a stray brace (an error at load time).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_PLACEHOLDER = re.compile(r"^(?:count|([a-z][a-z0-9_]*)\.([a-z][a-z0-9_]*))$")


@dataclass(frozen=True)
class Placeholder:
    """A placeholder found in a template.

    Attributes:
        text: the text between the braces.
        bind: the bind name, or ``None`` for ``{count}`` and malformed placeholders.
        field: the field name, or ``None``.
        valid: whether the placeholder is well formed (``{count}`` or ``{bind.field}``).
    """

    text: str
    bind: str | None
    field: str | None
    valid: bool

    @property
    def is_count(self) -> bool:
        """Whether this is ``{count}``."""
        return self.valid and self.bind is None


def placeholders(template: str) -> list[Placeholder]:
    """Return the placeholders of ``template`` in order (malformed ones included, ``valid=False``)."""
    out: list[Placeholder] = []
    for m in _TOKEN.finditer(template):
        token = m.group(0)
        if token in ("{{", "}}"):
            continue
        inner = m.group(1)
        if inner is None:  # a stray brace
            out.append(Placeholder(token, None, None, False))
            continue
        pm = _PLACEHOLDER.match(inner)
        if pm is None:
            out.append(Placeholder(inner, None, None, False))
        else:
            out.append(Placeholder(inner, pm.group(1), pm.group(2), True))
    return out


#: fact kind -> display field -> its words, made from the fact (see :mod:`quyche_rules.facts.wording`)
Display = Mapping[str, Mapping[str, Callable[[Fact], Text]]]


class _Shown(Mapping[str, object]):
    """A fact as a message sees it: its fields, and the display fields of its kind."""

    def __init__(self, fact: Fact, display: Mapping[str, Callable[[Fact], Text]]) -> None:
        self._fact = fact
        self._display = display

    def __getitem__(self, field: str) -> object:
        if field in self._fact:
            return self._fact[field]
        return self._display[field](self._fact)

    def __iter__(self) -> Iterator[str]:
        return iter((*self._fact, *self._display))

    def __len__(self) -> int:
        return len(self._fact) + len(self._display)


class _Group(Mapping[str, object]):
    """The counted facts seen as one bind: each field is the sorted values of every fact, joined by ", "."""

    def __init__(self, group: Sequence[_Shown]) -> None:
        self._group = group

    def __getitem__(self, field: str) -> object:
        values = [fact[field] for fact in self._group]
        if values and all(isinstance(v, Text) for v in values):
            words = [v for v in values if isinstance(v, Text)]
            return Text.of(", ".join(sorted(w.vi for w in words)), ", ".join(sorted(w.en for w in words)))
        return ", ".join(sorted(str(v) for v in values))

    def __iter__(self) -> Iterator[str]:
        return iter(self._group[0] if self._group else ())

    def __len__(self) -> int:
        return len(self._group[0]) if self._group else 0


def match_values(
    bindings: Mapping[str, Fact], group: Sequence[Fact], group_bind: str | None, count: int | None,
    display: Display | None = None,
) -> dict[str, object]:
    """Return what fills a check's message for one match: each bind's fact, the counted group, the count.

    Each fact also shows the display fields ``display`` gives its kind (words made from the fact).
    """
    words = display or {}

    def shown(fact: Fact) -> _Shown:
        return _Shown(fact, words.get(str(fact["kind"]), {}))

    values: dict[str, object] = {bind: shown(fact) for bind, fact in bindings.items()}
    if group_bind is not None:
        values[group_bind] = _Group([shown(fact) for fact in group])
    if count is not None:
        values["count"] = count
    return values


@functools.lru_cache(maxsize=1024)
def _well_formed(template: str) -> str | None:
    """Return the first placeholder of ``template`` that is not ``{count}`` or ``{bind.field}``, else None."""
    return next((f"{{{p.text}}}" for p in placeholders(template) if not p.valid), None)


def render_template(
    template: str,
    bindings: Mapping[str, Fact],
    group: Sequence[Fact],
    group_bind: str | None,
    count: int | None,
    display: Display | None = None,
) -> str:
    """Fill the placeholders of a (validated) template for one match, with :func:`quyche_rules.i18n.fill`.

    Args:
        template: the template text.
        bindings: ``when`` bind name -> matched fact.
        group: the counted facts (empty without ``count``).
        group_bind: the bind name of the counted group, or ``None``.
        count: the count, or ``None`` without ``count``.
        display: the display fields of each fact kind (words a message may show).

    Returns:
        The text with every placeholder replaced.

    Raises:
        InternalError: a placeholder names a bind or field that is not there (templates are
            validated at load time, so this is a defect).
    """
    bad = _well_formed(template)
    if bad is not None:
        raise _bad(template, bad)
    try:
        return fill(template, match_values(bindings, group, group_bind, count, display))
    except TemplateError as err:
        raise _bad(template, err.token) from None


def resolve_refs(
    refs: Sequence[str],
    bindings: Mapping[str, Fact],
    group: Sequence[Fact],
    group_bind: str | None,
) -> tuple[str, ...]:
    """Return the values named by ``report`` refs (``"<bind>.<field>"``) for one match.

    A ref to the count bind yields the value of every counted fact, in the order of the group (the match's
    sorted fact ids). Values are rendered as text; empty strings are skipped and duplicates kept once, in
    first-seen order.

    Raises:
        InternalError: a ref names a bind or field that is not there (refs are validated at load time).
    """
    out: dict[str, None] = {}
    for ref in refs:
        bind, _, field = ref.partition(".")
        if group_bind is not None and bind == group_bind:
            facts: Sequence[Fact] = group
        elif bind in bindings:
            facts = [bindings[bind]]
        else:
            raise _bad(ref, ref)
        values: list[str] = []
        for fact in facts:
            if field not in fact:
                raise _bad(ref, ref)
            values.append(str(fact[field]))
        for value in values:
            if value != "":
                out.setdefault(value, None)
    return tuple(out)


def _bad(template: str, token: str) -> InternalError:
    return InternalError(
        Text.of(
            f"Không điền được chỗ trống {token} trong mẫu thông báo «{template}»",
            f"Cannot fill placeholder {token} in message template «{template}»",
        ),
        expected=Text.of(
            "mỗi chỗ trống là {count} hoặc {tên.trường} của một mẫu khớp có trường đó",
            "every placeholder is {count} or {bind.field} of a bound fact that has that field",
        ),
    )
