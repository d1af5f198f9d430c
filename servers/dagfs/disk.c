/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The data partition under the store (docs/dagfs.md, "The server on a
 * disk"). init asks for it once the disk drivers are up (DAGFS_OP_ATTACH):
 * the partition the loader found on the boot disk (the "bootdisk" boot
 * file) is looked for on every unit of every disk driver, by the GPT's
 * disk GUID and the partition's own GUID, then opened as libdagfs's
 * on-disk store (or formatted, and the boot image's tree put on it). From
 * then on the store's lower layer is the disk; a commit moves the write
 * area's live blocks to the log and writes a root record. Commits happen
 * on sync and fsync, DFS_COMMIT_MS after the root first moves, and when
 * the area is full. Without a partition the boot image is served
 * read-only, and the console says so.
 */
#include "dagfs.h"

#include <abi/disk.h>
#include <bootcfg/bootcfg.h>
#include <abi/errno.h>
#include <chappe/syscall.h>
#include <crypto/sha256.h>
#include <libdagfs/disk.h>
#include <libserver/block_client.h>
#include <libserver/server.h>
#include <stdlib.h>
#include <string.h>

#define INIT_PID 1
/* Commits whose trees cleaning keeps: the last and the one before, unless
 * /etc/dagfs.conf says keep_roots=N (1..DAGFS_ROOT_SLOTS: an older commit
 * is not in the ring to be found). */
#define KEEP_ROOTS_DEFAULT 2
#define CONFIG_PATH "/etc/dagfs.conf"
#define CONFIG_MAX 1024
#define UNITS_MAX 16
#define CACHE_LINES 1024		   /* 4 MiB of blocks read from the disk */
#define AHEAD_PAGES DAGFS_CHUNK_DATA_PAGES /* a sequential miss reads the rest of its chunk */
#define GPT_ENTRIES_BYTES_MAX (64u * 1024)

/* Where the partition is: a unit of a disk driver, and its sectors. */
struct partition {
	uint8_t sys_id;
	unsigned unit;
	uint64_t first_lba, sectors;
	uint32_t sector_size, xfer_max;
};

static struct partition part;
static unsigned keep_roots = KEEP_ROOTS_DEFAULT;
static struct dagfs_disk disk;
static struct dagfs_store disk_store;
static int attached, alarm_set, failed_commit;

static _Alignas(4096) uint8_t io_buf[4096];
static _Alignas(4096) uint8_t cache[CACHE_LINES][DAGFS_PAGE];
static struct dagfs_disk_line lines[CACHE_LINES];
static _Alignas(4096) uint8_t scratch[2 * DAGFS_PAGE];
static _Alignas(4096) uint8_t chunk[DAGFS_CHUNK_PAGES][DAGFS_PAGE];
static _Alignas(4096) uint8_t clean_page[DAGFS_PAGE];
static _Alignas(4096) uint8_t ahead[1 + AHEAD_PAGES][DAGFS_PAGE];

/* ---- the partition as pages -------------------------------------------------- */

static uint64_t lba_of(uint64_t page)
{
	return part.first_lba + page * (DAGFS_PAGE / part.sector_size);
}

/* pages at page, in requests the driver takes. */
static int part_io(int write, uint64_t page, uint8_t *buf, uint32_t pages)
{
	while (pages) {
		uint32_t n =
		    pages < part.xfer_max / DAGFS_PAGE ? pages : part.xfer_max / DAGFS_PAGE;
		int64_t r = write ? block_write(part.sys_id, part.unit, lba_of(page), buf,
						(size_t)n * DAGFS_PAGE, 0)
				  : block_read(part.sys_id, part.unit, lba_of(page), buf,
					       (size_t)n * DAGFS_PAGE);
		if (r < 0)
			return (int)r;
		page += n, buf += (size_t)n * DAGFS_PAGE, pages -= n;
	}
	return 0;
}

static int part_read(void *ctx, uint64_t page, void *buf, uint32_t pages)
{
	(void)ctx;
	return part_io(0, page, buf, pages);
}

static int part_write(void *ctx, uint64_t page, const void *buf, uint32_t pages)
{
	(void)ctx;
	return part_io(1, page, (uint8_t *)buf, pages);
}

static int part_flush(void *ctx)
{
	(void)ctx;
	int64_t r = block_flush(part.sys_id, part.unit);
	return r < 0 ? (int)r : 0;
}

/* ---- finding it ------------------------------------------------------------------ */

static uint64_t le64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

static uint32_t le32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof v);
	return v;
}

