"""The models' own checks (their ``ValueError`` messages, written in English) in both languages.

A model validator says what is wrong in English (``"valid_until is before valid_from"``); the loader shows it in
the user's language through :func:`translate`, which knows every message of ``quyche_rules/model`` (a test
raises each one). A message it does not know is shown as written.
"""

from __future__ import annotations

import re

from quyche_rules.citations import KEYWORDS, part_problem
from quyche_rules.i18n import Text

__all__ = ["expected_of", "translate"]

_SLUG_HOW = ("chữ thường không dấu, chữ số và dấu gạch nối", "lower-case ASCII letters, digits and hyphens")

#: (pattern of the English message, Vietnamese, English, fix in Vietnamese, fix in English[, what was expected in
#: Vietnamese, in English: for a check of two keys, the model's own expected text says nothing of]); {name} from the
#: match
_TABLE: tuple[tuple[str, ...], ...] = (
    (r"(?P<v>'.*') is not an ASCII slug id \(.*\); use (?P<s>'.*')",
     f"{{v}} không phải một mã ASCII ({_SLUG_HOW[0]}); dùng {{s}}",
     f"{{v}} is not an ASCII id ({_SLUG_HOW[1]}); use {{s}}",
     "Đổi thành {s}", "Write {s}"),
    (r"a name is one line: the character (?P<c>U\+[0-9A-F]{4}) at position (?P<at>\d+) breaks the line or is a "
     r"control character",
     "Tên chỉ có một dòng: ký tự {c} ở vị trí {at} xuống dòng hoặc là ký tự điều khiển",
     "A name is one line: the character {c} at position {at} breaks the line or is a control character",
     "Viết tên trên một dòng, bỏ ký tự {c} (trong YAML: \\n, \\u2028 trong chuỗi ngoặc kép, hoặc một khối |)",
     "Write the name on one line without {c} (in YAML: \\n, \\u2028 in a double-quoted string, or a | block)",
     "một tên trên một dòng, không có ký tự điều khiển", "a name on one line, without control characters"),
    (r"a legal basis names an instrument by its id.*",
     "Căn cứ pháp lý ghi bằng mã văn bản trong danh mục luật (quyche law), không ghi số hiệu và tên",
     "A legal basis names an instrument by its law-catalogue id (quyche law), not by number and title",
     "Viết '- nd-30-2020' hoặc '- {id: nd-30-2020, provision: Điều 13}'; văn bản danh mục chưa có thì mô tả trong "
     "instruments: của regulation.yaml và ghi mã của nó ở đây",
     "Write '- nd-30-2020' or '- {id: nd-30-2020, provision: Điều 13}'; describe an instrument the catalogue lacks "
     "under instruments: in regulation.yaml and name it here by its id"),
    (r"a deadline needs exactly one of (?P<units>.*) \(got (?P<got>.*)\)",
     "Thời hạn cần đúng một đơn vị trong số {units} (đang ghi: {got})",
     "A deadline needs exactly one of {units} (written: {got})",
     "Giữ lại đúng một đơn vị, ví dụ {working_days: 5}", "Keep exactly one unit, e.g. {working_days: 5}"),
    (r"(?P<w>before|min) goes with a period \((?P<units>.*)\); (?P<unit>\w+) is not one",
     "{w} chỉ đi với một khoảng thời gian ({units}); {unit} không phải", "{w} goes with a period ({units}); "
     "{unit} is not one", "Bỏ {w}, hoặc dùng một khoảng thời gian", "Remove {w}, or use a period"),
    (r"a lead time \(before: true\) counts back from an event.*",
     "Thời hạn tính lùi (before: true) tính từ một sự kiện: thiếu from_event",
     "A lead time (before: true) counts back from an event: from_event is missing",
     "Thêm from_event, ví dụ {working_days: 3, before: true, from_event: phiên họp}",
     "Add from_event, e.g. {working_days: 3, before: true, from_event: phiên họp}"),
    (r"min \((?P<min>\d+)\) is more than (?P<unit>\w+) \((?P<amount>\d+)\).*",
     "min ({min}) lớn hơn {unit} ({amount}): khoảng thời hạn đi từ min đến số lượng",
     "min ({min}) is more than {unit} ({amount}): a range goes from min up to the amount",
     "“từ 02 đến 05 ngày làm việc” là {unit}: 5, min: 2", "“từ 02 đến 05 ngày làm việc” is {unit}: 5, min: 2"),
    (r"next_month goes with day_of_month.*", "next_month chỉ đi với day_of_month",
     "next_month goes with day_of_month", "Viết {day_of_month: 5, next_month: true}",
     "Write {day_of_month: 5, next_month: true}"),
    (r"latest goes with a fixed date.*", "latest chỉ đi với một ngày cố định (day_of_year hoặc day_of_month)",
     "latest goes with a fixed date (day_of_year or day_of_month)",
     "“chậm nhất ngày 25 hằng tháng” là {day_of_month: 25, latest: true}; với một khoảng thời gian, bỏ latest",
     "“chậm nhất ngày 25 hằng tháng” is {day_of_month: 25, latest: true}; with a period, remove latest"),
    (r"the step (?P<s>'.*') is listed twice.*", "Bước {s} được ghi hai lần", "The step {s} is listed twice",
     "Mỗi quy định là một bước của quy trình: bỏ lần ghi thừa", "Each provision is one step: remove the repeat"),
    (r"stands_for \(lead or cooperate\) goes with an actor of kind role.*",
     "stands_for (lead hoặc cooperate) chỉ đi với chủ thể loại role, và chủ thể loại role phải có nó",
     "stands_for (lead or cooperate) goes with an actor of kind role, and a role needs it",
     "“Đơn vị chủ trì” là {kind: role, stands_for: lead}; chủ thể khác thì bỏ stands_for",
     "“Đơn vị chủ trì” is {kind: role, stands_for: lead}; for any other actor remove stands_for"),
    (r"at_next names the event.*", "at_next (lần gần nhất của một sự kiện) cần from_event nêu sự kiện đó",
     "at_next (the next occurrence of an event) needs from_event naming the event",
     "“tại phiên họp Chính phủ gần nhất” là {at_next: true, from_event: phiên họp Chính phủ}",
     "“tại phiên họp Chính phủ gần nhất” is {at_next: true, from_event: phiên họp Chính phủ}"),
    (r"(?P<v>'.*') is not a day of the year.*", "{v} không phải một ngày trong năm (MM-DD)",
     "{v} is not a day of the year (MM-DD)", "Viết MM-DD, ví dụ \"11-15\" cho ngày 15/11",
     "Write MM-DD, e.g. \"11-15\" for 15 November"),
    (r"(?P<v>'.*') is not a check code.*", "{v} không phải mã kiểm tra (QC và ba chữ số)",
     "{v} is not a check code (QC and three digits)", "Viết mã như QC204 (quyche rules liệt kê các mã)",
     "Write a code such as QC204 (quyche rules lists them)"),
    (r"`with` gives nothing to change.*", "with không nêu gì để sửa", "`with` gives nothing to change",
     "Viết ít nhất một trong: title, text, norms, clauses, points, lint",
     "Write at least one of title, text, norms, clauses, points or lint"),
    (r"(?P<lvl>an article|a clause|a point) \((?P<c>.*)\) has no (?P<what>.*): articles have .*",
     "{c} không có {what}: điều có title và clauses, khoản có points", "{c} has no {what}: articles have a title "
     "and clauses, clauses have points", "Bỏ {what} khỏi with, hoặc sửa trích dẫn",
     "Remove {what} from `with`, or correct the citation"),
    (r"insert exactly one of article, clause or point \(got (?P<got>.*)\)",
     "insert cần đúng một trong article, clause, point (đang ghi: {got})",
     "insert takes exactly one of article, clause or point (written: {got})",
     "Giữ đúng một khóa article, clause hoặc point", "Keep exactly one of the keys article, clause or point"),
    (r"give either `after` or `into`, not both", "Ghi after hoặc into, không ghi cả hai",
     "Give either `after` or `into`, not both", "Bỏ một trong hai khóa", "Remove one of the two keys"),
    (r"an article is inserted `after` another article.*", "Một điều được bổ sung vào sau (after) một điều khác; "
     "into dành cho khoản và điểm", "An article is inserted `after` another article; `into` is for clauses and "
     "points", "Dùng after: Điều N", "Use after: Điều N"),
    (r"say where the clause or point goes.*", "Chưa nói khoản hoặc điểm được bổ sung vào đâu",
     "insert: say where the clause or point goes", "Thêm after: khoản 2 Điều 5, hoặc into: Điều 5",
     "Add after: khoản 2 Điều 5, or into: Điều 5"),
    (r"takes_over needs a successor", "takes_over cần một đơn vị kế thừa (successor)",
     "takes_over needs a successor", "Thêm successor: MÃ-ĐƠN-VỊ, hoặc bỏ takes_over",
     "Add successor: UNIT-ID, or remove takes_over"),
    (r"collective \(how a collective decides\) is for a collective or mixed regime, not headship",
     "collective (cách tập thể quyết định) chỉ dành cho chế độ tập thể hoặc hỗn hợp, không phải chế độ thủ trưởng",
     "collective (how a collective decides) is for a collective or mixed regime, not headship",
     "Đặt regime: collective hoặc mixed nếu tập thể quyết định, hoặc bỏ khối collective",
     "Set regime: collective or mixed if a collective decides, or remove the collective block",
     "collective chỉ đi cùng regime: collective hoặc mixed", "collective only with regime: collective or mixed"),
    (r"quorum (?P<v>'.*') is not a share of the members", "quorum {v} không phải một phần của số thành viên",
     "quorum {v} is not a share of the members", "Viết một phân số từ 1/N đến N/N, ví dụ \"2/3\", hoặc majority, all",
     "Write a fraction from 1/N to N/N, e.g. \"2/3\", or majority or all",
     "một phân số không quá 1, lớn hơn 0", "a fraction above 0 and at most 1"),
    (r"valid_until is before valid_from", "valid_until trước valid_from", "valid_until is before valid_from",
     "Sửa một trong hai ngày", "Correct one of the two dates",
     "valid_from không sau valid_until", "valid_from on or before valid_until"),
    (r"members and member_kind are for an actor of kind group", "members và member_kind chỉ dành cho chủ thể "
     "loại group", "members and member_kind are for an actor of kind group", "Đổi kind thành group, hoặc bỏ "
     "members và member_kind", "Change kind to group, or remove members and member_kind"),
    (r"a citation names at least a chapter or an article.*", "Trích dẫn trống: cần ít nhất một chương hoặc một điều",
     "An empty citation: it names at least a chapter or an article", "Ghi Điều hoặc Chương",
     "Name the article or the chapter"),
    (r"a clause or point needs its article.*", "Khoản, điểm phải thuộc một điều", "A clause or point needs its "
     "article", "Thêm Điều", "Add the article"),
    (r"a section needs its chapter.*", "Mục phải thuộc một chương", "A section needs its chapter", "Thêm Chương",
     "Add the chapter"),
    (r"effective is before signed.*", "Ngày hiệu lực trước ngày ký", "effective is before signed",
     "Sửa một trong hai ngày", "Correct one of the two dates",
     "ngày hiệu lực không trước ngày ký", "effective on or after signed"),
    (r"give replaced_by \(with its from date\) or ended, not both", "Ghi replaced_by hoặc ended, không ghi cả hai",
     "Give replaced_by or ended, not both", "Bỏ một trong hai khóa", "Remove one of the two keys"),
    (r"replaced_by.from is not after effective", "replaced_by.from không sau ngày hiệu lực",
     "replaced_by.from is not after effective", "Sửa ngày", "Correct the date",
     "replaced_by.from sau ngày hiệu lực", "replaced_by.from after effective"),
    (r"practice_of names whose rules.*", "practice_of chỉ dành cho standing: practice", "practice_of is for "
     "standing: practice only", "Bỏ practice_of, hoặc đặt standing: practice",
     "Remove practice_of, or set standing: practice"),
    (r"provision (?P<p>'.*') quoted twice", "Quy định {p} được trích hai lần", "The provision {p} is quoted twice",
     "Bỏ một lần trích", "Remove one of the quotes"),
)
_COMPILED = tuple((re.compile(row[0], re.DOTALL), row[1:5], row[5:]) for row in _TABLE)
_LEVEL_BY_KEY = {"article": "article", "clause": "clause", "point": "point", "chapter": "chapter",
                 "section": "section"}


