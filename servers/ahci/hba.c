/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The controller and its ports (AHCI 1.3.1): take the HBA from the
 * firmware, reset it, bring up every port with an ATA disk, and run one
 * command at a time on a port through slot 0. Every wait is bounded: a
 * controller that does not answer is given up on, never waited for.
 */
#include "ahci.h"

#include <abi/errno.h>
#include <chappe/syscall.h>
#include <libserver/driver.h>
#include <libserver/server.h>
#include <string.h>
#include <time.h>

#define PORT_MEM (4096 + AHCI_XFER)
#define FIS_AT 1024
#define TABLE_AT 2048
#define DATA_AT 4096

static volatile uint8_t *hba;

static uint32_t rd(volatile uint8_t *base, unsigned off)
{
	return *(volatile uint32_t *)(base + off);
}

static void wr(volatile uint8_t *base, unsigned off, uint32_t v)
{
	*(volatile uint32_t *)(base + off) = v;
}

static void nap(long ms)
{
	struct timespec ts = {0, ms * 1000000};

	nanosleep(&ts, 0);
}

/* Until (reg & mask) == want, for at most ms: 1 when it came. */
static int wait_for(volatile uint8_t *base, unsigned off, uint32_t mask, uint32_t want, uint64_t ms)
{
	uint64_t end = driver_now_ms() + ms;

	while ((rd(base, off) & mask) != want) {
		if (driver_now_ms() > end)
			return 0;
		cpu_pause();
	}
	return 1;
}

/* The BIOS lets go of the HBA when it asked to keep it (BIOS/OS handoff). */
static void take_from_firmware(void)
{
	if (!(rd(hba, HBA_CAP2) & CAP2_BOH))
		return;
	wr(hba, HBA_BOHC, rd(hba, HBA_BOHC) | BOHC_OOS);
	wait_for(hba, HBA_BOHC, BOHC_BOS, 0, 2000);
}

static int hba_reset(void)
{
	wr(hba, HBA_GHC, GHC_AE);
	take_from_firmware();
	wr(hba, HBA_GHC, GHC_AE | GHC_HR);
	if (!wait_for(hba, HBA_GHC, GHC_HR, 0, 1000))
		return -EIO;
	wr(hba, HBA_GHC, GHC_AE);
	return 0;
}

/* The port's command engine and FIS receive off (before its memory changes). */
static int port_stop(volatile uint8_t *p)
{
	wr(p, PX_CMD, rd(p, PX_CMD) & ~CMD_ST);
	if (!wait_for(p, PX_CMD, CMD_CR, 0, 500))
		return -EIO;
	wr(p, PX_CMD, rd(p, PX_CMD) & ~CMD_FRE);
	return wait_for(p, PX_CMD, CMD_FR, 0, 500) ? 0 : -EIO;
}

static int port_start(struct unit *u)
{
	volatile uint8_t *p = u->regs;

	wr(p, PX_SERR, 0xffffffffu);
	wr(p, PX_IS, 0xffffffffu);
	wr(p, PX_CMD, rd(p, PX_CMD) | CMD_FRE);
	if (!wait_for(p, PX_TFD, TFD_BSY | TFD_DRQ, 0, 1000))
		return -EIO;
	wr(p, PX_CMD, rd(p, PX_CMD) | CMD_ST);
	wr(p, PX_IE, IS_DHRS | IS_SDBS | IS_ERRORS);
	return 0;
}

/* A port that is not a unit (no disk, not ATA, IDENTIFY failed) silent:
 * no interrupt it raises would ever be cleared (hba_take_interrupts
 * clears the units' only), and its engine must not DMA into the memory
 * the next port is given. */
static void port_quiet(struct unit *u)
{
	volatile uint8_t *p = u->regs;

	wr(p, PX_IE, 0);
	port_stop(p);
	wr(p, PX_SERR, 0xffffffffu);
	wr(p, PX_IS, 0xffffffffu);
}

