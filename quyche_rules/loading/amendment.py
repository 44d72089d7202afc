"""Load amendment files, with the one reader, into models that know where each operation is written."""

from __future__ import annotations

from pathlib import Path

from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Hit
from quyche_rules.loading.files import display_path, parse, problem_hit
from quyche_rules.loading.reader import YamlProblem, read_bytes
from quyche_rules.model.amendment import AmendmentFile

__all__ = ["load_amendment", "parse_amendment"]


def parse_amendment(data: bytes, file: str) -> AmendmentFile:
    """Parse the bytes of an amendment file shown to the user as ``file``.

    Raises:
        LoadFailed: with QC001-QC006 for unreadable YAML, QC003 for schema violations.
    """
    problems: list[Hit] = []
    amendment = parse(data, AmendmentFile, file, Path(file).name, problems)
    if amendment is None:
        raise LoadFailed(problems)
    return amendment


def load_amendment(path: Path) -> AmendmentFile:
    """Load the amendment file at ``path``.

    Raises:
        LoadFailed: when the file cannot be read (QC007) or loaded.
    """
    shown = display_path(path)
    try:
        data = read_bytes(path, shown=shown)
    except YamlProblem as problem:
        raise LoadFailed([problem_hit(problem, shown, path.name)]) from None
    return parse_amendment(data, shown)
