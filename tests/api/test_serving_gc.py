"""The server process collects garbage less often while it serves, and puts things back after."""

from __future__ import annotations

import gc

from api.app import GC_THRESHOLD, create_app
from api.settings import Settings


async def test_serving_freezes_startup_objects_and_raises_the_threshold(settings: Settings) -> None:
    before = gc.get_threshold()
    app = create_app(settings)
    async with app.router.lifespan_context(app):
        assert gc.get_threshold() == GC_THRESHOLD
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
