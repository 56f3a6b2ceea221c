"""Every endpoint through the app: identical answers on both stores, and real content."""

from __future__ import annotations

import io
import re
import zipfile
from itertools import pairwise
from typing import Any
from xml.etree import ElementTree

import pytest

from tests.api.conftest import TestClient

V1 = "/api/v1"

# Every endpoint, with parameters that exercise its branches; errors included.
URLS = [
    "/chains",
    "/chains?group=group.health",
    "/chains?group=group.biomedicine",
    "/chains?tier=tier.future",
    "/chains?park=park.taixing_edz",
    "/chains?park=park.pharma_hitech_zone&limit=3",
    "/chains?park=park.xinghua_hitech_zone",
    "/chains?park=park.auto_parts_bases",
    "/chains?park=group.health",
    "/chains?q=锂&limit=2&offset=1",
    "/chains?q=PV",
    "/chains?limit=5&offset=25",
    "/chains?group=group.new_energy&tier=tier.emerging&q=锂",
    "/chains?group=no.such",
    "/chains/chain.pv",
    "/chains/chain.chemical_drugs",
    "/chains/chain.nev",
    "/chains/chain.energy_storage",
    "/chains/chain.synthetic_biology",
    "/chains/chain.nope",
    "/chains/park.taixing_edz",
    "/chains/chain.pv/parks",
    "/chains/chain.chemical_drugs/parks",
    "/chains/chain.aerospace/parks",
    "/chains/chain.metal_materials/parks",
    "/chains/chain.special_alloys/parks",
    "/chains/chain.auto_parts/parks",
    "/chains/chain.electronics/parks",
    "/chains/chain.metal_materials",
    "/chains/chain.nope/parks",
    "/parks",
    "/parks/park.taixing_edz",
    "/parks/park.pharma_hitech_zone",
    "/parks/park.jingjiang_aviation_park",
    "/parks/chain.pv",
    "/parks/park.taixing_edz/chains",
    "/parks/park.pharma_hitech_zone/chains",
    "/parks/park.auto_parts_bases/chains",
    "/parks/park.chemical_materials_park/chains",
    "/parks/park.jingjiang_edz/chains",
    "/parks/park.auto_parts_bases",
    "/parks/park.nope/chains",
    "/groups",
    "/groups/group.health",
    "/groups/group.biomedicine",
    "/groups/group.new_energy",
    "/groups/group.new_materials",
    "/groups/group.smart_manufacturing",
    "/groups/group.future",
    "/groups/group.nope",
    "/enterprises",
    "/enterprises/ent.great_wall_motor",
    "/enterprises/ent.cnooc",
    "/enterprises/proj.cnooc_phase2",
    "/projects",
    "/projects/proj.great_wall_taizhou_base",
    "/projects/proj.nope",
    "/technologies/tech.perovskite_cell",
    "/technologies/tech.high_end_generic_drugs",
    "/technologies/tech.nope",
    "/actions",
    *[
        f"/actions/action.{a}"
        for a in ("innovation", "projects", "enterprises", "integration", "ecosystem")
    ],
    "/actions/action.nope",
    "/departments",
    "/departments/dept.miit",
    "/departments/dept.local_governments",
    "/departments/dept.statistics",
    "/departments/dept.nope",
    "/plan",
    "/indicators",
    "/reconciliation",
    "/search?q=光伏",
    "/search?q=光",
    "/search?q=Photovoltaics",
    "/search?q=lithium",
    "/search?q=医药高新区",
    "/search?q=大海新晨",
    "/search?q=photo&limit=3",
    "/search?q=pv&types=Chain,Technology",
    "/search?q=zzz",
    "/search?q=",
    "/ask?q=光伏在哪些园区？",
    "/ask?q=泰兴经济开发区承载的产业链2027年目标合计",
    "/ask?q=Which parks carry photovoltaics?&lang=en",
    "/ask?q=2027年目标最大的产业链",
    "/ask?q=光伏和泰兴经济开发区有什么关系",
    "/ask?q=南京的光伏园区有哪些",
    "/ask?q=%20",
    "/ask?q=光伏&lang=fr",
    "/graph/neighborhood?id=chain.pv",
    "/graph/neighborhood?id=chain.pv&depth=2&types=CARRIES,IN_GROUP",
    "/graph/neighborhood?id=park.taixing_edz&depth=3",
    "/graph/neighborhood?id=dept.miit&depth=2&types=RESPONSIBLE_FOR,HAS_MEASURE,HAS_TARGET",
    "/graph/neighborhood?id=no.such",
    "/graph/neighborhood?id=chain.pv&types=NOPE",
    "/graph/path?from=park.taixing_edz&to=dept.miit",
    "/graph/path?from=chain.pv&to=tech.perovskite_cell",
    "/graph/path?from=chain.pv&to=chain.pv",
    "/graph/path?from=chain.pv&to=no.such",
    "/graph/path?from=ent.great_wall_motor&to=park.taixing_edz",
    "/export?format=json",
    "/export?format=graphml",
    "/export?format=csv",
    "/export?format=xls",
    "/health",
    "/recommend?q=年产10GW TOPCon高效电池组件项目",
    "/recommend?q=超级奥氏体不锈钢板材&limit=2",
    "/recommend?q=五星级酒店",
    "/recommend?q=LNG carrier shipbuilding",
    "/recommend?q=%20",
    "/recommend?q=光伏&limit=99",
    "/lists",
    "/lists/chains",
    "/lists/park-chains?format=csv",
    "/lists/responsibilities?format=xlsx",
    "/lists/nope",
    "/lists/chains?format=xls",
    # awkward input: Lucene syntax, wildcards, quotes, emoji, NUL, stop words, mixed scripts
    *[
        f"/search?q={q}"
        for q in ("%22", "*", "AND", "a:b", "%5C", "光*", "(", "the", "n", "%F0%9F%98%80", "%00")
    ],
    "/search?q=TOPCon%20电池&limit=200",
    "/search?q=Ⅰ",
    "/chains?q=%25",
    "/chains?q=_",
    "/chains?q=%C4%B0",
    "/chains/%F0%9F%98%80",
    "/parks/%00",
    "/graph/neighborhood?id=%27%29%20RETURN%201",
    "/graph/neighborhood?id=chain.pv&types=,,",
    "/graph/path?from=%00&to=chain.pv",
    # records (none written here: both stores answer from empty records stores)
    "/progress",
    "/progress/chains/chain.pv",
    "/progress/warnings",
    "/progress/chains/park.taixing_edz",
    "/progress/departments/dept.miit",
    "/progress/departments/no.such",
    "/actuals",
    "/actuals?subject=chain.pv",
    "/actuals/template?year=2040",
    "/actuals/export?subject=chain.pv",
    "/assignments",
    "/assignments?subject=chain.pv",
    "/assignments/template",
    "/assignments/export",
    "/candidates?subject=chain.pv",
    "/candidates/template",
    "/candidates/export?subject=chain.pv",
    "/chokepoints",
    "/chokepoints/template",
    "/chokepoints/export",
    "/chains/chain.pv/mechanism",
    "/chains/park.taixing_edz/mechanism",
    "/parks/park.taixing_edz/mechanism",
    "/parks/chain.pv/mechanism",
    "/gaps",
    "/gaps/chains/chain.pv",
    "/gaps/chains/chain.offshore_equipment",
    "/gaps/chains/chain.offshore_equipment?format=csv",
    "/gaps/chains/chain.nev?format=xlsx",
    "/gaps/chains/chain.nope",
    "/gaps/chains/chain.pv?format=pdf",
    "/gaps/parks/park.taixing_edz",
    "/gaps/parks/park.pharma_hitech_zone?format=csv",
    "/gaps/parks/chain.pv",
    "/audit",
]


