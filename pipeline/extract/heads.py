"""Organizations built around a head word ("Committee", "Ministry") and their boundaries."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.bounds import NameBounds
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
    _country_name,
)

_PLACE_ADJECTIVES = ("-based", "-registered", "-headquartered", "-born")
_BODY_ADJECTIVES = ("-run", "-led", "-backed", "-controlled", "-owned", "-funded", "-affiliated")
# possessive nouns that belong to bodies' names ("People's Party", "Workers' Union")
_NAME_POSSESSIVES = frozenset({"people", "workers", "women", "nations", "children", "veterans", "farmers"})
# heads of state bodies: a surname before one is a person's, not part of the body's name
_STATE_KINDS = frozenset({"government", "court", "party"})
# company heads that a complement never continues: "of" after them says where the company is from
_LEGAL_HEADS = frozenset({"gmbh", "ag", "ltd", "llc", "llp", "inc", "plc", "jsc", "ojsc", "cjsc", "pjsc"})
_GROUP_HEADS = frozenset({"group", "holding", "holdings"})
_CAMPUS_HEADS = frozenset({"university", "institute"})


class HeadOrgRecogniser(NameBounds):
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
                joined = prev.lower == "and" or prev.text == "&"  # "Fauna & Flora International"
                if (not prev.cap or self.common(prev)) and not joined:
                    break
                if joined and not (
                    not used_and
                    and lo - 2 >= 0
                    and self.free(lo - 2)
                    and self.adjacent(lo - 2, lo - 1)
                    and self.toks[lo - 2].cap
                    and not self.common(self.toks[lo - 2])
                    and not self.toks[lo - 2].poss
                    and gazetteer.lookup(self.toks[lo - 2].text) is None
                    and surname_strength(self.toks[lo - 2].text) < 2
                    and not (self.in_heading_run(lo - 2) and not self._opened_by_the(lo - 2))
                    # "China Road and Bridge Corporation" is one body; "miner Kyrgyzaltyn and Huaxin
                    # Jinshan Mining" two: a one-word name before "and", two name words after it
                    and not (i - lo >= 2 and not self._name_word_before(lo - 2))
                ):
                    break
                if joined:
                    # "China Road and Bridge Corporation"
                    used_and = True
                    lo -= 2
                    continue
                if prev.lower.endswith(_PLACE_ADJECTIVES):
                    # "the Dushanbe-based Center for ...": the place is named, but is no part of the name
                    self._based_place(lo - 1)
                    break
                if prev.lower.endswith(_BODY_ADJECTIVES):
                    self._by_body(lo - 1)  # "the Taliban-run Ministry of ...": who runs it, apart
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
                    # only a heading glued to the text ends there: in a sentence a capitalised word is
                    # the name's ("the World Bank", "Zarafshan Credit Bank", though "world" and "credit"
                    # are written in lower case elsewhere)
                    and self._glued_heading(lo - 1, lo - 1)
                    and prev.lower not in _ORDINARY_ORG_WORDS
                    and prev.lower not in TITLE_MODIFIERS
                    and prev.lower not in ORG_HEADS
                ):
                    # a heading word glued before the name ("Stubborn Statistics Committee ...")
                    break
                place = gazetteer.lookup(prev.text)
                if (
                    prev.poss
                    and place is None
                    and lo >= 2
                    and self.toks[lo - 2].cap
                    and self.adjacent(lo - 2, lo - 1)
                ):
                    place = gazetteer.lookup(self.span_text(lo - 2, lo - 1))  # "Abu Dhabi's AD Ports Group"
                if prev.poss:
                    if place is not None:
                        qualifier = _country_name(place)
                        possessor = lo - 1
                        break
                    if surname_strength(prev.text) == 2:
                        break
                    if (
                        head_kind in _STATE_KINDS
                        and prev.lower not in TITLE_WORDS | TITLE_MODIFIERS
                        and prev.lower not in _NAME_POSSESSIVES
                    ):
                        # "the Taliban's Ministry of Commerce": the possessor is another body
                        self._possessor_body(lo - 1)
                        break
                elif (
                    surname_strength(prev.text) == 2
                    and place is None
                    and head_kind in _STATE_KINDS
                    # "Pervomaisky District Court": a district's name before its noun, no surname
                    and self.toks[lo].lower not in REGION_NOUNS
                ):
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
                if (
                    n1.kind == "word"
                    and n1.lower == "in"
                    and self.toks[hi].lower in _CAMPUS_HEADS
                    and self._city_at(hi + 2)
                ):
                    hi += 2  # "Inha University in Tashkent": a university's branch is named by its city
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
                    if (n1.lower == "and" and self._headed_run(k)) or (k < self.n and self.toks[k].upper):
                        # "... and the International Organization ...", "Service of the GKNB": a second body
                        break
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
                        n1.lower == "of"
                        and head_kind == "company"
                        and nk is not None
                        and gazetteer.city(nk.text) is not None
                        and gazetteer.country(nk.text) is None
                    ):
                        break  # "Huaxin Jinshan Mining of Urumqi": where a company is from, not its name
                    if n1.lower == "of" and (
                        self.toks[hi].lower in _LEGAL_HEADS
                        or (self.toks[hi].lower in _GROUP_HEADS and self._country_at(k))
                    ):
                        # "Skoda Group of the Czech Republic", "Orbis GmbH of Innsbruck": where a
                        # company is from; nothing continues a name past its legal form
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
            else:
                short = self._bracketed_name(hi + 1)
                if short is not None:
                    # "The Export-Import Bank of Korea (Korea Eximbank)": the short name it goes by
                    f.aliases.append(self.span_text(*short))
                    self.block(short[0], short[1])
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
