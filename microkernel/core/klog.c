/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * A byte ring of records. When it is full the oldest records go, and the
 * next record read says how many bytes were lost: a dead or stuck io must
 * not stop the kernel, only lose its lines.
 */
#include <core/klog.h>

#include <abi/bc.h>
#include <abi/console.h>
#include <bc/bc.h>
#include <core/console.h>
#include <fmt/fmt.h>

#define KLOG_SIZE 16384

static uint8_t ring[KLOG_SIZE];
static size_t head, used;
static uint64_t lost;
static int notified;

static uint8_t at(size_t i)
{
	return ring[(head + i) % KLOG_SIZE];
}

static void drop_oldest(void)
{
	size_t n = sizeof(struct klog_record) + at(0);

	lost += at(0);
	head = (head + n) % KLOG_SIZE;
	used -= n;
}

static void put(const void *p, size_t n)
{
	const uint8_t *b = p;

	for (size_t i = 0; i < n; i++)
		ring[(head + used++) % KLOG_SIZE] = b[i];
}

static void append_record(const char *s, size_t n, uint32_t rgb, unsigned devices)
{
	struct klog_record r = {(uint8_t)n,
				{(uint8_t)(rgb >> 16), (uint8_t)(rgb >> 8), (uint8_t)rgb},
				(uint8_t)(devices >> 24)};

	while (KLOG_SIZE - used < sizeof r + n)
		drop_oldest();
	put(&r, sizeof r);
	put(s, n);
}

static void note_lost(void)
{
	char msg[64];
	size_t n = fmt_snprintf(msg, sizeof msg, "klog: %lu bytes of kernel lines lost\n",
				(unsigned long)lost);

	lost = 0;
	append_record(msg, n, CONSOLE_RED, CONSOLE_TO_ALL);
}

void klog_append(const char *s, size_t n, uint32_t rgb, unsigned devices)
{
	if (lost)
		note_lost();
	for (size_t done = 0; done < n;) {
		size_t part = n - done < KLOG_TEXT_MAX ? n - done : KLOG_TEXT_MAX;
		append_record(s + done, part, rgb, devices);
		done += part;
	}
	/* One notice a batch; a failed post (io not there yet) is tried again
	 * with the next line. */
	if (!notified)
		notified = bc_post_kernel(SYS_ID_IO, MSG_TYPE_STATE, CONSOLE_NOTICE_KLOG, 0) == 0;
}

size_t klog_take(void *buf, size_t size)
{
	uint8_t *out = buf;
	size_t n = 0;

	while (used && n + sizeof(struct klog_record) + at(0) <= size) {
		size_t rec = sizeof(struct klog_record) + at(0);
		for (size_t i = 0; i < rec; i++)
			out[n + i] = at(i);
		n += rec;
		head = (head + rec) % KLOG_SIZE;
		used -= rec;
	}
	if (!used)
		notified = 0;
	return n;
}
