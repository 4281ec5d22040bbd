/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * The stack as an SVG picture (view_svg, `frames --svg`, `snapshot
 * --svg`): every picture must be valid SVG 1.1 (xmllint against the
 * W3C's DTD) and say what `frames` says at the same stop.  On every
 * sample in samples/bin, stopped in one of its functions (or by its fatal
 * signal) and once more after a stepi, the titles of the frames and, word
 * by word, the address, offset, value, what it is, whether it changed or
 * was overwritten (a control word a smash ran over) and the arrows at it
 * are read back from the SVG through xmllint's XPath and
 * compared with the text `frames -unicode` drew.  The picture is rendered
 * in headless Chromium, which must paint it.  A slot map made by hand
 * with hostile text (markup, bytes that are no UTF-8, control characters)
 * must still give valid XML that says the same text.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_anatomy.h"
#include "view_svg.h"

/* ------------------------------------------------------------ the items */

/* One thing drawn: a frame's title or note, or a word.  */
struct item {
	char		 kind;		/* 't' title, 'n' note, 'w' word */
	char		*text;		/* title, note, or the word's meaning */
	char		*full;		/* SVG: the whole of a cut meaning */
	char		 addr[32], off[32], val[32];
	bool		 changed;
	bool		 corrupted;	/* the SVG's class */
	char		 mark;		/* '*' changed, '!' overwritten */
	char		 arrows[256];	/* "rsp|rbp|cfa #1" */
};

struct items {
	struct item	*v;
	size_t		 n, cap;
};

static struct item *
items_add(struct items *it, char kind)
{
	if (it->n == it->cap) {
		it->cap = it->cap ? it->cap * 2 : 64;
		ck_assert_ptr_nonnull(it->v = realloc(it->v,
		    it->cap * sizeof *it->v));
	}
	memset(&it->v[it->n], 0, sizeof it->v[it->n]);
	it->v[it->n].kind = kind;
	return &it->v[it->n++];
}

static void
items_free(struct items *it)
{
	size_t i;

	for (i = 0; i < it->n; i++) {
		free(it->v[i].text);
		free(it->v[i].full);
	}
	free(it->v);
	memset(it, 0, sizeof *it);
}

static char *
trim_dup(const char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	return strndup(s, n);
}

/* Add NAME to the arrows list BUF ("rsp|rbp").  */
static void
add_arrow(char *buf, size_t len, const char *name)
{
	size_t n = strlen(buf);

	snprintf(buf + n, len - n, "%s%s", n > 0 ? "|" : "", name);
}

/* The drawing of `frames -unicode` in TEXT, from the line after MARK
   (NULL: the start) to the next line beginning "==".  */
static void
frames_items(const char *text, const char *mark, struct items *it)
{
	static const char bar[] = " \xe2\x94\x82 ";	/* " │ " */
	static const char lastbar[] = " \xe2\x94\x82";
	static const char arrow[] = "\xe2\x97\x80";	/* "◀" */
	const char *p = text, *nl;
	char line[8192], *f[3], *q, *rest, *last, *a, *v;
	size_t n, k;

	if (mark != NULL) {
		ck_assert_msg((p = strstr(text, mark)) != NULL, "no %s in:\n%s",
		    mark, text);
		p += strlen(mark);
	}
	for (; *p != '\0'; p = *nl ? nl + 1 : nl) {
		struct item *w;

		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		n = (size_t)(nl - p);
		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, p, n);
		line[n] = '\0';
		if (strncmp(line, "==", 2) == 0)
			break;
		/* Titles and notes are indented past the addresses: 16
		   hex digits, or 8 of an i386 program.  */
		k = strspn(line, " ");
		if ((k == 19 || k == 11) && (line[k] == '#' ||
		    line[k] == '(')) {
			w = items_add(it, line[k] == '#' ? 't' : 'n');
			w->text = trim_dup(line + k, strlen(line + k));
			continue;
		}
		k = strncmp(line, "0x", 2) == 0 ? 2 + strspn(line + 2,
		    "0123456789abcdef") : 0;
		if ((k != 18 && k != 10) || n < k + 5 ||
		    strncmp(line + k, bar, strlen(bar)) != 0)
			continue;
		/* addr │ off │ value[*] │ meaning │ arrows */
		for (k = 0, q = line; k < 3; k++) {
			f[k] = q;
			ck_assert_ptr_nonnull(q = strstr(q, bar));
			*q = '\0';
			q += strlen(bar);
		}
		rest = q;
		for (last = NULL; (q = strstr(q, lastbar)) != NULL; q++)
			last = q;
		ck_assert_ptr_nonnull(last);
		*last = '\0';
		w = items_add(it, 'w');
		snprintf(w->addr, sizeof w->addr, "%s", f[0]);
		v = trim_dup(f[1], strlen(f[1]));
		snprintf(w->off, sizeof w->off, "%s", v);
		free(v);
		v = trim_dup(f[2], strlen(f[2]));
		n = strlen(v);
		/* frames marks an overwritten word "!" in place of
		   its "*".  */
		if (n > 0 && (v[n - 1] == '*' || v[n - 1] == '!')) {
			w->mark = v[n - 1];
			w->changed = w->mark == '*';
			w->corrupted = w->mark == '!';
			v[n - 1] = '\0';
		}
		snprintf(w->val, sizeof w->val, "%s", v);
		free(v);
		w->text = trim_dup(rest, strlen(rest));
		/* " ◀ rsp ◀ rbp" */
		for (a = strstr(last + strlen(lastbar), arrow); a != NULL;
		    a = q) {
			a += strlen(arrow);
			q = strstr(a, arrow);
			v = trim_dup(a, q != NULL ? (size_t)(q - a) : strlen(a));
			add_arrow(w->arrows, sizeof w->arrows, v);
			free(v);
		}
	}
}

/* XML character data (TEXT[0..N)) without its markup, entities
   decoded.  */
static char *
xml_chars(const char *s, size_t n)
{
	char *out, *o;
	const char *end = s + n;

	ck_assert_ptr_nonnull(out = malloc(n + 1));
	for (o = out; s < end;) {
		if (*s == '<') {
			while (s < end && *s != '>')
				s++;
			s++;
			continue;
		}
		if (*s != '&') {
			*o++ = *s++;
			continue;
		}
		if (strncmp(s, "&lt;", 4) == 0) {
			*o++ = '<';
			s += 4;
		} else if (strncmp(s, "&gt;", 4) == 0) {
			*o++ = '>';
			s += 4;
		} else if (strncmp(s, "&amp;", 5) == 0) {
			*o++ = '&';
			s += 5;
		} else if (strncmp(s, "&quot;", 6) == 0) {
			*o++ = '"';
			s += 6;
		} else if (strncmp(s, "&nbsp;", 6) == 0) {
			memcpy(o, "\xc2\xa0", 2);
			o += 2;
			s += 6;
		} else if (strncmp(s, "&apos;", 6) == 0) {
			*o++ = '\'';
			s += 6;
		} else if (s[1] == '#') {
			/* A character reference, as UTF-8.  */
			char *e;
			unsigned long cp = s[2] == 'x' ? strtoul(s + 3, &e, 16) :
			    strtoul(s + 2, &e, 10);

			ck_assert(*e == ';');
			if (cp < 0x80)
				*o++ = (char)cp;
			else if (cp < 0x800) {
				*o++ = (char)(0xc0 | cp >> 6);
				*o++ = (char)(0x80 | (cp & 0x3f));
			} else if (cp < 0x10000) {
				*o++ = (char)(0xe0 | cp >> 12);
				*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
				*o++ = (char)(0x80 | (cp & 0x3f));
			} else {
				*o++ = (char)(0xf0 | cp >> 18);
				*o++ = (char)(0x80 | (cp >> 12 & 0x3f));
				*o++ = (char)(0x80 | (cp >> 6 & 0x3f));
				*o++ = (char)(0x80 | (cp & 0x3f));
			}
			s = e + 1;
		} else
			ck_abort_msg("unknown entity at %.20s", s);
	}
	*o = '\0';
	return out;
}

