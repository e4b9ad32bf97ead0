"""One page through the pure pipeline: text → parsed page (→ entities, once linked)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from pipeline.entities import DocumentEntities, TextRegion
from pipeline.link import link_document
from pipeline.parse import parse_page
from pipeline.records import Layout, ParsedPage


def _source_digest(package: Path | None = None) -> str:
    """A digest of this package's code and the word lists it reads (data/ folders): a page stored by
    other parsing or extraction code is redone on the next ingest, with no version number for anyone
    to forget to bump."""
    package = package or Path(__file__).resolve().parent
    digest = hashlib.sha256()
    files = [*package.rglob("*.py"), *(p for p in package.rglob("data/*") if p.is_file())]
    for path in sorted(files):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


PIPELINE_VERSION = _source_digest()

# The outlet a layout comes from when the page itself does not say. Naming, not recognition: the layout
# is found from the page's shape, and a house byline or a source URL overrides this.
_LAYOUT_PUBLISHERS: dict[Layout, str] = {
    "ticker-listing": "The Times of Central Asia",
    "byline-listing": "CABAR.asia",
}
_UNKNOWN_PUBLISHER = "Unknown source"


@dataclass(frozen=True)
class ProcessedPage:
    sha256: str
    publisher: str
    page: ParsedPage
    entities: DocumentEntities


def regions(page: ParsedPage) -> tuple[TextRegion, ...]:
    """What the extractor reads: each article's title and body (never bylines, tickers or furniture)."""
    out: list[TextRegion] = []
    for a in page.articles:
        out.append(TextRegion(a.position, "title", a.title_span.start, a.title_span.end))
        out.append(TextRegion(a.position, "body", a.body_span.start, a.body_span.end))
    return tuple(out)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def publisher_for(page: ParsedPage, source_url: str | None) -> str:
    if page.publisher:
        return page.publisher
    if page.layout in _LAYOUT_PUBLISHERS:
        return _LAYOUT_PUBLISHERS[page.layout]
    if source_url:
        host = urlsplit(source_url).hostname
        if host:
            return host.removeprefix("www.")
    return _UNKNOWN_PUBLISHER


def process(text: str, source_url: str | None = None) -> ProcessedPage:
    """Raises pipeline.errors.ParseError when the page holds no article."""
    page = parse_page(text, source_url)
    sha = sha256_text(text)
    return ProcessedPage(sha, publisher_for(page, source_url), page, link_document(sha, text, regions(page)))
