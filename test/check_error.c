/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_error: error codes, formatted messages, errno and strerror. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "check_common.h"
#include "fs_error.h"

START_TEST(test_error_set_returns_negative_code)
{
	struct fs_err e;
	int code;

	for (code = FS_E_SYS; code < FS_E_MAX; code++) {
		fs_err_clear(&e);
		ck_assert_int_eq(fs_err_set(&e, code, "code %d", code), -code);
		ck_assert_int_eq(e.code, code);
	}
}
END_TEST

START_TEST(test_error_set_formats_message)
{
	struct fs_err e;

	fs_err_clear(&e);
	ck_assert_int_eq(fs_err_set(&e, FS_E_NOENT, "No symbol \"%s\" at %d",
	    "main", 42), -FS_E_NOENT);
	ck_assert_str_eq(e.msg, "No symbol \"main\" at 42");
	/* A later message replaces the earlier one entirely.  */
	fs_err_set(&e, FS_E_USAGE, "%s", "x");
	ck_assert_int_eq(e.code, FS_E_USAGE);
	ck_assert_str_eq(e.msg, "x");
}
END_TEST

START_TEST(test_error_set_truncates_long_message)
{
	char big[FS_ERR_LEN * 2];
	struct fs_err e;

	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	fs_err_set(&e, FS_E_FORMAT, "%s", big);
	ck_assert_uint_eq(strlen(e.msg), FS_ERR_LEN - 1);
	ck_assert_int_eq(e.code, FS_E_FORMAT);
}
END_TEST

START_TEST(test_error_sys_appends_strerror)
{
	struct fs_err e;
	char want[FS_ERR_LEN];

	fs_err_clear(&e);
	errno = ENOENT;
	ck_assert_int_eq(fs_err_sys(&e, "open %s", "/x"), -FS_E_SYS);
	ck_assert_int_eq(e.code, FS_E_SYS);
	snprintf(want, sizeof want, "open /x: %s", strerror(ENOENT));
	ck_assert_str_eq(e.msg, want);
}
END_TEST

START_TEST(test_error_sys_preserves_errno)
{
	struct fs_err e;

	errno = EACCES;
	fs_err_sys(&e, "read");
	ck_assert_int_eq(errno, EACCES);
	errno = EINTR;
	fs_err_sys(NULL, "read");
	ck_assert_int_eq(errno, EINTR);
}
END_TEST

START_TEST(test_error_sys_long_prefix_stays_terminated)
{
	char big[FS_ERR_LEN * 2];
	struct fs_err e;

	memset(big, 'b', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	errno = EPERM;
	ck_assert_int_eq(fs_err_sys(&e, "%s", big), -FS_E_SYS);
	ck_assert_uint_eq(strlen(e.msg), FS_ERR_LEN - 1);
	ck_assert_int_eq(errno, EPERM);
	/* Room for the strerror part when the prefix is short enough.  */
	memset(big, 'c', FS_ERR_LEN - 20);
	big[FS_ERR_LEN - 20] = '\0';
	fs_err_sys(&e, "%s", big);
	ck_assert_uint_eq(strlen(e.msg), FS_ERR_LEN - 1);
	ck_assert_int_eq(memcmp(e.msg + FS_ERR_LEN - 20, ": ", 2), 0);
}
END_TEST

START_TEST(test_error_null_struct_allowed)
{
	ck_assert_int_eq(fs_err_set(NULL, FS_E_USAGE, "nobody %s", "reads"),
	    -FS_E_USAGE);
	errno = ENOMEM;
	ck_assert_int_eq(fs_err_sys(NULL, "nobody"), -FS_E_SYS);
	ck_assert_int_eq(errno, ENOMEM);
	fs_err_clear(NULL);
}
END_TEST

START_TEST(test_error_clear_empties)
{
	struct fs_err e;

	fs_err_set(&e, FS_E_STATE, "stale");
	fs_err_clear(&e);
	ck_assert_int_eq(e.code, FS_OK);
	ck_assert_str_eq(e.msg, "");
}
END_TEST

START_TEST(test_error_strerror_every_code)
{
	const char *s[FS_E_MAX];
	int i, j;

	for (i = 0; i < FS_E_MAX; i++) {
		s[i] = fs_strerror(i);
		ck_assert_ptr_nonnull(s[i]);
		ck_assert_uint_gt(strlen(s[i]), 0);
		ck_assert_str_ne(s[i], "unknown error");
		/* The negative return value of a function reads the same. */
		ck_assert_str_eq(fs_strerror(-i), s[i]);
		for (j = 0; j < i; j++)
			ck_assert_str_ne(s[i], s[j]);
	}
	ck_assert_str_eq(fs_strerror(FS_OK), "success");
	ck_assert_str_eq(fs_strerror(FS_E_NOENT), "not found");
	ck_assert_str_eq(fs_strerror(FS_E_EXITED), "the process has exited");
}
END_TEST

START_TEST(test_error_strerror_out_of_range)
{
	ck_assert_str_eq(fs_strerror(FS_E_MAX), "unknown error");
	ck_assert_str_eq(fs_strerror(-FS_E_MAX), "unknown error");
	ck_assert_str_eq(fs_strerror(1000), "unknown error");
	ck_assert_str_eq(fs_strerror(-1000), "unknown error");
	ck_assert_str_eq(fs_strerror(INT_MAX), "unknown error");
	/* -INT_MIN does not exist: the code must not index with it.  */
	ck_assert_str_eq(fs_strerror(INT_MIN), "unknown error");
}
END_TEST

Suite *
error_suite(void)
{
	Suite *s = suite_create("error");
	TCase *tc;

	tc = tcase_create("records_messages");
	tcase_add_test(tc, test_error_set_returns_negative_code);
	tcase_add_test(tc, test_error_set_formats_message);
	tcase_add_test(tc, test_error_set_truncates_long_message);
	tcase_add_test(tc, test_error_null_struct_allowed);
	tcase_add_test(tc, test_error_clear_empties);
	suite_add_tcase(s, tc);

	tc = tcase_create("reports_system_errors");
	tcase_add_test(tc, test_error_sys_appends_strerror);
	tcase_add_test(tc, test_error_sys_preserves_errno);
	tcase_add_test(tc, test_error_sys_long_prefix_stays_terminated);
	suite_add_tcase(s, tc);

	tc = tcase_create("describes_codes");
	tcase_add_test(tc, test_error_strerror_every_code);
	tcase_add_test(tc, test_error_strerror_out_of_range);
	suite_add_tcase(s, tc);
	return s;
}
