/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_value: values and type names as gdb prints them.  The
   oracle test prints every global of samples/values.c with gdb and with
   fs_value (types built by hand in check_vfix.c, bytes from the file)
   and compares; the unit tests cover what a file cannot show
   (optimized-out parts, unreadable memory, hostile types).  */
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"
#include "check_vfix.h"
#include "fs_value.h"

static const struct fs_value_env ENV = { vfix_mem, vfix_symbolize, NULL,
    0, 0, 0 };

/* fs_value's text for global NAME of the sample.  */
static char *
ours(const char *name)
{
	struct fs_value v = { 0 };
	struct fs_err e;
	uint8_t *buf;
	char *out = NULL;
	const struct fs_type *t = vfix_type(name);
	const struct fs_type *st = fs_value_strip(t);

	ck_assert_ptr_nonnull(t);
	v.type = t;
	ck_assert_int_eq(vfix_addr(name, &v.addr), 0);
	v.has_addr = true;
	v.len = st->kind == FS_TYPE_FUNC ? 0 : (size_t)st->size;
	buf = calloc(1, v.len + 1);
	if (v.len > 0)
		ck_assert_int_eq(vfix_mem(NULL, v.addr, buf, v.len), 0);
	v.bytes = buf;
	ck_assert_int_eq(fs_value_format(&v, &ENV, FS_VALUE_TOP, &out, &e), 0);
	free(buf);
	return out;
}

START_TEST(test_value_oracle_globals)
{
	const char **names;
	char **gdb, *mine;
	size_t i, bad = 0;

	if (!vfix_open(sample_path("values-O0")))
		ck_abort_msg("samples/bin/values-O0 is not built");
	names = calloc(vfix_nsyms, sizeof *names);
	for (i = 0; i < vfix_nsyms; i++)
		names[i] = vfix_syms[i].name;
	gdb = vfix_gdb_print(sample_path("values-O0"), "print", names,
	    vfix_nsyms);
	for (i = 0; i < vfix_nsyms; i++) {
		mine = ours(names[i]);
		if (strcmp(mine, gdb[i]) != 0) {
			fprintf(stderr, "print %s\n  gdb:  %s\n  ours: %s\n",
			    names[i], gdb[i], mine);
			bad++;
		}
		free(mine);
	}
	vfix_free_answers(gdb, vfix_nsyms);
	free(names);
	vfix_close();
	ck_assert_msg(bad == 0, "%zu of %zu values differ from gdb's", bad,
	    vfix_nsyms);
}
END_TEST

START_TEST(test_value_oracle_type_names)
{
	const char **names;
	char **gdb, mine[256];
	size_t i, bad = 0;

	if (!vfix_open(sample_path("values-O0")))
		ck_abort_msg("samples/bin/values-O0 is not built");
	names = calloc(vfix_nsyms, sizeof *names);
	for (i = 0; i < vfix_nsyms; i++)
		names[i] = vfix_syms[i].name;
	gdb = vfix_gdb_print(sample_path("values-O0"), "whatis", names,
	    vfix_nsyms);
	for (i = 0; i < vfix_nsyms; i++) {
		fs_value_type_name(vfix_syms[i].type, NULL, 0, mine,
		    sizeof mine);
		if (strcmp(mine, gdb[i]) != 0) {
			fprintf(stderr, "whatis %s\n  gdb:  %s\n  ours: %s\n",
			    names[i], gdb[i], mine);
			bad++;
		}
	}
	vfix_free_answers(gdb, vfix_nsyms);
	free(names);
	vfix_close();
	ck_assert_msg(bad == 0, "%zu of %zu type names differ from gdb's", bad,
	    vfix_nsyms);
}
END_TEST

static const struct fs_type T_int = { .kind = FS_TYPE_BASE, .name = "int",
    .size = 4, .encoding = FS_ATE_SIGNED };
static const struct fs_type T_uint = { .kind = FS_TYPE_BASE,
    .name = "unsigned int", .size = 4, .encoding = FS_ATE_UNSIGNED };
static const struct fs_type T_char = { .kind = FS_TYPE_BASE, .name = "char",
    .size = 1, .encoding = FS_ATE_SIGNED_CHAR };
static const struct fs_type T_pchar = { .kind = FS_TYPE_POINTER, .size = 8,
    .target = &T_char };
static const struct fs_type T_pint = { .kind = FS_TYPE_POINTER, .size = 8,
    .target = &T_int };
