"""The front page: search, the ask box, the chains by group with their targets, the parks, the
departments.

Built from catalog queries like the maps.  Served at ``GET /`` the search box asks
``/api/v1/search``; in the static export (``static=True``) it searches a small JSON
index of names, English names and aliases embedded in the page, ranked the same way
(exact, alias, prefix, substring), so it works from ``file://`` with no server.  The
served page carries the index too and falls back to it if the API does not answer.
"""

from __future__ import annotations

from typing import Any

from chainkg.graph_loader.catalog import Row
from chainkg.graph_loader.lists import LISTS
from chainkg.graph_loader.sheets import FORMATS, ascii_file_name
from chainkg.graph_loader.store import GraphStore
from chainkg.graph_loader.vocabulary import (
    COMPARISON_EN,
    PERIOD_EN,
    ROLE_EN,
    STATUS_EN,
    UNIT_EN,
    in_english,
)
from chainkg.viz.csp import with_csp
from chainkg.viz.maps import KIND_OF_LABEL, Links
from chainkg.viz.marks import PROPER_NAMES, english_of, marked
from chainkg.viz.render import script_json, templates
from chainkg.viz.style import DERIVED_MARK, NODE_STYLES, edge_caption
from chainkg.viz.text import Lang, cagr, number, percent


def _by_rank(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda n: (n.get("rank", 0), str(n["id"])))


def _nodes(store: GraphStore, label: str) -> list[Row]:
    return [r["node"] for r in store.run("nodes", label=label)]


def search_index(store: GraphStore) -> list[list[Any]]:
    """Return ``[id, type, name, name_en, aliases]`` for every node (the offline search)."""
    (sub,) = store.run("subgraph", labels=None)
    return [
        [n["id"], n["label"], n.get("name", ""), n.get("name_en", ""), list(n.get("aliases", []))]
        for n in sorted(sub["nodes"], key=lambda n: str(n["id"]))
    ]


def chain_row(chain: Row, links: Links) -> dict[str, Any]:
    """Return a chain's line in the front page's tables."""
    r24, t27, t30 = chain.get("revenue_2024"), chain.get("target_2027"), chain.get("target_2030")
    return {
        "id": chain["id"],
        "name": chain["name"],
        "name_en": chain["name_en"],
        "href": links.map("chain", chain["id"]),
        "r24": number(r24),
        "t27": number(t27),
        "t30": number(t30),
        "g1": percent(cagr(r24, t27, 3)),
        "g2": percent(cagr(t27, t30, 3)),
    }


def list_links(links: Links) -> list[dict[str, Any]]:
    """Return every list (清单) with its download link in each format, for 清单下载."""
    return [
        {
            "name": spec.name,
            "title": spec.title,
            "title_en": spec.title_en,
            "about": spec.about,
            "about_zh": spec.about_zh,
            "files": [
                {
                    "format": fmt,
                    "href": links.list_file(spec.name, fmt, ascii_file_name(spec.name, fmt)),
                    "download": f"{spec.title}.{fmt}",
                }
                for fmt in FORMATS
            ],
        }
        for spec in LISTS.values()
    ]


def render_index(store: GraphStore, *, static: bool = False, lang: Lang = "zh") -> str:
    """Return the front page as a full UTF-8 HTML document (opening in ``lang``)."""
    links = Links(static=static, here="index.html")
    english = english_of(store)
    plan_rows = _nodes(store, "Plan")
    plan = plan_rows[0] if plan_rows else {}
    groups = []
    for group in _by_rank(_nodes(store, "Group")):
        chains = store.run("chains", group=group["id"], tier=None, park=None, q=None)
        direct = [r["node"] for r in chains]
        groups.append(
            {
                "id": group["id"],
                "name": group["name"],
                "name_en": group["name_en"],
                "href": links.map("group", group["id"]),
                "chains": [chain_row(c, links) for c in _by_rank(direct)],
            }
        )
    # a sub-group's chains are its parent's: list each chain once, under the group it is in
    seen: set[str] = set()
    for g in groups:
        g["chains"] = [c for c in g["chains"] if c["id"] not in seen]
        seen.update(c["id"] for c in g["chains"])
    parks = []
    for park in sorted(_nodes(store, "Park"), key=lambda n: str(n["id"])):
        carried: dict[str, dict[str, Any]] = {}
        for r in _by_chain_rank(store.run("park_chains", id=park["id"])):
            zh, en = edge_caption(r["role"], None)
            derived = r["basis"] == "derived"
            if derived:
                zh, en = zh + DERIVED_MARK[0], en + DERIVED_MARK[1]
            carried[r["chain"]["id"]] = {
                "name": r["chain"]["name"],
                "name_en": r["chain"]["name_en"],
                "href": links.map("chain", r["chain"]["id"]),
                "role": zh,
                "role_en": en,
                "derived": derived,
                "assumption": r["assumption"] or "",
                "assumption_en": marked(r["assumption"] or "", english),
            }
        parks.append(
            {
                "id": park["id"],
                "name": park["name"],
                "name_en": park["name_en"],
                "href": links.map("park", park["id"]),
                "chains": list(carried.values()),
            }
        )
    departments = []
    for dept in sorted(_nodes(store, "Department"), key=lambda n: str(n["id"])):
        duties = sorted(
            store.run("department_duties", id=dept["id"]),
            key=lambda r: (r["item"]["label"], r["item"].get("rank", 0)),
        )
        departments.append(
            {
                "id": dept["id"],
                "name": dept["name"],
                "name_en": dept["name_en"],
                "href": links.map("department", dept["id"]),
                "duties": [
                    {
                        "name": d["item"]["name"],
                        "name_en": d["item"]["name_en"],
                        "role": d["role"],
                        "role_en": edge_caption(d["role"], None)[1],
                    }
                    for d in duties
                ],
            }
        )
    site = {
        "searchApi": links.search_api(),
        "askApi": links.ask_api(),
        "index": search_index(store),
        "mapOf": {label: links.map(kind, "__ID__") for label, kind in KIND_OF_LABEL.items()},
        "graph": links.map("graph"),
        "types": {t: [s.zh, s.en] for t, s in NODE_STYLES.items()},
        "english": {
            "roles": ROLE_EN,
            "units": UNIT_EN,
            "periods": PERIOD_EN,
            "comparisons": COMPARISON_EN,
            "proper": sorted(PROPER_NAMES),
        },
    }
    html = (
        templates()
        .get_template("index.html")
        .render(
            lang=lang,
            static=static,
            links=links,
            plan=plan,
            status_en=in_english(STATUS_EN, plan.get("status")),
            totals={
                "r24": number(plan.get("annex_total_2024")),
                "t27": number(plan.get("annex_total_2027")),
                "t30": number(plan.get("annex_total_2030")),
                "g1": percent(cagr(plan.get("annex_total_2024"), plan.get("annex_total_2027"), 3)),
                "g2": percent(cagr(plan.get("annex_total_2027"), plan.get("annex_total_2030"), 3)),
            },
            groups=groups,
            parks=parks,
            departments=departments,
            lists=list_links(links),
            recommend_api=links.recommend_api(),
            site=script_json(site),
        )
    )
    return with_csp(html)


def _by_chain_rank(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda r: (r["chain"].get("rank", 0), str(r["chain"]["id"])))
