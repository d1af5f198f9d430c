/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Files on the disk (issue 16): what was synced survives a power cut and
 * reads back byte for byte at the next boot; what was written after the
 * last commit does not appear; the timer commits without a sync; fsync's
 * errors; without a data partition, read-only.
 *
 *   persist write       files of many sizes, each fsynced, then sync; one
 *                       more file written after that and the power cut
 *   persist check       the next boot: every synced file whole, the last
 *                       one absent
 *   persist timer       a file written, no sync, then DFS_COMMIT_MS and more
 *   persist timer-check the next boot: it is there
 *   persist errors      fsync's errno for what it cannot sync
 *   persist readonly    (no data partition) writes give EROFS, reads work
 *   persist fill        files until the partition is full: ENOSPC, every
 *                       file written before it intact; all deleted, the
 *                       space comes back (cleaning); half as many again
 *   persist fill-check  the next boot: those read back
 *   persist damage       two files synced; the host then damages one DATA
 *                        block of the first (qemu-run.py --between-boots,
 *                        dagfs-check --damage-file: block blocks / 2)
 *   persist damage-check the next boot: that block is EIO, the rest of
 *                        the file, the other file and dagfs are sound
 *   persist torn         file A synced (a commit), then file B (the next);
 *                        the host then tears the newest root record
 *   persist torn-check   the next boot: A is there whole, B is not
 */
#include "check.h"

#include <dagfs/dagfs_client.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DIR_PATH "/tmp/persist"
#define BUF_MAX (1u << 20)

static const size_t sizes[] = {0, 1, 511, 4095, 4096, 4097, 65536, 100003, 262144, 1048576};
#define NFILES (sizeof sizes / sizeof sizes[0])

static uint8_t buf[BUF_MAX], back[BUF_MAX];

/* File i's bytes: a pattern that differs per file and per offset. */
static void fill(unsigned i, uint8_t *p, size_t n)
{
	uint32_t x = 0x9e3779b9u * (i + 1);

	for (size_t k = 0; k < n; k++) {
		x = x * 1103515245u + 12345u;
		p[k] = (uint8_t)(x >> 16);
	}
}

static void path_of(unsigned i, char *out, size_t n)
{
	snprintf(out, n, DIR_PATH "/f%u", i);
}

static int write_file(const char *path, const uint8_t *p, size_t n, int data_only)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644), err = 0;

	if (fd < 0)
		return -errno;
	for (size_t done = 0; done < n && !err;) {
		ssize_t w = write(fd, p + done, n - done);
		err = w <= 0 ? -errno : 0;
		done += w > 0 ? (size_t)w : 0;
	}
	if (!err && (data_only ? fdatasync(fd) : fsync(fd)))
		err = -errno;
	close(fd);
	return err;
}

static long read_file(const char *path, uint8_t *p, size_t max)
{
	int fd = open(path, O_RDONLY);
	long got = 0;
	ssize_t r = 1;

	if (fd < 0)
		return -errno;
	while (r > 0 && (size_t)got < max) {
		r = read(fd, p + got, max - (size_t)got);
		got += r > 0 ? r : 0;
	}
	close(fd);
	return r < 0 ? -errno : got;
}

static void mode_write(void)
{
	char path[64];
	int bad = 0;

	EXPECT("mkdir " DIR_PATH, mkdir(DIR_PATH, 0755), 0);
	for (unsigned i = 0; i < NFILES; i++) {
		path_of(i, path, sizeof path);
		fill(i, buf, sizes[i]);
		bad += write_file(path, buf, sizes[i], i % 2) != 0;
	}
	EXPECT("files written and fsynced (odd ones fdatasync)", bad, 0);
	sync();
	fill(99, buf, 5000);
	/* After the last commit: the power cut that ends this boot takes it. */
	int fd = open(DIR_PATH "/late", O_WRONLY | O_CREAT, 0644);
	EXPECT("a file after the last sync", write(fd, buf, 5000), 5000);
	close(fd);
}

