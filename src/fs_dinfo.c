/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dinfo: the DWARF program model (see include/fs_dinfo.h), built on
 * the units fs_dwarf indexes (src/fs_dwarf_int.h).
 *
 * A unit's model is built in one walk over its DIEs when an address in it
 * is first asked for: every function with code becomes a scope tree
 * (lexical blocks, inlined calls) with its parameters and variables, and
 * every type they reach is made once per DIE offset.  All of it lives in
 * an arena freed with the unit.  Types are built depth first along
 * by-value edges (typedef, qualifier, array element, member), which cannot
 * form a cycle in sound DWARF: a cycle or too deep a nesting there makes
 * FS_TYPE_UNKNOWN.  Edges that may close a cycle (pointer and reference
 * targets, function return and parameter types) are resolved afterwards
 * from a work list, so `struct node { struct node *next; }' recurses
 * nowhere.  Location lists are decoded here from the section bytes, not
 * by libdwarf, because the model keeps each expression's raw bytes.
 * Every walk over DIE children goes forward in the unit, and a budget
 * bounds the DIEs one build may read, so hostile DWARF ends the build.
 */
#include <ctype.h>
#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <demangle.h>

#include "fs_dinfo.h"
#include "fs_dwarf_int.h"
#include "fs_dwcache.h"

/* Nesting of scopes, and of types by value, beyond sound code.  */
#define MAX_DEPTH	256
#define MAX_TDEPTH	128
/* Hops through DW_AT_abstract_origin / DW_AT_specification.  */
#define MAX_HOPS	8
/* Array dimensions kept.  */
#define MAX_DIMS	64
/* Entries of one location list.  */
#define MAX_LLE		(1u << 20)

struct fs_dinfo_unit;

/* The sections location lists need, read once per file, and the
   functions of the persistent cache (see the end of this file).  */
struct fs_dinfo {
	bool		 loaded;
	uint8_t		*loc, *loclists, *addr;
	uint64_t	 nloc, nloclists, naddr;
	/* The functions the cache file gave: their model (arena, funcs by
	   range, calls by ret_pc) and their records as read, to write
	   back.  */
	struct fs_dinfo_unit *cached;
	uint8_t		*crec;
	size_t		 ncrec;
	uint64_t	 ncfuncs;
	/* The functions modelled in this run, as records to add.  */
	struct fs_dwcache_out fresh;
	uint64_t	 nfresh;
	/* The entry of every function in either, not to write one twice. */
	uint64_t	*keys;
	size_t		 nkeys, capkeys;
	/* Names no unit has a global variable of, as fs_dinfo_global found
	   after looking in every one: `print f(1)' asks for f each time. */
	char		**absent;
	size_t		 nabsent;
	/* The last scope fs_dinfo_scope_at found, by address: a deep
	   recursion's frames return to one address.  */
	uint64_t	 last_faddr;
	const struct fs_scope *last_sc;
	/* The same for fs_dinfo_call_site, none found too.  */
	uint64_t	 call_faddr;
	const struct fs_call_site *call;
	bool		 call_known;
};

#define MAX_ABSENT	256

struct chunk {
	struct chunk	*next;
	size_t		 used, size;
	alignas(16) unsigned char data[];
};

struct fidx {
	uint64_t		 lo, hi;
	const struct fs_scope	*sc;
};

struct fs_dinfo_unit {
	struct chunk	*arena;
	bool		 bad;
	unsigned	 version;
	struct fidx	*funcs;		/* by lo */
	size_t		 nfuncs;
	uint64_t	*fmaxhi;
	const struct fs_var **globals;
	const char	**gqual;	/* qualified names ("crate::X") */
	size_t		 nglobals;
	struct fs_call_site *calls;	/* by ret_pc */
	size_t		 ncalls;
	/* The objects DW_OP_implicit_pointer names, by DIE offset.  */
	struct itarget {
		Dwarf_Off	 die;
		struct fs_var	*v;
	}		*itargets;
	size_t		 nitargets;
};

enum { T_BUILDING = 1, T_DONE };

/* A typed operation's operand whose DIE is no base type we model.  */
#define TYPED_UNKNOWN	127

struct tslot {
	Dwarf_Off	 off;		/* 0: empty */
	struct fs_type	*t;
	int		 state;
};

struct fixup {
	const struct fs_type **slot;
	Dwarf_Off	 off;
};

/* A variable as collected, before ordering.  */
struct pvar {
	struct fs_var	 v;
	Dwarf_Off	 off, origin;
	bool		 used;
};

struct build {
	struct fs_dwarf_unit un;
	Dwarf_Debug	 dbg;
	struct fs_dinfo	*fd;
	struct fs_dinfo_unit *u;
	struct tslot	*tmap;
	size_t		 tcap, tn;
	struct fixup	*fix;
	size_t		 nfix, capfix;
	struct fidx	*funcs;
	size_t		 nfuncs, capfuncs;
	const struct fs_var **globals;
	const char	**gqual;
	size_t		 nglobals, capglobals, capgqual;
	struct fs_type	*unknown;
	struct fs_call_site *calls;
	size_t		 ncalls, capcalls;
	bool		 all_calls;	/* the function being built lists
					   all its tail calls */
	uint64_t	 addr_base, loclists_base;
	bool		 c_lang;
	bool		 rust;
	bool		 paths_only;	/* walk: the types' paths alone */
	struct qual {			/* Rust: paths of named types */
		Dwarf_Off	 off;
		const char	*q;
	}		*quals;
	size_t		 nquals, capquals;
	struct fpath {			/* Rust: namespaces of functions */
		Dwarf_Off	 off;
		const char	*prefix;
	}		*fpaths;
	size_t		 nfpaths, capfpaths;
	struct rname {			/* Rust: functions named by path */
		struct fs_scope	*sc;
		Dwarf_Off	 off;	/* the DIE with the DW_AT_name */
		const char	*name, *linkage;
	}		*rnames;
	size_t		 nrnames, caprnames;
	unsigned	 asz;
	uint64_t	 budget;	/* DIEs this build may still read */
	int		 err;		/* -1: out of memory or budget */
	struct itarget	*itargets;	/* DIEs an implicit pointer names,
					   their variables made after the
					   walk */
	size_t		 nit, capit;
};

/* Array V holding N of *CAP with room for one more.  */
static void *
grow(void *v, size_t *cap, size_t n, size_t size)
{
	void *nv;
	size_t nc;

	if (n < *cap)
		return v;
	nc = *cap ? *cap * 2 : 8;
	if (nc > SIZE_MAX / size || (nv = realloc(v, nc * size)) == NULL)
		return NULL;
	*cap = nc;
	return nv;
}

#define GROW(v, n, cap) __extension__ ({				\
	void *grow_p = grow((v), &(cap), (n), sizeof *(v));		\
	grow_p != NULL ? ((v) = grow_p, 0) : -1;			\
})

/*
 * Arena.
 */

static void *
az(struct build *b, size_t n)
{
	struct fs_dinfo_unit *u = b->u;
	struct chunk *c = u->arena;
	size_t sz;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (n == 0)
		n = 16;
	if (c == NULL || c->size - c->used < n) {
		sz = n > 32768 ? n : 32768;
		if (sz > SIZE_MAX - sizeof *c ||
		    (c = malloc(sizeof *c + sz)) == NULL) {
			b->err = -1;
			return NULL;
		}
		c->size = sz;
		c->used = 0;
		c->next = u->arena;
		u->arena = c;
	}
	p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

static void *
adup(struct build *b, const void *p, size_t n)
{
	void *q;

	if (n == 0)
		return NULL;
	if ((q = az(b, n)) != NULL)
		memcpy(q, p, n);
	return q;
}

static const char *
astr(struct build *b, const char *s)
{
	return s == NULL ? NULL : adup(b, s, strlen(s) + 1);
}

/*
 * libdwarf attribute access.
 */

static int
ck(struct build *b, int rc, Dwarf_Error *err)
{
	if (rc == DW_DLV_ERROR && *err != NULL) {
		dwarf_dealloc_error(b->dbg, *err);
		*err = NULL;
	}
	return rc;
}

/* Spend one DIE of the budget: false when it is spent.  */
static bool
spend(struct build *b)
{
	if (b->budget == 0) {
		b->err = -1;
		return false;
	}
	/* Given up by the user: the model is dropped, to be built again
	   when asked (unit_build).  */
	if (fs_cancelled()) {
		b->err = -FS_E_INTR;
		return false;
	}
	b->budget--;
	return true;
}

static bool
a_get(struct build *b, Dwarf_Die die, Dwarf_Half at, Dwarf_Attribute *a)
{
	Dwarf_Error err = NULL;

	return ck(b, dwarf_attr(die, at, a, &err), &err) == DW_DLV_OK;
}

static bool
a_form(struct build *b, Dwarf_Die die, Dwarf_Half at, Dwarf_Half *form)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	int rc;

	if (!a_get(b, die, at, &a))
		return false;
	rc = ck(b, dwarf_whatform(a, form, &err), &err);
	dwarf_dealloc_attribute(a);
	return rc == DW_DLV_OK;
}

static const char *
a_str(struct build *b, Dwarf_Die die, Dwarf_Half at)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	char *s = NULL;
	int rc;

	if (!a_get(b, die, at, &a))
		return NULL;
	rc = ck(b, dwarf_formstring(a, &s, &err), &err);
	dwarf_dealloc_attribute(a);
	return rc == DW_DLV_OK ? s : NULL;
}

static bool
a_udata(struct build *b, Dwarf_Die die, Dwarf_Half at, uint64_t *v)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Unsigned u;
	int rc;

	Dwarf_Signed s;
	Dwarf_Half form = 0;

	if (!a_get(b, die, at, &a))
		return false;
	/* gcc writes DW_AT_call_file and such as DW_FORM_implicit_const,
	   which dwarf_formudata does not read.  */
	rc = ck(b, dwarf_whatform(a, &form, &err), &err);
	if (rc == DW_DLV_OK && form == DW_FORM_implicit_const) {
		rc = ck(b, dwarf_formsdata(a, &s, &err), &err);
		u = (Dwarf_Unsigned)s;
	} else if (rc == DW_DLV_OK)
		rc = ck(b, dwarf_formudata(a, &u, &err), &err);
	dwarf_dealloc_attribute(a);
	if (rc == DW_DLV_OK)
		*v = u;
	return rc == DW_DLV_OK;
}

/* A constant that may be negative: DW_FORM_sdata and implicit_const as
   signed, other data forms as unsigned.  */
static bool
a_sdata(struct build *b, Dwarf_Die die, Dwarf_Half at, int64_t *v)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Unsigned u;
	Dwarf_Signed s;
	Dwarf_Half form = 0;
	int rc;

	if (!a_get(b, die, at, &a))
		return false;
	rc = ck(b, dwarf_whatform(a, &form, &err), &err);
	if (rc == DW_DLV_OK && (form == DW_FORM_sdata ||
	    form == DW_FORM_implicit_const)) {
		rc = ck(b, dwarf_formsdata(a, &s, &err), &err);
		if (rc == DW_DLV_OK)
			*v = s;
	} else if (rc == DW_DLV_OK) {
		rc = ck(b, dwarf_formudata(a, &u, &err), &err);
		if (rc == DW_DLV_OK)
			*v = (int64_t)u;
	}
	dwarf_dealloc_attribute(a);
	return rc == DW_DLV_OK;
}

static bool
a_flag(struct build *b, Dwarf_Die die, Dwarf_Half at)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Bool f = 0;
	int rc;

	if (!a_get(b, die, at, &a))
		return false;
	rc = ck(b, dwarf_formflag(a, &f, &err), &err);
	dwarf_dealloc_attribute(a);
	return rc == DW_DLV_OK && f;
}

static bool
has_attr(struct build *b, Dwarf_Die d, Dwarf_Half at)
{
	Dwarf_Error err = NULL;
	Dwarf_Bool f = 0;

	return ck(b, dwarf_hasattr(d, at, &f, &err), &err) == DW_DLV_OK && f;
}

/* A reference as a .debug_info offset.  Type-unit signatures are not
   followed.  */
static bool
a_ref(struct build *b, Dwarf_Die die, Dwarf_Half at, Dwarf_Off *off)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Half form = 0;
	Dwarf_Off o = 0;
	int rc;

	if (!a_get(b, die, at, &a))
		return false;
	rc = ck(b, dwarf_whatform(a, &form, &err), &err);
	if (rc == DW_DLV_OK && (form == DW_FORM_ref_sig8 ||
	    form == DW_FORM_ref_sup4 || form == DW_FORM_ref_sup8 ||
	    form == DW_FORM_GNU_ref_alt))
		rc = DW_DLV_NO_ENTRY;
	if (rc == DW_DLV_OK)
		rc = ck(b, dwarf_global_formref(a, &o, &err), &err);
	dwarf_dealloc_attribute(a);
	if (rc != DW_DLV_OK || o == 0)
		return false;
	*off = o;
	return true;
}

static Dwarf_Die
die_at(struct build *b, Dwarf_Off off)
{
	Dwarf_Error err = NULL;
	Dwarf_Die d = NULL;

	if (!spend(b) || ck(b, dwarf_offdie_b(b->dbg, off, 1, &d, &err),
	    &err) != DW_DLV_OK)
		return NULL;
	return d;
}

static bool
die_tag_off(struct build *b, Dwarf_Die d, Dwarf_Half *tag, Dwarf_Off *off)
{
	Dwarf_Error err = NULL;

	return ck(b, dwarf_tag(d, tag, &err), &err) == DW_DLV_OK &&
	    ck(b, dwarf_dieoffset(d, off, &err), &err) == DW_DLV_OK;
}

/* Iteration over the children of a DIE, forward only.  */
struct kids {
	Dwarf_Die	 cur;
	Dwarf_Off	 prev;
	bool		 started;
};

/* The next child of PARENT in K->cur (owned by the iteration), or false
   at the end; a child not further on than the one before ends it.  */
static bool
kids_next(struct build *b, Dwarf_Die parent, struct kids *k)
{
	Dwarf_Error err = NULL;
	Dwarf_Die next = NULL;
	Dwarf_Off off;
	int rc;

	if (b->err != 0 || !spend(b))
		rc = DW_DLV_NO_ENTRY;
	else if (!k->started)
		rc = ck(b, dwarf_child(parent, &next, &err), &err);
	else
		rc = ck(b, dwarf_siblingof_b(b->dbg, k->cur, 1, &next, &err),
		    &err);
	k->started = true;
	if (k->cur != NULL)
		dwarf_dealloc_die(k->cur);
	k->cur = NULL;
	if (rc != DW_DLV_OK)
		return false;
	if (ck(b, dwarf_dieoffset(next, &off, &err), &err) != DW_DLV_OK ||
	    off <= k->prev) {
		dwarf_dealloc_die(next);
		return false;
	}
	k->prev = off;
	k->cur = next;
	return true;
}

static void
kids_end(struct kids *k)
{
	if (k->cur != NULL)
		dwarf_dealloc_die(k->cur);
	k->cur = NULL;
}

/*
 * Expressions and location lists.
 */

static bool
uleb(const uint8_t *p, uint64_t size, uint64_t *pos, uint64_t *v)
{
	unsigned shift = 0;
	uint8_t c;

	*v = 0;
	do {
		if (*pos >= size)
			return false;
		c = p[(*pos)++];
		if (shift < 64)
			*v |= (uint64_t)(c & 0x7f) << shift;
		shift += 7;
	} while (c & 0x80);
	return true;
}

static bool
fixed(const uint8_t *p, uint64_t size, uint64_t *pos, unsigned n,
    uint64_t *v)
{
	unsigned i;

	if (*pos > size || size - *pos < n)
		return false;
	*v = 0;
	for (i = n; i-- > 0;)
		*v = *v << 8 | p[*pos + i];
	*pos += n;
	return true;
}

/* Entry IDX of .debug_addr for this unit.  */
static bool
addrx(struct build *b, uint64_t idx, uint64_t *addr)
{
	uint64_t pos;

	if (b->fd->addr == NULL || idx > (UINT64_MAX - b->addr_base) / b->asz)
		return false;
	pos = b->addr_base + idx * b->asz;
	return fixed(b->fd->addr, b->fd->naddr, &pos, b->asz, addr);
}

static const struct fs_type *type_at(struct build *, Dwarf_Off, unsigned);

/* DIE, which an implicit pointer points to: its variable is made after
   the walk (itargets_make).  */
static void
itarget_note(struct build *b, Dwarf_Off die)
{
	size_t i;

	for (i = 0; i < b->nit; i++)
		if (b->itargets[i].die == die)
			return;
	if (b->nit >= 4096 || GROW(b->itargets, b->nit, b->capit) != 0)
		return;
	b->itargets[b->nit].die = die;
	b->itargets[b->nit].v = NULL;
	b->nit++;
}

/* The code of base type T as a typed operation's operand: its size and
   encoding in one ULEB byte (fs_dinfo_typed_operand reads it back).  */
static unsigned
typed_code(const struct fs_type *t)
{
	static const uint64_t sizes[] = { 1, 2, 4, 8, 16, 10, 12 };
	unsigned i;

	if (t == NULL || t->kind != FS_TYPE_BASE)
		return TYPED_UNKNOWN;
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
		if (sizes[i] == t->size)
			return 1 + (unsigned)t->encoding * 8 + i;
	return TYPED_UNKNOWN;
}

int
fs_dinfo_typed_operand(uint64_t op, unsigned *size, enum fs_ate *enc)
{
	static const unsigned sizes[] = { 1, 2, 4, 8, 16, 10, 12 };

	if (op == 0 || op >= TYPED_UNKNOWN || (op - 1) % 8 >= 7)
		return -FS_E_NOENT;
	*size = sizes[(op - 1) % 8];
	*enc = (enum fs_ate)((op - 1) / 8);
	return 0;
}

/* Replace the ULEB at Q[*POS] (a unit-relative DIE offset) with the code
   of that base type, in as many bytes.  */
static bool
typed_patch(struct build *b, uint8_t *q, uint64_t len, uint64_t *pos)
{
	uint64_t at = *pos, die, i;
	unsigned code;

	if (!uleb(q, len, pos, &die))
		return false;
	if (die == 0)
		return true;	/* the generic type */
	code = typed_code(die < b->un.end - b->un.start ?
	    type_at(b, b->un.start + die, 0) : NULL);
	for (i = at; i < *pos; i++)
		q[i] = i + 1 < *pos ? 0x80 : 0;
	q[at] |= (uint8_t)code;
	return true;
}

/* In the kept expression Q[0..LEN), every typed operation's base type
   (a DIE offset) becomes its size and encoding, so that evaluating it
   needs no DIE: the model is read from the cache without libdwarf.  An
   operation this does not know ends the walk, the rest left as is (the
   evaluator rejects what it does not know either).  */
