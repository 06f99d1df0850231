/*
 * test_index.c - the inverted index: terms, postings, positions, the same
 * bytes on any number of threads, boilerplate left out, a paragraph's
 * tokens mapped back to its text.
 */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "corpus.h"
#include "index.h"
#include "tables.h"
#include "util.h"

static struct store *
small(void)
{
	static const char *const a0[] = {
		"Die Stra\xc3\x9f" "e in M\xc3\xbcnchen",
		"North Korea, North Korea\xe2\x80\x99s army; korea.",
		"Related Posts",
	};
	static const uint8_t f0[] = { 0, 0, PARA_F_BOILER };
	static const char *const a1[] = {
		"STRASSE und Caf\xc3\xa9 und cafe\xcc\x81",
		"\xef\xac\x81nance of North Korea",
	};
	struct store	*s = corpus_new();

	corpus_add(s, "a.txt", a0, 3, f0);
	corpus_add(s, "b.txt", a1, 2, NULL);
	return s;
}

static long
term(const struct index *x, const char *t)
{
	return index_lookup(x, (const uint8_t *)t, strlen(t));
}

Test(index, holds_folded_terms_with_their_frequencies)
{
	struct store	*s = small();
	struct index	*x = index_build(s, NULL);
	long		 t;

	cr_assert_eq(index_npara(x), 5);
	cr_assert_eq(index_ndocs(x), 4);
	t = term(x, "strasse");
	cr_assert_geq(t, 0);
	cr_assert_eq(index_df(x, (uint32_t)t), 2);
	cr_assert_eq(index_cf(x, (uint32_t)t), 2);
	t = term(x, "north");
	cr_assert_eq(index_df(x, (uint32_t)t), 2);
	cr_assert_eq(index_cf(x, (uint32_t)t), 3);
	cr_assert_geq(term(x, "korea's"), 0);
	cr_assert_geq(term(x, "m\xc3\xbcnchen"), 0);
	cr_assert_geq(term(x, "finance"), 0);
	t = term(x, "caf\xc3\xa9");
	cr_assert_eq(index_cf(x, (uint32_t)t), 2);	/* NFC and NFD */
	cr_assert_lt(term(x, "Korea"), 0);		/* terms are folded */
	cr_assert_lt(term(x, "posts"), 0);		/* boilerplate */
	cr_assert_eq(index_para_len(x, 2), 0);
	cr_assert_eq(index_para_len(x, 1), 6);
	index_free(x);
	corpus_free(s);
}

Test(index, keeps_terms_in_byte_order_for_prefixes)
{
	struct store	*s = small();
	struct index	*x = index_build(s, NULL);
	uint32_t	 a, e, t;
	size_t		 len, plen;
	const uint8_t	*p;

	for (t = 1; t < index_nterms(x); t++) {
		const uint8_t *q = index_term(x, t - 1, &plen);

		p = index_term(x, t, &len);
		cr_assert_lt(memcmp(q, p, plen < len ? plen : len) == 0 ?
		    (plen < len ? -1 : 1) : memcmp(q, p, plen < len ? plen : len),
		    0);
	}
	index_prefix(x, (const uint8_t *)"korea", 5, &a, &e);
	cr_assert_eq(e - a, 2);		/* korea, korea's */
	p = index_term(x, a, &len);
	cr_assert(len == 5 && memcmp(p, "korea", 5) == 0);
	index_prefix(x, (const uint8_t *)"zz", 2, &a, &e);
	cr_assert_eq(a, e);
	index_free(x);
	corpus_free(s);
}

Test(index, keeps_derived_terms_apart_from_the_words)
{
	struct store	*s = small();
	struct index	*x = index_build(s, NULL);
	struct index_cursor c;
	uint32_t	 a, e, t;
	long		 id;
	size_t		 len;

	/* "North Korea" twice in a0's paragraph 1 ("Korea’s" is Korea). */
	id = term(x, "\001north korea");
	cr_assert_geq(id, 0, "a name is a derived term");
	cr_assert_lt((size_t)id, index_first_word(x), "derived terms sort first");
	index_cursor_init(x, (uint32_t)id, &c);
	cr_assert(index_cursor_next(&c));
	cr_expect_eq(c.gid, 1);
	cr_expect_eq(c.tf, 2);
	cr_assert(index_cursor_next(&c));
	cr_expect_eq(c.gid, 4, "and once in b's second paragraph");
	cr_assert(!index_cursor_next(&c));
	cr_expect_lt(term(x, "\001korea north"), 0, "punctuation ends a name");
	for (t = 0; t < index_first_word(x); t++)
		cr_expect_eq(index_term(x, t, &len)[0], 0x01);
	/* Searches never reach them, and they count in no paragraph. */
	index_prefix(x, (const uint8_t *)"north", 5, &a, &e);
	for (t = a; t < e; t++)
		cr_expect_neq(index_term(x, t, &len)[0], 0x01);
	cr_expect_eq(index_para_len(x, 1), 6);
	index_free(x);
	corpus_free(s);
}

