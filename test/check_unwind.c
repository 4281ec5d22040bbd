/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_unwind: frames checked against the stack read by hand. */
#include <sys/wait.h>

#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_modules.h"
#include "fs_session.h"
#include "fs_target.h"
#include "fs_unwind.h"

extern char **environ;

/* A session on sample NAME (with ARG, if not NULL), launched and
   continued to a breakpoint at SPEC.  */
static struct fs_session *
session_at(const char *name, const char *arg, const char *spec)
{
	char path[PATH_MAX];
	char *argv[] = { path, (char *)arg, NULL };
	const struct fs_breakpoint *bp;
	struct fs_session *s;
	struct fs_err e;

	snprintf(path, sizeof path, "%s", sample_path(name));
	fs_err_clear(&e);
	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	ck_assert_msg(fs_session_load(s, arg ? 2 : 1, argv, &e) == 0,
	    "load: %s", e.msg);
	ck_assert_msg(fs_session_break(s, spec, false, &bp, &e) == 0,
	    "break %s: %s", spec, e.msg);
	ck_assert_msg(fs_session_launch(s, &e) == 0, "launch: %s", e.msg);
	ck_assert_msg(fs_session_cont(s, &e) == 0, "cont: %s", e.msg);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	return s;
}

static uint64_t
word_at(struct fs_session *s, uint64_t addr)
{
	uint64_t v = 0;
	struct fs_err e;

	ck_assert_msg(fs_session_read(s, addr, &v, 8, &e) == 8,
	    "read %#llx: %s", (unsigned long long)addr, e.msg);
	return v;
}

static const char *
fname(const struct fs_frame *f)
{
	return f->where.func != NULL ? f->where.func : "??";
}

START_TEST(test_unwind_matches_rbp_chain_at_O0)
{
	char spec[64];
	struct fs_session *s;
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	struct fs_err e;
	uint64_t rbp;
	size_t n, i, depth = 5;
	unsigned ret1 = util_source_line("factorial.c", "return 1;");
	unsigned call = util_source_line("factorial.c", "return n * factorial");

	snprintf(spec, sizeof spec, "factorial.c:%u", ret1);
	s = session_at("factorial-O0", "5", spec);
	ck_assert_int_eq(fs_session_regs(s, &r, &e), 0);
	ck_assert_int_eq(fs_session_frames(s, &f, &n, &e), 0);
	ck_assert_uint_gt(n, depth + 1);
	ck_assert_uint_eq(f[0].pc, r->rip);
	ck_assert_uint_eq(f[0].sp, r->rsp);
	ck_assert_uint_eq(f[0].fp, r->rbp);
	ck_assert_uint_eq(f[0].where.line, ret1);

	/* Every frame down to main is past its prologue: rbp chains them,
	   the saved rbp at [rbp], the return address at [rbp + 8].  */
	rbp = r->rbp;
	for (i = 0; i <= depth; i++) {
		ck_assert_uint_eq(f[i].index, i);
		ck_assert_str_eq(fname(&f[i]), i < depth ? "factorial" :
		    "main");
		ck_assert_uint_eq(f[i].fp, rbp);
		ck_assert_msg(f[i].cfa == rbp + 16, "frame %zu: cfa %#llx, "
		    "rbp %#llx", i, (unsigned long long)f[i].cfa,
		    (unsigned long long)rbp);
		ck_assert_uint_eq(f[i + 1].pc, word_at(s, f[i].cfa - 8));
		ck_assert_uint_eq(f[i + 1].sp, f[i].cfa);
		if (i > 0 && i < depth)	/* the line of the call */
			ck_assert_uint_eq(f[i].where.line, call);
		rbp = word_at(s, rbp);
	}
	ck_assert_ptr_nonnull(f[depth].where.file);
	ck_assert_str_eq(f[depth].where.file, "factorial.c");
	ck_assert_uint_eq(f[depth].where.line, util_source_line("factorial.c",
	    "unsigned long r = factorial(n);"));
	fs_session_free(s);
}
END_TEST

