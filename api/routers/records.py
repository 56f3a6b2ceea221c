"""The routes of a kind of record, made once for every kind: write (JSON, all or nothing),
read back, import a workbook (multipart), and download the template.

``records_router(ACTUALS, ACTUAL_SHEETS)`` gives ``POST /actuals``, ``GET /actuals``,
``DELETE /actuals?subject=…&year=…`` (the key fields), ``POST /actuals/import``,
``GET /actuals/template`` and ``GET /actuals/export`` (the template with the stored records:
importing it changes nothing). Writes need an editor key and answer ``Cache-Control:
no-store``; reads answer ``X-Records-Version``.
"""

# No ``from __future__ import annotations``: FastAPI reads the models made here at run time.

from collections.abc import Sequence
from typing import Annotated, Any, cast
from urllib.parse import quote

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from pydantic import BaseModel, ConfigDict, Field, StrictInt, create_model

from chainkg.api.auth import EditorKey, RecordsDep
from chainkg.api.caching import GRAPH
from chainkg.api.deps import StoreDep
from chainkg.api.errors import NotFoundError, problem_responses
from chainkg.api.records_problems import RecordsProblem, TooLargeError
from chainkg.records.actuals import FIRST_YEAR, LAST_YEAR, default_year
from chainkg.records.excel import (
    MAX_BYTES,
    Sheet,
    WorkbookInvalid,
    has_year,
    import_workbook,
    write_template,
)
from chainkg.records.history import HistoryStep, histories
from chainkg.records.kinds import RecordKind
from chainkg.records.model import WriteResult
from chainkg.records.progress import Orphan, orphans
from chainkg.records.validate import (
    MAX_RECORDS,
    NoSuchRecord,
    RecordsInvalid,
    delete_record,
    write_records,
)

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


def _key_model(kind: RecordKind) -> Any:
    """Return the model of a kind's key fields as query parameters (``subject``, ``year`` …)."""
    fields: dict[str, Any] = {}
    for f in kind.key_fields:
        info = kind.model.model_fields[f]
        number = info.annotation in (int, StrictInt)
        fields[f] = (
            int if number else str,
            Field(
                min_length=None if number else 1,
                max_length=None if number else 200,
                description=info.description,
            ),
        )
    return create_model(
        f"{_camel(kind.name)}Key",
        __doc__=f"The fields that identify a {kind.name}.",
        __config__=ConfigDict(extra="forbid"),
        **fields,
    )


def _xlsx(data: bytes, filename: str, fallback: str | None = None) -> Response:
    """Return a workbook as an attachment: ``filename`` (RFC 6266 ``filename*``, any
    characters) with an ASCII ``fallback``."""
    ascii_name = fallback or filename
    disposition = f'attachment; filename="{ascii_name}"'
    if fallback:
        disposition += f"; filename*=UTF-8''{quote(filename, safe='')}"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})


def records_router(kind: RecordKind, sheets: Sequence[Sheet]) -> APIRouter:
    """Return the router of one kind of record (prefix ``/<plural>``)."""
    name = _camel(kind.name)
    extra: dict[str, Any] = {}
    if kind.history:
        extra["history"] = (
            list[HistoryStep],
            Field(description=f"The changes of {', '.join(kind.history)}, oldest first."),
        )
    write_model: Any = create_model(
        f"{name}Write",
        __doc__=f"{kind.plural.capitalize()} to write, all or nothing.",
        records=(
            list[kind.model],  # type: ignore[name-defined]
            Field(min_length=1, max_length=MAX_RECORDS),
        ),
    )
    out_model: Any = create_model(
        f"{name}Record",
        __base__=(kind.model, RecordMeta),
        __doc__=f"A stored {kind.name}.",
        **extra,
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
        steps = histories(records, kind, subject) if kind.history and stored else {}
        response.headers[VERSION_HEADER] = str(version)
        return list_model(
            version=version,
            total=len(stored),
            items=[out_model(**r.flat(), **_steps(kind, steps, r.key)) for r in stored],
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

    _add_files(router, kind, sheets)
    _add_delete(router, kind)
    return router


def _add_files(router: APIRouter, kind: RecordKind, sheets: Sequence[Sheet]) -> None:
    """Add the template and the export of a kind (both workbooks)."""
    if has_year(sheets):

        def template(
            graph: StoreDep,
            year: Annotated[
                int | None, Query(ge=FIRST_YEAR, le=LAST_YEAR, description="The year filled in.")
            ] = None,
        ) -> Response:
            filled = year or default_year()
            data = write_template(kind, sheets, graph, filled)
            return _xlsx(data, f"{kind.plural}-template-{filled}.xlsx")

    else:

        def template(graph: StoreDep) -> Response:  # type: ignore[misc]
            return _xlsx(write_template(kind, sheets, graph, None), f"{kind.plural}-template.xlsx")

    template.__doc__ = "The Excel template to fill in: one sheet per list of subjects."
    _file(router, "/template", template, f"template_{kind.plural}", "The template")

    def export(
        graph: StoreDep,
        records: RecordsDep,
        subject: Annotated[
            str | None, Query(max_length=200, description="Only this subject's records.")
        ] = None,
    ) -> Response:
        stored = records.records(kind.name, subject)
        year = default_year() if has_year(sheets) else None
        data = write_template(kind, sheets, graph, year, stored, subject)
        name = f"{kind.plural}{'-' + subject if subject else ''}.xlsx"
        return _xlsx(data, name, f"{kind.plural}-export.xlsx")

    export.__doc__ = (
        f"The stored {kind.plural} as a workbook (the template, one row per record): "
        "import it unchanged and nothing changes."
    )
    _file(router, "/export", export, f"export_{kind.plural}", "The workbook")


def _add_delete(router: APIRouter, kind: RecordKind) -> None:
    """Add the deletion of one record, named by its key fields."""
    key_model = _key_model(kind)

    def delete(
        request: Request,
        params: Annotated[key_model, Query()],  # type: ignore[valid-type]
        key: EditorKey,
        records: RecordsDep,
    ) -> WriteResult:
        try:
            return delete_record(
                kind,
                cast(BaseModel, params).model_dump(),
                records,
                actor=key.name,
                origin=f"DELETE {request.url.path}?{request.url.query}",
            )
        except NoSuchRecord as exc:
            raise NotFoundError(kind.name, exc.key) from None

    router.add_api_route(
        "",
        delete,
        methods=["DELETE"],
        response_model=WriteResult,
        responses=problem_responses(401, 403, 404, 422, 429),
        operation_id=f"delete_{kind.name}",
        summary=f"Delete a {kind.name}",
        description=f"Delete one {kind.name}, named by its key fields "
        f"({', '.join(kind.key_fields)}) as query parameters (editor key); audited. "
        "404 when there is none.",
    )


def _steps(kind: RecordKind, steps: dict[str, list[HistoryStep]], key: str) -> dict[str, Any]:
    """Return the ``history`` of a record of a kind that keeps one (nothing otherwise)."""
    return {"history": steps.get(key, [])} if kind.history else {}


def _file(router: APIRouter, path: str, endpoint: Any, operation_id: str, what: str) -> None:
    """Add a route that answers a workbook."""
    router.add_api_route(
        path,
        endpoint,
        methods=["GET"],
        responses={200: {"content": {XLSX: {}}, "description": what}, **problem_responses(422)},
        operation_id=operation_id,
        summary=operation_id.replace("_", " ").capitalize(),
        response_class=Response,
    )
