"""How an instrument is named by its number: what QC403 accepts as the written instrument of a TUQ."""

from __future__ import annotations

import pytest

from quyche_rules.citations.instruments import is_instrument_reference, is_number


@pytest.mark.parametrize("text", [
    "5/QĐ-MAU", "12/2024/QĐ-MAU", "số 101/QĐ-UBDT", "01/QĐ-BXYZ", "10/QĐ-BXYZ",
    "Quyết định số 12/QĐ-BXYZ", "quyết định 12/QĐ-BXYZ", "Giấy ủy quyền số 03/GUQ-BXYZ", "Văn bản số 7/BXYZ-VP",
    "12/QĐ-BXYZ ngày 15/01/2027", "12/QĐ-BXYZ, ngày 5/1/2027", "Quyết định số 12/QĐ-BXYZ ngày 15 tháng 01 năm 2027",
])
def test_a_written_instrument_named_as_instruments_are_named(text: str) -> None:
    """QA3 defect 12: the kind word and the date are the usual way of naming it, not "no written instrument"."""
    assert is_instrument_reference(text)


@pytest.mark.parametrize("text", [
    "0/QĐ-BXYZ", "00/QĐ-BXYZ", "số 0/QĐ-MAU", "Quyết định số 00/QĐ-BXYZ ngày 15/01/2027",  # numbers start at 01
    "…/QĐ-UBDT", "Quyết định số …/QĐ-UBDT", "Quyết định", "x", "", "12/QĐ-BXYZ ngày …",
    "12/QĐ-BXYZ ngày 31/02/2027", "12/QĐ-BXYZ ngày 15 tháng 13 năm 2027",  # no such day
    "Quyết định số 12/QĐ-BXYZ và 13/QĐ-BXYZ",
])
def test_a_placeholder_or_something_else_is_no_reference(text: str) -> None:
    assert not is_instrument_reference(text)


def test_number_zero_is_a_placeholder() -> None:
    """Decree 30/2020 Art. 15(1): numbers start "từ số 01" each year."""
    assert is_number("1/QĐ-MAU") and is_number("số 100a/QĐ-MAU")
    assert not is_number("0/QĐ-MAU") and not is_number("số 000/QĐ-MAU")
