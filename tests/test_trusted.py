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
