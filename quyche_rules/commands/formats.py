"""The sarif, github, html and markdown formats of ``quyche check``, ``quyche diff`` and ``quyche report``."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from quyche_rules.checks.spec import CheckSpec
from quyche_rules.checks.suppressions import Suppressed
from quyche_rules.findings import Finding, sort_findings
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation
from quyche_rules.reports.github import render_github
from quyche_rules.reports.locate import Locator
from quyche_rules.reports.progress import Progress
from quyche_rules.reports.sarif import render_sarif

if TYPE_CHECKING:
    from quyche_rules.amend.diff import Comparison
    from quyche_rules.reports.document import Part

_DIFF_SUMMARY = Text.of(
    "Phát sinh: {error} lỗi, {warning} cảnh báo, {info} thông tin · Đã khắc phục: {resolved} · "
    "Còn tồn tại: {persisting}",
    "Introduced: {errors}, {warnings}, {info} info · Resolved: {resolved} · Persisting: {persisting}",
)

__all__ = [
    "check_progress",
    "finding_locator",
    "generated_stamp",
    "render_check_formats",
    "render_diff_formats",
    "render_document",
    "render_load_failure",
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


def finding_locator(root: Path | None) -> Locator:
    """Return the locator of files relative to ``root`` (default: the working directory)."""
    return Locator.here(str(root) if root is not None else None)


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
    suppressed: Sequence[Suppressed] = (),
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
        suppressed: the findings the provisions suppress (listed with their reasons; never annotated on GitHub).
    """
    locator = finding_locator(root)
    if fmt == "sarif":
        props = {"regulations": counts[0], "provisions": counts[1], "suppressed": len(suppressed),
                 "engines": list(engines)}
        described = _rule_specs(specs, selected, [*findings, *(x.finding for x in suppressed)])
        return render_sarif(findings, described, lang=lang, locator=locator, properties=props, suppressed=suppressed)
    if fmt == "github":
        return render_github(findings, lang=lang, locator=locator, summary=summary)
    from quyche_rules.reports.document import part_for_check  # lazy: the reviewer's report is off the hook's path

    part = part_for_check(regulations, findings, lang, suppressed)
    return render_document(fmt, [part], specs, lang, locator)


def render_document(
    fmt: str, parts: Sequence[Part], specs: Mapping[str, CheckSpec], lang: Lang, locator: Locator
) -> str:
    """Render a reviewer's report of ``parts`` as ``html`` (SVG diagrams) or ``markdown`` (Mermaid diagrams)."""
    from quyche_rules.reports.document import build_report  # lazy: the reviewer's report is off the hook's path

    diagrams: Literal["svg", "mermaid"] = "svg" if fmt == "html" else "mermaid"
    view = build_report(
        parts, specs, lang=lang, locator=locator, diagrams=diagrams, generated=generated_stamp(os.environ)
    )
    if fmt == "html":
        from quyche_rules.reports.html import render_html  # lazy: jinja2

        return render_html(view)
    from quyche_rules.reports.markdown import render_markdown  # lazy: jinja2

    return render_markdown(view)


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
    from quyche_rules.amend.diff import count_by_severity  # lazy: a check's path never reads the amendments

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
    locator = finding_locator(root)
    if fmt == "sarif":
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
    counts = count_by_severity(introduced)
    summary = _DIFF_SUMMARY.fill({
        **counts, "resolved": resolved, "persisting": persisting,
        "errors": f"{counts['error']} error{'' if counts['error'] == 1 else 's'}",
        "warnings": f"{counts['warning']} warning{'' if counts['warning'] == 1 else 's'}",
    }).get(lang)
    return render_github(sort_findings(introduced), lang=lang, locator=locator, summary=summary)



def render_load_failure(
    fmt: str, findings: Sequence[Finding], specs: Mapping[str, CheckSpec], *, lang: Lang, root: Path | None,
    category: str = "quyche/check/",
) -> str:
    """Render the findings of files that could not be loaded as ``text``, ``json``, ``sarif`` or ``github``.

    What a command whose input did not load (nothing compared) writes where its output was asked for.
    """
    from quyche_rules.reports.text import render_text, summary_line  # lazy: only when a file does not load

    summary = summary_line(findings, 0, 0, None, lang)
    if fmt == "json":
        from quyche_rules.reports.json_report import render_json  # lazy: its pydantic models

        return render_json(findings, lang=lang, regulations=0, provisions=0, engines=())
    if fmt == "sarif":
        return render_sarif(findings, _rule_specs(specs, (), findings), lang=lang, locator=finding_locator(root),
                            category=category, properties={"regulations": 0, "provisions": 0})
    if fmt == "github":
        return render_github(findings, lang=lang, locator=finding_locator(root), summary=summary)
    return render_text(findings, specs, lang=lang) + "\n"
