#!/usr/bin/env bash
# Builds the web app that shellnet serve embeds, from the npm packages
# pinned in cmd/shellnet/internal/server/web/package-lock.json, into
# cmd/shellnet/internal/server/web/dist (committed, so that go install needs
# no Node). The bundle is reproducible: the same lockfile and sources give
# the same bytes.
#
#   scripts/web.sh           # npm ci, then bundle into dist/
#   scripts/web.sh --check   # bundle into a temporary folder; fail if dist/ differs
set -euo pipefail
cd "$(dirname "$0")/../cmd/shellnet/internal/server/web"

check=false
case "${1:-}" in
--check) check=true ;;
"") ;;
*) echo "usage: scripts/web.sh [--check]" >&2; exit 2 ;;
esac

npm ci --no-audit --no-fund --loglevel=error

out=dist
if $check; then
	out=$(mktemp -d)
	trap 'rm -rf "$out"' EXIT
fi
mkdir -p "$out"
opts=(--bundle --format=esm --minify --target=es2022 --legal-comments=eof --charset=utf8 --log-level=warning)
./node_modules/.bin/esbuild src/main.js "${opts[@]}" --outfile="$out/app.js"
./node_modules/.bin/esbuild src/layout-worker.js "${opts[@]}" --outfile="$out/layout.js"
cp index.html style.css favicon.svg "$out/"

if $check; then
	if ! diff -r "$out" dist >/dev/null; then
		diff -r "$out" dist | head -20 >&2 || true
		echo "scripts/web.sh --check: web/dist differs from a build of web/src: run scripts/web.sh and commit dist/" >&2
		exit 1
	fi
	echo "web/dist is the build of web/src"
fi
