/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * lib/libc/include/ctype.h (all inline) against the host's in the "C"
 * locale, which a program is in until it calls setlocale: every argument
 * the functions are defined for, EOF and each unsigned char value.
 */
#include "libc_names.h"
#include "../../lib/libc/include/ctype.h"
#define LIBC_NAMES_UNDO
#include "libc_names.h"

#include <ctype.h>
#include <stdio.h>

#include "check.h"

static const struct {
	const char *name;
	int (*chappe)(int);
	int (*host)(int);
	int is_class; /* a yes/no answer: any nonzero value means yes */
} fns[] = {
    {"isdigit", chappe_isdigit, isdigit, 1}, {"isupper", chappe_isupper, isupper, 1},
    {"islower", chappe_islower, islower, 1}, {"isalpha", chappe_isalpha, isalpha, 1},
    {"isalnum", chappe_isalnum, isalnum, 1}, {"isxdigit", chappe_isxdigit, isxdigit, 1},
    {"isspace", chappe_isspace, isspace, 1}, {"isprint", chappe_isprint, isprint, 1},
    {"iscntrl", chappe_iscntrl, iscntrl, 1}, {"ispunct", chappe_ispunct, ispunct, 1},
    {"toupper", chappe_toupper, toupper, 0}, {"tolower", chappe_tolower, tolower, 0},
    {"isblank", chappe_isblank, isblank, 1}, {"isgraph", chappe_isgraph, isgraph, 1},
};

int main(void)
{
	for (size_t f = 0; f < sizeof fns / sizeof fns[0]; f++) {
		int wrong = 0;
		for (int c = EOF; c <= 255; c++) {
			int a = fns[f].chappe(c), b = fns[f].host(c);
			if (fns[f].is_class ? !a != !b : a != b) {
				wrong++;
				fprintf(stderr, "  %s(%d): %d, host %d\n", fns[f].name, c, a, b);
			}
		}
		CHECK(wrong == 0);
	}
	return check_summary("test_libc_ctype");
}
