/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_snapshot: JSON snapshots of a stop (see include/fs_snapshot.h). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "fs_insn.h"
#include "fs_rust.h"
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
	if (f->dummy)
		json_object_set_new(o, "dummy", json_true());
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
slot_json(const struct fs_arch *arch, const struct fs_slot *sl)
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
		const char *v = sl->values != NULL ? sl->values[i] :
		    i + 1 == sl->nlabels ? sl->objvalue : NULL;

		snprintf(label, sizeof label, "%s%s%s", sl->labels[i],
		    v != NULL ? " = " : "", v != NULL ? v : "");
		json_array_append_new(l, json_string(label));
		fs_strcatf(all, sizeof all, "%s%s", i ? ", " : "", label);
	}
	json_object_set_new(o, "label", json_string(all));
	json_object_set_new(o, "labels", l);
	if (sl->conv[0] != '\0')
		json_object_set_new(o, "convention", json_string(sl->conv));
	if (sl->points_to != NULL)
		json_object_set_new(o, "points_to",
		    json_string(sl->points_to));
	if (sl->kind == FS_SLOT_SAVED_REG)
		json_object_set_new(o, "reg",
		    json_string(fs_ureg_name_arch(arch, sl->reg)));
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

/* Where the snapshot says a variable is.  */
static const char *
place_name(const struct fs_varval *v)
{
	switch (v->place) {
	case FS_PLACE_MEMORY:
		return v->storage == FS_STORAGE_STATIC ? "static" :
		    v->storage == FS_STORAGE_TLS ? "thread-local" : "stack";
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

/* The elements of an array shown as members, at most (gdb's print
   elements), how deep members nest, and how many one snapshot holds.  */
#define MAX_ELEMENTS	200
#define MAX_MEMBER_DEPTH 8
#define MAX_MEMBERS	20000

/* What every part of one variable shares.  */
struct mctx {
	struct fs_session *s;
	const char	*kind, *where;
	unsigned	 budget;	/* member objects left */
};

static void member_objs(struct mctx *, json_t *, const char *,
    const struct fs_type *, const uint8_t *, const uint8_t *, size_t, bool,
    uint64_t, unsigned);

/* The machine's view of a scalar: "raw", its bytes in memory order as
   hex, and "number": an integer (a decimal string past 64 bits), a float
   (a string for NaN and the infinities, which JSON has not), an
   enumerator's value.  */
static void
raw_json(json_t *o, const struct fs_type *orig, const uint8_t *bytes,
    const uint8_t *valid, size_t len)
{
	const struct fs_type *t = strip(orig);
	char hexs[2 * 64 + 1], num[48];
	uint64_t x;
	size_t i;
	bool sg;

	if (t == NULL || bytes == NULL || len == 0 || len > 64 ||
	    t->size != len)
		return;
	if (t->kind != FS_TYPE_BASE && t->kind != FS_TYPE_ENUM &&
	    t->kind != FS_TYPE_POINTER && t->kind != FS_TYPE_REFERENCE &&
	    t->kind != FS_TYPE_FLAGS)
		return;
	for (i = 0; valid != NULL && i < len; i++)
		if (valid[i] != 0xff)
			return;
	for (i = 0; i < len; i++)
		snprintf(hexs + 2 * i, 3, "%02x", bytes[i]);
	json_object_set_new(o, "raw", json_string(hexs));
	if (t->kind == FS_TYPE_ENUM || (t->kind == FS_TYPE_BASE &&
	    t->encoding != FS_ATE_FLOAT && t->encoding !=
	    FS_ATE_COMPLEX_FLOAT && t->encoding != FS_ATE_OTHER)) {
		sg = fs_value_is_signed(t);
		if (len > 8) {
			unsigned __int128 w = 0;
			char *q = num + sizeof num;
			bool neg = sg && (bytes[len - 1] & 0x80);

			for (i = len; i > 0; i--)
				w = w << 8 | bytes[i - 1];
			if (neg)
				w = -w;
			*--q = '\0';
			do {
				*--q = (char)('0' + (int)(w % 10));
				w /= 10;
			} while (w != 0);
			if (neg)
				*--q = '-';
			json_object_set_new(o, "number", json_string(q));
			return;
		}
		x = fs_value_load(bytes, len, sg);
		if (!sg && x > INT64_MAX) {
			snprintf(num, sizeof num, "%llu",
			    (unsigned long long)x);
			json_object_set_new(o, "number", json_string(num));
		} else
			json_object_set_new(o, "number",
			    json_integer((json_int_t)x));
		return;
	}
	if (t->kind == FS_TYPE_BASE && t->encoding == FS_ATE_FLOAT) {
		long double d = fs_value_float_get(t, bytes, len);

		if (isnan(d))
			json_object_set_new(o, "number", json_string(signbit(d) ?
			    "-nan" : "nan"));
		else if (isinf(d))
			json_object_set_new(o, "number", json_string(d < 0 ?
			    "-inf" : "inf"));
		else
			json_object_set_new(o, "number", json_real((double)d));
	}
}

/* One part of a variable: NAME, reached by gdb's expression PATH (NULL:
   none reaches it), of type T at BYTES (LEN), at ADDR when in memory;
   a bitfield's BIT_SIZE bits at BIT_OFFSET from ADDR.  */
static json_t *
member_obj(struct mctx *mc, const char *name, const char *path,
    const struct fs_type *t, const uint8_t *bytes, const uint8_t *valid,
    size_t len, bool in_mem, uint64_t addr, unsigned bit_size,
    unsigned bit_offset, unsigned depth)
{
	json_t *o = json_object();
	char tn[256], *val = NULL;

	json_object_set_new(o, "name", json_string(name));
	if (path != NULL)
		json_object_set_new(o, "path", json_string(path));
	json_object_set_new(o, "kind", json_string(mc->kind));
	json_object_set_new(o, "type", json_string(fs_value_type_name(t,
	    NULL, 0, tn, sizeof tn)));
	if (fs_vars_format(mc->s, t, bytes, valid, len, &val) == 0 &&
	    val != NULL)
		json_object_set_new(o, "value", json_string(val));
	free(val);
	raw_json(o, t, bytes, valid, len);
	json_object_set_new(o, "location", json_string(mc->where));
	if (in_mem)
		json_object_set_new(o, "addr", hex(addr));
	json_object_set_new(o, "size", json_integer((json_int_t)len));
	if (bit_size > 0) {
		json_object_set_new(o, "bit_offset",
		    json_integer(bit_offset));
		json_object_set_new(o, "bit_size", json_integer(bit_size));
	}
	member_objs(mc, o, path, t, bytes, valid, len, in_mem, addr,
	    depth + 1);
	return o;
}

/* PATH extended by ".NAME" or "[I]" (NULL stays NULL), malloc'd.  */
static char *
subpath(const char *path, const char *fmt, const char *name, uint64_t i)
{
	char *p = NULL;

	if (path == NULL)
		return NULL;
	if (name != NULL) {
		if (asprintf(&p, "%s.%s", path, name) < 0)
			p = NULL;
	} else if (asprintf(&p, fmt, path, (unsigned long long)i) < 0)
		p = NULL;
	return p;
}

/* A bitfield's value: its bits shifted down, sign-extended when its type
   is signed, as the LEN bytes of that type in OUT (VALID: each byte
   known, or none).  */
static void
bitfield(const struct fs_member *m, const uint8_t *bytes,
    const uint8_t *valid, size_t len, uint8_t out[8], uint8_t ovalid[8])
{
	uint64_t x = 0;
	size_t k, bit, bit0 = (size_t)m->offset * 8 + m->bit_offset;
	bool ok = true;

	for (k = 0; k < m->bit_size && k < 64; k++) {
		bit = bit0 + k;
		if (bit / 8 >= len)
			break;
		if (valid != NULL && !((valid[bit / 8] >> (bit % 8)) & 1))
			ok = false;
		if ((bytes[bit / 8] >> (bit % 8)) & 1)
			x |= UINT64_C(1) << k;
	}
	if (fs_value_is_signed(m->type) && m->bit_size < 64 &&
	    (x >> (m->bit_size - 1)) & 1)
		x |= ~(uint64_t)0 << m->bit_size;
	for (k = 0; k < 8; k++) {
		out[k] = (uint8_t)(x >> (8 * k));
		ovalid[k] = ok ? 0xff : 0;
	}
}

/* The fields of struct or union T (a Rust variant's too), its anonymous
   members' in their place.  */
static void
struct_members(struct mctx *mc, json_t *arr, const char *path,
    const struct fs_type *st, const uint8_t *bytes, const uint8_t *valid,
    size_t len, bool in_mem, uint64_t addr, unsigned depth)
{
	uint8_t tmp[8], tv[8];
	uint64_t off, msz;
	char *sub, rname[24];
	const char *name;
	size_t k;

	for (k = 0; k < st->nmembers && mc->budget > 0; k++) {
		const struct fs_member *m = &st->members[k];

		if (m->artificial)
			continue;
		off = m->offset;
		msz = strip(m->type) != NULL ? strip(m->type)->size : 0;
		name = m->name != NULL ? m->name : "";
		/* Rust's tuple fields __0, __1 are .0, .1.  */
		if (st->rust && strncmp(name, "__", 2) == 0 && name[2] >= '0' &&
		    name[2] <= '9') {
			snprintf(rname, sizeof rname, "%s", name + 2);
			name = rname;
		}
		/* An anonymous struct or union: its members are the
		   parent's, reached by the parent's path.  */
		sub = m->name == NULL ? (path != NULL ? strdup(path) : NULL) :
		    subpath(path, NULL, name, 0);
		mc->budget--;
		if (m->bit_size > 0 && msz <= 8) {
			bitfield(m, bytes, valid, len, tmp, tv);
			json_array_append_new(arr, member_obj(mc, name, sub,
			    m->type, tmp, tv, (size_t)msz, in_mem,
			    addr + off + m->bit_offset / 8, m->bit_size,
			    m->bit_offset % 8, depth));
		} else if (msz != 0 && off <= len && msz <= len - off)
			json_array_append_new(arr, member_obj(mc, name, sub,
			    m->type, bytes + off, valid ? valid + off : NULL,
			    (size_t)msz, in_mem, addr + off, 0, 0, depth));
		free(sub);
	}
}

/* The "members" of an aggregate: a struct's or union's members by name
   (a bitfield with its bits), an array's elements as "[i]" (the rows of
   a multi-dimensional one, each with its elements), a Rust enum's
   active variant and its fields.  Pointers are not followed.  */
static void
member_objs(struct mctx *mc, json_t *o, const char *path,
    const struct fs_type *t, const uint8_t *bytes, const uint8_t *valid,
    size_t len, bool in_mem, uint64_t addr, unsigned depth)
{
	const struct fs_type *st = strip(t), *et;
	struct fs_type row;
	json_t *arr;
	char name[32], *sub;
	uint64_t esz, n, i;

	if (st == NULL || depth > MAX_MEMBER_DEPTH || bytes == NULL ||
	    mc->budget == 0)
		return;
	if (st->kind == FS_TYPE_STRUCT || st->kind == FS_TYPE_UNION) {
		/* Rust's Vec, String, &str and slices are shown as the
		   program wrote them: their parts are the slot map's.  */
		if (st->rust && fs_rust_container(st))
			return;
		arr = json_array();
		struct_members(mc, arr, path, st, bytes, valid, len, in_mem,
		    addr, depth);
		json_object_set_new(o, "members", arr);
	} else if (st->kind == FS_TYPE_VARIANT) {
		const struct fs_member *v = fs_rust_variant(st, bytes, len);
		const struct fs_type *vt;

		if (v == NULL || v->name == NULL)
			return;
		json_object_set_new(o, "variant", json_string(v->name));
		vt = strip(v->type);
		if (vt == NULL || vt->kind != FS_TYPE_STRUCT ||
		    v->offset > len || vt->size > len - v->offset)
			return;
		arr = json_array();
		struct_members(mc, arr, path, vt, bytes + v->offset,
		    valid != NULL ? valid + v->offset : NULL,
		    len - (size_t)v->offset, in_mem, addr + v->offset, depth);
		json_object_set_new(o, "members", arr);
	} else if (st->kind == FS_TYPE_ARRAY && st->ndims > 0 &&
	    st->dims[0].has_count) {
		n = st->dims[0].count;
		if (st->ndims > 1) {
			/* A row: the array of the other dimensions.  */
			row = *st;
			row.name = NULL;
			row.dims = st->dims + 1;
			row.ndims = st->ndims - 1;
			row.size = n != 0 ? st->size / n : 0;
			et = &row;
			esz = row.size;
		} else {
			et = st->target;
			esz = strip(et) != NULL ? strip(et)->size : 0;
		}
		if (esz == 0)
			return;
		arr = json_array();
		for (i = 0; i < n && i < MAX_ELEMENTS && (i + 1) * esz <= len &&
		    mc->budget > 0; i++) {
			snprintf(name, sizeof name, "[%llu]",
			    (unsigned long long)i);
			sub = subpath(path, "%s[%llu]", NULL, i);
			mc->budget--;
			json_array_append_new(arr, member_obj(mc, name, sub, et,
			    bytes + i * esz, valid ? valid + i * esz : NULL,
			    (size_t)esz, in_mem, addr + i * esz, 0, 0, depth));
			free(sub);
		}
		json_object_set_new(o, "members", arr);
	}
}

/* One variable of a frame as its snapshot object, its members drawn from
   *BUDGET.  */
static json_t *
var_json(struct fs_session *s, const struct fs_varval *v, bool param,
    unsigned *budget)
{
	struct mctx mc;
	json_t *o = json_object();
	char tn[256];
	const char *where = place_name(v);
	const char *name = v->var->name ? v->var->name : "?";

	json_object_set_new(o, "name", json_string(name));
	json_object_set_new(o, "kind", json_string(param ? "param" : "local"));
	json_object_set_new(o, "type", json_string(fs_value_type_name(v->type,
	    NULL, 0, tn, sizeof tn)));
	json_object_set_new(o, "value", json_string(v->value ? v->value :
	    "<error>"));
	raw_json(o, v->type, v->bytes, v->valid, v->len);
	json_object_set_new(o, "location", json_string(where));
	if (v->in_memory)
		json_object_set_new(o, "addr", hex(v->addr));
	json_object_set_new(o, "size", json_integer((json_int_t)
	    (v->type != NULL && strip(v->type) != NULL ?
	    strip(v->type)->size : 0)));
	json_object_set_new(o, "where", json_string(v->where));
	mc.s = s;
	mc.kind = param ? "param" : "local";
	mc.where = where;
	mc.budget = *budget;
	member_objs(&mc, o, name, v->type, v->bytes, v->valid, v->len,
	    v->in_memory, v->addr, 0);
	*budget = mc.budget;
	return o;
}

/* ------------------------------------------------------------ the cache */

/* A snapshot is spliced from the texts of its parts: the head of each
   frame, each variable with its members, each slot, the instruction.
   The text of a part is kept under its key, every input its text is
   made of written out in full (numbers, strings, bytes): a part whose
   key is byte for byte the one of a text made before has that text,
   exactly.  A variable's members are formatted from its bytes, unless
   the formatter read memory (a char * member's string): such a text is
   not kept.  */
struct centry {
	struct centry	*next;
	uint64_t	 hash;
	char		*key, *text;	/* one allocation: the key, the text */
	size_t		 klen, tlen;
	unsigned	 members;	/* member objects the text holds */
	unsigned long	 used;		/* the last snapshot that took it */
};

struct fs_snapcache {
	struct centry	**tab;
	size_t		 cap, n;
	unsigned long	 gen;		/* snapshots made */
	struct fs_sbuf	 key;		/* the key being made */
	unsigned long	 hits, misses;
	/* The entries the parts of the last snapshot took, in the order it
	   asked for them (LAST), and of this one so far (CUR): the part
	   asked in the same place is most often the same, found by one
	   comparison of its key rather than a hash and a search.  */
	struct centry	**last, **cur;
	size_t		 nlast, ncur, capcur, caplast;
	/* The slot map's variables, which are those the snapshot shows:
	   made once.  */
	const struct fs_vars_provider *prov;
	/* The text of the slot map of each frame of the last snapshots, by
	   frame index, under the map's number for it (fs_frame_anatomy's
	   ident): a frame the map says is as it was has the same text.  */
	struct fmap {
		unsigned long		 ident;
		const struct fs_arch	*arch;
		char			*text;
		size_t			 len;
	}		*fmaps;
	size_t		 nfmaps;
	/* The length of the last snapshot, and of its variables' texts:
	   the next one's buffers are made that big at once, not grown by
	   doubling (a dozen reallocs of some 20 kB a stop).  */
	size_t		 lastlen, lastvars;
};

/* Texts not taken for this many snapshots are dropped.  */
#define CACHE_AGE	256

int
fs_snapcache_new(struct fs_snapcache **out, struct fs_err *e)
{
	struct fs_snapcache *c;

	if ((c = calloc(1, sizeof *c)) == NULL ||
	    (c->tab = calloc(1024, sizeof *c->tab)) == NULL) {
		free(c);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	c->cap = 1024;
	*out = c;
	return 0;
}

void
fs_snapcache_clear(struct fs_snapcache *c)
{
	struct centry *en, *next;
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->cap; i++) {
		for (en = c->tab[i]; en != NULL; en = next) {
			next = en->next;
			free(en->key);
			free(en);
		}
		c->tab[i] = NULL;
	}
	c->n = 0;
	c->nlast = c->ncur = 0;
	for (i = 0; i < c->nfmaps; i++)
		free(c->fmaps[i].text);
	free(c->fmaps);
	c->fmaps = NULL;
	c->nfmaps = 0;
}

void
fs_snapcache_free(struct fs_snapcache *c)
{
	if (c == NULL)
		return;
	fs_snapcache_clear(c);
	free(c->tab);
	free(c->key.s);
	free(c->last);
	free(c->cur);
	free(c);
}

void
fs_snapcache_set_provider(struct fs_snapcache *c,
    const struct fs_vars_provider *p)
{
	if (c != NULL)
		c->prov = p;
}

void
fs_snapcache_stats(const struct fs_snapcache *c, unsigned long *hits,
    unsigned long *misses)
{
	*hits = c != NULL ? c->hits : 0;
	*misses = c != NULL ? c->misses : 0;
}

/* FNV-1a over the key, 8 bytes a round: only to pick a bucket, every
   candidate's key is compared in full.  */
static uint64_t
key_hash(const char *p, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL, w;

	for (; n >= 8; p += 8, n -= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0x100000001b3ULL;
		h ^= h >> 29;
	}
	while (n-- > 0)
		h = (h ^ (uint8_t)*p++) * 0x100000001b3ULL;
	return h;
}

static void
key_start(struct fs_sbuf *k, char kind)
{
	k->len = 0;
	k->oom = false;
	fs_sbuf_key(k, &kind, 1);
}

/* EN (NULL: none) is the entry of this snapshot's next part.  */
static void
cache_took(struct fs_snapcache *c, struct centry *en)
{
	struct centry **n;
	size_t cap;

	if (c->ncur == c->capcur) {
		cap = c->capcur ? c->capcur * 2 : 256;
		if ((n = realloc(c->cur, cap * sizeof *n)) == NULL)
			return;
		c->cur = n;
		c->capcur = cap;
	}
	c->cur[c->ncur++] = en;
}

/* The entry under C's key now, or NULL.  */
static struct centry *
cache_find(struct fs_snapcache *c, uint64_t *hash)
{
	struct centry *en;

	if (c == NULL || c->key.oom)
		return NULL;
	/* The part the last snapshot asked for here.  */
	if (c->ncur < c->nlast && (en = c->last[c->ncur]) != NULL &&
	    en->klen == c->key.len &&
	    memcmp(en->key, c->key.s, en->klen) == 0) {
		en->used = c->gen;
		c->hits++;
		cache_took(c, en);
		return en;
	}
	*hash = key_hash(c->key.s, c->key.len);
	for (en = c->tab[*hash & (c->cap - 1)]; en != NULL; en = en->next)
		if (en->hash == *hash && en->klen == c->key.len &&
		    memcmp(en->key, c->key.s, en->klen) == 0) {
			en->used = c->gen;
			c->hits++;
			cache_took(c, en);
			return en;
		}
	c->misses++;
	cache_took(c, NULL);
	return NULL;
}

static void
cache_grow(struct fs_snapcache *c)
{
	struct centry **tab, *en, *next;
	size_t i, cap = c->cap * 2;

	if ((tab = calloc(cap, sizeof *tab)) == NULL)
		return;
	for (i = 0; i < c->cap; i++)
		for (en = c->tab[i]; en != NULL; en = next) {
			next = en->next;
			en->next = tab[en->hash & (cap - 1)];
			tab[en->hash & (cap - 1)] = en;
		}
	free(c->tab);
	c->tab = tab;
	c->cap = cap;
}

/* Keep TEXT (LEN) under C's key now (HASH from cache_find).  */
static void
cache_put(struct fs_snapcache *c, uint64_t hash, const char *text,
    size_t len, unsigned members)
{
	struct centry *en;

	if (c == NULL || c->key.oom || (en = calloc(1, sizeof *en)) == NULL)
		return;
	if ((en->key = malloc(c->key.len + len + 1)) == NULL) {
		free(en);
		return;
	}
	memcpy(en->key, c->key.s, c->key.len);
	en->text = en->key + c->key.len;
	memcpy(en->text, text, len);
	en->text[len] = '\0';
	en->klen = c->key.len;
	en->tlen = len;
	en->hash = hash;
	en->members = members;
	en->used = c->gen;
	en->next = c->tab[hash & (c->cap - 1)];
	c->tab[hash & (c->cap - 1)] = en;
	/* The part cache_find just missed.  */
	if (c->ncur > 0 && c->cur[c->ncur - 1] == NULL)
		c->cur[c->ncur - 1] = en;
	if (++c->n > c->cap)
		cache_grow(c);
}

/* Drop what no recent snapshot took.  */
static void
cache_age(struct fs_snapcache *c)
{
	struct centry **pp, *en;
	size_t i;

	struct centry **t;
	size_t cap;

	if (c == NULL)
		return;
	/* This snapshot's parts are the next one's guesses.  */
	t = c->last;
	cap = c->caplast;
	c->last = c->cur;
	c->nlast = c->ncur;
	c->caplast = c->capcur;
	c->cur = t;
	c->capcur = cap;
	c->ncur = 0;
	if (++c->gen % CACHE_AGE != 0)
		return;
	for (i = 0; i < c->cap; i++)
		for (pp = &c->tab[i]; (en = *pp) != NULL;) {
			if (en->used + CACHE_AGE < c->gen) {
				*pp = en->next;
				free(en->key);
				free(en);
				c->n--;
			} else
				pp = &en->next;
		}
}

/* ------------------------------------------------------- the splicing */

/* O's text as json_dumps writes it into B, less its last LESS bytes (1:
   an object's closing brace, to add members); false if it cannot be
   made or B is out of memory.  */
static bool
put_json(struct fs_sbuf *b, json_t *o, size_t less)
{
	char *t;
	size_t n;

	if (o == NULL || (t = json_dumps(o, JSON_COMPACT |
	    JSON_PRESERVE_ORDER | JSON_ENCODE_ANY)) == NULL)
		return false;
	n = strlen(t);
	fs_sbuf_add(b, t, n >= less ? n - less : 0);
	free(t);
	return !b->oom;
}

/* ,"NAME":S as jansson writes it; nothing when jansson would not take S
   (NULL, or not UTF-8), as json_object_set_new then sets nothing.  */
static void
put_str(struct fs_sbuf *b, const char *name, const char *s)
{
	const unsigned char *p;
	json_t *j;

	if (s == NULL)
		return;
	for (p = (const unsigned char *)s; *p >= 0x20 && *p < 0x7f &&
	    *p != '"' && *p != '\\'; p++)
		;
	fs_sbuf_printf(b, ",\"%s\":", name);
	if (*p == '\0') {
		fs_sbuf_add(b, "\"", 1);
		fs_sbuf_add(b, s, (size_t)((const char *)p - s));
		fs_sbuf_add(b, "\"", 1);
		return;
	}
	j = json_string(s);
	if (!put_json(b, j, 0) && !b->oom)
		b->len -= strlen(name) + 4;
	json_decref(j);
}

/* The text of the JSON made by MAKE(ARG) under C's key now, into B
   (less LESS bytes), from the cache or made and kept.  */
static void
put_part(struct fs_snapcache *c, struct fs_sbuf *b, json_t *(*make)(void *),
    void *arg, size_t less)
{
	struct centry *en;
	uint64_t hash = 0;
	size_t at = b->len;
	json_t *o;

	if ((en = cache_find(c, &hash)) != NULL) {
		fs_sbuf_add(b, en->text, en->tlen - less);
		return;
	}
	o = make(arg);
	if (put_json(b, o, 0)) {
		cache_put(c, hash, b->s + at, b->len - at, 0);
		b->len -= less;
		b->s[b->len] = '\0';
	}
	json_decref(o);
}

struct slot_arg {
	const struct fs_arch	*arch;
	const struct fs_slot	*sl;
};

static json_t *
make_slot(void *arg)
{
	struct slot_arg *sa = arg;

	return slot_json(sa->arch, sa->sl);
}

static json_t *
make_frame(void *arg)
{
	return frame_json(arg);
}

static void
key_where(struct fs_sbuf *k, const struct fs_where *w)
{
	fs_sbuf_key_str(k, w->mod != NULL ? w->mod->path : NULL);
	fs_sbuf_key_str(k, w->func);
	fs_sbuf_key_u64(k, w->func_addr);
	fs_sbuf_key_str(k, w->file);
	fs_sbuf_key_str(k, w->fullpath);
	fs_sbuf_key_u64(k, w->line);
}

static void
key_writer(struct fs_sbuf *k, const struct fs_writer *w)
{
	fs_sbuf_key_u64(k, w->pc);
	fs_sbuf_key_str(k, w->insn);
	fs_sbuf_key_str(k, w->callee);
	fs_sbuf_key_str(k, w->func);
	fs_sbuf_key_str(k, w->file);
	fs_sbuf_key_u64(k, w->line);
	fs_sbuf_key_str(k, w->call_func);
	fs_sbuf_key_str(k, w->call_file);
	fs_sbuf_key_u64(k, w->call_line);
	fs_sbuf_key_u64(k, w->frame);
	fs_sbuf_key_u64(k, w->stop);
	fs_sbuf_key_u64(k, w->recorded);
}

/* Every field of a slot that slot_json and fs_slot_text read.  */
static void
key_slot(struct fs_sbuf *k, const struct fs_arch *arch,
    const struct fs_slot *sl)
{
	size_t i;

	key_start(k, 'S');
	fs_sbuf_key_u64(k, (uint64_t)(uintptr_t)arch);
	fs_sbuf_key_u64(k, sl->addr);
	fs_sbuf_key_u64(k, sl->size);
	fs_sbuf_key_u64(k, sl->value);
	fs_sbuf_key_u64(k, sl->readable);
	fs_sbuf_key_u64(k, (uint64_t)sl->cfa_off);
	fs_sbuf_key_u64(k, sl->has_rbp_off);
	fs_sbuf_key_u64(k, (uint64_t)sl->rbp_off);
	fs_sbuf_key_u64(k, sl->kind);
	fs_sbuf_key_u64(k, sl->nlabels);
	fs_sbuf_key_u64(k, sl->values != NULL);
	for (i = 0; i < sl->nlabels; i++) {
		fs_sbuf_key_str(k, sl->labels[i]);
		if (sl->values != NULL)
			fs_sbuf_key_str(k, sl->values[i]);
	}
	fs_sbuf_key_str(k, sl->objvalue);
	fs_sbuf_key_str(k, sl->points_to);
	fs_sbuf_key_u64(k, sl->reg);
	fs_sbuf_key_str(k, sl->regname);
	fs_sbuf_key_str(k, sl->conv);
	/* What the two read only of some slots (their kind is above):
	   the target of a return address, the writer of a changed word,
	   what an overwritten one was.  */
	if (sl->kind == FS_SLOT_RETADDR) {
		key_where(k, &sl->target);
		fs_sbuf_key_u64(k, sl->to_dummy);
	}
	fs_sbuf_key_u64(k, sl->changed);
	fs_sbuf_key_u64(k, sl->has_writer);
	if (sl->has_writer) {
		fs_sbuf_key_u64(k, sl->writer_pc);
		fs_sbuf_key_str(k, sl->writer_insn);
		fs_sbuf_key_str(k, sl->writer_file);
		fs_sbuf_key_u64(k, sl->writer_line);
	}
	fs_sbuf_key_u64(k, sl->overwritten);
	if (sl->overwritten) {
		fs_sbuf_key_u64(k, sl->was);
		if (sl->kind == FS_SLOT_RETADDR)
			key_where(k, &sl->was_target);
		fs_sbuf_key_u64(k, sl->has_by);
		if (sl->has_by)
			key_writer(k, &sl->by);
	}
	fs_sbuf_key_str(k, sl->note);
}

/* What frame_json reads.  */
static void
key_frame(struct fs_sbuf *k, const struct fs_frame *f)
{
	key_start(k, 'F');
	fs_sbuf_key_u64(k, f->index);
	fs_sbuf_key_u64(k, f->sigtramp);
	key_where(k, &f->where);
	fs_sbuf_key_u64(k, f->pc);
	fs_sbuf_key_u64(k, f->cfa);
	fs_sbuf_key_u64(k, f->sp);
	fs_sbuf_key_u64(k, f->fp);
	fs_sbuf_key_u64(k, f->inlined);
	fs_sbuf_key_u64(k, f->tailcall);
	fs_sbuf_key_u64(k, f->dummy);
}

/* A type, by its pointer and its fields: a frame's variable may have a
   type of its own (a VLA's, its bounds read in the frame), freed with
   the frame's variables and its memory then another's.  The types it
   points to are the session's, which stay while it runs.  */
static void
key_type(struct fs_sbuf *k, const struct fs_type *t)
{
	fs_sbuf_key_u64(k, (uint64_t)(uintptr_t)t);
	if (t == NULL)
		return;
	fs_sbuf_key(k, t, sizeof *t);
	if (t->dims != NULL)
		fs_sbuf_key(k, t->dims, t->ndims * sizeof *t->dims);
}

/* What var_json reads of V.  */
static void
key_var(struct fs_sbuf *k, const struct fs_varval *v, bool param)
{
	key_start(k, 'V');
	fs_sbuf_key_u64(k, param);
	fs_sbuf_key_u64(k, (uint64_t)(uintptr_t)v->var);
	fs_sbuf_key_str(k, v->var->name);
	key_type(k, v->type);
	if (strip(v->type) != v->type)
		key_type(k, strip(v->type));
	fs_sbuf_key_str(k, v->value);
	fs_sbuf_key_u64(k, v->len);
	fs_sbuf_key_u64(k, v->bytes != NULL);
	if (v->bytes != NULL)
		fs_sbuf_key(k, v->bytes, v->len);
	fs_sbuf_key_u64(k, v->valid != NULL);
	if (v->valid != NULL)
		fs_sbuf_key(k, v->valid, v->len);
	fs_sbuf_key_u64(k, v->in_memory);
	fs_sbuf_key_u64(k, v->addr);
	fs_sbuf_key_u64(k, v->place);
	fs_sbuf_key_u64(k, v->storage);
	fs_sbuf_key_str(k, v->where);
}

/* A variable's text: kept only when its members did not run out of the
   budget and its formatting read no memory, taken only when the budget
   left holds its members (its text is then what it would be made).  */
static void
put_var(struct fs_snapcache *c, struct fs_sbuf *b, struct fs_session *s,
    const struct fs_varval *v, bool param, unsigned *budget)
{
	struct centry *en = NULL;
	uint64_t hash = 0;
	unsigned before = *budget;
	unsigned long reads;
	size_t at = b->len;
	json_t *o;

	if (c != NULL) {
		key_var(&c->key, v, param);
		en = cache_find(c, &hash);
	}
	if (en != NULL && en->members < *budget) {
		fs_sbuf_add(b, en->text, en->tlen);
		*budget -= en->members;
		return;
	}
	reads = fs_session_nreads(s);
	o = var_json(s, v, param, budget);
	if (put_json(b, o, 0) && en == NULL && *budget > 0 &&
	    fs_session_nreads(s) == reads)
		cache_put(c, hash, b->s + at, b->len - at, before - *budget);
	json_decref(o);
}

/* The frame's arguments and locals, with where each lives at the pc.  */
static void
put_vars(struct fs_snapcache *c, struct fs_sbuf *b, struct fs_session *s,
    const struct fs_frame *f, unsigned *budget)
{
	const struct fs_frame_vars *fv;
	struct fs_frame_vars *own = NULL;
	size_t i, n;

	if ((fv = fs_vars_provided(c != NULL ? c->prov : NULL, s, f)) == NULL) {
		if (fs_vars_frame(s, f->index, &own, NULL) < 0)
			return;
		fv = own;
	}
	if (fv->func != NULL) {
		fs_sbuf_puts(b, ",\"vars\":[");
		n = fv->nargs + fv->nlocals;
		for (i = 0; i < n; i++) {
			if (i > 0)
				fs_sbuf_add(b, ",", 1);
			put_var(c, b, s, i < fv->nargs ? &fv->args[i] :
			    &fv->locals[i - fv->nargs], i < fv->nargs, budget);
		}
		fs_sbuf_add(b, "]", 1);
	}
	fs_vars_free(own);
}

/* The text of frame FA's map, kept as C's under its number (FA->ident),
   or, if kept already, taken: true then.  */
static bool
fmap_take(struct fs_snapcache *c, struct fs_sbuf *b,
    const struct fs_arch *arch, const struct fs_frame_anatomy *fa)
{
	struct fmap *m;

	if (c == NULL || fa->ident == 0 || fa->index >= c->nfmaps)
		return false;
	m = &c->fmaps[fa->index];
	if (m->ident != fa->ident || m->arch != arch || m->text == NULL)
		return false;
	fs_sbuf_add(b, m->text, m->len);
	return true;
}

static void
fmap_keep(struct fs_snapcache *c, const struct fs_arch *arch,
    const struct fs_frame_anatomy *fa, const char *text, size_t len)
{
	struct fmap *m;

	if (c == NULL || fa->ident == 0)
		return;
	if (fa->index >= c->nfmaps) {
		size_t n = fa->index + 1;

		if ((m = realloc(c->fmaps, n * sizeof *m)) == NULL)
			return;
		memset(m + c->nfmaps, 0, (n - c->nfmaps) * sizeof *m);
		c->fmaps = m;
		c->nfmaps = n;
	}
	m = &c->fmaps[fa->index];
	free(m->text);
	m->ident = 0;
	if ((m->text = malloc(len + 1)) == NULL)
		return;
	memcpy(m->text, text, len);
	m->text[len] = '\0';
	m->len = len;
	m->ident = fa->ident;
	m->arch = arch;
}

/* The frame's slot map: anatomy_json's members.  */
static void
put_anatomy(struct fs_snapcache *c, struct fs_sbuf *b,
    const struct fs_arch *arch, const struct fs_frame_anatomy *fa)
{
	struct slot_arg sa = { arch, NULL };
	size_t i, at = b->len;

	if (fmap_take(c, b, arch, fa))
		return;
	fs_sbuf_printf(b, ",\"state\":\"%s\",\"prologue\":%s,"
	    "\"epilogue\":%s", fa->prologue ? "prologue" : fa->epilogue ?
	    "epilogue" : "body", fa->prologue ? "true" : "false",
	    fa->epilogue ? "true" : "false");
	if (fa->convention[0] != '\0')
		put_str(b, "convention", fa->convention);
	if (fa->truncated)
		fs_sbuf_puts(b, ",\"truncated\":true");
	fs_sbuf_puts(b, ",\"slots\":[");
	for (i = fa->nslots; i-- > 0;) {
		if (i + 1 < fa->nslots)
			fs_sbuf_add(b, ",", 1);
		sa.sl = &fa->slots[i];
		if (c != NULL)
			key_slot(&c->key, arch, sa.sl);
		put_part(c, b, make_slot, &sa, 0);
	}
	fs_sbuf_add(b, "]", 1);
	if (!b->oom)
		fmap_keep(c, arch, fa, b->s + at, b->len - at);
}

/* The instruction about to run, as x/i writes it: ,"insn":"...", from
   the GOT bytes of CODE read at PC.  */
static void
put_insn(struct fs_snapcache *c, struct fs_sbuf *b,
    const struct fs_arch *arch, uint64_t pc, const uint8_t *code, ssize_t got)
{
	struct centry *en = NULL;
	struct fs_insn in;
	uint64_t hash = 0;
	size_t at = b->len;

	if (got <= 0)
		return;
	if (c != NULL) {
		key_start(&c->key, 'I');
		fs_sbuf_key_u64(&c->key, pc);
		fs_sbuf_key_u64(&c->key, arch->insn_bits);
		fs_sbuf_key(&c->key, code, (size_t)got);
		en = cache_find(c, &hash);
	}
	if (en != NULL) {
		fs_sbuf_add(b, en->text, en->tlen);
		return;
	}
	if (fs_insn_decode_bits(code, (size_t)got, pc, arch->insn_bits, false,
	    &in) == 0 && in.len > 0)
		put_str(b, "insn", in.gdbtext);
	if (!b->oom)
		cache_put(c, hash, b->s + at, b->len - at, 0);
}

/* "NAME":"0x..." (a register's name needs no escape), made in one
   piece: some thirty a stop.  */
static void
put_reg(struct fs_sbuf *b, bool comma, const char *name, uint64_t v)
{
	static const char digits[] = "0123456789abcdef";
	char t[96], hex[16];
	size_t n = 0, len = strlen(name), k = sizeof hex;

	if (len > sizeof t - 32)
		len = sizeof t - 32;
	if (comma)
		t[n++] = ',';
	t[n++] = '"';
	memcpy(t + n, name, len);
	n += len;
	memcpy(t + n, "\":\"0x", 5);
	n += 5;
	do {
		hex[--k] = digits[v & 0xf];
		v >>= 4;
	} while (v != 0);
	memcpy(t + n, hex + k, sizeof hex - k);
	n += sizeof hex - k;
	t[n++] = '"';
	fs_sbuf_add(b, t, n);
}

/* regs_json's text.  */
static void
put_regs(struct fs_sbuf *b, const struct fs_arch *a,
    const struct user_regs_struct *r)
{
	const char *const first[] = { a->pc, a->sp, a->fp };
	const struct fs_regdesc *rd;
	bool comma = false;
	uint64_t v;
	size_t i;

	fs_sbuf_puts(b, ",\"regs\":{");
	for (i = 0; i < 3; i++)
		if (fs_arch_regval(a, r, first[i], 3, &v) == 0) {
			put_reg(b, comma, first[i], v);
			comma = true;
		}
	for (i = 0; i < a->nregs + a->nmore; i++) {	/* orig_rax too */
		rd = i < a->nregs ? &a->regs[i] : &a->more[i - a->nregs];
		if (strcmp(rd->name, a->pc) == 0 ||
		    strcmp(rd->name, a->sp) == 0 ||
		    strcmp(rd->name, a->fp) == 0)
			continue;
		v = fs_arch_word(a, (const char *)r + rd->off);
		put_reg(b, comma, rd->name, v);
		comma = true;
	}
	fs_sbuf_add(b, "}", 1);
}

/* The members before "pc": the stop and why.  */
static json_t *
stop_json(struct fs_session *s)
{
	const struct fs_stop *st = fs_session_stop(s);
	const struct fs_arch *arch = fs_session_arch(s);
	json_t *o;

	if ((o = json_object()) == NULL)
		return NULL;
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
	/* x86-64 is the format's default, which a snapshot does not
	   name.  */
	if (arch != &fs_arch_x86_64)
		json_object_set_new(o, "arch", json_string(arch->name));
	return o;
}

/* stop_json's text, less its closing brace, into B: made here but for
   the guard's stop, whose object jansson writes.  */
static bool
put_stop(struct fs_sbuf *b, struct fs_session *s)
{
	const struct fs_stop *st = fs_session_stop(s);
	const struct fs_arch *arch = fs_session_arch(s);
	json_t *o;
	bool ok;

	if (st->reason == FS_STOP_SMASH) {
		o = stop_json(s);
		ok = put_json(b, o, 1);
		json_decref(o);
		return ok;
	}
	fs_sbuf_printf(b, "{\"stop\":%" JSON_INTEGER_FORMAT,
	    (json_int_t)st->number);
	put_str(b, "reason", fs_snapshot_reason(st->reason));
	fs_sbuf_printf(b, ",\"pid\":%" JSON_INTEGER_FORMAT ",\"tid\":%"
	    JSON_INTEGER_FORMAT, (json_int_t)st->pid, (json_int_t)st->tid);
	if (fs_session_record(s) != NULL)
		fs_sbuf_printf(b, ",\"record_insn\":%" JSON_INTEGER_FORMAT,
		    (json_int_t)fs_record_pos(fs_session_record(s)));
	if (st->reason == FS_STOP_BREAKPOINT)
		fs_sbuf_printf(b, ",\"breakpoint\":%" JSON_INTEGER_FORMAT,
		    (json_int_t)st->bpnum);
	if (st->reason == FS_STOP_WATCHPOINT ||
	    st->reason == FS_STOP_WATCH_SCOPE)
		fs_sbuf_printf(b, ",\"watchpoint\":%" JSON_INTEGER_FORMAT,
		    (json_int_t)st->bpnum);
	if (st->sig != 0)
		put_str(b, "signal", fs_signame(st->sig));
	if (st->reason == FS_STOP_SIGNAL && st->sigaddr != 0)
		fs_sbuf_printf(b, ",\"fault_addr\":\"0x%llx\"",
		    (unsigned long long)st->sigaddr);
	if (st->reason == FS_STOP_EXITED && st->sig == 0)
		fs_sbuf_printf(b, ",\"exit_code\":%" JSON_INTEGER_FORMAT,
		    (json_int_t)st->exit_status);
	if (arch != &fs_arch_x86_64)
		put_str(b, "arch", arch->name);
	return !b->oom;
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
	return fs_snapshot_string_cached(s, a, NULL, out, e);
}

/* A snapshot made in two halves: what needs the stopped process (the
   stop, its registers and code, the slot map, the variables' texts,
   whose members may read memory), then the text, made of that alone.  */
struct fs_snaplater {
	struct fs_snapcache	*c;
	const struct fs_arch	*arch;
	struct fs_sbuf		 head;	/* put_stop's text */
	bool			 has_regs;
	struct user_regs_struct	 regs;
	uint8_t			 code[16];	/* at the pc */
	ssize_t			 ncode;
	bool			 has_frames;
	struct fs_frame		*f;		/* the session's, copied */
	size_t			 nf;
	const struct fs_frame_anatomy *fa;	/* the map's, borrowed */
	size_t			 nfa;
	struct fs_sbuf		 vars;		/* frame i < nfa's variables: */
	size_t			*voff;		/* [voff[i], voff[i + 1]) */
	bool			 has_end;
	char			 end[128];	/* backtrace_stopped */
};

/* B, empty, made room for LEN bytes and a quarter more at once.  */
static int
presize(struct fs_sbuf *b, size_t len)
{
	if (len == 0)
		return 0;
	b->cap = len + len / 4 + 128;
	if ((b->s = malloc(b->cap)) == NULL) {
		b->cap = 0;
		return -1;
	}
	b->s[0] = '\0';
	return 0;
}

void
fs_snapshot_later_free(struct fs_snaplater *l)
{
	if (l == NULL)
		return;
	free(l->head.s);
	free(l->f);
	free(l->vars.s);
	free(l->voff);
	free(l);
}

int
fs_snapshot_begin(struct fs_session *s, struct fs_anatomy *a,
    struct fs_snapcache *c, struct fs_snaplater **out, struct fs_err *e)
{
	const struct user_regs_struct *regs = NULL;
	const struct fs_frame *f;
	struct fs_snaplater *l;
	unsigned budget = MAX_MEMBERS;
	const char *end;
	size_t n, i;

	*out = NULL;
	if ((l = calloc(1, sizeof *l)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	l->c = c;
	l->arch = fs_session_arch(s);
	if (c != NULL && presize(&l->vars, c->lastvars) < 0)
		goto nomem;
	if (!put_stop(&l->head, s))
		goto nomem;
	if (fs_session_alive(s) && fs_session_regs(s, &regs, NULL) == 0) {
		l->has_regs = true;
		l->regs = *regs;
		l->ncode = fs_session_read(s, regs->rip, l->code,
		    sizeof l->code, NULL);
	}
	if (a != NULL && fs_session_alive(s) && fs_anatomy_compute(a, s, 0,
	    &l->fa, &l->nfa, NULL) < 0)
		l->nfa = 0;
	if (fs_session_alive(s) && fs_session_frames(s, &f, &n, NULL) == 0) {
		l->has_frames = true;
		if ((l->f = malloc((n + 1) * sizeof *l->f)) == NULL ||
		    (l->voff = malloc((n + 1) * sizeof *l->voff)) == NULL)
			goto nomem;
		memcpy(l->f, f, n * sizeof *f);
		l->nf = n;
		for (i = 0; i < n; i++) {
			l->voff[i] = l->vars.len;
			if (i < l->nfa)
				put_vars(c, &l->vars, s, &f[i], &budget);
		}
		l->voff[n] = l->vars.len;
		if (l->vars.oom)
			goto nomem;
		if (c != NULL)
			c->lastvars = l->vars.len;
	}
	if (fs_session_alive(s) && (end = fs_session_frames_end(s, l->end,
	    sizeof l->end)) != NULL) {
		l->has_end = true;
		if (end != l->end)
			snprintf(l->end, sizeof l->end, "%s", end);
	}
	*out = l;
	return 0;
nomem:
	fs_snapshot_later_free(l);
	return fs_err_set(e, FS_E_NOMEM, "out of memory");
}

int
fs_snapshot_finish(struct fs_snaplater *l, char **out, struct fs_err *e)
{
	struct fs_snapcache *c = l->c;
	const struct fs_arch *arch = l->arch;
	struct fs_sbuf b = { 0 };
	size_t i;

	*out = NULL;
	if (c != NULL && presize(&b, c->lastlen) < 0) {
		fs_snapshot_later_free(l);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	fs_sbuf_add(&b, l->head.s, l->head.len);
	if (l->has_regs) {
		fs_sbuf_puts(&b, ",\"pc\":\"");
		fs_sbuf_hex(&b, l->regs.rip, 0);
		fs_sbuf_add(&b, "\"", 1);
		put_insn(c, &b, arch, l->regs.rip, l->code, l->ncode);
		put_regs(&b, arch, &l->regs);
	}
	fs_sbuf_puts(&b, ",\"frames\":[");
	for (i = 0; i < l->nf; i++) {
		if (i > 0)
			fs_sbuf_add(&b, ",", 1);
		if (c != NULL)
			key_frame(&c->key, &l->f[i]);
		if (i >= l->nfa) {
			put_part(c, &b, make_frame, &l->f[i], 0);
			continue;
		}
		put_part(c, &b, make_frame, &l->f[i], 1);
		fs_sbuf_add(&b, l->vars.s + l->voff[i], l->voff[i + 1] -
		    l->voff[i]);
		put_anatomy(c, &b, arch, &l->fa[i]);
		fs_sbuf_add(&b, "}", 1);
	}
	fs_sbuf_add(&b, "]", 1);
	/* Why the frames end early, in gdb's words.  */
	if (l->has_end)
		put_str(&b, "backtrace_stopped", l->end);
	fs_sbuf_add(&b, "}", 1);
	cache_age(c);
	if (c != NULL)
		c->lastlen = b.len;
	fs_snapshot_later_free(l);
	if (b.oom) {
		free(b.s);
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	*out = b.s;
	return 0;
}

int
fs_snapshot_string_cached(struct fs_session *s, struct fs_anatomy *a,
    struct fs_snapcache *c, char **out, struct fs_err *e)
{
	struct fs_snaplater *l;
	int r;

	*out = NULL;
	if ((r = fs_snapshot_begin(s, a, c, &l, e)) < 0)
		return r;
	return fs_snapshot_finish(l, out, e);
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
