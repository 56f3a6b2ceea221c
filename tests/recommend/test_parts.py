"""The recommender's parts on inputs whose answers are worked out by hand: the weight of each
kind of term, the chains' documents read from the seed, the technologies a group names shared
out among its chains, BM25 scores on a corpus of three documents, reasons and park values.

The seed's side is read from the seed files themselves (``seed/*.yaml``), not from the graph
the recommender reads, so a document that leaves out or mislabels a term fails here.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.graph import Edge, PlanGraph, PropValue
from chainkg.graph_loader.recommend import (
    CORPUS_LABELS,
    ChainDoc,
    ChainMatch,
    ChainRanker,
    Recommender,
    Term,
    chain_docs,
    park_value,
    reasons_for,
    recommend,
)
from chainkg.graph_loader.store import EmbeddedStore
from tests.fresh_strings import FreshStrings

Docs = dict[str, ChainDoc]


def _seed(seed_dir: Path, name: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load((seed_dir / name).read_text(encoding="utf-8"))
    return rows


def _targets(links: list[Any]) -> set[str]:
    """Return the ids a seed list of links points to (``- to: x`` or ``- x``)."""
    return {link["to"] if isinstance(link, dict) else link for link in links}


@pytest.fixture(scope="module")
def docs(embedded_store: EmbeddedStore) -> Docs:
    (sub,) = embedded_store.run("subgraph", labels=CORPUS_LABELS)
    return {d.node["id"]: d for d in chain_docs(sub)}


def _shares(doc: ChainDoc) -> dict[str, float]:
    """Return the share of each group technology (by id: its aliases are terms too)."""
    return {str(t.id): round(t.share, 4) for t in doc.terms if t.kind == "group_technology"}


# ----------------------------------------------------------------- terms and documents


def test_each_kind_of_term_weighs_as_documented() -> None:
    """docs/recommend.md's table: names 3, technologies 2, directions 1, groups 1, anchors 1,
    the trade's words 2, a group's technology 2 × the chain's share."""
    table = {
        "chain": 3,
        "alias": 3,
        "technology": 2,
        "direction": 1,
        "group_technology": 2,
        "group": 1,
        "enterprise": 1,
        "project": 1,
        "trade_word": 2,
    }
    for kind, weight in table.items():
        assert Term("光伏", kind, "附件#22", "光伏").weight == weight, kind  # type: ignore[arg-type]
    shared = Term("HJT", "group_technology", "二(一)", "HJT", share=2 / 3)
    assert shared.weight == pytest.approx(4 / 3)


def test_a_document_repeats_each_terms_tokens_by_its_weight() -> None:
    node: Row = {"id": "chain.x", "name": "光伏", "name_en": "PV", "rank": 1}
    doc = ChainDoc(
        node,
        None,
        [
            Term("光伏", "chain", "附件#22", "光伏", english="Photovoltaics"),
            Term("电池", "direction", "附件#22", "电池"),
            Term("储能", "group_technology", "二(一)", "储能", share=1 / 7),  # 2/7 → at least once
        ],
    )
    assert doc.bag() == [
        *(["光", "伏", "光伏", "photovoltaic"] * 3),
        *["电", "池", "电池"],
        *["储", "能", "储能"],
    ]


def test_every_chain_has_its_group_its_technologies_and_its_anchors(
    docs: Docs, seed_dir: Path
) -> None:
    chains = _seed(seed_dir, "chains.yaml")
    assert len(docs) == len(chains) == 30
    for chain in chains:
        doc = docs[chain["id"]]
        assert doc.group == chain["group"]["to"], chain["id"]
        group_terms = {t.id for t in doc.terms if t.kind == "group"}
        assert group_terms == {chain["group"]["to"]}, chain["id"]  # no chain is in a sub-group
    named: dict[str, set[str]] = {}
    for tech in _seed(seed_dir, "technologies.yaml"):
        for chain_id in _targets(tech.get("named_by") or []):
            named.setdefault(chain_id, set()).add(tech["id"])
    anchored: dict[tuple[str, str], set[str]] = {}
    for kind, file in (("enterprise", "enterprises.yaml"), ("project", "projects.yaml")):
        for node in _seed(seed_dir, file):
            for target in _targets(node.get("anchors") or []):
                anchored.setdefault((target, kind), set()).add(node["id"])
    for chain_id, doc in docs.items():
        techs = {t.id for t in doc.terms if t.kind == "technology"}
        assert techs == named.get(chain_id, set()), chain_id
        for kind in ("enterprise", "project"):
            ids = {t.id for t in doc.terms if t.kind == kind}
            assert ids == anchored.get((chain_id, kind), set()), (chain_id, kind)
    assert {t.id for t in docs["chain.nev"].terms if t.kind in ("enterprise", "project")} == {
        "ent.great_wall_motor",
        "proj.great_wall_taizhou_base",
    }


