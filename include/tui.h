/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * tui: the live terminal front end (ncursesw), the default interactive
 * mode.  It shows the stack of the process as the textbook draws it (the
 * slot map of fs_anatomy, one box per frame, rsp/rbp/cfa arrows, what
 * changed) beside the source, the disassembly, the registers, the
 * backtrace with runs of one function folded, the variables of the
 * selected frame and the program's own output, which runs on a pseudo-
 * terminal of its own.  Keys step, play and travel back through the last
 * stops; `:` hands a line to the shared interpreter (cmd).
 *
 * Every stop is captured into a tui_snap: a self-contained copy of what
 * the panes show (registers, the first frames with their names, the fold
 * of all frames into runs, the slot maps of the frames that can be seen,
 * already explained in words), so that the live stop and a stop of the
 * history are drawn by the same code and the process need not move to
 * show the past.  The snapshot formats only a bounded number of frames,
 * however deep the stack.
 */
#ifndef TUI_H
#define TUI_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/user.h>

#include "cmd.h"
#include "fs_anatomy.h"
#include "fs_session.h"

/* --- Snapshots of stops (tui_model.c) --- */

struct tui_frame {
	unsigned	 index;
	uint64_t	 pc, cfa, sp, fp, func_addr;
	bool		 sigtramp;
	bool		 tailcall;	/* made up: see fs_frame */
	bool		 inlined;	/* its words its caller's */
	char		*func;		/* NULL: no symbol */
	char		*file;		/* as the line table names it */
	char		*path;		/* the file to read; NULL: FILE */
	unsigned	 line;
};

/* Consecutive frames of one function: a recursion.  The stack pane
   folds one of TUI_FOLD_MIN frames or more into a box, past its
   innermost TUI_FOLD_KEEP.  */
#define TUI_FOLD_MIN	6
#define TUI_FOLD_KEEP	3

struct tui_run {
	size_t		 first, count;
	char		*func;
	/* The stack the folded frames hold: from the sp of frame FIRST +
	   TUI_FOLD_KEEP up to the cfa of the run's outermost frame.  */
	uint64_t	 fold_lo, fold_hi;
};

struct tui_slot {
	uint64_t	 addr, value;
	bool		 readable;
	bool		 changed;
	bool		 overwritten;	/* a control slot, overwritten */
	int64_t		 off;		/* from BASE */
	const char	*base;		/* "rbp" or "cfa" */
	enum fs_slot_kind kind;
	char		*text;		/* "return address → main+67", ... */
	char		*ref;		/* a pointer into the stack: "→ #1
					   rbp-8 a"; NULL otherwise */
	char		*explain;	/* one line, for `e` */
};

struct tui_fmap {
	unsigned	 index;
	uint64_t	 sp, cfa, rbp;
	bool		 uses_fp, prologue, epilogue, redzone, truncated;
	/* The calling convention its code shows, where the ABI lets each
	   function choose (i386: "cdecl", "stdcall"); else empty.  */
	char		 convention[40];
	struct tui_slot	*slots;		/* by ascending address */
	size_t		 nslots;
};

struct tui_var {
	char		*name, *value, *where;
	bool		 arg;
};

struct tui_fvars {
	bool		 known;		/* the frame's function has DWARF */
	struct tui_var	*v;
	size_t		 n;
};

/* A float or vector register as the Registers pane's second view shows
   it: "st0" "1.25", "xmm0" "f{0.25, 0, 0, 0} d{5.18e-315, 0}".  */
struct tui_xreg {
	char		 name[8];
	char		*text;
	bool		 changed;	/* since the previous capture */
};

struct tui_snap {
	unsigned long	 number;	/* the session's stop number */
	struct fs_stop	 stop;
	bool		 alive, attached;
	pid_t		 pid;
	bool		 has_regs;
	struct user_regs_struct regs;
	uint64_t	 regs_changed;	/* bit i: arch->regs[i] */
	const struct fs_arch *arch;	/* the process's */
	/* The instruction just run, when the stop ends a step by one
	   instruction (over a call for nexti).  */
	bool		 has_ran;
	uint64_t	 ran_pc;
	size_t		 depth;		/* frames on the stack */
	struct tui_frame *frames;	/* the first NFRAMES of them */
	size_t		 nframes;
	struct tui_run	*runs;		/* all DEPTH frames, folded */
	size_t		 nruns;
	struct tui_fmap	*maps;		/* slot maps of frames 0..NMAPS-1 */
	size_t		 nmaps;
	struct tui_fvars *vars;		/* per map frame */
	struct tui_xreg	*xregs;		/* when asked for (NULL: not) */
	size_t		 nxregs;
	char		*bt_stopped;	/* why the frames end early, gdb's
					   words; NULL: they do not */
};

struct tui_model;

int	tui_model_new(struct tui_model **out, struct fs_err *e);
void	tui_model_free(struct tui_model *m);
/* Arrows as "->" instead of Unicode.  */
void	tui_model_set_ascii(struct tui_model *m, bool ascii);
/* Capture the float and vector registers too (the Registers pane's
   second view), from the next capture on.  */
void	tui_model_set_xregs(struct tui_model *m, bool on);
/* The slot map kept across stops (for a variables provider).  */
struct fs_anatomy *tui_model_anatomy(struct tui_model *m);
/* Capture the current stop of S, with slot maps for its first NMAPS
   frames (at least 1).  The changes of the registers are counted against
   the previous capture of another stop.  Caller frees *OUT.  */
int	tui_snap_take(struct tui_model *m, struct fs_session *s, size_t nmaps,
	    struct tui_snap **out, struct fs_err *e);
void	tui_snap_free(struct tui_snap *sn);
/* The run holding frame F, or NULL.  */
const struct tui_run *tui_snap_run(const struct tui_snap *sn, size_t f);

/* --- The front end (tui.c) --- */

struct tui_script {
	bool		 is_file;	/* -x FILE, else -ex COMMAND */
	const char	*text;
};

struct tui_opts {
	bool		 intel;		/* Intel syntax in the disassembly */
	bool		 launch;	/* start the loaded program at main */
	const struct tui_script *scripts;	/* run once on screen */
	size_t		 nscripts;
	size_t		 history;	/* stops kept (0: 1000) */
};

/* Run the TUI on the session of C until the user quits (or SIGTERM,
   SIGHUP, or SIGINT while nothing runs).  The terminal is restored on
   every way out.  Returns 0, or 1 when the terminal could not be set up
   (with a message on stderr).  */
int	tui_run(struct cmd_ctx *c, const struct tui_opts *o);

#endif
