"""What a node is linked to, read from the seed's links: a chain's group and tier (附件 puts
光伏 and 锂电 under 新能源; 一(二) makes 新能源 a 战略性新兴产业), a group's chains, a chain's
relations (附件#27 新型储能 “充分发挥锂电在能量存储和供应方面的优势”, 附件#23 锂电
“重点发展高性能储能锂电池”), the projects that anchor a group (二(三)
“加快长城汽车配套核心零部件项目招引集聚”) and the chains of an enterprise (附件#12 汽车零部件
“以长城汽车泰州基地为核心”, 附件#13 新能源汽车 “依托长城整车项目”)."""

from __future__ import annotations

from pathlib import Path

import yaml

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.ask.model import Answer
from chainkg.graph_loader.seed_io import Seed
from chainkg.graph_loader.store import EmbeddedStore
from tests.ask.variants import ask_chemical_drugs_in_biomedicine, ask_variant


def _focus(answer: Answer) -> list[tuple[str, str]]:
    return [(k.label, k.id) for k in answer.focus]


def _results(answer: Answer) -> list[tuple[str, str | None, str | None]]:
    return [(r.id, r.role, r.via) for r in answer.results]


def test_a_chains_group_and_tier_in_both_languages(embedded_store: EmbeddedStore) -> None:
    """光伏: in group 新能源 (附件), in tier 战略性新兴产业 (一(二)); the map centres on the
    group."""
    zh = ask(embedded_store, "光伏属于哪个产业")
    assert (zh.intent, zh.text) == (
        "chain_group",
        "光伏——所属产业：新能源，所在层级：战略性新兴产业。",
    )
    assert _results(zh) == [
        ("group.new_energy", "IN_GROUP", None),
        ("tier.emerging", "IN_TIER", None),
    ]
    assert _focus(zh) == [("Group", "group.new_energy"), ("Chain", "chain.pv")]
    en = ask(embedded_store, "Which group is photovoltaics in?", "en")
    assert en.text == (
        "Photovoltaics — in group: New Energy, in tier: Strategic Emerging Industries."
    )


def test_a_groups_chains_count_for_one_group_only(embedded_store: EmbeddedStore) -> None:
    """附件: 新能源 has 光伏 and 锂电 (2); 新材料 five more, 7 in all for the two groups, which
    is a list, not one figure."""
    one = ask(embedded_store, "新能源有哪些产业链")
    assert (one.value, one.unit, one.text) == (2, "条", "新能源包括2条产业链：光伏、锂电。")
    # the query reported is the one that listed the chains
    assert one.query is not None
    assert (one.query.name, one.query.params["group"]) == ("chains", "group.new_energy")
    # the chains' group links are cited, not their tier links
    assert [(e.source, e.quote) for e in one.evidence] == [("附件", "新能源")]
    en = ask(embedded_store, "Which chains does the New Energy group have?", "en")
    assert (en.value, en.unit) == (2, "chains")
    assert en.text == "New Energy has 2 chains: Photovoltaics, Lithium Batteries."
    two = ask(embedded_store, "新能源和新材料有哪些产业链")
    assert (two.intent, two.value, two.unit) == ("group_chains", None, None)
    assert len(two.results) == 7
    assert two.text.startswith("新能源、新材料包括7条产业链：光伏、锂电、")


def test_a_chain_without_relations_adds_nothing(embedded_store: EmbeddedStore) -> None:
    """The plan relates 化学药 to no chain; 光伏 works in synergy with 锂电 (附件#22) and 新型储能
    (二(三) “光伏+储能”), and has no up- or downstream chain."""
    answer = ask(embedded_store, "化学药和光伏的上下游")
    assert answer.text.startswith(
        "方案没有写明光伏的上下游产业链，写明的关联有：光伏与锂电协同、光伏与新型储能协同。"
    )
    assert _results(answer) == [
        ("chain.lithium_battery", "synergy", None),
        ("chain.energy_storage", "synergy", None),
    ]


def test_asking_only_upstream_says_upstream(embedded_store: EmbeddedStore) -> None:
    """锂电 supplies 新型储能 and takes from nothing: no upstream chain."""
    answer = ask(embedded_store, "What is upstream of lithium batteries?", "en")
    assert answer.text.startswith(
        "The plan names no upstream chain of Lithium Batteries; it states: "
    )


def test_two_relations_between_one_pair_are_both_told(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "锂电与新型储能的关系")
    assert answer.intent == "relation"
    assert answer.text == "新型储能依托锂电；锂电是新型储能的上游。该关联为对原文的解读（见证据）。"


def test_a_path_lists_each_node_on_it(embedded_store: EmbeddedStore) -> None:
    """光伏 → 战略性新兴产业 ← 新材料 ← 泰兴经济开发区 (二(三) “新材料，以泰兴经济开发区为核心”)."""
    answer = ask(embedded_store, "光伏与泰兴经济开发区")
    assert [r.id for r in answer.results] == [
        "chain.pv",
        "tier.emerging",
        "group.new_materials",
        "park.taixing_edz",
    ]


def test_a_project_anchoring_the_group_itself_is_not_through_a_chain(
    embedded_store: EmbeddedStore,
) -> None:
    """二(三) names 长城汽车配套核心零部件项目 for 新智造 itself; 长城汽车泰州基地 anchors its chain
    新能源（智能网联）汽车 (附件#13, 核心)."""
    answer = ask(embedded_store, "新智造的重点项目")
    assert _results(answer) == [
        ("proj.great_wall_supporting_parts", None, None),
        ("proj.great_wall_taizhou_base", "核心", "chain.nev"),
    ]


