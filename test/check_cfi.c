/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_cfi: every row of the CFI tables of samples and of the C
   library, as `readelf --debug-dump=frames-interp` prints them, against
   fs_cfi_row; broken tables do not crash it.  */
#include <sys/stat.h>

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_cfi.h"
#include "fs_elf.h"

#define LIBC	"/lib/x86_64-linux-gnu/libc.so.6"

/* readelf's names of DWARF registers 0 to 16.  */
static const char *const reg_names[FS_CFI_NREG] = { "rax", "rdx", "rcx",
    "rbx", "rsi", "rdi", "rbp", "rsp", "r8", "r9", "r10", "r11", "r12",
    "r13", "r14", "r15", "ra" };

/* The DWARF number of a column readelf names, -1 for one not kept.  */
static int
column_reg(const char *name)
{
	int i;

	for (i = 0; i < FS_CFI_NREG; i++)
		if (strcmp(name, reg_names[i]) == 0)
			return i;
	return -1;
}

/* Whether readelf's cell TEXT says what RULE HOW/OFF says.  "u" is both
   undefined and not yet set (the register keeps its value).  */
static bool
cell_matches(const char *text, uint8_t how, int64_t off)
{
	char buf[32];

	if (strcmp(text, "u") == 0)
		return how == FS_CFI_UNDEF || how == FS_CFI_SAME;
	if (strcmp(text, "s") == 0)
		return how == FS_CFI_SAME;
	if (text[0] == 'c') {
		snprintf(buf, sizeof buf, "c%+lld", (long long)off);
		return how == FS_CFI_OFFSET && strcmp(text, buf) == 0;
	}
	if (text[0] == 'v') {
		snprintf(buf, sizeof buf, "v%+lld", (long long)off);
		return how == FS_CFI_VAL_OFFSET && strcmp(text, buf) == 0;
	}
	/* exp, vexp, rN: what fs_cfi does not describe.  */
	return how == FS_CFI_OTHER;
}

struct table {
	uint64_t	 hdr, tab, count;
	struct fs_elf	*elf;
	unsigned	 rows, checked;
};

/* One row of readelf's table: LOC CFA cells..., holding up to NEXT.  */
static void
check_row(struct table *t, const char *path, char cols[][8], int ncols,
    char *const *cells, uint64_t loc, uint64_t next)
{
	struct fs_cfi_row row;
	struct fs_err e;
	uint64_t at[2] = { loc, next - 1 };
	char buf[32];
	int i, k, r;
	bool cfa_ok;

	/* A row at the FDE's end holds for nothing.  */
	if (next <= loc)
		return;
	for (k = 0; k < 2; k++) {
		fs_err_clear(&e);
		r = fs_cfi_row(t->elf, t->hdr, t->tab, t->count, at[k], &row,
		    &e);
		ck_assert_msg(r == 0, "%s: no row at %#llx: %s", path,
		    (unsigned long long)at[k], e.msg);
		ck_assert_msg(row.lo == loc && row.hi == next, "%s at %#llx: "
		    "row [%#llx, %#llx), readelf's [%#llx, %#llx)", path,
		    (unsigned long long)at[k], (unsigned long long)row.lo,
		    (unsigned long long)row.hi, (unsigned long long)loc,
		    (unsigned long long)next);
		if (strcmp(cells[0], "exp") == 0)
			cfa_ok = !row.simple;
		else {
			snprintf(buf, sizeof buf, "%s%+lld", row.cfa_reg <
			    FS_CFI_NREG ? reg_names[row.cfa_reg] : "?",
			    (long long)row.cfa_off);
			cfa_ok = strcmp(cells[0], buf) == 0;
		}
		ck_assert_msg(cfa_ok, "%s at %#llx: CFA reg %u%+lld, readelf "
		    "%s", path, (unsigned long long)at[k], row.cfa_reg,
		    (long long)row.cfa_off, cells[0]);
		for (i = 0; i < ncols; i++) {
			int reg = column_reg(cols[i]);

			if (reg < 0)
				continue;
			ck_assert_msg(cell_matches(cells[i + 1], row.how[reg],
			    row.off[reg]), "%s at %#llx: %s is rule %u %+lld, "
			    "readelf %s", path, (unsigned long long)at[k],
			    cols[i], row.how[reg], (long long)row.off[reg],
			    cells[i + 1]);
		}
		t->checked++;
	}
	t->rows++;
}

