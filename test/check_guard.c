/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_guard: the control slots marked overwritten in frames, info
   frame and JSON; the guard's stop at the store that smashes a frame (its
   message: line, object, slots) on the smashing samples, and no stop on
   the others; continue and finish without it as gdb does them; info slot;
   and the slot labels of fs_anatomy that the function's code proves. */
#include <sys/wait.h>

#include <ctype.h>
#include <dirent.h>

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_anatomy.h"
#include "fs_arch.h"
#include "fs_fcode.h"
#include "fs_guard.h"
#include "fs_insn.h"
#include "fs_session.h"
#include "fs_unwind.h"
#include "fs_vars.h"

/* framescope --batch CMDS... on sample NAME; its output (malloc'd).  */
static char *
batch(const char *name, const char *const cmds[])
{
	struct util_result r;
	char *prog = util_sample(name), *out;

	util_framescope(&r, NULL, cmds, prog, NULL);
	ck_assert_msg(!r.timed_out, "%s: timed out:\n%s", name, r.out);
	out = r.out;
	r.out = NULL;
	util_result_free(&r);
	free(prog);
	return out;
}

#define HAS(out, needle) ck_assert_msg(strstr((out), (needle)) != NULL, \
	"no \"%s\" in:\n%s", (needle), (out))
#define HASNT(out, needle) ck_assert_msg(strstr((out), (needle)) == NULL, \
	"\"%s\" in:\n%s", (needle), (out))

/* The row of OUT whose offset column is OFF ("rbp-24") says WHAT.  */
static void
row_says(const char *out, const char *off, const char *what)
{
	char key[32];
	const char *p, *end;

	snprintf(key, sizeof key, "| %s ", off);
	p = strstr(out, key);
	ck_assert_msg(p != NULL, "no row %s in:\n%s", off, out);
	end = strchr(p, '\n');
	ck_assert_msg(memmem(p, end ? (size_t)(end - p) : strlen(p), what,
	    strlen(what)) != NULL, "row %s is not \"%s\":\n%s", off, what,
	    out);
}

/* --- The guard's stop --- */

static const struct {
	const char	*sample, *src, *line_of, *msg, *hit;
} smashes[] = {
	{ "overflow-O0", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the saved rbp and "
	    "return address of vuln\n" },
	{ "overflow-sp-O0", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the canary, saved "
	    "rbp and return address of vuln\n" },
	{ "overflow-O2", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the return address "
	    "of vuln and the return address of main\n" },
	{ "overflow-sp-O2", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the canary and "
	    "return address of vuln\n" },
	{ "overflow-O0-nofp", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into " },
	{ "readbuf-O0", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into n, the saved rbp and return "
	    "address of get\n" },
	{ "readbuf-sp-O0", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into the canary, saved rbp and "
	    "return address of get\n" },
	{ "readbuf-O2", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into the return address of get\n" },
	{ "offbyone-O0", "offbyone.c", "arr[i] = i * 10",
	    "Stack smash: mov %%edx, -0x30(%%rbp,%%rax,4) at offbyone.c:%u ",
	    "wrote arr[8] of fill: past arr into n\n" },
	{ "offbyone-O0-nocfi", "offbyone.c", "arr[i] = i * 10",
	    "at offbyone.c:%u wrote arr[8] of fill: ",
	    "past arr into n\n" },
	{ "offbyone-O0-nofp", "offbyone.c", "arr[i] = i * 10",
	    "at offbyone.c:%u wrote arr[8] of fill: ",
	    "past arr into n\n" },
	{ "offbyone-sp-O0", "offbyone.c", "arr[i] = i * 10",
	    "at offbyone.c:%u wrote arr[8] of fill: ",
	    "past the end of arr\n" },
	/* A store straight into the saved rbp, in a function that calls
	   nothing, right after its prologue.  */
	{ "corrupt-O0", "corrupt.c", "fp[0] = (long)fp - 256",
	    "Stack smash: mov %%rdx, (%%rax) at corrupt.c:%u wrote 8 bytes at ",
	    " in smash: into the saved rbp of smash\n" },
	/* The same built -m32: 4-byte slots, the saved ebx of the PIC
	   code, the canary the guard at %gs:0x14.  */
	{ "overflow-m32-O0", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the saved ebx, "
	    "saved ebp and return address of vuln\n" },
	{ "overflow-sp-m32-O0", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the canary, saved "
	    "ebx, saved ebp and return address of vuln\n" },
	{ "overflow-m32-O2", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the saved ebx, "
	    "saved esi and return address of vuln\n" },
	{ "overflow-sp-m32-O2", "overflow.c", "strcpy(buf, s)",
	    "Stack smash: strcpy (called at overflow.c:%u) wrote ",
	    "bytes to buf (8 bytes) in vuln: past buf into the canary, saved "
	    "ebx, saved esi and return address of vuln\n" },
	{ "readbuf-m32-O0", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into n, the saved ebx, saved ebp "
	    "and return address of get\n" },
	{ "readbuf-sp-m32-O0", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into the canary, saved ebx, saved "
	    "ebp and return address of get\n" },
	{ "readbuf-m32-O2", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into the saved ebx and return "
	    "address of get\n" },
	{ "readbuf-sp-m32-O2", "readbuf.c", "read(fd, buf, want)",
	    "Stack smash: read (called at readbuf.c:%u) wrote 48 bytes to buf "
	    "(16 bytes) in get: ", "past buf into the canary, saved ebx and "
	    "return address of get\n" },
	{ "offbyone-m32-O0", "offbyone.c", "arr[i] = i * 10",
	    "Stack smash: mov %%edx, -0x28(%%ebp,%%eax,4) at offbyone.c:%u ",
	    "wrote arr[8] of fill: past arr into n\n" },
	{ "offbyone-sp-m32-O0", "offbyone.c", "arr[i] = i * 10",
	    "at offbyone.c:%u wrote arr[8] of fill: ",
	    "past arr into the canary of fill\n" },
	{ "offbyone-m32-O2", "offbyone.c", "arr[i] = i * 10",
	    "Stack smash: mov %%edx, (%%ecx) at offbyone.c:%u ",
	    "wrote arr[8] of fill: past arr into the saved ebx of fill\n" },
	{ "offbyone-sp-m32-O2", "offbyone.c", "arr[i] = i * 10",
	    "at offbyone.c:%u wrote arr[8] of fill: ",
	    "past arr into the canary of fill\n" },
};

/* `guard` and `run`: the stop, its one line, the frames it leaves.  */
START_TEST(test_guard_stops)
{
	const char *cmds[] = { "guard", "run", "bt 1", "frames -ascii 1",
	    "snapshot -brief", NULL };
	char *out, want[512];
	unsigned line;

	line = util_source_line(smashes[_i].src, smashes[_i].line_of);
	out = batch(smashes[_i].sample, cmds);
	snprintf(want, sizeof want, smashes[_i].msg, line);
	HAS(out, want);
	HAS(out, smashes[_i].hit);
	HAS(out, "\"reason\":\"smash\"");
	/* Once, and before the program died of it.  */
	ck_assert_msg(strstr(strstr(out, "\nStack smash") + 1,
	    "\nStack smash") == NULL, "%s", out);
	HASNT(out, "Program received signal");
	HASNT(out, "exited");
	free(out);
}
END_TEST

/* A program that smashes nothing runs to its end under guard.  */
static const char *const clean[] = {
	"callee8-O0", "callee8-O2", "callee8-O0-nofp", "callee8-O0-nocfi",
	"callee8-nodebug", "calc-O0", "calc-O2", "factorial-O0",
	"factorial-O2", "callkinds-O0", "callkinds-O2", "types-O0",
	"types-O2", "values-O0", "tailcall-O2", "canary-O0", "canary-O2",
	"leftover-O0", "memops-O0",
	/* i386: cdecl, stdcall, fastcall and regparm frames, PIC thunks,
	   a realigned main, the canary at %gs:0x14.  */
	"callee8-m32-O0", "callee8-m32-O2", "calc-m32-O0", "factorial-m32-O2",
	"callkinds-m32-O0", "types-m32-O2", "canary-m32-O0", "canary-m32-O2",
	"add32-m32-O0", "add32-m32-pattern", "callconv32-m32-O0",
	"callconv32-m32-O2", "tailcall-m32-O2",
};

START_TEST(test_guard_quiet)
{
	const char *cmds[] = { "guard", "run", "info guard", NULL };
	char *out = batch(clean[_i], cmds);

	HASNT(out, "Stack smash");
	HAS(out, "exited");
	HAS(out, "Guard is on.");
	free(out);
}
END_TEST

/* The Rust sample: stores through a raw pointer past a stack array.  */
START_TEST(test_guard_rust)
{
	const char *cmds[] = { "guard", "run", NULL };
	const char *prog = _i == 0 ? "rust-overflow-O0" : "rust-overflow-O2";
	char *path = util_sample("."), full[PATH_MAX], *out, want[128];

	snprintf(full, sizeof full, "%s/%s", path, prog);
	free(path);
	if (access(full, X_OK) != 0)
		return;		/* no rustc */
	out = batch(prog, cmds);
	snprintf(want, sizeof want, " at overflow.rs:%u wrote arr[4",
	    util_source_line("rust/overflow.rs", "*p.add(i) = "));
	HAS(out, want);
	HAS(out, "of overflow::fill: past arr into ");
	if (_i == 1)
		HAS(out, "into the return address of overflow::fill");
	free(out);
}
END_TEST

/* next and finish stop there too; step judges every store.  */
START_TEST(test_guard_next_finish)
{
	const char *over[] = { "break 14", "run", "guard", "next", NULL };
	const char *fin[] = { "break fill", "run", "guard", "finish", NULL };
	const char *onentry[] = { "break vuln", "run", "guard", "continue",
	    "info frame", NULL };
	char *out;

	out = batch("overflow-sp-O0", over);
	HAS(out, "Stack smash: strcpy (called at overflow.c:14) wrote ");
	HAS(out, "canary, saved rbp and return address of vuln");
	free(out);
	out = batch("offbyone-O0", fin);
	HAS(out, "wrote arr[8] of fill: past arr into n");
	HASNT(out, "Run till exit");
	free(out);
	/* Turned on where `break vuln' stops at -O0: past the parameters'
	   stores, before the canary's, which is watched once stored.  */
	out = batch("overflow-sp-O0", onentry);
	HAS(out, "canary, saved rbp and return address of vuln");
	HAS(out, "canary at 0x");
	free(out);
}
END_TEST

START_TEST(test_guard_steps)
{
	char line[64];
	const char *cmds[] = { line, "run", "guard", "stepi 200", NULL };
	char *out;

	snprintf(line, sizeof line, "tbreak offbyone.c:%u",
	    util_source_line("offbyone.c", "arr[i] = i * 10"));
	out = batch("offbyone-O0", cmds);
	HAS(out, "Stack smash: mov %edx, -0x30(%rbp,%rax,4) at offbyone.c:");
	HAS(out, "wrote arr[8] of fill: past arr into n");
	free(out);
}
END_TEST

/* next, finish, stepi and a guard turned on at the entry of an i386
   function, whose prologue stores its slots 4 bytes at a time.  */
START_TEST(test_guard_m32)
{
	const char *over[] = { "break 14", "run", "guard", "next", NULL };
	const char *fin[] = { "break fill", "run", "guard", "finish", NULL };
	const char *onentry[] = { "break *vuln", "run", "guard", "continue",
	    "info frame", NULL };
	char line[64];
	const char *steps[] = { line, "run", "guard", "stepi 200", NULL };
	char *out;

	out = batch("overflow-sp-m32-O0", over);
	HAS(out, "Stack smash: strcpy (called at overflow.c:14) wrote ");
	HAS(out, "canary, saved ebx, saved ebp and return address of vuln");
	free(out);
	out = batch("offbyone-m32-O0", fin);
	HAS(out, "wrote arr[8] of fill: past arr into n");
	HASNT(out, "Run till exit");
	free(out);
	out = batch("overflow-sp-m32-O0", onentry);
	HAS(out, "canary, saved ebx, saved ebp and return address of vuln");
	HAS(out, " Overwritten:\n  return address at 0xffff");
	HAS(out, "canary at 0xffff");
	free(out);
	snprintf(line, sizeof line, "tbreak offbyone.c:%u",
	    util_source_line("offbyone.c", "arr[i] = i * 10"));
	out = batch("offbyone-m32-O0", steps);
	HAS(out, "Stack smash: mov %edx, -0x28(%ebp,%eax,4) at offbyone.c:");
	HAS(out, "wrote arr[8] of fill: past arr into n");
	free(out);
}
END_TEST

/* Off, the guard stops nothing, and says so.  */
START_TEST(test_guard_off)
{
	const char *cmds[] = { "guard", "guard off", "run", "info guard",
	    "guard sideways", NULL };
	char *out = batch("offbyone-O0", cmds);

	HASNT(out, "Stack smash");
	HAS(out, "Guard off.");
	HAS(out, "Guard is off.");
	free(out);
	{
		struct util_result r;
		char *prog = util_sample("offbyone-O0");

		util_framescope(&r, NULL, cmds, prog, NULL);
		HAS(r.err, "Usage: guard [on|off]");
		util_result_free(&r);
		free(prog);
	}
}
END_TEST

/* --- Without the guard: the marks, and gdb's behaviour --- */

/* frames before and after the copy of SAMPLE (overflow-sp), and info
   frame: the output (malloc'd), *AFTER where the copy's line starts.
   Before the copy the canary is right and nothing is overwritten.  */
static char *
marks_run(const char *sample, char **after)
{
	const char *cmds[] = { "break 14", "run", "frames -ascii 1", "next",
	    "frames -ascii 1", "info frame", NULL };
	char *out = batch(sample, cmds);

	*after = strstr(out, "\n15\t");
	ck_assert_ptr_nonnull(*after);
	**after = '\0';
	HAS(out, "| canary ");
	HASNT(out, "overwritten");
	**after = '\n';
	return out;
}

/* The overwritten slots in frames and info frame, after the copy.  */
START_TEST(test_overwritten_marks)
{
	char *after, *out = marks_run("overflow-sp-O0", &after);

	HAS(after, "4444444444444444! | return address -> 0x4444444444444444 "
	    "(overwritten; was main+");
	HAS(after, "4343434343434343! | saved rbp (overwritten; was 0x");
	HAS(after, "4242424242424242! | canary (overwritten; was 0x");
	HAS(after, "saved rip = 0x4444444444444444 (overwritten; was 0x");
	HAS(after, " Overwritten:\n  return address at 0x");
	HASNT(after, "padding (");
	free(out);
}
END_TEST

/* The same built -m32: 4-byte words, i386's names, the saved ebp of a
   caller that realigned its stack (main) known to be overwritten.  */
START_TEST(test_overwritten_marks_m32)
{
	char *after, *out = marks_run("overflow-sp-m32-O0", &after);

	HAS(after, "44444444! | return address -> 0x44444444 (overwritten; "
	    "was main+");
	HAS(after, "43434343! | saved ebp (overwritten; was 0xffff");
	HAS(after, "42424242! | canary (overwritten; was 0x");
	HAS(after, "saved eip = 0x44444444 (overwritten; was 0x5655");
	HAS(after, " Overwritten:\n  return address at 0xffff");
	HAS(after, ", saved ebp at 0xffff");
	HASNT(after, "rbp");
	HASNT(after, "0x4444444443434343");
	free(out);
}
END_TEST

/* In JSON: the slots' "corrupted", with the store that did it once the
   guard saw it.  */
START_TEST(test_overwritten_json)
{
	const char *cmds[] = { "guard", "run", "snapshot", NULL };
	json_t *o, *f0, *sl, *c, *by;
	json_error_t je;
	char *out = batch("overflow-sp-O0", cmds), *js;
	size_t i, n = 0;

	ck_assert_ptr_nonnull(js = strstr(out, "{\"stop\""));
	ck_assert_msg((o = json_loads(js, JSON_DISABLE_EOF_CHECK, &je)) !=
	    NULL, "%s", je.text);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o,
	    "smash"), "object")), "buf");
	f0 = json_array_get(json_object_get(o, "frames"), 0);
	sl = json_object_get(f0, "slots");
	for (i = 0; i < json_array_size(sl); i++) {
		const char *kind = json_string_value(json_object_get(
		    json_array_get(sl, i), "kind"));

		if ((c = json_object_get(json_array_get(sl, i), "corrupted")) ==
		    NULL)
			continue;
		n++;
		ck_assert(strcmp(kind, "canary") == 0 || strcmp(kind,
		    "saved-fp") == 0 || strcmp(kind, "return-address") == 0);
		ck_assert(json_is_string(json_object_get(c, "was")));
		by = json_object_get(c, "by");
		ck_assert_ptr_nonnull(by);
		ck_assert_int_eq(json_integer_value(json_object_get(
		    json_object_get(by, "called_at"), "line")),
		    util_source_line("overflow.c", "strcpy(buf, s)"));
	}
	ck_assert_uint_eq(n, 3);
	json_decref(o);
	free(out);
}
END_TEST

