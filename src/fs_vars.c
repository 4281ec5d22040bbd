/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_vars: a frame's variables, found, located, read and printed (see
   include/fs_vars.h).  */

#include <sys/user.h>

#include <dwarf.h>

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_abi.h"
#include "fs_eval.h"
#include "fs_loc.h"
#include "fs_unwind.h"
#include "fs_value.h"
#include "fs_record.h"
#include "fs_regs.h"
#include "fs_rust.h"
#include "fs_sbuf.h"
#include "fs_fcode.h"
#include "fs_vars.h"

/* Types nest this deep at most when a part is named or a size found:
   hostile DWARF can make them cycle.  */
#define MAX_DEPTH	32
/* gdb's default max-value-size: a bigger object is not read.  */
#define MAX_VALUE_SIZE	65536
/* The scopes between a pc and its function.  */
#define MAX_CHAIN	64

/* One frame as its variables see it.  */
struct fctx {
	struct fs_session *s;
	unsigned	 frame;
	const struct fs_frame *f;
	struct fs_module *mod;
	struct fs_dwarf	*dw;
	uint64_t	 faddr;		/* where scopes are looked up (file) */
	const struct fs_scope *inner;	/* innermost scope there */
	const struct fs_scope *func;	/* the function the frame shows */
	const struct fs_scope *subprogram; /* its DW_TAG_subprogram */
	const struct user_regs_struct *regs0;
	const struct fs_frame_regs *fr;	/* NULL for frame 0 */
	bool		 fr_tried;	/* FR was asked for */
	bool		 have_xs;	/* XS read (NULL: none) */
	const uint8_t	*xs;		/* the thread's XSAVE area */
	size_t		 xslen;
	unsigned	 entry_depth;	/* callers asked for entry values */
	struct fs_loc_ctx lc;
};

static int fctx_init(struct fctx *, struct fs_session *, unsigned,
    struct fs_err *);
static void fctx_where(struct fctx *);

/* What the variables of a frame were made of, logged while the
   provider makes them (see fs_vars_provide): every read of memory with
   the bytes it gave, every register a location asked of a frame (that
   frame's number from the one made, and the value).  A frame whose
   inputs read the same at the next stop has the same variables, to the
   byte.  What is not logged (the vector registers, entry values) makes
   the frame OPAQUE: made anew at every stop.  */
struct vin_mem {
	uint64_t	addr;
	size_t		len, off;	/* its bytes at BYTES + OFF */
	ssize_t		got;		/* read, or -1 */
};
struct vin_reg {
	unsigned	rel, reg;
	int		rc;
	uint64_t	val;
};
struct vin_frame {
	unsigned	rel;
	bool		present;
	struct fs_frame	f;
};
struct vinputs {
	struct vin_mem	*mem;
	size_t		 nmem, capmem;
	struct vin_frame *fr;		/* the callers entry values asked */
	size_t		 nfr, capfr;
	uint8_t		*bytes;
	size_t		 nbytes, capbytes;
	struct vin_reg	*reg;
	size_t		 nreg, capreg;
	unsigned	 base;		/* the frame made */
	bool		 opaque;
};
static struct vinputs *vin;	/* the frame being made, or NULL */

static void
vin_free(struct vinputs *v)
{
	free(v->mem);
	free(v->fr);
	free(v->bytes);
	free(v->reg);
	memset(v, 0, sizeof *v);
}

static void
vin_opaque(void)
{
	if (vin != NULL)
		vin->opaque = true;
}

/* A read of LEN bytes at ADDR that gave GOT of them (-1: none) into
   BUF.  */
static void
vin_mem_add(uint64_t addr, size_t len, ssize_t got, const void *buf)
{
	struct vin_mem *m;
	size_t n = got > 0 ? (size_t)got : 0;
	void *np;

	if (vin == NULL || vin->opaque)
		return;
	if (vin->nmem == vin->capmem) {
		vin->capmem = vin->capmem ? vin->capmem * 2 : 16;
		if ((np = realloc(vin->mem, vin->capmem * sizeof *m)) ==
		    NULL) {
			vin->opaque = true;
			return;
		}
		vin->mem = np;
	}
	while (vin->nbytes + n > vin->capbytes) {
		vin->capbytes = vin->capbytes ? vin->capbytes * 2 : 256;
		if ((np = realloc(vin->bytes, vin->capbytes)) == NULL) {
			vin->opaque = true;
			return;
		}
		vin->bytes = np;
	}
	m = &vin->mem[vin->nmem++];
	m->addr = addr;
	m->len = len;
	m->got = got;
	m->off = vin->nbytes;
	if (n > 0)
		memcpy(vin->bytes + vin->nbytes, buf, n);
	vin->nbytes += n;
}

/* A new entry of SIZE bytes at the end of *ARR (*N of *CAP), for what
   frame FRAME was asked, or NULL: the frame made is then opaque (a
   frame below it asked, or out of memory).  */
static void *
vin_push(void *arr, size_t *n, size_t *cap, size_t size, unsigned frame)
{
	void **pa = arr, *v;
	size_t nc;

	if (vin == NULL || vin->opaque)
		return NULL;
	if (frame < vin->base) {
		vin->opaque = true;
		return NULL;
	}
	if (*n == *cap) {
		nc = *cap ? *cap * 2 : 8;
		if ((v = realloc(*pa, nc * size)) == NULL) {
			vin->opaque = true;
			return NULL;
		}
		*pa = v;
		*cap = nc;
	}
	v = (char *)*pa + (*n)++ * size;
	memset(v, 0, size);
	return v;
}

/* Frame FRAME of the stop (NULL: there is none) was asked for.  */
static void
vin_frame_add(unsigned frame, const struct fs_frame *f)
{
	struct vin_frame *v;

	if (vin == NULL || (v = vin_push(&vin->fr, &vin->nfr, &vin->capfr, sizeof *v,
	    frame)) == NULL)
		return;
	v->rel = frame - vin->base;
	v->present = f != NULL;
	if (f != NULL)
		v->f = *f;
}

static void
vin_reg_add(unsigned frame, unsigned reg, int rc, uint64_t val)
{
	struct vin_reg *r;

	if (vin == NULL || (r = vin_push(&vin->reg, &vin->nreg, &vin->capreg, sizeof *r,
	    frame)) == NULL)
		return;
	r->rel = frame - vin->base;
	r->reg = reg;
	r->rc = rc;
	r->val = rc == 0 ? val : 0;
}

/* The callee-saved registers of FC's (physical, caller) frame, from the
   unwinder, or past the dummy frame of a function called from
   framescope, those the call was made with.  */
static const struct fs_frame_regs *
frame_regs(struct fctx *fc)
{
	const struct fs_frame_regs *fr;

	if (fc->fr != NULL || fc->fr_tried || fc->f->phys == 0)
		return fc->fr;
	fc->fr_tried = true;
	if (fs_session_frame_regs(fc->s, fc->f->phys, &fr) == 0)
		fc->fr = fr;
	return fc->fr;
}

/* A caller frame sees the callee-saved registers its callees restore,
   rsp and rip from the unwind; every other register, as gdb has it on
   x86-64, keeps the value it has in frame 0.  */
static int
ctx_reg_of(void *arg, unsigned reg, uint64_t *val)
{
	struct fctx *fc = arg;
	const struct fs_arch *a = fs_session_arch(fc->s);
	int ur = -1, u;

	if (fc->frame > 0) {
		if (reg == a->dw_sp) {
			*val = fc->f->sp;
			return 0;
		}
		if (reg == a->dw_ra) {
			*val = fc->f->pc;
			return 0;
		}
		for (u = 0; u < FS_UREG_RSP; u++)
			if (a->ureg_dw[u] == reg)
				ur = u;
		if (ur >= 0 && frame_regs(fc) != NULL &&
		    (fc->fr->known & (1u << ur))) {
			*val = fc->fr->val[ur];
			return 0;
		}
		if (ur == FS_UREG_RBP) {
			*val = fc->f->fp;
			return 0;
		}
	}
	if (fs_arch_dwarf_reg(a, fc->regs0, reg, val) == 0)
		return 0;
	if (reg > 16) {
		uint8_t b[64];

		if (fc->lc.regbytes == NULL || fc->lc.regbytes(fc, reg, b) < 0)
			return -FS_E_NOENT;
		memcpy(val, b, 8);
		return 0;
	}
	return -FS_E_NOENT;
}

static int
ctx_reg(void *arg, unsigned reg, uint64_t *val)
{
	struct fctx *fc = arg;
	int r = ctx_reg_of(arg, reg, val);

	vin_reg_add(fc->frame, reg, r, *val);
	return r;
}

/* The thread's XSAVE area, read once for FC: the registers past the
   general ones, which every frame sees as frame 0 has them (gdb's
   "same value" for what CFI does not mention).  */
static void
fctx_xstate(struct fctx *fc)
{
	if (fc->have_xs)
		return;
	fc->have_xs = true;
	vin_opaque();
	if (fs_session_alive(fc->s) && fs_session_xstate(fc->s, &fc->xs,
	    &fc->xslen, NULL) < 0)
		fc->xs = NULL;
}

/* The registers frame FC sees, as gdb shows them there.  */
static void
fctx_regfile(struct fctx *fc, struct fs_regfile *rf)
{
	static const struct { unsigned dw; size_t off; } saved[] = {
		{ 3, offsetof(struct user_regs_struct, rbx) },
		{ 6, offsetof(struct user_regs_struct, rbp) },
		{ 12, offsetof(struct user_regs_struct, r12) },
		{ 13, offsetof(struct user_regs_struct, r13) },
		{ 14, offsetof(struct user_regs_struct, r14) },
		{ 15, offsetof(struct user_regs_struct, r15) },
	};
	uint64_t v;
	size_t i;

	memset(rf, 0, sizeof *rf);
	if (fc->regs0 != NULL)
		rf->gp = *fc->regs0;
	if (fc->frame > 0 && fc->f != NULL) {
		rf->gp.rip = fc->f->pc;
		rf->gp.rsp = fc->f->sp;
		for (i = 0; i < sizeof saved / sizeof saved[0]; i++)
			if (ctx_reg(fc, saved[i].dw, &v) == 0)
				memcpy((uint8_t *)&rf->gp + saved[i].off, &v,
				    8);
	}
	fctx_xstate(fc);
	rf->xsave = fc->xs;
	rf->xlen = fc->xslen;
}

static int
ctx_regbytes(void *arg, unsigned reg, uint8_t buf[64])
{
	struct fctx *fc = arg;
	const struct fs_reg *r;
	struct fs_regfile rf;
	uint64_t v;

	memset(buf, 0, 64);
	if (reg <= 16) {
		if (ctx_reg(arg, reg, &v) < 0)
			return -FS_E_NOENT;
		memcpy(buf, &v, 8);
		return 0;
	}
	if ((r = fs_regs_dwarf(reg)) == NULL || r->size > 64)
		return -FS_E_NOENT;
	fctx_regfile(fc, &rf);
	if (rf.xsave == NULL && r->size > 8)
		return -FS_E_NOENT;
	fs_regs_read(&rf, r, buf);
	return 0;
}

int
fs_vars_regfile(struct fs_session *s, unsigned frame, struct fs_regfile *rf,
    struct fs_err *e)
{
	struct fctx fc;
	int r;

	if ((r = fctx_init(&fc, s, frame, e)) < 0)
		return r;
	fctx_regfile(&fc, rf);
	return 0;
}

/* The base type of a typed DWARF operation: the model keeps it as a
   code (fs_dinfo_typed_operand).  */
static int
ctx_base_type(void *arg, uint64_t die, unsigned *size, enum fs_ate *enc)
{
	(void)arg;
	return fs_dinfo_typed_operand(die, size, enc);
}

/* Before the program runs, its data as the executable file holds it, as
   gdb reads globals then: initialised data from the file, .bss as
   zeros.  */
static int
static_read(struct fs_session *s, uint64_t addr, void *buf, size_t len)
{
	struct fs_module *m = fs_modules_exec(fs_session_modules(s));
	const struct fs_segment *seg;
	const void *p;
	size_t n, i;

	vin_opaque();
	if (m == NULL || m->elf == NULL)
		return -FS_E_SYS;
	/* Only what a section holds, as gdb's sections of the file: not
	   the headers a segment maps at 0 (`p *(int *)0').  */
	if (fs_elf_section_at(m->elf, addr) == NULL)
		return -FS_E_SYS;
	if ((p = fs_elf_bytes(m->elf, addr, len)) != NULL) {
		memcpy(buf, p, len);
		return 0;
	}
	seg = fs_elf_segments(m->elf, &n);
	for (i = 0; i < n; i++)
		if (addr >= seg[i].vaddr + seg[i].filesz &&
		    addr - seg[i].vaddr <= seg[i].memsz &&
		    len <= seg[i].vaddr + seg[i].memsz - addr) {
			memset(buf, 0, len);
			return 0;
		}
	return -FS_E_SYS;
}

ssize_t
fs_vars_read(struct fs_session *s, uint64_t addr, void *buf, size_t len,
    struct fs_err *e)
{
	size_t n;

	ssize_t got;

	if (fs_session_alive(s)) {
		got = fs_session_read(s, addr, buf, len, e);
		vin_mem_add(addr, len, got < 0 ? -1 : got, buf);
		return got;
	}
	if (static_read(s, addr, buf, len) == 0)
		return (ssize_t)len;
	/* Up to the end of what the file holds there.  */
	for (n = 0; n < len && static_read(s, addr + n, (uint8_t *)buf + n,
	    1) == 0; n++)
		;
	if (n > 0)
		return (ssize_t)n;
	return fs_err_set(e, FS_E_SYS, "Cannot access memory at address "
	    "0x%llx", (unsigned long long)addr);
}

static int
ctx_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	struct fctx *fc = arg;
	struct fs_err e;
	ssize_t n;

	const uint8_t *stk;
	uint64_t lo;
	size_t slen;

	if (!fs_session_alive(fc->s))
		return static_read(fc->s, addr, buf, len);
	/* Most variables are on the stack, which the stop read once.  */
	if ((stk = fs_unwind_stack(fs_session_unwinder(fc->s), &lo, &slen)) !=
	    NULL && addr >= lo && addr - lo <= slen && len <= slen -
	    (addr - lo)) {
		memcpy(buf, stk + (addr - lo), len);
		vin_mem_add(addr, len, (ssize_t)len, buf);
		return 0;
	}
	n = fs_session_read(fc->s, addr, buf, len, &e);
	vin_mem_add(addr, len, n < 0 ? -1 : n, buf);
	return n == (ssize_t)len ? 0 : -FS_E_SYS;
}

/* gdb's <symbol> after a pointer: the function holding ADDR.  */
static int
ctx_symbolize(void *arg, uint64_t addr, char *buf, size_t size)
{
	struct fctx *fc = arg;
	struct fs_where w;

	if (!fs_session_alive(fc->s)) {
		/* Before the program runs: the executable at its link
		   addresses.  */
		struct fs_module *m = fs_modules_exec(fs_session_modules(
		    fc->s));
		const struct fs_sym *o;

		if (m == NULL || m->elf == NULL)
			return -FS_E_NOENT;
		if ((o = fs_elf_sym_at(m->elf, addr)) == NULL &&
		    (o = fs_elf_object_at(m->elf, addr)) == NULL)
			return -FS_E_NOENT;
		if (addr == o->addr)
			snprintf(buf, size, "%s", o->name);
		else
			snprintf(buf, size, "%s+%llu", o->name,
			    (unsigned long long)(addr - o->addr));
		return 0;
	}
	fs_modules_where(fs_session_modules(fc->s), addr, addr, &w);
	if (w.func == NULL) {
		/* A data object: gdb's <counter>, <table+8>.  */
		struct fs_module *m = fs_modules_at(fs_session_modules(fc->s),
		    addr);
		const struct fs_sym *o = NULL;

		if (m == NULL || !m->mapped)
			return -FS_E_NOENT;
		if (m->dbg != NULL)
			o = fs_elf_object_at(m->dbg, addr - m->bias);
		if (o == NULL && m->elf != NULL)
			o = fs_elf_object_at(m->elf, addr - m->bias);
		if (o == NULL)
			return -FS_E_NOENT;
		if (addr - m->bias == o->addr)
			snprintf(buf, size, "%s", o->name);
		else
			snprintf(buf, size, "%s+%llu", o->name,
			    (unsigned long long)(addr - m->bias - o->addr));
		return 0;
	}
	if (addr == w.func_addr)
		snprintf(buf, size, "%s", w.func);
	else
		snprintf(buf, size, "%s+%llu", w.func,
		    (unsigned long long)(addr - w.func_addr));
	return 0;
}

/* Entry values nest (a caller's argument computed from its own entry
   value) this deep at most.  */
#define MAX_ENTRY_DEPTH	4

/* Whether the function entered at file address ENTRY can reach itself
   by tail calls.  gdb then trusts none of its entry values
   (func_verify_no_selftailcall): its frame may have been reused by a
   later call of itself.  The functions searched are bounded; past the
   bound the answer is no.  */
static bool
self_tail_calls(struct fs_dwarf *dw, uint64_t entry)
{
	uint64_t todo[64], seen[64], a, t;
	size_t ntodo = 0, nseen = 0, i, j, k, nc;
	const struct fs_call_site *calls;
	const struct fs_scope *sc;

	todo[ntodo++] = seen[nseen++] = entry;
	while (ntodo > 0) {
		a = todo[--ntodo];
		if (fs_dinfo_scope_at(dw, a, &sc, NULL) < 0)
			continue;
		while (sc->parent != NULL)
			sc = sc->parent;
		for (i = 0; i < sc->nranges; i++) {
			if (fs_dinfo_calls_in(dw, sc->ranges[2 * i],
			    sc->ranges[2 * i + 1], &calls, &nc) < 0)
				continue;
			for (j = 0; j < nc; j++) {
				if (!calls[j].tail || !calls[j].listed ||
				    calls[j].target != FS_CALL_ADDRS)
					continue;
				for (k = 0; k < calls[j].ntargets; k++) {
					t = calls[j].targets[k];
					if (t == entry)
						return true;
					for (a = 0; a < nseen && seen[a] != t;
					    a++)
						;
					if (a < nseen)
						continue;
					if (nseen == 64)
						return false;
					seen[nseen++] = todo[ntodo++] = t;
				}
			}
		}
	}
	return false;
}

/* The value register REG had when the frame's function was entered:
   the caller's call site says how it computed the argument passed in
   REG (DW_AT_call_value), evaluated in the caller's frame.  gdb's entry
   values.  */
