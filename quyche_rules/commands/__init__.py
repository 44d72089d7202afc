"""Implementations of the subcommands (imported lazily by the CLI)."""
