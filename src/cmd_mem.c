/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_mem: memory and code: x and disassemble.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fs_sbuf.h"
#include "fs_skip.h"
#include "fs_dwarf.h"
#include "fs_insn.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "cmd_int.h"

/* --------------------------------------------------------------- memory */

/* gdb's build_address_symbolic for code: W's function, the offset from
   its entry (below the entry in a piece of it placed before it:
   "give_up-255"), but a symbol starting at ADDR where the function does
   not start ("give_up.cold").  */
static void
func_symbol(const struct fs_where *w, uint64_t addr, char *buf, size_t len)
{
	const struct fs_sym *o;
	struct fs_dwarf *dw;
	uint64_t bias = w->mod->mapped ? w->mod->bias : 0;
	uint64_t entry = w->func_addr;

	if ((dw = fs_module_dwarf(w->mod)) != NULL &&
	    fs_dwarf_function_entry(dw, addr - bias, &entry) == 0)
		entry += bias;
	if (entry != addr && w->mod->elf != NULL &&
	    (o = fs_elf_sym_at(w->mod->elf, addr - bias)) != NULL &&
	    o->addr == addr - bias)
		snprintf(buf, len, "<%s>", o->name);
	else if (addr < entry)
		snprintf(buf, len, "<%s-%" PRIu64 ">", w->func, entry - addr);
	else
		snprintf(buf, len, "%s", cmd_sym_offset(w->func,
		    addr - entry));
}

/* "<sym>" or "<sym+off>" for a code or data address a symbol holds
   (before the program runs, a file address of the executable), or "".
   Functions go by their DWARF names, as gdb prefers them to a symbol at
   the same address (`scale', not `scale.constprop.0').  */
static void
addr_symbol(struct cmd_ctx *c, uint64_t addr, char *buf, size_t len)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	struct fs_module *m;
	const struct fs_sym *o = NULL;
	struct fs_where w;
	uint64_t fa;

	buf[0] = '\0';
	fs_modules_where(mods, addr, addr, &w);
	if (w.func != NULL && w.mod != NULL && (w.mod->mapped ||
	    (w.mod->is_exec && !fs_session_alive(c->s)))) {
		func_symbol(&w, addr, buf, len);
		return;
	}
	if (!fs_session_alive(c->s)) {
		if ((m = fs_modules_exec(mods)) == NULL || m->elf == NULL)
			return;
		fa = addr;
		if ((o = fs_elf_sym_at(m->elf, fa)) == NULL &&
		    (m->dbg == NULL || (o = fs_elf_object_at(m->dbg, fa)) ==
		    NULL))
			o = fs_elf_object_at(m->elf, fa);
	} else {
		if ((m = fs_modules_at(mods, addr)) == NULL || !m->mapped)
			return;
		fa = addr - m->bias;
		if (m->dbg != NULL)
			o = fs_elf_object_at(m->dbg, fa);
		if (o == NULL && m->elf != NULL)
			o = fs_elf_object_at(m->elf, fa);
	}
	if (o == NULL)
		return;
	if (fa == o->addr)
		snprintf(buf, len, "<%s>", o->name);
	else
		snprintf(buf, len, "<%s+%" PRIu64 ">", o->name, fa - o->addr);
}

void
cmd_addr_label(struct cmd_ctx *c, uint64_t addr, char *buf, size_t len)
{
	char sym[512];

	addr_symbol(c, addr, sym, sizeof sym);
	snprintf(buf, len, "0x%" PRIx64 "%s%s", addr, sym[0] ? " " : "",
	    sym);
}

/* " <sym>" or " <sym+off>" for a data or code address, when a symbol
   holds it.  */
static void
sym_label(struct cmd_ctx *c, uint64_t addr)
{
	char sym[512];

	addr_symbol(c, addr, sym, sizeof sym);
	if (sym[0] != '\0')
		fprintf(c->out, " %s", sym);
}

