/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * view_frames: the slot map of a stop (fs_anatomy) drawn as the textbook
 * draws the stack: higher addresses on top, one box per frame headed
 * `#N function (file:line)`, one line per 8-byte word with its address,
 * its offset from rbp (or from the cfa), its raw value and what it is,
 * and arrows at rsp, rbp and each cfa.  Unicode box drawing, or plain
 * ASCII.  Front-end code, shared by the `frames` command and the TUI; it
 * writes to a stdio stream and knows nothing of the session.  The words
 * of the drawing (a frame's title, a word's offset, meaning and arrows)
 * are given to the other views too (view_svg), so that every picture of
 * a stop says the same.
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
	bool		inner_first;	/* frame 0's box first, as bt
					   lists them */
};

/* Whether the locale's character set is UTF-8, by the environment
   (LC_ALL, LC_CTYPE, LANG, the first set): the program need not have
   called setlocale.  */
bool	view_frames_utf8(void);

/* Parse the `frames` arguments: [-ascii|-unicode] [-inner|-outer] [N].  Defaults from
   view_frames_utf8().  Returns 0, or -1 with a message in ERR.  */
int	view_frames_args(const char *arg, struct view_frames_opts *o,
	    char *err, size_t errlen);

/* Draw the N frames of FA.  RSP and RBP are the registers of the stop
   (the arrows of frame 0).  */
void	view_frames_print(FILE *out, const struct fs_frame_anatomy *fa,
	    size_t n, uint64_t rsp, uint64_t rbp,
	    const struct view_frames_opts *o);

/* The words of the drawing.  A frame's title: "#0 callee (callee8.c:4)",
   with [prologue], [epilogue] or a note of truncation.  */
void	view_frames_title(const struct fs_frame_anatomy *f, char *buf,
	    size_t len);
/* What is drawn instead of the slots of a frame that has none, or NULL. */
const char *view_frames_note(const struct fs_frame_anatomy *f);
/* A word's offset from rbp, or from the cfa: "rbp-8", "cfa-152".  */
void	view_frames_offset(const struct fs_slot *sl, char *buf, size_t len);
/* What the word is, TO the arrow of a return address: "return address
   TO main+67 (callee8.c:10)", "param arg1 = 1", with the instruction
   that wrote it when it changed after a single step.  */
void	view_frames_meaning(const struct fs_slot *sl, const char *to,
	    char *buf, size_t len);
/* What points at the word at ADDR: rsp, rbp (RSP and RBP of the stop),
   each frame's rbp ("rbp #1") and cfa ("cfa #0"), each written after
   SEP.  */
void	view_frames_arrows(const struct fs_frame_anatomy *fa, size_t n,
	    uint64_t addr, uint64_t rsp, uint64_t rbp, const char *sep,
	    char *buf, size_t len);

#endif
