/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gdb's `info' questions about the program's symbols against gdb: the
   same commands on the samples (x86-64 -O0 and -O2, -m32), standard
   output and error compared line for line, errors too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"

/* info symbol: functions, an offset into them, data objects and an
   offset into them, addresses no symbol holds (a string literal, the
   stack, 0), from the executable's file before the run ("in section
   .text") and in the process with its libraries ("of FILE"), a
   library's function by the name gdb's minimal symbols give it; the
   errors.  */
START_TEST(test_info_symbol_as_gdb)
{
	static const char *const samples[] = {
		"values-O0", "values-O2", "values-m32-O0",
	};
	const char *cmds[] = { "info symbol main", "info symbol main+4",
	    "info symbol &g_int", "info symbol (char*)&g_int+2",
	    "info symbol g_str", "info symbol &g_buf[3]", "info symbol 0",
	    "info symbol", "info symbol nosuch", "info symbol add",
	    "info symbol 0x1000", "info symbol (long)main + 1",
	    "break main", "run", "info symbol main", "info symbol main+4",
	    "info symbol $pc", "info symbol &g_int", "info symbol g_str",
	    "info symbol $sp", "info symbol 0", "info symbol g_arr",
	    "info symbol *g_ppint", "info symbol &g_arr[2]",
	    /* A library function without DWARF: the i386 evaluator does
	       not know it.  */
	    _i < 2 ? "info symbol puts+3" : NULL, NULL };

	util_same_streams_as_gdb(samples[_i], cmds);
}
END_TEST

/* ptype and whatis of a type's name, as gdb writes them: base types in
   their words, struct, union and enum tags (written out by ptype),
   typedefs (whatis one level down), pointers, const and volatile; casts
   to them and sizeof; a tag not defined (one only declared too).
   Before the run and at a stop.  The C library's types (FILE) are left
   out: they come from its DWARF when the machine has it.  */
static const char *const type_names_values[] = {
	"ptype int", "whatis int", "ptype struct point", "whatis struct point",
	"ptype struct point *", "whatis struct point *",
	"whatis unsigned long", "ptype unsigned", "ptype point_t",
	"whatis point_t", "ptype str_t", "whatis str_t", "ptype binop_t",
	"whatis binop_t", "ptype enum color", "ptype union num",
	"ptype struct nosuch", "ptype union nosuch", "ptype enum nosuch",
	"ptype struct incomplete", "ptype struct line", "whatis struct line",
	"ptype char **", "ptype const char *", "ptype unsigned char",
	"ptype long long", "ptype signed char", "ptype short int",
	"ptype struct empty", "ptype struct bits", "whatis enum flags",
	"ptype struct point*", "ptype struct", "ptype nosuch_t",
	"ptype _Bool", "ptype struct withanon",
	"print sizeof(struct point)", "print (struct point *)&g_point",
	"print *(point_t *)&g_point",
	"print ((struct line *)&g_line)->label", "whatis (long long)1",
	"whatis (unsigned long long)1", "print (struct nosuch *)0",
	"whatis g_point", "ptype g_point", "whatis point_t *",
	"ptype volatile int", "whatis char const *",
	"ptype struct point const *", NULL,
};

static const char *const type_names_types[] = {
	"break main", "run", "ptype struct rect", "whatis uint_t",
	"ptype uint_t", "ptype enum big", "ptype struct flags",
	"ptype struct node", "ptype binop", "ptype printer", "whatis printer",
	"ptype struct node *", "whatis union num",
	"print sizeof(struct rect)", "print sizeof(uint_t)",
	"ptype enum nosuch", "whatis struct rect *", NULL,
};

START_TEST(test_type_names_as_gdb)
{
	static const char *const samples[] = {
		"values-O0", "values-O2", "values-m32-O0",
		"types-O0", "types-O2", "types-m32-O2",
	};

	util_same_streams_as_gdb(samples[_i], _i < 3 ? type_names_values :
	    type_names_types);
}
END_TEST

/* info source: none before anything is shown, then the unit of the file
   listed, and of the file of the stop: its name, compilation directory,
   full path, line count, language, producer, DWARF version.  */
