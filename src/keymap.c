/*
 * keymap.c - the action table, the binding table, key names.
 *
 * actions[] is indexed by ACT_* (checked on first use); bindings[] names
 * keys and actions as text, the way a person writes them, and is the
 * default: on first use it is parsed into live[] (NULL action: an unknown
 * name, which the keymap test reports), which a configuration file then
 * changes.  The lookup and help read live[]; the man page, which
 * documents the defaults, reads bindings[].  Both tables are in the order
 * help and the man page show them: by mode, then by action.
 */
#include "config.h"

#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "keymap.h"
#include "util.h"

#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

static const struct action actions[ACT_COUNT] = {
	{ ACT_NONE, "none", "do nothing" },
	{ ACT_QUIT, "quit", "quit folio" },
	{ ACT_HELP, "help", "show this list of keys" },
	{ ACT_MESSAGES, "messages",
	  "show the collection and the problems met loading it" },
	{ ACT_REDRAW, "redraw", "redraw the screen" },
	{ ACT_SUSPEND, "suspend",
	  "suspend folio (the shell's fg brings it back)" },
	{ ACT_FOCUS_NEXT, "focus-next", "move the focus to the next pane" },
	{ ACT_FOCUS_PREV, "focus-previous",
	  "move the focus to the previous pane" },
	{ ACT_FOCUS_LIST, "focus-list", "move the focus to the article list" },
	{ ACT_ZOOM, "zoom", "let the focused pane fill the screen, or stop" },
	{ ACT_SPLIT_GROW, "split-grow", "give the article list more room" },
	{ ACT_SPLIT_SHRINK, "split-shrink", "give the article list less room" },
	{ ACT_ARTICLE_NEXT, "article-next", "open the next article in the list" },
	{ ACT_ARTICLE_PREV, "article-previous",
	  "open the previous article in the list" },
	{ ACT_COMMAND, "command",
	  "type a command: a paragraph number, ARTICLE:N, an article, "
	  "n or p (next or previous article), f (where), "
	  "sort, filter, highlight, results, help or quit" },
	{ ACT_RELOAD, "reload", "load the collection again from its files" },
	{ ACT_DIGIT, "count",
	  "type a count for the next key, as in less: 10j, 10g "
	  "(paragraph 10), 50%, 3n; a number and Enter follows that "
	  "related paragraph" },
	{ ACT_DIGIT_ERASE, "count-erase", "erase the count's last digit" },
	{ ACT_DIGIT_CANCEL, "count-cancel", "forget the count" },
	{ ACT_WHERE, "where",
	  "say where you are: the article and its file, the paragraph, "
	  "line and byte, and how far in (less's = and ^G)" },
	{ ACT_EDIT, "edit",
	  "open the article's file in $VISUAL, else $EDITOR, else vi; "
	  "reload when it changed" },
	{ ACT_WATCH, "watch",
	  "open the newest article and wait for new ones, opening each "
	  "as it comes (any key stops; less's F)" },
	{ ACT_BROWSE, "open-url",
	  "open the article's URL (the list: the selected one's) in "
	  "$BROWSER, else xdg-open; only http and https" },
	{ ACT_LINE_DOWN, "line-down", "down one line (the list: next article)" },
	{ ACT_LINE_UP, "line-up", "up one line (the list: previous article)" },
	{ ACT_PAGE_DOWN, "page-down", "down one screen" },
	{ ACT_PAGE_UP, "page-up", "up one screen" },
	{ ACT_HALF_DOWN, "half-page-down", "down half a screen" },
	{ ACT_HALF_UP, "half-page-up", "up half a screen" },
	{ ACT_TOP, "top",
	  "go to the top (a count N: line N; the reader: paragraph N)" },
	{ ACT_BOTTOM, "bottom",
	  "go to the end (a count N: line N; the reader: paragraph N)" },
	{ ACT_PERCENT, "percent",
	  "go to the count's percentage of the way in (50%; none: the top)" },
	{ ACT_OPEN, "open",
	  "open the selected article, or go to the selected bookmark or "
	  "search result" },
	{ ACT_SORT, "sort",
	  "sort by collection order, title, date (newest first) or length, "
	  "in turn" },
	{ ACT_SORT_DATE, "sort-date",
	  "sort by date, newest first, undated last (again: collection "
	  "order)" },
	{ ACT_PARA_NEXT, "paragraph-next",
	  "make the next paragraph the current one" },
	{ ACT_PARA_PREV, "paragraph-previous",
	  "make the previous paragraph the current one" },
	{ ACT_MARK_SET, "mark",
	  "mark the position with the letter typed next" },
	{ ACT_MARK_GOTO, "goto-mark",
	  "go to the mark of the letter typed next (' goes back)" },
	{ ACT_BOOKMARK, "bookmark",
	  "bookmark the current paragraph, or remove its bookmarks" },
	{ ACT_BOOKMARKS, "bookmarks",
	  "list the bookmarks and marks: Enter goes to one, B removes it" },
	{ ACT_TOGGLE_READ, "toggle-read",
	  "mark the article read or unread (read: its end has been shown)" },
	{ ACT_NEXT_UNREAD, "next-unread",
	  "open the next unread article in the list" },
	{ ACT_SEARCH_FORWARD, "search-forward",
	  "search forward as you type, through every article (Esc: back)" },
	{ ACT_SEARCH_BACKWARD, "search-backward",
	  "search backward as you type, through every article (Esc: back)" },
	{ ACT_SEARCH_NEXT, "search-next",
	  "go to the next match, opening the next article that has one" },
	{ ACT_SEARCH_PREV, "search-previous",
	  "go to the previous match, in this article or an earlier one" },
	{ ACT_SEARCH_RESULTS, "search-results",
	  "list the paragraphs that best match the search: Enter opens one" },
	{ ACT_ACCENTS, "toggle-accents",
	  "match letters whatever their accents, or not (--ignore-accents)" },
	{ ACT_HIGHLIGHT, "highlight",
	  "highlight a keyword in its own color (:nohighlight removes)" },
	{ ACT_FILTER, "filter",
	  "list only the articles that match what is typed (empty: all again)" },
	{ ACT_FOLLOW, "follow",
	  "open the selected related paragraph in the reader" },
	{ ACT_FOLLOW_NUMBER, "follow-number",
	  "open the related paragraph of the number typed (as in lynx: 2 "
	  "Enter follows the second in the related pane)" },
	{ ACT_BACK, "back",
	  "go back to where a related paragraph was followed from" },
	{ ACT_FORWARD, "forward", "go forward again to the related paragraph gone back from" },
	{ ACT_CLOSE, "close", "close this view" },
	{ ACT_PROMPT_ACCEPT, "prompt-accept", "run what was typed" },
	{ ACT_PROMPT_CANCEL, "prompt-cancel", "leave the prompt" },
	{ ACT_PROMPT_ERASE, "prompt-erase",
	  "erase the character before the cursor" },
	{ ACT_PROMPT_ERASE_WORD, "prompt-erase-word",
	  "erase the word before the cursor" },
	{ ACT_PROMPT_KILL, "prompt-kill", "erase the whole line" },
	{ ACT_PROMPT_LEFT, "prompt-left", "move the cursor left" },
	{ ACT_PROMPT_RIGHT, "prompt-right", "move the cursor right" },
	{ ACT_PROMPT_HOME, "prompt-home", "move the cursor to the start" },
	{ ACT_PROMPT_END, "prompt-end", "move the cursor to the end" },
	{ ACT_PROMPT_HISTORY_PREV, "prompt-history-previous",
	  "at a search prompt: the search made before" },
	{ ACT_PROMPT_HISTORY_NEXT, "prompt-history-next",
	  "at a search prompt: the search made after" },
	{ ACT_PROMPT_LITERAL, "prompt-literal",
	  "at a search or filter prompt: match what is typed literally, not as a regular expression (again: back)" },
};

