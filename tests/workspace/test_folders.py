"""The marker of a consolidated folder records what was written; only exactly that may be replaced."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from quyche_rules.errors import UsageError
from quyche_rules.workspace.folders import MARKER, previous_output, publish_folder, with_marker

FILES = {"regulation.yaml": b"a\n", "articles/dieu-01.yaml": b"b\n"}


def _publish(out: Path) -> None:
    publish_folder(with_marker(FILES, {"tool": "quyche-rules"}), out, replace=previous_output(out))


def test_the_marker_records_every_file_with_its_sha256_and_keeps_the_information() -> None:
    files = with_marker(FILES, {"tool": "quyche-rules", "base": "x"})
    assert set(files) == {*FILES, MARKER}
    marker = json.loads(files[MARKER])
    assert marker["tool"] == "quyche-rules" and marker["base"] == "x"
    assert marker["files"] == {rel: hashlib.sha256(data).hexdigest() for rel, data in FILES.items()}


def test_a_new_or_empty_folder_is_written_and_an_untouched_previous_output_replaced(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert previous_output(out) is False
    out.mkdir()
    assert previous_output(out) is False
    _publish(out)
    assert previous_output(out) is True
    _publish(out)
    assert (out / "articles" / "dieu-01.yaml").read_bytes() == b"b\n"


def test_a_special_file_inside_is_refused_without_being_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _publish(out)
    (out / "articles" / "dieu-01.yaml").unlink()
    os.mkfifo(out / "articles" / "dieu-01.yaml")  # reading it would block: it is never read
    with pytest.raises(UsageError) as caught:
        previous_output(out)
    assert "changed since: articles/dieu-01.yaml" in caught.value.what.en


def test_many_differences_are_counted_not_all_listed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _publish(out)
    for i in range(15):
        (out / f"note-{i:02}.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        previous_output(out)
    what = caught.value.what.en
    assert "note-00.txt" in what and "note-09.txt" in what and "note-10.txt" not in what and "and 5 more" in what


@pytest.mark.parametrize("marker", ["", "[", "[" * 100_000, '{"files": []}', '{"files": {"../x": "0"}}',
                                    '{"files": {"/etc/passwd": "0"}}', '{"files": {"a": 5}}'])
def test_a_marker_that_records_no_valid_files_is_refused(tmp_path: Path, marker: str) -> None:
    out = tmp_path / "out"
    _publish(out)
    (out / MARKER).write_text(marker, encoding="utf-8")
    with pytest.raises(UsageError) as caught:
        previous_output(out)
    assert "records no file written by quyche amend" in caught.value.what.en
    assert (out / "regulation.yaml").is_file()
