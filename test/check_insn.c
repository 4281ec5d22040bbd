/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_insn: decoding known x86-64 byte sequences. */
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_common.h"
#include "fs_elf.h"
#include "fs_error.h"
#include "fs_insn.h"

/* Decode CODE at ADDR, which must succeed.  */
static struct fs_insn
decode(const char *code, size_t len, uint64_t addr, bool intel)
{
	struct fs_insn in;

	memset(&in, 0x5a, sizeof in);
	ck_assert_int_eq(fs_insn_decode((const uint8_t *)code, len, addr,
	    intel, &in), 0);
	ck_assert_uint_eq(in.addr, addr);
	ck_assert_uint_gt(in.len, 0);
	ck_assert_uint_le(in.len, len);
	ck_assert_uint_lt(strlen(in.text), sizeof in.text);
	return in;
}

START_TEST(test_insn_direct_call)
{
	struct fs_insn in;

	in = decode("\xe8\x00\x00\x00\x00", 5, 0x1000, false);
	ck_assert_uint_eq(in.len, 5);
	ck_assert(in.is_call);
	ck_assert(!in.is_ret && !in.is_syscall);
	ck_assert_uint_eq(in.target, 0x1005);
	ck_assert_ptr_nonnull(strstr(in.text, "call"));
	ck_assert_ptr_nonnull(strstr(in.text, "0x1005"));

	/* A backward call, relative to the end of the instruction.  */
	in = decode("\xe8\xfb\xff\xff\xff", 5, 0x555555555000, false);
	ck_assert(in.is_call);
	ck_assert_uint_eq(in.target, 0x555555555000);
	in = decode("\xe8\x10\x00\x00\x00\x90\x90", 7, 0x400000, false);
	ck_assert_uint_eq(in.len, 5);
	ck_assert_uint_eq(in.target, 0x400015);
}
END_TEST

START_TEST(test_insn_indirect_call)
{
	struct fs_insn in;

	in = decode("\xff\xd0", 2, 0x2000, false);
	ck_assert_uint_eq(in.len, 2);
	ck_assert(in.is_call);
	ck_assert_uint_eq(in.target, 0);
	ck_assert_str_eq(in.text, "call *%rax");
	/* call *0x2fe2(%rip): through the GOT.  */
	in = decode("\xff\x15\xe2\x2f\x00\x00", 6, 0x3000, false);
	ck_assert_uint_eq(in.len, 6);
	ck_assert(in.is_call);
	ck_assert_uint_eq(in.target, 0);
}
END_TEST

START_TEST(test_insn_ret)
{
	struct fs_insn in;

	in = decode("\xc3", 1, 0x10, false);
	ck_assert_uint_eq(in.len, 1);
	ck_assert(in.is_ret);
	ck_assert(!in.is_call && !in.is_syscall);
	ck_assert_uint_eq(in.target, 0);
	ck_assert_ptr_nonnull(strstr(in.text, "ret"));
	in = decode("\xc2\x08\x00", 3, 0x10, false);	/* ret $8 */
	ck_assert_uint_eq(in.len, 3);
	ck_assert(in.is_ret);
}
END_TEST

START_TEST(test_insn_prologue_text)
{
	struct fs_insn in;

	in = decode("\x55", 1, 0x1129, false);
	ck_assert_uint_eq(in.len, 1);
	ck_assert_str_eq(in.text, "push %rbp");
	ck_assert(!in.is_call && !in.is_ret && !in.is_syscall);
	in = decode("\x48\x89\xe5", 3, 0x112a, false);
	ck_assert_uint_eq(in.len, 3);
	ck_assert_str_eq(in.text, "mov %rsp, %rbp");
	in = decode("\x48\x89\xe5", 3, 0x112a, true);
	ck_assert_str_eq(in.text, "mov rbp, rsp");
	in = decode("\x55", 1, 0x1129, true);
	ck_assert_str_eq(in.text, "push rbp");
	in = decode("\xf3\x0f\x1e\xfa", 4, 0, false);
	ck_assert_uint_eq(in.len, 4);
	ck_assert_str_eq(in.text, "endbr64");
}
END_TEST