Test(index, finds_accented_terms_without_their_accents)
{
	struct store	*s = small();
	struct index	*x = index_build(s, NULL);
	uint32_t	*ids = NULL;
	size_t		 n = 0, cap = 0, len;
	const uint8_t	*t;

	cr_assert_eq(index_lookup_stripped(x, (const uint8_t *)"cafe", 4,
	    false, &ids, &n, &cap), 1);
	t = index_term(x, ids[0], &len);
	cr_assert(len == 5 && memcmp(t, "caf\xc3\xa9", 5) == 0);
	cr_assert_eq(index_lookup_stripped(x, (const uint8_t *)"mu", 2,
	    true, &ids, &n, &cap), 1);
	cr_assert_eq(index_lookup_stripped(x, (const uint8_t *)"mu", 2,
	    false, &ids, &n, &cap), 0);
	free(ids);
	index_free(x);
	corpus_free(s);
}

Test(index, keeps_postings_with_positions)
{
	struct store	*s = small();
	struct index	*x = index_build(s, NULL);
	struct index_cursor c;
	uint32_t	 pos[8];

	index_cursor_init(x, (uint32_t)term(x, "north"), &c);
	cr_assert(index_cursor_next(&c));
	cr_assert_eq(c.gid, 1);
	cr_assert_eq(c.tf, 2);
	index_cursor_pos(&c, pos);
	/* "North Korea, North Korea’s": the comma counts two */
	cr_assert_eq(INDEX_POS(pos[0]), 0);
	cr_assert_eq(INDEX_POS(pos[1]), 3);
	cr_assert(INDEX_SPACE_AFTER(pos[0]) && INDEX_SPACE_AFTER(pos[1]));
	index_cursor_init(x, (uint32_t)term(x, "korea"), &c);
	cr_assert(index_cursor_next(&c));
	cr_assert_eq(c.tf, 2);	/* "Korea," and "korea." */
	index_cursor_pos(&c, pos);
	cr_assert_not(INDEX_SPACE_AFTER(pos[0]) || INDEX_SPACE_AFTER(pos[1]));
	index_cursor_init(x, (uint32_t)term(x, "north"), &c);
	cr_assert(index_cursor_next(&c));
	cr_assert(index_cursor_next(&c));
	cr_assert_eq(c.gid, 4);
	cr_assert_eq(c.tf, 1);	/* positions not read: skipped */
	cr_assert_not(index_cursor_next(&c));
	index_free(x);
	corpus_free(s);
}

Test(index, maps_a_paragraphs_tokens_back_to_its_text)
{
	struct store	*s = small();
	struct index	*x = index_build(s, NULL);
	struct fold	*fo = fold_new(0);
	struct index_tok *tok = NULL;
	struct index_pterm *pt = NULL;
	size_t		 cap = 0, pcap = 0, n, len;
	const uint8_t	*text = store_para_text(&s->arts[0], 0), *t;

	n = index_para_tokens(x, fo, 0, &tok, &cap);
	cr_assert_eq(n, 4);
	cr_assert_eq(tok[1].off, 4);
	cr_assert_eq(tok[1].len, 7);
	cr_assert(memcmp(text + tok[1].off, "Stra\xc3\x9f" "e", 7) == 0);
	t = index_term(x, tok[1].term, &len);
	cr_assert(len == 7 && memcmp(t, "strasse", 7) == 0);
	cr_assert_eq(index_para_tokens(x, fo, 2, &tok, &cap), 0);
	n = index_para_terms(x, fo, 1, &pt, &pcap);
	cr_assert_eq(n, 4);	/* north, korea (twice), korea's, army */
	for (size_t i = 0; i < n; i++)
		if ((long)pt[i].term == term(x, "north"))
			cr_assert_eq(pt[i].tf, 2);
	free(tok);
	free(pt);
	fold_free(fo);
	index_free(x);
	corpus_free(s);
}