def _template_regex(template: str) -> re.Pattern[str]:
    """Return a regex matching the paths of an OpenAPI route template (one segment a parameter)."""
    parts = re.split(r"\{[^}]+\}", template)
    return re.compile("[^/]+".join(re.escape(p) for p in parts) + r"\Z")


def test_route_templates_match_exactly() -> None:
    regex = _template_regex("/chains/{id}")
    assert regex.match("/chains/chain.pv")
    assert not regex.match("/chains/chain.pv/parks") and not regex.match("/chains")


def test_urls_cover_every_route(embedded_client: TestClient) -> None:
    """Every GET route under /api/v1 has a URL in ``URLS`` that matches its template exactly
    (the HTML maps are tested in tests/viz, the write routes in tests/records)."""
    paths = embedded_client.get("/openapi.json").json()["paths"]
    covered = {url.split("?")[0] for url in URLS}
    for path in (p for p, ops in paths.items() if p.startswith(V1 + "/") and "get" in ops):
        regex = _template_regex(path.removeprefix(V1))
        assert any(regex.match(u) for u in covered), f"no URL exercises {path}"


@pytest.mark.parametrize("url", URLS)
def test_identical_on_both_stores(
    embedded_client: TestClient, neo4j_client: TestClient, url: str
) -> None:
    embedded = embedded_client.get(V1 + url)
    neo4j = neo4j_client.get(V1 + url)
    assert embedded.status_code < 500, embedded.text
    assert neo4j.status_code == embedded.status_code, neo4j.text
    assert neo4j.headers["content-type"] == embedded.headers["content-type"]
    if url == "/health":  # the backend differs, of course
        body_e, body_n = embedded.json(), neo4j.json()
        assert (body_e.pop("backend"), body_n.pop("backend")) == ("embedded", "neo4j")
        assert body_n == body_e
    else:
        assert neo4j.content == embedded.content


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(V1 + url)
    assert response.status_code == status, response.text
    return response.json()


