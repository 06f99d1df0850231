#!/bin/sh
# End-to-end tests of the command-line outputs: the real binary on the
# seeds and on generated fixtures.  Needs $FOLIO and $top_srcdir (set by
# make check).
set -u
: "${FOLIO:?}" "${top_srcdir:?}"
export LC_ALL=C.UTF-8
unset FOLIO_PATH
seeds="$top_srcdir/seeds"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-cli.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
# The collection cache of these runs is their own (see the end).
XDG_CACHE_HOME=$tmp/cache-home
export XDG_CACHE_HOME
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'; }
check() {	# name, command...: the command succeeds
	name=$1; shift
	if out=$("$@" 2>&1); then ok "$name"; else not_ok "$name" "$out"; fi
}
# run CMD...: sets $out, $err, $rc
run() {
	"$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
	out=$(cat "$tmp/out"); err=$(cat "$tmp/err")
}
eq() {	# name, got, want
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1" "got:  $2
want: $3"; fi
}

# --- the seeds, by default ---------------------------------------------
run "$FOLIO" --list
eq "--list exits 0" "$rc" 0
eq "--list with no path lists the two seeds" "$(printf '%s\n' "$out" | wc -l)" 2
eq "seed 1: nine paragraphs" "$(printf '%s\n' "$out" | sed -n 1p | cut -f1,2)" "$(printf '1\t9')"
eq "seed 2: twelve paragraphs" "$(printf '%s\n' "$out" | sed -n 2p | cut -f1,2)" "$(printf '2\t12')"
eq "seed 2: its headline is its title" "$(printf '%s\n' "$out" | sed -n 2p | cut -f4)" \
	"Russia arms deal revives North Korea’s economy from decline"
t1=$(printf '%s\n' "$out" | sed -n 1p | cut -f4)
case "$t1" in
"On February 15, 2024, North Korean state media"*) ok "seed 1: title from its first sentence" ;;
*) not_ok "seed 1: title from its first sentence" "$t1" ;;
esac
[ "$(printf '%s' "$t1" | wc -L)" -le 80 ] && ok "seed 1: title shortened to fit a list" || not_ok "seed 1: title shortened" "$t1"
eq "--list has five tab-separated fields" "$(printf '%s\n' "$out" | awk -F'\t' 'NF != 5' | wc -l)" 0
eq "stderr is empty on the seeds" "$err" ""

# --- --list-format: the metadata, as the person asks ---------------------
fmts="$top_srcdir/tests/data/formats"
run "$FOLIO" --list-format='%i|%d|%s|%a|%u|%t|%n|%w|%%|%p' \
	"$fmts/meta-page.html" "$fmts/meta-note.md"
eq "--list-format: each field" "$out" \
"1|2026-12-05|Coastal Courier|Jae-won Choi|https://courier.example/news/ferry-resumes|Ferry service resumes across the strait|2|46|%|$fmts/meta-page.html
2|2026-12-04|Harbour notes|Sam Lee|https://notes.example/ferry|Notes on the ferry|3|22|%|$fmts/meta-note.md"
run "$FOLIO" --list-format='%d|%s|%a|%u|' "$seeds/000_699600703bacec4d.txt"
eq "--list-format: empty where the article has none" "$out" "||||"
run "$FOLIO" --list-format='%t\t%d' --list "$fmts/meta-note.md"
eq "--list-format: \\t a tab; --list beside it keeps the format" "$out" \
"Notes on the ferry	2026-12-04"
run "$FOLIO" --list-format='%q' "$fmts/meta-note.md"
eq "--list-format: an unknown directive is a usage error" "$rc" 2
run "$FOLIO" --list "$fmts/meta-page.html"
eq "--list gains no columns" "$(printf '%s\n' "$out" | awk -F'\t' '{ print NF }')" 5

run "$FOLIO" --paragraphs=1
eq "--paragraphs=1: nine body paragraphs" "$(printf '%s\n' "$out" | cut -f1,2 | tr '\t' ' ' | tr '\n' ' ')" \
	"1:1 body 1:2 body 1:3 body 1:4 body 1:5 body 1:6 body 1:7 body 1:8 body 1:9 body "
