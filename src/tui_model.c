/* SPDX-License-Identifier: GPL-3.0-or-later */
/* tui_model: stops captured for the TUI and its history (see
   include/tui.h). */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_arch.h"
#include "fs_insn.h"
#include "fs_regs.h"
#include "fs_target.h"
#include "fs_vars.h"
#include "fs_guard.h"
#include "tui.h"

/* Frames captured with their names beyond the slot maps: the backtrace
   pane shows that many without asking the session again.  */
#define TUI_NAMED_FRAMES	32
/* Frames whose variables are read at every stop: the Locals pane of the
   frames one selects most, kept in the history too.  */
#define TUI_VAR_FRAMES		8
/* The Registers pane's float and vector view: st0-7, fctrl, fstat,
   ftag, mxcsr, k0-7 and the 32 widest vector registers at most.  */
#define TUI_MAX_XREGS		64
/* A stack of at most this many frames has all its slot maps captured
   (and names): the stack pane folds a recursion and shows the frames
   past it.  */
#define TUI_ALL_MAPS		TUI_NAMED_FRAMES

struct tui_model {
	struct fs_anatomy	*anat;
	struct fs_vars_provider	 prov;
	bool			 ascii;
	bool			 has_cur, has_prev;
	unsigned long		 cur_number;
	struct user_regs_struct	 cur_regs, prev_regs;
	/* The float and vector registers: captured when on, each one's
	   bytes at the last capture of another stop to mark changes.  */
	bool			 xregs;
	unsigned long		 x_number;
	uint8_t			 x_cur[TUI_MAX_XREGS][64];
	uint8_t			 x_prev[TUI_MAX_XREGS][64];
	bool			 x_has_prev;
};

