"""A corpus of malformed seeds: each gives exactly its problems, and nothing is accepted.

Each case lists the whole problem list the validator must give (file, record, field and
message), so a missing problem, an extra one, or problems cascading from one cause all fail.
The seed is read once per case.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.graph_loader.problems import SeedError
from chainkg.graph_loader.seed_io import SEED_FILES, read_seed
from chainkg.graph_loader.validate import check_seed, load_valid_seed
from tests.test_subgroups import FIXTURE

Data = Any


_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _load(path: Path) -> Data:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)


def _dump(path: Path, data: Data) -> None:
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False)
    path.write_text(text, encoding="utf-8")


def _record(data: list[dict[str, Any]], rid: str) -> dict[str, Any]:
    return next(r for r in data if r["id"] == rid)


def edit(file: str, change: Callable[[Data], Data | None]) -> Callable[[Path], None]:
    """Return a mutation that edits the parsed YAML of ``file``."""

    def mutate(seed: Path) -> None:
        data = _load(seed / file)
        result = change(data)
        _dump(seed / file, data if result is None else result)

    return mutate


def write(file: str, content: bytes) -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        (seed / file).write_bytes(content)

    return mutate


def both(*mutations: Callable[[Path], None]) -> Callable[[Path], None]:
    """Return a mutation that applies each of ``mutations`` in turn."""

    def mutate(seed: Path) -> None:
        for mutation in mutations:
            mutation(seed)

    return mutate


def replace(file: str, old: str, new: str) -> Callable[[Path], None]:
    """Return a mutation that replaces the one occurrence of ``old`` in ``file``."""

    def mutate(seed: Path) -> None:
        text = (seed / file).read_text(encoding="utf-8")
        assert text.count(old) == 1, old
        (seed / file).write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def reencode(file: str, encoding: str, bom: bytes = b"") -> Callable[[Path], None]:
    def mutate(seed: Path) -> None:
        text = (seed / file).read_text(encoding="utf-8")
        (seed / file).write_bytes(bom + text.encode(encoding))

    return mutate


def _set(rid: str, field: str, value: Any) -> Callable[[Data], None]:
    return lambda d: _record(d, rid).__setitem__(field, value)


def _delete(rid: str, field: str) -> Callable[[Data], None]:
    def change(data: Data) -> None:
        del _record(data, rid)[field]

    return change


def _carry(rid: str, **link: Any) -> Callable[[Data], None]:
    return lambda d: _record(d, rid).setdefault("carries", []).append(link)


def _covers(rid: str, **fields: Any) -> Callable[[Data], None]:
    return lambda d: _record(d, rid)["carries"][0]["covers"].update(fields)


PARK = "park.taixing_edz"
PV_EVIDENCE = "做大太阳能电池和组件规模"
LONG_TEXT = (
    "建设高水平创新载体，嫁接省产研院创新网络，"
    "力争每个市（区）都有一批与产业链高度关联的重点科创平台和中试基地。"
)
FORTY = "建设高水平创新载体，嫁接省产研院创新网络，建设一批与产业链高度关联的科创平台等。"
"""Exactly 40 characters: as long as a quote is shown whole."""
MECHANISM = "构建“一名市领导挂钩、一个部门牵头、一张图谱指引、一套方案实施、一个专班服务”工作机制"

# Removing chain #17 (精细化工): its annex row has no record, and whatever named it dangles.
MISSING_ROW_17 = [
    (
        "chain_relations.yaml [rel.new_chemical_materials_downstream_fine_chemicals] to: "
        "unknown id 'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    "chains.yaml [附件#17] rank: annex row #17 精细化工 has no chain record",
    (
        "parks.yaml [park.chemical_materials_park] carries[0].covers.chains[0]: unknown "
        "id 'chain.fine_chemicals'"
    ),
    (
        "parks.yaml [park.taixing_edz] carries[0].covers.chains[0]: unknown id "
        "'chain.fine_chemicals'"
    ),
    (
        "technologies.yaml [tech.chlor_alkali] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.daily_chemicals] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.dedicated_chemicals] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.functional_chemicals] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.high_end_fine_chemicals] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.medical_chemicals] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.olefins] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "technologies.yaml [tech.specialty_chemicals] named_by[0].to: unknown id "
        "'chain.fine_chemicals'; did you mean 'chain.petrochemicals'?"
    ),
    (
        "tiers.yaml [tier.emerging] chain_count: the text gives 12 chains but 11 chains "
        "are in this tier"
    ),
]

# (case id, mutation, every problem the validator must report: "file [record] field: message")
CASES: list[tuple[str, Callable[[Path], None], list[str]]] = [
    (
        "unknown-field",
        edit("chains.yaml", _set("chain.pv", "colour", "red")),
        [
            "chains.yaml [chain.pv] colour: unknown field",
        ],
    ),
    (
        "missing-field",
        edit("chains.yaml", _delete("chain.pv", "name_en")),
        [
            "chains.yaml [chain.pv] name_en: required field is missing",
        ],
    ),
    (
        "wrong-type-rank",
        edit("chains.yaml", _set("chain.pv", "rank", "twenty-two")),
        [
            (
                "chains.yaml [chain.pv] rank: Input should be a valid integer, unable to parse "
                "string as an integer (got 'twenty-two')"
            ),
        ],
    ),
    (
        "non-numeric-figure",
        edit("chains.yaml", _set("chain.pv", "target_2027", "三百五十二")),
        [
            "chains.yaml [chain.pv] target_2027: Value error, must be a number, got '三百五十二'",
        ],
    ),
    (
        "numeric-string-figure",
        edit("chains.yaml", _set("chain.pv", "revenue_2024", "304")),
        [
            "chains.yaml [chain.pv] revenue_2024: Value error, must be a number, got '304'",
        ],
    ),
    (
        "negative-figure",
        edit("chains.yaml", _set("chain.pv", "target_2030", -407)),
        [
            "chains.yaml [chain.pv] target_2030: Value error, must not be negative, got -407",
        ],
    ),
    (
        "figure-differs-from-annex",
        edit("chains.yaml", _set("chain.pv", "target_2027", 353)),
        [
            "chains.yaml [chain.pv] target_2027: is 353 but annex row #22 prints 352",
        ],
    ),
    (
        "sum-differs-from-total",
        replace("source/plan.txt", "\t合计\n\t6113\n\t7452\n", "\t合计\n\t6113\n\t7450\n"),
        [
            (
                "chains.yaml [合计] target_2027: the chains add up to 7452 but the annex 合计 row "
                "prints 7450"
            ),
            (
                "plan.yaml [plan.taizhou_chains] annex_total_2027: is 7452 but the annex 合计 row "
                "prints 7450"
            ),
        ],
    ),
    (
        "missing-annex-row",
        edit("chains.yaml", lambda d: [r for r in d if r["rank"] != 17]),
        MISSING_ROW_17,
    ),
    (
        "duplicate-rank",
        edit("chains.yaml", _set("chain.hydrogen", "rank", 22)),
        [
            "chains.yaml [chain.hydrogen] rank: rank 22 is used by 2 chains",
            "chains.yaml [chain.pv] rank: rank 22 is used by 2 chains",
            "chains.yaml [附件#30] rank: annex row #30 氢能 has no chain record",
        ],
    ),
    (
        "directions-edited",
        edit("chains.yaml", _set("chain.pv", "directions", PV_EVIDENCE)),
        [
            "chains.yaml [chain.pv] directions: differs from annex row #22",
        ],
    ),
    (
        "plan-total-differs",
        edit("plan.yaml", lambda d: d.__setitem__("annex_total_2030", 9030)),
        [
            (
                "plan.yaml [plan.taizhou_chains] annex_total_2030: is 9030 but the annex 合计 row "
                "prints 9031"
            ),
        ],
    ),
    (
        "duplicate-id",
        edit("parks.yaml", lambda d: d.append(dict(d[0]))),
        [
            "parks.yaml [park.pharma_hitech_zone] id: duplicate id (also in parks.yaml)",
        ],
    ),
    (
        "dangling-reference",
        edit("parks.yaml", _carry(PARK, to="chain.pvv", role="核心")),
        [
            (
                "parks.yaml [park.taixing_edz] carries[1].to: unknown id 'chain.pvv'; did you "
                "mean 'chain.pv'?"
            ),
        ],
    ),
    (
        "wrong-target-kind",
        edit("parks.yaml", _carry(PARK, to="dept.ndrc", role="核心")),
        [
            (
                "parks.yaml [park.taixing_edz] carries[1].to: 'dept.ndrc' is a Department; "
                "expected Chain or Group"
            ),
        ],
    ),
    (
        "unknown-role",
        edit("parks.yaml", _carry(PARK, to="chain.pv", role="主导")),
        [
            (
                "parks.yaml [park.taixing_edz] -: Value error, carries[1].role '主导' is not one "
                "of 核心, 支撑, 两翼, 支点, 载体, 主要载体, 依托, 先导区"
            ),
        ],
    ),
    (
        "missing-role",
        edit("parks.yaml", _carry(PARK, to="chain.pv")),
        [
            "parks.yaml [park.taixing_edz] carries[1].role: required field is missing",
        ],
    ),
    (
        "duplicate-relationship",
        edit(
            "parks.yaml",
            lambda d: _record(d, PARK)["carries"].append(dict(_record(d, PARK)["carries"][0])),
        ),
        [
            (
                "parks.yaml [park.taixing_edz] carries[1]: duplicate relationship "
                "park.taixing_edz|CARRIES|group.new_materials"
            ),
        ],
    ),
    (
        "evidence-not-in-plan",
        edit("chains.yaml", _set("chain.pv", "evidence", "光伏产业天下第一")),
        [
            (
                "chains.yaml [chain.pv] evidence: evidence not found verbatim in the plan text: "
                "'光伏产业天下第一'"
            ),
        ],
    ),
    (
        "link-evidence-not-in-plan",
        edit(
            "parks.yaml",
            _carry(PARK, to="chain.pv", role="核心", source="二(三)", evidence="泰兴光伏基地"),
        ),
        [
            (
                "parks.yaml [park.taixing_edz] carries[1].evidence: evidence not found verbatim "
                "in the plan text: '泰兴光伏基地'"
            ),
        ],
    ),
    (
        "evidence-across-lines",
        edit("chains.yaml", _set("chain.pv", "evidence", "钙钛矿电池等领域，\n延伸发展")),
        [
            (
                "chains.yaml [chain.pv] evidence: evidence not found verbatim in the plan text: "
                "'钙钛矿电池等领域，\\n延伸发展' (it spans a line break)"
            ),
        ],
    ),
    (
        "evidence-wrong-section",
        edit("chains.yaml", _set("chain.pv", "source", "附件#30")),
        [
            (
                "chains.yaml [chain.pv] directions: quote "
                "'做大太阳能电池和组件规模，重点发展TOPCon…' is not in section 附件#30 (it is in "
                "附件#22)"
            ),
            (
                "chains.yaml [chain.pv] evidence: quote '光伏' is not in section 附件#30 (it is "
                "in 一(二), 二(三), 附件#22)"
            ),
        ],
    ),
    (
        "unknown-section",
        edit("chains.yaml", _set("chain.pv", "source", "二(九)")),
        [
            (
                "chains.yaml [chain.pv] source: unknown section '二(九)'; expected e.g. 二(三), "
                "三(一), 附件#22"
            ),
        ],
    ),
    (
        "bad-id-prefix",
        edit("parks.yaml", _set(PARK, "id", "chain.taixing")),
        [
            "parks.yaml [chain.taixing] -: Value error, id 'chain.taixing' must start with 'park.'",
        ],
    ),
    (
        "bad-id-pattern",
        edit("parks.yaml", _set(PARK, "id", "park.Taixing ETDZ")),
        [
            (
                "parks.yaml [park.Taixing ETDZ] id: String should match pattern "
                "'^[a-z]+\\.[a-z0-9_]+$' (got 'park.Taixing ETDZ')"
            ),
        ],
    ),
    (
        "bad-literal",
        edit("parks.yaml", _set(PARK, "type", "工业园")),
        [
            (
                "parks.yaml [park.taixing_edz] type: Input should be '开发区', '高新区', "
                "'产业园', '板块', '基地', '沿江地区', '示范区' or '园区群' (got '工业园')"
            ),
        ],
    ),
    (
        "tier-count-differs",
        edit("tiers.yaml", _set("tier.future", "chain_count", 5)),
        [
            (
                "tiers.yaml [tier.future] chain_count: the text gives 5 chains but 7 chains are "
                "in this tier"
            ),
        ],
    ),
    (
        "relation-to-unknown-chain",
        edit("chain_relations.yaml", lambda d: d[0].__setitem__("to", "chain.nowhere")),
        [
            (
                "chain_relations.yaml [rel.energy_storage_builds_on_lithium_battery] to: unknown "
                "id 'chain.nowhere'; did you mean 'chain.nev'?"
            ),
        ],
    ),
    (
        "record-not-a-mapping",
        edit("districts.yaml", lambda d: d.append("district.extra")),
        [
            "districts.yaml [#7] -: record must be a mapping of fields",
        ],
    ),
    (
        "file-not-a-list",
        edit("districts.yaml", lambda d: {"districts": d}),
        [
            "districts.yaml [-] -: expected a list of records, got dict",
        ],
    ),
    (
        "empty-file",
        write("districts.yaml", b""),
        [
            "districts.yaml [-] -: file is empty; expected a list of records",
        ],
    ),
    (
        "yaml-syntax",
        write("districts.yaml", b"- id: district.x\n  name: [unclosed\n"),
        [
            (
                "districts.yaml [-] -: YAML syntax error at line 3, column 1: did not find "
                "expected ',' or ']'"
            ),
        ],
    ),
    (
        "yaml-duplicate-key",
        write("districts.yaml", "- id: district.x\n  name: 甲\n  name: 乙\n".encode()),
        [
            "districts.yaml [-] -: YAML syntax error at line 3, column 3: duplicate key 'name'",
        ],
    ),
    (
        "utf16-file",
        reencode("districts.yaml", "utf-16"),
        [
            (
                "districts.yaml [-] -: file is UTF-16 encoded (it starts with a UTF-16 BOM); save "
                "it as UTF-8"
            ),
        ],
    ),
    (
        "undecodable-bytes",
        write("districts.yaml", b"- id: district.x\n  name: \xff\xfe\xff\n"),
        [
            (
                "districts.yaml [-] -: file is not valid UTF-8 (nor GBK): byte 0xff at offset 25, "
                "line 2; save it as UTF-8"
            ),
        ],
    ),
    (
        "missing-file",
        lambda s: (s / "parks.yaml").unlink(),
        [
            "parks.yaml [-] -: file is missing",
        ],
    ),
    (
        "layout-without-covers",
        edit("parks.yaml", lambda d: _record(d, PARK)["carries"][0].pop("covers") and None),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers: a park's layout of a group "
                "needs covers: the chains its sentence reaches (or all), with evidence and an "
                "assumption"
            ),
        ],
    ),
    (
        "covers-chain-of-another-group",
        edit("parks.yaml", _covers(PARK, chains=["chain.fine_chemicals", "chain.pv"])),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.chains[1]: 'chain.pv' is not a "
                "chain of 'group.new_materials'"
            ),
        ],
    ),
    (
        "covers-not-a-chain",
        edit("parks.yaml", _covers(PARK, chains=["park.jingjiang_edz"])),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.chains[0]: 'park.jingjiang_edz' "
                "is a Park; expected Chain"
            ),
        ],
    ),
    (
        "covers-unknown-chain",
        edit("parks.yaml", _covers(PARK, chains=["chain.fine_chemical"])),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.chains[0]: unknown id "
                "'chain.fine_chemical'"
            ),
        ],
    ),
    (
        "covers-listed-twice",
        edit("parks.yaml", _covers(PARK, chains=["chain.petrochemicals", "chain.petrochemicals"])),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.chains[1]: "
                "'chain.petrochemicals' is listed twice"
            ),
        ],
    ),
    (
        "covers-empty",
        edit("parks.yaml", _covers(PARK, chains=[])),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.chains: Value error, list the "
                "chain ids the layout covers, or write all"
            ),
        ],
    ),
    (
        "covers-without-assumption",
        edit(
            "parks.yaml",
            lambda d: _record(d, PARK)["carries"][0]["covers"].pop("assumption") and None,
        ),
        [
            "parks.yaml [park.taixing_edz] carries[0].covers.assumption: required field is missing",
        ],
    ),
    (
        "covers-evidence-not-in-section",
        edit("parks.yaml", _covers(PARK, evidence="依托沿江地区")),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.evidence: quote '依托沿江地区' "
                "is not in section 二(三) (it is in 二(二))"
            ),
        ],
    ),
    (
        "covers-on-a-chain-link",
        edit(
            "parks.yaml",
            lambda d: _record(d, "park.xinghua_hitech_zone")["carries"][0].__setitem__(
                "covers", {"chains": "all", "evidence": "重点发展", "assumption": "x"}
            ),
        ),
        [
            (
                "parks.yaml [park.xinghua_hitech_zone] carries[0].covers: covers is only for a "
                "park's carries link to a group"
            ),
        ],
    ),
    (
        "also-lists-own-chain",
        edit(
            "groups.yaml",
            lambda d: _record(d, "group.smart_manufacturing")["also_lists"].append("chain.nev"),
        ),
        [
            (
                "groups.yaml [group.smart_manufacturing] also_lists[1].to: 'chain.nev' is a chain "
                "of this group already"
            ),
        ],
    ),
    (
        "plan-goal-not-verbatim",
        edit("plan.yaml", lambda d: d.__setitem__("goal", "打造长三角先进制造业基地")),
        [
            (
                "plan.yaml [plan.taizhou_chains] goal: evidence not found verbatim in the plan "
                "text: '打造长三角先进制造业基地'"
            ),
        ],
    ),
    (
        "plan-system-wrong-section",
        edit("plan.yaml", lambda d: d.__setitem__("system_source", "二(一)")),
        [
            (
                "plan.yaml [plan.taizhou_chains] system: quote '“大海新晨”产业体系' is not in "
                "section 二(一) (it is in 一(一), 四(一))"
            ),
        ],
    ),
    (
        "measure-text-not-verbatim",
        edit(
            "measures.yaml",
            _set("measure.innovation_2", "text", "每年实施重大技术攻关项目20个以上。"),
        ),
        [
            (
                "measures.yaml [measure.innovation_2] text: evidence not found verbatim in the "
                "plan text: '每年实施重大技术攻关项目20个以上。'"
            ),
        ],
    ),
    (
        "safeguard-text-not-verbatim",
        edit("safeguards.yaml", _set("safeguard.organization", "text", "实施市领导挂钩联系制度。")),
        [
            (
                "safeguards.yaml [safeguard.organization] text: evidence not found verbatim in "
                "the plan text: '实施市领导挂钩联系制度。'"
            ),
        ],
    ),
    (
        "safeguard-text-wrong-section",
        edit("safeguards.yaml", _set("safeguard.policy", "text", MECHANISM)),
        [
            (
                "safeguards.yaml [safeguard.policy] text: quote "
                "'构建“一名市领导挂钩、一个部门牵头、一张图谱指…' is not in section 四(二) (it is "
                "in 四(一))"
            ),
        ],
    ),
    (
        "positioning-not-verbatim",
        edit(
            "groups.yaml",
            _set("group.biomedicine", "positioning", ["国家战略性新兴产业集群", "中国药都"]),
        ),
        [
            (
                "groups.yaml [group.biomedicine] positioning[1]: evidence not found verbatim in "
                "the plan text: '中国药都'"
            ),
        ],
    ),
    (
        "directions-not-verbatim",
        edit("chains.yaml", _set("chain.pv", "directions", "做大光伏组件规模")),
        [
            "chains.yaml [chain.pv] directions: differs from annex row #22",
            (
                "chains.yaml [chain.pv] directions: evidence not found verbatim in the plan text: "
                "'做大光伏组件规模'"
            ),
        ],
    ),
    (
        "covers-evidence-not-in-plan",
        edit("parks.yaml", _covers(PARK, evidence="泰兴经济开发区全面发展化工")),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.evidence: evidence not found "
                "verbatim in the plan text: '泰兴经济开发区全面发展化工'"
            ),
        ],
    ),
    (
        "relation-evidence-not-verbatim",
        edit("chain_relations.yaml", lambda d: d[0].__setitem__("evidence", "锂电支撑储能")),
        [
            (
                "chain_relations.yaml [rel.energy_storage_builds_on_lithium_battery] evidence: "
                "evidence not found verbatim in the plan text: '锂电支撑储能'"
            ),
        ],
    ),
    (
        "link-source-unknown-section",
        edit(
            "parks.yaml", lambda d: _record(d, PARK)["carries"][0].__setitem__("source", "二(十)")
        ),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].source: unknown section '二(十)'; "
                "expected e.g. 二(三), 三(一), 附件#22"
            ),
        ],
    ),
    (
        "name-not-annex-name",
        edit("chains.yaml", _set("chain.pv", "name", "光伏发电")),
        [
            "chains.yaml [chain.pv] name: '光伏发电' is not the annex name '光伏' (nor an alias)",
        ],
    ),
    (
        "two-plan-records",
        edit("plan.yaml", lambda d: [d, {**d, "id": "plan.other"}]),
        [
            "plan.yaml [-] -: expected one plan record, got 2",
        ],
    ),
    (
        "relation-listed-twice",
        edit("chain_relations.yaml", lambda d: d.append({**d[0], "id": "rel.copy"})),
        [
            (
                "chain_relations.yaml [rel.copy] to: duplicate relationship "
                "chain.energy_storage|RELATES_TO|chain.lithium_battery"
            ),
        ],
    ),
    (
        "relation-from-unknown-chain",
        edit("chain_relations.yaml", lambda d: d[0].__setitem__("from", "chain.nowhere")),
        [
            (
                "chain_relations.yaml [rel.energy_storage_builds_on_lithium_battery] from: "
                "unknown id 'chain.nowhere'; did you mean 'chain.nev'?"
            ),
        ],
    ),
    (
        "link-source-without-its-quote",
        edit(
            "parks.yaml",
            lambda d: _record(d, PARK)["carries"][0].update(source="二(一)", evidence=None),
        ),
        [
            (
                "parks.yaml [park.taixing_edz] carries[0].covers.evidence: quote "
                "'重点发展高端精细化学品、高端润滑油和特种白油产…' is not in section 二(一) (it "
                "is in 二(三))"
            ),
            (
                "parks.yaml [park.taixing_edz] carries[0].evidence: quote "
                "'新材料，以泰兴经济开发区为核心' is not in section 二(一) (it is in 二(三))"
            ),
        ],
    ),
    (
        "long-text-not-verbatim",
        edit("measures.yaml", _set("measure.innovation_1", "text", LONG_TEXT)),
        [
            (
                "measures.yaml [measure.innovation_1] text: evidence not found verbatim in the "
                "plan text: '建设高水平创新载体，嫁接省产研院创新网络，力争每个市（区）都有一批与"
                "产业链高度…'"
            ),
        ],
    ),
    (
        "link-evidence-without-source-not-in-plan",
        edit("parks.yaml", _carry(PARK, to="chain.pv", role="核心", evidence="泰兴光伏基地")),
        [
            (
                "parks.yaml [park.taixing_edz] carries[1].evidence: evidence not found verbatim "
                "in the plan text: '泰兴光伏基地'"
            ),
        ],
    ),
    (
        "duplicate-id-before-other-problems",
        both(
            edit("parks.yaml", lambda d: d.insert(1, dict(d[0]))),
            edit("parks.yaml", _carry(PARK, to="chain.pvv", role="核心")),
        ),
        [
            "parks.yaml [park.pharma_hitech_zone] id: duplicate id (also in parks.yaml)",
            (
                "parks.yaml [park.taixing_edz] carries[1].to: unknown id 'chain.pvv'; did you "
                "mean 'chain.pv'?"
            ),
        ],
    ),
    (
        "directions-of-another-chain",
        edit(
            "chains.yaml",
            lambda d: _record(d, "chain.pv").__setitem__(
                "directions", _record(d, "chain.chemical_drugs")["directions"]
            ),
        ),
        [
            "chains.yaml [chain.pv] directions: differs from annex row #22",
            (
                "chains.yaml [chain.pv] directions: quote "
                "'围绕呼吸道疾病、精神类疾病、心脑血管疾病、抗肿…' is not in section 附件#22 (it "
                "is in 附件#1)"
            ),
        ],
    ),
    (
        "problems-in-two-files",
        both(
            edit("actions.yaml", _set("action.innovation", "colour", "red")),
            edit("chains.yaml", _set("chain.pv", "target_2027", 353)),
        ),
        [
            "actions.yaml [action.innovation] colour: unknown field",
            "chains.yaml [chain.pv] target_2027: is 353 but annex row #22 prints 352",
        ],
    ),
    (
        "quote-of-forty-characters",
        edit("measures.yaml", _set("measure.innovation_1", "text", FORTY)),
        [
            (
                "measures.yaml [measure.innovation_1] text: evidence not found verbatim in the "
                "plan text: '建设高水平创新载体，嫁接省产研院创新网络，建设一批与产业链高度关联的"
                "科创平台等。'"
            ),
        ],
    ),
    (
        "relationship-listed-three-times",
        edit(
            "parks.yaml",
            lambda d: _record(d, PARK)["carries"].extend(
                [dict(_record(d, PARK)["carries"][0])] * 2
            ),
        ),
        [
            (
                "parks.yaml [park.taixing_edz] carries[1]: duplicate relationship "
                "park.taixing_edz|CARRIES|group.new_materials"
            ),
        ],
    ),
    (
        "relation-listed-three-times",
        edit(
            "chain_relations.yaml",
            lambda d: d.extend([{**d[0], "id": "rel.copy"}, {**d[0], "id": "rel.copy_two"}]),
        ),
        [
            (
                "chain_relations.yaml [rel.copy] to: duplicate relationship "
                "chain.energy_storage|RELATES_TO|chain.lithium_battery"
            ),
        ],
    ),
    (
        "missing-annex-row-and-a-later-figure",
        both(
            edit("chains.yaml", lambda d: [r for r in d if r["rank"] != 17]),
            edit("chains.yaml", _set("chain.pv", "target_2027", 351)),
        ),
        sorted(
            [
                *MISSING_ROW_17,
                "chains.yaml [chain.pv] target_2027: is 351 but annex row #22 prints 352",
            ]
        ),
    ),
    (
        "figure-below-annex",
        edit("chains.yaml", _set("chain.pv", "revenue_2024", 303.5)),
        [
            "chains.yaml [chain.pv] revenue_2024: is 303.5 but annex row #22 prints 304",
        ],
    ),
    (
        "name-before-annex-name",
        edit("chains.yaml", _set("chain.pv", "name", "先进光伏")),
        [
            "chains.yaml [chain.pv] name: '先进光伏' is not the annex name '光伏' (nor an alias)",
        ],
    ),
    (
        "sum-below-total",
        replace("source/plan.txt", "\t合计\n\t6113\n\t7452\n", "\t合计\n\t6113\n\t7460\n"),
        [
            (
                "chains.yaml [合计] target_2027: the chains add up to 7452 but the annex 合计 row "
                "prints 7460"
            ),
            (
                "plan.yaml [plan.taizhou_chains] annex_total_2027: is 7452 but the annex 合计 row "
                "prints 7460"
            ),
        ],
    ),
    (
        "no-plan-record",
        write("plan.yaml", b"[]\n"),
        [
            "actions.yaml [action.ecosystem] plan.to: unknown id 'plan.taizhou_chains'",
            "actions.yaml [action.enterprises] plan.to: unknown id 'plan.taizhou_chains'",
            "actions.yaml [action.innovation] plan.to: unknown id 'plan.taizhou_chains'",
            "actions.yaml [action.integration] plan.to: unknown id 'plan.taizhou_chains'",
            "actions.yaml [action.projects] plan.to: unknown id 'plan.taizhou_chains'",
            (
                "indicators.yaml [ind.digital_economy_share_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            (
                "indicators.yaml [ind.emerging_industry_share_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            (
                "indicators.yaml [ind.energy_intensity_reduction_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            (
                "indicators.yaml [ind.green_manufacturing_demos_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            (
                "indicators.yaml [ind.industry_revenue_2030] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            (
                "indicators.yaml [ind.invention_patents_per_10k_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            "indicators.yaml [ind.rd_intensity_2027] scope.to: unknown id 'plan.taizhou_chains'",
            "indicators.yaml [ind.revenue_2027] scope.to: unknown id 'plan.taizhou_chains'",
            "indicators.yaml [ind.revenue_2030] scope.to: unknown id 'plan.taizhou_chains'",
            (
                "indicators.yaml [ind.share_of_industry_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            (
                "indicators.yaml [ind.specialized_smes_2027] scope.to: unknown id "
                "'plan.taizhou_chains'"
            ),
            "plan.yaml [-] -: expected one plan record, got 0",
            "safeguards.yaml [safeguard.factors] plan.to: unknown id 'plan.taizhou_chains'",
            "safeguards.yaml [safeguard.finance] plan.to: unknown id 'plan.taizhou_chains'",
            "safeguards.yaml [safeguard.organization] plan.to: unknown id 'plan.taizhou_chains'",
            "safeguards.yaml [safeguard.policy] plan.to: unknown id 'plan.taizhou_chains'",
            "safeguards.yaml [safeguard.talent] plan.to: unknown id 'plan.taizhou_chains'",
            "tiers.yaml [tier.emerging] plan.to: unknown id 'plan.taizhou_chains'",
            "tiers.yaml [tier.future] plan.to: unknown id 'plan.taizhou_chains'",
            "tiers.yaml [tier.landmark] plan.to: unknown id 'plan.taizhou_chains'",
        ],
    ),
    (
        "chains-file-missing",
        lambda s: (s / "chains.yaml").unlink(),
        [
            "chains.yaml [-] -: file is missing",
        ],
    ),
    (
        "unknown-file",
        write("park.yaml", b"[]\n"),
        [
            (
                "park.yaml [-] -: unknown seed file; expected one of ('plan.yaml', 'tiers.yaml', "
                "'groups.yaml', 'chains.yaml', 'technologies.yaml', 'districts.yaml', "
                "'parks.yaml', 'enterprises.yaml', 'projects.yaml', 'platforms.yaml', "
                "'departments.yaml', 'actions.yaml', 'measures.yaml', 'targets.yaml', "
                "'indicators.yaml', 'safeguards.yaml', 'chain_relations.yaml')"
            ),
        ],
    ),
    (
        "plan-text-missing",
        lambda s: (s / "source" / "plan.txt").unlink(),
        [
            "source/plan.txt [-] -: file is missing",
        ],
    ),
]


@pytest.fixture
def seed_copy(seed_dir: Path, tmp_path: Path) -> Path:
    target = tmp_path / "seed"
    shutil.copytree(seed_dir, target)
    return target


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 25
    assert len({c[0] for c in CASES}) == len(CASES)


@pytest.mark.parametrize(("mutate", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_malformed_seed_is_rejected_precisely(
    seed_copy: Path, mutate: Callable[[Path], None], expected: list[str]
) -> None:
    mutate(seed_copy)
    with pytest.raises(SeedError) as excinfo:
        load_valid_seed(seed_copy)
    assert [str(p) for p in excinfo.value.problems] == expected


@pytest.mark.parametrize("file", SEED_FILES)
def test_an_unreadable_file_gives_its_own_problem_only(seed_copy: Path, file: str) -> None:
    """References into a file that could not be read are not dangling: no cascade of
    unknown ids, covers or counts, just the file's problem."""
    (seed_copy / file).write_bytes(b"")
    with pytest.raises(SeedError) as excinfo:
        load_valid_seed(seed_copy)
    assert [str(p) for p in excinfo.value.problems] == [
        f"{file} [-] -: file is empty; expected a list of records"
    ]