def test_every_alias_of_a_chain_is_a_term_of_it(docs: Docs, seed_dir: Path) -> None:
    for chain in _seed(seed_dir, "chains.yaml"):
        terms = docs[chain["id"]].terms
        assert [t.text for t in terms if t.kind == "chain"] == [chain["name"]], chain["id"]
        aliases = [t.text for t in terms if t.kind == "alias" and t.id == chain["id"]]
        assert aliases == chain.get("aliases", []), chain["id"]


def test_a_chains_english_name_goes_with_its_name_not_its_aliases(docs: Docs) -> None:
    pv = docs["chain.pv"]
    names = [t for t in pv.terms if t.kind in ("chain", "alias") and t.id == "chain.pv"]
    assert names[0].kind == "chain" and names[0].text == "光伏"
    assert names[0].english == "Photovoltaics"
    assert len(names) > 1 and all(t.kind == "alias" and t.english == "" for t in names[1:])


def test_a_groups_technologies_are_shared_by_what_its_chains_name(docs: Docs) -> None:
    """二(一) names for 新能源 “加快TOPCon、HJT、钙钛矿电池及高效薄膜电池研发产业化”: 光伏 names
    TOPCon and 钙钛矿电池, 锂电 钙钛矿电池, so HJT and 高效薄膜电池 count 2/3 for 光伏, 1/3 for
    锂电.  “高性能储能锂电池、固态锂电池、钠离子电池”: only 锂电 names the others, so 钠离子电池 is
    锂电's whole.  “光伏+储能” sits beside 储能系统, which 光伏 names.  风电成套部件 stands
    alone: half each.  未来产业's 碳捕集利用及封存 and 第三代半导体 stand beside nothing its
    seven chains name: a seventh each."""
    assert _shares(docs["chain.pv"]) == {
        "tech.hjt_cells": 0.6667,
        "tech.thin_film_solar_cells": 0.6667,
        "tech.pv_plus_storage": 1.0,
        "tech.wind_power_components": 0.5,
    }
    assert _shares(docs["chain.lithium_battery"]) == {
        "tech.hjt_cells": 0.3333,
        "tech.thin_film_solar_cells": 0.3333,
        "tech.sodium_ion_batteries": 1.0,
        "tech.wind_power_components": 0.5,
    }
    future = ["aerospace", "cell_gene", "deep_sea_earth", "energy_storage"]
    future += ["frontier_materials", "hydrogen", "synthetic_biology"]
    for name in future:
        shares = _shares(docs[f"chain.{name}"])
        assert shares == {"tech.ccus": 0.1429, "tech.third_gen_semiconductors": 0.1429}, name
    hjt = next(t for t in docs["chain.pv"].terms if t.text == "HJT")
    assert hjt.assumption == (
        "HJT is named for the group 新能源; counted for this chain at 67% (the chain itself "
        "names 2 of the 3 chain namings of the other items of that enumeration)"
    )
    sodium = next(t for t in docs["chain.lithium_battery"].terms if t.text == "钠离子电池")
    assert sodium.assumption == (
        "钠离子电池 is named for the group 新能源; counted for this chain (the chain itself "
        "names 2 of the 2 chain namings of the other items of that enumeration)"
    )
    wind = next(t for t in docs["chain.pv"].terms if t.text == "风电成套部件")
    assert wind.assumption == (
        "风电成套部件 is named for the group 新能源; counted for this chain at 50% (shared "
        "equally by the 2 chains of the group)"
    )


def _node(id: str, label: str, name: str, **props: Any) -> Row:
    return {"id": id, "label": label, "name": name, "name_en": name, "source": "二", **props}


