/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_list: source and libraries: list, info line, info sharedlibrary.
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
#include "fs_dwarf.h"
#include "fs_modules.h"
#include "fs_sbuf.h"
#include "fs_skip.h"
#include "fs_insn.h"
#include "fs_target.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "view_frames.h"
#include "cmd_int.h"

/* ----------------------------------------------------------------- info */

static int
info_sharedlibrary(struct cmd_ctx *c, char *arg)
{
	struct fs_modules *m = fs_session_modules(c->s);
	struct fs_module *mod;
	size_t i, n = fs_modules_count(m), shown = 0;
	int dig = (int)fs_session_arch(c->s)->addr_digits;
	bool nodebug, any = false;

	(void)arg;
	for (i = 0; i < n; i++) {
		mod = fs_modules_get(m, i);
		if (!mod->mapped || mod->is_exec || mod->is_vdso)
			continue;
		if (shown++ == 0)
			fprintf(c->out, "%-*s%-*s"
			    "Syms Read   Shared Object Library\n", dig + 4,
			    "From", dig + 4, "To");
		/* gdb's "(*)": no debugging information, from the file
		   or a separate debug file.  */
		nodebug = !fs_elf_has_debug_info(mod->elf) && (mod->dbg ==
		    NULL || !fs_elf_has_debug_info(mod->dbg));
		any = any || nodebug;
		fprintf(c->out, "0x%0*" PRIx64 "  0x%0*" PRIx64 "  %-12s%s\n",
		    dig, mod->lo, dig, mod->hi, nodebug ? "Yes (*)" : "Yes",
		    fs_module_name(mod));
	}
	if (shown == 0)
		fprintf(c->out, "No shared libraries loaded at this time.\n");
	else if (any)
		fprintf(c->out, "(*): Shared library is missing debugging "
		    "information.\n");
	return 0;
}

/* Where location SPEC is, for `list': a function (the line of its
   first instruction), FILE:LINE or LINE (in the file listed last).
   Returns 0 with *LINE set (and the file in C's list fields), or -1
   after a message.  */
static int
list_where(struct cmd_ctx *c, const char *spec, unsigned *line)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	struct fs_module *mod = NULL;
	struct fs_where w;
	struct fs_dwarf *dw;
	uint64_t addr, *addrs = NULL;
	size_t naddrs = 0, i;
	unsigned l;
	char file[256], *end;
	const char *colon;
	long v;

	v = strtol(spec, &end, 10);
	if (end != spec && *cmd_skip(end) == '\0') {
		if (c->list_path[0] == '\0' && list_where(c, "main", &l) < 0)
			return -1;
		*line = v > 0 ? (unsigned)v : 1;
		return 0;
	}
	if ((colon = strrchr(spec, ':')) != NULL && colon != spec) {
		v = strtol(colon + 1, &end, 10);
		if (end == colon + 1 || *cmd_skip(end) != '\0' || v <= 0 ||
		    (size_t)(colon - spec) >= sizeof file)
			return cmd_fail(c, "malformed linespec error: unexpected "
			    "string, \"%s\"", colon + 1);
		memcpy(file, spec, (size_t)(colon - spec));
		file[colon - spec] = '\0';
		/* Any line with code in the file names the file's path.  */
		for (i = 0; i < fs_modules_count(mods); i++) {
			mod = fs_modules_get(mods, i);
			if ((dw = fs_module_dwarf(mod)) != NULL &&
			    fs_dwarf_find_line(dw, file, 1, &addrs, &naddrs,
			    &l, NULL) == 0 && naddrs > 0)
				break;
			mod = NULL;
		}
		if (mod == NULL) {
			free(addrs);
			return cmd_fail(c, "No source file named %s.", file);
		}
		addr = addrs[0] + (mod->mapped ? mod->bias : 0);
		free(addrs);
		fs_modules_where(mods, addr, addr, &w);
		if (w.file == NULL)
			return cmd_fail(c, "No source file named %s.", file);
		snprintf(c->list_path, sizeof c->list_path, "%s",
		    w.fullpath ? w.fullpath : w.file);
		snprintf(c->list_name, sizeof c->list_name, "%s", w.file);
		*line = (unsigned)v;
		return 0;
	}
	if (fs_modules_find_function(mods, spec, &addr, &mod) < 0)
		return cmd_fail(c, "Function \"%s\" not defined.", spec);
	fs_modules_where(mods, addr, addr, &w);
	if (w.file == NULL)
		return cmd_fail(c, "No line number known for %s.", spec);
	snprintf(c->list_path, sizeof c->list_path, "%s",
	    w.fullpath ? w.fullpath : w.file);
	snprintf(c->list_name, sizeof c->list_name, "%s", w.file);
	*line = w.line;
	return 0;
}

