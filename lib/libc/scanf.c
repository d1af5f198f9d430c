/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The scanf family. One scanner reads from a string or, through fgetc and
 * ungetc, from a FILE, looking at most one character ahead: a character
 * that does not fit is pushed back, so a stream is left just past what was
 * taken (text already taken is not given back, as in glibc: "1e+x" read
 * by %f leaves "x"). Numbers are taken as glibc takes them, then converted
 * by the strto* rules: integers saturate at the long range and are
 * truncated to the argument's type, floats go through strtof, strtod or
 * strtold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct input {
	FILE *f; /* or else s */
	const char *s;
	long taken; /* characters consumed, for %n */
};

static int next(struct input *in)
{
	int c;

	if (in->f)
		c = fgetc(in->f);
	else
		c = *in->s ? (unsigned char)*in->s++ : EOF;
	in->taken += c != EOF;
	return c;
}

static void back(struct input *in, int c)
{
	if (c == EOF)
		return;
	in->taken--;
	if (in->f)
		ungetc(c, in->f);
	else
		in->s--;
}

static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Skips white space; the next character, still unread, or EOF. */
static int skip_space(struct input *in)
{
	int c;

	while (is_space(c = next(in)))
		;
	back(in, c);
	return c;
}

/* A field: at most width characters from in (width 0: no limit), the
 * text kept in a buffer that grows when a number is long. */
struct field {
	struct input *in;
	long left;
	char *buf, small[64];
	size_t len, cap;
};

static void field_start(struct field *f, struct input *in, long width)
{
	f->in = in, f->left = width ? width : -1;
	f->buf = f->small, f->len = 0, f->cap = sizeof f->small;
}

/* The next character of the field without taking it; EOF past width. */
static int peek(struct field *f)
{
	if (!f->left)
		return EOF;
	int c = next(f->in);
	back(f->in, c);
	return c;
}

/* Takes the peeked character into the text. */
static void take(struct field *f, int c)
{
	next(f->in);
	f->left--;
	if (f->len + 1 == f->cap) {
		char *grown = malloc(2 * f->cap);
		if (!grown) /* the text is cut; the number is what fits */
			return;
		memcpy(grown, f->buf, f->len);
		if (f->buf != f->small)
			free(f->buf);
		f->buf = grown, f->cap *= 2;
	}
	f->buf[f->len++] = (char)c;
	f->buf[f->len] = '\0';
}

static void field_end(struct field *f)
{
	if (f->buf != f->small)
		free(f->buf);
}

/* Takes c when the next character is it (either case); 1 if it was. */
static int take_if(struct field *f, const char *set)
{
	int c = peek(f);

	if (c == EOF || !strchr(set, lower(c)))
		return 0;
	take(f, c);
	return 1;
}

/* ---- numbers ------------------------------------------------------------ */

static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (lower(c) >= 'a' && lower(c) <= 'z')
		return lower(c) - 'a' + 10;
	return 99;
}

/* Sign, 0x (base 16 or 0), digits, as glibc takes them; 0 when no digit. */
static int take_integer(struct field *f, int *base)
{
	int digits = 0;

	take_if(f, "+-");
	if ((*base == 0 || *base == 16) && peek(f) == '0') {
		take(f, '0'), digits = 1;
		if (take_if(f, "x"))
			*base = 16;
		else if (*base == 0)
			*base = 8;
	}
	if (*base == 0)
		*base = 10;
	while (peek(f) != EOF && digit_value(peek(f)) < *base)
		take(f, peek(f)), digits++;
	return digits;
}

/* strtoull's value of the text: saturated, negated modulo 2^64. */
static uint64_t unsigned_value(const char *s, int base, int *neg, int *over)
{
	uint64_t v = 0;

	*neg = *s == '-', *over = 0;
	s += *s == '-' || *s == '+';
	if (base == 16 && s[0] == '0' && lower(s[1]) == 'x')
		s += 2;
	for (; *s; s++) {
		unsigned d = (unsigned)digit_value(*s);
		if (v > (UINT64_MAX - d) / (unsigned)base)
			*over = 1;
		v = v * (unsigned)base + d;
	}
	return *over ? UINT64_MAX : v;
}

/* The value as strtol (signed) or strtoul would give it. */
static uint64_t integer_value(const char *s, int base, int is_signed)
{
	int neg, over;
	uint64_t v = unsigned_value(s, base, &neg, &over);

	if (!is_signed)
		return over ? v : neg ? -v : v;
	if (over || v > (uint64_t)INT64_MAX + neg)
		return neg ? (uint64_t)INT64_MIN : (uint64_t)INT64_MAX;
	return neg ? -v : v;
}

