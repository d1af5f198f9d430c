/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * /dev: io's own devices, a filesystem of fixed names beside the servers'
 * (path.c's mount table). Their open files are io's never-released ones;
 * nothing under /dev can be made, removed or renamed (EROFS).
 */
#include "io.h"

#include <abi/errno.h>
#include <string.h>

struct device {
	const char *name;
	enum ofile_kind kind;
};

static const struct device devices[] = {
    {"null", OF_NULL},
    {"zero", OF_ZERO},
    {"console", OF_CONSOLE_OUT},
};

#define DEVICES (sizeof devices / sizeof devices[0])

/* The device at "/NAME" of /dev, or 0. */
static const struct device *device_at(const struct io_path *p)
{
	for (unsigned i = 0; i < DEVICES; i++)
		if (!strcmp(p->rel + 1, devices[i].name))
			return &devices[i];
	return 0;
}

static int is_root(const struct io_path *p)
{
	return p->rel_len == 1;
}

struct ofile *io_device(const char *name)
{
	for (unsigned i = 0; i < DEVICES; i++)
		if (!strcmp(name, devices[i].name))
			return io_ofile_new_fixed(devices[i].kind);
	return 0;
}

/* /dev itself cannot be opened: it is not listed (EISDIR, documented). */
static struct ofile *dev_open(const struct io_path *p, int flags, int64_t *err)
{
	const struct device *d = is_root(p) ? 0 : device_at(p);

	(void)flags;
	*err = is_root(p) ? -EISDIR : -ENOENT;
	return d ? io_ofile_new_fixed(d->kind) : 0;
}

static int64_t dev_stat(const struct io_path *p, struct io_node *out)
{
	const struct device *d = is_root(p) ? 0 : device_at(p);

	if (!is_root(p) && !d)
		return -ENOENT;
	*out = (struct io_node){0, d ? VFS_MODE_CHAR | 0666 : VFS_MODE_DIR | 0555, 0,
				d ? (uint64_t)(d - devices) + 2 : 1};
	return 0;
}

static int64_t dev_change(const struct io_path *p, uint64_t op)
{
	(void)p, (void)op;
	return -EROFS;
}

static int64_t dev_rename(const struct io_path *from, const struct io_path *to)
{
	(void)from, (void)to;
	return -EROFS;
}

const struct io_fs io_devfs = {dev_open, dev_stat, dev_change, dev_rename};
