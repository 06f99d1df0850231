/*
 * ui-curses.c - the terminal: the only file that includes curses.
 *
 * It checks TERM before curses can print anything of its own, starts
 * curses, and then loops: draw the model's canvas, wait for input or a
 * signal, apply every key that has arrived (typeahead: holding j over a
 * slow link costs one redraw per burst, not one per key), handle resizes
 * and suspends, repeat.  The model (ui-model.h) does everything else.
 *
 * Output is kept small: `front` is the canvas as last given to curses,
 * and only cells that differ are written into curses' screen; curses
 * then sends only what differs from the terminal.  Cell text is already
 * sanitized by the canvas; here it is only fitted to what curses can hold
 * (a cchar_t takes a base and a few zero-width characters) and checked
 * once more against the locale: in a non-UTF-8 locale nothing >= 0x80 is
 * ever written.
 *
 * Scrolling is folio's own (see "Scrolling" below): when the rows at the
 * bottom of the screen moved together, as the reader's do on j and k,
 * it sends one scroll within a scroll region that it leaves set, where
 * curses would move the cursor to the region's top, delete a line there
 * and move back (about 15 bytes a line against 1 to 5).
 *
 * The editor (v) gets the terminal as a suspend gives it to the shell:
 * curses ends, ui-files.c runs the editor and waits, curses starts again.
 *
 * Signals only set flags and write a byte to a pipe that the loop polls;
 * all the work happens in the loop.  The terminal is restored on every
 * way out: q, ^C (a key in raw mode), SIGINT, SIGTERM, SIGHUP, fatal().
 *
 * The reading state (ui-state.h) is ticked after every key and when the
 * input wait it asked for runs out, so a position is written a few
 * seconds after the last move even if no key follows; it is saved at
 * once on every way out but fatal() (the loop, not a signal handler,
 * does that, then restores the terminal) and before a suspend.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include <unistr.h>

#include "canvas.h"
#include "cli.h"
#include "diag.h"
#include "keymap.h"
#include "store.h"
#include "style.h"
#include "text.h"
#include "state.h"
#include "ui-curses.h"
#include "ui-files.h"
#include "ui-load.h"
#include "ui-model.h"
#include "ui-search.h"
#include "ui-related.h"
#include "ui-state.h"
#include "util.h"

/* Last: term.h defines macros (lines, columns, ...) that would clash. */
#define NCURSES_WIDECHAR 1
#ifdef HAVE_NCURSESW_CURSES_H
#include <ncursesw/curses.h>
#include <ncursesw/term.h>
#else
#include <curses.h>
#include <term.h>
#endif

/* Margin markers computed per frame, at most: the rest in the next. */
#define MARKS_BUDGET_MS	12
/* How long after the first screen the background builds start (ms). */
#define BUILD_DELAY_MS	150

static volatile sig_atomic_t	 got_exit;	/* a signal number */
static volatile sig_atomic_t	 got_winch, got_tstp, got_cont;
static int			 sigpipe_fd[2] = { -1, -1 };

static SCREEN		*scr;
static FILE		*tty_in;	/* /dev/tty when stdin is not the terminal */
static bool		 curses_on;
static enum look_caps	 caps;
static enum text_mode	 tmode;
static struct canvas	*front;		/* what curses was last given */
static struct canvas	*scratch;	/* front, scrolled, as a trial */
static bool		 front_valid;
static int		 cursor_shown = -1;
static FILE		*out_fp;	/* curses' output: a dup of stdout */
static int		 out_fd = -1;

/* Style -> curses attributes and colour pair, filled as styles are seen. */
struct styled {
	attr_t	attr;
	short	pair;
	bool	set;
};
static struct styled	*styled;

static void
on_signal(int sig)
{
	int	 saved = errno;
	char	 c = 0;

	switch (sig) {
	case SIGWINCH:
		got_winch = 1;
		break;
	case SIGTSTP:
		got_tstp = 1;
		break;
	case SIGCONT:
		got_cont = 1;
		break;
	default:
		got_exit = sig;
		break;
	}
	if (sigpipe_fd[1] >= 0)
		(void)!write(sigpipe_fd[1], &c, 1);
	errno = saved;
}

static void
catch(int sig, void (*fn)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0;	/* no SA_RESTART: poll() should wake up */
	sigaction(sig, &sa, NULL);
}

static void	 region_full(void);
static void	 take_end(void);
static const char *cap(const char *);

static void
restore_terminal(void)
{
	if (!curses_on)
		return;
	curses_on = false;
	take_end();
	region_full();
	/*
	 * Without an alternate screen (vt100, linux) the last screen stays
	 * when curses ends, and the shell's prompt comes on its bottom row:
	 * clear that row, so that the prompt does not land on article text.
	 */
	if (cap("rmcup") == NULL && LINES > 0) {
		wmove(stdscr, LINES - 1, 0);
		wclrtoeol(stdscr);
		wnoutrefresh(stdscr);
		doupdate();
	}
	if (cursor_shown != 1)
		curs_set(1);
	endwin();
}

/* A "folio: TERM=...: why" message (diag_say() sanitizes the value). */
static int
term_fail(const char *term, const char *why)
{
	if (term == NULL)
		diag_say("TERM is not set: %s", why);
	else
		diag_say("TERM=%s: %s", term, why);
	/* Within 80 columns, the width of the terminal that could not be used. */
	diag_say("the outputs still work: --dump, --list, --paragraphs, "
	    "or folio | less");
	return 2;
}

