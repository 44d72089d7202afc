"""The organisation's derivations: an ended actor's successors down its chain."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from quyche_rules.commands.examples import materialise
from quyche_rules.facts.organisation import _down_the_chain, is_deputy_of
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL

_IDS = st.sampled_from(["a", "b", "c", "d", "e", "f"])


def _networkx(chain: dict[str, dict[str, None]], start: str) -> list[str]:
    graph: nx.DiGraph[str] = nx.DiGraph((a, s) for a, after in chain.items() for s in after)
    return list(nx.dfs_preorder_nodes(graph, start))[1:]


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_IDS, _IDS, min_size=1).filter(lambda links: all(a != s for a, s in links.items())),
       st.data())
def test_one_successor_each_is_walked_as_networkx_walks_it(links: dict[str, str], data: st.DataObject) -> None:
    """Chains that end, chains that loop back, chains that join: the order networkx's depth-first walk gives."""
    chain = {actor: {successor: None} for actor, successor in links.items()}
    start = data.draw(st.sampled_from(sorted(chain)))
    assert _down_the_chain(chain, start) == _networkx(chain, start)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(_IDS, _IDS).filter(lambda link: link[0] != link[1]), min_size=1, max_size=8),
       st.data())
def test_an_id_declared_twice_with_two_successors_is_walked_depth_first(
    links: list[tuple[str, str]], data: st.DataObject
) -> None:
    chain: dict[str, dict[str, None]] = {}
    for actor, successor in links:
        chain.setdefault(actor, {})[successor] = None
    start = data.draw(st.sampled_from(sorted(chain)))
    assert _down_the_chain(chain, start) == _networkx(chain, start)


# -- is_deputy_of: the head's own deputy, of the same body or unit -----------------------------------------------

_TONG_CUC = [
    {"id": "tong-cuc-x", "name": "Tổng cục X", "kind": "body", "parent": "co-quan"},
    {"id": "tong-cuc-truong", "name": "Tổng cục trưởng Tổng cục X", "kind": "head", "parent": "tong-cuc-x"},
    {"id": "pho-tong-cuc-truong", "name": "Phó Tổng cục trưởng Tổng cục X", "kind": "deputy_head",
     "parent": "tong-cuc-x"},
]


def test_a_deputy_head_is_the_deputy_of_the_head_of_its_own_body_only(tmp_path: Path) -> None:
    """QA3 defect 3: any deputy head was taken for the deputy of any head, whatever the body (Đ13(1) "cấp phó")."""
    reg = load_regulation(materialise(MINIMAL, yaml.safe_dump({"actors": _TONG_CUC}), tmp_path)).regulation
    assert is_deputy_of(reg, "thu-truong-a", "bo-truong")
    assert is_deputy_of(reg, "pho-tong-cuc-truong", "tong-cuc-truong")
    assert not is_deputy_of(reg, "pho-tong-cuc-truong", "bo-truong")
    assert not is_deputy_of(reg, "thu-truong-a", "tong-cuc-truong")
    assert is_deputy_of(reg, "pho-chanh-van-phong", "chanh-van-phong")
    assert not is_deputy_of(reg, "pho-chanh-van-phong", "vu-truong-a")
    assert not is_deputy_of(reg, "thu-truong-a", "chanh-van-phong")
