/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * printf's floating conversions e E f F g G a A, for double and long
 * double: the function libc's build of lib/fmt/fmt.c calls (FMT_FLOAT).
 *
 * Decimal output is exact. The value m * 2^e is expanded into base-10^9
 * limbs by exact multiplications (e > 0) or divisions (e < 0) by powers of
 * two, then rounded half-to-even at the digit the conversion asks for.
 * Divisions keep only the limbs the conversion can use plus GUARD_LIMBS;
 * dropping a nonzero limb marks the expansion inexact. The error that
 * leaves is far below the guard limbs, so it can only change a rounding
 * whose dropped digits read 4999... or 5000... for RERUN_DIGITS digits;
 * then the expansion is redone without dropping anything.
 */
#include <fmt/fmt.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Weak, as in stdio.c: a program that only prints links no allocator;
 * without one, a long double too large for the stack prints as a double. */
#pragma weak malloc
#pragma weak free

#define LIMB 1000000000u
#define GUARD_LIMBS 4
#define RERUN_DIGITS 15
#define STACK_LIMBS 200 /* enough for any double; a long double may need more */
#define NO_LIMIT 0x7fffffff

static const uint32_t pow10[9] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000};

/* A finite value: (-1)^neg * mant * 2^e2, and what %a needs to know. */
struct value {
	int neg;
	int kind; /* 0 finite, 1 inf, 2 nan */
	uint64_t mant;
	int e2;
	int long_double;
};

/* Decimal expansion: w[lo..hi) are limbs, most significant first, the rest
 * zero; w[point] is the first limb after the decimal point. Digit g is
 * digit g % 9 (from the left) of limb g / 9; digits from end on are zero. */
struct dec {
	uint32_t *w;
	int lo, hi, point;
	long end;
	int inexact;
};

static struct value value_of_double(double v)
{
	uint64_t bits;
	struct value x = {0, 0, 0, 0, 0};

	memcpy(&bits, &v, sizeof bits);
	x.neg = (int)(bits >> 63);
	int exp = (int)(bits >> 52) & 0x7ff;
	x.mant = bits & ((1ull << 52) - 1);
	if (exp == 0x7ff)
		x.kind = x.mant ? 2 : 1;
	else if (exp == 0)
		x.e2 = -1074;
	else
		x.mant |= 1ull << 52, x.e2 = exp - 1075;
	return x;
}

/* x87 extended: 64-bit mantissa with its integer bit, then sign and a
 * 15-bit exponent. */
static struct value value_of_long_double(long double v)
{
	struct {
		uint64_t mant;
		uint16_t sign_exp;
	} bits;
	struct value x = {0, 0, 0, 0, 1};

	memcpy(&bits, &v, 10);
	x.neg = bits.sign_exp >> 15;
	int exp = bits.sign_exp & 0x7fff;
	x.mant = bits.mant;
	if (exp == 0x7fff)
		x.kind = (x.mant << 1) ? 2 : 1;
	else
		x.e2 = (exp ? exp : 1) - 16383 - 63;
	return x;
}

/* Output through the sink, in chunks; a counting pass has no sink. */
struct fbuf {
	fmt_sink sink;
	void *ctx;
	size_t count;
	int used;
	char buf[64];
};

static void flush(struct fbuf *o)
{
	if (o->sink && o->used)
		o->sink(o->ctx, o->buf, (size_t)o->used);
	o->used = 0;
}

static void put(struct fbuf *o, char c)
{
	o->count++;
	if (!o->sink)
		return;
	if (o->used == (int)sizeof o->buf)
		flush(o);
	o->buf[o->used++] = c;
}

static void put_str(struct fbuf *o, const char *s)
{
	while (*s)
		put(o, *s++);
}

static void put_repeat(struct fbuf *o, char c, long n)
{
	for (; n > 0; n--)
		put(o, c);
}

