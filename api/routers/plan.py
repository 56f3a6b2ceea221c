"""The plan itself, its development goals and its internal consistency."""

from __future__ import annotations

from fastapi import APIRouter

from chainkg.api import schemas, services
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses

router = APIRouter(tags=["plan"], dependencies=[GRAPH])


@router.get("/plan", response_model=schemas.PlanDetail, responses=problem_responses())
def get_plan(store: StoreDep) -> schemas.PlanDetail:
    """The plan: the “大海新晨” system, its overall goal, totals, organiser, tiers and actions."""
    return services.get_plan(store)


@router.get("/indicators", response_model=schemas.IndicatorList, responses=problem_responses())
def list_indicators(store: StoreDep) -> schemas.IndicatorList:
    """The development goals (发展目标 and group targets), with their scope."""
    return services.list_indicators(store)


@router.get(
    "/reconciliation", response_model=schemas.ReconciliationTable, responses=problem_responses()
)
def get_reconciliation(store: StoreDep) -> schemas.ReconciliationTable:
    """The text's targets beside what the annex adds up to: met, short or over."""
    return services.get_reconciliation(store)