static const struct binding bindings[] = {
	{ KM_GLOBAL, "q", "quit" },
	{ KM_GLOBAL, "Q", "quit" },
	{ KM_GLOBAL, "Ctrl-C", "quit" },
	{ KM_GLOBAL, "h", "help" },
	{ KM_GLOBAL, "F1", "help" },
	{ KM_GLOBAL, "=", "messages" },
	{ KM_GLOBAL, "Ctrl-L", "redraw" },
	{ KM_GLOBAL, "Ctrl-Z", "suspend" },
	{ KM_GLOBAL, "Tab", "focus-next" },
	{ KM_GLOBAL, "S-Tab", "focus-previous" },
	{ KM_GLOBAL, "i", "focus-list" },
	{ KM_GLOBAL, "z", "zoom" },
	{ KM_GLOBAL, "+", "split-grow" },
	{ KM_GLOBAL, "-", "split-shrink" },
	{ KM_GLOBAL, "]", "article-next" },
	{ KM_GLOBAL, "[", "article-previous" },
	{ KM_GLOBAL, ":", "command" },
	{ KM_GLOBAL, "R", "reload" },
	{ KM_GLOBAL, "Ctrl-G", "where" },
	{ KM_GLOBAL, "v", "edit" },
	{ KM_GLOBAL, "F", "watch" },
	{ KM_GLOBAL, "o", "open-url" },
	{ KM_GLOBAL, "B", "bookmark" },
	{ KM_GLOBAL, "\"", "bookmarks" },
	{ KM_GLOBAL, "X", "toggle-read" },
	{ KM_GLOBAL, "U", "next-unread" },
	{ KM_GLOBAL, "m", "mark" },
	{ KM_GLOBAL, "'", "goto-mark" },
	{ KM_GLOBAL, "/", "search-forward" },
	{ KM_GLOBAL, "?", "search-backward" },
	{ KM_GLOBAL, "n", "search-next" },
	{ KM_GLOBAL, "N", "search-previous" },
	{ KM_GLOBAL, "S", "search-results" },
	{ KM_GLOBAL, "A", "toggle-accents" },
	{ KM_GLOBAL, "K", "highlight" },
	{ KM_GLOBAL, "&", "filter" },
	{ KM_GLOBAL, "Backspace", "back" },
	{ KM_GLOBAL, "Ctrl-O", "back" },
	{ KM_GLOBAL, "H", "back" },
	{ KM_GLOBAL, "L", "forward" },
	{ KM_GLOBAL, "0", "count" },
	{ KM_GLOBAL, "1", "count" },
	{ KM_GLOBAL, "2", "count" },
	{ KM_GLOBAL, "3", "count" },
	{ KM_GLOBAL, "4", "count" },
	{ KM_GLOBAL, "5", "count" },
	{ KM_GLOBAL, "6", "count" },
	{ KM_GLOBAL, "7", "count" },
	{ KM_GLOBAL, "8", "count" },
	{ KM_GLOBAL, "9", "count" },

	{ KM_VIEW, "j", "line-down" },
	{ KM_VIEW, "Down", "line-down" },
	{ KM_VIEW, "Ctrl-N", "line-down" },
	{ KM_VIEW, "Ctrl-E", "line-down" },
	{ KM_VIEW, "Enter", "line-down" },
	{ KM_VIEW, "k", "line-up" },
	{ KM_VIEW, "Up", "line-up" },
	{ KM_VIEW, "y", "line-up" },
	{ KM_VIEW, "Ctrl-P", "line-up" },
	{ KM_VIEW, "Ctrl-Y", "line-up" },
	{ KM_VIEW, "Space", "page-down" },
	{ KM_VIEW, "f", "page-down" },
	{ KM_VIEW, "PgDn", "page-down" },
	{ KM_VIEW, "Ctrl-F", "page-down" },
	{ KM_VIEW, "Ctrl-V", "page-down" },
	{ KM_VIEW, "b", "page-up" },
	{ KM_VIEW, "PgUp", "page-up" },
	{ KM_VIEW, "Ctrl-B", "page-up" },
	{ KM_VIEW, "Alt-v", "page-up" },
	{ KM_VIEW, "d", "half-page-down" },
	{ KM_VIEW, "Ctrl-D", "half-page-down" },
	{ KM_VIEW, "u", "half-page-up" },
	{ KM_VIEW, "Ctrl-U", "half-page-up" },
	{ KM_VIEW, "g", "top" },
	{ KM_VIEW, "Home", "top" },
	{ KM_VIEW, "<", "top" },
	{ KM_VIEW, "G", "bottom" },
	{ KM_VIEW, "End", "bottom" },
	{ KM_VIEW, ">", "bottom" },
	{ KM_VIEW, "%", "percent" },
	{ KM_VIEW, "p", "percent" },

	{ KM_LIST, "Enter", "open" },
	{ KM_LIST, "l", "open" },
	{ KM_LIST, "Right", "open" },
	{ KM_LIST, "s", "sort" },
	{ KM_LIST, "D", "sort-date" },

	{ KM_READER, "}", "paragraph-next" },
	{ KM_READER, "{", "paragraph-previous" },

	{ KM_RELATED, "Enter", "follow" },
	{ KM_RELATED, "l", "follow" },
	{ KM_RELATED, "Right", "follow" },
	{ KM_PAGER, "Enter", "open" },
	{ KM_PAGER, "q", "close" },
	{ KM_PAGER, "Esc", "close" },
	{ KM_PAGER, "h", "close" },
	{ KM_PAGER, "F1", "close" },

	{ KM_PROMPT, "Enter", "prompt-accept" },
	{ KM_PROMPT, "Esc", "prompt-cancel" },
	{ KM_PROMPT, "Ctrl-G", "prompt-cancel" },
	{ KM_PROMPT, "Ctrl-C", "prompt-cancel" },
	{ KM_PROMPT, "Backspace", "prompt-erase" },
	{ KM_PROMPT, "Ctrl-W", "prompt-erase-word" },
	{ KM_PROMPT, "Ctrl-U", "prompt-kill" },
	{ KM_PROMPT, "Left", "prompt-left" },
	{ KM_PROMPT, "Ctrl-B", "prompt-left" },
	{ KM_PROMPT, "Right", "prompt-right" },
	{ KM_PROMPT, "Ctrl-F", "prompt-right" },
	{ KM_PROMPT, "Home", "prompt-home" },
	{ KM_PROMPT, "Ctrl-A", "prompt-home" },
	{ KM_PROMPT, "End", "prompt-end" },
	{ KM_PROMPT, "Ctrl-E", "prompt-end" },
	{ KM_PROMPT, "Up", "prompt-history-previous" },
	{ KM_PROMPT, "Down", "prompt-history-next" },
	{ KM_PROMPT, "Ctrl-R", "prompt-literal" },

	{ KM_NUMBER, "Enter", "follow-number" },
	{ KM_NUMBER, "Backspace", "count-erase" },
	{ KM_NUMBER, "Esc", "count-cancel" },
};

