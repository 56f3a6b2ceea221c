"""RFC 9457 problem responses (``application/problem+json``) for every error the API returns.

- :class:`NotFoundError` (an unknown id, or an id of another kind) → 404 naming the id;
- a request that fails validation → 422 listing every invalid parameter;
- :class:`~graph_loader.store.StoreUnavailable` (Neo4j unreachable) → 503; an HTML page
  (a route with the :data:`PAGE` dependency) gets a readable HTML page in its language;
- an unknown route → 404, a wrong method → 405;
- anything else → 500, with no traceback in the response.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from chainkg.api.schemas import Problem, ValidationProblem
from chainkg.graph_loader.errors import StoreUnavailable
from chainkg.viz.outage import render_outage
from chainkg.viz.text import Lang

PROBLEM_MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "urn:chainkg:problem:"
RETRY_AFTER_SECONDS = 5
log = logging.getLogger("api")


class ProblemError(Exception):
    """An error the API answers with a problem response of ``status``."""

    status = 500
    title = "Internal server error"
    type = "about:blank"
    headers: dict[str, str] | None = None
    """Response headers the problem carries (``WWW-Authenticate``, ``Retry-After`` …)."""

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFoundError(ProblemError):
    """No node of ``kind`` has ``id`` (it is unknown, or of another kind)."""

    status = 404
    title = "Not found"
    type = TYPE_BASE + "not-found"

    def __init__(self, kind: str, id: str) -> None:
        super().__init__(f"No {kind} with id '{id}'", id=id, kind=kind)
        self.kind = kind
        self.id = id


class NoPathError(ProblemError):
    """Two nodes exist but no path joins them."""

    status = 404
    title = "No path"
    type = TYPE_BASE + "no-path"


class InvalidParameterError(ProblemError):
    """A parameter that passed type validation but makes no sense (e.g. a blank query)."""

    status = 422
    title = "Invalid request parameters"
    type = TYPE_BASE + "invalid-parameters"

    def __init__(self, name: str, reason: str, location: str = "query") -> None:
        super().__init__(
            f"{name}: {reason}",
            invalid_params=[{"name": name, "in": location, "reason": reason}],
        )


class UnavailableError(ProblemError):
    """The store cannot answer now."""

    status = 503
    title = "Graph database unavailable"
    type = TYPE_BASE + "store-unavailable"


MAX_INSTANCE = 256
"""Characters of the request's path and query that a problem's ``instance`` echoes."""
UNAVAILABLE_DETAIL = "The graph database is unavailable; try again later."
"""What a 503 tells the client; what went wrong (and where) goes to the server log only."""


def trim_reference(reference: str, limit: int = MAX_INSTANCE) -> str:
    """Return a percent-encoded URI reference cut to ``limit`` characters, never mid-escape.

    >>> trim_reference("/a?q=%E5%85%89", 10)
    '/a?q=%E5'
    >>> trim_reference("/a?q=%E5%85%89", 7)
    '/a?q='
    """
    if len(reference) <= limit:
        return reference
    cut = reference[:limit]
    escape_at = cut.rfind("%", max(0, limit - 2))
    return cut[:escape_at] if escape_at != -1 else cut


def _instance(request: Request) -> str:
    """Return the request's path and query as a URI reference (percent-encoded, trimmed)."""
    path = quote(request.url.path, safe="/:@!$&'()*+,;=-._~")
    query = request.url.query
    return trim_reference(path + (f"?{query}" if query else ""))


def problem_response(
    request: Request,
    status: int,
    title: str,
    detail: str | None,
    type_: str = "about:blank",
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    """Return an ``application/problem+json`` response."""
    body = {
        "type": type_,
        "title": title,
        "status": status,
        "detail": detail,
        "instance": _instance(request),
        **extensions,
    }
    return JSONResponse(body, status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ProblemError)
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)} if exc.status == 503 else None
    if exc.headers:
        headers = {**(headers or {}), **exc.headers}
    return problem_response(
        request, exc.status, exc.title, exc.detail, exc.type, headers, **exc.extensions
    )


PAGE_KEY = "chainkg.page"
"""Set in a request's scope by :data:`PAGE`: the route answers an HTML page."""


async def _mark_page(request: Request) -> None:
    request.scope[PAGE_KEY] = True


PAGE = Depends(_mark_page)
"""The dependency of HTML pages (the front page, the maps, /progress): when the store does
not answer, they get a readable HTML page (503) in the page's language, not a problem."""


