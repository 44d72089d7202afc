"""JSON Schema generation that describes each model field by its attribute docstring.

The models do not set pydantic's ``use_attribute_docstrings``: with it, creating each model class reads and parses
the class's source (about 70 ms of every start-up, the pre-commit hook's included), and only the schemas need the
docstrings. :class:`DocumentedSchema` adds them when a schema is generated, as that option would have.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic import BaseModel
from pydantic._internal._docs_extraction import extract_docstrings_from_cls
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

__all__ = ["DocumentedSchema", "field_docstrings"]


@cache
def field_docstrings(cls: type[BaseModel]) -> dict[str, str]:
    """Return field name -> the docstring written under it, in ``cls`` or the model it inherits it from."""
    docs: dict[str, str] = {}
    for base in reversed(cls.__mro__):
        if isinstance(base, type) and issubclass(base, BaseModel) and base is not BaseModel:
            docs.update(extract_docstrings_from_cls(base, use_inspect=True))
    return docs


class DocumentedSchema(GenerateJsonSchema):
    """A schema generator that gives a field without a ``description`` its attribute docstring."""

    def model_schema(self, schema: core_schema.ModelSchema) -> JsonSchemaValue:
        """Return the model's schema with its fields' docstrings as their descriptions."""
        json_schema = super().model_schema(schema)
        properties: dict[str, Any] = json_schema.get("properties", {})
        cls: type[BaseModel] = schema["cls"]
        docs = field_docstrings(cls)
        for name, info in cls.model_fields.items():
            key = info.alias if info.alias and info.alias in properties else name
            doc = docs.get(name)
            if doc and key in properties and "description" not in properties[key]:
                properties[key]["description"] = doc
        return json_schema
