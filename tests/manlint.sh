#!/bin/sh
# The man page is clean under mandoc -Tlint at every level and under groff's
# warnings, renders its synopsis of -k right, and documents every option.
set -u
page="$top_srcdir/man/folio.1"
if [ -z "${MANDOC:-}" ]; then
	echo "mandoc not found: skipping the lint (install mandoc)"
	exit 77
fi
fail=0
# -W style is every level.  Two kinds of message depend on the machine, not
# on the page: whether a manual named by .Xr is installed here, and the
# state of mandoc's own database.
out=$("$MANDOC" -Tlint -W style "$page" 2>&1 |
	grep -v -e 'referenced manual not found' -e 'mandoc\.db')
if [ -n "$out" ]; then
	echo "mandoc -Tlint -W style:"; echo "$out"; fail=1
else
	echo "mandoc -Tlint -W style: clean"
fi
# groff reads the page as man(1) on most systems does; -ww is every warning.
if command -v groff >/dev/null 2>&1; then
	out=$(groff -ww -z -mdoc "$page" 2>&1)
	if [ -n "$out" ]; then
		echo "groff -ww -z -mdoc:"; echo "$out"; fail=1
	else
		echo "groff -ww: clean"
	fi
else
	echo "groff not found: its warnings not checked (install groff-base)"
fi
# Nested optional parts are easy to garble (an Op runs to the line's end).
want='-k WORD[,WORD...], --highlight=WORD[,WORD...]'
bs=$(printf '\b')
if "$MANDOC" -Tascii "$page" | sed "s/.$bs//g" | grep -qF -- "$want"; then
	echo "-k renders as: $want"
else
	echo "-k does not render as: $want"
	"$MANDOC" -Tascii "$page" | sed "s/.$bs//g" | grep -F -- '--highlight'
	fail=1
fi
# Every long option in --help appears in OPTIONS as "Fl -NAME", and back.
help_opts=$("$FOLIO" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
man_opts=$(sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$page" | grep -o 'Fl -[a-z][a-z-]*' | sed 's/Fl -/--/' | sort -u)
ofail=0
for o in $help_opts; do
	echo "$man_opts" | grep -qx -- "$o" || { echo "man page lacks option $o"; ofail=1; }
done
for o in $man_opts; do
	echo "$help_opts" | grep -qx -- "$o" || { echo "--help lacks option $o (in the man page)"; ofail=1; }
done
[ $ofail = 0 ] && echo "options: --help and the man page agree"
[ $fail = 0 ] && [ $ofail = 0 ]
