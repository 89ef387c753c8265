#!/usr/bin/env bash
# The one test command: vet, every test (Neo4j included, against a real
# server started here), and a short run of every fuzz target.
#
#   scripts/test.sh              # everything
#   FUZZTIME=200000x scripts/test.sh # longer fuzzing
#
# In CI (CI=1) the Neo4j and Chromium tests must run; elsewhere they skip with
# a message when Java or Chromium is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
export CGO_ENABLED=0
# Fuzzing budgets count executions, not seconds: a duration races Go 1.26's
# fuzz coordinator on a loaded machine and fails with "context deadline
# exceeded" and no crasher (golang/go#75804, fixed in Go 1.27).
FUZZTIME=${FUZZTIME:-5000x}

echo "== go vet"
go vet ./...

echo "== gofmt"
unformatted=$(gofmt -l cmd graph ingest analysis fixtures scripts 2>/dev/null || true)
if [ -n "$unformatted" ]; then
	echo "not gofmt'ed:"; echo "$unformatted"; exit 1
fi

if command -v node >/dev/null 2>&1; then
	echo "== web bundle"; scripts/web.sh --check
elif [ "${CI:-}" != "" ]; then
	echo "CI needs Node.js for the web bundle check (apt-get install nodejs npm)"; exit 1
else
	echo "== web bundle: skipped (Node.js not found)"
fi

stop_neo4j() {
	scripts/neo4j.sh stop >/dev/null 2>&1 || true
	SHELLNET_NEO4J_DIR=.neo4j-screen scripts/neo4j.sh stop >/dev/null 2>&1 || true
}
if command -v java >/dev/null 2>&1 && [ -x scripts/neo4j.sh ]; then
	echo "== starting Neo4j test server"
	trap stop_neo4j EXIT
	env_lines=$(scripts/neo4j.sh start)
	echo "$env_lines"
	while IFS= read -r line; do
		case "$line" in NEO4J_*=*) export "${line?}" ;; esac
	done <<<"$env_lines"
	# screening's Neo4j test empties its database: it gets a server of its
	# own, on a fresh database each run (the audit tests below leave their
	# records in it, which screening's test would take for someone else's)
	SHELLNET_NEO4J_DIR=.neo4j-screen scripts/neo4j.sh stop >/dev/null 2>&1 || true
	rm -rf .neo4j-screen/data
	screen_env=$(SHELLNET_NEO4J_DIR=.neo4j-screen scripts/neo4j.sh start)
	SHELLNET_SCREEN_NEO4J_URI=$(sed -n 's/^NEO4J_URI=//p' <<<"$screen_env")
	export SHELLNET_SCREEN_NEO4J_URI
	if [ "${CI:-}" != "" ]; then export SHELLNET_REQUIRE_NEO4J=1; fi
else
	echo "== Java not found: Neo4j tests will skip (install Java 17 and Maven to run them)"
	if [ "${CI:-}" != "" ]; then echo "CI needs Java for the Neo4j tests"; exit 1; fi
fi
if [ "${CI:-}" != "" ]; then export SHELLNET_REQUIRE_CHROMIUM=1; fi

echo "== go test"
go test -count=1 -timeout 30m ./...
if [ -n "${SHELLNET_SCREEN_NEO4J_URI:-}" ]; then
	# the compliance record on Neo4j empties its database too: it runs
	# once screening's tests are over, on the same server
	echo "== go test ./analysis/audit on Neo4j"
	SHELLNET_AUDIT_NEO4J_URI=$SHELLNET_SCREEN_NEO4J_URI go test -count=1 -timeout 10m ./analysis/audit
fi

echo "== fuzz targets (${FUZZTIME} each)"
grep -rl --include='*_test.go' -E '^func Fuzz[A-Za-z0-9_]+\(' cmd graph ingest analysis fixtures 2>/dev/null | sort | while read -r file; do
	pkg="./$(dirname "$file")"
	grep -oE '^func Fuzz[A-Za-z0-9_]+' "$file" | sed 's/^func //' | while read -r target; do
		echo "-- $pkg $target"
		go test -run='^$' -fuzz="^${target}\$" -fuzztime="$FUZZTIME" "$pkg" >/tmp/shellnet-fuzz.log 2>&1 || { cat /tmp/shellnet-fuzz.log; exit 1; }
	done
done

echo "== all tests passed"
