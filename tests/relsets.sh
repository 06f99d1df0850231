#!/bin/sh
# The labelled sets that bench/relscore measures related paragraphs with
# (tests/data/relsets/): every label names a body or quote paragraph that
# the real binary numbers so, and the labels are well formed.  This checks
# the data, not the engine: the scores are benchmarks, not tests.  Needs
# $FOLIO and $top_srcdir (set by make check).
set -u
: "${FOLIO:?}" "${top_srcdir:?}"
export LC_ALL=C.UTF-8
unset FOLIO_PATH
sets="$top_srcdir/tests/data/relsets"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-relsets.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'; }

# check_set NAME LABELS ARTICLESDIR
check_set() {
	name=$1 labels=$2 dir=$3
	if [ ! -r "$labels" ]; then
		not_ok "$name: labels file readable" "$labels"
		return
	fi
	# Every paragraph of every article, as folio numbers them: FILE:N KIND.
	: >"$tmp/paras"
	if ! "$FOLIO" --no-state --list "$dir" >"$tmp/list" 2>"$tmp/err"; then
		not_ok "$name: folio --list reads the articles" "$(cat "$tmp/err")"
		return
	fi
	ok "$name: folio --list reads the articles"
	while IFS='	' read -r id _ _ _ path; do
		stem=$(basename "$path"); stem=${stem%.*}
		"$FOLIO" --no-state --paragraphs="$id" "$dir" |
			awk -F'\t' -v s="$stem" '{ sub(/^[^:]*:/, "", $1); print s ":" $1 "\t" $2 }' >>"$tmp/paras"
	done <"$tmp/list"

	bad=$(awk -F'\t' '!/^#/ && NF && (NF != 3 || $1 !~ /^[^:\t]+:[1-9][0-9]*$/)' "$labels")
	[ -z "$bad" ] && ok "$name: every label line is FILE:N<TAB>EVENTS<TAB>TOPICS" ||
		not_ok "$name: every label line is FILE:N<TAB>EVENTS<TAB>TOPICS" "$bad"

	bad=$(awk -F'\t' 'NR == FNR { kind[$1] = $2; next }
		!/^#/ && NF {
			if (!($1 in kind)) print $1 " is no paragraph"
			else if (kind[$1] != "body" && kind[$1] != "quote") print $1 " is a " kind[$1] }' "$tmp/paras" "$labels")
	[ -z "$bad" ] && ok "$name: every label names a body or quote paragraph" ||
		not_ok "$name: every label names a body or quote paragraph" "$bad"

	bad=$(awk -F'\t' '!/^#/ && NF { if (seen[$1]++) print $1 }' "$labels")
	[ -z "$bad" ] && ok "$name: no paragraph is labelled twice" ||
		not_ok "$name: no paragraph is labelled twice" "$bad"

	bad=$(awk -F'\t' '!/^#/ && NF == 3 {
		n = split($2 "," $3, ids, ",")
		for (i = 1; i <= n; i++) {
			if (ids[i] == "" || ids[i] == "-") continue
			if (ids[i] !~ /^(topic:)?[a-z0-9][a-z0-9.-]*$/) print $1 ": bad id " ids[i]
		}
		split($2, ev, ","); split($3, tp, ",")
		for (i in tp) if (tp[i] != "" && tp[i] != "-" && tp[i] !~ /^topic:/) print $1 ": topic without topic: " tp[i]
		for (i in ev) if (ev[i] ~ /^topic:/) print $1 ": a topic among the events"
		if ($2 != "-" && $2 != "" && ($3 == "-" || $3 == "")) print $1 ": an event without its topic"
		if (($2 == "-" || $2 == "") && ($3 == "-" || $3 == "")) print $1 ": no label at all"
	}' "$labels")
	[ -z "$bad" ] && ok "$name: labels are lowercase ids, topics prefixed, every event with a topic" ||
		not_ok "$name: labels are lowercase ids, topics prefixed, every event with a topic" "$bad"
}

check_set news "$sets/news/labels" "$sets/news/articles"
check_set seeds "$sets/seeds/labels" "$top_srcdir/seeds"

n=$(ls "$sets/news/articles" | grep -c '^reut-[0-9]*\.txt$')
[ "$n" -ge 45 ] && ok "news: at least 45 articles ($n)" || not_ok "news: at least 45 articles" "$n"
n=$(ls "$sets/news/articles" | grep -vc '^reut-[0-9]*\.txt$')
[ "$n" -eq 0 ] && ok "news: the articles folder holds articles only" ||
	not_ok "news: the articles folder holds articles only" "$(ls "$sets/news/articles" | grep -v '^reut-[0-9]*\.txt$')"
if "$FOLIO" --no-state --check "$sets/news/articles" >/dev/null 2>"$tmp/err"; then
	ok "news: the articles load without a problem"
else
	not_ok "news: the articles load without a problem" "$(cat "$tmp/err")"
fi

# The labels name paragraphs by number: they hold only while folio numbers
# the news articles' blocks as written (the headline, then paragraph 1, 2...).
bad=$(for f in "$sets"/news/articles/reut-*.txt; do
	stem=$(basename "$f" .txt)
	"$FOLIO" --no-state --paragraphs="$stem" "$sets/news/articles" |
		awk -F'\t' -v s="$stem" '{ sub(/^[^:]*:/, "", $1); print s ":" $1 "\t" $3 }' >"$tmp/got"
	awk -v RS= -v s="$stem" 'NR > 1 { gsub(/[ \n]+/, " "); print s ":" NR - 1 "\t" $0 }' "$f" >"$tmp/want"
	cmp -s "$tmp/got" "$tmp/want" || echo "$stem"
done)
[ -z "$bad" ] && ok "news: folio's paragraph N of each article is the file's block N after the headline" ||
	not_ok "news: folio's paragraph N of each article is the file's block N after the headline" "$bad"

echo "relsets: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
