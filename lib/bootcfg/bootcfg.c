/* SPDX-License-Identifier: BSD-2-Clause */
#include "bootcfg.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

struct span {
	const char *p;
	size_t n;
};

static struct span trim(const char *p, size_t n)
{
	while (n && is_blank(*p))
		p++, n--;
	while (n && is_blank(p[n - 1]))
		n--;
	return (struct span){p, n};
}

static int span_is(struct span s, const char *word)
{
	size_t i = 0;

	for (; i < s.n; i++)
		if (word[i] != s.p[i])
			return 0;
	return word[i] == '\0';
}

static size_t line_length(const char *p, size_t left)
{
	size_t n = 0;

	while (n < left && p[n] != '\n' && p[n] != '#')
		n++;
	return n;
}

int bootcfg_get(const char *text, size_t len, const char *key, char *out, size_t outlen)
{
	struct span found = {0, 0};
	int have = 0;

	for (size_t i = 0; i < len;) {
		size_t n = line_length(text + i, len - i), eq = 0;
		while (eq < n && text[i + eq] != '=')
			eq++;
		if (eq < n && span_is(trim(text + i, eq), key)) {
			found = trim(text + i + eq + 1, n - eq - 1);
			have = 1;
		}
		while (i < len && text[i] != '\n')
			i++;
		i++;
	}
	if (!have)
		return -1;
	if (found.n + 1 > outlen)
		return -2;
	for (size_t k = 0; k < found.n; k++)
		out[k] = found.p[k];
	out[found.n] = '\0';
	return (int)found.n;
}
