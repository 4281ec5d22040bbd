/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_unwind: the frames of a stopped thread, from CFI, through libunwind
 * with accessors of our own.  libunwind-ptrace's stock accessors read 8
 * bytes per system call and re-open ELF files; ours answer from the stack
 * bytes fetched once per stop (one process_vm_readv from rsp-128, the red
 * zone included, grown only for deep stacks) and from the file images that
 * fs_modules already holds (code, .eh_frame, .eh_frame_hdr).  So a stop
 * costs one register read and one memory read, however deep the stack.
 * Where a function has no CFI, libunwind falls back to the rbp chain.
 * This is the only file that includes <libunwind.h>.
 */
#ifndef FS_UNWIND_H
#define FS_UNWIND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "fs_error.h"
#include "fs_modules.h"
#include "fs_target.h"

struct fs_frame {
	unsigned	 index;
	uint64_t	 pc;
	uint64_t	 cfa;	/* canonical frame address: the caller's rsp
				   before its call; 0 when unknown */
	uint64_t	 sp;
	uint64_t	 fp;	/* rbp as this frame sees it */
	bool		 sigtramp; /* the signal trampoline frame:
				      "<signal handler called>" */
	bool		 has_where; /* WHERE is filled: see fs_unwind_where */
	struct fs_where	 where;	/* function, file, line (of the call for a
				   caller frame) */
};

struct fs_unwinder;

int	fs_unwinder_new(struct fs_unwinder **out, struct fs_err *e);
void	fs_unwinder_free(struct fs_unwinder *u);

/* Unwind the current thread of T, whose registers are REGS, into at most
   MAX frames (0: no limit).  *FRAMES is borrowed until the next call.
   Returns 0; frames that cannot be unwound end the list, they are not an
   error.  */
int	fs_unwind(struct fs_unwinder *u, struct fs_target *t,
	    struct fs_modules *m, const struct user_regs_struct *regs,
	    size_t max, const struct fs_frame **frames, size_t *n,
	    struct fs_err *e);

/* Fill in `where` (function, file, line) of the first UPTO frames of the
   last fs_unwind.  Kept apart from unwinding because it may load a
   module's DWARF, which a stop that shows only frame 0 never needs.  */
void	fs_unwind_where(struct fs_unwinder *u, size_t upto);

/* The stack bytes read for the last fs_unwind: [*lo, *lo + *len).
   Borrowed until the next call.  */
const uint8_t *fs_unwind_stack(const struct fs_unwinder *u, uint64_t *lo,
	    size_t *len);

/* Read 8 bytes of target memory through the same caches as the last
   fs_unwind (stack bytes, file images).  Returns 0 or -FS_E_*.  */
int	fs_unwind_read_word(struct fs_unwinder *u, uint64_t addr,
	    uint64_t *val);

#endif
