"""Read a calendar override file (``calendar.yaml``) into the days off and working days it adds.

The file is read by the one YAML reader and validated by :class:`~quyche_rules.model.calendar.CalendarFile`;
beyond its schema, a day may be listed once, and never both off and worked. Every problem of the file is reported
at once, each with its file and line, what is wrong, what was expected and how to fix it, as a
:class:`CalendarError` (a configuration error: exit 2).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quyche_rules.errors import ConfigError
from quyche_rules.findings import Hit, Location, ProvisionRef
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading.files import display_path, read
from quyche_rules.model.calendar import CalendarDay, CalendarFile
from quyche_rules.time.calendar import Override

__all__ = ["CALENDAR_FILE", "CalendarError", "load_calendar", "read_calendar"]

#: the name of the override file in a regulation's folder
CALENDAR_FILE = "calendar.yaml"


def _error(hit: Hit) -> ConfigError:
    what, expected = hit.values.get("what"), hit.values.get("expected")
    at = hit.at
    return ConfigError(
        what if isinstance(what, Text) else Text.of(hit.code, hit.code),
        expected=expected if isinstance(expected, Text) else None, fix=hit.fix,
        file=at.file if at else None, line=at.line if at else None, column=at.column if at else None,
    )


class CalendarError(ConfigError):
    """A calendar file that cannot be used: every problem found in it (at least one)."""

    def __init__(self, errors: Sequence[ConfigError]) -> None:
        self.errors = list(errors)
        first = self.errors[0]
        super().__init__(first.what, expected=first.expected, fix=first.fix, file=first.file, line=first.line,
                         column=first.column)

    def render(self, lang: Lang = "vi") -> str:
        """Render every problem, one after the other."""
        return "\n".join(e.render(lang) for e in self.errors)


def _problem(day: CalendarDay, what: Text, fix: Text, file: str) -> Hit:
    at = day.loc or Location(file=file)
    expected = Text.of("mỗi ngày ghi một lần, hoặc là ngày nghỉ hoặc là ngày làm việc",
                       "each day listed once, either off or worked")
    return Hit((ProvisionRef(citation=CALENDAR_FILE, location=at),), values={"what": what, "expected": expected},
               at=at, fix=fix, code="QC003")


def _overlaps(cal: CalendarFile, file: str) -> list[Hit]:
    """Return a problem for each day listed twice, or both off and worked."""
    out: list[Hit] = []
    seen: dict[object, str] = {}
    for key, days in (("days_off", cal.days_off), ("working_days", cal.working_days)):
        for day in days:
            shown = day.date.isoformat()
            earlier = seen.get(day.date)
            if earlier == key:
                out.append(_problem(day, Text.of(f"Ngày {shown} được ghi hai lần trong {key}",
                                                 f"The day {shown} is listed twice in {key}"),
                                    Text.of("Xóa một lần ghi, gộp hai lý do làm một",
                                            "Remove one entry, merging the two reasons"), file))
            elif earlier is not None:
                out.append(_problem(day, Text.of(f"Ngày {shown} vừa là ngày nghỉ vừa là ngày làm việc",
                                                 f"The day {shown} is both a day off and a working day"),
                                    Text.of("Giữ ngày ở một danh sách, theo văn bản quy định lịch nghỉ",
                                            "Keep the day in one list, as the instrument on days off says"), file))
            seen[day.date] = key
    return out


def read_calendar(path: Path, problems: list[Hit], **within: Any) -> Override | None:
    """Read the ``calendar.yaml`` at ``path``; on any problem add them all to ``problems`` and return None.

    ``within`` goes to :func:`~quyche_rules.loading.files.read` (the regulation folder it must stay in, its budget).
    """
    found: list[Hit] = []
    cal = read(path, CalendarFile, CALENDAR_FILE, found, **within)
    if cal is not None:
        found += _overlaps(cal, display_path(path))
    if found or cal is None:
        problems += found
        return None
    return Override(days_off={d.date: d.reason for d in cal.days_off},
                    working_days={d.date: d.reason for d in cal.working_days}, source=display_path(path))


def load_calendar(path: Path) -> Override:
    """Read the override of ``path``: a ``calendar.yaml``, or a folder holding one.

    Raises:
        CalendarError: the file is missing, unreadable, does not match its schema or contradicts itself.
    """
    if path.is_dir():
        path = path / CALENDAR_FILE
    problems: list[Hit] = []
    override = read_calendar(path, problems)
    if override is None:
        raise CalendarError([_error(h) for h in problems])
    return override
