"""Laws and codes: claimed first so nothing inside a law's name becomes an entity."""

from __future__ import annotations

from pipeline import gazetteer
from pipeline.extract.lexicon import (
    LAW_HEADS,
)
from pipeline.extract.state import CONNECTORS, ExtractorState
from pipeline.extract.tokens import OPEN_QUOTES


class LawRecogniser(ExtractorState):
    def pass_laws(self) -> None:
        """Laws, codes and quoted law titles are claimed so nothing inside them becomes an entity."""
        for i, t in enumerate(self.toks):
            if t.kind != "word" or t.lower not in LAW_HEADS:
                continue
            if t.lower == "law" and self.is_word(i - 1, "of") and self.is_word(i - 2, "rule"):
                continue  # "the rule of law" names no law
            if t.cap and self.is_word(i - 1, CONNECTORS) and self._org_head_before(i - 2):
                continue  # "Agency for Regulation and Development ...": what a body does, not a law
            if t.cap and self._org_head_after(i):
                continue  # "Collective Security Treaty Organization": a body named after a treaty
            nxt = self.tok(i + 1)
            if not t.cap:
                # law “On the Prevention of Domestic Violence”
                if nxt is not None and nxt.kind == "punct" and nxt.text in OPEN_QUOTES:
                    end = self.quoted_end(i + 1)
                    if end is not None:
                        self.block(i + 1, end)
                continue
            lo = i
            while (
                lo - 1 >= 0
                and self.adjacent(lo - 1, lo)
                and self.toks[lo - 1].cap
                and not self.common(self.toks[lo - 1])
            ):
                prev = self.toks[lo - 1]
                if gazetteer.lookup(prev.text) is not None or gazetteer.demonym(prev.text) is not None:
                    break
                lo -= 1
                if prev.poss:
                    break
            hi = i
            while True:
                n1 = self.tok(hi + 1)
                if n1 is None or self.region_of(hi + 1) != self.region_of(i) or self.toks[hi].poss:
                    break
                if n1.kind == "punct" and n1.text in OPEN_QUOTES and n1.text != "(":
                    end = self.quoted_end(hi + 1)
                    if end is None:
                        break
                    hi = end
                    break
                if n1.kind == "num" and t.lower in {"article", "articles"}:
                    hi += 1
                    continue
                if n1.kind == "word" and n1.lower in CONNECTORS | {"the"}:
                    k = hi + 2
                    if self.is_word(k, "the"):
                        k += 1
                    nk = self.tok(k)
                    if (
                        nk is not None
                        and nk.cap
                        and not self.common(nk)
                        and gazetteer.lookup(nk.text) is None
                    ):
                        hi = k
                        continue
                    if nk is not None and nk.kind == "punct" and nk.text in OPEN_QUOTES:
                        hi = k - 1
                        continue
                    break
                if (
                    n1.cap
                    and self.adjacent(hi, hi + 1)
                    and not self.common(n1)
                    and gazetteer.lookup(n1.text) is None
                ):
                    hi += 1
                    continue
                break
            self.block(lo, hi)
