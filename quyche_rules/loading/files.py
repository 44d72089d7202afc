"""Load rule files into validated models that know where they were written: a regulation folder.

Every file is read by :mod:`quyche_rules.loading.reader` and validated by its pydantic model; every model object
remembers its file and span (:attr:`quyche_rules.model.base.Model.loc`). What cannot be loaded is reported as
hits (QC001-QC007), all files at once, in :class:`~quyche_rules.errors.LoadFailed`.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from quyche_rules.findings import Hit, Location, ProvisionRef
from quyche_rules.i18n import Text
from quyche_rules.loading.ahead import take
from quyche_rules.loading.problems import Problem, validation_problems
from quyche_rules.loading.raw import real_path
from quyche_rules.loading.reader import (
    MAX_REGULATION_BYTES,
    DataPath,
    Document,
    Span,
    Spans,
    YamlProblem,
    parse_yaml,
    read_bytes,
)
from quyche_rules.model.base import Model
from quyche_rules.trusted import share_fields

__all__ = [
    "PRODUCES", "Budget", "display_path", "finished", "hit_at", "parse", "problem_hit", "read", "reusing_parses",
    "shared_parses", "sharing_parses",
]

#: the check codes whose findings this module produces (the catalogue declares them)
PRODUCES = ("QC001", "QC002", "QC003", "QC004", "QC005", "QC006", "QC007")

M = TypeVar("M", bound=BaseModel)


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it, with forward slashes."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        rel = str(path)
    if rel.startswith(".."):
        rel = str(path)
    return rel.replace(os.sep, "/")


_FIELD_KEYS: dict[type, tuple[tuple[str, str], ...]] = {}


def _keys(cls: type[Model]) -> tuple[tuple[str, str], ...]:
    keys = _FIELD_KEYS.get(cls)
    if keys is None:
        keys = _FIELD_KEYS[cls] = tuple((name, f.alias or name) for name, f in cls.model_fields.items())
    return keys


def attach_locations(obj: Any, spans: Spans, path: DataPath, file: str) -> None:
    """Record on every model inside ``obj`` the file and span it was written at."""
    if isinstance(obj, Model):
        span = spans.get(path) or spans.get((), (1, 1, 1, 1))
        object.__setattr__(obj, "__pydantic_private__", {"loc": (file, *span)})  # Model.place, inlined
        share_fields(obj)
        values = obj.__dict__
        cls = type(obj)
        for name, key in _FIELD_KEYS.get(cls) or _keys(cls):
            value = values[name]
            if isinstance(value, (Model, tuple)):
                attach_locations(value, spans, (*path, key), file)
    elif isinstance(obj, tuple):
        for i, item in enumerate(obj):
            if isinstance(item, (Model, tuple)):
                attach_locations(item, spans, (*path, i), file)


def _location(file: str, span: Span | None) -> Location:
    if span is None:  # the file as a whole
        return Location(file=file)
    return Location(file=file, line=span[0], column=span[1], end_line=span[2], end_column=span[3])


def hit_at(code: str, file: str, label: str, span: Span | None, what: Text, expected: Text, fix: Text) -> Hit:
    """Return a loader hit (QC001-QC007) at ``span`` of ``file``: what is wrong, what was expected, the fix."""
    at = _location(file, span)
    return Hit((ProvisionRef(citation=label, location=at),), values={"what": what, "expected": expected}, at=at,
               fix=fix, code=code)


def problem_hit(problem: YamlProblem, file: str, label: str) -> Hit:
    """Return the hit of a problem the reader found in ``file``."""
    return hit_at(problem.code, file, label, problem.span, problem.what, problem.expected, problem.fix)


def parse(
    data: bytes, model: type[M], file: str, label: str, problems: list[Hit],
    more: Callable[[Any], list[Problem]] | None = None,
    keys: Sequence[DataPath] = (),
) -> M | None:
    """Parse and validate the bytes of one file shown as ``file``; on failure add its problems and return None.

    Every problem of the file is added at once: dates that do not exist, then what validation finds (a value
    already reported as a date that does not exist is not reported again), then what ``more`` finds in the data
    (whether or not it validates). ``keys``: the paths of keys whose own place is recorded on the model that
    holds them (:meth:`~quyche_rules.model.base.Model.place_key`), for a finding about that one value.
    """
    try:
        doc = _parsed(data)
    except YamlProblem as problem:
        problems.append(problem_hit(problem, file, label))
        return None
    found = [problem_hit(p, file, label) for p in doc.problems.values()]
    raw = {} if doc.data is None else doc.data
    obj: M | None = None
    try:
        obj = model.model_validate(raw)
    except ValidationError as err:
        found.extend(hit_at("QC003", file, label, doc.span(p.path), p.what, p.expected, p.fix)
                     for p in validation_problems(err, model, raw) if p.path not in doc.problems)
    if more is not None:
        found.extend(hit_at("QC003", file, label, doc.span(p.path), p.what, p.expected, p.fix) for p in more(raw))
    if found or obj is None:
        problems.extend(sorted(found, key=lambda h: (h.at.line or 0, h.at.column or 0) if h.at else (0, 0)))
        return None
    attach_locations(obj, doc.spans, (), file)
    for path in keys:  # the keys a finding may be about, one value of a model: where each was written
        owner: Any = obj
        for part in path[:-1]:
            owner = getattr(owner, str(part))
        span = doc.spans.get(path)
        if span is not None:
            owner.place_key(str(path[-1]), _location(file, span))
    return obj


def finished(model: type[M]) -> Callable[[Path, Document], tuple[str, M] | None]:
    """Return what :func:`~quyche_rules.loading.ahead.ahead` makes of a file beside: (shown as, model), or None.

    None for a file with any problem: this process then reads it again and reports every problem as
    :func:`parse` does.
    """

    def finish(path: Path, doc: Document) -> tuple[str, M] | None:
        if doc.problems:
            return None
        try:
            obj = model.model_validate({} if doc.data is None else doc.data)
        except ValidationError:
            return None
        shown = display_path(path)
        attach_locations(obj, doc.spans, (), shown)
        return shown, obj

    return finish


_SHARED: list[dict[bytes, Document]] = []


@contextmanager
def shared_parses() -> Iterator[None]:
    """Parse each distinct file content once while inside: the unchanged files of two versions compared.

    The documents are kept until the block ends (a check of one version frees each as soon as it is validated).
    """
    _SHARED.append({})
    try:
        yield
    finally:
        _SHARED.pop()


def sharing_parses() -> bool:
    """Return whether parsed documents are kept for another version (inside :func:`shared_parses`)."""
    return bool(_SHARED)


def reusing_parses() -> bool:
    """Return whether parsed documents are being reused (a second version loaded within :func:`shared_parses`)."""
    return bool(_SHARED and _SHARED[-1])


def _parsed(data: bytes) -> Document:
    memo = _SHARED[-1] if _SHARED else None
    doc = memo.get(data) if memo is not None else None
    if doc is None:
        doc = take(data, Document)  # parsed beside (loading.ahead), from these very bytes
        if doc is None:
            doc = parse_yaml(data, lenient=True)
        if memo is not None:
            memo[data] = doc
    return doc


class Budget:
    """The bytes the files of one regulation may still take (:data:`MAX_REGULATION_BYTES` in all)."""

    def __init__(self, total: int = MAX_REGULATION_BYTES) -> None:
        self.total = total
        self.left = total

    def spend(self, size: int, shown: str, label: str, problems: list[Hit]) -> bool:
        """Take ``size`` bytes; when they are not left, add a QC005 at ``shown`` (once) and return False."""
        if size <= self.left:
            self.left -= size
            return True
        if self.left >= 0:
            problems.append(hit_at(
                "QC005", shown, label, None,
                Text.of(f"Các tệp của quy chế vượt quá {self.total:,} byte (tính đến {shown})",
                        f"The regulation's files exceed {self.total:,} bytes (counting up to {shown})"),
                Text.of(f"tổng cộng tối đa {self.total:,} byte", f"at most {self.total:,} bytes in all"),
                Text.of("Tách quy chế, hoặc bỏ các tệp không thuộc quy chế khỏi thư mục",
                        "Split the regulation, or move files that are not part of it out of its folder"),
            ))
        self.left = -1
        return False


def read(
    path: Path, model: type[M], label: str, problems: list[Hit], *, within: Path | None = None,
    budget: Budget | None = None,
) -> M | None:
    """Read and validate one file; on failure add its problems and return None.

    ``within``: the folder the file must lie in once symbolic links are followed (its regulation's folder), so a
    link to a file elsewhere (``/etc/passwd``, a ``.env``) is refused and never echoed. ``budget``: the bytes the
    regulation's files may still take; a file past it is not parsed.
    """
    shown = display_path(path)
    real = real_path(path)  # (None: its links loop, which reading it reports)
    if within is not None and real is not None and not real.is_relative_to(within):
        problems.append(hit_at(
            "QC007", shown, label, None,
            Text.of(f"{shown} là liên kết tới một tệp nằm ngoài thư mục quy chế",
                    f"{shown} links to a file outside the regulation's folder"),
            Text.of("tệp nằm trong thư mục quy chế", "a file inside the regulation's folder"),
            Text.of("Thay liên kết bằng chính tệp, đặt trong thư mục quy chế",
                    "Replace the link with the file itself, inside the regulation's folder"),
        ))
        return None
    try:
        data = read_bytes(path, shown=shown)
    except YamlProblem as problem:
        problems.append(problem_hit(problem, shown, label))
        return None
    if budget is not None and not budget.spend(len(data), shown, label, problems):
        return None
    done = take(data, tuple)  # loaded beside (loading.ahead) from these very bytes, for this file and model?
    if done is not None and done[0] == shown and type(done[1]) is model:
        return done[1]
    return parse(data, model, shown, label, problems)
