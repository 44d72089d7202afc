"""The rule language: parsing, validation errors (what / expected / fix, with line), schema."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Any

import pytest

from quyche_rules.errors import ConfigError
from quyche_rules.lang import Check, FactContract, check_schema, load_checks, parse_checks

GOOD = """\
checks:
  - code: QC301
    name: multiple-leads
    severity: error
    status: stable
    since: "0.1.0"
    title: {vi: "Nhiều đơn vị chủ trì", en: "Multiple leads"}
    message:
      vi: "Nhiệm vụ «{t.name}» có {count} đơn vị chủ trì: {leads.holder_name}"
      en: "Task «{t.name}» has {count} leads: {leads.holder_name}"
    rationale: {vi: "Mỗi nhiệm vụ một người chủ trì.", en: "One lead per task."}
    fix: {vi: "Giữ một đơn vị chủ trì.", en: "Keep one lead."}
    legal_basis:
      - {instrument: "Nghị định 39/2022/NĐ-CP", provision: "nguyên tắc làm việc", url: "https://example.org"}
    examples: {fires: "a: 1", passes: "a: 2"}
    when:
      - bind: t
        kind: task
        where: {required: 1}
      - bind: d
        kind: duty
        where: {role: lead, holder_valid: {ne: 0}}
        join: {task: {eq: t.id}}
    unless:
      - kind: cooperation
        join: {task: {eq: t.id}, holder: {eq: d.holder}}
    count:
      bind: leads
      kind: duty
      where: {role: lead}
      join: {task: {eq: t.id}}
      op: ge
      value: 2
    report:
      provisions: [leads.provision]
      actors: [leads.holder]
      tasks: [t.id]
