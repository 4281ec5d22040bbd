/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * view_frames: the slot map of a stop (fs_anatomy) drawn as the textbook
 * draws the stack: higher addresses on top, one box per frame headed
 * `#N function (file:line)`, one line per 8-byte word with its address,
 * its offset from rbp (or from the cfa), its raw value and what it is,
 * and arrows at rsp, rbp and each cfa.  Unicode box drawing, or plain
 * ASCII.  Front-end code, shared by the `frames` command and the TUI; it
 * writes to a stdio stream and knows nothing of the session.
 */
#ifndef VIEW_FRAMES_H
#define VIEW_FRAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "fs_anatomy.h"

struct view_frames_opts {
	bool		ascii;		/* no Unicode */
	size_t		max;		/* frames drawn (0: all) */
	/* The program's (register names, word and address widths); NULL:
	   x86-64.  */
	const struct fs_arch *arch;
};

/* Whether the locale's character set is UTF-8, by the environment
   (LC_ALL, LC_CTYPE, LANG, the first set): the program need not have
   called setlocale.  */
bool	view_frames_utf8(void);

/* Parse the `frames` arguments: [-ascii|-unicode] [N].  Defaults from
   view_frames_utf8().  Returns 0, or -1 with a message in ERR.  */
int	view_frames_args(const char *arg, struct view_frames_opts *o,
	    char *err, size_t errlen);

/* Draw the N frames of FA.  RSP and RBP are the registers of the stop
   (the arrows of frame 0).  */
void	view_frames_print(FILE *out, const struct fs_frame_anatomy *fa,
	    size_t n, uint64_t rsp, uint64_t rbp,
	    const struct view_frames_opts *o);

#endif