def test_chain_list_is_paginated_in_annex_order(client: TestClient) -> None:
    page = get(client, "/chains?limit=5&offset=25")
    assert page["total"] == 30 and page["limit"] == 5 and page["offset"] == 25
    assert [c["rank"] for c in page["items"]] == [26, 27, 28, 29, 30]
    everything = get(client, "/chains?limit=200")["items"]
    assert [c["rank"] for c in everything] == list(range(1, 31))
    assert get(client, "/chains?offset=40")["items"] == []


def test_chain_filters(client: TestClient) -> None:
    health = get(client, "/chains?group=group.health")
    assert health["total"] == 9 and {c["group"] for c in health["items"]} == {"group.health"}
    future = get(client, "/chains?tier=tier.future")
    assert future["total"] == 7 and {c["tier"] for c in future["items"]} == {"tier.future"}
    carried = {c["name"] for c in get(client, "/chains?park=park.taixing_edz")["items"]}
    assert carried == {"精细化工", "石油化工", "化工新材料"}  # the metal chains go to 兴化、靖江
    metal = {c["name"] for c in get(client, "/chains?park=park.xinghua_hitech_zone")["items"]}
    assert metal == {"金属材料及制品", "特种合金材料"}
    assert get(client, "/chains?park=group.health")["total"] == 0  # not a park
    lithium = get(client, "/chains?q=锂")["items"]
    assert [c["id"] for c in lithium] == ["chain.lithium_battery"]
    assert get(client, "/chains?group=no.such") == {
        "total": 0,
        "limit": 50,
        "offset": 0,
        "items": [],
    }


def test_chain_detail(client: TestClient) -> None:
    pv = get(client, "/chains/chain.pv")
    assert (pv["revenue_2024"], pv["target_2027"], pv["target_2030"]) == (304, 352, 407)
    assert pv["cagr_2024_2027"] == round((352 / 304) ** (1 / 3) - 1, 4) == 0.0501
    assert pv["cagr_2024_2030"] == round((407 / 304) ** (1 / 6) - 1, 4)
    assert pv["directions"].startswith("做大太阳能电池和组件规模")
    assert pv["group"]["id"] == "group.new_energy" and pv["tier"]["id"] == "tier.emerging"
    parks = {p["id"]: (p["role"], p["via"], p["basis"]) for p in pv["parks"]}
    assert parks == {
        "park.hailing_new_energy_park": ("载体", "group.new_energy", "derived"),
        "park.jiangyan_edz": ("载体", "group.new_energy", "derived"),
    }
    assert all("新能源" in p["assumption"] and p["covers_evidence"] for p in pv["parks"])
    assert "tech.perovskite_cell" in {t["id"] for t in pv["technologies"]}
    related = {(r["id"], r["kind"], r["direction"]) for r in pv["related_chains"]}
    assert ("chain.energy_storage", "synergy", "out") in related
    links = [pv["group"], pv["tier"], *pv["parks"], *pv["technologies"], *pv["related_chains"]]
    assert all(link["source"] and link["evidence"] for link in links)

    nev = get(client, "/chains/chain.nev")
    assert "ent.great_wall_motor" in {e["id"] for e in nev["enterprises"]}
    assert "proj.great_wall_taizhou_base" in {p["id"] for p in nev["projects"]}


