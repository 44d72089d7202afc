"""guard_output: an output never overwrites an input, nor lands in a regulation folder or a folder read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from quyche_rules.errors import UsageError
from quyche_rules.workspace.outputs import guard_output, is_stdout, regulation_below
from tests.conftest import MINIMAL


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/R (a regulation), tmp/A.yaml (an amendment), tmp/out/ (where outputs go); the working folder is tmp."""
    shutil.copytree(MINIMAL, tmp_path / "R")
    (tmp_path / "A.yaml").write_text("amendment: {}\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _refused(path: Path | str, inputs: list[Path | None], **kw: object) -> str:
    with pytest.raises(UsageError) as caught:
        guard_output(Path(path), inputs, **kw)  # type: ignore[arg-type]
    err = caught.value
    assert err.exit_code == 2 and err.fix is not None and err.expected is not None
    return err.what.en


def test_a_new_file_outside_every_input_is_allowed(tree: Path) -> None:
    guard_output(Path("out/bao-cao.html"), [Path("R"), Path("A.yaml")])
    guard_output(Path("bao-cao.html"), [Path("R"), Path("A.yaml"), None])
    (tree / "out" / "old.json").write_text("{}", encoding="utf-8")
    guard_output(Path("out/old.json"), [Path("R")])  # replacing a previous output is fine


def test_standard_output_is_always_allowed_for_a_file() -> None:
    assert is_stdout(Path("-")) and not is_stdout(Path("./-x")) and not is_stdout(None)
    guard_output(Path("-"), [Path("-"), Path("R")])


@pytest.mark.parametrize("spelling", ["A.yaml", "./A.yaml", "out/../A.yaml", "{tree}/A.yaml"])
def test_an_input_file_is_refused_however_it_is_spelt(tree: Path, spelling: str) -> None:
    what = _refused(spelling.format(tree=tree), [Path("R"), Path("A.yaml")])
    assert "it is the input file A.yaml" in what


def test_an_input_file_is_refused_through_a_link_either_way(tree: Path) -> None:
    (tree / "out" / "link.yaml").symlink_to(tree / "A.yaml")
    assert "input file A.yaml" in _refused("out/link.yaml", [Path("A.yaml")])  # the output is a link to the input
    assert "input file out/link.yaml" in _refused("A.yaml", [Path("out/link.yaml")])  # the input is a link
    os.link(tree / "A.yaml", tree / "out" / "hard.yaml")
    assert "input file A.yaml" in _refused("out/hard.yaml", [Path("A.yaml")])  # the same file by another name


@pytest.mark.parametrize("target", ["R/regulation.yaml", "R/articles/dieu-01.yaml", "R/articles/new.yaml",
                                    "R/deep/er/new.json"])
def test_anything_inside_a_regulation_folder_is_refused_even_if_not_read(tree: Path, target: str) -> None:
    assert "inside the regulation folder R" in _refused(target, [])


def test_inside_a_folder_the_command_reads_is_refused(tree: Path) -> None:
    assert "inside the folder out, which this command reads" in _refused("out/x.json", [Path("out")])


def test_a_read_only_file_is_refused(tree: Path) -> None:
    ro = tree / "out" / "ro.json"
    ro.write_text("{}", encoding="utf-8")
    ro.chmod(0o444)
    assert "read-only" in _refused(ro, [])
    assert ro.read_text(encoding="utf-8") == "{}"


def test_a_folder_is_refused_as_a_file_output(tree: Path) -> None:
    assert "is a folder, not a file" in _refused("out", [])


def test_devices_and_fifos_are_allowed_as_file_outputs(tree: Path) -> None:
    os.mkfifo(tree / "out" / "pipe")
    guard_output(tree / "out" / "pipe", [Path("R")])
    if Path("/dev/null").exists():
        guard_output(Path("/dev/null"), [Path("R")])


def test_the_option_is_named(tree: Path) -> None:
    with pytest.raises(UsageError) as caught:
        guard_output(Path("R/b.json"), [], option="--write-baseline")
    assert "--write-baseline" in caught.value.what.en and "--write-baseline" in caught.value.fix.en  # type: ignore[union-attr]


# -- folder outputs (quyche amend -o) ------------------------------------------------------------------------------

def test_a_folder_output_inside_or_holding_a_regulation_folder_is_refused(tree: Path) -> None:
    assert "inside the regulation folder R" in _refused("R/articles/hop-nhat", [], folder=True)
    (tree / "wrap").mkdir()
    shutil.copytree(MINIMAL, tree / "wrap" / "nested" / "R2")
    assert "holds the regulation folder wrap/nested/R2" in _refused("wrap", [], folder=True)
    assert regulation_below(tree / "wrap") == tree / "wrap" / "nested" / "R2"
    assert regulation_below(tree / "wrap", limit=1) is None


def test_a_folder_output_holding_an_input_is_refused(tree: Path) -> None:
    assert "holds the input file A.yaml" in _refused(".", [Path("A.yaml")], folder=True)
    assert "holds the folder out" in _refused(".", [Path("out")], folder=True)
    assert "inside the folder out" in _refused("out/hop-nhat", [Path("out")], folder=True)


def test_a_folder_output_must_be_a_folder(tree: Path) -> None:
    assert "is a file, not a folder" in _refused("A.yaml", [], folder=True)
    assert "needs a folder" in _refused("-", [], folder=True)
    guard_output(Path("out/hop-nhat"), [Path("R"), Path("A.yaml")], folder=True)
