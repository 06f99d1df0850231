/*
 * ui-files.c - the editor (v) and the wait for new articles (F); see
 * ui-files.h.
 *
 * Data: struct uifiles (ui->ufiles), the feature's own.  Invariants:
 *   - edit is the path v asked the terminal layer to edit, with its
 *     stat as it was then (est), until uifiles_edit_run() takes it;
 *   - ifd >= 0 only while watching; dirs and their times are the
 *     directories watched (the collection's, hidden ones left out, as the
 *     loader leaves them out), remade after every reload;
 *   - url is the URL o asked the terminal layer to open, until
 *     uifiles_browse_run() takes it; while asking, it waits for the
 *     person's y (any other key: no);
 *   - swapping is true only inside the reload the watch makes itself:
 *     then, and only then, the store's swap picks the article to open
 *     (newest, SIZE_MAX: none came).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_SYS_INOTIFY_H
#include <sys/inotify.h>
#endif

#include "keymap.h"
#include "store.h"
#include "style.h"
#include "ui-files.h"
#include "ui-load.h"
#include "ui-model.h"
#include "util.h"

extern char **environ;

/* Looking again sooner would spin on a busy directory. */
#define WATCH_EVERY_MS	1000
/* After an event, a moment for the file to be written whole. */
#define WATCH_SETTLE_MS	200
/* Directories deeper than this are not watched (nor, in practice, read). */
#define WATCH_DEPTH	32

#define WAITING	"Waiting for new articles... (any key to stop)"

struct uifiles {
	char		*edit;
	struct stat	 est;
	char		*url;
	bool		 asking;

	bool		 watching;
	int		 ifd;
	char		**dirs;
	struct timespec	*times;
	size_t		 ndirs, dcap;
	uint64_t	 due;		/* the next look (ms); 0: none */
	uint64_t	 last;		/* the last reload (ms) */
	bool		 swapping;
	size_t		 open;		/* what the swap picked */
};

static uint64_t
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static int
cmp_time(const struct timespec *a, const struct timespec *b)
{
	if (a->tv_sec != b->tv_sec)
		return a->tv_sec < b->tv_sec ? -1 : 1;
	if (a->tv_nsec != b->tv_nsec)
		return a->tv_nsec < b->tv_nsec ? -1 : 1;
	return 0;
}

/* --- the editor ---------------------------------------------------------- */

char **
uifiles_editor_argv(const char *visual, const char *editor, const char *path)
{
	const char	*cmd = visual, *p, *e;
	char		**argv;
	size_t		 n = 0, cap = 4;

	if (cmd == NULL || strspn(cmd, " \t") == strlen(cmd))
		cmd = editor;
	if (cmd == NULL || strspn(cmd, " \t") == strlen(cmd))
		cmd = "vi";
	argv = xreallocarray(NULL, cap, sizeof *argv);
	for (p = cmd; *p != '\0'; p = e) {
		p += strspn(p, " \t");
		if (*p == '\0')
			break;
		e = p + strcspn(p, " \t");
		if (n + 2 >= cap) {
			cap *= 2;
			argv = xreallocarray(argv, cap, sizeof *argv);
		}
		argv[n++] = xstrndup(p, (size_t)(e - p));
	}
	argv[n++] = path[0] == '-' || path[0] == '+' ?
	    xasprintf("./%s", path) : xstrdup(path);
	argv[n] = NULL;
	return argv;
}

