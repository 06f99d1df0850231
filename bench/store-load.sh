#!/bin/sh
# bench/store-load.sh - time load_paths() beside the tools a user would
# otherwise reach for, on the same files, in one run (the store alone;
# bench/load.sh measures folio --list).
#
#   bench/store-load.sh [-n RUNS] DIR...
#
# For each DIR it measures, RUNS times each in rotation (best time kept,
# with that run's peak RSS):
#   readall   the floor: read every file, parse nothing (../shared/bench/readall.c)
#   cat       find DIR -type f -print0 | xargs -0 cat >/dev/null
#   load      load_paths() through bench/load (walk, read, decode, parse)
#   folio     folio --list DIR >/dev/null   (when $FOLIO names a binary)
# and prints the ratios to readall and cat, and the load's peak RSS over
# the collection's bytes.  Run it from a build tree (or set BUILD); the page
# cache is warmed first, so the figures are for a warm cache.
#
# Environment: BUILD (build tree, default .), READALL_SRC (readall.c),
# FOLIO (a folio binary), CC.
set -eu

runs=3
while getopts n: opt; do
	case $opt in
	n) runs=$OPTARG ;;
	*) echo "usage: $0 [-n RUNS] DIR..." >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-n RUNS] DIR..." >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD:-.}
readall_src=${READALL_SRC:-$here/../../shared/bench/readall.c}
[ -x /usr/bin/time ] || { echo "$0: needs GNU time (/usr/bin/time)" >&2; exit 2; }
[ -f "$readall_src" ] || { echo "$0: no readall.c (set READALL_SRC)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
${CC:-cc} -O2 -o "$tmp/readall" "$readall_src"
make -C "$build" -s bench/load >/dev/null
load=$(cd "$build" && pwd)/bench/load

# run LABEL CMD...: one timed run; appends "LABEL SECONDS KB" to $tmp/runs
run() {
	label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err" ||
	    { echo "$0: $label failed:" >&2; cat "$tmp/err" >&2; exit 1; }
	echo "$label $(tail -n 1 "$tmp/t")" >>"$tmp/runs"
}

for dir in "$@"; do
	: >"$tmp/runs"
	bytes=$("$tmp/readall" "$dir" | sed 's/.*files, \([0-9]*\) bytes/\1/')
	files=$("$tmp/readall" "$dir" | sed 's/ files.*//')
	"$load" "$dir" >/dev/null 2>&1	# warm up
	i=0
	while [ $i -lt "$runs" ]; do
		run readall "$tmp/readall" "$dir"
		run cat sh -c 'find "$1" -type f -print0 | xargs -0 cat >/dev/null' \
		    sh "$dir"
		run load "$load" "$dir"
		[ -n "${FOLIO:-}" ] && run folio "$FOLIO" --list "$dir"
		i=$((i + 1))
	done
	echo "$dir: $files files, $bytes bytes, best of $runs runs"
	awk -v bytes="$bytes" '
	{ if (!($1 in best) || $2 < best[$1]) { best[$1] = $2; rss[$1] = $3 }
	  if (!($1 in seen)) { seen[$1] = 1; order[n++] = $1 } }
	END {
		printf "  %-8s %8s %10s %9s %9s %9s\n", "tool", "seconds",
		    "peak RSS", "/readall", "/cat", "RSS/bytes"
		for (i = 0; i < n; i++) {
			t = order[i]
			printf "  %-8s %8.2f %8.0f MB %8.2fx %8.2fx %9.2f\n", t,
			    best[t], rss[t] / 1024, best[t] / best["readall"],
			    best[t] / best["cat"], rss[t] * 1024 / bytes
		}
	}' "$tmp/runs"
done
