/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * view_svg: the slot map of a stop (fs_anatomy) drawn as a picture, a
 * standalone SVG 1.1 file for a slide, a hand-out or a web page: the
 * textbook's drawing of the stack, higher addresses on top, one box per
 * frame, each 8-byte word with its address, its offset from rbp or the
 * cfa, its raw value and what it is (the words `frames` writes, from
 * view_frames), arrows at rsp, rbp and each cfa on the right, and on the
 * left an arrow from each word that points into the drawn stack to the
 * word it points at.  Nothing is told by colour alone, so that it prints
 * in black and white: the kinds of words are named in their text, the
 * red zone is hatched, changed words are bold and starred.  Text from the
 * program (names, strings) is escaped and made valid UTF-8.  Front-end
 * code: it writes to a stdio stream and knows nothing of the session.
 */
#ifndef VIEW_SVG_H
#define VIEW_SVG_H

#include <stdint.h>
#include <stdio.h>

#include "fs_anatomy.h"

/* Draw the N maps of FA (all the frames given are drawn).  RSP and RBP
   are the registers of the stop; CAPTION, when not NULL, is written on
   top ("callee8-O0, stop 2 (breakpoint 1)").  Returns 0, or -1 when
   writing failed (errno tells).  */
int	view_svg_write(FILE *out, const struct fs_frame_anatomy *fa, size_t n,
	    uint64_t rsp, uint64_t rbp, const char *caption);

/* How a word of kind K is drawn: its fill ("#dcefd8"; "url(#redzone)",
   the hatching of the red zone), and its name in the legend (NULL when
   it has none).  The page of a run draws with them too.  */
const char *view_svg_fill(enum fs_slot_kind k);
const char *view_svg_legend(enum fs_slot_kind k);

#endif
