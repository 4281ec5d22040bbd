/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_vars: the variables of a frame at a stop, read.  It joins the DWARF
 * model (fs_dinfo), location expressions (fs_loc) and value printing
 * (fs_value) to the stopped process (fs_session, and fs_unwind for the
 * registers each caller frame sees): for frame N it finds the scopes that
 * hold the frame's pc (pc - 1 for a caller, as gdb looks it up), lists
 * the parameters and the locals visible there, says where each one lives
 * now, reads its bytes and prints its value as gdb does.  It resolves the
 * names of `print EXPR` (fs_eval) the same way, and tells the slot map
 * (fs_anatomy) which objects a frame has in memory.  It keeps nothing
 * from one stop to the next but the value history its caller owns.
 */
#ifndef FS_VARS_H
#define FS_VARS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "fs_anatomy.h"
#include "fs_dinfo.h"
#include "fs_error.h"
#include "fs_session.h"

struct fs_varval {
	const struct fs_var *var;
	const struct fs_type *type;	/* VLA bounds filled in */
	char		*value;		/* as `info locals' prints it */
	char		 where[48];	/* "at rbp-20", "in rdi",
					   "optimized out" */
	bool		 in_memory;	/* the whole object is at ADDR */
	uint64_t	 addr;
	bool		 above_cfa;	/* a stack argument: it lives in the
					   caller's frame */
	/* A parameter's value when the function was entered, from the
	   caller's call site (DW_AT_call_value), as gdb's `x@entry=5';
	   NULL when not known.  ENTRY_EQUAL: the same as VALUE, which a
	   frame line shows as `x=x@entry=5'.  */
	char		*entry_value;
	bool		 entry_equal;
	/* Its bytes as read (LEN = the type's size; VALID NULL when every
	   byte was read, else each byte's mask of bits read, as fs_loc_read
	   gives it), and where it
	   is in one word, as the snapshot says it.  */
	uint8_t		*bytes, *valid;
	size_t		 len;
	enum fs_var_place {
		FS_PLACE_MEMORY,	/* whole, at ADDR */
		FS_PLACE_REGISTER,
		FS_PLACE_OPTIMIZED_OUT,
		FS_PLACE_COMPOSITE,	/* pieces, computed or constant */
	}		 place;
	/* Which memory, by its location expression: a frame's (the stack),
	   a fixed address (DW_OP_addr: a global or a local static), or the
	   thread's TLS block.  */
	enum fs_var_storage {
		FS_STORAGE_FRAME,
		FS_STORAGE_STATIC,
		FS_STORAGE_TLS,
	}		 storage;
};

struct fs_frame_vars {
	/* The function (or inlined call) the frame shows; NULL when its
	   module has no DWARF there: no variables.  */
	const struct fs_scope *func;
	struct fs_varval *args;
	size_t		 nargs;
	/* Locals visible at the pc, innermost block first, as gdb's `info
	   locals' lists them.  */
	struct fs_varval *locals;
	size_t		 nlocals;
};

/* The variables of frame FRAME of the current stop.  Returns 0 (with
   func NULL when nothing is known) or -FS_E_*.  Free with
   fs_vars_free.  */
int	fs_vars_frame(struct fs_session *s, unsigned frame,
	    struct fs_frame_vars **out, struct fs_err *e);
void	fs_vars_free(struct fs_frame_vars *v);

/* Value BYTES (LEN, VALID as in fs_varval) of type T as `info locals'
   prints it, pointers followed in the process of S.  *OUT malloc'd.
   Returns 0 or -FS_E_NOMEM.  */
int	fs_vars_format(struct fs_session *s, const struct fs_type *t,
	    const uint8_t *bytes, const uint8_t *valid, size_t len,
	    char **out);

/* The same with print's /FMT letter FMT (0: none) and fs_value's
   FLAGS.  */
