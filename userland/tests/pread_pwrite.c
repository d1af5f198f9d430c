/* SPDX-License-Identifier: BSD-2-Clause */
/* pread and pwrite (issue 15): at an explicit offset, the fd's own offset
 * untouched; ESPIPE where there is no offset, exact errnos; /dev/null by
 * path. */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define BIG 70000

static char big[BIG], back[BIG];

static void small_file(void)
{
	char buf[16] = {0};
	int fd = open("/tmp/pp", O_RDWR | O_CREAT | O_TRUNC, 0644);

	EXPECT("write ten bytes", write(fd, "0123456789", 10), 10);
	EXPECT("lseek to 2", lseek(fd, 2, SEEK_SET), 2);
	EXPECT("pread 4 at 5", pread(fd, buf, 4, 5), 4);
	EXPECT("they are 5678", strcmp(buf, "5678"), 0);
	EXPECT("the offset stays at 2", lseek(fd, 0, SEEK_CUR), 2);
	EXPECT("pread across the end", pread(fd, buf, 4, 8), 2);
	EXPECT("pread at the end", pread(fd, buf, 4, 10), 0);
	EXPECT("pwrite AB at 3", pwrite(fd, "AB", 2, 3), 2);
	EXPECT("the offset still at 2", lseek(fd, 0, SEEK_CUR), 2);
	EXPECT("read from the offset", (memset(buf, 0, sizeof buf), read(fd, buf, 3)), 3);
	EXPECT("read sees the pwrite", strcmp(buf, "2AB"), 0);
	EXPECT("pwrite past the end", pwrite(fd, "Z", 1, 12), 1);
	EXPECT("the hole reads as zeros", (pread(fd, buf, 3, 10), memcmp(buf, "\0\0Z", 3)), 0);
	EXPECT("the offset after read and pwrite", lseek(fd, 0, SEEK_CUR), 5);
	EXPECT("negative offset", (pread(fd, buf, 1, -1), errno), EINVAL);
	EXPECT("pwrite negative offset", (pwrite(fd, buf, 1, -5), errno), EINVAL);
	close(fd);
	fd = open("/tmp/pp", O_WRONLY);
	EXPECT("pread of a write-only fd", (pread(fd, buf, 1, 0), errno), EBADF);
	close(fd);
	fd = open("/tmp/pp", O_RDONLY);
	EXPECT("pwrite of a read-only fd", (pwrite(fd, buf, 1, 0), errno), EBADF);
	close(fd);
}

/* 64 KiB in one call, though io moves file data in 4 KiB pieces. */
static void large_read(void)
{
	int fd = open("/tmp/big", O_RDWR | O_CREAT | O_TRUNC, 0644);
	long done = 0, n;

	for (int i = 0; i < BIG; i++)
		big[i] = (char)(i % 253);
	while (done < BIG && (n = write(fd, big + done, BIG - (size_t)done)) > 0)
		done += n;
	EXPECT("a 70000-byte file", done, BIG);
	EXPECT("pread 64 KiB in one call", pread(fd, back, 65536, 100), 65536);
	EXPECT("the right 64 KiB", memcmp(back, big + 100, 65536), 0);
	EXPECT("the offset stays at the end", lseek(fd, 0, SEEK_CUR), BIG);
	close(fd);
	unlink("/tmp/big");
}

static void no_offset(void)
{
	char c = 'x';
	int p[2];

	pipe(p);
	EXPECT("pread of a pipe", (pread(p[0], &c, 1, 0), errno), ESPIPE);
	EXPECT("pwrite of a pipe", (pwrite(p[1], &c, 1, 0), errno), ESPIPE);
	close(p[0]), close(p[1]);
	EXPECT("pread of the console", (pread(0, &c, 1, 0), errno), ESPIPE);
	EXPECT("pwrite of the console", (pwrite(1, &c, 1, 0), errno), ESPIPE);
	EXPECT("pread of a closed fd", (pread(77, &c, 1, 0), errno), EBADF);
	EXPECT("pwrite of a closed fd", (pwrite(77, &c, 1, 0), errno), EBADF);
}

static void dev_null(void)
{
	char c = 'x';
	struct stat st;
	int fd = open("/dev/null", O_WRONLY);

	EXPECT("open /dev/null", fd >= 0, 1);
	EXPECT("write to it", write(fd, &c, 1), 1);
	EXPECT("pwrite to it", pwrite(fd, &c, 1, 7), 1);
	EXPECT("read from it", read(fd, &c, 1), 0);
	EXPECT("pread from it", pread(fd, &c, 1, 7), 0);
	EXPECT("it is a character device", (fstat(fd, &st), st.st_mode & 0170000), 0020000);
	EXPECT("close it", close(fd), 0);
	EXPECT("open /dev/nosuch", (open("/dev/nosuch", O_RDONLY), errno), ENOENT);
}

int main(void)
{
	check_start("pread_pwrite");
	small_file();
	large_read();
	no_offset();
	dev_null();
	unlink("/tmp/pp");
	return check_finish();
}
