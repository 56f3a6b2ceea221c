"""One settings object for the CLI, the loader and the API (environment or ``.env``)."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


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


@lru_cache
def get_settings() -> Settings:
    """Return the process-wide settings (read once)."""
    return Settings()
