/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_anatomy: the slot map of a stop (see include/fs_anatomy.h).
 *
 * The rules, in the order they are applied to each word of a frame:
 *  - A word where CFI (fs_unwind_regs) says a register was saved is the
 *    return address (rip), the saved rbp, or a saved register.
 *  - A word overlapped by objects the provider gives is a parameter or a
 *    local of the frame; a parameter of frame N that lies at or above its
 *    cfa is in frame N+1, its caller, as an outgoing stack argument.
 *  - A word nothing covers that holds the thread's stack guard is the
 *    canary.
 *  - Below rsp (frame 0 only): the red zone.
 *  - A word covered by nothing, in a frame the provider described, with
 *    something known both below and above it in the frame, is padding
 *    (alignment, or space the compiler keeps); anything else is unknown.
 *    Without a provider no word is called padding: unknown words there
 *    may well be variables.
 * The red zone of frame 0 is drawn when its function uses it: when the
 * provider places an object of it below rsp, or when its code addresses
 * memory below rsp: a negative offset from rsp, or an offset from rbp
 * (when rbp is its frame pointer) that falls below rsp now.
 */
#include <stdio.h>
#include <stdlib.h>
#include <inttypes.h>
#include <string.h>

#include "fs_anatomy.h"
#include "fs_dinfo.h"
#include "fs_fcode.h"
#include "fs_value.h"
#include "fs_sbuf.h"
#include "fs_insn.h"

#define MAXCODE		4096	/* bytes of a function scanned */
#define NGHOSTS		4096	/* words of variables remembered */

struct oldword {
	uint64_t	addr, value;
};

/* A word that held a variable of a frame at the last map that showed
   it: what the word is when that frame is gone.  */
struct ghost {
	uint64_t	 addr, value;
	uint64_t	 cfa, func;	/* the frame's */
	unsigned long	 stop;		/* the stop of that map */
	pid_t		 tid;
	char		 label[160];	/* "arg1 of callee" */
};

struct fs_anatomy {
	fs_anat_provider	*prov;
	void			*provarg;
	struct fs_frame_anatomy	*fa;
	size_t			 nfa;
	/* The map computed before, while this one is made: what keeps its
	   frames' idents.  */
	struct fs_frame_anatomy	*pfa;
	size_t			 npfa;
	/* What each frame's map was made of, written out in full (see
	   frame_keys; empty: a frame never taken whole), this map's and the
	   one's before; and which frames of this map were taken.  */
	struct fs_sbuf		*keys, *pkeys;
	size_t			 nkeys, npkeys;
	bool			*taken;
	/* A taken frame's number in the map before, and what changes from
	   stop to stop of its slots there (slot_state), to tell whether
	   it shows the same again.  */
	unsigned long		*tident;
	uint8_t			**tstate;
	size_t			 ntaken;
	bool			 whole;		/* not incremental */
	/* The words of the last map (CUR) and of the last one of an
	   earlier stop (OLD), by address, to tell what changed.  */
	struct words {
		struct oldword	*w;
		size_t		 n;
		unsigned long	 stop;
		pid_t		 tid;
		bool		 valid;
	}			 cur, old;
	struct ghost		*ghosts;	/* by address, hashed */
};

/* A register save CFI knows of.  */
struct save {
	uint64_t	addr;
	unsigned	reg;
};

