/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_session: breakpoints, execution commands, attach and detach. */
#include <sys/prctl.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_insn.h"
#include "fs_session.h"

static unsigned long ncallbacks;

static void
count_stops(struct fs_session *s, void *arg)
{
	(void)s;
	(void)arg;
	ncallbacks++;
}

/* A session with sample NAME loaded (and ARG as its argument).  */
static struct fs_session *
loaded(const char *name, const char *arg)
{
	char path[PATH_MAX];
	char *argv[] = { path, (char *)arg, NULL };
	struct fs_session *s;
	struct fs_err e;

	snprintf(path, sizeof path, "%s", sample_path(name));
	fs_err_clear(&e);
	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	ck_assert_msg(fs_session_load(s, arg ? 2 : 1, argv, &e) == 0,
	    "load %s: %s", path, e.msg);
	ncallbacks = 0;
	fs_session_on_stop(s, count_stops, NULL);
	return s;
}

static const struct fs_breakpoint *
must_break(struct fs_session *s, const char *spec, bool temporary)
{
	const struct fs_breakpoint *bp = NULL;
	struct fs_err e;

	fs_err_clear(&e);
	ck_assert_msg(fs_session_break(s, spec, temporary, &bp, &e) == 0,
	    "break %s: %s", spec, e.msg);
	ck_assert_ptr_nonnull(bp);
	return bp;
}

static void
must(int r, const char *what, const struct fs_err *e)
{
	ck_assert_msg(r == 0, "%s: %s", what, e->msg);
}

/* Function and line of the innermost frame now.  */
static const struct fs_frame *
frame0(struct fs_session *s)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t n;

	must(fs_session_frames(s, &f, &n, &e), "frames", &e);
	ck_assert_uint_gt(n, 0);
	return &f[0];
}

static void
expect_at(struct fs_session *s, const char *func, unsigned line)
{
	const struct fs_frame *f = frame0(s);

	ck_assert_msg(f->where.func != NULL && strcmp(f->where.func,
	    func) == 0 && f->where.line == line, "at %s:%u, want %s:%u",
	    f->where.func ? f->where.func : "??", f->where.line, func, line);
}

static uint64_t
reg_pc(struct fs_session *s)
{
	const struct user_regs_struct *r;
	struct fs_err e;

	must(fs_session_regs(s, &r, &e), "regs", &e);
	return r->rip;
}

/* Bytes of PID's memory as they are, breakpoints included.  */
static void
raw_read(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	char path[64];
	int fd;

	snprintf(path, sizeof path, "/proc/%d/mem", (int)pid);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	ck_assert_int_eq(pread(fd, buf, len, (off_t)addr), (ssize_t)len);
	close(fd);
}

