#!/usr/bin/env bash
# A Neo4j 5 Community server for shellnet's tests and local use, embedded in a
# small Java 17 launcher (scripts/neo4j-launcher), listening for Bolt on
# 127.0.0.1 only.
#
#   scripts/neo4j.sh start [--auth] [--port N]  # build if needed, start, wait for Bolt,
#                                               # print NEO4J_URI=… (and credentials with --auth)
#   scripts/neo4j.sh stop                       # SIGTERM, wait for a clean shutdown
#   scripts/neo4j.sh status                     # running? prints the NEO4J_* lines again
#   scripts/neo4j.sh build                      # build the launcher; prints the jar's path
#
# Its pid file, log and data live in $SHELLNET_NEO4J_DIR (default: .neo4j/ at
# the repository's root), so a second server can run beside the first with
# another folder. With --auth the password of user neo4j is $NEO4J_PASSWORD,
# or a random one (kept in the folder's env file, mode 600) if that is unset.
# Environment: NEO4J_HEAP (default 2g), NEO4J_PAGECACHE (default 256m),
# NEO4J_GC (default "-XX:+UseParallelGC -XX:NewRatio=1"), NEO4J_JAVA_OPTS
# (more JVM options), NEO4J_SETTINGS (Neo4j settings by their neo4j.conf
# names, NAME=VALUE separated by spaces; default
# db.tx_state.memory_allocation=OFF_HEAP), NEO4J_START_TIMEOUT seconds
# (default 180).
#
# The defaults are tuned for bulk loads (graph/neo4j's BenchmarkUpsert,
# 100k entities + 500k links on 2 cores): the throughput collector with a
# young generation of half the heap, and transaction state off the heap,
# took 40-43 µs of server CPU per record where G1 with a 1 GB heap took
# 46-54 µs. The same settings suit a server that mostly ingests; one that
# mostly answers interactive queries is better served by G1's short pauses.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LAUNCHER_DIR="$ROOT/scripts/neo4j-launcher"
JAR="$LAUNCHER_DIR/target/neo4j-launcher.jar"
DIR=${SHELLNET_NEO4J_DIR:-$ROOT/.neo4j}
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
PIDFILE="$DIR/neo4j.pid"
LOG="$DIR/neo4j.log"
ENVFILE="$DIR/env"

die() { echo "neo4j.sh: $*" >&2; exit 1; }

need_java() {
	command -v java >/dev/null 2>&1 ||
		die "java not found: install a Java 17 runtime (Debian: apt-get install openjdk-17-jdk-headless) to run the Neo4j test server"
}

# build compiles the launcher when its jar is missing or older than its
# sources. Maven works offline once ~/.m2 holds the dependencies.
build() {
	local stale=0
	if [ ! -f "$JAR" ] || [ ! -d "$LAUNCHER_DIR/target/lib" ]; then
		stale=1
	elif [ -n "$(find "$LAUNCHER_DIR/pom.xml" "$LAUNCHER_DIR/src" -newer "$JAR" -print -quit)" ]; then
		stale=1
	fi
	[ "$stale" = 1 ] || return 0
	command -v mvn >/dev/null 2>&1 ||
		die "mvn not found: install Maven (Debian: apt-get install maven) to build the Neo4j launcher"
	echo "neo4j.sh: building the launcher with Maven (the first build downloads Neo4j, ~130 MB)" >&2
	local mlog="$DIR/maven.log"
	mkdir -p "$DIR"
	if ! (cd "$LAUNCHER_DIR" && mvn -B -q -o package -DskipTests >"$mlog" 2>&1); then
		(cd "$LAUNCHER_DIR" && mvn -B -q package -DskipTests >"$mlog" 2>&1) || {
			tail -n 40 "$mlog" >&2
			die "the Maven build of $LAUNCHER_DIR failed (log: $mlog)"
		}
	fi
	[ -f "$JAR" ] || die "the Maven build left no $JAR"
}

running_pid() {
	[ -f "$PIDFILE" ] || return 1
	local pid
	pid=$(cat "$PIDFILE")
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
	echo "$pid"
}