/* The value of attribute NAME in the start tag at TAG.  */
static char *
attr(const char *tag, const char *name)
{
	const char *end = strchr(tag, '>'), *p = tag, *q;
	size_t n = strlen(name);

	ck_assert_ptr_nonnull(end);
	while ((p = strstr(p, name)) != NULL && p < end) {
		if (p[-1] == ' ' && p[n] == '=' && p[n + 1] == '"') {
			p += n + 2;
			ck_assert_ptr_nonnull(q = strchr(p, '"'));
			return xml_chars(p, (size_t)(q - p));
		}
		p += n;
	}
	return NULL;
}

/* What a drawing says, read from its markup TEXT (xmllint's output of
   its words and titles, or the DOM of a page): the titles and notes of
   the frames, and every word.  */
static void
parse_drawing(const char *text, struct items *it)
{
	struct item *w = NULL;
	const char *p;
	size_t i;

	for (p = text; (p = strchr(p, '<')) != NULL; p++) {
		char *cls, *content;
		const char *gt, *close;

		if (strncmp(p, "<g ", 3) == 0) {
			ck_assert_ptr_nonnull(cls = attr(p, "class"));
			if (strncmp(cls, "slot ", 5) == 0) {
				w = items_add(it, 'w');
				w->changed = strstr(cls, " changed") != NULL;
				w->corrupted = strstr(cls, " corrupted") !=
				    NULL;
			}
			free(cls);
			continue;
		}
		if (strncmp(p, "</g>", 4) == 0) {
			w = NULL;
			continue;
		}
		if (strncmp(p, "<title>", 7) == 0) {
			ck_assert_ptr_nonnull(w);
			ck_assert_ptr_nonnull(close = strstr(p, "</title>"));
			w->full = xml_chars(p + 7, (size_t)(close - p - 7));
			p = close;
			continue;
		}
		if (strncmp(p, "<text ", 6) != 0)
			continue;
		ck_assert_ptr_nonnull(gt = strchr(p, '>'));
		cls = attr(p, "class");
		if (gt[-1] == '/')
			/* <text .../>: empty.  */
			ck_assert_ptr_nonnull(content = strdup(""));
		else {
			ck_assert_ptr_nonnull(close = strstr(gt, "</text>"));
			content = xml_chars(gt + 1, (size_t)(close - gt - 1));
			p = close;
		}
		if (cls != NULL && (strcmp(cls, "title") == 0 ||
		    strcmp(cls, "note") == 0)) {
			items_add(it, cls[0])->text = content;
			w = NULL;
			free(cls);
			continue;
		}
		if (w == NULL || cls == NULL) {
			/* The legend's and the red zone's words.  */
			free(cls);
			free(content);
			continue;
		}
		if (strcmp(cls, "addr") == 0)
			snprintf(w->addr, sizeof w->addr, "%s", content);
		else if (strcmp(cls, "off") == 0)
			snprintf(w->off, sizeof w->off, "%s", content);
		else if (strcmp(cls, "val") == 0)
			snprintf(w->val, sizeof w->val, "%s", content);
		else if (strcmp(cls, "mean") == 0) {
			free(w->text);
			w->text = strdup(content);
		} else if (strcmp(cls, "arrows") == 0) {
			char *a, *save;

			for (a = strtok_r(content, ",", &save); a != NULL;
			    a = strtok_r(NULL, ",", &save))
				add_arrow(w->arrows, sizeof w->arrows,
				    a + (*a == ' '));
		} else {
			ck_assert_str_eq(cls, "mark");
			ck_assert_uint_eq(strlen(content), 1);
			w->mark = content[0];
		}
		free(cls);
		free(content);
	}
	for (i = 0; i < it->n; i++)
		if (it->v[i].text == NULL)
			ck_assert_ptr_nonnull(it->v[i].text = strdup(""));
}

/* What the SVG file PATH draws, read through xmllint's XPath.  */
static void
svg_items(const char *path, struct items *it)
{
	const char *argv[] = { "xmllint", "--nonet", "--xpath",
	    "//*[(local-name()='g' and starts-with(@class,'slot ')) or "
	    "(local-name()='text' and (@class='title' or @class='note'))]",
	    path, NULL };
	struct util_result r;

	util_run((char *const *)argv, 30, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "xmllint --xpath %s: %s", path, r.err);
	parse_drawing(r.out, it);
	util_result_free(&r);
}

/* The SVG says what `frames` says: the same frames, and word by word the
   same address, offset, value, meaning, change and arrows.  */
static void
same_items(const char *what, const struct items *fr, const struct items *sv)
{
	size_t i, n;

	ck_assert_msg(fr->n > 0, "%s: frames drew nothing", what);
	for (i = 0; i < fr->n && i < sv->n; i++) {
		const struct item *a = &fr->v[i], *b = &sv->v[i];

		ck_assert_msg(a->kind == b->kind, "%s: item %zu: '%c' %s in "
		    "frames, '%c' %s in the SVG", what, i, a->kind, a->kind ==
		    'w' ? a->addr : a->text, b->kind, b->kind == 'w' ?
		    b->addr : b->text);
		if (a->kind != 'w') {
			ck_assert_msg(strcmp(a->text, b->text) == 0,
			    "%s: frames' '%s', the SVG's '%s'", what, a->text,
			    b->text);
			continue;
		}
		ck_assert_msg(strcmp(a->addr, b->addr) == 0 &&
		    strcmp(a->off, b->off) == 0 && strcmp(a->val, b->val) == 0,
		    "%s: frames' %s %s %s, the SVG's %s %s %s", what, a->addr,
		    a->off, a->val, b->addr, b->off, b->val);
		n = strlen(b->text);
		if (n >= 3 && strcmp(b->text + n - 3, "\xe2\x80\xa6") == 0) {
			/* Cut: it begins the same, and is whole in the
			   word's tooltip.  */
			ck_assert_msg(strncmp(a->text, b->text, n - 3) == 0 &&
			    b->full != NULL && strcmp(a->text, b->full) == 0,
			    "%s at %s: frames' '%s', the SVG's '%s' ('%s')",
			    what, a->addr, a->text, b->text, b->full ?
			    b->full : "");
		} else
			ck_assert_msg(strcmp(a->text, b->text) == 0,
			    "%s at %s: frames' '%s', the SVG's '%s'", what,
			    a->addr, a->text, b->text);
		ck_assert_msg(a->mark == b->mark, "%s at %s: marked '%c' in "
		    "frames, '%c' in the SVG", what, a->addr, a->mark ? a->mark :
		    ' ', b->mark ? b->mark : ' ');
		ck_assert_msg(a->corrupted == b->corrupted, "%s at %s: "
		    "overwritten %d in frames, %d in the SVG", what, a->addr,
		    a->corrupted, b->corrupted);
		/* An overwritten word changed too, or not: frames does not
		   tell.  */
		ck_assert_msg(a->corrupted || a->changed == b->changed,
		    "%s at %s: changed %d in frames, %d in the SVG", what,
		    a->addr, a->changed, b->changed);
		ck_assert_msg(strcmp(a->arrows, b->arrows) == 0, "%s at %s: "
		    "arrows '%s' in frames, '%s' in the SVG", what, a->addr,
		    a->arrows, b->arrows);
	}
	ck_assert_msg(fr->n == sv->n, "%s: %zu things in frames, %zu in the "
	    "SVG", what, fr->n, sv->n);
}

/* -------------------------------------------------------- every sample */

/* How each program is stopped: CMDS, in one of its functions, or by its
   fatal signal (FATAL: no stepi after it, nor after a next that may end
   in one).  "@LIB" is libsquare.so's path (libsquare-m32.so's for an
   i386 build).  MAIN_O2: at -O2 the function is never called (gcc
   computed its result): stop in main.  AFTER: what lets the program
   end, when a process of it would live on once framescope has killed
   it.  */
