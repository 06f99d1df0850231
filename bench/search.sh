#!/bin/sh
# bench/search.sh - folio's search beside grep -rli, SQLite FTS5 and Xapian,
# measured in one run on the same collections (issue 5's budgets).
#
#   bench/search.sh BUILDDIR DIR [DIR...]
#
# BUILDDIR is a configured and built tree (its src/libfolio.a; configure it
# without --enable-debug for -O2).  Each DIR is a collection from
# ../shared/corpus/make-corpus.  For each DIR it reports:
#   - building the index: folio's (load excluded; wall and CPU time of all
#     threads) beside FTS5's and Xapian's builds from the same paragraphs
#     (../shared/bench/paras-dump, fts5-build, xapian-paras.script);
#   - memory: folio's index against the text, and its whole process (store
#     and index) against the collection's bytes;
#   - queries, warm and in-process, median of 21 runs: the ranked top 20 for
#     `national debt` (both words) and `yellow fever`, and the phrases;
#     FTS5 and Xapian answer the same queries (Xapian: AND, phrases quoted)
#     in their own processes (Python, timed around the library call), grep
#     -rli the same words as a string, with hyperfine;
#   - "/" in folio: each query as a pattern (every match counted), and the
#     slowest of its prefixes counted that way (what each key cost before
#     the count waited for typing to pause; a key itself, which shows the
#     first match only, is timed by bench/ui-keys);
#   - regular expressions as "/" takes them (re: queries of search-bench):
#     through the index, narrowed by their literals, beside the same
#     pattern matched against every paragraph, and grep -rliE (-i when
#     the pattern has no uppercase letter, as smart case does) over the
#     files in the same run;
#   - the whole command as --search runs it (load, one scan with the
#     matcher on two threads, no index; the best 20 printed) beside grep -rli.
# The FTS5 and Xapian databases are built once into $SEARCH_BENCH_CACHE
# (default /tmp/search-bench-cache) and reused; delete them to rebuild.
# The machines are shared and noisy: read the ratios, not absolute times.
set -eu
[ $# -ge 2 ] || { echo "usage: bench/search.sh BUILDDIR DIR [DIR...]" >&2; exit 2; }
build=$(realpath "$1"); shift
here=$(cd "$(dirname "$0")" && pwd)
shared=${FOLIO_SHARED:-$here/../../shared}
[ -f "$shared/bench/paras-dump" ] || shared=/work/shared
cache=${SEARCH_BENCH_CACHE:-/tmp/search-bench-cache}
py=/usr/bin/python3	# Debian's, which has python3-xapian
mkdir -p "$cache"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8

# Linked as the build links the model (its formats bring libraries of their
# own): the Makefile says which.
libs=$(cd "$build" && make -s --no-print-directory \
	--eval 'folio-print-libs: ; @echo $(MODEL_LIBS)' folio-print-libs)
# shellcheck disable=SC2086
(cd "$build" && cc -O2 -std=gnu11 -I. -I"$here/../src" \
	-o "$tmp/search-bench" "$here/search-bench.c" $libs)
# regular expressions, each in PCRE2's syntax and grep -E's
re1='nation\w* debt'		re1g='nation[[:alnum:]_]* debt'
re2='yel+ow fever'		re2g=$re2
re3='[0-9]+(\.[0-9]+)? (million|billion)'	re3g=$re3
re4='^The [a-z]+ of'		re4g='^The [a-z]+ of'
re5='\d+%'			re5g='[0-9]+%'

seconds() {	# run a command, print its wall time in seconds
	s=$(date +%s.%N); "$@" >/dev/null; e=$(date +%s.%N)
	echo "$s $e" | awk '{ printf "%.2f", $2 - $1 }'
}

for dir in "$@"; do
	dir=$(realpath "$dir")
	name=$(basename "$dir")
	bytes=$(du -sb --apparent-size "$dir" | cut -f1)
	files=$(find "$dir" -type f | wc -l)
	echo "== $dir: $files files, $((bytes / 1000000)) MB"

	# --- the established engines' databases, built once ---------------
	if [ ! -f "$cache/$name.fts5.times" ]; then
		echo "   (building the FTS5 database once: paras-dump + fts5-build)"
		d=$(seconds sh -c "'$shared/bench/paras-dump' sqlite '$dir' > '$cache/$name.sqlite.dump'")
		b=$(seconds "$shared/bench/fts5-build" "$cache/$name.fts5.db" "$cache/$name.sqlite.dump")
		rm -f "$cache/$name.sqlite.dump"
		echo "$d $b" > "$cache/$name.fts5.times"
	fi
	if [ ! -f "$cache/$name.xapian.times" ]; then
		echo "   (building the Xapian database once: paras-dump + scriptindex)"
		d=$(seconds sh -c "'$shared/bench/paras-dump' xapian '$dir' > '$cache/$name.xapian.dump'")
		rm -rf "$cache/$name.xapian"
		b=$(seconds sh -c "scriptindex '$cache/$name.xapian' '$shared/bench/xapian-paras.script' '$cache/$name.xapian.dump' >/dev/null")
		rm -f "$cache/$name.xapian.dump"
		echo "$d $b" > "$cache/$name.xapian.times"
	fi

	# --- folio, in one process -----------------------------------------
	"$tmp/search-bench" "$dir" 'national debt' 'yellow fever' \
		'"national debt"' '"yellow fever"' "re:$re1" "re:$re2" \
		"re:$re3" "re:$re4" "re:$re5" > "$tmp/folio.txt"

	# --- FTS5 and Xapian, in their own processes ------------------------
	"$py" - "$cache/$name.fts5.db" > "$tmp/fts5.txt" <<'PY'
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1])
for q in ('national debt', 'yellow fever', '"national debt"', '"yellow fever"'):
    sql = "SELECT rowid, bm25(p) FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 20"
    con.execute(sql, (q,)).fetchall()
    ts = []
    for _ in range(21):
        t = time.perf_counter(); con.execute(sql, (q,)).fetchall()
        ts.append((time.perf_counter() - t) * 1e3)
    ts.sort()
    n = con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (q,)).fetchone()[0]
    print("%s\t%.3f\t%d" % (q, ts[10], n))
