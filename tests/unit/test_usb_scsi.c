/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test for USB mass storage's wire formats (servers/xhci/scsi.c):
 * the Bulk-Only CBW built byte for byte, CSWs judged valid and meaningful
 * or not (BOT 6.3), the SCSI command blocks (10- or 16-byte READ and
 * WRITE by the range), READ CAPACITY replies, sense data in both formats
 * and what each sense key makes the driver do, INQUIRY's model string.
 */
#include "../../servers/xhci/scsi.h"

#include "check.h"

#include <string.h>

static void cbw(void)
{
	struct scsi_cmd c;
	uint8_t out[BOT_CBW_BYTES];
	static const uint8_t want[BOT_CBW_BYTES] = {
	    0x55, 0x53, 0x42, 0x43, 0x78, 0x56, 0x34, 0x12, 0x00, 0x00, 0x01, 0x00, 0x80,
	    0x00, 0x0a, 0x28, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00, 0x80, 0x00};

	scsi_rw(&c, 0, 0x1000, 128, 512, 0);
	memset(out, 0xee, sizeof out);
	bot_cbw(out, 0x12345678, 0, &c);
	CHECK(!memcmp(out, want, sizeof want));
	CHECK(out[25] == 0 && out[30] == 0); /* the rest of the 16-byte block zeroed */
	scsi_synchronize_cache(&c);
	bot_cbw(out, 1, 0, &c);
	CHECK(out[8] == 0 && out[12] == 0 && out[14] == 10 && out[15] == 0x35); /* no data: OUT */
}

static void csw_bytes(uint8_t *p, uint32_t sig, uint32_t tag, uint32_t residue, uint8_t status)
{
	for (unsigned i = 0; i < 4; i++) {
		p[i] = (uint8_t)(sig >> 8 * i);
		p[4 + i] = (uint8_t)(tag >> 8 * i);
		p[8 + i] = (uint8_t)(residue >> 8 * i);
	}
	p[12] = status;
}

static void csw(void)
{
	uint8_t p[16];
	uint32_t residue;

	csw_bytes(p, BOT_CSW_SIGNATURE, 7, 0, 0);
	CHECK(bot_csw_check(p, 13, 7, 512, &residue) == BOT_STATUS_PASSED && residue == 0);
	csw_bytes(p, BOT_CSW_SIGNATURE, 7, 100, 1);
	CHECK(bot_csw_check(p, 13, 7, 512, &residue) == BOT_STATUS_FAILED && residue == 100);
	CHECK(bot_csw_check(p, 12, 7, 512, &residue) == BOT_CSW_INVALID);	 /* short */
	CHECK(bot_csw_check(p, 13, 8, 512, &residue) == BOT_CSW_NOT_MEANINGFUL); /* another tag */
	CHECK(bot_csw_check(p, 13, 7, 99, &residue) ==
	      BOT_CSW_NOT_MEANINGFUL); /* residue > asked */
	csw_bytes(p, BOT_CBW_SIGNATURE, 7, 0, 0);
	CHECK(bot_csw_check(p, 13, 7, 512, &residue) == BOT_CSW_INVALID); /* a CBW's signature */
	csw_bytes(p, BOT_CSW_SIGNATURE, 7, 0xffffffff, 2);
	CHECK(bot_csw_check(p, 13, 7, 512, &residue) ==
	      BOT_STATUS_PHASE); /* residue not looked at */
	csw_bytes(p, BOT_CSW_SIGNATURE, 7, 0, 3);
	CHECK(bot_csw_check(p, 13, 7, 512, &residue) == BOT_CSW_NOT_MEANINGFUL);
}

static void read_write(void)
{
	struct scsi_cmd c;

	scsi_rw(&c, 1, 0xfffffff0, 16, 512, 1);
	CHECK(c.cdb_len == 10 && c.cdb[0] == SCSI_WRITE_10 && c.cdb[1] == 0x08 && !c.in);
	CHECK(c.cdb[2] == 0xff && c.cdb[5] == 0xf0 && c.cdb[7] == 0 && c.cdb[8] == 16);
	CHECK(c.bytes == 16 * 512);
	scsi_rw(&c, 0, 0xfffffff0, 17, 512, 0); /* its end past 2^32: the 16-byte form */
	CHECK(c.cdb_len == 16 && c.cdb[0] == SCSI_READ_16 && c.in && c.cdb[1] == 0);
	CHECK(c.cdb[2] == 0 && c.cdb[5] == 0 && c.cdb[6] == 0xff && c.cdb[9] == 0xf0);
	CHECK(c.cdb[13] == 17 && c.cdb[10] == 0);
	scsi_rw(&c, 0, 0, 0x10000, 512, 0); /* more blocks than 10's 16 bits */
	CHECK(c.cdb_len == 16 && c.cdb[11] == 1 && c.cdb[12] == 0);
	scsi_rw(&c, 0, 5, 2, 4096, 0);
	CHECK(c.cdb_len == 10 && c.bytes == 8192);
}

