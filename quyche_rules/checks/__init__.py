"""The check catalogue: specifications, Python checks by family, the one producer of findings, the runner."""
