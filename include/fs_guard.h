/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_guard: the integrity of the stack's control slots and the guard that
 * watches them.  Its ledger remembers, for every live frame of a thread,
 * the words that steer its return (the return address, the saved rbp, the
 * other callee-saved registers CFI says it saved, the stack protector's
 * canary) as the frame stored them, taken when framescope first sees the
 * frame, at every stop; a slot whose word differs from it now was
 * overwritten.  It keeps what single steps saw of the stack's writers, and
 * asks a recording for the last writer of a word when one is registered.
 * The guard (`guard`) lets continue, next and finish run with the control
 * slots of the live frames watched, by debug registers over the innermost
 * frames re-armed at calls and returns, and stops at the store that
 * overwrites one (or that runs past the end of a local array or struct),
 * before any ret uses it.  One fs_guard belongs to a session, which calls
 * it at each stop, single step and resume; it never prints.
 */
#ifndef FS_GUARD_H
#define FS_GUARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "fs_error.h"
#include "fs_target.h"

struct fs_arch;
struct fs_session;
struct fs_guard;
struct fs_frame;
struct fs_anat_obj;

/* --- Who wrote a stack word --- */

struct fs_writer {
	uint64_t	 pc;		/* 0: the instruction is not known */
	char		 insn[200];	/* as gdb writes it; empty then */
	/* ... but the library function the program called, which wrote
	   it ("read"); else empty.  */
	char		 callee[128];
	/* The instruction's function and line (NULL: none).  */
	const char	*func;
	const char	*file;
	unsigned	 line;
	/* When PC is in a library function (strcpy) called from the
	   program: that call's function, file and line; else NULL.  */
	const char	*call_func;
	const char	*call_file;
	unsigned	 call_line;
	/* The frame the store ran in (for a store of a library function,
	   the program's frame that called it when the library's is gone),
	   numbered as now; RETURNED: none of them is live now.  */
	unsigned	 frame;
	bool		 returned;
	unsigned long	 stop;		/* the stop it was seen at (or the
					   recording's step) */
	bool		 recorded;	/* from a recording */
};

/* A recording's answer to "who last wrote the word at ADDR before the
   current position": 1 with *OUT filled, 0 when no instruction it
   recorded wrote it, or -1 when it cannot tell.  Registered by a
   recorder with fs_guard_set_history.  */
typedef int fs_writer_lookup(void *arg, struct fs_session *s, uint64_t addr,
    struct fs_writer *out);
void	fs_guard_set_history(struct fs_guard *g, fs_writer_lookup *fn,
	    void *arg);

/* Where the program called the library function frame 0 of F[0..N) is
   in: the return address into the innermost frame of the program's own
   code, that frame's index in *CALLER; 0 when frame 0 is the
   program's.  */
uint64_t fs_guard_library_caller(struct fs_session *s,
	    const struct fs_frame *f, size_t n, size_t *caller);

/* W in words: "mov %eax,(%rdx) in fill (f.c:9)", "vmovdqu ... in
   __strcpy_evex, called at f.c:14", "read (called at f.c:16)".  */
void	fs_writer_text(const struct fs_writer *w, char *buf, size_t len);

/* The last writer of the word at ADDR (8 bytes, 4 on i386): from the history
   registered (the session's recording), else from the single steps seen (not in a recording's past, where
   they may be later).  Returns 1 with *OUT filled, or 0: unknown
   (written while running).  */
int	fs_guard_last_writer(struct fs_guard *g, struct fs_session *s,
	    uint64_t addr, struct fs_writer *out);

/* --- The ledger --- */

enum fs_ctl_kind {
	FS_CTL_RETADDR,
	FS_CTL_SAVED_RBP,
	FS_CTL_SAVED_REG,
	FS_CTL_CANARY,
};

struct fs_ctl_slot {
	uint64_t	 addr;
	enum fs_ctl_kind kind;
	const struct fs_arch *arch;	/* its process's: names, word size */
	unsigned	 reg;		/* FS_CTL_SAVED_REG: FS_UREG_* */
	uint64_t	 cfa;		/* the frame's */
	uint64_t	 was;		/* what the frame stored (the canary:
					   the guard at %fs:0x28, %gs:0x14) */
	unsigned long	 since;		/* the stop it was taken at */
	/* Taken at its function's entry (under guard), the prologue has not
	   stored it yet: WAS is what it will.  */
	bool		 pending;
	/* Overwritten, and the writer known (the guard's stop, a single
	   step, a recording).  */
	bool		 has_by;
	struct fs_writer by;
};

/* The ledger's control slot at ADDR (aligned to the process's word) in
   the current thread's live frames, or NULL.  */
const struct fs_ctl_slot *fs_guard_ctl_at(struct fs_guard *g,
	    struct fs_session *s, uint64_t addr);
/* The ledger's control slot of the current thread with the highest
   address under ADDR, or NULL: how a frame's slots are gone through
   without visiting every word of a frame whose size is garbage.  */
const struct fs_ctl_slot *fs_guard_ctl_below(struct fs_guard *g,
	    struct fs_session *s, uint64_t addr);
/* The stop at which the ledger first saw the current thread's live frame
   at CFA (0: not known).  */
unsigned long fs_guard_frame_born(struct fs_guard *g, struct fs_session *s,
	    uint64_t cfa);
