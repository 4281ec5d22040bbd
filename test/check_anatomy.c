/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_anatomy (the slot map), of the saved-register and canary
   reading of fs_unwind, and of the `frames` command. */
#include <sys/wait.h>

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_anatomy.h"
#include "fs_insn.h"
#include "fs_session.h"

static void
must(int r, const char *what, const struct fs_err *e)
{
	ck_assert_msg(r == 0, "%s: %s", what, e->msg);
}

static struct fs_session *
loaded(const char *name)
{
	char path[PATH_MAX];
	char *argv[] = { path, NULL };
	struct fs_session *s;
	struct fs_err e;

	snprintf(path, sizeof path, "%s", sample_path(name));
	fs_err_clear(&e);
	must(fs_session_new(&s, &e), "new", &e);
	must(fs_session_load(s, 1, argv, &e), "load", &e);
	return s;
}

/* A session stopped at SPEC.  */
static struct fs_session *
stopped_at(const char *name, const char *spec)
{
	struct fs_session *s = loaded(name);
	const struct fs_breakpoint *bp;
	struct fs_err e;

	must(fs_session_break(s, spec, false, &bp, &e), "break", &e);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	return s;
}

static const struct fs_frame_anatomy *
map(struct fs_anatomy *a, struct fs_session *s, size_t *n)
{
	const struct fs_frame_anatomy *fa;
	struct fs_err e;

	fs_err_clear(&e);
	must(fs_anatomy_compute(a, s, 0, &fa, n, &e), "anatomy", &e);
	ck_assert_uint_ge(*n, 2);
	return fa;
}

static const struct fs_slot *
slot(const struct fs_frame_anatomy *fa, uint64_t addr)
{
	size_t i;

	for (i = 0; i < fa->nslots; i++)
		if (fa->slots[i].addr == addr)
			return &fa->slots[i];
	return NULL;
}

static bool
has_label(const struct fs_slot *sl, const char *l)
{
	size_t i;

	for (i = 0; sl != NULL && i < sl->nlabels; i++)
		if (strcmp(sl->labels[i], l) == 0)
			return true;
	return false;
}

static const struct user_regs_struct *
regs(struct fs_session *s)
{
	const struct user_regs_struct *r;
	struct fs_err e;

	must(fs_session_regs(s, &r, &e), "regs", &e);
	return r;
}

/* --- A provider standing in for DWARF: callee8's variables at -O0, as
   gcc places them (rbp-relative; the stack arguments at rbp+16 and
   rbp+24, that is at callee's cfa), a made-up array and struct in
   callee's red zone, and `a` but not `b` in main, to leave a gap. --- */

struct fake {
	struct fs_anat_obj	 objs[12];
	struct fs_anat_part	 parts[2];
	char			 names[12][16];
};

static int
fake_provider(void *arg, struct fs_session *s, const struct fs_frame *f,
    const struct fs_anat_obj **objs, size_t *n)
{
	struct fake *fk = arg;
	size_t k = 0;
	int i;

	(void)s;
	memset(fk->objs, 0, sizeof fk->objs);
	if (f->where.func != NULL && strcmp(f->where.func, "callee") == 0) {
		uint64_t rbp = f->cfa - 16;

		for (i = 1; i <= 8; i++, k++) {
			snprintf(fk->names[k], sizeof fk->names[k], "arg%d", i);
			fk->objs[k].name = fk->names[k];
			fk->objs[k].kind = FS_ANAT_PARAM;
			fk->objs[k].size = 8;
			fk->objs[k].addr = i <= 6 ? rbp - 8 * (uint64_t)i :
			    rbp + 16 + 8 * (uint64_t)(i - 7);
		}
		fk->objs[0].value = "1";
		/* int arr[4] at rbp-80 and struct { long x, y; } p at
		   rbp-96: not callee8's, but drawn as any would be.  */
		fk->objs[k].name = "arr";
		fk->objs[k].kind = FS_ANAT_LOCAL;
		fk->objs[k].addr = rbp - 80;
		fk->objs[k].size = 16;
		fk->objs[k++].elem_size = 4;
		fk->parts[0] = (struct fs_anat_part){ "x", 0, 8, NULL, NULL };
		fk->parts[1] = (struct fs_anat_part){ "y", 8, 8, NULL, NULL };
		fk->objs[k].name = "p";
		fk->objs[k].kind = FS_ANAT_LOCAL;
		fk->objs[k].addr = rbp - 96;
		fk->objs[k].size = 16;
		fk->objs[k].parts = fk->parts;
		fk->objs[k++].nparts = 2;
	} else if (f->where.func != NULL && strcmp(f->where.func, "main") ==
	    0) {
		fk->objs[k].name = "a";
		fk->objs[k].kind = FS_ANAT_LOCAL;
		fk->objs[k].addr = f->cfa - 16 - 8;
		fk->objs[k].size = 8;
		fk->objs[k++].value = "7";
	} else
		return -1;
	*objs = fk->objs;
	*n = k;
	return 0;
}

