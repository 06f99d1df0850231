/*
 * test_uifiles.c - v and F without a terminal: the editor's command line
 * from $VISUAL and $EDITOR, an editor run on a real collection (a script
 * that leaves a mark, changes the file or fails), and the wait for new
 * articles: F opens the newest, an article written meanwhile opens when
 * it comes, and any key ends the wait and does nothing else.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <criterion/criterion.h>

#include "helpers.h"
#include "keymap.h"
#include "load.h"
#include "store.h"
#include "uifix.h"
#include "ui-files.h"
#include "ui-load.h"
#include "ui-model.h"

static struct options	 opts;
static char		*dir;		/* the collection */
static char		*bin;		/* the editors (scripts) */

static void
setup(void)
{
	alarm(60);
	dir = th_tmpdir();
	bin = th_tmpdir();
}

static void
teardown(void)
{
	th_rmrf(dir);
	th_rmrf(bin);
	free(dir);
	free(bin);
}

TestSuite(uifiles, .init = setup, .fini = teardown);

/* An article file with its time set, seconds ago. */
static void
article(const char *name, const char *text, int ago)
{
	char		*p = th_write_str(dir, name, text);
	struct timespec	 t[2];

	clock_gettime(CLOCK_REALTIME, &t[0]);
	t[0].tv_sec -= ago;
	t[1] = t[0];
	cr_assert_eq(utimensat(AT_FDCWD, p, t, 0), 0);
	free(p);
}

static struct ui *
start(void)
{
	const char	*paths[1] = { dir };
	struct store	*s = load_paths(paths, 1, NULL);

	cr_assert_gt(s->narts, 0);
	return ui_new(s, &opts, TEXT_UTF8, 100, 30);
}

/* An editor: a shell script with this body; $1 is the file. */
static char *
editor(const char *name, const char *body)
{
	char	*text, *p;

	text = malloc(strlen(body) + 32);
	sprintf(text, "#!/bin/sh\n%s\n", body);
	p = th_write_str(bin, name, text);
	free(text);
	cr_assert_eq(chmod(p, 0755), 0);
	return p;
}

static bool
exists(const char *d, const char *name)
{
	char	*p = th_path(d, name);
	bool	 ok = access(p, F_OK) == 0;

	free(p);
	return ok;
}

static void
press(struct ui *ui, const char *keys)
{
	uifix_press(ui, keys);
}

/* A UI on a loaded store (uifix_finish() is for the fixtures' stores). */
static void
finish(struct ui *ui)
{
	store_free(ui_take_store(ui));
	ui_free(ui);
}

Test(uifiles, makes_the_editors_command_line_from_visual_then_editor)
{
	char	**v;

	v = uifiles_editor_argv("emacs  -nw\t", "nano", "a/b.txt");
	cr_assert_not_null(v[0]);
	cr_expect_str_eq(v[0], "emacs");
	cr_expect_str_eq(v[1], "-nw");
	cr_expect_str_eq(v[2], "a/b.txt");
	cr_expect_null(v[3]);
	uifiles_argv_free(v);
	v = uifiles_editor_argv("  ", "nano -R", "x y.txt");
	cr_expect_str_eq(v[0], "nano");
	cr_expect_str_eq(v[1], "-R");
	cr_expect_str_eq(v[2], "x y.txt", "the path is one argument");
	cr_expect_null(v[3]);
	uifiles_argv_free(v);
	v = uifiles_editor_argv(NULL, NULL, "-rf.txt");
	cr_expect_str_eq(v[0], "vi");
	cr_expect_str_eq(v[1], "./-rf.txt", "no option by its name");
	cr_expect_null(v[2]);
	uifiles_argv_free(v);
	v = uifiles_editor_argv(NULL, "", "+5.txt");
	cr_expect_str_eq(v[0], "vi");
	cr_expect_str_eq(v[1], "./+5.txt");
	uifiles_argv_free(v);
	uifiles_argv_free(NULL);
}

Test(uifiles, says_why_an_article_whose_file_is_gone_cannot_be_edited)
{
	static const struct uifix_article arts[] = {
		{ "a.txt", "A", "one\0two\0\0", NULL },
	};
	struct ui	*ui = ui_new(uifix_store(arts, 1), &opts, TEXT_UTF8, 80,
			    24);

	press(ui, "v");
	cr_expect_eq(ui_requests(ui) & UI_REQ_EDIT, 0);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg,
	    "cannot edit /fixture/a.txt: No such file"), "%s", ui->msg);
	cr_expect(!uifiles_edit_run(ui), "nothing was asked");
	press(ui, "F");
	cr_expect(!uifiles_watching(ui));
	cr_expect_not_null(strstr(ui->msg, "no directory to watch"), "%s",
	    ui->msg);
	uifix_finish(ui);
}