/* gdb's " <callee>" after a direct branch's target.  */
static void
branch_target(struct cmd_ctx *c, const struct fs_insn *in)
{
	struct fs_where w;

	if (in->riprel != 0) {
		/* gdb's comment on a rip-relative operand.  */
		fprintf(c->out, "        # 0x%" PRIx64, in->riprel);
		sym_label(c, in->riprel);
		return;
	}
	if (in->dest == 0)
		return;
	fs_modules_where(fs_session_modules(c->s), in->dest, in->dest, &w);
	if (w.func == NULL)
		return;
	if (in->dest == w.func_addr)
		fprintf(c->out, " <%s>", w.func);
	else
		fprintf(c->out, " <%s+%" PRIu64 ">", w.func,
		    in->dest - w.func_addr);
}

/* gdb's disassemble: the function around the selected frame's pc, a
   named function or the one holding an address, or START,END (END may
   be +LENGTH); /r adds the bytes.  "=>" marks the selected frame's pc.  */
static int
c_disassemble(struct cmd_ctx *c, char *arg, const char *fmt)
{
	const struct fs_frame *f;
	struct fs_module *mod;
	const struct fs_sym *sym;
	struct fs_where w;
	struct fs_insn in;
	struct fs_err e;
	uint64_t lo, hi, pc = 0, a;
	uint8_t buf[16];
	char bytes[64], label[300], *comma;
	bool raw = false, range = false;
	ssize_t got;
	size_t n, k;

	arg = cmd_skip(arg);
	if (fmt == NULL && *arg == '/') {
		/* "disassemble /r main": the modifiers after a space.  */
		fmt = ++arg;
		while (*arg != '\0' && !isspace((unsigned char)*arg))
			arg++;
		if (*arg != '\0')
			*arg++ = '\0';
	}
	for (; fmt != NULL && *fmt != '\0'; fmt++)
		if (*fmt == 'r')
			raw = true;
		else if (*fmt != 's' && *fmt != 'm')
			return cmd_fail(c, "Invalid disassembly modifier.");
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "No frame selected.");
	if (fs_session_frames_head(c->s, c->frame + 1, &f, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	if (c->frame < n)
		pc = f[c->frame].pc;
	arg = cmd_skip(arg);
	if ((comma = strchr(arg, ',')) != NULL) {
		*comma = '\0';
		if (fs_session_eval_addr(c->s, arg, c->frame, &lo, &e) < 0)
			return cmd_fail_err(c, &e);
		comma = cmd_skip(comma + 1);
		if (*comma == '+') {
			if (fs_session_eval_addr(c->s, comma + 1, c->frame, &hi,
			    &e) < 0)
				return cmd_fail_err(c, &e);
			hi += lo;
		} else if (fs_session_eval_addr(c->s, comma, c->frame, &hi,
		    &e) < 0)
			return cmd_fail_err(c, &e);
		range = true;
	} else {
		if (*arg == '\0')
			a = pc;
		else if (fs_session_eval_addr(c->s, arg, c->frame, &a, &e) < 0)
			return cmd_fail_err(c, &e);
		fs_modules_where(fs_session_modules(c->s), a, a, &w);
		mod = fs_modules_at(fs_session_modules(c->s), a);
		if (w.func == NULL || mod == NULL || (sym = fs_module_sym_at(mod,
		    w.func_addr - mod->bias)) == NULL || sym->size == 0)
			return cmd_fail(c, "No function contains specified "
			    "address.");
		lo = w.func_addr;
		hi = lo + sym->size;
		fprintf(c->out, "Dump of assembler code for function %s:\n",
		    w.func);
	}
	if (range)
		fprintf(c->out, "Dump of assembler code from 0x%" PRIx64 " to "
		    "0x%" PRIx64 ":\n", lo, hi);
	for (a = lo; a < hi; a += in.len) {
		if ((got = fs_session_read(c->s, a, buf, sizeof buf, &e)) <= 0)
			return cmd_fail(c, "Cannot access memory at address 0x%"
			    PRIx64, a);
		if (fs_insn_decode_bits(buf, (size_t)got, a,
		    fs_session_arch(c->s)->insn_bits, c->intel, &in) < 0) {
			fprintf(c->out, "   0x%0*" PRIx64 ":\t(bad)\n",
			    (int)fs_session_arch(c->s)->addr_digits, a);
			in.len = 1;
			continue;
		}
		fprintf(c->out, "%s 0x%0*" PRIx64, a == pc ? "=>" : "  ",
		    (int)fs_session_arch(c->s)->addr_digits, a);
		if (range) {
			/* gdb writes "+0" here, unlike x/i.  */
			fs_modules_where(fs_session_modules(c->s), a, a, &w);
			if (w.func != NULL) {
				snprintf(label, sizeof label, "%s", w.func);
				fprintf(c->out, " <%s+%" PRIu64 ">", label,
				    a - w.func_addr);
			}
		} else
			fprintf(c->out, " <+%" PRIu64 ">", a - lo);
		fputc(':', c->out);
		fputc('\t', c->out);
		if (raw) {
			for (k = 0, bytes[0] = '\0'; k < in.len && k < 16; k++)
				snprintf(bytes + strlen(bytes), sizeof bytes -
				    strlen(bytes), "%s%02x", k ? " " : "",
				    buf[k]);
			fprintf(c->out, "%-19s\t", bytes);
		}
		fputs(in.gdbtext, c->out);
		branch_target(c, &in);
		fputc('\n', c->out);
	}
	fprintf(c->out, "End of assembler dump.\n");
	return 0;
}

/* BUF[0..SZ) written as print writes a value of the base type NAME
   with encoding ENC, after a tab: x's f and c.  */
static void
x_scalar(struct cmd_ctx *c, const uint8_t *buf, unsigned sz,
    const char *name, enum fs_ate enc)
{
	struct fs_type ft;
	struct fs_value fv;
	char *text = NULL;

	memset(&ft, 0, sizeof ft);
	ft.kind = FS_TYPE_BASE;
	ft.name = name;
	ft.size = sz;
	ft.encoding = enc;
	memset(&fv, 0, sizeof fv);
	fv.type = &ft;
	fv.bytes = buf;
	fv.len = sz;
	if (fs_value_format(&fv, NULL, FS_VALUE_C, &text, NULL) == 0)
		fprintf(c->out, "\t%s", text);
	free(text);
}

/* S[0..N) as print writes a char array, after a tab: x/s's string,
   escapes and repeats as gdb's.  */
static void
x_string(struct cmd_ctx *c, const char *s, size_t n)
{
	char *text = NULL;

	if (fs_value_format_text((const uint8_t *)s, n, NULL, &text) == 0)
		fprintf(c->out, "\t%s", text);
	free(text);
}

int
cmd_x(struct cmd_ctx *c, char *arg, const char *fmtpart)
{
	unsigned long count = 1;
	char fmt = c->x_fmt ? c->x_fmt : 'x', size = 0, label[640];
	bool given_size = false, back = false;
	const char *p = fmtpart;
	uint64_t addr, v;
	unsigned per_line, i, sz;
	struct fs_err e;
	uint8_t buf[16];
	ssize_t got;

	if (p != NULL) {
		/* x/-N: the N units before the address, as gdb's.  */
		if (*p == '-' && isdigit((unsigned char)p[1])) {
			back = true;
			p++;
		}
		if (isdigit((unsigned char)*p))
			count = strtoul(p, (char **)&p, 10);
		for (; *p; p++) {
			if (strchr("bhwg", *p)) {
				size = *p;
				given_size = true;
			}
			/* z: hex with its leading zeros, as x writes it.  */
			else if (*p == 'z')
				fmt = 'x';
			else if (strchr("xduotacfsi", *p))
				fmt = *p;
			else
				return cmd_fail(c, "Invalid number \"%s\".",
				    fmtpart);
		}
	}
	arg = cmd_skip(arg);
	if (*arg == '\0' && !c->x_valid)
		return cmd_fail(c, "Argument required (starting display address).");
	/* gdb's decode_format: a unit size not given is the last one, but
	   for addresses (a pointer: 8 bytes, 4 on i386), floats (4 or 8) and
	   characters (1).  */
	if (!given_size) {
		char last = c->x_size ? c->x_size : 'w';

		size = fmt == 'a' ? (fs_session_arch(c->s)->word == 4 ? 'w' :
		    'g') : fmt == 'c' ? 'b' : fmt == 'f' ?
		    (last == 'w' || last == 'g' ? last : 'g') : last;
	}
	if (*arg == '\0') {
		/* On from where the last x ended, as many again when no
		   format was given either.  */
		if (fmtpart == NULL)
			count = c->x_count;
		addr = c->x_next;
		goto examine;
	}
	/* Registers, symbols and sums, or any expression print takes,
	   as an address; before the run, memory is the executable's file
	   image, as in gdb.  */
	if (fs_session_eval_addr(c->s, arg, c->frame, &addr, &e) < 0 &&
	    ((e.code != FS_E_USAGE && e.code != FS_E_NOENT) ||
	    fs_vars_address_hist(c->s, c->frame, arg, cmd_history(c),
	    &addr, &e) < 0))
		return cmd_fail_err(c, &e);
examine:
	if (back && (fmt == 's' || fmt == 'i'))
		return cmd_fail(c, "x/-N of strings or instructions is not "
		    "supported: give the address to start from");
	if (back) {
		sz = size == 'b' ? 1 : size == 'h' ? 2 : size == 'w' ? 4 : 8;
		addr -= count * sz;
	}
	c->x_fmt = fmt;
	c->x_size = fmt == 's' ? 'b' : size;
	c->x_count = count;
	if (fmt == 'i') {
		struct fs_insn in;
		const struct fs_frame *fr;
		uint64_t pc = 0;
		size_t nf;

		/* "=>" marks the selected frame's pc, as gdb's.  */
		if (fs_session_frames_head(c->s, c->frame + 1, &fr, &nf,
		    NULL) == 0 && c->frame < nf)
			pc = fr[c->frame].pc;
		for (i = 0; i < count; i++) {
			if ((got = fs_vars_read(c->s, addr, buf, sizeof buf,
			    &e)) <= 0) {
				/* gdb has written the address, not the
				   line's end.  */
				cmd_addr_label(c, addr, label, sizeof label);
				fprintf(c->out, "%s %s:\t", pc == addr ? "=>" :
				    "  ", label);
				fflush(c->out);
				return cmd_fail(c, "Cannot access memory at "
				    "address 0x%" PRIx64, addr);
			}
			if (fs_insn_decode_bits(buf, (size_t)got, addr,
			    fs_session_arch(c->s)->insn_bits, c->intel,
			    &in) < 0) {
				fprintf(c->out, "   0x%" PRIx64 ":\t(bad)\n",
				    addr);
				addr++;
				continue;
			}
			cmd_addr_label(c, addr, label, sizeof label);
			fprintf(c->out, "%s %s:\t%s", pc == addr ? "=>" : "  ",
			    label, in.gdbtext);
			branch_target(c, &in);
			fputc('\n', c->out);
			cmd_set_examined(c, addr, 1, NULL);
			addr += in.len;
		}
		c->x_next = addr;
		c->x_valid = true;
		return 0;
	}
	if (fmt == 's') {
		for (i = 0; i < count; i++) {
			char s[201];
			size_t k = 0;

			if (fs_vars_read(c->s, addr, s, 1, NULL) != 1) {
				/* As gdb: the error in the string's place,
				   and x goes no further.  */
				cmd_addr_label(c, addr, label, sizeof label);
				fprintf(c->out, "%s:\t<error: Cannot access "
				    "memory at address 0x%" PRIx64 ">\n",
				    label, addr);
				c->x_next = addr;
				c->x_valid = true;
				return 0;
			}
			while (k < 200 && fs_vars_read(c->s, addr + k,
			    s + k, 1, NULL) == 1 && s[k] != '\0')
				k++;
			s[k] = '\0';
			cmd_addr_label(c, addr, label, sizeof label);
			fprintf(c->out, "%s:", label);
			x_string(c, s, k);
			fprintf(c->out, "%s\n", k == 200 ? "..." : "");
			cmd_set_examined(c, addr, 1, NULL);
			addr += k + 1;
		}
		c->x_next = addr;
		c->x_valid = true;
		return 0;
	}

	/* gdb: a float of a size that is no float is shown as an integer. */
	if (fmt == 'f' && (size == 'b' || size == 'h'))
		fmt = 'd';
	sz = size == 'b' ? 1 : size == 'h' ? 2 : size == 'w' ? 4 : 8;
	per_line = sz == 1 ? 8 : sz == 2 ? 8 : sz == 4 ? 4 : 2;
	for (i = 0; i < count; i++) {
		if (i % per_line == 0) {
			if (i > 0)
				fputc('\n', c->out);
			cmd_addr_label(c, addr, label, sizeof label);
			fprintf(c->out, "%s:", label);
		}
		got = fs_vars_read(c->s, addr, buf, sz, &e);
		if (got != (ssize_t)sz) {
			/* gdb has written the tab, not the line's end.  */
			fputc('\t', c->out);
			fflush(c->out);
			return cmd_fail(c, "Cannot access memory at address 0x%"
			    PRIx64, addr);
		}
		v = 0;
		memcpy(&v, buf, sz);
		switch (fmt) {
		case 'x':
			fprintf(c->out, "\t0x%0*" PRIx64, (int)sz * 2, v);
			break;
		case 'd': {
			int64_t sv = (int64_t)(v << (64 - 8 * sz)) >>
			    (64 - 8 * sz);
			fprintf(c->out, "\t%" PRId64, sv);
			break;
		}
		case 'u':
			fprintf(c->out, "\t%" PRIu64, v);
			break;
		case 'o':
			fprintf(c->out, "\t0%" PRIo64, v);
			break;
		case 't': {
			int b;

			fputc('\t', c->out);
			for (b = (int)sz * 8 - 1; b >= 0; b--)
				fputc((v >> b) & 1 ? '1' : '0', c->out);
			break;
		}
		case 'c':
			/* As print writes a char: '\340', '\n'.  */
			x_scalar(c, buf, sz, "char", FS_ATE_SIGNED_CHAR);
			break;
		case 'a':
			cmd_addr_label(c, v, label, sizeof label);
			fprintf(c->out, "\t%s", label);
			break;
		case 'f':
			/* As print writes a float or a double.  */
			x_scalar(c, buf, sz, sz == 8 ? "double" : "float",
			    FS_ATE_FLOAT);
			break;
		}
		cmd_set_examined(c, addr, (unsigned)sz, buf);
		addr += sz;
	}
	fputc('\n', c->out);
	/* Backwards, a bare x after it shows the first unit again, as
	   gdb's does.  */
	c->x_next = back ? addr - count * sz : addr;
	if (back)
		c->x_count = 1;
	c->x_valid = true;
	return 0;
}

const struct cmd_entry cmd_mem_table[] = {
	{ "disassemble", { NULL }, NULL, c_disassemble,
	    "disassemble[/r] [FUNCTION|ADDRESS|START,END|START,+LENGTH] -- the machine code, => at the pc" },
	{ "x", { NULL }, NULL, cmd_x,
	    "x/NFU [ADDRESS] -- examine memory (F: x d u o t a c f s i; U: b h w g); no ADDRESS: on from the last" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

static int
set_flavor(struct cmd_ctx *c, char *arg)
{
	char *v = cmd_word(&arg);

	if (v == NULL)
		return cmd_fail(c, "Requires an argument. Valid arguments are "
		    "att, intel.");
	if (strcmp(v, "intel") == 0)
		c->intel = true;
	else if (strcmp(v, "att") == 0)
		c->intel = false;
	else
		return cmd_fail(c, "Undefined item: \"%s\".", v);
	return 0;
}

const struct cmd_sub cmd_mem_set[] = {
	{ "disassembly-flavor", 0, set_flavor },
	{ NULL, 0, NULL },
};