/* Every row readelf prints for the FDEs of PATH.  */
static void
check_file(const char *path, unsigned min_rows)
{
	char cmd[PATH_MAX + 64], line[1024], cols[24][8], *cells[26];
	char pend[26][16], copy[1024];
	struct table t;
	struct fs_err e;
	uint64_t lo = 0, hi = 0, loc, ploc = 0;
	int ncols = 0, npend = -1, i;
	bool in_fde = false;
	FILE *f;

	memset(&t, 0, sizeof t);
	fs_err_clear(&e);
	ck_assert_msg(fs_elf_open(path, &t.elf, &e) == 0, "%s: %s", path,
	    e.msg);
	ck_assert_int_eq(fs_cfi_table(t.elf, &t.hdr, &t.tab, &t.count), 0);
	snprintf(cmd, sizeof cmd, "readelf -wF '%s' 2>/dev/null", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned long long a, b;
		char *tok, *save;
		int n;

		if (strstr(line, " FDE ") != NULL) {
			char *pc = strstr(line, "pc=");

			/* The last row of the FDE before holds to its end.  */
			if (npend >= 0) {
				for (i = 0; i <= npend; i++)
					cells[i] = pend[i];
				check_row(&t, path, cols, ncols, cells, ploc,
				    hi);
			}
			npend = -1;
			in_fde = pc != NULL && sscanf(pc, "pc=%llx..%llx", &a,
			    &b) == 2;
			lo = a;
			hi = b;
			continue;
		}
		if (strstr(line, " CIE ") != NULL || line[0] == '\n') {
			if (npend >= 0) {
				for (i = 0; i <= npend; i++)
					cells[i] = pend[i];
				check_row(&t, path, cols, ncols, cells, ploc,
				    hi);
			}
			npend = -1;
			if (strstr(line, " CIE ") != NULL)
				in_fde = false;
			continue;
		}
		if (!in_fde)
			continue;
		if (strstr(line, "LOC") != NULL) {
			ncols = 0;
			tok = strtok_r(line, " \n", &save);	/* LOC */
			tok = strtok_r(NULL, " \n", &save);	/* CFA */
			while ((tok = strtok_r(NULL, " \n", &save)) != NULL &&
			    ncols < 24)
				snprintf(cols[ncols++], sizeof cols[0], "%s",
				    tok);
			continue;
		}
		/* A row starts with its 16-digit address.  */
		if (strspn(line, "0123456789abcdef") != 16 ||
		    sscanf(line, "%llx", &a) != 1)
			continue;
		snprintf(copy, sizeof copy, "%s", line);
		loc = a;
		ck_assert_msg(loc >= lo && loc <= hi, "%s: row at %#llx "
		    "outside its FDE", path, a);
		if (npend >= 0) {
			for (i = 0; i <= npend; i++)
				cells[i] = pend[i];
			check_row(&t, path, cols, ncols, cells, ploc, loc);
		}
		n = 0;
		tok = strtok_r(line, " \n", &save);
		while ((tok = strtok_r(NULL, " \n", &save)) != NULL && n < 25) {
			/* "r9 (r9)": a register saved in another.  */
			if (tok[0] == '(' && n > 0)
				continue;
			snprintf(pend[n++], sizeof pend[0], "%s", tok);
		}
		ck_assert_msg(n == ncols + 1, "%s: %d cells for %d columns "
		    "in: %s", path, n, ncols, copy);
		npend = n - 1;
		ploc = loc;
	}
	/* readelf exits 1 on the C library with nothing said: the rows
	   counted below tell whether it printed its tables.  */
	pclose(f);
	ck_assert_msg(t.rows >= min_rows, "%s: %u rows checked", path,
	    t.rows);
	fs_elf_free(t.elf);
}

START_TEST(test_cfi_rows_match_readelf_in_samples)
{
	static const char *const names[] = { "callee8-O0", "callee8-O2",
	    "factorial-O0-nofp", "sighandler-O2", "rust-heap_demo-O2",
	    "rust-traits-O0" };
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++)
		check_file(sample_path(names[i]), 2);
}
END_TEST

