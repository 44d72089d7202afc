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

__all__ = ["Config", "codes_option", "find_config", "load_config"]

_KEYS = ("select", "ignore", "severity", "fail-on", "engine")


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


def find_config(start: Path) -> Path | None:
    """Return the nearest ``quyche.toml``, or ``pyproject.toml`` with ``[tool.quyche]``, at or above ``start``."""
    folder = start.resolve()
    if folder.is_file():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        if (candidate / "quyche.toml").is_file():
            return candidate / "quyche.toml"
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "quyche" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                    return pyproject
            except (tomllib.TOMLDecodeError, UnicodeDecodeError):
                continue
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
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise _error(source, Text.of(f"Không đọc được tệp cấu hình: {reason}",
                                     f"Cannot read the configuration file: {reason}"),
                     Text.of("Kiểm tra đường dẫn của --config (một tệp TOML UTF-8)",
                             "Check the path given to --config (a UTF-8 TOML file)"),
                     Text.of("quyche.toml hoặc pyproject.toml có [tool.quyche]",
                             "quyche.toml, or pyproject.toml with [tool.quyche]")) from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _error(source, Text.of(f"Cấu hình không phải TOML hợp lệ: {exc}",
                                     f"The configuration is not valid TOML: {exc}"),
                     Text.of("Sửa cú pháp TOML", "Fix the TOML syntax")) from None
    table = data.get("tool", {}).get("quyche", {}) if path.name == "pyproject.toml" else data
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