START_TEST(test_info_source_as_gdb)
{
	static const char *const samples[] = {
		"factorial-O0", "factorial-O2", "factorial-m32-O0",
	};
	const char *cmds[] = { "info source", "list main", "info source",
	    "break factorial", "run", "info source", "up", "info source",
	    NULL };

	util_same_streams_as_gdb(samples[_i], cmds);
}
END_TEST

/* A program with what `info address' and `info scope' tell apart:
   globals, a file static, a static local, a thread-local, a typedef,
   parameters, locals of nested blocks, in registers and location lists
   at -O2.  */
static const char symprog[] =
    "#include <stdio.h>\n"
    "int counter = 3;\n"
    "static int hidden = 4;\n"
    "__thread int tls_var = 5;\n"
    "typedef int myint;\n"
    "static int __attribute__((noinline)) work(int n, int *p)\n"
    "{\n"
    "\tstatic int calls;\n"
    "\tint sum = 0;\n"
    "\tfor (int i = 0; i < n; i++) {\n"
    "\t\tint sq = i * i;\n"
    "\t\tsum += sq + p[i];\n"
    "\t}\n"
    "\tcalls++;\n"
    "\treturn sum + calls;\n"
    "}\n"
    "int main(int argc, char **argv)\n"
    "{\n"
    "\tint arr[4] = { 1, 2, 3, 4 };\n"
    "\tmyint m = argc + 3;\n"
    "\t(void)argv;\n"
    "\tprintf(\"%d\\n\", work(m, arr) + counter + hidden + tls_var);\n"
    "\treturn 0;\n"
    "}\n";

/* SOURCE built with gcc -g OPTS into the test's directory as NAME; its
   path, malloc'd.  */
static char *
build_c(const char *name, const char *opts, const char *source)
{
	char *dir = util_tmpdir(), *bin, src[4200], cmd[9000];
	FILE *f;

	snprintf(src, sizeof src, "%s/%s.c", dir, name);
	ck_assert_int_ge(asprintf(&bin, "%s/%s", dir, name), 0);
	ck_assert_ptr_nonnull(f = fopen(src, "w"));
	fputs(source, f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "gcc -g %s -o '%s' '%s'", opts, bin, src);
	ck_assert_int_eq(system(cmd), 0);
	free(dir);
	return bin;
}

/* info address and info scope, as gdb words them: functions, globals
   and statics ("static storage at address", relocated once the program
   runs and after), a thread-local, a typedef, a symbol without debugging
   information and through the PLT, parameters and locals in the frame
   base (gcc's DW_OP_fbreg, disassembled), in registers, in location
   lists with their base address entries, constants, the scope of a
   line inside nested blocks; each error.  x86-64 and i386, -O0 and
   -O2, and the samples' -O2 code with inlined calls.  */
START_TEST(test_info_address_scope_as_gdb)
{
	static const char *const opts[] = {
		"-O0", "-O2", "-m32 -O0", "-m32 -O2",
	};
	static const char *const cmds[] = { "info scope work",
	    "info scope main", "info scope symprog.c:11", "info scope 12",
	    "info address counter", "info address hidden",
	    "info address tls_var", "info address myint",
	    "info address work", "info address calls",
	    "info address printf", "info address _start", "info address",
	    "info scope", "info address nosuch", "info scope nosuch",
	    "info scope symprog.c:999", "info scope nosuch.c:3",
	    "break work", "run", "info address n", "info address p",
	    "info address sum", "info address calls", "up",
	    "info address arr", "info address m", "info address argc",
	    "info address tls_var", "info address main", "info scope *0",
	    "info scope symprog.c:11", "info scope work", "info scope *$pc",
	    NULL };
	char name[32], *bin;

	snprintf(name, sizeof name, "symprog%d", _i);
	bin = build_c("symprog", opts[_i], symprog);
	util_same_streams_as_gdb_at(name, bin, cmds);
	free(bin);
}
END_TEST

/* A block's symbols in the order of gdb's hashed dictionary.  */
START_TEST(test_info_scope_block_order_as_gdb)
{
	static const char *const cmds[] = { "info scope blk.c:7",
	    "info scope main", NULL };
	char *bin = build_c("blk", "-O0", "#include <stdio.h>\n"
	    "int main(int argc, char **argv)\n"
	    "{\n"
	    "\tint total = 0;\n"
	    "\tfor (int i = 0; i < argc; i++) {\n"
	    "\t\tint a = i, b = i * 2, cc = i * 3, dd = 4, e = 5;\n"
	    "\t\ttotal += a + b + cc + dd + e;\n"
	    "\t}\n"
	    "\t(void)argv;\n"
	    "\tprintf(\"%d\\n\", total);\n"
	    "\treturn 0;\n"
	    "}\n");

	util_same_streams_as_gdb_at("blk", bin, cmds);
	free(bin);
}
END_TEST