static void port_memory(struct unit *u)
{
	memset(u->mem, 0, 4096);
	wr(u->regs, PX_CLB, (uint32_t)u->phys);
	wr(u->regs, PX_CLBU, (uint32_t)(u->phys >> 32));
	wr(u->regs, PX_FB, (uint32_t)(u->phys + FIS_AT));
	wr(u->regs, PX_FBU, (uint32_t)((u->phys + FIS_AT) >> 32));
}

/* A disk on port i, up and idle: 0, else -errno (nothing there is -ENXIO). */
static int port_init(struct unit *u, unsigned i)
{
	long err;

	u->port = i;
	u->regs = hba + PORT_BASE(i);
	if (port_stop(u->regs))
		return -EIO;
	if (rd(hba, HBA_CAP) & CAP_SSS)
		wr(u->regs, PX_CMD, rd(u->regs, PX_CMD) | CMD_SUD | CMD_POD);
	if (!wait_for(u->regs, PX_SSTS, 0xf, SSTS_DET_PRESENT, 50))
		return -ENXIO;
	if (!u->mem) {
		u->mem = (uint8_t *)sys_dma_alloc(PORT_MEM, (long)&u->phys);
		if ((long)u->mem < 0) {
			err = (long)u->mem;
			u->mem = 0;
			return (int)err;
		}
	}
	port_memory(u);
	if ((err = port_start(u)))
		return (int)err;
	return rd(u->regs, PX_SIG) == SIG_ATA ? 0 : -ENXIO;
}

int hba_init(volatile uint8_t *abar, struct unit *units, unsigned max)
{
	unsigned n = 0;
	uint32_t pi;

	hba = abar;
	if (hba_reset())
		return -EIO;
	pi = rd(hba, HBA_PI);
	for (unsigned i = 0; i < AHCI_PORTS && n < max; i++) {
		if (!(pi & (1u << i)))
			continue;
		if (port_init(&units[n], i) == 0 && unit_identify(&units[n]) == 0)
			n++;
		else
			port_quiet(&units[n]);
	}
	return (int)n;
}

void hba_interrupts_on(void)
{
	wr(hba, HBA_IS, 0xffffffffu);
	wr(hba, HBA_GHC, GHC_AE | GHC_IE);
}

static void build_fis(uint8_t *fis, uint8_t cmd, uint64_t lba, uint32_t count)
{
	memset(fis, 0, 64);
	fis[0] = 0x27; /* register, host to device */
	fis[1] = 0x80; /* a command */
	fis[2] = cmd;
	fis[4] = (uint8_t)lba, fis[5] = (uint8_t)(lba >> 8), fis[6] = (uint8_t)(lba >> 16);
	fis[7] = 0x40; /* LBA addressing */
	fis[8] = (uint8_t)(lba >> 24), fis[9] = (uint8_t)(lba >> 32),
	fis[10] = (uint8_t)(lba >> 40);
	fis[12] = (uint8_t)count, fis[13] = (uint8_t)(count >> 8);
}

/* Slot 0 of u's port gets cmd over the port's data buffer (count sectors,
 * or 512 bytes for IDENTIFY, none for a flush), and the port is told. */
int port_issue(struct unit *u, uint8_t cmd, uint64_t lba, uint32_t count, int write)
{
	struct ahci_cmd_header *h = (struct ahci_cmd_header *)u->mem;
	struct ahci_cmd_table *t = (struct ahci_cmd_table *)(u->mem + TABLE_AT);
	uint64_t table = u->phys + TABLE_AT, data = u->phys + DATA_AT;
	uint32_t bytes = cmd == ATA_IDENTIFY ? 512 : count * u->sector_size;
	int prds = cmd == ATA_FLUSH_CACHE_EXT || cmd == ATA_FLUSH_CACHE ? 0 : 1;

	if (rd(u->regs, PX_CI) & 1)
		return -EBUSY;
	build_fis(t->cfis, cmd, lba, cmd == ATA_IDENTIFY ? 0 : count);
	t->prd[0] =
	    (struct ahci_prd){(uint32_t)data, (uint32_t)(data >> 32), 0, (bytes - 1) | (1u << 31)};
	h->flags = 5u | (write ? 1u << 6 : 0) | (uint32_t)prds << 16;
	h->prdbc = 0;
	h->ctba = (uint32_t)table, h->ctbau = (uint32_t)(table >> 32);
	__asm__ volatile("" ::: "memory"); /* the table is written before the port is told */
	wr(u->regs, PX_CI, 1);
	return 0;
}