def test_an_enterprises_chains_centre_on_its_first_chain(embedded_store: EmbeddedStore) -> None:
    """长城汽车 owns 长城汽车泰州基地 (附件#12 “以长城汽车泰州基地为核心”): each names the other
    once."""
    answer = ask(embedded_store, "长城汽车属于哪个产业链")
    assert answer.text == (
        "长城汽车带动（支撑）的产业链：汽车零部件、新能源（智能网联）汽车。相关项目/企业：长城汽车泰州基地。"
    )
    base = ask(embedded_store, "长城汽车泰州基地属于哪个产业链")
    assert "相关项目/企业：长城汽车。" in base.text
    assert [r.id for r in answer.results] == ["chain.auto_parts", "chain.nev"]
    assert _focus(answer) == [("Chain", "chain.auto_parts"), ("Enterprise", "ent.great_wall_motor")]


def test_a_projects_chains_before_its_groups(embedded_store: EmbeddedStore) -> None:
    """二(三) names 长城汽车配套核心零部件项目 in the 新智造 paragraph and for 汽车零部件
    (“加快长城汽车配套核心零部件项目招引集聚”): the chain first, then the group."""
    answer = ask(embedded_store, "长城汽车配套核心零部件项目属于哪个产业链")
    assert answer.text == "长城汽车配套核心零部件项目带动（支撑）的产业链：汽车零部件、新智造。"
    assert [r.id for r in answer.results] == ["chain.auto_parts", "group.smart_manufacturing"]


def test_a_chains_platforms_through_its_group(embedded_store: EmbeddedStore) -> None:
    """三(一) names three platforms that serve 大健康 (by their names, an assumption), none for a
    single chain: 化学药 (附件#1, in 大健康) has them through its group."""
    answer = ask(embedded_store, "化学药的创新平台")
    assert _results(answer) == [
        ("platform.njmu_taizhou_institute", None, "group.health"),
        ("platform.pku_health_innovation_center", None, "group.health"),
        ("platform.taizhou_life_science_lab", None, "group.health"),
    ]
    assert answer.text.startswith(
        "支撑化学药的创新平台：南医大泰州医药研究院、北大医学部泰州医药健康产业创新中心、"
        "生命科学泰州实验室。部分平台支撑的是其所属产业（via）。"
    )
    group = ask(embedded_store, "大健康的创新平台")
    assert {r.id: r.via for r in group.results} == {
        "platform.njmu_taizhou_institute": None,
        "platform.pku_health_innovation_center": None,
        "platform.taizhou_life_science_lab": None,
    }
    assert "via" not in group.text


def test_relations_read_in_their_direction_in_english(embedded_store: EmbeddedStore) -> None:
    """附件#16 节能环保 takes in 动力电池再生利用 (downstream of 锂电); 附件#27 新型储能 builds on
    锂电; 附件#23 锂电 supplies 新型储能."""
    answer = ask(embedded_store, "What is upstream and downstream of lithium batteries?", "en")
    for phrase in (
        "Energy Conservation and Environmental Protection is downstream of Lithium Batteries",
        "New-Type Energy Storage builds on Lithium Batteries",
        "Lithium Batteries is upstream of New-Type Energy Storage",
    ):
        assert phrase in answer.text, phrase


def test_a_groups_chains_cite_a_subgroup_chains_link(
    seed: Seed, embedded_store: EmbeddedStore
) -> None:
    """Were 化学药 in the subgroup 生物医药 (二(一) “生物医药，…大力发展化学创新药”), 大健康 would
    still list it, citing the chain's own link."""
    reply, evidence = ask_chemical_drugs_in_biomedicine(seed, embedded_store, "大健康有哪些产业链")
    assert reply.text.startswith("大健康包括9条产业链：化学药、现代中药、")
    assert ("附件#1", "化学药") in evidence


def test_a_groups_positioning_alone_is_its_focus(seed: Seed, embedded_store: EmbeddedStore) -> None:
    """大健康 names no technology of its own (its subgroups do) and the seed gives it no
    positioning; were it given one, that alone would answer what it develops."""
    reply, _ = ask_variant(
        seed,
        embedded_store,
        "大健康重点发展什么",
        "groups.yaml",
        "group.health",
        positioning=["“1+2+N”空间布局"],
    )
    assert (reply.intent, reply.answered, reply.results) == ("chain_focus", True, [])
    assert reply.text == "定位：“1+2+N”空间布局。"


def test_a_tier_asked_beside_a_group_adds_no_empty_line(embedded_store: EmbeddedStore) -> None:
    """一(二) makes 新能源 a 战略性新兴产业; a tier (地标产业) is in no group or tier itself."""
    answer = ask(embedded_store, "新能源和地标产业属于哪个层级")
    assert (answer.intent, answer.text) == ("chain_group", "新能源——所在层级：战略性新兴产业。")
    assert _results(answer) == [("tier.emerging", "IN_TIER", None)]


def test_a_links_evidence_carries_its_assumption_only_when_it_has_one(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """chain_relations.yaml: 新型储能 builds on 锂电 as 附件#27 states it; 锂电 upstream of 新型储能
    is read into 附件#23 (its assumption says how)."""
    relations = {
        r["id"]: r
        for r in yaml.safe_load((seed_dir / "chain_relations.yaml").read_text(encoding="utf-8"))
    }
    builds_on = relations["rel.energy_storage_builds_on_lithium_battery"]
    upstream = relations["rel.lithium_battery_upstream_energy_storage"]
    answer = ask(embedded_store, "锂电与新型储能的关系")
    assert [(e.source, e.quote, e.assumption) for e in answer.evidence] == [
        (builds_on["source"], builds_on["evidence"], None),
        (upstream["source"], upstream["evidence"], upstream["assumption"]),
    ]