int
tui_model_new(struct tui_model **out, struct fs_err *e)
{
	struct tui_model *m;
	int r;

	if ((m = calloc(1, sizeof *m)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	if ((r = fs_anatomy_new(&m->anat, e)) < 0) {
		free(m);
		return r;
	}
	/* The words of variables named and valued in the slot map.  */
	fs_anatomy_set_provider(m->anat, fs_vars_provide, &m->prov);
	*out = m;
	return 0;
}

void
tui_model_set_ascii(struct tui_model *m, bool ascii)
{
	m->ascii = ascii;
}

void
tui_model_set_xregs(struct tui_model *m, bool on)
{
	m->xregs = on;
}

/* The float and vector registers, in the order the pane shows them:
   the x87 stack and its control words, mxcsr, the widest vector
   registers the machine has (as many as a program of the architecture
   names: NVEC), the AVX-512 masks.  */
static size_t
xreg_names(char names[][8], size_t max, unsigned nvec)
{
	static const char *const fixed[] = { "st0", "st1", "st2", "st3",
	    "st4", "st5", "st6", "st7", "fctrl", "fstat", "ftag", "mxcsr" };
	const char *wide = fs_regs_find("zmm0") != NULL ? "zmm" :
	    fs_regs_find("ymm0") != NULL ? "ymm" : "xmm";
	size_t n = 0, i;

	for (i = 0; i < sizeof fixed / sizeof fixed[0] && n < max; i++)
		snprintf(names[n++], 8, "%s", fixed[i]);
	for (i = 0; i < 32 && i < nvec && n < max; i++) {
		snprintf(names[n], 8, "%s%zu", wide, i);
		if (fs_regs_find(names[n]) != NULL)
			n++;
	}
	for (i = 0; i < 8 && n < max; i++) {
		snprintf(names[n], 8, "k%zu", i);
		if (fs_regs_find(names[n]) != NULL)
			n++;
	}
	return n;
}

/* A vector register as its float lanes and its double lanes.  */
static char *
xreg_text(struct fs_session *s, const struct fs_reg *r, const uint8_t *b)
{
	const struct fs_type *t = r->type;
	char *f = NULL, *d = NULL, *out = NULL;
	size_t i;

	if (r->is_vector) {
		for (i = 0; i < t->nmembers; i++) {
			const struct fs_member *mb = &t->members[i];
			const struct fs_type *et = mb->type->target;

			if (et == NULL || et->encoding != FS_ATE_FLOAT)
				continue;
			if (et->size == 4 && f == NULL)
				(void)fs_vars_format_as(s, mb->type, b, NULL,
				    (size_t)mb->type->size, 0, 0, &f);
			else if (et->size == 8 && d == NULL)
				(void)fs_vars_format_as(s, mb->type, b, NULL,
				    (size_t)mb->type->size, 0, 0, &d);
		}
		if (asprintf(&out, "f%s d%s", f ? f : "?", d ? d : "?") < 0)
			out = NULL;
		free(f);
		free(d);
		return out;
	}
	(void)fs_vars_format_as(s, r->type, b, NULL, r->size,
	    r->is_float || r->type->kind == FS_TYPE_FLAGS ? 0 : 'x', 0, &out);
	return out;
}

static void
take_xregs(struct tui_model *m, struct fs_session *s, struct tui_snap *sn)
{
	char names[TUI_MAX_XREGS][8];
	const struct fs_reg *r;
	struct fs_regfile rf;
	size_t n, i;
	bool fresh;

	if (!m->xregs || fs_vars_regfile(s, 0, &rf, NULL) < 0)
		return;
	n = xreg_names(names, TUI_MAX_XREGS, fs_session_arch(s)->nvec);
	if ((sn->xregs = calloc(n, sizeof *sn->xregs)) == NULL)
		return;
	fresh = m->x_number != sn->number;
	if (fresh) {
		memcpy(m->x_prev, m->x_cur, sizeof m->x_prev);
		m->x_has_prev = m->x_number != 0;
		m->x_number = sn->number;
	}
	for (i = 0; i < n; i++) {
		struct tui_xreg *x = &sn->xregs[sn->nxregs];

		if ((r = fs_regs_find(names[i])) == NULL || r->size > 64)
			continue;
		fs_regs_read(&rf, r, m->x_cur[i]);
		memcpy(x->name, names[i], sizeof x->name);
		x->name[sizeof x->name - 1] = '\0';
		x->text = xreg_text(s, r, m->x_cur[i]);
		x->changed = m->x_has_prev && memcmp(m->x_prev[i],
		    m->x_cur[i], r->size) != 0;
		sn->nxregs++;
	}
}

struct fs_anatomy *
tui_model_anatomy(struct tui_model *m)
{
	return m->anat;
}

void
tui_model_free(struct tui_model *m)
{
	if (m == NULL)
		return;
	fs_anatomy_free(m->anat);
	fs_vars_provider_clear(&m->prov);
	free(m);
}

void
tui_snap_free(struct tui_snap *sn)
{
	size_t i, j;

	if (sn == NULL)
		return;
	for (i = 0; i < sn->nframes; i++) {
		free(sn->frames[i].func);
		free(sn->frames[i].file);
		free(sn->frames[i].path);
	}
	free(sn->frames);
	for (i = 0; i < sn->nxregs; i++)
		free(sn->xregs[i].text);
	free(sn->xregs);
	free(sn->bt_stopped);
	for (i = 0; i < sn->nruns; i++)
		free(sn->runs[i].func);
	free(sn->runs);
	for (i = 0; i < sn->nmaps; i++) {
		for (j = 0; j < sn->maps[i].nslots; j++) {
			free(sn->maps[i].slots[j].text);
			free(sn->maps[i].slots[j].ref);
			free(sn->maps[i].slots[j].explain);
		}
		free(sn->maps[i].slots);
		if (sn->vars != NULL) {
			for (j = 0; j < sn->vars[i].n; j++) {
				free(sn->vars[i].v[j].name);
				free(sn->vars[i].v[j].value);
				free(sn->vars[i].v[j].where);
			}
			free(sn->vars[i].v);
		}
	}
	free(sn->maps);
	free(sn->vars);
	free(sn);
}

const struct tui_run *
tui_snap_run(const struct tui_snap *sn, size_t f)
{
	size_t lo = 0, hi = sn->nruns;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		const struct tui_run *r = &sn->runs[mid];

		if (f < r->first)
			hi = mid;
		else if (f >= r->first + r->count)
			lo = mid + 1;
		else
			return r;
	}
	return NULL;
}

static char *
dupnull(const char *s)
{
	return s != NULL ? strdup(s) : NULL;
}

static char *
fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));

