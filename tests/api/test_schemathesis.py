"""Schemathesis against the app's own ``/openapi.json`` (embedded store, in-process, no network).

It covers every operation: the JSON API under ``/api/v1`` and the HTML maps, and the write
routes with an admin key (so writes and imports run, on a records store of its own).

Bounded: at most 25 generated examples per operation, no deadline, no example database.
Every response must not be a 5xx, must have a documented status and content type, and must
conform to its schema; invalid input must be rejected (422, or 414 for a URL over the limit).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.config._checks import NegativeDataRejectionConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from chainkg.api.main import create_app
from chainkg.graph_loader.store import EmbeddedStore
from chainkg.records.keys import new_key
from chainkg.records.store import SqliteRecords
from tests.conftest import SEED_DIR

# Loaded at import: schemathesis parametrizes the test by the schema's operations at collection.
RECORDS = SqliteRecords(Path(tempfile.mkdtemp(prefix="chainkg-schemathesis-")) / "records.sqlite3")
SECRET, _KEY = new_key("schemathesis", "admin", "tests")
RECORDS.create_key(_KEY, actor="tests")
APP = create_app(EmbeddedStore.from_seed(SEED_DIR), records=RECORDS)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)
# A URL over the documented limit is rejected with a 414 before any parameter is read.
schema.config.checks.negative_data_rejection = NegativeDataRejectionConfig(
    expected_statuses=[*NegativeDataRejectionConfig().expected_statuses, 414]
)


@schema.auth()
class AdminKey:
    """Every request carries the admin key (schemathesis knows it is the auth, not data)."""

    def get(self, case: schemathesis.Case[Any], context: Any) -> str:
        return SECRET

    def set(self, case: schemathesis.Case[Any], data: str, context: Any) -> None:
        case.headers["Authorization"] = f"Bearer {data}"


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case: schemathesis.Case[Any]) -> None:
    case.call_and_validate(checks=CHECKS)
