"""The working mechanism over HTTP, on both stores (SQLite beside the embedded graph, Neo4j
beside Neo4j): 挂钩 assignments, 招商 candidates with their stage history, 卡脖子 items;
writes checked all or nothing, deletes, the audit, the details that show them, a plan reload."""

from __future__ import annotations

from typing import Any

import pytest

from chainkg.api.errors import PROBLEM_MEDIA_TYPE
from chainkg.api.main import create_app
from chainkg.graph_loader.graph import PlanGraph
from chainkg.graph_loader.neo4j_loader import load_graph
from chainkg.graph_loader.store import EmbeddedStore, GraphStore, Neo4jStore
from chainkg.records.store import RecordsStore
from tests.api.conftest import TestClient
from tests.records.conftest import Keys
from tests.records.test_actuals_api import refused, without

V1 = "/api/v1"


def assignment(subject: str = "chain.pv", **fields: Any) -> dict[str, Any]:
    return {
        "subject": subject,
        "leader": "张示例",
        "leader_title": "副市长",
        "department": "工信局",
        "task_force": "光伏专班",
        "source": "示例文件〔2025〕1号",
        **fields,
    }


def candidate(enterprise: str = "示例甲", **fields: Any) -> dict[str, Any]:
    return {
        "subject": "chain.pv",
        "enterprise": enterprise,
        "category": "链主",
        "direction": "钙钛矿电池",
        "stage": "线索",
        "source": "示例招商台账",
        **fields,
    }


def post(api: TestClient, keys: Keys, plural: str, *records: dict[str, Any]) -> dict[str, Any]:
    response = api.post(f"{V1}/{plural}", json={"records": list(records)}, headers=keys["editor"])
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    result: dict[str, Any] = response.json()
    return result


# ---------------------------------------------------------------- assignments


def test_an_assignment_is_written_read_and_shown_in_the_details(
    api: TestClient, keys: Keys
) -> None:
    result = post(api, keys, "assignments", assignment(), assignment("park.taixing_edz"))
    assert result["created"] == 2
    listed = api.get(f"{V1}/assignments", params={"subject": "chain.pv"}).json()
    (item,) = listed["items"]
    assert item["department"] == "dept.miit"  # a name is stored as the department's id
    assert item["leader"] == "张示例" and item["written_by"] == "test-editor"
    chain = api.get(f"{V1}/chains/chain.pv").json()
    assert chain["assignment"]["leader"] == "张示例"
    assert chain["assignment"]["department"]["name"] == "市工业和信息化局"
    assert chain["assignment"]["source"] == "示例文件〔2025〕1号"
    assert chain["pipeline"]["total"] == 0
    park = api.get(f"{V1}/parks/park.taixing_edz").json()
    assert park["assignment"]["task_force"] == "光伏专班"
    assert api.get(f"{V1}/parks/park.jiangyan_edz").json()["assignment"] is None
    post(api, keys, "assignments", assignment("proj.cnooc_phase2"), assignment("ent.cnooc"))
    assert api.get(f"{V1}/projects/proj.cnooc_phase2").json()["assignment"]["leader"] == "张示例"
    assert api.get(f"{V1}/enterprises/ent.cnooc").json()["assignment"] is not None


def test_an_assignment_is_replaced_and_deleted_and_both_are_audited(
    api: TestClient, keys: Keys, records: RecordsStore
) -> None:
    post(api, keys, "assignments", assignment())
    again = post(api, keys, "assignments", assignment(leader="李示例", department="dept.commerce"))
    assert again["replaced"] == 1
    same = post(api, keys, "assignments", assignment(leader="李示例", department="市商务局"))
    assert same["unchanged"] == 1 and same["audit_id"] is None  # the name is the same id
    gone = api.delete(f"{V1}/assignments", params={"subject": "chain.pv"}, headers=keys["editor"])
    assert gone.status_code == 200 and gone.json()["deleted"] == 1
    assert api.get(f"{V1}/chains/chain.pv").json()["assignment"] is None
    missing = api.delete(
        f"{V1}/assignments", params={"subject": "chain.pv"}, headers=keys["editor"]
    )
    assert missing.status_code == 404 and missing.headers["content-type"] == PROBLEM_MEDIA_TYPE
    audit = api.get(f"{V1}/audit", params={"kind": "assignment"}, headers=keys["admin"]).json()
    assert [e["action"] for e in audit["items"]] == [
        "assignments.delete",
        "assignments.write",
        "assignments.write",
    ]
    deleted = audit["items"][0]["records"][0]
    assert deleted["before"]["leader"] == "李示例" and deleted["after"] is None
    assert audit["items"][0]["key_name"] == "test-editor"
    replaced = audit["items"][1]["records"][0]
    assert (replaced["before"]["leader"], replaced["after"]["leader"]) == ("张示例", "李示例")
    assert records.records("assignment") == []


