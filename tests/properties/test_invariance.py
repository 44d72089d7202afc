"""Findings depend on what a rule folder says, not on how it is spelled.

The same regulation written with its article files renamed and written in another order, with the keys of
every mapping shuffled, or with every string in NFD instead of NFC, loads to the same model and gets the same
findings (compared by what they say: code, severity, identity and message; positions change with key order).
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quyche_rules.checks.runner import run_checks
from quyche_rules.findings import Finding
from quyche_rules.loading import LoadedRegulation, load_regulation
from quyche_rules.model import Regulation
from tests import strategies as s
from tests.properties.helpers import examples, meanings

pytestmark = pytest.mark.slow  # the everyday loop is `pytest -m "not slow"`; CI runs everything

SETTINGS = settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _findings(loaded: LoadedRegulation) -> list[Finding]:
    return run_checks(loaded, engine="reference").findings


def _load_variants(reg: Regulation, rnd: random.Random, **variant: bool) -> tuple[LoadedRegulation, ...]:
    files = s.folder_data(reg)
    with tempfile.TemporaryDirectory() as tmp:
        s.write_folder(files, Path(tmp) / "plain")
        s.write_folder(files, Path(tmp) / "variant", rnd=rnd, **variant)
        return load_regulation(Path(tmp) / "plain"), load_regulation(Path(tmp) / "variant")


def _lines(findings: list[Finding]) -> list[tuple[str, int, str, tuple[object, ...]]]:
    return [(f.code, f.line, f.message.en, f.identity()) for f in findings]


@SETTINGS
@given(s.whole_regulations(), st.randoms(use_true_random=False))
def test_renaming_and_reordering_article_files_changes_no_finding(reg: Regulation, rnd: random.Random) -> None:
    plain, variant = _load_variants(reg, rnd, rename_articles=True)
    assert variant.regulation == plain.regulation
    before, after = _findings(plain), _findings(variant)
    assert meanings(after) == meanings(before)
    # the files are the same bytes under other names: the lines do not move either
    assert sorted(_lines(after)) == sorted(_lines(before))


@SETTINGS
@given(s.whole_regulations(), st.randoms(use_true_random=False))
def test_the_order_of_keys_in_mappings_changes_no_finding(reg: Regulation, rnd: random.Random) -> None:
    plain, variant = _load_variants(reg, rnd, shuffle=True)
    assert variant.regulation == plain.regulation
    assert meanings(_findings(variant)) == meanings(_findings(plain))


@SETTINGS
@given(s.whole_regulations(), st.randoms(use_true_random=False))
def test_nfd_spelling_is_the_same_text_as_nfc(reg: Regulation, rnd: random.Random) -> None:
    files = s.folder_data(reg)
    with tempfile.TemporaryDirectory() as tmp:
        s.write_folder(files, Path(tmp) / "nfc")
        s.write_folder(files, Path(tmp) / "nfd", rnd=rnd, nfd=True)
        nfc, nfd = load_regulation(Path(tmp) / "nfc"), load_regulation(Path(tmp) / "nfd")
    assert nfd.regulation == nfc.regulation
    before, after = _findings(nfc), _findings(nfd)
    assert meanings(after) == meanings(before)
    assert _lines(after) == _lines(before)  # same files, same lines; only columns inside a line may shift


@SETTINGS
@given(s.whole_regulations(), st.randoms(use_true_random=False))
def test_all_three_at_once(reg: Regulation, rnd: random.Random) -> None:
    plain, variant = _load_variants(reg, rnd, shuffle=True, nfd=True, rename_articles=True)
    assert variant.regulation == plain.regulation
    assert meanings(_findings(variant)) == meanings(_findings(plain))


@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(s.whole_regulations(max_articles=3), st.randoms(use_true_random=False))
def test_both_engines_agree_on_every_variant(reg: Regulation, rnd: random.Random) -> None:
    """The durable-rules engine, compared with the reference evaluator, sees the variants alike too."""
    plain, variant = _load_variants(reg, rnd, shuffle=True, nfd=True, rename_articles=True)
    both = run_checks(variant, engine="both").findings
    assert meanings(both) == meanings(_findings(plain))
