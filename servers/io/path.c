/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Paths: a client's string joined to its working directory, normalized in
 * text ("." dropped, ".." takes the last component off, as dagfs did; no
 * symbolic links exist to make that wrong), then handed to the filesystem
 * whose mount point is its longest prefix. Adding a filesystem is one line
 * of `mounts` (docs/vfs.md).
 */
#include "io.h"

#include <abi/errno.h>
#include <libserver/server.h>
#include <string.h>

struct mount {
	const char *at; /* the mount point, "" for the root */
	uint32_t at_len;
	const struct io_fs *fs;
	uint8_t sys_id;
};

/* Longest mount point first. */
static const struct mount mounts[] = {
    {"/dev", 4, &io_devfs, 0},
    {"", 0, &io_vfs_server, SYS_ID_DAGFS},
};

const char *io_cwd(const struct io_client *c)
{
	return c->cwd_len ? c->cwd : "/";
}

void io_cwd_set(struct io_client *c, const char *path, uint32_t len)
{
	int root = len == 1 && path[0] == '/';

	memcpy(c->cwd, path, root ? 0 : len);
	c->cwd_len = root ? 0 : len;
	c->cwd[c->cwd_len] = '\0';
}

/* One component onto out (length *len, no trailing '/'). */
static int push(char *out, uint32_t *len, const char *comp, uint32_t n)
{
	if (n == 1 && comp[0] == '.')
		return 0;
	if (n == 2 && comp[0] == '.' && comp[1] == '.') {
		while (*len && out[--*len] != '/')
			;
		return 0;
	}
	if (*len + 1 + n >= VFS_PATH_MAX)
		return -ENAMETOOLONG;
	out[(*len)++] = '/';
	memcpy(out + *len, comp, n);
	*len += n;
	return 0;
}

/* Each component of text onto out. */
static int walk(char *out, uint32_t *len, const char *text)
{
	while (*text) {
		const char *end = text;
		while (*end && *end != '/')
			end++;
		int err = end > text ? push(out, len, text, (uint32_t)(end - text)) : 0;
		if (err)
			return err;
		text = *end ? end + 1 : end;
	}
	return 0;
}

static void mount_of(struct io_path *p)
{
	for (unsigned i = 0;; i++) {
		const struct mount *m = &mounts[i];
		char after = p->text[m->at_len];
		if (strncmp(p->text, m->at, m->at_len) || (after && after != '/'))
			continue;
		p->fs = m->fs;
		p->sys_id = m->sys_id;
		p->rel = after ? p->text + m->at_len : "/";
		p->rel_len = after ? p->len - m->at_len : 1;
		return;
	}
}

int64_t io_sync_all(void)
{
	int64_t first = 0;

	for (unsigned i = 0; i < sizeof mounts / sizeof mounts[0]; i++) {
		int64_t err = mounts[i].sys_id ? io_vfs_sync(mounts[i].sys_id, VFS_SYNC_ALL) : 0;
		if (err && err != -ENOSYS && !first)
			first = err; /* a filesystem with nothing to sync may not know the op */
	}
	return first;
}

int io_path_resolve(const struct io_client *c, const char *text, struct io_path *out)
{
	int err;

	if (!*text)
		return -ENOENT; /* POSIX: the empty path names no file */
	out->len = text[0] == '/' ? 0 : c->cwd_len;
	memcpy(out->text, c->cwd, out->len);
	err = walk(out->text, &out->len, text);
	if (err)
		return err;
	if (!out->len)
		out->text[out->len++] = '/';
	out->text[out->len] = '\0';
	mount_of(out);
	return 0;
}

#define SHORT_PATH 64

int io_path_of(const struct io_client *c, const struct bc_msg *m, struct io_path *out)
{
	char text[BC_INLINE_MAX];

	if (!(m->flags & BC_FLAG_INLINE))
		return io_path_get(c, m->arg[0], out);
	/* The kernel put the path in the message and saw it end there. */
	memcpy(text, &m->arg[3], sizeof text);
	if (!memchr(text, '\0', sizeof text))
		return -EFAULT;
	return io_path_resolve(c, text, out);
}

int io_path_get(const struct io_client *c, uint64_t user, struct io_path *out)
{
	char text[VFS_PATH_MAX];
	/* Most paths are short: their first bytes alone, the rest only when
	 * no NUL came (a copy costs what it moves). */
	int64_t n = server_copy_string(c->pid, user, text, SHORT_PATH);

	if (n == -E2BIG)
		n = server_copy_string(c->pid, user, text, sizeof text);

	if (n < 0)
		return n == -E2BIG ? -ENAMETOOLONG : (int)n;
	return io_path_resolve(c, text, out);
}
