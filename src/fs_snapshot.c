/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_snapshot: JSON snapshots of a stop (see include/fs_snapshot.h). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fs_insn.h"
#include "fs_sbuf.h"
#include "fs_record.h"
#include "fs_snapshot.h"
#include "fs_value.h"
#include "fs_vars.h"
#include "fs_target.h"

const char *
fs_snapshot_reason(int reason)
{
	switch (reason) {
	case FS_STOP_ENTRY: return "entry";
	case FS_STOP_ATTACHED: return "attached";
	case FS_STOP_BREAKPOINT: return "breakpoint";
	case FS_STOP_STEP: return "step";
	case FS_STOP_SIGNAL: return "signal";
	case FS_STOP_INTERRUPT: return "interrupt";
	case FS_STOP_EXITED: return "exited";
	case FS_STOP_WATCHPOINT: return "watchpoint";
	case FS_STOP_WATCH_SCOPE: return "watchpoint-scope";
	case FS_STOP_SMASH: return "smash";
	case FS_STOP_NO_HISTORY: return "no-history";
	case FS_STOP_RECORD: return "record-stopped";
	default: return "none";
	}
}

static json_t *
hex(uint64_t v)
{
	char buf[24];

	snprintf(buf, sizeof buf, "0x%llx", (unsigned long long)v);
	return json_string(buf);
}

/* Every general register, rip, rsp and rbp first: they are what a reader
   of a frame looks for.  */
static json_t *
regs_json(const struct user_regs_struct *r)
{
	static const char *const first[] = { "rip", "rsp", "rbp" };
	const struct fs_regdesc *rd;
	json_t *o = json_object();
	uint64_t v;
	size_t i, n;

	for (i = 0; i < 3; i++)
		if (fs_target_regval(r, first[i], 3, &v) == 0)
			json_object_set_new(o, first[i], hex(v));
	rd = fs_target_regdescs(&n);
	for (i = 0; i < n + 1; i++) {	/* orig_rax too */
		if (strcmp(rd[i].name, "rip") == 0 ||
		    strcmp(rd[i].name, "rsp") == 0 ||
		    strcmp(rd[i].name, "rbp") == 0)
			continue;
		memcpy(&v, (const char *)r + rd[i].off, 8);
		json_object_set_new(o, rd[i].name, hex(v));
	}
	return o;
}

static json_t *
frame_json(const struct fs_frame *f)
{
	json_t *o = json_object();

	json_object_set_new(o, "index", json_integer(f->index));
	if (f->sigtramp)
		json_object_set_new(o, "function",
		    json_string("<signal handler called>"));
	else
		json_object_set_new(o, "function", f->where.func ?
		    json_string(f->where.func) : json_null());
	json_object_set_new(o, "file", f->where.file ?
	    json_string(f->where.file) : json_null());
	json_object_set_new(o, "line", f->where.line ?
	    json_integer(f->where.line) : json_null());
	if (f->where.file != NULL && f->where.fullpath != NULL)
		json_object_set_new(o, "fullname",
		    json_string(f->where.fullpath));
	json_object_set_new(o, "pc", hex(f->pc));
	json_object_set_new(o, "cfa", f->cfa ? hex(f->cfa) : json_null());
	json_object_set_new(o, "sp", hex(f->sp));
	json_object_set_new(o, "fp", hex(f->fp));
	json_object_set_new(o, "module", f->where.mod ?
	    json_string(f->where.mod->path) : json_null());
	if (f->sigtramp)
		json_object_set_new(o, "signal_frame", json_true());
	if (f->inlined)
		json_object_set_new(o, "inlined", json_true());
	if (f->tailcall)
		json_object_set_new(o, "tailcall", json_true());
	return o;
}

/* A store that wrote a stack word: its instruction, where it is, and
   for one in a library function, the program's call of it.  */
