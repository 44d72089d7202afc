"""Amendment drafts checked by ``quyche check``: each against its base, as ``quyche diff BASE DRAFT…`` does.

The drafts of one base are applied together, in order of effect, and the consolidated version is compared
with the base (:func:`quyche_rules.commands.versions.build_comparisons`): the findings the drafts introduce are
reported and count for the exit code; those they resolve and those that persist are counted in the summary.
A draft's base is the one regulation folder named with it, else the regulation whose ``id`` its ``amends:``
names, among the folders named and the regulations under ``rules/`` (of the working directory, and beside the
configuration file nearest the draft).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_rules.commands.inputs import Draft, Named, regulation_id, repository_drafts
from quyche_rules.commands.settings import Settings
from quyche_rules.errors import LoadFailed, UsageError
from quyche_rules.findings import Finding
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import display_path, find_regulations
from quyche_rules.workspace.config import find_config

if TYPE_CHECKING:
    from quyche_rules.amend.diff import Comparison

__all__ = ["DraftPlan", "DraftRun", "check_drafts", "plan_drafts"]

_LINE = Text.of(
    "Dự thảo {drafts} → {base}: phát sinh {error} lỗi, {warning} cảnh báo, {info} thông tin · "
    "đã khắc phục {resolved} · còn tồn tại {persisting}",
    "Draft {drafts} → {base}: introduced {errors}, {warnings}, {info} info · resolved {resolved} · "
    "persisting {persisting}",
)


def _same(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


@dataclass
class DraftPlan:
    """What a check reads: the regulations checked on their own, and each base with the drafts applied to it."""

    folders: list[Path]
    groups: dict[Path, list[Path]] = field(default_factory=dict)
    failed: list[Path] = field(default_factory=list)  # drafts that could not be loaded: reported, not applied
    problems: list[Finding] = field(default_factory=list)  # what is wrong in them (QC001-QC007)

    @property
    def drafts(self) -> list[Path]:
        """Return every draft read, in the order of their bases, then those that could not be loaded."""
        return [*(d for ds in self.groups.values() for d in ds), *self.failed]


def _roots(drafts: Sequence[Draft]) -> list[Path]:
    """Return the folders whose regulations a draft's ``amends:`` is looked up in."""
    roots = [Path("rules")] if Path("rules").is_dir() else []
    for draft in drafts:
        config = find_config(draft.path)
        beside = config.parent / "rules" if config is not None else None
        if beside is not None and beside.is_dir() and not any(_same(beside, r) for r in roots):
            roots.append(Path(display_path(beside)))
    return roots


def _regulations(roots: Sequence[Path]) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if (root / "regulation.yaml").is_file() or any(root.glob("*/regulation.yaml")):
            found += [f for f in find_regulations(root) if not any(_same(f, g) for g in found)]
    return found


def _base(draft: Draft, known: Sequence[Path], roots: Sequence[Path]) -> Path:
    """Return the regulation folder ``draft`` amends: among ``known`` folders first, then under ``roots``.

    Raises:
        LoadFailed: the draft cannot be loaded (so its ``amends:`` cannot be read).
        UsageError: no regulation, or several, has that id.
    """
    if draft.amends is None:
        from quyche_rules.commands.versions import load_amendments  # lazy: the amendment machinery, for drafts only

        amends = load_amendments([draft.path])[0].amendment.amends
    else:
        amends = draft.amends
    shown = display_path(draft.path)
    candidates: list[Path] = []
    for group in (known, _regulations(roots)):
        candidates = [f for f in group if regulation_id(f) == amends]
        candidates = [f for i, f in enumerate(candidates) if not any(_same(f, g) for g in candidates[:i])]
        if candidates:
            break
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        listed = ", ".join(display_path(f) for f in candidates)
        raise UsageError(
            Text.of(f"{len(candidates)} quy chế mang id {amends} mà {shown} sửa đổi: {listed}",
                    f"{len(candidates)} regulations have the id {amends} that {shown} amends: {listed}"),
            fix=Text.of(f"Chỉ ra văn bản gốc trước dự thảo: quyche check {display_path(candidates[0])} {shown}",
                        f"Name the base before the draft: quyche check {display_path(candidates[0])} {shown}"),
        )
    where = ", ".join(f"{display_path(r)}/" for r in roots) or "rules/"
    ids = sorted({i for i in map(regulation_id, [*known, *_regulations(roots)]) if i is not None})
    choices = (f" ({', '.join(ids)})", f" ({', '.join(ids)})") if ids else ("", "")
    raise UsageError(
        Text.of(f"Không tìm thấy quy chế {amends} mà {shown} sửa đổi (amends: {amends}) trong {where}",
                f"No regulation {amends}, which {shown} amends (amends: {amends}), under {where}"),
        expected=Text.of(f"một thư mục quy chế có id: {amends} trong regulation.yaml",
                         f"a regulation folder with id: {amends} in its regulation.yaml"),
        fix=Text.of(
            f"Chỉ ra văn bản gốc trước dự thảo: quyche check THƯ-MỤC-QUY-CHẾ {shown}; hoặc sửa amends: thành id "
            f"của quy chế được sửa{choices[0]}",
            f"Name the base before the draft: quyche check REGULATION-FOLDER {shown}; or set amends: to the id "
            f"of the regulation amended{choices[1]}"),
    )


