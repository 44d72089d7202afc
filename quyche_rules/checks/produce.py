"""The one producer of findings: a hit and its check's catalogue entry make a finding, here and nowhere else.

The catalogue entry gives the code's name, severity, message template and general fix; the hit gives the
provisions, actors and tasks involved, the values that fill the message, where to report it and, sometimes, a
fix of its own. Whoever found the problem (a Python check, a declarative rule, the loader, the suppression
pass, an amendment operation) only makes hits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.checks.legal import adjusted, bases_on
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.errors import InternalError, LoadFailed
from quyche_rules.findings import Finding, Hit, Location, ProvisionRef
from quyche_rules.i18n import TemplateError, Text
from quyche_rules.law import Catalogue

__all__ = ["load_findings", "produce", "produce_hits"]

#: how a producer turns a citation phrase of the regulation checked into a located reference
Resolver = Callable[[str], ProvisionRef]


def produce(
    spec: CheckSpec,
    hit: Hit,
    resolve: Resolver | None = None,
    *,
    fallback_file: str = "",
    day: dt.date | None = None,
    law: Catalogue | None = None,
) -> Finding:
    """Return the finding of ``hit`` for the check ``spec``.

    Args:
        spec: the check's catalogue entry (name, severity, message, fix, legal bases).
        hit: what was found.
        resolve: turns a citation phrase into a reference with its place and text (default: the phrase only).
        fallback_file: the file to report a finding that names no place at all.
        day: the day checked: the finding cites the bases in force that day and takes its severity from them
            (:mod:`quyche_rules.checks.legal`); the hit's own day, if it has one, wins.
        law: the law catalogue, with the regulation's own instruments (default: the shipped catalogue).

    Raises:
        InternalError: the hit is for another code, or lacks a value its check's message needs (a defect).
    """
    if hit.code and hit.code != spec.code:
        raise InternalError(Text.of(f"phát hiện {hit.code} được tạo theo mục {spec.code} của danh mục",
                                    f"a {hit.code} hit was made with the catalogue entry of {spec.code}"))
    refs: list[ProvisionRef] = []
    for item in dict.fromkeys(hit.provisions):
        ref = item if isinstance(item, ProvisionRef) else (
            resolve(item) if resolve is not None else ProvisionRef(citation=item))
        if ref.location is None and hit.at is not None:
            ref = ref.model_copy(update={"location": hit.at})
        refs.append(ref)
    location = hit.at or next((r.location for r in refs if r.location), None) or Location(file=fallback_file)
    try:
        message = spec.message.fill(hit.values)
    except TemplateError as err:
        raise InternalError(
            Text.of(f"{spec.code}: thiếu giá trị {err.token} cho thông báo", f"{spec.code}: no value for {err.token}"),
            expected=Text.of("mỗi chỗ trống của thông báo có một giá trị", "a value for every placeholder"),
        ) from None
    when = hit.day or day
    basis = bases_on(spec.legal_basis, when, law)
    severity, why = adjusted(spec.severity, basis, when)
    if why is not None:
        message = Text.of(message.vi + why.vi, message.en + why.en)
    return Finding(
        code=spec.code, name=spec.name, severity=severity, message=message, location=location,
        provisions=tuple(refs), actors=tuple(dict.fromkeys(hit.actors)), tasks=tuple(dict.fromkeys(hit.tasks)),
        fix=hit.fix or spec.fix, basis=basis,
    )


def produce_hits(hits: Iterable[Hit], specs: Mapping[str, CheckSpec] | None = None) -> list[Finding]:
    """Return the findings of hits that carry their own code (those of the loader, suppressions, amendments)."""
    catalogue = all_checks() if specs is None else specs
    out = []
    for hit in hits:
        spec = catalogue.get(hit.code)
        if spec is None:
            raise InternalError(Text.of(f"mã {hit.code!r} không có trong danh mục kiểm tra",
                                        f"code {hit.code!r} is not in the catalogue"))
        out.append(produce(spec, hit))
    return out


def load_findings(failed: LoadFailed) -> list[Finding]:
    """Return the findings of a file that could not be loaded (QC001-QC007)."""
    return produce_hits(failed.hits)