BAD_ASSIGNMENTS = [
    ([assignment(department="无此部门")], {"records.0.department"}, "no department"),
    (
        [{"subject": "chain.pv", "source": "文件", "note": "nothing else"}],
        {"records.0.leader"},
        "give a leader",
    ),
    ([assignment(leader=None)], {"records.0.leader"}, "title"),
    ([assignment(task_force=None, task_force_contact="0523")], {"records.0.task_force"}, ""),
    ([assignment("tech.perovskite_cell")], {"records.0.subject"}, "is a Technology"),
    ([assignment("dept.miit")], {"records.0.subject"}, "is a Department"),
    ([assignment(), assignment()], {"records.1.subject"}, "same subject"),
    ([assignment(source="")], {"records.0.source"}, ""),
]


# ---------------------------------------------------------------- candidates


def test_a_candidate_keeps_the_history_of_its_stages(api: TestClient, keys: Keys) -> None:
    post(api, keys, "candidates", candidate())
    post(api, keys, "candidates", candidate(stage="in talks", source="洽谈纪要"))
    post(api, keys, "candidates", candidate(stage="在谈", note="只改备注", source="洽谈纪要"))
    post(api, keys, "candidates", candidate(stage="签约", stage_date="2025/6/30", source="协议"))
    (item,) = api.get(f"{V1}/candidates", params={"subject": "chain.pv"}).json()["items"]
    assert item["stage"] == "签约" and item["stage_date"] == "2025-06-30"
    history = item["history"]
    assert [(h["previous"] or {}).get("stage") for h in history] == [None, "线索", "在谈"]
    assert [h["values"]["stage"] for h in history] == ["线索", "在谈", "签约"]
    assert [h["source"] for h in history] == ["示例招商台账", "洽谈纪要", "协议"]
    assert all(h["written_by"] == "test-editor" and h["time"] for h in history)
    assert history == sorted(history, key=lambda h: h["audit_id"])
    detail = api.get(f"{V1}/chains/chain.pv").json()["pipeline"]
    assert detail == {
        "counts": {"线索": 0, "在谈": 0, "签约": 1, "开工": 0, "投产": 0},
        "total": 1,
        "signed": 1,
    }
    mechanism = api.get(f"{V1}/chains/chain.pv/mechanism").json()
    (found,) = mechanism["candidates"]
    assert found["direction_ref"]["id"] == "tech.perovskite_cell"
    assert found["category_en"] == "chain leader" and found["stage_en"] == "signed"
    assert len(found["history"]) == 3


BAD_CANDIDATES = [
    ([candidate(stage="谈好了")], {"records.0.stage"}, ""),
    ([candidate(category="龙头")], {"records.0.category"}, ""),
    ([candidate(direction="tech.hydrogen_storage")], {"records.0.direction"}, "not a focus"),
    ([candidate(park="无此园区")], {"records.0.park"}, "no park"),
    ([candidate(department="park.taixing_edz")], {"records.0.department"}, "no department"),
    ([candidate(stage_date="2025-02-30")], {"records.0.stage_date"}, "date"),
    ([candidate(subject="park.taixing_edz")], {"records.0.subject"}, "is a Park"),
    ([candidate(), candidate()], {"records.1.subject"}, "same subject and enterprise"),
]


BAD = [("assignments", *case) for case in BAD_ASSIGNMENTS] + [
    ("candidates", *case) for case in BAD_CANDIDATES
]


