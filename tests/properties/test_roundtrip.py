"""What we write, we read back: regulation folders and amendment files survive a round trip unchanged."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quyche_rules.amend.consolidate import apply_amendments
from quyche_rules.amend.dump import render_folder
from quyche_rules.checks.produce import load_findings
from quyche_rules.commands.amend import consolidation_header
from quyche_rules.errors import LoadFailed
from quyche_rules.loading import load_regulation
from quyche_rules.loading.amendment import parse_amendment
from quyche_rules.model import Regulation
from quyche_rules.workspace.folders import dump_regulation
from tests import strategies as s
from tests.conftest import MINIMAL
from tests.properties.helpers import examples

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

SETTINGS = settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _dump_and_load(reg: Regulation, header: list[str] | None = None) -> tuple[Regulation, dict[str, bytes]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reg"
        dump_regulation(reg, folder, header=header or ())
        again = load_regulation(folder).regulation
    return again, render_folder(again, header=header or ())


@SETTINGS
@given(s.whole_regulations())
def test_load_of_dump_is_the_model_and_dumping_again_gives_the_same_bytes(reg: Regulation) -> None:
    again, rendered = _dump_and_load(reg)
    assert again == reg
    assert rendered == render_folder(reg)


@settings(max_examples=examples(25), deadline=None)
@given(s.regulations())
def test_the_earlier_regulation_strategy_round_trips_too(reg: Regulation) -> None:
    assert _dump_and_load(reg)[0] == reg


@settings(max_examples=examples(150), deadline=None)
@given(st.text(s.REGULATION_CHARS, min_size=1, max_size=40))
def test_any_text_a_regulation_may_hold_survives_the_dumper(text: str) -> None:
    """Line and paragraph separators, astral planes, a BOM: back as written (NFC); control characters are
    refused at load (the next test)."""
    base = _FIXED
    article = base.articles[0].model_copy(update={"text": s._nfc(text), "title": s._nfc(text)})
    changed = base.model_copy(update={"articles": (article, *base.articles[1:])})
    assert _dump_and_load(changed)[0] == changed


@SETTINGS
@given(st.data())
def test_an_amendment_file_written_back_parses_to_the_same_amendment(data: st.DataObject) -> None:
    reg = data.draw(s.whole_regulations(max_articles=3))
    amendment = data.draw(s.amendments(reg))
    assert parse_amendment(s.amendment_yaml(amendment), "sua-doi.yaml") == amendment


@settings(max_examples=examples(50), deadline=None)
@given(controls=st.text(st.one_of(st.characters(categories=("Cc",)).filter(lambda c: c not in "\t\n\r"),
                                  st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")),
                        min_size=1, max_size=3),
       field=st.sampled_from(["text", "title"]), quoted=st.booleans())
def test_a_control_character_is_refused_at_load_at_its_line(controls: str, field: str, quoted: bool,
                                                            tmp_path_factory: pytest.TempPathFactory) -> None:
    """Written raw or as a double-quoted escape, a control character is QC006 at the line it is on."""
    folder = tmp_path_factory.mktemp("ctl")
    shutil.copytree(MINIMAL, folder / "m")
    value = json.dumps(f"a{controls}b") if quoted else f"a{controls}b"
    (folder / "m" / "articles" / "dieu-03.yaml").write_text(
        f"article: '3'\nchapter: II\ntitle: X\ntext: X\n{field}: {value}\n".replace(f"{field}: X\n", "", 1),
        encoding="utf-8", errors="surrogatepass")
    with pytest.raises(LoadFailed) as failed:
        load_regulation(folder / "m")
    (finding,) = load_findings(failed.value)
    assert finding.code == "QC006" and finding.line == 4, finding


@settings(max_examples=examples(30), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.text(s.REGULATION_CHARS, max_size=30))
def test_a_consolidated_regulation_round_trips_with_its_header_and_history(data: st.DataObject, number: str) -> None:
    """What ``quyche amend -o`` writes (history, repealed stubs, the header naming the instruments) loads back."""
    reg = data.draw(s.whole_regulations(max_articles=3))
    amendment = data.draw(s.amendments(reg))
    amendment = amendment.model_copy(update={"amendment": amendment.amendment.model_copy(
        update={"instrument": amendment.amendment.instrument.model_copy(update={"number": s._nfc(number) or "1"})})})
    result = apply_amendments(reg, [amendment])
    header = consolidation_header(reg.meta.number, reg.effective, result.applied, result.pending, None)
    again, rendered = _dump_and_load(result.regulation, header)
    assert again == result.regulation
    assert rendered == render_folder(result.regulation, header=header)


_FIXED = Regulation.model_validate({
    "meta": {"id": "co-dinh", "number": "1/QĐ-X", "title": "Cố định", "issuer": "X", "body": "co-quan",
             "signed": s.EFFECTIVE, "effective": s.EFFECTIVE},
    "actors": s.ACTORS[:2],
    "articles": [{"article": "1", "title": "Một", "clauses": [{"clause": "1", "text": "Vụ A chủ trì."}]}],
})