START_TEST(test_session_load_errors)
{
	char path[PATH_MAX];
	char *argv[] = { path, NULL };
	struct fs_session *s;
	struct fs_err e;

	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	ck_assert_ptr_null(fs_session_program(s));
	snprintf(path, sizeof path, "%s", sample_path("no-such-program"));
	ck_assert_int_eq(fs_session_load(s, 1, argv, &e), -FS_E_NOENT);
	snprintf(path, sizeof path, "%s", sample_path(""));
	ck_assert_int_eq(fs_session_load(s, 1, argv, &e), -FS_E_USAGE);
	ck_assert_ptr_nonnull(strstr(e.msg, "is a directory"));
	snprintf(path, sizeof path, "%s", sample_path("notelf"));
	ck_assert_int_eq(fs_session_load(s, 1, argv, &e), -FS_E_FORMAT);
	ck_assert_int_eq(fs_session_load(s, 0, argv, &e), -FS_E_USAGE);
	ck_assert_ptr_null(fs_session_program(s));
	/* Nothing loaded: nothing to launch or to break in.  */
	ck_assert_int_eq(fs_session_launch(s, &e), -FS_E_STATE);
	ck_assert_str_eq(e.msg, "No executable file specified.");

	snprintf(path, sizeof path, "%s", sample_path("calc-O0"));
	ck_assert_int_eq(fs_session_load(s, 1, argv, &e), 0);
	ck_assert_str_eq(fs_session_program(s), path);
	ck_assert_int_eq(fs_session_load(s, 1, argv, &e), -FS_E_STATE);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_needs_a_process)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_frame *f;
	uint8_t b;
	size_t n;
	struct fs_err e;

	ck_assert(!fs_session_alive(s));
	ck_assert_int_eq(fs_session_pid(s), 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_NONE);
	ck_assert_int_eq(fs_session_cont(s, &e), -FS_E_STATE);
	ck_assert_str_eq(e.msg, "The program is not being run.");
	ck_assert_int_eq(fs_session_step(s, false, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_session_stepi(s, 1, false, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_session_finish(s, 0, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_session_detach(s, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_session_kill(s, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_session_frames(s, &f, &n, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_session_read(s, 0x1000, &b, 1, &e), -FS_E_STATE);
	ck_assert_uint_eq(ncallbacks, 0);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_launch_stops_at_entry)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_breakpoint *bp;
	struct fs_module *exec;
	uint64_t file_addr;
	const struct fs_frame *f;
	struct fs_err e;

	bp = must_break(s, "calc", false);
	ck_assert_int_eq(bp->number, 1);
	ck_assert(!bp->pending);
	ck_assert_uint_eq(bp->naddrs, 1);
	file_addr = bp->addrs[0];
	ck_assert_uint_lt(file_addr, 0x100000);	/* a file address */

	must(fs_session_launch(s, &e), "launch", &e);
	ck_assert(fs_session_alive(s));
	ck_assert(!fs_session_attached(s));
	ck_assert_int_gt(fs_session_pid(s), 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_ENTRY);
	ck_assert_uint_eq(fs_session_stop(s)->number, 0);
	ck_assert_int_eq(fs_session_stop(s)->pid, fs_session_pid(s));
	ck_assert_uint_eq(ncallbacks, 1);
	f = frame0(s);
	ck_assert_uint_eq(f->pc, reg_pc(s));
	ck_assert_ptr_nonnull(f->where.mod);
	ck_assert_ptr_nonnull(strstr(f->where.mod->path, "ld-linux"));

	/* The breakpoint moved to where the program is loaded.  */
	exec = fs_modules_exec(fs_session_modules(s));
	ck_assert_ptr_nonnull(exec);
	ck_assert(exec->mapped);
	ck_assert_uint_ne(exec->bias, 0);
	bp = fs_session_breakpoints(s, &(size_t){ 0 });
	ck_assert_uint_eq(bp->addrs[0], file_addr + exec->bias);

	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	ck_assert_int_eq(fs_session_stop(s)->bpnum, 1);
	ck_assert_uint_eq(fs_session_stop(s)->number, 1);
	ck_assert_uint_eq(reg_pc(s), file_addr + exec->bias);
	ck_assert_uint_eq(fs_session_breakpoints(s, &(size_t){ 0 })->hits, 1);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_line_stepping)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_frame *f;
	struct fs_err e;
	uint64_t ret;
	size_t n;
	unsigned main_x = util_source_line("calc.c", "int x = add(10, 20);");
	unsigned main_y = util_source_line("calc.c", "int y = calc();");
	unsigned main_z = util_source_line("calc.c", "int z = compute(x);");
	unsigned main_pr = util_source_line("calc.c", "printf(");
	unsigned main_ret = util_source_line("calc.c", "return 0;");
	unsigned calc_a = util_source_line("calc.c", "int a = 5;");
	unsigned calc_b = util_source_line("calc.c", "int b = 10;");
	unsigned comp_d = util_source_line("calc.c", "int doubled = multiply(x, 2);");
	unsigned comp_r = util_source_line("calc.c", "return doubled + 1;");
	unsigned mult = util_source_line("calc.c", "return x * y;");

	must_break(s, "main", false);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	expect_at(s, "main", main_x);

	must(fs_session_step(s, true, &e), "next", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_STEP);
	expect_at(s, "main", main_y);
	must(fs_session_step(s, false, &e), "step", &e);
	expect_at(s, "calc", calc_a);
	must(fs_session_step(s, true, &e), "next", &e);
	expect_at(s, "calc", calc_b);

	must(fs_session_frames(s, &f, &n, &e), "frames", &e);
	ret = f[1].pc;
	must(fs_session_finish(s, 0, &e), "finish", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_STEP);
	ck_assert(fs_session_stop(s)->finished);
	expect_at(s, "main", main_y);		/* the middle of the line */
	ck_assert_uint_eq(reg_pc(s), ret);

	must(fs_session_step(s, true, &e), "next", &e);
	ck_assert(!fs_session_stop(s)->finished);
	expect_at(s, "main", main_z);
	must(fs_session_step(s, false, &e), "step", &e);
	expect_at(s, "compute", comp_d);
	must(fs_session_step(s, false, &e), "step", &e);
	expect_at(s, "multiply", mult);
	must(fs_session_finish(s, 0, &e), "finish", &e);
	expect_at(s, "compute", comp_d);
	must(fs_session_step(s, true, &e), "next", &e);
	expect_at(s, "compute", comp_r);
	/* Out of compute and through the rest of main's line.  */
	must(fs_session_step(s, true, &e), "next", &e);
	must(fs_session_step(s, true, &e), "next", &e);
	expect_at(s, "main", main_pr);
	/* printf has lines in libc's debug file: step goes through the
	   PLT into it, as gdb does; finish and next come back.  */
	must(fs_session_step(s, false, &e), "step", &e);
	ck_assert_str_eq(frame0(s)->where.func, "__printf");
	ck_assert_ptr_nonnull(frame0(s)->where.file);
	must(fs_session_finish(s, 0, &e), "finish", &e);
	/* printf's call ends line main_pr: it returns to the next line.  */
	expect_at(s, "main", main_ret);

	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->exit_status, 0);
	ck_assert_int_eq(fs_session_stop(s)->sig, 0);
	ck_assert(!fs_session_alive(s));
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_stepi_and_nexti)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct user_regs_struct *r;
	struct fs_insn in;
	uint8_t code[16];
	unsigned long before;
	uint64_t pc, sp, call_pc = 0;
	struct fs_err e;
	int i;

	must_break(s, "main", false);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);

	/* Each instruction of stepi N is a stop.  */
	before = fs_session_stop(s)->number;
	ncallbacks = 0;
	pc = reg_pc(s);
	must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	ck_assert_uint_ne(reg_pc(s), pc);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_STEP);
	ck_assert_uint_eq(fs_session_stop(s)->number, before + 1);
	ck_assert_uint_eq(ncallbacks, 1);

	/* Up to the call of add.  */
	for (i = 0; i < 20; i++) {
		ck_assert_int_gt(fs_session_read(s, reg_pc(s), code,
		    sizeof code, &e), 0);
		ck_assert_int_eq(fs_insn_decode(code, sizeof code, reg_pc(s),
		    false, &in), 0);
		if (in.is_call) {
			call_pc = reg_pc(s);
			break;
		}
		must(fs_session_stepi(s, 1, false, &e), "stepi", &e);
	}
	ck_assert_uint_ne(call_pc, 0);
	ck_assert_uint_ne(in.target, 0);
	must(fs_session_regs(s, &r, &e), "regs", &e);
	sp = r->rsp;

	/* nexti runs the call through.  */
	before = fs_session_stop(s)->number;
	must(fs_session_stepi(s, 1, true, &e), "nexti", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_STEP);
	ck_assert_uint_eq(reg_pc(s), call_pc + in.len);
	must(fs_session_regs(s, &r, &e), "regs", &e);
	ck_assert_uint_eq(r->rsp, sp);
	ck_assert_uint_eq(r->rax, 30);		/* add(10, 20) */
	ck_assert_str_eq(frame0(s)->where.func, "main");
	ck_assert_uint_eq(fs_session_stop(s)->number, before + 1);

	/* On to calc's call, and stepi enters it.  */
	for (i = 0; i < 20; i++) {
		must(fs_session_stepi(s, 1, true, &e), "nexti", &e);
		ck_assert_int_gt(fs_session_read(s, reg_pc(s), code,
		    sizeof code, &e), 0);
		ck_assert_int_eq(fs_insn_decode(code, sizeof code, reg_pc(s),
		    false, &in), 0);
		if (in.is_call)
			break;
	}
	ck_assert(in.is_call);
	ncallbacks = 0;
	must(fs_session_stepi(s, 3, false, &e), "stepi 3", &e);
	ck_assert_uint_eq(ncallbacks, 3);
	ck_assert_str_eq(frame0(s)->where.func, "calc");
	ck_assert_uint_eq(frame0(s)->where.func_addr, in.target);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_temporary_breakpoint_deleted_after_hit)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_breakpoint *bp;
	uint64_t addr;
	uint8_t raw, seen;
	size_t n;
	struct fs_err e;

	must_break(s, "main", false);
	bp = must_break(s, "calc", true);
	ck_assert(bp->temporary);
	ck_assert_int_eq(bp->number, 2);
	must(fs_session_launch(s, &e), "launch", &e);
	bp = fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 2);
	addr = bp[1].addrs[0];
	raw_read(fs_session_pid(s), addr, &raw, 1);
	ck_assert_uint_eq(raw, 0xcc);

	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->bpnum, 1);
	ck_assert(!fs_session_stop(s)->bptemp);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	ck_assert_int_eq(fs_session_stop(s)->bpnum, 2);
	ck_assert(fs_session_stop(s)->bptemp);
	ck_assert_uint_eq(reg_pc(s), addr);
	bp = fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(bp[0].number, 1);
	/* Its int3 is gone from memory, and the program goes on.  */
	raw_read(fs_session_pid(s), addr, &raw, 1);
	ck_assert_uint_ne(raw, 0xcc);
	ck_assert_int_eq(fs_session_read(s, addr, &seen, 1, &e), 1);
	ck_assert_uint_eq(raw, seen);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	/* Numbers are not reused.  */
	ck_assert_int_eq(must_break(s, "add", false)->number, 3);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_read_hides_breakpoint_bytes)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_breakpoint *bp;
	struct fs_module *exec;
	const uint8_t *file;
	uint64_t a, b, lo;
	uint8_t buf[256], raw[256];
	size_t n, len;
	struct fs_err e;

	must_break(s, "add", false);
	must_break(s, "calc", false);
	must(fs_session_launch(s, &e), "launch", &e);
	bp = fs_session_breakpoints(s, &n);
	a = bp[0].addrs[0];
	b = bp[1].addrs[0];
	ck_assert_uint_lt(a, b);
	lo = a - 16;
	len = (size_t)(b - lo) + 16;
	ck_assert_uint_le(len, sizeof buf);
	exec = fs_modules_exec(fs_session_modules(s));
	ck_assert_ptr_nonnull(file = fs_elf_bytes(exec->elf, lo - exec->bias,
	    len));

	raw_read(fs_session_pid(s), lo, raw, len);
	ck_assert_uint_eq(raw[a - lo], 0xcc);
	ck_assert_uint_eq(raw[b - lo], 0xcc);
	ck_assert_int_eq(fs_session_read(s, lo, buf, len, &e), (ssize_t)len);
	ck_assert_int_eq(memcmp(buf, file, len), 0);
	/* A read that starts on a breakpoint, and a one-byte read.  */
	ck_assert_int_eq(fs_session_read(s, a, buf, 4, &e), 4);
	ck_assert_int_eq(memcmp(buf, file + (a - lo), 4), 0);
	ck_assert_int_eq(fs_session_read(s, b, buf, 1, &e), 1);
	ck_assert_uint_eq(buf[0], file[b - lo]);

	/* Stopped on one, it is still hidden.  */
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_uint_eq(reg_pc(s), a);
	ck_assert_int_eq(fs_session_read(s, a, buf, 1, &e), 1);
	ck_assert_uint_eq(buf[0], file[a - lo]);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_disable_enable_delete)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_breakpoint *bp;
	struct fs_err e;
	size_t n;

	must_break(s, "add", false);
	must_break(s, "calc", false);
	must_break(s, "multiply", false);
	must(fs_session_enable(s, 1, false, &e), "disable", &e);
	must(fs_session_enable(s, 3, false, &e), "disable", &e);
	bp = fs_session_breakpoints(s, &n);
	ck_assert(!bp[0].enabled && bp[1].enabled && !bp[2].enabled);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->bpnum, 2);
	expect_at(s, "calc", util_source_line("calc.c", "int a = 5;"));
	ck_assert_uint_eq(fs_session_breakpoints(s, &n)[0].hits, 0);

	/* Enabled while the program runs, it is inserted at once.  */
	must(fs_session_enable(s, 3, true, &e), "enable", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->bpnum, 3);
	expect_at(s, "multiply", util_source_line("calc.c", "return x * y;"));

	ck_assert_int_eq(fs_session_enable(s, 9, true, &e), -FS_E_NOENT);
	ck_assert_str_eq(e.msg, "No breakpoint number 9.");
	ck_assert_int_eq(fs_session_delete(s, 9, &e), -FS_E_NOENT);
	must(fs_session_delete(s, 2, &e), "delete", &e);
	bp = fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 2);
	ck_assert_int_eq(bp[0].number, 1);
	ck_assert_int_eq(bp[1].number, 3);
	must(fs_session_delete(s, 0, &e), "delete all", &e);
	fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 0);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	fs_session_free(s);
}
END_TEST

