"""QC0xx: input and structure (YAML, schema, numbering, titles, duplicate citations).

QC001-QC007 are reported by the loader (:mod:`quyche_rules.loading.files`), which finds them while reading a
file; QC020 and QC021 by the suppression pass (:mod:`quyche_rules.checks.suppressions`).
"""

from __future__ import annotations

from collections.abc import Iterator

from quyche_rules.checks.bases import LAYOUT_ANALOGY
from quyche_rules.checks.registry import check, declare
from quyche_rules.checks.spec import CheckContext
from quyche_rules.citations import is_next_in_sequence
from quyche_rules.findings import Hit

__all__: list[str] = []



_LOADER = "quyche_rules.loading.files"
#: the message of every loader finding: what is wrong, then what was expected
_LOADER_MESSAGE = ("{what}; cần {expected}", "{what}; expected {expected}")


def _loader(code: str, name: str, title: tuple[str, str], rationale: tuple[str, str], fix: tuple[str, str],
            examples: tuple[str, str]) -> None:
    """Declare a check whose findings the loader reports."""
    declare(code, name, "error", producer=_LOADER, title=title, message=_LOADER_MESSAGE, rationale=rationale,
            fix=fix, examples=examples)


_loader("QC001", "yaml-syntax", ("YAML không hợp lệ", "Invalid YAML"),
          ("Tệp không đọc được thì mọi kiểm tra khác đều không chạy được.",
           "A file that cannot be parsed hides everything else in it."),
          ("Sửa cú pháp tại dòng được chỉ ra", "Fix the syntax at the line shown"),
          ('files: {"articles/dieu-09.yaml": "article: [9\\n"}', "articles: []"))
_loader("QC002", "duplicate-key", ("Khóa YAML bị lặp", "Duplicate YAML key"),
          ("Với khóa lặp, YAML thường giữ giá trị sau và lặng lẽ bỏ giá trị trước.",
           "With a duplicate key, YAML silently keeps one value and drops the other."),
          ("Xóa hoặc gộp một khóa", "Remove or merge one of the keys"),
          ('files: {"articles/dieu-09.yaml": "article: \\"9\\"\\narticle: \\"10\\"\\ntitle: Kiểm thử\\n"}', "articles: []"))
_loader("QC003", "schema-violation", ("Tệp không đúng lược đồ", "File does not match the schema"),
          ("Khóa lạ hoặc sai kiểu thường là lỗi gõ khiến một quy định bị bỏ qua.",
           "An unknown key or a wrong type is usually a typo that makes a provision silently ignored."),
          ("Sửa theo lược đồ (quyche schema)", "Correct it as the schema says (quyche schema)"),
          ('files: {"articles/dieu-09.yaml": "article: \\"9\\"\\ntitle: Kiểm thử\\ntitel: Y\\n"}', "articles: []"))
_loader("QC004", "unsafe-yaml", ("YAML không an toàn (thẻ, neo, bí danh)", "Unsafe YAML (tags, anchors, aliases)"),
          ("Thẻ Python có thể chạy mã; bí danh có thể nở thành hàng tỷ phần tử.",
           "Python tags can run code; aliases can expand to billions of items."),
          ("Viết dữ liệu thuần, không thẻ, không bí danh", "Write plain data, without tags or aliases"),
          ('files: {"articles/dieu-09.yaml": "article: !!python/object:os.system {}\\n"}', "articles: []"))
_loader("QC005", "input-too-large", ("Tệp quá lớn hoặc lồng quá sâu", "File too large or nested too deeply"),
          ("Giới hạn kích thước và độ sâu giữ cho công cụ nhanh và an toàn trước dữ liệu độc hại.",
           "Size and depth caps keep the tool fast and safe against hostile input."),
          ("Tách tệp; làm phẳng cấu trúc", "Split the file; flatten the structure"),
          ('files: {"articles/dieu-09.yaml": "' + "[" * 70 + "]" * 70 + '"}', "articles: []"))
_loader("QC006", "encoding-error", ("Tệp không phải UTF-8", "File is not UTF-8"),
          ("Tiếng Việt sai mã hóa làm tên đơn vị và nhiệm vụ không khớp nhau.",
           "Mis-encoded Vietnamese makes unit and task names fail to match."),
          ("Lưu tệp với mã hóa UTF-8", "Save the file as UTF-8"),
          ('files: {"articles/dieu-09.yaml": !!binary "YXJ0aWNsZTog/w=="}', "articles: []"))
_loader("QC007", "missing-file", ("Thiếu tệp bắt buộc", "Required file missing"),
          ("Thiếu regulation.yaml hoặc actors.yaml thì không dựng được mô hình quy chế.",
           "Without regulation.yaml or actors.yaml there is no regulation to check."),
          ("Tạo tệp còn thiếu", "Create the missing file"),
          ("delete: [actors.yaml]", "articles: []"))
