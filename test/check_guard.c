/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_guard: the control slots marked overwritten in frames, info
   frame and JSON; the guard's stop at the store that smashes a frame (its
   message: line, object, slots) on the smashing samples, and no stop on
   the others; continue and finish without it as gdb does them; info slot;
   and the slot labels of fs_anatomy that the function's code proves. */
#include <sys/wait.h>

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_anatomy.h"
#include "fs_fcode.h"
#include "fs_guard.h"
#include "fs_insn.h"
#include "fs_session.h"
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

/* --- Labels proven by the code --- */

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
	char *out;

	/* At the entry: the register arguments are not stored yet.  */
	out = batch("callee8-O0", entry);
	HAS(out, "param arg1 = 0 (not stored yet: in rdi = 1)");
	HAS(out, "param arg6 = 0 (not stored yet: in r9 = 6)");
	HAS(out, "outgoing arg7 of callee = 7");
	free(out);
	/* garbage's x still holds callee's arg1.  */
	out = batch("leftover-O0", stale);
	HAS(out, "local x = 1 (stale: arg1 of callee, returned at stop ");
	HAS(out, "red zone (stale: arg2 of callee, returned at stop ");
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
}
END_TEST

/* Every word the slot map calls padding is one nothing writes while its
   frame lives (a vectorised strlen may read past a string into it, as
   the CPU has it), and every temporary one something uses, or one the
   function's code uses on a path this run does not take (a landing pad):
   the whole life of the frame single-stepped, each access told by
   fs_insn_mem_access.  */
static const struct {
	const char	*sample, *func;
} lives[] = {
	{ "callee8-O0", "callee" }, { "callee8-O0", "main" },
	{ "calc-O0", "compute" }, { "canary-O2", "keep" },
	{ "callkinds-O0", "sum_big" }, { "callkinds-O2", "fib" },
	{ "types-O0", "inspect" }, { "offbyone-O2", "fill" },
	{ "rust-heap_demo-O0", "heap_demo::heap_demo" },
	{ "rust-calc-O0", "calc::compute" },
	/* i386: 4-byte words, cdecl's stack arguments, PIC thunks.  */
	{ "callee8-m32-O0", "callee" }, { "add32-m32-O0", "Add" },
	{ "calc-m32-O0", "compute" }, { "canary-m32-O2", "keep" },
	{ "callconv32-m32-O0", "stdcall_sum" },
	{ "callkinds-m32-O2", "fib" },
};

