/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * strtod, strtof, strtold, atof: decimal and hexadecimal text to the
 * nearest float, double or long double (ties to even), as glibc reads it.
 *
 * A decimal D * 10^E is first estimated in long double arithmetic. When the
 * estimate is far enough from a rounding boundary it decides the result;
 * otherwise (and always for long double, which has no wider type to
 * estimate in) the candidate is corrected by exact big-integer comparisons
 * of D * 10^E with the midpoints between neighbouring representable
 * values. Digits past the first MAX_DIGITS of a format cannot move the
 * result beyond telling "more than shown", which a trailing 1 stands for.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* A binary format: values M * 2^e with M < 2^bits, e >= emin (subnormals
 * there), e <= emax; decimal inputs whose leading digit sits beyond
 * [dexp_lo, dexp_hi] are certainly 0 or infinite. */
struct format {
	int bits, emin, emax;
	int max_digits, dexp_lo, dexp_hi;
};

#define HEX_DIGITS 30 /* 117 bits or more: past any format's rounding bit */

static const struct format float_format = {24, -149, 104, 120, -47, 40};
static const struct format double_format = {53, -1074, 971, 800, -325, 310};
static const struct format long_double_format = {64, -16445, 16320, 11600, -4952, 4934};

/* The text as parsed. */
struct number {
	int neg;
	int kind; /* 0 number, 1 inf, 2 nan */
	int hex;
	const char *digits; /* first significant digit; a '.' may follow among them */
	int ndigits;	    /* significant digits kept */
	int more;	    /* nonzero digits past those kept */
	uint64_t payload;   /* nan(n): n as strtoull reads it in base 0, when it is all of it */
	long dexp; /* value = 0.d1d2d3... * 10^dexp (hex: the binary exponent of 0x0.h1h2h3...) */
	const char *end;
};

/* Result: M * 2^e, or overflow; inexact/tiny for ERANGE. */
struct result {
	uint64_t m;
	int e;
	int overflow, erange;
};

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

static int is_space(int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static int digit_of(int c, int hex)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (hex && lower(c) >= 'a' && lower(c) <= 'f')
		return lower(c) - 'a' + 10;
	return -1;
}

static int has_word(const char *s, const char *word)
{
	while (*word)
		if (lower(*s++) != *word++)
			return 0;
	return 1;
}

/* The number [s, end) spells in C (0x hex, 0 octal, else decimal); 0 when
 * it is not one whole, as glibc reads nan(...), which also passes on the
 * ERANGE of a number too large (the payload is then all ones). */
static uint64_t nan_payload(const char *s, const char *end)
{
	int base = s[0] != '0' ? 10 : lower(s[1]) == 'x' ? 16 : 8;
	uint64_t v = 0;

	s += base == 16 ? 2 : 0;
	if (s == end)
		return 0;
	int over = 0;
	for (; s < end; s++) {
		int d = digit_of(*s, 1);
		if (d < 0 || d >= base)
			return 0;
		over |= v > (UINT64_MAX - (unsigned)d) / (unsigned)base;
		v = v * (unsigned)base + (unsigned)d;
	}
	if (over)
		errno = ERANGE;
	return over ? UINT64_MAX : v;
}

/* inf, infinity, nan, nan(n-char-sequence); 0 when s is none of them. */
static int parse_special(const char *s, struct number *n)
{
	if (has_word(s, "inf")) {
		n->kind = 1;
		n->end = s + (has_word(s, "infinity") ? 8 : 3);
		return 1;
	}
	if (!has_word(s, "nan"))
		return 0;
	n->kind = 2;
	n->end = s + 3;
	if (s[3] == '(') {
		const char *p = s + 4;
		while (digit_of(*p, 1) >= 0 || (lower(*p) >= 'a' && lower(*p) <= 'z') || *p == '_')
			p++;
		if (*p == ')')
			n->end = p + 1, n->payload = nan_payload(s + 4, p);
	}
	return 1;
}

