/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * Registers against gdb and against known truth.  Sample floats stops in
 * regs_here() with every register the processor has set by fill_regs():
 * the general ones, the x87 stack, mxcsr, xmm0-15, the upper halves of
 * ymm0-15 with AVX, and with AVX-512 zmm0-31 and k0-7.  gdb and
 * framescope run `info registers' with each group, `info all-registers',
 * `print $xmm0' and the like, and every line must be the same: the same
 * registers exist in both (a machine without AVX-512 has no zmm in either,
 * and nothing here asserts it has).  gdb 13 reads the AVX-512 state at
 * the offsets of Intel's XSAVE layout, which AMD's processors do not use:
 * where its k1 is not the value the program set, its AVX-512 values are
 * not compared, and framescope's are checked against the values the
 * program set instead (as they always are).
 */
#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_regs.h"

static const char *const cmds_common[] = {
	"break regs_here", "run", "info registers", "info registers general",
	"info registers float", "info registers sse", "info registers vector",
	"info registers all", "info all-registers",
	"info registers xmm1 st2 mxcsr fctrl fstat ftag fiseg fioff foseg "
	    "fooff fop rip eflags pc sp ps",
	"info registers $xmm3 $st0", "p $xmm0", "p $xmm1", "p $xmm1.v2_double",
	"p $xmm2.v4_float[1]", "p $xmm2.v8_half", "p $xmm2.v8_bfloat16",
	"p $xmm6.uint128", "p/x $xmm6", "p/z $xmm6.v4_int32", "p/x $xmm2.v4_float",
	"p $ymm2", "p $ymm3.v4_double", "p $st0", "p $st3", "p/x $st3",
	"p $st3 * 2", "p $mxcsr", "p/x $mxcsr", "p $eflags", "p $fctrl",
	"p $ftag", "p $rbx", "p $eax", "p $ax", "p $al", "p $r8w", "p $dh",
	"p $fs_base == $fs_base", "whatis $xmm0", "ptype $xmm0",
	"whatis $xmm0.v4_float", "whatis $xmm0.v8_half[0]", "whatis $ymm0",
	"ptype $ymm0", "ptype $eflags", "ptype $mxcsr", "whatis $st0",
	"whatis $fctrl", "whatis $rax", "whatis $rsp", "whatis $pc",
	"whatis $eax", "whatis $cs", "info registers xmm99", "p $xmm99",
	"p $mm0", "info registers mm1", "up", "info registers rip rbx r12 rsp", "info registers sse",
	"p $xmm5", "p $st0", "down", "p $xmm5.v2_double[0]",
	NULL
};

/* Lines whose values come from the AVX-512 state.  */
static bool
avx512_line(const char *l)
{
	const char *p = l;

	if (l[0] == 'k' && l[1] >= '0' && l[1] <= '7' && l[2] == ' ')
		return true;
	if (strncmp(l, "zmm", 3) == 0)
		return true;
	if ((strncmp(l, "xmm", 3) == 0 || strncmp(l, "ymm", 3) == 0) &&
	    atoi(l + 3) >= 16)
		return true;
	/* print of a zmm */
	if ((p = strstr(l, " = {v32_bfloat16")) != NULL)
		return true;
	return false;
}

/* From the breakpoint's report on.  */
static char **
lines_from_stop(const char *out, size_t *n)
{
	char **all = util_lines(out, n), **v;
	size_t i, k = 0;
	bool on = false;

	ck_assert_ptr_nonnull(v = calloc(*n + 1, sizeof *v));
	for (i = 0; i < *n; i++) {
		if (strncmp(all[i], "Breakpoint 1, ", 14) == 0)
			on = true;
		if (on)
			ck_assert_ptr_nonnull(v[k++] = strdup(all[i]));
	}
	util_lines_free(all);
	*n = k;
	return v;
}

static void
compare_regs(const char *sample)
{
	char *prog = util_sample(sample);
	struct util_result g, f;
	char **gl, **fl;
	size_t gn, fn, i;
	bool gdb_avx512_ok, fs_avx512 = false, skipped = false;

	util_gdb(&g, NULL, cmds_common, prog, NULL);
	util_framescope(&f, NULL, cmds_common, prog, NULL);
	ck_assert_msg(!f.timed_out && WIFEXITED(f.status), "%s: framescope "
	    "%s\n%s", sample, util_status_text(&f), f.err);
	gl = lines_from_stop(g.out, &gn);
	fl = lines_from_stop(f.out, &fn);
	ck_assert_msg(gn > 100, "%s: gdb said little:\n%s%s", sample, g.out,
	    g.err);
	/* gdb's AVX-512 values are right when its k1 is what was set.  */
	gdb_avx512_ok = strstr(g.out, "\nk1             0x5a5a ") != NULL;
	fs_avx512 = strstr(f.out, "\nk1             0x5a5a ") != NULL;
	ck_assert_msg(fs_avx512 == (strstr(g.out, "\nk1 ") != NULL),
	    "%s: framescope and gdb disagree on AVX-512 being there", sample);
	ck_assert_msg(gn == fn, "%s: gdb printed %zu lines, framescope %zu\n"
	    "--- gdb:\n%s--- framescope:\n%s%s", sample, gn, fn, g.out, f.out,
	    f.err);
	for (i = 0; i < gn; i++) {
		if (strcmp(gl[i], fl[i]) == 0)
			continue;
		if (!gdb_avx512_ok && avx512_line(gl[i]) &&
		    avx512_line(fl[i]) && strncmp(gl[i], fl[i], 6) == 0) {
			skipped = true;
			continue;
		}
		ck_abort_msg("%s: line %zu differs from gdb's:\n  gdb:        "
		    "%.300s\n  framescope: %.300s", sample, i + 1, gl[i],
		    fl[i]);
	}
	ck_assert_msg(!skipped || fs_avx512, "%s: skipped lines without "
	    "AVX-512", sample);
	util_strv_free(gl, gn);
	util_strv_free(fl, fn);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}

START_TEST(test_regs_as_gdb)
{
	static const char *const samples[] = { "floats-O0", "floats-O2" };

	compare_regs(samples[_i]);
}
END_TEST

/* CMDS on add32-m32-O0 print what gdb prints from the stop on, more
   than MIN lines; framescope's output in *F (none without gdb).  */
static void
add32_as_gdb(const char *const cmds[], size_t min, struct util_result *f)
{
	char *prog = util_sample("add32-m32-O0");
	struct util_result g;
	char **gl, **fl;
	size_t gn, fn, i;

	memset(f, 0, sizeof *f);
	if (!util_have_gdb()) {
		free(prog);
		return;
	}
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(f, NULL, cmds, prog, NULL);
	gl = lines_from_stop(g.out, &gn);
	fl = lines_from_stop(f->out, &fn);
	ck_assert_msg(gn > min && gn == fn, "gdb:\n%sframescope:\n%s", g.out,
	    f->out);
	for (i = 0; i < gn; i++)
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "line %zu:\n  gdb:"
		    "        %s\n  framescope: %s", i + 1, gl[i], fl[i]);
	util_strv_free(gl, gn);
	util_strv_free(fl, fn);
	util_result_free(&g);
	free(prog);
}

/* An i386 program's $esp, $ebp and $eip are pointers as gdb types them
   on i386 (not x86-64's int halves of rsp and rbp), in each frame, and
   x86-64's own registers ($rsp, $r8) are none.  */
START_TEST(test_regs_i386_pointers)
{
	const char *cmds[] = { "break Add", "run", "p $esp", "p $ebp",
	    "p $eip", "ptype $esp", "whatis $eip", "p $eax", "p $rsp",
	    "p $r8", "p $sp", "p $pc", "p $fp", "p $esp + 4", "up",
	    "p $esp", "p $ebp", "p $eip", NULL };
	struct util_result f;

	add32_as_gdb(cmds, 15, &f);
	if (f.out == NULL)
		return;
	ck_assert_msg(strstr(f.out, "$1 = (void *) 0xff") != NULL &&
	    strstr(f.out, " = (void (*)()) 0x5655") != NULL, "%s", f.out);
	util_result_free(&f);
}
END_TEST

/* An i386 program's info registers as gdb's on i386: the general group
   (and AVX-512's masks where the processor has them), the x87 and the
   SSE groups with i386's eight xmm registers, the vector and all groups
   with the MMX registers, registers by name, in a caller's frame too;
   x86-64's xmm9 is none.  */
START_TEST(test_info_registers_i386)
{
	const char *cmds[] = { "break Add", "run", "info registers",
	    "info registers float", "info registers sse",
	    "info registers eax $k1 xmm7 st0 mxcsr fctrl", "up",
	    "info registers esp eip", "info registers general",
	    "info registers xmm9", "p $xmm9", "p $ymm8", "p $xmm7.v4_int32",
	    "info registers vector", "info registers all",
	    "info all-registers", "info registers mm3 st1", "p $mm0",
	    "p $mm1.v2_int32", "down", "info registers all", NULL };
	struct util_result f;

	add32_as_gdb(cmds, 60, &f);
	util_result_free(&f);
}
END_TEST

/* The int32 at byte OFF of the values fill_regs loads past xmm0-15:
   byte i is i * 7 % 251.  */
static int
pattern32(unsigned off)
{
	unsigned char b[4];
	unsigned i;
	int v;

	for (i = 0; i < 4; i++)
		b[i] = (unsigned char)((off + i) * 7 % 251);
	memcpy(&v, b, 4);
	return v;
}

/* What fill_regs set, read back: whatever gdb says.  */
START_TEST(test_regs_known_truth)
{
	const char *cmds[] = { "break regs_here", "run",
	    "p $xmm2.v4_float", "p $xmm3.v2_double", "p $st0", "p $st1",
	    "p $st2", "p $st3", "p $st4", "p $mxcsr", "p/x $rbx", "p $rdx",
	    "p $r9", "p $ftag", "info registers ymm0 k1", NULL };
	char *prog = util_sample("floats-O0"), want[256];
	struct util_result f;
	bool avx, avx512;

	util_framescope(&f, NULL, cmds, prog, NULL);
	ck_assert_msg(WIFEXITED(f.status), "%s", util_status_text(&f));
#define HAS(s) ck_assert_msg(strstr(f.out, s) != NULL, "no \"%s\" in:\n%s", \
	s, f.out)
	HAS("$1 = {2, 2.25, 2.5, -97.25}\n");
	HAS("$2 = {0.25, -30000000000}\n");
	HAS("$3 = -0.375\n");
	HAS("$4 = 2.5\n");
	HAS("$5 = 0\n");
	HAS("$6 = 3.14159265358979323851\n");
	HAS("$7 = 1\n");
	HAS("$8 = [ PE IM DM ZM OM UM PM ]\n");
	HAS("$9 = 0x1111111111111111\n");
	HAS("$10 = -3\n");
	HAS("$11 = -6\n");
	/* Five registers pushed, the top at physical register 3: st0-st4
	   in 3-7, valid but st2 (zero: 01), 0-2 empty (11).  */
	HAS("$12 = 1087\n");
	avx = strstr(f.out, "\nymm0 ") != NULL;
	avx512 = strstr(f.out, "\nk1 ") != NULL;
	util_result_free(&f);
	if (avx) {
		const char *c2[] = { "break regs_here", "run",
		    "p $ymm5.v8_int32[4]", "p $ymm15.v8_int32[7]", NULL };

		util_framescope(&f, NULL, c2, prog, NULL);
		snprintf(want, sizeof want, "$1 = %d\n$2 = %d\n",
		    pattern32(256 + 16 * 5), pattern32(256 + 16 * 15 + 12));
		HAS(want);
		util_result_free(&f);
	}
	if (avx512) {
		const char *c3[] = { "break regs_here", "run", "p $k1", "p $k2",
		    "p $k7", "p $k0", "p $zmm3.v16_int32[8]",
		    "p $zmm15.v16_int32[15]", "p $zmm16.v16_int32[0]",
		    "p $xmm20.v4_int32[1]", "p $ymm31.v8_int32[7]",
		    "p $zmm31.v16_int32[15]", NULL };

		util_framescope(&f, NULL, c3, prog, NULL);
		snprintf(want, sizeof want, "$1 = 23130\n$2 = 3855\n$3 = 32769\n"
		    "$4 = 0\n$5 = %d\n$6 = %d\n$7 = %d\n$8 = %d\n$9 = %d\n"
		    "$10 = %d\n", pattern32(512 + 32 * 3),
		    pattern32(512 + 32 * 15 + 28), pattern32(1024),
		    pattern32(1024 + 64 * 4 + 4), pattern32(1024 + 64 * 15 + 28),
		    pattern32(1024 + 64 * 15 + 60));
		HAS(want);
		util_result_free(&f);
	}
#undef HAS
	free(prog);
}
END_TEST

/* fs_regs on an XSAVE area made here: the legacy part, the header's
   initial-state bits, the full tag word from FXSAVE's abridged one.  */
START_TEST(test_regs_xsave)
{
	static uint8_t xs[4096];
	const struct fs_reg *r;
	struct fs_regfile rf;
	uint8_t b[64];
	uint32_t v;
	size_t i;

	memset(&rf, 0, sizeof rf);
	rf.xsave = xs;
	rf.xlen = sizeof xs;
	memset(xs, 0, sizeof xs);
	/* Header says nothing is there: FNINIT's state, zeros.  */
	memset(xs, 0xee, 512);
	fs_regs_read(&rf, fs_regs_find("fctrl"), b);
	memcpy(&v, b, 4);
	ck_assert_uint_eq(v, 0x37f);
	fs_regs_read(&rf, fs_regs_find("ftag"), b);
	memcpy(&v, b, 4);
	ck_assert_uint_eq(v, 0xffff);
	fs_regs_read(&rf, fs_regs_find("xmm3"), b);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(b[i], 0);
	/* x87 and SSE there: top 5, st0 = 1.0 (valid), st1 = 0 (zero),
	   st2 a NaN (special), the rest empty.  */
	memset(xs, 0, 512);
	xs[512] = 3;
	xs[0] = 0x7f;
	xs[1] = 0x03;
	xs[3] = 5 << 3;
	xs[4] = 0xe0;
	xs[32 + 7] = 0x80;
	xs[32 + 8] = 0xff;
	xs[32 + 9] = 0x3f;
	xs[64 + 8] = 0xff;
	xs[64 + 9] = 0x7f;
	xs[64 + 7] = 0xc0;
	for (i = 0; i < 16; i++)
		xs[160 + 48 + i] = (uint8_t)(i + 1);
	fs_regs_read(&rf, fs_regs_find("ftag"), b);
	memcpy(&v, b, 4);
	ck_assert_uint_eq(v, 0x93ff);
	fs_regs_read(&rf, fs_regs_find("st0"), b);
	ck_assert(fs_regs_ext_to_double(b) == 1.0);
	fs_regs_read(&rf, fs_regs_find("xmm3"), b);
	for (i = 0; i < 16; i++)
		ck_assert_uint_eq(b[i], i + 1);
	/* Names, aliases, groups.  */
	ck_assert_ptr_null(fs_regs_find("xmm99"));
	ck_assert_ptr_eq(fs_regs_find("pc"), fs_regs_find("rip"));
	ck_assert_ptr_nonnull(r = fs_regs_find("al"));
	ck_assert_uint_eq(r->size, 1);
	{
		const struct fs_reg *const *g;
		size_t n = fs_regs_group(FS_RG_GENERAL, &g);

		ck_assert_uint_ge(n, 24);
		ck_assert_str_eq(g[0]->name, "rax");
		for (i = 0; i < n; i++)
			ck_assert_str_ne(g[i]->name, "fs_base");
		ck_assert_uint_eq(fs_regs_group(FS_RG_FLOAT, &g), 16);
		ck_assert_str_eq(g[15]->name, "fop");
	}
	/* DWARF numbers: xmm as the ymm it is part of where there is one. */
	ck_assert_ptr_eq(fs_regs_dwarf(7), fs_regs_find("rsp"));
	ck_assert_ptr_eq(fs_regs_dwarf(33), fs_regs_find("st0"));
	ck_assert_ptr_eq(fs_regs_dwarf(17), fs_regs_find("ymm0") != NULL ?
	    fs_regs_find("ymm0") : fs_regs_find("xmm0"));
}
END_TEST

Suite *
regs_suite(void)
{
	Suite *s = suite_create("regs");
	TCase *tc = tcase_create("gdb");
	TCase *tu = tcase_create("unit");

	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_regs_as_gdb, 0, 2);
	tcase_add_test(tc, test_regs_known_truth);
	tcase_add_test(tc, test_regs_i386_pointers);
	tcase_add_test(tc, test_info_registers_i386);
	suite_add_tcase(s, tc);
	tcase_add_test(tu, test_regs_xsave);
	suite_add_tcase(s, tu);
	return s;
}
