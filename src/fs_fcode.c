/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_fcode: a function's machine code and its frame (see
 * include/fs_fcode.h).
 *
 * Where the CFA is at each instruction comes from the function's CFI rows
 * (CFA = rsp + k, or rbp + k once the frame pointer is set up); a function
 * without CFI is followed from its entry, rsp moved by push, pop, sub and
 * add, rbp taken for the frame pointer after `push %rbp; mov %rsp,%rbp`.
 * An access through any other register, or with an index, has no fixed
 * offset: arrays are known from DWARF, not from here.  The process's
 * architecture (fs_arch) gives the decoder's mode, the word a push
 * moves, the registers' names and where the canary's guard is: i386
 * code reads as x86-64's, its esp and ebp for rsp and rbp.
 */
#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_cfi.h"
#include "fs_fcode.h"
#include "fs_modules.h"
#include "fs_session.h"
#include "fs_unwind.h"

#define MAXCODE		(64 * 1024)	/* bytes of one function decoded */
#define NSLOTS		1024		/* functions cached */

struct fs_fcodes {
	struct entry {
		uint64_t	 start;
		bool		 used, ok;
		struct fs_fcode	 fc;
	}		*tab;
	size_t		 n;
};

int
fs_fcodes_new(struct fs_fcodes **out, struct fs_err *e)
{
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	return 0;
}

void
fs_fcodes_clear(struct fs_fcodes *c)
{
	size_t i;

	if (c == NULL || c->tab == NULL)
		return;
	for (i = 0; i < NSLOTS; i++) {
		free(c->tab[i].fc.acc);
		free(c->tab[i].fc.calls);
		free(c->tab[i].fc.rets);
		free(c->tab[i].fc.insns);
	}
	memset(c->tab, 0, NSLOTS * sizeof *c->tab);
	c->n = 0;
}

void
fs_fcodes_free(struct fs_fcodes *c)
{
	if (c == NULL)
		return;
	fs_fcodes_clear(c);
	free(c->tab);
	free(c);
}

/* --- Operands --- */

static const char *const regnames[] = { "rax", "rcx", "rdx", "rbx", "rsp",
    "rbp", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13", "r14",
    "r15", "rip" };

/* i386's, which are the low halves of the same registers.  */
static const char *const regnames32[] = { "eax", "ecx", "edx", "ebx", "esp",
    "ebp", "esi", "edi", "", "", "", "", "", "", "", "", "eip" };

/* The register named at P ("%rbp", "%ebp"), its length in *LEN.  */
static int
reg_parse(const char *p, size_t *len)
{
	size_t i, k;

	if (*p != '%')
		return FS_R_NONE;
	for (k = 1; isalnum((unsigned char)p[k]); k++)
		;
	for (i = 0; i < sizeof regnames / sizeof regnames[0]; i++)
		if ((strlen(regnames[i]) == k - 1 &&
		    strncmp(p + 1, regnames[i], k - 1) == 0) ||
		    (strlen(regnames32[i]) == k - 1 && k > 1 &&
		    strncmp(p + 1, regnames32[i], k - 1) == 0)) {
			*len = k;
			return (int)i;
		}
	return FS_R_NONE;
}

uint64_t
fs_fcode_reg(const struct user_regs_struct *r, int reg)
{
	switch (reg) {
	case FS_R_RAX: return r->rax;
	case FS_R_RCX: return r->rcx;
	case FS_R_RDX: return r->rdx;
	case FS_R_RBX: return r->rbx;
	case FS_R_RSP: return r->rsp;
	case FS_R_RBP: return r->rbp;
	case FS_R_RSI: return r->rsi;
	case FS_R_RDI: return r->rdi;
	case FS_R_R8: return r->r8;
	case FS_R_R9: return r->r9;
	case FS_R_R10: return r->r10;
	case FS_R_R11: return r->r11;
	case FS_R_R12: return r->r12;
	case FS_R_R13: return r->r13;
	case FS_R_R14: return r->r14;
	case FS_R_R15: return r->r15;
	case FS_R_RIP: return r->rip;
	default: return 0;
	}
}

