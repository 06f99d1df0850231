#!/bin/sh
# bench/cache.sh - the collection cache: a first start and a second, side
# by side in one run, on one collection.
#
#   bench/cache.sh BUILD_DIR CORPUS
#
# BUILD_DIR is a configured release build (folio built in it); CORPUS a
# collection from ../shared/corpus/make-corpus (100,000 articles for the
# issue's figures; it is never written to).  The cache goes to a fresh
# directory of its own.  Measured:
#
#   1. The interface at 80x24 (../shared/bench/tmux-first-screen, as
#      bench/ui.sh): the first screen, then the time until search and
#      related paragraphs answer (answering: the status line says neither
#      "loading", "indexing" nor "checking the cache"; a cached start may
#      still be checking the files behind it), until they answer from the
#      files as they are (searchable: checked, and what changed read in),
#      and until everything is checked and in (ready), on a first
#      start (no cache; then until the cache is written) and a second
#      (from the cache).  less on the largest file is the yardstick of
#      the first screen.
#   2. The process's memory once ready: its RSS, and of it the anonymous
#      part (its own) and the file-backed part (the cache's pages, shared
#      with every folio on the collection and the page cache's to drop).
#   3. --search='national debt' and --related=1:3 as whole commands,
#      without the cache (--no-cache) and with it, beside grep -rli.
#   4. The cache's size beside the collection's, section by section.
#   5. With CHANGED=1: 100 files changed since the cache was written, on
#      a copy of the collection (hard links would change the corpus's
#      files' change times, and so make any cache of it stale): a start,
#      until the changes are searchable (the status says neither
#      "loading" nor "checking": the files unchanged come from the cache,
#      the index is the cache's updated); then --search and --related as
#      commands.
set -eu
[ $# -eq 2 ] || { echo "usage: bench/cache.sh BUILD_DIR CORPUS" >&2; exit 2; }
build=$(cd "$1" && pwd)
corpus=$(cd "$2" && pwd)
folio=$build/folio
here=$(cd "$(dirname "$0")" && pwd)
shared=${FOLIO_SHARED:-$here/../../shared}
[ -x "$shared/bench/tmux-first-screen" ] || shared=/work/shared
tmp=$(mktemp -d)
T="tmux -L benchcache$$ -f /dev/null"
trap '$T kill-server 2>/dev/null || true; rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8
unset NO_COLOR FOLIO_PATH
export XDG_CACHE_HOME="$tmp/cache"

make -s -C "$build" folio

ms() { echo $(($(date +%s%N) / 1000000)); }
# Between two looks at the screen: 10 ms for two seconds, then 100 ms (a
# figure of several seconds needs no finer step, and a look every 10 ms
# for 20 s takes the CPU a first start's build needs: 18 s instead of 11).
nap() { if [ $(($(ms) - t0)) -lt 2000 ]; then sleep 0.01; else sleep 0.1; fi; }
cachefile() { ls "$XDG_CACHE_HOME"/folio/*.cache 2>/dev/null | head -n 1; }

# One start in tmux: ms to the first screen, to ready, and (first start)
# to the cache written; then the memory of the process.
start() {	# label, wait-for-cache
	$T new-session -d -s keep -x 80 -y 24 'sleep 3600' 2>/dev/null || true
	t0=$(ms)
	$T new-session -d -s run -x 80 -y 24 \
	    "env LC_ALL=C.UTF-8 TERM=screen XDG_CACHE_HOME=$XDG_CACHE_HOME $folio --no-state $corpus"
	while ! $T capture-pane -p -t run 2>/dev/null | tail -n 1 |
	    grep -q '[^[:space:]]'; do :; done
	t1=$(ms)
	# Answering: search and related paragraphs from the first key (a
	# cached start may still be checking the files behind it).
	while $T capture-pane -p -t run | head -n 1 |
	    grep -Eq 'loading|listing|checking the cache|indexing|computing'; do nap; done
	ta=$(ms)
	# Searchable as the files are now: checked, and what changed in.
	while $T capture-pane -p -t run | head -n 1 |
	    grep -Eq 'loading|listing|checking|reading|indexing'; do nap; done
	ts=$(ms)
	while $T capture-pane -p -t run | head -n 1 |
	    grep -Eq 'loading|listing|checking|reading|indexing|computing'; do nap; done
	t2=$(ms)
	t3=
	if [ "$2" = 1 ]; then
		while [ -z "$(cachefile)" ]; do nap; done
		t3=$(ms)
	fi
	pid=$(pgrep -n -f "$folio --no-state $corpus")
	rss=$(awk '/^VmRSS/ {print $2}' /proc/"$pid"/status)
	anon=$(awk '/^RssAnon/ {print $2}' /proc/"$pid"/status)
	file=$(awk '/^RssFile/ {print $2}' /proc/"$pid"/status)
	$T kill-session -t run
	printf '  %-14s first screen %5d ms, answering %6d ms, searchable %6d ms, ready %6d ms' \
	    "$1" $((t1 - t0)) $((ta - t0)) $((ts - t0)) $((t2 - t0))
	[ -n "$t3" ] && printf ', cache written %6d ms' $((t3 - t0))
	printf '\n  %-14s RSS %d MB: its own (anonymous) %d MB, file-backed %d MB\n' \
	    "" $((rss / 1024)) $((anon / 1024)) $((file / 1024))
}

n=$(ls "$corpus" | wc -l)
bytes=$(du -sb "$corpus" | cut -f1)
echo "== 1, 2. the interface at 80x24 on $corpus ($n articles, $((bytes / 1000000)) MB)"
big=$corpus/$(ls -S "$corpus" | head -n 1)
printf '  less, first screen of one file: '
sh "$shared/bench/tmux-first-screen" 80 24 5 "less $big" | tail -n 1
rm -rf "$XDG_CACHE_HOME"
start "first start" 1
start "second start" 0
start "third start" 0

echo "== 3. the command line (mean of 3 runs)"
run3() {	# label, command...
	label=$1
	shift
	best=
	total=0
	for i in 1 2 3; do
		a=$(ms)
		"$@" >/dev/null 2>&1 || true
		b=$(ms)
		total=$((total + b - a))
	done
	printf '  %-44s %6d ms\n' "$label" $((total / 3))
}
run3 "grep -rli 'national debt'" grep -rli 'national debt' "$corpus"
run3 "folio --no-cache --search='national debt'" "$folio" --no-cache --search='national debt' "$corpus"
run3 "folio --search='national debt' (cache)" "$folio" --search='national debt' "$corpus"
run3 "folio --no-cache --related=1:3" "$folio" --no-cache --related=1:3 "$corpus"
run3 "folio --related=1:3 (cache)" "$folio" --related=1:3 "$corpus"

echo "== 4. the cache on disk"
python3 - "$(cachefile)" "$bytes" <<'PY'
import os, struct, sys
path, coll = sys.argv[1], int(sys.argv[2])
with open(path, "rb") as f:
    head = f.read(40 + 32 * 4)
size = os.path.getsize(path)
print("  %-10s %8.1f MB  (%.2f x the collection's %.1f MB)" % ("whole", size / 1e6, size / coll, coll / 1e6))
names = ["files", "store", "index", "related"]
arrays = {1: ["articles", "metadata", "paragraphs", "strings", "text", "messages"],
          2: ["plen", "terms", "toff", "df", "cf", "doff", "poff", "postings",
              "positions", "lookup", "stripped", "soff", "sid"]}
with open(path, "rb") as f:
    for i in range(4):
        sid, _, off, ln, _ = struct.unpack_from("<IIQQQ", head, 40 + 32 * i)
        print("  %-10s %8.1f MB" % (names[i], ln / 1e6))
        if i not in arrays:
            continue
        f.seek(off)
        nscal, narr = struct.unpack("<II", f.read(8))
        f.seek(off + 8 + 8 * nscal)
        for k in range(narr):
            aoff, n, sz = struct.unpack("<QQQ", f.read(24))
            if n * sz >= 1e6:
                print("    %-14s %8.1f MB" % (arrays[i][k], n * sz / 1e6))
PY

[ "${CHANGED:-0}" = 1 ] || exit 0
echo "== 5. 100 files changed since the cache was written"
copy=$tmp/copy
cp -r "$corpus" "$copy"
corpus=$copy
export XDG_CACHE_HOME="$tmp/cache5"	# the copy's cache alone
start "first start" 1
$T kill-server 2>/dev/null || true
ls "$copy" | awk 'NR % 1000 == 7' | head -n 100 | while read -r f; do
	cp "$copy/$f" "$tmp/edit"
	printf '\nA late paragraph on the harbour of Ostend.\n' >>"$tmp/edit"
	mv "$tmp/edit" "$copy/$f"
done
start "changed" 0
run3 "folio --search='harbour of Ostend' (stale cache)" \
    "$folio" --search='harbour of Ostend' "$corpus"
a=$(ms)
"$folio" --related=1:3 "$corpus" >/dev/null 2>&1 || true
printf '  %-44s %6d ms\n' "folio --related=1:3 (stale; writes it)" $(($(ms) - a))
run3 "folio --related=1:3 (cache again)" "$folio" --related=1:3 "$corpus"