static void put_exponent(struct fbuf *o, char letter, int x, int min_digits)
{
	char digits[8];
	int n = 0;
	unsigned u = x < 0 ? (unsigned)-x : (unsigned)x;

	put(o, letter);
	put(o, x < 0 ? '-' : '+');
	do
		digits[n++] = (char)('0' + u % 10), u /= 10;
	while (u);
	for (; n < min_digits; n++)
		digits[n] = '0';
	while (n)
		put(o, digits[--n]);
}

/* ---- the exact decimal expansion ---------------------------------------- */

static int dec_digit(const struct dec *d, long g)
{
	long i = g / 9;

	if (g < 0 || g >= d->end || i < d->lo || i >= d->hi)
		return 0;
	return (int)(d->w[i] / pow10[8 - g % 9] % 10);
}

/* Limbs the expansion of mant * 2^e2 may occupy, and those before the
 * point it may grow into. */
static int limbs_needed(int e2, int *front)
{
	*front = e2 > 0 ? e2 * 30103 / 900000 + 3 : 2;
	return *front + 4 + (e2 < 0 ? -e2 / 9 + 2 : 0);
}

static void dec_start(struct dec *d, uint64_t mant, int front)
{
	d->lo = d->hi = front;
	for (uint64_t m = mant; m; m /= LIMB)
		d->hi++;
	for (int i = d->hi - 1; i >= d->lo; i--, mant /= LIMB)
		d->w[i] = (uint32_t)(mant % LIMB);
	d->point = d->hi;
	d->inexact = 0;
}

/* Multiplies by 2^e2 in steps of at most 2^29 (a limb times 2^29 fits in
 * 64 bits); exact, the carry grows a limb in front. */
static void dec_shift_up(struct dec *d, int e2)
{
	while (e2 > 0) {
		int s = e2 > 29 ? 29 : e2;
		uint64_t carry = 0;
		for (int i = d->hi - 1; i >= d->lo; i--) {
			uint64_t v = ((uint64_t)d->w[i] << s) + carry;
			d->w[i] = (uint32_t)(v % LIMB);
			carry = v / LIMB;
		}
		if (carry)
			d->w[--d->lo] = (uint32_t)carry;
		e2 -= s;
	}
}

/* Limbs from limit on are dropped; a nonzero one makes d inexact. */
static void dec_drop_below(struct dec *d, int limit)
{
	if (d->hi <= limit)
		return;
	if (limit < d->lo)
		limit = d->lo;
	for (int i = limit; i < d->hi; i++)
		d->inexact |= d->w[i] != 0;
	d->hi = limit;
}

/* Divides by 2^-e2 in steps of at most 2^9 (10^9 is a multiple of 2^9, so
 * each remainder becomes one exact limb more). Keeps the limbs before
 * limit, and rel from the leading one (NO_LIMIT: all). */
static void dec_shift_down(struct dec *d, int e2, int limit, int rel)
{
	while (e2 < 0 && d->lo < d->hi) {
		int s = -e2 > 9 ? 9 : -e2;
		uint32_t rem = 0, mask = (1u << s) - 1;
		for (int i = d->lo; i < d->hi; i++) {
			uint64_t v = (uint64_t)rem * LIMB + d->w[i];
			d->w[i] = (uint32_t)(v >> s);
			rem = (uint32_t)v & mask;
		}
		if (rem)
			d->w[d->hi++] = rem * (LIMB >> s);
		if (d->w[d->lo] == 0)
			d->lo++;
		long keep = rel == NO_LIMIT ? NO_LIMIT : (long)d->lo + rel;
		dec_drop_below(d, keep < limit ? (int)keep : limit);
		e2 += s;
	}
	if (d->lo == d->hi)
		d->lo = d->hi = d->point; /* nothing left of it: zero */
}

/* First nonzero digit, or the units digit when the value is zero. */
static long dec_first(const struct dec *d)
{
	for (int i = d->lo; i < d->hi && 9L * i < d->end; i++) {
		if (!d->w[i])
			continue;
		for (long g = 9L * i; g < 9L * i + 9 && g < d->end; g++)
			if (dec_digit(d, g))
				return g;
	}
	return 9L * d->point - 1;
}

