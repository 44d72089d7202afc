"""Reading a calendar override file: days off and working days with reasons, every problem at its line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from quyche_rules.errors import ConfigError
from quyche_rules.loading.calendar import CalendarError, load_calendar
from quyche_rules.time.calendar import Override

GOOD = """\
# yaml-language-server: $schema=../quyche_rules/schema/calendar.schema.json
days_off:
  - {date: 2027-02-11, reason: Nghỉ bù Tết Nguyên đán theo Thông báo của Bộ Nội vụ}
working_days:
  - date: 2027-02-20
    reason: Làm bù cho ngày 11/02/2027
"""


def _write(tmp_path: Path, text: str, name: str = "calendar.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_calendar_file_gives_its_days_and_reasons(tmp_path: Path) -> None:
    cal = load_calendar(_write(tmp_path, GOOD))
    assert cal.days_off == {dt.date(2027, 2, 11): "Nghỉ bù Tết Nguyên đán theo Thông báo của Bộ Nội vụ"}
    assert cal.working_days == {dt.date(2027, 2, 20): "Làm bù cho ngày 11/02/2027"}
    assert cal.source.endswith("calendar.yaml")


def test_a_folder_means_its_calendar_yaml(tmp_path: Path) -> None:
    _write(tmp_path, GOOD)
    assert dt.date(2027, 2, 11) in load_calendar(tmp_path).days_off


def test_an_empty_file_changes_nothing(tmp_path: Path) -> None:
    cal = load_calendar(_write(tmp_path, "# nothing yet\n"))
    assert not cal.days_off and not cal.working_days


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(CalendarError) as err:
        load_calendar(_write(tmp_path, text))
    assert isinstance(err.value, ConfigError) and err.value.exit_code == 2
    return err.value.render("en").splitlines()


def test_every_schema_problem_is_reported_at_its_line_with_expected_and_fix(tmp_path: Path) -> None:
    lines = _problems(tmp_path, "days_off:\n  - {date: 2026-11-30}\n  - {datum: 2026-12-01, reason: x}\nweekend: [7]\n")
    text = "\n".join(lines)
    assert "calendar.yaml:2:5: error: Missing required key 'reason'" in text
    assert "calendar.yaml:3:6: error: Unknown key 'datum'; did you mean 'date'?" in text
    assert "calendar.yaml:4:1: error: Unknown key 'weekend'" in text
    assert "  expected: one of: days_off, working_days" in text and "  fix: Remove this key" in text


def test_a_day_listed_twice_or_both_off_and_worked_is_refused(tmp_path: Path) -> None:
    text = "\n".join(_problems(tmp_path, (
        "days_off:\n  - {date: 2026-11-30, reason: a}\n  - {date: 2026-11-30, reason: b}\n"
        "working_days:\n  - {date: 2026-11-30, reason: c}\n")))
    assert "calendar.yaml:3:5: error: The day 2026-11-30 is listed twice in days_off" in text
    assert "calendar.yaml:5:5: error: The day 2026-11-30 is both a day off and a working day" in text


@pytest.mark.parametrize(("text", "says"), [
    ("days_off:\n  - {date: 2026-02-30, reason: x}\n", "2:12: error: '2026-02-30' is not a valid date"),
    ("days_off:\n  - {date: hôm nay, reason: x}\n", "2:6: error: 'hôm nay' is not a date"),
    ("days_off:\n  - {date: 2026-11-30, reason: ''}\n", "2:24: error: Invalid value '' for 'reason'"),
    ("days_off: [\n", "2:1: error: Invalid YAML"),
    ("days_off: &a\n  - {date: 2026-11-30, reason: x}\nworking_days: *a\n",
     "1:11: error: YAML anchors and aliases (&, *) are not allowed"),
])
def test_bad_values_and_unsafe_yaml_are_refused_like_any_rule_file(tmp_path: Path, text: str, says: str) -> None:
    lines = _problems(tmp_path, text)
    assert lines[0].endswith(f"calendar.yaml:{says}") or f"calendar.yaml:{says}" in lines[0], lines
    assert lines[1].startswith("  expected: ") and lines[2].startswith("  fix: ")


def test_a_missing_file_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(CalendarError) as err:
        load_calendar(tmp_path / "missing.yaml")
    assert "missing.yaml" in err.value.render("en") and err.value.exit_code == 2


def test_a_regulations_calendar_is_loaded_with_it_and_its_problems_are_load_errors(tmp_path: Path) -> None:
    import shutil

    from quyche_rules.errors import LoadFailed
    from quyche_rules.loading import load_regulation
    from tests.conftest import MINIMAL

    folder = tmp_path / "reg"
    shutil.copytree(MINIMAL, folder)
    assert load_regulation(folder).calendar is None
    _write(folder, GOOD)
    assert dt.date(2027, 2, 11) in (load_regulation(folder).calendar or Override()).days_off
    _write(folder, "days_off:\n  - {date: 2026-13-45, reason: x}\n  - {date: 2026-11-30, reason: a}\n"
                   "working_days:\n  - {date: 2026-11-30, reason: c}\n")
    with pytest.raises(LoadFailed) as err:
        load_regulation(folder)
    found = [(h.code, h.at.file.endswith("calendar.yaml") if h.at else False, h.at.line if h.at else 0)
             for h in err.value.hits]
    assert found == [("QC003", True, 2)]
    _write(folder, "days_off:\n  - {date: 2026-11-30, reason: a}\nworking_days:\n  - {date: 2026-11-30, reason: c}\n")
    with pytest.raises(LoadFailed) as err:
        load_regulation(folder)
    assert [(h.code, h.at.line if h.at else 0) for h in err.value.hits] == [("QC003", 4)]
