/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_eval: expressions over samples/values.c's globals,
   evaluated by gdb and by fs_eval (printed by fs_value) and compared,
   errors included; then what needs a frame (registers, variables not in
   memory) with a fake one.  */
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"
#include "check_vfix.h"
#include "fs_eval.h"

static const char *const exprs[] = {
	"g_int", "&g_int", "*g_pint", "**g_ppint", "*g_ppint", "g_arr[1]",
	"&g_arr[1]", "g_arr + 1", "*(g_arr + 2)", "g_arr2[1]", "g_arr2[1][2]",
	"&g_arr2[1]", "g_point.y", "g_line.b", "g_line.b.x", "&g_line.b",
	"g_line.label", "g_ppoint->y", "(*g_ppoint).x", "g_node1.next->val",
	"*g_node1.next", "g_anon.c", "g_anon.hi", "g_bits.b", "g_bits.e",
	"g_nested.m[1]", "&g_nested.m[1]", "g_nested.pts[1].y",
	"g_nested.name", "g_str[1]", "&g_str[1]", "*g_str", "g_strs[1]",
	"g_withfp.op", "add", "&add", "*add", "g_fparr[1]", "g_num.b[3]",
	"1 + 2 * 3", "10 / 3", "-5 / 2", "-5 % 3", "7 - 10", "'a'",
	"'\\n'", "'a' + 1", "5000000000", "0xffffffff", "4294967295",
	"g_uint + 1", "g_int * 2", "g_long - 1", "g_char + 1",
	"g_float * 2", "g_double / 2", "1.5", "g_pint - g_pint",
	"&g_arr[2] - &g_arr[0]", "g_pint == 0", "g_null == 0", "g_int < 0",
	"!g_int", "~g_int", "-g_int", "(char)65", "(long)g_int",
	"(unsigned char)300", "(int)g_double", "(double)g_int",
	"(char *)g_str", "(int *)0", "sizeof g_point", "sizeof g_arr",
	"g_color", "g_flags", "g_cint + 1", "g_parr", "*g_parr",
	"(*g_parr)[2]", "g_u8buf[0]", "g_i64", "g_ldouble * 2",
	/* Errors, with gdb's words.  */
	"nosuch", "g_point.z", "*g_point", "*g_double", "*g_null",
	"g_null->x", "g_point->x", "1 / 0", "g_int.x", "g_int[1]", "&1",
	"g_arr[", "1 +", ")", "g_ppoint->", "*(int *)8", "*g_pinc",
	"g_str_null[0]", "*g_void", "g_point == g_point", "-g_point",
	"!g_point", "~g_point", "1 - g_point", "g_point && 1",
	"1 && g_point", "(_Bool)0.5", "(int)1e20", "(long)1e30",
	/* gdb's @ (the history is tested below: gdb's fills here).  */
	"g_arr[0]@2", "g_arr@2", "*g_pint@2", "g_arr[1]@g_arr[1]",
	"g_int@2@3", "g_arr[0]@1+1", "g_points[1]@2", "g_str[0]@3",
	"g_arr[0]@2 == 1", "1@2", "g_arr[0]@0", "g_arr[0]@-1",
	"g_arr[0]@1.5", "$1x",
};
#define NEXPRS (sizeof exprs / sizeof exprs[0])

static const struct fs_eval_env EENV = { vfix_lookup, NULL, vfix_mem,
    NULL, false, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
    NULL, NULL, false, false };
static const struct fs_value_env VENV = { vfix_mem, vfix_symbolize, NULL,
    0, 0, 0 };

static char *
ours(const char *s)
{
	struct fs_eval *r;
	struct fs_err e;
	char *out;

	fs_err_clear(&e);
	if (fs_eval(s, &EENV, &r, &e) != 0)
		return strdup(e.msg);
	ck_assert_int_eq(fs_value_format(fs_eval_value(r), &VENV,
	    FS_VALUE_TOP, &out, &e), 0);
	fs_eval_free(r);
	return out;
}