/* The same of an i386 program: four control slots (its saved ebx too),
   each with its 32-bit value.  */
START_TEST(test_overwritten_json_m32)
{
	const char *cmds[] = { "guard", "run", "snapshot", NULL };
	json_t *o, *sl, *c, *by;
	json_error_t je;
	char *out = batch("overflow-sp-m32-O0", cmds), *js;
	const char *kind, *was;
	size_t i, n = 0;

	ck_assert_ptr_nonnull(js = strstr(out, "{\"stop\""));
	ck_assert_msg((o = json_loads(js, JSON_DISABLE_EOF_CHECK, &je)) !=
	    NULL, "%s", je.text);
	ck_assert_str_eq(json_string_value(json_object_get(o, "arch")),
	    "i386");
	sl = json_object_get(json_array_get(json_object_get(o, "frames"), 0),
	    "slots");
	for (i = 0; i < json_array_size(sl); i++) {
		if ((c = json_object_get(json_array_get(sl, i), "corrupted")) ==
		    NULL)
			continue;
		n++;
		kind = json_string_value(json_object_get(json_array_get(sl, i),
		    "kind"));
		ck_assert(strcmp(kind, "canary") == 0 || strcmp(kind,
		    "saved-fp") == 0 || strcmp(kind, "saved-register") == 0 ||
		    strcmp(kind, "return-address") == 0);
		ck_assert_ptr_nonnull(was = json_string_value(json_object_get(c,
		    "was")));
		ck_assert_uint_le(strlen(was), 10);
		ck_assert_ptr_nonnull(by = json_object_get(c, "by"));
		ck_assert_int_eq(json_integer_value(json_object_get(
		    json_object_get(by, "called_at"), "line")),
		    util_source_line("overflow.c", "strcpy(buf, s)"));
	}
	ck_assert_uint_eq(n, 4);
	json_decref(o);
	free(out);
}
END_TEST

/* LINE's " from PATH" (a library without symbols) with the file name
   alone: gdb names it as the dynamic loader does (/lib32/libc.so.6),
   framescope by its mapping (/usr/lib32/libc.so.6).  */
static void
from_base(char *line)
{
	char *from = strstr(line, " from /"), *base;

	if (from != NULL && (base = strrchr(from, '/')) != NULL)
		memmove(from + 6, base + 1, strlen(base + 1) + 1);
}

/* CMDS on sample NAME under gdb and framescope: the stop lines the same,
   up to the first frame past the smashed return address (gdb goes on
   from there with frames its heuristics make of the overwritten words;
   framescope stops).  On i386 the ret itself goes through: that frame
   is the stop's (0x43434343 in ?? ()).  */
static void
same_as_gdb_to_smash(const char *name, const char *const cmds[])
{
	struct util_result g, f;
	char **gl, **fl, *prog = util_sample(name);
	size_t gn, fn, i, gall;

	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gl = util_stop_lines(g.out, &gall);
	fl = util_stop_lines(f.out, &fn);
	for (i = 0; i < gall && strstr(gl[i], " in ?? ()") == NULL; i++)
		;
	gn = i < gall ? i + 1 : gall;
	ck_assert_msg(fn >= gn && gn >= 2, "%s: gdb %zu lines, framescope "
	    "%zu:\n--- gdb:\n%s--- framescope:\n%s", name, gn, fn, g.out,
	    f.out);
	for (i = 0; i < gn; i++) {
		from_base(gl[i]);
		from_base(fl[i]);
		ck_assert_msg(strcmp(gl[i], fl[i]) == 0, "%s: line %zu:\n  gdb:"
		    "        %s\n  framescope: %s", name, i + 1, gl[i], fl[i]);
	}
	util_strv_free(gl, gall);
	util_strv_free(fl, fn);
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
}

/* continue and finish without the guard as gdb does them: SIGSEGV at
   the ret (on i386 at the address it returned to, which a 32-bit ret
   takes); __stack_chk_fail and the abort, with their frames.  */
static const char *const unguarded[] = { "overflow-O0", "overflow-sp-O0",
    "overflow-O2", "readbuf-O0", "readbuf-sp-O0", "overflow-m32-O0",
    "overflow-sp-m32-O0", "overflow-m32-O2", "overflow-sp-m32-O2",
    "readbuf-m32-O0", "readbuf-sp-m32-O0" };

START_TEST(test_without_guard_as_gdb)
{
	const char *const *samples = unguarded;
	const char *cont[] = { "run", "bt", NULL };
	const char *fin[] = { "break vuln", "run", "finish", "bt", NULL };
	const char *fin2[] = { "break get", "run", "finish", "bt", NULL };

	if (!util_have_gdb())
		return;
	same_as_gdb_to_smash(samples[_i], cont);
	same_as_gdb_to_smash(samples[_i], strncmp(samples[_i], "readbuf",
	    7) == 0 ? fin2 : fin);
}
END_TEST

/* `break vuln` with the stack protector stops where gdb does: at the
   prologue's second line entry, before the canary's store (the canary
   then "not stored yet"), the same pc and line.  */
START_TEST(test_break_before_canary_as_gdb)
{
	const char *cmds[] = { "break vuln", "run", "info registers rip",
	    NULL };
	const char *fa[] = { "break vuln", "run", "frames -ascii 1", NULL };
	struct util_result g, f;
	char *prog = util_sample("overflow-sp-O0"), *gr, *fr, *out;

	if (!util_have_gdb()) {
		free(prog);
		return;
	}
	util_gdb(&g, NULL, cmds, prog, NULL);
	util_framescope(&f, NULL, cmds, prog, NULL);
	gr = strstr(g.out, "\nrip ");
	fr = strstr(f.out, "\nrip ");
	ck_assert_msg(gr != NULL && fr != NULL, "gdb:\n%s\nframescope:\n%s",
	    g.out, f.out);
	ck_assert_msg(strncmp(gr, fr, strcspn(gr + 1, "\n") + 1) == 0,
	    "gdb:\n%s\nframescope:\n%s", g.out, f.out);
	HAS(f.out, "at overflow.c:12\n");
	HAS(g.out, "at overflow.c:12\n");
	util_result_free(&g);
	util_result_free(&f);
	free(prog);
	out = batch("overflow-sp-O0", fa);
	row_says(out, "rbp-8", "| canary (not stored yet)");
	free(out);
}
END_TEST

/* --- Who wrote a word --- */

START_TEST(test_info_slot)
{
	const char *guarded[] = { "guard", "run", "info slot $rbp+8",
	    "info slot buf", NULL };
	const char *stepped[] = { "break *vuln", "run", "stepi",
	    "info slot $rsp", "info slot $rsp+16", "info slot nothing", NULL };
	const char *recorded[] = { "break *callee", "run", "record",
	    "stepi 4", "info slot $rbp", "info slot $rbp-8",
	    "reverse-stepi 4", "info slot $rsp-16", "info slot $rsp-24",
	    "info slot $rsp+8", NULL };
	char *out, *after;

	out = batch("overflow-sp-O0", guarded);
	HAS(out, "return address -> 0x4444444444444444 (overwritten; was "
	    "main+");
	HAS(out, "Value 0x4444444444444444\n");
	HAS(out, ", called at overflow.c:14, in frame #0, at stop ");
	HAS(out, "local buf[0..7]\nValue 0x4141414141414141\nLast written by ");
	free(out);
	out = batch("overflow-sp-O0", stepped);
	/* The push of the prologue, seen by the single step.  */
	HAS(out, "Last written by push   %rbp in vuln (overflow.c:");
	/* The caller's words: written while it ran.  */
	HAS(out, "Last written: unknown (written while running)");
	free(out);
	/* From a recording: the instruction of its log, numbered as gdb
	   numbers them (the push is the first, the store of arg1 the
	   third); gone back before the store, not it; the caller's words,
	   written before the log, unknown.  */
	out = batch("callee8-O0", recorded);
	after = strstr(out, "\nSlot ");
	ck_assert_ptr_nonnull(after);
	HAS(after, "): saved rbp\nValue 0x");
	HAS(after, "Last written by push   %rbp in callee (callee8.c:3), in "
	    "frame #0, at step 1\n");
	HAS(after, "): param arg1 = 1\nValue 0x0000000000000001\nLast "
	    "written by mov    %rdi,-0x8(%rbp) in callee (callee8.c:3), in "
	    "frame #0, at step 3\n");
	after = strstr(after, "\nNo more reverse-execution history");
	ck_assert_ptr_nonnull(after);
	HAS(after, "): param arg1 = 0 (not stored yet: in rdi = 1)\nValue "
	    "0x0000000000000000\nLast written: unknown (written while "
	    "running)\n");
	HAS(after, "): outgoing arg7 of callee = 7\nValue 0x0000000000000007\n"
	    "Last written: unknown (written while running)\n");
	HASNT(after, "Last written by");
	free(out);
}
END_TEST

/* info slot on an i386 program: 4-byte words, ebp's offsets, the push
   of its prologue seen by a single step.  */
START_TEST(test_info_slot_m32)
{
	const char *guarded[] = { "guard", "run", "info slot $ebp+4",
	    "info slot buf", NULL };
	const char *stepped[] = { "break *vuln", "run", "stepi",
	    "info slot $esp", "info slot $esp+8", NULL };
	const char *recorded[] = { "break vuln", "run", "record", "guard",
	    "continue", "info slot $ebp+4", NULL };
	char *out, *p, *end;

	out = batch("overflow-sp-m32-O0", guarded);
	HAS(out, "(ebp+4 of frame #0 vuln): return address -> 0x44444444 "
	    "(overwritten; was main+");
	HAS(out, "Value 0x44444444\n");
	HAS(out, ", called at overflow.c:14, in frame #0, at stop ");
	HAS(out, "local buf[0..3]\nValue 0x41414141\nLast written by ");
	free(out);
	out = batch("overflow-sp-m32-O0", stepped);
	HAS(out, "Last written by push   %ebp in vuln (overflow.c:");
	HAS(out, "Last written: unknown (written while running)");
	free(out);
	/* From a recording: the instruction that wrote that 4-byte word,
	   in 32-bit code.  */
	out = batch("overflow-sp-m32-O0", recorded);
	ck_assert_ptr_nonnull(p = strstr(out, "\nLast written by "));
	ck_assert_ptr_nonnull(end = strchr(p + 1, '\n'));
	*end = '\0';
	ck_assert_msg(strstr(p, "%r") == NULL && strstr(p, "%e") != NULL &&
	    strstr(p, ", at step ") != NULL, "%s", p);
	free(out);
}
END_TEST

/* The writer of a word from a recording: found where it ran, the frame
   it ran in (numbered as now, or gone) and, for a library function's
   store (strcpy's, the kernel's write of read), the program's line that
   called it, which the sources say.  */
START_TEST(test_info_slot_recorded)
{
	const char *ovf[] = { "break vuln", "run", "record", "next",
	    "info slot buf", "info slot $rbp+8", NULL };
	const char *rdb[] = { "break get", "run", "record", "next",
	    "info slot buf", NULL };
	const char *c8[] = { "break main", "run", "record", "break *callee",
	    "continue", "info slot $rsp+16", "finish", "info slot $rsp-16",
	    NULL };
	char *out, want[128];

	out = batch("overflow-O0", ovf);
	snprintf(want, sizeof want, ", called at overflow.c:%u, in frame #0, "
	    "at step ", util_source_line("overflow.c", "strcpy(buf, s)"));
	HAS(out, want);
	HAS(strstr(out, want) + 1, want);	/* buf and the return address */
	free(out);
	out = batch("readbuf-O0", rdb);
	snprintf(want, sizeof want, "Last written by syscall in ");
	HAS(out, want);
	snprintf(want, sizeof want, ", called at readbuf.c:%u, in frame #0, "
	    "at step ", util_source_line("readbuf.c", "read(fd, buf, want)"));
	HAS(out, want);
	free(out);
	/* main's outgoing argument seen from callee: main is frame #1;
	   callee's saved rbp once it returned: a frame gone.  */
	out = batch("callee8-O0", c8);
	HAS(out, "): outgoing arg8 of callee = 8\nValue 0x0000000000000008\n"
	    "Last written by push   -0x10(%rbp) in main (callee8.c:10), in "
	    "frame #1, at step ");
	HAS(out, "Last written by push   %rbp in callee (callee8.c:3), in a "
	    "frame since returned, at step ");
	free(out);
}
END_TEST

