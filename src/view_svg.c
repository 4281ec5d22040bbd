/* SPDX-License-Identifier: GPL-3.0-or-later */
/* view_svg: the stack drawn as an SVG picture (see include/view_svg.h). */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "fs_sbuf.h"
#include "view_frames.h"
#include "view_svg.h"

/* The geometry, in pixels.  Widths of text are counted in columns of the
   monospace font: DejaVu Sans Mono, Liberation Mono, Menlo and Consolas
   all advance 0.6 em or a little less, so a column of 0.61 em holds any
   of them.  */
#define FONT		13
#define COLW		(FONT * 0.61)
#define ROWH		22
#define HEADH		26
#define SEPH		18
#define PADX		8
#define MARGIN		16
#define LANEW		11
#define MAXLANES	24
#define ARROWLEN	46
/* Columns of meaning shown; a longer one is cut, and whole in a tooltip. */
#define MEANMAX		110

#define FONTS	"'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, " \
		"'Courier New', monospace"

/* ------------------------------------------------------------------ text */

/* The code point of the UTF-8 character at S[*I], moving *I past it; -1
   for a byte that starts no valid character (it alone is passed).  */
static long
utf8_next(const unsigned char *s, size_t *i)
{
	unsigned char c = s[*i];
	long cp, min;
	size_t k, n;

	if (c < 0x80) {
		(*i)++;
		return c;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 1;
		cp = c & 0x1f;
		min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 2;
		cp = c & 0x0f;
		min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		(*i)++;
		return -1;
	}
	for (k = 1; k <= n; k++) {
		if ((s[*i + k] & 0xc0) != 0x80) {
			(*i)++;
			return -1;
		}
		cp = cp << 6 | (s[*i + k] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		(*i)++;
		return -1;
	}
	*i += n + 1;
	return cp;
}

/* Whether CP takes two columns (East Asian wide and full-width forms,
   emoji).  */
static bool
wide(long cp)
{
	return (cp >= 0x1100 && cp <= 0x115f) ||
	    (cp >= 0x2e80 && cp <= 0xa4cf && cp != 0x303f) ||
	    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) ||
	    (cp >= 0xfe30 && cp <= 0xfe4f) || (cp >= 0xff00 && cp <= 0xff60) ||
	    (cp >= 0xffe0 && cp <= 0xffe6) ||
	    (cp >= 0x1f300 && cp <= 0x1faff) ||
	    (cp >= 0x20000 && cp <= 0x3fffd);
}

/* Append S to B as XML text (ATTR: as an attribute value in double
   quotes), at most MAX columns (0: no limit; a cut text ends with an
   ellipsis): markup escaped, what XML cannot hold (bytes that are no
   UTF-8, control characters, U+FFFE and U+FFFF) replaced by U+FFFD, tabs
   and line breaks by spaces.  Returns the columns written; *CUT, when
   not NULL, tells whether the text was cut.  */
static size_t
xml_text(struct fs_sbuf *b, const char *s, bool attr, size_t max, bool *cut)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, start, cols = 0, w;
	long cp;

	if (cut != NULL)
		*cut = false;
	while (u[i] != '\0') {
		start = i;
		cp = utf8_next(u, &i);
		w = wide(cp) ? 2 : 1;
		if (max != 0 && cols + w > max - 1 && u[i] != '\0') {
			/* Room for the ellipsis only when more follows.  */
			fs_sbuf_puts(b, "\xe2\x80\xa6");
			cols++;
			if (cut != NULL)
				*cut = true;
			break;
		}
		cols += w;
		if (cp == '\t' || cp == '\n' || cp == '\r')
			fs_sbuf_puts(b, " ");
		else if (cp < 0 || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) ||
		    cp == 0xfffe || cp == 0xffff)
			fs_sbuf_puts(b, "\xef\xbf\xbd");
		else if (cp == '&')
			fs_sbuf_puts(b, "&amp;");
		else if (cp == '<')
			fs_sbuf_puts(b, "&lt;");
		else if (cp == '>')
			fs_sbuf_puts(b, "&gt;");
		else if (cp == '"' && attr)
			fs_sbuf_puts(b, "&quot;");
		else
			fs_sbuf_add(b, s + start, i - start);
	}
	return cols;
}

