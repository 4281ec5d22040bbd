/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "loc": one DWARF location expression evaluated by fs_loc's
   stack machine in a made-up frame, the object it locates read, and the
   words that say where it lives.  The input: a byte of flags (which of
   the frame's optional parts are known), the length and bytes of the
   function's frame base expression, then the expression.  */
#include <string.h>

#include "fs_loc.h"
#include "fuzz.h"

void
fuzz_loc(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	struct fs_loc_ctx c;
	struct fs_location l;
	struct fs_locval v;
	uint8_t flags, buf[48], valid[48];
	char text[128];
	size_t n;

	flags = fuzz_u8(&in);
	fuzz_frame(&c);
	if (!(flags & 0x01))
		c.cfa = 0;
	if (!(flags & 0x02))
		c.entry_reg = NULL;
	if (!(flags & 0x04))
		c.base_type = NULL;
	if (!(flags & 0x08))
		c.addrx = NULL;
	if (!(flags & 0x10))
		c.regbytes = NULL;
	if (!(flags & 0x20))
		c.tls_base = 0;
	c.frame_base.ops = fuzz_bytes(&in, fuzz_u8(&in) % 16, &n);
	c.frame_base.len = n;

	memset(&l, 0, sizeof l);
	l.kind = FS_LOC_EXPR;
	l.expr.ops = fuzz_bytes(&in, in.n, &l.expr.len);
	if (fs_loc_eval(&l.expr, &c, &v, NULL) == 0)
		(void)fs_loc_read(&v, &c, buf, sizeof buf, valid, NULL);
	if (fs_loc_locate(&l, 0x1140, &c, &v, NULL) == 0)
		(void)fs_loc_read(&v, &c, buf, 8, NULL, NULL);
	(void)fs_loc_describe(&l, 0x1140, &c, (flags & 0x40) != 0, text,
	    sizeof text);
}