/* Everything a reader can see must be the same for any thread count. */
Test(index, is_the_same_on_any_number_of_threads)
{
	struct store	*s = corpus_random(3, 3000);
	struct index_opts o1 = { 1 }, o3 = { 3 };
	struct index	*a = index_build(s, &o1), *b = index_build(s, &o3);
	uint32_t	 t, g;

	cr_assert_eq(index_nterms(a), index_nterms(b));
	cr_assert_eq(index_ndocs(a), index_ndocs(b));
	cr_assert_eq(index_bytes(a), index_bytes(b));
	for (g = 0; g < index_npara(a); g++)
		cr_assert_eq(index_para_len(a, g), index_para_len(b, g));
	for (t = 0; t < index_nterms(a); t++) {
		struct index_cursor ca, cb;
		size_t	 la, lb;
		const uint8_t *ta = index_term(a, t, &la), *tb = index_term(b, t, &lb);
		uint32_t pa[64], pb[64];

		cr_assert(la == lb && memcmp(ta, tb, la) == 0);
		cr_assert_eq(index_df(a, t), index_df(b, t));
		index_cursor_init(a, t, &ca);
		index_cursor_init(b, t, &cb);
		while (index_cursor_next(&ca)) {
			cr_assert(index_cursor_next(&cb));
			cr_assert_eq(ca.gid, cb.gid);
			cr_assert_eq(ca.tf, cb.tf);
			if (ca.tf <= 64) {
				index_cursor_pos(&ca, pa);
				index_cursor_pos(&cb, pb);
				cr_assert(memcmp(pa, pb, ca.tf * sizeof *pa) == 0);
			}
		}
		cr_assert_not(index_cursor_next(&cb));
	}
	index_free(a);
	index_free(b);
	corpus_free(s);
}

/* Postings agree with the tokens of each paragraph. */
Test(index, agrees_with_the_paragraph_tokens)
{
	struct store	*s = corpus_random(11, 200);
	struct index	*x = index_build(s, NULL);
	struct fold	*fo = fold_new(0);
	struct index_tok *tok = NULL;
	size_t		 cap = 0, g, i;
	uint64_t	 total = 0, cf = 0;

	for (g = 0; g < index_npara(x); g++) {
		size_t	 n = index_para_tokens(x, fo, g, &tok, &cap);

		cr_assert_eq(n, index_para_len(x, g));
		for (i = 0; i < n; i++) {
			struct index_cursor c;
			uint32_t pos[256];
			bool	 found = false;

			cr_assert_neq(tok[i].term, UINT32_MAX);
			index_cursor_init(x, tok[i].term, &c);
			while (index_cursor_next(&c))
				if (c.gid == g) {
					index_cursor_pos(&c, pos);
					for (size_t k = 0; k < c.tf; k++)
						found |= pos[k] == tok[i].pos;
					break;
				}
			cr_assert(found);
		}
		total += n;
	}
	/* The words' occurrences are the tokens (derived terms come first). */
	for (i = index_first_word(x); i < index_nterms(x); i++)
		cf += index_cf(x, (uint32_t)i);
	cr_assert_eq(cf, total);
	free(tok);
	fold_free(fo);
	index_free(x);
	corpus_free(s);
}

/* Two indexes are the same to the byte: every table of them. */
static void
same_tables(const struct index *a, const struct index *b)
{
	struct tables	 ta, tb;
	size_t		 i;

	index_tables(a, &ta);
	index_tables(b, &tb);
	cr_assert_eq(ta.nscal, tb.nscal);
	cr_assert(memcmp(ta.scal, tb.scal, ta.nscal * sizeof *ta.scal) == 0);
	cr_assert_eq(ta.narr, tb.narr);
	for (i = 0; i < ta.narr; i++) {
		cr_assert_eq(ta.arr[i].n, tb.arr[i].n, "array %zu", i);
		cr_assert_eq(ta.arr[i].size, tb.arr[i].size);
		cr_assert(ta.arr[i].n == 0 || memcmp(ta.arr[i].p, tb.arr[i].p,
		    ta.arr[i].n * ta.arr[i].size) == 0, "array %zu", i);
	}
}

