"""QC601-QC606: amendment operations (target not found, conflicts, numbering, phrase replacements, new actors).

They are about the operations of an amendment file, so consolidation (:mod:`quyche_rules.amend`) reports them,
at the amendment file's line, through :mod:`quyche_rules.amend.state` (:mod:`quyche_rules.checks.qc6_declare`).
Their examples carry an ``amendment:`` text that the examples harness applies to the example regulation,
comparing the result with it. The QC6xx about versions are in :mod:`quyche_rules.checks.qc6_versions`.
"""

from __future__ import annotations

from quyche_rules.checks.bases import CONFORM, GOV_LEAD, LAYOUT_ANALOGY, amending_analogy
from quyche_rules.checks.qc6_declare import ARCHIVIST, example, pipeline_check

__all__: list[str] = []


pipeline_check(
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
        example("- amend: khoản 9 Điều 1\n  with: {text: Vụ A chủ trì.}\n"),
        example("- amend: khoản 1 Điều 1\n  with: {text: Vụ A chủ trì xây dựng kế hoạch công tác năm; Vụ B phối "
                 "hợp và trả lời trong 05 ngày làm việc.}\n"),
    ),
)
pipeline_check(
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
        example("- amend: khoản 1 Điều 1\n  with: {text: Vụ A chủ trì; Vụ B phối hợp trong 05 ngày làm việc.}\n- amend: Điều 1\n  with: {title: Trách nhiệm}\n"),
        example("- amend: khoản 1 Điều 1\n  with: {text: Vụ A chủ trì; Vụ B phối hợp trong 05 ngày làm việc.}\n- amend: khoản 3 Điều 2\n"
                 "  with: {text: Chánh Văn phòng ký thừa lệnh giấy mời họp.}\n"),
    ),
)
pipeline_check(
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
        example("- insert: {after: khoản 3 Điều 1, clause: {clause: '5', text: Bổ sung.}}\n"),
        example("- insert: {after: khoản 3 Điều 1, clause: {clause: '3a', text: Bổ sung.}}\n"),
    ),
)
pipeline_check(
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
        example("- replace_phrase: {from: Vụ B, to: Vụ C, count: 1}\n"),
        example("- replace_phrase: {from: Vụ B, to: Vụ A, count: 1}\n"),
    ),
)
pipeline_check(
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
        example("- replace_phrase: {from: Vụ B, to: Vụ A, count: 2}\n"),
        example("- replace_phrase: {from: Vụ B, to: Vụ A, count: 1}\n"),
    ),
)
pipeline_check(
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
        ARCHIVIST + "  - {article: '3', title: Lưu trữ, chapter: II, clauses: [{clause: '1', text: Chuyên viên lưu trữ "
        "lưu hồ sơ công việc., norms: [{duty: {holder: chuyen-vien-luu-tru, task: luu-tru}}], lint: {ignore: [QC105], "
        "reason: 'Nhiệm vụ mồ côi đã được báo QC606 tại văn bản sửa đổi gây ra nó.'}}]}\n"
        + example("- dissolve: {actor: chuyen-vien-luu-tru}\n"),
        ARCHIVIST.replace("actors:\n", "actors:\n  - {id: vu-c, name: Vụ C, kind: unit, parent: co-quan}\n")
        + "  - {article: '3', title: Lưu trữ, chapter: II, clauses: [{clause: '1', text: Chuyên viên lưu trữ "
        "lưu hồ sơ công việc., norms: [{duty: {holder: chuyen-vien-luu-tru, task: luu-tru}}]}]}\n"
        + example("- dissolve: {actor: chuyen-vien-luu-tru, successor: chanh-van-phong, takes_over: all}\n"
                   "- merge: {actors: [vu-b, vu-c], into: {id: vu-b-c, name: Vụ B và C, head: {id: vu-truong-b-c, "
                   "name: Vụ trưởng Vụ B và C}}, takes_over: all}\n"
                   "- replace_phrase: {from: Vụ B, to: Vụ B và C}\n"),
    ),
)

#: the archivist's filing duty (QC609): the article the amendment below rewrites without it
