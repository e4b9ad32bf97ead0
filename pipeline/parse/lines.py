"""A page as lines with their spans: the unit every layout rule looks at."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pipeline.records import Span


@dataclass(frozen=True)
class Line:
    text: str  # stripped of surrounding whitespace, NBSP included
    span: Span  # span of the stripped text in the document
    blank_before: int  # blank lines between this line and the previous non-blank one


def lines(text: str) -> Iterator[Line]:
    """Yields the non-blank lines of text, each with the span of its stripped content."""
    offset = 0
    blanks = 0
    for raw in text.split("\n"):
        # str.strip() with no argument also strips NBSP (U+00A0), which titles sometimes end in
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = offset + lead
            yield Line(stripped, Span(start, start + len(stripped)), blanks)
            blanks = 0
        else:
            blanks += 1
        offset += len(raw) + 1