/* Print lines FIRST..LAST of the file listed, as gdb does.  */
static int
list_lines(struct cmd_ctx *c, unsigned first, unsigned last)
{
	unsigned n = fs_source_nlines(c->src, c->list_path), l;
	const char *text;
	size_t len;

	if (n == 0)
		return cmd_fail(c, "%u\tin %s", first, c->list_name);
	if (first > n) {
		/* gdb stays there: `list' says so again, `list -' goes back
		   from here.  */
		c->list_first = first;
		c->list_last = first - 1;
		c->list_listed = first;
		return cmd_fail(c, "Line number %u out of range; %s has %u lines.",
		    first, c->list_name, n);
	}
	if (last > n)
		last = n;
	for (l = first; l <= last; l++) {
		text = fs_source_line(c->src, c->list_path, l, &len);
		fprintf(c->out, "%u\t%.*s\n", l, text ? (int)len : 0,
		    text ? text : "");
	}
	c->list_first = first;
	c->list_last = last;
	/* gdb keeps the first line as the one listed last: search goes on
	   after it.  */
	c->list_listed = first;
	c->info_line_next = 0;
	return 0;
}

/* gdb's `list': `set listsize' lines (ten) around a place, or on from
   the last ones.  */
static int
c_list(struct cmd_ctx *c, char *arg)
{
	unsigned long size = cmd_setting(c, "listsize");
	unsigned a, b, line, n, half;
	char *comma;

	/* "unlimited": as many as a file can have.  */
	n = size == 0 ? UINT_MAX / 2 : (unsigned)size;
	half = n / 2;

	arg = cmd_skip(arg);
	if (strcmp(arg, "-") == 0 && c->list_first == 0)
		arg += 1;	/* nothing listed yet: as `list' */
	if (strcmp(arg, "-") == 0) {
		a = c->list_first;
		if (a <= 1)
			return cmd_fail(c, "Already at the start of %s.",
			    c->list_name);
		return list_lines(c, a > n ? a - n : 1, a - 1);
	}
	if (*arg == '\0') {
		if (c->list_last != 0)
			return list_lines(c, c->list_last + 1,
			    c->list_last + n);
		if (c->list_line == 0) {
			/* Nothing shown yet: around main, as gdb.  */
			uint64_t addr, bp;
			struct fs_module *mod;
			struct fs_where w;

			if (fs_modules_find_function(fs_session_modules(c->s),
			    "main", &addr, &mod) < 0)
				return cmd_fail(c, "No symbol table is loaded.  "
				    "Use the \"file\" command.");
			bp = addr;
			if (fs_session_break_addr(c->s, "main", &bp) < 0)
				bp = addr;
			fs_modules_where(fs_session_modules(c->s), bp, bp, &w);
			if (w.file == NULL)
				return cmd_fail(c, "No line number known for main.");
			snprintf(c->list_path, sizeof c->list_path, "%s",
			    w.fullpath ? w.fullpath : w.file);
			snprintf(c->list_name, sizeof c->list_name, "%s",
			    w.file);
			c->list_line = w.line > n - 1 ? w.line - (n - 1) : 1;
		}
		line = c->list_line;
		return list_lines(c, line > half ? line - half : 1,
		    (line > half ? line - half : 1) + n - 1);
	}
	if ((comma = strchr(arg, ',')) != NULL) {
		*comma = '\0';
		if (list_where(c, cmd_skip(arg), &a) < 0)
			return -1;
		if (*cmd_skip(comma + 1) == '\0')
			return list_lines(c, a, a + n - 1);
		if (list_where(c, cmd_skip(comma + 1), &b) < 0)
			return -1;
		return list_lines(c, a, b);
	}
	if (list_where(c, arg, &line) < 0)
		return -1;
	return list_lines(c, line > half ? line - half : 1,
	    (line > half ? line - half : 1) + n - 1);
}

/* gdb's search (forward-search, fo) and reverse-search (rev): the next
   line of the file listed last, after the line listed last (before it
   going back), that REGEX matches (the one searched last when ARG is
   empty), printed as `list' prints it; the next `list' lists from five
   lines above it.  */
