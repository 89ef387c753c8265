#!/usr/bin/env python3
"""Times NetworkX or igraph on the edge list that shellbench generated, as
shellnet's scripts/bench.sh compares them: read and build the graph, then
PageRank, sampled betweenness, Louvain (with its modularity) and connected
components. Prints one JSON object.

    peers.py networkx|igraph EDGES [--sample K] [--seed S] [--skip ALGO,...]
"""
import argparse
import json
import random
import sys
import time


def run_networkx(path, k, seed, skip):
    import networkx as nx

    res = {"lib": "networkx " + nx.__version__}
    t = time.perf_counter()
    g = nx.read_edgelist(path, nodetype=int, create_using=nx.Graph)
    res["load_s"] = time.perf_counter() - t
    res["nodes"], res["links"] = g.number_of_nodes(), g.number_of_edges()
    if "pagerank" not in skip:
        t = time.perf_counter()
        nx.pagerank(g)
        res["pagerank_s"] = time.perf_counter() - t
    if "betweenness" not in skip:
        t = time.perf_counter()
        nx.betweenness_centrality(g, k=k, seed=seed)
        res["betweenness_s"] = time.perf_counter() - t
    if "louvain" not in skip:
        t = time.perf_counter()
        comms = nx.community.louvain_communities(g, seed=seed)
        res["louvain_s"] = time.perf_counter() - t
        res["louvain_modularity"] = nx.community.modularity(g, comms)
        res["louvain_communities"] = len(comms)
    if "wcc" not in skip:
        t = time.perf_counter()
        res["components"] = nx.number_connected_components(g)
        res["wcc_s"] = time.perf_counter() - t
    return res


def run_igraph(path, k, seed, skip):
    import igraph as ig

    random.seed(seed)
    ig.set_random_number_generator(random)
    res = {"lib": "igraph " + ig.__version__}
    t = time.perf_counter()
    g = ig.Graph.Read_Edgelist(path, directed=False)
    g.simplify()  # one edge per pair, as NetworkX's Graph and shellnet's undirected view
    res["load_s"] = time.perf_counter() - t
    res["nodes"], res["links"] = g.vcount(), g.ecount()
    if "pagerank" not in skip:
        t = time.perf_counter()
        g.pagerank(damping=0.85)  # igraph's default solver, PRPACK
        res["pagerank_s"] = time.perf_counter() - t
        t = time.perf_counter()
        g.pagerank(damping=0.85, implementation="arpack")
        res["pagerank_arpack_s"] = time.perf_counter() - t
    if "betweenness" not in skip:
        sources = random.Random(seed).sample(range(g.vcount()), k)
        t = time.perf_counter()
        g.betweenness(sources=sources, directed=False)
        res["betweenness_s"] = time.perf_counter() - t
    if "louvain" not in skip:
        t = time.perf_counter()
        cl = g.community_multilevel()
        res["louvain_s"] = time.perf_counter() - t
        res["louvain_modularity"] = cl.modularity
        res["louvain_communities"] = len(cl)
    if "wcc" not in skip:
        t = time.perf_counter()
        res["components"] = len(g.connected_components())
        res["wcc_s"] = time.perf_counter() - t
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("lib", choices=["networkx", "igraph"])
    ap.add_argument("edges")
    ap.add_argument("--sample", type=int, default=32)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--skip", default="")
    a = ap.parse_args()
    skip = set(filter(None, a.skip.split(",")))
    run = run_networkx if a.lib == "networkx" else run_igraph
    json.dump(run(a.edges, a.sample, a.seed, skip), sys.stdout)
    print()


if __name__ == "__main__":
    main()
