/* SPDX-License-Identifier: BSD-2-Clause */
#include "fmt.h"

#include <stdint.h>

enum {
	F_LEFT = FMT_LEFT,
	F_ZERO = FMT_ZERO,
	F_PLUS = FMT_PLUS,
	F_SPACE = FMT_SPACE,
	F_ALT = FMT_ALT,
};

#ifdef FMT_FLOAT
size_t FMT_FLOAT(fmt_sink sink, void *ctx, const struct fmt_float_spec *sp, va_list *ap);
static const fmt_float_fn float_hook = FMT_FLOAT; /* of the type fmt.h says */
#endif

struct spec {
	unsigned flags;
	int width;
	int prec;   /* -1: none */
	int length; /* 0, 'l' (also z j t), 'L' for ll and L, 'h', 'H' for hh */
	char conv;
};

struct out {
	fmt_sink sink;
	void *ctx;
	size_t count;
};

static void emit(struct out *o, const char *s, size_t n)
{
	if (n) {
		o->sink(o->ctx, s, n);
		o->count += n;
	}
}

static void pad(struct out *o, char c, int n)
{
	char buf[16];

	for (int i = 0; i < 16; i++)
		buf[i] = c;
	for (; n > 0; n -= 16)
		emit(o, buf, n < 16 ? (size_t)n : 16);
}

static const char *parse_flags(const char *f, struct spec *sp)
{
	for (;; f++) {
		switch (*f) {
		case '-':
			sp->flags |= F_LEFT;
			break;
		case '0':
			sp->flags |= F_ZERO;
			break;
		case '+':
			sp->flags |= F_PLUS;
			break;
		case ' ':
			sp->flags |= F_SPACE;
			break;
		case '#':
			sp->flags |= F_ALT;
			break;
		default:
			return f;
		}
	}
}

static const char *parse_number(const char *f, int *v, va_list *ap)
{
	if (*f == '*') {
		*v = va_arg(*ap, int);
		return f + 1;
	}
	*v = 0;
	while (*f >= '0' && *f <= '9')
		*v = *v * 10 + (*f++ - '0');
	return f;
}

static const char *parse_spec(const char *f, struct spec *sp, va_list *ap)
{
	*sp = (struct spec){0, 0, -1, 0, 0};
	f = parse_number(parse_flags(f, sp), &sp->width, ap);
	if (sp->width < 0) {
		sp->flags |= F_LEFT;
		sp->width = -sp->width;
	}
	if (*f == '.') {
		f = parse_number(f + 1, &sp->prec, ap);
		if (sp->prec < 0)
			sp->prec = -1;
	}
	if (*f == 'z' || *f == 'j' || *f == 't' || (*f == 'l' && f[1] != 'l')) {
		sp->length = 'l'; /* all 64 bits here */
		f++;
	} else if (*f == 'h') {
		sp->length = f[1] == 'h' ? 'H' : 'h';
		f += f[1] == 'h' ? 2 : 1;
	} else if (*f == 'l') {
		sp->length = 'L';
		f += 2;
	} else if (*f == 'L') { /* long double, or long long as glibc takes it */
		sp->length = 'L';
		f++;
	}
	sp->conv = *f;
	return *f ? f + 1 : f;
}

/* Digits of v in base, written backwards into the end of buf. */
static int utoa(char *end, uint64_t v, unsigned base, int upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	do {
		*--end = digits[v % base];
		v /= base;
		n++;
	} while (v);
	return n;
}

static void put_padded(struct out *o, const struct spec *sp, const char *prefix, int plen,
		       const char *body, int blen, int zeros)
{
	int fill = sp->width - plen - zeros - blen;

	if (!(sp->flags & F_LEFT) && !((sp->flags & F_ZERO) && sp->prec < 0))
		pad(o, ' ', fill);
	emit(o, prefix, (size_t)plen);
	if (!(sp->flags & F_LEFT) && (sp->flags & F_ZERO) && sp->prec < 0)
		pad(o, '0', fill);
	pad(o, '0', zeros);
	emit(o, body, (size_t)blen);
	if (sp->flags & F_LEFT)
		pad(o, ' ', fill);
}

static unsigned base_of(char conv)
{
	if (conv == 'o')
		return 8;
	if (conv == 'x' || conv == 'X' || conv == 'p')
		return 16;
	return 10;
}