static int
ctx_entry_reg(void *arg, unsigned reg, uint64_t *val)
{
	struct fctx *fc = arg, cf;
	const struct fs_frame *frames, *caller;
	const struct fs_call_site *cs;
	struct fs_module *mod;
	struct fs_dwarf *dw;
	struct fs_locval lv;
	size_t n, i;

	if (fc->entry_depth >= MAX_ENTRY_DEPTH)
		return -FS_E_NOENT;
	if (fs_session_frames_head(fc->s, fc->frame + 2, &frames, &n,
	    NULL) < 0 || fc->frame + 1 >= n) {
		vin_frame_add(fc->frame + 1, NULL);
		return -FS_E_NOENT;
	}
	caller = &frames[fc->frame + 1];
	vin_frame_add(fc->frame + 1, caller);
	if (caller->sigtramp || fc->f->sigtramp || caller->cfa == 0 ||
	    (mod = fs_modules_at(fs_session_modules(fc->s), caller->pc - 1))
	    == NULL || (dw = fs_module_dwarf(mod)) == NULL ||
	    fs_dinfo_call_site(dw, caller->pc - mod->bias, &cs) < 0)
		return -FS_E_NOENT;
	/* gdb takes the call site only when it calls this function: its
	   target known (a DW_AT_call_origin that is a definition with code,
	   found at the function's entry, or a declaration, found by
	   name), not an abstract instance or an expression.  */
	if (fc->subprogram == NULL || fc->mod == NULL)
		return -FS_E_NOENT;
	switch (cs->target) {
	case FS_CALL_ADDRS: {
		uint64_t entry = fc->mod->bias + (fc->subprogram->nranges > 0 ?
		    fc->subprogram->ranges[0] : fc->subprogram->entry_pc);

		for (i = 0; i < cs->ntargets && cs->targets[i] + mod->bias !=
		    entry; i++)
			;
		if (i == cs->ntargets)
			return -FS_E_NOENT;
		break;
	}
	case FS_CALL_NAME: {
		/* A declaration: the symbol of that name, wherever it is
		   defined (printf called in the program, defined in the C
		   library), at the function's entry.  */
		uint64_t entry = fc->mod->bias + (fc->subprogram->nranges > 0 ?
		    fc->subprogram->ranges[0] : fc->subprogram->entry_pc), at;
		const char *want = cs->callee_linkage != NULL ?
		    cs->callee_linkage : cs->callee;
		const struct fs_scope *sp = fc->subprogram;

		if (want == NULL)
			return -FS_E_NOENT;
		/* The same names are the same function, without reading
		   a symbol table (libc's is large, and an attach's bt
		   asks this of every frame in it).  */
		if ((cs->callee_linkage != NULL && sp->linkage_name != NULL &&
		    strcmp(cs->callee_linkage, sp->linkage_name) == 0) ||
		    (cs->callee_linkage == NULL && sp->linkage_name == NULL &&
		    cs->callee != NULL && sp->name != NULL &&
		    strcmp(cs->callee, sp->name) == 0))
			break;
		if (fs_modules_find_function(fs_session_modules(fc->s), want,
		    &at, NULL) < 0 || at != entry)
			return -FS_E_NOENT;
		break;
	}
	default:
		return -FS_E_NOENT;
	}
	for (i = 0; i < cs->nparams && cs->params[i].reg != reg; i++)
		;
	if (i == cs->nparams)
		return -FS_E_NOENT;
	if (fc->dw != NULL && self_tail_calls(fc->dw,
	    fc->subprogram->nranges > 0 ? fc->subprogram->ranges[0] :
	    fc->subprogram->entry_pc))
		return -FS_E_NOENT;
	if (fctx_init(&cf, fc->s, fc->frame + 1, NULL) < 0 ||
	    cf.func == NULL)
		return -FS_E_NOENT;
	cf.entry_depth = fc->entry_depth + 1;
	if (fs_loc_eval(&cs->params[i].value, &cf.lc, &lv, NULL) < 0 ||
	    lv.npieces != 1)
		return -FS_E_NOENT;
	switch (lv.pieces[0].kind) {
	case FS_PIECE_VALUE:
		*val = lv.pieces[0].value;
		return 0;
	case FS_PIECE_MEM:
		/* A DWARF expression's result: the value it computed.  */
		*val = lv.pieces[0].addr;
		return 0;
	case FS_PIECE_REG:
		return ctx_reg(&cf, lv.pieces[0].reg, val);
	default:
		return -FS_E_NOENT;
	}
}

/* Set FC up for frame FRAME.  Returns 0 with fc->func NULL when the
   frame has no DWARF scope, or -FS_E_*.  */
static int
fctx_init(struct fctx *fc, struct fs_session *s, unsigned frame,
    struct fs_err *e)
{
	const struct fs_frame *frames;
	size_t n;
	int r;

	memset(fc, 0, sizeof *fc);
	fc->s = s;
	fc->frame = frame;
	if ((r = fs_session_frames_head(s, frame + 1, &frames, &n, e)) < 0)
		return r;
	if (frame >= n)
		return fs_err_set(e, FS_E_NOENT, "No frame at level %u.",
		    frame);
	if ((r = fs_session_regs(s, &fc->regs0, e)) < 0)
		return r;
	fc->f = &frames[frame];
	if (fc->f->sigtramp || fc->f->dummy)
		return 0;
	fctx_where(fc);
	return 0;
}

/* The scopes and the location context of FC's frame.  */
static void
fctx_where(struct fctx *fc)
{
	struct fs_session *s = fc->s;
	const struct fs_scope *sc;
	uint64_t lookup;

	/* Registers are the physical frame's, which the inlined calls in
	   it share.  */
	/* The caller's registers are read when an expression asks for
	   one (frame_regs): most frames' variables need only the CFA.  */
	/* A caller is in the middle of its call: look up pc - 1, as gdb
	   does, unless a signal interrupted it there.  */
	lookup = fc->f->has_where ? fc->f->lookup : fc->f->pc;
	fc->mod = fs_modules_at(fs_session_modules(s), lookup);
	if (fc->mod == NULL || (fc->dw = fs_module_dwarf(fc->mod)) == NULL)
		return;
	fc->faddr = lookup - fc->mod->bias;
	/* The frame's own innermost scope: inside the inlined call it is,
	   or, for the frame an inlined call is in, the block around the
	   call.  */
	if (fc->f->scope != NULL)
		fc->inner = fc->f->scope;
	else if (fs_dinfo_scope_at(fc->dw, fc->faddr, &fc->inner, NULL) < 0)
		return;
	for (sc = fc->inner; sc != NULL; sc = sc->parent)
		if (sc->kind != FS_SCOPE_BLOCK)
			break;
	if (sc == NULL)
		return;
	fc->func = sc;
	while (sc != NULL && sc->kind != FS_SCOPE_FUNCTION)
		sc = sc->parent;
	if (sc == NULL)
		return;
	fc->subprogram = sc;
	fc->lc.reg = ctx_reg;
	fc->lc.regbytes = ctx_regbytes;
	fc->lc.base_type = ctx_base_type;
	fc->lc.entry_reg = ctx_entry_reg;
	fc->lc.mem = ctx_mem;
	fc->lc.arg = fc;
	fc->lc.pc = lookup;
	fc->lc.cfa = fc->f->cfa;
	fc->lc.bias = fc->mod->bias;
	fc->lc.arch = fs_session_arch(fc->s);
	/* The TLS block of a module needs the dynamic thread vector:
	   thread-local variables show as unavailable.  */
	fc->lc.tls_base = 0;
	fc->lc.frame_base = fc->subprogram->frame_base;
}

/* Set FC up with no process: the globals of the executable, at their
   addresses in the file, as gdb reads them before the run.  */
static void
fctx_static(struct fctx *fc, struct fs_session *s)
{
	static const struct user_regs_struct noregs;
	static const struct fs_frame noframe;
	struct fs_module *m = fs_modules_exec(fs_session_modules(s));

	memset(fc, 0, sizeof *fc);
	fc->s = s;
	fc->f = &noframe;
	fc->regs0 = &noregs;
	fc->mod = m;
	fc->dw = m != NULL ? fs_module_dwarf(m) : NULL;
	fc->lc.reg = ctx_reg;
	fc->lc.mem = ctx_mem;
	fc->lc.arg = fc;
	fc->lc.arch = fs_session_arch(s);
}

/* Whether the program's main is Rust's: with no frame, gdb's language
   is that of main's unit, and in a Rust program the main it finds is
   the crate's (the C main rustc writes has no unit; the program has
   rust_panic).  */
static enum fs_lang
main_language(struct fs_session *s)
{
	struct fs_module *m;
	struct fs_dwarf *dw;
	struct fs_dinfo_cu cu;
	uint64_t a;

	if (fs_modules_find_function(fs_session_modules(s), "main", &a,
	    &m) < 0 || m == NULL)
		return FS_LANG_C;
	if ((dw = fs_module_dwarf(m)) != NULL && fs_dinfo_unit_info(dw,
	    a - (m->mapped ? m->bias : 0), NULL, &cu) == 0)
		return cu.language == DW_LANG_Rust ? FS_LANG_RUST :
		    cu.language == DW_LANG_C_plus_plus ||
		    cu.language == DW_LANG_C_plus_plus_03 ||
		    cu.language == DW_LANG_C_plus_plus_11 ||
		    cu.language == DW_LANG_C_plus_plus_14 ? FS_LANG_CPLUS :
		    FS_LANG_C;
	return fs_module_sym_lookup(m, "rust_panic") != NULL ? FS_LANG_RUST :
	    FS_LANG_C;
}

/* The language of source FILE (NULL: none), by its name as gdb's
   deduce_language_from_filename.  */
static enum fs_lang
file_language(const char *file)
{
	const char *dot = file != NULL ? strrchr(file, '.') : NULL;

	if (dot != NULL && strcmp(dot, ".rs") == 0)
		return FS_LANG_RUST;
	if (dot != NULL && (strcmp(dot, ".cc") == 0 || strcmp(dot, ".cpp") ==
	    0 || strcmp(dot, ".cxx") == 0 || strcmp(dot, ".C") == 0 ||
	    strcmp(dot, ".c++") == 0 || strcmp(dot, ".cp") == 0))
		return FS_LANG_CPLUS;
	return FS_LANG_C;
}

/* The language `set language auto' gives frame F (NULL: none): main's
   without a process.  */
static enum fs_lang
auto_language(struct fs_session *s, const struct fs_frame *f)
{
	if (!fs_session_alive(s))
		return main_language(s);
	return file_language(f != NULL ? f->where.file : NULL);
}

enum fs_lang
fs_vars_language(struct fs_session *s, unsigned frame)
{
	const struct fs_frame *f;
	size_t n;

	if (fs_session_alive(s) && fs_session_frames(s, &f, &n, NULL) == 0 &&
	    frame < n)
		return auto_language(s, &f[frame]);
	return auto_language(s, NULL);
}

/* The scope whose variables are visible first: the innermost, or, when
   the pc is in a call inlined into the frame's function, the block
   holding that call.  */
static const struct fs_scope *
first_scope(const struct fctx *fc)
{
	const struct fs_scope *sc, *start = fc->inner;

	for (sc = fc->inner; sc != NULL && sc != fc->func; sc = sc->parent)
		if (sc->kind == FS_SCOPE_INLINED)
			start = sc->parent;
	return start;
}

static const struct fs_type *
strip(const struct fs_type *t)
{
	int depth = 0;

	while (t != NULL && depth++ < MAX_DEPTH && (t->kind ==
	    FS_TYPE_TYPEDEF || t->kind == FS_TYPE_CONST || t->kind ==
	    FS_TYPE_VOLATILE))
		t = t->target;
	return t;
}

static uint64_t
type_size(const struct fs_type *t)
{
	const struct fs_type *s = strip(t);
	uint64_t n = 1, sz;
	size_t i;

	if (s == NULL)
		return 0;
	if (s->size != 0 || s->kind != FS_TYPE_ARRAY)
		return s->size;
	for (i = 0; i < s->ndims; i++) {
		if (!s->dims[i].has_count)
			return 0;
		n *= s->dims[i].count;
	}
	sz = type_size(s->target);
	return n * sz;
}

/* Owned copies of types made for one frame (VLA bounds).  */
struct owned {
	struct fs_type	**types;
	size_t		  n;
};

static void
owned_free(struct owned *o)
{
	size_t i;

	for (i = 0; i < o->n; i++) {
		free(o->types[i]->dims);
		free((void *)o->types[i]->params);
		free(o->types[i]);
	}
	free(o->types);
	o->types = NULL;
	o->n = 0;
}

/* A bound given by an expression: the value it leaves (a location
   expression of an artificial variable is read).  */
static int
eval_bound(struct fctx *fc, const struct fs_expr *x, uint64_t *out)
{
	struct fs_locval lv;
	uint8_t b[8];
	const struct fs_piece *p;

	if (fs_loc_eval(x, &fc->lc, &lv, NULL) < 0 || lv.npieces != 1)
		return -1;
	p = &lv.pieces[0];
	switch (p->kind) {
	case FS_PIECE_VALUE:
		*out = p->value;
		return 0;
	case FS_PIECE_MEM:
		*out = p->addr;
		return 0;
	case FS_PIECE_REG:
		return ctx_reg(fc, p->reg, out);
	case FS_PIECE_BYTES:
		memset(b, 0, sizeof b);
		memcpy(b, p->bytes, p->size < 8 ? p->size : 8);
		memcpy(out, b, 8);
		return 0;
	default:
		return -1;
	}
}

static int select_expr(const struct fctx *, const struct fs_location *,
    struct fs_expr *);

/* T with the bounds of its VLA dimensions read in this frame.  */
static const struct fs_type *
resolve_vla(struct fctx *fc, const struct fs_type *t, struct owned *o)
{
	const struct fs_type *s = strip(t);
	struct fs_type *c, **v;
	struct fs_expr x;
	uint64_t val;
	size_t i;
	bool need = false;

	if (s == NULL || s->kind != FS_TYPE_ARRAY)
		return t;
	for (i = 0; i < s->ndims; i++)
		if (!s->dims[i].has_count && s->dims[i].count_loc != NULL)
			need = true;
	if (!need || (c = malloc(sizeof *c)) == NULL)
		return t;
	*c = *s;
	if ((c->dims = malloc(s->ndims * sizeof *c->dims)) == NULL) {
		free(c);
		return t;
	}
	memcpy(c->dims, s->dims, s->ndims * sizeof *c->dims);
	for (i = 0; i < c->ndims; i++) {
		if (c->dims[i].has_count || c->dims[i].count_loc == NULL ||
		    select_expr(fc, c->dims[i].count_loc, &x) < 0 ||
		    eval_bound(fc, &x, &val) < 0)
			continue;
		if (c->dims[i].count_is_ubound)
			val = val + 1 - (uint64_t)c->dims[i].lower;
		/* Before the VLA is set up the bound is garbage: kept, so
		   that the size tells, as gdb tells it.  */
		c->dims[i].has_count = true;
		c->dims[i].count = val;
	}
	c->size = 0;
	c->size = type_size(c);
	if ((v = realloc(o->types, (o->n + 1) * sizeof *v)) == NULL) {
		free(c->dims);
		free(c);
		return t;
	}
	o->types = v;
	o->types[o->n++] = c;
	return c;
}

/* A variable read: its bytes and where they are.  */
struct rvar {
	const struct fs_type *type;
	uint8_t		*bytes, *valid;
	size_t		 len;
	bool		 in_memory;
	uint64_t	 addr;
	bool		 optimized_out;	/* no location at this pc */
	char		*error;		/* memory unreadable */
	uint64_t	 size;		/* the type's */
	char		*unavailable;	/* why its location does not
					   evaluate */
	bool		 toobig;	/* over MAX_VALUE_SIZE: not read */
	bool		 unreadable;	/* in memory that cannot be read */
	bool		 in_register;	/* one register holds it all */
	bool		 synthetic;	/* an implicit pointer: to SOFF
					   bytes into the object at DIE
					   SDIE */
	uint64_t	 sdie;
	int64_t		 soff;
	bool		 uninit;	/* DW_OP_GNU_uninit */
};

static void
rvar_free(struct rvar *rv)
{
	free(rv->bytes);
	free(rv->valid);
	free(rv->error);
	free(rv->unavailable);
	memset(rv, 0, sizeof *rv);
}

/* The expression of location L at the frame's pc.  At the entry of the
   function, gdb takes a list entry of no length starting there (gcc
   gives, with location views, the value a variable has before its
   first instruction runs) before the ranges that hold the pc.  */
static int
select_expr(const struct fctx *fc, const struct fs_location *l,
    struct fs_expr *x)
{
	size_t i;

	if (l->kind == FS_LOC_LIST && fc->subprogram != NULL &&
	    fc->faddr == fc->subprogram->entry_pc) {
		for (i = 0; i < l->nranges && l->ranges[i].lo <= fc->faddr;
		    i++) {
			if (l->ranges[i].lo != fc->faddr)
				continue;
			if (l->ranges[i].hi != fc->faddr)
				break;	/* a real range first */
			*x = l->ranges[i].expr;
			return x->len > 0 ? 0 : -FS_E_NOENT;
		}
	}
	return fs_loc_select(l, fc->faddr, x);
}

static int
read_var(struct fctx *fc, const struct fs_var *v, struct owned *o,
    struct rvar *rv)
{
	struct fs_locval lv;
	struct fs_expr x;
	struct fs_err e;
	size_t len;
	int r;

	memset(rv, 0, sizeof *rv);
	rv->type = resolve_vla(fc, v->type, o);
	rv->size = type_size(rv->type);
	if (rv->size > MAX_VALUE_SIZE) {
		/* gdb's max-value-size: a VLA whose bound is not set yet.  */
		if (asprintf(&rv->error, "value requires %llu bytes, which is "
		    "more than max-value-size", (unsigned long long)rv->size)
		    < 0)
			rv->error = NULL;
		rv->toobig = true;
		/* One in memory still has an address (&big, a cast of
		   it), as gdb's lazy values have: read only if asked, and
		   then refused by the evaluator with the same words.  */
		if (v->loc.kind != FS_LOC_CONST && v->loc.kind !=
		    FS_LOC_NONE && select_expr(fc, &v->loc, &x) == 0 &&
		    fs_loc_eval(&x, &fc->lc, &lv, &e) == 0 &&
		    lv.npieces == 1 && lv.pieces[0].kind == FS_PIECE_MEM) {
			rv->in_memory = true;
			rv->addr = lv.pieces[0].addr;
			rv->unreadable = true;
		}
		return 0;
	}
	len = (size_t)rv->size;
	rv->len = len;
	if (v->loc.kind == FS_LOC_CONST) {
		if ((rv->bytes = calloc(1, len + 1)) == NULL)
			return -FS_E_NOMEM;
		memcpy(rv->bytes, v->loc.const_bytes, v->loc.const_len < len ?
		    v->loc.const_len : len);
		return 0;
	}
	if (v->loc.kind == FS_LOC_NONE ||
	    select_expr(fc, &v->loc, &x) < 0) {
		rv->optimized_out = true;
		return 0;
	}
	if ((r = fs_loc_eval(&x, &fc->lc, &lv, &e)) < 0) {
		/* A register the frame does not know: gone, as gdb has it;
		   an expression we cannot evaluate: said why.  */
		if (r == -FS_E_FORMAT && asprintf(&rv->unavailable, "%s",
		    e.msg) < 0)
			rv->unavailable = NULL;
		rv->optimized_out = true;
		return 0;
	}
	if (lv.npieces == 1 && lv.pieces[0].kind == FS_PIECE_MEM &&
	    (lv.pieces[0].size == 0 || lv.pieces[0].size >= len)) {
		rv->in_memory = true;
		rv->addr = lv.pieces[0].addr;
	}
	rv->in_register = lv.npieces == 1 &&
	    lv.pieces[0].kind == FS_PIECE_REG;
	rv->uninit = lv.uninit;
	if (lv.npieces == 1 && lv.pieces[0].kind == FS_PIECE_IMPLICIT) {
		rv->synthetic = true;
		rv->sdie = lv.pieces[0].addr;
		rv->soff = (int64_t)lv.pieces[0].value;
	}
	if ((rv->bytes = calloc(1, len + 1)) == NULL ||
	    (rv->valid = calloc(1, len + 1)) == NULL)
		return -FS_E_NOMEM;
	r = fs_loc_read(&lv, &fc->lc, rv->bytes, len, rv->valid, &e);
	/* In memory that cannot be read (an address made of a frame
	   pointer not set up yet): gdb's error, not optimized out.  */
	if (r == -FS_E_NOENT && !rv->in_memory) {
		size_t i;

		for (i = 0; i < len && !rv->valid[i]; i++)
			;
		if (i == len)
			rv->optimized_out = true;
	} else if (r < 0) {
		if (rv->in_memory) {
			char buf[80];

			snprintf(buf, sizeof buf, "Cannot access memory at "
			    "address 0x%llx", (unsigned long long)rv->addr);
			rv->error = strdup(buf);
			rv->unreadable = true;
		} else
			rv->error = strdup(e.msg);
	} else {
		free(rv->valid);
		rv->valid = NULL;
	}
	return 0;
}

