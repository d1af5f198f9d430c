/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/kconfig.h>

#include <abi/bootinfo.h>
#include <arch/x86_64/cpu.h>
#include <bootcfg/bootcfg.h>
#include <string/string.h>

#define ISA_DEBUG_EXIT_PORT 0xf4

static char config[BOOTINFO_CONFIG_MAX];
static size_t config_len;
static int test_mode;

/* Copied out of boot info so the boot-data pages can be freed later. */
void kconfig_init(const struct bootinfo *bi)
{
	char name[2];

	config_len = bi->config_len <= sizeof config ? bi->config_len : sizeof config;
	memcpy(config, bi->config, config_len);
	test_mode = bootcfg_get(config, config_len, "test", name, sizeof name) != -1;
}

int kconfig_get(const char *key, char *out, size_t outlen)
{
	return bootcfg_get(config, config_len, key, out, outlen);
}

uint64_t kconfig_get_number(const char *key, uint64_t fallback)
{
	char value[21];
	uint64_t n = 0;

	if (kconfig_get(key, value, sizeof value) <= 0)
		return fallback;
	for (char *c = value; *c >= '0' && *c <= '9'; c++)
		n = n * 10 + (uint64_t)(*c - '0');
	return n;
}

int kconfig_test_mode(void)
{
	return test_mode;
}

void qemu_exit(int code)
{
	outl(ISA_DEBUG_EXIT_PORT, (uint32_t)code);
	/* Not under QEMU (a real PC): nothing listens on the port. */
	cpu_stop();
}