START_TEST(test_info_scope_samples_as_gdb)
{
	static const char *const samples[] = {
		"callee8-O0", "callee8-O2", "callee8-m32-O0", "types-O2",
		"types-m32-O2", "calc-O2", "factorial-O0",
	};
	static const char *const cmds[] = { "info scope callee",
	    "info scope main", "info scope factorial", "info address main",
	    "info address callee", "break main", "run", "info scope main",
	    "info address total", "info address r", "info address a",
	    "info address x", "info scope factorial", NULL };

	util_same_streams_as_gdb(samples[_i], cmds);
}
END_TEST

/* info functions and info variables as gdb lists them: by file, the
   global block before the static one, by name, each declared as gdb's
   type printer declares it, then the symbols without debugging
   information (PLT stubs, .plt.got's too, local ones without gcc's
   ".0"), by address; -q, -n, --, a regular expression (gdb's libiberty
   regex and its message for a bad one); before the run, and in the
   process with the C library (the names under a prefix of its own).  */
START_TEST(test_info_functions_variables_as_gdb)
{
	static const char *const opts[] = {
		"-O0", "-O2", "-m32 -O0", "-m32 -O2",
	};
	static const char *const cmds[] = { "info functions",
	    "info variables", "info functions ^ma", "info functions -n",
	    "info variables -q -n zzz", "info functions zzz",
	    "info functions -z", "info functions [", "info functions -q",
	    "info variables -n -q ^c", "info functions -- -q",
	    "info variables ^c", "info fu wor", "info va hid", "break work",
	    "run", "info functions ^work$", "info variables ^co",
	    "info functions -n ^ma", "info functions ^mem[a-z]*$", NULL };
	char name[32], *bin;

	snprintf(name, sizeof name, "symprog%d", _i);
	bin = build_c("symprog", opts[_i], symprog);
	util_same_streams_as_gdb_at(name, bin, cmds);
	free(bin);
}
END_TEST

START_TEST(test_info_functions_samples_as_gdb)
{
	static const char *const samples[] = {
		"values-O0", "types-O2", "callkinds-O2", "calls-O0",
		"threads-O0", "tailcall-O2", "floats-O2", "callconv32-m32-O0",
		"values-m32-O0", "watch-O2",
	};
	/* In the process with the C library on three of them: reading
	   every unit of its DWARF takes seconds on a loaded machine.  */
	const char *cmds[] = { "info functions", "info variables",
	    "info functions -n ^[a-m]", _i < 3 ? "break main" : NULL, "run",
	    "info functions ^ma", "info variables ^g_", NULL };

	util_same_streams_as_gdb(samples[_i], cmds);
}
END_TEST

/* info types as gdb lists them: base types by gdb's names ("unsigned
   long"), typedefs resolved to what they name, struct, union and enum
   tags, by file and name, with -q and a regular expression; before the
   run and in the process with the C library's.  */
START_TEST(test_info_types_as_gdb)
{
	static const char *const samples[] = {
		"values-O0", "types-O2", "values-m32-O0", "callkinds-O0",
		"threads-O2", "floats-O0",
	};
	/* The C library's types once, on one sample: reading every unit of
	   its DWARF takes seconds on a loaded machine.  */
	const char *cmds[] = { "info types", "info types po",
	    "info types -q ^s", "info types [", "info types unsigned",
	    "info types long", "info types ^myint$",
	    _i == 0 ? "break main" : NULL, "run", "info types ^point",
	    "info types ^size_t$", NULL };
	char *bin;

	util_same_streams_as_gdb(samples[_i], cmds);
	if (_i == 0) {
		bin = build_c("symprog", "-O0", symprog);
		util_same_streams_as_gdb_at("symprog", bin, cmds);
		free(bin);
	}
}
END_TEST

/* rbreak as gdb: a breakpoint on each function matching, its
   declaration under it, in info functions' order; those without
   debugging information as "<function, no debug info> NAME;"; FILE:REGEX
   and the errors.  The program then stops at them.  */