Test(uifiles, runs_the_editor_and_reloads_the_file_it_changed)
{
	char		*ed, *body;
	struct ui	*ui;

	article("a.txt", "Alpha\n\nOne.\n\nTwo.\n", 10);
	article("b.txt", "Beta\n\nThree.\n", 5);
	body = malloc(strlen(bin) + 128);
	sprintf(body, "touch '%s/marker'; printf '\\nAdded.\\n' >> \"$1\"",
	    bin);
	ed = editor("ed-change", body);
	free(body);
	ui = start();
	cr_assert_eq(ui->store->arts[ui->art].npara, 2);
	setenv("VISUAL", ed, 1);
	press(ui, "v");
	cr_expect(ui_requests(ui) & UI_REQ_EDIT);
	cr_expect(uifiles_edit_run(ui));
	cr_expect(exists(bin, "marker"), "the editor ran");
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "changed: reloaded"), "%s", ui->msg);
	cr_expect_eq(ui->store->arts[ui->art].npara, 3, "the new paragraph");
	cr_expect(!uifiles_edit_run(ui), "asked once, run once");
	free(ed);
	finish(ui);
}

Test(uifiles, says_when_the_editor_changed_nothing_failed_or_is_missing)
{
	char		*same, *fail;
	struct ui	*ui;

	article("a.txt", "Alpha\n\nOne.\n", 0);
	same = editor("ed-same", "exit 0");
	fail = editor("ed-fail", "exit 3");
	ui = start();
	unsetenv("VISUAL");
	setenv("EDITOR", same, 1);
	press(ui, "v");
	cr_expect(uifiles_edit_run(ui));
	cr_expect_not_null(strstr(ui->msg, "not changed"), "%s", ui->msg);
	setenv("VISUAL", fail, 1);
	press(ui, "v");
	cr_expect(uifiles_edit_run(ui));
	cr_expect_not_null(strstr(ui->msg, "exited with status 3"), "%s",
	    ui->msg);
	setenv("VISUAL", "/nonexistent/folio-editor -x", 1);
	press(ui, "v");
	cr_expect(!uifiles_edit_run(ui));
	cr_expect_not_null(strstr(ui->msg, "cannot run the editor"), "%s",
	    ui->msg);
	free(same);
	free(fail);
	finish(ui);
}

/*
 * Poll as the terminal layer does until an article comes (or 30 s);
 * *behind (when not NULL) says whether the reload was read behind the
 * screen.
 */
static bool
wait_new_behind(struct ui *ui, bool *behind)
{
	struct timespec	 nap = { 0, 20 * 1000 * 1000 };
	int		 i;

	for (i = 0; i < 1500; i++) {
		uiload_start(ui, -1);
		(void)uiload_poll(ui);
		if (uifiles_poll(ui))
			return true;
		if (behind != NULL && uiload_busy(ui))
			*behind = true;
		nanosleep(&nap, NULL);
	}
	return false;
}

static bool
wait_new(struct ui *ui)
{
	return wait_new_behind(ui, NULL);
}

Test(uifiles, waits_for_new_articles_and_opens_each_as_it_comes)
{
	struct ui	*ui;
	int		 t;

	article("a.txt", "Old one\n\nFirst.\n", 100);
	article("c.txt", "Newest\n\nLatest.\n", 10);
	article("b.txt", "Middle\n\nSecond.\n", 50);
	ui = start();
	press(ui, "F");
	cr_assert(uifiles_watching(ui));
	cr_expect_str_eq(ui->store->arts[ui->art].name, "c.txt",
	    "F opens the newest");
	cr_assert_not_null(ui->msg);
	cr_expect_str_eq(ui->msg,
	    "Waiting for new articles... (any key to stop)");
	/* Nothing came: no reload, and no wait shorter than a second. */
	cr_expect(!uifiles_poll(ui));
	t = uifiles_timeout(ui, -1);
	cr_expect(t < 0 || t <= 1000, "%d", t);
	cr_expect(uifiles_fd(ui) >= 0 || t >= 0, "an fd, or a time to look");

	article("0-new.txt", "Arrived\n\nJust now.\n\nMore.\n\nAnd more.\n",
	    0);
	cr_assert(wait_new(ui), "the new article came");
	cr_expect_eq(ui->store->narts, 4);
	cr_expect_str_eq(ui->store->arts[ui->art].name, "0-new.txt");
	cr_expect(uifiles_watching(ui));
	cr_expect_str_eq(ui->msg,
	    "Waiting for new articles... (any key to stop)");

	/* Any key stops the wait, and only that: j does not scroll. */
	press(ui, "G j");
	cr_expect(!uifiles_watching(ui));
	cr_expect_eq(uifiles_fd(ui), -1);
	cr_expect_eq(ui->pos.para, 0, "G was taken by the wait");
	press(ui, "G");
	cr_expect_gt(ui->pos.para, 0);
	finish(ui);
}

