/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_settings: gdb's settings that a script or a user sets before the
 * work (`set pagination off`, `set confirm off`, `set width 0`, `set
 * print elements 4`, `set listsize 20`, ...) and their `show` lines, word
 * for word.  Each is either honoured (confirm, listsize, print elements,
 * print repeats, print pretty, print thread-events, print
 * inferior-events, trace-commands, startup-with-shell) or has nothing to change in
 * framescope (pagination, width, height, verbose, styling: framescope
 * never pages, wraps or colours its command output); a value framescope
 * cannot honour (`set print address off`, `set non-stop on`) is refused
 * with a one-line error rather than accepted and ignored.
 */
#include <ctype.h>
#include <errno.h>
#include <sys/types.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "fs_sbuf.h"
#include "fs_session.h"
#include "fs_vars.h"
#include "cmd_int.h"

enum kind {
	BOOL,		/* on/off */
	COUNT,		/* N, 0 or "unlimited" meaning no limit */
	CHOICE,		/* one word of CHOICES */
};

/* What framescope does with a setting's value.  */
enum mode {
	HONOURED,	/* it acts on it */
	NOTHING,	/* nothing to change: never pages, wraps, colours */
	DEFAULT_ONLY,	/* only gdb's default is taken */
};

struct setting {
	const char	*name;
	enum kind	 kind;
	enum mode	 mode;
	unsigned long	 def;
	/* show's line: "%s" is the value as gdb words it.  */
	const char	*show;
	const char *const *choices;	/* CHOICE: NULL-terminated */
	/* BOOL shown as these words (NULL: "on"/"off").  */
	const char	*on_word, *off_word;
};

/* In gdb's order, which its error message lists.  */
static const char *const debuginfod_choices[] = { "on", "off", "ask",
    NULL };
static const char *const frame_args_choices[] = { "all", "scalars",
    "none", "presence", NULL };
static const char *const sched_choices[] = { "off", "on", "step", "replay",
    NULL };
static const char *const entry_choices[] = { "no", "only", "preferred",
    "if-needed", "both", "compact", "default", NULL };
static const char *const frame_info_choices[] = { "auto", "source-line",
    "location", "source-and-location", "location-and-address",
    "short-location", NULL };

/* Settings framescope honours have an id; the others only their
   default.  Sorted by nothing: `show' with no argument lists them in
   this order.  */
