"""The bundled Government regulation (rules/chinh-phu-2026) is the Quy chế of Nghị định 191/2026/NĐ-CP, word for word.

The expected text is read from the verbatim copy in fixtures/government/ (see its README for where it comes from), never
from the project's shared folder: every article, clause and point of the copy is in the model with its text unchanged
(NFC), the model has nothing the copy lacks, at least 80 % of the clauses and points carry a norm, and the leads that
each member of a group holds in its own jurisdiction (``each: true``) are not reported as two leads (QC301).
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quyche_rules.loading import load_regulation

ROOT = Path(__file__).resolve().parent.parent
FOLDER = ROOT / "rules" / "chinh-phu-2026"
COPY = ROOT / "fixtures" / "government" / "nd-191-2026-quy-che.md"

pytestmark = pytest.mark.skipif(not (FOLDER / "regulation.yaml").is_file(), reason="Government model not present")

Key = tuple[str, str | None, str | None]  # article, clause, point


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@cache
def source() -> dict[str, Any]:
    """Read the copy: chapters (numeral, title), and per article its title, chapter and provision texts."""
    chapters: list[tuple[str, str]] = []
    articles: dict[str, dict[str, Any]] = {}
    texts: dict[Key, str] = {}
    chapter = article = clause = None
    for line in nfc(COPY.read_text(encoding="utf-8")).splitlines():
        if not line.strip():
            continue
        if m := re.match(r"^## Chương ([IVXL]+) - (.+)$", line):
            chapter = m.group(1)
            chapters.append((chapter, m.group(2).strip()))
        elif m := re.match(r"^### Điều (\d+)\. (.+)$", line):
            article, clause = m.group(1), None
            articles[article] = {"title": m.group(2).strip(), "chapter": chapter}
            texts[(article, None, None)] = ""
        elif article is None:
            continue
        elif m := re.match(r"^(\d+)\. (.+)$", line):
            clause = m.group(1)
            texts[(article, clause, None)] = m.group(2)
        elif m := re.match(r"^ {3}- ([a-zđ])\) (.+)$", line):
            assert clause is not None, line
            texts[(article, clause, m.group(1))] = m.group(2)
        else:  # a further paragraph of the clause, or the text of an article without clauses
            key = (article, clause, None)
            texts[key] = f"{texts[key]}\n{line}" if texts[key] else line
    return {"chapters": chapters, "articles": articles, "texts": texts}


@cache
def regulation() -> Any:
    return load_regulation(FOLDER).regulation


def key(provision: Any) -> Key:
    c = provision.citation
    return (c.article, c.clause, c.point)


def test_the_copy_is_the_whole_regulation() -> None:
    src = source()
    assert list(src["articles"]) == [str(n) for n in range(1, 29)]
    assert [c for c, _ in src["chapters"]] == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
    assert src["articles"]["2"]["title"] == "Nguyên tắc làm việc của Chính phủ"
    assert src["articles"]["5"]["title"] == (
        "Trách nhiệm, phạm vi và cách thức giải quyết công việc của Thủ tướng Chính phủ")
    assert src["articles"]["28"]["title"] == "Xử lý vi phạm Quy chế"
    assert src["texts"][("5", "2", "o")].startswith("Thực hiện các cách thức khác")


def test_every_article_of_the_copy_is_in_the_model_with_its_title_and_chapter() -> None:
    src, reg = source(), regulation()
    assert [(c.chapter, c.title) for c in reg.meta.chapters] == src["chapters"]
    assert [a.article for a in reg.articles] == list(src["articles"])
    for article in reg.articles:
        expected = src["articles"][article.article]
        assert (article.title, article.chapter) == (expected["title"], expected["chapter"]), article.article


def test_every_provision_is_verbatim_and_nothing_is_added() -> None:
    expected = source()["texts"]
    found: dict[Key, str] = {}
    for article in regulation().articles:  # an article's provision shows its title when it has no text of its own
        found[(article.article, None, None)] = article.text
        for clause in article.clauses:
            found[(article.article, clause.clause, None)] = clause.text
            for point in clause.points:
                found[(article.article, clause.clause, point.point)] = point.text
    assert set(found) == {key(p) for p in regulation().provisions}
    assert set(found) == set(expected)
    for k, text in expected.items():
        assert found[k] == text, f"{k}: {found[k]!r} != {text!r}"
        assert found[k] == unicodedata.normalize("NFC", found[k])


def test_most_clauses_and_points_carry_a_norm() -> None:
    provisions = [p for p in regulation().provisions if p.citation.clause is not None]
    with_norms = [p for p in provisions if p.norms]
    assert len(provisions) == 103
    assert len(with_norms) / len(provisions) >= 0.80, f"{len(with_norms)}/{len(provisions)}"


def test_a_provision_without_norms_says_why() -> None:
    for article in regulation().articles:
        units = [article] if not article.clauses else [
            *article.clauses, *(p for c in article.clauses for p in c.points)]
        for unit in units:
            assert unit.norms or unit.note, f"Điều {article.article}: {unit.text[:60]}"


def test_the_regulation_records_its_regime_and_its_sources() -> None:
    meta = regulation().meta
    assert (meta.id, meta.number, meta.body, str(meta.signed), str(meta.effective)) == (
        "chinh-phu-2026", "191/2026/NĐ-CP", "chinh-phu", "2026-05-29", "2026-05-29")
    assert meta.regime == "mixed"
    assert meta.collective is not None
    assert (meta.collective.body, meta.collective.quorum, meta.collective.vote, meta.collective.casting) == (
        "chinh-phu", "2/3", "majority", "thu-tuong")
    assert meta.replaces == ("39/2022/NĐ-CP",)
    assert {b.id for b in meta.legal_bases} == {"luat-63-2025", "luat-64-2025", "luat-87-2025"}
    assert meta.model is not None and "trung bình" in meta.model.note and "rút gọn" in meta.model.note
    kinds = {a.id: a.kind for a in regulation().actors}
    assert kinds["chinh-phu"] == "collective" and kinds["thu-tuong"] == "head"
    assert kinds["quoc-hoi"] == "external" and kinds["cac-pho-thu-tuong"] == "group"


def _qc301(folder: Path) -> list[Any]:
    from quyche_rules.checks.runner import run_checks

    return [f for f in run_checks(load_regulation(folder), select=["QC301"]).findings if f.code == "QC301"]


def test_per_jurisdiction_leads_are_not_two_leads(tmp_path: Path) -> None:
    """Each minister and each provincial chairman leads in his own jurisdiction (khoản 3 Điều 28): no QC301.

    The same two leads without ``each`` are two leads of one task, so the check still sees them.
    """
    each_leads = [
        (p.phrase, n) for p in regulation().provisions for n in p.norms
        if type(n).__name__ == "Duty" and n.role == "lead" and n.each
    ]
    assert {phrase for phrase, _ in each_leads} >= {"khoản 3 Điều 28", "điểm a khoản 2 Điều 7", "khoản 1 Điều 18"}
    assert _qc301(FOLDER) == []

    copy = tmp_path / "chinh-phu-2026"
    shutil.copytree(FOLDER, copy)
    article = copy / "articles" / "dieu-28.yaml"
    text = article.read_text(encoding="utf-8")
    assert text.count("each: true") >= 2
    article.write_text(text.replace("each: true", "each: false"), encoding="utf-8")
    found = _qc301(copy)
    assert [f.provisions[0].citation for f in found] == ["khoản 3 Điều 28"]


def test_a_power_the_government_reserves_given_to_the_prime_minister_too_is_reported(tmp_path: Path) -> None:
    """Issue 15: the Prime Minister is not the same party as the Government for what it decides collectively (QC303)."""
    from quyche_rules.checks.runner import run_checks

    assert [f for f in run_checks(load_regulation(FOLDER), select=["QC303"]).findings] == []
    copy = tmp_path / "chinh-phu-2026"
    shutil.copytree(FOLDER, copy)
    article = copy / "articles" / "dieu-05.yaml"
    text = article.read_text(encoding="utf-8")
    anchor = "      - power: {holder: thu-tuong, action: direct, task: lanh-dao-cong-tac-chinh-phu}\n"
    assert anchor in text  # Điều 4 reserves van-ban-trinh-quoc-hoi to the Government (exclusive)
    article.write_text(text.replace(anchor, anchor + "      - power: {holder: thu-tuong, action: decide, "
                                    "task: van-ban-trinh-quoc-hoi}\n"), encoding="utf-8")
    (f,) = run_checks(load_regulation(copy), select=["QC303"]).findings
    assert set(f.actors[:2]) == {"chinh-phu", "thu-tuong"} and "khoản 1 Điều 5" in [p.citation for p in f.provisions]
