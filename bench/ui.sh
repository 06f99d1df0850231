#!/bin/sh
# bench/ui.sh - the interface beside less, in one run.
#
#   bench/ui.sh BUILD_DIR CORPUS
#
# BUILD_DIR is a configured build tree (folio built in it; bench/ui-keys is
# built on request); CORPUS a collection from ../shared/corpus/make-corpus
# (100,000 articles for the figures the issue names).  Three comparisons:
#
#   1. Bytes written per key at 80x24 on the same article text, folio
#      beside less (../shared/bench/pager-pty: 20 j, 5 Space, 20 k, 5 b).
#      The article is the eight largest files of CORPUS, one after another:
#      long enough that neither program reaches its end while paging.
#   2. The first screen on CORPUS at 80x24 (../shared/bench/tmux-first-screen)
#      beside the time `folio --list CORPUS` takes to finish.
#   3. Time per key: in the model (bench/ui-keys: key + redraw, no
#      terminal) and on a terminal (pager-pty on CORPUS: key to last byte).
set -eu
[ $# -eq 2 ] || { echo "usage: bench/ui.sh BUILD_DIR CORPUS" >&2; exit 2; }
build=$(cd "$1" && pwd)
corpus=$(cd "$2" && pwd)
folio=$build/folio
here=$(cd "$(dirname "$0")" && pwd)
shared=${FOLIO_SHARED:-$here/../../shared}
[ -x "$shared/bench/pager-pty" ] || shared=/work/shared
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8
unset NO_COLOR FOLIO_PATH

make -s -C "$build" folio bench/ui-keys

article=$tmp/article.txt
for f in $(ls -S "$corpus" | head -8); do
	cat "$corpus/$f"
	printf '\n\n'
done > "$article"

echo "== 1. bytes per key at 80x24, TERM=xterm-256color, on $(wc -c < "$article") bytes of article text"
python3 "$shared/bench/pager-pty" -n 5 -- less "$article" > "$tmp/less"
python3 "$shared/bench/pager-pty" -n 5 -- "$folio" --no-state "$article" > "$tmp/folio"
python3 - "$tmp/less" "$tmp/folio" <<'PY'
import re, sys
def read(path):
    r = {}
    for line in open(path):
        m = re.match(r"\s+(\S.*?)\s+(\d+) bytes \((\d+)-(\d+)\), mean\s+([\d.]+)\s+([\d.]+) ms", line)
        if m:
            r[m.group(1)] = (int(m.group(2)), float(m.group(5)), float(m.group(6)))
    return r
less, folio = read(sys.argv[1]), read(sys.argv[2])
print("  %-13s %18s %18s %14s" % ("key", "less median/mean", "folio median/mean", "folio/less"))
for k in ("first screen", "j", "space", "k", "b"):
    l, f = less[k], folio[k]
    print("  %-13s %8d / %7.1f %8d / %7.1f %6.2f / %5.2f" % (k, l[0], l[1], f[0], f[1],
          f[0] / l[0] if l[0] else 0, f[1] / l[1] if l[1] else 0))
print("  (bytes; medians and means over all presses of 5 runs)")
PY

echo "== 2. first screen at 80x24 on $corpus ($(ls "$corpus" | wc -l) articles)"
# Both in the same harness (tmux-first-screen polls tmux as fast as it
# answers, which takes a core from the load on a small machine): folio's
# first screen, and `folio --list` run to its end and then writing the
# pane's last row.
printf '  folio, its first screen:                 '
sh "$shared/bench/tmux-first-screen" 80 24 5 \
    "env LC_ALL=C.UTF-8 TERM=screen $folio --no-state $corpus" | tail -n 1
printf '  folio --list to its end, then a mark:    '
sh "$shared/bench/tmux-first-screen" 80 24 5 \
    "$folio --no-state --list $corpus >/dev/null; i=0; while [ \$i -lt 23 ]; do echo; i=\$((i+1)); done; printf listed; sleep 60" | tail -n 1
hyperfine -N --warmup 1 --runs 5 --export-json "$tmp/h.json" \
    "$folio --no-state --list $corpus" >/dev/null
python3 - "$tmp/h.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("  folio --list alone (hyperfine):          mean %d ms (min %d, max %d)" % (r["mean"] * 1e3, r["min"] * 1e3, r["max"] * 1e3))
PY

echo "== 3. time per key on $corpus"
echo "  in the model (key + redraw, no terminal):"
"$build/bench/ui-keys" "$corpus" | sed 's/^/  /'
echo "  on a terminal (key to the last byte written; the first screen includes loading):"
python3 "$shared/bench/pager-pty" -n 2 -- "$folio" --no-state "$corpus" | sed 's/^/  /'
