/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The exec server (SYS_ID_EXEC): execve(path, argv, envp). The program is
 * opened through io, which resolves the path against the caller's working
 * directory (from the boot archive by base name while no filesystem runs). The new
 * image is built in a staged address space while the caller sleeps; only the
 * final commit replaces the old one, so every error leaves it untouched.
 */
#include "exec.h"

#include <abi/bootarc.h>
#include <abi/errno.h>
#include <abi/layout.h>
#include <abi/vm.h>
#include <abi/syscalls.h>
#include <chappe/syscall.h>
#include <elf/elf_load.h>
#include <fcntl.h>
#include <io/io_client.h>
#include <sys/stat.h>
#include <unistd.h>
#include <libserver/server.h>
#include <string.h>

#define BOOT_PREFIX BOOTARC_EXEC_DIR "/"
#define STAGE_CHUNK (256u * 1024)
#define PAGE 4096ULL

static _Alignas(8) uint8_t file[EXEC_FILE_MAX];
static struct exec_args args;

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/* From the boot archive, by base name (before dagfs runs). */
static int64_t read_boot_file(const char *name)
{
	int64_t size = sys_bootarc_stat((long)name), done = 0;

	if (size < 0)
		return size;
	if (size > (int64_t)sizeof file)
		return -ENOEXEC;
	while (done < size) {
		int64_t n = sys_bootarc_read((long)name, done, (long)(file + done), size - done);
		if (n <= 0)
			return -EIO;
		done += n;
	}
	return size;
}

/* The whole of fd into `file`: its size, or -errno. */
static int64_t read_fd(int fd)
{
	struct stat st;
	int64_t done = 0, n = 1;

	if (sys_fstat(fd, (long)&st) == 0 && st.st_size > (int64_t)sizeof file)
		return -ENOEXEC;
	while (n > 0 && done < (int64_t)sizeof file) {
		n = sys_read(fd, (long)(file + done), (long)(sizeof file - (size_t)done));
		done += n > 0 ? n : 0;
	}
	return n < 0 ? n : done;
}

/* The whole program into `file`, opened through io for pid (whose working
 * directory a relative path starts from): its size, or -errno. A path
 * /boot/NAME names program NAME of the boot archive, so a rescue shell runs
 * when the root filesystem is damaged or empty. */
static int64_t read_program(uint32_t pid, const char *path)
{
	int64_t size;
	int fd;

	if (!strncmp(path, BOOT_PREFIX, sizeof BOOT_PREFIX - 1))
		return strchr(path + sizeof BOOT_PREFIX - 1, '/')
			   ? -ENOENT
			   : read_boot_file(path + sizeof BOOT_PREFIX - 1);
	fd = io_exec_open(pid, path);
	if (fd == -ENOSYS)
		return read_boot_file(base_name(path)); /* no io or no filesystem yet */
	if (fd < 0)
		return fd;
	size = read_fd(fd);
	sys_close(fd);
	return size;
}

static unsigned prot_of(uint32_t flags)
{
	return VM_PROT_READ | (flags & PF_W ? VM_PROT_WRITE : 0) |
	       (flags & PF_X ? VM_PROT_EXEC : 0);
}

/* Zeroed pages over [start, end), a bounded chunk a call. */
static int64_t stage_map(uint32_t pid, uint64_t start, uint64_t end, unsigned prot)
{
	int64_t err = 0;

	for (uint64_t va = start; !err && va < end; va += STAGE_CHUNK) {
		uint64_t n = end - va < STAGE_CHUNK ? end - va : STAGE_CHUNK;
		err = sys_vm_stage_map(pid, (long)va, (long)n, prot);
	}
	return err;
}

/* lib/elf's image builder, on the caller's staged image. */
static long stage_pages(void *ctx, uint64_t va, uint64_t len, uint32_t pf_flags)
{
	return stage_map((uint32_t)(uintptr_t)ctx, va, va + len, prot_of(pf_flags));
}

static long stage_bytes(void *ctx, uint64_t va, const void *src, uint64_t len)
{
	int64_t err = 0;

	for (uint64_t off = 0; !err && off < len; off += STAGE_CHUNK) {
		uint64_t n = len - off < STAGE_CHUNK ? len - off : STAGE_CHUNK;
		err = sys_vm_stage_write((long)(uintptr_t)ctx, (long)(va + off),
					 (long)((const uint8_t *)src + off), (long)n);
	}
	return err;
}

static int64_t stage_image(uint32_t pid, const struct elf_image *img, uint64_t *sp)
{
	static uint64_t scratch[ELF_STACK_WORDS(EXEC_ARGS_MAX)];
	const struct elf_builder b = {(void *)(uintptr_t)pid, stage_pages, stage_bytes};
	const struct elf_args a = {args.buf, args.used, args.offset, args.argc, args.envc};
	uint64_t stack = CHAPPE_STACK_PAGES * PAGE;
	/* Charged whole before anything is built: too big fails at once. */
	int64_t err = sys_vm_stage(pid, (long)(elf_image_pages(img) + CHAPPE_STACK_PAGES));

	if (!err)
		err = elf_load_segments(&b, file, img);
	if (!err)
		err = stage_map(pid, CHAPPE_USER_TOP - stack, CHAPPE_USER_TOP,
				VM_PROT_READ | VM_PROT_WRITE);
	if (!err)
		err = elf_build_stack(&b, CHAPPE_USER_TOP, &a, scratch, sp);
	return err;
}

/* execve(path, argv, envp); on success the caller never sees the answer's
 * value, it wakes in the new image. */
static int64_t exec_execve(const struct bc_msg *m)
{
	char path[EXEC_PATH_MAX];
	struct elf_image img;
	const char *why;
	uint64_t sp;
	int64_t err = server_copy_string(m->sender, m->arg[0], path, sizeof path), size;

	if (err < 0)
		return err == -E2BIG ? -ENAMETOOLONG : err;
	size = read_program(m->sender, path);
	if (size < 0)
		return size;
	if (elf_check_user(file, (size_t)size, &img, &why))
		return -ENOEXEC;
	err = exec_gather(m->sender, m->arg[1], m->arg[2], &args);
	if (!err)
		err = stage_image(m->sender, &img, &sp);
	if (!err)
		err = sys_proc_exec_commit(m->sender, (long)img.entry, (long)sp,
					   (long)base_name(path));
	return err;
}

static const server_op exec_ops[SYS_execve + 1] = {
    [SYS_execve] = exec_execve,
};

static const struct server exec_server = {"exec", SYS_ID_EXEC, exec_ops, SYS_execve + 1, 0, 0};

int main(void)
{
	return server_run(&exec_server);
}
