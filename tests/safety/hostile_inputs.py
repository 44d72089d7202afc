"""Hostile inputs (issue 12), built in a temporary folder, and a runner of the CLI under a memory limit.

Shared by ``tests/safety/test_hostile_input.py`` (which asserts each defence holds) and ``benchmarks/hostile.py``
(which measures each reproduction's wall time and peak memory against the budget). Every builder takes a folder
to build under (``dest``, created if needed) and returns the paths the command is run on; nothing here writes
outside ``dest``.
"""

from __future__ import annotations

import itertools
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from quyche_rules.commands.examples import materialise
from tests.conftest import MINIMAL, ROOT

UBDT = ROOT / "rules" / "ubdt-2017"

#: the budget of one bad input (issue 12): wall seconds and peak resident memory
BUDGET_SECONDS = 5.0
BUDGET_MB = 300.0
#: the budget of the 3.9 MB-article cases
BIG_ARTICLE_SECONDS = 2.0
#: the size of a big article: under the loader's 4,000,000 bytes a file
ARTICLE_BYTES = 3_900_000
#: the address space a run may take: a regression fails (MemoryError) instead of eating the machine
MEMORY_LIMIT = 1 << 30

# -- running the CLI --------------------------------------------------------------------------------------------

_MARKER = "@@quyche-peak-rss-kib"
#: the child's own peak is VmHWM of /proc/self/status: ``ru_maxrss`` keeps the high-water mark of the image the
#: child was forked from (the test process, hundreds of MB after a long session), so it measured the parent
_CODE = f"""\
import resource, sys
from quyche_rules.cli import main

def peak_kib():
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

code = 2
try:
    code = main(sys.argv[1:])
except SystemExit as exc:
    code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
finally:
    sys.stdout.flush()
    sys.stderr.write("\\n{_MARKER} %d\\n" % peak_kib())
    sys.stderr.flush()
sys.exit(code)
"""


@dataclass(frozen=True)
class Result:
    """What one run of the CLI did: exit code, outputs, its own peak RSS, and the wall time of the process."""

    rc: int
    stdout: str
    stderr: str
    peak_mb: float
    seconds: float

    @property
    def output(self) -> str:
        return self.stdout + "\n" + self.stderr


def _limit_memory(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def cli_env() -> dict[str, str]:
    """The environment of a run: no language, CI or debug setting of the caller's leaks in; no colour."""
    env = {k: v for k, v in os.environ.items() if k not in ("QUYCHE_LANG", "GITHUB_ACTIONS", "QUYCHE_DEBUG")}
    env["NO_COLOR"] = "1"
    return env


def run_limited(
    args: list[str], cwd: Path | None = None, stdin: str | None = None, *, timeout: float = 60,
    limit: int = MEMORY_LIMIT,
) -> Result:
    """Run ``quyche ARGS`` in a fresh interpreter with its address space limited to ``limit`` bytes.

    ``timeout`` guards against a hang (``subprocess.TimeoutExpired``); it is not a performance budget. The child
    reports its own ``ru_maxrss`` on a marker line of standard error, which is taken off ``stderr``.
    """
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", _CODE, *args], cwd=cwd or ROOT, input=stdin, capture_output=True, text=True,
        encoding="utf-8", errors="backslashreplace", timeout=timeout, env=cli_env(),
        preexec_fn=lambda: _limit_memory(limit),
    )
    seconds = time.perf_counter() - start
    stderr, peak_kib = proc.stderr, 0
    head, sep, tail = stderr.rpartition(f"\n{_MARKER} ")
    if sep:
        peak_kib = int(tail.split()[0])
        stderr = head + tail.split("\n", 1)[1] if "\n" in tail else head
    return Result(proc.returncode, proc.stdout, stderr, peak_kib / 1024, seconds)


# -- building blocks ----------------------------------------------------------------------------------------------

def copy_regulation(dest: Path, base: Path = MINIMAL) -> Path:
    """Copy ``base`` to ``dest/<its name>`` and return the copy."""
    dest.mkdir(parents=True, exist_ok=True)
    folder = dest / base.name
    shutil.copytree(base, folder)
    return folder


