/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_rust: Rust values and types as a Rust programmer reads them.  For a
 * type of a Rust unit (fs_type.rust) it prints values as gdb 13's Rust
 * language does: structs with their path and `field: value`, tuple structs
 * and tuples in parentheses, `()`, enums with data through their DWARF
 * variant part (`core::option::Option<i32>::Some(5)`), C-like enums by
 * path, chars as `955 '\u{0003bb}'`, arrays in brackets, `&str` as text,
 * slices as `&[i32] [2, 3]`, pointers, references and boxes as `(*mut T)
 * 0x...` at top level.  Where gdb has nothing better than the raw struct it
 * prints what the program wrote: a `Vec<T>` as `vec![1, 2, 3]` and a
 * `String` as `"text"`, reading their heap buffer.  It names Rust types as
 * gdb does (`*mut values::Point`, `[u8; 3]`), and tells the slot map the
 * parts a Rust programmer names in a Vec, String, &str or slice on the
 * stack (ptr, len, cap) with their values and what the pointer points to.
 * Scalars other than char are printed by fs_value (FS_VALUE_C).
 */
#ifndef FS_RUST_H
#define FS_RUST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_dinfo.h"
#include "fs_error.h"
#include "fs_value.h"

/* True when T (through typedefs, pointers and arrays) is a Rust type.  */
bool	fs_rust_type(const struct fs_type *t);

/* fs_value_format for a Rust value: same contract.  */
int	fs_rust_format(const struct fs_value *v, const struct fs_value_env *env,
	    int flags, char **out, struct fs_err *e);

/* The active variant of Rust enum T (FS_TYPE_VARIANT) whose LEN bytes
   are BYTES: the member holding its fields (its NAME the variant's,
   OFFSET where they start), or NULL when none matches.  */
const struct fs_member *fs_rust_variant(const struct fs_type *t,
	    const uint8_t *bytes, size_t len);

/* Rust enum T's unit variant NAME (Shape::Empty) made in BYTES (SIZE
   of them): zeros and its discriminant.  False when T has no such
   variant, it has fields or no discriminant of its own.  */
bool	fs_rust_unit_variant(const struct fs_type *t, const char *name,
	    uint8_t *bytes, size_t size);

/* Whether T is one of the containers fs_rust prints as the program
   wrote it (Vec, String, &str, slices), not as its raw struct.  */
bool	fs_rust_container(const struct fs_type *t);
/* Whether T (a typedef of it too) is a &str or a String.  */
bool	fs_rust_is_text(const struct fs_type *t);

/* The elements of Rust container T (Vec, String, &str, slice) whose LEN
   bytes are BYTES: their address, their number and their type (u8 for
   String and &str).  Returns false when T is none of these.  */
bool	fs_rust_elements(const struct fs_type *t, const uint8_t *bytes,
	    size_t len, uint64_t *addr, uint64_t *count,
	    const struct fs_type **elem);

/* Whether T is a Rust Rc or Arc; with BYTES (LEN of them) not NULL, the
   address and type of the value it shares (RcInner's value, ArcInner's
   data) in *ADDR and *VT.  */
bool	fs_rust_shared(const struct fs_type *t, const uint8_t *bytes,
	    size_t len, uint64_t *addr, const struct fs_type **vt);

/* usize, for the length of a Rust container.  */
extern const struct fs_type fs_rust_usize;

/* gdb's ptype of Rust type T into B: a struct's, union's or enum's
   body (fields and variants with their types); else its name.  */
struct fs_sbuf;
void	fs_rust_ptype(const struct fs_type *t, struct fs_sbuf *b);

/* The length of the module part of Rust path PATH ("b1" of
   "b1::shapes", "c::m" of "c::m::f<i32>"): up to its last "::" outside
   generic arguments; 0 when it has none.  */
size_t	fs_rust_module_len(const char *path);

/* The name of Rust type T as gdb prints it, into BUF of SIZE; returns
   BUF.  */
const char *fs_rust_type_name(const struct fs_type *t, char *buf,
	    size_t size);

/* One part of a Rust container on the stack: "ptr", "len" or "cap", at
   OFFSET in the object, SIZE bytes, VALUE its value ("3", "0x5555..."),
   POINTS_TO (ptr only, NULL otherwise) the first elements it points to
   ("[1, 2, 3]", "\"hello\"").  Strings malloc'd.  */
struct fs_rust_part {
	const char	*name;
	uint64_t	 offset, size;
	char		*value;
	char		*points_to;
};
#define FS_RUST_MAXPARTS 3

/* The parts of an object of type T whose LEN bytes are BYTES, when T is
   a Vec, String, &str or slice: their number (0: T is none of these).
   ENV reads the memory the pointer points to (NULL: no POINTS_TO).  Free
   with fs_rust_parts_free.  */
size_t	fs_rust_parts(const struct fs_type *t, const uint8_t *bytes,
	    size_t len, const struct fs_value_env *env,
	    struct fs_rust_part out[FS_RUST_MAXPARTS]);
void	fs_rust_parts_free(struct fs_rust_part *p, size_t n);

/* What a Rust Box or reference of type T whose value is ADDR points to,
   printed ("values::Point {x: 3, y: -4}"), malloc'd; NULL when T is not
   a Box or reference of a Rust type or the memory is unreadable.  */
char	*fs_rust_points_to(const struct fs_type *t, uint64_t addr,
	    const struct fs_value_env *env);

#endif
