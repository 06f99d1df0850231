/*
 * keymap.h - keys, actions and bindings: one table of actions (name and
 * one-line help) and one table of bindings (mode, key, action name).  The dispatcher, the help screen and the man page's KEYS section
 * are all made from these two tables, so they cannot drift apart; a test
 * fails if an action lacks help, a binding names an unknown action or an
 * unknown key, or the man page differs.
 *
 * A binding is looked up in KM_NUMBER while a count is typed, then in the
 * focused pane's mode, then in KM_VIEW when
 * the pane scrolls, then in KM_GLOBAL (tmux's key tables).  The tables are
 * static and read-only: they are the defaults.  On first use they are
 * copied into the live bindings, which key_bind() and key_unbind() change
 * (a configuration file, before the interface starts) and which the
 * lookup and help read; the man page documents the defaults.  The live
 * bindings belong to the process and are not thread-safe: the interface's
 * thread alone reads and changes them.
 */
#ifndef FOLIO_KEYMAP_H
#define FOLIO_KEYMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * A key: a Unicode code point for a character (control characters are
 * 1..31 and 127: Ctrl-A is 1), or one of KEYC_* above the Unicode range.
 */
enum {
	KEYC_BASE = 0x110000,
	KEYC_UP, KEYC_DOWN, KEYC_LEFT, KEYC_RIGHT,
	KEYC_PGUP, KEYC_PGDN, KEYC_HOME, KEYC_END,
	KEYC_INSERT, KEYC_DELETE, KEYC_BACKSPACE, KEYC_ENTER, KEYC_BTAB,
	KEYC_F1, KEYC_F2, KEYC_F3, KEYC_F4, KEYC_F5, KEYC_F6, KEYC_F7, KEYC_F8,
	KEYC_F9, KEYC_F10, KEYC_F11, KEYC_F12,
	KEYC_RESIZE,		/* not bound: the terminal changed size */
	KEYC_MOUSE,		/* not bound: see struct key's mouse fields */
	KEYC_LAST
};

#define KEYC_CTRL(c)	((uint32_t)((c) & 0x1f))
#define KEYC_TAB		9u
#define KEYC_ESC		27u
#define KEYC_M_ALT	0x01

enum mouse_event {
	MOUSE_NONE,
	MOUSE_CLICK,		/* button 1 pressed or clicked */
	MOUSE_WHEEL_UP,
	MOUSE_WHEEL_DOWN
};

struct key {
	uint32_t	 code;
	unsigned	 mods;		/* KEYC_M_* */
	enum mouse_event mouse;		/* with KEYC_MOUSE */
	int		 mx, my;	/* with KEYC_MOUSE: the cell */
};

/* "j", "Space", "Ctrl-N", "Down", "Alt-v", "F1", ... into buf (>= 32). */
const char	*key_to_name(const struct key *, char *buf, size_t len);
/* The reverse; false when name is not a key. */
bool		 key_from_name(const char *name, struct key *);

enum key_mode {
	KM_GLOBAL,	/* everywhere */
	KM_VIEW,	/* in any pane that scrolls */
	KM_LIST,
	KM_READER,
	KM_RELATED,
	KM_PAGER,	/* help and messages */
	KM_PROMPT,	/* editing the prompt line */
	KM_NUMBER,	/* while a count is typed: looked up first */
	KM_COUNT
};

/*
 * An action.  Who carries it out is the interface's business (ui-model.h:
 * the model or a feature binds a handler; without one, the focused pane
 * does, its pane_ops key function given the action's id).
 */
struct action {
	int		 id;		/* ACT_* */
	const char	*name;
	const char	*help;		/* one line, starts lower case, no full stop */
};