static const struct setting settings[] = {
	{ "pagination", BOOL, NOTHING, 1, "State of pagination is %s.", NULL,
	    NULL, NULL },
	{ "confirm", BOOL, HONOURED, 1,
	    "Whether to confirm potentially dangerous operations is %s.",
	    NULL, NULL, NULL },
	{ "width", COUNT, NOTHING, 0,
	    "Number of characters gdb thinks are in a line is %s.", NULL,
	    NULL, NULL },
	{ "height", COUNT, NOTHING, 0,
	    "Number of lines gdb thinks are in a page is %s.", NULL, NULL,
	    NULL },
	{ "listsize", COUNT, HONOURED, 10,
	    "Number of source lines gdb will list by default is %s.", NULL,
	    NULL, NULL },
	{ "print elements", COUNT, HONOURED, 200,
	    "Limit on string chars or array elements to print is %s.", NULL,
	    NULL, NULL },
	{ "print repeats", COUNT, HONOURED, 10,
	    "Threshold for repeated print elements is %s.", NULL, NULL,
	    NULL },
	{ "print thread-events", BOOL, HONOURED, 1,
	    "Printing of thread events is %s.", NULL, NULL, NULL },
	{ "print inferior-events", BOOL, HONOURED, 1,
	    "Printing of inferior events is %s.", NULL, NULL, NULL },
	{ "trace-commands", BOOL, HONOURED, 0,
	    "State of GDB CLI command tracing is %s.", NULL, NULL, NULL },
	{ "startup-with-shell", BOOL, HONOURED, 1,
	    "Use of shell to start subprocesses is %s.", NULL, NULL, NULL },
	{ "verbose", BOOL, NOTHING, 0, "Verbosity is %s.", NULL, NULL, NULL },
	{ "style enabled", BOOL, NOTHING, 0, "CLI output styling is %s.", NULL,
	    "enabled", "disabled" },
	{ "debuginfod enabled", CHOICE, NOTHING, 2,
	    "Debuginfod functionality is currently set to \"%s\".",
	    debuginfod_choices, NULL, NULL },
	{ "history save", BOOL, NOTHING, 0,
	    "Saving of the history record on exit is %s.", NULL, NULL,
	    NULL },
	{ "non-stop", BOOL, DEFAULT_ONLY, 0,
	    "Controlling the inferior in non-stop mode is %s.", NULL, NULL,
	    NULL },
	{ "scheduler-locking", CHOICE, DEFAULT_ONLY, 3,
	    "Mode for locking scheduler during execution is \"%s\".",
	    sched_choices, NULL, NULL },
	{ "step-mode", BOOL, DEFAULT_ONLY, 0, "Mode of the step operation is %s.",
	    NULL, NULL, NULL },
	{ "can-use-hw-watchpoints", COUNT, DEFAULT_ONLY, 1,
	    "Debugger's willingness to use watchpoint hardware is %s.", NULL,
	    NULL, NULL },
	{ "print pretty", BOOL, HONOURED, 0,
	    "Pretty formatting of structures is %s.", NULL, NULL, NULL },
	{ "print address", BOOL, DEFAULT_ONLY, 1, "Printing of addresses is %s.", NULL,
	    NULL, NULL },
	{ "print symbol", BOOL, DEFAULT_ONLY, 1,
	    "Printing of symbols when printing pointers is %s.", NULL, NULL,
	    NULL },
	{ "print frame-arguments", CHOICE, DEFAULT_ONLY, 1,
	    "Printing of non-scalar frame arguments is \"%s\".",
	    frame_args_choices, NULL, NULL },
	{ "print frame-info", CHOICE, DEFAULT_ONLY, 0,
	    "Printing of frame information is \"%s\".", frame_info_choices,
	    NULL, NULL },
	{ "print entry-values", CHOICE, DEFAULT_ONLY, 6,
	    "Printing of function arguments at function entry is \"%s\".",
	    entry_choices, NULL, NULL },
	{ "print null-stop", BOOL, DEFAULT_ONLY, 0,
	    "Printing of char arrays to stop at first null char is %s.",
	    NULL, NULL, NULL },
	{ "print array-indexes", BOOL, DEFAULT_ONLY, 0,
	    "Printing of array indexes is %s.", NULL, NULL, NULL },
	{ "print array", BOOL, DEFAULT_ONLY, 0, "Pretty formatting of arrays is %s.",
	    NULL, NULL, NULL },
	{ "print union", BOOL, DEFAULT_ONLY, 1,
	    "Printing of unions interior to structures is %s.", NULL, NULL,
	    NULL },
	{ "print object", BOOL, DEFAULT_ONLY, 0,
	    "Printing of object's derived type based on vtable info is %s.",
	    NULL, NULL, NULL },
	{ "print static-members", BOOL, DEFAULT_ONLY, 1,
	    "Printing of C++ static members is %s.", NULL, NULL, NULL },
	{ "print vtbl", BOOL, DEFAULT_ONLY, 0,
	    "Printing of C++ virtual function tables is %s.", NULL, NULL,
	    NULL },
	{ "print demangle", BOOL, DEFAULT_ONLY, 1,
	    "Demangling of encoded C++/ObjC names when displaying symbols is "
	    "%s.", NULL, NULL, NULL },
	{ "print asm-demangle", BOOL, DEFAULT_ONLY, 0,
	    "Demangling of C++/ObjC names in disassembly listings is %s.",
	    NULL, NULL, NULL },
	{ "print sevenbit-strings", BOOL, DEFAULT_ONLY, 0,
	    "Printing of 8-bit characters in strings as \\nnn is %s.", NULL,
	    NULL, NULL },
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

_Static_assert(NSETTINGS <= CMD_NSETTINGS, "cmd_ctx's setv is too short");

void
cmd_settings_init(struct cmd_ctx *c)
{
	size_t i;

	for (i = 0; i < NSETTINGS; i++)
		c->setv[i] = settings[i].def;
}

/* The index of setting NAME, spelled in full.  */
static size_t
index_of(const char *name)
{
	size_t i;

	for (i = 0; i < NSETTINGS && strcmp(settings[i].name, name) != 0; i++)
		;
	return i;
}

unsigned long
cmd_setting(const struct cmd_ctx *c, const char *name)
{
	size_t i = index_of(name);

	return i < NSETTINGS ? c->setv[i] : 0;
}

/* gdb's words for a boolean: on, off, yes, no, 1, 0, enable, disable;
   nothing is on.  -1: none of them.  */
static int
parse_bool(const char *v)
{
	static const char *const on[] = { "on", "yes", "1", "enable", NULL };
	static const char *const off[] = { "off", "no", "0", "disable", NULL };
	size_t i;

	if (*v == '\0')
		return 1;
	for (i = 0; on[i] != NULL; i++)
		if (strcmp(v, on[i]) == 0)
			return 1;
	for (i = 0; off[i] != NULL; i++)
		if (strcmp(v, off[i]) == 0)
			return 0;
	return -1;
}

/* The print limits the session's values are printed with, from the
   settings.  */
static void
limits_apply(struct cmd_ctx *c)
{
	unsigned long el = cmd_setting(c, "print elements");
	unsigned long rep = cmd_setting(c, "print repeats");

	fs_session_set_print_limits(c->s, el == 0 ? UINT_MAX : (unsigned)el,
	    rep == 0 ? UINT_MAX : (unsigned)rep);
}

static int
set_one(struct cmd_ctx *c, size_t i, char *arg)
{
	const struct setting *st = &settings[i];
	unsigned long v = 0;
	char *w = cmd_skip(arg), *end;
	size_t k, n;
	int b;

	for (end = w + strlen(w); end > w && (end[-1] == ' ' ||
	    end[-1] == '\t'); end--)
		;
	*end = '\0';
	switch (st->kind) {
	case BOOL:
		if ((b = parse_bool(w)) < 0)
			return cmd_fail(c, "\"on\" or \"off\" expected.");
		v = (unsigned long)b;
		break;
	case COUNT:
		if (*w == '\0')
			return cmd_fail(c, "Argument required (integer to set it "
			    "to, or \"unlimited\").");
		if (strncmp("unlimited", w, strlen(w)) == 0) {
			v = 0;
			break;
		}
		errno = 0;
		if (*w == '-' && strspn(w + 1, "0123456789") == strlen(w + 1))
			return cmd_fail(c, "integer %s out of range", w);
		v = strtoul(w, &end, 0);
		if (*end != '\0' || end == w)
			return cmd_fail(c, "No symbol \"%s\" in current context.",
			    w);
		if (errno == ERANGE || v > UINT_MAX)
			return cmd_fail(c, "integer %s out of range", w);
		break;
	case CHOICE:
		n = strlen(w);
		for (k = 0; st->choices[k] != NULL && (n == 0 ||
		    strncmp(st->choices[k], w, n) != 0); k++)
			;
		if (st->choices[k] == NULL || n == 0) {
			char list[256] = "";

			for (k = 0; st->choices[k] != NULL; k++)
				snprintf(list + strlen(list), sizeof list -
				    strlen(list), "%s%s", k == 0 ? "" : ", ",
				    st->choices[k]);
			if (n == 0)
				return cmd_fail(c, "Requires an argument. Valid "
				    "arguments are %s.", list);
			return cmd_fail(c, "Undefined item: \"%s\".", w);
		}
		v = k;
		break;
	}
	if (st->mode == DEFAULT_ONLY && v != st->def)
		return cmd_fail(c, "framescope cannot do \"set %s %s\"; it "
		    "keeps gdb's default.", st->name, w);
	c->setv[i] = v;
	if (strncmp(st->name, "print ", 6) == 0 && st->mode == HONOURED)
		limits_apply(c);
	return 0;
}

/* print's options, gdb's: the `set print' setting each sets (NULL: one
   framescope has no setting for, which changes nothing it prints) and
   whether it takes a number.  */
static const struct {
	const char	*name, *setting;
	bool		 count;
} print_opts[] = {
	{ "address", "print address", false },
	{ "array", "print array", false },
	{ "array-indexes", "print array-indexes", false },
	{ "elements", "print elements", true },
	{ "max-depth", NULL, true },
	{ "memory-tag-violations", NULL, false },
	{ "null-stop", "print null-stop", false },
	{ "object", "print object", false },
	{ "pretty", "print pretty", false },
	{ "raw-values", NULL, false },
	{ "repeats", "print repeats", true },
	{ "static-members", "print static-members", false },
	{ "symbol", "print symbol", false },
	{ "union", "print union", false },
	{ "vtbl", "print vtbl", false },
};

/* The print option whose name or unique beginning is the N bytes at W:
   its index, -1 none, -2 several.  */
static int
print_opt(const char *w, size_t n)
{
	size_t i;
	int found = -1;

	for (i = 0; i < sizeof print_opts / sizeof print_opts[0]; i++) {
		if (strncmp(print_opts[i].name, w, n) != 0)
			continue;
		if (print_opts[i].name[n] == '\0')
			return (int)i;
		found = found == -1 ? (int)i : -2;
	}
	return found;
}

/* The length of the word at P.  */
static size_t
word_len(const char *p)
{
	return strcspn(p, " \t");
}

int
cmd_print_options(struct cmd_ctx *c, char **arg, unsigned long **saved)
{
	char *p = cmd_skip(*arg), *end = NULL, *q, val[64];
	size_t n, k;
	int o, b;

	*saved = NULL;
	/* Options only before a `--' word, as gdb requires for print.  */
	for (q = p; *q != '\0'; q = cmd_skip(q + n))
		if ((n = word_len(q)) == 2 && strncmp(q, "--", 2) == 0) {
			end = q;
			break;
		}
	if (*p != '-' || end == NULL)
		return 0;
	if ((*saved = malloc(sizeof c->setv)) == NULL)
		return cmd_fail(c, "out of memory");
	memcpy(*saved, c->setv, sizeof c->setv);
	while (p < end) {
		n = word_len(p);
		if (*p != '-' || (o = print_opt(p + 1, n - 1)) == -1 || n < 2) {
			cmd_fail(c, "Unrecognized option at: %s", p);
			goto fail;
		}
		if (o == -2) {
			cmd_fail(c, "Ambiguous option at: %s", p);
			goto fail;
		}
		p = cmd_skip(p + n);
		n = word_len(p);
		snprintf(val, sizeof val, "on");
		if (print_opts[o].count) {
			if (p == end || n >= sizeof val || (strncmp(p,
			    "unlimited", n) != 0 && strspn(p, "0123456789") !=
			    n)) {
				cmd_fail(c, "Expected integer at: %s", p);
				goto fail;
			}
			snprintf(val, sizeof val, "%.*s", (int)n, p);
			p = cmd_skip(p + n);
		} else if (p < end && n < sizeof val) {
			snprintf(val, sizeof val, "%.*s", (int)n, p);
			if ((b = parse_bool(val)) >= 0)
				p = cmd_skip(p + n);
			snprintf(val, sizeof val, "%s", b == 0 ? "off" : "on");
		}
		if (print_opts[o].setting != NULL &&
		    (k = index_of(print_opts[o].setting)) < NSETTINGS &&
		    set_one(c, k, val) != 0)
			goto fail;
	}
	*arg = end + 2;
	return 0;
fail:
	cmd_print_options_end(c, *saved);
	*saved = NULL;
	return -1;
}

void
cmd_print_options_end(struct cmd_ctx *c, unsigned long *saved)
{
	if (saved == NULL)
		return;
	memcpy(c->setv, saved, sizeof c->setv);
	limits_apply(c);
	free(saved);
}

static void
show_one(struct cmd_ctx *c, size_t i)
{
	const struct setting *st = &settings[i];
	unsigned long v = c->setv[i];
	char num[32];
	const char *word = NULL;

	switch (st->kind) {
	case BOOL:
		word = v ? (st->on_word ? st->on_word : "on") :
		    (st->off_word ? st->off_word : "off");
		break;
	case COUNT:
		if (v == 0)
			word = "unlimited";
		else {
			snprintf(num, sizeof num, "%lu", v);
			word = num;
		}
		break;
	case CHOICE:
		word = st->choices[v];
		break;
	}
	fprintf(c->out, st->show, word);
	fputc('\n', c->out);
}

/* The setting ARG names ("print elements 4"), *REST its value; -1 when
   none.  Each word may be a prefix, as in gdb ("print elem"); a name
   whose words are all given in full wins over one they begin.  */
static ssize_t
find(char *arg, char **rest)
{
	char *p = cmd_skip(arg), *q;
	const char *name;
	size_t i, n, m, found = (size_t)-1;
	bool exact, found_exact = false;

	for (i = 0; i < NSETTINGS; i++) {
		name = settings[i].name;
		q = p;
		exact = true;
		while (*name != '\0') {
			n = strcspn(q, " \t");
			m = strcspn(name, " ");
			if (n == 0 || n > m || strncmp(name, q, n) != 0)
				break;
			exact = exact && n == m;
			name += m;
			while (*name == ' ')
				name++;
			q = cmd_skip(q + n);
		}
		if (*name != '\0' || (found != (size_t)-1 &&
		    (found_exact || !exact)))
			continue;
		found = i;
		found_exact = exact;
		*rest = q;
	}
	return found == (size_t)-1 ? -1 : (ssize_t)found;
}

/* `set NAME VALUE' for the settings above; 1 when ARG names none.  */
/* ------------------------------------------------------------ language */

/* gdb's languages, and the one each is read as here (-1: not read).  */
static const struct {
	const char	*name;
	int		 lang;
} languages[] = {
	{ "auto", FS_LANG_AUTO }, { "local", FS_LANG_AUTO },
	{ "unknown", -1 }, { "ada", -1 }, { "asm", -1 }, { "c", FS_LANG_C },
	{ "c++", FS_LANG_CPLUS }, { "d", -1 }, { "fortran", -1 },
	{ "go", -1 }, { "minimal", -1 }, { "modula-2", -1 },
	{ "objective-c", -1 }, { "opencl", -1 }, { "pascal", -1 },
	{ "rust", FS_LANG_RUST },
};

int
cmd_language(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof languages / sizeof languages[0]; i++)
		if (strcmp(name, languages[i].name) == 0)
			return languages[i].lang;
	return -2;
}