PY
	"$py" - "$cache/$name.xapian" > "$tmp/xapian.txt" <<'PY'
import sys, time, xapian
db = xapian.Database(sys.argv[1])
qp = xapian.QueryParser(); qp.set_database(db)
qp.set_stemmer(xapian.Stem("english")); qp.set_stemming_strategy(qp.STEM_SOME)
qp.set_default_op(xapian.Query.OP_AND)
for q in ('national debt', 'yellow fever', '"national debt"', '"yellow fever"'):
    def run():
        e = xapian.Enquire(db); e.set_query(qp.parse_query(q, qp.FLAG_PHRASE | qp.FLAG_DEFAULT))
        return e.get_mset(0, 20, 1000000)
    m = run(); ts = []
    for _ in range(21):
        t = time.perf_counter(); e = xapian.Enquire(db)
        e.set_query(qp.parse_query(q, qp.FLAG_PHRASE | qp.FLAG_DEFAULT)); e.get_mset(0, 20)
        ts.append((time.perf_counter() - t) * 1e3)
    ts.sort()
    print("%s\t%.3f\t%d" % (q, ts[10], m.get_matches_estimated()))
PY

	# --- grep, and the whole command ------------------------------------
	hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/grep.json" \
		-n nd "grep -rli 'national debt' $dir" \
		-n yf "grep -rli 'yellow fever' $dir" \
		-n once "$tmp/search-bench -1 $dir 'national debt'" \
		-n re1 "grep -rliE '$re1g' $dir" \
		-n re2 "grep -rliE '$re2g' $dir" \
		-n re3 "grep -rliE '$re3g' $dir" \
		-n re4 "grep -rlE '$re4g' $dir" \
		-n re5 "grep -rliE '$re5g' $dir" >/dev/null 2>&1 || true

	"$py" - "$tmp" "$bytes" "$cache/$name" <<'PY'