/* The stop at which the ledger saw the frame of function FUNC at CFA
   gone, the first after stop AFTER (0: not seen); *EXACT: it returned in
   the single step to that stop, else at some time before it.  */
unsigned long fs_guard_frame_died(struct fs_guard *g, struct fs_session *s,
	    uint64_t cfa, uint64_t func, unsigned long after, bool *exact);
/* Whether the control slot C, holding VALUE now, was overwritten.  */
bool	fs_guard_overwritten(const struct fs_ctl_slot *c, uint64_t value);

/* What the word at ADDR is, as the kind name of a control slot:
   "return address", "saved rbp", "saved rbx", "canary" (on i386 "saved
   ebp", "saved esi").  */
void	fs_guard_ctl_name(const struct fs_ctl_slot *c, char *buf, size_t len);

/* --- The guard --- */

enum fs_guard_mode {
	FS_GUARD_OFF,
	FS_GUARD_ON,
};

int	fs_guard_new(struct fs_guard **out, struct fs_err *e);
void	fs_guard_free(struct fs_guard *g);

/* Turn the guard on or off (it takes effect at the next resume; off,
   its breakpoints and debug registers go at once).  */
void	fs_guard_set(struct fs_guard *g, struct fs_session *s, bool on);
bool	fs_guard_on(const struct fs_guard *g);
/* Where the guard learns the variables of a frame (their names and
   bounds), as the slot map does (fs_vars_provide); NULL: none, and its
   messages give addresses.  */
void	fs_guard_set_provider(struct fs_guard *g, int (*prov)(void *arg,
	    struct fs_session *s, const struct fs_frame *f,
	    const struct fs_anat_obj **objs, size_t *n), void *arg);

/* What the guard stopped for, at an FS_STOP_SMASH stop: the one-line
   message ("Stack smash: strcpy (called at overflow.c:9) wrote 24 bytes
   to buf (8 bytes) in vuln: past buf into the canary, saved rbp and
   return address of vuln"), the writer, and the bytes written.  */
struct fs_smash {
	char		 msg[1024];
	struct fs_writer by;
	uint64_t	 lo, hi;	/* the bytes written [lo, hi) */
	/* The object whose bounds the store crossed (NULL: none), its
	   frame's function, and what it reached: control slots and
	   objects, each named ("the canary of vuln", "n").  */
	char		 object[128];
	bool		 aggregate;	/* ... an array or struct */
	char		 frame_func[256];
	char		 hit[512];
	bool		 control;	/* a control slot was hit */
};
const struct fs_smash *fs_guard_smash(const struct fs_guard *g);

/* For `info guard': the words watched now, each with how. */
struct fs_guard_watch {
	uint64_t	 addr;
	unsigned	 len;
	const char	*how;		/* "debug register 2", "breakpoint" */
	char		 what[160];	/* "return address of vuln" */
};
int	fs_guard_watches(struct fs_guard *g, struct fs_session *s,
	    const struct fs_guard_watch **out, size_t *n);
/* Statistics of the last resumes under guard: traps taken, single
   steps, re-armings.  */
void	fs_guard_counts(const struct fs_guard *g, unsigned long *traps,
	    unsigned long *steps, unsigned long *arms);

/* The function code facts the guard keeps for the session's process
   (fs_fcode).  */
struct fs_fcodes *fs_guard_fcodes(struct fs_guard *g);
/* Whether RA is the address after a call instruction: what a return
   address is.  */
bool	fs_guard_after_call(struct fs_session *s, uint64_t ra);

/* --- What the session calls (not for front ends) --- */

/* The thread is about to execute one instruction alone, with REGS.  */
void	fs_guard_before_step(struct fs_guard *g,
	    const struct user_regs_struct *regs);
/* The single step after fs_guard_before_step ended: 1 when the
   instruction overwrote a control slot, or stored past the end of an
   object (the guard stops: fs_guard_smash), else 0.  */
int	fs_guard_after_step(struct fs_guard *g, struct fs_session *s);
/* The thread is about to run freely: put the guard's breakpoints and
   debug registers where the live frames need them.  */
void	fs_guard_arm(struct fs_guard *g, struct fs_session *s);
/* The debug registers the guard wants, given after the user's
   watchpoints: fills ADDR, RW and LEN (DR7's bits) from index N on, and
   returns the new count (at most 4).  */
int	fs_guard_dregs(struct fs_guard *g, uint64_t addr[4], unsigned rw[4],
	    unsigned len[4], int n);
/* The DR6 bits (B0-B3) of the guard's registers.  */
unsigned fs_guard_drmask(const struct fs_guard *g);
/* The guard's debug registers FIRED while the thread ran (not a step):
   1 to stop, 0 to go on.  */
int	fs_guard_trap(struct fs_guard *g, struct fs_session *s, unsigned fired);
/* The thread stopped at a breakpoint site at PC: how many of the guard's
   breakpoints are there (*NREF), and 1 when the guard stops there.  */
int	fs_guard_site(struct fs_guard *g, struct fs_session *s, uint64_t pc,
	    int *nref);

/* A stop was recorded, its frames unwound: bring the ledger up to date
   (new frames' slots remembered, gone frames forgotten).  */
void	fs_guard_note_stop(struct fs_guard *g, struct fs_session *s);
/* A process came or went: forget everything of the last one.  */
void	fs_guard_reset(struct fs_guard *g);

#endif
