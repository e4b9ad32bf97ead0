"""Property tests over the pure pipeline: any text yields articles or a typed error, never a crash,
and every span slices back to its text. HYPOTHESIS_PROFILE=nightly runs many more examples."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import ParseError
from pipeline.page import process

settings.register_profile("ci", max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "nightly", max_examples=3000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

_WORDS = st.sampled_from(
    [
        "Kazakhstan",
        "Bishkek",
        "Minister",
        "President",
        "of",
        "the",
        "Ministry",
        "Energy",
        "Nurlan",
        "Abdyldaev",
        "Tashkent",
        "said",
        "on",
        "Committee",
        "Court",
        "‘Law’",
        "“quoted”",
        "14",
        "November",
        "2025",
        "06.08.20",
        "•",
        "KZT/USD",
        "=",
        "0.00191",
        "-0%",
        "(more…)",
        "...",
        "—",
        "Viewing",
        "results",
        "1",
        "-",
        "6",
        "of",
        "34",
        "Smith's",
        "Aliyeva’s",
        "(Tansari)",
        "NeMolchi.kz",
        "Example.asia",
        ",",
        ".",
        "?",
        "!",
        "\xa0",
    ]
)
_LINE = st.lists(_WORDS, min_size=0, max_size=25).map(" ".join)
_PAGE = st.lists(st.one_of(_LINE, st.just(""), st.text(max_size=40)), min_size=0, max_size=30).map("\n".join)


def _check(text: str) -> None:
    try:
        page = process(text)
    except ParseError:
        return
    assert page.page.articles
    for article in page.page.articles:
        assert text[article.title_span.start : article.title_span.end] == article.title
        assert text[article.body_span.start : article.body_span.end] == article.body
        if article.byline:
            assert text[article.byline.span.start : article.byline.span.end] == article.byline.text
    for rate in page.page.rates:
        assert 0 <= rate.span.start < rate.span.end <= len(text)
    for entity in page.entities.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
        for role in entity.roles:
            assert 0 <= role.start <= role.end <= len(text)


@given(_PAGE)
def test_properties_pagelike_text_parses_or_fails_typed(text: str) -> None:
    _check(text)


@given(st.text(max_size=400))
def test_properties_any_text_parses_or_fails_typed(text: str) -> None:
    _check(text)


@given(_PAGE)
def test_properties_processing_is_deterministic(text: str) -> None:
    try:
        first = process(text)
    except ParseError:
        return
    assert process(text) == first
