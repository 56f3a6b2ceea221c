"""Parks by how many chains they carry, counted here from the ``chains`` query per park (as a
park's chains are listed), against the answers to 哪个园区承载的产业链最多/最少."""

from __future__ import annotations

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.seed_io import Seed
from chainkg.graph_loader.store import EmbeddedStore
from tests.ask.variants import ask_chemical_drugs_in_biomedicine, ask_variant


def test_the_parks_carrying_the_most_and_the_fewest_chains(
    embedded_store: EmbeddedStore,
) -> None:
    parks = [r["node"]["id"] for r in embedded_store.run("nodes", label="Park")]
    counts = {
        p: len(embedded_store.run("chains", group=None, tier=None, park=p, q=None)) for p in parks
    }
    carried = {p: n for p, n in counts.items() if n}
    most, fewest = max(carried.values()), min(carried.values())
    answer = ask(embedded_store, "哪个园区承载的产业链最多")
    assert {r["id"] for r in answer.model_dump()["results"]} == {
        p for p, n in carried.items() if n == most
    }
    assert answer.text.startswith("承载产业链最多的园区：") and f"（{most}条）" in answer.text
    answer = ask(embedded_store, "哪个园区承载的产业链最少")
    assert {r["id"] for r in answer.model_dump()["results"]} == {
        p for p, n in carried.items() if n == fewest
    }
    assert answer.text.startswith("承载产业链最少的园区：") and f"（{fewest}条）" in answer.text


def test_a_park_naming_the_chain_and_its_group_carries_it_directly(
    embedded_store: EmbeddedStore,
) -> None:
    """二(三) “新智造，以泰州港经济开发区为核心，四大省级汽车零部件基地为支撑”: the bases carry
    汽车零部件 by name (and its group 新智造), the port zone only through the group; the parks
    named for the chain come first."""
    answer = ask(embedded_store, "汽车零部件在哪些园区")
    assert [(r.id, r.role, r.via) for r in answer.results] == [
        ("park.auto_parts_bases", "支撑", None),
        ("park.taizhou_port_edz", "核心", "group.smart_manufacturing"),
    ]
    en = ask(embedded_store, "Which parks carry auto parts?", "en")
    assert en.text.startswith(
        "Auto Parts is carried by 2 parks: Four Provincial Auto Parts Bases (support); "
        "Taizhou Port Economic Development Zone (core)."
    )


def test_a_chain_carried_through_its_group_cites_its_group_link(
    embedded_store: EmbeddedStore,
) -> None:
    """附件 puts 化学药 under 大健康 (“大健康产业（生物医药、健康食品）”); 二(一) lays out the parks
    of 大健康: the answer cites both."""
    answer = ask(embedded_store, "化学药在哪些园区")
    quotes = [(e.source, e.quote) for e in answer.evidence]
    assert ("附件", "大健康产业（生物医药、健康食品）") in quotes
    assert any(s == "二(一)" and q.startswith("推动全市域科学布局大健康产业") for s, q in quotes)


def test_a_park_with_one_chain_in_english(embedded_store: EmbeddedStore) -> None:
    """二(四) “靖江经济技术开发区航空产业园为主要载体” of 空天装备, its only chain."""
    answer = ask(embedded_store, "Which chains does 靖江航空产业园 carry?", "en")
    assert answer.text == (
        "Jingjiang ETDZ Aviation Industrial Park carries 1 chain: Aerospace Equipment "
        "(main carrier)."
    )


def test_the_park_carrying_the_most_chains_is_one_figure(embedded_store: EmbeddedStore) -> None:
    """泰州医药高新区 is the 核心 of 大健康 (二(一)), whose 9 chains (附件#1–#9) it carries through
    the group, and the 先导区 of 合成生物 (二(四)): 10, more than any other park. The fewest, 1,
    are two parks' (原料药集中生产基地 for 化学药, 附件#1; the aviation park for 空天装备)."""
    most = ask(embedded_store, "哪个园区承载的产业链最多")
    assert (most.intent, most.value, most.unit) == ("ranking", 10, "条")
    assert [(k.label, k.id) for k in most.focus] == [("Park", "park.pharma_hitech_zone")]
    assert most.text == (
        "承载产业链最多的园区：泰州医药高新区（高港区）（10条）。计数包含由所属产业的空间布局推得"
        "（derived from the group layout），方案未逐链点名的产业链。"
    )
    fewest = ask(embedded_store, "哪个园区承载的产业链最少")
    assert (fewest.value, fewest.unit) == (None, None)
    assert [r.id for r in fewest.results] == [
        "park.api_production_base",
        "park.jingjiang_aviation_park",
    ]
    assert [(k.label, k.id) for k in fewest.focus] == [("Park", "park.api_production_base")]
    assert fewest.text == (
        "承载产业链最少的园区：原料药集中生产基地、靖江经济技术开发区航空产业园（1条）。"
    )