static void
typed_operands(struct build *b, uint8_t *q, uint64_t len)
{
	uint64_t pos = 0, v, n;
	uint8_t op;

	while (pos < len) {
		op = q[pos++];
		if ((op >= DW_OP_lit0 && op <= DW_OP_lit31) ||
		    (op >= DW_OP_reg0 && op <= DW_OP_reg31))
			continue;
		if (op >= DW_OP_breg0 && op <= DW_OP_breg31) {
			if (!uleb(q, len, &pos, &v))
				return;
			continue;
		}
		switch (op) {
		case DW_OP_addr:
			n = b->asz;
			break;
		case DW_OP_const1u: case DW_OP_const1s: case DW_OP_pick:
		case DW_OP_deref_size: case DW_OP_xderef_size:
			n = 1;
			break;
		case DW_OP_const2u: case DW_OP_const2s: case DW_OP_skip:
		case DW_OP_bra: case DW_OP_call2:
			n = 2;
			break;
		case DW_OP_const4u: case DW_OP_const4s: case DW_OP_call4:
		case DW_OP_call_ref: case DW_OP_GNU_parameter_ref:
			n = 4;
			break;
		case DW_OP_const8u: case DW_OP_const8s:
			n = 8;
			break;
		case DW_OP_constu: case DW_OP_consts: case DW_OP_plus_uconst:
		case DW_OP_regx: case DW_OP_fbreg: case DW_OP_piece:
		case DW_OP_addrx: case DW_OP_constx:
		case DW_OP_GNU_addr_index: case DW_OP_GNU_const_index:
			if (!uleb(q, len, &pos, &v))
				return;
			continue;
		case DW_OP_bregx: case DW_OP_bit_piece:
			if (!uleb(q, len, &pos, &v) || !uleb(q, len, &pos, &v))
				return;
			continue;
		case DW_OP_implicit_value:
			if (!uleb(q, len, &pos, &v) || v > len - pos)
				return;
			pos += v;
			continue;
		case DW_OP_implicit_pointer: case DW_OP_GNU_implicit_pointer:
			if (b->un.version < 3 || !fixed(q, len, &pos, 4, &v))
				return;
			itarget_note(b, v);
			if (!uleb(q, len, &pos, &v))
				return;
			continue;
		case DW_OP_entry_value: case DW_OP_GNU_entry_value:
			if (!uleb(q, len, &pos, &v) || v > len - pos)
				return;
			typed_operands(b, q + pos, v);
			pos += v;
			continue;
		case DW_OP_const_type: case DW_OP_GNU_const_type:
			if (!typed_patch(b, q, len, &pos) || pos >= len)
				return;
			n = q[pos++];
			break;
		case DW_OP_regval_type: case DW_OP_GNU_regval_type:
			if (!uleb(q, len, &pos, &v) ||
			    !typed_patch(b, q, len, &pos))
				return;
			continue;
		case DW_OP_deref_type: case DW_OP_GNU_deref_type:
		case DW_OP_xderef_type:
			if (pos >= len)
				return;
			pos++;
			if (!typed_patch(b, q, len, &pos))
				return;
			continue;
		case DW_OP_convert: case DW_OP_GNU_convert:
		case DW_OP_reinterpret: case DW_OP_GNU_reinterpret:
			if (!typed_patch(b, q, len, &pos))
				return;
			continue;
		case DW_OP_deref: case DW_OP_dup: case DW_OP_drop:
		case DW_OP_over: case DW_OP_swap: case DW_OP_rot:
		case DW_OP_xderef: case DW_OP_abs: case DW_OP_and:
		case DW_OP_div: case DW_OP_minus: case DW_OP_mod:
		case DW_OP_mul: case DW_OP_neg: case DW_OP_not: case DW_OP_or:
		case DW_OP_plus: case DW_OP_shl: case DW_OP_shr:
		case DW_OP_shra: case DW_OP_xor: case DW_OP_eq: case DW_OP_ge:
		case DW_OP_gt: case DW_OP_le: case DW_OP_lt: case DW_OP_ne:
		case DW_OP_nop: case DW_OP_push_object_address:
		case DW_OP_form_tls_address: case DW_OP_call_frame_cfa:
		case DW_OP_stack_value: case DW_OP_GNU_push_tls_address:
		case DW_OP_GNU_uninit:
			continue;
		default:
			return;
		}
		if (n > len - pos)
			return;
		pos += n;
	}
}

/* Keep expression P[0..LEN) in the arena, its typed operations' base
   types made codes (typed_operands).  A leading DW_OP_addrx or
   DW_OP_GNU_addr_index (an index into .debug_addr, which the evaluator
   does not know) becomes the DW_OP_addr it stands for.  */
static struct fs_expr expr_copy(struct build *, const uint8_t *, uint64_t);

static struct fs_expr
expr_keep(struct build *b, const uint8_t *p, uint64_t len)
{
	struct fs_expr x = expr_copy(b, p, len);

	if (x.len > 0)
		typed_operands(b, (uint8_t *)x.ops, x.len);
	return x;
}

static struct fs_expr
expr_copy(struct build *b, const uint8_t *p, uint64_t len)
{
	struct fs_expr x = { NULL, 0 };
	uint64_t pos = 1, idx, addr;
	uint8_t *q;

	if (len == 0 || len > (1u << 24))
		return x;
	if ((p[0] == DW_OP_addrx || p[0] == DW_OP_GNU_addr_index) &&
	    uleb(p, len, &pos, &idx) && addrx(b, idx, &addr) &&
	    (q = az(b, 1 + b->asz + len - pos)) != NULL) {
		/* An address as wide as the unit's.  */
		q[0] = DW_OP_addr;
		for (idx = 0; idx < b->asz; idx++)
			q[1 + idx] = (uint8_t)(addr >> (8 * idx));
		memcpy(q + 1 + b->asz, p + pos, len - pos);
		x.ops = q;
		x.len = 1 + b->asz + len - pos;
		return x;
	}
	if ((x.ops = adup(b, p, len)) != NULL)
		x.len = len;
	return x;
}

static int
range_cmp(const void *a, const void *b)
{
	const struct fs_locrange *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->hi < y->hi ? -1 : x->hi > y->hi;
}

struct lrv {
	struct fs_locrange *v;
	size_t		 n, cap;
	bool		 new_base;	/* a base address entry came last */
	uint64_t	 base;
};

static bool
lr_add(struct build *b, struct lrv *r, uint64_t lo, uint64_t hi,
    const uint8_t *p, uint64_t len)
{
	bool nb = r->new_base;

	r->new_base = false;
	/* An empty range is kept: at a function's entry, gdb takes one
	   that starts there (gcc's location views).  */
	if (hi < lo)
		return true;
	if (r->n >= MAX_LLE || GROW(r->v, r->n, r->cap) != 0)
		return false;
	r->v[r->n].lo = lo;
	r->v[r->n].hi = hi;
	r->v[r->n].expr = expr_keep(b, p, len);
	r->v[r->n].new_base = nb;
	r->v[r->n].base = r->base;
	r->n++;
	return b->err == 0;
}

/* A DWARF 2-4 list in .debug_loc at OFF.  */
static bool
loc_v4(struct build *b, uint64_t off, struct lrv *r)
{
	const uint8_t *p = b->fd->loc;
	uint64_t size = b->fd->nloc, pos = off, lo, hi, len, base = b->un.base;
	unsigned n;

	if (p == NULL)
		return false;
	for (n = 0; n < MAX_LLE; n++) {
		if (!fixed(p, size, &pos, b->asz, &lo) ||
		    !fixed(p, size, &pos, b->asz, &hi))
			return false;
		if (lo == 0 && hi == 0)
			return true;
		if (lo == (b->asz == 8 ? UINT64_MAX : 0xffffffffu)) {
			base = r->base = hi;
			r->new_base = true;
			continue;
		}
		if (!fixed(p, size, &pos, 2, &len) || len > size - pos)
			return false;
		if (!lr_add(b, r, base + lo, base + hi, p + pos, len))
			return false;
		pos += len;
	}
	return false;
}

/* A DWARF 5 list in .debug_loclists at OFF.  A default location becomes
   ranges over every address no other entry covers.  */
static bool
loc_v5(struct build *b, uint64_t off, struct lrv *r)
{
	const uint8_t *p = b->fd->loclists, *dp = NULL;
	uint64_t size = b->fd->nloclists, pos = off, base = b->un.base;
	uint64_t a1, a2, len, dlen = 0, at;
	size_t i, nspec;
	unsigned n;
	uint8_t kind;
	bool ok = false, def = false;

	if (p == NULL)
		return false;
	for (n = 0; n < MAX_LLE; n++) {
		if (pos >= size)
			return false;
		kind = p[pos++];
		switch (kind) {
		case DW_LLE_end_of_list:
			ok = true;
			break;
		case DW_LLE_base_addressx:
			if (!uleb(p, size, &pos, &a1) || !addrx(b, a1, &base))
				return false;
			r->base = base;
			r->new_base = true;
			continue;
		case DW_LLE_base_address:
			if (!fixed(p, size, &pos, b->asz, &base))
				return false;
			r->base = base;
			r->new_base = true;
			continue;
		case 0x09:	/* DW_LLE_GNU_view_pair */
			if (!uleb(p, size, &pos, &a1) ||
			    !uleb(p, size, &pos, &a2))
				return false;
			continue;
		case DW_LLE_startx_endx:
			if (!uleb(p, size, &pos, &a1) ||
			    !uleb(p, size, &pos, &a2) || !addrx(b, a1, &a1) ||
			    !addrx(b, a2, &a2))
				return false;
			break;
		case DW_LLE_startx_length:
			if (!uleb(p, size, &pos, &a1) ||
			    !uleb(p, size, &pos, &a2) || !addrx(b, a1, &a1))
				return false;
			a2 = a2 > UINT64_MAX - a1 ? UINT64_MAX : a1 + a2;
			break;
		case DW_LLE_offset_pair:
			if (!uleb(p, size, &pos, &a1) ||
			    !uleb(p, size, &pos, &a2))
				return false;
			a1 += base;
			a2 += base;
			break;
		case DW_LLE_default_location:
			a1 = a2 = 0;
			break;
		case DW_LLE_start_end:
			if (!fixed(p, size, &pos, b->asz, &a1) ||
			    !fixed(p, size, &pos, b->asz, &a2))
				return false;
			break;
		case DW_LLE_start_length:
			if (!fixed(p, size, &pos, b->asz, &a1) ||
			    !uleb(p, size, &pos, &a2))
				return false;
			a2 = a2 > UINT64_MAX - a1 ? UINT64_MAX : a1 + a2;
			break;
		default:
			return false;
		}
		if (ok)
			break;
		if (!uleb(p, size, &pos, &len) || len > size - pos)
			return false;
		if (kind == DW_LLE_default_location) {
			def = true;
			dp = p + pos;
			dlen = len;
		} else if (!lr_add(b, r, a1, a2, p + pos, len))
			return false;
		pos += len;
	}
	if (!ok)
		return false;
	if (def) {
		nspec = r->n;
		if (nspec > 0)
			qsort(r->v, nspec, sizeof r->v[0], range_cmp);
		for (i = 0, at = 0; i < nspec; i++) {
			if (r->v[i].lo > at && !lr_add(b, r, at, r->v[i].lo,
			    dp, dlen))
				return false;
			if (r->v[i].hi > at)
				at = r->v[i].hi;
		}
		if (at < UINT64_MAX && !lr_add(b, r, at, UINT64_MAX, dp, dlen))
			return false;
	}
	return true;
}

/* The DW_AT_location (or DW_AT_frame_base...) AT of DIE into *L.  */
static void
location(struct build *b, Dwarf_Die die, Dwarf_Half at, struct fs_location *l)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Half form = 0;
	Dwarf_Unsigned u = 0, len = 0;
	Dwarf_Ptr ptr = NULL;
	Dwarf_Block *blk = NULL;
	Dwarf_Off o = 0;
	struct lrv r = { NULL, 0, 0, false, 0 };
	uint64_t off, pos;
	bool ok;

	memset(l, 0, sizeof *l);
	if (!a_get(b, die, at, &a))
		return;
	if (ck(b, dwarf_whatform(a, &form, &err), &err) != DW_DLV_OK)
		goto out;
	switch (form) {
	case DW_FORM_exprloc:
		if (ck(b, dwarf_formexprloc(a, &len, &ptr, &err), &err) ==
		    DW_DLV_OK && len > 0) {
			l->expr = expr_keep(b, ptr, len);
			l->kind = l->expr.len > 0 ? FS_LOC_EXPR : FS_LOC_NONE;
		}
		goto out;
	case DW_FORM_block1:
	case DW_FORM_block2:
	case DW_FORM_block4:
	case DW_FORM_block:
		if (ck(b, dwarf_formblock(a, &blk, &err), &err) == DW_DLV_OK) {
			if (blk->bl_len > 0) {
				l->expr = expr_keep(b, blk->bl_data,
				    blk->bl_len);
				l->kind = l->expr.len > 0 ? FS_LOC_EXPR :
				    FS_LOC_NONE;
			}
			dwarf_dealloc(b->dbg, blk, DW_DLA_BLOCK);
		}
		goto out;
	case DW_FORM_sec_offset:
		if (ck(b, dwarf_global_formref(a, &o, &err), &err) !=
		    DW_DLV_OK)
			goto out;
		off = o;
		break;
	case DW_FORM_data4:
	case DW_FORM_data8:
		if (b->un.version >= 4 || ck(b, dwarf_formudata(a, &u, &err),
		    &err) != DW_DLV_OK)
			goto out;
		off = u;
		break;
	case DW_FORM_loclistx:
		/* An index into the offsets after the list table's header
		   (DW_AT_loclists_base: 12 bytes in, without one).  */
		if (ck(b, dwarf_formudata(a, &u, &err), &err) != DW_DLV_OK ||
		    b->fd->loclists == NULL || u > UINT32_MAX)
			goto out;
		pos = b->loclists_base + u * 4;
		if (!fixed(b->fd->loclists, b->fd->nloclists, &pos, 4, &off))
			goto out;
		off += b->loclists_base;
		break;
	default:
		goto out;
	}
	ok = b->un.version >= 5 ? loc_v5(b, off, &r) : loc_v4(b, off, &r);
	if (ok && r.n > 0) {
		qsort(r.v, r.n, sizeof r.v[0], range_cmp);
		if ((l->ranges = adup(b, r.v, r.n * sizeof r.v[0])) != NULL) {
			l->nranges = r.n;
			l->kind = FS_LOC_LIST;
		}
	}
	free(r.v);
out:
	dwarf_dealloc_attribute(a);
}

/* DW_AT_const_value of DIE, as little-endian bytes of SIZE (the type's,
   0 unknown) into *L.  */
static bool
const_value(struct build *b, Dwarf_Die die, uint64_t size,
    struct fs_location *l)
{
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	Dwarf_Half form = 0;
	Dwarf_Unsigned u;
	Dwarf_Signed s;
	Dwarf_Block *blk = NULL;
	Dwarf_Form_Data16 d16;
	char *str;
	uint8_t buf[8], *q;
	unsigned i, w;
	bool ok = false;

	if (!a_get(b, die, DW_AT_const_value, &a))
		return false;
	if (ck(b, dwarf_whatform(a, &form, &err), &err) != DW_DLV_OK)
		goto out;
	w = size >= 1 && size <= 8 ? (unsigned)size : 0;
	switch (form) {
	case DW_FORM_block1:
	case DW_FORM_block2:
	case DW_FORM_block4:
	case DW_FORM_block:
	case DW_FORM_exprloc:
		if (ck(b, dwarf_formblock(a, &blk, &err), &err) != DW_DLV_OK)
			goto out;
		if (blk->bl_len > 0 && blk->bl_len < (1u << 24) &&
		    (l->const_bytes = adup(b, blk->bl_data, blk->bl_len)) !=
		    NULL) {
			l->const_len = blk->bl_len;
			l->const_block = true;
			ok = true;
		}
		dwarf_dealloc(b->dbg, blk, DW_DLA_BLOCK);
		goto out;
	case DW_FORM_data16:
		if (ck(b, dwarf_formdata16(a, &d16, &err), &err) !=
		    DW_DLV_OK)
			goto out;
		if ((l->const_bytes = adup(b, d16.fd_data, 16)) != NULL) {
			l->const_len = 16;
			l->const_block = true;
			ok = true;
		}
		goto out;
	case DW_FORM_string:
	case DW_FORM_strp:
	case DW_FORM_line_strp:
	case DW_FORM_strx:
	case DW_FORM_strx1:
	case DW_FORM_strx2:
	case DW_FORM_strx3:
	case DW_FORM_strx4:
	case DW_FORM_GNU_strp_alt:
		if (ck(b, dwarf_formstring(a, &str, &err), &err) !=
		    DW_DLV_OK)
			goto out;
		if ((l->const_bytes = adup(b, str, strlen(str) + 1)) != NULL) {
			l->const_len = strlen(str) + 1;
			l->const_block = true;
			ok = true;
		}
		goto out;
	case DW_FORM_sdata:
	case DW_FORM_implicit_const:
		if (ck(b, dwarf_formsdata(a, &s, &err), &err) != DW_DLV_OK)
			goto out;
		u = (Dwarf_Unsigned)s;
		if (w == 0)
			w = 8;
		break;
	case DW_FORM_data1:
	case DW_FORM_data2:
	case DW_FORM_data4:
	case DW_FORM_data8:
	case DW_FORM_udata:
		if (ck(b, dwarf_formudata(a, &u, &err), &err) != DW_DLV_OK)
			goto out;
		if (w == 0)
			w = form == DW_FORM_data1 ? 1 : form == DW_FORM_data2 ?
			    2 : form == DW_FORM_data4 ? 4 : 8;
		break;
	default:
		goto out;
	}
	for (i = 0; i < w; i++)
		buf[i] = (uint8_t)(u >> (8 * i));
	if ((q = adup(b, buf, w)) != NULL) {
		l->const_bytes = q;
		l->const_len = w;
		ok = true;
	}
out:
	dwarf_dealloc_attribute(a);
	if (ok)
		l->kind = FS_LOC_CONST;
	return ok;
}

/*
 * Types.
 */

static size_t
thash(Dwarf_Off off, size_t cap)
{
	uint64_t h = off * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 20) & (cap - 1);
}

static struct tslot *
tfind(struct build *b, Dwarf_Off off)
{
	size_t i;

	if (b->tcap == 0)
		return NULL;
	for (i = thash(off, b->tcap); b->tmap[i].off != 0;
	    i = (i + 1) & (b->tcap - 1))
		if (b->tmap[i].off == off)
			return &b->tmap[i];
	return NULL;
}

static struct tslot *
tinsert(struct build *b, Dwarf_Off off, struct fs_type *t)
{
	struct tslot *old = b->tmap, *s;
	size_t ocap = b->tcap, i, j;

	if ((b->tn + 1) * 2 > b->tcap) {
		b->tcap = ocap ? ocap * 2 : 256;
		if ((b->tmap = calloc(b->tcap, sizeof *b->tmap)) == NULL) {
			b->tmap = old;
			b->tcap = ocap;
			b->err = -1;
			return NULL;
		}
		for (i = 0; i < ocap; i++) {
			if (old[i].off == 0)
				continue;
			for (j = thash(old[i].off, b->tcap);
			    b->tmap[j].off != 0; j = (j + 1) & (b->tcap - 1))
				;
			b->tmap[j] = old[i];
		}
		free(old);
	}
	for (i = thash(off, b->tcap); b->tmap[i].off != 0;
	    i = (i + 1) & (b->tcap - 1))
		;
	s = &b->tmap[i];
	s->off = off;
	s->t = t;
	s->state = T_BUILDING;
	b->tn++;
	return s;
}

/* Resolve *SLOT to the type at OFF later (an edge that may close a
   cycle).  */
static void
defer(struct build *b, const struct fs_type **slot, Dwarf_Off off)
{
	*slot = b->unknown;
	if (GROW(b->fix, b->nfix, b->capfix) != 0) {
		b->err = -1;
		return;
	}
	b->fix[b->nfix].slot = slot;
	b->fix[b->nfix].off = off;
	b->nfix++;
}

static const struct fs_type *type_at(struct build *, Dwarf_Off, unsigned);

/* The type DIE's DW_AT_type reaches by value; UNKNOWN when none or a
   cycle, NULL_OK gives NULL (void) when there is no attribute.  */
static const struct fs_type *
type_of(struct build *b, Dwarf_Die die, unsigned depth, bool null_ok)
{
	Dwarf_Off off;

	if (!a_ref(b, die, DW_AT_type, &off))
		return null_ok ? NULL : b->unknown;
	return type_at(b, off, depth + 1);
}

static enum fs_ate
ate(uint64_t e)
{
	switch (e) {
	case DW_ATE_signed:		return FS_ATE_SIGNED;
	case DW_ATE_unsigned:		return FS_ATE_UNSIGNED;
	case DW_ATE_signed_char:	return FS_ATE_SIGNED_CHAR;
	case DW_ATE_unsigned_char:	return FS_ATE_UNSIGNED_CHAR;
	case DW_ATE_boolean:		return FS_ATE_BOOLEAN;
	case DW_ATE_float:		return FS_ATE_FLOAT;
	case DW_ATE_UTF:		return FS_ATE_UTF;
	case DW_ATE_complex_float:	return FS_ATE_COMPLEX_FLOAT;
	case DW_ATE_address:		return FS_ATE_ADDRESS;
	default:			return FS_ATE_OTHER;
	}
}

static bool
ate_unsigned(enum fs_ate e)
{
	return e == FS_ATE_UNSIGNED || e == FS_ATE_UNSIGNED_CHAR ||
	    e == FS_ATE_BOOLEAN || e == FS_ATE_UTF || e == FS_ATE_ADDRESS;
}

/* A bound of a subrange: constant (*V), or an expression or a reference
   to a variable whose location expression gives it (*X).  */
static bool
bound(struct build *b, Dwarf_Die die, Dwarf_Half at, int64_t *v,
    const struct fs_location **x)
{
	Dwarf_Half form;
	Dwarf_Off off;
	Dwarf_Die d;
	struct fs_location l;

	*x = NULL;
	if (!a_form(b, die, at, &form))
		return false;
	switch (dwarf_get_form_class(b->un.version, at, 4, form)) {
	case DW_FORM_CLASS_CONSTANT:
		return a_sdata(b, die, at, v);
	case DW_FORM_CLASS_EXPRLOC:
	case DW_FORM_CLASS_BLOCK:
		location(b, die, at, &l);
		break;
	case DW_FORM_CLASS_REFERENCE:
		/* An artificial variable's: at -O2 a location list, the
		   bound in a register over one range, in memory over
		   another.  */
		if (!a_ref(b, die, at, &off) || (d = die_at(b, off)) == NULL)
			return false;
		location(b, d, DW_AT_location, &l);
		dwarf_dealloc_die(d);
		break;
	default:
		return false;
	}
	if (l.kind == FS_LOC_EXPR || l.kind == FS_LOC_LIST)
		*x = adup(b, &l, sizeof l);
	return false;
}

