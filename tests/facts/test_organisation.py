"""The organisation's derivations: an ended actor's successors down its chain."""

from __future__ import annotations

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from quyche_rules.facts.organisation import _down_the_chain

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