case "$(printf '%s\n' "$out" | sed -n 8p)" in
*"1,500 special forces"*Vladivostok*) ok "paragraph 1:8 is the Vladivostok one" ;;
*) not_ok "paragraph 1:8 is the Vladivostok one" "$out" ;;
esac

run "$FOLIO" --paragraphs=2
p2=$out
eq "--paragraphs=2: twelve paragraphs" "$(printf '%s\n' "$out" | wc -l)" 12
eq "2:7 is a quote with its attribution" "$(printf '%s\n' "$out" | sed -n 7p | cut -f2)" quote
case "$(printf '%s\n' "$out" | sed -n 7p | cut -f3)" in
"“The economy"*"2024,” said Anvita Basu from Fitch Solutions") ok "the attribution is joined to the quotation" ;;
*) not_ok "the attribution is joined to the quotation" "$(printf '%s\n' "$out" | sed -n 7p)" ;;
esac
eq "2:9 is a heading" "$(printf '%s\n' "$out" | sed -n 9p)" "$(printf '2:9\theading\tNorth Korea is totally breaking with the South')"
printf '%s\n' "$out" | grep -q 'Related Posts' && not_ok "no Related Posts paragraph" || ok "no Related Posts paragraph"
printf '%s\n' "$out" | grep -q '’' && ok "curly apostrophes kept" || not_ok "curly apostrophes kept"
for name in 003_c3eb74fb17d4de85 003_c3eb74fb17d4de85.txt; do
	run "$FOLIO" --paragraphs="$name"
	eq "article named $name" "$out" "$p2"
done
run "$FOLIO" -p 2
eq "-p 2 is --paragraphs=2" "$out" "$p2"

run "$FOLIO" --paragraphs=99
eq "an unknown article: exit 1" "$rc" 1
case "$err" in "folio: 99: "*) ok "an unknown article: a folio: message" ;; *) not_ok "unknown article message" "$err" ;; esac

# --- options, exit statuses -----------------------------------------------
run "$FOLIO" --help
eq "--help exits 0" "$rc" 0
case "$out" in "Usage: folio "*) ok "--help shows usage" ;; *) not_ok "--help shows usage" "$out" ;; esac
run "$FOLIO" --version
eq "--version" "$out" "folio $(sed -n 's/^AC_INIT(\[folio\], \[\([^]]*\)\].*/\1/p' "$top_srcdir/configure.ac")"
run "$FOLIO" --bogus
eq "an unknown option: exit 2" "$rc" 2
case "$err" in "folio: --bogus: unknown option"*) ok "an unknown option: a folio: message" ;; *) not_ok "unknown option message" "$err" ;; esac
run "$FOLIO" --width=0 --dump=1
eq "--width=0: exit 2" "$rc" 2
run "$FOLIO" --list --paragraphs=1
eq "two outputs: exit 2" "$rc" 2
run "$FOLIO" "$tmp/does-not-exist"
eq "a missing path only: exit 1" "$rc" 1
case "$err" in *"folio: $tmp/does-not-exist: "*) ok "a missing path: one message" ;; *) not_ok "missing path message" "$err" ;; esac

# --- write errors and pipes -------------------------------------------------
if [ -w /dev/full ]; then
	run "$FOLIO" --list "$seeds"
	"$FOLIO" --list "$seeds" >/dev/full 2>"$tmp/err"; rc=$?
	eq "--list >/dev/full: exit 2" "$rc" 2
	case "$(cat "$tmp/err")" in "folio: write error: "*) ok "--list >/dev/full: message" ;; *) not_ok "/dev/full message" "$(cat "$tmp/err")" ;; esac
fi
mkdir "$tmp/big"
awk 'BEGIN { print "A big article"; for (i = 0; i < 20000; i++) { print ""; print "Paragraph " i " of a long article that fills a pipe quickly enough to close it." } }' >"$tmp/big/big.txt"
"$FOLIO" --dump "$tmp/big" 2>"$tmp/err" | head -n 1 >/dev/null
eq "a closed pipe ends quietly" "$(cat "$tmp/err")" ""

