"""Message templates: ``{bind.field}`` and ``{count}`` placeholders, filled by regex substitution.

Templates are data: they are never passed to ``str.format`` or ``eval``. ``{{`` and ``}}`` stand for
literal braces. For the count bind, ``{leads.holder_name}`` renders the values of every counted fact,
sorted, joined by ``", "``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from quyche_rules.errors import InternalError
from quyche_rules.i18n import Text
from quyche_rules.lang.facts import Fact

__all__ = ["Placeholder", "placeholders", "render_template", "resolve_refs"]

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


def _text(value: object) -> str:
    return str(value)


def render_template(
    template: str,
    bindings: Mapping[str, Fact],
    group: Sequence[Fact],
    group_bind: str | None,
    count: int | None,
) -> str:
    """Fill the placeholders of a (validated) template.

    Args:
        template: the template text.
        bindings: ``when`` bind name -> matched fact.
        group: the counted facts (empty without ``count``).
        group_bind: the bind name of the counted group, or ``None``.
        count: the count, or ``None`` without ``count``.

    Returns:
        The text with every placeholder replaced.

    Raises:
        InternalError: a placeholder names a bind or field that is not there (templates are
            validated at load time, so this is a defect).
    """

    def substitute(m: re.Match[str]) -> str:
        token = m.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        inner = m.group(1)
        pm = _PLACEHOLDER.match(inner) if inner is not None else None
        if pm is None:
            raise _bad(template, token)
        bind, field = pm.group(1), pm.group(2)
        if bind is None:
            if count is None:
                raise _bad(template, token)
            return str(count)
        if group_bind is not None and bind == group_bind:
            try:
                return ", ".join(sorted(_text(fact[field]) for fact in group))
            except KeyError:
                raise _bad(template, token) from None
        fact = bindings.get(bind)
        if fact is None or field not in fact:
            raise _bad(template, token)
        return _text(fact[field])

    return _TOKEN.sub(substitute, template)


def resolve_refs(
    refs: Sequence[str],
    bindings: Mapping[str, Fact],
    group: Sequence[Fact],
    group_bind: str | None,
) -> tuple[str, ...]:
    """Return the values named by ``report`` refs (``"<bind>.<field>"``) for one match.

    A ref to the count bind yields the value of every counted fact (sorted). Values are rendered as
    text; empty strings are skipped and duplicates kept once, in first-seen order.

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
            values.append(_text(fact[field]))
        for value in sorted(values) if facts is group else values:
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
