/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_maps: parsing /proc/PID/maps text, lookups, and our own map. */
#include <sys/mman.h>
#include <sys/wait.h>

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "fs_maps.h"

/* Lines as the kernel writes them: an anonymous mapping ends with the
   space after its inode, a named one has its path padded to a column.  */
static const char kernel_text[] =
    "555555554000-555555555000 r--p 00000000 fe:00 1234"
    "                       /opt/my app/bin/prog\n"
    "555555555000-555555556000 r-xp 00001000 fe:00 1234"
    "                       /opt/my app/bin/prog\n"
    "555555559000-55555557a000 rw-p 00000000 00:00 0"
    "                          [heap]\n"
    "7ffff7d80000-7ffff7d83000 rw-p 00000000 00:00 0 \n"
    "7ffff7d83000-7ffff7da9000 r--p 00000000 fe:00 332835"
    "                     /usr/lib/x86_64-linux-gnu/libc.so.6\n"
    "7ffff7fc1000-7ffff7fc5000 r--p 00000000 00:00 0"
    "                          [vvar]\n"
    "7ffff7fc5000-7ffff7fc7000 r-xp 00000000 00:00 0"
    "                          [vdso]\n"
    "7ffff7fc7000-7ffff7fc8000 rw-s 00002000 00:05 99"
    "                         /tmp/gone.so (deleted)\n"
    "7ffff7fc8000-7ffff7fc9000 ---p 00000000 00:00 0\n"
    "7ffffffde000-7ffffffff000 rw-p 00000000 00:00 0"
    "                          [stack]\n"
    "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0"
    "                  [vsyscall]";

struct want {
	uint64_t	 start, end, offset, inode;
	unsigned	 prot;
	const char	*path;
};

static const struct want kernel_want[] = {
	{ 0x555555554000, 0x555555555000, 0, 1234, FS_MAP_R,
	    "/opt/my app/bin/prog" },
	{ 0x555555555000, 0x555555556000, 0x1000, 1234, FS_MAP_R | FS_MAP_X,
	    "/opt/my app/bin/prog" },
	{ 0x555555559000, 0x55555557a000, 0, 0, FS_MAP_R | FS_MAP_W,
	    "[heap]" },
	{ 0x7ffff7d80000, 0x7ffff7d83000, 0, 0, FS_MAP_R | FS_MAP_W, "" },
	{ 0x7ffff7d83000, 0x7ffff7da9000, 0, 332835, FS_MAP_R,
	    "/usr/lib/x86_64-linux-gnu/libc.so.6" },
	{ 0x7ffff7fc1000, 0x7ffff7fc5000, 0, 0, FS_MAP_R, "[vvar]" },
	{ 0x7ffff7fc5000, 0x7ffff7fc7000, 0, 0, FS_MAP_R | FS_MAP_X,
	    "[vdso]" },
	{ 0x7ffff7fc7000, 0x7ffff7fc8000, 0x2000, 99, FS_MAP_R | FS_MAP_W,
	    "/tmp/gone.so (deleted)" },
	{ 0x7ffff7fc8000, 0x7ffff7fc9000, 0, 0, 0, "" },
	{ 0x7ffffffde000, 0x7ffffffff000, 0, 0, FS_MAP_R | FS_MAP_W,
	    "[stack]" },
	{ 0xffffffffff600000, 0xffffffffff601000, 0, 0, FS_MAP_X,
	    "[vsyscall]" },
};

static void
expect_maps(const struct fs_maps *m, const struct want *w, size_t n)
{
	size_t i;

	ck_assert_uint_eq(m->n, n);
	for (i = 0; i < n; i++) {
		ck_assert_msg(m->v[i].start == w[i].start &&
		    m->v[i].end == w[i].end, "entry %zu: %#llx-%#llx", i,
		    (unsigned long long)m->v[i].start,
		    (unsigned long long)m->v[i].end);
		ck_assert_uint_eq(m->v[i].offset, w[i].offset);
		ck_assert_uint_eq(m->v[i].inode, w[i].inode);
		ck_assert_uint_eq(m->v[i].prot, w[i].prot);
		ck_assert_ptr_nonnull(m->v[i].path);
		ck_assert_msg(strcmp(m->v[i].path, w[i].path) == 0,
		    "entry %zu: path \"%s\", want \"%s\"", i, m->v[i].path,
		    w[i].path);
	}
}

