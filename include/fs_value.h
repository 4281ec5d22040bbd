/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_value: values as gdb 13 prints them.  Given a type of the DWARF model
 * (struct fs_type, include/fs_dinfo.h) and an object's bytes, it writes
 * the text `print` shows with gdb's default settings: integers, chars as
 * `97 'a'`, floats to 9, 17 or 21 significant digits, enums by name or
 * as flags, pointers with their type at top level and the symbol they
 * point to, char pointers and arrays as strings, structs, unions and
 * arrays with repeats and the 200-element limit, bitfields, and the parts
 * that are optimized out or unreadable.  It also names types as gdb's
 * whatis and ptype do (`int (*)(int, int)`, `char [6]`, `unsigned int :
 * 3`).  Target memory (strings behind pointers) and symbols (`<add>`)
 * are reached through callbacks, so this module knows nothing of
 * processes or ELF.
 */
#ifndef FS_VALUE_H
#define FS_VALUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_dinfo.h"
#include "fs_error.h"

/* An object to print.  BYTES holds LEN bytes (the type's size; little
   endian), VALID is NULL when every byte is known or holds one flag per
   byte (0: optimized out).  ADDR is where the object lives when HAS_ADDR
   (a function's address: functions have no bytes).  ERROR, when set, says
   why the object could not be read ("Cannot access memory at address
   0x10"); it is then printed as <error: ...>.  Nothing is owned.  */
struct fs_value {
	const struct fs_type *type;
	const uint8_t	*bytes;
	const uint8_t	*valid;
	size_t		 len;
	bool		 has_addr;
	uint64_t	 addr;
	const char	*error;
	/* A pointer the compiler did away with (DW_OP_implicit_pointer):
	   printed as gdb's <synthetic pointer>.  */
	bool		 synthetic;
	/* Not set yet (DW_OP_GNU_uninit): gdb's print says so.  */
	bool		 uninit;
};

struct fs_value_env {
	/* Read LEN bytes of target memory at ADDR: 0 or -FS_E_*.  NULL:
	   no memory (strings behind pointers are not shown).  */
	int	(*mem)(void *arg, uint64_t addr, void *buf, size_t len);
	/* The symbol holding ADDR as "name" or "name+off" into BUF of
	   SIZE: 0, or -FS_E_NOENT when none (gdb's <sym> after a pointer).
	   NULL: no symbols.  */
	int	(*symbolize)(void *arg, uint64_t addr, char *buf, size_t size);
	void	*arg;
	unsigned print_elements;	/* 0: gdb's default, 200 */
	unsigned repeat_threshold;	/* 0: gdb's default, 10 */
	/* print's /FMT letter for the integers, chars, enums and pointers
	   of an aggregate (x z o d u t; 0 or another: as usual); a char
	   array is then shown element by element.  */
	int	 fmt;
};

/* FS_VALUE_TOP: print as `print` does at top level, pointers with their
   type `(int *) 0x...`, functions as `{int (int)} 0x... <f>`.  Without
   it, as inside an aggregate and as `info locals` does.  */
#define FS_VALUE_TOP	0x1
/* FS_VALUE_C: print as C does whatever the language of the type; without
   it a Rust type is printed by fs_rust.  */
#define FS_VALUE_C	0x2

/* The text of value V into *OUT, allocated (the caller frees).  Returns
   0, or -FS_E_NOMEM.  Unreadable or broken parts are printed in place
   (<optimized out>, <error: ...>), not returned as errors.  ENV may be
   NULL.  */
int	fs_value_format(const struct fs_value *v, const struct fs_value_env *env,
	    int flags, char **out, struct fs_err *e);

/* S[0..N) as print writes a C char array: gdb's escapes and repeats,
   ENV's print elements (ENV may be NULL), "" when N is 0.  Into *OUT,
   allocated.  Returns 0, or -FS_E_NOMEM.  */
int	fs_value_format_text(const uint8_t *s, size_t n,
	    const struct fs_value_env *env, char **out);

/* The name of type T as gdb's whatis prints it ("const char *", "int
   [3][4]", "int (*)(int, int)", "struct point"), or with NAME set, a
   declaration of NAME of that type ("int (*fp)(int, int)", "char
   buf[6]"); BIT_SIZE > 0 appends " : BIT_SIZE" as ptype shows a
   bitfield.  Truncated to SIZE.  Returns BUF.  */
const char *fs_value_type_name(const struct fs_type *t, const char *name,
	    unsigned bit_size, char *buf, size_t size);

/* gdb's ptype text of T (without "type = "): typedefs resolved at its
   base, a struct, union or enum there written out with its members, one
   per line indented by four, anonymous ones nested in place.  A Rust
   type gets its name.  *OUT allocated.  Returns 0 or -FS_E_NOMEM.  */
int	fs_value_ptype(const struct fs_type *t, char **out, struct fs_err *e);

/* gdb's ptype/o text of T, "type = " and all: each member of a struct
   or union under its offset and size (HEX: in hex, /ox), the holes,
   the padding and the total size, a member struct written out in
   place; the "offset | size" header when T is a struct or union itself.
   *OUT allocated.  Returns 0 or -FS_E_NOMEM.  */
int	fs_value_ptype_offsets(const struct fs_type *t, bool hex, char **out,
	    struct fs_err *e);

/* T with typedefs, const and volatile removed (NULL stays NULL).  */
const struct fs_type *fs_value_strip(const struct fs_type *t);

/* True when T (stripped) is an integer, char, bool, enum or pointer,
   whose value fits 8 bytes: what arithmetic applies to.  */
bool	fs_value_is_scalar(const struct fs_type *t);

/* The LEN-byte little-endian integer at P, sign-extended when SIGNED.  */
uint64_t fs_value_load(const uint8_t *p, size_t len, bool is_signed);

/* The floating-point value of LEN bytes at P of float type T (half and
   bfloat16, float, double, x87 extended); 0 for another size.  */
long double fs_value_float_get(const struct fs_type *t, const uint8_t *p,
	    size_t len);
/* X stored as float type T of LEN bytes at P (rounded to it).  */
void	fs_value_float_put(const struct fs_type *t, long double x, uint8_t *p,
	    size_t len);

/* D as an integer the way gdb converts a float: toward zero, past
   int64_t's range its nearest end, NaN the highest.  */
int64_t	fs_value_float_int(long double d);

/* True when integer type T (stripped) is signed.  */
bool	fs_value_is_signed(const struct fs_type *t);

#endif