# --- output when stdout is not a terminal -----------------------------------
run "$FOLIO" "$seeds"
eq "piped output exits 0" "$rc" 0
case "$out" in "On February 15, 2024"*) ok "piped output is the articles as --dump" ;; *) not_ok "piped output" "$(printf '%s' "$out" | head -3)" ;; esac
printf '%s\n' "$out" | grep -q 'Russia arms deal revives' && ok "piped output has both seeds" || not_ok "piped output has both seeds"

# --- wrapping ----------------------------------------------------------------
mkdir "$tmp/wide"
printf 'Wide text\n\n%s\n\n%s\n' \
	"中文的文章很长很长，没有空格，但是每个字都可以换行。日本語の文章もあります。한국어 문장도 있습니다 그리고 더 깁니다." \
	"Cafe\314\201s and na\314\210ive re\314\201sume\314\201s sit between long words like internationalization and supercalifragilisticexpialidocious." >"$tmp/wide/w.txt"
for w in 20 33 40 61; do
	run "$FOLIO" --dump=1 --width=$w "$tmp/wide"
	max=$(printf '%s\n' "$out" | wc -L)
	[ "$max" -le $w ] && ok "--width=$w: no line wider than $w columns" || not_ok "--width=$w: widest line $max" "$out"
done
run "$FOLIO" --dump=1 --width=40 "$tmp/wide"
printf '%s\n' "$out" | grep -q 'internationalization' && ok "words are not broken where a break exists" || not_ok "words broken" "$out"

# --- sanitizing ----------------------------------------------------------------
mkdir "$tmp/esc"
printf 'Title with \033]0;pwned\007 escape\n\nBody \033[2J\033[31mred\033[0m and a bell \007 and \342\200\256 bidi and \302\233 C1 and \377 invalid.\n\nA tab\there.\n' >"$tmp/esc/a.txt"
for opt in --list --paragraphs=1 --dump=1 ""; do
	"$FOLIO" $opt "$tmp/esc" >"$tmp/raw" 2>&1
	if LC_ALL=C grep -q "$(printf '[\001-\010\013-\037\177]')" "$tmp/raw"; then
		not_ok "${opt:-piped}: no control byte in the output" "$(od -c "$tmp/raw" | head)"
	else
		ok "${opt:-piped}: no control byte in the output"
	fi
done
run "$FOLIO" --paragraphs=1 "$tmp/esc"
case "$out" in *'Body ^[[2J^[[31mred^[[0m and a bell ^G and <U+202E> bidi and <U+009B> C1 and <FF> invalid.'*) ok "controls shown as ^X, bidi and C1 as markers, invalid bytes as <FF>" ;;
*) not_ok "sanitized paragraph" "$out" ;; esac
case "$out" in *'A tab^Ihere.'*) ok "a tab inside TEXT is shown, not emitted" ;; *) not_ok "tab in TEXT" "$out" ;; esac
LC_ALL=C "$FOLIO" --paragraphs=2 "$seeds" >"$tmp/raw"
if LC_ALL=C grep -q "$(printf '[\200-\377]')" "$tmp/raw"; then not_ok "LC_ALL=C: no byte >= 0x80"; else ok "LC_ALL=C: no byte >= 0x80"; fi
grep -q "the world's most isolated" "$tmp/raw" && ok "LC_ALL=C: curly apostrophes transliterated" || not_ok "LC_ALL=C transliteration" "$(head -2 "$tmp/raw")"

