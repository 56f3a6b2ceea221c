"""API keys on requests: ``Authorization: Bearer <key>``, roles, and a limit on failures.

- A write needs an editor or admin key (:data:`EditorKey`); the audit needs an admin key
  (:data:`AdminKey`). No key, or a key that is unknown or revoked: 401. A valid key of too
  low a role: 403. Both are RFC 9457 problems. Every answer to a request that went through
  authentication is ``Cache-Control: no-store`` (:func:`no_store_when_authenticated`).
- Reads are open unless ``CHAINKG_REQUIRE_KEY_FOR_READ=1`` (:func:`read_access`, any role).
- A client (by address) that presents :attr:`Settings.auth_failures_per_minute` wrong keys
  within a minute gets 429 (with ``Retry-After``) on every authenticated request until the
  oldest failure is a minute old, whatever key it sends then.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, cast

from fastapi import Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from chainkg.api.errors import ProblemError
from chainkg.graph_loader.settings import Settings, get_settings
from chainkg.records.keys import digest
from chainkg.records.model import ApiKey, Role, role_allows
from chainkg.records.store import RecordsStore

WINDOW_S = 60.0
NO_STORE = {"Cache-Control": "no-store"}
bearer = HTTPBearer(
    auto_error=False,
    description="An API key from `chainkg keys create` (role viewer, editor or admin).",
)


class UnauthorizedError(ProblemError):
    """No valid API key."""

    status = 401
    title = "Unauthorized"
    type = "urn:chainkg:problem:unauthorized"

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.headers = {"WWW-Authenticate": 'Bearer realm="chainkg"', **NO_STORE}


class ForbiddenError(ProblemError):
    """A valid key whose role may not do this."""

    status = 403
    title = "Forbidden"
    type = "urn:chainkg:problem:forbidden"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail, **extensions)
        self.headers = dict(NO_STORE)


class TooManyFailuresError(ProblemError):
    """Too many wrong keys from one client."""

    status = 429
    title = "Too many failed authentications"
    type = "urn:chainkg:problem:too-many-failures"

    def __init__(self, retry_after: int) -> None:
        super().__init__(
            f"too many wrong API keys from this client; try again in {retry_after} s",
            retry_after=retry_after,
        )
        self.headers = {"Retry-After": str(retry_after), **NO_STORE}


class FailureLimiter:
    """Counts wrong keys per client over a sliding minute (thread-safe, in memory)."""

    def __init__(self, limit: int, window_s: float = WINDOW_S) -> None:
        self.limit = limit
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, client: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(client, deque())
        while failures and failures[0] <= now - self.window_s:
            failures.popleft()
        if not failures:
            del self._failures[client]
        return failures

    def retry_after(self, client: str) -> int | None:
        """Return the seconds until ``client`` may try again, or None when it may now."""
        now = time.monotonic()
        with self._lock:
            failures = self._recent(client, now)
            if len(failures) < self.limit:
                return None
            return max(1, math.ceil(failures[0] + self.window_s - now))

    def fail(self, client: str) -> None:
        """Count one wrong key from ``client``."""
        now = time.monotonic()
        with self._lock:
            self._recent(client, now)
            self._failures.setdefault(client, deque()).append(now)


def get_records(request: Request) -> RecordsStore:
    """Return the app's records store."""
    records = getattr(request.app.state, "records", None)
    if records is None:
        raise RuntimeError("the records store is not open: the app's lifespan has not run")
    return cast(RecordsStore, records)


def get_app_settings(request: Request) -> Settings:
    """Return the app's settings (the process's, unless the app was given its own)."""
    return cast(Settings, getattr(request.app.state, "settings", None) or get_settings())


RecordsDep = Annotated[RecordsStore, Depends(get_records)]
SettingsDep = Annotated[Settings, Depends(get_app_settings)]
Credentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]


def _limiter(request: Request, settings: Settings) -> FailureLimiter:
    limiter = getattr(request.app.state, "auth_limiter", None)
    if limiter is None:
        limiter = request.app.state.auth_limiter = FailureLimiter(settings.auth_failures_per_minute)
    return cast(FailureLimiter, limiter)


def authenticate(
    request: Request, credentials: Credentials, records: RecordsDep, settings: SettingsDep
) -> ApiKey:
    """Return the request's valid key; raise 401 without one and 429 after too many failures.

    The key is looked up once per request.
    """
    request.state.no_store = True  # see no_store_when_authenticated
    cached = getattr(request.state, "api_key", None)
    if cached is not None:
        return cast(ApiKey, cached)
    client = request.client.host if request.client else "unknown"
    limiter = _limiter(request, settings)
    wait = limiter.retry_after(client)
    if wait is not None:
        raise TooManyFailuresError(wait)
    if credentials is None:
        raise UnauthorizedError("an API key is required: send Authorization: Bearer <key>")
    key = records.key_by_digest(digest(credentials.credentials))
    if key is None or not key.active:
        limiter.fail(client)
        reason = "unknown" if key is None else "revoked"
        raise UnauthorizedError(f"the API key is {reason}")
    request.state.api_key = key
    return key


def require(role: Role) -> ApiKey:
    """Return a dependency that answers the request's key when its role is ``role`` or above."""

    def dependency(key: Annotated[ApiKey, Depends(authenticate)]) -> ApiKey:
        if not role_allows(key.role, role):
            raise ForbiddenError(
                f"the key {key.name!r} has the role {key.role}; this needs {role} or above",
                role=key.role,
                needed=role,
            )
        return key

    return cast(ApiKey, Depends(dependency))


EditorKey = Annotated[ApiKey, require("editor")]
"""The key of a request that writes records (editor or admin)."""
AdminKey = Annotated[ApiKey, require("admin")]
"""The key of a request that reads the audit (admin)."""


def read_access(request: Request, settings: SettingsDep, records: RecordsDep) -> None:
    """Let a read through, or, with ``CHAINKG_REQUIRE_KEY_FOR_READ=1``, ask for a key."""
    if not settings.require_key_for_read:
        return
    credentials = request.headers.get("authorization", "")
    scheme, _, token = credentials.partition(" ")
    given = (
        HTTPAuthorizationCredentials(scheme=scheme, credentials=token.strip())
        if scheme.lower() == "bearer" and token.strip()
        else None
    )
    authenticate(request, given, records, settings)


ReadAccess = Depends(read_access)
"""The dependency every reading route carries."""


async def no_store_when_authenticated(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Answer ``Cache-Control: no-store`` to every request that was authenticated (writes,
    the audit, reads when keys are required), whatever the route returned: such an answer is
    for its key only, and a write's must never be replayed from a cache."""
    response = await call_next(request)
    if getattr(request.state, "no_store", False):
        response.headers.update(NO_STORE)
    return response
