/* SPDX-License-Identifier: BSD-2-Clause */
/* DIR blocks. A block passes dagfs_dir_check only if it is exactly what
 * dagfs_dir_encode makes of its entries (zero padding, no trailing bytes),
 * so equal directories always have equal hashes. */
#include <string.h>

#include <abi/errno.h>
#include <libdagfs/dagfs.h>

#define HEADER_SIZE sizeof(struct dagfs_dir_header)
#define DIRENT_SIZE sizeof(struct dagfs_dirent)
/* Every entry takes at least a dirent and 8 name bytes. */
#define MAX_ENTRIES ((DAGFS_BLOCK_MAX - HEADER_SIZE) / (DIRENT_SIZE + 8))
#define MODE_PERM 07777u

static uint32_t entry_size(uint8_t name_len)
{
	return (uint32_t)DIRENT_SIZE + ((name_len + 7u) & ~7u);
}

static int all_zero(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

static int name_ok(const char *name, uint32_t len)
{
	if (len == 0 || len > DAGFS_NAME_MAX)
		return 0;
	if (memchr(name, '/', len) || memchr(name, '\0', len))
		return 0;
	if (name[0] == '.' && (len == 1 || (len == 2 && name[1] == '.')))
		return 0;
	return 1;
}

static int mode_ok(uint32_t mode)
{
	uint32_t type = mode & DAGFS_MODE_TYPE;

	if (type != DAGFS_MODE_DIR && type != DAGFS_MODE_FILE)
		return 0;
	return (mode & ~(DAGFS_MODE_TYPE | MODE_PERM)) == 0;
}

/* Bytewise, a proper prefix first: the order of memcmp over whole names. */
static int name_cmp(const char *a, uint32_t alen, const char *b, uint32_t blen)
{
	int c = memcmp(a, b, alen < blen ? alen : blen);

	if (c)
		return c;
	return (alen > blen) - (alen < blen);
}

static void decode(const uint8_t *bytes, uint32_t off, struct dagfs_entry *out)
{
	struct dagfs_dirent d;

	memcpy(&d, bytes + off, sizeof d);
	out->mode = d.mode;
	out->size = d.size;
	memcpy(out->hash, d.hash, DAGFS_HASH_SIZE);
	out->name = (const char *)bytes + off + DIRENT_SIZE;
	out->name_len = d.name_len;
}

/* The entry at off, if it lies inside the block and is well formed. */
static int check_entry(const uint8_t *bytes, uint32_t len, uint32_t off, struct dagfs_entry *e)
{
	struct dagfs_dirent d;
	uint32_t size;

	if (len - off < DIRENT_SIZE)
		return -EIO;
	memcpy(&d, bytes + off, sizeof d);
	size = entry_size(d.name_len);
	if (!mode_ok(d.mode) || !all_zero(d.pad, sizeof d.pad) || len - off < size)
		return -EIO;
	decode(bytes, off, e);
	if (!name_ok(e->name, e->name_len))
		return -EIO;
	if (!all_zero(bytes + off + DIRENT_SIZE + d.name_len, size - DIRENT_SIZE - d.name_len))
		return -EIO;
	return 0;
}

int dagfs_dir_check(const uint8_t *bytes, uint32_t len)
{
	struct dagfs_dir_header h;
	struct dagfs_entry prev = {0}, cur;
	uint32_t off = HEADER_SIZE;

	if (len < HEADER_SIZE || len > DAGFS_BLOCK_MAX)
		return -EIO;
	memcpy(&h, bytes, sizeof h);
	if (h.pad)
		return -EIO;
	/* A lying count runs off the end of the block and fails there. */
	for (uint32_t i = 0; i < h.count; i++) {
		if (check_entry(bytes, len, off, &cur))
			return -EIO;
		if (i && name_cmp(prev.name, prev.name_len, cur.name, cur.name_len) >= 0)
			return -EIO;
		prev = cur;
		off += entry_size(cur.name_len);
	}
	return off == len ? 0 : -EIO;
}

uint32_t dagfs_dir_count(const uint8_t *bytes)
{
	struct dagfs_dir_header h;

	memcpy(&h, bytes, sizeof h);
	return h.count;
}

/* Where the entry after the one at off starts (checked block). */
static uint32_t next_offset(const uint8_t *bytes, uint32_t off)
{
	return off + entry_size(bytes[off + offsetof(struct dagfs_dirent, name_len)]);
}

static uint32_t entry_offset(const uint8_t *bytes, uint32_t i)
{
	uint32_t off = HEADER_SIZE;

	while (i--)
		off = next_offset(bytes, off);
	return off;
}

void dagfs_dir_entry(const uint8_t *bytes, uint32_t i, struct dagfs_entry *out)
{
	decode(bytes, entry_offset(bytes, i), out);
}

int dagfs_dir_lookup(const uint8_t *bytes, const char *name, size_t name_len,
		     struct dagfs_entry *out)
{
	uint16_t offs[MAX_ENTRIES];
	uint32_t count = dagfs_dir_count(bytes), lo = 0, hi = count;

	if (name_len == 0 || name_len > DAGFS_NAME_MAX || count > MAX_ENTRIES)
		return -ENOENT;
	offs[0] = HEADER_SIZE;
	for (uint32_t i = 1; i < count; i++)
		offs[i] = (uint16_t)next_offset(bytes, offs[i - 1]);
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int c;

		decode(bytes, offs[mid], out);
		c = name_cmp(name, (uint32_t)name_len, out->name, out->name_len);
		if (c == 0)
			return 0;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -ENOENT;
}

static void encode_entry(const struct dagfs_entry *e, uint8_t *out)
{
	struct dagfs_dirent d;
	uint32_t size = entry_size(e->name_len);

	memset(&d, 0, sizeof d);
	d.mode = e->mode;
	d.name_len = e->name_len;
	d.size = e->size;
	memcpy(d.hash, e->hash, DAGFS_HASH_SIZE);
	memcpy(out, &d, sizeof d);
	memcpy(out + DIRENT_SIZE, e->name, e->name_len);
	memset(out + DIRENT_SIZE + e->name_len, 0, size - DIRENT_SIZE - e->name_len);
}

static int encodable(const struct dagfs_entry *entries, uint32_t i)
{
	const struct dagfs_entry *e = &entries[i];

	if (!mode_ok(e->mode) || !name_ok(e->name, e->name_len))
		return 0;
	return i == 0 ||
	       name_cmp(entries[i - 1].name, entries[i - 1].name_len, e->name, e->name_len) < 0;
}

int dagfs_dir_encode(const struct dagfs_entry *entries, uint32_t count, uint8_t *out)
{
	struct dagfs_dir_header h = {.count = count, .pad = 0};
	uint32_t off = HEADER_SIZE;

	for (uint32_t i = 0; i < count; i++) {
		uint32_t size = entry_size(entries[i].name_len);

		if (!encodable(entries, i))
			return -EINVAL;
		if (DAGFS_BLOCK_MAX - off < size)
			return -ENOSPC;
		encode_entry(&entries[i], out + off);
		off += size;
	}
	memcpy(out, &h, sizeof h);
	return (int)off;
}