void
uifiles_argv_free(char **argv)
{
	size_t	 i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

static void
ui_act_edit(struct ui *ui, int act, const struct key *k)
{
	struct uifiles	*f = ui->ufiles;
	const struct article *a = &ui->store->arts[ui->art];
	struct stat	 st;

	if (ui->store->nroots == 0) {
		ui_message(ui, STYLE_ERROR,
		    "this article was not read from a file: nothing to edit");
		return;
	}
	if (stat(a->path, &st) < 0) {
		ui_message(ui, STYLE_ERROR, "cannot edit %s: %s", a->path,
		    strerror(errno));
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		ui_message(ui, STYLE_ERROR,
		    "cannot edit %s: not a regular file", a->path);
		return;
	}
	free(f->edit);
	f->edit = xstrdup(a->path);
	f->est = st;
	ui->req |= UI_REQ_EDIT;
}

/*
 * Wait for the editor.  Stopped (^Z in it), it stops folio too, so that
 * the shell gets the terminal back; fg continues both.
 */
static int
wait_child(pid_t pid)
{
	int	 ws;

	for (;;) {
		if (waitpid(pid, &ws, WUNTRACED) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (!WIFSTOPPED(ws))
			return ws;
		raise(SIGSTOP);
		kill(pid, SIGCONT);
	}
}

static int
spawn(char **argv, pid_t *pid)
{
	static const int sigs[] = { SIGINT, SIGQUIT, SIGPIPE, SIGTSTP,
	    SIGTERM, SIGHUP, SIGWINCH, SIGCONT, SIGTTIN, SIGTTOU };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t at;
	sigset_t	 def, none;
	size_t		 i;
	int		 rc, tty = -1;

	/* The editor starts with every signal as an editor expects it. */
	sigemptyset(&def);
	for (i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		sigaddset(&def, sigs[i]);
	sigemptyset(&none);
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigdefault(&at, &def);
	posix_spawnattr_setsigmask(&at, &none);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGDEF |
	    POSIX_SPAWN_SETSIGMASK);
	posix_spawn_file_actions_init(&fa);
	/* Keys come from the terminal, whatever folio's stdin is. */
	if (!isatty(STDIN_FILENO) &&
	    (tty = open("/dev/tty", O_RDWR | O_CLOEXEC)) >= 0)
		posix_spawn_file_actions_adddup2(&fa, tty, STDIN_FILENO);
	rc = posix_spawnp(pid, argv[0], &fa, &at, argv, environ);
	if (tty >= 0)
		close(tty);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&at);
	return rc;
}

/*
 * Run argv and wait for it, as system() does: ^C and ^\ are the child's
 * while it runs.  Returns spawn()'s error (0: it ran), its wait status in
 * *ws (-1 when it did not run).
 */
static int
run_waited(char **argv, int *ws)
{
	struct sigaction ign, oint, oquit;
	pid_t		 pid;
	int		 rc;

	memset(&ign, 0, sizeof ign);
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGINT, &ign, &oint);
	sigaction(SIGQUIT, &ign, &oquit);
	rc = spawn(argv, &pid);
	*ws = rc == 0 ? wait_child(pid) : -1;
	sigaction(SIGINT, &oint, NULL);
	sigaction(SIGQUIT, &oquit, NULL);
	return rc;
}

static void	reload(struct ui *);

bool
uifiles_edit_run(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;
	struct stat	 st;
	char		**argv;
	char		*path;
	int		 rc, ws;

	if (f == NULL || f->edit == NULL)
		return false;
	path = f->edit;
	f->edit = NULL;
	argv = uifiles_editor_argv(getenv("VISUAL"), getenv("EDITOR"), path);
	rc = run_waited(argv, &ws);
	if (rc != 0) {
		ui_message(ui, STYLE_ERROR, "cannot run the editor %s: %s",
		    argv[0], strerror(rc));
		uifiles_argv_free(argv);
		free(path);
		return false;
	}
	if (stat(path, &st) == 0 && (st.st_size != f->est.st_size ||
	    st.st_ino != f->est.st_ino ||
	    cmp_time(&st.st_mtim, &f->est.st_mtim) != 0)) {
		reload(ui);
		ui_message(ui, STYLE_MESSAGE, uiload_busy(ui) ?
		    "%s changed: reloading..." : "%s changed: reloaded", path);
	} else if (ws != -1 && WIFEXITED(ws) && WEXITSTATUS(ws) != 0)
		ui_message(ui, STYLE_ERROR, "%s: the editor %s exited with "
		    "status %d", path, argv[0], WEXITSTATUS(ws));
	else if (ws != -1 && WIFSIGNALED(ws))
		ui_message(ui, STYLE_ERROR, "%s: the editor %s was killed by "
		    "signal %d", path, argv[0], WTERMSIG(ws));
	else
		ui_message(ui, STYLE_MESSAGE, "%s: not changed", path);
	uifiles_argv_free(argv);
	free(path);
	return true;
}

