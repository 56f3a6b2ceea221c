"""Errors shared by the stores, the loader, the API and the CLI.

Each says what went wrong in one line; none carries a traceback to the user.
"""

from __future__ import annotations


class StoreUnavailable(Exception):
    """The store cannot answer now (Neo4j unreachable, refused, or not ready)."""


class UnknownQuery(KeyError):
    """A query name that is not in the catalog."""


class Neo4jConfigError(Exception):
    """A problem the user must fix: the URI, credentials, database name or server version."""
