/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_unwind: the frames of a stopped thread, from CFI, through libunwind
 * with accessors of our own.  libunwind-ptrace's stock accessors read 8
 * bytes per system call and re-open ELF files; ours answer from the stack
 * bytes fetched once per stop (one process_vm_readv from rsp-128, the red
 * zone included, grown only for deep stacks) and from the file images that
 * fs_modules already holds (code, .eh_frame, .eh_frame_hdr).  So a stop
 * costs one register read and one memory read, however deep the stack.
 * Frames whose CFI is plain (nearly all) are not even given to libunwind:
 * their rules, read once per code address by fs_cfi, are applied to the
 * stack bytes directly; libunwind unwinds any stack with a frame that has
 * no such rule.  Where a function has no CFI, the rbp chain is followed.
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

struct fs_scope;

/* A frame as gdb shows it.  fs_unwind gives the physical frames, one per
   call on the stack; fs_session expands each into one frame per call
   inlined there (innermost first), which share its PC, CFA, SP and
   registers and differ in INLINED, CALL_SITE, SCOPE and WHERE.  */
struct fs_frame {
	unsigned	 index;
	unsigned	 phys;	/* the physical frame: fs_unwind's index */
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
	/* Set by fs_session.  INLINED: a call inlined into the frame
	   above, which has the same physical frame.  CALL_SITE: WHERE's
	   file and line are those of the call inlined into this frame (the
	   frame below, or one hidden at a stop at its entry), not the
	   pc's: gdb shows no address.  SCOPE: the innermost DWARF scope
	   of this frame at the pc (a block inside the inlined call or
	   function the frame is), NULL when there is none.  LOOKUP: the
	   address its scope and line are looked up at, pc - 1 in a caller
	   (gdb's address in block), else pc.  */
	bool		 inlined;
	bool		 call_site;
	const struct fs_scope *scope;
	uint64_t	 lookup;
	/* Set by fs_session: a frame of a tail call, which no longer
	   exists (its function jumped to the one below), made up from the
	   DWARF call sites as gdb does (its "tail call frames").  It has
	   no stack of its own: PHYS is the caller's physical frame, whose
	   registers it sees, CFA the frame below's, PC the address after
	   the jump.  */
	bool		 tailcall;
	/* Set by fs_session: the dummy frame of a function called from
	   framescope (gdb's <function called from gdb>), between the
	   called function's frames and those it was called from.  */
	bool		 dummy;
};

struct fs_unwinder;

/* Why the frames of an unwind end: gdb's frame_stop_reason.  */
enum fs_unwind_end {
	FS_UNWIND_END_OUTERMOST,	/* nothing says there is another
					   frame (the outermost one): gdb
					   says nothing */
	FS_UNWIND_END_LIMIT,		/* the number of frames asked for */
	FS_UNWIND_END_INNER,		/* a frame's CFA below the one before:
					   corrupt */
	FS_UNWIND_END_SAME,		/* ... equal to it */
	FS_UNWIND_END_MEMORY,		/* what unwinding needed could not be
					   read, or a return address in no
					   mapping (the address) */
	FS_UNWIND_END_INTR,		/* fs_cancelled */
};

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

/* Why the last fs_unwind's frames end; *ADDR (may be NULL) the address
   of FS_UNWIND_END_MEMORY.  */
enum fs_unwind_end fs_unwind_end(const struct fs_unwinder *u,
	    uint64_t *addr);
/* gdb's words after "Backtrace stopped: " for END, or NULL for an end
   gdb does not explain (the outermost frame, a limit).  BUF, LEN hold
   what needs the address.  */
const char *fs_unwind_end_text(enum fs_unwind_end end, uint64_t addr,
	    char *buf, size_t len);

/* Whether fs_unwind may take the frames whose CFI is plain (CFA a
   register plus an offset, registers saved at offsets from it) by
   fs_cfi's rules instead of asking libunwind (on by default).  Both give
   the same frames; off, every frame goes through libunwind.  */
