"""The bundled models (rules/ubdt-2017, rules/ubdt-2023) stay free of the errors a legal reader found in them.

One test per error of the review (shared/research/legal-review.md, section 1) that can be seen in the data, and one
for the suppressions of section 3. They read the models through the loader only, so they hold whatever the checks
say about the models.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from quyche_rules.loading import load_regulation

ROOT = Path(__file__).resolve().parent.parent
VERSIONS = ("ubdt-2017", "ubdt-2023")

pytestmark = pytest.mark.skipif(
    not all((ROOT / "rules" / v / "regulation.yaml").is_file() for v in VERSIONS), reason="bundled models not present"
)


@cache
def regulation(version: str) -> Any:
    return load_regulation(ROOT / "rules" / version).regulation


def texts(version: str) -> list[tuple[str, str]]:
    return [(p.phrase, unicodedata.normalize("NFC", p.text or "")) for p in regulation(version).provisions]


def norms(version: str, kind: str) -> list[tuple[str, Any]]:
    return [(p.phrase, n) for p in regulation(version).provisions for n in p.norms if type(n).__name__ == kind]


@pytest.mark.parametrize("version", VERSIONS)
def test_q_only_for_vacant_unit_heads_and_ministers_absence_is_kt(version: str) -> None:
    """Error 1: no "quyền Bộ trưởng"; a deputy running the body signs KT. (Decree 30/2020 Art. 13(1))."""
    reg = regulation(version)
    kinds = {a.id: a.kind for a in reg.actors}
    for phrase, d in norms(version, "Delegation"):
        if d.signing == "Q":
            assert kinds.get(d.from_) not in ("head", "body") and kinds.get(d.to) != "deputy_head", phrase
            assert d.condition == "vacancy", phrase
    for phrase, text in texts(version):
        assert not re.search(r"chức vụ Bộ trưởng, Chủ nhiệm[^.;]*khuyết", text), phrase
    kt_in_absence = [
        d
        for _, d in norms(version, "Delegation")
        if d.signing == "KT" and kinds.get(d.from_) == "head" and d.condition == "absence"
    ]
    assert {d.to for d in kt_in_absence} == {"pho-chu-nhiem-1", "pho-chu-nhiem-2"}


@pytest.mark.parametrize("version", VERSIONS)
def test_legal_department_appraises_circulars_only(version: str) -> None:
    """Error 2: drafts the Committee submits to the Government are appraised by the Ministry of Justice."""
    duties = [(p, d) for p, d in norms(version, "Duty") if d.task == "tham-dinh-du-thao-vbqppl" and d.role == "lead"]
    assert duties and {d.holder for _, d in duties} == {"vu-phap-che"}
    by_phrase = dict(texts(version))
    for phrase, _ in duties:
        assert "thông tư" in by_phrase[phrase] and "trình" not in by_phrase[phrase], phrase


def test_central_highlands_region_has_a_unit_in_2023() -> None:
    """Error 3: the Tây Nguyên region goes to Vụ Công tác dân tộc địa phương (Decree 66/2022), with a deputy."""
    reg = regulation("ubdt-2023")
    assert "theo-doi-dia-ban-tay-nguyen" in {t.id for t in reg.tasks}
    leads = {
        d.holder for _, d in norms("ubdt-2023", "Duty") if d.task == "theo-doi-dia-ban-tay-nguyen" and d.role == "lead"
    }
    assert leads == {"vu-cong-tac-dan-toc-dia-phuong"}
    assert reg.actor_by_id["vu-cong-tac-dan-toc-dia-phuong"].valid_on(reg.effective)
    deputies = [a.id for a in reg.actors if a.kind == "deputy_head" and "dia-ban-tay-nguyen" in a.fields]
    assert deputies == ["pho-chu-nhiem-2"]
    reports = {r.to for _, r in norms("ubdt-2023", "Reporting") if r.task == "theo-doi-dia-ban-tay-nguyen"}
    assert reports == {"pho-chu-nhiem-2"}


@pytest.mark.parametrize("version", VERSIONS)
def test_reporting_data_close_on_the_fourteenth(version: str) -> None:
    """Error 4: Decree 09/2019 Art. 12 counts periodic report data from the 15th to the 14th."""
    closing = [(p, t) for p, t in texts(version) if "chốt" in t and "tháng cuối kỳ báo cáo" in t]
    assert closing, "the provision setting when report data close"
    for phrase, text in closing:
        assert "ngày 14" in text and "ngày 15 của tháng cuối" not in text, phrase


def test_tuq_limit_not_attributed_to_decree_30() -> None:
    """Error 5: Decree 30/2020 Art. 13(3) asks for a time limit, not for at most 12 months."""
    for phrase, text in texts("ubdt-2023"):
        assert not re.search(r"phù hợp với khoản 3 Điều 13", text), phrase


@pytest.mark.parametrize("version", VERSIONS)
def test_no_environmental_circular_and_no_later_instrument_in_2017(version: str) -> None:
    """Error 6: no text cites Thông tư 02/2022/TT-BTNMT; the 2017 text cites nothing issued after 2017."""
    for phrase, text in texts(version):
        assert "TT-BTNMT" not in text and "02/2022" not in text, phrase
        if version == "ubdt-2017":
            assert not re.search(r"\d+/20(1[89]|2\d)/", text), phrase


@pytest.mark.parametrize("version", VERSIONS)
def test_model_assumptions_are_notes_not_text(version: str) -> None:
    """Error 7: "giả định của mô hình" belongs in `note:`, never in the regulation's text."""
    for phrase, text in texts(version):
        low = text.lower()
        assert "giả định" not in low and "mô hình" not in low, phrase