static json_t *
writer_json(const struct fs_writer *by)
{
	json_t *w = json_object();

	json_object_set_new(w, "insn", by->insn[0] ? json_string(by->insn) :
	    json_null());
	if (by->callee[0] != '\0')
		json_object_set_new(w, "callee", json_string(by->callee));
	json_object_set_new(w, "pc", hex(by->pc));
	json_object_set_new(w, "function", by->func ? json_string(by->func) :
	    json_null());
	json_object_set_new(w, "file", by->file ? json_string(by->file) :
	    json_null());
	json_object_set_new(w, "line", by->line ? json_integer(by->line) :
	    json_null());
	if (by->call_func != NULL || by->call_file != NULL) {
		json_t *cl = json_object();

		json_object_set_new(cl, "function", by->call_func ?
		    json_string(by->call_func) : json_null());
		json_object_set_new(cl, "file", by->call_file ?
		    json_string(by->call_file) : json_null());
		json_object_set_new(cl, "line", by->call_line ?
		    json_integer(by->call_line) : json_null());
		json_object_set_new(w, "called_at", cl);
	}
	json_object_set_new(w, "stop", json_integer((json_int_t)by->stop));
	return w;
}

/* What the guard stopped for.  */
static json_t *
smash_json(const struct fs_smash *sm)
{
	json_t *o = json_object();

	json_object_set_new(o, "message", json_string(sm->msg));
	json_object_set_new(o, "lo", hex(sm->lo));
	json_object_set_new(o, "hi", hex(sm->hi));
	json_object_set_new(o, "object", sm->object[0] ?
	    json_string(sm->object) : json_null());
	json_object_set_new(o, "function", sm->frame_func[0] ?
	    json_string(sm->frame_func) : json_null());
	json_object_set_new(o, "hit", json_string(sm->hit));
	if (sm->by.pc != 0 || sm->by.call_func != NULL ||
	    sm->by.call_file != NULL)
		json_object_set_new(o, "by", writer_json(&sm->by));
	return o;
}

static json_t *
slot_json(const struct fs_slot *sl)
{
	json_t *o = json_object(), *l = json_array(), *w;
	size_t i;
	char label[2048], all[4096] = "", text[1024];

	json_object_set_new(o, "addr", hex(sl->addr));
	json_object_set_new(o, "size", json_integer(sl->size));
	json_object_set_new(o, "value", sl->readable ? hex(sl->value) :
	    json_null());
	json_object_set_new(o, "cfa_off", json_integer(sl->cfa_off));
	if (sl->has_rbp_off)
		json_object_set_new(o, "fp_off", json_integer(sl->rbp_off));
	json_object_set_new(o, "kind",
	    json_string(fs_slot_kind_name(sl->kind)));
	/* What the word is, in the words `frames` draws.  */
	fs_slot_text(sl, "\xe2\x86\x92", true, text, sizeof text);
	json_object_set_new(o, "text", json_string(text));
	/* "labels": each with its value; "label": all as one string.  */
	for (i = 0; i < sl->nlabels; i++) {
		const char *v = sl->values != NULL ? sl->values[i] : NULL;

		snprintf(label, sizeof label, "%s%s%s", sl->labels[i],
		    v != NULL ? " = " : "", v != NULL ? v : "");
		json_array_append_new(l, json_string(label));
		fs_strcatf(all, sizeof all, "%s%s", i ? ", " : "", label);
	}
	json_object_set_new(o, "label", json_string(all));
	json_object_set_new(o, "labels", l);
	if (sl->points_to != NULL)
		json_object_set_new(o, "points_to",
		    json_string(sl->points_to));
	if (sl->kind == FS_SLOT_SAVED_REG)
		json_object_set_new(o, "reg",
		    json_string(fs_ureg_name(sl->reg)));
	if (sl->kind == FS_SLOT_RETADDR) {
		w = json_object();
		json_object_set_new(w, "function", sl->target.func ?
		    json_string(sl->target.func) : json_null());
		json_object_set_new(w, "offset", sl->target.func ?
		    json_integer((json_int_t)(sl->value -
		    sl->target.func_addr)) : json_null());
		json_object_set_new(w, "file", sl->target.file ?
		    json_string(sl->target.file) : json_null());
		json_object_set_new(w, "line", sl->target.line ?
		    json_integer(sl->target.line) : json_null());
		json_object_set_new(o, "target", w);
	}
	json_object_set_new(o, "changed", sl->changed == FS_CHANGE_UNKNOWN ?
	    json_null() : json_boolean(sl->changed == FS_CHANGE_YES));
	if (sl->has_writer) {
		w = json_object();
		json_object_set_new(w, "insn", json_string(sl->writer_insn));
		json_object_set_new(w, "pc", hex(sl->writer_pc));
		json_object_set_new(w, "file", sl->writer_file ?
		    json_string(sl->writer_file) : json_null());
		json_object_set_new(w, "line", sl->writer_line ?
		    json_integer(sl->writer_line) : json_null());
		json_object_set_new(o, "written_by", w);
	}
	if (sl->note[0] != '\0')
		json_object_set_new(o, "note", json_string(sl->note));
	if (sl->overwritten) {
		w = json_object();
		json_object_set_new(w, "was", hex(sl->was));
		if (sl->has_by)
			json_object_set_new(w, "by", writer_json(&sl->by));
		json_object_set_new(o, "corrupted", w);
	}
	return o;
}

