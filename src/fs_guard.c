/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_guard: control-slot integrity and the guard (see include/fs_guard.h).
 *
 * The ledger is brought up to date at every stop.  A frame is known by its
 * CFA, its function and its return address: one at the same CFA with
 * another function, or another return address that follows a call
 * instruction, is a new call, and its slots are taken anew; one whose
 * return address no longer follows a call was overwritten.  Between two
 * stops a function may have returned and been called again from the same
 * place, with other values in the registers it saves: so a saved register
 * that differs counts as overwritten only when the frame is known to have
 * lived through (a single step, or the guard following every call and
 * return); else it is taken anew.  The canary is always checked against
 * the guard at %fs:0x28, and a saved rbp that was its caller's frame
 * pointer against the caller's CFA, which no new call changes.  Words,
 * registers, the guard's place and the decoder's mode are the process's
 * architecture's (fs_arch): an i386 program's slots are 4 bytes, its
 * canary the guard at %gs:0x14, its arguments on the stack.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_anatomy.h"
#include "fs_cfi.h"
#include "fs_dwarf.h"
#include "fs_fcode.h"
#include "fs_guard.h"
#include "fs_insn.h"
#include "fs_modules.h"
#include "fs_record.h"
#include "fs_sbuf.h"
#include "fs_session.h"
#include "fs_unwind.h"

#define NWRITERS	(1u << 16)	/* words whose writer is kept */

/* A frame of the ledger.  */
struct gframe {
	uint64_t	 cfa, func, ret;
	unsigned long	 born;		/* the stop it was first seen at */
	bool		 settled;	/* seen past its prologue: its saves
					   are all known */
};

#define NDEAD		64		/* frames gone, remembered */

/* A control slot, with whether it can only change by a store (its
   value is the same in every call made from the same place).  */
struct gslot {
	struct fs_ctl_slot c;
	bool		 fixed;
	/* The guard stopped for it holding SEEN: not again for that.  */
	bool		 reported;
	uint64_t	 seen;
};

struct gthread {
	pid_t		 tid;
	const struct fs_arch *arch;	/* its process's */
	bool		 have_guard;
	uint64_t	 guard;		/* %fs:0x28 */
	struct gframe	*fr;		/* outermost first */
	size_t		 nfr, capfr;
	struct gslot	*sl;		/* by address, highest first */
	size_t		 nsl, capsl;
	/* The last frames seen gone, a ring: CFA, function, the stop that
	   saw them gone, and whether their return is known to be in the
	   step to it (single steps followed it) or only before it.  */
	struct gdead {
		uint64_t	 cfa, func;
		unsigned long	 stop;
		bool		 exact;
	}		 dead[NDEAD];
	size_t		 ndead;
};

/* The last writer of a stack word seen by a single step.  */
struct wentry {
	uint64_t	 addr;		/* the word; 0: free */
	uint64_t	 pc;		/* 0: the instruction is not known */
	uint64_t	 callee;	/* ... then the library function the
					   program called, which wrote it */
	unsigned long	 serial;	/* the library call it was seen in */
	uint64_t	 call_pc;	/* a library function's caller, 0 */
	unsigned long	 stop;
	unsigned	 frame;
};

/* A breakpoint of the guard: at a call, a ret or a tail jump of a
   function of the program (FUNC its entry), at the end of its prologue,
   where a library call returns (FUNC 0), or where the program's code is
   entered, main (FUNC 1).  */
struct gsite {
	uint64_t	 addr, func;
};

/* A word the guard wants a debug register on: a control slot, or the
   word just past an array or struct of a frame (BOUND).  */
struct gwant {
	uint64_t	 addr;
	bool		 bound;
};

#define NWANT		8
#define MAXFUNCS	64	/* functions with breakpoints in at once */
#define SNAPMAX		4096	/* bytes of a caller kept across a library
				   call */

/* An instruction decoded at a step, under the address and bytes it was
   decoded from: a loop steps the same few dozen again and again.  */
#define NDECODED	64
struct decoded {
	uint64_t	 pc, code[2];
	unsigned	 bits;
	bool		 valid, ok;
	struct fs_insn	 in;
};

struct fs_guard {
	bool		 on;
	unsigned	 word;		/* the process's word, at the last
					   arming */
	fs_anat_provider *prov;
	void		*provarg;
	/* Every call and return since the last arming was seen.  */
	bool		 tracking;
	struct gsite	*sites;
	size_t		 nsites;
	uint64_t	 funcs[MAXFUNCS];	/* functions with sites in */
	size_t		 nfuncs;
	/* The debug registers wanted, and those given: WANT[i] is in
	   DR(DRBASE + i) for i < NDR.  */
	struct gwant	 want[NWANT];
	size_t		 nwant;
	int		 drbase, ndr;
	/* A library call of the program under way: where it returns to
	   (LIB_RET, when rsp is above LIB_CFA - 8), the caller's frame
	   bytes when it was called (SNAP at SNAP_LO), its arguments, and
	   the first store that hit a control slot during it.  */
	bool		 lib;
	uint64_t	 lib_ret, lib_cfa, lib_func, lib_call;
	uint8_t		*snap;
	uint64_t	 snap_lo;
	size_t		 snap_len;
	uint64_t	 lib_args[6];
	bool		 lib_have_args;
	bool		 lib_hit;
	struct fs_writer lib_by;
	unsigned long	 lib_serial;	/* counts the library calls */
	struct fs_fcodes *fcodes;
	struct gthread	*th;
	size_t		 nth;
	struct wentry	*wr;
	fs_writer_lookup *hist;
	void		*histarg;
	/* The registers before the last single step.  */
	struct user_regs_struct step_regs;
	bool		 have_step_regs;
	struct decoded	*decoded;	/* NDECODED, by address */
	struct fs_smash	 smash;
	struct fs_guard_watch *watch;
	size_t		 nwatch;
	unsigned long	 ntraps, nsteps, narms;
};