static char *
fmt(const char *f, ...)
{
	va_list ap;
	char *s;

	va_start(ap, f);
	if (vasprintf(&s, f, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

/* Append to BUF.  */
static void
cat(char *buf, size_t len, const char *f, ...)
    __attribute__((format(printf, 3, 4)));

static void
cat(char *buf, size_t len, const char *f, ...)
{
	size_t k = strlen(buf);
	va_list ap;

	if (k + 1 >= len)
		return;
	va_start(ap, f);
	vsnprintf(buf + k, len - k, f, ap);
	va_end(ap);
}

static void
func_off(const struct fs_where *w, uint64_t addr, char *buf, size_t len)
{
	if (w->func != NULL && addr >= w->func_addr)
		snprintf(buf, len, "%s+%" PRIu64, w->func, addr - w->func_addr);
	else
		snprintf(buf, len, "0x%" PRIx64, addr);
}

static const char *
fname(const struct tui_snap *sn, size_t i)
{
	if (i < sn->nframes && sn->frames[i].func != NULL)
		return sn->frames[i].func;
	if (i < sn->nframes && sn->frames[i].sigtramp)
		return "<signal handler>";
	return i < sn->depth ? "??" : "the process's start";
}

/* The call instruction that pushed return address RA: the one ending at
   it, found by trying the lengths a call can have (5 first: call rel32).
   Read through the unwinder's caches: no system call.  */
static bool
call_before(struct fs_session *s, uint64_t ra, struct fs_insn *in)
{
	static const unsigned lens[] = { 5, 6, 2, 3, 4, 7 };
	struct fs_unwinder *u = fs_session_unwinder(s);
	uint8_t code[24];
	uint64_t w;
	size_t i, k;

	if (ra < 16)
		return false;
	for (k = 0; k < 3; k++) {
		if (fs_unwind_read_word(u, ra - 16 + 8 * k, &w) < 0)
			return false;
		memcpy(code + 8 * k, &w, 8);
	}
	for (i = 0; i < sizeof lens / sizeof lens[0]; i++)
		if (fs_insn_decode_bits(code + 16 - lens[i], 8 + lens[i],
		    ra - lens[i], fs_session_arch(s)->insn_bits, false,
		    in) == 0 && in->is_call &&
		    in->len == lens[i])
			return true;
	return false;
}

static char *
slot_explain(struct fs_session *s, const struct tui_snap *sn,
    const struct fs_frame_anatomy *fa, const struct fs_slot *sl)
{
	const char *fn = fname(sn, fa->index);
	const char *caller = fname(sn, fa->index + 1);
	char buf[1024], fo[300], lab[512];
	struct fs_writer w;
	struct fs_insn in;

	buf[0] = lab[0] = '\0';
	fs_slot_labels(sl, lab, sizeof lab);
	switch (sl->kind) {
	case FS_SLOT_RETADDR:
		func_off(&sl->target, sl->value, fo, sizeof fo);
		if (call_before(s, sl->value, &in)) {
			char at[300];

			func_off(&sl->target, in.addr, at, sizeof at);
			cat(buf, sizeof buf, "pushed by %s at %s", in.gdbtext, at);
		} else
			cat(buf, sizeof buf, "pushed by the call before %s",
			    fo);
		cat(buf, sizeof buf, ": where %s returns to (%s", fn, fo);
		if (sl->target.file != NULL)
			cat(buf, sizeof buf, ", %s:%u", sl->target.file,
			    sl->target.line);
		cat(buf, sizeof buf, "); ret pops it into %s", fa->arch->pc);
		break;
	case FS_SLOT_SAVED_RBP:
		cat(buf, sizeof buf, "saved by push %%%s in %s's prologue: "
		    "%s's frame pointer, put back by pop %%%s or leave "
		    "before %s returns", fa->arch->fp, fn, caller,
		    fa->arch->fp, fn);
		break;
	case FS_SLOT_SAVED_REG:
		cat(buf, sizeof buf, "saved by %s: %s is callee-saved, so %s "
		    "keeps %s's value here and restores it before returning",
		    fn, sl->regname, fn, caller);
		break;
	case FS_SLOT_PARAM:
		cat(buf, sizeof buf, "%s: a parameter of %s, kept in its "
		    "frame", lab[0] ? lab : "a parameter", fn);
		break;
	case FS_SLOT_LOCAL:
		cat(buf, sizeof buf, "%s: a local variable of %s",
		    lab[0] ? lab : "a local", fn);
		break;
	case FS_SLOT_OUTARG:
		cat(buf, sizeof buf, "%s: a stack argument %s pushed for the "
		    "function it calls (%s)", lab[0] ? lab : "an argument", fn,
		    fa->arch->narg_regs > 0 ? "arguments after the sixth go "
		    "on the stack" : "cdecl passes every argument on the "
		    "stack");
		break;
	case FS_SLOT_PADDING:
		cat(buf, sizeof buf, "padding: unused, so that %s stays "
		    "16-byte aligned at every call, as the ABI asks",
		    fa->arch->sp);
		break;
	case FS_SLOT_CANARY:
		cat(buf, sizeof buf, "stack protector canary: %s checks it "
		    "before returning; an overflow that changes it aborts "
		    "the program", fn);
		break;
	case FS_SLOT_REDZONE:
		cat(buf, sizeof buf, "red zone: a leaf function may use "
		    "these 128 bytes below rsp without moving it");
		break;
	default:
		cat(buf, sizeof buf, "nothing the debug information names: "
		    "a temporary of %s, or not written yet", fn);
		break;
	}
	if (sl->kind != FS_SLOT_REDZONE && fa->redzone && sl->addr < fa->sp)
		cat(buf, sizeof buf, "; in the red zone: a leaf function may "
		    "use these 128 bytes below rsp without moving it");
	if (sl->overwritten)
		cat(buf, sizeof buf, "; OVERWRITTEN: the frame stored "
		    "0x%" PRIx64 " here", sl->was);
	if (sl->note[0] != '\0')
		cat(buf, sizeof buf, "; %s", sl->note);
	/* Who wrote it last: the recording, or a single step seen.  */
	if (fs_guard_last_writer(fs_session_guard(s), s, sl->addr, &w) == 1) {
		fs_writer_text(&w, fo, sizeof fo);
		cat(buf, sizeof buf, "; last written by %s at %s %lu", fo,
		    w.recorded ? "step" : "stop", w.stop);
	} else
		cat(buf, sizeof buf, "; last written: unknown (written while "
		    "running)");
	return strdup(buf);
}

/* What a value pointing into one of the maps points at.  */
static char *
stack_ref(const struct fs_frame_anatomy *fa, size_t n, uint64_t v,
    const char *to)
{
	const struct fs_slot *sl;
	int64_t o, in;
	size_t i;
	char off[32];

	if ((sl = fs_anatomy_slot_at(fa, n, v, &i)) == NULL)
		return NULL;
	o = sl->has_rbp_off ? sl->rbp_off : sl->cfa_off;
	in = (int64_t)(v - sl->addr);
	if (o + in == 0)
		off[0] = '\0';
	else
		snprintf(off, sizeof off, "%+" PRId64, o + in);
	return fmt("%s #%u %s%s%s%s", to, fa[i].index,
	    sl->has_rbp_off ? fa[i].arch->fp : "cfa", off, sl->nlabels ? " " : "",
	    sl->nlabels ? sl->labels[0] : "");
}

static int
take_maps(struct tui_model *m, struct fs_session *s, struct tui_snap *sn,
    size_t nmaps, const char *to, struct fs_err *e)
{
	const struct fs_frame_anatomy *fa;
	char buf[1024];
	size_t n, i, j;
	int r;

	/* Its values are made at every stop: a `set print' at the prompt
	   goes to the interpreter, which cannot tell this provider that
	   the kept ones print otherwise now.  */
	fs_vars_provider_forget(&m->prov);
	if ((r = fs_anatomy_compute(m->anat, s, nmaps, &fa, &n, e)) < 0)
		return r;
	if (n == 0)
		return 0;
	if ((sn->maps = calloc(n, sizeof *sn->maps)) == NULL ||
	    (sn->vars = calloc(n, sizeof *sn->vars)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	sn->nmaps = n;
	for (i = 0; i < n; i++) {
		struct tui_fmap *tm = &sn->maps[i];

		tm->index = fa[i].index;
		tm->sp = fa[i].sp;
		tm->cfa = fa[i].cfa;
		tm->rbp = fa[i].rbp;
		tm->uses_fp = fa[i].uses_fp;
		tm->prologue = fa[i].prologue;
		tm->epilogue = fa[i].epilogue;
		tm->redzone = fa[i].redzone;
		tm->truncated = fa[i].truncated;
		snprintf(tm->convention, sizeof tm->convention, "%s",
		    fa[i].convention);
		if (fa[i].nslots == 0)
			continue;
		if ((tm->slots = calloc(fa[i].nslots, sizeof *tm->slots)) ==
		    NULL)
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		tm->nslots = fa[i].nslots;
		for (j = 0; j < fa[i].nslots; j++) {
			const struct fs_slot *sl = &fa[i].slots[j];
			struct tui_slot *ts = &tm->slots[j];

			ts->addr = sl->addr;
			ts->value = sl->value;
			ts->readable = sl->readable;
			ts->changed = sl->changed == FS_CHANGE_YES;
			ts->overwritten = sl->overwritten;
			ts->off = sl->has_rbp_off ? sl->rbp_off : sl->cfa_off;
			ts->base = sl->has_rbp_off ? fa[i].arch->fp : "cfa";
			ts->kind = sl->kind;
			fs_slot_text(sl, to, false, buf, sizeof buf);
			ts->text = strdup(buf);
			if (sl->readable && sl->kind != FS_SLOT_RETADDR &&
			    sl->kind != FS_SLOT_REDZONE)
				ts->ref = stack_ref(fa, n, sl->value, to);
			ts->explain = slot_explain(s, sn, &fa[i], sl);
		}
	}
	return 0;
}

static int
var_copy(struct tui_var *tv, const struct fs_varval *v, bool arg)
{
	tv->name = strdup(v->var != NULL && v->var->name != NULL ?
	    v->var->name : "?");
	tv->value = dupnull(v->value);
	tv->where = strdup(v->where);
	tv->arg = arg;
	return tv->name != NULL && tv->where != NULL ? 0 : -1;
}

/* The arguments and locals of the first frames, as gdb prints them.  */
static void
take_vars(struct fs_session *s, struct tui_snap *sn)
{
	struct fs_frame_vars *fv;
	struct fs_err e;
	size_t i, k, n;

	for (i = 0; i < sn->nmaps && i < TUI_VAR_FRAMES; i++) {
		struct tui_fvars *tv = &sn->vars[i];

		if (fs_vars_frame(s, (unsigned)i, &fv, &e) < 0)
			continue;
		if (fv->func == NULL) {
			fs_vars_free(fv);
			continue;
		}
		tv->known = true;
		n = fv->nargs + fv->nlocals;
		if (n > 0 && (tv->v = calloc(n, sizeof *tv->v)) != NULL) {
			for (k = 0; k < fv->nargs; k++)
				if (var_copy(&tv->v[tv->n++], &fv->args[k],
				    true) < 0)
					break;
			for (k = 0; k < fv->nlocals; k++)
				if (var_copy(&tv->v[tv->n++], &fv->locals[k],
				    false) < 0)
					break;
		}
		fs_vars_free(fv);
	}
}

/* Name every frame by its function symbol only (no line table): cheap
   enough for ten thousand frames, and all the fold needs.  */
static const char *
sym_name(struct fs_modules *mods, const struct fs_frame *f)
{
	struct fs_module *mod;
	const struct fs_sym *sym;
	uint64_t pc = f->index > 0 && !f->sigtramp ? f->pc - 1 : f->pc;

	if (f->has_where)
		return f->where.func;
	if ((mod = fs_modules_at(mods, pc)) == NULL)
		return NULL;
	sym = fs_module_sym_at(mod, pc - mod->bias);
	return sym != NULL ? sym->name : NULL;
}

static int
take_runs(struct fs_session *s, struct tui_snap *sn,
    const struct fs_frame *f, size_t n, struct fs_err *e)
{
	struct fs_modules *mods = fs_session_modules(s);
	const char *prev = NULL, *name;
	struct tui_run *r;
	size_t i, cap = 0;

	for (i = 0; i < n; i++) {
		if (i > 0 && f[i].pc == f[i - 1].pc && !f[i].has_where)
			name = prev;
		else
			name = sym_name(mods, &f[i]);
		if (sn->nruns > 0 && name != NULL && prev != NULL &&
		    (name == prev || strcmp(name, prev) == 0)) {
			r = &sn->runs[sn->nruns - 1];
			if (++r->count == TUI_FOLD_KEEP + 1)
				r->fold_lo = f[i].sp;
			r->fold_hi = f[i].cfa;
			prev = name;
			continue;
		}
		if (sn->nruns == cap) {
			cap = cap ? 2 * cap : 16;
			if ((r = realloc(sn->runs, cap * sizeof *r)) == NULL)
				return fs_err_set(e, FS_E_NOMEM,
				    "out of memory");
			sn->runs = r;
		}
		r = &sn->runs[sn->nruns++];
		memset(r, 0, sizeof *r);
		r->first = i;
		r->count = 1;
		r->func = dupnull(name);
		prev = name;
	}
	return 0;
}

int
tui_snap_take(struct tui_model *m, struct fs_session *s, size_t nmaps,
    struct tui_snap **out, struct fs_err *e)
{
	const struct user_regs_struct *regs;
	const struct fs_regdesc *rd;
	const struct fs_frame *f;
	struct tui_snap *sn;
	size_t n, i, nrd, named;
	int r;

	if ((sn = calloc(1, sizeof *sn)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	sn->stop = *fs_session_stop(s);
	sn->number = sn->stop.number;
	sn->alive = fs_session_alive(s);
	sn->attached = fs_session_attached(s);
	sn->pid = fs_session_pid(s);
	sn->arch = fs_session_arch(s);
	if (!sn->alive || sn->stop.reason == FS_STOP_EXITED) {
		sn->alive = false;
		*out = sn;
		return 0;
	}
	if (nmaps == 0)
		nmaps = 1;
	named = nmaps > TUI_NAMED_FRAMES ? nmaps : TUI_NAMED_FRAMES;
	if ((r = fs_session_regs(s, &regs, e)) < 0 ||
	    (r = fs_session_frames_head(s, named, &f, &n, e)) < 0)
		goto fail;
	sn->has_regs = true;
	sn->regs = *regs;
	sn->has_ran = sn->stop.single_step;
	sn->ran_pc = sn->stop.prev_pc;
	if (!m->has_cur || m->cur_number != sn->number) {
		m->prev_regs = m->cur_regs;
		m->has_prev = m->has_cur;
		m->cur_regs = *regs;
		m->cur_number = sn->number;
		m->has_cur = true;
	}
	if (m->has_prev) {
		rd = sn->arch->regs;
		nrd = sn->arch->nregs;
		for (i = 0; i < nrd && i < 64; i++)
			if (memcmp((const char *)&m->prev_regs + rd[i].off,
			    (const char *)regs + rd[i].off, 8) != 0)
				sn->regs_changed |= UINT64_C(1) << i;
	}
	sn->depth = n;
	if (n <= TUI_ALL_MAPS && nmaps < n)
		nmaps = n;
	{
		char why[128];
		const char *w = fs_session_frames_end(s, why, sizeof why);

		sn->bt_stopped = w != NULL ? strdup(w) : NULL;
	}
	sn->nframes = n < named ? n : named;
	if (sn->nframes > 0 &&
	    (sn->frames = calloc(sn->nframes, sizeof *sn->frames)) == NULL) {
		r = fs_err_set(e, FS_E_NOMEM, "out of memory");
		goto fail;
	}
	for (i = 0; i < sn->nframes; i++) {
		struct tui_frame *tf = &sn->frames[i];

		tf->index = f[i].index;
		tf->pc = f[i].pc;
		tf->cfa = f[i].cfa;
		tf->sp = f[i].sp;
		tf->fp = f[i].fp;
		tf->sigtramp = f[i].sigtramp;
		tf->tailcall = f[i].tailcall;
		tf->inlined = f[i].inlined;
		tf->func_addr = f[i].where.func_addr;
		tf->func = dupnull(f[i].where.func);
		tf->file = dupnull(f[i].where.file);
		tf->path = dupnull(f[i].where.fullpath);
		tf->line = f[i].where.line;
	}
	if ((r = take_runs(s, sn, f, n, e)) < 0 ||
	    (r = take_maps(m, s, sn, nmaps, m->ascii ? "->" : "\xe2\x86\x92",
	    e)) < 0)
		goto fail;
	take_vars(s, sn);
	take_xregs(m, s, sn);
	*out = sn;
	return 0;
fail:
	tui_snap_free(sn);
	return r;
}