static const char *const mode_titles[KM_COUNT] = {
	[KM_GLOBAL] = "Everywhere",
	[KM_VIEW] = "In any pane that scrolls",
	[KM_LIST] = "In the article list",
	[KM_READER] = "In the reader",
	[KM_RELATED] = "In the related pane",
	[KM_PAGER] = "In help, messages, bookmarks and search results",
	[KM_PROMPT] = "At the prompt",
	[KM_NUMBER] = "After a count (digits typed first)",
};

/* Names of keys that are not a printable character. */
static const struct {
	uint32_t	 code;
	const char	*name;
} key_names[] = {
	{ ' ', "Space" }, { KEYC_TAB, "Tab" }, { KEYC_ESC, "Esc" },
	{ KEYC_UP, "Up" }, { KEYC_DOWN, "Down" }, { KEYC_LEFT, "Left" },
	{ KEYC_RIGHT, "Right" }, { KEYC_PGUP, "PgUp" }, { KEYC_PGDN, "PgDn" },
	{ KEYC_HOME, "Home" }, { KEYC_END, "End" }, { KEYC_INSERT, "Insert" },
	{ KEYC_DELETE, "Delete" }, { KEYC_BACKSPACE, "Backspace" },
	{ KEYC_ENTER, "Enter" }, { KEYC_BTAB, "S-Tab" },
	{ KEYC_F1, "F1" }, { KEYC_F2, "F2" }, { KEYC_F3, "F3" }, { KEYC_F4, "F4" },
	{ KEYC_F5, "F5" }, { KEYC_F6, "F6" }, { KEYC_F7, "F7" }, { KEYC_F8, "F8" },
	{ KEYC_F9, "F9" }, { KEYC_F10, "F10" }, { KEYC_F11, "F11" },
	{ KEYC_F12, "F12" }, { KEYC_RESIZE, "Resize" }, { KEYC_MOUSE, "Mouse" },
};