static void
anatomy_json(json_t *fo, const struct fs_frame_anatomy *fa)
{
	json_t *arr = json_array();
	size_t i;

	json_object_set_new(fo, "state", json_string(fa->prologue ?
	    "prologue" : fa->epilogue ? "epilogue" : "body"));
	json_object_set_new(fo, "prologue", json_boolean(fa->prologue));
	json_object_set_new(fo, "epilogue", json_boolean(fa->epilogue));
	if (fa->truncated)
		json_object_set_new(fo, "truncated", json_true());
	for (i = fa->nslots; i-- > 0;)
		json_array_append_new(arr, slot_json(&fa->slots[i]));
	json_object_set_new(fo, "slots", arr);
}

/* Where the snapshot says a variable is.  */
struct vplace {
	uint64_t	 stack_lo, stack_hi;	/* the stack of the stop */
};

static const char *
place_name(const struct fs_varval *v, const struct vplace *vp)
{
	switch (v->place) {
	case FS_PLACE_MEMORY:
		return v->addr >= vp->stack_lo && v->addr < vp->stack_hi ?
		    "stack" : "static";
	case FS_PLACE_REGISTER:
		return "register";
	case FS_PLACE_OPTIMIZED_OUT:
		return "optimized-out";
	default:
		return "composite";
	}
}

static const struct fs_type *
strip(const struct fs_type *t)
{
	int depth = 0;

	while (t != NULL && depth++ < 32 && (t->kind == FS_TYPE_TYPEDEF ||
	    t->kind == FS_TYPE_CONST || t->kind == FS_TYPE_VOLATILE))
		t = t->target;
	return t;
}

/* Array elements shown as members, at most.  */
#define MAX_ELEMENTS	16
#define MAX_MEMBER_DEPTH 4

static void member_objs(struct fs_session *, json_t *, const char *,
    const char *, const struct fs_type *, const uint8_t *, const uint8_t *,
    size_t, bool, uint64_t, unsigned);

/* One part of a variable: NAME of type T at BYTES (LEN), at ADDR when
   in memory.  */
static json_t *
member_obj(struct fs_session *s, const char *name, const char *kind,
    const char *where, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, bool in_mem, uint64_t addr,
    unsigned depth)
{
	json_t *o = json_object();
	char tn[256], *val = NULL;

	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "kind", json_string(kind));
	json_object_set_new(o, "type", json_string(fs_value_type_name(t,
	    NULL, 0, tn, sizeof tn)));
	if (fs_vars_format(s, t, bytes, valid, len, &val) == 0 && val != NULL)
		json_object_set_new(o, "value", json_string(val));
	free(val);
	json_object_set_new(o, "location", json_string(where));
	if (in_mem)
		json_object_set_new(o, "addr", hex(addr));
	json_object_set_new(o, "size", json_integer((json_int_t)len));
	member_objs(s, o, kind, where, t, bytes, valid, len, in_mem, addr,
	    depth + 1);
	return o;
}

/* The "members" of an aggregate: a struct's or union's members by name,
   an array's first elements as "[i]".  */