static const struct plan {
	const char	*prog;
	const char	*cmds[4];
	const char	*args[3];
	bool		 fatal;
	bool		 main_o2;
	const char	*after[3];
} plans[] = {
	{ .prog = "abort", .cmds = { "run" }, .fatal = true },
	{ .prog = "add", .cmds = { "break Add", "run" }, .main_o2 = true },
	/* i386 only: the seed article's Add, the calling conventions.  */
	{ .prog = "add32", .cmds = { "break Add", "run" }, .main_o2 = true },
	{ .prog = "calc", .cmds = { "break multiply", "run" },
	    .main_o2 = true },
	{ .prog = "callee8", .cmds = { "break callee", "run" },
	    .main_o2 = true },
	{ .prog = "callconv32", .cmds = { "break stdcall_sum", "run" },
	    .main_o2 = true },
	{ .prog = "calls", .cmds = { "break add", "run" },
	    .main_o2 = true },
	{ .prog = "callkinds", .cmds = { "break many", "run" },
	    .main_o2 = true },
	{ .prog = "canary", .cmds = { "break leaf", "run" } },
	/* An int3 in a frame whose saved rbp points below it.  */
	{ .prog = "corrupt", .cmds = { "run" } },
	{ .prog = "counter", .cmds = { "break tick", "run" },
	    .args = { "3", "1" } },
	{ .prog = "dlopen", .cmds = { "set breakpoint pending on",
	    "break times", "run" }, .args = { "@LIB" } },
	{ .prog = "exec", .cmds = { "break work", "run" }, .main_o2 = true },
	{ .prog = "exitcode", .cmds = { "break main", "run" } },
	{ .prog = "factorial", .cmds = { "break factorial", "run",
	    "continue 3" } },
	{ .prog = "floats", .cmds = { "break scale", "run" } },
	/* The child waits for its parent's word to go on.  */
	{ .prog = "fork", .cmds = { "break work", "run" }, .main_o2 = true,
	    .after = { "delete", "continue" } },
	{ .prog = "leftover", .cmds = { "break garbage", "run" } },
	{ .prog = "leftover-pattern", .cmds = { "break garbage", "run" } },
	{ .prog = "loop", .cmds = { "break mix", "run", "continue 2" },
	    .args = { "100" } },
	{ .prog = "memops", .cmds = { "break stack_ops", "run" } },
	{ .prog = "offbyone", .cmds = { "break fill", "run" } },
	{ .prog = "offbyone-sp", .cmds = { "break fill", "run" } },
	/* After the copy: the control words it ran over marked (with the
	   canary, vuln's first line is its prologue's).  At -O2 the next
	   line is the ret, and next ends at its SIGSEGV: no stepi.  */
	{ .prog = "overflow", .cmds = { "break vuln", "run", "next" },
	    .fatal = true },
	{ .prog = "overflow-sp", .cmds = { "break vuln", "run", "next",
	    "next" }, .fatal = true },
	/* After the read: the kernel ran over the return address.  */
	{ .prog = "readbuf", .cmds = { "break get", "run", "next" },
	    .fatal = true },
	{ .prog = "readbuf-sp", .cmds = { "break get", "run", "next" },
	    .fatal = true },
	{ .prog = "segv", .cmds = { "run" }, .fatal = true },
	{ .prog = "sighandler", .cmds = { "break in_handler", "run" } },
	{ .prog = "tailcall", .cmds = { "break c", "run" } },
	{ .prog = "timetravel", .cmds = { "break set_total", "run" },
	    .main_o2 = true },
	{ .prog = "threads", .cmds = { "break work", "run" } },
	{ .prog = "timetravel", .cmds = { "break head", "run" } },
	{ .prog = "types", .cmds = { "break inspect", "run" } },
	{ .prog = "values", .cmds = { "break add", "run" } },
	{ .prog = "vfork", .cmds = { "break work", "run" }, .main_o2 = true },
	{ .prog = "watch", .cmds = { "break bump", "run" } },
	{ .prog = "rust-add", .cmds = { "break add", "run" } },
	{ .prog = "rust-calc", .cmds = { "break multiply", "run" } },
	{ .prog = "rust-factorial", .cmds = { "break factorial", "run" } },
	{ .prog = "rust-heap_demo", .cmds = { "break sum", "run" } },
	{ .prog = "rust-index", .cmds = { "break look", "run" } },
	{ .prog = "rust-inline", .cmds = { "break safe_add", "run" } },
	{ .prog = "rust-overflow", .cmds = { "break fill", "run" } },
	{ .prog = "rust-panic", .cmds = { "catch panic", "run" } },
	{ .prog = "rust-traits", .cmds = { "break area", "run" } },
	{ .prog = "rust-values", .cmds = { "break inspect", "run" } },
};

/* The programs of samples/bin, sorted: every one but what is no program
   to debug.  */
static char **bins;
static size_t nbins;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
list_bins(void)
{
	const char *dir = getenv("SAMPLES");
	struct dirent *de;
	DIR *d;

	if ((d = opendir(dir != NULL ? dir : "samples/bin")) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "notelf") == 0 ||
		    strstr(de->d_name, ".so") != NULL)
			continue;
		bins = realloc(bins, (nbins + 1) * sizeof *bins);
		bins[nbins++] = strdup(de->d_name);
	}
	closedir(d);
	if (nbins > 0)
		qsort(bins, nbins, sizeof *bins, cmp_str);
}

/* The plan of sample NAME ("calc-O0-nofp", "rust-add-v0").  */
static const struct plan *
plan_of(const char *name)
{
	static const char *const tails[] = { "-O0-nofp", "-O0-nocfi",
	    "-m32-O0", "-m32-O2", "-m32-pattern", "-O0", "-O1", "-O2",
	    "-nodebug", "-stripped", "-v0" };
	size_t i, k, n = strlen(name), t;

	for (k = 0; k < sizeof tails / sizeof tails[0]; k++) {
		t = strlen(tails[k]);
		if (n > t && strcmp(name + n - t, tails[k]) == 0)
			break;
	}
	ck_assert_msg(k < sizeof tails / sizeof tails[0], "%s: which variant?",
	    name);
	for (i = 0; i < sizeof plans / sizeof plans[0]; i++)
		if (strlen(plans[i].prog) == n - t &&
		    strncmp(plans[i].prog, name, n - t) == 0)
			return &plans[i];
	ck_abort_msg("sample %s has no plan in check_svg.c", name);
	return NULL;
}

/* Run framescope on sample NAME with its plan: frames and frames --svg at
   the stop (==A), and after a stepi with N=3 (==B), into DIR.  */
static void
draw_sample(const char *name, const char *dir, struct util_result *r,
    bool *stepped)
{
	const struct plan *pl = plan_of(name);
	struct util_argv cmds = { 0 }, args = { 0 };
	char *lib = NULL;
	uint64_t addr;
	size_t i;

	for (i = 0; i < 4 && pl->cmds[i] != NULL; i++) {
		if (pl->main_o2 && strstr(name, "-O2") != NULL &&
		    strncmp(pl->cmds[i], "break ", 6) == 0)
			util_argv_push(&cmds, "break main");
		else if (strstr(name, "-stripped") != NULL &&
		    strncmp(pl->cmds[i], "break ", 6) == 0) {
			/* No symbols: the function's address, from the
			   binary it was stripped from.  */
			ck_assert(util_nm(sample_path("callee8-O0"), "callee",
			    &addr, NULL));
			util_argv_pushf(&cmds, "break *0x%" PRIx64, addr);
		} else
			util_argv_push(&cmds, pl->cmds[i]);
	}
	util_argv_push(&cmds, "echo ==A\\n");
	util_argv_push(&cmds, "frames -unicode");
	util_argv_pushf(&cmds, "frames --svg %s/a.svg", dir);
	if ((*stepped = !pl->fatal)) {
		util_argv_push(&cmds, "stepi");
		util_argv_push(&cmds, "echo ==B\\n");
		util_argv_push(&cmds, "frames -unicode 3");
		util_argv_pushf(&cmds, "frames 3 -svg %s/b.svg", dir);
	}
	for (i = 0; i < 3 && pl->after[i] != NULL; i++)
		util_argv_push(&cmds, pl->after[i]);
	for (i = 0; i < 3 && pl->args[i] != NULL; i++) {
		if (strcmp(pl->args[i], "@LIB") == 0) {
			ck_assert_ptr_nonnull(lib = strdup(sample_path(
			    strstr(name, "-m32") != NULL ? "libsquare-m32.so" :
			    "libsquare.so")));
			util_argv_push(&args, lib);
		} else
			util_argv_push(&args, pl->args[i]);
	}
	util_framescope(r, NULL, (const char *const *)cmds.v,
	    sample_path(name), (const char *const *)args.v);
	util_argv_free(&cmds);
	util_argv_free(&args);
	free(lib);
}

