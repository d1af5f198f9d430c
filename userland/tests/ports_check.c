/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The ports (ports/, docs/ports.md), built unmodified with the kit, run on
 * Chapp-E: Lua's check script, zlib's own self-test, and a minigzip round
 * trip that must give the file back byte for byte.
 */
#include "check.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define DATA "/tmp/zlib/data"
#define DATA_SIZE (96 * 1024)

static char original[DATA_SIZE], restored[DATA_SIZE + 1];

/* Text that compresses, and a stretch of noise that does not. */
static void make_data(void)
{
	uint32_t x = 12345;

	for (size_t i = 0; i < DATA_SIZE; i++) {
		x = x * 1103515245 + 12345;
		original[i] = i < DATA_SIZE / 2 ? "the quick brown fox, "[i % 21] : (char)(x >> 16);
	}
}

static long file_size(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 ? (long)st.st_size : -1;
}

/* write(2) may take less than asked (io passes a call on in pieces). */
static long write_file(const char *path, const char *buf, size_t n)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	long done = 0, w = 0;

	while (fd >= 0 && (size_t)done < n && (w = write(fd, buf + done, n - (size_t)done)) > 0)
		done += w;
	close(fd);
	return fd < 0 ? -1 : done;
}

static long read_file(const char *path, char *buf, size_t n)
{
	int fd = open(path, O_RDONLY);
	long got = 0, r = 0;

	while (fd >= 0 && (size_t)got < n && (r = read(fd, buf + got, n - (size_t)got)) > 0)
		got += r;
	close(fd);
	return fd < 0 ? -1 : got;
}

static void check_minigzip(void)
{
	make_data();
	mkdir("/tmp/zlib", 0755);
	EXPECT("the data file is written", write_file(DATA, original, DATA_SIZE), DATA_SIZE);
	char *gzip[] = {"/usr/bin/minigzip", DATA, 0};
	EXPECT("minigzip's wait status", check_run(gzip), 0);
	long packed = file_size(DATA ".gz");
	EXPECT("minigzip replaced the file by its .gz", file_size(DATA) == -1 && packed > 0, 1);
	EXPECT("the .gz is smaller than half the file", packed < DATA_SIZE / 2 + 2048, 1);
	char *gunzip[] = {"/usr/bin/minigzip", "-d", DATA ".gz", 0};
	EXPECT("minigzip -d's wait status", check_run(gunzip), 0);
	EXPECT("the file is back at its size", read_file(DATA, restored, sizeof restored),
	       DATA_SIZE);
	EXPECT("byte for byte", memcmp(original, restored, DATA_SIZE), 0);
}

int main(void)
{
	check_start("ports_check");
	char *lua[] = {"/usr/bin/lua", "/usr/share/lua/check.lua", "/tmp", 0};
	EXPECT("lua check.lua's wait status", check_run(lua), 0);
	/* example writes its gz test file in the working directory. */
	EXPECT("chdir /tmp", chdir("/tmp"), 0);
	char *example[] = {"/usr/bin/example", 0};
	EXPECT("zlib example's wait status", check_run(example), 0);
	check_minigzip();
	return check_finish();
}