static const char *
lang_name(enum fs_lang lang)
{
	return lang == FS_LANG_RUST ? "rust" : lang == FS_LANG_CPLUS ? "c++" :
	    "c";
}

static const char lang_warning[] =
    "Warning: the current language does not match this frame.\n";

/* Whether a language set by hand is not the selected frame's (one with
   no source has none).  */
static bool
lang_mismatch(struct cmd_ctx *c)
{
	const struct fs_frame *f;
	size_t n;

	return fs_session_lang(c->s) != FS_LANG_AUTO &&
	    fs_session_alive(c->s) && fs_session_frames(c->s, &f, &n,
	    NULL) == 0 && c->frame < n && f[c->frame].where.file != NULL &&
	    fs_vars_language(c->s, c->frame) != fs_session_lang(c->s);
}

void
cmd_lang_check(struct cmd_ctx *c)
{
	if (!c->lang_warned && lang_mismatch(c)) {
		fputs(lang_warning, c->out);
		c->lang_warned = true;
	}
}

static int
set_language(struct cmd_ctx *c, char *arg)
{
	char list[256] = "", *w = cmd_trim(arg);
	size_t i;

	for (i = 0; i < sizeof languages / sizeof languages[0]; i++) {
		snprintf(list + strlen(list), sizeof list - strlen(list),
		    "%s%s", i == 0 ? "" : ", ", languages[i].name);
		if (strcmp(w, languages[i].name) != 0)
			continue;
		if (languages[i].lang < 0)
			return cmd_fail(c, "framescope cannot do \"set language "
			    "%s\"; it reads C, C++ and Rust.", w);
		fs_session_set_lang(c->s, (enum fs_lang)languages[i].lang);
		return 0;
	}
	if (*w == '\0')
		return cmd_fail(c, "Requires an argument. Valid arguments are "
		    "%s.", list);
	return cmd_fail(c, "Undefined item: \"%s\".", w);
}

