"""/readyz answers 503, naming what is down, when PostgreSQL or Redis cannot be reached."""

from __future__ import annotations

import httpx
import pytest

from api.app import create_app
from api.settings import Settings


@pytest.mark.parametrize(
    ("override", "down"),
    [
        ({"REDIS_URL": "redis://127.0.0.1:1/0"}, "redis"),
        ({"DATABASE_URL": "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"}, "database"),
    ],
)
async def test_readyz_is_503_when_a_service_is_down(
    settings: Settings, override: dict[str, str], down: str
) -> None:
    broken = Settings(**{"DATABASE_URL": settings.database_url, "REDIS_URL": settings.redis_url, **override})
    app = create_app(broken)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            response = await http.get("/readyz")
            assert (await http.get("/healthz")).status_code == 200
    assert response.status_code == 503
    assert response.json()[down] == "unreachable"
    assert response.json()["status"] == "not ready"
