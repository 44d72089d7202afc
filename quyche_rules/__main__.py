"""Run the command line: ``python -m quyche_rules``."""

from quyche_rules.cli import main

raise SystemExit(main())