static void
show_language(struct cmd_ctx *c)
{
	enum fs_lang lang = fs_session_lang(c->s);

	if (lang == FS_LANG_AUTO)
		fprintf(c->out, "The current source language is \"auto; "
		    "currently %s\".\n", lang_name(fs_vars_language(c->s,
		    c->frame)));
	else
		fprintf(c->out, "The current source language is \"%s\".\n",
		    lang_name(lang));
	if (lang_mismatch(c))
		fputs(lang_warning, c->out);
}

/* The word at ARG is WORD: what follows it in *REST.  */
static bool
is_word(char *arg, const char *word, char **rest)
{
	size_t n = strlen(word);

	arg = cmd_skip(arg);
	if (strncmp(arg, word, n) != 0 || (arg[n] != '\0' && arg[n] != ' ' &&
	    arg[n] != '\t'))
		return false;
	*rest = arg + n;
	return true;
}

int
cmd_settings_set(struct cmd_ctx *c, char *arg)
{
	char *rest;
	ssize_t i;

	if (is_word(arg, "language", &rest))
		return set_language(c, rest) < 0 ? -1 : 0;
	if ((i = find(arg, &rest)) < 0)
		return 1;
	return set_one(c, (size_t)i, rest) < 0 ? -1 : 0;
}

/* `show NAME', or every one of them with ARG empty; 1 when ARG names
   none.  */
