/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mkdagfs: make, check and list dagfs images (docs/dagfs.md).
 *
 *   mkdagfs OUT.img DIR        build an image of the tree under DIR
 *   mkdagfs --verify IMG       check every block and the whole tree
 *   mkdagfs --ls IMG [PATH]    list a directory, or describe one file
 *   mkdagfs --disk OUT IMG MIB a data partition of MIB MiB holding IMG's
 *                              tree as dagfs on a disk (libdagfs/disk.h)
 */
#define _DEFAULT_SOURCE
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <abi/errno.h>

#include <crypto/sha256.h>
#include <libdagfs/disk.h>

#include "dagfs-build.h"

static int usage(void)
{
	fprintf(stderr, "usage: mkdagfs OUT.img DIR\n"
			"       mkdagfs --verify IMG\n"
			"       mkdagfs --ls IMG [PATH]\n"
			"       mkdagfs --disk OUT IMG MIB\n");
	return 2;
}

static void host_error(const char *path)
{
	char msg[4200];

	snprintf(msg, sizeof msg, "mkdagfs: %s", path);
	perror(msg);
}

/* The whole file, malloc'd (so aligned for dagfs_image_open). */
static uint8_t *load(const char *path, uint64_t *size)
{
	FILE *f = fopen(path, "rb");
	long n = -1;
	uint8_t *p = NULL;

	if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET))
		p = malloc(n ? (size_t)n : 1);
	if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
		free(p);
		p = NULL;
	}
	if (!p)
		host_error(path);
	if (f)
		fclose(f);
	*size = (uint64_t)n;
	return p;
}

static int save(const char *path, const uint8_t *p, uint64_t n)
{
	FILE *f = fopen(path, "wb");
	int ok = f && fwrite(p, 1, n, f) == n;

	if (f && fclose(f))
		ok = 0;
	if (!ok)
		host_error(path);
	return ok ? 0 : -1;
}

static void summary(const struct memstore *ms, const uint8_t *root, const struct build_stats *stats,
		    uint64_t size)
{
	char hex[65];

	dagfs_hash_hex(root, hex);
	printf("root %s\n", hex);
	printf("mkdagfs: %" PRIu64 " files, %" PRIu64 " dirs, %" PRIu64 " blocks (%" PRIu64
	       " deduplicated), image %" PRIu64 " bytes\n",
	       stats->files, stats->dirs, memstore_blocks(ms), memstore_deduped(ms), size);
}

static int make(const char *out, const char *dir)
{
	struct memstore *ms = memstore_new();
	struct dagfs_store st;
	struct build_stats stats;
	uint8_t root[DAGFS_HASH_SIZE], *img = NULL;
	uint64_t size = 0;
	int err = ms ? 0 : -1;

	if (!err) {
		memstore_bind(ms, &st);
		err = build_tree(&st, dir, root, &stats);
	}
	if (!err && memstore_image(ms, root, &img, &size)) {
		fprintf(stderr, "mkdagfs: out of memory\n");
		err = -1;
	}
	if (!err)
		err = save(out, img, size);
	if (!err)
		summary(ms, root, &stats, size);
	free(img);
	memstore_free(ms);
	return err ? 1 : 0;
}

/* Load and open an image; NULL after saying why. */
static uint8_t *open_image(const char *path, struct dagfs_image *img)
{
	uint64_t size;
	uint8_t *p = load(path, &size);
	const char *why;

	if (p && dagfs_image_open(img, p, size, &why)) {
		printf("mkdagfs: %s corrupt: %s\n", path, why);
		free(p);
		p = NULL;
	}
	return p;
}

static int verify(const char *path)
{
	struct dagfs_image img;
	struct dagfs_verify_report r;
	uint8_t *p = open_image(path, &img);
	char hex[65];
	int err;

	if (!p)
		return 1;
	err = dagfs_verify(&img, &r);
	if (err) {
		printf("mkdagfs: %s corrupt: %s at %s\n", path, r.why, r.where);
	} else {
		dagfs_hash_hex(img.super->root, hex);
		printf("mkdagfs: %s ok: root %s, %" PRIu64 " dirs, %" PRIu64 " files, %" PRIu64
		       " blocks\n",
		       path, hex, r.dirs, r.files, r.blocks_checked);
	}
	free(p);
	return err ? 1 : 0;
}

