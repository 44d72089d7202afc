"""``quyche report``: a single regulation, a change (--against, --amendment, --base), self-contained HTML."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from quyche_rules.cli import main
from tests.conftest import ROOT
from tests.reports.conftest import AMENDMENT, REGULATION, Run

EXTERNAL = re.compile(
    rb"<(?:script|img|link|iframe|object|embed|audio|video|source)\b[^>]*\b(?:src|href)=|"
    rb"@import|url\(\s*['\"]?(?!#|data:)"
)


def test_html_is_one_self_contained_file(run: Run) -> None:
    _, html = run("report", REGULATION, "--engine", "reference")
    assert html.startswith(b'<!DOCTYPE html>\n<html lang="vi">')
    assert not EXTERNAL.search(html)
    assert b"default-src 'none'" in html  # the page may not load anything, even by mistake
    assert html.count(b'<article class="finding') == 5
    ids = re.findall(rb'<article [^>]*id="([^"]+)"', html)
    assert len(ids) == len(set(ids)) == 6  # and the suppressed finding, apart
    assert html.count(b"<svg ") == 3 and b"@media print" in html


def test_english_report_keeps_the_vietnamese_provision_text(run: Run) -> None:
    _, html = run("report", REGULATION, "--lang", "en", "--engine", "reference")
    assert b'<html lang="en">' in html and b"Working regulation check report" in html
    assert (
        '<blockquote lang="vi">Vụ B chủ trì tổng kết công tác năm; Vụ A phối hợp.</blockquote>'.encode()
        in html
    )


def test_change_report_groups_findings_and_shows_the_responsibility_diff(run: Run) -> None:
    code, md = run(
        "report",
        REGULATION,
        "--amendment",
        AMENDMENT,
        "--format",
        "markdown",
        "--lang",
        "en",
        "--engine",
        "reference",
    )
    text = re.sub(r'<a id="[^"]+"></a>', "", md.decode("utf-8"))  # headings carry their anchors
    assert code == 1  # an introduced warning, at the default fail-on
    for heading in (
        "### Introduced by the change (1)",
        "### Resolved by the change (3)",
        "### Still open (2)",
        "### Responsibility changes by unit",
    ):
        assert heading in text
    assert (
        "**Chánh Văn phòng** `chanh-van-phong`" in text
        and "- − leads «Xây dựng kế hoạch công tác năm»" in text
    )


def test_bundled_versions_give_a_change_report_in_both_formats(run: Run) -> None:
    _, html = run("report", "rules/ubdt-2023", "--against", "rules/ubdt-2017", "--engine", "reference")
    _, md = run(
        "report",
        "rules/ubdt-2023",
        "--against",
        "rules/ubdt-2017",
        "--format",
        "markdown",
        "--engine",
        "reference",
    )
    assert html.count(b"<svg ") == md.count(b"```mermaid\nflowchart LR") > 0
    assert not EXTERNAL.search(html)
    assert (
        b"Thay \xc4\x91\xe1\xbb\x95i tr\xc3\xa1ch nhi\xe1\xbb\x87m theo \xc4\x91\xc6\xa1n v\xe1\xbb\x8b"
        in html
    )


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_base_revision_report_names_old_files_by_revision(run: Run) -> None:
    inside = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", "HEAD:rules/ubdt-2017/regulation.yaml"],
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if inside.returncode != 0:
        pytest.skip("rules/ubdt-2017 is not committed at HEAD")
    _, first = run(
        "report", "rules/ubdt-2017", "--base", "HEAD", "--format", "markdown", "--engine", "reference"
    )
    _, second = run(
        "report", "rules/ubdt-2017", "--base", "HEAD", "--format", "markdown", "--engine", "reference"
    )
    assert first == second and b"quyche-report-" not in first and b"/tmp" not in first
    assert b"@ HEAD" in first


def test_report_options_exclude_each_other() -> None:
    assert main(["report", REGULATION, "--against", "x", "--base", "HEAD"]) == 2


def test_report_without_a_second_version_on_diff_formats_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    assert main(["diff", REGULATION, "--format", "sarif", "--lang", "en"]) == 2
    assert "Name the two versions" in capsys.readouterr().err
