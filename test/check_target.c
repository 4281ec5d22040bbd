/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_target against live processes: spawn, attach, memory, steps. */
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <elf.h>
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
#include "fs_elf.h"
#include "fs_insn.h"
#include "fs_maps.h"
#include "fs_target.h"

extern char **environ;

/* Launch sample NAME with up to two arguments (NULL ends them).  */
static struct fs_target *
spawn_sample(const char *name, const char *arg1, const char *arg2,
    bool aslr)
{
	char path[PATH_MAX];
	char *argv[4] = { path, (char *)arg1, (char *)arg2, NULL };
	struct fs_target *t = NULL;
	struct fs_err e;
	int r;

	snprintf(path, sizeof path, "%s", sample_path(name));
	if (arg1 == NULL)
		argv[1] = NULL;
	fs_err_clear(&e);
	r = fs_target_spawn(argv[0], argv, environ, aslr, &t, &e);
	ck_assert_msg(r == 0, "spawn %s: %s", path, e.msg);
	ck_assert_ptr_nonnull(t);
	ck_assert(fs_target_alive(t));
	ck_assert(!fs_target_attached(t));
	return t;
}

static const struct user_regs_struct *
regs_of(struct fs_target *t)
{
	const struct user_regs_struct *r = NULL;
	struct fs_err e;

	ck_assert_msg(fs_target_regs(t, &r, &e) == 0, "regs: %s", e.msg);
	ck_assert_ptr_nonnull(r);
	return r;
}

/* The whole of a small /proc file, NUL-terminated; its length in *LEN.  */
static char *
slurp_proc(pid_t pid, const char *what, size_t *len)
{
	char path[64], *buf;
	size_t cap = 1 << 16;
	ssize_t n;
	int fd;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, what);
	ck_assert_int_ge(fd = open(path, O_RDONLY), 0);
	ck_assert_ptr_nonnull(buf = malloc(cap + 1));
	*len = 0;
	while ((n = read(fd, buf + *len, cap - *len)) > 0)
		*len += (size_t)n;
	close(fd);
	buf[*len] = '\0';
	return buf;
}

/* "/proc/PID/WHAT", in a static buffer.  */
static const char *
fmt_proc(pid_t pid, const char *what)
{
	static char buf[64];

	snprintf(buf, sizeof buf, "/proc/%d/%s", (int)pid, what);
	return buf;
}

/* The auxiliary vector entry TYPE of PID.  */
static uint64_t
auxv(pid_t pid, uint64_t type)
{
	uint64_t *v, val = 0;
	size_t len, i;

	v = (uint64_t *)(void *)slurp_proc(pid, "auxv", &len);
	for (i = 0; i + 1 < len / 8; i += 2)
		if (v[i] == type) {
			val = v[i + 1];
			break;
		}
	free(v);
	return val;
}

/* The state letter of /proc/PID/stat ('R', 'S', 't', 'Z' ...).  */
static char
proc_state(pid_t pid)
{
	char *s, *p, c;
	size_t len;

	s = slurp_proc(pid, "stat", &len);
	ck_assert_ptr_nonnull(p = strrchr(s, ')'));
	c = p[2];
	free(s);
	return c;
}

/* Runtime address of SYM in the executable of T, from the ELF file and
   the executable's first mapping.  */
static uint64_t
exec_symbol(struct fs_target *t, const char *name, const char *sym,
    struct fs_elf **elfp, uint64_t *biasp)
{
	char real[PATH_MAX];
	struct fs_maps m = { 0 };
	const struct fs_segment *seg;
	const struct fs_sym *s;
	struct fs_elf *elf;
	uint64_t bias = 0, addr;
	size_t i, n;
	bool found = false;

	ck_assert_ptr_nonnull(realpath(sample_path(name), real));
	ck_assert_int_eq(fs_elf_open(real, &elf, NULL), 0);
	ck_assert_int_eq(fs_maps_read(fs_target_pid(t), &m, NULL), 0);
	seg = fs_elf_segments(elf, &n);
	ck_assert_uint_gt(n, 0);
	for (i = 0; i < m.n && !found; i++)
		if (strcmp(m.v[i].path, real) == 0) {
			bias = m.v[i].start - (seg[0].vaddr & ~0xfffULL);
			found = true;
		}
	ck_assert_msg(found, "%s not mapped", real);
	fs_maps_clear(&m);
	ck_assert_ptr_nonnull(s = fs_elf_sym_lookup(elf, sym));
	addr = s->addr + bias;
	if (biasp != NULL)
		*biasp = bias;
	if (elfp != NULL)
		*elfp = elf;
	else
		fs_elf_free(elf);
	return addr;
}

