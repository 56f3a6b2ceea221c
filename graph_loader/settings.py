"""One settings object for the CLI, the loader and the API (environment or ``.env``)."""

from __future__ import annotations

import os
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Annotated, Any

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict


def shipped_seed() -> Path:
    """Return the directory of the seed shipped in the package (``chainkg.seed``)."""
    return Path(str(resources.files("chainkg.seed")))


DEFAULT_SEED = shipped_seed()


def default_data_dir() -> Path:
    """Return where records live by default: ``$XDG_DATA_HOME/chainkg``, else
    ``~/.local/share/chainkg``."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "chainkg"


class Settings(BaseSettings):
    """Where the seed is, when Neo4j is used how to reach it, where records live, and who
    may read.

    ``NEO4J_URI`` unset means the embedded networkx store (and records in SQLite under
    ``CHAINKG_DATA_DIR``); set, both the graph and the records are in that Neo4j database.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    seed_dir: Path = Field(DEFAULT_SEED, validation_alias=AliasChoices("CHAINKG_SEED_DIR"))
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    neo4j_timeout: float = 5.0
    """Seconds to wait for a connection before the server counts as unreachable."""
    data_dir: Path = Field(
        default_factory=default_data_dir, validation_alias=AliasChoices("CHAINKG_DATA_DIR")
    )
    """Where the embedded store keeps staff records, keys and the audit (``records.sqlite3``)."""
    require_key_for_read: bool = Field(
        False, validation_alias=AliasChoices("CHAINKG_REQUIRE_KEY_FOR_READ")
    )
    """When true, reading (the API and the pages) needs a key too (any role)."""
    auth_failures_per_minute: int = Field(
        10, validation_alias=AliasChoices("CHAINKG_AUTH_FAILURES_PER_MINUTE")
    )
    """Failed authentications a client may make per minute before it gets 429 answers."""

    version_check_seconds: float = Field(
        2.0, ge=0, le=5, validation_alias=AliasChoices("CHAINKG_VERSION_CHECK_SECONDS")
    )
    """How often the API asks the store for the graph's version: the bound on how long after
    a load a cached answer can still be served (0 asks on every request)."""
    cache_mb: int = Field(64, ge=0, validation_alias=AliasChoices("CHAINKG_CACHE_MB"))
    """Megabytes of responses the HTTP cache of each worker keeps (0: none)."""
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, validation_alias=AliasChoices("CHAINKG_CORS_ORIGINS")
    )
    """Origins allowed to call the API from a browser (comma-separated); empty: CORS off."""
    trusted_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["*"], validation_alias=AliasChoices("CHAINKG_TRUSTED_HOSTS")
    )
    """Host names the server answers for (comma-separated, ``*.example.org`` allowed);
    ``*`` answers any. Other Host headers get a 400 problem."""

    @field_validator("cors_origins", "trusted_hosts", mode="before")
    @classmethod
    def _comma_separated(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip() for part in value.split(",") if part.strip()]
        return value


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
