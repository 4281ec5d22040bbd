/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the fuzz targets share: the table of targets, reading an input,
   and ELF files made of an input's sections (see fuzz.h).  */
#include <sys/mman.h>

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <zlib.h>

#include "fs_loc.h"
#include "fuzz.h"

const struct fuzz_target fuzz_targets[] = {
	{ "elf", fuzz_elf_init, fuzz_elf },
	{ "dwarf", fuzz_dwarf_init, fuzz_dwarf },
	{ "dwcache", fuzz_dwcache_init, fuzz_dwcache },
	{ "loc", NULL, fuzz_loc },
	{ "cfi", NULL, fuzz_cfi },
	{ "unwind", fuzz_unwind_init, fuzz_unwind },
	{ "cmd", fuzz_cmd_init, fuzz_cmd },
	{ "eval", fuzz_eval_init, fuzz_eval },
	{ "recfile", fuzz_recfile_init, fuzz_recfile },
	{ NULL, NULL, NULL },
};

const struct fuzz_target *
fuzz_target_find(const char *name)
{
	const struct fuzz_target *t;

	for (t = fuzz_targets; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}

uint8_t
fuzz_u8(struct fuzz_in *in)
{
	if (in->n == 0)
		return 0;
	in->n--;
	return *in->p++;
}

static uint64_t
fuzz_le(struct fuzz_in *in, unsigned nbytes)
{
	uint64_t v = 0;
	unsigned i;

	for (i = 0; i < nbytes; i++)
		v |= (uint64_t)fuzz_u8(in) << (8 * i);
	return v;
}

uint16_t
fuzz_u16(struct fuzz_in *in)
{
	return (uint16_t)fuzz_le(in, 2);
}

uint32_t
fuzz_u32(struct fuzz_in *in)
{
	return (uint32_t)fuzz_le(in, 4);
}

uint64_t
fuzz_u64(struct fuzz_in *in)
{
	return fuzz_le(in, 8);
}

const uint8_t *
fuzz_bytes(struct fuzz_in *in, size_t len, size_t *got)
{
	const uint8_t *p = in->p;

	if (len > in->n)
		len = in->n;
	in->p += len;
	in->n -= len;
	*got = len;
	return p;
}

/*
 * The made-up frame: every register known but r11, each holding its
 * number plus one times 0x1000 (rsp 0x7fffffffe000); memory readable from
 * 4096 up, each byte the low byte of its address; the typed stack's base
 * types and .debug_addr entries made up from their operands.
 */
static int
frame_reg(void *arg, unsigned r, uint64_t *val)
{
	(void)arg;
	if (r == 11)
		return -FS_E_NOENT;
	*val = r == FS_DWREG_RSP ? 0x7fffffffe000 : 0x1000 * ((uint64_t)r + 1);
	return 0;
}

static int
frame_regbytes(void *arg, unsigned r, uint8_t buf[16])
{
	(void)arg;
	memset(buf, (int)r, 16);
	return 0;
}

int
fuzz_frame_mem(void *arg, uint64_t addr, void *buf, size_t len)
{
	uint8_t *b = buf;
	size_t i;

	(void)arg;
	if (addr < 4096 || addr + len < addr || len > (1u << 20))
		return -FS_E_NOENT;
	for (i = 0; i < len; i++)
		b[i] = (uint8_t)(addr + i);
	return 0;
}

static int
frame_base_type(void *arg, uint64_t die, unsigned *size, enum fs_ate *enc)
{
	static const enum fs_ate encs[] = { FS_ATE_SIGNED, FS_ATE_UNSIGNED,
	    FS_ATE_FLOAT, FS_ATE_BOOLEAN, FS_ATE_OTHER };

	(void)arg;
	if (die == 0)
		return -FS_E_NOENT;
	*size = (unsigned)(die % 17);
	*enc = encs[die % 5];
	return 0;
}

static int
frame_addrx(void *arg, uint64_t index, uint64_t *addr)
{
	(void)arg;
	if (index > 1000)
		return -FS_E_NOENT;
	*addr = 0x4000 + index * 8;
	return 0;
}

void
fuzz_frame(struct fs_loc_ctx *c)
{
	memset(c, 0, sizeof *c);
	c->reg = frame_reg;
	c->regbytes = frame_regbytes;
	c->mem = fuzz_frame_mem;
	c->entry_reg = frame_reg;
	c->base_type = frame_base_type;
	c->addrx = frame_addrx;
	c->pc = 0x555555555140;
	c->bias = 0x555555554000;
	c->cfa = 0x7fffffffe010;
	c->tls_base = 0x7ffff7d80000;
}

const char *
fuzz_sample(const char *name)
{
	static char buf[4096];
	const char *dir = getenv("SAMPLES");

	snprintf(buf, sizeof buf, "%s/%s", dir != NULL ? dir : "samples/bin",
	    name);
	return buf;
}

static const char *const sec_names[FUZZ_SEC_N] = {
	".debug_info", ".debug_abbrev", ".debug_line", ".debug_str",
	".debug_line_str", ".debug_loclists", ".debug_rnglists",
	".debug_aranges", ".debug_addr", ".debug_str_offsets",
	".debug_ranges", ".debug_loc", ".text", ".eh_frame_hdr",
	".eh_frame", ".note.gnu.build-id",
};

const char *
fuzz_sec_name(unsigned s)
{
	return s < FUZZ_SEC_N ? sec_names[s] : NULL;
}

int
fuzz_put(uint8_t **buf, size_t *len, const void *data, size_t size)
{
	uint8_t *n;

	if ((n = realloc(*buf, *len + size + 1)) == NULL)
		return -1;
	*buf = n;
	if (size > 0)
		memcpy(n + *len, data, size);
	*len += size;
	return 0;
}

int
fuzz_sec_put(uint8_t **buf, size_t *len, unsigned sec, uint64_t addr,
    const void *data, uint32_t size)
{
	uint8_t head[13];
	unsigned i;

	head[0] = (uint8_t)sec;
	for (i = 0; i < 8; i++)
		head[1 + i] = (uint8_t)(addr >> (8 * i));
	for (i = 0; i < 4; i++)
		head[9 + i] = (uint8_t)(size >> (8 * i));
	if (fuzz_put(buf, len, head, sizeof head) < 0)
		return -1;
	return fuzz_put(buf, len, data, size);
}

/*
 * In an object file (ET_REL) the DWARF's addresses and its offsets into
 * .debug_str and the others are relocations still: applied here (S + A,
 * each code section given an address of its own, one after the other),
 * so that the sections read as a linked file's.  Only the relocations
 * DWARF has on x86-64 (R_X86_64_64, _32, _32S) are applied.
 */
struct relocs {
	Elf		*elf;
	uint64_t	*addr;		/* by section index */
	size_t		 nsec;
	Elf_Data	*syms;
};

static void
relocate(const struct relocs *r, size_t target, uint8_t *data, size_t size)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr sh;
	GElf_Rela rela;
	GElf_Sym sym;
	Elf_Data *d;
	uint64_t v, off;
	size_t i, n, k, width;

	while ((scn = elf_nextscn(r->elf, scn)) != NULL) {
		if (gelf_getshdr(scn, &sh) == NULL || sh.sh_type != SHT_RELA ||
		    sh.sh_info != target || sh.sh_entsize == 0 ||
		    (d = elf_getdata(scn, NULL)) == NULL)
			continue;
		n = sh.sh_size / sh.sh_entsize;
		for (i = 0; i < n && i <= INT32_MAX; i++) {
			if (gelf_getrela(d, (int)i, &rela) == NULL ||
			    gelf_getsym(r->syms, (int)GELF_R_SYM(rela.r_info),
			    &sym) == NULL)
				break;
			switch (GELF_R_TYPE(rela.r_info)) {
			case R_X86_64_64: width = 8; break;
			case R_X86_64_32: case R_X86_64_32S: width = 4; break;
			default: continue;
			}
			off = rela.r_offset;
			if (off > size || width > size - off)
				continue;
			v = sym.st_value + (uint64_t)rela.r_addend +
			    (sym.st_shndx < r->nsec ? r->addr[sym.st_shndx] : 0);
			for (k = 0; k < width; k++)
				data[off + k] = (uint8_t)(v >> (8 * k));
		}
	}
}