/* Check TERM without letting curses print its own message. */
static int
term_check(void)
{
	const char	*term = getenv("TERM");
	char		*cup;
	int		 err = 0;

	if (term == NULL || *term == '\0')
		return term_fail(NULL, "cannot draw the interface");
	if (strcmp(term, "dumb") == 0)
		return term_fail(term, "this terminal cannot move the cursor");
	if (setupterm((char *)term, STDOUT_FILENO, &err) != OK) {
		if (err == -1)
			return term_fail(term, "no terminfo database was found");
		return term_fail(term, "unknown terminal type (not in terminfo)");
	}
	cup = tigetstr("cup");
	if (cup == NULL || cup == (char *)-1) {
		del_curterm(cur_term);
		return term_fail(term, "this terminal cannot move the cursor");
	}
	del_curterm(cur_term);
	return 0;
}

static void
decide_caps(const struct options *o)
{
	const char	*nc = getenv("NO_COLOR");

	caps = LOOK_MONO;
	if (o->color == COLOR_NEVER)
		return;
	if (o->color != COLOR_ALWAYS && nc != NULL && *nc != '\0')
		return;
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	caps = COLORS >= 256 ? LOOK_256 : LOOK_8;
}

static const struct styled *
style_of(uint16_t style)
{
	struct styled	*s = &styled[style];
	struct look	 l;

	if (s->set)
		return s;
	l = style_look(style, caps);
	s->attr = A_NORMAL;
	if (l.attr & LOOK_BOLD)
		s->attr |= A_BOLD;
	if (l.attr & LOOK_UNDERLINE)
		s->attr |= A_UNDERLINE;
	if (l.attr & LOOK_REVERSE)
		s->attr |= A_REVERSE;
	if (l.attr & LOOK_DIM)
		s->attr |= A_DIM;
	if (l.attr & LOOK_ITALIC)
		s->attr |= A_ITALIC;
	s->pair = 0;
	if (caps != LOOK_MONO && (l.fg >= 0 || l.bg >= 0)) {
		int	 p = alloc_pair(l.fg, l.bg);

		if (p > 0)
			s->pair = (short)p;
	}
	s->set = true;
	return s;
}

/*
 * Scrolling.
 *
 * curses cannot be told to keep a scroll region, nor that the terminal
 * scrolled: its own scrolling (a line-hash match between the screen and
 * the new frame) deletes a line at the band's top and moves back down.
 * So folio scrolls bands of whole rows that end at the bottom row itself
 * (canvas_find_scroll), in a region it sets once and leaves set, and
 * then has curses take the scrolled screen for what the terminal shows:
 * an update with curses' output sent to /dev/null (curses_take), after
 * which curses' screen, its line hashes and its cursor are all true
 * again, and the real update sends only the rows that came in.
 *
 * A region other than the whole screen is safe only while curses moves
 * no line and no cursor across its top margin, as curses knows nothing
 * of it: before an update that could (rows that moved but for the band,
 * canvas_rows_moved; region_check), folio sets the whole screen again,
 * or moves the cursor above the region itself.  After
 * a scroll the cursor is left where folio says (leaveok off), so that it
 * knows where the next scroll finds it: after the last cell written, as
 * a rule, where curses leaves it anyway (rest_guess).  After other
 * updates curses leaves it where it may, and a scroll starts with an
 * address.
 *
 * Everything folio sends itself goes out before the update's output,
 * between two updates, when curses' buffer is empty; terminfo strings
 * go through tputs() for their padding.
 */
static struct {
	const char	*csr, *sc, *rc, *ind, *ri, *indn, *rin;
	bool		 on;		/* folio scrolls */
	bool		 ind_cr;	/* a newline also returns */
} tsc;
/* The terminal's scroll region and cursor, -1 where not known. */
static int		 reg_top = -1, reg_bot = -1;
static int		 phys_y = -1, phys_x = -1;
static int		 devnull_fd = -1;
static int		 el_cost = 3;	/* bytes of an erase to the end */
static int		 take_fd = -1;	/* the tty, in curses_take() */
static char		 obuf[1024];
static size_t		 olen;

#define SCROLL_COST	4	/* bytes, about, of one scroll */
#define REGION_COST	24	/* ... of setting the region, and back */
#define CURSES_SCROLL_COST 20	/* ... of a scroll as curses does it */

static const char *
cap(const char *name)
{
	char	*s = tigetstr(name);

	return s == NULL || s == (char *)-1 || *s == '\0' ? NULL : s;
}

static void
out_flush(void)
{
	size_t	 off = 0;
	ssize_t	 r;

	while (off < olen) {
		r = write(out_fd, obuf + off, olen - off);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;	/* as curses does: a redraw repairs */
		off += (size_t)r;
	}
	olen = 0;
}

static int
out_ch(int ch)
{
	if (olen == sizeof obuf)
		out_flush();
	obuf[olen++] = (char)ch;
	return ch;
}

static void
out_cap(const char *s)
{
	tputs(s, 1, out_ch);
}

