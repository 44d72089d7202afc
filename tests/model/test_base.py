"""Model: where an object was written travels with it (copies, pickles) and never changes what it equals."""

from __future__ import annotations

import copy
import pickle

from quyche_rules.findings import Location
from quyche_rules.model import Actor


def _actor() -> Actor:
    return Actor.model_validate({"id": "vu-a", "name": "Vụ A", "kind": "unit"})


def test_a_model_knows_where_it_was_written_once_placed() -> None:
    actor = _actor()
    assert actor.loc is None  # validated from data alone
    actor.place(("rules/x/actors.yaml", 3, 5, 4, 20))  # the loader's form, made a Location when asked
    assert actor.loc == Location(file="rules/x/actors.yaml", line=3, column=5, end_line=4, end_column=20)
    assert actor.loc is actor.loc  # made once
    assert Actor.model_construct(id="x", name="X", kind="unit").loc is None


def test_copies_and_pickles_keep_the_place_and_equality_ignores_it() -> None:
    actor = _actor()
    actor.place(Location(file="a.yaml", line=1))
    renamed = actor.model_copy(update={"name": "Vụ B"})
    for other in (renamed, pickle.loads(pickle.dumps(actor)), copy.deepcopy(actor), copy.copy(actor)):
        assert other.loc == actor.loc
    renamed.place(Location(file="b.yaml", line=9))
    assert actor.loc is not None and actor.loc.file == "a.yaml"  # a copy's place is its own
    elsewhere = _actor()
    elsewhere.place(Location(file="c.yaml", line=2))
    assert elsewhere == actor and hash(elsewhere) == hash(actor) and "loc" not in actor.model_dump()
