"""The routes of a kind of record, made once for every kind: write (JSON, all or nothing),
read back, import a workbook (multipart), and download the template.

``records_router(ACTUALS, ACTUAL_SHEETS)`` gives ``POST /actuals``, ``GET /actuals``,
``POST /actuals/import`` and ``GET /actuals/template``. Writes need an editor key and answer
``Cache-Control: no-store``; reads answer ``X-Records-Version``.
"""

# No ``from __future__ import annotations``: FastAPI reads the models made here at run time.

from collections.abc import Sequence
from typing import Annotated, Any, cast

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from pydantic import BaseModel, Field, create_model

from chainkg.api.auth import EditorKey, RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import problem_responses
from chainkg.api.records_problems import RecordsProblem, TooLargeError
from chainkg.records.actuals import FIRST_YEAR, LAST_YEAR, default_year
from chainkg.records.excel import MAX_BYTES, Sheet, WorkbookInvalid, import_workbook, write_template
from chainkg.records.kinds import RecordKind
from chainkg.records.model import WriteResult
from chainkg.records.progress import Orphan, orphans
from chainkg.records.validate import MAX_RECORDS, RecordsInvalid, write_records

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
VERSION_HEADER = "X-Records-Version"


class RecordMeta(BaseModel):
    """Who wrote a record, when, and the audit entry of that write."""

    written_by: str = Field(description="The API key's name (cli:<user> from the command line).")
    written_at: str = Field(description="When, in UTC (ISO 8601).")
    audit_id: int


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _post(
    router: APIRouter, path: str, endpoint: Any, responses: Any, name: str, about: str
) -> None:
    """Add a write route ``name`` (its summary from the name): it answers what the write did."""
    router.add_api_route(
        path,
        endpoint,
        methods=["POST"],
        response_model=WriteResult,
        responses=responses,
        operation_id=name,
        summary=name.replace("_", " ").capitalize(),
        description=about,
    )


def records_router(kind: RecordKind, sheets: Sequence[Sheet]) -> APIRouter:
    """Return the router of one kind of record (prefix ``/<plural>``)."""
    name = _camel(kind.name)
    write_model: Any = create_model(
        f"{name}Write",
        __doc__=f"{kind.plural.capitalize()} to write, all or nothing.",
        records=(
            list[kind.model],  # type: ignore[name-defined]
            Field(min_length=1, max_length=MAX_RECORDS),
        ),
    )
    out_model: Any = create_model(
        f"{name}Record", __base__=(kind.model, RecordMeta), __doc__=f"A stored {kind.name}."
    )
    list_model: Any = create_model(
        f"{name}List",
        __doc__=f"The stored {kind.plural}, and those whose subject is gone from the plan.",
        version=(int, Field(description="The records version (the last audit id).")),
        total=(int, ...),
        items=(list[out_model], ...),
        orphans=(
            list[Orphan],
            Field(description="Records whose subject is no longer in the plan."),
        ),
    )
    router = APIRouter(prefix=f"/{kind.plural}", tags=[kind.plural], dependencies=[GRAPH])
    write_responses = problem_responses(400, 401, 403, 422, 429)

    def write(
        request: Request, body: write_model, key: EditorKey, graph: StoreDep, records: RecordsDep
    ) -> WriteResult:
        try:
            return write_records(
                kind,
                cast(Any, body).records,
                graph,
                records,
                actor=key.name,
                action=f"{kind.plural}.write",
                origin=f"POST {request.url.path}",
            )
        except RecordsInvalid as exc:
            raise RecordsProblem.of_records(exc.errors) from None

    about = (
        f"Write {kind.plural} (editor key): every record is checked first; one bad record "
        "gives a 422 naming its index and field, and nothing is written. A record for a "
        "subject and year that has one replaces it; the audit keeps both."
    )
    _post(router, "", write, write_responses, f"write_{kind.plural}", about)

    def import_file(
        request: Request,
        file: Annotated[UploadFile, File(description="The filled-in template (.xlsx).")],
        key: EditorKey,
        graph: StoreDep,
        records: RecordsDep,
        source: Annotated[
            str | None,
            Form(
                max_length=500,
                description="The document cited by rows with no source (default: the file's name).",
            ),
        ] = None,
    ) -> WriteResult:
        data = file.file.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise TooLargeError(f"the workbook is larger than {MAX_BYTES} bytes")
        try:
            return import_workbook(
                kind,
                sheets,
                data,
                graph,
                records,
                actor=key.name,
                origin=f"POST {request.url.path} {file.filename or ''}".strip(),
                default_source=(source or "").strip() or file.filename or "uploaded workbook",
            )
        except WorkbookInvalid as exc:
            raise RecordsProblem.of_workbook(exc.errors) from None

    about = (
        f"Import {kind.plural} from a workbook (editor key; multipart field `file`): every "
        "filled-in row is checked, each problem names its sheet, row and column, and any "
        "problem means nothing is written. Importing the same file again changes nothing."
    )
    responses = problem_responses(400, 401, 403, 413, 422, 429)
    _post(router, "/import", import_file, responses, f"import_{kind.plural}", about)

    def read(
        response: Response,
        graph: StoreDep,
        records: RecordsDep,
        subject: Annotated[
            str | None, Query(max_length=200, description="Only this subject.")
        ] = None,
    ) -> Any:
        version = records.version()
        stored = records.records(kind.name, subject)
        response.headers[VERSION_HEADER] = str(version)
        return list_model(
            version=version,
            total=len(stored),
            items=[out_model(**r.flat()) for r in stored],
            orphans=orphans(graph, stored),
        )

    read.__doc__ = f"The stored {kind.plural}, with who wrote each, when, and its source."
    router.add_api_route(
        "",
        read,
        methods=["GET"],
        response_model=list_model,
        responses=problem_responses(422),
        operation_id=f"list_{kind.plural}",
        summary=f"List {kind.plural}",
    )

    def template(
        graph: StoreDep,
        year: Annotated[
            int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="The year filled in.")
        ] = None,
    ) -> Response:
        filled = year or default_year()
        data = write_template(kind, sheets, graph, filled)
        disposition = f'attachment; filename="{kind.plural}-template-{filled}.xlsx"'
        return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})

    template.__doc__ = "The Excel template to fill in: one sheet per list of subjects."
    router.add_api_route(
        "/template",
        template,
        methods=["GET"],
        responses={
            200: {"content": {XLSX: {}}, "description": "The template"},
            **problem_responses(422),
        },
        operation_id=f"template_{kind.plural}",
        summary=f"{kind.plural.capitalize()} template",
        response_class=Response,
    )
    return router