static void
scroll_init(void)
{
	struct termios	 t;

	memset(&tsc, 0, sizeof tsc);
	tsc.csr = cap("csr");
	tsc.sc = cap("sc");
	tsc.rc = cap("rc");
	tsc.ind = cap("ind");
	tsc.ri = cap("ri");
	tsc.indn = cap("indn");
	tsc.rin = cap("rin");
	if (cap("el") != NULL)
		el_cost = (int)strlen(cap("el"));
	if (tcgetattr(out_fd, &t) == 0 && (t.c_oflag & OPOST) &&
	    (t.c_oflag & (ONLCR | ONLRET)))
		tsc.ind_cr = true;
	if (devnull_fd < 0)
		devnull_fd = open("/dev/null", O_WRONLY | O_CLOEXEC);
	/* Terminals that keep what scrolls out, or clear it: curses'. */
	tsc.on = tsc.csr != NULL && tsc.sc != NULL && tsc.rc != NULL &&
	    (tsc.ind != NULL || tsc.indn != NULL) &&
	    (tsc.ri != NULL || tsc.rin != NULL) && devnull_fd >= 0 &&
	    tigetflag("da") <= 0 && tigetflag("db") <= 0 &&
	    tigetflag("ndscr") <= 0;
	/* curses starts, and resumes, with the whole screen. */
	reg_top = 0;
	reg_bot = LINES - 1;
	phys_y = phys_x = -1;
}

/* Set the scroll region, the cursor kept where it was. */
static void
region_set(int top, int bot)
{
	if (reg_top == top && reg_bot == bot)
		return;
	out_cap(tsc.sc);
	out_cap(tiparm(tsc.csr, top, bot));
	out_cap(tsc.rc);
	out_flush();
	reg_top = top;
	reg_bot = bot;
}

/* The whole screen, as curses expects it; at once. */
static void
region_full(void)
{
	if (tsc.on && (reg_top != 0 || reg_bot != LINES - 1))
		region_set(0, LINES - 1);
}

/*
 * Scroll the terminal's rows [top, bot] by n, the cursor kept; where it
 * is not known, it goes to column col of the band's edge, where the
 * row that comes in starts.
 */
static void
term_scroll(const struct canvas_scroll *s, int col)
{
	int		 m = s->n > 0 ? s->n : -s->n, edge, i;
	const char	*one = s->n > 0 ? tsc.ind : tsc.ri;
	const char	*many = s->n > 0 ? tsc.indn : tsc.rin;

	region_set(s->top, s->bot);
	edge = s->n > 0 ? s->bot : s->top;
	if (phys_y < 0) {
		/* Left where curses chose: put it somewhere known. */
		if (tsc.ind_cr && s->n > 0)
			col = 0;
		out_cap(tiparm(cursor_address, edge, col));
		phys_y = edge;
		phys_x = col;
	}
	if (one != NULL && phys_y == edge && (phys_x == 0 || !tsc.ind_cr ||
	    s->n < 0) && (m == 1 || many == NULL)) {
		/* The cursor is on the edge already: the plain one. */
		for (i = 0; i < m; i++)
			out_cap(one);
	} else if (many != NULL)	/* moves no cursor */
		out_cap(tiparm(many, m));
	else {
		out_cap(tsc.sc);
		out_cap(tiparm(cursor_address, edge, 0));
		for (i = 0; i < m; i++)
			out_cap(one);
		out_cap(tsc.rc);
	}
	out_flush();
}

/* The terminal back to curses, after curses_take() (or fatal() in it). */
static void
take_end(void)
{
	if (take_fd < 0)
		return;
	while (dup2(take_fd, out_fd) < 0 && errno == EINTR)
		;
	close(take_fd);
	take_fd = -1;
}

/*
 * Have curses take stdscr for what the terminal shows, and (y, x) for
 * where its cursor is: an update whose output goes to /dev/null.
 * (curses' mvcur() is no way to tell it: it writes to stdio's stdout.)
 */
static bool
curses_take(int y, int x)
{
	bool	 ok;

	if ((take_fd = dup(out_fd)) < 0)
		return false;
	leaveok(stdscr, FALSE);
	wmove(stdscr, y, x);
	wnoutrefresh(stdscr);
	ok = dup2(devnull_fd, out_fd) >= 0;
	if (ok)
		doupdate();
	take_end();
	return ok;
}

/* The terminal may show anything: draw it all again, from a known state. */
static void
redraw_all(void)
{
	front_valid = false;
	clearok(curscr, TRUE);
	reg_top = reg_bot = -1;
	phys_y = phys_x = -1;
}

static uint64_t
look_key(uint16_t style, void *arg)
{
	const struct styled *st = style_of(style);

	(void)arg;
	return (uint64_t)st->attr << 16 | (uint16_t)st->pair;
}

static bool
blank_cell(const struct cell *cl)
{
	return cl->len == 1 && cl->g[0] == ' ' &&
	    look_key(cl->style, NULL) == look_key(STYLE_DEFAULT, NULL);
}