static struct fs_member M_s[] = {
	{ .name = "a", .type = &T_int, .offset = 0 },
	{ .name = "p", .type = &T_pchar, .offset = 8 },
};
static const struct fs_type T_s = { .kind = FS_TYPE_STRUCT, .name = "s",
    .size = 16, .members = M_s, .nmembers = 2 };

static char *
fmt(const struct fs_type *t, const void *bytes, const uint8_t *valid,
    size_t len, const struct fs_value_env *env, int flags)
{
	struct fs_value v = { .type = t, .bytes = bytes, .valid = valid,
	    .len = len };
	struct fs_err e;
	char *out;

	ck_assert_int_eq(fs_value_format(&v, env, flags, &out, &e), 0);
	return out;
}

#define CK_FMT(want, ...) do {						\
	char *o_ = fmt(__VA_ARGS__);					\
	ck_assert_str_eq(o_, (want));					\
	free(o_);							\
} while (0)

static int
nomem(void *arg, uint64_t addr, void *buf, size_t len)
{
	(void)arg;
	(void)addr;
	(void)buf;
	(void)len;
	return -FS_E_NOENT;
}

/* Memory that ends at 0x1003: "abc" then nothing.  */
static int
short_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	static const char s[] = "abc";

	(void)arg;
	if (addr < 0x1000 || addr + len > 0x1003)
		return -FS_E_NOENT;
	memcpy(buf, s + (addr - 0x1000), len);
	return 0;
}

START_TEST(test_value_optimized_out)
{
	uint8_t b[16] = { 7, 0, 0, 0 }, valid[16];

	memset(valid, 0, sizeof valid);
	CK_FMT("<optimized out>", &T_int, b, valid, 4, NULL, FS_VALUE_TOP);
	/* Part of a scalar unknown: the scalar is unknown.  A byte's
	   valid mask holds one bit a bit.  */
	valid[0] = 0xff;
	CK_FMT("<optimized out>", &T_int, b, valid, 4, NULL, FS_VALUE_TOP);
	memset(valid, 0xff, 4);
	valid[3] = 0x7f;
	CK_FMT("<optimized out>", &T_int, b, valid, 4, NULL, FS_VALUE_TOP);
	memset(valid, 0xff, 4);
	CK_FMT("7", &T_int, b, valid, 4, NULL, FS_VALUE_TOP);
	/* A struct with a member lost.  */
	CK_FMT("{a = 7, p = <optimized out>}", &T_s, b, valid, 16, NULL,
	    FS_VALUE_TOP);
}
END_TEST

START_TEST(test_value_memory_errors)
{
	uint8_t b[16] = { 0 };
	struct fs_value_env env = { nomem, NULL, NULL, 0, 0, 0 };
	struct fs_value v = { .type = &T_int, .error =
	    "Cannot access memory at address 0x10" };
	struct fs_err e;
	char *out;

	b[0] = 0x10;
	CK_FMT("0x10 <error: Cannot access memory at address 0x10>", &T_pchar,
	    b, NULL, 8, &env, FS_VALUE_TOP);
	env.mem = short_mem;
	b[0] = 0;
	b[1] = 0x10;
	CK_FMT("0x1000 \"abc\" <error: Cannot access memory at address "
	    "0x1003>", &T_pchar, b, NULL, 8, &env, FS_VALUE_TOP);
	ck_assert_int_eq(fs_value_format(&v, &env, 0, &out, &e), 0);
	ck_assert_str_eq(out, "<error: Cannot access memory at address 0x10>");
	free(out);
	/* No memory at all: pointers print without strings.  */
	memcpy(b + 8, b, 8);
	memset(b, 0, 8);
	CK_FMT("{a = 0, p = 0x1000}", &T_s, b, NULL, 16, NULL, 0);
	/* Inside aggregates, no type prefix; at top level, one.  */
	CK_FMT("(int *) 0x1000", &T_pint, b + 8, NULL, 8, NULL, FS_VALUE_TOP);
	CK_FMT("0x1000", &T_pint, b + 8, NULL, 8, NULL, 0);
}
END_TEST

