"""Progress against the plan's targets, on both stores: the straight path, statuses and their
tolerance, the growth now needed, yearly and dated targets, indicators, groups, departments,
预警, and the pages and panels that draw them."""

from __future__ import annotations

import math
from typing import Any

import pytest

from chainkg.graph_loader.store import GraphStore
from chainkg.records import progress as p
from chainkg.records.actuals import ACTUALS, ActualIn
from chainkg.records.store import RecordsStore
from chainkg.records.validate import write_records
from tests.api.conftest import TestClient


def record(records: RecordsStore, store: GraphStore, *rows: tuple[str, int, float]) -> None:
    items = [ActualIn(subject=s, year=y, value=v, source="测试") for s, y, v in rows]
    write_records(ACTUALS, items, store, records, actor="t", action="actuals.write")


def figures(store: GraphStore, chain: str) -> tuple[float, float, float]:
    node = store.run("node", id=chain)[0]["node"]
    return node["revenue_2024"], node["target_2027"], node["target_2030"]


def straight(base: float, target: float, years: int, step: int) -> float:
    return float(base * (target / base) ** (step / years))


def test_the_path_runs_through_the_annex_figures(store: GraphStore, records: RecordsStore) -> None:
    chain, version = p.chain_progress_of(store, records, "chain.pv")
    r24, t27, t30 = figures(store, "chain.pv")
    assert version == 0 and chain.status == "no_data" and chain.latest is None
    path = {pt.year: pt.value for pt in chain.path}
    assert list(path) == list(range(2024, 2031))
    assert (path[2024], path[2027], path[2030]) == (r24, t27, t30)
    assert path[2025] == pytest.approx(straight(r24, t27, 3, 1), abs=0.005)
    assert path[2029] == pytest.approx(straight(t27, t30, 3, 2), abs=0.005)
    assert path[2025] == 319.22  # 304 × (352/304)^(1/3), by hand
    assert "straight compound-growth path" in chain.assumption


@pytest.mark.parametrize(
    ("factor", "status"),
    [
        (1.035, "ahead"),
        (1.029, "on_track"),
        (1.0, "on_track"),
        (0.971, "on_track"),
        (0.965, "behind"),
    ],
)
def test_the_status_uses_a_three_percent_tolerance(
    store: GraphStore, records: RecordsStore, factor: float, status: str
) -> None:
    r24, t27, _ = figures(store, "chain.hydrogen")
    path = straight(r24, t27, 3, 1)
    value = round(path * factor, 3)
    record(records, store, ("chain.hydrogen", 2025, value))
    chain, _ = p.chain_progress_of(store, records, "chain.hydrogen")
    assert chain.status == status and chain.latest is not None
    assert chain.latest.gap == pytest.approx(value / path - 1, abs=0.00006)


def test_the_growth_now_needed(store: GraphStore, records: RecordsStore) -> None:
    _r24, t27, t30 = figures(store, "chain.pv")
    record(records, store, ("chain.pv", 2025, 300), ("chain.pv", 2028, 360))
    chain, _ = p.chain_progress_of(store, records, "chain.pv")
    assert [a.year for a in chain.actuals] == [2025, 2028]
    assert chain.latest is not None and chain.latest.year == 2028
    assert chain.latest.expected == pytest.approx(straight(t27, t30, 3, 1), abs=0.005)
    assert chain.next_target_year == 2030
    assert chain.growth_needed == round(math.sqrt(t30 / 360) - 1, 4)
    record(records, store, ("chain.pv", 2028, 352))  # replaced: still behind?
    record(records, store, ("chain.hydrogen", 2025, 1))
    hydrogen, _ = p.chain_progress_of(store, records, "chain.hydrogen")
    h24, h27, _ = figures(store, "chain.hydrogen")
    assert hydrogen.next_target_year == 2027
    assert hydrogen.growth_needed == round(math.sqrt(h27 / 1) - 1, 4)
    assert hydrogen.growth_planned == round((h27 / straight(h24, h27, 3, 1)) ** 0.5 - 1, 4)


def test_a_yearly_target_year_by_year(store: GraphStore, records: RecordsStore) -> None:
    record(
        records,
        store,
        ("target.investment_projects_100m", 2025, 540),
        ("measure.projects_1", 2026, 610),  # the measure's one target
        ("target.hundred_billion_enterprises", 2025, 11),
        ("target.hundred_billion_enterprises", 2026, 16),
    )
    plan = p.plan_progress(store, records)
    targets = {t.id: t for m in plan.measures for t in m.targets}
    yearly = targets["target.investment_projects_100m"]
    assert [(a.year, a.value, a.expected, a.status) for a in yearly.actuals] == [
        (2025, 540, 600, "behind"),
        (2026, 610, 600, "on_track"),
    ]
    assert yearly.actuals[1].subject == "measure.projects_1"
    assert yearly.status == "on_track" and yearly.assumption is None
    dated = targets["target.hundred_billion_enterprises"]
    assert [(a.year, a.status) for a in dated.actuals] == [(2025, "not_due"), (2026, "ahead")]
    assert dated.assumption is not None
    measure = next(m for m in plan.measures if m.id == "measure.projects_1")
    assert measure.status == "on_track"
    assert next(m for m in plan.measures if m.id == "measure.innovation_1").status == "no_data"


def test_a_measure_with_two_targets_is_kept_but_not_judged(
    store: GraphStore, records: RecordsStore
) -> None:
    record(records, store, ("measure.innovation_3", 2025, 90), ("measure.innovation_1", 2025, 3))
    measures = {m.id: m for m in p.plan_progress(store, records).measures}
    two = measures["measure.innovation_3"]
    assert len(two.targets) == 2 and all(t.status == "no_data" for t in two.targets)
    assert [(a.year, a.value, a.status) for a in two.unjudged] == [(2025, 90, "no_data")]
    assert [a.value for a in measures["measure.innovation_1"].unjudged] == [3]


