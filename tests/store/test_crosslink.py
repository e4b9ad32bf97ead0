"""Cross-linking after a change: what the incremental run leaves equals resolving from scratch."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import delete, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncSession

import store.entities
import store.resolution
from pipeline.crosslink import search_text
from pipeline.resolve import resolve_members
from store.entities import crosslink
from store.models import DocEntity, Document, Entity, RelatedArticle
from tests.helpers import CABAR_SEED, TCA_SEED, ingest_inline


async def _outcome(session: AsyncSession) -> dict[str, Any]:
    """What cross-linking decides, by content: nodes by key, each doc entity's node, related rows."""
    entities = {
        r.key: (
            r.kind,
            r.name,
            tuple(r.aliases),
            r.subtype,
            tuple(r.reasons),
            tuple(r.evidence),
            r.search_text,
        )
        for r in await session.execute(
            select(
                Entity.key,
                Entity.kind,
                Entity.name,
                Entity.aliases,
                Entity.subtype,
                Entity.reasons,
                Entity.evidence,
                Entity.search_text,
            )
        )
    }
    placed = dict(
        (
            await session.execute(
                select(DocEntity.id, Entity.key).outerjoin(Entity, Entity.id == DocEntity.entity_id)
            )
        ).all()
    )
    related = sorted(
        (r.article_id, r.rank, r.other_id, r.score)
        for r in await session.execute(
            select(
                RelatedArticle.article_id, RelatedArticle.rank, RelatedArticle.other_id, RelatedArticle.score
            )
        )
    )
    return {"entities": entities, "placed": placed, "related": related}


async def _ids(session: AsyncSession) -> dict[str, int]:
    return dict((await session.execute(select(Entity.key, Entity.id))).all())


async def test_crosslink_after_a_change_equals_crosslink_from_scratch(
    ctx: dict[str, Any], tmp_path: Path
) -> None:
    page = tmp_path / TCA_SEED.name
    original = TCA_SEED.read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    await ingest_inline(ctx, page, CABAR_SEED)
    async with ctx["sessionmaker"]() as session:
        ids_before = await _ids(session)
        before = await _outcome(session)

    # one person disappears and another appears, an alias goes, a city becomes another: nodes are
    # created, updated and deleted, and related articles re-ranked
    changed = (
        original.replace("Almat Mukhamedzhanov", "Nurlan Bekbolatov")
        .replace(" (Tansari)", "")
        .replace("Almaty", "Astana")
    )
    assert changed != original
    page.write_text(changed, encoding="utf-8")
    summary = await ingest_inline(ctx, page)
    assert summary.status == "succeeded"
    assert summary.count("people", "created") >= 1
    assert summary.count("people", "updated") >= 1
    assert gc.isenabled()

    async with ctx["sessionmaker"]() as session:
        after = await _outcome(session)
        ids_after = await _ids(session)
    assert not any("mukhamedzhanov" in key for key in after["entities"])
    assert any("bekbolatov" in key for key in after["entities"])
    assert all(key is not None for key in after["placed"].values())
    # a node that survives keeps its id
    assert {k: ids_after[k] for k in ids_before.keys() & ids_after.keys()} == {
        k: ids_before[k] for k in ids_before.keys() & ids_after.keys()
    }
    assert after["related"] != before["related"]  # some ranks moved: rows deleted and written

    # the same corpus cross-linked from nothing (rolled back): the same nodes, links and related rows
    async with ctx["sessionmaker"]() as session:
        await session.execute(update(DocEntity).values(entity_id=None))
        await session.execute(delete(RelatedArticle))
        await session.execute(delete(Entity))
        await session.execute(update(Document).values(crosslinked=None))
        counts = await crosslink(session)
        assert all(c.get("updated", 0) == 0 and c.get("unchanged", 0) == 0 for c in counts.values())
        assert await _outcome(session) == after
        await session.rollback()

    # and a second full run over it (marks cleared, so it reads and resolves everything) changes nothing
    async with ctx["sessionmaker"].begin() as session:
        await session.execute(update(Document).values(crosslinked=None))
        counts = await crosslink(session)
        assert all(set(c) == {"unchanged"} for c in counts.values())
        assert await _outcome(session) == after
        assert (
            await session.execute(text("SELECT count(*) FROM doc_entities WHERE entity_id IS NULL"))
        ).scalar() == 0


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, int]]:
    """Records each resolution: of the whole corpus ("all") or of a part ("part"), and how many doc
    entities it is given."""
    calls: list[tuple[str, int]] = []
    real_all, real_part = store.resolution.read_corpus, store.resolution.read_touched
    real_resolve = store.resolution.resolve_members

    async def read_all(*args: Any) -> Any:
        calls.append(("all", 0))
        return await real_all(*args)

    async def read_part(*args: Any) -> Any:
        calls.append(("part", 0))
        return await real_part(*args)

    def counted(members: Any) -> Any:
        calls[-1] = (calls[-1][0], len(members))
        return real_resolve(members)

    monkeypatch.setattr(store.resolution, "read_corpus", read_all)
    monkeypatch.setattr(store.resolution, "read_touched", read_part)
    monkeypatch.setattr(store.resolution, "resolve_members", counted)
    return calls


