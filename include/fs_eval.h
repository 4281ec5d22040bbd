/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_eval: the expressions of `print EXPR`.  It parses C-like expressions
 * (identifiers, integer, float, char and string literals, `.`, `->`,
 * `[i]`,
 * calls of functions in the program `f(1, 2)`, assignments `x = 3`,
 * `x += 1`, `$rax = 0` (stored through the caller), unary
 * `*`, `&`, `-`, `!`, `~`, parentheses, `+ - * / %` on integers with
 * pointer arithmetic, comparisons, casts to base types and pointers to
 * them, $registers such as $pc, $sp, $rip, the value history $, $$,
 * $$N and $N, gdb's LEFT@COUNT array in memory) and evaluates them into a
 * value that fs_value prints.  Identifiers are resolved by the caller
 * (which knows the scope and where each variable lives), memory is read
 * through a callback; values in memory are read only when needed, so
 * `&*p` needs no memory.  Errors are gdb's messages: `No symbol "foo" in
 * current context.`, `There is no member named z.`, `Attempt to take
 * contents of a non-pointer value.`, `Cannot access memory at address
 * 0x0`.
 */
#ifndef FS_EVAL_H
#define FS_EVAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_dinfo.h"
#include "fs_error.h"
#include "fs_value.h"

/* What the caller knows of an identifier: its type, and either its
   address (a variable in memory, a function) or its bytes (a variable in
   a register, a computed or constant value; copied), with VALID as for
   fs_value (NULL: all known).  ERROR set: the variable cannot be read
   (the value prints as <error: ERROR>).  */
struct fs_eval_sym {
	const struct fs_type *type;
	bool		 in_memory;
	uint64_t	 addr;
	const uint8_t	*bytes;
	const uint8_t	*valid;
	size_t		 len;
	const char	*error;
	/* A synthetic pointer (DW_OP_implicit_pointer): to SOFF bytes into
	   the object whose DIE is at SDIE, which env's SYNTHETIC reads.  */
	bool		 synthetic;
	uint64_t	 sdie;
	int64_t		 soff;
	bool		 uninit;	/* DW_OP_GNU_uninit */
	/* A function: its own name ("calc::multiply" for "multiply"),
	   which messages about calling it give; NULL: the name looked up.  */
	const char	*fname;
};

struct fs_eval_env {
	/* Resolve NAME: 0, or -FS_E_NOENT when there is no such symbol. */
	int	(*lookup)(void *arg, const char *name, struct fs_eval_sym *out);
	/* Register NAME ("pc", "sp", "rip", "rax", "fp"): 0, or
	   -FS_E_NOENT.  NULL: no registers (no process).  */
	int	(*reg)(void *arg, const char *name, uint64_t *val);
	/* Read target memory: 0 or -FS_E_*.  */
	int	(*mem)(void *arg, uint64_t addr, void *buf, size_t len);
	void	*arg;
	/* Only the type of the result matters (whatis, ptype): & applies
	   to a value in a register too, as gdb's type evaluation allows.  */
	bool	 types_only;
	/* The value history ($, $$, $$N, $N): how many values it holds,
	   and value NUM (1 the first), as an fs_eval_sym whose BYTES are
	   the value as it was and, when IN_MEMORY, ADDR where it was (for
	   & and @).  NULL: an empty history.  */
	size_t	(*hist_count)(void *arg);
	int	(*hist_get)(void *arg, size_t num, struct fs_eval_sym *out);
	/* Register NAME as a typed value (OUT's TYPE and BYTES, copied at
	   once): $xmm0 a union, $eflags its flags, $st0 a float.  0, or
	   -FS_E_NOENT to ask REG.  NULL: only REG.  */
	int	(*regval)(void *arg, const char *name,
		    struct fs_eval_sym *out);
	/* The object of type T that a synthetic pointer points to (see
	   fs_eval_sym): 0, or -FS_E_NOENT.  NULL: none can be followed.  */
	int	(*synthetic)(void *arg, uint64_t die, int64_t off,
		    const struct fs_type *t, struct fs_eval_sym *out);
	/* Call the function at ADDR, of type T (FS_TYPE_FUNC), in the
	   program with the NARGS arguments ARGS (each converted to its
	   parameter's type, its bytes read): its value into OUT (the
	   return type and its bytes, copied at once; VOID for none).  0,
	   or -FS_E_* with the reason in E: the evaluation is abandoned.
	   NAME is the function's, for messages.  NULL: no calls (gdb's
	   "You can't do that without a process to debug.").  */
	int	(*call)(void *arg, const char *name, uint64_t addr,
		    const struct fs_type *t, const struct fs_eval_sym *args,
		    size_t nargs, struct fs_eval_sym *out, struct fs_err *e);
	/* Copy LEN bytes into memory of the program's (a string literal
	   passed to a function: gdb has the program's malloc give it),
	   its address in *ADDR.  0 or -FS_E_* with E.  NULL: none.  */
	int	(*alloc)(void *arg, const uint8_t *bytes, size_t len,
		    uint64_t *addr, struct fs_err *e);
	/* An assignment's store: LEN bytes at ADDR, or register NAME (an
	   integer register, "rax", "pc") set to VAL.  0 or -FS_E_* with E.
	   NULL: nothing can be written (gdb's message for each).  */
	int	(*write)(void *arg, uint64_t addr, const void *buf,
		    size_t len, struct fs_err *e);
	int	(*setreg)(void *arg, const char *name, uint64_t val,
		    struct fs_err *e);
	/* gdb's convenience variables ($foo, any $name that is no
	   register): its value (0, or -FS_E_NOENT: void, never set), and
	   an assignment's new one (T and LEN bytes, copied).  NULL: none
	   can be kept.  */
	int	(*conv_get)(void *arg, const char *name,
		    struct fs_eval_sym *out);
	int	(*conv_set)(void *arg, const char *name,
		    const struct fs_type *t, const uint8_t *bytes, size_t len,
		    struct fs_err *e);
	/* The type a name gives, as C writes it: KIND 's' struct NAME,
	   'u' union NAME, 'e' enum NAME, 't' a typedef's NAME: 0, or
	   -FS_E_NOENT.  NULL: no type names but the C base types.  */
	int	(*type_named)(void *arg, int kind, const char *name,
		    const struct fs_type **out);
	/* The expression is Rust's: Rust's literals, operators and
	   types, and gdb's Rust parser's words for errors ("No symbol 'x'
	   in current context").  */
	bool	 rust;
	/* The expression is C++'s: as C's, comparisons a bool.  */
	bool	 cplus;
};

struct fs_eval;

/* Evaluate EXPR.  On success *OUT holds the value (free it with
   fs_eval_free).  Returns 0, or -FS_E_USAGE with gdb's message for a
   syntax error or an impossible operation, -FS_E_NOENT for an unknown
   symbol, a memory read that fails, or no registers.  */
int	fs_eval(const char *expr, const struct fs_eval_env *env,
	    struct fs_eval **out, struct fs_err *e);

/* The same for a program whose pointers and longs have WORD bytes: 8
   (x86-64, as fs_eval), or 4 (i386, where long long has 8).  */
int	fs_eval_word(const char *expr, const struct fs_eval_env *env,
	    unsigned word, struct fs_eval **out, struct fs_err *e);

/* With TYPES_ONLY, EXPR may be a type name alone (ptype struct point,
   whatis unsigned long, ptype point_t *): R's value is then of that
   type, without bytes, and this is true.  */
bool	fs_eval_is_type(const struct fs_eval *r);

/* The value, ready for fs_value_format; borrowed from R.  */
const struct fs_value *fs_eval_value(const struct fs_eval *r);

void	fs_eval_free(struct fs_eval *r);

#endif