/* The mnemonic of IN's text and where its operands start.  */
static const char *
operands(const struct fs_insn *in, char *mn, size_t mnlen)
{
	const char *p = in->gdbtext;
	size_t i = 0;

	/* Prefixes objdump writes as words.  */
	for (;;) {
		if (strncmp(p, "rep ", 4) == 0 || strncmp(p, "lock ", 5) == 0 ||
		    strncmp(p, "repz ", 5) == 0 || strncmp(p, "repnz ", 6) == 0 ||
		    strncmp(p, "bnd ", 4) == 0 || strncmp(p, "notrack ", 8) == 0
		    || strncmp(p, "data16 ", 7) == 0) {
			p = strchr(p, ' ');
			while (*p == ' ')
				p++;
			continue;
		}
		break;
	}
	while (p[i] != '\0' && p[i] != ' ' && i + 1 < mnlen) {
		mn[i] = p[i];
		i++;
	}
	mn[i] = '\0';
	p += i;
	while (*p == ' ')
		p++;
	return p;
}

int
fs_fcode_memop(const struct fs_insn *in, bool lea, struct fs_memop *m)
{
	char mn[32];
	const char *ops = operands(in, mn, sizeof mn), *p, *q, *start;
	size_t len;
	int depth = 0;
	char *end;

	memset(m, 0, sizeof *m);
	m->base = m->index = FS_R_NONE;
	if ((!lea && strncmp(mn, "lea", 3) == 0) || strncmp(mn, "nop", 3) == 0 ||
	    strncmp(mn, "prefetch", 8) == 0 || strncmp(mn, "j", 1) == 0 ||
	    strncmp(mn, "call", 4) == 0 || strncmp(mn, "endbr", 5) == 0)
		return -1;
	/* Each operand, split at the commas outside parentheses.  */
	for (start = p = ops;; p++) {
		if (*p == '(')
			depth++;
		else if (*p == ')')
			depth--;
		if ((*p != ',' || depth > 0) && *p != '\0')
			continue;
		q = start;
		if (*q == '*')
			q++;
		if (strncmp(q, "%fs:", 4) == 0 || strncmp(q, "%gs:", 4) == 0) {
			m->seg = q[1];
			q += 4;
		}
		if (*q == '$' || (*q == '%' && m->seg == 0)) {
			/* An immediate or a register.  */
		} else if (*q != '\0' && q < p) {
			m->disp = 0;
			if (*q != '(') {
				m->disp = strtoll(q, &end, 0);
				if (end == q)
					goto next;
				q = end;
			}
			if (*q == '(') {
				q++;
				if ((m->base = reg_parse(q, &len)) != FS_R_NONE)
					q += len;
				if (*q == ',') {
					q++;
					if ((m->index = reg_parse(q, &len)) !=
					    FS_R_NONE)
						q += len;
					m->scale = 1;
					if (*q == ',')
						m->scale = (unsigned)strtoul(q +
						    1, NULL, 10);
				}
			}
			m->last = *p == '\0';
			return 0;
		}
next:
		if (*p == '\0')
			break;
		start = p + 1;
		m->seg = 0;
	}
	return -1;
}

int
fs_fcode_mem(const struct fs_insn *in, const struct user_regs_struct *regs,
    struct fs_fcode_mem *out, size_t max)
{
	struct fs_insn_mem mem[FS_INSN_MAXMEM * 2];
	int n, k;

	if ((n = fs_insn_mem_access(in, regs, mem, FS_INSN_MAXMEM * 2)) < 0)
		return 0;
	if (n > FS_INSN_MAXMEM * 2)
		n = FS_INSN_MAXMEM * 2;
	if ((size_t)n > max)
		n = (int)max;
	for (k = 0; k < n; k++) {
		out[k].addr = mem[k].addr;
		out[k].len = mem[k].len;
		out[k].read = mem[k].read;
		out[k].write = mem[k].write;
	}
	return n;
}

/* --- Functions --- */

