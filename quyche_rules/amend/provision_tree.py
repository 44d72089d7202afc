"""The provision tree of a regulation being amended: find, replace and place articles, clauses and points."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import Any

from quyche_rules.citations import Citation, CitationError
from quyche_rules.findings import Location
from quyche_rules.model import Article, Clause, Point
from quyche_rules.model.provisions import Change

__all__ = ["REPEALED_TEXT", "Node", "Tree", "child_citation", "is_repealed", "level_of", "number_of", "plain"]

Node = Article | Clause | Point

#: the text of a repealed provision kept in the consolidated text (its number stays, as in a văn bản hợp nhất)
REPEALED_TEXT = "(Bãi bỏ)"


def is_repealed(node: Node) -> bool:
    """Return True when the last change to ``node`` repealed it."""
    return bool(node.history) and node.history[-1].action == "repealed"


def number_of(node: Node) -> str:
    """Return the number (or letter) of an article, clause or point."""
    if isinstance(node, Article):
        return node.article
    if isinstance(node, Clause):
        return node.clause
    return node.point


def level_of(node: Node) -> str:
    """Return ``article``, ``clause`` or ``point``."""
    return "article" if isinstance(node, Article) else "clause" if isinstance(node, Clause) else "point"


def plain(cit: Citation) -> Citation:
    """Return ``cit`` without chapter and section (articles are numbered through the whole regulation)."""
    if (cit.chapter is None and cit.section is None) or cit.article is None:
        return cit
    return Citation(article=cit.article, clause=cit.clause, point=cit.point)


def child_citation(parent: Citation | None, node: Node) -> Citation:
    """Return the citation of ``node`` placed under ``parent`` (``None``: the regulation)."""
    if parent is None:
        return Citation(article=number_of(node))
    if parent.clause is None:
        return Citation(article=parent.article, clause=number_of(node))
    return Citation(article=parent.article, clause=parent.clause, point=number_of(node))


def _order(parent: Citation | None, node: Node) -> tuple[Any, ...]:
    try:
        return (0, child_citation(parent, node).sort_key())
    except (CitationError, ValueError):
        return (1, number_of(node))


def repealed_stub(node: Node, change: Change, where: Location | None = None) -> Node:
    """Return what is left of ``node`` once repealed: its number, the word "(Bãi bỏ)" and its history.

    The clauses of a repealed article and the points of a repealed clause are repealed with it and stay as stubs
    too: a reference to one of them is to a repealed provision (QC607), not to one that never existed (QC104), and
    a later operation on it is told it was repealed.
    """
    history = (*node.history, change)
    if isinstance(node, Article):
        stub: Node = Article(
            article=node.article,
            title=node.title,
            chapter=node.chapter,
            section=node.section,
            text=REPEALED_TEXT,
            clauses=tuple(_repealed_with(c, change, where) for c in node.clauses),
            history=history,
        )
    elif isinstance(node, Clause):
        stub = Clause(clause=node.clause, text=REPEALED_TEXT, history=history,
                      points=tuple(_repealed_with(p, change, where) for p in node.points))
    else:
        stub = Point(point=node.point, text=REPEALED_TEXT, history=history)
    stub.place(where or node.loc)
    return stub


def _repealed_with(node: Clause | Point, change: Change, where: Location | None) -> Any:
    """Return the stub of a clause or point repealed with what holds it (one repealed before keeps its history)."""
    if is_repealed(node):
        return node
    return repealed_stub(node, change, where)


@functools.lru_cache(maxsize=65536)
def _citation(article: str, clause: str | None, point: str | None) -> Citation:
    """Return the (immutable, hence shared) citation of a provision: walking the tree again builds none."""
    return Citation(article=article, clause=clause, point=point)


class Tree:
    """A mutable view of the articles; every edit rebuilds the frozen models above the node changed."""

    def __init__(self, articles: Iterable[Article]) -> None:
        self.articles: list[Article] = sorted(articles, key=lambda a: _order(None, a))

    def children(self, parent: Citation | None) -> list[Node]:
        """Return the articles (``parent=None``), the clauses of an article or the points of a clause."""
        if parent is None:
            return list(self.articles)
        node = self.get(parent)
        if isinstance(node, Article):
            return list(node.clauses)
        if isinstance(node, Clause):
            return list(node.points)
        return []

    def get(self, cit: Citation) -> Node | None:
        """Return the node cited, repealed or not, or None."""
        cit = plain(cit)
        if cit.article is None:
            return None
        article = next((a for a in self.articles if a.article == cit.article), None)
        if article is None or cit.clause is None:
            return article if cit.point is None else None
        clause = next((c for c in article.clauses if c.clause == cit.clause), None)
        if clause is None or cit.point is None:
            return clause
        return next((p for p in clause.points if p.point == cit.point), None)

    def live(self, cit: Citation) -> Node | None:
        """Return the node cited unless it is missing or repealed."""
        node = self.get(cit)
        return None if node is None or is_repealed(node) else node

    def set_children(self, parent: Citation | None, items: list[Node]) -> None:
        """Replace the children of ``parent``, sorted by number."""
        ordered = sorted(items, key=lambda n: _order(parent, n))
        if parent is None:
            self.articles = [a for a in ordered if isinstance(a, Article)]
            return
        node = self.get(parent)
        if isinstance(node, Article):
            self.put(
                parent,
                node.model_copy(update={"clauses": tuple(c for c in ordered if isinstance(c, Clause))}),
            )
        elif isinstance(node, Clause):
            self.put(
                parent, node.model_copy(update={"points": tuple(p for p in ordered if isinstance(p, Point))})
            )

    def put(self, cit: Citation, node: Node) -> None:
        """Replace the node at ``cit`` (which must exist) by ``node``."""
        cit = plain(cit)
        parent = cit.parent()
        siblings = self.children(parent)
        number = cit.point if cit.point is not None else cit.clause if cit.clause is not None else cit.article
        index = next(i for i, s in enumerate(siblings) if number_of(s) == number)
        siblings[index] = node
        self.set_children(parent, siblings)

    def add(self, parent: Citation | None, node: Node) -> None:
        """Add ``node`` among the children of ``parent``, in number order."""
        self.set_children(parent, [*self.children(parent), node])

    def walk(self, *, addressable: bool = False) -> Iterator[tuple[Citation, Node]]:
        """Yield every article, clause and point with its citation, in document order.

        ``addressable``: only those :meth:`get` returns, leaving out a second provision with the same number
        (QC011) and what lies under it.
        """
        articles: set[str] = set()
        for article in self.articles:
            if addressable and article.article in articles:
                continue
            articles.add(article.article)
            yield _citation(article.article, None, None), article
            clauses: set[str] = set()
            for clause in article.clauses:
                if addressable and clause.clause in clauses:
                    continue
                clauses.add(clause.clause)
                yield _citation(article.article, clause.clause, None), clause
                points: set[str] = set()
                for point in clause.points:
                    if addressable and point.point in points:
                        continue
                    points.add(point.point)
                    yield _citation(article.article, clause.clause, point.point), point

    def phrases(self) -> list[str]:
        """Return the citation phrases of every provision in force (not repealed), in document order."""
        return [cit.format() for cit, node in self.walk() if not is_repealed(node)]
