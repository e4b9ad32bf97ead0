"""Organizations built around a head word ("Committee", "Ministry") and their boundaries."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.lexicon import (
    FACILITY_NOUNS,
    LAW_HEADS,
    ORG_HEADS,
    ORG_HEADS_KIND,
    STANDALONE_HEADS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from pipeline.extract.names import surname_strength
from pipeline.extract.state import (
    _HEADING_PREPOSITIONS,
    _ORDINARY_ORG_WORDS,
    CONNECTORS,
    REGION_NOUNS,
    ExtractorState,
    Found,
    _country_name,
    _place_name,
)
from pipeline.extract.tokens import OPEN_QUOTES, Token

# heads of state bodies: a surname before one is a person's, not part of the body's name
_STATE_KINDS = frozenset({"government", "court", "party"})
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


class HeadOrgRecogniser(ExtractorState):
    def pass_head_orgs(self) -> None:
        for i, t in enumerate(self.toks):
            if t.in_title or t.kind != "word" or not t.cap or t.lower not in ORG_HEADS or self.taken[i]:
                continue
            qualifier: str | None = None
            possessor: int | None = None
            demonym_form: int | None = None
            lo = i
            head_kind = ORG_HEADS_KIND[t.lower]
            if t.lower == "chamber" and self.is_word(i + 1, "of") and self.is_word(i + 2, "commerce"):
                head_kind = "other"
            used_and = False
            while lo - 1 >= 0 and self.free(lo - 1) and self.adjacent(lo - 1, lo):
                prev = self.toks[lo - 1]
                if (not prev.cap or self.common(prev)) and prev.lower != "and":
                    break
                if prev.lower == "and" and not (
                    not used_and
                    and lo - 2 >= 0
                    and self.free(lo - 2)
                    and self.adjacent(lo - 2, lo - 1)
                    and self.toks[lo - 2].cap
                    and not self.common(self.toks[lo - 2])
                    and not self.toks[lo - 2].poss
                    and gazetteer.lookup(self.toks[lo - 2].text) is None
                    and surname_strength(self.toks[lo - 2].text) < 2
                    and not self.in_heading_run(lo - 2)
                ):
                    break
                if prev.lower == "and":
                    # "China Road and Bridge Corporation"
                    used_and = True
                    lo -= 2
                    continue
                if prev.lower.endswith("-based"):
                    # "the Dushanbe-based Center for ...": the place is named, but is no part of the name
                    self._based_place(lo - 1)
                    break
                if self.in_heading_run(lo - 1) and self._heading_word(prev):
                    # "Press Freedom Under Pressure Human Rights Watch": a glued heading ends here
                    break
                dem = gazetteer.demonym(prev.text)
                if dem is not None:
                    qualifier = dem[0].name
                    if head_kind in {"government", "court"} and t.lower not in STANDALONE_HEADS:
                        # "Kazakh Foreign Ministry" is generic; "Mongolian Senate" is one body. The
                        # written form with the demonym stays a name of it
                        demonym_form = lo - 1
                        break
                    # "Kyrgyz National University", "Al-Farabi Kazakh National University"
                    lo -= 1
                    continue
                if (
                    self.known_lower(prev)
                    # mid-sentence after a name word, a capitalised word is the name's ("Zarafshan
                    # Credit Bank", though "credit" is written lower case elsewhere)
                    and (self.titlecase_prefix[lo - 1] or not self._name_word_before(lo - 1))
                    and prev.lower not in _ORDINARY_ORG_WORDS
                    and prev.lower not in TITLE_MODIFIERS
                    and prev.lower not in ORG_HEADS
                ):
                    # a heading word glued before the name ("Stubborn Statistics Committee ...")
                    break
                place = gazetteer.lookup(prev.text)
                if prev.poss:
                    if place is not None:
                        qualifier = _country_name(place)
                        possessor = lo - 1
                        break
                    if surname_strength(prev.text) == 2:
                        break
                elif surname_strength(prev.text) == 2 and place is None and head_kind in _STATE_KINDS:
                    break  # "Cabinet of Ministers Batyr Amanow"; but "Nazarbayev University" is named for him
                lo -= 1
            hi = i
            has_complement = False
            of_country: tuple[int, gazetteer.Place] | None = None
            while True:
                cur = self.toks[hi]
                n1 = self.tok(hi + 1)
                if n1 is None or not self.adjacent(hi, hi + 1) or self.taken[hi + 1]:
                    break
                if cur.poss and not (n1.cap and n1.lower in ORG_HEADS):
                    break
                if n1.kind == "word" and self._person_ahead(hi + 1):
                    break  # "Cabinet of Ministers Batyr Amanow": a person's name follows the body's
                if (
                    n1.cap
                    and n1.kind == "word"
                    and not self.common(n1)
                    and n1.lower not in TITLE_WORDS
                    and surname_strength(n1.text) < 2
                    and n1.lower not in LAW_HEADS
                    and not (self._glued_heading(lo, hi) and self._heading_word(n1))
                ):
                    hi += 1
                    continue
                if (
                    n1.text == "/"
                    and self.adjacent(hi + 1, hi + 2)
                    and self.free(hi + 2)
                    and self.toks[hi + 2].cap
                    and self.toks[hi + 2].kind == "word"
                ):
                    hi += 2  # "Radio Free Europe/Radio Liberty": two names written as one
                    continue
                if n1.kind == "punct" and n1.text == "," and has_complement:
                    # "Ministry of Culture, Information, Sport and Youth Policy"
                    end = self._listed_complement(hi + 1)
                    if end is not None:
                        hi = end
                        continue
                    break
                if n1.kind == "word" and n1.lower == "to" and not has_complement:
                    # "Committee to Protect Journalists"
                    if self._to_complement(hi + 2):
                        hi += 2
                        has_complement = True
                        head_kind = "ngo"  # a body "to protect", "to promote": a campaign, not a state's
                        continue
                    break
                if n1.kind == "word" and n1.lower == "in" and has_complement:
                    # "Organization for Security and Co-operation in Europe"
                    nk = self.tok(hi + 2)
                    if (
                        nk is not None
                        and nk.cap
                        and self.free(hi + 2)
                        and self.adjacent(hi + 1, hi + 2)
                        and gazetteer.macro_region(nk.text) is not None
                    ):
                        hi += 2
                        continue
                    break
                if (
                    self.is_word(hi + 1, "of")
                    and self.tok(hi + 2) is not None
                    and self.toks[hi + 2].kind == "num"
                    and self.adjacent(hi + 1, hi + 2)
                    and self.toks[hi + 2].text.isdigit()
                    and len(self.toks[hi + 2].text) <= 3
                ):
                    hi += 2  # "Commission of 44"
                    break
                if n1.kind == "word" and n1.lower in CONNECTORS and (n1.lower != "and" or has_complement):
                    k = hi + 2
                    if self.is_word(k, "the") and self.adjacent(hi + 1, k):
                        k += 1
                    if n1.lower == "and" and (self._headed_run(k) or self.toks[k].upper):
                        break  # "Ministry of Labour and the International Organization for Migration"
                    nk = self.tok(k)
                    region = self.owner[k] if 0 <= k < self.n and n1.lower == "of" else None
                    if (
                        region is not None
                        and region.kind == "place"
                        and region.lo == k
                        and self.toks[region.hi].lower in REGION_NOUNS
                        and self.adjacent(k - 1, k)
                    ):
                        # "Water Supply Department of the Akbulak region": the region stays a place
                        hi = region.hi
                        break
                    if (
                        nk is not None
                        and nk.cap
                        and nk.kind == "word"
                        and self.free(k)
                        and not self.common(nk)
                        and self.adjacent(k - 1, k)
                        # a law's name was claimed by pass_laws; one left free is what a body does
                        # ("Agency for Regulation", "Bureau for ... Rule of Law")
                        and not self._person_ahead(k)
                    ):
                        place = gazetteer.country(nk.text)
                        if place is not None and qualifier is None:
                            qualifier = place.name
                        if place is not None and n1.lower == "of":
                            of_country = (k, place)
                        has_complement = has_complement or n1.lower != "and"
                        hi = k
                        continue
                break
            if (
                lo < i
                and self.in_heading_run(lo)
                and self.is_word(lo - 1, _HEADING_PREPOSITIONS)
                and not self.toks[lo - 1].cap
                and lo >= 2
                and self.heading_words[lo - 2] >= 2
                and self.toks[lo - 2].cap
                and gazetteer.lookup(self.toks[lo].text) is None
            ):
                # "Media Freedom Under Threat Amnesty International": a heading's last phrase is a
                # preposition and its one-word object; the name starts after it
                lo += 1
            if (
                self.titlecase_prefix[hi]
                and self.tok(hi + 1) is not None
                and self.adjacent(hi, hi + 1)
                and self.toks[hi + 1].cap
                and self._heading_word(self.toks[hi + 1])
                and self.known_lower(t)
            ):
                # "Budget Commission Revived The commission will ...": a heading about a common noun
                self.block(lo, hi)
                continue
            before = self.tok(lo - 1)
            if (
                before is not None
                and before.text == "The"
                and self.adjacent(lo - 1, lo)
                and self.free(lo - 1)
                and ORG_HEADS_KIND.get(t.lower) == "media"
            ):
                lo -= 1
            if self.is_word(hi, FACILITY_NOUNS) and hi > i and not has_complement:
                # "Trans-Caspian International Transport Route": a route, not a body
                self.block(lo, hi)
                continue
            if lo == hi and t.lower not in STANDALONE_HEADS:
                # a lone company head ("Air pollution") stands for no body named before
                if head_kind != "company" and (
                    not t.text.endswith("s") or t.lower in {"press", "news", "times"}
                ):
                    self.add(
                        self.make(
                            "organization", lo, hi, name=t.text, anaphor=True, subtype=ORG_HEADS_KIND[t.lower]
                        )
                    )
                continue
            state = gazetteer.country(self.span_text(lo, hi))
            if state is not None and state.kind == "country":
                # "the Russian Federation", "the Kyrgyz Republic": a state's name, so a place
                self.add(
                    self.make(
                        "place",
                        lo,
                        hi,
                        name=state.name,
                        subtype="country",
                        place_id=state.id,
                        place_country=state.country,
                    )
                )
                continue
            quoted = self._quoted_name_after(hi)
            if quoted is not None:
                # 'Technical Lyceum "Zhyldyz-Bulak."': the quoted words are the body's own name
                q_lo, q_hi = quoted
                name = self.span_text(q_lo, q_hi).rstrip(".")
                f = self.make("organization", lo, q_hi, name=name, subtype=head_kind)
                f.aliases.append(self.span_text(lo, q_hi).rstrip("."))
                self.add(f)
                self.block(q_hi + 1, q_hi + 1)
                continue
            hi = self._through_acronym(lo, hi)
            f = self.make(
                "organization", lo, hi, name=self.span_text(lo, hi), subtype=head_kind, qualifier=qualifier
            )
            acronym = self.tok(hi + 2)
            if (
                self.punct(hi + 1, "(")
                and acronym is not None
                and acronym.upper
                and self.punct(hi + 3, ")")
                and self.free(hi + 2)
            ):
                # "State Committee for National Security (GKNB)": the acronym is a name of the body
                f.aliases.append(acronym.text)
            if demonym_form is not None and demonym_form == lo - 1:
                f.aliases.append(self.span_text(demonym_form, hi))
            if possessor is not None and possessor == lo - 1:
                # "Kazakhstan’s Interior Ministry" is a name form of the body as the text writes it
                f.aliases.append(self.text[self.toks[possessor].start : self.toks[hi].end])
            first = self.toks[lo]
            place = gazetteer.lookup(first.text) if first.text != "The" else None
            self.add(f)
            if of_country is not None and of_country[0] <= hi:
                # "Prosecutor General’s Office of Tajikistan" names the state it belongs to
                k, state = of_country
                self.found.append(
                    self.make(
                        "place",
                        k,
                        k,
                        name=state.name,
                        subtype="country",
                        place_id=state.id,
                        place_country=state.country,
                    )
                )
            if (
                place is not None
                and place.kind != "region"
                and head_kind in {"government", "court"}
                # "Zarechny District Court": a district of that name, not the city
                and not self.is_word(lo + 1, REGION_NOUNS)
            ):
                # "Almaty police", "Kazakhstan Institute for ...": the leading place is a mention of it
                self.found.append(
                    self.make(
                        "place",
                        lo,
                        lo,
                        name=first.text,
                        subtype=place.kind,
                        place_id=place.id,
                        place_country=place.country,
                    )
                )
                if f.qualifier is None:
                    f.qualifier = _country_name(place)

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
        while k >= 0 and self.sent[k] == self.sent[lo] and self.toks[k].cap:
            k -= 1
        lower_between = k >= 0 and self.sent[k] == self.sent[lo]
        return not (lower_between and self.heading_words[lo - 1] < 2)

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
        name = t.text[: -len("-based")]
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
