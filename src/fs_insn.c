/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_insn: one-instruction decoding with capstone (see include/fs_insn.h).
 *
 * libcapstone is loaded with dlopen on the first decode, not linked: its
 * tables of every architecture carry some 77,000 relocations, which cost
 * every start of the program 2 to 3 ms (more than eu-stack takes to show
 * a stack), while many runs (attach, bt, detach) decode nothing.
 */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "fs_insn.h"

#ifndef FS_CAPSTONE_SONAME
#define FS_CAPSTONE_SONAME "libcapstone.so"
#endif

/* The capstone functions used, from the library once loaded.  */
static struct {
	cs_err	(*open)(cs_arch, cs_mode, csh *);
	cs_err	(*option)(csh, cs_opt_type, size_t);
	size_t	(*disasm)(csh, const uint8_t *, size_t, uint64_t, size_t,
		    cs_insn **);
	void	(*free)(cs_insn *, size_t);
} cs;
static bool cs_tried, cs_ok;

static bool
cs_load(void)
{
	void *lib;

	if (cs_tried)
		return cs_ok;
	cs_tried = true;
	if ((lib = dlopen(FS_CAPSTONE_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
		return false;
	*(void **)&cs.open = dlsym(lib, "cs_open");
	*(void **)&cs.option = dlsym(lib, "cs_option");
	*(void **)&cs.disasm = dlsym(lib, "cs_disasm");
	*(void **)&cs.free = dlsym(lib, "cs_free");
	cs_ok = cs.open != NULL && cs.option != NULL && cs.disasm != NULL &&
	    cs.free != NULL;
	return cs_ok;
}

/* Capstone handles, opened once: cs_open costs more than a decode.  */
static csh handles[2];
static bool opened[2];

static csh *
handle(bool intel)
{
	int i = intel ? 1 : 0;

	if (!opened[i]) {
		if (!cs_load() || cs.open(CS_ARCH_X86, CS_MODE_64,
		    &handles[i]) != CS_ERR_OK)
			return NULL;
		cs.option(handles[i], CS_OPT_SYNTAX, intel ?
		    CS_OPT_SYNTAX_INTEL : CS_OPT_SYNTAX_ATT);
		cs.option(handles[i], CS_OPT_DETAIL, CS_OPT_ON);
		opened[i] = true;
	}
	return &handles[i];
}

int
fs_insn_decode(const uint8_t *code, size_t len, uint64_t addr, bool intel,
    struct fs_insn *out)
{
	cs_insn *insn;
	csh *h;
	size_t n;
	uint8_t i;

	memset(out, 0, sizeof *out);
	out->addr = addr;
	if ((h = handle(intel)) == NULL)
		return -1;
	n = cs.disasm(*h, code, len, addr, 1, &insn);
	if (n == 0)
		return -1;
	out->len = insn->size;
	if (insn->op_str[0] != '\0')
		snprintf(out->text, sizeof out->text, "%s %s", insn->mnemonic,
		    insn->op_str);
	else
		snprintf(out->text, sizeof out->text, "%s", insn->mnemonic);
	if (insn->detail != NULL) {
		for (i = 0; i < insn->detail->groups_count; i++) {
			switch (insn->detail->groups[i]) {
			case CS_GRP_CALL:
				out->is_call = true;
				break;
			case CS_GRP_RET:
				out->is_ret = true;
				break;
			case CS_GRP_INT:
				break;
			default:
				break;
			}
		}
		if ((out->is_call || insn->id == X86_INS_JMP) &&
		    insn->detail->x86.op_count == 1 &&
		    insn->detail->x86.operands[0].type == X86_OP_IMM)
			out->target = (uint64_t)insn->detail->x86.operands[0].imm;
	}
	out->is_syscall = insn->id == X86_INS_SYSCALL;
	cs.free(insn, n);
	return 0;
}
