"""The HTML report in a real headless Chromium (Debian's ``chromium``; nothing is downloaded at run time).

The browser is driven over the DevTools protocol on a pipe (see ``tests/reports/chromium.py``). Each page must
load with no console error, show the expected number of findings, hide what a filter excludes, and give a
screenshot. Set ``QUYCHE_CHROMIUM`` to use another binary.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reports.chromium import Browser, find_chromium
from tests.reports.conftest import AMENDMENT, REGULATION, Run

BINARY = find_chromium()
pytestmark = pytest.mark.skipif(
    BINARY is None,
    reason="no Chromium binary (apt-get install chromium; or set QUYCHE_CHROMIUM=/path/to/chrome)",
)

VISIBLE = "document.querySelectorAll('article.finding:not([hidden])').length"
TOGGLE = 'document.querySelector(\'nav.filters input[name="{name}"][value="{value}"]\').click()'


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert BINARY is not None
    with Browser(BINARY) as b:
        yield b


def _open(browser: Browser, page: Path) -> None:
    browser.events.clear()
    browser.open(page.resolve().as_uri())


def _expected(run: Run, *args: str) -> list[tuple[str, str]]:
    """Return (severity, family) of each finding, from the JSON of the same run."""
    _, data = run(*args)
    return [(f["severity"], f["family"]) for f in json.loads(data)["findings"]]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_single_regulation_report_loads_counts_filters_and_prints(
    run: Run, browser: Browser, tmp_path: Path, lang: str
) -> None:
    found = _expected(run, "check", REGULATION, "--format", "json", "--engine", "reference")
    _, html = run("report", REGULATION, "--format", "html", "--lang", lang, "--engine", "reference")
    page = tmp_path / "report.html"
    page.write_bytes(html)
    _open(browser, page)
    total = len(found)
    assert browser.evaluate(VISIBLE) == total == 5
    assert browser.evaluate("document.querySelector('nav.filters').hidden") is False
    shown = browser.evaluate("document.getElementById('shown-count').textContent")
    assert shown == (
        f"Đang hiển thị {total}/{total} phát hiện" if lang == "vi" else f"Showing {total} of {total} findings"
    )

    browser.evaluate(TOGGLE.format(name="severity", value="error"))
    assert browser.evaluate(VISIBLE) == sum(1 for sev, _ in found if sev != "error") == 2
    assert (
        browser.evaluate("document.querySelectorAll('article.finding.sev-error:not([hidden])').length") == 0
    )
    browser.evaluate(TOGGLE.format(name="family", value="QC2xx"))
    assert browser.evaluate(VISIBLE) == sum(1 for sev, fam in found if sev != "error" and fam != "QC2xx")
    browser.evaluate("document.querySelector('nav.filters button[data-check=\"all\"]').click()")
    assert browser.evaluate(VISIBLE) == total

    assert (
        browser.evaluate(
            "location.hash = '#' + document.querySelector('article.finding').id; "
            "document.querySelector(location.hash) !== null"
        )
        is True
    )
    browser.call("Emulation.setEmulatedMedia", {"media": "print"}, session=True)
    assert browser.evaluate("getComputedStyle(document.querySelector('nav.filters')).display") == "none"
    pdf = browser.call("Page.printToPDF", {"printBackground": False}, session=True)["data"]
    assert base64.b64decode(pdf)[:5] == b"%PDF-"
    browser.call("Emulation.setEmulatedMedia", {"media": ""}, session=True)
    shot = tmp_path / f"report-{lang}.png"
    assert browser.screenshot(shot) > 10_000
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert browser.console_errors() == []


def test_change_report_of_the_bundled_versions_passes(run: Run, browser: Browser, tmp_path: Path) -> None:
    _, data = run("diff", "rules/ubdt-2017", "rules/ubdt-2023", "--format", "json", "--engine", "reference")
    delta = json.loads(data)["comparisons"][0]["findings"]
    total = sum(len(delta[k]) for k in ("introduced", "resolved", "persisting"))
    _, html = run(
        "report",
        "rules/ubdt-2023",
        "--against",
        "rules/ubdt-2017",
        "--format",
        "html",
        "--engine",
        "reference",
    )
    page = tmp_path / "change.html"
    page.write_bytes(html)
    _open(browser, page)
    assert browser.evaluate(VISIBLE) == total > 0
    by_family = browser.evaluate(
        "Array.from(document.querySelectorAll('article.finding'))"
        ".filter(e => e.dataset.family === 'QC1xx').length"
    )
    browser.evaluate(TOGGLE.format(name="family", value="QC1xx"))
    assert browser.evaluate(VISIBLE) == total - by_family
    assert (
        browser.evaluate(
            "document.querySelectorAll('article.finding[data-family=\"QC1xx\"]:not([hidden])').length"
        )
        == 0
    )
    assert browser.screenshot(tmp_path / "change.png", full_page=False) > 10_000
    assert browser.console_errors() == []


def test_the_amendment_change_report_passes(run: Run, browser: Browser, tmp_path: Path) -> None:
    _, html = run("report", REGULATION, "--amendment", AMENDMENT, "--engine", "reference")
    page = tmp_path / "amendment.html"
    page.write_bytes(html)
    _open(browser, page)
    assert browser.evaluate(VISIBLE) == 6
    browser.evaluate(TOGGLE.format(name="severity", value="warning"))
    assert browser.evaluate(VISIBLE) == 4  # the introduced and the persisting QC204 are hidden
    assert browser.evaluate("document.querySelector('#p1-introduced .count').textContent") == "0"
    assert browser.console_errors() == []