int	fs_vars_format_as(struct fs_session *s, const struct fs_type *t,
	    const uint8_t *bytes, const uint8_t *valid, size_t len, int fmt,
	    int flags, char **out);

/* The arguments of frame FRAME as a backtrace line shows them: "a1=1,
   a2=2", non-scalars as "...", gdb's `print frame-arguments scalars'.
   Into *OUT, malloc'd ("" without DWARF).  */
int	fs_vars_args_line(struct fs_session *s, unsigned frame, char **out,
	    struct fs_err *e);
/* The same appended to B (a backtrace builds each line in one buffer).
   Returns 0 or a negative error code; B is left as it was on error.  */
struct fs_sbuf;
int	fs_vars_args_append(struct fs_session *s, unsigned frame,
	    struct fs_sbuf *b, struct fs_err *e);

/* Evaluate EXPR in frame FRAME and print its value as `print' does
   (FS_VALUE_TOP); FMT, when not 0, is print's /FMT letter (x d u o t c
   a z) for a scalar.  *OUT malloc'd.  Returns 0, or -FS_E_* with gdb's
   message.  */
int	fs_vars_print(struct fs_session *s, unsigned frame, const char *expr,
	    int fmt, char **out, struct fs_err *e);

/* The registers frame FRAME sees, as gdb shows them there: frame 0's,
   with pc, sp and the registers the frames below it saved (CFI) in a
   caller's frame; the vector and x87 registers are frame 0's in every
   frame.  RF's XSAVE area is borrowed until the program runs again.
   Returns 0 or -FS_E_*.  */
struct fs_regfile;
int	fs_vars_regfile(struct fs_session *s, unsigned frame,
	    struct fs_regfile *rf, struct fs_err *e);
/* Register NAME (gdb's aliases pc, sp, fp, ps too) in frame FRAME: *REG
   and its bytes in BUF.  Returns 0, or -FS_E_NOENT with gdb's "Invalid
   register `xmm99'".  */
struct fs_reg;
int	fs_vars_register(struct fs_session *s, unsigned frame,
	    const char *name, const struct fs_reg **reg, uint8_t buf[64],
	    struct fs_err *e);

/* gdb's value history: every value `print' shows ($1, $2, ...) and
   `finish' returns, kept as it was (its bytes copied, and its address
   when it was in memory) for $, $$, $$N and $N in later expressions,
   after the program moved on or ran again.  Types are the DWARF
   model's, which live as long as the session's modules (kept across
   runs): free a history before its session.  */
struct fs_vars_hist;
int	fs_vars_hist_new(struct fs_vars_hist **out);
void	fs_vars_hist_free(struct fs_vars_hist *h);
size_t	fs_vars_hist_count(const struct fs_vars_hist *h);

/* Set convenience variable NAME (without its $) of H to the LEN bytes
   BYTES of type T.  T is copied but not what it points to: its target
   must outlive H (a static type).  Returns 0 or -FS_E_*.  */
int	fs_vars_conv_set(struct fs_vars_hist *h, const char *name,
	    const struct fs_type *t, const uint8_t *bytes, size_t len,
	    struct fs_err *e);

/* The language of frame FRAME's source (of main's without a process),
   as gdb's `set language auto' finds it; never FS_LANG_AUTO.  */
enum fs_lang fs_vars_language(struct fs_session *s, unsigned frame);

/* fs_vars_print with history H (NULL: none; $N is then an error):
   EXPR may name its values, and the value printed becomes the next one,
   its number in *NUM, when NUM is not NULL.  *BLOCK, when BLOCK is not
   NULL, is set to the innermost scope whose locals EXPR used (NULL:
   none), the block a `display' belongs to.  */
int	fs_vars_print_hist(struct fs_session *s, unsigned frame,
	    const char *expr, int fmt, struct fs_vars_hist *h, unsigned *num,
	    const struct fs_scope **block, char **out, struct fs_err *e);

