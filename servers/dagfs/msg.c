/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VFS messages' parts (<abi/vfs.h>): paths in the message or in the
 * sender's memory, the process whose buffer a data request names, and the
 * full answers. Nothing here trusts more than the kernel-stamped sender.
 */
#include "dagfs.h"

#include <abi/errno.h>
#include <string.h>

/* A path of len bytes at the sender's address src, or in the message. */
static int path_text(const struct bc_msg *m, uint32_t len, const void *inline_bytes, uint64_t src,
		     char text[DAGFS_PATH_MAX])
{
	if (len == 0)
		return -ENOENT; /* POSIX: the empty path names no file */
	if (len >= DAGFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (inline_bytes)
		memcpy(text, inline_bytes, len);
	else if (server_copy_from(m->sender, text, src, len))
		return -EFAULT;
	text[len] = '\0';
	if (strlen(text) != len)
		return -EINVAL;		     /* a NUL inside the path */
	return text[0] == '/' ? 0 : -EINVAL; /* the protocol's paths are absolute */
}

static int parse(const struct bc_msg *m, uint32_t len, const void *inline_bytes, uint64_t src,
		 struct dfs_path *p)
{
	char text[DAGFS_PATH_MAX];
	int err = path_text(m, len, inline_bytes, src, text);

	return err ? err : dfs_path_parse_abs(text, p);
}

int dfs_msg_path(const struct bc_msg *m, struct dfs_path *p)
{
	uint32_t len = VFS_PATH_LEN(m->arg[0]);

	return parse(m, len, len <= VFS_INLINE_PATH ? &m->arg[1] : 0, m->arg[1], p);
}

int dfs_msg_rename_path(const struct bc_msg *m, unsigned which, struct dfs_path *p)
{
	return parse(m, (uint32_t)m->arg[2 * which], 0, m->arg[2 * which + 1], p);
}

/* io's client when io forwarded the call or lent its window with it (the
 * kernel wrote that pid and checked the window), else the sender itself. */
uint32_t dfs_data_peer(const struct bc_msg *m)
{
	return server_data_client(m);
}

/* The loop's answer carries the other words: one kernel trip, as ever. */
int64_t dfs_answer(uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
	server_answer_words(a1, a2, a3);
	return (int64_t)a0;
}
