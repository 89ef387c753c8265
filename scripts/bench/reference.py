#!/usr/bin/env python3
"""Writes the NetworkX reference values that shellnet's centrality and
community tests compare with: analysis/testdata/graphs/<graph>/networkx-<version>.json.

Run from the repository root: python3 scripts/bench/reference.py
"""
import csv
import json
import os
import sys

import networkx as nx

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
GRAPHS = os.path.join(ROOT, "analysis", "testdata", "graphs")


def read(name):
    path = os.path.join(GRAPHS, name, name + "_edges_weighted.csv")
    with open(path, newline="") as f:
        return [(r["source"], r["target"], float(r["weight"])) for r in csv.DictReader(f)]


def build(edges, directed, weighted):
    g = nx.DiGraph() if directed else nx.Graph()
    for s, t, w in edges:
        if weighted:
            g.add_edge(s, t, weight=w)
        else:
            g.add_edge(s, t)
    return g


def scores(edges, directed):
    g = build(edges, directed, False)
    gw = build(edges, directed, True)
    out = {}
    if directed:
        out["in_degree"] = nx.in_degree_centrality(g)
        out["out_degree"] = nx.out_degree_centrality(g)
    out["degree"] = nx.degree_centrality(g)
    out["pagerank"] = nx.pagerank(g)
    out["pagerank_weighted"] = nx.pagerank(gw, weight="weight")
    out["betweenness"] = nx.betweenness_centrality(g)
    out["betweenness_weighted"] = nx.betweenness_centrality(gw, weight="weight")
    out["closeness"] = nx.closeness_centrality(g)
    out["closeness_weighted"] = nx.closeness_centrality(gw, distance="weight")
    out["harmonic"] = nx.harmonic_centrality(g)
    out["harmonic_weighted"] = nx.harmonic_centrality(gw, distance="weight")
    try:
        out["eigenvector"] = nx.eigenvector_centrality(g)
        out["eigenvector_weighted"] = nx.eigenvector_centrality(gw, weight="weight")
    except nx.PowerIterationFailedConvergence:
        pass
    hubs, auth = nx.hits(g, max_iter=1000, tol=1e-12)
    out["hits_hubs"], out["hits_authorities"] = hubs, auth
    return out


def main():
    for name in ("karate", "lesmis"):
        edges = read(name)
        ref = {
            "generator": "scripts/bench/reference.py with networkx " + nx.__version__,
            "undirected": scores(edges, False),
            "directed": scores(edges, True),
        }
        g, gw = build(edges, False, False), build(edges, False, True)
        ref["louvain"] = {}
        for seed in (1, 2, 42):
            comms = nx.community.louvain_communities(g, seed=seed)
            ref["louvain"]["seed%d" % seed] = nx.community.modularity(g, comms)
            comms = nx.community.louvain_communities(gw, weight="weight", seed=seed)
            ref["louvain"]["seed%d_weighted" % seed] = nx.community.modularity(gw, comms, weight="weight")
        ref["components"] = nx.number_connected_components(g)
        path = os.path.join(GRAPHS, name, "networkx-%s.json" % nx.__version__)
        with open(path, "w") as f:
            json.dump(ref, f, indent=1, sort_keys=True)
            f.write("\n")
        print("wrote", os.path.relpath(path, ROOT), file=sys.stderr)


if __name__ == "__main__":
    main()