# --- skipped entries ---------------------------------------------------------------
mkdir "$tmp/mixed" "$tmp/mixed/sub" "$tmp/mixed/.hidden"
printf 'Good one\n\nA paragraph.\n' >"$tmp/mixed/a.txt"
printf 'Hidden\n\nNot read.\n' >"$tmp/mixed/.hidden/h.txt"
printf 'Sub\n\nDeeper.\n' >"$tmp/mixed/sub/b.md"
printf 'bin\000ary\n' >"$tmp/mixed/c.txt"
mkfifo "$tmp/mixed/d.txt"
ln -s loop1 "$tmp/mixed/loop2"; ln -s loop2 "$tmp/mixed/loop1"
run timeout 10 "$FOLIO" --list "$tmp/mixed"
eq "a mixed directory: exit 0" "$rc" 0
eq "a mixed directory: the two good articles, in order" "$(printf '%s\n' "$out" | cut -f4 | tr '\n' '|')" "Good one|Sub|"
eq "a script's output: one summary line for the skipped entries" "$err" "folio: 4 files skipped; folio --check lists them"
run timeout 10 "$FOLIO" --search=paragraph "$tmp/mixed"
eq "--search: the same one summary line" "$err" "folio: 4 files skipped; folio --check lists them"
run timeout 10 "$FOLIO" --check "$tmp/mixed"
eq "--check: exit 1" "$rc" 1
eq "--check: one line per skipped entry" "$(printf '%s\n' "$out" | grep -c '^folio: ')" 4
case "$out" in *"c.txt: binary"*) ok "--check: the binary file's message" ;; *) not_ok "binary message" "$out" ;; esac
printf 'Odd bytes\n\nA \377 paragraph.\n' >"$tmp/mixed/e.txt"
run timeout 10 "$FOLIO" --list "$tmp/mixed"
eq "a file with invalid bytes counts in the summary" "$err" "folio: 4 files skipped, 1 read with invalid bytes; folio --check lists them"
mkdir "$tmp/odd"
printf 'Odd bytes\n\nA \377 paragraph.\n' >"$tmp/odd/e.txt"
run "$FOLIO" --list "$tmp/odd"
eq "--list: a file with invalid bytes is reported" "$err" "folio: 1 file has invalid bytes; folio --check lists it"
run "$FOLIO" --check "$tmp/odd"
eq "--check: a file with invalid bytes is a problem (exit 1)" "$rc" 1
run "$FOLIO" --list "$tmp/mixed/c.txt"
case "$err" in *"c.txt: binary"*) ok "nothing readable: the details are printed" ;; *) not_ok "nothing readable: details" "$err" ;; esac

# --- search -----------------------------------------------------------------------------
mkdir "$tmp/accents"
printf 'Cafes\n\nA caf\303\251 in M\303\274nchen.\n\nA cafe in Munchen.\n' >"$tmp/accents/a.txt"
run "$FOLIO" --search=munchen "$tmp/accents"
eq "--search: typed without accents, any accents match" "$(printf '%s\n' "$out" | cut -f1 | sort | tr '\n' ' ')" "1:1 1:2 "
run "$FOLIO" --search="caf$(printf '\303\251')" "$tmp/accents"
eq "--search: typed with an accent, that accent only" "$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')" "1:1 "
run "$FOLIO" --ignore-accents --search="caf$(printf '\303\251')" "$tmp/accents"
eq "--ignore-accents: any accents, typed or not" "$(printf '%s\n' "$out" | cut -f1 | sort | tr '\n' ' ')" "1:1 1:2 "
run "$FOLIO" --search='south korea'
eq "--search: exit 0" "$rc" 0
printf '%s\n' "$out" | cut -f1 | grep -qx '1:8' && ok "--search='south korea' finds 1:8 (the National Intelligence Service)" || not_ok "--search finds 1:8" "$out"
printf '%s\n' "$out" | cut -f1 | grep -qx '2:2' && ok "--search='south korea' finds 2:2 (the top spy agency)" || not_ok "--search finds 2:2" "$out"
eq "--search: three tab-separated fields" "$(printf '%s\n' "$out" | awk -F'\t' 'NF != 3' | wc -l)" 0
run "$FOLIO" --search="SOUTH KOREA'S" --limit=1
eq "--limit=1 prints one line" "$(printf '%s\n' "$out" | wc -l)" 1
run "$FOLIO" --search='koreans' --limit=50
eq "--search=koreans: other forms of the word (Korean) are found" "$rc" 0
printf '%s\n' "$out" | cut -f1 | grep -qx '1:1' && ok "--search=koreans finds 1:1 (North Korean)" || not_ok "--search=koreans finds 1:1" "$out"
run "$FOLIO" --search='south korea'
at_18=$(printf '%s\n' "$out" | cut -f1 | grep -nx '1:8' | cut -d: -f1)
at_29=$(printf '%s\n' "$out" | cut -f1 | grep -nx '2:9' | cut -d: -f1)
[ -n "$at_18" ] && [ -n "$at_29" ] && [ "$at_18" -lt "$at_29" ] && ok "--search='south korea': 1:8 (South Korea's) above the heading 2:9" || not_ok "--search='south korea' ranks 1:8 above 2:9" "$out"
run "$FOLIO" --search='korean' --limit=50
k_all=$(printf '%s\n' "$out" | wc -l)
run "$FOLIO" --search='korea' --limit=50
k_pre=$(printf '%s\n' "$out" | wc -l)
run "$FOLIO" --whole-words --search='korea' --limit=50
k_whole=$(printf '%s\n' "$out" | cut -f1 | tr '\n' ' ')
[ "$k_pre" -gt "$(printf '%s\n' "$out" | wc -l)" ] && ok "--whole-words finds fewer paragraphs for korea ($k_pre without)" || not_ok "--whole-words narrows korea" "$out"
printf '%s\n' "$out" | cut -f1 | grep -qx '1:1' && not_ok "--whole-words: 1:1 has only 'North Korean'" "$out" || ok "--whole-words: korea does not find 1:1 (only 'North Korean' there)"
printf '%s\n' "$out" | cut -f1 | grep -qx '2:2' && ok "--whole-words: korea finds 2:2 (South Korea's)" || not_ok "--whole-words finds 2:2" "$out"
run "$FOLIO" --search='zzyzx'
eq "--search that finds nothing: exit 1" "$rc" 1
eq "--search that finds nothing: no output" "$out" ""