/* The columns S takes once made valid.  */
static size_t
text_cols(const char *s)
{
	struct fs_sbuf b = { 0 };
	size_t n = xml_text(&b, s, false, 0, NULL);

	free(b.s);
	return n;
}

static double
cols_px(size_t cols)
{
	return (double)cols * COLW;
}

/* <text> at X, Y with ATTRS (already XML) holding S, cut at MAX columns. */
static void
text_el(struct fs_sbuf *b, double x, double y, const char *attrs,
    const char *s, size_t max)
{
	fs_sbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\"%s%s>", x, y,
	    *attrs ? " " : "", attrs);
	xml_text(b, s, false, max, NULL);
	fs_sbuf_puts(b, "</text>\n");
}

/* ---------------------------------------------------------------- layout */

/* Fill and legend of each kind of word.  The fills are light enough to
   print as pale greys under black text; the text names the kind.  */
static const struct kindstyle {
	const char	*fill;
	const char	*legend;
} kinds[] = {
	[FS_SLOT_UNKNOWN] = { "#ffffff", NULL },
	[FS_SLOT_RETADDR] = { "#f8d7d3", "return address" },
	[FS_SLOT_SAVED_RBP] = { "#d9e4f2", "saved register" },
	[FS_SLOT_SAVED_REG] = { "#d9e4f2", "saved register" },
	[FS_SLOT_PARAM] = { "#dcefd8", "parameter" },
	[FS_SLOT_LOCAL] = { "#fbf1c9", "local" },
	[FS_SLOT_OUTARG] = { "#e6ddf3", "outgoing argument" },
	[FS_SLOT_PADDING] = { "#eeeeee", "padding" },
	[FS_SLOT_CANARY] = { "#fbd9b5", "canary" },
	[FS_SLOT_REDZONE] = { "url(#redzone)", "red zone" },
};

const char *
view_svg_fill(enum fs_slot_kind k)
{
	return (size_t)k < sizeof kinds / sizeof kinds[0] ? kinds[k].fill :
	    "#ffffff";
}

const char *
view_svg_legend(enum fs_slot_kind k)
{
	return (size_t)k < sizeof kinds / sizeof kinds[0] ? kinds[k].legend :
	    NULL;
}

/* Where each word is drawn.  */
struct rowpos {
	double		 y;		/* top of its row */
};

/* An arrow from a word to the word it points at, in a lane.  */
struct pointer {
	double		 from, to;	/* middles of the rows */
	double		 lo, hi;
	unsigned	 lane;
};

static int
cmp_span(const void *a, const void *b)
{
	const struct pointer *p = a, *q = b;
	double x = p->hi - p->lo, y = q->hi - q->lo;

	return x < y ? -1 : x > y;
}

/* Give each pointer the innermost lane where it crosses no other, the
   shortest first; those beyond MAXLANES are not drawn (lane MAXLANES).
   Returns the number of lanes used.  */
static unsigned
assign_lanes(struct pointer *p, size_t np)
{
	unsigned used = 0, lane;
	size_t i, j;
	bool clash;

	qsort(p, np, sizeof *p, cmp_span);
	for (i = 0; i < np; i++) {
		for (lane = 0; lane < MAXLANES; lane++) {
			clash = false;
			for (j = 0; j < i && !clash; j++)
				clash = p[j].lane == lane &&
				    p[j].lo <= p[i].hi + 4 &&
				    p[i].lo <= p[j].hi + 4;
			if (!clash)
				break;
		}
		p[i].lane = lane;
		if (lane < MAXLANES && lane + 1 > used)
			used = lane + 1;
	}
	return used;
}

/* Whether SL's value is worth an arrow when it points into the stack:
   not a return address (code), nor the red zone's leftovers.  */
static bool
may_point(const struct fs_slot *sl)
{
	return sl->readable && sl->kind != FS_SLOT_RETADDR &&
	    sl->kind != FS_SLOT_REDZONE;
}

static void
defs(struct fs_sbuf *b)
{
	fs_sbuf_puts(b, "<defs>\n"
	    "<pattern id=\"redzone\" width=\"7\" height=\"7\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"7\" height=\"7\" fill=\"#ffffff\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"#b03a2e\" "
	    "stroke-width=\"1.4\" stroke-opacity=\"0.6\"/></pattern>\n"
	    "<marker id=\"head\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" "
	    "markerWidth=\"7\" markerHeight=\"7\" markerUnits=\"userSpaceOnUse\" "
	    "orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#000000\"/>"
	    "</marker>\n"
	    "</defs>\n");
}

