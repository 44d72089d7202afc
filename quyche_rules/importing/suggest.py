"""Suggested norms: lead, cooperation, signing and deadline formulas, each given to the actor that is its subject.

A formula goes to the actor named as the subject before it in its sentence (or, when the provision opens with its
verb, to the subject of its clause's lead-in). No subject, no suggestion: a sentence about "việc …" (an action),
"một cơ quan chủ trì" (anyone), or an actor that is the object of "giao", "phân công", "ủy quyền" (the one who
assigns holds the power, the one assigned is not yet a lead) suggests nothing. Signing is suggested only for the
signing formulas ("ký thay", "ký thừa lệnh", "ký thừa ủy quyền", "thay mặt … ký", "KT.", "TL.", "TUQ."), not for
any "thay mặt" or "ủy quyền"; cooperation only for "phối hợp" (not "tham gia", "cùng", nor "điều hòa, phối hợp
hoạt động giữa …" or "tổ chức phối hợp"); a lead also for "chịu trách nhiệm trực tiếp" followed by what to do
(not "… trước …", which is accountability); a deadline for a period or a date ("trước ngày 15 tháng 11 hằng năm").
Every norm carries ``suggested: true`` and the ``words`` it comes from.
"""

from __future__ import annotations

import re
from typing import Any

from quyche_rules.importing.actors import ImportedActor, mentions
from quyche_rules.importing.formulas import Formula, canonical, find, text_slice

__all__ = ["suggest"]

_PERIOD_UNITS = ("working_days", "days", "hours", "weeks", "months", "years")
_MODES = {"KT": "assign", "TL": "assign", "TUQ": "authorize", "Q": "assign", "TM": "authorize"}
_ASSIGN = re.compile(r"(?<![\w])(được\s+)?(giao|phân công|ủy quyền|ủy nhiệm|cử)(?![\w])")
_NOT_COOPERATION = re.compile(r"(điều hòa,?|tổ chức|cơ chế|quy chế|công tác)\s+$")
_NOT_COOPERATION_AFTER = re.compile(r"^\s*(hoạt động giữa|liên ngành)")
_DIRECT = re.compile(r"(?<![\w])chịu trách nhiệm trực tiếp(?![\w])(?!\s*(?:,\s*toàn diện\s*)?(?:,\s*)?trước)")
_DATE = re.compile(r"(?<![\w])(?:trước|chậm nhất|không muộn hơn)\s+(?:ngày\s+)?ngày (\d{1,2})"
                   r"(?:(?:/| tháng )(\d{1,2}))?(?:\s+(hằng tháng|của tháng|tháng sau|hằng năm))?")


def _sentence_start(low: str, at: int) -> int:
    found = [m.end() for m in re.finditer(r"[.:]\s+", low[:at])]
    return found[-1] if found else 0


def _subject(text: str, at: int, actors: list[ImportedActor], lead_in: str, kind: str) -> str | None:
    low = canonical(text)
    start = _sentence_start(low, at)
    if low[start:].startswith("việc "):
        return None
    external = {a.id for a in actors if a.kind == "external"}
    before = [m for m in mentions(text, actors) if start <= m[0] and m[1] <= at and m[2] not in external]
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
    found = [m for m in (mentions(lead_in, actors) if lead_in else []) if m[2] not in external]
    return found[0][2] if found else None


_MODAL = re.compile(r"(?:\s+(?:phải|có trách nhiệm|được|cần|chủ động|thường xuyên))+\s*$")


def _named_by_start(before: str, actors: list[ImportedActor], external: set[str]) -> str | None:
    """Return the actor whose name begins with the sentence's subject ("Các bộ" of "Các bộ, cơ quan ngang bộ")."""
    subject = _MODAL.sub("", before).strip(" ,")
    if len(subject.split()) < 2 or len(subject.split()) > 6:
        return None
    found = sorted((len(n), a.id) for a in actors if a.id not in external for n in a.names()
                   if re.match(re.escape(subject) + r"(?![\w])", canonical(n)))
    return found[0][1] if found else None  # the shortest name that begins so: the nearest to the words


def _after(text: str, at: int, actors: list[ImportedActor]) -> str | None:
    found = [m for m in mentions(text, actors) if m[0] >= at]
    return found[0][2] if found else None


