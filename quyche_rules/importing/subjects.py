"""Who a formula belongs to: the subject of its sentence, and the actors a list names after a preposition.

The subject is the actor named before the formula in its sentence; when the provision opens with its verb, it is
the subject of the lead-in (the clause's text for a point, the article's title "Trách nhiệm của Văn phòng Bộ"
for a clause). A sentence about "việc …" (an action), "một cơ quan" (anyone), or an actor that is the object of
"giao", "phân công", "ủy quyền" (assigned, not yet a lead) has none. :func:`adjacent` is stricter: the actors
named just before the formula ("Vụ A và Vụ B phối hợp", "Thủ tướng Chính phủ trên cơ sở thống nhất với …").
"""

from __future__ import annotations

import re

from quyche_rules.importing.actors import ImportedActor, mentions
from quyche_rules.importing.formulas import canonical

__all__ = ["adjacent", "defined_phrase", "named_after", "sentence_start", "subject", "subjects"]

_ASSIGN = re.compile(r"(?<![\w])(được\s+)?(giao|phân công|ủy quyền|ủy nhiệm|cử)(?![\w])")
_MODAL = re.compile(r"(?:\s+(?:phải|có trách nhiệm|được|cần|chủ động|thường xuyên))+\s*$")
#: words between a subject and its verb: modals, adverbs, "trên cơ sở", "sau khi"
_BETWEEN = re.compile(r"^(?:\s*,?\s*(?:phải|có trách nhiệm|được|cần|chủ động|thường xuyên|kịp thời|trực tiếp|"
                      r"tích cực|trên cơ sở|sau khi|căn cứ|có|sẽ))*\s*,?\s*$")
#: what separates the names of a list ("Vụ A, Vụ B và Vụ C"); a name may carry a short qualifier ("… phụ trách")
_SEP = re.compile(r"^\s*(?:,|\svà|\shoặc)\s*(?:các\s+)?$")
_LIST_GAP = re.compile(r"^\s*(?:(?:[^\W\d]+\s+){0,2}?[^\W\d]+\s*)?(?:,|\svà|\shoặc)\s*(?:các\s+)?$")
#: what makes the actor after it an object: "trình Thủ tướng", "báo cáo Bộ trưởng", "ý kiến của các bộ"
_OBJECT = re.compile(r"(?<![\w])(?:trình|gửi|báo cáo|của|cho|với|đến|tới|giúp|đề nghị|xin ý kiến)\s+"
                     r"(?:[^\W\d]+\s+){0,2}$")  # with a title before the name: "trình Lãnh đạo Chính phủ"
_DEFINED = re.compile(r"(?<![\w])(?:cơ quan|đơn vị|người)\s+$")
_LIST_START = re.compile(r"^\s*(?:của\s+|các\s+)?$")


def defined_phrase(low: str, at: int, names: list[tuple[int, int, str]]) -> bool:
    """Tell whether the formula at ``at`` is part of a defined phrase ("đơn vị chủ trì", "người chủ trì").

    Such a phrase names a role, not an actor; "Các đơn vị phối hợp" (a group the text names) is a formula.
    """
    return _DEFINED.search(low, 0, at) is not None and not any(e == at - 1 for _, e, _ in names)


def sentence_start(low: str, at: int) -> int:
    """Return where the sentence holding offset ``at`` starts (after the last ". ", ": " or "; ")."""
    found = [m.end() for m in re.finditer(r"[.:;]\s+", low[:at])]
    return found[-1] if found else 0


def _clause_start(low: str, at: int) -> int:
    found = [m.end() for m in re.finditer(r"[.:]\s+", low[:at])]
    return found[-1] if found else 0


def subject(text: str, at: int, actors: list[ImportedActor], lead_in: str, kind: str) -> str | None:
    """Return the id of the actor that is the subject of the formula at ``at`` (canonical offset), or None."""
    low = canonical(text)
    start = _clause_start(low, at)
    if low[start:].startswith("việc "):
        return None
    external = {a.id for a in actors if a.kind == "external"}
    before = [m for m in _not_objects(low, [m for m in mentions(text, actors) if start <= m[0] and m[1] <= at])
              if m[2] not in external]
    if before:
        if kind in ("lead", "cooperate"):
            assign = [m for m in _ASSIGN.finditer(low, start, at) if not m.group(1)]
            if assign and assign[-1].end() <= before[-1][0]:
                return None  # "giao X chủ trì": X is assigned, the lead is not the provision's norm
        return before[-1][2]
    if named := _named_by_start(low[start:at], actors, external):
        return named
    if start > 0 or any(m[1] <= at for m in mentions(text, actors)) or re.match(r"(mỗi|một)\s", low[start:]):
        return None
    return _lead_in_subject(lead_in, actors, external)


