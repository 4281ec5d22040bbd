/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_insn: one-instruction decoding with capstone (see include/fs_insn.h).
 *
 * libcapstone is loaded with dlopen on the first decode, not linked: its
 * tables of every architecture carry some 77,000 relocations, which cost
 * every start of the program 2 to 3 ms (more than eu-stack takes to show
 * a stack), while many runs (attach, bt, detach) decode nothing.
 */
#include <ctype.h>
#include <dlfcn.h>
#include <stdlib.h>
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

/* Mnemonics whose operand-size suffix objdump leaves out when a register
   operand tells the size, and those it always leaves out.  */
static const char *const suffixed[] = { "mov", "add", "sub", "and", "or",
    "xor", "cmp", "test", "lea", "imul", "inc", "dec", "neg", "not", "shl",
    "shr", "sar", "sal", "rol", "ror", "xchg", "adc", "sbb", "movabs", "bt",
    "cmpxchg", "xadd", "bsf", "bsr", "mul", "div", "idiv", NULL };
static const char *const unsuffixed[] = { "call", "ret", "leave", "push",
    "pop", "jmp", NULL };

static bool
in_list(const char *const *l, const char *m, size_t len)
{
	for (; *l != NULL; l++)
		if (strlen(*l) == len && strncmp(*l, m, len) == 0)
			return true;
	return false;
}

/* Insert INS at OPS[AT].  */
static void
insert(char *ops, size_t size, size_t at, const char *ins)
{
	size_t n = strlen(ops), k = strlen(ins);

	if (at > n || n + k + 1 > size)
		return;
	memmove(ops + at + k, ops + at, n - at + 1);
	memcpy(ops + at, ins, k);
}

/* What libopcodes writes and capstone leaves out, from the encoding: a
   displacement of 0 that is in the instruction ("0x0(%rax)",
   "[rax+0x0]"), a scale of 1 in Intel syntax ("rax*1"), the implicit 1
   of a shift by one, and a negative rip-relative displacement in Intel
   syntax as the 64-bit sum objdump shows.  */
static void
fix_operands(const cs_insn *insn, bool intel, char *ops, size_t size)
{
	const cs_x86 *x;
	const cs_x86_op *o;
	char *p, *q, buf[32];
	uint8_t i, op;
	size_t k;

	if (insn->detail == NULL)
		return;
	x = &insn->detail->x86;
	for (i = 0; i < x->op_count; i++) {
		o = &x->operands[i];
		if (o->type != X86_OP_MEM)
			continue;
		if (o->mem.disp == 0 && x->encoding.disp_size > 0 &&
		    o->mem.base != X86_REG_RIP) {
			if (!intel && (p = strchr(ops, '(')) != NULL)
				insert(ops, size, (size_t)(p - ops), "0x0");
			else if (intel && (p = strchr(ops, ']')) != NULL)
				insert(ops, size, (size_t)(p - ops), "+0x0");
		}
		if (intel && o->mem.index != X86_REG_INVALID &&
		    o->mem.scale == 1 && (p = strchr(ops, '[')) != NULL) {
			/* [base+index or [index: after the index name.  */
			q = p + 1;
			if (o->mem.base != X86_REG_INVALID &&
			    (q = strchr(q, '+')) != NULL)
				q++;
			if (q != NULL) {
				while (isalnum((unsigned char)*q))
					q++;
				if (*q != '*')
					insert(ops, size, (size_t)(q - ops),
					    "*1");
			}
		}
		if (intel && o->mem.base == X86_REG_RIP && o->mem.disp < 0 &&
		    (p = strstr(ops, "rip-0x")) != NULL) {
			snprintf(buf, sizeof buf, "rip+0x%llx",
			    (unsigned long long)o->mem.disp);
			q = p + 6;
			while (isxdigit((unsigned char)*q))
				q++;
			memmove(p, q, strlen(q) + 1);
			insert(ops, size, (size_t)(p - ops), buf);
		}
	}
	/* D0-D3: shift or rotate by one, written ",1" in Intel syntax.  */
	for (k = 0, op = 0; k < insn->size; k++) {
		op = insn->bytes[k];
		if (op != 0x66 && op != 0xf2 && op != 0xf3 && (op & 0xf0) !=
		    0x40)
			break;
	}
	if (op >= 0xd0 && op <= 0xd1) {
		if (intel && (p = strrchr(ops, ',')) != NULL &&
		    strcmp(p, ",0x1") == 0)
			strcpy(p, ",1");
		else if (!intel && strncmp(ops, "$0x1,", 5) == 0)
			memmove(ops, ops + 5, strlen(ops + 5) + 1);
	}
	/* An absolute address with a segment: "fs:0x28", no brackets.  */
	if (intel && (p = strstr(ops, "s:[")) != NULL && p > ops &&
	    (q = strchr(p, ']')) != NULL && strcspn(p + 3, "+-*]") ==
	    (size_t)(q - p - 3) && p[3] == '0') {
		memmove(q, q + 1, strlen(q + 1) + 1);
		memmove(p + 2, p + 3, strlen(p + 3) + 1);
	}
}

