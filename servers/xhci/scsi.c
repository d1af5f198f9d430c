/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The bytes of mass storage: Bulk-Only wrappers built and checked, SCSI
 * command blocks built, and the replies (capacity, sense, inquiry) read.
 * Multi-byte SCSI fields are big-endian, BOT's little-endian. Everything
 * a device sent is read within the length it sent.
 */
#include "scsi.h"

#include <string.h>

static void put_le32(uint8_t *p, uint32_t v)
{
	for (unsigned i = 0; i < 4; i++)
		p[i] = (uint8_t)(v >> 8 * i);
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static void put_be(uint8_t *p, uint64_t v, unsigned bytes)
{
	for (unsigned i = 0; i < bytes; i++)
		p[i] = (uint8_t)(v >> 8 * (bytes - 1 - i));
}

static uint64_t be(const uint8_t *p, unsigned bytes)
{
	uint64_t v = 0;

	for (unsigned i = 0; i < bytes; i++)
		v = v << 8 | p[i];
	return v;
}

void bot_cbw(uint8_t out[BOT_CBW_BYTES], uint32_t tag, uint8_t lun, const struct scsi_cmd *c)
{
	memset(out, 0, BOT_CBW_BYTES);
	put_le32(out, BOT_CBW_SIGNATURE);
	put_le32(out + 4, tag);
	put_le32(out + 8, c->bytes);
	out[12] = c->bytes && c->in ? BOT_FLAG_IN : 0;
	out[13] = lun & 0xf;
	out[14] = c->cdb_len & 0x1f;
	memcpy(out + 15, c->cdb, c->cdb_len <= 16 ? c->cdb_len : 16);
}

int bot_csw_check(const uint8_t *in, unsigned len, uint32_t tag, uint32_t asked, uint32_t *residue)
{
	if (len != BOT_CSW_BYTES || le32(in) != BOT_CSW_SIGNATURE)
		return BOT_CSW_INVALID;
	*residue = le32(in + 8);
	if (le32(in + 4) != tag || in[12] > BOT_STATUS_PHASE ||
	    (in[12] != BOT_STATUS_PHASE && *residue > asked))
		return BOT_CSW_NOT_MEANINGFUL;
	return in[12];
}

static void cmd(struct scsi_cmd *c, uint8_t op, unsigned cdb_len, int in, uint32_t bytes)
{
	*c = (struct scsi_cmd){.cdb_len = (uint8_t)cdb_len, .in = (uint8_t)in, .bytes = bytes};
	c->cdb[0] = op;
}

void scsi_test_unit_ready(struct scsi_cmd *c)
{
	cmd(c, SCSI_TEST_UNIT_READY, 6, 0, 0);
}

void scsi_request_sense(struct scsi_cmd *c)
{
	cmd(c, SCSI_REQUEST_SENSE, 6, 1, SCSI_SENSE_BYTES);
	c->cdb[4] = SCSI_SENSE_BYTES;
}

void scsi_inquiry(struct scsi_cmd *c)
{
	cmd(c, SCSI_INQUIRY, 6, 1, SCSI_INQUIRY_BYTES);
	c->cdb[4] = SCSI_INQUIRY_BYTES;
}

void scsi_read_capacity_10(struct scsi_cmd *c)
{
	cmd(c, SCSI_READ_CAPACITY_10, 10, 1, SCSI_CAPACITY_10_BYTES);
}

void scsi_read_capacity_16(struct scsi_cmd *c)
{
	cmd(c, SCSI_SERVICE_ACTION_IN_16, 16, 1, SCSI_CAPACITY_16_BYTES);
	c->cdb[1] = SCSI_SA_READ_CAPACITY_16;
	put_be(c->cdb + 10, SCSI_CAPACITY_16_BYTES, 4);
}

void scsi_rw(struct scsi_cmd *c, int write, uint64_t lba, uint32_t blocks, uint32_t block_size,
	     int fua)
{
	uint32_t bytes = blocks * block_size;

	if (lba + blocks <= 0x100000000ull && blocks <= 0xffff) {
		cmd(c, write ? SCSI_WRITE_10 : SCSI_READ_10, 10, !write, bytes);
		put_be(c->cdb + 2, lba, 4);
		put_be(c->cdb + 7, blocks, 2);
	} else {
		cmd(c, write ? SCSI_WRITE_16 : SCSI_READ_16, 16, !write, bytes);
		put_be(c->cdb + 2, lba, 8);
		put_be(c->cdb + 10, blocks, 4);
	}
	if (fua)
		c->cdb[1] |= 0x08;
}

void scsi_synchronize_cache(struct scsi_cmd *c)
{
	cmd(c, SCSI_SYNCHRONIZE_CACHE_10, 10, 0, 0); /* LBA 0, 0 blocks: all of it */
}

static int usable(uint64_t blocks, uint32_t size)
{
	return blocks && size >= 512 && size <= 4096 && !(size & (size - 1));
}

int scsi_capacity_10(const uint8_t *d, uint64_t *blocks, uint32_t *block_size)
{
	*blocks = be(d, 4) + 1; /* the last LBA's */
	*block_size = (uint32_t)be(d + 4, 4);
	if (*blocks == 0x100000000ull)
		return 1;
	return usable(*blocks, *block_size) ? 0 : -1;
}

int scsi_capacity_16(const uint8_t *d, uint64_t *blocks, uint32_t *block_size)
{
	uint64_t last = be(d, 8);

	*blocks = last == UINT64_MAX ? 0 : last + 1;
	*block_size = (uint32_t)be(d + 8, 4);
	return usable(*blocks, *block_size) ? 0 : -1;
}

int scsi_sense_parse(const uint8_t *d, unsigned len, struct scsi_sense *s)
{
	unsigned code = len ? d[0] & 0x7f : 0;

	*s = (struct scsi_sense){0};
	if ((code == 0x70 || code == 0x71) && len >= 3) {
		s->key = d[2] & 0xf;
		s->asc = len > 12 ? d[12] : 0;
		s->ascq = len > 13 ? d[13] : 0;
		return 0;
	}
	if ((code == 0x72 || code == 0x73) && len >= 2) {
		s->key = d[1] & 0xf;
		s->asc = len > 2 ? d[2] : 0;
		s->ascq = len > 3 ? d[3] : 0;
		return 0;
	}
	return -1;
}

enum scsi_verdict scsi_sense_verdict(const struct scsi_sense *s, uint8_t opcode)
{
	/* Many sticks have no cache and refuse to synchronize it: nothing to do. */
	if (opcode == SCSI_SYNCHRONIZE_CACHE_10 && s->key == SENSE_ILLEGAL_REQUEST)
		return SCSI_DONE;
	switch (s->key) {
	case SENSE_RECOVERED:
		return SCSI_DONE;
	case SENSE_UNIT_ATTENTION: /* a reset or a medium change: the command was not run */
	case SENSE_ABORTED:
	case SENSE_NO_SENSE:
		return SCSI_RETRY;
	case SENSE_NOT_READY:
		/* 3A: no medium (a card reader without its card); 04 01/04 07:
		 * becoming ready, an operation in progress: worth the wait. */
		return s->asc == 0x3a ? SCSI_FAIL : SCSI_RETRY_LATER;
	default:
		return SCSI_FAIL;
	}
}

/* Printable bytes of in[0..n), trailing blanks cut, appended at out. */
static unsigned append_trimmed(char *out, unsigned at, const uint8_t *in, unsigned n)
{
	while (n && (in[n - 1] == ' ' || in[n - 1] == 0))
		n--;
	for (unsigned i = 0; i < n; i++)
		out[at++] = in[i] >= 0x20 && in[i] < 0x7f ? (char)in[i] : '?';
	return at;
}

void scsi_inquiry_model(const uint8_t *d, unsigned len, char out[40])
{
	unsigned at = 0;

	if (len >= 16)
		at = append_trimmed(out, 0, d + 8, 8); /* vendor */
	if (len >= 32) {
		if (at)
			out[at++] = ' ';
		at = append_trimmed(out, at, d + 16, 16); /* product */
	}
	out[at] = 0;
}