def _not_objects(low: str, found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Return the mentions that are not objects: "trình Thủ tướng hoặc Phó Thủ tướng" names two objects."""
    out, previous = [], None
    for m in found:
        start = previous[1] if previous else 0
        if _OBJECT.search(low, start, m[0]) or (previous is not None and previous not in out
                                                   and _SEP.match(low[previous[1]:m[0]])):
            previous = m
            continue
        out.append(m)
        previous = m
    return out


def subjects(text: str, at: int, actors: list[ImportedActor], lead_in: str, kind: str) -> list[str]:
    """Return the actors that are the subject of the formula at ``at``.

    Those just before it (:func:`adjacent`), or else the list that ends with :func:`subject` ("Thành viên Chính
    phủ, Chủ tịch UBND cấp tỉnh đi công tác … chậm nhất 07 ngày": both).
    """
    if near := adjacent(text, at, actors, lead_in):
        return near
    one = subject(text, at, actors, lead_in, kind)
    if one is None:
        return []
    low = canonical(text)
    found = [m for m in mentions(text, actors) if sentence_start(low, at) <= m[0] and m[1] <= at]
    last = next((i for i in range(len(found) - 1, -1, -1) if found[i][2] == one), None)
    if last is None:
        return [one]
    names = [found[last]]
    for m in reversed(found[:last]):
        if not _SEP.match(low[m[1]:names[0][0]]):
            break
        names.insert(0, m)
    return list(dict.fromkeys(m[2] for m in names))


def _lead_in_subject(lead_in: str, actors: list[ImportedActor], external: set[str]) -> str | None:
    found = [m for m in (mentions(lead_in, actors) if lead_in else []) if m[2] not in external]
    return found[0][2] if found else None


def _named_by_start(before: str, actors: list[ImportedActor], external: set[str]) -> str | None:
    """Return the actor whose name begins with the sentence's subject ("Các bộ" of "Các bộ, cơ quan ngang bộ")."""
    words = _MODAL.sub("", before).strip(" ,")
    if len(words.split()) < 2 or len(words.split()) > 6:
        return None
    found = sorted((len(n), a.id) for a in actors if a.id not in external for n in a.names()
                   if re.match(re.escape(words) + r"(?![\w])", canonical(n)))
    return found[0][1] if found else None  # the shortest name that begins so: the nearest to the words


def adjacent(text: str, at: int, actors: list[ImportedActor], lead_in: str) -> list[str]:
    """Return the actors named just before ``at`` ("Vụ A và Vụ B phối hợp"): a list with only modals after it.

    A sentence that opens with the formula's verb takes the subject of the lead-in; a list with an actor that
    is the object of "giao", "phân công"… is no subject.
    """
    low = canonical(text)
    start = sentence_start(low, at)
    found = [m for m in mentions(text, actors) if start <= m[0] and m[1] <= at]
    if not found:
        if start > 0 or not _BETWEEN.match(low[start:at]):
            return []
        external = {a.id for a in actors if a.kind == "external"}
        holder = _lead_in_subject(lead_in, actors, external)
        return [holder] if holder else []
    if not _BETWEEN.match(low[found[-1][1]:at]):
        return []
    names = [found[-1]]
    for m in reversed(found[:-1]):
        if not _SEP.match(low[m[1]:names[0][0]]):
            break
        names.insert(0, m)
    if _ASSIGN.search(low, start, names[0][0]) or low[start:names[0][0]].rstrip().endswith(("của", "với", "cho")):
        return []
    return list(dict.fromkeys(m[2] for m in names))


def named_after(text: str, end: int, actors: list[ImportedActor]) -> list[str]:
    """Return the actors a list names from ``end`` on ("phối hợp với |Vụ A, Vụ B và các đơn vị …"), in order."""
    low = canonical(text)
    out: list[str] = []
    last = end
    for m in mentions(text, actors):
        if m[0] < end:
            continue
        gap = low[last:m[0]]
        if not (_LIST_START.match(gap) if not out else _LIST_GAP.match(gap)):
            break
        out.append(m[2])
        last = m[1]
    return list(dict.fromkeys(out))