/* Article i of s appended to d. */
static void
copy_article(struct store *d, const struct store *s, size_t i)
{
	const struct article *a = &s->arts[i];
	char		**v = xcalloc(a->npara ? a->npara : 1, sizeof *v);
	uint8_t		*fl = xcalloc(a->npara ? a->npara : 1, 1);
	size_t		 p;

	for (p = 0; p < a->npara; p++) {
		v[p] = xstrndup((const char *)store_para_text(a, p),
		    a->paras[p].len);
		fl[p] = a->paras[p].flags;
	}
	corpus_add(d, a->path, (const char *const *)v, a->npara, fl);
	for (p = 0; p < a->npara; p++)
		free(v[p]);
	free(v);
	free(fl);
}

/*
 * An index updated from an earlier one, its changed articles taken out
 * and new ones put in, is the index built from scratch, to the byte.
 */
Test(index, updated_is_the_same_as_built)
{
	struct store	*old = corpus_random(11, 400), *more = corpus_random(12,
			    60), *now = corpus_new();
	struct index_opts o2 = { 2 };
	struct index	*ox = index_build(old, &o2), *up, *built;
	uint32_t	*map = xcalloc(old->npara, sizeof *map);
	size_t		 i, p, k = 0;

	for (i = 0; i < old->npara; i++)
		map[i] = UINT32_MAX;
	for (i = 0; i < old->narts; i++) {
		const struct article *a = &old->arts[i];

		if (i % 7 == 3 && k < more->narts)
			copy_article(now, more, k++);	/* added */
		if (i % 5 == 1)
			continue;			/* changed or gone */
		for (p = 0; p < a->npara; p++)
			map[a->first_gid + p] = (uint32_t)(now->npara + p);
		copy_article(now, old, i);
	}
	up = index_update(now, ox, map, &o2);
	cr_assert_not_null(up);
	built = index_build(now, NULL);
	same_tables(up, built);
	cr_assert_eq(index_bytes(up), index_bytes(built));
	index_free(up);
	index_free(built);
	/* Nothing changed: the same again. */
	for (i = 0; i < old->npara; i++)
		map[i] = (uint32_t)i;
	up = index_update(old, ox, map, NULL);
	same_tables(up, ox);
	index_free(up);
	/* Everything changed: nothing of the old one kept. */
	for (i = 0; i < old->npara; i++)
		map[i] = UINT32_MAX;
	up = index_update(now, ox, map, &o2);
	built = index_build(now, NULL);
	same_tables(up, built);
	index_free(up);
	index_free(built);
	index_free(ox);
	free(map);
	corpus_free(old);
	corpus_free(more);
	corpus_free(now);
}

/*
 * What it keeps it takes from the earlier index, without reading it
 * again (a store whose kept article says something else shows it), and
 * a map that sends two paragraphs to one is refused.
 */
Test(index, updated_takes_the_kept_paragraphs_from_the_old_index)
{
	static const char *const was[] = { "Artillery shells for Moscow" };
	static const char *const is[] = { "Nothing of the kind" };
	static const char *const added[] = { "Missiles for Moscow" };
	struct store	*old = corpus_new(), *now = corpus_new();
	struct index	*ox, *up;
	uint32_t	 map[1] = { 0 }, bad[2] = { 0, 0 };
	long		 t;

	corpus_add(old, "a.txt", was, 1, NULL);
	corpus_add(now, "a.txt", is, 1, NULL);
	corpus_add(now, "b.txt", added, 1, NULL);
	ox = index_build(old, NULL);
	up = index_update(now, ox, map, NULL);
	cr_assert_not_null(up);
	cr_assert_geq(t = term(up, "artillery"), 0);
	cr_assert_eq(index_df(up, (uint32_t)t), 1);
	cr_assert_lt(term(up, "nothing"), 0);
	cr_assert_geq(t = term(up, "moscow"), 0);
	cr_assert_eq(index_df(up, (uint32_t)t), 2);
	cr_assert_geq(term(up, "missiles"), 0);
	index_free(up);
	index_free(ox);
	corpus_free(old);
	/* Two paragraphs made one. */
	old = corpus_new();
	corpus_add(old, "a.txt", was, 1, NULL);
	corpus_add(old, "b.txt", was, 1, NULL);
	ox = index_build(old, NULL);
	cr_assert_null(index_update(now, ox, bad, NULL));
	index_free(ox);
	corpus_free(old);
	corpus_free(now);
}