int
fs_fcode_bounds(struct fs_session *s, uint64_t pc, uint64_t *start,
    uint64_t *end)
{
	struct fs_module *mod = fs_modules_at(fs_session_modules(s), pc);
	const struct fs_sym *sym;

	if (mod == NULL || !mod->mapped ||
	    (sym = fs_module_sym_at(mod, pc - mod->bias)) == NULL ||
	    sym->size == 0 || pc - mod->bias >= sym->addr + sym->size)
		return -1;
	*start = sym->addr + mod->bias;
	*end = *start + sym->size;
	return 0;
}

/* Where the CFA is at one instruction: REG (FS_R_RSP or FS_R_RBP, NONE:
   unknown) plus OFF.  */
struct cfa {
	int		 reg;
	int64_t		 off;
};

/* The CFI rows of the module at START, looked up one range at a time.  */
struct rows {
	struct fs_module *mod;
	bool		 have;
	struct fs_cfi_row row;
};

int
fs_fcode_cfi_row(struct fs_module *mod, uint64_t pc, struct fs_cfi_row *row)
{
	if (mod == NULL || !mod->mapped)
		return -1;
	if (!mod->eh_tried) {
		mod->eh_tried = true;
		if (fs_cfi_table(mod->elf, &mod->eh_hdr, &mod->eh_table,
		    &mod->eh_count) < 0)
			mod->eh_count = 0;
	}
	if (mod->eh_count == 0 || fs_cfi_row(mod->elf, mod->eh_hdr,
	    mod->eh_table, mod->eh_count, pc - mod->bias, row, NULL) < 0)
		return -1;
	return 0;
}

static bool
cfi_at(const struct fs_arch *arch, struct rows *rs, uint64_t pc,
    struct cfa *c)
{
	struct fs_module *mod = rs->mod;
	uint64_t f;

	if (mod == NULL)
		return false;
	f = pc - mod->bias;
	if (!rs->have || f < rs->row.lo || f >= rs->row.hi) {
		rs->have = false;
		if (fs_fcode_cfi_row(mod, pc, &rs->row) < 0)
			return false;
		rs->have = true;
	}
	if (!rs->row.simple)
		c->reg = FS_R_NONE;
	else if (rs->row.cfa_reg == arch->dw_sp)
		c->reg = FS_R_RSP;
	else if (rs->row.cfa_reg == arch->dw_fp)
		c->reg = FS_R_RBP;
	else
		c->reg = FS_R_NONE;
	c->off = rs->row.cfa_off;
	return true;
}

static int
acc_add(struct fs_fcode *fc, uint64_t pc, int64_t off, unsigned size,
    int how, size_t *cap)
{
	struct fs_fcode_acc *n;

	if (fc->nacc == *cap) {
		*cap = *cap ? *cap * 2 : 32;
		if ((n = realloc(fc->acc, *cap * sizeof *n)) == NULL)
			return -1;
		fc->acc = n;
	}
	fc->acc[fc->nacc].pc = pc;
	fc->acc[fc->nacc].off = off;
	fc->acc[fc->nacc].size = size;
	fc->acc[fc->nacc].write = how == FS_FCODE_WRITE;
	fc->acc[fc->nacc].realigned = false;
	fc->acc[fc->nacc++].lea = how == FS_FCODE_LEA;
	return 0;
}

/* Append PC to the array *V of *N (capacity *CAP).  */
static int
addr_add(uint64_t **v, size_t *n, uint64_t pc, size_t *cap)
{
	uint64_t *nv;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((nv = realloc(*v, *cap * sizeof *nv)) == NULL)
			return -1;
		*v = nv;
	}
	(*v)[(*n)++] = pc;
	return 0;
}

/* The text of ARCH's frame-pointer set-up ("%rsp,%rbp") and of an
   operand that is its stack pointer (",%rsp").  */
struct regtext {
	char		 sp_fp[16], to_sp[8];
};

static void
regtext_of(const struct fs_arch *arch, struct regtext *rt)
{
	snprintf(rt->sp_fp, sizeof rt->sp_fp, "%%%s,%%%s", arch->sp, arch->fp);
	snprintf(rt->to_sp, sizeof rt->to_sp, ",%%%s", arch->sp);
}

