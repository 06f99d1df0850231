#!/bin/sh
# bench/related.sh - related-paragraph lookups beside the "more like this"
# of SQLite FTS5 and Xapian (../shared/bench/fts5-mlt, xapian-mlt), on the
# same paragraphs, in one run.
#
#   bench/related.sh [-n LOOKUPS] [-m ENGINE_LOOKUPS] DIR...
#
# Run it from a build tree (or set BUILD) after `make bench/related`.  For
# each DIR (a make-corpus collection) it:
#   1. builds folio's engine and times LOOKUPS lookups of paragraphs drawn
#      at random (bench/related: build time and memory; per-lookup median,
#      p90, p99, worst);
#   2. dumps the paragraphs once (paras-dump) and builds the FTS5 and Xapian
#      databases once, timing each build, in $BENCH_CACHE (default
#      /tmp/folio-bench-cache; kept between runs: they take minutes at
#      100,000 articles; a database put there by hand is used untimed);
#   3. runs fts5-mlt and xapian-mlt on the first ENGINE_LOOKUPS (default
#      200) of the same paragraphs; they report their median and worst
#      in-process times (fts5-mlt's choice of terms scans the vocabulary,
#      seconds a paragraph at 100,000 articles: its query time is the
#      figure to compare).
# Needs python3, sqlite3, xapian-omega (scriptindex) and python3-xapian.
# Environment: BUILD, BENCH_CACHE, SHARED (../shared).
set -eu

n=1000
m=200
while getopts n:m: opt; do
	case $opt in
	n) n=$OPTARG ;;
	m) m=$OPTARG ;;
	*) echo "usage: $0 [-n LOOKUPS] [-m ENGINE_LOOKUPS] DIR..." >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "usage: $0 [-n LOOKUPS] [-m ENGINE_LOOKUPS] DIR..." >&2; exit 2; }

here=$(cd "$(dirname "$0")" && pwd)
build=${BUILD:-.}
shared=${SHARED:-$here/../../shared}
[ -d "$shared/bench" ] || shared=/work/shared
cache=${BENCH_CACHE:-/tmp/folio-bench-cache}
drv=$build/bench/related
[ -x "$drv" ] || { echo "$0: no $drv (make bench/related)" >&2; exit 2; }
for t in python3 sqlite3 scriptindex /usr/bin/python3; do
	command -v "$t" >/dev/null || { echo "$0: needs $t" >&2; exit 2; }
done
mkdir -p "$cache"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

ms() {	# run a command, print its wall time in ms
	s=$(date +%s%N)
	"$@" >/dev/null
	echo $(( ($(date +%s%N) - s) / 1000000 ))
}

for dir in "$@"; do
	dir=$(cd "$dir" && pwd)
	base=$(basename "$dir")
	bytes=$(du -sb --apparent-size "$dir" | cut -f1)
	echo "== $dir: $(find "$dir" -type f | wc -l) articles," \
	    "$((bytes / 1000000)) MB; load average $(cut -d' ' -f1-3 /proc/loadavg)"

	# 1. folio
	"$drv" -n "$n" -o "$tmp/sample" "$dir" | sed 's/^/  folio: /'

	# 2. the other engines' databases, built once
	c=$cache/$base
	if [ ! -s "$c.sqlite.dump" ]; then
		"$shared/bench/paras-dump" sqlite "$dir" >"$c.sqlite.dump.tmp"
		mv "$c.sqlite.dump.tmp" "$c.sqlite.dump"
	fi
	if [ ! -s "$c.fts5.db" ]; then
		ms "$shared/bench/fts5-build" "$c.fts5.db.tmp" "$c.sqlite.dump" \
		    >"$c.fts5.ms"
		mv "$c.fts5.db.tmp" "$c.fts5.db"
	fi
	if [ ! -d "$c.xapian" ]; then
		[ -s "$c.xapian.dump" ] ||
		    "$shared/bench/paras-dump" xapian "$dir" >"$c.xapian.dump"
		rm -rf "$c.xapian.tmp"
		ms scriptindex "$c.xapian.tmp" "$shared/bench/xapian-paras.script" \
		    "$c.xapian.dump" >"$c.xapian.ms"
		rm -rf "$c.xapian"
		mv "$c.xapian.tmp" "$c.xapian"
	fi
	echo "  build: FTS5 $(cat "$c.fts5.ms" 2>/dev/null || echo ?) ms," \
	    "$(($(stat -L -c %s "$c.fts5.db") / 1000000)) MB;" \
	    "Xapian $(cat "$c.xapian.ms" 2>/dev/null || echo ?) ms," \
	    "$(($(du -sbL "$c.xapian" | cut -f1) / 1000000)) MB" \
	    "(from the paragraph dump, built once in $cache; ? = not timed" \
	    "here)"

	# 3. the same paragraphs: record numbers of the dump (= FTS5 rowid,
	# Xapian document id)
	python3 - "$c.sqlite.dump" "$tmp/sample" >"$tmp/ids" <<'PY'
import sys
want = set()
for line in open(sys.argv[2], encoding="utf-8"):
    name, para = line.rstrip("\n").split("\t")
    want.add((name, para))
ids = {}
with open(sys.argv[1], "rb") as f:
    data = f.read()
for rowid, rec in enumerate(data.split(b"\x1e")[:-1], 1):
    body, art, para = rec.split(b"\x1f")
    key = (art.decode("utf-8", "replace"), para.decode())
    if key in want:
        ids[key] = rowid
missing = [k for k in want if k not in ids]
if missing:
    sys.stderr.write("related.sh: %d paragraphs not in the dump, e.g. %s\n" % (len(missing), missing[0]))
    sys.exit(1)
print(" ".join(str(ids[(n, p)]) for n, p in (l.rstrip("\n").split("\t") for l in open(sys.argv[2], encoding="utf-8"))))
PY
	tr ' ' '\n' <"$tmp/ids" | head -n "$m" | tr '\n' ' ' >"$tmp/ids.m"
	echo "  the other engines, on the first $m of the same paragraphs:"
	# shellcheck disable=SC2046
	python3 "$shared/bench/fts5-mlt" "$c.fts5.db" $(cat "$tmp/ids.m") 2>&1 |
	    sed 's/^/  /'
	# shellcheck disable=SC2046
	/usr/bin/python3 "$shared/bench/xapian-mlt" "$c.xapian" $(cat "$tmp/ids.m") 2>&1 |
	    sed 's/^/  /'
done