/* ptype/o of EXPR (a type or an expression), with history H: gdb's
   whole text, "type = " and the offsets of a struct's members (HEX:
   /ox), fs_value_ptype_offsets'.  */
int	fs_vars_ptype_offsets(struct fs_session *s, unsigned frame,
	    const char *expr, bool hex, struct fs_vars_hist *h, char **out,
	    struct fs_err *e);

/* fs_vars_type with history H for $, $$N, $N.  */
int	fs_vars_type_hist(struct fs_session *s, unsigned frame,
	    const char *expr, bool expand, struct fs_vars_hist *h, char **out,
	    struct fs_err *e);

/* Whether frame FRAME is inside BLOCK (as gdb's contained_in): where a
   display made with its locals can be shown.  BLOCK NULL: always.  */
bool	fs_vars_in_block(struct fs_session *s, unsigned frame,
	    const struct fs_scope *block);

/* The type of EXPR in frame FRAME as gdb's whatis (EXPAND false) or
   ptype (EXPAND true) prints it after "type = ".  *OUT malloc'd.  Returns
   0, or -FS_E_* with gdb's message.  */
int	fs_vars_type(struct fs_session *s, unsigned frame, const char *expr,
	    bool expand, char **out, struct fs_err *e);

/* EXPR as an address, as gdb's x takes it: a pointer's or an integer's
   value, an array's or a function's address.  Returns 0 or -FS_E_*
   with gdb's message.  */
int	fs_vars_address(struct fs_session *s, unsigned frame, const char *expr,
	    uint64_t *out, struct fs_err *e);
/* The same, EXPR naming the values and convenience variables of H.  */
struct fs_vars_hist;
int	fs_vars_address_hist(struct fs_session *s, unsigned frame,
	    const char *expr, struct fs_vars_hist *h, uint64_t *out,
	    struct fs_err *e);
/* Target memory, or before the program runs (and after), the
   executable's file image as it would be loaded (.bss as zeros), as gdb
   reads it then.  Returns the bytes read (fewer at the end of what there
   is), or -FS_E_* with "Cannot access memory at address 0x...".  */
ssize_t	fs_vars_read(struct fs_session *s, uint64_t addr, void *buf,
	    size_t len, struct fs_err *e);

/* EXPR's value as printf takes an argument, with history H (NULL:
   none).  KIND: 'i' an integer, char, bool, enum or pointer (IVAL, as
   its type is signed or not: UNSIGNED), 'f' a floating-point number
   (FVAL), 'a' an array in memory (IVAL its address), 'o' anything else
   (a struct; an array not in memory: a string literal, its bytes in
   STR, malloc'd, NUL ended).  BYTES holds its first 16 bytes, LEN its
   size: gdb's printf reads an integer of a float's size as that float.
   Returns 0, or -FS_E_* with gdb's message.  Free STR.  */
struct fs_vars_scalar {
	char		 kind;
	bool		 is_unsigned;
	bool		 is_pointer;
	uint64_t	 ival;
	long double	 fval;
	uint8_t		 bytes[16];
	size_t		 len;
	char		*str;
};
int	fs_vars_scalar(struct fs_session *s, unsigned frame, const char *expr,
	    struct fs_vars_hist *h, struct fs_vars_scalar *out,
	    struct fs_err *e);

/* Whether EXPR is true (a scalar not zero) in frame FRAME: a
   breakpoint's condition.  Returns 0, or -FS_E_* with gdb's message.  */
int	fs_vars_truth(struct fs_session *s, unsigned frame, const char *expr,
	    bool *out, struct fs_err *e);

