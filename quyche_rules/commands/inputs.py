"""What ``quyche check`` is asked to read: regulation folders, rule files (as the hook names them) and drafts.

A rule file is placed by where it is named (not where a symbolic link leads) and checked with the whole
regulation it belongs to; when that regulation's folder is named too, the whole folder is reported. A folder is
one however it is spelled (relative, absolute, through a symbolic link to it, as ``ls`` and ``report`` read it).
An amendment draft is recognised by its content, a top-level ``amendment:`` key, whatever its name and wherever
it lies. Any other file is refused: it is neither, and checking nothing in
silence would let a draft, or a misplaced rule file, pass unseen. Drafts are also found in a repository
(:func:`repository_drafts`), for the hook and the audit; regulations by their id (:func:`regulation_id`).
"""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.i18n import Text
from quyche_rules.loading import display_path, find_regulations
from quyche_rules.loading.raw import real_path
from quyche_rules.loading.reader import YamlProblem, parse_yaml, read_bytes
from quyche_rules.loading.regulation import is_article_file
from quyche_rules.replay import walked_yaml

__all__ = ["Draft", "Named", "named_inputs", "regulation_id", "repository_drafts", "rule_file_root"]

_RULE_FILES = {("regulation.yaml",), ("actors.yaml",), ("tasks.yaml",), ("checks.yaml",)}
#: any spelling of a key the reader reads as ``amendment`` holds the word itself (plain, quoted, after a tag, in
#: a flow mapping, explicit with ``?``) or is a double-quoted scalar with an escape (``"\x61mendment"``): a file
#: with neither has no ``amendment`` key, so it need not be parsed (the hook asks this of every YAML file)
_ESCAPE_IN_QUOTES = re.compile(rb'"[^"]*\\')
#: in a file that cannot be parsed, the first key (after a byte-order mark, blank lines, comments, directives and
#: document starts) is ``amendment:``, written plain or quoted, perhaps in a flow mapping or after ``---``
_FIRST_KEY_AMENDMENT = re.compile(
    rb"(?:\xef\xbb\xbf)?(?:[ \t]*(?:#[^\n]*)?\r?\n|%[^\n]*\n|---[ \t]*(?:#[^\n]*)?\r?\n)*"
    rb"(?:---[ \t]+)?(?:\{\s*)?[ \t]*(?:amendment|\"amendment\"|'amendment')[ \t]*:"
)
_GIT_TIMEOUT = 30


@dataclass(frozen=True)
class Draft:
    """An amendment file: where it is and the id of the regulation it amends (None when it cannot be read)."""

    path: Path
    amends: str | None


@dataclass
class Named:
    """The command line's paths, sorted: regulation folders, rule files by folder, and drafts."""

    folders: list[Path] = field(default_factory=list)  # named as folders (or folders of them)
    staged: dict[Path, set[str]] = field(default_factory=dict)  # folder -> rule files named (resolved)
    drafts: list[Draft] = field(default_factory=list)

    def add_folder(self, folder: Path) -> None:
        """Check ``folder`` (once, however it is spelled: relative, absolute, through a link)."""
        if self.folder_named(folder) is None:
            self.folders.append(folder)

    def folder_named(self, folder: Path) -> Path | None:
        """Return the folder already named that is ``folder`` (the same once resolved), None when none is."""
        return next((f for f in self.folders if _same(f, folder)), None)


def rule_file_root(path: Path) -> Path | None:
    """Return the regulation folder ``path`` is named in (the nearest above it with ``regulation.yaml``)."""
    named = Path(os.path.abspath(path))
    return next((p for p in named.parents if (p / "regulation.yaml").is_file()), None)


def _is_rule_file(named: Path, root: Path) -> bool:
    parts = named.relative_to(root).parts
    return parts in _RULE_FILES or is_article_file(parts)


def _draft(path: Path) -> Draft | None:
    """Return ``path`` as a draft when it holds a top-level ``amendment:`` key; None when it does not.

    The key is the one the reader reads, however it is written (after a byte-order mark, quoted, in a flow
    mapping, with CRLF line ends), so a file ``quyche diff`` reads as a draft is one here too. A file that cannot
    be parsed but whose first key is ``amendment:`` (after comments) is a draft too: loading it reports what is
    wrong, at its line. Raises YamlProblem when the file cannot be read at all.
    """
    data = read_bytes(path, shown=display_path(path))
    if b"amendment" not in data and not _ESCAPE_IN_QUOTES.search(data):
        return None
    try:
        doc = parse_yaml(data, lenient=True)
    except YamlProblem:
        return Draft(path, None) if _FIRST_KEY_AMENDMENT.match(data) else None
    if not isinstance(doc.data, dict) or "amendment" not in doc.data:
        return None
    header = doc.data["amendment"]
    amends = header.get("amends") if isinstance(header, dict) else None
    return Draft(path, amends if isinstance(amends, str) else None)