def test_park_chain_questions(client: TestClient) -> None:
    pv_parks = get(client, "/chains/chain.pv/parks")
    assert pv_parks["chain"]["name"] == "光伏"
    assert {p["name"] for p in pv_parks["parks"]} == {"海陵新能源产业园", "姜堰经济开发区"}
    edz = get(client, "/parks/park.taixing_edz/chains")
    assert edz["park"]["id"] == "park.taixing_edz"
    assert [c["name"] for c in edz["chains"]] == ["精细化工", "石油化工", "化工新材料"]
    assert all(c["role"] == "核心" and c["basis"] == "derived" for c in edz["chains"])
    assert all(c["assumption"] and c["via"] == "group.new_materials" for c in edz["chains"])
    pharma = get(client, "/parks/park.pharma_hitech_zone/chains")["chains"]
    direct = [c for c in pharma if c["via"] is None]
    assert [(c["id"], c["role"], c["basis"]) for c in direct] == [
        ("chain.synthetic_biology", "先导区", "stated")
    ]
    assert {c["via"] for c in pharma if c["via"]} == {"group.health"}
    assert len(pharma) == 10  # the 9 chains of 大健康 and 合成生物
    bases = get(client, "/parks/park.auto_parts_bases/chains")["chains"]
    assert [(c["id"], c["basis"]) for c in bases] == [
        ("chain.nev", "derived"),
        ("chain.auto_parts", "stated"),  # once: the stated link wins over the layout
    ]


def test_park_detail(client: TestClient) -> None:
    park = get(client, "/parks/park.pharma_hitech_zone")
    assert park["district"]["id"] == "district.gaogang"
    assert {c["id"] for c in park["carries"]} == {"group.health", "chain.synthetic_biology"}
    assert len(park["chains"]) > len(park["carries"])
    assert get(client, "/parks")["total"] == 15


def test_plan_holds_the_system_and_the_overall_goal(client: TestClient, plan_text: str) -> None:
    plan = get(client, "/plan")
    assert plan["system"] == "“大海新晨”产业体系" and plan["system_source"] == "一(一)"
    assert plan["goal"] == "打造长三角具有重要影响力的先进制造业基地"
    assert plan["goal_source"] == "一(一)"
    goal_line = next(line for line in plan_text.splitlines() if line.startswith("坚持以"))
    assert plan["goal"] in goal_line and plan["system"] in goal_line
    assert [d["id"] for d in plan["responsible"]] == ["dept.miit"]
    assert (
        plan["responsible"][0]["evidence"] == "市工业和信息化局负责重点产业链培育提升工作的组织实施"
    )
    assert [t["id"] for t in plan["tiers"]] == ["tier.landmark", "tier.emerging", "tier.future"]
    assert len(plan["actions"]) == 5 and len(plan["safeguards"]) == 5
    assert (plan["annex_total_2027"], plan["industry_target_2030"]) == (7452, 10000)


def test_the_organiser_role_is_plan_wide(client: TestClient) -> None:
    miit = get(client, "/departments/dept.miit")
    assert [(p["id"], p["role"], p["source"]) for p in miit["plan"]] == [
        ("plan.taizhou_chains", "负责", "四(一)")
    ]
    assert "safeguard.organization" in {s["id"] for s in miit["safeguards"]}
    assert get(client, "/departments/dept.ndrc")["plan"] == []


@pytest.mark.parametrize(
    ("action", "units"),
    [
        ("action.innovation", ["ndrc", "science", "miit", "finance"]),
        ("action.projects", ["ndrc", "miit", "ecology", "commerce", "emergency", "market", "tax"]),
        ("action.enterprises", ["science", "miit"]),
        ("action.integration", ["ndrc", "miit", "ecology"]),
        ("action.ecosystem", ["ndrc", "science", "miit", "commerce", "market"]),
    ],
)
def test_responsible_units_in_the_plans_order(
    client: TestClient, action: str, units: list[str]
) -> None:
    """The 责任单位 line's order (发展改革委 before 科技局 …), not the ids' order; then the two
    units of 三(一)'s 落实 clause."""
    responsible = [d["id"] for d in get(client, f"/actions/{action}")["responsible"]]
    local = ["dept.local_governments", "dept.pharma_zone_committee"]
    assert responsible == [f"dept.{u}" for u in units] + local


