"""The two versions a change is about, and the comparisons of ``quyche diff`` and ``quyche report``.

``quyche diff`` names them as ``OLD NEW``, ``OLD AMENDMENT.yaml…`` or ``--base REV [PATH]``; ``quyche report``
as ``PATH`` with ``--against OLD``, ``--base REV`` or ``--amendment FILE…``. Both build the comparisons here,
with the amendments API (:func:`quyche_rules.amend.pipeline.compare_loaded`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_rules.errors import UsageError
from quyche_rules.findings import Finding, Location, Severity
from quyche_rules.i18n import Lang, Text

if TYPE_CHECKING:
    from quyche_rules.amend.render import Comparison
    from quyche_rules.checks.spec import CheckSpec
    from quyche_rules.model import Regulation

__all__ = ["ChangeSet", "build_comparisons", "diff_inputs", "diff_usage", "one_regulation", "report_usage"]


def diff_usage() -> UsageError:
    """Return the error of a ``quyche diff`` that does not name two versions."""
    return UsageError(
        Text.of("quyche diff cần hai phiên bản", "quyche diff needs two versions"),
        expected=Text.of(
            "CŨ MỚI (hai thư mục), CŨ SỬA-ĐỔI.yaml… hoặc --base PHIÊN-BẢN [THƯ-MỤC]",
            "OLD NEW (two folders), OLD AMENDMENT.yaml… or --base REV [PATH]",
        ),
        fix=Text.of(
            "Ví dụ: quyche diff rules/ubdt-2017 rules/ubdt-2023, hoặc quyche diff --base main",
            "For example: quyche diff rules/ubdt-2017 rules/ubdt-2023, or quyche diff --base main",
        ),
    )


def report_usage() -> UsageError:
    """Return the error of a change report that does not name two versions."""
    return UsageError(
        Text.of("Cần chỉ rõ hai phiên bản để so sánh", "Name the two versions to compare"),
        expected=Text.of(
            "THƯ-MỤC với --against CŨ, --base PHIÊN-BẢN hoặc --amendment TỆP…",
            "PATH with --against OLD, --base REV or --amendment FILE…",
        ),
        fix=Text.of(
            "Ví dụ: quyche report rules/ubdt-2023 --against rules/ubdt-2017",
            "For example: quyche report rules/ubdt-2023 --against rules/ubdt-2017",
        ),
    )


def diff_inputs(
    args: argparse.Namespace, usage: Callable[[], UsageError] = diff_usage
) -> tuple[list[Path], Path | None, list[Path]]:
    """Split ``quyche diff`` paths into (new paths, old folder, amendment files); ``usage`` when they do not fit."""
    paths: list[Path] = list(args.paths)
    if args.base is not None:
        if len(paths) > 1:
            raise usage()
        return paths, None, []
    if len(paths) < 2:
        raise usage()
    rest = paths[1:]
    if len(rest) == 1 and rest[0].is_dir():
        return [rest[0]], paths[0], []
    if any(p.is_dir() for p in rest):
        raise usage()
    return [paths[0]], None, rest


@dataclass(frozen=True)
class ChangeSet:
    """The comparisons of a change, the configuration's threshold, the catalogue and the codes that ran."""

    comparisons: list[Comparison]
    fail_on: Severity
    specs: dict[str, CheckSpec]
    selected: frozenset[str]

    def failing(self, threshold: Severity) -> bool:
        """Return True when an introduced finding is at or above ``threshold``."""
        return any(f.severity.rank >= threshold.rank for c in self.comparisons for f in c.findings.introduced)


def one_regulation(path: Path) -> Path:
    """Return the one regulation folder at or under ``path``; a usage error when there are none or several."""
    from quyche_rules.loading.folder import find_regulations

    found = find_regulations(path)
    if len(found) != 1:
        raise UsageError(
            Text.of(
                f"{path} chứa {len(found)} quy chế; cần đúng một",
                f"{path} holds {len(found)} regulations; name exactly one",
            ),
            fix=Text.of(
                "Chỉ ra một thư mục quy chế, ví dụ rules/ubdt-2017",
                "Name one regulation folder, e.g. rules/ubdt-2017",
            ),
        )
    return found[0]


def _label(reg: Regulation, lang: Lang, extra: str = "") -> str:
    day = reg.effective
    when = day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()
    return f"{reg.id} ({reg.meta.number}, {'hiệu lực' if lang == 'vi' else 'effective'} {when}){extra}"