def test_a_parent_groups_technology_reaches_the_chains_of_its_sub_groups() -> None:
    """A chain in a sub-group takes the names of its group and of the parent, and a technology
    the parent names (with nothing beside it) is shared equally by the chains under it."""
    sub: Row = {
        "nodes": [
            _node("chain.a", "Chain", "甲链", rank=1, evidence="甲链"),
            _node("chain.b", "Chain", "乙链", rank=2, evidence="乙链"),
            _node("group.sub", "Group", "子产业", evidence="子产业"),
            _node("group.top", "Group", "母产业", evidence="母产业"),
            _node("tech.t", "Technology", "某技术", evidence="发展某技术"),
        ],
        "edges": [
            {"from": "chain.a", "type": "IN_GROUP", "to": "group.sub"},
            {"from": "chain.b", "type": "IN_GROUP", "to": "group.top"},
            {"from": "group.sub", "type": "SUBGROUP_OF", "to": "group.top"},
            {
                "from": "group.top",
                "type": "FOCUSES_ON",
                "to": "tech.t",
                "source": "二",
                "evidence": "发展某技术",
            },
        ],
    }
    docs = {d.node["id"]: d for d in chain_docs(sub, words=[])}
    assert [t.id for t in docs["chain.a"].terms if t.kind == "group"] == ["group.sub", "group.top"]
    assert [t.id for t in docs["chain.b"].terms if t.kind == "group"] == ["group.top"]
    for chain in ("chain.a", "chain.b"):
        assert _shares(docs[chain]) == {"tech.t": 0.5}, chain


# ----------------------------------------------------------------- BM25 by hand

# Three documents: chain A names 钙钛矿 (a technology: tokens twice, 10 tokens), chain B is
# named 锂电池 (three times, 15 tokens), and one background text 服务平台 (7 tokens).  The
# average length is 32/3.  A token found in one document has idf ln(2.5/1.5).


@pytest.fixture(scope="module")
def small() -> ChainRanker:
    a = ChainDoc({"id": "chain.a", "name": "甲", "rank": 1}, None, [])
    a.terms.append(Term("钙钛矿", "technology", "附件#22", "钙钛矿电池", id="tech.p"))
    b = ChainDoc({"id": "chain.b", "name": "乙", "rank": 2}, None, [])
    b.terms.append(Term("锂电池", "chain", "附件#21", "锂电池", id="chain.b"))
    return ChainRanker([a, b], ["服务平台"])


def test_idf_of_a_token_in_one_document_and_of_one_in_none(small: ChainRanker) -> None:
    assert small.idf("钙钛") == pytest.approx(math.log(2.5 / 1.5))
    assert small.idf("锂电") == pytest.approx(math.log(2.5 / 1.5))
    assert small.unseen_idf == pytest.approx(math.log(3.5 / 0.5))
    assert small.idf("芯片") == pytest.approx(math.log(7))


def test_bm25_scores_over_the_best_possible_by_hand(small: ChainRanker) -> None:
    """Okapi BM25 with k1 = 1.2, b = 0.5; a chain's score is its sum over the query's tokens of
    weight × idf × tf·2.2 / (tf + 1.2·(0.5 + 0.5·len/avg)), divided by the sum of
    weight × idf × 2.2 (every token at saturation).  With one token the idf cancels out:
    A has 钙钛 twice in 10 tokens: 2·2.2 / (2 + 1.2·(0.5 + 0.5·10·3/32)) / 2.2 = 0.6324."""
    assert small.scores([("钙钛", 1.0)]) == [0.6324, 0.0]
    # 锂电 weighs half: A = 0.6324 × 1 / 1.5; B has it 3 times in 15 tokens:
    # 0.5 × 3·2.2 / (3 + 1.2·(0.5 + 0.5·15·3/32)) / (1.5 × 2.2) = 0.2250
    assert small.scores([("钙钛", 1.0), ("锂电", 0.5)]) == [0.4216, 0.225]
    assert small.scores([("钙钛", 0.5), ("钙钛", 0.5)]) == [0.6324, 0.0]
    # however little a lone token weighs, it cancels out (here the best possible is 0.11)
    assert small.scores([("钙钛", 0.1)]) == [0.6324, 0.0]


def test_a_reason_weighs_the_idf_of_its_tokens_times_the_terms_weight(small: ChainRanker) -> None:
    """钙钛矿 has five tokens (钙 钛 矿 钙钛 钛矿), each in A only: 5 × ln(2.5/1.5) × 2."""
    (reason,) = reasons_for(small, small.docs[0], "钙钛矿电池")
    assert reason.matched == ["钙钛矿"] and reason.id == "tech.p"
    assert reason.weight == round(5 * math.log(2.5 / 1.5) * 2, 4) == 5.1083
    assert (reason.source, reason.evidence) == ("附件#22", "钙钛矿电池")