/* The loader checked the GPT's CRCs at boot; here the unit must be the
 * disk it read (its GUID) and hold the partition where the loader saw it. */
static int entry_is_ours(const uint8_t *e, const struct bootdisk *bd)
{
	static const uint8_t type[16] = DISK_DATA_TYPE_GUID;

	return !memcmp(e, type, 16) && !memcmp(e + 16, bd->data_guid, 16) &&
	       le64(e + 32) == bd->data_first_lba && le64(e + 40) == bd->data_last_lba;
}

/* GPT entries are 128 << n bytes, so a page of them holds whole ones. */
static int entries_hold(uint8_t sys_id, unsigned unit, uint32_t ss, const uint8_t *header,
			const struct bootdisk *bd)
{
	uint64_t lba = le64(header + 72);
	uint32_t count = le32(header + 80), size = le32(header + 84);
	uint64_t bytes = (uint64_t)count * size;

	if (size < 128 || sizeof io_buf % size || bytes > GPT_ENTRIES_BYTES_MAX)
		return 0;
	for (uint64_t at = 0; at < bytes; at += sizeof io_buf) {
		if (block_read(sys_id, unit, lba + at / ss, io_buf, sizeof io_buf) < 0)
			return 0;
		for (uint32_t in = 0; in < sizeof io_buf && at + in < bytes; in += size)
			if (entry_is_ours(io_buf + in, bd))
				return 1;
	}
	return 0;
}

static int unit_holds(uint8_t sys_id, unsigned unit, const struct block_info *info,
		      const struct bootdisk *bd)
{
	uint8_t header[512];
	uint32_t ss = info->sector_size;

	if ((ss != 512 && ss != 4096) || info->xfer_max < DAGFS_PAGE ||
	    block_read(sys_id, unit, 1, io_buf, ss) < 0)
		return 0;
	memcpy(header, io_buf, sizeof header);
	if (memcmp(header, "EFI PART", 8) || memcmp(header + 56, bd->disk_guid, 16))
		return 0;
	return entries_hold(sys_id, unit, ss, header, bd);
}

static const uint8_t disk_drivers[] = {BLOCK_SYS_ID_AHCI, BLOCK_SYS_ID_NVME, BLOCK_SYS_ID_USB};

/* The unit holding the boot disk's data partition into part: 0 or -ENODEV. */
static int find_partition(const struct bootdisk *bd)
{
	struct block_info info;

	for (unsigned d = 0; d < sizeof disk_drivers; d++) {
		for (unsigned u = 0; u < UNITS_MAX; u++) {
			if (block_info(disk_drivers[d], u, &info) < 0)
				break; /* no such unit, or no such driver */
			if (!unit_holds(disk_drivers[d], u, &info, bd))
				continue;
			part = (struct partition){
			    disk_drivers[d],	u,
			    bd->data_first_lba, bd->data_last_lba - bd->data_first_lba + 1,
			    info.sector_size,	info.xfer_max};
			return 0;
		}
	}
	return -ENODEV;
}

static const char *driver_name(uint8_t sys_id)
{
	return sys_id == BLOCK_SYS_ID_NVME ? "nvme" : sys_id == BLOCK_SYS_ID_USB ? "usb" : "ahci";
}

/* ---- the store on it ---------------------------------------------------------------- */

static uint64_t index_slots_for(uint64_t pages)
{
	uint64_t n = 4096;

	while (n < 2 * pages)
		n <<= 1; /* a block per page, at most 3/4 full: room to spare */
	return n;
}

static int disk_setup(void)
{
	uint64_t pages = part.sectors * part.sector_size / DAGFS_PAGE;

	disk = (struct dagfs_disk){
	    .dev = {part_read, part_write, part_flush, pages, 0},
	    .index_slots = index_slots_for(pages),
	    .chunk = (struct dagfs_chunk_dir *)chunk,
	    .cache = &cache[0][0],
	    .lines = lines,
	    .cache_lines = CACHE_LINES,
	    .scratch = scratch,
	    .ahead = &ahead[0][0],
	    .ahead_pages = AHEAD_PAGES,
	    .on_corrupt = dfs_report_corrupt,
	};
	disk.index = calloc(disk.index_slots, sizeof disk.index[0]);
	disk.clean_page = clean_page;
	return disk.index ? 0 : -ENOMEM;
}