/* Capstone's text as libopcodes (gdb, objdump) writes it: no size suffix
   where a register says the size, hexadecimal numbers, no space after a
   comma, a scale of 1 written out, the mnemonic in a column of 6; for
   Intel, upper-case size names and no spaces in brackets.  */
static void
gdb_style(const cs_insn *insn, bool intel, char *out, size_t size)
{
	char mn[32], ops[200];
	const char *p = insn->op_str;
	size_t n = 0, ml = strlen(insn->mnemonic);
	bool has_reg = false, paren = false, bracket = false;
	int commas = 0;
	uint8_t i;

	snprintf(mn, sizeof mn, "%s", insn->mnemonic);
	if (insn->detail != NULL)
		for (i = 0; i < insn->detail->x86.op_count; i++)
			if (insn->detail->x86.operands[i].type == X86_OP_REG)
				has_reg = true;
	if (!intel && ml > 1 && ml < sizeof mn && strchr("bwlq",
	    mn[ml - 1]) != NULL && (in_list(unsuffixed, mn, ml - 1) ||
	    (has_reg && in_list(suffixed, mn, ml - 1))))
		mn[ml - 1] = '\0';
	while (*p != '\0' && n + 24 < sizeof ops) {
		if (*p == ',' && p[1] == ' ') {
			ops[n++] = ',';
			p += 2;
			if (paren)
				commas++;
			continue;
		}
		if (intel && *p == ' ' && bracket && (p[1] == '+' ||
		    p[1] == '-' || p[1] == '*') && p[2] == ' ') {
			ops[n++] = p[1];
			p += 3;
			continue;
		}
		if (intel && strncmp(p, "ptr ", 4) == 0) {
			memcpy(ops + n, "PTR ", 4);
			n += 4;
			p += 4;
			continue;
		}
		if (intel && (strncmp(p, "qword ", 6) == 0 ||
		    strncmp(p, "dword ", 6) == 0 || strncmp(p, "xmmword ", 8) ==
		    0 || strncmp(p, "word ", 5) == 0 || strncmp(p, "byte ", 5) ==
		    0 || strncmp(p, "tbyte ", 6) == 0)) {
			while (*p != ' ')
				ops[n++] = (char)(*p++ - 'a' + 'A');
			continue;
		}
		if (*p >= '0' && *p <= '9' && (p == insn->op_str ||
		    !(isalnum((unsigned char)p[-1]) || p[-1] == '%' ||
		    p[-1] == '_'))) {
			unsigned long long v;
			char *end;

			if (p[0] == '0' && p[1] == 'x') {
				while (isxdigit((unsigned char)*p) || *p == 'x')
					ops[n++] = *p++;
				continue;
			}
			v = strtoull(p, &end, 10);
			/* A scale stays decimal.  */
			if ((paren && p - insn->op_str >= 2 && p[-1] == ' ' &&
			    p[-2] == ',') || (bracket && p[-1] == '*'))
				n += (size_t)snprintf(ops + n, sizeof ops - n,
				    "%llu", v);
			else
				n += (size_t)snprintf(ops + n, sizeof ops - n,
				    "0x%llx", v);
			p = end;
			continue;
		}
		if (*p == '(') {
			paren = true;
			commas = 0;
		} else if (*p == ')') {
			/* "(%rax,%rdx)": objdump writes the scale of 1.  */
			if (paren && commas == 1 && n > 0 && ops[n - 1] != ',')
				n += (size_t)snprintf(ops + n, sizeof ops - n,
				    ",1");
			paren = false;
		} else if (*p == '[')
			bracket = true;
		else if (*p == ']')
			bracket = false;
		ops[n++] = *p++;
	}
	ops[n] = '\0';
	fix_operands(insn, intel, ops, sizeof ops);
	/* 66 90, the two-byte nop, is objdump's xchg of ax with itself.  */
	if (insn->size == 2 && insn->bytes[0] == 0x66 && insn->bytes[1] == 0x90) {
		snprintf(out, size, "%-6s %s", "xchg", intel ? "ax,ax" :
		    "%ax,%ax");
		return;
	}
	/* A segment prefix on a nop is written before it: "cs nopw".  */
	if (strncmp(mn, "nop", 3) == 0 && (strncmp(ops, "%cs:", 4) == 0 ||
	    strstr(ops, "cs:[") != NULL)) {
		char *c = strstr(ops, intel ? "cs:" : "%cs:");

		char pre[64] = "";
		size_t k;

		memmove(c, c + (intel ? 3 : 4), strlen(c + (intel ? 3 : 4)) + 1);
		/* Operand-size prefixes beyond the one nopw uses: data16.  */
		for (k = 0; k + 1 < insn->size && insn->bytes[k + 1] == 0x66 &&
		    strlen(pre) + 8 < sizeof pre; k++)
			strcat(pre, "data16 ");
		snprintf(out, size, "%scs %.20s %.160s", pre, mn, ops);
		return;
	}
	if (n == 0)
		snprintf(out, size, "%s", mn);
	else
		snprintf(out, size, "%-6.20s %.160s", mn, ops);
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
	gdb_style(insn, intel, out->gdbtext, sizeof out->gdbtext);
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
		for (i = 0; i < insn->detail->x86.op_count; i++)
			if (insn->detail->x86.operands[i].type == X86_OP_MEM &&
			    insn->detail->x86.operands[i].mem.base ==
			    X86_REG_RIP)
				out->riprel = addr + insn->size + (uint64_t)
				    insn->detail->x86.operands[i].mem.disp;
		for (i = 0; i < insn->detail->groups_count; i++)
			if ((insn->detail->groups[i] == CS_GRP_JUMP ||
			    insn->detail->groups[i] == CS_GRP_CALL) &&
			    insn->detail->x86.op_count == 1 &&
			    insn->detail->x86.operands[0].type == X86_OP_IMM)
				out->dest = (uint64_t)
				    insn->detail->x86.operands[0].imm;
	}
	out->is_syscall = insn->id == X86_INS_SYSCALL;
	/* Capstone 4 tells no operand actions: every effect is possible.  */
	out->writes_mem = out->writes_xstate = out->mem_unknown = true;
	cs.free(insn, n);
	return 0;
}

int
fs_insn_decode_fast(const uint8_t *code, size_t len, uint64_t addr,
    struct fs_insn *out)
{
	int r = fs_insn_decode(code, len, addr, false, out);

	out->text[0] = out->gdbtext[0] = '\0';
	return r;
}

int
fs_insn_mem_access(const struct fs_insn *in,
    const struct user_regs_struct *regs, struct fs_insn_mem *out,
    size_t max)
{
	(void)regs;
	(void)out;
	(void)max;
	return in->len == 0 || in->mem_unknown ? -1 : 0;
}