void	fs_unwind_set_fast(struct fs_unwinder *u, bool on);
/* How many unwinds so far took the fast path, and how many libunwind.  */
void	fs_unwind_counts(const struct fs_unwinder *u, unsigned long *fast,
	    unsigned long *slow);
/* Fill in `where` (function, file, line) of the first UPTO frames of the
   last fs_unwind.  Kept apart from unwinding because it may load a
   module's DWARF, which a stop that shows only frame 0 never needs.  */
void	fs_unwind_where(struct fs_unwinder *u, size_t upto);
/* fs_modules_where(M, PC, LOOKUP, W) through the cache the frames are
   named from when M is U's modules (the cache is emptied when they
   change): the return addresses and writers of a slot map are those of
   the frames, stop after stop.  */
void	fs_unwind_where_at(struct fs_unwinder *u, struct fs_modules *m,
	    uint64_t pc, uint64_t lookup, struct fs_where *w);

/* The stack bytes read for the last fs_unwind: [*lo, *lo + *len).
   Borrowed until the next call.  */
const uint8_t *fs_unwind_stack(const struct fs_unwinder *u, uint64_t *lo,
	    size_t *len);

/* The stack bytes the unwind before the last one read (its frames' stack
   as it was then): what changed between two stops.  Borrowed until the
   next fs_unwind; *LEN is 0 when there is none.  */
const uint8_t *fs_unwind_prev_stack(const struct fs_unwinder *u,
	    uint64_t *lo, size_t *len);

/* The registers a frame keeps for its caller (callee-saved in the SysV
   ABI), with rsp and rip.  */
enum fs_ureg {
	FS_UREG_RBX, FS_UREG_RBP, FS_UREG_R12, FS_UREG_R13, FS_UREG_R14,
	FS_UREG_R15, FS_UREG_RSP, FS_UREG_RIP, FS_UREG_N
};

struct fs_frame_regs {
	uint64_t	 val[FS_UREG_N];	/* as the frame sees them */
	unsigned	 known;		/* bit 1 << FS_UREG_*: VAL is known */
	/* The stack address where a frame below (one this frame called,
	   directly or not) saved the register, from CFI (or the rbp
	   chain): the return address for rip.  0: not saved on the stack,
	   still in the register (always so in frame 0).  */
	uint64_t	 saved_at[FS_UREG_N];
};

/* "rbx", ... (x86-64's names).  */
const char *fs_ureg_name(unsigned r);
/* The same on architecture A: on i386 "ebx", "ebp", "esi", "edi", "esp",
   "eip", FS_UREG_R12 and R13 standing for esi and edi and R14, R15 not
   used ("?").  */
const char *fs_ureg_name_arch(const struct fs_arch *a, unsigned r);

/* The registers of the first UPTO frames of the last fs_unwind (0: all).
   Kept by the fast path as it walks (the same as libunwind's walk
   gives), else computed on demand by walking the frames again through
   libunwind, so that stops nobody looks at in this detail do not pay
   for it; kept until the next fs_unwind.  *OUT is borrowed as long.
   Returns 0 or -FS_E_*.  */
int	fs_unwind_regs(struct fs_unwinder *u, size_t upto,
	    const struct fs_frame_regs **out, size_t *n, struct fs_err *e);

/* The stack-protector guard of the thread the last fs_unwind was about,
   at %fs:0x28 (the TCB's stack_guard on x86-64 glibc).  Returns 0 or
   -FS_E_*.  */
int	fs_unwind_canary(struct fs_unwinder *u, uint64_t *val,
	    struct fs_err *e);

/* The address of the sigcontext the kernel saved for the signal
   trampoline frame at PC whose stack pointer is SP (of the last
   fs_unwind's process), 0 when PC is no trampoline.  */
uint64_t fs_unwind_sigcontext(struct fs_unwinder *u, uint64_t pc,
	    uint64_t sp);
/* Read 8 bytes of target memory through the same caches as the last
   fs_unwind (stack bytes, file images).  Returns 0 or -FS_E_*.  */
int	fs_unwind_read_word(struct fs_unwinder *u, uint64_t addr,
	    uint64_t *val);

#endif