/* --- the browser --------------------------------------------------------- */

bool
uifiles_url_ok(const uint8_t *url, size_t n)
{
	size_t	 i, k;

	if (n >= 7 && strncasecmp((const char *)url, "http://", 7) == 0)
		k = 7;
	else if (n >= 8 && strncasecmp((const char *)url, "https://", 8) == 0)
		k = 8;
	else
		return false;
	if (n == k || url[k] == '/')
		return false;	/* no host */
	for (i = 0; i < n; i++)
		if (url[i] <= 0x20 || url[i] >= 0x7f)
			return false;
	return true;
}

char **
uifiles_browser_argv(const char *browser, const char *url)
{
	const char	*p, *e, *end;
	char		**argv;
	size_t		 n = 0, cap = 4;
	bool		 put = false;

	/* $BROWSER is a list, "firefox:lynx": its first that is not empty. */
	p = browser != NULL ? browser : "";
	for (;;) {
		end = p + strcspn(p, ":");
		if (strspn(p, " \t") < (size_t)(end - p) || *end == '\0')
			break;
		p = end + 1;
	}
	if (strspn(p, " \t") >= (size_t)(end - p)) {
		p = "xdg-open";
		end = p + strlen(p);
	}
	argv = xreallocarray(NULL, cap, sizeof *argv);
	for (; p < end; p = e) {
		p += strspn(p, " \t");
		if (p >= end)
			break;
		e = p + strcspn(p, " \t");
		if (e > end)
			e = end;
		if (n + 2 >= cap) {
			cap *= 2;
			argv = xreallocarray(argv, cap, sizeof *argv);
		}
		if (e - p == 2 && p[0] == '%' && p[1] == 's') {
			argv[n++] = xstrdup(url);
			put = true;
		} else
			argv[n++] = xstrndup(p, (size_t)(e - p));
	}
	if (!put)
		argv[n++] = xstrdup(url);
	argv[n] = NULL;
	return argv;
}

static bool
set(const char *v)
{
	return v != NULL && *v != '\0';
}

bool
uifiles_browse_asks(const char *ssh_connection, const char *ssh_tty,
    const char *display, const char *wayland_display)
{
	return (set(ssh_connection) || set(ssh_tty)) && !set(display) &&
	    !set(wayland_display);
}

static void
ui_act_browse(struct ui *ui, int act, const struct key *k)
{
	struct uifiles	*f = ui->ufiles;
	size_t		 art = ui->focus == PANE_LIST ? ui->sel : ui->art;
	const struct meta *u = ui->store->arts[art].url;

	if (u == NULL) {
		ui_message(ui, STYLE_MESSAGE, "this article has no URL");
		return;
	}
	if (!uifiles_url_ok(u->val, u->val_len)) {
		ui_message(ui, STYLE_ERROR, "not opened: only an http or "
		    "https URL goes to the browser");
		return;
	}
	free(f->url);
	f->url = xstrndup((const char *)u->val, u->val_len);
	if (uifiles_browse_asks(getenv("SSH_CONNECTION"), getenv("SSH_TTY"),
	    getenv("DISPLAY"), getenv("WAYLAND_DISPLAY"))) {
		f->asking = true;
		ui_message(ui, STYLE_MESSAGE, "no display over SSH: open %s "
		    "here anyway? (y/n)", f->url);
		return;
	}
	ui->req |= UI_REQ_BROWSE;
}

/* The answer to the question over SSH: y opens, any other key does not. */
static void
browse_answer(struct ui *ui, const struct key *k)
{
	struct uifiles	*f = ui->ufiles;

	f->asking = false;
	if ((k->code == 'y' || k->code == 'Y') && k->mods == 0) {
		ui->req |= UI_REQ_BROWSE;
		return;
	}
	free(f->url);
	f->url = NULL;
	ui_message(ui, STYLE_MESSAGE, "not opened");
}