START_TEST(test_target_spawn_stops_at_loader_entry)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	const struct user_regs_struct *r = regs_of(t);
	struct fs_maps m = { 0 };
	const struct fs_map *mp;
	struct fs_elf *ld;
	uint64_t base;
	size_t n;
	const pid_t *tids;

	ck_assert_int_gt(fs_target_pid(t), 0);
	ck_assert_int_eq(fs_target_tid(t), fs_target_pid(t));
	tids = fs_target_threads(t, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(tids[0], fs_target_pid(t));
	ck_assert_uint_ge(fs_target_nstops(t), 1);

	/* rip is the dynamic loader's entry point: its e_entry plus the
	   base the kernel put in the auxiliary vector.  */
	ck_assert_int_eq(fs_maps_read(fs_target_pid(t), &m, NULL), 0);
	ck_assert_ptr_nonnull(mp = fs_maps_find(&m, r->rip));
	ck_assert_msg(strstr(mp->path, "ld-linux-x86-64") != NULL,
	    "rip %#llx is in \"%s\"", (unsigned long long)r->rip, mp->path);
	ck_assert_uint_ne(mp->prot & FS_MAP_X, 0);
	ck_assert_int_eq(fs_elf_open(mp->path, &ld, NULL), 0);
	base = auxv(fs_target_pid(t), AT_BASE);
	ck_assert_uint_ne(base, 0);
	ck_assert_uint_eq(r->rip, base + fs_elf_entry(ld));
	/* The program's own entry is somewhere else, not run yet.  */
	ck_assert_uint_ne(r->rip, auxv(fs_target_pid(t), AT_ENTRY));
	fs_elf_free(ld);
	fs_maps_clear(&m);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_spawn_aslr_off_is_repeatable)
{
	struct fs_target *a, *b;
	uint64_t sp_a, sp_b;
	char *pers;
	size_t len;

	a = spawn_sample("callee8-O0", NULL, NULL, false);
	b = spawn_sample("callee8-O0", NULL, NULL, false);
	sp_a = regs_of(a)->rsp;
	sp_b = regs_of(b)->rsp;
	ck_assert_uint_eq(sp_a, sp_b);
	ck_assert_uint_eq(auxv(fs_target_pid(a), AT_BASE),
	    auxv(fs_target_pid(b), AT_BASE));
	pers = slurp_proc(fs_target_pid(a), "personality", &len);
	ck_assert_uint_ne(strtoul(pers, NULL, 16) & ADDR_NO_RANDOMIZE, 0);
	free(pers);
	fs_target_free(a);
	fs_target_free(b);
}
END_TEST

START_TEST(test_target_spawn_aslr_on_moves_stack)
{
	struct fs_target *a, *b;
	uint64_t sp_a, sp_b;
	int p = personality(0xffffffff);
	FILE *f;
	int rnd = 0;

	if ((f = fopen("/proc/sys/kernel/randomize_va_space", "r")) != NULL) {
		if (fscanf(f, "%d", &rnd) != 1)
			rnd = 0;
		fclose(f);
	}
	if (rnd == 0 || (p != -1 && (p & ADDR_NO_RANDOMIZE)))
		return;		/* randomization is off on this machine */
	a = spawn_sample("callee8-O0", NULL, NULL, true);
	b = spawn_sample("callee8-O0", NULL, NULL, true);
	sp_a = regs_of(a)->rsp;
	sp_b = regs_of(b)->rsp;
	ck_assert_uint_ne(sp_a, sp_b);
	fs_target_free(a);
	fs_target_free(b);
}
END_TEST

