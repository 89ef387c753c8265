#!/usr/bin/env python3
"""Prints the table of scripts/bench.sh from its JSON results:
table.py DATA_DIR SIZE...
"""
import json
import os
import sys


def load(path):
    try:
        with open(path) as f:
            return json.load(f)
    except FileNotFoundError:
        return {}


def fmt(x):
    if x is None:
        return "-"
    if x >= 100:
        return "%.0f" % x
    if x >= 1:
        return "%.2f" % x
    return "%.3f" % x


def ratio(peer, ours):
    if peer is None or ours is None or ours <= 0:
        return "-"
    return "%.1fx" % (peer / ours)


def main():
    data, sizes = sys.argv[1], sys.argv[2:]
    for n in sizes:
        d = os.path.join(data, n)
        sn, ig, nx = load(d + "/shellnet.json"), load(d + "/igraph.json"), load(d + "/networkx.json")
        igl = load(d + "/igraph-louvain.json")
        for key in ("louvain_s", "louvain_cpu_s", "louvain_modularity", "louvain_communities"):
            if key in igl:
                ig[key] = igl[key]
        if "louvain_timeout_s" in igl:
            print("\nigraph's Louvain did not finish within %d s" % igl["louvain_timeout_s"])
        e2e, st = load(d + "/e2e.json"), load(d + "/store.json")
        print()
        print("%s entities, %s links (undirected, no parallel links); shellnet vs %s and %s"
              % (n, sn.get("links"), ig.get("lib"), nx.get("lib")))
        print("algorithm alone (seconds; ratio = peer time / shellnet time)")
        print("%-22s %10s %10s %10s %10s %10s" % ("work", "shellnet", "igraph", "networkx", "vs igraph", "vs nx"))
        for key, label in [("load_s", "read edge list"), ("pagerank_s", "pagerank"),
                           ("pagerank_arpack_s", "pagerank (arpack)"),
                           ("pagerank_tight_s", "pagerank to 1e-10"),
                           ("betweenness_s", "betweenness sampled"), ("louvain_s", "louvain"),
                           ("wcc_s", "components")]:
            a, b, c = sn.get(key), ig.get(key), nx.get(key)
            if key == "pagerank_arpack_s":
                a = sn.get("pagerank_s")
            if key == "pagerank_tight_s":  # against igraph's PRPACK, which solves to 1e-10
                a, b, c = sn.get(key), ig.get("pagerank_s"), None
            print("%-22s %10s %10s %10s %10s %10s" % (label, fmt(a), fmt(b), fmt(c), ratio(b, a), ratio(c, a)))
        if "pagerank_cpu_s" in sn:
            print("algorithm alone, CPU seconds (user + system, all threads: what the load of the machine does not inflate)")
            print("%-22s %10s %10s %10s %10s %10s" % ("work", "shellnet", "igraph", "networkx", "vs igraph", "vs nx"))
            for key, label in [("load_cpu_s", "read edge list"), ("pagerank_cpu_s", "pagerank"),
                               ("pagerank_arpack_cpu_s", "pagerank (arpack)"),
                               ("pagerank_tight_cpu_s", "pagerank to 1e-10"),
                               ("betweenness_cpu_s", "betweenness sampled"), ("louvain_cpu_s", "louvain"),
                               ("wcc_cpu_s", "components")]:
                a, b, c = sn.get(key), ig.get(key), nx.get(key)
                if key == "pagerank_arpack_cpu_s":
                    a = sn.get("pagerank_cpu_s")
                if key == "pagerank_tight_cpu_s":
                    a, b, c = sn.get(key), ig.get("pagerank_cpu_s"), None
                print("%-22s %10s %10s %10s %10s %10s" % (label, fmt(a), fmt(b), fmt(c), ratio(b, a), ratio(c, a)))
        print("end to end (shellnet command from its store; peers read the edge list and run the algorithm)")
        print("%-22s %10s %10s %10s %10s %10s" % ("work", "shellnet", "igraph", "networkx", "vs igraph", "vs nx"))
        for key, label in [("pagerank_s", "pagerank"), ("betweenness_s", "betweenness sampled"),
                           ("louvain_s", "louvain"), ("wcc_s", "components")]:
            a = e2e.get(key)
            b = ig.get(key) + ig["load_s"] if ig.get(key) is not None else None
            c = nx.get(key) + nx["load_s"] if nx.get(key) is not None else None
            print("%-22s %10s %10s %10s %10s %10s" % (label, fmt(a), fmt(b), fmt(c), ratio(b, a), ratio(c, a)))
        print("%-22s %10s   (%s, once)" % ("store load", fmt(st.get("load_s")), st.get("how", "-")))
        print("%-22s %10s" % ("pagerank, second run", fmt(e2e.get("pagerank_warm_s"))))
        qs, qi, qn = sn.get("louvain_modularity"), ig.get("louvain_modularity"), nx.get("louvain_modularity")
        print("louvain modularity: shellnet %s (from the store: %s), igraph %s, networkx %s%s" % (
            "%.4f" % qs if qs else "-", "%.4f" % e2e["louvain_modularity"] if e2e.get("louvain_modularity") else "-",
            "%.4f" % qi if qi else "-", "%.4f" % qn if qn else "-",
            "; shellnet/igraph %.4f" % (qs / qi) if qs and qi else ""))
        ql = ig.get("leiden_modularity")
        if ql:
            print("igraph's Leiden on modularity (2 iterations): %.4f in %s s%s" % (
                ql, fmt(ig.get("leiden_s")), "; shellnet/Leiden %.4f" % (qs / ql) if qs else ""))


if __name__ == "__main__":
    main()
