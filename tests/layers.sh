#!/bin/sh
# No import circle among the modules of src/: a module (X.c with X.h)
# imports another when either file has #include "Y.h", or when its object
# in src/libfolio.a calls a function another module's object defines (so
# that a prototype put in some other header cannot hide a call up; the
# tables of functions a module is given, struct pane_ops and struct
# ui_feature, are data and do not count).  Headers that are
# another module's are counted as it: ui-model.h is ui.c's, and
# ui-search-int.h is ui-search's.  The edges that still close a circle are
# listed, each with its reason, in tests/layers.allow; the list only
# shrinks: an edge listed there that is gone fails too, so that it is
# taken off.  Needs $top_srcdir (set by make check).
set -u
: "${top_srcdir:?}"
src="$top_srcdir/src"
allow="$top_srcdir/tests/layers.allow"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/folio-layers.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
pass=0 fail=0

ok() { pass=$((pass + 1)); echo "ok - $1"; }
not_ok() { fail=$((fail + 1)); echo "not ok - $1"; [ $# -gt 1 ] && printf '%s\n' "$2" | sed 's/^/#   /'; }

# Every edge "from to", once.
for f in "$src"/*.c "$src"/*.h; do
	printf '%s\n' "$f"
done | awk '
function module(p) {
	sub(/.*\//, "", p)
	sub(/\.[ch]$/, "", p)
	if (p == "ui-model") return "ui"
	if (p == "ui-search-int") return "ui-search"
	return p
}
{
	from = module($0)
	while ((getline line < $0) > 0)
		if (line ~ /^[ \t]*#[ \t]*include[ \t]*"/) {
			to = line
			sub(/^[^"]*"/, "", to)
			sub(/".*$/, "", to)
			if (to == "config.h") continue
			to = module(to)
			if (to != from) print from, to
		}
	close($0)
}' >"$tmp/includes"

# The calls, from the built library (make check builds it first).
lib="${top_builddir:-.}/src/libfolio.a"
if [ -f "$lib" ] && nm -A "$lib" >"$tmp/nm" 2>/dev/null; then
	awk '
	{
		split($1, a, ":")
		obj = a[2]
		sub(/\.o$/, "", obj)
		if ($2 == "T")
			def[$3] = obj
		else if ($2 == "U") {
			n++
			user[n] = obj
			sym[n] = $3
		}
	}
	END {
		for (i = 1; i <= n; i++)
			if ((sym[i] in def) && def[sym[i]] != user[i])
				print user[i], def[sym[i]]
	}' "$tmp/nm" >"$tmp/calls"
	ok "the calls between modules read from $(basename "$lib") ($(sort -u "$tmp/calls" | wc -l) edges)"
else
	not_ok "no $lib to read the calls between modules from (nm)"
	: >"$tmp/calls"
fi
sort -u "$tmp/includes" "$tmp/calls" >"$tmp/edges"

# The allow-list: "from -> to", # comments and blank lines aside.
sed -e 's/#.*//' -e 's/->/ /' "$allow" | awk 'NF == 2 { print $1, $2 }' |
    sort -u >"$tmp/allowed"

gone=$(comm -13 "$tmp/edges" "$tmp/allowed")
if [ -z "$gone" ]; then
	ok "every edge in the allow-list is still there"
else
	not_ok "edges in tests/layers.allow that are gone (take them off)" "$gone"
fi

# What is on a circle: peel off, over and over, the modules nothing left
# imports (the tops), and apart from that the modules that import nothing
# left (the bottoms); a module that stays in both is on a circle.
comm -23 "$tmp/edges" "$tmp/allowed" >"$tmp/rest"
peel() {	# edges on stdin, "from to"; prints what stays
	awk '
	{ n[$1]; n[$2]; out[$1] = out[$1] " " $2; deg[$2]++ }
	END {
		for (v in n) if (!(v in deg)) q[++t] = v
		for (h = 1; h <= t; h++) {
			k = split(out[q[h]], w, " ")
			for (i = 1; i <= k; i++)
				if (--deg[w[i]] == 0) q[++t] = w[i]
		}
		for (v in n) if (deg[v] > 0) print v
	}' | sort
}
peel <"$tmp/rest" >"$tmp/tops"
awk '{ print $2, $1 }' "$tmp/rest" | peel >"$tmp/bottoms"
left=$(comm -12 "$tmp/tops" "$tmp/bottoms")
if [ -z "$left" ]; then
	ok "no import circle among the modules of src/ (but the allowed edges)"
else
	# Show the edges among what is left: the circles are in there.
	circle=$(printf '%s\n' "$left" | awk '
	    NR == FNR { in_[$1]; next }
	    ($1 in in_) && ($2 in in_) { print "  " $1 " -> " $2 }' - "$tmp/rest")
	not_ok "an import circle among: $(echo $left)" "$circle"
fi

echo "layers: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
