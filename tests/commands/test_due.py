"""``quyche due DATE PERIOD``: the due date, each day skipped and why, in Vietnamese and English."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quyche_rules.cli import main


def _due(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(["due", *argv])
    out = capsys.readouterr()
    return code, out.out, out.err


def test_five_working_days_from_a_friday_end_the_next_friday(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-11-27", "05 ngày làm việc")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "Hạn: hết ngày 2026-12-04 (thứ Sáu)"
    assert "05 ngày làm việc kể từ 2026-11-27 (thứ Sáu), không tính ngày 2026-11-27" in lines[1]
    assert "Ngày nghỉ không tính (2):" in lines
    assert "  2026-11-28  thứ Bảy   nghỉ cuối tuần" in lines and "  2026-11-29  Chủ nhật  nghỉ cuối tuần" in lines
    assert lines[-1] == "Căn cứ: khoản 2 Điều 147 Bộ luật Dân sự 2015; khoản 1 Điều 148 Bộ luật Dân sự 2015"


def test_english_on_request(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-11-27", "05 ngày làm việc", "--lang", "en")
    assert code == 0 and out.startswith("Due: by the end of 2026-12-04 (Friday)\n")
    assert "  2026-11-28  Saturday  weekend" in out and "Article 147(2)" in out


def test_a_period_in_days_ending_on_a_sunday_ends_on_the_monday(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-11-19", "10 ngày", "--lang", "en")
    assert code == 0 and out.startswith("Due: by the end of 2026-11-30 (Monday)\n")
    assert "The last day is a day off, so the period ends on the next working day:" in out
    assert "  2026-11-29  Sunday    weekend" in out and "Article 148(5)" in out


def test_one_year_ends_on_the_same_day_next_year(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-03-15", "01 năm")
    assert code == 0 and out.startswith("Hạn: hết ngày 2027-03-15 (thứ Hai)\n")
    assert "khoản 4 Điều 148 Bộ luật Dân sự 2015" in out


def test_a_public_holiday_and_a_day_of_the_override_are_skipped_and_named(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text("days_off:\n  - {date: 2026-09-03, reason: Nghỉ bù theo Thông báo số 9/TB-BNV}\n",
                        encoding="utf-8")
    code, out, _ = _due(capsys, "2026-08-28", "03 ngày làm việc", "--calendar", str(calendar))
    assert code == 0 and out.startswith("Hạn: hết ngày 2026-09-08 (thứ Ba)\n")
    assert "  2026-09-02  thứ Tư    ngày lễ, tết: Quốc khánh" in out
    assert "  2026-09-03  thứ Năm   Nghỉ bù theo Thông báo số 9/TB-BNV (" in out and "calendar.yaml)" in out
    code, out, _ = _due(capsys, "2026-08-28", "03 ngày làm việc", "--calendar", str(tmp_path), "--lang", "en")
    assert "  2026-09-02  Wednesday public holiday: National Day" in out
    assert "Nghỉ bù theo Thông báo số 9/TB-BNV" in out


def test_a_lead_time_counts_back(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-11-30", "chậm nhất 03 ngày làm việc trước")
    assert code == 0 and out.startswith("Hạn: hết ngày 2026-11-25 (thứ Tư)\n")
    assert "chậm nhất 03 ngày làm việc trước 2026-11-30 (thứ Hai)" in out
    assert "  2026-11-29  Chủ nhật  nghỉ cuối tuần" in out


def test_hours_count_from_the_moment_given(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-11-27T14:30", "24 giờ", "--lang", "en")
    assert code == 0 and out.startswith("Due: 2026-11-28 14:30\n") and "Article 147(1)" in out
    code, out, _ = _due(capsys, "27/11/2026", "24 giờ", "--lang", "en")
    assert out.startswith("Due: 2026-11-28 00:00\n") and "DATE has no time: counted from 00:00" in out


def test_json_output(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2026-11-27", "05 ngày làm việc", "--format", "json", "--lang", "en")
    data = json.loads(out)
    assert code == 0 and data["due"] == "2026-12-04" and data["start"] == "2026-11-27"
    assert data["period"] == {"unit": "working_days", "amount": 5, "before": False, "words": "5 working days"}
    assert data["skipped"][0] == {"date": "2026-11-28", "weekday": "Saturday", "reason": "weekend"}


@pytest.mark.parametrize(("argv", "says"), [
    (["2026-11-27", "05 ngay lam viec"], "Cannot read the period '05 ngay lam viec'"),
    (["2026-11-27", "05 ngày làm việc kể từ ngày nhận"], "Cannot read the period"),
    (["2026-11-27", "trong 03 ngày trước"], "contradict each other"),
    (["2026-11-27", "0 ngày"], "must be 1 to 3650 days"),
    (["2026-02-30", "05 ngày"], "Cannot read the date '2026-02-30'"),
    (["hôm nay", "05 ngày"], "Cannot read the date"),
    (["0001-01-01", "05 ngày"], "Cannot read the date"),
    (["2026-11-27", "x" * 5000], "Cannot read the period 'xxxxxxxx"),
])
def test_anything_else_is_a_usage_error_saying_what_is_expected(
        argv: list[str], says: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _due(capsys, *argv, "--lang", "en")
    assert code == 2 and out == "" and says in err and "Traceback" not in err
    assert "expected:" in err or "fix:" in err


def test_a_bad_calendar_is_a_configuration_error_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "calendar.yaml").write_text("days_off:\n  - {date: 2026-09-03}\n", encoding="utf-8")
    code, out, err = _due(capsys, "2026-08-28", "03 ngày", "--calendar", str(tmp_path), "--lang", "en")
    assert code == 2 and out == ""
    assert "calendar.yaml:2:5: error: Missing required key 'reason'" in err and "  fix: Add reason: …" in err


def test_holidays_are_loaded_only_when_a_due_date_is_computed() -> None:
    """Other commands never import the holidays package (start-up stays fast)."""
    code = ("import sys; from quyche_rules.cli import main; main(['cite', 'Điều 5']); "
            "assert 'holidays' not in sys.modules; main(['due', '2026-11-27', '05 ngày']); "
            "assert 'holidays' in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)


@pytest.mark.parametrize(("start", "year"), [
    ("2150-04-28", 2150),  # accepted as a date, but no holiday of 2150 is known
    ("2100-12-28", 2101),  # the count runs past the last year known
    ("1900-04-28", 1900),  # before the first
])
def test_a_count_in_a_year_whose_holidays_are_not_known_is_a_usage_error(
        start: str, year: int, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _due(capsys, start, "05 ngày làm việc")
    assert code == 2 and out == ""
    assert f"lỗi: Không biết ngày lễ, tết của năm {year}" in err and "chỉ có từ năm 1901 đến năm 2100" in err
    code, out, err = _due(capsys, start, "05 ngày làm việc", "--lang", "en")
    assert code == 2 and f"error: The public holidays of {year} are not known" in err
    assert "fix: Pick another start or period, so that the period ends within 1901-2100" in err


def test_the_first_and_last_years_known_are_counted_with_their_holidays(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _due(capsys, "2100-04-28", "05 ngày làm việc")
    assert code == 0 and "  2100-04-30  thứ Sáu   ngày lễ, tết:" in out
    code, out, _ = _due(capsys, "1901-04-28", "05 ngày làm việc")
    assert code == 0 and "  1901-04-30  thứ Ba    ngày lễ, tết:" in out
    code, out, _ = _due(capsys, "2150-04-28T09:00", "24 giờ")  # hours count no day: no calendar needed
    assert code == 0 and out.startswith("Hạn: 2150-04-29 09:00")


def test_hours_that_end_on_a_day_off_say_they_are_not_moved(capsys: pytest.CaptureFixture[str]) -> None:
    # QA pass 3, doubtful 13: khoản 5 Điều 148 moves the last day of a period in days, weeks, months or years; a
    # period in hours ends at its moment (the tool's reading), and the output says so rather than nothing
    code, out, _ = _due(capsys, "2026-11-27T10:00", "24 giờ", "--lang", "en")
    assert code == 0 and out.startswith("Due: 2026-11-28 10:00\n")
    assert "ends on 2026-11-28 (Saturday), a day off (weekend), and is not moved to the next working day" in out
    code, out, _ = _due(capsys, "2026-02-15T10:00", "48 giờ")
    assert out.startswith("Hạn: 2026-02-17 10:00\n") and "ngày nghỉ (ngày lễ, tết:" in out
    assert "không chuyển sang ngày làm việc tiếp theo" in out
    code, out, _ = _due(capsys, "2026-11-27T10:00", "24 giờ", "--format", "json")
    assert json.loads(out)["ends_on_day_off"] == {"date": "2026-11-28", "weekday": "thứ Bảy",
                                                  "reason": "nghỉ cuối tuần"}
    code, out, _ = _due(capsys, "2026-11-26T10:00", "24 giờ", "--format", "json")  # ends on a Friday, worked
    assert json.loads(out)["ends_on_day_off"] is None
    assert "ngày nghỉ" not in _due(capsys, "2026-11-26T10:00", "24 giờ")[1]
