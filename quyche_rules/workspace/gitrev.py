"""Read a folder as it was at a git revision, with read-only git commands, into a temporary folder."""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text

__all__ = ["GitTree", "export_at_revision"]

_TIMEOUT = 60


class GitTree:
    """Where a path lies in its git repository."""

    def __init__(self, top: Path, relative: PurePosixPath, commit: str, rev: str) -> None:
        self.top = top
        self.relative = relative
        self.commit = commit
        self.rev = rev


def _git(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, timeout=_TIMEOUT, check=False, env=env
        )
    except FileNotFoundError:
        raise UsageError(
            Text.of("Không tìm thấy lệnh git", "The git command was not found"),
            fix=Text.of(
                "Cài git, hoặc so sánh hai thư mục: quyche diff CŨ MỚI",
                "Install git, or compare two folders: quyche diff OLD NEW",
            ),
        ) from None
    except subprocess.TimeoutExpired:
        raise UsageError(
            Text.of("git không trả lời", "git did not answer"), fix=Text.of("Thử lại", "Try again")
        ) from None


def locate(path: Path, rev: str) -> GitTree:
    """Find the repository holding ``path`` and the commit ``rev`` names.

    Raises:
        UsageError: when ``path`` is not in a git repository or ``rev`` names no commit (exit code 2).
    """
    if not path.exists():
        raise UsageError(
            Text.of(f"Không tìm thấy đường dẫn {path}", f"Path not found: {path}"),
            fix=Text.of(
                "Chỉ ra thư mục quy chế (mặc định rules/)", "Name a regulation folder (default rules/)"
            ),
        )
    folder = path.resolve() if path.is_dir() else path.resolve().parent
    top = _git(["rev-parse", "--show-toplevel"], folder)
    if top.returncode != 0:
        raise UsageError(
            Text.of(
                f"{path} không nằm trong một kho git, nên không đọc được phiên bản {rev}",
                f"{path} is not in a git repository, so version {rev} cannot be read",
            ),
            expected=Text.of(
                "một thư mục trong kho git (git clone, git init)",
                "a folder inside a git checkout (git clone, git init)",
            ),
            fix=Text.of(
                "Chạy lệnh trong kho git, hoặc so sánh hai thư mục: quyche diff CŨ MỚI",
                "Run it inside a git checkout, or compare two folders: quyche diff OLD NEW",
            ),
        )
    root = Path(top.stdout.decode("utf-8", "replace").strip()).resolve()
    commit = _git(["rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}"], root)
    if commit.returncode != 0 or not commit.stdout.strip():
        raise UsageError(
            Text.of(
                f"Không có phiên bản git {rev!r} trong {root}", f"Unknown git revision {rev!r} in {root}"
            ),
            expected=Text.of(
                "một nhánh, thẻ hoặc mã commit (main, HEAD~1, a1b2c3d)",
                "a branch, tag or commit (main, HEAD~1, a1b2c3d)",
            ),
            fix=Text.of("Xem các phiên bản bằng git log --oneline", "List revisions with git log --oneline"),
        )
    relative = PurePosixPath(Path(os.path.relpath(path.resolve(), root)).as_posix())
    return GitTree(root, relative, commit.stdout.decode().strip(), rev)


def export_at_revision(tree: GitTree, dest: Path) -> Path | None:
    """Write the files under ``tree.relative`` at ``tree.commit`` into ``dest``; return their folder there.

    Returns ``None`` when the path did not exist at that revision. Only regular files are written, and only
    inside ``dest``.
    """
    spec = "." if str(tree.relative) == "." else str(tree.relative)
    listed = _git(["ls-tree", "--name-only", tree.commit, "--", spec], tree.top)
    if listed.returncode != 0 or not listed.stdout.strip():
        return None
    archive = _git(["archive", "--format=tar", tree.commit, "--", spec], tree.top)
    if archive.returncode != 0:
        raise UsageError(
            Text.of(
                f"git archive thất bại: {archive.stderr.decode('utf-8', 'replace').strip()}",
                f"git archive failed: {archive.stderr.decode('utf-8', 'replace').strip()}",
            ),
            fix=Text.of("Kiểm tra kho git", "Check the git repository"),
        )
    root = dest.resolve()
    with tarfile.open(fileobj=io.BytesIO(archive.stdout), mode="r:") as tar:
        for member in tar.getmembers():
            name = PurePosixPath(member.name)
            if not member.isfile() or name.is_absolute() or ".." in name.parts:
                continue
            target = (root / Path(*name.parts)).resolve()
            if not target.is_relative_to(root):
                continue
            handle = tar.extractfile(member)
            if handle is None:
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(handle.read())
    return root / Path(*tree.relative.parts) if spec != "." else root
