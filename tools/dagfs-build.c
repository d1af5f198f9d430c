/* SPDX-License-Identifier: BSD-2-Clause */
/* Hosted image building for mkdagfs and the host tests (see dagfs-build.h).
 * Library errors are Chapp-E's errno values, so the host's <errno.h> stays
 * out; host failures are reported with perror. */
#define _DEFAULT_SOURCE
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <abi/errno.h>
#include <crypto/sha256.h>

#include "dagfs-build.h"

/* ---- the in-memory store: open addressing on the hash's first bytes ---- */

struct block {
	uint8_t hash[DAGFS_HASH_SIZE];
	uint8_t type;
	uint32_t len;
	uint8_t *bytes; /* NULL: empty slot */
};

struct memstore {
	struct block *slots;
	uint64_t cap, used, deduped;
};

struct memstore *memstore_new(void)
{
	struct memstore *ms = calloc(1, sizeof *ms);

	if (ms) {
		ms->cap = 1024;
		ms->slots = calloc(ms->cap, sizeof *ms->slots);
		if (!ms->slots) {
			free(ms);
			return NULL;
		}
	}
	return ms;
}

void memstore_free(struct memstore *ms)
{
	if (!ms)
		return;
	for (uint64_t i = 0; i < ms->cap; i++)
		free(ms->slots[i].bytes);
	free(ms->slots);
	free(ms);
}

/* The slot holding hash, or the empty one where it would go. */
static struct block *slot_for(struct block *slots, uint64_t cap, const uint8_t *hash)
{
	uint64_t i;

	memcpy(&i, hash, sizeof i);
	for (i &= cap - 1;; i = (i + 1) & (cap - 1))
		if (!slots[i].bytes || !memcmp(slots[i].hash, hash, DAGFS_HASH_SIZE))
			return &slots[i];
}

static int grow(struct memstore *ms)
{
	uint64_t cap = ms->cap * 2;
	struct block *slots = calloc(cap, sizeof *slots);

	if (!slots)
		return -ENOMEM;
	for (uint64_t i = 0; i < ms->cap; i++)
		if (ms->slots[i].bytes)
			*slot_for(slots, cap, ms->slots[i].hash) = ms->slots[i];
	free(ms->slots);
	ms->slots = slots;
	ms->cap = cap;
	return 0;
}

static int mem_put(void *ctx, uint8_t type, const void *bytes, uint32_t len,
		   uint8_t out[DAGFS_HASH_SIZE])
{
	struct memstore *ms = ctx;
	struct block *b;

	if (len == 0 || len > DAGFS_BLOCK_MAX)
		return -EINVAL;
	dagfs_hash(type, bytes, len, out);
	if (2 * (ms->used + 1) > ms->cap && grow(ms))
		return -ENOMEM;
	b = slot_for(ms->slots, ms->cap, out);
	if (b->bytes) {
		ms->deduped++;
		return 0;
	}
	b->bytes = malloc(len);
	if (!b->bytes)
		return -ENOMEM;
	memcpy(b->bytes, bytes, len);
	memcpy(b->hash, out, DAGFS_HASH_SIZE);
	b->type = type;
	b->len = len;
	ms->used++;
	return 0;
}

static int mem_get(void *ctx, const uint8_t hash[DAGFS_HASH_SIZE], uint8_t *type,
		   const uint8_t **bytes, uint32_t *len)
{
	struct memstore *ms = ctx;
	struct block *b = slot_for(ms->slots, ms->cap, hash);

	if (!b->bytes)
		return -ENOENT;
	*type = b->type;
	*bytes = b->bytes;
	*len = b->len;
	return 0;
}

void memstore_bind(struct memstore *ms, struct dagfs_store *st)
{
	st->get = mem_get;
	st->put = mem_put;
	st->ctx = ms;
}

uint64_t memstore_blocks(const struct memstore *ms)
{
	return ms->used;
}

uint64_t memstore_deduped(const struct memstore *ms)
{
	return ms->deduped;
}

/* ---- image layout -------------------------------------------------------- */

static int by_hash(const void *a, const void *b)
{
	const struct block *const *x = a, *const *y = b;

	return memcmp((*x)->hash, (*y)->hash, DAGFS_HASH_SIZE);
}

static const struct block **sorted_blocks(const struct memstore *ms)
{
	const struct block **v = malloc((ms->used ? ms->used : 1) * sizeof *v);
	uint64_t n = 0;

	if (!v)
		return NULL;
	for (uint64_t i = 0; i < ms->cap; i++)
		if (ms->slots[i].bytes)
			v[n++] = &ms->slots[i];
	qsort(v, n, sizeof *v, by_hash);
	return v;
}