START_TEST(test_anatomy_callee8_O0)
{
	struct fs_session *s = stopped_at("callee8-O0", "callee");
	const struct fs_frame_anatomy *fa;
	const struct fs_frame *f;
	const struct fs_slot *sl;
	struct fs_anatomy *a;
	struct fs_err e;
	size_t n, nf, i;

	must(fs_anatomy_new(&a, &e), "new", &e);
	must(fs_session_frames(s, &f, &nf, &e), "frames", &e);
	fa = map(a, s, &n);
	ck_assert_uint_eq(n, nf);
	ck_assert_str_eq(fa[0].frame->where.func, "callee");
	ck_assert(!fa[0].prologue && !fa[0].epilogue);
	/* After push %rbp; mov %rsp,%rbp: rbp is callee's frame pointer.  */
	ck_assert(fa[0].uses_fp);
	ck_assert_uint_eq(fa[0].rbp, regs(s)->rbp);
	ck_assert_uint_eq(fa[0].rbp, fa[0].cfa - 16);

	/* The return address at cfa-8 is frame 1's pc.  */
	sl = slot(&fa[0], fa[0].cfa - 8);
	ck_assert_ptr_nonnull(sl);
	ck_assert_int_eq(sl->kind, FS_SLOT_RETADDR);
	ck_assert_int_eq(sl->cfa_off, -8);
	ck_assert(sl->has_rbp_off && sl->rbp_off == 8);
	ck_assert_uint_eq(sl->value, f[1].pc);
	ck_assert_str_eq(sl->target.func, "main");
	ck_assert_str_eq(sl->target.file, "callee8.c");
	ck_assert_uint_eq(sl->target.line,
	    util_source_line("callee8.c", "callee(1, 2"));

	/* Saved rbp at cfa-16 is main's rbp, which at -O0 is main's
	   cfa-16.  */
	sl = slot(&fa[0], fa[0].cfa - 16);
	ck_assert_int_eq(sl->kind, FS_SLOT_SAVED_RBP);
	ck_assert_uint_eq(sl->value, f[1].fp);
	ck_assert_uint_eq(sl->value, fa[1].cfa - 16);
	ck_assert_uint_eq(fa[1].rbp, fa[1].cfa - 16);
	ck_assert(fa[1].uses_fp);

	/* callee stores its register arguments under rsp: the red zone is
	   drawn, and holds 1..6 at rbp-8..rbp-48 as the source passes;
	   without a provider to name them, words its code writes are
	   temporaries, the others red zone.  */
	ck_assert(fa[0].redzone);
	ck_assert_uint_eq(fa[0].lo, fa[0].sp - 128);
	for (i = 1; i <= 6; i++) {
		sl = slot(&fa[0], fa[0].rbp - 8 * i);
		ck_assert_int_eq(sl->kind, FS_SLOT_TEMP);
		ck_assert_uint_eq(sl->value, i);
	}
	ck_assert_int_eq(slot(&fa[0], fa[0].rbp - 56)->kind, FS_SLOT_REDZONE);
	/* main's words under its locals: arg7 and arg8 of the call, 7 and
	   8, which its code pushes: temporaries without a provider.  */
	sl = slot(&fa[1], fa[0].cfa);
	ck_assert_uint_eq(sl->value, 7);
	ck_assert_int_eq(sl->kind, FS_SLOT_TEMP);
	ck_assert_uint_eq(slot(&fa[1], fa[0].cfa + 8)->value, 8);
	/* main's return address into libc, and its saved rbp.  */
	ck_assert_int_eq(slot(&fa[1], fa[1].cfa - 8)->kind, FS_SLOT_RETADDR);
	ck_assert_uint_eq(slot(&fa[1], fa[1].cfa - 8)->value, f[2].pc);
	ck_assert_int_eq(slot(&fa[1], fa[1].cfa - 16)->kind,
	    FS_SLOT_SAVED_RBP);
	/* Frames touch: each one's slots end where its caller's begin.  */
	for (i = 0; i + 1 < n; i++)
		if (fa[i].nslots > 0 && fa[i + 1].nslots > 0)
			ck_assert_uint_eq(fa[i].hi, fa[i + 1].sp);
	fs_anatomy_free(a);
	fs_session_free(s);
}
END_TEST

START_TEST(test_anatomy_with_provider)
{
	struct fs_session *s = stopped_at("callee8-O0", "callee");
	const struct fs_frame_anatomy *fa;
	const struct fs_slot *sl;
	struct fs_anatomy *a;
	struct fake fk;
	struct fs_err e;
	uint64_t rbp;
	size_t n;

	must(fs_anatomy_new(&a, &e), "new", &e);
	fs_anatomy_set_provider(a, fake_provider, &fk);
	fa = map(a, s, &n);
	rbp = fa[0].rbp;
	/* Parameters in the red zone, with their values from the stack.  */
	sl = slot(&fa[0], rbp - 8);
	ck_assert_int_eq(sl->kind, FS_SLOT_PARAM);
	ck_assert(has_label(sl, "arg1"));
	ck_assert_str_eq(sl->objvalue, "1");
	ck_assert_uint_eq(sl->value, 1);
	sl = slot(&fa[0], rbp - 48);
	ck_assert(has_label(sl, "arg6"));
	ck_assert_uint_eq(sl->value, 6);
	/* Parts of bigger objects.  */
	ck_assert(has_label(slot(&fa[0], rbp - 80), "arr[0..1]"));
	ck_assert(has_label(slot(&fa[0], rbp - 72), "arr[2..3]"));
	ck_assert_int_eq(slot(&fa[0], rbp - 72)->kind, FS_SLOT_LOCAL);
	ck_assert(has_label(slot(&fa[0], rbp - 96), "p.x"));
	ck_assert(has_label(slot(&fa[0], rbp - 88), "p.y"));
	ck_assert_ptr_null(slot(&fa[0], rbp - 88)->objvalue);
	/* Untouched words of the red zone between them stay red zone, not
	   padding: under rsp nothing is allocated.  */
	ck_assert_int_eq(slot(&fa[0], rbp - 56)->kind, FS_SLOT_REDZONE);
	/* arg7 and arg8 live at callee's cfa: outgoing arguments in main's
	   frame, holding main's a and b.  */
	sl = slot(&fa[1], fa[0].cfa);
	ck_assert_int_eq(sl->kind, FS_SLOT_OUTARG);
	ck_assert(has_label(sl, "arg7 of callee"));
	ck_assert_uint_eq(sl->value, 7);
	sl = slot(&fa[1], fa[0].cfa + 8);
	ck_assert(has_label(sl, "arg8 of callee"));
	ck_assert_uint_eq(sl->value, 8);
	/* main's a at rbp-8; b, not given, at rbp-16: main's code writes
	   it, so it is a temporary for all the map knows, not padding.  */
	sl = slot(&fa[1], fa[1].rbp - 8);
	ck_assert_int_eq(sl->kind, FS_SLOT_LOCAL);
	ck_assert(has_label(sl, "a"));
	ck_assert_uint_eq(sl->value, 7);
	ck_assert_int_eq(slot(&fa[1], fa[1].rbp - 16)->kind,
	    FS_SLOT_TEMP);
	/* Frames the provider declines are drawn without variables, and
	   no word in them is called padding.  */
	if (n > 2) {
		size_t i;

		for (i = 0; i < fa[2].nslots; i++)
			ck_assert_int_ne(fa[2].slots[i].kind,
			    FS_SLOT_PADDING);
	}
	fs_anatomy_free(a);
	fs_session_free(s);
}
END_TEST

