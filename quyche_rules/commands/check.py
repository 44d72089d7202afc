"""``quyche check``: load, check, filter, render, choose the exit code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
from collections.abc import Collection, Mapping, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from quyche_rules import memo, replay
from quyche_rules.checks.produce import load_findings
from quyche_rules.checks.suppressions import Suppressed, sort_suppressed
from quyche_rules.commands.formats import check_progress, render_check_formats, wants_github
from quyche_rules.commands.inputs import Named, named_inputs
from quyche_rules.commands.settings import Settings, exit_code, refuse_day_before, settings
from quyche_rules.engines import EngineChoice
from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding, sort_findings
from quyche_rules.i18n import Lang, Text
from quyche_rules.loading import load_regulation
from quyche_rules.loading.raw import real_path
from quyche_rules.model import Regulation
from quyche_rules.parallel import one_process, serial
from quyche_rules.reports.text import render_text, summary_line
from quyche_rules.workspace.baseline import filter_baseline, hidden_note, read_baseline, write_baseline
from quyche_rules.workspace.cache import Cache

if TYPE_CHECKING:
    from quyche_rules.checks.runner import CheckResult
from quyche_rules.workspace.outputs import guard_output

__all__ = ["CheckRun", "check_folders", "configured", "run"]

_ALWAYS = ("QC020", "QC021")  # about the suppressions themselves: reported whatever is selected
_WROTE_BASELINE = Text.of("Đã ghi {count} phát hiện vào {path}", "Wrote {count} findings to {path}")
_ENGINES = Text.of("bộ máy: {engines}", "engines: {engines}")


def _touches(finding: Finding, files: set[str] | None) -> bool:
    """Return True when no file filter applies, or the finding or one of its provisions lies in ``files``."""
    if files is None:
        return True
    places = [finding.location.file] + [p.location.file for p in finding.provisions if p.location]
    return any(str(real_path(Path(place)) or Path(os.path.abspath(place))) in files for place in places)


@dataclass
class CheckRun:
    """Regulation folders loaded and checked: the findings (before the configuration adjusts them) and counts."""

    findings: list[Finding] = field(default_factory=list)
    suppressed: list[Suppressed] = field(default_factory=list)  # hidden by the provisions: listed, never counted
    regulations: list[Regulation] = field(default_factory=list)  # those that loaded
    notes: list[Text] = field(default_factory=list)
    engines: tuple[str, ...] = ()
    checked: int = 0  # regulations, those that failed to load included
    provisions: int = 0


def check_one(folder: Path, engine: EngineChoice, day: dt.date | None, selected: Collection[str],
              expand: bool, use_cache: bool, keep: bool = True,
              ) -> tuple[Regulation | None, CheckResult | None, list[Finding]]:
    """Load and check one regulation folder: (the regulation, its result, its load findings).

    From the cache when the folder and the tool are unchanged since it was last checked with these settings.
    ``keep`` False returns no regulation (only a report draws from it): a worker process then sends back the
    findings alone, not the whole regulation.
    """
    store = Cache((engine, day.isoformat() if day else "", ",".join(sorted(selected)), str(expand)),
                  enabled=use_cache)
    key, hit = store.get(folder)
    if hit is not None and (hit[0] is not None or not keep):  # (kept only when a report needed it: 7 ms a pickle)
        regulation, result = hit  # stored after refuse_day_before passed for this day and these files
        return regulation if keep else None, result, []
    from quyche_rules.checks.runner import run_checks  # lazy: a cached folder needs neither the graph nor engines

    try:
        loaded = load_regulation(folder)
    except LoadFailed as failed:
        return None, None, load_findings(failed)
    refuse_day_before(loaded.regulation, day)
    result = run_checks(loaded, engine=engine, day=day, select=selected, expand=expand)
    store.put(key, (loaded.regulation if keep else None, result), folder)
    return loaded.regulation if keep else None, result, []


def check_folders(
    folders: Sequence[Path],
    *,
    lang: Lang,
    engine: EngineChoice,
    day: dt.date | None,
    selected: Collection[str],
    staged: Mapping[Path, set[str]] | None = None,
    expand: bool = False,
    jobs: int = 1,
    use_cache: bool = True,
    keep: bool = True,
) -> CheckRun:
    """Load and check ``folders``, showing progress; keep the findings of the ``selected`` checks (and QC020, QC021).

    ``staged`` keeps, for a folder, only the findings that touch the files named (see
    :func:`~quyche_rules.commands.inputs.named_inputs`);
    ``expand`` keeps one orphaned-norm finding per provision instead of one per actor; ``jobs`` checks that many
    regulations at once in worker processes (the output keeps the folders' order); ``use_cache`` reads and
    writes the cache of checked regulations (:mod:`quyche_rules.workspace.cache`); ``keep`` False leaves
    ``regulations`` empty (for outputs that do not draw from them: text, json, sarif, github).
    """
    run = CheckRun()
    progress = check_progress(folders, lang)
    work = partial(check_one, engine=engine, day=day, selected=selected, expand=expand, use_cache=use_cache,
                   keep=keep)
    if jobs > 1 and len(folders) > 1:
        from concurrent.futures import ProcessPoolExecutor  # lazy: one regulation needs no pool

        with ProcessPoolExecutor(max_workers=min(jobs, len(folders)), initializer=serial) as pool:
            futures = [pool.submit(work, folder) for folder in folders]
            outcomes = []
            for index, (folder, future) in enumerate(zip(folders, futures, strict=True), start=1):
                progress.step(index, str(folder), "check")
                outcomes.append(future.result())
    else:
        outcomes = []
        with nullcontext() if jobs > 1 else one_process():  # --jobs 1: one process, nothing forked beside
            for index, folder in enumerate(folders, start=1):
                progress.step(index, str(folder), "check")
                outcomes.append(work(folder))
    for folder, (regulation, result, problems) in zip(folders, outcomes, strict=True):
        run.checked += 1
        if result is None:
            run.findings.extend(problems)
            continue
        if regulation is not None:
            run.regulations.append(regulation)
        files = staged.get(folder) if staged is not None else None
        run.findings.extend(f for f in result.findings if (f.code in selected or f.code in _ALWAYS)
                            and _touches(f, files))
        run.suppressed.extend(x for x in result.suppressed if x.finding.code in selected and _touches(x.finding, files))
        run.notes.extend(n for n in result.notes if n not in run.notes)
        run.engines = result.engines_run or run.engines
        run.provisions += result.provisions
    progress.done()
    return run


def _jobs(asked: int | None) -> int:
    """Return how many regulations to check at once: as asked, else one per core."""
    return max(1, asked if asked is not None else (os.cpu_count() or 1))


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Run ``quyche check`` and return its exit code.

    With the cache, the built-in catalogues are kept there too (:mod:`quyche_rules.memo`): the hook's path.
    """
    started = time.perf_counter()
    paths = list(args.paths) or [Path("rules")]
    named = named_inputs(paths)
    if args.no_cache:
        return _run(args, lang, started, paths, named)
    with memo.enabled_for([p for p in [*paths, *named.folders] if p.is_dir()]):
        return _run(args, lang, started, paths, named)


def _run(args: argparse.Namespace, lang: Lang, started: float, paths: list[Path], named: Named) -> int:
    folders, drafts = named.folders, None
    if named.drafts or getattr(args, "drafts", False):
        from quyche_rules.commands.drafts import plan_drafts  # lazy: the amendments are off the hook's path

        named_folders = [f for f in named.folders if f not in named.staged]
        drafts = plan_drafts(named, named_folders, discover=getattr(args, "drafts", False), every=not args.paths)
        folders = drafts.folders
    bases = list(drafts.groups) if drafts is not None else []
    s = settings(args, lang, start=paths[0], folders=[*folders, *bases])
    inputs = [*paths, *folders, *bases, *(drafts.drafts if drafts is not None else []), args.baseline]
    s.guard_output(inputs)
    if args.write_baseline is not None:
        guard_output(args.write_baseline, [*inputs, *s.inputs], option="--write-baseline")
    selected = s.selected
    checked = check_folders(folders, lang=lang, engine=s.engine, day=args.on, selected=selected,
                            staged=named.staged, expand=args.expand, jobs=_jobs(args.jobs),
                            use_cache=not args.no_cache, keep=args.format in ("markdown", "html"))
    failed = drafts.problems if drafts is not None else []  # drafts that could not be loaded: with the rest
    checked.checked += len(drafts.failed) if drafts is not None else 0
    findings = sort_findings(s.config.apply([*checked.findings, *failed]))
    compared = None
    if drafts is not None and drafts.groups:
        from quyche_rules.commands.drafts import check_drafts  # lazy: as above

        compared = check_drafts(drafts, s, args.on, use_cache=not args.no_cache)
    introduced = sort_findings(compared.introduced) if compared is not None else []
    if args.write_baseline is not None:  # never a file that did not load: nothing in it was checked (exit 1)
        wrote = write_baseline(args.write_baseline, sort_findings([*findings, *introduced]))
        notes = [_WROTE_BASELINE.fill({"count": wrote.count, "path": args.write_baseline}), wrote.note()]
        sys.stderr.write("".join(n.get(lang) + "\n" for n in notes if n is not None))
        return 1 if wrote.refused else 0
    if args.baseline is not None:
        baseline, before = read_baseline(args.baseline), len(findings) + len(introduced)
        findings, introduced = filter_baseline(findings, baseline), filter_baseline(introduced, baseline)
        notes = [*baseline.notes(args.baseline), hidden_note(before - len(findings) - len(introduced), args.baseline)]
        sys.stderr.write("".join(n.get(lang) + "\n" for n in notes if n is not None))
    if args.verbose:
        for note in checked.notes:
            sys.stderr.write(note.get(lang) + "\n")
        sys.stderr.write(_ENGINES.fill({"engines": ", ".join(checked.engines) or "-"}).get(lang) + "\n")
    suppressed = configured(s, checked.suppressed)
    summary = _summary(s, findings, checked, suppressed, started)
    if compared is not None:  # each base's line, then the regulations checked on their own, if any
        summary = "\n".join([*compared.lines(lang, introduced), *([summary] if checked.checked else [])])
        checked.checked += len(compared.comparisons)  # the consolidated versions: documents checked too
        checked.provisions += compared.provisions
    shown = sort_findings([*findings, *introduced])
    if s.output is None and args.baseline is None:  # what a replay must find unchanged
        replay.depend(folders=[*folders, *bases], named=paths, config_from=paths[0],
                      config=getattr(args, "config", None), drafts=drafts.drafts if drafts is not None else None)
    s.emit(_render(args, s, shown, suppressed, checked, summary))
    return exit_code(shown, s.fail_on)  # suppressed findings never count; of the drafts, only what they introduce


def configured(s: Settings, suppressed: Sequence[Suppressed]) -> list[Suppressed]:
    """Return suppressed findings with the configuration's severity overrides applied, as findings get them."""
    adjusted = s.config.apply(x.finding for x in suppressed)
    return sort_suppressed(replace(x, finding=f) for x, f in zip(suppressed, adjusted, strict=True))


def _summary(s: Settings, findings: list[Finding], checked: CheckRun, suppressed: list[Suppressed],
             started: float) -> str:
    """Return the summary line of the regulations checked: their findings, documents and provisions."""
    interactive = s.output is None and sys.stdout.isatty()  # time only on a terminal: files stay identical
    return summary_line(findings, checked.checked, checked.provisions,
                        time.perf_counter() - started if interactive else None, s.lang, suppressed=len(suppressed))


def _render(args: argparse.Namespace, s: Settings, findings: list[Finding], suppressed: list[Suppressed],
            checked: CheckRun, summary: str) -> str:
    fmt = "github" if wants_github(args.format, s.env) else (args.format or "text")
    if fmt == "json":
        from quyche_rules.reports.json_report import render_json  # lazy: its pydantic models are off the hook's path

        return render_json(findings, lang=s.lang, regulations=checked.checked, provisions=checked.provisions,
                           engines=checked.engines, suppressed=suppressed)
    if fmt == "text":
        body = render_text(findings, s.specs, lang=s.lang, colour=s.colour, suppressed=suppressed)
        return (body + "\n" if body else "") + summary + "\n"
    return render_check_formats(fmt, findings, s.specs, selected=s.selected, lang=s.lang,
                                regulations=checked.regulations, counts=(checked.checked, checked.provisions),
                                engines=checked.engines, root=args.root, summary=summary, suppressed=suppressed)