int
fs_anatomy_new(struct fs_anatomy **out, struct fs_err *e)
{
	if ((*out = calloc(1, sizeof **out)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	return 0;
}

static void
frames_free(struct fs_frame_anatomy *fa, size_t n)
{
	size_t i, j, k;

	for (i = 0; i < n; i++) {
		for (j = 0; j < fa[i].nslots; j++) {
			for (k = 0; k < fa[i].slots[j].nlabels; k++) {
				free(fa[i].slots[j].labels[k]);
				free(fa[i].slots[j].values[k]);
			}
			free(fa[i].slots[j].labels);
			free(fa[i].slots[j].values);
			free((char *)fa[i].slots[j].points_to);
		}
		free(fa[i].slots);
	}
	free(fa);
}

static void
taken_free(struct fs_anatomy *a)
{
	size_t i;

	for (i = 0; a->tstate != NULL && i < a->ntaken; i++)
		free(a->tstate[i]);
	free(a->tstate);
	free(a->tident);
	free(a->taken);
	a->tstate = NULL;
	a->tident = NULL;
	a->taken = NULL;
	a->ntaken = 0;
}

static void
keys_free(struct fs_sbuf *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(k[i].s);
	free(k);
}

static void
frames_clear(struct fs_anatomy *a)
{
	frames_free(a->fa, a->nfa);
	a->fa = NULL;
	a->nfa = 0;
	frames_free(a->pfa, a->npfa);
	a->pfa = NULL;
	a->npfa = 0;
	keys_free(a->keys, a->nkeys);
	keys_free(a->pkeys, a->npkeys);
	a->keys = a->pkeys = NULL;
	a->nkeys = a->npkeys = 0;
	taken_free(a);
}

void
fs_anatomy_free(struct fs_anatomy *a)
{
	if (a == NULL)
		return;
	frames_clear(a);
	free(a->cur.w);
	free(a->old.w);
	free(a->ghosts);
	free(a);
}

void
fs_anatomy_forget(struct fs_anatomy *a)
{
	frames_clear(a);
	free(a->ghosts);
	a->ghosts = NULL;
	a->cur.valid = a->old.valid = false;
}

void
fs_anatomy_set_incremental(struct fs_anatomy *a, bool on)
{
	a->whole = !on;
}

void
fs_anatomy_set_provider(struct fs_anatomy *a, fs_anat_provider *prov,
    void *arg)
{
	a->prov = prov;
	a->provarg = arg;
}

const char *
fs_slot_kind_name(enum fs_slot_kind k)
{
	switch (k) {
	case FS_SLOT_RETADDR: return "return-address";
	case FS_SLOT_SAVED_RBP: return "saved-fp";
	case FS_SLOT_SAVED_REG: return "saved-register";
	case FS_SLOT_PARAM: return "param";
	case FS_SLOT_LOCAL: return "local";
	case FS_SLOT_OUTARG: return "outgoing-arg";
	case FS_SLOT_PADDING: return "padding";
	case FS_SLOT_CANARY: return "canary";
	case FS_SLOT_REDZONE: return "red-zone";
	case FS_SLOT_TEMP: return "temporary";
	default: return "unknown";
	}
}

/* --- Code: prologue, epilogue, red zone --- */

/* Instructions decoded before, by address: a stop decodes the same
   prologues, epilogues and functions as the one before.  An entry is
   taken only when the bytes read now are those it was decoded from.  */
#define NDECODED	128
static struct decoded {
	uint64_t	addr;
	unsigned	bits;
	size_t		got;		/* 0: empty */
	uint8_t		code[16];
	int		rc;
	struct fs_insn	in;
} decoded[NDECODED];

/* The instruction at ADDR decoded, or NULL: borrowed until the next
   decode.  */
static const struct fs_insn *
decoded_at(struct fs_session *s, uint64_t addr)
{
	unsigned bits = fs_session_arch(s)->insn_bits;
	struct decoded *d = &decoded[(addr ^ addr >> 7) % NDECODED];
	uint8_t code[16];
	ssize_t got;

	got = fs_session_read(s, addr, code, sizeof code, NULL);
	if (got <= 0)
		return NULL;
	if (d->got != (size_t)got || d->addr != addr || d->bits != bits ||
	    memcmp(d->code, code, (size_t)got) != 0) {
		d->rc = fs_insn_decode_bits(code, (size_t)got, addr, bits,
		    false, &d->in) < 0 || d->in.len == 0 ? -1 : 0;
		d->addr = addr;
		d->bits = bits;
		d->got = (size_t)got;
		memcpy(d->code, code, (size_t)got);
	}
	return d->rc == 0 ? &d->in : NULL;
}

/* Decode the instruction at ADDR into IN.  */
static int
decode(struct fs_session *s, uint64_t addr, struct fs_insn *in)
{
	const struct fs_insn *d = decoded_at(s, addr);

	if (d == NULL)
		return -1;
	*in = *d;
	return 0;
}

/* The mnemonic of IN and its operands.  */
static void
split(const struct fs_insn *in, char *mn, size_t mnlen, const char **ops)
{
	size_t i;

	for (i = 0; in->text[i] != '\0' && in->text[i] != ' ' &&
	    i + 1 < mnlen; i++)
		mn[i] = in->text[i];
	mn[i] = '\0';
	*ops = in->text + i;
	while (**ops == ' ')
		(*ops)++;
}

static bool
is_callee_saved(const char *op)
{
	/* x86-64's, then i386's.  */
	static const char *const regs[] = { "%rbp", "%rbx", "%r12", "%r13",
	    "%r14", "%r15", "%ebp", "%ebx", "%esi", "%edi" };
	size_t i;

	for (i = 0; i < sizeof regs / sizeof regs[0]; i++)
		if (strcmp(op, regs[i]) == 0)
			return true;
	return false;
}

/* An instruction of a prologue: what sets the frame up.  */
static bool
is_prologue_insn(const struct fs_insn *in)
{
	char mn[32];
	const char *ops;
	size_t n;

	split(in, mn, sizeof mn, &ops);
	if (strcmp(mn, "endbr64") == 0 || strcmp(mn, "endbr32") == 0)
		return true;
	if (strcmp(mn, "push") == 0 || strcmp(mn, "pushq") == 0)
		return is_callee_saved(ops);
	if (strcmp(mn, "mov") == 0 || strcmp(mn, "movq") == 0)
		return strcmp(ops, "%rsp, %rbp") == 0 ||
		    strcmp(ops, "%esp, %ebp") == 0;
	if (strcmp(mn, "sub") == 0 || strcmp(mn, "subq") == 0) {
		n = strlen(ops);
		return ops[0] == '$' && n > 6 &&
		    (strcmp(ops + n - 6, ", %rsp") == 0 ||
		    strcmp(ops + n - 6, ", %esp") == 0);
	}
	return false;
}

/* An instruction of an epilogue, before its ret.  */
static bool
is_epilogue_insn(const struct fs_insn *in)
{
	char mn[32];
	const char *ops;
	size_t n;

	split(in, mn, sizeof mn, &ops);
	if (strcmp(mn, "leave") == 0 || strcmp(mn, "leaveq") == 0)
		return true;
	if (strcmp(mn, "pop") == 0 || strcmp(mn, "popq") == 0)
		return is_callee_saved(ops);
	if (strcmp(mn, "add") == 0 || strcmp(mn, "addq") == 0) {
		n = strlen(ops);
		return ops[0] == '$' && n > 6 &&
		    (strcmp(ops + n - 6, ", %rsp") == 0 ||
		    strcmp(ops + n - 6, ", %esp") == 0);
	}
	return false;
}

/* Whether PC, in the function at START, is in its prologue: every
   instruction from START up to PC sets the frame up, and so does the one
   at PC (the frame is not complete yet).  */
static bool
in_prologue(struct fs_session *s, uint64_t start, uint64_t pc)
{
	const struct fs_insn *in;
	uint64_t a = start;

	if (start == 0 || pc < start || pc - start > 256)
		return false;
	while (a <= pc) {
		if ((in = decoded_at(s, a)) == NULL || !is_prologue_insn(in))
			return false;
		if (a == pc)
			return true;
		a += in->len;
	}
	return false;
}

/* Whether PC is in an epilogue: from PC to the next ret, nothing but
   the instructions that take a frame down (leave, pop of a callee-saved
   register, add to rsp), or PC is at the ret itself.  */
static bool
in_epilogue(struct fs_session *s, uint64_t pc)
{
	const struct fs_insn *in;
	uint64_t a = pc;
	int i;

	for (i = 0; i < 8; i++) {
		if ((in = decoded_at(s, a)) == NULL)
			return false;
		if (in->is_ret)
			return true;
		if (!is_epilogue_insn(in))
			return false;
		a += in->len;
	}
	return false;
}

/* The memory operands "D(%rsp)" and "D(%rbp)" of IN: whether one of them
   is below SP, RBP being the frame pointer when USES_FP.  */
static bool
below_sp(const struct fs_insn *in, uint64_t sp, uint64_t rbp, bool uses_fp)
{
	const char *p = in->text, *q;
	long long d;
	char *end;

	while ((q = strstr(p, "(%r")) != NULL) {
		const char *b = q;
		bool isrsp = strncmp(q, "(%rsp)", 6) == 0;
		bool isrbp = strncmp(q, "(%rbp)", 6) == 0;

		p = q + 1;
		if (!isrsp && !isrbp)
			continue;
		/* Back over the displacement.  */
		while (b > in->text && b[-1] != ' ' && b[-1] != ',')
			b--;
		d = 0;
		if (b < q) {
			d = strtoll(b, &end, 0);
			if (end != q)
				continue;
		}
		if (isrsp && d < 0)
			return true;
		if (isrbp && uses_fp && d < 0 && rbp + (uint64_t)d < sp)
			return true;
	}
	return false;
}

/* Whether the function at START (SIZE bytes; 0: to its first ret) uses
   the red zone under SP.  */
static bool
uses_redzone(struct fs_session *s, uint64_t start, uint64_t size,
    uint64_t sp, uint64_t rbp, bool uses_fp)
{
	const struct fs_insn *in;
	uint64_t a = start;

	if (start == 0)
		return false;
	if (size == 0 || size > MAXCODE)
		size = MAXCODE;
	while (a < start + size) {
		if ((in = decoded_at(s, a)) == NULL)
			return false;
		if (below_sp(in, sp, rbp, uses_fp))
			return true;
		if (in->is_ret && size == MAXCODE)
			break;
		a += in->len;
	}
	return false;
}

static uint64_t
func_size(struct fs_modules *m, uint64_t func)
{
	struct fs_module *mod = fs_modules_at(m, func);
	const struct fs_sym *sym;

	if (mod == NULL || (sym = fs_module_sym_at(mod, func - mod->bias)) ==
	    NULL || sym->addr + mod->bias != func)
		return 0;
	return sym->size;
}

/* --- Labels --- */

/* Label SL with TEXT, whose value is VALUE (NULL: none shown) and NOTE
   (NULL: none) appended to it.  */
static int
label_add(struct fs_slot *sl, const char *text, const char *value,
    const char *note)
{
	char **n, *dup, *v = NULL;
	size_t i;

	for (i = 0; i < sl->nlabels; i++)
		if (strcmp(sl->labels[i], text) == 0)
			return 0;
	if ((dup = strdup(text)) == NULL)
		return -1;
	if (value != NULL && (note == NULL ? (v = strdup(value)) == NULL :
	    asprintf(&v, "%s (%s)", value, note) < 0)) {
		free(dup);
		return -1;
	}
	if ((n = realloc(sl->values, (sl->nlabels + 1) * sizeof *n)) ==
	    NULL) {
		free(v);
		free(dup);
		return -1;
	}
	sl->values = n;
	n[sl->nlabels] = v;
	if ((n = realloc(sl->labels, (sl->nlabels + 1) * sizeof *n)) ==
	    NULL) {
		free(v);
		free(dup);
		return -1;
	}
	n[sl->nlabels++] = dup;
	sl->labels = n;
	sl->objvalue = sl->nlabels == 1 ? sl->values[0] : NULL;
	return 0;
}

/* Whether the bytes of O that word SL holds are all 0xfe, the fill of
   -ftrivial-auto-var-init=pattern.  */
static bool
pattern_filled(const struct fs_slot *sl, const struct fs_anat_obj *o)
{
	uint64_t a = o->addr > sl->addr ? o->addr : sl->addr;
	uint64_t e = o->addr + o->size < sl->addr + 8 ? o->addr + o->size :
	    sl->addr + 8;

	if (!sl->readable || e <= a)
		return false;
	for (; a < e; a++)
		if (((sl->value >> (8 * (a - sl->addr))) & 0xff) != 0xfe)
			return false;
	return true;
}

/* snprintf(BUF, SIZE, "%s%s%s", A, B, C), without its cost: a word is
   labelled some thirty times a stop.  */
static void
join(char *buf, size_t size, const char *a, const char *b, const char *c)
{
	const char *parts[3] = { a, b, c };
	size_t at = 0, n, i;

	for (i = 0; i < 3 && at + 1 < size; i++) {
		n = strlen(parts[i]);
		if (n > size - 1 - at)
			n = size - 1 - at;
		memcpy(buf + at, parts[i], n);
		at += n;
	}
	buf[at] = '\0';
}

/* SL points to what TEXT says, a copy of the map's own: the
   provider's strings live only until the map is made, and the map, kept
   for the next stop's, lives longer.  */
static int
points_to_set(struct fs_slot *sl, const char *text)
{
	char *dup;

	if ((dup = strdup(text)) == NULL)
		return -1;
	free((char *)sl->points_to);
	sl->points_to = dup;
	return 0;
}

/* Label word SL with the part of object O it overlaps; SUFFIX (" of
   callee") is appended, and NOTE (NULL: none) to its value.  PATTERN:
   its function fills locals with 0xfe before they are set, and a local
   still so filled reads "uninitialised (pattern fill)".  */
static int
label_obj(struct fs_slot *sl, const struct fs_anat_obj *o, const char *suffix,
    const char *note, bool pattern)
{
	char buf[512];
	const char *name = o->name != NULL ? o->name : "?";
	uint64_t os, oe, first, last;
	size_t i;
	bool any = false, whole;
	const char *fill = pattern && pattern_filled(sl, o) ?
	    "uninitialised (pattern fill)" : NULL;

	os = (sl->addr > o->addr ? sl->addr : o->addr) - o->addr;
	oe = (sl->addr + sl->size < o->addr + o->size ? sl->addr + sl->size :
	    o->addr + o->size) - o->addr;
	if (o->elem_size > 0 && o->elem_size < o->size) {
		first = os / o->elem_size;
		last = (oe - 1) / o->elem_size;
		if (first == last)
			snprintf(buf, sizeof buf, "%s[%llu]%s", name,
			    (unsigned long long)first, suffix);
		else
			snprintf(buf, sizeof buf, "%s[%llu..%llu]%s", name,
			    (unsigned long long)first,
			    (unsigned long long)last, suffix);
		return label_add(sl, buf, fill, NULL);
	}
	for (i = 0; i < o->nparts; i++) {
		const struct fs_anat_part *p = &o->parts[i];

		if (p->offset >= oe || p->offset + p->size <= os)
			continue;
		whole = p->offset >= os && p->offset + p->size <= oe;
		join(buf, sizeof buf, name, ".", "");
		join(buf + strlen(buf), sizeof buf - strlen(buf),
		    p->name != NULL ? p->name : "?", suffix, "");
		if (label_add(sl, buf, fill ? fill : whole ? p->value : NULL,
		    NULL) < 0)
			return -1;
		if (whole && p->value != NULL && p->points_to != NULL &&
		    points_to_set(sl, p->points_to) < 0)
			return -1;
		any = true;
	}
	if (any)
		return 0;
	join(buf, sizeof buf, name, suffix, "");
	whole = o->size <= 8 && os == 0 && oe == o->size;
	if (label_add(sl, buf, fill ? fill : whole ? o->value : NULL,
	    fill ? NULL : note) < 0)
		return -1;
	if (o->points_to != NULL && o->size == 8 && os == 0 && oe == 8 &&
	    points_to_set(sl, o->points_to) < 0)
		return -1;
	return 0;
}

/* The frame whose slots hold ADDR, or NULL.  */
static struct fs_frame_anatomy *
frame_holding(struct fs_anatomy *a, uint64_t addr)
{
	size_t i;

	for (i = 0; i < a->nfa; i++)
		if (addr >= a->fa[i].lo && addr < a->fa[i].hi)
			return &a->fa[i];
	return NULL;
}

static struct fs_slot *
slot_at(struct fs_frame_anatomy *fa, uint64_t addr)
{
	if (fa == NULL || addr < fa->lo || addr >= fa->hi)
		return NULL;
	return &fa->slots[(addr - fa->lo) / fa->word];
}

/* Whether the parameter O of the innermost frame FA, stopped at PC, is
   still waiting for the store that puts it in its home (FC: its
   function's code): the prologue has not run it yet.  */
static bool
not_stored(const struct fs_frame_anatomy *fa, const struct fs_fcode *fc,
    uint64_t pc, const struct fs_anat_obj *o)
{
	uint64_t first;

	if (fc == NULL || o->kind != FS_ANAT_PARAM || o->addr < fa->lo ||
	    o->addr + o->size > fa->cfa || pc < fc->start)
		return false;
	return (fs_fcode_uses_at(fc, fa->cfa, (int64_t)(o->addr - fa->cfa),
	    (unsigned)o->size, &first) & FS_FCODE_WRITE) != 0 && pc <= first;
}

/* Put the objects of frame FA (from the provider) into the map.  FC: its
   function's code (NULL: not known); PC: the pc when FA is the innermost
   frame and the objects its function's own (else 0).  */
static int
place_objects(struct fs_anatomy *a, struct fs_frame_anatomy *fa,
    const struct fs_anat_obj *objs, size_t nobjs, const struct fs_fcode *fc,
    uint64_t pc)
{
	char suffix[300], note[160], oos[32];
	const char *func = fa->frame->where.func;
	struct fs_frame_anatomy *in;
	struct fs_slot *sl;
	uint64_t w, end;
	size_t i;
	bool out;

	join(suffix, sizeof suffix, " of ", func != NULL ? func : "?", "");
	join(oos, sizeof oos, " (out of scope)", "", "");
	for (i = 0; i < nobjs; i++) {
		const struct fs_anat_obj *o = &objs[i];
		const char *nt = NULL;

		if (o->size == 0 || o->addr + o->size < o->addr)
			continue;
		end = o->addr + o->size;
		if (pc != 0 && not_stored(fa, fc, pc, o)) {
			if (o->entry_reg != NULL && o->entry_regval != NULL)
				snprintf(note, sizeof note, "not stored yet: in "
				    "%s = %s", o->entry_reg, o->entry_regval);
			else
				snprintf(note, sizeof note, "not stored yet");
			nt = note;
		}
		for (w = o->addr & ~(uint64_t)(fa->word - 1); w < end;
		    w += fa->word) {
			if ((in = frame_holding(a, w)) == NULL ||
			    (a->taken != NULL && a->taken[in - a->fa]))
				continue;
			/* A parameter above the cfa was pushed by the
			   caller; anything else in another frame than its
			   own is the provider's mistake, drawn as told.  */
			out = in != fa && o->kind == FS_ANAT_PARAM &&
			    fa->cfa != 0 && w >= fa->cfa;
			sl = slot_at(in, w);
			if (label_obj(sl, o, out ? suffix : o->out_of_scope ?
			    oos : "", nt, fc != NULL && fc->pattern &&
			    o->kind == FS_ANAT_LOCAL) < 0)
				return -1;
			if (sl->kind == FS_SLOT_RETADDR ||
			    sl->kind == FS_SLOT_SAVED_RBP ||
			    sl->kind == FS_SLOT_SAVED_REG)
				continue;
			if (out)
				sl->kind = FS_SLOT_OUTARG;
			else if (o->kind == FS_ANAT_PARAM ||
			    sl->kind == FS_SLOT_PARAM)
				sl->kind = FS_SLOT_PARAM;
			else if (sl->kind != FS_SLOT_OUTARG)
				sl->kind = FS_SLOT_LOCAL;
		}
	}
	return 0;
}

/* The direct call that frame FA's code (stopped at PC) is about to
   make, with nothing but pushes, stack adjustments and stores on the way:
   *TARGET the function it enters, *CALLSP the stack pointer at the call
   (its callee's cfa).  The words from SP up that the code still writes
   before the call are set in PENDING (by word from SP, NPENDING of
   them).  The call is at most LEN bytes ahead: the code up to it is
   read at once.  Returns 0, or -1 when there is no such call ahead.  */
static int
next_call(struct fs_session *s, const struct fs_frame_anatomy *fa,
    uint64_t pc, size_t len, uint64_t *target, uint64_t *callsp,
    bool *pending, size_t npending)
{
	const struct user_regs_struct *regs0;
	struct user_regs_struct regs;
	uint8_t code[192];
	ssize_t got;
	size_t at = 0;
	struct fs_insn in;
	struct fs_insn_mem mem[FS_INSN_MAXMEM * 2];
	const char *ops, *last;
	char mn[16], *end;
	uint64_t sp = fa->sp, a, W = fa->word;
	long long imm;
	unsigned n;
	int nm, j;

	if (fs_session_regs(s, &regs0, NULL) < 0 || (got = fs_session_read(s,
	    pc, code, len + 16 < sizeof code ? len + 16 : sizeof code,
	    NULL)) <= 0)
		return -1;
	regs = *regs0;
	for (n = 0; n < 32; n++, pc += in.len, at += in.len) {
		if (at >= (size_t)got || fs_insn_decode_bits(code + at,
		    (size_t)got - at, pc, fs_session_arch(s)->insn_bits, false,
		    &in) < 0 || in.len == 0 || in.is_ret || in.is_branch ||
		    in.is_syscall)
			return -1;
		if (in.is_call) {
			if (in.target == 0)
				return -1;
			*target = in.target;
			*callsp = sp;
			return 0;
		}
		regs.rsp = sp;
		nm = fs_insn_mem_access(&in, &regs, mem, FS_INSN_MAXMEM * 2);
		for (j = 0; j < nm && j < FS_INSN_MAXMEM * 2; j++)
			for (a = mem[j].addr & ~(W - 1); mem[j].write &&
			    a < mem[j].addr + mem[j].len; a += W)
				if (a >= fa->sp && (a - fa->sp) / W < npending)
					pending[(a - fa->sp) / W] = true;
		split(&in, mn, sizeof mn, &ops);
		last = strrchr(ops, ',');
		last = last != NULL ? last + 1 : ops;
		while (*last == ' ')
			last++;
		/* A copy of the stack pointer that the stores go through
		   (a struct passed by value).  */
		if (strcmp(mn, "mov") == 0 && (strncmp(ops, "%rsp,", 5) == 0 ||
		    strncmp(ops, "%esp,", 5) == 0) && last[0] == '%' &&
		    fs_arch_set_regval(fs_session_arch(s), &regs, last + 1,
		    strlen(last + 1), sp) == 0)
			continue;
		if (strncmp(mn, "push", 4) == 0)
			sp -= W;
		else if (strncmp(mn, "pop", 3) == 0)
			sp += W;
		else if (strcmp(last, "%rsp") != 0 && strcmp(last, "%esp") != 0)
			continue;
		else if ((strncmp(mn, "sub", 3) == 0 || strncmp(mn, "add", 3) ==
		    0) && ops[0] == '$') {
			imm = strtoll(ops + 1, &end, 0);
			if (*end != ',')
				return -1;
			sp = mn[0] == 's' ? sp - (uint64_t)imm : sp +
			    (uint64_t)imm;
		} else
			return -1;	/* rsp set some other way */
	}
	return -1;
}

/* The stack arguments of the direct call just ahead in innermost frame
   FA's code, where its code has already pushed or stored them: labelled
   "NAME of FUNCTION" with their values, as they will be once the call is
   made, rather than temporaries.  */
static int
place_next_call(struct fs_anatomy *a, struct fs_session *s,
    struct fs_frame_anatomy *fa)
{
	const struct fs_anat_obj *objs;
	struct fs_frame callee;
	struct fs_where w;
	struct fs_slot *sl;
	char suffix[300];
	bool pending[64] = { false };
	uint64_t target, callsp, x;
	size_t nobjs, i;

	const struct fs_fcode *fc;
	size_t k;

	if (a->prov == NULL || fa->nslots == 0 || fa->prologue ||
	    fa->epilogue)
		return 0;
	/* Only where a call is near ahead: the code is decoded once per
	   function, a stop's instructions are not.  */
	fc = fs_fcode_at(fs_guard_fcodes(fs_session_guard(s)), s,
	    fa->frame->pc);
	for (k = 0; fc != NULL && k < fc->ncalls && fc->calls[k] <
	    fa->frame->pc; k++)
		;
	if (fc == NULL || k == fc->ncalls || fc->calls[k] - fa->frame->pc >
	    160 || next_call(s, fa, fa->frame->pc, (size_t)(fc->calls[k] -
	    fa->frame->pc), &target, &callsp, pending, sizeof pending /
	    sizeof pending[0]) < 0)
		return 0;
	memset(&callee, 0, sizeof callee);
	callee.index = FS_ANAT_CALLEE;
	callee.pc = target;
	callee.cfa = callsp;
	callee.sp = callsp - fa->word;
	callee.fp = fa->rbp;
	if (a->prov(a->provarg, s, &callee, &objs, &nobjs) < 0 || nobjs == 0)
		return 0;
	fs_modules_where(fs_session_modules(s), target, target, &w);
	snprintf(suffix, sizeof suffix, " of %s", w.func != NULL ? w.func :
	    "?");
	for (i = 0; i < nobjs; i++) {
		if (objs[i].kind != FS_ANAT_PARAM || objs[i].addr < callsp)
			continue;
		for (x = objs[i].addr & ~(uint64_t)(fa->word - 1);
		    x < objs[i].addr + objs[i].size; x += fa->word) {
			/* Not pushed or not stored yet: still what was
			   there.  */
			if (x < fa->sp || ((x - fa->sp) / fa->word <
			    sizeof pending / sizeof pending[0] &&
			    pending[(x - fa->sp) / fa->word]))
				continue;
			if ((sl = slot_at(fa, x)) == NULL ||
			    (sl->kind != FS_SLOT_TEMP &&
			    sl->kind != FS_SLOT_UNKNOWN &&
			    sl->kind != FS_SLOT_PADDING))
				continue;
			if (label_obj(sl, &objs[i], suffix, NULL, false) < 0)
				return -1;
			sl->kind = FS_SLOT_OUTARG;
		}
	}
	return 0;
}

/* --- Leftovers --- */

static struct ghost *
ghost_at(struct fs_anatomy *a, uint64_t addr)
{
	if (a->ghosts == NULL && (a->ghosts = calloc(NGHOSTS,
	    sizeof *a->ghosts)) == NULL)
		return NULL;
	return &a->ghosts[(addr / 8) % NGHOSTS];
}

/* Remember the variables' words of the frames of this map.  */
static void
ghosts_keep(struct fs_anatomy *a, const struct fs_stop *st)
{
	struct ghost *gh;
	size_t i, j;

	for (i = 0; i < a->nfa; i++) {
		const struct fs_frame_anatomy *fa = &a->fa[i];
		const char *fn = fa->frame->where.func;

		for (j = 0; j < fa->nslots; j++) {
			const struct fs_slot *sl = &fa->slots[j];

			if ((sl->kind != FS_SLOT_PARAM && sl->kind !=
			    FS_SLOT_LOCAL) || sl->nlabels == 0 ||
			    !sl->readable || (gh = ghost_at(a, sl->addr)) ==
			    NULL)
				continue;
			gh->addr = sl->addr;
			gh->value = sl->value;
			gh->cfa = fa->cfa;
			gh->func = fa->frame->where.func_addr;
			gh->stop = st->number;
			gh->tid = st->tid;
			join(gh->label, sizeof gh->label, sl->labels[0], " of ",
			    fn != NULL ? fn : "??");
		}
	}
}

/* Whether a frame of the map at CFA runs function FUNC.  */
static bool
frame_live(const struct fs_anatomy *a, uint64_t cfa, uint64_t func)
{
	size_t i;

	for (i = 0; i < a->nfa; i++)
		if (a->fa[i].cfa == cfa && a->fa[i].frame->where.func_addr ==
		    func)
			return true;
	return false;
}

/* The words that still hold what a frame now gone left in them: below
   the live frames (the red zone), or in a frame called after that one
   was last seen, where nothing has written them since.  */
static void
stale_notes(struct fs_anatomy *a, struct fs_session *s,
    const struct fs_stop *st)
{
	struct fs_guard *g = fs_session_guard(s);
	const struct ghost *gh;
	unsigned long born, died;
	size_t i, j;
	bool exact;

	for (i = 0; i < a->nfa; i++) {
		struct fs_frame_anatomy *fa = &a->fa[i];

		born = fs_guard_frame_born(g, s, fa->cfa);
		for (j = 0; j < fa->nslots; j++) {
			struct fs_slot *sl = &fa->slots[j];
			bool below = sl->addr < fa->sp;

			/* The ghost's frame is gone: not live now, and this
			   frame (the same call, if at its CFA and of its
			   function) came after it was last seen.  */
			if (!sl->readable || (sl->kind != FS_SLOT_LOCAL &&
			    sl->kind != FS_SLOT_TEMP && sl->kind !=
			    FS_SLOT_PADDING && sl->kind != FS_SLOT_UNKNOWN &&
			    sl->kind != FS_SLOT_REDZONE) ||
			    (gh = ghost_at(a, sl->addr)) == NULL ||
			    gh->addr != sl->addr || gh->tid != st->tid ||
			    gh->value != sl->value ||
			    frame_live(a, gh->cfa, gh->func) ||
			    (!below && (born == 0 || born <= gh->stop)))
				continue;
			died = fs_guard_frame_died(g, s, gh->cfa, gh->func,
			    gh->stop, &exact);
			snprintf(sl->note, sizeof sl->note, "stale: %s",
			    gh->label);
			/* Its return seen by a single step, or only found
			   done at a stop after running.  */
			if (died != 0)
				fs_strcatf(sl->note, sizeof sl->note,
				    ", returned %s stop %lu", exact ? "at" :
				    "before", died);
		}
	}
}

/* --- Changes --- */

static int
cmp_oldword(const void *x, const void *y)
{
	const struct oldword *p = x, *q = y;

	return (p->addr > q->addr) - (p->addr < q->addr);
}

static const struct oldword *
old_find(const struct words *ws, uint64_t addr)
{
	struct oldword key = { addr, 0 };

	if (ws->n == 0)
		return NULL;
	return bsearch(&key, ws->w, ws->n, sizeof *ws->w, cmp_oldword);
}

/* Keep this map's words for the next stop.  The map of a new stop makes
   the last one old; a map of the same stop again (more frames, say)
   replaces it.  */
static void
remember(struct fs_anatomy *a, const struct fs_stop *st)
{
	struct oldword *n;
	size_t i, j, k = 0, total = 0;

	if (a->cur.valid && (a->cur.stop != st->number ||
	    a->cur.tid != st->tid)) {
		struct words tmp = a->old;

		a->old = a->cur;
		a->cur = tmp;
	}
	a->cur.valid = false;
	for (i = 0; i < a->nfa; i++)
		total += a->fa[i].nslots;
	if ((n = realloc(a->cur.w, (total ? total : 1) * sizeof *n)) == NULL)
		return;
	a->cur.w = n;
	for (i = 0; i < a->nfa; i++)
		for (j = 0; j < a->fa[i].nslots; j++)
			if (a->fa[i].slots[j].readable) {
				n[k].addr = a->fa[i].slots[j].addr;
				n[k++].value = a->fa[i].slots[j].value;
			}
	/* The frames' words come in order, but for a signal frame's or
	   an alternate stack's: sort only then.  */
	for (i = 1; i < k && n[i - 1].addr <= n[i].addr; i++)
		;
	if (i < k)
		qsort(n, k, sizeof *n, cmp_oldword);
	a->cur.n = k;
	a->cur.stop = st->number;
	a->cur.tid = st->tid;
	a->cur.valid = true;
}

/* --- The map --- */

/* The slots of frame FA, [lo, hi): values, offsets, saved registers.  */
static int
frame_slots(struct fs_unwinder *u, struct fs_modules *m,
    const struct fs_arch *arch, struct fs_frame_anatomy *fa,
    const struct save *saves, size_t nsaves)
{
	struct fs_slot *sl;
	size_t i, n;

	n = (size_t)((fa->hi - fa->lo) / fa->word);
	if ((fa->slots = calloc(n ? n : 1, sizeof *fa->slots)) == NULL)
		return -1;
	fa->nslots = n;
	for (i = 0; i < n; i++) {
		sl = &fa->slots[i];
		sl->addr = fa->lo + fa->word * i;
		sl->size = fa->word;
		sl->readable = fs_unwind_read_word(u, sl->addr,
		    &sl->value) == 0;
		if (fa->word < 8)
			sl->value &= ((uint64_t)1 << (8 * fa->word)) - 1;
		sl->cfa_off = (int64_t)(sl->addr - fa->cfa);
		if (fa->uses_fp) {
			sl->has_rbp_off = true;
			sl->rbp_off = (int64_t)(sl->addr - fa->rbp);
		}
		sl->changed = FS_CHANGE_UNKNOWN;
	}
	for (i = 0; i < nsaves; i++) {
		if ((sl = slot_at(fa, saves[i].addr)) == NULL ||
		    (saves[i].addr & (fa->word - 1)) != 0)
			continue;
		sl->regname = fs_ureg_name_arch(arch, saves[i].reg);
		switch (saves[i].reg) {
		case FS_UREG_RIP:
			sl->kind = FS_SLOT_RETADDR;
			if (sl->readable)
				fs_unwind_where_at(u, m, sl->value,
				    sl->value - 1, &sl->target);
			break;
		case FS_UREG_RBP:
			sl->kind = FS_SLOT_SAVED_RBP;
			break;
		default:
			sl->kind = FS_SLOT_SAVED_REG;
			sl->reg = saves[i].reg;
			break;
		}
	}
	return 0;
}

/* --- Calling conventions --- */

/* The function of frame FA returns a struct or union: through the
   hidden pointer its caller passes first, on i386.  */
static bool
returns_struct(const struct fs_frame *f)
{
	const struct fs_scope *sc = f->scope;
	const struct fs_type *t;

	while (sc != NULL && sc->parent != NULL)
		sc = sc->parent;
	if (sc == NULL || sc->ret_type == NULL ||
	    (t = fs_value_strip(sc->ret_type)) == NULL)
		return false;
	return t->kind == FS_TYPE_STRUCT || t->kind == FS_TYPE_UNION;
}

/*
 * Where the ABI passes every argument on the stack (i386's cdecl) and
 * lets each function choose otherwise, what frame FA's code shows: a
 * `ret $N' pops N bytes of arguments (stdcall, fastcall's stack
 * arguments, or the hidden struct-return pointer), the first arguments
 * came in registers when the prologue stores ecx and edx (fastcall) or
 * eax, edx and ecx (regparm) into the frame.  The convention is named on
 * the frame, the return address says what ret pops, the copies of the
 * register arguments where they came from, and the hidden pointer is
 * labelled.
 */
static void
frame_convention(struct fs_anatomy *an, struct fs_session *s,
    struct fs_frame_anatomy *fa, const struct fs_frame *f)
{
	static const char *const regs[3] = { "%eax", "%ecx", "%edx" };
	struct fs_modules *m = fs_session_modules(s);
	struct fs_frame_anatomy *cf;
	struct fs_insn in;
	struct fs_slot *sl;
	struct fs_where w;
	uint64_t a = f->where.func_addr, size, popped = 0;
	char mn[32], rstore[3] = { 0 }, clobbered[3] = { 0 };
	const char *ops, *p;
	long long d;
	char *end;
	unsigned k, nstore = 0, order = 0;
	bool sret, body = false, pic_bx = false, setfp = false;

	if (a == 0 || f->sigtramp || f->tailcall)
		return;
	if ((size = func_size(m, a)) == 0 || size > MAXCODE)
		size = MAXCODE;
	for (; a < f->where.func_addr + size; a += in.len) {
		if (decode(s, a, &in) < 0)
			break;
		split(&in, mn, sizeof mn, &ops);
		if (in.is_ret && ops[0] == '$') {
			popped = strtoull(ops + 1, NULL, 0);
			break;
		}
		if (in.is_ret && size == MAXCODE)
			break;
		if (body)
			continue;
		/* The prologue, the PIC thunk's call (which sets a register:
		   `call __x86.get_pc_thunk.ax`) and the add to it, then the
		   stores of the arguments that came in registers, `mov %REG,
		   D(%ebp)': what comes before the body.  */
		if (is_prologue_insn(&in)) {
			/* The function's frame pointer, wherever the pc is
			   (before its prologue sets it, too).  */
			setfp |= strcmp(mn, "mov") == 0;
			continue;
		}
		if (in.is_call) {
			fs_modules_where(m, in.dest, in.dest, &w);
			for (k = 0; k < 3 && w.func != NULL &&
			    strncmp(w.func, "__x86.get_pc_thunk.", 19) == 0;
			    k++)
				if (strcmp(w.func + 19, regs[k] + 2) == 0)
					clobbered[k] = 1;
			if (w.func != NULL &&
			    strncmp(w.func, "__x86.get_pc_thunk.", 19) == 0) {
				pic_bx |= strcmp(w.func + 19, "bx") == 0;
				continue;
			}
			body = true;
			continue;
		}
		if (strcmp(mn, "add") == 0 && ops[0] == '$')
			continue;
		body = true;
		if (strcmp(mn, "mov") != 0 || !setfp)
			continue;
		for (k = 0; k < 3; k++)
			if (strncmp(ops, regs[k], 4) == 0 &&
			    strncmp(ops + 4, ", ", 2) == 0)
				break;
		if (k == 3 || clobbered[k] || rstore[k] != 0 ||
		    (p = strstr(ops, "(%ebp)")) == NULL)
			continue;
		d = strtoll(ops + 6, &end, 0);
		if (end != p)
			continue;
		body = false;
		rstore[k] = (char)++order;
		nstore++;
		if (fa->uses_fp && (sl = slot_at(fa, fa->rbp + (uint64_t)d)) !=
		    NULL)
			snprintf(sl->conv, sizeof sl->conv, "passed in %s",
			    regs[k] + 1);
	}
	sret = returns_struct(f);
	/* fastcall: ecx first, then edx; regparm: eax, edx, ecx.  */
	if (nstore > 0 && rstore[0] == 0 && rstore[1] == 1)
		snprintf(fa->convention, sizeof fa->convention, "fastcall");
	else if (nstore > 0 && rstore[0] == 1)
		snprintf(fa->convention, sizeof fa->convention,
		    "regparm(%u)", nstore);
	else if (popped > (sret ? 4u : 0u))
		snprintf(fa->convention, sizeof fa->convention, "stdcall");
	else
		snprintf(fa->convention, sizeof fa->convention, "cdecl");
	if (sret) {
		fs_strcatf(fa->convention, sizeof fa->convention,
		    ", struct return");
		/* The hidden pointer is the first argument on the stack
		   (not for fastcall and regparm, which pass it in a
		   register).  */
		cf = frame_holding(an, fa->cfa);
		if (nstore == 0 && (sl = slot_at(cf, fa->cfa)) != NULL) {
			snprintf(sl->conv, sizeof sl->conv,
			    "hidden struct-return pointer%s%s",
			    cf != fa ? " of " : "", cf != fa &&
			    f->where.func != NULL ? f->where.func : "");
			if (sl->kind == FS_SLOT_UNKNOWN ||
			    sl->kind == FS_SLOT_PADDING)
				sl->kind = cf != fa ? FS_SLOT_OUTARG :
				    FS_SLOT_PARAM;
		}
	}
	/* Position-independent code keeps the GOT's address in ebx, which
	   the caller's own use makes it save first.  */
	for (k = 0; pic_bx && k < fa->nslots; k++)
		if (fa->slots[k].kind == FS_SLOT_SAVED_REG &&
		    strcmp(fa->slots[k].regname, "ebx") == 0)
			snprintf(fa->slots[k].conv, sizeof fa->slots[k].conv,
			    "ebx then holds the GOT: __x86.get_pc_thunk.bx");
	if (popped > 0 && (sl = slot_at(fa, fa->cfa - fa->word)) != NULL &&
	    sl->kind == FS_SLOT_RETADDR)
		snprintf(sl->conv, sizeof sl->conv, "ret $0x%" PRIx64
		    " pops %" PRIu64 " bytes", popped, popped);
}

/* The words a function that realigns its stack (i386's main: `lea
   4(%esp),%ecx; and $-16,%esp; pushl -4(%ecx); push %ebp; mov %esp,%ebp;
   ...; push %ecx`) keeps between its saved ebp and its return address:
   a copy of the return address above the saved ebp, for the ebp chain,
   and the cfa itself, which the epilogue loads back into esp.  Known by
   their values, only in a frame whose saved ebp is not right under its
   return address.  */
static void
frame_realigned(struct fs_frame_anatomy *fa)
{
	struct fs_slot *ra, *copy, *sl;
	size_t i;

	if (fa->rbp + 2 * fa->word == fa->cfa || (sl = slot_at(fa,
	    fa->rbp)) == NULL || sl->kind != FS_SLOT_SAVED_RBP ||
	    (ra = slot_at(fa, fa->cfa - fa->word)) == NULL ||
	    ra->kind != FS_SLOT_RETADDR || (copy = slot_at(fa, fa->rbp +
	    fa->word)) == NULL || copy == ra || !copy->readable ||
	    copy->value != ra->value || copy->kind != FS_SLOT_UNKNOWN)
		return;
	snprintf(copy->conv, sizeof copy->conv,
	    "copy of the return address: the stack realigned");
	for (i = 0; i < fa->nslots; i++) {
		sl = &fa->slots[i];
		if (sl->addr < fa->rbp && sl->addr >= fa->sp &&
		    sl->kind == FS_SLOT_UNKNOWN && sl->readable &&
		    sl->value == fa->cfa) {
			snprintf(sl->conv, sizeof sl->conv,
			    "the cfa, for the epilogue to undo the realignment");
			break;
		}
	}
}

/* Canary, temporaries, red zone and padding: what is left once
   everything known is placed.  DESCRIBED: the provider gave the frame's
   objects.  FC: what the function's code does with its frame (NULL: not
   known), which tells a temporary (a word it uses at a fixed offset, or
   reaches through an address it takes) from padding (one nothing uses).  */
static void
frame_rest(struct fs_frame_anatomy *fa, bool have_guard, uint64_t guard,
    bool described, const struct fs_fcode *fc, uint64_t pc)
{
	struct fs_slot *sl;
	size_t i, lo_known = (size_t)-1, hi_known = 0;
	unsigned use;
	bool reached = false;

	for (i = 0; i < fa->nslots; i++) {
		sl = &fa->slots[i];
		if (sl->kind != FS_SLOT_UNKNOWN) {
			reached = false;
			continue;
		}
		use = fs_fcode_uses_at(fc, fa->cfa, (int64_t)(sl->addr -
		    fa->cfa),
		    fa->word, NULL);
		if (use & FS_FCODE_LEA)
			reached = true;
		if (fc != NULL && fc->canary && sl->addr ==
		    fs_fcode_canary_addr(fc, fa->cfa)) {
			/* Where the code stores the canary: one still to come
			   in the innermost frame's prologue too.  */
			sl->kind = FS_SLOT_CANARY;
			if (pc >= fc->start && pc <= fc->canary_pc)
				snprintf(sl->note, sizeof sl->note,
				    "not stored yet");
		} else if (have_guard && guard != 0 && sl->readable &&
		    sl->value == guard && sl->addr >= fa->sp)
			sl->kind = FS_SLOT_CANARY;
		else if ((use & (FS_FCODE_READ | FS_FCODE_WRITE)) != 0 ||
		    (reached && sl->addr >= fa->sp))
			sl->kind = FS_SLOT_TEMP;
		else if (fc != NULL && fc->dynalloc && sl->addr >= fa->sp &&
		    sl->addr < fa->cfa - (uint64_t)fc->fixed)
			/* Under the fixed frame: what alloca or a
			   variable-length array took, not padding.  */
			sl->kind = FS_SLOT_TEMP;
		else if (sl->addr < fa->sp)
			sl->kind = FS_SLOT_REDZONE;
		else if (described && fc != NULL)
			sl->kind = FS_SLOT_PADDING;
	}
	if (!described || fc != NULL)
		return;
	for (i = 0; i < fa->nslots; i++) {
		sl = &fa->slots[i];
		if (sl->addr < fa->sp || sl->kind == FS_SLOT_UNKNOWN)
			continue;
		if (lo_known == (size_t)-1)
			lo_known = i;
		hi_known = i;
	}
	if (lo_known == (size_t)-1)
		return;
	for (i = lo_known + 1; i < hi_known; i++)
		if (fa->slots[i].kind == FS_SLOT_UNKNOWN)
			fa->slots[i].kind = FS_SLOT_PADDING;
}

/* The control slots of frame FA as the guard's ledger knows them: a
   canary the frame's code stores stays one when overwritten, and a slot
   that no longer holds what its frame stored is marked.  */
static void
frame_control(struct fs_session *s, struct fs_frame_anatomy *fa)
{
	struct fs_guard *g = fs_session_guard(s);
	const struct fs_ctl_slot *c;
	struct fs_writer w;
	size_t i;

	for (i = 0; i < fa->nslots; i++) {
		struct fs_slot *sl = &fa->slots[i];

		if (!sl->readable || (c = fs_guard_ctl_at(g, s,
		    sl->addr)) == NULL || c->cfa != fa->cfa)
			continue;
		if (c->kind == FS_CTL_CANARY && sl->kind != FS_SLOT_RETADDR &&
		    sl->kind != FS_SLOT_SAVED_RBP &&
		    sl->kind != FS_SLOT_SAVED_REG)
			sl->kind = FS_SLOT_CANARY;
		/* Taken at the entry, the prologue has yet to store it.  */
		if (c->pending) {
			if (sl->kind == FS_SLOT_CANARY)
				snprintf(sl->note, sizeof sl->note,
				    "not stored yet");
			continue;
		}
		if ((sl->kind != FS_SLOT_RETADDR || c->kind != FS_CTL_RETADDR) &&
		    (sl->kind != FS_SLOT_SAVED_RBP ||
		    c->kind != FS_CTL_SAVED_RBP) &&
		    (sl->kind != FS_SLOT_SAVED_REG ||
		    c->kind != FS_CTL_SAVED_REG) &&
		    (sl->kind != FS_SLOT_CANARY || c->kind != FS_CTL_CANARY))
			continue;
		if (!fs_guard_overwritten(c, sl->value))
			continue;
		sl->overwritten = true;
		sl->was = c->was;
		if (c->kind == FS_CTL_RETADDR)
			fs_modules_where(fs_session_modules(s), c->was,
			    c->was - 1, &sl->was_target);
		if (c->has_by) {
			sl->has_by = true;
			sl->by = c->by;
		} else if (fs_guard_last_writer(g, s, sl->addr, &w) == 1 &&
		    (w.recorded || w.stop > c->since)) {
			sl->has_by = true;
			sl->by = w;
		}
	}
}

/* --- Frames taken whole from the map before --- */

/* Whether frame I of F (N of them) may be taken whole: a caller's frame
   (frame 0's physical one is made anew at every stop), on an ABI whose
   conventions are fixed (x86-64), with no signal frame, dummy frame or
   inlined or tail call in it or next to it.  */
static bool
frame_may_keep(const struct fs_anatomy *a, const struct fs_frame *f,
    size_t n, size_t i)
{
	const struct fs_frame_anatomy *fa = &a->fa[i];

	return f[i].phys != 0 && fa->arch != NULL && fa->arch->narg_regs != 0 &&
	    fa->hi > fa->lo && !fa->truncated && !f[i].sigtramp &&
	    !f[i].dummy && !f[i].inlined && !f[i].tailcall &&
	    !f[i - 1].sigtramp && !f[i - 1].dummy && !f[i - 1].inlined &&
	    !f[i - 1].tailcall && (i + 1 >= n || (!f[i + 1].dummy &&
	    !f[i + 1].inlined && !f[i + 1].tailcall));
}

/*
 * The key of each frame that may be taken whole: everything its map is
 * made of.  Its place (pc, function, sp, cfa, rbp, the words it spans),
 * the bytes of every word, the registers frames below saved in it, the
 * guard's ledger of its control words, the stack guard, the modules
 * (return addresses are named from them), whether the provider described
 * it, and every object any frame's provider put in it, with what its
 * label is made of (the placing frame's function and cfa, its code's
 * pattern fill).  A frame whose key is byte for byte the one of the frame
 * at the same index in the map before has the same map, to the byte, but
 * for what changes from stop to stop (what changed and wrote it, the
 * notes of stale words), which is made anew.  A word overwritten in the
 * ledger's eyes makes its frame anew.
 */
static int
frame_keys(struct fs_anatomy *a, struct fs_session *s, const struct fs_frame *f,
    size_t nf, size_t nshow, const bool *described, bool have_guard,
    uint64_t guard, const struct save *saves, size_t nsaves)
{
	struct fs_unwinder *u = fs_session_unwinder(s);
	struct fs_guard *g = fs_session_guard(s);
	unsigned long gen = fs_modules_generation(fs_session_modules(s));
	const struct fs_ctl_slot *c;
	const struct fs_anat_obj *objs;
	const struct fs_fcode *fc;
	struct fs_frame_anatomy *fa, *in;
	struct fs_sbuf *k;
	uint64_t w, v, end;
	size_t i, j, n, nobjs, kk;
	bool pattern, any = false;

	if (a->nkeys < nshow + 1) {
		if ((k = realloc(a->keys, (nshow + 1) * sizeof *k)) == NULL)
			return -1;
		memset(k + a->nkeys, 0, (nshow + 1 - a->nkeys) * sizeof *k);
		a->keys = k;
		a->nkeys = nshow + 1;
	}
	for (i = 0; i < a->nkeys; i++) {
		a->keys[i].len = 0;
		a->keys[i].oom = false;
	}
	if ((a->taken = calloc(nshow + 1, sizeof *a->taken)) == NULL ||
	    (a->tident = calloc(nshow + 1, sizeof *a->tident)) == NULL ||
	    (a->tstate = calloc(nshow + 1, sizeof *a->tstate)) == NULL)
		return -1;
	a->ntaken = nshow + 1;
	for (i = 1; i < nshow && !a->whole; i++) {
		fa = &a->fa[i];
		if (!frame_may_keep(a, f, nf, i))
			continue;
		k = &a->keys[i];
		fs_sbuf_key_u64(k, fa->sp);
		fs_sbuf_key_u64(k, fa->cfa);
		fs_sbuf_key_u64(k, fa->rbp);
		fs_sbuf_key_u64(k, fa->lo);
		fs_sbuf_key_u64(k, fa->hi);
		fs_sbuf_key_u64(k, (uint64_t)fa->uses_fp |
		    (uint64_t)fa->prologue << 1 | (uint64_t)fa->epilogue << 2 |
		    (uint64_t)described[i] << 3 | (uint64_t)have_guard << 4);
		fs_sbuf_key_u64(k, (uint64_t)(uintptr_t)fa->arch);
		fs_sbuf_key_u64(k, f[i].pc);
		fs_sbuf_key_u64(k, f[i].where.func_addr);
		fs_sbuf_key_str(k, f[i].where.func);
		fs_sbuf_key_u64(k, gen);
		fs_sbuf_key_u64(k, guard);
		for (w = fa->lo; w < fa->hi; w += fa->word) {
			v = 0;
			fs_sbuf_key_u64(k, fs_unwind_read_word(u, w, &v) == 0 ?
			    w : ~w);
			if (fa->word < 8)
				v &= ((uint64_t)1 << (8 * fa->word)) - 1;
			fs_sbuf_key_u64(k, v);
			if ((c = fs_guard_ctl_at(g, s, w)) == NULL)
				continue;
			if (fs_guard_overwritten(c, v)) {
				k->len = 0;
				break;
			}
			fs_sbuf_key_u64(k, c->addr);
			fs_sbuf_key_u64(k, c->cfa);
			fs_sbuf_key_u64(k, (uint64_t)c->kind << 1 | c->pending);
		}
		for (j = 0; j < nsaves && k->len > 0; j++)
			if (saves[j].addr >= fa->lo && saves[j].addr < fa->hi) {
				fs_sbuf_key_u64(k, saves[j].addr);
				fs_sbuf_key_u64(k, saves[j].reg);
			}
		if (k->oom) {
			free(k->s);
			memset(k, 0, sizeof *k);
		}
		any = any || k->len > 0;
	}
	/* The objects, placed as place_objects places them.  */
	for (i = 0; any && i < nshow && a->prov != NULL; i++) {
		if (!described[i] || a->prov(a->provarg, s, &f[i], &objs,
		    &nobjs) < 0)
			continue;
		for (kk = i; kk + 1 < nshow && f[kk].inlined; kk++)
			;
		fa = &a->fa[kk];
		fc = f[kk].sigtramp ? NULL : fs_fcode_at(fs_guard_fcodes(g), s,
		    kk == 0 ? f[kk].pc : f[kk].pc - 1);
		pattern = fc != NULL && fc->pattern;
		for (j = 0; j < nobjs; j++) {
			const struct fs_anat_obj *o = &objs[j];

			if (o->size == 0 || o->addr + o->size < o->addr)
				continue;
			end = o->addr + o->size;
			for (w = o->addr & ~(uint64_t)(fa->word - 1); w < end;
			    w += fa->word) {
				if ((in = frame_holding(a, w)) == NULL ||
				    a->keys[in - a->fa].len == 0)
					continue;
				k = &a->keys[in - a->fa];
				fs_sbuf_key_u64(k, i);
				fs_sbuf_key_u64(k, w);
				fs_sbuf_key_u64(k, fa->cfa);
				fs_sbuf_key_str(k, fa->frame->where.func);
				fs_sbuf_key_u64(k, (uint64_t)pattern << 1 |
				    o->out_of_scope);
				fs_sbuf_key_u64(k, o->addr);
				fs_sbuf_key_u64(k, o->size);
				fs_sbuf_key_u64(k, o->kind);
				fs_sbuf_key_u64(k, o->elem_size);
				fs_sbuf_key_str(k, o->name);
				fs_sbuf_key_str(k, o->value);
				fs_sbuf_key_str(k, o->points_to);
				fs_sbuf_key_u64(k, o->nparts);
				for (n = 0; n < o->nparts; n++) {
					fs_sbuf_key_str(k, o->parts[n].name);
					fs_sbuf_key_u64(k, o->parts[n].offset);
					fs_sbuf_key_u64(k, o->parts[n].size);
					fs_sbuf_key_str(k, o->parts[n].value);
					fs_sbuf_key_str(k,
					    o->parts[n].points_to);
				}
			}
		}
	}
	for (i = 1; i < nshow; i++) {
		k = &a->keys[i];
		if (k->oom) {
			free(k->s);
			memset(k, 0, sizeof *k);
		}
		if (k->len == 0 || i >= a->npkeys ||
		    a->pkeys[i].len != k->len ||
		    memcmp(a->pkeys[i].s, k->s, k->len) != 0 ||
		    i >= a->npfa || a->pfa[i].slots == NULL ||
		    a->pfa[i].nslots != (a->fa[i].hi - a->fa[i].lo) /
		    a->fa[i].word)
			continue;
		a->taken[i] = true;
	}
	return 0;
}

/* What of slot SL changes from stop to stop, in a byte: whether it
   changed, and whether it has a writer or a note of stale_notes (whose
   texts are not compared: a slot with either is not the same).  */
static uint8_t
slot_state(const struct fs_slot *sl)
{
	return (uint8_t)(sl->changed | (sl->has_writer ? 4 : 0) |
	    (sl->note[0] != '\0' && sl->kind != FS_SLOT_CANARY &&
	    sl->kind != FS_SLOT_RETADDR && sl->kind != FS_SLOT_SAVED_RBP &&
	    sl->kind != FS_SLOT_SAVED_REG && sl->kind != FS_SLOT_PARAM &&
	    sl->kind != FS_SLOT_OUTARG ? 8 : 0));
}

/* Whether taken frame I shows what it showed in the map before.  */
static bool
taken_same(const struct fs_anatomy *a, size_t i)
{
	const struct fs_frame_anatomy *fa = &a->fa[i];
	size_t j;
	uint8_t st;

	if (a->tstate[i] == NULL || a->tident[i] == 0)
		return false;
	for (j = 0; j < fa->nslots; j++)
		if ((st = slot_state(&fa->slots[j])) != a->tstate[i][j] ||
		    (st & 12) != 0)
			return false;
	return true;
}

/* Take frame I's slots from the map before (frame_keys said so), less
   what changes from stop to stop.  */
static void
frame_take(struct fs_anatomy *a, size_t i)
{
	struct fs_frame_anatomy *fa = &a->fa[i], *old = &a->pfa[i];
	size_t j;

	a->tident[i] = old->ident;
	if ((a->tstate[i] = malloc(old->nslots + 1)) != NULL)
		for (j = 0; j < old->nslots; j++)
			a->tstate[i][j] = slot_state(&old->slots[j]);
	fa->slots = old->slots;
	fa->nslots = old->nslots;
	old->slots = NULL;
	old->nslots = 0;
	for (j = 0; j < fa->nslots; j++) {
		struct fs_slot *sl = &fa->slots[j];

		sl->changed = FS_CHANGE_UNKNOWN;
		sl->has_writer = false;
		sl->writer_pc = 0;
		sl->writer_insn[0] = '\0';
		sl->writer_file = NULL;
		sl->writer_line = 0;
		/* stale_notes' words: their notes are made again.  */
		if (sl->kind == FS_SLOT_LOCAL || sl->kind == FS_SLOT_TEMP ||
		    sl->kind == FS_SLOT_PADDING ||
		    sl->kind == FS_SLOT_UNKNOWN || sl->kind == FS_SLOT_REDZONE)
			sl->note[0] = '\0';
	}
}

/* --- What stayed the same --- */

/* The numbers frames are given, for every map of the process.  */
static unsigned long idents;

static bool
str_same(const char *x, const char *y)
{
	return x == y || (x != NULL && y != NULL && strcmp(x, y) == 0);
}

static bool
where_same(const struct fs_where *x, const struct fs_where *y)
{
	return x->mod == y->mod && (x->mod == NULL ||
	    str_same(x->mod->path, y->mod->path)) && x->func_addr ==
	    y->func_addr && x->line == y->line && str_same(x->func, y->func) &&
	    str_same(x->file, y->file) && str_same(x->fullpath, y->fullpath);
}

static bool
writer_same(const struct fs_writer *x, const struct fs_writer *y)
{
	return x->pc == y->pc && x->line == y->line &&
	    x->call_line == y->call_line && x->frame == y->frame &&
	    x->returned == y->returned && x->stop == y->stop &&
	    x->recorded == y->recorded && strcmp(x->insn, y->insn) == 0 &&
	    strcmp(x->callee, y->callee) == 0 && str_same(x->func, y->func) &&
	    str_same(x->file, y->file) && str_same(x->call_func,
	    y->call_func) && str_same(x->call_file, y->call_file);
}

/* Every field of two slots, strings by their text: what a writer of the
   slot reads.  */
static bool
slot_same(const struct fs_slot *x, const struct fs_slot *y)
{
	size_t i;

	if (x->addr != y->addr || x->size != y->size ||
	    x->value != y->value || x->readable != y->readable ||
	    x->cfa_off != y->cfa_off || x->has_rbp_off != y->has_rbp_off ||
	    x->rbp_off != y->rbp_off || x->kind != y->kind ||
	    x->nlabels != y->nlabels || (x->values == NULL) !=
	    (y->values == NULL) || x->reg != y->reg ||
	    x->to_dummy != y->to_dummy || x->changed != y->changed ||
	    x->has_writer != y->has_writer ||
	    x->overwritten != y->overwritten || x->was != y->was ||
	    x->has_by != y->has_by || !str_same(x->objvalue, y->objvalue) ||
	    !str_same(x->points_to, y->points_to) ||
	    !str_same(x->regname, y->regname) || strcmp(x->conv, y->conv) ||
	    strcmp(x->note, y->note) || !where_same(&x->target, &y->target))
		return false;
	for (i = 0; i < x->nlabels; i++)
		if (!str_same(x->labels[i], y->labels[i]) ||
		    (x->values != NULL && !str_same(x->values[i],
		    y->values[i])))
			return false;
	if (x->has_writer && (x->writer_pc != y->writer_pc ||
	    x->writer_line != y->writer_line ||
	    strcmp(x->writer_insn, y->writer_insn) != 0 ||
	    !str_same(x->writer_file, y->writer_file)))
		return false;
	return !x->overwritten || (where_same(&x->was_target,
	    &y->was_target) && (!x->has_by || writer_same(&x->by, &y->by)));
}

/* Whether map X of a frame shows what map Y showed, to the byte.  */
static bool
frame_same(const struct fs_frame_anatomy *x, const struct fs_frame_anatomy *y)
{
	size_t i;

	if (x->index != y->index || x->sp != y->sp || x->cfa != y->cfa ||
	    x->rbp != y->rbp || x->uses_fp != y->uses_fp ||
	    x->prologue != y->prologue || x->epilogue != y->epilogue ||
	    x->redzone != y->redzone || x->lo != y->lo || x->hi != y->hi ||
	    x->word != y->word || x->arch != y->arch ||
	    x->truncated != y->truncated || x->nslots != y->nslots ||
	    strcmp(x->convention, y->convention) != 0)
		return false;
	for (i = 0; i < x->nslots; i++)
		if (!slot_same(&x->slots[i], &y->slots[i]))
			return false;
	return true;
}

int
fs_anatomy_compute(struct fs_anatomy *a, struct fs_session *s, size_t max,
    const struct fs_frame_anatomy **out, size_t *n, struct fs_err *e)
{
	const struct fs_stop *st = fs_session_stop(s);
	struct fs_unwinder *u = fs_session_unwinder(s);
	struct fs_modules *m = fs_session_modules(s);
	const struct fs_arch *arch = fs_session_arch(s);
	const uint64_t W = arch->word;
	const struct fs_frame_regs *fr;
	struct fs_frame_regs *frs = NULL;
	const struct fs_frame *f;
	const struct fs_anat_obj *objs;
	const uint8_t *prev;
	struct fs_frame_anatomy *fa;
	struct save *saves = NULL;
	struct fs_insn writer;
	struct fs_where ww;
	const struct words *ws;
	uint64_t prevlo, guard = 0;
	size_t nf, nfr, nshow, nsaves = 0, i, j, k, prevlen, nobjs;
	bool have_guard, have_writer = false, oldok, *described = NULL;
	unsigned r;
	int rc;

	*out = NULL;
	*n = 0;
	/* The last map stays until this one is made, to be compared.  */
	frames_free(a->pfa, a->npfa);
	a->pfa = a->fa;
	a->npfa = a->nfa;
	a->fa = NULL;
	a->nfa = 0;
	{
		struct fs_sbuf *t = a->pkeys;
		size_t nt = a->npkeys;

		/* This map's keys in the buffers of the one's before.  */
		a->pkeys = a->keys;
		a->npkeys = a->nkeys;
		a->keys = t;
		a->nkeys = nt;
		for (i = 0; i < a->nkeys; i++)
			a->keys[i].len = 0;
	}
	taken_free(a);
	/* Names for the frames drawn and the one above (whose function the
	   outgoing arguments are labelled with): not for every library on
	   the stack when fewer are asked for.  */
	if ((rc = fs_session_frames_head(s, max != 0 ? max + 1 : (size_t)-1,
	    &f, &nf, e)) < 0)
		return rc;
	nshow = max != 0 && max < nf ? max : nf;
	/* The saves found in the cursor of frame K+1 are in frames up to
	   K; past a function called from framescope, those of the frames it
	   was called from.  */
	nfr = nshow > 0 ? f[nshow - 1].phys + 2u : 0;
	if ((frs = calloc(nfr + 1, sizeof *frs)) == NULL)
		goto nomem;
	for (i = 0; i < nfr; i++)
		if (fs_session_frame_regs(s, i, &fr) == 0)
			frs[i] = *fr;
	fr = frs;
	have_guard = fs_unwind_canary(u, &guard, NULL) == 0;
	if ((saves = calloc(nfr * FS_UREG_N + 1, sizeof *saves)) == NULL ||
	    (a->fa = calloc(nshow + 1, sizeof *a->fa)) == NULL ||
	    (described = calloc(nshow + 1, sizeof *described)) == NULL)
		goto nomem;
	for (i = 1; i < nfr; i++)
		for (r = 0; r < FS_UREG_N; r++)
			if (fr[i].saved_at[r] != 0) {
				saves[nsaves].addr = fr[i].saved_at[r];
				saves[nsaves++].reg = r;
			}

	for (i = 0; i < nshow; i++) {
		fa = &a->fa[i];
		fa->index = (unsigned)i;
		fa->frame = &f[i];
		fa->sp = f[i].sp;
		fa->cfa = f[i].cfa;
		fa->word = (unsigned)W;
		fa->arch = fs_session_arch(s);
		k = f[i].phys;
		fa->rbp = k < nfr && (fr[k].known & (1u << FS_UREG_RBP)) ?
		    fr[k].val[FS_UREG_RBP] : f[i].fp;
		a->nfa = i + 1;
		/* The slots of a physical frame are drawn once, in the
		   frame of the function the calls inlined there are in; a
		   tail call's frame, made up, has none.  */
		if (fa->cfa == 0 || fa->cfa <= fa->sp || f[i].inlined ||
		    f[i].tailcall)
			continue;
		fa->uses_fp = fa->rbp == fa->cfa - 2 * W && !f[i].dummy;
		/* Code that was interrupted, not one that called.  */
		for (j = i; j > 0 && f[j - 1].phys == f[i].phys; j--)
			;
		if (!f[i].sigtramp && (j == 0 || f[j - 1].sigtramp)) {
			fa->prologue = in_prologue(s, f[i].where.func_addr,
			    f[i].pc);
			fa->epilogue = !fa->prologue && in_epilogue(s,
			    f[i].pc);
		}
		fa->lo = fa->sp & ~(W - 1);
		fa->hi = (fa->cfa + W - 1) & ~(W - 1);
		/* A dummy frame holds what the call put on the stack, up to
		   the stack pointer of the frame it was called from.  */
		if (f[i].dummy && i + 1 < nf && f[i + 1].sp > fa->hi)
			fa->hi = (f[i + 1].sp + W - 1) & ~(W - 1);
		if (fa->hi - fa->lo > FS_ANATOMY_MAXSLOTS * W) {
			fa->lo = fa->hi - FS_ANATOMY_MAXSLOTS * W;
			fa->truncated = true;
		}
	}

	/* The objects, which decide frame 0's red zone too.  */
	for (i = 0; i < nshow && a->prov != NULL; i++) {
		fa = &a->fa[i];
		if (f[i].sigtramp || f[i].tailcall || a->prov(a->provarg, s,
		    &f[i], &objs, &nobjs) < 0)
			continue;
		described[i] = true;
		for (j = 0; f[i].phys == 0 && j < nobjs; j++)
			if (objs[j].addr < fa->sp && objs[j].size > 0 &&
			    objs[j].addr + arch->red_zone >= fa->sp)
				fa->redzone = true;
	}
	/* Frame 0's red zone is the physical frame's: the function's.  */
	for (k = 0; k + 1 < nshow && f[k].inlined; k++)
		if (a->fa[k].redzone)
			a->fa[k + 1].redzone = true;
	fa = &a->fa[k];
	if (nshow > 0 && fa->cfa > fa->sp && !f[k].sigtramp && !fa->redzone &&
	    !fa->prologue && arch->red_zone > 0)
		fa->redzone = uses_redzone(s, f[k].where.func_addr,
		    func_size(m, f[k].where.func_addr), fa->sp, fa->rbp,
		    fa->uses_fp);
	if (nshow > 0 && fa->redzone && !fa->truncated)
		fa->lo = (fa->sp & ~(W - 1)) - arch->red_zone;

	if (frame_keys(a, s, f, nf, nshow, described, have_guard, guard, saves,
	    nsaves) < 0)
		goto nomem;
	for (i = 0; i < nshow; i++) {
		fa = &a->fa[i];
		if (a->taken[i]) {
			frame_take(a, i);
			continue;
		}
		if (fa->hi > fa->lo && frame_slots(u, m, arch, fa, saves,
		    nsaves) < 0)
			goto nomem;
		/* Below a dummy frame, the return into it; in it, the red
		   zone of the frame it was called from, which the call
		   left alone.  */
		for (j = 0; j < fa->nslots; j++) {
			struct fs_slot *sl = &fa->slots[j];

			if (sl->kind == FS_SLOT_RETADDR && i + 1 < nf &&
			    f[i + 1].dummy && sl->value == f[i + 1].pc)
				sl->to_dummy = true;
			if (f[i].dummy && i + 1 < nf && sl->addr < f[i + 1].sp &&
			    sl->addr + arch->red_zone >= f[i + 1].sp &&
			    sl->kind == FS_SLOT_UNKNOWN)
				sl->kind = FS_SLOT_REDZONE;
		}
	}
	/* The provider is called again: its objects live until then.  */
	for (i = 0; i < nshow && a->prov != NULL; i++) {
		if (!described[i] || a->prov(a->provarg, s, &f[i], &objs,
		    &nobjs) < 0)
			continue;
		/* An inlined call's objects are in its function's slots. */
		for (k = i; k + 1 < nshow && f[k].inlined; k++)
			;
		if (place_objects(a, &a->fa[k], objs, nobjs, f[k].sigtramp ?
		    NULL : fs_fcode_at(fs_guard_fcodes(fs_session_guard(s)), s,
		    k == 0 ? f[k].pc : f[k].pc - 1), k == 0 && i == 0 ?
		    f[0].pc : 0) < 0)
			goto nomem;
	}
	/* The stack arguments of a call the innermost frame is about to
	   make, in the physical frame's slots.  */
	for (k = 0; k + 1 < nshow && f[k].inlined; k++)
		;
	if (nshow > 0 && f[k].phys == 0 && !f[k].sigtramp && !f[k].dummy &&
	    place_next_call(a, s, &a->fa[k]) < 0)
		goto nomem;
	/* Conventions, where the ABI leaves each function its own.  */
	for (i = 0; i < nshow && arch->narg_regs == 0; i++)
		if (a->fa[i].nslots > 0 && !f[i].inlined) {
			frame_convention(a, s, &a->fa[i], &f[i]);
			frame_realigned(&a->fa[i]);
		}
	for (i = 0; i < nshow; i++) {
		fa = &a->fa[i];
		if (a->taken[i])
			continue;
		frame_control(s, fa);
		frame_rest(fa, have_guard, guard, described[i],
		    fa->nslots == 0 ? NULL : fs_fcode_at(fs_guard_fcodes(
		    fs_session_guard(s)), s, i == 0 || f[i].sigtramp ?
		    f[i].pc : f[i].pc - 1), f[i].phys == 0 && !f[i].sigtramp ?
		    f[i].pc : 0);
	}

	/* What changed, and what wrote it.  */
	prev = fs_session_prev_stack(s, &prevlo, &prevlen);
	/* The map of the previous stop: the last one, or the one before it
	   when the last was of this stop.  */
	ws = a->cur.valid && a->cur.stop == st->number ? &a->old : &a->cur;
	oldok = ws->valid && ws->tid == st->tid && st->number > 0 &&
	    ws->stop == st->number - 1;
	if (st->single_step && decode(s, st->prev_pc, &writer) == 0) {
		have_writer = true;
		fs_unwind_where_at(u, m, st->prev_pc, st->prev_pc, &ww);
	}
	for (i = 0; i < nshow; i++) {
		fa = &a->fa[i];
		for (j = 0; j < fa->nslots; j++) {
			struct fs_slot *sl = &fa->slots[j];
			const struct oldword *ow;
			uint64_t v;

			if (!sl->readable)
				continue;
			if (prev != NULL && sl->addr >= prevlo &&
			    sl->addr + W <= prevlo + prevlen) {
				v = 0;
				memcpy(&v, prev + (sl->addr - prevlo), W);
				sl->changed = v != sl->value ? FS_CHANGE_YES :
				    FS_CHANGE_NO;
			} else if (oldok && (ow = old_find(ws, sl->addr)) !=
			    NULL)
				sl->changed = ow->value != sl->value ?
				    FS_CHANGE_YES : FS_CHANGE_NO;
			if (sl->changed == FS_CHANGE_YES && have_writer) {
				sl->has_writer = true;
				sl->writer_pc = st->prev_pc;
				snprintf(sl->writer_insn,
				    sizeof sl->writer_insn, "%s", writer.gdbtext);
				sl->writer_file = ww.file;
				sl->writer_line = ww.line;
			}
		}
	}
	stale_notes(a, s, st);
	ghosts_keep(a, st);
	remember(a, st);
	for (i = 0; i < a->nfa; i++)
		a->fa[i].ident = a->taken[i] ? (taken_same(a, i) ?
		    a->tident[i] : 0) : i < a->npfa && a->pfa[i].ident != 0 &&
		    frame_same(&a->fa[i], &a->pfa[i]) ? a->pfa[i].ident : 0;
	for (i = 0; i < a->nfa; i++)
		if (a->fa[i].ident == 0)
			a->fa[i].ident = __atomic_add_fetch(&idents, 1,
			    __ATOMIC_RELAXED);
	frames_free(a->pfa, a->npfa);
	a->pfa = NULL;
	a->npfa = 0;
	free(saves);
	free(described);
	free(frs);
	*out = a->fa;
	*n = a->nfa;
	return 0;
nomem:
	free(saves);
	free(described);
	free(frs);
	frames_clear(a);
	return fs_err_set(e, FS_E_NOMEM, "out of memory");
}

const struct fs_slot *
fs_anatomy_slot_at(const struct fs_frame_anatomy *fa, size_t n, uint64_t addr,
    size_t *frame)
{
	size_t i, lo, hi, mid;

	for (i = 0; i < n; i++) {
		if (fa[i].nslots == 0 || addr < fa[i].slots[0].addr ||
		    addr >= fa[i].slots[fa[i].nslots - 1].addr + 8)
			continue;
		lo = 0;
		hi = fa[i].nslots;
		while (lo < hi) {
			mid = (lo + hi) / 2;
			if (addr < fa[i].slots[mid].addr)
				hi = mid;
			else if (addr >= fa[i].slots[mid].addr + 8)
				lo = mid + 1;
			else {
				if (frame != NULL)
					*frame = i;
				return &fa[i].slots[mid];
			}
		}
	}
	return NULL;
}

static void
labels_text(const struct fs_slot *sl, char *buf, size_t len)
{
	size_t i;

	for (i = 0; i < sl->nlabels; i++) {
		fs_strcatf(buf, len, "%s%s", i ? ", " : "", sl->labels[i]);
		if (sl->values != NULL && sl->values[i] != NULL)
			fs_strcatf(buf, len, " = %s", sl->values[i]);
	}
	/* A slot made without a value for each label (a view's own, a
	   test's) has one for all of them.  */
	if (sl->values == NULL && sl->objvalue != NULL)
		fs_strcatf(buf, len, " = %s", sl->objvalue);
	if (sl->points_to != NULL)
		fs_strcatf(buf, len, " -> %s", sl->points_to);
}

/* "main+67", or the address when no function holds it.  */
static void
where_text(const struct fs_where *w, uint64_t v, char *buf, size_t len)
{
	if (w->func != NULL && v >= w->func_addr)
		fs_strcatf(buf, len, "%s+%" PRIu64, w->func, v - w->func_addr);
	else
		fs_strcatf(buf, len, "0x%" PRIx64, v);
}

void
fs_slot_text(const struct fs_slot *sl, const char *arrow, bool kind_words,
    char *buf, size_t len)
{
	const struct fs_where *w = &sl->target;

	buf[0] = '\0';
	switch (sl->kind) {
	case FS_SLOT_RETADDR:
		fs_strcatf(buf, len, "return address %s ", arrow);
		if (sl->to_dummy)
			fs_strcatf(buf, len, "<function called from "
			    "framescope>");
		else
			where_text(w, sl->value, buf, len);
		if (w->file != NULL && !sl->overwritten)
			fs_strcatf(buf, len, " (%s:%u)", w->file, w->line);
		if (sl->overwritten) {
			fs_strcatf(buf, len, " (overwritten; was ");
			where_text(&sl->was_target, sl->was, buf, len);
			fs_strcatf(buf, len, ")");
		}
		if (sl->conv[0] != '\0')
			fs_strcatf(buf, len, "; %s", sl->conv);
		return;
	case FS_SLOT_SAVED_RBP:
	case FS_SLOT_SAVED_REG:
		/* A slot made by hand, not by fs_anatomy_compute, names
		   x86-64's register.  */
		fs_strcatf(buf, len, "saved %s", sl->regname != NULL ?
		    sl->regname : fs_ureg_name(sl->kind == FS_SLOT_SAVED_RBP ?
		    FS_UREG_RBP : sl->reg));
		if (sl->conv[0] != '\0')
			fs_strcatf(buf, len, "; %s", sl->conv);
		break;
	case FS_SLOT_PARAM:
	case FS_SLOT_LOCAL:
	case FS_SLOT_OUTARG:
		if (kind_words)
			fs_strcatf(buf, len, "%s ", sl->kind == FS_SLOT_PARAM ?
			    "param" : sl->kind == FS_SLOT_LOCAL ? "local" :
			    "outgoing");
		else {
			if (sl->nlabels == 0 && sl->objvalue == NULL)
				fs_strcatf(buf, len, sl->kind == FS_SLOT_LOCAL ?
				    "local" : "argument");
			if (sl->kind == FS_SLOT_OUTARG)
				fs_strcatf(buf, len, "outgoing ");
		}
		labels_text(sl, buf, len);
		if (sl->note[0] != '\0')
			fs_strcatf(buf, len, " (%s)", sl->note);
		if (sl->conv[0] != '\0')
			fs_strcatf(buf, len, "%s%s", sl->nlabels > 0 ||
			    sl->objvalue != NULL ? "; " : "", sl->conv);
		return;
	case FS_SLOT_PADDING:
		/* A word no object covers but whose part in the frame is
		   known.  */
		fs_strcatf(buf, len, "%s", sl->conv[0] != '\0' ? sl->conv :
		    "padding");
		break;
	case FS_SLOT_CANARY:
		fs_strcatf(buf, len, "canary");
		break;
	case FS_SLOT_REDZONE:
		fs_strcatf(buf, len, "red zone");
		break;
	case FS_SLOT_TEMP:
		fs_strcatf(buf, len, "%s", sl->conv[0] != '\0' ? sl->conv :
		    "temporary");
		break;
	default:
		break;
	}
	if (sl->overwritten)
		fs_strcatf(buf, len, " (overwritten; was 0x%" PRIx64 ")",
		    sl->was);
	if (sl->nlabels > 0) {
		fs_strcatf(buf, len, buf[0] ? " (" : "(");
		labels_text(sl, buf, len);
		fs_strcatf(buf, len, ")");
	}
	if (sl->note[0] != '\0')
		fs_strcatf(buf, len, buf[0] ? " (%s)" : "%s", sl->note);
}

void
fs_slot_labels(const struct fs_slot *sl, char *buf, size_t len)
{
	buf[0] = '\0';
	labels_text(sl, buf, len);
}
