"""Incremental cross-linking equals a full rebuild: a small corpus of made-up listing pages (the two seed
layouts, articles recurring on several pages) is ingested, one change is made and re-ingested, and the
database then holds, row for row, what a fresh database ingesting the final pages at once holds (the
nodes, each doc entity's node and blocking keys, article counts, each article's entities, the related
rows, and every other row ingestion writes). The runs after the change resolve only a part of the
corpus; `crosslink --full` afterwards changes nothing, ids included."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

import store.ranking
import store.resolution
from api.settings import Settings
from bench.corpus import build
from bench.kill_test import compare, snapshot
from pipeline.related import COMMON_CAP
from store.db import make_engine
from store.entities import crosslink
from tests.conftest import fresh_database
from tests.helpers import ingest_inline
from workers.context import close_context, open_context

TICKER = """• KGS/USD = 0.01151 0%
  • KZT/USD = 0.00198 0.15%
  • TJS/USD = 0.10930 0%
  • UZS/USD = 0.00008 0%
  • TMT/USD = 0.28571 0%
{day} June 2026

Viewing results 1 - {n} of 40

"""
REFINERY = "Kazakh Energy Ministry Plans New Refinery Near Shymkent"
PORT = "Aktau Port Expands Its Container Terminal"
BANK = "National Bank Holds Rate as Inflation Slows"
PROTEST = "Atyrau Residents Protest Higher Gas Prices"
MINERS = "Karaganda Miners Demand Independent Safety Checks"
RAIL = "Railway Workers in Pavlodar Go on Strike"
ARTICLES = {
    REFINERY: "SHYMKENT (TCA) — The Ministry of Energy will build a refinery near Shymkent, minister Daniyar "
    "Kemelbayev said on Monday. Economist Aizhan Sarsenova told Kursiv.media that the plan depends on "
    "Chinese loans. The Caspian Pipeline Trust declined to comment on the route.",
    PORT: "AKTAU (TCA) — The port of Aktau will double its container capacity by 2028, port director Bolat "
    "Zhaksylykov said on Tuesday. Minister Daniyar Kemelbayev said the ministry would help fund the "
    "terminal. The Agency for Strategic Planning (ASP) expects freight through Aktau to grow by a third.",
    BANK: "ALMATY (TCA) — The National Bank of Kazakhstan kept its base rate at 14%, governor Timur Ospanov "
    "said on Friday. Aizhan Sarsenova said the decision was expected. Prices in Almaty and Astana rose "
    "less than forecast, according to the ASP.",
    PROTEST: "ATYRAU (TCA) — Hundreds of residents of Atyrau protested against higher gas prices on Sunday. "
    "Activist Gulnara Abenova said the police detained three people. The Agency for Strategic Planning "
    "said prices would be reviewed by July.",
    MINERS: "KARAGANDA (TCA) — Miners in Karaganda demanded independent safety checks after an accident, "
    "union leader Saule Myrzakhmetova said on Wednesday. Governor Timur Ospanov of the National Bank of "
    "Kazakhstan was not available. Bolat Zhaksylykov said Aktau would send engineers. Yerlan, 34, a miner "
    "from Temirtau, said the shafts flood every spring.",
    RAIL: "PAVLODAR (TCA) — Railway workers in Pavlodar stopped work on Thursday over unpaid wages, union "
    "leader Saule Myrzakhmetova said. Minister Marat Kemelbayev promised to meet them in Astana.",
}
# an excerpt naming the minister by surname only (a lone surname that joins the one full name it
# matches), and a city no other copy of the article names
PORT_EXCERPT = "AKTAU (TCA) — The port of Aktau will double its container capacity by 2028. Kemelbayev said "
PORT_EXCERPT += "in Aktobe that the ministry would help fund the terminal..."
REFINERY_EXCERPT = "SHYMKENT (TCA) — The Ministry of Energy will build a refinery near Shymkent..."

BYLINE_HEAD = """{title}

{byline}

