"""construct() makes what model_construct() makes, for the models it is used on, and refuses the others."""

from __future__ import annotations

import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

from quyche_rules.citations import Citation
from quyche_rules.findings import Location
from quyche_rules.trusted import construct

_TEXT = st.text(min_size=1, max_size=8)


def _same(made: BaseModel, expected: BaseModel) -> None:
    assert type(made) is type(expected) and made == expected and repr(made) == repr(expected)
    assert list(made.__dict__.items()) == list(expected.__dict__.items())
    assert made.model_fields_set == expected.model_fields_set
    assert made.__pydantic_extra__ == expected.__pydantic_extra__ and made.__pydantic_private__ is None
    assert made.model_dump_json() == expected.model_dump_json() and pickle.loads(pickle.dumps(made)) == expected


@given(st.fixed_dictionaries({}, optional={"chapter": _TEXT, "section": _TEXT, "article": _TEXT, "clause": _TEXT,
                                            "point": _TEXT}))
def test_a_citation_is_the_one_model_construct_makes(given_: dict[str, Any]) -> None:
    _same(construct(Citation, **given_), Citation.model_construct(**given_))


@given(st.fixed_dictionaries({"file": _TEXT}, optional={"line": st.integers(1), "column": st.integers(1),
                                                          "end_line": st.integers(1), "end_column": st.integers(1)}))
def test_a_location_is_the_one_model_construct_makes(given_: dict[str, Any]) -> None:
    _same(construct(Location, **given_), Location.model_construct(**given_))


class _Aliased(BaseModel):
    name: str = Field(alias="ten")


class _Factory(BaseModel):
    items: list[str] = Field(default_factory=list)


class _Private(BaseModel):
    _cache: int = PrivateAttr(default=0)


class _Extra(BaseModel):
    model_config = ConfigDict(extra="allow")


class _PostInit(BaseModel):
    def model_post_init(self, context: Any, /) -> None:
        """Do something after validation."""


@pytest.mark.parametrize("cls", [_Aliased, _Factory, _Private, _Extra, _PostInit])
def test_a_model_it_cannot_make_alike_is_refused(cls: type[BaseModel]) -> None:
    with pytest.raises(TypeError, match="cannot be made"):
        construct(cls)


def test_models_given_the_same_fields_share_one_fields_set_that_pydantic_never_changes() -> None:
    import copy

    a, b = construct(Citation, article="3", clause="2"), construct(Citation, article="4", clause="1")
    assert a.__pydantic_fields_set__ is b.__pydantic_fields_set__
    assert construct(Citation, article="3").__pydantic_fields_set__ is not a.__pydantic_fields_set__
    changed = a.model_copy(update={"point": "a"})
    assert changed.model_fields_set == {"article", "clause", "point"} and a.model_fields_set == {"article", "clause"}
    assert copy.copy(a).model_fields_set == copy.deepcopy(a).model_fields_set == {"article", "clause"}
    assert a.model_dump(exclude_unset=True) == {"article": "3", "clause": "2"}
    assert a.model_dump_json(exclude_unset=True) == '{"article":"3","clause":"2"}'
    again = pickle.loads(pickle.dumps([a, b]))
    assert again == [a, b] and again[0].__pydantic_fields_set__ is again[1].__pydantic_fields_set__
    with pytest.raises(TypeError, match="never changed in place"):
        a.__pydantic_fields_set__.add("point")
    with pytest.raises(TypeError, match="never changed in place"):
        a.__pydantic_fields_set__ |= {"point"}


def test_a_loaded_regulation_shares_the_fields_sets_of_its_models() -> None:
    from pydantic import BaseModel as Base

    from quyche_rules.loading import load_regulation
    from tests.conftest import ROOT

    reg = load_regulation(ROOT / "rules" / "ubdt-2017").regulation
    sets: dict[int, int] = {}
    shapes: set[tuple[type, frozenset[str]]] = set()
    count = [0]

    def visit(obj: object) -> None:
        if isinstance(obj, Base):
            if obj is not reg:  # made from its parts after loading
                count[0] += 1
                sets[id(obj.__pydantic_fields_set__)] = 1
                shapes.add((type(obj), frozenset(obj.__pydantic_fields_set__)))
            for value in obj.__dict__.values():
                visit(value)
        elif isinstance(obj, (tuple, list)):
            for item in obj:
                visit(item)

    visit(reg)
    assert count[0] > 1000 and len(sets) == len(shapes)  # one set per class and fields given, not one per model


def test_a_field_the_class_does_not_have_is_refused() -> None:
    with pytest.raises(TypeError, match="has no field colour"):
        construct(Citation, article="3", colour="red")
