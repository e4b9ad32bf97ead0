"""Bodies named as a place's own: "Saudi Arabia's ACWA Power", "Abu Dhabi's Masdar", "Henan's Zhongyuan
Motor". A place in the possessive, then capitalised words that are no person, title, place or heading:
a company or body of that place."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import COMMON_ENGLISH, TITLE_MODIFIERS, TITLE_WORDS, words
from pipeline.extract.names import surname_strength
from pipeline.extract.state import ExtractorState

SCORE = 0.6
_WORDS = 4
_BRAND_LETTERS = 6
# places people travel through, named after a possessive city, never a body ("Istanbul's X Airport")
_FACILITIES = words("airport station terminal stadium bridge square")


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i, t in enumerate(s.toks):
        if not t.poss or t.in_title:
            continue
        owner = s.owner[i]
        if owner is None or owner.kind != "place" or owner.hi != i:
            continue
        lo = i + 1
        hi = None
        k = lo
        while k < s.n and k - lo < _WORDS and s.free(k) and s.adjacent(k - 1, k):
            w = s.toks[k]
            if not (w.cap and w.kind in {"word", "dot"}) or s.common(w) or w.lower in TITLE_WORDS:
                break
            if (
                w.lower in TITLE_MODIFIERS
                or gazetteer.lookup(w.text) is not None
                or gazetteer.demonym(w.text)
            ):
                break
            hi = k
            if w.poss:
                break
            k += 1
        if hi is None or (hi > lo and surname_strength(s.toks[hi].text) == 2):
            continue  # "Kazakhstan's Aigerim Bekova": a person
        if any(ch.isdigit() for ch in s.toks[lo].text) or s.toks[hi].lower in _FACILITIES:
            continue  # "Korea's E-9 visa", "Istanbul's Sabiha Gokcen Airport": a designation, a facility
        after = s.tok(hi + 1)
        if after is not None and after.cap and after.kind == "word" and not s.toks[hi].poss:
            continue  # "Kazakhstan's Landmark Reform Kazakhstan has ...": a heading glued to the text
        one = s.toks[lo]
        # one word alone must look like a brand: capitals, or a long word no list knows ("Masdar"), not
        # "Gagarin's Start"
        brand = one.upper or (len(one.text) >= _BRAND_LETTERS and one.lower not in COMMON_ENGLISH)
        if hi == lo and (s.known_lower(one) or surname_strength(one.text) or not brand):
            continue  # "Kazakhstan's Tokayev", "Russia's Gas": a surname or an ordinary word
        out.append(Candidate("organization", lo, hi, SCORE, ("place-possessive",)))
    return out
