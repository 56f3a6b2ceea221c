"""Questions in staff's own words, answered from the graph with the plan's evidence."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from chainkg.api import schemas, services
from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.graph_loader.ask.model import Lang

router = APIRouter(tags=["ask"], dependencies=[GRAPH])


@router.get("/ask", response_model=schemas.AskResult, responses=problem_responses(422))
def ask(
    store: StoreDep,
    records: RecordsDep,
    q: Annotated[
        str,
        Query(
            min_length=1,
            max_length=300,
            description="A question in Chinese or English, e.g. 光伏在哪些园区？",
            examples=["光伏在哪些园区？"],
        ),
    ],
    lang: Annotated[Lang, Query(description="The language of the answer's text.")] = "zh",
) -> schemas.AskResult:
    """The answer: intent, linked entities, items, figure, text, evidence, query and map link.

    Questions about what staff recorded (who is 挂钩 to a chain, candidates at a stage, 卡脖子
    items, open directions) are answered from the records, citing who wrote them and when.
    A question the plan cannot answer comes back `answered: false` with suggestions.
    """
    return services.ask(store, q, lang, records)