int
cmd_settings_show(struct cmd_ctx *c, char *arg)
{
	char *rest;
	ssize_t i;
	size_t k;

	if (*cmd_skip(arg) == '\0') {
		for (k = 0; k < NSETTINGS; k++)
			show_one(c, k);
		return 0;
	}
	if (is_word(arg, "language", &rest) && *cmd_skip(rest) == '\0') {
		show_language(c);
		return 0;
	}
	if ((i = find(arg, &rest)) < 0)
		return 1;
	show_one(c, (size_t)i);
	return 0;
}

/* gdb's query, answered yes for the user as gdb does without a
   terminal; with `set confirm off', not asked.  */
void
cmd_query(struct cmd_ctx *c, const char *question)
{
	if (cmd_setting(c, "confirm"))
		fprintf(c->out, "%s(y or n) [answered Y; input not from "
		    "terminal]\n", question);
}

/* ------------------------------------------------------- print pretty */

/* The end of the quoted text starting at S ('...' or "..."), past its
   closing quote.  */
static const char *
quoted_end(const char *s)
{
	char q = *s++;

	while (*s != '\0' && *s != q) {
		if (*s == '\\' && s[1] != '\0')
			s++;
		s++;
	}
	return *s == q ? s + 1 : s;
}

/* The end of the brace group at S, past its `}'.  */
static const char *
group_end(const char *s)
{
	int depth = 0;

	for (; *s != '\0'; ) {
		if (*s == '"' || *s == '\'') {
			s = quoted_end(s);
			continue;
		}
		if (*s == '{')
			depth++;
		else if (*s == '}' && --depth == 0)
			return s + 1;
		s++;
	}
	return s;
}

