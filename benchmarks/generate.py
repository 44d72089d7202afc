"""Write a synthetic but realistic regulation with a known number of injected defects.

Usage: python benchmarks/generate.py --provisions N --seed S --out DIR

The folder gets regulation.yaml, actors.yaml (with a reorganisation: dissolved units without successors),
tasks.yaml, articles/ (every norm kind, cross-references) and, beside them, expected-findings.json: how
many findings of each code the injected defects must produce (nothing else may fire).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

EFFECTIVE = dt.date(2024, 1, 1)
PER_ARTICLE = 7  # the article, 4 clauses, 2 points in clause 2
INJECT = {"QC301": 97, "QC105": 131, "QC104": 151, "QC204": 173, "QC402": 199}


_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


class _NoAliases(_Dumper):  # type: ignore[misc, valid-type]
    def ignore_aliases(self, data: Any) -> bool:
        return True


def _dump(path: Path, data: Any, schema: str) -> None:
    text = yaml.dump(data, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=120)
    path.write_text(f"# yaml-language-server: $schema={schema}\n" + text, encoding="utf-8")


def generate(provisions: int, seed: int, out: Path) -> Counter[str]:
    rng = random.Random(seed)
    articles = max(2, -(-provisions // PER_ARTICLE))
    n_units = max(12, articles // 15)
    out.mkdir(parents=True, exist_ok=True)
    (out / "articles").mkdir(exist_ok=True)
    expected: Counter[str] = Counter()
    orphaned: set[str] = set()

    actors: list[dict[str, Any]] = [
        {"id": "co-quan", "name": "Bộ Tổng hợp", "kind": "body"},
        {"id": "bo-truong", "name": "Bộ trưởng", "kind": "head", "parent": "co-quan"},
    ]
    fields = [{"id": f"linh-vuc-{i}", "name": f"Lĩnh vực {i}"} for i in range(1, 5)]
    for i in range(1, 5):
        actors.append({"id": f"thu-truong-{i}", "name": f"Thứ trưởng {i}", "kind": "deputy_head",
                       "parent": "co-quan", "fields": [f"linh-vuc-{i}"]})
    units = [f"vu-{i}" for i in range(1, n_units + 1)]
    for i, u in enumerate(units, 1):
        actors += [
            {"id": u, "name": f"Vụ số {i}", "kind": "unit", "parent": "co-quan"},
            {"id": f"vu-truong-{i}", "name": f"Vụ trưởng Vụ số {i}", "kind": "unit_head", "parent": u},
            {"id": f"pho-vu-truong-{i}", "name": f"Phó Vụ trưởng Vụ số {i}", "kind": "unit_deputy", "parent": u},
        ]
    dissolved = [f"vu-cu-{i}" for i in range(1, 4)]
    for i, u in enumerate(dissolved, 1):
        actors += [
            {"id": u, "name": f"Vụ cũ số {i}", "kind": "unit", "parent": "co-quan",
             "valid_until": dt.date(2023, 6, 30)},  # no successor: a duty left with one is orphaned (QC105)
            {"id": f"vu-truong-cu-{i}", "name": f"Vụ trưởng Vụ cũ số {i}", "kind": "unit_head", "parent": u,
             "valid_until": dt.date(2023, 6, 30)},
        ]
    actors += [
        {"id": "van-phong", "name": "Văn phòng Bộ", "kind": "unit", "parent": "co-quan"},
        {"id": "chanh-van-phong", "name": "Chánh Văn phòng", "kind": "unit_head", "parent": "van-phong"},
        {"id": "pho-chanh-van-phong", "name": "Phó Chánh Văn phòng", "kind": "unit_deputy", "parent": "van-phong"},
        {"id": "van-thu", "name": "Văn thư cơ quan", "kind": "clerk", "parent": "van-phong"},
    ]
    tasks: list[dict[str, Any]] = [
        {"id": "xu-ly-van-ban-den", "name": "Xử lý văn bản đến", "topics": ["incoming-documents"],
         "needs_deadline": True, "needs_lead": False},
        {"id": "theo-doi-don-doc", "name": "Theo dõi, đôn đốc", "topics": ["follow-up"], "needs_lead": False},
        {"id": "xu-ly-tren-mang", "name": "Xử lý công việc trên môi trường mạng", "topics": ["electronic-handling"],
         "needs_lead": False},
        {"id": "ky-so", "name": "Ký số văn bản điện tử", "topics": ["digital-signature"], "needs_lead": False},
    ]
    docs = [{"id": f"loai-van-ban-{i}", "name": f"Loại văn bản {i}", "field": f"linh-vuc-{1 + i % 4}"}
            for i in range(1, 41)]
    docs.append({"id": "giay-moi-hop", "name": "Giấy mời họp"})

    def article(a: int) -> dict[str, Any]:
        ui = (a - 1) % n_units
        unit, coop1, coop2 = units[ui], units[(ui + 1) % n_units], units[(ui + 2) % n_units]
        head, deputy = f"vu-truong-{ui + 1}", f"pho-vu-truong-{ui + 1}"
        task = f"nhiem-vu-{a}"
        tasks.append({"id": task, "name": f"Nhiệm vụ số {a}", "field": f"linh-vuc-{1 + a % 4}"})
        doc = f"loai-van-ban-{1 + rng.randrange(40)}"
        deputy_head = f"thu-truong-{1 + int(doc.rsplit('-', 1)[1]) % 4}"
        ref = f"khoản 1 Điều {a - 1}" if a > 2 else "khoản 2 Điều này"
        coord: dict[str, Any] = {"lead": unit, "cooperating": [coop1, coop2], "task": task,
                                 "response_deadline": {"working_days": 5}, "silence": "agree"}
        deadline_norm = [{"deadline": {"task": task, "within": {"working_days": 10}}}]
        if a % INJECT["QC204"] == 0:
            coord.pop("response_deadline")
            deadline_norm = []
            expected["QC204"] += 1
        answer = ", trả lời trong 05 ngày làm việc" if "response_deadline" in coord else ""
        clause1 = {"clause": "1", "text": f"Vụ số {ui + 1} chủ trì nhiệm vụ số {a}; các vụ liên quan phối hợp{answer}.",
                   "norms": [{"duty": {"holder": unit, "task": task, "role": "lead", "accountable_to": head}},
                             {"coordination": coord}]}
        if a % INJECT["QC301"] == 0:
            clause1["norms"].append({"duty": {"holder": units[(ui + 3) % n_units], "task": task, "role": "lead"}})
            expected["QC301"] += 1
        if a % INJECT["QC105"] == 0:
            clause1["norms"].append({"duty": {"holder": dissolved[a % 3], "task": task, "role": "responsible"}})
            orphaned.add(dissolved[a % 3])  # one finding per ended unit (QC105 groups its provisions)
        text4 = (f"Thời hạn thực hiện là 10 ngày làm việc, theo {ref}." if deadline_norm
                 else f"Thời hạn thực hiện theo {ref}.")
        if a % INJECT["QC104"] == 0:
            text4 = text4.replace(ref, f"khoản 9 Điều {a}")
            expected["QC104"] += 1
        clause3_norms: list[dict[str, Any]] = [
            {"power": {"holder": "bo-truong", "action": "sign", "document_types": [doc]}},
            {"delegation": {"mode": "assign", "signing": "KT", "from": "bo-truong", "to": deputy_head,
                            "scope": [doc]}},
        ]
        if a % INJECT["QC402"] == 0:
            did = f"tuq-{a}"
            clause3_norms += [
                {"delegation": {"id": did, "mode": "authorize", "signing": "TUQ", "from": "bo-truong", "to": head,
                                "scope": [doc], "instrument": f"{a}/QĐ-BTH", "valid_from": dt.date(2024, 1, 1),
                                "valid_until": dt.date(2024, 12, 31)}},
                {"delegation": {"mode": "assign", "from": head, "to": deputy, "via": did,
                                "scope": [doc]}},
            ]
            expected["QC402"] += 1
        return {
            "article": str(a), "title": f"Nhiệm vụ số {a}", "chapter": "II",
            "clauses": [
                clause1,
                {"clause": "2", "text": "Chế độ báo cáo và theo dõi:", "points": [
                    {"point": "a", "text": f"Vụ số {ui + 1} báo cáo hằng tháng.",
                     "norms": [{"reporting": {"from": unit, "to": "van-phong", "task": task,
                                              "frequency": "monthly"}}]},
                    {"point": "b", "text": "Văn phòng Bộ theo dõi, đôn đốc.",
                     "norms": [{"follow_up": {"holder": "van-phong", "task": task, "targets": [unit]}}]},
                ]},
                {"clause": "3", "text": "Bộ trưởng ký văn bản; Thứ trưởng ký thay Bộ trưởng" + (
                    "; Vụ trưởng ký thừa ủy quyền Bộ trưởng." if len(clause3_norms) > 2 else "."),
                 "norms": clause3_norms},
                {"clause": "4", "text": text4, "norms": [
                    *deadline_norm, {"substitution": {"absent": head, "substitute": deputy}}]},
            ],
        }

    for a in range(2, articles + 2):
        _dump(out / "articles" / f"dieu-{a:05d}.yaml", article(a), "../../quyche_rules/schema/article.schema.json")
    general = {
        "article": "1", "title": "Quy định chung", "chapter": "I",
        "clauses": [
            {"clause": "1", "text": "Văn bản đến được xử lý trong 03 ngày làm việc, trên môi trường mạng.",
             "norms": [{"deadline": {"task": "xu-ly-van-ban-den", "within": {"working_days": 3}}},
                       {"duty": {"holder": "van-phong", "task": "xu-ly-van-ban-den"}},
                       {"duty": {"holder": "van-phong", "task": "xu-ly-tren-mang"}},
                       {"follow_up": {"holder": "chanh-van-phong", "task": "xu-ly-van-ban-den"}},
                       {"duty": {"holder": "chanh-van-phong", "task": "theo-doi-don-doc"}}]},
            {"clause": "2", "text": "Bộ trưởng ký số; khi vắng mặt, Thứ trưởng 1 điều hành.",
             "norms": [{"power": {"holder": "bo-truong", "action": "sign_digitally", "task": "ky-so"}},
                       {"duty": {"holder": "van-thu", "task": "ky-so"}},
                       {"substitution": {"absent": "bo-truong", "substitute": "thu-truong-1",
                                         "fallback": "thu-truong-2"}},
                       {"substitution": {"absent": "chanh-van-phong", "substitute": "pho-chanh-van-phong"}}]},
        ],
    }
    _dump(out / "articles" / "dieu-00001.yaml", general, "../../quyche_rules/schema/article.schema.json")
    _dump(out / "actors.yaml", {"actors": actors}, "../quyche_rules/schema/actors.schema.json")
    _dump(out / "tasks.yaml", {"fields": fields, "tasks": tasks, "document_types": docs},
          "../quyche_rules/schema/tasks.schema.json")
    _dump(out / "regulation.yaml", {
        "id": f"tong-hop-{provisions}", "number": f"{seed}/QĐ-BTH", "title": "Quy chế làm việc tổng hợp (sinh tự động)",
        "issuer": "Bộ trưởng", "body": "co-quan", "signed": EFFECTIVE, "effective": EFFECTIVE,
        "chapters": [{"chapter": "I", "title": "Quy định chung"}, {"chapter": "II", "title": "Nhiệm vụ"}],
    }, "../quyche_rules/schema/regulation.schema.json")
    if orphaned:
        expected["QC105"] = len(orphaned)
    (out / "expected-findings.json").write_text(json.dumps(dict(sorted(expected.items())), indent=2) + "\n")
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--provisions", type=int, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    expected = generate(args.provisions, args.seed, args.out)
    print(json.dumps({"out": str(args.out), "expected": expected}))


if __name__ == "__main__":
    main()
