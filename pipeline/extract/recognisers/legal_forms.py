"""Company names closed by a legal form written with dots or in lower case, which the head-word pass
cannot read as one head: "Lotus Bus Co., Ltd.", "Marmara Gıda A.Ş.", "Tessuti Lombardi S.p.A.",
"Altyn Minerals plc", "Erz Technik AG", "Bharat Pipes (India) Limited". The legal form is part of the
name; the capitalised words before it, up to a possessive, a "-based" adjective or a function word,
are the rest."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import TITLE_WORDS
from pipeline.extract.state import ExtractorState

SCORE = 0.95

# Each legal form as its tokens, written exactly so ("AG", not "ag"); the first token is the anchor.
_FORMS: tuple[tuple[str, ...], ...] = (
    ("Co", ".", ",", "Ltd", "."),
    ("Co", ".", ",", "Ltd"),
    ("Co", ".", "Ltd", "."),
    ("Co", ",", "Ltd", "."),
    ("Pte", ".", "Ltd", "."),
    ("Sdn", "Bhd"),
    ("A", ".", "Ş", "."),
    ("A", ".", "S", "."),
    ("S", ".", "p", ".", "A", "."),
    ("S", ".", "A", "."),
    ("S", ".", "r", ".", "l", "."),
    ("B", ".", "V", "."),
    ("N", ".", "V", "."),
    ("AG",),
    ("plc",),
    ("Limited",),
)
_ANCHORS = frozenset(form[0].lower() for form in _FORMS)
_MAX_NAME_WORDS = 5
_PLACE_ADJECTIVES = ("-based", "-registered", "-headquartered", "-owned", "-run")


def _form_at(s: ExtractorState, i: int) -> int | None:
    """The last token of the longest legal form starting at token i, if one does."""
    for form in sorted(_FORMS, key=len, reverse=True):
        end = i + len(form) - 1
        if end >= s.n or not all(s.free(i + k) for k in range(len(form))):
            continue
        if all(s.toks[i + k].text == part for k, part in enumerate(form)) and all(
            s.adjacent(i + k - 1, i + k) or s.toks[i + k].text in ",." for k in range(1, len(form))
        ):
            return end
    return None


def _name_start(s: ExtractorState, i: int) -> int | None:
    """The first of the capitalised name words ending right before token i."""
    lo = i
    k = i - 1
    if s.punct(k, ")") and s.punct(k - 2, "(") and s.toks[k - 1].cap:
        k -= 3  # "Bharat Pipes (India) Limited": the state in brackets belongs to the name
    while k >= 0 and i - k <= _MAX_NAME_WORDS + 3 and s.free(k) and s.adjacent(k, k + 1):
        t = s.toks[k]
        if not (t.kind in {"word", "dot"} and t.cap) or s.common(t) or t.lower in TITLE_WORDS:
            break
        if t.lower.endswith(_PLACE_ADJECTIVES) or (t.poss and k != i - 1):
            break
        if s.in_heading_run(k) and s._heading_word(t) and t.lower.endswith(("ing", "ed")):
            break  # a heading glued before the name ends in its verb ("Exports Rising"); its nouns may
            # be the company's ("India Ports Global Limited")
        lo = k
        k -= 1
    if lo == i or s.toks[lo].poss:
        return None
    if s.adjacent(lo - 1, lo) and (s.is_word(lo - 1, "and") or s.punct(lo - 1, "&") or s.toks[lo - 1].poss):
        return None  # "… Industry's Foreign Engineering and Construction Co., Ltd.": it starts further left
    if s.punct(lo, "("):
        return None
    words = [s.toks[k] for k in range(lo, i) if s.toks[k].kind == "word"]
    if all(gazetteer.lookup(w.text) is not None or gazetteer.demonym(w.text) is not None for w in words):
        return None  # "the Kazakh AG": no name before the form
    return lo


def _prefixed(s: ExtractorState) -> list[Candidate]:
    """ "SUE Dushanbe Vodokanal", "JSC Kazakhtelecom": a legal form written first, in capitals, then the
    name (the form is part of it, as when written after)."""
    out: list[Candidate] = []
    for i in s.anchors(_PREFIX_FORMS):
        t = s.toks[i]
        if not t.upper or not s.free(i) or not (t.sent_start or not s.toks[i - 1].cap):
            continue
        k = i + 1
        while k < s.n and k - i <= 3 and s.free(k) and s.adjacent(k - 1, k):
            w = s.toks[k]
            if w.kind != "word" or not w.cap or w.upper or s.common(w):
                break
            k += 1
            if w.poss:
                break
        if k > i + 1:
            out.append(Candidate("organization", i, k - 1, SCORE, ("legal-form:before",), subtype="company"))
    return out


_PREFIX_FORMS = frozenset({"sue", "jsc", "ojsc", "cjsc", "pjsc", "llp", "llc"})


def propose(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = _prefixed(s)
    for i in s.anchors(_ANCHORS):
        end = _form_at(s, i)
        if end is None or not s.adjacent(i - 1, i):
            continue
        if s.toks[i].text == "AG" and s.is_word(i - 1, "the"):
            continue
        lo = _name_start(s, i)
        if lo is None:
            continue
        aliases: tuple[str, ...] = ()
        if s.punct(end + 1, "(") and s.punct(end + 3, ")") and s.toks[end + 2].upper:
            aliases = (s.toks[end + 2].text,)  # "… Global Limited (BPGL)": its acronym, used alone later
        out.append(
            Candidate("organization", lo, end, SCORE, ("legal-form",), subtype="company", aliases=aliases)
        )
    return out
