"""People whose names carry no telling morphology (Western, Turkish, Arabic names) but clear cues:
one name word before a speech verb ("X stated"), a lower-case title before two name words in a
headline ("Noted scholar X Y appeals"), two name words opening a clause before a verb ("X Y was")."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.candidates import Candidate
from pipeline.extract.lexicon import ORG_HEADS, TITLE_WORDS, word_list
from pipeline.extract.state import ExtractorState

SPEAKER_SCORE = 0.5
HEADLINE_SCORE = 0.6
CLAUSE_SCORE = 0.45


def _name_pair(s: ExtractorState, i: int) -> bool:
    """Tokens i, i + 1: a given name and another name word, glued, neither a place nor a body head."""
    if not (s.given_word(i) and s.name_word(i + 1) and s.adjacent(i, i + 1)):
        return False
    a, b = s.toks[i], s.toks[i + 1]
    if a.poss or s.known_lower(b) or b.lower in ORG_HEADS or a.lower in ORG_HEADS:
        return False
    return gazetteer.lookup(a.text) is None and gazetteer.lookup(b.text) is None


def propose_speakers(s: ExtractorState) -> list[Candidate]:
    verbs = word_list("person_speech_verbs")
    # a word of a name found already is that name's short form: the known-forms step places it
    named: set[str] | None = None
    out: list[Candidate] = []
    # from the verbs back: a page has a few dozen speech verbs and a thousand tokens
    for v in s.anchors(verbs):
        if v == 0 or not s.adjacent(v - 1, v):
            continue
        i = v - 1
        t = s.toks[i]
        if not s.name_word(i) or t.poss or s.known_lower(t) or s._heading_word(t):
            continue
        if named is None:
            named = {w for f in s.found if f.name for w in f.name.replace(".", " ").split()}
        if t.text in named:
            continue
        if s.name_word(i - 1) and s.adjacent(i - 1, i):
            continue  # two name words: the claiming families decide
        if gazetteer.lookup(t.text) is not None or len(t.text) < 3:
            continue
        if t.sent_start and t.lower.endswith("s"):
            continue  # "Officials said": a plural noun opening the sentence
        if s.is_word(i - 1, "of"):
            continue  # "the administration of Gorno-Badakhshan said": the speaker is what comes before
        out.append(Candidate("person", i, i, SPEAKER_SCORE, ("speaker",)))
    return out


def propose_titled_in_headlines(s: ExtractorState) -> list[Candidate]:
    out: list[Candidate] = []
    for i in s.anchors(TITLE_WORDS):
        t = s.toks[i]
        if not t.in_title or t.kind != "word" or t.cap:
            continue
        if not (s.adjacent(i, i + 1) and _name_pair(s, i + 1)):
            continue
        out.append(Candidate("person", i + 1, i + 2, HEADLINE_SCORE, ("headline-title",)))
    return out


def propose_clause_subjects(s: ExtractorState) -> list[Candidate]:
    verbs = word_list("person_clause_verbs")
    out: list[Candidate] = []
    for v in s.anchors(verbs):
        if v < 2 or not s.adjacent(v - 1, v):
            continue
        i = v - 2
        t = s.toks[i]
        if t.in_title or not (t.sent_start or s.punct(i - 1, ",")) or not _name_pair(s, i):
            continue
        out.append(Candidate("person", i, i + 1, CLAUSE_SCORE, ("clause-subject",)))
    return out
