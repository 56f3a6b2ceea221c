"""The gap view (补链), on both stores: which focus directions are covered, by what, and which
are open; per chain, per park, as the 补链清单."""

from __future__ import annotations

import csv
import io
from typing import Any

from chainkg.graph_loader.store import GraphStore
from chainkg.records.gaps import all_gaps, chain_gaps
from tests.api.conftest import TestClient
from tests.records.conftest import Keys
from tests.records.test_mechanism import V1, candidate, post


def focus(store: GraphStore, chain: str) -> set[str]:
    """The chain's focus directions, from the catalog."""
    return {
        r["other"]["id"]
        for r in store.run("links", id=chain)
        if r["type"] == "FOCUSES_ON" and r["direction"] == "out"
    }


def gap(api: TestClient, chain: str) -> dict[str, Any]:
    response = api.get(f"{V1}/gaps/chains/{chain}")
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def statuses(body: dict[str, Any]) -> dict[str, str]:
    return {d["id"]: d["status"] for d in body["directions"]}


def test_a_chain_without_candidates_has_every_direction_open_and_a_signed_one_closes_one(
    api: TestClient, keys: Keys, store: GraphStore
) -> None:
    directions = focus(store, "chain.pv")
    before = gap(api, "chain.pv")
    assert set(statuses(before)) == directions and len(directions) == 10
    assert set(statuses(before).values()) == {"open"}
    assert before["counts"] == {"covered": 0, "open": 10}
    # a candidate still in talks pursues the direction but does not cover it
    post(api, keys, "candidates", candidate(direction="tech.smart_inverters", stage="在谈"))
    talks = gap(api, "chain.pv")
    assert set(statuses(talks).values()) == {"open"}
    inverters = next(d for d in talks["directions"] if d["id"] == "tech.smart_inverters")
    assert [c["name"] for c in inverters["pursued"]] == ["示例甲"]
    # signed: that direction, and only it, is covered, by the candidate
    post(api, keys, "candidates", candidate(direction="tech.smart_inverters", stage="签约"))
    after = gap(api, "chain.pv")
    assert {k for k, v in statuses(after).items() if v == "covered"} == {"tech.smart_inverters"}
    assert after["counts"] == {"covered": 1, "open": 9}
    assert [d["status"] for d in after["directions"]][-1] == "covered"  # open first
    (cover,) = after["directions"][-1]["covers"]
    assert cover["by"] == "candidate" and cover["stage"] == "签约"
    assert cover["written_by"] == "test-editor" and cover["source"] == "示例招商台账"
    assert cover["assumption"] is None  # named by id: nothing assumed


def test_a_direction_read_from_other_words_says_what_it_assumes(
    api: TestClient, keys: Keys
) -> None:
    post(api, keys, "candidates", candidate(direction="组串式逆变器", stage="投产"))
    body = gap(api, "chain.pv")
    (covered,) = [d for d in body["directions"] if d["status"] == "covered"]
    assert covered["id"] == "tech.smart_inverters"  # its alias 逆变器 is part of the words
    assert "组串式逆变器" in covered["covers"][0]["assumption"]
    post(api, keys, "candidates", candidate("示例乙", direction="光伏玻璃", stage="签约"))
    other = gap(api, "chain.pv")["other"]  # a direction the annex does not list for 光伏
    assert [c["name"] for c in other] == ["示例乙"]


def test_the_plan_covers_a_direction_only_where_it_ties_them(api: TestClient) -> None:
    """亚星锚链 is tied to the two mooring-chain directions in one clause; 长城汽车泰州基地 is the
    core of 新能源汽车 but tied to no direction: listed as an anchor, covering none."""
    offshore = gap(api, "chain.offshore_equipment")
    covered = {d["id"]: d for d in offshore["directions"] if d["status"] == "covered"}
    assert set(covered) == {
        "tech.floating_wind_mooring_chains",
        "tech.next_gen_offshore_mooring_chains",
    }
    for d in covered.values():
        (cover,) = d["covers"]
        assert cover["id"] == "ent.asian_star_anchor_chain" and cover["by"] == "plan"
        assert "亚星锚链" in cover["evidence"] and cover["assumption"] is None
    nev = gap(api, "chain.nev")
    assert nev["counts"]["covered"] == 0
    assert {a["id"] for a in nev["anchors"]} == {
        "ent.great_wall_motor",
        "proj.great_wall_taizhou_base",
    }


def test_a_park_counts_what_is_in_it(api: TestClient, keys: Keys) -> None:
    post(
        api,
        keys,
        "candidates",
        candidate(direction="tech.smart_inverters", stage="签约", park="park.jiangyan_edz"),
    )
    here = api.get(f"{V1}/gaps/parks/park.jiangyan_edz").json()
    elsewhere = api.get(f"{V1}/gaps/parks/park.hailing_new_energy_park").json()

    def inverters(view: dict[str, Any]) -> dict[str, Any]:
        pv = next(c for c in view["chains"] if c["chain"]["id"] == "chain.pv")
        assert pv["carried"]["basis"] == "derived" and pv["carried"]["assumption"]
        return next(d for d in pv["directions"] if d["id"] == "tech.smart_inverters")

    assert inverters(here)["status"] == "covered"
    assert inverters(elsewhere)["status"] == "open"
    assert [c["name"] for c in inverters(elsewhere)["elsewhere"]] == ["示例甲"]
    assert here["counts"]["covered"] == 1 and elsewhere["counts"]["covered"] == 0


def test_the_gaps_come_as_a_list_and_as_files(
    api: TestClient, keys: Keys, store: GraphStore
) -> None:
    post(api, keys, "candidates", candidate(direction="tech.smart_inverters", stage="开工"))
    listed = api.get(f"{V1}/lists/gaps").json()
    assert len(listed["rows"]) == sum(len(g.directions) for g in all_gaps(store, None))
    pv = [r for r in listed["rows"] if r["chain"] == "光伏"]
    assert [r["status"] for r in pv][:9] == ["待补链"] * 9 and pv[9]["status"] == "已覆盖"
    assert "示例甲" in pv[9]["covers"] and all(r["source"] for r in listed["rows"])
    text = api.get(f"{V1}/gaps/chains/chain.pv", params={"format": "csv"}).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 10 and rows[-1]["状态"] == "已覆盖"
    index = api.get(f"{V1}/gaps").json()
    assert len(index["items"]) == 30
    assert next(i for i in index["items"] if i["chain"]["id"] == "chain.pv")["counts"] == {
        "covered": 1,
        "open": 9,
    }


def test_the_plan_only_view_is_the_same_on_both_stores(store: GraphStore) -> None:
    """Without records the gap view rests on the plan alone, and both stores give it."""
    view = chain_gaps(store, None, "chain.offshore_equipment")
    assert view.counts == {"covered": 2, "open": 8} and view.records_version == 0
