"""What facts say in words: fields a message may show but no rule may test, computed when a message is written.

Facts carry ids and numbers (``action: sign_digitally``, ``unit: working_days``, ``amount: 5``); the words for
them, in both languages, are made here from the fact when a check's message needs them, so facts stay small and
hold no wording. Each entry is a *display field* of a fact kind: ``{d.action_words}`` in a message template.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from quyche_rules.i18n import Text
from quyche_rules.vocabulary import ACTIONS, ROLES, action_words, period_words

__all__ = ["DISPLAY"]

Fact = Mapping[str, str | int]


def _action(fact: Fact) -> Text:
    action = str(fact["action"])
    return ACTIONS.get(action, Text.of(action, action.replace("_", " ")))


def _object(fact: Fact) -> Text:
    label = str(fact["object_label"])
    return Text.of(label or "(mọi việc)", label or "(anything)")


def _act_desc(fact: Fact) -> Text:
    """Describe an act: "nhiệm vụ «X» (chủ trì)", "quyền ký «Y»", "ký «Y»" (a prohibition)."""
    if fact["source"] == "duty":
        role = str(fact["role"])
        words = ROLES.get(role, Text.of(role, role))
        return Text.of(f"nhiệm vụ «{fact['task_name']}» ({words.vi})", f"the task «{fact['task_name']}» ({role})")
    action, what = str(fact["action"]), _object(fact)
    vi, en = f"{action_words(action, 'vi')} {what.vi}", f"to {action_words(action, 'en')} {what.en}"
    if fact["source"] == "prohibition":
        return Text.of(vi, en)
    return Text.of(f"quyền {vi}", f"the power {en}")


def _period(fact: Fact) -> Text:
    return period_words(str(fact["unit"]), int(fact["amount"]), minimum=int(fact["min_amount"]),
                        before=fact["direction"] == "before", event=str(fact["from_event"]),
                        next_month=bool(fact["next_month"]), latest=bool(fact["latest"]))


#: fact kind -> display field -> how to say it
DISPLAY: dict[str, dict[str, Callable[[Fact], Text]]] = {
    "delegation": {"action_words": _action},
    "act": {"action_words": _action, "object_words": _object, "desc": _act_desc},
    "task_deadline": {"period": _period},
}