START_TEST(test_eval_oracle)
{
	char **gdb, *mine;
	size_t i, bad = 0;

	if (!vfix_open(sample_path("values-O0")))
		ck_abort_msg("samples/bin/values-O0 is not built");
	gdb = vfix_gdb_print(sample_path("values-O0"), "print", exprs,
	    NEXPRS);
	for (i = 0; i < NEXPRS; i++) {
		mine = ours(exprs[i]);
		if (strcmp(mine, gdb[i]) != 0) {
			fprintf(stderr, "print %s\n  gdb:  %s\n  ours: %s\n",
			    exprs[i], gdb[i], mine);
			bad++;
		}
		free(mine);
	}
	vfix_free_answers(gdb, NEXPRS);
	vfix_close();
	ck_assert_msg(bad == 0, "%zu of %zu expressions differ from gdb's",
	    bad, NEXPRS);
}
END_TEST

/* A frame: x in a register (its bytes), y optimized out, rip and rsp. */
static const struct fs_type T_int = { .kind = FS_TYPE_BASE, .name = "int",
    .size = 4, .encoding = FS_ATE_SIGNED };

static int
f_lookup(void *arg, const char *name, struct fs_eval_sym *out)
{
	static const uint8_t x[4] = { 42, 0, 0, 0 }, none[4];

	(void)arg;
	memset(out, 0, sizeof *out);
	out->type = &T_int;
	if (strcmp(name, "x") == 0) {
		out->bytes = x;
		out->len = 4;
		return 0;
	}
	if (strcmp(name, "y") == 0) {
		out->bytes = x;
		out->valid = none;
		out->len = 4;
		return 0;
	}
	if (strcmp(name, "z") == 0) {
		out->error = "Cannot access memory at address 0x8";
		return 0;
	}
	return -FS_E_NOENT;
}

static int
f_reg(void *arg, const char *name, uint64_t *val)
{
	(void)arg;
	if (strcmp(name, "pc") == 0 || strcmp(name, "rip") == 0)
		*val = 0x401136;
	else if (strcmp(name, "sp") == 0 || strcmp(name, "rsp") == 0)
		*val = 0x7ffe0000;
	else if (strcmp(name, "rax") == 0)
		*val = 5;
	else
		return -FS_E_NOENT;
	return 0;
}

static int
f_sym(void *arg, uint64_t addr, char *buf, size_t size)
{
	(void)arg;
	if (addr < 0x401130 || addr >= 0x401140)
		return -FS_E_NOENT;
	snprintf(buf, size, addr == 0x401130 ? "main" : "main+%d",
	    (int)(addr - 0x401130));
	return 0;
}

static const char *
frame_eval(const char *s, struct fs_err *e)
{
	static char buf[256];
	struct fs_eval_env env = { f_lookup, f_reg, NULL, NULL, false, NULL,
	    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
	    false, false };
	struct fs_value_env venv = { NULL, f_sym, NULL, 0, 0, 0 };
	struct fs_eval *r;
	char *out;

	fs_err_clear(e);
	if (fs_eval(s, &env, &r, e) != 0)
		return NULL;
	ck_assert_int_eq(fs_value_format(fs_eval_value(r), &venv,
	    FS_VALUE_TOP, &out, e), 0);
	snprintf(buf, sizeof buf, "%s", out);
	free(out);
	fs_eval_free(r);
	return buf;
}

START_TEST(test_eval_frame)
{
	struct fs_err e;

	ck_assert_str_eq(frame_eval("x", &e), "42");
	ck_assert_str_eq(frame_eval("x * 2 + 1", &e), "85");
	ck_assert_str_eq(frame_eval("y", &e), "<optimized out>");
	ck_assert_ptr_null(frame_eval("y + 1", &e));
	ck_assert_str_eq(e.msg, "value has been optimized out");
	ck_assert_str_eq(frame_eval("z", &e),
	    "<error: Cannot access memory at address 0x8>");
	ck_assert_ptr_null(frame_eval("&x", &e));
	ck_assert_str_eq(e.msg,
	    "Attempt to take address of value not located in memory.");
	ck_assert_str_eq(frame_eval("$pc", &e),
	    "(void (*)()) 0x401136 <main+6>");
	ck_assert_str_eq(frame_eval("$rip", &e),
	    "(void (*)()) 0x401136 <main+6>");
	ck_assert_str_eq(frame_eval("$sp", &e), "(void *) 0x7ffe0000");
	ck_assert_str_eq(frame_eval("$rax + 1", &e), "6");
	ck_assert_str_eq(frame_eval("$nosuch", &e), "void");
	ck_assert_ptr_null(frame_eval("", &e));
	ck_assert_str_eq(e.msg, "Argument required (expression to compute).");
	ck_assert_ptr_null(frame_eval("nosuch", &e));
	ck_assert_str_eq(e.msg, "No symbol \"nosuch\" in current context.");
	/* gdb's Rust parser words it its own way.  */
	{
		struct fs_eval_env renv = { f_lookup, NULL, NULL, NULL, false,
		    NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
		    NULL, true, false };
		struct fs_eval *r;

		ck_assert_int_lt(fs_eval("nosuch", &renv, &r, &e), 0);
		ck_assert_str_eq(e.msg, "No symbol 'nosuch' in current "
		    "context");
	}
	ck_assert_ptr_null(frame_eval("'ab'", &e));
	ck_assert_ptr_null(frame_eval("99999999999999999999999", &e));
	ck_assert_ptr_null(frame_eval("12abc", &e));
}
END_TEST