/* Scroll a band of rows if that is cheaper than writing them; true if done. */
static bool
scroll_front(const struct canvas *c)
{
	static const struct cell blank = { STYLE_DEFAULT, 1, 1, " " };
	struct canvas_scroll s;
	struct canvas_scroll_costs costs = { look_key, NULL, SCROLL_COST, -1,
	    REGION_COST, CURSES_SCROLL_COST };
	int		 top = -1, col;

	if (reg_top > 0 && reg_bot == c->h - 1)
		top = reg_top;

	costs.region_top = top;
	if (!tsc.on || !canvas_find_scroll(front, c, &costs, &s))
		return false;
	/*
	 * Where other rows moved too (panes side by side: rows that moved
	 * but for the neighbours' part), curses would move them in its
	 * way, which would cost the region: leave it all to curses.
	 */
	if (scratch == NULL || scratch->w != c->w || scratch->h != c->h) {
		canvas_free(scratch);
		scratch = canvas_new(c->w, c->h, c->mode);
	}
	memcpy(scratch->cells, front->cells, (size_t)c->w * (size_t)c->h *
	    sizeof *c->cells);
	canvas_scroll(scratch, &s, &blank);
	if (canvas_rows_moved(scratch, c, look_key, NULL))
		return false;
	for (col = 0; col < c->w - 1; col++)
		if (!blank_cell(canvas_at(c, col, s.n > 0 ? s.bot : s.top)))
			break;
	term_scroll(&s, col);
	wsetscrreg(stdscr, s.top, s.bot);
	scrollok(stdscr, TRUE);
	wscrl(stdscr, s.n);
	scrollok(stdscr, FALSE);
	wsetscrreg(stdscr, 0, getmaxy(stdscr) - 1);
	canvas_scroll(front, &s, &blank);
	if (!curses_take(phys_y, phys_x)) {
		redraw_all();	/* curses' screen is wrong now */
		return false;
	}
	return true;
}

/* The first and last columns of row y that curses sees differ; false: none. */
static bool
row_changes(const struct canvas *c, int y, int *first, int *last)
{
	int	 x;

	*first = -1;
	for (x = 0; x < c->w; x++) {
		const struct cell *a = canvas_at(front, x, y);
		const struct cell *b = canvas_at(c, x, y);

		if (a->width == b->width && a->len == b->len &&
		    memcmp(a->g, b->g, a->len) == 0 &&
		    look_key(a->style, NULL) == look_key(b->style, NULL))
			continue;
		if (*first < 0)
			*first = x;
		*last = x;
	}
	return *first >= 0;
}

static bool
rows_change(const struct canvas *c)
{
	int	 y, first, last;

	for (y = 0; y < c->h; y++)
		if (row_changes(c, y, &first, &last))
			return true;
	return false;
}

/*
 * Where curses leaves the cursor after this update, about: after the
 * last cell it writes in the last row that changed (a blank tail it
 * clears from the last character).  A guess: leaveok off, curses moves
 * the cursor there in any case, for free when the guess is right.
 */
static void
rest_guess(const struct canvas *c, int *ry, int *rx)
{
	int	 y, first, last, x;

	for (y = c->h - 1; y >= 0; y--)
		if (row_changes(c, y, &first, &last))
			break;
	if (y < 0) {
		*ry = phys_y >= 0 ? phys_y : c->h - 1;
		*rx = phys_y >= 0 ? phys_x : 0;
		return;
	}
	/*
	 * A tail blank to the end of the row: curses writes the blanks up
	 * to where the old text ended, or, if that is longer than an erase,
	 * erases from the end of the new text.
	 */
	for (x = last + 1; x < c->w; x++)
		if (!blank_cell(canvas_at(c, x, y)))
			break;
	if (x == c->w) {
		int	 nl = last, ol = last;

		while (nl > first && blank_cell(canvas_at(c, nl, y)))
			nl--;
		while (ol > first && blank_cell(canvas_at(front, ol, y)))
			ol--;
		x = ol - nl > el_cost ? nl : ol > nl ? ol : nl;
		if (blank_cell(canvas_at(c, x, y)) && ol - nl > el_cost) {
			*rx = x;
			*ry = y;
			return;
		}
	} else
		x = last;
	*rx = x + (canvas_at(c, x, y)->width > 0 ? canvas_at(c, x, y)->width :
	    1);
	if (*rx >= c->w)
		*rx = 0;	/* the margin: curses forgets where it is */
	*ry = y;
}

/*
 * Before an update where curses moves no line itself: keep it off the
 * region's top margin.  It could clear the screen's bottom and climb
 * back: then the whole screen again.  Or, from a cursor in the region,
 * reach for a row above it with a cursor-up that the margin stops: then
 * folio sends the cursor to that row first, by address, and tells curses.
 */
static void
region_check(const struct canvas *c)
{
	int	 y, first, last, n;

	if (reg_top <= 0)
		return;
	/* curses clears the rows at the bottom that are blank now. */
	for (y = c->h - 1, n = 0; y >= 0; y--) {
		for (first = 0; first < c->w; first++)
			if (!blank_cell(canvas_at(c, first, y)))
				break;
		if (first < c->w)
			break;
		n += row_changes(c, y, &first, &last);
	}
	if (n > 0) {
		region_full();
		return;
	}
	if (phys_y >= 0 && phys_y < reg_top)
		return;
	for (y = 0; y < reg_top; y++)
		if (row_changes(c, y, &first, &last)) {
			out_cap(tiparm(cursor_address, y, first));
			out_flush();
			if (curses_take(y, first)) {
				phys_y = y;
				phys_x = first;
			} else
				region_full();	/* its cursor is wrong */
			break;
		}
}

/*
 * Write one cell.  The canvas said how wide it is; what is written must
 * take exactly that many columns in curses' (and so the terminal's) count,
 * or every cell after it on the row would be misplaced.
 */
