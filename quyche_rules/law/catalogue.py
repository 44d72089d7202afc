"""The catalogue of legal sources: one YAML file per instrument under ``law/instruments/``, loaded once.

Checks cite instruments by catalogue id and provision; the catalogue says what each instrument is, when it was
in force, what replaced it, whether it binds or is only practice, and the words of the provisions quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pydantic import ValidationError
from pydantic.version import VERSION as PYDANTIC_VERSION

from quyche_rules.errors import InternalError
from quyche_rules.i18n import Text, nfc
from quyche_rules.loading.reader import YamlProblem, parse_yaml
from quyche_rules.memo import kept
from quyche_rules.model.law import Instrument

__all__ = ["Catalogue", "catalogue", "number_key"]

_FOLDER = "instruments"


def number_key(number: str) -> str:
    """Return the key two spellings of one instrument number share: "số 30/2020/NĐ-CP" ~ "30/2020/ND-CP"."""
    text = nfc(number).upper().replace("Đ", "D")
    text = re.sub(r"^S[ỐO]\s+", "", text)
    return re.sub(r"\s+", "", text)


@dataclass(frozen=True)
class Catalogue:
    """The instruments by id, and by number."""

    instruments: dict[str, Instrument]

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self.instruments.values())

    def __contains__(self, instrument_id: object) -> bool:
        return instrument_id in self.instruments

    def __len__(self) -> int:
        return len(self.instruments)

    def get(self, instrument_id: str) -> Instrument | None:
        """Return the instrument with ``instrument_id``, if the catalogue holds it."""
        return self.instruments.get(instrument_id)

    def by_number(self, number: str) -> Instrument | None:
        """Return the instrument whose number is ``number`` (however spelt), if the catalogue holds it."""
        key = number_key(number)
        return next((i for i in self.instruments.values() if number_key(i.number) == key), None)

    def in_force_on(self, instrument_id: str, day: dt.date) -> Instrument | None:
        """Return the instrument in force on ``day`` in the line of ``instrument_id``: itself, or what replaced it."""
        current = self.get(instrument_id)
        seen: set[str] = set()
        while current is not None and current.id not in seen:
            if current.in_force_on(day):
                return current
            seen.add(current.id)
            nxt = current.replaced_by
            if nxt is None or day < nxt.from_:
                return None
            current = self.get(nxt.by)
        return None

    def history(self, instrument_id: str) -> list[Instrument]:
        """Return the line of ``instrument_id``, oldest first: what it replaced, itself, what replaced it."""
        first, seen = instrument_id, {instrument_id}
        while (earlier := self._replaced(first)) is not None and earlier not in seen:
            first = earlier
            seen.add(earlier)
        line: list[Instrument] = []
        current = self.get(first)
        while current is not None and current not in line:
            line.append(current)
            current = self.get(current.replaced_by.by) if current.replaced_by else None
        return line

    def _replaced(self, instrument_id: str) -> str | None:
        return next((i.id for i in self if i.replaced_by and i.replaced_by.by == instrument_id), None)

    def with_local(self, instruments: Iterable[Instrument]) -> Catalogue:
        """Return this catalogue with a regulation's own instruments added (the catalogue's win on an id)."""
        merged = {i.id: i for i in instruments}
        merged.update(self.instruments)
        return Catalogue(merged)


@cache
def catalogue() -> Catalogue:
    """Return the catalogue shipped with the package, loaded and checked once per process (or kept: :mod:`memo`).

    Raises:
        InternalError: an entry does not load or the entries contradict each other (a broken install).
    """
    return kept("law-catalogue", _load, extra=PYDANTIC_VERSION.encode())


def _load() -> Catalogue:
    folder = resources.files("quyche_rules.law") / _FOLDER
    instruments: dict[str, Instrument] = {}
    for resource in sorted(folder.iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".yaml"):
            continue
        source = f"quyche_rules/law/{_FOLDER}/{resource.name}"
        try:
            doc = parse_yaml(resource.read_bytes())
            entry = Instrument.model_validate(doc.data)
        except (YamlProblem, ValidationError) as exc:
            raise _broken(source, str(exc)) from None
        if f"{entry.id}.yaml" != resource.name:
            raise _broken(source, f"the file of {entry.id} must be named {entry.id}.yaml")
        instruments[entry.id] = entry
    _check(instruments)
    return Catalogue(dict(sorted(instruments.items())))


def _check(instruments: dict[str, Instrument]) -> None:
    numbers: dict[str, str] = {}
    for entry in instruments.values():
        source = f"quyche_rules/law/{_FOLDER}/{entry.id}.yaml"
        other = numbers.setdefault(number_key(entry.number), entry.id)
        if other != entry.id:
            raise _broken(source, f"{entry.id} and {other} describe one instrument ({entry.number})")
        linked = [*entry.amended_by, *([entry.replaced_by.by] if entry.replaced_by else [])]
        missing = [i for i in linked if i not in instruments]
        if missing:
            raise _broken(source, f"{entry.id} names {', '.join(missing)}, which the catalogue does not hold")
        if entry.replaced_by and instruments[entry.replaced_by.by].effective > entry.replaced_by.from_:
            raise _broken(source, f"{entry.replaced_by.by} takes effect after it replaces {entry.id}")


def _broken(source: str, what: str) -> InternalError:
    return InternalError(
        Text.of(f"danh mục văn bản pháp luật hỏng: {what}", f"the law catalogue is broken: {what}"),
        expected=Text.of("mỗi văn bản một tệp hợp lệ, không trùng nhau", "one valid file per instrument, no two alike"),
        fix=Text.of("sửa tệp, hoặc cài đặt lại quyche-rules", "correct the file, or reinstall quyche-rules"),
        file=source,
    )