START_TEST(test_maps_parse_kernel_lines)
{
	struct fs_maps m = { 0 };
	struct fs_err e;

	fs_err_clear(&e);
	ck_assert_int_eq(fs_maps_parse(kernel_text, &m, &e), 0);
	expect_maps(&m, kernel_want, sizeof kernel_want /
	    sizeof kernel_want[0]);
	fs_maps_clear(&m);
	ck_assert_uint_eq(m.n, 0);
	ck_assert_ptr_null(m.v);
}
END_TEST

/* The bug this guards against: the blank after an anonymous mapping's
   inode must not let the path run into the next line.  */
START_TEST(test_maps_parse_anonymous_has_empty_path)
{
	static const char text[] =
	    "1000-2000 rw-p 00000000 00:00 0 \n"
	    "3000-4000 r-xp 00001000 fe:00 12 /usr/lib/a b.so\n"
	    "5000-6000 rw-p 00000000 00:00 0\n"
	    "7000-8000 r--p 00000000 00:00 0    \n"
	    "9000-a000 r--p 00000000 fe:00 13 /x\n";
	static const struct want w[] = {
		{ 0x1000, 0x2000, 0, 0, FS_MAP_R | FS_MAP_W, "" },
		{ 0x3000, 0x4000, 0x1000, 12, FS_MAP_R | FS_MAP_X,
		    "/usr/lib/a b.so" },
		{ 0x5000, 0x6000, 0, 0, FS_MAP_R | FS_MAP_W, "" },
		{ 0x7000, 0x8000, 0, 0, FS_MAP_R, "" },
		{ 0x9000, 0xa000, 0, 13, FS_MAP_R, "/x" },
	};
	struct fs_maps m = { 0 };

	ck_assert_int_eq(fs_maps_parse(text, &m, NULL), 0);
	expect_maps(&m, w, sizeof w / sizeof w[0]);
	fs_maps_clear(&m);
}
END_TEST

START_TEST(test_maps_parse_skips_malformed_lines)
{
	static const char text[] =
	    "garbage\n"
	    "\n"
	    "1000-2000 r--p 00000000 fe:00 7 /a\n"
	    "1000-2000 rw-p\n"
	    "zzzz-2000 rw-p 00000000 00:00 0 /b\n"
	    "4000-3000 rw-p 00000000 00:00 0 /backwards\n"
	    "5000-6000 rw-p 00000000 00:00 0 /c\n"
	    "  \n"
	    "7000-8000 r-xp 00000000 fe:00 8 /d";	/* no final newline */
	static const struct want w[] = {
		{ 0x1000, 0x2000, 0, 7, FS_MAP_R, "/a" },
		{ 0x5000, 0x6000, 0, 0, FS_MAP_R | FS_MAP_W, "/c" },
		{ 0x7000, 0x8000, 0, 8, FS_MAP_R | FS_MAP_X, "/d" },
	};
	struct fs_maps m = { 0 };

	ck_assert_int_eq(fs_maps_parse(text, &m, NULL), 0);
	expect_maps(&m, w, sizeof w / sizeof w[0]);
	fs_maps_clear(&m);
}
END_TEST

START_TEST(test_maps_parse_empties_first)
{
	struct fs_maps m = { 0 };

	ck_assert_int_eq(fs_maps_parse(kernel_text, &m, NULL), 0);
	ck_assert_uint_gt(m.n, 1);
	ck_assert_int_eq(fs_maps_parse("a000-b000 r--p 00000000 00:00 0 /z\n",
	    &m, NULL), 0);
	ck_assert_uint_eq(m.n, 1);
	ck_assert_str_eq(m.v[0].path, "/z");
	ck_assert_int_eq(fs_maps_parse("", &m, NULL), 0);
	ck_assert_uint_eq(m.n, 0);
	fs_maps_clear(&m);
}
END_TEST

