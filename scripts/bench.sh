#!/usr/bin/env bash
# Benchmarks shellnet's centrality and community algorithms against NetworkX
# and igraph on the same generated network, as the algorithm alone (each
# reads the same edge list into memory, then the clock runs on the
# algorithm) and end to end (shellnet's command from its store, against the
# peer's script reading the edge list and running the algorithm).
#
#   scripts/bench.sh [ENTITIES ...]      default: 100000
#   scripts/bench.sh serve [ENTITIES]    shellnet serve under load; default: 1000000
#   scripts/bench.sh names               name matching only (see below)
#
# The names section scores shellnet's name matching and nomenklatura's
# logic-v2 (the matcher of OpenSanctions' yente, installed from PyPI in
# scripts/bench/data/venv-names) on the labelled pairs of
# graph/names/testdata/namepairs.csv and on the second held-out set
# (namepairs-holdout2.csv): precision, recall and F1 overall, on the dev
# and held-out halves, by kind, script and schema; the pairs are derived
# and logic-v2's scores computed again and compared with the committed
# ones; then the names compared a second and a warm query's latency on a
# 1M-name index.
#
# Environment: SAMPLE (betweenness pivots, default 32), SEED (default 1),
# NX_LOUVAIN_MAX / NX_BETWEENNESS_MAX (largest network on which NetworkX's
# Louvain / sampled betweenness run; defaults 20000 and 100000: at 100k
# entities NetworkX's Louvain takes about 15 minutes), NX_MAX (largest
# network NetworkX loads at all, default 1000000), IGRAPH_LOUVAIN_TIMEOUT
# (seconds igraph's Louvain may take, default 1800).
# Generated data and results go to scripts/bench/data/ (ignored by git).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
data=$root/scripts/bench/data
venv=$root/scripts/bench/.venv
sample=${SAMPLE:-32}
seed=${SEED:-1}
nx_louvain_max=${NX_LOUVAIN_MAX:-20000}
nx_betweenness_max=${NX_BETWEENNESS_MAX:-100000}
nx_max=${NX_MAX:-1000000}
ig_louvain_timeout=${IGRAPH_LOUVAIN_TIMEOUT:-1800}
if [ "${1:-}" = names ]; then
	venv=$data/venv-names
	mkdir -p "$data"
	# the versions that scored the committed pairs (graph/names/testdata/PROVENANCE.md)
	if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import nomenklatura.matching.logic_v2' 2>/dev/null; then
		echo "bench: creating $venv with nomenklatura 4.17.4" >&2
		python3 -m venv "$venv"
		"$venv/bin/pip" install -q nomenklatura==4.17.4 followthemoney==4.11.2
	fi
	# the benchmark and the second held-out set (PROVENANCE.md)
	for set in namepairs namepairs-holdout2; do
		flag=
		[ "$set" = namepairs ] || flag=--second-holdout
		"$venv/bin/python" scripts/bench/namepairs.py $flag >"$data/$set.csv"
		if ! cmp -s "$data/$set.csv" "graph/names/testdata/$set.csv"; then
			echo "bench: the pairs of $set derived again differ from the committed ones; the table below uses the committed pairs" >&2
		fi
		"$venv/bin/python" scripts/bench/logicv2.py "graph/names/testdata/$set.csv" >"$data/$set-logicv2.csv"
		if ! cmp -s "$data/$set-logicv2.csv" "graph/names/testdata/$set-logicv2.csv"; then
			echo "bench: logic-v2 ($("$venv/bin/pip" show nomenklatura | sed -n 's/^Version: //p')) scores of $set differ from the committed ones; the table below uses the committed scores" >&2
		fi
	done
	CGO_ENABLED=0 go test -count=1 -run '^TestNamePairs(Holdout2)?$' -v ./graph/names | sed -n '/pairs, shellnet at/,/^---/p'
	CGO_ENABLED=0 go test -run '^$' -bench 'NamePairs|Similarity$|Search1M' -benchtime 200x ./graph/names | grep '^Benchmark'
	exit 0
