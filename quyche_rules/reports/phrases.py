"""The words the sentences of norms are made of: how often, signing modes, time limits, lists of names."""

from __future__ import annotations

from collections.abc import Sequence

from quyche_rules.i18n import Lang, Text
from quyche_rules.model.deadline import Deadline

__all__ = ["FREQUENCIES", "MODES", "SIGNING", "SILENCE", "deadline_text", "fullest", "join_names"]

#: how often, in words
FREQUENCIES: dict[str, Text] = {
    "ad_hoc": Text.of("khi có yêu cầu", "when asked"), "daily": Text.of("hằng ngày", "daily"),
    "weekly": Text.of("hằng tuần", "weekly"), "monthly": Text.of("hằng tháng", "monthly"),
    "quarterly": Text.of("hằng quý", "quarterly"), "half_yearly": Text.of("6 tháng một lần", "every six months"),
    "yearly": Text.of("hằng năm", "yearly"),
}
#: a signing mode as the signature block writes it, and in words
SIGNING: dict[str, Text] = {
    "KT": Text.of("ký thay (KT.)", "sign on behalf (KT.)"),
    "TL": Text.of("ký thừa lệnh (TL.)", "sign by order (TL.)"),
    "TUQ": Text.of("ký thừa ủy quyền (TUQ.)", "sign by authorisation (TUQ.)"),
    "Q": Text.of("ký quyền (Q.)", "sign as acting head (Q.)"),
    "TM": Text.of("ký thay mặt (TM.)", "sign for the collective (TM.)"),
}
MODES = {
    "assign": Text.of("phân công", "assigns"), "authorize": Text.of("ủy quyền", "authorises"),
    "entrust": Text.of("ủy nhiệm", "entrusts"),
}
_URGENCY = {
    "urgent": Text.of("văn bản khẩn", "urgent documents"), "top_urgent": Text.of("văn bản thượng khẩn", "top urgent"),
    "flash": Text.of("văn bản hỏa tốc", "flash documents"),
}
SILENCE = {
    "agree": Text.of("; quá thời hạn không trả lời được coi là đồng ý", "; no answer in time counts as agreement"),
    "no_opinion": Text.of("; quá thời hạn không trả lời được coi là không có ý kiến",
                          "; no answer in time counts as no opinion"),
}
_MANY = 4  # more names than this are counted, not listed


def join_names(names: Sequence[str], lang: Lang) -> str:
    """Return names joined as prose: "A, B và C" / "A, B and C"; many of them counted ("17 đơn vị")."""
    if len(names) > _MANY:
        return f"{len(names)} đơn vị" if lang == "vi" else f"{len(names)} units"
    if len(names) <= 1:
        return "".join(names)
    last = " và " if lang == "vi" else " and "
    return ", ".join(names[:-1]) + last + names[-1]


def deadline_text(d: Deadline) -> Text:
    """Return a time limit in words: its period, the event it counts from, and the documents it applies to."""
    words = d.words
    vi, en = words.vi, words.en
    if d.from_event and not d.before and not d.at_next:  # a lead time or an anchor says its event in its words
        vi, en = f"{vi} kể từ khi {d.from_event}", f"{en} from «{d.from_event}»"
    urgency = _URGENCY.get(d.urgency)
    if urgency is not None:
        vi, en = f"{vi} (đối với {urgency.vi})", f"{en} (for {urgency.en})"
    return Text.of(vi, en)


def fullest(sentences: Sequence[str]) -> list[str]:
    """Drop a sentence that a longer one says too.

    "A chủ trì «X»." beside "A chủ trì «X»; B phối hợp…": a duty to lead and its coordination, in one provision.
    """

    def said(text: str) -> bool:
        stem = text.rstrip(".")
        return any(other != text and other.startswith(stem) for other in sentences)

    return [text for text in sentences if not said(text)]