const char *
key_to_name(const struct key *k, char *buf, size_t len)
{
	const char	*alt = (k->mods & KEYC_M_ALT) ? "Alt-" : "";
	size_t		 i;

	for (i = 0; i < NELEM(key_names); i++)
		if (key_names[i].code == k->code) {
			snprintf(buf, len, "%s%s", alt, key_names[i].name);
			return buf;
		}
	if (k->code < 0x20)
		snprintf(buf, len, "%sCtrl-%c", alt, (char)(k->code + 0x40));
	else if (k->code == 0x7f)
		snprintf(buf, len, "%sCtrl-?", alt);
	else if (k->code < 0x110000 && !(k->code >= 0x80 && k->code < 0xa0)) {
		uint8_t	 u[8];
		int	 n = u8_uctomb(u, k->code, sizeof u - 1);

		if (n <= 0)
			snprintf(buf, len, "%sU+%04X", alt, (unsigned)k->code);
		else {
			u[n] = '\0';
			snprintf(buf, len, "%s%s", alt, (char *)u);
		}
	} else
		snprintf(buf, len, "%sU+%04X", alt, (unsigned)k->code);
	return buf;
}

bool
key_from_name(const char *name, struct key *k)
{
	size_t		 i;
	ucs4_t		 uc;
	int		 n;

	memset(k, 0, sizeof *k);
	if (strncmp(name, "Alt-", 4) == 0 && name[4] != '\0') {
		k->mods |= KEYC_M_ALT;
		name += 4;
	}
	for (i = 0; i < NELEM(key_names); i++)
		if (strcmp(name, key_names[i].name) == 0) {
			k->code = key_names[i].code;
			return true;
		}
	if (strncmp(name, "Ctrl-", 5) == 0 && name[5] != '\0' &&
	    name[6] == '\0') {
		int	 c = toupper((unsigned char)name[5]);

		if (c == '?') {
			k->code = 0x7f;
			return true;
		}
		if (c >= 0x40 && c <= 0x5f) {
			k->code = (uint32_t)(c - 0x40);
			return true;
		}
		return false;
	}
	if (name[0] == '\0')
		return false;
	n = u8_mbtouc(&uc, (const uint8_t *)name, strlen(name));
	if (n <= 0 || name[n] != '\0' || uc == 0xfffd || uc < 0x21)
		return false;
	k->code = uc;
	return true;
}

