/* SPDX-License-Identifier: BSD-2-Clause */
#include <string.h>

#include "check.h"
#include <bootcfg/bootcfg.h>

static int get(const char *text, const char *key, char *out, size_t n)
{
	return bootcfg_get(text, strlen(text), key, out, n);
}

int main(void)
{
	char v[16];

	CHECK(get("test=banner\n", "test", v, sizeof v) == 6 && !strcmp(v, "banner"));
	CHECK(get("  test =  guard  \r\n", "test", v, sizeof v) == 5 && !strcmp(v, "guard"));
	CHECK(get("# test=commented\n", "test", v, sizeof v) == -1);
	CHECK(get("test=a # trailing comment\n", "test", v, sizeof v) == 1 && !strcmp(v, "a"));
	CHECK(get("test=one\ntest=two\n", "test", v, sizeof v) == 3 && !strcmp(v, "two"));
	CHECK(get("testing=x\n", "test", v, sizeof v) == -1);
	CHECK(get("tes=x\n", "test", v, sizeof v) == -1);
	CHECK(get("test=\n", "test", v, sizeof v) == 0 && v[0] == '\0');
	CHECK(get("test=0123456789abcdef\n", "test", v, sizeof v) == -2);
	CHECK(get("novalue\ntest=x", "test", v, sizeof v) == 1 && !strcmp(v, "x"));
	CHECK(get("", "test", v, sizeof v) == -1);
	/* Not NUL-terminated input: the parser must stop at len. */
	char raw[] = {'t', 'e', 's', 't', '=', 'a', 'b'};
	CHECK(bootcfg_get(raw, 6, "test", v, sizeof v) == 1 && !strcmp(v, "a"));
	return check_summary("test_bootcfg");
}
