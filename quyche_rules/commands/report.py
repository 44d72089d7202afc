"""``quyche report``, and the sarif, github, html and markdown formats of ``check`` and ``diff``.

``quyche report PATH`` writes the reviewer's report on one regulation; with ``--against OLD``, ``--base REV``
or ``--amendment FILE…`` it reports on a change: findings introduced, resolved and persisting, and the
responsibility diff per unit. The comparisons are built with the amendments API
(:func:`quyche_rules.amend.pipeline.compare_loaded`), exactly as ``quyche diff`` builds them.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from quyche_rules.errors import UsageError
from quyche_rules.findings import Finding, Location, Severity
from quyche_rules.i18n import Lang, Text
from quyche_rules.reports.progress import Progress

if TYPE_CHECKING:
    from quyche_rules.amend.render import Comparison
    from quyche_rules.checks.spec import CheckSpec
    from quyche_rules.loading.folder import LoadedRegulation
    from quyche_rules.model import Regulation
    from quyche_rules.reports.document import Part
    from quyche_rules.reports.locate import Locator

__all__ = [
    "ChangeSet",
    "build_comparisons",
    "check_progress",
    "generated_stamp",
    "render_check_formats",
    "render_diff_formats",
    "run_diff_formats_command",
    "run_report_command",
    "wants_github",
]

#: a run this large shows progress on a terminal even for one regulation
_MANY_FILES = 200


def wants_github(fmt: str | None, env: Mapping[str, str]) -> bool:
    """Return True when GitHub annotations are asked for, or chosen by default under GitHub Actions."""
    return fmt == "github" or (fmt is None and env.get("GITHUB_ACTIONS") == "true")


def check_progress(folders: Sequence[Path], lang: Lang) -> Progress:
    """Return the progress line of ``check``: on when stderr is a terminal and the run is long."""
    many = (
        len(folders) >= 2
        or sum(sum(1 for _ in (f / "articles").glob("*.y*ml")) for f in folders if (f / "articles").is_dir())
        >= _MANY_FILES
    )
    return Progress(sys.stderr, len(folders), lang, enabled=many and sys.stderr.isatty())


def generated_stamp(env: Mapping[str, str]) -> str:
    """Return the date to print in a report: from ``SOURCE_DATE_EPOCH`` when set, else nothing."""
    raw = env.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw.isdigit():
        return ""
    return dt.datetime.fromtimestamp(int(raw), tz=dt.UTC).date().isoformat()


def _locator(findings: Iterable[Finding], root: Path | None) -> Locator:
    from quyche_rules.reports.locate import Locator

    return Locator.for_findings(findings, str(root) if root is not None else None)


def _rule_specs(
    specs: Mapping[str, CheckSpec], selected: Iterable[str], findings: Iterable[Finding]
) -> dict[str, CheckSpec]:
    wanted = set(selected) | {f.code for f in findings}
    return {c: s for c, s in sorted(specs.items()) if c in wanted}


def render_check_formats(
    fmt: str,
    findings: Sequence[Finding],
    specs: Mapping[str, CheckSpec],
    *,
    selected: Iterable[str],
    lang: Lang,
    regulations: Sequence[Regulation],
    counts: tuple[int, int],
    engines: Sequence[str],
    root: Path | None,
    summary: str,
) -> str:
    """Render ``check`` results as ``sarif``, ``github``, ``markdown`` or ``html``.

    Args:
        fmt: the format.
        findings: the findings, in deterministic order.
        specs: the catalogue.
        selected: the codes that ran (their rule descriptors go into SARIF).
        lang: the language.
        regulations: the regulations loaded (names and graphs for the report's diagrams).
        counts: (regulations, provisions) checked.
        engines: the rule engines that ran.
        root: the repository root for SARIF and GitHub paths (default: the working directory).
        summary: the plain summary line closing GitHub output.
    """
    locator = _locator(findings, root)
    if fmt == "sarif":
        from quyche_rules.reports.sarif import render_sarif

        props = {"regulations": counts[0], "provisions": counts[1], "engines": list(engines)}
        return render_sarif(
            findings, _rule_specs(specs, selected, findings), lang=lang, locator=locator, properties=props
        )
    if fmt == "github":
        from quyche_rules.reports.github import render_github

        return render_github(findings, lang=lang, locator=locator, summary=summary)
    from quyche_rules.reports.document import part_for_check

    part = part_for_check(regulations, findings, lang)
    return _render_document(fmt, [part], specs, lang, locator)


def _render_document(
    fmt: str, parts: Sequence[Part], specs: Mapping[str, CheckSpec], lang: Lang, locator: Locator
) -> str:
    from quyche_rules.reports.document import build_report

    diagrams: Literal["svg", "mermaid"] = "svg" if fmt == "html" else "mermaid"
    view = build_report(
        parts, specs, lang=lang, locator=locator, diagrams=diagrams, generated=generated_stamp(os.environ)
    )
    if fmt == "html":
        from quyche_rules.reports.html import render_html

        return render_html(view)
    from quyche_rules.reports.markdown import render_markdown

    return render_markdown(view)


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


def _one(path: Path) -> Path:
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
) -> ChangeSet:
    """Build the comparisons of a change report (and of ``diff --format sarif|github``).

    Exactly one of ``against`` (an old folder; ``paths`` is the new one), ``base`` (a git revision of
    ``paths``) or ``amendments`` (applied to ``paths``) is given.
    """
    from quyche_rules.amend.pipeline import compare_loaded, consolidate
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.commands.amend import load_amendments
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.loading.folder import LoadedRegulation, find_regulations, load_regulation
    from quyche_rules.model import Regulation

    specs = all_checks()
    start = paths[0] if paths else Path("rules")
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
            raise _usage()
        target = paths[0] if paths else Path("rules")
        tree = locate(target, base)
        working = " (thư mục làm việc)" if vi else " (working tree)"
        with tempfile.TemporaryDirectory(prefix="quyche-report-") as tmp:
            exported = export_at_revision(tree, Path(tmp))
            for folder in find_regulations(target):
                new = load_regulation(folder)
                rel = os.path.relpath(folder.resolve(), target.resolve())
                old_folder = exported / rel if exported is not None else None
                suffix = f" @ {base}"
                if old_folder is not None and (old_folder / "regulation.yaml").is_file():
                    old = load_regulation(old_folder)
                    old = LoadedRegulation(old.regulation, folder, old.checks_file)
                else:
                    old = LoadedRegulation(Regulation(meta=new.regulation.meta), folder, None)
                    suffix += " (chưa có)" if vi else " (absent)"
                comp = compare(
                    old,
                    new,
                    old_label=_label(old.regulation, lang, suffix),
                    new_label=_label(new.regulation, lang, working),
                )
                delta = replace(
                    comp.findings, resolved=_rebase(comp.findings.resolved, Path(tmp), f"{base}:")
                )
                comparisons.append(replace(comp, findings=delta))
    elif against is not None:
        if len(paths) > 1:
            raise _usage()
        old = load_regulation(_one(against))
        new = load_regulation(_one(paths[0] if paths else Path("rules")))
        comparisons.append(
            compare(old, new, old_label=_label(old.regulation, lang), new_label=_label(new.regulation, lang))
        )
    elif amendments:
        if len(paths) > 1:
            raise _usage()
        old = load_regulation(_one(paths[0] if paths else Path("rules")))
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
        raise _usage()
    return ChangeSet(comparisons, config.fail_on, dict(specs), frozenset(config.selected(specs)))


def _usage() -> UsageError:
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


def render_diff_formats(
    fmt: str,
    comparisons: Sequence[Comparison],
    specs: Mapping[str, CheckSpec],
    *,
    lang: Lang,
    root: Path | None,
    selected: Iterable[str] | None = None,
) -> str:
    """Render comparisons as SARIF (introduced ``new``, persisting ``unchanged``) or GitHub annotations."""
    from quyche_rules.amend.diff import count_by_severity
    from quyche_rules.findings import sort_findings

    pairs = [(f, "new") for c in comparisons for f in c.findings.introduced]
    pairs += [(f, "unchanged") for c in comparisons for f in c.findings.persisting]
    state_of: dict[str, str] = {}
    for f, state in pairs:  # an exact duplicate keeps the first state: introduced before persisting
        state_of.setdefault(f.model_dump_json(), state)
    findings = sort_findings(f for f, _ in pairs)
    states = [state_of[f.model_dump_json()] for f in findings]
    introduced = [f for c in comparisons for f in c.findings.introduced]
    resolved = sum(len(c.findings.resolved) for c in comparisons)
    persisting = sum(len(c.findings.persisting) for c in comparisons)
    locator = _locator(findings, root)
    if fmt == "sarif":
        from quyche_rules.reports.sarif import render_sarif

        props = {
            "introduced": count_by_severity(introduced),
            "resolved": resolved,
            "persisting": persisting,
            "comparisons": [{"old": c.old_label, "new": c.new_label} for c in comparisons],
        }
        rules = _rule_specs(specs, specs if selected is None else selected, findings)
        return render_sarif(
            findings,
            rules,
            lang=lang,
            locator=locator,
            states=states,
            category="quyche/diff/",
            properties=props,
        )
    from quyche_rules.reports.github import render_github

    counts = count_by_severity(introduced)
    if lang == "vi":
        summary = (
            f"Phát sinh: {counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} thông tin · "
            f"Đã khắc phục: {resolved} · Còn tồn tại: {persisting}"
        )
    else:
        summary = (
            f"Introduced: {counts['error']} error{'' if counts['error'] == 1 else 's'}, "
            f"{counts['warning']} warning{'' if counts['warning'] == 1 else 's'}, {counts['info']} info · "
            f"Resolved: {resolved} · Persisting: {persisting}"
        )
    return render_github(sort_findings(introduced), lang=lang, locator=locator, summary=summary)


def _diff_inputs(args: argparse.Namespace) -> tuple[list[Path], Path | None, list[Path]]:
    """Split ``quyche diff`` paths into (new paths, old folder, amendment files)."""
    paths: list[Path] = list(args.paths)
    if args.base is not None:
        return paths, None, []
    if len(paths) < 2:
        raise _usage()
    rest = paths[1:]
    if len(rest) == 1 and rest[0].is_dir():
        return [rest[0]], paths[0], []
    if any(p.is_dir() for p in rest):
        raise _usage()
    return [paths[0]], None, rest


def run_diff_formats_command(
    args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None], fmt: str
) -> int:
    """Run ``quyche diff --format sarif|github``; exit 1 only for introduced findings at ``--fail-on``."""
    paths, against, amendments = _diff_inputs(args)
    change = build_comparisons(
        paths,
        lang=lang,
        against=against,
        base=args.base,
        amendments=amendments,
        on=args.on,
        engine=args.engine,
        config_path=args.config,
    )
    threshold = Severity(args.fail_on) if args.fail_on else change.fail_on
    out(
        render_diff_formats(
            fmt,
            change.comparisons,
            change.specs,
            lang=lang,
            root=getattr(args, "root", None),
            selected=change.selected,
        ),
        args.output,
    )
    return 1 if change.failing(threshold) else 0


def run_report_command(args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None]) -> int:
    """Run ``quyche report``: the reviewer's HTML or Markdown report on a regulation or a change."""
    from quyche_rules.reports.document import part_for_comparison

    paths: list[Path] = list(args.paths)
    is_change = args.against is not None or args.base is not None or bool(args.amendment)
    if sum((args.against is not None, args.base is not None, bool(args.amendment))) > 1:
        raise UsageError(
            Text.of(
                "--against, --base và --amendment loại trừ nhau",
                "--against, --base and --amendment exclude each other",
            ),
            fix=Text.of("Chọn một cách so sánh", "Choose one way to compare"),
        )
    if not is_change:
        return _report_single(args, lang, out, paths or [Path("rules")])
    change = build_comparisons(
        paths,
        lang=lang,
        against=args.against,
        base=args.base,
        amendments=args.amendment or (),
        on=args.on,
        engine=args.engine,
        config_path=args.config,
    )
    threshold = Severity(args.fail_on) if args.fail_on else change.fail_on
    findings = [
        f
        for c in change.comparisons
        for group in (c.findings.introduced, c.findings.resolved, c.findings.persisting)
        for f in group
    ]
    parts = [part_for_comparison(c, lang) for c in change.comparisons]
    out(_render_document(args.format, parts, change.specs, lang, _locator(findings, args.root)), args.output)
    return 1 if change.failing(threshold) else 0


def _report_single(
    args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None], paths: list[Path]
) -> int:
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.errors import LoadFailed
    from quyche_rules.findings import sort_findings
    from quyche_rules.loading.folder import find_regulations, load_regulation

    specs = all_checks()
    config_path = args.config or find_config(paths[0])
    config = load_config(config_path, specs) if config_path else Config()
    selected = config.selected(specs)
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    findings: list[Finding] = []
    regulations: list[LoadedRegulation] = []
    folders = [f for p in paths for f in find_regulations(p)]
    progress = check_progress(folders, lang)
    for index, folder in enumerate(folders, start=1):
        progress.step(index, str(folder), "load")
        try:
            loaded = load_regulation(folder)
        except LoadFailed as failed:
            findings.extend(failed.findings)
            continue
        progress.step(index, str(folder), "check")
        result = run_checks(loaded, engine=args.engine or config.engine, day=args.on, select=selected)
        findings.extend(f for f in result.findings if f.code in selected or f.code in ("QC020", "QC021"))
        regulations.append(loaded)
    progress.done()
    findings = sort_findings(config.apply(findings))
    from quyche_rules.reports.document import part_for_check

    part = part_for_check([r.regulation for r in regulations], findings, lang)
    out(_render_document(args.format, [part], specs, lang, _locator(findings, args.root)), args.output)
    return 1 if any(f.severity.rank >= fail_on.rank for f in findings) else 0