static void
value_env(struct fctx *fc, struct fs_value_env *env)
{
	memset(env, 0, sizeof *env);
	env->mem = ctx_mem;
	env->symbolize = ctx_symbolize;
	env->arg = fc;
	fs_session_print_limits(fc->s, &env->print_elements,
	    &env->repeat_threshold);
}

static char *
format_rvar(struct fctx *fc, const struct rvar *rv, const char *name,
    int flags)
{
	struct fs_value_env env;
	struct fs_value val;
	char *out = NULL;

	if (rv->unavailable != NULL) {
		if (asprintf(&out, "<unavailable: %s>", rv->unavailable) < 0)
			return NULL;
		return out;
	}
	if (rv->optimized_out && !rv->synthetic)
		return strdup("<optimized out>");
	if (rv->toobig || rv->unreadable) {
		if (asprintf(&out, "<error reading variable %s (%s)>", name,
		    rv->error ? rv->error : "too big") < 0)
			return NULL;
		return out;
	}
	memset(&val, 0, sizeof val);
	val.type = rv->type;
	val.bytes = rv->bytes;
	val.valid = rv->valid;
	val.len = rv->len;
	val.has_addr = rv->in_memory;
	val.addr = rv->addr;
	val.error = rv->synthetic ? NULL : rv->error;
	val.synthetic = rv->synthetic;
	value_env(fc, &env);
	if (fs_value_format(&val, &env, flags, &out, NULL) < 0)
		return NULL;
	return out;
}

/* Parameter VAR's value at the function's entry, as gdb finds it: its
   location there is a register, whose value then the caller's call site
   tells.  RV is its value now, to tell whether they are equal.  */
static void
entry_value(struct fctx *fc, const struct fs_var *var, const struct rvar *rv,
    struct fs_varval *x)
{
	struct fs_value_env env;
	struct fs_value val;
	struct fs_expr ex;
	uint8_t buf[8];
	uint64_t v;
	unsigned reg;

	if (fc->subprogram == NULL || rv->len == 0 || rv->len > 8 ||
	    rv->toobig || fs_loc_select(&var->loc, fc->subprogram->entry_pc,
	    &ex) < 0 || ex.len != 1 || ex.ops[0] < 0x50 || ex.ops[0] > 0x6f)
		return;
	reg = ex.ops[0] - 0x50;		/* DW_OP_reg0..31 */
	if (ctx_entry_reg(fc, reg, &v) < 0)
		return;
	memcpy(buf, &v, 8);
	x->entry_equal = !rv->optimized_out && rv->error == NULL &&
	    rv->bytes != NULL && (rv->valid == NULL ||
	    memchr(rv->valid, 0, rv->len) == NULL) &&
	    memcmp(rv->bytes, buf, rv->len) == 0;
	memset(&val, 0, sizeof val);
	val.type = rv->type;
	val.bytes = buf;
	val.len = rv->len;
	value_env(fc, &env);
	if (fs_value_format(&val, &env, 0, &x->entry_value, NULL) < 0)
		x->entry_value = NULL;
}

/* Which memory VAR's location at the pc names: a fixed address
   (DW_OP_addr), the thread's TLS block (an offset given to
   DW_OP_form_tls_address), or else the frame's.  */
static enum fs_var_storage
var_storage(const struct fctx *fc, const struct fs_var *var)
{
	struct fs_expr x;
	uint8_t last;

	if (var->loc.kind == FS_LOC_NONE || var->loc.kind == FS_LOC_CONST ||
	    select_expr(fc, &var->loc, &x) < 0 || x.len == 0)
		return FS_STORAGE_FRAME;
	last = x.ops[x.len - 1];
	if (last == DW_OP_form_tls_address || last ==
	    DW_OP_GNU_push_tls_address)
		return FS_STORAGE_TLS;
	if (x.ops[0] == DW_OP_addr || x.ops[0] == DW_OP_addrx ||
	    x.ops[0] == DW_OP_GNU_addr_index)
		return FS_STORAGE_STATIC;
	return FS_STORAGE_FRAME;
}

static int
add_val(struct fs_varval **v, size_t *n, struct fctx *fc,
    const struct fs_var *var, struct owned *o)
{
	struct fs_varval *nv, *x;
	struct rvar rv;
	int r;

	if ((nv = realloc(*v, (*n + 1) * sizeof *nv)) == NULL)
		return -FS_E_NOMEM;
	*v = nv;
	x = &nv[*n];
	memset(x, 0, sizeof *x);
	x->var = var;
	if ((r = read_var(fc, var, o, &rv)) < 0) {
		rvar_free(&rv);
		return r;
	}
	x->type = rv.type;
	x->value = format_rvar(fc, &rv, var->name ? var->name : "?", 0);
	/* One over max-value-size (a VLA whose bound is not set yet) is
	   no object of the frame's: its size is not one.  */
	x->in_memory = rv.in_memory && !rv.toobig;
	x->place = rv.optimized_out ? FS_PLACE_OPTIMIZED_OUT :
	    rv.in_memory ? FS_PLACE_MEMORY : rv.in_register ?
	    FS_PLACE_REGISTER : FS_PLACE_COMPOSITE;

	x->addr = rv.addr;
	x->storage = var_storage(fc, var);
	x->above_cfa = rv.in_memory && fc->f->cfa != 0 &&
	    rv.addr >= fc->f->cfa;
	if (var->is_param)
		entry_value(fc, var, &rv, x);
	/* The bytes move to the list (none read: none to list).  */
	if (!rv.optimized_out && !rv.toobig && !rv.unreadable) {
		x->bytes = rv.bytes;
		x->valid = rv.valid;
		x->len = rv.len;
		rv.bytes = rv.valid = NULL;
	}
	fs_loc_describe(&var->loc, fc->faddr, &fc->lc, fc->f->fp != 0 &&
	    fc->f->cfa != 0 && fc->f->fp + 16 == fc->f->cfa, x->where,
	    sizeof x->where);
	rvar_free(&rv);
	(*n)++;
	return 0;
}

/* The VLA types made for the values live as long as the list.  */
struct frame_vars_priv {
	struct fs_frame_vars pub;
	struct owned	 owned;
};

/* The variables of FRAME.  */
static int
frame_vars(struct fs_session *s, unsigned frame, struct fs_frame_vars **out,
    struct fs_err *e)
{
	struct frame_vars_priv *p;
	struct fs_frame_vars *fv;
	const struct fs_scope *sc;
	const struct fs_var *v;
	struct fctx fc;
	size_t i, *order = NULL;
	int r;