START_TEST(test_target_spawn_passes_argv_envp_exactly)
{
	static const char want_argv[] = "/usr/bin/env\0first arg\0\0-x\0";
	static const char want_env[] = "A=1\0B=two words\0EMPTY=\0";
	char *argv[] = { (char *)"/usr/bin/env", (char *)"first arg",
	    (char *)"", (char *)"-x", NULL };
	char *envp[] = { (char *)"A=1", (char *)"B=two words",
	    (char *)"EMPTY=", NULL };
	char *none[] = { NULL };
	char exe[PATH_MAX] = "", want_exe[PATH_MAX];
	struct fs_target *t = NULL;
	struct fs_err e;
	char *got;
	size_t len;

	ck_assert_int_eq(fs_target_spawn(argv[0], argv, envp, false, &t, &e),
	    0);
	got = slurp_proc(fs_target_pid(t), "cmdline", &len);
	ck_assert_uint_eq(len, sizeof want_argv - 1);
	ck_assert_int_eq(memcmp(got, want_argv, len), 0);
	free(got);
	got = slurp_proc(fs_target_pid(t), "environ", &len);
	ck_assert_uint_eq(len, sizeof want_env - 1);
	ck_assert_int_eq(memcmp(got, want_env, len), 0);
	free(got);
	fs_target_free(t);

	/* An empty environment is passed as such, not as ours.  */
	argv[1] = NULL;
	ck_assert_int_eq(fs_target_spawn(argv[0], argv, none, false, &t, &e),
	    0);
	got = slurp_proc(fs_target_pid(t), "environ", &len);
	ck_assert_uint_eq(len, 0);
	free(got);
	fs_target_free(t);

	/* PATH is what runs; argv[0] is only what the program sees.  */
	argv[0] = (char *)"not-the-path";
	ck_assert_int_eq(fs_target_spawn("/usr/bin/env", argv, none, false,
	    &t, &e), 0);
	got = slurp_proc(fs_target_pid(t), "cmdline", &len);
	ck_assert_uint_eq(len, sizeof "not-the-path");
	ck_assert_str_eq(got, "not-the-path");
	free(got);
	ck_assert_int_gt(readlink(fmt_proc(fs_target_pid(t), "exe"), exe,
	    sizeof exe - 1), 0);
	ck_assert_ptr_nonnull(realpath("/usr/bin/env", want_exe));
	exe[sizeof exe - 1] = '\0';
	ck_assert_str_eq(exe, want_exe);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_cont_reports_exit_status)
{
	struct fs_target *t;
	struct fs_event ev;
	struct fs_err e;
	pid_t pid;

	t = spawn_sample("exitcode-O0", "42", NULL, false);
	pid = fs_target_pid(t);
	fs_err_clear(&e);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_EXITED);
	ck_assert_int_eq(ev.status, 42);
	ck_assert_int_eq(ev.tid, pid);
	ck_assert(!fs_target_alive(t));
	/* Reaped: no zombie is left.  */
	ck_assert_int_eq(kill(pid, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
	/* Nothing more can be done with it.  */
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_target_step(t, 0, &ev, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_target_regs(t, &(const struct user_regs_struct *){
	    NULL }, &e), -FS_E_STATE);
	fs_target_free(t);

	t = spawn_sample("exitcode-O0", NULL, NULL, false);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_EXITED);
	ck_assert_int_eq(ev.status, 3);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_cont_reports_killing_signal)
{
	struct fs_target *t = spawn_sample("segv-O0", NULL, NULL, false);
	struct fs_event ev;
	struct fs_err e;

	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_SIGNAL);
	ck_assert_int_eq(ev.sig, SIGSEGV);
	ck_assert_uint_eq(ev.addr, 0);		/* a write through NULL */
	ck_assert(fs_target_alive(t));
	/* Deliver it: the process dies of it.  */
	ck_assert_int_eq(fs_target_cont(t, SIGSEGV, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_KILLED);
	ck_assert_int_eq(ev.sig, SIGSEGV);
	ck_assert(!fs_target_alive(t));
	fs_target_free(t);
}
END_TEST

/* Run T to the first instruction of SYM in sample NAME, through an int3
   written there and taken out again.  */
static void
run_to_symbol(struct fs_target *t, const char *name, const char *sym)
{
	static const uint8_t int3 = 0xcc;
	struct user_regs_struct regs;
	struct fs_event ev;
	struct fs_err e;
	uint64_t addr;
	uint8_t orig;

	addr = exec_symbol(t, name, sym, NULL, NULL);
	ck_assert_int_eq(fs_target_read(t, addr, &orig, 1, &e), 1);
	ck_assert_int_eq(fs_target_write(t, addr, &int3, 1, &e), 0);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_BREAKPOINT);
	ck_assert_int_eq(fs_target_write(t, addr, &orig, 1, &e), 0);
	regs = *regs_of(t);
	ck_assert_uint_eq(regs.rip, addr + 1);
	regs.rip = addr;
	ck_assert_int_eq(fs_target_set_regs(t, &regs, &e), 0);
}

