"""``quyche cache clean``: delete the cache of checked regulations (``.quyche_cache/``)."""

from __future__ import annotations

import argparse
import sys

from quyche_rules.i18n import Lang, Text
from quyche_rules.workspace.cache import cache_dir, clean

__all__ = ["run"]

_CLEANED = Text.of("Đã xóa {count} mục trong {path}", "Cache entries removed from {path}: {count}")


def run(args: argparse.Namespace, lang: Lang) -> int:
    """Delete every entry of the cache folder; say how many."""
    count = clean()
    sys.stderr.write(_CLEANED.fill({"count": count, "path": cache_dir()}).get(lang) + "\n")
    return 0
