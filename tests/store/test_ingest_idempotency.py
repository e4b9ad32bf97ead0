"""Re-ingestion: the same pages twice change nothing; a changed page updates only what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from store.models import Article, DocEntity, Document, Entity, Mention, Rate, RelatedArticle, RoleFact
from tests.helpers import SEEDS, TCA_SEED, ingest_inline


async def _snapshot(ctx: dict[str, Any]) -> dict[str, list[tuple[Any, ...]]]:
    """Every stored row that ingestion writes, as plain tuples (ids included: they must not move)."""
    tables: dict[str, Any] = {
        "documents": Document,
        "articles": Article,
        "rates": Rate,
        "entities": Entity,
        "related": RelatedArticle,
    }
    out: dict[str, list[tuple[Any, ...]]] = {}
    async with ctx["sessionmaker"]() as session:
        for name, model in tables.items():
            cols = list(model.__table__.columns)
            rows = (await session.execute(select(*cols).order_by(*model.__table__.primary_key.columns))).all()
            out[name] = [tuple(r) for r in rows]
        for name, model in {"doc_entities": DocEntity, "mentions": Mention, "roles": RoleFact}.items():
            out[name] = [(len((await session.execute(select(model.id))).all()),)]
    return out


async def test_ingest_seeds_twice_reports_and_writes_nothing_new(ctx: dict[str, Any]) -> None:
    first = await ingest_inline(ctx, SEEDS)
    assert first.status == "succeeded"
    assert first.count("documents", "created") == 2
    assert first.count("articles", "created") == 15
    assert first.count("rates", "created") == 5
    before = await _snapshot(ctx)

    second = await ingest_inline(ctx, SEEDS)
    assert second.status == "succeeded"
    for kind in ("documents", "articles", "rates", "people", "organizations", "places"):
        assert second.count(kind, "created") == 0, kind
        assert second.count(kind, "updated") == 0, kind
    assert second.count("articles", "unchanged") == 15
    assert second.count("rates", "unchanged") == 5
    assert await _snapshot(ctx) == before


async def test_ingest_changed_page_updates_only_what_changed(ctx: dict[str, Any], tmp_path: Path) -> None:
    page = tmp_path / TCA_SEED.name
    text = TCA_SEED.read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    await ingest_inline(ctx, page)
    async with ctx["sessionmaker"]() as session:
        before = {a.title: a for a in (await session.execute(select(Article))).scalars()}

    # the last article's body gains a sentence: earlier spans stay put, so only it changes
    page.write_text(text + " A new closing sentence.", encoding="utf-8")
    summary = await ingest_inline(ctx, page)
    assert summary.count("documents", "updated") == 1
    assert summary.count("articles", "updated") == 1
    assert summary.count("articles", "unchanged") == 5
    assert summary.count("articles", "created") == 0
    assert summary.count("rates", "unchanged") == 5
    async with ctx["sessionmaker"]() as session:
        after = {a.title: a for a in (await session.execute(select(Article))).scalars()}
    assert after.keys() == before.keys()
    changed = [t for t in after if after[t].body != before[t].body]
    assert changed == ["Domestic Violence in Kazakhstan: What Has and Hasn’t Changed for Victims"]
    assert after[changed[0]].body.endswith("A new closing sentence.")
    assert all(after[t].id == before[t].id for t in after)