/*
 * The live bindings: the table's, parsed, then changed by key_bind() and
 * key_unbind() (a configuration file).  name is the key as help shows it:
 * the table's spelling, or key_to_name()'s for a key bound later.
 */
struct live {
	enum key_mode		 mode;
	struct key		 key;
	const struct action	*act;	/* NULL: an unknown name in the table */
	char			 name[32];
};

static struct live	*live;
static size_t		 nlive, live_cap;
static bool		 live_done;

static void
live_push(enum key_mode mode, const struct key *k, const struct action *a,
    const char *name)
{
	struct live	*l;

	if (nlive == live_cap) {
		live_cap = live_cap ? live_cap * 2 : NELEM(bindings) + 16;
		live = xreallocarray(live, live_cap, sizeof *live);
	}
	l = &live[nlive++];
	l->mode = mode;
	l->key = *k;
	l->act = a;
	snprintf(l->name, sizeof l->name, "%s", name);
}

static void
resolve(void)
{
	size_t		 i;
	struct key	 k;

	if (live_done)
		return;
	for (i = 0; i < NELEM(actions); i++)
		assert(actions[i].id == (int)i);
	for (i = 0; i < NELEM(bindings); i++)
		/* A key the table misspells is left out (the test says so). */
		if (key_from_name(bindings[i].key, &k))
			live_push(bindings[i].mode, &k,
			    action_by_name(bindings[i].action),
			    bindings[i].key);
	live_done = true;
}