START_TEST(test_labels_proven)
{
	struct fs_session *s;
	struct fs_anatomy *a;
	const struct fs_frame_anatomy *fa;
	const struct fs_breakpoint *bp;
	const struct user_regs_struct *regs;
	struct fs_insn in;
	struct fs_insn_mem mem[FS_INSN_MAXMEM * 2];
	struct fs_vars_provider prov = { 0 };
	struct fs_err e;
	char path[PATH_MAX], *argv[] = { path, NULL };
	enum fs_slot_kind kind[4096];
	const struct fs_fcode *fc;
	uint8_t code[16], used[4096], written[4096], *ran;
	uint64_t lo, cfa, sp;
	size_t n, i, k, words;
	unsigned long steps = 0;
	unsigned W;
	int nm, j;

	snprintf(path, sizeof path, "%s", sample_path(lives[_i].sample));
	if (access(path, X_OK) != 0)
		return;		/* a Rust sample without rustc */
	fs_err_clear(&e);
	ck_assert(fs_session_new(&s, &e) == 0);
	ck_assert(fs_session_load(s, 1, argv, &e) == 0);
	ck_assert_msg(fs_session_break(s, lives[_i].func, false, &bp, &e) == 0,
	    "%s", e.msg);
	ck_assert(fs_session_launch(s, &e) == 0);
	ck_assert(fs_session_cont(s, &e) == 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	ck_assert(fs_anatomy_new(&a, &e) == 0);
	fs_anatomy_set_provider(a, fs_vars_provide, &prov);
	ck_assert(fs_anatomy_compute(a, s, 1, &fa, &n, &e) == 0);
	ck_assert_uint_ge(n, 1);
	fc = fs_fcode_at(fs_guard_fcodes(fs_session_guard(s)), s,
	    fa[0].frame->pc);
	ck_assert_ptr_nonnull(fc);
	ck_assert_ptr_nonnull(ran = calloc(1, fc->end - fc->start));
	/* The frame's words from the red zone up, and their kinds.  */
	cfa = fa[0].cfa;
	lo = fa[0].lo;
	W = fa[0].word;
	words = (size_t)((cfa - lo) / W);
	ck_assert_uint_le(words, 4096);
	memset(used, 0, sizeof used);
	memset(written, 0, sizeof written);
	for (i = 0; i < words; i++)
		kind[i] = FS_SLOT_UNKNOWN;
	for (i = 0; i < fa[0].nslots; i++)
		kind[(fa[0].slots[i].addr - lo) / W] = fa[0].slots[i].kind;
	/* Its whole life, one instruction at a time: every access into
	   it, by it or by what it calls.  */
	for (;;) {
		ck_assert(fs_session_regs(s, &regs, &e) == 0);
		/* Returned: rsp is back at the caller's, the CFA.  */
		sp = regs->rsp;
		if (sp >= cfa)
			break;
		ck_assert(fs_session_read(s, regs->rip, code, sizeof code,
		    &e) > 0);
		ck_assert(fs_insn_decode_bits(code, sizeof code, regs->rip,
		    fs_session_arch(s)->insn_bits, false, &in) == 0);
		if (regs->rip >= fc->start && regs->rip < fc->end)
			ran[regs->rip - fc->start] = 1;
		nm = fs_insn_mem_access(&in, regs, mem, FS_INSN_MAXMEM * 2);
		for (j = 0; j < nm && j < FS_INSN_MAXMEM * 2; j++)
			for (k = 0; k < mem[j].len; k++)
				if (mem[j].addr + k >= lo &&
				    mem[j].addr + k < cfa) {
					used[(mem[j].addr + k - lo) / W] = 1;
					if (mem[j].write)
						written[(mem[j].addr + k - lo) /
						    W] = 1;
				}
		ck_assert(fs_session_stepi(s, 1, false, &e) == 0);
		ck_assert_msg(fs_session_alive(s), "%s ended in %s",
		    lives[_i].sample, lives[_i].func);
		ck_assert_uint_lt(++steps, 2000000);
	}
	for (i = 0; i < words; i++) {
		if (kind[i] == FS_SLOT_PADDING)
			ck_assert_msg(!written[i], "%s %s: padding at cfa%+"
			    PRId64 " is written", lives[_i].sample,
			    lives[_i].func, (int64_t)(lo + W * i - cfa));
		if (kind[i] != FS_SLOT_TEMP || used[i])
			continue;
		/* Not used this time: by code that did not run, then.  */
		for (k = 0; k < fc->nacc; k++)
			if (cfa + (uint64_t)fc->acc[k].off < lo + W * i + W &&
			    cfa + (uint64_t)fc->acc[k].off + fc->acc[k].size >
			    lo + W * i)
				ck_assert_msg(!ran[fc->acc[k].pc - fc->start],
				    "%s %s: temporary at cfa%+" PRId64 " never "
				    "used, but its code at 0x%" PRIx64 " ran",
				    lives[_i].sample, lives[_i].func,
				    (int64_t)(lo + W * i - cfa), fc->acc[k].pc);
	}
	free(ran);
	fs_anatomy_free(a);
	fs_vars_provider_clear(&prov);
	fs_session_free(s);
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
	suite_add_tcase(s, tc);

	tc = tcase_create("labels");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_labels_values);
	tcase_add_loop_test(tc, test_labels_proven, 0,
	    sizeof lives / sizeof lives[0]);
	suite_add_tcase(s, tc);
	return s;
}