static int dec_nonzero_from(const struct dec *d, long g)
{
	if (d->inexact)
		return 1;
	for (; g % 9 && g < 9L * d->hi; g++)
		if (dec_digit(d, g))
			return 1;
	for (long i = g / 9; i < d->hi; i++)
		if (i >= d->lo && d->w[i])
			return 1;
	return 0;
}

/* Would the digits dropped at r, read as they are, misround once the
 * dropped limbs are counted? Only for 4999... or 5000... runs. */
static int dec_doubtful(const struct dec *d, long r)
{
	int first = dec_digit(d, r);

	if (!d->inexact || (first != 4 && first != 5))
		return 0;
	for (long g = r + 1; g < r + RERUN_DIGITS; g++)
		if (dec_digit(d, g) != (first == 4 ? 9 : 0))
			return 0;
	return 1;
}

static void dec_add_unit(struct dec *d, long g)
{
	long i = g / 9;

	while (d->lo > i)
		d->w[--d->lo] = 0;
	d->w[i] += pow10[8 - g % 9];
	while (d->w[i] >= LIMB) {
		d->w[i] -= LIMB;
		if (--i < d->lo)
			d->w[--d->lo] = 0;
		d->w[i]++;
	}
}

/* Keep digits before r, rounded half to even. */
static void dec_round(struct dec *d, long r)
{
	int next = dec_digit(d, r);
	int up = next > 5 || (next == 5 && (dec_nonzero_from(d, r + 1) || dec_digit(d, r - 1) % 2));

	d->end = r;
	if (up)
		dec_add_unit(d, r - 1);
}

/* ---- decimal conversions ------------------------------------------------ */

struct conv {
	unsigned flags;
	int prec;
	char conv; /* e f g, lower case */
	int upper;
};

/* Expands v into d (buffer cap limbs) for conversion c; returns the index
 * of the digit to round at, or -1 when cap is too small. */
static long expand(struct dec *d, const struct value *v, const struct conv *c, int cap, int exact)
{
	int front, need = limbs_needed(v->e2, &front);

	if (need > cap)
		return -1;
	dec_start(d, v->mant, front);
	d->end = LONG_MAX;
	if (v->e2 > 0)
		dec_shift_up(d, v->e2);
	int frac_limbs = c->prec / 9 + 1 + GUARD_LIMBS; /* no overflow at INT_MAX */
	int limit = c->conv == 'f' && !exact ? d->point + frac_limbs : NO_LIMIT;
	int rel = c->conv != 'f' && !exact ? frac_limbs + 1 : NO_LIMIT;
	dec_shift_down(d, v->e2 < 0 ? v->e2 : 0, limit, rel);
	if (c->conv == 'f')
		return 9L * d->point + c->prec;
	int p = c->conv == 'g' ? (c->prec ? c->prec - 1 : 0) : c->prec;
	return dec_first(d) + p + 1;
}

static int expand_rounded(struct dec *d, const struct value *v, const struct conv *c, int cap)
{
	long r = expand(d, v, c, cap, 0);

	if (r < 0)
		return -1;
	if (dec_doubtful(d, r))
		r = expand(d, v, c, cap, 1);
	dec_round(d, r);
	return 0;
}

static void put_digits(struct fbuf *o, const struct dec *d, long from, long to)
{
	for (long g = from; g < to; g++)
		put(o, (char)('0' + dec_digit(d, g)));
}

/* Fixed notation with prec digits after the point; trim drops trailing
 * zeros (%g without #). */
static void put_fixed(struct fbuf *o, const struct dec *d, int prec, unsigned flags, int trim)
{
	long units = 9L * d->point - 1, first = dec_first(d);
	long last = units + prec;

	put_digits(o, d, first < units ? first : units, units + 1);
	if (trim)
		while (last > units && dec_digit(d, last) == 0)
			last--;
	if (last > units || (flags & FMT_ALT))
		put(o, '.');
	put_digits(o, d, units + 1, last + 1);
}

