/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_info: gdb's questions about the program's symbols, as its `info'
 * subcommands answer them: info symbol (the symbol and section holding an
 * address), info source (the current source file's compile unit).
 */
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_dinfo.h"
#include "fs_elf.h"
#include "fs_modules.h"
#include "fs_source.h"
#include "fs_vars.h"

/* Of the data symbols at S's address, the one gdb's minimal symbols
   name it by: they are sorted by address, then by name, and the last
   one with a size wins.  */
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
	bool object = s == NULL;

	/* A function's is gdb's already (fs_elf_sym_at); a data
	   object's, among its aliases, is gdb's by gdb_alias.  */
	if (s == NULL && m->dbg != NULL)
		s = fs_elf_object_at(m->dbg, fa);
	if (s == NULL)
		s = fs_elf_object_at(m->elf, fa);
	if (s == NULL || (ss = fs_elf_section_at(m->elf, s->addr)) == NULL ||
	    strcmp(ss, sect) != 0)
		return NULL;
	return object ? gdb_alias(m->elf, s) : s;
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

	arg = cmd_trim(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (address).");
	/* A function with no debugging information is its address, as
	   gdb's minimal symbols make it.  */
	if (fs_vars_address(c->s, c->frame, arg, &addr, &e) < 0 &&
	    fs_modules_find_function(mods, arg, &addr, NULL) < 0)
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

/* gdb's name of a DW_AT_language.  */
static const char *
language_name(uint64_t lang)
{
	switch (lang) {
	case 0x1: case 0x2: case 0xc: case 0x1d: case 0x2c:
		return "c";
	case 0x4: case 0x19: case 0x1a: case 0x21:
		return "c++";
	case 0x1c:
		return "rust";
	case 0x8001:
		return "asm";
	default:
		return "minimal";
	}
}

/* info source: the compile unit of the current source file (the one
   the last stop or list showed), as gdb describes it.  */
static int
info_source(struct cmd_ctx *c, char *arg)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	struct fs_module *m = fs_modules_exec(mods);
	const struct fs_frame *f;
	struct fs_dwarf *dw;
	struct fs_dinfo_cu cu;
	struct fs_where w;
	size_t nf;
	unsigned n;
	int r = -1;

	(void)arg;
	/* The selected frame's unit when the file is its (a library's
	   too), else the executable's unit of that name.  */
	if (c->list_path[0] != '\0' && fs_session_alive(c->s) &&
	    fs_session_frames_head(c->s, c->frame + 1, &f, &nf, NULL) == 0 &&
	    c->frame < nf) {
		fs_modules_where(mods, f[c->frame].pc, f[c->frame].pc, &w);
		if (w.mod != NULL && w.fullpath != NULL &&
		    strcmp(w.fullpath, c->list_path) == 0 &&
		    (dw = fs_module_dwarf(w.mod)) != NULL)
			r = fs_dinfo_unit_info(dw, f[c->frame].pc - (w.mod->mapped ?
			    w.mod->bias : 0), NULL, &cu);
	}
	if (r < 0 && c->list_path[0] != '\0' && m != NULL &&
	    (dw = fs_module_dwarf(m)) != NULL)
		r = fs_dinfo_unit_info(dw, 0, c->list_name, &cu);
	if (r < 0 || cu.name == NULL) {
		fprintf(c->out, "No current source file.\n");
		return 0;
	}
	fprintf(c->out, "Current source file is %s\n", cu.name);
	if (cu.comp_dir != NULL)
		fprintf(c->out, "Compilation directory is %s\n", cu.comp_dir);
	fprintf(c->out, "Located in %s\n", c->list_path);
	if ((n = fs_source_nlines(c->src, c->list_path)) > 0)
		fprintf(c->out, "Contains %u lines.\n", n);
	fprintf(c->out, "Source language is %s.\n", language_name(
	    cu.language));
	if (cu.producer != NULL)
		fprintf(c->out, "Producer is %s.\n", cu.producer);
	fprintf(c->out, "Compiled with DWARF %u debugging format.\n",
	    cu.version);
	fprintf(c->out, cu.macros ? "Includes preprocessor macro info.\n" :
	    "Does not include preprocessor macro info.\n");
	return 0;
}

/* gdb 13's names, descriptions and formats of the Linux auxiliary
   vector's entries (d: decimal, x: hex, s: a string's address and
   text); what it does not know is "???", in hex.  */
static const struct {
	unsigned	 type;
	const char	*name, *desc;
	char		 fmt;
} auxv_tags[] = {
	{ 0, "AT_NULL", "End of vector", 'x' },
	{ 1, "AT_IGNORE", "Entry should be ignored", 'x' },
	{ 2, "AT_EXECFD", "File descriptor of program", 'd' },
	{ 3, "AT_PHDR", "Program headers for program", 'x' },
	{ 4, "AT_PHENT", "Size of program header entry", 'd' },
	{ 5, "AT_PHNUM", "Number of program headers", 'd' },
	{ 6, "AT_PAGESZ", "System page size", 'd' },
	{ 7, "AT_BASE", "Base address of interpreter", 'x' },
	{ 8, "AT_FLAGS", "Flags", 'x' },
	{ 9, "AT_ENTRY", "Entry point of program", 'x' },
	{ 10, "AT_NOTELF", "Program is not ELF", 'd' },
	{ 11, "AT_UID", "Real user ID", 'd' },
	{ 12, "AT_EUID", "Effective user ID", 'd' },
	{ 13, "AT_GID", "Real group ID", 'd' },
	{ 14, "AT_EGID", "Effective group ID", 'd' },
	{ 15, "AT_PLATFORM", "String identifying platform", 's' },
	{ 16, "AT_HWCAP", "Machine-dependent CPU capability hints", 'x' },
	{ 17, "AT_CLKTCK", "Frequency of times()", 'd' },
	{ 18, "AT_FPUCW", "Used FPU control word", 'd' },
	{ 19, "AT_DCACHEBSIZE", "Data cache block size", 'd' },
	{ 20, "AT_ICACHEBSIZE", "Instruction cache block size", 'd' },
	{ 21, "AT_UCACHEBSIZE", "Unified cache block size", 'd' },
	{ 22, "AT_IGNOREPPC", "Entry should be ignored", 'd' },
	{ 23, "AT_SECURE", "Boolean, was exec setuid-like?", 'd' },
	{ 24, "AT_BASE_PLATFORM", "String identifying base platform", 's' },
	{ 25, "AT_RANDOM", "Address of 16 random bytes", 'x' },
	{ 26, "AT_HWCAP2", "Extension of AT_HWCAP", 'x' },
	{ 31, "AT_EXECFN", "File name of executable", 's' },
	{ 32, "AT_SYSINFO", "Special system info/entry points", 'x' },
	{ 33, "AT_SYSINFO_EHDR", "System-supplied DSO's ELF header", 'x' },
	{ 34, "AT_L1I_CACHESHAPE", "L1 Instruction cache information", 'x' },
	{ 35, "AT_L1D_CACHESHAPE", "L1 Data cache information", 'x' },
	{ 36, "AT_L2_CACHESHAPE", "L2 cache information", 'x' },
	{ 37, "AT_L3_CACHESHAPE", "L3 cache information", 'x' },
	{ 40, "AT_L1I_CACHESIZE", "L1 Instruction cache size", 'x' },
	{ 41, "AT_L1I_CACHEGEOMETRY", "L1 Instruction cache geometry", 'x' },
	{ 42, "AT_L1D_CACHESIZE", "L1 Data cache size", 'x' },
	{ 43, "AT_L1D_CACHEGEOMETRY", "L1 Data cache geometry", 'x' },
	{ 44, "AT_L2_CACHESIZE", "L2 cache size", 'x' },
	{ 45, "AT_L2_CACHEGEOMETRY", "L2 cache geometry", 'x' },
	{ 46, "AT_L3_CACHESIZE", "L3 cache size", 'x' },
	{ 47, "AT_L3_CACHEGEOMETRY", "L3 cache geometry", 'x' },
	{ 51, "AT_MINSIGSTKSZ", "Minimum stack size for signal delivery", 'x' },
};

/* info auxv: the auxiliary vector the kernel gave the program, gdb's
   table of it.  */
static int
info_auxv(struct cmd_ctx *c, char *arg)
{
	const struct fs_arch *a = fs_session_arch(c->s);
	uint64_t type, val, w[2];
	char path[64], expr[64], *text;
	size_t i, n, ents = 0, ws = a->word;
	uint8_t buf[2 * 8];
	FILE *f;

	(void)arg;
	if (!fs_session_alive(c->s) || fs_session_replaying_file(c->s))
		return cmd_fail(c, "The program has no auxiliary information "
		    "now.");
	snprintf(path, sizeof path, "/proc/%d/auxv", (int)fs_session_pid(c->s));
	if ((f = fopen(path, "r")) == NULL)
		return cmd_fail(c, "No auxiliary vector found, or failed "
		    "reading it.");
	while ((n = fread(buf, 1, 2 * ws, f)) == 2 * ws) {
		w[0] = w[1] = 0;
		memcpy(&w[0], buf, ws);
		memcpy(&w[1], buf + ws, ws);
		type = w[0];
		val = w[1];
		for (i = 0; i < sizeof auxv_tags / sizeof auxv_tags[0] &&
		    auxv_tags[i].type != type; i++)
			;
		fprintf(c->out, "%-4" PRIu64 " %-20s %-30s ", type,
		    i < sizeof auxv_tags / sizeof auxv_tags[0] ?
		    auxv_tags[i].name : "???",
		    i < sizeof auxv_tags / sizeof auxv_tags[0] ?
		    auxv_tags[i].desc : "");
		switch (i < sizeof auxv_tags / sizeof auxv_tags[0] ?
		    auxv_tags[i].fmt : 'x') {
		case 'd':
			fprintf(c->out, "%" PRId64 "\n", ws == 4 ?
			    (int64_t)(int32_t)val : (int64_t)val);
			break;
		case 's':
			/* The address and the string, as print shows a
			   char *.  */
			snprintf(expr, sizeof expr, "(char *)0x%" PRIx64, val);
			if (fs_vars_print(c->s, 0, expr, 0, &text, NULL) == 0) {
				fprintf(c->out, "%s\n", text);
				free(text);
			} else
				fprintf(c->out, "0x%" PRIx64 "\n", val);
			break;
		default:
			fprintf(c->out, "0x%" PRIx64 "\n", val);
			break;
		}
		ents++;
		if (type == 0)
			break;
	}
	fclose(f);
	if (ents == 0)
		return cmd_fail(c, "Auxiliary vector is empty.");
	return 0;
}

/* /proc/PID/NAME's target (cwd, exe) into BUF: true when it has one.  */
static bool
proc_link(pid_t pid, const char *name, char *buf, size_t size)
{
	char path[64];
	ssize_t n;

	snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, name);
	if ((n = readlink(path, buf, size - 1)) < 0)
		return false;
	buf[n] = '\0';
	return true;
}

/* The program's memory map, gdb's table of /proc/PID/maps.  */
static int
proc_mappings(struct cmd_ctx *c, pid_t pid)
{
	bool w4 = fs_session_arch(c->s)->word == 4;
	unsigned long long lo, hi, off;
	char path[64], line[4608], perms[8], file[4096];
	FILE *f;
	int k;

	snprintf(path, sizeof path, "/proc/%d/maps", (int)pid);
	if ((f = fopen(path, "r")) == NULL)
		return cmd_fail(c, "unable to open /proc file '%s'", path);
	fprintf(c->out, "Mapped address spaces:\n\n");
	fprintf(c->out, w4 ? "\t%10s %10s %10s %10s  %s %s\n" :
	    "  %18s %18s %10s %10s  %s %s\n", "Start Addr", "  End Addr",
	    "      Size", "    Offset", w4 ? "Perms  " : "Perms ", "objfile");
	while (fgets(line, sizeof line, f) != NULL) {
		file[0] = '\0';
		k = 0;
		if (sscanf(line, "%llx-%llx %7s %llx %*s %*s %n", &lo, &hi,
		    perms, &off, &k) < 4)
			continue;
		if (k > 0)
			sscanf(line + k, "%4095[^\n]", file);
		{
			char a[24], b[24], sz[24], of[24];

			snprintf(a, sizeof a, "0x%llx", lo);
			snprintf(b, sizeof b, "0x%llx", hi);
			snprintf(sz, sizeof sz, "0x%llx", hi - lo);
			snprintf(of, sizeof of, "0x%llx", off);
			fprintf(c->out, w4 ? "\t%10s %10s %10s %10s  %s   %s\n" :
			    "  %18s %18s %10s %10s  %s   %s\n", a, b, sz, of,
			    perms, file);
		}
	}
	fclose(f);
	return 0;
}

/* info proc [mappings|cmdline|cwd|exe]: the process as Linux's /proc
   tells it, as gdb's (alone: its command line, directory and
   executable).  */
static int
info_proc(struct cmd_ctx *c, char *arg)
{
	char *w = cmd_word(&arg), path[64], buf[4096];
	bool cmdline, cwd, exe, maps;
	pid_t pid;
	size_t n, i;
	FILE *f;

	cmdline = cwd = exe = w == NULL;
	maps = false;
	if (w != NULL) {
		if (strcmp(w, "mappings") == 0)
			maps = true;
		else if (strcmp(w, "cmdline") == 0)
			cmdline = true;
		else if (strcmp(w, "cwd") == 0)
			cwd = true;
		else if (strcmp(w, "exe") == 0)
			exe = true;
		else
			return cmd_fail(c, "Too many parameters: %s", w);
		if (*cmd_skip(arg) != '\0')
			return cmd_fail(c, "Too many parameters: %s",
			    cmd_trim(arg));
	}
	if (!fs_session_alive(c->s) || fs_session_replaying_file(c->s))
		return cmd_fail(c, "No current process: you must name one.");
	pid = fs_session_pid(c->s);
	fprintf(c->out, "process %d\n", (int)pid);
	if (cmdline) {
		snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
		n = 0;
		if ((f = fopen(path, "r")) != NULL) {
			n = fread(buf, 1, sizeof buf - 1, f);
			fclose(f);
		}
		/* Its arguments apart, as gdb joins them.  */
		while (n > 0 && buf[n - 1] == '\0')
			n--;
		for (i = 0; i < n; i++)
			if (buf[i] == '\0')
				buf[i] = ' ';
		buf[n] = '\0';
		fprintf(c->out, "cmdline = '%s'\n", buf);
	}
	if (cwd && proc_link(pid, "cwd", buf, sizeof buf))
		fprintf(c->out, "cwd = '%s'\n", buf);
	if (exe && proc_link(pid, "exe", buf, sizeof buf))
		fprintf(c->out, "exe = '%s'\n", buf);
	if (maps)
		return proc_mappings(c, pid);
	return 0;
}

const struct cmd_sub cmd_info_info[] = {
	{ "auxv", 2, info_auxv },
	{ "proc", 4, info_proc },
	{ "source", 2, info_source },
	{ "symbol", 2, info_symbol },
	{ NULL, 0, NULL },
};
