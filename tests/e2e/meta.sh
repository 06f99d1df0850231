#!/bin/sh
# Metadata shown and used: the reader's header gives the date, source and
# author, the list a date and a source column where it is wide enough
# (not at 80x24's list), D sorts by date, newest first, and back, and o
# gives the article's URL to $BROWSER (a script that writes its
# arguments) as one argument, with the screen back whole after it; a
# URL that is not http(s) goes nowhere.  At 80x24 and 200x60.
. "$top_srcdir/tests/lib.sh"

coll="$e2e_tmp/coll"
mkdir -p "$coll"
cp "$e2e_seeds"/*.txt "$coll"/
cp "$top_srcdir/tests/data/formats/meta-page.html" \
    "$top_srcdir/tests/data/formats/meta-note.md" "$coll"/
# A URL that must not reach a browser.
printf 'Title: A local file\nDate: 2026-12-01\nURL: file:///etc/passwd\n\nBody.\n' \
    > "$coll/zz-local.txt"

browser="$e2e_tmp/browser"
cat > "$browser" <<EOF
#!/bin/sh
printf '%s\n' "\$#" "\$@" > "$e2e_tmp/args"
EOF
chmod +x "$browser"

status() {
	e2e_screen | head -1
}

# --- 200x60 ----------------------------------------------------------------
e2e_start 200 60 "BROWSER=$browser" -- "$coll"
e2e_wait 'paragraph 1 of'
# The page: the list's fourth article.
e2e_keys i j j j Enter
e2e_wait 'meta-page\.html'
e2e_match "the reader's header: date, source, author, then the file" \
    "$(e2e_screen)" \
    '│ 2026-12-05 · Coastal Courier · Jae-won Choi · meta-page\.html +4/5 │'
e2e_keys i z
e2e_wait '^ Articles +5 *$'
e2e_match "the zoomed list has a source and a date column" \
    "$(e2e_screen)" \
    'Ferry service resumes across the strait +Coastal Courier +2026-12-05 +2 *$'
e2e_match "... blank where an article has none" "$(e2e_screen)" \
    '^. On February 15, 2024, North Korean state media[^│]* 9 *$'
e2e_keys D
e2e_wait 'sorted by date, newest first'
e2e_match "D sorts by date, newest first" "$(e2e_screen | sed -n 3p)" \
    'Ferry service resumes'
e2e_match "... then the older ones" "$(e2e_screen | sed -n 4p)" \
    'Notes on the ferry +Harbour notes +2026-12-04'
e2e_match "... undated last" "$(e2e_screen | sed -n 7p)" 'Russia arms deal'
e2e_keys D
e2e_wait 'sorted by order'
e2e_match "D again: the collection's order" "$(e2e_screen | sed -n 3p)" \
    'On February 15, 2024'
# The selection stayed on the page through both sorts.
e2e_keys z o
e2e_wait 'opened in '
e2e_eq "o gave \$BROWSER the URL as one argument" \
    "$(cat "$e2e_tmp/args" 2>/dev/null)" "1
https://courier.example/news/ferry-resumes"
e2e_match "the screen is back" "$(status)" 'article 4 of 5'
e2e_match "... the list too" "$(e2e_screen | sed -n 2p)" '^ Articles +5 │ 2026-12-05 · '
e2e_eq "folio is in the alternate screen again" "$(e2e_fmt '#{alternate_on}')" 1

# --- 80x24 -----------------------------------------------------------------
rm -f "$e2e_tmp/args"
e2e_start 80 24 "BROWSER=$browser" -- "$coll"
e2e_wait 'paragraph 1 of'
e2e_keys i j j
e2e_wait 'Notes on the ferry +2026-12-04 +3$'
e2e_nomatch "the list, 80 wide, has a date column but no source" \
    "$(e2e_screen)" 'Harbour notes +2026'
e2e_keys Enter
e2e_wait 'meta-note\.md'
e2e_match "the header at 80 columns" "$(e2e_screen)" \
    '^ 2026-12-04 · Harbour notes · Sam Lee · meta-note\.md +3/5$'
e2e_keys ] ]
e2e_wait 'zz-local\.txt'
e2e_keys o
e2e_wait 'only an http or https URL'
e2e_eq "a file: URL reaches no browser" "$(cat "$e2e_tmp/args" 2>/dev/null)" ""
e2e_keys [ [ [ o
e2e_wait 'has no URL'
e2e_match "a plain-text article without one says so" "$(e2e_screen | tail -1)" \
    'this article has no URL'

e2e_done
