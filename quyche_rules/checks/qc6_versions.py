"""QC6xx about versions and about the amendments given, and what consolidation cannot do.

A duty the new version gives to nobody (QC609: the comparison, :mod:`quyche_rules.amend.dropped`, reports it),
a provision citing one that was repealed (QC607: it reads the provenance consolidation writes, ``history``, and
runs on any regulation), an amendment given twice (QC009) or in effect before what it amends (QC608), and a
phrase replacement whose result is too large to read (QC008, a limit of the tool).
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterator

from quyche_rules.checks.bases import CONFORM, GOV_LEAD, amending_analogy
from quyche_rules.checks.qc6_declare import ARCHIVIST, HEADER, RECORDS, example, pipeline_check
from quyche_rules.checks.registry import check
from quyche_rules.checks.spec import CheckContext
from quyche_rules.findings import Hit
from quyche_rules.i18n import Text

__all__: list[str] = []


_FILING = ARCHIVIST + (
    "  - {article: '3', title: Lưu trữ, chapter: II, clauses: [{clause: '1', text: Chuyên viên lưu trữ lưu hồ sơ "
    "công việc., norms: [{duty: {holder: chuyen-vien-luu-tru, task: luu-tru}}]}]}\n"
)
pipeline_check(
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
        _FILING + example("- dissolve: {actor: chuyen-vien-luu-tru, successor: chanh-van-phong, takes_over: all}\n"
                           "- amend: khoản 1 Điều 3\n  with: {text: Hồ sơ công việc được lưu trong 10 ngày làm việc kể từ "
                           "khi kết thúc công việc., norms: [{deadline: {task: luu-tru, within: {working_days: 10}}}]}\n"),
        _FILING + example("- dissolve: {actor: chuyen-vien-luu-tru, successor: chanh-van-phong, takes_over: all}\n"
                           "- amend: khoản 1 Điều 3\n  with: {text: Chánh Văn phòng lưu hồ sơ công việc.}\n"),
    ),
    producer="quyche_rules.amend.dropped",
)


_GROW = "{from: năm, to: " + " ".join(["năm"] * 40) + "}"
pipeline_check(
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
        example("".join(f"- replace_phrase: {_GROW}\n" for _ in range(4))),
        example("- replace_phrase: {from: kế hoạch công tác năm, to: kế hoạch công tác hằng năm, count: 1}\n"),
    ),
)


def _amendments(*texts: str) -> str:
    """Return a snippet whose ``amendment`` texts (several) are applied to the minimal fixture, in order."""
    return "amendment:\n" + "".join("  - |\n" + textwrap.indent(t, "    ") for t in texts)


#: one amendment of the minimal fixture, whole (header and operations)
_ONE = HEADER + "- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc việc thực hiện.}\n"
pipeline_check(
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
        _amendments(_ONE, _ONE.replace("id: sua-doi-mau,", "id: sua-doi-mau-2,").replace("2/QĐ-MAU", "3/QĐ-MAU")
                    .replace("effective: 2024-03-01", "effective: 2024-04-01")),  # (the same day: QC602)
    ),
)
pipeline_check(
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
        example("- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc việc thực hiện.}\n")
        .replace("effective: 2024-03-01", "effective: 2024-01-15"),
        example("- amend: khoản 2 Điều 1\n  with: {text: Chánh Văn phòng đôn đốc việc thực hiện.}\n"),
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
        RECORDS + example("- repeal: khoản 1 Điều 3\n"),
        RECORDS + example("- repeal: khoản 2 Điều 3\n"),
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
