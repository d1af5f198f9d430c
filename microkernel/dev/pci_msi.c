/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Message-signalled interrupts (docs/pci.md). A bound vector is a message
 * to the boot CPU's LAPIC, fixed delivery, edge, with the vector
 * bc/irq.c gave its irq; bc/irq.c masks it from the interrupt until the
 * driver acknowledges. MSI-X masks an entry in the device's table; MSI
 * masks only when the function offers per-vector masking, and otherwise
 * bc/irq.c coalesces what arrives in between into one owed notice.
 * INTx (DEV_IRQ_LEGACY) is pci_intx.c's, and only where the firmware
 * routed it to an ISA IRQ.
 */
#include <dev/pci.h>

#include <abi/device.h>
#include <abi/errno.h>
#include <abi/irq.h>
#include <arch/x86_64/idt.h>
#include <arch/x86_64/lapic.h>
#include <bc/irq.h>
#include <dev/pci_fn.h>

#define MSI_CONTROL 2
#define MSI_ENABLE 0x1
#define MSI_MULTIPLE_ENABLE 0x70 /* log2 of vectors granted: 0, one vector */
#define MSI_64BIT 0x80
#define MSI_PER_VECTOR_MASK 0x100
#define MSI_ADDRESS 4
#define MSIX_CONTROL 2
#define MSIX_FUNCTION_MASK 0x4000
#define MSIX_ENABLE 0x8000
#define MSIX_CAP_LENGTH 12
#define MSIX_ENTRY_WORDS 4 /* address low, high, data, vector control */
#define MSIX_VECTOR_MASKED 0x1
#define LAPIC_MESSAGE_BASE 0xfee00000u
#define LAPIC_ID_SHIFT 12

enum source_kind { SOURCE_NONE, SOURCE_MSI, SOURCE_MSIX };

struct source {
	uint8_t kind;
	uint8_t index;	/* device */
	uint16_t entry; /* MSI-X table entry */
};

static struct source sources[IRQ_MSI_COUNT]; /* by irq - IRQ_MSI_BASE */

static unsigned msi_control(const struct pci_fn *f)
{
	return pci_fn_read(f, f->msi_cap + MSI_CONTROL, 2);
}

/* Data follows the address, 32 or 64 bits of it; the mask the data. */
static unsigned msi_data(const struct pci_fn *f)
{
	return f->msi_cap + (msi_control(f) & MSI_64BIT ? 12 : 8);
}

static unsigned msi_mask_reg(const struct pci_fn *f)
{
	return msi_data(f) + 4;
}

unsigned pci_msi_cap_length(const struct pci_fn *f, unsigned cap)
{
	if (cap == f->msix_cap)
		return MSIX_CAP_LENGTH;
	/* Up to the data (2 bytes); with masking, 2 reserved, mask, pending. */
	return msi_data(f) - cap + (msi_control(f) & MSI_PER_VECTOR_MASK ? 12 : 2);
}

static void set_control(const struct pci_fn *f, unsigned cap, unsigned clear, unsigned set)
{
	unsigned c = pci_fn_read(f, cap + MSI_CONTROL, 2);

	pci_fn_write(f, cap + MSI_CONTROL, 2, (c & ~clear) | set);
}

void pci_msi_disable(const struct pci_fn *f)
{
	if (f->msi_cap)
		set_control(f, f->msi_cap, MSI_ENABLE, 0);
	if (f->msix_cap)
		set_control(f, f->msix_cap, MSIX_ENABLE, 0);
}

static void set_command(const struct pci_fn *f, unsigned bits)
{
	pci_fn_write(f, PCI_COMMAND, 2, pci_fn_read(f, PCI_COMMAND, 2) | bits);
}

static uint32_t message_address(void)
{
	return LAPIC_MESSAGE_BASE | lapic_id() << LAPIC_ID_SHIFT;
}

static uint32_t message_data(unsigned irq)
{
	return VECTOR_IRQ_BASE + irq; /* fixed delivery, edge */
}

static int64_t take_vector(struct proc *p, unsigned index, unsigned entry, uint8_t kind)
{
	int64_t irq;

	for (unsigned i = 0; i < IRQ_MSI_COUNT; i++)
		if (sources[i].kind == kind && sources[i].index == index &&
		    sources[i].entry == entry)
			return -EBUSY;
	irq = irq_msi_alloc(p);
	if (irq >= 0)
		sources[irq - IRQ_MSI_BASE] =
		    (struct source){kind, (uint8_t)index, (uint16_t)entry};
	return irq;
}

static volatile uint32_t *msix_entry(const struct pci_fn *f, unsigned entry)
{
	return f->msix_table + entry * MSIX_ENTRY_WORDS;
}