def _load_each(drafts: Sequence[Draft], plan: DraftPlan) -> set[Path]:
    """Load each draft; note in ``plan`` those that cannot be loaded and their problems; return their paths."""
    if not drafts:
        return set()
    from quyche_rules.checks.produce import load_findings  # lazy: as below
    from quyche_rules.commands.versions import load_amendments  # lazy: the amendment machinery, for drafts only

    for draft in drafts:
        try:
            load_amendments([draft.path])
        except LoadFailed as failed:
            plan.failed.append(draft.path)
            plan.problems.extend(load_findings(failed))
    return set(plan.failed)


def _known_base(draft: Draft, known: Sequence[Path], roots: Sequence[Path]) -> Path | None:
    """Return the base a draft that could not be loaded names in ``amends:``, None when it names none found."""
    try:
        return _base(draft, known, roots)
    except UsageError:
        return None


def plan_drafts(named: Named, folders_named: Sequence[Path], *, discover: bool, every: bool) -> DraftPlan:
    """Pair each draft with its base; return what else is checked on its own.

    Args:
        named: the command line's paths, sorted.
        folders_named: the regulation folders named as folders (not found from a rule file).
        discover: also check the drafts of this repository that amend a regulation named (``--drafts``).
        every: with ``discover``, every draft of the repository (the audit: no path named).
    """
    single = folders_named[0] if len(folders_named) == 1 and named.drafts else None
    extra: list[Draft] = []
    if discover:
        ids = {i for i in map(regulation_id, named.folders) if i is not None}
        extra = [d for d in repository_drafts(Path.cwd())
                 if (every or d.amends in ids) and not any(_same(d.path, n.path) for n in named.drafts)]
    plan = DraftPlan(list(named.folders))
    broken = _load_each([*named.drafts, *extra], plan)  # every problem of every draft, at once
    roots = _roots([*named.drafts, *extra])
    for draft in (d for d in named.drafts if d.path in broken):  # its base is not checked alone either, if known
        known = single or (_known_base(draft, named.folders, roots) if draft.amends is not None else None)
        plan.folders = [f for f in plan.folders if known is None or not _same(f, known)
                        or any(_same(f, g) for g in named.staged)]
    named_ok, extra = [d for d in named.drafts if d.path not in broken], [d for d in extra if d.path not in broken]
    for draft, base in [(d, single or _base(d, named.folders, roots)) for d in named_ok]:
        key = next((b for b in plan.groups if _same(b, base)), base)
        plan.groups.setdefault(key, []).append(draft.path)
        if not any(_same(base, f) for f in named.staged):  # named with its drafts: their base, not checked
            plan.folders = [f for f in plan.folders if not _same(f, base)]
    for draft in extra:
        base = _base(draft, named.folders, roots)
        key = next((b for b in plan.groups if _same(b, base)), base)
        plan.groups.setdefault(key, []).append(draft.path)
    return plan


@dataclass
class DraftRun:
    """The comparisons of each base with its drafts applied."""

    comparisons: list[tuple[Path, list[Path], Comparison]] = field(default_factory=list)

    @property
    def introduced(self) -> list[Finding]:
        """Return the findings the drafts introduce (reported, and counted for the exit code)."""
        return [f for _, _, c in self.comparisons for f in c.findings.introduced]

    @property
    def provisions(self) -> int:
        """Return the provisions of the consolidated versions checked."""
        return sum(len(c.responsibilities.new.provisions) for _, _, c in self.comparisons)

    def lines(self, lang: Lang, shown: Sequence[Finding] | None = None) -> list[str]:
        """Return one summary line per base; ``shown``: the introduced findings left after a baseline."""
        from quyche_rules.amend.diff import count_by_severity  # lazy: the amendment machinery, for drafts only

        out = []
        for base, drafts, comp in self.comparisons:
            introduced = [f for f in comp.findings.introduced if shown is None or f in shown]
            counts = count_by_severity(introduced)
            out.append(_LINE.fill({
                **counts, "resolved": len(comp.findings.resolved), "persisting": len(comp.findings.persisting),
                "errors": f"{counts['error']} error{'' if counts['error'] == 1 else 's'}",
                "warnings": f"{counts['warning']} warning{'' if counts['warning'] == 1 else 's'}",
                "drafts": ", ".join(display_path(d) for d in drafts), "base": display_path(base),
            }).get(lang))
        return out


def check_drafts(plan: DraftPlan, s: Settings, on: dt.date | None, *, use_cache: bool = True) -> DraftRun:
    """Compare each base of ``plan`` with its drafts applied, as ``quyche diff BASE DRAFT…`` does.

    ``use_cache``: each base as checked before on the same day is read from the cache (and kept there).
    """
    from quyche_rules.commands.versions import build_comparisons  # lazy: the amendment machinery, for drafts only

    run = DraftRun()
    for base, drafts in plan.groups.items():
        for comp in build_comparisons([base], s, amendments=drafts, on=on, use_cache=use_cache).comparisons:
            run.comparisons.append((base, drafts, comp))
    return run