bool
uifiles_browse_run(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;
	char		**argv;
	int		 rc, ws;

	if (f == NULL || f->url == NULL || f->asking)
		return false;
	argv = uifiles_browser_argv(getenv("BROWSER"), f->url);
	free(f->url);
	f->url = NULL;
	rc = run_waited(argv, &ws);
	if (rc != 0)
		ui_message(ui, STYLE_ERROR, "cannot run the browser %s: %s",
		    argv[0], strerror(rc));
	else if (ws != -1 && WIFEXITED(ws) && WEXITSTATUS(ws) != 0)
		ui_message(ui, STYLE_ERROR, "the browser %s exited with "
		    "status %d", argv[0], WEXITSTATUS(ws));
	else if (ws != -1 && WIFSIGNALED(ws))
		ui_message(ui, STYLE_ERROR, "the browser %s was killed by "
		    "signal %d", argv[0], WTERMSIG(ws));
	else
		ui_message(ui, STYLE_MESSAGE, "opened in %s", argv[0]);
	uifiles_argv_free(argv);
	return rc == 0;
}

/* --- watching the directories -------------------------------------------- */

static void
dirs_add(struct uifiles *f, const char *path, const struct stat *st)
{
	if (f->ndirs == f->dcap) {
		f->dcap = f->dcap ? f->dcap * 2 : 16;
		f->dirs = xreallocarray(f->dirs, f->dcap, sizeof *f->dirs);
		f->times = xreallocarray(f->times, f->dcap, sizeof *f->times);
	}
	f->dirs[f->ndirs] = xstrdup(path);
	f->times[f->ndirs] = st->st_mtim;
	f->ndirs++;
}

/* Is this directory (dev, ino) among those found?  (A link loop.) */
static bool
dirs_seen(const struct stat *st, const dev_t *devs, const ino_t *inos,
    size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (devs[i] == st->st_dev && inos[i] == st->st_ino)
			return true;
	return false;
}

struct dirwalk {
	dev_t	*devs;
	ino_t	*inos;
	size_t	 n, cap;
};