static void put_sci(struct fbuf *o, const struct dec *d, int prec, const struct conv *c, int trim)
{
	long first = dec_first(d), last = first + prec;
	int x = (int)(9L * d->point - 1 - first);

	if (dec_digit(d, first) == 0)
		x = 0; /* zero */
	put(o, (char)('0' + dec_digit(d, first)));
	if (trim)
		while (last > first && dec_digit(d, last) == 0)
			last--;
	if (last > first || (c->flags & FMT_ALT))
		put(o, '.');
	put_digits(o, d, first + 1, last + 1);
	put_exponent(o, c->upper ? 'E' : 'e', x, 2);
}

/* %g: the exponent X of the value rounded to P digits picks the style. */
static void put_general(struct fbuf *o, const struct dec *d, const struct conv *c)
{
	int p = c->prec ? c->prec : 1;
	long first = dec_first(d);
	int x = dec_digit(d, first) ? (int)(9L * d->point - 1 - first) : 0;
	int trim = !(c->flags & FMT_ALT);

	if (p > x && x >= -4)
		put_fixed(o, d, p - 1 - x, c->flags, trim);
	else
		put_sci(o, d, p - 1, c, trim);
}

static void put_decimal(struct fbuf *o, const struct dec *d, const struct conv *c)
{
	if (c->conv == 'f')
		put_fixed(o, d, c->prec, c->flags, 0);
	else if (c->conv == 'e')
		put_sci(o, d, c->prec, c, 0);
	else
		put_general(o, d, c);
}

/* ---- hexadecimal (%a) --------------------------------------------------- */

/* The digits %a shows: a leading one, then 4-bit digits; double's leading
 * digit is its integer bit (13 digits follow), long double's the top four
 * of its 64 bits (15 follow), as glibc prints them. */
struct hex {
	uint64_t lead, frac; /* frac: ndig digits */
	int ndig, x;
};

static struct hex hex_of(const struct value *v)
{
	struct hex h;

	if (v->long_double) {
		h.lead = v->mant >> 60, h.frac = v->mant & ((1ull << 60) - 1), h.ndig = 15;
		h.x = v->e2 + 60;
	} else {
		h.lead = v->mant >> 52, h.frac = v->mant & ((1ull << 52) - 1), h.ndig = 13;
		h.x = v->mant >> 52 ? v->e2 + 52 : -1022;
	}
	if (!v->mant)
		h.x = 0;
	return h;
}

static void hex_round(struct hex *h, int prec, int long_double)
{
	if (prec >= h->ndig)
		return;
	int drop = 4 * (h->ndig - prec);
	uint64_t rest = h->frac & ((1ull << drop) - 1), half = 1ull << (drop - 1);
	uint64_t keep = h->frac >> drop;
	if (rest > half || (rest == half && ((keep & 1) || (prec == 0 && (h->lead & 1))))) {
		keep++;
		if (keep >> (4 * prec)) { /* carried into the leading digit */
			keep = 0, h->lead++;
			if (long_double && h->lead == 16)
				h->lead = 1, h->x += 4;
		}
	}
	h->frac = keep, h->ndig = prec;
}

/* After the sign: 0x, the zeros that pad the field, the digits. */
static void put_hex(struct fbuf *o, const struct value *v, const struct conv *c, long zeros)
{
	const char *digits = c->upper ? "0123456789ABCDEF" : "0123456789abcdef";
	struct hex h = hex_of(v);
	int prec = c->prec;

	if (prec < 0) /* exact: drop trailing zero digits */
		for (prec = h.ndig; prec > 0 && !((h.frac >> (4 * (h.ndig - prec))) & 15); prec--)
			;
	hex_round(&h, prec, v->long_double);
	put(o, '0');
	put(o, c->upper ? 'X' : 'x');
	put_repeat(o, '0', zeros);
	put(o, digits[h.lead]);
	if (prec || (c->flags & FMT_ALT))
		put(o, '.');
	for (int i = 0; i < prec; i++) {
		int shift = 4 * (h.ndig - 1 - i);
		put(o, shift >= 0 ? digits[(h.frac >> shift) & 15] : '0');
	}
	put_exponent(o, c->upper ? 'P' : 'p', h.x, 1);
}