@pytest.mark.parametrize("case", ["missing-annex-row", "yaml-syntax", "utf16-file"])
def test_cli_reports_without_traceback_and_accepts_nothing(seed_copy: Path, case: str) -> None:
    mutate = next(c[1] for c in CASES if c[0] == case)
    mutate(seed_copy)
    result = CliRunner().invoke(app, ["validate", "--seed", str(seed_copy)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "nothing was accepted" in result.output
    assert "is valid" not in result.output
    reconcile = CliRunner().invoke(app, ["reconcile", "--seed", str(seed_copy)])
    assert reconcile.exit_code == 1 and "nothing was accepted" in reconcile.output


def test_the_annex_name_may_be_an_alias(seed_copy: Path) -> None:
    """A chain may be named otherwise when the annex's name is one of its aliases."""
    edit("chains.yaml", _set("chain.pv", "name", "光伏产业"))(seed_copy)
    edit("chains.yaml", _set("chain.pv", "aliases", ["光伏", "PV"]))(seed_copy)
    assert check_seed(read_seed(seed_copy)) == []


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_gbk_and_bom_files_work(seed_copy: Path, encoding: str, bom: bytes) -> None:
    reencode("districts.yaml", encoding, bom)(seed_copy)
    loaded = read_seed(seed_copy)
    assert check_seed(loaded) == []
    assert len(loaded.records["districts.yaml"]) == 6
    if encoding == "gbk":
        assert loaded.warnings == ["districts.yaml: read as GBK/GB18030; please save it as UTF-8"]


def test_all_problems_are_reported_at_once(seed_copy: Path) -> None:
    cases = ("dangling-reference", "tier-count-differs", "utf16-file", "unknown-file")
    for case in cases:
        next(c[1] for c in CASES if c[0] == case)(seed_copy)
    problems = [str(p) for p in check_seed(read_seed(seed_copy))]
    assert problems == sorted(p for c in CASES if c[0] in cases for p in c[2])


def test_cli_validate_prints_counts_on_the_shipped_seed(seed_dir: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--seed", str(seed_dir)])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.output
    assert re.search(r"│ Chain +│ +30 │", result.output), result.output
    assert re.search(r"│ Action +│ +5 │", result.output), result.output
    assert re.search(r"│ RELATES_TO +│ +25 │", result.output), result.output


PV_ROW = "\t4\n\t光伏\n\t200\n\t250\n\t300\n\t做大光伏组件。\n\n"
INDUSTRY_ROW = "\n\t规上工业销售收入\n\t1000\n\t1200\n\t1500\n\t\n"


@pytest.fixture
def small_plan(tmp_path: Path) -> Path:
    """A copy of the small plan of tests/fixtures/subgroups (4 chains, its own annex)."""
    target = tmp_path / "subgroups"
    shutil.copytree(FIXTURE, target)
    return target


def test_a_chain_whose_annex_row_is_gone(small_plan: Path) -> None:
    replace("source/plan.txt", PV_ROW, "")(small_plan)
    assert [str(p) for p in check_seed(read_seed(small_plan))] == [
        "chains.yaml [chain.pv] directions: evidence not found verbatim in the plan text: "
        "'做大光伏组件。'",
        "chains.yaml [chain.pv] rank: the annex has no row #4",
        "chains.yaml [chain.pv] source: unknown section '附件#4'; expected e.g. 二(三), 三(一), "
        "附件#22",
    ]


def test_an_annex_without_the_industry_row_is_valid(small_plan: Path) -> None:
    """The 规上工业 row is compared when the annex prints it; a plan may not."""
    replace("source/plan.txt", INDUSTRY_ROW, "")(small_plan)
    assert check_seed(read_seed(small_plan)) == []
