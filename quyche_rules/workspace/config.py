"""Configuration: ``quyche.toml`` or ``[tool.quyche]`` in ``pyproject.toml``, the nearest file winning."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quyche_rules.errors import ConfigError
from quyche_rules.findings import Finding, Severity
from quyche_rules.i18n import Text
from quyche_rules.loading.reader import YamlProblem, read_bytes

__all__ = ["MAX_CONFIG_BYTES", "Config", "codes_option", "find_config", "load_config"]

_KEYS = ("select", "ignore", "severity", "fail-on", "engine")
#: the largest configuration file read (a pyproject.toml is rarely above a few kilobytes)
MAX_CONFIG_BYTES = 1_000_000
_TOML_FILE = Text.of("quyche.toml hoặc pyproject.toml có [tool.quyche]: một tệp TOML UTF-8 thường",
                     "quyche.toml, or pyproject.toml with [tool.quyche]: a regular UTF-8 TOML file")
_READ_FIX = Text.of(
    f"Kiểm tra đường dẫn của --config hoặc tệp cấu hình này (một tệp TOML UTF-8 thường, tối đa {MAX_CONFIG_BYTES:,} "
    "byte)",
    f"Check the path given to --config, or this configuration file (a regular UTF-8 TOML file of at most "
    f"{MAX_CONFIG_BYTES:,} bytes)",
)
_TOML_KINDS: dict[type, tuple[str, str]] = {
    str: ("chuỗi", "a string"), int: ("số", "a number"), float: ("số", "a number"),
    bool: ("giá trị đúng/sai", "a boolean"), list: ("mảng", "an array"),
}


@dataclass(frozen=True)
class Config:
    """Which checks run, their severities and the threshold for a failing exit code."""

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    fail_on: Severity = Severity.WARNING
    engine: str = "both"
    source: str = ""

    def selected(self, codes: Iterable[str]) -> set[str]:
        """Return the codes that run: selected (by code or family prefix) and not ignored."""
        def matches(code: str, patterns: Iterable[str]) -> bool:
            return any(code.startswith(p.rstrip("x")) for p in patterns)

        chosen = {c for c in codes if self.select is None or matches(c, self.select)}
        return {c for c in chosen if not matches(c, self.ignore)}

    def apply(self, findings: Iterable[Finding]) -> list[Finding]:
        """Return findings with severity overrides applied."""
        out = []
        for f in findings:
            override = self.severity.get(f.code)
            out.append(f.model_copy(update={"severity": override}) if override else f)
        return out


def _read_toml(path: Path) -> dict[str, Any]:
    """Read the TOML file ``path`` like a rule file: a regular file, at most :data:`MAX_CONFIG_BYTES` bytes.

    Raises:
        ConfigError: the file cannot be read, is not UTF-8, is not TOML or is nested too deeply.
    """
    source = str(path)
    try:
        text = read_bytes(path, max_bytes=MAX_CONFIG_BYTES).decode("utf-8")
    except YamlProblem as problem:
        raise _error(source, problem.what, _READ_FIX, _TOML_FILE) from None
    except UnicodeDecodeError as exc:
        raise _error(source, Text.of(f"Không đọc được tệp cấu hình: {exc}",
                                     f"Cannot read the configuration file: {exc}"), _READ_FIX, _TOML_FILE) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _error(source, Text.of(f"Cấu hình không phải TOML hợp lệ: {exc}",
                                     f"The configuration is not valid TOML: {exc}"),
                     Text.of("Sửa cú pháp TOML", "Fix the TOML syntax")) from None
    except RecursionError:
        raise _error(source, Text.of("Cấu hình lồng nhau quá sâu", "The configuration is nested too deeply"),
                     Text.of("Viết cấu hình phẳng như trong README (select, ignore, [severity])",
                             "Write a flat configuration as in the README (select, ignore, [severity])"),
                     _TOML_FILE) from None


def _table(value: Any, name: str, source: str) -> dict[str, Any]:
    """Return ``value`` when it is a TOML table; a ConfigError naming ``name`` otherwise."""
    if not isinstance(value, dict):
        kind = _TOML_KINDS.get(type(value), (type(value).__name__, type(value).__name__))
        raise _error(
            source,
            Text.of(f"`{name}` trong pyproject.toml phải là một bảng, không phải {kind[0]}",
                    f"`{name}` in pyproject.toml must be a table, not {kind[1]}"),
            Text.of("Viết [tool.quyche] rồi các khóa bên dưới, ví dụ ignore = [\"QC210\"]",
                    "Write [tool.quyche] and the keys below it, e.g. ignore = [\"QC210\"]"),
            Text.of(f"bảng [{name}]", f"a table [{name}]"),
        )
    return value


def _quyche_table(data: dict[str, Any], source: str) -> dict[str, Any] | None:
    """Return ``[tool.quyche]`` of a pyproject.toml, None when it has none; a ConfigError when it is misshapen."""
    if "tool" not in data:
        return None
    tool = _table(data["tool"], "tool", source)
    return _table(tool["quyche"], "tool.quyche", source) if "quyche" in tool else None


def find_config(start: Path) -> Path | None:
    """Return the nearest ``quyche.toml``, or ``pyproject.toml`` with ``[tool.quyche]``, at or above ``start``.

    A ``pyproject.toml`` that cannot be read or is not TOML is passed over; one whose ``tool`` or
    ``tool.quyche`` is not a table is a ConfigError.
    """
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "quyche.toml").is_file():
            return candidate / "quyche.toml"
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = _read_toml(pyproject)
            except ConfigError:
                continue
            if _quyche_table(data, str(pyproject)) is not None:
                return pyproject
    return None


def _error(source: str, what: Text, fix: Text, expected: Text | None = None) -> ConfigError:
    return ConfigError(what, expected=expected, fix=fix, file=source)


def _codes(value: Any, key: str, known: Iterable[str], source: str) -> tuple[str, ...]:
    known = sorted(known)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _error(source, Text.of(f"`{key}` phải là danh sách mã", f"`{key}` must be a list of codes"),
                     Text.of(f'Viết {key} = ["QC301"]', f'Write {key} = ["QC301"]'))
    families = {c[:3] + "xx" for c in known} | {c[:3] for c in known} | {"QC"}
    for code in value:
        if code not in known and code not in families:
            close = difflib.get_close_matches(code, known, n=1, cutoff=0.6)
            hint = (f"; có phải ý bạn là {close[0]}?", f"; did you mean {close[0]}?") if close else ("", "")
            raise _error(
                source, Text.of(f"Mã kiểm tra không tồn tại trong `{key}`: {code}{hint[0]}",
                                f"Unknown check code in `{key}`: {code}{hint[1]}"),
                Text.of("Dùng mã trong `quyche rules` hoặc một họ như QC3xx",
                        "Use a code from `quyche rules` or a family such as QC3xx"),
            )
    return tuple(value)


def codes_option(values: list[str], option: str, known: Iterable[str]) -> tuple[str, ...]:
    """Validate the codes or families given to ``option`` on the command line (``--select QC3xx,QC401``)."""
    return _codes(values, option, known, option)


def _severity(value: Any, what: str, source: str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        raise _error(source,
                     Text.of(f"Mức độ không hợp lệ cho {what}: {value!r}", f"Invalid severity for {what}: {value!r}"),
                     Text.of("Dùng error, warning hoặc info", "Use error, warning or info")) from None


def load_config(path: Path | None, known_codes: Iterable[str]) -> Config:
    """Read and validate the configuration at ``path`` (``None``: defaults)."""
    if path is None:
        return Config()
    source = str(path)
    data = _read_toml(path)
    table = (_quyche_table(data, source) or {}) if path.name == "pyproject.toml" else data
    known = list(known_codes)
    for key in table:
        if key not in _KEYS:
            close = difflib.get_close_matches(key, _KEYS, n=1)
            hint = (f"; có phải ý bạn là {close[0]!r}?", f"; did you mean {close[0]!r}?") if close else ("", "")
            raise _error(source, Text.of(f"Khóa cấu hình không được phép {key!r}{hint[0]}",
                                         f"Unknown configuration key {key!r}{hint[1]}"),
                         Text.of("Xóa hoặc sửa khóa này", "Remove or correct this key"),
                         Text.of("một trong: " + ", ".join(_KEYS), "one of: " + ", ".join(_KEYS)))
    severity = table.get("severity", {})
    if not isinstance(severity, dict):
        raise _error(source,
                     Text.of("`severity` phải là bảng mã = mức độ", "`severity` must be a table code = level"),
                     Text.of('Viết [tool.quyche.severity] QC204 = "warning"',
                             'Write [tool.quyche.severity] QC204 = "warning"'))
    _codes(list(severity), "severity", known, source)
    engine = table.get("engine", "both")
    if engine not in ("both", "durable", "reference"):
        raise _error(source, Text.of(f"Bộ máy không hợp lệ: {engine!r}", f"Invalid engine: {engine!r}"),
                     Text.of("Dùng both, durable hoặc reference", "Use both, durable or reference"))
    return Config(
        select=_codes(table["select"], "select", known, source) if "select" in table else None,
        ignore=_codes(table.get("ignore", []), "ignore", known, source),
        severity={code: _severity(level, code, source) for code, level in severity.items()},
        fail_on=_severity(table.get("fail-on", "warning"), "fail-on", source),
        engine=engine, source=source,
    )
