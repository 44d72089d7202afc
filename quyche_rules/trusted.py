"""Pydantic models made from values that are already valid, as ``model_construct`` makes them, but quicker.

``model_construct`` walks every field of the class, with its aliases and defaults, for each object (about 8 µs
for a citation); loading and checking a large regulation make hundreds of thousands of citations and locations
from values that are valid by construction. :func:`construct` makes the same object (the same ``__dict__`` in
field order, the fields given as ``model_fields_set``, no extra and no private values) from a per-class table of
defaults. Only for models without aliases, default factories, extra fields, private attributes or a
``model_post_init``: anything else is refused when the class is first used (``tests/test_trusted.py`` compares
it with ``model_construct``).
"""

from __future__ import annotations

from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["construct"]

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


@cache
def _defaults(cls: type[BaseModel]) -> tuple[tuple[str, Any], ...]:
    """Return (field, default) in field order; a required field's default is a marker never stored."""
    if (cls.__pydantic_post_init__ or cls.__private_attributes__ or cls.model_config.get("extra") == "allow"
            or cls.__pydantic_root_model__):
        raise TypeError(f"{cls.__name__} cannot be made by quyche_rules.trusted.construct")
    out = []
    for name, field in cls.model_fields.items():
        if field.alias not in (None, name) or field.validation_alias is not None or field.default_factory:
            raise TypeError(f"{cls.__name__}.{name} cannot be made by quyche_rules.trusted.construct")
        out.append((name, _REQUIRED if field.is_required() else field.default))
    return tuple(out)


_REQUIRED = object()


def construct(cls: type[M], **given: Any) -> M:
    """Return ``cls.model_construct(**given)``: ``given`` must be valid field values (nothing is validated)."""
    values = {}
    for name, default in _defaults(cls):
        value = given.get(name, default)
        if value is not _REQUIRED:
            values[name] = value
    made = cls.__new__(cls)
    _set(made, "__dict__", values)
    _set(made, "__pydantic_fields_set__", set(given))
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made
