/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The VFS boundary: what io says to a filesystem server behind a mount
 * point (dagfs at "/"), docs/vfs.md. io owns every process's POSIX file
 * state (fds, offsets, the working directory, path resolution); a
 * filesystem sees only absolute, normalized paths relative to its own root
 * and handles it gave out. It trusts nothing but the kernel-stamped
 * sender: a handle belongs to the process that opened it, and no message
 * names a pid (arg[5] is the kernel's, see below).
 *
 * Paths: arg[0] low 16 bits = length (no NUL); up to VFS_INLINE_PATH bytes
 * travel in arg[1..4], longer ones as arg[1] = address in the sender's
 * memory, which the filesystem copies from its caller. Bits 32..63 of
 * arg[0] carry the op's own word (open's O_* flags).
 *
 * Answers are full messages (bc_reply): RESPONSE with the words below, or
 * ERROR with arg[0] = -errno.
 */
#pragma once

#include <stdint.h>

#include <abi/bc.h>
#include <abi/errno.h>
#include <abi/syscalls.h>

#define VFS_OP_BASE 0x300
/* path, O_* flags -> arg0 handle, arg1 mode, arg2 size, arg3 ino */
#define VFS_OP_OPEN (VFS_OP_BASE + 0)
/* handle; one-way (bc_send) or a call -> 0 */
#define VFS_OP_CLOSE (VFS_OP_BASE + 1)
/* path -> arg0 0, arg1 mode, arg2 size, arg3 ino */
#define VFS_OP_STAT (VFS_OP_BASE + 2)
/* handle -> as VFS_OP_STAT */
#define VFS_OP_FSTAT (VFS_OP_BASE + 3)
/* path -> 0 */
#define VFS_OP_MKDIR (VFS_OP_BASE + 4)
#define VFS_OP_RMDIR (VFS_OP_BASE + 5)
#define VFS_OP_UNLINK (VFS_OP_BASE + 6)
/* arg0 from length, arg1 from address, arg2 to length, arg3 to address
 * (both always in the sender's memory) -> 0 */
#define VFS_OP_RENAME (VFS_OP_BASE + 7)
/* handle, length -> arg0 0, arg1 new size, arg2 ino */
#define VFS_OP_TRUNCATE (VFS_OP_BASE + 8)
/* Data: arg0 handle, arg1 offset, arg2 length, arg3 buffer address in the
 * data peer's memory (see VFS_PEER). */
/* -> arg0 bytes read (0 at the end) */
#define VFS_OP_READ (VFS_OP_BASE + 9)
/* -> arg0 bytes written, arg1 new size, arg2 ino */
#define VFS_OP_WRITE (VFS_OP_BASE + 10)
/* arg1 = cookie (0 first) -> arg0 bytes of struct vfs_dirent, arg1 next cookie */
#define VFS_OP_GETDENTS (VFS_OP_BASE + 11)
/* handle, or VFS_SYNC_ALL -> 0 once what was written (through that handle,
 * or anywhere) is on stable media: fsync and sync */
#define VFS_OP_SYNC (VFS_OP_BASE + 12)
#define VFS_OP_COUNT (VFS_OP_BASE + 13)
#define VFS_SYNC_ALL UINT64_MAX

_Static_assert(VFS_OP_BASE >= SYSCALL_POSIX_LIMIT, "VFS opcodes collide with syscalls");

#define VFS_INLINE_PATH 32	/* bytes of path in arg[1..4] */
#define VFS_PATH_MAX 1024	/* PATH_MAX: with its NUL; longer is ENAMETOOLONG */
#define VFS_IO_MAX (64u * 1024) /* most bytes one read or write moves */

#define VFS_PATH_WORD(len, extra) ((uint64_t)(len) | (uint64_t)(extra) << 32)
#define VFS_PATH_LEN(word) ((uint32_t)((word)&0xffff))
#define VFS_PATH_EXTRA(word) ((uint32_t)((word) >> 32))

/* The modes a filesystem answers: the type bits of struct stat's st_mode. */
#define VFS_MODE_TYPE 0170000
#define VFS_MODE_DIR 0040000
#define VFS_MODE_FILE 0100000
#define VFS_MODE_CHAR 0020000

/* getdents records: OpenBSD's struct dirent layout. */
#define VFS_DT_CHR 2
#define VFS_DT_DIR 4
#define VFS_DT_REG 8
struct vfs_dirent {
	uint64_t d_fileno;
	int64_t d_off; /* the cookie of the next record */
	uint16_t d_reclen;
	uint8_t d_type;
	uint8_t d_namlen;
	uint8_t d_padding[4];
	char d_name[]; /* NUL-terminated, record padded to 8 bytes */
};

/* A path into a request (len < VFS_PATH_MAX): in the message when it fits,
 * else its address, which must stay valid until the answer. */
static inline void vfs_put_path(struct bc_msg *m, const char *path, uint32_t len, uint32_t extra)
{
	m->arg[0] = VFS_PATH_WORD(len, extra);
	if (len <= VFS_INLINE_PATH)
		__builtin_memcpy(&m->arg[1], path, len);
	else
		m->arg[1] = (uint64_t)(uintptr_t)path;
}

/* lseek's arithmetic, for whoever keeps the offset (io; the dagfs client
 * library): the new offset from the current one and the size, or -EINVAL. */
static inline int64_t vfs_seek(uint64_t cur, uint64_t size, int64_t off, uint64_t whence)
{
	int64_t base;

	if (whence == 0) /* SEEK_SET */
		base = 0;
	else if (whence == 1) /* SEEK_CUR */
		base = (int64_t)cur;
	else if (whence == 2) /* SEEK_END */
		base = (int64_t)size;
	else
		return -EINVAL;
	if ((off > 0 && base > INT64_MAX - off) || base + off < 0)
		return -EINVAL;
	return base + off;
}
