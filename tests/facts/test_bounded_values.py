"""Fact values are bounded so that both engines take every one (durable-rules holds 4,096 bytes a string)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml
from hypothesis import given
from hypothesis import strategies as st

from quyche_rules.checks.runner import run_checks
from quyche_rules.facts.builder import MAX_VALUE_BYTES, Builder, bounded
from quyche_rules.loading import load_regulation
from tests.conftest import MINIMAL


@given(st.text(max_size=3000))
def test_a_bounded_value_fits_and_keeps_what_it_can(value: str) -> None:
    out = bounded(value)
    assert len(out.encode("utf-8")) <= MAX_VALUE_BYTES
    assert out == value or (out.endswith("…") and value.startswith(out[:-1]))


def test_the_builder_bounds_every_string_it_is_given() -> None:
    b = Builder(load_regulation(MINIMAL).regulation, dt.date(2024, 6, 1))
    b.add("actor", name="Ự" * 5000, short="abc")
    assert len(str(b.facts[0]["name"]).encode()) <= MAX_VALUE_BYTES and b.facts[0]["short"] == "abc"


CHECK = """\
checks:
  - code: QC901
    name: power-on-documents
    severity: info
    title: {vi: "Quyền ký văn bản", en: "Power to sign documents"}
    message: {vi: "{r.object_name}", en: "{r.object_name}"}
    rationale: {vi: "Kiểm thử.", en: "A test."}
    fix: {vi: "Không.", en: "None."}
    when:
      - bind: r
        kind: actor_ref
        where: {norm: power, slot: holder, actor: chanh-van-phong, object_name: {ne: ""}}
    report:
      provisions: [r.provision]
"""


def test_a_long_joined_value_reaches_both_engines_without_an_internal_error(tmp_path: Path) -> None:
    folder = tmp_path / "R"
    shutil.copytree(MINIMAL, folder)
    types = [{"id": f"loai-{i}", "name": f"Loại văn bản {i} " + "rất dài " * 22} for i in range(30)]
    tasks = (folder / "tasks.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(tasks)
    data["document_types"] = [*data.get("document_types", []), *types]
    (folder / "tasks.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    article = {"article": "3", "title": "Ký", "chapter": "II", "clauses": [{
        "clause": "1", "text": "Chánh Văn phòng ký các loại văn bản.",
        "norms": [{"power": {"holder": "chanh-van-phong", "action": "sign",
                             "document_types": [t["id"] for t in types]}}]}]}
    (folder / "articles" / "dieu-03.yaml").write_text(yaml.safe_dump(article, allow_unicode=True), encoding="utf-8")
    (folder / "checks.yaml").write_text(CHECK, encoding="utf-8")
    result = run_checks(load_regulation(folder), engine="both", select={"QC901"})
    assert [f.code for f in result.findings] == ["QC901"]
    assert "… (+10)" in result.findings[0].message.en or result.findings[0].message.en.endswith("…")
