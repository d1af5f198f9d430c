/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USB mass storage's wire formats, with no controller in them (so a host
 * unit test reaches them, tests/unit/test_usb_scsi.c): the Bulk-Only
 * Transport's command and status wrappers (USB Mass Storage Class,
 * Bulk-Only Transport 1.0, CBW and CSW), the SCSI command blocks the
 * driver sends (SPC-4, SBC-3) and what a sense reply means for the
 * command that drew it.
 */
#pragma once

#include <stdint.h>

#define BOT_CBW_BYTES 31
#define BOT_CSW_BYTES 13
#define BOT_CBW_SIGNATURE 0x43425355u /* "USBC" */
#define BOT_CSW_SIGNATURE 0x53425355u /* "USBS" */
#define BOT_FLAG_IN 0x80

/* CSW status, and what bot_csw_check makes of a reply. */
#define BOT_STATUS_PASSED 0
#define BOT_STATUS_FAILED 1	  /* the command failed: REQUEST SENSE says why */
#define BOT_STATUS_PHASE 2	  /* phase error: only a reset recovery helps */
#define BOT_CSW_INVALID -1	  /* not a CSW (length, signature): reset recovery */
#define BOT_CSW_NOT_MEANINGFUL -2 /* a CSW, but not for this command (tag, status, residue) */

#define SCSI_TEST_UNIT_READY 0x00
#define SCSI_REQUEST_SENSE 0x03
#define SCSI_INQUIRY 0x12
#define SCSI_READ_CAPACITY_10 0x25
#define SCSI_READ_10 0x28
#define SCSI_WRITE_10 0x2a
#define SCSI_SYNCHRONIZE_CACHE_10 0x35
#define SCSI_READ_16 0x88
#define SCSI_WRITE_16 0x8a
#define SCSI_SERVICE_ACTION_IN_16 0x9e
#define SCSI_SA_READ_CAPACITY_16 0x10

#define SCSI_SENSE_BYTES 18
#define SCSI_INQUIRY_BYTES 36
#define SCSI_CAPACITY_10_BYTES 8
#define SCSI_CAPACITY_16_BYTES 32

/* Sense keys (SPC-4 4.5.6). */
#define SENSE_NO_SENSE 0x0
#define SENSE_RECOVERED 0x1
#define SENSE_NOT_READY 0x2
#define SENSE_MEDIUM_ERROR 0x3
#define SENSE_HARDWARE_ERROR 0x4
#define SENSE_ILLEGAL_REQUEST 0x5
#define SENSE_UNIT_ATTENTION 0x6
#define SENSE_DATA_PROTECT 0x7
#define SENSE_ABORTED 0xb

/* A SCSI command as BOT carries it: the command block and its data phase. */
struct scsi_cmd {
	uint8_t cdb[16];
	uint8_t cdb_len;
	uint8_t in; /* the data phase is device to host */
	uint32_t bytes;
};

struct scsi_sense {
	uint8_t key, asc, ascq;
};

/* What to do about a command that ended in CHECK CONDITION. */
enum scsi_verdict {
	SCSI_DONE,	  /* it succeeded after all (recovered error) */
	SCSI_RETRY,	  /* again at once (unit attention, aborted command) */
	SCSI_RETRY_LATER, /* again after a pause (not ready, becoming ready) */
	SCSI_FAIL,	  /* -EIO (medium, hardware, protect, illegal request, no medium) */
};

void bot_cbw(uint8_t out[BOT_CBW_BYTES], uint32_t tag, uint8_t lun, const struct scsi_cmd *c);
/* The CSW in[0..len) for the command with this tag that asked for asked
 * bytes: its status (BOT_STATUS_*), or BOT_CSW_INVALID /
 * BOT_CSW_NOT_MEANINGFUL; *residue the bytes the device did not move. */
int bot_csw_check(const uint8_t *in, unsigned len, uint32_t tag, uint32_t asked, uint32_t *residue);

void scsi_test_unit_ready(struct scsi_cmd *c);
void scsi_request_sense(struct scsi_cmd *c);
void scsi_inquiry(struct scsi_cmd *c);
void scsi_read_capacity_10(struct scsi_cmd *c);
void scsi_read_capacity_16(struct scsi_cmd *c);
/* READ or WRITE of blocks at lba: the 10-byte form when both fit it,
 * else the 16-byte one; fua sets Force Unit Access. */
void scsi_rw(struct scsi_cmd *c, int write, uint64_t lba, uint32_t blocks, uint32_t block_size,
	     int fua);
void scsi_synchronize_cache(struct scsi_cmd *c);

/* READ CAPACITY (10) or (16) data: 0 with the block count and size, 1
 * when the disk is too big for (10) (its last LBA 0xffffffff: ask (16)),
 * or -1 when it is not usable (a size not a power of two in 512..4096, no
 * blocks). */
int scsi_capacity_10(const uint8_t *d, uint64_t *blocks, uint32_t *block_size);
int scsi_capacity_16(const uint8_t *d, uint64_t *blocks, uint32_t *block_size);
/* Fixed (0x70, 0x71) or descriptor (0x72, 0x73) sense data: 0, or -1 for
 * something else. */
int scsi_sense_parse(const uint8_t *d, unsigned len, struct scsi_sense *s);
/* What the sense says of a command whose first byte was opcode. */
enum scsi_verdict scsi_sense_verdict(const struct scsi_sense *s, uint8_t opcode);
/* The INQUIRY's vendor and product, trimmed, as "VENDOR PRODUCT" (out has
 * room for 40 bytes with the NUL). */
void scsi_inquiry_model(const uint8_t *d, unsigned len, char out[40]);