/* Where the next item of the legend, W wide, goes: at *X on the line at
   *Y, or at the start of the next line when it does not fit in WIDTH.
   *X is moved past it.  */
static double
legend_place(double *x, double *y, double w, double width)
{
	double at;

	if (*x + w > width - MARGIN && *x > MARGIN) {
		*x = MARGIN;
		*y += 20;
	}
	at = *x;
	*x += w;
	return at;
}

/* The legend: a swatch for each kind drawn, the changed words' star and
   the pointers' arrow; from Y, wrapped at WIDTH.  Returns its bottom.  */
static double
legend(struct fs_sbuf *b, const bool *present, bool changed, bool pointers,
    double y, double width)
{
	static const char changed_text[] = "* changed since the previous stop";
	static const char pointer_text[] = "points into the stack";
	const char *done[16];
	size_t ndone = 0, i, k;
	double x = MARGIN, at;
	bool seen;

	fs_sbuf_puts(b, "<g class=\"legend\" font-size=\"11\">\n");
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		const char *name = kinds[i].legend;

		if (!present[i] || name == NULL)
			continue;
		for (k = 0, seen = false; k < ndone; k++)
			seen |= strcmp(done[k], name) == 0;
		if (seen)
			continue;
		done[ndone++] = name;
		at = legend_place(&x, &y, 36 + cols_px(strlen(name)) * 11 /
		    FONT, width);
		fs_sbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
		    "height=\"12\" fill=\"%s\" stroke=\"#555555\" "
		    "stroke-width=\"0.8\"/>\n", at, y, kinds[i].fill);
		text_el(b, at + 20, y + 10, "", name, 0);
	}
	if (changed) {
		at = legend_place(&x, &y, 36 + cols_px(strlen(changed_text)) *
		    11 / FONT, width);
		fs_sbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" "
		    "height=\"12\" fill=\"#ffd54a\" stroke=\"#000000\" "
		    "stroke-width=\"1.4\"/>\n", at, y);
		text_el(b, at + 20, y + 10, "font-weight=\"bold\"",
		    changed_text, 0);
	}
	if (pointers) {
		at = legend_place(&x, &y, 52 + cols_px(strlen(pointer_text)) *
		    11 / FONT, width);
		fs_sbuf_printf(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" "
		    "fill=\"#000000\"/><path d=\"M%.1f,%.1f H%.1f\" "
		    "stroke=\"#000000\" stroke-width=\"1.2\" fill=\"none\" "
		    "marker-end=\"url(#head)\"/>\n", at + 2, y + 6, at + 2,
		    y + 6, at + 28);
		text_el(b, at + 36, y + 10, "", pointer_text, 0);
	}
	fs_sbuf_puts(b, "</g>\n");
	return y + 20;
}

/* Where the columns of the boxes are.  */
struct layout {
	double		 box_x, box_w;
	double		 addr_x, off_x, val_x, mean_x;
	size_t		 offw, meanw;
};