def test_indicators_against_their_paths(store: GraphStore, records: RecordsStore) -> None:
    record(
        records,
        store,
        ("ind.revenue_2027", 2025, 6500),
        ("ind.energy_intensity_reduction_2027", 2025, 2),
        ("ind.rd_intensity_2027", 2025, 2.9),
        ("ind.green_manufacturing_demos_2027", 2026, 150),
        ("ind.specialized_smes_2027", 2027, 850),
    )
    indicators = {i.id: i for i in p.plan_progress(store, records).indicators}
    chains = [r["node"] for r in store.run("nodes", label="Chain")]
    base = sum(c["revenue_2024"] for c in chains)
    revenue = indicators["ind.revenue_2027"].latest
    assert revenue is not None
    assert revenue.expected == pytest.approx(straight(base, 7500, 3, 1), abs=0.01)
    assert f"{base:g}" in str(indicators["ind.revenue_2027"].assumption)
    falling = indicators["ind.energy_intensity_reduction_2027"].latest
    assert falling is not None and falling.status == "behind"
    assert falling.expected == pytest.approx(100 * (1 - 0.9 ** (1 / 3)), abs=0.01)
    assert indicators["ind.rd_intensity_2027"].status == "ahead"  # reached before its year
    assert indicators["ind.green_manufacturing_demos_2027"].status == "not_due"
    smes = indicators["ind.specialized_smes_2027"].latest
    assert smes is not None and smes.status == "behind" and smes.expected == 900
    assert indicators["ind.digital_economy_share_2027"].status == "no_data"


def test_groups_departments_and_warnings(store: GraphStore, records: RecordsStore) -> None:
    group = [
        r["node"]["id"]
        for r in store.run("chains", group="group.new_energy", tier=None, park=None, q=None)
    ]
    rows = []
    for chain in group:
        r24, t27, _ = figures(store, chain)
        rows.append((chain, 2025, round(straight(r24, t27, 3, 1) * 0.9, 2)))
    record(records, store, *rows, ("target.tech_renovation_projects", 2025, 400))
    plan = p.plan_progress(store, records)
    energy = next(g for g in plan.groups if g.id == "group.new_energy")
    assert energy.status == "behind" and energy.counts["behind"] == len(group)
    assert energy.total is not None and energy.total.complete
    assert energy.total.chains_reported == len(group) == energy.total.chains
    assert energy.total.gap == pytest.approx(-0.1, abs=0.0005)
    assert plan.total is not None and not plan.total.complete
    assert plan.counts["behind"] == len(group) and plan.counts["no_data"] == 30 - len(group)
    kinds = {(w.type, w.id) for w in plan.warnings}
    assert {("Chain", c) for c in group} | {("Group", "group.new_energy")} <= kinds
    assert ("Target", "target.tech_renovation_projects") in kinds
    assert [w.gap for w in plan.warnings] == sorted(w.gap or 0 for w in plan.warnings)
    commerce = p.department_progress(store, records, "dept.commerce")
    assert [a.id for a in commerce.actions] == ["action.projects", "action.ecosystem"]
    assert commerce.status == "behind" and commerce.counts["behind"] == 1
    assert sum(commerce.counts.values()) == sum(len(m.targets) for m in commerce.measures)
    science = p.department_progress(store, records, "dept.science")
    assert "action.projects" not in {a.id for a in science.actions}
    assert science.status == "no_data"
    with pytest.raises(p.UnknownSubject):
        p.department_progress(store, records, "chain.pv")


def test_the_progress_api(api: TestClient, records: RecordsStore, store: GraphStore) -> None:
    record(records, store, ("chain.pv", 2025, 300))
    whole = api.get("/api/v1/progress")
    assert whole.status_code == 200 and whole.headers["x-records-version"] == "1"
    body: dict[str, Any] = whole.json()
    assert body["records_version"] == 1 and body["tolerance"] == 0.03
    assert len(body["chains"]) == 30 and len(body["groups"]) == 8
    assert {g["id"] for g in body["groups"]} >= {"group.new_energy", "group.health"}
    chain = api.get("/api/v1/progress/chains/chain.pv").json()
    assert chain["status"] == "behind" and chain["latest"]["expected"] == 319.22
    assert api.get("/api/v1/progress/chains/park.taixing_edz").status_code == 404
    dept = api.get("/api/v1/progress/departments/dept.miit").json()
    assert dept["id"] == "dept.miit" and dept["measures"]
    assert api.get("/api/v1/progress/departments/dept.nope").status_code == 404
    warnings = api.get("/api/v1/progress/warnings").json()
    assert warnings == body["warnings"] and warnings[0]["id"] == "chain.pv"


def test_the_page_and_the_panels(api: TestClient, records: RecordsStore, store: GraphStore) -> None:
    record(records, store, ("chain.pv", 2025, 300), ("target.investment_projects_100m", 2025, 620))
    page = api.get("/progress")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    html = page.text
    assert html.count('class="chart chain-chart"') == 30
    assert 'data-id="chain.pv" data-status="behind"' in html
    assert "预警" in html and "Warnings" in html
    assert "http://" not in html.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in html and " on" + "click" not in html and "style=" not in html
    chain_map = api.get("/maps/chains/chain.pv").text
    assert 'id="progress-panel"' in chain_map and 'data-status="behind"' in chain_map
    dept_map = api.get("/maps/departments/dept.commerce").text
    assert 'id="progress-panel"' in dept_map and 'class="chart target-bars"' in dept_map
    assert 'id="progress-panel"' not in api.get("/maps/parks/park.taixing_edz").text
    assert 'href="/progress"' in api.get("/").text
