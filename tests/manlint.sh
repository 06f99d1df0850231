#!/bin/sh
# The man page is clean under mandoc -Tlint and documents every option.
set -u
page="$top_srcdir/man/folio.1"
if [ -z "${MANDOC:-}" ]; then
	echo "mandoc not found: skipping the lint (install mandoc)"
	exit 77
fi
out=$("$MANDOC" -Tlint -W warning "$page" 2>&1)
if [ -n "$out" ]; then
	echo "mandoc -Tlint:"; echo "$out"; exit 1
fi
echo "mandoc -Tlint: clean"
# Every long option in --help appears in OPTIONS as "Fl -NAME", and back.
fail=0
help_opts=$("$FOLIO" --help | grep -o -- '--[a-z][a-z-]*' | sort -u)
man_opts=$(sed -n '/^\.Sh OPTIONS/,/^\.Sh /p' "$page" | grep -o 'Fl -[a-z][a-z-]*' | sed 's/Fl -/--/' | sort -u)
for o in $help_opts; do
	echo "$man_opts" | grep -qx -- "$o" || { echo "man page lacks option $o"; fail=1; }
done
for o in $man_opts; do
	echo "$help_opts" | grep -qx -- "$o" || { echo "--help lacks option $o (in the man page)"; fail=1; }
done
[ $fail = 0 ] && echo "options: --help and the man page agree"
exit $fail
