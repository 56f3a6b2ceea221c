"""Figures questions, worked out by hand from the annex (chains.yaml): the years a growth
question names set its span (光伏: 2024 revenue 304亿元, 2027 target 352亿元, 2030 target
407亿元), a level is named by its year, a range keeps its ends, 前N takes the N largest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.store import EmbeddedStore


@pytest.mark.parametrize(
    ("q", "value", "text"),
    [
        # one year, 2024: from 2024 to the 2027 target, (352 / 304) ** (1/3) − 1
        (
            "光伏2024年起的年均增速是多少",
            100 * ((352 / 304) ** (1 / 3) - 1),
            "2024—2027年所需年均增速",
        ),
        ("光伏的年均增速", 100 * ((352 / 304) ** (1 / 3) - 1), "2024—2027年所需年均增速"),
        ("光伏2027年到2030年的年均增速", 100 * ((407 / 352) ** (1 / 3) - 1), "2027—2030年"),
        # three years: from the first to the last, 407 − 304
        ("光伏2024、2027和2030年的增量", 103.0, "2024—2030年增量103亿元"),
    ],
)
def test_growth_over_the_years_named(
    embedded_store: EmbeddedStore, q: str, value: float, text: str
) -> None:
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.answered) == ("chain_figure", True)
    assert answer.value == pytest.approx(value, abs=0.006)
    assert text in answer.text


def _seed_chains(seed_dir: Path) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = yaml.safe_load(
        (seed_dir / "chains.yaml").read_text(encoding="utf-8")
    )
    return rows


def test_a_level_is_named_by_its_year(embedded_store: EmbeddedStore) -> None:
    revenue = ask(embedded_store, "光伏2024年销售收入是多少")
    assert revenue.text == "光伏2024年销售收入304亿元。"
    assert revenue.model_dump()["results"][0]["period"] == "2024"
    target = ask(embedded_store, "光伏2027年目标是多少")
    assert target.text == "光伏2027年销售收入目标352亿元。"
    assert target.model_dump()["results"][0]["period"] == "2027"
    growth = ask(embedded_store, "光伏的年均增速")
    assert growth.model_dump()["results"][0]["period"] == "2024-2027"


def test_a_range_between_two_figures_holds_both_ends(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """之间 keeps the ends: 化学药's 2027 target is 206亿元, 光伏's 352亿元."""
    inside = {c["id"] for c in _seed_chains(seed_dir) if 206 <= c["target_2027"] <= 352}
    assert {"chain.chemical_drugs", "chain.pv"} <= inside
    answer = ask(embedded_store, "2027年目标在206亿到352亿之间的产业链")
    assert (answer.intent, answer.answered) == ("ranking", True)
    assert {r["id"] for r in answer.model_dump()["results"]} == inside


def test_the_first_n_chains_by_a_figure(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """前3条: the three largest 2027 targets of the annex (高技术船舶 and 金属材料及制品 950亿元,
    then 精细化工 700亿元)."""
    chains = sorted(_seed_chains(seed_dir), key=lambda c: (-c["target_2027"], c["rank"]))
    answer = ask(embedded_store, "2027年目标最大的前3条产业链")
    assert (answer.intent, answer.answered) == ("ranking", True)
    assert [r["id"] for r in answer.model_dump()["results"]] == [c["id"] for c in chains[:3]]
    assert "2027年销售收入目标最大的前3条产业链：" in answer.text


def test_a_chains_place_among_the_30(embedded_store: EmbeddedStore, seed_dir: Path) -> None:
    """Its place by 2027 target, largest first, ties in annex order (高技术船舶 and 金属材料及制品
    both 950亿元)."""
    chains = sorted(_seed_chains(seed_dir), key=lambda c: (-c["target_2027"], c["rank"]))
    place = {c["id"]: i + 1 for i, c in enumerate(chains)}
    for chain_id, name in (
        ("chain.metal_materials", "金属材料及制品"),
        ("chain.pv", "光伏"),
        ("chain.lithium_battery", "锂电"),
    ):
        answer = ask(embedded_store, f"{name}2027年目标在30条产业链中排第几")
        assert answer.intent == "ranking", name
        assert f"在30条产业链中排第{place[chain_id]}位" in answer.text, (name, answer.text)


def test_a_groups_sum_beside_the_target_the_text_states(embedded_store: EmbeddedStore) -> None:
    """The plan's text: “到2027年新能源产业规模超过500亿元”, beside the annex's 光伏 352 +
    锂电 167."""
    answer = ask(embedded_store, "新能源2027年目标合计多少")
    assert (answer.intent, answer.value) == ("sum", 519)
    assert "方案正文的目标为超过500亿元" in answer.text


def test_a_growth_ranking_says_it_is_computed(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """The required growth 2024–2027 is (target 2027 / revenue 2024) ** (1/3) − 1, computed,
    not stated: the ranking says so; a ranking by a stated figure does not."""
    rates = {
        c["id"]: (c["target_2027"] / c["revenue_2024"]) ** (1 / 3) - 1
        for c in _seed_chains(seed_dir)
    }
    top = sorted(rates, key=lambda c: -rates[c])[:3]
    growth = ask(embedded_store, "2024到2027年年均增速最高的3条产业链")
    assert [r["id"] for r in growth.model_dump()["results"]] == top
    assert growth.text.endswith("。（增速按附件数据推算。）")
    level = ask(embedded_store, "2027年目标最大的前3条产业链")
    assert level.text.endswith("（700亿元）。") and "推算" not in level.text