/* An exponent after e or p, when digits follow; clamped far beyond any
 * format's range so it cannot overflow. */
static const char *parse_exponent(const char *s, long *exp)
{
	const char *p = s + 1;
	int neg = 0;
	long v = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (digit_of(*p, 0) < 0)
		return s;
	for (; digit_of(*p, 0) >= 0; p++)
		if (v < 100000000)
			v = v * 10 + (*p - '0');
	*exp = neg ? -v : v;
	return p;
}

/* Digits with an optional point: counts the significant ones (up to max),
 * notes nonzero ones dropped, and where the point falls. */
static const char *parse_digits(const char *s, struct number *n, int max, int *any)
{
	int seen_point = 0, per = n->hex ? 4 : 1;
	long lead = 0; /* digits before the point, from the first significant one */

	for (;; s++) {
		if (*s == '.' && !seen_point) {
			seen_point = 1;
			continue;
		}
		int d = digit_of(*s, n->hex);
		if (d < 0)
			break;
		*any = 1;
		if (!n->digits && d == 0) {
			if (seen_point)
				n->dexp -= per;
			continue;
		}
		if (!n->digits)
			n->digits = s;
		if (!seen_point)
			lead++;
		if (n->ndigits < max)
			n->ndigits++;
		else if (d)
			n->more = 1;
	}
	n->dexp += lead * per;
	return s;
}

static void parse(const char *s, struct number *n, const struct format *f)
{
	const char *start = s;
	int any = 0;

	memset(n, 0, sizeof *n);
	while (is_space(*s))
		s++;
	if (*s == '+' || *s == '-')
		n->neg = *s++ == '-';
	if (parse_special(s, n))
		return;
	if (s[0] == '0' && lower(s[1]) == 'x' &&
	    (digit_of(s[2], 1) >= 0 || (s[2] == '.' && digit_of(s[3], 1) >= 0))) {
		n->hex = 1;
		s += 2;
	}
	s = parse_digits(s, n, n->hex ? HEX_DIGITS : f->max_digits, &any);
	if (!any) {
		n->end = start;
		return;
	}
	long exp = 0;
	if (lower(*s) == (n->hex ? 'p' : 'e'))
		s = parse_exponent(s, &exp);
	n->dexp += exp;
	n->end = s;
}

/* The kept digits, skipping the point; i counts them. */
static int digit_at(const struct number *n, const char **p)
{
	if (**p == '.')
		(*p)++;
	return digit_of(*(*p)++, n->hex);
}

/* ---- hexadecimal: exact in 128 bits plus a sticky bit ------------------ */

static int bit_length(unsigned __int128 m)
{
	uint64_t hi = (uint64_t)(m >> 64);

	return hi ? 128 - __builtin_clzll(hi) : 64 - __builtin_clzll((uint64_t)m);
}

/* m >> shift (shift > 0), and what that drops beside half a unit kept. */
static unsigned __int128 shift_out(unsigned __int128 m, long shift, unsigned __int128 *rest,
				   unsigned __int128 *half)
{
	if (shift > 128) { /* far below half the least subnormal */
		*rest = 1, *half = 2;
		return 0;
	}
	*half = (unsigned __int128)1 << (shift - 1);
	*rest = shift == 128 ? m : m & ((*half << 1) - 1);
	return shift == 128 ? 0 : m >> shift;
}

/* Rounds m * 2^e (m nonzero; sticky: more below) into format f, ties to
 * even; ERANGE when the exact value is below the least normal (glibc
 * judges tininess before rounding) and inexact, or when it overflows. */
static struct result round_binary(unsigned __int128 m, long e, int sticky, const struct format *f)
{
	struct result r = {0, 0, 0, 0};
	int top = bit_length(m) - 1;
	long target = e + top + 1 - f->bits;

