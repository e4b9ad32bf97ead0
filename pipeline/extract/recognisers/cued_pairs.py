"""Two name words with a cue around them: in apposition after a lower-case word and a comma ("a
bystander, Musa Abdraim,"), before a speech verb ("X Y said"), or before ", a/the/who ..." or an
office (", Director General of ...", ", deputy minister ...")."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import SPEECH_VERBS, TITLE_MODIFIERS, TITLE_WORDS
from pipeline.extract.recognisers.common import person_candidate
from pipeline.extract.state import ExtractorState

SCORE = 0.8
_APPOSITION_STARTS = frozenset({"a", "an", "the", "who", "former"})
_ARTICLES = frozenset({"a", "an", "the"})


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    # the names and aliases of bodies found already: "Korea Eximbank said" is the bank speaking
    bodies = {a for f in s.found if f.kind == "organization" for a in (f.name or "", *f.aliases)}
    for i in range(s.n - 1):
        if s.toks[i].in_title or not (s.given_word(i) and s.name_word(i + 1) and s.adjacent(i, i + 1)):
            continue
        second = s.toks[i + 1]
        if s.known_lower(second) or gazetteer.lookup(second.text) or gazetteer.lookup(s.toks[i].text):
            continue
        prev = s.tok(i - 1)
        if (
            prev is not None
            and prev.cap
            and prev.kind == "word"
            and s.adjacent(i - 1, i)
            and not s.common(prev)
        ):
            continue  # "Caspian Bridge Lines, a joint venture": two words at the end of a longer name
        # "Abdul Wahid Shinwari, deputy head": a third name word may close the name
        if gazetteer.lookup(s.span_text(i, i + 1)) is not None:
            continue  # "Abu Dhabi", "Costa Rica": a place in two words
        hi = i + 1
        if (
            not second.poss
            and s.name_word(i + 2)
            and s.adjacent(i + 1, i + 2)
            and not gazetteer.lookup(s.toks[i + 2].text)
        ):
            hi = i + 2
        if s.span_text(i, hi) in bodies:
            continue
        if _cued(s, i, hi):
            out.append(person_candidate(s, i, hi, SCORE, "person-cue"))
    return out


def _cued(s: ExtractorState, i: int, hi: int) -> bool:
    after = s.tok(hi + 1)
    before = s.tok(i - 2)
    before_comma = (
        s.punct(i - 1, ",")
        and before is not None
        and before.kind == "word"
        # "a bystander, X Y,", "Germany's ambassador in Tashkent, X Y,"
        and (before.text[:1].islower() or gazetteer.lookup(before.text) is not None)
    )
    # "Clara Jennings of Human Rights Watch said": a name, "of", and a body found already
    body = s.owner[hi + 2] if hi + 2 < s.n else None
    of_body = s.is_word(hi + 1, "of") and body is not None and body.kind == "organization"
    speech = after is not None and after.kind == "word" and after.lower in SPEECH_VERBS
    apposed = (
        after is not None
        and after.text == ","
        and (s.is_word(hi + 2, _APPOSITION_STARTS) or _office(s, hi + 2))
        # "with a Brand Model, the ...": a name after an article is a thing's
        and not s.is_word(i - 1, _ARTICLES)
    )
    closed = after is not None and after.kind == "punct" and after.text in ",.;"
    return bool((before_comma and closed) or speech or apposed or of_body)


def _office(s: ExtractorState, i: int) -> bool:
    """Token i starts an office: a title word, perhaps after modifiers ("Director General", "deputy
    head"), that is followed by "of", "at" or a comma, or ends the sentence."""
    j = i
    while s.is_word(j, TITLE_MODIFIERS):
        j += 1
    if not s.is_word(j, TITLE_WORDS):
        return False
    while s.is_word(j + 1, TITLE_WORDS):
        j += 1
    nxt = s.tok(j + 1)
    return nxt is None or nxt.lower in ("of", "at", "for") or nxt.text in ",.;"
