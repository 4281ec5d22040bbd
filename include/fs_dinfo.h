/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_dinfo: the program as DWARF describes it, beyond lines: the scopes of
 * a compile unit (functions, lexical blocks, inlined calls), the parameters
 * and variables each declares with where they live (a location expression
 * or a location list), and their types.  A unit's model is built the first
 * time an address in it is asked for, and kept with the fs_dwarf that owns
 * it; nothing here is built for units never asked about.  Everything handed
 * out is owned by the fs_dwarf, immutable, and lives as long as it does.
 * All addresses are file (link-time) addresses.  Broken or hostile DWARF
 * (cycles in types, bad references, truncated expressions) makes a piece
 * FS_TYPE_UNKNOWN or a location FS_LOC_NONE, never a crash or a loop.
 */
#ifndef FS_DINFO_H
#define FS_DINFO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_dwarf.h"
#include "fs_error.h"

enum fs_type_kind {
	FS_TYPE_UNKNOWN,	/* a DIE we do not model, or a broken one */
	FS_TYPE_VOID,
	FS_TYPE_BASE,		/* ENCODING says how to read it */
	FS_TYPE_POINTER,	/* TARGET: the pointee (NULL: void) */
	FS_TYPE_REFERENCE,	/* C++/Rust &; TARGET as for pointers */
	FS_TYPE_RVALUE_REF,
	FS_TYPE_CONST,		/* TARGET: the qualified type */
	FS_TYPE_VOLATILE,
	FS_TYPE_TYPEDEF,	/* NAME is the typedef, TARGET what it names */
	FS_TYPE_ARRAY,		/* TARGET: element; DIMS: outermost first */
	FS_TYPE_STRUCT,		/* also class */
	FS_TYPE_UNION,
	FS_TYPE_ENUM,		/* TARGET: underlying type when stated */
	FS_TYPE_FUNC,		/* TARGET: return type (NULL: void) */
	FS_TYPE_VARIANT,	/* Rust enum: a struct with a variant part,
				   see DISCR / VARIANTS */
	FS_TYPE_FLAGS,		/* a register's flags (gdb's flag types,
				   i386_eflags): MEMBERS are its one-bit
				   fields, by BIT_OFFSET */
};

/* DW_ATE_* values we read; others are kept as FS_ATE_OTHER.  */
enum fs_ate {
	FS_ATE_OTHER,
	FS_ATE_SIGNED,
	FS_ATE_UNSIGNED,
	FS_ATE_SIGNED_CHAR,
	FS_ATE_UNSIGNED_CHAR,
	FS_ATE_BOOLEAN,
	FS_ATE_FLOAT,
	FS_ATE_UTF,		/* Rust char (4 bytes), C char16/32_t */
	FS_ATE_COMPLEX_FLOAT,
	FS_ATE_ADDRESS,
};

/* A DWARF expression, as bytes owned by the fs_dwarf (DW_OP_* stream).  */
struct fs_expr {
	const uint8_t	*ops;
	size_t		 len;
};

struct fs_type;

/* One array dimension.  COUNT is known when HAS_COUNT; otherwise, for a
   VLA, COUNT_EXPR (a DWARF expression or a reference to an artificial
   variable's location, turned into one) gives the upper bound or count
   at run time (COUNT_IS_UBOUND says which); neither: unknown ([]).  */
struct fs_dim {
	int64_t		 lower;		/* 0 for C and Rust */
	bool		 has_count;
	uint64_t	 count;
	/* A bound read in the frame (a VLA's): an expression, or the
	   location of the artificial variable that holds it (a list at
	   -O2).  NULL: none.  */
	const struct fs_location *count_loc;
	bool		 count_is_ubound;
};

struct fs_member {
	const char	*name;		/* NULL: anonymous struct/union */
	const struct fs_type *type;
	uint64_t	 offset;	/* bytes from the start of the struct */
	unsigned	 bit_size;	/* 0: not a bitfield */
	unsigned	 bit_offset;	/* bits from OFFSET (little-endian,
					   DW_AT_data_bit_offset semantics,
					   DWARF 2 style converted) */
	bool		 artificial;
	bool		 inheritance;	/* a C++ base class */
};

struct fs_enumerator {
	const char	*name;
	int64_t		 value;		/* as unsigned when the enum is */
};

/* Rust enum variant: its discriminant value(s) and the struct holding its
   fields (a member of the variant part).  DEFAULT: no discriminant value,
   the variant for any value not listed.  */
struct fs_variant {
	bool		 is_default;
	uint64_t	 discr_value;
	const struct fs_member *member;
};