/* A second run after the program exited stops where the first did, and
   only there.  */
START_TEST(test_session_rerun_after_exit)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	struct fs_err e;
	int run;

	must_break(s, "multiply", false);
	for (run = 0; run < 2; run++) {
		must(fs_session_launch(s, &e), "launch", &e);
		must(fs_session_cont(s, &e), "cont", &e);
		ck_assert_msg(fs_session_stop(s)->reason == FS_STOP_BREAKPOINT,
		    "run %d: stop reason %d in %s", run,
		    (int)fs_session_stop(s)->reason,
		    frame0(s)->where.func ? frame0(s)->where.func : "??");
		ck_assert_int_eq(fs_session_stop(s)->bpnum, 1);
		expect_at(s, "multiply", util_source_line("calc.c", "return x * y;"));
		must(fs_session_cont(s, &e), "cont", &e);
		ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
		ck_assert_int_eq(fs_session_stop(s)->exit_status, 0);
	}
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_break_errors)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct fs_breakpoint *bp = NULL;
	struct fs_err e;
	char spec[64];
	uint64_t a;
	size_t n;

	ck_assert_int_eq(fs_session_break(s, "calc.c:9999", false, &bp, &e),
	    -FS_E_NOENT);
	ck_assert_ptr_nonnull(strstr(e.msg, "No line 9999"));
	ck_assert_int_eq(fs_session_break(s, NULL, false, &bp, &e),
	    -FS_E_STATE);
	ck_assert_int_lt(fs_session_break(s, "*nosuchsym", false, &bp, &e),
	    0);
	fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 0);
	/* Only a function may be pending.  */
	ck_assert_int_eq(fs_session_break(s, "no_such_function", false, &bp,
	    &e), 0);
	ck_assert(bp->pending);
	ck_assert_uint_eq(bp->naddrs, 0);
	ck_assert_str_eq(bp->spec, "no_such_function");
	/* A function, its first line, and that line alone in the file
	   holding main: one address.  */
	snprintf(spec, sizeof spec, "calc.c:%u", util_source_line("calc.c",
	    "int a = 5;"));
	a = must_break(s, "calc", false)->addrs[0];
	ck_assert_uint_eq(must_break(s, spec, false)->addrs[0], a);
	ck_assert_uint_eq(must_break(s, spec + 7, false)->addrs[0], a);
	bp = fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 4);
	ck_assert_int_eq(bp[3].number, 4);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_pending_breakpoint_resolves_on_dlopen)
{
	char lib[PATH_MAX];
	struct fs_session *s;
	const struct fs_breakpoint *bp;
	const struct fs_frame *f;
	struct fs_err e;
	size_t n;

	ck_assert_ptr_nonnull(realpath(sample_path("libsquare.so"), lib));
	s = loaded("dlopen-O0", lib);
	bp = must_break(s, "square", false);
	ck_assert(bp->pending);
	must(fs_session_launch(s, &e), "launch", &e);
	ck_assert(fs_session_breakpoints(s, &n)[0].pending);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	ck_assert_int_eq(fs_session_stop(s)->bpnum, 1);
	bp = fs_session_breakpoints(s, &n);
	ck_assert(!bp->pending);
	must(fs_session_frames(s, &f, &n, &e), "frames", &e);
	ck_assert_str_eq(f[0].where.func, "square");
	ck_assert_str_eq(f[0].where.file, "square.c");
	ck_assert_uint_eq(f[0].where.line, util_source_line("square.c",
	    "return times(x, x);"));
	ck_assert_ptr_nonnull(f[0].where.mod);
	ck_assert_str_eq(f[0].where.mod->path, lib);
	ck_assert_str_eq(f[1].where.func, "main");
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->exit_status, 0);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_finish_outlasts_recursion)
{
	struct fs_session *s = loaded("factorial-O0", "5");
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	struct fs_err e;
	size_t n, depth;

	must_break(s, "factorial", false);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);	/* n = 5 */
	must(fs_session_cont(s, &e), "cont", &e);	/* n = 4 */
	ck_assert_uint_eq(fs_session_breakpoints(s, &n)[0].hits, 2);
	must(fs_session_enable(s, 1, false, &e), "disable", &e);
	must(fs_session_frames(s, &f, &n, &e), "frames", &e);
	for (depth = 0; depth < n && strcmp(f[depth].where.func ?
	    f[depth].where.func : "", "factorial") == 0; depth++)
		;
	ck_assert_uint_eq(depth, 2);

	/* The deeper calls return to the same address first.  */
	must(fs_session_finish(s, 0, &e), "finish", &e);
	ck_assert(fs_session_stop(s)->finished);
	must(fs_session_regs(s, &r, &e), "regs", &e);
	ck_assert_uint_eq(r->rax, 24);		/* factorial(4) */
	must(fs_session_frames(s, &f, &n, &e), "frames", &e);
	ck_assert_str_eq(f[0].where.func, "factorial");
	ck_assert_str_eq(f[1].where.func, "main");
	ck_assert_uint_eq(f[0].where.line, util_source_line("factorial.c",
	    "return n * factorial"));

	/* The outermost frame has no caller to return to.  */
	ck_assert_int_eq(fs_session_finish(s, (unsigned)(n - 1), &e),
	    -FS_E_STATE);
	ck_assert_str_eq(e.msg,
	    "\"finish\" not meaningful in the outermost frame.");
	ck_assert_int_eq(fs_session_finish(s, 1000, &e), -FS_E_STATE);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_signal_stop_then_death)
{
	struct fs_session *s = loaded("segv-O0", NULL);
	struct fs_err e;

	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_SIGNAL);
	ck_assert_int_eq(fs_session_stop(s)->sig, SIGSEGV);
	ck_assert_uint_eq(fs_session_stop(s)->sigaddr, 0);
	expect_at(s, "store", util_source_line("segv.c", "*p = v;"));
	/* SIGSEGV is passed: the program dies of it.  */
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->sig, SIGSEGV);
	ck_assert(!fs_session_alive(s));
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_nostop_signal_is_delivered)
{
	struct fs_session *s = loaded("sighandler-O0", NULL);
	struct fs_err e;

	/* Both handlers run: main's exit status says so.  */
	must(fs_session_handle(s, SIGUSR1, 0, FS_SIG_STOP, &e), "handle", &e);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->exit_status, 0);
	fs_session_free(s);

	/* Stopped at SIGUSR1, then passed on by cont.  */
	s = loaded("sighandler-O0", NULL);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_SIGNAL);
	ck_assert_int_eq(fs_session_stop(s)->sig, SIGUSR1);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->exit_status, 0);
	fs_session_free(s);

	/* nopass: the handler never runs, and main says so.  */
	s = loaded("sighandler-O0", NULL);
	must(fs_session_handle(s, SIGUSR1, 0, FS_SIG_STOP | FS_SIG_PASS, &e),
	    "handle", &e);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	ck_assert_int_eq(fs_session_stop(s)->exit_status, 1);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_eval_addr)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	uint64_t v, main_addr, add_addr;
	struct fs_err e;
	size_t n;

	/* Before the program runs, functions have their file address.  */
	must(fs_session_eval_addr(s, "main", 0, &v, &e), "eval", &e);
	ck_assert_uint_lt(v, 0x100000);
	ck_assert_uint_ne(v, 0);
	ck_assert_int_eq(fs_session_eval_addr(s, "$pc", 0, &v, &e),
	    -FS_E_STATE);

	must_break(s, "add", false);
	must(fs_session_launch(s, &e), "launch", &e);
	must(fs_session_cont(s, &e), "cont", &e);
	must(fs_session_regs(s, &r, &e), "regs", &e);
	must(fs_session_frames(s, &f, &n, &e), "frames", &e);
	ck_assert_int_eq(fs_modules_find_function(fs_session_modules(s),
	    "main", &main_addr, NULL), 0);
	ck_assert_int_eq(fs_modules_find_function(fs_session_modules(s),
	    "add", &add_addr, NULL), 0);

	must(fs_session_eval_addr(s, "$pc", 0, &v, &e), "$pc", &e);
	ck_assert_uint_eq(v, r->rip);
	must(fs_session_eval_addr(s, "$rip", 0, &v, &e), "$rip", &e);
	ck_assert_uint_eq(v, r->rip);
	must(fs_session_eval_addr(s, "$sp+8", 0, &v, &e), "$sp+8", &e);
	ck_assert_uint_eq(v, r->rsp + 8);
	must(fs_session_eval_addr(s, " $rbp - 0x10 ", 0, &v, &e), "$rbp", &e);
	ck_assert_uint_eq(v, r->rbp - 0x10);
	must(fs_session_eval_addr(s, "$rdi", 0, &v, &e), "$rdi", &e);
	ck_assert_uint_eq(v, 10);		/* add(10, 20) */
	must(fs_session_eval_addr(s, "main", 0, &v, &e), "main", &e);
	ck_assert_uint_eq(v, main_addr);
	must(fs_session_eval_addr(s, "main+4-2", 0, &v, &e), "main+4-2", &e);
	ck_assert_uint_eq(v, main_addr + 2);
	must(fs_session_eval_addr(s, "add-main", 0, &v, &e), "add-main", &e);
	ck_assert_uint_eq(v, add_addr - main_addr);
	must(fs_session_eval_addr(s, "0x10+0x20", 0, &v, &e), "sum", &e);
	ck_assert_uint_eq(v, 0x30);
	must(fs_session_eval_addr(s, "010 + 10", 0, &v, &e), "octal", &e);
	ck_assert_uint_eq(v, 18);
	/* pc, sp and fp are those of the frame asked for.  */
	must(fs_session_eval_addr(s, "$pc", 1, &v, &e), "$pc 1", &e);
	ck_assert_uint_eq(v, f[1].pc);
	must(fs_session_eval_addr(s, "$sp", 1, &v, &e), "$sp 1", &e);
	ck_assert_uint_eq(v, f[1].sp);
	must(fs_session_eval_addr(s, "$fp", 1, &v, &e), "$fp 1", &e);
	ck_assert_uint_eq(v, f[1].fp);

	ck_assert_int_eq(fs_session_eval_addr(s, "$nosuch", 0, &v, &e),
	    -FS_E_USAGE);
	ck_assert_str_eq(e.msg, "Invalid register `nosuch'");
	ck_assert_int_eq(fs_session_eval_addr(s, "nosuchsym", 0, &v, &e),
	    -FS_E_NOENT);
	ck_assert_str_eq(e.msg, "No symbol \"nosuchsym\" in current context.");
	ck_assert_int_eq(fs_session_eval_addr(s, "1 2", 0, &v, &e),
	    -FS_E_USAGE);
	ck_assert_int_eq(fs_session_eval_addr(s, "", 0, &v, &e), -FS_E_USAGE);
	ck_assert_int_eq(fs_session_eval_addr(s, "12abc", 0, &v, &e),
	    -FS_E_USAGE);
	ck_assert_int_eq(fs_session_eval_addr(s, "0x1ffffffffffffffff", 0, &v,
	    &e), -FS_E_USAGE);
	ck_assert_int_eq(fs_session_eval_addr(s, "main + (4)", 0, &v, &e),
	    -FS_E_USAGE);
	/* A dangling operator is a syntax error, not a silent zero.  */
	ck_assert_int_lt(fs_session_eval_addr(s, "0x10+", 0, &v, &e), 0);
	fs_session_free(s);
}
END_TEST

