/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * fs_anatomy: the slot map of a stop, the textbook drawing of the stack
 * made from the live process: for each frame, every 8-byte word from its
 * sp up to its cfa (and, for the innermost frame, the red zone below rsp
 * when its function uses it), each with its address, raw value, offsets
 * from the cfa and from rbp, what it is (return address, saved register,
 * parameter, local, outgoing stack argument, canary, padding...), the
 * objects it holds, whether it changed since the previous stop and, after
 * a single step, the instruction that wrote it.  Where frames and saved
 * registers are comes from CFI (fs_unwind); where variables are comes from
 * a provider callback, so that this module knows no DWARF: without one the
 * words of variables are "unknown".  One fs_anatomy lives across the stops
 * of a session: it remembers the last map to tell what changed, and takes
 * a caller's frame from it whole when everything that frame's map is made
 * of is the same again.  It never prints.
 */
#ifndef FS_ANATOMY_H
#define FS_ANATOMY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fs_error.h"
#include "fs_guard.h"
#include "fs_modules.h"
#include "fs_session.h"
#include "fs_unwind.h"

/* --- What a provider says is in a frame --- */

enum fs_anat_obj_kind {
	FS_ANAT_PARAM,
	FS_ANAT_LOCAL,
};

/* A named part of an object: a struct member ("x", or "in.x" for a
   nested one, flattened by the provider).  */
struct fs_anat_part {
	const char	*name;
	uint64_t	 offset, size;
	/* Optional: the part's value ("3"), shown as "NAME.MEMBER = 3" on
	   the word holding the whole part, and, for a pointer, what it
	   points to ("[1, 2, 3]"), the word's POINTS_TO.  */
	const char	*value;
	const char	*points_to;
};

/* An object of a frame that lives in memory at ADDR (runtime).  A
   parameter at or above the frame's cfa is a stack argument: it is drawn
   in the caller's frame as "NAME of FUNCTION".  */
struct fs_anat_obj {
	uint64_t	 addr, size;
	const char	*name;
	enum fs_anat_obj_kind kind;
	/* Arrays: the element size; the words are labelled NAME[i] or
	   NAME[i..j].  0: not an array.  */
	uint64_t	 elem_size;
	/* Structs: the members; a word is labelled NAME.MEMBER for each
	   member it overlaps.  */
	const struct fs_anat_part *parts;
	size_t		 nparts;
	/* The value as the front end shows it ("7", "{x = 1, y = 2}"), or
	   NULL.  Only whole objects of at most 8 bytes show it.  */
	const char	*value;
	/* A pointer: what it points to ("values::Point {x: 3, y: -4}"), or
	   NULL.  */
	const char	*points_to;
	/* A variable of a block the pc is not in: its home, which the
	   slot map names "NAME (out of scope)", with no value.  */
	bool		 out_of_scope;
	/* A parameter: the register the ABI passes it in ("rdi"), and that
	   register's value now in its type ("1"); NULL when not known.  The
	   slot map says "not stored yet: in rdi = 1" while the function has
	   not yet run the store that puts it in its home.  */
	const char	*entry_reg;
	const char	*entry_regval;
};

/* The index of a frame not made yet that a provider is asked about:
   the function a direct call just ahead in the innermost frame's code is
   about to enter, F->pc its entry, F->cfa the stack pointer at that call
   (F->sp a word below it).  Only its parameters at or above the cfa are
   wanted: the stack arguments the caller has pushed or stored, drawn as
   "outgoing NAME of FUNCTION" in the innermost frame.  */
#define FS_ANAT_CALLEE	0xffffffffu

/* Fill *OBJS with the objects of frame F (index F->index) of the current
   stop of S.  The array and its strings are the provider's and must stay
   valid until the provider is called again or fs_anatomy_compute
   returns.  Return 0 (*N may be 0) or -1: the frame is then drawn without
   variables.  */
typedef int fs_anat_provider(void *arg, struct fs_session *s,
    const struct fs_frame *f, const struct fs_anat_obj **objs, size_t *n);

/* --- The map --- */