int
fuzz_sections_of(const char *path, unsigned long want, unsigned flags,
    uint8_t **buf, size_t *len)
{
	struct relocs r = { NULL, NULL, 0, NULL };
	const char *sname;
	size_t shstrndx, i;
	Elf_Scn *scn = NULL;
	Elf_Data *d;
	GElf_Ehdr eh;
	GElf_Shdr sh;
	uint64_t next = 0x1000;
	uint8_t *copy;
	unsigned s;
	int fd, rc = 0;

	if (elf_version(EV_CURRENT) == EV_NONE ||
	    (fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		return -1;
	if ((r.elf = elf_begin(fd, ELF_C_READ, NULL)) == NULL ||
	    gelf_getehdr(r.elf, &eh) == NULL ||
	    elf_getshdrstrndx(r.elf, &shstrndx) != 0 ||
	    elf_getshdrnum(r.elf, &r.nsec) != 0 ||
	    (r.addr = calloc(r.nsec + 1, sizeof *r.addr)) == NULL) {
		elf_end(r.elf);
		close(fd);
		return -1;
	}
	for (i = 0; eh.e_type == ET_REL && i < r.nsec; i++) {
		if ((scn = elf_getscn(r.elf, i)) == NULL ||
		    gelf_getshdr(scn, &sh) == NULL)
			continue;
		if (sh.sh_type == SHT_SYMTAB)
			r.syms = elf_getdata(scn, NULL);
		if (sh.sh_flags & SHF_ALLOC) {
			next = (next + 15) & ~(uint64_t)15;
			r.addr[i] = next;
			next += sh.sh_size;
		}
	}
	scn = NULL;
	while ((scn = elf_nextscn(r.elf, scn)) != NULL && rc == 0) {
		if (gelf_getshdr(scn, &sh) == NULL ||
		    sh.sh_type == SHT_NOBITS ||
		    (sname = elf_strptr(r.elf, shstrndx, sh.sh_name)) == NULL)
			continue;
		for (s = 0; s < FUZZ_SEC_N; s++)
			if (strcmp(sec_names[s], sname) == 0)
				break;
		if (s == FUZZ_SEC_N || !(want & (1ul << s)) ||
		    (d = elf_rawdata(scn, NULL)) == NULL ||
		    (eh.e_type == ET_REL && (sh.sh_flags & SHF_ALLOC)))
			continue;
		if ((copy = malloc(d->d_size + 1)) == NULL) {
			rc = -1;
			break;
		}
		memcpy(copy, d->d_buf, d->d_size);
		if (eh.e_type == ET_REL && r.syms != NULL)
			relocate(&r, elf_ndxscn(scn), copy, d->d_size);
		rc = fuzz_sec_put(buf, len, s | (s < FUZZ_SEC_TEXT ? flags : 0),
		    sh.sh_flags & SHF_ALLOC ? sh.sh_addr : 0, copy,
		    (uint32_t)d->d_size);
		free(copy);
	}
	free(r.addr);
	elf_end(r.elf);
	close(fd);
	return rc;
}

/* A growing output file.  */
struct out {
	uint8_t	*p;
	size_t	 n, cap;
	bool	 err;
};

static size_t
out_put(struct out *o, const void *v, size_t n)
{
	size_t at = o->n;

	if (o->err)
		return 0;
	if (o->n + n > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		uint8_t *np;

		while (cap < o->n + n)
			cap *= 2;
		if ((np = realloc(o->p, cap)) == NULL) {
			o->err = true;
			return 0;
		}
		o->p = np;
		o->cap = cap;
	}
	if (n > 0)
		memcpy(o->p + o->n, v, n);
	o->n += n;
	return at;
}

static void
out_align(struct out *o, size_t a)
{
	static const uint8_t zero[16];

	out_put(o, zero, (a - o->n % a) % a);
}

#define MAXSEC	32

struct sec {
	unsigned	 id;		/* FUZZ_SEC_*, flags included */
	uint64_t	 addr;
	const uint8_t	*data;
	size_t		 size;
	uint64_t	 off, fsize;	/* where it went in the file */
	uint32_t	 name;
};

/* Write S's bytes, compressed when its flags say so.  */
static void
sec_write(struct out *o, struct sec *s)
{
	uLongf zlen = compressBound(s->size);
	uint8_t *z;

	s->off = o->n;
	if (!(s->id & (FUZZ_SEC_COMPRESSED | FUZZ_SEC_ZDEBUG))) {
		out_put(o, s->data, s->size);
		s->fsize = s->size;
		return;
	}
	if ((z = malloc(zlen)) == NULL ||
	    compress2(z, &zlen, s->data, s->size, 1) != Z_OK) {
		free(z);
		o->err = true;
		return;
	}
	if (s->id & FUZZ_SEC_COMPRESSED) {
		Elf64_Chdr ch = { .ch_type = ELFCOMPRESS_ZLIB, .ch_size =
		    s->size, .ch_addralign = 1 };

		out_put(o, &ch, sizeof ch);
	} else {
		uint8_t hdr[12] = "ZLIB";
		unsigned i;

		for (i = 0; i < 8; i++)
			hdr[4 + i] = (uint8_t)((uint64_t)s->size >>
			    (56 - 8 * i));
		out_put(o, hdr, sizeof hdr);
	}
	out_put(o, z, zlen);
	free(z);
	s->fsize = o->n - s->off;
}

int
fuzz_elf_image(const uint8_t *data, size_t size, char *path, size_t pathsz)
{
	struct fuzz_in in = { data, size };
	struct sec secs[MAXSEC];
	struct out o = { NULL, 0, 0, false };
	Elf64_Ehdr eh;
	Elf64_Phdr ph;
	Elf64_Shdr sh;
	size_t nsec = 0, nph = 0, i, phoff, shstr, shstrsz, len;
	char name[64];
	int fd;

	while (in.n >= 13 && nsec < MAXSEC) {
		struct sec *s = &secs[nsec];

		s->id = fuzz_u8(&in);
		s->addr = fuzz_u64(&in);
		len = fuzz_u32(&in);
		s->data = fuzz_bytes(&in, len, &s->size);
		if (fuzz_sec_name(s->id & 0x3f) == NULL)
			continue;
		/* Only the DWARF is ever compressed.  */
		if ((s->id & 0x3f) >= FUZZ_SEC_TEXT)
			s->id &= 0x3f;
		if (s->addr != 0)
			nph++;
		if ((s->id & 0x3f) == FUZZ_SEC_EH_FRAME_HDR && s->addr != 0)
			nph++;
		nsec++;
	}

	memset(&eh, 0, sizeof eh);
	memcpy(eh.e_ident, ELFMAG, SELFMAG);
	eh.e_ident[EI_CLASS] = ELFCLASS64;
	eh.e_ident[EI_DATA] = ELFDATA2LSB;
	eh.e_ident[EI_VERSION] = EV_CURRENT;
	eh.e_type = ET_DYN;
	eh.e_machine = EM_X86_64;
	eh.e_version = EV_CURRENT;
	eh.e_ehsize = sizeof eh;
	eh.e_phentsize = sizeof ph;
	eh.e_phnum = (Elf64_Half)nph;
	eh.e_shentsize = sizeof sh;
	eh.e_shnum = (Elf64_Half)(nsec + 2);
	eh.e_shstrndx = (Elf64_Half)(nsec + 1);
	out_put(&o, &eh, sizeof eh);
	phoff = o.n;
	for (i = 0; i < nph; i++)
		out_put(&o, &ph, sizeof ph);
	for (i = 0; i < nsec; i++) {
		out_align(&o, 16);
		sec_write(&o, &secs[i]);
	}

	/* The section names.  */
	shstr = o.n;
	out_put(&o, "\0.shstrtab", 11);
	for (i = 0; i < nsec; i++) {
		const char *n = fuzz_sec_name(secs[i].id & 0x3f);

		if (secs[i].id & FUZZ_SEC_ZDEBUG)
			snprintf(name, sizeof name, ".z%s", n + 1);
		else
			snprintf(name, sizeof name, "%s", n);
		secs[i].name = (uint32_t)(o.n - shstr);
		out_put(&o, name, strlen(name) + 1);
	}
	shstrsz = o.n - shstr;

	/* The program headers.  */
	nph = 0;
	for (i = 0; i < nsec && !o.err; i++) {
		unsigned id = secs[i].id & 0x3f;

		if (secs[i].addr == 0)
			continue;
		memset(&ph, 0, sizeof ph);
		ph.p_type = PT_LOAD;
		ph.p_flags = PF_R | (id == FUZZ_SEC_TEXT ? PF_X : 0);
		ph.p_offset = secs[i].off;
		ph.p_vaddr = ph.p_paddr = secs[i].addr;
		ph.p_filesz = ph.p_memsz = secs[i].fsize;
		ph.p_align = 1;
		memcpy(o.p + phoff + nph++ * sizeof ph, &ph, sizeof ph);
		if (id == FUZZ_SEC_EH_FRAME_HDR) {
			ph.p_type = PT_GNU_EH_FRAME;
			memcpy(o.p + phoff + nph++ * sizeof ph, &ph, sizeof ph);
		}
	}

	/* The section headers.  */
	out_align(&o, 8);
	if (!o.err) {
		Elf64_Ehdr *hp = (Elf64_Ehdr *)o.p;

		hp->e_phoff = nph > 0 ? phoff : 0;
		hp->e_shoff = o.n;
	}
	memset(&sh, 0, sizeof sh);
	out_put(&o, &sh, sizeof sh);
	for (i = 0; i < nsec; i++) {
		unsigned id = secs[i].id & 0x3f;

		memset(&sh, 0, sizeof sh);
		sh.sh_name = secs[i].name;
		sh.sh_type = id == FUZZ_SEC_NOTE ? SHT_NOTE : SHT_PROGBITS;
		if (secs[i].addr != 0)
			sh.sh_flags = SHF_ALLOC;
		if (id == FUZZ_SEC_TEXT)
			sh.sh_flags |= SHF_EXECINSTR;
		if (secs[i].id & FUZZ_SEC_COMPRESSED)
			sh.sh_flags |= SHF_COMPRESSED;
		sh.sh_addr = secs[i].addr;
		sh.sh_offset = secs[i].off;
		sh.sh_size = secs[i].fsize;
		sh.sh_addralign = 1;
		out_put(&o, &sh, sizeof sh);
	}
	memset(&sh, 0, sizeof sh);
	sh.sh_name = 1;
	sh.sh_type = SHT_STRTAB;
	sh.sh_offset = shstr;
	sh.sh_size = shstrsz;
	sh.sh_addralign = 1;
	out_put(&o, &sh, sizeof sh);

	fd = o.err ? -1 : fuzz_memfile(o.p, o.n, path, pathsz);
	free(o.p);
	return fd;
}

int
fuzz_memfile(const void *data, size_t size, char *path, size_t pathsz)
{
	const uint8_t *p = data;
	ssize_t w;
	int fd;

	if ((fd = memfd_create("fuzz", MFD_CLOEXEC)) < 0)
		return -1;
	while (size > 0) {
		if ((w = write(fd, p, size)) <= 0) {
			close(fd);
			return -1;
		}
		p += w;
		size -= (size_t)w;
	}
	snprintf(path, pathsz, "/proc/self/fd/%d", fd);
	return fd;
}
