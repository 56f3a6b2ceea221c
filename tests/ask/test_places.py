"""Parks by how many chains they carry, counted here from the ``chains`` query per park (as a
park's chains are listed), against the answers to 哪个园区承载的产业链最多/最少."""

from __future__ import annotations

from chainkg.graph_loader.ask import ask
from chainkg.graph_loader.store import EmbeddedStore


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