int
fs_guard_new(struct fs_guard **out, struct fs_err *e)
{
	struct fs_guard *g;
	int r;

	if ((g = calloc(1, sizeof *g)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	g->word = 8;
	if ((r = fs_fcodes_new(&g->fcodes, e)) < 0) {
		free(g);
		return r;
	}
	*out = g;
	return 0;
}

static void
threads_clear(struct fs_guard *g)
{
	size_t i;

	for (i = 0; i < g->nth; i++) {
		free(g->th[i].fr);
		free(g->th[i].sl);
	}
	free(g->th);
	g->th = NULL;
	g->nth = 0;
}

/* The process went with its breakpoints: the guard's are forgotten.  */
static void
sites_forget(struct fs_guard *g)
{
	g->nsites = 0;
	g->nfuncs = 0;
	g->nwant = 0;
	g->ndr = 0;
	g->lib = false;
	g->tracking = false;
}

void
fs_guard_reset(struct fs_guard *g)
{
	sites_forget(g);
	threads_clear(g);
	free(g->wr);
	g->wr = NULL;
	g->have_step_regs = false;
	fs_fcodes_clear(g->fcodes);
}

void
fs_guard_free(struct fs_guard *g)
{
	if (g == NULL)
		return;
	fs_guard_reset(g);
	fs_fcodes_free(g->fcodes);
	free(g->watch);
	free(g->sites);
	free(g->snap);
	free(g->decoded);
	free(g);
}

struct fs_fcodes *
fs_guard_fcodes(struct fs_guard *g)
{
	return g->fcodes;
}

static void disarm(struct fs_guard *, struct fs_session *);

void
fs_guard_set(struct fs_guard *g, struct fs_session *s, bool on)
{
	if (g->on && !on)
		disarm(g, s);
	g->on = on;
	g->tracking = false;
}

void
fs_guard_set_provider(struct fs_guard *g, fs_anat_provider *prov, void *arg)
{
	g->prov = prov;
	g->provarg = arg;
}

bool
fs_guard_on(const struct fs_guard *g)
{
	return g->on;
}

const struct fs_smash *
fs_guard_smash(const struct fs_guard *g)
{
	return &g->smash;
}

void
fs_guard_counts(const struct fs_guard *g, unsigned long *traps,
    unsigned long *steps, unsigned long *arms)
{
	*traps = g->ntraps;
	*steps = g->nsteps;
	*arms = g->narms;
}

void
fs_guard_set_history(struct fs_guard *g, fs_writer_lookup *fn, void *arg)
{
	g->hist = fn;
	g->histarg = arg;
}

/* --- The process's architecture --- */

static unsigned
wsize(struct fs_session *s)
{
	return fs_session_arch(s)->word;
}

/* ADDR rounded down to a word of S's process.  */
static uint64_t
wdown(struct fs_session *s, uint64_t addr)
{
	return addr & ~(uint64_t)(wsize(s) - 1);
}

/* Read a word of S's process at ADDR into *V: 0, or -1.  */
static int
word_read(struct fs_session *s, uint64_t addr, uint64_t *v)
{
	unsigned w = wsize(s);

	*v = 0;
	return fs_session_read(s, addr, v, w, NULL) == (ssize_t)w ? 0 : -1;
}

/* The same through the unwinder's caches (no system call).  */
static int
uword_read(struct fs_session *s, uint64_t addr, uint64_t *v)
{
	unsigned w = wsize(s);

	if (fs_unwind_read_word(fs_session_unwinder(s), addr, v) < 0)
		return -1;
	if (w < 8)
		*v &= ((uint64_t)1 << (8 * w)) - 1;
	return 0;
}

/* Decode the instruction at ADDR in the mode of S's process.  */
static int
decode(struct fs_session *s, const uint8_t *code, size_t len, uint64_t addr,
    struct fs_insn *in)
{
	return fs_insn_decode_bits(code, len, addr,
	    fs_session_arch(s)->insn_bits, false, in);
}

/* --- Where code is --- */

/* Whether PC is in a library function: outside the executable, or in
   code without a line (strcpy linked in statically).  */
static bool
is_library(struct fs_session *s, uint64_t pc)
{
	struct fs_where w;

	fs_modules_where(fs_session_modules(s), pc, pc, &w);
	return w.mod == NULL || !w.mod->is_exec || w.file == NULL;
}

/* Whether RA is the address after a call instruction: what a return
   address is.  */
bool
fs_guard_after_call(struct fs_session *s, uint64_t ra)
{
	static const unsigned lens[] = { 5, 2, 3, 6, 7, 4 };
	uint8_t code[16];
	struct fs_insn in;
	size_t i;

	if (ra < 16 || fs_session_read(s, ra - 16, code, 16, NULL) != 16)
		return false;
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++)
		if (decode(s, code + 16 - lens[i], lens[i], ra - lens[i],
		    &in) == 0 && in.is_call && in.len == lens[i])
			return true;
	return false;
}

/* --- The ledger --- */

static struct gthread *
thread_get(struct fs_guard *g, pid_t tid)
{
	struct gthread *n;
	size_t i;

	for (i = 0; i < g->nth; i++)
		if (g->th[i].tid == tid)
			return &g->th[i];
	if ((n = realloc(g->th, (g->nth + 1) * sizeof *n)) == NULL)
		return NULL;
	g->th = n;
	memset(&n[g->nth], 0, sizeof *n);
	n[g->nth].tid = tid;
	return &n[g->nth++];
}

static struct gthread *
thread_cur(struct fs_guard *g, struct fs_session *s)
{
	const struct fs_stop *st = fs_session_stop(s);
	size_t i;

	for (i = 0; i < g->nth; i++)
		if (g->th[i].tid == st->tid)
			return &g->th[i];
	return NULL;
}

/* The slots are kept by address, highest first, as the frames are
   outermost first: what calls and returns change is at their ends.  */
static size_t
slot_index(const struct gthread *th, uint64_t addr)
{
	size_t lo = 0, hi = th->nsl, mid;

	/* The first slot at or under ADDR.  */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (th->sl[mid].c.addr > addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static struct gslot *
slot_find(struct gthread *th, uint64_t addr)
{
	size_t i = slot_index(th, addr);

	return i < th->nsl && th->sl[i].c.addr == addr ? &th->sl[i] : NULL;
}

static struct gslot *
slot_put(struct gthread *th, uint64_t addr)
{
	struct gslot *n;
	size_t i = slot_index(th, addr);

	if (i < th->nsl && th->sl[i].c.addr == addr)
		return &th->sl[i];
	if (th->nsl == th->capsl) {
		th->capsl = th->capsl ? th->capsl * 2 : 64;
		if ((n = realloc(th->sl, th->capsl * sizeof *n)) == NULL) {
			th->capsl = th->nsl;
			return NULL;
		}
		th->sl = n;
	}
	n = th->sl;
	memmove(&n[i + 1], &n[i], (th->nsl - i) * sizeof *n);
	memset(&n[i], 0, sizeof n[i]);
	n[i].c.addr = addr;
	th->nsl++;
	return &n[i];
}

/* The ledger frame at CFA (frames are by CFA, highest first), or -1.  */
static ssize_t
frame_index(const struct gthread *th, uint64_t cfa)
{
	size_t lo = 0, hi = th->nfr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (th->fr[mid].cfa == cfa)
			return (ssize_t)mid;
		if (th->fr[mid].cfa > cfa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

/* How many ledger frames have a CFA above CFA: the callers of a frame
   there.  */
static size_t
frames_above(const struct gthread *th, uint64_t cfa)
{
	size_t lo = 0, hi = th->nfr, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (th->fr[mid].cfa > cfa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const struct gframe *
frame_find(const struct gthread *th, uint64_t cfa)
{
	ssize_t i = frame_index(th, cfa);

	return i < 0 ? NULL : &th->fr[i];
}

/* Forget the frames from index KEEP on (they returned), with their
   slots (every slot under the CFA of the last frame kept).  */
static void
frames_cut(struct gthread *th, size_t keep, unsigned long stop, bool exact)
{
	size_t i;

	for (i = keep; i < th->nfr; i++) {
		struct gdead *d = &th->dead[th->ndead++ % NDEAD];

		d->cfa = th->fr[i].cfa;
		d->func = th->fr[i].func;
		d->stop = stop;
		d->exact = exact;
	}
	if (keep < th->nfr)
		th->nfr = keep;
	/* The slots of the frames gone are the lowest.  */
	while (th->nsl > 0 && (keep == 0 || th->sl[th->nsl - 1].c.cfa <
	    th->fr[keep - 1].cfa))
		th->nsl--;
}

/* Remember (or check) the slot of KIND at ADDR holding VALUE, in the
   frame at CFA.  NEW: a new call; CERTAIN: the frame lived through since
   the last look.  */
static void
slot_note(struct gthread *th, uint64_t addr, enum fs_ctl_kind kind,
    unsigned reg, uint64_t cfa, uint64_t value, uint64_t expect, bool fixed,
    bool fresh, bool certain, unsigned long stop)
{
	struct gslot *gs = slot_find(th, addr);

	if (gs != NULL && !fresh && gs->c.kind == kind && gs->c.cfa == cfa) {
		/* Known: a change stays one, unless another call of the
		   same place may have put another value there.  Seen saved
		   by CFI, it is stored now.  */
		gs->c.pending = false;
		if (gs->c.was != value && !gs->fixed && !certain) {
			gs->c.was = value;
			gs->c.since = stop;
			gs->c.has_by = false;
		}
		return;
	}
	if ((gs = slot_put(th, addr)) == NULL)
		return;
	gs->c.kind = kind;
	gs->c.arch = th->arch;
	gs->c.reg = reg;
	gs->c.cfa = cfa;
	gs->c.was = expect;
	gs->c.since = stop;
	gs->c.has_by = false;
	gs->fixed = fixed;
	gs->reported = gs->c.pending = false;
}

/* Whether V, saved by a frame as its frame pointer, is its caller's
   (whose CFA is CFA_UP), which no new call changes: the caller's CFA
   less two words, or where the caller saved its own (an i386 main that
   realigned its stack).  */
static bool
caller_fp(struct gthread *th, uint64_t v, uint64_t cfa_up, unsigned word)
{
	const struct gslot *gs;

	if (cfa_up == 0)
		return false;
	return v == cfa_up - 2 * word || ((gs = slot_find(th, v)) != NULL &&
	    gs->c.kind == FS_CTL_SAVED_RBP && gs->c.cfa == cfa_up);
}

/* A frame of the stop the ledger looks at.  */
struct look {
	const struct fs_frame *f;
	size_t		 phys;		/* fs_unwind's index */
	uint64_t	 ret, func;
	ssize_t		 old;		/* its ledger frame, -1 for a new
					   call */
};

/* The saves of frame L (CFI's, in FR, the registers of the frame it
   called, and the canary its code stores) noted in the ledger.  CFA_UP:
   its caller's CFA (0: none).  */
static void
look_note(struct fs_guard *g, struct fs_session *s, struct gthread *th,
    const struct look *l, const struct fs_frame_regs *fr, uint64_t cfa_up,
    bool certain, unsigned long stop)
{
	const struct fs_frame *fk = l->f;
	const struct fs_fcode *fc;
	const unsigned W = wsize(s);
	uint64_t v, a;
	unsigned r;

	for (r = 0; r < FS_UREG_N; r++) {
		enum fs_ctl_kind kind;

		a = fr->saved_at[r];
		if (r == FS_UREG_RSP || a == 0 || (a & (W - 1)) != 0 ||
		    a < fk->sp || a >= fk->cfa || uword_read(s, a, &v) < 0)
			continue;
		kind = r == FS_UREG_RIP ? FS_CTL_RETADDR : r == FS_UREG_RBP ?
		    FS_CTL_SAVED_RBP : FS_CTL_SAVED_REG;
		slot_note(th, a, kind, r, fk->cfa, v, v, kind ==
		    FS_CTL_RETADDR || (kind == FS_CTL_SAVED_RBP &&
		    caller_fp(th, v, cfa_up, W)), l->old < 0, certain, stop);
	}
	fc = fs_fcode_at(g->fcodes, s, l->phys == 0 ? fk->pc : fk->pc - 1);
	a = fc != NULL ? fs_fcode_canary_addr(fc, fk->cfa) : 0;
	if (fc != NULL && fc->canary && th->have_guard && (l->phys > 0 ||
	    fk->pc > fc->canary_pc) && a >= fk->sp && a < fk->cfa &&
	    uword_read(s, a, &v) == 0)
		slot_note(th, a, FS_CTL_CANARY, 0, fk->cfa, v, th->guard, true,
		    l->old < 0, certain, stop);
}

/* The unwind reached the outermost frame, whose CFA is TOP: the ledger's
   frames above it are of an earlier stack (the dynamic loader's, before
   a C library without symbols ends the unwind under them).  */
static void
ledger_trim(struct gthread *th, uint64_t top)
{
	size_t m = frames_above(th, top), i, k;

	if (m == 0)
		return;
	memmove(th->fr, th->fr + m, (th->nfr - m) * sizeof *th->fr);
	th->nfr -= m;
	for (i = k = 0; i < th->nsl; i++)
		if (th->sl[i].c.cfa <= top)
			th->sl[k++] = th->sl[i];
	th->nsl = k;
}

/* Bring TH's ledger to the frames F[0..N) of the current stop.
   CERTAIN: every frame that was there at the last look lived through.
   A frame gone is dated STOP; EXACT: its return was in the step to it.
   From the innermost frame out, the frames the ledger does not know (or
   not wholly: caught in their prologue) are looked at, down to the
   first it knows, whose callers are then the same: a stop costs what
   changed, not the depth of the stack.  */
static void
ledger_update(struct fs_guard *g, struct fs_session *s, struct gthread *th,
    const struct fs_frame *f, size_t n, bool certain, unsigned long stop,
    bool exact)
{
	struct fs_unwinder *u = fs_session_unwinder(s);
	const struct fs_frame_regs *fr;
	const struct fs_fcode *fc;
	struct look stack[64], *lk = stack, *nl;
	struct gframe *gf;
	uint64_t end;
	size_t i, k, nl_n = 0, cap = 64, np = 0, nfr, keep, survivors = 0;
	ssize_t j;

	if (n == 0)
		return;
	if (!th->have_guard)
		th->have_guard = fs_unwind_canary(u, &th->guard, NULL) == 0;
	if (fs_unwind_end(u, NULL) == FS_UNWIND_END_OUTERMOST) {
		for (i = 0, end = 0; i < n; i++)
			if (f[i].cfa > end)
				end = f[i].cfa;
		ledger_trim(th, end);
	}
	keep = 0;
	for (i = 0; i < n; i++) {
		const struct fs_frame *fk = &f[i];
		struct look l;

		if (fk->inlined || fk->tailcall || fk->phys != np)
			continue;
		np++;
		if (fk->cfa <= fk->sp)
			break;
		memset(&l, 0, sizeof l);
		l.f = fk;
		l.phys = np - 1;
		if (uword_read(s, fk->cfa - wsize(s), &l.ret) < 0)
			l.ret = 0;
		j = frame_index(th, fk->cfa);
		/* The same call: same return address (or one overwritten,
		   which follows no call), and for the innermost, whose
		   function may have jumped to another, the same function.  */
		if (j >= 0 && th->fr[j].ret != l.ret &&
		    fs_guard_after_call(s, l.ret))
			j = -1;
		if (j >= 0) {
			l.func = th->fr[j].func;
			if (l.phys == 0 && fs_fcode_bounds(s, fk->pc, &l.func,
			    &end) == 0 && l.func != th->fr[j].func)
				j = -1;
		}
		if (j >= 0 && th->fr[j].settled && !(l.phys == 0 &&
		    !certain)) {
			keep = (size_t)j + 1;
			break;
		}
		l.old = j;
		if (j < 0 && fs_fcode_bounds(s, l.phys == 0 ? fk->pc :
		    fk->pc - 1, &l.func, &end) < 0)
			l.func = fk->pc;
		if (nl_n == cap) {
			cap *= 2;
			if ((nl = malloc(cap * sizeof *nl)) == NULL)
				goto out;
			memcpy(nl, lk, nl_n * sizeof *nl);
			if (lk != stack)
				free(lk);
			lk = nl;
		}
		lk[nl_n++] = l;
		if (j >= 0)
			survivors++;
	}
	if (nl_n == 0) {
		/* The innermost frame is known: the ledger's frames inside
		   it returned (an i386 PIC thunk's, called in a prologue,
		   whose return address the frame then covers).  */
		frames_cut(th, keep, stop, exact);
		goto below;
	}
	/* The frames the ledger keeps: those outside the frames looked at
	   (down to the first known one, or those the unwinder did not
	   reach), then the ones looked at again, in order; the others
	   returned.  */
	if (keep == 0)
		keep = frames_above(th, lk[nl_n - 1].f->cfa);
	for (k = nl_n, i = keep; k-- > 0;)
		if (lk[k].old >= 0 && (size_t)lk[k].old != i++)
			break;
	if (k != (size_t)-1) {
		/* Out of order: all taken anew.  */
		for (k = 0; k < nl_n; k++)
			lk[k].old = -1;
		survivors = 0;
	}
	frames_cut(th, keep + survivors, stop, exact);
	if (fs_unwind_regs(u, lk[nl_n - 1].phys + 2, &fr, &nfr, NULL) < 0)
		goto out;
	/* Outermost first, as the ledger keeps them.  */
	for (k = nl_n; k-- > 0;) {
		struct look *l = &lk[k];
		uint64_t cfa_up = k + 1 < nl_n ? lk[k + 1].f->cfa :
		    keep > 0 ? th->fr[keep - 1].cfa : 0;

		if (l->old >= 0 && (size_t)l->old >= th->nfr)
			l->old = -1;
		if (l->old < 0) {
			if (th->nfr == th->capfr) {
				th->capfr = th->capfr ? th->capfr * 2 : 64;
				if ((gf = realloc(th->fr, th->capfr *
				    sizeof *gf)) == NULL) {
					th->capfr = th->nfr;
					goto out;
				}
				th->fr = gf;
			}
			gf = &th->fr[th->nfr++];
			memset(gf, 0, sizeof *gf);
			gf->cfa = l->f->cfa;
			gf->func = l->func;
			gf->ret = l->ret;
			gf->born = stop;
			/* A new call at a place another left: its slots go.  */
			while (th->nsl > 0 && th->sl[th->nsl - 1].c.cfa <=
			    gf->cfa)
				th->nsl--;
		} else
			gf = &th->fr[l->old];
		if (l->phys + 1 < nfr)
			look_note(g, s, th, l, &fr[l->phys + 1], cfa_up,
			    certain, stop);
		/* Past its prologue, a frame's saves are all known; its
		   canary, once stored (at -O0 after the parameters' stores,
		   which end the prologue).  */
		fc = fs_fcode_at(g->fcodes, s, l->phys == 0 ? l->f->pc :
		    l->f->pc - 1);
		gf->settled = l->phys > 0 || (fc != NULL && l->f->pc >=
		    fc->body && (!fc->canary || l->f->pc > fc->canary_pc));
	}
below:
	/* Under the innermost frame's stack pointer nothing is saved, but
	   what its prologue is about to store.  */
	for (i = k = th->nsl; i > 0 && th->sl[i - 1].c.addr < f[0].sp; i--)
		if (th->sl[i - 1].c.pending)
			th->sl[--k] = th->sl[i - 1];
	if (k < th->nsl)	/* none may mean no array at all */
		memmove(&th->sl[i], &th->sl[k], (th->nsl - k) *
		    sizeof *th->sl);
	th->nsl = i + (th->nsl - k);
out:
	if (lk != stack)
		free(lk);
}

/* --- Writers --- */

static struct wentry *
writer_slot(struct fs_guard *g, uint64_t addr, bool make)
{
	size_t h, i;

	if (g->wr == NULL) {
		if (!make || (g->wr = calloc(NWRITERS, sizeof *g->wr)) == NULL)
			return NULL;
	}
	h = (size_t)((addr * 0x9e3779b97f4a7c15ULL) >> 40) & (NWRITERS - 1);
	for (i = 0; i < 64; i++) {
		struct wentry *w = &g->wr[(h + i) & (NWRITERS - 1)];

		if (w->addr == addr)
			return w;
		if (w->addr == 0) {
			if (!make)
				return NULL;
			w->addr = addr;
			return w;
		}
	}
	if (!make)
		return NULL;
	/* A long run: the oldest word of it gives way.  */
	return &g->wr[h];
}

static void callee_name(struct fs_session *, uint64_t, char *, size_t);

/* The instruction at PC (0: not known, but a call of the library
   function CALLEE) wrote [LO, HI), at stop STOP, in frame FRAME;
   CALL_PC: where the program called the library function it is in.  */
static void
writer_note(struct fs_guard *g, struct fs_session *s, uint64_t lo,
    uint64_t hi, uint64_t pc, uint64_t callee, uint64_t call_pc,
    unsigned long stop, unsigned frame)
{
	struct wentry *w;
	uint64_t a;

	if (hi - lo > 4096)
		lo = hi - 4096;
	for (a = wdown(s, lo); a < hi; a += wsize(s)) {
		if ((w = writer_slot(g, a, true)) == NULL)
			return;
		w->addr = a;
		w->pc = pc;
		w->callee = callee;
		w->call_pc = call_pc;
		w->stop = stop;
		w->frame = frame;
		w->serial = g->lib_serial;
	}
}

/* Fill *OUT for the instruction at PC (0: a call of the library
   function at CALLEE), called (in a library function) from CALL_PC.  */
static void
writer_fill(struct fs_session *s, uint64_t pc, uint64_t callee,
    uint64_t call_pc, struct fs_writer *out)
{
	struct fs_modules *m = fs_session_modules(s);
	struct fs_where w;
	struct fs_insn in;
	uint8_t code[16];
	ssize_t got;

	memset(out, 0, sizeof *out);
	out->pc = pc;
	if (pc == 0) {
		callee_name(s, callee, out->callee, sizeof out->callee);
		pc = callee;
	} else if ((got = fs_session_read(s, pc, code, sizeof code,
	    NULL)) > 0 && decode(s, code, (size_t)got, pc, &in) == 0)
		snprintf(out->insn, sizeof out->insn, "%s", in.gdbtext);
	fs_modules_where(m, pc, pc, &w);
	out->func = w.func;
	out->file = w.file;
	out->line = w.line;
	if (call_pc != 0) {
		fs_modules_where(m, call_pc, call_pc - 1, &w);
		out->call_func = w.func;
		out->call_file = w.file;
		out->call_line = w.line;
	}
}

void
fs_writer_text(const struct fs_writer *w, char *buf, size_t len)
{
	buf[0] = '\0';
	if (w->insn[0] == '\0' && w->callee[0] != '\0') {
		fs_strcatf(buf, len, "%s", w->callee);
		if (w->call_file != NULL)
			fs_strcatf(buf, len, " (called at %s:%u)", w->call_file,
			    w->call_line);
		return;
	}
	fs_strcatf(buf, len, "%s in %s", w->insn[0] ? w->insn : "??",
	    w->func != NULL ? w->func : "??");
	if (w->file != NULL)
		fs_strcatf(buf, len, " (%s:%u)", w->file, w->line);
	if (w->call_file != NULL)
		fs_strcatf(buf, len, ", called at %s:%u", w->call_file,
		    w->call_line);
}

int
fs_guard_last_writer(struct fs_guard *g, struct fs_session *s, uint64_t addr,
    struct fs_writer *out)
{
	struct fs_record *rec;
	struct wentry *w;
	int r;

	addr = wdown(s, addr);
	r = g->hist != NULL ? g->hist(g->histarg, s, addr, out) : -1;
	if (r == 1) {
		out->recorded = true;
		return 1;
	}
	/* None in the log: it was written before the log began, which
	   single steps may have seen, unless the position is in the past,
	   where what they saw may be later.  */
	if (r == 0 && (rec = fs_session_record(s)) != NULL &&
	    fs_record_replaying(rec))
		return 0;
	if ((w = writer_slot(g, addr, false)) == NULL || w->addr != addr)
		return 0;
	writer_fill(s, w->pc, w->callee, w->call_pc, out);
	out->stop = w->stop;
	out->frame = w->frame;
	return 1;
}

void
fs_guard_before_step(struct fs_guard *g, const struct user_regs_struct *regs)
{
	g->step_regs = *regs;
	g->have_step_regs = true;
}

uint64_t
fs_guard_library_caller(struct fs_session *s, const struct fs_frame *f,
    size_t n, size_t *caller)
{
	size_t i;

	if (n == 0 || !is_library(s, f[0].pc))
		return 0;
	for (i = 1; i < n && i < 64; i++)
		if (!f[i].inlined && !is_library(s, f[i].pc - 1)) {
			if (caller != NULL)
				*caller = i;
			return f[i].pc;
		}
	return 0;
}

/* fs_insn_decode_fast_bits of the 16 bytes CODE at PC, through G's
   cache of the instructions decoded before.  */
static int
decode_step(struct fs_guard *g, const uint64_t code[2], uint64_t pc,
    unsigned bits, struct fs_insn *in)
{
	struct decoded *d;

	if (g->decoded == NULL &&
	    (g->decoded = calloc(NDECODED, sizeof *g->decoded)) == NULL)
		return fs_insn_decode_fast_bits((const uint8_t *)code,
		    2 * sizeof *code, pc, bits, in);
	d = &g->decoded[(pc ^ pc >> 6) % NDECODED];
	if (!d->valid || d->pc != pc || d->bits != bits ||
	    d->code[0] != code[0] || d->code[1] != code[1]) {
		d->valid = true;
		d->pc = pc;
		d->bits = bits;
		d->code[0] = code[0];
		d->code[1] = code[1];
		d->ok = fs_insn_decode_fast_bits((const uint8_t *)code,
		    2 * sizeof *code, pc, bits, &d->in) == 0;
	}
	if (!d->ok)
		return -1;
	*in = d->in;
	return 0;
}

/* A single step's stop: what the instruction wrote.  */
static void
note_step(struct fs_guard *g, struct fs_session *s, const struct fs_stop *st,
    const struct fs_frame *f, size_t n)
{
	struct fs_unwinder *u = fs_session_unwinder(s);
	struct fs_fcode_mem mem[8];
	struct fs_insn in;
	uint64_t code[2], call_pc;
	int k, nm;

	/* The code from the files the unwinder holds: no system call a
	   step.  */
	if (!g->have_step_regs || g->step_regs.rip != st->prev_pc ||
	    fs_unwind_read_word(u, st->prev_pc, &code[0]) < 0 ||
	    fs_unwind_read_word(u, st->prev_pc + 8, &code[1]) < 0 ||
	    decode_step(g, code, st->prev_pc, fs_session_arch(s)->insn_bits,
	    &in) < 0 ||
	    !in.writes_mem)
		return;
	nm = fs_fcode_mem(&in, &g->step_regs, mem, 8);
	call_pc = fs_guard_library_caller(s, f, n, NULL);
	for (k = 0; k < nm; k++)
		if (mem[k].write)
			writer_note(g, s, mem[k].addr, mem[k].addr +
			    mem[k].len, st->prev_pc, 0, call_pc, st->number, 0);
}

void
fs_guard_note_stop(struct fs_guard *g, struct fs_session *s)
{
	const struct fs_stop *st = fs_session_stop(s);
	const struct fs_frame *f;
	struct gthread *th;
	size_t n;

	if (st->reason == FS_STOP_EXITED || st->reason == FS_STOP_NONE ||
	    !fs_session_alive(s)) {
		sites_forget(g);
		threads_clear(g);
		return;
	}
	if ((th = thread_get(g, st->tid)) == NULL ||
	    fs_session_frames_head(s, 0, &f, &n, NULL) < 0)
		return;
	th->arch = fs_session_arch(s);
	if (st->single_step)
		note_step(g, s, st, f, n);
	g->have_step_regs = false;
	/* The guard followed every call and return since it armed.  */
	ledger_update(g, s, th, f, n, st->single_step || (g->on &&
	    g->tracking), st->number, st->single_step);
}

const struct fs_ctl_slot *
fs_guard_ctl_at(struct fs_guard *g, struct fs_session *s, uint64_t addr)
{
	struct gthread *th = thread_cur(g, s);
	struct gslot *gs;

	if (th == NULL || (gs = slot_find(th, addr)) == NULL)
		return NULL;
	return &gs->c;
}

const struct fs_ctl_slot *
fs_guard_ctl_below(struct fs_guard *g, struct fs_session *s, uint64_t addr)
{
	struct gthread *th = thread_cur(g, s);
	size_t i;

	if (th == NULL || addr == 0)
		return NULL;
	i = slot_index(th, addr - 1);
	return i < th->nsl ? &th->sl[i].c : NULL;
}

unsigned long
fs_guard_frame_born(struct fs_guard *g, struct fs_session *s, uint64_t cfa)
{
	struct gthread *th = thread_cur(g, s);
	const struct gframe *f;

	return th != NULL && (f = frame_find(th, cfa)) != NULL ? f->born : 0;
}

unsigned long
fs_guard_frame_died(struct fs_guard *g, struct fs_session *s, uint64_t cfa,
    uint64_t func, unsigned long after, bool *exact)
{
	struct gthread *th = thread_cur(g, s);
	size_t i, k;

	if (th == NULL)
		return 0;
	for (i = 0; i < NDEAD && i < th->ndead; i++) {
		k = (th->ndead - 1 - i) % NDEAD;
		if (th->dead[k].cfa == cfa && th->dead[k].func == func &&
		    th->dead[k].stop > after) {
			*exact = th->dead[k].exact;
			return th->dead[k].stop;
		}
	}
	return 0;
}

bool
fs_guard_overwritten(const struct fs_ctl_slot *c, uint64_t value)
{
	return c != NULL && !c->pending && c->was != value;
}

void
fs_guard_ctl_name(const struct fs_ctl_slot *c, char *buf, size_t len)
{
	switch (c->kind) {
	case FS_CTL_RETADDR:
		snprintf(buf, len, "return address");
		break;
	case FS_CTL_SAVED_RBP:
		snprintf(buf, len, "saved %s", c->arch->fp);
		break;
	case FS_CTL_SAVED_REG:
		snprintf(buf, len, "saved %s", fs_ureg_name_arch(c->arch,
		    c->reg));
		break;
	case FS_CTL_CANARY:
		snprintf(buf, len, "canary");
		break;
	}
}


/* ------------------------------------------------------------- the guard */

/* The first up to MAXP physical frames of F[0..N): their indexes.  */
#define MAXP		16

static size_t
phys_frames(const struct fs_frame *f, size_t n, size_t *idx)
{
	size_t i, np = 0;

	for (i = 0; i < n && np < MAXP; i++)
		if (!f[i].inlined && !f[i].tailcall)
			idx[np++] = i;
	return np;
}

/* The name a program calls a library function by: a PLT stub's without
   its "@plt", else its symbol's.  */
static void
callee_name(struct fs_session *s, uint64_t pc, char *buf, size_t len)
{
	struct fs_where w;
	size_t k;

	fs_modules_where(fs_session_modules(s), pc, pc, &w);
	snprintf(buf, len, "%s", w.func != NULL ? w.func : "??");
	k = strlen(buf);
	if (k > 4 && strcmp(buf + k - 4, "@plt") == 0)
		buf[k - 4] = '\0';
}

static bool
has_site(const struct fs_guard *g, uint64_t addr, uint64_t func)
{
	size_t i;

	for (i = 0; i < g->nsites; i++)
		if (g->sites[i].addr == addr && g->sites[i].func == func)
			return true;
	return false;
}

static void
site_add(struct fs_guard *g, struct fs_session *s, uint64_t addr,
    uint64_t func)
{
	struct gsite *n;

	if (has_site(g, addr, func) ||
	    (n = realloc(g->sites, (g->nsites + 1) * sizeof *n)) == NULL)
		return;
	g->sites = n;
	if (fs_session_guard_site(s, addr, true) < 0)
		return;
	n[g->nsites].addr = addr;
	n[g->nsites++].func = func;
}

/* Take away the sites of FUNC (0: the library call's return).  */
static void
sites_drop(struct fs_guard *g, struct fs_session *s, uint64_t func)
{
	size_t i, k = 0;

	for (i = 0; i < g->nsites; i++) {
		if (g->sites[i].func == func) {
			fs_session_guard_site(s, g->sites[i].addr, false);
			continue;
		}
		g->sites[k++] = g->sites[i];
	}
	g->nsites = k;
}

static void
disarm(struct fs_guard *g, struct fs_session *s)
{
	size_t i;

	if (fs_session_alive(s))
		for (i = 0; i < g->nsites; i++)
			fs_session_guard_site(s, g->sites[i].addr, false);
	g->nsites = 0;
	g->nfuncs = 0;
	g->lib = false;
	if (g->nwant > 0) {
		g->nwant = 0;
		if (fs_session_alive(s))
			fs_session_sync_dregs(s, NULL);
	}
}

/* The breakpoints of the program's function FC: at its calls, rets and
   tail jumps, and at the end of its prologue.  */
static void
func_arm(struct fs_guard *g, struct fs_session *s, const struct fs_fcode *fc)
{
	size_t i;

	for (i = 0; i < g->nfuncs; i++)
		if (g->funcs[i] == fc->start)
			return;
	if (g->nfuncs == MAXFUNCS) {
		for (i = 0; i < g->nfuncs; i++)
			sites_drop(g, s, g->funcs[i]);
		g->nfuncs = 0;
	}
	g->funcs[g->nfuncs++] = fc->start;
	for (i = 0; i < fc->ncalls; i++)
		site_add(g, s, fc->calls[i], fc->start);
	for (i = 0; i < fc->nrets; i++)
		site_add(g, s, fc->rets[i], fc->start);
}

static void
pending_mark(struct gthread *th, uint64_t addr)
{
	struct gslot *gs = slot_find(th, addr);

	if (gs != NULL)
		gs->c.pending = true;
}

/* Frame 0 at F, at the entry of its function FC, called by a frame whose
   CFA is CFA_UP (0: not known): what its prologue
   will store, taken now (the registers it saves still hold its
   caller's values, and the canary is the guard at %fs:0x28), so that
   its slots are watched from their first store without stopping at the
   prologue's end.  Returns -1 when the prologue cannot be told from its
   CFI: stopping at its end is the way then.  */
static int
prologue_slots(struct fs_session *s, struct gthread *th,
    const struct fs_frame *f, uint64_t cfa_up, const struct fs_fcode *fc,
    unsigned long stop)
{
	const struct fs_arch *arch = fs_session_arch(s);
	struct fs_module *mod = fs_modules_at(fs_session_modules(s), fc->body);
	const struct user_regs_struct *regs;
	struct fs_cfi_row row;
	uint64_t a, v;
	unsigned r, dw;

	if (f->pc != fc->start || fs_session_regs(s, &regs, NULL) < 0 ||
	    fs_fcode_cfi_row(mod, fc->body, &row) < 0 || !row.simple)
		return -1;
	/* The callee-saved registers, by the architecture's DWARF
	   numbers.  */
	for (r = FS_UREG_RBX; r < FS_UREG_RSP; r++) {
		dw = arch->ureg_dw[r];
		if (dw >= FS_CFI_NREG || row.how[dw] != FS_CFI_OFFSET ||
		    fs_arch_dwarf_reg(arch, regs, dw, &v) < 0)
			continue;
		a = f->cfa + (uint64_t)row.off[dw];
		slot_note(th, a, r == FS_UREG_RBP ? FS_CTL_SAVED_RBP :
		    FS_CTL_SAVED_REG, r, f->cfa, v, v, r == FS_UREG_RBP &&
		    caller_fp(th, v, cfa_up, arch->word), true, true, stop);
		pending_mark(th, a);
	}
	if (fc->canary && th->have_guard) {
		a = fs_fcode_canary_addr(fc, f->cfa);
		slot_note(th, a, FS_CTL_CANARY, 0, f->cfa, th->guard,
		    th->guard, true, true, true, stop);
		pending_mark(th, a);
	}
	return 0;
}

/* The objects of frame F of S (index F->index) from the provider.  */
static size_t
frame_objects(struct fs_guard *g, struct fs_session *s,
    const struct fs_frame *f, const struct fs_anat_obj **objs)
{
	size_t n = 0;

	*objs = NULL;
	if (g->prov == NULL || g->prov(g->provarg, s, f, objs, &n) < 0)
		return 0;
	return n;
}

/* Whether O is an array or a struct: something a store can run past.  */
static bool
aggregate(const struct fs_anat_obj *o)
{
	return o->elem_size > 0 || o->nparts > 0 || o->size > 8;
}

static void
want_add(struct fs_guard *g, uint64_t addr, bool bound)
{
	size_t i;

	addr &= ~(uint64_t)(g->word - 1);
	for (i = 0; i < g->nwant; i++)
		if (g->want[i].addr == addr)
			return;
	if (g->nwant == NWANT)
		return;
	g->want[g->nwant].addr = addr;
	g->want[g->nwant++].bound = bound;
}

/* The control slots of the frame at CFA, lowest first; FIRST_ONLY: the
   lowest alone, else all but the lowest.  */
static void
want_slots(struct fs_guard *g, const struct gthread *th, uint64_t cfa,
    bool first_only)
{
	size_t i;
	bool first = true;

	/* The slots are highest first: the frame's, from its lowest.  */
	for (i = th->nsl; i-- > 0;) {
		if (th->sl[i].c.cfa != cfa)
			continue;
		if (first != first_only) {
			first = false;
			continue;
		}
		want_add(g, th->sl[i].c.addr, false);
		first = false;
		if (first_only)
			return;
	}
}

/* The words just past the arrays and structs of frame F (gdb index I of
   F[]), below its CFA, that hold no control slot.  */
static void
want_bounds(struct fs_guard *g, struct fs_session *s, const struct gthread *th,
    const struct fs_frame *f)
{
	const struct fs_anat_obj *o;
	size_t n, i;
	uint64_t end;

	n = frame_objects(g, s, f, &o);
	for (i = 0; i < n; i++) {
		if (!aggregate(&o[i]) || o[i].addr + 128 < f->sp ||
		    (end = o[i].addr + o[i].size) + wsize(s) > f->cfa ||
		    slot_find((struct gthread *)th, wdown(s, end)) != NULL)
			continue;
		want_add(g, end, true);
	}
}

/* Start following a library call: the frame at index LIB of F called
   by the program's frame at index P.  */
static void
lib_start(struct fs_guard *g, struct fs_session *s, const struct fs_frame *f,
    size_t lib, size_t p)
{
	const struct fs_arch *arch = fs_session_arch(s);
	const struct user_regs_struct *regs;
	uint64_t start, end, hi;
	size_t i;

	if (g->lib && g->lib_cfa == f[lib].cfa && g->lib_ret == f[p].pc)
		return;
	if (g->lib)
		sites_drop(g, s, 0);
	g->lib = true;
	g->lib_hit = false;
	g->lib_serial++;
	g->lib_ret = f[p].pc;
	g->lib_cfa = f[lib].cfa;
	g->lib_call = f[p].pc;
	g->lib_func = fs_fcode_bounds(s, f[lib].pc, &start, &end) == 0 ?
	    start : f[lib].pc;
	/* At its entry, the arguments are where the ABI passes them: in
	   registers, or on the stack over the return address (i386).  */
	g->lib_have_args = lib == 0 && fs_session_regs(s, &regs, NULL) == 0 &&
	    (f[0].pc == g->lib_func || f[0].cfa == f[0].sp + arch->word);
	if (g->lib_have_args)
		g->lib_func = f[0].pc;
	for (i = 0; g->lib_have_args && i < 6; i++)
		if (i < arch->narg_regs)
			memcpy(&g->lib_args[i], (const char *)regs +
			    arch->arg_regs[i], sizeof g->lib_args[i]);
		else if (arch->narg_regs > 0 || word_read(s, f[0].sp +
		    (i + 1) * arch->word, &g->lib_args[i]) < 0)
			g->lib_args[i] = 0;
	/* The caller's frame and a little of its caller's.  */
	hi = f[p].cfa != 0 ? f[p].cfa + 64 : g->lib_cfa + 512;
	if (hi - g->lib_cfa > SNAPMAX)
		hi = g->lib_cfa + SNAPMAX;
	g->snap_lo = g->lib_cfa;
	g->snap_len = 0;
	free(g->snap);
	if ((g->snap = malloc(hi - g->lib_cfa)) != NULL) {
		ssize_t got = fs_session_read(s, g->lib_cfa, g->snap,
		    hi - g->lib_cfa, NULL);

		g->snap_len = got > 0 ? (size_t)got : 0;
	}
	site_add(g, s, g->lib_ret, 0);
}

/* fs_dwarf_foreach_function: a Rust crate's main, "crate::main".  */
static int
crate_main(const char *name, uint64_t lo, uint64_t hi, void *arg)
{
	const char *p = strstr(name, "::");

	(void)hi;
	if (p == NULL || p == name || strcmp(p, "::main") != 0)
		return 0;
	*(uint64_t *)arg = lo;
	return 1;
}

/* No frame of the program's own code is live (before main, or in a
   thread's start): breakpoints where the program's code is entered,
   main and a Rust crate's main.  */
static void
entries_arm(struct fs_guard *g, struct fs_session *s)
{
	struct fs_modules *m = fs_session_modules(s);
	struct fs_module *exec = fs_modules_exec(m);
	struct fs_dwarf *dw;
	uint64_t a, lo = 0;

	if (fs_modules_find_function(m, "main", &a, NULL) == 0)
		site_add(g, s, a, 1);
	if (exec != NULL && exec->mapped && (dw = fs_module_dwarf(exec)) !=
	    NULL && fs_dwarf_foreach_function(dw, crate_main, &lo) == 1)
		site_add(g, s, lo + exec->bias, 1);
}

void
fs_guard_arm(struct fs_guard *g, struct fs_session *s)
{
	const struct fs_stop *st = fs_session_stop(s);
	const struct fs_frame *f;
	const struct fs_fcode *fc;
	struct gthread *th;
	struct gwant old[NWANT];
	size_t n, np, k0, nold, idx[MAXP];

	if (!g->on || !fs_session_alive(s) ||
	    fs_session_frames_head(s, 0, &f, &n, NULL) < 0 || n == 0 ||
	    (th = thread_get(g, st->tid)) == NULL)
		return;
	th->arch = fs_session_arch(s);
	g->narms++;
	g->word = wsize(s);
	/* Between stops: what returned since the last one is gone before
	   the next.  */
	ledger_update(g, s, th, f, n, g->tracking, st->number + 1, false);
	g->tracking = true;
	np = phys_frames(f, n, idx);
	for (k0 = 0; k0 < np; k0++)
		if (!f[idx[k0]].sigtramp && !is_library(s, k0 == 0 ?
		    f[idx[k0]].pc : f[idx[k0]].pc - 1))
			break;
	/* A library call that returned, or whose frame is gone (a
	   longjmp): its breakpoint goes.  */
	if (g->lib && f[0].sp >= g->lib_cfa)
		g->lib = false;
	if (!g->lib)
		sites_drop(g, s, 0);
	memcpy(old, g->want, sizeof old);
	nold = g->nwant;
	g->nwant = 0;
	if (k0 == 0 && (fc = fs_fcode_at(g->fcodes, s, f[0].pc)) != NULL) {
		/* The program's code: its calls and rets stopped at, and
		   its prologue's stores known beforehand (or seen at its
		   end).  */
		func_arm(g, s, fc);
		if (fc->body != fc->start && f[0].pc < fc->body &&
		    prologue_slots(s, th, &f[0], np > 1 ? f[idx[1]].cfa : 0,
		    fc, st->number) < 0)
			site_add(g, s, fc->body, fc->start);
		uint64_t cfa0 = f[0].cfa, cfa1 = np > 1 ? f[idx[1]].cfa : 0;
		struct fs_frame f0 = f[0];

		/* The provider may unfold more frames: F moves.  */
		want_slots(g, th, cfa0, true);
		want_bounds(g, s, th, &f0);
		want_slots(g, th, cfa0, false);
		if (cfa1 != 0)
			want_slots(g, th, cfa1, true);
	} else if (k0 == np)
		entries_arm(g, s);
	else if (k0 > 0) {
		/* In a library function called by the program: watched
		   from outside, until it returns.  */
		lib_start(g, s, f, idx[k0 - 1], idx[k0]);
		want_slots(g, th, f[idx[k0]].cfa, true);
		want_slots(g, th, f[idx[k0]].cfa, false);
		want_add(g, g->lib_cfa - g->word, false);
		if (k0 + 1 < np)
			want_slots(g, th, f[idx[k0 + 1]].cfa, true);
	}
	if (g->nwant != nold || memcmp(old, g->want, nold * sizeof *old) != 0)
		fs_session_sync_dregs(s, NULL);
}

int
fs_guard_dregs(struct fs_guard *g, uint64_t addr[4], unsigned rw[4],
    unsigned len[4], int n)
{
	size_t i;

	g->drbase = n;
	g->ndr = 0;
	if (!g->on)
		return n;
	for (i = 0; i < g->nwant && n < 4; i++, n++, g->ndr++) {
		addr[n] = g->want[i].addr;
		rw[n] = 1;		/* a write */
		len[n] = g->word == 8 ? 2 : 3;	/* 8 bytes, 4 */
	}
	return n;
}

unsigned
fs_guard_drmask(const struct fs_guard *g)
{
	return g->ndr == 0 ? 0 : ((1u << g->ndr) - 1) << g->drbase;
}

/* --- What a store hit --- */

/* Whether ledger slot GS holds something new that the guard has not
   stopped for.  */
static bool
slot_smashed(struct fs_session *s, const struct gslot *gs, uint64_t *v)
{
	if (gs->c.pending || word_read(s, gs->c.addr, v) < 0 ||
	    *v == gs->c.was)
		return false;
	return !(gs->reported && gs->seen == *v);
}

/* The frames of S with their names, and the index of the one whose
   words hold ADDR (N when none).  */
static size_t
frame_of(struct fs_session *s, const struct fs_frame *f, size_t n,
    uint64_t addr)
{
	unsigned rz = fs_session_arch(s)->red_zone;
	size_t i;

	/* The innermost frame's red zone is its own.  */
	for (i = 0; i < n; i++)
		if (!f[i].inlined && !f[i].tailcall && f[i].cfa > addr &&
		    addr + (i == 0 ? rz : 0) >= f[i].sp)
			return i;
	return n;
}

/* "and", the last of a list.  */
static void
list_add(char *buf, size_t len, size_t *k, const char *item, bool last)
{
	fs_strcatf(buf, len, "%s%s", *k == 0 ? "" : last ? " and " : ", ",
	    item);
	(*k)++;
}

/* Describe the bytes [LO, HI) just written into SM: the object (of a
   frame) they start in (at BASE, the address the store indexes from,
   when it is not LO), and everything past its end they reached: control
   slots by name ("the canary, saved rbp and return address of vuln"),
   other variables ("n").  ELEM: name array elements ("arr[8]") rather
   than count bytes.  WHO begins the message.  Returns whether anything
   was hit.  */
static bool
describe(struct fs_guard *g, struct fs_session *s, uint64_t lo, uint64_t hi,
    uint64_t base, bool elem, const char *who, struct fs_smash *sm)
{
	struct gthread *th = thread_cur(g, s);
	const struct fs_anat_obj *objs, *o = NULL, *ob;
	const struct fs_frame *all;
	struct fs_frame f[24];
	char items[32][160], name[64];
	const char *fn;
	size_t n, nf, i, j, k = 0, ni = 0, fi, ofi;
	uint64_t from, v, owner = 0;
	const unsigned W = wsize(s);
	bool control = false;

	memset(sm, 0, sizeof *sm);
	/* A copy: the provider may unfold more frames, and the session's
	   move.  */
	if (fs_session_frames_head(s, 24, &all, &nf, NULL) < 0)
		nf = 0;
	if (nf > 24)
		nf = 24;
	memcpy(f, all, nf * sizeof *f);
	/* The object the store starts in.  */
	fi = ofi = frame_of(s, f, nf, base);
	if (fi < nf) {
		n = frame_objects(g, s, &f[fi], &objs);
		for (i = 0; i < n; i++)
			if (base >= objs[i].addr && base < objs[i].addr +
			    objs[i].size) {
				o = &objs[i];
				break;
			}
		snprintf(sm->frame_func, sizeof sm->frame_func, "%s",
		    f[fi].where.func != NULL ? f[fi].where.func : "??");
	}
	from = lo;
	if (o != NULL) {
		snprintf(sm->object, sizeof sm->object, "%s", o->name);
		sm->aggregate = aggregate(o);
		from = o->addr + o->size > lo ? o->addr + o->size : lo;
		if (elem && o->elem_size > 0 && lo >= o->addr)
			snprintf(sm->msg, sizeof sm->msg, "Stack smash: %s "
			    "wrote %s[%llu", who, o->name, (unsigned long long)
			    ((lo - o->addr) / o->elem_size));
		if (elem && o->elem_size > 0 && lo >= o->addr &&
		    (hi - 1 - o->addr) / o->elem_size !=
		    (lo - o->addr) / o->elem_size)
			fs_strcatf(sm->msg, sizeof sm->msg, "..%llu",
			    (unsigned long long)((hi - 1 - o->addr) /
			    o->elem_size));
		if (elem && o->elem_size > 0 && lo >= o->addr)
			fs_strcatf(sm->msg, sizeof sm->msg, "] of %s",
			    sm->frame_func);
		else
			snprintf(sm->msg, sizeof sm->msg, "Stack smash: %s wrote "
			    "%llu bytes to %s (%llu bytes) in %s", who,
			    (unsigned long long)(hi - (lo < o->addr ? lo :
			    o->addr)), o->name, (unsigned long long)o->size,
			    sm->frame_func);
	} else
		snprintf(sm->msg, sizeof sm->msg, "Stack smash: %s wrote %llu "
		    "bytes at 0x%llx%s%s", who, (unsigned long long)(hi - lo),
		    (unsigned long long)lo, fi < nf ? " in " : "",
		    fi < nf ? sm->frame_func : "");
	sm->lo = lo;
	sm->hi = hi;
	/* What it reached, by address.  */
	for (v = wdown(s, from); v < hi && ni < 32; v += W) {
		const struct gslot *gs = th != NULL ? slot_find(th, v) : NULL;

		fi = frame_of(s, f, nf, v);
		fn = fi < nf && f[fi].where.func != NULL ? f[fi].where.func :
		    "??";
		if (gs != NULL) {
			const struct gframe *lf = frame_find(th, gs->c.cfa);
			struct fs_where lw;

			/* A frame the unwinder no longer reaches (its caller's
			   words overwritten): named by the ledger.  */
			if ((fi >= nf || f[fi].cfa != gs->c.cfa) && lf != NULL) {
				fs_modules_where(fs_session_modules(s),
				    lf->func, lf->func, &lw);
				fn = lw.func != NULL ? lw.func : "??";
			}
			fs_guard_ctl_name(&gs->c, name, sizeof name);
			snprintf(items[ni++], sizeof items[0], "%s%s|%s",
			    owner == gs->c.cfa ? "" : "the ", name, fn);
			owner = gs->c.cfa;
			control = true;
			continue;
		}
		if (fi >= nf)
			continue;
		n = frame_objects(g, s, &f[fi], &objs);
		for (j = 0; j < n && ni < 32; j++) {
			char item[160];
			size_t d;

			ob = &objs[j];
			if (ob == o || ob->addr + ob->size <= from ||
			    ob->addr >= hi || ob->addr + ob->size <= v ||
			    ob->addr >= v + W)
				continue;
			/* A neighbour in the same frame by its name, else
			   with its function's.  */
			snprintf(item, sizeof item, "%s|%s", ob->name,
			    fi == ofi ? "" : fn);
			for (d = 0; d < ni && strcmp(items[d], item) != 0; d++)
				;
			if (d == ni) {
				snprintf(items[ni++], sizeof items[0], "%s",
				    item);
				owner = 0;
			}
		}
	}
	/* "past buf into the canary, saved rbp and return address of
	   vuln", "past arr into n", "past the end of arr".  */
	if (ni > 0 && o != NULL)
		fs_strcatf(sm->msg, sizeof sm->msg, ": past %s into ",
		    o->name);
	else if (ni > 0)
		fs_strcatf(sm->msg, sizeof sm->msg, ": into ");
	else if (o != NULL && hi > o->addr + o->size)
		fs_strcatf(sm->msg, sizeof sm->msg, ": past the end of %s",
		    o->name);
	for (i = 0; i < ni; i++) {
		char *bar = strchr(items[i], '|'), item[200];
		bool same_next = i + 1 < ni && strcmp(strchr(items[i + 1],
		    '|'), bar) == 0;

		*bar = '\0';
		item[0] = '\0';
		fs_strcatf(item, sizeof item, "%s%s%s", items[i],
		    !same_next && bar[1] != '\0' ? " of " : "",
		    !same_next ? bar + 1 : "");
		list_add(sm->msg, sizeof sm->msg, &k, item, i + 1 == ni);
		fs_strcatf(sm->hit, sizeof sm->hit, "%s%s", i ? ", " : "",
		    item);
	}
	sm->control = control;
	return ni > 0 || (o != NULL && hi > o->addr + o->size);
}

/* The guard stops for SM: the control slots it overwrote keep BY as
   their writer and are not reported again.  */
static void
smash_keep(struct fs_guard *g, struct fs_session *s, const struct fs_smash *sm)
{
	struct gthread *th = thread_cur(g, s);
	uint64_t a, v;
	size_t i;

	g->smash = *sm;
	if (th == NULL)
		return;
	for (i = 0; i < th->nsl; i++) {
		struct gslot *gs = &th->sl[i];

		if (!slot_smashed(s, gs, &v))
			continue;
		gs->reported = true;
		gs->seen = v;
		a = gs->c.addr;
		if (a + wsize(s) > sm->lo && a < sm->hi) {
			gs->c.has_by = true;
			if (fs_guard_last_writer(g, s, a, &gs->c.by) != 1)
				gs->c.by = sm->by;
		}
	}
}

/* The start of the array or struct of frame 0 that ends in the word
   before ADDR or at it, or ADDR.  */
static uint64_t
past_end(struct fs_guard *g, struct fs_session *s, uint64_t addr)
{
	const struct fs_anat_obj *o;
	const struct fs_frame *f;
	size_t n, nf, i;

	if (fs_session_frames_head(s, 1, &f, &nf, NULL) < 0 || nf == 0)
		return addr;
	n = frame_objects(g, s, &f[0], &o);
	for (i = 0; i < n; i++)
		if (aggregate(&o[i]) && o[i].addr + o[i].size <= addr &&
		    o[i].addr + o[i].size + wsize(s) > addr)
			return o[i].addr;
	return addr;
}

/* A store at PC (its text IN) wrote [LO, HI) from registers REGS, in the
   program's own code: SM says what it hit.  Returns whether it crossed
   anything: a control slot, or the end of the object it indexes.  */
static bool
judge_store(struct fs_guard *g, struct fs_session *s, const struct fs_insn *in,
    const struct user_regs_struct *regs, uint64_t lo, uint64_t hi,
    struct fs_smash *sm)
{
	struct gthread *th = thread_cur(g, s);
	struct fs_memop m;
	struct fs_where w;
	char who[320];
	uint64_t base = lo, v, a;
	bool ctl = false;
	size_t i;

	/* A call or push writes under the stack pointer: a new frame's
	   words, not a live one's.  */
	if (in->is_call || strncmp(in->gdbtext, "push", 4) == 0 ||
	    strncmp(in->gdbtext, "enter", 5) == 0)
		return false;
	/* A control slot whose word is no longer what was stored.  */
	for (i = th != NULL ? slot_index(th, hi - 1) : 0; th != NULL &&
	    i < th->nsl && (a = th->sl[i].c.addr) + wsize(s) > lo; i++)
		if (a >= regs->rsp && slot_smashed(s, &th->sl[i], &v))
			ctl = true;
	/* The object indexed: base + displacement, without the index; a
	   store through a pointer by the function whose frame holds an
	   array or struct, just past its end: that object's (the pointer
	   ran off it).  */
	if (fs_fcode_memop(in, false, &m) == 0 && m.seg == 0 &&
	    m.base != FS_R_NONE && m.base != FS_R_RIP) {
		if (m.index != FS_R_NONE)
			base = fs_fcode_reg(regs, m.base) + (uint64_t)m.disp;
		else if (m.base != FS_R_RBP && m.base != FS_R_RSP)
			base = past_end(g, s, lo);
	}
	fs_modules_where(fs_session_modules(s), in->addr, in->addr, &w);
	if (w.file != NULL)
		snprintf(who, sizeof who, "%s at %s:%u", in->text, w.file,
		    w.line);
	else
		snprintf(who, sizeof who, "%s in %s", in->text, w.func != NULL ?
		    w.func : "??");
	if (!describe(g, s, lo, hi, base, true, who, sm))
		return false;
	/* Crossing into a neighbour counts when the store starts inside an
	   array or struct (or indexes from one): a compiler may well store
	   two scalars side by side at once.  */
	if (!ctl && (!sm->aggregate || sm->control))
		return false;
	writer_fill(s, in->addr, 0, 0, &sm->by);
	sm->by.stop = fs_session_stop(s)->number + 1;
	return true;
}

/* The writes of IN run with REGS: their union [*LO, *HI) around ADDR
   (0: any).  Returns whether there was one.  */
static bool
store_range(const struct fs_insn *in, const struct user_regs_struct *regs,
    uint64_t addr, unsigned word, uint64_t *lo, uint64_t *hi)
{
	struct fs_fcode_mem mem[8];
	int k, nm = fs_fcode_mem(in, regs, mem, 8);
	bool any = false;

	for (k = 0; k < nm; k++) {
		if (!mem[k].write || (addr != 0 && (mem[k].addr > addr +
		    word - 1 ||
		    mem[k].addr + mem[k].len <= addr)))
			continue;
		if (!any || mem[k].addr < *lo)
			*lo = mem[k].addr;
		if (!any || mem[k].addr + mem[k].len > *hi)
			*hi = mem[k].addr + mem[k].len;
		any = true;
	}
	return any;
}

/* The instruction that made the store the thread just trapped after,
   at *PC: the one before rip in a straight line, or a string
   instruction at rip still repeating.  */
static int
store_insn(struct fs_guard *g, struct fs_session *s,
    const struct user_regs_struct *regs, uint64_t addr, struct fs_insn *in)
{
	const struct fs_fcode *fc;
	uint8_t code[32];
	uint64_t pc = 0, lo, hi;
	ssize_t got;
	unsigned k;

	if ((got = fs_session_read(s, regs->rip, code, sizeof code,
	    NULL)) > 0 && decode(s, code, (size_t)got, regs->rip, in) == 0 &&
	    strncmp(in->gdbtext, "rep", 3) == 0 && regs->rcx != 0)
		return 0;
	if ((fc = fs_fcode_at(g->fcodes, s, regs->rip)) != NULL)
		pc = fs_fcode_insn_before(fc, regs->rip);
	if (pc != 0 && (got = fs_session_read(s, pc, code, 16, NULL)) > 0 &&
	    decode(s, code, (size_t)got, pc, in) == 0 &&
	    pc + in->len == regs->rip)
		return 0;
	/* Not found by decoding the function from its start: the
	   instruction ending at rip that stores to ADDR.  */
	if (regs->rip < 16 || fs_session_read(s, regs->rip - 16, code, 16,
	    NULL) != 16)
		return -1;
	for (k = 1; k <= 15; k++)
		if (decode(s, code + 16 - k, k, regs->rip - k, in) == 0 &&
		    in->len == k && store_range(in, regs, addr, wsize(s), &lo,
		    &hi))
			return 0;
	return -1;
}

int
fs_guard_trap(struct fs_guard *g, struct fs_session *s, unsigned fired)
{
	struct gthread *th = thread_cur(g, s);
	const struct user_regs_struct *regs;
	const struct gslot *gs;
	struct gslot *ps;
	struct fs_smash sm;
	struct fs_insn in;
	uint64_t lo = 0, hi = 0, v, a;
	int i;
	bool lib;

	g->ntraps++;
	if (!g->on || fs_session_regs(s, &regs, NULL) < 0)
		return 0;
	lib = g->lib && is_library(s, regs->rip);
	for (i = 0; i < g->ndr; i++) {
		if (!(fired & (1u << (g->drbase + i))) || (size_t)i >= g->nwant)
			continue;
		a = g->want[i].addr;
		/* The prologue storing what the guard took at the entry:
		   stored now.  */
		if (!g->want[i].bound && th != NULL && (ps = slot_find(th,
		    a)) != NULL && ps->c.pending && word_read(s, a, &v) == 0 &&
		    v == ps->c.was) {
			ps->c.pending = false;
			continue;
		}
		if (!g->want[i].bound && (th == NULL || (gs = slot_find(th,
		    a)) == NULL || !slot_smashed(s, gs, &v)))
			continue;
		if (store_insn(g, s, regs, a, &in) < 0)
			continue;
		if (lib) {
			/* Inside the library call: its stores are kept, and
			   told when it returns, with all it wrote.  */
			writer_note(g, s, a, a + g->word, in.addr, 0,
			    g->lib_call,
			    fs_session_stop(s)->number + 1, 0);
			if (!g->lib_hit) {
				writer_fill(s, in.addr, 0, g->lib_call,
				    &g->lib_by);
				g->lib_hit = true;
			}
			continue;
		}
		if (store_range(&in, regs, a, g->word, &lo, &hi) &&
		    judge_store(g, s, &in, regs, lo, hi, &sm)) {
			smash_keep(g, s, &sm);
			return 1;
		}
	}
	return 0;
}

/* Whether the library call just returned left its caller's frame
   smashed: a control slot overwritten, or a run of bytes it changed
   that starts in an array or struct of the caller and goes past its
   end, into something the call was not given.  */
static int
lib_done(struct fs_guard *g, struct fs_session *s)
{
	struct gthread *th = thread_cur(g, s);
	const struct fs_anat_obj *objs;
	const struct fs_frame *f;
	struct fs_smash sm;
	uint8_t *now;
	char who[400], name[128];
	struct fs_where w;
	uint64_t lo, hi, v;
	size_t i, j, k, a, n, nf, no;
	const size_t W = wsize(s);
	bool ctl = false, cross = false;
	ssize_t got;

	/* Its return's breakpoint goes at the next arming: the session is
	   still at it.  */
	g->lib = false;
	if (g->snap == NULL || g->snap_len == 0 || (now = malloc(g->snap_len)) ==
	    NULL)
		return 0;
	got = fs_session_read(s, g->snap_lo, now, g->snap_len, NULL);
	n = got > 0 ? (size_t)got : 0;
	/* The words the call changed were written by it: by the stores a
	   debug register caught, else by the call as a whole.  */
	for (i = 0; i < n; i += W) {
		struct wentry *we;
		uint64_t wa = wdown(s, g->snap_lo + i);

		if (memcmp(now + i, g->snap + i, n - i < W ? n - i : W) == 0)
			continue;
		we = writer_slot(g, wa, false);
		if (we == NULL || we->addr != wa || we->serial != g->lib_serial)
			writer_note(g, s, wa, wa + W, 0, g->lib_func,
			    g->lib_call,
			    fs_session_stop(s)->number + 1, 0);
	}
	for (i = th != NULL && n > 0 ? slot_index(th, g->snap_lo + n - 1) : 0;
	    th != NULL && n > 0 && i < th->nsl && th->sl[i].c.addr >=
	    g->snap_lo; i++)
		if (slot_smashed(s, &th->sl[i], &v))
			ctl = true;
	if (fs_session_frames_head(s, 1, &f, &nf, NULL) < 0 || nf == 0) {
		free(now);
		return 0;
	}
	no = frame_objects(g, s, &f[0], &objs);
	/* Each run of changed bytes: one that starts in an array or struct
	   and goes past its end crossed it, unless the call was pointed at
	   what lies beyond as well (a neighbour it was given to write).  */
	lo = hi = g->snap_lo;
	for (i = 0; i < n && !cross; i = j) {
		for (j = i; j < n && now[j] != g->snap[j]; j++)
			;
		if (j == i) {
			j++;
			continue;
		}
		lo = g->snap_lo + i;
		hi = g->snap_lo + j;
		for (k = 0; k < no && !cross; k++) {
			const struct fs_anat_obj *o = &objs[k];
			bool given = false;

			if (!aggregate(o) || lo < o->addr || lo >= o->addr +
			    o->size || hi <= o->addr + o->size)
				continue;
			for (a = 0; g->lib_have_args && a < 6; a++)
				if (g->lib_args[a] >= o->addr + o->size &&
				    g->lib_args[a] < hi)
					given = true;
			cross = !given;
		}
	}
	if (!ctl && !cross) {
		free(now);
		return 0;
	}
	/* What the call changed: from the start of the object it ran past
	   (or from its first changed byte) to its last changed byte.  */
	{
		size_t first = n, last = 0;

		for (i = 0; i < n; i++)
			if (now[i] != g->snap[i]) {
				if (first == n)
					first = i;
				last = i + 1;
			}
		if (!cross)
			lo = g->snap_lo + first;
		hi = g->snap_lo + last;
	}
	free(now);
	fs_modules_where(fs_session_modules(s), g->lib_call, g->lib_call - 1,
	    &w);
	callee_name(s, g->lib_func, name, sizeof name);
	if (w.file != NULL)
		snprintf(who, sizeof who, "%s (called at %s:%u)", name, w.file,
		    w.line);
	else
		snprintf(who, sizeof who, "%s (called from %s)", name,
		    w.func != NULL ? w.func : "??");
	if (!describe(g, s, lo, hi, lo, false, who, &sm))
		return 0;
	if (g->lib_hit)
		sm.by = g->lib_by;
	else {
		memset(&sm.by, 0, sizeof sm.by);
		sm.by.func = NULL;
	}
	sm.by.call_func = w.func;
	sm.by.call_file = w.file;
	sm.by.call_line = w.line;
	sm.by.stop = fs_session_stop(s)->number + 1;
	smash_keep(g, s, &sm);
	return 1;
}

/* The frame at CFA of the current thread: a control slot overwritten
   that the guard has not stopped for yet (NULL: none).  */
static const struct gslot *
frame_smashed(struct fs_guard *g, struct fs_session *s, uint64_t cfa)
{
	struct gthread *th = thread_cur(g, s);
	uint64_t v;
	size_t i;

	/* Its slots are together, just under its CFA.  */
	for (i = th != NULL ? slot_index(th, cfa - 1) : 0; th != NULL &&
	    i < th->nsl && th->sl[i].c.cfa == cfa; i++)
		if (slot_smashed(s, &th->sl[i], &v))
			return &th->sl[i];
	return NULL;
}

int
fs_guard_site(struct fs_guard *g, struct fs_session *s, uint64_t pc,
    int *nref)
{
	const struct user_regs_struct *regs;
	const struct fs_frame *f;
	const struct gslot *gs;
	struct fs_smash sm;
	char name[64];
	uint64_t v = 0;
	size_t i, n;
	bool lib = false;

	*nref = 0;
	for (i = 0; i < g->nsites; i++)
		if (g->sites[i].addr == pc) {
			(*nref)++;
			lib |= g->sites[i].func == 0;
		}
	if (*nref == 0 || !g->on || fs_session_regs(s, &regs, NULL) < 0)
		return 0;
	g->ntraps++;
	if (lib && g->lib && pc == g->lib_ret && regs->rsp >= g->lib_cfa)
		return lib_done(g, s);
	/* At a call, ret or tail jump of the program's function in frame
	   0: its control slots are checked before they are used.  */
	if (fs_session_frames_head(s, 1, &f, &n, NULL) < 0 || n == 0 ||
	    (gs = frame_smashed(g, s, f[0].cfa)) == NULL)
		return 0;
	fs_guard_ctl_name(&gs->c, name, sizeof name);
	word_read(s, gs->c.addr, &v);
	memset(&sm, 0, sizeof sm);
	snprintf(sm.msg, sizeof sm.msg, "Stack smash: the %s of %s was "
	    "overwritten (0x%llx, was 0x%llx) by a store the guard did not "
	    "see", name, f[0].where.func ? f[0].where.func : "??",
	    (unsigned long long)v, (unsigned long long)gs->c.was);
	snprintf(sm.frame_func, sizeof sm.frame_func, "%s", f[0].where.func ?
	    f[0].where.func : "??");
	snprintf(sm.hit, sizeof sm.hit, "the %s of %s", name, sm.frame_func);
	sm.lo = gs->c.addr;
	sm.hi = gs->c.addr + wsize(s);
	sm.control = true;
	memset(&sm.by, 0, sizeof sm.by);
	smash_keep(g, s, &sm);
	return 1;
}

int
fs_guard_after_step(struct fs_guard *g, struct fs_session *s)
{
	const struct fs_stop *st = fs_session_stop(s);
	struct fs_smash sm;
	struct fs_insn in;
	uint8_t code[16];
	uint64_t lo = 0, hi = 0;
	ssize_t got;

	if (!g->on || !g->have_step_regs)
		return 0;
	g->nsteps++;
	if ((got = fs_session_read(s, g->step_regs.rip, code, sizeof code,
	    NULL)) <= 0 || decode(s, code, (size_t)got, g->step_regs.rip,
	    &in) < 0 || !store_range(&in, &g->step_regs, 0, wsize(s), &lo,
	    &hi))
		return 0;
	writer_note(g, s, lo, hi, in.addr, 0, 0, st->number + 1, 0);
	if (is_library(s, in.addr) || !judge_store(g, s, &in, &g->step_regs,
	    lo, hi, &sm))
		return 0;
	smash_keep(g, s, &sm);
	return 1;
}

int
fs_guard_watches(struct fs_guard *g, struct fs_session *s,
    const struct fs_guard_watch **out, size_t *n)
{
	static const char *const drname[] = { "DR0", "DR1", "DR2", "DR3" };
	struct gthread *th = thread_cur(g, s);
	const struct fs_frame *f;
	struct fs_guard_watch *w;
	char name[64];
	size_t nf, i, k;
	uint64_t v;

	*out = NULL;
	*n = 0;
	if (th == NULL || th->nsl == 0)
		return 0;
	if (fs_session_frames_head(s, 64, &f, &nf, NULL) < 0)
		nf = 0;
	if ((w = realloc(g->watch, th->nsl * sizeof *w)) == NULL)
		return -1;
	g->watch = w;
	for (i = 0; i < th->nsl; i++) {
		const struct gslot *gs = &th->sl[i];
		const char *fn = "??";

		for (k = 0; k < nf; k++)
			if (f[k].cfa == gs->c.cfa && !f[k].inlined &&
			    f[k].where.func != NULL)
				fn = f[k].where.func;
		fs_guard_ctl_name(&gs->c, name, sizeof name);
		w[i].addr = gs->c.addr;
		w[i].len = wsize(s);
		snprintf(w[i].what, sizeof w[i].what, "%s of %s", name, fn);
		w[i].how = !g->on ? "" : "checked at calls and returns";
		for (k = 0; g->on && k < (size_t)g->ndr && k < g->nwant; k++)
			if (g->want[k].addr == gs->c.addr)
				w[i].how = drname[g->drbase + (int)k];
		if (gs->c.pending)
			w[i].how = "not stored yet";
		else if (word_read(s, gs->c.addr, &v) == 0 && v != gs->c.was)
			w[i].how = "overwritten";
	}
	*out = w;
	*n = th->nsl;
	return 0;
}
