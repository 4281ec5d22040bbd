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
	suite_add_tcase(s, tc);
	return s;
}