START_TEST(test_insn_syscall)
{
	struct fs_insn in;

	in = decode("\x0f\x05", 2, 0x7000, false);
	ck_assert_uint_eq(in.len, 2);
	ck_assert(in.is_syscall);
	ck_assert(!in.is_call && !in.is_ret);
	ck_assert_str_eq(in.text, "syscall");
	in = decode("\xcc", 1, 0, false);
	ck_assert(!in.is_syscall && !in.is_call);
	ck_assert_str_eq(in.text, "int3");
}
END_TEST

START_TEST(test_insn_jumps_have_targets)
{
	struct fs_insn in;

	in = decode("\xeb\xfe", 2, 0x4000, false);	/* jmp . */
	ck_assert_uint_eq(in.target, 0x4000);
	ck_assert(!in.is_call);
	in = decode("\xe9\x00\x01\x00\x00", 5, 0x4000, false);
	ck_assert_uint_eq(in.target, 0x4105);
	in = decode("\xff\xe0", 2, 0x4000, false);	/* jmp *%rax */
	ck_assert_uint_eq(in.target, 0);
	ck_assert(!in.is_call);
}
END_TEST

START_TEST(test_insn_decodes_only_the_first)
{
	struct fs_insn in;

	in = decode("\x55\x48\x89\xe5\xc3", 5, 0x100, false);
	ck_assert_uint_eq(in.len, 1);
	in = decode("\x48\x89\xe5\xc3", 4, 0x101, false);
	ck_assert_uint_eq(in.len, 3);
}
END_TEST

START_TEST(test_insn_rejects_garbage)
{
	static const struct {
		const char	*code;
		size_t		 len;
	} bad[] = {
		{ "\x06", 1 },			/* push %es: not in 64-bit */
		{ "\xe8\x00\x00", 3 },		/* call cut short */
		{ "\x48\x89", 2 },		/* mov without its ModRM */
		{ "\x0f", 1 },
		{ "", 0 },
	};
	struct fs_insn in;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		memset(&in, 0x5a, sizeof in);
		ck_assert_msg(fs_insn_decode((const uint8_t *)bad[i].code,
		    bad[i].len, 0x1000, false, &in) == -1, "case %zu", i);
		/* Nothing stale is left in OUT.  */
		ck_assert_uint_eq(in.len, 0);
		ck_assert(!in.is_call && !in.is_ret && !in.is_syscall);
		ck_assert_uint_eq(in.target, 0);
		ck_assert_str_eq(in.text, "");
	}
}
END_TEST

/* What a comparison with objdump found.  */
struct cmp {
	unsigned	total;		/* instructions compared */
	unsigned	bad;		/* text or decode differs */
	unsigned	zydis;		/* the fast decode differs in length */
	uint64_t	sample[96];	/* addresses to ask gdb about */
	unsigned	nsample, nevex;
};

/* The bytes at ADDR of ELF, as many as there are up to 16; NULL if none.  */
static const uint8_t *
elf_code(const struct fs_elf *elf, uint64_t addr, size_t *len)
{
	const uint8_t *code;

	for (*len = 16; *len > 0; (*len)--)
		if ((code = fs_elf_bytes(elf, addr, *len)) != NULL)
			return code;
	return NULL;
}

/* Compare fs_insn with every instruction objdump shows in PATH's code, in
   AT&T or INTEL syntax.  objdump writes a branch target "1129 <main+4>"
   and a rip-relative operand's address in a comment, "# 4010 <x>"; gdb
   "0x1129 <main+4>" and "# 0x4010 <x>": fs_insn's text is gdb's without
   the symbols and the comment, whose address is RIPREL.  */