static void
check_picture(const char *name, const char *out, const char *mark,
    const char *svg)
{
	struct items fr = { 0 }, sv = { 0 };
	char what[PATH_MAX + 64], *why;

	ck_assert_msg(access(svg, R_OK) == 0, "%s: no %s", name, svg);
	ck_assert_msg(util_svg_valid(svg, &why), "%s: %s is not valid SVG "
	    "1.1: %s", name, svg, why);
	free(why);
	frames_items(out, mark, &fr);
	svg_items(svg, &sv);
	snprintf(what, sizeof what, "%s %s", name, mark);
	same_items(what, &fr, &sv);
	items_free(&fr);
	items_free(&sv);
}

START_TEST(test_svg_says_what_frames_says)
{
	const char *name = bins[_i];
	struct util_result r;
	char *dir = util_tmpdir(), path[PATH_MAX];
	bool stepped;

	draw_sample(name, dir, &r, &stepped);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s: %s: %s", name, util_status_text(&r), r.err);
	snprintf(path, sizeof path, "%s/a.svg", dir);
	check_picture(name, r.out, "==A\n", path);
	if (stepped) {
		snprintf(path, sizeof path, "%s/b.svg", dir);
		check_picture(name, r.out, "==B\n", path);
	}
	util_result_free(&r);
	free(dir);
}
END_TEST

START_TEST(test_svg_every_sample_listed)
{
	size_t i;
	bool c = false, rust = false;

	/* The loop above ran over what was found: make sure it was all. */
	for (i = 0; i < nbins; i++) {
		c |= strcmp(bins[i], "callee8-O0") == 0;
		rust |= strcmp(bins[i], "rust-add-O0") == 0;
		(void)plan_of(bins[i]);
	}
	ck_assert_msg(c && rust, "samples/bin holds %zu programs, not the C "
	    "and Rust samples", nbins);
}
END_TEST

/* ------------------------------------------------------ text and pixels */

/* A map made by hand: two frames whose names, labels and values hold
   markup, control characters and bytes that are no UTF-8.  */
static char hostile_l0[] = "a<b&c>\"d'", hostile_l1[] = "x\x01y\x7f",
    hostile_l2[] = "bad\xff\xfe", hostile_l3[] = "]]>",
    hostile_l4[] = "tab\there\nnl";
static char *hostile_labels[] = { hostile_l0, hostile_l1, hostile_l2,
    hostile_l3, hostile_l4 };
static struct fs_frame hostile_frames[2];
static struct fs_slot hostile_slots0[3], hostile_slots1[2];
static struct fs_frame_anatomy hostile_fa[2];

/* The last label's value, as the map writes one per label.  */
static char hostile_value[] = "\"<&>\" \xe4\xb8\xad";
static char *hostile_values[5] = { NULL, NULL, NULL, NULL, hostile_value };

static void
hostile_map(void)
{
	struct fs_frame *f = hostile_frames;
	struct fs_slot *s0 = hostile_slots0, *s1 = hostile_slots1;

	memset(hostile_frames, 0, sizeof hostile_frames);
	memset(hostile_slots0, 0, sizeof hostile_slots0);
	memset(hostile_slots1, 0, sizeof hostile_slots1);
	memset(hostile_fa, 0, sizeof hostile_fa);
	f[0].where.func = "largest<&str>";
	f[0].where.file = "a&b<c>.c";
	f[0].where.line = 3;
	f[1].index = 1;
	f[1].where.func = "caller\xc3\x28";	/* a broken 2-byte sequence */
	/* Frame 0: a red-zone word, a parameter, the saved rbp.  */
	s0[0] = (struct fs_slot){ .addr = 0x7ffc1000, .size = 8, .value = 0,
	    .readable = true, .cfa_off = -24, .kind = FS_SLOT_REDZONE };
	s0[1] = (struct fs_slot){ .addr = 0x7ffc1008, .size = 8,
	    .value = 0x7ffc1018, .readable = true, .cfa_off = -16,
	    .kind = FS_SLOT_PARAM, .labels = hostile_labels, .nlabels = 5,
	    .values = hostile_values,
	    .objvalue = "\"<&>\" \xe4\xb8\xad", .changed = FS_CHANGE_YES,
	    .has_writer = true, .writer_insn = "mov %rdi,-0x8(%rbp) <&>" };
	s0[2] = (struct fs_slot){ .addr = 0x7ffc1010, .size = 8,
	    .value = 0x7ffc1020, .readable = true, .cfa_off = -8,
	    .kind = FS_SLOT_SAVED_RBP };
	hostile_fa[0] = (struct fs_frame_anatomy){ .index = 0,
	    .frame = &f[0], .sp = 0x7ffc1008, .cfa = 0x7ffc1018,
	    .rbp = 0x7ffc1010, .redzone = true, .lo = 0x7ffc1000,
	    .hi = 0x7ffc1018, .slots = s0, .nslots = 3 };
	/* Frame 1: a return address into a function with markup in its
	   name, and a word of nothing known.  */
	s1[0] = (struct fs_slot){ .addr = 0x7ffc1018, .size = 8,
	    .value = 0x401234, .readable = true, .cfa_off = -16,
	    .kind = FS_SLOT_UNKNOWN };
	s1[1] = (struct fs_slot){ .addr = 0x7ffc1020, .size = 8,
	    .value = 0x401234, .readable = true, .cfa_off = -8,
	    .kind = FS_SLOT_RETADDR, .target = { .func = "<main>&",
	    .func_addr = 0x401200, .file = "m\x1b[31m.c", .line = 7 } };
	hostile_fa[1] = (struct fs_frame_anatomy){ .index = 1,
	    .frame = &f[1], .sp = 0x7ffc1018, .cfa = 0x7ffc1028,
	    .lo = 0x7ffc1018, .hi = 0x7ffc1028, .slots = s1, .nslots = 2 };
}