START_TEST(test_maps_parse_many_lines)
{
	struct fs_maps m = { 0 };
	char *text, *p;
	size_t i, n = 1000;

	/* More than one growth of the array.  */
	ck_assert_ptr_nonnull(text = malloc(n * 80));
	p = text;
	for (i = 0; i < n; i++)
		p += sprintf(p, "%zx-%zx r--p 00000000 fe:00 %zu /lib%zu\n",
		    (i + 1) * 0x10000, (i + 1) * 0x10000 + 0x1000, i, i);
	ck_assert_int_eq(fs_maps_parse(text, &m, NULL), 0);
	ck_assert_uint_eq(m.n, n);
	ck_assert_uint_eq(m.v[n - 1].start, n * 0x10000);
	ck_assert_uint_eq(m.v[n - 1].inode, n - 1);
	ck_assert_str_eq(m.v[123].path, "/lib123");
	ck_assert_ptr_eq(fs_maps_find(&m, 500 * 0x10000 + 0xfff), &m.v[499]);
	ck_assert_ptr_null(fs_maps_find(&m, 500 * 0x10000 + 0x1000));
	fs_maps_clear(&m);
	free(text);
}
END_TEST

START_TEST(test_maps_find_boundaries)
{
	static const char text[] =
	    "1000-3000 r--p 00000000 fe:00 1 /a\n"
	    "3000-4000 r-xp 00002000 fe:00 1 /a\n"	/* adjacent */
	    "8000-9000 rw-p 00000000 00:00 0 \n";	/* after a gap */
	struct fs_maps m = { 0 };

	ck_assert_int_eq(fs_maps_parse(text, &m, NULL), 0);
	ck_assert_uint_eq(m.n, 3);
	ck_assert_ptr_null(fs_maps_find(&m, 0));
	ck_assert_ptr_null(fs_maps_find(&m, 0xfff));
	ck_assert_ptr_eq(fs_maps_find(&m, 0x1000), &m.v[0]);
	ck_assert_ptr_eq(fs_maps_find(&m, 0x2fff), &m.v[0]);
	ck_assert_ptr_eq(fs_maps_find(&m, 0x3000), &m.v[1]);
	ck_assert_ptr_eq(fs_maps_find(&m, 0x3fff), &m.v[1]);
	ck_assert_ptr_null(fs_maps_find(&m, 0x4000));
	ck_assert_ptr_null(fs_maps_find(&m, 0x7fff));
	ck_assert_ptr_eq(fs_maps_find(&m, 0x8000), &m.v[2]);
	ck_assert_ptr_eq(fs_maps_find(&m, 0x8fff), &m.v[2]);
	ck_assert_ptr_null(fs_maps_find(&m, 0x9000));
	ck_assert_ptr_null(fs_maps_find(&m, UINT64_MAX));
	fs_maps_clear(&m);
	ck_assert_ptr_null(fs_maps_find(&m, 0x1000));
}
END_TEST

/* A function of this file, to find in our own text.  */
static int
here(int x)
{
	return x + 1;
}

