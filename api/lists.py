"""The lists (清单) service: each list built once from the store, then served in a format."""

from __future__ import annotations

from urllib.parse import quote

from chainkg.api import schemas as s
from chainkg.api.errors import NotFoundError
from chainkg.graph_loader.lists import LISTS, Table, build_list
from chainkg.graph_loader.sheets import FORMATS, Format, ascii_file_name, file_name, to_json
from chainkg.graph_loader.store import GraphStore
from chainkg.records import gaps as _gaps  # noqa: F401 - registers the 补链清单
from chainkg.records.store import RecordsStore

LISTS_PATH = "/api/v1/lists"


def list_url(name: str, fmt: Format) -> str:
    """Return the URL of list ``name`` in ``fmt``."""
    return f"{LISTS_PATH}/{name}?format={fmt}"


def list_index() -> s.ListIndex:
    """Return every list with its download URLs."""
    items = [
        s.ListInfo(
            name=spec.name,
            title=spec.title,
            title_en=spec.title_en,
            about=spec.about,
            about_zh=spec.about_zh,
            files={fmt: list_url(spec.name, fmt) for fmt in FORMATS},
        )
        for spec in LISTS.values()
    ]
    return s.ListIndex(total=len(items), items=items)


def get_list(store: GraphStore, name: str, records: RecordsStore | None = None) -> Table:
    """Return list ``name`` built from the store, and the records for a list that needs them
    (404 for an unknown name)."""
    if name not in LISTS:
        raise NotFoundError("list", name)
    return build_list(store, name, records=records)


def as_json(table: Table) -> s.ListTable:
    """Return the list as its JSON response model."""
    return s.ListTable.model_validate(to_json(table))


def content_disposition(table: Table, fmt: Format) -> str:
    """Return an ``attachment`` header naming the file in Chinese (RFC 6266), ASCII as fallback."""
    return (
        f'attachment; filename="{ascii_file_name(table.name, fmt)}"; '
        f"filename*=UTF-8''{quote(file_name(table, fmt))}"
    )
