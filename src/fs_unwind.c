/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_unwind: CFI unwinding with libunwind and our own accessors (see
 * include/fs_unwind.h).
 *
 * Memory is answered, in this order, from: the stack bytes read at the
 * start of this unwind; the file image of a module for addresses in its
 * read-only segments (code and unwind tables never change at run time, and
 * the file has no breakpoint bytes in it); a small page cache filled with
 * process_vm_readv, emptied at every unwind.  Unwind tables are found in
 * each module's .eh_frame_hdr, whose binary-search table libunwind's
 * dwarf_search_unwind_table reads through the same accessors.
 *
 * Every unwind ends, whatever the stack and the unwind tables hold: at a
 * frame whose CFA is not above the one before (a signal frame may switch
 * stacks, but not twice to the same place), at a pc in no mapping, at the
 * limit asked for, or when fs_cancelled; the frames so far are kept, with
 * the reason gdb gives for the end (fs_unwind_end).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libunwind.h>

#include "fs_cfi.h"
#include "fs_unwind.h"

/* Not in the public headers, but exported by libunwind (perf uses it).  */
extern int _Ux86_64_dwarf_search_unwind_table(unw_addr_space_t, unw_word_t,
    unw_dyn_info_t *, unw_proc_info_t *, int, void *);

#define STACK_FIRST	(8 * 1024)
/* The window of the stack read at once grows to at most STACK_MAX, and
   by at most STACK_GAP past what it holds: a word farther (a garbage
   frame pointer in a stack mapping a hostile recording makes huge) is
   read alone.  */
#define STACK_MAX	(64 * 1024 * 1024)
#define STACK_GAP	(1024 * 1024)
#define NRULES		2048	/* unwind rules kept, by code address */
#define NWHERE		1024	/* symbolized addresses kept */
#define NPAGES		16
#define NR1		8	/* registers compared in reuse() */
/* Frames of one unwind at most, whatever the limit asked: a stack made
   of valid-looking frames (a corrupt one, or a hostile one) must not
   take all the memory.  A real stack holds fewer (8 MB of 16-byte
   frames is half that).  */
#define MAXFRAMES	1000000
#define PAGE		4096

struct page {
	uint64_t	addr;	/* page-aligned; 0: empty */
	size_t		len;	/* bytes valid */
	uint8_t		data[PAGE];
};

/* The registers the fast path follows, in regs_of's order.  */
enum { FR_RIP, FR_RSP, FR_RBP, FR_RBX, FR_R12, FR_R13, FR_R14, FR_R15 };

/* A rule of its own: saved at another register's value plus an offset
   (fs_cfi's at_reg).  */
#define AT_REG	(FS_CFI_OTHER + 1)

/* How to find a frame's caller at one code address (fs_cfi's row, for
   the registers that matter), and what libunwind need not be asked.  */
struct rule {
	uint64_t	 key;		/* pc * 2 + exact; 0: empty */
	bool		 simple;	/* else libunwind unwinds the frame */
	/* own_walk can take it: simple, or the CFA the word at a register
	   plus an offset (CFA_DEREF), registers saved at another one's
	   value plus an offset (HOW AT_REG, at BASE, an FR_*).  */
	bool		 own;
	bool		 cfa_deref;
	uint8_t		 base[NR1];
	/* CFA's register when it is none of the FR_* ones (i386 main's
	   ecx): known in frame 0 only.  0xff: CFA is FR_*.  */
	uint8_t		 cfa_dw;
	bool		 sigtramp;	/* is_sigtramp of the pc */
	uint8_t		 cfa;		/* FR_* of the CFA's register */
	int32_t		 cfa_off;
	uint8_t		 how[NR1];	/* FS_CFI_*; FR_RIP's: the return
					   address's, FR_RSP's unused */
	int32_t		 off[NR1];
};

struct fs_unwinder {
	unw_addr_space_t	 as;
	const struct fs_arch	*arch;		/* of the thread unwound */
	struct rule		*rules;		/* NRULES, on first use */
	bool			 no_fast;	/* fs_unwind_set_fast */
	unsigned long		 nfast, nslow;	/* unwinds by each path */
	/* per unwind */
	struct fs_target	*t;
	struct fs_modules	*m;
	struct user_regs_struct	 regs;
	struct user_regs_struct	 regs0;		/* as fs_unwind got them:
						   step_by_rbp moves REGS */
	uint8_t			*stk;
	size_t			 stkcap;
	uint64_t		 stk_lo, stk_hi;	/* bytes held */
	uint64_t		 smap_hi;		/* end of the stack
							   mapping */
	struct page		 pages[NPAGES];
	struct fs_frame		*frames;
	size_t			 nframes, capframes;
	struct fs_module	*lastmod;	/* of the last file read */
	/* Symbolized addresses: return addresses repeat at every stop. */
	struct {
		uint64_t	 pc, lookup;
		struct fs_where	 w;
	}			 where[NWHERE];
	unsigned long		 generation;	/* of the modules cached */
	/* Procedure info found so far, sorted by start_ip: see
	   acc_find_proc.  */
	unw_proc_info_t		*pis;
	size_t			 npis, cappis;
	bool			 other_mem;	/* read memory off the stack */

	/* The last unwind, to take its outer frames again: see reuse().  */
	struct fs_frame		*old;
	size_t			 nold, capold;
	uint8_t			*oldstk;
	size_t			 oldstkcap;
	uint64_t		 oldlo, oldhi;
	uint64_t		 oldr1[NR1];
	bool			 oldvalid, oldother;
	enum fs_unwind_end	 oldend;
	uint64_t		 oldend_addr;
	size_t			 nwhere;	/* frames named so far */

	/* fs_unwind_regs: computed once per unwind, on demand.  */
	struct fs_frame_regs	*fregs;
	size_t			 nfregs, capfregs, fregs_want;
	bool			 fregs_valid;
	/* FREGS came from the fast walk of the last unwind, every frame,
	   FINH[i] the registers (bits 1 << FR_*) frame I took where frame
	   I - 1 left them: saved where that frame's were.  */
	bool			 fregs_fast;
	unsigned		*finh;
	size_t			 capfinh;
	/* This walk's: its registers are libunwind's so far (FREGS_OK),
	   and how many of the last one's FREGS_FAST kept.  */
	bool			 fregs_ok;
	size_t			 nfregs_old;
	/* What the last step_by_rbp found: where it read the caller's rbp
	   (0: the caller's rbp is still in rbp) and return address.  */
	uint64_t		 rbp_at, rip_at;
	/* Why the last unwind ended, and the address it could not read
	   (FS_UNWIND_END_MEMORY); BAD_ADDR: the last word read_word could
	   not read.  */
	enum fs_unwind_end	 end;
	uint64_t		 end_addr, bad_addr;
};

/* Extend the held stack bytes up to at least ADDR + 8, if ADDR is inside
   the stack mapping.  */
static int
stack_grow(struct fs_unwinder *u, uint64_t addr)
{
	uint64_t want, hi;
	uint8_t *n;
	ssize_t got;

	if (addr < u->stk_hi || addr >= u->smap_hi || u->smap_hi - addr < 8 ||
	    addr - u->stk_hi > STACK_GAP || addr - u->stk_lo >= STACK_MAX - 8)
		return -1;
	want = (u->stk_hi - u->stk_lo) * 2;
	hi = u->stk_lo + want;
	if (hi < addr + 8)
		hi = addr + 8 + STACK_FIRST;
	if (hi > u->smap_hi)
		hi = u->smap_hi;
	if (hi - u->stk_lo > STACK_MAX)
		hi = u->stk_lo + STACK_MAX;
	if (hi - u->stk_lo > u->stkcap) {
		if ((n = realloc(u->stk, hi - u->stk_lo)) == NULL)
			return -1;
		u->stk = n;
		u->stkcap = hi - u->stk_lo;
	}
	got = fs_target_read(u->t, u->stk_hi, u->stk + (u->stk_hi - u->stk_lo),
	    hi - u->stk_hi, NULL);
	if (got <= 0)
		return -1;
	u->stk_hi += (uint64_t)got;
	return addr + 8 <= u->stk_hi ? 0 : -1;
}