static void
member_objs(struct fs_session *s, json_t *o, const char *kind,
    const char *where, const struct fs_type *t, const uint8_t *bytes,
    const uint8_t *valid, size_t len, bool in_mem, uint64_t addr,
    unsigned depth)
{
	const struct fs_type *st = strip(t), *et;
	json_t *arr;
	char name[32];
	uint64_t esz, n = 1, off, msz, i;
	size_t k;

	if (st == NULL || depth > MAX_MEMBER_DEPTH || bytes == NULL)
		return;
	if (st->kind == FS_TYPE_STRUCT || st->kind == FS_TYPE_UNION) {
		arr = json_array();
		for (k = 0; k < st->nmembers; k++) {
			const struct fs_member *m = &st->members[k];
			uint8_t tmp[8];

			off = m->offset;
			msz = strip(m->type) != NULL ? strip(m->type)->size :
			    0;
			if (m->bit_size > 0 && msz <= 8 && off + msz <= len) {
				/* A bitfield: its bits, shifted down.  */
				uint64_t v = 0, mask;

				memcpy(&v, bytes + off, msz);
				v >>= m->bit_offset;
				mask = m->bit_size >= 64 ? ~0ULL :
				    (1ULL << m->bit_size) - 1;
				v &= mask;
				memcpy(tmp, &v, 8);
				json_array_append_new(arr, member_obj(s,
				    m->name ? m->name : "", kind, where,
				    m->type, tmp, NULL, msz, in_mem,
				    addr + off, depth));
				continue;
			}
			if (msz == 0 || off + msz > len)
				continue;
			json_array_append_new(arr, member_obj(s, m->name ?
			    m->name : "", kind, where, m->type, bytes + off,
			    valid ? valid + off : NULL, msz, in_mem,
			    addr + off, depth));
		}
		json_object_set_new(o, "members", arr);
	} else if (st->kind == FS_TYPE_ARRAY && st->ndims > 0) {
		et = st->target;
		/* An element of a multi-dimensional array is a row.  */
		for (k = 1; k < st->ndims; k++)
			n *= st->dims[k].has_count ? st->dims[k].count : 0;
		esz = (strip(et) != NULL ? strip(et)->size : 0) * n;
		if (esz == 0 || st->ndims > 1)
			return;
		arr = json_array();
		for (i = 0; i < MAX_ELEMENTS && (i + 1) * esz <= len; i++) {
			snprintf(name, sizeof name, "[%llu]",
			    (unsigned long long)i);
			json_array_append_new(arr, member_obj(s, name, kind,
			    where, et, bytes + i * esz, valid ? valid +
			    i * esz : NULL, esz, in_mem, addr + i * esz,
			    depth));
		}
		json_object_set_new(o, "members", arr);
	}
}

static void
vars_json(struct fs_session *s, json_t *arr, const struct fs_varval *v,
    size_t n, bool params, const struct vplace *vp)
{
	json_t *o;
	char tn[256];
	const char *where;
	size_t i;

	for (i = 0; i < n; i++) {
		o = json_object();
		where = place_name(&v[i], vp);
		json_object_set_new(o, "name", json_string(v[i].var->name ?
		    v[i].var->name : "?"));
		json_object_set_new(o, "kind", json_string(params ? "param" :
		    "local"));
		json_object_set_new(o, "type", json_string(fs_value_type_name(
		    v[i].type, NULL, 0, tn, sizeof tn)));
		json_object_set_new(o, "value", json_string(v[i].value ?
		    v[i].value : "<error>"));
		json_object_set_new(o, "location", json_string(where));
		if (v[i].in_memory)
			json_object_set_new(o, "addr", hex(v[i].addr));
		json_object_set_new(o, "size", json_integer((json_int_t)
		    (v[i].type != NULL && strip(v[i].type) != NULL ?
		    strip(v[i].type)->size : 0)));
		json_object_set_new(o, "where", json_string(v[i].where));
		member_objs(s, o, params ? "param" : "local", where, v[i].type,
		    v[i].bytes, v[i].valid, v[i].len, v[i].in_memory,
		    v[i].addr, 0);
		json_array_append_new(arr, o);
	}
}

/* The frame's arguments and locals, with where each lives at the pc.  */
static void
frame_vars_json(json_t *fo, struct fs_session *s, unsigned frame,
    const struct vplace *vp)
{
	struct fs_frame_vars *fv;
	json_t *arr;

	if (fs_vars_frame(s, frame, &fv, NULL) < 0)
		return;
	if (fv->func != NULL) {
		arr = json_array();
		vars_json(s, arr, fv->args, fv->nargs, true, vp);
		vars_json(s, arr, fv->locals, fv->nlocals, false, vp);
		json_object_set_new(fo, "vars", arr);
	}
	fs_vars_free(fv);
}

int
fs_snapshot_string(struct fs_session *s, char **out, struct fs_err *e)
{
	return fs_snapshot_string_slots(s, NULL, out, e);
}

