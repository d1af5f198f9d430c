/* SPDX-License-Identifier: BSD-2-Clause */
/* Stream locks in a process of one thread (stdio.h says why they are empty). */
#include <stdio.h>

void flockfile(FILE *f)
{
	(void)f;
}

int ftrylockfile(FILE *f)
{
	(void)f;
	return 0;
}

void funlockfile(FILE *f)
{
	(void)f;
}

int getc_unlocked(FILE *f)
{
	return getc(f);
}

int getchar_unlocked(void)
{
	return getchar();
}

int putc_unlocked(int c, FILE *f)
{
	return putc(c, f);
}

int putchar_unlocked(int c)
{
	return putchar(c);
}
