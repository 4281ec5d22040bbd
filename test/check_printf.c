/* SPDX-License-Identifier: GPL-3.0-or-later */
/* printf, output and dprintf against gdb: the same commands on the
   samples (x86-64 -O0 and -O2, -m32), standard output and error
   compared line for line, the errors of every bad format and argument
   list too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"

/* Every conversion with its flags, widths and precisions, on integers,
   chars, floats, pointers, strings read from the program, arrays,
   structs, literals; gdb's readings of a value of a float's size as
   that float and of a float as an integer; every error of a format
   and of an argument list; and output.  Before the run (from the
   executable's file) and at a stop.  */
static const char *const printf_cmds[] = {
	"printf \"%d %s\\n\", g_int, g_str",
	"break main", "run",
	"printf \"%d %i %u %x %o %c|%s|\\n\", g_int, g_int, g_int, g_int, "
	    "g_int, g_char, g_str",
	"printf \"%f %g %e %5.2f|%-8d|%08x\\n\", g_double, g_double, "
	    "g_double, g_float, 3, 255",
	"printf \"%p %p\\n\", g_str, 0",
	"printf \"%ld %lu %lld %llx %%\\n\", g_long, g_ulong, g_llong, "
	    "g_llong",
	"printf \"%f\\n\", 1",
	"printf \"%f %f\\n\", g_long, (char)1",
	"printf \"%d\\n\", 2.7",
	"printf \"%s\\n\", 0",
	"printf \"%s\\n\", g_int",
	"printf \"%d\\n\"",
	"printf \"%d\\n\", 1, 2",
	"printf \"abc",
	"printf abc",
	"printf",
	"printf \"%y\\n\", 1",
	"printf \"\\q\"",
	"printf \"x\" 1",
	"printf \"%5s|%.2s|%c\\n\", g_str, g_str, 65",
	"output g_int", "output g_str", "output", "output/x g_int",
	"output/q g_int", "output nosuch", "output g_point", "output g_arr",
	"echo \\n",
	"printf \"%s\\n\", g_buf",
	"printf \"%hhd %hd %zd %5c|\\n\", 300, 70000, 5, 66",
	"printf \"%cX\\n\", 0",
	"printf \"abc %s b\\n\", 5",
	"printf \"%d %s\\n\", 5, 7",
	"printf \"%5d|%-5s|%5.1f\\n\", 1, \"ab\", 2.25",
	"printf \"%zd|%5c|%#x|%+d|% d|%X|%E|%G|\\n\", 5, 66, 255, 3, 4, "
	    "255, 1.5, 1.5",
	"printf \"%*d\\n\", 5, 3",
	"printf \"%n\\n\", 5",
	"printf \"%d %d\\n\", 1,",
	"printf \"%d\\n\", g_point",
	"printf \"%f\\n\", g_point",
	"printf \"%s\\n\", g_point",
	"printf \"%d\\n\", nosuch",
	"printf \"%p\\n\", g_double",
	"printf \"%s\\n\", g_str_null",
	"printf \"%d\\n\", g_str",
	"printf \"%-10s|%10.3s|\\n\", g_str, g_str",
	"printf \"%5%|\\n\"",
	"printf \"%\"",
	"printf \"%l\\n\", 1",
	"printf \"%lld %lli %llu %llo %llX %li %lx %lo\\n\", -1, -1, -1, "
	    "-1, -1, -1, -1, -1",
	"printf \"\\a\\e\\\"\\\\\\n\"",
	"printf \"%s|%s\\n\", \"lit\", g_buf_full",
	"printf \"%f\\n\", g_float",
	"printf \"%u\\n\", g_double_neg",
	"printf \"%x\\n\", g_char",
	"printf \"%c%c\\n\", g_uchar, 0",
	"printf \"%lf|%Lf\\n\", 1.5, 1.5",
	"printf \"%#u\\n\", 1", "printf \"% x\\n\", 1",
	"printf \"%.2c\\n\", 65", "printf \"%.2p\\n\", 65",
	"printf \"%0s\\n\", \"a\"", "printf \"%Ld\\n\", 1",
	"printf \"%zu %zx\\n\", -1, 255",
	"printf \"%5p|%-20p|\\n\", 10, g_str",
	"printf \"%c|%d\\n\", 'x', 'x'",
	"printf \"%e\\n\", g_double_big",
	"printf \"%g\\n\", g_long",
	"printf \"%Lf %Lg\\n\", g_int, g_ldouble_third",
	"printf \"%d\\n\", g_arr",
	"printf \"%u\\n\", g_true",
	"printf \"%d %d\\n\", 1 2",
	"printf \"hi\" , ",
	"printf \"%d %s|\\n\", g_arr[1], g_str_esc",
	"printf \"%s|\\n\", g_str_utf8",
	"set print pretty on", "output g_line", "echo \\n",
	NULL,
};