# --- related ---------------------------------------------------------------------------
run "$FOLIO" --related=1:8
eq "--related=1:8: exit 0" "$rc" 0
case "$(printf '%s\n' "$out" | head -n 3 | awk -F'\t' '$1 == "2:2" { print $4 }')" in
*"South Korea"*|*"National Intelligence Service"*) ok "--related=1:8 lists 2:2 in its top three, sharing South Korea / the NIS" ;;
*) not_ok "--related=1:8 lists 2:2 in its top three" "$out" ;;
esac
eq "--related: five tab-separated fields" "$(printf '%s\n' "$out" | awk -F'\t' 'NF != 5' | wc -l)" 0
eq "--related: KIND is event, topic or reprint" "$(printf '%s\n' "$out" | awk -F'\t' '$3 != "event" && $3 != "topic" && $3 != "reprint"' | wc -l)" 0
run "$FOLIO" --related=2:6
case "$out" in
*"economy ~ economic"*) ok "--related=2:6 names a word linked through its family (economy ~ economic)" ;;
*) not_ok "--related=2:6 links economy and economic" "$out" ;;
esac
run "$FOLIO" --related=1:99
eq "--related to a missing paragraph: exit 1" "$rc" 1
case "$err" in "folio: "*) ok "--related to a missing paragraph: a folio: message" ;; *) not_ok "--related missing message" "$err" ;; esac

# --- bookmarks ------------------------------------------------------------------------
mkdir "$tmp/state"
run env XDG_STATE_HOME="$tmp/state" "$FOLIO" --bookmarks "$seeds"
eq "--bookmarks with none saved: exit 1" "$rc" 1
eq "--bookmarks with none saved: no output" "$out" ""
run env XDG_STATE_HOME="$tmp/state" "$FOLIO" --no-state --bookmarks "$seeds"
eq "--no-state --bookmarks: exit 1" "$rc" 1
eq "--no-state wrote no state" "$(find "$tmp/state" -type f | wc -l)" 0

