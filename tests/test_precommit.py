"""The pre-commit hooks: a valid manifest, the README's snippet committing drafts, and a real try-repo run."""

from __future__ import annotations

import json
import re
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


def _readme_snippet() -> str:
    """Return the `.pre-commit-config.yaml` the README's "Pre-commit" section tells a rules repository to add."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Pre-commit\n", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```yaml\n(.*?)```", section, re.S)
    assert len(blocks) == 1, "the Pre-commit section shows exactly one configuration"
    return str(blocks[0])


def test_the_readme_snippet_is_a_valid_configuration_of_local_hooks(tmp_path: Path) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(_readme_snippet(), encoding="utf-8")
    subprocess.run([PRE_COMMIT, "validate-config", str(config)], check=True, capture_output=True)
    hooks = {h["id"]: h for r in yaml.safe_load(config.read_text(encoding="utf-8"))["repos"] for h in r["hooks"]}
    assert set(hooks) == {"quyche", "quyche-audit"}
    assert "example.invalid" not in config.read_text(encoding="utf-8")
    assert "pre-push" in hooks["quyche-audit"]["stages"]
    assert "pre-commit install --hook-type pre-push" in (ROOT / "README.md").read_text(encoding="utf-8")


class _Repo:
    """A rules repository in a temporary folder, with the README's hooks installed (quyche found on PATH)."""

    def __init__(self, tmp_path: Path) -> None:
        self.path = tmp_path / "rules-repo"
        shutil.copytree(ROOT / "rules" / "ubdt-2017", self.path / "rules" / "ubdt-2017")
        (self.path / "drafts").mkdir()
        (self.path / ".pre-commit-config.yaml").write_text(_readme_snippet(), encoding="utf-8")
        self.env = {"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path),
                    "PRE_COMMIT_HOME": str(tmp_path / "cache"), "NO_COLOR": "1", "LC_ALL": "C.UTF-8"}
        _git(self.path, "init", "-q")
        _git(self.path, "add", "-A")
        _git(self.path, "commit", "-qm", "base", "--no-verify")
        for hook_type in ("pre-commit", "pre-push"):
            self.run(PRE_COMMIT, "install", "--hook-type", hook_type).check_returncode()

    def run(self, *argv: str) -> subprocess.CompletedProcess[str]:
        """Run ``argv`` in the repository; its output and errors together in ``stdout`` (git prints hooks' there)."""
        return subprocess.run(list(argv), cwd=self.path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=self.env, timeout=300)

    def commit(self, message: str) -> subprocess.CompletedProcess[str]:
        """Stage everything and commit through the installed hook; return git's answer."""
        _git(self.path, "add", "-A")
        return self.run("git", "-c", "user.email=t@example.invalid", "-c", "user.name=t", "commit", "-qm", message)

    def draft(self, fixture: str) -> Path:
        target = self.path / "drafts" / fixture
        shutil.copy(ROOT / "fixtures" / "amendments" / fixture, target)
        return target


def test_the_readme_hook_refuses_a_draft_with_a_second_lead_and_commits_a_clean_one(tmp_path: Path) -> None:
    repo = _Repo(tmp_path)
    bad = repo.draft("01-second-lead.yaml")
    refused = repo.commit("a draft with a second lead")
    assert refused.returncode == 1, refused.stdout
    assert "drafts/01-second-lead.yaml:12:5  lỗi  QC301 multiple-leads" in refused.stdout
    assert "Dự thảo drafts/01-second-lead.yaml → rules/ubdt-2017: phát sinh 2 lỗi" in refused.stdout

    _git(repo.path, "rm", "-q", "--cached", "drafts/01-second-lead.yaml")
    bad.unlink()
    repo.draft("clean.yaml")
    clean = repo.commit("a clean draft")
    assert clean.returncode == 0, clean.stdout
    assert "quyche (working-regulation checks)" in clean.stdout and "Passed" in clean.stdout

    # the base changes under the committed draft: one more «Trung tâm Thông tin» than the draft counted
    article = repo.path / "rules" / "ubdt-2017" / "articles" / "dieu-21.yaml"
    line = "        text: Đối với chương trình năm, trong tháng 11 của năm trước."
    text = article.read_text(encoding="utf-8")
    assert line in text
    article.write_text(text.replace(line, line[:-1] + "; Trung tâm Thông tin đăng tải.", 1), encoding="utf-8")
    broken = repo.commit("a change of the base")
    assert broken.returncode == 1, broken.stdout
    assert "drafts/clean.yaml:15:5  cảnh báo  QC605 phrase-replacement-count" in broken.stdout


def test_the_readme_audit_finds_a_draft_committed_without_the_hook(tmp_path: Path) -> None:
    repo = _Repo(tmp_path)
    repo.draft("01-second-lead.yaml")
    _git(repo.path, "add", "-A")
    _git(repo.path, "commit", "-qm", "past the hook", "--no-verify")
    audit = repo.run(PRE_COMMIT, "run", "--hook-stage", "pre-push", "quyche-audit")
    assert audit.returncode == 1, audit.stdout
    assert "drafts/01-second-lead.yaml:12:5  lỗi  QC301 multiple-leads" in audit.stdout


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
    assert clean.returncode == 0, clean.stdout

    text = article.read_text(encoding="utf-8")
    marker = "    norms:\n"
    assert marker in text
    second_lead = marker + "      - duty: {holder: vu-phap-che, task: xay-dung-chuong-trinh-cong-tac, role: lead}\n"
    article.write_text(text.replace(marker, second_lead, 1), encoding="utf-8")
    _git(repo, "add", "-A")
    broken = try_repo()
    assert broken.returncode == 1, broken.stdout
    assert "QC301" in broken.stdout and "multiple-leads" in broken.stdout