/* A cache line reused may have been a block a handle kept: tell them. */
static int disk_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		    const uint8_t **bytes, uint32_t *len)
{
	uint64_t evictions = disk.evictions;
	int err = disk_store.get(ctx, hash, type, bytes, len);

	if (disk.evictions != evictions)
		dfs_store_epoch++;
	return err;
}

static int put_on_disk(const uint8_t hash[DAGFS_HASH_SIZE], uint8_t type, const void *bytes,
		       uint32_t len)
{
	return dagfs_disk_put_hashed(&disk, hash, type, bytes, len);
}

static void new_fs_id(const struct bootdisk *bd, uint8_t out[16])
{
	uint8_t seed[64], h[DAGFS_HASH_SIZE];
	uint32_t lo, hi;

	__asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
	memcpy(seed, bd->data_guid, 16);
	memcpy(seed + 16, &lo, 4);
	memcpy(seed + 20, &hi, 4);
	memset(seed + 24, 0, sizeof seed - 24);
	sha256(seed, sizeof seed, h);
	memcpy(out, h, 16);
}

static const uint8_t no_tree[DAGFS_HASH_SIZE];

/* An empty partition, or one formatted with no tree yet: the boot image's. */
static int seed(const struct bootdisk *bd, int format)
{
	uint8_t fs_id[16];
	int err = 0;

	if (format) {
		new_fs_id(bd, fs_id);
		err = dagfs_disk_format(&disk, fs_id);
	}
	if (!err)
		err = dfs_image_write_back(put_on_disk);
	dfs_mark_live(); /* and whatever was written before the attach */
	if (!err)
		err = dfs_area_write_back(put_on_disk);
	if (!err)
		err = dagfs_disk_commit(&disk, dfs_root);
	return err;
}

/* A record in the slot after the newest valid one that does not check is
 * most likely the next commit's, torn as it was written: the store is the
 * commit before it. */
static void log_bad_records(void)
{
	unsigned next = (unsigned)((disk.committed.seq + 1) % DAGFS_ROOT_SLOTS);

	for (unsigned i = 0; i < DAGFS_ROOT_SLOTS; i++) {
		if (!(disk.ring_bad & 1u << i))
			continue;
		if (i == next)
			server_log("dagfs: the root record in slot %u does not check (a torn "
				   "write?): falling back to commit %lu, the newest valid one\n",
				   i, (unsigned long)disk.committed.seq);
		else
			server_log("dagfs: the root record in slot %u does not check: ignored\n",
				   i);
	}
}

static void log_attached(void)
{
	char hex[65];

	dagfs_hash_hex(disk.committed.root, hex);
	server_log("dagfs: data partition on %s unit %u (%lu MiB): commit %lu, root %s\n",
		   driver_name(part.sys_id), part.unit,
		   (unsigned long)(disk.dev.pages * DAGFS_PAGE >> 20),
		   (unsigned long)disk.committed.seq, hex);
	if (disk.damaged)
		server_log("dagfs: the log has a damaged chunk: the blocks past it give EIO\n");
	log_bad_records();
}

static int open_or_seed(const struct bootdisk *bd)
{
	int err = dagfs_disk_open(&disk);

	if (err == -ENOENT) {
		server_log("dagfs: the data partition is not formatted: formatting it\n");
		return seed(bd, 1);
	}
	if (!err && !memcmp(disk.committed.root, no_tree, DAGFS_HASH_SIZE))
		return seed(bd, 0);
	return err;
}

/* keep_roots in /etc/dagfs.conf (key=value lines, as BOOT.CFG), or the
 * default; a value out of range is said and not taken. */