START_TEST(test_svg_escapes_what_the_program_says)
{
	static const char fffd[] = "\xef\xbf\xbd";
	char *dir = util_tmpdir(), path[PATH_MAX], *why, *svg, want[512];
	struct items it = { 0 };
	FILE *f;

	hostile_map();
	snprintf(path, sizeof path, "%s/h.svg", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	ck_assert_int_eq(view_svg_write(f, hostile_fa, 2, 0x7ffc1008,
	    0x7ffc1010, "caption & <title> \x80"), 0);
	ck_assert_int_eq(fclose(f), 0);
	ck_assert_msg(util_svg_valid(path, &why), "not valid: %s", why);
	free(why);
	ck_assert_ptr_nonnull(svg = util_slurp(path));
	ck_assert_ptr_null(strstr(svg, "\x01"));
	ck_assert_ptr_null(strstr(svg, "<&>"));
	free(svg);
	/* Read back: the same words, with what XML cannot hold replaced. */
	svg_items(path, &it);
	ck_assert_uint_eq(it.n, 2 + 5);
	ck_assert_str_eq(it.v[0].text, "#1 caller\xef\xbf\xbd(");
	ck_assert_str_eq(it.v[1].off, "cfa-8");
	snprintf(want, sizeof want, "return address \xe2\x86\x92 <main>&+52 "
	    "(m%s[31m.c:7)", fffd);
	ck_assert_str_eq(it.v[1].text, want);
	ck_assert_str_eq(it.v[2].text, "");
	ck_assert_str_eq(it.v[2].arrows, "cfa #0");
	ck_assert_str_eq(it.v[3].text, "#0 largest<&str> (a&b<c>.c:3)");
	ck_assert_str_eq(it.v[4].text, "saved rbp");
	ck_assert_str_eq(it.v[4].arrows, "rbp");
	snprintf(want, sizeof want, "param a<b&c>\"d', x%sy%s, bad%s%s, ]]>, "
	    "tab here nl = \"<&>\" \xe4\xb8\xad [mov %%rdi,-0x8(%%rbp) <&>]",
	    fffd, fffd, fffd, fffd);
	ck_assert_str_eq(it.v[5].text, want);
	ck_assert(it.v[5].changed);
	ck_assert_str_eq(it.v[5].val, "000000007ffc1018");
	ck_assert_str_eq(it.v[5].arrows, "rsp");
	ck_assert_str_eq(it.v[6].text, "red zone");
	items_free(&it);
	free(dir);
}
END_TEST

/* The picture in headless Chromium, inline in a page whose script checks
   that every text fits its column with the fonts installed: the page
   says "fits" or what overflows.  */
static const char fit_script[] =
    "<script>\n"
    "var bad = [];\n"
    "document.querySelectorAll('g.slot').forEach(function (g) {\n"
    "  var row = g.querySelector('rect').getBBox();\n"
    "  var cols = ['addr', 'off', 'val', 'mean'].map(function (c) {\n"
    "    return g.querySelector('text.' + c); });\n"
    "  cols.forEach(function (t, i) {\n"
    "    var right = i + 1 < cols.length ?\n"
    "        cols[i + 1].x.baseVal[0].value - 4 : row.x + row.width;\n"
    "    var b = t.getBBox();\n"
    "    if (b.width === 0 && t.textContent !== '') bad.push('unpainted');\n"
    "    if (b.x + b.width > right + 0.5) bad.push(t.textContent);\n"
    "  });\n"
    "});\n"
    "document.querySelectorAll('text.title').forEach(function (t) {\n"
    "  var box = t.parentNode.querySelector('rect').getBBox();\n"
    "  var b = t.getBBox();\n"
    "  if (b.x + b.width > box.x + box.width) bad.push(t.textContent);\n"
    "});\n"
    "var out = document.createElement('pre');\n"
    "out.id = 'result';\n"
    "out.textContent = bad.length ? 'overflows: ' + bad.join(' | ') :\n"
    "    'fits ' + document.querySelectorAll('g.slot').length;\n"
    "document.body.appendChild(out);\n"
    "</script>\n";

START_TEST(test_svg_renders_in_chromium)
{
	struct util_result r;
	char *dir = util_tmpdir(), svg[PATH_MAX], html[PATH_MAX],
	    png[PATH_MAX], url[PATH_MAX + 16], shot[PATH_MAX + 16],
	    size[64], *s, *body;
	const char *cmds[] = { "break callee", "run", NULL, NULL };
	const char *args[3] = { NULL, NULL, NULL };
	unsigned w, h, sw, sh;
	size_t ink, dark;
	FILE *f;

	/* The textbook's picture: callee's frame and main's.  */
	snprintf(svg, sizeof svg, "%s/callee.svg", dir);
	ck_assert_ptr_nonnull(cmds[2] = s = malloc(PATH_MAX + 32));
	snprintf(s, PATH_MAX + 32, "snapshot --svg %s", svg);
	util_framescope(&r, NULL, cmds, sample_path("callee8-O0"), NULL);
	free(s);
	util_result_free(&r);
	ck_assert_ptr_nonnull(body = util_slurp(svg));
	ck_assert_int_eq(sscanf(strstr(body, "<svg"), "<svg xmlns=\"http://www."
	    "w3.org/2000/svg\" version=\"1.1\" width=\"%u\" height=\"%u\"",
	    &sw, &sh), 2);

	/* Painted: a screenshot of the SVG file itself.  */
	snprintf(png, sizeof png, "%s/callee.png", dir);
	snprintf(shot, sizeof shot, "--screenshot=%s", png);
	snprintf(size, sizeof size, "--window-size=%u,%u", sw, sh);
	snprintf(url, sizeof url, "file://%s", svg);
	args[0] = shot;
	args[1] = size;
	util_chromium_run(&r, dir, url, args);
	ck_assert_msg(util_png_ink(png, &w, &h, &ink, &dark), "%s: no PNG: %s",
	    png, r.err);
	util_result_free(&r);
	ck_assert_uint_eq(w, sw);
	ck_assert_uint_eq(h, sh);
	/* Boxes, fills and text: far from blank, and with dark text.  */
	ck_assert_msg(ink > (size_t)w * h / 5, "ink %zu of %u", ink, w * h);
	ck_assert_msg(dark > (size_t)w * h / 200, "dark %zu of %u", dark,
	    w * h);

	/* Every text fits its column.  */
	snprintf(html, sizeof html, "%s/fit.html", dir);
	ck_assert_ptr_nonnull(f = fopen(html, "w"));
	fprintf(f, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
	    "</head><body>\n%s%s</body></html>\n", strstr(body, "<svg"),
	    fit_script);
	ck_assert_int_eq(fclose(f), 0);
	snprintf(url, sizeof url, "file://%s", html);
	args[0] = "--dump-dom";
	args[1] = NULL;
	util_chromium_run(&r, dir, url, args);
	ck_assert_msg(strstr(r.out, "<pre id=\"result\">fits ") != NULL,
	    "%s", strstr(r.out, "<pre") ? strstr(r.out, "<pre") : r.err);
	util_result_free(&r);
	free(body);
	free(dir);
}
END_TEST

START_TEST(test_svg_errors)
{
	static const char *const bad[][2] = {
		{ "frames --svg", "Argument required (file name)." },
		{ "frames --svg /nonexistent/dir/x.svg",
		    "/nonexistent/dir/x.svg: No such file or directory" },
		{ "snapshot --svg", "Argument required (file name)." },
		{ "snapshot --svg a.svg extra", "Usage: snapshot --svg FILE" },
		{ "frames --svg a.svg -bogus",
		    "Usage: frames [-ascii|-unicode] [-inner|-outer] [N]" },
	};
	struct util_result r;
	const char *cmds[4] = { "break callee", "run", NULL, NULL };
	char *dir, path[PATH_MAX], c1[PATH_MAX + 16], c2[PATH_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		cmds[2] = bad[i][0];
		util_framescope(&r, NULL, cmds, sample_path("callee8-O0"),
		    NULL);
		ck_assert_msg(util_has_line(r.err, bad[i][1]), "%s: %s",
		    bad[i][0], r.err);
		util_result_free(&r);
	}
	/* No process: what frames and snapshot say, and no file.  */
	dir = util_tmpdir();
	snprintf(path, sizeof path, "%s/none.svg", dir);
	snprintf(c1, sizeof c1, "frames --svg %s", path);
	snprintf(c2, sizeof c2, "snapshot --svg %s", path);
	cmds[0] = c1;
	cmds[1] = c2;
	cmds[2] = NULL;
	util_framescope(&r, NULL, cmds, sample_path("callee8-O0"), NULL);
	ck_assert_msg(util_has_line(r.err, "The program has no registers "
	    "now.") && util_has_line(r.err, "The program is not being run."),
	    "%s", r.err);
	ck_assert_int_ne(access(path, F_OK), 0);
	util_result_free(&r);
	free(dir);
}
END_TEST

/* ------------------------------------------------------------- the page */

/* framescope --html DUMP -o PAGE, which must say nothing.  */
static void
make_page(const char *dump, const char *page)
{
	const char *argv[] = { framescope_path(), "--html", dump, "-o", page,
	    NULL };
	struct util_result r;

	util_run((char *const *)argv, 120, &r);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0 &&
	    r.err[0] == '\0', "--html %s: %s", dump, r.err);
	util_result_free(&r);
}

