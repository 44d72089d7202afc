"""Run a check's examples: merge a YAML snippet into the minimal fixture, write it out, load and check it."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml

__all__ = ["materialise"]

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


def materialise(base: Path, snippet: str, dest: Path) -> Path:
    """Write ``base`` with ``snippet`` merged in to ``dest``; return the regulation folder.

    The snippet is a mapping with any of: ``regulation`` (keys overriding ``regulation.yaml``), ``actors``,
    ``tasks``, ``fields``, ``document_types`` (merged by id; ``{id: x, remove: true}`` removes one),
    ``articles`` (merged by article number), ``checks`` (a regulation ``checks.yaml`` text) and ``files``
    (path -> raw text, written as is, for inputs that must not parse) and ``delete`` (paths to remove).
    An ``amendment`` (an amendment file's text) is not written: :func:`example_codes` applies it.
    """
    folder = dest / base.name
    shutil.copytree(base, folder)
    data = yaml.safe_load(snippet) or {}
    if "regulation" in data:
        meta = yaml.safe_load((folder / "regulation.yaml").read_text(encoding="utf-8"))
        meta.update(data["regulation"])
        (folder / "regulation.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True), encoding="utf-8")
    for key, (file, field) in _LISTS.items():
        if key in data:
            content = yaml.safe_load((folder / file).read_text(encoding="utf-8")) or {}
            content[field] = _merge_by_id(content.get(field, []), data[key], "id")
            (folder / file).write_text(yaml.safe_dump(content, allow_unicode=True), encoding="utf-8")
    for article in data.get("articles", []):
        number = str(article["article"])
        digits = "".join(ch for ch in number if ch.isdigit())
        name = f"dieu-{int(digits):02d}{number[len(digits):]}.yaml"
        (folder / "articles" / name).write_text(yaml.safe_dump(article, allow_unicode=True), encoding="utf-8")
    if "checks" in data:
        (folder / "checks.yaml").write_text(str(data["checks"]), encoding="utf-8")
    for rel in data.get("delete", []):
        (folder / rel).unlink()
    for rel, text in (data.get("files") or {}).items():
        target = folder / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text.encode("utf-8") if isinstance(text, str) else bytes(text))
    return folder


def example_codes(base: Path, snippet: str, *, engine: str = "reference") -> list[str]:
    """Return the codes of the findings the snippet produces on ``base`` (load failures included)."""
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.errors import LoadFailed
    from quyche_rules.loading.folder import load_regulation

    with tempfile.TemporaryDirectory() as tmp:
        folder = materialise(base, snippet, Path(tmp))
        try:
            loaded = load_regulation(folder)
        except LoadFailed as failed:
            return sorted(f.code for f in failed.findings)
        amendment = (yaml.safe_load(snippet) or {}).get("amendment")
        if amendment is not None:  # an amendment text: findings of the pipeline and of the consolidation
            from quyche_rules.amend.pipeline import amendment_example_codes

            return amendment_example_codes(loaded, str(amendment), engine=engine)
        return sorted(f.code for f in run_checks(loaded, engine=engine).findings)
