"""Questions asked of the shipped seed with one record changed: for what the plan's own records
never reach (a chain in a subgroup, a district without parks)."""

from __future__ import annotations

import dataclasses
from typing import Any

from chainkg.graph_loader.ask.context import Ctx, Reply
from chainkg.graph_loader.ask.dispatch import answer
from chainkg.graph_loader.ask.lexicon import LEXICONS
from chainkg.graph_loader.ask.parse import parse
from chainkg.graph_loader.graph import build_graph
from chainkg.graph_loader.models import Chain
from chainkg.graph_loader.seed_io import Seed
from chainkg.graph_loader.store import EmbeddedStore


def ask_variant(
    seed: Seed, shipped: EmbeddedStore, q: str, file: str, id: str, **update: Any
) -> tuple[Reply, list[tuple[str, str]]]:
    """Answer ``q`` on the shipped seed with one record changed (``update``), naming nodes with
    the shipped names; return the reply and its evidence (source, quote)."""
    records = {
        **seed.records,
        file: [r.model_copy(update=update) if r.id == id else r for r in seed.records[file]],
    }
    store = EmbeddedStore(build_graph(dataclasses.replace(seed, records=records)))
    lexicon = LEXICONS.get(shipped)
    ctx = Ctx(store, lexicon, parse(lexicon, q), "zh")
    reply = answer(ctx)
    return reply, [(e.source, e.quote) for e in ctx.evidence()]


def ask_chemical_drugs_in_biomedicine(
    seed: Seed, shipped: EmbeddedStore, q: str
) -> tuple[Reply, list[tuple[str, str]]]:
    """Answer ``q`` with 化学药 placed in the subgroup 生物医药 (二(一)
    “生物医药，…大力发展化学创新药”; the seed puts it in 大健康), its link cited as (附件#1,
    化学药)."""
    chain = next(r for r in seed.records["chains.yaml"] if r.id == "chain.chemical_drugs")
    assert isinstance(chain, Chain)
    link = chain.group.model_copy(
        update={"to": "group.biomedicine", "source": "附件#1", "evidence": "化学药"}
    )
    return ask_variant(seed, shipped, q, "chains.yaml", chain.id, group=link)