START_TEST(test_anatomy_prologue_steps)
{
	struct fs_session *s = stopped_at("callee8-O0", "*callee");
	const struct fs_frame_anatomy *fa;
	const struct fs_slot *sl;
	struct fs_anatomy *a;
	struct fs_err e;
	uint64_t cfa;
	size_t n;
	int i;

	must(fs_anatomy_new(&a, &e), "new", &e);
	/* At the first instruction: only the return address; rbp is still
	   main's.  */
	fa = map(a, s, &n);
	cfa = fa[0].cfa;
	ck_assert(fa[0].prologue);
	ck_assert(!fa[0].uses_fp);
	ck_assert_uint_eq(fa[0].sp, cfa - 8);
	ck_assert_uint_eq(fa[0].nslots, 1);
	ck_assert_int_eq(fa[0].slots[0].kind, FS_SLOT_RETADDR);
	ck_assert(!fa[0].slots[0].has_rbp_off);
	ck_assert(!fs_session_stop(s)->single_step);

	/* push %rbp: a new word, the saved rbp, written by the push.  */
	must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	ck_assert(fs_session_stop(s)->single_step);
	fa = map(a, s, &n);
	ck_assert_uint_eq(fa[0].cfa, cfa);
	ck_assert(fa[0].prologue);
	sl = slot(&fa[0], cfa - 16);
	ck_assert_ptr_nonnull(sl);
	ck_assert_int_eq(sl->kind, FS_SLOT_SAVED_RBP);
	ck_assert_uint_eq(sl->value, regs(s)->rbp);
	ck_assert_int_eq(sl->changed, FS_CHANGE_YES);
	ck_assert(sl->has_writer);
	ck_assert_msg(strstr(sl->writer_insn, "push") != NULL &&
	    strstr(sl->writer_insn, "%rbp") != NULL, "%s", sl->writer_insn);
	ck_assert_str_eq(sl->writer_file, "callee8.c");
	ck_assert_uint_eq(sl->writer_line, util_source_line("callee8.c",
	    "long callee("));
	/* The return address did not change.  */
	ck_assert_int_eq(slot(&fa[0], cfa - 8)->changed, FS_CHANGE_NO);
	ck_assert(!slot(&fa[0], cfa - 8)->has_writer);

	/* mov %rsp,%rbp: the frame is set up.  */
	must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	fa = map(a, s, &n);
	ck_assert(!fa[0].prologue && !fa[0].epilogue);
	ck_assert(fa[0].uses_fp);
	ck_assert_int_eq(slot(&fa[0], cfa - 16)->changed, FS_CHANGE_NO);
	ck_assert_int_eq(slot(&fa[0], cfa - 16)->rbp_off, 0);

	/* movq %rdi,-8(%rbp): a red-zone word written.  */
	must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	fa = map(a, s, &n);
	sl = slot(&fa[0], cfa - 24);
	ck_assert_uint_eq(sl->value, 1);
	if (sl->changed == FS_CHANGE_YES)
		ck_assert_msg(strstr(sl->writer_insn, "%rdi") != NULL, "%s",
		    sl->writer_insn);

	/* On to pop %rbp (the body has no other pop): the epilogue.  */
	for (i = 0; i < 12; i++) {
		uint8_t b;

		ck_assert_int_eq(fs_session_read(s, regs(s)->rip, &b, 1, &e),
		    1);
		if (b == 0x5d)
			break;
		must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	}
	ck_assert_int_lt(i, 12);
	fa = map(a, s, &n);
	ck_assert(fa[0].epilogue && !fa[0].prologue);
	ck_assert(fa[0].uses_fp);
	/* At ret: rbp is main's again; CFI still finds the frame.  */
	must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	fa = map(a, s, &n);
	ck_assert(fa[0].epilogue);
	ck_assert_uint_eq(fa[0].cfa, cfa);
	ck_assert(!fa[0].uses_fp);
	ck_assert_int_eq(slot(&fa[0], cfa - 8)->kind, FS_SLOT_RETADDR);
	/* Back in main, in its body.  */
	must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	fa = map(a, s, &n);
	ck_assert_str_eq(fa[0].frame->where.func, "main");
	ck_assert(!fa[0].epilogue && !fa[0].prologue);
	fs_anatomy_free(a);
	fs_session_free(s);
}
END_TEST

START_TEST(test_anatomy_without_frame_pointer)
{
	/* gcc -O2 inlines callee8's callee: canary-O2's leaf, stopped at its
	   first instruction (sub $N,%rsp), is the -O2 function.  */
	static const char *const names[] = { "callee8-O0-nofp", "canary-O2" };
	static const char *const funcs[] = { "callee", "leaf" };
	const struct fs_frame_anatomy *fa;
	const struct fs_frame *f;
	struct fs_session *s;
	struct fs_anatomy *a;
	struct fs_err e;
	size_t n, nf, i, k;

	for (k = 0; k < 2; k++) {
		s = stopped_at(names[k], funcs[k]);
		must(fs_anatomy_new(&a, &e), "new", &e);
		must(fs_session_frames(s, &f, &nf, &e), "frames", &e);
		fa = map(a, s, &n);
		ck_assert_msg(!fa[0].uses_fp, "%s", names[k]);
		ck_assert_int_eq(slot(&fa[0], fa[0].cfa - 8)->kind,
		    FS_SLOT_RETADDR);
		ck_assert_uint_eq(slot(&fa[0], fa[0].cfa - 8)->value,
		    f[1].pc);
		for (i = 0; i < fa[0].nslots; i++)
			ck_assert(!fa[0].slots[i].has_rbp_off);
		if (k == 0) {
			/* -O0 without rbp: the arguments go under rsp (the
			   first by the first instruction).  */
			ck_assert(fa[0].redzone);
			must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
			fa = map(a, s, &n);
			ck_assert_uint_eq(slot(&fa[0], fa[0].sp - 8)->value, 1);
			ck_assert_int_eq(slot(&fa[0], fa[0].sp - 8)->changed,
			    FS_CHANGE_YES);
			ck_assert_msg(strstr(slot(&fa[0], fa[0].sp - 8)->
			    writer_insn, "%rdi,-0x8(%rsp)") != NULL, "%s",
			    slot(&fa[0], fa[0].sp - 8)->writer_insn);
		} else {
			/* -O2, before its sub: nothing but the return
			   address, and the prologue.  */
			ck_assert(fa[0].prologue);
			ck_assert(!fa[0].redzone);
			ck_assert_uint_eq(fa[0].nslots, 1);
			ck_assert_uint_eq(fa[0].sp, fa[0].cfa - 8);
		}
		fs_anatomy_free(a);
		fs_session_free(s);
	}
}
END_TEST

