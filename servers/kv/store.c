/* SPDX-License-Identifier: BSD-2-Clause */
#include "kv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static struct kv_entry *table;
static size_t count, capacity;

/* Where key is, or where it would go to keep the table sorted. */
static size_t position(const char *key, int *found)
{
	size_t lo = 0, hi = count;

	*found = 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(key, table[mid].key);
		if (c == 0) {
			*found = 1;
			return mid;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return lo;
}

struct kv_entry *kv_find(const char *key)
{
	int found;
	size_t i = position(key, &found);

	return found ? &table[i] : 0;
}

static int make_room(void)
{
	if (count < capacity)
		return 0;
	if (capacity == KV_ENTRIES_MAX)
		return -ENOSPC;
	size_t more = capacity ? capacity * 2 : 16;
	struct kv_entry *t = realloc(table, more * sizeof *t);
	if (!t)
		return -ENOMEM;
	table = t;
	capacity = more;
	return 0;
}

int kv_store(const char *key, const void *value, size_t length)
{
	int found, err;
	size_t i = position(key, &found);
	char *copy = malloc(length ? length : 1);

	if (!copy)
		return -ENOMEM;
	memcpy(copy, value, length);
	if (found) {
		free(table[i].value);
	} else {
		err = make_room();
		if (err) {
			free(copy);
			return err;
		}
		memmove(&table[i + 1], &table[i], (count - i) * sizeof *table);
		memcpy(table[i].key, key, strlen(key) + 1);
		count++;
	}
	table[i].value = copy;
	table[i].length = length;
	return 0;
}

int kv_remove(const char *key)
{
	int found;
	size_t i = position(key, &found);

	if (!found)
		return -ENOENT;
	free(table[i].value);
	memmove(&table[i], &table[i + 1], (count - i - 1) * sizeof *table);
	count--;
	return 0;
}

const struct kv_entry *kv_entries(size_t *n)
{
	*n = count;
	return table;
}