def test_group_lists_every_park_of_its_chains(client: TestClient) -> None:
    materials = get(client, "/groups/group.new_materials")
    parks = {p["id"]: [c["id"] for c in p["chains"]] for p in materials["parks"]}
    assert parks["park.jingjiang_edz"] == ["chain.metal_materials", "chain.special_alloys"]
    assert len(parks["park.taixing_edz"]) == 3
    smart = get(client, "/groups/group.smart_manufacturing")
    assert [c["id"] for c in smart["also_lists"]] == ["chain.aerospace"]
    carried = {c["id"] for p in smart["parks"] for c in p["chains"]}
    assert carried == {"chain.nev", "chain.auto_parts"}
    recon = {r["indicator"]: r for r in smart["reconciliation"]}[
        "ind.smart_manufacturing_revenue_2027"
    ]
    assert (recon["status"], recon["alternative_value"]) == ("short", 1800)
    assert "空天装备" in recon["explanation"] and "航空航天" in recon["explanation"]


def test_group_detail_with_reconciliation(client: TestClient) -> None:
    groups = get(client, "/groups")
    assert [g["rank"] for g in groups["items"]] == list(range(1, 9))
    assert {g["id"]: g["parent"] for g in groups["items"]}["group.biomedicine"] == "group.health"
    health = get(client, "/groups/group.health")
    assert len(health["chains"]) == 9
    assert {g["id"] for g in health["subgroups"]} == {"group.biomedicine", "group.health_food"}
    recon = {r["indicator"]: r for r in health["reconciliation"]}
    row = recon["ind.health_revenue_2027"]
    assert (row["text_value"], row["annex_value"], row["status"]) == (1500, 1410, "short")
    assert get(client, "/groups/group.biomedicine")["parent"]["id"] == "group.health"


def test_enterprises_and_projects(client: TestClient) -> None:
    assert get(client, "/enterprises")["total"] == 3
    gwm = get(client, "/enterprises/ent.great_wall_motor")
    assert [p["id"] for p in gwm["projects"]] == ["proj.great_wall_taizhou_base"]
    assert {a["id"] for a in gwm["anchors"]} == {"chain.nev", "chain.auto_parts"}
    base = get(client, "/projects/proj.great_wall_taizhou_base")
    assert base["owner"]["id"] == "ent.great_wall_motor"
    assumed = [a for a in base["anchors"] if a["id"] == "chain.auto_parts"]
    assert assumed[0]["role"] == "依托" and assumed[0]["assumption"]
    assert get(client, "/projects")["total"] == 3


def test_technology_is_shared(client: TestClient) -> None:
    tech = get(client, "/technologies/tech.high_end_generic_drugs")
    assert [c["id"] for c in tech["chains"]] == ["chain.chemical_drugs"]
    assert [g["id"] for g in tech["groups"]] == ["group.biomedicine"]
    assert all(link["evidence"] for link in tech["chains"] + tech["groups"])


def test_actions(client: TestClient) -> None:
    actions = get(client, "/actions")
    assert [a["rank"] for a in actions["items"]] == [1, 2, 3, 4, 5]
    innovation = get(client, "/actions/action.innovation")
    targets = {t["id"]: t for m in innovation["measures"] for t in m["targets"]}
    major = targets["target.major_tech_equipment_projects"]
    assert (major["value"], major["unit"], major["period"], major["at_least"]) == (
        10,
        "个",
        "每年",
        True,
    )
    assert [m["rank"] for m in innovation["measures"]] == sorted(
        m["rank"] for m in innovation["measures"]
    )
    responsible = {d["id"]: d["role"] for d in innovation["responsible"]}
    assert responsible["dept.miit"] and all(d["evidence"] for d in innovation["responsible"])


def test_department_responsibility_list(client: TestClient) -> None:
    miit = get(client, "/departments/dept.miit")
    assert [a["id"] for a in miit["actions"]] == [
        "action.innovation",
        "action.projects",
        "action.enterprises",
        "action.integration",
        "action.ecosystem",
    ]
    assert all(a["measures"] and a["role"] and a["evidence"] for a in miit["actions"])
    assert [g["id"] for g in miit["safeguards"]] == ["safeguard.organization"]
    statistics = get(client, "/departments/dept.statistics")
    assert statistics["actions"] == [] and statistics["safeguards"][0]["role"] == "会同"
    assert get(client, "/departments")["total"] == 12


def test_indicators_and_reconciliation(client: TestClient) -> None:
    indicators = get(client, "/indicators")
    assert indicators["total"] == 17
    assert all(i["scope"] for i in indicators["items"])
    table = get(client, "/reconciliation")
    assert table["met"] + table["short"] + table["over"] == len(table["rows"]) > 0
    assert {r["status"] for r in table["rows"]} <= {"met", "short", "over"}


