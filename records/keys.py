"""API keys: a random secret shown once, stored only as its SHA-256 digest.

A key is 256 random bits, so a plain SHA-256 (no salt, no slow hash) cannot be reversed by
trying candidates, and it lets a presented key be found by its digest in one lookup.

>>> secret, key = new_key("统计局-张三", "editor", "cli:root")
>>> secret.startswith(PREFIX) and key.digest == digest(secret) and key.role
'editor'
"""

from __future__ import annotations

import hashlib
import re
import secrets

from chainkg.records.model import ApiKey, Role, now

PREFIX = "ckg_"
NAME_PATTERN = re.compile(r"^[\w.@-]{1,64}$")
"""Key names: 1 to 64 letters (any script), digits, ``_``, ``.``, ``@`` or ``-``."""


class BadKeyName(ValueError):
    """A key name that does not match :data:`NAME_PATTERN`."""


def digest(secret: str) -> str:
    """Return the hex SHA-256 of a key's secret (what is stored and looked up)."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_key(name: str, role: Role, created_by: str) -> tuple[str, ApiKey]:
    """Return a new secret and the key to store for it."""
    if not NAME_PATTERN.match(name):
        raise BadKeyName(
            f"invalid key name {name!r}: 1 to 64 letters, digits, '_', '.', '@' or '-'"
        )
    secret = PREFIX + secrets.token_urlsafe(32)
    key = ApiKey(
        name=name, role=role, digest=digest(secret), created_at=now(), created_by=created_by
    )
    return secret, key
