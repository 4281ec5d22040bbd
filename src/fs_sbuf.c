/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fs_sbuf: a growing string (see include/fs_sbuf.h). */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs_sbuf.h"

void
fs_sbuf_add(struct fs_sbuf *b, const char *p, size_t n)
{
	char *ns;
	size_t nc;

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		nc = b->cap ? b->cap : 128;
		while (b->len + n + 1 > nc)
			nc *= 2;
		if ((ns = realloc(b->s, nc)) == NULL) {
			b->oom = true;
			return;
		}
		b->s = ns;
		b->cap = nc;
	}
	memcpy(b->s + b->len, p, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
fs_sbuf_puts(struct fs_sbuf *b, const char *s)
{
	fs_sbuf_add(b, s, strlen(s));
}

void
fs_sbuf_printf(struct fs_sbuf *b, const char *fmt, ...)
{
	char tmp[256], *big;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof tmp) {
		fs_sbuf_add(b, tmp, (size_t)n);
		return;
	}
	/* Longer than the usual: formatted again at its size.  */
	if ((big = malloc((size_t)n + 1)) == NULL) {
		b->oom = true;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	fs_sbuf_add(b, big, (size_t)n);
	free(big);
}

void
fs_sbuf_uint(struct fs_sbuf *b, unsigned long long v)
{
	char tmp[24];
	size_t i = sizeof tmp;

	do {
		tmp[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	fs_sbuf_add(b, tmp + i, sizeof tmp - i);
}

void
fs_sbuf_int(struct fs_sbuf *b, long long v)
{
	if (v < 0) {
		fs_sbuf_add(b, "-", 1);
		/* LLONG_MIN has no positive counterpart in long long.  */
		fs_sbuf_uint(b, 0ULL - (unsigned long long)v);
	} else
		fs_sbuf_uint(b, (unsigned long long)v);
}

void
fs_sbuf_hex(struct fs_sbuf *b, unsigned long long v, int width)
{
	static const char digits[] = "0123456789abcdef";
	char tmp[20];
	size_t i = sizeof tmp;

	do {
		tmp[--i] = digits[v & 0xf];
		v >>= 4;
	} while (v != 0);
	while (i > 2 && (int)(sizeof tmp - i) < width)
		tmp[--i] = '0';
	tmp[--i] = 'x';
	tmp[--i] = '0';
	fs_sbuf_add(b, tmp + i, sizeof tmp - i);
}

void
fs_strcatf(char *buf, size_t len, const char *fmt, ...)
{
	size_t k = strlen(buf);
	va_list ap;

	if (k + 1 >= len)
		return;
	va_start(ap, fmt);
	vsnprintf(buf + k, len - k, fmt, ap);
	va_end(ap);
}

const char *
fs_grouped(unsigned long long v, char *buf, size_t len)
{
	char tmp[32];
	size_t n, i, k = 0;

	snprintf(tmp, sizeof tmp, "%llu", v);
	n = strlen(tmp);
	for (i = 0; i < n && k + 2 < len; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			buf[k++] = ',';
		buf[k++] = tmp[i];
	}
	buf[k] = '\0';
	return buf;
}