/* stepi after the breakpoint in the run the page is made of.  */
#define PAGE_STEPIS	15

/* Run callee8-O0 to callee's first instruction and PAGE_STEPIS stepi on
   (its prologue writing its frame, its epilogue, back into main and
   out of it), with --dump into
   DIR/run.jsonl and frames after each stop N, under "==S<N>"; make the
   page DIR/run.html of the dump.  Returns framescope's output.  */
static char *
page_run_of(const char *dir, const char *sample, const char *brk,
    int stepis)
{
	struct util_argv cmds = { 0 };
	struct util_result r;
	char dump[PATH_MAX], html[PATH_MAX], *out;
	int k;

	snprintf(dump, sizeof dump, "%s/run.jsonl", dir);
	util_argv_push(&cmds, brk);
	util_argv_push(&cmds, "run");
	for (k = 1; k <= stepis + 1; k++) {
		if (k > 1)
			util_argv_push(&cmds, "stepi");
		util_argv_pushf(&cmds, "echo ==S%d\\n", k);
		util_argv_push(&cmds, "frames -unicode");
	}
	util_framescope(&r, dump, (const char *const *)cmds.v,
	    sample_path(sample), NULL);
	util_argv_free(&cmds);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	out = r.out;
	r.out = NULL;
	util_result_free(&r);
	snprintf(html, sizeof html, "%s/run.html", dir);
	make_page(dump, html);
	return out;
}

static char *
page_run(const char *dir)
{
	return page_run_of(dir, "callee8-O0", "break *callee", PAGE_STEPIS);
}

/* Where step N's line runs are: the innermost frame's title without
   its state, and the number of frames, drawn by frames under ==S<N>.  */
static char *
line_key(const char *out, int n)
{
	struct items it = { 0 };
	char mark[32], *key, *cut;
	size_t i, nt = 0;

	snprintf(mark, sizeof mark, "==S%d\n", n);
	frames_items(out, mark, &it);
	for (i = 0; i < it.n; i++)
		nt += it.v[i].kind == 't';
	ck_assert_uint_gt(nt, 0);
	for (i = it.n; i-- > 0;)
		if (it.v[i].kind == 't')
			break;
	ck_assert_int_ne(asprintf(&key, "%s|%zu", it.v[i].text, nt), -1);
	if ((cut = strstr(key, " [")) != NULL)
		memmove(cut, strchr(cut, '|'), strlen(strchr(cut, '|')) + 1);
	items_free(&it);
	return key;
}

/* The DOM Chromium makes of DIR/PAGE at #step=N.  */
static char *
page_dom(const char *dir, const char *page, int n)
{
	struct util_result r;
	char url[PATH_MAX + 32], *dom;
	const char *args[] = { "--dump-dom", NULL };

	snprintf(url, sizeof url, "file://%s/%s#step=%d", dir, page, n);
	util_chromium_run(&r, dir, url, args);
	ck_assert_msg(strstr(r.out, "<svg id=\"stack\" xmlns=") != NULL,
	    "step %d: no stack in the page: %s", n, r.err);
	dom = r.out;
	r.out = NULL;
	util_result_free(&r);
	return dom;
}

/* The stack the page's DOM shows is what frames drew under ==S<N> in
   OUT; the step counter says N of LAST.  Returns the items frames drew
   (the caller frees them).  */
static void
same_stack(const char *dom, const char *out, int n, int last,
    struct items *fr)
{
	struct items pg = { 0 };
	char what[64], want[128], *svg, *end;

	snprintf(what, sizeof what, "page at #step=%d", n);
	snprintf(want, sizeof want, "<span id=\"pos\">step %d of %d</span>",
	    n, last);
	ck_assert_msg(strstr(dom, want) != NULL, "%s: no %s", what, want);
	svg = strstr(dom, "<svg id=\"stack\" xmlns=");
	ck_assert_ptr_nonnull(end = strstr(svg, "</svg>"));
	*end = '\0';
	snprintf(want, sizeof want, "==S%d\n", n);
	frames_items(out, want, fr);
	parse_drawing(svg, &pg);
	same_items(what, fr, &pg);
	*end = '<';
	items_free(&pg);
}

START_TEST(test_page_says_what_frames_says)
{
	static const int at[] = { 1, 2, 6, 10, PAGE_STEPIS + 1 };
	char *dir = util_tmpdir(), *out = page_run(dir), *dom;
	char what[64], want[128], *key, *k2, *p;
	struct items fr = { 0 };
	unsigned line;
	size_t i;
	int n, m, start;

	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		n = at[i];
		dom = page_dom(dir, "run.html", n);
		snprintf(what, sizeof what, "page at #step=%d", n);
		/* The stack: the same frames and words as frames.  */
		same_stack(dom, out, n, PAGE_STEPIS + 1, &fr);
		/* The line of the innermost frame whose source is in the
		   page (callee8.c: the C library's is not on the machine)
		   is the one marked.  */
		for (p = NULL, m = (int)fr.n; m-- > 0 && p == NULL;)
			if (fr.v[m].kind == 't')
				p = strstr(fr.v[m].text, "(callee8.c:");
		if (p != NULL) {
			ck_assert_int_eq(sscanf(p, "(callee8.c:%u)", &line), 1);
			snprintf(want, sizeof want, "<span class=\"line cur\" "
			    "id=\"L%u\">", line);
		} else
			snprintf(want, sizeof want, "<pre id=\"src\">No source "
			    "for these frames in the page.</pre>");
		ck_assert_msg(strstr(dom, want) != NULL, "%s: no %s", what,
		    want);
		/* Shift+Right goes where the line or the depth changes
		   first, Shift+Left to the start of the line before.  */
		key = line_key(out, n);
		for (m = n + 1; m <= PAGE_STEPIS + 1; m++) {
			k2 = line_key(out, m);
			start = strcmp(k2, key) != 0;
			free(k2);
			if (start)
				break;
		}
		snprintf(want, sizeof want, "id=\"nextline\" title=\"next line "
		    "(Shift+Right)\" href=\"#step=%d\"", m > PAGE_STEPIS + 1 ?
		    PAGE_STEPIS + 1 : m);
		ck_assert_msg(strstr(dom, want) != NULL, "%s: no %s in %s",
		    what, want, strstr(dom, "<nav>"));
		free(key);
		items_free(&fr);
		free(dom);
	}
	free(out);
	free(dir);
}
END_TEST

/* The page of an i386 run (the seed article's Add, gcc -m32: its
   prologue, its sum): the stack frames draws at each step, 4-byte words
   at 32-bit addresses, i386's registers (eip, esp, ebp, ...) as gdb
   writes them, eip's instruction.  */
#define PAGE32_STEPIS	8

START_TEST(test_page_i386)
{
	static const int at[] = { 1, 2, 4, PAGE32_STEPIS + 1 };
	char *dir = util_tmpdir(), *dom, *p, want[64];
	char *out = page_run_of(dir, "add32-m32-O0", "break *Add",
	    PAGE32_STEPIS);
	struct items fr = { 0 };
	static const char *const regs[] = { "eip", "esp", "ebp", "eax" };
	size_t i, k;

	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		dom = page_dom(dir, "run.html", at[i]);
		same_stack(dom, out, at[i], PAGE32_STEPIS + 1, &fr);
		items_free(&fr);
		for (k = 0; k < sizeof regs / sizeof regs[0]; k++) {
			snprintf(want, sizeof want, "<th>%s</th><td>0x",
			    regs[k]);
			ck_assert_msg((p = strstr(dom, want)) != NULL,
			    "step %d: no %s in %s", at[i], want,
			    strstr(dom, "<table id=\"regs\">"));
			p += strlen(want);
			ck_assert_msg(strspn(p, "0123456789abcdef") == 8 &&
			    (p[8] == '<' || p[8] == ' '), "step %d: %s %.20s",
			    at[i], regs[k], p);
		}
		ck_assert_msg(strstr(dom, "<th>rip</th>") == NULL &&
		    strstr(dom, "<th>rsp</th>") == NULL, "step %d", at[i]);
		/* The instruction at eip, in 32-bit mode.  */
		ck_assert_msg((p = strstr(dom, "id=\"insn\">0x5655")) != NULL,
		    "step %d: %s", at[i], strstr(dom, "id=\"insn\""));
		ck_assert_msg(strstr(p, "%e") != NULL || strstr(p, "ret") !=
		    NULL, "step %d: %.80s", at[i], p);
		free(dom);
	}
	free(out);
	free(dir);
}
END_TEST