static void mode_check(void)
{
	char path[64];
	int whole = 0;

	for (unsigned i = 0; i < NFILES; i++) {
		path_of(i, path, sizeof path);
		fill(i, buf, sizes[i]);
		long got = read_file(path, back, BUF_MAX);
		if (got == (long)sizes[i] && !memcmp(buf, back, sizes[i]))
			whole++;
		else
			printf("persist: %s: %ld bytes, want %zu FAIL\n", path, got, sizes[i]);
	}
	EXPECT("synced files read back byte for byte", whole, NFILES);
	struct stat st;
	EXPECT("the file written after the last sync is not there",
	       (stat(DIR_PATH "/late", &st), errno), ENOENT);
}

static void mode_timer(void)
{
	int fd = open("/tmp/timed", O_WRONLY | O_CREAT | O_TRUNC, 0644);

	fill(7, buf, 3000);
	EXPECT("write without a sync", write(fd, buf, 3000), 3000);
	close(fd);
	nap_ms(7000); /* past DFS_COMMIT_MS (5 s) */
}

static void mode_timer_check(void)
{
	fill(7, buf, 3000);
	EXPECT("the timer committed it", read_file("/tmp/timed", back, BUF_MAX), 3000);
	EXPECT("byte for byte", memcmp(buf, back, 3000), 0);
}

static void mode_errors(void)
{
	int p[2], fd = open("/etc/motd", O_RDONLY), dir = open("/tmp", O_RDONLY);

	EXPECT("fsync of a file opened read-only", fsync(fd), 0);
	EXPECT("fsync of a directory", fsync(dir), 0);
	close(fd);
	close(dir);
	EXPECT("fsync of a closed fd", (fsync(fd), errno), EBADF);
	EXPECT("fsync(-1)", (fsync(-1), errno), EBADF);
	EXPECT("fdatasync(99)", (fdatasync(99), errno), EBADF);
	EXPECT("pipe", pipe(p), 0);
	EXPECT("fsync of a pipe", (fsync(p[1]), errno), EINVAL);
	EXPECT("fsync of the console", (fsync(1), errno), EINVAL);
	fd = open("/dev/null", O_WRONLY);
	EXPECT("fsync of /dev/null", (fsync(fd), errno), EINVAL);
}

static void mode_readonly(void)
{
	struct stat st;

	EXPECT("create a file", (open("/tmp/ro", O_WRONLY | O_CREAT, 0644), errno), EROFS);
	EXPECT("mkdir", (mkdir("/tmp/rod", 0755), errno), EROFS);
	EXPECT("unlink", (unlink("/etc/motd"), errno), EROFS);
	EXPECT("read /etc/motd still", read_file("/etc/motd", back, BUF_MAX) > 0, 1);
	EXPECT("stat /bin/sh", stat("/bin/sh", &st), 0);
	EXPECT("sync has nothing to do", fsync(open("/etc/motd", O_RDONLY)), 0);
}

/* ---- filling the partition ---------------------------------------------------- */

#define FILL_FILE (64u << 10)
#define FILL_PER_DIR 50
#define FILL_MAX 4000

static void fill_path(unsigned i, char *out, size_t n)
{
	snprintf(out, n, "/tmp/fill/d%u/f%u", i / FILL_PER_DIR, i % FILL_PER_DIR);
}

/* File i, made and fsynced: 0 or -errno. */
static int fill_one(unsigned i, uint32_t round)
{
	char path[64];

	if (i % FILL_PER_DIR == 0) {
		snprintf(path, sizeof path, "/tmp/fill/d%u", i / FILL_PER_DIR);
		if (mkdir(path, 0755) && errno != EEXIST)
			return -errno;
	}
	fill_path(i, path, sizeof path);
	fill(i + round * FILL_MAX, buf, FILL_FILE);
	return write_file(path, buf, FILL_FILE, 0);
}

static unsigned fill_whole(unsigned n, uint32_t round)
{
	char path[64];
	unsigned whole = 0;

	for (unsigned i = 0; i < n; i++) {
		fill_path(i, path, sizeof path);
		fill(i + round * FILL_MAX, buf, FILL_FILE);
		whole +=
		    read_file(path, back, BUF_MAX) == FILL_FILE && !memcmp(buf, back, FILL_FILE);
	}
	return whole;
}