struct fs_type {
	enum fs_type_kind kind;
	const char	*name;		/* NULL: anonymous */
	uint64_t	 size;		/* bytes; 0 unknown (void, func) */
	enum fs_ate	 encoding;	/* FS_TYPE_BASE */
	const struct fs_type *target;
	bool		 declaration;	/* incomplete: a struct only declared */
	/* FS_TYPE_ARRAY; VECTOR: a vector type (gdb's `float
	   __attribute__ ((vector_size(4)))', a register's v4_float) */
	struct fs_dim	*dims;
	size_t		 ndims;
	bool		 vector;
	/* FS_TYPE_STRUCT, FS_TYPE_UNION, FS_TYPE_VARIANT (the members other
	   than the variant part) */
	struct fs_member *members;
	size_t		 nmembers;
	/* FS_TYPE_ENUM */
	struct fs_enumerator *enumerators;
	size_t		 nenumerators;
	bool		 is_unsigned;	/* enum values are unsigned */
	/* FS_TYPE_FUNC */
	const struct fs_type **params;
	size_t		 nparams;
	bool		 varargs;	/* `...', or no prototype */
	bool		 nocall;	/* a function of DW_CC_nocall, as
					   fs_scope's */
	/* FS_TYPE_VARIANT: the discriminant member (NULL: niche or single
	   variant) and the variants */
	const struct fs_member *discr;
	struct fs_variant *variants;
	size_t		 nvariants;
	/* Rust: the type is of a Rust unit; a struct, union or enum's QNAME
	   is its path ("values::Point", "core::option::Option<i32>"),
	   NULL when it has none, and TPARAM its first template type
	   parameter (Vec<T>'s T), NULL when it has none.  */
	bool		 rust;
	const char	*qname;
	const struct fs_type *tparam;
};

enum fs_loc_kind {
	FS_LOC_NONE,		/* no location: optimized out everywhere */
	FS_LOC_EXPR,		/* one expression, valid wherever the
				   variable is in scope */
	FS_LOC_LIST,		/* expressions by pc range */
	FS_LOC_CONST,		/* DW_AT_const_value */
};

struct fs_locrange {
	uint64_t	 lo, hi;	/* [lo, hi), file addresses */
	struct fs_expr	 expr;		/* len 0: optimized out there */
	/* NEW_BASE: the list set its base address to BASE right before
	   this entry (gdb's `info scope' shows it).  */
	bool		 new_base;
	uint64_t	 base;
};

struct fs_location {
	enum fs_loc_kind kind;
	struct fs_expr	 expr;		/* FS_LOC_EXPR */
	struct fs_locrange *ranges;	/* FS_LOC_LIST, sorted by lo */
	size_t		 nranges;
	const uint8_t	*const_bytes;	/* FS_LOC_CONST, little-endian, */
	size_t		 const_len;	/* the type's size for integers */
	/* FS_LOC_CONST given as bytes (a block, data16, a string), not a
	   number: gdb's LOC_CONST_BYTES, which its info locals leaves
	   out.  */
	bool		 const_block;
};

struct fs_var {
	const char	*name;
	const struct fs_type *type;	/* never NULL: FS_TYPE_UNKNOWN */
	bool		 is_param;
	bool		 artificial;
	bool		 external;	/* a global or static declared here */
	bool		 file_static;	/* without DW_AT_external: at file
					   level, C's `static' */
	bool		 label;		/* a label the compiler left without
					   an address: gdb lists it among
					   the locals, optimized out */
	const char	*decl_file;	/* NULL unknown */
	unsigned	 decl_line;
	struct fs_location loc;
};

enum fs_scope_kind {
	FS_SCOPE_FUNCTION,	/* DW_TAG_subprogram */
	FS_SCOPE_INLINED,	/* DW_TAG_inlined_subroutine */
	FS_SCOPE_BLOCK,		/* DW_TAG_lexical_block */
};

struct fs_scope {
	enum fs_scope_kind kind;
	const struct fs_scope *parent;	/* NULL for a function */
	const struct fs_scope *const *children;
	size_t		 nchildren;
	uint64_t	*ranges;	/* lo, hi pairs: [lo, hi) */
	size_t		 nranges;
	uint64_t	 entry_pc;	/* low pc or DW_AT_entry_pc */
	/* Functions and inlined calls: the source name ("callee", Rust
	   "crate::module::f"; a gcc clone such as f.constprop.0 named by its
	   abstract origin, "f"), and the linkage name when there is one.  */
	const char	*name;
	const char	*linkage_name;
	const struct fs_type *ret_type;	/* NULL: void or unknown */
	struct fs_expr	 frame_base;	/* functions: DW_AT_frame_base */
	/* Inlined calls: where the call is (in the caller's source).  */
	const char	*call_file;
	unsigned	 call_line, call_column;
	const char	*decl_file;
	unsigned	 decl_line;
	bool		 varargs;	/* functions: `...', or C without a
					   prototype */
	bool		 file_static;	/* functions: not DW_AT_external,
					   C's `static' */
	/* Functions: DW_CC_nocall, a convention of the compiler's own
	   (rustc's internal functions at -O2), so where the value
	   returned is, the ABI does not say.  */
	bool		 nocall;
	/* Parameters first, in declaration order, then variables in
	   declaration order.  Parameters and variables of an inlined call
	   come from its abstract origin (names, types) and from the
	   concrete DIE (locations).  */
	const struct fs_var *vars;
	size_t		 nvars;
	/* How many symbols gdb makes of the scope's DIE: its named
	   variables, labels, types and enumerators.  A block's are
	   listed in the order of gdb's hash table of that size
	   (fs_dinfo_gdb_order).  */
	size_t		 nsyms;
};

