"""A draft with several different mistakes gets every one of them in one run, in the user's words."""

from __future__ import annotations

import pytest

from quyche_rules.cli import main
from tests.conftest import FIXTURES, ROOT

DRAFT = FIXTURES / "drafts" / "five-mistakes.yaml"
PYTHON_WORDS = ("literal[", "instance of", "value_error", "Input should be", "dict", " str ", " int ")


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("YYYY-MM-DD", "{id: vu-x, name: …}", "'all', 'none' or a list of task ids", "khoản 3 Điều 10", "'task'")),
    ("vi", ("YYYY-MM-DD", "{id: vu-x, name: …}", "khoản 3 Điều 10", "task")),
])
def test_every_mistake_of_a_draft_is_reported_at_once(lang: str, words: tuple[str, ...],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", str(ROOT / "rules" / "ubdt-2017"), str(DRAFT), "--lang", lang])
    out = capsys.readouterr()
    text = out.out + out.err
    assert code == 1 and text.count("QC003") == 5
    for word in words:
        assert word in text, word
    for word in PYTHON_WORDS:
        assert word not in text, word