enum fs_slot_kind {
	FS_SLOT_UNKNOWN,
	FS_SLOT_RETADDR,	/* the return address into the caller */
	FS_SLOT_SAVED_RBP,	/* the caller's rbp, saved */
	FS_SLOT_SAVED_REG,	/* another callee-saved register */
	FS_SLOT_PARAM,
	FS_SLOT_LOCAL,
	FS_SLOT_OUTARG,		/* a stack argument of the frame below */
	FS_SLOT_PADDING,	/* nothing in it: the function's code never
				   uses it, no variable is there */
	FS_SLOT_CANARY,		/* holds the stack-protector guard */
	FS_SLOT_REDZONE,	/* below rsp, nothing known in it */
	FS_SLOT_TEMP,		/* no variable, but the function's code
				   uses it: a compiler temporary */
};

enum fs_change {
	FS_CHANGE_NO,
	FS_CHANGE_YES,
	FS_CHANGE_UNKNOWN,	/* not seen at the previous stop */
};

struct fs_slot {
	uint64_t	 addr;
	unsigned	 size;		/* the word: 8, or 4 on i386 */
	uint64_t	 value;		/* little-endian word */
	bool		 readable;	/* VALUE was read */
	int64_t		 cfa_off;	/* addr - cfa */
	bool		 has_rbp_off;	/* the frame uses rbp as frame
					   pointer */
	int64_t		 rbp_off;	/* addr - rbp */
	enum fs_slot_kind kind;
	/* Every object overlapping the word, each "NAME", "NAME.MEMBER",
	   "NAME[i]" or "NAME[i..j]"; for an outgoing argument "NAME of
	   FUNCTION".  VALUES[i] is the value of LABELS[i] when the word holds
	   all of it ("2.5"; a parameter its prologue has not stored yet,
	   "0 (not stored yet: in rdi = 1)"), else NULL.  A slot made
	   elsewhere (a test's) may have no VALUES: OBJVALUE is then the
	   value of all its labels.  */
	char		**labels;
	char		**values;
	size_t		 nlabels;
	/* VALUES[0] when the word holds one object only; NULL otherwise.  */
	const char	*objvalue;
	/* The word is a pointer whose object (or part) says what it points
	   to: the first elements or the value there ("[1, 2, 3]"); NULL
	   otherwise.  */
	const char	*points_to;
	unsigned	 reg;		/* FS_SLOT_SAVED_REG: FS_UREG_* */
	const char	*regname;	/* FS_SLOT_SAVED_REG: its name */
	/* How the calling convention put the word there, where the ABI
	   lets each function choose one (i386): "ret $0xc pops 12 bytes",
	   "passed in ecx", "hidden struct-return pointer"; or what a
	   realigning prologue left ("copy of the return address: the stack
	   realigned"); empty otherwise.  */
	char		 conv[64];
	/* FS_SLOT_RETADDR: where VALUE returns to (LOOKUP value - 1 for
	   the line, as for a caller frame).  */
	struct fs_where	 target;
	/* FS_SLOT_RETADDR: VALUE is the return into the dummy frame of a
	   function called from framescope, not code.  */
	bool		 to_dummy;
	enum fs_change	 changed;
	/* The stop came from a single step and the word changed: the
	   instruction stepped.  */
	bool		 has_writer;
	uint64_t	 writer_pc;
	char		 writer_insn[200];	/* "movq %rdi, -8(%rbp)" */
	const char	*writer_file;		/* NULL: no line */
	unsigned	 writer_line;
	/* A control slot (return address, saved register, canary) whose
	   word is no longer what its frame stored there (fs_guard's
	   ledger): WAS is that, WAS_TARGET where a return address WAS
	   returned to, BY the store that overwrote it when known.  */
	bool		 overwritten;
	uint64_t	 was;
	struct fs_where	 was_target;
	bool		 has_by;
	struct fs_writer by;
	/* What left the word there, when the word still holds what a frame
	   now gone put there (below the live frames, or in a frame that
	   came after it): "stale: arg1 of callee, returned at stop 42"
	   (its `ret` the step to stop 42), "... returned before stop 42"
	   (found gone there, the return unseen); else empty.  */
	char		 note[192];
};