enum action_id {
	ACT_NONE,
	/* everywhere */
	ACT_QUIT, ACT_HELP, ACT_MESSAGES, ACT_REDRAW, ACT_SUSPEND,
	ACT_FOCUS_NEXT, ACT_FOCUS_PREV, ACT_FOCUS_LIST, ACT_ZOOM,
	ACT_SPLIT_GROW, ACT_SPLIT_SHRINK, ACT_ARTICLE_NEXT, ACT_ARTICLE_PREV,
	ACT_COMMAND, ACT_RELOAD, ACT_DIGIT, ACT_DIGIT_ERASE, ACT_DIGIT_CANCEL,
	ACT_WHERE, ACT_EDIT, ACT_WATCH, ACT_BROWSE,
	/* panes that scroll */
	ACT_LINE_DOWN, ACT_LINE_UP, ACT_PAGE_DOWN, ACT_PAGE_UP,
	ACT_HALF_DOWN, ACT_HALF_UP, ACT_TOP, ACT_BOTTOM, ACT_PERCENT,
	/* the list */
	ACT_OPEN, ACT_SORT, ACT_SORT_DATE,
	/* the reader */
	ACT_PARA_NEXT, ACT_PARA_PREV, ACT_MARK_SET, ACT_MARK_GOTO,
	/* the reading state (ui-state.c) */
	ACT_BOOKMARK, ACT_BOOKMARKS, ACT_TOGGLE_READ, ACT_NEXT_UNREAD,
	/* search and keywords (ui-search.c) */
	ACT_SEARCH_FORWARD, ACT_SEARCH_BACKWARD, ACT_SEARCH_NEXT,
	ACT_SEARCH_PREV, ACT_SEARCH_RESULTS, ACT_ACCENTS, ACT_HIGHLIGHT,
	ACT_FILTER,
	/* cross-references (ui-related.c) */
	ACT_FOLLOW, ACT_FOLLOW_NUMBER, ACT_BACK, ACT_FORWARD,
	/* help and messages */
	ACT_CLOSE,
	/* the prompt */
	ACT_PROMPT_ACCEPT, ACT_PROMPT_CANCEL, ACT_PROMPT_ERASE,
	ACT_PROMPT_ERASE_WORD, ACT_PROMPT_KILL, ACT_PROMPT_LEFT,
	ACT_PROMPT_RIGHT, ACT_PROMPT_HOME, ACT_PROMPT_END,
	ACT_PROMPT_HISTORY_PREV, ACT_PROMPT_HISTORY_NEXT, ACT_PROMPT_LITERAL,
	ACT_COUNT
};

struct binding {
	enum key_mode	 mode;
	const char	*key;		/* as key_from_name() reads it */
	const char	*action;	/* an action's name */
};

/* The tables, in the order help and the man page show them. */
const struct action	*action_table(size_t *n);
const struct binding	*key_binding_table(size_t *n);
const struct action	*action_by_name(const char *);
const struct action	*action_by_id(int);

/* The action bound to key in exactly this mode, or NULL. */
const struct action	*key_lookup(enum key_mode, const struct key *);

/* "Everywhere", "In the article list", ... */
const char	*key_mode_title(enum key_mode);
/* "global", "list", ...: a mode as a configuration file names it. */
const char	*key_mode_name(enum key_mode);
/* The reverse; -1 when name is not a mode. */
int		 key_mode_by_name(const char *name);
/* The mode the defaults first bind a to, or -1 when they bind it nowhere. */
int		 key_default_mode(const struct action *a);

/*
 * Bind k in exactly this mode to a (replacing what it was bound to
 * there), or take its binding in this mode away (false when it had none:
 * the key then falls through to KM_VIEW and KM_GLOBAL as any unbound key
 * does).  key_reset() puts the defaults back and frees what the changes
 * took.
 */
void		 key_bind(enum key_mode, const struct key *, const struct action *a);
bool		 key_unbind(enum key_mode, const struct key *);
void		 key_reset(void);

/*
 * For help: the keys bound to an action (one of action_table()'s) in a
 * mode, as "j, Down, Ctrl-N" into buf, from the live bindings; returns the
 * number of keys.
 */
size_t	key_bound(enum key_mode, const struct action *, char *buf, size_t len);

/* The body of the man page's KEYS section, in mdoc: the defaults. */
void	key_write_mdoc(FILE *);

#endif