	if (target < f->emin)
		target = f->emin;
	long shift = target - e;
	unsigned __int128 rest = 0, half = 1;
	unsigned __int128 kept = shift <= 0 ? m << -shift : shift_out(m, shift, &rest, &half);
	int inexact = rest || sticky;
	kept += rest > half || (rest == half && (sticky || (kept & 1)));
	if (kept >> f->bits)
		kept >>= 1, target++;
	r.m = (uint64_t)kept, r.e = (int)target;
	r.overflow = target > f->emax;
	r.erange = r.overflow || (e + top < (long)f->emin + f->bits - 1 && inexact);
	return r;
}

static struct result convert_hex(const struct number *n, const struct format *f)
{
	const char *p = n->digits;
	unsigned __int128 m = 0;

	for (int i = 0; i < n->ndigits; i++)
		m = m << 4 | (unsigned)digit_at(n, &p);
	if (!m)
		return (struct result){0, 0, 0, 0};
	return round_binary(m, n->dexp - 4L * n->ndigits, n->more, f);
}

/* ---- big integers, for the exact comparisons ---------------------------- */

struct big {
	uint32_t *w; /* least significant first */
	int n, cap;
};

static void big_set(struct big *b, unsigned __int128 v)
{
	b->n = 0;
	for (; v; v >>= 32)
		b->w[b->n++] = (uint32_t)v;
}

static void big_mul_add(struct big *b, uint32_t mul, uint32_t add)
{
	uint64_t carry = add;

	for (int i = 0; i < b->n; i++) {
		uint64_t v = (uint64_t)b->w[i] * mul + carry;
		b->w[i] = (uint32_t)v;
		carry = v >> 32;
	}
	if (carry)
		b->w[b->n++] = (uint32_t)carry;
}

static void big_mul_pow5(struct big *b, long k)
{
	static const uint32_t pow5[14] = {1,	   5,	     25,	125,	   625,
					  3125,	   15625,    78125,	390625,	   1953125,
					  9765625, 48828125, 244140625, 1220703125};
	for (; k > 0; k -= 13)
		big_mul_add(b, pow5[k > 13 ? 13 : k], 0);
}

/* out = a * v, v up to 128 bits. */
static void big_mul_wide(struct big *out, const struct big *a, unsigned __int128 v)
{
	uint32_t vw[4];
	int vn = 0;

	for (; v; v >>= 32)
		vw[vn++] = (uint32_t)v;
	memset(out->w, 0, (size_t)(a->n + vn) * sizeof *out->w);
	for (int j = 0; j < vn; j++) {
		uint64_t carry = 0;
		for (int i = 0; i < a->n; i++) {
			uint64_t t = (uint64_t)a->w[i] * vw[j] + out->w[i + j] + carry;
			out->w[i + j] = (uint32_t)t;
			carry = t >> 32;
		}
		out->w[a->n + j] = (uint32_t)carry;
	}
	out->n = a->n + vn;
	while (out->n && !out->w[out->n - 1])
		out->n--;
}

static void big_copy(struct big *out, const struct big *a)
{
	memcpy(out->w, a->w, (size_t)a->n * sizeof *a->w);
	out->n = a->n;
}

static void big_shl(struct big *b, long bits)
{
	int words = (int)(bits / 32), s = (int)(bits % 32);

	if (!b->n)
		return;
	b->w[b->n] = 0;
	if (s)
		for (int i = b->n; i > 0; i--)
			b->w[i] = b->w[i] << s | b->w[i - 1] >> (32 - s);
	if (s)
		b->w[0] <<= s;
	b->n += b->w[b->n] != 0;
	memmove(b->w + words, b->w, (size_t)b->n * sizeof *b->w);
	memset(b->w, 0, (size_t)words * sizeof *b->w);
	b->n += words;
}