START_TEST(test_target_step_moves_one_instruction)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	const struct user_regs_struct *r;
	uint64_t rip, sp;
	unsigned long stops;
	struct fs_event ev;
	struct fs_err e;

	run_to_symbol(t, "callee8-O0", "main");
	r = regs_of(t);
	rip = r->rip;
	sp = r->rsp;
	stops = fs_target_nstops(t);
	/* main's first instruction is push %rbp.  */
	ck_assert_int_eq(fs_target_step(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_STEP);
	ck_assert_int_eq(ev.tid, fs_target_pid(t));
	r = regs_of(t);
	ck_assert_uint_eq(r->rip, rip + 1);
	ck_assert_uint_eq(r->rsp, sp - 8);
	ck_assert_uint_gt(fs_target_nstops(t), stops);
	/* mov %rsp,%rbp */
	ck_assert_int_eq(fs_target_step(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_STEP);
	r = regs_of(t);
	ck_assert_uint_eq(r->rip, rip + 4);
	ck_assert_uint_eq(r->rbp, sp - 8);
	fs_target_free(t);
}
END_TEST

/* The entry stop is inside execve: the first step must still execute the
   loader's first instruction and report a step.  */
START_TEST(test_target_step_at_entry_executes_an_instruction)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	const struct user_regs_struct *r = regs_of(t);
	uint64_t rip = r->rip;
	struct fs_event ev;
	struct fs_insn in;
	uint8_t code[16];
	struct fs_err e;

	ck_assert_int_eq(fs_target_read(t, rip, code, sizeof code, &e),
	    (ssize_t)sizeof code);
	ck_assert_int_eq(fs_insn_decode(code, sizeof code, rip, false, &in),
	    0);
	/* The loader's first instruction moves rsp into rdi: no branch. */
	ck_assert(!in.is_call && !in.is_ret && in.target == 0);
	ck_assert_int_eq(fs_target_step(t, 0, &ev, &e), 0);
	ck_assert_msg(ev.kind == FS_EV_STEP, "first step reported as event "
	    "%d (si_code %d)", (int)ev.kind, ev.code);
	ck_assert_uint_eq(regs_of(t)->rip, rip + in.len);
	fs_target_free(t);
}
END_TEST