/* The innermost scope holding FADDR (a block, an inlined call or a
   function); follow PARENT out to the function.  Returns 0 or
   -FS_E_NOENT when no function of this file holds FADDR, -FS_E_FORMAT
   when the unit's DIEs do not decode.  */
int	fs_dinfo_scope_at(struct fs_dwarf *dw, uint64_t faddr,
	    const struct fs_scope **out, struct fs_err *e);

/* The order in which gdb lists the variables of scope SC (`info
   locals', `bt full'): into ORDER (SC->nvars of them), the indexes of
   SC->vars.  A function's and an inlined call's as declared; a lexical
   block's as gdb's hashed dictionary of its symbols holds them, bucket
   by bucket (gdb's search_name_hash, NSYMS / 5 + 1 buckets).  */
void	fs_dinfo_gdb_order(const struct fs_scope *sc, size_t *order);

/* True when scope SC holds FADDR.  */
bool	fs_dinfo_scope_has(const struct fs_scope *sc, uint64_t faddr);

/* A global or static variable named NAME (or, in Rust, "crate::NAME")
   defined at file or namespace level: with a location expression (a
   DW_OP_addr, or a TLS one), FS_LOC_CONST for a static the compiler
   folded, FS_LOC_NONE for one it optimized out (the answer only when no
   unit has it otherwise).  With UNIT_OF set, the one of the unit holding
   that address first.  Only units that name it have their model built.
   Returns 0 or -FS_E_NOENT.  */
int	fs_dinfo_global(struct fs_dwarf *dw, const char *name,
	    uint64_t unit_of, const struct fs_var **out, struct fs_err *e);

/* Global or file-static NAME of the unit named FILE (its whole name or
   the last part of it), as gdb's 'FILE'::NAME names it.  Returns 0, 1
   when the unit has none, or -FS_E_NOENT when no unit is FILE.  */
int	fs_dinfo_global_in_file(struct fs_dwarf *dw, const char *file,
	    const char *name, const struct fs_var **out);

/* Call FN with every function (its function scope, once) and with
   every variable defined at file level of every unit, in unit order, until
   FN returns non-zero; builds the model of every unit: for listings
   (`info functions', `info variables'), not for the stepping path.
   Returns 0 or what FN returned.  */
int	fs_dinfo_foreach_function(struct fs_dwarf *dw,
	    int (*fn)(const struct fs_scope *sc, void *arg), void *arg);
int	fs_dinfo_foreach_global(struct fs_dwarf *dw,
	    int (*fn)(const struct fs_var *v, void *arg), void *arg);

/* Call FN with every named type defined at file level of every unit
   (base types, typedefs, structs, unions, enums, in the order of the
   DWARF), with its name as the DWARF gives it ("long unsigned int"),
   the file that declares it (the unit's own name where the
   DWARF names none, as for a base type) and its line (0: none), until FN
   returns non-zero; builds every unit's model: for `info types'.
   Returns 0 or what FN returned.  */
int	fs_dinfo_foreach_type(struct fs_dwarf *dw,
	    int (*fn)(const struct fs_type *t, const char *name,
	    const char *file, unsigned line, void *arg), void *arg);

/* The type NAME of KIND ('s' struct, 'u' union, 'e' enum, 't' typedef)
   defined at file level, as `ptype struct point' names it: in the unit
   holding file address UNIT_OF first (0: none), then in every unit.  A
   declaration alone is not one.  Returns 0 or -FS_E_NOENT.  */
int	fs_dinfo_type_named(struct fs_dwarf *dw, int kind, const char *name,
	    uint64_t unit_of, const struct fs_type **out);
/* The enumerator NAME of an enum defined at file level (or in a struct
   or union there, as C scopes it), as `print RED' finds it: its enum's
   TYPE and VALUE, looked for as fs_dinfo_type_named looks.  Returns 0
   or -FS_E_NOENT.  */
int	fs_dinfo_enumerator(struct fs_dwarf *dw, const char *name,
	    uint64_t unit_of, const struct fs_type **type, int64_t *value);