# --- every byte on stderr ------------------------------------------------------------
# Messages quote the command line: an option, its argument, a name, a path
# or $FOLIO_PATH can hold escape sequences, and none may reach the terminal
# raw (getopt_long's own messages included: folio writes its own).
esc=$(printf '\033') bel=$(printf '\007') c1=$(printf '\233')
c1u=$(printf '\302\233') rlo=$(printf '\342\200\256') cr=$(printf '\r')
# raw: whether $tmp/err holds a control byte (C0 but newline, DEL, C1 in
# UTF-8), a bidi control or bytes that are not UTF-8.
raw() {
	LC_ALL=C grep -qaP '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]' "$tmp/err" ||
	    ! iconv -f UTF-8 -t UTF-8 "$tmp/err" >/dev/null 2>&1
}
clean() {	# name, args...: folio fails with a message, and a clean one
	name=$1; shift
	run "$FOLIO" "$@"
	if [ "$rc" -ne 0 ] && [ -s "$tmp/err" ] && ! raw; then
		ok "$name"
	else
		not_ok "$name" "rc $rc: $(od -c "$tmp/err" | head -5)"
	fi
}
clean "--limit with an OSC sequence" "--limit=${esc}]0;PWNED${bel}"
clean "an unknown long option with an OSC sequence" "--bogus-${esc}]0;x${bel}"
clean "an unknown short option that is ESC" "-${esc}"
clean "a missing argument" "--width"
clean "--color with a raw C1 byte (not UTF-8)" "--color=${c1}31m"
clean "--dump naming an article with C1 in UTF-8" "--dump=${c1u}2J" "$seeds"
clean "--related with a bidi override" "--related=1:${rlo}9" "$seeds"
clean "--paragraphs with CR and ESC" "--paragraphs=x${cr}${esc}[2J" "$seeds"
clean "a path that does not exist, with ESC" "$tmp/nope${esc}[2J"
run "$FOLIO" "--limit=${esc}]0;PWNED${bel}"
case "$err" in
"folio: --limit: '^[]0;PWNED^G' is not a number from 1 to 1000000
Try 'folio --help' for more information.") ok "the escape is shown as ^[ and ^G" ;;
*) not_ok "the escape is shown as ^[ and ^G" "$err" ;;
esac

# --- FOLIO_PATH ---------------------------------------------------------------------
run env FOLIO_PATH="$tmp/mixed/sub" "$FOLIO" --list
eq "FOLIO_PATH is read when no path is given" "$(printf '%s\n' "$out" | cut -f4)" "Sub"

# --- nothing to read: what was tried ------------------------------------------------
mkdir "$tmp/none"
run "$FOLIO" --list "$tmp/none"
eq "no articles: exit 1" "$rc" 1
eq "no articles: the path tried" "$err" "folio: no articles to read in $tmp/none"
mkdir "$tmp/none2"
run env FOLIO_PATH="$tmp/none:$tmp/none2" "$FOLIO" --list
eq "no articles: \$FOLIO_PATH tried" "$err" \
    "folio: no articles to read in $tmp/none, $tmp/none2 (from \$FOLIO_PATH)"
mkdir "$tmp/none${esc}[2J"
run env FOLIO_PATH="$tmp/none${esc}[2J" "$FOLIO" --list
if [ "$rc" -eq 1 ] && ! raw; then ok "no articles: \$FOLIO_PATH shown sanitized"
else not_ok "no articles: \$FOLIO_PATH shown sanitized" "$err"; fi

