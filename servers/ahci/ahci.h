/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ahcid: the AHCI (SATA) disk driver, a server of the block protocol
 * (docs/block.md). Register layout and structures from the AHCI 1.3.1
 * specification; commands from ATA/ATAPI-8 (ACS).
 */
#pragma once

#include <abi/block.h>
#include <libserver/block_group.h>
#include <stdint.h>

#define AHCI_SYS_ID BLOCK_SYS_ID_AHCI
#define AHCI_PORTS 32
#define AHCI_XFER BLOCK_XFER_MAX /* bytes one command moves: the port's bounce buffer */

/* Generic host control (offsets into ABAR, BAR 5). */
#define HBA_CAP 0x00
#define HBA_GHC 0x04
#define HBA_IS 0x08
#define HBA_PI 0x0c
#define HBA_CAP2 0x24
#define HBA_BOHC 0x28
#define CAP_S64A (1u << 31)
#define CAP_SSS (1u << 27) /* staggered spin-up: PxCMD.SUD spins a disk up */
#define GHC_AE (1u << 31)
#define GHC_IE (1u << 1)
#define GHC_HR (1u << 0)
#define CAP2_BOH (1u << 0)
#define BOHC_OOS (1u << 1)
#define BOHC_BOS (1u << 0)

/* Port registers: 0x100 + 0x80 * port. */
#define PORT_BASE(p) (0x100 + 0x80 * (p))
#define PX_CLB 0x00
#define PX_CLBU 0x04
#define PX_FB 0x08
#define PX_FBU 0x0c
#define PX_IS 0x10
#define PX_IE 0x14
#define PX_CMD 0x18
#define PX_TFD 0x20
#define PX_SIG 0x24
#define PX_SSTS 0x28
#define PX_SCTL 0x2c
#define PX_SERR 0x30
#define PX_CI 0x38
#define CMD_ST (1u << 0)
#define CMD_SUD (1u << 1)
#define CMD_POD (1u << 2)
#define CMD_FRE (1u << 4)
#define CMD_FR (1u << 14)
#define CMD_CR (1u << 15)
#define TFD_ERR 0x01u
#define TFD_DRQ 0x08u
#define TFD_BSY 0x80u
#define SSTS_DET_PRESENT 3u /* device there and the link up */
#define SIG_ATA 0x00000101u
/* Interrupts taken: a device-to-host register FIS (a command's end), a
 * set-device-bits FIS, and every error. */
#define IS_DHRS (1u << 0)
#define IS_SDBS (1u << 3)
#define IS_ERRORS 0x7dc00050u /* TFES HBFS HBDS IFS INFS OFS IPMS PRCS UFS */
#define IS_TFES (1u << 30)

/* ATA commands. */
#define ATA_IDENTIFY 0xec
#define ATA_READ_DMA_EXT 0x25
#define ATA_WRITE_DMA_EXT 0x35
#define ATA_WRITE_DMA_FUA_EXT 0x3d
#define ATA_FLUSH_CACHE_EXT 0xea
#define ATA_FLUSH_CACHE 0xe7

/* A command header (one of 32 in the port's command list). */
struct ahci_cmd_header {
	uint32_t flags; /* CFL 4:0, W 6, PRDTL 31:16 */
	uint32_t prdbc; /* bytes transferred, written by the HBA */
	uint32_t ctba, ctbau;
	uint32_t reserved[4];
};
_Static_assert(sizeof(struct ahci_cmd_header) == 32, "AHCI command header");

struct ahci_prd {
	uint32_t dba, dbau, reserved;
	uint32_t dbc; /* byte count - 1 in 21:0, I (interrupt) bit 31 */
};

/* The command table of slot 0: the FIS, then the region list. */
struct ahci_cmd_table {
	uint8_t cfis[64];
	uint8_t acmd[16];
	uint8_t reserved[48];
	struct ahci_prd prd[1];
};

/* One request of a client, queued on its unit. */
struct request {
	struct request *next;
	struct block_group *group; /* a BLOCK_OP_SUBMIT's, or 0 */
	uint32_t client;	   /* who is answered */
	uint32_t data_client; /* whose buffer: the client, or the one it lends (bc_call_grant) */
	uint8_t op, flags;
	uint8_t stage; /* a FUA write's flush, on a disk without FUA */
	uint16_t unit;
	unsigned index; /* in its group */
	uint64_t lba, buf, bytes;
};

/* A disk on a port: what IDENTIFY said, its memory, its queue. */
struct unit {
	unsigned port;
	volatile uint8_t *regs;
	uint8_t *mem; /* command list, received FIS, command table, data */
	uint64_t phys;
	uint64_t sectors;
	uint32_t sector_size;
	uint8_t fua, flush_ext, volatile_cache;
	char model[40];		/* 39 characters and a NUL: what block_info has room for */
	struct request *active; /* in the device now */
	uint64_t deadline_ms;	/* when active must have ended (driver_now_ms) */
	struct request *head, *tail;
};

/* hba.c */
/* Take and reset the controller, bring up its disks (polled): how many,
 * or -EIO. Its interrupt is off until hba_interrupts_on. */
int hba_init(volatile uint8_t *abar, struct unit *units, unsigned max);
void hba_interrupts_on(void);
int port_issue(struct unit *u, uint8_t cmd, uint64_t lba, uint32_t count, int write);
int port_done(struct unit *u, int64_t *error);
void port_recover(struct unit *u);
uint32_t hba_take_interrupts(void);
int unit_identify(struct unit *u);

/* queue.c */
void queue_init(struct unit *units, unsigned count);
int64_t queue_submit(struct request *r);
struct request *request_new(void);
void queue_interrupt(uint32_t ports);
void queue_alarm(void);
uint8_t *unit_data(struct unit *u);