/* True when ADDR lies in a read-only segment of MOD's file.  */
static const void *
file_bytes(struct fs_module *mod, uint64_t addr, size_t len)
{
	const struct fs_segment *seg;
	uint64_t fa = addr - mod->bias;
	size_t i, n;

	seg = fs_elf_segments(mod->elf, &n);
	for (i = 0; i < n; i++) {
		if (fa >= seg[i].vaddr && fa + len <= seg[i].vaddr +
		    seg[i].filesz) {
			if (seg[i].flags & 2)	/* PF_W: may have changed */
				return NULL;
			return fs_elf_bytes(mod->elf, fa, len);
		}
	}
	return NULL;
}

static int
read_word(struct fs_unwinder *u, uint64_t addr, uint64_t *val)
{
	struct fs_module *mod;
	struct page *pg;
	const void *p;
	uint64_t base;
	ssize_t got;

	/* No ADDR + 8: near the top of the address space it wraps.  */
	if (addr >= u->stk_lo && addr < u->stk_hi && u->stk_hi - addr >= 8) {
		memcpy(val, u->stk + (addr - u->stk_lo), 8);
		return 0;
	}
	if (addr >= u->stk_hi && stack_grow(u, addr) == 0) {
		memcpy(val, u->stk + (addr - u->stk_lo), 8);
		return 0;
	}
	mod = u->lastmod;
	if (mod == NULL || !mod->mapped || addr < mod->lo || addr >= mod->hi)
		mod = fs_modules_at(u->m, addr);
	if (mod != NULL && mod->mapped && (p = file_bytes(mod, addr, 8)) !=
	    NULL) {
		u->lastmod = mod;
		memcpy(val, p, 8);
		return 0;
	}
	base = addr & ~(uint64_t)(PAGE - 1);
	pg = &u->pages[(base / PAGE) % NPAGES];
	if (pg->addr != base || pg->len == 0) {
		pg->addr = base;
		got = fs_target_read(u->t, base, pg->data, PAGE, NULL);
		pg->len = got > 0 ? (size_t)got : 0;
	}
	u->other_mem = true;
	if (addr - base + 8 <= pg->len) {
		memcpy(val, pg->data + (addr - base), 8);
		return 0;
	}
	if (pg->len == PAGE) {
		/* A word across two pages.  */
		uint8_t buf[8];

		if (fs_target_read(u->t, addr, buf, 8, NULL) == 8) {
			memcpy(val, buf, 8);
			return 0;
		}
	}
	u->bad_addr = addr;
	return -1;
}

static int
acc_mem(unw_addr_space_t as, unw_word_t addr, unw_word_t *val, int write,
    void *arg)
{
	uint64_t v;

	(void)as;
	if (write)
		return -UNW_EREADONLYREG;
	if (read_word(arg, addr, &v) < 0)
		return -UNW_EINVAL;
	*val = v;
	return 0;
}

static int
acc_reg(unw_addr_space_t as, unw_regnum_t reg, unw_word_t *val, int write,
    void *arg)
{
	const struct user_regs_struct *r = &((struct fs_unwinder *)arg)->regs;

	(void)as;
	if (write)
		return -UNW_EREADONLYREG;
	switch (reg) {
	case UNW_X86_64_RAX: *val = r->rax; break;
	case UNW_X86_64_RDX: *val = r->rdx; break;
	case UNW_X86_64_RCX: *val = r->rcx; break;
	case UNW_X86_64_RBX: *val = r->rbx; break;
	case UNW_X86_64_RSI: *val = r->rsi; break;
	case UNW_X86_64_RDI: *val = r->rdi; break;
	case UNW_X86_64_RBP: *val = r->rbp; break;
	case UNW_X86_64_RSP: *val = r->rsp; break;
	case UNW_X86_64_R8: *val = r->r8; break;
	case UNW_X86_64_R9: *val = r->r9; break;
	case UNW_X86_64_R10: *val = r->r10; break;
	case UNW_X86_64_R11: *val = r->r11; break;
	case UNW_X86_64_R12: *val = r->r12; break;
	case UNW_X86_64_R13: *val = r->r13; break;
	case UNW_X86_64_R14: *val = r->r14; break;
	case UNW_X86_64_R15: *val = r->r15; break;
	case UNW_X86_64_RIP: *val = r->rip; break;
	default:
		return -UNW_EBADREG;
	}
	return 0;
}

static int
acc_fpreg(unw_addr_space_t as, unw_regnum_t reg, unw_fpreg_t *val,
    int write, void *arg)
{
	(void)as; (void)reg; (void)val; (void)write; (void)arg;
	return -UNW_EBADREG;
}

static int
acc_resume(unw_addr_space_t as, unw_cursor_t *c, void *arg)
{
	(void)as; (void)c; (void)arg;
	return -UNW_EINVAL;
}

static int
acc_proc_name(unw_addr_space_t as, unw_word_t addr, char *buf, size_t len,
    unw_word_t *off, void *arg)
{
	(void)as; (void)addr; (void)buf; (void)len; (void)off; (void)arg;
	return -UNW_ENOINFO;
}

static int
acc_dyn_list(unw_addr_space_t as, unw_word_t *dilap, void *arg)
{
	(void)as; (void)dilap; (void)arg;
	return -UNW_ENOINFO;
}

static void
acc_put(unw_addr_space_t as, unw_proc_info_t *pi, void *arg)
{
	(void)as; (void)pi; (void)arg;
}

/* Find MOD's .eh_frame_hdr search table, once.  */
static void
eh_setup(struct fs_module *mod)
{
	mod->eh_tried = true;
	if (fs_cfi_table(mod->elf, &mod->eh_hdr, &mod->eh_table,
	    &mod->eh_count) < 0)
		mod->eh_count = 0;
}