static void
array_dims(struct build *b, Dwarf_Die die, struct fs_type *t)
{
	struct fs_dim dims[MAX_DIMS], *dm;
	struct kids k = { NULL, 0, false };
	Dwarf_Half tag;
	Dwarf_Off off;
	int64_t lo, ub, cnt;
	uint64_t n;
	size_t nd = 0, i;
	bool all = true;

	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off) ||
		    (tag != DW_TAG_subrange_type &&
		    tag != DW_TAG_enumeration_type))
			continue;
		if (nd == MAX_DIMS)
			break;
		dm = &dims[nd++];
		memset(dm, 0, sizeof *dm);
		if (tag == DW_TAG_enumeration_type)
			continue;	/* indexed by an enum: unknown */
		lo = 0;
		if (a_sdata(b, k.cur, DW_AT_lower_bound, &lo))
			dm->lower = lo;
		if (bound(b, k.cur, DW_AT_count, &cnt, &dm->count_loc)) {
			dm->has_count = true;
			dm->count = cnt < 0 ? 0 : (uint64_t)cnt;
		} else if (dm->count_loc == NULL &&
		    bound(b, k.cur, DW_AT_upper_bound, &ub,
		    &dm->count_loc)) {
			dm->has_count = true;
			/* int a[0] has upper bound -1.  */
			dm->count = ub < lo ? 0 : (uint64_t)ub - (uint64_t)lo +
			    1;
		} else if (dm->count_loc != NULL)
			dm->count_is_ubound = !has_attr(b, k.cur, DW_AT_count);
	}
	kids_end(&k);
	if (nd > 0 && (t->dims = adup(b, dims, nd * sizeof dims[0])) != NULL)
		t->ndims = nd;
	if (t->size != 0 || t->target == NULL)
		return;
	/* The size from the dimensions, when all are known.  */
	n = t->target->size;
	for (i = 0; i < t->ndims && all; i++) {
		if (!t->dims[i].has_count ||
		    (t->dims[i].count != 0 && n > UINT64_MAX / t->dims[i].count))
			all = false;
		else
			n *= t->dims[i].count;
	}
	if (all && t->ndims > 0)
		t->size = n;
}

/* The byte offset of a member: DW_AT_data_member_location as a constant
   or one of the simple expressions compilers write for it.  */
static bool
member_loc(struct build *b, Dwarf_Die die, uint64_t *off)
{
	Dwarf_Half form;
	struct fs_location l;
	const uint8_t *p;
	uint64_t pos = 1, v;

	*off = 0;
	if (!a_form(b, die, DW_AT_data_member_location, &form))
		return false;
	if (dwarf_get_form_class(b->un.version, DW_AT_data_member_location,
	    4, form) == DW_FORM_CLASS_CONSTANT)
		return a_udata(b, die, DW_AT_data_member_location, off);
	location(b, die, DW_AT_data_member_location, &l);
	if (l.kind != FS_LOC_EXPR)
		return false;
	p = l.expr.ops;
	if (p[0] == DW_OP_plus_uconst && uleb(p, l.expr.len, &pos, &v) &&
	    pos == l.expr.len) {
		*off = v;
		return true;
	}
	if (p[0] == DW_OP_constu && uleb(p, l.expr.len, &pos, &v) &&
	    pos + 1 == l.expr.len && p[pos] == DW_OP_plus) {
		*off = v;
		return true;
	}
	if (p[0] >= DW_OP_lit0 && p[0] <= DW_OP_lit31 && l.expr.len == 2 &&
	    p[1] == DW_OP_plus) {
		*off = p[0] - DW_OP_lit0;
		return true;
	}
	return false;
}

static bool
member(struct build *b, Dwarf_Die die, Dwarf_Half tag, unsigned depth,
    struct fs_member *m)
{
	uint64_t off = 0, bs = 0, bo = 0, dbo, ssize, total;

	memset(m, 0, sizeof *m);
	/* C++ static members are declarations, not storage.  */
	if (tag == DW_TAG_member && (a_flag(b, die, DW_AT_external) ||
	    a_flag(b, die, DW_AT_declaration)))
		return false;
	m->name = astr(b, a_str(b, die, DW_AT_name));
	m->type = type_of(b, die, depth, false);
	m->artificial = a_flag(b, die, DW_AT_artificial);
	m->inheritance = tag == DW_TAG_inheritance;
	(void)member_loc(b, die, &off);
	m->offset = off;
	if (a_udata(b, die, DW_AT_bit_size, &bs) && bs > 0 && bs < 65536) {
		m->bit_size = (unsigned)bs;
		if (a_udata(b, die, DW_AT_data_bit_offset, &dbo))
			total = dbo;
		else if (a_udata(b, die, DW_AT_bit_offset, &bo)) {
			/* DWARF 2 counts from the most significant bit of
			   a storage unit of DW_AT_byte_size bytes.  */
			if (!a_udata(b, die, DW_AT_byte_size, &ssize))
				ssize = m->type->size;
			if (ssize > 1024 || bo + bs > ssize * 8)
				total = off * 8;
			else
				total = off * 8 + ssize * 8 - bo - bs;
		} else
			total = off * 8;
		m->offset = total / 8;
		m->bit_offset = (unsigned)(total % 8);
	}
	return true;
}

/* The variant part VP of a Rust enum into T.  */
static void
variant_part(struct build *b, Dwarf_Die vp, unsigned depth,
    struct fs_type *t)
{
	struct kids k = { NULL, 0, false }, k2;
	struct fs_variant *vs = NULL, *v;
	struct fs_member *dm = NULL, m, *mp;
	size_t nv = 0, cap = 0;
	Dwarf_Off discr = 0, off, off2;
	Dwarf_Half tag, tag2;
	uint64_t dv;
	int64_t sv;

	(void)a_ref(b, vp, DW_AT_discr, &discr);
	while (kids_next(b, vp, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		if (tag == DW_TAG_member && (dm == NULL || off == discr)) {
			if (member(b, k.cur, tag, depth, &m) &&
			    (mp = adup(b, &m, sizeof m)) != NULL)
				dm = mp;
			continue;
		}
		if (tag != DW_TAG_variant)
			continue;
		if (GROW(vs, nv, cap) != 0) {
			b->err = -1;
			break;
		}
		v = &vs[nv++];
		memset(v, 0, sizeof *v);
		if (a_udata(b, k.cur, DW_AT_discr_value, &dv))
			v->discr_value = dv;
		else if (a_sdata(b, k.cur, DW_AT_discr_value, &sv))
			v->discr_value = (uint64_t)sv;
		else
			v->is_default = true;
		memset(&k2, 0, sizeof k2);
		while (kids_next(b, k.cur, &k2))
			if (die_tag_off(b, k2.cur, &tag2, &off2) &&
			    tag2 == DW_TAG_member && v->member == NULL &&
			    member(b, k2.cur, tag2, depth, &m))
				v->member = adup(b, &m, sizeof m);
		kids_end(&k2);
	}
	kids_end(&k);
	/* The discriminant is the member DW_AT_discr names; without one
	   (a niche), none.  */
	t->discr = discr != 0 ? dm : NULL;
	if (nv > 0 && (t->variants = adup(b, vs, nv * sizeof vs[0])) != NULL)
		t->nvariants = nv;
	free(vs);
}

static void
composite(struct build *b, Dwarf_Die die, unsigned depth, struct fs_type *t)
{
	struct kids k = { NULL, 0, false };
	struct fs_member *ms = NULL, m;
	size_t nm = 0, cap = 0;
	Dwarf_Half tag;
	Dwarf_Off off;

	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		if (tag == DW_TAG_template_type_parameter) {
			Dwarf_Off toff;

			if (t->tparam == NULL && a_ref(b, k.cur, DW_AT_type,
			    &toff))
				defer(b, &t->tparam, toff);
			continue;
		}
		if (tag == DW_TAG_variant_part) {
			if (t->kind == FS_TYPE_STRUCT) {
				t->kind = FS_TYPE_VARIANT;
				variant_part(b, k.cur, depth, t);
			}
			continue;
		}
		if ((tag != DW_TAG_member && tag != DW_TAG_inheritance) ||
		    !member(b, k.cur, tag, depth, &m))
			continue;
		if (GROW(ms, nm, cap) != 0) {
			b->err = -1;
			break;
		}
		ms[nm++] = m;
	}
	kids_end(&k);
	if (nm > 0 && (t->members = adup(b, ms, nm * sizeof ms[0])) != NULL)
		t->nmembers = nm;
	free(ms);
}

static void
enumeration(struct build *b, Dwarf_Die die, struct fs_type *t)
{
	struct kids k = { NULL, 0, false };
	struct fs_enumerator *es = NULL, *e;
	const char *name;
	size_t ne = 0, cap = 0, i;
	Dwarf_Half tag, form;
	Dwarf_Off off;
	int64_t v;
	uint64_t sz = t->size;
	bool neg = false;

	while (kids_next(b, die, &k)) {
		/* One without a name has nothing to be shown by.  */
		if (!die_tag_off(b, k.cur, &tag, &off) ||
		    tag != DW_TAG_enumerator || !a_sdata(b, k.cur,
		    DW_AT_const_value, &v) ||
		    (name = astr(b, a_str(b, k.cur, DW_AT_name))) == NULL)
			continue;
		if (GROW(es, ne, cap) != 0) {
			b->err = -1;
			break;
		}
		e = &es[ne++];
		e->name = name;
		e->value = v;
		if (a_form(b, k.cur, DW_AT_const_value, &form) &&
		    (form == DW_FORM_sdata || form == DW_FORM_implicit_const)
		    && v < 0)
			neg = true;
	}
	kids_end(&k);
	if (t->target != NULL && t->target->kind == FS_TYPE_BASE)
		t->is_unsigned = ate_unsigned(t->target->encoding);
	else
		t->is_unsigned = !neg;
	/* A fixed-size data form holds the value as the enum's size: sign
	   extend it for a signed enum.  */
	if (!t->is_unsigned && sz > 0 && sz < 8)
		for (i = 0; i < ne; i++)
			if ((uint64_t)es[i].value >> (sz * 8) == 0 &&
			    (es[i].value >> (sz * 8 - 1)) & 1)
				es[i].value = (int64_t)((uint64_t)es[i].value |
				    ~((UINT64_C(1) << (sz * 8)) - 1));
	if (ne > 0 &&
	    (t->enumerators = adup(b, es, ne * sizeof es[0])) != NULL)
		t->nenumerators = ne;
	free(es);
}

static void
subroutine(struct build *b, Dwarf_Die die, struct fs_type *t)
{
	struct kids k = { NULL, 0, false };
	Dwarf_Off *offs = NULL, off, toff;
	size_t n = 0, cap = 0, i;
	Dwarf_Half tag;
	const struct fs_type **ps;

	if (a_ref(b, die, DW_AT_type, &toff))
		defer(b, &t->target, toff);
	t->varargs = b->c_lang && !a_flag(b, die, DW_AT_prototyped);
	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		if (tag == DW_TAG_unspecified_parameters)
			t->varargs = true;
		if (tag != DW_TAG_formal_parameter)
			continue;
		if (GROW(offs, n, cap) != 0) {
			b->err = -1;
			break;
		}
		if (!a_ref(b, k.cur, DW_AT_type, &offs[n]))
			offs[n] = 0;
		n++;
	}
	kids_end(&k);
	if (n > 0 && (ps = az(b, n * sizeof *ps)) != NULL) {
		for (i = 0; i < n; i++) {
			if (offs[i] != 0)
				defer(b, &ps[i], offs[i]);
			else
				ps[i] = b->unknown;
		}
		t->params = ps;
		t->nparams = n;
	}
	free(offs);
}

/* The type at OFF, made once.  DEPTH counts by-value edges: a cycle of
   them, or too long a chain, is FS_TYPE_UNKNOWN.  */
static const struct fs_type *
type_at(struct build *b, Dwarf_Off off, unsigned depth)
{
	struct tslot *s;
	struct fs_type *t;
	const struct fs_type *tg;
	Dwarf_Die die;
	Dwarf_Half tag;
	Dwarf_Off toff;
	uint64_t v;

	if ((s = tfind(b, off)) != NULL)
		return s->state == T_BUILDING ? b->unknown : s->t;
	if (depth > MAX_TDEPTH || b->err != 0 ||
	    (die = die_at(b, off)) == NULL)
		return b->unknown;
	if (!die_tag_off(b, die, &tag, &toff)) {
		dwarf_dealloc_die(die);
		return b->unknown;
	}
	if (tag == DW_TAG_restrict_type || tag == DW_TAG_atomic_type ||
	    tag == DW_TAG_shared_type || tag == DW_TAG_immutable_type) {
		/* Transparent: the qualified type itself.  */
		tg = type_of(b, die, depth, true);
		dwarf_dealloc_die(die);
		if (tg == NULL)
			tg = b->unknown;
		if ((s = tfind(b, off)) == NULL &&
		    (s = tinsert(b, off, (struct fs_type *)tg)) != NULL)
			s->state = T_DONE;
		return tg;
	}
	if ((t = az(b, sizeof *t)) == NULL ||
	    (s = tinsert(b, off, t)) == NULL) {
		dwarf_dealloc_die(die);
		return b->unknown;
	}
	t->kind = FS_TYPE_UNKNOWN;
	t->name = astr(b, a_str(b, die, DW_AT_name));
	if (a_udata(b, die, DW_AT_byte_size, &v))
		t->size = v;
	t->declaration = a_flag(b, die, DW_AT_declaration);
	t->rust = b->rust;
	switch (tag) {
	case DW_TAG_base_type:
		t->kind = FS_TYPE_BASE;
		if (a_udata(b, die, DW_AT_encoding, &v))
			t->encoding = ate(v);
		break;
	case DW_TAG_unspecified_type:
		t->kind = FS_TYPE_VOID;
		break;
	case DW_TAG_pointer_type:
	case DW_TAG_reference_type:
	case DW_TAG_rvalue_reference_type:
		t->kind = tag == DW_TAG_pointer_type ? FS_TYPE_POINTER :
		    tag == DW_TAG_reference_type ? FS_TYPE_REFERENCE :
		    FS_TYPE_RVALUE_REF;
		if (t->size == 0)
			t->size = b->asz;
		if (a_ref(b, die, DW_AT_type, &toff))
			defer(b, &t->target, toff);
		break;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
	case DW_TAG_typedef:
		t->kind = tag == DW_TAG_const_type ? FS_TYPE_CONST :
		    tag == DW_TAG_volatile_type ? FS_TYPE_VOLATILE :
		    FS_TYPE_TYPEDEF;
		t->target = type_of(b, die, depth, true);
		if (t->target == NULL && tag == DW_TAG_typedef)
			t->target = NULL;	/* typedef of void */
		if (t->size == 0 && t->target != NULL)
			t->size = t->target->size;
		break;
	case DW_TAG_array_type:
		t->kind = FS_TYPE_ARRAY;
		t->target = type_of(b, die, depth, false);
		array_dims(b, die, t);
		break;
	case DW_TAG_structure_type:
	case DW_TAG_class_type:
	case DW_TAG_union_type:
		t->kind = tag == DW_TAG_union_type ? FS_TYPE_UNION :
		    FS_TYPE_STRUCT;
		composite(b, die, depth + 1, t);
		break;
	case DW_TAG_enumeration_type:
		t->kind = FS_TYPE_ENUM;
		t->target = type_of(b, die, depth, true);
		if (t->size == 0 && t->target != NULL)
			t->size = t->target->size;
		enumeration(b, die, t);
		break;
	case DW_TAG_subroutine_type:
		t->kind = FS_TYPE_FUNC;
		subroutine(b, die, t);
		break;
	default:
		break;
	}
	dwarf_dealloc_die(die);
	s = tfind(b, off);	/* the map may have moved */
	if (s != NULL)
		s->state = T_DONE;
	return t;
}

/* Resolve the deferred edges; each may add more, each DIE is made once.  */
static void
fixups(struct build *b)
{
	struct fixup f;

	while (b->nfix > 0 && b->err == 0) {
		f = b->fix[--b->nfix];
		*f.slot = type_at(b, f.off, 0);
		/* A pointer to an unknown DIE points to something unknown;
		   to nothing at all only when the DIE says void.  */
	}
}

/*
 * Variables and scopes.
 */

/* Follow DW_AT_abstract_origin / DW_AT_specification from DIE: call FN
   on each DIE of the chain (DIE first) until it returns true.  */
static void
hops(struct build *b, Dwarf_Die die,
    bool (*fn)(struct build *, Dwarf_Die, void *), void *arg)
{
	Dwarf_Die d = die, nd;
	Dwarf_Off ref;
	int hop;

	for (hop = 0; hop < MAX_HOPS; hop++) {
		if (fn(b, d, arg))
			break;
		if (!a_ref(b, d, DW_AT_abstract_origin, &ref) &&
		    !a_ref(b, d, DW_AT_specification, &ref))
			break;
		if ((nd = die_at(b, ref)) == NULL)
			break;
		if (d != die)
			dwarf_dealloc_die(d);
		d = nd;
	}
	if (d != die)
		dwarf_dealloc_die(d);
}

/* What a DIE's origin chain says of it.  */
struct names {
	const char	*name, *linkage;
	bool		 has_type;
	Dwarf_Off	 type;
	uint64_t	 decl_file, decl_line;
	bool		 has_file, has_line, artificial, external;
	bool		 has_const, prototyped, nocall;
	Dwarf_Off	 const_die;
	bool		 has_name_die;
	Dwarf_Off	 name_die;	/* the DIE N.name was read from */
};

static bool
names_fn(struct build *b, Dwarf_Die d, void *arg)
{
	struct names *n = arg;
	Dwarf_Error err = NULL;
	Dwarf_Off off;
	uint64_t cc;

	if (n->name == NULL && (n->name = a_str(b, d, DW_AT_name)) != NULL)
		n->has_name_die = ck(b, dwarf_dieoffset(d, &n->name_die, &err),
		    &err) == DW_DLV_OK;
	if (n->linkage == NULL && (n->linkage = a_str(b, d,
	    DW_AT_linkage_name)) == NULL)
		n->linkage = a_str(b, d, DW_AT_MIPS_linkage_name);
	if (!n->has_type)
		n->has_type = a_ref(b, d, DW_AT_type, &n->type);
	if (!n->has_file)
		n->has_file = a_udata(b, d, DW_AT_decl_file, &n->decl_file);
	if (!n->has_line)
		n->has_line = a_udata(b, d, DW_AT_decl_line, &n->decl_line);
	n->artificial = n->artificial || a_flag(b, d, DW_AT_artificial);
	n->prototyped = n->prototyped || a_flag(b, d, DW_AT_prototyped);
	n->external = n->external || a_flag(b, d, DW_AT_external);
	if (!n->nocall && a_udata(b, d, DW_AT_calling_convention, &cc))
		n->nocall = cc == DW_CC_nocall;
	if (!n->has_const && has_attr(b, d, DW_AT_const_value) &&
	    ck(b, dwarf_dieoffset(d, &off, &err), &err) == DW_DLV_OK) {
		n->has_const = true;
		n->const_die = off;
	}
	return false;
}

static const char *
file_name(struct build *b, uint64_t fileno)
{
	return astr(b, fs_dwarf_unit_file(&b->un, fileno));
}

/* The variable or parameter DIE: its names and type through its origin,
   its location from itself (a const value also from its origin).  */
static void
var(struct build *b, Dwarf_Die die, bool is_param, struct fs_var *v)
{
	struct names n;
	Dwarf_Die cd;

	memset(v, 0, sizeof *v);
	memset(&n, 0, sizeof n);
	hops(b, die, names_fn, &n);
	v->name = astr(b, n.name);
	v->type = n.has_type ? type_at(b, n.type, 0) : b->unknown;
	v->is_param = is_param;
	v->artificial = n.artificial;
	v->external = n.external;
	v->file_static = !n.external;
	if (n.has_file)
		v->decl_file = file_name(b, n.decl_file);
	v->decl_line = n.has_line && n.decl_line <= UINT32_MAX ?
	    (unsigned)n.decl_line : 0;
	location(b, die, DW_AT_location, &v->loc);
	if (v->loc.kind == FS_LOC_NONE && n.has_const &&
	    (cd = die_at(b, n.const_die)) != NULL) {
		(void)const_value(b, cd, v->type->size, &v->loc);
		dwarf_dealloc_die(cd);
	}
	/* A local static has a fixed address.  */
	if (v->loc.kind == FS_LOC_EXPR && v->loc.expr.len == 1 + b->asz &&
	    v->loc.expr.ops[0] == DW_OP_addr)
		v->external = true;
}

