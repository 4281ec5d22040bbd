/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_info: gdb's questions about the program's symbols, as its `info'
 * subcommands answer them: info symbol (the symbol and section holding an
 * address).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_elf.h"
#include "fs_modules.h"
#include "fs_vars.h"

/* ARG without the blanks after it.  */
static char *
trim(char *arg)
{
	char *end;

	arg = cmd_skip(arg);
	end = arg + strlen(arg);
	while (end > arg && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return arg;
}

/* Of the function symbols at S's address, the one gdb's minimal
   symbols name it by: they are sorted by address, then by name, and
   the last one with a size wins (puts, not _IO_puts).  */
static const struct fs_sym *
gdb_alias(const struct fs_elf *elf, const struct fs_sym *s)
{
	const struct fs_sym *all, *best = s;
	size_t n, i;

	all = fs_elf_symbols(elf, &n);
	if (s < all || s >= all + n)
		return s;
	for (i = (size_t)(s - all); i > 0 && all[i - 1].addr == s->addr; i--)
		;
	for (; i < n && all[i].addr == s->addr; i++)
		if ((all[i].size != 0 || best->size == 0) &&
		    all[i].linkage != NULL && best->linkage != NULL &&
		    strcmp(all[i].linkage, best->linkage) > 0)
			best = &all[i];
	return best;
}

/* The ELF symbol of module M holding file address FA in section SECT,
   a function's or a data object's.  */
static const struct fs_sym *
symbol_in_section(struct fs_module *m, uint64_t fa, const char *sect)
{
	const struct fs_sym *s = fs_elf_sym_at(m->elf, fa);
	const char *ss;

	if (s == NULL && m->dbg != NULL)
		s = fs_elf_object_at(m->dbg, fa);
	if (s == NULL)
		s = fs_elf_object_at(m->elf, fa);
	if (s == NULL || (ss = fs_elf_section_at(m->elf, s->addr)) == NULL ||
	    strcmp(ss, sect) != 0)
		return NULL;
	return gdb_alias(m->elf, s);
}

/* info symbol ADDR: "main + 4 in section .text", and once the program
   runs with its libraries, "of" the file.  */
static int
info_symbol(struct cmd_ctx *c, char *arg)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	bool alive = fs_session_alive(c->s);
	const struct fs_sym *s = NULL;
	struct fs_module *m;
	const char *sect = NULL;
	struct fs_err e;
	uint64_t addr, fa = 0;

	arg = trim(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (address).");
	if (fs_vars_address(c->s, c->frame, arg, &addr, &e) < 0)
		return cmd_fail_err(c, &e);
	m = alive ? fs_modules_at(mods, addr) : fs_modules_exec(mods);
	if (m != NULL && m->elf != NULL && (!alive || m->mapped)) {
		fa = alive ? addr - m->bias : addr;
		if ((sect = fs_elf_section_at(m->elf, fa)) != NULL)
			s = symbol_in_section(m, fa, sect);
	}
	if (s == NULL) {
		fprintf(c->out, "No symbol matches %s.\n", arg);
		return 0;
	}
	fputs(s->name, c->out);
	if (fa != s->addr)
		fprintf(c->out, " + %" PRIu64, fa - s->addr);
	fprintf(c->out, " in section %s", sect);
	if (alive && fs_modules_count(mods) > 1)
		fprintf(c->out, " of %s", fs_module_name(m));
	fputc('\n', c->out);
	return 0;
}

const struct cmd_sub cmd_info_info[] = {
	{ "symbol", 2, info_symbol },
	{ NULL, 0, NULL },
};