START_TEST(test_cfi_rows_match_readelf_in_libc)
{
	/* Thousands of FDEs with remember/restore_state, long advances
	   and every register saved.  */
	check_file(LIBC, 10000);
}
END_TEST

START_TEST(test_cfi_outside_fdes_is_noent)
{
	struct fs_elf *elf;
	struct fs_cfi_row row;
	uint64_t hdr, tab, count;

	ck_assert_int_eq(fs_elf_open(sample_path("callee8-O0"), &elf, NULL),
	    0);
	ck_assert_int_eq(fs_cfi_table(elf, &hdr, &tab, &count), 0);
	ck_assert_int_eq(fs_cfi_row(elf, hdr, tab, count, 0, &row, NULL),
	    -FS_E_NOENT);
	ck_assert_int_eq(fs_cfi_row(elf, hdr, tab, count, UINT64_MAX / 2,
	    &row, NULL), -FS_E_NOENT);
	fs_elf_free(elf);
}
END_TEST

/* .eh_frame of PATH: its file offset and size, from readelf.  */
static void
eh_frame_section(const char *path, long *off, long *size)
{
	char cmd[PATH_MAX + 64], line[512], name[64];
	unsigned long long addr, o, sz;
	FILE *f;

	*off = *size = 0;
	snprintf(cmd, sizeof cmd, "readelf -SW '%s'", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		char *p = strchr(line, ']');

		if (p != NULL && sscanf(p + 1, " %63s %*s %llx %llx %llx",
		    name, &addr, &o, &sz) == 4 && strcmp(name, ".eh_frame")
		    == 0) {
			*off = (long)o;
			*size = (long)sz;
		}
	}
	pclose(f);
	ck_assert_int_gt(*size, 0);
}

START_TEST(test_cfi_survives_garbage)
{
	char path[] = "/tmp/fs-cfi-XXXXXX";
	const char *src = sample_path("calc-O0");
	struct fs_cfi_row row;
	struct fs_elf *elf;
	uint64_t hdr, tab, count, a;
	unsigned char *buf;
	long off, size, i;
	unsigned ok = 0, bad = 0, round;
	int fd;
	FILE *in;

	eh_frame_section(src, &off, &size);
	ck_assert_ptr_nonnull(in = fopen(src, "rb"));
	ck_assert_ptr_nonnull(buf = malloc(1 << 20));
	{
		size_t n = fread(buf, 1, 1 << 20, in);

		fclose(in);
		srandom(7);
		for (round = 0; round < 40; round++) {
			/* Bytes of .eh_frame at random, more each round;
			   every address of the program asked.  */
			for (i = 0; i < 1 + (long)round; i++)
				buf[off + random() % size] = (unsigned char)
				    random();
			ck_assert_int_ge(fd = mkstemp(path), 0);
			ck_assert(write(fd, buf, n) == (ssize_t)n);
			close(fd);
			ck_assert_int_eq(fs_elf_open(path, &elf, NULL), 0);
			if (fs_cfi_table(elf, &hdr, &tab, &count) == 0)
				for (a = 0x1000; a < 0x1400; a++) {
					if (fs_cfi_row(elf, hdr, tab, count, a,
					    &row, NULL) == 0)
						ok++;
					else
						bad++;
				}
			fs_elf_free(elf);
			unlink(path);
			snprintf(path, sizeof path, "/tmp/fs-cfi-XXXXXX");
		}
	}
	free(buf);
	/* Both outcomes happened: the garbage was read, and refused.  */
	ck_assert_uint_gt(ok, 0);
	ck_assert_uint_gt(bad, 0);
}
END_TEST

Suite *
cfi_suite(void)
{
	Suite *s = suite_create("cfi");
	TCase *tc;

	tc = tcase_create("rows");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cfi_rows_match_readelf_in_samples);
	tcase_add_test(tc, test_cfi_rows_match_readelf_in_libc);
	tcase_add_test(tc, test_cfi_outside_fdes_is_noent);
	tcase_add_test(tc, test_cfi_survives_garbage);
	suite_add_tcase(s, tc);
	return s;
}
