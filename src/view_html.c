/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_html: a run of stops as one HTML page (see include/view_html.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fs_arch.h"
#include "fs_sbuf.h"
#include "view_frames.h"
#include "view_html.h"
#include "view_svg.h"

/* The page's script and style, src/view_html.js and src/view_html.css,
   built in as they are (NUL-terminated).  */
__asm__(".section .rodata\n"
    ".global view_html_js\n"
    "view_html_js:\n"
    ".incbin \"src/view_html.js\"\n"
    ".byte 0\n"
    ".global view_html_css\n"
    "view_html_css:\n"
    ".incbin \"src/view_html.css\"\n"
    ".byte 0\n"
    ".previous\n");
extern const char view_html_js[], view_html_css[];

/* The steps are in chunks of KEYSTEP, each in a <script> of its own,
   the first of each chunk but the first held whole (a keyframe).  */
#define KEYSTEP		4096
#define STEPS_SCRIPT	"<script type=\"application/json\" class=\"fs-steps\">"
/* A source file is put in the page up to this size.  */
#define MAXSRC		(4 << 20)
#define MAXREGS		64

/* Strings stored once, by number.  */
struct strtab {
	char		**v;
	size_t		  n, cap;
	size_t		 *slot;		/* open addressing: id + 1, 0 free */
	size_t		  nslot;
};

/* A word of the last step: its address and its row as the page has it. */
struct row {
	uint64_t	 addr;
	char		*enc;
};

struct view_html {
	struct strtab	 strs;		/* every text the page shows */
	struct strtab	 srcs;		/* source files, by path */
	long		*srcname;	/* srcs' names as the frames give
					   them, in strs */
	struct strtab	 pcs;		/* the pcs whose instruction is known */
	long		*insn;		/* their instructions, in strs */
	char		*regname[MAXREGS];
	char		*regval[MAXREGS];
	size_t		 nregs, rip;
	bool		 had_regs;
	char		**frames;	/* the last step's frames, encoded */
	size_t		 nframes;
	struct row	*rows;		/* ... and words, by address */
	size_t		 nrows;
	struct fs_sbuf	 steps;
	size_t		 nsteps;
	bool		 have_base;
	uint64_t	 base;		/* a word's key: (base - addr) /
					   word */
	/* The program's architecture, from the first snapshot: its
	   registers' names, its word.  */
	const struct fs_arch *arch;
	long		 last_stop, last_reason;
	char		*program;
	bool		 program_known;	/* from main's frame */
};

/* ---------------------------------------------------------------- strings */

static uint64_t
hash(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* The number of S in T, added when new; -1 when out of memory.  */
static long
intern(struct strtab *t, const char *s)
{
	size_t i, k, *ns;

	if (t->n * 2 >= t->nslot) {
		size_t nn = t->nslot ? t->nslot * 2 : 1024;

		if ((ns = calloc(nn, sizeof *ns)) == NULL)
			return -1;
		for (k = 0; k < t->n; k++) {
			for (i = hash(t->v[k]) & (nn - 1); ns[i] != 0;
			    i = (i + 1) & (nn - 1))
				;
			ns[i] = k + 1;
		}
		free(t->slot);
		t->slot = ns;
		t->nslot = nn;
	}
	for (i = hash(s) & (t->nslot - 1); t->slot[i] != 0;
	    i = (i + 1) & (t->nslot - 1))
		if (strcmp(t->v[t->slot[i] - 1], s) == 0)
			return (long)t->slot[i] - 1;
	if (t->n == t->cap) {
		size_t nc = t->cap ? t->cap * 2 : 256;
		char **nv = realloc(t->v, nc * sizeof *nv);

		if (nv == NULL)
			return -1;
		t->v = nv;
		t->cap = nc;
	}
	if ((t->v[t->n] = strdup(s)) == NULL)
		return -1;
	t->slot[i] = ++t->n;
	return (long)t->n - 1;
}

static void
strtab_free(struct strtab *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free(t->v[i]);
	free(t->v);
	free(t->slot);
	memset(t, 0, sizeof *t);
}

/* S as a JSON string that may stand inside a <script>: no '<', '>' or
   '&' (written \u003c ...), control characters escaped.  */
static void
json_str(struct fs_sbuf *b, const char *s)
{
	static const char hexd[] = "0123456789abcdef";
	const char *run = s;
	char esc[8];

	fs_sbuf_puts(b, "\"");
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x20 && c != '"' && c != '\\' && c != '<' &&
		    c != '>' && c != '&')
			continue;
		fs_sbuf_add(b, run, (size_t)(s - run));
		run = s + 1;
		if (c == '"' || c == '\\') {
			esc[0] = '\\';
			esc[1] = (char)c;
			fs_sbuf_add(b, esc, 2);
		} else {
			memcpy(esc, "\\u00", 4);
			esc[4] = hexd[c >> 4];
			esc[5] = hexd[c & 15];
			fs_sbuf_add(b, esc, 6);
		}
	}
	fs_sbuf_add(b, run, (size_t)(s - run));
	fs_sbuf_puts(b, "\"");
}

