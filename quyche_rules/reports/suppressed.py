"""The suppressed findings of a reviewer's report: each with the reason its provision gives, and their count.

A provision may keep a known weakness with ``lint: {ignore: [...], reason: ...}``; the report lists what was
suppressed so that a reviewer sees it and judges the reason, apart from the findings and never counted with them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from quyche_rules.checks.spec import CheckSpec
from quyche_rules.checks.suppressions import Suppressed
from quyche_rules.i18n import Lang
from quyche_rules.reports.common import SEVERITIES, anchors
from quyche_rules.reports.locate import Locator
from quyche_rules.reports.views import UI, CountRow, SuppressedView

__all__ = ["suppressed_row", "suppressed_views"]


def suppressed_views(
    items: Sequence[Suppressed], specs: Mapping[str, CheckSpec], lang: Lang, locator: Locator, prefix: str
) -> tuple[SuppressedView, ...]:
    """Return the views of suppressed findings, anchored ``{prefix}{code}-{fingerprint}``."""
    names = anchors((x.finding for x in items), prefix=prefix)
    views = []
    for item, anchor in zip(items, names, strict=True):
        f, why = item.finding, item.suppression
        spec = specs.get(f.code)
        views.append(SuppressedView(
            anchor=anchor,
            code=f.code,
            name=f.name,
            title=spec.title.get(lang) if spec else f.name,
            severity=f.severity.value,
            severity_label=f.severity.label(lang).capitalize(),
            message=f.message.get(lang),
            where=f"{locator.display(f.file)}:{f.line}:{f.column}",
            provisions=tuple(p.citation for p in f.provisions),
            reason=why.reason,
            suppressed_by=why.provision,
            suppressed_where=f"{locator.display(why.location.file)}:{why.location.line}",
        ))
    return tuple(views)


def suppressed_row(items: Sequence[Suppressed], lang: Lang) -> CountRow | None:
    """Return the summary row of suppressed findings by severity, or None when nothing was suppressed."""
    if not items:
        return None
    counts = tuple(sum(1 for x in items if x.finding.severity is s) for s in SEVERITIES)
    return CountRow("suppressed", UI["suppressed_row"].get(lang), counts, sum(counts))