/* Index of the first cached procedure with end_ip > IP.  */
static size_t
pi_search(const struct fs_unwinder *u, uint64_t ip)
{
	size_t lo = 0, hi = u->npis, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (u->pis[mid].end_ip <= ip)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * libunwind asks for the procedure info of every frame at every stop.
 * Looking it up (a binary search of .eh_frame_hdr and an FDE parse) is
 * cheap through our accessors, but the CIE information it allocates comes
 * from libunwind's memory pool, whose lock blocks all signals: two system
 * calls to take it, two to free.  So each procedure is looked up once and
 * kept, with its CIE information, until the modules change; libunwind gets
 * a copy marked as a remote table, which it does not free.
 */
static int
acc_find_proc(unw_addr_space_t as, unw_word_t ip, unw_proc_info_t *pi,
    int need_unwind_info, void *arg)
{
	struct fs_unwinder *u = arg;
	struct fs_module *mod;
	unw_dyn_info_t di;
	unw_proc_info_t got, *np;
	size_t i;
	int r;

	(void)need_unwind_info;
	i = pi_search(u, ip);
	if (i < u->npis && u->pis[i].start_ip <= ip) {
		*pi = u->pis[i];
		return 0;
	}
	if ((mod = fs_modules_at(u->m, ip)) == NULL || !mod->mapped)
		return -UNW_ENOINFO;
	if (!mod->eh_tried)
		eh_setup(mod);
	if (mod->eh_count == 0)
		return -UNW_ENOINFO;
	memset(&di, 0, sizeof di);
	di.format = UNW_INFO_FORMAT_REMOTE_TABLE;
	di.start_ip = mod->lo;
	di.end_ip = mod->hi;
	di.u.rti.segbase = mod->eh_hdr + mod->bias;
	di.u.rti.table_data = mod->eh_table + mod->bias;
	di.u.rti.table_len = mod->eh_count * 8 / sizeof(unw_word_t);
	memset(&got, 0, sizeof got);
	if ((r = _Ux86_64_dwarf_search_unwind_table(as, ip, &di, &got, 1,
	    arg)) < 0)
		return r;
	got.format = UNW_INFO_FORMAT_REMOTE_TABLE;
	*pi = got;
	if (got.start_ip > ip || got.end_ip <= ip)
		return 0;
	if (u->npis == u->cappis) {
		size_t cap = u->cappis ? u->cappis * 2 : 256;

		if ((np = realloc(u->pis, cap * sizeof *np)) == NULL)
			return 0;
		u->pis = np;
		u->cappis = cap;
	}
	memmove(&u->pis[i + 1], &u->pis[i], (u->npis - i) * sizeof *u->pis);
	u->pis[i] = got;
	u->npis++;
	return 0;
}

int
fs_unwinder_new(struct fs_unwinder **out, struct fs_err *e)
{
	static unw_accessors_t acc = {
		.find_proc_info = acc_find_proc,
		.put_unwind_info = acc_put,
		.get_dyn_info_list_addr = acc_dyn_list,
		.access_mem = acc_mem,
		.access_reg = acc_reg,
		.access_fpreg = acc_fpreg,
		.resume = acc_resume,
		.get_proc_name = acc_proc_name,
	};
	struct fs_unwinder *u;

	if ((u = calloc(1, sizeof *u)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((u->as = unw_create_addr_space(&acc, 0)) == NULL) {
		free(u);
		return fs_err_set(e, FS_E_NOMEM,
		    "libunwind: cannot create an address space");
	}
	/* libunwind's cache of register rules takes a lock that blocks
	   signals, two system calls per frame; parsing an FDE again costs
	   less (see acc_find_proc for the part that is cached).  */
	unw_set_caching_policy(u->as, UNW_CACHE_NONE);
	*out = u;
	return 0;
}

void
fs_unwinder_free(struct fs_unwinder *u)
{
	if (u == NULL)
		return;
	unw_destroy_addr_space(u->as);
	free(u->stk);
	free(u->oldstk);
	free(u->old);
	free(u->frames);
	free(u->pis);
	free(u->fregs);
	free(u->finh);
	free(u->rules);
	free(u);
}

/* Read the stack from the red zone under rsp: one system call.  */
static void
stack_load(struct fs_unwinder *u)
{
	const struct fs_map *mp;
	uint64_t lo, hi, also[2], tp = 0;
	size_t nalso = 0;
	ssize_t got;

	lo = u->regs.rsp - u->arch->red_zone;
	mp = fs_maps_stack(fs_modules_maps(u->m), u->regs.rsp);
	u->smap_hi = mp != NULL ? mp->end : u->regs.rsp + STACK_FIRST;
	if (mp != NULL && lo < mp->start && u->regs.rsp >= mp->start)
		lo = mp->start;
	hi = lo + STACK_FIRST;
	/* As far up as the last unwind went: reuse() compares that much,
	   and one read is cheaper than a read and a second to grow.  */
	if (u->oldvalid && u->oldhi > hi && u->oldlo <= u->regs.rsp)
		hi = u->oldhi;
	if (hi > u->smap_hi)
		hi = u->smap_hi;
	if (u->stkcap < hi - lo) {
		uint8_t *n = realloc(u->stk, hi - lo);

		if (n == NULL) {
			u->stk_lo = u->stk_hi = 0;
			return;
		}
		u->stk = n;
		u->stkcap = hi - lo;
	}
	/* With the page of the code at the pc, which the stop decodes, and
	   of the stack guard (fs_unwind_canary): the same system call.  */
	also[nalso++] = u->regs.rip;
	memcpy(&tp, (const char *)&u->regs0 + u->arch->tp, u->arch->word);
	if (tp != 0)
		also[nalso++] = tp + u->arch->canary_off;
	got = fs_target_read_also(u->t, lo, u->stk, hi - lo, also, nalso,
	    NULL);
	u->stk_lo = lo;
	u->stk_hi = lo + (got > 0 ? (uint64_t)got : 0);
}

/* Whether PC is at a sigreturn trampoline of the architecture (on
   x86-64 `mov $15,%rax; syscall`, glibc's __restore_rt and the vDSO's;
   on i386 the vDSO's __kernel_sigreturn and __kernel_rt_sigreturn): the
   frame the kernel built for a signal handler to return through.
   libunwind's own test answers for the frame after it, so we look at the
   code.  *SF (may be NULL) gets which, *PAST how many of its bytes have
   run (i386's `pop %eax`).  */
static bool
is_sigtramp(struct fs_unwinder *u, uint64_t pc,
    const struct fs_arch_sigframe **sf, unsigned *past)
{
	const struct fs_arch_sigframe *k;
	uint64_t w[2], at;
	size_t i;
	int j;

	for (i = 0; i < u->arch->nsigframes; i++) {
		k = &u->arch->sigframes[i];
		for (j = 0; j <= (k->skip > 0 ? 1 : 0); j++) {
			at = pc - (j ? (uint64_t)k->skip : 0);
			if (read_word(u, at, &w[0]) < 0 ||
			    read_word(u, at + 8, &w[1]) < 0 ||
			    memcmp(w, k->code, k->len) != 0)
				continue;
			if (sf != NULL)
				*sf = k;
			if (past != NULL)
				*past = j ? (unsigned)k->skip : 0;
			return true;
		}
	}
	return false;
}

/* fs_modules_where through a cache, emptied when the modules change.  */
static void
where(struct fs_unwinder *u, uint64_t pc, uint64_t lookup,
    struct fs_where *w)
{
	size_t h = (size_t)((lookup * 0x9e3779b97f4a7c15ULL) >> 54) % NWHERE;

	if (u->where[h].pc == pc && u->where[h].lookup == lookup && pc != 0) {
		*w = u->where[h].w;
		return;
	}
	fs_modules_where(u->m, pc, lookup, w);
	u->where[h].pc = pc;
	u->where[h].lookup = lookup;
	u->where[h].w = *w;
}

void
fs_unwind_where_at(struct fs_unwinder *u, struct fs_modules *m, uint64_t pc,
    uint64_t lookup, struct fs_where *w)
{
	if (u == NULL || u->m != m ||
	    fs_modules_generation(m) != u->generation)
		fs_modules_where(m, pc, lookup, w);
	else
		where(u, pc, lookup, w);
}

static struct fs_frame *
frame_push(struct fs_unwinder *u)
{
	struct fs_frame *f;

	if (u->nframes == u->capframes) {
		size_t cap = u->capframes ? u->capframes * 2 : 64;

		if ((f = realloc(u->frames, cap * sizeof *f)) == NULL)
			return NULL;
		u->frames = f;
		u->capframes = cap;
	}
	f = &u->frames[u->nframes++];
	memset(f, 0, sizeof *f);
	f->index = (unsigned)(u->nframes - 1);
	f->phys = f->index;
	return f;
}

/* Whether there is CFI for the code at IP.  */
static bool
has_cfi(struct fs_unwinder *u, uint64_t ip)
{
	unw_proc_info_t pi;

	return acc_find_proc(u->as, ip, &pi, 1, u) == 0;
}

/*
 * The caller of frame I (whose registers cursor C holds) for code that
 * has no CFI: by the frame-pointer chain, as the textbook draws it (the
 * saved rbp at rbp, the return address above it), or at the two
 * instructions before the chain is made: `push %rbp` at a function's
 * entry and the `mov %rsp,%rbp` after it, and at a `ret`.  Returns 1 and
 * moves C to the caller, 0 when there is none.
 */
static int
step_by_rbp(struct fs_unwinder *u, unw_cursor_t *c, size_t i)
{
	unw_word_t pc, sp, bp;
	uint64_t code = 0, ra, nsp, nbp;

	if (unw_get_reg(c, UNW_REG_IP, &pc) < 0 ||
	    unw_get_reg(c, UNW_REG_SP, &sp) < 0 ||
	    unw_get_reg(c, UNW_X86_64_RBP, &bp) < 0)
		return 0;
	if (i == 0)
		read_word(u, pc, &code);
	if (i == 0 && ((code & 0xff) == 0x55 || (code & 0xff) == 0xc3)) {
		/* push %rbp or ret: the return address is on top.  */
		nsp = sp + 8;
		nbp = bp;
		u->rbp_at = 0;
	} else if (i == 0 && (code & 0xffffff) == 0xe58948) {
		/* mov %rsp,%rbp: the saved rbp on top, then the return
		   address.  */
		if (read_word(u, sp, &nbp) < 0)
			return 0;
		nsp = sp + 16;
		u->rbp_at = sp;
	} else {
		if (bp < sp || bp == 0 || read_word(u, bp, &nbp) < 0)
			return 0;
		nsp = bp + 16;
		u->rbp_at = bp;
	}
	u->rip_at = nsp - 8;
	if (read_word(u, nsp - 8, &ra) < 0 || ra == 0)
		return 0;
	u->regs.rip = ra;
	u->regs.rsp = nsp;
	u->regs.rbp = nbp;
	/* The other registers are as the innermost frame left them: nothing
	   says where they were saved.  */
	return unw_init_remote(c, u->as, u) < 0 ? 0 : 1;
}

/* Move cursor C from frame I to its caller: by CFI through libunwind, or
   by the frame-pointer chain where the code has none.  */
static int
step(struct fs_unwinder *u, unw_cursor_t *c, size_t i)
{
	unw_word_t pc;
	bool exact;

	exact = i == 0 || u->frames[i - 1].sigtramp;
	if (!u->frames[i].sigtramp && unw_get_reg(c, UNW_REG_IP, &pc) == 0 &&
	    fs_modules_at(u->m, pc) != NULL &&
	    !has_cfi(u, exact ? pc : pc - 1))
		return step_by_rbp(u, c, i);
	return unw_step(c);
}

/* The registers of the frame at cursor C that decide how the frames above
   it unwind.  */
static void
regs_of(unw_cursor_t *c, uint64_t r[NR1])
{
	static const int which[NR1] = { UNW_X86_64_RIP, UNW_X86_64_RSP,
	    UNW_X86_64_RBP, UNW_X86_64_RBX, UNW_X86_64_R12, UNW_X86_64_R13,
	    UNW_X86_64_R14, UNW_X86_64_R15 };
	unw_word_t v;
	int i;

	for (i = 0; i < NR1; i++)
		r[i] = unw_get_reg(c, which[i], &v) == 0 ? v : 0;
}

/*
 * Between two stops a program usually runs a few instructions of one
 * function: everything from its caller up is as it was.  When frame 1 is
 * entered with the same registers as at the last unwind and the stack
 * above it holds the same bytes, unwinding from there can only give the
 * same frames again, so they are copied instead.  That makes a step cost
 * the innermost frame only, however deep the stack.
 */
static bool
reuse(struct fs_unwinder *u, const uint64_t r1[NR1], bool sigtramp0)
{
	uint64_t sp1 = r1[1], len;

	if (!u->oldvalid || u->oldother || u->nold < 2 ||
	    u->old[0].sigtramp != sigtramp0 ||
	    memcmp(r1, u->oldr1, sizeof u->oldr1) != 0 ||
	    sp1 < u->oldlo || sp1 > u->oldhi || sp1 < u->stk_lo)
		return false;
	if (u->stk_hi < u->oldhi && stack_grow(u, u->oldhi - 8) < 0)
		return false;
	len = u->oldhi - sp1;
	return memcmp(u->stk + (sp1 - u->stk_lo), u->oldstk + (sp1 - u->oldlo),
	    len) == 0;
}

/* Keep this unwind for reuse() at the next one.  Its stack bytes stay in
   u->stk until the next unwind moves them to u->oldstk.  */
static void
remember(struct fs_unwinder *u, const uint64_t r1[NR1])
{
	u->oldvalid = false;
	if (u->nframes > u->capold) {
		struct fs_frame *n = realloc(u->old, u->nframes * sizeof *n);

		if (n == NULL)
			return;
		u->old = n;
		u->capold = u->nframes;
	}
	memcpy(u->old, u->frames, u->nframes * sizeof *u->old);
	u->nold = u->nframes;
	u->oldend = u->end;
	u->oldend_addr = u->end_addr;
	memcpy(u->oldr1, r1, sizeof u->oldr1);
	u->oldother = u->other_mem;
	u->oldvalid = true;
}

/* Make the last unwind's stack bytes the old ones, and give their buffer
   to this unwind.  */
static void
stack_rotate(struct fs_unwinder *u)
{
	uint8_t *tmp = u->oldstk;
	size_t cap = u->oldstkcap;

	u->oldstk = u->stk;
	u->oldstkcap = u->stkcap;
	u->oldlo = u->stk_lo;
	u->oldhi = u->stk_hi;
	u->stk = tmp;
	u->stkcap = cap;
	u->stk_lo = u->stk_hi = 0;
}

/*
 * The fast path.  A frame's caller follows from its rule (fs_cfi), found
 * once per code address and kept: the CFA is a register plus an offset,
 * the return address and the callee-saved registers are loaded from the
 * stack bytes already read.  That is all libunwind would do for such a
 * frame, without its FDE search and parse at every frame of every stop.
 * Anything else (no rule, a signal frame, an expression) is left to
 * libunwind, for the whole unwind, so that both give the same frames.
 */
static const struct rule *
rule_get(struct fs_unwinder *u, uint64_t pc, bool exact)
{
	/* FR_* to DWARF register numbers.  */
	const uint8_t *dw = u->arch->unwind_dw;
	uint64_t key = pc * 2 + (exact ? 1 : 0), look = exact ? pc : pc - 1;
	struct fs_module *mod;
	struct fs_cfi_row row;
	struct rule *r;
	size_t i;

	if (u->rules == NULL &&
	    (u->rules = calloc(NRULES, sizeof *u->rules)) == NULL)
		return NULL;
	r = &u->rules[((key * 0x9e3779b97f4a7c15ULL) >> 40) % NRULES];
	if (r->key == key)
		return r;
	memset(r, 0, sizeof *r);
	r->key = key;
	r->sigtramp = is_sigtramp(u, pc, NULL, NULL);
	if (r->sigtramp || (mod = fs_modules_at(u->m, look)) == NULL ||
	    !mod->mapped)
		return r;
	if (!mod->eh_tried)
		eh_setup(mod);
	if (mod->eh_count == 0 || fs_cfi_row(mod->elf, mod->eh_hdr,
	    mod->eh_table, mod->eh_count, look - mod->bias, &row, NULL) < 0 ||
	    row.cfa_off != (int32_t)row.cfa_off || row.signal ||
	    (row.cfa_expr && !row.cfa_deref) ||
	    (!row.simple && u->arch->libunwind))
		return r;
	for (i = FR_RSP; i < NR1 && dw[i] != row.cfa_reg; i++)
		;
	r->cfa_dw = 0xff;
	if (i == NR1 && !u->arch->libunwind && exact) {
		r->cfa_dw = row.cfa_reg;
		i = FR_RSP;
	} else if (i == NR1)
		return r;
	r->cfa = (uint8_t)i;
	r->cfa_off = (int32_t)row.cfa_off;
	r->cfa_deref = row.cfa_deref;
	for (i = 0; i < NR1; i++) {
		if (dw[i] >= FS_CFI_NREG) {
			/* A register the architecture does not have.  */
			r->how[i] = FS_CFI_SAME;
			continue;
		}
		if (row.off[dw[i]] != (int32_t)row.off[dw[i]])
			return r;
		r->how[i] = row.how[dw[i]];
		r->off[i] = (int32_t)row.off[dw[i]];
		if (r->how[i] == FS_CFI_OTHER && row.at_reg[dw[i]] != 0xff) {
			size_t k;

			for (k = 0; k < NR1 && dw[k] != row.at_reg[dw[i]]; k++)
				;
			if (k == NR1 || row.at_off[dw[i]] !=
			    (int32_t)row.at_off[dw[i]])
				return r;
			r->how[i] = AT_REG;
			r->off[i] = (int32_t)row.at_off[dw[i]];
			r->base[i] = (uint8_t)k;
		} else if (r->how[i] == FS_CFI_OTHER)
			return r;
	}
	if (r->how[FR_RIP] != FS_CFI_OFFSET && r->how[FR_RIP] != FS_CFI_UNDEF)
		return r;
	r->own = true;
	r->simple = row.simple;
	return r;
}

/* Whether frame F ends the unwind before its caller is looked for: the
   user gave up, or F is a caller whose pc is in no code (a return
   address that is not one, read from a corrupt stack or through corrupt
   unwind tables: nothing tells how it would return, and what lies
   beyond is no stack).  Sets u->end: gdb's "Cannot access memory" when
   nothing is mapped there.  */
static bool
frame_ends(struct fs_unwinder *u, const struct fs_frame *f)
{
	const struct fs_map *mp;

	if (fs_cancelled()) {
		u->end = FS_UNWIND_END_INTR;
		return true;
	}
	if (f->index == 0 || ((mp = fs_maps_find(fs_modules_maps(u->m),
	    f->pc)) != NULL && (mp->prot & FS_MAP_X) != 0))
		return false;
	if (mp == NULL) {
		u->end = FS_UNWIND_END_MEMORY;
		u->end_addr = f->pc;
	} else
		u->end = FS_UNWIND_END_OUTERMOST;
	return true;
}

/* Frame F's CFA (NSP, its caller's sp) is not above F's own sp: gdb's
   corrupt stack, the end.  F keeps the CFA, as gdb does: its variables
   are read where it says they are.  */
static void
end_inner(struct fs_unwinder *u, struct fs_frame *f, uint64_t nsp,
    bool same)
{
	f->cfa = nsp;
	u->end = same || nsp == f->sp ? FS_UNWIND_END_SAME :
	    FS_UNWIND_END_INNER;
}

static int own_fregs(struct fs_unwinder *, size_t, const uint64_t [NR1],
    unsigned, const uint64_t [NR1]);

/* The FR_* registers kept in enum fs_ureg.  */
static const int8_t fr_ureg[NR1] = { FS_UREG_RIP, FS_UREG_RSP, FS_UREG_RBP,
    FS_UREG_RBX, FS_UREG_R12, FS_UREG_R13, FS_UREG_R14, FS_UREG_R15 };

/* Frame I's registers as the fast walk found them, for fs_unwind_regs:
   what libunwind's walk of the same frames gives, without walking them
   again.  INH: as FINH.  */
static int
fast_fregs(struct fs_unwinder *u, size_t i, const uint64_t v[NR1],
    unsigned known, const uint64_t at[NR1], unsigned inh)
{
	unsigned *n;
	size_t cap;

	if (i >= u->capfinh) {
		cap = u->capfinh ? u->capfinh * 2 : 64;
		while (cap <= i)
			cap *= 2;
		if ((n = realloc(u->finh, cap * sizeof *n)) == NULL)
			return -1;
		u->finh = n;
		u->capfinh = cap;
	}
	u->finh[i] = inh;
	return own_fregs(u, i, v, known, at);
}

/* The frames above frame 1 taken from the last unwind (reuse): their
   registers are those it found, which their saves (from frame 1's
   registers and the stack above, the same) make the same, but for where
   a register was saved that they took from the frames below, frame 0's
   saves being new: taken again down the chain.  V, KNOWN, AT, INH: frame
   1's.  Without the last unwind's registers of every frame, or when
   frame 1's known ones differ, fs_unwind_regs walks again.  */
static int
reuse_fregs(struct fs_unwinder *u, const uint64_t v[NR1], unsigned known,
    const uint64_t at[NR1], unsigned inh)
{
	unsigned oldknown;
	size_t k, r;

	if (u->nfregs_old < u->nold || u->nold < 2) {
		u->fregs_ok = false;
		return 0;
	}
	oldknown = u->fregs[1].known;
	u->nfregs = 1;
	if (fast_fregs(u, 1, v, known, at, inh) < 0)
		return -1;
	if (u->fregs[1].known != oldknown) {
		u->fregs_ok = false;
		return 0;
	}
	for (k = 2; k < u->nold; k++)
		for (r = FR_RBP; r < NR1; r++)
			if (u->finh[k] & (1u << r))
				u->fregs[k].saved_at[fr_ureg[r]] =
				    u->fregs[k - 1].saved_at[fr_ureg[r]];
	u->nfregs = u->nold;
	return 0;
}

/* fs_unwind by the rules alone.  Returns 1 with the frames made, 0 when
   a frame needs libunwind, or -FS_E_*.  R1 gets frame 1's registers, as
   regs_of would.  */
static int
fast_walk(struct fs_unwinder *u, size_t max, uint64_t r1[NR1],
    struct fs_err *e)
{
	uint64_t v[NR1], nv[NR1], at[NR1], nat[NR1], cfa;
	unsigned known = (1u << NR1) - 1, nknown, inh = 0, ninh;
	const struct rule *r;
	struct fs_frame *f, *prev = NULL;
	size_t i;

	u->nfregs = 0;
	for (i = 0; i < NR1; i++) {
		memcpy(&v[i], (const char *)&u->regs0 +
		    u->arch->unwind_off[i], 8);
		at[i] = 0;
	}
	for (;;) {
		if (prev != NULL)
			prev->cfa = v[FR_RSP];
		if ((f = frame_push(u)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		f->pc = v[FR_RIP];
		f->sp = v[FR_RSP];
		f->fp = v[FR_RBP];
		if (fast_fregs(u, u->nframes - 1, v, known, at, inh) < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		if (frame_ends(u, f))
			return 1;
		if ((r = rule_get(u, f->pc, u->nframes == 1)) == NULL)
			return 0;
		f->sigtramp = r->sigtramp;
		prev = f;
		if ((max != 0 && u->nframes >= max) ||
		    u->nframes >= MAXFRAMES) {
			u->end = FS_UNWIND_END_LIMIT;
			return 1;
		}
		if (!r->simple || !(known & (1u << r->cfa)))
			return 0;
		cfa = v[r->cfa] + (uint64_t)(int64_t)r->cfa_off;
		/* The x86-64 ABI's end of the chain: no return address, or
		   (libunwind's reading of it) no rbp.  */
		if (r->how[FR_RIP] == FS_CFI_UNDEF ||
		    r->how[FR_RBP] == FS_CFI_UNDEF) {
			if (cfa > f->sp)
				f->cfa = cfa;
			return 1;
		}
		memcpy(nv, v, sizeof nv);
		memcpy(nat, at, sizeof nat);
		nknown = known;
		ninh = 0;
		nat[FR_RIP] = cfa + (uint64_t)(int64_t)r->off[FR_RIP];
		if (read_word(u, nat[FR_RIP], &nv[FR_RIP]) < 0)
			return 0;
		nv[FR_RSP] = cfa;
		for (i = FR_RBP; i < NR1; i++) {
			switch (r->how[i]) {
			case FS_CFI_SAME:
				/* Saved where the frame below left it.  */
				ninh |= 1u << i;
				break;
			case FS_CFI_UNDEF:
				nv[i] = 0;
				nat[i] = 0;
				nknown &= ~(1u << i);
				break;
			case FS_CFI_OFFSET:
				nat[i] = cfa + (uint64_t)(int64_t)r->off[i];
				if (read_word(u, nat[i], &nv[i]) < 0)
					return 0;
				nknown |= 1u << i;
				break;
			case FS_CFI_VAL_OFFSET:
				/* libunwind tells its "location" (the value)
				   as a save: left to it.  */
				u->fregs_ok = false;
				nv[i] = cfa + (uint64_t)(int64_t)r->off[i];
				nat[i] = 0;
				nknown |= 1u << i;
				break;
			default:
				return 0;
			}
		}
		if (nv[FR_RSP] <= f->sp && u->nframes > 1) {
			end_inner(u, f, nv[FR_RSP], false);
			return 1;	/* not moving up the stack: corrupt */
		}
		if (nv[FR_RIP] == 0)
			return 1;
		memcpy(v, nv, sizeof v);
		memcpy(at, nat, sizeof at);
		known = nknown;
		inh = ninh;
		if (u->nframes == 1) {
			memcpy(r1, v, sizeof v);
			if (max == 0 && reuse(u, r1, prev->sigtramp)) {
				prev->cfa = u->old[1].sp;
				for (i = 1; i < u->nold; i++) {
					if ((f = frame_push(u)) == NULL)
						return fs_err_set(e, FS_E_NOMEM,
						    "out of memory");
					*f = u->old[i];
				}
				u->end = u->oldend;
				u->end_addr = u->oldend_addr;
				if (reuse_fregs(u, v, known, at, inh) < 0)
					return fs_err_set(e, FS_E_NOMEM,
					    "out of memory");
				return 1;
			}
		}
	}
}

/* A word of the architecture's size at ADDR.  */
static int
read_aword(struct fs_unwinder *u, uint64_t addr, uint64_t *val)
{
	if (read_word(u, addr, val) < 0)
		return -1;
	if (u->arch->word < 8)
		*val &= ((uint64_t)1 << (8 * u->arch->word)) - 1;
	return 0;
}

/* Record frame I's registers V (KNOWN) and where they are saved (AT)
   for fs_unwind_regs.  */
static int
own_fregs(struct fs_unwinder *u, size_t i, const uint64_t v[NR1],
    unsigned known, const uint64_t at[NR1])
{
	struct fs_frame_regs *fr;
	size_t k;

	if (i >= u->capfregs) {
		size_t cap = u->capfregs ? u->capfregs * 2 : 64;

		if ((fr = realloc(u->fregs, cap * sizeof *fr)) == NULL)
			return -1;
		u->fregs = fr;
		u->capfregs = cap;
	}
	fr = &u->fregs[i];
	memset(fr, 0, sizeof *fr);
	for (k = 0; k < NR1; k++) {
		if (u->arch->ureg_names[fr_ureg[k]] == NULL)
			continue;
		fr->val[fr_ureg[k]] = v[k];
		if (known & (1u << k))
			fr->known |= 1u << fr_ureg[k];
		if (i > 0 && k != FR_RSP)
			fr->saved_at[fr_ureg[k]] = at[k];
	}
	u->nfregs = i + 1;
	return 0;
}

/* The address of the sigcontext of trampoline SF's frame (PAST bytes of
   its code run) with stack pointer SP, into *SC.  */
static int
sigcontext_at(struct fs_unwinder *u, const struct fs_arch_sigframe *sf,
    unsigned past, uint64_t sp, uint64_t *sc)
{
	if (sf->uc_ptr >= 0) {
		if (read_aword(u, sp + (uint64_t)sf->uc_ptr, sc) < 0)
			return -1;
		*sc += (uint64_t)sf->uc_sc;
	} else
		*sc = sp + (uint64_t)(int64_t)sf->sp_off +
		    (sf->skip > 0 && past == 0 ? u->arch->word : 0);
	return 0;
}

uint64_t
fs_unwind_sigcontext(struct fs_unwinder *u, uint64_t pc, uint64_t sp)
{
	const struct fs_arch_sigframe *sf;
	unsigned past;
	uint64_t sc;

	if (u->t == NULL || !is_sigtramp(u, pc, &sf, &past) ||
	    sigcontext_at(u, sf, past, sp, &sc) < 0)
		return 0;
	return sc;
}

/*
 * The unwinder of an architecture libunwind-ptrace does not unwind (it
 * knows only the host's): i386.  Each frame's caller comes from the rules
 * of fs_cfi where they are plain, from the sigcontext the kernel saved
 * for a signal trampoline's frame, and from the frame-pointer chain where
 * there is no plain rule, as step_by_rbp does: `push %ebp`, `mov
 * %esp,%ebp` and `ret` in the innermost frame (and a PLT stub's jump,
 * whose rule is an expression), else the saved ebp at ebp and the return
 * address above it.  The registers of every frame and where they were
 * saved are kept as it goes, for fs_unwind_regs.
 */
static int
own_walk(struct fs_unwinder *u, size_t max, struct fs_err *e)
{
	const unsigned W = u->arch->word;
	const struct fs_arch_sigframe *sf;
	uint64_t v[NR1], nv[NR1], at[NR1], nat[NR1], cfa, sc, code, bp;
	unsigned known = (1u << NR1) - 1, nknown, past;
	const struct rule *r;
	struct fs_frame *f, *prev = NULL;
	bool chain = false;
	size_t i;

	u->nfregs = 0;
	for (i = 0; i < NR1; i++) {
		v[i] = 0;
		memcpy(&v[i], (const char *)&u->regs0 + u->arch->unwind_off[i],
		    W);
		at[i] = 0;
	}
	for (;;) {
		if (prev != NULL)
			prev->cfa = v[FR_RSP];
		if ((f = frame_push(u)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		f->pc = v[FR_RIP];
		f->sp = v[FR_RSP];
		f->fp = v[FR_RBP];
		if (own_fregs(u, u->nframes - 1, v, known, at) < 0)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		if (frame_ends(u, f))
			return 0;
		f->sigtramp = is_sigtramp(u, f->pc, &sf, &past);
		prev = f;
		if ((max != 0 && u->nframes >= max) ||
		    u->nframes >= MAXFRAMES) {
			u->end = FS_UNWIND_END_LIMIT;
			return 0;
		}
		memcpy(nv, v, sizeof nv);
		memcpy(nat, at, sizeof nat);
		nknown = known;
		u->bad_addr = 0;
		if (f->sigtramp) {
			/* The registers the signal interrupted.  */
			if (sigcontext_at(u, sf, past, f->sp, &sc) < 0)
				goto unreadable;
			for (i = 0; i < NR1; i++) {
				if (u->arch->sc_off[i] < 0)
					continue;
				nat[i] = sc + (uint64_t)u->arch->sc_off[i];
				if (read_aword(u, nat[i], &nv[i]) < 0)
					goto unreadable;
			}
			nknown = (1u << NR1) - 1;
			chain = false;
		} else if ((r = rule_get(u, f->pc, u->nframes == 1 ||
		    (u->nframes > 1 && u->frames[u->nframes - 2].sigtramp))) !=
		    NULL && r->own && (known & (1u << r->cfa)) &&
		    (r->cfa_dw == 0xff || u->nframes == 1)) {
			cfa = v[r->cfa];
			if (r->cfa_dw != 0xff && fs_arch_dwarf_reg(u->arch,
			    &u->regs0, r->cfa_dw, &cfa) < 0)
				return 0;
			cfa += (uint64_t)(int64_t)r->cfa_off;
			if (r->cfa_deref && read_aword(u, cfa, &cfa) < 0)
				goto unreadable;
			if (r->how[FR_RIP] == FS_CFI_UNDEF ||
			    r->how[FR_RBP] == FS_CFI_UNDEF) {
				if (cfa > f->sp)
					f->cfa = cfa;
				return 0;
			}
			nat[FR_RIP] = cfa + (uint64_t)(int64_t)r->off[FR_RIP];
			if (read_aword(u, nat[FR_RIP], &nv[FR_RIP]) < 0)
				goto unreadable;
			nv[FR_RSP] = cfa;
			for (i = FR_RBP; i < NR1; i++) {
				switch (r->how[i]) {
				case FS_CFI_SAME:
					/* Known as far as the chain below
					   left it.  */
					break;
				case FS_CFI_UNDEF:
					nv[i] = 0;
					nat[i] = 0;
					nknown &= ~(1u << i);
					break;
				case FS_CFI_OFFSET:
					nat[i] = cfa +
					    (uint64_t)(int64_t)r->off[i];
					if (read_aword(u, nat[i], &nv[i]) < 0)
						goto unreadable;
					nknown |= 1u << i;
					break;
				case FS_CFI_VAL_OFFSET:
					nv[i] = cfa +
					    (uint64_t)(int64_t)r->off[i];
					nat[i] = 0;
					nknown |= 1u << i;
					break;
				case AT_REG:
					nat[i] = v[r->base[i]] +
					    (uint64_t)(int64_t)r->off[i];
					if (read_aword(u, nat[i], &nv[i]) < 0)
						goto unreadable;
					nknown |= 1u << i;
					break;
				default:
					return 0;
				}
			}
		} else {
			/* No plain rule: the frame-pointer chain.  */
			code = 0;
			if (u->nframes == 1)
				read_word(u, f->pc, &code);
			bp = v[FR_RBP];
			if (u->nframes == 1 && ((code & 0xff) == 0x55 ||
			    (code & 0xff) == 0xc3 || (r != NULL && !r->own &&
			    !r->sigtramp && (code & 0xff) == 0xff) ||
			    (code & 0xffffc7ffu) == 0xc324048bu)) {
				/* push %ebp, ret, a PLT stub's jmp *, or a
				   PIC thunk without CFI (mov (%esp),%ebx;
				   ret): the return address on top.  */
				nv[FR_RSP] = f->sp + W;
			} else if (u->nframes == 1 &&
			    ((code & 0xffff) == 0xe589 ||
			    (code & 0xffff) == 0xec8b)) {
				/* mov %esp,%ebp: the saved ebp on top.  */
				nat[FR_RBP] = f->sp;
				if (read_aword(u, f->sp, &nv[FR_RBP]) < 0)
					goto unreadable;
				nv[FR_RSP] = f->sp + 2 * W;
			} else {
				if (bp < f->sp || bp == 0)
					return 0;
				nat[FR_RBP] = bp;
				if (read_aword(u, bp, &nv[FR_RBP]) < 0)
					goto unreadable;
				nv[FR_RSP] = bp + 2 * W;
			}
			nat[FR_RIP] = nv[FR_RSP] - W;
			if (read_aword(u, nat[FR_RIP], &nv[FR_RIP]) < 0)
				goto unreadable;
			/* The others are as the innermost frame left them:
			   nothing says where they were saved.  */
			chain = true;
			nknown = (1u << FR_RIP) | (1u << FR_RSP) |
			    (1u << FR_RBP);
		}
		(void)chain;
		if (nv[FR_RSP] <= f->sp && u->nframes > 1 && !f->sigtramp) {
			end_inner(u, f, nv[FR_RSP], false);
			return 0;	/* not moving up the stack: corrupt */
		}
		if (nv[FR_RIP] == 0)
			return 0;
		memcpy(v, nv, sizeof v);
		memcpy(at, nat, sizeof at);
		known = nknown;
	}
unreadable:
	if (u->bad_addr != 0) {
		u->end = FS_UNWIND_END_MEMORY;
		u->end_addr = u->bad_addr;
	}
	return 0;
}

void
fs_unwind_set_fast(struct fs_unwinder *u, bool on)
{
	u->no_fast = !on;
}

void
fs_unwind_counts(const struct fs_unwinder *u, unsigned long *fast,
    unsigned long *slow)
{
	*fast = u->nfast;
	*slow = u->nslow;
}

int
fs_unwind(struct fs_unwinder *u, struct fs_target *t, struct fs_modules *m,
    const struct user_regs_struct *regs, size_t max,
    const struct fs_frame **frames, size_t *n, struct fs_err *e)
{
	unw_cursor_t c;
	unw_word_t ip, sp, bp, cfa;
	struct fs_frame *f, *prev = NULL;
	uint64_t r1[NR1], sigsp = 0;
	size_t i;
	int r;

	u->t = t;
	u->m = m;
	u->regs = *regs;
	u->regs0 = *regs;
	u->fregs_valid = false;
	/* The last unwind's registers, for reuse_fregs; none but this
	   one's from now on.  */
	u->nfregs_old = u->fregs_fast ? u->nfregs : 0;
	u->fregs_fast = false;
	if (fs_arch_of_regs(regs) != u->arch) {
		/* An exec changed the architecture: the rules are of
		   another instruction set.  */
		u->arch = fs_arch_of_regs(regs);
		u->generation = fs_modules_generation(m) - 1;
	}
	if (fs_modules_generation(m) != u->generation) {
		/* Code moved or appeared: forget what we learnt of it.  */
		memset(u->where, 0, sizeof u->where);
		u->lastmod = NULL;
		u->oldvalid = false;
		unw_flush_cache(u->as, 0, 0);
		/* The CIE information belongs to libunwind's pool, which
		   has no public free: it stays, a few hundred bytes a
		   procedure, until the process ends.  */
		u->npis = 0;
		if (u->rules != NULL)
			memset(u->rules, 0, NRULES * sizeof *u->rules);
		u->generation = fs_modules_generation(m);
	}
	u->nframes = 0;
	u->nwhere = 0;
	u->other_mem = false;
	u->end = FS_UNWIND_END_OUTERMOST;
	u->end_addr = 0;
	for (i = 0; i < NPAGES; i++)
		u->pages[i].len = 0;
	stack_rotate(u);
	stack_load(u);
	memset(r1, 0, sizeof r1);
	*frames = NULL;
	*n = 0;
	if (!u->arch->libunwind) {
		if ((r = own_walk(u, max, e)) < 0)
			return r;
		u->nfast++;
		u->fregs_valid = true;
		u->fregs_want = u->nfregs;
		goto done;
	}
	if (!u->no_fast) {
		u->fregs_ok = true;
		if ((r = fast_walk(u, max, r1, e)) < 0)
			return r;
		if (r > 0) {
			u->nfast++;
			/* Its registers are the libunwind walk's.  */
			if (u->fregs_ok && u->nfregs == u->nframes) {
				u->fregs_fast = true;
				u->fregs_valid = true;
				u->fregs_want = u->nfregs;
			}
			goto done;
		}
		/* Some frame needs libunwind: all of them get it.  */
		u->nframes = 0;
		u->end = FS_UNWIND_END_OUTERMOST;
		memset(r1, 0, sizeof r1);
	}
	u->nslow++;
	if ((r = unw_init_remote(&c, u->as, u)) < 0)
		return fs_err_set(e, FS_E_FORMAT, "libunwind: %s",
		    unw_strerror(r));
	for (;;) {
		if (unw_get_reg(&c, UNW_REG_IP, &ip) < 0 ||
		    unw_get_reg(&c, UNW_REG_SP, &sp) < 0)
			break;
		if (unw_get_reg(&c, UNW_X86_64_RBP, &bp) < 0)
			bp = 0;
		if (prev != NULL)
			prev->cfa = sp;
		/* frame_push may move the array: PREV is taken again.  */
		if ((f = frame_push(u)) == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		f->pc = ip;
		f->sp = sp;
		f->fp = bp;
		f->sigtramp = is_sigtramp(u, ip, NULL, NULL);
		prev = f;
		if (frame_ends(u, f))
			break;
		if ((max != 0 && u->nframes >= max) ||
		    u->nframes >= MAXFRAMES) {
			u->end = FS_UNWIND_END_LIMIT;
			break;
		}
		u->bad_addr = 0;
		r = step(u, &c, u->nframes - 1);
		if (r <= 0) {
			/* libunwind keeps the last CFA it computed.  */
			if (r == 0 && unw_get_reg(&c, UNW_X86_64_CFA,
			    &cfa) == 0 && cfa > sp)
				prev->cfa = cfa;
			/* It could not read what it needed.  */
			if (r < 0 && u->bad_addr != 0) {
				u->end = FS_UNWIND_END_MEMORY;
				u->end_addr = u->bad_addr;
			}
			break;
		}
		/* Not moving up the stack: corrupt.  A signal frame may
		   switch stacks, but not back to where the last one was.  */
		if (unw_get_reg(&c, UNW_REG_SP, &sp) == 0 && sp <= prev->sp &&
		    u->nframes > 1 && (!prev->sigtramp || sp <= sigsp)) {
			end_inner(u, prev, sp, prev->sigtramp && sp == sigsp);
			break;
		}
		if (prev->sigtramp)
			sigsp = prev->sp;
		if (unw_get_reg(&c, UNW_REG_IP, &ip) == 0 && ip == 0)
			break;
		if (u->nframes == 1) {
			regs_of(&c, r1);
			if (max == 0 && reuse(u, r1, prev->sigtramp)) {
				prev->cfa = u->old[1].sp;
				for (i = 1; i < u->nold; i++) {
					if ((f = frame_push(u)) == NULL)
						return fs_err_set(e, FS_E_NOMEM,
						    "out of memory");
					*f = u->old[i];
				}
				u->end = u->oldend;
				u->end_addr = u->oldend_addr;
				prev = NULL;
				break;
			}
		}
	}
done:
	/* An unwind given up is not one to take again.  */
	if (max == 0 && u->end != FS_UNWIND_END_INTR)
		remember(u, r1);
	else if (u->end == FS_UNWIND_END_INTR)
		u->oldvalid = false;
	*frames = u->frames;
	*n = u->nframes;
	return 0;
}

enum fs_unwind_end
fs_unwind_end(const struct fs_unwinder *u, uint64_t *addr)
{
	if (addr != NULL)
		*addr = u->end_addr;
	return u->end;
}

const char *
fs_unwind_end_text(enum fs_unwind_end end, uint64_t addr, char *buf,
    size_t len)
{
	switch (end) {
	case FS_UNWIND_END_INNER:
		return "previous frame inner to this frame (corrupt stack?)";
	case FS_UNWIND_END_SAME:
		return "previous frame identical to this frame (corrupt "
		    "stack?)";
	case FS_UNWIND_END_MEMORY:
		snprintf(buf, len, "Cannot access memory at address 0x%llx",
		    (unsigned long long)addr);
		return buf;
	case FS_UNWIND_END_INTR:
		return "Quit";
	default:
		return NULL;
	}
}

void
fs_unwind_where(struct fs_unwinder *u, size_t upto)
{
	struct fs_frame *f;
	size_t i;

	if (u->m == NULL)
		return;
	/* Frames are named in order, and callers ask for one more at a time
	   (a backtrace stops at main): start where the last call ended.  */
	for (i = u->nwhere; i < upto && i < u->nframes; i++) {
		f = &u->frames[i];
		if (!f->has_where) {
			/* A caller's line is the line of its call: look up
			   pc - 1, except above a signal frame, where pc is
			   where it was interrupted.  */
			f->lookup = (i == 0 || u->frames[i - 1].sigtramp) ?
			    f->pc : f->pc - 1;
			where(u, f->pc, f->lookup, &f->where);
			f->has_where = true;
		}
		/* Reused at the next stop, the frame keeps its name.  */
		if (i < u->nold && u->old[i].pc == f->pc) {
			u->old[i].where = f->where;
			u->old[i].lookup = f->lookup;
			u->old[i].has_where = true;
		}
		u->nwhere = i + 1;
	}
}

const uint8_t *
fs_unwind_stack(const struct fs_unwinder *u, uint64_t *lo, size_t *len)
{
	*lo = u->stk_lo;
	*len = u->stk_hi - u->stk_lo;
	return u->stk;
}

int
fs_unwind_read_word(struct fs_unwinder *u, uint64_t addr, uint64_t *val)
{
	if (u->t == NULL || read_word(u, addr, val) < 0)
		return -FS_E_SYS;
	return 0;
}

const uint8_t *
fs_unwind_prev_stack(const struct fs_unwinder *u, uint64_t *lo, size_t *len)
{
	*lo = u->oldlo;
	*len = u->oldstk != NULL ? u->oldhi - u->oldlo : 0;
	return u->oldstk;
}

const char *
fs_ureg_name(unsigned r)
{
	return fs_ureg_name_arch(&fs_arch_x86_64, r);
}

const char *
fs_ureg_name_arch(const struct fs_arch *a, unsigned r)
{
	return r < FS_UREG_N && a->ureg_names[r] != NULL ?
	    a->ureg_names[r] : "?";
}

static const int ureg_unw[FS_UREG_N] = { UNW_X86_64_RBX, UNW_X86_64_RBP,
    UNW_X86_64_R12, UNW_X86_64_R13, UNW_X86_64_R14, UNW_X86_64_R15,
    UNW_X86_64_RSP, UNW_X86_64_RIP };

/* The registers of the frame at cursor C.  BY_RBP: C was put there by
   step_by_rbp (whose finds are in U), which knows rsp, rip and rbp only;
   CHAIN: some frame below was, so that the other registers are only
   what the innermost frame left in them.  */
static void
fregs_fill(struct fs_unwinder *u, unw_cursor_t *c, struct fs_frame_regs *fr,
    bool first, bool by_rbp, bool chain)
{
	unw_save_loc_t sl;
	unw_word_t v;
	unsigned r;

	memset(fr, 0, sizeof *fr);
	for (r = 0; r < FS_UREG_N; r++) {
		if (unw_get_reg(c, ureg_unw[r], &v) < 0)
			continue;
		fr->val[r] = v;
		if (first || !chain || r == FS_UREG_RBP ||
		    r == FS_UREG_RSP || r == FS_UREG_RIP)
			fr->known |= 1u << r;
		if (first || r == FS_UREG_RSP)
			continue;
		if (by_rbp) {
			if (r == FS_UREG_RBP)
				fr->saved_at[r] = u->rbp_at;
			else if (r == FS_UREG_RIP)
				fr->saved_at[r] = u->rip_at;
			continue;
		}
		memset(&sl, 0, sizeof sl);
		if (unw_get_save_loc(c, ureg_unw[r], &sl) == 0 &&
		    sl.type == UNW_SLT_MEMORY && sl.u.addr != 0) {
			fr->saved_at[r] = sl.u.addr;
			fr->known |= 1u << r;
		}
	}
}

int
fs_unwind_regs(struct fs_unwinder *u, size_t upto,
    const struct fs_frame_regs **out, size_t *n, struct fs_err *e)
{
	unw_cursor_t c;
	size_t i, want;
	bool by_rbp = false, chain = false;
	int r;

	want = upto == 0 || upto > u->nframes ? u->nframes : upto;
	if (!u->arch->libunwind) {
		/* own_walk kept them.  */
		*out = u->fregs;
		*n = want < u->nfregs ? want : u->nfregs;
		return 0;
	}
	if (u->fregs_valid && u->fregs_want >= want) {
		*out = u->fregs;
		*n = want < u->nfregs ? want : u->nfregs;
		return 0;
	}
	/* Room for every frame at once: callers keep what an earlier call
	   of this stop gave them while they ask for more (the slot map
	   while its variables are read), so the array must not move.  */
	if (u->nframes > u->capfregs) {
		struct fs_frame_regs *nf = realloc(u->fregs, u->nframes *
		    sizeof *nf);

		if (nf == NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		u->fregs = nf;
		u->capfregs = u->nframes;
	}
	/* The same walk as fs_unwind's, from the same registers: the same
	   frames, with the cursor of each at hand.  */
	u->regs = u->regs0;
	u->nfregs = 0;
	if (want > 0 && (r = unw_init_remote(&c, u->as, u)) < 0)
		return fs_err_set(e, FS_E_FORMAT, "libunwind: %s",
		    unw_strerror(r));
	for (i = 0; i < want; i++) {
		fregs_fill(u, &c, &u->fregs[i], i == 0, by_rbp, chain);
		u->nfregs = i + 1;
		if (i + 1 == want)
			break;
		u->rbp_at = u->rip_at = 0;
		by_rbp = false;
		{
			unw_word_t pc;
			bool exact = i == 0 || u->frames[i - 1].sigtramp;

			if (!u->frames[i].sigtramp &&
			    unw_get_reg(&c, UNW_REG_IP, &pc) == 0 &&
			    fs_modules_at(u->m, pc) != NULL &&
			    !has_cfi(u, exact ? pc : pc - 1))
				by_rbp = true;
		}
		r = step(u, &c, i);
		if (r <= 0)
			break;
		chain = chain || by_rbp;
	}
	u->regs = u->regs0;
	u->fregs_valid = true;
	u->fregs_want = want;
	*out = u->fregs;
	*n = u->nfregs;
	return 0;
}

int
fs_unwind_canary(struct fs_unwinder *u, uint64_t *val, struct fs_err *e)
{
	uint64_t tp = 0;

	if (u->t != NULL)
		memcpy(&tp, (const char *)&u->regs0 + u->arch->tp,
		    u->arch->word);
	if (tp == 0)
		return fs_err_set(e, FS_E_STATE, "no thread pointer");
	/* A word alone, from the page stack_load read with the stack, not
	   a page of the unwinder's own.  */
	*val = 0;
	if (u->t != NULL && (tp + u->arch->canary_off < u->stk_lo ||
	    tp + u->arch->canary_off >= u->stk_hi) && fs_target_read(u->t,
	    tp + u->arch->canary_off, val, u->arch->word, NULL) ==
	    (ssize_t)u->arch->word)
		return 0;
	if (read_aword(u, tp + u->arch->canary_off, val) < 0)
		return fs_err_set(e, FS_E_SYS,
		    "cannot read the stack guard at %s",
		    u->arch->canary_text);
	return 0;
}