def article_yaml(number: int, text: str, title: str = "Dẫn chiếu") -> str:
    """An article file of one clause whose text is ``text`` (written as a double-quoted scalar)."""
    quoted = json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar
    return f"article: '{number}'\ntitle: {title}\nchapter: II\nclauses:\n  - clause: '1'\n    text: {quoted}\n"


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of ``path`` on which ``needle`` first occurs."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# -- 1. delegation loops ----------------------------------------------------------------------------------------

#: the officials of the minimal fixture, and staff added by the builder
LOOP_ACTORS = ("bo-truong", "thu-truong-a", "thu-truong-b", "chanh-van-phong", "pho-chanh-van-phong",
               "vu-truong-a", "vu-truong-b", "van-thu", "chuyen-vien", "chuyen-vien-2")
_STAFF = [{"id": "chuyen-vien", "name": "Chuyên viên Văn phòng", "kind": "staff", "parent": "van-phong"},
          {"id": "chuyen-vien-2", "name": "Chuyên viên Văn phòng 2", "kind": "staff", "parent": "van-phong"}]


def delegation_loop(dest: Path, officials: int = 9) -> Path:
    """The minimal fixture with article 3: one clause delegating giấy mời họp between every ordered pair of
    ``officials`` actors (72 delegations among 9, 90 among 10): one strongly connected component."""
    actors = LOOP_ACTORS[:officials]
    norms = [{"delegation": {"mode": "assign", "signing": "TL", "from": a, "to": b, "scope": ["giay-moi-hop"]}}
             for a, b in itertools.permutations(actors, 2)]
    clause = {"clause": "1", "text": "Các chức danh giao lại cho nhau việc ký giấy mời họp.", "norms": norms}
    snippet = {"actors": [a for a in _STAFF if a["id"] in actors],
               "articles": [{"article": "3", "title": "Giao lại", "chapter": "II", "clauses": [clause]}]}
    dest.mkdir(parents=True, exist_ok=True)
    return materialise(MINIMAL, yaml.safe_dump(snippet, allow_unicode=True), dest)


# -- 2. special files -------------------------------------------------------------------------------------------

def special_article(dest: Path, kind: str) -> tuple[Path, Path]:
    """The minimal fixture with an article file that is ``dev-zero`` (a link to /dev/zero, articles/dieu-09.yaml),
    ``fifo`` (a named pipe nobody writes to, articles/dieu-47.yaml) or ``loop`` (a link to itself,
    articles/dieu-48.yaml); return (folder, that file)."""
    folder = copy_regulation(dest)
    if kind == "dev-zero":
        path = folder / "articles" / "dieu-09.yaml"
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path = folder / "articles" / "dieu-48.yaml"
        path.symlink_to("dieu-48.yaml")
    elif kind == "fifo":
        path = folder / "articles" / "dieu-47.yaml"
        os.mkfifo(path)
    else:
        raise ValueError(kind)
    return folder, path


# -- 3. phrase-replacement growth ----------------------------------------------------------------------------------

def amendment_text(amends: str, operations: list[str], number: str = "9/QĐ-TEST") -> str:
    """An amendment file of ``operations`` (each one YAML line, without the leading ``- ``)."""
    head = (f"amendment:\n  id: sua-doi-thu\n  amends: {amends}\n  instrument: {{number: {number}, date: 2019-06-20}}\n"
            "  effective: 2019-07-01\noperations:\n")
    return head + "".join(f"  - {op}\n" for op in operations)


#: the first line of the operations in :func:`amendment_text`
FIRST_OPERATION_LINE = 7


def _replace(frm: str, to: str) -> str:
    return f"replace_phrase: {{from: {json.dumps(frm, ensure_ascii=False)}, to: {json.dumps(to, ensure_ascii=False)}}}"


def growth_ubdt(dest: Path, size: int = 120_000) -> tuple[Path, Path]:
    """A copy of rules/ubdt-2017 and an amendment replacing ``a`` by a ``size``-character string (its only
    operation is on line :data:`FIRST_OPERATION_LINE`); return (folder, amendment)."""
    folder = copy_regulation(dest, UBDT)
    amendment = dest / "phong-to.yaml"
    amendment.write_text(amendment_text("ubdt-2017", [_replace("a", "x" * size)]), encoding="utf-8")
    return folder, amendment


