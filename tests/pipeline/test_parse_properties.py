"""Property tests of the parser over pages built from the line shapes it recognises (bylines, date
lines and blocks, labels, separators, cut titles): it parses or raises ParseError, and every span
slices back to its text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pipeline.errors import ParseError
from pipeline.parse import parse_page

_LINES = st.sampled_from(
    [
        "By Dana Kuatova",
        "By Aru Sapar and Ivan de la Cruz",
        "14 November 2025 by Dana Kuatova",
        "Dana Kuatova 06.08.20",
        "Example. kg 01.12.23",
        "22.04.2026, 09:17",
        "ECONOMY | 11:05 / 14.03.2026",
        "7 OCT",
        "7",
        "OCT",
        "5 hours ago",
        "Latest news",
        "World",
        "POLITICS",
        "-",
        "Read more",
        "Home > News",
        "Khiva Museum Reopens After Repairs",
        "Khiva Museum Reopens After...",
        "Khiva Museum Reopens After Repairs | 17.03.2026",
        "Who Pays for Water?Dana Kuatova 10.05.2026",
        "The Samarkand council approved a new budget for the coming year.",
        "The museum reopened.",
        "The committee met for three hours on Monday and agreed on a draft. Members said the text would "
        "be published for comment before the end of the month.",
        "Another paragraph, and the page stops mid",
        "Хивада музей қайта очилди",
        "14 November 2025",
        "",
    ]
)
_PAGE = st.lists(_LINES, min_size=0, max_size=25).map("\n".join)


@given(_PAGE)
def test_parse_properties_shaped_pages_parse_with_exact_spans(text: str) -> None:
    try:
        page = parse_page(text)
    except ParseError:
        return
    assert page.articles
    for n, article in enumerate(page.articles):
        spans = [(article.title_span, article.title), (article.body_span, article.body)]
        if article.byline:
            spans.append((article.byline.span, article.byline.text))
        assert [text[span.start : span.end] for span, _ in spans] == [value for _, value in spans]
        assert article.position == n
        assert article.title.strip() == article.title and article.title
        if not article.body:
            assert article.body_span.start == article.body_span.end == article.title_span.end
            assert article.truncated is False
    titles = [a.title for a in page.articles]
    assert len(set(titles)) == len(titles)  # an entry printed twice is one article
