/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_record: a recording of a thread's execution, one entry per
 * instruction, and the state of the thread at any moment of it.  Each
 * entry holds what undoes its step: the registers the step changed (as a
 * difference or an exclusive-or, whichever is shorter) and, for every
 * memory location the instruction or the system call may have written,
 * its other contents.  Moving across an entry in either direction swaps
 * those contents with the state's (gdb's record-full does the same), so
 * the log needs no second copy and going back costs what going forward
 * does.
 *
 * The state at the current position is never written into the process:
 * it is the live process (or, replaying a file, its saved memory image)
 * under an overlay of the pages the log touched, with the registers kept
 * here.  fs_target answers every read through that overlay while the
 * position is in the past (fs_target_set_view), so the unwinder,
 * variables and snapshots read the past without knowing it, and an
 * attached process is never harmed by going back and forth.
 *
 * Entries are packed in chunks, with varints: rip as a signed difference,
 * each changed register as its index and its difference or exclusive-or,
 * each memory range as its address relative to rsp, its length and its
 * bytes, the extended registers (the XSAVE area) as the 16-byte blocks
 * that changed;
 * a length at the end of each entry lets the log be walked backwards.
 * The oldest entries are dropped past the limit (gdb's insn-number-max).
 * Recording forward, an instruction fs_emu can run is run by it rather
 * than single-stepped: its registers and its one store are written into
 * the process at once (PTRACE_SETREGS, process_vm_writev, which a page
 * the program may not write refuses), so that everything reading the
 * process, and every way out of the recorder, finds it as the CPU would
 * have left it; the entry is made as for a step.  Every so many
 * instructions one is single-stepped anyway, so that a signal sent to
 * the program is delivered in a loop that makes no system call.
 * FRAMESCOPE_RECORD_EMU_CHECK makes every instruction the emulator could
 * run a single step still, its result compared with the emulator's
 * (every register, the store, a fault), a difference reported on
 * standard error as "RECORD EMU CHECK: ...".
 * What an instruction writes comes from the decoder (fs_insn_mem_access),
 * what a system call writes from fs_syscall; one that cannot be accounted
 * for stops the recording before it runs: a recording never holds a
 * wrong past.
 */
#ifndef FS_RECORD_H
#define FS_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <sys/user.h>

#include "fs_arch.h"
#include "fs_error.h"
#include "fs_target.h"

struct fs_record;
struct fs_record_range;

/* The program's code as it is, breakpoint bytes hidden (fs_session_read):
   what instructions are decoded from.  Returns the bytes read.  */
typedef ssize_t fs_record_code_fn(void *arg, uint64_t addr, void *buf,
    size_t len);

/* A recording of the current thread of T, from its state now.  The
   recording is told of code the program writes or unmaps through
   fs_record_code_changed.  */
int	fs_record_new(struct fs_target *t, fs_record_code_fn *code, void *arg,
	    struct fs_record **out, struct fs_err *e);
/* The process's architecture (the default x86-64): the mode its
   instructions are decoded in, its system calls.  */
void	fs_record_set_arch(struct fs_record *r, const struct fs_arch *a);
/* Stop answering reads (the view goes) and free.  */
void	fs_record_free(struct fs_record *r);

/* The most entries kept (0: no limit); older ones are dropped.  */
void	fs_record_set_max(struct fs_record *r, uint64_t max);
uint64_t fs_record_max(const struct fs_record *r);
#define FS_RECORD_DEFAULT_MAX	1000000

/* How the step is taken: STEP as fs_target_step (the caller's
   dealings with the forks met on the way in it).  FORKS: a fork can be
   recorded, this thread going on and the child its own way.  */
struct fs_record_stepper {
	int	(*step)(void *arg, int sig, struct fs_event *ev,
		    struct fs_err *e);
	bool	  forks;
	bool	  emulate;	/* fs_emu may run the instruction in place
				   of a step (nothing but the step's own
				   writes is watched) */
	void	 *arg;
};

/* Single-step the current thread, delivering SIG (0: none), and log what
   undoes the step; by ST (NULL: fs_target_step, no forks).  Only at the
   end of the log (not replaying).  An instruction or system call that
   cannot be recorded is not run: returns 1 with the reason in E
   ("record: cannot record syscall 0x13f (memfd_create): recording
   stopped at instruction 81234").  Else 0, or -FS_E_* when the process
   could not be stepped.  */
int	fs_record_step(struct fs_record *r, const struct fs_record_stepper *st,
	    int sig, struct fs_event *ev, struct fs_err *e);
/* Whether the last step of fs_record_step was run by the emulator (no
   debug register saw it: the caller checks its store, *STORE, length 0
   when none, against what it watches).  */
bool	fs_record_emulated(const struct fs_record *r,
	    struct fs_record_range *store);
/* The instructions fs_record_step has emulated and single-stepped.  */
void	fs_record_emu_counts(const struct fs_record *r, uint64_t *emulated,
	    uint64_t *stepped);

/* The next instruction is a system call that ends the process (exit,
   exit_group): its name, else NULL.  */
const char *fs_record_exiting(struct fs_record *r);

/* Instructions are counted from 1 as gdb numbers them: the entry of
   the Nth instruction recorded is N.  */
uint64_t fs_record_first(const struct fs_record *r);	/* oldest kept */
uint64_t fs_record_count(const struct fs_record *r);	/* entries kept */
/* The position: how many instructions of the log have run in the state
   shown, from FIRST - 1 (the start) to FIRST - 1 + COUNT (the end, the
   live process when there is one).  */
uint64_t fs_record_pos(const struct fs_record *r);
uint64_t fs_record_end(const struct fs_record *r);
bool	fs_record_replaying(const struct fs_record *r);

/* What one move crossed: the memory ranges the entry holds (which the
   instruction may have written), for watchpoints.  */
struct fs_record_range {
	uint64_t	addr;
	size_t		len;
};

/* Undo the last step before the position (BACK) or redo the next one.
   Returns 1 when the position moved, 0 at the start (end) of the log,
   or -FS_E_* (the image cannot be read).  *RANGES (borrowed until the
   next move) and *NRANGES: what the entry wrote; either may be NULL.  */
int	fs_record_move(struct fs_record *r, bool back,
	    const struct fs_record_range **ranges, size_t *nranges,
	    struct fs_err *e);
/* The last instruction before the position that wrote a byte of [ADDR,
   ADDR+LEN) (a range its entry keeps): 1 with *POS its number and *PC
   its address, 0 when none in the log did, -1 when the log is damaged.
   The state does not move.  */
int	fs_record_last_write(struct fs_record *r, uint64_t addr, size_t len,
	    uint64_t *pos, uint64_t *pc);
/* Move to position POS (clamped to the log).  */
int	fs_record_goto(struct fs_record *r, uint64_t pos, struct fs_err *e);

/* The extended state at the position (the XSAVE area, as
   fs_target_xstate_live gives it): *LEN bytes into BUF of SIZE.  */
int	fs_record_xstate(struct fs_record *r, uint8_t *buf, size_t size,
	    size_t *len, struct fs_err *e);

/* The program wrote code or unmapped a library: decoded instructions
   are forgotten.  */
void	fs_record_code_changed(struct fs_record *r);

/* Make the state at the position the process's own: write the memory
   and registers that differ into the process (gdb's `record stop' in
   the past keeps the past as the present).  The log is left as it is
   (the caller frees it).  */
int	fs_record_commit(struct fs_record *r, struct fs_err *e);

/* The bytes the entries take, for `info record'.  */
size_t	fs_record_used(const struct fs_record *r);

/* The log and state for a recording file (fs_recfile): the entries as
   they are at the position (those past it hold what undoes them going
   forward), in order, as one buffer.  */
int	fs_record_log_bytes(struct fs_record *r, uint8_t **buf, size_t *len,
	    struct fs_err *e);
/* The pages the log touched and their contents at the position
   (overlay included): calls FN for each readable page.  */
int	fs_record_touched(struct fs_record *r,
	    int (*fn)(void *arg, uint64_t addr, const uint8_t *data,
	    size_t len), void *arg, struct fs_err *e);

/* A recording without a process, from a file: base state BASE (the memory
   image and the registers at position POS), the log LOG[0..LEN) with
   FIRST the number of its first entry.  Its view answers reads.  */
struct fs_record_base {
	ssize_t	(*read)(void *arg, uint64_t addr, void *buf, size_t len);
	void	(*release)(void *arg);	/* called when the recording goes */
	void	*arg;
	struct user_regs_struct regs;
	const uint8_t *xstate;		/* the XSAVE area, XLEN bytes; the
					   recording's from then on */
	size_t	 xlen;
};
int	fs_record_load(const struct fs_record_base *base, const uint8_t *log,
	    size_t len, uint64_t first, uint64_t pos, struct fs_record **out,
	    struct fs_err *e);
/* The view a replayed recording answers with: for fs_target_image.  */
const struct fs_target_view *fs_record_view(struct fs_record *r);
/* Attach a loaded recording to its image target.  */
void	fs_record_set_target(struct fs_record *r, struct fs_target *t);

#endif