/* The variables implicit pointers point to (made now that the walk is
   done: one may point to another, noted while it is made).  */
static void
itargets_make(struct build *b)
{
	struct fs_var *v;
	Dwarf_Die d;
	size_t i;

	for (i = 0; i < b->nit && b->err == 0; i++) {
		if ((v = az(b, sizeof *v)) == NULL ||
		    (d = die_at(b, b->itargets[i].die)) == NULL)
			continue;
		var(b, d, false, v);
		dwarf_dealloc_die(d);
		b->itargets[i].v = v;
	}
}

struct pvv {
	struct pvar	*v;
	size_t		 n, cap;
	bool		 varargs;	/* a DW_TAG_unspecified_parameters */
	size_t		 nother;	/* gdb's symbols that are no variable */
};

static bool	child_of_origin(struct build *, Dwarf_Die, Dwarf_Off);

/* How many symbols gdb makes of DIE, a child of a block that is neither
   a parameter nor a variable (new_symbol through process_die): a named
   label, type or enumerator.  They share the block's hash table with
   its variables, and so decide the order gdb lists those in.  */
static size_t
other_symbols(struct build *b, Dwarf_Die die, Dwarf_Half tag, Dwarf_Off off,
    Dwarf_Die concrete)
{
	switch (tag) {
	case DW_TAG_label:
		/* An inlined copy's label is named by its origin; the
		   origin's is only counted when the copy has none.  One
		   without an address is a variable of the block's.  */
		if (!has_attr(b, die, DW_AT_low_pc) ||
		    (concrete != NULL && child_of_origin(b, concrete, off)))
			return 0;
		return has_attr(b, die, DW_AT_name) ||
		    has_attr(b, die, DW_AT_abstract_origin);
	case DW_TAG_typedef:
	case DW_TAG_base_type:
	case DW_TAG_subrange_type:
	case DW_TAG_unspecified_type:
		return has_attr(b, die, DW_AT_name);
	case DW_TAG_structure_type:
	case DW_TAG_union_type:
	case DW_TAG_class_type:
		return has_attr(b, die, DW_AT_name) &&
		    (has_attr(b, die, DW_AT_byte_size) ||
		    !a_flag(b, die, DW_AT_declaration));
	case DW_TAG_enumeration_type:
		/* Its enumerators are variables of the block's.  */
		return has_attr(b, die, DW_AT_name);
	default:
		return 0;
	}
}

/* A new entry of PV for DIE at OFF (its origin noted), or NULL out of
   memory.  */
static struct pvar *
pvar_add(struct build *b, struct pvv *pv, Dwarf_Die die, Dwarf_Off off)
{
	struct pvar *p;

	if (GROW(pv->v, pv->n, pv->cap) != 0) {
		b->err = -1;
		return NULL;
	}
	p = &pv->v[pv->n++];
	memset(p, 0, sizeof *p);
	p->off = off;
	if (!a_ref(b, die, DW_AT_abstract_origin, &p->origin))
		p->origin = 0;
	return p;
}

/* The enumerators of enum DIE (at OFF) defined in a function, as the
   function's constants into PV: gdb makes them symbols of the block
   (LOC_CONST), and `info locals' lists them ("TWO = TWO").  */
static void
enumerators(struct build *b, Dwarf_Die die, Dwarf_Off off, struct pvv *pv)
{
	struct kids k = { NULL, 0, false };
	const struct fs_type *t = type_at(b, off, 0);
	struct pvar *p;
	Dwarf_Half tag;
	Dwarf_Off eo;
	const char *name;

	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &eo) ||
		    tag != DW_TAG_enumerator ||
		    (name = a_str(b, k.cur, DW_AT_name)) == NULL)
			continue;
		if ((p = pvar_add(b, pv, k.cur, eo)) == NULL)
			break;
		p->v.name = astr(b, name);
		p->v.type = t;
		if (!const_value(b, k.cur, t->size, &p->v.loc))
			p->v.loc.kind = FS_LOC_NONE;
	}
	kids_end(&k);
}

/* Label DIE (at OFF) that has no address: gdb's new_symbol makes it
   LOC_OPTIMIZED_OUT, which `info locals' lists ("out = <optimized
   out>"), and no expression can name.  */
static void
dropped_label(struct build *b, Dwarf_Die die, Dwarf_Off off, struct pvv *pv)
{
	struct names n;
	struct pvar *p;

	memset(&n, 0, sizeof n);
	hops(b, die, names_fn, &n);
	if (n.name == NULL || (p = pvar_add(b, pv, die, off)) == NULL)
		return;
	p->v.name = astr(b, n.name);
	p->v.type = b->unknown;
	p->v.label = true;
	p->v.loc.kind = FS_LOC_NONE;
}

/* The parameters and variables among the children of DIE into PV; DIE
   is the origin of CONCRETE, or CONCRETE is NULL.  */
static void
collect_vars(struct build *b, Dwarf_Die die, Dwarf_Die concrete,
    struct pvv *pv)
{
	struct kids k = { NULL, 0, false };
	struct pvar *p;
	Dwarf_Half tag;
	Dwarf_Off off;

	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		if (tag == DW_TAG_unspecified_parameters)
			pv->varargs = true;
		if (tag == DW_TAG_enumeration_type)
			enumerators(b, k.cur, off, pv);
		if (tag == DW_TAG_label && !has_attr(b, k.cur, DW_AT_low_pc)) {
			dropped_label(b, k.cur, off, pv);
			continue;
		}
		if (tag != DW_TAG_formal_parameter && tag != DW_TAG_variable) {
			pv->nother += other_symbols(b, k.cur, tag, off,
			    concrete);
			continue;
		}
		if ((p = pvar_add(b, pv, k.cur, off)) == NULL)
			break;
		var(b, k.cur, tag == DW_TAG_formal_parameter, &p->v);
	}
	kids_end(&k);
}

/* Whether a child of DIE has DW_AT_abstract_origin OFF.  */
static bool
child_of_origin(struct build *b, Dwarf_Die die, Dwarf_Off off)
{
	struct kids k = { NULL, 0, false };
	Dwarf_Off ref;
	bool found = false;

	while (!found && kids_next(b, die, &k))
		found = a_ref(b, k.cur, DW_AT_abstract_origin, &ref) &&
		    ref == off;
	kids_end(&k);
	return found;
}

/* The variables of the lexical blocks of origin OD that concrete DIE has
   no block for, into PV: gdb's inherit_abstract_dies reads such a block,
   which has no code of its own, as if its children were the function's
   (rustc leaves an inlined closure's `let` there, optimized out).  */
static void
origin_blocks(struct build *b, Dwarf_Die od, Dwarf_Die die, struct pvv *pv,
    unsigned depth)
{
	struct kids k = { NULL, 0, false };
	Dwarf_Half tag;
	Dwarf_Off off;

	if (depth >= MAX_DEPTH)
		return;
	while (kids_next(b, od, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off) ||
		    tag != DW_TAG_lexical_block ||
		    has_attr(b, k.cur, DW_AT_low_pc) ||
		    has_attr(b, k.cur, DW_AT_ranges) ||
		    (depth == 0 && child_of_origin(b, die, off)))
			continue;
		collect_vars(b, k.cur, die, pv);
		origin_blocks(b, k.cur, die, pv, depth + 1);
	}
	kids_end(&k);
}

/* The variables of scope SC from DIE and, when it has one, its abstract
   origin: the concrete DIE's (names and types through their origins),
   then those only the origin has (optimized out); parameters first.  */
static void
scope_vars(struct build *b, Dwarf_Die die, struct fs_scope *sc)
{
	struct pvv c = { NULL, 0, 0, false, 0 }, a = { NULL, 0, 0, false, 0 };
	struct fs_var *out;
	Dwarf_Off origin;
	Dwarf_Die od;
	size_t i, j, n = 0, pass;

	collect_vars(b, die, NULL, &c);
	if (a_ref(b, die, DW_AT_abstract_origin, &origin) &&
	    (od = die_at(b, origin)) != NULL) {
		collect_vars(b, od, die, &a);
		origin_blocks(b, od, die, &a, 0);
		dwarf_dealloc_die(od);
		/* An origin's variable whose concrete copy is in a lexical
		   block below (gcc's, without an origin of its own) is
		   inherited all the same: gdb's inherit_abstract_dies
		   matches direct children only, and so lists it twice.  */
	}
	if (c.varargs || a.varargs)
		sc->varargs = true;
	if (c.n + a.n == 0 ||
	    (out = az(b, (c.n + a.n) * sizeof *out)) == NULL)
		goto done;
	/* gdb's order (read_func_scope, then inherit_abstract_dies): the
	   concrete DIE's children as they come, then what only the origin
	   has.  */
	for (pass = 0; pass < 2; pass++) {
		for (j = 0; j < c.n; j++) {
			if (c.v[j].v.is_param != (pass == 0))
				continue;
			for (i = 0; i < a.n; i++)
				if (c.v[j].origin == a.v[i].off)
					a.v[i].used = true;
			out[n++] = c.v[j].v;
		}
		for (i = 0; i < a.n; i++) {
			if (a.v[i].used || a.v[i].v.is_param != (pass == 0))
				continue;
			a.v[i].used = true;
			out[n++] = a.v[i].v;
		}
	}
	sc->vars = out;
	sc->nvars = n;
	sc->nsyms = c.nother + a.nother;
	for (i = 0; i < n; i++)
		if (out[i].name != NULL)
			sc->nsyms++;
done:
	free(c.v);
	free(a.v);
}

static void add_function(struct build *, Dwarf_Die, const char *, unsigned);

/* The scope of DIE (a subprogram, inlined call or lexical block) and all
   below it.  */
/* Where the call at DIE goes as gdb reads it (read_call_site_scope):
   DW_AT_call_target is an expression, which needs a frame; a
   DW_AT_call_origin declaration is found by its symbol; a definition by
   its low pc, or the start of each of its ranges.  */
static void
call_target(struct build *b, Dwarf_Die die, struct fs_call_site *cs)
{
	Dwarf_Off off;
	Dwarf_Die od;
	Dwarf_Addr lo;
	Dwarf_Error err = NULL;
	uint64_t *pairs = NULL, *t;
	size_t np = 0, i;

	cs->target = FS_CALL_NONE;
	if (has_attr(b, die, DW_AT_call_target) ||
	    has_attr(b, die, DW_AT_GNU_call_site_target))
		return;
	if ((!a_ref(b, die, DW_AT_call_origin, &off) &&
	    !a_ref(b, die, DW_AT_abstract_origin, &off)) ||
	    (od = die_at(b, off)) == NULL)
		return;
	if (a_flag(b, od, DW_AT_declaration) &&
	    !has_attr(b, od, DW_AT_specification)) {
		if (cs->callee != NULL || cs->callee_linkage != NULL)
			cs->target = FS_CALL_NAME;
	} else if (has_attr(b, od, DW_AT_ranges)) {
		if (fs_dwarf_die_ranges(&b->un, od, &pairs, &np) == 0 &&
		    np > 0 && (t = az(b, np * sizeof *t)) != NULL) {
			for (i = 0; i < np; i++)
				t[i] = pairs[2 * i];
			cs->targets = t;
			cs->ntargets = np;
			cs->target = FS_CALL_ADDRS;
		}
		free(pairs);
	} else if (has_attr(b, od, DW_AT_low_pc) &&
	    ck(b, dwarf_lowpc(od, &lo, &err), &err) == DW_DLV_OK &&
	    (t = az(b, sizeof *t)) != NULL) {
		t[0] = lo;
		cs->targets = t;
		cs->ntargets = 1;
		cs->target = FS_CALL_ADDRS;
	}
	dwarf_dealloc_die(od);
}

static bool
all_calls_fn(struct build *b, Dwarf_Die d, void *arg)
{
	bool *all = arg;

	*all = *all || a_flag(b, d, DW_AT_call_all_calls) ||
	    a_flag(b, d, DW_AT_GNU_all_call_sites) ||
	    a_flag(b, d, DW_AT_call_all_tail_calls) ||
	    a_flag(b, d, DW_AT_GNU_all_tail_call_sites);
	return *all;
}

/* A call site of the function being built (DW_TAG_call_site, or gcc's
   GNU form before DWARF 5): its return address and, for each argument
   passed in a register, how the caller computed it, which gives gdb's
   entry values (`x=x@entry=5').  */
static void
call_site(struct build *b, Dwarf_Die die)
{
	struct kids k = { NULL, 0, false };
	struct fs_call_param *params = NULL;
	struct fs_location l, val;
	size_t np = 0, cap = 0;
	Dwarf_Half tag;
	Dwarf_Off off;
	Dwarf_Addr ret;
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	struct fs_call_site *cs;
	struct names n;
	Dwarf_Die od;
	bool ok = false;

	if (a_get(b, die, DW_AT_call_return_pc, &a)) {
		ok = ck(b, dwarf_formaddr(a, &ret, &err), &err) == DW_DLV_OK;
		dwarf_dealloc_attribute(a);
	} else if (a_get(b, die, DW_AT_low_pc, &a)) {
		ok = ck(b, dwarf_formaddr(a, &ret, &err), &err) == DW_DLV_OK;
		dwarf_dealloc_attribute(a);
	}
	if (!ok)
		return;
	/* The function called, when the call is direct: gdb takes entry
	   values only from a call site that calls the frame's function.  */
	memset(&n, 0, sizeof n);
	if ((a_ref(b, die, DW_AT_call_origin, &off) ||
	    a_ref(b, die, DW_AT_abstract_origin, &off)) &&
	    (od = die_at(b, off)) != NULL) {
		hops(b, od, names_fn, &n);
		dwarf_dealloc_die(od);
	}
	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off) ||
		    (tag != DW_TAG_call_site_parameter &&
		    tag != DW_TAG_GNU_call_site_parameter))
			continue;
		location(b, k.cur, DW_AT_location, &l);
		location(b, k.cur, DW_AT_call_value, &val);
		if (val.kind != FS_LOC_EXPR)
			location(b, k.cur, DW_AT_GNU_call_site_value, &val);
		/* Only an argument in a register: DW_OP_reg0..31.  */
		if (l.kind != FS_LOC_EXPR || l.expr.len != 1 ||
		    l.expr.ops[0] < DW_OP_reg0 || l.expr.ops[0] > DW_OP_reg31 ||
		    val.kind != FS_LOC_EXPR || val.expr.len == 0)
			continue;
		if (GROW(params, np, cap) != 0) {
			b->err = -1;
			break;
		}
		params[np].reg = l.expr.ops[0] - DW_OP_reg0;
		params[np].value = val.expr;
		np++;
	}
	kids_end(&k);
	if (b->err == 0 && GROW(b->calls, b->ncalls, b->capcalls) == 0) {
		cs = &b->calls[b->ncalls++];
		memset(cs, 0, sizeof *cs);
		cs->ret_pc = ret;
		cs->callee = astr(b, n.name);
		cs->callee_linkage = astr(b, n.linkage);
		cs->params = np > 0 ? adup(b, params, np * sizeof *params) :
		    NULL;
		cs->nparams = cs->params != NULL ? np : 0;
		cs->tail = a_flag(b, die, DW_AT_call_tail_call) ||
		    a_flag(b, die, DW_AT_GNU_tail_call);
		cs->listed = cs->tail && b->all_calls;
		call_target(b, die, cs);
	} else
		b->err = -1;
	free(params);
}

static struct fs_scope *
scope(struct build *b, Dwarf_Die die, Dwarf_Half tag,
    const struct fs_scope *parent, const char *prefix, unsigned depth)
{
	struct fs_scope *sc;
	struct kids k = { NULL, 0, false };
	const struct fs_scope **kids = NULL;
	struct fs_scope *child;
	struct names n;
	struct fs_location fb;
	uint64_t *pairs = NULL, v, lo;
	size_t np = 0, nk = 0, cap = 0;
	Dwarf_Half ktag, form;
	Dwarf_Off off;
	Dwarf_Addr addr;
	Dwarf_Attribute a;
	Dwarf_Error err = NULL;
	char *dm, *q;
	bool saved_all, fl;

	if ((sc = az(b, sizeof *sc)) == NULL)
		return NULL;
	sc->kind = tag == DW_TAG_subprogram ? FS_SCOPE_FUNCTION :
	    tag == DW_TAG_inlined_subroutine ? FS_SCOPE_INLINED :
	    FS_SCOPE_BLOCK;
	sc->parent = parent;
	if (fs_dwarf_die_ranges(&b->un, die, &pairs, &np) != 0)
		np = 0;
	if (np > 0 && (sc->ranges = adup(b, pairs, np * 2 * sizeof *pairs)) !=
	    NULL)
		sc->nranges = np;
	free(pairs);
	sc->entry_pc = sc->nranges > 0 ? sc->ranges[0] : 0;
	if (ck(b, dwarf_lowpc(die, &addr, &err), &err) == DW_DLV_OK)
		sc->entry_pc = addr;
	if (a_form(b, die, DW_AT_entry_pc, &form)) {
		lo = sc->entry_pc;
		if (dwarf_get_form_class(b->un.version, DW_AT_entry_pc, 4,
		    form) == DW_FORM_CLASS_ADDRESS) {
			if (a_get(b, die, DW_AT_entry_pc, &a)) {
				if (ck(b, dwarf_formaddr(a, &addr, &err),
				    &err) == DW_DLV_OK)
					sc->entry_pc = addr;
				dwarf_dealloc_attribute(a);
			}
		} else if (a_udata(b, die, DW_AT_entry_pc, &v) &&
		    v < UINT64_MAX - lo)
			/* DWARF 5: an offset from the low pc.  */
			sc->entry_pc = lo + v;
	}
	if (sc->kind != FS_SCOPE_BLOCK) {
		memset(&n, 0, sizeof n);
		hops(b, die, names_fn, &n);
		sc->linkage_name = astr(b, n.linkage);
		dm = n.linkage != NULL ? cplus_demangle(n.linkage,
		    DMGL_ANSI | DMGL_RUST) : NULL;
		if (dm != NULL) {
			sc->name = astr(b, dm);
			free(dm);
		} else if (n.linkage != NULL && !b->rust)
			/* gdb names a function by its linkage name first:
			   glibc's "__GI___snprintf" (an asm label) rather
			   than its DW_AT_name "__snprintf".  */
			sc->name = astr(b, n.linkage);
		else if (n.name != NULL && prefix != NULL &&
		    sc->kind == FS_SCOPE_FUNCTION &&
		    asprintf(&q, "%s::%s", prefix, n.name) >= 0) {
			sc->name = astr(b, q);
			free(q);
		} else
			sc->name = astr(b, n.name != NULL ? n.name :
			    n.linkage);
		/* Rust: named by the path of the DIE that has its name,
		   which the walk may reach later (rust_names).  */
		if (b->rust && n.linkage != NULL && n.has_name_die &&
		    GROW(b->rnames, b->nrnames, b->caprnames) == 0) {
			b->rnames[b->nrnames].sc = sc;
			b->rnames[b->nrnames].off = n.name_die;
			b->rnames[b->nrnames].name = n.name;
			b->rnames[b->nrnames++].linkage = n.linkage;
		}
		if (n.has_type)
			sc->ret_type = type_at(b, n.type, 0);
		if (n.has_file)
			sc->decl_file = file_name(b, n.decl_file);
		sc->decl_line = n.has_line && n.decl_line <= UINT32_MAX ?
		    (unsigned)n.decl_line : 0;
		/* C's `int main()' takes any arguments: gdb prints
		   {int ()}, not {int (void)}.  */
		sc->varargs = b->c_lang && !n.prototyped &&
		    sc->kind == FS_SCOPE_FUNCTION;
		sc->file_static = !n.external && sc->kind ==
		    FS_SCOPE_FUNCTION;
		sc->nocall = n.nocall && sc->kind == FS_SCOPE_FUNCTION;
	}
	if (sc->kind == FS_SCOPE_FUNCTION) {
		location(b, die, DW_AT_frame_base, &fb);
		if (fb.kind == FS_LOC_EXPR)
			sc->frame_base = fb.expr;
	}
	if (sc->kind == FS_SCOPE_INLINED) {
		if (a_udata(b, die, DW_AT_call_file, &v))
			sc->call_file = file_name(b, v);
		if (a_udata(b, die, DW_AT_call_line, &v) && v <= UINT32_MAX)
			sc->call_line = (unsigned)v;
		if (a_udata(b, die, DW_AT_call_column, &v) && v <= UINT32_MAX)
			sc->call_column = (unsigned)v;
	}
	scope_vars(b, die, sc);
	if (depth >= MAX_DEPTH)
		return sc;
	/* gdb keeps a function's tail calls only when its DWARF says they
	   are all there (a nested function says it of its own).  */
	saved_all = b->all_calls;
	if (tag == DW_TAG_subprogram) {
		memset(&fl, 0, sizeof fl);
		hops(b, die, all_calls_fn, &fl);
		b->all_calls = fl;
	}
	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &ktag, &off))
			continue;
		if (ktag == DW_TAG_subprogram) {
			/* A nested function is a function of its own.  */
			add_function(b, k.cur, prefix, depth + 1);
			continue;
		}
		if (ktag == DW_TAG_call_site || ktag == DW_TAG_GNU_call_site) {
			call_site(b, k.cur);
			continue;
		}
		if (ktag != DW_TAG_lexical_block &&
		    ktag != DW_TAG_inlined_subroutine)
			continue;
		if ((child = scope(b, k.cur, ktag, sc, prefix, depth + 1)) ==
		    NULL)
			break;
		if (GROW(kids, nk, cap) != 0) {
			b->err = -1;
			break;
		}
		kids[nk++] = child;
	}
	kids_end(&k);
	b->all_calls = saved_all;
	if (nk > 0 && (sc->children = adup(b, kids, nk * sizeof *kids)) !=
	    NULL)
		sc->nchildren = nk;
	free(kids);
	return sc;
}

