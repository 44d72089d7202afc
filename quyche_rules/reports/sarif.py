"""SARIF 2.1.0 for code scanning: one rule descriptor per check, one result per finding.

Rule descriptors come from the checks' metadata (title, rationale, fix, legal basis, examples). Results carry
the file relative to ``%SRCROOT%`` (the repository root: the working directory or ``--root``), a full
region, the other provisions of a conflict as related locations, and a partial fingerprint that hashes the
finding's meaning, so it stays the same across runs and when lines move. A finding a provision suppresses is a
result too, with SARIF's own ``suppressions`` (``inSource``, the reason as justification, where it is written):
code scanning lists it as suppressed, never as an alert.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from quyche_rules import __version__
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.checks.suppressions import Suppressed, Suppression
from quyche_rules.findings import Basis, Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Lang, Text
from quyche_rules.reports.basis import spec_bases, standing_label
from quyche_rules.reports.common import family_label, family_of, fingerprints
from quyche_rules.reports.locate import Locator, Region

__all__ = ["FINGERPRINT_KEY", "SARIF_SCHEMA", "render_sarif", "rule_descriptor"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "quycheIdentity/v1"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_T: dict[str, Text] = {
    "fix": Text.of("Cách sửa", "How to fix"),
    "basis": Text.of("Căn cứ pháp lý", "Legal basis"),
    "fires": Text.of("Ví dụ vi phạm", "Example that fires"),
    "passes": Text.of("Nên viết", "Use instead"),
    "see": Text.of("xem", "see"),
    "srcroot": Text.of(
        "Gốc kho quy định: thư mục làm việc hoặc --root",
        "The root of the rules repository: the working directory or --root",
    ),
}
#: the SARIF ``language`` of a run (RFC 5646)
_LANGUAGE = Text.of("vi-VN", "en-US")


def _t(key: str, lang: Lang) -> str:
    return _T[key].get(lang)


def _basis(bases: Sequence[Basis]) -> list[dict[str, str]]:
    out = []
    for b in bases:
        status = "" if b.status == "unknown" else b.status
        item = {"instrument": b.name, "provision": b.provision, "source": b.source, "url": b.url, "quote": b.quote,
                "standing": b.standing, "practiceOf": b.practice_of, "status": status}
        out.append({k: v for k, v in item.items() if v})
    return out


def _help(spec: CheckSpec, lang: Lang) -> dict[str, str]:
    text = [
        spec.title.get(lang),
        "",
        spec.rationale.get(lang),
        "",
        f"{_t('fix', lang)}: {spec.fix.get(lang)}",
    ]
    md = [
        f"**{spec.title.get(lang)}**",
        "",
        spec.rationale.get(lang),
        "",
        f"**{_t('fix', lang)}:** {spec.fix.get(lang)}",
    ]
    if spec.legal_basis:
        text += ["", f"{_t('basis', lang)}:"]
        md += ["", f"**{_t('basis', lang)}:**", ""]
        for b in spec_bases(spec):
            quote = f" «{b.quote}»" if b.quote else ""
            shown = f"{b.text()} ({standing_label(b, lang)})"
            text.append(f"- {shown}{quote}" + (f" <{b.url}>" if b.url else ""))
            md.append(f"- [{b.text()}]({b.url}) ({standing_label(b, lang)}){quote}" if b.url else f"- {shown}{quote}")
    if spec.examples is not None:
        for key, body in (("fires", spec.examples.fires), ("passes", spec.examples.passes)):
            snippet = body.strip("\n")
            text += ["", f"{_t(key, lang)}:", snippet]
            md += ["", f"**{_t(key, lang)}:**", "", "```yaml", snippet, "```"]
    return {"text": "\n".join(text), "markdown": "\n".join(md)}


def rule_descriptor(spec: CheckSpec, lang: Lang) -> dict[str, Any]:
    """Return the SARIF reportingDescriptor of a check."""
    family = family_of(spec.code)
    return {
        "id": spec.code,
        "name": spec.name,
        "shortDescription": {"text": spec.title.get(lang)},
        "fullDescription": {"text": spec.rationale.get(lang)},
        "help": _help(spec, lang),
        "defaultConfiguration": {"level": _LEVEL[spec.severity]},
        "properties": {
            "family": family,
            "familyName": family_label(family, lang),
            "severity": spec.severity.value,
            "legalBasis": _basis(spec_bases(spec)),
            "status": spec.status,
            "since": spec.since,
            "tags": ["quyche", family, spec.name],
        },
    }


def _region(region: Region) -> dict[str, int]:
    out = {"startLine": region.start_line, "startColumn": region.start_column}
    if region.end_line is not None:
        out["endLine"] = region.end_line
    if region.end_column is not None:
        out["endColumn"] = region.end_column
    return out


def _physical(locator: Locator, location: Location) -> dict[str, Any]:
    uri, relative = locator.uri(location.file)
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    return {"artifactLocation": artifact, "region": _region(locator.region(location))}


def _primary(f: Finding) -> ProvisionRef | None:
    for p in f.provisions:
        if p.location == f.location:
            return p
    return f.provisions[0] if f.provisions else None


def _escape(text: str) -> str:
    r"""Return ``text`` with what would make an embedded link escaped (``\``, ``[``, ``]``), as §3.11.6 asks."""
    return text.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def _suppression(suppression: Suppression, locator: Locator) -> dict[str, Any]:
    """Return the SARIF suppression object of a suppression written on a provision."""
    location = {
        "physicalLocation": _physical(locator, suppression.location),
        "logicalLocations": [{"name": suppression.provision}],
    }
    return {"kind": "inSource", "justification": suppression.reason, "location": location}


def _result(f: Finding, index: Mapping[str, int], fp: str, lang: Lang, locator: Locator, state: str | None,
            suppression: Suppression | None = None) -> dict[str, Any]:
    primary = _primary(f)
    location: dict[str, Any] = {"physicalLocation": _physical(locator, f.location)}
    if primary is not None:
        qualified = f"{primary.regulation}/{primary.citation}" if primary.regulation else primary.citation
        location["logicalLocations"] = [{"name": primary.citation, "fullyQualifiedName": qualified}]
    related: list[dict[str, Any]] = []
    for p in f.provisions:
        if p is primary or p.location is None or any(r["message"]["text"] == _escape(p.citation) for r in related):
            continue
        related.append(
            {
                "id": len(related) + 1,
                "physicalLocation": _physical(locator, p.location),
                "message": {"text": _escape(p.citation)},
            }
        )
    # SARIF 2.1.0 §3.11.6: brackets in a plain-text message are escaped (names and values come from the input);
    # only the links to the related locations are meant as links
    message = _escape(f.message.get(lang))
    if related:
        links = "; ".join(f"[{r['message']['text']}]({r['id']})" for r in related)
        message = f"{message} ({_t('see', lang)} {links})"
    result: dict[str, Any] = {"ruleId": f.code}
    if f.code in index:
        result["ruleIndex"] = index[f.code]
    result |= {
        "level": _LEVEL[f.severity],
        "message": {"text": message},
        "locations": [location],
        "partialFingerprints": {FINGERPRINT_KEY: fp},
        "properties": {
            "provisions": [p.citation for p in f.provisions],
            "actors": list(f.actors),
            "tasks": list(f.tasks),
            **({"fix": f.fix.get(lang)} if f.fix is not None else {}),
            **({"legalBasis": _basis(f.basis)} if f.basis else {}),
        },
    }
    if related:
        result["relatedLocations"] = related
    if state is not None:
        result["baselineState"] = state
    if suppression is not None:
        result["suppressions"] = [_suppression(suppression, locator)]
    return result


def render_sarif(
    findings: Sequence[Finding],
    specs: Mapping[str, CheckSpec],
    *,
    lang: Lang,
    locator: Locator,
    states: Sequence[str] | None = None,
    category: str = "quyche/check/",
    properties: Mapping[str, Any] | None = None,
    suppressed: Sequence[Suppressed] = (),
) -> str:
    """Render findings as a SARIF 2.1.0 log (one run), deterministic: sorted rules and results, no times.

    Args:
        findings: the findings, already in deterministic order.
        specs: the checks that ran (one rule descriptor each, in code order).
        lang: language of the messages and descriptions.
        locator: URIs and regions of the files.
        states: the SARIF ``baselineState`` of each finding (``new``, ``unchanged``), for a comparison.
        category: the run's ``automationDetails.id`` (GitHub code scanning keeps categories apart).
        properties: extra run properties (counts, engines).
        suppressed: findings hidden by a provision's suppression: results after the others, with ``suppressions``.
    """
    codes = sorted(specs)
    rules = [rule_descriptor(specs[c], lang) for c in codes]
    index = {c: i for i, c in enumerate(codes)}
    prints = fingerprints([*findings, *(x.finding for x in suppressed)])
    results = [
        _result(f, index, fp, lang, locator, states[i] if states is not None else None)
        for i, (f, fp) in enumerate(zip(findings, prints, strict=False))
    ]
    results += [
        _result(x.finding, index, fp, lang, locator, None, x.suppression)
        for x, fp in zip(suppressed, prints[len(findings):], strict=True)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "quyche-rules",
                "version": __version__,
                "semanticVersion": __version__,
                "language": _LANGUAGE.get(lang),
                "rules": rules,
            }
        },
        "automationDetails": {"id": category},
        "language": _LANGUAGE.get(lang),
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": _t("srcroot", lang)}}},
        "results": results,
    }
    if properties:
        run["properties"] = dict(properties)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