fi
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100000)

mkdir -p "$data"

# shellnet serve under load (scripts/loadgen, 127.0.0.1 only): start to
# ready on an existing snapshot, POST /match of one query with one client
# and with 64, GET /neighbourhood of 2 hops capped at 500, POST /screen of
# 10,000 names, and the server's resident memory (anonymous and
# file-backed) when ready and after the runs, beside the bytes of the
# snapshot files it read. Results in
# scripts/bench/data/serve-N/serve.jsonl.
if [ "${1:-}" = serve ]; then
	n=${2:-1000000}
	dir=$data/serve-$n
	url=http://127.0.0.1:${SERVE_PORT:-18765}
	mkdir -p "$dir"
	go build -o "$data/shellnet" ./cmd/shellnet
	go build -o "$data/loadgen" ./scripts/loadgen
	[ -s "$dir/entities.csv" ] || "$data/shellnet" generate --entities "$n" --out "$dir" >&2
	[ -s "$dir/store.db" ] || "$data/shellnet" ingest --quiet --store "$dir/store.db" "$dir/entities.csv" "$dir/links.csv"
	pid=
	stop() { if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi; }
	trap stop EXIT
	# serve starts the server, waits until it is ready, and sets ready_s
	serve() {
		local t0 t1
		t0=$(date +%s.%N)
		"$data/shellnet" serve --quiet --store "$dir/store.db" --addr "${url#http://}" &
		pid=$!
		until curl -sf "$url/readyz" >/dev/null; do sleep 0.02; done
		t1=$(date +%s.%N)
		ready_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
	}
	serve # the first start after a load writes the snapshot
	stop
	serve
	echo "{\"start_to_ready_s\": $ready_s, \"load_average\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >"$dir/serve.jsonl"
	# memory: the resident set, anonymous and file-backed, against the
	# bytes of the snapshot files the server read (from /metrics)
	memory() {
		curl -sf "$url/metrics" | awk -v at="$1" -v hwm="$(awk '/VmHWM/ { print $2 * 1024 }' "/proc/$pid/status")" '
			/^shellnet_snapshot_bytes / { snap = $2 }
			/^shellnet_resident_bytes\{kind="anon"\}/ { anon = $2 }
			/^shellnet_resident_bytes\{kind="file"\}/ { file = $2 }
			/^shellnet_memory_limit_bytes / { limit = $2 }
			END { printf "{\"memory\": \"%s\", \"snapshot_bytes\": %d, \"rss_anon_bytes\": %d, \"rss_file_bytes\": %d, \"peak_rss_bytes\": %d, \"memory_limit_bytes\": %d, \"anon_per_snapshot\": %.2f, \"rss_per_snapshot\": %.2f}\n", at, snap, anon, file, hwm, limit, anon / snap, (anon + file) / snap }'
	}
	# ready to answer, then settled: the build's garbage returned to the
	# system and the memory limit set
	for _ in $(seq 250); do curl -sf "$url/metrics" | grep -q '^shellnet_memory_limit_bytes' && break; sleep 0.02; done
	memory ready >>"$dir/serve.jsonl"
	lg() { "$data/loadgen" -url "$url" -entities "$dir/entities.csv" "$@" >>"$dir/serve.jsonl"; }
	lg -scenario match -n 2000 -c 1
	lg -scenario match -n 20000 -c 64
	lg -scenario neighbourhood -n 1000 -c 1 -hops 2 -limit 500
	lg -scenario screen -n 1 -c 1 -batch 10000 -duration 2m
	memory "after the runs" >>"$dir/serve.jsonl"
	echo "{\"load_average\": \"$(cut -d' ' -f1-3 /proc/loadavg)\"}" >>"$dir/serve.jsonl"
	stop
	cat "$dir/serve.jsonl"
	exit 0