/* The guard at %fs:0x28 of PID, read from /proc/PID/mem: not through the
   session.  */
static uint64_t
guard_of(pid_t pid, uint64_t fs_base)
{
	char path[64];
	uint64_t v = 0;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
	fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(pread(fd, &v, 8, (off_t)(fs_base + 0x28)), 8);
	close(fd);
	return v;
}

/* Where the function at FUNC stores the guard: the rbp offset of the
   store after its `mov %fs:0x28,%rax`.  */
static int64_t
guard_store(struct fs_session *s, uint64_t func)
{
	struct fs_insn in;
	uint8_t code[16];
	uint64_t a = func;
	bool loaded = false;
	const char *p;
	int i;

	for (i = 0; i < 40; i++, a += in.len) {
		ck_assert_int_gt(fs_session_read(s, a, code, sizeof code, NULL),
		    0);
		ck_assert_int_eq(fs_insn_decode(code, sizeof code, a, false,
		    &in), 0);
		if (strstr(in.text, "%fs:0x28, %rax") != NULL)
			loaded = true;
		else if (loaded && strncmp(in.text, "mov %rax, ", 10) == 0 &&
		    (p = strstr(in.text, "(%rbp)")) != NULL)
			return strtoll(in.text + 10, NULL, 0);
	}
	ck_abort_msg("no guard store in the function at 0x%" PRIx64, func);
	return 0;
}

START_TEST(test_anatomy_canary)
{
	struct fs_session *s = stopped_at("canary-O0", "keep");
	const struct fs_frame_anatomy *fa;
	const struct fs_slot *sl;
	struct fs_anatomy *a;
	struct fs_err e;
	uint64_t guard, g2;
	size_t n, i, ncanary = 0;

	must(fs_anatomy_new(&a, &e), "new", &e);
	guard = guard_of(fs_session_pid(s), regs(s)->fs_base);
	/* glibc zeroes the guard's low byte (a string overflow stops
	   there); the rest is random.  */
	ck_assert_uint_eq(guard & 0xff, 0);
	ck_assert_uint_ne(guard, 0);
	must(fs_unwind_canary(fs_session_unwinder(s), &g2, &e), "canary", &e);
	ck_assert_uint_eq(g2, guard);
	fa = map(a, s, &n);
	/* greet (frame 1): the guard where its code stores it (mov
	   %fs:0x28,%rax; mov %rax,-N(%rbp)).  keep, at its breakpoint, has
	   not stored its own yet.  */
	ck_assert_str_eq(fa[1].frame->where.func, "greet");
	for (i = 1; i < 2; i++) {
		int64_t off = guard_store(s, fa[i].frame->where.func_addr);

		ck_assert(fa[i].uses_fp);
		sl = slot(&fa[i], fa[i].rbp + (uint64_t)off);
		ck_assert_int_eq(sl->kind, FS_SLOT_CANARY);
		ck_assert_uint_eq(sl->value, guard);
	}
	for (i = 0; i < fa[1].nslots; i++)
		ncanary += fa[1].slots[i].kind == FS_SLOT_CANARY;
	ck_assert_uint_eq(ncanary, 1);
	fs_anatomy_free(a);
	fs_session_free(s);
}
END_TEST

/* gdb's "Saved registers" of frame 1 at `break leaf` in canary-O2, as
   offsets from the frame's cfa ("frame at ADDR").  */
static size_t
gdb_saves(char names[][8], int64_t *offs, size_t max)
{
	static const char *const cmds[] = { "break leaf", "run", "up",
	    "info frame", NULL };
	struct util_result r;
	const char *p, *q;
	uint64_t cfa = 0, addr;
	size_t n = 0;

	util_gdb(&r, NULL, cmds, sample_path("canary-O2"), NULL);
	ck_assert_ptr_nonnull(p = strstr(r.out, "Stack level 1, frame at "));
	cfa = strtoull(p + strlen("Stack level 1, frame at "), NULL, 16);
	ck_assert_ptr_nonnull(p = strstr(r.out, "Saved registers:\n"));
	p += strlen("Saved registers:\n");
	while (n < max && (q = strstr(p, " at 0x")) != NULL &&
	    strchr(p, '\n') != NULL && q < strchr(p, '\n') + 200) {
		const char *b = q;

		while (b > p && b[-1] != ' ' && b[-1] != ',')
			b--;
		snprintf(names[n], 8, "%.*s", (int)(q - b), b);
		addr = strtoull(q + 4, NULL, 16);
		offs[n++] = (int64_t)(addr - cfa);
		p = q + 4;
		if (strchr(p, '\n') == NULL || strchr(p, ',') == NULL ||
		    strchr(p, ',') > strchr(p, '\n'))
			break;
	}
	util_result_free(&r);
	return n;
}