/* A subprogram DIE: a function when it has code.  */
static void
add_function(struct build *b, Dwarf_Die die, const char *prefix,
    unsigned depth)
{
	struct fs_scope *sc;
	size_t i;

	if (!has_attr(b, die, DW_AT_low_pc) && !has_attr(b, die, DW_AT_ranges))
		return;
	if ((sc = scope(b, die, DW_TAG_subprogram, NULL, prefix, depth)) ==
	    NULL)
		return;
	for (i = 0; i < sc->nranges; i++) {
		if (GROW(b->funcs, b->nfuncs, b->capfuncs) != 0) {
			b->err = -1;
			return;
		}
		b->funcs[b->nfuncs].lo = sc->ranges[2 * i];
		b->funcs[b->nfuncs].hi = sc->ranges[2 * i + 1];
		b->funcs[b->nfuncs].sc = sc;
		b->nfuncs++;
	}
}

static void
add_global(struct build *b, Dwarf_Die die, const char *prefix)
{
	struct fs_var *v;
	char *q = NULL;

	/* Definitions only: an address, the value of a static the compiler
	   folded, or none when it optimized the variable out.  */
	if (a_flag(b, die, DW_AT_declaration) || (v = az(b, sizeof *v)) ==
	    NULL)
		return;
	var(b, die, false, v);
	if (v->name == NULL || v->loc.kind == FS_LOC_LIST)
		return;
	v->external = true;
	if (GROW(b->globals, b->nglobals, b->capglobals) != 0 ||
	    GROW(b->gqual, b->nglobals, b->capgqual) != 0) {
		b->err = -1;
		return;
	}
	if (prefix != NULL && asprintf(&q, "%s::%s", prefix, v->name) < 0)
		q = NULL;
	b->globals[b->nglobals] = v;
	b->gqual[b->nglobals] = q != NULL ? astr(b, q) : v->name;
	b->nglobals++;
	free(q);
}

/* Rust names a type by its path, which only the walk through the
   namespaces knows: each type made given the path walk found.  */
static void
quals_apply(struct build *b)
{
	struct tslot *ts;
	size_t i;

	for (i = 0; i < b->nquals; i++)
		if ((ts = tfind(b, b->quals[i].off)) != NULL && ts->t != NULL &&
		    ts->t != b->unknown)
			ts->t->qname = b->quals[i].q;
}

/* The children of a unit or namespace DIE.  */
static void
walk(struct build *b, Dwarf_Die die, const char *prefix, unsigned depth)
{
	struct kids k = { NULL, 0, false };
	Dwarf_Half tag;
	Dwarf_Off off;
	const char *name;
	char *q;

	if (depth >= MAX_DEPTH)
		return;
	while (kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		switch (tag) {
		case DW_TAG_subprogram:
			if (b->paths_only)
				break;
			if (b->rust && prefix != NULL &&
			    GROW(b->fpaths, b->nfpaths, b->capfpaths) == 0) {
				b->fpaths[b->nfpaths].off = off;
				b->fpaths[b->nfpaths++].prefix = prefix;
			}
			add_function(b, k.cur, prefix, depth + 1);
			break;
		case DW_TAG_variable:
			if (!b->paths_only)
				add_global(b, k.cur, prefix);
			break;
		case DW_TAG_namespace:
		case DW_TAG_module:
		case DW_TAG_structure_type:
		case DW_TAG_class_type:
		case DW_TAG_union_type:
		case DW_TAG_enumeration_type:
			/* Rust and C++ define functions inside these.  */
			if ((name = a_str(b, k.cur, DW_AT_name)) == NULL)
				name = tag == DW_TAG_namespace ?
				    "(anonymous namespace)" : NULL;
			if (name == NULL)
				break;
			if (prefix == NULL)
				q = strdup(name);
			else if (asprintf(&q, "%s::%s", prefix, name) < 0)
				q = NULL;
			if (q == NULL) {
				b->err = -1;
				break;
			}
			if (b->rust && tag != DW_TAG_namespace &&
			    tag != DW_TAG_module) {
				if (GROW(b->quals, b->nquals, b->capquals)
				    != 0) {
					free(q);
					b->err = -1;
					break;
				}
				b->quals[b->nquals].off = off;
				b->quals[b->nquals++].q = astr(b, q);
			}
			walk(b, k.cur, astr(b, q), depth + 1);
			free(q);
			break;
		default:
			break;
		}
	}
	kids_end(&k);
}

static int
fpath_cmp(const void *a, const void *b)
{
	const struct fpath *x = a, *y = b;

	return x->off < y->off ? -1 : x->off > y->off;
}

/* Name the Rust functions and inlined calls of the walk as fs_dwarf
   names functions (fs_dwarf_rust_name): by the namespaces of the DIE
   that has the name, else (in another unit) by the linkage name.  */
static void
rust_names(struct build *b)
{
	struct fpath key, *fp;
	struct rname *r;
	char *s;
	size_t i;

	if (b->nfpaths > 0)
		qsort(b->fpaths, b->nfpaths, sizeof *b->fpaths, fpath_cmp);
	for (i = 0; i < b->nrnames; i++) {
		r = &b->rnames[i];
		key.off = r->off;
		fp = b->nfpaths > 0 ? bsearch(&key, b->fpaths, b->nfpaths,
		    sizeof *b->fpaths, fpath_cmp) : NULL;
		if ((s = fs_dwarf_rust_name(fp != NULL ? fp->prefix : NULL,
		    r->name, r->linkage, NULL)) != NULL) {
			r->sc->name = astr(b, s);
			free(s);
		}
	}
	free(b->fpaths);
	free(b->rnames);
	b->fpaths = NULL;
	b->rnames = NULL;
	b->nfpaths = b->nrnames = 0;
}

static int
fidx_cmp(const void *a, const void *b)
{
	const struct fidx *x = a, *y = b;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	return x->hi > y->hi ? -1 : x->hi < y->hi;
}

static void
unit_free(struct fs_dinfo_unit *u)
{
	struct chunk *c, *n;

	if (u == NULL)
		return;
	for (c = u->arena; c != NULL; c = n) {
		n = c->next;
		free(c);
	}
	free(u->funcs);
	free(u->fmaxhi);
	free(u->globals);
	free(u->gqual);
	free(u->calls);
	free(u->itargets);
	free(u);
}

void
fs_dinfo_unit_free(struct fs_dinfo_unit *u)
{
	unit_free(u);
}

void
fs_dinfo_free(struct fs_dinfo *d)
{
	if (d == NULL)
		return;
	free(d->loc);
	free(d->loclists);
	free(d->addr);
	unit_free(d->cached);
	free(d->crec);
	free(d->fresh.p);
	free(d->keys);
	while (d->nabsent > 0)
		free(d->absent[--d->nabsent]);
	free(d->absent);
	free(d);
}

/* The state of DW's file, without its sections.  */
static struct fs_dinfo *
file_get(struct fs_dwarf *dw)
{
	struct fs_dinfo **dp = fs_dwarf_dinfo(dw);

	if (*dp == NULL)
		*dp = calloc(1, sizeof **dp);
	return *dp;
}

static struct fs_dinfo *
file_state(struct fs_dwarf *dw)
{
	struct fs_dinfo *d;

	if ((d = file_get(dw)) == NULL)
		return NULL;
	if (!d->loaded) {
		d->loaded = true;
		/* A section missing or unreadable: lists in it are not
		   found, their variables have no location.  */
		(void)fs_dwarf_section(dw, ".debug_loc", &d->loc, &d->nloc);
		(void)fs_dwarf_section(dw, ".debug_loclists", &d->loclists,
		    &d->nloclists);
		(void)fs_dwarf_section(dw, ".debug_addr", &d->addr, &d->naddr);
	}
	return d;
}

static int
call_cmp(const void *a, const void *b)
{
	const struct fs_call_site *x = a, *y = b;

	return (x->ret_pc > y->ret_pc) - (x->ret_pc < y->ret_pc);
}

/* Build the model of unit UN into *UN->model (a model marked bad when
   the DIEs do not decode).  */
/* What the unit's DIE says of its code: the address size, and whether it
   is C or Rust.  */
static void
unit_kind(struct build *b, Dwarf_Die die)
{
	Dwarf_Error err = NULL;
	Dwarf_Half asz;
	uint64_t lang = 0;

	if (ck(b, dwarf_get_die_address_size(die, &asz, &err), &err) ==
	    DW_DLV_OK && (asz == 4 || asz == 8))
		b->asz = asz;
	if (a_udata(b, die, DW_AT_language, &lang))
		b->c_lang = lang == DW_LANG_C89 || lang == DW_LANG_C ||
		    lang == DW_LANG_C99 || lang == DW_LANG_C11 ||
		    lang == 0x2c /* DW_LANG_C17 */;
	b->rust = lang == 0x1c;	/* DW_LANG_Rust */
}

static int
unit_build(struct fs_dwarf *dw, const struct fs_dwarf_unit *un,
    struct fs_err *e)
{
	struct build b;
	struct fs_dinfo_unit *u;
	struct fs_type *unk;
	Dwarf_Error err = NULL;
	Dwarf_Die die = NULL;
	uint64_t v;
	size_t i;

	if ((u = calloc(1, sizeof *u)) == NULL)
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	*un->model = u;
	u->version = un->version;
	memset(&b, 0, sizeof b);
	b.un = *un;
	b.dbg = un->dbg;
	b.u = u;
	b.asz = 8;
	/* Each DIE is read a few times at most (as a child, as an origin
	   of inlined calls, as a type); hostile sibling links can ask for
	   more, and are cut off.  */
	b.budget = (un->end - un->start) * 4 + 100000;
	if ((b.fd = file_state(dw)) == NULL ||
	    (unk = az(&b, sizeof *unk)) == NULL) {
		u->bad = true;
		return fs_err_set(e, FS_E_NOMEM, "out of memory");
	}
	unk->kind = FS_TYPE_UNKNOWN;
	b.unknown = unk;
	if (ck(&b, dwarf_offdie_b(b.dbg, un->die_off, 1, &die, &err), &err) !=
	    DW_DLV_OK) {
		u->bad = true;
		return fs_err_set(e, FS_E_FORMAT, "unit at 0x%llx: its DIE "
		    "does not decode", (unsigned long long)un->die_off);
	}
	unit_kind(&b, die);
	if (a_udata(&b, die, DW_AT_addr_base, &v) ||
	    a_udata(&b, die, DW_AT_GNU_addr_base, &v))
		b.addr_base = v;
	else
		b.addr_base = 8;
	b.loclists_base = a_udata(&b, die, DW_AT_loclists_base, &v) ? v : 12;
	walk(&b, die, NULL, 1);
	itargets_make(&b);
	rust_names(&b);
	fixups(&b);
	quals_apply(&b);
	free(b.quals);
	dwarf_dealloc_die(die);
	free(b.tmap);
	free(b.fix);
	if (b.err == -FS_E_INTR) {
		free(b.funcs);
		free(b.globals);
		free(b.gqual);
		free(b.calls);
		unit_free(u);
		*un->model = NULL;
		return fs_err_set(e, FS_E_INTR, "Quit");
	}
	if (b.err != 0) {
		free(b.funcs);
		free(b.globals);
		free(b.gqual);
		free(b.calls);
		free(b.itargets);
		u->bad = true;
		return fs_err_set(e, FS_E_FORMAT, "unit at 0x%llx: its DIEs "
		    "do not decode (out of memory, or looping)",
		    (unsigned long long)un->die_off);
	}
	if (b.nfuncs > 0) {
		qsort(b.funcs, b.nfuncs, sizeof b.funcs[0], fidx_cmp);
		if ((u->fmaxhi = calloc(b.nfuncs, sizeof *u->fmaxhi)) ==
		    NULL) {
			free(b.funcs);
			free(b.globals);
			free(b.gqual);
			free(b.calls);
			free(b.itargets);
			u->bad = true;
			return fs_err_set(e, FS_E_NOMEM, "out of memory");
		}
		for (i = 0; i < b.nfuncs; i++)
			u->fmaxhi[i] = i == 0 || b.funcs[i].hi >
			    u->fmaxhi[i - 1] ? b.funcs[i].hi :
			    u->fmaxhi[i - 1];
	}
	u->funcs = b.funcs;
	u->nfuncs = b.nfuncs;
	u->globals = b.globals;
	u->gqual = b.gqual;
	u->nglobals = b.nglobals;
	if (b.ncalls > 0)
		qsort(b.calls, b.ncalls, sizeof *b.calls, call_cmp);
	u->calls = b.calls;
	u->ncalls = b.ncalls;
	u->itargets = b.itargets;
	u->nitargets = b.nit;
	return 0;
}

/* The model of unit UN, built when first asked for.  */
static int
unit_model(struct fs_dwarf *dw, const struct fs_dwarf_unit *un,
    struct fs_dinfo_unit **out, struct fs_err *e)
{
	int rc;

	if (*un->model == NULL && (rc = unit_build(dw, un, e)) != 0 &&
	    *un->model == NULL)
		return rc;
	if ((*un->model)->bad)
		return fs_err_set(e, FS_E_FORMAT, "the DWARF of the unit at "
		    "0x%llx does not decode", (unsigned long long)un->die_off);
	*out = *un->model;
	return 0;
}

/* gdb's SYMBOL_HASH_NEXT.  */
static uint32_t
hash_next(uint32_t h, unsigned char c)
{
	return h * 67 + (uint32_t)tolower(c) - 113;
}

/* gdb's msymbol_hash_iw: blanks skipped, up to a '('.  */
static uint32_t
hash_iw(const char *s)
{
	uint32_t h = 0;

	for (; *s != '\0' && *s != '('; s++)
		if (!isspace((unsigned char)*s))
			h = hash_next(h, (unsigned char)*s);
	return h;
}

/* gdb's default search_name_hash (C and Rust), with the Ada encodings
   it also knows, as they change the hash of C names too.  */
static uint32_t
gdb_name_hash(const char *s0)
{
	const char *s = s0;
	uint32_t h = 0;
	int c;

	if (*s == '_') {
		if (strncmp(s, "_ada_", 5) != 0)
			return hash_iw(s0);
		s += 5;
	}
	while (*s != '\0') {
		switch (*s) {
		case '$':
		case '.':
		case 'X':
			return s == s0 ? hash_iw(s0) : h;
		case ' ':
		case '(':
			return hash_iw(s0);
		case '_':
			if (s[1] == '_' && s != s0) {
				c = s[2];
				if (c == 'B' && s[3] == '_') {
					for (s += 4; isdigit((unsigned char)*s);
					    s++)
						;
					continue;
				}
				if ((c < 'a' || c > 'z') && c != 'O')
					return h;
				h = 0;
				s += 2;
				continue;
			}
			break;
		case 'T':
			if (strcmp(s, "TKB") == 0)
				return h;
			break;
		}
		h = hash_next(h, (unsigned char)*s);
		s++;
	}
	return h;
}

void
fs_dinfo_gdb_order(const struct fs_scope *sc, size_t *order)
{
	size_t i, j, n = 0, nb;
	uint32_t *bucket;

	for (i = 0; i < sc->nvars; i++)
		order[i] = i;
	if (sc->kind != FS_SCOPE_BLOCK || sc->nvars < 2 ||
	    (bucket = malloc(sc->nvars * sizeof *bucket)) == NULL)
		return;
	/* Each symbol goes to the head of its bucket's chain, in reverse
	   of the order read: a chain holds its symbols as read, and the
	   buckets are listed in turn.  One without a name is no symbol of
	   gdb's: last.  */
	nb = sc->nsyms / 5 + 1;
	for (i = 0; i < sc->nvars; i++)
		bucket[i] = sc->vars[i].name != NULL ?
		    gdb_name_hash(sc->vars[i].name) % nb : (uint32_t)nb;
	/* A stable insertion sort by bucket: blocks are small.  */
	for (i = 0; i < sc->nvars; i++) {
		for (j = n; j > 0 && bucket[order[j - 1]] > bucket[i]; j--)
			order[j] = order[j - 1];
		order[j] = i;
		n++;
	}
	free(bucket);
}

bool
fs_dinfo_scope_has(const struct fs_scope *sc, uint64_t faddr)
{
	size_t i;

	for (i = 0; i < sc->nranges; i++)
		if (faddr >= sc->ranges[2 * i] && faddr < sc->ranges[2 * i + 1])
			return true;
	return false;
}

/* The innermost function of FUNCS (N of them, by lo, with the greatest
   ends so far in MAXHI) holding FADDR: the shortest range.  */
static const struct fs_scope *
func_find(const struct fidx *funcs, const uint64_t *maxhi, size_t n,
    uint64_t faddr)
{
	size_t lo = 0, hi = n, mid, i;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (funcs[mid].lo <= faddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (i = lo, mid = SIZE_MAX; i > 0 && maxhi[i - 1] > faddr; i--)
		if (faddr < funcs[i - 1].hi && (mid == SIZE_MAX ||
		    funcs[i - 1].hi - funcs[i - 1].lo <
		    funcs[mid].hi - funcs[mid].lo))
			mid = i - 1;
	return mid == SIZE_MAX ? NULL : funcs[mid].sc;
}

/* The innermost scope of function SC holding FADDR.  */
static const struct fs_scope *
innermost(const struct fs_scope *sc, uint64_t faddr)
{
	const struct fs_scope *f;
	size_t i, depth;

	for (depth = 0; depth < MAX_DEPTH; depth++) {
		f = NULL;
		for (i = 0; i < sc->nchildren && f == NULL; i++)
			if (fs_dinfo_scope_has(sc->children[i], faddr))
				f = sc->children[i];
		if (f == NULL)
			break;
		sc = f;
	}
	return sc;
}

/* The function of the cache file holding FADDR, or NULL.  */
static const struct fs_scope *
cached_func(struct fs_dwarf *dw, uint64_t faddr)
{
	struct fs_dinfo *d = *fs_dwarf_dinfo(dw);
	struct fs_dinfo_unit *u;

	if (d == NULL || (u = d->cached) == NULL)
		return NULL;
	return func_find(u->funcs, u->fmaxhi, u->nfuncs, faddr);
}

static int	ser_function(struct fs_dwcache_out *,
		    const struct fs_dinfo_unit *, const struct fs_scope *);

/* Function F of unit model U, looked up, to be kept in the cache file
   (when DW has one) for the next runs.  */
static void
remember(struct fs_dwarf *dw, const struct fs_dinfo_unit *u,
    const struct fs_scope *f)
{
	struct fs_dinfo *d;
	size_t i, n0;

	if (f->nranges == 0 || !fs_dwarf_cacheable(dw) ||
	    (d = file_get(dw)) == NULL)
		return;
	for (i = 0; i < d->nkeys; i++)
		if (d->keys[i] == f->ranges[0])
			return;
	if (GROW(d->keys, d->nkeys, d->capkeys) != 0)
		return;
	n0 = d->fresh.n;
	if (ser_function(&d->fresh, u, f) != 0) {
		d->fresh.n = n0;
		d->fresh.err = false;
		return;
	}
	d->keys[d->nkeys++] = f->ranges[0];
	d->nfresh++;
}

int
fs_dinfo_scope_at(struct fs_dwarf *dw, uint64_t faddr,
    const struct fs_scope **out, struct fs_err *e)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	struct fs_dinfo *d = *fs_dwarf_dinfo(dw);
	const struct fs_scope *sc;
	int rc;

	*out = NULL;
	if (d != NULL && d->last_sc != NULL && d->last_faddr == faddr) {
		*out = d->last_sc;
		return 0;
	}
	/* A function the cache file holds needs neither libdwarf nor its
	   unit.  */
	if ((sc = cached_func(dw, faddr)) != NULL) {
		*out = innermost(sc, faddr);
		if ((d = *fs_dwarf_dinfo(dw)) != NULL) {
			d->last_faddr = faddr;
			d->last_sc = *out;
		}
		return 0;
	}
	if (fs_dwarf_unit_at(dw, faddr, &un) != 0)
		return fs_err_set(e, FS_E_NOENT, "no function at 0x%llx",
		    (unsigned long long)faddr);
	if ((rc = unit_model(dw, &un, &u, e)) != 0)
		return rc;
	if ((sc = func_find(u->funcs, u->fmaxhi, u->nfuncs, faddr)) == NULL)
		return fs_err_set(e, FS_E_NOENT, "no function at 0x%llx",
		    (unsigned long long)faddr);
	remember(dw, u, sc);
	*out = innermost(sc, faddr);
	if ((d = *fs_dwarf_dinfo(dw)) != NULL) {
		d->last_faddr = faddr;
		d->last_sc = *out;
	}
	return 0;
}

