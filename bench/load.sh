#!/bin/sh
# bench/load.sh - loading a collection: `folio --list DIR` beside `cat` of the
# same files and the readall floor (../shared/bench/readall.c), in one run.
#
#   bench/load.sh FOLIO DIR [DIR...]
#
# FOLIO is the built binary (e.g. build/plain/folio).  Each DIR is a
# collection from ../shared/corpus/make-corpus.  Reports hyperfine's mean
# time for each command and the peak RSS (GNU time) of each, and the ratios
# folio/cat and folio/readall.  Page cache warm (hyperfine --warmup).
set -eu
[ $# -ge 2 ] || { echo "usage: bench/load.sh FOLIO DIR [DIR...]" >&2; exit 2; }
folio=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
shared=${FOLIO_SHARED:-$here/../../shared}
[ -f "$shared/bench/readall.c" ] || shared=/work/shared
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cc -O2 -o "$tmp/readall" "$shared/bench/readall.c"

rss() {	# peak RSS in MB of a command
	/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1 | awk '{ printf "%.0f", $1 / 1024 }'
}

for dir in "$@"; do
	bytes=$(du -sb --apparent-size "$dir" | cut -f1)
	files=$(find "$dir" -type f | wc -l)
	echo "== $dir: $files files, $((bytes / 1000000)) MB"
	hyperfine -N --warmup 2 --runs 5 --export-json "$tmp/h.json" \
		-n readall "$tmp/readall $dir" \
		-n cat "sh -c 'find $dir -type f -print0 | xargs -0 cat >/dev/null'" \
		-n "folio --list" "$folio --list $dir" >/dev/null
	python3 - "$tmp/h.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
f = r["folio --list"]["mean"]
for name in ("readall", "cat", "folio --list"):
    x = r[name]
    print("  %-13s %8.1f ms  (+/- %.1f)" % (name, x["mean"] * 1e3, x["stddev"] * 1e3))
print("  folio/cat = %.2f   folio/readall = %.2f" % (f / r["cat"]["mean"], f / r["readall"]["mean"]))
PY
	fr=$(rss "$folio" --list "$dir")
	echo "  peak RSS: folio --list $fr MB, readall $(rss "$tmp/readall" "$dir") MB; " \
		"folio / collection bytes = $(echo "$fr $bytes" | awk '{ printf "%.2f", $1 * 1048576 / $2 }')"
done