def _neither(path: Path) -> UsageError:
    shown = display_path(path)
    what = Text.of(
        f"{shown} không phải tệp quy định của một quy chế (không có regulation.yaml ở thư mục chứa nó) "
        "cũng không phải dự thảo sửa đổi (không có khóa amendment: ở cấp ngoài cùng)",
        f"{shown} is neither a rule file of a regulation (no regulation.yaml in a folder above it) "
        "nor an amendment draft (no top-level amendment: key)",
    )
    return UsageError(
        what,
        expected=Text.of(
            "một thư mục quy chế, một tệp của nó (regulation.yaml, actors.yaml, tasks.yaml, articles/dieu-NN.yaml) "
            "hoặc một tệp sửa đổi (amendment:, operations:)",
            "a regulation folder, one of its files (regulation.yaml, actors.yaml, tasks.yaml, articles/dieu-NN.yaml) "
            "or an amendment file (amendment:, operations:)",
        ),
        fix=Text.of(
            "Bỏ tệp này khỏi lệnh; với pre-commit, giới hạn hook bằng files: vào các thư mục quy chế và dự thảo",
            "Leave this file out; with pre-commit, limit the hook with files: to the regulation and draft folders",
        ),
    )


def named_inputs(paths: Sequence[Path]) -> Named:
    """Sort the command line's ``paths`` into regulation folders, rule files and drafts.

    Raises:
        UsageError: a path that does not exist, or a file that is neither a rule file nor a draft.
    """
    named = Named()
    whole: list[Path] = []  # named as folders: checked whole, even when one of their files is named too
    for path in paths:
        if path.is_dir() or not (path.exists() or path.is_symlink()):  # a link to a folder: that folder
            for folder in find_regulations(path):
                named.add_folder(folder)
                whole.append(folder)
            continue
        root = rule_file_root(path)
        if root is not None and (path.is_symlink() or _is_rule_file(Path(os.path.abspath(path)), root)):
            _stage(named, path, root)  # as always: never read here, the loader refuses what it must
            continue
        try:
            draft = _draft(path)
        except YamlProblem as problem:
            if root is None:  # what it is cannot be told: say why it cannot be read
                raise UsageError(problem.what, expected=problem.expected, fix=problem.fix) from None
            draft = None
        if draft is not None:
            if all(d.path.resolve() != path.resolve() for d in named.drafts):
                named.drafts.append(draft)
        elif root is not None:
            _stage(named, path, root)  # another file in a regulation's folder: checked with it, as always
        else:
            raise _neither(path)
    named.staged = {f: files for f, files in named.staged.items() if not any(_same(f, w) for w in whole)}
    return named


def _same(a: Path, b: Path) -> bool:
    return os.path.realpath(a) == os.path.realpath(b)


def _stage(named: Named, path: Path, root: Path) -> None:
    folder = named.folder_named(root)
    if folder is None:
        folder = Path(os.path.relpath(root)) if root.is_relative_to(Path.cwd()) else root
        named.folders.append(folder)
    real = real_path(path) or Path(os.path.abspath(path))  # (links that loop: as named; the loader reports them)
    named.staged.setdefault(folder, set()).add(str(real))


def regulation_id(folder: Path) -> str | None:
    """Return the ``id`` in ``folder/regulation.yaml``, None when it cannot be read (loading it says why)."""
    try:
        data = parse_yaml(read_bytes(folder / "regulation.yaml")).data
    except YamlProblem:
        return None
    value = data.get("id") if isinstance(data, dict) else None
    return value if isinstance(value, str) else None


def _tracked_yaml(top: Path) -> list[Path] | None:
    """Return the YAML files git tracks under ``top``; None outside a git work tree or without git."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--", "*.yaml", "*.yml"], cwd=top, capture_output=True,
            timeout=_GIT_TIMEOUT, check=False, env={**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    names = sorted({n for n in done.stdout.decode("utf-8", "surrogateescape").split("\0") if n})
    return [top / n for n in names]


def repository_drafts(top: Path) -> list[Draft]:
    """Return the drafts under ``top``: the files git tracks there, else every file below it.

    Rule files of a regulation are not read; neither is a file that cannot be read (it is no draft anyone
    named, and the hook names it when it is staged).
    """
    files = _tracked_yaml(top)
    found: list[Draft] = []
    for path in files if files is not None else walked_yaml(top):
        if not path.is_file() or path.is_symlink():
            continue
        root = rule_file_root(path)
        if root is not None and _is_rule_file(Path(os.path.abspath(path)), root):
            continue
        try:
            draft = _draft(path)
        except YamlProblem:
            continue
        if draft is not None:
            found.append(Draft(Path(display_path(path)), draft.amends))
    return found