@check(
    "QC010", "numbering-out-of-sequence", "warning",
    title=("Đánh số điều, khoản, điểm không liên tục", "Article, clause or point numbering out of sequence"),
    message=("{level} {number} đứng sau {previous}: thứ tự không liên tục", "{level} {number} follows {previous}: out of sequence"),
    rationale=("Điểm theo thứ tự a, b, c, d, đ, e, g…; khoản và điều đánh số liên tục, điều bổ sung mang hậu tố (4a). "
               "Số nhảy cóc làm trích dẫn trỏ sai.",
               "Points run a, b, c, d, đ, e, g…; clauses and articles are consecutive, inserted ones take a suffix (4a). "
               "Gaps make citations point at the wrong place."),
    fix=("Đánh lại số cho liên tục, hoặc dùng hậu tố cho mục bổ sung", "Renumber, or use a suffix for an inserted item"),
    legal_basis=LAYOUT_ANALOGY,
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, points: [{point: a, text: a}, {point: b, text: b}, {point: d, text: d}]}]}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: t, points: [{point: a, text: a}, {point: b, text: b}]}]}"),
)
def numbering_out_of_sequence(ctx: CheckContext) -> Iterator[Hit]:
    """Articles, clauses and points follow Vietnamese numbering (đ after d; suffixes for insertions)."""
    prev_article: str | None = None
    for article in ctx.reg.articles:
        a_phrase = f"Điều {article.article}"
        if article.article != prev_article and not is_next_in_sequence(prev_article, article.article, "article"):
            yield Hit((a_phrase,), values={"level": "Điều", "number": article.article,
                                           "previous": prev_article or "—"}, at=article.loc)
        prev_article = article.article
        prev_clause: str | None = None
        for clause in article.clauses:
            c_phrase = f"khoản {clause.clause} Điều {article.article}"
            if clause.clause != prev_clause and not is_next_in_sequence(prev_clause, clause.clause, "clause"):
                yield Hit((c_phrase,), values={"level": "Khoản", "number": clause.clause,
                                               "previous": prev_clause or "—"}, at=clause.loc)
            prev_clause = clause.clause
            prev_point: str | None = None
            for point in clause.points:
                if point.point != prev_point and not is_next_in_sequence(prev_point, point.point, "point"):
                    yield Hit((f"điểm {point.point} {c_phrase}",), values={
                        "level": "Điểm", "number": point.point, "previous": prev_point or "—"}, at=point.loc)
                prev_point = point.point


@check(
    "QC011", "duplicate-citation", "error",
    title=("Hai quy định cùng số", "Two provisions with the same number"),
    message=("{phrase} được viết hai lần", "{phrase} is written twice"),
    rationale=("Hai điều hoặc khoản cùng số làm mọi trích dẫn tới chúng trở nên mơ hồ.",
               "Two articles or clauses with one number make every citation of them ambiguous."),
    fix=("Đánh số lại một trong hai quy định", "Renumber one of the two provisions"),
    legal_basis=(),  # the model's integrity: a rule of the tool, no law needed
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: a}, {clause: '1', text: b}]}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, clauses: [{clause: '1', text: a}, {clause: '2', text: b}]}"),
)
def duplicate_citation(ctx: CheckContext) -> Iterator[Hit]:
    """No two provisions share a citation."""
    seen: set[str] = set()
    for prov in ctx.reg.provisions:
        if prov.phrase in seen:
            yield Hit((prov.phrase,), values={"phrase": prov.phrase}, at=prov.location)
        seen.add(prov.phrase)


@check(
    "QC012", "unknown-chapter", "error",
    title=("Điều thuộc chương hoặc mục không có trong regulation.yaml", "Article in a chapter or section not declared"),
    message=("Điều {article} thuộc {where}, không có trong danh sách chương, mục",
             "Article {article} belongs to {where}, which regulation.yaml does not declare"),
    rationale=("Chương và mục phải có tên (Nghị định 34/2016, Điều 62); một điều gắn vào chương không tồn tại sẽ lạc chỗ.",
               "Chapters and sections must have titles (Decree 34/2016, Art. 62); an article in an undeclared chapter is misplaced."),
    fix=("Khai báo chương, mục trong regulation.yaml hoặc sửa số chương của điều",
         "Declare the chapter or section in regulation.yaml, or correct the article's chapter"),
    legal_basis=(),  # the model's integrity: a rule of the tool, no law needed
    examples=("articles:\n  - {article: '3', title: Kiểm thử, chapter: IX, text: t}",
              "articles:\n  - {article: '3', title: Kiểm thử, chapter: II, text: t}"),
)
def unknown_chapter(ctx: CheckContext) -> Iterator[Hit]:
    """Every article's chapter and section is declared in regulation.yaml."""
    chapters = {c.chapter: c for c in ctx.reg.meta.chapters}
    if not chapters:
        return
    for article in ctx.reg.articles:
        chapter = chapters.get(article.chapter or "")
        if article.chapter is None or chapter is None:
            where = f"Chương {article.chapter}" if article.chapter else "không chương nào"
            yield Hit((f"Điều {article.article}",), values={"article": article.article, "where": where},
                      at=article.loc)
        elif article.section and article.section not in {s.section for s in chapter.sections}:
            yield Hit((f"Điều {article.article}",), values={
                "article": article.article, "where": f"Mục {article.section} Chương {article.chapter}"}, at=article.loc)
