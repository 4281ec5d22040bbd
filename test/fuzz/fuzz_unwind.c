/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Fuzz target "unwind": fs_unwind on a made-up stack.  samples/sighandler
 * is launched once and run into its SIGALRM handler, so that its code,
 * the C library's and the dynamic linker's are mapped with their real
 * unwind tables; each input then writes a stack of its own at the top of
 * the program's stack mapping and gives the registers, and the unwinder
 * walks it: by the fast path's rules, by libunwind, by the frame-pointer
 * chain, as the stack leads it.  What fs_unwind promises is checked:
 * unwinding the same stack again gives the same frames (the second takes
 * the first's outer frames again), and the fast path gives the frames
 * libunwind gives alone.
 *
 * The input: a byte of flags, the number of stack words (2 bytes), the
 * registers rip, rbp, rbx, r12-r15, then the stack's words from rsp up,
 * each a tag byte and its value: 8 bytes as they are; a code address (a
 * module, one of the functions its .eh_frame_hdr lists, an offset into
 * it); an address in the stack (a word's index from rsp); a small number.
 * fuzz_unwind_seed writes the stack of the handler's stop this way.
 */
#include <sys/uio.h>

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_cfi.h"
#include "fs_modules.h"
#include "fs_target.h"
#include "fs_unwind.h"
#include "fuzz.h"

#define MAXWORDS	2048
#define REDZONE		128
#define MAXFRAMES	4096

static struct fs_target *target;
static struct fs_modules *mods;
static struct user_regs_struct regs0;
static uint64_t stack_top;
static struct fs_module *code[8];	/* mapped, with unwind tables */
static size_t ncode;

static int
fail(const char *what, const struct fs_err *e)
{
	fprintf(stderr, "fuzz unwind: %s: %s\n", what, e->msg);
	return -1;
}

int
fuzz_unwind_init(void)
{
	static char *envp[] = { NULL };
	char path[4096], *argv[] = { path, NULL };
	const struct user_regs_struct *r;
	const struct fs_map *mp;
	struct fs_module *mod;
	struct fs_event ev;
	struct fs_err e;
	uint64_t at;
	size_t i;

	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	snprintf(path, sizeof path, "%s", fuzz_sample("sighandler-O2"));
	fs_err_clear(&e);
	if (fs_modules_new(&mods, &e) < 0 ||
	    fs_modules_set_exec(mods, path, &e) < 0)
		return fail(path, &e);
	if (fs_target_spawn(path, argv, envp, false, &target, &e) < 0)
		return fail("launch", &e);
	/* Into the SIGALRM handler, an int3 at its entry, passing the
	   signals on.  */
	if (fs_modules_sync(mods, fs_target_pid(target), &e) < 0 ||
	    fs_modules_find_function(mods, "on_alrm", &at, &mod) < 0 ||
	    fs_target_write(target, at, "\xcc", 1, &e) < 0)
		return fail("on_alrm", &e);
	ev.kind = FS_EV_NONE;
	ev.sig = 0;
	for (i = 0; i < 8 && ev.kind != FS_EV_BREAKPOINT; i++)
		if (fs_target_cont(target, ev.kind == FS_EV_SIGNAL ? ev.sig :
		    0, &ev, &e) < 0)
			return fail("continue", &e);
	if (ev.kind != FS_EV_BREAKPOINT ||
	    fs_modules_sync(mods, fs_target_pid(target), &e) < 0 ||
	    fs_target_regs(target, &r, &e) < 0) {
		fprintf(stderr, "fuzz unwind: the handler was not reached\n");
		return -1;
	}
	regs0 = *r;
	regs0.rip = at;
	if ((mp = fs_maps_stack(fs_modules_maps(mods), regs0.rsp)) == NULL) {
		fprintf(stderr, "fuzz unwind: no stack mapping\n");
		return -1;
	}
	stack_top = mp->end;
	for (i = 0; i < fs_modules_count(mods) && ncode < 8; i++) {
		mod = fs_modules_get(mods, i);
		if (mod->mapped && fs_cfi_table(mod->elf, &mod->eh_hdr,
		    &mod->eh_table, &mod->eh_count) == 0)
			code[ncode++] = mod;
		mod->eh_tried = false;
	}
	if (ncode == 0) {
		fprintf(stderr, "fuzz unwind: no unwind tables\n");
		return -1;
	}
	return 0;
}

/* The start of the Jth function MOD's search table lists, runtime.  */
static uint64_t
function_at(const struct fs_module *mod, uint64_t j)
{
	const uint8_t *p;
	int32_t loc;

	p = fs_elf_bytes(mod->elf, mod->eh_table + (j % mod->eh_count) * 8,
	    4);
	if (p == NULL)
		return mod->lo;
	memcpy(&loc, p, 4);
	return mod->eh_hdr + (uint64_t)(int64_t)loc + mod->bias;
}

static uint64_t
word(struct fuzz_in *in, uint64_t rsp)
{
	uint8_t tag = fuzz_u8(in);
	const struct fs_module *mod;
	uint16_t j;

	switch (tag % 4) {
	case 0:
		return fuzz_u64(in);
	case 1:
		mod = code[fuzz_u8(in) % ncode];
		j = fuzz_u16(in);
		return function_at(mod, j) + fuzz_u8(in);
	case 2:
		return rsp + 8 * (uint64_t)(int64_t)(int16_t)fuzz_u16(in);
	default:
		return fuzz_u8(in);
	}
}

/* Write V as word() reads it: the shortest tag that gives it back.  */
static int
put_word(uint8_t **buf, size_t *len, uint64_t v, uint64_t rsp)
{
	uint8_t w[9];
	size_t n = 0, m, k;
	uint64_t lo, hi, mid, d = v - rsp;

	if (v < 256) {
		w[n++] = 3;
		w[n++] = (uint8_t)v;
	} else if (d % 8 == 0 && (int64_t)d / 8 >= INT16_MIN &&
	    (int64_t)d / 8 <= INT16_MAX) {
		w[n++] = 2;
		w[n++] = (uint8_t)(d / 8);
		w[n++] = (uint8_t)(d / 8 >> 8);
	}
	for (m = 0; m < ncode && n == 0; m++) {
		if (v < code[m]->lo || v >= code[m]->hi ||
		    code[m]->eh_count > 65536)
			continue;
		/* The last function starting at or below V.  */
		lo = 0;
		hi = code[m]->eh_count;
		while (hi - lo > 1) {
			mid = lo + (hi - lo) / 2;
			if (function_at(code[m], mid) <= v)
				lo = mid;
			else
				hi = mid;
		}
		if (v < function_at(code[m], lo) ||
		    v - function_at(code[m], lo) > 255)
			continue;
		w[n++] = 1;
		w[n++] = (uint8_t)m;
		w[n++] = (uint8_t)lo;
		w[n++] = (uint8_t)(lo >> 8);
		w[n++] = (uint8_t)(v - function_at(code[m], lo));
	}
	if (n == 0) {
		w[n++] = 0;
		for (k = 0; k < 8; k++)
			w[n++] = (uint8_t)(v >> (8 * k));
	}
	return fuzz_put(buf, len, w, n);
}

int
fuzz_unwind_seed(uint8_t **buf, size_t *len)
{
	const uint64_t rsp = regs0.rsp;
	const uint64_t r[] = { regs0.rip, regs0.rbp, regs0.rbx, regs0.r12,
	    regs0.r13, regs0.r14, regs0.r15 };
	uint64_t nw = (stack_top - rsp) / 8, v, i;
	uint8_t head[3];

	if (target == NULL || nw > MAXWORDS)
		return -1;
	head[0] = 0;
	head[1] = (uint8_t)nw;
	head[2] = (uint8_t)(nw >> 8);
	if (fuzz_put(buf, len, head, 3) < 0)
		return -1;
	for (i = 0; i < sizeof r / sizeof r[0]; i++)
		if (put_word(buf, len, r[i], rsp) < 0)
			return -1;
	for (i = 0; i < nw; i++)
		if (fs_target_read(target, rsp + 8 * i, &v, 8, NULL) != 8 ||
		    put_word(buf, len, v, rsp) < 0)
			return -1;
	return 0;
}

struct seen {
	uint64_t	 pc, cfa, sp;
	bool		 sigtramp;
};

static size_t
unwind(struct fs_unwinder *u, const struct user_regs_struct *r, size_t max,
    struct seen *out)
{
	const struct fs_frame *f;
	size_t n, i;

	if (fs_unwind(u, target, mods, r, max, &f, &n, NULL) < 0)
		return 0;
	for (i = 0; i < n && i < MAXFRAMES; i++) {
		out[i].pc = f[i].pc;
		out[i].cfa = f[i].cfa;
		out[i].sp = f[i].sp;
		out[i].sigtramp = f[i].sigtramp;
	}
	return n < MAXFRAMES ? n : MAXFRAMES;
}

/* What a stop asks of the unwinder beside the frames.  */
static void
ask_more(struct fs_unwinder *u, size_t n)
{
	const struct fs_frame_regs *fr;
	uint64_t v, lo;
	size_t k, len;
	enum fs_unwind_end end;
	char why[128];

	end = fs_unwind_end(u, &v);
	(void)fs_unwind_end_text(end, v, why, sizeof why);
	fs_unwind_where(u, n < 64 ? n : 64);
	(void)fs_unwind_regs(u, 0, &fr, &k, NULL);
	(void)fs_unwind_canary(u, &v, NULL);
	(void)fs_unwind_stack(u, &lo, &len);
	(void)fs_unwind_read_word(u, regs0.rsp, &v);
}

static bool
same(const struct seen *a, size_t na, const struct seen *b, size_t nb)
{
	size_t i;

	if (na != nb)
		return false;
	for (i = 0; i < na; i++) {
		/* The last frame's CFA is its caller's sp: where libunwind
		   cannot step to the caller it has none (0) where the rules
		   may still know it.  Unknown is no wrong answer.  */
		bool cfa_ok = a[i].cfa == b[i].cfa || (i + 1 == na &&
		    (a[i].cfa == 0 || b[i].cfa == 0));

		if (a[i].pc != b[i].pc || !cfa_ok || a[i].sp != b[i].sp ||
		    a[i].sigtramp != b[i].sigtramp)
			return false;
	}
	return true;
}

static void
differ(const char *what, const struct seen *a, size_t na,
    const struct seen *b, size_t nb)
{
	size_t i;

	fprintf(stderr, "fuzz unwind: %s: %zu frames, then %zu\n", what, na,
	    nb);
	for (i = 0; (i < na || i < nb) && i < 64; i++)
		fprintf(stderr, "  #%zu  %#llx cfa %#llx  |  %#llx cfa %#llx\n",
		    i, i < na ? (unsigned long long)a[i].pc : 0,
		    i < na ? (unsigned long long)a[i].cfa : 0,
		    i < nb ? (unsigned long long)b[i].pc : 0,
		    i < nb ? (unsigned long long)b[i].cfa : 0);
	abort();
}

void
fuzz_unwind(const uint8_t *data, size_t size)
{
	static uint64_t img[REDZONE / 8 + MAXWORDS];
	static struct seen a[MAXFRAMES], b[MAXFRAMES];
	struct fuzz_in in = { data, size };
	struct user_regs_struct r = regs0;
	struct fs_unwinder *u;
	uint64_t *w = img + REDZONE / 8, rsp;
	size_t nw, na, nb, max, i;
	uint8_t flags;

	if (target == NULL)
		return;
	flags = fuzz_u8(&in);
	max = flags & 0x10 ? flags >> 5 : 0;
	nw = fuzz_u16(&in) % MAXWORDS + 1;
	rsp = stack_top - nw * 8;
	r.rsp = rsp;
	r.rip = word(&in, rsp);
	r.rbp = word(&in, rsp);
	r.rbx = word(&in, rsp);
	r.r12 = word(&in, rsp);
	r.r13 = word(&in, rsp);
	r.r14 = word(&in, rsp);
	r.r15 = word(&in, rsp);
	memset(img, 0, sizeof img);
	for (i = 0; i < nw && in.n > 0; i++)
		w[i] = word(&in, rsp);

	/* Through the target, which forgets the pages it read of the
	   stack before (the code page at a pc pointing into the stack):
	   the program's memory changes only so, or when it runs.  */
	if (fs_target_store(target, rsp - REDZONE, img, REDZONE + nw * 8) !=
	    (ssize_t)(REDZONE + nw * 8))
		return;

	if (fs_unwinder_new(&u, NULL) < 0)
		return;
	fs_unwind_set_fast(u, !(flags & 1));
	na = unwind(u, &r, max, a);
	ask_more(u, na);
	nb = unwind(u, &r, max, b);
	if (!same(a, na, b, nb))
		differ("a second unwind of the same stack", a, na, b, nb);
	fs_unwinder_free(u);

	if (!(flags & 1) && (flags & 2)) {
		if (fs_unwinder_new(&u, NULL) < 0)
			return;
		fs_unwind_set_fast(u, false);
		nb = unwind(u, &r, max, b);
		fs_unwinder_free(u);
		if (!same(a, na, b, nb))
			differ("the fast path, then libunwind", a, na, b, nb);
	}
}
