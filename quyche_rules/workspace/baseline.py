"""Baselines: accepted findings keyed by meaning (code, provisions, actors), never by line number."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from quyche_rules.errors import ConfigError
from quyche_rules.findings import Finding
from quyche_rules.i18n import Text
from quyche_rules.workspace.outputs import write_output

__all__ = ["filter_baseline", "read_baseline", "write_baseline"]

_VERSION = 1


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
    """Read a baseline file written by :func:`write_baseline`."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("version") != _VERSION:
            raise ValueError(f"version {data.get('version')!r}")
        return {_key(e) for e in data["findings"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ConfigError(
            Text.of(f"Tệp baseline không hợp lệ: {exc}", f"Invalid baseline file: {exc}"),
            file=str(path),
            expected=Text.of("tệp JSON do `quyche check --write-baseline` tạo",
                             "a JSON file written by `quyche check --write-baseline`"),
            fix=Text.of("Tạo lại bằng `quyche check --write-baseline TỆP`",
                        "Write it again with `quyche check --write-baseline FILE`"),
        ) from None


def filter_baseline(findings: Iterable[Finding], baseline: set[Key]) -> list[Finding]:
    """Return the findings not in ``baseline``."""
    return [f for f in findings if f.identity() not in baseline]
