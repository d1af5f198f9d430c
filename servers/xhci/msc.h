/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * USB mass storage on xhcid (docs/usb.md, "Mass storage"): msc.c runs the
 * Bulk-Only Transport and the SCSI commands over it for each disk (a
 * unit); blockserve.c serves those units as the block protocol
 * (lib/abi/block.h) on xhcid's own SYS_ID, BLOCK_SYS_ID_USB.
 */
#pragma once

#include "scsi.h"
#include "xhci.h"

#include <libserver/server.h>
#include <stdint.h>

#define MSC_UNITS_MAX 4 /* disks at once */
/* Bytes one SCSI command moves: one TRB, which may not cross a 64 KiB
 * boundary, on a buffer aligned to one. */
#define MSC_CHUNK (64u << 10)

/* What a command ends with: the bytes its data phase moved, or -EIO. */
typedef void (*msc_done)(void *ctx, int64_t result);

struct msc_disk {
	uint64_t blocks;
	uint32_t block_size;
	const char *model;
};

/* device.c: an interface of class 8 (mass storage), subclass 6 (SCSI),
 * protocol 0x50 (Bulk-Only) in the configuration's descriptors: its two
 * bulk endpoints given to the controller before SET_CONFIGURATION (1 when
 * there was one), then, once configured, the disk brought up. */
int msc_probe(struct usb_device *dev, const uint8_t *config, unsigned len);
void msc_attach(struct usb_device *dev);
/* The device is being removed: its disk gone for good, nothing of it kept. */
void msc_detach(struct usb_device *dev);

/* main.c: after every batch of events and usb_recover, outside event
 * handling (it may wait for commands): commands finished, recovered,
 * retried or timed out, their callbacks called. */
void msc_poll(void);
/* When msc_poll must run next (the ms clock), or 0 for never. */
uint64_t msc_next_alarm(void);
extern unsigned msc_units;

/* blockserve.c's side. A client names a disk by its unit number (never
 * given twice); the driver holds at most MSC_UNITS_MAX disks at once, in
 * slots a removed disk gives back. msc_slot: the unit's slot, -ENXIO
 * for a number never given, -EIO for a disk that has gone. Then by slot:
 * the disk, whether it can take a command now, its data buffer
 * (MSC_CHUNK bytes), and one command whose data phase is that buffer: 0,
 * then cb; -EIO when the device is gone. */
int msc_slot(unsigned unit);
int msc_disk(unsigned slot, struct msc_disk *out);
int msc_idle(unsigned slot);
uint8_t *msc_data(unsigned slot);
int msc_start(unsigned slot, const struct scsi_cmd *c, msc_done cb, void *ctx);

/* blockserve.c: the block protocol's requests, and what finishes them. */
int64_t block_op_info(const struct bc_msg *m);
int64_t block_op_read(const struct bc_msg *m);
int64_t block_op_write(const struct bc_msg *m);
int64_t block_op_flush(const struct bc_msg *m);
int64_t block_op_submit(const struct bc_msg *m);