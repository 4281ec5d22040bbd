/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_frames: the stack drawn from the slot map (see
   include/view_frames.h). */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fs_sbuf.h"
#include "view_frames.h"

struct glyphs {
	const char	*h, *v, *tl, *tr, *bl, *br, *tee_d, *tee_u, *cross;
	const char	*tee_r, *tee_l;
	const char	*arrow, *to;
};

static const struct glyphs unicode = { "─", "│", "┌", "┐", "└", "┘", "┬",
    "┴", "┼", "├", "┤", "◀", "→" };
static const struct glyphs ascii = { "-", "|", "+", "+", "+", "+", "+", "+",
    "+", "+", "+", "<-", "->" };

bool
view_frames_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	const char *v;
	size_t i;

	for (i = 0; i < 3; i++) {
		if ((v = getenv(vars[i])) == NULL || *v == '\0')
			continue;
		return strcasestr(v, "utf-8") != NULL ||
		    strcasestr(v, "utf8") != NULL;
	}
	return false;
}

int
view_frames_args(const char *arg, struct view_frames_opts *o, char *err,
    size_t errlen)
{
	char buf[256], *p, *w, *end;
	unsigned long v;

	memset(o, 0, sizeof *o);
	o->ascii = !view_frames_utf8();
	snprintf(buf, sizeof buf, "%s", arg != NULL ? arg : "");
	for (p = buf; (w = strtok_r(p, " \t", &end)) != NULL; p = NULL) {
		char *e;

		if (strcmp(w, "-ascii") == 0)
			o->ascii = true;
		else if (strcmp(w, "-unicode") == 0)
			o->ascii = false;
		else if (strcmp(w, "-inner") == 0)
			o->inner_first = true;
		else if (strcmp(w, "-outer") == 0)
			o->inner_first = false;
		else if (isdigit((unsigned char)w[0])) {
			errno = 0;
			v = strtoul(w, &e, 10);
			if (errno != 0 || *e != '\0' || v == 0) {
				snprintf(err, errlen, "Invalid number \"%s\".",
				    w);
				return -1;
			}
			o->max = v;
		} else {
			snprintf(err, errlen, "Usage: frames [-ascii|-unicode] "
			    "[-inner|-outer] [N]");
			return -1;
		}
	}
	return 0;
}