/*
 * A large collection's reload is read behind the screen: the wait goes on
 * in the collection as it was, and the article that came opens once the
 * new one is in.
 */
Test(uifiles, waits_for_new_articles_in_a_large_collection_behind_the_screen)
{
	struct ui	*ui;
	char		 name[32];
	bool		 behind = false;
	int		 i;

	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof name, "%03d.txt", i);
		article(name, "An old one\n\nOf many.\n", 1000 + i);
	}
	ui = start();
	press(ui, "F");
	cr_assert(uifiles_watching(ui));
	article("new.txt", "Arrived\n\nJust now.\n", 0);
	cr_assert(wait_new_behind(ui, &behind), "the new article came");
	cr_expect(behind, "read behind the screen");
	cr_expect_eq(ui->store->narts, 301);
	cr_expect_str_eq(ui->store->arts[ui->art].name, "new.txt");
	cr_expect(uifiles_watching(ui));
	cr_expect_str_eq(ui->msg,
	    "Waiting for new articles... (any key to stop)");
	press(ui, "q");
	finish(ui);
}

Test(uifiles, has_nothing_to_watch_in_a_collection_of_named_files)
{
	char		*p;
	const char	*paths[1];
	struct ui	*ui;

	article("a.txt", "Alpha\n\nOne.\n", 0);
	p = th_path(dir, "a.txt");
	paths[0] = p;
	ui = ui_new(load_paths(paths, 1, NULL), &opts, TEXT_UTF8, 80, 24);
	press(ui, "F");
	cr_expect(!uifiles_watching(ui));
	cr_expect_not_null(strstr(ui->msg, "no directory to watch"), "%s",
	    ui->msg);
	free(p);
	finish(ui);
}

Test(uifiles, gives_the_browser_the_url_as_one_argument_without_a_shell)
{
	const char	*url = "https://example.org/a?b=1&c='2';rm -rf";
	char		**v;

	v = uifiles_browser_argv(NULL, url);
	cr_expect_str_eq(v[0], "xdg-open");
	cr_expect_str_eq(v[1], url, "as it is, one argument");
	cr_expect_null(v[2]);
	uifiles_argv_free(v);
	v = uifiles_browser_argv(" : firefox --new-tab:lynx", url);
	cr_expect_str_eq(v[0], "firefox", "the list's first command");
	cr_expect_str_eq(v[1], "--new-tab");
	cr_expect_str_eq(v[2], url);
	cr_expect_null(v[3]);
	uifiles_argv_free(v);
	v = uifiles_browser_argv("w3m %s -dump", url);
	cr_expect_str_eq(v[0], "w3m");
	cr_expect_str_eq(v[1], url, "%%s is the URL");
	cr_expect_str_eq(v[2], "-dump");
	cr_expect_null(v[3]);
	uifiles_argv_free(v);
	v = uifiles_browser_argv("", url);
	cr_expect_str_eq(v[0], "xdg-open");
	uifiles_argv_free(v);
}

Test(uifiles, gives_a_browser_only_http_and_https_urls)
{
	static const char *const good[] = {
		"http://example.org", "https://example.org/a/b?c=d#e",
		"HTTPS://EXAMPLE.ORG/",
	};
	static const char *const bad[] = {
		"", "http://", "https:///etc/passwd", "file:///etc/passwd",
		"javascript:alert(1)", "ftp://example.org/", "mailto:a@b.c",
		"-http://example.org", " https://example.org",
		"https://example.org/a b", "https://example.org/\x1b]52;c;x\a",
		"https://example.org/\n--flag", "https://ex\xc3\xa4mple.org/",
		"httpsx://example.org", "//example.org",
	};
	size_t	 i;

	for (i = 0; i < sizeof good / sizeof good[0]; i++)
		cr_expect(uifiles_url_ok((const uint8_t *)good[i],
		    strlen(good[i])), "%s", good[i]);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_not(uifiles_url_ok((const uint8_t *)bad[i],
		    strlen(bad[i])), "%s", bad[i]);
}

