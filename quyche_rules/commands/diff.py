"""``quyche diff``: compare two versions (folders, a folder and amendments, or a folder and its git past)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

from quyche_rules.errors import UsageError
from quyche_rules.findings import Finding, Severity
from quyche_rules.i18n import Lang, Text
from quyche_rules.model import Regulation

__all__ = ["run_diff_command"]


def _usage() -> UsageError:
    return UsageError(
        Text.of("quyche diff cần hai phiên bản", "quyche diff needs two versions"),
        expected=Text.of(
            "CŨ MỚI (hai thư mục), CŨ SỬA-ĐỔI.yaml… hoặc --base PHIÊN-BẢN [THƯ-MỤC]",
            "OLD NEW (two folders), OLD AMENDMENT.yaml… or --base REV [PATH]",
        ),
        fix=Text.of(
            "Ví dụ: quyche diff rules/ubdt-2017 rules/ubdt-2023, hoặc quyche diff --base main",
            "For example: quyche diff rules/ubdt-2017 rules/ubdt-2023, or quyche diff --base main",
        ),
    )


def _one(path: Path) -> Path:
    from quyche_rules.loading.folder import find_regulations

    found = find_regulations(path)
    if len(found) != 1:
        raise UsageError(
            Text.of(
                f"{path} chứa {len(found)} quy chế; cần đúng một",
                f"{path} holds {len(found)} regulations; name exactly one",
            ),
            fix=Text.of(
                "Chỉ ra một thư mục quy chế, ví dụ rules/ubdt-2017",
                "Name one regulation folder, e.g. rules/ubdt-2017",
            ),
        )
    return found[0]


def _label(reg: Regulation, lang: Lang, extra: str = "") -> str:
    day = reg.effective
    when = day.strftime("%d/%m/%Y") if lang == "vi" else day.isoformat()
    return f"{reg.id} ({reg.meta.number}, {'hiệu lực' if lang == 'vi' else 'effective'} {when}){extra}"


def run_diff_command(args: argparse.Namespace, lang: Lang, out: Callable[[str, Path | None], None]) -> int:
    """Run ``quyche diff``; the exit code is 1 only for introduced findings at or above ``--fail-on``."""
    from quyche_rules.amend.pipeline import compare_loaded, consolidate
    from quyche_rules.amend.render import Comparison, render_diff_json, render_diff_text
    from quyche_rules.checks.registry import all_checks
    from quyche_rules.commands.amend import load_amendments
    from quyche_rules.config import Config, find_config, load_config
    from quyche_rules.loading.folder import LoadedRegulation, find_regulations, load_regulation

    paths: list[Path] = list(args.paths)
    specs = all_checks()
    start = paths[0] if paths else Path("rules")
    config_path = args.config or (find_config(start) if start.exists() else None)
    config = load_config(config_path, specs) if config_path else Config()
    fail_on = Severity(args.fail_on) if args.fail_on else config.fail_on
    compare = partial(compare_loaded, engine=args.engine or config.engine, select=config.selected(specs),
                      adjust=config.apply, new_day=args.on)
    comparisons: list[Comparison] = []
    vi = lang == "vi"
    if args.base is not None:
        from quyche_rules.amend.gitrev import export_at_revision, locate

        if len(paths) > 1:
            raise _usage()
        target = paths[0] if paths else Path("rules")
        tree = locate(target, args.base)
        working = " (thư mục làm việc)" if vi else " (working tree)"
        with tempfile.TemporaryDirectory(prefix="quyche-diff-") as tmp:
            exported = export_at_revision(tree, Path(tmp))
            for folder in find_regulations(target):
                new = load_regulation(folder)
                rel = os.path.relpath(folder.resolve(), target.resolve())
                old_folder = exported / rel if exported is not None else None
                suffix = f" @ {args.base}"
                if old_folder is not None and (old_folder / "regulation.yaml").is_file():
                    old = load_regulation(old_folder)
                    old = LoadedRegulation(old.regulation, folder, old.checks_file)
                else:  # a regulation added since REV: everything in it is new
                    old = LoadedRegulation(Regulation(meta=new.regulation.meta), folder, None)
                    suffix += " (chưa có)" if vi else " (absent)"
                comparisons.append(compare(old, new, old_label=_label(old.regulation, lang, suffix),
                                           new_label=_label(new.regulation, lang, working)))
    else:
        if len(paths) < 2:
            raise _usage()
        old = load_regulation(_one(paths[0]))
        rest = paths[1:]
        if len(rest) == 1 and rest[0].is_dir():
            new = load_regulation(_one(rest[0]))
            comparisons.append(compare(old, new, old_label=_label(old.regulation, lang),
                                       new_label=_label(new.regulation, lang)))
        else:
            if any(p.is_dir() for p in rest):
                raise _usage()
            view, result = consolidate(old, load_amendments(rest), args.on)
            names = ", ".join(a.id for a in result.applied) or "—"
            extra = f" hợp nhất với {names}" if vi else f" consolidated with {names}"
            comparisons.append(compare(old, view, old_label=_label(old.regulation, lang),
                                       new_label=_label(view.regulation, lang, extra),
                                       new_extra=result.findings))
    introduced: list[Finding] = [f for c in comparisons for f in c.findings.introduced]
    if args.format == "json":
        docs = [json.loads(render_diff_json(c, lang=lang)) for c in comparisons]
        text = (
            json.dumps(
                {
                    "tool": docs[0]["tool"] if docs else {},
                    "lang": lang,
                    "comparisons": [{k: v for k, v in d.items() if k not in ("tool", "lang")} for d in docs],
                },
                ensure_ascii=False,
                indent=2,
            )
            + "\n"
        )
    else:
        colour = args.output is None and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
        text = "\n".join(render_diff_text(c, specs, lang=lang, colour=colour) for c in comparisons)
    out(text, args.output)
    return 1 if any(f.severity.rank >= fail_on.rank for f in introduced) else 0
