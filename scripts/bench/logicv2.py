#!/usr/bin/env python3
"""Score the labelled name pairs (graph/names/testdata/namepairs.csv) with
nomenklatura's logic-v2, the matcher of OpenSanctions' yente, for comparison
with shellnet's.

    python -m venv venv && venv/bin/pip install nomenklatura
    venv/bin/python scripts/bench/logicv2.py PAIRS.csv > SCORES.csv

Each pair becomes two FollowTheMoney entities of the pair's schema carrying
one name each (the left as the query, the right as the candidate), compared
with logic-v2's default configuration; the output has one row per pair, in
order: its number in PAIRS.csv (1 for the first pair after the header) and
logic-v2's score.
"""
import csv
import sys

from followthemoney import model
from nomenklatura.matching import get_algorithm
from nomenklatura.matching.types import ScoringConfig

SCHEMAS = {"Person": "Person", "Organization": "Organization", "Vessel": "Vessel", "Airplane": "Airplane"}


def entity(schema, eid, name):
    e = model.make_entity(SCHEMAS.get(schema, "LegalEntity"))
    e.id = eid
    e.add("name", name)
    return e


def main():
    algo = get_algorithm("logic-v2")
    config = ScoringConfig.defaults()
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["pair", "score"])
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for n, row in enumerate(csv.DictReader(f), start=1):
            # ids unique to the pair: nomenklatura caches by entity id
            q = entity(row["schema"], f"q{n}", row["left"])
            r = entity(row["schema"], f"r{n}", row["right"])
            res = algo.compare(q, r, config)
            out.writerow([n, f"{res.score:.4f}"])


if __name__ == "__main__":
    main()