START_TEST(test_anatomy_saved_regs_like_gdb)
{
	char names[16][8];
	int64_t offs[16];
	struct fs_session *s;
	const struct fs_frame_anatomy *fa;
	const struct fs_frame_regs *fr;
	struct fs_anatomy *a;
	struct fs_err e;
	size_t n, ng, nfr, i, j, nsaves = 0;
	bool seen_rbx = false, seen_r12 = false;

	if (!util_have_gdb())
		return;
	ng = gdb_saves(names, offs, 16);
	ck_assert_uint_ge(ng, 4);
	s = stopped_at("canary-O2", "leaf");
	must(fs_anatomy_new(&a, &e), "new", &e);
	fa = map(a, s, &n);
	ck_assert_str_eq(fa[1].frame->where.func, "keep");
	must(fs_unwind_regs(fs_session_unwinder(s), 3, &fr, &nfr, &e),
	    "regs", &e);
	ck_assert_uint_ge(nfr, 3);
	for (i = 0; i < ng; i++) {
		const struct fs_slot *sl = slot(&fa[1],
		    fa[1].cfa + (uint64_t)offs[i]);

		ck_assert_msg(sl != NULL, "%s at cfa%+" PRId64, names[i],
		    offs[i]);
		if (strcmp(names[i], "rip") == 0)
			ck_assert_int_eq(sl->kind, FS_SLOT_RETADDR);
		else if (strcmp(names[i], "rbp") == 0)
			ck_assert_int_eq(sl->kind, FS_SLOT_SAVED_RBP);
		else {
			ck_assert_int_eq(sl->kind, FS_SLOT_SAVED_REG);
			ck_assert_str_eq(fs_ureg_name(sl->reg), names[i]);
			seen_rbx |= strcmp(names[i], "rbx") == 0;
			seen_r12 |= strcmp(names[i], "r12") == 0;
		}
		/* The unwinder says the same of frame 2's registers.  */
		for (j = 0; j < FS_UREG_N; j++)
			if (strcmp(fs_ureg_name((unsigned)j), names[i]) == 0)
				ck_assert_uint_eq(fr[2].saved_at[j],
				    fa[1].cfa + (uint64_t)offs[i]);
	}
	ck_assert(seen_rbx && seen_r12);
	/* And nothing more than gdb lists.  */
	for (i = 0; i < fa[1].nslots; i++) {
		enum fs_slot_kind k = fa[1].slots[i].kind;

		nsaves += k == FS_SLOT_RETADDR || k == FS_SLOT_SAVED_RBP ||
		    k == FS_SLOT_SAVED_REG;
	}
	ck_assert_uint_eq(nsaves, ng);
	/* keep has a canary too.  */
	for (i = 0; i < fa[1].nslots; i++)
		if (fa[1].slots[i].kind == FS_SLOT_CANARY)
			break;
	ck_assert_uint_lt(i, fa[1].nslots);
	fs_anatomy_free(a);
	fs_session_free(s);
}
END_TEST

/* The address at the start of a `frames` line, or 0.  */
static uint64_t
line_addr(const char *l)
{
	if (strncmp(l, "0x", 2) != 0)
		return 0;
	return strtoull(l, NULL, 16);
}

/* The textbook's picture, every labelled word where gdb says the object
   is: at callee's stop, main's a and b (gcc 12 puts a at rbp-8, b at
   rbp-16, the article's gcc 9 the other way round: gdb's &a and &b are
   the truth), arg7 and arg8 where callee finds them, at rbp+16 and
   rbp+24 of callee's frame, drawn in main's box as main's outgoing
   arguments, and arg1 in callee's red zone.  */
START_TEST(test_anatomy_labels_where_gdb_says)
{
	static const struct {
		const char *expr, *label;
	} objs[] = {
		{ "&a", "local a = 7" }, { "&b", "local b = 8" },
		{ "&arg7", "outgoing arg7 of callee = 7" },
		{ "&arg8", "outgoing arg8 of callee = 8" },
		{ "&arg1", "param arg1 = 1" }, { "&arg6", "param arg6 = 6" },
	};
	const char *gcmds[] = { "break callee", "run", "print &arg7",
	    "print &arg8", "print &arg1", "print &arg6", "up", "print &a",
	    "print &b", NULL };
	const char *fcmds[] = { "break callee", "run", "frames -ascii", NULL };
	struct util_result g, f;
	char **gl, **fl;
	uint64_t addr[6];
	size_t gn, fn, i, k, found = 0;
	const char *order[] = { "&arg7", "&arg8", "&arg1", "&arg6", "&a",
	    "&b" };

	util_gdb(&g, NULL, gcmds, sample_path("callee8-O0"), NULL);
	util_framescope(&f, NULL, fcmds, sample_path("callee8-O0"), NULL);
	gl = util_lines(g.out, &gn);
	for (i = 0, k = 0; i < gn && k < 6; i++) {
		const char *p = strstr(gl[i], ") 0x");

		if (strncmp(gl[i], "$", 1) == 0 && p != NULL)
			addr[k++] = strtoull(p + 2, NULL, 16);
	}
	ck_assert_uint_eq(k, 6);
	fl = util_lines(f.out, &fn);
	for (k = 0; k < 6; k++) {
		size_t o;

		for (o = 0; strcmp(objs[o].expr, order[k]) != 0; o++)
			;
		for (i = 0; i < fn; i++)
			if (line_addr(fl[i]) == addr[k]) {
				ck_assert_msg(strstr(fl[i], objs[o].label) !=
				    NULL, "%s at %#" PRIx64 ": %s", objs[o].expr,
				    addr[k], fl[i]);
				found++;
				break;
			}
	}
	ck_assert_uint_eq(found, 6);
	util_lines_free(gl);
	util_lines_free(fl);
	util_result_free(&g);
	util_result_free(&f);
}
END_TEST