/* ---- one conversion ----------------------------------------------------- */

static char sign_of(const struct value *v, unsigned flags)
{
	if (v->neg)
		return '-';
	return flags & FMT_PLUS ? '+' : flags & FMT_SPACE ? ' ' : 0;
}

static void put_body(struct fbuf *o, const struct value *v, const struct conv *c,
		     const struct dec *d, long zeros)
{
	char sign = sign_of(v, c->flags);

	if (sign)
		put(o, sign);
	if (v->kind) {
		put_str(o, v->kind == 1 ? (c->upper ? "INF" : "inf") : (c->upper ? "NAN" : "nan"));
		return;
	}
	if (c->conv == 'a') {
		put_hex(o, v, c, zeros);
		return;
	}
	put_repeat(o, '0', zeros);
	put_decimal(o, d, c);
}

static struct conv conv_of(const struct fmt_float_spec *sp)
{
	struct conv c = {sp->flags, sp->prec, (char)(sp->conv | 32), !(sp->conv & 32)};

	if (c.prec < 0 && c.conv != 'a')
		c.prec = 6;
	return c;
}

static size_t format(fmt_sink sink, void *ctx, const struct fmt_float_spec *sp,
		     const struct value *v, const struct dec *d)
{
	struct conv c = conv_of(sp);
	struct fbuf o = {0, 0, 0, 0, {0}};

	put_body(&o, v, &c, d, 0);
	long fill = sp->width - (long)o.count;
	o = (struct fbuf){sink, ctx, 0, 0, {0}};
	int zero_pad = (sp->flags & FMT_ZERO) && !(sp->flags & FMT_LEFT) && !v->kind;
	if (!(sp->flags & FMT_LEFT) && !zero_pad)
		put_repeat(&o, ' ', fill);
	put_body(&o, v, &c, d, zero_pad ? fill : 0);
	if (sp->flags & FMT_LEFT)
		put_repeat(&o, ' ', fill);
	flush(&o);
	return o.count;
}

/* A long double beyond the stack's limbs, and no memory for it: it is
 * printed at double precision. */
static size_t format_value(fmt_sink sink, void *ctx, const struct fmt_float_spec *sp,
			   struct value *v, long double ld)
{
	uint32_t stack[STACK_LIMBS], *w = stack;
	struct dec d = {stack, 1, 1, 1, LONG_MAX, 0};
	struct conv c = conv_of(sp);
	int cap = STACK_LIMBS, front;

	if (v->kind || c.conv == 'a')
		return format(sink, ctx, sp, v, &d);
	if (limbs_needed(v->e2, &front) > cap) {
		cap = limbs_needed(v->e2, &front);
		w = malloc ? malloc((size_t)cap * sizeof *w) : 0;
		if (!w) {
			*v = value_of_double((double)ld);
			cap = STACK_LIMBS, w = stack;
		}
	}
	d.w = w;
	if (v->mant)
		expand_rounded(&d, v, &c, cap);
	size_t n = format(sink, ctx, sp, v, &d);
	if (w != stack)
		free(w);
	return n;
}

size_t fmt_float(fmt_sink sink, void *ctx, const struct fmt_float_spec *sp, va_list *ap)
{
	struct value v;
	long double ld = 0;

	if (sp->long_double)
		ld = va_arg(*ap, long double), v = value_of_long_double(ld);
	else
		v = value_of_double(va_arg(*ap, double));
	return format_value(sink, ctx, sp, &v, ld);
}
