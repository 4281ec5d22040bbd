/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Hostile command lines and programs: framescope says what is wrong in one
   line and exits 2 or 64, and binaries without DWARF or symbols are still
   debugged from their ELF symbols and CFI. */
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"

/* ------------------------------------------------------ bad command lines */

enum arg_kind { LIT, SAMPLE, TMP, DEADPID };

struct badarg {
	enum arg_kind	 kind;
	const char	*s;	/* literal, sample, or file in the temp dir */
};

struct badcase {
	const char	*what;
	int		 code;		/* the exit status */
	struct badarg	 args[6];
};

#define L(x)	{ LIT, x }
#define S(x)	{ SAMPLE, x }
#define T(x)	{ TMP, x }
#define END	{ LIT, NULL }

static const struct badcase bad[] = {
	{ "missing file", 2, { L("-ex"), L("run"), T("missing"), END } },
	{ "directory", 2, { L("-ex"), L("run"), T("."), END } },
	{ "not an ELF file", 2, { L("-ex"), L("run"), S("notelf"), END } },
	{ "empty file", 2, { L("-ex"), L("run"), T("empty"), END } },
	{ "truncated ELF", 2, { L("-ex"), L("run"), T("truncated"), END } },
	{ "symbol table without strings", 2, { L("-ex"), L("run"),
	    T("badsymtab"), END } },
	{ "no such process", 2, { L("-p"), { DEADPID, NULL }, END } },
	{ "-p junk", 64, { L("-p"), L("junk"), END } },
	{ "-p 12x", 64, { L("-p"), L("12x"), END } },
	{ "--pid=0", 64, { L("--pid=0"), END } },
	{ "unknown option", 64, { L("--bogus"), S("callee8-O0"), END } },
	{ "-ex without argument", 64, { L("-ex"), END } },
	{ "--dump without argument", 64, { L("--dump"), END } },
	{ "-p without argument", 64, { L("-p"), END } },
	{ "no program", 64, { END } },
	{ "unwritable dump", 2, { L("--dump"), T("missing/dump.json"),
	    S("callee8-O0"), END } },
};

/* A file of LEN bytes, the start of sample FROM (or empty), executable. */
static void
make_file(const char *path, const char *from, size_t len)
{
	char buf[4096], *src;
	ssize_t n = 0;
	int fd, in;

	ck_assert_uint_le(len, sizeof buf);
	if (from != NULL) {
		src = util_sample(from);
		ck_assert_int_ge(in = open(src, O_RDONLY | O_CLOEXEC), 0);
		n = read(in, buf, len);
		ck_assert_int_eq(n, (ssize_t)len);
		close(in);
		free(src);
	}
	ck_assert_int_ge(fd = open(path, O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0755), 0);
	ck_assert_int_eq(write(fd, buf, (size_t)n), n);
	close(fd);
}

/* A copy of sample FROM whose .symtab links to no string table: the
   program's symbols are read at start, so this is refused at once.  */
static void
make_badsymtab(const char *path, const char *from)
{
	Elf64_Ehdr eh;
	Elf64_Shdr sh;
	struct stat st;
	unsigned char *buf;
	char *src;
	size_t i;
	int fd;

	src = util_sample(from);
	ck_assert_int_ge(fd = open(src, O_RDONLY | O_CLOEXEC), 0);
	ck_assert_int_eq(fstat(fd, &st), 0);
	ck_assert_ptr_nonnull(buf = malloc((size_t)st.st_size));
	ck_assert_int_eq(read(fd, buf, (size_t)st.st_size), st.st_size);
	close(fd);
	free(src);
	memcpy(&eh, buf, sizeof eh);
	for (i = 0; i < eh.e_shnum; i++) {
		memcpy(&sh, buf + eh.e_shoff + i * sizeof sh, sizeof sh);
		if (sh.sh_type == SHT_SYMTAB) {
			sh.sh_link = 0;
			memcpy(buf + eh.e_shoff + i * sizeof sh, &sh,
			    sizeof sh);
		}
	}
	ck_assert_int_ge(fd = open(path, O_WRONLY | O_CREAT | O_TRUNC |
	    O_CLOEXEC, 0755), 0);
	ck_assert_int_eq(write(fd, buf, (size_t)st.st_size), st.st_size);
	close(fd);
	free(buf);
}

/* The pid of a child that has exited and been reaped.  */
static pid_t
dead_pid(void)
{
	pid_t pid = fork();

	ck_assert_int_ge(pid, 0);
	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, NULL, 0), pid);
	return pid;
}

