"""Settings from the environment (names and defaults are part of the external contract)."""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=None, extra="ignore", populate_by_name=True)

    database_url: str = Field(
        "postgresql+asyncpg://postgres@127.0.0.1:5432/newsgraph", validation_alias="DATABASE_URL"
    )
    redis_url: str = Field("redis://127.0.0.1:6379/0", validation_alias="REDIS_URL")
    seeds_dir: str = Field("seeds", validation_alias="SEEDS_DIR")
    # SecretStr so the token never shows in a repr or a log line
    admin_token: SecretStr | None = Field(None, validation_alias="NEWSGRAPH_ADMIN_TOKEN")
    max_document_bytes: int = Field(5 * 1024 * 1024, validation_alias="NEWSGRAPH_MAX_DOCUMENT_BYTES")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