static unsigned configured_keep(void)
{
	char text[CONFIG_MAX], value[16], *end;
	struct dfs_path p;
	struct dagfs_entry e;
	int64_t n;

	if (dfs_path_parse_abs(CONFIG_PATH, &p) || dfs_resolve(&p, &e) ||
	    (e.mode & DAGFS_MODE_TYPE) != DAGFS_MODE_FILE)
		return KEEP_ROOTS_DEFAULT;
	n = dagfs_file_read(&dfs_store, e.hash, 0, text,
			    e.size < sizeof text ? e.size : sizeof text);
	if (n < 0 || bootcfg_get(text, (size_t)n, "keep_roots", value, sizeof value) < 0)
		return KEEP_ROOTS_DEFAULT;
	unsigned long v = strtoul(value, &end, 10);
	if (*end || end == value || v < 1 || v > DAGFS_ROOT_SLOTS) {
		server_log("dagfs: keep_roots=%s in " CONFIG_PATH " is not 1..%u: keeping %u\n",
			   value, DAGFS_ROOT_SLOTS, KEEP_ROOTS_DEFAULT);
		return KEEP_ROOTS_DEFAULT;
	}
	return (unsigned)v;
}

/* Read at the attach and before each cleaning, so an edit takes effect
 * without a reboot; said when it changes. */
static void read_keep(void)
{
	unsigned keep = configured_keep();

	if (keep != keep_roots)
		server_log("dagfs: cleaning keeps the trees of the last %u commits (" CONFIG_PATH
			   ")\n",
			   keep);
	keep_roots = keep;
}

static int attach(void)
{
	struct bootdisk bd;
	int err;

	if (sys_bootarc_read((long)BOOTARC_BOOTDISK_NAME, 0, (long)&bd, sizeof bd) != sizeof bd ||
	    !(bd.flags & BOOTDISK_DATA))
		return -ENODEV;
	if ((err = find_partition(&bd)) || (err = disk_setup()) || (err = open_or_seed(&bd)))
		return err;
	memcpy(dfs_root, disk.committed.root, DAGFS_HASH_SIZE);
	dagfs_disk_store(&disk_store, &disk);
	dfs_store_lower(&(struct dagfs_store){disk_get, 0, &disk, 0}, 1);
	log_attached();
	read_keep();
	return 0;
}

int64_t dfs_op_attach(const struct bc_msg *m)
{
	static int asked;
	int err;

	if (m->sender != INIT_PID)
		return -EPERM;
	if (asked)
		return -EALREADY;
	asked = 1;
	err = attach();
	if (!err) {
		attached = 1;
		return 0;
	}
	free(disk.index);
	free(disk.todo);
	disk.index = 0, disk.todo = 0;
	if (err == -ENODEV)
		server_log("dagfs: no data partition on the boot disk: root.dfs, read-only\n");
	else if (err == -EFTYPE)
		server_log("dagfs: the data partition holds another version of the dagfs format "
			   "(this system writes version %u), left as it is: root.dfs, read-only\n",
			   DAGFS_DISK_VERSION);
	else
		server_log("dagfs: the data partition failed (error %d): root.dfs, read-only\n",
			   err);
	dfs_store_read_only();
	return err;
}

int dfs_disk_attached(void)
{
	return attached;
}

/* ---- commits ------------------------------------------------------------------------- */

static void report_commit_failure(int err)
{
	if (!failed_commit)
		server_log("dagfs: a commit failed (error %d): changes since commit %lu are not "
			   "on the disk yet\n",
			   err, (unsigned long)disk.committed.seq);
	failed_commit = 1;
}

/* ---- cleaning --------------------------------------------------------------------- */

static void mark_on_disk(const uint8_t hash[DAGFS_HASH_SIZE])
{
	dagfs_disk_mark(&disk, hash);
}

/* Every block still wanted marked on the disk: what the live root,
 * snapshots and open handles reach (through the area's blocks), and the
 * trees of the last keep_roots commits. */
static int mark_wanted(void)
{
	read_keep();
	if (!disk.todo && !(disk.todo = calloc(disk.index_slots, sizeof disk.todo[0])))
		return -ENOMEM; /* the first cleaning's: most boots never clean */
	dagfs_disk_mark_begin(&disk);
	dfs_reach_below(mark_on_disk);
	dfs_mark_live();
	dfs_reach_below(0);
	dagfs_disk_mark_kept(&disk, keep_roots);
	return dagfs_disk_mark_finish(&disk);
}