/* --- Labels proven by the code --- */

/* Words the function's code writes in ways its fixed offsets do not
   show are temporaries, not padding: a struct copied through a copy of
   rsp, a long double
   stored at (%rsp) after `lea -16(%rsp),%rsp`, the elements of a
   variable-length array before its address is stored.  */
START_TEST(test_labels_temporaries)
{
	static const struct {
		const char	*sample, *at, *off;
	} t[] = {
		{ "callkinds-O0", "break *main+207", "rbp-200" },
		{ "floats-O0", "break *main+230", "rbp-56" },
		{ "types-O0", "break *vla_sum+98", "rbp-72" },
		{ "types-O0", "break *vla_sum+98", "rbp-80" },
	};
	const char *cmds[] = { t[_i].at, "run", "frames -ascii 1", NULL };
	char *out;

	out = batch(t[_i].sample, cmds);
	row_says(out, t[_i].off, "| temporary ");
	free(out);
}
END_TEST

/* Before a call, at every instruction from the first push of its stack
   arguments to the call: each one pushed or stored is the callee's
   argument with its value, the others still what they were.  */
static const struct {
	const char	*sample, *from;
	unsigned	 steps;
	/* The rows, one stop after another: at stop I, ROW[j] has WHAT[j]
	   from stop FROM[j] on, and not before (OFF NULL: no row).  NEVER
	   is at no stop: an argument passed in a register.  */
	struct {
		const char	*off, *what;
		unsigned	 from;
	} row[3];
	const char	*never;
} next_calls[] = {
	/* push -0x10(%rbp); push -0x8(%rbp); six movs; call callee.  */
	{ "callee8-O0", "break *main+24", 8, {
	    { "rbp-24", "| outgoing arg8 of callee = 8 ", 1 },
	    { "rbp-32", "| outgoing arg7 of callee = 7 ", 2 } }, NULL },
	/* i386 cdecl: push -0x10(%ebp); push -0xc(%ebp); call Add.  */
	{ "add32-m32-O0", "break *main+50", 2, {
	    { "cfa-52", "| outgoing right of Add = 5 ", 1 },
	    { "cfa-56", "| outgoing left of Add = 3 ", 2 } }, NULL },
	/* stdcall (the callee pops them): push $6; push $5; push $4; call
	   stdcall_sum.  */
	{ "callconv32-m32-O0", "break *main+53", 3, {
	    { "cfa-52", "| outgoing c of stdcall_sum = 6 ", 1 },
	    { "cfa-56", "| outgoing b of stdcall_sum = 5 ", 2 },
	    { "cfa-60", "| outgoing a of stdcall_sum = 4 ", 3 } }, NULL },
	/* fastcall: push $9; mov $8,%edx; mov $7,%ecx; call fastcall_sum:
	   a and b in registers, not on the stack.  */
	{ "callconv32-m32-O0", "break *main+67", 3, {
	    { "cfa-52", "| outgoing c of fastcall_sum = 9 ", 1 } },
	    "outgoing a of fastcall_sum" },
	/* regparm(3): push $13; eax, edx, ecx set; call regparm_sum.  */
	{ "callconv32-m32-O0", "break *main+87", 4, {
	    { "cfa-52", "| outgoing d of regparm_sum = 13 ", 1 } },
	    "outgoing a of regparm_sum" },
};

START_TEST(test_labels_next_call)
{
	struct util_argv a = { 0 };
	char *out, *p, *q;
	unsigned i, j;

	util_argv_push(&a, next_calls[_i].from);
	util_argv_push(&a, "run");
	for (i = 0; i <= next_calls[_i].steps; i++) {
		if (i > 0)
			util_argv_push(&a, "stepi");
		util_argv_push(&a, "echo ==stop==\\n");
		util_argv_push(&a, "frames -ascii 1");
	}
	out = batch(next_calls[_i].sample, (const char *const *)a.v);
	p = strstr(out, "==stop==");
	for (i = 0; i <= next_calls[_i].steps; i++) {
		ck_assert_msg(p != NULL, "stop %u missing:\n%s", i, out);
		q = strstr(p + 1, "==stop==");
		if (q != NULL)
			*q = '\0';
		if (next_calls[_i].never != NULL)
			ck_assert_msg(strstr(p, next_calls[_i].never) == NULL,
			    "stop %u: %s:\n%s", i, next_calls[_i].never, p);
		for (j = 0; j < 3 && next_calls[_i].row[j].off != NULL; j++) {
			if (i >= next_calls[_i].row[j].from)
				row_says(p, next_calls[_i].row[j].off,
				    next_calls[_i].row[j].what);
			else
				ck_assert_msg(strstr(p, next_calls[_i].row[j].
				    what + 2) == NULL, "stop %u: %s too soon:"
				    "\n%s", i, next_calls[_i].row[j].what, p);
		}
		if (q != NULL)
			*q = '=';
		p = q;
	}
	free(out);
	util_argv_free(&a);
}
END_TEST

/* At the first instruction of an i386 function, before its prologue
   sets ebp, its convention is the one its code shows (the stores of ecx
   and edx through ebp, what its ret pops), as later in its body.  */
START_TEST(test_labels_convention_entry)
{
	static const struct {
		const char	*at, *title;
	} t[] = {
		{ "break *stdcall_sum", "#0 stdcall_sum (callconv32.c:17) "
		    "[stdcall] [prologue]" },
		{ "break *fastcall_sum", "#0 fastcall_sum (callconv32.c:23) "
		    "[fastcall] [prologue]" },
		{ "break *regparm_sum", "#0 regparm_sum (callconv32.c:29) "
		    "[regparm(3)] [prologue]" },
		{ "break *cdecl_sum", "#0 cdecl_sum (callconv32.c:11) "
		    "[cdecl] [prologue]" },
	};
	const char *cmds[] = { t[_i].at, "run", "frames -ascii 1", NULL };
	char *out;

	out = batch("callconv32-m32-O0", cmds);
	HAS(out, t[_i].title);
	free(out);
}
END_TEST

/* i386's main realigns its stack (`and $-16,%esp`): where its code
   writes after that depends on the CFA of the call, the gap between its
   return address and the realigned words is padding, its canary's word
   is known before the store; cdecl passes main's arguments on the stack,
   no register holds them; a register pushed before its CFI says so is
   not padding; esp moved by lea or by a register is followed.  */
START_TEST(test_labels_m32)
{
	static const struct {
		const char	*sample, *at, *off, *what;
	} t[] = {
		{ "add32-m32-O0", "break *main+50", "cfa-8", "| padding " },
		{ "add32-m32-O0", "break *main+50", "cfa-16", "| padding " },
		{ "canary-m32-O0", "break *main+17", "cfa-36",
		    "| canary (not stored yet) " },
		{ "canary-m32-O0", "break *main+17", "cfa-52",
		    " (not stored yet) " },
		{ "canary-m32-O0", "break *greet+4", "ebp-4", "| temporary " },
		/* `lea -0x8(%esp),%esp` moves esp (a double passed on the
		   stack), `sub %eax,%esp` makes room for a variable-length
		   array.  */
		{ "calls-m32-O0", "break *main+22", "cfa-176", "| padding " },
		{ "types-m32-O0", "break *vla_sum+64", "ebp-28",
		    "| temporary " },
	};
	const char *cmds[] = { t[_i].at, "run", "frames -ascii 1", NULL };
	char *out;

	out = batch(t[_i].sample, cmds);
	row_says(out, t[_i].off, t[_i].what);
	HASNT(out, "in rdi");
	free(out);
}
END_TEST

/* At a function's first instruction its register arguments are not in
   their homes yet: the register each note names holds what gdb's `info
   registers` shows at the same stop.  */
START_TEST(test_labels_not_stored_as_gdb)
{
	static const struct {
		const char	*sample, *at;
		unsigned	 nregs;		/* notes expected, at least */
	} t[] = {
		{ "callee8-O0", "break *callee", 6 },
		{ "callkinds-O0", "break *many", 6 },
	};
	const char *cmds[] = { t[_i].at, "run", "frames -ascii 1", NULL };
	const char *gcmds[2 + 16 + 1] = { t[_i].at, "run" };
	struct util_result r;
	char *out, *prog, *p, reg[16][8], *q;
	long long val[16];
	uint64_t g;
	size_t n = 0, i;

	out = batch(t[_i].sample, cmds);
	for (p = out; n < 16 && (p = strstr(p, "(not stored yet: in ")) !=
	    NULL; p++) {
		ck_assert(sscanf(p, "(not stored yet: in %7[a-z0-9] = %lld)",
		    reg[n], &val[n]) == 2);
		n++;
	}
	ck_assert_msg(n >= t[_i].nregs, "%zu notes in:\n%s", n, out);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(q = malloc(16));
		snprintf(q, 16, "p/x $%s", reg[i]);
		gcmds[2 + i] = q;
	}
	gcmds[2 + n] = NULL;
	prog = util_sample(t[_i].sample);
	util_gdb(&r, NULL, gcmds, prog, NULL);
	for (p = r.out, i = 0; i < n; i++) {
		ck_assert_msg((p = strstr(p, "\n$")) != NULL, "gdb:\n%s",
		    r.out);
		ck_assert((p = strstr(p, " = ")) != NULL);
		g = strtoull(p + 3, NULL, 16);
		/* In the parameter's type: an int is the low half.  */
		ck_assert_msg((uint32_t)g == (uint32_t)val[i], "%s: %s = %lld "
		    "says framescope, 0x%" PRIx64 " gdb", t[_i].sample, reg[i],
		    val[i], g);
		free((char *)gcmds[2 + i]);
	}
	util_result_free(&r);
	free(prog);
	free(out);
}
END_TEST

/* Snapshot ST of stop N runs callee's `ret`: its frame 0.  */
static json_t *
stop_runs_ret(json_t *st, unsigned long n)
{
	json_t *f = json_array_get(json_object_get(st, "frames"), 0);

	ck_assert_str_eq(json_string_value(json_object_get(f, "function")),
	    "callee");
	ck_assert_msg(strncmp(json_string_value(json_object_get(st, "insn")),
	    "ret", 3) == 0, "stop %lu runs %s", n,
	    json_string_value(json_object_get(st, "insn")));
	return f;
}

/* "returned at stop N" against a recording: in its export, stop N - 1
   runs callee's `ret` and stop N is the first past it, rsp back at the
   cfa callee had.  */
START_TEST(test_labels_stale_recorded)
{
	char *dir = util_tmpdir(), file[PATH_MAX], cmd[PATH_MAX + 32];
	const char *cmds[] = { "break callee", "run", "record", "frames 1",
	    "break garbage", "continue", cmd, NULL };
	char *out, *js = NULL, *line, *save, *p;
	json_t *o, *stops[256] = { NULL }, *f;
	json_error_t je;
	unsigned long n, first = 0;
	size_t len = 0, nnotes = 0;
	FILE *fp;

	snprintf(file, sizeof file, "%s/rec.jsonl", dir);
	snprintf(cmd, sizeof cmd, "record export --jsonl %s", file);
	out = batch("leftover-O0", cmds);
	ck_assert_ptr_nonnull(fp = fopen(file, "r"));
	ck_assert(getdelim(&js, &len, '\0', fp) > 0);
	fclose(fp);
	for (line = strtok_r(js, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		ck_assert_msg((o = json_loads(line, 0, &je)) != NULL, "%s",
		    je.text);
		n = (unsigned long)json_integer_value(json_object_get(o,
		    "stop"));
		ck_assert(n < 256);
		stops[n] = o;
		for (p = line; (p = strstr(p, "returned at stop ")) != NULL;
		    p++) {
			unsigned long died = strtoul(p + 17, NULL, 10);

			ck_assert_msg(first == 0 || died == first, "stops %lu "
			    "and %lu", first, died);
			first = died;
			nnotes++;
		}
	}
	ck_assert_msg(nnotes >= 6 && first > 0 && first < 256 &&
	    stops[first] != NULL && stops[first - 1] != NULL, "%zu notes, "
	    "stop %lu:\n%s", nnotes, first, out);
	f = stop_runs_ret(stops[first - 1], first - 1);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(
	    stops[first], "regs"), "rsp")), json_string_value(
	    json_object_get(f, "cfa")));
	for (n = 0; n < 256; n++)
		json_decref(stops[n]);
	free(js);
	free(out);
	util_rmtree(dir);
	free(dir);
}
END_TEST

/* "returned at stop N" where single steps saw the return: stop N - 1
   runs callee's `ret`, as the snapshots of every stop show.  */
