"""``quyche completion bash|zsh|fish``: the shell completion script, generated from the argument parser by shtab.

Subcommands, options and their choices complete; paths complete as files or folders; check codes (``explain``,
``--select``, ``--ignore``) and law-catalogue ids (``law``) complete from the catalogues, written into the script
when it is generated (a regulation's own codes are not, since they depend on the folder checked).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from quyche_rules.commands.settings import emit
from quyche_rules.i18n import Lang

__all__ = ["run", "script"]

#: destination -> what it completes with (a name of :func:`_words`), by subcommand ("" for any)
_WORD_LISTS = {("explain", "code"): "codes", ("check", "select"): "codes", ("check", "ignore"): "codes",
               ("law", "id"): "law"}


def _words(kind: str) -> list[str]:
    if kind == "codes":
        from quyche_rules.checks.catalogue import all_checks  # lazy: only when a script is generated

        codes = sorted(all_checks())
        families = sorted({f"{c[:3]}xx" for c in codes})
        return [*codes, *families]
    from quyche_rules.law import catalogue  # lazy: as above

    return sorted(i.id for i in catalogue())


def _complete(name: str, words: list[str]) -> dict[str, Any]:
    """Return a shtab completion that offers ``words`` (a shell function in bash, a list in zsh and fish)."""
    joined = " ".join(words)
    fn = f"_quyche_{name}"
    return {
        "bash": fn, "zsh": f"({joined})", "fish": joined,
        "preamble": {"bash": f'{fn}() {{\n  compgen -W "{joined}" -- "$1"\n}}'},
    }


def _annotate(parser: argparse.ArgumentParser, command: str = "") -> None:
    """Attach completions to the actions of ``parser`` and its subcommands."""
    import shtab  # lazy: only when a script is generated

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                _annotate(sub, name)
            continue
        kind = _WORD_LISTS.get((command, action.dest))
        if kind is not None:
            action.complete = _complete(kind, _words(kind))  # type: ignore[attr-defined]
        elif action.type is Path or action.metavar == "DIR":  # (--root DIR is read by a function: a folder)
            folder = action.metavar in ("DIR", "OLD") or action.dest in ("folder", "base")
            action.complete = shtab.DIRECTORY if folder else shtab.FILE  # type: ignore[attr-defined]


def script(parser: argparse.ArgumentParser, shell: str) -> str:
    """Return the completion script of ``parser`` for ``shell`` (bash, zsh or fish)."""
    import shtab  # lazy: only when a script is generated

    _annotate(parser)
    return str(shtab.complete(parser, shell=shell))


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Print the completion script for ``args.shell``."""
    emit(script(args.parser, args.shell))
    return 0
