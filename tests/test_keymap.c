/*
 * test_keymap.c - the key tables: every action has help, every binding
 * names a real action and a real key, and the man page's KEYS section is
 * exactly what the tables say.
 *
 * When the tables change, regenerate the section with
 *     FOLIO_WRITE_KEYS=keys.mdoc ./tests/unit --filter 'keymap/[a-z]*'
 * and paste keys.mdoc under ".Sh KEYS" in man/folio.1.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <criterion/criterion.h>

#include "keymap.h"

Test(keymap, gives_every_action_a_name_and_one_line_of_help)
{
	const struct action *a;
	size_t		 n, i, j;

	a = action_table(&n);
	cr_assert_eq(n, ACT_COUNT);
	for (i = 0; i < n; i++) {
		cr_expect_eq(a[i].id, (int)i, "action %zu out of order", i);
		cr_assert(a[i].name != NULL && a[i].name[0] != '\0');
		cr_assert(a[i].help != NULL, "%s has no help", a[i].name);
		cr_expect_gt(strlen(a[i].help), 8, "%s: help too short",
		    a[i].name);
		cr_expect(islower((unsigned char)a[i].help[0]),
		    "%s: help should start in lower case", a[i].name);
		cr_expect_neq(a[i].help[strlen(a[i].help) - 1], '.',
		    "%s: help should not end with a full stop", a[i].name);
		cr_expect_null(strchr(a[i].help, '\n'));
		for (j = 0; j < i; j++)
			cr_expect_str_neq(a[i].name, a[j].name);
		cr_expect_eq(action_by_name(a[i].name), &a[i]);
	}
}

Test(keymap, binds_only_known_actions_and_keys)
{
	const struct binding *b;
	size_t		 n, i;
	struct key	 k;

	b = key_binding_table(&n);
	cr_assert_gt(n, 20);
	for (i = 0; i < n; i++) {
		cr_expect_not_null(action_by_name(b[i].action),
		    "binding %s names an unknown action '%s'", b[i].key,
		    b[i].action);
		cr_expect(key_from_name(b[i].key, &k),
		    "binding of %s: '%s' is not a key", b[i].action, b[i].key);
		cr_expect(b[i].mode >= 0 && b[i].mode < KM_COUNT);
	}
}

Test(keymap, binds_no_key_twice_in_one_mode)
{
	const struct binding *b;
	size_t		 n, i, j;
	struct key	 ki, kj;

	b = key_binding_table(&n);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if (b[i].mode != b[j].mode)
				continue;
			key_from_name(b[i].key, &ki);
			key_from_name(b[j].key, &kj);
			cr_expect(ki.code != kj.code || ki.mods != kj.mods,
			    "%s bound twice in %s", b[i].key,
			    key_mode_title(b[i].mode));
		}
}

Test(keymap, binds_every_action_somewhere)
{
	const struct action *a;
	size_t		 n, i;
	int		 m;
	char		 buf[256];

	a = action_table(&n);
	for (i = 1; i < n; i++) {
		size_t	 c = 0;

		for (m = 0; m < KM_COUNT; m++)
			c += key_bound((enum key_mode)m, &a[i], buf,
			    sizeof buf);
		cr_expect_gt(c, 0, "action %s has no key", a[i].name);
	}
}

Test(keymap, dispatches_what_the_table_says)
{
	struct key	 k;
	const struct action *a;

	key_from_name("j", &k);
	a = key_lookup(KM_VIEW, &k);
	cr_assert_not_null(a);
	cr_expect_str_eq(a->name, "line-down");
	cr_expect_null(key_lookup(KM_GLOBAL, &k));
	key_from_name("q", &k);
	cr_expect_str_eq(key_lookup(KM_GLOBAL, &k)->name, "quit");
	cr_expect_str_eq(key_lookup(KM_PAGER, &k)->name, "close");
	key_from_name("Enter", &k);
	cr_expect_str_eq(key_lookup(KM_LIST, &k)->name, "open");
	key_from_name("Alt-v", &k);
	cr_expect_eq(k.mods, KEYC_M_ALT);
	cr_expect_str_eq(key_lookup(KM_VIEW, &k)->name, "page-up");
}

struct name_case {
	char		name[16];
	uint32_t	code;
	unsigned	mods;
};

Test(keymap, names_keys_and_reads_the_names_back)
{
	static const struct name_case cases[] = {
		{ "j", 'j', 0 }, { "Space", ' ', 0 }, { "Ctrl-N", 14, 0 },
		{ "Ctrl-L", 12, 0 }, { "Tab", 9, 0 }, { "Esc", 27, 0 },
		{ "Enter", KEYC_ENTER, 0 }, { "Down", KEYC_DOWN, 0 },
		{ "PgDn", KEYC_PGDN, 0 }, { "F1", KEYC_F1, 0 },
		{ "S-Tab", KEYC_BTAB, 0 }, { "Alt-v", 'v', KEYC_M_ALT },
		{ "'", '\'', 0 }, { "é", 0xe9, 0 }, { "Ctrl-?", 0x7f, 0 },
	};
	size_t		 i;
	struct key	 k;
	char		 buf[32];

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_assert(key_from_name(cases[i].name, &k), "%s",
		    cases[i].name);
		cr_expect_eq(k.code, cases[i].code, "%s", cases[i].name);
		cr_expect_eq(k.mods, cases[i].mods, "%s", cases[i].name);
		cr_expect_str_eq(key_to_name(&k, buf, sizeof buf),
		    cases[i].name);
	}
	cr_expect(!key_from_name("", &k));
	cr_expect(!key_from_name("jj", &k));
	cr_expect(!key_from_name("Ctrl-", &k));
	cr_expect(!key_from_name("Hyper-x", &k));
}

static char *
slurp(const char *path)
{
	FILE	*fp = fopen(path, "r");
	char	*buf;
	long	 n;

	if (fp == NULL)
		return NULL;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	rewind(fp);
	buf = malloc((size_t)n + 1);
	if (fread(buf, 1, (size_t)n, fp) != (size_t)n)
		n = 0;
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

Test(keymap, matches_the_man_page_keys_section)
{
	char	*page = slurp(TOP_SRCDIR "/man/folio.1");
	char	*want = NULL, *start, *end, *got;
	size_t	 wlen = 0;
	FILE	*fp;

	cr_assert_not_null(page, "cannot read man/folio.1");
	fp = open_memstream(&want, &wlen);
	key_write_mdoc(fp);
	fclose(fp);
	start = strstr(page, "\n.Sh KEYS\n");
	cr_assert_not_null(start, "man/folio.1 has no KEYS section");
	start += strlen("\n.Sh KEYS\n");
	end = strstr(start, "\n.Sh ");
	cr_assert_not_null(end);
	got = strndup(start, (size_t)(end - start) + 1);
	if (strcmp(got, want) != 0 && getenv("FOLIO_WRITE_KEYS") != NULL) {
		fp = fopen(getenv("FOLIO_WRITE_KEYS"), "w");
		if (fp != NULL) {
			fputs(want, fp);
			fclose(fp);
		}
	}
	cr_expect_str_eq(got, want, "man/folio.1 KEYS differs from the key "
	    "tables (see the top of tests/test_keymap.c to regenerate it)");
	free(got);
	free(want);
	free(page);
}

Test(keymap, lists_one_item_per_binding_in_the_man_page)
{
	char	*out = NULL, *p;
	size_t	 len = 0, items = 0, n;
	FILE	*fp = open_memstream(&out, &len);

	key_write_mdoc(fp);
	fclose(fp);
	for (p = out; (p = strstr(p, "\n.It ")) != NULL; p++)
		items++;
	key_binding_table(&n);
	cr_expect_eq(items, n);
	free(out);
}

Test(keymap, binds_and_unbinds_live_and_resets_to_the_defaults)
{
	const struct action *zoom = action_by_name("zoom");
	struct key	 j, x;
	char		 buf[256];

	key_from_name("j", &j);
	key_from_name("x", &x);
	key_bind(KM_VIEW, &j, zoom);
	key_bind(KM_READER, &x, zoom);
	cr_expect_eq(key_lookup(KM_VIEW, &j), zoom);
	cr_expect_eq(key_lookup(KM_READER, &x), zoom);
	cr_expect_eq(key_bound(KM_READER, zoom, buf, sizeof buf), 1);
	cr_expect_str_eq(buf, "x");
	cr_expect(key_unbind(KM_READER, &x));
	cr_expect_not(key_unbind(KM_READER, &x));
	cr_expect_null(key_lookup(KM_READER, &x));
	key_reset();
	cr_expect_str_eq(key_lookup(KM_VIEW, &j)->name, "line-down");
	key_bound(KM_VIEW, action_by_name("line-down"), buf, sizeof buf);
	cr_expect_str_eq(buf, "j, Down, Ctrl-N, Ctrl-E, Enter");
}

Test(keymap, names_each_mode_for_a_configuration_file)
{
	int	 m;

	for (m = 0; m < KM_COUNT; m++) {
		cr_assert_str_neq(key_mode_name((enum key_mode)m), "?");
		cr_expect_eq(key_mode_by_name(key_mode_name((enum key_mode)m)),
		    m);
	}
	cr_expect_eq(key_mode_by_name("nowhere"), -1);
	cr_expect_eq(key_default_mode(action_by_name("paragraph-next")),
	    KM_READER);
	cr_expect_eq(key_default_mode(action_by_name("none")), -1);
}