START_TEST(test_labels_stale_stepped)
{
	struct util_argv a = { 0 };
	json_t *o, *snaps[64] = { NULL };
	json_error_t je;
	char *out, *line, *save, *p;
	unsigned long n, died = 0;
	size_t nnotes = 0, i;

	util_argv_push(&a, "break callee");
	util_argv_push(&a, "run");
	util_argv_push(&a, "frames 1");
	for (i = 0; i < 24; i++) {
		util_argv_push(&a, "stepi");
		util_argv_push(&a, "snapshot");
	}
	out = batch("leftover-O0", (const char *const *)a.v);
	HASNT(out, "returned before stop");
	for (line = strtok_r(out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (line[0] != '{')
			continue;
		ck_assert_msg((o = json_loads(line, 0, &je)) != NULL, "%s",
		    je.text);
		n = (unsigned long)json_integer_value(json_object_get(o,
		    "stop"));
		ck_assert(n < 64 && snaps[n] == NULL);
		snaps[n] = o;
		for (p = line; (p = strstr(p, "returned at stop ")) != NULL;
		    p++) {
			n = strtoul(p + 17, NULL, 10);
			ck_assert_msg(died == 0 || n == died, "stops %lu and "
			    "%lu", died, n);
			died = n;
			nnotes++;
		}
	}
	ck_assert_msg(nnotes >= 6 && died > 0 && died < 64 &&
	    snaps[died - 1] != NULL, "%zu notes, stop %lu", nnotes, died);
	stop_runs_ret(snaps[died - 1], died - 1);
	for (n = 0; n < 64; n++)
		json_decref(snaps[n]);
	free(out);
	util_argv_free(&a);
}
END_TEST

START_TEST(test_labels_values)
{
	const char *entry[] = { "break *callee", "run", "frames -ascii 2",
	    NULL };
	const char *stale[] = { "break callee", "run", "frames 1",
	    "break garbage", "continue", "frames -ascii 1", NULL };
	const char *pattern[] = { "break garbage", "run", "next",
	    "frames -ascii 1", NULL };
	char line[64];
	const char *shared[] = { line, "run", "frames -ascii 1", NULL };
	const char *canary[] = { "break greet", "run", "frames -ascii 1",
	    NULL };
	const char *big[] = { "break sum_big", "run", "frames -ascii 2",
	    NULL };
	const char *inlined[] = { "break sum_big", "run", "frames -ascii 2",
	    NULL };
	char *out;

	/* At the entry: the register arguments are not stored yet.  */
	out = batch("callee8-O0", entry);
	HAS(out, "param arg1 = 0 (not stored yet: in rdi = 1)");
	HAS(out, "param arg6 = 0 (not stored yet: in r9 = 6)");
	HAS(out, "outgoing arg7 of callee = 7");
	free(out);
	/* garbage's x still holds callee's arg1; callee returned during
	   the `continue` to stop 2, unseen: before it, not at it.  */
	out = batch("leftover-O0", stale);
	HAS(out, "local x = 1 (stale: arg1 of callee, returned before stop "
	    "2)");
	HAS(out, "red zone (stale: arg2 of callee, returned before stop 2)");
	HASNT(out, "returned at stop");
	free(out);
	out = batch("leftover-pattern-O0", pattern);
	HAS(out, "local x = uninitialised (pattern fill)");
	free(out);
	/* A word shared by two variables shows both values; the homes of
	   the variables of blocks not entered are theirs, not temporaries;
	   the canary's before the prologue stores it is the canary's.  */
	snprintf(line, sizeof line, "break types.c:%u",
	    util_source_line("types.c", "sink(&head); /* all set */"));
	out = batch("types-O0", shared);
	HAS(out, "local c = BLUE, b = HUGE");
	HAS(out, "local uval = 3000000000, ci = -12");
	HAS(out, "local inner (out of scope)");
	free(out);
	out = batch("canary-O0", canary);
	HAS(out, "canary (not stored yet)");
	free(out);
	/* The elements of an array in a struct, each with its value, also
	   passed by value on the stack.  */
	out = batch("callkinds-O0", big);
	HAS(out, "| local b.a[0] = 1 ");
	HAS(out, "| outgoing b.a[2] of sum_big = 3 ");
	HAS(out, "| outgoing b.name of sum_big ");
	free(out);
	/* Inlined into main at -O2: sum_big's box has no words, its b is
	   in main's frame (where gdb's info scope has it).  */
	out = batch("callkinds-O2", inlined);
	HAS(out, "#0 sum_big (callkinds.c:57)\n                   (an inlined "
	    "call: its words are in the frame it is inlined into, above)");
	HAS(out, "| param b.a[0] = 0, buf[0..7] ");
	free(out);
}
END_TEST

/* The proof of the slot labels, over every function of the program
   that runs: each one's first life single-stepped from its entry to its
   return, every memory access of every instruction (its own and its
   callees') told by fs_insn_mem_access, and the labels of its frame
   checked at every stop in its own code against what the life shows:
   - a word called padding is one nothing writes while the frame lives (a
     vectorised strlen may read past a string into it, as the CPU has it);
   - a temporary is one something uses, or one the function's code uses
     on a path this life does not take (a landing pad);
   - the return address is the word the call pushed, at cfa-8;
   - a saved register holds what the register is again once the function
     has returned (the callee-saved registers restored: truth, not CFI);
   - a canary stored holds the guard at %fs:0x28;
   - a saved word is at the same address all the life long.
   Functions are those of the executable with a line in the sample's own
   source (not glibc's, not Rust's std); a function that runs only inside
   another one's life is proven in a run of its own, with the breakpoints
   of those proven before it gone.  */

#define LIFE_STEPS	200000	/* a life longer than this is cut */
#define LIFE_MAPS	3000	/* slot maps checked in one life, at most */
#define LIFE_WORDS	(FS_ANATOMY_MAXSLOTS + 32)
#define LIFE_FUNCS	256

struct life {
	const char	*sample, *func;
	const struct fs_arch *arch;	/* the process's: x86-64, i386 */
	unsigned	 word;		/* its word: 8, 4 */
	uint64_t	 entry, cfa, ra;
	/* By word, index (cfa - addr) / word - 1.  */
	uint8_t		*used, *written, *pad, *temp;
	uint8_t		*real;		/* written with other than 0xfe */
	uint64_t	*padpc;		/* where it was called padding */
	uint64_t	*wpc;		/* the first instruction writing it */
	uint8_t		*saved;		/* 1 + the FS_UREG_* claimed */
	uint64_t	*savedval;
	uint64_t	 fsp;		/* rsp in its own code, last seen */
	unsigned	 maps;
	/* gdb's word on the function's variables in memory, and where its
	   body starts (the prologue done).  */
	const struct ovar *ovars;
	size_t		 novars;
	uint64_t	 body;
	bool		 stackparams;	/* some above the cfa */
	/* Threads: the calls of its own code are run (the other threads
	   with it, which a join or a lock waits for), not stepped; what
	   they wrote into the frame seen by the bytes they changed.  */
	bool		 over;
	pid_t		 tid;
	/* ... and the frames of the other threads at its stops, of the
	   sample's functions FN[0..NFN) (BODY, gdb's variables ALLVARS by
	   function), mapped by OTHERS.  */
	const uint64_t	*fn, *lfn, *fbody;
	size_t		 nfn;
	const struct itruth *itruth;	/* by function */
	const struct ovar *allvars;
	size_t		 nallvars;
	struct fs_anatomy *others;
	unsigned long	 nothers;	/* frames checked */
	unsigned long	 ninl;		/* words of inlined calls' variables
					   checked */
	unsigned long	 nlive;		/* words of VLAs checked */
	unsigned long	 ntruth;	/* other threads' frames checked
					   against objdump and readelf */
};

/* --- The oracle of the variables' homes: gdb --- */

/* A variable of a function in memory at cfa + OFF, LEN bytes, while the
   pc is in its block [BLO, BHI) and in [LLO, LHI) (0, 0: everywhere),
   as gdb reads the DWARF (run-time addresses).  */
struct ovar {
	size_t		 fn;		/* the function's index */
	bool		 param;
	bool		 inl;		/* of a call inlined into it */
	bool		 spbase;	/* OFF from rsp (Rust's frame base),
					   not from the CFA */
	bool		 twice;		/* its name is another's of a block
					   around it too: its home unknown */
	bool		 nomem;		/* in pieces, none in memory: no
					   word is its home */
	bool		 live;		/* a VLA's, as gdb found it running */
	char		 name[64];
	uint64_t	 blo, bhi, llo, lhi;
	int64_t		 off;
	uint64_t	 len;
};

/* For each function (NAME, ENTRY), by its index I in the list (a name
   may be shared: the copies of a Rust generic are all `largest`): "F I
   ENTRY BODY END", the address `break NAME` takes in it and the end of
   its block; then "V I p|l VAR BLO BHI LLO LHI OFF LEN" for each
   variable of a block of its own whose home is DW_OP_fbreg (the frame
   base the CFA, as gcc has it), from `info scope` at the block's start,
   each range of a location list on its own, BLO BHI each run of
   addresses in the block; "pi" and "li" for those of a call inlined
   into it (the frame base its function's); "ps", "ls", "pis", "lis" for
   those whose frame base is rsp (Rust's), or whose home is rsp plus an
   offset (DW_OP_breg7, -O2), OFF from it.  A variable in
   pieces has such a line for each piece in the frame (OFF, LEN the
   piece's), or, when none is in memory (registers, constants, values
   computed), "V I n VAR BLO BHI LLO LHI 0 0": no word is its home.
   "V I a VAR BLO BHI 0x0 0x0 0 0" for a variable whose home gdb does
   not tell: its name `info scope` also gives to another of a block
   around it (which of the two its line is, it does not say), or none
   (the block's start is inside a call inlined into it, where `info
   scope` stops), or a DWARF expression other than those (another
   register plus an offset, a VLA's pointer), in one of its ranges at
   least.  A VLA's home and size are known
   only when it runs: the function's first call is stepped by gdb, and
   at each instruction of the VLA's block where `&VAR` and `sizeof(VAR)`
   put it between rsp and the CFA, "V I lv VAR PC PC+1 0x0 0x0 OFF LEN",
   OFF from the CFA (rsp at the entry plus a word).  The sample's
   arguments ARGS are the proof's.  */
static const char oracle_py[] =
"import gdb, re\n"
"fbre = r'\\s*a complex DWARF expression:\\s*0: DW_OP_fbreg (-?\\d+)\\s*'\n"
"spre = r'\\s*an? (?:variable|argument) at frame base reg \\$[re]sp offset 0\\+(-?\\d+)\\s*'\n"
"brre = r'\\s*a complex DWARF expression:\\s*0: DW_OP_breg\\d+ (-?\\d+) \\[\\$[re]sp\\]\\s*'\n"
"def fs_mem(x):\n"
"  return 'DW_OP_stack_value' not in x and re.search(\n"
"      r'DW_OP_f?breg|DW_OP_addr|DW_OP_deref', x) is not None\n"
"def fs_home(x):\n"
"  mm = re.fullmatch(fbre, x)\n"
"  if mm: return mm, ''\n"
"  return re.fullmatch(spre, x) or re.fullmatch(brre, x), 's'\n"
"def fs_pieces(x):\n"
"  out = []\n"
"  for it in re.split(r',\\s+and\\s+', x):\n"
"    m = re.fullmatch(r'\\s*an empty (\\d+)-byte piece\\s*', it)\n"
"    if m:\n"
"      out.append((None, int(m.group(1))))\n"
"      continue\n"
"    m = re.fullmatch(r'(.*)\\[(\\d+)-byte piece\\]\\s*', it, re.S)\n"
"    if not m: return None\n"
"    out.append((m.group(1), int(m.group(2))))\n"
"  return out\n"
"def fs_live(fi, entry, vlas, args, out):\n"
"  try:\n"
"    f0 = int(gdb.parse_and_eval('(long)&_start'))\n"
"    gdb.execute('starti ' + args, to_string=True)\n"
"    bias = int(gdb.parse_and_eval('(long)&_start')) - f0\n"
"    gdb.execute('break *0x%x' % (entry + bias), to_string=True)\n"
"    gdb.execute('continue', to_string=True)\n"
"    gdb.execute('delete', to_string=True)\n"
"    if int(gdb.parse_and_eval('$pc')) != entry + bias: raise gdb.error('')\n"
"    cfa = int(gdb.parse_and_eval('$sp + sizeof(void *)'))\n"
"    seen = set()\n"
"    for n in range(4000):\n"
"      gdb.execute('nexti', to_string=True)\n"
"      if int(gdb.parse_and_eval('$sp')) >= cfa: break\n"
"      pc, sp = int(gdb.parse_and_eval('$pc')) - bias, int(gdb.parse_and_eval('$sp'))\n"
"      for v, blo, bhi in vlas:\n"
"        if not blo <= pc < bhi or (v, pc) in seen: continue\n"
"        seen.add((v, pc))\n"
"        try:\n"
"          a = int(gdb.parse_and_eval('(unsigned long)&%s' % v))\n"
"          z = int(gdb.parse_and_eval('sizeof(%s)' % v))\n"
"        except gdb.error: continue\n"
"        if a < sp or a + z > cfa: continue\n"
"        out.append('V %d lv %s 0x%x 0x%x 0x0 0x0 %d %d' % (fi, v, pc,\n"
"            pc + 1, a - cfa, z))\n"
"  except gdb.error: pass\n"
"  try: gdb.execute('kill', to_string=True)\n"
"  except gdb.error: pass\n"
"def fs_oracle(names, args):\n"
"  for fi, (name, entry) in enumerate(names):\n"
"    fb = gdb.block_for_pc(entry)\n"
"    if fb is None or fb.function is None: continue\n"
"    body = None\n"
"    for n in (name, fb.function.name):\n"
"      try: gdb.execute('break ' + n, to_string=True)\n"
"      except gdb.error: continue\n"
"      t = gdb.execute('info breakpoints', to_string=True)\n"
"      gdb.execute('delete', to_string=True)\n"
"      at = [int(a, 16) for a in re.findall(r'\\b0x[0-9a-f]+', t)\n"
"          if fb.start <= int(a, 16) < fb.end]\n"
"      if at:\n"
"        body = at[0]\n"
"        break\n"
"    out = ['F %d 0x%x 0x%x 0x%x' % (fi, entry,\n"
"        body if body is not None else entry, fb.end)]\n"
"    runs = {}\n"
"    for pc in range(fb.start, fb.end):\n"
"      b, chain = gdb.block_for_pc(pc), []\n"
"      while b is not None and (b.start, b.end) != (fb.start, fb.end):\n"
"        chain.append(b)\n"
"        b = b.superblock\n"
"      if b is None: continue\n"
"      chain.append(fb)\n"
"      last = max([i for i, c in enumerate(chain[:-1])\n"
"          if c.function is not None] + [-1])\n"
"      for i, c in enumerate(chain):\n"
"        key = (c.start, c.end, len(chain) - i)\n"
"        runs.setdefault(key, (c, [], 'i' if i <= last else ''))[1].append(pc)\n"
"    todo = []\n"
"    for key, (b, pcs, tag) in sorted(runs.items()):\n"
"      iv = []\n"
"      for pc in pcs:\n"
"        if iv and iv[-1][1] == pc: iv[-1][1] = pc + 1\n"
"        else: iv.append([pc, pc + 1])\n"
"      todo.append((b, iv, tag))\n"
"    vlas = []\n"
"    for b, iv, tag in todo:\n"
"      try: t = gdb.execute('info scope *0x%x' % b.start, to_string=True)\n"
"      except gdb.error: continue\n"
"      ents = re.split(r'^Symbol (\\S+) is ', t, flags=re.M)\n"
"      found, twice = {}, set()\n"
"      for i in range(1, len(ents) - 1, 2):\n"
"        if ents[i] in found: twice.add(ents[i])\n"
"        found.setdefault(ents[i], ents[i + 1])\n"
"      for s in b:\n"
"        if not (s.is_argument or s.is_variable): continue\n"
"        if s.name in twice or s.name not in found:\n"
"          for blo, bhi in iv: out.append('V %d a %s 0x%x 0x%x 0x0 0x0 0 0' % (\n"
"              fi, s.name, blo, bhi))\n"
"          continue\n"
"        t = found[s.name]\n"
"        ln = re.search(r', length (\\d+)\\.', t)\n"
"        if ln is None: continue\n"
"        t = re.sub(r'Base address 0x[0-9a-f]+', '', t[:ln.start()])\n"
"        k = ('p' if s.is_argument else 'l') + tag\n"
"        r = [('0x0', '0x0', t)]\n"
"        if t.startswith('multi-location:'):\n"
"          p = re.split(r'Range (0x[0-9a-f]+)-(0x[0-9a-f]+): ', t)\n"
"          r = [(p[j], p[j + 1], p[j + 2]) for j in range(1, len(p) - 2, 3)]\n"
"        told, unk = False, False\n"
"        for lo, hi, x in r:\n"
"          mm, sp = fs_home(x)\n"
"          if mm:\n"
"            told |= ln.group(1) != '0'\n"
"            for blo, bhi in iv: out.append('V %d %s %s 0x%x 0x%x %s %s %s %s' % (\n"
"                fi, k + sp, s.name, blo, bhi, lo, hi, mm.group(1),\n"
"                ln.group(1)))\n"
"            continue\n"
"          pc = fs_pieces(x)\n"
"          if pc is None:\n"
"            unk |= fs_mem(x)\n"
"            continue\n"
"          ok, mem = True, False\n"
"          for d, z in pc:\n"
"            mm, sp = fs_home(d or '')\n"
"            if mm:\n"
"              mem = True\n"
"              for blo, bhi in iv: out.append('V %d %s %s 0x%x 0x%x %s %s %s %d' % (\n"
"                  fi, k + sp, s.name, blo, bhi, lo, hi, mm.group(1), z))\n"
"            elif fs_mem(d or ''):\n"
"              ok, unk = False, True\n"
"          told |= mem\n"
"          if ok and not mem:\n"
"            told = True\n"
"            for blo, bhi in iv: out.append('V %d n %s 0x%x 0x%x %s %s 0 0' % (\n"
"                fi, s.name, blo, bhi, lo, hi))\n"
"        if (not told or unk) and 'DW_OP' in t:\n"
"          for blo, bhi in iv: out.append('V %d a %s 0x%x 0x%x 0x0 0x0 0 0' % (\n"
"              fi, s.name, blo, bhi))\n"
"        if ln.group(1) == '0' and 'DW_OP' in t and s.name not in twice:\n"
"          vlas += [(s.name, blo, bhi) for blo, bhi in iv]\n"
"    if vlas: fs_live(fi, entry, vlas, args, out)\n"
"    print('\\n'.join(out))\n";

/* The homes of the variables of the functions FNAME[0..NFN) (at FN, run
   time; at LFN in the file) of sample PATH, as gdb says; BODY[i] where
   function i's body starts.  Returns the number of variables in *OUT
   (malloc'd).  */
static size_t
oracle_vars(const char *path, const char *args, char *const fname[],
    const uint64_t fn[], const uint64_t lfn[], size_t nfn, uint64_t body[],
    struct ovar **out)
{
	struct util_result r;
	struct ovar *v = NULL, o;
	char *cmd, *line, *save, kind[4];
	const char *cmds[3];
	size_t i, n = 0, len = 0;
	uint64_t entry, b, end, bias = 0;
	FILE *f;

	ck_assert_ptr_nonnull(f = open_memstream(&cmd, &len));
	fprintf(f, "python fs_oracle([");
	for (i = 0; i < nfn; i++)
		fprintf(f, "%s('%s', 0x%" PRIx64 ")", i ? ", " : "", fname[i],
		    lfn[i]);
	fprintf(f, "], '%s')", args != NULL ? args : "");
	fclose(f);
	{
		/* The script through a file of its own: gdb -ex takes one
		   line.  */
		char *dir = util_tmpdir(), script[PATH_MAX], src[PATH_MAX + 16];
		FILE *sf;

		snprintf(script, sizeof script, "%s/oracle.py", dir);
		ck_assert_ptr_nonnull(sf = fopen(script, "w"));
		fputs(oracle_py, sf);
		fclose(sf);
		snprintf(src, sizeof src, "source %s", script);
		cmds[0] = src;
		cmds[1] = cmd;
		cmds[2] = NULL;
		util_gdb(&r, NULL, cmds, path, NULL);
		util_rmtree(dir);
		free(dir);
	}
	free(cmd);
	ck_assert_msg(WIFEXITED(r.status) && WEXITSTATUS(r.status) == 0,
	    "gdb on %s: %s", path, r.err);
	for (i = 0; i < nfn; i++)
		body[i] = fn[i];
	for (line = strtok_r(r.out, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if (sscanf(line, "F %zu %" SCNx64 " %" SCNx64 " %" SCNx64,
		    &i, &entry, &b, &end) == 4) {
			if (i < nfn) {
				bias = fn[i] - entry;
				body[i] = b + bias;
			}
			continue;
		}
		memset(&o, 0, sizeof o);
		if (sscanf(line, "V %zu %3s %63s %" SCNx64 " %" SCNx64 " %"
		    SCNx64 " %" SCNx64 " %" SCNd64 " %" SCNu64, &o.fn, kind,
		    o.name, &o.blo, &o.bhi, &o.llo, &o.lhi, &o.off,
		    &o.len) != 9 || o.fn >= nfn)
			continue;
		o.param = kind[0] == 'p';
		o.inl = kind[1] == 'i';
		o.twice = kind[0] == 'a';
		o.nomem = kind[0] == 'n';
		o.live = kind[1] == 'v';
		o.spbase = strchr(kind + 1, 's') != NULL;
		o.blo += bias;
		o.bhi += bias;
		if (o.lhi != 0) {
			o.llo += bias;
			o.lhi += bias;
		}
		ck_assert_ptr_nonnull(v = realloc(v, (n + 1) * sizeof *v));
		v[n++] = o;
	}
	util_result_free(&r);
	*out = v;
	return n;
}

/* Where variable O of the life's function is, its frame's rsp SP.  */
static uint64_t
ovar_home(const struct life *l, const struct ovar *o, uint64_t sp)
{
	return (o->spbase ? sp : l->cfa) + (uint64_t)o->off;
}

/* Whether LABEL names variable NAME: "NAME", "NAME.x", "NAME[2]",
   "NAME of callee", "NAME (out of scope)".  */
static bool
label_names(const char *label, const char *name)
{
	size_t n = strlen(name);

	return strncmp(label, name, n) == 0 && (label[n] == '\0' ||
	    strchr(" .[", label[n]) != NULL);
}

static const struct fs_slot *
map_slot(const struct fs_frame_anatomy *fa, uint64_t addr)
{
	if (addr < fa->lo || addr >= fa->hi)
		return NULL;
	return &fa->slots[(addr - fa->lo) / fa->word];
}

/* The variables' words of the life's frame at this stop (PC), against
   gdb's homes: each word of a variable in scope carries its name, and
   no word carries the name of a variable gdb knows elsewhere.  */
static void
life_check_vars(struct life *l, const struct fs_frame_anatomy *fa,
    size_t n, uint64_t pc)
{
	const struct fs_slot *sl;
	const struct ovar *o;
	uint64_t w, end;
	size_t i, j, k;
	bool any, in;

	/* Frame 0 an inlined call's: its words are in the frame of the
	   function it is inlined into.  */
	while (n > 1 && fa[0].frame->inlined && fa[0].cfa == fa[1].cfa) {
		fa++;
		n--;
	}
	/* Being set up or taken down: not the variables' time.  */
	if (l->novars == 0 || fa[0].nslots == 0 || fa[0].prologue ||
	    fa[0].epilogue || pc < l->body)
		return;
	for (i = 0; i < l->novars; i++) {
		o = &l->ovars[i];
		/* A variable of no size (Rust's `()`) has no word.  */
		if (o->twice || o->len == 0 || pc < o->blo || pc >= o->bhi ||
		    (o->lhi != 0 && (pc < o->llo || pc >= o->lhi)))
			continue;
		end = ovar_home(l, o, fa[0].sp) + o->len;
		for (w = ovar_home(l, o, fa[0].sp) & ~(uint64_t)(l->word - 1);
		    w < end; w += l->word) {
			if (w >= l->cfa && n < 2)
				continue;
			sl = map_slot(&fa[w >= l->cfa], w);
			/* Its home not yet part of the frame: the prologue
			   (as gdb sees it at -O2) has not moved rsp past it;
			   or in a caller whose frame has no slots.  */
			if (sl == NULL && (w < fa[0].sp || w >= l->cfa))
				continue;
			l->ninl += o->inl;
			l->nlive += o->live;
			ck_assert_msg(sl != NULL, "%s %s+%" PRIu64 ": %s %s at "
			    "cfa%+" PRId64 " not in the map", l->sample,
			    l->func, pc - l->entry, o->param ? "param" :
			    "local", o->name, (int64_t)(w - l->cfa));
			for (k = 0; k < sl->nlabels &&
			    !label_names(sl->labels[k], o->name); k++)
				;
			ck_assert_msg(k < sl->nlabels && (sl->kind ==
			    FS_SLOT_PARAM || sl->kind == FS_SLOT_LOCAL ||
			    sl->kind == FS_SLOT_OUTARG), "%s %s+%" PRIu64 ": "
			    "the word at cfa%+" PRId64 " is %s's (gdb), "
			    "framescope says %s %s", l->sample, l->func,
			    pc - l->entry, (int64_t)(w - l->cfa), o->name,
			    fs_slot_kind_name(sl->kind), sl->nlabels ?
			    sl->labels[0] : "");
		}
	}
	for (j = 0; j < fa[0].nslots; j++) {
		sl = &fa[0].slots[j];
		if (sl->kind != FS_SLOT_PARAM && sl->kind != FS_SLOT_LOCAL)
			continue;
		for (k = 0; k < sl->nlabels; k++) {
			any = in = false;
			for (i = 0; i < l->novars && !in; i++) {
				o = &l->ovars[i];
				if (!label_names(sl->labels[k], o->name) ||
				    (o->nomem && (pc < o->blo || pc >= o->bhi ||
				    (o->lhi != 0 && (pc < o->llo ||
				    pc >= o->lhi)))))
					continue;
				any = true;
				in = o->twice || (sl->addr + l->word >
				    ovar_home(l, o, fa[0].sp) && sl->addr <
				    ovar_home(l, o, fa[0].sp) + o->len);
			}
			ck_assert_msg(in || !any, "%s %s+%" PRIu64 ": the word "
			    "at cfa%+" PRId64 " is labelled %s, not its home "
			    "(gdb)", l->sample, l->func, pc - l->entry,
			    sl->cfa_off, sl->labels[k]);
		}
	}
}

static size_t
life_word(const struct life *l, uint64_t addr)
{
	return (size_t)((l->cfa - (addr & ~(uint64_t)(l->word - 1))) /
	    l->word - 1);
}

/* An access of the life's frame at [ADDR, ADDR+LEN) by the instruction
   at PC, the part from LO up.  */
static void
life_access(struct life *l, uint64_t pc, uint64_t addr, size_t len,
    bool write, uint64_t lo)
{
	uint64_t a;
	size_t w;

	for (a = addr; a < addr + len; a++) {
		if (a < lo || a >= l->cfa || (w = life_word(l, a)) >=
		    LIFE_WORDS)
			continue;
		l->used[w] = 1;
		if (!write)
			continue;
		if (!l->written[w])
			l->wpc[w] = pc;
		l->written[w] = 1;
		/* A saved register's word stored over (corrupt.c): its own
		   test's.  */
		if (l->saved[w] != 0)
			l->saved[w] = 0xff;
	}
}

/* The stack protector's guard of the process: %fs:0x28, %gs:0x14.  */
static uint64_t
life_guard(const struct life *l, struct fs_session *s)
{
	const struct user_regs_struct *regs;
	struct fs_err e;
	uint64_t v = 0, tp;

	ck_assert(fs_session_regs(s, &regs, &e) == 0);
	memcpy(&tp, (const char *)regs + l->arch->tp, sizeof tp);
	ck_assert(fs_session_read(s, tp + l->arch->canary_off, &v, l->word,
	    &e) == (ssize_t)l->word);
	return v;
}

/* Whether the bytes of variable LABEL (gdb's home) in the word at ADDR
   are all gcc's pattern fill, 0xfe, read from the process.  */
static bool
life_filled(const struct life *l, struct fs_session *s, uint64_t addr,
    const char *label)
{
	const struct ovar *o;
	uint64_t lo, hi, a;
	uint8_t b;
	size_t i;
	bool any = false;

	for (i = 0; i < l->novars; i++) {
		o = &l->ovars[i];
		if (!label_names(label, o->name))
			continue;
		lo = ovar_home(l, o, l->fsp);
		hi = lo + o->len;
		for (a = lo > addr ? lo : addr; a < hi && a < addr + l->word;
		    a++) {
			any = true;
			if (fs_session_read(s, a, &b, 1, NULL) != 1 ||
			    b != 0xfe)
				return false;
		}
	}
	return any;
}

/* Whether the return address RA of a frame of the function at FUNC
   follows a call, a direct one to FUNC.  */
static bool
life_call_site(const struct life *l, struct fs_session *s, uint64_t ra,
    uint64_t func)
{
	struct fs_insn in;
	uint8_t code[16];
	unsigned k;

	if (fs_session_read(s, ra - 7, code, 7, NULL) != 7)
		return false;
	/* The call's bytes end at RA: 5 for a direct call, 2 to 7 for an
	   indirect one.  */
	for (k = 2; k <= 7; k++)
		if (fs_insn_decode_bits(code + 7 - k, k, ra - k,
		    l->arch->insn_bits, false, &in) == 0 && in.len == k &&
		    in.is_call)
			return in.dest == 0 || in.dest == func;
	return false;
}

/* --- The truth of the instructions and the CFI, from binutils --- */

/* What a function's code does with its frame, read from `objdump -d`
   and `readelf -wF` (not framescope's decoder or CFI reader): the CFI
   rows (the CFA's rule and the registers saved, by CFA offset), and the
   words its instructions address through rsp or rbp, by CFA offset
   (each instruction's CFA rule turns the register's displacement into
   one).  WR: the words an instruction stores into (the first byte's:
   at least those); ACC: the words one reads or writes (as many as its
   widest operand may take: at most those); REACH: the lowest offset an
   instruction takes the address of, under which nothing is reached
   through a pointer; DYN: rsp moved by a register (alloca, a VLA).
   PARTIAL: some of the code's addresses are not known (a realigned
   stack's main), so ACC may miss some.  */
#define IT_ROWS		64
#define IT_REGS		8
#define IT_WORDS	512

struct itrow {
	uint64_t	 loc;
	bool		 sp;		/* the CFA from rsp, else from rbp */
	bool		 known;		/* one of the two */
	int64_t		 off;
	size_t		 nregs;
	char		 reg[IT_REGS][8];
	int64_t		 at[IT_REGS];	/* saved at CFA + AT */
};

struct itruth {
	bool		 ok;		/* an FDE covers the function */
	uint64_t	 lo, hi;
	struct itrow	 rows[IT_ROWS];
	size_t		 nrows;
	int64_t		 wr[IT_WORDS], acc[IT_WORDS];
	size_t		 nwr, nacc;
	bool		 reach, dyn;
	int64_t		 reach_lo;
	bool		 partial;	/* some not known: no temporary
					   is checked */
};

/* The word of CFA offset OFF, by its lowest offset.  */
static int64_t
it_word(int64_t off, unsigned word)
{
	return off >= 0 ? off / word * word :
	    -(((-off) + (int64_t)word - 1) / word * (int64_t)word);
}

static void
it_add(int64_t *set, size_t *n, int64_t w)
{
	size_t i;

	for (i = 0; i < *n && set[i] != w; i++)
		;
	if (i == *n && *n < IT_WORDS)
		set[(*n)++] = w;
}

static bool
it_has(const int64_t *set, size_t n, int64_t w)
{
	size_t i;

	for (i = 0; i < n && set[i] != w; i++)
		;
	return i < n;
}

static const struct itrow *
it_row(const struct itruth *it, uint64_t pc)
{
	const struct itrow *r = NULL;
	size_t i;

	for (i = 0; i < it->nrows && it->rows[i].loc <= pc; i++)
		r = &it->rows[i];
	return r;
}

/* The CFI rows of the FDE of the function at ENTRY, from readelf's
   table.  */
static void
it_rows(struct itruth *it, char *fdes, uint64_t entry)
{
	char *line, *save, *tok, *ts, cols[IT_REGS + 2][8];
	unsigned long long a, b;
	size_t ncols = 0, c;
	bool in = false;
	struct itrow *r;

	for (line = strtok_r(fdes, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		const char *p = strstr(line, " pc=");

		if (p != NULL) {
			in = sscanf(p, " pc=%llx..%llx", &a, &b) == 2 &&
			    entry >= a && entry < b && !it->ok;
			if (in) {
				it->ok = true;
				it->lo = a;
				it->hi = b;
			}
			ncols = 0;
			continue;
		}
		if (!in)
			continue;
		if (strstr(line, "LOC") != NULL) {
			for (tok = strtok_r(line, " ", &ts); tok != NULL &&
			    ncols < IT_REGS + 2; tok = strtok_r(NULL, " ", &ts))
				snprintf(cols[ncols++], sizeof cols[0], "%s",
				    tok);
			continue;
		}
		if (ncols < 2 || it->nrows == IT_ROWS ||
		    sscanf(line, "%llx", &a) != 1)
			continue;
		r = &it->rows[it->nrows++];
		memset(r, 0, sizeof *r);
		r->loc = a;
		for (c = 0, tok = strtok_r(line, " ", &ts); tok != NULL &&
		    c < ncols; c++, tok = strtok_r(NULL, " ", &ts)) {
			if (c == 1) {
				r->sp = strncmp(tok + 1, "sp+", 3) == 0;
				r->known = r->sp ||
				    strncmp(tok + 1, "bp+", 3) == 0;
				r->off = r->known ? strtoll(tok + 4, NULL, 10) :
				    0;
			} else if (c > 1 && tok[0] == 'c' && tok[1] == '-' &&
			    strcmp(cols[c], "ra") != 0 &&
			    r->nregs < IT_REGS) {
				snprintf(r->reg[r->nregs], sizeof r->reg[0],
				    "%s", cols[c]);
				r->at[r->nregs++] = strtoll(tok + 1, NULL, 10);
			}
		}
	}
}

/* The frame words the instructions in DIS (objdump's lines) of the
   function address.  Where the CFA's rule is rbp's, rsp is followed
   from the last row that gave it (pushes, pops, adds and subs of
   constants: gcc's code has the same depth at a pc on every path).  */
static void
it_insns(struct itruth *it, const char *dis, unsigned word)
{
	const char *line, *nl, *m, *d;
	char buf[256], mn[32], *o, *e;
	const struct itrow *r;
	unsigned long long pc;
	int64_t off, w, spoff = 0;
	unsigned size;
	bool indexed, store, spknown = false, tosp;

	for (line = dis; *line != '\0'; line = *nl != '\0' ? nl + 1 : nl) {
		nl = strchrnul(line, '\n');
		if ((size_t)(nl - line) >= sizeof buf)
			continue;
		memcpy(buf, line, (size_t)(nl - line));
		buf[nl - line] = '\0';
		if ((e = strchr(buf, '#')) != NULL)
			*e = '\0';
		e = buf + strlen(buf);
		while (e > buf && isspace((unsigned char)e[-1]))
			*--e = '\0';
		if (sscanf(buf, " %llx:\t%31s", &pc, mn) != 2 ||
		    pc < it->lo || pc >= it->hi ||
		    (r = it_row(it, pc)) == NULL)
			continue;
		if (!r->known) {
			/* A CFA the expression of a realigned stack: what
			   this code addresses is not known here.  */
			it->partial = true;
			spknown = false;
			continue;
		}
		if (r->sp) {
			spoff = -r->off;
			spknown = true;
		}
		for (o = strchr(buf, ':') + 1; isspace((unsigned char)*o); o++)
			;
		o += strlen(mn);
		while (isspace((unsigned char)*o))
			o++;
		tosp = strcmp(o + strcspn(o, ","), ",%rsp") == 0 ||
		    strcmp(o + strcspn(o, ","), ",%esp") == 0;
		if (strncmp(mn, "push", 4) == 0) {
			if (!spknown) {
				it->partial = true;
				continue;
			}
			spoff -= word;
			it_add(it->wr, &it->nwr, spoff);
			it_add(it->acc, &it->nacc, spoff);
			continue;
		}
		if (strncmp(mn, "pop", 3) == 0) {
			spoff += word;
			continue;
		}
		if (strncmp(mn, "leave", 5) == 0) {
			spknown = false;
			continue;
		}
		if (tosp && o[0] == '$' && (strncmp(mn, "sub", 3) == 0 ||
		    strncmp(mn, "add", 3) == 0)) {
			off = strtoll(o + 1, NULL, 0);
			spoff += strncmp(mn, "sub", 3) == 0 ? -off : off;
			continue;
		}
		if (tosp) {
			/* rsp moved by a register (alloca, a VLA) or
			   realigned.  */
			if (strncmp(mn, "sub", 3) == 0)
				it->dyn = true;
			spknown = false;
			continue;
		}
		/* rsp itself copied: the address of what is at it.  */
		if (strncmp(mn, "mov", 3) == 0 && (strncmp(o, "%rsp,", 5) == 0 ||
		    strncmp(o, "%esp,", 5) == 0)) {
			if (!spknown)
				continue;
			if (!it->reach || spoff < it->reach_lo)
				it->reach_lo = spoff;
			it->reach = true;
			continue;
		}
		/* disp(%base) or disp(%base,%index,scale), the base rsp or
		   the frame's rbp.  */
		if ((m = strstr(o, "(%")) == NULL)
			continue;
		for (d = m; d > o && d[-1] != ',' && d[-1] != ' '; d--)
			;
		off = d < m ? strtoll(d, NULL, 0) : 0;
		if (strncmp(m + 2, "rsp", 3) == 0 ||
		    strncmp(m + 2, "esp", 3) == 0) {
			if (!spknown) {
				it->partial = true;
				continue;
			}
			off += spoff;
		} else if (!r->sp && (strncmp(m + 2, "rbp", 3) == 0 ||
		    strncmp(m + 2, "ebp", 3) == 0))
			off -= r->off;
		else
			continue;
		indexed = m[5] == ',';
		if (strncmp(mn, "lea", 3) == 0 || indexed) {
			/* Its address taken, or an element by an index:
			   what is above is reached.  */
			if (!it->reach || off < it->reach_lo)
				it->reach_lo = off;
			it->reach = true;
			if (strncmp(mn, "lea", 3) == 0)
				continue;
		}
		size = word;
		if (strstr(o, "%zmm") != NULL)
			size = 64;
		else if (strstr(o, "%ymm") != NULL)
			size = 32;
		else if (strstr(o, "%xmm") != NULL || mn[0] == 'f')
			size = 16;
		/* AT&T: the memory operand last is the destination.  */
		store = !indexed && o[strlen(o) - 1] == ')' &&
		    strncmp(mn, "cmp", 3) != 0 && strncmp(mn, "test", 4) != 0 &&
		    strstr(mn, "comi") == NULL && strncmp(mn, "bt", 2) != 0 &&
		    strncmp(mn, "nop", 3) != 0;
		if (store)
			it_add(it->wr, &it->nwr, it_word(off, word));
		for (w = it_word(off, word); w < off + (int64_t)size;
		    w += word)
			it_add(it->acc, &it->nacc, w);
	}
}

/* The truths of the functions at LFN[0..NFN) (file addresses) of
   sample PATH, whose word is WORD.  */
static struct itruth *
it_build(const char *path, const uint64_t lfn[], size_t nfn, unsigned word)
{
	char *rd[] = { (char *)"readelf", (char *)"-wF", (char *)path, NULL };
	char *od[] = { (char *)"objdump", (char *)"-d",
	    (char *)"--no-show-raw-insn", (char *)path, NULL };
	struct util_result fr, dr;
	struct itruth *it;
	char *copy;
	size_t i;

	util_run(rd, 30, &fr);
	util_run(od, 30, &dr);
	ck_assert_msg(WIFEXITED(fr.status) && WEXITSTATUS(fr.status) == 0 &&
	    WIFEXITED(dr.status) && WEXITSTATUS(dr.status) == 0,
	    "readelf or objdump on %s", path);
	ck_assert_ptr_nonnull(it = calloc(nfn, sizeof *it));
	for (i = 0; i < nfn; i++) {
		ck_assert_ptr_nonnull(copy = strdup(fr.out));
		it_rows(&it[i], copy, lfn[i]);
		free(copy);
		if (it[i].ok)
			it_insns(&it[i], dr.out, word);
	}
	util_result_free(&fr);
	util_result_free(&dr);
	return it;
}
/* The labels of frame FA of function F at PC (run time) in thread TID,
   not the life's, against the instructions and the CFI: padding no
   instruction stores into, a temporary one an instruction addresses (or
   reaches), the saved registers those the CFI row at PC has, where it
   has them.  */
static void
life_check_other_truth(struct life *l, const struct fs_frame_anatomy *fa,
    size_t f, uint64_t pc, pid_t tid)
{
	const struct itruth *it = &l->itruth[f];
	const struct itrow *r;
	const struct fs_slot *sl;
	const char *name;
	uint64_t fpc = pc - (l->fn[f] - l->lfn[f]);
	int64_t off;
	size_t k, i;

	/* No CFI, or a CFA by an expression (main realigning its stack at
	   -m32: its saves too), which readelf does not evaluate.  */
	if (!it->ok || fpc < it->lo || fpc >= it->hi ||
	    (r = it_row(it, fpc)) == NULL || !r->known)
		return;
	l->ntruth++;
	for (k = 0; k < fa->nslots; k++) {
		sl = &fa->slots[k];
		off = (int64_t)(sl->addr - fa->cfa);
		switch (sl->kind) {
		case FS_SLOT_PADDING:
			ck_assert_msg(!it_has(it->wr, it->nwr, off), "%s: thread "
			    "%d %s: padding at cfa%+" PRId64 ", which its code "
			    "stores into", l->sample, (int)tid,
			    fa->frame->where.func, off);
			break;
		case FS_SLOT_TEMP:
			ck_assert_msg(it->partial || it->dyn ||
			    it_has(it->acc, it->nacc, off) ||
			    (it->reach && off + (int64_t)l->word >
			    it->reach_lo), "%s: thread %d %s: temporary at cfa%+"
			    PRId64 ", which no instruction reaches", l->sample,
			    (int)tid, fa->frame->where.func, off);
			break;
		case FS_SLOT_SAVED_RBP:
		case FS_SLOT_SAVED_REG:
			name = fs_ureg_name_arch(l->arch, sl->kind ==
			    FS_SLOT_SAVED_RBP ? FS_UREG_RBP : sl->reg);
			for (i = 0; i < r->nregs && (r->at[i] != off ||
			    strcmp(r->reg[i], name) != 0); i++)
				;
			ck_assert_msg(i < r->nregs, "%s: thread %d %s+%" PRIu64
			    ": %s saved at cfa%+" PRId64 ", not so in the CFI",
			    l->sample, (int)tid, fa->frame->where.func,
			    pc - l->fn[f], name, off);
			break;
		default:
			break;
		}
	}
	for (i = 0; i < r->nregs; i++) {
		if ((sl = map_slot(fa, fa->cfa + (uint64_t)r->at[i])) == NULL)
			continue;
		ck_assert_msg((sl->kind == FS_SLOT_SAVED_RBP ||
		    sl->kind == FS_SLOT_SAVED_REG) && strcmp(r->reg[i],
		    fs_ureg_name_arch(l->arch, sl->kind == FS_SLOT_SAVED_RBP ?
		    FS_UREG_RBP : sl->reg)) == 0, "%s: thread %d %s+%" PRIu64
		    ": the CFI saves %s at cfa%+" PRId64 ", framescope says %s",
		    l->sample, (int)tid, fa->frame->where.func, pc - l->fn[f],
		    r->reg[i], r->at[i], fs_slot_kind_name(sl->kind));
	}
}

/* The frames of the other threads at this stop of the life, those of
   the sample's functions: each return address is one a call pushed (to
   the frame's function, when direct), at cfa-word; a canary holds the
   guard; the variables' words are theirs as gdb says.  */
static void
life_check_others(struct life *l, struct fs_session *s)
{
	const struct fs_frame_anatomy *fa;
	const struct fs_slot *sl;
	const pid_t *tids;
	pid_t cur, tid[16];
	struct fs_err e;
	size_t nt, n, i, j, k, f;

	fs_err_clear(&e);
	ck_assert(fs_session_threads(s, &tids, &nt, &cur, &e) == 0);
	ck_assert(cur == l->tid);
	if (nt > 16)
		nt = 16;
	memcpy(tid, tids, nt * sizeof *tid);
	for (i = 0; i < nt; i++) {
		if (tid[i] == l->tid)
			continue;
		ck_assert(fs_session_select_thread(s, tid[i], &e) == 0);
		ck_assert_msg(fs_anatomy_compute(l->others, s, 0, &fa, &n, &e)
		    == 0, "%s: thread %d: %s", l->sample, (int)tid[i], e.msg);
		for (j = 0; j < n; j++) {
			struct life o = *l;

			for (f = 0; f < l->nfn && l->fn[f] !=
			    fa[j].frame->where.func_addr; f++)
				;
			if (f == l->nfn || fa[j].nslots == 0 ||
			    fa[j].frame->inlined)
				continue;
			l->nothers++;
			for (k = 0; k < fa[j].nslots; k++) {
				sl = &fa[j].slots[k];
				if (sl->kind == FS_SLOT_RETADDR) {
					ck_assert_msg(sl->addr == fa[j].cfa -
					    l->word && life_call_site(l, s,
					    sl->value, l->fn[f]), "%s: thread "
					    "%d #%zu: return address 0x%" PRIx64
					    " at cfa%+" PRId64 " follows no call "
					    "of its function", l->sample,
					    (int)tid[i], j, sl->value,
					    (int64_t)(sl->addr - fa[j].cfa));
				} else if (sl->kind == FS_SLOT_CANARY &&
				    sl->note[0] == '\0' && !sl->overwritten) {
					o.cfa = fa[j].cfa;
					ck_assert_msg(sl->value == life_guard(l,
					    s), "%s: thread %d #%zu: canary "
					    "0x%" PRIx64 " is not the guard",
					    l->sample, (int)tid[i], j, sl->value);
				}
			}
			/* Its variables, at the pc it is at (the frame's
			   own, or the call it waits in).  */
			o.func = fa[j].frame->where.func;
			o.entry = l->fn[f];
			o.cfa = fa[j].cfa;
			o.body = l->fbody[f];
			for (k = 0; k < l->nallvars && l->allvars[k].fn != f;
			    k++)
				;
			o.ovars = l->allvars + k;
			for (o.novars = 0; k < l->nallvars &&
			    l->allvars[k].fn == f; k++)
				o.novars++;
			life_check_vars(&o, fa + j, n - j, fa[j].frame->pc -
			    (j > 0 ? 1 : 0));
			life_check_other_truth(l, fa + j, f, fa[j].frame->pc -
			    (j > 0 ? 1 : 0), tid[i]);
		}
	}
	ck_assert(fs_session_select_thread(s, l->tid, &e) == 0);
}

/* The map of the life's frame at this stop in *FA[*INL], after the
   frames of the calls inlined into it (theirs have no words of their
   own), its caller's next when it has parameters on the stack.  Returns
   whether frame *INL is the life's.  */
static bool
life_map(struct life *l, struct fs_session *s, struct fs_anatomy *a,
    const struct fs_frame_anatomy **fa, size_t *n, size_t *inl)
{
	const struct fs_frame *f;
	struct fs_err e;
	size_t nf;

	fs_err_clear(&e);
	*inl = 0;
	if (fs_session_frames_head(s, 16, &f, &nf, &e) == 0)
		while (*inl + 1 < nf && f[*inl].inlined)
			(*inl)++;
	ck_assert_msg(fs_anatomy_compute(a, s, *inl + (l->stackparams ? 2 :
	    1), fa, n, &e) == 0, "%s %s: %s", l->sample, l->func, e.msg);
	return *n > *inl && (*fa)[*inl].cfa == l->cfa;
}

/* The labels of the life's frame at this stop.  */
static void
life_check_map(struct life *l, struct fs_session *s, struct fs_anatomy *a)
{
	const struct fs_frame_anatomy *fa;
	const struct fs_slot *sl;
	size_t n, i, w, k, inl;

	if (!life_map(l, s, a, &fa, &n, &inl))
		return;
	l->maps++;
	life_check_vars(l, fa, n, fa[0].frame->pc);
	if (l->others != NULL) {
		life_check_others(l, s);
		/* The life's own map again: OTHERS is another anatomy, but
		   the session's frames were the other threads'.  */
		ck_assert(life_map(l, s, a, &fa, &n, &inl));
	}
	fa += inl;
	n -= inl;
	for (i = 0; i < fa[0].nslots; i++) {
		sl = &fa[0].slots[i];
		if (sl->addr >= l->cfa || (w = life_word(l, sl->addr)) >=
		    LIFE_WORDS)
			continue;
		/* Pattern fill: the word still holds only what gcc's fill
		   wrote, nothing else has written it in this life.  */
		for (k = 0; sl->values != NULL && k < sl->nlabels; k++)
			if (sl->values[k] != NULL && strcmp(sl->values[k],
			    "uninitialised (pattern fill)") == 0)
				ck_assert_msg(!l->real[w] && life_filled(l, s,
				    sl->addr, sl->labels[k]), "%s %s: %s at cfa%+"
				    PRId64 " is no pattern fill", l->sample,
				    l->func, sl->labels[k],
				    (int64_t)(sl->addr - l->cfa));
		switch (sl->kind) {
		case FS_SLOT_PADDING:
			if (!l->pad[w])
				l->padpc[w] = fa[0].frame->pc;
			l->pad[w] = 1;
			break;
		case FS_SLOT_TEMP:
			l->temp[w] = 1;
			break;
		case FS_SLOT_RETADDR:
			ck_assert_msg(sl->addr == l->cfa - l->word, "%s %s: "
			    "return address at cfa%+" PRId64, l->sample, l->func,
			    (int64_t)(sl->addr - l->cfa));
			ck_assert_msg(sl->overwritten || sl->value == l->ra,
			    "%s %s: return address 0x%" PRIx64 ", the call "
			    "pushed 0x%" PRIx64, l->sample, l->func, sl->value,
			    l->ra);
			break;
		case FS_SLOT_CANARY:
			/* Stored: the stack protector's guard at %fs:0x28
			   (the frame not smashed).  */
			if (sl->note[0] != '\0' || sl->overwritten)
				break;
			ck_assert_msg(sl->value == life_guard(l, s), "%s %s: canary "
			    "at cfa%+" PRId64 " holds 0x%" PRIx64 ", not the "
			    "guard", l->sample, l->func,
			    (int64_t)(sl->addr - l->cfa), sl->value);
			break;
		case FS_SLOT_SAVED_RBP:
		case FS_SLOT_SAVED_REG:
			/* Claimed once its save is done: the same word and
			   register at every later stop.  */
			if (sl->overwritten)
				l->saved[w] = 0xff;	/* smashed: no claim */
			if (sl->note[0] != '\0' || l->saved[w] == 0xff)
				break;
			if (l->saved[w] == 0) {
				l->saved[w] = 1 + (sl->kind == FS_SLOT_SAVED_RBP ?
				    FS_UREG_RBP : sl->reg);
				l->savedval[w] = sl->value;
			}
			ck_assert_msg(l->saved[w] == 1 + (sl->kind ==
			    FS_SLOT_SAVED_RBP ? FS_UREG_RBP : sl->reg),
			    "%s %s: saved register at cfa%+" PRId64 " changed",
			    l->sample, l->func, (int64_t)(sl->addr - l->cfa));
			break;
		default:
			break;
		}
	}
}

/* The register FS_UREG_* R of REGS (on i386 R12 and R13 stand for esi
   and edi).  */
static uint64_t
ureg(const struct life *l, const struct user_regs_struct *regs, unsigned r)
{
	bool i386 = l->word == 4;

	switch (r) {
	case FS_UREG_RBX: return regs->rbx;
	case FS_UREG_RBP: return regs->rbp;
	case FS_UREG_R12: return i386 ? regs->rsi : regs->r12;
	case FS_UREG_R13: return i386 ? regs->rdi : regs->r13;
	case FS_UREG_R14: return regs->r14;
	case FS_UREG_R15: return regs->r15;
	case FS_UREG_RSP: return regs->rsp;
	default: return regs->rip;
	}
}

/* Run the call at PC of the life's own code to its return, the other
   threads running too: each byte of the frame it changed is written by
   the call.  Returns whether the life goes on (the thread back after the
   call).  */
static bool
life_call_over(struct life *l, struct fs_session *s, uint64_t pc)
{
	const struct user_regs_struct *regs;
	const struct fs_stop *st;
	struct fs_err e;
	uint64_t lo = l->fsp, k;
	uint8_t *before, *after;
	bool ok;

	fs_err_clear(&e);
	ck_assert(l->cfa > lo && l->cfa - lo < 1 << 20);
	ck_assert_ptr_nonnull(before = malloc(l->cfa - lo));
	ck_assert_ptr_nonnull(after = malloc(l->cfa - lo));
	ck_assert(fs_session_read(s, lo, before, l->cfa - lo, &e) ==
	    (ssize_t)(l->cfa - lo));
	ok = fs_session_stepi(s, 1, true, &e) == 0 && fs_session_alive(s);
	/* Back in its thread after the call, nothing else stopped.  */
	if (ok) {
		st = fs_session_stop(s);
		ck_assert_msg(st->reason == FS_STOP_STEP && st->tid == l->tid &&
		    fs_session_regs(s, &regs, &e) == 0, "%s %s: the call at "
		    "0x%" PRIx64 " stopped (%d) in thread %d, not %d",
		    l->sample, l->func, pc, (int)st->reason, (int)st->tid,
		    (int)l->tid);
		ck_assert(fs_session_read(s, lo, after, l->cfa - lo, &e) ==
		    (ssize_t)(l->cfa - lo));
		for (k = 0; k < l->cfa - lo; k++)
			if (after[k] != before[k])
				life_access(l, pc, lo + k, 1, true, lo);
	}
	free(before);
	free(after);
	return ok;
}

/* Step the life of the function whose entry the process is stopped at.
   Returns the steps it took.  */
static unsigned long
life_prove(struct life *l, struct fs_session *s, struct fs_anatomy *a)
{
	const struct user_regs_struct *regs;
	const struct fs_fcode *fc;
	const struct fs_stop *st;
	struct fs_insn in;
	struct fs_insn_mem mem[FS_INSN_MAXMEM * 2];
	struct fs_err e;
	struct {
		uint64_t	addr;
		size_t		len;
		uint8_t		before[64];
	} mask[4];
	uint8_t code[16], *ran;
	uint64_t lo, pc;
	size_t k, w;
	int nmask;
	bool masked;
	unsigned long steps = 0;
	bool done = false, own;
	int nm, j;

	fs_err_clear(&e);
	ck_assert(fs_session_regs(s, &regs, &e) == 0);
	l->arch = fs_session_arch(s);
	l->word = l->arch->word;
	l->entry = regs->rip;
	l->tid = fs_session_stop(s)->tid;
	l->cfa = regs->rsp + l->word;
	ck_assert(fs_session_read(s, regs->rsp, &l->ra, l->word, &e) ==
	    (ssize_t)l->word);
	fc = fs_fcode_at(fs_guard_fcodes(fs_session_guard(s)), s, l->entry);
	ck_assert_ptr_nonnull(fc);
	ck_assert_ptr_nonnull(ran = calloc(1, fc->end - fc->start));
	l->used = calloc(LIFE_WORDS, 1);
	l->written = calloc(LIFE_WORDS, 1);
	l->pad = calloc(LIFE_WORDS, 1);
	l->temp = calloc(LIFE_WORDS, 1);
	l->real = calloc(LIFE_WORDS, 1);
	l->saved = calloc(LIFE_WORDS, 1);
	l->padpc = calloc(LIFE_WORDS, sizeof *l->padpc);
	l->wpc = calloc(LIFE_WORDS, sizeof *l->wpc);
	l->savedval = calloc(LIFE_WORDS, sizeof *l->savedval);
	ck_assert(l->used && l->written && l->pad && l->temp && l->real &&
	    l->saved &&
	    l->savedval && l->padpc && l->wpc);
	lo = l->cfa - l->word * (uint64_t)LIFE_WORDS;
	for (;;) {
		if (fs_session_regs(s, &regs, &e) < 0)
			break;
		/* Returned (or unwound past): rsp back above the CFA.  */
		if (regs->rsp >= l->cfa) {
			done = true;
			break;
		}
		own = regs->rip >= fc->start && regs->rip < fc->end;
		if (own) {
			ran[regs->rip - fc->start] = 1;
			if (l->maps < LIFE_MAPS)
				life_check_map(l, s, a);
		}
		if (fs_session_read(s, regs->rip, code, sizeof code, &e) <= 0 ||
		    fs_insn_decode_bits(code, sizeof code, regs->rip,
		    l->arch->insn_bits, false, &in) < 0)
			break;
		if (own)
			l->fsp = regs->rsp;
		pc = regs->rip;
		nmask = 0;
		nm = fs_insn_mem_access(&in, regs, mem, FS_INSN_MAXMEM * 2);
		masked = strstr(in.gdbtext, "{%k") != NULL;
		for (j = 0; j < nm && j < FS_INSN_MAXMEM * 2; j++) {
			/* The frame's own: what its code does, and what the
			   code it calls does above the rsp it called with
			   (through a pointer), not the frames below.  */
			if (mem[j].addr + mem[j].len <= (own ? lo : l->fsp) ||
			    mem[j].addr >= l->cfa || (own && in.is_call))
				continue;
			/* A masked vector store (an AVX-512 memset's tail)
			   writes the bytes its mask says: those it changed,
			   seen after the step.  */
			if (masked && mem[j].write && mem[j].len <= 64 &&
			    nmask < 4) {
				mask[nmask].addr = mem[j].addr;
				mask[nmask].len = mem[j].len;
				ck_assert(fs_session_read(s, mem[j].addr,
				    mask[nmask].before, mem[j].len, &e) ==
				    (ssize_t)mem[j].len);
				nmask++;
				mem[j].write = false;
			}
			life_access(l, regs->rip, mem[j].addr, mem[j].len,
			    mem[j].write, own ? lo : l->fsp);
		}
		if (own && in.is_call && l->over) {
			if (!life_call_over(l, s, pc))
				break;
			steps++;
			continue;
		}
		if (++steps > LIFE_STEPS || fs_session_stepi(s, 1, false,
		    &e) < 0 || !fs_session_alive(s))
			break;
		for (j = 0; j < nmask; j++) {
			uint8_t after[64];

			ck_assert(fs_session_read(s, mask[j].addr, after,
			    mask[j].len, &e) == (ssize_t)mask[j].len);
			for (k = 0; k < mask[j].len; k++)
				if (after[k] != mask[j].before[k])
					life_access(l, pc, mask[j].addr + k, 1,
					    true, l->fsp);
		}
		/* A function that fills its locals with gcc's pattern: what
		   each store wrote, pattern or not.  */
		for (j = 0; fc->pattern && j < nm && j < FS_INSN_MAXMEM * 2;
		    j++) {
			uint8_t got[4096];
			uint64_t a0 = mem[j].addr < lo ? lo : mem[j].addr;
			uint64_t a1 = mem[j].addr + mem[j].len;

			if (!mem[j].write || a1 <= a0 || a0 >= l->cfa)
				continue;
			if (a1 > l->cfa)
				a1 = l->cfa;
			if (a1 - a0 > sizeof got)
				a1 = a0 + sizeof got;
			ck_assert(fs_session_read(s, a0, got, a1 - a0, &e) ==
			    (ssize_t)(a1 - a0));
			for (k = 0; k < a1 - a0; k++)
				if (got[k] != 0xfe)
					l->real[life_word(l, a0 + k)] = 1;
		}
		st = fs_session_stop(s);
		if (st->reason != FS_STOP_STEP &&
		    st->reason != FS_STOP_BREAKPOINT)
			break;	/* a signal: the life ends there */
	}
	for (w = 0; w < LIFE_WORDS; w++) {
		if (l->pad[w])
			ck_assert_msg(!l->written[w], "%s %s: padding at cfa%+"
			    PRId64 " (at %s+%" PRIu64 ") is written, at 0x%"
			    PRIx64 " (%s+%" PRId64 ")", l->sample, l->func,
			    -(int64_t)(l->word * (w + 1)), l->func, l->padpc[w] -
			    l->entry, l->wpc[w], l->func,
			    (int64_t)(l->wpc[w] - l->entry));
		if (!done)
			continue;
		if (l->saved[w] && l->saved[w] != 0xff)
			ck_assert_msg(ureg(l, regs, l->saved[w] - 1) ==
			    l->savedval[w], "%s %s: %s saved at cfa%+" PRId64
			    " as 0x%" PRIx64 ", 0x%" PRIx64 " after the return",
			    l->sample, l->func, fs_ureg_name(l->saved[w] - 1),
			    -(int64_t)(l->word * (w + 1)), l->savedval[w],
			    ureg(l, regs, l->saved[w] - 1));
		if (!l->temp[w] || l->used[w])
			continue;
		/* Not used this time: by code that did not run, then (or
		   only reached: its address taken, for what a pointer to it
		   is passed to).  */
		for (k = 0; k < fc->nacc; k++)
			if (!fc->acc[k].lea && l->cfa + (uint64_t)
			    fs_fcode_acc_off(fc, &fc->acc[k], l->cfa) <
			    l->cfa - l->word * w && l->cfa + (uint64_t)
			    fs_fcode_acc_off(fc, &fc->acc[k], l->cfa) +
			    fc->acc[k].size > l->cfa - l->word * (w + 1))
				ck_assert_msg(!ran[fc->acc[k].pc - fc->start],
				    "%s %s: temporary at cfa%+" PRId64 " never "
				    "used, but its code at 0x%" PRIx64 " ran",
				    l->sample, l->func,
				    -(int64_t)(l->word * (w + 1)), fc->acc[k].pc);
	}
	free(ran);
	free(l->used);
	free(l->written);
	free(l->pad);
	free(l->temp);
	free(l->real);
	free(l->saved);
	free(l->savedval);
	free(l->padpc);
	free(l->wpc);
	return steps;
}

/* The samples of the proof: the builds of the C samples (x86-64 and
   -m32) and the Rust ones, found in the samples' directory.  */
static char	*proof_samples[512];
static size_t	 nproof_samples;

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
proof_samples_find(void)
{
	/* Without DWARF there is nothing to prove; the off-by-one with the
	   canary and the Rust overflow store past their arrays into
	   padding: the bug they show, which guard's tests see.  */
	static const char *const skip[] = { ".so", "notelf",
	    "nodebug", "stripped", "offbyone-sp", "rust-overflow" };
	const char *dir = getenv("SAMPLES");
	/* PROOF_ONLY=NAME: the samples whose name has NAME, alone.  */
	const char *only = getenv("PROOF_ONLY");
	struct dirent *d;
	size_t i;
	DIR *dp;

	if ((dp = opendir(dir != NULL ? dir : "samples")) == NULL)
		return;
	while ((d = readdir(dp)) != NULL &&
	    nproof_samples < sizeof proof_samples / sizeof proof_samples[0]) {
		if (d->d_name[0] == '.' || (only != NULL &&
		    strstr(d->d_name, only) == NULL))
			continue;
		for (i = 0; i < sizeof skip / sizeof skip[0] &&
		    strstr(d->d_name, skip[i]) == NULL; i++)
			;
		if (i == sizeof skip / sizeof skip[0])
			proof_samples[nproof_samples++] = strdup(d->d_name);
	}
	closedir(dp);
	qsort(proof_samples, nproof_samples, sizeof *proof_samples, cmp_str);
}

START_TEST(test_labels_proven)
{
	const char *name = proof_samples[_i];
	bool threads = strncmp(name, "threads", 7) == 0;
	struct fs_session *s;
	struct fs_anatomy *a, *others;
	const struct fs_breakpoint *bp;
	const struct user_regs_struct *regs;
	struct fs_vars_provider prov = { 0 }, oprov = { 0 };
	struct fs_module *mod;
	struct fs_where w;
	const struct fs_sym *syms;
	struct fs_err e;
	char path[PATH_MAX], spec[64], *argv[] = { path, NULL, NULL };
	uint64_t fn[LIFE_FUNCS], lfn[LIFE_FUNCS], body[LIFE_FUNCS];
	char *fname[LIFE_FUNCS];
	struct ovar *ovars = NULL;
	size_t novars = 0;
	bool proven[LIFE_FUNCS] = { false }, more = true;
	size_t nfn = 0, nsyms, i, k, nproven = 0;
	unsigned long nothers = 0, ninl = 0, nlive = 0, ntruth = 0;
	struct itruth *itruth = NULL;
	unsigned round;

	snprintf(path, sizeof path, "%s", sample_path(name));
	/* The overflowing samples run a life that does not smash; the
	   threads' main waits 5 rounds of 10 ms for them, not 100.  */
	if (strncmp(name, "overflow", 8) == 0)
		argv[1] = (char *)"AAAA";
	if (threads)
		argv[1] = (char *)"5";
	for (round = 0; more && round < 8; round++) {
		more = false;
		fs_err_clear(&e);
		ck_assert(fs_session_new(&s, &e) == 0);
		ck_assert(fs_session_load(s, argv[1] ? 2 : 1, argv, &e) == 0);
		ck_assert_msg(fs_session_launch(s, &e) == 0, "%s: %s", name,
		    e.msg);
		if (round == 0) {
			/* The functions of the sample's own source.  */
			mod = fs_modules_exec(fs_session_modules(s));
			ck_assert_ptr_nonnull(mod);
			ck_assert(fs_elf_load_symbols(mod->elf, &e) == 0);
			syms = fs_elf_symbols(mod->elf, &nsyms);
			for (i = 0; i < nsyms; i++) {
				uint64_t pc = syms[i].addr + mod->bias;

				fs_modules_where(fs_session_modules(s), pc, pc,
				    &w);
				if (w.file == NULL || w.fullpath == NULL ||
				    w.func_addr != pc ||
				    strstr(w.fullpath, "/samples/") == NULL)
					continue;
				for (k = 0; k < nfn && fn[k] != pc; k++)
					;
				if (k == nfn && nfn < LIFE_FUNCS) {
					fname[nfn] = strdup(syms[i].name);
					lfn[nfn] = syms[i].addr;
					fn[nfn++] = pc;
				}
			}
			ck_assert_msg(nfn > 0, "%s: no function", name);
			/* gdb's homes of the variables: from the CFA (C's
			   frame base) or rsp (Rust's).  */
			novars = oracle_vars(path, argv[1], fname, fn, lfn,
			    nfn, body, &ovars);
			if (threads)
				itruth = it_build(path, lfn, nfn,
				    fs_session_arch(s)->word);
		}
		for (i = 0; i < nfn; i++)
			if (!proven[i]) {
				snprintf(spec, sizeof spec, "*0x%" PRIx64,
				    fn[i]);
				ck_assert(fs_session_break(s, spec, false, &bp,
				    &e) == 0);
			}
		ck_assert(fs_anatomy_new(&a, &e) == 0);
		fs_anatomy_set_provider(a, fs_vars_provide, &prov);
		ck_assert(fs_anatomy_new(&others, &e) == 0);
		fs_anatomy_set_provider(others, fs_vars_provide, &oprov);
		while (fs_session_cont(s, &e) == 0 && fs_session_alive(s) &&
		    fs_session_stop(s)->reason == FS_STOP_BREAKPOINT) {
			ck_assert(fs_session_regs(s, &regs, &e) == 0);
			for (i = 0; i < nfn && fn[i] != regs->rip; i++)
				;
			if (i == nfn || proven[i])
				continue;
			struct life l = { .sample = name, .func = fname[i],
			    .body = novars ? body[i] : UINT64_MAX };

			for (k = 0; k < novars && ovars[k].fn != i; k++)
				;
			l.ovars = ovars + k;
			for (; k < novars && ovars[k].fn == i; k++) {
				l.novars++;
				l.stackparams |= ovars[k].off >= 0;
			}

			/* Threads: the life's thread stepped alone, the
			   others run with its calls, stopped by nothing
			   (the breakpoints come back after the life).  */
			if (threads) {
				l.over = true;
				fs_session_delete(s, 0, &e);
				l.others = others;
				l.fn = fn;
				l.lfn = lfn;
				l.itruth = itruth;
				l.fbody = body;
				l.nfn = nfn;
				l.allvars = ovars;
				l.nallvars = novars;
			}
			life_prove(&l, s, a);
			nothers += l.nothers;
			ninl += l.ninl;
			nlive += l.nlive;
			ntruth += l.ntruth;
			proven[i] = more = true;
			nproven++;
			/* Its breakpoint goes: what runs only inside its
			   life is another run's.  */
			if (!fs_session_alive(s))
				break;
			fs_session_delete(s, 0, &e);
			for (k = 0; k < nfn; k++)
				if (!proven[k]) {
					snprintf(spec, sizeof spec, "*0x%"
					    PRIx64, fn[k]);
					fs_session_break(s, spec, false, &bp,
					    &e);
				}
		}
		fs_anatomy_free(a);
		fs_anatomy_free(others);
		fs_vars_provider_clear(&prov);
		fs_vars_provider_clear(&oprov);
		fs_session_free(s);
	}
	ck_assert_msg(nproven > 0, "%s: no function ran", name);
	/* The other threads' frames of the sample's functions were seen
	   at the stops.  */
	ck_assert_msg(!threads || nothers > 0, "%s: no other thread's frame",
	    name);
	/* ... and checked against binutils' reading, where there is CFI.  */
	ck_assert_msg(!threads || ntruth > 0 || strstr(name, "nocfi") != NULL,
	    "%s: no other thread's frame checked against the CFI", name);
	/* The VLAs gdb saw running were seen in the proof's lives too.  */
	for (i = 0; i < novars && !ovars[i].live; i++)
		;
	ck_assert_msg(i == novars || nlive > 0, "%s: no VLA word checked",
	    name);
	if (getenv("PROOF_DEBUG"))
		fprintf(stderr, "%s: %zu functions, %lu frames of other "
		    "threads (%lu against binutils), %lu words of inlined "
		    "calls' variables, %lu of VLAs\n", name, nproven, nothers,
		    ntruth, ninl, nlive);
	for (i = 0; i < nfn; i++)
		free(fname[i]);
	free(ovars);
	free(itruth);
}
END_TEST

Suite *
guard_suite(void)
{
	Suite *s = suite_create("guard");
	TCase *tc;

	tc = tcase_create("guard");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_loop_test(tc, test_guard_stops, 0,
	    sizeof smashes / sizeof smashes[0]);
	tcase_add_loop_test(tc, test_guard_quiet, 0,
	    sizeof clean / sizeof clean[0]);
	tcase_add_loop_test(tc, test_guard_rust, 0, 2);
	tcase_add_test(tc, test_guard_next_finish);
	tcase_add_test(tc, test_guard_steps);
	tcase_add_test(tc, test_guard_m32);
	tcase_add_test(tc, test_guard_off);
	suite_add_tcase(s, tc);

	tc = tcase_create("marks");
	tcase_set_timeout(tc, 120);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_overwritten_marks);
	tcase_add_test(tc, test_overwritten_json);
	tcase_add_test(tc, test_overwritten_marks_m32);
	tcase_add_test(tc, test_overwritten_json_m32);
	tcase_add_loop_test(tc, test_without_guard_as_gdb, 0,
	    sizeof unguarded / sizeof unguarded[0]);
	tcase_add_test(tc, test_info_slot_m32);
	tcase_add_test(tc, test_info_slot);
	tcase_add_test(tc, test_info_slot_recorded);
	tcase_add_test(tc, test_break_before_canary_as_gdb);
	suite_add_tcase(s, tc);

	tc = tcase_create("labels");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_labels_values);
	tcase_add_loop_test(tc, test_labels_temporaries, 0, 4);
	tcase_add_loop_test(tc, test_labels_not_stored_as_gdb, 0, 2);
	tcase_add_loop_test(tc, test_labels_m32, 0, 7);
	tcase_add_loop_test(tc, test_labels_convention_entry, 0, 4);
	tcase_add_test(tc, test_labels_stale_recorded);
	tcase_add_test(tc, test_labels_stale_stepped);
	tcase_add_loop_test(tc, test_labels_next_call, 0,
	    sizeof next_calls / sizeof next_calls[0]);
	proof_samples_find();
	tcase_add_loop_test(tc, test_labels_proven, 0,
	    (int)nproof_samples);
	suite_add_tcase(s, tc);
	return s;
}
