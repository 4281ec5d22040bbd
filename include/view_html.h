/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * view_html: a run of stops as one self-contained HTML page to move
 * through in a browser: the source with the current line, the
 * instruction, the registers, the backtrace and the stack diagram (the
 * picture view_svg draws), step by step, with keys, a slider and
 * `#step=N` in the address.  The page needs no network: its script and
 * style are in it, and so is every source file the run went through.
 *
 * The stops come as JSON snapshots (fs_snapshot's, with their slots: a
 * --dump file, or a recording's steps).  The page stores what changed
 * from one step to the next, not the steps: a register's new value, a
 * frame whose title changed, the words that came, went or changed; the
 * words of the drawing (titles, offsets, meanings, arrows) are made here
 * with view_frames, as `frames` makes them, and stored once each.  The
 * steps are in chunks, each in a <script> of its own whose first step is
 * whole: the page's script reads a chunk when it needs it and rebuilds a
 * step from the nearest whole one, so a long run opens as fast at its
 * end as at its start.
 * Front-end code: it reads JSON and writes a file, and knows nothing of
 * the session.
 */
#ifndef VIEW_HTML_H
#define VIEW_HTML_H

#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "fs_error.h"

struct view_html;

int	view_html_new(struct view_html **out, struct fs_err *e);
void	view_html_free(struct view_html *h);

/* Add the stop SNAP (a snapshot with slots) as the next step.  */
int	view_html_add(struct view_html *h, const json_t *snap,
	    struct fs_err *e);
/* The number of steps added.  */
size_t	view_html_steps(const struct view_html *h);

/* Write the page of the steps added to OUT, TITLE on top (NULL: the
   program's name).  */
int	view_html_write(struct view_html *h, FILE *out, const char *title,
	    struct fs_err *e);

/* The page of the --dump file DUMP (one snapshot a line) into PAGE.  */
int	view_html_from_dump(const char *dump, const char *page,
	    struct fs_err *e);

#endif
