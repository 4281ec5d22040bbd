/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of cmd: gdb's command language and output formats, through memory
   streams. */
#include <sys/stat.h>

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "cmd.h"
#include "fs_insn.h"
#include "fs_sbuf.h"

/* callee as frames and stops show it: with its arguments.  */
#define ARGS "callee (arg1=1, arg2=2, arg3=3, arg4=4, arg5=5, arg6=6, " \
    "arg7=7, arg8=8)"

/* A command context writing to memory.  */
struct io {
	struct fs_session	*s;
	struct cmd_ctx		 c;
	FILE			*out, *err;
	char			*obuf, *ebuf;
	size_t			 olen, elen, opos, epos;
	char			*o, *e;		/* the last command's output */
};

/* Line LINE of samples/SRC without its newline, in a static buffer.  */
static const char *
source_text(const char *src, unsigned line)
{
	static char buf[1024];
	char path[PATH_MAX];
	unsigned n = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/../%s", sample_path(""), src);
	ck_assert_ptr_nonnull(f = fopen(path, "r"));
	while (fgets(buf, sizeof buf, f) != NULL)
		if (++n == line)
			break;
	fclose(f);
	ck_assert_uint_eq(n, line);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static void
io_open(struct io *io, const char *sample, const char *arg)
{
	char path[PATH_MAX];
	char *argv[] = { path, (char *)arg, NULL };
	struct fs_err e;

	memset(io, 0, sizeof *io);
	ck_assert_int_eq(fs_session_new(&io->s, &e), 0);
	if (sample != NULL) {
		snprintf(path, sizeof path, "%s", sample_path(sample));
		ck_assert_msg(fs_session_load(io->s, arg ? 2 : 1, argv,
		    &e) == 0, "load: %s", e.msg);
	}
	ck_assert_ptr_nonnull(io->out = open_memstream(&io->obuf,
	    &io->olen));
	ck_assert_ptr_nonnull(io->err = open_memstream(&io->ebuf,
	    &io->elen));
	ck_assert_int_eq(cmd_init(&io->c, io->s, io->out, io->err), 0);
}

static void
io_close(struct io *io)
{
	cmd_fini(&io->c);
	fs_session_free(io->s);
	fclose(io->out);
	fclose(io->err);
	free(io->obuf);
	free(io->ebuf);
	free(io->o);
	free(io->e);
}

/* Run LINE; what it wrote is in io->o and io->e.  */
static int
run(struct io *io, const char *line)
{
	int r;

	r = cmd_exec(&io->c, line);
	fflush(io->out);
	fflush(io->err);
	free(io->o);
	free(io->e);
	io->o = strndup(io->obuf + io->opos, io->olen - io->opos);
	io->e = strndup(io->ebuf + io->epos, io->elen - io->epos);
	ck_assert(io->o != NULL && io->e != NULL);
	io->opos = io->olen;
	io->epos = io->elen;
	return r;
}

/* Run LINE, which must succeed silently on the error stream.  */
static void
ok(struct io *io, const char *line)
{
	int r = run(io, line);

	ck_assert_msg(r == 0 && io->e[0] == '\0', "\"%s\" failed: %s", line,
	    io->e);
}

/* Run LINE, which must fail with the one-line message WANT.  */
static void
fails(struct io *io, const char *line, const char *want)
{
	int before = io->c.failed;
	int r = run(io, line);

	ck_assert_msg(r == -1, "\"%s\" returned %d", line, r);
	ck_assert_int_eq(io->c.failed, before + 1);
	if (want != NULL) {
		ck_assert_msg(strlen(io->e) > 0 && io->e[strlen(io->e) - 1] ==
		    '\n', "\"%s\": message \"%s\"", line, io->e);
		io->e[strlen(io->e) - 1] = '\0';
		ck_assert_str_eq(io->e, want);
	}
}

static char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

/* A formatted string in one of a few rotating static buffers.  */
static char *
fmt(const char *f, ...)
{
	static char bufs[4][2048];
	static int k;
	va_list ap;
	char *b = bufs[k++ % 4];

	va_start(ap, f);
	vsnprintf(b, sizeof bufs[0], f, ap);
	va_end(ap);
	return b;
}

/* callee8-O0 run to its breakpoint on callee.  */
static void
at_callee(struct io *io)
{
	io_open(io, "callee8-O0", NULL);
	ok(io, "break callee");
	ok(io, "run");
	ck_assert_int_eq(fs_session_stop(io->s)->reason, FS_STOP_BREAKPOINT);
}

static uint64_t
pc_of(struct io *io)
{
	const struct user_regs_struct *r;
	struct fs_err e;

	ck_assert_int_eq(fs_session_regs(io->s, &r, &e), 0);
	return r->rip;
}

/* "<callee+N>" for runtime address A.  */
static const char *
label(struct io *io, uint64_t a)
{
	struct fs_where w;

	fs_modules_where(fs_session_modules(io->s), a, a, &w);
	ck_assert_ptr_nonnull(w.func);
	return fmt("0x%" PRIx64 " <%s+%" PRIu64 ">", a, w.func,
	    a - w.func_addr);
}

START_TEST(test_cmd_unknown_command)
{
	struct io io;

	io_open(&io, "callee8-O0", NULL);
	fails(&io, "frobnicate", "Undefined command: \"frobnicate\".  "
	    "Try \"help\".");
	ck_assert_str_eq(io.o, "");
	fails(&io, "frobnicate with args", "Undefined command: "
	    "\"frobnicate\".  Try \"help\".");
	fails(&io, "break/4 main", "Undefined command: \"break/4\".  "
	    "Try \"help\".");
	ck_assert_int_eq(io.c.failed, 3);
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_unique_prefixes)
{
	struct io io;

	io_open(&io, "callee8-O0", NULL);
	fails(&io, "cont", "The program is not being run.");
	fails(&io, "conti", "The program is not being run.");
	fails(&io, "continue", "The program is not being run.");
	fails(&io, "fr 1", "No registers.");
	fails(&io, "bac", "No stack.");
	ok(&io, "tb main");
	ck_assert_str_eq(io.o, fmt("Temporary breakpoint 1 at 0x%" PRIx64
	    ": file callee8.c, line %u.\n", fs_session_breakpoints(io.s,
	    &(size_t){ 0 })[0].addrs[0], util_source_line("callee8.c",
	    "long a = 7;")));
	ok(&io, "disa 1");
	ck_assert(!fs_session_breakpoints(io.s, &(size_t){ 0 })[0].enabled);
	ok(&io, "  en   1  ");
	ck_assert(fs_session_breakpoints(io.s, &(size_t){ 0 })[0].enabled);
	ok(&io, "i b");
	ck_assert_ptr_nonnull(strstr(io.o, "Num     Type"));
	ck_assert_int_eq(io.c.failed, 5);
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_ambiguous_prefix_fails)
{
	struct io io;
	size_t n;

	io_open(&io, "callee8-O0", NULL);
	/* start, step, stepi; delete, detach; echo, enable.  */
	fails(&io, "st", NULL);
	fails(&io, "de 1", NULL);
	fails(&io, "e", NULL);
	ck_assert(!fs_session_alive(io.s));
	fs_session_breakpoints(io.s, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert_str_eq(io.o, "");
	ck_assert_int_eq(io.c.failed, 3);
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_comments_and_blank_lines)
{
	static const char *const lines[] = { "", "   ", "\t", "\n",
	    "# break callee", "   #run", "#" };
	struct io io;
	size_t i, n;

	io_open(&io, "callee8-O0", NULL);
	for (i = 0; i < sizeof lines / sizeof lines[0]; i++) {
		ck_assert_int_eq(run(&io, lines[i]), 0);
		ck_assert_str_eq(io.o, "");
		ck_assert_str_eq(io.e, "");
	}
	fs_session_breakpoints(io.s, &n);
	ck_assert_uint_eq(n, 0);
	ck_assert(!fs_session_alive(io.s));
	ck_assert_int_eq(io.c.failed, 0);
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_failures_are_counted)
{
	struct io io;

	io_open(&io, "callee8-O0", NULL);
	fails(&io, "bt", "No stack.");
	ok(&io, "echo fine\\n");
	ck_assert_str_eq(io.o, "fine\n");
	fails(&io, "x/4xb", "Argument required (starting display address).");
	fails(&io, "x/4xb $sp", "No registers.");
	ok(&io, "break callee");
	fails(&io, "delete 7", "No breakpoint number 7.");
	fails(&io, "finish", "The program is not being run.");
	fails(&io, "stepi x", "Invalid number \"x\".");
	ck_assert_int_eq(io.c.failed, 6);
	ok(&io, "help");
	ck_assert_int_eq(io.c.failed, 6);
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_break_output)
{
	const struct fs_breakpoint *bp;
	struct io io;
	size_t n;
	unsigned body = util_source_line("callee8.c", "return arg7 + arg8;");
	unsigned call = util_source_line("callee8.c", "callee(1, 2");

	io_open(&io, "callee8-O0", NULL);
	ok(&io, "break callee");
	bp = fs_session_breakpoints(io.s, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_str_eq(io.o, fmt("Breakpoint 1 at 0x%" PRIx64 ": file "
	    "callee8.c, line %u.\n", bp[0].addrs[0], body));
	ok(&io, fmt("b callee8.c:%u", call));
	bp = fs_session_breakpoints(io.s, &n);
	ck_assert_str_eq(io.o, fmt("Breakpoint 2 at 0x%" PRIx64 ": file "
	    "callee8.c, line %u.\n", bp[1].addrs[0], call));
	/* At a prompt, as gdb when told yes: pending.  */
	ck_assert_int_eq(run(&io, "break nosuch"), 0);
	ck_assert_str_eq(io.e, "Function \"nosuch\" not defined.\n");
	ck_assert_str_eq(io.o, "Breakpoint 3 (nosuch) pending.\n");
	fails(&io, "break 9999", "No line 9999 in the current file.");
	fails(&io, "break callee8.c:9999",
	    "No line 9999 in file \"callee8.c\".");

	/* The line of the call comes first.  */
	ok(&io, "run");
	ck_assert_str_eq(io.o, fmt("\nBreakpoint 2, main () at callee8.c:"
	    "%u\n%u\t%s\n", call, call, source_text("callee8.c", call)));
	ok(&io, "c");
	ck_assert_str_eq(io.o, fmt("Continuing.\n\nBreakpoint 1, " ARGS " at "
	    "callee8.c:%u\n%u\t%s\n", body, body,
	    source_text("callee8.c", body)));
	/* Without a location, the current pc, at its runtime address.  */
	ok(&io, "break");
	ck_assert_str_eq(io.o, fmt("Breakpoint 4 at 0x%" PRIx64 ": file "
	    "callee8.c, line %u.\n", pc_of(&io), body));
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_info_breakpoints_table)
{
	static const char head[] = "Num     Type           Disp Enb Address"
	    "            What\n";
	const struct fs_breakpoint *bp;
	struct io io;
	size_t n;
	unsigned body = util_source_line("callee8.c", "return arg7 + arg8;");
	unsigned first = util_source_line("callee8.c", "long a = 7;");

	io_open(&io, "callee8-O0", NULL);
	ok(&io, "info breakpoints");
	ck_assert_str_eq(io.o, "No breakpoints or watchpoints.\n");
	ok(&io, "break callee");
	ok(&io, "tbreak main");
	ck_assert_int_eq(run(&io, "break nosuch"), 0);	/* pending */
	ok(&io, "disable 3");
	ok(&io, "run");
	ok(&io, "continue");
	bp = fs_session_breakpoints(io.s, &n);
	ck_assert_uint_eq(n, 2);	/* the temporary one is gone */
	ok(&io, "info breakpoints");
	ck_assert_str_eq(io.o, fmt("%s"
	    "1       breakpoint     keep y   0x%016" PRIx64 " in callee at "
	    "callee8.c:%u\n"
	    "\tbreakpoint already hit 1 time\n"
	    "3       breakpoint     keep n   <PENDING>          nosuch\n",
	    head, bp[0].addrs[0], body));
	io_close(&io);

	/* Before the run: file addresses, "del" for a temporary one.  */
	io_open(&io, "callee8-O0", NULL);
	ok(&io, "tbreak main");
	bp = fs_session_breakpoints(io.s, &n);
	ok(&io, "info breakpoints");
	ck_assert_str_eq(io.o, fmt("%s"
	    "1       breakpoint     del  y   0x%016" PRIx64 " in main at "
	    "callee8.c:%u\n", head, bp[0].addrs[0], first));
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_examine_bytes_and_words)
{
	const struct user_regs_struct *r;
	struct fs_module *exec;
	const uint8_t *file;
	uint64_t pc, sp, w[2];
	struct fs_err e;
	struct io io;
	char want[512];
	int i, k;

	at_callee(&io);
	pc = pc_of(&io);
	exec = fs_modules_exec(fs_session_modules(io.s));
	ck_assert_ptr_nonnull(file = fs_elf_bytes(exec->elf, pc - exec->bias,
	    8));

	/* The breakpoint's own byte shows as the program's.  */
	ok(&io, "x/4xb $pc");
	k = snprintf(want, sizeof want, "%s:", label(&io, pc));
	for (i = 0; i < 4; i++)
		k += snprintf(want + k, sizeof want - (size_t)k, "\t0x%02x",
		    file[i]);
	snprintf(want + k, sizeof want - (size_t)k, "\n");
	ck_assert_str_eq(io.o, want);

	ok(&io, "x/2gx $sp");
	ck_assert_int_eq(fs_session_regs(io.s, &r, &e), 0);
	sp = r->rsp;
	ck_assert_int_eq(fs_session_read(io.s, sp, w, sizeof w, &e),
	    (ssize_t)sizeof w);
	ck_assert_str_eq(io.o, fmt("0x%" PRIx64 ":\t0x%016" PRIx64 "\t0x%016"
	    PRIx64 "\n", sp, w[0], w[1]));

	/* Eight units of one byte a line.  */
	ok(&io, "x/9xb $pc");
	ck_assert_ptr_nonnull(strchr(io.o, '\n'));
	ck_assert_ptr_nonnull(strstr(strchr(io.o, '\n') + 1,
	    label(&io, pc + 8)));
	ok(&io, "x/2dw $sp");
	ck_assert_str_eq(io.o, fmt("0x%" PRIx64 ":\t%d\t%d\n", sp,
	    (int32_t)w[0], (int32_t)(w[0] >> 32)));
	fails(&io, "x/2xg 8", "Cannot access memory at address 0x8");
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_examine_instructions)
{
	struct fs_insn in;
	uint8_t code[16];
	uint64_t a;
	struct fs_err e;
	struct io io;
	char want[2048];
	int i, k = 0;

	at_callee(&io);
	a = pc_of(&io);
	for (i = 0; i < 3; i++) {
		ck_assert_int_eq(fs_session_read(io.s, a, code, sizeof code,
		    &e), (ssize_t)sizeof code);
		ck_assert_int_eq(fs_insn_decode(code, sizeof code, a, false,
		    &in), 0);
		k += snprintf(want + k, sizeof want - (size_t)k, "%s %s:\t%s\n",
		    i == 0 ? "=>" : "  ", label(&io, a), in.gdbtext);
		a += in.len;
	}
	ok(&io, "x/3i $pc");
	ck_assert_str_eq(io.o, want);
	ck_assert_int_eq(strncmp(io.o, "=> 0x", 5), 0);
	ck_assert_ptr_nonnull(strstr(io.o, "\n   0x"));
	/* The first instruction is the one the breakpoint covers.  */
	ck_assert_ptr_null(strstr(io.o, "int3"));
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_handle_prints_row)
{
	struct io io;

	io_open(&io, "callee8-O0", NULL);
	ok(&io, "handle SIGUSR1 nostop noprint");
	ck_assert_str_eq(io.o, "Signal        Stop\tPrint\tPass to program\t"
	    "Description\n"
	    "SIGUSR1       No\tNo\tYes\t\tUser defined signal 1\n");
	ck_assert_uint_eq(fs_session_sigflags(io.s, SIGUSR1), FS_SIG_PASS);
	ok(&io, "handle 10 stop");
	ck_assert_ptr_nonnull(strstr(io.o, "\nSIGUSR1       Yes\tYes\tYes\t\t"
	    "User defined signal 1\n"));
	ok(&io, "handle segv nopass");
	ck_assert_ptr_nonnull(strstr(io.o, "\nSIGSEGV       Yes\tYes\tNo\t\t"
	    "Segmentation fault\n"));
	fails(&io, "handle bogus stop",
	    "Unrecognized or ambiguous flag word: \"bogus\".");
	fails(&io, "handle", "Argument required (signal and action).");
	fails(&io, "handle stop", "Argument required (signal and action).");
	io_close(&io);
}
END_TEST

/* gdb applies the keywords in order: the last word about printing or
   stopping wins, and a signal that stops is printed.  */
START_TEST(test_cmd_handle_keywords_in_order)
{
	struct io io;

	io_open(&io, "callee8-O0", NULL);
	ok(&io, "handle SIGUSR1 stop noprint");
	ck_assert_ptr_nonnull(strstr(io.o,
	    "\nSIGUSR1       No\tNo\tYes\t\t"));
	ok(&io, "handle SIGUSR2 noprint stop");
	ck_assert_ptr_nonnull(strstr(io.o,
	    "\nSIGUSR2       Yes\tYes\tYes\t\t"));
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_backtrace_stops_at_main)
{
	const struct fs_frame *f;
	struct fs_err e;
	struct io io;
	char *last;
	size_t n, lines;
	const char *p;
	unsigned body = util_source_line("callee8.c", "return arg7 + arg8;");
	unsigned call = util_source_line("callee8.c", "callee(1, 2");

	at_callee(&io);
	ck_assert_int_eq(fs_session_frames(io.s, &f, &n, &e), 0);
	ck_assert_uint_gt(n, 2);
	ok(&io, "bt");
	ck_assert_str_eq(io.o, fmt("#0  " ARGS " at callee8.c:%u\n"
	    "#1  0x%016" PRIx64 " in main () at callee8.c:%u\n", body,
	    f[1].pc, call));
	ok(&io, "where 1");
	ck_assert_str_eq(io.o, fmt("#0  " ARGS " at callee8.c:%u\n"
	    "(More stack frames follow...)\n", body));

	ok(&io, "bt -past-main");
	for (lines = 0, p = io.o; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	ck_assert_uint_eq(lines, n);
	io.o[strlen(io.o) - 1] = '\0';
	last = strrchr(io.o, '\n') + 1;
	ck_assert_msg(strstr(last, " in _start ()") != NULL, "last: %s",
	    last);
	ok(&io, "set backtrace past-main on");
	ok(&io, "backtrace");
	for (lines = 0, p = io.o; (p = strchr(p, '\n')) != NULL; p++)
		lines++;
	ck_assert_uint_eq(lines, n);
	ok(&io, "set backtrace past-main off");
	ok(&io, "bt");
	ck_assert_ptr_null(strstr(io.o, "#2"));
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_frame_up_down)
{
	const struct fs_frame *f;
	struct fs_err e;
	struct io io;
	size_t n;
	unsigned body = util_source_line("callee8.c", "return arg7 + arg8;");
	unsigned call = util_source_line("callee8.c", "callee(1, 2");
	const char *frame0, *frame1;

	at_callee(&io);
	ck_assert_int_eq(fs_session_frames(io.s, &f, &n, &e), 0);
	frame0 = fmt("#0  " ARGS " at callee8.c:%u\n%u\t%s\n", body, body,
	    source_text("callee8.c", body));
	frame1 = fmt("#1  0x%016" PRIx64 " in main () at callee8.c:%u\n"
	    "%u\t%s\n", f[1].pc, call, call, source_text("callee8.c", call));

	fails(&io, "down", "Bottom (innermost) frame selected; you cannot "
	    "go down.");
	ok(&io, "frame 1");
	ck_assert_str_eq(io.o, frame1);
	ck_assert_uint_eq(io.c.frame, 1);
	ok(&io, "frame");
	ck_assert_str_eq(io.o, frame1);
	ok(&io, "info frame");
	ck_assert_ptr_nonnull(strstr(io.o, "Stack level 1, frame at "));
	ck_assert_ptr_nonnull(strstr(io.o, fmt(" rip = 0x%" PRIx64 " in main "
	    "(callee8.c:%u); saved rip = 0x", f[1].pc, call)));
	ck_assert_ptr_nonnull(strstr(io.o, " caller of frame at 0x"));
	ck_assert_ptr_nonnull(strstr(io.o, " Saved registers:\n  rbp at 0x"));
	ok(&io, "down");
	ck_assert_str_eq(io.o, frame0);
	ck_assert_uint_eq(io.c.frame, 0);
	ok(&io, "up");
	ck_assert_str_eq(io.o, frame1);
	fails(&io, "frame 99", "No frame at level 99.");
	ck_assert_uint_eq(io.c.frame, 1);
	fails(&io, "frame x", "No symbol \"x\" in current context.");
	/* $pc is the selected frame's.  */
	ok(&io, "x/1xb $pc");
	ck_assert_int_eq(strncmp(io.o, label(&io, f[1].pc),
	    strlen(label(&io, f[1].pc))), 0);
	/* A stop selects frame 0 again.  */
	ok(&io, "stepi");
	ck_assert_uint_eq(io.c.frame, 0);
	io_close(&io);
}
END_TEST

/* As bt and finish do, frame selection ends at main, gdb's outermost
   frame, unless past-main is on.  */
START_TEST(test_cmd_up_stops_at_main)
{
	const struct fs_frame *f;
	struct fs_err e;
	struct io io;
	size_t n;

	at_callee(&io);
	ck_assert_int_eq(fs_session_frames(io.s, &f, &n, &e), 0);
	ck_assert_uint_gt(n, 2);		/* libc frames above main */
	ok(&io, "up");
	ck_assert_uint_eq(io.c.frame, 1);
	fails(&io, "up", "Initial frame selected; you cannot go up.");
	ck_assert_uint_eq(io.c.frame, 1);
	fails(&io, "frame 2", "No frame at level 2.");
	ck_assert_uint_eq(io.c.frame, 1);

	/* With past-main, up to _start and no further.  */
	ok(&io, "set backtrace past-main on");
	ok(&io, fmt("frame %zu", n - 1));
	ck_assert_ptr_nonnull(strstr(io.o, " in _start ()"));
	fails(&io, "up", "Initial frame selected; you cannot go up.");
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_run_to_exit)
{
	struct io io;
	pid_t pid;

	at_callee(&io);
	pid = fs_session_pid(io.s);
	ok(&io, "continue");
	ck_assert_str_eq(io.o, fmt("Continuing.\n[Inferior 1 (process %d) "
	    "exited normally]\n", (int)pid));
	fails(&io, "continue", "The program is not being run.");
	fails(&io, "x/4xb $pc", "No registers.");
	io_close(&io);

	io_open(&io, "exitcode-O0", "10");
	ok(&io, "run");
	ck_assert_int_eq(strncmp(io.o, "[Inferior 1 (process ", 21), 0);
	/* In octal with a leading 0, as gdb prints it.  */
	ck_assert_ptr_nonnull(strstr(io.o, ") exited with code 012]\n"));
	io_close(&io);
}
END_TEST

START_TEST(test_cmd_finish_and_kill)
{
	const struct fs_frame *f;
	uint64_t ret;
	struct fs_err e;
	struct io io;
	size_t n;
	pid_t pid;
	unsigned body = util_source_line("callee8.c", "return arg7 + arg8;");
	unsigned call = util_source_line("callee8.c", "callee(1, 2");

	at_callee(&io);
	ck_assert_int_eq(fs_session_frames(io.s, &f, &n, &e), 0);
	ret = f[1].pc;
	ok(&io, "finish");
	ck_assert_str_eq(io.o, fmt("Run till exit from #0  " ARGS " at "
	    "callee8.c:%u\n0x%016" PRIx64 " in main () at callee8.c:%u\n"
	    "%u\t%s\nValue returned is $1 = 15\n", body, ret, call, call,
	    source_text("callee8.c", call)));
	fails(&io, "finish", "\"finish\" not meaningful in the outermost "
	    "frame.");
	pid = fs_session_pid(io.s);
	ok(&io, "kill");
	ck_assert_str_eq(io.o, fmt("Kill the program being debugged? (y or "
	    "n) [answered Y; input not from terminal]\n[Inferior 1 (process "
	    "%d) killed]\n", (int)pid));
	ck_assert(!fs_session_alive(io.s));
	io_close(&io);
}
END_TEST

/* snapshot FILE and dump FILE say what they did at a prompt, the bytes
   written as the file has them; in batch mode they say nothing.  */
START_TEST(test_cmd_snapshot_says_so)
{
	char *dir = util_tmpdir(), path[PATH_MAX], line[PATH_MAX + 16];
	char num[32];
	struct stat st;
	struct io io;

	at_callee(&io);
	snprintf(path, sizeof path, "%s/s.json", dir);
	snprintf(line, sizeof line, "snapshot %s", path);
	ok(&io, line);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_gt(st.st_size, 1000);
	fs_grouped((unsigned long long)st.st_size, num, sizeof num);
	ck_assert_ptr_nonnull(strchr(num, ','));
	ck_assert_str_eq(io.o, fmt("Wrote %s bytes to %s.\n", num, path));
	snprintf(line, sizeof line, "dump %s/d.json", dir);
	ok(&io, line);
	ck_assert_str_eq(io.o, fmt("Writing a JSON snapshot of every stop to "
	    "%s/d.json.\n", dir));
	io.c.batch = true;
	snprintf(line, sizeof line, "snapshot %s", path);
	ok(&io, line);
	ck_assert_str_eq(io.o, "");
	io_close(&io);
	util_rmtree(dir);
	free(dir);
}
END_TEST

START_TEST(test_cmd_info_registers)
{
	const struct user_regs_struct *r;
	struct fs_err e;
	struct io io;

	at_callee(&io);
	ck_assert_int_eq(fs_session_regs(io.s, &r, &e), 0);
	/* gdb's columns: name in 15, hexadecimal in 20.  */
	ok(&io, "info registers rip");
	ck_assert_str_eq(io.o, fmt("%-15s%-20s%s\n", "rip",
	    fmt("0x%" PRIx64, (uint64_t)r->rip), label(&io, r->rip)));
	ok(&io, "info registers $rdi rsp");
	ck_assert_str_eq(io.o, fmt("rdi            %-20s%" PRId64 "\n"
	    "rsp            %-20s0x%" PRIx64 "\n",
	    fmt("0x%" PRIx64, (uint64_t)r->rdi), (int64_t)r->rdi,
	    fmt("0x%" PRIx64, (uint64_t)r->rsp), (uint64_t)r->rsp));
	fails(&io, "info registers nosuch", "Invalid register `nosuch'");
	io_close(&io);
}
END_TEST

Suite *
cmd_suite(void)
{
	Suite *s = suite_create("cmd");
	TCase *tc;

	tc = tcase_create("parses_commands");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_cmd_unknown_command);
	tcase_add_test(tc, test_cmd_unique_prefixes);
	tcase_add_test(tc, test_cmd_ambiguous_prefix_fails);
	tcase_add_test(tc, test_cmd_comments_and_blank_lines);
	tcase_add_test(tc, test_cmd_failures_are_counted);
	suite_add_tcase(s, tc);

	tc = tcase_create("prints_gdb_formats");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_cmd_break_output);
	tcase_add_test(tc, test_cmd_info_breakpoints_table);
	tcase_add_test(tc, test_cmd_examine_bytes_and_words);
	tcase_add_test(tc, test_cmd_examine_instructions);
	tcase_add_test(tc, test_cmd_handle_prints_row);
	tcase_add_test(tc, test_cmd_handle_keywords_in_order);
	tcase_add_test(tc, test_cmd_backtrace_stops_at_main);
	tcase_add_test(tc, test_cmd_run_to_exit);
	tcase_add_test(tc, test_cmd_finish_and_kill);
	tcase_add_test(tc, test_cmd_snapshot_says_so);
	tcase_add_test(tc, test_cmd_info_registers);
	suite_add_tcase(s, tc);

	tc = tcase_create("selects_frames");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_cmd_frame_up_down);
	tcase_add_test(tc, test_cmd_up_stops_at_main);
	suite_add_tcase(s, tc);
	return s;
}