static int big_cmp(const struct big *a, const struct big *b)
{
	if (a->n != b->n)
		return a->n < b->n ? -1 : 1;
	for (int i = a->n - 1; i >= 0; i--)
		if (a->w[i] != b->w[i])
			return a->w[i] < b->w[i] ? -1 : 1;
	return 0;
}

/* ---- decimal: estimate, then correct exactly ---------------------------- */

/* D * 10^E exactly: for E >= 0, scaled holds D * 5^E; for E < 0, D and 5^-E
 * (the comparison multiplies the other side by it). */
struct exact {
	struct big d, scaled, left, right;
	long e10;
};

static void exact_start(struct exact *x, const struct number *n)
{
	const char *p = n->digits;
	int i = 0;

	x->e10 = n->dexp - n->ndigits - n->more;
	x->d.n = 0;
	while (i < n->ndigits) {
		uint32_t chunk = 0, scale = 1;
		for (int k = 0; k < 9 && i < n->ndigits; k++, i++)
			chunk = chunk * 10 + (uint32_t)digit_at(n, &p), scale *= 10;
		if (!x->d.n)
			big_set(&x->d, chunk);
		else
			big_mul_add(&x->d, scale, chunk);
	}
	if (n->more)
		big_mul_add(&x->d, 10, 1); /* stands for the nonzero digits dropped */
	big_set(&x->scaled, 1);
	big_mul_pow5(x->e10 >= 0 ? &x->d : &x->scaled, x->e10 >= 0 ? x->e10 : -x->e10);
}

/* Sign of D * 10^E - a * 2^f. */
static int exact_cmp(struct exact *x, unsigned __int128 a, long f)
{
	if (x->e10 >= 0) {
		big_copy(&x->left, &x->d);
		big_set(&x->right, a);
	} else {
		big_copy(&x->left, &x->d);
		big_mul_wide(&x->right, &x->scaled, a);
	}
	long d = x->e10 - f;
	big_shl(d >= 0 ? &x->left : &x->right, d >= 0 ? d : -d);
	return big_cmp(&x->left, &x->right);
}

/* Neighbours of m * 2^e in format f (m = 0 has none below). */
static void step_up(uint64_t *m, int *e, const struct format *f)
{
	++*m;
	if (f->bits == 64 ? *m == 0 : *m >> f->bits)
		*m = 1ull << (f->bits - 1), ++*e;
}

static void step_down(uint64_t *m, int *e, const struct format *f)
{
	if (*m == 1ull << (f->bits - 1) && *e > f->emin)
		*m = (*m << 1) - 1, --*e;
	else
		--*m;
}

/* Sign of V minus the midpoint of (m1, e1) and (m2, e2). */
static int cmp_mid(struct exact *x, uint64_t m1, int e1, uint64_t m2, int e2)
{
	int lo = e1 < e2 ? e1 : e2;
	unsigned __int128 a =
	    ((unsigned __int128)m1 << (e1 - lo)) + ((unsigned __int128)m2 << (e2 - lo));

	return exact_cmp(x, a, lo - 1L);
}

/* Moves (m, e) to the value nearest V, ties to even. */
static void correct(struct exact *x, uint64_t *m, int *e, const struct format *f)
{
	for (;;) {
		uint64_t um = *m, dm = *m;
		int ue = *e, de = *e;
		step_up(&um, &ue, f);
		int c = cmp_mid(x, *m, *e, um, ue);
		if (c > 0 || (c == 0 && (*m & 1))) {
			*m = um, *e = ue;
			if (ue > f->emax)
				return;
			continue;
		}
		if (!*m)
			return;
		step_down(&dm, &de, f);
		c = cmp_mid(x, dm, de, *m, *e);
		if (c < 0 || (c == 0 && (*m & 1))) {
			*m = dm, *e = de;
			continue;
		}
		return;
	}
}

static long double normalize(long double v, int *e2)
{
	struct {
		uint64_t m;
		uint16_t se;
	} b;

	memcpy(&b, &v, 10);
	*e2 += (b.se & 0x7fff) - 16383;
	b.se = 16383;
	memcpy(&v, &b, 10);
	return v;
}