/* Instructions recorded for the page of a recording.  */
#define REC_STEPS	8

/* record export --html: callee8-O0 recorded from callee's first
   instruction over REC_STEPS - 1 stepi (its prologue), frames drawn at
   each; the page of the recording, at several steps, shows the frames
   and words frames drew there, and moves by the same keys as a dump's.  */
START_TEST(test_page_of_a_recording)
{
	/* Not step 0: what changed there is told against the stop before
	   the recording by frames, against nothing by the page.  */
	static const int at[] = { 1, 2, 4, REC_STEPS - 1 };
	struct util_argv cmds = { 0 };
	struct util_result r;
	struct items fr = { 0 };
	char *dir = util_tmpdir(), page[PATH_MAX], want[PATH_MAX + 64];
	char *dom;
	size_t i;
	int k;

	snprintf(page, sizeof page, "%s/rec.html", dir);
	util_argv_push(&cmds, "break *callee");
	util_argv_push(&cmds, "run");
	util_argv_push(&cmds, "record");
	for (k = 1; k <= REC_STEPS; k++) {
		if (k > 1)
			util_argv_push(&cmds, "stepi");
		/* The page counts its steps from 0.  */
		util_argv_pushf(&cmds, "echo ==S%d\\n", k - 1);
		util_argv_push(&cmds, "frames -unicode");
	}
	util_argv_push(&cmds, "echo ==E\\n");
	util_argv_pushf(&cmds, "record export --html %s", page);
	util_framescope(&r, NULL, (const char *const *)cmds.v,
	    sample_path("callee8-O0"), NULL);
	util_argv_free(&cmds);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	snprintf(want, sizeof want, "Exported %d steps to the page %s.",
	    REC_STEPS, page);
	ck_assert_msg(util_has_line(r.out, want), "no '%s' in:\n%s", want,
	    r.out);
	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		dom = page_dom(dir, "rec.html", at[i]);
		same_stack(dom, r.out, at[i], REC_STEPS - 1, &fr);
		items_free(&fr);
		free(dom);
	}
	util_result_free(&r);
	/* Its errors.  */
	{
		const char *bad[] = { "break *callee", "run",
		    "record export --html", NULL };

		util_framescope(&r, NULL, bad, sample_path("callee8-O0"),
		    NULL);
		ck_assert_msg(util_has_line(r.err, "Usage: record export "
		    "--jsonl|--html FILE [FROM [TO]]"), "%s", r.err);
		util_result_free(&r);
	}
	free(dir);
}
END_TEST

/* The overwritten words of ITEMS that say so in their meaning.  */
static size_t
count_overwritten(const struct items *it)
{
	size_t i, n = 0;

	for (i = 0; i < it->n; i++)
		if (it->v[i].kind == 'w' && it->v[i].corrupted) {
			ck_assert_msg(strstr(it->v[i].text, "(overwritten; was "
			    "0x") != NULL || strstr(it->v[i].text,
			    "(overwritten; was main+") != NULL, "%s: %s",
			    it->v[i].addr, it->v[i].text);
			n++;
		}
	return n;
}

/* overflow-sp-O0 after its strcpy ran over the canary, the saved rbp and
   the return address: the SVG and the page mark those three words as
   frames does ("!"), with a legend that says what the mark means; before
   the copy nothing is marked.  */
START_TEST(test_svg_marks_overwritten)
{
	static const char legend[] = "! overwritten since its frame stored it";
	struct util_argv cmds = { 0 };
	struct util_result r;
	struct items fr = { 0 }, sv = { 0 };
	char *dir = util_tmpdir(), dump[PATH_MAX], page[PATH_MAX];
	char svg[2][PATH_MAX], *text, *dom, *end;
	int k;

	snprintf(dump, sizeof dump, "%s/run.jsonl", dir);
	snprintf(page, sizeof page, "%s/run.html", dir);
	util_argv_push(&cmds, "break overflow.c:14");
	util_argv_push(&cmds, "run");
	for (k = 1; k <= 2; k++) {
		if (k > 1)
			util_argv_push(&cmds, "next");
		snprintf(svg[k - 1], sizeof svg[k - 1], "%s/s%d.svg", dir, k);
		util_argv_pushf(&cmds, "echo ==S%d\\n", k);
		util_argv_push(&cmds, "frames -unicode");
		util_argv_pushf(&cmds, "frames --svg %s", svg[k - 1]);
	}
	util_framescope(&r, dump, (const char *const *)cmds.v,
	    sample_path("overflow-sp-O0"), NULL);
	util_argv_free(&cmds);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "%s", r.err);
	for (k = 1; k <= 2; k++) {
		char mark[16];

		snprintf(mark, sizeof mark, "==S%d\n", k);
		check_picture("overflow-sp-O0", r.out, mark, svg[k - 1]);
		frames_items(r.out, mark, &fr);
		svg_items(svg[k - 1], &sv);
		ck_assert_uint_eq(count_overwritten(&fr), (size_t)(k == 1 ? 0 : 3));
		ck_assert_uint_eq(count_overwritten(&sv), (size_t)(k == 1 ? 0 : 3));
		ck_assert_ptr_nonnull(text = util_slurp(svg[k - 1]));
		ck_assert_msg((strstr(text, legend) != NULL) == (k == 2),
		    "step %d: legend", k);
		free(text);
		items_free(&fr);
		items_free(&sv);
		/* The page, at the same step.  */
		if (k == 1)
			make_page(dump, page);
		dom = page_dom(dir, "run.html", k);
		/* Word by word as frames, marks and classes too.  */
		same_stack(dom, r.out, k, 2, &fr);
		/* In the picture: the page's data names it at every
		   step.  */
		ck_assert_ptr_nonnull(text = strstr(dom,
		    "<svg id=\"stack\" xmlns="));
		ck_assert_ptr_nonnull(end = strstr(text, "</svg>"));
		*end = '\0';
		ck_assert_msg((strstr(text, legend) != NULL) == (k == 2),
		    "page at step %d: legend", k);
		items_free(&fr);
		free(dom);
	}
	util_result_free(&r);
	free(dir);
}
END_TEST

START_TEST(test_page_stands_alone)
{
	char *dir = util_tmpdir(), *out = page_run(dir), path[PATH_MAX];
	char *page, *p, png[PATH_MAX], shot[PATH_MAX + 16], url[PATH_MAX + 32];
	const char *args[] = { NULL, "--window-size=1600,1000", NULL };
	struct util_result r;
	unsigned w, h;
	size_t ink, dark;

	snprintf(path, sizeof path, "%s/run.html", dir);
	ck_assert_ptr_nonnull(page = util_slurp(path));
	/* Nothing to fetch: no link, no src, no import, no url but the
	   page's own patterns.  */
	ck_assert_ptr_null(strstr(page, "<link"));
	ck_assert_ptr_null(strstr(page, " src="));
	ck_assert_ptr_null(strstr(page, "@import"));
	ck_assert_ptr_null(strstr(page, "https:"));
	for (p = page; (p = strstr(p, "url(")) != NULL; p++)
		ck_assert_msg(p[4] == '#', "%.40s", p);
	for (p = page; (p = strstr(p, "http:")) != NULL; p++)
		ck_assert_msg(strncmp(p, "http://www.w3.org/2000/svg", 26) ==
		    0, "%.40s", p);
	/* The program's source is in it.  */
	ck_assert_ptr_nonnull(strstr(page, "callee(1, 2, 3, 4 ,5 ,6, a, b);"));
	free(page);
	/* Painted.  */
	snprintf(png, sizeof png, "%s/page.png", dir);
	snprintf(shot, sizeof shot, "--screenshot=%s", png);
	args[0] = shot;
	snprintf(url, sizeof url, "file://%s#step=3", path);
	util_chromium_run(&r, dir, url, args);
	ck_assert_msg(util_png_ink(png, &w, &h, &ink, &dark), "no PNG: %s",
	    r.err);
	util_result_free(&r);
	ck_assert_uint_eq(w, 1600);
	ck_assert_msg(ink > (size_t)w * h / 5, "ink %zu of %u", ink, w * h);
	ck_assert_msg(dark > (size_t)w * h / 200, "dark %zu of %u", dark,
	    w * h);
	free(out);
	free(dir);
}
END_TEST

