/*
 * uifix.c - hand-built stores for the interface's model tests.
 *
 * Each article's text is the paragraphs joined by "\n\n"; paragraphs are
 * spans into it, as in the real store.  The metadata array, when there is
 * a date, points into a separate allocation owned by the article's meta.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <poll.h>

#include <criterion/criterion.h>

#include "canvas.h"
#include "keymap.h"
#include "store.h"
#include "ui-model.h"
#include "ui-search.h"
#include "uifix.h"
#include "util.h"

static uint64_t
fnv(const void *p, size_t n, uint64_t h)
{
	const unsigned char *c = p;

	while (n-- > 0) {
		h ^= *c++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

static void
build(struct store *s, struct article *a, const struct uifix_article *f)
{
	const char	*p;
	size_t		 len = 0, n = 0, off = 0;

	for (p = f->paras; *p != '\0'; p += strlen(p) + 1) {
		len += strlen(p) + 2;
		n++;
	}
	a->path = xasprintf("/fixture/%s", f->name);
	a->name = strrchr(a->path, '/') + 1;
	a->text = xmalloc(len + 1);
	a->paras = xcalloc(n ? n : 1, sizeof *a->paras);
	a->npara = n;
	n = 0;
	for (p = f->paras; *p != '\0'; p += strlen(p) + 1) {
		struct para	*pp = &a->paras[n++];
		const char	*t = p;

		pp->kind = PARA_BODY;
		if (*t == '#') {
			pp->kind = PARA_HEADING;
			t++;
		} else if (*t == '>') {
			pp->kind = PARA_QUOTE;
			t++;
		}
		pp->off = (uint32_t)off;
		pp->len = (uint32_t)strlen(t);
		pp->nwords = 1;
		memcpy(a->text + off, t, strlen(t));
		off += strlen(t);
		memcpy(a->text + off, "\n\n", 2);
		off += 2;
		a->nwords += 1 + strlen(t) / 6;
	}
	a->text[off] = '\0';
	a->len = off;
	if (f->title != NULL) {
		a->title = (const uint8_t *)f->title;
		a->title_len = strlen(f->title);
		a->title_from = TITLE_HEADER;
	} else if (a->npara > 0 && a->paras[0].kind == PARA_HEADING) {
		a->title = a->text + a->paras[0].off;
		a->title_len = a->paras[0].len;
		a->title_from = TITLE_HEADLINE;
	} else {
		a->title = (const uint8_t *)a->name;
		a->title_len = strlen(a->name);
		a->title_from = TITLE_FILENAME;
	}
	if (f->date != NULL) {
		a->meta = xcalloc(1, sizeof *a->meta);
		a->meta[0].key = (const uint8_t *)"Date";
		a->meta[0].key_len = 4;
		a->meta[0].val = (const uint8_t *)f->date;
		a->meta[0].val_len = strlen(f->date);
		a->nmeta = 1;
	}
	store_meta_fields(a);
	a->first_gid = s->npara;
	s->npara += a->npara;
	/* The reading state knows articles by this: make each one distinct. */
	a->hash = fnv(a->path, strlen(a->path), fnv(a->text, a->len,
	    0xcbf29ce484222325ULL));
}

struct store *
uifix_store(const struct uifix_article *f, size_t n)
{
	struct store	*s = xcalloc(1, sizeof *s);
	size_t		 i;

	s->arts = xcalloc(n ? n : 1, sizeof *s->arts);
	s->narts = n;
	for (i = 0; i < n; i++)
		build(s, &s->arts[i], &f[i]);
	/* The index and search map paragraphs back to articles by this. */
	store_number_paras(s);
	s->roots = xcalloc(1, sizeof *s->roots);
	s->roots[0] = xstrdup("/fixture");
	s->nroots = 1;
	return s;
}

void
uifix_free(struct store *s)
{
	size_t	 i;

	if (s == NULL)
		return;
	for (i = 0; i < s->narts; i++) {
		free(s->arts[i].path);
		free(s->arts[i].text);
		free(s->arts[i].paras);
		free(s->arts[i].meta);
	}
	free(s->arts);
	free(s->gid_art);
	free(s->gid_words);
	for (i = 0; i < s->nroots; i++)
		free(s->roots[i]);
	free(s->roots);
	diag_list_clear(&s->diags);
	free(s);
}

struct store *
uifix_long(size_t narts, size_t npara, size_t words)
{
	struct uifix_article	*f = xcalloc(narts, sizeof *f);
	char			**bufs = xcalloc(narts, sizeof *bufs);
	char			**names = xcalloc(narts, sizeof *names);
	struct store		*s;
	size_t			 i, p, w, k, cap;

	for (i = 0; i < narts; i++) {
		cap = npara * (words * 8 + 32) + 2;
		bufs[i] = xmalloc(cap);
		k = 0;
		for (p = 0; p < npara; p++) {
			k += (size_t)snprintf(bufs[i] + k, cap - k, "P%zu", p + 1);
			for (w = 1; w < words; w++)
				k += (size_t)snprintf(bufs[i] + k, cap - k,
				    " word%zu", w);
			bufs[i][k++] = '.';
			bufs[i][k++] = '\0';
		}
		bufs[i][k++] = '\0';
		names[i] = xasprintf("%03zu.txt", i);
		f[i].name = names[i];
		f[i].paras = bufs[i];
		f[i].title = NULL;
	}
	s = uifix_store(f, narts);
	/* Titles are the file names: give them stable storage of their own. */
	for (i = 0; i < narts; i++) {
		s->arts[i].title = (const uint8_t *)s->arts[i].name;
		free(bufs[i]);
		free(names[i]);
	}
	free(bufs);
	free(names);
	free(f);
	return s;
}

void
uifix_finish(struct ui *ui)
{
	uifix_free(ui_take_store(ui));
	ui_free(ui);
}

void
uifix_press(struct ui *ui, const char *keys)
{
	char		*copy = xstrdup(keys), *save = NULL, *t;
	struct key	 k;

	for (t = strtok_r(copy, " ", &save); t != NULL;
	    t = strtok_r(NULL, " ", &save)) {
		cr_assert(key_from_name(t, &k), "no key %s", t);
		ui_key(ui, &k);
	}
	free(copy);
}

void
uifix_type(struct ui *ui, const char *s)
{
	struct key	 k = { 0 };

	for (; *s != '\0'; s++) {
		k.code = (unsigned char)*s;
		ui_key(ui, &k);
	}
}

bool
uifix_pause(struct ui *ui)
{
	bool	 changed = uisearch_idle(ui);
	time_t	 deadline = time(NULL) + 60;

	while (uisearch_counting(ui) || uisearch_results_ranking(ui)) {
		struct pollfd p = { .fd = uisearch_fd(ui), .events = POLLIN };

		cr_assert_geq(p.fd, 0, "a count with no pipe to wake the loop");
		(void)poll(&p, 1, 100);
		cr_assert_leq(time(NULL), deadline,
		    "the count or the ranking never woke the loop");
		if (uisearch_poll(ui))
			changed = true;
	}
	return changed;
}

char *
uifix_screen(struct ui *ui)
{
	ui_draw(ui);
	return canvas_dump(ui->canvas);
}