	*out = NULL;
	if ((r = fctx_init(&fc, s, frame, e)) < 0)
		return r;
	if ((p = calloc(1, sizeof *p)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	fv = &p->pub;
	*out = fv;
	if (fc.func == NULL)
		return 0;
	fv->func = fc.func;
	/* gdb makes no symbol of a DIE without a name: a nameless
	   parameter (a Rust closure's environment at -O2) is not shown.  */
	for (i = 0; i < fc.func->nvars; i++)
		if (fc.func->vars[i].is_param && fc.func->vars[i].name !=
		    NULL && (r = add_val(&fv->args, &fv->nargs, &fc,
		    &fc.func->vars[i], &p->owned)) < 0)
			goto fail;
	for (sc = first_scope(&fc); sc != NULL;
	    sc = sc->parent) {
		if (sc->kind == FS_SCOPE_INLINED && sc != fc.func)
			continue;
		/* gdb's order: a block's as its hash table holds them.  */
		if (sc->nvars > 0 && (order = reallocarray(NULL, sc->nvars,
		    sizeof *order)) == NULL) {
			r = -FS_E_NOMEM;
			goto fail;
		}
		if (sc->nvars > 0)
			fs_dinfo_gdb_order(sc, order);
		for (i = 0; i < sc->nvars; i++) {
			v = &sc->vars[order[i]];
			/* An `extern' declared in the block is gdb's
			   LOC_UNRESOLVED, which info locals leaves out.  */
			if (v->is_param || v->artificial || (v->external &&
			    v->loc.kind == FS_LOC_NONE))
				continue;
			if ((r = add_val(&fv->locals, &fv->nlocals, &fc, v,
			    &p->owned)) < 0) {
				free(order);
				goto fail;
			}
		}
		free(order);
		order = NULL;
		if (sc == fc.func)
			break;
	}
	return 0;
fail:
	fs_vars_free(fv);
	*out = NULL;
	return fs_err_set(e, -r, "out of memory");
}

int
fs_vars_frame(struct fs_session *s, unsigned frame,
    struct fs_frame_vars **out, struct fs_err *e)
{
	return frame_vars(s, frame, out, e);
}

void
fs_vars_free(struct fs_frame_vars *fv)
{
	struct frame_vars_priv *p = (struct frame_vars_priv *)fv;
	size_t i;

	if (fv == NULL)
		return;
	for (i = 0; i < fv->nargs; i++) {
		free(fv->args[i].value);
		free(fv->args[i].entry_value);
		free(fv->args[i].bytes);
		free(fv->args[i].valid);
	}
	for (i = 0; i < fv->nlocals; i++) {
		free(fv->locals[i].value);
		free(fv->locals[i].bytes);
		free(fv->locals[i].valid);
	}
	free(fv->args);
	free(fv->locals);
	owned_free(&p->owned);
	free(p);
}

/* ------------------------------------------------------------ bt args */

static bool
is_scalar(const struct fs_type *t)
{
	const struct fs_type *s = strip(t);

	if (s == NULL)
		return false;
	switch (s->kind) {
	case FS_TYPE_ARRAY:
	case FS_TYPE_STRUCT:
	case FS_TYPE_UNION:
	case FS_TYPE_VARIANT:
		return false;
	default:
		return true;
	}
}

/* One argument as a frame line shows it.  */
static void
arg_append(struct fs_sbuf *b, const char *name, const struct fs_type *type,
    const char *value, const char *entry_value, bool entry_equal)
{
	bool scalar = is_scalar(type);

	fs_sbuf_puts(b, name);
	fs_sbuf_add(b, "=", 1);
	/* gdb's `print entry-values default'.  */
	if (entry_equal) {
		fs_sbuf_puts(b, name);
		fs_sbuf_add(b, "@entry=", 7);
		fs_sbuf_puts(b, scalar ? entry_value : "...");
		return;
	}
	/* Not an aggregate's value, even optimized out (gdb's
	   value_check_printable in summary mode).  */
	fs_sbuf_puts(b, value == NULL ? "<error>" : scalar ? value : "...");
	if (entry_value != NULL) {
		fs_sbuf_add(b, ", ", 2);
		fs_sbuf_puts(b, name);
		fs_sbuf_add(b, "@entry=", 7);
		fs_sbuf_puts(b, scalar ? entry_value : "...");
	}
}

int
fs_vars_args_append(struct fs_session *s, unsigned frame, struct fs_sbuf *b,
    struct fs_err *e)
{
	struct owned o = { NULL, 0 };
	const struct fs_var *var;
	struct fs_varval x;
	struct fctx fc;
	struct rvar rv;
	size_t i, len0 = b->len, k = 0;
	int r;

	/* What frame_vars gives a frame line, without the list: a
	   backtrace asks for every frame's.  */
	if ((r = fctx_init(&fc, s, frame, e)) < 0)
		return r;
	if (fc.func == NULL)
		return 0;
	for (i = 0; i < fc.func->nvars; i++) {
		var = &fc.func->vars[i];
		/* gdb makes no symbol of a DIE without a name.  */
		if (!var->is_param || var->name == NULL)
			continue;
		if ((r = read_var(&fc, var, &o, &rv)) < 0) {
			rvar_free(&rv);
			owned_free(&o);
			b->len = len0;
			if (b->s != NULL)
				b->s[len0] = '\0';
			return fs_err_set(e, -r, "out of memory");
		}
		memset(&x, 0, sizeof x);
		x.var = var;
		x.type = rv.type;
		x.value = format_rvar(&fc, &rv, var->name, 0);
		entry_value(&fc, var, &rv, &x);
		if (k++ > 0)
			fs_sbuf_add(b, ", ", 2);
		arg_append(b, var->name, x.type, x.value, x.entry_value,
		    x.entry_equal);
		free(x.value);
		free(x.entry_value);
		rvar_free(&rv);
	}
	owned_free(&o);
	return 0;
}

int
fs_vars_args_line(struct fs_session *s, unsigned frame, char **out,
    struct fs_err *e)
{
	struct fs_sbuf b = { NULL, 0, 0, false };
	int r;

	*out = NULL;
	fs_sbuf_add(&b, "", 0);
	if ((r = fs_vars_args_append(s, frame, &b, e)) < 0) {
		free(b.s);
		return r;
	}
	if (b.oom) {
		free(b.s);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = b.s;
	return 0;
}

const struct fs_scope *
fs_vars_function(struct fs_session *s, unsigned frame)
{
	struct fctx fc;

	if (fctx_init(&fc, s, frame, NULL) < 0)
		return NULL;
	return fc.func;
}

/* -------------------------------------------------------------- print */

struct plookup {
	struct fctx	*fc;
	struct fs_vars_hist *hist;
	/* The innermost scope whose locals the expression used: a
	   display's block.  */
	const struct fs_scope *block;
	const char	*fatal;		/* an object too big to read: gdb
					   fails the command */
	struct owned	 owned;
	struct rvar	*vals;
	size_t		 nvals;
	uint8_t		 regbuf[64];	/* a register's bytes, copied by
					   fs_eval at once */
	uint8_t		 sibuf[128];	/* $_siginfo's */
	uint8_t		*callbuf;	/* a called function's value, the
					   same */
	bool		 rust;		/* the expression's language */
	char		 err[320];	/* a look-up's error, gdb's words */
};

static int
sym_from_var(struct plookup *pl, struct fctx *fc, const struct fs_var *v,
    struct fs_eval_sym *out)
{
	struct rvar *nv, *rv;

	if ((nv = realloc(pl->vals, (pl->nvals + 1) * sizeof *nv)) == NULL)
		return -FS_E_NOMEM;
	pl->vals = nv;
	rv = &nv[pl->nvals];
	if (read_var(fc, v, &pl->owned, rv) < 0) {
		rvar_free(rv);
		return -FS_E_NOMEM;
	}
	pl->nvals++;
	if (rv->toobig && !rv->in_memory && pl->fatal == NULL)
		pl->fatal = rv->error;
	memset(out, 0, sizeof *out);
	out->type = rv->type;
	if (rv->optimized_out) {
		/* No bytes at all: every one is unavailable.  */
		free(rv->valid);
		if ((rv->valid = calloc(1, rv->len + 1)) == NULL)
			return -FS_E_NOMEM;
		if (rv->bytes == NULL &&
		    (rv->bytes = calloc(1, rv->len + 1)) == NULL)
			return -FS_E_NOMEM;
	}
	out->in_memory = rv->in_memory;
	out->addr = rv->addr;
	out->bytes = rv->bytes;
	out->valid = rv->valid;
	out->len = rv->len;
	/* Read again when needed: & of it is still its address.  */
	out->error = rv->unreadable ? NULL : rv->error;
	out->synthetic = rv->synthetic;
	out->sdie = rv->sdie;
	out->soff = rv->soff;
	out->uninit = rv->uninit;
	return 0;
}

/* Why a call was abandoned, in gdb's words (framescope's name).  */
static int
call_abandoned(const char *name, enum fs_call_end end, bool signaled,
    struct fs_err *e)
{
	const char *why;

	switch (end) {
	case FS_CALL_EXITED:
		why = "The program being debugged exited while in a function "
		    "called from framescope.\n";
		break;
	case FS_CALL_UNWOUND:
		why = "The program being debugged was signaled while in a "
		    "function called from framescope.\nframescope has "
		    "restored the context to what it was before the call.\n"
		    "To change this behavior use \"set unwindonsignal off\".\n";
		break;
	default:
		why = signaled ? "The program being debugged was signaled "
		    "while in a function called from framescope.\n"
		    "framescope remains in the frame where the signal was "
		    "received.\nTo change this behavior use \"set "
		    "unwindonsignal on\".\n" : "The program being debugged "
		    "stopped while in a function called from framescope.\n";
		break;
	}
	return fs_err_set(e, FS_E_STATE, "%sEvaluation of the expression "
	    "containing the function\n(%s) will be abandoned.%s", why, name,
	    end == FS_CALL_STOPPED ? "\nWhen the function is done executing, "
	    "framescope will silently stop." : "");
}

static ssize_t
code_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	return fs_session_read(arg, addr, buf, len, NULL);
}

/* Whether a value of type T can travel in one of i386's argument
   registers: an integer, enum or pointer of 4 bytes at most.  */
static bool
reg_arg_fits(const struct fs_type *t)
{
	const struct fs_type *s = fs_value_strip(t);

	return s != NULL && s->size > 0 && s->size <= 4 &&
	    (s->kind == FS_TYPE_POINTER || s->kind == FS_TYPE_ENUM ||
	    (s->kind == FS_TYPE_BASE && s->encoding != FS_ATE_FLOAT &&
	    s->encoding != FS_ATE_COMPLEX_FLOAT));
}

/*
 * Where the ABI passes every argument on the stack (i386) and a function
 * may take its first ones in registers (gcc's fastcall: ecx, edx; and
 * regparm(N): eax, edx, ecx), which its debugging information does not
 * say, what its code reads before writing tells: the registers of the
 * first *NREG of the NARGS arguments ARGS, their offsets in
 * user_regs_struct into OFF.  What cannot be told for sure (a regparm
 * whose last register argument is not read, an argument that is no
 * 4-byte integer or pointer, a structure returned, a first stack argument
 * read where none is left) is refused with what the code shows.
 */
static int
reg_args(struct fs_session *s, const char *name, uint64_t addr,
    const struct fs_type *rt, const struct fs_eval_sym *args, size_t nargs,
    uint16_t off[3], size_t *nreg, struct fs_err *e)
{
	static const uint16_t fast[] = {
	    offsetof(struct user_regs_struct, rcx),
	    offsetof(struct user_regs_struct, rdx) };
	static const uint16_t parm[] = {
	    offsetof(struct user_regs_struct, rax),
	    offsetof(struct user_regs_struct, rdx),
	    offsetof(struct user_regs_struct, rcx) };
	unsigned m = fs_abi_i386_reg_args(code_read, s, addr), lb;
	const char *conv = m & FS_ABI_EAX ? "regparm" : "fastcall";
	size_t i, k;

	*nreg = 0;
	if ((m & (FS_ABI_EAX | FS_ABI_ECX | FS_ABI_EDX)) == 0)
		return 0;
	if (m & FS_ABI_EAX) {
		lb = m & FS_ABI_ECX ? 3 : m & FS_ABI_EDX ? 2 : 1;
		k = nargs < 3 ? nargs : 3;
		if (lb != k)
			goto refused;
		memcpy(off, parm, sizeof parm);
	} else if (m & FS_ABI_ECX) {
		k = nargs < 2 ? nargs : 2;
		memcpy(off, fast, sizeof fast);
	} else
		goto refused;
	if (fs_abi_ret_in_memory(fs_session_arch(s), rt))
		goto refused;
	for (i = 0; i < k; i++)
		if (!reg_arg_fits(args[i].type))
			goto refused;
	/* Code that reads registers to save them (getcontext) and takes
	   its argument on the stack.  */
	if (k == nargs && (m & FS_ABI_STACK))
		goto refused;
	*nreg = k;
	return 0;
refused:
	return fs_err_set(e, FS_E_USAGE, "Cannot call %s: its code takes "
	    "arguments in registers (%s%s%s%s%s: %s) in a way framescope "
	    "cannot tell for sure.", name, m & FS_ABI_EAX ? "eax" : "",
	    (m & FS_ABI_EAX) && (m & (FS_ABI_ECX | FS_ABI_EDX)) ? ", " : "",
	    m & FS_ABI_ECX ? "ecx" : "", (m & FS_ABI_ECX) &&
	    (m & FS_ABI_EDX) ? ", " : "", m & FS_ABI_EDX ? "edx" : "", conv);
}

/* Call the function at ADDR in the program with ARGS (gdb's inferior
   call): laid out by the System V rules below the red zone of the
   innermost frame, returning to a breakpoint at the program's entry
   point (gdb's dummy frame), the registers put back after.  */
static int
print_call(void *arg, const char *name, uint64_t addr, const struct fs_type *t,
    const struct fs_eval_sym *args, size_t nargs, struct fs_eval_sym *out,
    struct fs_err *e)
{
	struct plookup *pl = arg;
	struct fs_session *s = pl->fc->s;
	const struct fs_arch *a = fs_session_arch(s);
	const struct user_regs_struct *regs;
	const struct fs_type *rt = t->target, *rs = fs_value_strip(rt);
	struct fs_abi_arg aargs[32];
	struct fs_abi_call lay;
	struct fs_module *m;
	struct fs_call c;
	const uint8_t *xs;
	uint8_t *nxs = NULL, *rxs = NULL;
	char fname[64];
	uint64_t sp, ret_buf, entry, bv;
	uint16_t roff[3];
	size_t xlen, i, rlen, nreg = 0;
	int rc;

	if (name == NULL) {
		snprintf(fname, sizeof fname, "at 0x%llx",
		    (unsigned long long)addr);
		name = fname;
	}
	if (!fs_session_alive(s))
		return fs_err_set(e, FS_E_STATE, "You can't do that without a "
		    "process to debug.");
	/* The past cannot run; and a call the log did not record would
	   leave a recording that no longer tells what the program did.  */
	if (fs_session_replaying_file(s) || (fs_session_record(s) != NULL &&
	    fs_record_replaying(fs_session_record(s))))
		return fs_err_set(e, FS_E_STATE, "Cannot call %s while "
		    "replaying a recording.", name);
	if (fs_session_record(s) != NULL)
		return fs_err_set(e, FS_E_STATE, "Cannot call %s while "
		    "recording (record stop ends the recording).", name);
	if ((m = fs_modules_exec(fs_session_modules(s))) == NULL ||
	    m->elf == NULL || (entry = fs_elf_entry(m->elf)) == 0)
		return fs_err_set(e, FS_E_STATE, "Cannot call %s: the program "
		    "has no entry point to return to.", name);
	entry += m->bias;
	if (nargs > sizeof aargs / sizeof aargs[0])
		return fs_err_set(e, FS_E_USAGE, "too many arguments");
	if ((rc = fs_session_regs(s, &regs, e)) < 0 ||
	    (rc = fs_session_xstate(s, &xs, &xlen, e)) < 0)
		return rc;
	rlen = rs != NULL && rs->kind != FS_TYPE_VOID ? (size_t)rs->size : 0;
	if (rlen > MAX_VALUE_SIZE)
		return fs_err_set(e, FS_E_USAGE, "value requires %zu bytes, "
		    "which is more than max-value-size", rlen);
	if (a->narg_regs == 0 && (rc = reg_args(s, name, addr, rt, args,
	    nargs, roff, &nreg, e)) < 0)
		return rc;
	/* Below the red zone, as gdb lays it out (so that the called
	   function's frames are where gdb has them): past an aligned 16,
	   room for gdb's code on the stack, the returned object, the
	   arguments, the return address.  */
	sp = (regs->rsp - a->red_zone) & ~(uint64_t)15;
	if (sp == regs->rsp - a->red_zone)
		sp = (sp - 1) & ~(uint64_t)15;
	sp = (sp - a->call_room) & ~(uint64_t)15;
	if (rlen > 0 && rs != NULL && (rs->kind == FS_TYPE_STRUCT ||
	    rs->kind == FS_TYPE_UNION || rs->kind == FS_TYPE_ARRAY ||
	    rlen > 16 || fs_abi_ret_in_memory(a, rt)))
		sp = (sp - rlen) & ~(uint64_t)15;
	ret_buf = sp;
	for (i = 0; i < nargs; i++) {
		aargs[i].type = args[i].type;
		aargs[i].bytes = args[i].bytes;
		aargs[i].len = args[i].len;
	}
	/* Those the function takes in registers are not on the stack.  */
	if ((rc = fs_abi_layout(a, rt, ret_buf, aargs + nreg, nargs - nreg,
	    &lay, e)) < 0)
		return rc;
	memset(&c, 0, sizeof c);
	c.regs = *regs;
	c.ret_sp = ((sp - (lay.stack_len - a->word)) & ~(uint64_t)15) -
	    a->word;
	memcpy(lay.stack, &entry, a->word);
	if ((rc = fs_session_write(s, c.ret_sp, lay.stack, lay.stack_len,
	    e)) < 0)
		goto out;
	c.regs.rsp = c.ret_sp;
	c.regs.rbp = c.ret_sp;		/* gdb's made-up frame pointer */
	c.ret_sp += a->word;		/* after its ret (a callee that pops
					   its arguments returns above) */
	c.ret_addr = entry;
	c.regs.rip = addr;
	for (i = 0; i < a->narg_regs && i < 6; i++)
		memcpy((char *)&c.regs + a->arg_regs[i], &lay.gp[i], 8);
	c.regs.rax = lay.nsse;		/* a varargs function's %al */
	for (i = 0; i < nreg; i++) {
		const struct fs_type *at = fs_value_strip(args[i].type);
		uint64_t v = 0;

		memcpy(&v, args[i].bytes, args[i].len);
		if (at->kind == FS_TYPE_BASE && args[i].len < 4 &&
		    at->encoding == FS_ATE_SIGNED && (v >> (8 * args[i].len -
		    1) & 1))
			v |= 0xffffffffULL << (8 * args[i].len);
		v &= 0xffffffff;
		memcpy((char *)&c.regs + roff[i], &v, 8);
	}
	c.regs.orig_rax = (unsigned long long)-1;	/* no syscall restart */
	c.regs.eflags &= ~(unsigned long long)0x400;	/* DF clear */
	if ((nxs = malloc(xlen)) == NULL || (rxs = calloc(1, xlen)) == NULL) {
		rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto out;
	}
	memcpy(nxs, xs, xlen);
	for (i = 0; i < lay.nsse; i++)
		memcpy(nxs + 160 + 16 * i, lay.xmm[i], 16);
	if (lay.nsse > 0 && xlen >= 520) {
		memcpy(&bv, nxs + 512, 8);
		bv |= 2;		/* SSE state present */
		memcpy(nxs + 512, &bv, 8);
	}
	c.xs = nxs;
	c.xlen = xlen;
	c.ret_xs = rxs;
	c.unwind_on_signal = fs_session_unwind_on_signal(s);
	if ((rc = fs_session_call(s, &c, e)) < 0)
		goto out;
	if (c.end != FS_CALL_RETURNED) {
		rc = call_abandoned(name, c.end, fs_session_stop(s)->reason ==
		    FS_STOP_SIGNAL, e);
		goto out;
	}
	free(pl->callbuf);
	if ((pl->callbuf = calloc(1, rlen + 1)) == NULL) {
		rc = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto out;
	}
	memset(out, 0, sizeof *out);
	out->type = rt != NULL ? rt : NULL;
	out->bytes = pl->callbuf;
	out->len = rlen;
	if (rlen > 0 && !fs_abi_return(a, rt, c.ret_regs.rax,
	    c.ret_regs.rdx, rxs + 160, rxs + 176, rxs + 32, rxs + 48,
	    pl->callbuf, rlen) &&
	    fs_session_read(s, c.ret_regs.rax, pl->callbuf, rlen, NULL) !=
	    (ssize_t)rlen)
		rc = fs_err_set(e, FS_E_SYS, "Cannot access memory at address "
		    "0x%llx", (unsigned long long)c.ret_regs.rax);
out:
	fs_abi_call_free(&lay);
	free(nxs);
	free(rxs);
	return rc;
}

/* An assignment's stores, into the process (env's WRITE and SETREG). A
   register is the selected frame's only when that is frame 0: an outer
   frame's saved registers are not written.  */
static int
print_write(void *arg, uint64_t addr, const void *buf, size_t len,
    struct fs_err *e)
{
	struct plookup *pl = arg;

	return fs_session_write(pl->fc->s, addr, buf, len, e);
}

static int
print_setreg(void *arg, const char *name, uint64_t val, struct fs_err *e)
{
	struct plookup *pl = arg;

	if (pl->fc->frame != 0)
		return fs_err_set(e, FS_E_USAGE, "framescope writes the "
		    "registers of frame 0 only.");
	return fs_session_set_reg(pl->fc->s, name, val, e);
}

/* LEN bytes copied into the program's memory, which its malloc gives
   (gdb's value_coerce_to_target): a string literal passed to a
   function.  */
static int
print_alloc(void *arg, const uint8_t *bytes, size_t len, uint64_t *addr,
    struct fs_err *e)
{
	/* size_t and void * of the program's word.  */
	unsigned w = fs_session_arch(((struct plookup *)arg)->fc->s)->word;
	const struct fs_type t_ulong = { .kind = FS_TYPE_BASE,
	    .name = "unsigned long", .size = w, .encoding = FS_ATE_UNSIGNED };
	static const struct fs_type t_void = { .kind = FS_TYPE_VOID };
	const struct fs_type t_voidp = { .kind = FS_TYPE_POINTER,
	    .size = w, .target = &t_void };
	const struct fs_type *params[] = { &t_ulong };
	const struct fs_type t_malloc = { .kind = FS_TYPE_FUNC,
	    .target = &t_voidp, .params = params, .nparams = 1 };
	struct plookup *pl = arg;
	struct fs_eval_sym a, out;
	uint64_t fn, n = len;
	int rc;

	if (fs_modules_find_function(fs_session_modules(pl->fc->s), "malloc",
	    &fn, NULL) < 0)
		return fs_err_set(e, FS_E_NOENT, "evaluation of this expression "
		    "requires the program to have a function \"malloc\".");
	memset(&a, 0, sizeof a);
	a.type = &t_ulong;
	a.bytes = (const uint8_t *)&n;
	a.len = w;
	if ((rc = print_call(arg, "malloc", fn, &t_malloc, &a, 1, &out, e)) < 0)
		return rc;
	*addr = 0;
	memcpy(addr, out.bytes, w);
	if (*addr == 0)
		return fs_err_set(e, FS_E_NOMEM, "The program's malloc gave no "
		    "memory.");
	return fs_session_write(pl->fc->s, *addr, bytes, len, e);
}

/* What a synthetic pointer points to: the object its DIE describes,
   read in this frame, OFF bytes in, as type T.  */
static int
print_synthetic(void *arg, uint64_t die, int64_t off, const struct fs_type *t,
    struct fs_eval_sym *out)
{
	struct plookup *pl = arg;
	struct fctx *fc = pl->fc;
	const struct fs_var *v;
	struct fs_eval_sym whole;
	size_t n = (size_t)type_size(t);

	if (fc->dw == NULL || fs_dinfo_implicit_target(fc->dw, fc->faddr, die,
	    &v) < 0 || sym_from_var(pl, fc, v, &whole) < 0 || off < 0 ||
	    (uint64_t)off + n > whole.len)
		return -FS_E_NOENT;
	*out = whole;
	out->type = t;
	out->len = n;
	if (whole.in_memory) {
		out->addr += (uint64_t)off;
		return 0;
	}
	if (out->bytes != NULL)
		out->bytes += off;
	if (out->valid != NULL)
		out->valid += off;
	return 0;
}

/* A function named in an expression: its address, and its type made
   from its DWARF (return type and parameters), as gdb prints it:
   {int (int, int)} 0x401136 <add>.  */
static int
function_sym(struct plookup *pl, const char *name, struct fs_eval_sym *out)
{
	struct fctx *fc = pl->fc;
	struct fs_module *m = NULL;
	const struct fs_scope *sc = NULL;
	struct fs_dwarf *dw;
	struct fs_type *t, **v;
	const struct fs_type **params = NULL;
	uint64_t addr, bias;
	size_t i, np = 0;

	if (fs_modules_find_function(fs_session_modules(fc->s), name, &addr,
	    &m) < 0 || m == NULL)
		return -FS_E_NOENT;
	bias = m->mapped ? m->bias : 0;
	if ((dw = fs_module_dwarf(m)) != NULL &&
	    fs_dinfo_scope_at(dw, addr - bias, &sc, NULL) == 0)
		while (sc->parent != NULL)
			sc = sc->parent;
	if ((t = calloc(1, sizeof *t)) == NULL ||
	    (v = realloc(pl->owned.types, (pl->owned.n + 1) * sizeof *v)) ==
	    NULL) {
		free(t);
		return -FS_E_NOENT;
	}
	pl->owned.types = v;
	v[pl->owned.n++] = t;
	t->kind = FS_TYPE_FUNC;
	if (sc == NULL) {
		/* gdb: {<text variable, no debug info>} */
		t->kind = FS_TYPE_UNKNOWN;
		t->name = "<text variable, no debug info>";
	} else {
		t->target = sc->ret_type;
		if ((params = calloc(sc->nvars + 1, sizeof *params)) != NULL)
			for (i = 0; i < sc->nvars; i++)
				if (sc->vars[i].is_param)
					params[np++] = sc->vars[i].type;
		t->params = params;
		t->nparams = np;
		t->varargs = sc->varargs;
		t->nocall = sc->nocall;
		/* A Rust function's type is written as Rust writes it:
		   {fn (i32) -> i32}.  */
		t->rust = sc->linkage_name != NULL &&
		    fs_dwarf_rust_linkage(sc->linkage_name);
	}
	memset(out, 0, sizeof *out);
	out->type = t;
	out->in_memory = true;
	out->addr = addr;
	out->fname = sc != NULL ? sc->name : NULL;
	return 0;
}

static unsigned
scope_depth(const struct fs_scope *sc)
{
	unsigned n = 0;

	for (; sc != NULL; sc = sc->parent)
		n++;
	return n;
}

static void
note_block(struct plookup *pl, const struct fs_scope *sc)
{
	if (pl->block == NULL || scope_depth(sc) > scope_depth(pl->block))
		pl->block = sc;
}

/* ------------------------------------------------------- value history */

/* One value of the history.  Its bytes are a copy; its type is the
   DWARF model's (which lives as long as the session's modules, kept
   across runs) or one made for it (a pointer, an @ array, a VLA's
   bounds), which the entry owns through EV and OWNED.  */
struct hist_ent {
	struct fs_value	 v;
	struct fs_eval	*ev;
	struct owned	 owned;
	uint8_t		*buf;		/* a return value's bytes */
};

/* A convenience variable: its name, a copy of its value's type node
   (what it points to lives with the session's modules, or is one of
   fs_eval's own static types) and bytes.  */
struct conv_var {
	char		*name;
	struct fs_type	 type;
	uint8_t		*bytes;
	size_t		 len;
};

struct fs_vars_hist {
	struct hist_ent	*v;
	size_t		 n;
	struct conv_var	*conv;
	size_t		 nconv;
};

int
fs_vars_hist_new(struct fs_vars_hist **out)
{
	return (*out = calloc(1, sizeof **out)) == NULL ? -FS_E_NOMEM : 0;
}

void
fs_vars_hist_free(struct fs_vars_hist *h)
{
	size_t i;

	if (h == NULL)
		return;
	for (i = 0; i < h->n; i++) {
		fs_eval_free(h->v[i].ev);
		owned_free(&h->v[i].owned);
		free(h->v[i].buf);
	}
	free(h->v);
	for (i = 0; i < h->nconv; i++) {
		free(h->conv[i].name);
		free(h->conv[i].bytes);
	}
	free(h->conv);
	free(h);
}

size_t
fs_vars_hist_count(const struct fs_vars_hist *h)
{
	return h != NULL ? h->n : 0;
}

static struct hist_ent *
hist_add(struct fs_vars_hist *h)
{
	struct hist_ent *nv;

	if ((nv = realloc(h->v, (h->n + 1) * sizeof *nv)) == NULL)
		return NULL;
	h->v = nv;
	memset(&nv[h->n], 0, sizeof nv[h->n]);
	return &nv[h->n++];
}

static size_t
hist_count(void *arg)
{
	struct plookup *pl = arg;

	return fs_vars_hist_count(pl->hist);
}

static int
hist_get(void *arg, size_t num, struct fs_eval_sym *out)
{
	struct plookup *pl = arg;
	const struct fs_value *v;

	if (pl->hist == NULL || num < 1 || num > pl->hist->n)
		return -FS_E_NOENT;
	v = &pl->hist->v[num - 1].v;
	memset(out, 0, sizeof *out);
	out->type = v->type;
	out->in_memory = v->has_addr;
	out->addr = v->addr;
	out->bytes = v->bytes;
	out->valid = v->valid;
	out->len = v->bytes != NULL ? v->len : 0;
	out->error = v->error;
	return 0;
}

static struct conv_var *
conv_find(struct fs_vars_hist *h, const char *name)
{
	size_t i;

	for (i = 0; h != NULL && i < h->nconv; i++)
		if (strcmp(h->conv[i].name, name) == 0)
			return &h->conv[i];
	return NULL;
}

static const struct fs_type t_conv_int = { .kind = FS_TYPE_BASE,
    .name = "int", .size = 4, .encoding = FS_ATE_SIGNED };

/*
 * gdb's type of $_siginfo on x86-64 Linux (linux_get_siginfo_type): the
 * kernel's siginfo, its union of the fields each kind of signal fills.
 */
#define SI_MEMBER(n, t, o)	{ .name = (n), .type = (t), .offset = (o) }
static const struct fs_type si_uint = { .kind = FS_TYPE_BASE,
    .name = "unsigned int", .size = 4, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type si_short = { .kind = FS_TYPE_BASE,
    .name = "short", .size = 2, .encoding = FS_ATE_SIGNED };
static const struct fs_type si_long = { .kind = FS_TYPE_BASE,
    .name = "long", .size = 8, .encoding = FS_ATE_SIGNED };
static const struct fs_type si_voidp = { .kind = FS_TYPE_POINTER,
    .size = 8 };
static const struct fs_type si_pid = { .kind = FS_TYPE_TYPEDEF,
    .name = "__pid_t", .size = 4, .target = &t_conv_int };
static const struct fs_type si_uid = { .kind = FS_TYPE_TYPEDEF,
    .name = "__uid_t", .size = 4, .target = &si_uint };
static const struct fs_type si_clock = { .kind = FS_TYPE_TYPEDEF,
    .name = "__clock_t", .size = 8, .target = &si_long };
static struct fs_dim si_pad_dim = { .has_count = true, .count = 28 };
static const struct fs_type si_pad = { .kind = FS_TYPE_ARRAY, .size = 112,
    .target = &t_conv_int, .dims = &si_pad_dim, .ndims = 1,
    .vector = true };
static struct fs_member si_sigval_m[] = {
	SI_MEMBER("sival_int", &t_conv_int, 0),
	SI_MEMBER("sival_ptr", &si_voidp, 0),
};
static const struct fs_type si_sigval = { .kind = FS_TYPE_UNION,
    .name = "sigval_t", .size = 8, .members = si_sigval_m, .nmembers = 2 };
static struct fs_member si_kill_m[] = {
	SI_MEMBER("si_pid", &si_pid, 0), SI_MEMBER("si_uid", &si_uid, 4),
};
static struct fs_member si_timer_m[] = {
	SI_MEMBER("si_tid", &t_conv_int, 0),
	SI_MEMBER("si_overrun", &t_conv_int, 4),
	SI_MEMBER("si_sigval", &si_sigval, 8),
};
static struct fs_member si_rt_m[] = {
	SI_MEMBER("si_pid", &si_pid, 0), SI_MEMBER("si_uid", &si_uid, 4),
	SI_MEMBER("si_sigval", &si_sigval, 8),
};
static struct fs_member si_chld_m[] = {
	SI_MEMBER("si_pid", &si_pid, 0), SI_MEMBER("si_uid", &si_uid, 4),
	SI_MEMBER("si_status", &t_conv_int, 8),
	SI_MEMBER("si_utime", &si_clock, 16),
	SI_MEMBER("si_stime", &si_clock, 24),
};
static struct fs_member si_bnd_m[] = {
	SI_MEMBER("_lower", &si_voidp, 0), SI_MEMBER("_upper", &si_voidp, 8),
};
static const struct fs_type si_bnd = { .kind = FS_TYPE_STRUCT, .size = 16,
    .members = si_bnd_m, .nmembers = 2 };
static struct fs_member si_fault_m[] = {
	SI_MEMBER("si_addr", &si_voidp, 0),
	SI_MEMBER("_addr_lsb", &si_short, 8),
	SI_MEMBER("_addr_bnd", &si_bnd, 16),
};
static struct fs_member si_poll_m[] = {
	SI_MEMBER("si_band", &si_long, 0), SI_MEMBER("si_fd", &t_conv_int, 8),
};
static struct fs_member si_sys_m[] = {
	SI_MEMBER("_call_addr", &si_voidp, 0),
	SI_MEMBER("_syscall", &t_conv_int, 8),
	SI_MEMBER("_arch", &si_uint, 12),
};
static const struct fs_type si_kill = { .kind = FS_TYPE_STRUCT, .size = 8,
    .members = si_kill_m, .nmembers = 2 };
static const struct fs_type si_timer = { .kind = FS_TYPE_STRUCT,
    .size = 16, .members = si_timer_m, .nmembers = 3 };
static const struct fs_type si_rt = { .kind = FS_TYPE_STRUCT, .size = 16,
    .members = si_rt_m, .nmembers = 3 };
static const struct fs_type si_chld = { .kind = FS_TYPE_STRUCT, .size = 32,
    .members = si_chld_m, .nmembers = 5 };
static const struct fs_type si_fault = { .kind = FS_TYPE_STRUCT,
    .size = 32, .members = si_fault_m, .nmembers = 3 };
static const struct fs_type si_poll = { .kind = FS_TYPE_STRUCT, .size = 16,
    .members = si_poll_m, .nmembers = 2 };
static const struct fs_type si_sys = { .kind = FS_TYPE_STRUCT, .size = 16,
    .members = si_sys_m, .nmembers = 3 };
static struct fs_member si_fields_m[] = {
	SI_MEMBER("_pad", &si_pad, 0), SI_MEMBER("_kill", &si_kill, 0),
	SI_MEMBER("_timer", &si_timer, 0), SI_MEMBER("_rt", &si_rt, 0),
	SI_MEMBER("_sigchld", &si_chld, 0),
	SI_MEMBER("_sigfault", &si_fault, 0),
	SI_MEMBER("_sigpoll", &si_poll, 0), SI_MEMBER("_sigsys", &si_sys, 0),
};
static const struct fs_type si_fields = { .kind = FS_TYPE_UNION,
    .size = 112, .members = si_fields_m, .nmembers = 8 };
static struct fs_member si_m[] = {
	SI_MEMBER("si_signo", &t_conv_int, 0),
	SI_MEMBER("si_errno", &t_conv_int, 4),
	SI_MEMBER("si_code", &t_conv_int, 8),
	SI_MEMBER("_sifields", &si_fields, 16),
};
static const struct fs_type si_type = { .kind = FS_TYPE_STRUCT,
    .name = "siginfo", .size = 128, .members = si_m, .nmembers = 4 };

static int
conv_get(void *arg, const char *name, struct fs_eval_sym *out)
{
	struct plookup *pl = arg;
	struct conv_var *cv = conv_find(pl->hist, name);
	const pid_t *tids;
	size_t n;
	pid_t cur;
	int32_t num = 0;

	/* gdb's $_siginfo: what the kernel said of the signal the thread
	   stopped for (x86-64 programs).  */
	if (strcmp(name, "_siginfo") == 0 && pl->fc != NULL &&
	    fs_session_alive(pl->fc->s) &&
	    fs_session_arch(pl->fc->s)->word == 8 &&
	    fs_session_siginfo(pl->fc->s, pl->sibuf, NULL) == 0) {
		memset(out, 0, sizeof *out);
		out->type = &si_type;
		out->bytes = pl->sibuf;
		out->len = sizeof pl->sibuf;
		return 0;
	}
	/* gdb's $_thread and $_gthread: the selected thread's number, 0
	   without a process.  */
	if (strcmp(name, "_thread") == 0 || strcmp(name, "_gthread") == 0) {
		if (pl->fc != NULL && fs_session_alive(pl->fc->s) &&
		    fs_session_threads(pl->fc->s, &tids, &n, &cur, NULL) == 0)
			num = fs_session_thread_num(pl->fc->s, cur);
		memset(out, 0, sizeof *out);
		memcpy(pl->regbuf, &num, sizeof num);
		out->type = &t_conv_int;
		out->bytes = pl->regbuf;
		out->len = sizeof num;
		return 0;
	}
	if (cv == NULL)
		return -FS_E_NOENT;
	memset(out, 0, sizeof *out);
	out->type = &cv->type;
	out->bytes = cv->bytes;
	out->len = cv->len;
	return 0;
}

static int
conv_set(void *arg, const char *name, const struct fs_type *t,
    const uint8_t *bytes, size_t len, struct fs_err *e)
{
	struct plookup *pl = arg;

	return fs_vars_conv_set(pl->hist, name, t, bytes, len, e);
}

int
fs_vars_conv_set(struct fs_vars_hist *h, const char *name,
    const struct fs_type *t, const uint8_t *bytes, size_t len,
    struct fs_err *e)
{
	struct conv_var *cv, *nv;
	uint8_t *copy;

	if (h == NULL)
		return fs_err_set(e, FS_E_STATE, "No convenience variables "
		    "here.");
	if ((copy = malloc(len + 1)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	memcpy(copy, bytes, len);
	if ((cv = conv_find(h, name)) == NULL) {
		if ((nv = reallocarray(h->conv, h->nconv + 1, sizeof *nv)) ==
		    NULL || (h->conv = nv, nv[h->nconv].name = strdup(name)) ==
		    NULL) {
			free(copy);
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
		cv = &h->conv[h->nconv++];
		cv->bytes = NULL;
	}
	free(cv->bytes);
	cv->type = *t;
	cv->bytes = copy;
	cv->len = len;
	return 0;
}

static int	print_type_named(void *, int, const char *,
		    const struct fs_type **);
static int	scoped_sym(struct plookup *, const char *,
		    struct fs_eval_sym *);
static int	enumerator_sym(struct plookup *, const char *,
		    struct fs_eval_sym *);
static int	rust_path(struct plookup *, const char *,
		    struct fs_eval_sym *);

static int
print_lookup(void *arg, const char *name, struct fs_eval_sym *out)
{
	struct plookup *pl = arg;
	struct fctx *fc = pl->fc;
	const struct fs_scope *sc;
	const struct fs_var *gv;
	struct fs_modules *mods;
	struct fs_module *m;
	struct fs_dwarf *dw;
	size_t i;

	if (!pl->rust && strstr(name, "::") != NULL)
		return scoped_sym(pl, name, out);
	if (fc->func != NULL) {
		for (sc = first_scope(fc); sc != NULL; sc = sc->parent) {
			if (sc->kind == FS_SCOPE_INLINED && sc != fc->func)
				continue;
			for (i = 0; i < sc->nvars; i++) {
				if (sc->vars[i].name == NULL ||
				    sc->vars[i].label ||
				    strcmp(sc->vars[i].name, name) != 0)
					continue;
				/* An `extern' declared here is the global
				   (gdb's LOC_UNRESOLVED).  */
				if (sc->vars[i].external &&
				    sc->vars[i].loc.kind == FS_LOC_NONE)
					goto globals;
				note_block(pl, sc);
				return sym_from_var(pl, fc, &sc->vars[i], out);
			}
			if (sc == fc->func)
				break;
		}
	}
globals:
	/* Globals: the frame's own module first, then the others.  */
	if (fc->dw != NULL && fs_dinfo_global(fc->dw, name, fc->faddr, &gv,
	    NULL) == 0)
		return sym_from_var(pl, fc, gv, out);
	mods = fs_session_modules(fc->s);
	for (i = 0; i < fs_modules_count(mods); i++) {
		m = fs_modules_get(mods, i);
		if (m == fc->mod || (dw = fs_module_dwarf(m)) == NULL ||
		    fs_dinfo_global(dw, name, 0, &gv, NULL) < 0)
			continue;
		{
			struct fctx g = *fc;

			/* DW_OP_addr of that module needs its own bias.  */
			g.lc.bias = m->mapped ? m->bias : 0;
			g.lc.arg = pl->fc;
			return sym_from_var(pl, &g, gv, out);
		}
	}
	if (function_sym(pl, name, out) == 0 || enumerator_sym(pl, name,
	    out) == 0)
		return 0;
	return rust_path(pl, name, out);
}

/* A look-up's error FMT, gdb's words, for fs_eval to give.  */
static int scope_err(struct plookup *, struct fs_eval_sym *, const char *,
    ...) __attribute__((format(printf, 3, 4)));

static int
scope_err(struct plookup *pl, struct fs_eval_sym *out, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(pl->err, sizeof pl->err, fmt, ap);
	va_end(ap);
	memset(out, 0, sizeof *out);
	out->error = pl->err;
	return -FS_E_NOENT;
}

/* gdb's FUNCTION::NAME, a variable of the function's own block (a
   static, or a local read in the innermost frame running it), and
   'FILE'::NAME, a global or static of that file, with gdb's errors in
   PL->err.  */
static int
scoped_sym(struct plookup *pl, const char *name, struct fs_eval_sym *out)
{
	struct fctx *fc = pl->fc, g;
	struct fs_modules *mods = fs_session_modules(fc->s);
	const char *sep = strstr(name, "::"), *var = sep + 2;
	const struct fs_scope *sc = NULL;
	const struct fs_frame *f;
	const struct fs_var *gv, *v;
	struct fs_module *m = NULL;
	struct fs_dwarf *dw;
	char scope[256];
	uint64_t addr;
	size_t i, n;
	int r;

	if (name[0] == '\'') {
		snprintf(scope, sizeof scope, "%.*s", (int)(sep - name - 2),
		    name + 1);
		for (i = 0, r = -FS_E_NOENT; r < 0 && i < fs_modules_count(mods);
		    i++) {
			m = fs_modules_get(mods, i);
			if ((dw = fs_module_dwarf(m)) != NULL)
				r = fs_dinfo_global_in_file(dw, scope, var, &gv);
		}
		if (r < 0)
			return scope_err(pl, out, "No symbol \"%s\" in current "
			    "context.", scope);
		if (r == 0) {
			g = *fc;
			g.lc.bias = m->mapped ? m->bias : 0;
			return sym_from_var(pl, &g, gv, out);
		}
		/* A function of the file.  */
		if (function_sym(pl, var, out) == 0)
			return 0;
		return scope_err(pl, out, "No symbol \"%s\" in specified "
		    "context.", var);
	}
	snprintf(scope, sizeof scope, "%.*s", (int)(sep - name), name);
	if (fs_modules_find_function(mods, scope, &addr, &m) < 0 ||
	    m == NULL || (dw = fs_module_dwarf(m)) == NULL ||
	    fs_dinfo_scope_at(dw, addr - (m->mapped ? m->bias : 0), &sc,
	    NULL) < 0) {
		/* gdb's parser takes NAME:: as a scope only of a function.  */
		if (print_lookup(pl, scope, out) == 0)
			return scope_err(pl, out, "A syntax error in "
			    "expression, near `%s'.", sep);
		return scope_err(pl, out, "No symbol \"%s\" in current "
		    "context.", scope);
	}
	while (sc->parent != NULL)
		sc = sc->parent;
	for (i = 0, v = NULL; v == NULL && i < sc->nvars; i++)
		if (sc->vars[i].name != NULL && !sc->vars[i].label &&
		    strcmp(sc->vars[i].name, var) == 0)
			v = &sc->vars[i];
	if (v == NULL)
		return scope_err(pl, out, "No symbol \"%s\" in specified "
		    "context.", var);
	g = *fc;
	g.lc.bias = m->mapped ? m->bias : 0;
	if (var_storage(fc, v) != FS_STORAGE_FRAME ||
	    v->loc.kind == FS_LOC_CONST)
		return sym_from_var(pl, &g, v, out);
	/* A local: in the innermost frame running the function.  */
	if (!fs_session_alive(fc->s))
		return scope_err(pl, out, "No frame selected.");
	if (fs_session_frames(fc->s, &f, &n, NULL) == 0)
		for (i = 0; i < n; i++)
			if (!f[i].inlined && f[i].where.func_addr == addr &&
			    fctx_init(&g, fc->s, (unsigned)i, NULL) == 0)
				return sym_from_var(pl, &g, v, out);
	return scope_err(pl, out, "No frame is currently executing in "
	    "block %s.", scope);
}

/* An enumerator of an enum at file level (RED of enum color), in the
   frame's module, then the executable's.  */
static int
enumerator_sym(struct plookup *pl, const char *name, struct fs_eval_sym *out)
{
	struct fctx *fc = pl->fc;
	struct fs_module *m = fs_modules_exec(fs_session_modules(fc->s));
	struct fs_dwarf *dw = m != NULL ? fs_module_dwarf(m) : NULL;
	const struct fs_type *t;
	int64_t value;

	if (strchr(name, ':') != NULL || ((fc->dw == NULL ||
	    fs_dinfo_enumerator(fc->dw, name, fc->faddr, &t, &value) < 0) &&
	    (dw == NULL || dw == fc->dw || fs_dinfo_enumerator(dw, name, 0,
	    &t, &value) < 0)) || t->size == 0 || t->size > sizeof pl->regbuf)
		return -FS_E_NOENT;
	memset(out, 0, sizeof *out);
	memcpy(pl->regbuf, &value, t->size < sizeof value ? (size_t)t->size :
	    sizeof value);
	out->type = t;
	out->bytes = pl->regbuf;
	out->len = (size_t)t->size;
	return 0;
}

/* Rust paths gdb's Rust lookup knows beside functions and statics:
   self::NAME in the selected frame's module, a C-like enum's variant
   by its path (values::Color::Green), and an enum's unit variant
   (values::Shape::Dot).  */
static int
rust_path(struct plookup *pl, const char *name, struct fs_eval_sym *out)
{
	const struct fs_type *t, *st;
	const char *last, *fn, *p;
	char buf[512];
	size_t i, ml;

	if (strncmp(name, "self::", 6) == 0 && pl->fc->func != NULL &&
	    (fn = pl->fc->func->name) != NULL) {
		if ((ml = fs_rust_module_len(fn)) == 0 || (size_t)snprintf(buf,
		    sizeof buf, "%.*s::%s", (int)ml, fn, name + 6) >=
		    sizeof buf)
			return -FS_E_NOENT;
		return print_lookup(pl, buf, out);
	}
	if ((last = strrchr(name, ':')) == NULL || last - name < 2 ||
	    last[-1] != ':' || (size_t)(last - 1 - name) >= sizeof buf)
		return -FS_E_NOENT;
	memcpy(buf, name, (size_t)(last - 1 - name));
	buf[last - 1 - name] = '\0';
	last++;
	/* An enum with data by its path: its unit variant.  */
	if (print_type_named(pl, 't', buf, &t) == 0 && t != NULL &&
	    fs_rust_unit_variant(t, last, pl->regbuf, sizeof pl->regbuf)) {
		memset(out, 0, sizeof *out);
		out->type = t;
		out->bytes = pl->regbuf;
		out->len = (size_t)fs_value_strip(t)->size;
		return 0;
	}
	/* The enum by its path, or by its own name with that path.  */
	p = strrchr(buf, ':');
	if ((print_type_named(pl, 'e', buf, &t) < 0 || t == NULL) &&
	    (p == NULL || print_type_named(pl, 'e', p + 1, &t) < 0 ||
	    t == NULL || fs_value_strip(t) == NULL ||
	    fs_value_strip(t)->qname == NULL ||
	    strcmp(fs_value_strip(t)->qname, buf) != 0))
		return -FS_E_NOENT;
	if ((st = fs_value_strip(t)) == NULL || st->kind != FS_TYPE_ENUM ||
	    st->size == 0 || st->size > sizeof pl->regbuf)
		return -FS_E_NOENT;
	for (i = 0; i < st->nenumerators; i++)
		if (st->enumerators[i].name != NULL &&
		    strcmp(st->enumerators[i].name, last) == 0) {
			memset(out, 0, sizeof *out);
			memcpy(pl->regbuf, &st->enumerators[i].value,
			    (size_t)st->size);
			out->type = t;
			out->bytes = pl->regbuf;
			out->len = (size_t)st->size;
			return 0;
		}
	return -FS_E_NOENT;
}

uint64_t
fs_vars_frame_base(struct fs_session *s, const struct fs_frame *f,
    uint64_t rsp)
{
	const struct fs_arch *a = fs_session_arch(s);
	/* mov %rsp,%rbp in either encoding, with REX.W on x86-64.  */
	const char *mov1 = a->word == 8 ? "\x48\x89\xe5" : "\x89\xe5";
	const char *mov2 = a->word == 8 ? "\x48\x8b\xec" : "\x8b\xec";
	size_t ml = a->word == 8 ? 3 : 2;
	uint8_t b[8];
	uint64_t start = f->where.func_addr, pc = start;

	if (f->where.func == NULL || start == 0 ||
	    fs_session_read(s, start, b, sizeof b, NULL) != sizeof b)
		return rsp - a->word;
	/* i386's main realigns the stack first: `lea 4(%esp),%ecx; and
	   $-16,%esp; pushl -4(%ecx)'.  */
	if (a->word == 4 && memcmp(b, "\x8d\x4c\x24\x04\x83\xe4", 6) == 0) {
		pc += 10;
		if (fs_session_read(s, pc, b, sizeof b, NULL) != sizeof b)
			return rsp - a->word;
	}
	/* endbr64, endbr32 */
	if (memcmp(b, "\xf3\x0f\x1e", 3) == 0 && (b[3] == 0xfa ||
	    b[3] == 0xfb)) {
		pc += 4;
		memmove(b, b + 4, 4);
		if (fs_session_read(s, pc + 4, b + 4, 4, NULL) != 4)
			return rsp - a->word;
	}
	/* At the push itself nothing of the prologue has run.  */
	if (b[0] != 0x55 || f->pc <= pc)
		return rsp - a->word;
	if (f->pc <= pc + 1)
		return rsp;
	if (memcmp(b + 1, mov1, ml) == 0 || memcmp(b + 1, mov2, ml) == 0)
		return f->fp;
	return rsp;
}

static int
print_reg(void *arg, const char *name, uint64_t *val)
{
	struct plookup *pl = arg;
	struct fctx *fc = pl->fc;
	const struct fs_arch *a = fs_session_arch(fc->s);
	const char *n;
	size_t i;
	unsigned dw = 99;

	if (strcmp(name, "pc") == 0 || strcmp(name, a->pc) == 0) {
		*val = fc->f->pc;
		return 0;
	}
	if (strcmp(name, "sp") == 0 || strcmp(name, a->sp) == 0) {
		*val = fc->frame > 0 ? fc->f->sp : fc->regs0->rsp;
		return 0;
	}
	/* gdb's frame base, what info frame's "Arglist at" shows: none
	   (0) for an inlined call's frame or a tail call's.  */
	if (strcmp(name, "fp") == 0) {
		*val = fc->f->inlined || fc->f->tailcall ? 0 :
		    fs_vars_frame_base(fc->s, fc->f, fc->frame > 0 ?
		    fc->f->sp : fc->regs0->rsp);
		return 0;
	}
	/* The general registers by the architecture's names; the xmm
	   registers by fs_loc's x86-64 numbers.  */
	for (i = 0; i < 33; i++) {
		n = i < a->ndwarf ? a->dwarf_names[i] :
		    a->word == 8 ? fs_loc_regname((unsigned)i) : NULL;
		if (n != NULL && strcmp(n, name) == 0)
			dw = (unsigned)i;
	}
	if (dw != 99)
		return ctx_reg(fc, dw, val);
	/* Others (eflags, fs_base, ...) as frame 0 has them.  */
	return fs_arch_regval(a, fc->regs0, name, strlen(name), val) < 0 ?
	    -FS_E_NOENT : 0;
}

/* $NAME as gdb has it: its register's type and bytes in this frame
   ($xmm0 a union vec128, $eflags its flags, $st0 an i387 float).  $fp
   and the registers only an address has ($pc, $sp) are print_reg's.  */
static int
frame_register(struct plookup *pl, const char *name, const struct fs_reg **rp,
    uint8_t *buf)
{
	const struct fs_arch *a = fs_session_arch(pl->fc->s);
	const struct fs_reg *r;
	struct fs_regfile rf;
	uint64_t v;

	/* fs_regs' table is x86-64's, where esp is rsp's low half, an
	   int: in an i386 process its sp, fp and pc are pointers, typed by
	   fs_eval from print_reg's value, and a register it has not (rsp,
	   r8) is none, nor a vector register past its eight (xmm9); the
	   MMX registers are i386's alone.  */
	if (a != &fs_arch_x86_64 && (strcmp(name, a->sp) == 0 ||
	    strcmp(name, a->fp) == 0 || strcmp(name, a->pc) == 0 ||
	    (fs_arch_regval(&fs_arch_x86_64, pl->fc->regs0, name,
	    strlen(name), &v) == 0 && fs_arch_regval(a, pl->fc->regs0, name,
	    strlen(name), &v) < 0)))
		return -FS_E_NOENT;
	if ((r = fs_regs_find(name)) == NULL ||
	    (fs_regs_extended_of(r, UINT_MAX, true) &&
	    !fs_regs_extended_of(r, a->nvec, a->mmx)))
		return -FS_E_NOENT;
	fctx_regfile(pl->fc, &rf);
	if (strcmp(name, "fp") == 0 || strcmp(name, "sp") == 0 ||
	    strcmp(name, "pc") == 0) {
		if (print_reg(pl, name, &v) < 0)
			return -FS_E_NOENT;
		memset(buf, 0, r->size);
		memcpy(buf, &v, 8);
	} else
		fs_regs_read(&rf, r, buf);
	*rp = r;
	return 0;
}

static int
print_regval(void *arg, const char *name, struct fs_eval_sym *out)
{
	struct plookup *pl = arg;
	const struct fs_reg *r;

	if (frame_register(pl, name, &r, pl->regbuf) < 0)
		return -FS_E_NOENT;
	memset(out, 0, sizeof *out);
	out->type = r->type;
	out->bytes = pl->regbuf;
	out->len = r->size;
	return 0;
}

int
fs_vars_register(struct fs_session *s, unsigned frame, const char *name,
    const struct fs_reg **reg, uint8_t buf[64], struct fs_err *e)
{
	struct plookup pl;
	struct fctx fc;
	int r;

	if ((r = fctx_init(&fc, s, frame, e)) < 0)
		return r;
	memset(&pl, 0, sizeof pl);
	pl.fc = &fc;
	if (frame_register(&pl, name, reg, buf) < 0)
		return fs_err_set(e, FS_E_NOENT, "Invalid register `%s'",
		    name);
	return 0;
}

static int
print_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	struct plookup *pl = arg;

	return ctx_mem(pl->fc, addr, buf, len);
}

/* whatis and ptype need no memory, as gdb's do not: `whatis *p` with p
   null is a struct, not an error; what cannot be read is zero.  Types do
   not depend on values but a Rust enum's field's, whose active variant
   gdb reads (`whatis some.0').  */
static int
type_only_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	if (print_mem(arg, addr, buf, len) != 0)
		memset(buf, 0, len);
	return 0;
}

/* A scalar in print's /FMT.  Returns 0, or -1 to print it as usual.  */
static int
format_letter(const struct fs_value *v, int fmt, char **out)
{
	const struct fs_type *t = strip(v->type);
	uint64_t x, mask;
	char bits[65];
	int i, n;

	if (t == NULL || !fs_value_is_scalar(t) || v->bytes == NULL ||
	    v->len == 0 || v->len > 8 || (v->valid != NULL &&
	    memchr(v->valid, 0, v->len) != NULL))
		return -1;
	x = fs_value_load(v->bytes, v->len, fs_value_is_signed(t));
	mask = v->len == 8 ? ~0ULL : (1ULL << (8 * v->len)) - 1;
	switch (fmt) {
	case 'x':
		return asprintf(out, "0x%llx", (unsigned long long)(x & mask))
		    < 0 ? -1 : 0;
	case 'z':
		return asprintf(out, "0x%0*llx", (int)v->len * 2,
		    (unsigned long long)(x & mask)) < 0 ? -1 : 0;
	case 'o':
		return asprintf(out, (x & mask) ? "0%llo" : "0",
		    (unsigned long long)(x & mask)) < 0 ? -1 : 0;
	case 'd':
		if (v->len < 8 && (x & (1ULL << (8 * v->len - 1))))
			x |= ~mask;
		return asprintf(out, "%lld", (long long)x) < 0 ? -1 : 0;
	case 'u':
		return asprintf(out, "%llu", (unsigned long long)(x & mask))
		    < 0 ? -1 : 0;
	case 't':
		x &= mask;
		for (n = 0, i = 63; i >= 0; i--)
			if (n > 0 || (x >> i) & 1 || i == 0)
				bits[n++] = (char)('0' + ((x >> i) & 1));
		bits[n] = '\0';
		return (*out = strdup(bits)) == NULL ? -1 : 0;
	case 'c': {
		/* gdb: the value as a char, 65 'A'.  */
		static const struct fs_type t_char = { .kind = FS_TYPE_BASE,
		    .name = "char", .size = 1,
		    .encoding = FS_ATE_SIGNED_CHAR };
		static const struct fs_type t_uchar = { .kind = FS_TYPE_BASE,
		    .name = "unsigned char", .size = 1,
		    .encoding = FS_ATE_UNSIGNED_CHAR };
		struct fs_value cv;
		uint8_t byte = (uint8_t)x;

		memset(&cv, 0, sizeof cv);
		/* Of the value's signedness (a pointer's low byte is
		   unsigned).  */
		cv.type = fs_value_is_signed(t) ? &t_char : &t_uchar;
		cv.bytes = &byte;
		cv.len = 1;
		return fs_value_format(&cv, NULL, 0, out, NULL) < 0 ? -1 : 0;
	}
	default:
		return -1;
	}
}

/* A function printed with a letter, as gdb prints it: the value of a
   function is its code and one byte long, so `p/x main' is its first
   byte (0x55), read through ENV; /a or /c cannot make an integer of it
   (-FS_E_USAGE).  Returns 0 with *OUT set, 1 when V is no function.  */
static int
function_letter(const struct fs_eval_env *env, const struct fs_value *v,
    int fmt, char **out, struct fs_err *e)
{
	static const struct fs_type t_byte = { .kind = FS_TYPE_BASE,
	    .name = "unsigned char", .size = 1,
	    .encoding = FS_ATE_UNSIGNED_CHAR };
	const struct fs_type *t = strip(v->type);
	struct fs_value bv;
	uint8_t byte;

	if (t == NULL || t->kind != FS_TYPE_FUNC || !v->has_addr)
		return 1;
	if (fmt == 'a' || fmt == 'c')
		return fs_err_set(e, FS_E_USAGE, "Value can't be converted to "
		    "integer.");
	if (env->mem == NULL || env->mem(env->arg, v->addr, &byte, 1) != 0)
		return 1;
	memset(&bv, 0, sizeof bv);
	bv.type = &t_byte;
	bv.bytes = &byte;
	bv.len = 1;
	if (fmt == 'f' ? asprintf(out, "%u", byte) < 0 :
	    format_letter(&bv, fmt, out) < 0)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	return 0;
}

/* What vars_eval makes of the value: print's text, its type's, or
   whether it is true ("1" or "0").  */
enum { EVAL_PRINT, EVAL_WHATIS, EVAL_PTYPE, EVAL_TRUTH, EVAL_ADDRESS,
    EVAL_SCALAR };

static int	vars_eval(struct fs_session *, unsigned, const char *, int,
		    int, struct fs_vars_hist *, unsigned *,
		    const struct fs_scope **, char **, struct fs_err *);

int
fs_vars_print(struct fs_session *s, unsigned frame, const char *expr,
    int fmt, char **out, struct fs_err *e)
{
	return vars_eval(s, frame, expr, EVAL_PRINT, fmt, NULL, NULL, NULL,
	    out, e);
}

int
fs_vars_print_hist(struct fs_session *s, unsigned frame, const char *expr,
    int fmt, struct fs_vars_hist *h, unsigned *num,
    const struct fs_scope **block, char **out, struct fs_err *e)
{
	return vars_eval(s, frame, expr, EVAL_PRINT, fmt, h, num, block, out,
	    e);
}

int
fs_vars_type_hist(struct fs_session *s, unsigned frame, const char *expr,
    bool expand, struct fs_vars_hist *h, char **out, struct fs_err *e)
{
	return vars_eval(s, frame, expr, expand ? EVAL_PTYPE : EVAL_WHATIS, 0,
	    h, NULL, NULL, out, e);
}

int
fs_vars_ptype_offsets(struct fs_session *s, unsigned frame, const char *expr,
    bool hex, struct fs_vars_hist *h, char **out, struct fs_err *e)
{
	return vars_eval(s, frame, expr, EVAL_PTYPE, hex ? 'x' : 'o', h, NULL,
	    NULL, out, e);
}

bool
fs_vars_in_block(struct fs_session *s, unsigned frame,
    const struct fs_scope *block)
{
	const struct fs_scope *sc;
	struct fctx fc;

	if (block == NULL)
		return true;
	if (!fs_session_alive(s) || fctx_init(&fc, s, frame, NULL) < 0 ||
	    fc.func == NULL)
		return false;
	for (sc = first_scope(&fc); sc != NULL; sc = sc->parent)
		if (sc == block)
			return true;
	return false;
}

int
fs_vars_type(struct fs_session *s, unsigned frame, const char *expr,
    bool expand, char **out, struct fs_err *e)
{
	return vars_eval(s, frame, expr, expand ? EVAL_PTYPE : EVAL_WHATIS, 0,
	    NULL, NULL, NULL, out, e);
}

int
fs_vars_address(struct fs_session *s, unsigned frame, const char *expr,
    uint64_t *out, struct fs_err *e)
{
	return fs_vars_address_hist(s, frame, expr, NULL, out, e);
}

int
fs_vars_address_hist(struct fs_session *s, unsigned frame, const char *expr,
    struct fs_vars_hist *h, uint64_t *out, struct fs_err *e)
{
	char *text, *end;
	int r;

	if ((r = vars_eval(s, frame, expr, EVAL_ADDRESS, 0, h, NULL,
	    NULL, &text, e)) < 0)
		return r;
	*out = strtoull(text, &end, 16);
	free(text);
	return 0;
}

/* gdb's value_as_address: a pointer's or an integer's value, the
   address of an array or a function.  */
static int
as_address(const struct fs_value *v, uint64_t *out, struct fs_err *e)
{
	const struct fs_type *t = strip(v->type);

	if (v->error != NULL)
		return fs_err_set(e, FS_E_NOENT, "%s", v->error);
	if (t != NULL && (t->kind == FS_TYPE_ARRAY || t->kind ==
	    FS_TYPE_FUNC) && v->has_addr) {
		*out = v->addr;
		return 0;
	}
	if (t == NULL || v->bytes == NULL || !fs_value_is_scalar(t))
		return fs_err_set(e, FS_E_USAGE, "Attempt to take contents of "
		    "a non-pointer value.");
	*out = fs_value_load(v->bytes, v->len < 8 ? v->len : 8,
	    fs_value_is_signed(t));
	return 0;
}

int
fs_vars_truth(struct fs_session *s, unsigned frame, const char *expr,
    bool *out, struct fs_err *e)
{
	char *text;
	int r;

	if ((r = vars_eval(s, frame, expr, EVAL_TRUTH, 0, NULL, NULL, NULL,
	    &text, e)) < 0)
		return r;
	*out = strcmp(text, "1") == 0;
	free(text);
	return 0;
}

/* C's truth of V: a scalar not zero.  */
static int
truth(const struct fs_value *v, bool *out, struct fs_err *e)
{
	const struct fs_type *t = strip(v->type);
	size_t i;

	if (v->error != NULL)
		return fs_err_set(e, FS_E_NOENT, "%s", v->error);
	if (t == NULL || v->bytes == NULL || (!fs_value_is_scalar(t) &&
	    !(t->kind == FS_TYPE_BASE && t->encoding == FS_ATE_FLOAT)))
		return fs_err_set(e, FS_E_USAGE, "Attempt to take contents of "
		    "a non-pointer value.");
	if (t->kind == FS_TYPE_BASE && t->encoding == FS_ATE_FLOAT) {
		double d = 0;

		if (v->len == sizeof(float)) {
			float f;

			memcpy(&f, v->bytes, sizeof f);
			d = f;
		} else if (v->len >= sizeof d)
			memcpy(&d, v->bytes, sizeof d);
		*out = d != 0;
		return 0;
	}
	*out = false;
	for (i = 0; i < v->len; i++)
		if (v->bytes[i] != 0)
			*out = true;
	return 0;
}

/* V as printf takes it (fs_vars_scalar), into *OUT, malloc'd: the
   evaluation's text is a copy of the struct.  */
static int
scalar_of(const struct fs_value *v, char **out, struct fs_err *e)
{
	const struct fs_type *t = strip(v->type);
	struct fs_vars_scalar sc;
	size_t i;

	memset(&sc, 0, sizeof sc);

	if (v->error != NULL)
		return fs_err_set(e, FS_E_NOENT, "%s", v->error);
	for (i = 0; v->valid != NULL && i < v->len; i++)
		if (v->valid[i] != 0xff)
			return fs_err_set(e, FS_E_NOENT, "value has been "
			    "optimized out");
	sc.len = v->len;
	if (v->bytes != NULL)
		memcpy(sc.bytes, v->bytes, v->len < sizeof sc.bytes ? v->len :
		    sizeof sc.bytes);
	sc.kind = 'o';
	if (t != NULL && t->kind == FS_TYPE_BASE && (t->encoding ==
	    FS_ATE_FLOAT) && v->bytes != NULL) {
		sc.kind = 'f';
		sc.fval = fs_value_float_get(t, v->bytes, v->len);
	} else if (t != NULL && (t->kind == FS_TYPE_ARRAY || t->kind ==
	    FS_TYPE_FUNC) && v->has_addr) {
		sc.kind = 'a';
		sc.ival = v->addr;
	} else if (t != NULL && t->kind == FS_TYPE_ARRAY && v->bytes != NULL) {
		if ((sc.str = calloc(1, v->len + 1)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		memcpy(sc.str, v->bytes, v->len);
	} else if (t != NULL && v->bytes != NULL && fs_value_is_scalar(t)) {
		sc.kind = 'i';
		sc.is_unsigned = !fs_value_is_signed(t);
		sc.is_pointer = t->kind == FS_TYPE_POINTER;
		sc.ival = fs_value_load(v->bytes, v->len < 8 ? v->len : 8,
		    !sc.is_unsigned);
	}
	if ((*out = malloc(sizeof sc)) == NULL) {
		free(sc.str);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	memcpy(*out, &sc, sizeof sc);
	return 0;
}

int
fs_vars_scalar(struct fs_session *s, unsigned frame, const char *expr,
    struct fs_vars_hist *h, struct fs_vars_scalar *out, struct fs_err *e)
{
	char *text;
	int r;

	if ((r = vars_eval(s, frame, expr, EVAL_SCALAR, 0, h, NULL, NULL,
	    &text, e)) < 0)
		return r;
	memcpy(out, text, sizeof *out);
	free(text);
	return 0;
}

/* print's type names (ptype struct point, casts): the frame's module's
   first, then the executable's.  */
static int
print_type_named(void *arg, int kind, const char *name,
    const struct fs_type **out)
{
	struct plookup *pl = arg;
	struct fctx *fc = pl->fc;
	struct fs_modules *mods = fs_session_modules(fc->s);
	struct fs_module *m;
	struct fs_dwarf *dw;
	const char *fn;
	char buf[512];
	size_t i, ml;

	/* A Rust type's name alone is looked for in the selected function's
	   module first, as gdb's Rust look-up does.  */
	if (kind == 't' && strstr(name, "::") == NULL && fc->func != NULL &&
	    (fn = fc->func->name) != NULL &&
	    (ml = fs_rust_module_len(fn)) > 0 && (size_t)snprintf(buf,
	    sizeof buf, "%.*s::%s", (int)ml, fn, name) < sizeof buf &&
	    print_type_named(arg, kind, buf, out) == 0)
		return 0;
	if (fc->dw != NULL && fs_dinfo_type_named(fc->dw, kind, name,
	    fc->faddr, out) == 0)
		return 0;
	if ((m = fs_modules_exec(mods)) != NULL && m != fc->mod &&
	    (dw = fs_module_dwarf(m)) != NULL && dw != fc->dw &&
	    fs_dinfo_type_named(dw, kind, name, 0, out) == 0)
		return 0;
	/* The libraries' (FILE from the C library's DWARF, when it has
	   some), as gdb looks in every objfile.  */
	for (i = 0; fs_session_alive(fc->s) && i < fs_modules_count(mods);
	    i++) {
		m = fs_modules_get(mods, i);
		if (m->mapped && !m->is_exec && m != fc->mod &&
		    (dw = fs_module_dwarf(m)) != NULL &&
		    fs_dinfo_type_named(dw, kind, name, 0, out) == 0)
			return 0;
	}
	return -FS_E_NOENT;
}

static int
vars_eval(struct fs_session *s, unsigned frame, const char *expr, int mode,
    int fmt, struct fs_vars_hist *hist, unsigned *num,
    const struct fs_scope **block, char **out, struct fs_err *e)
{
	struct fs_eval_env env;
	struct fs_value_env venv;
	struct fs_eval *ev = NULL;
	struct plookup pl;
	struct fctx fc;
	enum fs_lang lang;
	size_t i;
	int r, fl;

	*out = NULL;
	if (!fs_session_alive(s))
		fctx_static(&fc, s);
	else if ((r = fctx_init(&fc, s, frame, e)) < 0)
		return r;
	memset(&pl, 0, sizeof pl);
	pl.fc = &fc;
	pl.hist = hist;
	memset(&env, 0, sizeof env);
	env.lookup = print_lookup;
	env.hist_count = hist_count;
	env.hist_get = hist_get;
	env.conv_get = conv_get;
	env.conv_set = conv_set;
	env.reg = fs_session_alive(s) ? print_reg : NULL;
	env.regval = fs_session_alive(s) ? print_regval : NULL;
	env.synthetic = print_synthetic;
	env.call = fs_session_alive(s) ? print_call : NULL;
	env.alloc = fs_session_alive(s) ? print_alloc : NULL;
	env.type_named = print_type_named;
	env.write = fs_session_alive(s) ? print_write : NULL;
	env.setreg = fs_session_alive(s) ? print_setreg : NULL;
	env.types_only = mode == EVAL_WHATIS || mode == EVAL_PTYPE;
	if ((lang = fs_session_lang(s)) == FS_LANG_AUTO)
		lang = auto_language(s, fc.f);
	env.rust = lang == FS_LANG_RUST;
	env.cplus = lang == FS_LANG_CPLUS;
	pl.rust = env.rust;
	env.mem = env.types_only ? type_only_mem : print_mem;
	env.arg = &pl;
	r = fs_eval_word(expr, &env, fs_session_arch(s)->word, &ev, e);
	if (pl.fatal != NULL)
		r = fs_err_set(e, FS_E_USAGE, "%s", pl.fatal);
	if (r == 0 && mode == EVAL_WHATIS) {
		const struct fs_type *t = fs_eval_value(ev)->type;
		char buf[1024];

		/* whatis of a typedef's name: what it names, one level.  */
		if (fs_eval_is_type(ev) && t != NULL &&
		    t->kind == FS_TYPE_TYPEDEF)
			t = t->target;
		fs_value_type_name(t, NULL, 0, buf, sizeof buf);
		if ((*out = strdup(buf)) == NULL)
			r = fs_err_set(e, FS_E_NOMEM, "out of memory");
	} else if (r == 0 && mode == EVAL_PTYPE && (fmt == 'o' || fmt == 'x'))
		r = fs_value_ptype_offsets(fs_eval_value(ev)->type, fmt == 'x',
		    out, e);
	else if (r == 0 && mode == EVAL_PTYPE)
		r = fs_value_ptype(fs_eval_value(ev)->type, out, e);
	else if (r == 0 && mode == EVAL_ADDRESS) {
		uint64_t a = 0;

		if ((r = as_address(fs_eval_value(ev), &a, e)) == 0 &&
		    asprintf(out, "%llx", (unsigned long long)a) < 0)
			r = fs_err_set(e, FS_E_NOMEM, "out of memory");
	} else if (r == 0 && mode == EVAL_SCALAR)
		r = scalar_of(fs_eval_value(ev), out, e);
	else if (r == 0 && mode == EVAL_TRUTH) {
		bool yes = false;

		if ((r = truth(fs_eval_value(ev), &yes, e)) == 0 &&
		    (*out = strdup(yes ? "1" : "0")) == NULL)
			r = fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	else if (r == 0 && fmt != 0 && strchr("xzodutfac", fmt) != NULL &&
	    (fl = function_letter(&env, fs_eval_value(ev), fmt, out, e)) <= 0)
		r = fl;
	else if (r == 0 && (fmt == 0 || format_letter(fs_eval_value(ev), fmt,
	    out) < 0)) {
		value_env(&fc, &venv);
		venv.fmt = fmt;
		if (fs_value_format(fs_eval_value(ev), &venv, FS_VALUE_TOP,
		    out, e) < 0)
			r = -FS_E_NOMEM;
	}
	if (block != NULL)
		*block = pl.block;
	if (r == 0 && mode == EVAL_PRINT && num != NULL && hist != NULL) {
		struct hist_ent *he;

		/* The entry takes the evaluation's arena (the bytes, the
		   types made for the value) and the types made here.  */
		if ((he = hist_add(hist)) == NULL) {
			free(*out);
			*out = NULL;
			r = fs_err_set(e, FS_E_NOMEM, "out of memory");
		} else {
			he->ev = ev;
			he->v = *fs_eval_value(ev);
			he->owned = pl.owned;
			memset(&pl.owned, 0, sizeof pl.owned);
			ev = NULL;
			*num = (unsigned)hist->n;
		}
	}
	fs_eval_free(ev);
	for (i = 0; i < pl.nvals; i++)
		rvar_free(&pl.vals[i]);
	free(pl.vals);
	free(pl.callbuf);
	owned_free(&pl.owned);
	return r;
}

/* ---------------------------------------------------------- watchpoints */

/* print's lookup, noting whether a name is one of the frame's own
   variables (the watchpoint then ends with the frame).  PL first: the
   print callbacks take the same pointer.  */
struct wlookup {
	struct plookup	 pl;
	bool		 local;
	unsigned	 nlookups;
	struct fs_vars_lvalue *out;	/* the reads kept in its deps */
	bool		 toomany;
};

static int
watch_lookup(void *arg, const char *name, struct fs_eval_sym *out)
{
	struct wlookup *wl = arg;
	struct fctx *fc = wl->pl.fc;
	const struct fs_scope *sc;
	size_t i;

	wl->nlookups++;
	if (fc->func != NULL)
		for (sc = first_scope(fc); sc != NULL; sc = sc->parent) {
			if (sc->kind == FS_SCOPE_INLINED && sc != fc->func)
				continue;
			for (i = 0; i < sc->nvars; i++)
				if (sc->vars[i].name != NULL &&
				    strcmp(sc->vars[i].name, name) == 0)
					wl->local = true;
			if (sc == fc->func)
				break;
		}
	return print_lookup(&wl->pl, name, out);
}

/* Memory the expression reads: what it depends on, kept once each.  */
static int
watch_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	struct wlookup *wl = arg;
	struct fs_vars_lvalue *o = wl->out;
	size_t i;

	for (i = 0; i < o->ndeps; i++)
		if (o->deps[i].addr == addr && o->deps[i].len == len)
			break;
	if (i == o->ndeps && o->ndeps < FS_VARS_MAXDEPS) {
		o->deps[o->ndeps].addr = addr;
		o->deps[o->ndeps++].len = len;
	} else if (i == o->ndeps)
		wl->toomany = true;
	return print_mem(arg, addr, buf, len);
}

static int
watch_reg(void *arg, const char *name, uint64_t *val)
{
	((struct wlookup *)arg)->nlookups++;
	return print_reg(arg, name, val);
}

int
fs_vars_lvalue(struct fs_session *s, unsigned frame, const char *expr,
    const uint8_t *bytes, struct fs_vars_lvalue *out, struct fs_err *e)
{
	struct fs_eval_env env;
	struct fs_value_env venv;
	struct fs_eval *ev = NULL;
	struct fs_value v;
	struct wlookup wl;
	struct fctx fc;
	size_t i;
	int r;

	memset(out, 0, sizeof *out);
	if (!fs_session_alive(s))
		fctx_static(&fc, s);
	else if ((r = fctx_init(&fc, s, frame, e)) < 0)
		return r;
	memset(&wl, 0, sizeof wl);
	wl.pl.fc = &fc;
	wl.out = out;
	memset(&env, 0, sizeof env);
	env.lookup = watch_lookup;
	env.reg = fs_session_alive(s) ? watch_reg : NULL;
	env.mem = watch_mem;
	env.arg = &wl;
	r = fs_eval_word(expr, &env, fs_session_arch(s)->word, &ev, e);
	if (r == 0 && wl.pl.fatal != NULL)
		r = fs_err_set(e, FS_E_USAGE, "%s", wl.pl.fatal);
	/* What it read until it failed: a watchpoint can wait on it.  */
	out->local = wl.local;
	if (r < 0 && wl.toomany)
		out->ndeps = 0;
	if (r == 0) {
		v = *fs_eval_value(ev);
		if (!v.has_addr && wl.nlookups == 0)
			r = fs_err_set(e, FS_E_USAGE,
			    "Cannot watch constant value `%s'.", expr);
		else if ((!v.has_addr && (out->ndeps == 0 || wl.toomany ||
		    v.len > 64)) || v.len == 0 || v.bytes == NULL)
			r = fs_err_set(e, FS_E_USAGE, "Cannot watch `%s': "
			    "not an object in memory.", expr);
		else if (!v.has_addr && (out->rvalue = malloc(v.len)) == NULL)
			r = fs_err_set(e, FS_E_NOMEM, "out of memory");
		else if (!v.has_addr) {
			/* a + b: its value, taken again when a or b
			   changes.  */
			memcpy(out->rvalue, v.bytes, v.len);
			v.addr = 0;
		}
	}
	if (r == 0) {
		size_t k;

		out->addr = v.addr;
		out->len = v.len;
		out->local = wl.local;
		/* The object itself is watched anyway; the rest only when
		   all were kept.  */
		for (i = k = 0; i < out->ndeps; i++)
			if (out->rvalue != NULL || out->deps[i].addr +
			    out->deps[i].len <= v.addr || out->deps[i].addr >=
			    v.addr + v.len)
				out->deps[k++] = out->deps[i];
		out->ndeps = wl.toomany ? 0 : k;
		if (bytes != NULL) {
			v.bytes = bytes;
			v.valid = NULL;
			v.error = NULL;
		}
		value_env(&fc, &venv);
		if (fs_value_format(&v, &venv, FS_VALUE_TOP, &out->text, e) < 0)
			r = -FS_E_NOMEM;
	}
	if (r < 0) {
		free(out->rvalue);
		out->rvalue = NULL;
	}
	fs_eval_free(ev);
	for (i = 0; i < wl.pl.nvals; i++)
		rvar_free(&wl.pl.vals[i]);
	free(wl.pl.vals);
	owned_free(&wl.pl.owned);
	return r;
}

/* ------------------------------------------------------- return values */

int
fs_vars_return_value(struct fs_session *s, const struct fs_type *ret,
    struct fs_vars_hist *h, unsigned *num, char **out, struct fs_err *e)
{
	static const uint8_t zero[16];
	const struct user_regs_struct *r;
	const struct fs_type *st = strip(ret);
	struct fs_value_env venv;
	struct fs_value val;
	struct fctx fc;
	const uint8_t *xs;
	uint8_t buf[32];
	uint64_t size = type_size(ret), addr = 0;
	size_t xlen;
	int rc;
	uint8_t *mem = NULL;

	*out = NULL;
	if (st == NULL || st->kind == FS_TYPE_VOID || size == 0 ||
	    st->kind == FS_TYPE_UNKNOWN)
		return -FS_E_NOENT;
	/* The registers it returned with: a called function's, when its
	   return ended the stop, differ from the thread's now.  */
	if ((rc = fs_session_return_regs(s, &r, &xs, &xlen, e)) < 0)
		return rc;
	if ((rc = fctx_init(&fc, s, 0, e)) < 0)
		return rc;
	memset(&val, 0, sizeof val);
	val.type = ret;
	if (size > sizeof buf || !fs_abi_return(fs_session_arch(s), ret,
	    r->rax, r->rdx, xs != NULL && xlen >= 192 ? xs + 160 : zero,
	    xs != NULL && xlen >= 192 ? xs + 176 : zero, xs != NULL &&
	    xlen >= 64 ? xs + 32 : zero, xs != NULL && xlen >= 64 ? xs + 48 :
	    zero, buf, (size_t)size)) {
		/* In memory; rax says where.  */
		addr = r->rax;
		if ((mem = malloc(size)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		if (fs_session_read(s, addr, mem, size, NULL) != (ssize_t)size) {
			free(mem);
			return fs_err_set(e, FS_E_SYS, "Cannot access memory "
			    "at address 0x%llx", (unsigned long long)addr);
		}
		val.bytes = mem;
		val.len = size;
		val.has_addr = true;
		val.addr = addr;
	} else {
		val.bytes = buf;
		val.len = size;
	}
	value_env(&fc, &venv);
	rc = fs_value_format(&val, &venv, FS_VALUE_TOP, out, e);
	if (rc == 0 && h != NULL && num != NULL) {
		struct hist_ent *he;
		uint8_t *copy;

		if ((copy = malloc(size)) == NULL ||
		    (he = hist_add(h)) == NULL) {
			free(copy);
			free(*out);
			*out = NULL;
			free(mem);
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
		memcpy(copy, val.bytes, size);
		he->buf = copy;
		he->v = val;
		he->v.bytes = copy;
		*num = (unsigned)h->n;
	}
	free(mem);
	return rc;
}

/* ------------------------------------------------------------ provider */

/* What the provider handed out for one frame.  */
struct fs_vars_pframe {
	struct owned	 owned;		/* the out-of-scope variables' types */
	bool		 done;
	uint64_t	 pc, cfa;
	int		 rc;
	struct fs_frame_vars *fv;
	struct fs_anat_obj *objs;
	size_t		 nobjs;
	struct fs_anat_part *parts;
	size_t		 nparts;
	char		**strs;
	size_t		 nstrs;
	/* What they were made of, to be taken at the next stop.  */
	struct fs_frame	 key;
	unsigned long	 modgen;	/* fs_modules_generation */
	struct vinputs	 in;
};

static const char *
keep(struct fs_vars_pframe *p, char *s)
{
	char **v;

	if (s == NULL)
		return NULL;
	if ((v = realloc(p->strs, (p->nstrs + 1) * sizeof *v)) == NULL) {
		free(s);
		return NULL;
	}
	p->strs = v;
	p->strs[p->nstrs++] = s;
	return s;
}

/* Whether a value of type T is one print shows in a word ("7", "0x1").  */
static bool
scalar(const struct fs_type *t)
{
	const struct fs_type *s = strip(t);

	return s != NULL && (s->kind == FS_TYPE_BASE ||
	    s->kind == FS_TYPE_POINTER || s->kind == FS_TYPE_ENUM);
}

/* Part NAME (taken) of type T, SIZE bytes at OFF, with its value from
   BYTES[0..LEN) when it is a scalar that is all there.  */
static int
part_add(struct fs_vars_pframe *p, struct fs_session *sess, char *name,
    const struct fs_type *t, uint64_t off, uint64_t size, bool bits,
    const uint8_t *bytes, size_t len)
{
	struct fs_anat_part *np;
	char *v = NULL;

	if ((np = realloc(p->parts, (p->nparts + 1) * sizeof *np)) == NULL) {
		free(name);
		return -1;
	}
	p->parts = np;
	np += p->nparts++;
	np->name = keep(p, name);
	np->offset = off;
	np->size = size;
	np->value = np->points_to = NULL;
	if (bytes != NULL && !bits && scalar(t) && size > 0 &&
	    off + size <= len && fs_vars_format(sess, t, bytes + off, NULL,
	    size, &v) == 0)
		np->value = keep(p, v);
	return 0;
}

/* The members of struct T at OFF, flattened into "a.b" parts, each of
   a base, pointer or enum type with its value from BYTES[0..LEN) (the
   whole object's, NULL: none) as print shows it; a member that is an
   array of such values of 4 bytes or more, one part an element,
   "a.b[2]", so that each word says which it holds.  */
static void
add_parts(struct fs_vars_pframe *p, struct fs_session *sess, const struct fs_type *t,
    const char *prefix, uint64_t off, int depth, const uint8_t *bytes,
    size_t len)
{
	const struct fs_type *s = strip(t), *ms;
	char *name, *ename;
	uint64_t es, all, e;
	size_t k;

	if (s == NULL || depth > 4 || (s->kind != FS_TYPE_STRUCT &&
	    s->kind != FS_TYPE_UNION))
		return;
	for (k = 0; k < s->nmembers; k++) {
		const struct fs_member *m = &s->members[k];

		if (asprintf(&name, "%s%s%s", prefix, *prefix ? "." : "",
		    m->name ? m->name : "") < 0)
			return;
		ms = strip(m->type);
		if (ms != NULL && (ms->kind == FS_TYPE_STRUCT ||
		    ms->kind == FS_TYPE_UNION)) {
			add_parts(p, sess, m->type, name, off + m->offset,
			    depth + 1, bytes, len);
			free(name);
			continue;
		}
		if (ms != NULL && ms->kind == FS_TYPE_ARRAY &&
		    ms->ndims == 1 && scalar(ms->target) &&
		    (es = type_size(ms->target)) >= 4 &&
		    (all = type_size(m->type)) % es == 0 &&
		    all / es <= 64) {
			for (e = 0; e < all / es; e++) {
				if (asprintf(&ename, "%s[%llu]", name,
				    (unsigned long long)e) < 0 ||
				    part_add(p, sess, ename, ms->target,
				    off + m->offset + e * es, es, false, bytes,
				    len) < 0)
					break;
			}
			free(name);
			continue;
		}
		if (part_add(p, sess, name, m->type, off + m->offset,
		    m->bit_size ? (m->bit_offset + m->bit_size + 7) / 8 :
		    type_size(m->type), m->bit_size != 0, bytes, len) < 0)
			return;
	}
}

static void
pframe_clear(struct fs_vars_pframe *p)
{
	size_t i;

	fs_vars_free(p->fv);
	owned_free(&p->owned);
	for (i = 0; i < p->nstrs; i++)
		free(p->strs[i]);
	free(p->strs);
	free(p->objs);
	free(p->parts);
	vin_free(&p->in);
	memset(p, 0, sizeof *p);
}

void
fs_vars_provider_forget(struct fs_vars_provider *p)
{
	size_t i;

	for (i = 0; i < p->nold; i++)
		pframe_clear(&p->old[i]);
	free(p->old);
	p->old = NULL;
	p->nold = 0;
}

void
fs_vars_provider_clear(struct fs_vars_provider *p)
{
	size_t i;

	fs_vars_provider_forget(p);
	for (i = 0; i < p->nfr; i++)
		pframe_clear(&p->fr[i]);
	free(p->fr);
	if (p->callee != NULL)
		pframe_clear(p->callee);
	free(p->callee);
	memset(p, 0, sizeof *p);
}

/* A new stop of the same thread: the frames of the last one are kept
   to be taken where their inputs did not change.  */
static void
provider_age(struct fs_vars_provider *p)
{
	fs_vars_provider_forget(p);
	p->old = p->fr;
	p->nold = p->nfr;
	p->fr = NULL;
	p->nfr = 0;
}

/* The same frame as far as its variables go: the function and block,
   where it is, the registers the unwind gives it.  */
static bool
same_frame(const struct fs_frame *a, const struct fs_frame *b)
{
	return a->pc == b->pc && a->cfa == b->cfa && a->sp == b->sp &&
	    a->fp == b->fp && (a->phys > 0) == (b->phys > 0) &&
	    a->sigtramp == b->sigtramp && a->has_where == b->has_where &&
	    a->where.mod == b->where.mod &&
	    a->where.func_addr == b->where.func_addr &&
	    a->inlined == b->inlined && a->call_site == b->call_site &&
	    a->scope == b->scope && a->lookup == b->lookup &&
	    a->tailcall == b->tailcall && a->dummy == b->dummy;
}

/* Whether every input IN logged reads the same now, for the frame F
   (whose number may have changed): memory byte for byte, registers
   asked again of the frames they were asked of.  */
static bool
vin_same(const struct vinputs *in, struct fs_session *s,
    const struct fs_frame *f)
{
	const uint8_t *stk;
	uint8_t small[256], *buf;
	uint64_t lo, v;
	struct fctx fc;
	bool ok = true, have_fc = false;
	unsigned rel = 0;
	size_t slen, i;
	ssize_t got;
	int r;

	stk = fs_unwind_stack(fs_session_unwinder(s), &lo, &slen);
	for (i = 0; i < in->nmem && ok; i++) {
		const struct vin_mem *m = &in->mem[i];

		if (stk != NULL && m->got == (ssize_t)m->len &&
		    m->addr >= lo && m->addr - lo <= slen &&
		    m->len <= slen - (m->addr - lo)) {
			ok = memcmp(stk + (m->addr - lo), in->bytes + m->off,
			    m->len) == 0;
			continue;
		}
		buf = m->len <= sizeof small ? small : malloc(m->len);
		if (buf == NULL)
			return false;
		got = fs_session_read(s, m->addr, buf, m->len, NULL);
		ok = (got < 0 ? -1 : got) == m->got && (got <= 0 ||
		    memcmp(buf, in->bytes + m->off, (size_t)got) == 0);
		if (buf != small)
			free(buf);
	}
	for (i = 0; i < in->nfr && ok; i++) {
		const struct vin_frame *vf = &in->fr[i];
		const struct fs_frame *frames;
		size_t n;
		bool present;

		present = fs_session_frames_head(s, f->index + vf->rel + 1,
		    &frames, &n, NULL) == 0 && f->index + vf->rel < n;
		ok = present == vf->present && (!present ||
		    same_frame(&frames[f->index + vf->rel], &vf->f));
	}
	for (i = 0; i < in->nreg && ok; i++) {
		const struct vin_reg *rg = &in->reg[i];

		if (!have_fc || rg->rel != rel) {
			rel = rg->rel;
			if (fctx_init(&fc, s, f->index + rel, NULL) < 0)
				return false;
			have_fc = true;
		}
		v = 0;
		r = ctx_reg_of(&fc, rg->reg, &v);
		ok = r == rg->rc && (r != 0 || v == rg->val);
	}
	return ok;
}

/* Take into PF the frame of the last stop that F is, when nothing its
   variables were made of changed.  */
static bool
provider_take(struct fs_vars_provider *p, struct fs_session *s,
    const struct fs_frame *f, struct fs_vars_pframe *pf)
{
	unsigned long gen = fs_modules_generation(fs_session_modules(s));
	struct fs_vars_pframe *o;
	size_t i;

	if (f->phys == 0)
		return false;
	for (i = 0; i < p->nold; i++) {
		o = &p->old[i];
		if (!o->done || o->rc < 0 || o->in.opaque || o->modgen != gen ||
		    !same_frame(&o->key, f) || !vin_same(&o->in, s, f))
			continue;
		*pf = *o;
		memset(o, 0, sizeof *o);
		pf->key = *f;
		return true;
	}
	return false;
}

/* fs_session_read, logged (vin).  */
static ssize_t
prov_read(struct fs_session *s, uint64_t addr, void *buf, size_t len)
{
	ssize_t got = fs_session_read(s, addr, buf, len, NULL);

	vin_mem_add(addr, len, got < 0 ? -1 : got, buf);
	return got;
}

static int
prov_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	return prov_read(arg, addr, buf, len) == (ssize_t)len ? 0 : -FS_E_SYS;
}

/* Rust: a Vec, String, &str or slice is labelled by the parts a Rust
   programmer names (v.ptr, v.len, v.cap) with their values and what ptr
   points to; a Box or reference by what it points to.  True when the
   parts were added.  */
static bool
rust_parts(struct fs_vars_pframe *p, struct fs_session *s,
    const struct fs_varval *v, struct fs_anat_obj *o)
{
	struct fs_rust_part rp[FS_RUST_MAXPARTS];
	struct fs_anat_part *np;
	struct fs_value_env env;
	uint8_t buf[64];
	size_t n, i;

	if (!fs_rust_type(v->type) || o->size > sizeof buf ||
	    prov_read(s, o->addr, buf, o->size) !=
	    (ssize_t)o->size)
		return false;
	memset(&env, 0, sizeof env);
	env.mem = prov_mem;
	env.arg = s;
	if (o->size == 8) {
		o->points_to = keep(p, fs_rust_points_to(v->type,
		    fs_value_load(buf, 8, false), &env));
		return false;
	}
	if ((n = fs_rust_parts(v->type, buf, o->size, &env, rp)) == 0)
		return false;
	if ((np = realloc(p->parts, (p->nparts + n) * sizeof *np)) == NULL) {
		fs_rust_parts_free(rp, n);
		return false;
	}
	p->parts = np;
	for (i = 0; i < n; i++) {
		np[p->nparts].name = rp[i].name;
		np[p->nparts].offset = rp[i].offset;
		np[p->nparts].size = rp[i].size;
		np[p->nparts].value = keep(p, rp[i].value);
		np[p->nparts].points_to = keep(p, rp[i].points_to);
		p->nparts++;
	}
	return true;
}

/* Where the SysV ABI passes each parameter of C function FV, in its
   innermost frame, and the value that register holds now (formatted in
   the parameter's type): ENTRY_REG[i] and ENTRY_VAL[i] for argument i
   (NULL: on the stack, or not known).  Integers and pointers take rdi,
   rsi, rdx, rcx, r8, r9 in turn, float and double xmm0-xmm7; a struct
   returned in memory takes rdi first; anything else (a small struct,
   split across registers) stops the count.  */
static void
entry_regs(struct fs_vars_pframe *p, struct fs_session *s,
    const struct fs_frame_vars *fv, const char **reg, const char **val)
{
	static const char *const iregs[] = { "rdi", "rsi", "rdx", "rcx", "r8",
	    "r9" };
	static const char *const xregs[] = { "xmm0", "xmm1", "xmm2", "xmm3",
	    "xmm4", "xmm5", "xmm6", "xmm7" };
	const struct user_regs_struct *regs;
	struct user_fpregs_struct fp;
	const struct fs_type *t;
	unsigned ni = 0, nx = 0;
	bool have_fp = false;
	size_t i;

	/* i386 passes them all on the stack (regparm and fastcall are
	   the function's own choice, not told here).  */
	if (fs_session_arch(s)->narg_regs == 0 ||
	    fs_session_regs(s, &regs, NULL) < 0 || fv->func == NULL)
		return;
	t = strip(fv->func->ret_type);
	if (t != NULL && (t->kind == FS_TYPE_STRUCT || t->kind ==
	    FS_TYPE_UNION) && t->size > 16)
		ni++;
	for (i = 0; i < fv->nargs; i++) {
		const struct fs_varval *v = &fv->args[i];
		uint64_t size = type_size(v->type), w;
		uint8_t buf[16];
		char *out = NULL;

		t = strip(v->type);
		if (t == NULL || t->rust)
			return;
		if ((t->kind == FS_TYPE_STRUCT || t->kind == FS_TYPE_UNION) &&
		    size > 16)
			continue;
		if (t->kind == FS_TYPE_BASE && t->encoding == FS_ATE_FLOAT &&
		    (size == 4 || size == 8)) {
			if (nx == 8)
				return;
			if (!have_fp && fs_session_fpregs(s, &fp, NULL) < 0)
				return;
			have_fp = true;
			memcpy(buf, (const uint8_t *)fp.xmm_space + 16 * nx,
			    size);
			reg[i] = xregs[nx++];
		} else if ((t->kind == FS_TYPE_BASE && t->encoding !=
		    FS_ATE_FLOAT && t->encoding != FS_ATE_COMPLEX_FLOAT &&
		    size <= 8) || t->kind == FS_TYPE_POINTER ||
		    t->kind == FS_TYPE_ENUM) {
			if (ni == 6)
				continue;
			w = fs_fcode_reg(regs, ni == 0 ? FS_R_RDI : ni == 1 ?
			    FS_R_RSI : ni == 2 ? FS_R_RDX : ni == 3 ? FS_R_RCX :
			    ni == 4 ? FS_R_R8 : FS_R_R9);
			memcpy(buf, &w, 8);
			reg[i] = iregs[ni++];
		} else
			return;
		if (size > 0 && size <= sizeof buf && fs_vars_format(s,
		    v->type, buf, NULL, size, &out) == 0)
			val[i] = keep(p, out);
		else
			free(out);
	}
}

/* The variables of the blocks of SC the frame's pc is not in, at their
   homes (gcc keeps them at -O0): objects the slot map names "NAME (out
   of scope)" rather than call their words temporaries.  Appended to
   *OBJS (*N of *CAP).  */
static void
out_of_scope(struct fs_vars_pframe *p, struct fctx *fc,
    const struct fs_scope *sc, bool out, struct fs_anat_obj **objs,
    size_t *n, size_t *cap, int depth)
{
	const struct fs_type *st;
	struct fs_anat_obj *nv;
	struct rvar rv;
	size_t i;

	if (depth > 8)
		return;
	for (i = 0; out && i < sc->nvars; i++) {
		const struct fs_var *v = &sc->vars[i];

		if (v->is_param || v->artificial || v->external ||
		    v->name == NULL)
			continue;
		if (read_var(fc, v, &p->owned, &rv) < 0 || !rv.in_memory ||
		    rv.size == 0 || rv.size > (1u << 20)) {
			rvar_free(&rv);
			continue;
		}
		if (*n == *cap) {
			*cap = *cap ? *cap * 2 : 8;
			if ((nv = realloc(*objs, *cap * sizeof *nv)) == NULL) {
				rvar_free(&rv);
				return;
			}
			*objs = nv;
		}
		nv = &(*objs)[(*n)++];
		memset(nv, 0, sizeof *nv);
		nv->addr = rv.addr;
		nv->size = rv.size;
		nv->name = v->name;
		nv->kind = FS_ANAT_LOCAL;
		nv->out_of_scope = true;
		st = strip(rv.type);
		if (st != NULL && st->kind == FS_TYPE_ARRAY)
			nv->elem_size = type_size(st->target);
		rvar_free(&rv);
	}
	for (i = 0; i < sc->nchildren; i++)
		if (sc->children[i]->kind == FS_SCOPE_BLOCK)
			out_of_scope(p, fc, sc->children[i], out ||
			    !fs_dinfo_scope_has(sc->children[i], fc->faddr),
			    objs, n, cap, depth + 1);
}

static int
pframe_fill(struct fs_vars_pframe *p, struct fs_session *s, unsigned frame)
{
	struct fs_frame_vars *fv;
	struct fs_anat_obj *o;
	size_t i, total, k = 0, pstart;
	const struct fs_type *st;
	const char **ereg = NULL, **eval = NULL;
	struct {
		size_t first, count;
	} *pr = NULL;

	if (fs_vars_frame(s, frame, &fv, NULL) < 0)
		return -1;
	p->fv = fv;
	total = fv->nargs + fv->nlocals;
	if (total == 0)
		return 0;
	if ((p->objs = calloc(total, sizeof *p->objs)) == NULL ||
	    (pr = calloc(total, sizeof *pr)) == NULL ||
	    (ereg = calloc(total, sizeof *ereg)) == NULL ||
	    (eval = calloc(total, sizeof *eval)) == NULL) {
		free(pr);
		free(ereg);
		return -1;
	}
	if (frame == 0)
		entry_regs(p, s, fv, ereg, eval);
	for (i = 0; i < total; i++) {
		const struct fs_varval *v = i < fv->nargs ? &fv->args[i] :
		    &fv->locals[i - fv->nargs];
		uint64_t size = type_size(v->type);

		if (!v->in_memory || size == 0 || v->var->name == NULL)
			continue;
		o = &p->objs[k];
		o->addr = v->addr;
		o->size = size;
		o->name = v->var->name;
		o->kind = i < fv->nargs ? FS_ANAT_PARAM : FS_ANAT_LOCAL;
		st = strip(v->type);
		if (st != NULL && st->kind == FS_TYPE_ARRAY)
			o->elem_size = type_size(st->target);
		pstart = p->nparts;
		if (!rust_parts(p, s, v, o))
			add_parts(p, s, v->type, "", 0, 0, v->valid == NULL ?
			    v->bytes : NULL, v->len);
		pr[k].first = pstart;
		pr[k].count = p->nparts - pstart;
		o->value = size <= 8 ? v->value : NULL;
		if (i < fv->nargs) {
			o->entry_reg = ereg[i];
			o->entry_regval = eval[i];
		}
		k++;
	}
	/* Parts were appended to one growing array: point into it now.  */
	for (i = 0; i < k; i++) {
		p->objs[i].parts = pr[i].count ? &p->parts[pr[i].first] : NULL;
		p->objs[i].nparts = pr[i].count;
	}
	free(pr);
	free(ereg);
	free(eval);
	p->nobjs = k;
	/* The homes of the variables of the blocks not entered.  */
	{
		struct fctx fc;
		size_t cap = k;

		if (fv->func != NULL && fv->func->kind == FS_SCOPE_FUNCTION &&
		    fctx_init(&fc, s, frame, NULL) == 0 && fc.func == fv->func)
			out_of_scope(p, &fc, fv->func, false, &p->objs,
			    &p->nobjs, &cap, 0);
	}
	return 0;
}

/* The parameters in memory at or above the cfa of F, a frame not made
   yet (FS_ANAT_CALLEE): the stack arguments a direct call about to
   enter F's function finds, each with its value now.  */
static int
pframe_callee(struct fs_vars_pframe *p, struct fs_session *s,
    const struct fs_frame *f)
{
	const struct fs_var *var;
	struct fs_anat_obj *o;
	struct fctx fc;
	struct rvar rv;
	size_t i, k, *first = NULL, *count = NULL;
	const struct fs_type *st;
	int r = 0;

	memset(&fc, 0, sizeof fc);
	fc.s = s;
	fc.frame = FS_ANAT_CALLEE;
	fc.f = f;
	/* No caller to ask for entry values: the call is not made.  */
	fc.entry_depth = MAX_ENTRY_DEPTH;
	if (fs_session_regs(s, &fc.regs0, NULL) < 0)
		return -1;
	fctx_where(&fc);
	if (fc.func == NULL || fc.func->kind != FS_SCOPE_FUNCTION)
		return 0;
	if ((p->objs = calloc(fc.func->nvars + 1, sizeof *p->objs)) == NULL ||
	    (first = calloc(fc.func->nvars + 1, sizeof *first)) == NULL ||
	    (count = calloc(fc.func->nvars + 1, sizeof *count)) == NULL) {
		free(first);
		return -1;
	}
	for (i = 0; i < fc.func->nvars && r == 0; i++) {
		var = &fc.func->vars[i];
		if (!var->is_param || var->name == NULL)
			continue;
		if ((r = read_var(&fc, var, &p->owned, &rv)) == 0 &&
		    rv.in_memory && !rv.toobig && rv.size > 0 &&
		    rv.addr >= f->cfa) {
			o = &p->objs[p->nobjs];
			o->addr = rv.addr;
			o->size = rv.size;
			o->name = var->name;
			o->kind = FS_ANAT_PARAM;
			st = strip(rv.type);
			if (st != NULL && st->kind == FS_TYPE_ARRAY)
				o->elem_size = type_size(st->target);
			first[p->nobjs] = p->nparts;
			add_parts(p, s, rv.type, "", 0, 0, rv.valid == NULL ?
			    rv.bytes : NULL, rv.len);
			count[p->nobjs] = p->nparts - first[p->nobjs];
			if (rv.size <= 8)
				o->value = keep(p, format_rvar(&fc, &rv,
				    var->name, 0));
			p->nobjs++;
		}
		rvar_free(&rv);
	}
	for (k = 0; k < p->nobjs; k++) {
		p->objs[k].parts = count[k] ? &p->parts[first[k]] : NULL;
		p->objs[k].nparts = count[k];
	}
	free(first);
	free(count);
	return r < 0 ? -1 : 0;
}

int
fs_vars_provide(void *arg, struct fs_session *s, const struct fs_frame *f,
    const struct fs_anat_obj **objs, size_t *n)
{
	struct fs_vars_provider *p = arg;
	const struct fs_stop *st = fs_session_stop(s);
	struct fs_vars_pframe *pf, *v;

	*objs = NULL;
	*n = 0;
	if (p->nfr > 0 && p->tid != st->tid)
		fs_vars_provider_clear(p);
	else if (p->nfr > 0 && p->stop != st->number)
		provider_age(p);
	p->stop = st->number;
	p->tid = st->tid;
	if (f->index == FS_ANAT_CALLEE) {
		if (p->callee == NULL && (p->callee = calloc(1,
		    sizeof *p->callee)) == NULL)
			return -1;
		pframe_clear(p->callee);
		if (pframe_callee(p->callee, s, f) < 0)
			return -1;
		*objs = p->callee->objs;
		*n = p->callee->nobjs;
		return 0;
	}
	if (f->index >= p->nfr) {
		if ((v = realloc(p->fr, (f->index + 1) * sizeof *v)) == NULL)
			return -1;
		memset(v + p->nfr, 0, (f->index + 1 - p->nfr) * sizeof *v);
		p->fr = v;
		p->nfr = f->index + 1;
	}
	pf = &p->fr[f->index];
	if (pf->done && (pf->pc != f->pc || pf->cfa != f->cfa))
		pframe_clear(pf);
	if (!pf->done && !provider_take(p, s, f, pf)) {
		pf->done = true;
		pf->pc = f->pc;
		pf->cfa = f->cfa;
		pf->key = *f;
		pf->modgen = fs_modules_generation(fs_session_modules(s));
		/* Frame 0's are made of all the registers (the parameters
		   not stored yet): made at every stop.  */
		pf->in.opaque = f->phys == 0;
		pf->in.base = f->index;
		vin = &pf->in;
		pf->rc = pframe_fill(pf, s, f->index);
		vin = NULL;
	}
	if (pf->rc < 0)
		return -1;
	*objs = pf->objs;
	*n = pf->nobjs;
	return 0;
}

const struct fs_frame_vars *
fs_vars_provided(const struct fs_vars_provider *p, struct fs_session *s,
    const struct fs_frame *f)
{
	const struct fs_stop *st = fs_session_stop(s);
	const struct fs_vars_pframe *pf;

	if (p == NULL || p->stop != st->number || p->tid != st->tid ||
	    f->index >= p->nfr)
		return NULL;
	pf = &p->fr[f->index];
	if (!pf->done || pf->rc < 0 || pf->pc != f->pc || pf->cfa != f->cfa)
		return NULL;
	return pf->fv;
}

int
fs_vars_format(struct fs_session *s, const struct fs_type *t,
    const uint8_t *bytes, const uint8_t *valid, size_t len, char **out)
{
	return fs_vars_format_as(s, t, bytes, valid, len, 0, 0, out);
}

int
fs_vars_format_as(struct fs_session *s, const struct fs_type *t,
    const uint8_t *bytes, const uint8_t *valid, size_t len, int fmt,
    int flags, char **out)
{
	struct fs_value_env env;
	struct fs_value val;
	struct fctx fc;

	memset(&fc, 0, sizeof fc);
	fc.s = s;
	value_env(&fc, &env);
	env.fmt = fmt;
	memset(&val, 0, sizeof val);
	val.type = t;
	val.bytes = bytes;
	val.valid = valid;
	val.len = len;
	return fs_value_format(&val, &env, flags, out, NULL);
}
