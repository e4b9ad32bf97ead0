"""One-word brands with an inner capital ("SkyTulpar", "WhatsApp"): companies, in headlines too.
Names with a family-name prefix ("McKenzie", "DeLuca") are people's, not brands."""

from __future__ import annotations

import re

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.state import ExtractorState

SCORE = 0.4
_CAMEL = re.compile(r"^[A-Z][a-z]{2,}[A-Z][a-z]+$")
_NAME_PREFIXES = ("Mc", "Mac", "De", "Di", "Da", "La", "Le", "Van", "Von", "Al", "El")


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i, t in enumerate(s.toks):
        if t.kind != "word" or not t.cap or t.text[1:].islower() or not _CAMEL.match(t.text) or not s.free(i):
            continue
        if t.text.startswith(_NAME_PREFIXES) or gazetteer.lookup(t.text) is not None:
            continue
        out.append(Candidate("organization", i, i, SCORE, ("inner-capital",), subtype="company"))
    return out
