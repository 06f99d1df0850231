#!/bin/sh
# h opens help made from the key table; every binding the man page lists
# (its KEYS section is checked against the same table by the keymap unit
# test) is on the help screen, under the same heading.
. "$top_srcdir/tests/lib.sh"

page="$top_srcdir/man/folio.1"

# MODE<tab>KEY for every binding in the man page.
sed -n '/^\.Sh KEYS$/,/^\.Sh [^K]/p' "$page" | awk '
	/^\.Ss / { m = $0; sub(/^\.Ss /, "", m); gsub(/\\&/, "", m); next }
	/^\.It Ic / {
		k = $0; sub(/^\.It Ic /, "", k)
		gsub(/\\&/, "", k); gsub(/\\\(aq/, "\047", k)
		gsub(/\\\(dq/, "\"", k); gsub(/\\-/, "-", k); gsub(/\\e/, "\\", k)
		print m "\t" k
	}' > "$e2e_tmp/man-keys"
e2e_eq "the man page lists bindings" "$(($(wc -l < "$e2e_tmp/man-keys") > 40))" 1

for size in 80x24 200x60 40x12; do
	w=${size%x*} h=${size#*x}
	e2e_start "$w" "$h" -- "$e2e_seeds"
	e2e_wait 'paragraph 1 of 9'
	e2e_keys h
	e2e_wait 'Help: keys'
	# Each screen's rows by their line number in help ("line N of M" in
	# the status line), so the last screen, which overlaps the one
	# before, adds only what is new and every row keeps its heading.
	: > "$e2e_tmp/help-rows"
	prev=
	n=0
	while [ $n -lt 40 ]; do
		cur=$(e2e_screen | tail -n +3)
		[ "$cur" = "$prev" ] && break
		top=$(e2e_screen | head -1 | sed -n 's/.*line \([0-9]*\) of.*/\1/p')
		printf '%s\n' "$cur" | awk -v t="${top:-1}" '{ printf "%d\t%s\n", t + NR, $0 }' \
		    >> "$e2e_tmp/help-rows"
		prev=$cur
		e2e_keys Space
		n=$((n + 1))
	done
	sort -t "$(printf '\t')" -k1,1n -u "$e2e_tmp/help-rows" | cut -f2- > "$e2e_tmp/help"
	# MODE<tab>KEY for every key shown: headings are " Title", bindings
	# "  KEY, KEY   help" (the keys column ends at two spaces).
	# A heading may wrap: its first line starts a known title.
	awk -v titles="$(cut -f1 "$e2e_tmp/man-keys" | sort -u)" '
		BEGIN { n = split(titles, t, "\n") }
		/^ [^ ]/ {
			for (i = 1; i <= n; i++)
				if (index(t[i], substr($0, 2)) == 1) { m = t[i]; break }
			next
		}
		m != "" && /^  [^ ]/ {
			k = substr($0, 3); p = index(k, "  "); if (p > 0) k = substr(k, 1, p - 1)
			c = split(k, ks, ", "); for (i = 1; i <= c; i++) print m "\t" ks[i]
		}' "$e2e_tmp/help" | sort -u > "$e2e_tmp/help-keys"
	missing=$(sort -u "$e2e_tmp/man-keys" | comm -23 - "$e2e_tmp/help-keys")
	e2e_eq "$size: help shows every binding of the man page" "$missing" ""
	extra=$(sort -u "$e2e_tmp/man-keys" | comm -13 - "$e2e_tmp/help-keys")
	e2e_eq "$size: help shows no binding the man page lacks" "$extra" ""
	e2e_keys q
	e2e_match "$size: q closes help" "$(e2e_screen | head -1)" 'paragraph 1 of 9'
done

# F1 opens it too, and Esc closes it; the status line follows the pager.
e2e_start 80 24 -- "$e2e_seeds"
e2e_wait 'paragraph 1 of 9'
e2e_keys F1
e2e_match "F1 opens help" "$(e2e_screen | sed -n 2p)" 'Help: keys +q closes'
e2e_match "the status line follows help" "$(e2e_screen | head -1)" 'line 1 of [0-9]+'
e2e_keys Escape
e2e_match "Esc closes help" "$(e2e_screen | head -1)" 'paragraph 1 of 9'
e2e_keys =
e2e_match "= shows the collection" "$(e2e_screen)" '2 articles, 21 paragraphs'
e2e_match "... and the load messages" "$(e2e_screen)" 'No problems while loading'
e2e_done