static void
put_cell(int y, int x, const struct cell *cl)
{
	const struct styled *st = style_of(cl->style);
	wchar_t		 wc[CCHARW_MAX + 1];
	cchar_t		 cc;
	size_t		 n = 0, off = 0;
	int		 w, base_w, i;

	if (tmode == TEXT_ASCII || (cl->len == 1 &&
	    (unsigned char)cl->g[0] < 0x80)) {
		chtype	 ch = (unsigned char)cl->g[0];

		/* Belt and braces: the canvas holds only ASCII here. */
		if (ch < 0x20 || ch >= 0x7f || cl->len != 1)
			ch = '?';
		wattr_set(stdscr, st->attr, st->pair, NULL);
		mvwaddch(stdscr, y, x, ch);
		for (i = 1; i < cl->width; i++)
			waddch(stdscr, ' ');
		return;
	}
	/* A base, then only the zero-width code points that follow it. */
	while (off < cl->len && n < CCHARW_MAX) {
		ucs4_t	 uc;
		int	 k = u8_mbtoucr(&uc, (const uint8_t *)cl->g + off,
			     cl->len - off);

		if (k <= 0)
			break;
		w = wcwidth((wchar_t)uc);
		if (n > 0 && w != 0)
			break;
		wc[n++] = (wchar_t)uc;
		off += (size_t)k;
	}
	while (n > 1 && wc[n - 1] == 0x200d)	/* a ZWJ joining nothing */
		n--;
	wc[n] = L'\0';
	base_w = n > 0 ? wcwidth(wc[0]) : -1;
	if (base_w <= 0 || base_w > cl->width) {
		wc[0] = L'?';
		wc[1] = L'\0';
		base_w = 1;
	}
	setcchar(&cc, wc, st->attr, st->pair, NULL);
	/*
	 * curses combines a character's rendition with the window's: a
	 * cell of pair 0 after a highlighted ASCII cell would take its
	 * colors.  Set the window's to the cell's own first.
	 */
	wattr_set(stdscr, st->attr, st->pair, NULL);
	mvwadd_wch(stdscr, y, x, &cc);
	if (base_w < cl->width) {
		wattr_set(stdscr, st->attr, st->pair, NULL);
		for (i = base_w; i < cl->width; i++)
			waddch(stdscr, ' ');
	}
}

/* Copy the canvas to curses, only the cells that changed, and show it. */
static void
blit(const struct canvas *c)
{
	int	 x, y, want_cursor, ry = -1, rx = -1;
	bool	 moved, scrolled = false;

	if (front == NULL || front->w != c->w || front->h != c->h) {
		canvas_free(front);
		front = canvas_new(c->w, c->h, c->mode);
		front_valid = false;
	}
	if (front_valid)
		scrolled = scroll_front(c);
	/* Rows that moved but for a band folio scrolled: curses moves them. */
	moved = front_valid && canvas_rows_moved(front, c, look_key, NULL);
	if (!front_valid || moved)
		region_full();
	else
		region_check(c);
	/*
	 * After a scroll, another is likely: the cursor goes where folio
	 * knows it is.  Else curses leaves it after what it wrote last, which
	 * costs nothing, and the next scroll starts with an address.
	 */
	if (scrolled)
		rest_guess(c, &ry, &rx);
	else if (front_valid && phys_y >= 0 && !rows_change(c)) {
		ry = phys_y;	/* nothing to write: the cursor stays */
		rx = phys_x;
	}
	for (y = 0; y < c->h; y++)
		for (x = 0; x < c->w; x++) {
			const struct cell *cl = canvas_at(c, x, y);

			if (cl->width == 0)
				continue;
			if (front_valid && canvas_cell_eq(cl,
			    canvas_at(front, x, y)) && (cl->width == 1 ||
			    canvas_cell_eq(canvas_at(c, x + 1, y),
			    canvas_at(front, x + 1, y))))
				continue;
			put_cell(y, x, cl);
		}
	memcpy(front->cells, c->cells, (size_t)c->w * (size_t)c->h *
	    sizeof *c->cells);
	front_valid = true;
	want_cursor = c->cur_x >= 0 ? 1 : 0;
	if (want_cursor != cursor_shown) {
		curs_set(want_cursor);
		cursor_shown = want_cursor;
	}
	if (want_cursor) {
		ry = c->cur_y;
		rx = c->cur_x;
	}
	leaveok(stdscr, ry < 0 ? TRUE : FALSE);
	if (ry >= 0)
		wmove(stdscr, ry, rx);
	wnoutrefresh(stdscr);
	doupdate();
	phys_y = ry;
	phys_x = rx;
}

static void
term_size(int *w, int *h)
{
	struct winsize	 ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0 &&
	    ws.ws_row > 0) {
		*w = ws.ws_col;
		*h = ws.ws_row;
	} else {
		*w = COLS;
		*h = LINES;
	}
}

static void
do_resize(struct ui *ui)
{
	int	 w, h;

	got_winch = 0;
	term_size(&w, &h);
	if (w == COLS && h == LINES && w == ui->w && h == ui->h)
		return;
	resize_term(h, w);
	ui_resize(ui, w, h);
	redraw_all();
}