static void
compare_objdump(const char *path, bool intel, struct cmp *c)
{
	struct fs_elf *elf;
	struct fs_insn in, fast;
	struct fs_err e;
	const uint8_t *code;
	char cmd[1024], line[512], want[256], got[256], hex[32], *p;
	unsigned long long addr, riprel;
	size_t len;
	FILE *f;
	int r;

	ck_assert_msg(fs_elf_open(path, &elf, &e) == 0, "%s", e.msg);
	snprintf(cmd, sizeof cmd, "objdump -d -w --no-show-raw-insn %s '%s'",
	    intel ? "-M intel" : "", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (line[0] != ' ' || sscanf(line, " %llx:", &addr) != 1 ||
		    (p = strchr(line, '\t')) == NULL)
			continue;
		snprintf(want, sizeof want, "%s", p + 1);
		riprel = 0;
		if ((p = strstr(want, "        # ")) != NULL) {
			riprel = strtoull(p + 10, NULL, 16);
			*p = '\0';
		}
		if ((p = strstr(want, " <")) != NULL)
			*p = '\0';
		while (*want && want[strlen(want) - 1] == ' ')
			want[strlen(want) - 1] = '\0';
		if ((code = elf_code(elf, addr, &len)) == NULL)
			continue;
		c->total++;
		/* A sample spread over the code, and EVEX code (mask
		   registers) for sure.  */
		if (c->nsample < sizeof c->sample / sizeof c->sample[0] &&
		    (c->total % 5000 == 1 || ((strstr(want, "%k") != NULL ||
		    strstr(want, ",k") != NULL || strstr(want, "{k") != NULL) &&
		    c->nevex++ < 16)))
			c->sample[c->nsample++] = addr;
		r = fs_insn_decode(code, len, addr, intel, &in);
		if (r == 0 && fs_insn_decode_fast(code, len, addr, &fast) == 0 ?
		    fast.len != in.len : r == 0) {
			if (c->zydis++ < 10)
				fprintf(stderr, "%s %#llx: \"%s\": Zydis's "
				    "length %u\n", path, addr, in.gdbtext,
				    fast.len);
		}
		snprintf(got, sizeof got, "%s", r == 0 ? in.gdbtext : "(bad)");
		snprintf(hex, sizeof hex, "0x%llx", (unsigned long long)
		    in.dest);
		if (r == 0 && in.dest != 0 && (p = strstr(got, hex)) != NULL)
			memmove(p, p + 2, strlen(p + 2) + 1);
		if (strcmp(got, want) != 0 || (r == 0 && in.riprel != riprel &&
		    riprel != 0)) {
			if (c->bad++ < 10)
				fprintf(stderr, "%s %#llx: objdump \"%s\" # %llx"
				    ", framescope \"%s\" # %llx\n", path, addr,
				    want, riprel, got, r == 0 ? (unsigned long
				    long)in.riprel : 0);
		}
	}
	pclose(f);
	fs_elf_free(elf);
}

/* Every instruction of every sample, as objdump writes it.  */
START_TEST(test_insn_samples_as_objdump)
{
	char dir[4096], path[4096 + 256];
	struct cmp c = { 0 };
	struct dirent *d;
	struct fs_elf *elf;
	unsigned files = 0;
	DIR *dp;

	snprintf(dir, sizeof dir, "%s", sample_path("."));
	ck_assert_ptr_nonnull(dp = opendir(dir));
	while ((d = readdir(dp)) != NULL) {
		snprintf(path, sizeof path, "%s/%s", dir, d->d_name);
		if (d->d_name[0] == '.' || fs_elf_open(path, &elf, NULL) < 0)
			continue;
		fs_elf_free(elf);
		compare_objdump(path, _i, &c);
		files++;
	}
	closedir(dp);
	ck_assert_uint_gt(files, 50);
	ck_assert_uint_gt(c.total, 10000);
	ck_assert_msg(c.bad == 0, "%u of %u instructions differ from "
	    "objdump's", c.bad, c.total);
	ck_assert_msg(c.zydis == 0, "%u of %u instructions of another length "
	    "without text", c.zydis, c.total);
}
END_TEST

/* The C library's code, whichever it is: its string functions for every
   CPU (SSE2, AVX2, EVEX, ...) are in it, whichever this one runs.  */
static const char *
libc_path(void)
{
	static char path[4096];
	Dl_info di;

	ck_assert(dladdr((void *)printf, &di) != 0);
	ck_assert_ptr_nonnull(realpath(di.dli_fname, path));
	return path;
}

