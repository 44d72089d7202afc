"""A check's examples as complete small regulations: merged into the example regulation, loaded and checked.

Every check documents an example that fires it and one that does not. An example is a YAML snippet merged
into the example regulation shipped with the package (``example_regulation/``, the smallest regulation the
catalogue is written against), with the amendments it gives applied to it and the result compared with it:
``quyche explain`` shows the regulation it makes and what it finds, and the tests require each example to
produce exactly its check's code (or nothing).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quyche_rules.amend.compare import consolidate
from quyche_rules.amend.diff import diff_regulations
from quyche_rules.amend.dropped import dropped_duties
from quyche_rules.checks.produce import load_findings
from quyche_rules.checks.runner import run_checks
from quyche_rules.engines import EngineChoice
from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding
from quyche_rules.loading import load_regulation
from quyche_rules.loading.amendment import parse_amendment

__all__ = ["EXAMPLE_REGULATION", "Example", "example_codes", "materialise", "run_example"]

#: the regulation every example is merged into
EXAMPLE_REGULATION = Path(__file__).resolve().parent / "example_regulation"

_LISTS = {"actors": ("actors.yaml", "actors"), "tasks": ("tasks.yaml", "tasks"),
          "fields": ("tasks.yaml", "fields"), "document_types": ("tasks.yaml", "document_types")}


def _merge_by_id(items: list[dict[str, Any]], extra: list[dict[str, Any]], key: str) -> list[dict[str, Any]]:
    out = {str(i[key]): i for i in items}
    for item in extra:
        if item.get("remove"):
            out.pop(str(item[key]), None)
        else:
            out[str(item[key])] = item
    return list(out.values())


def _dump(data: Any) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=110)


def _dump_lists(data: dict[str, Any], modeline: str) -> str:
    """Write a file of lists (actors.yaml, tasks.yaml) as the example regulation writes it: one item a line."""
    lines = [modeline] if modeline else []
    for key, items in data.items():
        lines.append(f"{key}:")
        lines += [f"  - {_flow(item)}" for item in items]
    return "\n".join(lines) + "\n"


def _flow(item: Any) -> str:
    return yaml.safe_dump(item, allow_unicode=True, sort_keys=False, default_flow_style=True, width=10_000).strip()


def _modeline(text: str) -> str:
    first = text.split("\n", 1)[0]
    return first if first.startswith("# yaml-language-server:") else ""


def materialise(base: Path, snippet: str, dest: Path) -> Path:
    """Write ``base`` with ``snippet`` merged in to ``dest``; return the regulation folder.

    The snippet is a mapping with any of: ``regulation`` (keys overriding ``regulation.yaml``), ``actors``,
    ``tasks``, ``fields``, ``document_types`` (merged by id; ``{id: x, remove: true}`` removes one),
    ``articles`` (merged by article number), ``checks`` (a regulation ``checks.yaml`` text) and ``files``
    (path -> raw text, written as is, for inputs that must not parse) and ``delete`` (paths to remove).
    An ``amendment`` (an amendment file's text) is not written: :func:`run_example` applies it.
    """
    folder = dest / base.name
    shutil.copytree(base, folder)
    data = yaml.safe_load(snippet) or {}
    if "regulation" in data:
        meta = yaml.safe_load((folder / "regulation.yaml").read_text(encoding="utf-8"))
        meta.update(data["regulation"])
        (folder / "regulation.yaml").write_text(_dump(meta), encoding="utf-8")
    for key, (file, field) in _LISTS.items():
        if key in data:
            text = (folder / file).read_text(encoding="utf-8")
            content = yaml.safe_load(text) or {}
            content[field] = _merge_by_id(content.get(field, []), data[key], "id")
            (folder / file).write_text(_dump_lists(content, _modeline(text)), encoding="utf-8")
    for article in data.get("articles", []):
        number = str(article["article"])
        digits = "".join(ch for ch in number if ch.isdigit())
        name = f"dieu-{int(digits):02d}{number[len(digits):]}.yaml"
        (folder / "articles" / name).write_text(_dump(article), encoding="utf-8")
    if "checks" in data:
        (folder / "checks.yaml").write_text(str(data["checks"]), encoding="utf-8")
    for rel in data.get("delete", []):
        (folder / rel).unlink()
    for rel, text in (data.get("files") or {}).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else bytes(text))
    return folder


@dataclass(frozen=True)
class Example:
    """What an example makes and finds: the files it adds or changes, the amendment it applies, the findings."""

    changed: dict[str, str]
    """Relative path -> text of every file of the example regulation that the example adds or changes."""
    removed: tuple[str, ...]
    """Relative paths of the files the example removes."""
    amendments: tuple[str, ...]
    """The amendment files it applies to the regulation, in the order given (none for most checks)."""
    findings: tuple[Finding, ...]


def _text(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")


def _files(folder: Path) -> dict[str, Path]:
    return {p.relative_to(folder).as_posix(): p for p in sorted(folder.rglob("*")) if p.is_file()}


@contextmanager
def _materialised(snippet: str, base: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="quyche-example-") as tmp:
        yield materialise(base, snippet, Path(tmp))


def run_example(snippet: str, *, base: Path = EXAMPLE_REGULATION, engine: EngineChoice = "reference") -> Example:
    """Merge ``snippet`` into ``base``, apply its amendment if it has one, and check the result."""
    with _materialised(snippet, base) as folder:
        before, after = _files(base), _files(folder)
        changed = {rel: _text(p) for rel, p in after.items()
                   if rel not in before or p.read_bytes() != before[rel].read_bytes()}
        removed = tuple(rel for rel in before if rel not in after)
        given = (yaml.safe_load(snippet) or {}).get("amendment")
        texts = tuple(str(t) for t in (given if isinstance(given, list) else [given] if given else []))
        try:
            loaded = load_regulation(folder)
        except LoadFailed as failed:
            return Example(changed, removed, (), tuple(load_findings(failed)))
        if not texts:
            return Example(changed, removed, (), tuple(run_checks(loaded, engine=engine).findings))
        try:
            parsed = [parse_amendment(t.encode("utf-8"), f"amendment-{i}.yaml" if len(texts) > 1 else "amendment.yaml")
                      for i, t in enumerate(texts, 1)]
        except LoadFailed as failed:
            return Example(changed, removed, texts, tuple(load_findings(failed)))
        view, result = consolidate(loaded, parsed)
        # as ``quyche diff REGULATION AMENDMENT…`` would: what the operations found, the consolidated version's
        # findings, and the duties it dropped compared with the regulation amended (QC609)
        dropped = dropped_duties(diff_regulations(loaded.regulation, view.regulation), result.findings)
        found = (*result.findings, *run_checks(view, engine=engine).findings, *dropped)
        return Example(changed, removed, texts, found)


def example_codes(base: Path, snippet: str, *, engine: EngineChoice = "reference") -> list[str]:
    """Return the codes of the findings the snippet produces on ``base`` (load failures included)."""
    return sorted(f.code for f in run_example(snippet, base=base, engine=engine).findings)
