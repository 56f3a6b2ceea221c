"""Search through the API: Chinese, English, aliases, one character, partial words."""

from __future__ import annotations

from typing import Any

from tests.api.conftest import TestClient


def hits(client: TestClient, q: str, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/search", params={"q": q, **params})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["q"] == q and body["total"] >= len(body["hits"])
    result: list[dict[str, Any]] = body["hits"]
    return result


def test_chinese_name_ranks_the_exact_match_first(client: TestClient) -> None:
    found = hits(client, "光伏")
    assert found[0]["id"] == "chain.pv" and found[0]["match"] == "exact"
    assert found[0]["type"] == "Chain" and found[0]["name"] == "光伏"
    assert len(found) > 1 and all(h["match"] != "exact" for h in found[1:])


def test_english_name(client: TestClient) -> None:
    found = hits(client, "Photovoltaics")
    assert found[0]["id"] == "chain.pv" and found[0]["name_en"] == "Photovoltaics"
    lithium = hits(client, "lithium")
    assert lithium[0]["id"] == "chain.lithium_battery"
    assert all("lithium" in h["matched"].lower() for h in lithium)


def test_alias(client: TestClient) -> None:
    found = hits(client, "医药高新区")
    assert found[0]["id"] == "park.pharma_hitech_zone" and found[0]["match"] == "alias"
    short = hits(client, "PV", types="Chain")
    assert short[0]["id"] == "chain.pv" and short[0]["match"] == "alias"


def test_one_character(client: TestClient) -> None:
    found = hits(client, "光", limit=200)
    assert "chain.pv" in {h["id"] for h in found}
    assert all("光" in h["matched"] for h in found)


def test_partial_words(client: TestClient) -> None:
    photo = hits(client, "photo")
    assert photo[0]["id"] == "chain.pv" and photo[0]["match"] == "prefix"
    middle = hits(client, "voltaic")
    assert "chain.pv" in {h["id"] for h in middle}
    assert {h["match"] for h in middle} <= {"prefix", "substring"}
    assert "chain.lithium_battery" in {h["id"] for h in hits(client, "锂电")}


def test_ranking_order(client: TestClient) -> None:
    rank = {"exact": 0, "alias": 1, "prefix": 2, "substring": 3}
    found = hits(client, "电池", limit=200)
    assert [rank[h["match"]] for h in found] == sorted(rank[h["match"]] for h in found)


def test_limit_and_types(client: TestClient) -> None:
    assert len(hits(client, "光", limit=2)) == 2
    assert {h["type"] for h in hits(client, "泰兴", types="Park,Chain")} <= {"Park", "Chain"}
    assert hits(client, "zzz") == []


def test_total_counts_every_match_and_limit_cuts_the_hits(client: TestClient) -> None:
    every = hits(client, "光伏", limit=200)
    response = client.get("/api/v1/search", params={"q": "光伏", "limit": 2})
    body = response.json()
    assert body["total"] == len(every) > 2
    assert body["hits"] == every[:2]


def test_the_system_by_its_name(client: TestClient) -> None:
    """“大海新晨”产业体系 is the name of the 30-chain system the plan builds (一(一))."""
    for q in ("大海新晨", "“大海新晨”产业体系", "大海新晨产业体系", "Da-Hai-Xin-Chen"):
        found = hits(client, q)
        assert found[0]["id"] == "plan.taizhou_chains", q
    assert hits(client, "大海新晨")[0]["match"] == "alias"


def test_aliases_the_plan_uses_for_one_thing_find_it_first(client: TestClient) -> None:
    """储能 is the 新型储能 chain, CGT the 细胞和基因技术 chain; 化学新材料 is only in the
    park's name 化学新材料产业园 (docs/decisions/core.md)."""
    assert [h["id"] for h in hits(client, "储能") if h["match"] == "alias"] == [
        "chain.energy_storage"
    ]
    assert [h["id"] for h in hits(client, "CGT")] == ["chain.cell_gene"]
    chemical = hits(client, "化学新材料")
    assert chemical[0]["id"] == "park.chemical_materials_park"
    assert "chain.new_chemical_materials" not in {h["id"] for h in chemical}
