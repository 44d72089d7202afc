"""Fuzzing: input generators, the three targets, and the campaign driver.

Shared by the short runs in CI (``tests/fuzz``) and the long run (``python benchmarks/fuzz.py``).

Targets, and what counts as a failure (anything else is fine):

- ``loader``: bytes written as one rule file (``regulation.yaml``, ``actors.yaml``, ``tasks.yaml``, an article or
  ``checks.yaml``) in a copy of ``fixtures/regulations/minimal``, then ``quyche check`` run in-process. A failure
  is an exception that is not a diagnostic (:class:`QuycheError`: ``LoadFailed``, ``ConfigError``…) escaping
  the command, an exit code other than 0, 1 or 2, a traceback in the output, or an engine disagreement.
- ``citations``: any string as a citation phrase (with and without a context) and as provision text.
  ``parse_citation`` must return citations or raise ``CitationError``; ``find_references`` must never raise and
  its references must index the text; what ``parse_citation`` reads, its canonical form reads back the same.
- ``amendments``: bytes as an amendment file of a base regulation. ``parse_amendment`` must return an amendment
  or raise ``LoadFailed``; applying a parsed amendment must never raise (problems are QC6xx findings); the
  consolidated regulation, written as ``quyche amend -o`` writes it, must load back to the same model; checking
  it must not raise.

Inputs come from a seed corpus (``fixtures/fuzz``) through byte-level mutations (bit flips, YAML tokens,
splices, truncation, line surgery, BOM, invalid UTF-8, NFD), structured mutations of the parsed YAML (keys
dropped, unknown or misspelt, values of the wrong type, odd numbering, deep nesting, NFD), fresh random bytes,
and for amendments, operation lists generated from the base's own provisions and actors.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import os
import random
import shutil
import tempfile
import traceback
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "fuzz"
MINIMAL = FIXTURES / "regulations" / "minimal"
SMALL = FIXTURES / "amendments" / "base-small"
BUNDLED = ROOT / "rules" / "ubdt-2017"

BUNDLED_ID = "ubdt-2017"

TARGETS = ("loader", "citations", "amendments")


# -- results -------------------------------------------------------------------------------------------------

@dataclass
class Failure:
    """One input that broke a target, with what went wrong and where."""

    target: str
    kind: str
    where: str
    message: str
    data: bytes
    trace: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        """Failures with the same key are the same defect (exception type and the line that raised it)."""
        return self.target, self.kind, self.where


@dataclass
class Stats:
    """What a campaign tried and found."""

    target: str
    tried: int = 0
    diagnostics: int = 0
    failures: int = 0
    unique: dict[tuple[str, str, str], Failure] = field(default_factory=dict)

    def add(self, other: Stats) -> None:
        self.tried += other.tried
        self.diagnostics += other.diagnostics
        self.failures += other.failures
        for key, failure in other.unique.items():
            self.unique.setdefault(key, failure)


class Bad(Exception):
    """An oracle that did not hold (not an exception of the code under test)."""


def _failure(target: str, data: bytes, exc: BaseException) -> Failure:
    frames = traceback.extract_tb(exc.__traceback__)
    inside = [f for f in frames if "quyche_rules" in f.filename] or frames
    last = inside[-1] if inside else None
    where = f"{Path(last.filename).name}:{last.lineno} ({last.name})" if last else "?"
    if isinstance(exc, Bad):
        where = f"oracle: {str(exc).split(':')[0]}"
    return Failure(target, type(exc).__name__, where, str(exc)[:500], data,
                   "".join(traceback.format_exception(exc))[-4000:])


# -- byte-level mutations --------------------------------------------------------------------------------------

TOKENS: tuple[bytes, ...] = tuple(t if isinstance(t, bytes) else t.encode("utf-8") for t in (
    b"&a ", b"*a", b"&a [*a, *a]", b"!!python/object/apply:os.system [ls]", b"!!binary ", b"!!str ", b"!foo ",
    b"<<: ", b"? ", b"{", b"}", b"[", b"]", b": ", b"- ", b"#", b"'", b'"', b"|", b"|-", b">", b"\t", b"\r\n",
    b"\r", b"\n", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe1\xba", b"\x00", b"\x1b", b"\xc2\x85", b"\xe2\x80\xa8",
    b"~", b"null", b"yes", b"off", b"0x1F", b"0o17", b"1e309", b".inf", b".nan", b"-.inf", b"2024-02-30",
    b"9999-12-31", b"0001-01-01", b"2024-01-01T10:00:00", b"2024-13-01", b"0000-01-01",
    b"2024-01-01 25:00:00", b"-1", b"99999999999999999999", b"1_000", b"3.0",
    b"---\n", b"...\n", b"%YAML 1.1\n", b"%TAG ! tag:x,2000:\n", b"\n  ", b"      ", b"[[[[[[[[[[[[",
    b"{a: {b: {c: {d: ", b"QC301", b"QC999", b"vu-a", b"bo-truong", b"ke-hoach-nam", b"Vu-A", b"vu_a",
    "Điều 1", "khoản 9 Điều 1", "điểm đ khoản 2 Điều 1", "Điều này", "đ", "Đ", "e\u0301", "Vu\u0323 A",
    "Chương IV", "Mục 1", "clause: 04", "point: f", "point: dd", "article: 0", "4a", "a1", "a0",
    "holder: ", "role: lead", "signing: TUQ", "via: khong-co", "mode: authorize", "working_days: -1",
    "norms: [{duty: {holder: vu-b, task: ke-hoach-nam, role: lead}}]", "lint: {ignore: [QC301], reason: x}",
    "valid_until: 2000-01-01", "successor: vu-a",
))


def mutate_bytes(rnd: random.Random, data: bytes, others: list[bytes]) -> bytes:
    """Apply one to four byte-level mutations."""
    out = bytearray(data)
    for _ in range(rnd.randint(1, 4)):
        op = rnd.randrange(14)
        pos = rnd.randint(0, len(out))
        if op == 0 and out:
            i = rnd.randrange(len(out))
            out[i] ^= 1 << rnd.randrange(8)
        elif op == 1 and out:
            out[rnd.randrange(len(out))] = rnd.randrange(256)
        elif op in (2, 3, 4):
            out[pos:pos] = rnd.choice(TOKENS)
        elif op == 5 and out:
            end = min(len(out), pos + rnd.randint(1, 64))
            del out[pos:end]
        elif op == 6 and out:
            end = min(len(out), pos + rnd.randint(1, 64))
            out[pos:pos] = out[pos:end] * rnd.randint(1, 3)
        elif op == 7:
            del out[rnd.randint(0, len(out)):]
        elif op == 8 and others:
            other = rnd.choice(others)
            start = rnd.randint(0, len(other))
            out[pos:pos] = other[start:start + rnd.randint(1, 400)]
        elif op in (9, 10, 11):
            out = bytearray(_line_surgery(rnd, bytes(out)))
        elif op == 12:
            text = out.decode("utf-8", errors="ignore")
            form: Literal["NFD", "NFKD", "NFKC"] = rnd.choice(["NFD", "NFKD", "NFKC"])
            out = bytearray(unicodedata.normalize(form, text).encode("utf-8"))
        elif op == 13 and rnd.random() < 0.05:  # rarely: something big (size and depth caps)
            chunk = rnd.choice([b"[" * 50, b"- " * 30, b"a: " * 40, b"x" * 4096, b"{a: " * 30])
            out[pos:pos] = chunk * rnd.choice([2, 20, 300])
    return bytes(out)


def _line_surgery(rnd: random.Random, data: bytes) -> bytes:
    lines = data.split(b"\n")
    if not lines:
        return data
    i = rnd.randrange(len(lines))
    op = rnd.randrange(6)
    if op == 0:
        del lines[i]
    elif op == 1:
        lines.insert(i, lines[i])
    elif op == 2:
        j = rnd.randrange(len(lines))
        lines[i], lines[j] = lines[j], lines[i]
    elif op == 3:
        lines[i] = b" " * rnd.choice([1, 2, 4]) + lines[i]
    elif op == 4:
        lines[i] = lines[i].lstrip(b" ")
    else:
        lines[i] = lines[i].replace(b": ", b":", 1) if rnd.random() < 0.5 else lines[i].replace(b"- ", b"-", 1)
    return b"\n".join(lines)


# -- structured mutations ---------------------------------------------------------------------------------------

ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 10**30, 1.5, float("inf"), "", " ", "x", "vu-a", "vu-khong-co", "Vụ A",
    "ke-hoach-nam", "Điều 1", "khoản 9 Điều 1", "điểm a khoản 1 Điều 1", "QC301", "QC999", "qc301", "a", "đ",
    "f", "dd", "0", "04", "4a", "a0", "a1", "IV", "iv", "lead", "cooperate", "TUQ", "TL", "KT", "Q", "TM",
    "authorize", "bo-truong", "co-quan", "ĐIỀU", unicodedata.normalize("NFD", "Vụ Tổng hợp"), "\x00", "\x85",
    "\u2028", "a\nb", [], {}, [1], ["vu-a", "vu-a"], {"a": 1}, {"duty": {}}, dt.date(2024, 1, 1),
    dt.date(1, 1, 1), dt.date(9999, 12, 31), "2024-13-01",
)
KEYS = ("holder", "task", "role", "lead", "from", "to", "via", "mode", "signing", "scope", "deadline", "norms",
        "points", "clauses", "lint", "ignore", "reason", "article", "clause", "point", "id", "parent", "kind",
        "valid_until", "valid_from", "successor", "fields", "working_days", "days", "after", "into", "with",
        "amend", "repeal", "insert", "operations", "takes_over", "where", "join", "unless", "count", "bind")


def mutate_data(rnd: random.Random, data: Any) -> Any:
    """Apply one to three structural mutations to parsed YAML data (a copy is returned)."""
    data = copy.deepcopy(data)
    for _ in range(rnd.randint(1, 3)):
        try:
            data = _mutate_node(rnd, data, 0)
        except RecursionError:  # our own walk, on a value nested 70 levels twice over
            break
    return data


def _mutate_node(rnd: random.Random, node: Any, depth: int) -> Any:
    if isinstance(node, dict) and node:
        key = rnd.choice(list(node))
        op = rnd.randrange(10)
        if op == 0:
            del node[key]
        elif op == 1:
            node[rnd.choice(KEYS)] = _odd(rnd)
        elif op == 2:
            node[str(key)[:-1] or "x"] = node.pop(key)  # a misspelt key
        elif op == 3:
            node[key] = _nested(rnd, node[key])
        elif op in (4, 5, 6) and isinstance(node[key], (dict, list)) and node[key]:
            node[key] = _mutate_node(rnd, node[key], depth + 1)
        elif op == 7 and isinstance(node[key], str):
            node[key] = unicodedata.normalize("NFD", node[key]) if rnd.random() < 0.5 else node[key].upper()
        else:
            node[key] = _odd(rnd)
        return node
    if isinstance(node, list) and node:
        i = rnd.randrange(len(node))
        op = rnd.randrange(8)
        if op == 0:
            del node[i]
        elif op == 1:
            node.insert(i, copy.deepcopy(node[i]))
        elif op == 2:
            j = rnd.randrange(len(node))
            node[i], node[j] = node[j], node[i]
        elif op in (3, 4, 5) and isinstance(node[i], (dict, list)) and node[i]:
            node[i] = _mutate_node(rnd, node[i], depth + 1)
        else:
            node[i] = _odd(rnd)
        return node
    return _odd(rnd) if rnd.random() < 0.5 else node


def _odd(rnd: random.Random) -> Any:
    """One of ODD_VALUES, copied: a shared list or mapping would be mutated in place later (and everywhere)."""
    return copy.deepcopy(rnd.choice(ODD_VALUES))


def _nested(rnd: random.Random, value: Any) -> Any:
    for _ in range(rnd.choice([1, 2, 5, 70])):
        value = [value] if rnd.random() < 0.5 else {"x": value}
    return value


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True  # shared values are written out (the loader refuses aliases; that is tested with tokens)


def dump_data(rnd: random.Random, data: Any) -> bytes:
    """Write mutated data back as YAML, in block or flow style, sometimes with a duplicated key added."""
    try:
        text = yaml.dump(data, Dumper=_Dumper, allow_unicode=rnd.random() < 0.8, sort_keys=rnd.random() < 0.3,
                         default_flow_style=rnd.choice([False, None, True]), width=rnd.choice([80, 10**6]))
    except (yaml.YAMLError, RecursionError):  # nested too deep for PyYAML's writer: write the nesting by hand
        depth = rnd.choice([65, 100, 300])
        text = "a: " + "[" * depth + "1" + "]" * depth + "\n"
    raw = text.encode("utf-8")
    if rnd.random() < 0.05 and b"\n" in raw:
        first = raw.split(b"\n", 1)[0]
        raw += first + b"\n"  # the first top-level key again
    return raw


# -- seeds --------------------------------------------------------------------------------------------------------

def _yaml_or_none(raw: bytes) -> Any:
    try:
        return yaml.safe_load(raw)
    except yaml.YAMLError:
        return None


@dataclass(frozen=True)
class Seed:
    """One seed file: its bytes, its parsed data, and where it goes (loader) or what it amends (amendments)."""

    name: str
    data: bytes
    parsed: Any
    place: str


def loader_seeds() -> list[Seed]:
    out = []
    for path in sorted((SEEDS / "loader").glob("*.yaml")):
        stem = path.stem
        if stem.startswith(("regulation", "actors", "tasks", "checks")):
            place = stem.split("-")[0] + ".yaml"
        else:
            place = f"articles/{stem.split('-')[0]}-{stem.split('-')[1]}.yaml"
        raw = path.read_bytes()
        out.append(Seed(path.name, raw, _yaml_or_none(raw), place))
    return out


def amendment_seeds() -> list[Seed]:
    out = []
    paths = sorted((SEEDS / "amendments").glob("*.yaml"))
    if BUNDLED.is_dir():
        paths += sorted(p for p in (FIXTURES / "amendments").glob("*.yaml") if not p.name.endswith(".expected.yaml"))
    for path in paths:
        raw = path.read_bytes()
        parsed = _yaml_or_none(raw)
        amends = str(((parsed or {}).get("amendment") or {}).get("amends", ""))
        out.append(Seed(path.name, raw, parsed, amends))
    return out


def citation_seeds() -> list[str]:
    lines = (SEEDS / "citations.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.strip() and not line.startswith("#")]


# -- the loader target -------------------------------------------------------------------------------------------

class LoaderTarget:
    """A private copy of the minimal regulation; each input replaces or adds one file, then ``quyche check``."""

    name = "loader"

    def __init__(self, workdir: Path) -> None:
        self.folder = workdir / "minimal"
        if self.folder.exists():
            shutil.rmtree(self.folder)
        shutil.copytree(MINIMAL, self.folder)
        self.original = {p: p.read_bytes() for p in self.folder.rglob("*") if p.is_file()}
        self.seeds = loader_seeds()
        self.all_bytes = [s.data for s in self.seeds]

    def generate(self, rnd: random.Random) -> tuple[str, bytes]:
        """Return (relative path, bytes) of one input."""
        seed = rnd.choice(self.seeds)
        mode = rnd.random()
        if mode < 0.08:
            return seed.place, rnd.randbytes(rnd.randint(0, 600))
        if mode < 0.5 and seed.parsed is not None:
            return seed.place, dump_data(rnd, mutate_data(rnd, seed.parsed))
        return seed.place, mutate_bytes(rnd, seed.data, self.all_bytes)

    def run(self, place: str, data: bytes, engine: str = "reference") -> bool:
        """Check the folder with ``data`` at ``place``; return True for a diagnostic (exit 1 or 2)."""
        target = self.folder / place
        try:
            target.write_bytes(data)
            fmt = ("json", "text", "sarif")[len(data) % 3]
            code, out = run_cli(["check", str(self.folder), "--engine", engine, "--format", fmt, "--lang",
                                 ("vi", "en")[len(data) % 2]])
            if code not in (0, 1, 2):
                raise Bad(f"exit code: {code}")
            if "Traceback" in out or "lỗi nội bộ" in out or "internal error" in out:
                raise Bad(f"traceback or internal error in the output: {out[-800:]}")
            return code != 0
        finally:
            self.restore()

    def restore(self) -> None:
        for path in list(self.folder.rglob("*")):
            if path.is_file() and path not in self.original:
                path.unlink()
        for path, raw in self.original.items():
            if path.read_bytes() != raw:
                path.write_bytes(raw)


def run_cli(argv: list[str]) -> tuple[int, str]:
    """Run ``quyche`` in-process with ``QUYCHE_DEBUG`` set: an exception that is not a diagnostic escapes."""
    from quyche_rules.cli import main

    out, err = io.StringIO(), io.StringIO()
    previous = os.environ.get("QUYCHE_DEBUG")
    os.environ["QUYCHE_DEBUG"] = "1"
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(argv)
    finally:
        if previous is None:
            os.environ.pop("QUYCHE_DEBUG", None)
        else:
            os.environ["QUYCHE_DEBUG"] = previous
    text = out.getvalue() + err.getvalue()
    if "Hai bộ máy luật cho kết quả khác nhau" in text or "The two rule engines disagree" in text:
        raise Bad(f"engine disagreement: {text[-800:]}")
    return code, text


# -- the citation target ------------------------------------------------------------------------------------------

CITATION_TOKENS = (
    "điểm ", "khoản ", "Điều ", "Chương ", "Mục ", "này", "các ", "từ ", "đến ", "và ", "hoặc ", ", ", " ", ";",
    "a", "b", "đ", "e", "f", "y", "a1", "1", "2", "19a", "0", "07", "I", "IV", "XL", "MMM", "iv", "ĐIỀU ",
    "KHOẢN ", "điều ", " Luật", " Nghị định ", "số ", "30/2020/NĐ-CP", " năm 2020", " Quy chế này", " Thông tư",
    "\u0301", "\u0323", "\n", ".", "-", "/", "quan ", "thời ", "(", ")", "«", "»", "\u00a0", "\t",
)


def citation_contexts() -> list[Any]:
    from quyche_rules.citations import Citation

    return [None, Citation(article="3"), Citation(article="3", clause="2"),
            Citation(article="3", clause="2", point="a"), Citation(chapter="II"), Citation(chapter="II", section="1"),
            Citation(article="4a", clause="19a", point="đ1")]


class CitationTarget:
    """Strings as citation phrases and as provision text."""

    name = "citations"

    def __init__(self, workdir: Path | None = None) -> None:
        self.seeds = citation_seeds()
        self.contexts = citation_contexts()

    def generate(self, rnd: random.Random) -> tuple[int, str]:
        mode = rnd.random()
        if mode < 0.35:
            text = "".join(rnd.choice(CITATION_TOKENS) for _ in range(rnd.randint(0, 14)))
        elif mode < 0.75:
            raw = mutate_bytes(rnd, rnd.choice(self.seeds).encode("utf-8"), [s.encode() for s in self.seeds[:8]])
            text = raw.decode("utf-8", errors=rnd.choice(["ignore", "replace", "surrogateescape"]))
        elif mode < 0.9:
            text = " ".join(rnd.sample(self.seeds, k=min(len(self.seeds), rnd.randint(1, 3))))
        else:
            ranges = ((0, 0x2FF), (0x300, 0x36F), (0x1EA0, 0x1EF9), (0, 0x10FFFF))
            text = "".join(chr(rnd.randint(*rnd.choice(ranges))) for _ in range(rnd.randint(0, 30)))
        return rnd.randrange(len(self.contexts)), text

    def run(self, context: int, text: str) -> bool:
        from quyche_rules.citations import (
            Citation,
            CitationError,
            canonical,
            find_references,
            format_citations,
            parse_citation,
        )
        from quyche_rules.i18n import nfc

        ctx = self.contexts[context]
        diagnostic = False
        try:
            found = parse_citation(text, ctx)
        except CitationError as err:
            diagnostic = True
            err.render("vi")
            err.render("en")
        else:
            if not isinstance(found, tuple) or not all(isinstance(c, Citation) for c in found):
                raise Bad(f"parse_citation returned {found!r}")
            if found:
                again = parse_citation(format_citations(found))
                if again != found:
                    raise Bad(f"canonical form reads back differently: {format_citations(found)!r}")
                phrase = canonical(text, ctx)
                if canonical(phrase) != phrase:
                    raise Bad(f"canonical is not idempotent: {phrase!r}")
        normal = nfc(text)
        end = -1
        for ref in find_references(text, ctx):
            if not (0 <= ref.start < ref.end <= len(normal)) or normal[ref.start:ref.end] != ref.phrase:
                raise Bad(f"reference does not index the text: {ref!r}")
            if ref.start < end:
                raise Bad(f"references overlap: {ref!r}")
            end = ref.end
            if not all(isinstance(c, Citation) for c in ref.citations):
                raise Bad(f"reference citations: {ref!r}")
        return diagnostic


# -- the amendment target -----------------------------------------------------------------------------------------

class AmendmentTarget:
    """Amendment files applied to the minimal regulation, the small amendment base, or the 2017 model."""

    name = "amendments"

    def __init__(self, workdir: Path) -> None:
        from quyche_rules.loading import load_regulation

        self.workdir = workdir
        self.bases = {}
        for folder in (MINIMAL, SMALL, BUNDLED):
            if folder.is_dir():
                loaded = load_regulation(folder)
                self.bases[loaded.regulation.id] = loaded
        self.seeds = [s for s in amendment_seeds() if s.place in self.bases]
        self.small_bases = sorted(b for b in self.bases if b != BUNDLED_ID)
        self.all_bytes = [s.data for s in self.seeds]
        self.counter = 0

    def generate(self, rnd: random.Random) -> tuple[str, bytes]:
        # the 2017 model is 20 times slower to consolidate and check than the small bases: one input in ten
        base = BUNDLED_ID if BUNDLED_ID in self.bases and rnd.random() < 0.1 else rnd.choice(self.small_bases)
        seed = rnd.choice([s for s in self.seeds if s.place == base] or self.seeds)
        mode = rnd.random()
        if mode < 0.05:
            return seed.place, rnd.randbytes(rnd.randint(0, 600))
        if mode < 0.45:
            return base, dump_data(rnd, generated_amendment(rnd, self.bases[base].regulation))
        if mode < 0.65 and seed.parsed is not None:
            return seed.place, dump_data(rnd, mutate_data(rnd, seed.parsed))
        return seed.place, mutate_bytes(rnd, seed.data, self.all_bytes)

    def run(self, base_id: str, data: bytes) -> bool:
        self.counter += 1
        return consolidate_and_verify(self.bases[base_id], data, self.workdir / f"hop-nhat-{self.counter % 2}")


def consolidate_and_verify(base: Any, data: bytes, folder: Path, *, check: bool = True) -> bool:
    """Parse ``data`` as an amendment of ``base`` (a LoadedRegulation), apply it, write, reload and check.

    Returns True when the input gave a diagnostic (a load failure, or QC6xx findings on its operations).

    Raises:
        Bad: an oracle failed (a load failure that is not QC0xx; the written consolidation reads back different).
    """
    from quyche_rules.amend.compare import loaded_view
    from quyche_rules.amend.consolidate import apply_amendments
    from quyche_rules.amend.dump import render_folder
    from quyche_rules.checks.produce import load_findings
    from quyche_rules.checks.runner import run_checks
    from quyche_rules.commands.amend import consolidation_header
    from quyche_rules.errors import LoadFailed
    from quyche_rules.loading import load_regulation
    from quyche_rules.loading.amendment import parse_amendment
    from quyche_rules.reports.json_report import render_json

    try:
        amendment = parse_amendment(data, "sua-doi.yaml")
    except LoadFailed as failed:
        for finding in load_findings(failed):
            if not finding.code.startswith("QC0"):
                raise Bad(f"a load failure that is not QC0xx: {finding.code}") from None
        return True
    on = None if len(data) % 4 or amendment.effective == dt.date.min else amendment.effective - dt.timedelta(days=1)
    result = apply_amendments(base.regulation, [amendment], on)
    reg = result.regulation
    header = consolidation_header(base.regulation.meta.number, base.regulation.effective, result.applied,
                                  result.pending, on)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    for rel, raw in render_folder(reg, header=header).items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_bytes(raw)
    again = load_regulation(folder).regulation
    if again != reg:
        raise Bad("the consolidated regulation does not load back to the same model")
    if check:
        view = loaded_view(base, result)
        findings = [*result.findings, *run_checks(view, engine="reference").findings]
        render_json(findings, lang="vi", regulations=1, provisions=len(reg.provisions), engines=())
    return bool(result.findings)


def generated_amendment(rnd: random.Random, reg: Any) -> dict[str, Any]:
    """An amendment of ``reg`` aimed at its own provisions and actors (sometimes slightly off)."""
    from quyche_rules.amend.provision_tree import Tree

    phrases = [c.format() for c, _ in Tree(reg.articles).walk()] or ["Điều 1"]
    actors = [a.id for a in reg.actors] + ["vu-moi", "khong-co"]
    tasks = [t.id for t in reg.tasks] + ["moi"]

    def target() -> str:
        if rnd.random() < 0.85:
            return rnd.choice(phrases)
        return rnd.choice(["khoản 9 Điều 1", "điểm b Điều 1", "Chương I", "Mục 1 Chương I", "khoản 1", "Điều này",
                           "các điểm a và b khoản 3 Điều 1", "từ khoản 1 đến khoản 3 Điều 1", "xyz", ""])

    def norm() -> dict[str, Any]:
        kind = rnd.choice(["duty", "coordination", "follow_up", "power", "delegation"])
        holder, task = rnd.choice(actors), rnd.choice(tasks)
        if kind == "duty":
            return {"duty": {"holder": holder, "task": task, "role": rnd.choice(["lead", "cooperate"])}}
        if kind == "coordination":
            return {"coordination": {"lead": holder, "cooperating": rnd.sample(actors, 2), "task": task}}
        if kind == "power":
            return {"power": {"holder": holder, "action": "sign", "document_types": ["giay-moi-hop"]}}
        if kind == "delegation":
            return {"delegation": {"mode": "authorize", "signing": "TUQ", "from": holder, "to": rnd.choice(actors)}}
        return {"follow_up": {"holder": holder, "task": task}}

    def number(level: str) -> str:
        if level == "point":
            return rnd.choice(["a", "b", "c", "d", "đ", "e", "a1", "b1", "y"])
        return rnd.choice(["1", "2", "3", "4", "5", "2a", "1a", "9", "10"])

    def item(level: str) -> dict[str, Any]:
        out: dict[str, Any] = {level: number(level), "text": rnd.choice(["Vụ A làm.", "Theo khoản 1 Điều 1.", ""])}
        if level == "article":
            out["title"] = "Điều mới"
            out["clauses"] = [item("clause") for _ in range(rnd.randint(0, 2))]
        else:
            out["norms"] = [norm() for _ in range(rnd.randint(0, 2))]
            if level == "clause" and rnd.random() < 0.3:
                out["points"] = [item("point") for _ in range(rnd.randint(1, 2))]
        return out

    ops: list[dict[str, Any]] = []
    for _ in range(rnd.randint(1, 5)):
        kind = rnd.choice(["amend", "insert", "insert", "repeal", "replace_article", "replace_phrase", "rename",
                           "merge", "split", "dissolve"])
        if kind == "amend":
            ops.append({"amend": target(), "with": rnd.choice([{"text": "Mới."}, {"norms": [norm()]}, {"points": []},
                                                              {"points": [item("point")]}, {"title": "Tên mới"},
                                                              {"clauses": [item("clause")]}])})
        elif kind == "insert":
            level = rnd.choice(["article", "clause", "point"])
            spec: dict[str, Any] = {level: item(level)}
            if rnd.random() < 0.5:
                spec["after"] = target()
            elif level != "article" or rnd.random() < 0.2:
                spec["into"] = target()
            ops.append({"insert": spec})
        elif kind == "repeal":
            ops.append({"repeal": target()})
        elif kind == "replace_article":
            ops.append({"replace_article": item("article")})
        elif kind == "replace_phrase":
            phrase: dict[str, Any] = {
                "from": rnd.choice(["Vụ A", "Văn phòng", "Chánh Văn phòng", "Trung tâm X", "khoản 1", "a"]),
                "to": rnd.choice(["Vụ C", "Vụ Tổng hợp", "", "khoản 2", "Văn phòng Bộ"]),
            }
            if rnd.random() < 0.4:
                phrase["at"] = [target()]
            if rnd.random() < 0.4:
                phrase["count"] = rnd.randint(0, 5)
            ops.append({"replace_phrase": phrase})
        elif kind == "rename":
            to = {"name": rnd.choice(["Vụ C", "Trung tâm Y"])}
            if rnd.random() < 0.6:
                to["id"] = rnd.choice([*actors, "vu-c"])
            rename: dict[str, Any] = {"actor": rnd.choice(actors), "to": to}
            if rnd.random() < 0.5:
                rename["takes_over"] = rnd.choice(["all", "none", [rnd.choice(tasks)]])
            ops.append({"rename": rename})
        elif kind == "merge":
            merge: dict[str, Any] = {"actors": rnd.sample(actors, rnd.randint(1, 3)),
                                     "into": {"id": rnd.choice([*actors, "vu-c"]), "name": "Vụ C"}}
            if rnd.random() < 0.5:
                merge["into"]["head"] = {"id": rnd.choice(["vu-truong-c", *actors]), "name": "Vụ trưởng Vụ C"}
            if rnd.random() < 0.5:
                merge["takes_over"] = rnd.choice(["all", "none", [rnd.choice(tasks)]])
            if rnd.random() < 0.3:
                merge["effective"] = rnd.choice([dt.date(2023, 1, 1), dt.date(2030, 1, 1)])
            ops.append({"merge": merge})
        elif kind == "split":
            into = [{"id": rnd.choice(["vu-c", "vu-d", *actors]), "name": "Vụ N"} for _ in range(rnd.randint(1, 2))]
            split: dict[str, Any] = {"actor": rnd.choice(actors), "into": into}
            if rnd.random() < 0.6:
                split["duties"] = {rnd.choice(tasks): rnd.choice(["vu-c", "vu-d", "khong-co"])}
            ops.append({"split": split})
        else:
            dissolve: dict[str, Any] = {"actor": rnd.choice(actors)}
            if rnd.random() < 0.5:
                dissolve["successor"] = rnd.choice(actors)
                if rnd.random() < 0.5:
                    dissolve["takes_over"] = rnd.choice(["all", [rnd.choice(tasks)]])
            ops.append({"dissolve": dissolve})
    day = reg.effective + dt.timedelta(days=rnd.randint(-400, 400))
    data: dict[str, Any] = {"amendment": {"id": rnd.choice(["sd-1", "sd-2"]), "amends": reg.id,
                                          "instrument": {"number": rnd.choice(["1/QĐ", "2/QĐ-X\nid: chen", "3/\x08"]),
                                                         "date": day},
                                          "effective": day},
                            "operations": ops}
    if rnd.random() < 0.2:
        data["catalogue"] = {"tasks": [{"id": "moi", "name": "Mới"}]}
    return data


# -- campaigns ----------------------------------------------------------------------------------------------------

def make_target(name: str, workdir: Path) -> Any:
    return {"loader": LoaderTarget, "citations": CitationTarget, "amendments": AmendmentTarget}[name](workdir)


def encode_input(name: str, args: tuple[Any, ...]) -> bytes:
    """The input as bytes, for saving a failure: the raw file, or the citation text with its context."""
    if name == "citations":
        return f"context {args[0]}\n{args[1]}".encode("utf-8", errors="surrogateescape")
    raw: bytes = args[1]
    return f"{args[0]}\n".encode() + raw


def campaign(name: str, inputs: int, seed: int, workdir: Path | None = None,
             progress: Callable[[Stats], None] | None = None) -> Stats:
    """Run ``inputs`` generated inputs through target ``name``; return what was tried and what failed."""
    stats = Stats(name)
    with _workdir(workdir) as folder:
        target = make_target(name, folder)
        rnd = random.Random(seed)
        for i in range(inputs):
            args = target.generate(rnd)
            try:
                if target.run(*args):
                    stats.diagnostics += 1
            except Exception as exc:
                failure = _failure(name, encode_input(name, args), exc)
                stats.failures += 1
                stats.unique.setdefault(failure.key, failure)
            stats.tried += 1
            if progress is not None and (i + 1) % 1000 == 0:
                progress(stats)
    return stats


@contextlib.contextmanager
def _workdir(folder: Path | None) -> Iterator[Path]:
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        yield folder
        return
    with tempfile.TemporaryDirectory(prefix="quyche-fuzz-") as tmp:
        yield Path(tmp)
