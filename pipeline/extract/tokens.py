"""Tokens with code-point offsets, possessives split off and sentence starts marked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.entities import TextRegion
from pipeline.extract.lexicon import ABBREVIATIONS

APOSTROPHES = "'\u2019\u02bc"
OPEN_QUOTES = "\"'\u201c\u2018\u00ab\u201e("
_APOSTROPHE_ENDINGS = tuple(APOSTROPHES)
# Uzbek Latin writes o‘ and g‘ with a turned comma inside the word ("Xo‘jayev"): a letter, not a quote.
_LETTER_MARKS = "\u2018"
_TLDS = "kz|uz|kg|tj|tm|asia|ru|com|org|net|info|media|news|io|az|ge|am|af|cn|ua|by|eu|tv|fm|me|uk"
# Endings a domain keeps when written with a space after its dot ("Outlet. asia"); no English words.
_SPACED_TLDS = "asia|kz|uz|kg|tj|tm|ru|com|org|net"
# In `dot`, `*+` never gives back: what follows each run must be a ".", which the run cannot hold, so
# it only spares the regex backtracking through every plain word it tries as a dotted name.
_TOKEN = re.compile(
    rf"""(?P<abbr>(?:[A-Z]\.){{2,}}(?=[\s,;:)\u2019']|$))
    |(?P<spaced>[A-Z][\w-]*+\.\x20(?:{_SPACED_TLDS})(?![\w.]*\w))
    |(?P<dot>[^\W_][\w-]*+(?:\.[^\W_][\w-]*+)*\.(?i:{_TLDS})(?![\w.]*\w))
    |(?P<tag>[#@]\w+)
    |(?P<slashed>[A-Z]{{2,}}(?:/[A-Z]{{2,}})+(?![\w/]))
    |(?P<word>[^\W\d_]+(?:[-\u2010\u2011{APOSTROPHES}{_LETTER_MARKS}][^\W\d_]+)*(?:[-\u2010\u2011]\d+(?![\d.,:/%]*\d))?)
    |(?P<num>\d+(?:[.,:/-]\d+)*%?)
    |(?P<punct>\S)""",
    re.X,
)


# Not frozen, with the derived fields computed up front: a page has about a thousand tokens and the
# passes read `lower` and `cap` of most of them many times, so a frozen dataclass's slower __init__
# and lazily cached properties cost more than the rest of tokenizing. Nothing mutates a token.
@dataclass(slots=True)
class Token:
    text: str  # possessive ending removed
    start: int
    end: int  # end of `text`; `pos_end` includes the possessive
    kind: str  # word, dot, tag, num, punct
    article: int
    in_title: bool
    sent_start: bool
    poss: bool = False
    pos_end: int = 0
    lower: str = field(init=False)
    cap: bool = field(init=False)
    upper: bool = field(init=False)
    word: bool = field(init=False)

    def __post_init__(self) -> None:
        self.lower = self.text.lower()
        self.word = self.kind == "word" or self.kind == "dot"
        self.cap = self.word and self.text[:1].isupper()
        self.upper = self.kind == "word" and len(self.text) >= 2 and self.text.isupper()


def tokenize(text: str, regions: Sequence[TextRegion]) -> list[Token]:
    """All regions' tokens in document order; a region boundary is a sentence boundary."""
    out: list[Token] = []
    text_len = len(text)
    for region in sorted(regions, key=lambda r: (r.start, r.end)):
        article = region.article_index
        in_title = region.kind == "title"
        prev_end_sentence = True
        open_run = False  # quotes/parens right after a sentence end keep the next word a sentence start
        raw = list(_TOKEN.finditer(text, region.start, region.end))
        for n, m in enumerate(raw):
            kind = m.lastgroup or "punct"
            if kind == "abbr" or kind == "slashed":
                kind = "word"  # "U.S.", "U.K.", "RFE/RL": one word, and its dots end no sentence
            elif kind == "spaced":
                kind = "dot"  # "Outlet. asia": a domain written with a space after its dot
            s, e = m.span()
            tok_text = m.group()
            poss = False
            if kind == "word":
                if len(tok_text) > 2 and tok_text[-2] in APOSTROPHES and tok_text[-1] in "sS":
                    tok_text, poss = tok_text[:-2], True
                elif tok_text.endswith(_APOSTROPHE_ENDINGS):
                    tok_text = tok_text[:-1]
            start_flag = prev_end_sentence or open_run
            if kind == "punct":
                if (
                    tok_text in APOSTROPHES
                    and out
                    and out[-1].kind == "word"
                    and out[-1].end == s
                    and out[-1].text.endswith("s")
                    and not out[-1].poss
                    and (e >= text_len or not text[e].isalpha())
                ):
                    # "Affairs’ 24/7": a bare apostrophe after -s closes a plural possessive
                    last = out[-1]
                    out[-1] = Token(
                        last.text,
                        last.start,
                        last.end,
                        last.kind,
                        last.article,
                        last.in_title,
                        last.sent_start,
                        True,
                        e,
                    )
                    continue
                out.append(
                    Token(tok_text, s, s + len(tok_text), kind, article, in_title, start_flag, poss, e)
                )
                if tok_text in ".!?…:;" and not _is_abbreviation(raw, n):
                    prev_end_sentence = tok_text not in ";"
                    open_run = False
                elif tok_text in OPEN_QUOTES or tok_text in "\u201d\"'\u2019»)":
                    open_run = open_run or prev_end_sentence
                    prev_end_sentence = False
                else:
                    prev_end_sentence = False
                    open_run = False
            else:
                out.append(
                    Token(tok_text, s, s + len(tok_text), kind, article, in_title, start_flag, poss, e)
                )
                prev_end_sentence = False
                open_run = False
    return out


def _is_abbreviation(raw: list[re.Match[str]], n: int) -> bool:
    if raw[n].group() != "." or n == 0:
        return False
    prev = raw[n - 1].group()
    if prev.lower() in ABBREVIATIONS:
        return True
    # "A. Umarov": a single capital before a dot is an initial
    return len(prev) == 1 and prev.isupper()