def test_at_most_five_reasons_weightiest_first() -> None:
    words = ["钙钛矿", "锂电池", "氢燃料", "碳纤维", "光刻胶", "钛合金", "蓝宝石"]
    doc = ChainDoc({"id": "chain.a", "name": "甲", "rank": 1}, None, [])
    doc.terms += [Term(w, "technology", "附件#1", w, id=f"tech.{i}") for i, w in enumerate(words)]
    doc.terms.append(Term("锂电池", "direction", "附件#1", "锂电池"))  # its words shown already
    ranker = ChainRanker([doc], ["服务平台"])
    reasons = reasons_for(ranker, doc, "".join(words))
    assert len(reasons) == 5
    assert all(r.kind == "technology" for r in reasons)
    assert [r.weight for r in reasons] == sorted((r.weight for r in reasons), reverse=True)


# ----------------------------------------------------------------- parks


def test_park_values_are_the_documented_ones() -> None:
    """Roles 核心, 先导区, 主要载体 1.0; 两翼, 支撑 0.8; others 0.6; stated +0.5; each platform
    in the park +0.1, up to three."""
    for role, value in (("核心", 1.0), ("先导区", 1.0), ("主要载体", 1.0), ("两翼", 0.8)):
        assert park_value(role, False, 0) == pytest.approx(value), role
    for role in ("支撑",):
        assert park_value(role, False, 0) == pytest.approx(0.8)
    for other in ("载体", "依托", "支点", "带动", None):
        assert park_value(other, False, 0) == pytest.approx(0.6), other
    assert park_value("依托", True, 0) == pytest.approx(1.1)
    assert park_value("载体", False, 1) == pytest.approx(0.7)
    assert park_value("核心", True, 5) == pytest.approx(1.8)


def test_a_park_scores_its_value_times_the_chains_share_of_the_best(
    embedded_store: EmbeddedStore,
) -> None:
    """超级奥氏体不锈钢板材 fits 金属材料及制品 alone among the chains near the best: each of its
    two stated parks (依托, 二(三)) scores 1 × (0.6 + 0.5)."""
    found = Recommender(embedded_store).recommend("超级奥氏体不锈钢板材")
    top = found.chains[0].score
    assert [c.id for c in found.chains if c.score >= 0.75 * top] == ["chain.metal_materials"]
    assert [(p.id, p.score) for p in found.parks] == [
        ("park.jingjiang_edz", 1.1),
        ("park.xinghua_hitech_zone", 1.1),
    ]


def test_only_platforms_located_in_a_park_count(graph: PlanGraph) -> None:
    """A project located in a park is no platform of it."""
    extra = PlanGraph(dict(graph.nodes), list(graph.edges))
    evidence: dict[str, PropValue] = {"source": "附件#12", "evidence": "以长城汽车泰州基地为核心"}
    extra.edges.append(
        Edge("proj.great_wall_taizhou_base", "LOCATED_IN", "park.taizhou_port_edz", evidence)
    )
    assert Recommender(EmbeddedStore(extra)).located == {}


def test_the_module_answers_five_chains_by_default(embedded_store: EmbeddedStore) -> None:
    """新材料 is the name of the group of five chains and part of 前沿新材料's: six fit."""
    fits = {c.id for c in Recommender(embedded_store).recommend("新材料", limit=9).chains}
    assert fits >= {
        "chain.fine_chemicals",
        "chain.metal_materials",
        "chain.new_chemical_materials",
        "chain.petrochemicals",
        "chain.special_alloys",
        "chain.frontier_materials",
    }
    assert len(recommend(embedded_store, "新材料").chains) == 5
    assert len(Recommender(embedded_store).recommend("新材料").chains) == 5


def test_the_answers_hang_on_no_strings_identity(graph: PlanGraph) -> None:
    """The same answers from a store whose strings are objects of their own: chains (and their
    enterprises and projects), a park stated for the chain, a platform located in a park."""
    extra = PlanGraph(dict(graph.nodes), list(graph.edges))
    quote: dict[str, PropValue] = {"source": "二(三)", "evidence": "发挥化工中试基地牵引作用"}
    extra.edges.append(
        Edge("platform.chemical_pilot_base", "LOCATED_IN", "park.jiangyan_edz", quote)
    )
    store = EmbeddedStore(extra)
    plain, fresh = Recommender(store), Recommender(FreshStrings(store))
    for q in ("TOPCon电池组件", "超级奥氏体不锈钢板材", "长城汽车配套零部件", "钙钛矿叠层电池"):
        assert fresh.recommend(q).model_dump() == plain.recommend(q).model_dump(), q
    assert [p.id for p in fresh.located["park.jiangyan_edz"]] == ["platform.chemical_pilot_base"]
    nev = next(d for d in fresh.ranker.docs if d.node["id"] == "chain.nev")
    assert {(t.id, t.kind) for t in nev.terms if t.kind in ("enterprise", "project")} == {
        ("ent.great_wall_motor", "enterprise"),
        ("proj.great_wall_taizhou_base", "project"),
    }
    found = fresh.recommend("超级奥氏体不锈钢板材")
    assert [r.stated for p in found.parks for r in p.reasons] == [True, True]