static void
do_suspend(struct ui *ui)
{
	sigset_t	 set;

	got_tstp = 0;
	/* Stopped, it may well be killed: save first. */
	uistate_save_now(ui);
	restore_terminal();
	catch(SIGTSTP, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	kill(0, SIGTSTP);
	/* ... stopped until the shell's fg ... */
	catch(SIGTSTP, on_signal);
	curses_on = true;
	reset_prog_mode();
	cursor_shown = -1;
	redraw_all();
	do_resize(ui);
}

/*
 * The editor (v) and the browser (o, which may be a terminal program) get
 * the terminal as the shell would give it: curses ends, the program runs
 * and is waited for, and curses starts again on a screen drawn whole (the
 * program left anything on it, at any size).
 */
static void
hand_over(struct ui *ui, bool (*run)(struct ui *))
{
	uistate_save_now(ui);
	restore_terminal();
	(void)run(ui);
	/* A ^Z the program passed on to us was for it: it is over. */
	got_tstp = 0;
	curses_on = true;
	reset_prog_mode();
	cursor_shown = -1;
	redraw_all();
	do_resize(ui);
}

static bool
mouse_key(struct key *k)
{
	MEVENT	 ev;

	if (getmouse(&ev) != OK)
		return false;
	k->code = KEYC_MOUSE;
	k->mx = ev.x;
	k->my = ev.y;
	if (ev.bstate & BUTTON4_PRESSED)
		k->mouse = MOUSE_WHEEL_UP;
#ifdef BUTTON5_PRESSED
	else if (ev.bstate & BUTTON5_PRESSED)
		k->mouse = MOUSE_WHEEL_DOWN;
#endif
	else if (ev.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED))
		k->mouse = MOUSE_CLICK;
	else
		return false;
	return true;
}

/* curses' key codes -> ours.  false: nothing to pass on. */
static bool
translate(int r, wint_t wc, struct key *k)
{
	static const struct {
		int		 curses;
		uint32_t	 ours;
	} map[] = {
		{ KEY_UP, KEYC_UP }, { KEY_DOWN, KEYC_DOWN },
		{ KEY_LEFT, KEYC_LEFT }, { KEY_RIGHT, KEYC_RIGHT },
		{ KEY_PPAGE, KEYC_PGUP }, { KEY_NPAGE, KEYC_PGDN },
		{ KEY_HOME, KEYC_HOME }, { KEY_END, KEYC_END },
		{ KEY_IC, KEYC_INSERT }, { KEY_DC, KEYC_DELETE },
		{ KEY_BACKSPACE, KEYC_BACKSPACE }, { KEY_ENTER, KEYC_ENTER },
		{ KEY_BTAB, KEYC_BTAB },
	};
	size_t	 i;

	memset(k, 0, sizeof *k);
	if (r == KEY_CODE_YES) {
		if (wc == KEY_MOUSE)
			return mouse_key(k);
		if (wc >= KEY_F(1) && wc <= KEY_F(12)) {
			k->code = KEYC_F1 + (uint32_t)(wc - KEY_F(1));
			return true;
		}
		for (i = 0; i < sizeof map / sizeof map[0]; i++)
			if ((int)wc == map[i].curses) {
				k->code = map[i].ours;
				return true;
			}
		return false;	/* KEY_RESIZE and keys we do not bind */
	}
	switch (wc) {
	case '\r':
	case '\n':
		k->code = KEYC_ENTER;
		break;
	case 0x7f:
	case 0x08:
		k->code = KEYC_BACKSPACE;
		break;
	default:
		k->code = (uint32_t)wc;
		break;
	}
	return true;
}

/* Apply every key that is waiting; returns false when the UI is done. */
static bool
read_keys(struct ui *ui)
{
	struct key	 k;
	wint_t		 wc, wc2;
	int		 r, r2;

	while ((r = wget_wch(stdscr, &wc)) != ERR) {
		if (!translate(r, wc, &k))
			continue;
		if (r == OK && wc == KEYC_ESC) {
			/* Esc and a key at once: Alt and that key. */
			r2 = wget_wch(stdscr, &wc2);
			if (r2 == OK) {
				translate(r2, wc2, &k);
				k.mods |= KEYC_M_ALT;
			} else if (r2 == KEY_CODE_YES)
				unget_wch(wc2);	/* not expected; keep it */
		}
		ui_key(ui, &k);
		uistate_tick(ui, state_clock_ms());
		if (ui->req & UI_REQ_SUSPEND) {
			ui->req &= ~UI_REQ_SUSPEND;
			do_suspend(ui);
		}
		if (ui->req & UI_REQ_EDIT) {
			ui->req &= ~UI_REQ_EDIT;
			hand_over(ui, uifiles_edit_run);
		}
		if (ui->req & UI_REQ_BROWSE) {
			ui->req &= ~UI_REQ_BROWSE;
			hand_over(ui, uifiles_browse_run);
		}
		if (ui_done(ui, NULL))
			return false;
	}
	return true;
}

static void
drain_pipe(void)
{
	char	 buf[64];

	while (read(sigpipe_fd[0], buf, sizeof buf) > 0)
		;
}

/*
 * poll()'s timeout t, shortened to wake when typing has paused
 * (uisearch_pause_ms()): then the search counts its matches in the whole
 * collection, which may take tens of milliseconds at 100,000 articles.
 */
static int
search_timeout(struct ui *ui, uint64_t last_key, int t)
{
	uint64_t	 now = state_clock_ms(), pause;
	int		 mine;

	/* A count under way wakes the loop itself (uisearch_fd()). */
	if (!uisearch_busy(ui) || uisearch_counting(ui))
		return t;
	pause = (uint64_t)uisearch_pause_ms(ui);
	mine = now - last_key >= pause ? 0 : (int)(pause - (now - last_key));
	return t < 0 || mine < t ? mine : t;
}