/* 1 when slot 0's command has ended (*error 0 or -EIO), 0 while it runs. */
int port_done(struct unit *u, int64_t *error)
{
	uint32_t is = rd(u->regs, PX_IS);

	wr(u->regs, PX_IS, is);
	if (is & IS_ERRORS || rd(u->regs, PX_TFD) & TFD_ERR) {
		server_log("ahcid: port %u: the device failed a command (IS 0x%x, TFD 0x%x)\n",
			   u->port, is, rd(u->regs, PX_TFD));
		*error = -EIO;
		return 1;
	}
	*error = 0;
	return !(rd(u->regs, PX_CI) & 1);
}

/* After an error or a timeout: the port stopped, reset (COMRESET) and
 * started afresh, its slot empty. */
void port_recover(struct unit *u)
{
	volatile uint8_t *p = u->regs;

	port_stop(p);
	wr(p, PX_SCTL, (rd(p, PX_SCTL) & ~0xfu) | 1u); /* DET = 1: COMRESET */
	nap(2);
	wr(p, PX_SCTL, rd(p, PX_SCTL) & ~0xfu);
	wait_for(p, PX_SSTS, 0xf, SSTS_DET_PRESENT, 1000);
	port_memory(u);
	port_start(u);
}

uint32_t hba_take_interrupts(void)
{
	uint32_t is = rd(hba, HBA_IS);

	wr(hba, HBA_IS, is);
	return is;
}

/* The bytes of a string IDENTIFY gives (two characters a word, swapped),
 * as much as fits in size with its NUL, trailing spaces cut. */
static void ata_string(char *out, size_t size, const uint16_t *w, unsigned words)
{
	size_t n = 0;

	for (unsigned i = 0; i < 2 * words && n + 1 < size; i++)
		out[n++] = (char)(i % 2 ? w[i / 2] : w[i / 2] >> 8);
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = '\0';
}

static void parse_identify(struct unit *u, const uint16_t *w)
{
	int lba48 = w[83] & (1u << 10);

	u->sectors = lba48 ? (uint64_t)w[100] | (uint64_t)w[101] << 16 | (uint64_t)w[102] << 32 |
				 (uint64_t)w[103] << 48
			   : (uint64_t)w[60] | (uint64_t)w[61] << 16;
	u->sector_size = 512;
	if ((w[106] & 0xc000) == 0x4000 && w[106] & (1u << 12))
		u->sector_size = 2 * ((uint32_t)w[117] | (uint32_t)w[118] << 16);
	u->flush_ext = (w[83] & (1u << 13)) != 0;
	u->fua = (w[84] & (1u << 6)) && (w[87] & (1u << 6));
	u->volatile_cache = (w[82] & (1u << 5)) && (w[85] & (1u << 5));
	ata_string(u->model, sizeof u->model, w + 27, 20);
}

/* IDENTIFY DEVICE, polled (the driver is not serving yet): 0, or -EIO. */
int unit_identify(struct unit *u)
{
	int64_t err = 0;
	uint64_t end = driver_now_ms() + 1000;

	if (port_issue(u, ATA_IDENTIFY, 0, 0, 0))
		return -EIO;
	while (!port_done(u, &err)) {
		if (driver_now_ms() > end)
			return -EIO;
		cpu_pause();
	}
	if (err)
		return -EIO;
	parse_identify(u, (const uint16_t *)(u->mem + DATA_AT));
	return u->sectors && u->sector_size >= 512 && u->sector_size <= AHCI_XFER ? 0 : -EIO;
}

uint8_t *unit_data(struct unit *u)
{
	return u->mem + DATA_AT;
}