static void capacity(void)
{
	uint8_t d10[8] = {0x00, 0x03, 0xff, 0xff, 0x00, 0x00, 0x02, 0x00};
	uint8_t d16[32] = {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0x10, 0x00};
	uint64_t blocks;
	uint32_t size;

	CHECK(scsi_capacity_10(d10, &blocks, &size) == 0 && blocks == 0x40000 && size == 512);
	memset(d10, 0xff, 4);
	CHECK(scsi_capacity_10(d10, &blocks, &size) == 1); /* too big: ask (16) */
	d10[0] = 0, d10[6] = 0x03;			   /* 768-byte blocks */
	CHECK(scsi_capacity_10(d10, &blocks, &size) == -1);
	d10[6] = 0x20; /* 8 KiB */
	CHECK(scsi_capacity_10(d10, &blocks, &size) == -1);
	CHECK(scsi_capacity_16(d16, &blocks, &size) == 0 && blocks == 0x100000001ull &&
	      size == 4096);
	memset(d16, 0xff, 8);
	CHECK(scsi_capacity_16(d16, &blocks, &size) == -1);
}

static void sense(void)
{
	struct scsi_sense s;
	uint8_t fixed[18] = {0xf0, 0, 0x06, 0, 0, 0, 0, 10, 0, 0, 0, 0, 0x29, 0x00};
	uint8_t desc[8] = {0x72, 0x03, 0x11, 0x00};

	CHECK(scsi_sense_parse(fixed, 18, &s) == 0 && s.key == SENSE_UNIT_ATTENTION &&
	      s.asc == 0x29 && s.ascq == 0);
	CHECK(scsi_sense_verdict(&s, SCSI_READ_10) == SCSI_RETRY);
	CHECK(scsi_sense_parse(fixed, 3, &s) == 0 && s.key == 6 && s.asc == 0); /* cut short */
	CHECK(scsi_sense_parse(desc, 8, &s) == 0 && s.key == SENSE_MEDIUM_ERROR && s.asc == 0x11);
	CHECK(scsi_sense_verdict(&s, SCSI_READ_10) == SCSI_FAIL);
	fixed[0] = 0x00;
	CHECK(scsi_sense_parse(fixed, 18, &s) == -1);
	CHECK(scsi_sense_parse(fixed, 0, &s) == -1);
	s = (struct scsi_sense){SENSE_NOT_READY, 0x04, 0x01}; /* becoming ready */
	CHECK(scsi_sense_verdict(&s, SCSI_TEST_UNIT_READY) == SCSI_RETRY_LATER);
	s.asc = 0x3a; /* no medium */
	CHECK(scsi_sense_verdict(&s, SCSI_TEST_UNIT_READY) == SCSI_FAIL);
	s = (struct scsi_sense){SENSE_ILLEGAL_REQUEST, 0x20, 0};
	CHECK(scsi_sense_verdict(&s, SCSI_SYNCHRONIZE_CACHE_10) == SCSI_DONE); /* no cache */
	CHECK(scsi_sense_verdict(&s, SCSI_WRITE_10) == SCSI_FAIL);
	s = (struct scsi_sense){SENSE_RECOVERED, 0, 0};
	CHECK(scsi_sense_verdict(&s, SCSI_READ_10) == SCSI_DONE);
	s = (struct scsi_sense){SENSE_ABORTED, 0, 6};
	CHECK(scsi_sense_verdict(&s, SCSI_READ_10) == SCSI_RETRY);
	s = (struct scsi_sense){SENSE_DATA_PROTECT, 0x27, 0}; /* write-protected */
	CHECK(scsi_sense_verdict(&s, SCSI_WRITE_10) == SCSI_FAIL);
}

static void model(void)
{
	uint8_t d[36] = {0};
	char out[40];

	memcpy(d + 8, "QEMU    QEMU HARDDISK   ", 24);
	scsi_inquiry_model(d, 36, out);
	CHECK(!strcmp(out, "QEMU QEMU HARDDISK"));
	memcpy(d + 8, "\x01vendor ", 8);
	scsi_inquiry_model(d, 20, out); /* the product cut off: the vendor alone */
	CHECK(!strcmp(out, "?vendor"));
	scsi_inquiry_model(d, 4, out);
	CHECK(!strcmp(out, ""));
}

int main(void)
{
	cbw();
	csw();
	read_write();
	capacity();
	sense();
	model();
	return check_summary("test_usb_scsi");
}