/* Stepping a syscall instruction is a step like any other.  */
START_TEST(test_target_step_over_syscall_reports_step)
{
	struct fs_target *t = spawn_sample("counter-O0", "1", "0", false);
	const struct user_regs_struct *r;
	struct fs_event ev;
	struct fs_insn in;
	uint8_t code[16];
	struct fs_err e;
	uint64_t rip;
	bool sys = false;
	int i;

	run_to_symbol(t, "counter-O0", "main");
	/* printf's write(2) comes within a few thousand instructions, on
	   a way through the string functions the C library picked for this
	   CPU: the step is the subject here, so a syscall is known by its
	   bytes, 0f 05, not by decoding every instruction on the way.  */
	for (i = 0; i < 200000; i++) {
		r = regs_of(t);
		rip = r->rip;
		ck_assert_int_gt(fs_target_read(t, rip, code, sizeof code, &e),
		    0);
		sys = code[0] == 0x0f && code[1] == 0x05;
		ck_assert_int_eq(fs_target_step(t, 0, &ev, &e), 0);
		if (sys)
			break;
		ck_assert_int_eq(ev.kind, FS_EV_STEP);
	}
	ck_assert_msg(sys, "no syscall instruction reached");
	ck_assert_int_eq(fs_insn_decode(code, sizeof code, rip, false, &in), 0);
	ck_assert(in.is_syscall);
	ck_assert_msg(ev.kind == FS_EV_STEP, "step over syscall at %#llx "
	    "reported as event %d (si_code %d)", (unsigned long long)rip,
	    (int)ev.kind, ev.code);
	ck_assert_uint_eq(regs_of(t)->rip, rip + in.len);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_write_int3_into_text)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	struct user_regs_struct regs;
	struct fs_elf *elf;
	const uint8_t *file;
	uint8_t orig[16], back[16];
	static const uint8_t int3 = 0xcc;
	struct fs_event ev;
	struct fs_err e;
	uint64_t main_addr, bias;

	main_addr = exec_symbol(t, "callee8-O0", "main", &elf, &bias);
	ck_assert_int_eq(fs_target_read(t, main_addr, orig, sizeof orig, &e),
	    (ssize_t)sizeof orig);
	ck_assert_ptr_nonnull(file = fs_elf_bytes(elf, main_addr - bias,
	    sizeof orig));
	ck_assert_int_eq(memcmp(orig, file, sizeof orig), 0);

	fs_err_clear(&e);
	ck_assert_msg(fs_target_write(t, main_addr, &int3, 1, &e) == 0,
	    "write: %s", e.msg);
	ck_assert_int_eq(fs_target_read(t, main_addr, back, sizeof back, &e),
	    (ssize_t)sizeof back);
	ck_assert_uint_eq(back[0], 0xcc);
	ck_assert_int_eq(memcmp(back + 1, orig + 1, sizeof orig - 1), 0);

	/* The program runs into it.  */
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_BREAKPOINT);
	ck_assert_uint_eq(regs_of(t)->rip, main_addr + 1);

	/* Put the byte back, rewind, and it runs to the end.  */
	ck_assert_int_eq(fs_target_write(t, main_addr, orig, 1, &e), 0);
	ck_assert_int_eq(fs_target_read(t, main_addr, back, sizeof back, &e),
	    (ssize_t)sizeof back);
	ck_assert_int_eq(memcmp(back, orig, sizeof orig), 0);
	regs = *regs_of(t);
	regs.rip = main_addr;
	ck_assert_int_eq(fs_target_set_regs(t, &regs, &e), 0);
	ck_assert_uint_eq(regs_of(t)->rip, main_addr);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_EXITED);
	ck_assert_int_eq(ev.status, 0);
	fs_elf_free(elf);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_write_unaligned_span)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	uint8_t buf[32], pattern[13], back[32];
	uint64_t sp = regs_of(t)->rsp - 256;
	struct fs_err e;
	size_t i;

	/* Below rsp: 13 bytes from an odd address, across two words.  */
	ck_assert_int_eq(fs_target_read(t, sp, buf, sizeof buf, &e),
	    (ssize_t)sizeof buf);
	for (i = 0; i < sizeof pattern; i++)
		pattern[i] = (uint8_t)(0xa0 + i);
	ck_assert_int_eq(fs_target_write(t, sp + 5, pattern, sizeof pattern,
	    &e), 0);
	memcpy(buf + 5, pattern, sizeof pattern);
	ck_assert_int_eq(fs_target_read(t, sp, back, sizeof back, &e),
	    (ssize_t)sizeof back);
	ck_assert_int_eq(memcmp(back, buf, sizeof buf), 0);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_read_short_at_mapping_end)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	struct fs_maps m = { 0 };
	uint8_t buf[256];
	struct fs_err e;
	uint64_t end = 0;
	ssize_t n;
	size_t i;

	/* A readable mapping with nothing right after it.  */
	ck_assert_int_eq(fs_maps_read(fs_target_pid(t), &m, NULL), 0);
	for (i = 0; i < m.n && end == 0; i++)
		if ((m.v[i].prot & FS_MAP_R) && strcmp(m.v[i].path,
		    "[vvar]") != 0 && strncmp(m.v[i].path, "[vvar", 5) != 0 &&
		    (i + 1 == m.n || m.v[i + 1].start != m.v[i].end))
			end = m.v[i].end;
	ck_assert_uint_ne(end, 0);
	n = fs_target_read(t, end - 40, buf, sizeof buf, &e);
	ck_assert_int_eq(n, 40);
	/* Wholly unmapped: an error with the address.  */
	fs_err_clear(&e);
	n = fs_target_read(t, 0, buf, sizeof buf, &e);
	ck_assert_int_eq(n, -FS_E_SYS);
	ck_assert_ptr_nonnull(strstr(e.msg, "at address 0x0"));
	ck_assert_int_eq(fs_target_read(t, end - 40, buf, 0, &e), 0);
	fs_maps_clear(&m);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_kill_reaps_process)
{
	struct fs_target *t = spawn_sample("callee8-O0", NULL, NULL, false);
	pid_t pid = fs_target_pid(t);
	struct fs_err e;
	uint8_t b;

	ck_assert_int_eq(fs_target_kill(t), 0);
	ck_assert(!fs_target_alive(t));
	ck_assert_int_eq(kill(pid, 0), -1);
	ck_assert_int_eq(errno, ESRCH);
	ck_assert_int_eq(fs_target_read(t, 0x1000, &b, 1, &e), -FS_E_STATE);
	ck_assert_int_eq(fs_target_write(t, 0x1000, &b, 1, &e), -FS_E_STATE);
	/* Killing again is harmless.  */
	ck_assert_int_eq(fs_target_kill(t), 0);
	fs_target_free(t);
}
END_TEST

/* A library must not reap children that are not its: the caller's own
   child's exit status stays for the caller.  */
