"""The one YAML reader: data, and the span of every key and item; every problem as the check it stands for."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quyche_rules.loading.reader import MAX_BYTES, YamlProblem, parse_yaml, read_bytes

TEXT = """\
# a comment
article: "7"
title: >-
  Trách nhiệm
  chung
clauses:
  - clause: "1"
    norms:
      - duty: {holder: vu-a, task: t}   # trailing comment
  - clause: "2"
    text: |
      Một

# the end
"""


def test_every_key_and_item_has_its_start_and_the_end_of_its_content() -> None:
    doc = parse_yaml(TEXT.encode("utf-8"))
    spans = doc.spans
    assert spans[()] == (2, 1, 12, 10)  # the document: to the end of its last value, not the comments after
    assert spans[("title",)] == (3, 1, 5, 8)  # the key and its folded value, without the line breaks
    assert spans[("clauses", 0)] == (7, 5, 9, 38)  # an item: up to the end of its last value
    assert spans[("clauses", 0, "norms", 0, "duty")] == (9, 9, 9, 38)  # a key and its flow mapping
    assert spans[("clauses", 1, "text")] == (11, 5, 12, 10)
    assert doc.span(("clauses", 0, "missing", 3)) == spans[("clauses", 0)]  # the deepest part it has


@pytest.mark.parametrize(
    ("text", "code", "span"),
    [
        ("a: [1\n", "QC001", (2, 1, 2, 1)),
        ("a: 1\na: 2\n", "QC002", (2, 1, 2, 2)),
        ("a: !!python/object:os.system {}\n", "QC004", (1, 4, 1, 32)),
        ("a: &x 1\nb: *x\n", "QC004", (1, 4, 1, 8)),  # where the anchored value is
        ("<<: {a: 1}\n", "QC004", (1, 1, 1, 11)),
        ("a: 2024-02-30\n", "QC003", (1, 4, 1, 14)),
        ("a: " + "[" * 70 + "]" * 70 + "\n", "QC005", None),
    ],
)
def test_a_problem_is_the_check_it_stands_for_at_its_place(text: str, code: str, span: object) -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(text.encode("utf-8"))
    assert caught.value.code == code
    if span is not None:
        assert caught.value.span == span
    assert caught.value.what.vi and caught.value.expected.en and caught.value.fix.en


def test_invalid_utf8_is_located_at_the_byte() -> None:
    with pytest.raises(YamlProblem) as caught:
        parse_yaml(b"a: 1\nb: \xff\n")
    assert (caught.value.code, caught.value.span) == ("QC006", (2, 4, 2, 5))


def test_only_regular_files_are_read_and_never_more_than_the_limit(tmp_path: Path) -> None:
    fifo = tmp_path / "dieu-47.yaml"
    os.mkfifo(fifo)
    with pytest.raises(YamlProblem) as caught:
        read_bytes(fifo)  # would block forever if it were opened for a plain read
    assert caught.value.code == "QC007" and "not a regular file" in caught.value.what.en
    with pytest.raises(YamlProblem) as caught:
        read_bytes(Path("/dev/zero"))
    assert caught.value.code == "QC007"
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 1))
    with pytest.raises(YamlProblem) as caught:
        read_bytes(big)
    assert caught.value.code == "QC005" and caught.value.span is None
    with pytest.raises(YamlProblem) as caught:
        read_bytes(tmp_path / "missing.yaml", shown="articles/missing.yaml")
    assert caught.value.code == "QC007" and "articles/missing.yaml" in caught.value.what.en


@pytest.mark.parametrize(("written", "value"), [
    ("1:30", "1:30"), ("010", "010"), ("0o17", "0o17"), ("0x1F", "0x1F"), ("1_000", "1_000"), ("+0b11", "+0b11"),
    ("10", 10), ("-3", -3), ("+7", 7), ("0", 0), ("'010'", "010"),
])
def test_an_integer_is_read_as_a_number_only_when_written_as_people_write_one(written: str, value: object) -> None:
    # YAML 1.1 reads 1:30 as 90 (base 60) and 010 as 8 (octal): the drafter meant neither
    assert parse_yaml(f"a: {written}\n".encode()).data == {"a": value}