struct fs_frame_anatomy {
	unsigned	 index;
	const struct fs_frame *frame;	/* the session's, as borrowed */
	uint64_t	 sp, cfa, rbp;	/* rbp as the frame sees it */
	bool		 uses_fp;	/* rbp == cfa - 16: rbp_off known */
	bool		 prologue;	/* caught before its frame is set up */
	bool		 epilogue;	/* caught taking it down */
	bool		 redzone;	/* frame 0 only: the red zone shown */
	uint64_t	 lo, hi;	/* the slots cover [lo, hi) */
	unsigned	 word;		/* bytes of a slot: the
					   architecture's word, 8 or 4 */
	const struct fs_arch *arch;	/* the process's (NULL: x86-64) */
	bool		 truncated;	/* a frame over FS_ANATOMY_MAXSLOTS
					   words: only those under its cfa */
	/* Where every argument travels on the stack by default (i386),
	   the calling convention the function's code shows: "cdecl",
	   "stdcall", "fastcall", "regparm(3)", with ", struct return"
	   when it returns a struct through the hidden pointer; empty on
	   x86-64.  */
	char		 convention[40];
	struct fs_slot	*slots;		/* by ascending address */
	size_t		 nslots;
	/* The map's number for what the snapshot shows of this frame (the
	   fields above but FRAME, and every field of every slot): the same
	   as the frame at the same index of the map computed before when
	   all of it is the same to the byte, else one no map had before; 0
	   in a map made elsewhere.  A writer may keep the text it made of a
	   frame under its number.  */
	unsigned long	 ident;
};

#define FS_ANATOMY_MAXSLOTS	8192

struct fs_anatomy;

int	fs_anatomy_new(struct fs_anatomy **out, struct fs_err *e);
void	fs_anatomy_free(struct fs_anatomy *a);
/* PROV NULL: no variables.  */
void	fs_anatomy_set_provider(struct fs_anatomy *a, fs_anat_provider *prov,
	    void *arg);

/* Whether a caller's frame whose map is made of what it was made of in
   the map before takes that map's slots (on by default); off, every
   frame is made anew, to compare.  The maps are the same either way.  */
void	fs_anatomy_set_incremental(struct fs_anatomy *a, bool on);
/* Forget what the stops before left: the maps kept and the words of
   frames gone (their stale notes).  For a new history, as an export of
   a recording from its start is.  */
void	fs_anatomy_forget(struct fs_anatomy *a);

/* The map of the current stop of S, for its first MAX frames (0: all).
   Frames whose cfa is unknown (the outermost) have no slots.  *OUT is
   borrowed until the next call.  Computing it for a stop once more is
   cheap; the previous stop is the one before S's current stop, or, when
   the session no longer holds its stack bytes, the last map computed if
   that was of the previous stop.  */
int	fs_anatomy_compute(struct fs_anatomy *a, struct fs_session *s,
	    size_t max, const struct fs_frame_anatomy **out, size_t *n,
	    struct fs_err *e);

/* The word of the maps FA[0..N) that holds the byte at ADDR, or NULL;
   *FRAME, when not NULL, is set to the index in FA of its map.  */
const struct fs_slot *fs_anatomy_slot_at(const struct fs_frame_anatomy *fa,
	    size_t n, uint64_t addr, size_t *frame);

/* The kind as the snapshot spells it: "return-address", "saved-fp",
   "saved-register", "param", "local", "outgoing-arg", "padding",
   "canary", "red-zone", "temporary", "unknown".  */
const char *fs_slot_kind_name(enum fs_slot_kind k);

/* What word SL holds, in words, into BUF: "return address ARROW
   main+67 (callee8.c:10)", "saved rbp", "canary", "red zone", and for a
   variable its labels with value and target ("a = 7", "v.ptr = 0x... ->
   [1, 2, 3]"); KIND_WORDS puts "param", "local" or "outgoing" before
   them, as the batch drawing does.  */
void	fs_slot_text(const struct fs_slot *sl, const char *arrow,
	    bool kind_words, char *buf, size_t len);
/* The labels of SL with the value and the target, alone.  */
void	fs_slot_labels(const struct fs_slot *sl, char *buf, size_t len);

#endif