START_TEST(test_target_kill_leaves_other_children)
{
	struct fs_target *t;
	pid_t other;
	int st;

	ck_assert_int_ge(other = fork(), 0);
	if (other == 0)
		_exit(7);
	t = spawn_sample("callee8-O0", NULL, NULL, false);
	usleep(20000);		/* let OTHER become a zombie */
	ck_assert_int_eq(fs_target_kill(t), 0);
	ck_assert_int_eq(waitpid(other, &st, WNOHANG), other);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 7);
	fs_target_free(t);
}
END_TEST

START_TEST(test_target_spawn_missing_program_fails)
{
	char *argv[] = { (char *)"/nonexistent/framescope-test", NULL };
	char *src[] = { NULL, NULL };
	char path[PATH_MAX];
	struct fs_target *t = NULL;
	struct fs_err e;
	int st;

	fs_err_clear(&e);
	ck_assert_int_lt(fs_target_spawn(argv[0], argv, environ, false, &t,
	    &e), 0);
	ck_assert_ptr_null(t);
	ck_assert_int_ne(e.code, FS_OK);
	ck_assert_msg(strstr(e.msg, "/nonexistent/framescope-test") !=
	    NULL && strstr(e.msg, strerror(ENOENT)) != NULL,
	    "message: %s", e.msg);
	ck_assert_ptr_null(strchr(e.msg, '\n'));
	/* The child that could not exec is reaped.  */
	ck_assert_int_eq(waitpid(-1, &st, WNOHANG), -1);
	ck_assert_int_eq(errno, ECHILD);

	/* A file without execute permission.  */
	snprintf(path, sizeof path, "%s", sample_path("../callee8.c"));
	src[0] = path;
	fs_err_clear(&e);
	ck_assert_int_lt(fs_target_spawn(src[0], src, environ, false, &t,
	    &e), 0);
	ck_assert_msg(strstr(e.msg, strerror(EACCES)) != NULL, "message: %s",
	    e.msg);
	ck_assert_int_eq(waitpid(-1, &st, WNOHANG), -1);
}
END_TEST

/* A child that sleeps in a loop and echoes what it reads on *CMD to
   *REPLY; it dies with us.  */
static pid_t
fork_looper(int *cmd, int *reply)
{
	int c[2], r[2];
	pid_t pid;
	char ch;

	ck_assert_int_eq(pipe(c), 0);
	ck_assert_int_eq(pipe(r), 0);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(c[1]);
		close(r[0]);
		fcntl(c[0], F_SETFL, O_NONBLOCK);
		for (;;) {
			if (read(c[0], &ch, 1) == 1 &&
			    write(r[1], &ch, 1) != 1)
				_exit(2);
			usleep(1000);
		}
	}
	close(c[0]);
	close(r[1]);
	*cmd = c[1];
	*reply = r[0];
	return pid;
}

/* Send a byte to the looper and wait up to 5 s for it to come back.  */
static bool
looper_answers(int cmd, int reply)
{
	struct pollfd p = { .fd = reply, .events = POLLIN };
	char ch = 'x', back = 0;

	if (write(cmd, &ch, 1) != 1)
		return false;
	if (poll(&p, 1, 5000) != 1)
		return false;
	return read(reply, &back, 1) == 1 && back == 'x';
}

START_TEST(test_target_attach_and_detach)
{
	struct fs_target *t = NULL;
	const pid_t *tids;
	struct fs_err e;
	int cmd, reply, st;
	pid_t pid;
	size_t n;

	pid = fork_looper(&cmd, &reply);
	ck_assert(looper_answers(cmd, reply));
	fs_err_clear(&e);
	ck_assert_msg(fs_target_attach(pid, &t, &e) == 0, "attach: %s",
	    e.msg);
	ck_assert(fs_target_attached(t));
	ck_assert(fs_target_alive(t));
	ck_assert_int_eq(fs_target_pid(t), pid);
	ck_assert_int_eq(fs_target_tid(t), pid);
	tids = fs_target_threads(t, &n);
	ck_assert_uint_eq(n, 1);
	ck_assert_int_eq(tids[0], pid);
	ck_assert_int_eq(proc_state(pid), 't');	/* in a ptrace stop */
	ck_assert_uint_ne(regs_of(t)->rip, 0);

	ck_assert_int_eq(fs_target_detach(t, &e), 0);
	ck_assert(!fs_target_alive(t));
	ck_assert_int_eq(fs_target_pid(t), 0);
	ck_assert_int_eq(fs_target_detach(t, &e), -FS_E_STATE);
	/* It goes on as if never traced.  */
	ck_assert(looper_answers(cmd, reply));
	ck_assert_int_eq(waitpid(pid, &st, WNOHANG), 0);
	fs_target_free(t);
	ck_assert(looper_answers(cmd, reply));
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	close(cmd);
	close(reply);
}
END_TEST