static struct live *
live_find(enum key_mode mode, const struct key *k)
{
	size_t	 i;

	for (i = 0; i < nlive; i++)
		if (live[i].mode == mode && live[i].key.code == k->code &&
		    live[i].key.mods == k->mods)
			return &live[i];
	return NULL;
}

void
key_bind(enum key_mode mode, const struct key *k, const struct action *a)
{
	struct live	*l;
	char		 name[32];

	assert(mode < KM_COUNT && a != NULL);
	resolve();
	if ((l = live_find(mode, k)) != NULL) {
		l->act = a;
		return;
	}
	live_push(mode, k, a, key_to_name(k, name, sizeof name));
}

bool
key_unbind(enum key_mode mode, const struct key *k)
{
	struct live	*l;

	resolve();
	if ((l = live_find(mode, k)) == NULL)
		return false;
	/* Shifted down, so that help keeps the order of the rest. */
	memmove(l, l + 1, (size_t)(live + nlive - (l + 1)) * sizeof *l);
	nlive--;
	return true;
}

void
key_reset(void)
{
	free(live);
	live = NULL;
	nlive = live_cap = 0;
	live_done = false;
}

static const char *const mode_names[KM_COUNT] = {
	[KM_GLOBAL] = "global",
	[KM_VIEW] = "view",
	[KM_LIST] = "list",
	[KM_READER] = "reader",
	[KM_RELATED] = "related",
	[KM_PAGER] = "pager",
	[KM_PROMPT] = "prompt",
	[KM_NUMBER] = "count",
};

const char *
key_mode_name(enum key_mode m)
{
	return m < KM_COUNT ? mode_names[m] : "?";
}

int
key_mode_by_name(const char *name)
{
	int	 m;

	for (m = 0; m < KM_COUNT; m++)
		if (strcmp(mode_names[m], name) == 0)
			return m;
	return -1;
}

int
key_default_mode(const struct action *a)
{
	size_t	 i;

	for (i = 0; i < NELEM(bindings); i++)
		if (strcmp(bindings[i].action, a->name) == 0)
			return (int)bindings[i].mode;
	return -1;
}

const struct action *
action_table(size_t *n)
{
	*n = NELEM(actions);
	return actions;
}

const struct binding *
key_binding_table(size_t *n)
{
	*n = NELEM(bindings);
	return bindings;
}

const struct action *
action_by_name(const char *name)
{
	size_t	 i;

	for (i = 0; i < NELEM(actions); i++)
		if (strcmp(actions[i].name, name) == 0)
			return &actions[i];
	return NULL;
}