/* Global NAME in the model of unit UN: a definition, by its name or its
   qualified name.  */
static const struct fs_var *
global_in(struct fs_dwarf *dw, const struct fs_dwarf_unit *un,
    const char *name)
{
	struct fs_dinfo_unit *u;
	const struct fs_var *best = NULL;
	struct fs_err e;
	size_t i;

	if (unit_model(dw, un, &u, &e) != 0)
		return NULL;
	for (i = 0; i < u->nglobals; i++)
		if ((strcmp(u->globals[i]->name, name) == 0 ||
		    strcmp(u->gqual[i], name) == 0) && (best == NULL ||
		    best->loc.kind == FS_LOC_NONE))
			best = u->globals[i];
	return best;
}

/* Whether the unit or namespace DIE defines a variable (a function, with
   WANT DW_TAG_subprogram) named NAME (the last component of a qualified
   name), read without building a model.  */
static bool
scan_names(struct build *b, Dwarf_Die die, const char *name, unsigned depth,
    Dwarf_Half want)
{
	struct kids k = { NULL, 0, false };
	const char *n;
	Dwarf_Half tag;
	Dwarf_Off off, spec;
	Dwarf_Die sd;
	bool hit = false;

	if (depth >= MAX_DEPTH)
		return false;
	while (!hit && kids_next(b, die, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		if (tag == DW_TAG_namespace || tag == DW_TAG_module) {
			hit = scan_names(b, k.cur, name, depth + 1, want);
			continue;
		}
		if (tag != want)
			continue;
		n = a_str(b, k.cur, DW_AT_name);
		/* A definition of what a declaration names.  */
		if (n == NULL && a_ref(b, k.cur, DW_AT_specification, &spec) &&
		    (sd = die_at(b, spec)) != NULL) {
			n = a_str(b, sd, DW_AT_name);
			dwarf_dealloc_die(sd);
		}
		hit = n != NULL && strcmp(n, name) == 0;
	}
	kids_end(&k);
	return hit;
}

static bool
unit_declares(const struct fs_dwarf_unit *un, const char *name,
    Dwarf_Half want)
{
	struct build b;
	Dwarf_Error err = NULL;
	Dwarf_Die die;
	const char *last;
	bool hit;

	memset(&b, 0, sizeof b);
	b.un = *un;
	b.dbg = un->dbg;
	b.budget = (un->end - un->start) * 4 + 100000;
	if (ck(&b, dwarf_offdie_b(b.dbg, un->die_off, 1, &die, &err), &err) !=
	    DW_DLV_OK)
		return false;
	last = strrchr(name, ':');
	hit = scan_names(&b, die, last != NULL ? last + 1 : name, 1, want);
	dwarf_dealloc_die(die);
	return hit;
}

/* A build B of no model that reads at most BUDGET DIEs of unit UN, and
   the unit's DIE.  Returns 0 or -1.  */
static int
unit_die(struct build *b, const struct fs_dwarf_unit *un, uint64_t budget,
    Dwarf_Die *die)
{
	Dwarf_Error err = NULL;

	memset(b, 0, sizeof *b);
	b->un = *un;
	b->dbg = un->dbg;
	b->asz = 8;
	b->budget = budget;
	return ck(b, dwarf_offdie_b(b->dbg, un->die_off, 1, die, &err),
	    &err) == DW_DLV_OK ? 0 : -1;
}

/* The length of the first component of the path NAME ("core" of
   "core::option::Option<u8>"), a "::" between <> not ending it; all of
   NAME when it has one.  */
static size_t
path_head(const char *name)
{
	unsigned depth = 0;
	size_t i;

	for (i = 0; name[i] != '\0'; i++)
		if (name[i] == '<')
			depth++;
		else if (name[i] == '>' && depth > 0)
			depth--;
		else if (depth == 0 && name[i] == ':' && name[i + 1] == ':')
			break;
	return i;
}

/* Whether a DIE of tag TAG answers a look-up of tag WANT: a Rust (or
   C++) type is named by its path alone, whether struct, enum or union,
   as a C typedef is.  */
static bool
tag_answers(const struct build *b, Dwarf_Half tag, Dwarf_Half want)
{
	return tag == want || (b->rust && want == DW_TAG_typedef &&
	    (tag == DW_TAG_structure_type || tag == DW_TAG_enumeration_type ||
	    tag == DW_TAG_union_type));
}

/* The DIE among PARENT's children with a tag that answers WANT and the
   name NAME that defines it (not a declaration): its offset, or 0.  A
   path (b1::Small) is followed through the namespaces of its first
   components, DEPTH of them deep already.  */
static Dwarf_Off
type_die(struct build *b, Dwarf_Die parent, Dwarf_Half want,
    const char *name, unsigned depth)
{
	struct kids k = { NULL, 0, false };
	size_t head = path_head(name);
	Dwarf_Half tag;
	Dwarf_Off off, found = 0;
	const char *n;

	if (head == 0 || depth > 32)
		return 0;
	while (found == 0 && kids_next(b, parent, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off) ||
		    (n = a_str(b, k.cur, DW_AT_name)) == NULL)
			continue;
		if (name[head] != '\0') {
			if (tag == DW_TAG_namespace && strlen(n) == head &&
			    strncmp(n, name, head) == 0)
				found = type_die(b, k.cur, want, name + head + 2,
				    depth + 1);
		} else if (tag_answers(b, tag, want) && strcmp(n, name) == 0 &&
		    !a_flag(b, k.cur, DW_AT_declaration))
			found = off;
	}
	kids_end(&k);
	return found;
}

/* The enumeration type DIE under PARENT (a unit, and the structs and
   unions in it, whose enums C puts at file scope too) with an
   enumerator named NAME: its offset, or 0.  */
static Dwarf_Off
enum_die(struct build *b, Dwarf_Die parent, const char *name,
    unsigned depth)
{
	struct kids k = { NULL, 0, false }, ek;
	Dwarf_Half tag, etag;
	Dwarf_Off off, eoff, found = 0;
	const char *n;

	if (depth > 8)
		return 0;
	while (found == 0 && kids_next(b, parent, &k)) {
		if (!die_tag_off(b, k.cur, &tag, &off))
			continue;
		if (tag == DW_TAG_enumeration_type) {
			memset(&ek, 0, sizeof ek);
			while (found == 0 && kids_next(b, k.cur, &ek))
				if (die_tag_off(b, ek.cur, &etag, &eoff) &&
				    etag == DW_TAG_enumerator &&
				    (n = a_str(b, ek.cur, DW_AT_name)) != NULL &&
				    strcmp(n, name) == 0)
					found = off;
			kids_end(&ek);
		} else if (tag == DW_TAG_structure_type ||
		    tag == DW_TAG_union_type)
			found = enum_die(b, k.cur, name, depth + 1);
	}
	kids_end(&k);
	return found;
}

/* The type of tag WANT named NAME that unit UN defines at file level
   (WANT 0: the enumeration with an enumerator NAME), made in its
   model's arena.  */
static const struct fs_type *
type_in(struct fs_dwarf *dw, const struct fs_dwarf_unit *un, Dwarf_Half want,
    const char *name)
{
	const struct fs_type *t = NULL;
	struct fs_dinfo_unit *u;
	struct build b;
	struct fs_err e;
	Dwarf_Die die;
	Dwarf_Off off;

	if (unit_die(&b, un, (un->end - un->start) * 4 + 100000, &die) != 0)
		return NULL;
	unit_kind(&b, die);
	if ((off = want != 0 ? type_die(&b, die, want, name, 0) :
	    enum_die(&b, die, name, 0)) == 0 ||
	    unit_model(dw, un, &u, &e) != 0 ||
	    (b.fd = file_state(dw)) == NULL) {
		dwarf_dealloc_die(die);
		return NULL;
	}
	b.u = u;
	if ((b.unknown = az(&b, sizeof *b.unknown)) != NULL) {
		b.unknown->kind = FS_TYPE_UNKNOWN;
		t = type_at(&b, off, 0);
		fixups(&b);
		if (b.rust) {
			b.paths_only = true;
			walk(&b, die, NULL, 1);
			quals_apply(&b);
		}
	}
	dwarf_dealloc_die(die);
	free(b.tmap);
	free(b.fix);
	free(b.quals);
	free(b.itargets);
	return b.err == 0 && t != b.unknown ? t : NULL;
}

/* The unit DIE's strings of UN into OUT.  */
static int
unit_info_of(const struct fs_dwarf_unit *un, struct fs_dinfo_cu *out)
{
	struct build b;
	Dwarf_Die die;
	uint64_t v;

	if (unit_die(&b, un, 100, &die) != 0)
		return -FS_E_FORMAT;
	memset(out, 0, sizeof *out);
	out->name = a_str(&b, die, DW_AT_name);
	out->comp_dir = a_str(&b, die, DW_AT_comp_dir);
	out->producer = a_str(&b, die, DW_AT_producer);
	if (a_udata(&b, die, DW_AT_language, &v))
		out->language = v;
	out->macros = has_attr(&b, die, DW_AT_macros) ||
	    has_attr(&b, die, DW_AT_macro_info) ||
	    has_attr(&b, die, DW_AT_GNU_macros);
	out->version = un->version;
	dwarf_dealloc_die(die);
	return 0;
}

/* The first unit named FILE (its whole name, or the last part of it),
   into UN and its strings into CU.  Returns 0 or -FS_E_NOENT.  */
static int
unit_named(struct fs_dwarf *dw, const char *file, struct fs_dwarf_unit *un,
    struct fs_dinfo_cu *cu)
{
	const char *base;
	size_t i;

	for (i = 0; fs_dwarf_unit_nth(dw, i, un) == 0; i = un->index + 1) {
		if (unit_info_of(un, cu) != 0 || cu->name == NULL)
			continue;
		base = strrchr(cu->name, '/');
		if (strcmp(cu->name, file) == 0 || (base != NULL &&
		    strcmp(base + 1, file) == 0))
			return 0;
	}
	return -FS_E_NOENT;
}

int
fs_dinfo_unit_info(struct fs_dwarf *dw, uint64_t faddr, const char *file,
    struct fs_dinfo_cu *out)
{
	struct fs_dwarf_unit un;

	if (file == NULL)
		return fs_dwarf_unit_at(dw, faddr, &un) == 0 ?
		    unit_info_of(&un, out) : -FS_E_NOENT;
	return unit_named(dw, file, &un, out);
}

int
fs_dinfo_global_in_file(struct fs_dwarf *dw, const char *file,
    const char *name, const struct fs_var **out)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_cu cu;

	if (unit_named(dw, file, &un, &cu) < 0)
		return -FS_E_NOENT;
	return (*out = global_in(dw, &un, name)) != NULL ? 0 : 1;
}

/* type_in in the unit holding UNIT_OF (0: none), then in every unit.  */
static const struct fs_type *
type_anywhere(struct fs_dwarf *dw, Dwarf_Half want, const char *name,
    uint64_t unit_of)
{
	struct fs_dwarf_unit un;
	const struct fs_type *t;
	size_t i;

	if (unit_of != 0 && fs_dwarf_unit_at(dw, unit_of, &un) == 0 &&
	    (t = type_in(dw, &un, want, name)) != NULL)
		return t;
	for (i = 0; fs_dwarf_unit_nth(dw, i, &un) == 0; i = un.index + 1)
		if ((t = type_in(dw, &un, want, name)) != NULL)
			return t;
	return NULL;
}

int
fs_dinfo_type_named(struct fs_dwarf *dw, int kind, const char *name,
    uint64_t unit_of, const struct fs_type **out)
{
	Dwarf_Half tag = kind == 's' ? DW_TAG_structure_type : kind == 'u' ?
	    DW_TAG_union_type : kind == 'e' ? DW_TAG_enumeration_type :
	    DW_TAG_typedef;

	*out = type_anywhere(dw, tag, name, unit_of);
	return *out != NULL ? 0 : -FS_E_NOENT;
}

int
fs_dinfo_enumerator(struct fs_dwarf *dw, const char *name, uint64_t unit_of,
    const struct fs_type **type, int64_t *value)
{
	const struct fs_type *t = type_anywhere(dw, 0, name, unit_of);
	size_t i;

	if (t == NULL || t->kind != FS_TYPE_ENUM)
		return -FS_E_NOENT;
	for (i = 0; i < t->nenumerators; i++)
		if (t->enumerators[i].name != NULL &&
		    strcmp(t->enumerators[i].name, name) == 0) {
			*type = t;
			*value = t->enumerators[i].value;
			return 0;
		}
	return -FS_E_NOENT;
}

int
fs_dinfo_global(struct fs_dwarf *dw, const char *name, uint64_t unit_of,
    const struct fs_var **out, struct fs_err *e)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo *d = file_get(dw);
	const struct fs_var *v, *none = NULL;
	char **na;
	size_t i;

	*out = NULL;
	if (unit_of != 0 && fs_dwarf_unit_at(dw, unit_of, &un) == 0 &&
	    (v = global_in(dw, &un, name)) != NULL) {
		if (v->loc.kind != FS_LOC_NONE) {
			*out = v;
			return 0;
		}
		none = v;
	}
	for (i = 0; none == NULL && d != NULL && i < d->nabsent; i++)
		if (strcmp(d->absent[i], name) == 0)
			return fs_err_set(e, FS_E_NOENT, "no global variable "
			    "\"%s\"", name);
	/* Every unit; a model is built only for one that names it.  One
	   optimized out is the answer only when no other unit has it.  */
	for (i = 0; fs_dwarf_unit_nth(dw, i, &un) == 0; i = un.index + 1)
		if ((*un.model != NULL || unit_declares(&un, name,
		    DW_TAG_variable)) &&
		    (v = global_in(dw, &un, name)) != NULL) {
			if (v->loc.kind != FS_LOC_NONE) {
				*out = v;
				return 0;
			}
			if (none == NULL)
				none = v;
		}
	if ((*out = none) != NULL)
		return 0;
	if (d != NULL && d->nabsent < MAX_ABSENT && (na = realloc(d->absent,
	    (d->nabsent + 1) * sizeof *na)) != NULL) {
		d->absent = na;
		if ((na[d->nabsent] = strdup(name)) != NULL)
			d->nabsent++;
	}
	return fs_err_set(e, FS_E_NOENT, "no global variable \"%s\"", name);
}

static int
named_walk(const struct fs_scope *sc, const char *name, unsigned depth,
    int (*fn)(const struct fs_scope *, void *), void *arg)
{
	size_t i;
	int r;

	if (depth >= MAX_DEPTH)
		return 0;
	if (sc->kind != FS_SCOPE_BLOCK && sc->name != NULL &&
	    strcmp(sc->name, name) == 0 && (r = fn(sc, arg)) != 0)
		return r;
	for (i = 0; i < sc->nchildren; i++)
		if ((r = named_walk(sc->children[i], name, depth + 1, fn,
		    arg)) != 0)
			return r;
	return 0;
}

/* Call FN for the functions and inlined calls named NAME in the units of
   DW, or with UNIT_OF only in the unit holding that address.  */
static int
functions_named(struct fs_dwarf *dw, const char *name, uint64_t unit_of,
    int (*fn)(const struct fs_scope *sc, void *arg), void *arg)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	struct fs_err e;
	size_t i, j;
	int r;

	for (i = 0; unit_of != 0 ? i == 0 && fs_dwarf_unit_at(dw, unit_of,
	    &un) == 0 : fs_dwarf_unit_nth(dw, i, &un) == 0;
	    i = un.index + 1) {
		if (unit_of != 0)
			i = 1;
		else if (*un.model == NULL && !unit_declares(&un, name,
		    DW_TAG_subprogram))
			continue;
		if (unit_model(dw, &un, &u, &e) != 0)
			continue;
		/* A function in pieces is listed once a piece: walk it
		   once, from the first.  */
		for (j = 0; j < u->nfuncs; j++) {
			const struct fs_scope *sc = u->funcs[j].sc;

			if (sc->nranges > 0 && u->funcs[j].lo != sc->ranges[0])
				continue;
			if ((r = named_walk(sc, name, 0, fn, arg)) != 0)
				return r;
		}
		if (unit_of != 0)
			break;
	}
	return 0;
}

int
fs_dinfo_functions_named(struct fs_dwarf *dw, const char *name,
    int (*fn)(const struct fs_scope *sc, void *arg), void *arg)
{
	return functions_named(dw, name, 0, fn, arg);
}

int
fs_dinfo_functions_named_in(struct fs_dwarf *dw, const char *name,
    uint64_t faddr, int (*fn)(const struct fs_scope *sc, void *arg),
    void *arg)
{
	return functions_named(dw, name, faddr, fn, arg);
}

int
fs_dinfo_implicit_target(struct fs_dwarf *dw, uint64_t faddr, uint64_t die,
    const struct fs_var **out)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	size_t i;

	if (fs_dwarf_unit_at(dw, faddr, &un) != 0 ||
	    unit_model(dw, &un, &u, NULL) != 0)
		return -FS_E_NOENT;
	for (i = 0; i < u->nitargets; i++)
		if (u->itargets[i].die == die && u->itargets[i].v != NULL) {
			*out = u->itargets[i].v;
			return 0;
		}
	return -FS_E_NOENT;
}

int
fs_dinfo_unit_version(struct fs_dwarf *dw, uint64_t faddr,
    unsigned *version)
{
	struct fs_dwarf_unit un;

	if (fs_dwarf_unit_at(dw, faddr, &un) != 0)
		return -FS_E_NOENT;
	*version = un.version;
	return 0;
}

/* The call site at RET_FADDR among CALLS (N, by ret_pc), or NULL.  */
static const struct fs_call_site *
call_find(const struct fs_call_site *calls, size_t n, uint64_t ret_faddr)
{
	size_t lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (calls[mid].ret_pc < ret_faddr)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo == n || calls[lo].ret_pc != ret_faddr)
		return NULL;
	return &calls[lo];
}

int
fs_dinfo_call_site(struct fs_dwarf *dw, uint64_t ret_faddr,
    const struct fs_call_site **out)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	struct fs_dinfo *d;
	const struct fs_scope *f;

	*out = NULL;
	if (ret_faddr == 0)
		return -FS_E_NOENT;
	if ((d = *fs_dwarf_dinfo(dw)) != NULL && d->call_known &&
	    d->call_faddr == ret_faddr) {
		*out = d->call;
		return *out != NULL ? 0 : -FS_E_NOENT;
	}
	/* A function of the cache file comes with all its call sites: one
	   not there is not in the DWARF either.  */
	if (cached_func(dw, ret_faddr - 1) != NULL) {
		u = (*fs_dwarf_dinfo(dw))->cached;
		*out = call_find(u->calls, u->ncalls, ret_faddr);
	} else {
		/* The call is in the caller's function, just before the
		   return address.  */
		if (fs_dwarf_unit_at(dw, ret_faddr - 1, &un) != 0 ||
		    unit_model(dw, &un, &u, NULL) != 0)
			return -FS_E_NOENT;
		if ((f = func_find(u->funcs, u->fmaxhi, u->nfuncs,
		    ret_faddr - 1)) != NULL)
			remember(dw, u, f);
		*out = call_find(u->calls, u->ncalls, ret_faddr);
	}
	if ((d = *fs_dwarf_dinfo(dw)) != NULL) {
		d->call_faddr = ret_faddr;
		d->call = *out;
		d->call_known = true;
	}
	return *out != NULL ? 0 : -FS_E_NOENT;
}

