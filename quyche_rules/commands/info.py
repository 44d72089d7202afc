"""``quyche cite``, ``rules``, ``explain``, ``who``, ``graph`` and ``schema``: each prints what it is asked."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path

from quyche_rules.checks.catalogue import CHECKS_FILE, all_checks, checks_of
from quyche_rules.checks.spec import CheckSpec
from quyche_rules.citations import format_citations, parse_citation
from quyche_rules.commands.examples import EXAMPLE_REGULATION, run_example
from quyche_rules.commands.settings import emit, refuse_day_before
from quyche_rules.errors import UsageError
from quyche_rules.graph import build_graph, export_graph
from quyche_rules.graph import who as who_answer
from quyche_rules.i18n import Lang, Text
from quyche_rules.law import catalogue
from quyche_rules.loading import LoadedRegulation, find_regulations, load_regulation
from quyche_rules.loading.problems import did_you_mean
from quyche_rules.reports.basis import NO_BASIS, basis_standing, spec_bases, standing_label
from quyche_rules.schema import available_kinds, schema_text
from quyche_rules.workspace.outputs import guard_output

__all__ = ["cite", "explain", "graph", "rules", "schema", "who"]

_LEVELS = {"chapter": Text.of("Chương", "chapter"), "section": Text.of("Mục", "section"),
           "article": Text.of("Điều", "article"), "clause": Text.of("Khoản", "clause"),
           "point": Text.of("Điểm", "point")}
_WORDS = {
    "canonical": Text.of("Chuẩn", "Canonical"),
    "why": Text.of("## Lý do", "## Why it matters"),
    "fix": Text.of("## Cách sửa", "## How to fix"),
    "basis": Text.of("## Căn cứ pháp lý", "## Legal basis"),
    "regulation": Text.of("## Quy chế ví dụ (mọi ví dụ ghép vào quy chế này)",
                          "## The example regulation (every example is merged into it)"),
    "fires": Text.of("## Ví dụ phát hiện: những gì thêm hoặc sửa trong quy chế ví dụ",
                     "## Example that fires: what it adds to or changes in the example regulation"),
    "fires_own": Text.of("## Ví dụ phát hiện: những gì thêm hoặc sửa trong {folder}",
                         "## Example that fires: what it adds to or changes in {folder}"),
    "passes": Text.of("## Viết thế này (không phát hiện)", "## Use instead (finds nothing)"),
    "amendment": Text.of("Văn bản sửa đổi áp dụng vào quy chế ví dụ", "Amendment applied to the example regulation"),
    "removed": Text.of("Xóa tệp", "Removes the file"),
    "found": Text.of("Kết quả:", "Finds:"),
    "nothing": Text.of("Kết quả: không có phát hiện nào", "Finds: nothing"),
    "source": Text.of("Nguồn", "Source"),
}
_ROLES = (Text.of("chủ trì", "lead"), Text.of("phối hợp", "cooperate"), Text.of("thực hiện", "responsible"),
          Text.of("quyết định", "decides"), Text.of("ký", "signs"), Text.of("theo dõi, đôn đốc", "follows up"))


def cite(args: argparse.Namespace, lang: Lang) -> int:
    """Parse a citation phrase and show its structure and canonical form."""
    found = parse_citation(args.context) if args.context else ()
    cits = parse_citation(args.phrase, found[0] if found else None)
    lines = [f"{_WORDS['canonical'].get(lang)}: {format_citations(cits)}"]
    for cit in cits:
        parts = [f"{_LEVELS[k].get(lang)} {v}" for k, v in cit.model_dump().items() if v]
        lines.append("  " + " · ".join(parts))
    emit("\n".join(lines) + "\n")
    return 0


def _catalogue(path: Path | None) -> dict[str, CheckSpec]:
    """Return the built-in checks and those of the regulations at ``path`` (default: ``rules/``, if there)."""
    if path is None:
        path = Path("rules")
        if not path.is_dir():
            return all_checks()
    return checks_of(find_regulations(path))


def rules(args: argparse.Namespace, lang: Lang) -> int:
    """List the catalogue: the built-in checks and those of the regulations' own ``checks.yaml``."""
    specs = _catalogue(args.path)
    if args.format == "json":
        emit(json.dumps([
            {"code": s.code, "name": s.name, "severity": s.severity.value, "family": s.family,
             "title": s.title.get(lang), "status": s.status, "since": s.since, "kind": s.kind,
             "basis": basis_standing(s), "legal_basis": [{"text": b.text(), "source": b.source, "standing": b.standing}
                             for b in spec_bases(s)]}
            for s in specs.values()
        ], ensure_ascii=False, indent=2) + "\n")
        return 0
    width = max(len(s.name) for s in specs.values())
    labels = {s.severity: s.severity.label(lang) for s in specs.values()}  # "lỗi", "cảnh báo": as check prints them
    level = max(map(len, labels.values()))
    emit("\n".join(f"{s.code}  {s.name:<{width}}  {labels[s.severity]:<{level}}  {s.title.get(lang)}"
                   for s in specs.values()) + "\n")
    return 0


def _spec(code: str, specs: dict[str, CheckSpec]) -> CheckSpec:
    spec = specs.get(code.upper())
    if spec is None:
        close = did_you_mean(code.upper(), specs)
        raise UsageError(
            Text.of(f"Không có kiểm tra {code}", f"No check {code}"),
            fix=Text.of(f"Có phải ý bạn là {close}? Xem `quyche rules`" if close else "Xem `quyche rules`",
                        f"Did you mean {close}? See `quyche rules`" if close else "See `quyche rules`"),
        )
    return spec


