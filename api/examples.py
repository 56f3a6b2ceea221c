"""OpenAPI examples for the response models, taken from real answers on the shipped seed.

``api/examples.json`` holds one example per model of :mod:`chainkg.api.schemas`, cut from what the
API answers on the embedded store (lists shortened to two items, long texts cut). Regenerate
it after the seed or a model changes:

    .venv/bin/python -m tools.api_examples

``tests/api/test_examples.py`` checks that every model has an example and that it validates.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ConfigDict

EXAMPLES_FILE = Path(__file__).with_name("examples.json")
MAX_ITEMS = 2
MAX_TEXT = 160

Pick = Callable[[Any], Any]


def _at(*path: str | int) -> Pick:
    def pick(body: Any) -> Any:
        for key in path:
            body = body[key]
        return body

    return pick


def _first_measure_with_targets(body: Any) -> Any:
    return next(m for m in body["measures"] if m["targets"])


def _whole(body: Any) -> Any:
    return body


RECOMMEND = "/api/v1/recommend?q=年产10GW TOPCon高效电池组件项目&limit=2"
SOURCES: dict[str, tuple[str, Pick]] = {
    "NodeRef": ("/api/v1/chains/chain.pv/parks", _at("chain")),
    "LinkRef": ("/api/v1/chains/chain.pv", _at("group")),
    "TechnologyRef": ("/api/v1/chains/chain.pv", _at("technologies", 0)),
    "RelatedChain": ("/api/v1/chains/chain.pv", _at("related_chains", 0)),
    "ChainPark": ("/api/v1/chains/chain.pv/parks", _at("parks", 0)),
    "ParkChain": ("/api/v1/parks/park.taixing_edz/chains", _at("chains", 0)),
    "CarriesRef": ("/api/v1/parks/park.taixing_edz", _at("carries", 0)),
    "GroupPark": ("/api/v1/groups/group.new_materials", _at("parks", 0)),
    "PlanDetail": ("/api/v1/plan", _whole),
    "ChainSummary": ("/api/v1/chains?q=光伏", _at("items", 0)),
    "ChainPage": ("/api/v1/chains?limit=2", _whole),
    "ChainDetail": ("/api/v1/chains/chain.pv", _whole),
    "ChainParks": ("/api/v1/chains/chain.pv/parks", _whole),
    "ParkSummary": ("/api/v1/parks", _at("items", 0)),
    "ParkDetail": ("/api/v1/parks/park.pharma_hitech_zone", _whole),
    "ParkChains": ("/api/v1/parks/park.taixing_edz/chains", _whole),
    "ParkList": ("/api/v1/parks", _whole),
    "GroupSummary": ("/api/v1/groups", _at("items", 0)),
    "GroupList": ("/api/v1/groups", _whole),
    "GroupDetail": ("/api/v1/groups/group.health", _whole),
    "Recon": ("/api/v1/groups/group.health", _at("reconciliation", 0)),
    "ReconciliationTable": ("/api/v1/reconciliation", _whole),
    "EnterpriseSummary": ("/api/v1/enterprises", _at("items", 0)),
    "EnterpriseList": ("/api/v1/enterprises", _whole),
    "EnterpriseDetail": ("/api/v1/enterprises/ent.great_wall_motor", _whole),
    "ProjectDetail": ("/api/v1/projects/proj.great_wall_taizhou_base", _whole),
    "TechnologyDetail": ("/api/v1/technologies/tech.perovskite_cell", _whole),
    "ActionSummary": ("/api/v1/actions", _at("items", 0)),
    "ActionList": ("/api/v1/actions", _whole),
    "ActionDetail": ("/api/v1/actions/action.innovation", _whole),
    "MeasureOut": ("/api/v1/actions/action.innovation", _first_measure_with_targets),
    "TargetOut": (
        "/api/v1/actions/action.innovation",
        lambda body: _first_measure_with_targets(body)["targets"][0],
    ),
    "DepartmentSummary": ("/api/v1/departments", _at("items", 0)),
    "DepartmentList": ("/api/v1/departments", _whole),
    "DepartmentDetail": ("/api/v1/departments/dept.miit", _whole),
    "ActionDuty": ("/api/v1/departments/dept.miit", _at("actions", 0)),
    "SafeguardDuty": ("/api/v1/departments/dept.miit", _at("safeguards", 0)),
    "IndicatorOut": ("/api/v1/indicators", _at("items", 0)),
    "IndicatorList": ("/api/v1/indicators", _whole),
    "Hit": ("/api/v1/search?q=光伏", _at("hits", 0)),
    "SearchResult": ("/api/v1/search?q=光伏&limit=3", _whole),
    "GraphNode": ("/api/v1/graph/neighborhood?id=chain.pv&types=CARRIES", _at("nodes", 0)),
    "GraphEdge": ("/api/v1/graph/neighborhood?id=chain.pv&types=RELATES_TO", _at("edges", 0)),
    "Subgraph": (
        "/api/v1/graph/neighborhood?id=chain.pv&types=IN_GROUP",
        lambda body: {"nodes": body["nodes"], "edges": body["edges"]},
    ),
    "Neighborhood": (
        "/api/v1/graph/neighborhood?id=chain.pv&depth=2&types=CARRIES,IN_GROUP",
        _whole,
    ),
    "PathOut": ("/api/v1/graph/path?from=park.taixing_edz&to=dept.miit", _whole),
    "Health": ("/api/v1/health", _whole),
    "AskResult": ("/api/v1/ask?q=光伏在哪些园区？", _whole),
    "Reason": (RECOMMEND, _at("chains", 0, "reasons", 0)),
    "ChainMatch": (RECOMMEND, _at("chains", 0)),
    "ParkReason": (RECOMMEND, _at("parks", 0, "reasons", 0)),
    "ParkMatch": (RECOMMEND, _at("parks", 0)),
    "Recommendation": (RECOMMEND, _whole),
    "ListColumn": ("/api/v1/lists/targets", _at("columns", 0)),
    "ListTable": ("/api/v1/lists/targets", _whole),
    "ListInfo": ("/api/v1/lists", _at("items", 0)),
    "ListIndex": ("/api/v1/lists", _whole),
    "Problem": ("/api/v1/chains/chain.nope", _whole),
    "ValidationProblem": ("/api/v1/chains?limit=0", _whole),
    "InvalidParam": ("/api/v1/chains?limit=0", _at("invalid_params", 0)),
}
"""Where each model's example comes from: the URL and what to take from its answer."""


def shorten(value: Any) -> Any:
    """Return ``value`` with lists cut to :data:`MAX_ITEMS` and texts to :data:`MAX_TEXT`."""
    if isinstance(value, dict):
        return {k: shorten(v) for k, v in value.items()}
    if isinstance(value, list):
        return [shorten(v) for v in value[:MAX_ITEMS]]
    if isinstance(value, str) and len(value) > MAX_TEXT:
        return value[: MAX_TEXT - 1] + "…"
    return value


@cache
def load() -> dict[str, Any]:
    """Return the stored examples by model name."""
    if not EXAMPLES_FILE.exists():  # not generated yet
        return {}
    examples: dict[str, Any] = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return examples


def example(name: str, **config: Any) -> ConfigDict:
    """Return a model config carrying the stored example of model ``name``."""
    result: ConfigDict = ConfigDict(**config)  # type: ignore[typeddict-item]
    stored = load().get(name)
    if stored is not None:
        result["json_schema_extra"] = {"examples": [stored]}
    return result