int
fs_dinfo_calls_in(struct fs_dwarf *dw, uint64_t lo, uint64_t hi,
    const struct fs_call_site **out, size_t *n)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	const struct fs_scope *f;
	size_t a, z, mid;

	*out = NULL;
	*n = 0;
	if (lo >= hi)
		return -FS_E_NOENT;
	/* As for one call site: a cached function has all its calls.  */
	if (cached_func(dw, lo) != NULL)
		u = (*fs_dwarf_dinfo(dw))->cached;
	else {
		if (fs_dwarf_unit_at(dw, lo, &un) != 0 ||
		    unit_model(dw, &un, &u, NULL) != 0)
			return -FS_E_NOENT;
		if ((f = func_find(u->funcs, u->fmaxhi, u->nfuncs, lo)) !=
		    NULL)
			remember(dw, u, f);
	}
	/* The first with ret_pc > LO, then the first with ret_pc > HI.  */
	a = 0;
	z = u->ncalls;
	while (a < z) {
		mid = a + (z - a) / 2;
		if (u->calls[mid].ret_pc <= lo)
			a = mid + 1;
		else
			z = mid;
	}
	for (z = a; z < u->ncalls && u->calls[z].ret_pc <= hi; z++)
		;
	/* A unit without call sites has no array to point into.  */
	*out = u->ncalls > 0 ? &u->calls[a] : NULL;
	*n = z - a;
	return 0;
}

/*
 * The persistent cache (fs_dwcache, through fs_dwarf's cache file): the
 * models of the functions looked up in earlier runs, so that a frame in a
 * file whose DWARF is compressed (libc's debug file) gets its variables
 * without libdwarf, without inflating .debug_info, and without building
 * its whole unit.  A function is kept with everything its model reaches
 * (its scopes, variables and the types they name, transitively) and with
 * the call sites in its code, which gdb's entry values come from: a call
 * site or its absence inside a kept function is known without the unit.
 * Each function is a record:
 *
 *	u32 ntypes, per type: u8 kind, encoding, flags; str name; u64
 *	size; ref target; u32 ndims, per dim: u64 lower, count, u8 flags,
 *	[loc count_loc]; u32 nmembers, members; u32 nenumerators, per one
 *	str name, u64 value; u32 nparams, ref each; member? discr; u32
 *	nvariants, per one u8 is_default, u64 value, member? member;
 *	u32 nscopes (pre-order, the function first), per scope: u8 kind,
 *	u32 parent, u32 nranges, u64 pairs, u64 entry_pc, str name,
 *	linkage_name, ref ret_type, expr frame_base, str call_file, u32
 *	call_line, call_column, str decl_file, u32 decl_line, u8
 *	flags (1 varargs, 2 file_static, 4 nocall), u32 nsyms, u32 nvars,
 *	per var: str name, ref type, u8 flags (1 param, 2 artificial, 4
 *	external, 8 label, 16 file_static), str decl_file, u32
 *	decl_line, loc;
 *	u32 ncalls, per call: u64 ret_pc, str callee, callee_linkage, u32
 *	nparams, per one u32 reg, expr value; u8 flags (1 tail, 2 listed),
 *	u8 target kind, u32 ntargets, u64 each
 *
 * (ref: u32 index of a type, UINT32_MAX for none; member: str name, ref
 * type, u64 offset, u32 bit_size, bit_offset, u8 flags; member?: u8 1 and
 * a member, or u8 0; expr: u32 len and the bytes; loc: u8 kind (| 0x80:
 * a constant given as bytes), expr, u32 nranges (u64 lo, hi, expr, u8
 * new_base [u64 base]), u32 const_len, bytes).  The file's checksum
 * guards against corruption; a record is still checked as it is read, as
 * the model's own guarantees (no cycle and no deeper nesting than the
 * builder allows along by-value type edges, a tree of scopes) are what the
 * printers rely on.
 */

#define NOREF	UINT32_MAX

struct ser {
	struct fs_dwcache_out *o;
	const struct fs_type **types;	/* index -> type */
	size_t		 ntypes, captypes;
	const struct fs_type **hk;	/* type -> index, open addressing */
	uint32_t	*hv;
	size_t		 hcap;
	const struct fs_scope **scopes;
	size_t		 nscopes, capscopes;
	bool		 err;
};

static size_t
phash(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32) & (cap - 1);
}

/* The index of type T in the record, added when new.  */
static uint32_t
ser_type(struct ser *s, const struct fs_type *t)
{
	const struct fs_type **nk;
	uint32_t *nv;
	size_t i, j, ncap;

	if (t == NULL || s->err)
		return NOREF;
	if (s->ntypes * 2 >= s->hcap) {
		ncap = s->hcap ? s->hcap * 2 : 64;
		if ((nk = calloc(ncap, sizeof *nk)) == NULL ||
		    (nv = calloc(ncap, sizeof *nv)) == NULL) {
			free(nk);
			s->err = true;
			return NOREF;
		}
		for (i = 0; i < s->hcap; i++)
			if (s->hk[i] != NULL) {
				for (j = phash(s->hk[i], ncap); nk[j] != NULL;
				    j = (j + 1) & (ncap - 1))
					;
				nk[j] = s->hk[i];
				nv[j] = s->hv[i];
			}
		free(s->hk);
		free(s->hv);
		s->hk = nk;
		s->hv = nv;
		s->hcap = ncap;
	}
	for (j = phash(t, s->hcap); s->hk[j] != NULL; j = (j + 1) &
	    (s->hcap - 1))
		if (s->hk[j] == t)
			return s->hv[j];
	if (s->ntypes >= NOREF - 1 || GROW(s->types, s->ntypes, s->captypes)
	    != 0) {
		s->err = true;
		return NOREF;
	}
	s->hk[j] = t;
	s->hv[j] = (uint32_t)s->ntypes;
	s->types[s->ntypes] = t;
	return (uint32_t)s->ntypes++;
}

static void
put_expr(struct fs_dwcache_out *o, const struct fs_expr *x)
{
	if (x->len > UINT32_MAX) {
		o->err = true;
		return;
	}
	fs_dwcache_put_u32(o, (uint32_t)x->len);
	fs_dwcache_put(o, x->ops, x->len);
}

static void
put_loc(struct fs_dwcache_out *o, const struct fs_location *l)
{
	size_t i;

	/* The kind, and 0x80 for a constant given as bytes.  */
	fs_dwcache_put_u8(o, (uint8_t)l->kind | (l->const_block ? 0x80 : 0));
	put_expr(o, &l->expr);
	fs_dwcache_put_u32(o, (uint32_t)l->nranges);
	for (i = 0; i < l->nranges; i++) {
		fs_dwcache_put_u64(o, l->ranges[i].lo);
		fs_dwcache_put_u64(o, l->ranges[i].hi);
		put_expr(o, &l->ranges[i].expr);
		fs_dwcache_put_u8(o, l->ranges[i].new_base);
		if (l->ranges[i].new_base)
			fs_dwcache_put_u64(o, l->ranges[i].base);
	}
	fs_dwcache_put_u32(o, (uint32_t)l->const_len);
	fs_dwcache_put(o, l->const_bytes, l->const_len);
}

static void
put_member(struct ser *s, const struct fs_member *m)
{
	fs_dwcache_put_str(s->o, m->name);
	fs_dwcache_put_u32(s->o, ser_type(s, m->type));
	fs_dwcache_put_u64(s->o, m->offset);
	fs_dwcache_put_u32(s->o, m->bit_size);
	fs_dwcache_put_u32(s->o, m->bit_offset);
	fs_dwcache_put_u8(s->o, (m->artificial ? 1 : 0) |
	    (m->inheritance ? 2 : 0));
}

static void
put_opt_member(struct ser *s, const struct fs_member *m)
{
	fs_dwcache_put_u8(s->o, m != NULL);
	if (m != NULL)
		put_member(s, m);
}

/* Type I of the record; the types it names get indexes as they are met,
   after it, and are written by the caller's loop.  */
static void
put_type(struct ser *s, const struct fs_type *t)
{
	struct fs_dwcache_out *o = s->o;
	size_t i;

	fs_dwcache_put_u8(o, (uint8_t)t->kind);
	fs_dwcache_put_u8(o, (uint8_t)t->encoding);
	fs_dwcache_put_u8(o, (t->declaration ? 1 : 0) |
	    (t->is_unsigned ? 2 : 0) | (t->varargs ? 4 : 0) |
	    (t->rust ? 8 : 0));
	fs_dwcache_put_str(o, t->name);
	fs_dwcache_put_str(o, t->qname);
	fs_dwcache_put_u64(o, t->size);
	fs_dwcache_put_u32(o, ser_type(s, t->target));
	fs_dwcache_put_u32(o, ser_type(s, t->tparam));
	fs_dwcache_put_u32(o, (uint32_t)t->ndims);
	for (i = 0; i < t->ndims; i++) {
		fs_dwcache_put_u64(o, (uint64_t)t->dims[i].lower);
		fs_dwcache_put_u64(o, t->dims[i].count);
		fs_dwcache_put_u8(o, (t->dims[i].has_count ? 1 : 0) |
		    (t->dims[i].count_is_ubound ? 2 : 0) |
		    (t->dims[i].count_loc != NULL ? 4 : 0));
		if (t->dims[i].count_loc != NULL)
			put_loc(o, t->dims[i].count_loc);
	}
	fs_dwcache_put_u32(o, (uint32_t)t->nmembers);
	for (i = 0; i < t->nmembers; i++)
		put_member(s, &t->members[i]);
	fs_dwcache_put_u32(o, (uint32_t)t->nenumerators);
	for (i = 0; i < t->nenumerators; i++) {
		fs_dwcache_put_str(o, t->enumerators[i].name);
		fs_dwcache_put_u64(o, (uint64_t)t->enumerators[i].value);
	}
	fs_dwcache_put_u32(o, (uint32_t)t->nparams);
	for (i = 0; i < t->nparams; i++)
		fs_dwcache_put_u32(o, ser_type(s, t->params[i]));
	put_opt_member(s, t->discr);
	fs_dwcache_put_u32(o, (uint32_t)t->nvariants);
	for (i = 0; i < t->nvariants; i++) {
		fs_dwcache_put_u8(o, t->variants[i].is_default);
		fs_dwcache_put_u64(o, t->variants[i].discr_value);
		put_opt_member(s, t->variants[i].member);
	}
}

static void
put_var(struct ser *s, const struct fs_var *v)
{
	struct fs_dwcache_out *o = s->o;

	fs_dwcache_put_str(o, v->name);
	fs_dwcache_put_u32(o, ser_type(s, v->type));
	fs_dwcache_put_u8(o, (v->is_param ? 1 : 0) | (v->artificial ? 2 : 0) |
	    (v->external ? 4 : 0) | (v->label ? 8 : 0) |
	    (v->file_static ? 16 : 0));
	fs_dwcache_put_str(o, v->decl_file);
	fs_dwcache_put_u32(o, v->decl_line);
	put_loc(o, &v->loc);
}

static void
put_scope(struct ser *s, const struct fs_scope *sc, uint32_t parent)
{
	struct fs_dwcache_out *o = s->o;
	size_t i;

	fs_dwcache_put_u8(o, (uint8_t)sc->kind);
	fs_dwcache_put_u32(o, parent);
	fs_dwcache_put_u32(o, (uint32_t)sc->nranges);
	for (i = 0; i < 2 * sc->nranges; i++)
		fs_dwcache_put_u64(o, sc->ranges[i]);
	fs_dwcache_put_u64(o, sc->entry_pc);
	fs_dwcache_put_str(o, sc->name);
	fs_dwcache_put_str(o, sc->linkage_name);
	fs_dwcache_put_u32(o, ser_type(s, sc->ret_type));
	put_expr(o, &sc->frame_base);
	fs_dwcache_put_str(o, sc->call_file);
	fs_dwcache_put_u32(o, sc->call_line);
	fs_dwcache_put_u32(o, sc->call_column);
	fs_dwcache_put_str(o, sc->decl_file);
	fs_dwcache_put_u32(o, sc->decl_line);
	fs_dwcache_put_u8(o, (sc->varargs ? 1 : 0) | (sc->file_static ? 2 :
	    0) | (sc->nocall ? 4 : 0));
	fs_dwcache_put_u32(o, (uint32_t)sc->nsyms);
	fs_dwcache_put_u32(o, (uint32_t)sc->nvars);
	for (i = 0; i < sc->nvars; i++)
		put_var(s, &sc->vars[i]);
}

/* Scope SC and those inside it, pre-order, into s->scopes with their
   parents' indexes in PARENTS (grown with it).  */
static void
ser_scopes(struct ser *s, const struct fs_scope *sc, uint32_t **parents,
    size_t *cappar, uint32_t parent, unsigned depth)
{
	uint32_t me;
	size_t i;

	if (s->err || depth > MAX_DEPTH)
		return;
	if (s->nscopes >= NOREF - 1 ||
	    GROW(s->scopes, s->nscopes, s->capscopes) != 0 ||
	    GROW(*parents, s->nscopes, *cappar) != 0) {
		s->err = true;
		return;
	}
	me = (uint32_t)s->nscopes;
	s->scopes[me] = sc;
	(*parents)[me] = parent;
	s->nscopes++;
	for (i = 0; i < sc->nchildren; i++)
		ser_scopes(s, sc->children[i], parents, cappar, me, depth + 1);
}

/* Function F of unit model U as a record appended to O.  Returns 0 or
   -1 (O is then unusable).  */
static int
ser_function(struct fs_dwcache_out *o, const struct fs_dinfo_unit *u,
    const struct fs_scope *f)
{
	struct ser s;
	struct fs_dwcache_out body = { NULL, 0, 0, false };
	uint32_t *parents = NULL;
	size_t cappar = 0, i, j, ncalls = 0, at;
	const struct fs_call_site *cs;

	memset(&s, 0, sizeof s);
	/* The scopes and types are written to BODY, the types found as
	   they go, then the types, each adding those it names.  */
	s.o = &body;
	ser_scopes(&s, f, &parents, &cappar, NOREF, 0);
	fs_dwcache_put_u32(&body, (uint32_t)s.nscopes);
	for (i = 0; i < s.nscopes && !s.err; i++)
		put_scope(&s, s.scopes[i], parents[i]);
	for (i = 0; i < u->ncalls; i++)
		if (u->calls[i].ret_pc > 0 &&
		    fs_dinfo_scope_has(f, u->calls[i].ret_pc - 1))
			ncalls++;
	fs_dwcache_put_u32(&body, (uint32_t)ncalls);
	for (i = 0; i < u->ncalls; i++) {
		cs = &u->calls[i];
		if (cs->ret_pc == 0 || !fs_dinfo_scope_has(f, cs->ret_pc - 1))
			continue;
		fs_dwcache_put_u64(&body, cs->ret_pc);
		fs_dwcache_put_str(&body, cs->callee);
		fs_dwcache_put_str(&body, cs->callee_linkage);
		fs_dwcache_put_u32(&body, (uint32_t)cs->nparams);
		for (j = 0; j < cs->nparams; j++) {
			fs_dwcache_put_u32(&body, cs->params[j].reg);
			put_expr(&body, &cs->params[j].value);
		}
		fs_dwcache_put_u8(&body, (uint8_t)((cs->tail ? 1 : 0) |
		    (cs->listed ? 2 : 0)));
		fs_dwcache_put_u8(&body, (uint8_t)cs->target);
		fs_dwcache_put_u32(&body, (uint32_t)cs->ntargets);
		for (j = 0; j < cs->ntargets; j++)
			fs_dwcache_put_u64(&body, cs->targets[j]);
	}
	/* The types: the loop's bound grows as types name others.  */
	s.o = o;
	at = o->n;
	fs_dwcache_put_u32(o, 0);	/* the count, set below */
	for (i = 0; i < s.ntypes && !s.err; i++)
		put_type(&s, s.types[i]);
	if (!o->err && !s.err)
		for (j = 0; j < 4; j++)
			o->p[at + j] = (uint8_t)(s.ntypes >> (8 * j));
	free(parents);
	free(s.types);
	free(s.hk);
	free(s.hv);
	free(s.scopes);
	if (s.err || body.err)
		o->err = true;
	else
		fs_dwcache_put(o, body.p, body.n);
	free(body.p);
	return o->err ? -1 : 0;
}

struct deser {
	struct build	 b;		/* its arena: the cached model's */
	struct fs_dwcache_in *in;
	struct fs_type	*types;
	uint32_t	 ntypes;
};

/* A count of at least MIN bytes an item, checked against what is left. */
static uint32_t
get_count(struct deser *r, size_t min)
{
	uint32_t n = fs_dwcache_get_u32(r->in);

	return fs_dwcache_fits(r->in, n, min) ? n : 0;
}

/* N items of SIZE bytes in the arena, or NULL (also for N 0).  */
static void *
get_array(struct deser *r, size_t n, size_t size)
{
	void *p;

	if (n == 0 || r->in->bad)
		return NULL;
	if ((p = az(&r->b, n * size)) == NULL)
		r->in->bad = true;
	return p;
}

static const char *
get_str(struct deser *r)
{
	const char *a;
	char *s;
	bool nul;

	if ((s = fs_dwcache_get_str(r->in, &nul)) == NULL)
		return NULL;
	if ((a = astr(&r->b, s)) == NULL)
		r->in->bad = true;
	free(s);
	return a;
}

static void
get_expr(struct deser *r, struct fs_expr *x)
{
	const uint8_t *p;
	uint32_t n = fs_dwcache_get_u32(r->in);

	x->ops = NULL;
	x->len = 0;
	if (n == 0 || (p = fs_dwcache_get(r->in, n)) == NULL)
		return;
	if ((x->ops = adup(&r->b, p, n)) == NULL)
		r->in->bad = true;
	else
		x->len = n;
}

/* A type reference; NULL for none, which NULL_OK allows.  */
static const struct fs_type *
get_ref(struct deser *r, bool null_ok)
{
	uint32_t i = fs_dwcache_get_u32(r->in);

	if (i == NOREF && null_ok)
		return NULL;
	if (i >= r->ntypes) {
		r->in->bad = true;
		return NULL;
	}
	return &r->types[i];
}

static void
get_member(struct deser *r, struct fs_member *m)
{
	uint8_t f;

	m->name = get_str(r);
	m->type = get_ref(r, false);
	m->offset = fs_dwcache_get_u64(r->in);
	m->bit_size = fs_dwcache_get_u32(r->in);
	m->bit_offset = fs_dwcache_get_u32(r->in);
	f = fs_dwcache_get_u8(r->in);
	m->artificial = (f & 1) != 0;
	m->inheritance = (f & 2) != 0;
}

static const struct fs_member *
get_opt_member(struct deser *r)
{
	struct fs_member *m;

	if (fs_dwcache_get_u8(r->in) == 0 ||
	    (m = get_array(r, 1, sizeof *m)) == NULL)
		return NULL;
	get_member(r, m);
	return m;
}

static const struct fs_location *get_loc(struct deser *);

