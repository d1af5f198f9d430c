/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/bootarc.h>

#include <abi/bootarc.h>
#include <abi/disk.h>
#include <core/console.h>
#include <string/string.h>
#include <mm/frame.h>

static const uint8_t *archive;
static uint64_t archive_size;
static unsigned count;
static const void *rootfs;
static uint64_t rootfs_size;
static struct bootdisk bootdisk;

void bootarc_add_rootfs(uint64_t phys, uint64_t size)
{
	rootfs = phys ? phys_to_virt(phys) : 0;
	rootfs_size = size;
}

void bootarc_add_bootdisk(const struct bootdisk *d)
{
	bootdisk = *d;
}

static const struct bootarc_entry *entry(unsigned i)
{
	return (const struct bootarc_entry *)(archive + sizeof(struct bootarc_header)) + i;
}

static const char *check_entry(const struct bootarc_entry *e)
{
	if (memchr(e->name, '\0', sizeof e->name) == 0 || e->name[0] == '\0')
		return "an entry name is empty or unterminated";
	if (e->offset % 8 || e->offset > archive_size || e->size > archive_size - e->offset)
		return "an entry lies outside the archive or is misaligned";
	return 0;
}

static const char *check(void)
{
	const struct bootarc_header *h = (const struct bootarc_header *)archive;

	if (archive_size < sizeof *h || memcmp(h->magic, BOOTARC_MAGIC, 8))
		return "bad magic";
	if (h->count > BOOTARC_MAX_ENTRIES ||
	    sizeof *h + (uint64_t)h->count * sizeof(struct bootarc_entry) > archive_size)
		return "entry table is larger than the archive";
	count = h->count;
	for (unsigned i = 0; i < count; i++) {
		const char *why = check_entry(entry(i));
		if (why)
			return why;
	}
	return 0;
}

int bootarc_init(uint64_t phys, uint64_t size)
{
	const char *why;

	if (!phys)
		return 0; /* no archive: nothing to start */
	archive = phys_to_virt(phys);
	archive_size = size;
	why = check();
	if (why) {
		kprintf_color(CONSOLE_RED, "bootarc: BOOT.ARC rejected: %s\n", why);
		archive = 0;
		count = 0;
		return -1;
	}
	return 0;
}

int bootarc_find(const char *name, const void **data, uint64_t *size)
{
	if (rootfs && !strcmp(name, BOOTARC_ROOTFS_NAME)) {
		*data = rootfs;
		*size = rootfs_size;
		return 0;
	}
	if (!strcmp(name, BOOTARC_BOOTDISK_NAME)) {
		*data = &bootdisk;
		*size = sizeof bootdisk;
		return 0;
	}
	for (unsigned i = 0; archive && i < count; i++) {
		if (strcmp(entry(i)->name, name))
			continue;
		*data = archive + entry(i)->offset;
		*size = entry(i)->size;
		return 0;
	}
	return -1;
}

unsigned bootarc_count(void)
{
	return count;
}
