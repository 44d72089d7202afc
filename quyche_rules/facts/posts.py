"""Who holds which post, and where it sits (Decree 30/2020/NĐ-CP Art. 13).

The head of a body, the heads of the units of its structure, the head post a Q. fills. Derivations here:

* :func:`heads_body`: the head of a body (kind ``head``), or the body itself, which acts through its head (one party,
  :func:`quyche_rules.facts.organisation.party`): who may authorise a TUQ. (Art. 13(3)) or give a TL. (Art. 13(4));
* :func:`body_of`: the body an actor belongs to, up its chain of parents;
* :func:`heads_unit_of`: the head of a unit, or of a body, of a body's own structure: who may receive a TUQ.
  (Art. 13(3): "người đứng đầu cơ quan, tổ chức, đơn vị thuộc cơ cấu tổ chức của mình") or a TL. (Art. 13(4));
* :func:`acting_post`, :func:`post_vacant`: the head post a Q. fills, and whether it is vacant.
"""

from __future__ import annotations

from quyche_rules.facts.organisation import is_deputy_of
from quyche_rules.model import Actor, Delegation, Regulation

__all__ = ["acting_post", "body_of", "condition_of", "heads_body", "heads_unit_of", "post_vacant"]

_BODIES = ("body", "collective")


def _above(reg: Regulation, actor_id: str) -> list[str]:
    """Return the ids up ``actor_id``'s chain of parents, nearest first, each once.

    A loop of parents (QC113's) ends the walk, and so does an id actors.yaml lacks (QC101's), returned last.
    """
    out: list[str] = []
    actor = reg.actor_by_id.get(actor_id)
    while actor is not None and actor.parent and actor.parent not in out and actor.parent != actor_id:
        out.append(actor.parent)
        actor = reg.actor_by_id.get(actor.parent)
    return out


def heads_body(reg: Regulation, actor_id: str) -> bool:
    """Tell whether ``actor_id`` is the head of a body (kind ``head``), or a body acting through its head."""
    actor = reg.actor_by_id.get(actor_id)
    return actor is not None and actor.kind in ("head", "body")


def body_of(reg: Regulation, actor_id: str) -> str:
    """Return the body ``actor_id`` belongs to: itself if a body, else the nearest body above it.

    An actor whose parents name no body belongs to the regulation's own body.
    """
    actor = reg.actor_by_id.get(actor_id)
    if actor is not None and actor.kind in _BODIES:
        return actor_id
    above = reg.actor_by_id.get
    return next((a for a in _above(reg, actor_id) if (b := above(a)) is not None and b.kind in _BODIES),
                reg.meta.body)


def heads_unit_of(reg: Regulation, receiver: str, body: str) -> bool:
    """Tell whether ``receiver`` heads a unit, or a body, of ``body``'s own structure.

    A unit head (or the head of a body: a Tổng cục under the ministry) whose unit or body lies below ``body``; not one
    of a unit under an external actor (a province's Sở), under another body, or a post of ``body`` itself. A unit whose
    chain of parents reaches no body, no collective body and no external actor cannot be placed: it is taken to be
    ``body``'s (the regulation says nothing that places it elsewhere).
    """
    actor = reg.actor_by_id.get(receiver)
    if actor is None or actor.kind not in ("unit_head", "head"):
        return False
    above = _above(reg, receiver)
    if body in above[1:]:
        return True
    if above[:1] == [body]:
        return False
    placed = (reg.actor_by_id.get(a) for a in above)
    return not any(a is not None and a.kind in (*_BODIES, "external") for a in placed) and actor.kind == "unit_head"


def acting_post(reg: Regulation, n: Delegation) -> Actor | None:
    """Return the head post the receiver of a Q. acts in (None for other signing modes or unknown actors).

    That post is the delegator's own, unless the receiver is the deputy of a vacant head post (a superior
    appointing an acting head of a unit): then it is that post.
    """
    if n.signing != "Q":
        return None
    to = reg.actor_by_id.get(n.to)
    if to is not None:
        vacant = next((a for a in reg.actors if a.vacant and is_deputy_of(reg, to.id, a.id)), None)
        if vacant is not None:
            return vacant
    return reg.actor_by_id.get(n.from_)


def condition_of(n: Delegation) -> str:
    """Return a delegation's absence or vacancy condition, written as ``condition`` or as a ``when``."""
    return n.condition or next((c.kind for c in n.when if c.kind in ("absence", "vacancy")), "")


def post_vacant(reg: Regulation, n: Delegation) -> bool:
    """Return True when the head post the receiver of a Q. acts in is vacant (:func:`acting_post`)."""
    src = reg.actor_by_id.get(n.from_)
    if src is not None and src.vacant:
        return True
    post = acting_post(reg, n)
    return post is not None and post.vacant