/* What a watchpoint on EXPR in frame FRAME watches: the object in
   memory EXPR names (ADDR, LEN), whether it is one of the frame's own
   variables (LOCAL: the watchpoint ends with the frame), and TEXT,
   malloc'd, as print shows it: its value now, or with BYTES (LEN of
   them) the value those bytes make in its type.  Returns 0, or -FS_E_*
   with gdb's message ("Cannot watch constant value `5'.").  Without a
   process, from the executable's file: ADDR is a file address.  DEPS
   are the other objects in memory whose values the expression read (p
   of p->x, i of a[i], as gdb's value chain has them), NDEPS of them:
   a change of one moves what EXPR names.  On failure, LOCAL and DEPS
   say what was read before it.  An expression that names no object but
   reads some (a + b) is a value: ADDR 0, its LEN bytes in RVALUE
   (malloc'd; NULL for an object).  */
#define FS_VARS_MAXDEPS	8
struct fs_vars_lvalue {
	uint64_t	 addr;
	size_t		 len;
	bool		 local;
	char		*text;
	uint8_t		*rvalue;
	struct {
		uint64_t addr;
		size_t	 len;
	}		 deps[FS_VARS_MAXDEPS];
	size_t		 ndeps;
};
int	fs_vars_lvalue(struct fs_session *s, unsigned frame, const char *expr,
	    const uint8_t *bytes, struct fs_vars_lvalue *out,
	    struct fs_err *e);

/* gdb's base of frame F (its "Arglist at" and "Locals at", and $fp):
   amd64_frame_cache's, which looks only at the function's first
   instructions: the frame pointer once `push %rbp; mov %rsp,%rbp' has
   run past the push, else RSP (F's stack pointer) plus what the
   prologue pushed so far, less a word.  */
uint64_t fs_vars_frame_base(struct fs_session *s, const struct fs_frame *f,
	    uint64_t rsp);

/* The value a function returns, after `finish' from a frame whose
   function had return type RET: from rax (and rdx), or xmm0 for floating
   point.  Returns 0 (*OUT malloc'd), -FS_E_NOENT for void or an unknown
   type, or a struct returned in memory.  With H and NUM, the value also
   becomes the next of history H, its number in *NUM.  */
int	fs_vars_return_value(struct fs_session *s, const struct fs_type *ret,
	    struct fs_vars_hist *h, unsigned *num, char **out,
	    struct fs_err *e);

/* The function scope of frame FRAME (for `finish' to know what it
   returns), or NULL.  */
const struct fs_scope *fs_vars_function(struct fs_session *s,
	    unsigned frame);

/* fs_anatomy's provider: the parameters and locals of a frame that live
   in memory, with their parts and values.  ARG is a struct
   fs_vars_provider, zeroed before first use: it keeps what it handed out
   for every frame of the stop, until a call for another stop or
   fs_vars_provider_clear, and answers a frame asked twice from what it
   kept.  At the next stop of the thread, a frame (but frame 0) whose
   function, pc, cfa and registers are the same, and whose every byte of
   memory and register its variables were read from reads the same, is
   taken from the last stop rather than made again: the same text to the
   byte.  fs_vars_provider_forget drops those kept frames: call it when
   the way values print may have changed (a `set print ...').  */
struct fs_vars_pframe;
struct fs_vars_provider {
	unsigned long	 stop;
	pid_t		 tid;
	struct fs_vars_pframe *fr;
	size_t		 nfr;
	struct fs_vars_pframe *old;	/* the last stop's */
	size_t		 nold;
	struct fs_vars_pframe *callee;	/* FS_ANAT_CALLEE's */
};
int	fs_vars_provide(void *arg, struct fs_session *s,
	    const struct fs_frame *f, const struct fs_anat_obj **objs,
	    size_t *n);
void	fs_vars_provider_clear(struct fs_vars_provider *p);
void	fs_vars_provider_forget(struct fs_vars_provider *p);
/* What fs_vars_frame gives for frame F of the current stop, as the
   provider made it for that stop, or NULL when it did not: borrowed
   until the provider's next call.  */
const struct fs_frame_vars *fs_vars_provided(const struct fs_vars_provider *p,
	    struct fs_session *s, const struct fs_frame *f);

#endif