static void
draw_slot(struct fs_sbuf *b, const struct layout *L,
    const struct fs_slot *sl, double y, const char *arrows)
{
	char off[32], val[24], mean[1024];
	bool changed = sl->changed == FS_CHANGE_YES, cut;
	double ty = y + ROWH / 2.0 + FONT * 0.35;
	struct fs_sbuf tmp = { 0 };

	view_frames_offset(sl, off, sizeof off);
	view_frames_meaning(sl, "\xe2\x86\x92", mean, sizeof mean);
	if (sl->readable)
		snprintf(val, sizeof val, "%016" PRIx64, sl->value);
	else
		snprintf(val, sizeof val, "??");
	fs_sbuf_printf(b, "<g class=\"slot %s%s\" id=\"w%" PRIx64 "\">",
	    fs_slot_kind_name(sl->kind), changed ? " changed" : "", sl->addr);
	xml_text(&tmp, mean, false, MEANMAX, &cut);
	if (cut) {
		fs_sbuf_puts(b, "<title>");
		xml_text(b, mean, false, 0, NULL);
		fs_sbuf_puts(b, "</title>");
	}
	fs_sbuf_printf(b, "\n<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
	    "height=\"%d\" fill=\"%s\"/>\n", L->box_x, y, L->box_w, ROWH,
	    view_svg_fill(sl->kind));
	if (changed)
		fs_sbuf_printf(b, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"#ffd54a\" stroke=\"#000000\" "
		    "stroke-width=\"1.4\"/>\n", L->val_x - PADX + 2, y + 2,
		    L->mean_x - L->val_x - 4, ROWH - 4.0);
	fs_sbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"addr\" "
	    "fill=\"#333333\">0x%016" PRIx64 "</text>\n", L->addr_x, ty,
	    sl->addr);
	text_el(b, L->off_x, ty, "class=\"off\"", off, 0);
	text_el(b, L->val_x, ty, changed ? "class=\"val\" font-weight=\"bold\"" :
	    "class=\"val\"", val, 0);
	if (changed)
		text_el(b, L->val_x + cols_px(16) + 3, ty,
		    "class=\"mark\" font-weight=\"bold\"", "*", 0);
	/* Chromium keeps the spaces of a text only when the text itself
	   says so ("mov    %rdi").  */
	fs_sbuf_printf(b, "<text x=\"%.1f\" y=\"%.1f\" class=\"mean\" "
	    "xml:space=\"preserve\">", L->mean_x, ty);
	fs_sbuf_add(b, tmp.s != NULL ? tmp.s : "", tmp.len);
	fs_sbuf_puts(b, "</text>\n");
	if (*arrows)
		text_el(b, L->box_x + L->box_w + ARROWLEN + 8, ty,
		    "class=\"arrows\" font-weight=\"bold\"", arrows, 0);
	fs_sbuf_puts(b, "</g>\n");
	if (*arrows)
		fs_sbuf_printf(b, "<path d=\"M%.1f,%.1f H%.1f\" stroke=\"#000000\" "
		    "stroke-width=\"1.5\" fill=\"none\" "
		    "marker-end=\"url(#head)\"/>\n",
		    L->box_x + L->box_w + ARROWLEN + 3, y + ROWH / 2.0,
		    L->box_x + L->box_w + 2);
	free(tmp.s);
}

