"""Regenerate the shipped schema files: ``python -m quyche_rules.schema``."""

from quyche_rules.schema import main

main()