/* The page of loop-O0 from its main, STEPIS stepi on, in DIR/loopSTEPIS.html
   (its size in *SIZE); with LATE, frames under ==S<N> at the stops on
   each side of the page's first keyframe, 4096, and a few steps on.
   Returns framescope's output.  */
static char *
loop_page(const char *dir, int stepis, bool late, long *size)
{
	static const char *const marks[] = { "echo ==S4094\\n",
	    "frames -unicode", "stepi", "echo ==S4095\\n", "frames -unicode",
	    "stepi", "echo ==S4096\\n", "frames -unicode", "stepi 3",
	    "echo ==S4099\\n", "frames -unicode" };
	struct util_argv a = { 0 };
	struct util_result r;
	char dump[PATH_MAX], html[PATH_MAX], *out;
	struct stat st;
	size_t i;

	snprintf(dump, sizeof dump, "%s/loop%d.jsonl", dir, stepis);
	snprintf(html, sizeof html, "%s/loop%d.html", dir, stepis);
	/* A dump of 4,000 stops takes a while on a busy machine: more time
	   than util_framescope gives.  */
	util_argv_push(&a, framescope_path());
	util_argv_push(&a, "--batch");
	util_argv_push(&a, "--dump");
	util_argv_push(&a, dump);
	util_argv_push(&a, "-ex");
	util_argv_push(&a, "break main");
	util_argv_push(&a, "-ex");
	util_argv_push(&a, "run");
	util_argv_push(&a, "-ex");
	util_argv_pushf(&a, "stepi %d", late ? 4093 : stepis);
	for (i = 0; late && i < sizeof marks / sizeof marks[0]; i++) {
		util_argv_push(&a, "-ex");
		util_argv_push(&a, marks[i]);
	}
	util_argv_push(&a, sample_path("loop-O0"));
	util_argv_push(&a, "100000");
	util_run(a.v, 150, &r);
	util_argv_free(&a);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "loop-O0: %s: %s", util_status_text(&r), r.err);
	out = r.out;
	r.out = NULL;
	util_result_free(&r);
	make_page(dump, html);
	ck_assert_int_eq(stat(html, &st), 0);
	*size = (long)st.st_size;
	return out;
}

START_TEST(test_page_long_run)
{
	static const int at[] = { 4094, 4096, 4099 };
	struct items fr = { 0 };
	char *dir = util_tmpdir(), *out, *dom;
	long small, big;
	double per;
	size_t i;

	free(loop_page(dir, 10, false, &small));
	out = loop_page(dir, 4098, true, &big);
	/* 100,000 steps in at most 20 MB: 200 bytes a step.  */
	per = (double)(big - small) / (4098 - 10);
	ck_assert_msg(per <= 200, "%.0f bytes a step", per);
	/* Far steps, rebuilt from the page's keyframe or up to it, show
	   what frames showed.  */
	for (i = 0; i < sizeof at / sizeof at[0]; i++) {
		dom = page_dom(dir, "loop4098.html", at[i]);
		same_stack(dom, out, at[i], 4099, &fr);
		items_free(&fr);
		free(dom);
	}
	free(out);
	free(dir);
}
END_TEST

START_TEST(test_page_errors)
{
	static const struct {
		const char *args[6];
		int status;
		const char *err;
	} bad[] = {
		{ { "--html", "@DIR/none.jsonl", "-o", "@DIR/p.html" }, 2,
		    "framescope: @DIR/none.jsonl: No such file or directory" },
		{ { "--html", "@DIR/text", "-o", "@DIR/p.html" }, 2,
		    "framescope: @DIR/text:1: '[' or '{' expected near 'not'" },
		{ { "--html", "@DIR/empty", "-o", "@DIR/p.html" }, 2,
		    "framescope: @DIR/empty: no stops in it" },
		{ { "--html", "@DIR/object", "-o", "@DIR/p.html" }, 2,
		    "framescope: @DIR/object:1: not a snapshot of a stop" },
		{ { "--html", "@DIR/object" }, 64,
		    "framescope: --html DUMP needs -o PAGE (try --help)" },
		{ { "-o", "@DIR/p.html" }, 64,
		    "framescope: -o PAGE needs --html DUMP (try --help)" },
		{ { "--html", "@DIR/object", "-o", "@DIR/p.html", "prog" }, 64,
		    "framescope: --html makes a page of a dump and runs "
		    "nothing (try --help)" },
	};
	char *dir = util_tmpdir(), path[PATH_MAX], *want;
	struct util_argv a = { 0 };
	struct util_result r;
	size_t i, k;
	FILE *f;

	snprintf(path, sizeof path, "%s/text", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("not json\n", f);
	fclose(f);
	snprintf(path, sizeof path, "%s/empty", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fclose(f);
	snprintf(path, sizeof path, "%s/object", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "w"));
	fputs("{\"stop\": 1}\n", f);
	fclose(f);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		util_argv_push(&a, framescope_path());
		for (k = 0; k < 6 && bad[i].args[k] != NULL; k++) {
			if (strncmp(bad[i].args[k], "@DIR", 4) == 0)
				util_argv_pushf(&a, "%s%s", dir,
				    bad[i].args[k] + 4);
			else
				util_argv_push(&a, bad[i].args[k]);
		}
		util_run(a.v, 20, &r);
		util_argv_free(&a);
		ck_assert_msg(WIFEXITED(r.status) &&
		    WEXITSTATUS(r.status) == bad[i].status, "%zu: %s: %s", i,
		    util_status_text(&r), r.err);
		/* The message, with the directory in it.  */
		{
			const char *at = strstr(bad[i].err, "@DIR");

			if (at != NULL)
				ck_assert_int_ne(asprintf(&want, "%.*s%s%s",
				    (int)(at - bad[i].err), bad[i].err, dir,
				    at + 4), -1);
			else
				ck_assert_ptr_nonnull(want = strdup(
				    bad[i].err));
		}
		ck_assert_msg(util_has_line(r.err, want), "%zu: want %s, got "
		    "%s", i, want, r.err);
		free(want);
		util_result_free(&r);
	}
	free(dir);
}
END_TEST

Suite *
svg_suite(void)
{
	Suite *s = suite_create("svg");
	TCase *tc;

	list_bins();
	tc = tcase_create("every_sample");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_loop_test(tc, test_svg_says_what_frames_says, 0,
	    (int)nbins);
	tcase_add_test(tc, test_svg_every_sample_listed);
	suite_add_tcase(s, tc);

	tc = tcase_create("text_and_pixels");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_svg_escapes_what_the_program_says);
	tcase_add_test(tc, test_svg_renders_in_chromium);
	tcase_add_test(tc, test_svg_errors);
	suite_add_tcase(s, tc);
	return s;
}

Suite *
html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc;

	tc = tcase_create("page");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, util_tmp_setup, util_tmp_teardown);
	tcase_add_test(tc, test_page_says_what_frames_says);
	tcase_add_test(tc, test_page_i386);
	tcase_add_test(tc, test_svg_marks_overwritten);
	tcase_add_test(tc, test_page_of_a_recording);
	tcase_add_test(tc, test_page_stands_alone);
	tcase_add_test(tc, test_page_long_run);
	tcase_add_test(tc, test_page_errors);
	suite_add_tcase(s, tc);
	return s;
}