static int
search_lines(struct cmd_ctx *c, char *arg, bool forward)
{
	unsigned long size = cmd_setting(c, "listsize");
	unsigned n, line, l;
	const char *text;
	char msg[128], *copy, *buf = NULL;
	regex_t re;
	size_t len;
	int rc;

	arg = cmd_trim(arg);
	if (*arg != '\0') {
		if ((copy = strdup(arg)) == NULL)
			return cmd_fail(c, "out of memory");
		free(c->search_re);
		c->search_re = copy;
	} else if (c->search_re == NULL)
		return cmd_fail(c, "No previous regular expression");
	if ((rc = xregcomp(&re, c->search_re, REG_NOSUB)) != 0) {
		xregerror(rc, &re, msg, sizeof msg);
		xregfree(&re);
		return cmd_fail(c, "%s", msg);
	}
	if (c->list_path[0] == '\0' && list_where(c, "main", &l) < 0) {
		xregfree(&re);
		return -1;
	}
	n = fs_source_nlines(c->src, c->list_path);
	line = forward ? c->list_listed + 1 : c->list_listed - 1;
	if (line < 1 || line > n) {
		xregfree(&re);
		return cmd_fail(c, "Expression not found");
	}
	for (; line >= 1 && line <= n; line = forward ? line + 1 : line - 1) {
		if ((text = fs_source_line(c->src, c->list_path, line,
		    &len)) == NULL || (buf = strndup(text, len)) == NULL)
			break;
		rc = xregexec(&re, buf, 0, NULL, 0);
		free(buf);
		if (rc != 0)
			continue;
		xregfree(&re);
		fprintf(c->out, "%u\t%.*s\n", line, (int)len, text);
		c->list_listed = line;
		c->list_first = c->list_last = 0;
		l = size == 0 ? 5 : (unsigned)(size / 2);
		c->list_line = (line > l ? line - l : 1) + l;
		return 0;
	}
	xregfree(&re);
	/* gdb says so on its output, as no error, once it has looked.  */
	fprintf(c->out, "Expression not found\n");
	return 0;
}

static int
c_search(struct cmd_ctx *c, char *arg)
{
	return search_lines(c, arg, true);
}

static int
c_reverse_search(struct cmd_ctx *c, char *arg)
{
	return search_lines(c, arg, false);
}

/* The line-table entry holding ADDR as gdb has it (runtime address, or
   before the run a file address of the executable): false where no line
   information covers it.  */
static bool
gdb_line_at(struct cmd_ctx *c, uint64_t addr, struct fs_lineinfo *li)
{
	struct fs_module *m;
	struct fs_dwarf *dw;
	uint64_t bias;

	if ((m = fs_modules_at(fs_session_modules(c->s), addr)) == NULL ||
	    (dw = fs_module_dwarf(m)) == NULL)
		return false;
	bias = m->mapped ? m->bias : 0;
	if (fs_dwarf_gdb_line(dw, addr - bias, li) < 0 || li->line == 0)
		return false;
	li->lo += bias;
	li->hi += bias;
	return true;
}

/* Whether any loaded file has line information.  */
static bool
have_lines(struct cmd_ctx *c)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	size_t i;

	for (i = 0; i < fs_modules_count(mods); i++)
		if (fs_module_dwarf(fs_modules_get(mods, i)) != NULL)
			return true;
	return false;
}

/* gdb's report of one place: LINE (0: the line at ADDR) starting at
   ADDR, the start of its entry or, when the entry there is another
   line's, "contains no code".  x then examines from the start, and
   `info line' alone goes on with the next line.  */
static int
line_report(struct cmd_ctx *c, unsigned line, uint64_t addr)
{
	struct fs_lineinfo li;
	char a[600], b[600];

	if (!gdb_line_at(c, addr, &li)) {
		if (addr == 0)
			fprintf(c->out, "No line number information "
			    "available.\n");
		else {
			cmd_addr_label(c, addr, a, sizeof a);
			fprintf(c->out, "No line number information available "
			    "for address %s\n", a);
		}
		return 0;
	}
	if (line == 0)
		line = li.line;
	cmd_addr_label(c, li.lo, a, sizeof a);
	if (li.line != line)
		fprintf(c->out, "Line %u of \"%s\" is at address %s but "
		    "contains no code.\n", line, li.file, a);
	else {
		cmd_addr_label(c, li.hi, b, sizeof b);
		fprintf(c->out, "Line %u of \"%s\" starts at address %s and "
		    "ends at %s.\n", line, li.file, a, b);
	}
	c->x_next = li.lo;
	c->x_valid = true;
	cmd_set_examined(c, li.lo, 0, NULL);
	c->info_line_next = line + 1;
	return 0;
}