START_TEST(test_maps_read_own_process)
{
	char self[PATH_MAX];
	struct fs_maps m = { 0 };
	const struct fs_map *mp;
	struct fs_err e;
	volatile int local = here(1);
	ssize_t n;
	size_t i;

	fs_err_clear(&e);
	ck_assert_int_eq(fs_maps_read(getpid(), &m, &e), 0);
	ck_assert_uint_gt(m.n, 3);
	for (i = 1; i < m.n; i++)
		ck_assert_uint_ge(m.v[i].start, m.v[i - 1].end);
	for (i = 0; i < m.n; i++)
		ck_assert_uint_lt(m.v[i].start, m.v[i].end);

	ck_assert_ptr_nonnull(mp = fs_maps_find(&m,
	    (uint64_t)(uintptr_t)&local));
	ck_assert_str_eq(mp->path, "[stack]");
	ck_assert_uint_eq(mp->prot & (FS_MAP_R | FS_MAP_W),
	    FS_MAP_R | FS_MAP_W);

	ck_assert_int_gt(n = readlink("/proc/self/exe", self,
	    sizeof self - 1), 0);
	self[n] = '\0';
	ck_assert_ptr_nonnull(mp = fs_maps_find(&m,
	    (uint64_t)(uintptr_t)here));
	ck_assert_str_eq(mp->path, self);
	ck_assert_uint_ne(mp->prot & FS_MAP_X, 0);
	ck_assert_uint_eq(mp->prot & FS_MAP_W, 0);
	ck_assert_uint_ne(mp->inode, 0);
	fs_maps_clear(&m);
	ck_assert_int_eq(local, 2);
}
END_TEST

START_TEST(test_maps_read_anonymous_mapping)
{
	struct fs_maps m = { 0 };
	const struct fs_map *mp;
	long pg = sysconf(_SC_PAGESIZE);
	char *p;

	/* Three pages; the middle one read-only, so it is a mapping of its
	   own between two anonymous neighbours.  */
	p = mmap(NULL, (size_t)pg * 3, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ck_assert_ptr_ne(p, MAP_FAILED);
	ck_assert_int_eq(mprotect(p + pg, (size_t)pg, PROT_READ), 0);
	ck_assert_int_eq(fs_maps_read(getpid(), &m, NULL), 0);
	ck_assert_ptr_nonnull(mp = fs_maps_find(&m,
	    (uint64_t)(uintptr_t)(p + pg)));
	ck_assert_uint_eq(mp->start, (uint64_t)(uintptr_t)(p + pg));
	ck_assert_uint_eq(mp->end, (uint64_t)(uintptr_t)(p + 2 * pg));
	ck_assert_uint_eq(mp->prot, FS_MAP_R);
	ck_assert_uint_eq(mp->inode, 0);
	ck_assert_msg(mp->path[0] == '\0', "anonymous mapping has path "
	    "\"%s\"", mp->path);
	fs_maps_clear(&m);
	munmap(p, (size_t)pg * 3);
}
END_TEST

START_TEST(test_maps_read_missing_process)
{
	struct fs_maps m = { 0 };
	struct fs_err e;
	pid_t pid;
	int st;

	/* A pid that was ours a moment ago and is now reaped.  */
	ck_assert_int_ge(pid = fork(), 0);
	if (pid == 0)
		_exit(0);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	fs_err_clear(&e);
	ck_assert_int_eq(fs_maps_read(pid, &m, &e), -FS_E_SYS);
	ck_assert_int_eq(e.code, FS_E_SYS);
	ck_assert_ptr_nonnull(strstr(e.msg, "/maps"));
	ck_assert_ptr_nonnull(strstr(e.msg, strerror(ENOENT)));
	ck_assert_uint_eq(m.n, 0);
}
END_TEST

Suite *
maps_suite(void)
{
	Suite *s = suite_create("maps");
	TCase *tc;

	tc = tcase_create("parses_text");
	tcase_add_test(tc, test_maps_parse_kernel_lines);
	tcase_add_test(tc, test_maps_parse_anonymous_has_empty_path);
	tcase_add_test(tc, test_maps_parse_skips_malformed_lines);
	tcase_add_test(tc, test_maps_parse_empties_first);
	tcase_add_test(tc, test_maps_parse_many_lines);
	suite_add_tcase(s, tc);

	tc = tcase_create("finds_addresses");
	tcase_add_test(tc, test_maps_find_boundaries);
	suite_add_tcase(s, tc);

	tc = tcase_create("reads_live_maps");
	tcase_add_test(tc, test_maps_read_own_process);
	tcase_add_test(tc, test_maps_read_anonymous_mapping);
	tcase_add_test(tc, test_maps_read_missing_process);
	suite_add_tcase(s, tc);
	return s;
}
