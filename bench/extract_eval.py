"""Offline evaluator of the entity pipeline on the seeds, with score.py's matching semantics.

Regions come from the gold's title/body spans (so parsing errors do not blur the figures); byline
authors are fed as person entities without mentions, as the ingest step does. Prints people,
organizations and places precision/recall/F1, canonical-name accuracy, the article-link F1s, and
each recogniser's own precision and recall (the nodes its evidence helped make).
A gold file without spans (tests/pages/holdout_gold.json) is read end to end: the project's parser
finds the regions and the bylines, as with --parser.

    .venv/bin/python bench/extract_eval.py [--gold P] [--score P] [--seeds DIR] [--json] [--show] [--parser]
    .venv/bin/python bench/extract_eval.py --gold tests/pages/holdout_gold.json --seeds tests/pages
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import re
import sys
import time
import unicodedata
from collections import defaultdict
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import gazetteer  # noqa: E402
from pipeline.entities import DocEntity, DocumentEntities, TextRegion  # noqa: E402
from pipeline.link import link_document  # noqa: E402
from pipeline.parse import parse_page  # noqa: E402
from pipeline.resolve import resolve  # noqa: E402

KINDS = (("people", "person"), ("organizations", "organization"), ("places", "place"))


def load_score(path: Path) -> ModuleType:
    """The shared scorer; where it is not checked out (CI), the built-in copy of its matching rules."""
    if not path.exists():
        return builtin_score()
    spec = importlib.util.spec_from_file_location("newsgraph_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def builtin_score() -> ModuleType:
    """score.py's norm/prf/match_entities: one node per gold entity, aliases match, optional entries
    never count, a second node matching one gold entity is a false positive."""
    module = ModuleType("builtin_score")

    def norm(text: str | None) -> str:
        if not text:
            return ""
        text = unicodedata.normalize("NFKC", text)
        text = (
            text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
        )
        text = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
        text = re.sub(r"'s$", "", text)
        text = re.sub(r"\s+", " ", text).strip(" .,;:")
        return text.casefold()

    def prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(p, 3),
            "recall": round(r, 3),
            "f1": round(f, 3),
            "tp": tp,
            "fp": fp,
            "fn": fn,
        }

    def match_entities(
        pred: list[dict[str, Any]], gold: list[dict[str, Any]]
    ) -> tuple[dict[str, Any], dict[str, int], dict[str, Any]]:
        forms: dict[str, int] = {}
        for i, g in enumerate(gold):
            for form in [g["name"], *g.get("aliases", [])]:
                forms.setdefault(norm(form), i)
        taken: set[int] = set()
        mapping: dict[str, int] = {}
        tp = fp = exact = 0
        for p in sorted(pred, key=lambda p: -len(p["name"])):
            i = forms.get(norm(p["name"]))
            if i is None:
                for alias in p.get("aliases") or []:
                    i = forms.get(norm(alias))
                    if i is not None:
                        break
            if i is None:
                fp += 1
                continue
            mapping[norm(p["name"])] = i
            if gold[i].get("optional"):
                continue
            if i in taken:
                fp += 1
                continue
            taken.add(i)
            tp += 1
            exact += norm(p["name"]) == norm(gold[i]["name"])
        fn = sum(1 for i, g in enumerate(gold) if not g.get("optional") and i not in taken)
        return prf(tp, fp, fn), mapping, {"canonical_name_accuracy": round(exact / tp, 3) if tp else None}

    module.norm = norm  # type: ignore[attr-defined]
    module.prf = prf  # type: ignore[attr-defined]
    module.match_entities = match_entities  # type: ignore[attr-defined]
    return module


def evaluate(
    gold: dict[str, Any], seeds: Path, score: ModuleType, show: bool = False, use_parser: bool = False
) -> dict[str, Any]:
    by_file: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for article in gold["articles"]:
        by_file[article["source_file"]].append(article)
    # a gold without spans can only be read through the parser
    use_parser = use_parser or any("body_span" not in a for a in gold["articles"])
    gazetteer.warm()  # timings below are per page, not the one-off table build
    docs: list[DocumentEntities] = []
    article_of: dict[tuple[str, int], str] = {}
    timings: dict[str, float] = {}
    for name, articles in sorted(by_file.items()):
        text = (seeds / name).read_text(encoding="utf-8")
        sha = hashlib.sha256(text.encode()).hexdigest()
        regions = []
        author_names: list[str] = []
        if use_parser:
            # end to end: the project's page parser decides the regions and the bylines; articles are
            # matched by title
            for parsed in parse_page(text).articles:
                if parsed.byline is not None and not parsed.byline.is_house:
                    author_names.append(parsed.byline.name)
                regions.append(
                    TextRegion(parsed.position, "title", parsed.title_span.start, parsed.title_span.end)
                )
                regions.append(
                    TextRegion(parsed.position, "body", parsed.body_span.start, parsed.body_span.end)
                )
                article_of[(sha, parsed.position)] = score.norm(parsed.title)
        else:
            for index, article in enumerate(articles):
                regions.append(TextRegion(index, "title", *article["title_span"]))
                if article.get("body_span"):  # a title-only entry has no body
                    regions.append(TextRegion(index, "body", *article["body_span"]))
                article_of[(sha, index)] = score.norm(article["title"])
            author_names = [a["author"] for a in articles if a.get("author")]
        t0 = time.perf_counter()
        doc = link_document(sha, text, regions)
        timings[name] = (time.perf_counter() - t0) * 1000
        authors = tuple(DocEntity("person", name, (), None, ()) for name in author_names)
        docs.append(DocumentEntities(doc.document, doc.entities + authors))
    resolved = resolve(docs)
    entity_of = {(d.document, i): e for d in docs for i, e in enumerate(d.entities)}

    out: dict[str, Any] = {}
    for section, kind in KINDS:
        nodes = [e for e in resolved if e.kind == kind]
        pred = [{"name": e.name, "aliases": list(e.aliases)} for e in nodes]
        figures, mapping, extra = score.match_entities(pred, gold.get(section, []))
        out[section] = {**figures, **extra}
        links: dict[str, set[str]] = defaultdict(set)
        for e in nodes:
            for ref in e.members:
                for m in entity_of[(ref.document, ref.index)].mentions:
                    links[article_of[(ref.document, m.article_index)]].add(e.name)
        gold_entities = gold.get(section, [])
        optional = {i for i, g in enumerate(gold_entities) if g.get("optional")}
        ltp = lfp = lfn = 0
        for title in sorted(set(article_of.values()) | {score.norm(a["title"]) for a in gold["articles"]}):
            got = {mapping.get(score.norm(n), ("?", score.norm(n))) for n in links.get(title, set())}
            want = {
                i
                for i, g in enumerate(gold_entities)
                if not g.get("optional") and any(score.norm(a) == title for a in g.get("articles", []))
            }
            got -= optional
            ltp += len(got & want)
            lfp += len(got - want)
            lfn += len(want - got)
            if show and (got - want or want - got):
                print(
                    f"  [{section}] {title[:50]}: extra={sorted(map(str, got - want))} "
                    f"missing={sorted(gold_entities[i]['name'] for i in want - got)}"
                )
        out[f"{section}_links"] = score.prf(ltp, lfp, lfn)
        if show:
            matched = set(mapping.values())
            for e in nodes:
                if score.norm(e.name) not in mapping:
                    print(f"  [{section}] false positive: {e.name!r} aliases={list(e.aliases)}")
            for i, g in enumerate(gold_entities):
                if i not in matched and not g.get("optional"):
                    print(f"  [{section}] missed: {g['name']!r}")
            for e in nodes:
                i = mapping.get(score.norm(e.name))
                if i is not None and score.norm(gold_entities[i]["name"]) != score.norm(e.name):
                    print(f"  [{section}] named {e.name!r}, gold {gold_entities[i]['name']!r}")
            split: dict[int, list[str]] = defaultdict(list)
            for e in nodes:
                if score.norm(e.name) in mapping:
                    split[mapping[score.norm(e.name)]].append(e.name)
            for i, names in split.items():
                if len(names) > 1 and not gold_entities[i].get("optional"):
                    print(f"  [{section}] split into {len(names)} nodes: {names}")
    out["recognisers"] = per_recogniser(resolved, entity_of, gold, score)
    out["timing_ms"] = {k: round(v, 1) for k, v in timings.items()}
    return out


def per_recogniser(
    resolved: list[Any], entity_of: dict[tuple[str, int], DocEntity], gold: dict[str, Any], score: ModuleType
) -> dict[str, Any]:
    """Precision and recall of each recogniser alone: the served nodes whose mentions it helped make
    (its name in their evidence, cue suffix dropped), scored like the nodes themselves; recall is the
    share of the non-optional gold entities of that kind such a node matches."""
    out: dict[str, Any] = {}
    for section, kind in KINDS:
        entries = gold.get(section, [])
        forms: dict[str, int] = {}
        for i, g in enumerate(entries):
            for form in [g["name"], *g.get("aliases", [])]:
                forms.setdefault(score.norm(form), i)
        wanted = sum(1 for g in entries if not g.get("optional"))
        by_recogniser: dict[str, list[Any]] = defaultdict(list)
        for e in resolved:
            if e.kind != kind:
                continue
            tags = {
                tag.split(":")[0]
                for ref in e.members
                for tag in entity_of[(ref.document, ref.index)].evidence
            }
            for tag in tags:
                by_recogniser[tag].append(e)
        for tag, nodes in sorted(by_recogniser.items()):
            tp = fp = 0
            hit: set[int] = set()
            for e in nodes:
                i = next(
                    (forms[k] for k in map(score.norm, [e.name, *e.aliases]) if k in forms),
                    None,
                )
                if i is not None and entries[i].get("optional"):
                    continue
                if i is None or i in hit:
                    fp += 1
                    continue
                hit.add(i)
                tp += 1
            out[f"{kind}/{tag}"] = {
                "precision": round(tp / (tp + fp), 3) if tp + fp else 1.0,
                "recall": round(tp / wanted, 3) if wanted else 1.0,
                "tp": tp,
                "fp": fp,
            }
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT.parent / "shared" / "gold" / "seeds.json")
    ap.add_argument("--score", type=Path, default=ROOT.parent / "shared" / "tools" / "score.py")
    ap.add_argument("--seeds", type=Path, default=ROOT / "seeds")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--show", action="store_true", help="list false positives, misses and link errors")
    ap.add_argument(
        "--parser", action="store_true", help="regions from pipeline.parse instead of the gold spans"
    )
    args = ap.parse_args()
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    result = evaluate(gold, args.seeds, load_score(args.score), show=args.show, use_parser=args.parser)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        for key, figures in result.items():
            if key == "recognisers":
                for name, row in figures.items():
                    print(f"  {name:36} " + "  ".join(f"{k}={v}" for k, v in row.items()))
                continue
            print(f"{key:22} " + "  ".join(f"{k}={v}" for k, v in figures.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
