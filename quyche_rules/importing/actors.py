"""The actors an imported text names: the body and its head, units ("Vụ …", "Văn phòng …"), their heads.

Names are recognised from the text ("Vụ Tổng hợp", "Văn phòng Chính phủ", "Chánh Văn phòng", "Bộ trưởng"), or
taken from an existing actors.yaml (``--actors FILE``) with their aliases. :func:`mentions` finds where a text
names them, longest name first, so "Thủ tướng Chính phủ" is not also read as "Chính phủ".
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from quyche_rules.importing.formulas import canonical
from quyche_rules.model.base import slugify

__all__ = ["ImportedActor", "body_name", "from_file", "mentions", "recognise"]

_UNIT = re.compile(r"(?<!\w)(Vụ|Văn phòng|Cục|Thanh tra|Trung tâm)\s+"
                   r"([A-ZĐÀ-Ỹ][^\s,.;:()]*(?:\s+[^\s,.;:()]+){0,5})")
_STOP = frozenset(re.findall(r"\S+", (
    "chủ phối có thực được tham chịu theo và là trình báo ký gửi xây tổ hướng kiểm trong để về của với "
    "cho khi thì tại đối giúp đề lấy làm xem quyết cung tiếp phát rà thẩm tổng đôn các những này đó sau "
    "trước hoặc nếu phải bảo chỉ phụ"
)))


@dataclass
class ImportedActor:
    """An actor of the imported regulation: id, name, kind, parent and the other names the text uses."""

    id: str
    name: str
    kind: str
    parent: str | None = None
    aliases: list[str] = field(default_factory=list)
    member_kind: str | None = None

    def names(self) -> list[str]:
        """Return its name and aliases."""
        return [self.name, *self.aliases]


def _unit_name(keyword: str, rest: str) -> str:
    words = rest.split()
    kept = [words[0]]
    lower_run = 0
    for word in words[1:]:
        if word.isdigit():
            break  # the number of the next clause, on the line after a title ("… của Văn phòng Bộ" / "1. …")
        if word[:1].isupper():
            kept.append(word)
            lower_run = 0
        elif lower_run == 0 and word.lower() not in _STOP:
            kept.append(word)
            lower_run = 1
        else:
            break
    return f"{keyword} {' '.join(kept)}"


def body_name(title: str, text: str) -> str:
    """Return the body a regulation's title names ("… CỦA CHÍNH PHỦ": "Chính phủ"), as the text writes it."""
    found = re.search(r"(?i)làm việc của\s+(.+)$", unicodedata.normalize("NFC", title).strip())
    if found is None:
        return "Cơ quan"
    wanted = found.group(1).strip(" .")
    spellings = Counter(m.group(0) for m in re.finditer(re.escape(wanted), text, re.I) if m.group(0) != wanted.upper())
    return spellings.most_common(1)[0][0] if spellings else wanted.capitalize()


def _head_name(body: str) -> tuple[str, list[str]]:
    if canonical(body) == "chính phủ":
        return "Thủ tướng Chính phủ", ["Thủ tướng"]
    if body.startswith("Bộ "):
        return "Bộ trưởng", [f"Bộ trưởng {body}"]
    return f"Thủ trưởng {body}", []


def recognise(text: str, body: str) -> list[ImportedActor]:
    """Return the body, its head and the units and posts the text names."""
    body_id = slugify(body) or "co-quan"
    head, head_aliases = _head_name(body)
    actors = [ImportedActor(body_id, body, "body"), ImportedActor(slugify(head), head, "head", body_id, head_aliases)]
    seen = {canonical(n) for a in actors for n in a.names()}
    flat = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text))
    if canonical(body) == "chính phủ" and "phó thủ tướng" in canonical(flat):
        actors.append(ImportedActor("pho-thu-tuong", "Phó Thủ tướng Chính phủ", "deputy_head", body_id,
                                    ["Phó Thủ tướng"]))
    elif body.startswith("Bộ ") and "thứ trưởng" in canonical(flat):
        actors.append(ImportedActor("thu-truong", "Thứ trưởng", "deputy_head", body_id))
    if "bộ trưởng" in canonical(flat) and "bộ trưởng" not in seen:
        actors.append(ImportedActor("bo-truong", "Bộ trưởng", "group", body_id, member_kind="unit_head"))
    seen |= {canonical(n) for a in actors for n in a.names()}
    for m in _UNIT.finditer(flat):
        name = _unit_name(m.group(1), m.group(2))
        if canonical(name) in seen or canonical(name) == canonical(body):
            continue
        seen.add(canonical(name))
        actors.append(ImportedActor(slugify(name), name, "unit", body_id))
    actors += _heads(flat, [a for a in actors if a.kind == "unit"], seen) + _groups(flat, body, body_id, seen)
    if "chánh văn phòng" in canonical(flat):
        office = next((a for a in actors if a.kind == "unit" and a.name.startswith("Văn phòng")), None)
        if office is None:
            office = ImportedActor("van-phong", "Văn phòng", "unit", body_id)
            actors.append(office)
        actors.append(ImportedActor("chanh-van-phong", "Chánh Văn phòng", "unit_head", office.id))
    unique: dict[str, ImportedActor] = {}
    for actor in actors:
        unique.setdefault(actor.id, actor)
    return list(unique.values())


