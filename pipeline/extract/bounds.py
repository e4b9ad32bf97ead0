"""Where a head-word body's name stops or runs on: acronyms that spell a longer name, a bracketed short
name, a second body after "and", a heading glued to the text, quoted names, listed and "to" complements,
and "X-based" places before a name. Questions the head-word pass (heads.py) asks, each on the tokens."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.lexicon import ORG_HEADS, TITLE_WORDS
from pipeline.extract.names import surname_strength
from pipeline.extract.state import ExtractorState, Found, _place_name
from pipeline.extract.tokens import OPEN_QUOTES, Token

_ARTICLE_STARTS = frozenset({"The", "A", "An"})
# how far past a name's end an acronym may stand for the name to run on to it
_ACRONYM_REACH = 6
_INNER_WORDS = frozenset({"the", "of", "for", "and", "on", "in"})


def _spells(acronym: str, toks: list[Token]) -> bool:
    """The acronym's letters are the initials of the capitalised words, some perhaps left out, the first
    and last always in."""
    initials = [t.text[0] for t in toks if t.cap]
    letters = list(acronym.replace("/", ""))
    if not initials or not letters or letters[0] != initials[0] or letters[-1] != initials[-1]:
        return False
    it = iter(initials)
    return all(ch in it for ch in letters)


class NameBounds(ExtractorState):
    def _through_acronym(self, lo: int, hi: int) -> int:
        """ "International Fund for Saving the Aral Sea (IFAS)": the name stopped at a lower-case word,
        but the acronym right after spells the longer name and not the shorter one, so the name runs on
        to it (over a place named inside it)."""
        k = hi + 1
        while k < self.n and k - hi <= _ACRONYM_REACH and self.adjacent(k - 1, k):
            t = self.toks[k]
            if t.kind == "punct":
                break
            if t.kind != "word" or not (t.cap or t.lower in _INNER_WORDS):
                return hi
            k += 1
        acronym = self.tok(k + 1)
        if (
            k == hi + 1
            or not self.punct(k, "(")
            or acronym is None
            or not acronym.upper
            or not self.punct(k + 2, ")")
            or not self.toks[k - 1].cap
            or _spells(acronym.text, self.toks[lo : hi + 1])
            or not _spells(acronym.text, self.toks[lo:k])
        ):
            return hi
        inside = {id(f): f for x in range(hi + 1, k) if (f := self.owner[x]) is not None}
        if any(f.kind != "place" or f.lo <= hi or f.hi >= k for f in inside.values()):
            return hi
        for f in inside.values():
            self.release(f)
        return k - 1

    def _glued_heading(self, lo: int, hi: int) -> bool:
        """Tokens lo..hi may be a Title Case heading glued to the text: capitalised since the sentence
        began, and not a sentence whose only capital before the name is its first word ("Analysts at
        the International Crisis Group warn")."""
        if not self.titlecase_prefix[hi]:
            return False
        if lo == 0 or self.sent[lo - 1] != self.sent[lo]:
            return True
        k = lo - 1
        while k > 0 and self.sent[k - 1] == self.sent[lo]:
            k -= 1
        if self.toks[k].text in _ARTICLE_STARTS and k < lo:
            return False  # "The Semey City Court on Wednesday": a sentence, headings seldom open so
        k = lo - 1
        while k >= 0 and self.sent[k] == self.sent[lo] and self.toks[k].cap:
            k -= 1
        lower_between = k >= 0 and self.sent[k] == self.sent[lo]
        return not (lower_between and self.heading_words[lo - 1] < 2)

    def _bracketed_name(self, k: int) -> tuple[int, int] | None:
        """Token k opens brackets holding one to three free capitalised words and nothing else, no
        place: a short name of what stands before them."""
        if not self.punct(k, "("):
            return None
        end = k + 1
        while end < self.n and end - k <= 3 and self.toks[end].kind == "word" and self.toks[end].cap:
            if not self.free(end):
                return None
            end += 1
        if end == k + 1 or not self.punct(end, ")"):
            return None
        if gazetteer.lookup(self.span_text(k + 1, end - 1)) is not None:
            return None  # "(Kazakhstan)" says where, it is no name
        return k + 1, end - 1

    def _headed_run(self, k: int) -> bool:
        """The capitalised run from token k holds an organization head of its own: a second body."""
        while (
            0 <= k < self.n
            and self.toks[k].kind == "word"
            and self.toks[k].cap
            and not self.common(self.toks[k])
        ):
            if self.toks[k].lower in ORG_HEADS:
                return True
            k += 1
        return False

    def _name_word_before(self, k: int) -> bool:
        """Token k has a capitalised name word right before it, not opening a sentence."""
        prev = self.tok(k - 1)
        return (
            prev is not None
            and prev.kind == "word"
            and prev.cap
            and not prev.sent_start
            and not self.common(prev)
            and self.free(k - 1)
            and self.adjacent(k - 1, k)
        )

    def _quoted_name_after(self, hi: int) -> tuple[int, int] | None:
        """Token range of a capitalised name in quotes right after token hi, the quote closing it."""
        if not (self.punct(hi + 1, OPEN_QUOTES) and self.toks[hi + 1].text != "(" and self.glued[hi]):
            return None
        end = self.quoted_end(hi + 1, limit=6)
        if end is None or end <= hi + 2:
            return None
        words = [self.toks[k] for k in range(hi + 2, end)]
        if self.toks[end].kind == "word":
            words.append(self.toks[end])
        if not words[0].cap or not all(w.cap or w.kind == "punct" for w in words):
            return None
        last = end if self.toks[end].kind == "word" else end - 1
        while last > hi + 2 and self.toks[last].kind == "punct":
            last -= 1
        if any(not self.free(k) for k in range(hi + 2, last + 1)):
            return None
        return hi + 2, last

    def _listed_complement(self, comma: int) -> int | None:
        """ ", Information, Sport and Youth Policy": the end of a list of name words closed by "and"."""
        k = comma
        while self.punct(k, ","):
            end = self._cap_words(k + 1)
            if end is None or self.toks[end].poss:
                return None
            k = end + 1
        if not (self.is_word(k, "and") and self.adjacent(k - 1, k)):
            return None
        end = self._cap_words(k + 1)
        if end is None:
            return None
        nxt = self.tok(end + 1)
        if nxt is not None and nxt.cap and self.adjacent(end, end + 1):
            return None
        return end

    def _to_complement(self, k: int) -> bool:
        """ "to Protect Journalists": at least two capitalised words, none a place or a name."""
        end = self._cap_words(k)
        if end is None or end == k or not self.adjacent(k - 1, k):
            return False
        return all(surname_strength(self.toks[j].text) == 0 for j in range(k, end + 1))

    def _based_place(self, k: int) -> None:
        """ "Dushanbe-based": the place before "-based" is a mention of it."""
        t = self.toks[k]
        name = t.text[: t.text.rindex("-")]
        place = gazetteer.lookup(name)
        if place is None:
            return
        self.taken[k] = True
        self.found.append(
            Found(
                "place",
                k,
                k,
                t.start,
                t.start + len(name),
                t.article,
                name=_place_name(name, place),
                subtype=place.kind,
                place_id=place.id,
                place_country=place.country,
            )
        )

    def _country_at(self, k: int) -> bool:
        """A state's name starts at token k ("Czech Republic", "Kazakhstan")."""
        for hi in range(k, min(k + 3, self.n)):
            if not self.toks[hi].cap or (hi > k and not self.adjacent(hi - 1, hi)):
                break
            if gazetteer.country(self.span_text(k, hi)) is not None:
                return True
        return False

    def _opened_by_the(self, k: int) -> bool:
        """ "The Competition Protection and Development Agency cleared ...": a prose sentence opened by
        "The" and capitalised words up to token k, which are a name rather than a glued heading."""
        j = k
        while j > 0 and not self.toks[j].sent_start and self.toks[j - 1].cap:
            j -= 1
        first = self.toks[j]
        return first.sent_start and first.text == "The" and not first.in_title and j < k

    def _city_at(self, k: int) -> bool:
        """Token k is a city's one-word name, glued to the word before it and ending the phrase."""
        t = self.tok(k)
        after = self.tok(k + 1)
        return (
            t is not None
            and t.cap
            and self.free(k)
            and self.adjacent(k - 1, k)
            and gazetteer.city(t.text) is not None
            and gazetteer.country(t.text) is None
            and not (after is not None and after.cap and self.adjacent(k, k + 1))
        )

    def _possessor_body(self, k: int) -> None:
        """ "the Taliban's Ministry of Energy": a one-word possessor of a state body that is no place,
        title or person is a body itself."""
        t = self.toks[k]
        before = self.tok(k - 1)
        if before is not None and before.cap and self.adjacent(k - 1, k):
            return  # "Saudi Arabia's Ministry": a longer possessor, often a place the word alone is not
        if self._plain_body_word(k, t.text):
            self.taken[k] = True
            self.found.append(Found("organization", k, k, t.start, t.end, t.article, name=t.text))

    def _by_body(self, k: int) -> None:
        """ "the Taliban-run Ministry", "a Gazprom-backed venture": who runs or backs a body is named
        before the suffix, a place when the gazetteer knows it, else a body."""
        t = self.toks[k]
        name = t.text[: t.text.rindex("-")]
        if gazetteer.lookup(name) is not None:
            self._based_place(k)
        elif self._plain_body_word(k, name):
            self.taken[k] = True
            self.found.append(Found("organization", k, k, t.start, t.start + len(name), t.article, name=name))

    def _plain_body_word(self, k: int, name: str) -> bool:
        t = self.toks[k]
        return (
            self.free(k)
            and name[:1].isupper()
            and "-" not in name
            and len(name) >= 3
            and not self.common(t)
            and name.lower() not in TITLE_WORDS
            and surname_strength(name) == 0
            and gazetteer.lookup(name) is None
            and gazetteer.demonym(name) is None
        )