/* All of word (either case), or 0. */
static int take_word(struct field *f, const char *word)
{
	for (; *word; word++)
		if (!take_if(f, (char[]){*word, 0}))
			return 0;
	return 1;
}

/* A float as glibc takes it: sign, inf (infinity in full once "infi" is
 * read) or nan, or digits with a point and an exponent (hex after 0x,
 * where the 0 does not count as a digit before p); 0 when that has no
 * digit or is a bare 0x. strto* convert what it took. */
static int take_float(struct field *f)
{
	int digits = 0, point = 0, exp = 0, hex = 0, after_prefix = 0;

	take_if(f, "+-");
	size_t start = f->len;
	if (lower(peek(f)) == 'i')
		return take_word(f, "inf") && (lower(peek(f)) != 'i' || take_word(f, "inity"));
	if (lower(peek(f)) == 'n')
		return take_word(f, "nan");
	if (peek(f) == '0') {
		take(f, '0'), digits = 1;
		hex = take_if(f, "x");
	}
	for (int c; (c = peek(f)) != EOF; take(f, c)) {
		if (exp) { /* 1: just after e or p, where a sign may come */
			if (!(c >= '0' && c <= '9') && !(exp == 1 && (c == '+' || c == '-')))
				break;
			exp = 2;
		} else if (digit_value(c) < (hex ? 16 : 10)) {
			digits = after_prefix = 1;
		} else if (c == '.' && !point) {
			point = 1;
		} else if ((hex ? after_prefix : digits) && lower(c) == (hex ? 'p' : 'e')) {
			exp = 1;
		} else {
			break;
		}
	}
	return digits && !(hex && f->len - start == 2);
}

/* ---- conversions -------------------------------------------------------- */

struct spec {
	int suppress;
	long width;
	char length; /* H hh, h, 0, l, q ll, j, z, t, L */
	char conv;
};

static void store_integer(void *p, const struct spec *sp, uint64_t v)
{
	switch (sp->length) {
	case 'H':
		*(signed char *)p = (signed char)v;
		break;
	case 'h':
		*(short *)p = (short)v;
		break;
	case 0:
		*(int *)p = (int)v;
		break;
	default: /* l ll j z t L: all 64 bits here */
		*(long long *)p = (long long)v;
	}
}

static int convert_integer(struct field *f, const struct spec *sp, va_list *ap)
{
	static const char convs[] = "diouxXp";
	static const int bases[] = {10, 0, 8, 10, 16, 16, 16};
	int base = bases[strchr(convs, sp->conv) - convs];
	int is_signed = sp->conv == 'd' || sp->conv == 'i';

	if (!take_integer(f, &base))
		return 0;
	uint64_t v = integer_value(f->buf, base, is_signed);
	if (sp->suppress)
		return 1;
	if (sp->conv == 'p')
		*va_arg(*ap, void **) = (void *)(uintptr_t)v;
	else
		store_integer(va_arg(*ap, void *), sp, v);
	return 1;
}

static int convert_float(struct field *f, const struct spec *sp, va_list *ap)
{
	if (!take_float(f))
		return 0;
	if (sp->suppress)
		return 1;
	if (sp->length == 'l')
		*va_arg(*ap, double *) = strtod(f->buf, 0);
	else if (sp->length == 'L' || sp->length == 'q')
		*va_arg(*ap, long double *) = strtold(f->buf, 0);
	else
		*va_arg(*ap, float *) = strtof(f->buf, 0);
	return 1;
}

/* %[: the set after the bracket; returns where the conversion ends. */
static const char *parse_set(const char *fmt, unsigned char set[256])
{
	int negate = *fmt == '^';
	const char *p = fmt + negate;

	memset(set, 0, 256);
	if (*p == ']')
		set[']'] = 1, p++;
	for (; *p && *p != ']'; p++) {
		if (p[1] == '-' && p[2] && p[2] != ']' &&
		    (unsigned char)p[2] >= (unsigned char)*p) {
			for (int c = (unsigned char)*p; c <= (unsigned char)p[2]; c++)
				set[c] = 1;
			p += 2;
		} else {
			set[(unsigned char)*p] = 1;
		}
	}
	for (int c = 0; negate && c < 256; c++)
		set[c] = !set[c];
	return *p ? p + 1 : p;
}

/* %c, %s, %[: characters into the argument; c counts what it took. */
static int convert_chars(struct input *in, const struct spec *sp, const unsigned char *set,
			 va_list *ap)
{
	char *out = sp->suppress ? 0 : va_arg(*ap, char *);
	long width = sp->width ? sp->width : sp->conv == 'c' ? 1 : -1, n = 0;
	int c;

	for (; n != width && (c = next(in)) != EOF; n++) {
		if (sp->conv == 's' ? is_space(c) : sp->conv == '[' && !set[c]) {
			back(in, c);
			break;
		}
		if (out)
			out[n] = (char)c;
	}
	if (out && sp->conv != 'c' && n)
		out[n] = '\0';
	return n > 0;
}