# --- the configuration file ---------------------------------------------------------
# Its settings apply to the outputs, under the command line; a mistake is
# said on stderr with the file and its line, sanitized, and the output
# goes on; --no-config and /dev/null read none.
run "$FOLIO" --search=korea "$seeds"
all=$(printf '%s\n' "$out" | wc -l)
printf 'set limit 1\n\nset whole-words maybe\nbind reader x frobnicate\nbogus \033[2J\n' > "$tmp/config"
run env FOLIO_CONFIG="$tmp/config" "$FOLIO" --search=korea "$seeds"
eq "config: set limit applies to --search" "$(printf '%s\n' "$out" | wc -l)" 1
eq "config: the mistakes on stderr, by file and line" "$err" \
"folio: $tmp/config:3: set whole-words: 'maybe' is not on or off
folio: $tmp/config:4: bind: unknown action 'frobnicate'
folio: $tmp/config:5: unknown directive 'bogus' (bind, unbind, color, mono, set)"
eq "config: the output goes on, exit 0" "$rc" 0
run env FOLIO_CONFIG="$tmp/config" "$FOLIO" --limit=3 --search=korea "$seeds"
eq "config: the command line overrides it" "$(printf '%s\n' "$out" | wc -l)" 3
run env FOLIO_CONFIG="$tmp/config" "$FOLIO" --no-config --search=korea "$seeds"
eq "config: --no-config reads none" "$(printf '%s\n' "$out" | wc -l):$err" "$all:"
run env FOLIO_CONFIG="$tmp/config" "$FOLIO" --config=/dev/null --search=korea "$seeds"
eq "config: --config=/dev/null reads none" "$(printf '%s\n' "$out" | wc -l):$err" "$all:"
mkdir -p "$tmp/xdg/folio"
printf 'set limit 2\n' > "$tmp/xdg/folio/config"
run env XDG_CONFIG_HOME="$tmp/xdg" "$FOLIO" --search=korea "$seeds"
eq "config: read from \$XDG_CONFIG_HOME/folio/config" "$(printf '%s\n' "$out" | wc -l)" 2
run env FOLIO_CONFIG="$tmp/config" "$FOLIO" --config="$tmp/xdg/folio/config" --search=korea "$seeds"
eq "config: --config over FOLIO_CONFIG" "$(printf '%s\n' "$out" | wc -l):$err" "2:"
run env FOLIO_CONFIG="$tmp/nope${esc}[2J" "$FOLIO" --list "$seeds"
if [ "$rc" -eq 0 ] && ! raw && [ -n "$err" ]; then ok "config: a missing file asked for is said, sanitized"
else not_ok "config: a missing file asked for is said, sanitized" "$rc $err"; fi
run "$FOLIO" --help
case "$out" in
*"--config=FILE"*"--no-config"*) ok "--help lists --config and --no-config" ;;
*) not_ok "--help lists --config and --no-config" "$out" ;;
esac

