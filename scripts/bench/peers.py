#!/usr/bin/env python3
"""Times NetworkX or igraph on the edge list that shellbench generated, as
shellnet's scripts/bench.sh compares them: read and build the graph, then
PageRank, sampled betweenness, Louvain (with its modularity), for igraph
also Leiden on modularity, and connected components. Prints one JSON
object.

    peers.py networkx|igraph EDGES [--sample K] [--seed S] [--skip ALGO,...]
"""
import argparse
import json
import random
import sys
import time


class clock:
    """Wall and CPU seconds of a block: res[key] and res[key_cpu]."""

    def __init__(self, res, key):
        self.res, self.key = res, key

    def __enter__(self):
        self.w, self.c = time.perf_counter(), time.process_time()

    def __exit__(self, *exc):
        self.res[self.key + "_s"] = time.perf_counter() - self.w
        self.res[self.key + "_cpu_s"] = time.process_time() - self.c


def run_networkx(path, k, seed, skip):
    import networkx as nx

    res = {"lib": "networkx " + nx.__version__}
    with clock(res, "load"):
        g = nx.read_edgelist(path, nodetype=int, create_using=nx.Graph)
    res["nodes"], res["links"] = g.number_of_nodes(), g.number_of_edges()
    if "pagerank" not in skip:
        with clock(res, "pagerank"):
            nx.pagerank(g)
    if "betweenness" not in skip:
        with clock(res, "betweenness"):
            nx.betweenness_centrality(g, k=k, seed=seed)
    if "louvain" not in skip:
        with clock(res, "louvain"):
            comms = nx.community.louvain_communities(g, seed=seed)
        res["louvain_modularity"] = nx.community.modularity(g, comms)
        res["louvain_communities"] = len(comms)
    if "wcc" not in skip:
        with clock(res, "wcc"):
            res["components"] = nx.number_connected_components(g)
    return res


def run_igraph(path, k, seed, skip):
    import igraph as ig

    # igraph's own C generator: python-igraph's default, Python's random
    # module, makes its Louvain 2-3 times slower (40k nodes: 13 s against 5 s)
    ig.set_random_number_generator(None)
    res = {"lib": "igraph " + ig.__version__}
    with clock(res, "load"):
        g = ig.Graph.Read_Edgelist(path, directed=False)
        g.simplify()  # one edge per pair, as NetworkX's Graph and shellnet's undirected view
    res["nodes"], res["links"] = g.vcount(), g.ecount()
    if "pagerank" not in skip:
        with clock(res, "pagerank"):
            g.pagerank(damping=0.85)  # igraph's default solver, PRPACK
        with clock(res, "pagerank_arpack"):
            g.pagerank(damping=0.85, implementation="arpack")
    if "betweenness" not in skip:
        sources = random.Random(seed).sample(range(g.vcount()), k)
        with clock(res, "betweenness"):
            g.betweenness(sources=sources, directed=False)
    if "louvain" not in skip:
        with clock(res, "louvain"):
            cl = g.community_multilevel()
        res["louvain_modularity"] = cl.modularity
        res["louvain_communities"] = len(cl)
    if "leiden" not in skip:
        # igraph's other modularity optimiser, with its default two
        # iterations: a reference that stays fast where its Louvain does
        # not (its time grows as n^2.3 on these networks: 40 CPU-minutes
        # at 1M)
        with clock(res, "leiden"):
            cl = g.community_leiden(objective_function="modularity", n_iterations=2)
        res["leiden_modularity"] = g.modularity(cl.membership)
        res["leiden_communities"] = len(cl)
    if "wcc" not in skip:
        with clock(res, "wcc"):
            res["components"] = len(g.connected_components())
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