/* An instruction of a prologue: it saves a callee-saved register (one
   the unwinder follows), sets up the frame pointer or the frame, or
   takes or stores the canary.  */
static bool
prologue_insn(const struct fs_arch *arch, const struct regtext *rt,
    const struct fs_insn *in, const char *mn, bool canary_next)
{
	const char *t = in->gdbtext, *op;
	unsigned r;

	if (strncmp(mn, "endbr", 5) == 0)
		return true;
	if (strncmp(mn, "push", 4) == 0) {
		if ((op = strchr(t, '%')) == NULL)
			return false;
		for (r = 0; r < FS_UREG_RSP; r++)
			if (arch->ureg_names[r] != NULL &&
			    strcmp(op + 1, arch->ureg_names[r]) == 0)
				return true;
		return false;
	}
	if (strncmp(mn, "mov", 3) == 0 && strstr(t, rt->sp_fp) != NULL)
		return true;
	if ((strncmp(mn, "sub", 3) == 0 || strncmp(mn, "add", 3) == 0) &&
	    strstr(t, rt->to_sp) != NULL && strchr(t, '$') != NULL)
		return true;
	if (strstr(t, arch->canary_text) != NULL)
		return true;
	if (canary_next && strncmp(mn, "mov", 3) == 0)
		return true;
	return false;
}