static const char *parse_length(const char *fmt, char *length)
{
	*length = 0;
	if (*fmt == 'h' || *fmt == 'l') {
		*length = *fmt == 'h' ? (fmt[1] == 'h' ? 'H' : 'h') : (fmt[1] == 'l' ? 'q' : 'l');
		return fmt + (fmt[1] == *fmt ? 2 : 1);
	}
	if (*fmt && strchr("jztL", *fmt))
		*length = *fmt == 'L' ? 'L' : 'l', fmt++;
	return fmt;
}

static const char *parse_spec(const char *fmt, struct spec *sp)
{
	sp->suppress = *fmt == '*';
	fmt += sp->suppress;
	sp->width = 0;
	while (*fmt >= '0' && *fmt <= '9')
		sp->width = sp->width * 10 + (*fmt++ - '0');
	fmt = parse_length(fmt, &sp->length);
	sp->conv = *fmt;
	return *fmt ? fmt + 1 : fmt;
}

/* One conversion: 1 if it matched, 0 if not, EOF if input ran out first. */
static int convert(struct input *in, const struct spec *sp, const unsigned char *set, va_list *ap)
{
	struct field f;
	int matched;

	if (sp->conv != 'c' && sp->conv != '[' && skip_space(in) == EOF)
		return EOF;
	if (sp->conv == 'c' || sp->conv == 's' || sp->conv == '[') {
		int c = next(in);
		back(in, c);
		return c == EOF ? EOF : convert_chars(in, sp, set, ap);
	}
	field_start(&f, in, sp->width);
	matched =
	    strchr("aAeEfFgG", sp->conv) ? convert_float(&f, sp, ap) : convert_integer(&f, sp, ap);
	field_end(&f);
	return matched;
}

static int is_conversion(char c)
{
	return c && strchr("diouxXpaAeEfFgGcs[", c);
}

/* White space or a character to match (%% too) at *fmt: 1 if the input
 * goes on, 0 on a mismatch, EOF when the input had ended. */
static int match_literal(struct input *in, const char **fmt)
{
	int want = (unsigned char)**fmt, c;

	if (is_space(want)) {
		skip_space(in);
		++*fmt;
		return 1;
	}
	if (want == '%')
		skip_space(in), ++*fmt;
	++*fmt;
	if ((c = next(in)) == want)
		return 1;
	back(in, c);
	return c == EOF ? EOF : 0;
}

/* One directive at *fmt: 1 if it matched, 0 or EOF (input ended) if not. */
static int directive(struct input *in, const char **fmt, va_list *ap, int *assigned)
{
	struct spec sp;
	unsigned char set[256];

	if (**fmt != '%' || (*fmt)[1] == '%')
		return match_literal(in, fmt);
	*fmt = parse_spec(*fmt + 1, &sp);
	if (sp.conv == '[')
		*fmt = parse_set(*fmt, set);
	if (sp.conv == 'n') {
		if (!sp.suppress)
			store_integer(va_arg(*ap, void *), &sp, (uint64_t)in->taken);
		return 1;
	}
	if (!is_conversion(sp.conv))
		return 0;
	int r = convert(in, &sp, set, ap);
	*assigned += r == 1 && !sp.suppress;
	return r;
}

/* Assignments made, or EOF when the input ended before any (as glibc:
 * a conversion with * that matched does not count). */
static int scan(struct input *in, const char *fmt, va_list ap)
{
	int assigned = 0, r = 1;
	va_list args;

	va_copy(args, ap);
	while (*fmt && r == 1)
		r = directive(in, &fmt, &args, &assigned);
	va_end(args);
	return r == EOF && !assigned ? EOF : assigned;
}

int vsscanf(const char *s, const char *fmt, va_list ap)
{
	struct input in = {0, s, 0};

	return scan(&in, fmt, ap);
}

int vfscanf(FILE *f, const char *fmt, va_list ap)
{
	struct input in = {f, 0, 0};

	return scan(&in, fmt, ap);
}

int vscanf(const char *fmt, va_list ap)
{
	return vfscanf(stdin, fmt, ap);
}

int sscanf(const char *s, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsscanf(s, fmt, ap);
	va_end(ap);
	return n;
}

int fscanf(FILE *f, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vfscanf(f, fmt, ap);
	va_end(ap);
	return n;
}

int scanf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vfscanf(stdin, fmt, ap);
	va_end(ap);
	return n;
}
