/* SPDX-License-Identifier: BSD-2-Clause */
/* The C locale, the only one (see <locale.h>). */
#include <limits.h>
#include <locale.h>
#include <string.h>

static int known_category(int c)
{
	return c == LC_ALL || c == LC_COLLATE || c == LC_CTYPE || c == LC_MONETARY ||
	       c == LC_NUMERIC || c == LC_TIME || c == LC_MESSAGES;
}

char *setlocale(int category, const char *locale)
{
	static char c_locale[] = "C";

	if (!known_category(category))
		return 0;
	if (!locale || !*locale || !strcmp(locale, "C") || !strcmp(locale, "POSIX"))
		return c_locale;
	return 0;
}

struct lconv *localeconv(void)
{
	static char dot[] = ".", none[] = "";
	static struct lconv c = {
	    .decimal_point = dot,
	    .thousands_sep = none,
	    .grouping = none,
	    .int_curr_symbol = none,
	    .currency_symbol = none,
	    .mon_decimal_point = none,
	    .mon_thousands_sep = none,
	    .mon_grouping = none,
	    .positive_sign = none,
	    .negative_sign = none,
	    .int_frac_digits = CHAR_MAX,
	    .frac_digits = CHAR_MAX,
	    .p_cs_precedes = CHAR_MAX,
	    .p_sep_by_space = CHAR_MAX,
	    .n_cs_precedes = CHAR_MAX,
	    .n_sep_by_space = CHAR_MAX,
	    .p_sign_posn = CHAR_MAX,
	    .n_sign_posn = CHAR_MAX,
	    .int_p_cs_precedes = CHAR_MAX,
	    .int_p_sep_by_space = CHAR_MAX,
	    .int_n_cs_precedes = CHAR_MAX,
	    .int_n_sep_by_space = CHAR_MAX,
	    .int_p_sign_posn = CHAR_MAX,
	    .int_n_sign_posn = CHAR_MAX,
	};

	return &c;
}