/* ------------------------------------------------------------- the steps */

int
view_html_new(struct view_html **out, struct fs_err *e)
{
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	(*out)->last_stop = -1;
	(*out)->last_reason = -1;
	return 0;
}

static void
rows_free(struct row *r, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(r[i].enc);
	free(r);
}

void
view_html_free(struct view_html *h)
{
	size_t i;

	if (h == NULL)
		return;
	strtab_free(&h->strs);
	strtab_free(&h->srcs);
	strtab_free(&h->pcs);
	free(h->srcname);
	free(h->insn);
	for (i = 0; i < h->nregs; i++) {
		free(h->regname[i]);
		free(h->regval[i]);
	}
	for (i = 0; i < h->nframes; i++)
		free(h->frames[i]);
	free(h->frames);
	rows_free(h->rows, h->nrows);
	free(h->steps.s);
	free(h->program);
	free(h);
}

size_t
view_html_steps(const struct view_html *h)
{
	return h->nsteps;
}

static const char *
jstr(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* A "0x..." member; 0 when absent or null.  */
static uint64_t
jhex(const json_t *o, const char *key)
{
	const char *s = jstr(o, key);

	return s != NULL ? strtoull(s, NULL, 16) : 0;
}

/* The kinds of words there are: every number fs_slot_kind_name names,
   from FS_SLOT_UNKNOWN (0) on.  */
static int
nkinds(void)
{
	static int n;

	if (n == 0)
		for (n = 1; strcmp(fs_slot_kind_name((enum fs_slot_kind)n),
		    "unknown") != 0; n++)
			;
	return n;
}

static enum fs_slot_kind
kind_of(const char *name)
{
	int k, n = nkinds();

	for (k = FS_SLOT_UNKNOWN; name != NULL && k < n; k++)
		if (strcmp(fs_slot_kind_name((enum fs_slot_kind)k), name) == 0)
			return (enum fs_slot_kind)k;
	return FS_SLOT_UNKNOWN;
}

/* What the stop is, in words: "breakpoint 1", "signal SIGSEGV".  */
static void
reason_text(const json_t *snap, char *buf, size_t len)
{
	const char *r = jstr(snap, "reason"), *sig = jstr(snap, "signal");
	json_t *v;

	snprintf(buf, len, "%s", r != NULL ? r : "?");
	if ((v = json_object_get(snap, "breakpoint")) != NULL ||
	    (v = json_object_get(snap, "watchpoint")) != NULL)
		fs_strcatf(buf, len, " %" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
	if (sig != NULL)
		fs_strcatf(buf, len, " %s", sig);
	if ((v = json_object_get(snap, "exit_code")) != NULL)
		fs_strcatf(buf, len, " with code %" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
}

/* The registers that changed: "g":[index,"hex",...], but rip, which
   changes at every step, as "p": the distance it moved; "x":1 when the
   process is gone.  */
static int
step_regs(struct view_html *h, const json_t *snap, struct fs_sbuf *b)
{
	const json_t *regs = json_object_get(snap, "regs");
	struct fs_sbuf pc = { 0 };
	const char *key, *v;
	json_t *val;
	size_t i, n = 0;

	if (!json_is_object(regs)) {
		if (h->had_regs)
			fs_sbuf_puts(b, ",\"x\":1");
		h->had_regs = false;
		return 0;
	}
	if (h->nregs == 0)
		json_object_foreach((json_t *)regs, key, val) {
			if (h->nregs == MAXREGS)
				break;
			if ((h->regname[h->nregs] = strdup(key)) == NULL)
				return -1;
			if (strcmp(key, h->arch->pc) == 0)
				h->rip = h->nregs;
			h->nregs++;
		}
	for (i = 0; i < h->nregs; i++) {
		if ((v = jstr(regs, h->regname[i])) == NULL)
			continue;
		if (strncmp(v, "0x", 2) == 0)
			v += 2;
		if (h->had_regs && h->regval[i] != NULL &&
		    strcmp(h->regval[i], v) == 0)
			continue;
		if (h->had_regs && h->regval[i] != NULL && i == h->rip) {
			int64_t d = (int64_t)(strtoull(v, NULL, 16) -
			    strtoull(h->regval[i], NULL, 16));

			if (d > -(1LL << 31) && d < (1LL << 31))
				fs_sbuf_printf(&pc, ",\"p\":%" PRId64, d);
		}
		free(h->regval[i]);
		if ((h->regval[i] = strdup(v)) == NULL)
			return -1;
		if (pc.len > 0)
			continue;
		fs_sbuf_printf(b, "%s%zu,", n++ == 0 ? ",\"g\":[" : ",", i);
		json_str(b, v);
	}
	if (n > 0)
		fs_sbuf_puts(b, "]");
	if (pc.len > 0)
		fs_sbuf_add(b, pc.s, pc.len);
	free(pc.s);
	h->had_regs = true;
	return pc.oom ? -1 : 0;
}

/* A stop's frames and words, rebuilt from its snapshot as fs_anatomy made
   them, for view_frames to put in words.  */
struct rebuilt {
	struct fs_frame		*fr;
	struct fs_frame_anatomy	*fa;
	size_t			 n;
};

static void
rebuilt_free(struct rebuilt *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->fa[i].slots);
	free(r->fr);
	free(r->fa);
	memset(r, 0, sizeof *r);
}

static int
rebuild(const struct fs_arch *arch, const json_t *frames, struct rebuilt *r)
{
	const unsigned W = arch->word;
	size_t i, j, ns;

	memset(r, 0, sizeof *r);
	r->n = json_array_size(frames);
	if ((r->fr = calloc(r->n + 1, sizeof *r->fr)) == NULL ||
	    (r->fa = calloc(r->n + 1, sizeof *r->fa)) == NULL)
		return -1;
	for (i = 0; i < r->n; i++) {
		const json_t *f = json_array_get(frames, i);
		const json_t *slots = json_object_get(f, "slots");
		struct fs_frame *fr = &r->fr[i];
		struct fs_frame_anatomy *fa = &r->fa[i];

		fr->index = (unsigned)json_integer_value(json_object_get(f,
		    "index"));
		fr->sigtramp = json_is_true(json_object_get(f,
		    "signal_frame"));
		fr->inlined = json_is_true(json_object_get(f, "inlined"));
		fr->tailcall = json_is_true(json_object_get(f, "tailcall"));
		fr->where.func = jstr(f, "function");
		fr->where.file = jstr(f, "file");
		fr->where.fullpath = jstr(f, "fullname");
		fr->where.line = (unsigned)json_integer_value(
		    json_object_get(f, "line"));
		fr->sp = jhex(f, "sp");
		fr->cfa = jhex(f, "cfa");
		fr->fp = jhex(f, "fp");
		fa->index = fr->index;
		fa->frame = fr;
		fa->sp = fr->sp;
		fa->cfa = fr->cfa;
		fa->rbp = fr->fp;
		fa->arch = arch;
		fa->word = W;
		/* As fs_anatomy_compute says it: only of a frame that has
		   words of its own.  */
		fa->uses_fp = fa->cfa != 0 && fa->cfa > fa->sp &&
		    !fr->inlined && !fr->tailcall && fa->rbp == fa->cfa - 2 * W;
		fa->prologue = json_is_true(json_object_get(f, "prologue"));
		fa->epilogue = json_is_true(json_object_get(f, "epilogue"));
		fa->truncated = json_is_true(json_object_get(f, "truncated"));
		if (jstr(f, "convention") != NULL)
			snprintf(fa->convention, sizeof fa->convention, "%s",
			    jstr(f, "convention"));
		ns = json_array_size(slots);
		if (ns == 0)
			continue;
		if ((fa->slots = calloc(ns, sizeof *fa->slots)) == NULL)
			return -1;
		/* The snapshot lists them from the highest address.  */
		for (j = 0; j < ns; j++) {
			const json_t *s = json_array_get(slots, ns - 1 - j);
			struct fs_slot *sl = &fa->slots[j];
			const json_t *fp = json_object_get(s, "fp_off");

			sl->addr = jhex(s, "addr");
			sl->size = W;
			sl->readable = json_is_string(json_object_get(s,
			    "value"));
			sl->value = jhex(s, "value");
			sl->cfa_off = json_integer_value(json_object_get(s,
			    "cfa_off"));
			sl->has_rbp_off = json_is_integer(fp);
			sl->rbp_off = json_integer_value(fp);
			sl->kind = kind_of(jstr(s, "kind"));
			sl->changed = json_is_true(json_object_get(s,
			    "changed")) ? FS_CHANGE_YES : FS_CHANGE_NO;
			sl->overwritten = json_object_get(s, "corrupted") !=
			    NULL;
			if (sl->addr + W <= fa->sp)
				fa->redzone = true;
		}
		fa->nslots = ns;
		fa->lo = fa->slots[0].addr;
		fa->hi = fa->slots[ns - 1].addr + W;
	}
	return 0;
}

static int
cmp_row(const void *a, const void *b)
{
	const struct row *p = a, *q = b;

	return p->addr < q->addr ? -1 : p->addr > q->addr;
}

static long
word_key(const struct view_html *h, uint64_t addr)
{
	return (long)((int64_t)(h->base - addr) / (int64_t)h->arch->word);
}

/* ,"NAME":[L] when L has anything.  */
static void
list(struct fs_sbuf *b, const char *name, const struct fs_sbuf *l)
{
	if (l->len == 0)
		return;
	fs_sbuf_printf(b, ",\"%s\":[", name);
	fs_sbuf_add(b, l->s, l->len);
	fs_sbuf_puts(b, "]");
}

/* The frames that changed ("k": their number, "f":[[i,frame],...]), the
   words that came or changed ("w") or went ("d"), and the words changed
   since the previous stop ("c":[key,writer,...]).  */
static int
step_frames(struct view_html *h, const json_t *snap, struct fs_sbuf *b)
{
	const json_t *frames = json_object_get(snap, "frames"),
	    *regs = json_object_get(snap, "regs");
	uint64_t rsp = jhex(regs, h->arch->sp), rbp = jhex(regs, h->arch->fp);
	const unsigned W = h->arch->word;
	struct rebuilt r;
	struct row *rows = NULL;
	struct fs_sbuf enc = { 0 }, changed = { 0 }, gone = { 0 },
	    came = { 0 };
	char buf[1024], arr[256], **nf = NULL;
	size_t i, j, nrows = 0, np, nc = 0, nw = 0, nd = 0, nfc = 0;
	int rc = -1;

	if (rebuild(h->arch, frames, &r) < 0)
		goto out;
	for (i = 0, np = 0; i < r.n; i++)
		np += r.fa[i].nslots;
	if ((rows = calloc(np + 1, sizeof *rows)) == NULL ||
	    (nf = calloc(r.n + 1, sizeof *nf)) == NULL)
		goto out;
	if (!h->have_base && np > 0) {
		for (i = 0; i < r.n; i++)
			if (r.fa[i].nslots > 0 && r.fa[i].hi > h->base)
				h->base = r.fa[i].hi;
		h->have_base = true;
	}
	for (i = 0; i < r.n; i++) {
		const struct fs_frame_anatomy *fa = &r.fa[i];
		const json_t *f = json_array_get(frames, i);
		const json_t *slots = json_object_get(f, "slots");
		const char *note = view_frames_note(fa), *key;
		long title, src = -1;

		view_frames_title(fa, buf, sizeof buf);
		if ((title = intern(&h->strs, buf)) < 0)
			goto out;
		/* The source, by the path to read it from.  */
		key = fa->frame->where.fullpath != NULL ?
		    fa->frame->where.fullpath : fa->frame->where.file;
		if (key != NULL) {
			size_t had = h->srcs.n;
			long *nn;

			if ((src = intern(&h->srcs, key)) < 0)
				goto out;
			if (h->srcs.n > had) {
				if ((nn = realloc(h->srcname, h->srcs.n *
				    sizeof *nn)) == NULL)
					goto out;
				h->srcname = nn;
				if ((nn[src] = intern(&h->strs,
				    fa->frame->where.file)) < 0)
					goto out;
			}
		}
		enc.len = 0;
		fs_sbuf_printf(&enc, "[%ld,%ld,%ld,%u", title, note != NULL ?
		    intern(&h->strs, note) : -1L, src, fa->frame->where.line);
		if (fa->nslots > 0)
			fs_sbuf_printf(&enc, ",%ld,%ld]", word_key(h,
			    fa->hi - W), word_key(h, fa->lo));
		else
			fs_sbuf_puts(&enc, "]");
		if (enc.oom || (nf[i] = strdup(enc.s)) == NULL)
			goto out;
		if (i >= h->nframes || strcmp(h->frames[i], nf[i]) != 0)
			fs_sbuf_printf(b, "%s[%zu,%s]", nfc++ == 0 ? ",\"f\":[" :
			    ",", i, nf[i]);
		for (j = 0; j < fa->nslots; j++) {
			const struct fs_slot *sl = &fa->slots[j];
			const json_t *s = json_array_get(slots,
			    fa->nslots - 1 - j);
			const char *text = jstr(s, "text"), *w;
			long off, mean, arrows;

			if (text == NULL)
				text = jstr(s, "label");
			view_frames_offset(fa->arch, sl, buf, sizeof buf);
			view_frames_arrows(r.fa, r.n, sl->addr, rsp, rbp, ", ",
			    arr, sizeof arr);
			arrows = -1;
			if ((off = intern(&h->strs, buf)) < 0 ||
			    (mean = intern(&h->strs, text != NULL ? text :
			    "")) < 0 || (arr[0] != '\0' &&
			    (arrows = intern(&h->strs, arr + 2)) < 0))
				goto out;
			enc.len = 0;
			fs_sbuf_printf(&enc, "[%ld,%ld,", word_key(h, sl->addr),
			    off);
			if (sl->readable)
				fs_sbuf_printf(&enc, "\"%" PRIx64 "\"",
				    sl->value);
			else
				fs_sbuf_puts(&enc, "null");
			/* The arrows, whether the word is the red zone's
			   first, under the line under rsp, and whether it
			   was overwritten; left out when none and not.  */
			fs_sbuf_printf(&enc, ",%ld,%d", mean, sl->kind);
			if (sl->overwritten)
				fs_sbuf_printf(&enc, ",%ld,%d,1", arrows,
				    j + 1 < fa->nslots && sl->addr + W ==
				    fa->sp && fa->redzone);
			else if (j + 1 < fa->nslots && sl->addr + W ==
			    fa->sp && fa->redzone)
				fs_sbuf_printf(&enc, ",%ld,1", arrows);
			else if (arrows >= 0)
				fs_sbuf_printf(&enc, ",%ld", arrows);
			fs_sbuf_puts(&enc, "]");
			if (enc.oom || (rows[nrows].enc = strdup(enc.s)) ==
			    NULL)
				goto out;
			rows[nrows++].addr = sl->addr;
			if (sl->changed != FS_CHANGE_YES)
				continue;
			w = json_string_value(json_object_get(json_object_get(s,
			    "written_by"), "insn"));
			fs_sbuf_printf(&changed, "%s%ld,%ld", nc++ == 0 ? "" :
			    ",", word_key(h, sl->addr), w != NULL ?
			    intern(&h->strs, w) : -1L);
		}
	}
	if (r.n != h->nframes)
		fs_sbuf_printf(b, "%s,\"k\":%zu", nfc > 0 ? "]" : "", r.n);
	else if (nfc > 0)
		fs_sbuf_puts(b, "]");
	/* The words, against the last step's.  */
	qsort(rows, nrows, sizeof *rows, cmp_row);
	for (i = 0, j = 0; i < nrows || j < h->nrows;) {
		if (j == h->nrows || (i < nrows &&
		    rows[i].addr < h->rows[j].addr)) {
			fs_sbuf_printf(&came, "%s%s", nw++ ? "," : "",
			    rows[i].enc);
			i++;
		} else if (i == nrows || h->rows[j].addr < rows[i].addr) {
			fs_sbuf_printf(&gone, "%s%ld", nd++ ? "," : "",
			    word_key(h, h->rows[j].addr));
			j++;
		} else {
			if (strcmp(rows[i].enc, h->rows[j].enc) != 0)
				fs_sbuf_printf(&came, "%s%s", nw++ ? "," : "",
				    rows[i].enc);
			i++;
			j++;
		}
	}
	list(b, "w", &came);
	list(b, "d", &gone);
	list(b, "c", &changed);
	if (enc.oom || changed.oom || came.oom || gone.oom)
		goto out;
	for (i = 0; i < h->nframes; i++)
		free(h->frames[i]);
	free(h->frames);
	h->frames = nf;
	h->nframes = r.n;
	nf = NULL;
	rows_free(h->rows, h->nrows);
	h->rows = rows;
	h->nrows = nrows;
	rows = NULL;
	rc = 0;
out:
	if (nf != NULL)
		for (i = 0; i < r.n; i++)
			free(nf[i]);
	free(nf);
	if (rows != NULL)
		rows_free(rows, nrows);
	rebuilt_free(&r);
	free(enc.s);
	free(changed.s);
	free(came.s);
	free(gone.s);
	return rc;
}

/* The whole of the step just made, as "K":{"g":[every register],"f":[every
   frame],"w":[every word],"s":stop,"r":reason}: the page's script starts
   from it to show a step far on, instead of stepping through all those
   before.  */
static void
keyframe(struct view_html *h, struct fs_sbuf *b)
{
	size_t i;

	fs_sbuf_printf(b, ",\"K\":{\"s\":%ld,\"r\":%ld,\"g\":[",
	    h->last_stop, h->last_reason);
	for (i = 0; h->had_regs && i < h->nregs; i++) {
		fs_sbuf_printf(b, "%s%zu,", i > 0 ? "," : "", i);
		json_str(b, h->regval[i] != NULL ? h->regval[i] : "0");
	}
	fs_sbuf_puts(b, "],\"f\":[");
	for (i = 0; i < h->nframes; i++)
		fs_sbuf_printf(b, "%s%s", i > 0 ? "," : "", h->frames[i]);
	fs_sbuf_puts(b, "],\"w\":[");
	for (i = 0; i < h->nrows; i++)
		fs_sbuf_printf(b, "%s%s", i > 0 ? "," : "", h->rows[i].enc);
	fs_sbuf_puts(b, "]}");
}

/* The program's name: the file holding main, or, until main is seen,
   the outermost frame.  */
static int
program(struct view_html *h, const json_t *frames)
{
	const char *m = NULL, *fn, *slash;
	size_t i, n = json_array_size(frames);

	for (i = 0; i < n; i++) {
		const json_t *f = json_array_get(frames, i);

		fn = jstr(f, "function");
		if (fn != NULL && jstr(f, "module") != NULL &&
		    (strcmp(fn, "main") == 0 || (strlen(fn) > 6 &&
		    strcmp(fn + strlen(fn) - 6, "::main") == 0))) {
			m = jstr(f, "module");
			h->program_known = true;
			break;
		}
	}
	if (m == NULL && (h->program != NULL || n == 0 ||
	    (m = jstr(json_array_get(frames, n - 1), "module")) == NULL))
		return 0;
	free(h->program);
	slash = strrchr(m, '/');
	return (h->program = strdup(slash != NULL ? slash + 1 : m)) != NULL ?
	    0 : -1;
}

int
view_html_add(struct view_html *h, const json_t *snap, struct fs_err *e)
{
	struct fs_sbuf b = { 0 };
	const json_t *frames = json_object_get(snap, "frames");
	const char *insn = jstr(snap, "insn"), *pc = jstr(snap, "pc");
	char buf[256];
	long stop, reason;

	if (!json_is_object(snap) || !json_is_array(frames))
		return fs_err_set(e, FS_E_FORMAT, "not a snapshot of a stop");
	/* A snapshot says "arch" from the first on; one without it is
	   x86-64's.  */
	if (h->arch == NULL)
		h->arch = jstr(snap, "arch") != NULL && strcmp(jstr(snap,
		    "arch"), fs_arch_i386.name) == 0 ? &fs_arch_i386 :
		    &fs_arch_x86_64;
	if (!h->program_known && program(h, frames) < 0)
		goto nomem;
	stop = (long)json_integer_value(json_object_get(snap, "stop"));
	reason_text(snap, buf, sizeof buf);
	if ((reason = intern(&h->strs, buf)) < 0)
		goto nomem;
	/* Each member of the step, with a comma before it: "s", the
	   stop's number, and "r", what it is, when not what the last step
	   makes them.  */
	if (stop != h->last_stop + 1)
		fs_sbuf_printf(&b, ",\"s\":%ld", stop);
	if (reason != h->last_reason)
		fs_sbuf_printf(&b, ",\"r\":%ld", reason);
	h->last_stop = stop;
	h->last_reason = reason;
	if (insn != NULL && pc != NULL) {
		size_t had = h->pcs.n;
		long k = intern(&h->pcs, pc + (strncmp(pc, "0x", 2) == 0 ?
		    2 : 0)), *ni;

		if (k < 0)
			goto nomem;
		if (h->pcs.n > had) {
			if ((ni = realloc(h->insn, h->pcs.n * sizeof *ni)) ==
			    NULL)
				goto nomem;
			h->insn = ni;
			if ((ni[k] = intern(&h->strs, insn)) < 0)
				goto nomem;
		}
	}
	if (step_regs(h, snap, &b) < 0 || step_frames(h, snap, &b) < 0)
		goto nomem;
	if (h->nsteps > 0 && h->nsteps % KEYSTEP == 0)
		keyframe(h, &b);
	if (b.oom)
		goto nomem;
	/* A chunk of KEYSTEP steps a <script>, its first step whole.  */
	if (h->nsteps > 0 && h->nsteps % KEYSTEP == 0)
		fs_sbuf_puts(&h->steps, "]</script>\n" STEPS_SCRIPT "[{");
	else
		fs_sbuf_puts(&h->steps, h->nsteps > 0 ? ",{" : "{");
	if (b.len > 0)
		fs_sbuf_add(&h->steps, b.s + 1, b.len - 1);
	fs_sbuf_puts(&h->steps, "}");
	free(b.s);
	if (h->steps.oom)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	h->nsteps++;
	return 0;
nomem:
	free(b.s);
	return fs_err_set(e, FS_E_NOMEM, "out of memory");
}

/* ------------------------------------------------------------- the page */

/* The file at PATH, NUL-terminated, if it can be read and is not too
   big.  */
static char *
read_source(const char *path)
{
	char *buf;
	size_t n;
	FILE *f;

	if ((f = fopen(path, "re")) == NULL)
		return NULL;
	if ((buf = malloc(MAXSRC + 1)) != NULL) {
		n = fread(buf, 1, MAXSRC + 1, f);
		if (n > MAXSRC || ferror(f)) {
			free(buf);
			buf = NULL;
		} else
			buf[n] = '\0';
	}
	fclose(f);
	return buf;
}

int
view_html_write(struct view_html *h, FILE *out, const char *title,
    struct fs_err *e)
{
	struct fs_sbuf b = { 0 };
	size_t i;
	char *text;

	if (title == NULL)
		title = h->program != NULL ? h->program : "framescope";
	fs_sbuf_puts(&b, "{\"v\":1,\"title\":");
	json_str(&b, title);
	if (h->arch == NULL)
		h->arch = &fs_arch_x86_64;
	/* The architecture's word, and its pc's and sp's names.  */
	fs_sbuf_printf(&b, ",\"base\":%" PRIu64 ",\"keystep\":%d,"
	    "\"word\":%u,\"pc\":\"%s\",\"sp\":\"%s\",\"regs\":[", h->base,
	    KEYSTEP, h->arch->word, h->arch->pc, h->arch->sp);
	for (i = 0; i < h->nregs; i++) {
		if (i > 0)
			fs_sbuf_puts(&b, ",");
		json_str(&b, h->regname[i]);
	}
	/* The kinds of words by number: their names, fills and names in
	   the legend, as view_svg draws them.  */
	fs_sbuf_puts(&b, "],\"kinds\":[");
	for (i = 0; i < (size_t)nkinds(); i++) {
		fs_sbuf_puts(&b, i > 0 ? ",[" : "[");
		json_str(&b, fs_slot_kind_name((enum fs_slot_kind)i));
		fs_sbuf_puts(&b, ",");
		json_str(&b, view_svg_fill((enum fs_slot_kind)i));
		fs_sbuf_puts(&b, ",");
		if (view_svg_legend((enum fs_slot_kind)i) != NULL)
			json_str(&b, view_svg_legend((enum fs_slot_kind)i));
		else
			fs_sbuf_puts(&b, "null");
		fs_sbuf_puts(&b, "]");
	}
	/* An overwritten word's border and legend.  */
	fs_sbuf_puts(&b, "],\"smash\":[\"" VIEW_SVG_SMASH_STROKE "\",\""
	    VIEW_SVG_SMASH_LEGEND "\"");
	fs_sbuf_puts(&b, "],\"srcs\":[");
	for (i = 0; i < h->srcs.n; i++) {
		fs_sbuf_printf(&b, "%s[%ld,", i > 0 ? "," : "",
		    h->srcname[i]);
		if ((text = read_source(h->srcs.v[i])) != NULL)
			json_str(&b, text);
		else
			fs_sbuf_puts(&b, "null");
		free(text);
		fs_sbuf_puts(&b, "]");
	}
	fs_sbuf_puts(&b, "],\"insns\":{");
	for (i = 0; i < h->pcs.n; i++) {
		if (i > 0)
			fs_sbuf_puts(&b, ",");
		json_str(&b, h->pcs.v[i]);
		fs_sbuf_printf(&b, ":%ld", h->insn[i]);
	}
	fs_sbuf_puts(&b, "},\"strs\":[");
	for (i = 0; i < h->strs.n; i++) {
		if (i > 0)
			fs_sbuf_puts(&b, ",");
		json_str(&b, h->strs.v[i]);
	}
	fs_sbuf_printf(&b, "],\"nsteps\":%zu}", h->nsteps);
	if (b.oom) {
		free(b.s);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	fprintf(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width\">\n"
	    "<meta name=\"generator\" content=\"framescope\">\n"
	    "<title>framescope</title>\n<style>\n%s</style>\n</head>\n"
	    "<body>\n<noscript>This page draws a run of a program with "
	    "JavaScript, which is off.</noscript>\n"
	    "<script type=\"application/json\" id=\"fs-data\">", view_html_css);
	fwrite(b.s, 1, b.len, out);
	fputs("</script>\n" STEPS_SCRIPT "[", out);
	fwrite(h->steps.s != NULL ? h->steps.s : "", 1, h->steps.len, out);
	fprintf(out, "]</script>\n<script>\n%s</script>\n</body>\n</html>\n",
	    view_html_js);
	free(b.s);
	if (fflush(out) == EOF || ferror(out))
		return fs_err_sys(e, "cannot write the page");
	return 0;
}

int
view_html_from_dump(const char *dump, const char *page, struct fs_err *e)
{
	struct view_html *h = NULL;
	char *line = NULL;
	size_t cap = 0, lineno = 0;
	ssize_t len;
	json_error_t jerr;
	json_t *snap;
	FILE *in, *out;
	int rc = 0;

	if ((in = fopen(dump, "re")) == NULL)
		return fs_err_sys(e, "%s", dump);
	if (view_html_new(&h, e) < 0) {
		fclose(in);
		return -1;
	}
	while (rc == 0 && (len = getline(&line, &cap, in)) >= 0) {
		lineno++;
		if (len <= 1)
			continue;
		if ((snap = json_loadb(line, (size_t)len, 0, &jerr)) == NULL) {
			rc = fs_err_set(e, FS_E_FORMAT, "%s:%zu: %s", dump,
			    lineno, jerr.text);
			break;
		}
		if (view_html_add(h, snap, e) < 0) {
			if (e != NULL && e->code == FS_E_FORMAT)
				fs_err_set(e, FS_E_FORMAT, "%s:%zu: not a "
				    "snapshot of a stop", dump, lineno);
			rc = -1;
		}
		json_decref(snap);
	}
	if (rc == 0 && ferror(in))
		rc = fs_err_sys(e, "%s", dump);
	fclose(in);
	free(line);
	if (rc == 0 && h->nsteps == 0)
		rc = fs_err_set(e, FS_E_FORMAT, "%s: no stops in it", dump);
	if (rc == 0) {
		if ((out = fopen(page, "we")) == NULL)
			rc = fs_err_sys(e, "%s", page);
		else {
			rc = view_html_write(h, out, NULL, e);
			if (fclose(out) != 0 && rc == 0)
				rc = fs_err_sys(e, "%s", page);
		}
	}
	view_html_free(h);
	return rc;
}
