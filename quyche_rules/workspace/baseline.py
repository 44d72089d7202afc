"""Baselines: accepted findings keyed by meaning, never by line number.

An entry names a finding by its code, provisions, actors, tasks and the digest of what it says
(:meth:`~quyche_rules.findings.Finding.digest`), so that a new finding of the same code about the same provision
(another deadline, another value) is not hidden by it, while lines moving change nothing. Entries of the first
form (version 1, without the digest) are still read and hide every finding of their code, provisions, actors and
tasks, as they did; a note says so. A finding of a file that could not be loaded (QC001-QC007) is never written
to a baseline nor hidden by one: nothing in that file was checked, so there is nothing to accept.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from quyche_rules.errors import ConfigError
from quyche_rules.findings import LOAD_CODES, Finding
from quyche_rules.i18n import Text
from quyche_rules.loading.reader import YamlProblem, read_bytes
from quyche_rules.workspace.outputs import write_output

__all__ = ["MAX_BASELINE_BYTES", "Baseline", "Written", "filter_baseline", "hidden_note", "read_baseline",
           "write_baseline"]

_REFUSED = Text.of(
    "Không ghi {refused} phát hiện của tệp không tải được (QC001-QC007) vào baseline: tệp đó chưa được kiểm tra "
    "nên không có gì để chấp nhận. Sửa tệp tại dòng được chỉ ra rồi ghi lại baseline.",
    "{refused} findings of files that could not be loaded (QC001-QC007) were not written to the baseline: nothing "
    "in those files was checked, so there is nothing to accept. Fix the file at the line shown, then write the "
    "baseline again.")
_LOAD_ENTRIES = Text.of(
    "{path}: bỏ qua {count} mục chấp nhận một tệp không tải được (QC001-QC007); các lỗi đó vẫn được báo. "
    "Tạo lại bằng `quyche check --write-baseline TỆP`.",
    "{path}: {count} entries accepting a file that could not be loaded (QC001-QC007) are ignored; those errors "
    "are still reported. Write it again with `quyche check --write-baseline FILE`.")
_OLD_FORM = Text.of(
    "{path}: baseline dạng cũ (version 1): mỗi mục ẩn mọi phát hiện cùng mã về cùng quy định, đơn vị và nhiệm vụ, "
    "kể cả phát hiện mới khác nội dung. Tạo lại bằng `quyche check --write-baseline TỆP` để chỉ ẩn đúng phát hiện "
    "đã chấp nhận.",
    "{path}: a baseline of the first form (version 1): each entry hides every finding of its code about the same "
    "provisions, actors and tasks, new ones that say something else included. Write it again with "
    "`quyche check --write-baseline FILE` to hide only the findings accepted.")
_HIDDEN = Text.of("{count} phát hiện được baseline {path} chấp nhận (không hiện)",
                  "{count} findings accepted by the baseline {path} (not shown)")

_VERSION = 2
_VERSIONS = (1, 2)
#: the largest baseline read (about 200,000 findings)
MAX_BASELINE_BYTES = 64_000_000
_EXPECTED = Text.of("tệp JSON do `quyche check --write-baseline` tạo",
                    "a JSON file written by `quyche check --write-baseline`")
_REWRITE = Text.of("Tạo lại bằng `quyche check --write-baseline TỆP`",
                   "Write it again with `quyche check --write-baseline FILE`")


Key = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]
#: an entry of the current form: the finding's identity and the digest of its message
Exact = tuple[Key, str]


@dataclass
class Baseline:
    """The entries of a baseline: exact ones, those of the first form (no digest), and load errors left out."""

    exact: set[Exact] = field(default_factory=set)
    coarse: set[Key] = field(default_factory=set)  # version 1: no digest
    load_entries: int = 0  # entries accepting a file that did not load: ignored
    version: int = _VERSION

    def notes(self, path: Path) -> list[Text]:
        """Return what the reader of the results should know about this baseline (old form, entries ignored)."""
        out = [_OLD_FORM.fill({"path": path})] if self.version == 1 else []
        if self.load_entries:
            out.append(_LOAD_ENTRIES.fill({"path": path, "count": self.load_entries}))
        return out

    def hides(self, finding: Finding) -> bool:
        """Return True when ``finding`` is accepted: named by an entry, and not one of a file that did not load."""
        if finding.stops_loading:
            return False
        key = finding.identity()
        return (key, finding.digest()) in self.exact or key in self.coarse


@dataclass(frozen=True)
class Written:
    """What :func:`write_baseline` wrote: the entries, and the findings it refused (files that did not load)."""

    count: int
    refused: int

    def note(self) -> Text | None:
        """Return the note on the findings refused, None when none was."""
        return _REFUSED.fill({"refused": self.refused}) if self.refused else None


def _key(entry: dict[str, list[str] | str]) -> Key:
    return (str(entry["code"]), tuple(map(str, entry["provisions"])), tuple(map(str, entry["actors"])),
            tuple(map(str, entry.get("tasks", []))))


def write_baseline(path: Path, findings: Iterable[Finding]) -> Written:
    """Write the entries of ``findings`` to ``path`` atomically (``-``: standard output).

    A finding of a file that could not be loaded is not written (counted in :attr:`Written.refused`).
    """
    given = list(findings)
    keys = sorted({(f.identity(), f.digest()) for f in given if not f.stops_loading})
    entries = [{"code": c, "provisions": list(p), "actors": list(a), "tasks": list(t), "digest": d}
               for (c, p, a, t), d in keys]
    write_output(path, json.dumps({"version": _VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n")
    return Written(len(entries), sum(1 for f in given if f.stops_loading))


def read_baseline(path: Path) -> Baseline:
    """Read a baseline file written by :func:`write_baseline`.

    Raises:
        ConfigError: the file is not a regular readable file of at most :data:`MAX_BASELINE_BYTES` bytes, or not
            a baseline (naming the file, what was expected and how to fix it).
    """
    try:
        raw = read_bytes(path, max_bytes=MAX_BASELINE_BYTES)
    except YamlProblem as problem:
        raise ConfigError(problem.what, file=str(path), expected=_EXPECTED, fix=Text.of(
            "Chỉ ra một tệp baseline thường (không phải thư mục, thiết bị hay ống dẫn), hoặc tạo lại bằng "
            "`quyche check --write-baseline TỆP`",
            "Name a regular baseline file (not a folder, device or pipe), or write it again with "
            "`quyche check --write-baseline FILE`",
        )) from None
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ConfigError(
            Text.of("Tệp baseline lồng nhau quá sâu, không phải baseline",
                    "The baseline file is nested too deeply to be a baseline"),
            file=str(path), expected=_EXPECTED, fix=_REWRITE,
        ) from None
    except ValueError as exc:
        raise _invalid(path, exc) from None
    try:
        if not isinstance(data, dict):
            raise TypeError(f"a JSON {type(data).__name__}, not an object")
        version = data.get("version")
        if version not in _VERSIONS:
            raise ValueError(f"version {version!r}")
        return _entries(data["findings"], version)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _invalid(path, exc) from None


def _entries(entries: list[dict[str, list[str] | str]], version: int) -> Baseline:
    if not isinstance(entries, list):
        raise TypeError("findings is not a list")
    out = Baseline(version=version)
    for entry in entries:
        key = _key(entry)
        if key[0] in LOAD_CODES:
            out.load_entries += 1
        elif version == 1:
            out.coarse.add(key)
        else:
            out.exact.add((key, str(entry["digest"])))
    return out


def _invalid(path: Path, exc: Exception) -> ConfigError:
    return ConfigError(
        Text.of(f"Tệp baseline không hợp lệ: {exc}", f"Invalid baseline file: {exc}"),
        file=str(path), expected=_EXPECTED, fix=_REWRITE,
    )


def filter_baseline(findings: Iterable[Finding], baseline: Baseline) -> list[Finding]:
    """Return the findings ``baseline`` does not hide (a file that did not load is never hidden)."""
    return [f for f in findings if not baseline.hides(f)]


def hidden_note(count: int, path: Path) -> Text | None:
    """Return the note counting the findings a baseline hid, None when it hid none."""
    return _HIDDEN.fill({"count": count, "path": path}) if count else None
