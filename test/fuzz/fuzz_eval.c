/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "eval": one expression of `print', parsed and evaluated by
   fs_eval over the globals of samples/values.c (their types from its
   DWARF, their bytes from its file, as gdb reads a program before it
   runs), with made-up registers and a value history, then printed by
   fs_value and its type written as ptype does.  The input: a byte of
   flags (types only, print's /FMT letter, a Rust frame's language),
   then the expression.  */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/user.h>

#include "fs_dinfo.h"
#include "fs_dwarf.h"
#include "fs_elf.h"
#include "fs_eval.h"
#include "fs_target.h"
#include "fs_value.h"
#include "fuzz.h"

static struct fs_elf *elf;
static struct fs_dwarf *dw;
static struct user_regs_struct regs;
static const struct fs_type *hist_type;
static uint8_t hist_bytes[8] = { 42 };

/* The file's image: its segments' bytes, zeros past their file part
   (.bss).  */
static int
mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	const struct fs_segment *s;
	size_t n, i, have;

	(void)arg;
	s = fs_elf_segments(elf, &n);
	for (i = 0; i < n; i++) {
		if (addr < s[i].vaddr || addr - s[i].vaddr >= s[i].memsz ||
		    len > s[i].memsz - (addr - s[i].vaddr))
			continue;
		have = addr - s[i].vaddr < s[i].filesz ? (size_t)(s[i].filesz -
		    (addr - s[i].vaddr)) : 0;
		if (have > len)
			have = len;
		if (have > 0)
			memcpy(buf, fs_elf_bytes(elf, addr, have), have);
		memset((uint8_t *)buf + have, 0, len - have);
		return 0;
	}
	return -FS_E_NOENT;
}

static int
symbolize(void *arg, uint64_t addr, char *buf, size_t size)
{
	const struct fs_sym *s;

	(void)arg;
	if ((s = fs_elf_object_at(elf, addr)) == NULL &&
	    (s = fs_elf_sym_at(elf, addr)) == NULL)
		return -FS_E_NOENT;
	if (addr == s->addr)
		snprintf(buf, size, "%s", s->name);
	else
		snprintf(buf, size, "%s+%llu", s->name,
		    (unsigned long long)(addr - s->addr));
	return 0;
}

static int
lookup(void *arg, const char *name, struct fs_eval_sym *out)
{
	const struct fs_var *v;
	const uint8_t *op;

	(void)arg;
	memset(out, 0, sizeof *out);
	if (fs_dinfo_global(dw, name, 0, &v, NULL) < 0)
		return -FS_E_NOENT;
	out->type = v->type;
	op = v->loc.expr.ops;
	if (v->loc.kind == FS_LOC_EXPR && v->loc.expr.len == 9 &&
	    op[0] == 0x03) {	/* DW_OP_addr */
		out->in_memory = true;
		memcpy(&out->addr, op + 1, 8);
	} else if (v->loc.kind == FS_LOC_CONST) {
		out->bytes = v->loc.const_bytes;
		out->len = v->loc.const_len;
	} else
		out->error = "optimized out";
	return 0;
}

static int
reg(void *arg, const char *name, uint64_t *val)
{
	(void)arg;
	if (strcmp(name, "pc") == 0)
		name = "rip";
	else if (strcmp(name, "sp") == 0)
		name = "rsp";
	else if (strcmp(name, "fp") == 0)
		name = "rbp";
	return fs_arch_regval(&fs_arch_x86_64, &regs, name, strlen(name),
	    val) < 0 ? -FS_E_NOENT : 0;
}

static size_t
hist_count(void *arg)
{
	(void)arg;
	return hist_type != NULL ? 3 : 0;
}

static int
hist_get(void *arg, size_t num, struct fs_eval_sym *out)
{
	(void)arg;
	if (num < 1 || num > 3)
		return -FS_E_NOENT;
	memset(out, 0, sizeof *out);
	out->type = hist_type;
	out->bytes = hist_bytes;
	out->len = hist_type->size < sizeof hist_bytes ?
	    (size_t)hist_type->size : sizeof hist_bytes;
	out->in_memory = num == 2;
	out->addr = 0x4010;
	return 0;
}

int
fuzz_eval_init(void)
{
	const struct fs_var *v;
	const char *path = fuzz_sample("values-O0");

	setenv("FRAMESCOPE_NO_CACHE", "1", 1);
	if (fs_elf_open(path, &elf, NULL) < 0 ||
	    fs_elf_load_symbols(elf, NULL) < 0 ||
	    fs_dwarf_open(path, &dw, NULL) < 0) {
		fprintf(stderr, "fuzz eval: cannot read %s\n", path);
		return -1;
	}
	if (fs_dinfo_global(dw, "g_int", 0, &v, NULL) == 0)
		hist_type = v->type;
	regs.rip = 0x555555555149;
	regs.rsp = 0x7fffffffe3f0;
	regs.rbp = 0x7fffffffe400;
	regs.rax = 0x4010;
	regs.eflags = 0x246;
	return 0;
}

void
fuzz_eval(const uint8_t *data, size_t size)
{
	static const char fmts[] = "\0xzodutcafs";
	struct fs_eval_env env = { .lookup = lookup, .reg = reg, .mem = mem,
	    .hist_count = hist_count, .hist_get = hist_get };
	struct fs_value_env venv = { mem, symbolize, NULL, 0, 0, 0 };
	struct fs_eval *r;
	uint8_t flags;
	char *expr, *text;

	if (dw == NULL || size == 0)
		return;
	flags = data[0];
	env.types_only = flags & 1;
	env.rust = (flags & 0x80) != 0;
	venv.fmt = fmts[(flags >> 1) % (sizeof fmts - 1)];
	if ((expr = strndup((const char *)data + 1, size - 1)) == NULL)
		return;
	if (fs_eval(expr, &env, &r, NULL) == 0) {
		if (fs_value_format(fs_eval_value(r), &venv, FS_VALUE_TOP,
		    &text, NULL) == 0)
			free(text);
		if (fs_value_ptype(fs_eval_value(r)->type, &text, NULL) == 0)
			free(text);
		fs_eval_free(r);
	}
	free(expr);
}
