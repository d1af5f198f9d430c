/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * pci_test claim|msi|msix|storm: the PCI tests (docs/pci.md), one program so
 * that /test holds one entry for them. Each drives the two pci_drv boot
 * servers (A and B) from a process that holds no right of its own.
 */
#include "check.h"
#include "pci_claim_cases.h"
#include "pci_msi_cases.h"
#include "pci_msix_cases.h"
#include "pci_storm_cases.h"

#include <string.h>

int main(int argc, char **argv)
{
	const char *which = argc > 1 ? argv[1] : "";

	check_start("pci_test");
	if (!strcmp(which, "claim"))
		claim_cases();
	else if (!strcmp(which, "msi"))
		msi_cases();
	else if (!strcmp(which, "msix"))
		msix_cases();
	else if (!strcmp(which, "storm"))
		storm_cases();
	else {
		printf("pci_test: say claim, msi, msix or storm\n");
		return 2;
	}
	return check_finish();
}