START_TEST(test_session_sigparse)
{
	ck_assert_int_eq(fs_sigparse("SIGSEGV"), SIGSEGV);
	ck_assert_int_eq(fs_sigparse("segv"), SIGSEGV);
	ck_assert_int_eq(fs_sigparse("SegV"), SIGSEGV);
	ck_assert_int_eq(fs_sigparse("sigusr1"), SIGUSR1);
	ck_assert_int_eq(fs_sigparse("11"), 11);
	ck_assert_int_eq(fs_sigparse("64"), 64);
	ck_assert_int_eq(fs_sigparse("bogus"), 0);
	ck_assert_int_eq(fs_sigparse("SIG"), 0);
	ck_assert_int_eq(fs_sigparse(""), 0);
	ck_assert_int_eq(fs_sigparse("0"), 0);
	ck_assert_int_eq(fs_sigparse("65"), 0);
	ck_assert_int_eq(fs_sigparse("11x"), 0);
	ck_assert_str_eq(fs_signame(SIGSEGV), "SIGSEGV");
	ck_assert_str_eq(fs_signame(SIGABRT), "SIGABRT");
	ck_assert_str_eq(fs_sigdesc(SIGSEGV), "Segmentation fault");
	ck_assert_str_eq(fs_sigdesc(SIGUSR1), "User defined signal 1");
	ck_assert_str_eq(fs_signame(fs_sigparse("int")), "SIGINT");
}
END_TEST