/*
 * ui_run() in three steps: run_setup() checks the terminal, starts curses
 * and makes the UI; run_step() is one turn of the loop (draw, wait for a
 * key, a signal or a thread, take what came); run_teardown() saves,
 * restores the terminal and frees what setup made.
 */
struct run {
	struct ui	*ui;
	struct pollfd	 pfd[4];	/* keys, signals, index, F */
	int		 status;
	bool		 started;	/* the background builds */
	uint64_t	 last_key, start_at;
};

/* 0, or the exit status when the interface cannot start. */
static int
run_setup(struct run *r, struct store *store, struct uiload *ld,
    struct cache_found *ci, const struct options *o)
{
	struct ui	*ui;
	struct state_opts so = { 0 };
	int		 rc, w, h, in_fd;

	tmode = text_mode_from_locale();
	if ((rc = term_check()) != 0) {
		uiload_free(ld);
		return rc;
	}

	in_fd = STDIN_FILENO;
	if (!isatty(STDIN_FILENO)) {
		if ((tty_in = fopen("/dev/tty", "r")) == NULL) {
			diag_say("/dev/tty: cannot read keys");
			uiload_free(ld);
			return 2;
		}
		in_fd = fileno(tty_in);
	}
	if (pipe(sigpipe_fd) != 0)
		fatal("pipe: %s", strerror(errno));
	fcntl(sigpipe_fd[0], F_SETFL, O_NONBLOCK);
	fcntl(sigpipe_fd[1], F_SETFL, O_NONBLOCK);
	fcntl(sigpipe_fd[0], F_SETFD, FD_CLOEXEC);
	fcntl(sigpipe_fd[1], F_SETFD, FD_CLOEXEC);
	/* Ours before curses starts, so it installs none of its own. */
	catch(SIGWINCH, on_signal);
	catch(SIGTSTP, on_signal);
	catch(SIGCONT, on_signal);
	catch(SIGINT, on_signal);
	catch(SIGTERM, on_signal);
	catch(SIGHUP, on_signal);
	catch(SIGQUIT, on_signal);

	/* Its own descriptor: Scrolling swaps it for /dev/null at times. */
	if ((out_fd = dup(STDOUT_FILENO)) < 0 ||
	    (out_fp = fdopen(out_fd, "w")) == NULL)
		fatal("stdout: %s", strerror(errno));
	fcntl(out_fd, F_SETFD, FD_CLOEXEC);
	scr = newterm(NULL, out_fp, tty_in != NULL ? tty_in : stdin);
	if (scr == NULL) {
		diag_say("cannot start the terminal interface");
		uiload_free(ld);
		fclose(out_fp);
		out_fp = NULL;
		out_fd = -1;
		return 2;
	}
	curses_on = true;
	fatal_set_hook(restore_terminal);
	styled = xcalloc(65536, sizeof *styled);
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	meta(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	idlok(stdscr, TRUE);
	scrollok(stdscr, FALSE);
	set_escdelay(25);
	/* An update cut short by a key would leave the cursor unknown. */
	typeahead(-1);
	curs_set(0);
	cursor_shown = 0;
	leaveok(stdscr, FALSE);
	scroll_init();
	decide_caps(o);
	if (o->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED
#ifdef BUTTON5_PRESSED
		    | BUTTON5_PRESSED
#endif
		    , NULL);
		mouseinterval(0);
	} else
		mousemask(0, NULL);

	term_size(&w, &h);
	if (w != COLS || h != LINES)
		resize_term(h, w);
	ui = r->ui = ui_new(store, o, tmode, w, h);
	so.no_state = o->no_state;
	/* A first part: the loader opened the state to know what to read. */
	uistate_attach(ui, ld != NULL ? uiload_take_state(ld) :
	    state_open(store, &so));
	uiload_attach(ui, ld);
	if (ci != NULL)
		uicache_attach(ui, ci);
	relui_set_budget(ui, MARKS_BUDGET_MS);
	if (tmode == TEXT_ASCII && ui->msg == NULL)
		ui_hint(ui, "ASCII only: the locale is not UTF-8 "
		    "(LANG=C.UTF-8 shows more)");

	r->pfd[0].fd = in_fd;
	r->pfd[0].events = POLLIN;
	r->pfd[1].fd = sigpipe_fd[0];
	r->pfd[1].events = POLLIN;
	r->pfd[2].events = POLLIN;
	r->pfd[3].events = POLLIN;
	return 0;
}

/* The background builds, once they are due: true when they start. */
static bool
builds_start(struct run *r)
{
	if (r->started || uiload_busy(r->ui) || r->start_at == 0 ||
	    state_clock_ms() < r->start_at)
		return false;
	r->started = true;
	uisearch_start(r->ui);
	relui_start(r->ui, sigpipe_fd[1]);
	return true;
}

