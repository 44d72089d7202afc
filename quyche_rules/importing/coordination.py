"""Coordinations: a task one actor leads with others, as a Vietnamese drafter writes it.

- "Vụ A chủ trì, phối hợp với Vụ B, Vụ C …" and "Vụ A chủ trì họp, làm việc với các bộ …": A leads, B and C
  cooperate;
- "Vụ A chủ trì …; Vụ B và Vụ C phối hợp / cung cấp / tham gia ý kiến … trong thời hạn 03 ngày làm việc": A leads,
  B and C cooperate and answer within the period (the response deadline);
- "Văn phòng lấy ý kiến Vụ Kế hoạch - Tài chính …", "Thủ tướng trên cơ sở trao đổi, thống nhất với Phó Thủ tướng
  …": the actor who consults leads, those consulted cooperate;
- "[Bộ trưởng …] Trả lời phiếu lấy ý kiến của Chính phủ …": the one who asks leads, the one who answers cooperates.

Each needs the actors named on both sides: "phối hợp với các đơn vị liên quan" names no actor, "việc lấy ý kiến"
and "phiếu lấy ý kiến" have no subject, and suggest no coordination.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from quyche_rules.importing.actors import ImportedActor, mentions
from quyche_rules.importing.formulas import canonical, text_slice
from quyche_rules.importing.subjects import adjacent, defined_phrase, named_after, sentence_start, subject

__all__ = ["Joint", "joints"]

_LEAD = re.compile(r"(?<!\w)chủ trì(?!\w)")
_WITH = re.compile(r"\s*(?:(?:,\s*(?:và\s+)?|và\s+)phối hợp với|(?:họp\s*,?\s*)?làm việc với)\s+")
_AFTER_LEAD = re.compile(r"chủ trì\s*(?:,\s*)?(?:và\s+)?$")
_HELP = re.compile(r"(?<!\w)(phối hợp|cung cấp|tham gia ý kiến)(?!\w)")
_CONSULT = re.compile(r"(?<!\w)(?:lấy ý kiến(?:\s+của)?|(?:trao đổi\s*,\s*)?thống nhất với)\s+")
_ANSWER = re.compile(r"(?<!\w)(?:trả lời|cho ý kiến(?:\s+vào)?|góp ý(?:\s+vào)?)\s+(?:các\s+)?(?:phiếu|văn bản)\s+"
                     r"lấy ý kiến của\s+")


@dataclass(frozen=True)
class Joint:
    """A coordination found: where its words are, the lead, the cooperating actors, and its sentence's end."""

    start: int
    words: str
    lead: str
    cooperating: tuple[str, ...]
    end: int


def _segment_end(low: str, at: int) -> int:
    """Return where the part of a sentence holding ``at`` ends (at the next ";" or ". ", or the text's end)."""
    found = re.search(r";|\.(?:\s|$)", low[at:])
    return at + found.start() if found else len(low)


def _joint(text: str, low: str, start: int, end: int, lead: str | None, cooperating: list[str]) -> Joint | None:
    others = tuple(a for a in cooperating if a != lead)
    if lead is None or not others:
        return None
    return Joint(start, text_slice(text, start, end).strip(), lead, others, _segment_end(low, end))


def joints(text: str, actors: list[ImportedActor], lead_in: str = "") -> list[Joint]:
    """Return the coordinations of ``text`` (canonical offsets), in order."""
    low = canonical(text)
    out: list[Joint | None] = []
    leads: list[tuple[int, str]] = []
    above = _LEAD.search(canonical(lead_in)) if lead_in else None
    if above and (holder := subject(lead_in, above.start(), actors, "", "lead")):
        leads.append((-1, holder))  # "Văn phòng chủ trì các việc sau đây:" leads each point
    names = mentions(text, actors)
    for m in _LEAD.finditer(low):
        lead = None if defined_phrase(low, m.start(), names) else subject(text, m.start(), actors, lead_in, "lead")
        if lead is None:
            continue
        leads.append((m.start(), lead))
        if w := _WITH.match(low, m.end()):
            out.append(_joint(text, low, m.start(), w.end(), lead, named_after(text, w.end(), actors)))
    for m in _HELP.finditer(low):
        helpers = adjacent(text, m.start(), actors, "")
        earlier = [lead for at, lead in leads if at < sentence_start(low, m.start())]
        if earlier and helpers and not _AFTER_LEAD.search(low, 0, m.start()):
            out.append(_joint(text, low, m.start(), m.end(), earlier[-1], helpers))
    for m in _CONSULT.finditer(low):
        asking = adjacent(text, m.start(), actors, lead_in)
        out.append(_joint(text, low, m.start(), m.end(), asking[0] if asking else None,
                          named_after(text, m.end(), actors)))
    for m in _ANSWER.finditer(low):
        asked = named_after(text, m.end(), actors)
        out.append(_joint(text, low, m.start(), m.end(), asked[0] if asked else None,
                          adjacent(text, m.start(), actors, lead_in)))
    return sorted((j for j in out if j is not None), key=lambda j: j.start)
