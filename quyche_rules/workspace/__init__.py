"""The user's files at the edge of the tool: configuration, baselines, atomic writes, folders, git revisions."""