START_TEST(test_session_handle_flags)
{
	struct fs_session *s;
	struct fs_err e;
	const unsigned all = FS_SIG_STOP | FS_SIG_PRINT | FS_SIG_PASS;

	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	/* gdb's defaults.  */
	ck_assert_uint_eq(fs_session_sigflags(s, SIGSEGV), all);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGUSR1), all);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGALRM), FS_SIG_PASS);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGCHLD), FS_SIG_PASS);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGINT),
	    FS_SIG_STOP | FS_SIG_PRINT);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGTRAP),
	    FS_SIG_STOP | FS_SIG_PRINT);
	ck_assert_uint_eq(fs_session_sigflags(s, 0), 0);
	ck_assert_uint_eq(fs_session_sigflags(s, 65), 0);

	/* nostop keeps print; noprint implies nostop.  */
	must(fs_session_handle(s, SIGUSR1, 0, FS_SIG_STOP, &e), "nostop", &e);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGUSR1),
	    FS_SIG_PRINT | FS_SIG_PASS);
	must(fs_session_handle(s, SIGUSR2, 0, FS_SIG_PRINT, &e), "noprint",
	    &e);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGUSR2), FS_SIG_PASS);
	/* stop implies print; print alone does not stop.  */
	must(fs_session_handle(s, SIGALRM, FS_SIG_PRINT, 0, &e), "print", &e);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGALRM),
	    FS_SIG_PRINT | FS_SIG_PASS);
	must(fs_session_handle(s, SIGCHLD, FS_SIG_STOP, 0, &e), "stop", &e);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGCHLD), all);
	must(fs_session_handle(s, SIGSEGV, 0, FS_SIG_PASS, &e), "nopass", &e);
	ck_assert_uint_eq(fs_session_sigflags(s, SIGSEGV),
	    FS_SIG_STOP | FS_SIG_PRINT);

	ck_assert_int_eq(fs_session_handle(s, 0, FS_SIG_STOP, 0, &e),
	    -FS_E_USAGE);
	ck_assert_int_eq(fs_session_handle(s, 65, FS_SIG_STOP, 0, &e),
	    -FS_E_USAGE);
	fs_session_free(s);
}
END_TEST