static void fill_remove(unsigned n)
{
	char path[64];

	for (unsigned i = 0; i < n; i++) {
		fill_path(i, path, sizeof path);
		unlink(path);
	}
	for (unsigned d = 0; d * FILL_PER_DIR < n; d++) {
		snprintf(path, sizeof path, "/tmp/fill/d%u", d);
		rmdir(path);
	}
}

static void mode_fill(void)
{
	struct dagfs_space start, full, back_again;
	unsigned n = 0;
	int err = 0;

	EXPECT("mkdir /tmp/fill", mkdir("/tmp/fill", 0755), 0);
	dagfs_space(&start, DAGFS_SPACE_RECLAIM);
	printf("persist: partition %lu pages, %lu in the log, %lu free\n",
	       (unsigned long)start.disk_pages, (unsigned long)start.log_pages,
	       (unsigned long)start.free_pages);
	while (n < FILL_MAX && !(err = fill_one(n, 1)))
		n++;
	EXPECT("filling ends in ENOSPC", err, -ENOSPC);
	printf("persist: %u files of 64 KiB fit\n", n);
	EXPECT("more than 3/4 of the partition filled",
	       n * (FILL_FILE / 4096) > start.free_pages * 3 / 4, 1);
	EXPECT("every file written before it intact", fill_whole(n, 1), n);
	fill_remove(n + 1);
	dagfs_space(&full, 0);
	EXPECT("sync after deleting them", fsync(open("/tmp", O_RDONLY)), 0);
	dagfs_space(&back_again, DAGFS_SPACE_RECLAIM);
	printf("persist: free pages %lu at the start, %lu full, %lu after deleting and cleaning "
	       "(%lu pages cleaned)\n",
	       (unsigned long)start.free_pages, (unsigned long)full.free_pages,
	       (unsigned long)back_again.free_pages, (unsigned long)back_again.cleaned_pages);
	EXPECT("the space came back", back_again.free_pages >= start.free_pages * 9 / 10, 1);
	unsigned again = 0;
	while (again < n / 2 && !fill_one(again, 2))
		again++;
	EXPECT("half as many files again", again, n / 2);
	sync();
	EXPECT("they read back", fill_whole(n / 2, 2), n / 2);
}

static void mode_fill_check(void)
{
	struct dagfs_space sp;
	unsigned n = 0;
	char path[64];
	struct stat st;

	while (n < FILL_MAX && (fill_path(n, path, sizeof path), stat(path, &st) == 0))
		n++;
	dagfs_space(&sp, 0);
	printf("persist: %u files after the reboot, %lu pages free\n", n,
	       (unsigned long)sp.free_pages);
	EXPECT("the files written after the cleaning read back", fill_whole(n, 2) == n && n > 10,
	       1);
}

/* ---- damage done to the disk between two boots -------------------------------- */

#define DAMAGE_DIR "/tmp/damage"
/* Six blocks (dagfs-check damages block 3) and four, the last ones short. */
#define DAMAGED_SIZE (5 * 4096 + 1000)
#define DAMAGED_BLOCK 3
#define SOUND_SIZE (3 * 4096 + 7)

static uint64_t commit_seq(void)
{
	struct dagfs_space sp = {0};

	dagfs_space(&sp, 0);
	return sp.commits;
}

static void mode_damage(void)
{
	EXPECT("mkdir " DAMAGE_DIR, mkdir(DAMAGE_DIR, 0755), 0);
	fill(100, buf, DAMAGED_SIZE);
	EXPECT("the file to damage written and fsynced",
	       write_file(DAMAGE_DIR "/hurt", buf, DAMAGED_SIZE, 0), 0);
	fill(101, buf, SOUND_SIZE);
	EXPECT("the other file written and fsynced",
	       write_file(DAMAGE_DIR "/sound", buf, SOUND_SIZE, 0), 0);
	sync();
	printf("persist: both files committed, seq %lu\n", (unsigned long)commit_seq());
}

/* n bytes at off of a file: what pread gave, or -errno. */
static long pread_file(const char *path, uint8_t *p, size_t n, off_t off)
{
	int fd = open(path, O_RDONLY);
	long got;

	if (fd < 0)
		return -errno;
	got = pread(fd, p, n, off);
	got = got < 0 ? -errno : got;
	close(fd);
	return got;
}

