/* SPDX-License-Identifier: BSD-2-Clause */
/* integ_kv: kvd through its client library, started beside this test. */
#include "check.h"
#include "kv_client.h"
#include "kv_protocol.h"

#include <abi/bc.h>
#include <chappe/syscall.h>
#include <errno.h>
#include <libserver/client.h>
#include <string.h>

static const char rodata[16] = "read-only";
static char big[KV_VALUE_MAX + 1];

static void basics(void)
{
	char buf[16];

	EXPECT("get before any put", kv_get("a", buf, sizeof buf), -ENOENT);
	EXPECT("put a=1", kv_put("a", "1", 1), 0);
	memset(buf, 0, sizeof buf);
	EXPECT("get a", kv_get("a", buf, sizeof buf), 1);
	EXPECT("a is 1", buf[0] == '1' && buf[1] == 0, 1);
	EXPECT("put a=hello (replace)", kv_put("a", "hello", 5), 0);
	memset(buf, '#', sizeof buf);
	EXPECT("get a into 3 bytes gives the whole length", kv_get("a", buf, 3), 5);
	EXPECT("only 3 bytes copied", !memcmp(buf, "hel#", 4), 1);
	EXPECT("empty value", kv_put("empty", "", 0), 0);
	EXPECT("get empty", kv_get("empty", buf, sizeof buf), 0);
	EXPECT("delete a", kv_delete("a"), 0);
	EXPECT("get a after delete", kv_get("a", buf, sizeof buf), -ENOENT);
	EXPECT("delete a again", kv_delete("a"), -ENOENT);
	EXPECT("delete empty", kv_delete("empty"), 0);
}

static void listing(void)
{
	char buf[16];

	EXPECT("list when empty", kv_list(buf, sizeof buf), 0);
	kv_put("cherry", "3", 1), kv_put("apple", "1", 1), kv_put("banana", "2", 1);
	memset(buf, '#', sizeof buf);
	EXPECT("list into 8 bytes", kv_list(buf, 8), -ERANGE);
	EXPECT("nothing copied", buf[0], '#');
	char all[64];
	EXPECT("list", kv_list(all, sizeof all), 20);
	EXPECT("sorted", !memcmp(all, "apple\0banana\0cherry\0", 20), 1);
	kv_delete("apple"), kv_delete("banana"), kv_delete("cherry");
}

static void limits(void)
{
	char key[KV_KEY_MAX + 1], buf[8];

	memset(key, 'k', sizeof key - 1);
	key[KV_KEY_MAX] = '\0';
	EXPECT("key of 64 bytes", kv_put(key, "v", 1), -ENAMETOOLONG);
	key[KV_KEY_MAX - 1] = '\0';
	EXPECT("key of 63 bytes", kv_put(key, "v", 1), 0);
	EXPECT("get it", kv_get(key, buf, sizeof buf), 1);
	EXPECT("delete it", kv_delete(key), 0);
	EXPECT("empty key", kv_put("", "v", 1), -EINVAL);
	EXPECT("value over the limit", kv_put("big", big, sizeof big), -E2BIG);
	memset(big, 'x', KV_VALUE_MAX);
	big[7] = 'y';
	EXPECT("value at the limit", kv_put("big", big, KV_VALUE_MAX), 0);
	static char back[KV_VALUE_MAX];
	EXPECT("read it back", kv_get("big", back, sizeof back), KV_VALUE_MAX);
	EXPECT("same bytes", !memcmp(back, big, KV_VALUE_MAX), 1);
	kv_delete("big");
}

static void bad_pointers(void)
{
	char buf[8];

	EXPECT("NULL key", kv_put(0, "v", 1), -EFAULT);
	EXPECT("kernel key", kv_put((const char *)0xffffffff80000000ul, "v", 1), -EFAULT);
	EXPECT("kernel value", kv_put("k", (const void *)0xffff800000000000ul, 8), -EFAULT);
	EXPECT("no key after a bad value", kv_get("k", buf, sizeof buf), -ENOENT);
	kv_put("k", "v", 1);
	EXPECT("get into read-only memory", kv_get("k", (void *)rodata, 1), -EFAULT);
	EXPECT("read-only memory unchanged", rodata[0], 'r');
	EXPECT("list into read-only memory", kv_list((char *)rodata, sizeof rodata), -EFAULT);
	EXPECT("kvd still serves", kv_delete("k"), 0);
}

static void full(void)
{
	char key[16];
	int stored = 0, err = 0;

	while (!err) {
		snprintf(key, sizeof key, "k%d", stored);
		err = kv_put(key, "v", 1);
		stored += err == 0;
	}
	EXPECT("stops with ENOSPC", err, -ENOSPC);
	EXPECT("after KV_ENTRIES_MAX keys", stored, KV_ENTRIES_MAX);
	err = 0;
	for (int i = 0; i < stored; i++) {
		snprintf(key, sizeof key, "k%d", i);
		err |= kv_delete(key);
	}
	EXPECT("all deleted", err, 0);
	EXPECT("list empty again", kv_list(key, sizeof key), 0);
}

int main(void)
{
	check_start("kv_test");
	EXPECT("kvd registered within 5 s", server_await(KV_SYS_ID, 5000), 0);
	EXPECT("SYS_ID 0x41 is served by kvd", check_served_by(KV_SYS_ID, "kvd"), 1);
	EXPECT("registering 0x41 again", sys_bc_register(KV_SYS_ID, 0), -EBUSY);
	basics();
	listing();
	limits();
	bad_pointers();
	full();
	return check_finish();
}
