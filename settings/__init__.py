"""Settings from the environment (names and defaults are part of the external contract).

Below everything that reads them: this package imports nothing of ours. Only the entry points call
`get_settings()` (api/cli.py, api/processes.py, workers/settings.py, create_app when given nothing,
and api/connections.py's protocol, which uvicorn builds from its config alone); everything else is
handed a Settings: create_app(settings), build_schema(settings), open_context(ctx, settings).
"""

from __future__ import annotations

from functools import lru_cache

from pydantic import Field, SecretStr, field_validator
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
    # a public, explorable API: both on unless switched off
    introspection: bool = Field(True, validation_alias="NEWSGRAPH_INTROSPECTION")
    graphiql: bool = Field(True, validation_alias="NEWSGRAPH_GRAPHIQL")
    # origins allowed to call the API from a browser; empty means no CORS headers (closed)
    cors_origins: list[str] = Field(default_factory=list, validation_alias="NEWSGRAPH_CORS_ORIGINS")
    max_depth: int = Field(10, validation_alias="NEWSGRAPH_MAX_DEPTH")
    max_aliases: int = Field(20, validation_alias="NEWSGRAPH_MAX_ALIASES")
    max_tokens: int = Field(2000, validation_alias="NEWSGRAPH_MAX_TOKENS")
    max_nodes: int = Field(10_000, validation_alias="NEWSGRAPH_MAX_NODES")
    # field resolutions a query may cost, counted before it runs (schema/cost.py)
    max_cost: int = Field(100_000, validation_alias="NEWSGRAPH_MAX_COST")
    # subscriptions (schema/subscriptions.py): seconds between two polls of the database, and how many
    # one server process holds at once
    subscription_poll_s: float = Field(0.5, gt=0, validation_alias="NEWSGRAPH_SUBSCRIPTION_POLL")
    max_subscriptions: int = Field(100, ge=1, validation_alias="NEWSGRAPH_MAX_SUBSCRIPTIONS")
    max_batch: int = Field(5, validation_alias="NEWSGRAPH_MAX_BATCH")
    max_search_length: int = Field(200, validation_alias="NEWSGRAPH_MAX_SEARCH_LENGTH")
    request_timeout_s: float = Field(15.0, validation_alias="NEWSGRAPH_REQUEST_TIMEOUT")
    # uvicorn worker processes for `newsgraph serve`: one per core on a server that does nothing else
    # (GraphQL execution is CPU-bound Python, one core per process)
    web_workers: int = Field(1, ge=1, validation_alias="NEWSGRAPH_WEB_WORKERS")
    # text for people at a terminal, json (one object per line) for log collectors
    log_format: str = Field("text", validation_alias="NEWSGRAPH_LOG_FORMAT")
    # statements slower than this are logged with their duration (SQL text only, never parameters)
    slow_query_ms: int = Field(200, validation_alias="NEWSGRAPH_SLOW_QUERY_MS")

    # HTTP layer (api/graphql_http.py). The body cap defaults to 3 × the document cap + 1 MiB: a posted
    # page travels inside the JSON body, and JSON encoders that escape non-ASCII (Python's json, requests)
    # turn each 2-byte Cyrillic character into a 6-byte \uXXXX, so a page at the document cap must fit.
    max_body_bytes: int | None = Field(None, ge=1, validation_alias="NEWSGRAPH_MAX_BODY_BYTES")
    # characters of one GraphQL document, checked before parsing (comments, whitespace and string
    # literals do not count toward the token cap)
    max_query_length: int = Field(100_000, ge=1, validation_alias="NEWSGRAPH_MAX_QUERY_LENGTH")
    # slow clients (api/connections.py): seconds to send a request's headers, seconds a connection may
    # sit idle between requests, and open connections per server process before new requests get 503
    header_timeout_s: float = Field(10.0, gt=0, validation_alias="NEWSGRAPH_HEADER_TIMEOUT")
    keep_alive_timeout_s: int = Field(5, ge=1, validation_alias="NEWSGRAPH_KEEP_ALIVE_TIMEOUT")
    max_connections: int = Field(1000, ge=1, validation_alias="NEWSGRAPH_MAX_CONNECTIONS")
    # bytes of a request line and headers: room for a GET document at the length cap, URL-encoded
    max_header_bytes: int = Field(256 * 1024, ge=1024, validation_alias="NEWSGRAPH_MAX_HEADER_BYTES")

    @property
    def body_limit(self) -> int:
        return self.max_body_bytes or 3 * self.max_document_bytes + 1024 * 1024

    @field_validator("admin_token", mode="before")
    @classmethod
    def _empty_token_is_unset(cls, value: object) -> object:
        # `NEWSGRAPH_ADMIN_TOKEN=` must never mean "the empty string is the password"
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