static void mode_damage_check(void)
{
	const char *hurt = DAMAGE_DIR "/hurt";
	struct chappe_bcstat before, after;
	struct stat st;

	sys_bc_stat(SYS_ID_DAGFS, (long)&before);
	EXPECT("reading the damaged file whole", read_file(hurt, back, BUF_MAX), -EIO);
	EXPECT("pread of its damaged block", pread_file(hurt, back, 4096, DAMAGED_BLOCK * 4096),
	       -EIO);
	fill(100, buf, DAMAGED_SIZE);
	EXPECT("its first block reads back byte for byte",
	       pread_file(hurt, back, 4096, 0) == 4096 && !memcmp(back, buf, 4096), 1);
	EXPECT("its last block too",
	       pread_file(hurt, back, 1000, 5 * 4096) == 1000 &&
		   !memcmp(back, buf + 5 * 4096, 1000),
	       1);
	EXPECT("the damaged block again: EIO still",
	       pread_file(hurt, back, 1, DAMAGED_BLOCK * 4096), -EIO);
	EXPECT("stat of the damaged file: its size", (stat(hurt, &st), st.st_size), DAMAGED_SIZE);
	fill(101, buf, SOUND_SIZE);
	EXPECT("the other file reads back byte for byte",
	       read_file(DAMAGE_DIR "/sound", back, BUF_MAX) == SOUND_SIZE &&
		   !memcmp(back, buf, SOUND_SIZE),
	       1);
	fill(102, buf, 5000);
	EXPECT("a new file written and synced after the EIO",
	       write_file(DAMAGE_DIR "/new", buf, 5000, 0), 0);
	EXPECT("it reads back",
	       read_file(DAMAGE_DIR "/new", back, BUF_MAX) == 5000 && !memcmp(back, buf, 5000), 1);
	sys_bc_stat(SYS_ID_DAGFS, (long)&after);
	EXPECT("dagfs served by the same process throughout",
	       after.state == BC_STATE_READY && after.server_pid == before.server_pid &&
		   after.restarts == before.restarts,
	       1);
}

static void mode_torn(void)
{
	uint64_t a, b;

	EXPECT("mkdir /tmp/torn", mkdir("/tmp/torn", 0755), 0);
	fill(110, buf, 5000);
	EXPECT("file A written and fsynced", write_file("/tmp/torn/a", buf, 5000, 0), 0);
	sync();
	a = commit_seq();
	printf("persist: file A committed, seq %lu\n", (unsigned long)a);
	fill(111, buf, 5000);
	EXPECT("file B written and fsynced", write_file("/tmp/torn/b", buf, 5000, 0), 0);
	sync();
	b = commit_seq();
	printf("persist: file B committed, seq %lu\n", (unsigned long)b);
	EXPECT("B's commit is the one after A's", b - a, 1);
}

static void mode_torn_check(void)
{
	struct stat st;

	fill(110, buf, 5000);
	EXPECT("file A reads back byte for byte",
	       read_file("/tmp/torn/a", back, BUF_MAX) == 5000 && !memcmp(back, buf, 5000), 1);
	EXPECT("file B, of the torn commit, is not there", (stat("/tmp/torn/b", &st), errno),
	       ENOENT);
	printf("persist: serving commit %lu\n", (unsigned long)commit_seq());
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		void (*run)(void);
	} modes[] = {{"write", mode_write},   {"check", mode_check},
		     {"timer", mode_timer},   {"timer-check", mode_timer_check},
		     {"errors", mode_errors}, {"readonly", mode_readonly},
		     {"fill", mode_fill},     {"fill-check", mode_fill_check},
		     {"damage", mode_damage}, {"damage-check", mode_damage_check},
		     {"torn", mode_torn},     {"torn-check", mode_torn_check}};

	check_start("persist");
	for (unsigned i = 0; argc > 1 && i < sizeof modes / sizeof modes[0]; i++)
		if (!strcmp(argv[1], modes[i].name)) {
			modes[i].run();
			return check_finish();
		}
	printf("persist: usage: persist "
	       "write|check|timer|timer-check|errors|readonly|fill|fill-check|damage|"
	       "damage-check|torn|torn-check\n");
	return 2;
}
