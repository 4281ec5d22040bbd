/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Tests of fs_snapshot: the JSON of a stop, parsed back with jansson. */
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "check_common.h"
#include "check_util.h"
#include "fs_anatomy.h"
#include "fs_snapshot.h"

static struct fs_session *
launched(const char *name, const char *arg, const char *bp)
{
	char path[PATH_MAX];
	char *argv[] = { path, (char *)arg, NULL };
	const struct fs_breakpoint *b;
	struct fs_session *s;
	struct fs_err e;

	snprintf(path, sizeof path, "%s", sample_path(name));
	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	ck_assert_int_eq(fs_session_load(s, arg ? 2 : 1, argv, &e), 0);
	if (bp != NULL)
		ck_assert_int_eq(fs_session_break(s, bp, false, &b, &e), 0);
	ck_assert_msg(fs_session_launch(s, &e) == 0, "launch: %s", e.msg);
	return s;
}

/* The snapshot of S now, parsed.  */
static json_t *
snapshot(struct fs_session *s)
{
	json_error_t jerr;
	struct fs_err e;
	char *str = NULL;
	json_t *o;

	fs_err_clear(&e);
	ck_assert_msg(fs_snapshot_string(s, &str, &e) == 0, "snapshot: %s",
	    e.msg);
	ck_assert_ptr_nonnull(str);
	ck_assert_ptr_null(strchr(str, '\n'));
	o = json_loads(str, 0, &jerr);
	ck_assert_msg(o != NULL, "bad JSON (%s): %s", jerr.text, str);
	ck_assert(json_is_object(o));
	free(str);
	return o;
}

/* The "0x..." string at KEY of O, as a number.  */
static uint64_t
hexval(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	const char *str;
	char *end;
	uint64_t n;

	ck_assert_msg(json_is_string(v), "%s is not a string", key);
	str = json_string_value(v);
	ck_assert_msg(strncmp(str, "0x", 2) == 0, "%s: \"%s\"", key, str);
	/* Lower case, no leading zeros.  */
	ck_assert_msg(str[2] != '\0' && (str[2] != '0' || str[3] == '\0'),
	    "%s: \"%s\"", key, str);
	ck_assert_msg(strspn(str + 2, "0123456789abcdef") == strlen(str + 2),
	    "%s: \"%s\"", key, str);
	n = strtoull(str, &end, 16);
	ck_assert(*end == '\0');
	return n;
}

static json_int_t
intval(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_integer(v), "%s is not an integer", key);
	return json_integer_value(v);
}

static const char *
strval(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	ck_assert_msg(json_is_string(v), "%s is not a string", key);
	return json_string_value(v);
}