def growth_years(dest: Path) -> tuple[Path, Path]:
    """The minimal fixture and four replacements of ``năm`` by 40 of them in a row (the 4th, on line
    ``FIRST_OPERATION_LINE + 3``, would make Điều 1 ~12.8 MB); return (folder, amendment)."""
    folder = copy_regulation(dest)
    to = " ".join(["năm"] * 40)
    amendment = dest / "nam-nam.yaml"
    amendment.write_text(amendment_text("mau-toi-thieu", [_replace("năm", to)] * 4, "9/QĐ-MAU"), encoding="utf-8")
    return folder, amendment


def growth_minimal(dest: Path, size: int) -> tuple[Path, Path]:
    """The minimal fixture and one replacement of ``năm`` (once in Điều 1's text) by ``size`` characters."""
    folder = copy_regulation(dest)
    amendment = dest / "bien.yaml"
    amendment.write_text(amendment_text("mau-toi-thieu", [_replace("năm", "x" * size)], "9/QĐ-MAU"),
                         encoding="utf-8")
    return folder, amendment


# -- 4. a 3.9 MB article ------------------------------------------------------------------------------------------

def repeated(unit: str, size: int = ARTICLE_BYTES) -> str:
    """``unit`` repeated to ``size`` bytes (UTF-8)."""
    return unit * (size // len(unit.encode()))


def distinct_citations(size: int = ARTICLE_BYTES) -> str:
    """``size`` bytes of distinct short citations ``khoản N Điều M. `` (none of them exists)."""
    parts: list[str] = []
    total = 0
    for i in itertools.count():
        part = f"khoản {i % 50 + 2} Điều {i // 50 + 3}. "
        total += len(part.encode())
        if total > size:
            break
        parts.append(part)
    return "".join(parts)


#: name -> the text of the one clause of the big article
BIG_TEXTS: dict[str, Any] = {
    "one-long-phrase": lambda: repeated("khoản 1 Điều 7, "),
    "short-phrases": lambda: repeated("khoản 1 Điều 7. "),
    "distinct-citations": distinct_citations,
    "range-in-one-phrase": lambda: repeated("Điều 1 đến Điều 500, "),
    "decreasing-range-in-one-phrase": lambda: repeated("Điều 9 đến Điều 2, "),
    # short separate phrases, each a range: not in the list (see the test module)
    "decreasing-range-phrases": lambda: repeated("Điều 9 đến Điều 2. "),
    "range-phrases": lambda: repeated("Điều 1 đến Điều 500. "),
}


def big_article(dest: Path, name: str) -> tuple[Path, Path]:
    """The minimal fixture with articles/dieu-03.yaml of ~3.9 MB whose one clause is ``BIG_TEXTS[name]``."""
    folder = copy_regulation(dest)
    path = folder / "articles" / "dieu-03.yaml"
    path.write_text(article_yaml(3, BIG_TEXTS[name]()), encoding="utf-8")
    return folder, path


# -- 5. many operations -------------------------------------------------------------------------------------------

def many_operations(dest: Path, count: int) -> Path:
    """An amendment of the minimal fixture with ``count`` operations ``replace_phrase: {from: zzq, to: y}``."""
    dest.mkdir(parents=True, exist_ok=True)
    path = dest / f"nhieu-{count}.yaml"
    path.write_text(amendment_text("mau-toi-thieu", ["replace_phrase: {from: zzq, to: y}"] * count, "9/QĐ-MAU"),
                    encoding="utf-8")
    return path


#: the line of the ``operations`` key in :func:`amendment_text`
OPERATIONS_LINE = FIRST_OPERATION_LINE - 1


# -- 6. a regulation over 64 MB -----------------------------------------------------------------------------------

def oversized_regulation(dest: Path, articles: int = 17) -> tuple[Path, Path]:
    """The minimal fixture with ``articles`` more article files of ~3.9 MB each (Điều 3 on): 16 of them and the
    fixture fit in 64,000,000 bytes, the 17th (dieu-19.yaml) crosses; return (folder, that file)."""
    folder = copy_regulation(dest)
    text = repeated("Văn bản dài. ")
    path = folder
    for number in range(3, 3 + articles):
        path = folder / "articles" / f"dieu-{number:02d}.yaml"
        path.write_text(article_yaml(number, text, "Dài"), encoding="utf-8")
    return folder, path


# -- 7. long ids and names ------------------------------------------------------------------------------------------

def long_actor(dest: Path, field: str, length: int = 5003) -> tuple[Path, int]:
    """The minimal fixture with one more actor whose ``field`` (id or name) is ``length`` characters long and
    otherwise valid (a slug id; a name of letters); return (folder, the line of that actor in actors.yaml)."""
    actor = {"id": "chuyen-vien", "name": "Chuyên viên", "kind": "staff", "parent": "van-phong"}
    actor[field] = "a" * length if field == "id" else "Chuyên viên " + "x" * (length - len("Chuyên viên "))
    dest.mkdir(parents=True, exist_ok=True)
    folder = materialise(MINIMAL, yaml.safe_dump({"actors": [actor]}, allow_unicode=True), dest)
    return folder, line_of(folder / "actors.yaml", "chuyen-vien" if field == "name" else "a" * 64)


# -- 8. a link out of the regulation folder ----------------------------------------------------------------------

SECRET = "hunter2"


def secret_symlink(dest: Path) -> tuple[Path, Path]:
    """The minimal fixture with articles/dieu-09.yaml a link to ``dest/secret.env`` (``SECRET=hunter2``)."""
    folder = copy_regulation(dest)
    secret = dest / "secret.env"
    secret.write_text(f"SECRET={SECRET}\n", encoding="utf-8")
    link = folder / "articles" / "dieu-09.yaml"
    link.symlink_to(secret)
    return folder, link


# -- 9. control characters -------------------------------------------------------------------------------------------

#: character -> how the name carries it: as a YAML double-quoted escape, and raw
CONTROLS = {"\x1b": "\\e", "\x07": "\\a", "\u202e": "\\u202e"}


def control_name(dest: Path, chars: str, *, raw: bool) -> tuple[Path, int]:
    """The minimal fixture whose Văn thư is named with ``chars`` in it (``\\x1b`` as the start of ``ESC[31m``),
    written raw or as escapes in a double-quoted scalar; return (folder, the line of that actor)."""
    folder = copy_regulation(dest)
    inner = "".join((c if raw else CONTROLS[c]) + ("[31m" if c == "\x1b" else "") for c in chars)
    path = folder / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    old = "{id: van-thu, name: Văn thư cơ quan,"
    assert old in text
    path.write_text(text.replace(old, f'{{id: van-thu, name: "Văn thư {inner}cơ quan",'), encoding="utf-8")
    return folder, line_of(path, "id: van-thu")


# -- 10. names that are hard to quote -------------------------------------------------------------------------------

#: actor id -> its name: quotes, a DOT statement, a trailing backslash
HOSTILE_NAMES = {"vu-a": 'Vụ "A" \\', "vu-b": 'Vụ "B" ]; x -> y \\'}


def hostile_names(dest: Path) -> Path:
    """The minimal fixture with :data:`HOSTILE_NAMES` as the names of Vụ A and Vụ B."""
    folder = copy_regulation(dest)
    path = folder / "actors.yaml"
    text = path.read_text(encoding="utf-8")
    for actor, name in HOSTILE_NAMES.items():
        old = f"{{id: {actor}, name: Vụ {actor[-1].upper()},"
        assert old in text
        text = text.replace(old, f"{{id: {actor}, name: {json.dumps(name, ensure_ascii=False)},")
    path.write_text(text, encoding="utf-8")
    return folder


# -- 11. no articles/ folder -----------------------------------------------------------------------------------------

def no_articles(dest: Path, *, as_file: bool) -> Path:
    """The minimal fixture without articles/, or with a file named articles."""
    folder = copy_regulation(dest)
    shutil.rmtree(folder / "articles")
    if as_file:
        (folder / "articles").write_text("article: '1'\n", encoding="utf-8")
    return folder
