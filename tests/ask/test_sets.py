"""The chains of a scope (tests for :mod:`chainkg.graph_loader.ask.sets`): the whole plan's, a
group's, a park's, a district's — the same from a store whose strings are new objects."""

from __future__ import annotations

from pathlib import Path

import yaml

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.store import EmbeddedStore
from tests.fresh_strings import FreshStrings


def test_the_plans_chains_added_up_on_any_store(
    embedded_store: EmbeddedStore, seed_dir: Path
) -> None:
    """一(二) “力争30条产业链销售收入达7500亿元”; the annex's 2027 targets of the 30 chains add up
    to the figure worked out from chains.yaml. Neo4j hands back the label Plan as a string of
    its own: the plan's chains are found all the same."""
    chains = yaml.safe_load((seed_dir / "chains.yaml").read_text(encoding="utf-8"))
    total = sum(c["target_2027"] for c in chains)
    q = "全市产业链2027年目标合计"
    answer = ask(embedded_store, q)
    assert (answer.intent, answer.value, len(answer.results)) == ("sum", total, 30)
    assert answer.text.endswith(
        f"等30项的2027年销售收入目标合计{total}亿元（按附件各链数值相加）。方案正文的目标为力争达7500亿元。"
    )
    assert ask(FreshStrings(embedded_store), q).model_dump() == answer.model_dump()
