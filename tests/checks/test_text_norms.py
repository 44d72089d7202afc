"""QC7xx: the text and its norms agree (the formulas of quyche_rules.importing.formulas)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quyche_rules.checks.runner import run_checks
from quyche_rules.importing.formulas import canonical, find, has, periods, spelt
from quyche_rules.loading import load_regulation

ROOT = Path(__file__).resolve().parents[2]
QC7 = ["QC701", "QC702", "QC703", "QC704", "QC705", "QC706"]


def test_both_tone_spellings_and_nfd_read_alike() -> None:
    assert canonical("thừa uỷ quyền, hoà giải, hoàn thành") == "thừa ủy quyền, hòa giải, hoàn thành"
    nfd = "chu\u0309 tri\u0300"
    assert has(nfd, ("chủ trì",)) == "chủ trì"
    assert has("KÝ THỪA UỶ QUYỀN", ("thừa ủy quyền",))


def test_numbers_with_and_without_leading_zero_and_ranges() -> None:
    assert ("working_days", 5) in periods("trong thời hạn 05 ngày làm việc")
    assert ("working_days", 5) in periods("trong 5 ngày làm việc")
    assert {("working_days", 2), ("working_days", 5)} <= periods("từ 02 đến 05 ngày làm việc")
    assert ("days", 15) in periods("trong thời hạn 15 ngày") and ("working_days", 15) not in periods("15 ngày")
    assert ("day_of_year", 1115) in periods("trước ngày 15/11 hằng năm")
    assert ("months", 6) in periods("sáu tháng")


def test_a_number_followed_by_itself_in_words_is_read_once() -> None:
    """ "03 (ba) ngày làm việc" is how texts write periods; words that say another number leave it unread."""
    assert periods("xử lý trong thời hạn 03 (ba) ngày làm việc") == {("working_days", 3)}
    assert periods("trong 15 (mười lăm) ngày") == {("days", 15)}
    assert periods("từ 02 (hai) đến 05 (năm) ngày làm việc") == {("working_days", 2), ("working_days", 5)}
    assert periods("trong 45 ( bốn mươi lăm ) ngày") == {("days", 45)}
    assert periods("trong thời hạn 03 (năm) ngày làm việc") == set()  # which one is meant is not said
    assert periods("trong 05 ngày (kể cả ngày nghỉ)") == {("days", 5)}
    found = [(f.kind, f.amount) for f in find("trong thời hạn 05 (năm) ngày làm việc") if f.kind.startswith("period")]
    assert found == [("period:working_days", 5)]


@pytest.mark.parametrize(("words", "number"), [
    ("ba", 3), ("mười", 10), ("mười một", 11), ("mười lăm", 15), ("hai mươi", 20), ("hai mươi mốt", 21),
    ("hai mươi tư", 24), ("chín mươi", 90), ("một trăm", 100), ("một trăm linh năm", 105), ("một trăm mười", 110),
    ("một trăm hai mươi", 120), ("ba tư", None), ("mười mười", None), ("ngày", None), ("", None),
])
def test_numbers_in_words(words: str, number: int | None) -> None:
    assert spelt(words) == number


def test_find_keeps_the_longest_signing_formula() -> None:
    kinds = [f.kind for f in find("Chánh Văn phòng ký thừa ủy quyền; Phó Chánh Văn phòng ký thay")]
    assert kinds == ["signing:TUQ", "signing:KT"]
    assert [f.kind for f in find("thẩm quyền của Bộ trưởng")] == []  # "quyền" alone is not Q.


@pytest.mark.parametrize("version", ["ubdt-2017", "ubdt-2023", "chinh-phu-2026"])
def test_bundled_models_pass_qc7_or_suppress_with_a_reason(version: str) -> None:
    result = run_checks(load_regulation(ROOT / "rules" / version), select=QC7)
    assert [f.code for f in result.findings] == []
    assert all(s.suppression.reason for s in result.suppressed)


def _qc7(folder: Path) -> set[tuple[str, str]]:
    return {(f.code, f.provisions[0].citation) for f in run_checks(load_regulation(folder), select=QC7).findings}


def test_a_lead_mutated_to_cooperate_fires_qc702_and_the_text_mutated_fires_qc701(tmp_path: Path) -> None:
    copy = tmp_path / "ubdt-2017"
    shutil.copytree(ROOT / "rules" / "ubdt-2017", copy)
    article = copy / "articles" / "dieu-09.yaml"
    text = article.read_text(encoding="utf-8")
    lead = "- duty: {holder: van-phong, task: xay-dung-sua-doi-quy-che, role: lead}"
    assert lead in text and "Văn phòng Ủy ban chủ trì thực hiện các công việc sau đây" in text
    article.write_text(text.replace(lead, lead.replace("lead", "cooperate")), encoding="utf-8")
    assert ("QC702", "điểm e khoản 2 Điều 9") in _qc7(copy)  # the lead-in says "chủ trì", not "phối hợp"
    article.write_text(text.replace("Ủy ban chủ trì thực hiện", "Ủy ban thực hiện"), encoding="utf-8")
    assert ("QC701", "điểm e khoản 2 Điều 9") in _qc7(copy)  # the lead norms stand on no "chủ trì" now
