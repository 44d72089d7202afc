"""A provision's wording as a consolidated text prints it, its norms, and finding the provisions a phrase cites."""

from __future__ import annotations

from collections.abc import Iterator

from quyche_rules.amend.provision_tree import Node, Tree
from quyche_rules.citations import Citation, CitationError, parse_citation
from quyche_rules.model import Article, Clause, Point, Regulation
from quyche_rules.model.norm_items import unwrap
from quyche_rules.model.norms import Norm

__all__ = ["cited", "node_at", "norms_under", "wording_of"]


def _point(p: Point) -> str:
    return f"{p.point}) {p.text}"


def _clause(c: Clause) -> str:
    return "\n".join([f"{c.clause}. {c.text}", *(_point(p) for p in c.points)])


def wording_of(node: Node | None) -> str:
    """Return the wording of an article (its heading, text, clauses and points), a clause or a point; "" for none.

    Numbers are written as the text numbers them: "Điều 7. Title", "1. …", "a) …".
    """
    if node is None:
        return ""
    if isinstance(node, Point):
        return _point(node)
    if isinstance(node, Clause):
        return _clause(node)
    lines = [f"Điều {node.article}. {node.title}"]
    if node.text and node.text != node.title:
        lines.append(node.text)
    lines += [_clause(c) for c in node.clauses]
    return "\n".join(lines)


def _items(node: Node) -> Iterator[Node]:
    yield node
    if isinstance(node, Article):
        for c in node.clauses:
            yield from _items(c)
    elif isinstance(node, Clause):
        yield from node.points


def norms_under(node: Node | None) -> list[Norm]:
    """Return the norms of a provision and of every clause and point under it, in document order."""
    if node is None:
        return []
    return [unwrap(item) for n in _items(node) for item in n.norms]


def node_at(reg: Regulation, cit: Citation, tree: Tree | None = None) -> Node | None:
    """Return the article, clause or point ``cit`` names in ``reg``, or None."""
    return (tree or Tree(reg.articles)).get(cit)


def cited(phrase: str) -> list[Citation]:
    """Return the citations a phrase names ("các điểm a và b khoản 2 Điều 9"); none when it cannot be read."""
    try:
        return list(parse_citation(phrase))
    except (CitationError, ValueError):
        return []