start() {
	local auth=0 port=0
	while [ $# -gt 0 ]; do
		case "$1" in
		--auth) auth=1 ;;
		--port) port=${2:?--port needs a value}; shift ;;
		*) die "start: unknown option $1 (use --auth, --port N)" ;;
		esac
		shift
	done
	need_java
	mkdir -p "$DIR"
	if pid=$(running_pid); then
		echo "neo4j.sh: already running (pid $pid, $DIR)" >&2
		cat "$ENVFILE"
		return 0
	fi
	build
	local password=""
	local -a args=(--data "$DIR/data" --port "$port" --pagecache "${NEO4J_PAGECACHE:-256m}")
	local setting
	for setting in ${NEO4J_SETTINGS-db.tx_state.memory_allocation=OFF_HEAP}; do
		args+=(--setting "$setting")
	done
	if [ "$auth" = 1 ]; then
		password=${NEO4J_PASSWORD:-}
		if [ -z "$password" ]; then
			password=$(od -An -N18 -tx1 /dev/urandom | tr -d ' \n')
		fi
		args+=(--auth)
	fi
	: >"$LOG"
	# setsid: the server outlives the shell that started it and gets no
	# terminal signals; it stops on SIGTERM (scripts/neo4j.sh stop).
	# tryReflectionSetAccessible: Netty's direct buffers, as Neo4j's own
	# start script sets it.
	# shellcheck disable=SC2086 # NEO4J_GC and NEO4J_JAVA_OPTS are lists of options
	NEO4J_PASSWORD="$password" setsid java -Xms256m -Xmx"${NEO4J_HEAP:-2g}" ${NEO4J_GC--XX:+UseParallelGC -XX:NewRatio=1} \
		-Dio.netty.tryReflectionSetAccessible=true ${NEO4J_JAVA_OPTS:-} \
		-jar "$JAR" "${args[@]}" >>"$LOG" 2>&1 </dev/null &
	local pid=$!
	echo "$pid" >"$PIDFILE"
	local timeout=${NEO4J_START_TIMEOUT:-180} waited=0 line=""
	while :; do
		line=$(grep -m1 '^READY ' "$LOG" || true)
		[ -n "$line" ] && break
		if ! kill -0 "$pid" 2>/dev/null; then
			rm -f "$PIDFILE"
			echo "neo4j.sh: the server exited during start; last lines of $LOG:" >&2
			tail -n 30 "$LOG" >&2
			exit 1
		fi
		if [ "$waited" -ge $((timeout * 5)) ]; then
			echo "neo4j.sh: Bolt did not answer within ${timeout}s; last lines of $LOG:" >&2
			tail -n 30 "$LOG" >&2
			kill -TERM "$pid" 2>/dev/null || true
			rm -f "$PIDFILE"
			exit 1
		fi
		sleep 0.2
		waited=$((waited + 1))
	done
	port=$(sed -n 's/^READY port=\([0-9]*\).*/\1/p' <<<"$line")
	umask 077
	{
		echo "NEO4J_URI=bolt://127.0.0.1:$port"
		if [ "$auth" = 1 ]; then
			echo "NEO4J_USERNAME=neo4j"
			echo "NEO4J_PASSWORD=$password"
		fi
	} >"$ENVFILE"
	cat "$ENVFILE"
}

stop() {
	local pid
	if ! pid=$(running_pid); then
		rm -f "$PIDFILE"
		echo "neo4j.sh: not running ($DIR)" >&2
		return 0
	fi
	kill -TERM "$pid"
	local i
	for i in $(seq 1 600); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2>/dev/null; then
		echo "neo4j.sh: pid $pid did not stop within 60s; killing it" >&2
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$PIDFILE" "$ENVFILE"
	echo "neo4j.sh: stopped ($DIR)" >&2
}

status() {
	local pid
	if pid=$(running_pid); then
		echo "neo4j.sh: running (pid $pid, $DIR)" >&2
		cat "$ENVFILE" 2>/dev/null || true
		return 0
	fi
	echo "neo4j.sh: not running ($DIR)" >&2
	return 1
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
start) start "$@" ;;
stop) stop ;;
status) status ;;
build) need_java; build; echo "$JAR" ;;
*) echo "usage: scripts/neo4j.sh start [--auth] [--port N] | stop | status | build" >&2; exit 2 ;;
esac