/* LINE of the file FILE: where its code starts, in each loaded file
   with line information that names it (the program first), as gdb
   answers for each source file of that name.  */
static int
info_line_of(struct cmd_ctx *c, const char *file, unsigned line)
{
	struct fs_modules *mods = fs_session_modules(c->s);
	struct fs_module *m;
	struct fs_dwarf *dw;
	const char *name;
	uint64_t addr;
	size_t i, pass, found = 0;
	int r;

	if (!have_lines(c))
		return cmd_fail(c, "No symbol table is loaded.  Use the "
		    "\"file\" command.");
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < fs_modules_count(mods); i++) {
			m = fs_modules_get(mods, i);
			if ((pass == 0) != m->is_exec ||
			    (!m->mapped && !m->is_exec) ||
			    (dw = fs_module_dwarf(m)) == NULL ||
			    (r = fs_dwarf_line_start(dw, file, line, &addr,
			    &name, NULL)) < 0)
				continue;
			found++;
			if (r == 1)
				fprintf(c->out, "Line number %u is out of range "
				    "for \"%s\".\n", line, name);
			else
				line_report(c, line, addr + (m->mapped ?
				    m->bias : 0));
		}
	if (found == 0)
		return cmd_fail(c, "No source file named %s.", file);
	return 0;
}

/* gdb's `info line': where a line's code starts and ends.  LINE and
   FILE:LINE by the line table; FUNCTION at its entry; *ADDRESS the
   entry holding it; nothing: the line listed or shown last.  */
static int
info_line(struct cmd_ctx *c, char *arg)
{
	struct fs_err e;
	char file[256], *end, *colon;
	uint64_t addr, *addrs;
	size_t i, n;
	unsigned l;
	long v;

	arg = cmd_skip(arg);
	if (*arg == '\0') {
		l = c->info_line_next != 0 ? c->info_line_next :
		    c->list_first != 0 ? c->list_first : c->list_line;
		if (c->list_name[0] == '\0' || l == 0) {
			if (!have_lines(c))
				return cmd_fail(c, "No symbol table is loaded."
				    "  Use the \"file\" command.");
			fprintf(c->out, "No line number information "
			    "available.\n");
			return 0;
		}
		/* That file alone, by its path, not each of its name.  */
		return info_line_of(c, c->list_path[0] ? c->list_path :
		    c->list_name, l);
	}
	if (*arg == '*') {
		if (fs_session_eval_addr(c->s, cmd_skip(arg + 1), c->frame,
		    &addr, &e) < 0)
			return cmd_fail_err(c, &e);
		return line_report(c, 0, addr);
	}
	v = strtol(arg, &end, 10);
	if (end != arg && *cmd_skip(end) == '\0') {
		/* A line of the file listed last (main's before any).  */
		if (c->list_name[0] == '\0' && have_lines(c) &&
		    list_where(c, "main", &l) < 0)
			return -1;
		return info_line_of(c, c->list_name[0] ? c->list_name : "",
		    v > 0 ? (unsigned)v : 1);
	}
	if ((colon = strrchr(arg, ':')) != NULL && colon != arg &&
	    colon[-1] != ':') {
		v = strtol(colon + 1, &end, 10);
		if (end != colon + 1 && *cmd_skip(end) == '\0') {
			if ((size_t)(colon - arg) >= sizeof file)
				return cmd_fail(c, "No source file named %s.",
				    arg);
			memcpy(file, arg, (size_t)(colon - arg));
			file[colon - arg] = '\0';
			return info_line_of(c, file, v > 0 ? (unsigned)v : 1);
		}
	}
	/* A function: each of its places, the copies inlined too.  */
	if (fs_session_func_entries(c->s, arg, &addrs, &n, &e) < 0)
		return cmd_fail_err(c, &e);
	for (i = 0; i < n; i++)
		line_report(c, 0, addrs[i]);
	free(addrs);
	return 0;
}

const struct cmd_entry cmd_list_table[] = {
	{ "list", { "l", NULL }, c_list, NULL,
	    "list [LINE|FUNCTION|FILE:LINE|A,B|-] -- list source lines" },
	{ "search", { "forward-search", "fo", NULL }, c_search, NULL,
	    "search [REGEX] -- the next source line matching" },
	{ "reverse-search", { "rev", NULL }, c_reverse_search, NULL,
	    "reverse-search [REGEX] -- the source line before matching" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_list_info[] = {
	{ "line", 2, info_line },
	{ "sharedlibrary", 2, info_sharedlibrary },
	{ NULL, 0, NULL },
};
