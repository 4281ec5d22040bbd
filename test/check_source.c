/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_source: lines of cached source files, and missing files. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fs_source.h"

/* One directory per TCase, made and removed outside the forked tests so
   that a failed test leaves nothing behind.  */
static char dir[64];

static void
dir_setup(void)
{
	snprintf(dir, sizeof dir, "/tmp/check_source.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void
dir_teardown(void)
{
	char cmd[128];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove %s\n", dir);
}

/* Write TEXT (LEN bytes) to NAME in the test's directory; its path goes
   to PATH.  */
static void
put(const char *name, const char *text, size_t len, char *path,
    size_t pathsz)
{
	FILE *f;

	snprintf(path, pathsz, "%s/%s", dir, name);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_uint_eq(fwrite(text, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* Line LINE of PATH must read WANT; NULL: must not exist.  */
static void
expect_line(struct fs_source *src, const char *path, unsigned line,
    const char *want)
{
	const char *got;
	size_t len = 12345;

	got = fs_source_line(src, path, line, &len);
	if (want == NULL) {
		ck_assert_msg(got == NULL, "line %u exists: \"%.*s\"", line,
		    (int)len, got);
		return;
	}
	ck_assert_msg(got != NULL, "line %u missing", line);
	ck_assert_msg(len == strlen(want) && memcmp(got, want, len) == 0,
	    "line %u: \"%.*s\", want \"%s\"", line, (int)len, got, want);
}

START_TEST(test_source_lines_with_final_newline)
{
	static const char text[] = "int main(void)\n{\n\treturn 0;\n}\n";
	struct fs_source *src = fs_source_new();
	char path[128];

	put("a.c", text, sizeof text - 1, path, sizeof path);
	ck_assert_uint_eq(fs_source_nlines(src, path), 4);
	expect_line(src, path, 1, "int main(void)");
	expect_line(src, path, 2, "{");
	expect_line(src, path, 3, "\treturn 0;");
	expect_line(src, path, 4, "}");
	expect_line(src, path, 5, NULL);
	expect_line(src, path, 0, NULL);
	expect_line(src, path, 1000000, NULL);
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_lines_without_final_newline)
{
	static const char text[] = "one\ntwo\n\nfour";
	struct fs_source *src = fs_source_new();
	char path[128];

	put("b.c", text, sizeof text - 1, path, sizeof path);
	ck_assert_uint_eq(fs_source_nlines(src, path), 4);
	expect_line(src, path, 3, "");
	expect_line(src, path, 4, "four");
	expect_line(src, path, 5, NULL);
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_crlf_lines)
{
	static const char text[] = "alpha\r\nbeta\r\n\r\ngamma";
	struct fs_source *src = fs_source_new();
	char path[128];

	put("c.c", text, sizeof text - 1, path, sizeof path);
	ck_assert_uint_eq(fs_source_nlines(src, path), 4);
	expect_line(src, path, 1, "alpha");
	expect_line(src, path, 2, "beta");
	expect_line(src, path, 3, "");
	expect_line(src, path, 4, "gamma");
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_blank_lines)
{
	struct fs_source *src = fs_source_new();
	char path[128];

	put("nl.c", "\n\n", 2, path, sizeof path);
	ck_assert_uint_eq(fs_source_nlines(src, path), 2);
	expect_line(src, path, 1, "");
	expect_line(src, path, 2, "");
	expect_line(src, path, 3, NULL);
	fs_source_free(src);
}
END_TEST

/* An empty file has no line 1, as a file "x\n" has no line 2.  */
START_TEST(test_source_empty_file_has_no_lines)
{
	struct fs_source *src = fs_source_new();
	char path[128];

	put("empty.c", "", 0, path, sizeof path);
	ck_assert_uint_eq(fs_source_nlines(src, path), 0);
	expect_line(src, path, 1, NULL);
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_many_lines)
{
	struct fs_source *src = fs_source_new();
	char path[128], want[32];
	char *text, *p;
	unsigned i, n = 3000;

	/* More lines than the first allocation of line starts.  */
	ck_assert_ptr_nonnull(text = malloc((size_t)n * 16));
	p = text;
	for (i = 1; i <= n; i++)
		p += sprintf(p, "line %u\n", i);
	put("big.c", text, (size_t)(p - text), path, sizeof path);
	free(text);
	ck_assert_uint_eq(fs_source_nlines(src, path), n);
	for (i = 1; i <= n; i += 97) {
		snprintf(want, sizeof want, "line %u", i);
		expect_line(src, path, i, want);
	}
	snprintf(want, sizeof want, "line %u", n);
	expect_line(src, path, n, want);
	expect_line(src, path, n + 1, NULL);
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_missing_file_is_remembered)
{
	struct fs_source *src = fs_source_new();
	char path[128], p2[128];

	snprintf(path, sizeof path, "%s/later.c", dir);
	expect_line(src, path, 1, NULL);
	ck_assert_uint_eq(fs_source_nlines(src, path), 0);
	/* Created afterwards: still missing, as documented.  */
	put("later.c", "x\n", 2, p2, sizeof p2);
	ck_assert_str_eq(p2, path);
	expect_line(src, path, 1, NULL);
	ck_assert_uint_eq(fs_source_nlines(src, path), 0);
	fs_source_free(src);

	/* A fresh cache reads it.  */
	src = fs_source_new();
	expect_line(src, path, 1, "x");
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_file_is_read_once)
{
	struct fs_source *src = fs_source_new();
	const char *first, *again;
	char path[128];
	size_t len;

	put("once.c", "old\n", 4, path, sizeof path);
	ck_assert_ptr_nonnull(first = fs_source_line(src, path, 1, &len));
	put("once.c", "new text\nmore\n", 14, path, sizeof path);
	ck_assert_ptr_nonnull(again = fs_source_line(src, path, 1, &len));
	ck_assert_ptr_eq(first, again);
	ck_assert_uint_eq(len, 3);
	ck_assert_int_eq(memcmp(again, "old", 3), 0);
	ck_assert_uint_eq(fs_source_nlines(src, path), 1);
	fs_source_free(src);
}
END_TEST

START_TEST(test_source_null_arguments)
{
	struct fs_source *src = fs_source_new();
	size_t len;

	ck_assert_ptr_null(fs_source_line(src, NULL, 1, &len));
	ck_assert_ptr_null(fs_source_line(NULL, "/etc/hostname", 1, &len));
	ck_assert_uint_eq(fs_source_nlines(src, NULL), 0);
	ck_assert_uint_eq(fs_source_nlines(NULL, "/etc/hostname"), 0);
	ck_assert_ptr_null(fs_source_line(src, dir, 1, &len));
	fs_source_free(src);
	fs_source_free(NULL);
}
END_TEST

Suite *
source_suite(void)
{
	Suite *s = suite_create("source");
	TCase *tc;

	tc = tcase_create("splits_lines");
	tcase_add_unchecked_fixture(tc, dir_setup, dir_teardown);
	tcase_add_test(tc, test_source_lines_with_final_newline);
	tcase_add_test(tc, test_source_lines_without_final_newline);
	tcase_add_test(tc, test_source_crlf_lines);
	tcase_add_test(tc, test_source_blank_lines);
	tcase_add_test(tc, test_source_empty_file_has_no_lines);
	tcase_add_test(tc, test_source_many_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("caches_files");
	tcase_add_unchecked_fixture(tc, dir_setup, dir_teardown);
	tcase_add_test(tc, test_source_missing_file_is_remembered);
	tcase_add_test(tc, test_source_file_is_read_once);
	tcase_add_test(tc, test_source_null_arguments);
	suite_add_tcase(s, tc);
	return s;
}
