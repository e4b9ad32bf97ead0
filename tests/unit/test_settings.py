"""Settings from the environment: the contract's defaults, and an empty admin token is no token."""

from __future__ import annotations

import pytest

from api.settings import Settings


def test_settings_defaults_match_the_contract(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "REDIS_URL", "SEEDS_DIR", "NEWSGRAPH_ADMIN_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.database_url == "postgresql+asyncpg://postgres@127.0.0.1:5432/newsgraph"
    assert settings.redis_url == "redis://127.0.0.1:6379/0"
    assert settings.seeds_dir == "seeds"
    assert settings.admin_token is None


@pytest.mark.parametrize("value", ["", "   "])
def test_settings_empty_admin_token_is_unset(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("NEWSGRAPH_ADMIN_TOKEN", value)
    assert Settings().admin_token is None


def test_settings_admin_token_is_secret(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSGRAPH_ADMIN_TOKEN", "s3cret-token")
    settings = Settings()
    assert settings.admin_token is not None
    assert settings.admin_token.get_secret_value() == "s3cret-token"
    assert "s3cret-token" not in repr(settings)
