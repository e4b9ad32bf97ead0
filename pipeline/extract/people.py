"""People: titles, patronymic particles, surname morphology, apposition and speech cues."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.lexicon import (
    ORG_HEADS,
    OUTLET_SUFFIXES,
    SPEECH_VERBS,
    TITLE_WORDS,
    is_title,
)
from pipeline.extract.names import is_patronymic, surname_strength
from pipeline.extract.recognisers.particles import EUROPEAN_PARTICLES
from pipeline.extract.state import _PARTICLES, _TITLE_GLUE, ExtractorState, Found

# a lone word after these is where, not who ("from Geneva", "in Pskova")
_PLACE_PREPOSITIONS = frozenset(
    {"in", "from", "near", "at", "into", "inside", "across", "towards", "outside"}
)


class PersonRecogniser(ExtractorState):
    def pass_titled_people(self) -> None:
        """ "President X", "former diplomat X", "Minister of Energy X Y": a name right after a title."""
        for i, t in enumerate(self.toks):
            if t.in_title or t.kind != "word":
                continue
            if not is_title(t.lower) and not (t.lower.endswith("s") and t.lower[:-1] in TITLE_WORDS):
                continue  # "Presidents Emomali Rahmon and Sadyr Japarov"
            k = i + 1
            complement = False
            if self.is_word(k, frozenset({"of", "for", "on"})):
                complement = True
                k += 1
                if self.is_word(k, "the"):
                    k += 1
            run: list[int] = []
            while (
                len(run) < 8
                and self.free(k)
                and self.toks[k].cap
                and self.toks[k].kind == "word"
                and not self.common(self.toks[k])
                and self.adjacent(k - 1, k)
            ):
                run.append(k)
                if self.toks[k].poss:
                    break
                k += 1
                # "Minister of Foreign Affairs of Uzbekistan Bakhtiyor Saidov": the complement goes on
                if complement and self.is_word(k, _TITLE_GLUE) and self.adjacent(k - 1, k):
                    k += 1
                    if self.is_word(k, "the") and self.adjacent(k - 1, k):
                        k += 1
            if not run:
                continue
            if complement:
                if len(run) < 3:
                    continue
                take = 3 if len(run) >= 4 and is_patronymic(self.toks[run[-2]].text) else 2
                run = run[-take:]
                if not all(self.name_word(x) for x in run):
                    continue
            else:
                names: list[int] = []
                # "Президент Казахстана Касым-Жомарт Токаев": a state in the genitive sits between
                while (
                    run
                    and (
                        gazetteer.country(self.toks[run[0]].text) is not None
                        or gazetteer.demonym(self.toks[run[0]].text) is not None
                    )
                    and not self.toks[run[0]].poss
                ):
                    run = run[1:]
                for x in run:
                    if not self.name_word(x):
                        break
                    names.append(x)
                run = names[:3]
                if not run:
                    continue
                if not is_title(t.lower) and (
                    len(run) < 2 or any(self._heading_word(self.toks[x]) for x in run)
                ):
                    continue  # a plural title names people only by full names ("Diplomats Voice Concern")
                if len(run) == 1:
                    only = self.toks[run[0]]
                    if surname_strength(only.text) == 0 and self.known_lower(only):
                        continue
                    if gazetteer.lookup(only.text) is not None:
                        continue
            self._add_person(run[0], run[-1])

    def _add_person(self, lo: int, hi: int, **kw: object) -> Found:
        if self.is_word(hi + 1, _PARTICLES) and self.free(hi + 1) and self.adjacent(hi, hi + 1):
            hi += 1  # "Azamat Toktosun uulu": the patronymic particle belongs to the name
        k = hi + 1
        while (
            k - hi <= 2 and self.is_word(k, EUROPEAN_PARTICLES) and self.free(k) and self.adjacent(k - 1, k)
        ):
            k += 1
        if k > hi + 1 and self.name_word(k) and self.adjacent(k - 1, k):
            hi = k  # "envoy Pieter van den Broek": the particles and the surname after them
        f = self.make("person", lo, hi, name=self.span_text(lo, hi), **kw)
        # "Dina Smailova (Tansari)": a parenthetical name right after a person is an alias
        if self.punct(hi + 1, "("):
            end = self.paren_end(hi + 1, limit=6)
            if (
                end is not None
                and end > hi + 2
                and all(self.toks[k].cap and self.toks[k].kind == "word" for k in range(hi + 2, end))
            ):
                inner = self.span_text(hi + 2, end - 1)
                f.aliases.extend([inner, self.text[self.toks[lo].start : self.toks[end].end]])
                self.block(hi + 1, end)
        return self.add(f)

    def pass_morphology_people(self) -> None:
        for i, t in enumerate(self.toks):
            if not self.name_word(i):
                continue
            strength = surname_strength(t.text)
            if strength == 0 or self.facility_after(i):
                continue  # "Sarybekov Street": a street named after someone is no mention of them
            if (
                self.name_word(i + 1)
                and self.adjacent(i, i + 1)
                and surname_strength(self.toks[i + 1].text) == 2
                and self.toks[i + 1].lower not in _PARTICLES
            ):
                # "Sherzod Ibragimov", "Gurbanguly Berdimuhamedow", "Saule Kairatovna Mukhametova": a
                # given name or patronymic that only looks like a surname; the surname after it decides
                continue
            nxt = self.tok(i + 1)
            if (
                nxt is not None
                and nxt.kind == "word"
                and nxt.lower in OUTLET_SUFFIXES
                and nxt.cap
                and self.adjacent(i, i + 1)
                and self.free(i + 1)
            ):
                # "Sarybaev Live": an outlet named after its founder
                self.add(self.make("organization", i, i + 1, name=self.span_text(i, i + 1), subtype="media"))
                continue
            if t.in_title:
                # Title Case hides what is a name: only a given name plus a marked surname, after a
                # word that cannot be part of the name ("Interview With Akezhan Kazhegeldin")
                if (
                    strength == 2
                    and self.given_word(i - 1)
                    and self.adjacent(i - 1, i)
                    and self._name_boundary(i - 2)
                ):
                    self._add_person(i - 1, i)
                elif (
                    strength == 2
                    and self.punct(i - 1, ":")
                    and not self.name_word(i + 1)
                    and gazetteer.lookup(t.text) is None
                ):
                    # "Back in Court: Surnameov Again ...": a marked surname opening a headline's clause
                    self._add_person(i, i)
                continue
            lo = i
            if (
                self.given_word(i - 1)
                and self.adjacent(i - 1, i)
                and (
                    not self.in_heading_run(i - 1)
                    or self._given_after_heading(i - 1)
                    or self._listed_after_person(i - 1)
                    or self._after_found_name(i - 1)
                    # "Respublica's Ainur Tleulesova": a possessive ends what comes before the name
                    or (i >= 2 and self.toks[i - 2].poss and self.adjacent(i - 2, i - 1))
                )
            ):
                lo = i - 1
                if (
                    is_patronymic(self.toks[i - 1].text)
                    and self.given_word(i - 2)
                    and self.adjacent(i - 2, i - 1)
                ):
                    lo = i - 2
            elif (
                strength == 2
                and self.given_word(i + 1)
                and self.adjacent(i, i + 1)
                and surname_strength(self.toks[i + 1].text) == 0
                and is_patronymic(self.toks[i + 2].text if self.tok(i + 2) else "")
            ):
                # "Tokayev Kassym-Jomart Kemelevich": surname first, with a patronymic
                self._add_person(i, i + 2)
                continue
            if lo == i and (strength < 2 or gazetteer.lookup(t.text) is not None):
                continue
            if lo == i and self.is_word(i - 1, _PLACE_PREPOSITIONS):
                continue  # "the grant from Geneva": a lone surname-shaped word after "from", "in" is a place
            if lo == i and self._listed_after_place(i):
                # "men from Istaravshan and Ghafurov": listed after a place that follows "from", "in"
                self.add(self.make("place", i, i, name=t.text, subtype="city"))
                continue
            if self.span_text(lo, i) in self._body_names():
                continue  # "owe Barqi Tojik $42 million": the company named earlier, not a person
            self._add_person(lo, i)

    def _listed_after_place(self, i: int) -> bool:
        if not (self.is_word(i - 1, "and") or self.punct(i - 1, ",")) or i < 3:
            return False
        other = self.toks[i - 2]
        return (
            other.cap
            and gazetteer.lookup(other.text) is not None
            and self.is_word(i - 3, _PLACE_PREPOSITIONS)
            and not self.name_word(i + 1)
        )

    def _body_names(self) -> set[str]:
        return {a for f in self.found if f.kind == "organization" for a in (f.name or "", *f.aliases)}

    def _name_boundary(self, k: int) -> bool:
        """Token k (left of a name) cannot belong to it: nothing, punctuation, a function word."""
        t = self.tok(k)
        if t is None or t.kind != "word" or (k + 1 < self.n and self.region_of(k) != self.region_of(k + 1)):
            return True
        # not title words: in Title Case "Public Outcry Nukenova" the modifier may be a heading word
        return t.poss or self.common(t)

    def _after_found_name(self, k: int) -> bool:
        """ "Chairman of the Halk Maslahaty Gurbanguly Berdimuhamedov": the capitalised run before the
        given name is a name found already (an organization's), so it ends where that name ends."""
        owner = self.owner[k - 1] if k >= 1 else None
        return owner is not None and owner.kind != "person" and self.adjacent(k - 1, k)

    def _listed_after_person(self, k: int) -> bool:
        """ "Emomali Rahmon and Sadyr Japarov": the next name of a list that began with a person."""
        if not (self.is_word(k - 1, "and") or self.punct(k - 1, ",")):
            return False
        owner = self.owner[k - 2] if k >= 2 else None
        return owner is not None and owner.kind == "person"

    def _given_after_heading(self, k: int) -> bool:
        """ "Families Left Waiting Ogulsapar Muradowa, a mother of three": a glued heading's last word is
        an English word (or a verb form), and the name after it is introduced in apposition or speaks."""
        prev = self.tok(k - 1)
        t = self.toks[k]
        after = self.tok(k + 2)
        introduced = after is not None and (
            (after.kind == "word" and after.lower in SPEECH_VERBS)
            or (self.punct(k + 2, ",") and self.is_word(k + 3, frozenset({"a", "an", "the", "who"})))
            # "Resort Owners Divided Name Surname of the Association ...": an affiliation introduces too
            or (after.kind == "word" and after.lower == "of" and self.is_word(k + 3, "the"))
        )
        return (
            introduced
            and prev is not None
            and prev.kind == "word"
            # "A Fragile Truce Name Surname, who ...": a heading of two words or more ends before a
            # given name that no one writes in lower case, even when its last word is not a common one
            and (self._heading_word(prev) or self.heading_words[k - 1] >= 2)
            and not self._heading_word(t)
            and t.lower not in ORG_HEADS
            and gazetteer.lookup(t.text) is None
        )