/* Assignments: the store each makes (through the env), its conversion
   to the left side's type, the value of the whole, and the errors.  */
static uint64_t w_addr, w_reg_val;
static uint8_t w_bytes[16];
static size_t w_len;
static char w_reg[16];

static int
w_write(void *arg, uint64_t addr, const void *buf, size_t len,
    struct fs_err *e)
{
	(void)arg;
	(void)e;
	w_addr = addr;
	w_len = len < sizeof w_bytes ? len : sizeof w_bytes;
	memcpy(w_bytes, buf, w_len);
	return 0;
}

static int
w_setreg(void *arg, const char *name, uint64_t val, struct fs_err *e)
{
	(void)arg;
	(void)e;
	snprintf(w_reg, sizeof w_reg, "%s", name);
	w_reg_val = val;
	return 0;
}

static const char *
assign_eval(const char *s, bool can_write, struct fs_err *e)
{
	static char buf[256];
	struct fs_eval_env env = { vfix_lookup, f_reg, vfix_mem, NULL, false,
	    NULL, NULL, NULL, NULL, NULL, NULL, can_write ? w_write : NULL,
	    can_write ? w_setreg : NULL, NULL, NULL, NULL, false, false };
	struct fs_eval *r;
	char *out;

	fs_err_clear(e);
	w_len = 0;
	w_reg[0] = '\0';
	if (fs_eval(s, &env, &r, e) != 0)
		return NULL;
	ck_assert_int_eq(fs_value_format(fs_eval_value(r), &VENV, FS_VALUE_TOP,
	    &out, e), 0);
	snprintf(buf, sizeof buf, "%s", out);
	free(out);
	fs_eval_free(r);
	return buf;
}

START_TEST(test_eval_assign)
{
	struct fs_eval_sym g;
	struct fs_err e;
	int32_t i32;
	double d;

	if (!vfix_open(sample_path("values-O0")))
		ck_abort_msg("samples/bin/values-O0 is not built");
	ck_assert_int_eq(vfix_lookup(NULL, "g_int", &g), 0);
	ck_assert_str_eq(assign_eval("g_int = 5", true, &e), "5");
	ck_assert_uint_eq(w_addr, g.addr);
	ck_assert_uint_eq(w_len, 4);
	memcpy(&i32, w_bytes, 4);
	ck_assert_int_eq(i32, 5);
	/* Converted as C converts: a double into an int truncates.  */
	ck_assert_str_eq(assign_eval("g_int = 2.9", true, &e), "2");
	memcpy(&i32, w_bytes, 4);
	ck_assert_int_eq(i32, 2);
	ck_assert_int_eq(vfix_lookup(NULL, "g_double", &g), 0);
	ck_assert_str_eq(assign_eval("g_double = 3", true, &e), "3");
	ck_assert_uint_eq(w_len, 8);
	memcpy(&d, w_bytes, 8);
	ck_assert(d == 3.0);
	/* Compound: the current value read, then stored.  */
	ck_assert_ptr_nonnull(assign_eval("g_int += 1", true, &e));
	ck_assert_uint_eq(w_len, 4);
	ck_assert_str_eq(assign_eval("$rax = 9", true, &e), "9");
	ck_assert_str_eq(w_reg, "rax");
	ck_assert_uint_eq(w_reg_val, 9);
	/* Comparisons are not assignments.  */
	ck_assert_str_eq(assign_eval("g_int == 5", true, &e), "0");
	ck_assert_uint_eq(w_len, 0);
	ck_assert_ptr_null(assign_eval("3 = 4", true, &e));
	ck_assert_str_eq(e.msg, "Left operand of assignment is not an lvalue.");
	ck_assert_ptr_null(assign_eval("g_int = ", true, &e));
	ck_assert_ptr_null(assign_eval("g_int = 1", false, &e));
	ck_assert_uint_eq(w_len, 0);
	ck_assert_ptr_null(assign_eval("g_point = 1", true, &e));
	ck_assert_str_eq(e.msg, "Invalid cast.");
	vfix_close();
}
END_TEST

