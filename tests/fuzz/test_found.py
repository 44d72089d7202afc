"""Each defect the fuzzers and properties found, pinned by its smallest reproduction (issue 7)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from quyche_rules.amend.compare import loaded_view
from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.dump import render_folder
from quyche_rules.checks.produce import load_findings
from quyche_rules.checks.runner import run_checks
from quyche_rules.citations import CitationError, find_references, parse_citation
from quyche_rules.cli import main
from quyche_rules.commands.amend import consolidation_header
from quyche_rules.errors import LoadFailed
from quyche_rules.loading import load_regulation
from quyche_rules.loading.amendment import parse_amendment
from quyche_rules.model import Article, Regulation
from quyche_rules.workspace.folders import dump_regulation
from tests.amend.helpers import amendment, loaded, small
from tests.conftest import MINIMAL

# -- amendments: operations that used to raise instead of reporting QC601 / QC606 ---------------------------


@pytest.mark.parametrize("operation", [
    "- insert: {after: khoản 3 Điều 1, point: {point: e, text: x}}",      # a point placed after a clause
    "- insert: {into: Điều 1, point: {point: e, text: x}}",               # a point put into an article
    "- insert: {into: điểm a khoản 3 Điều 1, clause: {clause: '9', text: x}}",  # a clause into a point
    "- insert: {after: điểm a khoản 3 Điều 1, clause: {clause: '9', text: x}}",  # a clause after a point
    "- insert: {after: điểm b Điều 1, point: {point: a, text: x}}",       # after a point cited without clause
])
def test_an_insertion_at_a_place_of_the_wrong_level_is_qc601_not_a_crash(operation: str) -> None:
    result = apply_amendments(small(), [amendment(operation)])
    assert [f.code for f in result.findings] == ["QC601"]
    assert result.regulation.articles == small().articles


@pytest.mark.parametrize("number", ["0", "04", "01a"])
def test_a_clause_number_a_citation_cannot_hold_is_a_schema_violation(number: str, tmp_path: Path) -> None:
    """khoản "04" used to load, then crash the consolidation; now it is QC003 with the fix ("drop the zero")."""
    with pytest.raises(LoadFailed) as failed:
        amendment(f"- insert: {{after: khoản 3 Điều 1, clause: {{clause: '{number}', text: x}}}}")
    assert [f.code for f in load_findings(failed.value)] == ["QC003"]
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    path = folder / "articles" / "dieu-01.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('clause: "4"', f'clause: "{number}"'), encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load_regulation(folder)
    (finding,) = load_findings(failed.value)
    assert finding.code == "QC003" and finding.line == 22


def test_a_point_number_a_citation_cannot_hold_is_a_schema_violation() -> None:
    with pytest.raises(LoadFailed) as failed:
        amendment("- insert: {after: điểm d khoản 3 Điều 1, point: {point: a0, text: x}}")
    assert [f.code for f in load_findings(failed.value)] == ["QC003"]


def _duplicate_clause_4(extra: str) -> str:
    return (
        "- replace_article: {article: '1', title: t, clauses: [{clause: '4', text: Vụ A làm.}, "
        "{clause: '4', text: Vụ A phối hợp., points: [{point: d, text: Vụ A theo dõi., "
        "norms: [{duty: {holder: vu-a, task: don-doc}}]}]}]}\n" + extra
    )


def test_moving_norms_past_two_clauses_with_one_number_does_not_crash() -> None:
    result = apply_amendments(small(), [amendment(_duplicate_clause_4(
        "- dissolve: {actor: vu-a, successor: vu-b, takes_over: all}\n"))])
    # the point under the second "khoản 4" cannot be addressed: its duty stays with the dissolved unit (QC606)
    assert "QC606" in [f.code for f in result.findings]


def test_a_phrase_is_replaced_once_even_where_two_clauses_share_a_number() -> None:
    result = apply_amendments(small(), [amendment(_duplicate_clause_4(
        "- replace_phrase: {from: Vụ A, to: Vụ A mới}\n"))])
    article = next(a for a in result.regulation.articles if a.article == "1")
    assert article.clauses[0].text == "Vụ A mới làm."  # not "Vụ A mới mới làm." (visited twice)


# -- what quyche amend -o writes must load back unchanged ----------------------------------------------------


@pytest.mark.parametrize("text", ["a\u2028b", "a\nb\u2029c", "\u2028\n", "dòng\u2028hai"])
def test_text_with_a_line_separator_survives_the_dumper(text: str, tmp_path: Path) -> None:
    base = small()
    article = base.articles[0].model_copy(update={"text": text})
    reg = base.model_copy(update={"articles": (article, *base.articles[1:])})
    dump_regulation(reg, tmp_path / "out")
    assert load_regulation(tmp_path / "out").regulation.articles[0].text == text


@pytest.mark.parametrize("number", ["2/QĐ-MAU\nid: bi-chen", "2/QĐ\u2029title: x", "2/QĐ\u2028y", "2\r\n#"])
def test_an_instrument_number_cannot_break_or_inject_into_the_consolidated_header(number: str, tmp_path: Path) -> None:
    am = amendment("- repeal: điểm d khoản 3 Điều 1\n")
    am = am.model_copy(update={"amendment": am.amendment.model_copy(update={
        "instrument": am.amendment.instrument.model_copy(update={"number": number})})})
    result = apply_amendments(small(), [am])
    header = consolidation_header("5/QĐ-MAU", small().effective, result.applied, result.pending, None)
    dump_regulation(result.regulation, tmp_path / "out", header=header)
    again = load_regulation(tmp_path / "out").regulation
    assert again == result.regulation
    assert again.meta.id == "mau-sua-doi"


def test_two_articles_with_one_number_are_both_written(tmp_path: Path) -> None:
    base = small()
    twin = Article(article="1", title="Điều trùng số", text="Vẫn phải được ghi ra.")
    reg = base.model_copy(update={"articles": (base.articles[0], twin, *base.articles[1:])})
    files = render_folder(reg)
    assert "articles/dieu-01.yaml" in files and "articles/dieu-01_002.yaml" in files
    dump_regulation(reg, tmp_path / "out")
    again = load_regulation(tmp_path / "out").regulation
    assert sorted(a.model_dump_json() for a in again.articles) == sorted(a.model_dump_json() for a in reg.articles)
    assert "QC011" in [f.code for f in run_checks(load_regulation(tmp_path / "out"), engine="reference").findings]


def test_a_consolidated_regulation_with_duplicate_articles_is_checked_not_lost() -> None:
    base = loaded()
    twin = Article(article="2", title="Trùng", text="x")
    reg = Regulation.model_validate({**{k: getattr(base.regulation, k) for k in type(base.regulation).model_fields},
                                     "articles": (*base.regulation.articles, twin)})
    result = apply_amendments(reg, [amendment("- repeal: khoản 1 Điều 1\n")])
    assert len(result.regulation.articles) == len(reg.articles)
    assert len(load_regulation_from(render_folder(result.regulation)).articles) == len(reg.articles)
    run_checks(loaded_view(base, result), engine="reference")


def load_regulation_from(files: dict[str, bytes]) -> Regulation:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        for rel, raw in files.items():
            (Path(tmp) / rel).parent.mkdir(parents=True, exist_ok=True)
            (Path(tmp) / rel).write_bytes(raw)
        return load_regulation(Path(tmp)).regulation


# -- the citation parser ---------------------------------------------------------------------------------------


def test_a_huge_range_is_refused_without_being_built() -> None:
    started = time.perf_counter()
    with pytest.raises(CitationError):
        parse_citation("từ khoản 1 đến khoản 399999999999999999999 Điều 7")
    assert time.perf_counter() - started < 1.0
    assert len(parse_citation("từ khoản 1 đến khoản 500 Điều 7")) == 500


BIG = "9" * 5000


@pytest.mark.parametrize("phrase", [
    f"Điều {BIG}", f"khoản 1 Điều {BIG}", f"điểm a{BIG} khoản 1 Điều 1", f"Mục {BIG} Chương I", f"Chương {BIG}",
    "Chương ²", "Điều 1000000",
], ids=["article", "clause", "point", "section", "chapter", "superscript", "seven-digits"])
def test_numbers_no_regulation_has_are_citation_errors(phrase: str) -> None:
    """Over six digits (Python's int() refuses strings of over 4,300 digits) or non-ASCII digits."""
    with pytest.raises(CitationError):
        parse_citation(phrase)
    for ref in find_references(f"theo {phrase} này", None):  # never raises; what it finds is well formed
        assert all(len(c.article or "") < 8 for c in ref.citations)


def test_an_article_number_of_thousands_of_digits_is_a_schema_violation(tmp_path: Path) -> None:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    (folder / "articles" / "dieu-09.yaml").write_text(f"article: '{'9' * 5000}'\ntitle: x\n", encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load_regulation(folder)
    assert [f.code for f in load_findings(failed.value)] == ["QC003"]


# -- regulation-specific checks ---------------------------------------------------------------------------------


def test_a_checks_file_that_is_not_utf8_is_a_diagnostic(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    (folder / "checks.yaml").write_bytes("checks: []\n# \xe9\n".encode("latin-1"))
    assert main(["check", str(folder), "--engine", "reference", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "checks.yaml:2:3:" in err and "not valid UTF-8" in err and "internal error" not in err


def test_parse_amendment_of_the_fixture_still_works() -> None:
    assert parse_amendment(b"amendment: {id: a, amends: b, instrument: {number: '1', date: 2024-01-01}, "
                           b"effective: 2024-01-02}\n", "a.yaml").operations == ()


# -- dates that do not exist, and dates at the ends of the calendar ----------------------------------------------


@pytest.mark.parametrize("value", ["2022-46-18", "2024-02-30", "0000-01-01", "2024-01-01T10:00:00+25:00"])
def test_a_date_that_does_not_exist_is_a_located_diagnostic(value: str, tmp_path: Path) -> None:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    meta = folder / "regulation.yaml"
    meta.write_text(meta.read_text(encoding="utf-8").replace("signed: 2024-01-02", f"signed: {value}"),
                    encoding="utf-8")
    with pytest.raises(LoadFailed) as failed:
        load_regulation(folder)
    (finding,) = load_findings(failed.value)
    assert (finding.code, finding.line) == ("QC003", 7) and value in finding.message.en


def test_a_date_that_does_not_exist_in_a_checks_file_is_a_diagnostic(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    (folder / "checks.yaml").write_text("checks:\n  - code: QC901\n    since: 2024-13-01\n", encoding="utf-8")
    assert main(["check", str(folder), "--engine", "reference", "--lang", "en"]) == 2
    err = capsys.readouterr().err
    assert "checks.yaml:3:" in err and "'2024-13-01' is not a valid date" in err and "internal error" not in err


@pytest.mark.parametrize("effective", ["0001-01-01", "9999-12-31"])
@pytest.mark.parametrize("operation", [
    "- split: {actor: van-phong, into: [{id: vp2, name: VP}], duties: {ky-so: vp2}}",
    "- merge: {actors: [vu-a], into: {id: vu-c, name: Vụ C}, takes_over: all}",
    "- rename: {actor: vu-a, to: {id: vu-c, name: Vụ C}, takes_over: all}",
    "- dissolve: {actor: vu-a, successor: vu-b, takes_over: all}",
], ids=["split", "merge", "rename", "dissolve"])
def test_organisational_changes_at_the_ends_of_the_calendar_do_not_overflow(operation: str, effective: str) -> None:
    result = apply_amendments(small(), [amendment(operation, effective=effective)])
    run_checks(loaded_view(loaded(), result), engine="reference")


def test_diff_of_a_unit_valid_until_the_last_date_there_is(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    new = tmp_path / "new"
    shutil.copytree(MINIMAL, new)
    actors = new / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace(
        "{id: vu-b, name: Vụ B, kind: unit, parent: co-quan}",
        "{id: vu-b, name: Vụ B, kind: unit, parent: co-quan, valid_from: 2030-01-01, valid_until: 9999-12-31}"),
        encoding="utf-8")
    assert main(["diff", str(MINIMAL), str(new), "--engine", "reference", "--lang", "en"]) == 1
    assert "internal error" not in capsys.readouterr().err
