"""Dotted names ("NeMolchi.kz", "Kaktus.media"): an organization each, with a parenthetical
alternative right after it as an alias and a kind noun next to it as its kind."""

from __future__ import annotations

from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_TYPE_NOUNS
from pipeline.extract.state import CLOSE_QUOTES, ExtractorState, _clean_alias
from pipeline.extract.tokens import OPEN_QUOTES

SCORE = 0.9


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i, t in enumerate(s.toks):
        if t.kind != "dot" or not s.free(i):
            continue
        aliases: tuple[str, ...] = ()
        claims_to: int | None = None
        subtype: str | None = None
        k = i + 1
        while s.punct(k, CLOSE_QUOTES):
            k += 1
        if s.punct(k, "("):
            end = s.paren_end(k)
            if end is not None:
                alias = _clean_alias(s.text[s.toks[k].pos_end : s.toks[end].start])
                aliases = (alias,) if alias else ()
                claims_to = end  # the parenthesis is the name's, not a mention of its own
                k = end + 1
        nxt = s.tok(k)
        if nxt is not None and nxt.kind == "word" and nxt.lower in ORG_TYPE_NOUNS:
            subtype = ORG_TYPE_NOUNS[nxt.lower]
            claims_to = k
        else:
            j = i - 1
            while s.punct(j, OPEN_QUOTES):
                j -= 1
            prev = s.tok(j)
            if prev is not None and prev.kind == "word" and prev.lower in ORG_TYPE_NOUNS:
                subtype = ORG_TYPE_NOUNS[prev.lower]
        out.append(
            Candidate(
                "organization",
                i,
                i,
                SCORE,
                ("dotted",),
                name=t.text.replace(". ", "."),
                subtype=subtype,
                aliases=aliases,
                claims_to=claims_to,
            )
        )
    return out