const struct action *
action_by_id(int id)
{
	if (id < 0 || id >= ACT_COUNT)
		return NULL;
	return &actions[id];
}

const struct action *
key_lookup(enum key_mode mode, const struct key *k)
{
	struct live	*l;

	resolve();
	l = live_find(mode, k);
	return l != NULL ? l->act : NULL;
}

const char *
key_mode_title(enum key_mode m)
{
	return m < KM_COUNT ? mode_titles[m] : "?";
}

size_t
key_bound(enum key_mode mode, const struct action *a, char *buf, size_t len)
{
	size_t	 i, n = 0, k = 0;

	resolve();
	if (len > 0)
		buf[0] = '\0';
	for (i = 0; i < nlive; i++) {
		if (live[i].mode != mode || live[i].act != a)
			continue;
		if (k < len)
			k += (size_t)snprintf(buf + k, len - k, "%s%s",
			    n > 0 ? ", " : "", live[i].name);
		n++;
	}
	return n;
}

/* A key as an mdoc argument: punctuation escaped so it reads literally. */
static void
mdoc_key(FILE *fp, const char *key)
{
	if (strcmp(key, "\\") == 0)
		fputs("\\e", fp);
	else if (strcmp(key, "'") == 0)
		fputs("\\(aq", fp);
	else if (strcmp(key, "\"") == 0)
		fputs("\\(dq", fp);
	else if (strcmp(key, "-") == 0)
		fputs("\\-", fp);
	else if (strlen(key) == 1 && ispunct((unsigned char)key[0]))
		fprintf(fp, "\\&%s", key);
	else
		fputs(key, fp);
}

static const char *
lead(const char *line)
{
	return line[0] == '.' || line[0] == '\'' ? "\\&" : "";
}

/*
 * One line of help as mdoc text: a sentence, capitalised, broken at spaces
 * so that no input line passes 80 bytes (mandoc's style check).  A line
 * that would start with a period or an apostrophe is led by \&, or it
 * would be read as a macro.
 */
static void
mdoc_help(FILE *fp, const char *help)
{
	char	*buf = xasprintf("%s.", help);
	char	*p = buf, *sp;

	buf[0] = (char)toupper((unsigned char)buf[0]);
	while (strlen(p) > 80) {
		for (sp = p + 80; sp > p && *sp != ' '; sp--)
			;
		if (sp == p)
			break;		/* one word longer than a line */
		fprintf(fp, "%s%.*s\n", lead(p), (int)(sp - p), p);
		p = sp + 1;
	}
	fprintf(fp, "%s%s\n", lead(p), p);
	free(buf);
}

void
key_write_mdoc(FILE *fp)
{
	size_t	 i;
	int	 m;

	fputs("Press\n.Ic h\nor\n.Ic F1\ninside\n.Nm\nfor the same list.\n"
	    "A key is looked up first among the keys of the focused pane,\n"
	    "then among those of panes that scroll, then among those that\n"
	    "work everywhere; after a count, first among the keys that\n"
	    "follow a count.\n", fp);
	for (m = 0; m < KM_COUNT; m++) {
		bool	 any = false;

		for (i = 0; i < NELEM(bindings); i++) {
			const struct action *a;

			if (bindings[i].mode != (enum key_mode)m)
				continue;
			if (!any) {
				/* \& keeps "In" and "At" from being macros. */
				fprintf(fp, ".Ss \\&%s\n"
				    ".Bl -tag -width Ctrl-N -compact\n",
				    mode_titles[m]);
				any = true;
			}
			a = action_by_name(bindings[i].action);
			fputs(".It Ic ", fp);
			mdoc_key(fp, bindings[i].key);
			fputc('\n', fp);
			if (a != NULL)
				mdoc_help(fp, a->help);
		}
		if (any)
			fputs(".El\n", fp);
	}
}