def _match(id: str, score: float) -> ChainMatch:
    """A chain match whose id is a string object of its own, as another store hands it back."""
    fresh = json.loads(json.dumps(id))
    return ChainMatch(id=fresh, name=id, name_en=id, rank=1, group=None, score=score, reasons=[])


def test_park_scores_add_each_chains_share_of_the_best(embedded_store: EmbeddedStore) -> None:
    """光伏 (0.9) and 锂电 (0.7, at least 0.75 × 0.9) are both carried by 姜堰经济开发区 and 海陵
    新能源产业园 through 新能源 (二(三) “新能源，以海陵新能源产业园、姜堰经济开发区等园区为载体”:
    role 载体, 0.6; no platform there): each park scores
    0.6 + 0.7/0.9 × 0.6 = 1.06667, kept to four places.  金属材料 (0.6) is below 0.675: its
    parks (靖江, 兴化) are not drawn."""
    recommender = Recommender(embedded_store)
    chains = [
        _match("chain.pv", 0.9),
        _match("chain.lithium_battery", 0.7),
        _match("chain.metal_materials", 0.6),
    ]
    parks = recommender.parks(chains)
    assert [(p.id, p.score) for p in parks] == [
        ("park.hailing_new_energy_park", 1.0667),
        ("park.jiangyan_edz", 1.0667),
    ]
    for park in parks:
        assert [(r.chain, r.stated, r.via, r.via_name, r.role) for r in park.reasons] == [
            ("chain.pv", False, "group.new_energy", "新能源", "载体"),
            ("chain.lithium_battery", False, "group.new_energy", "新能源", "载体"),
        ]
    # a chain at exactly 0.75 of the best is drawn: 0.6 + 0.75 × 0.6 = 1.05
    exact = recommender.parks([_match("chain.pv", 1.0), _match("chain.lithium_battery", 0.75)])
    assert [(p.id, p.score) for p in exact] == [
        ("park.hailing_new_energy_park", 1.05),
        ("park.jiangyan_edz", 1.05),
    ]
    # a chain that scores nothing draws no park, first or last
    assert recommender.parks([_match("chain.pv", 0.0)]) == []
    assert [
        p.id for p in recommender.parks([_match("chain.pv", 0.9), _match("chain.nev", 0.0)])
    ] == [
        "park.hailing_new_energy_park",
        "park.jiangyan_edz",
    ]
    assert recommender.parks([]) == []


def test_a_park_stated_for_the_chain_gains_over_its_role(embedded_store: EmbeddedStore) -> None:
    """二(三) “依托兴化高新区、靖江经济开发区，重点发展…高端金属材料”: both parks are named for
    金属材料 itself (依托: 0.6, stated +0.5 = 1.1), with no group between."""
    parks = Recommender(embedded_store).parks([_match("chain.metal_materials", 0.5)])
    assert [(p.id, p.score) for p in parks] == [
        ("park.jingjiang_edz", 1.1),
        ("park.xinghua_hitech_zone", 1.1),
    ]
    for park in parks:
        assert [(r.stated, r.via, r.via_name, r.role) for r in park.reasons] == [
            (True, None, None, "依托")
        ]


def test_a_chain_scoring_the_threshold_exactly_fits(embedded_store: EmbeddedStore) -> None:
    """A chain fits when its score reaches the threshold: at its own score it is kept, just
    above it, not."""
    recommender = Recommender(embedded_store)
    best = recommender.chains("钙钛矿电池")[0]
    at = recommender.recommend("钙钛矿电池", threshold=best.score)
    assert at.matched and at.chains[0].id == best.id
    above = recommender.recommend("钙钛矿电池", threshold=best.score + 0.0001)
    assert not above.matched and above.chains == [] and above.parks == []
