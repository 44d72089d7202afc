"""Render a regulation back as the files of a rule folder, byte for byte deterministic.

Files follow the input format (``regulation.yaml``, ``actors.yaml``, ``tasks.yaml``,
``articles/dieu-NN.yaml``): keys in the models' field order, defaults left out, NFC text, small mappings in
flow style. Each file starts with a ``# yaml-language-server: $schema=…`` modeline pointing at the schemas
shipped in the package by a relative path when the output lies in the same source tree as the package;
otherwise with a comment naming the command that prints the schema (never a URL, never an absolute path).
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from quyche_rules.i18n import CONTROL, nfc
from quyche_rules.model import ActorsFile, Article, Regulation, TasksFile
from quyche_rules.model.base import Model

__all__ = ["article_filename", "render_folder"]

_WIDTH = 110
#: what YAML reads as a line break: inside a header comment one would end the comment and start content
_BREAKS = re.compile("[\r\n\x85\u2028\u2029]+")
#: what YAML refuses anywhere in a stream, comments included, and what the loader refuses (control characters)
_UNPRINTABLE = re.compile("[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|" + CONTROL.pattern)
_FLOW_MAX = 100
SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schema"


class _Flow(dict[str, Any]):
    """A mapping written in flow style (``{a: 1, b: 2}``)."""


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent block sequences under their key, as the hand-written rule files do."""
        super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> yaml.Node:
    return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=True)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    style = "|" if "\n" in data else None
    if "\x85" in data:  # PyYAML writes NEL raw in plain, quoted and block styles, and reads it back as a break
        style = '"'
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style=style)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_str)


def _plain(value: Any) -> Any:
    """Turn dumped model data into YAML-ready data: lists, NFC strings, small mappings in flow style."""
    if isinstance(value, dict):
        out = {str(k): _plain(v) for k, v in value.items()}
        return _Flow(out) if _fits_flow(out) else out
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, str):
        return nfc(value)
    return value


def _fits_flow(mapping: dict[str, Any]) -> bool:
    def simple(v: Any) -> bool:
        if isinstance(v, str):
            return "\n" not in v
        if isinstance(v, dict):
            return all(simple(x) for x in v.values())
        if isinstance(v, list):
            return all(simple(x) and not isinstance(x, (dict, list)) for x in v)
        return True

    if not mapping or not all(simple(v) for v in mapping.values()):
        return False
    if len(mapping) == 1 and isinstance(next(iter(mapping.values())), dict):
        return False  # a one-key wrapper (a norm): ``duty: {…}``
    text = yaml.dump(
        mapping, Dumper=_Dumper, default_flow_style=True, allow_unicode=True, width=10**6, sort_keys=False
    )
    return len(text.strip()) <= _FLOW_MAX


def _comment(line: str) -> str:
    """Return ``line`` safe inside a YAML comment: line breaks as spaces, characters YAML refuses escaped."""
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m[0]):04x}", _BREAKS.sub(" ", nfc(line)))


def _data(model: Model) -> Any:
    return _plain(model.model_dump(mode="python", by_alias=True, exclude_defaults=True))


def _yaml(data: Any) -> str:
    top = dict(data) if isinstance(data, _Flow) else data
    return str(
        yaml.dump(
            top, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=_WIDTH, default_flow_style=False
        )
    )


def article_filename(article: Article) -> str:
    """Return ``dieu-07.yaml`` for Điều 7, ``dieu-04a.yaml`` for Điều 4a."""
    digits = "".join(ch for ch in article.article if ch.isdigit())
    return f"dieu-{int(digits or 0):02d}{article.article[len(digits) :]}.yaml"


def _modeline(kind: str, final_file: Path | None) -> str:
    """Return the first line of a rule file of ``kind`` that will live at ``final_file``."""
    schema = SCHEMA_DIR / f"{kind}.schema.json"
    source_tree = SCHEMA_DIR.parent.parent
    if final_file is not None and schema.is_file():
        target = Path(os.path.abspath(final_file))
        if target.is_relative_to(source_tree):
            rel = os.path.relpath(schema, target.parent).replace(os.sep, "/")
            return f"# yaml-language-server: $schema={rel}\n"
    return f"# schema: `quyche schema {kind}` (JSON Schema)\n"


def render_folder(
    reg: Regulation, *, destination: Path | None = None, header: Sequence[str] = ()
) -> dict[str, bytes]:
    """Return the files of ``reg`` as a rule folder: relative path -> bytes.

    Args:
        reg: the regulation (for instance a consolidated one).
        destination: the folder the files will finally live in, for the schema modelines.
        header: comment lines written at the top of ``regulation.yaml`` after the modeline.
    """

    def at(rel: str) -> Path | None:
        return destination / rel if destination is not None else None

    files: dict[str, str] = {}
    comments = "".join(f"# {_comment(line)}\n" if line else "#\n" for line in header)
    files["regulation.yaml"] = (
        _modeline("regulation", at("regulation.yaml")) + comments + _yaml(_data(reg.meta))
    )
    files["actors.yaml"] = _modeline("actors", at("actors.yaml")) + _yaml(
        _data(ActorsFile(actors=reg.actors))
    )
    tasks = TasksFile(fields=reg.fields, tasks=reg.tasks, document_types=reg.document_types)
    files["tasks.yaml"] = _modeline("tasks", at("tasks.yaml")) + _yaml(_data(tasks))
    for article in reg.articles:
        rel = f"articles/{article_filename(article)}"
        if rel in files:  # two articles with one number (QC011): keep both, the second named to load after the first
            rel = next(alt for i in range(2, len(reg.articles) + 2)
                       if (alt := rel.removesuffix(".yaml") + f"_{i:03d}.yaml") not in files)
        files[rel] = _modeline("article", at(rel)) + _yaml(_data(article))
    return {rel: nfc(text).encode("utf-8") for rel, text in sorted(files.items())}