static void write_super(uint8_t *img, const uint8_t root[DAGFS_HASH_SIZE], uint64_t count,
			uint64_t data_offset, uint64_t size)
{
	struct dagfs_super s;

	memset(&s, 0, sizeof s);
	memcpy(s.magic, DAGFS_MAGIC, sizeof s.magic);
	s.version = DAGFS_VERSION;
	s.block_max = DAGFS_BLOCK_MAX;
	memcpy(s.root, root, DAGFS_HASH_SIZE);
	s.block_count = count;
	s.index_offset = DAGFS_SUPER_SIZE;
	s.data_offset = data_offset;
	s.image_size = size;
	sha256(&s, sizeof s, s.self_hash);
	memcpy(img, &s, sizeof s);
}

static void write_blocks(uint8_t *img, const struct block **v, uint64_t n, uint64_t data_offset)
{
	struct dagfs_index_entry *ix = (struct dagfs_index_entry *)(img + DAGFS_SUPER_SIZE);
	uint64_t at = data_offset;

	for (uint64_t i = 0; i < n; i++) {
		memset(&ix[i], 0, sizeof ix[i]);
		memcpy(ix[i].hash, v[i]->hash, DAGFS_HASH_SIZE);
		ix[i].offset = at;
		ix[i].length = v[i]->len;
		ix[i].type = v[i]->type;
		memcpy(img + at, v[i]->bytes, v[i]->len);
		at += v[i]->len;
	}
}

int memstore_image(const struct memstore *ms, const uint8_t root[DAGFS_HASH_SIZE], uint8_t **out,
		   uint64_t *size)
{
	const struct block **v = sorted_blocks(ms);
	uint64_t data_offset = DAGFS_SUPER_SIZE + ms->used * sizeof(struct dagfs_index_entry);
	uint64_t total = data_offset;
	uint8_t *img;

	if (!v)
		return -ENOMEM;
	for (uint64_t i = 0; i < ms->used; i++)
		total += v[i]->len;
	img = calloc(1, total); /* malloc alignment is enough for the structs */
	if (img) {
		write_blocks(img, v, ms->used, data_offset);
		write_super(img, root, ms->used, data_offset, total);
		*out = img;
		*size = total;
	}
	free(v);
	return img ? 0 : -ENOMEM;
}

/* ---- building from a directory tree --------------------------------------- */

#define MAX_DIR_DEPTH 64 /* what dagfs_verify accepts */

static char *join(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);

	if (p) {
		memcpy(p, dir, a);
		p[a] = '/';
		memcpy(p + a + 1, name, b + 1);
	}
	return p;
}

static void host_error(const char *path)
{
	char msg[4200];

	snprintf(msg, sizeof msg, "mkdagfs: %s", path);
	perror(msg);
}

static int store_file(const struct dagfs_store *st, const char *path, uint64_t size,
		      uint8_t out[DAGFS_HASH_SIZE])
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = malloc(size ? size : 1);
	int err = -1;

	if (!f || !data || fread(data, 1, size, f) != size || getc(f) != EOF)
		host_error(path);
	else if (dagfs_file_store(st, data, size, out))
		fprintf(stderr, "mkdagfs: %s: cannot store the file\n", path);
	else
		err = 0;
	if (f)
		fclose(f);
	free(data);
	return err;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b); /* unsigned bytewise */
}

struct names {
	char **v;
	size_t n;
};