async def test_crosslink_skips_when_no_page_changed_since_the_last(
    ctx: dict[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / TCA_SEED.name
    original = TCA_SEED.read_text(encoding="utf-8")
    page.write_text(original, encoding="utf-8")
    first = await ingest_inline(ctx, page, CABAR_SEED)
    async with ctx["sessionmaker"]() as session:
        before = await _outcome(session)
    calls = _spy(monkeypatch)

    # the same pages again: nothing pending, so the corpus is not even read, and the counts say unchanged
    again = await ingest_inline(ctx, page, CABAR_SEED)
    assert again.status == "succeeded"
    assert calls == []
    for kind in ("people", "organizations", "places"):
        assert again.count(kind, "unchanged") == first.count(kind, "created") > 0
        assert again.count(kind, "created") == again.count(kind, "updated") == 0
    async with ctx["sessionmaker"]() as session:
        assert await _outcome(session) == before

    # one page changed: it is pending, so the run resolves the part of the corpus it touched
    page.write_text(original.replace("Almaty", "Astana"), encoding="utf-8")
    changed = await ingest_inline(ctx, page)
    assert changed.status == "succeeded"
    async with ctx["sessionmaker"]() as session:
        corpus = await session.scalar(select(func.count()).select_from(DocEntity))
    assert [kind for kind, _ in calls] == ["part"]
    assert 0 < calls[0][1] < corpus
    async with ctx["sessionmaker"]() as session:
        after = await _outcome(session)
        unmarked = await session.scalar(select(func.count()).where(Document.crosslinked.is_(None)))
    assert unmarked == 0
    assert any("astana" in key for key in after["entities"])


async def test_crosslink_runs_again_when_its_code_changed(
    ctx: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    await ingest_inline(ctx, CABAR_SEED)
    calls = _spy(monkeypatch)
    async with ctx["sessionmaker"].begin() as session:
        await crosslink(session)
    assert calls == []  # nothing pending
    monkeypatch.setattr(store.entities, "CROSSLINK_VERSION", "another-version")
    async with ctx["sessionmaker"].begin() as session:
        await crosslink(session)
    async with ctx["sessionmaker"]() as session:
        corpus = await session.scalar(select(func.count()).select_from(DocEntity))
    assert calls == [("all", corpus)]  # every page is pending under other code
    async with ctx["sessionmaker"].begin() as session:
        await crosslink(session)
    assert calls == [("all", corpus)]  # and marked once done


async def test_crosslink_stores_what_resolution_decided_with_evidence(ctx: dict[str, Any]) -> None:
    await ingest_inline(ctx, TCA_SEED, CABAR_SEED)
    async with ctx["sessionmaker"]() as session:
        rows = (await session.execute(select(DocEntity.evidence, DocEntity.authored_article_id))).all()
        stored = await _outcome(session)
        corpus = await store.resolution.read_corpus(session)
    # every doc entity keeps what found it; a byline author is known from the byline
    assert rows and all(evidence for evidence, _ in rows)
    assert all(evidence == ["byline"] for evidence, authored in rows if authored is not None)
    # the stored nodes are resolution's answer over the stored doc entities, as pipeline/ computes it
    members = list(zip(corpus.rows.refs, corpus.rows.entities, strict=True))
    resolved = {e.key: e for e in resolve_members(members)}
    assert stored["entities"].keys() == resolved.keys()
    for key, (kind, name, aliases, subtype, reasons, evidence, search) in stored["entities"].items():
        e = resolved[key]
        assert (kind, name, aliases, subtype, reasons, evidence) == (
            e.kind,
            e.name,
            e.aliases,
            e.subtype,
            e.reasons,
            e.evidence,
        )
        assert search == search_text(e.name, e.aliases)
        assert evidence, key