static const char *error_text(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such file or directory";
	case -ENOTDIR:
		return "not a directory";
	case -EIO:
		return "I/O error: the image is corrupt there";
	default:
		return "unexpected error";
	}
}

static void report_corrupt(const uint8_t hash[DAGFS_HASH_SIZE])
{
	char hex[65];

	dagfs_hash_hex(hash, hex);
	fprintf(stderr, "mkdagfs: block %s is corrupt\n", hex);
}

static void print_entry(const struct dagfs_entry *e)
{
	char type = (e->mode & DAGFS_MODE_TYPE) == DAGFS_MODE_DIR ? 'd' : '-';

	printf("%c%04o %12" PRIu64 " %.*s\n", type, (unsigned)(e->mode & 07777), e->size,
	       (int)e->name_len, e->name);
}

static int list_dir(const struct dagfs_store *st, const struct dagfs_entry *dir)
{
	const uint8_t *bytes;
	uint32_t len;
	uint8_t type;
	int err = st->get(st->ctx, dir->hash, &type, &bytes, &len);

	if (!err && (type != DAGFS_DIR || dagfs_dir_check(bytes, len)))
		err = -EIO;
	for (uint32_t i = 0; !err && i < dagfs_dir_count(bytes); i++) {
		struct dagfs_entry e;

		dagfs_dir_entry(bytes, i, &e);
		print_entry(&e);
	}
	return err;
}

/* Read the whole file through the store, as a client would. */
static int read_all(const struct dagfs_store *st, const struct dagfs_entry *e)
{
	static uint8_t buf[1 << 16];
	uint64_t off = 0;
	int64_t n;

	while ((n = dagfs_file_read(st, e->hash, off, buf, sizeof buf)) > 0)
		off += (uint64_t)n;
	if (n < 0)
		return (int)n;
	return off == e->size ? 0 : -EIO;
}

static int show_file(const struct dagfs_store *st, const struct dagfs_entry *e)
{
	const uint8_t *bytes;
	uint32_t len;
	uint8_t type;
	char hex[65];
	int err = st->get(st->ctx, e->hash, &type, &bytes, &len);

	if (!err && (type != DAGFS_FILE || dagfs_file_check(bytes, len)))
		err = -EIO;
	print_entry(e);
	dagfs_hash_hex(e->hash, hex);
	printf("  hash %s\n", hex);
	if (!err) {
		printf("  FILE tree: root level %u, %" PRIu64 " DATA blocks\n", (unsigned)bytes[0],
		       (e->size + DAGFS_BLOCK_MAX - 1) / DAGFS_BLOCK_MAX);
		err = read_all(st, e);
	}
	printf("  contents: %s\n", err ? error_text(err) : "all blocks read and verified");
	return err;
}

/* List or describe what lies at where; a message says why not. */
static int show(const struct dagfs_store *st, const struct dagfs_image *img, const char *path,
		const char *where)
{
	struct dagfs_entry e;
	int err = resolve_path(st, img->super->root, where, &e);

	if (!err && (e.mode & DAGFS_MODE_TYPE) != DAGFS_MODE_DIR)
		return show_file(st, &e); /* says how reading it went */
	if (!err)
		err = list_dir(st, &e);
	if (err)
		fprintf(stderr, "mkdagfs: %s: %s: %s\n", path, where, error_text(err));
	return err;
}

static int list(const char *path, const char *where)
{
	struct dagfs_image img;
	struct dagfs_image_store is = {.img = &img, .on_corrupt = report_corrupt};
	struct dagfs_store st;
	uint8_t *p = open_image(path, &img);
	int err = p ? 0 : -EIO;

	if (p) {
		size_t words = (size_t)(img.block_count + 63) / 64 + 1;

		is.verified = calloc(words, sizeof(uint64_t));
		is.corrupt = calloc(words, sizeof(uint64_t));
		dagfs_image_store_init(&st, &is);
		err = is.verified && is.corrupt ? show(&st, &img, path, where) : -ENOMEM;
	}
	free(is.verified);
	free(is.corrupt);
	free(p);
	return err ? 1 : 0;
}

