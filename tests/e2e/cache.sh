#!/bin/sh
# The collection cache (cache.h): a first start writes it behind the
# screen; a second start takes the collection, the index and the related
# paragraphs from it, so that a search answers at once and nothing is
# indexed; a damaged cache is said once in the messages view, not used,
# and written again; --no-cache neither reads nor writes it.
. "$top_srcdir/tests/lib.sh"

col=$e2e_tmp/col
n=400	# more than the loader reads for the first screen (ui-load.h)
mkdir -p "$col"
awk -v dir="$col" -v n="$n" 'BEGIN {
	for (i = 0; i < n; i++) {
		f = sprintf("%s/%05d.txt", dir, i)
		printf "Report number %d on the harbour\n\n", i > f
		for (p = 1; p <= 4; p++) {
			printf "The harbour board of district %d met on day %d:", i % 17, p > f
			for (w = 0; w < 30; w++)
				printf " term%d", (w * 7 + p + i) % 53 > f
			printf ".\n\n" > f
		}
		close(f)
	}
}'
cache_file() {
	ls "$e2e_cache_dir"/folio/*.cache 2>/dev/null | head -n 1
}
have_cache() {
	[ -n "$(cache_file)" ] &&
	    [ -z "$(ls "$e2e_cache_dir"/folio/ | grep -v '\.cache$')" ]
}
status() {
	e2e_screen | head -1
}

# A first start: loaded, indexed, then the cache written (no temporary
# file left beside it).
e2e_start 100 30 -- "$col"
e2e_until have_cache || not_ok "the first start wrote the cache"
e2e_eq "one cache file" "$(ls "$e2e_cache_dir/folio" | wc -l)" 1
e2e_keys q
e2e_eq "first start: q exits 0" "$(e2e_exit_status)" 0
mode=$(stat -c %a "$(cache_file)")
e2e_eq "the cache is the user's alone" "$mode" 600
stamp=$(stat -c %Y.%i "$(cache_file)")

# A second start: the first screen from the first files as always; the
# loader then finds the cache valid and brings the whole collection with
# its index and related paragraphs, so that nothing is indexed and a
# search answers at once.
e2e_new_session
T new-session -d -s e2e -x 100 -y 30 \
    "env -i HOME=$e2e_tmp/home XDG_CACHE_HOME=$e2e_cache_dir LC_ALL=C.UTF-8 TERM=screen PATH=/usr/bin:/bin $(e2e_quote "$FOLIO") --no-state $(e2e_quote "$col"); echo \"[folio exited: \$?]\"; exec sleep 86400"
e2e_wait "Articles +$n " || not_ok "the second start drew"
e2e_nomatch "second start: once in, nothing loading or indexing" \
    "$(status)" 'loading|indexing'
e2e_keys / harbour Enter
e2e_match "a search answers from the cache" "$(status)" 'match 1 of 1600 in 400 articles'
e2e_nomatch "and says nothing of indexing" "$(e2e_screen)" 'indexing'
if e2e_one_thread; then ok "no build runs behind the screen"
else not_ok "no build runs behind the screen" "$(ls /proc/$(e2e_folio_pid)/task)"; fi
e2e_keys q
e2e_eq "the cache was not written again" "$(stat -c %Y.%i "$(cache_file)")" "$stamp"

# A damaged cache: said once, not used, and written again.
printf 'garbage' | dd of="$(cache_file)" bs=1 seek=5000 conv=notrunc 2>/dev/null
e2e_start 100 30 -- "$col"
e2e_match "a damaged cache is a problem" "$(status)" '1 problem'
e2e_keys =
e2e_wait 'The collection cache'
e2e_match "its message says why" "$(e2e_screen)" 'folio: cache: section checksum mismatch'
e2e_keys q
e2e_until have_cache || not_ok "the damaged cache was replaced"
e2e_keys q
e2e_nomatch "the new cache is another file" "$(stat -c %Y.%i "$(cache_file)")" "^$stamp\$"

# Files removed, added and edited since the cache was written: the first
# screen may come from the cache's list, but the collection shown is the
# one on disk (the files unchanged taken from the cache, the others
# read), searched as it is, and the cache is written again.
stamp=$(stat -c %Y.%i "$(cache_file)")
rm -f "$col/00007.txt" "$col/00123.txt"
printf 'A late report\n\nThe lighthouse keeper wrote it down.\n' >"$col/zz-late.txt"
printf '\nThe lighthouse board met on the quay.\n' >>"$col/00200.txt"
e2e_start 100 30 -- "$col"
e2e_wait "Articles +$((n - 1)) " || not_ok "the changed collection is the one shown"
e2e_keys / lighthouse Enter
e2e_wait 'match 1 of 2 in 2 articles' ||
    not_ok "the added and the edited file are searched"
# Four paragraphs of harbour in each file but the two removed.
e2e_keys /
e2e_type harbour
e2e_keys Enter
e2e_wait 'match [0-9]+ of 1592 in 398 articles' ||
    not_ok "the unchanged files are searched, the removed ones not"
e2e_wait '│» *[0-9]+ ' ||
    not_ok "related paragraphs are built behind the screen (marked »)"
e2e_keys q
e2e_until have_cache || not_ok "the changed collection's cache was written"
e2e_keys q
e2e_nomatch "its cache is written again" "$(stat -c %Y.%i "$(cache_file)")" "^$stamp\$"

# A small collection is read whole before the first screen: from the
# cache too.
small=$e2e_tmp/small
mkdir -p "$small"
cp "$e2e_seeds"/*.txt "$small"/
rm -rf "$e2e_cache_dir"
e2e_start 100 30 -- "$small"
e2e_until have_cache || not_ok "a small collection's cache was written"
e2e_keys q
stamp=$(stat -c %Y.%i "$(cache_file)")
e2e_start 100 30 -- "$small"
e2e_nomatch "small, second start: nothing indexing" "$(status)" 'indexing'
e2e_keys / Korea Enter
e2e_match "small: a search from the cache" "$(status)" 'match 1 of [0-9]+ in 2 articles'
e2e_keys q
e2e_eq "small: the cache was used, not written" "$(stat -c %Y.%i "$(cache_file)")" "$stamp"

# A small collection with a file changed: read before the first screen,
# the other file taken from the cache, the index updated, the related
# paragraphs built behind the screen, and the cache written again.
printf '\nThe lighthouse of Wonsan was lit again.\n' >>"$small/$(ls "$small" | head -n 1)"
e2e_start 100 30 -- "$small"
e2e_wait 'paragraph 1 of' || not_ok "small, changed: the first screen"
e2e_keys / lighthouse Enter
e2e_wait 'match 1 of 1 in 1 article' || not_ok "small, changed: the edit is searched"
e2e_wait '│» *[0-9]+ ' || not_ok "small, changed: related paragraphs are built (marked »)"
e2e_keys q
e2e_until have_cache || not_ok "small, changed: a cache"
e2e_keys q
e2e_eq "small, changed: folio exits 0" "$(e2e_exit_status)" 0
e2e_nomatch "small, changed: the cache is written again" \
    "$(stat -c %Y.%i "$(cache_file)")" "^$stamp\$"

# A cache that cannot be written (its directory is a file): said once in
# the messages view, and the rest goes on.
blocked=$e2e_tmp/blocked
mkdir -p "$blocked"
: > "$blocked/folio"
e2e_start 100 30 XDG_CACHE_HOME="$blocked" -- "$small"
e2e_wait '1 problem'
e2e_keys =
e2e_wait 'The collection cache'
e2e_match "a failed write is said" "$(e2e_screen)" 'folio: cache: .*Not a directory'
e2e_eq "once" "$(e2e_screen | grep -c 'folio: cache:')" 1
e2e_keys q q
e2e_eq "and folio goes on" "$(e2e_exit_status)" 0

# --no-cache: a cache directory left empty.
rm -rf "$e2e_cache_dir"
e2e_start 100 30 -- --no-cache "$col"
e2e_keys q
e2e_eq "--no-cache wrote nothing" "$(ls "$e2e_cache_dir" 2>/dev/null | wc -l)" 0

e2e_done
