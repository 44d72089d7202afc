"""The change as a reviewer reads it: the instrument, each operation's old and new wording, norms in sentences."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quyche_rules.loading import load_regulation
from quyche_rules.model import Coordination, Delegation, Regulation
from quyche_rules.reports.redline import redline, words
from quyche_rules.reports.sentences import norm_sentence
from tests.conftest import ROOT
from tests.reports.conftest import AMENDMENT, REGULATION, Run

DRAFT = "fixtures/amendments/01-second-lead.yaml"
TUQ = "fixtures/amendments/02-tuq-redelegated.yaml"
ANCHOR = re.compile(r'<a id="[^"]+"></a>')


@pytest.fixture(scope="module")
def ubdt2017() -> Regulation:
    return load_regulation(ROOT / "rules" / "ubdt-2017").regulation


def _md(run: Run, *args: str, lang: str = "vi") -> str:
    _, data = run("report", *args, "--format", "markdown", "--engine", "reference", "--lang", lang)
    return ANCHOR.sub("", data.decode("utf-8"))


def test_redline_marks_deleted_and_inserted_words() -> None:
    red = redline("Văn phòng chủ trì; Vụ A phối hợp.", "Vụ A chủ trì; Văn phòng phối hợp, trả lời trong 05 ngày.")
    assert [(s.op, s.text) for s in red.old if s.op != "same"] == [("del", "Văn phòng"), ("del", "Vụ A")]
    assert ("ins", ", trả lời trong 05 ngày") in [(s.op, s.text) for s in red.new]
    assert red.changed and not redline("a b", "a b").changed


@given(st.text(alphabet="ab ,.\nđồ", max_size=30), st.text(alphabet="ab ,.\nđồ", max_size=30))
def test_each_side_of_a_redline_gives_its_text_back(old: str, new: str) -> None:
    red = redline(old, new)
    assert "".join(s.text for s in red.old) == old and "".join(s.text for s in red.new) == new
    assert {s.op for s in red.old} <= {"same", "del"} and {s.op for s in red.new} <= {"same", "ins"}
    assert "".join(words(old)) == old


def test_norms_read_as_sentences_with_their_deadlines_and_terms(ubdt2017: Regulation) -> None:
    coord = Coordination.model_validate({
        "lead": "vu-tong-hop", "cooperating": ["van-phong"], "task": "xay-dung-chuong-trinh-cong-tac",
        "response_deadline": {"working_days": 5}, "silence": "agree"})
    text = norm_sentence(coord, ubdt2017)
    assert text.vi.startswith("Vụ Tổng hợp chủ trì «")
    assert "Văn phòng Ủy ban phối hợp, trả lời trong thời hạn 05 ngày làm việc" in text.vi
    assert "quá thời hạn không trả lời được coi là đồng ý" in text.vi
    assert "who answer within 5 working days" in text.en
    tuq = Delegation.model_validate({
        "mode": "authorize", "signing": "TUQ", "from": "bo-truong-chu-nhiem", "to": "chanh-van-phong",
        "scope": ["giay-moi-hop"], "instrument": "12/QĐ-UBDT", "valid_from": "2023-09-01",
        "valid_until": "2024-08-31"})
    words_vi = norm_sentence(tuq, ubdt2017).vi
    assert "ủy quyền cho Chánh Văn phòng" in words_vi and "ký thừa ủy quyền (TUQ.)" in words_vi
    assert "văn bản ủy quyền 12/QĐ-UBDT; hiệu lực từ 01/09/2023 đến 31/08/2024" in words_vi


def test_an_amendment_report_shows_the_instrument_and_the_wording_side_by_side(run: Run) -> None:
    text = _md(run, "rules/ubdt-2017", "--amendment", DRAFT)
    assert "#### Quyết định 101/QĐ-UBDT" in text and "- Hiệu lực từ: 01/07/2019" in text
    assert "##### 1. Sửa đổi, bổ sung khoản 2 Điều 21" in text
    assert "| Quy định hiện hành | Quy định sửa đổi |" in text
    row = next(line for line in text.splitlines() if line.startswith("| 2. ~~Văn phòng Ủy ban~~"))
    old, new = row.split(" | ")[0], row.split(" | ")[1]
    assert "~~Vụ Tổng hợp~~" in old and "<ins>" not in old
    assert new.startswith("2. <ins>Vụ Tổng hợp</ins> chủ trì") and "~~" not in new
    added = text.split("**Quy phạm được bổ sung:**")[1].split("**Quy phạm bị bỏ:**")[0]
    assert "Vụ Tổng hợp chủ trì «Xây dựng chương trình công tác năm, quý, tháng của Ủy ban»; Văn phòng Ủy ban" in added
    assert "trả lời trong thời hạn 05 ngày làm việc" in added
    concerning = text.split("**Phát hiện liên quan:**")[1].split("###")[0]
    assert "- QC301 Một nhiệm vụ có nhiều đơn vị, cá nhân chủ trì" in concerning
    assert "(#p1-int-qc301-" in concerning


def test_a_new_authorisation_says_its_scope_instrument_and_validity(run: Run) -> None:
    text = _md(run, "rules/ubdt-2017", "--amendment", TUQ, lang="en")
    assert "##### 1. Inserts khoản 5 Điều 35 after khoản 4 Điều 35" in text
    assert ("authorises Vụ trưởng Vụ Tổ chức cán bộ to sign by authorisation (TUQ.) Quyết định nâng bậc lương "
            "thường xuyên; instrument 101/QĐ-UBDT; valid from 2021-07-01 to 2022-06-30.") in text
    assert "| (none) | <ins>5. Vụ trưởng Vụ Tổ chức cán bộ ký thừa ủy quyền" in text


def test_the_legal_bases_of_an_amendment_are_named_from_the_law_catalogue(run: Run, tmp_path: Path) -> None:
    draft = Path(AMENDMENT).read_text(encoding="utf-8").replace(
        "  effective: 2024-03-15\n",
        "  effective: 2024-03-15\n  bases: [nd-30-2020, {id: nd-39-2022, provision: Điều 2}]\n")
    path = tmp_path / "draft.yaml"
    path.write_text(draft, encoding="utf-8")
    text = _md(run, REGULATION, "--amendment", str(path))
    bases = text.split("- Căn cứ:")[1].split("#####")[0]
    assert "  - Nghị định 30/2020/NĐ-CP về công tác văn thư" in bases
    assert "  - Điều 2 Nghị định 39/2022/NĐ-CP ban hành Quy chế làm việc của Chính phủ" in bases


def test_responsibility_changes_say_what_was_added_and_removed_not_whole_lists(run: Run) -> None:
    text = _md(run, "rules/ubdt-2023", "--against", "rules/ubdt-2017")
    changed = [line for line in text.splitlines() if line.startswith("- ~ ")]
    assert changed and not any("\\[" in line for line in changed)  # no list printed whole
    assert any("đơn vị được đôn đốc: thêm Vụ Công tác dân tộc địa phương, Trung tâm Chuyển đổi số; bỏ Vụ Địa phương I"
               in line for line in changed)


def test_between_versions_the_new_version_is_the_instrument_and_reworded_provisions_are_paired(run: Run) -> None:
    text = _md(run, "rules/ubdt-2023", "--against", "rules/ubdt-2017")
    assert "#### Quyết định 588/QĐ-UBDT — Quy chế làm việc của Ủy ban Dân tộc" in text
    assert "  - Nghị định 30/2020/NĐ-CP về công tác văn thư" in text
    assert "##### 2. Thay đổi câu chữ khoản 2 Điều 1" in text
    assert "~~Thủ trưởng~~" in text and "<ins>người đứng đầu</ins>" in text
    assert "không được đối chiếu câu chữ" in text


def test_the_html_change_report_has_a_table_of_contents_and_collapsible_sections(run: Run) -> None:
    _, data = run("report", "rules/ubdt-2023", "--against", "rules/ubdt-2017", "--engine", "reference")
    html = data.decode("utf-8")
    contents = html.split('<nav class="contents"')[1].split("</nav>")[0]
    for target in ("#summary", "#p1-wording", "#p1-op-1-1", "#p1-resolved", "#p1-responsibilities", "#p1-ended"):
        assert f'href="{target}"' in contents
        assert f'id="{target[1:]}"' in html
    assert html.count("<details open") >= 5
    assert '<del>Thủ trưởng</del>' in html and "<ins>người đứng đầu</ins>" in html
