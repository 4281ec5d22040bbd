/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Fuzz target "loc": one DWARF location expression evaluated by fs_loc's
   stack machine in a made-up frame, the object it locates read, and the
   words that say where it lives.  The input: a byte of flags (which of
   the frame's optional parts are known), the length and bytes of the
   function's frame base expression, then the expression.  */
#include <string.h>

#include "fs_loc.h"
#include "fuzz.h"

static int
reg(void *arg, unsigned r, uint64_t *val)
{
	(void)arg;
	if (r == 11)		/* a register the frame does not know */
		return -2;
	*val = r == FS_DWREG_RSP ? 0x7fffffffe000 : 0x1000 * (r + 1);
	return 0;
}

static int
regbytes(void *arg, unsigned r, uint8_t buf[16])
{
	(void)arg;
	memset(buf, (int)r, 16);
	return 0;
}

/* Memory: readable above 4096, each byte the low byte of its address.  */
static int
mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	uint8_t *b = buf;
	size_t i;

	(void)arg;
	if (addr < 4096 || addr + len < addr || len > (1u << 16))
		return -2;
	for (i = 0; i < len; i++)
		b[i] = (uint8_t)(addr + i);
	return 0;
}

static int
base_type(void *arg, uint64_t die, unsigned *size, enum fs_ate *enc)
{
	static const enum fs_ate encs[] = { FS_ATE_SIGNED, FS_ATE_UNSIGNED,
	    FS_ATE_FLOAT, FS_ATE_BOOLEAN, FS_ATE_OTHER };

	(void)arg;
	if (die == 0)
		return -2;
	*size = (unsigned)(die % 17);
	*enc = encs[die % 5];
	return 0;
}

static int
addrx(void *arg, uint64_t index, uint64_t *addr)
{
	(void)arg;
	if (index > 1000)
		return -2;
	*addr = 0x4000 + index * 8;
	return 0;
}

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
	memset(&c, 0, sizeof c);
	c.reg = reg;
	c.mem = mem;
	c.pc = 0x555555555140;
	c.bias = 0x555555554000;
	if (flags & 0x01)
		c.cfa = 0x7fffffffe010;
	if (flags & 0x02)
		c.entry_reg = reg;
	if (flags & 0x04)
		c.base_type = base_type;
	if (flags & 0x08)
		c.addrx = addrx;
	if (flags & 0x10)
		c.regbytes = regbytes;
	if (flags & 0x20)
		c.tls_base = 0x7ffff7d80000;
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
