/* SPDX-License-Identifier: GPL-3.0-or-later */
/*
 * cmd_guard: the stack's integrity: guard (stop at the store that smashes
 * a frame), info guard, info slot (who last wrote a stack word), and the
 * report of a guard's stop.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "cmd_int.h"
#include "fs_anatomy.h"
#include "fs_guard.h"
#include "fs_sbuf.h"
#include "fs_vars.h"

#define MAXSHOWN	32	/* control slots info guard lists */

/* The guard names variables through a provider of its own: the slot
   map's is tied to the stops the views show.  */
static int
guard_provider(struct cmd_ctx *c)
{
	if (c->gprov == NULL &&
	    (c->gprov = calloc(1, sizeof *c->gprov)) == NULL)
		return cmd_fail(c, "out of memory");
	fs_guard_set_provider(fs_session_guard(c->s), fs_vars_provide,
	    c->gprov);
	return 0;
}

static int
c_guard(struct cmd_ctx *c, char *arg)
{
	struct fs_guard *g = fs_session_guard(c->s);
	char *w = cmd_word(&arg);
	bool on;

	if (w == NULL || strcmp(w, "on") == 0)
		on = true;
	else if (strcmp(w, "off") == 0)
		on = false;
	else
		return cmd_fail(c, "Usage: guard [on|off]");
	if (cmd_word(&arg) != NULL)
		return cmd_fail(c, "Usage: guard [on|off]");
	if (on && guard_provider(c) < 0)
		return -1;
	fs_guard_set(g, c->s, on);
	if (on)
		fprintf(c->out, "Guard on: continue, next and finish stop at a "
		    "store that overwrites a return address, saved register or "
		    "canary, or runs past the end of a local array or "
		    "struct.\n");
	else
		fprintf(c->out, "Guard off.\n");
	return 0;
}

void
cmd_print_smash(struct cmd_ctx *c)
{
	const struct fs_smash *sm = fs_guard_smash(fs_session_guard(c->s));

	fprintf(c->out, "\n%s\n", sm->msg);
	/* A library function: its own first store, which varies with the C
	   library and the machine, said apart.  */
	if (sm->by.insn[0] != '\0' && sm->by.call_func != NULL)
		fprintf(c->out, "First overwritten by %s in %s.\n",
		    sm->by.insn, sm->by.func != NULL ? sm->by.func : "??");
}

/* The frame of the stop whose slots hold ADDR, from the slot map:
   *FA and *SL, or -1.  */