#: the posts that head a unit, as they precede its name ("Bộ trưởng, Chủ nhiệm Văn phòng Chính phủ")
_HEAD_POSTS = ("Bộ trưởng, Chủ nhiệm", "Chủ nhiệm", "Vụ trưởng", "Cục trưởng", "Giám đốc", "Trưởng ban")


def _heads(flat: str, units: list[ImportedActor], seen: set[str]) -> list[ImportedActor]:
    """Return the heads of the units the text names by their post ("Vụ trưởng Vụ Pháp chế")."""
    low = canonical(flat)
    out: list[ImportedActor] = []
    for unit in units:
        for post in _HEAD_POSTS:
            name = f"{post} {unit.name}"
            if canonical(name) not in seen and re.search(r"(?<!\w)" + re.escape(canonical(name)) + r"(?!\w)", low):
                seen.add(canonical(name))
                out.append(ImportedActor(slugify(name), name, "unit_head", unit.id))
                break  # the longest post: "Bộ trưởng, Chủ nhiệm X" is one person, not also "Chủ nhiệm X"
    return out


#: a plural that opens a sentence names a group: "Các bộ, ngành đăng ký …", "Thủ trưởng các vụ, đơn vị …"
_GROUP = re.compile(r"(?:^|(?<=[.;:)]\s))((?:Thủ trưởng|Người đứng đầu) các|Các)\s+(bộ|vụ(?! việc)|cục|sở|đơn vị)"
                    r"((?:,\s*(?:vụ|cục|đơn vị))*)(?=[\s,])")


def _groups(flat: str, body: str, body_id: str, seen: set[str]) -> list[ImportedActor]:
    """Return the groups the text names as the subject of a sentence, and "thành viên" of the body."""
    out: list[ImportedActor] = []
    for m in _GROUP.finditer(flat):
        heads = m.group(1) != "Các"
        name = f"{m.group(1)} {m.group(2)}" + (m.group(3) if heads else "")
        if canonical(name) not in seen:
            seen.add(canonical(name))
            out.append(ImportedActor(slugify(name), name, "group", body_id,
                                     member_kind="unit_head" if heads else "unit"))
    member = re.search(r"(?<!\w)[Tt]hành viên " + re.escape(body) + r"(?!\w)", flat)
    if member and canonical(member.group(0)) not in seen:
        seen.add(canonical(member.group(0)))
        out.append(ImportedActor(slugify(member.group(0)), "Thành viên " + body, "group", body_id))
    return out


def from_file(data: object) -> list[ImportedActor]:
    """Return the actors of a parsed actors.yaml (``{"actors": [...]}``); entries without id or name are skipped."""
    out: list[ImportedActor] = []
    items = data.get("actors") if isinstance(data, dict) else None
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("id"), str) and isinstance(item.get("name"), str):
            aliases = [str(a) for a in item.get("aliases") or [] if isinstance(a, str)]
            out.append(ImportedActor(item["id"], item["name"], str(item.get("kind", "unit")), item.get("parent"),
                                     aliases))
    return out


def mentions(text: str, actors: list[ImportedActor]) -> list[tuple[int, int, str]]:
    """Return (start, end, actor id) for each name of an actor in ``text`` (canonical offsets), longest first."""
    low = canonical(text)
    names = sorted(((canonical(n), a.id) for a in actors for n in a.names() if n.strip()), key=lambda p: -len(p[0]))
    taken: list[tuple[int, int, str]] = []
    for name, actor_id in names:
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", low):
            if not any(s < m.end() and m.start() < e for s, e, _ in taken):
                taken.append((m.start(), m.end(), actor_id))
    return sorted(taken)
