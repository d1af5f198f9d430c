/* SPDX-License-Identifier: BSD-2-Clause */
/* kv: the key-value store from the shell. */
#include "kv_client.h"
#include "kv_protocol.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

static char
    buf[KV_VALUE_MAX > KV_ENTRIES_MAX *KV_KEY_MAX ? KV_VALUE_MAX : KV_ENTRIES_MAX *KV_KEY_MAX];

static int usage(void)
{
	fprintf(stderr, "usage: kv get KEY | kv put KEY VALUE | kv del KEY | kv list\n");
	return 2;
}

static int failed(const char *what, const char *key, int64_t err)
{
	if (err == -ENOSYS)
		fprintf(stderr, "kv: kvd is not running (nothing serves SYS_ID 0x%02x)\n",
			KV_SYS_ID);
	else if (err == -ENOENT)
		fprintf(stderr, "kv: %s: no key \"%s\"\n", what, key);
	else
		fprintf(stderr, "kv: %s: %s\n", what, strerror((int)-err));
	return 1;
}

static int list(void)
{
	int64_t n = kv_list(buf, sizeof buf);

	if (n < 0)
		return failed("list", "", n);
	for (int64_t at = 0; at < n; at += (int64_t)strlen(buf + at) + 1)
		printf("%s\n", buf + at);
	return 0;
}

int main(int argc, char **argv)
{
	int64_t n;

	if (argc == 2 && !strcmp(argv[1], "list"))
		return list();
	if (argc == 3 && !strcmp(argv[1], "get")) {
		n = kv_get(argv[2], buf, sizeof buf);
		if (n < 0)
			return failed("get", argv[2], n);
		printf("%.*s\n", (int)n, buf);
		return 0;
	}
	if (argc == 3 && !strcmp(argv[1], "del")) {
		n = kv_delete(argv[2]);
		return n ? failed("del", argv[2], n) : 0;
	}
	if (argc == 4 && !strcmp(argv[1], "put")) {
		n = kv_put(argv[2], argv[3], strlen(argv[3]));
		return n ? failed("put", argv[2], n) : 0;
	}
	return usage();
}
