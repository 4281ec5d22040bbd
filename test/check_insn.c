/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_insn: decoding known x86-64 byte sequences. */
#include <ctype.h>
#include <stdio.h>
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
	ck_assert_str_eq(in.text, "callq *%rax");
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
	ck_assert_str_eq(in.text, "pushq %rbp");
	ck_assert(!in.is_call && !in.is_ret && !in.is_syscall);
	in = decode("\x48\x89\xe5", 3, 0x112a, false);
	ck_assert_uint_eq(in.len, 3);
	ck_assert_str_eq(in.text, "movq %rsp, %rbp");
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

/* Every instruction of the samples' code, written as objdump (and so
   gdb, with the same libopcodes) writes it, in AT&T and Intel syntax.
   objdump shows direct branch targets without "0x" and a symbol after
   them, gdb with "0x": those are compared as gdb shows them.  */
static void
same_as_objdump(const char *sample, bool intel)
{
	const char *path = sample_path(sample);
	struct fs_elf *elf;
	struct fs_insn in;
	struct fs_err e;
	const uint8_t *code;
	char cmd[1024], line[512], want[256], *tab, *lt;
	unsigned long long addr;
	unsigned total = 0, bad = 0;
	FILE *p;

	ck_assert_msg(fs_elf_open(path, &elf, &e) == 0, "%s", e.msg);
	snprintf(cmd, sizeof cmd, "objdump -d --no-show-raw-insn %s %s",
	    intel ? "-M intel" : "", path);
	ck_assert_ptr_nonnull(p = popen(cmd, "r"));
	while (fgets(line, sizeof line, p) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (sscanf(line, " %llx:", &addr) != 1 ||
		    (tab = strchr(line, '\t')) == NULL || line[0] != ' ')
			continue;
		snprintf(want, sizeof want, "%s", tab + 1);
		if ((lt = strstr(want, " <")) != NULL)
			*lt = '\0';
		want[strcspn(want, "#")] = '\0';
		while (*want && want[strlen(want) - 1] == ' ')
			want[strlen(want) - 1] = '\0';
		if ((code = fs_elf_bytes(elf, addr, 1)) == NULL)
			continue;
		ck_assert_int_eq(fs_insn_decode(code, 15, addr, intel, &in),
		    0);
		total++;
		if (want[0] == 'j' || strncmp(want, "call", 4) == 0) {
			/* objdump: "call   1129"; gdb: "call   0x1129".  */
			char *sp = strrchr(want, ' ');

			if (sp != NULL && isxdigit((unsigned char)sp[1]) &&
			    strncmp(sp + 1, "0x", 2) != 0) {
				char t[64];

				snprintf(t, sizeof t, "0x%s", sp + 1);
				snprintf(sp + 1, sizeof want - (size_t)(sp + 1 -
				    want), "%s", t);
			}
		}
		if (strcmp(in.gdbtext, want) != 0) {
			if (bad < 10)
				fprintf(stderr, "%s %#llx: objdump \"%s\", "
				    "framescope \"%s\"\n", sample, addr, want,
				    in.gdbtext);
			bad++;
		}
	}
	pclose(p);
	fs_elf_free(elf);
	ck_assert_uint_gt(total, 50);
	ck_assert_msg(bad == 0, "%s: %u of %u instructions differ from "
	    "objdump's text", sample, bad, total);
}

START_TEST(test_insn_as_objdump)
{
	static const char *const samples[] = { "callee8-O0", "calc-O2",
	    "types-O0", "types-O2", "values-O2", "canary-O2" };

	same_as_objdump(samples[_i / 2], _i % 2);
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
	tcase_add_loop_test(tc, test_insn_as_objdump, 0, 12);
	suite_add_tcase(s, tc);
	return s;
}