START_TEST(test_bad_command_line)
{
	const struct badcase *c = &bad[_i];
	struct util_argv a = { 0 };
	struct util_result r;
	char *dir = util_tmpdir(), path[4200];
	size_t i;

	snprintf(path, sizeof path, "%s/empty", dir);
	make_file(path, NULL, 0);
	snprintf(path, sizeof path, "%s/truncated", dir);
	make_file(path, "callee8-O0", 200);
	snprintf(path, sizeof path, "%s/badsymtab", dir);
	make_badsymtab(path, "callee8-O0");
	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	for (i = 0; c->args[i].kind != LIT || c->args[i].s != NULL; i++) {
		char *s;

		switch (c->args[i].kind) {
		case LIT:
			util_argv_push(&a, c->args[i].s);
			break;
		case SAMPLE:
			s = util_sample(c->args[i].s);
			util_argv_push(&a, s);
			free(s);
			break;
		case TMP:
			util_argv_pushf(&a, "%s/%s", dir, c->args[i].s);
			break;
		case DEADPID:
			util_argv_pushf(&a, "%d", (int)dead_pid());
			break;
		}
	}
	util_run(a.v, 20, &r);
	ck_assert_msg(!r.timed_out, "%s: framescope hangs", c->what);
	ck_assert_msg(WIFEXITED(r.status), "%s: framescope %s", c->what,
	    util_status_text(&r));
	ck_assert_msg(WEXITSTATUS(r.status) == c->code, "%s: exit %d, not "
	    "%d\n%s", c->what, WEXITSTATUS(r.status), c->code, r.err);
	ck_assert_msg(util_count_lines(r.err) == 1, "%s: %zu lines on "
	    "stderr, not one:\n%s", c->what, util_count_lines(r.err), r.err);
	util_result_free(&r);
	util_argv_free(&a);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* ------------------------------------------------ without DWARF, symbols */

static bool
line_has_source(const char *out, const char *prefix)
{
	const char *p = strstr(out, prefix), *nl;

	if (p == NULL)
		return false;
	nl = strchr(p, '\n');
	return strstr(p, " at ") != NULL &&
	    (nl == NULL || strstr(p, " at ") < nl);
}

/* No symbol for `break callee`; the program still runs.  */
START_TEST(test_stripped_no_symbol)
{
	static const char *const cmds[] = { "set breakpoint pending on",
	    "break callee", "run", "info breakpoints", NULL };
	char *prog = util_sample("callee8-stripped");
	struct util_result r;

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s", util_status_text(&r), r.err);
	ck_assert(util_has_line(r.err, "Function \"callee\" not defined."));
	ck_assert(util_has_line(r.out, "Breakpoint 1 (callee) pending."));
	ck_assert_msg(strstr(r.out, ") exited normally]\n") != NULL,
	    "the program did not run to its end:\n%s", r.out);
	ck_assert(strstr(r.out, "<PENDING>") != NULL);
	util_result_free(&r);
	free(prog);
}
END_TEST

/* `break *ENTRY` with readelf's (file) entry address, before the run: the
   manual says it moves to the run-time address.  */
START_TEST(test_stripped_break_entry)
{
	char *prog = util_sample("callee8-stripped"), spec[64], *dir;
	char dump[4200];
	const char *cmds[] = { spec, "run", "bt", NULL };
	struct util_result r;
	uint64_t entry = util_elf_entry(prog), bias = util_load_bias(prog);
	json_t **d, *fr;
	size_t nd;

	snprintf(spec, sizeof spec, "break *0x%" PRIx64, entry);
	dir = util_tmpdir();
	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	util_framescope(&r, dump, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status), "%s", util_status_text(&r));
	d = util_load_dump(dump, &nd);
	ck_assert_msg(nd >= 2 && strcmp(util_jstr(d[1], "reason"),
	    "breakpoint") == 0, "`%s` before run (run-time %#" PRIx64 ") is "
	    "never hit:\n%s%s", spec, bias + entry, r.out, r.err);
	ck_assert_uint_eq(util_jhex(d[1], "pc"), bias + entry);
	fr = json_array_get(json_object_get(d[1], "frames"), 0);
	ck_assert_ptr_nonnull(fr);
	ck_assert_ptr_null(util_jstr(fr, "file"));
	ck_assert_ptr_null(util_jstr(fr, "function"));
	ck_assert_msg(!line_has_source(r.out, "#0  "), "file:line without "
	    "DWARF:\n%s", r.out);
	util_dump_free(d, nd);
	util_result_free(&r);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

/* Stopped at callee's run-time address (callee8-O0's nm, the same layout):
   the frames come from CFI, main's through no symbol at all.  */
START_TEST(test_stripped_frames_from_cfi)
{
	char *prog = util_sample("callee8-stripped");
	char *dbg = util_sample("callee8-O0"), spec[64], *dir, dump[4200];
	const char *cmds[] = { "set breakpoint pending on",
	    "break __libc_start_main", "run", spec, "continue", "bt", NULL,
	    NULL };
	struct util_result r, g;
	struct util_gframe gf[32];
	uint64_t ca, cs, ma, ms, bias = util_load_bias(prog), pc;
	json_t **d, *fr;
	size_t nd, ng;

	ck_assert(util_nm(dbg, "callee", &ca, &cs));
	ck_assert(util_nm(dbg, "main", &ma, &ms) && ms > 0);
	snprintf(spec, sizeof spec, "break *0x%" PRIx64, bias + ca);
	dir = util_tmpdir();
	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	util_framescope(&r, dump, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s%s", util_status_text(&r), r.out, r.err);
	d = util_load_dump(dump, &nd);
	ck_assert_uint_ge(nd, 3);
	ck_assert_str_eq(util_jstr(d[2], "reason"), "breakpoint");
	fr = json_array_get(json_object_get(d[2], "frames"), 0);
	ck_assert_uint_eq(util_jhex(fr, "pc"), bias + ca);
	ck_assert_ptr_null(util_jstr(fr, "function"));
	ck_assert_ptr_null(util_jstr(fr, "file"));
	fr = json_array_get(json_object_get(d[2], "frames"), 1);
	ck_assert_ptr_nonnull(fr);
	pc = util_jhex(fr, "pc");
	ck_assert_msg(pc > bias + ma && pc < bias + ma + ms, "frame 1 pc %#"
	    PRIx64 " is not in main", pc);
	ck_assert_ptr_null(util_jstr(fr, "file"));
	ck_assert_msg(!line_has_source(r.out, "#0  ") &&
	    !line_has_source(r.out, "#1  "), "file:line without DWARF:\n%s",
	    r.out);
	/* gdb finds the same two frames.  */
	cmds[6] = "p/x $pc";
	util_gdb(&g, NULL, cmds, prog, NULL);
	ng = util_gdb_backtrace(g.out, gf, 32);
	ck_assert_msg(ng >= 2, "gdb:\n%s", g.out);
	ck_assert_uint_eq(util_gdb_value(g.out), bias + ca);
	ck_assert_uint_eq(gf[1].pc, pc);
	util_result_free(&g);
	util_dump_free(d, nd);
	util_result_free(&r);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
	free(dbg);
	free(prog);
}
END_TEST

/* Without DWARF: `break callee` from the ELF symbol, frames named but with
   no file:line, down to main.  */
START_TEST(test_nodebug)
{
	static const char *const cmds[] = { "break callee", "run", "bt",
	    "info breakpoints", "finish", "continue", NULL };
	char *prog = util_sample("callee8-nodebug"), *dir, dump[4200];
	struct util_result r;
	uint64_t ma, ms, bias = util_load_bias(prog), pc;
	json_t **d, *f0, *f1;
	size_t nd;

	ck_assert(util_nm(prog, "main", &ma, &ms) && ms > 0);
	dir = util_tmpdir();
	snprintf(dump, sizeof dump, "%s/dump.json", dir);
	util_framescope(&r, dump, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "framescope %s\n%s%s", util_status_text(&r), r.out, r.err);
	ck_assert(util_has_line_prefix(r.out, "#0  0x"));
	ck_assert(strstr(r.out, " in callee ()\n") != NULL);
	ck_assert(strstr(r.out, " in main ()\n") != NULL);
	ck_assert_msg(!line_has_source(r.out, "#0  ") &&
	    !line_has_source(r.out, "#1  "), "file:line without DWARF:\n%s",
	    r.out);
	d = util_load_dump(dump, &nd);
	ck_assert_uint_ge(nd, 2);
	f0 = json_array_get(json_object_get(d[1], "frames"), 0);
	f1 = json_array_get(json_object_get(d[1], "frames"), 1);
	ck_assert_ptr_nonnull(f1);
	ck_assert_str_eq(util_jstr(f0, "function"), "callee");
	ck_assert_ptr_null(util_jstr(f0, "file"));
	ck_assert(json_is_null(json_object_get(f0, "line")));
	ck_assert_str_eq(util_jstr(f1, "function"), "main");
	ck_assert_ptr_null(util_jstr(f1, "file"));
	pc = util_jhex(f1, "pc");
	ck_assert_msg(pc > bias + ma && pc < bias + ma + ms, "frame 1 pc %#"
	    PRIx64 " is not in main", pc);
	util_dump_free(d, nd);
	util_result_free(&r);
	util_same_as_gdb("callee8-nodebug", NULL, NULL, cmds);
	unlink(dump);
	util_rmtree(dir);
	free(dir);
	free(prog);
}
END_TEST

Suite *
badinput_suite(void)
{
	Suite *s = suite_create("badinput");
	TCase *tc;

	tc = tcase_create("command line");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_bad_command_line, 0,
	    (int)(sizeof bad / sizeof bad[0]));
	suite_add_tcase(s, tc);

	tc = tcase_create("no debug information");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_stripped_no_symbol);
	tcase_add_test(tc, test_stripped_break_entry);
	tcase_add_test(tc, test_stripped_frames_from_cfi);
	tcase_add_test(tc, test_nodebug);
	suite_add_tcase(s, tc);
	return s;
}
