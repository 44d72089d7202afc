"""Run the command line: ``python -m quyche_rules``."""

from quyche_rules.launch import entry

entry()
