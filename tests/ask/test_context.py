"""How an answer reads in each language: names, lists and figures, from the annex (新材料's
five chains' 2027 targets add up to 700 + 450 + 450 + 950 + 65 = 2615亿元), and the language
given as a string of the caller's own (as the API parses it from a request), not the module's
literal."""

from __future__ import annotations

from pathlib import Path
from typing import cast

import yaml

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.ask.context import figure, focus
from chainkg.graph_loader.ask.model import Lang, NodeKey
from chainkg.graph_loader.store import EmbeddedStore


def test_lists_and_figures_in_chinese_and_in_english(embedded_store: EmbeddedStore) -> None:
    zh = ask(embedded_store, "新能源包括哪些产业链")
    assert "光伏、锂电" in zh.text
    en = ask(embedded_store, "Which chains does New Energy include?", "en")
    assert en.text == "New Energy has 2 chains: Photovoltaics, Lithium Batteries."
    total_zh = ask(embedded_store, "新材料2027年目标合计多少")
    assert "合计2615亿元" in total_zh.text
    total_en = ask(
        embedded_store, "What is the combined 2027 target of the New Materials chains?", "en"
    )
    assert "2,615 100M CNY in total" in total_en.text


def test_the_language_as_a_string_of_the_callers_own(embedded_store: EmbeddedStore) -> None:
    en = cast(Lang, "".join(["e", "n"]))  # a new string object, as parsed from a request
    q = "Which chains does New Energy include?"
    assert ask(embedded_store, q, en).text == ask(embedded_store, q, "en").text
    zh = cast(Lang, "".join(["z", "h"]))
    for q in ("新能源包括哪些产业链", "新材料2027年目标合计多少"):
        assert ask(embedded_store, q, zh).text == ask(embedded_store, q, "zh").text, q


def test_a_figure_prints_whole_numbers_whole_either_side_of_zero() -> None:
    """A growth figure can fall (a target below the year before): −2.5 stays −2.5, −3.0 prints
    −3, as 304.0 prints 304."""
    assert (figure(-2.5), figure(-3.0), figure(-0.00001)) == (-2.5, -3, 0)
    assert isinstance(figure(-3.0), int)


def test_the_map_focus_skips_what_is_missing(embedded_store: EmbeddedStore) -> None:
    answer = ask(embedded_store, "光伏属于哪个产业")
    chain = answer.results[0]
    assert focus(None, chain, None) == [NodeKey(label="Group", id="group.new_energy")]
    assert focus() == []


def test_a_long_list_names_twelve_and_the_count(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """The annex's first twelve chains (化学药 … 新能源（智能网联）汽车), then how many."""
    chains = yaml.safe_load((seed_dir / "chains.yaml").read_text(encoding="utf-8"))
    first = sorted(chains, key=lambda c: c["rank"])[:12]
    answer = ask(embedded_store, "全市产业链2027年目标合计")
    assert "、".join(c["name"] for c in first) + "、等30项的" in answer.text


def test_kinds_counted_in_english_take_their_plural(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """technology → technologies, park → parks; the counts are the seed files' records."""
    for q, file, kind in (
        ("Which technologies does the plan name?", "technologies.yaml", "technologies"),
        ("Which parks does the plan have?", "parks.yaml", "parks"),
    ):
        n = len(yaml.safe_load((seed_dir / file).read_text(encoding="utf-8")))
        assert ask(embedded_store, q, "en").text.startswith(f"The plan has {n} {kind}: "), q


def test_the_query_reported_is_the_first_that_gave_items(embedded_store: EmbeddedStore) -> None:
    """Two chains asked together: the answer reports the first chain's ``chain_parks`` query
    (the one an integrator reruns to check the answer), not the last one run."""
    for q, first in (
        ("光伏和锂电在哪些园区", "chain.pv"),
        ("锂电和光伏在哪些园区", "chain.lithium_battery"),
    ):
        answer = ask(embedded_store, q)
        assert answer.query is not None
        assert (answer.query.name, answer.query.params) == ("chain_parks", {"id": first}), q