/* Decode the function [START, END) of S into FC.  */
static int
scan(struct fs_session *s, uint64_t start, uint64_t end, struct fs_fcode *fc)
{
	static const struct user_regs_struct zero;
	const struct fs_arch *arch = fs_session_arch(s);
	const int64_t W = arch->word;
	const uint64_t amask = W == 8 ? ~(uint64_t)0 :
	    ((uint64_t)1 << (8 * W)) - 1;
	struct rows rs = { fs_modules_at(fs_session_modules(s), start), false,
	    { 0 } };
	struct fs_fcode_mem mem[4];
	struct fs_insn in;
	struct fs_memop m;
	struct regtext rt;
	struct cfa c, sim = { FS_R_RSP, W };
	uint8_t *code;
	size_t len = (size_t)(end - start), at = 0, acap = 0, ccap = 0;
	size_t rcap = 0, icap = 0;
	bool in_prologue = true;
	ssize_t got;
	int64_t body = -1;
	int canary_wait = 0, k, nm, alias = FS_R_NONE, r;
	int64_t alias_off = 0;
	const char *q;
	size_t rl;
	bool fp = false, prev_push_rbp = false, sim_ok = true, cfi_ok;
	/* The frame pointer set from the realigned rsp, RFP_OFF bytes
	   under the CFA as the realignment's rsp is: 0, none.  */
	int64_t rfp_off = 0;
	size_t nacc0;

	regtext_of(arch, &rt);
	fc->start = fc->body = start;
	if (len > MAXCODE)
		len = MAXCODE;
	if ((code = malloc(len)) == NULL)
		return -1;
	if ((got = fs_session_read(s, start, code, len, NULL)) <= 0) {
		free(code);
		return -1;
	}
	len = (size_t)got;
	fc->end = start + len;
	while (at < len) {
		uint64_t pc = start + at;
		char mn[32];

		if (fs_insn_decode_bits(code + at, len - at, pc,
		    arch->insn_bits, false, &in) < 0 || in.len == 0) {
			at++;
			continue;
		}
		operands(&in, mn, sizeof mn);
		nacc0 = fc->nacc;
		if (!(cfi_ok = cfi_at(arch, &rs, pc, &c))) {
			c = sim;
			if (fp) {
				c.reg = FS_R_RBP;
				c.off = 2 * W;
			}
		}
		if (in.is_call && addr_add(&fc->calls, &fc->ncalls, pc,
		    &ccap) < 0)
			goto fail;
		if ((in.is_ret || (strncmp(mn, "jmp", 3) == 0 &&
		    in.target != 0 && (in.target < start ||
		    in.target >= end))) && addr_add(&fc->rets, &fc->nrets, pc,
		    &rcap) < 0)
			goto fail;
		if (addr_add(&fc->insns, &fc->ninsns, pc, &icap) < 0)
			goto fail;
		if (in_prologue) {
			in_prologue = prologue_insn(arch, &rt, &in, mn,
			    canary_wait > 0);
			fc->body = in_prologue ? pc + in.len : pc;
		}
		if (strstr(in.gdbtext, "$0xfefefefe") != NULL)
			fc->pattern = true;
		if (fs_fcode_memop(&in, false, &m) == 0 &&
		    m.seg == arch->canary_text[1] && m.base == FS_R_NONE &&
		    m.disp == arch->canary_off)
			canary_wait = 4;
		else if (canary_wait > 0)
			canary_wait--;
		nm = fs_fcode_mem(&in, &zero, mem, 4);
		/* The base's distance below the CFA: the CFA's register, or
		   rsp (or a copy of it: `mov %rsp,%rcx; mov %rax,(%rcx)`
		   fills an outgoing struct) as the pushes and stack
		   adjustments followed leave it, past the prologue.  */
		if (fs_fcode_memop(&in, false, &m) == 0 && m.index == FS_R_NONE &&
		    m.seg == 0 && m.base != FS_R_NONE && (m.base == c.reg ||
		    (!in_prologue && sim_ok && m.base == FS_R_RSP) ||
		    m.base == alias || (rfp_off != 0 && m.base == FS_R_RBP))) {
			int64_t off = m.disp - (m.base == c.reg ? c.off :
			    m.base == FS_R_RSP ? sim.off : m.base == alias ?
			    alias_off : rfp_off);

			for (k = 0; k < nm; k++) {
				/* Zero registers: the address is the
				   displacement, cut to the address size.  */
				if (mem[k].addr != ((uint64_t)m.disp & amask))
					continue;
				if (mem[k].read && acc_add(fc, pc, off,
				    mem[k].len, FS_FCODE_READ, &acap) < 0)
					goto fail;
				if (mem[k].write && acc_add(fc, pc, off,
				    mem[k].len, FS_FCODE_WRITE, &acap) < 0)
					goto fail;
				/* Reached from the stack pointer (or the
				   frame pointer set from it) after the
				   realignment, not by the CFA's exact rule.  */
				for (r = (int)nacc0; fc->realign != 0 &&
				    r < (int)fc->nacc; r++)
					fc->acc[r].realigned = !cfi_ok ||
					    m.base != c.reg || c.reg == FS_R_RSP;
				if (mem[k].write && canary_wait > 0 &&
				    mem[k].len == W && !fc->canary) {
					fc->canary = true;
					fc->canary_off = off;
					fc->canary_realigned = fc->realign != 0 &&
					    fc->acc[fc->nacc - 1].realigned;
					fc->canary_pc = pc;
					canary_wait = 0;
				}
			}
		}
		/* An address taken, and a push (at rsp - a word).  */
		if (strncmp(mn, "lea", 3) == 0 && fs_fcode_memop(&in, true,
		    &m) == 0 && m.index == FS_R_NONE && ((m.base == c.reg &&
		    c.reg != FS_R_NONE) || (rfp_off != 0 && m.base ==
		    FS_R_RBP)) && acc_add(fc, pc, m.disp - (m.base == c.reg ?
		    c.off : rfp_off), (unsigned)W, FS_FCODE_LEA, &acap) < 0)
			goto fail;
		if (fc->nacc > nacc0 && fc->acc[fc->nacc - 1].lea)
			fc->acc[fc->nacc - 1].realigned = fc->realign != 0 &&
			    (!cfi_ok || m.base != c.reg);
		/* A push with the CFA kept in rbp (an outgoing argument of
		   -O0 code, or a register saved before its CFI says so): at
		   the rsp the pushes and stack adjustments followed give.  */
		if (strncmp(mn, "push", 4) == 0 && (c.reg == FS_R_RSP ||
		    (sim_ok && (!in_prologue || c.reg == FS_R_RBP))) &&
		    acc_add(fc, pc, -W -
		    (c.reg == FS_R_RSP ? c.off : sim.off), (unsigned)W,
		    FS_FCODE_WRITE, &acap) < 0)
			goto fail;
		if (strncmp(mn, "push", 4) == 0 && fc->nacc > nacc0)
			fc->acc[fc->nacc - 1].realigned = fc->realign != 0 &&
			    (!cfi_ok || c.reg != FS_R_RSP);
		/* rsp copied to a register, for the stores that follow;
		   any other write of that register ends it.  */
		if (alias != FS_R_NONE && (in.is_call || in.is_ret ||
		    strncmp(mn, "j", 1) == 0 || ((q = strrchr(in.gdbtext,
		    ',')) != NULL && reg_parse(q + 1, &rl) == alias)))
			alias = FS_R_NONE;
		if (strncmp(mn, "mov", 3) == 0 && sim_ok && !in_prologue &&
		    (q = strstr(in.gdbtext, "%rsp,%")) != NULL &&
		    q[strlen("%rsp,%") - 1] != '\0' &&
		    (r = reg_parse(q + strlen("%rsp,"), &rl)) != FS_R_NONE &&
		    r != FS_R_RBP && r != FS_R_RSP) {
			alias = r;
			alias_off = sim.off;
		}
		/* rsp moved by a register (alloca, a variable-length array):
		   its words below the fixed frame are the function's.  */
		if (strncmp(mn, "sub", 3) == 0 && strchr(in.gdbtext, '$') ==
		    NULL && (q = strstr(in.gdbtext, rt.to_sp)) != NULL &&
		    q[strlen(rt.to_sp)] == '\0') {
			fc->dynalloc = true;
			if (fc->fixed == 0)
				fc->fixed = sim.off;
			sim_ok = false;
		}
		if (strncmp(mn, "lea", 3) == 0 && fs_fcode_memop(&in, true,
		    &m) == 0 && m.base == FS_R_RSP && m.index == FS_R_NONE &&
		    (q = strstr(in.gdbtext, rt.to_sp)) != NULL && q > in.gdbtext &&
		    q[-1] == ')' && q[strlen(rt.to_sp)] == '\0')
			sim.off -= m.disp;
		/* Without CFI: follow rsp and the frame pointer.  */
		if (strncmp(mn, "push", 4) == 0) {
			const char *op = strchr(in.gdbtext, '%');

			sim.off += W;
			prev_push_rbp = op != NULL && strcmp(op + 1,
			    arch->fp) == 0;
		} else {
			if (strncmp(mn, "mov", 3) == 0 && prev_push_rbp &&
			    strstr(in.gdbtext, rt.sp_fp) != NULL &&
			    sim.off == 2 * W)
				fp = true;
			else if (strncmp(mn, "mov", 3) == 0 && prev_push_rbp &&
			    strstr(in.gdbtext, rt.sp_fp) != NULL &&
			    fc->realign != 0)
				rfp_off = sim.off;
			prev_push_rbp = false;
			if (strncmp(mn, "pop", 3) == 0)
				sim.off -= W;
			else if ((strncmp(mn, "sub", 3) == 0 ||
			    strncmp(mn, "add", 3) == 0) &&
			    strstr(in.gdbtext, rt.to_sp) != NULL &&
			    strchr(in.gdbtext, '$') != NULL) {
				long long v = strtoll(strchr(in.gdbtext, '$') +
				    1, NULL, 0);

				sim.off += mn[0] == 's' ? v : -v;
				if (mn[0] == 's' && body < 0)
					body = sim.off;
			} else if (in.is_ret || strncmp(mn, "jmp", 3) == 0) {
				/* The next block is the body's again.  */
				sim.off = body >= 0 ? body : sim.off;
				sim_ok = !fc->dynalloc;
			} else if (strncmp(mn, "and", 3) == 0 &&
			    fc->realign == 0 && strchr(in.gdbtext, '$') !=
			    NULL && (q = strstr(in.gdbtext, rt.to_sp)) !=
			    NULL && q[strlen(rt.to_sp)] == '\0') {
				uint64_t v = strtoull(strchr(in.gdbtext, '$') +
				    1, NULL, 0);

				v = (~v + 1) & amask;
				if (v > (uint64_t)W && v <= 4096 &&
				    (v & (v - 1)) == 0) {
					fc->realign = v;
					fc->realign_off = sim.off;
				}
			}
		}
		at += in.len;
	}
	free(code);
	return 0;
fail:
	free(code);
	return -1;
}