int
view_svg_write(FILE *out, const struct fs_frame_anatomy *fa, size_t n,
    uint64_t rsp, uint64_t rbp, const char *caption)
{
	struct fs_sbuf b = { 0 }, body = { 0 };
	struct rowpos **pos = NULL;
	struct pointer *ptr = NULL;
	struct layout L;
	char buf[1024], arr[256];
	bool present[sizeof kinds / sizeof kinds[0]] = { false };
	bool anychanged = false;
	size_t i, j, k, np = 0, nptr = 0, titlew = 0, arrw = 0, w;
	unsigned lanes;
	double y, top, width, height, content_w;
	int rc = 0;

	memset(&L, 0, sizeof L);
	L.offw = 3;
	L.meanw = 7;
	/* Measure.  */
	for (i = 0; i < n; i++) {
		view_frames_title(&fa[i], buf, sizeof buf);
		if ((w = text_cols(buf)) > titlew)
			titlew = w;
		if (view_frames_note(&fa[i]) != NULL &&
		    (w = text_cols(view_frames_note(&fa[i]))) > L.meanw)
			L.meanw = w;
		np += fa[i].nslots;
		for (j = 0; j < fa[i].nslots; j++) {
			const struct fs_slot *sl = &fa[i].slots[j];

			view_frames_offset(sl, buf, sizeof buf);
			if ((w = strlen(buf)) > L.offw)
				L.offw = w;
			view_frames_meaning(sl, "\xe2\x86\x92", buf,
			    sizeof buf);
			if ((w = text_cols(buf)) > L.meanw)
				L.meanw = w;
			view_frames_arrows(fa, n, sl->addr, rsp, rbp, ", ",
			    arr, sizeof arr);
			if (arr[0] != '\0' && (w = text_cols(arr + 2)) > arrw)
				arrw = w;
			if ((size_t)sl->kind < sizeof kinds / sizeof kinds[0])
				present[sl->kind] = true;
			anychanged |= sl->changed == FS_CHANGE_YES;
		}
	}
	if (L.meanw > MEANMAX)
		L.meanw = MEANMAX;

	/* Rows, top down: the outermost frame first.  */
	if ((pos = calloc(n + 1, sizeof *pos)) == NULL ||
	    (ptr = calloc(np + 1, sizeof *ptr)) == NULL)
		goto nomem;
	top = MARGIN + (caption != NULL ? 30 : 0);
	y = top;
	for (i = n; i-- > 0;) {
		const struct fs_frame_anatomy *f = &fa[i];

		if ((pos[i] = calloc(f->nslots + 1, sizeof **pos)) == NULL)
			goto nomem;
		y += HEADH;
		if (view_frames_note(f) != NULL)
			y += ROWH;
		for (j = f->nslots; j-- > 0;) {
			if (j + 1 < f->nslots && f->slots[j].addr + 8 == f->sp &&
			    f->redzone)
				y += SEPH;
			pos[i][j].y = y;
			y += ROWH;
		}
		y += 12;
	}
	height = y;
	/* The pointers into the stack drawn.  */
	for (i = 0; i < n; i++)
		for (j = 0; j < fa[i].nslots; j++) {
			const struct fs_slot *sl = &fa[i].slots[j], *to;
			size_t ti;

			if (!may_point(sl) || (to = fs_anatomy_slot_at(fa, n,
			    sl->value, &ti)) == NULL || to == sl)
				continue;
			ptr[nptr].from = pos[i][j].y + ROWH / 2.0;
			ptr[nptr].to = pos[ti][to - fa[ti].slots].y + ROWH / 2.0;
			ptr[nptr].lo = ptr[nptr].from < ptr[nptr].to ?
			    ptr[nptr].from : ptr[nptr].to;
			ptr[nptr].hi = ptr[nptr].from < ptr[nptr].to ?
			    ptr[nptr].to : ptr[nptr].from;
			nptr++;
		}
	lanes = assign_lanes(ptr, nptr);

	L.box_x = MARGIN + lanes * LANEW + (lanes > 0 ? 8 : 0);
	L.addr_x = L.box_x + PADX;
	L.off_x = L.addr_x + cols_px(18) + 2 * PADX;
	L.val_x = L.off_x + cols_px(L.offw) + 2 * PADX;
	L.mean_x = L.val_x + cols_px(17) + 2 * PADX;
	L.box_w = L.mean_x + cols_px(L.meanw) + PADX - L.box_x;
	if (cols_px(titlew) + 2 * PADX > L.box_w)
		L.box_w = cols_px(titlew) + 2 * PADX;
	content_w = L.box_x + L.box_w + (arrw > 0 ? ARROWLEN + 8 +
	    cols_px(arrw) : 0) + MARGIN;
	width = content_w;
	if (caption != NULL && MARGIN + cols_px(text_cols(caption)) * 15 /
	    FONT + MARGIN > width)
		width = MARGIN + cols_px(text_cols(caption)) * 15 / FONT +
		    MARGIN;

	/* Draw.  */
	y = top;
	for (i = n; i-- > 0;) {
		const struct fs_frame_anatomy *f = &fa[i];
		const char *note = view_frames_note(f);
		double box_top = y, rows_top;

		view_frames_title(f, buf, sizeof buf);
		fs_sbuf_printf(&body, "<g class=\"frame\" id=\"frame%u\">\n",
		    f->index);
		fs_sbuf_printf(&body, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%d\" fill=\"#d6d6d6\"/>\n", L.box_x, y, L.box_w,
		    HEADH);
		text_el(&body, L.box_x + PADX, y + HEADH / 2.0 + FONT * 0.35,
		    "class=\"title\" font-weight=\"bold\"", buf, 0);
		y += HEADH;
		rows_top = y;
		if (note != NULL) {
			text_el(&body, L.addr_x, y + ROWH / 2.0 + FONT * 0.35,
			    "class=\"note\" font-style=\"italic\"", note, 0);
			y += ROWH;
		}
		for (j = f->nslots; j-- > 0;) {
			const struct fs_slot *sl = &f->slots[j];

			if (j + 1 < f->nslots && sl->addr + 8 == f->sp &&
			    f->redzone) {
				fs_sbuf_printf(&body, "<line x1=\"%.1f\" "
				    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				    "stroke=\"#000000\" stroke-width=\"1.2\" "
				    "stroke-dasharray=\"6,3\"/>\n", L.box_x,
				    y, L.box_x + L.box_w, y);
				text_el(&body, L.addr_x, y + SEPH / 2.0 + 4,
				    "class=\"sep\" font-size=\"11\" "
				    "font-style=\"italic\"", "below rsp: the "
				    "red zone, 128 bytes a leaf function may "
				    "use without moving rsp", 0);
				y += SEPH;
			}
			view_frames_arrows(fa, n, sl->addr, rsp, rbp, ", ",
			    arr, sizeof arr);
			draw_slot(&body, &L, sl, y, arr[0] ? arr + 2 : "");
			if (j > 0)
				fs_sbuf_printf(&body, "<line x1=\"%.1f\" "
				    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				    "stroke=\"#999999\" stroke-width=\"0.6\"/>"
				    "\n", L.box_x, y + ROWH, L.box_x + L.box_w,
				    y + ROWH);
			y += ROWH;
		}
		/* The columns' rules and the box.  */
		if (f->nslots > 0) {
			const double xs[3] = { L.off_x, L.val_x, L.mean_x };

			for (k = 0; k < 3; k++)
				fs_sbuf_printf(&body, "<line x1=\"%.1f\" "
				    "y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
				    "stroke=\"#777777\" stroke-width=\"0.8\"/>"
				    "\n", xs[k] - PADX, rows_top, xs[k] - PADX,
				    y);
		}
		fs_sbuf_printf(&body, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
		    "y2=\"%.1f\" stroke=\"#000000\" stroke-width=\"1\"/>\n",
		    L.box_x, rows_top, L.box_x + L.box_w, rows_top);
		fs_sbuf_printf(&body, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
		    "height=\"%.1f\" fill=\"none\" stroke=\"#000000\" "
		    "stroke-width=\"1.6\"/>\n</g>\n", L.box_x, box_top,
		    L.box_w, y - box_top);
		y += 12;
	}
	/* The pointers, in their lanes left of the boxes.  */
	if (nptr > 0)
		fs_sbuf_puts(&body, "<g class=\"pointers\">\n");
	for (i = 0; i < nptr; i++) {
		double lx = L.box_x - 8 - ptr[i].lane * LANEW;

		if (ptr[i].lane >= MAXLANES)
			continue;
		fs_sbuf_printf(&body, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\" "
		    "fill=\"#000000\"/><path class=\"pointer\" "
		    "d=\"M%.1f,%.1f H%.1f V%.1f H%.1f\" stroke=\"#000000\" "
		    "stroke-width=\"1.2\" fill=\"none\" "
		    "marker-end=\"url(#head)\"/>\n", L.box_x + 3, ptr[i].from,
		    L.box_x + 3, ptr[i].from, lx, ptr[i].to, L.box_x - 1);
	}
	if (nptr > 0)
		fs_sbuf_puts(&body, "</g>\n");
	height = legend(&body, present, anychanged, nptr > 0, height + 4,
	    width) + MARGIN;

	fs_sbuf_puts(&b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fs_sbuf_printf(&b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "version=\"1.1\" width=\"%.0f\" height=\"%.0f\" "
	    "viewBox=\"0 0 %.0f %.0f\" font-family=\"%s\" font-size=\"%d\" "
	    "xml:space=\"preserve\">\n", width, height, width, height, FONTS,
	    FONT);
	fs_sbuf_puts(&b, "<title>");
	xml_text(&b, caption != NULL ? caption : "The stack", false, 0, NULL);
	fs_sbuf_puts(&b, "</title>\n<desc>The stack as framescope drew it: "
	    "higher addresses on top, one box per frame, each 8-byte word with "
	    "its address, its offset from rbp or the cfa, its value and what "
	    "it is.</desc>\n");
	defs(&b);
	fs_sbuf_printf(&b, "<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" "
	    "fill=\"#ffffff\"/>\n", width, height);
	if (caption != NULL)
		text_el(&b, MARGIN, MARGIN + 14, "class=\"caption\" "
		    "font-size=\"15\" font-weight=\"bold\"", caption, 0);
	fs_sbuf_add(&b, body.s != NULL ? body.s : "", body.len);
	fs_sbuf_puts(&b, "</svg>\n");
	if (b.oom || body.oom)
		goto nomem;
	if (fwrite(b.s, 1, b.len, out) != b.len || fflush(out) == EOF)
		rc = -1;
	goto out;
nomem:
	errno = ENOMEM;
	rc = -1;
out:
	for (i = 0; pos != NULL && i < n; i++)
		free(pos[i]);
	free(pos);
	free(ptr);
	free(b.s);
	free(body.s);
	return rc;
}