/* `handle SIG stop noprint`: whatever wins, the flags stay coherent (a
   signal that stops is printed) and one turned off is not on.  */
START_TEST(test_session_handle_contradiction_stays_coherent)
{
	struct fs_session *s;
	struct fs_err e;
	unsigned fl;

	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	must(fs_session_handle(s, SIGUSR1, FS_SIG_STOP, FS_SIG_PRINT, &e),
	    "handle", &e);
	fl = fs_session_sigflags(s, SIGUSR1);
	ck_assert_msg(!(fl & FS_SIG_STOP) || (fl & FS_SIG_PRINT),
	    "stops without printing: %#x", fl);
	ck_assert_msg(!(fl & FS_SIG_PRINT), "noprint given, print set: %#x",
	    fl);
	fs_session_free(s);
}
END_TEST

/* counter-O0 started as our child, stdout to OUT (or /dev/null), and
   running main by the time this returns.  */
static pid_t
start_counter(int out)
{
	char path[PATH_MAX], exe[64], link[PATH_MAX];
	pid_t pid;
	ssize_t n;
	int i, fd;

	ck_assert_ptr_nonnull(realpath(sample_path("counter-O0"), path));
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		fd = out >= 0 ? out : open("/dev/null", O_WRONLY);
		dup2(fd, STDOUT_FILENO);
		execl(path, path, "1000000", "5", (char *)NULL);
		_exit(127);
	}
	snprintf(exe, sizeof exe, "/proc/%d/exe", (int)pid);
	for (i = 0; i < 500; i++) {
		n = readlink(exe, link, sizeof link - 1);
		if (n > 0) {
			link[n] = '\0';
			if (strcmp(link, path) == 0)
				break;
		}
		usleep(2000);
	}
	usleep(50000);		/* past the loader, into the loop */
	return pid;
}