def _fill(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def expected_of(message: str) -> Text | None:
    """Return what a validator's check expected, where the table says (two values in order: which way round)."""
    for pattern, _, expected in _COMPILED:
        if expected and pattern.fullmatch(message) is not None:
            return Text.of(expected[0], expected[1])
    return None


def translate(message: str, key: str, given: object) -> tuple[Text, Text | None]:
    """Return a validator's message in both languages, and its fix when the table has one.

    ``key`` is the key the value was written under and ``given`` the value, for the messages that say only
    "expected …" (a provision number: recomputed in both languages).
    """
    level = _LEVEL_BY_KEY.get(key)
    if level is not None and isinstance(given, str):
        problem = part_problem(level, given)  # type: ignore[arg-type]
        if problem is not None:
            expected, fix = problem
            word = KEYWORDS[level]  # type: ignore[index]
            return (Text.of(f"{word} {given!r} không hợp lệ: cần {expected.vi}",
                            f"invalid {level} number {given!r}: expected {expected.en}"), fix)
    for pattern, (vi, en, fix_vi, fix_en), _ in _COMPILED:
        found = pattern.fullmatch(message)
        if found is not None:
            values = {k: v for k, v in found.groupdict().items() if v is not None}
            vi_values = {k: v.replace(" or ", " hoặc ") for k, v in values.items()}
            if vi_values.get("got") == "none":
                vi_values["got"] = "không có"
            return (Text.of(_fill(vi, vi_values), _fill(en, values)),
                    Text.of(_fill(fix_vi, vi_values), _fill(fix_en, values)))
    return Text.of(message, message), None
