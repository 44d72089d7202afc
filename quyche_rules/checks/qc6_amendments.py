"""QC6xx: amendment operations (target not found, conflicts, numbering, phrase replacements, orphaned duties).

QC601-QC606 (and QC008, a limit of the tool) are about the operations of an amendment file, so consolidation (:mod:`quyche_rules.amend`) reports
them, at the amendment file's line, through :mod:`quyche_rules.amend.state`. QC609 is about two versions: the
comparison (:mod:`quyche_rules.amend.dropped`) reports a duty the new version gives to nobody. QC607 reads the
provenance that consolidation writes (``history``) and runs on any regulation. Their examples carry an
``amendment:`` text that the examples harness applies to the example regulation, comparing the result with it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from quyche_rules.checks.bases import CONFORM, GOV_LEAD, LAYOUT_ANALOGY, amending_analogy
from quyche_rules.checks.registry import check, declare
from quyche_rules.checks.spec import CheckContext, LegalRef
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text

__all__: list[str] = []

#: the module every QC601-QC606 and QC008 hit is made in
_PRODUCER = "quyche_rules.amend.state"

_HEADER = (
    "amendment: {id: sua-doi-mau, amends: mau-toi-thieu, instrument: {number: 2/QĐ-MAU, date: 2024-02-01}, "
    "effective: 2024-03-01}\noperations:\n"
)


#: an example that adds a staff member with a duty of their own (QC606)
_ARCHIVIST = (
    "actors:\n  - {id: chuyen-vien-luu-tru, name: Chuyên viên lưu trữ, kind: staff, parent: van-phong}\n"
    "tasks:\n  - {id: luu-tru, name: Lưu trữ hồ sơ công việc, needs_lead: false}\n"
    "articles:\n"
)
#: an example that adds an article whose second clause cites its first (QC607)
_RECORDS = (
    "articles:\n  - {article: '3', title: Hồ sơ, chapter: II, clauses: [{clause: '1', text: Hồ sơ được lưu tại Văn "
    "phòng.}, {clause: '2', text: Việc khai thác hồ sơ theo khoản 1 Điều này.}]}\n"
)


def _example(operations: str) -> str:
    """Return a snippet whose ``amendment`` text is applied to the minimal fixture."""
    return "amendment: |\n" + textwrap.indent(_HEADER + textwrap.dedent(operations), "  ")


def _pipeline(
    code: str,
    name: str,
    severity: str,
    *,
    title: tuple[str, str],
    message: tuple[str, str],
    rationale: tuple[str, str],
    fix: tuple[str, str],
    legal_basis: tuple[LegalRef, ...],
    examples: tuple[str, str],
    producer: str = _PRODUCER,
) -> None:
    """Declare a check whose findings consolidation (or, with ``producer``, the comparison) reports."""
    declare(code, name, severity, producer=producer, title=title, message=message, rationale=rationale, fix=fix,
            legal_basis=legal_basis, examples=examples)


_pipeline(
    "QC601",
    "target-not-found",
    "error",
    title=(
        "Thao tác sửa đổi nhắm vào quy định hoặc chủ thể không tồn tại",
        "Amendment operation targets a provision or actor that does not exist",
    ),
    message=("{target} {why}{hint}", "{target} {why}{hint}"),
    rationale=(
        "Văn bản sửa đổi phải xác định rõ điều, khoản, điểm được sửa; nhắm sai đích thì phần sửa đổi "
        "không có chỗ áp dụng và quy định cũ vẫn giữ nguyên.",
        "An amending text must name exactly the article, clause and point it changes; a wrong target "
        "changes nothing and leaves the old provision in force.",
    ),
    fix=(
        "Sửa trích dẫn cho đúng điều, khoản, điểm (hoặc mã chủ thể) hiện có",
        "Point the operation at an existing article, clause or point (or actor id)",
    ),
    legal_basis=(),  # an operation that targets nothing changes nothing: a defect whatever the law
    examples=(
        _example("- amend: khoản 9 Điều 1\n  with: {text: Vụ A chủ trì.}\n"),
        _example("- amend: khoản 1 Điều 1\n  with: {text: Vụ A chủ trì xây dựng kế hoạch công tác năm; Vụ B phối "
                 "hợp và trả lời trong 05 ngày làm việc.}\n"),
    ),
)
_pipeline(
    "QC602",
    "conflicting-operations",
    "error",
    title=("Hai thao tác trên cùng một quy định", "Two operations on the same provision"),
    message=(
        "Thao tác {op} trên {target} chồng lên thao tác {other_op} trên {other} (dòng {line})",
        "Operation {op} on {target} overlaps operation {other_op} on {other} (line {line})",
    ),
    rationale=(
        "Hai thao tác trên cùng một quy định (hoặc trên một quy định và phần chứa nó) trong một văn bản "
        "làm kết quả phụ thuộc vào thứ tự viết và thường che mất ý định của người soạn.",
        "Two operations on one provision (or on a provision and the unit containing it) in one instrument "
        "make the result depend on the order written and usually hide the drafter's intent.",
    ),
    fix=(
        "Gộp thành một thao tác: sửa đổi cả đơn vị lớn hơn, hoặc bỏ thao tác thừa",
        "Merge them into one operation on the larger unit, or drop the redundant one",
    ),
    legal_basis=(),  # the result would depend on the order of the operations: a defect whatever the law
    examples=(
        _example("- amend: khoản 1 Điều 1\n  with: {text: Vụ A chủ trì; Vụ B phối hợp trong 05 ngày làm việc.}\n- amend: Điều 1\n  with: {title: Trách nhiệm}\n"),
        _example("- amend: khoản 1 Điều 1\n  with: {text: Vụ A chủ trì; Vụ B phối hợp trong 05 ngày làm việc.}\n- amend: khoản 3 Điều 2\n"
                 "  with: {text: Chánh Văn phòng ký thừa lệnh giấy mời họp.}\n"),
    ),
)
_pipeline(
    "QC603",
    "numbering-broken",
    "warning",
    title=("Điều, khoản, điểm bổ sung làm đứt thứ tự đánh số", "Inserted provision breaks the numbering"),
    message=(
        "Bổ sung {provision} {where}: {why}; có thể dùng {level} {suggest}",
        "Inserting {provision} {where}: {why}; consider {level} {suggest}",
    ),
    rationale=(
        "Điểm theo thứ tự a, b, c, d, đ, e…; khoản, điều liên tục; quy định bổ sung mang hậu tố (4a, 19a) "
        "để không phải đánh số lại và mọi dẫn chiếu cũ vẫn đúng.",
        "Points run a, b, c, d, đ, e…; clauses and articles are consecutive; inserted ones take a suffix "
        "(4a, 19a) so nothing is renumbered and every existing reference stays right.",
    ),
    fix=(
        "Đánh số quy định bổ sung theo quy định đứng trước, dùng hậu tố (4a, a1)",
        "Number the inserted provision after the one before it, with a suffix (4a, a1)",
    ),
    legal_basis=LAYOUT_ANALOGY,
    examples=(
        _example("- insert: {after: khoản 3 Điều 1, clause: {clause: '5', text: Bổ sung.}}\n"),
        _example("- insert: {after: khoản 3 Điều 1, clause: {clause: '3a', text: Bổ sung.}}\n"),
    ),
)
_pipeline(
    "QC604",
    "phrase-replacement-unknown-name",
    "error",
    title=(
        "Cụm từ thay thế tạo ra tên đơn vị không có chủ thể nào",
        "Phrase replacement yields a unit name no actor has",
    ),
    message=(
        "Cụm từ thay thế «{name}» là tên đơn vị mà không chủ thể nào có vào {day}{hint}",
        "The replacement «{name}» names a unit that no actor has on {day}{hint}",
    ),
    rationale=(
        "Tên đơn vị trong quy chế phải khớp cơ cấu tổ chức hiện hành và được dùng thống nhất; một tên mới "
        "không có trong actors.yaml để lại nhiệm vụ cho một đơn vị không tồn tại.",
        "Unit names must match the current organisation and be used consistently; a new name that no "
        "actor has leaves duties with a unit that does not exist.",
    ),
    fix=(
        "Đổi tên đơn vị (rename) hoặc khai báo đơn vị mới trong cùng văn bản, hoặc sửa cụm từ thay thế",
        "Rename or create the unit in the same amendment, or correct the replacement phrase",
    ),
    legal_basis=(),  # the model's integrity: a name no actor bears leaves duties with nobody
    examples=(
        _example("- replace_phrase: {from: Vụ B, to: Vụ C, count: 1}\n"),
        _example("- replace_phrase: {from: Vụ B, to: Vụ A, count: 1}\n"),
    ),
)
_pipeline(
    "QC605",
    "phrase-replacement-count",
    "warning",
    title=(
        "Số lần thay thế cụm từ khác với người soạn liệt kê",
        "Phrase replaced more or fewer times than the drafter listed",
    ),
    message=(
        "Cụm từ «{phrase}» được thay {found} lần, người soạn ghi {expected}: {where}",
        "«{phrase}»: {found} replacement(s) where the drafter listed {expected}: {where}",
    ),
    rationale=(
        "“Thay thế cụm từ … tại …” phải chỉ đúng nơi thay; thay thừa làm đổi cả những chỗ không định đổi, "
        "thay thiếu để lại tên cũ.",
        "“Replace the phrase … at …” must name exactly where; extra replacements change places nobody "
        "meant to, missing ones leave the old wording.",
    ),
    fix=(
        "Liệt kê đúng các điều, khoản, điểm (at) và số lần (count), hoặc sửa cụm từ",
        "List the exact provisions (at) and count, or correct the phrase",
    ),
    legal_basis=amending_analogy("khoản 1 Điều 12"),
    examples=(
        _example("- replace_phrase: {from: Vụ B, to: Vụ A, count: 2}\n"),
        _example("- replace_phrase: {from: Vụ B, to: Vụ A, count: 1}\n"),
    ),
)
_pipeline(
    "QC606",
    "duties-left-without-holder",
    "error",
    title=(
        "Nhiệm vụ của đơn vị đã hợp nhất, giải thể không còn ai đảm nhận",
        "Duties of a merged or dissolved unit left with no holder",
    ),
    message=(
        "{provision}: nhiệm vụ {role} «{task}» của {actor} không còn ai đảm nhận từ {day} "
        "(sau khi {how}){successor}",
        "{provision}: the {role} «{task}» of {actor} has no holder from {day} (after the {how})"
        "{successor}",
    ),
    rationale=(
        "Khi văn bản sửa đổi hợp nhất, chia tách hoặc giải thể đơn vị, nhiệm vụ còn giao cho đơn vị cũ là nhiệm vụ "
        "mồ côi, trừ khi chính văn bản sửa đổi giao lại cho đơn vị kế thừa: mỗi nhiệm vụ phải có người chịu trách nhiệm.",
        "When an amendment merges, splits or dissolves units, a duty still given to an old unit is orphaned unless "
        "the amendment itself reassigns it to the successor: every task needs someone who answers for it.",
    ),
    fix=(
        "Giao lại nhiệm vụ: takes_over: all (hoặc danh sách nhiệm vụ) cho đơn vị kế thừa, hoặc sửa quy định",
        "Reassign it: takes_over: all (or a list of tasks) to the successor, or amend the provision",
    ),
    legal_basis=(*GOV_LEAD, *CONFORM),
    examples=(
        _ARCHIVIST + "  - {article: '3', title: Lưu trữ, chapter: II, clauses: [{clause: '1', text: Chuyên viên lưu trữ "
        "lưu hồ sơ công việc., norms: [{duty: {holder: chuyen-vien-luu-tru, task: luu-tru}}], lint: {ignore: [QC105], "
        "reason: 'Nhiệm vụ mồ côi đã được báo QC606 tại văn bản sửa đổi gây ra nó.'}}]}\n"
        + _example("- dissolve: {actor: chuyen-vien-luu-tru}\n"),
        _ARCHIVIST.replace("actors:\n", "actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan}\n")
        + "  - {article: '3', title: Lưu trữ, chapter: II, clauses: [{clause: '1', text: Chuyên viên lưu trữ "
        "lưu hồ sơ công việc., norms: [{duty: {holder: chuyen-vien-luu-tru, task: luu-tru}}]}]}\n"
        + _example("- dissolve: {actor: chuyen-vien-luu-tru, successor: chanh-van-phong, takes_over: all}\n"
                   "- merge: {actors: [vu-b, vu-c], into: {id: vu-b-c, name: Vụ B và C, head: {id: vu-truong-b-c, "
                   "name: Vụ trưởng Vụ B và C}}, takes_over: all}\n"
                   "- replace_phrase: {from: Vụ B, to: Vụ B và C}\n"),
    ),
)

#: the archivist's filing duty (QC609): the article the amendment below rewrites without it
_FILING = _ARCHIVIST + (
    "  - {article: '3', title: Lưu trữ, chapter: II, clauses: [{clause: '1', text: Chuyên viên lưu trữ lưu hồ sơ "
    "công việc., norms: [{duty: {holder: chuyen-vien-luu-tru, task: luu-tru}}]}]}\n"
)
_pipeline(
    "QC609",
    "duty-dropped",
    "error",
    title=(
        "Nhiệm vụ của chủ thể đã chấm dứt không còn ai đảm nhận trong bản mới",
        "Duty of an ended actor held by nobody in the new version",
    ),
    message=(
        "{actor} {role} «{task}» ({provision} bản cũ); bản mới không giao nhiệm vụ này cho ai{successor}",
        "{actor} {role} «{task}» ({provision}, old version); the new version gives this duty to nobody{successor}",
    ),
    rationale=(
        "Khi một đơn vị hợp nhất, đổi tên hay giải thể, nhiệm vụ của nó chuyển cho đơn vị kế thừa; bản mới của quy "
        "chế phải giao lại từng nhiệm vụ, vì mỗi nhiệm vụ phải có người chịu trách nhiệm. Kiểm tra này so sánh hai "
        "bản: nhiệm vụ (nhiệm vụ và vai trò) mà bản cũ giao cho chủ thể nay đã chấm dứt, còn bản mới không giao cho "
        "ai (cả đơn vị kế thừa lẫn đơn vị khác). Nhiệm vụ vẫn được ghi cho đơn vị đã chấm dứt thì không thuộc kiểm "
        "tra này: QC606 báo khi văn bản sửa đổi để lại nó, QC110 báo tên đơn vị cũ trong một bản quy chế.",
        "When a unit is merged, renamed or dissolved, its duties pass to its successor; the new version of the "
        "regulation must give each of them again, as every task needs someone who answers for it. This check "
        "compares two versions: a duty (task and role) that the old version gave to an actor that has since ended, "
        "and that the new version gives to nobody (neither the successor nor anyone else). A duty still written "
        "for the ended unit is not this check's: QC606 reports it when an amendment left it there, QC110 reports "
        "the old unit's name in a version of the regulation.",
    ),
    fix=(
        "Giao nhiệm vụ cho đơn vị kế thừa (hoặc đơn vị khác) trong bản mới; nếu nhiệm vụ bị bãi bỏ có chủ ý, "
        "ghi rõ trong văn bản",
        "Give the duty to the successor (or another unit) in the new version; if it was abolished on purpose, "
        "say so in the text",
    ),
    legal_basis=(*GOV_LEAD, *CONFORM),
    examples=(
        _FILING + _example("- dissolve: {actor: chuyen-vien-luu-tru, successor: chanh-van-phong, takes_over: all}\n"
                           "- amend: khoản 1 Điều 3\n  with: {text: Hồ sơ công việc được lưu trong 10 ngày làm việc kể từ "
                           "khi kết thúc công việc., norms: [{deadline: {task: luu-tru, within: {working_days: 10}}}]}\n"),
        _FILING + _example("- dissolve: {actor: chuyen-vien-luu-tru, successor: chanh-van-phong, takes_over: all}\n"
                           "- amend: khoản 1 Điều 3\n  with: {text: Chánh Văn phòng lưu hồ sơ công việc.}\n"),
    ),
    producer="quyche_rules.amend.dropped",
)


_GROW = "{from: năm, to: " + " ".join(["năm"] * 40) + "}"
_pipeline(
    "QC008",
    "amendment-result-too-large",
    "error",
    title=(
        "Thay cụm từ làm văn bản lớn quá mức đọc được",
        "Phrase replacement makes the text larger than can be read",
    ),
    message=(
        "Thay «{phrase}» bằng «{to}» làm {what} dài {size} byte, quá giới hạn {limit} byte; thao tác không được "
        "áp dụng",
        "Replacing «{phrase}» with «{to}» would make {what} {size} bytes long, over the limit of {limit} bytes; "
        "the operation is not applied",
    ),
    rationale=(
        "Mỗi lần thay một cụm từ ngắn bằng một cụm từ dài, văn bản có thể tăng gấp nhiều lần; văn bản hợp nhất "
        "phải đọc lại được với cùng giới hạn như văn bản gốc (mỗi tệp điều, cả quy chế).",
        "Replacing a short phrase with a long one can multiply the text each time; the consolidated text must "
        "load again under the same limits as the original (each article file, the whole regulation).",
    ),
    fix=(
        "Kiểm tra cụm từ thay thế (from, to): cụm từ mới không được chứa và lặp lại cụm từ cũ",
        "Check the replacement (from, to): the new phrase must not contain and repeat the old one",
    ),
    legal_basis=(),  # a limit of the tool, as QC005 is: no law sets it
    examples=(
        _example("".join(f"- replace_phrase: {_GROW}\n" for _ in range(4))),
        _example("- replace_phrase: {from: kế hoạch công tác năm, to: kế hoạch công tác hằng năm, count: 1}\n"),
    ),
)


def _amendments(*texts: str) -> str:
    """Return a snippet whose ``amendment`` texts (several) are applied to the minimal fixture, in order."""
    return "amendment:\n" + "".join("  - |\n" + textwrap.indent(t, "    ") for t in texts)


#: one amendment of the minimal fixture, whole (header and operations)
_ONE = _HEADER + "- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc việc thực hiện.}\n"
_pipeline(
    "QC009",
    "duplicate-amendment",
    "error",
    title=("Một văn bản sửa đổi được đưa vào hai lần", "The same amendment given twice"),
    message=(
        "Văn bản sửa đổi {id} đã có ở {first} ({how}); lần này không được áp dụng",
        "Amendment {id} is already given in {first} ({how}); this one is not applied",
    ),
    rationale=(
        "Mỗi văn bản sửa đổi chỉ áp dụng một lần; hai tệp cùng mã (hay một tệp đưa vào hai lần) làm kết quả hợp "
        "nhất phụ thuộc vào thứ tự đọc tệp, và che mất một văn bản thật.",
        "Each amendment applies once; two files with one id (or one file given twice) make the consolidated "
        "text depend on the order the files are read, and hide a real amendment.",
    ),
    fix=(
        "Bỏ tệp trùng khỏi lệnh, hoặc đặt mã riêng cho mỗi văn bản sửa đổi",
        "Drop the duplicate from the command, or give each amendment its own id",
    ),
    legal_basis=(),  # an input error, as QC002 (a duplicate key) is
    examples=(
        _amendments(_ONE, _ONE),
        _amendments(_ONE, _ONE.replace("id: sua-doi-mau,", "id: sua-doi-mau-2,").replace("2/QĐ-MAU", "3/QĐ-MAU")),
    ),
)
_pipeline(
    "QC608",
    "amendment-in-effect-too-early",
    "error",
    title=(
        "Văn bản sửa đổi có hiệu lực trước khi được ký hoặc trước văn bản được sửa",
        "Amendment in effect before it is signed, or before the text it amends",
    ),
    message=(
        "Văn bản sửa đổi {id} có hiệu lực từ {effective}, trước {what} ({day})",
        "Amendment {id} takes effect on {effective}, before {what} ({day})",
    ),
    rationale=(
        "Thời điểm có hiệu lực được tính từ ngày ký ban hành, không sớm hơn; và không thể sửa một văn bản khi nó "
        "chưa có hiệu lực. Ngày hiệu lực sớm hơn thường là nhầm năm hoặc nhầm văn bản được sửa.",
        "A text takes effect from its signing, never before; and a text cannot be amended before it is in force. "
        "An earlier date is usually a wrong year or the wrong regulation amended.",
    ),
    fix=(
        "Sửa ngày hiệu lực (effective) hoặc ngày ký (instrument.date), hoặc chọn đúng quy chế được sửa (amends)",
        "Correct the effective date or the signing date (instrument.date), or the regulation amended (amends)",
    ),
    legal_basis=(),  # nothing takes effect before it is signed or amends what is not yet in force: logic
    examples=(
        _example("- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc việc thực hiện.}\n")
        .replace("effective: 2024-03-01", "effective: 2024-01-15"),
        _example("- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc việc thực hiện.}\n"),
    ),
)


@check(
    "QC607",
    "reference-to-repealed-provision",
    "warning",
    title=("Dẫn chiếu tới quy định đã bị bãi bỏ", "Reference to a repealed provision"),
    message=(
        "{provision} dẫn chiếu {target}, quy định đã bị bãi bỏ{by}",
        "{provision} refers to {target}, which has been repealed{by}",
    ),
    rationale=(
        "Bãi bỏ một quy định mà không sửa các quy định dẫn chiếu tới nó để lại dẫn chiếu treo; văn bản mới "
        "phải tự sửa đổi, bãi bỏ các quy định có liên quan.",
        "Repealing a provision without amending those that refer to it leaves dangling references; the "
        "amending text must itself amend or repeal the provisions concerned.",
    ),
    fix=(
        "Sửa quy định dẫn chiếu (bỏ hoặc thay dẫn chiếu), hoặc không bãi bỏ quy định được dẫn chiếu",
        "Amend the referring provision (drop or redirect the reference), or keep the provision it cites",
    ),
    legal_basis=amending_analogy("khoản 2 Điều 12"),
    examples=(
        _RECORDS + _example("- repeal: khoản 1 Điều 3\n"),
        _RECORDS + _example("- repeal: khoản 2 Điều 3\n"),
    ),
)
def reference_to_repealed_provision(ctx: CheckContext) -> Iterator[Hit]:
    """Provision text cites a provision that a consolidated amendment repealed (its ``history`` says so)."""
    repealed: dict[str, str] = {}
    for article in ctx.reg.articles:
        nodes: list[tuple[str, object]] = [(f"Điều {article.article}", article)]
        for clause in article.clauses:
            c_phrase = f"khoản {clause.clause} Điều {article.article}"
            nodes.append((c_phrase, clause))
            nodes.extend((f"điểm {p.point} {c_phrase}", p) for p in clause.points)
        for phrase, node in nodes:
            history = getattr(node, "history", ())
            if history and history[-1].action == "repealed":
                repealed[phrase] = history[-1].instrument or history[-1].amendment
    if not repealed:
        return
    for source, targets in sorted(ctx.cites.items()):
        if source in repealed:
            continue
        for target in dict.fromkeys(targets):
            if target in repealed:
                by = repealed[target]
                yield Hit(
                    (source, target),
                    values={"provision": source, "target": target, "by": Text.of(f" (bởi {by})", f" (by {by})")},
                )
