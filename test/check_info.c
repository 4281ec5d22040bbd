/* SPDX-License-Identifier: GPL-3.0-or-later */
/* gdb's `info' questions about the program's symbols against gdb: the
   same commands on the samples (x86-64 -O0 and -O2, -m32), standard
   output and error compared line for line, errors too. */
#include <stdlib.h>

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

Suite *
info_suite(void)
{
	Suite *s = suite_create("info");
	TCase *tc;

	tc = tcase_create("symbols");
	tcase_add_unchecked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_loop_test(tc, test_info_symbol_as_gdb, 0, 3);
	suite_add_tcase(s, tc);
	return s;
}
