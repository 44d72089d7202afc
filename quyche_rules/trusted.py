"""Pydantic models made from values that are already valid, as ``model_construct`` makes them, but quicker.

And smaller: the set of fields given (``model_fields_set``, an empty set alone takes 216 bytes) is one shared
set for all the models of a class given the same fields (:func:`share_fields`), copied into a set of their
own wherever pydantic would change it (``model_copy``); loading a regulation of 100,000 provisions keeps
about half a million models.

``model_construct`` walks every field of the class, with its aliases and defaults, for each object (about 8 µs
for a citation); loading and checking a large regulation make hundreds of thousands of citations and locations
from values that are valid by construction. :func:`construct` makes the same object (the same ``__dict__`` in
field order, the fields given as ``model_fields_set``, no extra and no private values) from a per-class table of
defaults. Only for models without aliases, default factories, extra fields, private attributes or a
``model_post_init``: anything else is refused when the class is first used (``tests/test_trusted.py`` compares
it with ``model_construct``).
"""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["construct", "share_fields"]

M = TypeVar("M", bound=BaseModel)
_set = object.__setattr__


@cache
def _template(cls: type[BaseModel]) -> tuple[dict[str, Any], frozenset[str]]:
    """Return every field and its default, in field order (a marker for a required field), and the required ones."""
    if (cls.__pydantic_post_init__ or cls.__private_attributes__ or cls.model_config.get("extra") == "allow"
            or cls.__pydantic_root_model__):
        raise TypeError(f"{cls.__name__} cannot be made by quyche_rules.trusted.construct")
    out = {}
    for name, field in cls.model_fields.items():
        if field.alias not in (None, name) or field.validation_alias is not None or field.default_factory:
            raise TypeError(f"{cls.__name__}.{name} cannot be made by quyche_rules.trusted.construct")
        out[name] = _REQUIRED if field.is_required() else field.default
    return out, frozenset(name for name, value in out.items() if value is _REQUIRED)


_REQUIRED = object()


class _SharedFields(set[str]):
    """The fields set of the models of one class given the same fields: never changed in place.

    pydantic copies it (``model_copy``, ``copy``) before changing it, and changes it in place only when a field
    is assigned, which frozen models refuse; anything else that tries is refused too.
    """

    def _refuse(self, *args: object) -> None:
        raise TypeError("a shared fields set is never changed in place")

    add = update = discard = remove = clear = pop = _refuse  # type: ignore[assignment]
    difference_update = intersection_update = symmetric_difference_update = _refuse
    __ior__ = __iand__ = __isub__ = __ixor__ = _refuse  # type: ignore[assignment]

    def __copy__(self) -> set[str]:
        return set(self)

    def __deepcopy__(self, memo: dict[int, Any]) -> set[str]:
        return set(self)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_SharedFields, (set(self),))


_SHARED: dict[tuple[type, int], list[_SharedFields]] = {}
_GIVEN: dict[tuple[Any, ...], _SharedFields] = {}  # (class, names given in that order) -> its fields set


def _shared(cls: type, fields: Collection[str]) -> _SharedFields:
    same = _SHARED.setdefault((cls, len(fields)), [])
    for candidate in same:
        if candidate == fields:
            return candidate
    made = _SharedFields(fields)
    same.append(made)
    return made


def share_fields(model: BaseModel) -> None:
    """Make ``model`` hold the shared fields set of its class and fields (the same fields, one object)."""
    fields = model.__pydantic_fields_set__
    if type(fields) is not _SharedFields:
        _set(model, "__pydantic_fields_set__", _shared(type(model), fields))


def construct(cls: type[M], **given: Any) -> M:
    """Return ``cls.model_construct(**given)``: ``given`` must be valid field values (nothing is validated)."""
    template, required = _template(cls)
    values = template.copy()
    values.update(given)  # (a field given keeps its place: the order is the fields')
    if len(values) != len(template):
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(given.keys() - template.keys()))}")
    if not required <= given.keys():  # as model_construct: a required field not given is left out
        for name in required - given.keys():
            del values[name]
    made = cls.__new__(cls)
    _set(made, "__dict__", values)
    key = (cls, *given)
    fields = _GIVEN.get(key)
    if fields is None:
        fields = _GIVEN[key] = _shared(cls, given.keys())
    _set(made, "__pydantic_fields_set__", fields)
    _set(made, "__pydantic_extra__", None)
    _set(made, "__pydantic_private__", None)
    return made