START_TEST(test_snapshot_breakpoint_stop)
{
	static const struct {
		const char *name;
		size_t off;
	} regs[] = {
#define R(n) { #n, offsetof(struct user_regs_struct, n) }
		R(rip), R(rsp), R(rbp), R(rax), R(rbx), R(rcx), R(rdx),
		R(rsi), R(rdi), R(r8), R(r9), R(r10), R(r11), R(r12), R(r13),
		R(r14), R(r15), R(eflags), R(cs), R(ss), R(ds), R(es), R(fs),
		R(gs), R(fs_base), R(gs_base), R(orig_rax),
#undef R
	};
	static const char *const order[] = { "stop", "reason", "pid", "tid",
	    "breakpoint", "pc", "insn", "regs", "frames" };
	struct fs_session *s = launched("callee8-O0", NULL, "callee");
	const struct user_regs_struct *r;
	const struct fs_frame *f;
	json_t *o, *jr, *fr, *jf;
	const char *key;
	struct fs_err e;
	uint64_t v;
	size_t n, i;
	void *it;

	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	ck_assert_int_eq(fs_session_regs(s, &r, &e), 0);
	ck_assert_int_eq(fs_session_frames(s, &f, &n, &e), 0);
	o = snapshot(s);

	/* Fields in the documented order.  */
	for (i = 0, it = json_object_iter(o); it != NULL;
	    it = json_object_iter_next(o, it), i++) {
		key = json_object_iter_key(it);
		ck_assert_uint_lt(i, sizeof order / sizeof order[0]);
		ck_assert_str_eq(key, order[i]);
	}
	ck_assert_uint_eq(i, sizeof order / sizeof order[0]);
	ck_assert_int_eq(intval(o, "stop"),
	    (json_int_t)fs_session_stop(s)->number);
	ck_assert_int_eq(intval(o, "stop"), 1);
	ck_assert_str_eq(strval(o, "reason"), "breakpoint");
	ck_assert_int_eq(intval(o, "pid"), fs_session_pid(s));
	ck_assert_int_eq(intval(o, "tid"), fs_session_pid(s));
	ck_assert_int_eq(intval(o, "breakpoint"), 1);
	ck_assert_uint_eq(hexval(o, "pc"), r->rip);
	/* The article's first instruction of line 4, movq 16(%rbp), %rdx,
	   as gdb's x/i writes it.  */
	ck_assert_str_eq(strval(o, "insn"), "mov    0x10(%rbp),%rdx");
	ck_assert_ptr_null(json_object_get(o, "exit_code"));
	ck_assert_ptr_null(json_object_get(o, "signal"));

	jr = json_object_get(o, "regs");
	ck_assert(json_is_object(jr));
	ck_assert_uint_eq(json_object_size(jr), sizeof regs / sizeof regs[0]);
	for (i = 0, it = json_object_iter(jr); it != NULL;
	    it = json_object_iter_next(jr, it), i++) {
		ck_assert_str_eq(json_object_iter_key(it), regs[i].name);
		memcpy(&v, (const char *)r + regs[i].off, 8);
		ck_assert_uint_eq(hexval(jr, regs[i].name), v);
	}

	fr = json_object_get(o, "frames");
	ck_assert(json_is_array(fr));
	ck_assert_uint_eq(json_array_size(fr), n);
	ck_assert_uint_ge(n, 3);
	for (i = 0; i < n; i++) {
		jf = json_array_get(fr, i);
		ck_assert(json_is_object(jf));
		ck_assert_int_eq(intval(jf, "index"), (json_int_t)i);
		ck_assert_uint_eq(hexval(jf, "pc"), f[i].pc);
		ck_assert_uint_eq(hexval(jf, "sp"), f[i].sp);
		ck_assert_uint_eq(hexval(jf, "fp"), f[i].fp);
		if (f[i].cfa != 0)
			ck_assert_uint_eq(hexval(jf, "cfa"), f[i].cfa);
		else
			ck_assert(json_is_null(json_object_get(jf, "cfa")));
		ck_assert(json_object_get(jf, "function") != NULL);
		ck_assert(json_object_get(jf, "file") != NULL);
		ck_assert(json_object_get(jf, "line") != NULL);
		ck_assert(json_object_get(jf, "module") != NULL);
		ck_assert_ptr_null(json_object_get(jf, "signal_frame"));
	}
	jf = json_array_get(fr, 0);
	ck_assert_str_eq(strval(jf, "function"), "callee");
	ck_assert_str_eq(strval(jf, "file"), "callee8.c");
	ck_assert_int_eq(intval(jf, "line"), util_source_line("callee8.c",
	    "return arg7 + arg8;"));
	ck_assert_uint_eq(hexval(jf, "pc"), r->rip);
	ck_assert_uint_eq(hexval(jf, "cfa"), r->rbp + 16);
	ck_assert_str_eq(strval(jf, "module"),
	    fs_modules_exec(fs_session_modules(s))->path);
	/* The file to read: the sample's source.  */
	{
		char *src = util_source("callee8.c");
		char real[PATH_MAX], want[PATH_MAX];

		ck_assert_ptr_nonnull(realpath(strval(jf, "fullname"), real));
		ck_assert_ptr_nonnull(realpath(src, want));
		ck_assert_str_eq(real, want);
		free(src);
	}
	jf = json_array_get(fr, 1);
	ck_assert_str_eq(strval(jf, "function"), "main");
	ck_assert_str_eq(strval(jf, "file"), "callee8.c");
	ck_assert_int_eq(intval(jf, "line"), util_source_line("callee8.c",
	    "callee(1, 2"));
	/* Not cut at main: the last frame is _start, without lines.  */
	jf = json_array_get(fr, n - 1);
	ck_assert_str_eq(strval(jf, "function"), "_start");
	ck_assert(json_is_null(json_object_get(jf, "file")));
	ck_assert(json_is_null(json_object_get(jf, "line")));
	json_decref(o);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_entry_stop)
{
	struct fs_session *s = launched("callee8-O0", NULL, NULL);
	json_t *o = snapshot(s);

	ck_assert_int_eq(intval(o, "stop"), 0);
	ck_assert_str_eq(strval(o, "reason"), "entry");
	ck_assert_ptr_null(json_object_get(o, "breakpoint"));
	ck_assert(json_is_object(json_object_get(o, "regs")));
	ck_assert_uint_ge(json_array_size(json_object_get(o, "frames")), 1);
	json_decref(o);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_exited_stop)
{
	struct fs_session *s = launched("exitcode-O0", "7", NULL);
	struct fs_err e;
	json_t *o;

	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_EXITED);
	o = snapshot(s);
	ck_assert_int_eq(intval(o, "stop"), 1);
	ck_assert_str_eq(strval(o, "reason"), "exited");
	ck_assert_int_eq(intval(o, "exit_code"), 7);
	ck_assert_int_gt(intval(o, "pid"), 0);
	ck_assert_ptr_null(json_object_get(o, "pc"));
	ck_assert_ptr_null(json_object_get(o, "regs"));
	ck_assert_ptr_null(json_object_get(o, "signal"));
	ck_assert(json_is_array(json_object_get(o, "frames")));
	ck_assert_uint_eq(json_array_size(json_object_get(o, "frames")), 0);
	json_decref(o);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_signal_stops)
{
	struct fs_session *s = launched("segv-O0", NULL, NULL);
	json_t *o, *fr;
	struct fs_err e;

	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	o = snapshot(s);
	ck_assert_str_eq(strval(o, "reason"), "signal");
	ck_assert_str_eq(strval(o, "signal"), "SIGSEGV");
	if (json_object_get(o, "fault_addr") != NULL)
		ck_assert_uint_eq(hexval(o, "fault_addr"), 0);
	fr = json_object_get(o, "frames");
	ck_assert_str_eq(strval(json_array_get(fr, 0), "function"), "store");
	ck_assert_str_eq(strval(json_array_get(fr, 1), "function"), "crash");
	ck_assert_str_eq(strval(json_array_get(fr, 2), "function"), "main");
	json_decref(o);

	/* Killed by it: an exited stop with the signal, no exit code.  */
	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	o = snapshot(s);
	ck_assert_str_eq(strval(o, "reason"), "exited");
	ck_assert_str_eq(strval(o, "signal"), "SIGSEGV");
	ck_assert_ptr_null(json_object_get(o, "exit_code"));
	ck_assert_uint_eq(json_array_size(json_object_get(o, "frames")), 0);
	json_decref(o);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_signal_frame_marked)
{
	struct fs_session *s = launched("sighandler-O0", NULL, "in_handler");
	json_t *o, *f2;
	struct fs_err e;

	ck_assert_int_eq(fs_session_handle(s, SIGUSR1, 0, FS_SIG_STOP, &e), 0);
	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	ck_assert_int_eq(fs_session_stop(s)->reason, FS_STOP_BREAKPOINT);
	o = snapshot(s);
	f2 = json_array_get(json_object_get(o, "frames"), 2);
	ck_assert_str_eq(strval(f2, "function"), "<signal handler called>");
	ck_assert(json_is_true(json_object_get(f2, "signal_frame")));
	json_decref(o);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_write_is_one_line)
{
	struct fs_session *s = launched("callee8-O0", NULL, NULL);
	char *buf = NULL, *str = NULL;
	size_t len = 0;
	struct fs_err e;
	FILE *f;

	ck_assert_ptr_nonnull(f = open_memstream(&buf, &len));
	ck_assert_int_eq(fs_snapshot_write(s, f, &e), 0);
	ck_assert_int_eq(fs_snapshot_write(s, f, &e), 0);
	fclose(f);
	ck_assert_int_eq(fs_snapshot_string(s, &str, &e), 0);
	ck_assert_uint_eq(len, 2 * (strlen(str) + 1));
	ck_assert_int_eq(memcmp(buf, str, strlen(str)), 0);
	ck_assert_int_eq(buf[strlen(str)], '\n');
	ck_assert_int_eq(buf[len - 1], '\n');
	free(str);
	free(buf);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_no_process)
{
	struct fs_session *s;
	struct fs_err e;
	json_t *o;

	ck_assert_int_eq(fs_session_new(&s, &e), 0);
	o = snapshot(s);
	ck_assert_str_eq(strval(o, "reason"), "none");
	ck_assert_uint_eq(json_array_size(json_object_get(o, "frames")), 0);
	ck_assert_ptr_null(json_object_get(o, "regs"));
	json_decref(o);
	fs_session_free(s);
}
END_TEST