START_TEST(test_anatomy_frames_command)
{
	static const char *const cmds[] = { "break callee", "run",
	    "frames -unicode", "info registers rsp", "frames -ascii 1",
	    NULL };
	struct util_result r;
	char **lines, want[64];
	uint64_t rsp = 0, prev = UINT64_MAX, ad;
	size_t n, i, tops = 0, bottoms = 0, heads = 0, rsp_lines = 0;
	int last_head = -1;
	bool in_ascii = false, ret_line = false;

	util_framescope(&r, NULL, cmds, sample_path("callee8-O0"), NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	lines = util_lines(r.out, &n);
	for (i = 0; i < n; i++)
		if (strncmp(lines[i], "rsp ", 4) == 0)
			rsp = strtoull(strstr(lines[i], "0x"), NULL, 16);
	ck_assert_uint_ne(rsp, 0);
	for (i = 0; i < n; i++) {
		const char *l = lines[i];
		const char *h = l + strspn(l, " ");

		if (strncmp(l, "rsp ", 4) == 0) {
			in_ascii = true;
			continue;
		}
		if (in_ascii) {
			const unsigned char *c;

			for (c = (const unsigned char *)l; *c; c++)
				ck_assert_msg(*c < 0x80, "not ASCII: %s", l);
			if (*h == '#')
				ck_assert_msg(strncmp(h, "#0 callee", 9) == 0,
				    "frames 1 drew %s", h);
			if (line_addr(l) == rsp)
				ck_assert_ptr_nonnull(strstr(l, "<- rsp"));
			continue;
		}
		if (*h == '#' && h != l) {
			/* Outermost first, down to #0.  */
			int k = atoi(h + 1);

			ck_assert(last_head == -1 || k == last_head - 1);
			last_head = k;
			heads++;
		}
		tops += strstr(l, "┌") != NULL;
		bottoms += strstr(l, "└") != NULL;
		if ((ad = line_addr(l)) != 0) {
			/* Higher addresses on top.  */
			ck_assert_uint_lt(ad, prev);
			prev = ad;
			ck_assert_ptr_nonnull(strstr(l, "│"));
			if (strstr(l, "◀ rsp") != NULL) {
				ck_assert_uint_eq(ad, rsp);
				rsp_lines++;
				/* rbp == rsp in callee at -O0.  */
				ck_assert_ptr_nonnull(strstr(l, "saved rbp"));
				ck_assert_ptr_nonnull(strstr(l, "◀ rbp"));
			}
			if (ad == rsp + 8) {
				ck_assert_ptr_nonnull(strstr(l,
				    "return address → main+"));
				snprintf(want, sizeof want, "(callee8.c:%u)",
				    util_source_line("callee8.c",
				    "callee(1, 2"));
				ck_assert_ptr_nonnull(strstr(l, want));
				ret_line = true;
			}
			if (ad == rsp + 16)
				ck_assert_ptr_nonnull(strstr(l, "◀ cfa #0"));
			/* The red zone: callee's register arguments stored
			   there at -O0, then unused words.  */
			if (ad == rsp - 8)
				ck_assert_ptr_nonnull(strstr(l,
				    "param arg1 = 1"));
			if (ad == rsp - 48)
				ck_assert_ptr_nonnull(strstr(l,
				    "param arg6 = 6"));
			if (ad == rsp - 56)
				ck_assert_ptr_nonnull(strstr(l, "red zone"));
		}
	}
	ck_assert_int_eq(last_head, 0);
	ck_assert_uint_ge(heads, 3);
	ck_assert_uint_eq(tops, heads);
	ck_assert_uint_eq(bottoms, heads);
	ck_assert_uint_eq(rsp_lines, 1);
	ck_assert(ret_line);
	util_lines_free(lines);
	util_result_free(&r);
}
END_TEST

/* frames -inner: the same lines, frame #0's box first, each box still
   from its highest address down.  */
START_TEST(test_anatomy_frames_inner)
{
	static const char *const cmds[] = { "break callee", "run",
	    "frames -unicode", "echo ==\n", "frames -unicode -inner", NULL };
	struct util_result r;
	char **lines, *mid;
	size_t n, i, heads = 0;
	uint64_t prev = UINT64_MAX, ad;
	int last = -1;

	util_framescope(&r, NULL, cmds, sample_path("callee8-O0"), NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	ck_assert_ptr_nonnull(mid = strstr(r.out, "==\n"));
	lines = util_lines(mid + 3, &n);
	for (i = 0; i < n; i++) {
		const char *h = lines[i] + strspn(lines[i], " ");

		if (*h == '#' && h != lines[i]) {
			/* #0, #1, ... */
			ck_assert_int_eq(atoi(h + 1), last + 1);
			last = atoi(h + 1);
			heads++;
			prev = UINT64_MAX;
		}
		if ((ad = line_addr(lines[i])) != 0) {
			ck_assert_uint_lt(ad, prev);
			prev = ad;
		}
	}
	ck_assert_uint_ge(heads, 3);
	/* The lines of the textbook's order.  */
	*mid = '\0';
	for (i = 0; i < n; i++)
		ck_assert_msg(strstr(r.out, lines[i]) != NULL, "not in "
		    "frames: %s", lines[i]);
	util_lines_free(lines);
	util_result_free(&r);
}
END_TEST

START_TEST(test_anatomy_snapshot_slots)
{
	char *dir = util_tmpdir(), path[PATH_MAX], cmd[PATH_MAX + 32];
	const char *cmds[] = { "break callee", "run", "stepi", cmd, NULL };
	struct util_result r;
	json_t *o, *f0, *sl, *x;
	json_error_t je;
	size_t i;
	char *text;
	bool ret = false;

	snprintf(path, sizeof path, "%s/snap.json", dir);
	snprintf(cmd, sizeof cmd, "snapshot -slots %s", path);
	util_framescope(&r, NULL, cmds, sample_path("callee8-O0"), NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	ck_assert_ptr_nonnull(text = util_slurp(path));
	ck_assert_msg((o = json_loads(text, 0, &je)) != NULL, "%s", je.text);
	f0 = json_array_get(json_object_get(o, "frames"), 0);
	ck_assert(json_is_false(json_object_get(f0, "prologue")));
	sl = json_object_get(f0, "slots");
	ck_assert_uint_gt(json_array_size(sl), 2);
	for (i = 0; i < json_array_size(sl); i++) {
		x = json_array_get(sl, i);
		ck_assert(json_is_array(json_object_get(x, "labels")));
		ck_assert_int_eq(json_integer_value(json_object_get(x,
		    "size")), 8);
		if (strcmp(json_string_value(json_object_get(x, "kind")),
		    "return-address") != 0)
			continue;
		ret = true;
		ck_assert_int_eq(json_integer_value(json_object_get(x,
		    "cfa_off")), -8);
		ck_assert_int_eq(json_integer_value(json_object_get(x,
		    "fp_off")), 8);
		ck_assert_uint_eq(util_jhex(x, "value"), util_jhex(
		    json_array_get(json_object_get(o, "frames"), 1), "pc"));
		ck_assert_str_eq(json_string_value(json_object_get(
		    json_object_get(x, "target"), "function")), "main");
		/* stepi moved nothing on the stack here.  */
		ck_assert(json_is_false(json_object_get(x, "changed")));
	}
	ck_assert(ret);
	json_decref(o);
	free(text);
	util_result_free(&r);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* The gdb value after "NAME = " (or "NAME at ") in OUT, or 0.  */
static uint64_t
after(const char *out, const char *name)
{
	const char *p = strstr(out, name);

	return p != NULL ? strtoull(p + strlen(name), NULL, 16) : 0;
}

/* The word of snapshot frame FR at ADDR, or NULL.  */
static json_t *
snap_slot(json_t *fr, uint64_t addr)
{
	json_t *sl = json_object_get(fr, "slots");
	size_t i;

	for (i = 0; i < json_array_size(sl); i++)
		if (util_jhex(json_array_get(sl, i), "addr") == addr)
			return json_array_get(sl, i);
	return NULL;
}

static void
assert_slot(json_t *fr, uint64_t addr, const char *kind, const char *text,
    json_int_t fp_off)
{
	json_t *x = snap_slot(fr, addr);
	const char *t;

	ck_assert_msg(x != NULL, "no word at %#" PRIx64, addr);
	ck_assert_str_eq(util_jstr(x, "kind"), kind);
	ck_assert_msg((t = util_jstr(x, "text")) != NULL &&
	    strstr(t, text) != NULL, "at %#" PRIx64 ": '%s', not '%s'", addr,
	    t, text);
	if (fp_off != INT32_MIN)
		ck_assert_int_eq(json_integer_value(json_object_get(x,
		    "fp_off")), fp_off);
}

/* The seed article's Add (samples/add32.c, gcc -m32 -O0), word by word
   where gdb says each thing is: left and right pushed by main at ebp+8
   and ebp+12, the return address at ebp+4 (gdb's "eip at"), the saved
   ebp at ebp ("ebp at"), result at ebp-4; main's locals; 4-byte words,
   Add's cfa gdb's "frame at", no red zone.  */
START_TEST(test_anatomy_add32_like_gdb)
{
	const char *gcmds[] = { "break Add", "run", "print &left",
	    "print &right", "print &result", "info frame", "up",
	    "print &num1", "print &num2", "print &sum", NULL };
	char *dir = util_tmpdir(), path[PATH_MAX], cmd[PATH_MAX + 32];
	const char *fcmds[] = { "break Add", "run", cmd, NULL };
	struct util_result g, r;
	json_t *o, *frames, *f0, *f1, *sl;
	json_error_t je;
	uint64_t left, right, result, num1, num2, sum, ebp, eip, cfa;
	char *text, **gl;
	size_t i, gn, k = 0, nw = 0;
	uint64_t v[6];

	snprintf(path, sizeof path, "%s/snap.json", dir);
	snprintf(cmd, sizeof cmd, "snapshot -slots %s", path);
	util_gdb(&g, NULL, gcmds, sample_path("add32-m32-O0"), NULL);
	gl = util_lines(g.out, &gn);
	for (i = 0; i < gn && k < 6; i++) {
		const char *p = strstr(gl[i], ") 0x");

		if (gl[i][0] == '$' && p != NULL)
			v[k++] = strtoull(p + 2, NULL, 16);
	}
	util_lines_free(gl);
	ck_assert_msg(k == 6, "gdb printed %zu addresses:\n%s", k, g.out);
	left = v[0], right = v[1], result = v[2];
	num1 = v[3], num2 = v[4], sum = v[5];
	ebp = after(g.out, "ebp at ");
	eip = after(g.out, "eip at ");
	cfa = after(g.out, "frame at ");
	ck_assert_msg(ebp != 0 && eip != 0 && cfa != 0, "%s", g.out);

	util_framescope(&r, NULL, fcmds, sample_path("add32-m32-O0"), NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	ck_assert_ptr_nonnull(text = util_slurp(path));
	ck_assert_msg((o = json_loads(text, 0, &je)) != NULL, "%s", je.text);
	ck_assert_str_eq(util_jstr(o, "arch"), "i386");
	frames = json_object_get(o, "frames");
	f0 = json_array_get(frames, 0);
	f1 = json_array_get(frames, 1);
	ck_assert_str_eq(util_jstr(f0, "function"), "Add");
	ck_assert_str_eq(util_jstr(f1, "function"), "main");
	ck_assert_str_eq(util_jstr(f0, "convention"), "cdecl");
	ck_assert_uint_eq(util_jhex(f0, "cfa"), cfa);
	ck_assert_uint_eq(util_jhex(f0, "fp"), ebp);
	/* The article's offsets are gdb's addresses.  */
	ck_assert_uint_eq(eip, ebp + 4);
	ck_assert_uint_eq(left, ebp + 8);
	ck_assert_uint_eq(right, ebp + 12);
	ck_assert_uint_eq(result, ebp - 4);
	assert_slot(f0, eip, "return-address", "return address", 4);
	ck_assert_uint_eq(util_jhex(snap_slot(f0, eip), "value"),
	    util_jhex(f1, "pc"));
	assert_slot(f0, ebp, "saved-fp", "saved ebp", 0);
	ck_assert_uint_eq(util_jhex(snap_slot(f0, ebp), "value"),
	    util_jhex(f1, "fp"));
	assert_slot(f0, result, "local", "local result", -4);
	/* Pushed right to left by main: its outgoing words.  */
	assert_slot(f1, left, "outgoing-arg", "outgoing left of Add = 3",
	    INT32_MIN);
	assert_slot(f1, right, "outgoing-arg", "outgoing right of Add = 5",
	    INT32_MIN);
	assert_slot(f1, num1, "local", "local num1 = 3", INT32_MIN);
	assert_slot(f1, num2, "local", "local num2 = 5", INT32_MIN);
	assert_slot(f1, sum, "local", "local sum = 0", INT32_MIN);
	/* main realigned its stack: the copy of the return address above
	   its saved ebp (its code pushes it: a temporary, not padding), the
	   cfa it restores esp from.  */
	assert_slot(f1, util_jhex(f1, "fp") + 4, "temporary",
	    "copy of the return address", INT32_MIN);
	ck_assert_uint_eq(util_jhex(snap_slot(f1, util_jhex(f1, "fp") + 4),
	    "value"), util_jhex(snap_slot(f1, util_jhex(f1, "cfa") - 4),
	    "value"));
	/* 4-byte words, one after the other; no red zone on i386.  */
	for (k = 0; k < 2; k++) {
		sl = json_object_get(json_array_get(frames, k), "slots");
		for (i = 0; i < json_array_size(sl); i++, nw++) {
			json_t *x = json_array_get(sl, i);

			ck_assert_int_eq(json_integer_value(json_object_get(x,
			    "size")), 4);
			ck_assert_str_ne(util_jstr(x, "kind"), "red-zone");
			if (i > 0)
				ck_assert_uint_eq(util_jhex(x, "addr") + 4,
				    util_jhex(json_array_get(sl, i - 1),
				    "addr"));
		}
	}
	ck_assert_uint_gt(nw, 10);
	json_decref(o);
	free(text);
	util_result_free(&g);
	util_result_free(&r);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* samples/add32.fs, the script that walks the seed article's steps, on
   add32 built -m32 -O0 and with the pattern fill: it runs to the end,
   and at each step shows what the article draws, known truth from
   add32.c: main's pushes of right (5) and left (3) as Add's outgoing
   arguments, Add's return address at ebp+4 and saved ebp at ebp,
   result = 8 in eax, finish's value.  */
START_TEST(test_add32_script)
{
	static const char *const want[] = {
	    "\nBreakpoint 2, Add (left=3, right=5) at add32.c:10\n",
	    "outgoing right of Add = 5", "outgoing left of Add = 3",
	    "#0 Add (add32.c:10) [cdecl]", " ebp+4 ", "return address ",
	    " main+", " ebp ", "saved ebp",
	    "Saved registers:\n  ebp at 0x", "\n$1 = 8\n",
	    "\neax            0x8                 8\n",
	    "\nValue returned is $2 = 8\n",
	};
	char *script = util_source("add32.fs");
	char *argv[] = { (char *)framescope_path(), (char *)"--batch",
	    (char *)"-x", script, (char *)sample_path(_i == 0 ?
	    "add32-m32-O0" : "add32-m32-pattern"), NULL };
	struct util_result r;
	const char *p;
	size_t i;

	util_run(argv, 60, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s: %s", util_status_text(&r), r.err);
	for (i = 0, p = r.out; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg((p = strstr(p, want[i])) != NULL, "no %s in "
		    "order:\n%s", want[i], r.out);
	util_result_free(&r);
	free(script);
}
END_TEST

/* samples/callconv32.c: each i386 calling convention named in the frame's
   title and its words: stdcall's ret N, the register arguments fastcall
   and regparm(3) spill, the hidden struct-return pointer main passes.  */
START_TEST(test_anatomy_i386_conventions)
{
	static const char *const want[] = {
		"#0 cdecl_sum (callconv32.c:12) [cdecl]",
		"#0 stdcall_sum (callconv32.c:18) [stdcall]",
		"ret $0xc pops 12 bytes",
		"#0 fastcall_sum (callconv32.c:24) [fastcall]",
		"param a = 7; passed in ecx",
		"param b = 8; passed in edx",
		"#0 regparm_sum (callconv32.c:30) [regparm(3)]",
		"param a = 10; passed in eax",
		"param b = 11; passed in edx",
		"param c = 12; passed in ecx",
		"#0 make_pair (callconv32.c:36) [cdecl, struct return]",
		"outgoing hidden struct-return pointer of make_pair",
	};
	const char *cmds[] = { "break cdecl_sum", "break stdcall_sum",
	    "break fastcall_sum", "break regparm_sum", "break make_pair",
	    "run", "frames -unicode 1", "continue", "frames -unicode 1",
	    "continue", "frames -unicode 1", "continue", "frames -unicode 1",
	    "continue", "frames -unicode 2", NULL };
	struct util_result r;
	size_t i;

	util_framescope(&r, NULL, cmds, sample_path("callconv32-m32-O0"),
	    NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	for (i = 0; i < sizeof want / sizeof want[0]; i++)
		ck_assert_msg(strstr(r.out, want[i]) != NULL, "no '%s' in:\n%s",
		    want[i], r.out);
	/* 4-byte words at 32-bit addresses, offsets from ebp.  */
	ck_assert(strstr(r.out, "│ ebp+4  │") != NULL);
	ck_assert(strstr(r.out, "rbp") == NULL);
	util_result_free(&r);
}
END_TEST

Suite *
anatomy_suite(void)
{
	Suite *s = suite_create("anatomy");
	TCase *tc;

	tc = tcase_create("slots");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_anatomy_callee8_O0);
	tcase_add_test(tc, test_anatomy_with_provider);
	tcase_add_test(tc, test_anatomy_prologue_steps);
	tcase_add_test(tc, test_anatomy_without_frame_pointer);
	tcase_add_test(tc, test_anatomy_canary);
	tcase_add_test(tc, test_anatomy_saved_regs_like_gdb);
	tcase_add_test(tc, test_anatomy_frames_command);
	tcase_add_test(tc, test_anatomy_labels_where_gdb_says);
	tcase_add_test(tc, test_anatomy_snapshot_slots);
	tcase_add_test(tc, test_anatomy_frames_inner);
	tcase_add_test(tc, test_anatomy_add32_like_gdb);
	tcase_add_test(tc, test_anatomy_i386_conventions);
	tcase_add_loop_test(tc, test_add32_script, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