def _signing(low: str, formula: Formula) -> bool:
    """Tell whether a signing formula is one in a signing context: "ký thay", "ký thừa lệnh", "thay mặt … ký"."""
    words, at = canonical(formula.words), formula.start
    if words in ("kt.", "tl.", "tuq."):
        return True
    if words == "ký thay":
        return True
    if words in ("thừa lệnh", "thừa ủy quyền"):
        return low[:at].rstrip().endswith("ký")
    if words == "thay mặt":
        return re.match(r"[^.;:,]{0,40}?(?<![\w])ký(?![\w])", low[at + len(words):]) is not None
    return False


def _lead_or_cooperation(low: str, formula: Formula) -> bool:
    words, at = canonical(formula.words), formula.start
    if formula.kind == "lead":
        return words == "chủ trì" and not re.search(r"(?<![\w])cơ quan\s+$", low[:at])
    return (words == "phối hợp" and not _NOT_COOPERATION.search(low[:at])
            and not _NOT_COOPERATION_AFTER.match(low[at + len(words):]))


def _inside_names(text: str, actors: list[ImportedActor], at: int) -> bool:
    return any(s <= at < e for s, e, _ in mentions(text, actors))


def _dates(text: str) -> list[tuple[int, str, dict[str, Any]]]:
    low = canonical(text)
    out = []
    for m in _DATE.finditer(low):
        if re.search(r"(?<![\w])thường\s+$", low[:m.start()]):
            continue  # "thường trước ngày 05": when it usually happens, not a deadline
        day, month, every = int(m.group(1)), m.group(2), m.group(3) or ""
        deadline: dict[str, Any]
        if month and 1 <= int(month) <= 12 and 1 <= day <= 31:
            deadline = {"day_of_year": f"{int(month):02d}-{day:02d}"}
        elif not month and every in ("hằng tháng", "của tháng", "tháng sau") and 1 <= day <= 31:
            deadline = {"day_of_month": day, **({"next_month": True} if every == "tháng sau" else {})}
        else:
            continue
        out.append((m.start(), text_slice(text, m.start(), m.end()), deadline))
    return out


def suggest(text: str, task: str, actors: list[ImportedActor], lead_in: str = "") -> list[dict[str, Any]]:
    """Return the suggested norms of ``text`` (plain dicts, as written in an article file)."""
    head = next((a.id for a in actors if a.kind == "head"), None)
    body = next((a.id for a in actors if a.kind in ("body", "collective")), None)
    low = canonical(text)
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    items: list[tuple[int, str, str, dict[str, Any]]] = []  # (start, kind, words, deadline)
    for formula in find(text):
        kind = formula.kind
        if kind in ("lead", "cooperate"):
            if _lead_or_cooperation(low, formula) and not _inside_names(text, actors, formula.start):
                items.append((formula.start, kind, formula.words, {}))
        elif kind.startswith("signing:"):
            if _signing(low, formula):
                items.append((formula.start, kind, formula.words, {}))
        elif kind.startswith("period:"):
            unit = kind.split(":", 1)[1]
            if unit in _PERIOD_UNITS and formula.amount > 0:
                items.append((formula.start, "deadline", formula.words, {unit: formula.amount}))
    items += [(m.start(), "lead", text_slice(text, m.start(), m.end()), {}) for m in _DIRECT.finditer(low)]
    items += [(at, "deadline", words, deadline) for at, words, deadline in _dates(text)]
    for at, kind, words, deadline in sorted(items, key=lambda item: item[0]):
        holder = _subject(text, at, actors, lead_in, kind)
        if holder is None or (kind, holder) in seen:
            continue
        seen.add((kind, holder))
        common = {"suggested": True, "words": words}
        if kind in ("lead", "cooperate"):
            out.append({"duty": {"holder": holder, "task": task, "role": kind, **common}})
        elif kind.startswith("signing:"):
            mode = kind.split(":", 1)[1]
            named = _after(text, at + len(words), actors)
            giver = named if named not in (None, holder) else (head if holder != head else body)
            if giver is None or giver == holder:
                continue
            out.append({"delegation": {"mode": _MODES[mode], "signing": mode, "from": giver, "to": holder,
                                       "task": task, **common}})
        else:
            out.append({"duty": {"holder": holder, "task": task, "role": "responsible", "deadline": deadline,
                                 **common}})
    return out