@pytest.mark.parametrize(("plural", "batch", "fields", "reason"), BAD)
def test_a_bad_record_writes_nothing(
    api: TestClient,
    keys: Keys,
    records: RecordsStore,
    plural: str,
    batch: list[dict[str, Any]],
    fields: set[str],
    reason: str,
) -> None:
    refused(api, keys, records, plural, batch, fields, reason)


def test_candidates_are_deleted_by_chain_and_enterprise(
    api: TestClient, keys: Keys, records: RecordsStore
) -> None:
    post(api, keys, "candidates", candidate(), candidate("示例乙", stage="签约"))
    params = {"subject": "chain.pv", "enterprise": "示例乙"}
    assert api.delete(f"{V1}/candidates", params=params).status_code == 401
    assert api.delete(f"{V1}/candidates", params=params, headers=keys["viewer"]).status_code == 403
    assert (
        api.delete(f"{V1}/candidates", params=params, headers=keys["editor"]).json()["deleted"] == 1
    )
    assert [r.fields["enterprise"] for r in records.records("candidate")] == ["示例甲"]
    unknown = api.delete(f"{V1}/candidates", params={"subject": "chain.pv"}, headers=keys["editor"])
    assert unknown.status_code == 422  # the enterprise is part of the key
    extra = api.delete(
        f"{V1}/candidates", params={**params, "stage": "签约"}, headers=keys["editor"]
    )
    assert extra.status_code == 422


# ---------------------------------------------------------------- 卡脖子


def test_chokepoints_are_written_with_their_direction(api: TestClient, keys: Keys) -> None:
    item = {
        "subject": "chain.pv",
        "item": "钙钛矿叠层稳定性",
        "direction": "钙钛矿",
        "status": "in progress",
        "source": "示例科技局梳理",
    }
    post(api, keys, "chokepoints", item)
    (stored,) = api.get(f"{V1}/chokepoints").json()["items"]
    assert stored["status"] == "攻关中" and stored["history"][0]["values"] == {"status": "攻关中"}
    (found,) = api.get(f"{V1}/chains/chain.pv/mechanism").json()["chokepoints"]
    assert found["direction_ref"]["id"] == "tech.perovskite_cell"
    gap = api.get(f"{V1}/gaps/chains/chain.pv").json()
    perovskite = next(d for d in gap["directions"] if d["id"] == "tech.perovskite_cell")
    assert perovskite["chokepoints"][0]["item"] == "钙钛矿叠层稳定性"
    assert perovskite["status"] == "open"  # a 卡脖子 item covers nothing


# ---------------------------------------------------------------- a plan reload keeps it all


def test_a_plan_reload_keeps_the_mechanism_and_reports_orphans(
    store: GraphStore, records: RecordsStore, keys: Keys, graph: PlanGraph
) -> None:
    with TestClient(create_app(store, records=records)) as client:
        post(client, keys, "assignments", assignment(), assignment("chain.hydrogen"))
        post(client, keys, "candidates", candidate(stage="签约"))
        before = client.get(f"{V1}/gaps/chains/chain.pv").json()
    smaller = without(graph, "chain.hydrogen")
    if isinstance(store, Neo4jStore):
        load_graph(store.driver, store.database, graph)  # the same plan again
        load_graph(store.driver, store.database, smaller)
        reloaded: GraphStore = store
    else:
        reloaded = EmbeddedStore(smaller)
    try:
        with TestClient(create_app(reloaded, records=records)) as client:
            listed = client.get(f"{V1}/assignments").json()
            assert listed["total"] == 2
            assert [o["subject"] for o in listed["orphans"]] == ["chain.hydrogen"]
            after = client.get(f"{V1}/gaps/chains/chain.pv").json()
            assert after["directions"] == before["directions"]
            assert client.get(f"{V1}/chains/chain.pv").json()["assignment"]["leader"] == "张示例"
    finally:
        if isinstance(store, Neo4jStore):
            load_graph(store.driver, store.database, graph)
    assert len(records.records()) == 3


def test_writes_never_change_the_plan_graph(api: TestClient, keys: Keys, store: GraphStore) -> None:
    before = store.run("subgraph", labels=None)
    post(api, keys, "assignments", assignment())
    post(api, keys, "candidates", candidate(stage="投产"))
    assert store.run("subgraph", labels=None) == before