static int
slot_find(struct cmd_ctx *c, uint64_t addr, const struct fs_frame_anatomy **fa,
    const struct fs_slot **sl)
{
	const struct fs_frame_anatomy *all;
	struct fs_err e;
	size_t n, i;

	if (cmd_anatomy(c, &e) < 0 ||
	    fs_anatomy_compute(c->anat, c->s, 0, &all, &n, &e) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (all[i].nslots > 0 && addr >= all[i].lo && addr < all[i].hi) {
			*fa = &all[i];
			*sl = &all[i].slots[(addr - all[i].lo) /
			    all[i].word];
			return 0;
		}
	return -1;
}

/* info slot ADDR|EXPR: the word, what it is, and who last wrote it.  */
static int
info_slot(struct cmd_ctx *c, char *arg)
{
	struct fs_guard *g = fs_session_guard(c->s);
	const struct fs_arch *a = fs_session_arch(c->s);
	const int dig = (int)a->word * 2;
	const struct fs_frame_anatomy *fa;
	const struct fs_slot *sl;
	struct fs_vars_lvalue lv;
	struct fs_writer w;
	struct fs_err e;
	char text[1024], off[32], by[600], fr[32];
	uint64_t addr, v;
	bool obj;

	arg = cmd_skip(arg);
	if (*arg == '\0')
		return cmd_fail(c, "Argument required (an address or an "
		    "expression).");
	if (!fs_session_alive(c->s))
		return cmd_fail(c, "The program is not being run.");
	/* An object's address (buf, arr[3]), else a number or register
	   ($rsp+8).  */
	obj = fs_vars_lvalue(c->s, c->frame, arg, NULL, &lv, NULL) == 0;
	if (obj) {
		addr = lv.addr;
		free(lv.text);
		/* a + b names no object: a number.  */
		obj = lv.rvalue == NULL;
		free(lv.rvalue);
	}
	if (!obj && fs_session_eval_addr(c->s, arg, c->frame, &addr, &e) < 0)
		return cmd_fail_err(c, &e);
	addr &= ~(uint64_t)(a->word - 1);
	v = 0;
	if (fs_session_read(c->s, addr, &v, a->word, NULL) != (ssize_t)a->word)
		return cmd_fail(c, "Cannot access memory at address 0x%" PRIx64,
		    addr);
	if (slot_find(c, addr, &fa, &sl) == 0) {
		fs_slot_text(sl, "->", true, text, sizeof text);
		if (sl->has_rbp_off)
			snprintf(off, sizeof off, "%s%+" PRId64, a->fp,
			    sl->rbp_off);
		else
			snprintf(off, sizeof off, "cfa%+" PRId64, sl->cfa_off);
		fprintf(c->out, "Slot 0x%0*" PRIx64 " (%s of frame #%u %s): "
		    "%s\n", dig, addr, off, fa->index, fa->frame->where.func ?
		    fa->frame->where.func : "??", text[0] ? text :
		    "nothing known");
	} else
		fprintf(c->out, "Slot 0x%0*" PRIx64 " (in no frame of the "
		    "stop)\n", dig, addr);
	fprintf(c->out, "Value 0x%0*" PRIx64 "\n", dig, v);
	if (fs_guard_last_writer(g, c->s, addr, &w) == 1) {
		fs_writer_text(&w, by, sizeof by);
		if (w.returned)
			snprintf(fr, sizeof fr, "in a frame since returned");
		else
			snprintf(fr, sizeof fr, "in frame #%u", w.frame);
		fprintf(c->out, "Last written by %s, %s, %s %lu\n", by, fr,
		    w.recorded ? "at step" : "at stop", w.stop);
	} else
		fprintf(c->out, "Last written: unknown (written while "
		    "running)\n");
	return 0;
}

/* info guard: on or off, and what it watches now.  */
static int
info_guard(struct cmd_ctx *c, char *arg)
{
	struct fs_guard *g = fs_session_guard(c->s);
	const struct fs_guard_watch *wv;
	unsigned long traps, steps, arms;
	size_t n, i;

	(void)arg;
	fprintf(c->out, "Guard is %s.\n", fs_guard_on(g) ? "on" : "off");
	if (!fs_session_alive(c->s))
		return 0;
	if (fs_guard_watches(g, c->s, &wv, &n) < 0)
		n = 0;
	if (n > 0)
		fprintf(c->out, "Control slots of the live frames:\n");
	/* The innermost ones: a deep recursion has thousands.  */
	if (n > MAXSHOWN)
		fprintf(c->out, "  ... %zu more in the outer frames\n",
		    n - MAXSHOWN);
	for (i = n > MAXSHOWN ? n - MAXSHOWN : 0; i < n; i++)
		fprintf(c->out, "  0x%0*" PRIx64 "  %-40s %s\n",
		    (int)fs_session_arch(c->s)->word * 2, wv[i].addr,
		    wv[i].what, wv[i].how);
	fs_guard_counts(g, &traps, &steps, &arms);
	if (fs_guard_on(g))
		fprintf(c->out, "Since it was turned on: %lu stops of its own, "
		    "%lu single steps judged, %lu armings.\n", traps, steps,
		    arms);
	return 0;
}

const struct cmd_entry cmd_guard_table[] = {
	{ "guard", { NULL }, c_guard, NULL,
	    "guard [on|off] -- stop at the store that smashes a frame" },
	{ NULL, { NULL }, NULL, NULL, NULL },
};

const struct cmd_sub cmd_guard_info[] = {
	{ "guard", 5, info_guard },
	{ "slot", 4, info_slot },
	{ NULL, 0, NULL },
};