async def _unavailable(request: Request, exc: Exception) -> Response:
    log.warning("graph store unavailable on %s: %s", _instance(request), exc)
    if request.scope.get(PAGE_KEY):
        lang: Lang = "en" if request.query_params.get("lang") == "en" else "zh"
        retry = "/" + quote(request.url.path.lstrip("/"), safe="/:@!$&'()*+,;=-._~")
        if request.url.query:
            retry += "?" + request.url.query
        return HTMLResponse(
            render_outage(retry, lang=lang),
            UnavailableError.status,
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return await _problem(request, UnavailableError(UNAVAILABLE_DETAIL))


def _param_name(loc: Sequence[Any]) -> tuple[str, str]:
    where = str(loc[0]) if loc else "request"
    name = ".".join(str(part) for part in loc[1:]) or where
    return name, where


async def _validation(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    params = []
    for error in exc.errors():
        name, where = _param_name(error.get("loc", ()))
        params.append({"name": name, "in": where, "reason": str(error.get("msg", "invalid"))})
    detail = "; ".join(f"{p['name']}: {p['reason']}" for p in params)
    return problem_response(
        request,
        422,
        InvalidParameterError.title,
        detail,
        InvalidParameterError.type,
        invalid_params=params,
    )


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if exc.detail != phrase else None
    if exc.status_code == 404 and detail is None:
        detail = f"No resource at {request.url.path}"
    return problem_response(request, exc.status_code, phrase, detail, headers=exc.headers)


async def _internal(request: Request, exc: Exception) -> Response:
    log.error("unexpected error on %s", _instance(request), exc_info=exc)
    return problem_response(
        request,
        500,
        "Internal server error",
        "The server met an unexpected error; it has been logged.",
        TYPE_BASE + "internal",
    )


def install_problem_handlers(app: FastAPI) -> None:
    """Answer every error of ``app`` with a problem response."""
    app.add_exception_handler(ProblemError, _problem)
    app.add_exception_handler(StoreUnavailable, _unavailable)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(Exception, _internal)


_DESCRIPTIONS = {
    400: "The body cannot be parsed (e.g. broken multipart data)",
    401: "No valid API key (Authorization: Bearer <key>)",
    403: "The API key's role may not do this",
    413: "The upload is too large",
    429: "Too many failed authentications from this client; see Retry-After",
    404: "Unknown id (the problem names it)",
    414: "The URL (path and query) is longer than 8,192 bytes",
    422: "Invalid parameters (the problem lists them)",
    500: "Unexpected server error",
    503: "Graph database unavailable",
}


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """Return OpenAPI ``responses`` for the problem statuses a route answers (and 414, 500, 503).

    The schema is put under ``application/problem+json`` by :func:`problem_openapi`.
    """
    return {
        status: {
            "model": ValidationProblem if status == 422 else Problem,
            "description": _DESCRIPTIONS[status],
        }
        for status in sorted({*statuses, 414, 500, 503})
    }


def _component(schema: dict[str, Any], model: type[Problem]) -> dict[str, str]:
    """Return a ``$ref`` to ``model`` in ``schema``'s components, adding it if missing."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    if model.__name__ not in components:
        generated = model.model_json_schema(ref_template="#/components/schemas/{model}")
        components.update(generated.pop("$defs", {}))
        components[model.__name__] = generated
    return {"$ref": f"#/components/schemas/{model.__name__}"}


def problem_openapi(schema: dict[str, Any]) -> dict[str, Any]:
    """Document the problem responses as the handlers send them.

    Every error response's JSON content moves to ``application/problem+json``, and every
    422 (including the ones FastAPI adds by itself) gets the :class:`ValidationProblem` schema.
    """
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if str(status) == "422":
                    response["description"] = _DESCRIPTIONS[422]
                    response["content"] = {
                        PROBLEM_MEDIA_TYPE: {"schema": _component(schema, ValidationProblem)}
                    }
                elif str(status)[0] in "45":
                    # FastAPI files a route's `responses` models under the route's own media
                    # type (application/json, or text/html for the maps): a problem is neither.
                    for media_type in list(content):
                        ref = content[media_type].get("schema", {}).get("$ref", "")
                        if ref.endswith(("/Problem", "/ValidationProblem")):
                            content[PROBLEM_MEDIA_TYPE] = content.pop(media_type)
    return schema