/* The r-xp mappings of PID whose path contains PART: start and bytes.  */
static uint8_t *
text_of(pid_t pid, const char *part, uint64_t *start, size_t *len)
{
	char path[64], line[1024], perms[8], file[PATH_MAX];
	unsigned long long lo, hi;
	uint8_t *buf = NULL;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		file[0] = '\0';
		if (sscanf(line, "%llx-%llx %7s %*s %*s %*s %4095s", &lo, &hi,
		    perms, file) < 3)
			continue;
		if (strcmp(perms, "r-xp") != 0 || strstr(file, part) == NULL)
			continue;
		*start = lo;
		*len = (size_t)(hi - lo);
		ck_assert_ptr_nonnull(buf = malloc(*len));
		raw_read(pid, lo, buf, *len);
		break;
	}
	fclose(f);
	ck_assert_msg(buf != NULL, "no text of %s in %d", part, (int)pid);
	return buf;
}

START_TEST(test_session_detach_restores_every_byte)
{
	static const char *const parts[] = { "counter-O0", "ld-linux",
	    "libc.so" };
	uint8_t *before[3], *after;
	uint64_t start[3], s2;
	size_t len[3], l2, i, n;
	const struct fs_breakpoint *bp;
	struct fs_session *s;
	struct fs_err e;
	char spec[64];
	uint8_t raw;
	pid_t pid;
	int st;

	pid = start_counter(-1);
	for (i = 0; i < 3; i++)
		before[i] = text_of(pid, parts[i], &start[i], &len[i]);

	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	must(fs_session_attach(s, pid, &e), "attach", &e);
	ck_assert(fs_session_attached(s));
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_ATTACHED);
	ck_assert_ptr_nonnull(fs_session_program(s));
	ck_assert_ptr_nonnull(strstr(fs_session_program(s), "counter-O0"));
	must_break(s, "tick", false);
	must_break(s, "main", false);
	snprintf(spec, sizeof spec, "counter.c:%u", util_source_line("counter.c",
	    "nanosleep(&ts, NULL);"));
	must_break(s, spec, false);
	must_break(s, "puts", false);
	bp = fs_session_breakpoints(s, &n);
	ck_assert_uint_eq(n, 4);
	for (i = 0; i < n; i++) {
		ck_assert(!bp[i].pending);
		raw_read(pid, bp[i].addrs[0], &raw, 1);
		ck_assert_uint_eq(raw, 0xcc);
	}

	must(fs_session_detach(s, &e), "detach", &e);
	ck_assert(!fs_session_alive(s));
	for (i = 0; i < 3; i++) {
		after = text_of(pid, parts[i], &s2, &l2);
		ck_assert_uint_eq(s2, start[i]);
		ck_assert_uint_eq(l2, len[i]);
		ck_assert_msg(memcmp(before[i], after, l2) == 0,
		    "text of %s differs after detach", parts[i]);
		free(after);
		free(before[i]);
	}
	ck_assert_int_eq(waitpid(pid, &st, WNOHANG), 0);
	fs_session_free(s);
	usleep(50000);
	ck_assert_int_eq(waitpid(pid, &st, WNOHANG), 0);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}
END_TEST

/* On attach, the loader's hook (taken from its r_debug) is
   _dl_debug_state, as the loader's own symbol table names it; detach
   puts its byte back.  */