Test(uifiles, asks_first_over_ssh_without_a_display)
{
	cr_expect_not(uifiles_browse_asks(NULL, NULL, NULL, NULL));
	cr_expect_not(uifiles_browse_asks(NULL, NULL, ":0", NULL));
	cr_expect(uifiles_browse_asks("10.0.0.1 5 10.0.0.2 22", NULL, NULL,
	    NULL));
	cr_expect(uifiles_browse_asks(NULL, "/dev/pts/3", "", ""));
	cr_expect_not(uifiles_browse_asks(NULL, "/dev/pts/3", "localhost:10.0",
	    NULL), "X forwarding: a display");
	cr_expect_not(uifiles_browse_asks("x", NULL, NULL, "wayland-0"));
}

/* The words the fake browser was given, one a line. */
static char *
browser_args(void)
{
	char	*p = th_path(bin, "args"), *s;
	FILE	*fp = fopen(p, "r");
	size_t	 n;

	free(p);
	if (fp == NULL)
		return NULL;
	s = calloc(1, 4096);
	n = fread(s, 1, 4095, fp);
	s[n] = '\0';
	fclose(fp);
	return s;
}

Test(uifiles, opens_the_articles_url_in_the_browser)
{
	char		*br, *body, *got;
	struct ui	*ui;

	article("a.md", "---\ntitle: A note\nurl: https://example.org/a?x=1&y=2\n"
	    "---\n\nOne.\n", 10);
	article("b.md", "---\ntitle: B note\nurl: file:///etc/passwd\n---\n\n"
	    "Two.\n", 5);
	article("c.txt", "C note\n\nThree.\n", 1);
	body = malloc(strlen(bin) + 128);
	sprintf(body, "for a; do printf '%%s\\n' \"$a\"; done > '%s/args'",
	    bin);
	br = editor("browser", body);
	free(body);
	setenv("BROWSER", br, 1);
	unsetenv("SSH_CONNECTION");
	unsetenv("SSH_TTY");
	ui = start();
	cr_assert_eq(ui->art, 0);
	press(ui, "o");
	cr_assert(ui_requests(ui) & UI_REQ_BROWSE, "%s", ui->msg);
	cr_expect(uifiles_browse_run(ui));
	got = browser_args();
	cr_assert_not_null(got, "the browser ran");
	cr_expect_str_eq(got, "https://example.org/a?x=1&y=2\n");
	free(got);
	cr_expect(!uifiles_browse_run(ui), "asked once, run once");
	/* In the list, the selected article's. */
	press(ui, "i j o");
	cr_expect_eq(ui_requests(ui) & UI_REQ_BROWSE, 0);
	cr_assert_not_null(ui->msg);
	cr_expect_not_null(strstr(ui->msg, "only an http or https URL"), "%s",
	    ui->msg);
	press(ui, "j o");
	cr_expect_eq(ui_requests(ui) & UI_REQ_BROWSE, 0);
	cr_expect_not_null(strstr(ui->msg, "has no URL"), "%s", ui->msg);
	/* Over SSH with no display: y opens, anything else does not. */
	setenv("SSH_TTY", "/dev/pts/9", 1);
	unsetenv("DISPLAY");
	unsetenv("WAYLAND_DISPLAY");
	press(ui, "g o");
	cr_expect_eq(ui_requests(ui) & UI_REQ_BROWSE, 0);
	cr_expect_not_null(strstr(ui->msg, "(y/n)"), "%s", ui->msg);
	press(ui, "j");
	cr_expect_eq(ui_requests(ui) & UI_REQ_BROWSE, 0);
	cr_expect_eq(ui->sel, 0, "the answer is only an answer");
	cr_expect_not_null(strstr(ui->msg, "not opened"), "%s", ui->msg);
	press(ui, "o y");
	cr_expect(ui_requests(ui) & UI_REQ_BROWSE);
	cr_expect(uifiles_browse_run(ui));
	unsetenv("SSH_TTY");
	free(br);
	finish(ui);
}
