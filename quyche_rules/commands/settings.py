"""What every subcommand decides the same way: configuration, engine, threshold, colour, output, exit code.

Each policy is written once here and used by every subcommand:

* **configuration**: ``--config FILE``, else the nearest ``quyche.toml`` (or ``pyproject.toml`` with
  ``[tool.quyche]``) at or above the first path the command reads; ``--select`` / ``--ignore`` refine it;
* **options over configuration**: ``--engine`` and ``--fail-on`` win over the configuration's values;
* **outputs**: ``-o -`` is standard output; an output never overwrites or lands among what the command reads
  (:func:`quyche_rules.workspace.outputs.guard_output`, with :attr:`Settings.inputs` for the configuration);
* **colour**: only on a terminal, never into a file, never with ``NO_COLOR`` or ``TERM=dumb``; ``FORCE_COLOR``
  forces it on a pipe;
* **exit code**: 1 when a finding that counts (for a change: an introduced one) is at or above the threshold,
  else 0 (usage, configuration and internal errors are 2, decided by the CLI).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from quyche_rules.checks.catalogue import checks_of
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.engines import EngineChoice
from quyche_rules.errors import UsageError
from quyche_rules.findings import Finding, Severity
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation
from quyche_rules.workspace.config import Config, codes_option, find_config, load_config
from quyche_rules.workspace.outputs import guard_output, is_stdout, write_output, write_stdout

__all__ = ["Settings", "colour_wanted", "emit", "exit_code", "refuse_day_before", "regulation_folders", "settings"]


def colour_wanted(isatty: bool, env: Mapping[str, str], *, to_file: bool = False) -> bool:
    """Decide whether terminal output is coloured.

    Colour only on a terminal; never into a file, with ``NO_COLOR`` set (https://no-color.org) or on a dumb
    terminal; ``FORCE_COLOR`` (non-empty, not ``0``) forces it on a pipe.
    """
    if to_file or env.get("NO_COLOR") or env.get("TERM") == "dumb":
        return False
    if env.get("FORCE_COLOR", "0") not in ("", "0"):
        return True
    return isatty


def emit(text: str, output: Path | None = None) -> None:
    """Write ``text`` to ``output`` (atomically), else (or when it is ``-``) to standard output."""
    if output is not None and not is_stdout(output):
        write_output(output, text)
        return
    write_stdout(text if text.endswith("\n") or not text else text + "\n")


def refuse_day_before(reg: Regulation, day: dt.date | None) -> None:
    """Refuse ``--on DAY`` before ``reg`` took effect: there is nothing in force to read or check that day.

    Raises:
        UsageError: naming the regulation and the first day it can be read as of (exit code 2).
    """
    if day is None or day >= reg.effective:
        return
    first = reg.effective.isoformat()
    raise UsageError(
        Text.of(f"--on {day.isoformat()} là trước ngày quy chế {reg.id} có hiệu lực ({first})",
                f"--on {day.isoformat()} is before regulation {reg.id} took effect ({first})"),
        expected=Text.of(f"một ngày từ {first} trở đi", f"a date on or after {first}"),
        fix=Text.of(f"Chọn --on từ {first}, hoặc chỉ ra phiên bản quy chế có hiệu lực vào ngày đó",
                    f"Choose --on {first} or later, or name the version of the regulation in force that day"),
    )


def exit_code(findings: Iterable[Finding], fail_on: Severity) -> int:
    """Return 1 when any of ``findings`` is at or above ``fail_on``, else 0."""
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0


@dataclass(frozen=True)
class Settings:
    """What a subcommand decided once from its options, its configuration and its environment."""

    lang: Lang
    specs: Mapping[str, CheckSpec]
    config: Config
    fail_on: Severity
    engine: EngineChoice
    output: Path | None
    colour: bool
    env: Mapping[str, str] = field(default_factory=dict)

    @property
    def selected(self) -> set[str]:
        """Return the codes that run."""
        return self.config.selected(self.specs)

    @property
    def inputs(self) -> tuple[Path, ...]:
        """Return the files the settings were read from (the configuration file, if any)."""
        return (Path(self.config.source),) if self.config.source else ()

    def guard_output(self, inputs: Sequence[Path | None]) -> None:
        """Refuse an ``--output`` that would overwrite or land among ``inputs`` or the configuration file."""
        if self.output is not None:
            guard_output(self.output, [*inputs, *self.inputs])

    def emit(self, text: str) -> None:
        """Write ``text`` to ``--output`` (atomically), else to standard output."""
        emit(text, self.output)


def _split(value: str | None) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()] if value else []


def regulation_folders(paths: Iterable[Path | None]) -> list[Path]:
    """Return the regulation folders at or directly below the folders among ``paths`` (files are skipped)."""
    found: list[Path] = []
    for path in paths:
        if path is not None and path.is_dir():
            found += [path] if (path / "regulation.yaml").is_file() else sorted(
                p.parent for p in path.glob("*/regulation.yaml"))
    return list(dict.fromkeys(found))


def settings(
    args: argparse.Namespace, lang: Lang, *, start: Path | None, folders: Iterable[Path] = ()
) -> Settings:
    """Return the settings of a subcommand whose first input is ``start`` (where the configuration is sought).

    ``folders``: the regulation folders the command reads; the checks their own ``checks.yaml`` declare join the
    catalogue, so that they run, can be selected or ignored by code, and are described in SARIF.
    """
    specs = checks_of(folders)
    chosen = getattr(args, "config", None)
    path = chosen or (find_config(start) if start is not None and start.exists() else None)
    config = load_config(path, specs) if path is not None else Config()
    select, ignore = getattr(args, "select", None), getattr(args, "ignore", None)
    if select:
        config = replace(config, select=codes_option(_split(select), "--select", specs))
    if ignore:
        config = replace(config, ignore=config.ignore + codes_option(_split(ignore), "--ignore", specs))
    output = getattr(args, "output", None)
    output = None if is_stdout(output) else output  # -o -: standard output
    fail_on = getattr(args, "fail_on", None)
    engine = getattr(args, "engine", None)
    env = dict(os.environ)
    return Settings(
        lang=lang, specs=specs, config=config, fail_on=Severity(fail_on) if fail_on else config.fail_on,
        engine=engine or config.engine,  # type: ignore[arg-type]  # both validated: argparse choices, config
        output=output, colour=colour_wanted(sys.stdout.isatty(), env, to_file=output is not None), env=env,
    )
