"""The one template renderer and bilingual text."""

from __future__ import annotations

import errno
import os

import pytest

from quyche_rules.i18n import TemplateError, Text, fill, os_reason


def test_fill_takes_names_fields_and_each_language_of_a_text() -> None:
    values = {"a": 1, "b": {"c": "hai"}, "d": "", "t": Text.of("ba", "three")}
    assert fill("{a} and {b.c} and {d}{t}", values, "vi") == "1 and hai and ba"
    assert fill("{a} and {b.c} and {d}{t}", values, "en") == "1 and hai and three"
    assert Text.of("{t}!", "{t}?").fill(values) == Text.of("ba!", "three?")


def test_literal_braces_and_values_are_never_expanded_again() -> None:
    assert fill("{{a}} = {a}", {"a": "{a}"}) == "{a} = {a}"


@pytest.mark.parametrize("template", ["{missing}", "{b.missing}", "{a.field}"])
def test_a_placeholder_with_no_value_is_an_error(template: str) -> None:
    with pytest.raises(TemplateError):
        fill(template, {"a": 1, "b": {"c": 2}})


def test_attribute_access_is_not_a_placeholder() -> None:
    assert fill("{a.__class__}", {"a": 1}) == "{a.__class__}"


@pytest.mark.parametrize(("code", "en"), [
    (errno.ENOSPC, "no space left on the disk"), (errno.EACCES, "permission denied"),
    (errno.EROFS, "the file system is read-only"), (errno.ENOENT, "no such file or folder"),
])
def test_the_systems_refusal_is_said_in_both_languages(code: int, en: str) -> None:
    reason = os_reason(OSError(code, os.strerror(code)))
    assert reason.en == en and reason.vi != reason.en


def test_a_refusal_the_table_lacks_keeps_the_systems_words() -> None:
    reason = os_reason(OSError(errno.ETXTBSY, "Text file busy"))
    assert reason.en == "Text file busy" and reason.vi == "lỗi hệ thống: Text file busy"