/* D's first 19 digits times 10^E in long double: am * 2^ae within about
 * err units of its last bit. */
static void estimate(const struct number *n, uint64_t *am, int *ae, int *err)
{
	static const long double pow10[] = {1e0L,  1e1L,  1e2L,	 1e3L,	1e4L,  1e5L,  1e6L,
					    1e7L,  1e8L,  1e9L,	 1e10L, 1e11L, 1e12L, 1e13L,
					    1e14L, 1e15L, 1e16L, 1e17L, 1e18L, 1e19L, 1e20L,
					    1e21L, 1e22L, 1e23L, 1e24L, 1e25L, 1e26L, 1e27L};
	const char *p = n->digits;
	uint64_t d = 0;
	int k = n->ndigits < 19 ? n->ndigits : 19, e2 = 0;

	for (int i = 0; i < k; i++)
		d = d * 10 + (uint64_t)digit_at(n, &p);
	long e10 = n->dexp - k;
	long double v = normalize((long double)d, &e2);
	*err = 4 + (k < n->ndigits || n->more ? 40 : 0);
	for (; e10 != 0; ++*err) {
		int step = e10 > 27 ? 27 : e10 < -27 ? 27 : (int)(e10 < 0 ? -e10 : e10);
		v = normalize(e10 > 0 ? v * pow10[step] : v / pow10[step], &e2);
		e10 += e10 > 0 ? -step : step;
	}
	memcpy(am, &v, 8);
	*ae = e2 - 63;
	*err *= 2;
}

/* The estimate rounded into format f; 1 when it is certainly right. */
static int from_estimate(const struct number *n, const struct format *f, uint64_t *m, int *e)
{
	uint64_t am;
	int ae, err;

	estimate(n, &am, &ae, &err);
	int target = ae + 64 - f->bits;
	if (target < f->emin)
		target = f->emin;
	int shift = target - ae;
	if (shift >= 64) {
		*m = 0, *e = f->emin;
		return 0;
	}
	uint64_t rest = shift ? am & ((1ull << shift) - 1) : 0,
		 half = shift ? 1ull << (shift - 1) : 0;
	*m = shift ? am >> shift : am, *e = target;
	if (rest >= half && shift)
		step_up(m, e, f);
	if (*e > f->emax) /* correct() starts from the first value past the largest */
		*m = 1ull << (f->bits - 1), *e = f->emax + 1;
	uint64_t gap = rest > half ? rest - half : half - rest;
	int normal = *m >> (f->bits - 1) && (*e > f->emin || *m != 1ull << (f->bits - 1));
	return shift > 1 && gap > (uint64_t)err && normal && *e < f->emax; /* else: ERANGE? */
}

static int exact_alloc(struct exact *x, const struct number *n, const struct format *f,
		       uint32_t *stack, int stack_words)
{
	long e10 = n->dexp - n->ndigits - 1, span = e10 < 0 ? -e10 : e10;
	int words = (int)((4L * n->ndigits + 3 * span + span + (f->bits - f->emin) + 256) / 32);

	uint32_t *w = 4 * words <= stack_words ? stack : malloc(4 * (size_t)words * sizeof *w);
	if (!w)
		return -1;
	struct big *bigs[4] = {&x->d, &x->scaled, &x->left, &x->right};
	for (int i = 0; i < 4; i++)
		*bigs[i] = (struct big){w + i * words, 0, words};
	return 0;
}

static struct result convert_decimal(const struct number *n, const struct format *f)
{
	struct result r = {0, 0, 0, 0};
	uint32_t stack[4 * 160];
	struct exact x;

