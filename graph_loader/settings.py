"""One settings object for the CLI, the loader and the API (environment or ``.env``)."""

from __future__ import annotations

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


class Settings(BaseSettings):
    """Where the seed is and, when Neo4j is used, how to reach it.

    ``NEO4J_URI`` unset means the embedded networkx store.
    """

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    seed_dir: Path = Field(DEFAULT_SEED, validation_alias=AliasChoices("CHAINKG_SEED_DIR"))
    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("")
    neo4j_database: str = "neo4j"
    neo4j_timeout: float = 5.0
    """Seconds to wait for a connection before the server counts as unreachable."""

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