/* ---- --disk: the partition as a file ----------------------------------------- */

static int file_io(FILE *f, int write, uint64_t page, void *buf, uint32_t pages)
{
	size_t n = (size_t)pages * DAGFS_PAGE;

	if (fseeko(f, (off_t)(page * DAGFS_PAGE), SEEK_SET))
		return -EIO;
	if (write)
		return fwrite(buf, 1, n, f) == n ? 0 : -EIO;
	memset(buf, 0, n); /* past the end of a sparse file: zeros */
	return fread(buf, 1, n, f) == n || !ferror(f) ? 0 : -EIO;
}

static int file_read(void *ctx, uint64_t page, void *buf, uint32_t pages)
{
	return file_io(ctx, 0, page, buf, pages);
}

static int file_write(void *ctx, uint64_t page, const void *buf, uint32_t pages)
{
	return file_io(ctx, 1, page, (void *)buf, pages);
}

static int file_flush(void *ctx)
{
	return fflush(ctx) ? -EIO : 0;
}

/* Every block of the image, then a commit of its root. The filesystem's id
 * is a hash of the tree and the size: the same build makes the same bytes. */
static int fill_disk(struct dagfs_disk *d, const struct dagfs_image *img, const uint8_t *base)
{
	uint8_t seed[DAGFS_HASH_SIZE + 8], id[DAGFS_HASH_SIZE];
	int err;

	memcpy(seed, img->super->root, DAGFS_HASH_SIZE);
	memcpy(seed + DAGFS_HASH_SIZE, &d->dev.pages, 8);
	sha256(seed, sizeof seed, id);
	if ((err = dagfs_disk_format(d, id)))
		return err;
	for (uint64_t i = 0; i < img->block_count && !err; i++) {
		const struct dagfs_index_entry *e = &img->index[i];
		err = dagfs_disk_put_hashed(d, e->hash, e->type, base + e->offset, e->length);
	}
	return err ? err : dagfs_disk_commit(d, img->super->root);
}

static int make_disk(const char *out, const char *path, const char *mib)
{
	struct dagfs_image img;
	uint8_t *p = open_image(path, &img);
	uint64_t pages = strtoull(mib, NULL, 10) << 8;
	FILE *f = p && pages ? fopen(out, "w+b") : NULL;
	struct dagfs_disk d = {.dev = {file_read, file_write, file_flush, pages, f}};
	int err = -ENOMEM;

	d.index_slots = 1;
	while (d.index_slots < 2 * pages)
		d.index_slots <<= 1;
	d.index = calloc(d.index_slots, sizeof d.index[0]);
	d.chunk = calloc(DAGFS_CHUNK_PAGES, DAGFS_PAGE);
	d.cache_lines = DAGFS_DISK_HELD + 1;
	d.cache = calloc(d.cache_lines, DAGFS_PAGE);
	d.lines = calloc(d.cache_lines, sizeof d.lines[0]);
	d.scratch = calloc(2, DAGFS_PAGE);
	if (f && d.index && d.chunk && d.cache && d.lines && d.scratch)
		err = fill_disk(&d, &img, p);
	if (f && (ftruncate(fileno(f), (off_t)(pages * DAGFS_PAGE)) || fclose(f)))
		err = err ? err : -EIO;
	if (err)
		fprintf(stderr, "mkdagfs: %s: %s\n", out,
			p && f ? error_text(err) : "cannot make it");
	else
		printf("mkdagfs: %s: %" PRIu64 " MiB, commit %" PRIu64 ", log %" PRIu64 " pages\n",
		       out, pages >> 8, d.committed.seq, d.log_next);
	free(d.index), free(d.chunk), free(d.cache), free(d.lines);
	free(d.scratch), free(p);
	return err ? 1 : 0;
}

int main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "--disk"))
		return make_disk(argv[2], argv[3], argv[4]);
	if (argc == 3 && !strcmp(argv[1], "--verify"))
		return verify(argv[2]);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "--ls"))
		return list(argv[2], argc == 4 ? argv[3] : "/");
	if (argc == 3 && argv[1][0] != '-')
		return make(argv[1], argv[2]);
	return usage();
}
