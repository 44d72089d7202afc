"""SARIF 2.1.0 §3.11.6: brackets that come from the input are escaped in every message, related locations or not;
only the links to related locations are links."""

from __future__ import annotations

import json
import re

from quyche_rules.checks.catalogue import all_checks
from quyche_rules.findings import Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Text
from quyche_rules.reports.locate import Locator
from quyche_rules.reports.sarif import render_sarif

NAME = "Vụ B [bấm đây](https://evil.example/) [1] \\"
#: an unescaped "[" (not preceded by an odd number of backslashes)
_BARE = re.compile(r"(?<!\\)(?:\\\\)*\[")


def _finding(*provisions: ProvisionRef) -> Finding:
    return Finding(code="QC301", name="multiple-leads", severity=Severity.ERROR,
                   message=Text.of(f"Vụ A và {NAME}", f"Vụ A and {NAME}"), location=Location(file="a.yaml", line=3),
                   provisions=provisions)


def _messages(finding: Finding) -> list[str]:
    doc = json.loads(render_sarif([finding], all_checks(), lang="en", locator=Locator.here(None)))
    [result] = doc["runs"][0]["results"]
    return [result["message"]["text"], *(r["message"]["text"] for r in result.get("relatedLocations", []))]


def test_a_message_without_related_locations_has_no_link():
    [text] = _messages(_finding(ProvisionRef(citation="khoản 1 Điều 1", location=Location(file="a.yaml"))))
    assert not _BARE.search(text)
    assert "\\[bấm đây\\](https://evil.example/) \\[1\\] \\\\" in text


def test_a_message_with_related_locations_links_only_to_them():
    first = ProvisionRef(citation="khoản 1 Điều 1", location=Location(file="a.yaml", line=1))
    second = ProvisionRef(citation="khoản [2] Điều 1", location=Location(file="a.yaml", line=9))
    text, related = _messages(_finding(first, second))
    assert related == "khoản \\[2\\] Điều 1"
    assert [m.group(0) for m in _BARE.finditer(text)] == ["["]  # one link: to the related location
    assert text.endswith("(see [khoản \\[2\\] Điều 1](1))")