START_TEST(test_rbreak_as_gdb)
{
	static const char *const opts[] = { "-O0", "-O2", "-m32 -O0" };
	static const char *const cmds[] = { "rbreak ^wo", "rbreak ^ma",
	    "rbreak zzz", "rbreak [", "rbreak symprog.c:^w",
	    "rbreak nosuch.c:^w", "info breakpoints", "run", "bt",
	    "continue", "bt", NULL };
	static const char *const all[] = { "rbreak", "info breakpoints",
	    "rbreak ^printf", NULL };
	char name[32], *bin;

	snprintf(name, sizeof name, "symprog%d", _i);
	bin = build_c("symprog", opts[_i], symprog);
	util_same_streams_as_gdb_at(name, bin, cmds);
	if (_i < 2)
		util_same_streams_as_gdb_at(name, bin, all);
	free(bin);
}
END_TEST

/* save breakpoints writes gdb's file byte for byte (break, tbreak,
   watch, rwatch, awatch, dprintf, catch; conditions, ignore counts,
   disabled state on $bpnum), and source reads it back: the same table
   as gdb's from the same file; the errors.  */
START_TEST(test_save_breakpoints_as_gdb)
{
	static const char *const opts[] = { "-O0", "-m32 -O0" };
	char *dir = util_tmpdir(), *bin, *gfile, *ffile, gpath[4200],
	    fpath[4200], save[4300], source[4300],
	    name[32];
	const char *make[] = { "break work", "tbreak main",
	    "break symprog.c:12 if i == 2", "ignore 3 1", "disable 1",
	    "break *work+4", "watch counter", "rwatch hidden",
	    "awatch counter if counter > 3", "dprintf work,\"n=%d\\n\", n",
	    "condition 1 n > 1", "catch fork", "info breakpoints", save,
	    NULL };
	const char *back[] = { source, "info breakpoints", "save foo",
	    "save breakpoints", "delete", "save breakpoints", "break main",
	    "run", "bt", NULL };
	struct util_result g, f;

	snprintf(name, sizeof name, "symprog%d", _i);
	bin = build_c("symprog", opts[_i], symprog);
	snprintf(gpath, sizeof gpath, "%s/gdb.bp", dir);
	snprintf(fpath, sizeof fpath, "%s/fs.bp", dir);
	snprintf(save, sizeof save, "save breakpoints %s", gpath);
	util_gdb(&g, NULL, make, bin, NULL);
	snprintf(save, sizeof save, "save breakpoints %s", fpath);
	util_framescope(&f, NULL, make, bin, NULL);
	ck_assert_str_eq(f.out, g.out);
	ck_assert_ptr_nonnull(gfile = util_slurp(gpath));
	ck_assert_ptr_nonnull(ffile = util_slurp(fpath));
	ck_assert_str_eq(ffile, gfile);
	ck_assert_ptr_nonnull(strstr(ffile, "disable $bpnum"));
	util_result_free(&g);
	util_result_free(&f);
	snprintf(source, sizeof source, "source %s", fpath);
	util_same_streams_as_gdb_at(name, bin, back);
	free(gfile);
	free(ffile);
	free(bin);
	free(dir);
}
END_TEST

Suite *
info_suite(void)
{
	Suite *s = suite_create("info");
	TCase *tc;

	tc = tcase_create("symbols");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_info_symbol_as_gdb, 0, 3);
	tcase_add_loop_test(tc, test_type_names_as_gdb, 0, 6);
	tcase_add_loop_test(tc, test_info_source_as_gdb, 0, 3);
	tcase_add_loop_test(tc, test_info_address_scope_as_gdb, 0, 4);
	tcase_add_loop_test(tc, test_info_scope_samples_as_gdb, 0, 7);
	tcase_add_test(tc, test_info_scope_block_order_as_gdb);
	tcase_add_loop_test(tc, test_info_functions_variables_as_gdb, 0, 4);
	tcase_add_loop_test(tc, test_info_functions_samples_as_gdb, 0, 10);
	tcase_add_loop_test(tc, test_info_types_as_gdb, 0, 6);
	tcase_add_loop_test(tc, test_rbreak_as_gdb, 0, 3);
	tcase_add_loop_test(tc, test_save_breakpoints_as_gdb, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
