/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_record: the log of a recording and the state at its position (see
 * include/fs_record.h).
 *
 * An entry, in order:
 *   a header byte: bits 0-3 the number of registers besides rip that
 *     changed (15: a varint follows with the number), bit 4 memory
 *     ranges follow, bit 5 floating-point blocks follow;
 *   rip's change, a signed (zigzag) varint;
 *   each register: a byte, its index in struct user_regs_struct with bit
 *     5 set for a difference (zigzag varint) or clear for an exclusive-or
 *     (varint), then the value;
 *   the ranges: their number, then for each the address minus rsp before
 *     the step (zigzag varint), the length (varint) and the bytes: the
 *     other contents of the range, swapped with the state's at each
 *     crossing;
 *   the extended registers (x87, SSE, and the rest of the XSAVE area):
 *     the number of 16-byte blocks that changed, then for each its index
 *     (varint) and its exclusive-or;
 *   the entry's length so far, a varint written so that it reads
 *     backwards from the entry's end.
 * Undoing an entry restores the registers first (so rsp is the one the
 * addresses are relative to), then swaps the ranges; redoing swaps the
 * ranges, then changes the registers.
 *
 * The overlay: the pages of memory a crossing touched, each a copy of the
 * base (the process, or a file's image) taken when first touched, with a
 * bit per byte that differs from the base's state; reads take the base's
 * bytes and put the overlay's marked bytes over them.  The floating-point
 * registers are the base's with the blocks crossed so far exclusive-or'd
 * in.
 */
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/uio.h>

#include "fs_emu.h"
#include "fs_insn.h"
#include "fs_record.h"
#include "fs_syscall.h"

#define CHUNK		(64 * 1024)
#define PAGE		4096ULL
#define NREGS		(sizeof(struct user_regs_struct) / 8)
#define RIP_SLOT	(offsetof(struct user_regs_struct, rip) / 8)
#define RSP_SLOT	(offsetof(struct user_regs_struct, rsp) / 8)
/* The extended state is recorded as the 16-byte blocks of the XSAVE
   area, whose first 512 bytes are struct user_fpregs_struct; AMX's tiles
   make it some 11 KB.  */
#define XSTATE		(16 * 1024)
#define NXBLK		(XSTATE / 16)
#define FXSAVE		sizeof(struct user_fpregs_struct)
#define MAXRANGES	1024
#define DCACHE		4096
/* The signal frame a handler gets on the thread's stack: the red zone,
   then siginfo, ucontext and the extended state (some 3 KB with
   AVX-512); read before a signal is delivered.  */
#define REDZONE		128
#define SIGFRAME	(16 * 1024)
/* Emulated instructions in a row before one is single-stepped: the
   kernel delivers a pending signal only to a thread that runs.  */
#define EMU_RUN		256

enum {
	H_NREGS = 0x0f,
	H_MEM = 0x10,
	H_FP = 0x20,
};

struct chunk {
	size_t		 len, cap;
	uint8_t		*data;
};

struct opage {
	uint64_t	 addr;		/* 0: empty slot */
	uint8_t		*data;
	uint64_t	 mark[PAGE / 64];	/* byte differs from base */
	unsigned	 nmark;
};

struct dent {
	uint64_t	 pc;		/* 0: empty */
	struct fs_insn	 in;
};

struct fs_record {
	struct fs_target	*t;
	fs_record_code_fn	*code;
	void			*code_arg;
	unsigned		 insn_bits;	/* the decoder's mode: 64, 32 */
	const struct fs_syscall_abi *sys;	/* the system calls' table */
	const struct fs_syscall_abi *compat_sys; /* int $0x80's */
	struct fs_target_view	 view;
	bool			 view_on;
	uint64_t		 max;

	/* The log: chunks [c0, nch); the oldest entry at (c0, off0).  */
	struct chunk		*ch;
	size_t			 nch, capch, c0, off0;
	uint64_t		 first, count;
	size_t			 bytes;		/* allocated in chunks */
	/* The position: entries before (cc, coff) have run.  */
	uint64_t		 pos;
	size_t			 cc, coff;

	/* The state at the position, when it is not the base's.  */
	struct user_regs_struct	 regs;
	bool			 regs_set;	/* else the base's */
	uint8_t			*fpx;		/* XSTATE, exclusive-or'd into
						   the base's extended state */
	bool			 fpx_any;
	uint8_t			*x0, *x1;	/* scratch: before and after a
						   step */
	struct opage		*pages;
	size_t			 npages, cappages;
	struct opage		*lastpg;

	/* The base: the live process at the end of the log, or a file's
	   image and registers at the position it was saved at.  */
	bool			 image;
	struct fs_record_base	 base;

	struct dent		*dcache;
	/* The pages instructions were decoded from: a store into one
	   forgets the decoded instructions.  */
	uint64_t		*cpages;
	size_t			 ncpages, capcpages;
	bool			 check;		/* FRAMESCOPE_RECORD_CHECK */
	bool			 emu_check;	/* FRAMESCOPE_RECORD_EMU_CHECK */
	unsigned		 emu_run;	/* emulated in a row */
	bool			 emulated;	/* the last step was */
	struct fs_record_range	 emu_store;
	uint64_t		 nemu, nstep, nchecked;
	uint64_t		 altstack[2];	/* the signal stack, when a
						   sigaltstack was seen */
	/* Scratch: an entry being made, the ranges of a move.  */
	uint8_t			*ebuf;
	size_t			 ecap;
	struct fs_record_range	 moved[MAXRANGES];
	struct fs_syscall_range	 sr[MAXRANGES], ins[MAXRANGES];
	uint8_t			*old;
	size_t			 oldcap;
};

static const struct user_regs_struct *view_regs(void *);
static ssize_t view_read(void *, uint64_t, void *, size_t, struct fs_err *);
static int view_fpregs(void *, struct user_fpregs_struct *, struct fs_err *);
static int xstate_alloc(struct fs_record *);

/* ---------------------------------------------------------------- varints */

static size_t
put_uv(uint8_t *p, uint64_t v)
{
	size_t n = 0;

	while (v >= 0x80) {
		p[n++] = (uint8_t)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (uint8_t)v;
	return n;
}

static uint64_t
get_uv(const uint8_t **pp)
{
	const uint8_t *p = *pp;
	uint64_t v = 0;
	unsigned sh = 0;

	while (*p & 0x80) {
		v |= (uint64_t)(*p++ & 0x7f) << sh;
		sh += 7;
	}
	v |= (uint64_t)*p++ << sh;
	*pp = p;
	return v;
}

static uint64_t
zig(int64_t v)
{
	return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63);
}

static int64_t
unzig(uint64_t v)
{
	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

static size_t
uv_len(uint64_t v)
{
	size_t n = 1;

	while (v >= 0x80) {
		v >>= 7;
		n++;
	}
	return n;
}

/* The trailing length: 7-bit groups, most significant first, the high
   bit set on all but the first, so that it reads from its end.  */
static size_t
put_back(uint8_t *p, uint64_t v)
{
	size_t n = uv_len(v), i;

	for (i = 0; i < n; i++) {
		p[i] = (uint8_t)((v >> (7 * (n - 1 - i))) & 0x7f);
		if (i > 0)
			p[i] |= 0x80;
	}
	return n;
}

/* Read the trailing length ending at END; *K its size.  */
static uint64_t
get_back(const uint8_t *end, size_t *k)
{
	uint64_t v = 0;
	unsigned sh = 0;
	size_t n = 0;

	for (;;) {
		uint8_t b = *--end;

		v |= (uint64_t)(b & 0x7f) << sh;
		sh += 7;
		n++;
		if (!(b & 0x80))
			break;
	}
	*k = n;
	return v;
}

/* --------------------------------------------------------------- overlay */

static size_t
page_hash(uint64_t addr, size_t cap)
{
	return (size_t)(((addr / PAGE) * 0x9e3779b97f4a7c15ULL) >> 20) &
	    (cap - 1);
}

static struct opage *
page_find(struct fs_record *r, uint64_t addr)
{
	size_t i;

	if (r->lastpg != NULL && r->lastpg->addr == addr)
		return r->lastpg;
	if (r->cappages == 0)
		return NULL;
	for (i = page_hash(addr, r->cappages); r->pages[i].addr != 0;
	    i = (i + 1) & (r->cappages - 1))
		if (r->pages[i].addr == addr)
			return r->lastpg = &r->pages[i];
	return NULL;
}

static int
pages_grow(struct fs_record *r)
{
	struct opage *old = r->pages, *np;
	size_t oldcap = r->cappages, cap = oldcap ? oldcap * 2 : 64, i, j;

	if ((np = calloc(cap, sizeof *np)) == NULL)
		return -1;
	for (i = 0; i < oldcap; i++) {
		if (old[i].addr == 0)
			continue;
		for (j = page_hash(old[i].addr, cap); np[j].addr != 0;
		    j = (j + 1) & (cap - 1))
			;
		np[j] = old[i];
	}
	free(old);
	r->pages = np;
	r->cappages = cap;
	r->lastpg = NULL;
	return 0;
}

static ssize_t
base_read(struct fs_record *r, uint64_t addr, void *buf, size_t len)
{
	if (r->image)
		return r->base.read(r->base.arg, addr, buf, len);
	return fs_target_read_live(r->t, addr, buf, len, NULL);
}

/* The overlay page at ADDR, made from the base when new (zeros where the
   base has nothing: memory unmapped since, which only the log knows).  */
static struct opage *
page_get(struct fs_record *r, uint64_t addr)
{
	struct opage *pg;
	ssize_t got;
	size_t i, k;

	if ((pg = page_find(r, addr)) != NULL)
		return pg;
	if ((r->npages + 1) * 2 > r->cappages && pages_grow(r) < 0)
		return NULL;
	for (i = page_hash(addr, r->cappages); r->pages[i].addr != 0;
	    i = (i + 1) & (r->cappages - 1))
		;
	pg = &r->pages[i];
	if ((pg->data = malloc(PAGE)) == NULL)
		return NULL;
	got = base_read(r, addr, pg->data, PAGE);
	if (got < 0)
		got = 0;
	if ((size_t)got < PAGE) {
		/* A short read: what follows may still be there.  */
		memset(pg->data + got, 0, PAGE - (size_t)got);
		for (i = (size_t)got; i < PAGE; i += k) {
			k = 64 - (i % 64);
			if (base_read(r, addr + i, pg->data + i, k) <= 0)
				memset(pg->data + i, 0, k);
		}
	}
	memset(pg->mark, 0, sizeof pg->mark);
	pg->nmark = 0;
	pg->addr = addr;
	r->npages++;
	return r->lastpg = pg;
}

static void
pages_clear(struct fs_record *r)
{
	size_t i;

	for (i = 0; i < r->cappages; i++)
		free(r->pages[i].data);
	free(r->pages);
	r->pages = NULL;
	r->npages = r->cappages = 0;
	r->lastpg = NULL;
}

/* Exchange the LEN bytes at ADDR of the state with BUF.  */
static int
swap_mem(struct fs_record *r, uint64_t addr, uint8_t *buf, size_t len)
{
	struct opage *pg;
	uint64_t pa;
	size_t off, k, i;
	uint8_t tmp;

	while (len > 0) {
		pa = addr & ~(PAGE - 1);
		off = (size_t)(addr - pa);
		k = PAGE - off < len ? PAGE - off : len;
		if ((pg = page_get(r, pa)) == NULL)
			return -1;
		for (i = 0; i < k; i++) {
			tmp = pg->data[off + i];
			pg->data[off + i] = buf[i];
			buf[i] = tmp;
			if (!(pg->mark[(off + i) / 64] & (1ULL << ((off + i) %
			    64)))) {
				pg->mark[(off + i) / 64] |= 1ULL << ((off + i) %
				    64);
				pg->nmark++;
			}
		}
		addr += k;
		buf += k;
		len -= k;
	}
	return 0;
}

/* ------------------------------------------------------------ view */

static const struct user_regs_struct *
view_regs(void *arg)
{
	struct fs_record *r = arg;
	const struct user_regs_struct *live;

	if (!r->regs_set && !r->image && fs_target_regs_live(r->t, &live,
	    NULL) == 0) {
		r->regs = *live;
		r->regs_set = true;
	}
	return &r->regs;
}

static ssize_t
view_read(void *arg, uint64_t addr, void *buf, size_t len,
    struct fs_err *e)
{
	struct fs_record *r = arg;
	struct opage *pg;
	uint8_t *b = buf;
	uint64_t pa, a;
	ssize_t got;
	size_t have, i, off;

	if (len == 0)
		return 0;
	/* Nothing is mapped in the last page of the address space (a
	   32-bit address gone negative in 64 bits lands there), and the
	   walk of pages below would wrap past it.  */
	if (addr >= -(uint64_t)PAGE || len > -(uint64_t)PAGE - addr)
		return fs_err_set(e, FS_E_SYS,
		    "Cannot access memory at address 0x%llx",
		    (unsigned long long)addr);
	got = base_read(r, addr, buf, len);
	have = got > 0 ? (size_t)got : 0;
	if (have < len)
		memset(b + have, 0, len - have);
	/* The overlay's marked bytes over the base's.  */
	for (pa = addr & ~(PAGE - 1); pa < addr + len; pa += PAGE) {
		if ((pg = page_find(r, pa)) == NULL || pg->nmark == 0)
			continue;
		for (a = pa > addr ? pa : addr; a < pa + PAGE &&
		    a < addr + len; a++) {
			off = (size_t)(a - pa);
			if (pg->mark[off / 64] & (1ULL << (off % 64)))
				b[a - addr] = pg->data[off];
		}
	}
	if (have == len)
		return (ssize_t)len;
	/* Past what the base has, what the log alone knows.  */
	for (i = have; i < len; i++) {
		pa = (addr + i) & ~(PAGE - 1);
		off = (size_t)(addr + i - pa);
		if ((pg = page_find(r, pa)) == NULL ||
		    !(pg->mark[off / 64] & (1ULL << (off % 64))))
			break;
	}
	if (i == 0)
		return fs_err_set(e, FS_E_SYS,
		    "Cannot access memory at address 0x%llx",
		    (unsigned long long)addr);
	return (ssize_t)i;
}

int
fs_record_xstate(struct fs_record *r, uint8_t *buf, size_t size,
    size_t *len, struct fs_err *e)
{
	size_t i;
	int rc;

	if (r->image) {
		*len = r->base.xlen < size ? r->base.xlen : size;
		memcpy(buf, r->base.xstate, *len);
	} else if ((rc = fs_target_xstate_live(r->t, buf, size, len, e)) < 0)
		return rc;
	if (r->fpx_any)
		for (i = 0; i < *len && i < XSTATE; i++)
			buf[i] ^= r->fpx[i];
	return 0;
}

static int
view_fpregs(void *arg, struct user_fpregs_struct *fp, struct fs_err *e)
{
	struct fs_record *r = arg;
	size_t len;
	int rc;

	if (xstate_alloc(r) < 0)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((rc = fs_record_xstate(r, r->x0, XSTATE, &len, e)) < 0)
		return rc;
	memset(fp, 0, sizeof *fp);
	memcpy(fp, r->x0, len < sizeof *fp ? len : sizeof *fp);
	return 0;
}

static int
xstate_alloc(struct fs_record *r)
{
	if (r->fpx == NULL && (r->fpx = calloc(1, XSTATE)) == NULL)
		return -1;
	if (r->x0 == NULL && (r->x0 = malloc(XSTATE)) == NULL)
		return -1;
	if (r->x1 == NULL && (r->x1 = malloc(XSTATE)) == NULL)
		return -1;
	return 0;
}

static void
view_update(struct fs_record *r)
{
	bool on = r->image || r->pos != r->first - 1 + r->count;

	if (!on && r->view_on) {
		/* Back at the live end: the overlay is the process again. */
		pages_clear(r);
		r->regs_set = false;
		r->fpx_any = false;
		if (r->fpx != NULL)
			memset(r->fpx, 0, XSTATE);
	}
	if (on != r->view_on && r->t != NULL)
		fs_target_set_view(r->t, on ? &r->view : NULL);
	r->view_on = on;
}

/* ------------------------------------------------------------ lifecycle */

static int
record_alloc(struct fs_record **out, struct fs_err *e)
{
	struct fs_record *r;

	if ((r = calloc(1, sizeof *r)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	r->view.read = view_read;
	r->view.regs = view_regs;
	r->view.fpregs = view_fpregs;
	r->view.arg = r;
	r->first = 1;
	r->insn_bits = 64;
	r->sys = fs_arch_x86_64.syscalls;
	r->compat_sys = fs_arch_x86_64.compat_syscalls;
	r->max = FS_RECORD_DEFAULT_MAX;
	*out = r;
	return 0;
}

int
fs_record_new(struct fs_target *t, fs_record_code_fn *code, void *arg,
    struct fs_record **out, struct fs_err *e)
{
	struct fs_record *r = NULL;
	int rc;

	if ((rc = record_alloc(&r, e)) < 0)
		return rc;
	r->t = t;
	r->code = code;
	r->code_arg = arg;
	r->view.tid = fs_target_tid(t);
	r->check = getenv("FRAMESCOPE_RECORD_CHECK") != NULL;
	r->emu_check = getenv("FRAMESCOPE_RECORD_EMU_CHECK") != NULL;
	*out = r;
	return 0;
}

void
fs_record_set_arch(struct fs_record *r, const struct fs_arch *a)
{
	r->insn_bits = a->insn_bits;
	r->sys = a->syscalls;
	r->compat_sys = a->compat_syscalls;
}

void
fs_record_free(struct fs_record *r)
{
	size_t i;

	if (r == NULL)
		return;
	if (r->view_on && r->t != NULL && !r->image)
		fs_target_set_view(r->t, NULL);
	for (i = 0; i < r->nch; i++)
		free(r->ch[i].data);
	free(r->ch);
	pages_clear(r);
	free(r->dcache);
	free(r->cpages);
	if (r->emu_check && r->nchecked > 0)
		fprintf(stderr, "RECORD EMU CHECK: %llu instructions "
		    "compared\n", (unsigned long long)r->nchecked);
	free(r->ebuf);
	free(r->old);
	free(r->fpx);
	free(r->x0);
	free(r->x1);
	if (r->image && r->base.release != NULL)
		r->base.release(r->base.arg);
	if (r->image)
		free((void *)r->base.xstate);
	free(r);
}

void
fs_record_set_max(struct fs_record *r, uint64_t max)
{
	r->max = max;
}

uint64_t
fs_record_max(const struct fs_record *r)
{
	return r->max;
}

uint64_t
fs_record_first(const struct fs_record *r)
{
	return r->first;
}

uint64_t
fs_record_count(const struct fs_record *r)
{
	return r->count;
}

uint64_t
fs_record_pos(const struct fs_record *r)
{
	return r->pos;
}

uint64_t
fs_record_end(const struct fs_record *r)
{
	return r->first - 1 + r->count;
}

bool
fs_record_replaying(const struct fs_record *r)
{
	return r->pos != fs_record_end(r);
}

size_t
fs_record_used(const struct fs_record *r)
{
	size_t i, n = 0;

	for (i = r->c0; i < r->nch; i++)
		n += r->ch[i].len - (i == r->c0 ? r->off0 : 0);
	return n;
}

const struct fs_target_view *
fs_record_view(struct fs_record *r)
{
	return &r->view;
}

void
fs_record_set_target(struct fs_record *r, struct fs_target *t)
{
	r->t = t;
	r->view.tid = fs_target_tid(t);
	r->view_on = true;
}

void
fs_record_code_changed(struct fs_record *r)
{
	if (r->dcache != NULL)
		memset(r->dcache, 0, DCACHE * sizeof *r->dcache);
}

/* -------------------------------------------------------------- the log */

/* Room for LEN more bytes at the end of the log.  */
static struct chunk *
log_room(struct fs_record *r, size_t len)
{
	struct chunk *c, *nv;
	size_t cap;

	if (r->nch > 0 && r->ch[r->nch - 1].cap - r->ch[r->nch - 1].len >=
	    len)
		return &r->ch[r->nch - 1];
	if (r->nch == r->capch) {
		cap = r->capch ? r->capch * 2 : 16;
		if ((nv = realloc(r->ch, cap * sizeof *nv)) == NULL)
			return NULL;
		r->ch = nv;
		r->capch = cap;
	}
	cap = len > CHUNK ? len : CHUNK;
	c = &r->ch[r->nch];
	if ((c->data = malloc(cap)) == NULL)
		return NULL;
	c->len = 0;
	c->cap = cap;
	r->nch++;
	r->bytes += cap;
	return c;
}

/* The length of the entry starting at P.  */
static size_t
entry_len(const uint8_t *p)
{
	const uint8_t *q = p;
	uint8_t h = *q++;
	uint64_t nregs = h & H_NREGS, i, n, len;

	if (nregs == H_NREGS)
		nregs = get_uv(&q);
	(void)get_uv(&q);
	for (i = 0; i < nregs; i++) {
		q++;
		(void)get_uv(&q);
	}
	if (h & H_MEM) {
		n = get_uv(&q);
		for (i = 0; i < n; i++) {
			(void)get_uv(&q);
			len = get_uv(&q);
			q += len;
		}
	}
	if (h & H_FP) {
		n = get_uv(&q);
		for (i = 0; i < n; i++) {
			(void)get_uv(&q);
			q += 16;
		}
	}
	return (size_t)(q - p) + uv_len((uint64_t)(q - p));
}

/* Drop the oldest entry.  */
static void
log_drop(struct fs_record *r)
{
	struct chunk *c = &r->ch[r->c0];

	r->off0 += entry_len(c->data + r->off0);
	r->first++;
	r->count--;
	if (r->off0 >= c->len && r->c0 + 1 < r->nch) {
		r->bytes -= c->cap;
		free(c->data);
		c->data = NULL;
		r->c0++;
		r->off0 = 0;
		if (r->c0 > 64 && r->c0 * 2 > r->nch) {
			memmove(r->ch, r->ch + r->c0, (r->nch - r->c0) *
			    sizeof *r->ch);
			r->nch -= r->c0;
			r->cc -= r->c0;
			r->c0 = 0;
		}
	}
}

static int
log_append(struct fs_record *r, const uint8_t *e, size_t len)
{
	struct chunk *c;

	if ((c = log_room(r, len)) == NULL)
		return -1;
	memcpy(c->data + c->len, e, len);
	c->len += len;
	r->count++;
	r->pos++;
	r->cc = (size_t)(c - r->ch);
	r->coff = c->len;
	while (r->max != 0 && r->count > r->max)
		log_drop(r);
	return 0;
}

/* ---------------------------------------------------------------- moves */

struct regop {
	uint8_t		 slot;
	bool		 diff;
	uint64_t	 v;
};

/* Apply the entry at P to the state, BACK or forward.  */
static int
apply(struct fs_record *r, uint8_t *p, bool back, size_t *nmoved)
{
	uint64_t *R = (uint64_t *)&r->regs;
	struct regop ops[NREGS];
	uint8_t h = *p++;
	uint64_t nregs = h & H_NREGS, i, n, mask, len;
	int64_t drip, d;
	uint64_t rsp0;
	const uint8_t *q;
	size_t k;

	view_regs(r);
	r->regs_set = true;
	q = p;
	if (nregs == H_NREGS)
		nregs = get_uv(&q);
	drip = unzig(get_uv(&q));
	for (i = 0; i < nregs && i < NREGS; i++) {
		ops[i].slot = *q & 0x1f;
		ops[i].diff = (*q & 0x20) != 0;
		q++;
		ops[i].v = get_uv(&q);
		if (ops[i].slot >= NREGS)
			return -1;
	}
	if (back) {
		R[RIP_SLOT] -= (uint64_t)drip;
		for (i = 0; i < nregs; i++) {
			if (ops[i].diff) {
				d = unzig(ops[i].v);
				R[ops[i].slot] -= (uint64_t)d;
			} else
				R[ops[i].slot] ^= ops[i].v;
		}
	}
	rsp0 = R[RSP_SLOT];
	*nmoved = 0;
	if (h & H_MEM) {
		n = get_uv(&q);
		for (i = 0; i < n; i++) {
			uint64_t addr = rsp0 + (uint64_t)unzig(get_uv(&q));

			len = get_uv(&q);
			if (swap_mem(r, addr, (uint8_t *)q, (size_t)len) < 0)
				return -1;
			if (*nmoved < MAXRANGES) {
				r->moved[*nmoved].addr = addr;
				r->moved[(*nmoved)++].len = (size_t)len;
			}
			q += len;
		}
	}
	if (h & H_FP) {
		n = get_uv(&q);
		for (i = 0; i < n; i++) {
			k = (size_t)get_uv(&q);
			if (k >= NXBLK || xstate_alloc(r) < 0)
				return -1;
			for (mask = 0; mask < 16; mask++)
				r->fpx[k * 16 + mask] ^= q[mask];
			q += 16;
			r->fpx_any = true;
		}
	}
	if (!back) {
		R[RIP_SLOT] += (uint64_t)drip;
		for (i = 0; i < nregs; i++) {
			if (ops[i].diff) {
				d = unzig(ops[i].v);
				R[ops[i].slot] += (uint64_t)d;
			} else
				R[ops[i].slot] ^= ops[i].v;
		}
	}
	return 0;
}

int
fs_record_move(struct fs_record *r, bool back,
    const struct fs_record_range **ranges, size_t *nranges,
    struct fs_err *e)
{
	struct chunk *c;
	uint8_t *p;
	size_t k, len, n = 0;
	uint64_t clen;

	if (ranges != NULL)
		*ranges = r->moved;
	if (nranges != NULL)
		*nranges = 0;
	if (back) {
		if (r->pos + 1 == r->first || r->count == 0)
			return 0;
		while (r->coff == 0 || (r->cc == r->c0 && r->coff <= r->off0)) {
			if (r->cc == r->c0)
				return 0;
			r->cc--;
			r->coff = r->ch[r->cc].len;
		}
		c = &r->ch[r->cc];
		clen = get_back(c->data + r->coff, &k);
		len = (size_t)clen + k;
		p = c->data + r->coff - len;
		if (!r->view_on) {
			r->view_on = true;
			if (r->t != NULL)
				fs_target_set_view(r->t, &r->view);
		}
		if (apply(r, p, true, &n) < 0)
			return fs_err_set(e, FS_E_FORMAT,
			    "the recording is damaged at instruction %llu",
			    (unsigned long long)r->pos);
		r->coff -= len;
		r->pos--;
	} else {
		if (r->pos == fs_record_end(r))
			return 0;
		while (r->coff >= r->ch[r->cc].len)
			r->cc++, r->coff = 0;
		c = &r->ch[r->cc];
		p = c->data + r->coff;
		len = entry_len(p);
		if (apply(r, p, false, &n) < 0)
			return fs_err_set(e, FS_E_FORMAT,
			    "the recording is damaged at instruction %llu",
			    (unsigned long long)r->pos + 1);
		r->coff += len;
		r->pos++;
		view_update(r);
	}
	if (nranges != NULL)
		*nranges = n;
	return 1;
}

int
fs_record_last_write(struct fs_record *r, uint64_t addr, size_t len,
    uint64_t *pos, uint64_t *pc)
{
	const struct user_regs_struct *live;
	struct user_regs_struct regs;
	uint64_t *R = (uint64_t *)&regs;
	uint64_t p = r->pos, nregs, i, n, a, l, v;
	size_t cc = r->cc, coff = r->coff, k, elen;
	const uint8_t *q;
	unsigned slot;
	uint8_t h;

	/* Not view_regs(): at the end of the log it would keep the live
	   registers as the state's, and the process moves on.  */
	if (r->regs_set || r->image)
		regs = r->regs;
	else if (fs_target_regs_live(r->t, &live, NULL) == 0)
		regs = *live;
	else
		return -1;
	/* Back from the position as apply() goes, the registers alone:
	   each entry's ranges are relative to rsp before its step.  */
	for (; r->count > 0 && p + 1 > r->first; p--) {
		while (coff == 0 || (cc == r->c0 && coff <= r->off0)) {
			if (cc == r->c0)
				return 0;
			cc--;
			coff = r->ch[cc].len;
		}
		elen = (size_t)get_back(r->ch[cc].data + coff, &k) + k;
		q = r->ch[cc].data + coff - elen;
		h = *q++;
		nregs = h & H_NREGS;
		if (nregs == H_NREGS)
			nregs = get_uv(&q);
		R[RIP_SLOT] -= (uint64_t)unzig(get_uv(&q));
		for (i = 0; i < nregs; i++) {
			slot = *q & 0x1f;
			if (slot >= NREGS)
				return -1;
			if (*q++ & 0x20)
				R[slot] -= (uint64_t)unzig(get_uv(&q));
			else
				R[slot] ^= get_uv(&q);
		}
		if (h & H_MEM) {
			n = get_uv(&q);
			for (i = 0; i < n; i++) {
				v = get_uv(&q);
				a = R[RSP_SLOT] + (uint64_t)unzig(v);
				l = get_uv(&q);
				q += l;
				if (a < addr + len && addr < a + l) {
					*pos = p;
					*pc = R[RIP_SLOT];
					return 1;
				}
			}
		}
		coff -= elen;
	}
	return 0;
}

int
fs_record_goto(struct fs_record *r, uint64_t pos, struct fs_err *e)
{
	int rc;

	if (pos + 1 < r->first)
		pos = r->first - 1;
	if (pos > fs_record_end(r))
		pos = fs_record_end(r);
	while (r->pos > pos)
		if ((rc = fs_record_move(r, true, NULL, NULL, e)) <= 0)
			return rc;
	while (r->pos < pos)
		if ((rc = fs_record_move(r, false, NULL, NULL, e)) <= 0)
			return rc;
	return 0;
}

/* ------------------------------------------------------------ recording */

static size_t
cpage_slot(const struct fs_record *r, uint64_t pg)
{
	size_t i = (size_t)(((pg / PAGE) * 0x9e3779b97f4a7c15ULL) >> 32) &
	    (r->capcpages - 1);

	while (r->cpages[i] != 0 && r->cpages[i] != pg)
		i = (i + 1) & (r->capcpages - 1);
	return i;
}

static bool
cpage_has(const struct fs_record *r, uint64_t pg)
{
	return r->capcpages != 0 && r->cpages[cpage_slot(r, pg)] == pg;
}

/* Remember the code page PG: -1 when memory runs out.  */
static int
cpage_add(struct fs_record *r, uint64_t pg)
{
	uint64_t *old = r->cpages;
	size_t oldcap = r->capcpages, i;

	if (pg == 0 || cpage_has(r, pg))
		return 0;
	if ((r->ncpages + 1) * 2 > r->capcpages) {
		r->capcpages = oldcap ? oldcap * 2 : 64;
		if ((r->cpages = calloc(r->capcpages, sizeof *r->cpages)) ==
		    NULL) {
			r->cpages = old;
			r->capcpages = oldcap;
			return -1;
		}
		r->ncpages = 0;
		for (i = 0; i < oldcap; i++)
			if (old[i] != 0) {
				r->cpages[cpage_slot(r, old[i])] = old[i];
				r->ncpages++;
			}
		free(old);
	}
	r->cpages[cpage_slot(r, pg)] = pg;
	r->ncpages++;
	return 0;
}

/* A store into [ADDR, ADDR+LEN) that hits code decoded: forget it.  */
static void
cpage_store(struct fs_record *r, uint64_t addr, uint64_t len)
{
	uint64_t pg;

	if (len == 0 || r->ncpages == 0)
		return;
	for (pg = addr & ~(PAGE - 1); pg < addr + len; pg += PAGE)
		if (cpage_has(r, pg)) {
			fs_record_code_changed(r);
			return;
		}
}

static const struct fs_insn *
decode(struct fs_record *r, uint64_t pc)
{
	struct dent *d;
	uint8_t buf[16];
	ssize_t n;

	if (r->dcache == NULL &&
	    (r->dcache = calloc(DCACHE, sizeof *r->dcache)) == NULL)
		return NULL;
	d = &r->dcache[(size_t)((pc * 0x9e3779b97f4a7c15ULL) >> 40) %
	    DCACHE];
	if (d->pc == pc && pc != 0)
		return &d->in;
	if ((n = r->code(r->code_arg, pc, buf, sizeof buf)) <= 0)
		return NULL;
	if (fs_insn_decode_fast_bits(buf, (size_t)n, pc, r->insn_bits,
	    &d->in) < 0 ||
	    d->in.len == 0 || cpage_add(r, pc & ~(PAGE - 1)) < 0 ||
	    cpage_add(r, (pc + d->in.len - 1) & ~(PAGE - 1)) < 0) {
		d->pc = 0;
		return NULL;
	}
	d->pc = pc;
	return &d->in;
}

static ssize_t
prog_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	return fs_target_read_live(arg, addr, buf, len, NULL);
}

static void *
grow(uint8_t **p, size_t *cap, size_t want)
{
	uint8_t *n;
	size_t c = *cap ? *cap : 4096;

	if (want <= *cap)
		return *p;
	while (c < want)
		c *= 2;
	if ((n = realloc(*p, c)) == NULL)
		return NULL;
	*p = n;
	*cap = c;
	return n;
}

/* The reason in E; 1: the step was not taken.  */
static int
cannot(struct fs_record *r, struct fs_err *e, const char *what)
{
	fs_err_set(e, FS_E_STATE,
	    "record: cannot record %s: recording stopped at instruction %llu",
	    what, (unsigned long long)fs_record_end(r));
	return 1;
}

/* The table of the system call the thread at REGS makes with IN, or,
   stopped inside one (RESTART), made: int $0x80 and sysenter enter the
   kernel's 32-bit ABI from 64-bit code too.  The call a restart makes
   again is the 2-byte instruction before the pc.  */
static const struct fs_syscall_abi *
sys_of(struct fs_record *r, const struct user_regs_struct *regs,
    const struct fs_insn *in, bool restart)
{
	if (restart && (in = decode(r, regs->rip - 2)) != NULL &&
	    in->len != 2)
		in = NULL;
	return in != NULL && in->compat_syscall ? r->compat_sys : r->sys;
}

const char *
fs_record_exiting(struct fs_record *r)
{
	const struct fs_syscall_abi *sys;
	const struct user_regs_struct *regs;
	const struct fs_insn *in;
	uint64_t alt[2];
	size_t n;
	bool altset;

	if (fs_target_regs_live(r->t, &regs, NULL) < 0 ||
	    (in = decode(r, regs->rip)) == NULL || !in->is_syscall)
		return NULL;
	sys = sys_of(r, regs, in, false);
	if (sys->writes(regs, prog_read, r->t, r->sr, MAXRANGES, &n, alt,
	    &altset) == FS_SYSCALL_EXIT)
		return sys->name(regs->rax);
	return NULL;
}

/* Merge overlapping or touching ranges (sorted by address) so that no
   byte is saved twice: a swap of one would undo the other's.  */
static size_t
ranges_merge(struct fs_syscall_range *v, size_t n)
{
	struct fs_syscall_range t;
	size_t i, j, m = 0;

	for (i = 1; i < n; i++)
		for (j = i; j > 0 && v[j - 1].addr > v[j].addr; j--) {
			t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	for (i = 0; i < n; i++) {
		if (m > 0 && v[i].addr <= v[m - 1].addr + v[m - 1].len) {
			uint64_t end = v[i].addr + v[i].len;

			if (end > v[m - 1].addr + v[m - 1].len)
				v[m - 1].len = end - v[m - 1].addr;
			continue;
		}
		v[m++] = v[i];
	}
	return m;
}

static uint8_t chk[65536];
static uint64_t chk_lo;

static void
check_before(struct fs_record *r, const struct user_regs_struct *r0)
{
	chk_lo = (r0->rsp & ~4095ULL) - 16384;
	if (fs_target_read_live(r->t, chk_lo, chk, sizeof chk, NULL) <= 0)
		chk_lo = 0;
}

static void
check_after(struct fs_record *r, const struct fs_insn *in, size_t nr)
{
	static uint8_t now[65536];
	ssize_t got;
	size_t i, k;

	if (chk_lo == 0 || (got = fs_target_read_live(r->t, chk_lo, now,
	    sizeof now, NULL)) <= 0)
		return;
	for (i = 0; i < (size_t)got; i++) {
		if (now[i] == chk[i])
			continue;
		for (k = 0; k < nr; k++)
			if (chk_lo + i >= r->sr[k].addr && chk_lo + i <
			    r->sr[k].addr + r->sr[k].len)
				break;
		if (k == nr) {
			fprintf(stderr, "RECORD CHECK: 0x%llx written by "
			    "0x%llx (%s) not recorded\n",
			    (unsigned long long)(chk_lo + i),
			    (unsigned long long)in->addr, in->text);
			return;
		}
	}
}

/* Keep, of the ranges R->SR[0..NR) read before a signal was delivered
   (their bytes in O), the bytes the instruction's own ranges
   R->INS[0..NINS) hold and those of the stacks at or above the handler's
   rsp RSP1; the rest is dropped, O compacted.  Returns the new count.  */
static size_t
sig_trim(struct fs_record *r, size_t nins, uint64_t rsp1, uint8_t *o,
    size_t nr, size_t *total)
{
	size_t i, k, m = 0, src = 0, dst = 0, run;
	uint64_t a, end, start;
	bool keep, cur;

	for (i = 0; i < nr; i++) {
		a = r->sr[i].addr;
		end = a + r->sr[i].len;
		start = a;
		cur = false;
		for (; a <= end; a++) {
			keep = false;
			if (a < end) {
				keep = a >= rsp1;
				for (k = 0; k < nins && !keep; k++)
					keep = a >= r->ins[k].addr &&
					    a < r->ins[k].addr + r->ins[k].len;
			}
			if (keep && !cur) {
				start = a;
				cur = true;
			} else if (!keep && cur) {
				run = (size_t)(a - start);
				memmove(o + dst, o + src + (start -
				    r->sr[i].addr), run);
				r->sr[m].addr = start;
				r->sr[m++].len = run;
				dst += run;
				cur = false;
			}
		}
		src += (size_t)r->sr[i].len;
	}
	*total = dst;
	return m;
}

/* ------------------------------------------------------------ emulation */

static int
emu_read(void *arg, uint64_t addr, void *buf, size_t len)
{
	struct fs_record *r = arg;
	struct iovec lio = { buf, len }, rio = { (void *)addr, len };

	return fs_target_readv(r->t, &lio, &rio, 1) == (ssize_t)len ? 0 : -1;
}

/* The old bytes of the store ES among the ranges R->SR[0..NR) read into
   O: NULL when the decoder's ranges do not hold it all (the emulator
   and the decoder disagree: the CPU decides).  */
static const uint8_t *
emu_old(struct fs_record *r, size_t nr, const uint8_t *o,
    const struct fs_emu_store *es)
{
	size_t i, off = 0;

	for (i = 0; i < nr; off += (size_t)r->sr[i].len, i++)
		if (es->addr >= r->sr[i].addr && es->addr + es->len <=
		    r->sr[i].addr + r->sr[i].len)
			return o + off + (es->addr - r->sr[i].addr);
	return NULL;
}

/* Make the emulated step the process's: its store, then its registers.
   0, or -1 with nothing changed (a page the program may not write).  */
static int
emu_commit(struct fs_record *r, const struct user_regs_struct *regs,
    const struct fs_emu_store *es, const uint8_t *old)
{
	ssize_t got;

	if (es->len > 0 && (got = fs_target_store(r->t, es->addr, es->bytes,
	    es->len)) != (ssize_t)es->len) {
		if (got > 0)
			fs_target_store(r->t, es->addr, old, (size_t)got);
		return -1;
	}
	if (fs_target_set_regs(r->t, regs, NULL) < 0) {
		if (es->len > 0)
			fs_target_store(r->t, es->addr, old, es->len);
		return -1;
	}
	return 0;
}

/* The instruction at IN, in a check's report: its bytes and text.  */
static void
emu_report(struct fs_record *r, const struct fs_insn *in, const char *why)
{
	uint8_t code[16];
	struct fs_insn t;
	ssize_t cn;
	size_t i;

	cn = r->code(r->code_arg, in->addr, code, sizeof code);
	fprintf(stderr, "RECORD EMU CHECK: 0x%llx:", (unsigned long long)
	    in->addr);
	for (i = 0; i < in->len && cn > 0 && i < (size_t)cn; i++)
		fprintf(stderr, " %02x", code[i]);
	fprintf(stderr, " (%s): %s\n", cn > 0 && fs_insn_decode_bits(code,
	    (size_t)cn, in->addr, 64, false, &t) == 0 ? t.gdbtext : "?", why);
}

/* The CPU faulted where the emulator went on.  */
static void
emu_fault(struct fs_record *r, const struct fs_insn *in, int sig)
{
	char why[64];

	r->nchecked++;
	snprintf(why, sizeof why, "the CPU faults (%s), not the emulator",
	    strsignal(sig));
	emu_report(r, in, why);
}

/* FRAMESCOPE_RECORD_EMU_CHECK: the CPU's step (R1, memory now) against
   the emulator's (RE, ES) from the same state.  */
static void
emu_compare(struct fs_record *r, const struct fs_insn *in,
    const struct user_regs_struct *r1, const struct user_regs_struct *re,
    const struct fs_emu_store *es)
{
	static const char *const names[] = { "r15", "r14", "r13", "r12",
	    "rbp", "rbx", "r11", "r10", "r9", "r8", "rax", "rcx", "rdx",
	    "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss",
	    "fs_base", "gs_base", "ds", "es", "fs", "gs" };
	const uint64_t *a = (const uint64_t *)r1, *b = (const uint64_t *)re;
	uint8_t now[8];
	char why[200] = "";
	size_t i;

	r->nchecked++;
	for (i = 0; i < NREGS && why[0] == '\0'; i++) {
		uint64_t x = a[i], y = b[i];

		if (x != y)
			snprintf(why, sizeof why, "%s 0x%llx, emulated 0x%llx",
			    i < sizeof names / sizeof names[0] ? names[i] :
			    "?", (unsigned long long)x, (unsigned long long)y);
	}
	if (why[0] == '\0' && es->len > 0 &&
	    (fs_target_read_live(r->t, es->addr, now, es->len, NULL) !=
	    es->len || memcmp(now, es->bytes, es->len) != 0))
		snprintf(why, sizeof why, "the store at 0x%llx",
		    (unsigned long long)es->addr);
	if (why[0] != '\0')
		emu_report(r, in, why);
}

bool
fs_record_emulated(const struct fs_record *r, struct fs_record_range *store)
{
	if (store != NULL)
		*store = r->emu_store;
	return r->emulated;
}

void
fs_record_emu_counts(const struct fs_record *r, uint64_t *emulated,
    uint64_t *stepped)
{
	*emulated = r->nemu;
	*stepped = r->nstep;
}

int
fs_record_step(struct fs_record *r, const struct fs_record_stepper *st,
    int sig, struct fs_event *ev, struct fs_err *e)
{
	const struct user_regs_struct *lr;
	struct user_regs_struct r0, r1;
	size_t x0len = 0, x1len = 0;
	struct fs_insn_mem acc[FS_INSN_MAXMEM];
	const struct fs_insn *in;
	struct iovec lio[MAXRANGES], rio[MAXRANGES];
	uint64_t *a0, *a1, alt[2] = { 0, 0 }, nfp = 0;
	size_t nr = 0, i, total = 0, nio, elen, off, have, nins;
	uint8_t *ep, *o;
	bool fp, altset = false, restart, emu;
	struct user_regs_struct re;
	struct fs_emu_store es;
	const uint8_t *eold = NULL;
	ssize_t got;
	char what[320];
	int k, rc;

	if (fs_record_replaying(r))
		return fs_err_set(e, FS_E_STATE, "not at the end of the log");
	if (fs_target_tid(r->t) != r->view.tid) {
		snprintf(what, sizeof what, "thread LWP %d, the recording "
		    "being of LWP %d", (int)fs_target_tid(r->t),
		    (int)r->view.tid);
		return cannot(r, e, what);
	}
	if ((rc = fs_target_regs_live(r->t, &lr, e)) < 0)
		return rc;
	r0 = *lr;
	if ((in = decode(r, r0.rip)) == NULL) {
		snprintf(what, sizeof what, "the instruction at 0x%llx",
		    (unsigned long long)r0.rip);
		return cannot(r, e, what);
	}
	/* Stopped inside a system call (an attach, an interrupt): resumed,
	   the kernel makes it again (rip back on the syscall, rax the call
	   or restart_syscall), whatever the instruction at rip.  */
	restart = (int64_t)r0.orig_rax >= 0 && ((int64_t)r0.rax == -512 ||
	    (int64_t)r0.rax == -513 || (int64_t)r0.rax == -514 ||
	    (int64_t)r0.rax == -516);
	if (restart || in->is_syscall) {
		struct user_regs_struct sc = r0;
		const struct fs_syscall_abi *sys = sys_of(r, &r0, in, restart);

		if (restart)
			sc.rax = r0.orig_rax;
		rc = sys->writes(&sc, prog_read, r->t, r->sr, MAXRANGES,
		    &nr, alt, &altset);
		if (rc == FS_SYSCALL_UNKNOWN || rc == FS_SYSCALL_TOOMANY ||
		    (rc == FS_SYSCALL_FORK && (st == NULL || !st->forks))) {
			const char *name = sys->name(sc.rax);

			snprintf(what, sizeof what, "syscall 0x%llx (%s)",
			    (unsigned long long)sc.rax, name ? name : "?");
			return cannot(r, e, what);
		}
	} else if (in->writes_mem) {
		k = fs_insn_mem_access(in, &r0, acc, FS_INSN_MAXMEM);
		if (k < 0 || k > FS_INSN_MAXMEM) {
			struct fs_insn t;
			uint8_t code[16];
			ssize_t cn = r->code(r->code_arg, r0.rip, code,
			    sizeof code);

			snprintf(what, sizeof what,
			    "the instruction at 0x%llx (%s)",
			    (unsigned long long)r0.rip, cn > 0 &&
			    fs_insn_decode_bits(code, (size_t)cn, r0.rip,
			    r->insn_bits, false, &t) == 0 ? t.gdbtext :
			    "not understood");
			return cannot(r, e, what);
		}
		for (i = 0; i < (size_t)k; i++)
			if (acc[i].write) {
				r->sr[nr].addr = acc[i].addr;
				r->sr[nr++].len = acc[i].len;
			}
	}
	/* A signal's handler gets a frame on the stack, or on the signal
	   stack: both are saved, whichever it goes to.  */
	nins = nr;
	if (sig != 0 && nr + 2 <= MAXRANGES) {
		memcpy(r->ins, r->sr, nr * sizeof *r->sr);
		r->sr[nr].addr = r0.rsp - REDZONE - SIGFRAME;
		r->sr[nr++].len = SIGFRAME;
		if (r->altstack[1] != 0) {
			r->sr[nr].addr = r->altstack[0];
			r->sr[nr++].len = r->altstack[1];
		}
	}
	nr = ranges_merge(r->sr, nr);
	for (i = 0; i < nr; i++)
		total += r->sr[i].len;
	fp = in->writes_xstate || sig != 0 || in->is_syscall || restart;
	if (fp && (xstate_alloc(r) < 0 || fs_target_xstate_live(r->t, r->x0,
	    XSTATE, &x0len, e) < 0))
		fp = false;
	/* The old bytes, in one system call.  */
	if ((o = grow(&r->old, &r->oldcap, total + 1)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	memset(o, 0, total);
	for (i = 0, off = 0; i < nr; i++) {
		lio[i].iov_base = o + off;
		lio[i].iov_len = (size_t)r->sr[i].len;
		rio[i].iov_base = (void *)r->sr[i].addr;
		rio[i].iov_len = (size_t)r->sr[i].len;
		off += (size_t)r->sr[i].len;
	}
	nio = nr;
	got = fs_target_readv(r->t, lio, rio, nio);
	have = got > 0 ? (size_t)got : 0;
	if (have < total) {
		/* A range across the end of a mapping, or not mapped at all
		   (an instruction about to fault): whatever can be read.  */
		for (i = 0, off = 0; i < nr; i++) {
			if (off + r->sr[i].len > have)
				fs_target_read_live(r->t, r->sr[i].addr, o + off,
				    (size_t)r->sr[i].len, NULL);
			off += (size_t)r->sr[i].len;
		}
	}
	/* The emulator's turn, when the instruction is one it knows.  */
	r->emulated = false;
	emu = st != NULL && st->emulate && sig == 0 && !restart &&
	    !in->is_syscall && r->insn_bits == 64 && fs_emu_can(in) &&
	    (r->emu_check || r->emu_run < EMU_RUN);
	if (emu) {
		re = r0;
		if (fs_emu_exec(in, &re, emu_read, r, &es) < 0 ||
		    (es.len > 0 && (eold = emu_old(r, nr, o, &es)) == NULL))
			emu = false;
	}
	if (emu && !r->emu_check && emu_commit(r, &re, &es, eold) == 0) {
		memset(ev, 0, sizeof *ev);
		ev->kind = FS_EV_STEP;
		ev->tid = fs_target_tid(r->t);
		r1 = re;
		r->emulated = true;
		r->emu_store.addr = es.addr;
		r->emu_store.len = es.len;
		r->emu_run++;
		r->nemu++;
		cpage_store(r, es.addr, es.len);
		goto entry;
	}
	r->emu_run = 0;
	r->nstep++;
	if (r->check)
		check_before(r, &r0);
	if ((rc = st != NULL ? st->step(st->arg, sig, ev, e) :
	    fs_target_step(r->t, sig, ev, e)) < 0)
		return rc;
	if (r->check)
		check_after(r, in, nr);
	if (ev->kind == FS_EV_EXITED || ev->kind == FS_EV_KILLED)
		return 0;
	if ((rc = fs_target_regs_live(r->t, &lr, e)) < 0)
		return rc;
	r1 = *lr;
	if (emu && r->emu_check && ev->kind == FS_EV_STEP)
		emu_compare(r, in, &r1, &re, &es);
	else if (emu && r->emu_check && ev->kind == FS_EV_SIGNAL &&
	    (ev->sig == SIGSEGV || ev->sig == SIGBUS || ev->sig == SIGFPE ||
	    ev->sig == SIGILL) && (es.len == 0 || fs_target_store(r->t,
	    es.addr, eold, es.len) == (ssize_t)es.len))
		/* A store the program may not make fails, and the CPU runs
		   it: only one that can be made (its old bytes put back)
		   is the emulator's going on where the CPU faults.  */
		emu_fault(r, in, ev->sig);
	for (i = 0; i < nr; i++)
		cpage_store(r, r->sr[i].addr, r->sr[i].len);
	if (ev->kind != FS_EV_STEP && ev->kind != FS_EV_WATCH &&
	    memcmp(&r0, &r1, sizeof r0) == 0)
		return 0;	/* nothing ran: a signal came first */
	if (altset) {
		r->altstack[0] = alt[0];
		r->altstack[1] = alt[1];
	}
	if (fp && (fs_target_xstate_live(r->t, r->x1, XSTATE, &x1len,
	    NULL) < 0 || x1len != x0len))
		fp = false;
	if (fp)
		for (i = 0; i < x0len / 16; i++)
			if (memcmp(r->x0 + i * 16, r->x1 + i * 16, 16) != 0)
				nfp++;
	/* A handler's frame is above its rsp: of the stacks read for it,
	   only that part can have changed.  */
	if (sig != 0)
		nr = sig_trim(r, nins, r1.rsp, o, nr, &total);
	/* The entry.  */
entry:
	elen = 16 + NREGS * 11 + 16 + nr * 24 + total + 16 + NXBLK * 20;
	if ((ep = grow(&r->ebuf, &r->ecap, elen)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	{
		uint8_t *p = ep + 1;
		unsigned nregs = 0;

		a0 = (uint64_t *)&r0;
		a1 = (uint64_t *)&r1;
		for (i = 0; i < NREGS; i++)
			if (i != RIP_SLOT && a0[i] != a1[i])
				nregs++;
		ep[0] = (uint8_t)(nregs < H_NREGS ? nregs : H_NREGS);
		if (nregs >= H_NREGS)
			p += put_uv(p, nregs);
		p += put_uv(p, zig((int64_t)(a1[RIP_SLOT] - a0[RIP_SLOT])));
		for (i = 0; i < NREGS; i++) {
			uint64_t x, dz;

			if (i == RIP_SLOT || a0[i] == a1[i])
				continue;
			x = a0[i] ^ a1[i];
			dz = zig((int64_t)(a1[i] - a0[i]));
			if (uv_len(dz) < uv_len(x)) {
				*p++ = (uint8_t)(i | 0x20);
				p += put_uv(p, dz);
			} else {
				*p++ = (uint8_t)i;
				p += put_uv(p, x);
			}
		}
		if (nr > 0) {
			ep[0] |= H_MEM;
			p += put_uv(p, nr);
			for (i = 0, off = 0; i < nr; i++) {
				p += put_uv(p, zig((int64_t)(r->sr[i].addr -
				    r0.rsp)));
				p += put_uv(p, r->sr[i].len);
				memcpy(p, o + off, (size_t)r->sr[i].len);
				p += r->sr[i].len;
				off += (size_t)r->sr[i].len;
			}
		}
		if (nfp != 0) {
			const uint8_t *x = r->x0, *y = r->x1;
			size_t b, j;

			ep[0] |= H_FP;
			p += put_uv(p, nfp);
			for (b = 0; b < x0len / 16; b++) {
				if (memcmp(x + b * 16, y + b * 16, 16) == 0)
					continue;
				p += put_uv(p, b);
				for (j = 0; j < 16; j++)
					*p++ = x[b * 16 + j] ^ y[b * 16 + j];
			}
		}
		p += put_back(p, (uint64_t)(p - ep));
		elen = (size_t)(p - ep);
	}
	if (log_append(r, ep, elen) < 0)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	return 0;
}

/* ------------------------------------------------------------ commit */

int
fs_record_commit(struct fs_record *r, struct fs_err *e)
{
	uint8_t live[PAGE];
	size_t xlen;
	struct opage *pg;
	size_t i, j, run;
	int rc;

	if (!fs_record_replaying(r) || r->image)
		return 0;
	for (i = 0; i < r->cappages; i++) {
		pg = &r->pages[i];
		if (pg->addr == 0 || pg->nmark == 0)
			continue;
		if (fs_target_read_live(r->t, pg->addr, live, PAGE, NULL) !=
		    (ssize_t)PAGE)
			memset(live, 0, PAGE);
		/* Only the marked bytes that differ: breakpoint bytes and
		   the rest of the page are the process's.  */
		for (j = 0; j < PAGE; j++) {
			if (!(pg->mark[j / 64] & (1ULL << (j % 64))) ||
			    live[j] == pg->data[j])
				continue;
			for (run = 1; j + run < PAGE && (pg->mark[(j + run) /
			    64] & (1ULL << ((j + run) % 64))) &&
			    live[j + run] != pg->data[j + run]; run++)
				;
			fs_target_poke(r->t, pg->addr + j, pg->data + j, run,
			    NULL);
			j += run - 1;
		}
	}
	if (r->fpx_any && fs_record_xstate(r, r->x1, XSTATE, &xlen, NULL) ==
	    0)
		fs_target_set_xstate_live(r->t, r->x1, xlen, NULL);
	view_regs(r);
	fs_target_set_view(r->t, NULL);
	r->view_on = false;
	if ((rc = fs_target_set_regs(r->t, &r->regs, e)) < 0)
		return rc;
	return 0;
}

/* ------------------------------------------------------ files */

int
fs_record_log_bytes(struct fs_record *r, uint8_t **buf, size_t *len,
    struct fs_err *e)
{
	size_t i, n = 0, from;
	uint8_t *b;

	for (i = r->c0; i < r->nch; i++)
		n += r->ch[i].len - (i == r->c0 ? r->off0 : 0);
	if ((b = malloc(n + 1)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	*len = n;
	n = 0;
	for (i = r->c0; i < r->nch; i++) {
		from = i == r->c0 ? r->off0 : 0;
		memcpy(b + n, r->ch[i].data + from, r->ch[i].len - from);
		n += r->ch[i].len - from;
	}
	*buf = b;
	return 0;
}

int
fs_record_touched(struct fs_record *r,
    int (*fn)(void *arg, uint64_t addr, const uint8_t *data, size_t len),
    void *arg, struct fs_err *e)
{
	uint8_t buf[PAGE];
	size_t i;
	ssize_t got;
	int rc;

	(void)e;
	for (i = 0; i < r->cappages; i++) {
		if (r->pages[i].addr == 0)
			continue;
		got = view_read(r, r->pages[i].addr, buf, PAGE, NULL);
		if (got > 0 && (rc = fn(arg, r->pages[i].addr, buf,
		    (size_t)got)) < 0)
			return rc;
	}
	return 0;
}

int
fs_record_load(const struct fs_record_base *base, const uint8_t *log,
    size_t len, uint64_t first, uint64_t pos, struct fs_record **out,
    struct fs_err *e)
{
	struct fs_record *r = NULL;
	const uint8_t *p = log, *end = log + len;
	size_t el;
	uint64_t n = 0;
	int rc;

	if ((rc = record_alloc(&r, e)) < 0)
		return rc;
	/* The base is the recording's once it is made, not before.  */
	r->image = true;
	r->regs = base->regs;
	r->regs_set = true;
	/* Count the entries, checking that they fit.  */
	while (p < end) {
		if (end - p < 2 || (el = entry_len(p)) > (size_t)(end - p) ||
		    el == 0) {
			fs_record_free(r);
			return fs_err_set(e, FS_E_FORMAT,
			    "the recording's log is damaged");
		}
		p += el;
		n++;
	}
	if (len > 0) {
		struct chunk *c = log_room(r, len);

		if (c == NULL) {
			fs_record_free(r);
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
		memcpy(c->data, log, len);
		c->len = len;
	}
	r->first = first;
	r->count = n;
	if (pos + 1 < first || pos > first - 1 + n) {
		fs_record_free(r);
		return fs_err_set(e, FS_E_FORMAT,
		    "the recording's position is outside its log");
	}
	/* The cursor at POS.  */
	r->pos = first - 1;
	r->cc = 0;
	r->coff = 0;
	p = log;
	while (r->pos < pos) {
		el = entry_len(p);
		p += el;
		r->coff += el;
		r->pos++;
	}
	r->base = *base;
	r->view_on = true;
	*out = r;
	return 0;
}