# --- the collection cache ----------------------------------------------
col=$tmp/cached
mkdir -p "$col"
cp "$seeds"/*.txt "$col"/
# Settled: while it does not change, its files are stat'd without a walk.
touch -d '1 hour ago' "$col"
cache=$tmp/cache
run env XDG_CACHE_HOME="$cache" "$FOLIO" --no-cache --related=1:8 "$col"
eq "cache: --no-cache writes none" "$(ls "$cache" 2>/dev/null | wc -l)" 0
want_rel=$out
run env XDG_CACHE_HOME="$cache" "$FOLIO" --no-cache --search=korea "$col"
want_search=$out
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
eq "cache: --related writes it" "$rc:$(ls "$cache/folio" | grep -c '\.cache$'):$err" "0:1:"
eq "cache: --related as without" "$out" "$want_rel"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
eq "cache: --related from it" "$rc:$out:$err" "0:$want_rel:"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --search=korea "$col"
eq "cache: --search from it" "$rc:$out:$err" "0:$want_search:"
# The proof that it answers without reading the files: none of them is
# opened (strace is one of the test packages; skipped without it).
if command -v strace >/dev/null 2>&1; then
	env XDG_CACHE_HOME="$cache" strace -f -qq -e trace=open,openat \
	    -o "$tmp/trace" "$FOLIO" --paragraphs=1 "$col" >/dev/null 2>&1
	if grep -q '\.cache"' "$tmp/trace" 2>/dev/null; then
		n=$(grep -c "$col/[^\"]*\.txt" "$tmp/trace" || true)
		eq "cache: a valid cache answers without reading the files" \
		    "$n" 0
	else
		ok "cache: a valid cache answers without reading the files # SKIP strace cannot trace here"
	fi
fi
# A file written over in place, its size and modification time kept: its
# change time tells, and it is read again.
f=$(ls "$col"/*.txt | head -n 1)
cp -p "$f" "$tmp/orig"
sed 's/North Korean/NORTH KOREAN/' "$tmp/orig" > "$tmp/edited"
dd if="$tmp/edited" of="$f" conv=notrunc 2>/dev/null
touch -r "$tmp/orig" "$f"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --paragraphs=1 "$col"
case $out in
*"NORTH KOREAN"*) ok "cache: a file written over in place is read again" ;;
*) not_ok "cache: a file written over in place is read again" "$out" ;;
esac
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
touch "$f"	# its time changed too: the cache is not used
run env XDG_CACHE_HOME="$cache" "$FOLIO" --paragraphs=1 "$col"
case $out in
*"NORTH KOREAN"*) ok "cache: a changed file is read again" ;;
*) not_ok "cache: a changed file is read again" "$out" ;;
esac
cp -p "$tmp/orig" "$f"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
# A file added: its directory changed, so the files are walked again.
printf 'Added\n\nThe zeppelin arrived over the harbour.\n' > "$col/zz-added.txt"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --search=zeppelin "$col"
case $out in
*3:1*zeppelin*) ok "cache: a file added is found" ;;
*) not_ok "cache: a file added is found" "$rc $out $err" ;;
esac
rm "$col/zz-added.txt"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --search=zeppelin "$col"
eq "cache: and gone when removed" "$rc:$out" "1:"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
cf=$(ls "$cache"/folio/*.cache)
printf 'XXXXXXXX' | dd of="$cf" bs=1 seek=0 conv=notrunc 2>/dev/null
run env XDG_CACHE_HOME="$cache" "$FOLIO" --search=korea "$col"
eq "cache: a damaged one is said and not used" "$rc:$out:$err" \
    "0:$want_search:folio: cache: not a cache file (bad magic)"
: > "$cf"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
eq "cache: an empty one too, and it is written again" "$rc:$out:$err" \
    "0:$want_rel:folio: cache: too short to be a cache"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=1:8 "$col"
eq "cache: then read" "$rc:$out:$err" "0:$want_rel:"
# The text is summed as it is read: a bad block of it (a letter changed
# in a cache of several blocks, its sums kept) is found by the answer that
# reads it, which says so; the cache goes and the next call reads the
# files.
big=$tmp/big
mkdir -p "$big"
i=100
while [ $i -lt 400 ]; do
	{
		printf 'Article %s\n' $i
		for p in 1 2 3; do
			printf '\nParagraph %s of article %s:' $p $i
			for w in 1 2 3 4 5 6; do
				printf ' the harbour, the lighthouse, the'
				printf ' keeper and the long winter %s.' $w
			done
			printf '\n'
		done
	} > "$big/a$i.txt"
	i=$((i + 1))
done
run env XDG_CACHE_HOME="$cache" "$FOLIO" --paragraphs=151 "$big"
want_par=$out
eq "cache: a larger one" "$rc:$(printf '%s' "$out" | grep -c 'Paragraph 2 of article 250:')" "0:1"
ls "$cache"/folio/*.cache > "$tmp/before"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --related=151:2 "$big"
cf=$(ls "$cache"/folio/*.cache | grep -vxF -f "$tmp/before")
at=$(grep -oba 'Paragraph 2 of article 250:' "$cf" | head -n 1 | cut -d: -f1)
printf 'p' | dd of="$cf" bs=1 seek="$at" conv=notrunc 2>/dev/null
run env XDG_CACHE_HOME="$cache" "$FOLIO" --paragraphs=151 "$big"
eq "cache: bad text is said, never shown" \
    "$rc:$(printf '%s' "$out" | grep -ci 'paragraph 2 of article 250'):$err:$(ls "$cf" 2>/dev/null)" \
    "2:0:folio: cache: text: bad blocks read as blank: the answer may be incomplete; the cache is removed:"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --paragraphs=151 "$big"
eq "cache: then the files are read" "$rc:$out:$err" "0:$want_par:"
run env XDG_CACHE_HOME="$cache" "$FOLIO" --help
case $out in
*"--no-cache"*) ok "--help lists --no-cache" ;;
*) not_ok "--help lists --no-cache" "$out" ;;
esac

echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
