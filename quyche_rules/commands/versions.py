"""The two versions a change is about, and the comparisons of ``quyche diff`` and ``quyche report``.

``quyche diff`` names them as ``OLD NEW``, ``OLD AMENDMENT.yaml…`` or ``--base REV [PATH]``; ``quyche report``
as ``PATH`` with ``--against OLD``, ``--base REV`` or ``--amendment FILE…``. Both build the comparisons here,
with the amendments API (:func:`quyche_rules.amend.compare.compare_loaded`).
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

from quyche_rules.amend.compare import CheckedVersion, compare_loaded, consolidate
from quyche_rules.amend.diff import Comparison
from quyche_rules.commands.revision import load_exported, rebased
from quyche_rules.commands.settings import Settings, refuse_day_before
from quyche_rules.errors import LoadFailed, UsageError
from quyche_rules.findings import Finding, Hit
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import LoadedRegulation, find_regulations, load_regulation, one_regulation, shared_parses
from quyche_rules.loading.amendment import load_amendment, load_with_amendments
from quyche_rules.loading.regulation import checks_file, effective_date
from quyche_rules.model import Regulation
from quyche_rules.model.amendment import AmendmentFile
from quyche_rules.vocabulary import day_words
from quyche_rules.workspace.compared import KnownVersions
from quyche_rules.workspace.gitrev import export_at_revision, locate

__all__ = [
    "ChangeSet", "build_comparisons", "diff_inputs", "diff_usage", "load_amendments", "one_regulation", "report_usage",
]

_EFFECTIVE = Text.of("hiệu lực", "effective")
_WORKING = Text.of(" (thư mục làm việc)", " (working tree)")
_ABSENT = Text.of(" (chưa có)", " (absent)")
_CONSOLIDATED = Text.of(" hợp nhất với {names}", " consolidated with {names}")


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
    """The comparisons of a change."""

    comparisons: list[Comparison]

    @property
    def introduced(self) -> list[Finding]:
        """Return the findings the change introduced (the ones that decide the exit code)."""
        return [f for c in self.comparisons for f in c.findings.introduced]


def load_amendments(paths: Sequence[Path]) -> list[AmendmentFile]:
    """Load every amendment file; report the problems of all of them at once.

    Raises:
        UsageError: a path is a folder or names no file (:func:`load_amendment`).
        LoadFailed: with what was found in every file that cannot be loaded.
    """
    loaded: list[AmendmentFile] = []
    problems: list[Hit] = []
    for path in paths:
        try:
            loaded.append(load_amendment(path))
        except LoadFailed as failed:
            problems.extend(failed.hits)
    if problems:
        raise LoadFailed(problems)
    return loaded


def _label(reg: Regulation, lang: Lang, extra: Text | None = None) -> str:
    when = day_words(reg.effective).get(lang)
    return f"{reg.id} ({reg.meta.number}, {_EFFECTIVE.get(lang)} {when}){extra.get(lang) if extra else ''}"


def build_comparisons(
    paths: Sequence[Path],
    s: Settings,
    *,
    against: Path | None = None,
    base: str | None = None,
    amendments: Sequence[Path] = (),
    on: dt.date | None = None,
    rebase: bool = True,
    use_cache: bool = True,
) -> ChangeSet:
    """Build the comparisons of a change: ``quyche diff`` (every format) and ``quyche report``.

    Exactly one of ``against`` (an old folder; ``paths`` is the new one), ``base`` (a git revision of
    ``paths``) or ``amendments`` (applied to ``paths``) is given.

    Args:
        paths: the new version (with ``base``: the folder whose past is read; default ``rules/``).
        s: the command's settings (language, engine, the checks selected, severity overrides).
        against: the old folder.
        base: the git revision of the old version.
        amendments: amendment files applied to ``paths``.
        on: read and check both versions as of this date.
        rebase: with ``base``, show the resolved findings' files as ``REV:path``, not in the temporary export.
        use_cache: take the old folder (``against``) or the base (``amendments``) as checked from the cache when
            it was checked on the same day before, and keep it there (:mod:`quyche_rules.workspace.compared`);
            never a ``base`` revision, which is read from a new temporary folder each time.
    """
    lang = s.lang
    known_versions = KnownVersions(s.engine, s.selected, enabled=use_cache)
    known: CheckedVersion | None = None
    keep: Callable[[CheckedVersion], None] | None = None
    compare = partial(compare_loaded, engine=s.engine, select=s.selected, adjust=s.config.apply, new_day=on)
    comparisons: list[Comparison] = []
    if base is not None:
        if len(paths) > 1:
            raise report_usage()
        target = paths[0] if paths else Path("rules")
        tree = locate(target, base)
        with tempfile.TemporaryDirectory(prefix="quyche-diff-") as tmp:
            exported = export_at_revision(tree, Path(tmp))
            for folder in find_regulations(target):
                rel = os.path.relpath(folder.resolve(), target.resolve())
                old_folder = exported / rel if exported is not None else None
                suffix = Text.of(f" @ {base}", f" @ {base}")
                with shared_parses():  # the files unchanged since REV are parsed once
                    new = load_regulation(folder)
                    refuse_day_before(new.regulation, on)
                    past = (load_exported(old_folder, Path(tmp), f"{base}:")
                            if old_folder is not None and (old_folder / "regulation.yaml").is_file() else None)
                if past is not None:
                    old = LoadedRegulation(past.regulation, folder, past.checks_file)
                else:  # a regulation added since REV: everything in it is new
                    old = LoadedRegulation(Regulation(meta=new.regulation.meta), folder, None)
                    suffix = Text.of(suffix.vi + _ABSENT.vi, suffix.en + _ABSENT.en)
                comp = compare(old, new, old_label=_label(old.regulation, lang, suffix),
                               new_label=_label(new.regulation, lang, _WORKING))
                if rebase:
                    delta = replace(comp.findings, resolved=rebased(comp.findings.resolved, Path(tmp), f"{base}:"))
                    comp = replace(comp, findings=delta)
                comparisons.append(comp)
    elif against is not None:
        if len(paths) > 1:
            raise report_usage()
        old_folder = one_regulation(against)
        new_folder = one_regulation(paths[0] if paths else Path("rules"))
        # both versions are checked on the new one's day: with the cache, its regulation.yaml is read first (one
        # small file) to look the old version up before anything is loaded
        day = (on or effective_date(new_folder)) if known_versions.enabled else None
        known, keep = known_versions.get(old_folder, day) if day is not None else (None, None)
        if known is not None:
            old = LoadedRegulation(known.regulation, old_folder, checks_file(old_folder))
            new = load_regulation(new_folder)
        else:
            with shared_parses():  # the files the two folders have in common are parsed once
                old = load_regulation(old_folder)
                new = load_regulation(new_folder)
        refuse_day_before(new.regulation, on)
        comparisons.append(compare(old, new, old_label=_label(old.regulation, lang),
                                   new_label=_label(new.regulation, lang), known_old=known, keep_old=keep))
    elif amendments:
        if len(paths) > 1:
            raise report_usage()
        base_folder = one_regulation(paths[0] if paths else Path("rules"))
        old, drafts = load_with_amendments(base_folder, amendments)
        refuse_day_before(old.regulation, on)
        view, result = consolidate(old, drafts, on)
        names = ", ".join(a.id for a in result.applied) or "—"
        known, keep = known_versions.get(base_folder, on or view.regulation.effective)
        comparisons.append(compare(
            old, view, old_label=_label(old.regulation, lang),
            new_label=_label(view.regulation, lang, _CONSOLIDATED.fill({"names": names})),
            new_extra=result.findings, known_old=known, keep_old=keep,
        ))
    else:
        raise report_usage()
    return ChangeSet(comparisons)