def _fence(text: str, header: str) -> list[str]:
    return [f"### {header}", "```yaml", text.rstrip("\n"), "```", ""]


def _example_lines(snippet: str, lang: Lang, base: Path) -> list[str]:
    example = run_example(snippet, base=base)
    out: list[str] = []
    for rel, text in example.changed.items():
        out += _fence(text, rel)
    out += [f"### {_WORDS['removed'].get(lang)} {rel}" for rel in example.removed]
    for text in example.amendments:
        out += _fence(text, _WORDS["amendment"].get(lang))
    if not example.findings:
        return [*out, _WORDS["nothing"].get(lang), ""]
    out.append(_WORDS["found"].get(lang))
    out += [f"- {f.code} {f.name}: {f.message.get(lang)}" for f in example.findings]
    return [*out, ""]


def explain(args: argparse.Namespace, lang: Lang) -> int:
    """Explain one check: title, rationale, legal basis, and its examples as complete small regulations."""
    spec = _spec(args.code, _catalogue(args.path))
    own = Path(spec.source).parent if spec.source.endswith(CHECKS_FILE) else None  # a regulation's own check
    base = own if own is not None else EXAMPLE_REGULATION
    out = [f"{spec.code} {spec.name} ({spec.severity.label(lang)}, {spec.status}, {spec.since})",
           spec.title.get(lang), "",
           _WORDS["why"].get(lang), spec.rationale.get(lang), "",
           _WORDS["fix"].get(lang), spec.fix.get(lang), ""]
    out.append(_WORDS["basis"].get(lang))
    if not spec.legal_basis:
        out += [f"- {NO_BASIS.get(lang)}", ""]
    else:
        for b in spec_bases(spec):
            out.append(f"- {b.text()} ({standing_label(b, lang)}{_in_force(b.source, lang)})"
                       + (f" <{b.url}>" if b.url else "") + (f"\n  «{b.quote}»" if b.quote else ""))
        out.append("")
    if spec.examples:
        out += [(_WORDS["fires_own"] if own else _WORDS["fires"]).fill({"folder": base}).get(lang), ""]
        out += _example_lines(spec.examples.fires, lang, base)
        out += [_WORDS["passes"].get(lang), ""]
        out += _example_lines(spec.examples.passes, lang, base)
        if own is None:
            out += [_WORDS["regulation"].get(lang), ""]
            for path in sorted(EXAMPLE_REGULATION.rglob("*.yaml")):
                out += _fence(path.read_text(encoding="utf-8"), path.relative_to(EXAMPLE_REGULATION).as_posix())
    out.append(f"{_WORDS['source'].get(lang)}: {spec.source}")
    emit("\n".join(out) + "\n")
    return 0


def _in_force(source: str, lang: Lang) -> str:
    """Return ", in force 2020-03-05 – 2026-05-28" for a catalogue instrument, else ""."""
    entry = catalogue().get(source)
    if entry is None:
        return ""
    last = entry.last_day
    period = f"{entry.effective.isoformat()} – {last.isoformat() if last else ''}".rstrip()
    return f", hiệu lực {period}" if lang == "vi" else f", in force {period}"


def _load_one(path: Path, on: dt.date | None = None) -> LoadedRegulation:
    """Load the regulation at ``path``; of several, the one in force on ``on`` (default: the newest)."""
    loaded = [load_regulation(f) for f in find_regulations(path)]
    loaded.sort(key=lambda r: r.regulation.effective)
    in_force = [r for r in loaded if on is None or r.regulation.effective <= on]
    return (in_force or loaded)[-1]


def who(args: argparse.Namespace, lang: Lang) -> int:
    """Answer who leads, cooperates, decides and signs for a task."""
    reg = _load_one(args.path, args.on).regulation
    refuse_day_before(reg, args.on)
    task = args.task
    if task not in reg.task_by_id:
        close = did_you_mean(task, reg.task_by_id)
        raise UsageError(
            Text.of(f"Không có nhiệm vụ {task!r} trong {reg.id}", f"No task {task!r} in {reg.id}"),
            fix=Text.of(f"Có phải ý bạn là {close!r}?" if close else "Xem tasks.yaml",
                        f"Did you mean {close!r}?" if close else "See tasks.yaml"),
        )
    ans = who_answer(reg, build_graph(reg), task, args.on)
    rows = (ans.leads, ans.cooperates, ans.responsible, ans.decides, ans.signs, ans.follows_up)
    out = [f"{reg.task_name(task)} ({task}) · {reg.id} · {(args.on or reg.effective).isoformat()}"]
    for label, items in zip((r.get(lang) for r in _ROLES), rows, strict=True):
        shown = "; ".join(f"{reg.actor_name(a)} ({p})" for a, p in items) or "—"
        out.append(f"  {label}: {shown}")
    emit("\n".join(out) + "\n")
    return 0


def graph(args: argparse.Namespace, lang: Lang) -> int:
    """Export the responsibility graph as DOT, GraphML or node-link JSON."""
    if args.output is not None:
        guard_output(args.output, [args.path])
    emit(export_graph(build_graph(_load_one(args.path).regulation), args.format), args.output)
    return 0


def schema(args: argparse.Namespace, lang: Lang) -> int:
    """Print the JSON Schema of one kind of rule file."""
    if args.kind not in available_kinds():
        raise UsageError(
            Text.of(f"Không có lược đồ {args.kind!r}", f"No schema named {args.kind!r}"),
            expected=Text.of(", ".join(available_kinds()), ", ".join(available_kinds())),
            fix=Text.of("Chọn một loại tệp ở trên", "Pick one of the kinds above"),
        )
    emit(schema_text(args.kind))
    return 0