const struct fs_fcode *
fs_fcode_at(struct fs_fcodes *c, struct fs_session *s, uint64_t pc)
{
	uint64_t start, end;
	struct entry *en;
	size_t h, i;

	if (fs_fcode_bounds(s, pc, &start, &end) < 0)
		return NULL;
	if (c->tab == NULL && (c->tab = calloc(NSLOTS, sizeof *c->tab)) ==
	    NULL)
		return NULL;
	h = (size_t)((start * 0x9e3779b97f4a7c15ULL) >> 40) % NSLOTS;
	for (i = 0; i < NSLOTS; i++) {
		en = &c->tab[(h + i) % NSLOTS];
		if (en->used && en->start == start)
			return en->ok ? &en->fc : NULL;
		if (!en->used)
			break;
	}
	if (i == NSLOTS || c->n + 1 >= NSLOTS * 3 / 4) {
		/* Full: start again rather than grow without end.  */
		fs_fcodes_clear(c);
		en = &c->tab[h];
	}
	en->used = true;
	en->start = start;
	c->n++;
	en->ok = scan(s, start, end, &en->fc) == 0;
	return en->ok ? &en->fc : NULL;
}

uint64_t
fs_fcode_insn_before(const struct fs_fcode *fc, uint64_t addr)
{
	size_t lo = 0, hi, mid;

	if (fc == NULL || fc->ninsns == 0)
		return 0;
	hi = fc->ninsns;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (fc->insns[mid] < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo > 0 && (lo == fc->ninsns || fc->insns[lo] == addr) ?
	    fc->insns[lo - 1] : 0;
}

int64_t
fs_fcode_acc_off(const struct fs_fcode *fc, const struct fs_fcode_acc *a,
    uint64_t cfa)
{
	/* The stack pointer was CFA - REALIGN_OFF at the realignment and
	   went down to the boundary under it.  */
	if (!a->realigned || fc->realign == 0 || cfa == 0)
		return a->off;
	return a->off - (int64_t)((cfa - (uint64_t)fc->realign_off) &
	    (fc->realign - 1));
}

uint64_t
fs_fcode_canary_addr(const struct fs_fcode *fc, uint64_t cfa)
{
	struct fs_fcode_acc a = { .off = fc->canary_off,
	    .realigned = fc->canary_realigned };

	return cfa + (uint64_t)fs_fcode_acc_off(fc, &a, cfa);
}

unsigned
fs_fcode_uses(const struct fs_fcode *fc, int64_t off, unsigned size,
    uint64_t *first_write)
{
	return fs_fcode_uses_at(fc, 0, off, size, first_write);
}

unsigned
fs_fcode_uses_at(const struct fs_fcode *fc, uint64_t cfa, int64_t off,
    unsigned size, uint64_t *first_write)
{
	unsigned how = 0;
	size_t i;
	int64_t ao;

	if (first_write != NULL)
		*first_write = 0;
	if (fc == NULL)
		return 0;
	for (i = 0; i < fc->nacc; i++) {
		const struct fs_fcode_acc *a = &fc->acc[i];

		ao = fs_fcode_acc_off(fc, a, cfa);
		if (ao >= off + (int64_t)size ||
		    ao + (int64_t)a->size <= off)
			continue;
		how |= a->lea ? FS_FCODE_LEA : a->write ? FS_FCODE_WRITE :
		    FS_FCODE_READ;
		if (a->write && first_write != NULL && (*first_write == 0 ||
		    a->pc < *first_write))
			*first_write = a->pc;
	}
	return how;
}