@pytest.mark.parametrize("version", VERSIONS)
def test_no_dated_authorisation_inside_the_regulation(version: str) -> None:
    """Error 8: an authorisation to sign (TUQ.) is a separate decision; no placeholder instrument anywhere."""
    for phrase, text in texts(version):
        assert not re.search(r"(…|\.\.\.)\s*/\s*QĐ", text), phrase
    for phrase, d in norms(version, "Delegation"):
        assert d.signing != "TUQ", phrase
        assert not (d.instrument or "").startswith(("…", "...")), phrase
    rule = [t for p, t in texts(version) if "quyết định riêng" in t and "thời hạn ủy quyền" in t]
    assert rule, "the rule that an authorisation is a separate written decision, limited in time and content"


@pytest.mark.parametrize("version", VERSIONS)
def test_effective_date_is_not_in_the_regulation(version: str) -> None:
    """Error 11: effect and replacement belong in Art. 2 of the promulgating decision."""
    for phrase, text in texts(version):
        assert not re.search(r"Quy chế này có hiệu lực (thi hành )?kể từ ngày|thay thế Quy chế làm việc", text), phrase
    last = max(regulation(version).articles, key=lambda a: int(re.sub(r"\D", "", a.article)))
    assert [c.clause for c in last.clauses] == [str(i) for i in range(1, len(last.clauses) + 1)]


@pytest.mark.parametrize("version", VERSIONS)
def test_every_ended_unit_and_head_has_a_successor(version: str) -> None:
    """Error 14: the heads of Vụ Địa phương I-III (and of Trung tâm Thông tin) name their successor."""
    ended = [a for a in regulation(version).actors if a.valid_until and a.kind in ("unit", "unit_head")]
    assert ended
    for actor in ended:
        assert actor.successor, actor.id
    heads = {a.id: a.successor for a in ended if a.kind == "unit_head"}
    assert heads["vu-truong-vu-dia-phuong-2"] == "vu-truong-vu-cong-tac-dan-toc-dia-phuong"
    assert heads["giam-doc-trung-tam-thong-tin"] == "giam-doc-trung-tam-chuyen-doi-so"


def test_real_defects_of_the_2017_text_are_not_suppressed() -> None:
    """Section 3: the second lead for citizen reception shows (QC301); the consultation carries its deadline."""
    suppressed = {code for p in regulation("ubdt-2017").provisions for code in p.own_suppressed}
    assert "QC301" not in suppressed and "QC204" not in suppressed
    coordination = [c for p, c in norms("ubdt-2017", "Coordination") if c.task == "mua-sam-trang-thiet-bi"]
    assert coordination and all(c.response_deadline is not None for c in coordination)


def test_the_readme_lists_every_finding_on_the_bundled_models() -> None:
    """Acceptance of issue 13: `quyche check` on the bundled models finds exactly what the README lists."""
    from quyche_rules.checks.runner import run_checks

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("**Findings of `quyche check` on the bundled models**", 1)[1].split("\n\n", 1)[0]
    listed = set(re.findall(r"^- (\d{4}), (QC\d{3}) \((\w+), ([^)]+)\)", section, re.M))
    assert listed, "the README lists the findings on the bundled models"
    found = set()
    for version in (*VERSIONS, "chinh-phu-2026"):
        for f in run_checks(load_regulation(ROOT / "rules" / version)).findings:
            found.add((version[-4:], f.code, f.severity.value, "; ".join(p.citation for p in f.provisions[:1])))
    assert found == listed
