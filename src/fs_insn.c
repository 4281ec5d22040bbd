/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_insn: one-instruction decoding with capstone (see include/fs_insn.h). */
#include <stdio.h>
#include <string.h>

#include <capstone/capstone.h>

#include "fs_insn.h"

/* Capstone handles, opened once: cs_open costs more than a decode.  */
static csh handles[2];
static bool opened[2];

static csh *
handle(bool intel)
{
	int i = intel ? 1 : 0;

	if (!opened[i]) {
		if (cs_open(CS_ARCH_X86, CS_MODE_64, &handles[i]) != CS_ERR_OK)
			return NULL;
		cs_option(handles[i], CS_OPT_SYNTAX, intel ?
		    CS_OPT_SYNTAX_INTEL : CS_OPT_SYNTAX_ATT);
		cs_option(handles[i], CS_OPT_DETAIL, CS_OPT_ON);
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
	n = cs_disasm(*h, code, len, addr, 1, &insn);
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
	cs_free(insn, n);
	return 0;
}