import json, sys
tmp, nbytes, cache = sys.argv[1], int(sys.argv[2]), sys.argv[3]
f = {}; ranked = {}; pattern = {}; typing = {}; regex = []
for line in open(tmp + "/folio.txt"):
    k = line.rstrip("\n").split("\t")
    if k[0] == "regex": regex.append(k[1:])
    elif k[0] == "ranked": ranked[k[1]] = (float(k[2]), float(k[3]), int(k[4]))
    elif k[0] == "pattern": pattern[k[1]] = (float(k[2]), int(k[4]), int(k[5]))
    elif k[0] == "typing": typing[k[1]] = (float(k[2]), k[4])
    else: f[k[0]] = float(k[1])
def rows(path):
    r = {}
    for line in open(path):
        q, ms, n = line.rstrip("\n").split("\t"); r[q] = (float(ms), int(n))
    return r
fts, xap = rows(tmp + "/fts5.txt"), rows(tmp + "/xapian.txt")
g = {x["command"]: x["mean"] * 1e3 for x in json.load(open(tmp + "/grep.json"))["results"]}
fb = sum(map(float, open(cache + ".fts5.times").read().split()))
xb = sum(map(float, open(cache + ".xapian.times").read().split()))
print("  index build: folio %.2f s (CPU %.2f s on all threads; load %.2f s before it)"
      % (f["build_s"], f["build_cpu_s"], f["load_s"]))
print("               FTS5 %.1f s, Xapian %.1f s (paras-dump included)  ->  FTS5/folio %.1fx, Xapian/folio %.1fx"
      % (fb, xb, fb / f["build_s"], xb / f["build_s"]))
print("  memory: index %.1f MB = %.2fx the text (%.1f MB); process peak %.0f MB = %.2fx the files"
      % (f["index_bytes"] / 1e6, f["index_bytes"] / f["text_bytes"], f["text_bytes"] / 1e6,
         f["peak_rss_mb"], f["peak_rss_mb"] * 1048576 / nbytes))
print("  %d articles, %d paragraphs, %d terms" % (f["articles"], f["paragraphs"], f["terms"]))
print("  %-17s %9s %9s %9s %10s  %9s %9s %9s   (paragraphs: folio/FTS5/Xapian)"
      % ("query, top 20", "folio ms", "FTS5 ms", "Xapian ms", "grep ms", "grep/f", "FTS5/f", "Xap/f"))
for q, gk in (('national debt', 'nd'), ('yellow fever', 'yf'), ('"national debt"', 'nd'), ('"yellow fever"', 'yf')):
    ms = ranked[q][0]
    print("  %-17s %9.3f %9.3f %9.3f %10.1f  %8.0fx %8.1fx %8.1fx   (%d/%d/%d)"
          % (q, ms, fts[q][0], xap[q][0], g[gk], g[gk] / ms, fts[q][0] / ms, xap[q][0] / ms,
             ranked[q][2], fts[q][1], xap[q][1]))
print("  \"/\" pattern      folio ms  matches  articles   slowest prefix count ms (at; a key: bench/ui-keys)")
for q in ('national debt', 'yellow fever'):
    p = pattern[q]
    print("  %-17s %8.3f %8d %9d   %8.1f (\"%s\")" % (q, p[0], p[1], p[2], typing[q][0], typing[q][1]))
print("  regex (\"/\")                      folio ms  scan ms  grep -E ms  scan/f  grep/f  matches paragraphs articles")
for i, r in enumerate(regex):
    q, med, worst, m, arts, paras, scan, sm, nalts = r
    gm = g.get("re%d" % (i + 1), float("nan"))
    print("  %-34s %8.2f %8.0f %10.0f %6.0fx %6.0fx %8s %9s %8s%s"
          % (q, float(med), float(scan), gm, float(scan) / float(med), gm / float(med),
             m, paras, arts, "" if m == sm else "  (scan found %s!)" % sm))
print("  whole --search command (load + scan + print): %.0f ms; grep -rli %.0f ms; ratio %.2f"
      % (g["once"], g["nd"], g["once"] / g["nd"]))
PY
done