static void
indent(struct fs_sbuf *sb, unsigned level)
{
	unsigned i;

	for (i = 0; i < level; i++)
		fs_sbuf_add(sb, "  ", 2);
}

/* The length of the field name ELEM starts with ("x = "), 0 when it
   does not: a structure's elements have one, an array's do not.  */
static size_t
field_name(const char *elem, const char *end)
{
	const char *p = elem;

	while (p < end && (isalnum((unsigned char)*p) || *p == '_'))
		p++;
	if (p == elem || end - p < 3 || strncmp(p, " = ", 3) != 0)
		return 0;
	return (size_t)(p - elem) + 3;
}

static void pretty_text(struct fs_sbuf *, const char *, const char *,
	    unsigned);

/* The brace group [S, END) at nesting LEVEL, as gdb's print pretty lays
   it out: a structure's fields a line each, indented two spaces a
   level, its `}' on a line of its own; an array's elements on one line,
   each a level deeper (a structure in an array breaks its lines).  */
static void
pretty_group(struct fs_sbuf *sb, const char *s, const char *end,
    unsigned level)
{
	const char *e[256], *p = s + 1, *close = end - 1;
	size_t n = 0, i, name;
	bool record = false;

	/* The elements, split at the commas of this level.  */
	while (p < close && n < sizeof e / sizeof e[0] - 1) {
		e[n++] = p;
		while (p < close && *p != ',') {
			if (*p == '"' || *p == '\'')
				p = quoted_end(p);
			else if (*p == '{')
				p = group_end(p);
			else
				p++;
		}
		if (p < close)
			p += 2;		/* ", " */
	}
	e[n] = close + 2;
	for (i = 0; i < n; i++)
		if (field_name(e[i], e[i + 1] - 2) > 0)
			record = true;
	if (p < close || n == 0 || (n == 1 && e[0][0] == '<')) {
		fs_sbuf_add(sb, s, (size_t)(end - s));	/* {<No data fields>} */
		return;
	}
	fs_sbuf_add(sb, "{", 1);
	for (i = 0; i < n; i++) {
		const char *a = e[i], *b = e[i + 1] - 2;

		if (record) {
			fs_sbuf_add(sb, "\n", 1);
			indent(sb, level + 1);
			name = field_name(a, b);
			fs_sbuf_add(sb, a, name);
			pretty_text(sb, a + name, b, level + 1);
			if (i + 1 < n)
				fs_sbuf_add(sb, ",", 1);
		} else {
			pretty_text(sb, a, b, level + 1);
			if (i + 1 < n)
				fs_sbuf_add(sb, ", ", 2);
		}
	}
	if (record) {
		fs_sbuf_add(sb, "\n", 1);
		indent(sb, level);
	}
	fs_sbuf_add(sb, "}", 1);
}

/* Text [S, END) with each brace group in it laid out at LEVEL.  */
static void
pretty_text(struct fs_sbuf *sb, const char *s, const char *end,
    unsigned level)
{
	const char *p = s, *q;

	while (p < end) {
		if (*p == '"' || *p == '\'') {
			q = quoted_end(p);
			fs_sbuf_add(sb, p, (size_t)((q < end ? q : end) - p));
			p = q;
		} else if (*p == '{') {
			q = group_end(p);
			if (q > end)
				q = end;
			pretty_group(sb, p, q, level);
			p = q;
		} else
			fs_sbuf_add(sb, p++, 1);
	}
}

char *
cmd_pretty(const struct cmd_ctx *c, const char *value)
{
	struct fs_sbuf sb = { NULL, 0, 0, false };

	if (value == NULL || !cmd_setting(c, "print pretty") ||
	    strchr(value, '{') == NULL)
		return strdup(value != NULL ? value : "");
	pretty_text(&sb, value, value + strlen(value), 0);
	if (sb.oom || sb.s == NULL) {
		free(sb.s);
		return strdup(value);
	}
	return sb.s;
}