/* Display width of UTF-8 text whose characters are all one column.  */
static size_t
width(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static void
pad(FILE *out, const char *s, size_t w)
{
	size_t k = width(s);

	fputs(s, out);
	for (; k < w; k++)
		fputc(' ', out);
}

static void
rule(FILE *out, const struct glyphs *g, const char *l, const char *mid,
    const char *r, const size_t *cols, size_t ncols)
{
	size_t i, k;

	fputs(l, out);
	for (i = 0; i < ncols; i++) {
		for (k = 0; k < cols[i] + 2; k++)
			fputs(g->h, out);
		fputs(i + 1 < ncols ? mid : r, out);
	}
}

/* The architecture of a drawing: x86-64 unless it says otherwise.  */
static const struct fs_arch *
arch_or_default(const struct fs_arch *a)
{
	return a != NULL ? a : &fs_arch_x86_64;
}

void
view_frames_offset(const struct fs_arch *a, const struct fs_slot *sl,
    char *buf, size_t len)
{
	int64_t o = sl->has_rbp_off ? sl->rbp_off : sl->cfa_off;
	const char *base = sl->has_rbp_off ? arch_or_default(a)->fp : "cfa";

	if (o == 0)
		snprintf(buf, len, "%s", base);
	else
		snprintf(buf, len, "%s%+" PRId64, base, o);
}

void
view_frames_arrows(const struct fs_frame_anatomy *fa, size_t n,
    uint64_t addr, uint64_t rsp, uint64_t rbp, const char *sep, char *buf,
    size_t len)
{
	const struct fs_arch *a = arch_or_default(n > 0 ? fa[0].arch : NULL);
	size_t i;

	buf[0] = '\0';
	if (addr == rsp)
		fs_strcatf(buf, len, "%s%s", sep, a->sp);
	if (addr == rbp)
		fs_strcatf(buf, len, "%s%s", sep, a->fp);
	for (i = 0; i < n; i++) {
		if (i > 0 && fa[i].uses_fp && fa[i].rbp == addr)
			fs_strcatf(buf, len, "%s%s #%zu", sep, a->fp, i);
		/* A tail call's frame has the cfa of the one below, not
		   one of its own.  */
		if (fa[i].cfa != 0 && fa[i].cfa == addr &&
		    (fa[i].frame == NULL || !fa[i].frame->tailcall))
			fs_strcatf(buf, len, "%scfa #%zu", sep, i);
	}
}

void
view_frames_meaning(const struct fs_slot *sl, const char *to, char *buf,
    size_t len)
{
	fs_slot_text(sl, to, true, buf, len);
	if (sl->changed == FS_CHANGE_YES && sl->has_writer)
		fs_strcatf(buf, len, " [%s]", sl->writer_insn);
}

void
view_frames_title(const struct fs_frame_anatomy *f, char *buf, size_t len)
{
	const struct fs_frame *fr = f->frame;

	snprintf(buf, len, "#%u %s", f->index, fr->sigtramp ?
	    "<signal handler called>" : fr->where.func != NULL ?
	    fr->where.func : "??");
	if (fr->where.file != NULL)
		fs_strcatf(buf, len, " (%s:%u)", fr->where.file,
		    fr->where.line);
	if (f->convention[0] != '\0')
		fs_strcatf(buf, len, " [%s]", f->convention);
	if (f->prologue)
		fs_strcatf(buf, len, " [prologue]");
	if (f->epilogue)
		fs_strcatf(buf, len, " [epilogue]");
	if (f->truncated)
		fs_strcatf(buf, len, " [only the %d words under its cfa]",
		    FS_ANATOMY_MAXSLOTS);
}

const char *
view_frames_note(const struct fs_frame_anatomy *f)
{
	if (f->nslots > 0)
		return NULL;
	if (f->frame->tailcall)
		return "(a tail call: it jumped to the frame below, its own "
		    "frame is gone)";
	if (f->frame->inlined)
		return "(an inlined call: its words are in the frame it is "
		    "inlined into, above)";
	return "(no slots: the frame's cfa is unknown)";
}

void
view_frames_print(FILE *out, const struct fs_frame_anatomy *fa, size_t n,
    uint64_t rsp, uint64_t rbp, const struct view_frames_opts *o)
{
	const struct glyphs *g = o->ascii ? &ascii : &unicode;
	const struct fs_arch *a = arch_or_default(n > 0 ? fa[0].arch : NULL);
	const int vw = (int)a->word * 2;	/* hex digits of a word */
	char off[32], val[24], mean[1024], arr[256], hdr[600], sep[16];
	const char *note;
	size_t cols[3] = { 3, (size_t)vw + 1, 7 }, i, j, k, shown;
	size_t addrw = 2 + (size_t)vw;

	snprintf(sep, sizeof sep, " %s ", g->arrow);
	shown = o->max != 0 && o->max < n ? o->max : n;
	/* Column widths over every frame, so the boxes line up.  */
	for (i = 0; i < shown; i++)
		for (j = 0; j < fa[i].nslots; j++) {
			const struct fs_slot *sl = &fa[i].slots[j];

			view_frames_offset(a, sl, off, sizeof off);
			if (width(off) > cols[0])
				cols[0] = width(off);
			view_frames_meaning(sl, g->to, mean, sizeof mean);
			if (width(mean) > cols[2])
				cols[2] = width(mean);
		}
	if (cols[2] > 100)
		cols[2] = 100;
	for (k = shown; k-- > 0;) {
		const struct fs_frame_anatomy *f = &fa[i = o->inner_first ?
		    shown - 1 - k : k];

		view_frames_title(f, hdr, sizeof hdr);
		fprintf(out, "%*s%s\n", (int)addrw + 1, "", hdr);
		if ((note = view_frames_note(f)) != NULL) {
			fprintf(out, "%*s%s\n", (int)addrw + 1, "", note);
			continue;
		}
		fprintf(out, "%*s", (int)addrw + 1, "");
		rule(out, g, g->tl, g->tee_d, g->tr, cols, 3);
		fputc('\n', out);
		for (j = f->nslots; j-- > 0;) {
			const struct fs_slot *sl = &f->slots[j];

			if (j + 1 < f->nslots && sl->addr + f->word == f->sp &&
			    f->redzone) {
				/* The red zone is under rsp, outside the
				   frame proper.  */
				fprintf(out, "%*s", (int)addrw + 1, "");
				rule(out, g, g->tee_r, g->cross, g->tee_l, cols, 3);
				fputc('\n', out);
			}
			view_frames_offset(a, sl, off, sizeof off);
			if (sl->readable)
				snprintf(val, sizeof val, "%0*" PRIx64, vw,
				    sl->value);
			else
				snprintf(val, sizeof val, "%-*s", vw, "??");
			view_frames_meaning(sl, g->to, mean, sizeof mean);
			view_frames_arrows(fa, n, sl->addr, rsp, rbp, sep, arr,
			    sizeof arr);
			fprintf(out, "0x%0*" PRIx64 " %s ", vw, sl->addr, g->v);
			pad(out, off, cols[0]);
			fprintf(out, " %s ", g->v);
			fputs(val, out);
			/* Overwritten (a control slot), or changed since
			   the previous stop.  */
			fprintf(out, "%s %s ", sl->overwritten ? "!" :
			    sl->changed == FS_CHANGE_YES ? "*" : " ", g->v);
			pad(out, mean, cols[2]);
			fprintf(out, " %s%s\n", g->v, arr);
		}
		fprintf(out, "%*s", (int)addrw + 1, "");
		rule(out, g, g->bl, g->tee_u, g->br, cols, 3);
		fputc('\n', out);
	}
}
