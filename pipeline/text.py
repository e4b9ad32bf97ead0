"""Text normalisation shared by the pipeline steps (quotes, spaces) for matching, never for storage."""

from __future__ import annotations

import re
import unicodedata

_QUOTES = str.maketrans(
    {"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'}
)
_SPACES = re.compile(r"\s+")


def normalize_title(title: str) -> str:
    """The form two spellings of one headline share: what makes an article the same article."""
    text = unicodedata.normalize("NFKC", title).translate(_QUOTES)
    return _SPACES.sub(" ", text).strip().strip(" .").casefold()
