"""argparse's own errors in the user's language: the parser refuses, the command line says it in Vietnamese or English.

argparse writes its errors in English (``invalid choice: 'bogus'``) and exits. :class:`Parser` raises
:class:`ArgumentsRefused` instead, with its usage line and the message; the command line renders it in the
language asked (:meth:`ArgumentsRefused.render`), read before parsing since ``--lang`` may come after the wrong
argument. The few messages argparse builds (its templates) and the ones our option readers raise are translated
here; any other stays in English, as argparse wrote it.
"""

from __future__ import annotations

import argparse
import re
from typing import NoReturn

from quyche_rules.i18n import Lang

__all__ = ["ArgumentsRefused", "Parser", "translated"]

#: the messages of an argument (after "argument --x: "), as argparse (Python 3.11+) and our readers write them
_ABOUT_ARGUMENT = (
    (r"invalid choice: (?P<value>.*?) \(choose from (?P<choices>.*)\)",
     "lựa chọn không hợp lệ: {value} (chọn một trong: {choices})"),
    (r"expected one argument", "cần một giá trị"),
    (r"expected at most one argument", "cần nhiều nhất một giá trị"),
    (r"expected at least one argument", "cần ít nhất một giá trị"),
    (r"expected (?P<n>\d+) arguments?", "cần {n} giá trị"),
    (r"invalid int value: (?P<value>.*)", "cần một số nguyên, nhận được {value}"),
    (r"invalid (?P<kind>\S+) value: (?P<value>.*)", "giá trị không hợp lệ ({kind}): {value}"),
    (r"not allowed with argument (?P<other>.*)", "không dùng được cùng với {other}"),
    (r"ignored explicit argument (?P<value>.*)", "không nhận giá trị {value}"),
    (r"expected a date YYYY-MM-DD, got (?P<value>.*)", "cần một ngày dạng YYYY-MM-DD, nhận được {value}"),
)
#: the messages about the command line as a whole
_ABOUT_LINE = (
    (r"argument (?P<argument>.+?): (?P<message>.*)", "tham số {argument}: {message}"),
    (r"unrecognized arguments: (?P<arguments>.*)", "không nhận ra tham số: {arguments}"),
    (r"the following arguments are required: (?P<arguments>.*)", "thiếu tham số bắt buộc: {arguments}"),
    (r"one of the arguments (?P<arguments>.*) is required", "cần một trong các tham số {arguments}"),
    (r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)",
     "tùy chọn không rõ: {option} có thể là {matches}"),
)
_ERROR = {"vi": "lỗi", "en": "error"}


def _translate(message: str, table: tuple[tuple[str, str], ...]) -> str | None:
    for pattern, vi in table:
        match = re.fullmatch(pattern, message, re.DOTALL)
        if match is not None:
            parts = match.groupdict()
            if "message" in parts:
                parts["message"] = _translate(parts["message"], _ABOUT_ARGUMENT) or parts["message"]
            return vi.format(**parts)
    return None


def translated(message: str, lang: Lang) -> str:
    """Return argparse's ``message`` in ``lang``: Vietnamese when it is one argparse builds, else as written."""
    if lang == "en":
        return message
    return _translate(message, _ABOUT_LINE) or _translate(message, _ABOUT_ARGUMENT) or message


class ArgumentsRefused(SystemExit):
    """The command line as argparse refused it: the parser's usage line and argparse's message (exit code 2)."""

    def __init__(self, usage: str, prog: str, message: str) -> None:
        super().__init__(2)
        self.usage = usage
        self.prog = prog
        self.message = message

    def render(self, lang: Lang) -> str:
        """Return what argparse would print, its message in ``lang``: the usage line, then ``prog: error: …``."""
        return f"{self.usage}{self.prog}: {_ERROR[lang]}: {translated(self.message, lang)}\n"


class Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`ArgumentsRefused` instead of printing in English and exiting.

    Its subcommands' parsers are of this class too (argparse makes them of the parent's class).
    """

    def error(self, message: str) -> NoReturn:
        """Refuse the command line: raise :class:`ArgumentsRefused` with this parser's usage and ``message``."""
        raise ArgumentsRefused(self.format_usage(), self.prog, message)