static void put_number(struct out *o, const struct spec *sp, uint64_t v, int negative)
{
	unsigned base = base_of(sp->conv);
	char buf[24], prefix[3];
	int plen = 0,
	    n = (v == 0 && sp->prec == 0) ? 0 : utoa(buf + sizeof buf, v, base, sp->conv == 'X');
	int zeros = sp->prec > n ? sp->prec - n : 0;

	if (negative)
		prefix[plen++] = '-';
	else if (sp->flags & F_PLUS && (sp->conv == 'd' || sp->conv == 'i'))
		prefix[plen++] = '+';
	else if (sp->flags & F_SPACE && (sp->conv == 'd' || sp->conv == 'i'))
		prefix[plen++] = ' ';
	if (((sp->flags & F_ALT) && v && base == 16) || sp->conv == 'p') {
		prefix[plen++] = '0';
		prefix[plen++] = sp->conv == 'X' ? 'X' : 'x';
	}
	if ((sp->flags & F_ALT) && base == 8 && zeros == 0 &&
	    (n == 0 || buf[sizeof buf - n] != '0'))
		zeros = 1;
	put_padded(o, sp, prefix, plen, buf + sizeof buf - n, n, zeros);
}

static uint64_t take_unsigned(const struct spec *sp, va_list *ap)
{
	if (sp->conv == 'p')
		return (uint64_t)(uintptr_t)va_arg(*ap, void *);
	if (sp->length == 'L')
		return va_arg(*ap, unsigned long long);
	if (sp->length == 'l')
		return va_arg(*ap, unsigned long);
	unsigned v = va_arg(*ap, unsigned int); /* h and hh: promoted, then cut back */
	return sp->length == 'H' ? (unsigned char)v : sp->length == 'h' ? (unsigned short)v : v;
}

static int64_t take_signed(const struct spec *sp, va_list *ap)
{
	if (sp->length == 'L')
		return va_arg(*ap, long long);
	if (sp->length == 'l')
		return va_arg(*ap, long);
	int v = va_arg(*ap, int);
	return sp->length == 'H' ? (signed char)v : sp->length == 'h' ? (short)v : v;
}

static void put_string(struct out *o, const struct spec *sp, const char *s)
{
	int n = 0;

	if (!s)
		s = "(null)";
	while (s[n] && (sp->prec < 0 || n < sp->prec))
		n++;
	struct spec plain = *sp;
	plain.flags &= F_LEFT;
	put_padded(o, &plain, "", 0, s, n, 0);
}

/* Floating conversions: libc's build names the function that does them
 * (FMT_FLOAT); the kernel's has none and shows the conversion unconverted. */
static int put_float(struct out *o, const struct spec *sp, va_list *ap)
{
#ifdef FMT_FLOAT
	struct fmt_float_spec fs = {sp->flags, sp->width, sp->prec, sp->length == 'L', sp->conv};

	o->count += float_hook(o->sink, o->ctx, &fs, ap);
	return 1;
#else
	(void)o, (void)sp, (void)ap;
	return 0;
#endif
}

static int is_float_conv(char c)
{
	for (const char *f = "eEfFgGaA"; *f; f++)
		if (*f == c)
			return 1;
	return 0;
}

static void convert(struct out *o, const struct spec *sp, va_list *ap)
{
	char c;

	switch (sp->conv) {
	case 'd':
	case 'i': {
		int64_t v = take_signed(sp, ap);
		put_number(o, sp, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
		break;
	}
	case 'u':
	case 'x':
	case 'X':
	case 'o':
	case 'p':
		put_number(o, sp, take_unsigned(sp, ap), 0);
		break;
	case 's':
		put_string(o, sp, va_arg(*ap, const char *));
		break;
	case 'c':
		c = (char)va_arg(*ap, int);
		put_padded(o, &(struct spec){sp->flags & F_LEFT, sp->width, -1, 0, 'c'}, "", 0, &c,
			   1, 0);
		break;
	case '%':
		emit(o, "%", 1);
		break;
	default: /* unknown conversion: show it rather than guess */
		if (is_float_conv(sp->conv) && put_float(o, sp, ap))
			break;
		emit(o, "%", 1);
		emit(o, &sp->conv, sp->conv ? 1 : 0);
	}
}

size_t fmt_vformat(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
{
	struct out o = {sink, ctx, 0};
	va_list args;

	va_copy(args, ap);
	while (*fmt) {
		const char *lit = fmt;
		while (*fmt && *fmt != '%')
			fmt++;
		emit(&o, lit, (size_t)(fmt - lit));
		if (*fmt == '%') {
			struct spec sp;
			fmt = parse_spec(fmt + 1, &sp, &args);
			convert(&o, &sp, &args);
		}
	}
	va_end(args);
	return o.count;
}

struct bufsink {
	char *buf;
	size_t size, used;
};

static void buf_put(void *ctx, const char *s, size_t n)
{
	struct bufsink *b = ctx;

	for (size_t i = 0; i < n; i++, b->used++)
		if (b->used + 1 < b->size)
			b->buf[b->used] = s[i];
}

size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct bufsink b = {buf, size, 0};
	size_t n = fmt_vformat(buf_put, &b, fmt, ap);

	if (size)
		buf[n < size ? n : size - 1] = '\0';
	return n;
}

size_t fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