/* One turn of the loop; false when the interface is done. */
static bool
run_step(struct run *r)
{
	struct ui	*ui = r->ui;
	unsigned	 req;
	bool		 loading;
	int		 timeout;

	relui_poll(ui);
	uicache_poll(ui, sigpipe_fd[1]);
	relui_frame(ui);
	ui_draw(ui);
	blit(ui->canvas);
	/* The rest of a large collection, behind the first screen. */
	uiload_start(ui, sigpipe_fd[1]);
	loading = uiload_busy(ui);
	/*
	 * The index and related paragraphs are built in the
	 * background, behind the first screen (at 100,000 articles
	 * they would delay it by seconds), at a lower priority than
	 * keys; each wakes the loop.  They start a moment after the
	 * first screen, or at the first key, so that the terminal
	 * (tmux, sshd) gets the screen out before they take the CPU;
	 * and not before the whole collection is in, but then at once:
	 * the first screen went out long before (waiting would leave the
	 * status line saying nothing while nothing answers yet).
	 */
	if (!r->started && loading)
		r->start_at = 1;
	if (!r->started && !loading && r->start_at == 0)
		r->start_at = state_clock_ms() + BUILD_DELAY_MS;
	else if (builds_start(r))
		return true;	/* say so on the screen at once */
	/* The index thread's pipe (it changes on a reload). */
	r->pfd[2].fd = uisearch_fd(ui);
	r->pfd[2].revents = 0;
	r->pfd[3].fd = uifiles_fd(ui);	/* -1: poll() passes it by */
	r->pfd[3].revents = 0;
	r->pfd[0].revents = 0;
	timeout = search_timeout(ui, r->last_key, relui_timeout(ui,
	    uistate_timeout(ui, state_clock_ms())));
	/* While loading, the status line's count now and then. */
	timeout = uiload_timeout(ui, timeout);
	timeout = uifiles_timeout(ui, timeout);
	if (!r->started && !loading) {
		uint64_t now = state_clock_ms();
		int	 wait = r->start_at > now ?
		    (int)(r->start_at - now) : 0;

		if (timeout < 0 || wait < timeout)
			timeout = wait;
	}
	if (poll(r->pfd, 4, timeout) < 0 &&
	    errno != EINTR)
		fatal("poll: %s", strerror(errno));
	if (!r->started && (r->pfd[0].revents & POLLIN))
		r->start_at = 1;	/* a key: start now */
	drain_pipe();
	(void)uiload_poll(ui);
	/* A load just ended: no frame without the builds' "indexing...". */
	(void)builds_start(r);
	uisearch_poll(ui);
	(void)uifiles_poll(ui);
	/* Typing has paused: count the search's matches now. */
	if (!(r->pfd[0].revents & POLLIN) && uisearch_busy(ui) &&
	    state_clock_ms() - r->last_key >=
	    (uint64_t)uisearch_pause_ms(ui))
		uisearch_idle(ui);
	if (r->pfd[0].revents & POLLIN)
		r->last_key = state_clock_ms();
	uistate_tick(ui, state_clock_ms());
	if (got_exit) {
		r->status = 128 + got_exit;
		return false;
	}
	if (got_tstp)
		do_suspend(ui);
	if (got_cont) {
		got_cont = 0;
		redraw_all();
	}
	if (!read_keys(ui)) {
		ui_done(ui, &r->status);
		return false;
	}
	if (got_exit) {
		r->status = 128 + got_exit;
		return false;
	}
	/* A storm of resizes is one resize, to the last size. */
	if (got_winch)
		do_resize(ui);
	req = ui_requests(ui);
	if (req & UI_REQ_REDRAW)
		redraw_all();
	if (req & UI_REQ_SUSPEND)
		do_suspend(ui);
	return true;
}

/* Returns the exit status; *store as ui_run() leaves it. */
static int
run_teardown(struct run *r, struct store **store)
{
	struct ui	*ui = r->ui;
	bool		 abandoned;

	uistate_save_last(ui);
	restore_terminal();
	fatal_set_hook(NULL);
	/* Nothing lost without a word: a state not saved fails the run. */
	if (uistate_print_unshown(ui, stderr) && r->status == 0)
		r->status = 2;
	delscreen(scr);
	scr = NULL;
	fclose(out_fp);
	out_fp = NULL;
	out_fd = -1;
	if (devnull_fd >= 0)
		close(devnull_fd);
	devnull_fd = -1;
	/* A build still reading the store: the process ends without freeing it. */
	abandoned = relui_abandon(ui);
	if (uisearch_abandon(ui))
		abandoned = true;
	*store = ui_take_store(ui);
	if (abandoned)
		*store = NULL;
	ui_free(ui);
	canvas_free(front);
	front = NULL;
	canvas_free(scratch);
	scratch = NULL;
	free(styled);
	styled = NULL;
	if (tty_in != NULL)
		fclose(tty_in);
	tty_in = NULL;
	/*
	 * Only now: ui_free() joined the related build unless it was
	 * abandoned, and an abandoned one never writes to the pipe.
	 */
	close(sigpipe_fd[0]);
	close(sigpipe_fd[1]);
	sigpipe_fd[0] = sigpipe_fd[1] = -1;
	catch(SIGWINCH, SIG_DFL);
	catch(SIGTSTP, SIG_DFL);
	catch(SIGCONT, SIG_DFL);
	catch(SIGINT, SIG_DFL);
	catch(SIGTERM, SIG_DFL);
	catch(SIGHUP, SIG_DFL);
	catch(SIGQUIT, SIG_DFL);
	return r->status;
}

int
ui_run(struct store **store, struct uiload *ld, struct cache_found *ci,
    const struct options *o)
{
	struct run	 r = { 0 };
	int		 rc;

	if ((rc = run_setup(&r, *store, ld, ci, o)) != 0)
		return rc;
	while (run_step(&r))
		;
	return run_teardown(&r, store);
}