START_TEST(test_unwind_without_frame_pointer_reaches_main)
{
	char spec[64];
	struct fs_session *s;
	const struct fs_frame *f;
	struct fs_err e;
	size_t n, i, depth = 5;

	snprintf(spec, sizeof spec, "factorial.c:%u", util_source_line("factorial.c",
	    "return 1;"));
	s = session_at("factorial-O0-nofp", "5", spec);
	ck_assert_int_eq(fs_session_frames(s, &f, &n, &e), 0);
	ck_assert_uint_gt(n, depth + 1);
	for (i = 0; i <= depth; i++) {
		ck_assert_str_eq(fname(&f[i]), i < depth ? "factorial" :
		    "main");
		ck_assert_uint_ne(f[i].cfa, 0);
		/* The return address sits under the CFA, whatever rbp is. */
		ck_assert_uint_eq(f[i + 1].pc, word_at(s, f[i].cfa - 8));
		ck_assert_uint_eq(f[i + 1].sp, f[i].cfa);
		ck_assert_uint_gt(f[i + 1].cfa, f[i].cfa);
	}
	fs_session_free(s);
}
END_TEST

START_TEST(test_unwind_through_signal_frames)
{
	struct fs_session *s;
	const struct fs_breakpoint *bp;
	const struct fs_frame *f;
	char path[PATH_MAX];
	char *argv[] = { path, NULL };
	struct fs_err e;
	size_t n, i, hit;

	snprintf(path, sizeof path, "%s", sample_path("sighandler-O0"));
	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	ck_assert_int_eq(fs_session_load(s, 1, argv, &e), 0);
	ck_assert_int_eq(fs_session_handle(s, SIGUSR1, 0, FS_SIG_STOP |
	    FS_SIG_PRINT, &e), 0);
	ck_assert_int_eq(fs_session_break(s, "in_handler", false, &bp, &e),
	    0);
	ck_assert_int_eq(fs_session_launch(s, &e), 0);
	/* First from SIGUSR1 on the alternate stack, then from SIGALRM on
	   the ordinary one.  */
	for (hit = 0; hit < 2; hit++) {
		ck_assert_int_eq(fs_session_cont(s, &e), 0);
		ck_assert_int_eq(fs_session_stop(s)->reason,
		    FS_STOP_BREAKPOINT);
		ck_assert_int_eq(fs_session_frames(s, &f, &n, &e), 0);
		ck_assert_uint_gt(n, 4);
		ck_assert_str_eq(fname(&f[0]), "in_handler");
		ck_assert_str_eq(fname(&f[1]), hit == 0 ? "on_usr1" :
		    "on_alrm");
		ck_assert_msg(f[2].sigtramp, "frame 2 (%s) is not the signal "
		    "trampoline", fname(&f[2]));
		ck_assert(!f[0].sigtramp && !f[1].sigtramp);
		for (i = 3; i < n && strcmp(fname(&f[i]), "work") != 0; i++)
			;
		ck_assert_msg(i + 1 < n, "no work() above the signal frame");
		ck_assert_str_eq(fname(&f[i + 1]), "main");
		ck_assert_uint_eq(f[i].where.line, hit == 0 ?
		    util_source_line("sighandler.c", "raise(SIGUSR1);") :
		    util_source_line("sighandler.c", "raise(SIGALRM);"));
	}
	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->exit_status, 0);
	fs_session_free(s);
}
END_TEST

/* A launched callee8-O0 stopped at the first instruction of callee (before
   its push %rbp), through fs_target and fs_modules alone.  */
struct raw {
	struct fs_target	*t;
	struct fs_modules	*m;
	struct fs_unwinder	*u;
	struct user_regs_struct	 regs;
	uint64_t		 callee, main_addr;
};

