"""Baselines: accepted findings keyed by meaning (code, provisions, actors), never by line number."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from quyche_rules.errors import ConfigError
from quyche_rules.findings import Finding
from quyche_rules.i18n import Text
from quyche_rules.loading.reader import YamlProblem, read_bytes
from quyche_rules.workspace.outputs import write_output

__all__ = ["MAX_BASELINE_BYTES", "filter_baseline", "read_baseline", "write_baseline"]

_VERSION = 1
#: the largest baseline read (about 200,000 findings)
MAX_BASELINE_BYTES = 64_000_000
_EXPECTED = Text.of("tệp JSON do `quyche check --write-baseline` tạo",
                    "a JSON file written by `quyche check --write-baseline`")
_REWRITE = Text.of("Tạo lại bằng `quyche check --write-baseline TỆP`",
                   "Write it again with `quyche check --write-baseline FILE`")


Key = tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


def _key(entry: dict[str, list[str] | str]) -> Key:
    return (str(entry["code"]), tuple(map(str, entry["provisions"])), tuple(map(str, entry["actors"])),
            tuple(map(str, entry.get("tasks", []))))


def write_baseline(path: Path, findings: Iterable[Finding]) -> int:
    """Write the identities of ``findings`` to ``path`` atomically (``-``: standard output); return how many."""
    keys = sorted({f.identity() for f in findings})
    entries = [{"code": c, "provisions": list(p), "actors": list(a), "tasks": list(t)} for c, p, a, t in keys]
    write_output(path, json.dumps({"version": _VERSION, "findings": entries}, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: Path) -> set[Key]:
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
        if data.get("version") != _VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return {_key(e) for e in data["findings"]}
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise _invalid(path, exc) from None


def _invalid(path: Path, exc: Exception) -> ConfigError:
    return ConfigError(
        Text.of(f"Tệp baseline không hợp lệ: {exc}", f"Invalid baseline file: {exc}"),
        file=str(path), expected=_EXPECTED, fix=_REWRITE,
    )


def filter_baseline(findings: Iterable[Finding], baseline: set[Key]) -> list[Finding]:
    """Return the findings not in ``baseline``."""
    return [f for f in findings if f.identity() not in baseline]