/* With what is wanted marked: clean until `want` pages are free, then
 * commit the same tree: the space is free once that commit is on the disk. */
static int clean_marked(uint64_t want)
{
	int err, cleaned = dagfs_disk_clean(&disk, want);

	if (cleaned && cleaned != -ENOSPC)
		return cleaned;
	if ((err = dagfs_disk_commit(&disk, disk.committed.root)))
		return err;
	return cleaned;
}

static int clean(uint64_t want)
{
	int err = mark_wanted();

	return err ? err : clean_marked(want);
}

/* The pages the area's blocks may take in the log, chunk directories and a
 * filler at the device's end included. */
static uint64_t pages_for_area(void)
{
	struct dagfs_space s;

	dfs_space(&s);
	return (s.area_used + DAGFS_PAGE - 1) / DAGFS_PAGE + s.blocks / DAGFS_CHUNK_ENTRIES + 2 +
	       (1 + DAGFS_CHUNK_DATA_PAGES);
}

/* Cleaning only when it can give back what the area needs: on a disk
 * full of live data it would move it all for nothing. */
static int make_room(void)
{
	uint64_t need = pages_for_area();
	int err;

	if (dagfs_disk_free_pages(&disk) >= need)
		return 0;
	if ((err = mark_wanted()))
		return err;
	if (dagfs_disk_free_pages(&disk) + dagfs_disk_reclaimable(&disk) < need)
		return -ENOSPC;
	err = clean_marked(need + dagfs_disk_log_pages(&disk) / 4);
	return err == -ENOSPC && dagfs_disk_free_pages(&disk) >= need ? 0 : err;
}

/* Each cleaning commits, and so pushes the oldest kept tree out of the
 * last keep_roots commits: a few rounds give back what only those held. */
int dfs_disk_reclaim(void)
{
	int err = dfs_disk_sync();

	for (unsigned round = 0; !err && attached && round <= keep_roots; round++) {
		uint64_t before = dagfs_disk_free_pages(&disk);
		err = clean(UINT64_MAX);
		err = err == -ENOSPC ? 0 : err;
		if (dagfs_disk_free_pages(&disk) <= before)
			break;
	}
	return err;
}

void dfs_disk_space(struct dagfs_space *out)
{
	if (!attached)
		return;
	out->disk_pages = disk.dev.pages;
	out->log_pages = dagfs_disk_log_pages(&disk);
	out->free_pages = dagfs_disk_free_pages(&disk);
	out->commits = disk.committed.seq;
	out->cleaned_pages = disk.cleaned_pages;
}

/* A commit this small that adds no file data (files deleted, renamed) may
 * take the pages kept for cleaning: on a full disk it is what frees space. */
#define SMALL_COMMIT (2 * (1 + DAGFS_CHUNK_DATA_PAGES))

static int write_back_and_commit(void)
{
	int err;

	dfs_mark_live();
	err = dfs_area_write_back(put_on_disk);
	return err ? err : dagfs_disk_commit(&disk, dfs_root);
}

int dfs_disk_sync(void)
{
	int err;

	if (!attached || !memcmp(dfs_root, disk.committed.root, DAGFS_HASH_SIZE))
		return 0;
	if ((err = make_room()) && err != -ENOSPC) {
		report_commit_failure(err);
		return err;
	}
	err = write_back_and_commit();
	if (err == -ENOSPC) {
		dfs_reclaim(); /* what the area holds for nothing would count below */
		dfs_mark_live();
	}
	if (err == -ENOSPC && pages_for_area() <= SMALL_COMMIT && dfs_area_adds_no_data()) {
		disk.use_reserve = 1;
		err = write_back_and_commit();
		disk.use_reserve = 0;
	}
	if (err) {
		report_commit_failure(err);
		return err;
	}
	failed_commit = 0;
	dfs_area_clear();
	return 0;
}

void dfs_disk_changed(void)
{
	if (!attached || alarm_set || !memcmp(dfs_root, disk.committed.root, DAGFS_HASH_SIZE))
		return;
	sys_bc_alarm(DFS_COMMIT_MS);
	alarm_set = 1;
}

void dfs_disk_alarm(void)
{
	alarm_set = 0;
	dfs_disk_sync();
	dfs_disk_changed(); /* a commit that failed is tried again later */
}