/* A word a child of ours writes in a loop: the same address in the
   child, which is a fork of this process.  */
static volatile long watched_word;

static pid_t
fork_writer(void)
{
	pid_t pid;

	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		for (;;) {
			watched_word++;
			usleep(1000);
		}
	}
	return pid;
}

/* A write watchpoint in DR0 stops the writer with FS_EV_WATCH (DR6's
   B0), right after the write; detaching clears every debug register: a
   second tracer reads them all 0, and the writer, untraced, goes on
   writing the word (a watchpoint left behind would kill it with
   SIGTRAP).  */
START_TEST(test_target_watchpoint_and_detach_clears)
{
	uint64_t addr[4] = { (uint64_t)(uintptr_t)&watched_word, 0, 0, 0 };
	/* L0, R/W0 = 01 (write), LEN0 = 10 (8 bytes) */
	uint64_t dr7 = 1 | (1ULL << 16) | (2ULL << 18), v;
	struct fs_target *t = NULL;
	struct fs_event ev;
	struct fs_err e;
	long before, after;
	int st, i;
	pid_t pid;

	pid = fork_writer();
	usleep(20000);
	fs_err_clear(&e);
	ck_assert_msg(fs_target_attach(pid, &t, &e) == 0, "attach: %s",
	    e.msg);
	ck_assert_msg(fs_target_set_dregs(t, addr, dr7, &e) == 0, "dregs: %s",
	    e.msg);
	ck_assert_int_eq(fs_target_get_dreg(t, pid, 7, &v, &e), 0);
	ck_assert_uint_eq(v & 0xffff0003, dr7);
	ck_assert_int_eq(fs_target_get_dreg(t, pid, 0, &v, &e), 0);
	ck_assert_uint_eq(v, addr[0]);
	ck_assert_int_eq(fs_target_read(t, addr[0], &before, sizeof before,
	    &e), (ssize_t)sizeof before);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_WATCH);
	ck_assert_uint_eq(ev.watch, 1);
	ck_assert_int_eq(fs_target_read(t, addr[0], &after, sizeof after,
	    &e), (ssize_t)sizeof after);
	ck_assert_int_eq(after, before + 1);
	/* DR6 was cleared once read.  */
	ck_assert_int_eq(fs_target_get_dreg(t, pid, 6, &v, &e), 0);
	ck_assert_uint_eq(v & 0xf, 0);
	ck_assert_int_eq(fs_target_detach(t, &e), 0);
	fs_target_free(t);

	usleep(20000);
	ck_assert_int_eq(waitpid(pid, &st, WNOHANG), 0);
	t = NULL;
	ck_assert_msg(fs_target_attach(pid, &t, &e) == 0, "attach: %s",
	    e.msg);
	for (i = 0; i < 8; i++) {
		if (i == 4 || i == 5)
			continue;
		ck_assert_int_eq(fs_target_get_dreg(t, pid, i, &v, &e), 0);
		ck_assert_msg(i == 6 ? (v & 0xf) == 0 : v == 0,
		    "DR%d is 0x%llx after detach", i, (unsigned long long)v);
	}
	ck_assert_int_eq(fs_target_read(t, addr[0], &before, sizeof before,
	    &e), (ssize_t)sizeof before);
	ck_assert_int_eq(fs_target_detach(t, &e), 0);
	fs_target_free(t);
	ck_assert_int_eq(waitpid(pid, &st, WNOHANG), 0);
	kill(pid, SIGKILL);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
	ck_assert_int_gt(before, after);
}
END_TEST

START_TEST(test_target_attach_survives_tracer_death)
{
	struct fs_target *t;
	int cmd, reply, st, scope = 0;
	pid_t pid, tracer;
	FILE *f;

	if ((f = fopen("/proc/sys/kernel/yama/ptrace_scope", "r")) != NULL) {
		if (fscanf(f, "%d", &scope) != 1)
			scope = 0;
		fclose(f);
	}
	if (scope != 0 && geteuid() != 0)
		return;		/* a sibling may not trace it here */
	pid = fork_looper(&cmd, &reply);
	ck_assert_int_ge(tracer = fork(), 0);
	if (tracer == 0)	/* attach and die without detaching */
		_exit(fs_target_attach(pid, &t, NULL) == 0 ? 0 : 1);
	ck_assert_int_eq(waitpid(tracer, &st, 0), tracer);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	ck_assert(looper_answers(cmd, reply));
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(cmd);
	close(reply);
}
END_TEST