static void
dirs_walk(struct uifiles *f, struct dirwalk *w, const char *path, int depth)
{
	struct stat	 st;
	struct dirent	*de;
	DIR		*d;
	char		*sub;

	if (depth > WATCH_DEPTH || stat(path, &st) < 0 ||
	    !S_ISDIR(st.st_mode) || dirs_seen(&st, w->devs, w->inos, w->n))
		return;
	if (w->n == w->cap) {
		w->cap = w->cap ? w->cap * 2 : 16;
		w->devs = xreallocarray(w->devs, w->cap, sizeof *w->devs);
		w->inos = xreallocarray(w->inos, w->cap, sizeof *w->inos);
	}
	w->devs[w->n] = st.st_dev;
	w->inos[w->n] = st.st_ino;
	w->n++;
	dirs_add(f, path, &st);
	if ((d = opendir(path)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;	/* hidden, "." and "..": as loading */
#ifdef DT_DIR
		if (de->d_type != DT_DIR && de->d_type != DT_LNK &&
		    de->d_type != DT_UNKNOWN)
			continue;
#endif
		sub = xasprintf("%s%s%s", path,
		    path[strlen(path) - 1] == '/' ? "" : "/", de->d_name);
		dirs_walk(f, w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

static void
watch_close(struct uifiles *f)
{
	size_t	 i;

	if (f->ifd >= 0)
		close(f->ifd);
	f->ifd = -1;
	for (i = 0; i < f->ndirs; i++)
		free(f->dirs[i]);
	free(f->dirs);
	free(f->times);
	f->dirs = NULL;
	f->times = NULL;
	f->ndirs = f->dcap = 0;
}

/* Watch the collection's directories (inotify, else their times). */
static void
watch_open(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;
	struct dirwalk	 w = { 0 };
	size_t		 i;

	watch_close(f);
	for (i = 0; i < ui->store->nroots; i++)
		dirs_walk(f, &w, ui->store->roots[i], 0);
	free(w.devs);
	free(w.inos);
#ifdef HAVE_SYS_INOTIFY_H
	if (f->ndirs > 0 &&
	    (f->ifd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) >= 0)
		for (i = 0; i < f->ndirs; i++)
			if (inotify_add_watch(f->ifd, f->dirs[i], IN_CREATE |
			    IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM |
			    IN_DELETE | IN_ONLYDIR) < 0) {
				/* Out of watches: look at the times instead. */
				close(f->ifd);
				f->ifd = -1;
				break;
			}
#endif
	f->due = f->ifd >= 0 ? 0 : now_ms() + WATCH_EVERY_MS;
}

/* The newest of the articles whose flag is not set (NULL: any). */
static size_t
newest(const struct store *s, const uint8_t *old)
{
	size_t	 i, best = SIZE_MAX;

	for (i = 0; i < s->narts; i++) {
		if (old != NULL && old[i])
			continue;
		/* Ties go to the later one, as a directory's order runs. */
		if (best == SIZE_MAX ||
		    cmp_time(&s->arts[i].mtime, &s->arts[best].mtime) >= 0)
			best = i;
	}
	return best;
}

static void
watch_stop(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;

	f->watching = false;
	watch_close(f);
}

static void
ui_act_watch(struct ui *ui, int act, const struct key *k)
{
	struct uifiles	*f = ui->ufiles;
	size_t		 art;

	if (ui->store->nroots == 0) {
		ui_message(ui, STYLE_ERROR,
		    "the collection was not read from files: nothing to watch");
		return;
	}
	watch_open(ui);
	if (f->ndirs == 0) {
		watch_close(f);
		ui_message(ui, STYLE_ERROR, "no directory to watch: the "
		    "collection is only the files named");
		return;
	}
	f->watching = true;
	f->last = 0;
	art = newest(ui->store, NULL);
	if (art != SIZE_MAX && art != ui->art) {
		ui_remember(ui);
		ui_open(ui, art, -1);
	}
	ui_focus(ui, PANE_READER);
	ui_message(ui, STYLE_PROMPT, WAITING);
}

bool
uifiles_watching(const struct ui *ui)
{
	return ui->ufiles != NULL && ui->ufiles->watching;
}

int
uifiles_fd(const struct ui *ui)
{
	return uifiles_watching(ui) ? ui->ufiles->ifd : -1;
}

int
uifiles_timeout(const struct ui *ui, int t)
{
	const struct uifiles *f = ui->ufiles;
	uint64_t	 now;
	int		 mine;

	if (!uifiles_watching(ui) || f->due == 0)
		return t;
	now = now_ms();
	mine = f->due <= now ? 0 : (int)(f->due - now);
	return t < 0 || mine < t ? mine : t;
}

/* Did an event come (inotify), or did a directory's time change? */
static bool
changed(struct uifiles *f)
{
	struct stat	 st;
	size_t		 i;
	bool		 any = false;

#ifdef HAVE_SYS_INOTIFY_H
	if (f->ifd >= 0) {
		char	 buf[4096]
		    __attribute__((aligned(__alignof__(struct inotify_event))));
		const struct inotify_event *ev;
		ssize_t	 n, off;

		while ((n = read(f->ifd, buf, sizeof buf)) > 0)
			for (off = 0; off + (ssize_t)sizeof *ev <= n;
			    off += (ssize_t)(sizeof *ev + ev->len)) {
				ev = (const struct inotify_event *)(buf + off);
				/* hidden: an editor's, rsync's; no article */
				if (ev->len == 0 || ev->name[0] != '.')
					any = true;
			}
		return any;
	}
#endif
	for (i = 0; i < f->ndirs; i++)
		if (stat(f->dirs[i], &st) < 0 ||
		    cmp_time(&st.st_mtim, &f->times[i]) != 0) {
			any = true;
			if (stat(f->dirs[i], &st) == 0)
				f->times[i] = st.st_mtim;
		}
	return any;
}

static void
reload(struct ui *ui)
{
	ui_act_reload(ui, ACT_RELOAD, NULL);
}

/*
 * The watch's reload is in (the swap has set f->open): open the newest
 * article that came, watch new directories too, and wait on.
 */
static bool
came(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;
	size_t		 art = f->open;

	f->swapping = false;
	f->open = SIZE_MAX;
	/* New directories are watched too. */
	watch_open(ui);
	if (art != SIZE_MAX && art < ui->store->narts) {
		ui_remember(ui);
		ui_open(ui, art, -1);
		ui_focus(ui, PANE_READER);
	}
	ui_message(ui, STYLE_PROMPT, WAITING);
	return art != SIZE_MAX;
}

bool
uifiles_poll(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;
	uint64_t	 now, next;

	/* The watch's reload, read behind the screen: wait for it. */
	if (f != NULL && f->swapping) {
		if (uiload_busy(ui))
			return false;
		if (uifiles_watching(ui))
			return came(ui);
		f->swapping = false;	/* stopped waiting meanwhile */
		f->open = SIZE_MAX;
	}
	if (!uifiles_watching(ui))
		return false;
	now = now_ms();
	if (f->ifd >= 0) {
		/* An event: look once it settled, and not twice a second. */
		if (changed(f) && f->due == 0) {
			next = f->last + WATCH_EVERY_MS;
			f->due = now + WATCH_SETTLE_MS > next ?
			    now + WATCH_SETTLE_MS : next;
		}
		if (f->due == 0 || now < f->due)
			return false;
	} else {
		if (now < f->due)
			return false;
		f->due = now + WATCH_EVERY_MS;
		if (!changed(f))
			return false;
	}
	f->last = now;
	f->open = SIZE_MAX;
	f->swapping = true;
	reload(ui);
	if (uiload_busy(ui))
		return false;	/* read behind the screen: came() when in */
	return came(ui);
}

/* --- the feature --------------------------------------------------------- */

static void
uifiles_init(struct ui *ui)
{
	ui->ufiles = xcalloc(1, sizeof *ui->ufiles);
	ui->ufiles->ifd = -1;
	ui->ufiles->open = SIZE_MAX;
}

static void
uifiles_free(struct ui *ui)
{
	struct uifiles	*f = ui->ufiles;

	if (f == NULL)
		return;
	watch_close(f);
	free(f->edit);
	free(f->url);
	free(f);
	ui->ufiles = NULL;
}

/* The reload the watch made: the newest of the articles that came. */
static void
uifiles_swapped(struct ui *ui, const struct store *old)
{
	struct uifiles	*f = ui->ufiles;
	uint8_t		*had;
	size_t		 i, j;

	if (!f->swapping)
		return;
	had = xcalloc(ui->store->narts, 1);
	for (i = 0; i < old->narts; i++)
		if ((j = ui_reload_map(ui, i)) != (size_t)-1)
			had[j] = 1;
	f->open = newest(ui->store, had);
	free(had);
}

/*
 * The key after o's question answers it; any key ends the wait, and only
 * that.
 */
static bool
uifiles_key_first(struct ui *ui, const struct key *k)
{
	if (ui->ufiles->asking) {
		browse_answer(ui, k);
		return true;
	}
	if (!uifiles_watching(ui))
		return false;
	watch_stop(ui);
	ui_message(ui, STYLE_MESSAGE, "stopped waiting for new articles");
	return true;
}

static const struct ui_action actions[] = {
	{ ACT_EDIT, ui_act_edit },
	{ ACT_WATCH, ui_act_watch },
	{ ACT_BROWSE, ui_act_browse },
	{ ACT_NONE, NULL }
};

const struct ui_feature uifiles_feature = {
	.name = "files",
	.init = uifiles_init,
	.free = uifiles_free,
	.store_swapped = uifiles_swapped,
	.key_first = uifiles_key_first,
	.actions = actions,
};