fi
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import networkx, igraph, scipy' 2>/dev/null; then
	echo "bench: creating $venv with networkx 3.6.1, scipy and igraph" >&2
	python3 -m venv "$venv"
	"$venv/bin/pip" install -q 'networkx==3.6.1' scipy numpy igraph
fi
py=$venv/bin/python
go build -o "$data/shellnet" ./cmd/shellnet
go build -o "$data/shellbench" ./scripts/bench/shellbench

# seconds runs a command and prints its wall time in seconds.
seconds() {
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", b - a }'
}

for n in "${sizes[@]}"; do
	dir=$data/$n
	if [ ! -s "$dir/edges.txt" ]; then
		"$data/shellbench" generate -n "$n" -k 5 -seed "$seed" -out "$dir"
	fi
	echo "== $n entities: $(wc -l <"$dir/edges.txt") links; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2

	# the algorithm alone
	"$data/shellbench" algo -sample "$sample" -seed "$seed" "$dir/edges.txt" >"$dir/shellnet.json"
	"$py" scripts/bench/peers.py igraph "$dir/edges.txt" --sample "$sample" --seed "$seed" --skip louvain >"$dir/igraph.json"
	# igraph 1.0's multilevel grows faster than linearly here (CPU seconds:
	# 10k 0.35, 40k 5.4, 100k 43, 200k 213, 1M 2,374), so it runs on its own,
	# with a limit (raise IGRAPH_LOUVAIN_TIMEOUT to 3000 or more for 1M on an
	# idle machine); its Leiden runs with the rest
	if ! timeout "$ig_louvain_timeout" "$py" scripts/bench/peers.py igraph "$dir/edges.txt" --seed "$seed" \
		--skip pagerank,betweenness,wcc,leiden >"$dir/igraph-louvain.json"; then
		echo "{\"louvain_timeout_s\": $ig_louvain_timeout}" >"$dir/igraph-louvain.json"
	fi
	skip=""
	[ "$n" -le "$nx_louvain_max" ] || skip+="louvain,"
	[ "$n" -le "$nx_betweenness_max" ] || skip+="betweenness,"
	if [ "$n" -le "$nx_max" ]; then
		"$py" scripts/bench/peers.py networkx "$dir/edges.txt" --sample "$sample" --seed "$seed" --skip "$skip" >"$dir/networkx.json"
	else
		echo '{"lib": "networkx (skipped)"}' >"$dir/networkx.json"
	fi

	# end to end: load the store once, then each command from the store
	store=$dir/store.db
	how=shellnet-ingest
	if [ ! -s "$store" ]; then
		rm -f "$store"*
		if "$data/shellnet" ingest --help >/dev/null 2>&1; then
			load=$(seconds "$data/shellnet" ingest --quiet --store "$store" "$dir/entities.csv" "$dir/links.csv")
		else
			how=direct-upserts
			load=$(seconds "$data/shellbench" store -store "$store" "$dir")
		fi
		echo "{\"load_s\": $load, \"how\": \"$how\"}" >"$dir/store.json"
	fi
	sn() { seconds "$data/shellnet" "$@" --store "$store" --quiet --format json; }
	pagerank=$(sn centrality --algo pagerank --top 10)
	pagerank_warm=$(sn centrality --algo pagerank --top 10)
	betweenness=$(sn centrality --algo betweenness --sample "$sample" --seed "$seed" --top 10)
	louvain=$(sn communities --algo louvain --seed "$seed" --top 5)
	wcc=$(sn communities --algo wcc --top 5)
	modularity=$("$data/shellnet" communities --store "$store" --quiet --format json --algo louvain --seed "$seed" --top 1 |
		"$py" -c 'import json,sys; print(json.load(sys.stdin)["modularity"])')
	cat >"$dir/e2e.json" <<-JSON
		{"pagerank_s": $pagerank, "pagerank_warm_s": $pagerank_warm, "betweenness_s": $betweenness,
		 "louvain_s": $louvain, "wcc_s": $wcc, "louvain_modularity": $modularity}
	JSON
done

"$py" scripts/bench/table.py "$data" "${sizes[@]}"