static void free_names(struct names *ns)
{
	for (size_t i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
}

static int add_name(struct names *ns, const char *name)
{
	char **v = realloc(ns->v, (ns->n + 1) * sizeof *v);

	if (!v)
		return -1;
	ns->v = v;
	ns->v[ns->n] = strdup(name);
	if (!ns->v[ns->n])
		return -1;
	ns->n++;
	return 0;
}

/* The sorted names in dir, without "." and "..". */
static int read_names(const char *dir, struct names *ns)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	int err = 0;

	ns->v = NULL;
	ns->n = 0;
	if (!d) {
		host_error(dir);
		return -1;
	}
	while (!err && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			err = add_name(ns, de->d_name);
	closedir(d);
	if (err)
		fprintf(stderr, "mkdagfs: %s: out of memory\n", dir);
	else if (ns->n)
		qsort(ns->v, ns->n, sizeof *ns->v, cmp_names);
	return err;
}

static const char *unsupported(mode_t m)
{
	if (S_ISLNK(m))
		return "a symbolic link";
	if (S_ISCHR(m) || S_ISBLK(m))
		return "a device";
	if (S_ISFIFO(m))
		return "a FIFO";
	if (S_ISSOCK(m))
		return "a socket";
	return "of an unknown type";
}

static int build_dir(const struct dagfs_store *st, const char *dir, unsigned depth,
		     struct dagfs_entry *self, struct build_stats *stats);

static int build_entry(const struct dagfs_store *st, const char *path, unsigned depth,
		       struct dagfs_entry *e, struct build_stats *stats)
{
	struct stat sb;

	if (lstat(path, &sb)) {
		host_error(path);
		return -1;
	}
	if (S_ISDIR(sb.st_mode))
		return build_dir(st, path, depth + 1, e, stats);
	if (!S_ISREG(sb.st_mode)) {
		fprintf(
		    stderr,
		    "mkdagfs: %s: is %s; only regular files and directories can go in an image\n",
		    path, unsupported(sb.st_mode));
		return -1;
	}
	/* Like git, keep only whether a file is executable, so an image does
	 * not depend on the umask it was checked out with. */
	e->mode = DAGFS_MODE_FILE | (sb.st_mode & 0111 ? 0755 : 0644);
	e->size = (uint64_t)sb.st_size;
	stats->files++;
	return store_file(st, path, e->size, e->hash);
}

static int fill_entries(const struct dagfs_store *st, const char *dir, unsigned depth,
			const struct names *ns, struct dagfs_entry *es, struct build_stats *stats)
{
	for (size_t i = 0; i < ns->n; i++) {
		char *path = join(dir, ns->v[i]);
		size_t len = strlen(ns->v[i]);
		int err = path ? 0 : -1;

		if (path && len > DAGFS_NAME_MAX) {
			fprintf(stderr, "mkdagfs: %s: name is %zu bytes, longer than %d\n", path,
				len, DAGFS_NAME_MAX);
			err = -1;
		}
		es[i].name = ns->v[i];
		es[i].name_len = (uint8_t)len;
		if (!err)
			err = build_entry(st, path, depth, &es[i], stats);
		free(path);
		if (err)
			return err;
	}
	return 0;
}

static int store_dir(const struct dagfs_store *st, const char *dir, const struct dagfs_entry *es,
		     size_t n, struct dagfs_entry *self)
{
	uint8_t block[DAGFS_BLOCK_MAX];
	int len = dagfs_dir_encode(es, (uint32_t)n, block);

	if (len == -ENOSPC) {
		fprintf(stderr,
			"mkdagfs: %s: its %zu entries do not fit in one %d-byte directory block\n",
			dir, n, DAGFS_BLOCK_MAX);
		return -1;
	}
	if (len < 0 || st->put(st->ctx, DAGFS_DIR, block, (uint32_t)len, self->hash)) {
		fprintf(stderr, "mkdagfs: %s: cannot store the directory\n", dir);
		return -1;
	}
	self->mode = DAGFS_MODE_DIR | 0755;
	self->size = n;
	return 0;
}

static int build_dir(const struct dagfs_store *st, const char *dir, unsigned depth,
		     struct dagfs_entry *self, struct build_stats *stats)
{
	struct names ns;
	struct dagfs_entry *es;
	int err;

	if (depth > MAX_DIR_DEPTH) {
		fprintf(stderr, "mkdagfs: %s: directories nested more than %d deep\n", dir,
			MAX_DIR_DEPTH);
		return -1;
	}
	if (read_names(dir, &ns))
		return -1;
	es = calloc(ns.n ? ns.n : 1, sizeof *es);
	err = es ? fill_entries(st, dir, depth, &ns, es, stats) : -1;
	if (!err)
		err = store_dir(st, dir, es, ns.n, self);
	stats->dirs += !err;
	free(es);
	free_names(&ns);
	return err;
}

int build_tree(const struct dagfs_store *st, const char *dir, uint8_t root[DAGFS_HASH_SIZE],
	       struct build_stats *stats)
{
	struct dagfs_entry self;

	stats->files = stats->dirs = 0;
	if (build_dir(st, dir, 0, &self, stats))
		return -1;
	memcpy(root, self.hash, DAGFS_HASH_SIZE);
	return 0;
}

/* ---- path lookup -------------------------------------------------------------- */

static int lookup(const struct dagfs_store *st, const struct dagfs_entry *dir, const char *name,
		  size_t len, struct dagfs_entry *out)
{
	const uint8_t *bytes;
	uint32_t blen;
	uint8_t type;
	int err;

	if ((dir->mode & DAGFS_MODE_TYPE) != DAGFS_MODE_DIR)
		return -ENOTDIR;
	err = st->get(st->ctx, dir->hash, &type, &bytes, &blen);
	if (err)
		return err == -ENOENT ? -EIO : err;
	if (type != DAGFS_DIR || dagfs_dir_check(bytes, blen))
		return -EIO;
	return dagfs_dir_lookup(bytes, name, len, out);
}

int resolve_path(const struct dagfs_store *st, const uint8_t root[DAGFS_HASH_SIZE],
		 const char *path, struct dagfs_entry *out)
{
	struct dagfs_entry cur = {.mode = DAGFS_MODE_DIR | 0755, .name = "/", .name_len = 1};

	memcpy(cur.hash, root, DAGFS_HASH_SIZE);
	while (*path) {
		size_t len = strcspn(path, "/");
		struct dagfs_entry next = cur;
		int err = len ? lookup(st, &cur, path, len, &next) : 0;

		if (err)
			return err;
		cur = next;
		path += len + (path[len] == '/');
	}
	*out = cur;
	return 0;
}