def test_a_chain_of_a_subgroup_cites_the_subgroups_parent_link(
    seed: Seed, embedded_store: EmbeddedStore
) -> None:
    """Were 化学药 placed in the subgroup 生物医药 (二(一) “生物医药，…大力发展化学创新药”; the
    seed puts it in 大健康), the parks of 大健康 (二(一)) would carry it through 生物医药's parent:
    the answer cites the chain's link and 生物医药's (附件 “大健康产业（生物医药、健康食品）”)."""
    reply, evidence = ask_chemical_drugs_in_biomedicine(seed, embedded_store, "化学药在哪些园区")
    assert [(i.id, i.via) for i in reply.results][:2] == [
        ("park.api_production_base", None),
        ("park.health_pivot_parks", "group.health"),
    ]
    assert ("附件#1", "化学药") in evidence
    assert ("附件", "大健康产业（生物医药、健康食品）") in evidence


def test_a_district_without_parks_is_not_answered(
    seed: Seed, embedded_store: EmbeddedStore
) -> None:
    """泰兴经济开发区 is 泰兴市's only park (its name places it); without that link the plan places
    no park in 泰兴."""
    reply, evidence = ask_variant(
        seed, embedded_store, "泰兴有哪些园区", "parks.yaml", "park.taixing_edz", district=None
    )
    assert (reply.intent, reply.answered, reply.results) == ("district_parks", False, [])
    assert (reply.text, evidence) == ("方案没有写明位于泰兴市的园区。", [])


def test_a_parks_sum_marks_derived_rows_only_when_there_are(embedded_store: EmbeddedStore) -> None:
    """二(三) “依托兴化高新区、靖江经济开发区，重点发展先进钢铁材料、特种合金材料”: 兴化高新区
    names its two chains (2027: 950 + 65 = 1015 亿元, 附件#20, #21), none through the group.
    泰兴经济开发区 carries three chains, all through the 新材料 layout (二(三))."""
    named = ask(embedded_store, "兴化高新区承载的产业链2027年目标合计")
    assert (named.intent, named.value) == ("sum", 1015)
    assert named.text == (
        "兴化高新区承载的金属材料及制品、特种合金材料的2027年销售收入目标合计1015亿元"
        "（按附件各链数值相加）。"
    )
    assert any(e.quote.startswith("依托兴化高新区、靖江经济开发区") for e in named.evidence)
    en = ask(embedded_store, "Which chains does Taixing Economic Development Zone carry?", "en")
    assert en.text.startswith(
        "Taixing Economic Development Zone carries 3 chains: Fine Chemicals, Petrochemicals, "
        "New Chemical Materials (core)."
    )


def test_the_most_and_the_fewest_in_english(embedded_store: EmbeddedStore) -> None:
    most = ask(embedded_store, "Which park carries the most chains?", "en")
    assert (most.value, most.unit) == (10, "chains")
    assert most.text.startswith(
        "The park carrying the most chains: Taizhou Medical High-tech Zone (Gaogang District) (10)."
    )
    fewest = ask(embedded_store, "Which park carries the fewest chains?", "en")
    assert fewest.text == (
        "The park carrying the fewest chains: Centralized API Production Base, Jingjiang ETDZ "
        "Aviation Industrial Park (1)."
    )


def test_a_groups_parks_with_their_roles(embedded_store: EmbeddedStore) -> None:
    """二(三) “新材料，以泰兴经济开发区为核心、化学新材料产业园为支撑 …
    依托兴化高新区、靖江经济开发区，重点发展先进钢铁材料、特种合金材料”: the last two carry chains
    of the group, not the group."""
    answer = ask(embedded_store, "新材料在哪些园区")
    assert [(r.id, r.role, r.via) for r in answer.results] == [
        ("park.chemical_materials_park", "支撑", None),
        ("park.taixing_edz", "核心", None),
        ("park.jingjiang_edz", "依托", "chain.metal_materials"),
        ("park.xinghua_hitech_zone", "依托", "chain.metal_materials"),
    ]
    assert answer.text.startswith(
        "新材料的承载园区有4个：化学新材料产业园（支撑）；泰兴经济开发区（核心）；"
        "靖江经济技术开发区、兴化高新区（依托）。"
    )
