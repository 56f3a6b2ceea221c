"""The lists (清单): each as JSON, CSV or an Excel workbook."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response

from chainkg.api import lists as service
from chainkg.api import schemas
from chainkg.api.auth import RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.graph_loader.lists import LISTS
from chainkg.graph_loader.sheets import MEDIA_TYPES, Format, render

router = APIRouter(prefix="/lists", tags=["lists"], dependencies=[GRAPH])

FILES: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The list: JSON (the default), CSV or .xlsx.",
        "model": schemas.ListTable,
        "content": {
            MEDIA_TYPES["csv"]: {"schema": {"type": "string"}},
            MEDIA_TYPES["xlsx"]: {"schema": {"type": "string", "format": "binary"}},
        },
    },
}


@router.get("", response_model=schemas.ListIndex, responses=problem_responses())
def list_index() -> schemas.ListIndex:
    """Every list with its URL in each format."""
    return service.list_index()


@router.get("/{name}", response_model=None, responses={**FILES, **problem_responses(404, 422)})
def get_list(
    store: StoreDep,
    records: RecordsDep,
    name: Annotated[
        str,
        Path(max_length=100, description="The list: " + ", ".join(LISTS), examples=["chains"]),
    ],
    format: Annotated[Format, Query(description="json, csv (UTF-8) or xlsx (Excel).")] = "json",
) -> schemas.ListTable | Response:
    """One list; `csv` and `xlsx` come as a file named in Chinese (产业链清单.xlsx). The
    补链清单 (`gaps`) counts the recorded 招商 candidates."""
    table = service.get_list(store, name, records)
    if format == "json":
        return service.as_json(table)
    return Response(
        render(table, format),
        media_type=MEDIA_TYPES[format],
        headers={"Content-Disposition": service.content_disposition(table, format)},
    )
