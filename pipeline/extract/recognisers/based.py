"""'X-based': the place before "-based" ("-bound", "-born") is a mention of it ("Abu Dhabi-based",
"Europe-bound"), and
the name after it, directly or after a lower-case kind noun ("Abu Dhabi-based Masdar", "the
Tashkent-based think tank Bilim Policy Lab"), is a body's."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_TYPE_NOUNS
from pipeline.extract.names import surname_strength
from pipeline.extract.state import ExtractorState, _place_name

PLACE_SCORE = 0.85
ORG_SCORE = 0.7
_SUFFIX = "-based"
# "Europe-bound traffic", "a Tashkent-born singer": the place is named the same way, no body after it
_PLACE_SUFFIXES = ("-based", "-bound", "-born", "-made", "-registered", "-headquartered")
_KIND_WORDS = 3  # lower-case words between "-based" and the name ("think tank", "news site")
_NAME_WORDS = 4


def _place(s: ExtractorState, k: int) -> Candidate | None:
    t = s.toks[k]
    suffix = next(x for x in _PLACE_SUFFIXES if t.lower.endswith(x))
    stem = t.text[: -len(suffix)]
    if not stem[:1].isupper():
        return None
    # "Abu Dhabi-based": the words glued before the stem belong to the place's name
    for lo in range(max(0, k - 2), k + 1):
        if any(not (s.free(x) and s.toks[x].cap and s.adjacent(x, x + 1)) for x in range(lo, k)):
            continue
        name = s.text[s.toks[lo].start : t.start + len(stem)]
        place = gazetteer.lookup(name)
        if place is not None:
            return Candidate(
                "place",
                lo,
                k,
                PLACE_SCORE,
                ("based:place",),
                name=_place_name(name, place),
                subtype=place.kind,
                place_id=place.id,
                place_country=place.country,
                text_end=t.start + len(stem),
            )
    return None


def _name_after(s: ExtractorState, k: int) -> tuple[int, int] | None:
    j = k + 1
    kinds = 0
    while j < s.n and s.toks[j].kind == "word" and not s.toks[j].cap and kinds < _KIND_WORDS:
        j += 1
        kinds += 1
    if kinds and s.toks[j - 1].lower not in ORG_TYPE_NOUNS:
        return None  # "Tashkent-based analysts say": no kind of body before the words after it
    lo = j
    hi = None
    while (
        j < s.n
        and j - lo < _NAME_WORDS
        and s.free(j)
        and s.toks[j].cap
        and s.toks[j].kind in {"word", "dot"}
        and not s.common(s.toks[j])
        and (j == lo or s.adjacent(j - 1, j))
    ):
        hi = j
        if s.toks[j].poss:
            break
        j += 1
    if hi is None or (hi > lo and surname_strength(s.toks[hi].text) == 2):
        return None  # "a Tashkent-based Aziz Karimov": a person
    return lo, hi


# "UNESCO-listed", "IMF-backed", "ADB-funded": a body's acronym before an adjective ending
_BODY_SUFFIXES = ("-listed", "-backed", "-funded", "-led", "-owned", "-run", "-financed", "-sponsored")


def _acronym_adjective(s: ExtractorState, k: int) -> Candidate | None:
    t = s.toks[k]
    stem, _, rest = t.text.rpartition("-")
    if f"-{rest.lower()}" not in _BODY_SUFFIXES or len(stem) < 2 or not stem.isupper() or not stem.isalpha():
        return None
    return Candidate(
        "organization",
        k,
        k,
        PLACE_SCORE,
        ("based:acronym-adjective",),
        name=stem,
        text_end=t.start + len(stem),
    )


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for k, t in enumerate(s.toks):
        if "-" not in t.text or t.kind != "word" or not s.free(k):
            continue
        body = _acronym_adjective(s, k)
        if body is not None:
            out.append(body)
            continue
        if not t.lower.endswith(_PLACE_SUFFIXES):
            continue
        place = _place(s, k)
        if place is not None:
            out.append(place)
        if not t.lower.endswith(_SUFFIX):
            continue
        name = _name_after(s, k)
        if name is not None:
            out.append(Candidate("organization", name[0], name[1], ORG_SCORE, ("based:organization",)))
    return out


# words before a body that something is given to or comes from: "awarded to X of Rotterdam"
_HOMED_CUES = frozenset({"to", "from", "by", "with"})
HOMED_SCORE = 0.55  # above a lone gazetteer word's claim ("Van" is also a Turkish city)


def propose_homed(s: ExtractorState) -> list[Candidate]:
    """ "a contract awarded to Van Oord of Rotterdam", "designed by Studio Bellandi of Florence": after
    "to"/"from"/"by"/"with", two or three capitalised words that are no person's, then "of" and a
    foreign city ending the phrase, are a firm and where it is from."""
    out: list[Candidate] = []
    for i in s.anchors(frozenset({"of"})):
        city = s.tok(i + 1)
        if city is None or not city.cap or not s.adjacent(i, i + 1):
            continue
        after = s.tok(i + 2)
        if after is not None and after.cap and s.adjacent(i + 1, i + 2):
            continue
        place = gazetteer.city(city.text)
        if place is None or gazetteer.country(city.text) is not None:
            continue
        hi = i - 1
        lo = hi
        while lo - 1 >= 0 and hi - lo < 2 and _name_token(s, lo - 1) and s.adjacent(lo - 1, lo):
            lo -= 1
        if lo == hi or not _name_token(s, hi) or not s.is_word(lo - 1, _HOMED_CUES):
            continue
        if surname_strength(s.toks[hi].text) or gazetteer.lookup(s.span_text(lo, hi)) is not None:
            continue
        out.append(Candidate("organization", lo, hi, HOMED_SCORE, ("based:of-city",), subtype="company"))
    return out


def _name_token(s: ExtractorState, k: int) -> bool:
    t = s.toks[k]
    return (
        (s.free(k) or s.weakly_claimed(k))
        and t.kind == "word"
        and t.cap
        and not t.poss
        and not s.common(t)
        and not s.known_lower(t)
    )
