"""Load an amendment file safely, with the file and line of every operation."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from quyche_rules.amend.model import AmendmentFile
from quyche_rules.errors import LoadFailed
from quyche_rules.findings import Finding, Location, ProvisionRef, Severity
from quyche_rules.i18n import Text
from quyche_rules.loading.diagnostics import problem_finding, validation_findings
from quyche_rules.loading.folder import attach_locations, display_path
from quyche_rules.loading.yamlsafe import YamlProblem, load_yaml

__all__ = ["load_amendment", "parse_amendment"]


def parse_amendment(data: bytes, file: str) -> AmendmentFile:
    """Parse the bytes of an amendment file shown to the user as ``file``.

    Raises:
        LoadFailed: with QC001-QC006 findings for unreadable YAML, QC003 for schema violations.
    """
    label = Path(file).name
    try:
        raw, positions = load_yaml(data)
    except YamlProblem as problem:
        raise LoadFailed([problem_finding(problem, file, label)]) from None
    if raw is None:
        raw = {}
    try:
        amendment = AmendmentFile.model_validate(raw)
    except ValidationError as err:
        raise LoadFailed(validation_findings(err, AmendmentFile, raw, positions, file, label)) from None
    attach_locations(amendment, positions, (), file)
    return amendment


def load_amendment(path: Path) -> AmendmentFile:
    """Load the amendment file at ``path``.

    Raises:
        LoadFailed: when the file cannot be read or does not match the amendment schema.
    """
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        location = Location(file=shown)
        raise LoadFailed(
            [
                Finding(
                    code="QC007",
                    name="missing-file",
                    severity=Severity.ERROR,
                    message=Text.of(
                        f"Không đọc được tệp sửa đổi {shown}: {exc.strerror or exc}",
                        f"Cannot read the amendment file {shown}: {exc.strerror or exc}",
                    ),
                    location=location,
                    provisions=(ProvisionRef(citation=path.name, location=location),),
                    fix=Text.of("Kiểm tra đường dẫn tệp sửa đổi", "Check the path of the amendment file"),
                )
            ]
        ) from None
    return parse_amendment(data, shown)