"""

KNOWN = {
    "task": {"id", "name", "required"},
    "duty": {"task", "role", "holder", "holder_name", "holder_valid", "provision"},
    "cooperation": {"task", "holder"},
}


def error(text: str, **kw: Any) -> ConfigError:
    with pytest.raises(ConfigError) as info:
        parse_checks(text, source="rules/checks.yaml", **kw)
    err = info.value
    assert err.file == "rules/checks.yaml"
    assert err.what.vi and err.what.en
    assert err.expected is not None and err.fix is not None, err.render("en")
    return err


def test_good_file_parses() -> None:
    (check,) = parse_checks(GOOD, source="x.yaml", known_fields=KNOWN)
    assert isinstance(check, Check)
    assert check.binds() == ("t", "d")
    assert check.when[1].where["holder_valid"].op == "ne"
    assert check.when[0].where["required"].operand == 1
    assert check.count is not None and check.count.op == "ge" and check.count.value == 2
    assert check.when[1].join_list()[0][1].ref == "t.id"
    assert check.legal_basis[0].instrument == "Nghị định 39/2022/NĐ-CP"
    assert check.severity.value == "error"


def test_load_from_path_and_pathlike(tmp_path: Path) -> None:
    file = tmp_path / "checks.yaml"
    file.write_text(GOOD, encoding="utf-8")
    assert load_checks(file, source="c.yaml")[0].code == "QC301"
    assert load_checks(str(file), source="c.yaml")[0].code == "QC301"
    assert load_checks(GOOD, source="c.yaml")[0].code == "QC301"
    with pytest.raises(ConfigError, match="Cannot read"):
        load_checks(tmp_path / "missing.yaml", source="missing.yaml")
    bad = tmp_path / "latin1.yaml"
    bad.write_bytes("checks: []\n# \xe9".encode("latin-1"))
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        load_checks(bad, source="latin1.yaml")


def test_strings_are_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Vụ Tổng hợp")
    text = GOOD.replace("role: lead, holder_valid", f'role: "{nfd}", holder_valid')
    (check,) = parse_checks(text, source="x.yaml")
    assert check.when[1].where["role"].operand == unicodedata.normalize("NFC", "Vụ Tổng hợp")


def test_yaml_syntax_error_has_line() -> None:
    err = error("checks:\n  - code: [QC301\n")
    assert err.line is not None and err.line >= 2
    assert "Invalid YAML" in err.what.en


def test_duplicate_key() -> None:
    err = error(GOOD.replace("    severity: error\n", "    severity: error\n    severity: warning\n"))
    assert "Duplicate key 'severity' (first at line 4)" in err.what.en
    assert err.line == 5
    assert err.fix is not None and "Remove or merge" in err.fix.en


def test_aliases_and_merge_keys_refused() -> None:
    err = error(
        GOOD.replace(
            'title: {vi: "Nhiều đơn vị chủ trì", en: "Multiple leads"}', "title: &t {vi: a, en: b}"
        ).replace(
            'rationale: {vi: "Mỗi nhiệm vụ một người chủ trì.", en: "One lead per task."}', "rationale: *t"
        )
    )
    assert "aliases" in err.what.en
    err = error("checks:\n  - <<: {code: QC301}\n")
    assert "merge keys" in err.what.en


def test_not_a_mapping() -> None:
    assert "mapping" in error("- a\n- b\n").what.en
    assert "mapping" in error("").what.en


def test_misspelt_key_did_you_mean() -> None:
    err = error(GOOD.replace("        where: {required: 1}", "        whre: {required: 1}"))
    assert "Unknown key 'whre'; did you mean 'where'?" in err.what.en
    assert err.fix is not None and "Rename the key to 'where'" in err.fix.en
    assert err.line == 19
    err = error(GOOD.replace("    severity: error", "    severty: error"))
    assert err.fix is not None and "'severity'" in err.fix.en


def test_missing_key() -> None:
    text = GOOD.replace('    title: {vi: "Nhiều đơn vị chủ trì", en: "Multiple leads"}\n', "")
    err = error(text)
    assert "Missing required key 'title'" in err.what.en
    assert err.line == 2


def test_bad_enum_did_you_mean() -> None:
    err = error(GOOD.replace("severity: error", "severity: eror"))
    assert "eror" in err.what.en and err.line == 4
    assert err.fix is not None and "Did you mean 'error'?" in err.fix.en
    err = error(GOOD.replace("      op: ge", "      op: gte"))
    assert "gte" in err.what.en


@pytest.mark.parametrize(
    ("old", "new", "words", "expected"),
    [
        ("code: QC301", "code: QC31", "is not a check code", "QC followed by three digits"),
        ("name: multiple-leads", "name: Multiple_Leads", "kebab-case", "lowercase words"),
        (
            "join: {task: {eq: t.id}}\n    unless",
            "join: {task: {eq: x.id}}\n    unless",
            "Unknown bind «x»",
            "one of",
        ),
        (
            "join: {task: {eq: t.id}}\n    unless",
            "join: {task: {eq: d.task}}\n    unless",
            "refers to itself",
            "earlier",
        ),
        (
            "join: {task: {eq: t.id}}\n    unless",
            "join: {task: {eq: t_id}}\n    unless",
            "is not a <bind>.<field>",
            "t.id",
        ),
        ("      - bind: d", "      - bind: t", "Duplicate bind name «t»", "own bind name"),
        ("    bind: leads", "    bind: count", "cannot be a bind name", "not «count»"),
        ("holder_valid: {ne: 0}", 'holder_valid: {lt: "5"}', "compares integers only", "an integer"),
        ("provisions: [leads.provision]", "provisions: [lead.provision]", "Unknown bind «lead»", "one of"),
        ("{count} đơn vị", "{cnt} đơn vị", "Malformed placeholder", "{count} or {bind.field}"),
        ("{t.name}» has", "{x.name}» has", "unknown bind «x»", "one of"),
        ("holder_valid: {ne: 0}", "holder_valid: true", "true/false", "schema"),
        ("holder_valid: {ne: 0}", "holder_valid: {ne: 0, lt: 3}", "exactly one operator", "schema"),
        ("holder_valid: {ne: 0}", "holder_valid: [1, 2]", "a list is not a filter", "schema"),
        ("holder_valid: {ne: 0}", "holder_valid: 1.5", "Invalid value", "schema"),
    ],
)
def test_validation_errors(old: str, new: str, words: str, expected: str) -> None:
    assert old in GOOD
    err = error(GOOD.replace(old, new, 1))
    assert words in err.what.en, err.render("en")
    assert err.expected is not None and expected in err.expected.en, err.render("en")
    assert err.line is not None


def test_join_to_later_pattern() -> None:
    text = GOOD.replace(
        "        where: {required: 1}\n", "        where: {required: 1}\n        join: {id: {eq: d.task}}\n"
    )
    err = error(text)
    assert "which comes later" in err.what.en
    assert err.fix is not None and "reorder" in err.fix.en
    assert err.line == 20


def test_did_you_mean_for_binds() -> None:
    text = GOOD.replace("      - bind: t\n", "      - bind: task\n").replace("t.id", "tsk.id")
    err = error(text)
    assert err.fix is not None and "Did you mean «task»?" in err.fix.en


def test_count_placeholder_needs_count() -> None:
    text = GOOD[: GOOD.index("    count:")].replace("{leads.holder_name}", "{d.holder_name}")
    err = error(text)
    assert "{count}" in err.what.en and "no count" in err.what.en


def test_known_fields() -> None:
    err = error(GOOD.replace("role: lead, holder_valid", "rol: lead, holder_valid"), known_fields=KNOWN)
    assert "no field «rol»" in err.what.en
    assert err.fix is not None and "Did you mean «role»?" in err.fix.en
    err = error(GOOD.replace("kind: cooperation", "kind: cooperations"), known_fields=KNOWN)
    assert "Unknown fact kind «cooperations»" in err.what.en
    assert err.fix is not None and "«cooperation»" in err.fix.en
    err = error(GOOD.replace("{t.name}» có", "{t.nam}» có"), known_fields=KNOWN)
    assert "no field «nam»" in err.what.en


CONTRACT = FactContract(
    fields={kind: frozenset(fields) for kind, fields in KNOWN.items()},
    display={"duty": frozenset({"role_words"})},
    derived={"cooperation": "a rule that makes cooperations", "duty.holder_valid": "a rule about validity"},
)


def _declaring(relies_on: str) -> str:
    return GOOD.replace('    since: "0.1.0"\n', f'    since: "0.1.0"\n    relies_on: {relies_on}\n')


def test_relies_on_names_exactly_the_derived_kinds_and_fields_used() -> None:
    declared = _declaring("[cooperation, duty.holder_valid]")
    (check,) = parse_checks(declared, source="x.yaml", known_fields=CONTRACT)
    assert check.relies_on == ("cooperation", "duty.holder_valid")
    err = error(GOOD, known_fields=CONTRACT)  # nothing declared
    assert "uses «cooperation», derived by a rule: a rule that makes cooperations" in err.what.en
    assert "(and 1 more)" in err.what.en and err.fix is not None and "add «cooperation» to relies_on" in err.fix.en
    err = error(declared.replace("[cooperation, duty.holder_valid]", "[cooperation, duty.holder_valid, duty.role]"),
                known_fields=CONTRACT)
    assert "«duty.role» is not a derived fact kind or field" in err.what.en
    unused = declared.replace("holder_valid: {ne: 0}", "holder: {ne: x}")
    err = error(unused, known_fields=CONTRACT)
    assert "relies_on names «duty.holder_valid», which the check does not use" in err.what.en


def test_display_fields_may_be_shown_but_not_tested() -> None:
    declared = _declaring("[cooperation, duty.holder_valid]")
    shown = declared.replace("{leads.holder_name}", "{leads.role_words}")
    assert parse_checks(shown, source="x.yaml", known_fields=CONTRACT)
    err = error(declared.replace("where: {role: lead}", "where: {role_words: lead}"), known_fields=CONTRACT)
    assert "«duty.role_words» is wording for messages; no pattern may test it" in err.what.en


def test_duplicate_codes_in_one_file() -> None:
    body = GOOD[len("checks:\n") :]
    err = error("checks:\n" + body + body.replace("name: multiple-leads", "name: other"))
    assert "already used by check #1" in err.what.en


def test_several_errors_reports_first_and_count() -> None:
    err = error(GOOD.replace("code: QC301", "code: Q1").replace("name: multiple-leads", "name: X"))
    assert "Q1" in err.what.en and "(and 1 more)" in err.what.en
    assert err.line == 2


def test_render_mentions_file_line_expected_fix() -> None:
    text = error(GOOD.replace("code: QC301", "code: QC31")).render("vi")
    assert text.startswith("rules/checks.yaml:2:")
    assert "cần:" in text and "cách sửa:" in text


def test_check_schema_has_descriptions_everywhere() -> None:
    schema = check_schema()
    assert schema["$schema"].startswith("https://json-schema.org/")
    defs = schema["$defs"]
    assert {"Check", "Pattern", "Unless", "CountSpec", "WhereOp", "JoinOp", "Report"} <= set(defs)
    missing = [
        f"{name}.{prop}"
        for name, model in defs.items()
        if name != "Text"  # quyche_rules.i18n.Text is shared; its uses carry descriptions
        for prop, spec in model.get("properties", {}).items()
        if "description" not in spec
    ]
    assert missing == []
    where_op = defs["WhereOp"]["properties"]
    assert "in" in where_op and "in_" not in where_op


def test_schema_validates_the_example() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    import yaml

    jsonschema.validate(yaml.safe_load(GOOD), check_schema())
