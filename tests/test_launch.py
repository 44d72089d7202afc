"""The ``quyche`` command's start: pydantic's plugins are off, and the module that looks for them is not imported."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import MINIMAL, ROOT

_PROBE = (
    "import sys\n"
    "from quyche_rules.launch import main\n"
    "code = main(['check', '--no-cache', sys.argv[1]])\n"
    "from pydantic.plugin._schema_validator import create_schema_validator  # what pydantic calls per model\n"
    "import pydantic.plugin._loader as loader\n"
    "print(code, 'importlib.metadata' in sys.modules, list(loader.get_plugins()))\n"
)


def _run(env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", _PROBE, str(MINIMAL)], cwd=ROOT, env=env, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout.split("\n")[-2].split(" ", 2)


def test_the_command_checks_without_importing_the_plugin_loader() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    env["QUYCHE_NO_CACHE"] = "1"
    code, metadata, plugins = _run(env)
    assert (code, metadata, plugins) == ("0", "False", "[]")


def test_a_users_own_list_of_disabled_plugins_is_left_to_pydantic() -> None:
    env = {**os.environ, "PYDANTIC_DISABLE_PLUGINS": "some-plugin", "QUYCHE_NO_CACHE": "1"}
    code, metadata, _ = _run(env)
    assert (code, metadata) == ("0", "True")  # pydantic's own loader, which reads the entry points
