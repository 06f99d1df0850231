/*
 * test_layout.c - pane rectangles from the terminal's size and the
 * user's choices.
 */
#include <criterion/criterion.h>

#include "layout.h"

static struct layout
lay(int w, int h, enum pane_id focus, size_t nlist)
{
	struct layout_in in = { 0 };
	struct layout	 out;

	in.w = w;
	in.h = h;
	in.focus = focus;
	in.side = PANE_LIST;
	in.zoom = -1;
	in.nlist = nlist;
	layout_compute(&in, &out);
	return out;
}

static bool
shown(const struct rect *r)
{
	return r->w > 0 && r->h > 0;
}

static bool
overlap(const struct rect *a, const struct rect *b)
{
	return shown(a) && shown(b) && a->x < b->x + b->w &&
	    b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

Test(layout, puts_three_panes_side_by_side_at_200x60)
{
	struct layout	 l = lay(200, 60, PANE_READER, 1000);
	int		 i, sum = 0;

	cr_assert_eq(l.shape, LAYOUT_THREE);
	for (i = 0; i < PANE_NMAIN; i++) {
		cr_expect(shown(&l.pane[i]), "pane %d hidden", i);
		cr_expect_eq(l.pane[i].y, 1);
		cr_expect_eq(l.pane[i].h, 59, "pane %d is %d rows", i,
		    l.pane[i].h);
		sum += l.pane[i].w;
	}
	cr_expect_eq(sum + l.sep[0].w + l.sep[1].w, 200);
	cr_expect_lt(l.pane[PANE_LIST].x, l.pane[PANE_READER].x);
	cr_expect_lt(l.pane[PANE_READER].x, l.pane[PANE_RELATED].x);
	cr_expect_geq(l.pane[PANE_READER].w, 80);
	cr_expect_eq(l.status.y, 0);
	cr_expect_eq(l.status.w, 200);
}

Test(layout, stacks_the_list_over_the_reader_at_80x24)
{
	struct layout	 l = lay(80, 24, PANE_READER, 1000);

	cr_assert_eq(l.shape, LAYOUT_STACKED);
	cr_expect(shown(&l.pane[PANE_LIST]));
	cr_expect(!shown(&l.pane[PANE_RELATED]));
	cr_expect_eq(l.pane[PANE_LIST].y, 1);
	cr_expect_eq(l.pane[PANE_READER].y,
	    l.pane[PANE_LIST].y + l.pane[PANE_LIST].h);
	/* The reader reaches the bottom row: nothing static below it. */
	cr_expect_eq(l.pane[PANE_READER].y + l.pane[PANE_READER].h, 24);
	cr_expect_geq(l.pane[PANE_READER].h, 15);
}

Test(layout, gives_a_short_list_only_the_rows_it_needs)
{
	struct layout	 l = lay(80, 24, PANE_READER, 2);

	cr_assert_eq(l.shape, LAYOUT_STACKED);
	cr_expect_eq(l.pane[PANE_LIST].h, 3);	/* a header and two rows */
}

Test(layout, shows_the_related_pane_in_the_side_slot_when_it_has_focus)
{
	struct layout_in in = { .w = 80, .h = 24, .focus = PANE_RELATED,
	    .side = PANE_RELATED, .zoom = -1, .nlist = 100 };
	struct layout	 l;

	layout_compute(&in, &l);
	cr_expect(shown(&l.pane[PANE_RELATED]));
	cr_expect(!shown(&l.pane[PANE_LIST]));
	cr_expect(shown(&l.pane[PANE_READER]));
}

Test(layout, shows_one_pane_at_a_time_at_40x12)
{
	struct layout	 l = lay(40, 12, PANE_LIST, 100);

	cr_assert_eq(l.shape, LAYOUT_SINGLE);
	cr_expect(shown(&l.pane[PANE_LIST]));
	cr_expect(!shown(&l.pane[PANE_READER]));
	cr_expect(!shown(&l.pane[PANE_RELATED]));
	cr_expect_eq(l.pane[PANE_LIST].h, 11);
}

Test(layout, says_too_small_below_the_minimum)
{
	cr_expect_eq(lay(1, 1, PANE_READER, 1).shape, LAYOUT_TOO_SMALL);
	cr_expect_eq(lay(LAYOUT_MIN_W - 1, 40, PANE_READER, 1).shape,
	    LAYOUT_TOO_SMALL);
	cr_expect_eq(lay(80, LAYOUT_MIN_H - 1, PANE_READER, 1).shape,
	    LAYOUT_TOO_SMALL);
	cr_expect_neq(lay(LAYOUT_MIN_W, LAYOUT_MIN_H, PANE_READER, 1).shape,
	    LAYOUT_TOO_SMALL);
}

Test(layout, lets_a_zoomed_pane_fill_the_pane_area)
{
	struct layout_in in = { .w = 200, .h = 60, .focus = PANE_READER,
	    .zoom = PANE_READER, .nlist = 10 };
	struct layout	 l;

	layout_compute(&in, &l);
	cr_expect_eq(l.pane[PANE_READER].w, 200);
	cr_expect_eq(l.pane[PANE_READER].h, 59);
	cr_expect(!shown(&l.pane[PANE_LIST]));
	cr_expect(!shown(&l.sep[0]));
}

Test(layout, gives_the_prompt_the_bottom_row)
{
	struct layout_in in = { .w = 80, .h = 24, .focus = PANE_READER,
	    .zoom = -1, .prompt = true, .nlist = 10 };
	struct layout	 l;

	layout_compute(&in, &l);
	cr_expect_eq(l.prompt.y, 23);
	cr_expect_eq(l.prompt.h, 1);
	cr_expect_eq(l.pane[PANE_READER].y + l.pane[PANE_READER].h, 23);
}

Test(layout, moves_the_split_and_clamps_it)
{
	struct layout_in in = { .w = 200, .h = 60, .focus = PANE_READER,
	    .zoom = -1, .nlist = 10 };
	struct layout	 base, l;

	layout_compute(&in, &base);
	in.split = 10;
	layout_compute(&in, &l);
	cr_expect_eq(l.pane[PANE_LIST].w, base.pane[PANE_LIST].w + 10);
	cr_expect_eq(l.pane[PANE_READER].w, base.pane[PANE_READER].w - 10);
	in.split = 1000;
	layout_compute(&in, &l);
	cr_expect_eq(l.pane[PANE_LIST].w - base.pane[PANE_LIST].w,
	    base.split_max);
	cr_expect_geq(l.pane[PANE_READER].w, 50);
	in.split = -1000;
	layout_compute(&in, &l);
	cr_expect_eq(l.pane[PANE_LIST].w - base.pane[PANE_LIST].w,
	    base.split_min);
	cr_expect_geq(l.pane[PANE_LIST].w, 16);
}

/* Every size from 1x1 up: inside the screen, no overlaps, rows accounted. */
Test(layout, never_overlaps_or_leaves_the_screen_at_any_size)
{
	int	 w, h, i, j, f, pr;

	for (w = 1; w <= 230; w += (w < 40 ? 1 : 7))
		for (h = 1; h <= 80; h += (h < 30 ? 1 : 5))
			for (f = 0; f < PANE_NMAIN; f++)
				for (pr = 0; pr < 2; pr++) {
					struct layout_in in = { .w = w, .h = h,
					    .focus = f, .side = f == PANE_RELATED ?
					    PANE_RELATED : PANE_LIST, .zoom = -1,
					    .prompt = pr, .nlist = 50 };
					struct layout	 l;
					struct rect	 all[6];

					layout_compute(&in, &l);
					if (l.shape == LAYOUT_TOO_SMALL)
						continue;
					cr_assert(shown(&l.pane[f]),
					    "%dx%d: focused pane %d hidden", w, h,
					    f);
					for (i = 0; i < PANE_NMAIN; i++)
						all[i] = l.pane[i];
					all[3] = l.sep[0];
					all[4] = l.sep[1];
					all[5] = l.status;
					for (i = 0; i < 6; i++) {
						if (!shown(&all[i]))
							continue;
						cr_assert(all[i].x >= 0 &&
						    all[i].y >= 0 &&
						    all[i].x + all[i].w <= w &&
						    all[i].y + all[i].h <= h -
						    (pr ? 1 : 0),
						    "%dx%d: rect %d outside", w,
						    h, i);
						for (j = i + 1; j < 6; j++)
							cr_assert(!overlap(&all[i],
							    &all[j]),
							    "%dx%d: %d over %d",
							    w, h, i, j);
					}
				}
}

Test(layout, names_its_shapes)
{
	cr_expect_str_eq(layout_shape_name(LAYOUT_THREE), "three columns");
	cr_expect_str_eq(layout_shape_name(LAYOUT_TOO_SMALL), "too small");
}