START_TEST(test_snapshot_reason_names)
{
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_NONE), "none");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_ENTRY), "entry");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_ATTACHED), "attached");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_BREAKPOINT),
	    "breakpoint");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_STEP), "step");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_SIGNAL), "signal");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_INTERRUPT), "interrupt");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_EXITED), "exited");
	ck_assert_str_eq(fs_snapshot_reason(-1), "none");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_WATCHPOINT),
	    "watchpoint");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_WATCH_SCOPE),
	    "watchpoint-scope");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_SMASH), "smash");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_NO_HISTORY),
	    "no-history");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_RECORD),
	    "record-stopped");
	ck_assert_str_eq(fs_snapshot_reason(FS_STOP_RECORD + 1), "none");
}
END_TEST

/* The full snapshot: each frame's variables as objects a reader need
   not parse (members of structs and arrays too), where each lives, and
   its slots with the documented kinds and its state.  */
static json_t *
var_named(json_t *vars, const char *name)
{
	size_t i;

	for (i = 0; i < json_array_size(vars); i++)
		if (strcmp(json_string_value(json_object_get(
		    json_array_get(vars, i), "name")), name) == 0)
			return json_array_get(vars, i);
	return NULL;
}

START_TEST(test_snapshot_vars_and_slots)
{
	static const char *const kinds[] = { "return-address", "saved-fp",
	    "saved-register", "canary", "param", "local", "outgoing-arg",
	    "red-zone", "padding", "temporary", "unknown" };
	struct fs_session *s = launched("types-O0", NULL, "inspect");
	struct fs_anatomy *a;
	json_t *o, *f0, *v, *m, *sl;
	json_error_t jerr;
	struct fs_err e;
	char *str = NULL;
	size_t i, k;
	bool known;

	ck_assert_int_eq(fs_session_cont(s, &e), 0);
	ck_assert_int_eq(fs_anatomy_new(&a, &e), 0);
	ck_assert_int_eq(fs_snapshot_string_slots(s, a, &str, &e), 0);
	ck_assert_ptr_nonnull(o = json_loads(str, 0, &jerr));
	f0 = json_array_get(json_object_get(o, "frames"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f0, "function")),
	    "inspect");
	ck_assert_str_eq(json_string_value(json_object_get(f0, "state")),
	    "body");
	/* A parameter in memory, with its address and size.  */
	ck_assert_ptr_nonnull(v = var_named(json_object_get(f0, "vars"), "n"));
	ck_assert_str_eq(json_string_value(json_object_get(v, "kind")),
	    "param");
	ck_assert_str_eq(json_string_value(json_object_get(v, "type")), "int");
	ck_assert_str_eq(json_string_value(json_object_get(v, "value")), "4");
	ck_assert_str_eq(json_string_value(json_object_get(v, "location")),
	    "stack");
	ck_assert_int_eq(json_integer_value(json_object_get(v, "size")), 4);
	ck_assert(json_is_string(json_object_get(v, "addr")));
	/* A struct's members: objects with their own values and
	   addresses.  */
	ck_assert_ptr_nonnull(v = var_named(json_object_get(f0, "vars"),
	    "tail"));
	ck_assert_str_eq(json_string_value(json_object_get(v, "kind")),
	    "local");
	m = json_object_get(v, "members");
	ck_assert_uint_eq(json_array_size(m), 2);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(m, 0), "name")), "value");
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(m, 1), "name")), "next");
	ck_assert_uint_eq(util_jhex(json_array_get(m, 0), "addr"),
	    util_jhex(v, "addr"));
	/* An array's elements as [i].  */
	ck_assert_ptr_nonnull(v = var_named(json_object_get(f0, "vars"),
	    "name"));
	m = json_object_get(v, "members");
	ck_assert_uint_eq(json_array_size(m), 8);
	ck_assert_str_eq(json_string_value(json_object_get(
	    json_array_get(m, 3), "name")), "[3]");
	/* Slots, of the documented kinds, with one label string.  */
	sl = json_object_get(f0, "slots");
	ck_assert_uint_gt(json_array_size(sl), 4);
	for (i = 0; i < json_array_size(sl); i++) {
		const char *kind = json_string_value(json_object_get(
		    json_array_get(sl, i), "kind"));

		for (k = 0, known = false; k < sizeof kinds / sizeof kinds[0];
		    k++)
			if (strcmp(kind, kinds[k]) == 0)
				known = true;
		ck_assert_msg(known, "slot kind %s", kind);
		ck_assert(json_is_string(json_object_get(json_array_get(sl, i),
		    "label")));
		/* What it is in frames' words: a variable's kind, then its
		   labels.  */
		{
			const char *text = json_string_value(json_object_get(
			    json_array_get(sl, i), "text"));
			const char *label = json_string_value(json_object_get(
			    json_array_get(sl, i), "label"));
			char want[512];

			ck_assert_ptr_nonnull(text);
			if (strcmp(kind, "param") != 0 &&
			    strcmp(kind, "local") != 0)
				continue;
			snprintf(want, sizeof want, "%s %s", kind, label);
			ck_assert_msg(strncmp(text, want, strlen(want)) == 0,
			    "'%s' is not '%s...'", text, want);
		}
	}
	json_decref(o);
	free(str);
	fs_anatomy_free(a);
	fs_session_free(s);
}
END_TEST

Suite *
snapshot_suite(void)
{
	Suite *s = suite_create("snapshot");
	TCase *tc;

	tc = tcase_create("describes_stops");
	tcase_set_timeout(tc, 20);
	tcase_add_checked_fixture(tc, util_quiet_setup, util_quiet_teardown);
	tcase_add_test(tc, test_snapshot_breakpoint_stop);
	tcase_add_test(tc, test_snapshot_entry_stop);
	tcase_add_test(tc, test_snapshot_exited_stop);
	tcase_add_test(tc, test_snapshot_signal_stops);
	tcase_add_test(tc, test_snapshot_signal_frame_marked);
	tcase_add_test(tc, test_snapshot_write_is_one_line);
	tcase_add_test(tc, test_snapshot_no_process);
	tcase_add_test(tc, test_snapshot_vars_and_slots);
	suite_add_tcase(s, tc);

	tc = tcase_create("names_reasons");
	tcase_add_test(tc, test_snapshot_reason_names);
	suite_add_tcase(s, tc);
	return s;
}