	if (!n->digits)
		return r;
	if (n->dexp > f->dexp_hi)
		return (struct result){0, f->emax + 1, 1, 1};
	if (n->dexp < f->dexp_lo)
		return (struct result){0, f->emin, 0, 1};
	if (from_estimate(n, f, &r.m, &r.e))
		return r;
	if (exact_alloc(&x, n, f, stack, 4 * 160)) {
		errno = ENOMEM; /* the estimate, within a few units of the last place */
		r.overflow = r.erange = r.e > f->emax;
		return r;
	}
	exact_start(&x, n);
	correct(&x, &r.m, &r.e, f);
	r.overflow = r.e > f->emax;
	if (r.e == f->emin && r.m <= 1ull << (f->bits - 1)) {
		int c = exact_cmp(&x, (unsigned __int128)r.m << 1, r.e - 1L);
		r.erange = c != 0 && (c < 0 || r.m < 1ull << (f->bits - 1));
	}
	r.erange |= r.overflow;
	if (x.d.w != stack)
		free(x.d.w);
	return r;
}

/* ---- the result in each type -------------------------------------------- */

/* IEEE binary32 or binary64 bits: the stored fraction has f->bits - 1
 * bits; width is 32 or 64. */
static uint64_t ieee_bits(const struct number *n, const struct result *r, const struct format *f,
			  int width)
{
	int frac = f->bits - 1;
	uint64_t inf = ((1ull << (width - 1 - frac)) - 1) << frac, bits = r->m;

	if (n->kind == 2) /* quiet, the payload below the quiet bit */
		bits = inf | 1ull << (frac - 1) | (n->payload & ((1ull << (frac - 1)) - 1));
	else if (n->kind == 1 || r->overflow)
		bits = inf;
	else if (r->m >> frac) /* normal: the exponent field over the implicit bit */
		bits = (uint64_t)(r->e - f->emin + 1) << frac | (r->m & ((1ull << frac) - 1));
	return bits | (uint64_t)n->neg << (width - 1);
}

static double make_double(const struct number *n, const struct result *r)
{
	uint64_t bits = ieee_bits(n, r, &double_format, 64);
	double d;

	memcpy(&d, &bits, sizeof d);
	return d;
}

static float make_float(const struct number *n, const struct result *r)
{
	uint32_t bits = (uint32_t)ieee_bits(n, r, &float_format, 32);
	float v;

	memcpy(&v, &bits, sizeof v);
	return v;
}

static long double make_long_double(const struct number *n, const struct result *r)
{
	struct {
		uint64_t m;
		uint16_t se;
	} b = {r->m, 0};
	long double v = 0;

	if (n->kind == 2)
		b.m = 0xc000000000000000ull | (n->payload & ((1ull << 62) - 1)), b.se = 0x7fff;
	else if (n->kind == 1 || r->overflow)
		b.m = 1ull << 63, b.se = 0x7fff;
	else if (r->m >> 63)
		b.se = (uint16_t)(r->e + 16383 + 63);
	b.se |= (uint16_t)(n->neg << 15);
	memcpy(&v, &b, 10);
	return v;
}

static struct result read_number(const char *s, char **end, struct number *n,
				 const struct format *f)
{
	struct result r = {0, 0, 0, 0};

	parse(s, n, f);
	if (end)
		*end = (char *)n->end;
	if (n->kind)
		return r;
	r = n->hex ? convert_hex(n, f) : convert_decimal(n, f);
	if (r.erange)
		errno = ERANGE;
	return r;
}

double strtod(const char *s, char **end)
{
	struct number n;
	struct result r = read_number(s, end, &n, &double_format);

	return make_double(&n, &r);
}

float strtof(const char *s, char **end)
{
	struct number n;
	struct result r = read_number(s, end, &n, &float_format);

	return make_float(&n, &r);
}

long double strtold(const char *s, char **end)
{
	struct number n;
	struct result r = read_number(s, end, &n, &long_double_format);

	return make_long_double(&n, &r);
}

double atof(const char *s)
{
	return strtod(s, 0);
}