static void
get_type(struct deser *r, struct fs_type *t)
{
	struct fs_dwcache_in *in = r->in;
	struct fs_enumerator *en;
	struct fs_member *ms;
	struct fs_variant *vs;
	struct fs_dim *ds;
	const struct fs_type **ps;
	uint8_t f;
	size_t i, n;

	t->kind = fs_dwcache_get_u8(in);
	t->encoding = fs_dwcache_get_u8(in);
	f = fs_dwcache_get_u8(in);
	if (t->kind > FS_TYPE_VARIANT || t->encoding > FS_ATE_ADDRESS)
		in->bad = true;
	t->declaration = (f & 1) != 0;
	t->is_unsigned = (f & 2) != 0;
	t->varargs = (f & 4) != 0;
	t->rust = (f & 8) != 0;
	t->name = get_str(r);
	t->qname = get_str(r);
	t->size = fs_dwcache_get_u64(in);
	t->target = get_ref(r, true);
	t->tparam = get_ref(r, true);
	n = get_count(r, 21);
	if ((ds = get_array(r, n, sizeof *ds)) != NULL) {
		for (i = 0; i < n; i++) {
			ds[i].lower = (int64_t)fs_dwcache_get_u64(in);
			ds[i].count = fs_dwcache_get_u64(in);
			f = fs_dwcache_get_u8(in);
			ds[i].has_count = (f & 1) != 0;
			ds[i].count_is_ubound = (f & 2) != 0;
			if ((f & 4) != 0)
				ds[i].count_loc = get_loc(r);
		}
		t->dims = ds;
		t->ndims = n;
	}
	n = get_count(r, 25);
	if ((ms = get_array(r, n, sizeof *ms)) != NULL) {
		for (i = 0; i < n; i++)
			get_member(r, &ms[i]);
		t->members = ms;
		t->nmembers = n;
	}
	n = get_count(r, 12);
	if ((en = get_array(r, n, sizeof *en)) != NULL) {
		for (i = 0; i < n; i++) {
			if ((en[i].name = get_str(r)) == NULL)
				in->bad = true;
			en[i].value = (int64_t)fs_dwcache_get_u64(in);
		}
		t->enumerators = en;
		t->nenumerators = n;
	}
	n = get_count(r, 4);
	if ((ps = get_array(r, n, sizeof *ps)) != NULL) {
		for (i = 0; i < n; i++)
			ps[i] = get_ref(r, true);
		t->params = ps;
		t->nparams = n;
	}
	t->discr = get_opt_member(r);
	n = get_count(r, 10);
	if ((vs = get_array(r, n, sizeof *vs)) != NULL) {
		for (i = 0; i < n; i++) {
			vs[i].is_default = fs_dwcache_get_u8(in) != 0;
			vs[i].discr_value = fs_dwcache_get_u64(in);
			vs[i].member = get_opt_member(r);
		}
		t->variants = vs;
		t->nvariants = n;
	}
}

/* The longest chain of by-value edges (the ones the builder follows
   depth first) from type T, LEVEL deep: a cycle, or a chain much longer
   than the builder makes, makes the record bad (-1).  DEPTH[i]: 0 not
   yet seen, -1 on the path or bad, else 1 + the chain below.  */
static int
tdepth(const struct deser *r, const struct fs_type *t, int *depth,
    unsigned level)
{
	const struct fs_type *next[1] = { NULL };
	size_t i, k, n = 0, nm;
	int d, best = 0, *dp;

	if (t == NULL)
		return 0;
	if (level > 2 * MAX_TDEPTH)
		return -1;
	dp = &depth[t - r->types];
	if (*dp != 0)
		return *dp;
	*dp = -1;
	switch (t->kind) {
	case FS_TYPE_TYPEDEF:
	case FS_TYPE_CONST:
	case FS_TYPE_VOLATILE:
	case FS_TYPE_ARRAY:
	case FS_TYPE_ENUM:
		next[n++] = t->target;
		break;
	default:
		break;
	}
	nm = t->nmembers + t->nvariants + 1;
	for (i = 0; i < n + nm; i++) {
		if (i < n)
			d = tdepth(r, next[i], depth, level + 1);
		else if ((k = i - n) < t->nmembers)
			d = tdepth(r, t->members[k].type, depth,
			    level + 1);
		else if (k == t->nmembers)
			d = t->discr != NULL ? tdepth(r, t->discr->type,
			    depth, level + 1) : 0;
		else
			d = t->variants[k - t->nmembers - 1].member != NULL ?
			    tdepth(r, t->variants[k - t->nmembers - 1].member->
			    type, depth, level + 1) : 0;
		if (d < 0)
			return *dp = -1;
		if (d > best)
			best = d;
	}
	return *dp = best + 1;
}

static void
get_loc_into(struct deser *r, struct fs_location *l)
{
	struct fs_dwcache_in *in = r->in;
	struct fs_locrange *lr;
	const uint8_t *p;
	uint8_t f;
	size_t i, n;

	f = fs_dwcache_get_u8(in);
	l->const_block = (f & 0x80) != 0;
	l->kind = f & 0x7f;
	if (l->kind > FS_LOC_CONST)
		in->bad = true;
	get_expr(r, &l->expr);
	n = get_count(r, 20);
	if ((lr = get_array(r, n, sizeof *lr)) != NULL) {
		for (i = 0; i < n; i++) {
			lr[i].lo = fs_dwcache_get_u64(in);
			lr[i].hi = fs_dwcache_get_u64(in);
			get_expr(r, &lr[i].expr);
			lr[i].new_base = fs_dwcache_get_u8(in) != 0;
			if (lr[i].new_base)
				lr[i].base = fs_dwcache_get_u64(in);
		}
		l->ranges = lr;
		l->nranges = n;
	}
	n = fs_dwcache_get_u32(in);
	if (n > 0 && (p = fs_dwcache_get(in, n)) != NULL) {
		if ((l->const_bytes = adup(&r->b, p, n)) == NULL)
			in->bad = true;
		l->const_len = n;
	}
}

/* A location of its own, in the model's memory (a VLA bound's).  */
static const struct fs_location *
get_loc(struct deser *r)
{
	struct fs_location l;
	const struct fs_location *p;

	memset(&l, 0, sizeof l);
	get_loc_into(r, &l);
	if ((p = adup(&r->b, &l, sizeof l)) == NULL)
		r->in->bad = true;
	return p;
}

static void
get_var(struct deser *r, struct fs_var *v)
{
	struct fs_dwcache_in *in = r->in;
	uint8_t f;

	v->name = get_str(r);
	v->type = get_ref(r, false);
	f = fs_dwcache_get_u8(in);
	v->is_param = (f & 1) != 0;
	v->artificial = (f & 2) != 0;
	v->external = (f & 4) != 0;
	v->label = (f & 8) != 0;
	v->file_static = (f & 16) != 0;
	v->decl_file = get_str(r);
	v->decl_line = fs_dwcache_get_u32(in);
	get_loc_into(r, &v->loc);
}

/* One function record into the cached model; its function scope in
   *OUT.  Returns 0 or -1 (the record does not decode).  */
static int
get_function(struct deser *r, const struct fs_scope **out,
    struct fs_call_site **calls, size_t *ncalls, size_t *capcalls)
{
	struct fs_dwcache_in *in = r->in;
	struct fs_scope *scs, *sc;
	struct fs_var *vs;
	struct fs_call_site *cs;
	struct fs_call_param *ps;
	const struct fs_scope **kids;
	uint64_t *pairs, *ts;
	uint8_t flags, kind;
	size_t k;
	uint32_t parent, *depth = NULL;
	size_t i, j, n, nsc;
	int *td = NULL, rc = -1;

	r->ntypes = get_count(r, 36);
	r->types = get_array(r, r->ntypes, sizeof *r->types);
	for (i = 0; i < r->ntypes && !in->bad; i++)
		get_type(r, &r->types[i]);
	nsc = get_count(r, 60);
	if (nsc == 0 || in->bad ||
	    (scs = get_array(r, nsc, sizeof *scs)) == NULL ||
	    (depth = calloc(nsc, sizeof *depth)) == NULL)
		goto out;
	for (i = 0; i < nsc && !in->bad; i++) {
		sc = &scs[i];
		sc->kind = fs_dwcache_get_u8(in);
		parent = fs_dwcache_get_u32(in);
		/* A tree in pre-order: the function first, each scope after
		   its parent, nested no deeper than the builder's.  */
		if (sc->kind > FS_SCOPE_BLOCK ||
		    (i == 0) != (sc->kind == FS_SCOPE_FUNCTION) ||
		    (i == 0) != (parent == NOREF) ||
		    (i > 0 && (parent >= i || depth[parent] >= MAX_DEPTH)))
			goto out;
		if (i > 0) {
			sc->parent = &scs[parent];
			depth[i] = depth[parent] + 1;
			scs[parent].nchildren++;
		}
		n = get_count(r, 16);
		if ((pairs = get_array(r, 2 * n, sizeof *pairs)) != NULL) {
			for (j = 0; j < 2 * n; j++)
				pairs[j] = fs_dwcache_get_u64(in);
			sc->ranges = pairs;
			sc->nranges = n;
		}
		sc->entry_pc = fs_dwcache_get_u64(in);
		sc->name = get_str(r);
		sc->linkage_name = get_str(r);
		sc->ret_type = get_ref(r, true);
		get_expr(r, &sc->frame_base);
		sc->call_file = get_str(r);
		sc->call_line = fs_dwcache_get_u32(in);
		sc->call_column = fs_dwcache_get_u32(in);
		sc->decl_file = get_str(r);
		sc->decl_line = fs_dwcache_get_u32(in);
		flags = fs_dwcache_get_u8(in);
		sc->varargs = (flags & 1) != 0;
		sc->file_static = (flags & 2) != 0;
		sc->nocall = (flags & 4) != 0;
		sc->nsyms = fs_dwcache_get_u32(in);
		n = get_count(r, 31);
		if ((vs = get_array(r, n, sizeof *vs)) != NULL) {
			for (j = 0; j < n; j++)
				get_var(r, &vs[j]);
			sc->vars = vs;
			sc->nvars = n;
		}
	}
	if (in->bad || scs[0].nranges == 0)
		goto out;
	/* The children, in the order written.  */
	for (i = 0; i < nsc; i++) {
		if (scs[i].nchildren == 0)
			continue;
		if ((kids = get_array(r, scs[i].nchildren, sizeof *kids)) ==
		    NULL)
			goto out;
		scs[i].children = kids;
		scs[i].nchildren = 0;
	}
	for (i = 1; i < nsc; i++) {
		sc = (struct fs_scope *)scs[i].parent;
		((const struct fs_scope **)sc->children)[sc->nchildren++] =
		    &scs[i];
	}
	if ((td = calloc(r->ntypes + 1, sizeof *td)) == NULL)
		goto out;
	for (i = 0; i < r->ntypes; i++)
		if (tdepth(r, &r->types[i], td, 0) < 0)
			goto out;
	n = get_count(r, 20);
	for (i = 0; i < n && !in->bad; i++) {
		if (GROW(*calls, *ncalls, *capcalls) != 0)
			goto out;
		cs = &(*calls)[*ncalls];
		memset(cs, 0, sizeof *cs);
		cs->ret_pc = fs_dwcache_get_u64(in);
		cs->callee = get_str(r);
		cs->callee_linkage = get_str(r);
		j = get_count(r, 8);
		if ((ps = get_array(r, j, sizeof *ps)) != NULL) {
			cs->params = ps;
			cs->nparams = j;
			for (j = 0; j < cs->nparams; j++) {
				ps[j].reg = fs_dwcache_get_u32(in);
				get_expr(r, &ps[j].value);
			}
		}
		flags = fs_dwcache_get_u8(in);
		cs->tail = (flags & 1) != 0;
		cs->listed = (flags & 2) != 0;
		kind = fs_dwcache_get_u8(in);
		if (flags > 3 || (cs->listed && !cs->tail) ||
		    kind > FS_CALL_NAME)
			in->bad = true;
		cs->target = kind == FS_CALL_ADDRS ? FS_CALL_ADDRS :
		    kind == FS_CALL_NAME ? FS_CALL_NAME : FS_CALL_NONE;
		j = get_count(r, 8);
		if ((ts = get_array(r, j, sizeof *ts)) != NULL) {
			for (k = 0; k < j; k++)
				ts[k] = fs_dwcache_get_u64(in);
			cs->targets = ts;
			cs->ntargets = j;
		}
		if ((cs->target == FS_CALL_ADDRS) != (cs->ntargets > 0))
			in->bad = true;
		/* Only calls from the function's own code are its.  */
		if (cs->ret_pc == 0 || !fs_dinfo_scope_has(&scs[0],
		    cs->ret_pc - 1))
			in->bad = true;
		(*ncalls)++;
	}
	if (in->bad)
		goto out;
	*out = &scs[0];
	rc = 0;
out:
	free(depth);
	free(td);
	return rc;
}

/* Drop what the cache file gave (the file turned out unusable).  */
void
fs_dinfo_forget(struct fs_dinfo *d)
{
	if (d != NULL) {
		d->last_sc = NULL;
		d->call_known = false;
	}
}

void
fs_dinfo_cache_drop(struct fs_dinfo *d)
{
	if (d == NULL)
		return;
	fs_dinfo_forget(d);
	unit_free(d->cached);
	d->cached = NULL;
	free(d->crec);
	d->crec = NULL;
	d->ncrec = 0;
	d->ncfuncs = 0;
	d->nkeys = 0;
	d->nfresh = 0;
	d->fresh.n = 0;
}

int
fs_dinfo_cache_get(struct fs_dwarf *dw, struct fs_dwcache_in *in)
{
	struct fs_dinfo *d;
	struct fs_dinfo_unit *u;
	struct deser r;
	const struct fs_scope *f;
	struct fs_call_site *calls = NULL;
	size_t ncalls = 0, capcalls = 0, nf = 0, capf = 0, i, j;
	const uint8_t *start;
	uint64_t n;

	if ((d = file_get(dw)) == NULL)
		return -1;
	fs_dinfo_cache_drop(d);
	n = fs_dwcache_get_u64(in);
	if (!fs_dwcache_fits(in, n, 12) || (u = calloc(1, sizeof *u)) == NULL)
		return -1;
	start = in->p;
	memset(&r, 0, sizeof r);
	r.b.u = u;
	r.in = in;
	for (i = 0; i < n; i++) {
		if (get_function(&r, &f, &calls, &ncalls, &capcalls) != 0 ||
		    r.b.err != 0)
			goto bad;
		for (j = 0; j < f->nranges; j++) {
			if (GROW(u->funcs, nf, capf) != 0)
				goto bad;
			u->funcs[nf].lo = f->ranges[2 * j];
			u->funcs[nf].hi = f->ranges[2 * j + 1];
			u->funcs[nf].sc = f;
			nf++;
		}
		if (GROW(d->keys, d->nkeys, d->capkeys) != 0)
			goto bad;
		d->keys[d->nkeys++] = f->ranges[0];
	}
	u->nfuncs = nf;
	if (nf > 0) {
		qsort(u->funcs, nf, sizeof *u->funcs, fidx_cmp);
		if ((u->fmaxhi = calloc(nf, sizeof *u->fmaxhi)) == NULL)
			goto bad;
		for (i = 0; i < nf; i++)
			u->fmaxhi[i] = i == 0 || u->funcs[i].hi >
			    u->fmaxhi[i - 1] ? u->funcs[i].hi :
			    u->fmaxhi[i - 1];
	}
	if (ncalls > 0)
		qsort(calls, ncalls, sizeof *calls, call_cmp);
	u->calls = calls;
	u->ncalls = ncalls;
	calls = NULL;
	if ((size_t)(in->p - start) > 0 &&
	    (d->crec = malloc((size_t)(in->p - start))) == NULL)
		goto bad;
	if (d->crec != NULL)
		memcpy(d->crec, start, (size_t)(in->p - start));
	d->ncrec = (size_t)(in->p - start);
	d->ncfuncs = n;
	d->cached = u;
	return 0;
bad:
	free(calls);
	unit_free(u);
	d->nkeys = 0;
	in->bad = true;
	return -1;
}

bool
fs_dinfo_cache_dirty(const struct fs_dinfo *d)
{
	return d != NULL && d->nfresh > 0;
}

void
fs_dinfo_cache_put(const struct fs_dinfo *d, struct fs_dwcache_out *o)
{
	if (d == NULL) {
		fs_dwcache_put_u64(o, 0);
		return;
	}
	fs_dwcache_put_u64(o, d->ncfuncs + d->nfresh);
	fs_dwcache_put(o, d->crec, d->ncrec);
	fs_dwcache_put(o, d->fresh.p, d->fresh.n);
}

size_t
fs_dinfo_cached(struct fs_dwarf *dw)
{
	struct fs_dinfo *d = *fs_dwarf_dinfo(dw);

	return d != NULL ? (size_t)d->ncfuncs : 0;
}

int
fs_dinfo_foreach_function(struct fs_dwarf *dw,
    int (*fn)(const struct fs_scope *sc, void *arg), void *arg)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	struct fs_err e;
	size_t i, j;
	int r;

	for (i = 0; fs_dwarf_unit_nth(dw, i, &un) == 0; i = un.index + 1) {
		if (unit_model(dw, &un, &u, &e) != 0)
			continue;
		/* A function in pieces is listed by each; called once, at
		   its first.  */
		for (j = 0; j < u->nfuncs; j++)
			if (u->funcs[j].sc->kind == FS_SCOPE_FUNCTION &&
			    u->funcs[j].sc->nranges > 0 &&
			    u->funcs[j].lo == u->funcs[j].sc->ranges[0] &&
			    (r = fn(u->funcs[j].sc, arg)) != 0)
				return r;
	}
	return 0;
}

int
fs_dinfo_foreach_global(struct fs_dwarf *dw,
    int (*fn)(const struct fs_var *v, void *arg), void *arg)
{
	struct fs_dwarf_unit un;
	struct fs_dinfo_unit *u;
	struct fs_err e;
	size_t i, j;
	int r;

	for (i = 0; fs_dwarf_unit_nth(dw, i, &un) == 0; i = un.index + 1) {
		if (unit_model(dw, &un, &u, &e) != 0)
			continue;
		for (j = 0; j < u->nglobals; j++)
			if ((r = fn(u->globals[j], arg)) != 0)
				return r;
	}
	return 0;
}

/* A type found at file level, until the types it refers to are
   complete.  */
struct tfound {
	Dwarf_Off	 off;
	const char	*name;
	const char	*file;
	unsigned	 line;
	const struct fs_type *t;
};

/* The named types unit UN defines at file level into *OUT, *N.  */
static int
unit_types(struct fs_dwarf *dw, const struct fs_dwarf_unit *un,
    struct tfound **out, size_t *n)
{
	struct kids k = { NULL, 0, false };
	struct fs_dinfo_unit *u;
	struct tfound *v = NULL, *nv;
	struct build b;
	struct fs_err e;
	const char *cuname;
	Dwarf_Die die;
	Dwarf_Half tag;
	Dwarf_Off off;
	uint64_t fno, line;
	size_t i, cap = 0;

	*out = NULL;
	*n = 0;
	if (unit_die(&b, un, (un->end - un->start) * 4 + 100000, &die) != 0)
		return -1;
	if (unit_model(dw, un, &u, &e) != 0 ||
	    (b.fd = file_state(dw)) == NULL) {
		dwarf_dealloc_die(die);
		return -1;
	}
	b.u = u;
	unit_kind(&b, die);
	cuname = astr(&b, a_str(&b, die, DW_AT_name));
	while (kids_next(&b, die, &k)) {
		if (!die_tag_off(&b, k.cur, &tag, &off) ||
		    (tag != DW_TAG_base_type && tag != DW_TAG_typedef &&
		    tag != DW_TAG_structure_type && tag != DW_TAG_union_type &&
		    tag != DW_TAG_enumeration_type) ||
		    a_str(&b, k.cur, DW_AT_name) == NULL ||
		    a_flag(&b, k.cur, DW_AT_declaration))
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 32;
			if ((nv = reallocarray(v, cap, sizeof *v)) == NULL)
				break;
			v = nv;
		}
		v[*n].off = off;
		v[*n].name = astr(&b, a_str(&b, k.cur, DW_AT_name));
		v[*n].file = a_udata(&b, k.cur, DW_AT_decl_file, &fno) ?
		    file_name(&b, fno) : cuname;
		v[*n].line = a_udata(&b, k.cur, DW_AT_decl_line, &line) &&
		    line <= UINT32_MAX ? (unsigned)line : 0;
		(*n)++;
	}
	kids_end(&k);
	dwarf_dealloc_die(die);
	if ((b.unknown = az(&b, sizeof *b.unknown)) != NULL) {
		b.unknown->kind = FS_TYPE_UNKNOWN;
		for (i = 0; i < *n; i++)
			v[i].t = type_at(&b, v[i].off, 0);
		fixups(&b);
	}
	free(b.tmap);
	free(b.fix);
	free(b.quals);
	free(b.itargets);
	if (b.err != 0 || b.unknown == NULL) {
		free(v);
		*n = 0;
		return -1;
	}
	*out = v;
	return 0;
}

int
fs_dinfo_foreach_type(struct fs_dwarf *dw,
    int (*fn)(const struct fs_type *t, const char *name, const char *file,
    unsigned line, void *arg), void *arg)
{
	struct fs_dwarf_unit un;
	struct tfound *v;
	size_t i, j, n;
	int r = 0;

	for (i = 0; r == 0 && fs_dwarf_unit_nth(dw, i, &un) == 0;
	    i = un.index + 1) {
		if (unit_types(dw, &un, &v, &n) != 0)
			continue;
		for (j = 0; r == 0 && j < n; j++)
			if (v[j].t != NULL && v[j].name != NULL &&
			    v[j].t->kind != FS_TYPE_UNKNOWN)
				r = fn(v[j].t, v[j].name, v[j].file, v[j].line,
				    arg);
		free(v);
	}
	return r;
}