/* The history: $1 the int 7 (not in memory), $2 an int at 0x1000
   that was 9 (memory now holds something else: unreadable here).  */
static size_t
h_count(void *arg)
{
	(void)arg;
	return 2;
}

static int
h_get(void *arg, size_t num, struct fs_eval_sym *out)
{
	static const uint8_t seven[4] = { 7 }, nine[4] = { 9 };

	(void)arg;
	memset(out, 0, sizeof *out);
	out->type = &T_int;
	out->len = 4;
	if (num == 1)
		out->bytes = seven;
	else if (num == 2) {
		out->bytes = nine;
		out->in_memory = true;
		out->addr = 0x1000;
	} else
		return -FS_E_NOENT;
	return 0;
}

static const char *
hist_eval(const char *s, struct fs_err *e)
{
	static char buf[256];
	struct fs_eval_env env = { .lookup = f_lookup, .reg = f_reg,
	    .hist_count = h_count, .hist_get = h_get };
	struct fs_eval *r;
	char *out;

	fs_err_clear(e);
	if (fs_eval(s, &env, &r, e) != 0)
		return NULL;
	ck_assert_int_eq(fs_value_format(fs_eval_value(r), NULL,
	    FS_VALUE_TOP, &out, e), 0);
	snprintf(buf, sizeof buf, "%s", out);
	free(out);
	fs_eval_free(r);
	return buf;
}

START_TEST(test_eval_history)
{
	struct fs_err e;

	ck_assert_str_eq(hist_eval("$", &e), "9");
	ck_assert_str_eq(hist_eval("$0", &e), "9");
	ck_assert_str_eq(hist_eval("$$", &e), "7");
	ck_assert_str_eq(hist_eval("$$1", &e), "7");
	ck_assert_str_eq(hist_eval("$$0", &e), "9");
	ck_assert_str_eq(hist_eval("$1 + $2 * 10", &e), "97");
	ck_assert_str_eq(hist_eval("$$-1", &e), "6");
	ck_assert_str_eq(hist_eval("&$2", &e), "(int *) 0x1000");
	ck_assert_ptr_null(hist_eval("&$1", &e));
	ck_assert_str_eq(e.msg,
	    "Attempt to take address of value not located in memory.");
	ck_assert_ptr_null(hist_eval("$3", &e));
	ck_assert_str_eq(e.msg, "History has not yet reached $3.");
	ck_assert_ptr_null(hist_eval("$$2", &e));
	ck_assert_str_eq(e.msg, "History does not go back to $$2.");
	ck_assert_ptr_null(hist_eval("$1@2", &e));
	ck_assert_str_eq(e.msg,
	    "Only values in memory can be extended with '@'.");
	/* $2@2 reads memory again, which there is none of.  */
	ck_assert_ptr_null(hist_eval("$2@2", &e));
	ck_assert_str_eq(e.msg, "Cannot access memory at address 0x1000");
	ck_assert_str_eq(hist_eval("$pc", &e),
	    "(void (*)()) 0x401136");
	ck_assert_str_eq(hist_eval("$x1", &e), "void");
}
END_TEST

/* Deep nesting and junk: errors, no crash.  */
START_TEST(test_eval_hostile)
{
	struct fs_err e;
	char deep[4096];
	size_t i;

	for (i = 0; i < 2000; i++)
		deep[i] = '(';
	deep[i] = '\0';
	ck_assert_ptr_null(frame_eval(deep, &e));
	for (i = 0; i < 2000; i++)
		deep[i] = i % 2 ? '-' : '*';
	deep[i] = '\0';
	ck_assert_ptr_null(frame_eval(deep, &e));
	ck_assert_ptr_null(frame_eval("x[", &e));
	ck_assert_ptr_null(frame_eval("x.", &e));
	ck_assert_ptr_null(frame_eval("'", &e));
	ck_assert_ptr_null(frame_eval("'\\", &e));
	ck_assert_ptr_null(frame_eval("$", &e));
	ck_assert_ptr_null(frame_eval("x @ 1", &e));
	ck_assert_ptr_null(frame_eval("$$$", &e));
	ck_assert_ptr_null(frame_eval("$$99999999999", &e));
	ck_assert_ptr_null(frame_eval("x@", &e));
}
END_TEST