/* What a compile unit's DIE says of it, as gdb's `info source' shows it:
   its file NAME and COMP_DIR, the PRODUCER, DW_AT_language, the DWARF
   VERSION, whether it has macro information.  Strings borrowed from the
   DWARF (NULL when absent).  */
struct fs_dinfo_cu {
	const char	*name, *comp_dir, *producer;
	uint64_t	 language;
	unsigned	 version;
	bool		 macros;
};
/* The unit holding file address FADDR, or with FILE not NULL the first
   unit named FILE (its whole name, or the last part of it).  Returns 0
   or -FS_E_NOENT.  */
int	fs_dinfo_unit_info(struct fs_dwarf *dw, uint64_t faddr,
	    const char *file, struct fs_dinfo_cu *out);

/* A call the compiler described (DW_TAG_call_site): at return address
   RET_PC (file address), the arguments passed in registers, each with
   the expression that computes its value in the caller's frame.  What
   gdb's entry values come from: the value a parameter had when the
   function was entered.  */
struct fs_call_param {
	unsigned	 reg;		/* DWARF register number */
	struct fs_expr	 value;		/* DW_AT_call_value */
};

/* Where a call goes, as gdb finds it without a frame to evaluate
   DW_AT_call_target in (the search for tail-call frames).  */
enum fs_call_target {
	FS_CALL_NONE,		/* indirect, or a callee without code:
				   unknown */
	FS_CALL_ADDRS,		/* TARGETS: the callee's entry, or the start
				   of each of its ranges (file addresses) */
	FS_CALL_NAME,		/* a declaration: the symbol named
				   CALLEE_LINKAGE, else CALLEE */
};

struct fs_call_site {
	uint64_t	 ret_pc;
	/* The function called (DW_AT_call_origin), by its source and
	   linkage names; both NULL for an indirect call.  */
	const char	*callee;
	const char	*callee_linkage;
	const struct fs_call_param *params;
	size_t		 nparams;
	/* TAIL: a tail call (DW_AT_call_tail_call), a jump whose "return
	   address" RET_PC is only the address after it.  LISTED: a tail
	   call of a function whose DWARF says it lists all its (tail)
	   calls: gdb follows only those when it makes up the frames of
	   tail calls.  */
	bool		 tail;
	bool		 listed;
	enum fs_call_target target;
	const uint64_t	*targets;
	size_t		 ntargets;
};

/* The call site whose return address is RET_FADDR.  Returns 0 or
   -FS_E_NOENT.  */
int	fs_dinfo_call_site(struct fs_dwarf *dw, uint64_t ret_faddr,
	    const struct fs_call_site **out);

/* The call sites made from the code of the function holding file
   address LO, whose return addresses are in (LO, HI] (the calls of
   a function range [LO, HI)), by return address: *OUT[0, *N).
   Returns 0 or -FS_E_NOENT.  */
int	fs_dinfo_calls_in(struct fs_dwarf *dw, uint64_t lo, uint64_t hi,
	    const struct fs_call_site **out, size_t *n);

/* Call FN with every function (a gcc clone among them, named by its
   origin) and every inlined call whose source name is NAME, in the units
   that define a function of that name (only their models are built), in
   unit and address order, until FN returns non-zero.  Returns 0 or what
   FN returned.  */
int	fs_dinfo_functions_named(struct fs_dwarf *dw, const char *name,
	    int (*fn)(const struct fs_scope *sc, void *arg), void *arg);
/* The same in the unit holding file address FADDR only: where the
   function's symbol is, no other unit is read.  */
int	fs_dinfo_functions_named_in(struct fs_dwarf *dw, const char *name,
	    uint64_t faddr, int (*fn)(const struct fs_scope *sc, void *arg),
	    void *arg);

/* The base type a typed DWARF operation names (DW_OP_regval_type,
   DW_OP_const_type, DW_OP_deref_type, DW_OP_convert...): in the
   expressions of the model, the unit-relative offset of its DIE is
   replaced by a code of its size and encoding, read back here.  Returns
   0, or -FS_E_NOENT for 0 (the generic type) or a type not modelled.  */
int	fs_dinfo_typed_operand(uint64_t op, unsigned *size, enum fs_ate *enc);

/* The object DW_OP_implicit_pointer names by its DIE at .debug_info
   offset DIE, in the unit holding FADDR (the pointer's): a variable
   with its location, made when the unit's model is.  Returns 0 or
   -FS_E_NOENT.  */
int	fs_dinfo_implicit_target(struct fs_dwarf *dw, uint64_t faddr,
	    uint64_t die, const struct fs_var **out);

/* The address size and DWARF version of the unit holding FADDR, which
   DW_OP_addr and location-list decoding depend on (8 and 4 or 5 for
   x86-64).  Returns 0 or -FS_E_NOENT.  */
int	fs_dinfo_unit_version(struct fs_dwarf *dw, uint64_t faddr,
	    unsigned *version);

#endif
