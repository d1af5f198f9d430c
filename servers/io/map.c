/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * mmap of a file (docs/memory.md): the memory server reads the bytes of a
 * client's fd into its own buffer and makes private pages of them. Only a
 * server may ask, and the fd's offset does not move.
 */
#include "io.h"

#include <abi/errno.h>
#include <abi/fcntl.h>

int64_t io_op_map_read(const struct bc_msg *m)
{
	struct io_client *c;
	struct ofile *of;

	if (!(m->flags & BC_FLAG_FROM_SERVER))
		return -EPERM;
	c = io_client_get((uint32_t)m->arg[0]);
	if (!c)
		return -ENOMEM;
	of = io_fd(c, m->arg[0] >> 32);
	if (!of)
		return -EBADF;
	if (of->kind != OF_FILE || (of->mode & VFS_MODE_TYPE) == VFS_MODE_DIR)
		return -ENODEV;
	if ((of->flags & O_ACCMODE) == O_WRONLY)
		return -EACCES;
	if ((int64_t)m->arg[3] < 0)
		return -EINVAL;
	return m->arg[2] ? io_file_pread(of, m->sender, m->arg[1], m->arg[2], m->arg[3]) : 0;
}