/* Rust's literals, casts, operators and arrays, with no program: the
   values and types Rust and gdb's Rust language give them.  */
START_TEST(test_eval_rust)
{
	static const struct {
		const char *expr, *value, *type;
	} cases[] = {
		{ "0x_ff + 0b1010 + 0o17 + 1_000", "1280", "long" },
		{ "200u8 as i8", "-56", "i8" }, { "7usize", "7", "usize" },
		{ "3000000000", "3000000000", "i64" }, { "2.", "2", "f64" },
		{ "1.5f32", "1.5", "f32" }, { "1.5f32 * 3", "4.5", "double" },
		{ "-1 as u32", "4294967295", "u32" },
		{ "1 & 3 == 1", "true", "bool" }, { "!0i32", "-1", "i32" },
		{ "!7u8", "248", "u8" }, { "!true", "false", "bool" },
		{ "-1i8", "-1", "int" }, { "-1i64", "-1", "i64" },
		{ "1u8 << 2", "4", "int" }, { "0.5 as bool", "false", "bool" },
		{ "3 as bool", "true", "bool" }, { "1e20 as i32", "-1", "i32" },
		{ "[1, 2, 3][2]", "3", "i32" }, { "[0u8; 2]", "[0, 0]", NULL },
		{ "1 < 2 && 2 < 3", "true", "bool" },
		{ "5i8 * 100i8", "500", "long" },
		{ "1usize - 2", "18446744073709551615", "unsigned long" },
	};
	static const struct {
		const char *expr, *error;
	} bad[] = {
		{ "[1u8, 2]", "array elements must all be the same size" },
		{ "[1; -1]", "Array with negative number of elements" },
		{ "[0; 0]", "bad array bounds (0, -1)" },
		{ "1 as nosuch", "No type name 'nosuch' in current context" },
		{ "&[1, 2][0..1]", "Attempt to take address of value not "
		    "located in memory." },
		{ "[1, 2][0..1]", "Can't take slice of array without '&'" },
		{ "[0; 100000]", "value requires 400000 bytes, which is more "
		    "than max-value-size" },
		{ "!1.5", "Argument to complement operation not an integer, "
		    "boolean." },
	};
	struct fs_eval_env env = EENV;
	const struct fs_type *t;
	struct fs_eval *r;
	struct fs_err e;
	char *out;
	size_t i;

	env.rust = true;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ck_assert_msg(fs_eval(cases[i].expr, &env, &r, &e) == 0,
		    "%s: %s", cases[i].expr, e.msg);
		ck_assert_int_eq(fs_value_format(fs_eval_value(r), &VENV,
		    FS_VALUE_TOP, &out, &e), 0);
		ck_assert_msg(strcmp(out, cases[i].value) == 0, "%s: %s",
		    cases[i].expr, out);
		t = fs_value_strip(fs_eval_value(r)->type);
		if (cases[i].type != NULL)
			ck_assert_msg(t->name != NULL && strcmp(t->name,
			    cases[i].type) == 0, "%s: type %s", cases[i].expr,
			    t->name != NULL ? t->name : "(none)");
		free(out);
		fs_eval_free(r);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		fs_err_clear(&e);
		ck_assert_msg(fs_eval(bad[i].expr, &env, &r, &e) != 0, "%s",
		    bad[i].expr);
		ck_assert_str_eq(e.msg, bad[i].error);
	}
}
END_TEST

Suite *
eval_suite(void)
{
	Suite *s = suite_create("eval");
	TCase *tc;

	tc = tcase_create("evaluates_as_gdb");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_eval_oracle);
	suite_add_tcase(s, tc);

	tc = tcase_create("evaluates_in_a_frame");
	tcase_add_test(tc, test_eval_frame);
	tcase_add_test(tc, test_eval_assign);
	tcase_add_test(tc, test_eval_hostile);
	tcase_add_test(tc, test_eval_history);
	tcase_add_test(tc, test_eval_rust);
	suite_add_tcase(s, tc);
	return s;
}
