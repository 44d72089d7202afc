"""Every bad input under fixtures/bad gives a located diagnostic with what was expected and a fix."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, tree_digest

BAD = FIXTURES / "bad"

# case -> (finding code, line of the diagnostic, exit code)
CASES = {
    "invalid-yaml": ("QC001", 3, 1),
    "duplicate-key": ("QC002", 3, 1),
    "unknown-key": ("QC003", 7, 1),
    "wrong-type": ("QC003", 7, 1),
    "python-tag": ("QC004", 2, 1),
    "alias-bomb": ("QC004", 1, 1),
    "big-5mb": ("QC005", 1, 1),
    "deep-nesting": ("QC005", 3, 1),
    "invalid-utf8": ("QC006", 3, 1),
    "nfd-actor": ("QC003", 7, 1),
    "unknown-actor-typo": ("QC101", 7, 1),
    "yaml11-sexagesimal": ("QC003", 7, 1),  # YAML 1.1 reads 1:30 as 90
    "yaml11-boolean-amount": ("QC003", 7, 1),  # a boolean is not a number of days
    "octal-clause": ("QC003", 4, 1),  # YAML 1.1 reads 010 as 8
}

_RUNNER = (
    "import sys, time\n"
    "from quyche_rules.cli import main\n"
    "t = time.perf_counter()\n"
    "rc = main(sys.argv[1:])\n"
    "hwm = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
    "sys.stderr.write('\\nSTATS %f %d\\n' % (time.perf_counter() - t, hwm))\n"
    "sys.exit(rc)\n"
)


def test_every_bad_file_has_a_case() -> None:
    assert sorted(p.stem for p in BAD.glob("*.yaml")) == sorted(CASES)


@pytest.mark.slow  # a process per case and language
@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_bad_input_gives_a_located_diagnostic(case: str, lang: str, minimal_copy: Path) -> None:
    code, line, exit_code = CASES[case]
    target = minimal_copy / "articles" / "dieu-09.yaml"
    shutil.copyfile(BAD / f"{case}.yaml", target)
    before = tree_digest(minimal_copy)
    proc = subprocess.run(
        [sys.executable, "-c", _RUNNER, "check", str(minimal_copy), "--lang", lang, "--engine", "reference"],
        capture_output=True, text=True, timeout=60,
    )
    out = proc.stdout + proc.stderr
    assert "Traceback" not in out
    assert proc.returncode == exit_code, out
    assert f"dieu-09.yaml:{line}:" in proc.stdout, out
    assert code in proc.stdout
    assert ("cần" if lang == "vi" else "expected") in proc.stdout
    assert ("Gợi ý" if lang == "vi" else "Fix") in proc.stdout
    seconds, rss_kb = proc.stderr.rsplit("STATS", 1)[1].split()
    assert float(seconds) < 2.0
    assert int(rss_kb) < 200 * 1024
    assert tree_digest(minimal_copy) == before


def test_unknown_actor_typo_suggests_the_real_id(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quyche_rules.cli import main

    shutil.copyfile(BAD / "unknown-actor-typo.yaml", minimal_copy / "articles" / "dieu-09.yaml")
    assert main(["check", str(minimal_copy), "--lang", "en", "--engine", "reference"]) == 1
    assert "did you mean 'chanh-van-phong'" in capsys.readouterr().out


def test_nfd_id_is_refused_with_the_ascii_slug(minimal_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from quyche_rules.cli import main

    shutil.copyfile(BAD / "nfd-actor.yaml", minimal_copy / "articles" / "dieu-09.yaml")
    assert main(["check", str(minimal_copy), "--lang", "en", "--format", "json"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert any("'vu-a'" in f["message"] for f in doc["findings"])


@pytest.mark.parametrize(("case", "said"), [
    ("yaml11-sexagesimal", "'1:30' is not a whole number ('working_days')"),
    ("yaml11-boolean-amount", "true is not a whole number ('working_days')"),
    ("octal-clause", "Fix: drop the leading zero: 10"),
])
def test_a_yaml_11_number_is_refused_as_written(case: str, said: str, minimal_copy: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    from quyche_rules.cli import main

    shutil.copyfile(BAD / f"{case}.yaml", minimal_copy / "articles" / "dieu-09.yaml")
    assert main(["check", str(minimal_copy), "--lang", "en", "--engine", "reference"]) == 1
    assert said in capsys.readouterr().out
