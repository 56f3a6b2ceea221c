"""The gap pages (补链视图): every chain's counts, one chain's focus directions covered or
open, one park's chains and their directions in the park.  Served only: they count the
records (candidates) that only the server has.  No script but the language button."""

from __future__ import annotations

from typing import Any, Literal

from chainkg.graph_loader.lists import KIND_ZH
from chainkg.graph_loader.store import GraphStore
from chainkg.graph_loader.vocabulary import ROLE_EN
from chainkg.records import gaps as g
from chainkg.records.candidates import CATEGORY_EN
from chainkg.records.store import RecordsStore
from chainkg.viz.csp import with_csp
from chainkg.viz.marks import english_of
from chainkg.viz.render import PageLinks, templates
from chainkg.viz.text import Lang

STATUS_TEXT = {"open": ("待补链", "open"), "covered": ("已覆盖", "covered")}
GAPS_API = "/api/v1/gaps"


def _render(graph: GraphStore, lang: Lang, links: PageLinks, **values: Any) -> str:
    html = (
        templates()
        .get_template("gaps.html")
        .render(
            lang=lang,
            links=links,
            view={
                "status": STATUS_TEXT,
                "kinds": KIND_ZH,
                "category_en": CATEGORY_EN,
                "roles": ROLE_EN,
                "english": english_of(graph),
            },
            **values,
        )
    )
    return with_csp(html)


def render_gap_index(
    graph: GraphStore, records: RecordsStore, links: PageLinks, *, lang: Lang = "zh"
) -> str:
    """Return the index of the gap view: every chain with its open and covered counts."""
    index = g.gap_index(graph, records)
    return _render(
        graph,
        lang,
        links,
        kind="index",
        title={"zh": "补链视图", "en": "Gap view"},
        subject=None,
        counts=index.counts,
        items=index.items,
        chains=[],
        records_version=index.records_version,
        download="/api/v1/lists/gaps",
    )


def render_node_gaps(
    graph: GraphStore,
    records: RecordsStore,
    kind: Literal["chain", "park"],
    id: str,
    links: PageLinks,
    *,
    lang: Lang = "zh",
) -> str:
    """Return the gap page of a chain or a park (raises
    :class:`~chainkg.records.gaps.UnknownNode`)."""
    view: g.ChainGaps | g.ParkGaps
    chains: list[g.ChainGap]
    if kind == "chain":
        view = g.chain_gaps(graph, records, id)
        subject, chains = view.chain, [view]
    else:
        view = g.park_gaps(graph, records, id)
        subject, chains = view.park, view.chains
    return _render(
        graph,
        lang,
        links,
        kind=kind,
        title={
            "zh": f"补链视图 · {subject.name}",
            "en": f"Gaps · {subject.name_en or subject.name}",
        },
        subject=subject,
        counts=view.counts,
        items=[],
        chains=chains,
        records_version=view.records_version,
        download=f"{GAPS_API}/{kind}s/{id}",
    )
