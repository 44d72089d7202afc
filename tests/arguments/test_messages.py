"""argparse's own errors in the user's language: Vietnamese by default, English with --lang en, exit code 2."""

from __future__ import annotations

import pytest

from quyche_rules.arguments.messages import translated
from quyche_rules.cli import main


def _refused(capsys: pytest.CaptureFixture[str], *argv: str) -> list[str]:
    assert main(list(argv)) == 2
    out = capsys.readouterr()
    assert out.out == "" and "Traceback" not in out.err
    lines = out.err.splitlines()
    assert lines[0].startswith("usage: quyche")  # the usage line is kept
    return lines


@pytest.mark.parametrize(("argv", "vi", "en"), [
    (["check", "--on", "2023-02-30"],
     "quyche check: lỗi: tham số --on: cần một ngày dạng YYYY-MM-DD, nhận được '2023-02-30'",
     "quyche check: error: argument --on: expected a date YYYY-MM-DD, got '2023-02-30'"),
    (["check", "--format", "bogus"],
     "quyche check: lỗi: tham số --format: lựa chọn không hợp lệ: 'bogus' (chọn một trong: 'text', 'json', "
     "'sarif', 'github', 'markdown', 'html')",
     "quyche check: error: argument --format: invalid choice: 'bogus' (choose from 'text', 'json', 'sarif', "
     "'github', 'markdown', 'html')"),
    (["bogus"], "quyche: lỗi: tham số COMMAND: lựa chọn không hợp lệ: 'bogus'", "quyche: error: argument COMMAND: "),
    (["check", "--on"], "quyche check: lỗi: tham số --on: cần một giá trị",
     "quyche check: error: argument --on: expected one argument"),
    (["amend"], "quyche amend: lỗi: thiếu tham số bắt buộc: BASE, AMENDMENT, -o/--output",
     "quyche amend: error: the following arguments are required: BASE, AMENDMENT, -o/--output"),
    (["cite", "Điều 5", "--bogus"], "quyche: lỗi: không nhận ra tham số: --bogus",
     "quyche: error: unrecognized arguments: --bogus"),
])
def test_argparse_errors_are_said_in_the_language_asked(
        argv: list[str], vi: str, en: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    assert _refused(capsys, *argv)[-1].startswith(vi)
    assert _refused(capsys, *argv, "--lang", "en")[-1].startswith(en)  # --lang after the wrong argument
    assert _refused(capsys, "--lang=en", *argv)[-1].startswith(en)  # or before the command
    monkeypatch.setenv("QUYCHE_LANG", "en")
    assert _refused(capsys, *argv)[-1].startswith(en)


def test_a_language_not_known_is_refused_in_the_default_one(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    vi = "quyche explain: lỗi: tham số --lang: lựa chọn không hợp lệ: 'xx' (chọn một trong: 'vi', 'en')"
    assert _refused(capsys, "explain", "QC301", "--lang", "xx")[-1] == vi
    monkeypatch.setenv("QUYCHE_LANG", "en")
    assert _refused(capsys, "explain", "QC301", "--lang", "xx")[-1] == (
        "quyche explain: error: argument --lang: invalid choice: 'xx' (choose from 'vi', 'en')")


@pytest.mark.parametrize(("en", "vi"), [
    ("argument --jobs/-j: invalid int value: 'x'", "tham số --jobs/-j: cần một số nguyên, nhận được 'x'"),
    ("argument PATH: expected at least one argument", "tham số PATH: cần ít nhất một giá trị"),
    ("argument --x: expected at most one argument", "tham số --x: cần nhiều nhất một giá trị"),
    ("argument --x: expected 2 arguments", "tham số --x: cần 2 giá trị"),
    ("argument --a: not allowed with argument --b", "tham số --a: không dùng được cùng với --b"),
    ("argument --open: ignored explicit argument 'yes'", "tham số --open: không nhận giá trị 'yes'"),
    ("one of the arguments --against --base is required", "cần một trong các tham số --against --base"),
    ("ambiguous option: --fo could match --format, --fail-on", "tùy chọn không rõ: --fo có thể là --format, --fail-on"),
])
def test_each_argparse_template_has_its_vietnamese(en: str, vi: str) -> None:
    assert translated(en, "vi") == vi
    assert translated(en, "en") == en


def test_a_message_not_known_stays_as_argparse_wrote_it() -> None:
    assert translated("something argparse may say one day", "vi") == "something argparse may say one day"
    assert translated("argument --x: something new", "vi") == "tham số --x: something new"


def test_help_still_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--help"]) == 0
    assert capsys.readouterr().out.startswith("usage: quyche check")