START_TEST(test_session_attach_hooks_the_loader)
{
	struct fs_modules *m;
	struct fs_module *mod, *ld = NULL;
	const struct fs_sym *sym;
	struct fs_session *s;
	struct fs_err e;
	uint64_t hook;
	uint8_t raw;
	size_t i;
	pid_t pid;
	int st;

	pid = start_counter(-1);
	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	must(fs_session_attach(s, pid, &e), "attach", &e);
	m = fs_session_modules(s);
	for (i = 0; i < fs_modules_count(m); i++) {
		mod = fs_modules_get(m, i);
		if (mod->mapped && strstr(mod->path, "/ld-linux") != NULL)
			ld = mod;
	}
	ck_assert_ptr_nonnull(ld);
	ck_assert_ptr_nonnull(sym = fs_module_sym_lookup(ld,
	    "_dl_debug_state"));
	hook = sym->addr + ld->bias;
	raw_read(pid, hook, &raw, 1);
	ck_assert_uint_eq(raw, 0xcc);
	must(fs_session_detach(s, &e), "detach", &e);
	raw_read(pid, hook, &raw, 1);
	ck_assert_uint_ne(raw, 0xcc);
	fs_session_free(s);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
}
END_TEST

/* Read what is in the pipe now, waiting up to MS for the first byte.
   Returns the last "count N" seen, or -1.  */
static long
last_count(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	char buf[65536], *l;
	long last = -1, v;
	ssize_t n;

	while (poll(&p, 1, ms) == 1 && (p.revents & POLLIN)) {
		if ((n = read(fd, buf, sizeof buf - 1)) <= 0)
			break;
		buf[n] = '\0';
		for (l = buf; (l = strstr(l, "count ")) != NULL; l++)
			if (sscanf(l, "count %ld", &v) == 1)
				last = v;
		ms = 0;
	}
	return last;
}

START_TEST(test_session_detach_at_breakpoint_lets_it_run)
{
	struct fs_session *s;
	struct fs_err e;
	long seen, later;
	int p[2], st;
	pid_t pid;

	ck_assert_int_eq(pipe(p), 0);
	pid = start_counter(p[1]);
	close(p[1]);
	ck_assert_int_ge(last_count(p[0], 2000), 0);

	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	must(fs_session_attach(s, pid, &e), "attach", &e);
	must_break(s, "tick", false);
	must(fs_session_cont(s, &e), "cont", &e);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	expect_at(s, "tick", util_source_line("counter.c", "printf(\"count"));
	seen = last_count(p[0], 0);
	must(fs_session_detach(s, &e), "detach", &e);
	fs_session_free(s);

	/* It prints on, through tick's former breakpoint, many times.  */
	usleep(200000);
	later = last_count(p[0], 2000);
	ck_assert_msg(later > seen + 5, "counter at %ld, then %ld", seen,
	    later);
	ck_assert_int_eq(waitpid(pid, &st, WNOHANG), 0);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(p[0]);
}
END_TEST

START_TEST(test_session_kill_then_relaunch)
{
	struct fs_session *s = loaded("calc-O0", NULL);
	struct fs_err e;
	pid_t first;

	must_break(s, "calc", false);
	must(fs_session_launch(s, &e), "launch", &e);
	first = fs_session_pid(s);
	must(fs_session_kill(s, &e), "kill", &e);
	ck_assert(!fs_session_alive(s));
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_NONE);
	ck_assert_int_eq(kill(first, 0), -1);
	must(fs_session_launch(s, &e), "launch", &e);
	ck_assert_int_ne(fs_session_pid(s), first);
	/* A launch while alive kills the old process first.  */
	first = fs_session_pid(s);
	must(fs_session_launch(s, &e), "launch", &e);
	ck_assert_int_eq(kill(first, 0), -1);
	must(fs_session_cont(s, &e), "cont", &e);
	expect_at(s, "calc", util_source_line("calc.c", "int a = 5;"));
	fs_session_free(s);
}
END_TEST

Suite *
session_suite(void)
{
	Suite *s = suite_create("session");
	TCase *tc;

	tc = tcase_create("checks_its_state");
	tcase_add_test(tc, test_session_load_errors);
	tcase_add_test(tc, test_session_needs_a_process);
	tcase_add_test(tc, test_session_sigparse);
	tcase_add_test(tc, test_session_handle_flags);
	tcase_add_test(tc, test_session_handle_contradiction_stays_coherent);
	suite_add_tcase(s, tc);

	tc = tcase_create("runs_the_program");
	tcase_set_timeout(tc, 20);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_session_launch_stops_at_entry);
	tcase_add_test(tc, test_session_line_stepping);
	tcase_add_test(tc, test_session_stepi_and_nexti);
	tcase_add_test(tc, test_session_finish_outlasts_recursion);
	tcase_add_test(tc, test_session_signal_stop_then_death);
	tcase_add_test(tc, test_session_nostop_signal_is_delivered);
	tcase_add_test(tc, test_session_kill_then_relaunch);
	tcase_add_test(tc, test_session_eval_addr);
	suite_add_tcase(s, tc);

	tc = tcase_create("manages_breakpoints");
	tcase_set_timeout(tc, 20);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_session_temporary_breakpoint_deleted_after_hit);
	tcase_add_test(tc, test_session_read_hides_breakpoint_bytes);
	tcase_add_test(tc, test_session_disable_enable_delete);
	tcase_add_test(tc, test_session_rerun_after_exit);
	tcase_add_test(tc, test_session_break_errors);
	tcase_add_test(tc, test_session_pending_breakpoint_resolves_on_dlopen);
	suite_add_tcase(s, tc);

	tc = tcase_create("attaches_and_detaches");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_session_detach_restores_every_byte);
	tcase_add_test(tc, test_session_attach_hooks_the_loader);
	tcase_add_test(tc, test_session_detach_at_breakpoint_lets_it_run);
	suite_add_tcase(s, tc);
	return s;
}