START_TEST(test_printf_as_gdb)
{
	static const char *const samples[] = {
		"values-O0", "values-O2", "values-m32-O0",
	};

	util_same_streams_as_gdb(samples[_i], printf_cmds);
}
END_TEST

/* Arguments and locals where the compiler put them (registers at -O2),
   a function called for an argument, history values.  */
START_TEST(test_printf_frame_as_gdb)
{
	static const char *const samples[] = {
		"factorial-O0", "factorial-O2", "factorial-m32-O0",
	};
	const char *cmds[] = { "break factorial", "run",
	    "printf \"n=%lu twice=%d\\n\", n, n * 2", "output n",
	    "print n", "printf \"%d %d|\\n\", $, $1 + 1", "up",
	    "printf \"%lu %s\\n\", n, argv[0]", "delete",
	    _i < 2 ? "printf \"%d\\n\", factorial(3)" : "output argc",
	    NULL };

	util_same_streams_as_gdb(samples[_i], cmds);
}
END_TEST

/* dprintf: breakpoints that print and go on, at -O0, -O2 and -m32;
   with a condition and an ignore count, through a `next' over the calls
   they are in; their rows in `info breakpoints' and hit counts; every
   error of their line.  */
static const struct {
	const char	*sample;
	const char	*cmds[16];
} dprintf_scripts[] = {
#define CALC_DPRINTF { "dprintf multiply,\"multiply %d*%d\\n\", x, y", \
	    "dprintf add,\"add(%d, %d) = %d\\n\", a, b, a + b", \
	    "info breakpoints", "tbreak main", "run", "break exit", \
	    "condition 2 a > 100", "continue", "info breakpoints", NULL }
	{ "calc-O0", CALC_DPRINTF },
	{ "calc-O2", CALC_DPRINTF },
	{ "calc-m32-O2", CALC_DPRINTF },
#define FACT_DPRINTF { "dprintf factorial,\"n=%d\\n\", n", \
	    "dprintf 10,\"r %lu %s\\n\", n, \"x\"", "dprintf", \
	    "dprintf factorial", "dprintf factorial,", "dprintf nosuch,\"x\"", \
	    "dprintf factorial \"x\"", "info breakpoints", "break 16", "run", \
	    "info breakpoints", "condition 1 n == 3", "ignore 2 2", "next", \
	    "info breakpoints", NULL }
	{ "factorial-O0", FACT_DPRINTF },
	{ "factorial-m32-O0", FACT_DPRINTF },
	{ "factorial-O0", { "break factorial if n == 5",
	    "dprintf 9,\"x %lu\\n\", n", "run", "finish",
	    "info breakpoints", NULL } },
};

START_TEST(test_dprintf_as_gdb)
{
	util_same_streams_as_gdb(dprintf_scripts[_i].sample, dprintf_scripts[_i].cmds);
}
END_TEST

Suite *
printf_suite(void)
{
	Suite *s = suite_create("printf");
	TCase *tc;

	tc = tcase_create("printf");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_printf_as_gdb, 0, 3);
	tcase_add_loop_test(tc, test_printf_frame_as_gdb, 0, 3);
	tcase_add_loop_test(tc, test_dprintf_as_gdb, 0,
	    (int)(sizeof dprintf_scripts / sizeof dprintf_scripts[0]));
	suite_add_tcase(s, tc);
	return s;
}