def _rebase(findings: Sequence[Finding], tmp: Path, prefix: str) -> tuple[Finding, ...]:
    """Show files read from a temporary export as ``REV:path``: stable, and meaningful once it is gone."""
    real = os.path.realpath(tmp)

    def fix(loc: Location | None) -> Location | None:
        if loc is None:
            return None
        absolute = os.path.realpath(loc.file)
        if absolute == real or absolute.startswith(real + os.sep):
            rel = os.path.relpath(absolute, real).replace(os.sep, "/")
            return loc.model_copy(update={"file": f"{prefix}{rel}"})
        return loc

    out = []
    for f in findings:
        provisions = tuple(p.model_copy(update={"location": fix(p.location)}) for p in f.provisions)
        location = fix(f.location)
        out.append(f.model_copy(update={"location": location or f.location, "provisions": provisions}))
    return tuple(out)


def build_comparisons(
    paths: Sequence[Path],
    *,
    lang: Lang,
    against: Path | None = None,
    base: str | None = None,
    amendments: Sequence[Path] = (),
    on: dt.date | None = None,
    engine: str | None = None,
    config_path: Path | None = None,
    config_from: Path | None = None,
    rebase: bool = True,
) -> ChangeSet:
    """Build the comparisons of a change: ``quyche diff`` (every format) and ``quyche report``.

    Exactly one of ``against`` (an old folder; ``paths`` is the new one), ``base`` (a git revision of
    ``paths``) or ``amendments`` (applied to ``paths``) is given.

    Args:
        paths: the new version (with ``base``: the folder whose past is read; default ``rules/``).
        lang: the language of the labels.
        against: the old folder.
        base: the git revision of the old version.
        amendments: amendment files applied to ``paths``.
        on: read and check both versions as of this date.
        engine: the rule engine (default: the configuration's).
        config_path: the configuration file (default: the nearest to ``config_from``).
        config_from: where to look for the configuration (default: the first of ``paths``, else ``rules/``).
        rebase: with ``base``, show the resolved findings' files as ``REV:path``, not in the temporary export.
    """
    from quyche_rules.amend.pipeline import compare_loaded, consolidate
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.commands.amend import load_amendments
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.loading.folder import LoadedRegulation, find_regulations, load_regulation
    from quyche_rules.model import Regulation

    specs = all_checks()
    start = config_from or (paths[0] if paths else Path("rules"))
    found_config = config_path or (find_config(start) if start.exists() else None)
    config = load_config(found_config, specs) if found_config else Config()
    compare = partial(
        compare_loaded,
        engine=engine or config.engine,
        select=config.selected(specs),
        adjust=config.apply,
        new_day=on,
    )
    vi = lang == "vi"
    comparisons: list[Comparison] = []
    if base is not None:
        from quyche_rules.amend.gitrev import export_at_revision, locate

        if len(paths) > 1:
            raise report_usage()
        target = paths[0] if paths else Path("rules")
        tree = locate(target, base)
        working = " (thư mục làm việc)" if vi else " (working tree)"
        with tempfile.TemporaryDirectory(prefix="quyche-diff-") as tmp:
            exported = export_at_revision(tree, Path(tmp))
            for folder in find_regulations(target):
                new = load_regulation(folder)
                rel = os.path.relpath(folder.resolve(), target.resolve())
                old_folder = exported / rel if exported is not None else None
                suffix = f" @ {base}"
                if old_folder is not None and (old_folder / "regulation.yaml").is_file():
                    old = load_regulation(old_folder)
                    old = LoadedRegulation(old.regulation, folder, old.checks_file)
                else:  # a regulation added since REV: everything in it is new
                    old = LoadedRegulation(Regulation(meta=new.regulation.meta), folder, None)
                    suffix += " (chưa có)" if vi else " (absent)"
                comp = compare(
                    old,
                    new,
                    old_label=_label(old.regulation, lang, suffix),
                    new_label=_label(new.regulation, lang, working),
                )
                if rebase:
                    delta = replace(
                        comp.findings, resolved=_rebase(comp.findings.resolved, Path(tmp), f"{base}:")
                    )
                    comp = replace(comp, findings=delta)
                comparisons.append(comp)
    elif against is not None:
        if len(paths) > 1:
            raise report_usage()
        old = load_regulation(one_regulation(against))
        new = load_regulation(one_regulation(paths[0] if paths else Path("rules")))
        comparisons.append(
            compare(old, new, old_label=_label(old.regulation, lang), new_label=_label(new.regulation, lang))
        )
    elif amendments:
        if len(paths) > 1:
            raise report_usage()
        old = load_regulation(one_regulation(paths[0] if paths else Path("rules")))
        view, result = consolidate(old, load_amendments(amendments), on)
        names = ", ".join(a.id for a in result.applied) or "—"
        extra = f" hợp nhất với {names}" if vi else f" consolidated with {names}"
        comparisons.append(
            compare(
                old,
                view,
                old_label=_label(old.regulation, lang),
                new_label=_label(view.regulation, lang, extra),
                new_extra=result.findings,
            )
        )
    else:
        raise report_usage()
    return ChangeSet(comparisons, config.fail_on, dict(specs), frozenset(config.selected(specs)))