{body} (more…)
"""
SCHOOLS = "Kazakhstan: Who Pays for the Refinery?"
WATER = "Kazakhstan: Atyrau Waits for Clean Water"
BYLINE_ARTICLES = {
    SCHOOLS: (
        "Meruyert Alibekova 03.06.24",
        "Residents of Shymkent doubt that the refinery will bring jobs. Economist Aizhan Sarsenova says "
        "the Ministry of Energy has not published its study.",
    ),
    WATER: (
        "Steppe Review 28.05.24",
        "Activist Gulnara Abenova says that the akimat of Atyrau has delayed the new water plant again. "
        "Saule Myrzakhmetova of the miners' union supports the protest.",
    ),
}


def ticker(day: int, *entries: tuple[str, str | None]) -> str:
    """A ticker listing: each entry a title and its body (None: the article's full text)."""
    body = "\n\n".join(f"{title}\n\n{text_ or ARTICLES[title]}" for title, text_ in entries)
    return TICKER.format(day=day, n=len(entries)) + body + "\n"


def byline(*titles: str) -> str:
    return "\n".join(
        BYLINE_HEAD.format(title=t, byline=BYLINE_ARTICLES[t][0], body=BYLINE_ARTICLES[t][1]) for t in titles
    )


def base_pages() -> dict[str, str]:
    return {
        "p1_tca.txt": ticker(1, (REFINERY, None), (PORT, None)),
        "p2_tca.txt": ticker(2, (REFINERY, REFINERY_EXCERPT), (BANK, None)),
        "p3_tca.txt": ticker(3, (PORT, PORT_EXCERPT), (PROTEST, None)),
        "p4_tca.txt": ticker(4, (BANK, None), (PROTEST, None), (MINERS, None)),
        "b1_steppe.txt": byline(SCHOOLS, WATER),
    }


Change = Callable[[dict[str, str]], None]


def edit_excerpt(pages: dict[str, str]) -> None:
    """One listing prints an article's excerpt otherwise: other mentions, same entities."""
    pages["p2_tca.txt"] = ticker(
        2, (REFINERY, REFINERY_EXCERPT.replace("near Shymkent", "in the south")), (BANK, None)
    )


def new_spelling(pages: dict[str, str]) -> None:
    """A page spells a person named elsewhere otherwise: the node gains an alias and a reason."""
    pages["p4_tca.txt"] = pages["p4_tca.txt"].replace("Bolat Zhaksylykov said", "Bolat Jaksylykov said")


def drop_only_mention(pages: dict[str, str]) -> None:
    """The only page naming a body names it no more: its node goes."""
    pages["p1_tca.txt"] = pages["p1_tca.txt"].replace(
        " The Caspian Pipeline Trust declined to comment on the route.", ""
    )


def new_page(pages: dict[str, str]) -> None:
    """A new page with a new article: one more article with entities, so every IDF weight moves; and
    a second Kemelbayev, so the lone surname on p3 matches two people and leaves the first."""
    pages["p5_tca.txt"] = ticker(5, (RAIL, None), (MINERS, None))


def namesake_goes(pages: dict[str, str]) -> None:
    """The second Kemelbayev is named no more: the lone surname on p3 joins the first again, though the
    page that changed names neither."""
    page = pages["p5_tca.txt"]
    pages["p5_tca.txt"] = page.replace("Minister Marat Kemelbayev promised", "The ministry promised")


def entity_gained(pages: dict[str, str]) -> None:
    """An article names one more city that others name too: that city's weight moves, and so the
    scores of the articles sharing it, whose own entities did not change."""
    pages["p2_tca.txt"] = pages["p2_tca.txt"].replace(
        "rose less than forecast", "rose less than forecast, and exporters in Aktau welcomed the decision"
    )


def place_renamed(pages: dict[str, str]) -> None:
    """A page names a city in a fuller form than every other page: its node is named so, and gets another
    key, so every doc entity of it, on every page, moves to the new node."""
    pages["p2_tca.txt"] = pages["p2_tca.txt"].replace(
        "rose less than forecast", "rose less than forecast, and traders in Alma Ata expected a cut"
    )


def delisted(pages: dict[str, str]) -> None:
    """A listing drops an article: the entities only its copy there named leave the article. (It lists
    one of an earlier page instead: an article keeps the page that listed it first, so a later page
    would hold it here and not in a rebuild, whatever cross-linking does.)"""
    pages["p3_tca.txt"] = ticker(3, (PROTEST, None), (BANK, None))


def reorder_page(pages: dict[str, str]) -> None:
    """A page lists the same articles in another order: the same doc entities, at other indexes (and a
    first-name-only person's node, whose key names its index, another key)."""
    pages["p4_tca.txt"] = ticker(4, (MINERS, None), (BANK, None), (PROTEST, None))


# what each change does to the nodes: a key that appears, one that goes, one whose row changes
EFFECTS = {
    "excerpt": (None, None, None),
    "spelling": (None, None, "person:bolat zhaksylykov"),
    "only-mention": (None, "organization:caspian pipeline trust", None),
    "new-page": ("person:kemelbayev", None, "person:daniyar kemelbayev"),
    "namesake-goes": (None, "person:kemelbayev", "person:daniyar kemelbayev"),
    "entity-gained": (None, None, None),
    "place-renamed": ("place:alma ata@city:1526384", "place:almaty@city:1526384", None),
    "delisted": (None, "place:aktobe@city:610611", None),
    "reorder": (None, None, None),
}
CHANGES: dict[str, Change] = {
    "excerpt": edit_excerpt,
    "spelling": new_spelling,
    "only-mention": drop_only_mention,
    "new-page": new_page,
    "namesake-goes": namesake_goes,
    "entity-gained": entity_gained,
    "place-renamed": place_renamed,
    "delisted": delisted,
    "reorder": reorder_page,
}
# what a change needs in place before it (ingested with the base pages)
SETUP: dict[str, Change] = {"namesake-goes": new_page}
# each row as content (keys, labels, identities), so two databases compare whatever their ids
EXTRA_SQL = {
    "entity_facts": "SELECT key, evidence, article_count FROM entities",
    "doc_entity_keys": """
        SELECT d.identity, de.idx, de.evidence, k.keys FROM doc_entities de
        JOIN documents d ON d.id = de.document_id LEFT JOIN doc_entity_keys k ON k.doc_entity_id = de.id""",
    "article_entity_sets": """
        SELECT s.name, a.norm_title,
               (SELECT array_agg(e.key ORDER BY e.key) FROM entities e WHERE e.id = ANY(x.entity_ids))
        FROM article_entity_sets x JOIN articles a ON a.id = x.article_id
        JOIN sources s ON s.id = a.source_id""",
    "leftovers": "SELECT entity_ids, blocking, article_ids FROM crosslink_leftovers",
}
# the same with ids: what a full cross-linking of the same database must leave as it is
ID_SQL = {
    "entities": "SELECT id, key, name, aliases, reasons, evidence, search_text, article_count FROM entities",
    "doc_entities": "SELECT id, entity_id FROM doc_entities",
    "doc_entity_keys": "SELECT doc_entity_id, keys FROM doc_entity_keys",
    "related": "SELECT article_id, rank, other_id, score FROM related_articles",
    "sets": "SELECT article_id, entity_ids FROM article_entity_sets",
}


async def _rows(url: str, queries: dict[str, str]) -> dict[str, Counter[tuple[Any, ...]]]:
    engine = make_engine(url)
    try:
        async with engine.connect() as conn:
            return {
                name: Counter(
                    tuple(tuple(v) if isinstance(v, list) else v for v in row)
                    for row in (await conn.execute(text(sql))).all()
                )
                for name, sql in queries.items()
            }
    finally:
        await engine.dispose()


async def _state(url: str) -> dict[str, Counter[tuple[Any, ...]]]:
    return {**await snapshot(url), **await _rows(url, EXTRA_SQL)}


def _differences(want: dict[str, Counter[Any]], got: dict[str, Counter[Any]]) -> list[str]:
    problems = compare(want, got, ("full rebuild", "incremental"))
    problems += [
        f"{t}: only in the rebuild {sorted(want[t] - got[t])[:3]}; "
        f"only incremental {sorted(got[t] - want[t])[:3]}"
        for t in EXTRA_SQL
        if want[t] != got[t]
    ]
    return problems


def _write(folder: Path, pages: dict[str, str]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, page in sorted(pages.items()):
        path = folder / name
        path.write_text(page, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
async def other_db_url(template_url: str) -> AsyncIterator[str]:
    """A second database, for the rebuild to compare with."""
    async with fresh_database(template_url) as url:
        yield url


async def _rebuilt(
    other_db_url: str, settings: Settings, folder: Path, pages: dict[str, str]
) -> dict[str, Any]:
    """The state a fresh database reaches by ingesting `pages` in one run (cross-linked in full)."""
    other: dict[str, Any] = {}
    await open_context(
        other, Settings(DATABASE_URL=other_db_url, REDIS_URL=settings.redis_url, SEEDS_DIR=settings.seeds_dir)
    )
    try:
        async with other["sessionmaker"].begin() as session:
            await session.execute(
                text("TRUNCATE documents, sources, entities, ingestion_runs, crosslink_leftovers CASCADE")
            )
        summary = await ingest_inline(other, *_write(folder, pages))
        assert summary.status == "succeeded", summary.errors
    finally:
        await close_context(other)
    return await _state(other_db_url)


def _spy(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Records which way each cross-linking resolved ("all", "part") and ranked ("rank all")."""
    calls: list[str] = []
    read_all, read_part = store.resolution.read_corpus, store.resolution.read_touched
    rank_all = store.ranking.rank_all

    async def spy_all(*args: Any) -> Any:
        calls.append("all")
        return await read_all(*args)

    async def spy_part(*args: Any) -> Any:
        calls.append("part")
        return await read_part(*args)

    async def spy_rank(*args: Any) -> Any:
        calls.append("rank all")
        return await rank_all(*args)

    monkeypatch.setattr(store.resolution, "read_corpus", spy_all)
    monkeypatch.setattr(store.resolution, "read_touched", spy_part)
    monkeypatch.setattr(store.ranking, "rank_all", spy_rank)
    return calls


async def _full_changes_nothing(ctx: dict[str, Any], url: str) -> None:
    before = await _rows(url, ID_SQL)
    async with ctx["sessionmaker"].begin() as session:
        counts = await crosslink(session, full=True)
    assert all(set(c) <= {"unchanged"} for c in counts.values()), counts
    assert await _rows(url, ID_SQL) == before


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
async def test_incremental_crosslink_equals_a_full_rebuild(
    change: str,
    ctx: dict[str, Any],
    settings: Settings,
    other_db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    pages = base_pages()
    if change in SETUP:
        SETUP[change](pages)
    live = tmp_path / "live"
    await ingest_inline(ctx, *_write(live, pages))
    before = await _state(settings.database_url)

    CHANGES[change](pages)
    changed = [p for p in _write(live, pages) if p.name in pages]
    calls = _spy(monkeypatch)
    summary = await ingest_inline(ctx, *changed)
    assert summary.status == "succeeded", summary.errors
    got = await _state(settings.database_url)
    assert got != before, "the change changed nothing"
    assert calls[:1] == ["part"] and "all" not in calls  # resolved only the part the change touched
    assert ("rank all" in calls) is (change == "new-page")  # one more article: every weight moved
    calls.clear()
    appears, goes, changes = EFFECTS[change]
    nodes_before = {row[0]: row for row in before["entities"]}
    nodes = {row[0]: row for row in got["entities"]}
    assert appears is None or (appears in nodes and appears not in nodes_before)
    assert goes is None or (goes in nodes_before and goes not in nodes)
    assert changes is None or nodes[changes] != nodes_before[changes]

    want = await _rebuilt(other_db_url, settings, tmp_path / "rebuilt", pages)
    assert _differences(want, got) == []
    await _full_changes_nothing(ctx, settings.database_url)


async def test_incremental_crosslink_equals_a_full_rebuild_after_each_of_many_changes(
    ctx: dict[str, Any],
    settings: Settings,
    other_db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The changes one after another on one database (each run touching what the earlier ones left),
    then the first pages back as they were: after each run the database is a rebuild's."""
    pages = base_pages()
    live = tmp_path / "live"
    await ingest_inline(ctx, *_write(live, pages))
    original = dict(pages)
    calls = _spy(monkeypatch)
    steps: list[tuple[str, Change]] = [*CHANGES.items(), ("back", lambda p: p.update(original))]
    for n, (name, change) in enumerate(steps):
        earlier = dict(pages)
        change(pages)
        stored = _write(live, pages)
        calls.clear()
        summary = await ingest_inline(ctx, *stored)
        assert summary.status == "succeeded", (name, summary.errors)
        # most pages changed at once: cross-linking them all costs no more
        most = 2 * sum(earlier.get(k) != v for k, v in pages.items()) > len(pages)
        assert calls[:1] == ["all" if most else "part"] and ("all" in calls) is most, name
        want = await _rebuilt(other_db_url, settings, tmp_path / f"rebuilt{n}", pages)
        assert _differences(want, await _state(settings.database_url)) == [], name
    await _full_changes_nothing(ctx, settings.database_url)


def _edited(text_: str) -> str:
    """The page with the last sentence of its longest entry dropped (as bench/reingest.py edits one)."""
    blocks = text_.split("\n\n")
    longest = max(range(len(blocks)), key=lambda i: len(blocks[i]))
    body = blocks[longest].rstrip()
    blocks[longest] = body[: body.rstrip(".").rfind(". ") + 1]
    return "\n\n".join(blocks)


@pytest.mark.parametrize("change", ["excerpt", "new-page"])
async def test_incremental_crosslink_equals_a_full_rebuild_past_the_weight_cap(
    change: str,
    ctx: dict[str, Any],
    settings: Settings,
    other_db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On generated archive pages with more articles than COMMON_CAP, where weights no longer depend on
    the article count: one more article is re-ranked with what it touches, not with everything."""
    generated = build(90, seed=3, archive=True)
    pages = {p.name: p.text for p in generated}
    live = tmp_path / "live"
    await ingest_inline(ctx, *_write(live, pages))
    async with ctx["sessionmaker"]() as session:
        assert await session.scalar(text("SELECT count(*) FROM article_entity_sets")) > COMMON_CAP
    if change == "excerpt":
        for name in sorted(pages)[40:43]:
            pages[name] = _edited(pages[name])
    else:
        extra = build(12, seed=8, archive=True)[0]
        pages["new_" + extra.name] = extra.text
    calls = _spy(monkeypatch)
    summary = await ingest_inline(ctx, *_write(live, pages))
    assert summary.status == "succeeded", summary.errors
    assert calls == ["part"]  # resolved a part, and ranked only what that touched
    want = await _rebuilt(other_db_url, settings, tmp_path / "rebuilt", pages)
    assert _differences(want, await _state(settings.database_url)) == []
    await _full_changes_nothing(ctx, settings.database_url)