static volatile sig_atomic_t usr1_fd = -1;

static void
on_usr1(int sig)
{
	char c = 'u';

	(void)sig;
	if (write(usr1_fd, &c, 1) < 0)
		_exit(3);
}

START_TEST(test_target_detach_delivers_pending_signal)
{
	struct pollfd p;
	struct fs_target *t;
	struct fs_event ev;
	struct fs_err e;
	int r[2], st;
	pid_t pid;
	char ch = 0;

	ck_assert_int_eq(pipe(r), 0);
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		usr1_fd = r[1];
		signal(SIGUSR1, on_usr1);
		for (;;)
			usleep(1000);
	}
	close(r[1]);
	usleep(20000);
	ck_assert_int_eq(fs_target_attach(pid, &t, &e), 0);
	/* The signal stops it on its way in, and is handed back.  */
	kill(pid, SIGUSR1);
	ck_assert_int_eq(fs_target_cont(t, 0, &ev, &e), 0);
	ck_assert_int_eq(ev.kind, FS_EV_SIGNAL);
	ck_assert_int_eq(ev.sig, SIGUSR1);
	fs_target_set_pending(t, SIGUSR1);
	ck_assert_int_eq(fs_target_detach(t, &e), 0);
	p.fd = r[0];
	p.events = POLLIN;
	ck_assert_int_eq(poll(&p, 1, 5000), 1);
	ck_assert_int_eq(read(r[0], &ch, 1), 1);
	ck_assert_int_eq(ch, 'u');
	fs_target_free(t);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	close(r[0]);
}
END_TEST

START_TEST(test_target_attach_errors)
{
	struct fs_target *t = NULL;
	struct fs_err e;
	pid_t pid;
	int st;

	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	fs_err_clear(&e);
	ck_assert_int_eq(fs_target_attach(pid, &t, &e), -FS_E_NOENT);
	ck_assert_int_eq(e.code, FS_E_NOENT);
	ck_assert_ptr_null(t);
	ck_assert_int_eq(fs_target_attach(0, &t, &e), -FS_E_USAGE);
	ck_assert_int_eq(fs_target_attach(-5, &t, &e), -FS_E_USAGE);
	ck_assert_int_eq(fs_target_attach(getpid(), &t, &e), -FS_E_USAGE);
	ck_assert_ptr_null(t);
}
END_TEST

Suite *
target_suite(void)
{
	Suite *s = suite_create("target");
	TCase *tc;

	tc = tcase_create("spawns_programs");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_target_spawn_stops_at_loader_entry);
	tcase_add_test(tc, test_target_spawn_aslr_off_is_repeatable);
	tcase_add_test(tc, test_target_spawn_aslr_on_moves_stack);
	tcase_add_test(tc, test_target_spawn_passes_argv_envp_exactly);
	tcase_add_test(tc, test_target_spawn_missing_program_fails);
	suite_add_tcase(s, tc);

	tc = tcase_create("runs_and_steps");
	tcase_set_timeout(tc, 20);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_target_cont_reports_exit_status);
	tcase_add_test(tc, test_target_cont_reports_killing_signal);
	tcase_add_test(tc, test_target_step_moves_one_instruction);
	tcase_add_test(tc, test_target_step_at_entry_executes_an_instruction);
	tcase_add_test(tc, test_target_step_over_syscall_reports_step);
	tcase_add_test(tc, test_target_kill_reaps_process);
	tcase_add_test(tc, test_target_kill_leaves_other_children);
	suite_add_tcase(s, tc);

	tc = tcase_create("accesses_memory");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_target_write_int3_into_text);
	tcase_add_test(tc, test_target_write_unaligned_span);
	tcase_add_test(tc, test_target_read_short_at_mapping_end);
	suite_add_tcase(s, tc);

	tc = tcase_create("attaches_to_processes");
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_target_attach_and_detach);
	tcase_add_test(tc, test_target_attach_survives_tracer_death);
	tcase_add_test(tc, test_target_detach_delivers_pending_signal);
	tcase_add_test(tc, test_target_attach_errors);
	tcase_add_test(tc, test_target_watchpoint_and_detach_clears);
	suite_add_tcase(s, tc);
	return s;
}
