"""Suggested norms: lead, cooperation, signing and deadline formulas, each given to the actors that are its subject.

A formula goes to the actors named as the subject before it in its sentence ("Vụ A và Vụ B phối hợp": both), or,
when the provision opens with its verb, to the subject of its lead-in (:mod:`quyche_rules.importing.subjects`).
No subject, no suggestion: "việc …" (an action), "một cơ quan chủ trì" (anyone), "cơ quan chủ trì", "đơn vị chủ
trì", "người chủ trì" (defined phrases, not formulas), or an actor that is the object of "giao", "phân công",
"ủy quyền" (the one assigned is not yet a lead) suggest nothing.

- lead: "chủ trì"; "chịu trách nhiệm trực tiếp" followed by what to do (not "… trước …", accountability);
  "là (cơ quan, đơn vị) đầu mối", "làm đầu mối", "là người phát ngôn", "được (Thủ tướng) giao phụ trách";
- cooperation: "phối hợp" (not "điều hòa, phối hợp hoạt động giữa …" nor "tổ chức phối hợp"), "tham gia ý kiến";
  and the coordinations of :mod:`quyche_rules.importing.coordination` ("chủ trì, phối hợp với", "lấy ý kiến",
  "thống nhất với", "trả lời phiếu lấy ý kiến của …"), whose period is the cooperating actors' response deadline;
- signing: "ký thay", "ký thừa lệnh", "ký thừa ủy quyền", "thay mặt … ký", "KT.", "TL.", "TUQ." (not any "thay
  mặt" or "ủy quyền");
- deadline: a period ("từ 02 đến 05 ngày làm việc": 5, min 2), a date ("trước ngày 15 tháng 11 hằng năm";
  "chậm nhất ngày 25 hằng tháng" is on the day at the latest), or the next meeting ("tại phiên họp Chính phủ gần
  nhất"). A period of a sentence about the task itself ("Việc lấy ý kiến …", "Thời hạn trả lời …") is a deadline
  of the task, with no holder.

A clause that introduces its points ("Văn phòng chủ trì thực hiện các công việc sau đây:") gives its lead or
cooperation to each point that does not name its own subject. Every norm carries ``suggested: true`` and the
``words`` it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from quyche_rules.importing.actors import ImportedActor, mentions
from quyche_rules.importing.coordination import joints
from quyche_rules.importing.deadlines import deadlines
from quyche_rules.importing.formulas import Formula, canonical, find, text_slice
from quyche_rules.importing.subjects import adjacent, defined_phrase, subjects

__all__ = ["suggest"]

_MODES = {"KT": "assign", "TL": "assign", "TUQ": "authorize", "Q": "assign", "TM": "authorize"}
_NOT_COOPERATION = re.compile(r"(điều hòa,?|tổ chức|cơ chế|quy chế|công tác|đề nghị|yêu cầu)\s+$")
_NOT_COOPERATION_AFTER = re.compile(r"^\s*(hoạt động giữa|liên ngành)")
_WITH_LEAD = re.compile(r"chủ trì\s*(?:,\s*)?(?:và\s+)?$")  # "chủ trì, phối hợp với …": the lead's coordination
#: a signing formula that describes who signs so, and grants nothing: "khi ký thay", "người ký thừa lệnh"
_SIGNER = re.compile(r"(?<![\w])(?:khi|người|giao|cho phép)\s+(?:được\s+giao\s+lại\s+)?(?:ký\s+)?$")
_DIRECT = re.compile(r"(?<![\w])chịu trách nhiệm trực tiếp(?![\w])(?!\s*(?:,\s*toàn diện\s*)?(?:,\s*)?trước)")
_ROLE = re.compile(r"(?<![\w])(?:là\s+(?:(?:cơ quan|đơn vị|người)\s+)?đầu mối|làm đầu mối|là người phát ngôn|"
                   r"được\s+(?:[^\s,;.]+\s+){0,6}?(?:giao|phân công)\s+phụ trách)(?![\w])")
_INTRODUCES = re.compile(r"(?:(?<![\w])(?:sau đây|như sau|sau)\s*[:.]?|:)\s*$")


@dataclass(frozen=True)
class _Item:
    at: int
    kind: str  # lead, cooperate, signing:KT…, deadline
    words: str
    deadline: tuple[tuple[str, Any], ...] = ()
    holders: tuple[str, ...] | None = None  # given (inherited from the lead-in), or found from the text
    near: bool = False  # held only by the actors named just before it ("Văn phòng là đầu mối")


def _signing(low: str, formula: Formula) -> bool:
    """Tell whether a signing formula is one in a signing context: "ký thay", "ký thừa lệnh", "thay mặt … ký"."""
    words, at = canonical(formula.words), formula.start
    if _SIGNER.search(low[:at]) or low[at + len(words):].startswith(" chịu trách nhiệm"):
        return False  # "khi ký thay", "Phó Chủ nhiệm ký thay chịu trách nhiệm …": who signs so, not a grant
    if words in ("kt.", "tl.", "tuq.", "ký thay"):
        return True
    if words in ("thừa lệnh", "thừa ủy quyền"):
        return low[:at].rstrip().endswith("ký")
    if words == "thay mặt":
        return re.match(r"[^.;:,]{0,40}?(?<![\w])ký(?![\w])", low[at + len(words):]) is not None
    return False


def _lead_or_cooperation(low: str, formula: Formula, names: list[tuple[int, int, str]]) -> bool:
    words, at = canonical(formula.words), formula.start
    if any(s <= at < e for s, e, _ in names):
        return False
    defined = defined_phrase(low, at, names)  # "đơn vị chủ trì", "đơn vị phối hợp"
    if formula.kind == "lead":
        return words == "chủ trì" and not defined
    if words == "tham gia":
        return low[at + len(words):].startswith(" ý kiến")
    return (words == "phối hợp" and not defined and not _NOT_COOPERATION.search(low[:at])
            and not _WITH_LEAD.search(low[:at])
            and not _NOT_COOPERATION_AFTER.match(low[at + len(words):]))


def _items(text: str, actors: list[ImportedActor]) -> list[_Item]:
    """Return the formulas of ``text`` that may become norms, in order (holders not yet known)."""
    low = canonical(text)
    names = mentions(text, actors)
    items: list[_Item] = []
    for formula in find(text):
        kind = formula.kind
        if kind in ("lead", "cooperate"):
            if _lead_or_cooperation(low, formula, names):
                items.append(_Item(formula.start, kind, formula.words))
        elif kind.startswith("signing:") and _signing(low, formula):
            items.append(_Item(formula.start, kind, formula.words))
    items += [_Item(m.start(), "lead", text_slice(text, m.start(), m.end())) for m in _DIRECT.finditer(low)]
    items += [_Item(m.start(), "lead", text_slice(text, m.start(), m.end()), near=True) for m in _ROLE.finditer(low)]
    items += [_Item(at, "deadline", words, tuple(value.items())) for at, words, value in deadlines(text, low)]
    return sorted(items, key=lambda item: item.at)


def _inherited(text: str, actors: list[ImportedActor], lead_in: str, owner: str) -> list[_Item]:
    """Return the lead and cooperation a lead-in that introduces its points gives a point with no subject."""
    if not lead_in or not _INTRODUCES.search(canonical(lead_in)):
        return []
    if any(s < 3 for s, _, _ in mentions(text, actors)):
        return []  # the point names its own subject
    out = []
    for item in _items(lead_in, actors):
        holders = _holders(lead_in, item, actors, owner) if item.kind in ("lead", "cooperate") else []
        if holders:
            out.append(_Item(-1, item.kind, item.words, holders=tuple(holders)))
    return out


def _holders(text: str, item: _Item, actors: list[ImportedActor], context: str) -> list[str]:
    if item.holders is not None:
        return list(item.holders)
    if item.near:
        return adjacent(text, item.at, actors, context)
    return subjects(text, item.at, actors, context, item.kind)


def suggest(text: str, task: str, actors: list[ImportedActor], lead_in: str = "", owner: str = "",
            introduces: bool = False) -> list[dict[str, Any]]:
    """Return the suggested norms of ``text`` (plain dicts, as written in an article file).

    ``lead_in`` is the text above (the clause's, for a point), ``owner`` the actor an article's title names
    ("Trách nhiệm của Văn phòng Bộ"); ``introduces`` tells that the text introduces points, which take its lead.
    """
    head = next((a.id for a in actors if a.kind == "head"), None)
    body = next((a.id for a in actors if a.kind in ("body", "collective")), None)
    groups = {a.id for a in actors if a.kind == "group"}

    def each(holder: str) -> dict[str, bool]:
        return {"each": True} if holder in groups else {}  # "Các bộ phối hợp": each ministry, for its own part

    low = canonical(text)
    context = "\n".join(p for p in (lead_in, owner) if p)
    listed = introduces and _INTRODUCES.search(low) is not None  # its points take its lead and cooperation
    found = [] if listed else joints(text, actors, context)
    items = [i for i in _items(text, actors) if not (listed and i.kind in ("lead", "cooperate"))]
    items = _inherited(text, actors, lead_in, owner) + items
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    answered: set[int] = set()
    for j in found:
        if ("coordination", j.lead) in seen:
            continue
        seen.add(("coordination", j.lead))
        period = next((i for i in items if i.kind == "deadline" and j.start <= i.at < j.end), None)
        extra = {"response_deadline": dict(period.deadline)} if period else {}
        if period:
            answered.add(period.at)
        out.append({"coordination": {"lead": j.lead, "cooperating": list(j.cooperating), "task": task, **extra,
                                     **each(j.lead), "suggested": True, "words": j.words}})
    cooperating = {a for j in found for a in j.cooperating}
    task_rule = False
    for item in items:
        if item.at in answered:
            continue
        holders = _holders(text, item, actors, context)
        if item.kind == "cooperate":
            holders = [h for h in holders if h not in cooperating]
        common = {"suggested": True, "words": item.words}
        if not holders and item.kind == "deadline" and not task_rule:
            task_rule = True
            out.append({"deadline": {"task": task, "within": dict(item.deadline), **common}})
        for holder in holders:
            if (item.kind, holder) in seen:
                continue
            seen.add((item.kind, holder))
            if item.kind in ("lead", "cooperate"):
                out.append({"duty": {"holder": holder, "task": task, "role": item.kind, **each(holder), **common}})
            elif item.kind.startswith("signing:"):
                mode = item.kind.split(":", 1)[1]
                named = _after(text, item.at + len(item.words), actors)
                giver = named if named not in (None, holder) else (head if holder != head else body)
                if giver is not None and giver != holder:
                    out.append({"delegation": {"mode": _MODES[mode], "signing": mode, "from": giver, "to": holder,
                                               "task": task, **common}})
            else:
                out.append({"duty": {"holder": holder, "task": task, "role": "responsible",
                                     "deadline": dict(item.deadline), **each(holder), **common}})
    return out


def _after(text: str, at: int, actors: list[ImportedActor]) -> str | None:
    found = [m for m in mentions(text, actors) if m[0] >= at]
    return found[0][2] if found else None