int
fs_snapshot_string_slots(struct fs_session *s, struct fs_anatomy *a,
    char **out, struct fs_err *e)
{
	const struct fs_frame_anatomy *fa = NULL;
	struct vplace vp;
	size_t nfa = 0;
	const struct fs_stop *st = fs_session_stop(s);
	const struct user_regs_struct *regs = NULL;
	const struct fs_frame *f;
	json_t *o, *arr;
	size_t n, i;

	if ((o = json_object()) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	json_object_set_new(o, "stop", json_integer((json_int_t)st->number));
	json_object_set_new(o, "reason",
	    json_string(fs_snapshot_reason(st->reason)));
	json_object_set_new(o, "pid", json_integer(st->pid));
	json_object_set_new(o, "tid", json_integer(st->tid));
	if (fs_session_record(s) != NULL)
		json_object_set_new(o, "record_insn", json_integer((json_int_t)
		    fs_record_pos(fs_session_record(s))));
	if (st->reason == FS_STOP_BREAKPOINT)
		json_object_set_new(o, "breakpoint", json_integer(st->bpnum));
	if (st->reason == FS_STOP_WATCHPOINT ||
	    st->reason == FS_STOP_WATCH_SCOPE)
		json_object_set_new(o, "watchpoint", json_integer(st->bpnum));
	if (st->sig != 0)
		json_object_set_new(o, "signal",
		    json_string(fs_signame(st->sig)));
	if (st->reason == FS_STOP_SIGNAL && st->sigaddr != 0)
		json_object_set_new(o, "fault_addr", hex(st->sigaddr));
	if (st->reason == FS_STOP_EXITED && st->sig == 0)
		json_object_set_new(o, "exit_code",
		    json_integer(st->exit_status));
	if (st->reason == FS_STOP_SMASH)
		json_object_set_new(o, "smash", smash_json(
		    fs_guard_smash(fs_session_guard(s))));
	if (fs_session_alive(s) && fs_session_regs(s, &regs, NULL) == 0) {
		uint8_t code[16];
		struct fs_insn in;
		ssize_t got;

		json_object_set_new(o, "pc", hex(regs->rip));
		/* The instruction about to run, as x/i writes it.  */
		if ((got = fs_session_read(s, regs->rip, code, sizeof code,
		    NULL)) > 0 && fs_insn_decode(code, (size_t)got, regs->rip,
		    false, &in) == 0 && in.len > 0)
			json_object_set_new(o, "insn",
			    json_string(in.gdbtext));
		json_object_set_new(o, "regs", regs_json(regs));
	}
	arr = json_array();
	if (a != NULL && fs_session_alive(s) && fs_anatomy_compute(a, s, 0,
	    &fa, &nfa, NULL) < 0)
		nfa = 0;
	memset(&vp, 0, sizeof vp);
	if (fs_session_alive(s) && fs_session_frames(s, &f, &n, NULL) == 0) {
		/* The stack: from the red zone to the outermost frame.  */
		vp.stack_lo = regs != NULL ? regs->rsp - 128 : 0;
		for (i = 0; i < n; i++)
			if (f[i].cfa > vp.stack_hi)
				vp.stack_hi = f[i].cfa;
	}
	if (fs_session_alive(s) && fs_session_frames(s, &f, &n, NULL) == 0)
		for (i = 0; i < n; i++) {
			json_t *fo = frame_json(&f[i]);

			if (i < nfa) {
				frame_vars_json(fo, s, (unsigned)i, &vp);
				anatomy_json(fo, &fa[i]);
			}
			json_array_append_new(arr, fo);
		}
	json_object_set_new(o, "frames", arr);
	{
		char buf[128];
		const char *why = fs_session_alive(s) ?
		    fs_session_frames_end(s, buf, sizeof buf) : NULL;

		/* Why the frames end early, in gdb's words.  */
		if (why != NULL)
			json_object_set_new(o, "backtrace_stopped",
			    json_string(why));
	}
	*out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (*out == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	return 0;
}

int
fs_snapshot_write(struct fs_session *s, FILE *f, struct fs_err *e)
{
	return fs_snapshot_write_slots(s, NULL, f, e);
}

int
fs_snapshot_write_slots(struct fs_session *s, struct fs_anatomy *a, FILE *f,
    struct fs_err *e)
{
	char *str;
	int r;

	if ((r = fs_snapshot_string_slots(s, a, &str, e)) < 0)
		return r;
	if (fputs(str, f) == EOF || fputc('\n', f) == EOF ||
	    fflush(f) == EOF) {
		free(str);
		return fs_err_sys(e, "cannot write snapshot");
	}
	free(str);
	return 0;
}