/* Enabling under the function mask, every entry masked, so no entry a
 * driver did not bind fires with what the table held before. */
static void msix_enable(struct pci_fn *f)
{
	if (pci_fn_read(f, f->msix_cap + MSIX_CONTROL, 2) & MSIX_ENABLE)
		return;
	set_control(f, f->msix_cap, 0, MSIX_ENABLE | MSIX_FUNCTION_MASK);
	for (unsigned e = 0; e < f->msix_entries; e++)
		msix_entry(f, e)[3] |= MSIX_VECTOR_MASKED;
	set_control(f, f->msix_cap, MSIX_FUNCTION_MASK, 0);
}

/* The table is in a BAR: memory decoding must be on for it to be reached. */
static int64_t bind_msix(struct proc *p, unsigned index, struct pci_fn *f, unsigned entry)
{
	int64_t irq;
	volatile uint32_t *e;

	if (entry >= f->msix_entries)
		return -ENXIO;
	if ((irq = take_vector(p, index, entry, SOURCE_MSIX)) < 0)
		return irq;
	set_command(f, PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE);
	msix_enable(f);
	e = msix_entry(f, entry);
	e[0] = message_address();
	e[1] = 0;
	e[2] = message_data((unsigned)irq);
	e[3] &= ~MSIX_VECTOR_MASKED;
	return irq;
}

/* One vector (multiple-message enable 0); the message is a memory write
 * by the device, so bus mastering must be on. */
static int64_t bind_msi(struct proc *p, unsigned index, struct pci_fn *f)
{
	unsigned control = msi_control(f);
	int64_t irq = take_vector(p, index, 0, SOURCE_MSI);

	if (irq < 0)
		return irq;
	set_command(f, PCI_COMMAND_MASTER | PCI_COMMAND_INTX_DISABLE);
	pci_fn_write(f, f->msi_cap + MSI_ADDRESS, 4, message_address());
	if (control & MSI_64BIT)
		pci_fn_write(f, f->msi_cap + MSI_ADDRESS + 4, 4, 0);
	pci_fn_write(f, msi_data(f), 2, message_data((unsigned)irq));
	if (control & MSI_PER_VECTOR_MASK)
		pci_fn_write(f, msi_mask_reg(f), 4, 0xfffffffeu);
	set_control(f, f->msi_cap, MSI_MULTIPLE_ENABLE, MSI_ENABLE);
	return irq;
}

int64_t pci_bind_irq(struct proc *p, unsigned index, uint64_t which)
{
	struct pci_fn *f = pci_fn(index);

	if (f && which == DEV_IRQ_LEGACY)
		return pci_bind_intx(p, f);
	if (!f || which & DEV_IRQ_LEGACY)
		return -ENXIO;
	if (f->msix_entries)
		return which < f->msix_entries ? bind_msix(p, index, f, (unsigned)which) : -ENXIO;
	if (f->msi_cap && which == 0)
		return bind_msi(p, index, f);
	return -ENXIO;
}

static struct source *source_of(unsigned irq)
{
	return &sources[irq - IRQ_MSI_BASE];
}

void pci_msi_mask(unsigned irq, int masked)
{
	const struct source *s = source_of(irq);
	struct pci_fn *f = pci_fn(s->index);
	uint32_t bit;

	if (s->kind == SOURCE_MSIX) {
		volatile uint32_t *e = msix_entry(f, s->entry);
		e[3] = masked ? e[3] | MSIX_VECTOR_MASKED : e[3] & ~MSIX_VECTOR_MASKED;
	} else if (s->kind == SOURCE_MSI && msi_control(f) & MSI_PER_VECTOR_MASK) {
		bit = pci_fn_read(f, msi_mask_reg(f), 4);
		pci_fn_write(f, msi_mask_reg(f), 4, masked ? bit | 1 : bit & ~1u);
	}
}

static int msix_in_use(unsigned index)
{
	for (unsigned i = 0; i < IRQ_MSI_COUNT; i++)
		if (sources[i].kind == SOURCE_MSIX && sources[i].index == index)
			return 1;
	return 0;
}

void pci_msi_release(unsigned irq)
{
	struct source *s = source_of(irq);
	struct pci_fn *f = pci_fn(s->index);
	uint8_t kind = s->kind;

	pci_msi_mask(irq, 1);
	s->kind = SOURCE_NONE;
	if (kind == SOURCE_MSI)
		set_control(f, f->msi_cap, MSI_ENABLE, 0);
	else if (kind == SOURCE_MSIX && !msix_in_use(s->index))
		set_control(f, f->msix_cap, MSIX_ENABLE, 0);
}