START_TEST(test_value_hostile_types)
{
	struct fs_type cyc = { .kind = FS_TYPE_TYPEDEF, .name = "loop" };
	struct fs_type ptr = { .kind = FS_TYPE_POINTER, .size = 8 };
	struct fs_member m[] = { { .name = "far", .type = &T_int,
	    .offset = 100 }, { .name = "bf", .type = &T_uint, .offset = 0,
	    .bit_size = 70 } };
	struct fs_type st = { .kind = FS_TYPE_STRUCT, .name = "bad",
	    .size = 8, .members = m, .nmembers = 2 };
	struct fs_dim d = { .has_count = true, .count = 1000000 };
	struct fs_type arr = { .kind = FS_TYPE_ARRAY, .size = 8,
	    .target = &T_int, .dims = &d, .ndims = 1 };
	struct fs_type unk = { .kind = FS_TYPE_UNKNOWN };
	struct fs_type inc = { .kind = FS_TYPE_STRUCT, .name = "inc",
	    .declaration = true };
	uint8_t b[16] = { 1, 0, 0, 0, 2 };
	char name[128];

	/* A typedef naming itself: no hang.  */
	cyc.target = &cyc;
	ptr.target = &ptr;
	free(fmt(&cyc, b, NULL, 8, NULL, FS_VALUE_TOP));
	fs_value_type_name(&cyc, NULL, 0, name, sizeof name);
	fs_value_type_name(&ptr, NULL, 0, name, sizeof name);
	CK_FMT("{far = <error: member outside its struct>, bf = <error: "
	    "bitfield outside its struct>}", &st, b, NULL, 8, NULL, 0);
	/* An array longer than its bytes: only what is there.  */
	CK_FMT("{1, 2}", &arr, b, NULL, 8, NULL, 0);
	CK_FMT("<unknown type>", &unk, b, NULL, 8, NULL, 0);
	CK_FMT("<incomplete type>", &inc, b, NULL, 0, NULL, 0);
	CK_FMT("<error: value shorter than its type>", &T_s, b, NULL, 8,
	    NULL, 0);
}
END_TEST

START_TEST(test_value_type_names)
{
	static const struct fs_type *const pr[] = { &T_int, &T_pchar };
	struct fs_type f = { .kind = FS_TYPE_FUNC, .target = &T_int,
	    .params = (const struct fs_type **)pr, .nparams = 2,
	    .varargs = true };
	struct fs_type pf = { .kind = FS_TYPE_POINTER, .size = 8,
	    .target = &f };
	struct fs_type f0 = { .kind = FS_TYPE_FUNC };
	char buf[128];

	ck_assert_str_eq(fs_value_type_name(&f, NULL, 0, buf, sizeof buf),
	    "int (int, char *, ...)");
	ck_assert_str_eq(fs_value_type_name(&pf, "fp", 0, buf, sizeof buf),
	    "int (*fp)(int, char *, ...)");
	ck_assert_str_eq(fs_value_type_name(&f0, NULL, 0, buf, sizeof buf),
	    "void (void)");
	ck_assert_str_eq(fs_value_type_name(&T_uint, "a", 3, buf, sizeof buf),
	    "unsigned int a : 3");
	ck_assert_str_eq(fs_value_type_name(&T_uint, NULL, 3, buf, sizeof buf),
	    "unsigned int : 3");
	ck_assert_str_eq(fs_value_type_name(&T_s, "v", 0, buf, sizeof buf),
	    "struct s v");
	/* Truncation keeps a terminated string.  */
	ck_assert_str_eq(fs_value_type_name(&pf, NULL, 0, buf, 6), "int (");
}
END_TEST

START_TEST(test_value_limits)
{
	uint8_t b[300];
	struct fs_dim d = { .has_count = true, .count = 300 };
	struct fs_type arr = { .kind = FS_TYPE_ARRAY, .size = 300,
	    .target = &T_char, .dims = &d, .ndims = 1 };
	struct fs_value_env env = { NULL, NULL, NULL, 4, 3, 0 };
	size_t i;

	for (i = 0; i < sizeof b; i++)
		b[i] = (uint8_t)('a' + i % 26);
	CK_FMT("\"abcd\"...", &arr, b, NULL, 300, &env, 0);
	memset(b, 'x', 5);
	CK_FMT("'x' <repeats 5 times>...", &arr, b, NULL, 300, &env, 0);
	b[3] = 'y';
	CK_FMT("\"xxxy\"...", &arr, b, NULL, 300, &env, 0);
}
END_TEST

Suite *
value_suite(void)
{
	Suite *s = suite_create("value");
	TCase *tc;

	tc = tcase_create("prints_as_gdb");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_value_oracle_globals);
	tcase_add_test(tc, test_value_oracle_type_names);
	suite_add_tcase(s, tc);

	tc = tcase_create("degrades_gracefully");
	tcase_add_test(tc, test_value_optimized_out);
	tcase_add_test(tc, test_value_memory_errors);
	tcase_add_test(tc, test_value_hostile_types);
	tcase_add_test(tc, test_value_type_names);
	tcase_add_test(tc, test_value_limits);
	suite_add_tcase(s, tc);
	return s;
}
