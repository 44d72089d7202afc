"""QC610: an amendment that redefines an entry of the catalogue (a task, field or document type) by its id.

An amendment's ``catalogue:`` adds the tasks, fields and document types its new norms use. Declaring one under
an id the regulation already has changes it for every provision that names it, far beyond the provisions the
amendment amends: a task renamed on purpose is said so, a new task that happens to reuse an id is a defect.
"""

from __future__ import annotations

import textwrap

from quyche_rules.checks.registry import declare

__all__: list[str] = []

_HEAD = ("amendment: {id: sua-doi-danh-muc, amends: mau-toi-thieu, instrument: {number: 3/QĐ-MAU, date: 2024-02-01}, "
         "effective: 2024-03-01}\n")


def _example(body: str) -> str:
    return "amendment: |\n" + textwrap.indent(_HEAD + body, "  ")

declare(
    "QC610", "catalogue-entry-redefined", "warning", producer="quyche_rules.amend.state",
    title=("Văn bản sửa đổi định nghĩa lại một mục của danh mục", "An amendment redefines an entry of the catalogue"),
    message=("{kind} «{id}» được định nghĩa lại: {before} → {after}; mọi quy định nêu mã này đều đọc theo định nghĩa "
             "mới", "{kind_en} «{id}» is redefined: {before} → {after}; every provision that names this id now "
             "reads the new definition"),
    rationale=("Danh mục của văn bản sửa đổi chỉ để khai báo nhiệm vụ, lĩnh vực, loại văn bản mới. Khai báo lại một mã "
               "đã có làm thay đổi cả những quy định mà văn bản sửa đổi không sửa; nếu là chủ ý (đổi tên nhiệm vụ) "
               "thì cần nói rõ, nếu là nhiệm vụ khác thì phải có mã khác.",
               "An amendment's catalogue declares the new tasks, fields and document types its norms use. Declaring "
               "an existing id again changes provisions the amendment does not amend; if intended (a task renamed) "
               "it should be said, if it is another task it needs another id."),
    fix=("Dùng mã mới cho nhiệm vụ mới; nếu chủ ý đổi tên, giữ cảnh báo với lint hoặc sửa tasks.yaml của quy chế",
         "Give a new task a new id; if the rename is intended, amend the regulation's tasks.yaml instead"),
    legal_basis=(),  # a rule of the tool: an id means one thing
    examples=(
        _example("catalogue:\n  tasks:\n    - {id: ke-hoach-nam, name: Kế hoạch năm mới}\noperations: []\n"),
        _example("catalogue:  # declared as the regulation has it: nothing changes\n  tasks:\n"
                 "    - {id: ke-hoach-nam, name: Xây dựng kế hoạch công tác năm, field: linh-vuc-a}\n"
                 "operations: []\n"),
    ),
)
