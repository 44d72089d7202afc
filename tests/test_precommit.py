"""The pre-commit hooks: a valid manifest, and a real try-repo run in a temporary git repository."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from tests.conftest import ROOT, SCHEMAS

#: pre-commit as installed beside the interpreter running the tests (a test extra), whatever PATH says
PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")


def test_manifest_validates() -> None:
    subprocess.run([PRE_COMMIT, "validate-manifest", ".pre-commit-hooks.yaml"], cwd=ROOT, check=True)
    subprocess.run([PRE_COMMIT, "validate-config", ".pre-commit-config.yaml"], cwd=ROOT, check=True)


def test_manifest_matches_the_official_schema() -> None:
    schema = json.loads((SCHEMAS / "pre-commit-hooks.schema.json").read_text(encoding="utf-8"))
    manifest = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    jsonschema.validate(manifest, schema)
    assert {h["id"] for h in manifest} == {"quyche", "quyche-audit"}


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", *args], cwd=repo,
                   check=True, capture_output=True)


@pytest.mark.slow
def test_try_repo_passes_a_clean_commit_and_fails_a_second_lead(tmp_path: Path) -> None:
    repo = tmp_path / "drafts"
    shutil.copytree(ROOT / "rules" / "ubdt-2017", repo / "rules" / "ubdt-2017")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "base", "--no-verify")
    env_home = tmp_path / "cache"

    def try_repo() -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [PRE_COMMIT, "try-repo", str(ROOT), "quyche"], cwd=repo, capture_output=True, text=True,
            env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "PRE_COMMIT_HOME": str(env_home),
                 "HOME": str(tmp_path), "NO_COLOR": "1"}, timeout=900,
        )

    article = repo / "rules" / "ubdt-2017" / "articles" / "dieu-21.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("chương trình", "chương trình", 1) + "\n",
                       encoding="utf-8")
    _git(repo, "add", "-A")
    clean = try_repo()
    assert clean.returncode == 0, clean.stdout + clean.stderr

    text = article.read_text(encoding="utf-8")
    marker = "    norms:\n"
    assert marker in text
    second_lead = marker + "      - duty: {holder: vu-phap-che, task: xay-dung-chuong-trinh-cong-tac, role: lead}\n"
    article.write_text(text.replace(marker, second_lead, 1), encoding="utf-8")
    _git(repo, "add", "-A")
    broken = try_repo()
    assert broken.returncode == 1, broken.stdout + broken.stderr
    assert "QC301" in broken.stdout and "multiple-leads" in broken.stdout
