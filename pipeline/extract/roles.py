"""Role phrases attached to people: "former Minister of Energy X", "X, a lawyer at Y"."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.lexicon import (
    FORMER_WORDS,
    ORG_HEADS,
    ORG_TYPE_NOUNS,
    TITLE_MODIFIERS,
    TITLE_WORDS,
)
from pipeline.extract.state import CONNECTORS, ExtractorState, Found, FoundRole


class RoleRecogniser(ExtractorState):
    def pass_roles(self) -> None:
        orgs = [f for f in self.found if f.kind == "organization"]
        for f in self.found:
            if f.kind != "person" or f.first_name_only:
                continue
            for role in (self._role_before(f, orgs), self._role_after(f, orgs), self._affiliation(f, orgs)):
                if role is not None:
                    f.roles.append(role)

    def _phrase_token_ok(self, k: int) -> bool:
        t = self.toks[k]
        if t.kind == "dot":
            return True
        if t.kind == "punct":
            return t.text in "()\u201c\u201d\"\u2018\u2019'«»–-"
        if t.kind != "word":
            return False
        low = t.lower
        return (
            t.cap
            or low in TITLE_WORDS
            or low in TITLE_MODIFIERS
            or low in ORG_TYPE_NOUNS
            or low in ORG_HEADS
            or low in CONNECTORS
            or low in FORMER_WORDS
            or low in {"the", "at"}
        )

    def _role_before(self, f: Found, orgs: list[Found]) -> FoundRole | None:
        end = f.lo - 1
        if self.punct(end, ","):
            end -= 1
        k = end
        depth = 0
        while k >= 0 and k > f.lo - 18 and self.region_of(k) == self.region_of(f.lo):
            t = self.toks[k]
            owner = self.owner[k]
            if owner is not None and owner is not f and owner.kind == "person":
                break
            if t.kind == "punct" and t.text == ")":
                depth += 1
            elif t.kind == "punct" and t.text == "(":
                depth -= 1
            elif depth == 0 and not self._phrase_token_ok(k):
                break
            if t.sent_start:
                k -= 1
                break
            k -= 1
        start = k + 1
        heads = [
            j
            for j in range(start, end + 1)
            if self.toks[j].kind == "word" and self.toks[j].lower in TITLE_WORDS
        ]
        if not heads:
            return None
        return self._parse_role(heads[-1], start, end, orgs, f)

    def _role_after(self, f: Found, orgs: list[Found]) -> FoundRole | None:
        if not self.punct(f.hi + 1, ","):
            return None
        k = f.hi + 2
        if self.is_word(k, frozenset({"a", "an", "the"})):
            k += 1
        start = k
        while (
            k < self.n
            and self.region_of(k) == self.region_of(f.lo)
            and self._phrase_token_ok(k)
            and not self.punct(k, "()")
        ):
            owner = self.owner[k]
            if owner is not None and owner.kind == "person":
                return None
            k += 1
        end = k - 1
        heads = [
            j
            for j in range(start, end + 1)
            if self.toks[j].kind == "word" and self.toks[j].lower in TITLE_WORDS
        ]
        if not heads or end < start:
            return None
        return self._parse_role(heads[0], start, end, orgs, f)

    def _parse_role(self, h: int, start: int, end: int, orgs: list[Found], f: Found) -> FoundRole | None:
        # left edge: modifiers and titles only ("former", "State", "Children’s", "Kazakh" is dropped)
        lo = h
        former = False
        while lo - 1 >= start:
            t = self.toks[lo - 1]
            if t.kind != "word":
                break
            if t.lower in FORMER_WORDS:
                former = True
                lo -= 1
                continue
            if (
                t.lower in TITLE_MODIFIERS
                or t.lower in TITLE_WORDS
                or (t.poss and gazetteer.lookup(t.text) is None)
            ):
                lo -= 1
                continue
            break
        phrase_lo = lo
        while (
            phrase_lo - 1 >= start
            and self.toks[phrase_lo - 1].kind == "word"
            and (
                self.toks[phrase_lo - 1].lower in FORMER_WORDS
                or gazetteer.demonym(self.toks[phrase_lo - 1].text) is not None
                or (
                    self.toks[phrase_lo - 1].poss
                    and gazetteer.lookup(self.toks[phrase_lo - 1].text) is not None
                )
            )
        ):
            if self.toks[phrase_lo - 1].lower in FORMER_WORDS:
                former = True
            phrase_lo -= 1
        # skip demonyms/possessive states sitting between "former" and the title
        kept_lo = lo
        while kept_lo <= h and (
            self.toks[kept_lo].lower in FORMER_WORDS
            or gazetteer.demonym(self.toks[kept_lo].text)
            or (self.toks[kept_lo].poss and gazetteer.lookup(self.toks[kept_lo].text))
        ):
            if self.toks[kept_lo].lower in FORMER_WORDS:
                former = True
            kept_lo += 1
        hi = h
        organization: str | None = None
        k = h + 1
        if self.is_word(k, frozenset({"of", "for", "on", "at"})):
            m = k + 1
            comp_hi = h
            while m <= end:
                owner = self.owner[m]
                if owner is not None and owner.kind == "organization" and not owner.anaphor:
                    organization = owner.name
                    break
                t = self.toks[m]
                if t.poss and owner is not None and owner.kind == "place":
                    m += 1
                    continue
                if t.kind == "word" and (
                    t.cap or t.lower in {"the", "and", "of"} or t.lower in TITLE_MODIFIERS
                ):
                    if t.cap or t.lower in TITLE_MODIFIERS:
                        comp_hi = m
                    if t.poss:
                        break
                    m += 1
                    continue
                break
            if organization is None:
                hi = comp_hi
        if kept_lo > hi:
            return None
        title = self.text[self.toks[kept_lo].start : self.toks[hi].end]
        if not any(self.toks[j].lower in TITLE_WORDS for j in range(kept_lo, hi + 1)):
            return None
        span_end = max(hi, end)
        return FoundRole(title, organization, former, self.toks[phrase_lo].start, self.toks[span_end].end)

    def _affiliation(self, f: Found, orgs: list[Found]) -> FoundRole | None:
        k = f.hi + 1
        if not self.is_word(k, "of"):
            return None
        k += 1
        if self.is_word(k, "the"):
            k += 1
        owner = self.owner[k] if 0 <= k < self.n else None
        if owner is None or owner.kind != "organization" or owner.anaphor:
            return None
        return FoundRole("", owner.name, False, self.toks[f.hi + 1].start, owner.end)
