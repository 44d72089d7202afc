from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
MINIMAL = FIXTURES / "regulations" / "minimal"
SCHEMAS = FIXTURES / "schemas"  # official schemas, copied from ../shared/schemas (see their README)

# The cache of checked regulations is off in tests (and in the processes they start): a test that changes the
# package's behaviour in-process must never be answered from an entry of an earlier run. tests/workspace/
# test_cache.py turns it on where it is the subject.
os.environ["QUYCHE_NO_CACHE"] = "1"


def tree_digest(folder: Path) -> str:
    """Checksum of every file (path, bytes, mode) below ``folder``."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        h.update(str(path.relative_to(folder)).encode())
        if path.is_file():
            h.update(path.read_bytes())
            h.update(oct(path.stat().st_mode).encode())
    return h.hexdigest()


@pytest.fixture
def minimal_copy(tmp_path: Path) -> Path:
    dest = tmp_path / "minimal"
    shutil.copytree(MINIMAL, dest)
    return dest


@pytest.fixture(autouse=True)
def _lang_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QUYCHE_LANG", raising=False)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.setenv("NO_COLOR", "1")
    os.environ.pop("QUYCHE_DEBUG", None)
