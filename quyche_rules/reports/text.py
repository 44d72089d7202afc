"""Plain and coloured terminal output."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from quyche_rules.checks.spec import CheckSpec
from quyche_rules.checks.suppressions import Suppressed
from quyche_rules.findings import Finding, Severity
from quyche_rules.i18n import Lang, Text, printable
from quyche_rules.reports.basis import bases_of, basis_label
from quyche_rules.reports.common import label

__all__ = ["colour_wanted", "render_text", "summary_line"]

_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}
_RESET, _BOLD, _DIM = "\033[0m", "\033[1m", "\033[2m"
_DECIMAL_MARK = Text.of(",", ".")
_SUMMARY = Text.of(
    "{error} lỗi, {warning} cảnh báo, {info} thông tin{hidden} · {regulations} văn bản, {provisions} quy định",
    "{errors}, {warnings}, {info} info{hidden} · {regulation_count}, {provisions} provisions",
)
_HIDDEN = Text.of(", {count} bỏ qua", ", {count} suppressed")


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


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _number(value: float, lang: Lang) -> str:
    return f"{value:.2f}".replace(".", _DECIMAL_MARK.get(lang))


def summary_line(
    findings: Sequence[Finding], regulations: int, provisions: int, seconds: float | None, lang: Lang,
    *, suppressed: int = 0,
) -> str:
    """Return the closing summary line; ``suppressed`` findings are counted apart, and only when there are some."""
    counts = {s.value: sum(1 for f in findings if f.severity is s) for s in Severity}
    summary = _SUMMARY.fill({
        **counts, "regulations": regulations, "provisions": provisions,
        "hidden": _HIDDEN.fill({"count": suppressed}) if suppressed else "",
        "errors": _plural(counts["error"], "error"), "warnings": _plural(counts["warning"], "warning"),
        "regulation_count": _plural(regulations, "regulation"),
    })
    tail = f" · {_number(seconds, lang)} s" if seconds is not None else ""
    return f"{summary.get(lang)}{tail}"


def render_text(
    findings: Sequence[Finding],
    specs: Mapping[str, CheckSpec],
    *,
    lang: Lang = "vi",
    colour: bool = False,
    suppressed: Sequence[Suppressed] = (),
) -> str:
    """Render findings for a terminal, one block per finding, then the ``suppressed`` ones with their reasons.

    What comes from the input (a path, a message) is escaped (:func:`~quyche_rules.i18n.printable`): only the
    colours added here reach the terminal as control sequences.
    """
    lines = _findings(findings, specs, lang, colour)
    if suppressed:
        lines += [""] if lines else []
        lines += _suppressed(suppressed, lang, colour)
    return "\n".join(lines)


def _block(text: str) -> str:
    """Return ``text`` escaped, its continuation lines (any line break) indented under it.

    No line of the output starts with ``::`` (after spaces): a GitHub Actions log would run it as a workflow
    command (``::error``, ``::add-mask``), and the pre-commit hook's text output lands in such logs.
    """
    first, *rest = text.splitlines() or [""]
    return "\n".join([printable(first), *("    " + _not_a_command(printable(line.strip())) for line in rest)])


def _not_a_command(line: str) -> str:
    return "\\" + line if line.startswith("::") else line


def _suppressed(items: Sequence[Suppressed], lang: Lang, colour: bool) -> list[str]:
    """Return the section of suppressed findings: each with its place, message, reason and where it is written."""
    heading = f"{label('suppressed', lang)} ({len(items)})"
    lines = [f"{_BOLD}{heading}{_RESET}" if colour else heading]
    for item in items:
        f, why = item.finding, item.suppression
        head = printable(f"{f.file}:{f.line}:{f.column}  {f.severity.label(lang)}  {f.code} {f.name}")
        lines.append(f"{_DIM}{head}{_RESET}" if colour else head)
        lines.append(_block(f"  {f.message.get(lang)}"))
        lines.append(_block(f"  {label('reason', lang)}: {why.reason}"))
        where = f"{why.location.file}:{why.location.line}"
        lines.append(printable(f"  {label('suppressed_at', lang)}: {why.provision} ({where})"))
    return lines


def _findings(findings: Sequence[Finding], specs: Mapping[str, CheckSpec], lang: Lang, colour: bool) -> list[str]:
    """Return the lines of the findings: place, severity and check, message, provisions, legal basis, fix."""
    lines: list[str] = []
    for f in findings:
        sev = f.severity.label(lang)
        if colour:
            sev = f"{_COLOURS[f.severity]}{sev}{_RESET}"
        head = f"{printable(f.file)}:{f.line}:{f.column}  {sev}  {f.code} {f.name}"
        lines.append(f"{_BOLD}{head}{_RESET}" if colour else head)
        lines.append(_block(f"  {f.message.get(lang)}"))
        others = [p.citation for p in f.provisions]
        if others:
            lines.append(printable(f"  {label('provisions', lang)}: " + "; ".join(others)))
        bases = bases_of(f, specs.get(f.code))
        if bases:
            shown = "; ".join(basis_label(b, lang) for b in bases)
            lines.append(printable(f"  {label('legal_basis', lang)}: {shown}"))
        if f.fix is not None:
            hint = _block(f"  {label('fix', lang)}: " + f.fix.get(lang))
            lines.append(f"{_DIM}{hint}{_RESET}" if colour else hint)
    return lines