/* gdb's x/40i at each address of C's sample, in PATH, and fs_insn's text
   at each address gdb shows.  */
static void
compare_gdb(const char *path, const struct cmp *c, bool intel)
{
	struct fs_elf *elf;
	struct fs_insn in;
	const uint8_t *code;
	char cmd[8192], line[512], *text, *p;
	unsigned long long addr, riprel;
	unsigned i, total = 0, bad = 0;
	size_t n, len;
	FILE *f;

	ck_assert_int_eq(fs_elf_open(path, &elf, NULL), 0);
	n = (size_t)snprintf(cmd, sizeof cmd, "gdb -nx -batch -iex 'set "
	    "debuginfod enabled off' -ex 'set disassembly-flavor %s'",
	    intel ? "intel" : "att");
	for (i = 0; i < c->nsample && n + 64 < sizeof cmd; i++)
		n += (size_t)snprintf(cmd + n, sizeof cmd - n, " -ex 'x/40i "
		    "%#llx'", (unsigned long long)c->sample[i]);
	snprintf(cmd + n, sizeof cmd - n, " '%s' 2>&1", path);
	ck_assert_ptr_nonnull(f = popen(cmd, "r"));
	while (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, " %llx", &addr) != 1 ||
		    (text = strchr(line, '\t')) == NULL)
			continue;
		text++;
		riprel = 0;
		if ((p = strstr(text, "        # 0x")) != NULL) {
			riprel = strtoull(p + 10, NULL, 16);
			*p = '\0';
		}
		if ((p = strstr(text, " <")) != NULL)
			*p = '\0';
		if ((code = elf_code(elf, addr, &len)) == NULL)
			continue;
		total++;
		if (fs_insn_decode(code, len, addr, intel, &in) < 0)
			snprintf(in.gdbtext, sizeof in.gdbtext, "(bad)");
		if (strcmp(in.gdbtext, text) != 0 || in.riprel != riprel) {
			if (bad++ < 10)
				fprintf(stderr, "%#llx: gdb \"%s\" # %llx, "
				    "framescope \"%s\" # %llx\n", addr, text,
				    riprel, in.gdbtext,
				    (unsigned long long)in.riprel);
		}
	}
	pclose(f);
	fs_elf_free(elf);
	ck_assert_uint_gt(total, 40 * c->nsample / 2);
	ck_assert_msg(bad == 0, "%u of %u instructions differ from gdb's x/i",
	    bad, total);
}

START_TEST(test_insn_libc_as_objdump)
{
	struct cmp c = { 0 };

	compare_objdump(libc_path(), _i, &c);
	compare_gdb(libc_path(), &c, _i);
	ck_assert_uint_gt(c.total, 100000);
	ck_assert_msg(c.bad == 0, "%u of %u instructions differ from "
	    "objdump's", c.bad, c.total);
	ck_assert_msg(c.zydis == 0, "%u of %u instructions of another length "
	    "without text", c.zydis, c.total);
}
END_TEST

Suite *
insn_suite(void)
{
	Suite *s = suite_create("insn");
	TCase *tc;

	tc = tcase_create("classifies_control_flow");
	tcase_add_test(tc, test_insn_direct_call);
	tcase_add_test(tc, test_insn_indirect_call);
	tcase_add_test(tc, test_insn_ret);
	tcase_add_test(tc, test_insn_syscall);
	tcase_add_test(tc, test_insn_jumps_have_targets);
	suite_add_tcase(s, tc);

	tc = tcase_create("formats_and_measures");
	tcase_add_test(tc, test_insn_prologue_text);
	tcase_add_test(tc, test_insn_decodes_only_the_first);
	tcase_add_test(tc, test_insn_rejects_garbage);
	suite_add_tcase(s, tc);

	tc = tcase_create("as_objdump");
	tcase_set_timeout(tc, 120);
	tcase_add_loop_test(tc, test_insn_samples_as_objdump, 0, 2);
	tcase_add_loop_test(tc, test_insn_libc_as_objdump, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