def test_neighborhood(client: TestClient) -> None:
    hood = get(client, "/graph/neighborhood?id=chain.pv&depth=2&types=CARRIES,IN_GROUP")
    assert hood["center"] == "chain.pv" and hood["types"] == ["CARRIES", "IN_GROUP"]
    ids = {n["id"] for n in hood["nodes"]}
    assert {"chain.pv", "group.new_energy", "park.hailing_new_energy_park"} <= ids
    assert {e["type"] for e in hood["edges"]} == {"CARRIES", "IN_GROUP"}
    assert all(e["from"] in ids and e["to"] in ids for e in hood["edges"])
    one = get(client, "/graph/neighborhood?id=chain.pv")
    assert len(one["nodes"]) < len(get(client, "/graph/neighborhood?id=chain.pv&depth=3")["nodes"])


def test_path(client: TestClient) -> None:
    path = get(client, "/graph/path?from=park.taixing_edz&to=dept.miit")
    nodes = [n["id"] for n in path["nodes"]]
    assert nodes[0] == "park.taixing_edz" and nodes[-1] == "dept.miit"
    assert path["length"] == len(path["edges"]) == len(nodes) - 1
    for (a, b), edge in zip(pairwise(nodes), path["edges"], strict=True):
        assert {edge["from"], edge["to"]} == {a, b}
        assert edge["source"] and edge["evidence"]
    same = get(client, "/graph/path?from=chain.pv&to=chain.pv")
    assert same["length"] == 0 and [n["id"] for n in same["nodes"]] == ["chain.pv"]
    assert same["edges"] == []


def test_path_is_the_smallest_of_equal_paths(embedded_client: TestClient) -> None:
    from chainkg.graph_loader.derived import edge_key, ordered_path

    store = embedded_client.app.state.store  # type: ignore[attr-defined]
    rows = store.run("paths", **{"from": "chain.pv", "to": "dept.ndrc"})
    assert len(rows) > 1
    candidates = sorted(
        (p[0], [edge_key(e) for e in p[1]]) for p in (ordered_path(r) for r in rows)
    )
    path = get(embedded_client, "/graph/path?from=chain.pv&to=dept.ndrc")
    assert [n["id"] for n in path["nodes"]] == candidates[0][0]
    assert [e["key"] for e in path["edges"]] == candidates[0][1]


def test_exports(client: TestClient) -> None:
    as_json = client.get(V1 + "/export?format=json")
    graph = as_json.json()
    health = get(client, "/health")
    assert len(graph["nodes"]) == health["nodes"] and len(graph["edges"]) == health["relationships"]
    assert "attachment" in as_json.headers["content-disposition"]

    graphml = client.get(V1 + "/export?format=graphml")
    assert graphml.headers["content-type"].startswith("application/graphml+xml")
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    root = ElementTree.fromstring(graphml.content)
    assert len(root.findall(".//g:node", ns)) == health["nodes"]
    assert len(root.findall(".//g:edge", ns)) == health["relationships"]

    csv_zip = client.get(V1 + "/export?format=csv")
    assert csv_zip.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(csv_zip.content)) as archive:
        assert archive.namelist() == ["nodes.csv", "edges.csv"]
        nodes = archive.read("nodes.csv").decode("utf-8-sig").splitlines()
        edges = archive.read("edges.csv").decode("utf-8-sig").splitlines()
    assert nodes[0].startswith("id,type,name,name_en") and len(nodes) == health["nodes"] + 1
    assert edges[0].startswith("key,from,type,to") and len(edges) == health["relationships"] + 1
    assert any(line.startswith("chain.pv,Chain,光伏,Photovoltaics") for line in nodes)


def test_health(client: TestClient, request: pytest.FixtureRequest) -> None:
    health = get(client, "/health")
    assert health["backend"] == request.node.callspec.params["store"]
    assert health["reachable"] is True
    # the plan's 30 chains, 3 tiers, 5 actions, one plan; the 25 chain relations of the seed
    # and the two sub-groups of 大健康
    labels, types = health["labels"], health["types"]
    assert (labels["Chain"], labels["Tier"], labels["Action"], labels["Plan"]) == (30, 3, 5, 1)
    assert (types["RELATES_TO"], types["SUBGROUP_OF"]) == (25, 2)
    assert health["nodes"] == sum(labels.values())
    assert health["relationships"] == sum(types.values())