static void
raw_at_callee(struct raw *rw)
{
	char path[PATH_MAX];
	char *argv[] = { path, NULL };
	const struct user_regs_struct *r;
	static const uint8_t int3 = 0xcc;
	struct fs_event ev;
	struct fs_err e;
	uint8_t orig;

	memset(rw, 0, sizeof *rw);
	ck_assert_ptr_nonnull(realpath(sample_path("callee8-O0"), path));
	ck_assert_int_eq(fs_target_spawn(path, argv, environ, false, &rw->t,
	    &e), 0);
	ck_assert_int_eq(fs_modules_new(&rw->m, &e), 0);
	ck_assert_int_eq(fs_modules_set_exec(rw->m, path, &e), 0);
	ck_assert_int_ge(fs_modules_sync(rw->m, fs_target_pid(rw->t), &e), 0);
	ck_assert_int_eq(fs_unwinder_new(&rw->u, &e), 0);
	ck_assert_int_eq(fs_modules_find_function(rw->m, "callee",
	    &rw->callee, NULL), 0);
	ck_assert_int_eq(fs_modules_find_function(rw->m, "main",
	    &rw->main_addr, NULL), 0);
	ck_assert_int_eq(fs_target_read(rw->t, rw->callee, &orig, 1, &e), 1);
	ck_assert_int_eq(fs_target_write(rw->t, rw->callee, &int3, 1, &e), 0);
	ck_assert_int_eq(fs_target_cont(rw->t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_BREAKPOINT);
	ck_assert_int_eq(fs_target_write(rw->t, rw->callee, &orig, 1, &e), 0);
	ck_assert_int_eq(fs_target_regs(rw->t, &r, &e), 0);
	rw->regs = *r;
	rw->regs.rip--;
	ck_assert_uint_eq(rw->regs.rip, rw->callee);
	ck_assert_int_eq(fs_target_set_regs(rw->t, &rw->regs, &e), 0);
	/* libc is mapped by now.  */
	ck_assert_int_eq(fs_modules_sync(rw->m, fs_target_pid(rw->t), &e), 1);
}

static void
raw_free(struct raw *rw)
{
	fs_unwinder_free(rw->u);
	fs_target_free(rw->t);
	fs_modules_free(rw->m);
}

static uint64_t
target_word(struct fs_target *t, uint64_t addr)
{
	uint64_t v = 0;

	ck_assert_int_eq(fs_target_read(t, addr, &v, 8, NULL), 8);
	return v;
}

START_TEST(test_unwind_at_function_entry)
{
	const struct user_regs_struct *r;
	struct raw rw;
	const struct fs_frame *f;
	struct fs_event ev;
	struct fs_err e;
	size_t n;
	uint64_t ret;

	raw_at_callee(&rw);
	fs_err_clear(&e);
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, 0, &f, &n,
	    &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	ck_assert_uint_ge(n, 3);
	ck_assert_str_eq(fname(&f[0]), "callee");
	ck_assert_uint_eq(f[0].where.func_addr, rw.callee);
	/* Nothing pushed yet: the return address is at rsp, the CFA just
	   above it, and rbp is still main's.  */
	ret = target_word(rw.t, rw.regs.rsp);
	ck_assert_uint_eq(f[0].cfa, rw.regs.rsp + 8);
	ck_assert_uint_eq(f[1].pc, ret);
	ck_assert_uint_eq(f[1].sp, rw.regs.rsp + 8);
	ck_assert_uint_eq(f[1].fp, rw.regs.rbp);
	ck_assert_str_eq(fname(&f[1]), "main");
	ck_assert_uint_eq(f[1].where.func_addr, rw.main_addr);
	ck_assert_uint_eq(f[1].cfa, rw.regs.rbp + 16);
	ck_assert_ptr_nonnull(f[1].where.mod);
	ck_assert(f[1].where.mod->is_exec);

	/* After callee's first instruction, push %rbp, the CFA has not
	   moved.  */
	ck_assert_int_eq(fs_target_step(rw.t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_STEP);
	ck_assert_int_eq(fs_target_regs(rw.t, &r, &e), 0);
	ck_assert_uint_eq(r->rip, rw.callee + 1);
	ck_assert_uint_eq(r->rsp, rw.regs.rsp - 8);
	rw.regs = *r;
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, 0, &f, &n,
	    &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	ck_assert_uint_eq(f[0].cfa, rw.regs.rsp + 16);
	ck_assert_uint_eq(f[1].pc, ret);
	raw_free(&rw);
}
END_TEST

START_TEST(test_unwind_max_limits_frames)
{
	struct raw rw;
	const struct fs_frame *f;
	struct fs_err e;
	size_t n, all;

	raw_at_callee(&rw);
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, 0, &f, &all,
	    &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	ck_assert_uint_ge(all, 3);
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, 1, &f, &n,
	    &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, 2, &f, &n,
	    &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(fname(&f[1]), "main");
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, all + 10, &f,
	    &n, &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	ck_assert_uint_eq(n, all);
	raw_free(&rw);
}
END_TEST

START_TEST(test_unwind_stack_starts_under_red_zone)
{
	struct raw rw;
	const struct fs_frame *f;
	const struct fs_map *mp;
	const uint8_t *stk;
	uint8_t *mem;
	struct fs_err e;
	uint64_t lo, v;
	size_t n, len;

	raw_at_callee(&rw);
	ck_assert_int_eq(fs_unwind(rw.u, rw.t, rw.m, &rw.regs, 0, &f, &n,
	    &e), 0);
	fs_unwind_where(rw.u, (size_t)-1);
	stk = fs_unwind_stack(rw.u, &lo, &len);
	ck_assert_ptr_nonnull(stk);
	ck_assert_uint_eq(lo, rw.regs.rsp - 128);
	ck_assert_uint_ge(len, 128 + 8);
	ck_assert_ptr_nonnull(mp = fs_maps_find(fs_modules_maps(rw.m),
	    rw.regs.rsp));
	ck_assert_str_eq(mp->path, "[stack]");
	ck_assert_uint_le(lo + len, mp->end);
	ck_assert_ptr_nonnull(mem = malloc(len));
	ck_assert_int_eq(fs_target_read(rw.t, lo, mem, len, &e),
	    (ssize_t)len);
	ck_assert_int_eq(memcmp(mem, stk, len), 0);
	free(mem);

	/* Words through the same caches: stack, file image, nothing.  */
	ck_assert_int_eq(fs_unwind_read_word(rw.u, rw.regs.rsp, &v), 0);
	ck_assert_uint_eq(v, target_word(rw.t, rw.regs.rsp));
	ck_assert_int_eq(fs_unwind_read_word(rw.u, rw.main_addr, &v), 0);
	ck_assert_uint_eq(v, target_word(rw.t, rw.main_addr));
	ck_assert_int_eq(fs_unwind_read_word(rw.u, mp->end - 8, &v), 0);
	ck_assert_uint_eq(v, target_word(rw.t, mp->end - 8));
	ck_assert_int_lt(fs_unwind_read_word(rw.u, 8, &v), 0);
	raw_free(&rw);
}
END_TEST

START_TEST(test_unwind_read_word_before_unwind_fails)
{
	struct fs_unwinder *u;
	struct fs_err e;
	uint64_t v;

	ck_assert_int_eq(fs_unwinder_new(&u, &e), 0);
	ck_assert_int_eq(fs_unwind_read_word(u, 0x1000, &v), -FS_E_SYS);
	fs_unwinder_free(u);
	fs_unwinder_free(NULL);
}
END_TEST


/*
 * The fast path (fs_cfi's rules) against libunwind: two unwinders over
 * the same stops, one of them with the fast path off, must give the same
 * frames at every instruction of a few thousand from main, through the
 * C library (printf, malloc, exit), signal handlers and Rust's runtime.
 */
static const char *const diff_samples[] = {
	"callee8-O0", "callee8-O2", "callee8-O0-nofp", "callee8-O0-nocfi",
	"calc-O0", "calc-O2", "factorial-O0", "factorial-O2",
	"factorial-O0-nofp", "values-O0", "values-O2", "types-O2",
	"sighandler-O0", "sighandler-O2", "sighandler-O0-nofp", "segv-O2",
	"abort-O0", "canary-O2", "threads-O2", "exitcode-O2",
	"rust-heap_demo-O0", "rust-heap_demo-O2", "rust-traits-O2",
	"rust-panic-O0", "rust-factorial-O2",
};

#define DIFF_STEPS	3000

static void
diff_compare(const char *name, unsigned long step, const struct fs_frame *a,
    size_t na, const struct fs_frame *b, size_t nb)
{
	size_t i;

	ck_assert_msg(na == nb, "%s step %lu: %zu frames fast, %zu by "
	    "libunwind (pc %#llx)", name, step, na, nb,
	    (unsigned long long)a[0].pc);
	for (i = 0; i < na; i++)
		ck_assert_msg(a[i].pc == b[i].pc && a[i].sp == b[i].sp &&
		    a[i].fp == b[i].fp && a[i].cfa == b[i].cfa &&
		    a[i].sigtramp == b[i].sigtramp, "%s step %lu frame %zu: "
		    "fast pc %#llx sp %#llx fp %#llx cfa %#llx; libunwind pc "
		    "%#llx sp %#llx fp %#llx cfa %#llx", name, step, i,
		    (unsigned long long)a[i].pc, (unsigned long long)a[i].sp,
		    (unsigned long long)a[i].fp, (unsigned long long)a[i].cfa,
		    (unsigned long long)b[i].pc, (unsigned long long)b[i].sp,
		    (unsigned long long)b[i].fp, (unsigned long long)b[i].cfa);
}

/* The registers of every frame, and where each was saved, as the fast
   path found them while unwinding (or took them from the unwind before)
   against libunwind's walk.  */
static void
regs_compare(const char *name, unsigned long step, struct fs_unwinder *fast,
    struct fs_unwinder *slow)
{
	const struct fs_frame_regs *a, *b;
	struct fs_err e;
	size_t na, nb, i, r;

	ck_assert_int_eq(fs_unwind_regs(fast, 0, &a, &na, &e), 0);
	ck_assert_int_eq(fs_unwind_regs(slow, 0, &b, &nb, &e), 0);
	ck_assert_msg(na == nb, "%s step %lu: registers of %zu frames fast, "
	    "%zu by libunwind", name, step, na, nb);
	for (i = 0; i < na; i++) {
		ck_assert_msg(a[i].known == b[i].known, "%s step %lu frame "
		    "%zu: known %#x fast, %#x by libunwind", name, step, i,
		    a[i].known, b[i].known);
		for (r = 0; r < FS_UREG_N; r++)
			ck_assert_msg(a[i].val[r] == b[i].val[r] &&
			    a[i].saved_at[r] == b[i].saved_at[r], "%s step %lu "
			    "frame %zu %s: %#llx saved at %#llx fast, %#llx at "
			    "%#llx by libunwind", name, step, i,
			    fs_ureg_name((unsigned)r),
			    (unsigned long long)a[i].val[r],
			    (unsigned long long)a[i].saved_at[r],
			    (unsigned long long)b[i].val[r],
			    (unsigned long long)b[i].saved_at[r]);
	}
}

START_TEST(test_unwind_fast_path_matches_libunwind)
{
	const char *name = diff_samples[_i];
	char path[PATH_MAX], arg[] = "4";
	char *argv[] = { path, arg, NULL };
	static const uint8_t int3 = 0xcc;
	const struct user_regs_struct *r;
	struct fs_unwinder *fast, *slow;
	const struct fs_frame *fa, *fb;
	struct user_regs_struct regs;
	struct fs_modules *m;
	struct fs_target *t;
	struct fs_event ev;
	struct fs_err e;
	unsigned long step, nfast, nslow, unused;
	uint64_t main_addr;
	size_t na, nb;
	uint8_t orig;
	int sig = 0;

	fs_err_clear(&e);
	ck_assert_ptr_nonnull(realpath(sample_path(name), path));
	ck_assert_int_eq(fs_target_spawn(path, argv, environ, false, &t, &e),
	    0);
	ck_assert_int_eq(fs_modules_new(&m, &e), 0);
	ck_assert_int_eq(fs_modules_set_exec(m, path, &e), 0);
	ck_assert_int_ge(fs_modules_sync(m, fs_target_pid(t), &e), 0);
	ck_assert_int_eq(fs_unwinder_new(&fast, &e), 0);
	ck_assert_int_eq(fs_unwinder_new(&slow, &e), 0);
	fs_unwind_set_fast(slow, false);
	ck_assert_int_eq(fs_modules_find_function(m, "main", &main_addr,
	    NULL), 0);
	ck_assert_int_eq(fs_target_read(t, main_addr, &orig, 1, &e), 1);
	ck_assert_int_eq(fs_target_write(t, main_addr, &int3, 1, &e), 0);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_BREAKPOINT);
	ck_assert_int_eq(fs_target_write(t, main_addr, &orig, 1, &e), 0);
	ck_assert_int_eq(fs_target_regs(t, &r, &e), 0);
	regs = *r;
	regs.rip--;
	ck_assert_int_eq(fs_target_set_regs(t, &regs, &e), 0);
	for (step = 0; step < DIFF_STEPS; step++) {
		if (step % 64 == 0)
			ck_assert_int_ge(fs_modules_sync(m, fs_target_pid(t),
			    &e), 0);
		ck_assert_int_eq(fs_target_regs(t, &r, &e), 0);
		regs = *r;
		ck_assert_msg(fs_unwind(fast, t, m, &regs, 0, &fa, &na, &e) ==
		    0, "%s: %s", name, e.msg);
		ck_assert_msg(fs_unwind(slow, t, m, &regs, 0, &fb, &nb, &e) ==
		    0, "%s: %s", name, e.msg);
		diff_compare(name, step, fa, na, fb, nb);
		regs_compare(name, step, fast, slow);
		ck_assert_int_eq(fs_target_step(t, sig, &ev, &e), 0);
		sig = ev.kind == FS_EV_SIGNAL ? ev.sig : 0;
		if (ev.kind == FS_EV_EXITED || ev.kind == FS_EV_KILLED)
			break;
	}
	/* The comparison means something only if the fast path ran.  */
	fs_unwind_counts(fast, &nfast, &nslow);
	fs_unwind_counts(slow, &unused, &unused);
	if (strstr(name, "nocfi") == NULL)
		ck_assert_msg(nfast > 2 * nslow, "%s: %lu unwinds fast, %lu "
		    "by libunwind", name, nfast, nslow);
	fs_unwinder_free(fast);
	fs_unwinder_free(slow);
	fs_target_free(t);
	fs_modules_free(m);
}
END_TEST

/* The lines of OUT that are frames of a backtrace ("#1  0x..."), one
   string.  */
static char *
bt_lines(const char *out)
{
	char *r = calloc(1, strlen(out) + 1), *q = r;
	const char *p = out, *e;

	ck_assert_ptr_nonnull(r);
	for (; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		if ((e = strchr(p, '\n')) == NULL)
			e = p + strlen(p);
		if (*p != '#')
			continue;
		memcpy(q, p, (size_t)(e - p));
		q += e - p;
		*q++ = '\n';
	}
	return r;
}

/* An i386 PIC thunk has no CFI: entered (mov (%esp),%ebx; ret), its
   return address is on top of the stack, and bt goes on from its caller,
   as gdb's.  */
START_TEST(test_unwind_i386_pc_thunk)
{
	const char *prog = sample_path("overflow-m32-O0");
	char brk[64], *g, *f;
	const char *cmds[] = { "break *vuln", "run", brk, "continue", "bt",
	    NULL };
	struct util_result gr, fr;
	uint64_t addr;

	if (!util_have_gdb())
		return;
	ck_assert(util_nm(prog, "__x86.get_pc_thunk.bx", &addr, NULL));
	snprintf(brk, sizeof brk, "break *0x%llx",
	    (unsigned long long)(addr + util_load_bias(prog)));
	util_gdb(&gr, NULL, cmds, prog, NULL);
	util_framescope(&fr, NULL, cmds, prog, NULL);
	g = bt_lines(gr.out);
	f = bt_lines(fr.out);
	ck_assert_msg(strstr(f, "in __x86.get_pc_thunk.bx ()\n#1  ") != NULL &&
	    strstr(f, " in vuln (") != NULL, "%s", fr.out);
	ck_assert_str_eq(f, g);
	free(g);
	free(f);
	util_result_free(&gr);
	util_result_free(&fr);
}
END_TEST

Suite *
unwind_suite(void)
{
	Suite *s = suite_create("unwind");
	TCase *tc;

	tc = tcase_create("follows_the_stack");
	tcase_set_timeout(tc, 20);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_unwind_matches_rbp_chain_at_O0);
	tcase_add_test(tc, test_unwind_without_frame_pointer_reaches_main);
	tcase_add_test(tc, test_unwind_through_signal_frames);
	tcase_add_test(tc, test_unwind_at_function_entry);
	tcase_add_test(tc, test_unwind_max_limits_frames);
	tcase_add_test(tc, test_unwind_i386_pc_thunk);
	suite_add_tcase(s, tc);

	tc = tcase_create("fast_path");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_loop_test(tc, test_unwind_fast_path_matches_libunwind, 0,
	    (int)(sizeof diff_samples / sizeof diff_samples[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("caches_memory");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_unwind_stack_starts_under_red_zone);
	tcase_add_test(tc, test_unwind_read_word_before_unwind_fails);
	suite_add_tcase(s, tc);
	return s;
}
