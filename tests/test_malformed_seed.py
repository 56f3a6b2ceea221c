"""A corpus of malformed seeds: each gives its precise problem, and nothing is accepted."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from chainkg.cli import app
from chainkg.graph_loader.problems import SeedError
from chainkg.graph_loader.seed_io import read_seed
from chainkg.graph_loader.validate import check_seed, load_valid_seed

Data = Any


def _load(path: Path) -> Data:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _dump(path: Path, data: Data) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


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

# (case id, mutation, file, record, field, message fragment)
CASES: list[tuple[str, Callable[[Path], None], str, str, str, str]] = [
    (
        "unknown-field",
        edit("chains.yaml", _set("chain.pv", "colour", "red")),
        "chains.yaml",
        "chain.pv",
        "colour",
        "unknown field",
    ),
    (
        "missing-field",
        edit("chains.yaml", _delete("chain.pv", "name_en")),
        "chains.yaml",
        "chain.pv",
        "name_en",
        "required field is missing",
    ),
    (
        "wrong-type-rank",
        edit("chains.yaml", _set("chain.pv", "rank", "twenty-two")),
        "chains.yaml",
        "chain.pv",
        "rank",
        "valid integer",
    ),
    (
        "non-numeric-figure",
        edit("chains.yaml", _set("chain.pv", "target_2027", "三百五十二")),
        "chains.yaml",
        "chain.pv",
        "target_2027",
        "must be a number",
    ),
    (
        "numeric-string-figure",
        edit("chains.yaml", _set("chain.pv", "revenue_2024", "304")),
        "chains.yaml",
        "chain.pv",
        "revenue_2024",
        "must be a number, got '304'",
    ),
    (
        "negative-figure",
        edit("chains.yaml", _set("chain.pv", "target_2030", -407)),
        "chains.yaml",
        "chain.pv",
        "target_2030",
        "must not be negative",
    ),
    (
        "figure-differs-from-annex",
        edit("chains.yaml", _set("chain.pv", "target_2027", 353)),
        "chains.yaml",
        "chain.pv",
        "target_2027",
        "is 353 but annex row #22 prints 352",
    ),
    (
        "sum-differs-from-total",
        edit("chains.yaml", _set("chain.pv", "target_2027", 353)),
        "chains.yaml",
        "合计",
        "target_2027",
        "add up to 7453 but the annex 合计 row prints 7452",
    ),
    (
        "missing-annex-row",
        edit("chains.yaml", lambda d: [r for r in d if r["rank"] != 17]),
        "chains.yaml",
        "附件#17",
        "rank",
        "annex row #17 精细化工 has no chain record",
    ),
    (
        "duplicate-rank",
        edit("chains.yaml", _set("chain.hydrogen", "rank", 22)),
        "chains.yaml",
        "chain.hydrogen",
        "rank",
        "rank 22 is used by 2 chains",
    ),
    (
        "directions-edited",
        edit("chains.yaml", _set("chain.pv", "directions", PV_EVIDENCE)),
        "chains.yaml",
        "chain.pv",
        "directions",
        "differs from annex row #22",
    ),
    (
        "plan-total-differs",
        edit("plan.yaml", lambda d: d.__setitem__("annex_total_2030", 9030)),
        "plan.yaml",
        "plan.taizhou_chains",
        "annex_total_2030",
        "the annex 合计 row prints 9031",
    ),
    (
        "duplicate-id",
        edit("parks.yaml", lambda d: d.append(dict(d[0]))),
        "parks.yaml",
        "park.pharma_hitech_zone",
        "id",
        "duplicate id",
    ),
    (
        "dangling-reference",
        edit("parks.yaml", _carry(PARK, to="chain.pvv", role="核心")),
        "parks.yaml",
        PARK,
        "carries[1].to",
        "unknown id 'chain.pvv'; did you mean 'chain.pv'?",
    ),
    (
        "wrong-target-kind",
        edit("parks.yaml", _carry(PARK, to="dept.ndrc", role="核心")),
        "parks.yaml",
        PARK,
        "carries[1].to",
        "'dept.ndrc' is a Department; expected Chain or Group",
    ),
    (
        "unknown-role",
        edit("parks.yaml", _carry(PARK, to="chain.pv", role="主导")),
        "parks.yaml",
        PARK,
        "-",
        "carries[1].role '主导' is not one of",
    ),
    (
        "missing-role",
        edit("parks.yaml", _carry(PARK, to="chain.pv")),
        "parks.yaml",
        PARK,
        "carries[1].role",
        "required field is missing",
    ),
    (
        "duplicate-relationship",
        edit(
            "parks.yaml",
            lambda d: _record(d, PARK)["carries"].append(dict(_record(d, PARK)["carries"][0])),
        ),
        "parks.yaml",
        PARK,
        "carries[1]",
        "duplicate relationship park.taixing_edz|CARRIES|",
    ),
    (
        "evidence-not-in-plan",
        edit("chains.yaml", _set("chain.pv", "evidence", "光伏产业天下第一")),
        "chains.yaml",
        "chain.pv",
        "evidence",
        "evidence not found verbatim in the plan text",
    ),
    (
        "link-evidence-not-in-plan",
        edit(
            "parks.yaml",
            _carry(PARK, to="chain.pv", role="核心", source="二(三)", evidence="泰兴光伏基地"),
        ),
        "parks.yaml",
        PARK,
        "carries[1].evidence",
        "evidence not found verbatim",
    ),
    (
        "evidence-across-lines",
        edit("chains.yaml", _set("chain.pv", "evidence", "钙钛矿电池等领域，\n延伸发展")),
        "chains.yaml",
        "chain.pv",
        "evidence",
        "(it spans a line break)",
    ),
    (
        "evidence-wrong-section",
        edit("chains.yaml", _set("chain.pv", "source", "附件#30")),
        "chains.yaml",
        "chain.pv",
        "evidence",
        "'光伏' is not in section 附件#30 (it is in",
    ),
    (
        "unknown-section",
        edit("chains.yaml", _set("chain.pv", "source", "二(九)")),
        "chains.yaml",
        "chain.pv",
        "source",
        "unknown section '二(九)'",
    ),
    (
        "bad-id-prefix",
        edit("parks.yaml", _set(PARK, "id", "chain.taixing")),
        "parks.yaml",
        "chain.taixing",
        "-",
        "must start with 'park.'",
    ),
    (
        "bad-id-pattern",
        edit("parks.yaml", _set(PARK, "id", "park.Taixing ETDZ")),
        "parks.yaml",
        "park.Taixing ETDZ",
        "id",
        "String should match pattern",
    ),
    (
        "bad-literal",
        edit("parks.yaml", _set(PARK, "type", "工业园")),
        "parks.yaml",
        PARK,
        "type",
        "Input should be",
    ),
    (
        "tier-count-differs",
        edit("tiers.yaml", _set("tier.future", "chain_count", 5)),
        "tiers.yaml",
        "tier.future",
        "chain_count",
        "the text gives 5 chains but 7 chains",
    ),
    (
        "relation-to-unknown-chain",
        edit("chain_relations.yaml", lambda d: d[0].__setitem__("to", "chain.nowhere")),
        "chain_relations.yaml",
        "*",
        "to",
        "unknown id 'chain.nowhere'",
    ),
    (
        "record-not-a-mapping",
        edit("districts.yaml", lambda d: d.append("district.extra")),
        "districts.yaml",
        "#7",
        "-",
        "record must be a mapping of fields",
    ),
    (
        "file-not-a-list",
        edit("districts.yaml", lambda d: {"districts": d}),
        "districts.yaml",
        "-",
        "-",
        "expected a list of records, got dict",
    ),
    ("empty-file", write("districts.yaml", b""), "districts.yaml", "-", "-", "file is empty"),
    (
        "yaml-syntax",
        write("districts.yaml", b"- id: district.x\n  name: [unclosed\n"),
        "districts.yaml",
        "-",
        "-",
        "YAML syntax error at line 3",
    ),
    (
        "yaml-duplicate-key",
        write("districts.yaml", "- id: district.x\n  name: 甲\n  name: 乙\n".encode()),
        "districts.yaml",
        "-",
        "-",
        "duplicate key 'name'",
    ),
    ("utf16-file", reencode("districts.yaml", "utf-16"), "districts.yaml", "-", "-", "UTF-16"),
    (
        "undecodable-bytes",
        write("districts.yaml", b"- id: district.x\n  name: \xff\xfe\xff\n"),
        "districts.yaml",
        "-",
        "-",
        "not valid UTF-8 (nor GBK): byte 0xff at offset 25, line 2",
    ),
    (
        "missing-file",
        lambda s: (s / "parks.yaml").unlink(),
        "parks.yaml",
        "-",
        "-",
        "file is missing",
    ),
    (
        "layout-without-covers",
        edit("parks.yaml", lambda d: _record(d, PARK)["carries"][0].pop("covers") and None),
        "parks.yaml",
        PARK,
        "carries[0].covers",
        "needs covers",
    ),
    (
        "covers-chain-of-another-group",
        edit("parks.yaml", _covers(PARK, chains=["chain.fine_chemicals", "chain.pv"])),
        "parks.yaml",
        PARK,
        "carries[0].covers.chains[1]",
        "'chain.pv' is not a chain of 'group.new_materials'",
    ),
    (
        "covers-not-a-chain",
        edit("parks.yaml", _covers(PARK, chains=["park.jingjiang_edz"])),
        "parks.yaml",
        PARK,
        "carries[0].covers.chains[0]",
        "is a Park; expected Chain",
    ),
    (
        "covers-unknown-chain",
        edit("parks.yaml", _covers(PARK, chains=["chain.fine_chemical"])),
        "parks.yaml",
        PARK,
        "carries[0].covers.chains[0]",
        "unknown id 'chain.fine_chemical'",
    ),
    (
        "covers-listed-twice",
        edit("parks.yaml", _covers(PARK, chains=["chain.petrochemicals", "chain.petrochemicals"])),
        "parks.yaml",
        PARK,
        "carries[0].covers.chains[1]",
        "listed twice",
    ),
    (
        "covers-empty",
        edit("parks.yaml", _covers(PARK, chains=[])),
        "parks.yaml",
        PARK,
        "carries[0].covers.chains",
        "at least 1 item",
    ),
    (
        "covers-without-assumption",
        edit(
            "parks.yaml",
            lambda d: _record(d, PARK)["carries"][0]["covers"].pop("assumption") and None,
        ),
        "parks.yaml",
        PARK,
        "carries[0].covers.assumption",
        "required field is missing",
    ),
    (
        "covers-evidence-not-in-section",
        edit("parks.yaml", _covers(PARK, evidence="依托沿江地区")),
        "parks.yaml",
        PARK,
        "carries[0].covers.evidence",
        "is not in section 二(三)",
    ),
    (
        "covers-on-a-chain-link",
        edit(
            "parks.yaml",
            lambda d: _record(d, "park.xinghua_hitech_zone")["carries"][0].__setitem__(
                "covers", {"chains": "all", "evidence": "重点发展", "assumption": "x"}
            ),
        ),
        "parks.yaml",
        "park.xinghua_hitech_zone",
        "carries[0].covers",
        "only for a park's carries link to a group",
    ),
    (
        "also-lists-own-chain",
        edit(
            "groups.yaml",
            lambda d: _record(d, "group.smart_manufacturing")["also_lists"].append("chain.nev"),
        ),
        "groups.yaml",
        "group.smart_manufacturing",
        "also_lists[1].to",
        "is a chain of this group already",
    ),
    (
        "plan-goal-not-verbatim",
        edit("plan.yaml", lambda d: d.__setitem__("goal", "打造长三角先进制造业基地")),
        "plan.yaml",
        "plan.taizhou_chains",
        "goal",
        "evidence not found verbatim",
    ),
    (
        "plan-system-wrong-section",
        edit("plan.yaml", lambda d: d.__setitem__("system_source", "二(一)")),
        "plan.yaml",
        "plan.taizhou_chains",
        "system",
        "is not in section 二(一)",
    ),
    ("unknown-file", write("park.yaml", b"[]\n"), "park.yaml", "-", "-", "unknown seed file"),
    (
        "plan-text-missing",
        lambda s: (s / "source" / "plan.txt").unlink(),
        "source/plan.txt",
        "-",
        "-",
        "file is missing",
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


@pytest.mark.parametrize(
    ("mutate", "file", "record", "field", "fragment"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_malformed_seed_is_rejected_precisely(
    seed_copy: Path,
    mutate: Callable[[Path], None],
    file: str,
    record: str,
    field: str,
    fragment: str,
) -> None:
    mutate(seed_copy)
    problems = check_seed(read_seed(seed_copy))
    matching = [
        p
        for p in problems
        if p.file == file
        and record in ("*", p.record)
        and p.field == field
        and fragment in p.message
    ]
    assert matching, "\n".join(map(str, problems))
    with pytest.raises(SeedError) as excinfo:
        load_valid_seed(seed_copy)
    assert set(matching) <= set(excinfo.value.problems)


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


@pytest.mark.parametrize(("encoding", "bom"), [("gbk", b""), ("utf-8", b"\xef\xbb\xbf")])
def test_gbk_and_bom_files_work(seed_copy: Path, encoding: str, bom: bytes) -> None:
    reencode("districts.yaml", encoding, bom)(seed_copy)
    loaded = read_seed(seed_copy)
    assert check_seed(loaded) == []
    assert len(loaded.records["districts.yaml"]) == 6
    if encoding == "gbk":
        assert loaded.warnings == ["districts.yaml: read as GBK/GB18030; please save it as UTF-8"]


def test_all_problems_are_reported_at_once(seed_copy: Path) -> None:
    for case in ("dangling-reference", "tier-count-differs", "utf16-file", "unknown-file"):
        next(c[1] for c in CASES if c[0] == case)(seed_copy)
    problems = check_seed(read_seed(seed_copy))
    files = {p.file for p in problems}
    assert {"parks.yaml", "tiers.yaml", "districts.yaml", "park.yaml"} <= files


def test_cli_validate_prints_counts_on_the_shipped_seed(seed_dir: Path) -> None:
    result = CliRunner().invoke(app, ["validate", "--seed", str(seed_dir)])
    assert result.exit_code == 0, result.output
    assert "is valid" in result.output
    assert "Chain" in result.output and "30" in result.output
    assert "CARRIES" in result.output
