"""Re-ingestion: the same pages twice change nothing; a changed page updates only what changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from store.models import Article, DocEntity, Document, Entity, Mention, Rate, RelatedArticle, RoleFact
from tests.helpers import ROOT, SEEDS, TCA_SEED, ingest_inline


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


async def _facts_point_into_their_articles(ctx: dict[str, Any]) -> int:
    """Every mention lies in its own article's title or body, and every byline author's article has that
    byline: the ids a page's articles got are the ones its facts were written with. Returns the number
    of mentions checked."""
    async with ctx["sessionmaker"]() as session:
        articles = {a.id: a for a in (await session.execute(select(Article))).scalars()}
        mentions = (await session.execute(select(Mention))).scalars().all()
        authors = (
            await session.execute(
                select(DocEntity.name, DocEntity.authored_article_id).where(
                    DocEntity.authored_article_id.is_not(None)
                )
            )
        ).all()
    for m in mentions:
        a = articles[m.article_id]
        assert a.document_id == m.document_id
        inside = (a.title_start, a.title_end), (a.body_start, a.body_end)
        assert any(start <= m.start and m.end <= end for start, end in inside), (m.text, a.title)
    for name, article_id in authors:
        assert articles[article_id].author_name == name
    return len(mentions)


async def test_changed_page_keeps_facts_on_their_articles(ctx: dict[str, Any], tmp_path: Path) -> None:
    """A page gains an article at the top (every other article moves: updated) and then lists one article
    twice (stored one by one): each time the mentions and bylines land on the right articles."""
    page = tmp_path / "listing.txt"
    text = (ROOT / "tests" / "pages" / "cabar_schools.txt").read_text(encoding="utf-8")
    page.write_text(text, encoding="utf-8")
    await ingest_inline(ctx, page)
    assert await _facts_point_into_their_articles(ctx) > 0

    entry = (
        "Kazakhstan: Wind Farms on the Steppe\n\nAigerim Sadykova 10.06.24\n\n"
        "A wind farm near Yereymentau will power 100,000 homes, says Samruk-Kazyna. (more…)\n\n"
    )
    page.write_text(entry + text, encoding="utf-8")
    summary = await ingest_inline(ctx, page)
    assert summary.count("articles", "created") == 1
    assert summary.count("articles", "updated") >= 1
    assert await _facts_point_into_their_articles(ctx) > 0

    page.write_text(entry + text.rstrip("\n") + "\n\n" + entry, encoding="utf-8")
    summary = await ingest_inline(ctx, page)
    assert summary.count("documents", "updated") == 1
    assert summary.count("articles", "created") == 0
    assert await _facts_point_into_their_articles(ctx) > 0
    async with ctx["sessionmaker"]() as session:
        wind = (await session.execute(select(Article).where(Article.title.contains("Wind Farms")))).scalars()
        assert [a.position for a in wind] == [0]  # stored once, as first listed
