/* SPDX-License-Identifier: BSD-2-Clause */
#include "loader.h"

static EFI_FILE_HANDLE open_root(EFI_HANDLE image)
{
	EFI_LOADED_IMAGE *li = NULL;

	if (EFI_ERROR(uefi_call_wrapper(BS->HandleProtocol, 3, image, &LoadedImageProtocol,
					(void **)&li)))
		return NULL;
	return LibOpenRoot(li->DeviceHandle);
}

static UINTN pages_for(UINTN size)
{
	return (size ? size + EFI_PAGE_SIZE - 1 : EFI_PAGE_SIZE) / EFI_PAGE_SIZE;
}

void file_release(struct loaded_file *f)
{
	uefi_call_wrapper(BS->FreePages, 2, (EFI_PHYSICAL_ADDRESS)(UINTN)f->data,
			  pages_for(f->size));
	f->data = NULL;
}

static EFI_STATUS read_all(EFI_FILE_HANDLE fh, UINTN max, UINT32 type, struct loaded_file *out)
{
	EFI_FILE_INFO *info = LibFileInfo(fh);
	EFI_PHYSICAL_ADDRESS pa;
	EFI_STATUS st;

	if (!info)
		return EFI_DEVICE_ERROR;
	out->size = info->FileSize;
	FreePool(info);
	if (out->size > max)
		return EFI_BAD_BUFFER_SIZE;
	/* Whole pages: aligned for the ELF validator, typed for the kernel. */
	st = uefi_call_wrapper(BS->AllocatePages, 4, AllocateAnyPages, (EFI_MEMORY_TYPE)type,
			       pages_for(out->size), &pa);
	if (EFI_ERROR(st))
		return st;
	out->data = (void *)(UINTN)pa;
	UINTN got = out->size;
	st = uefi_call_wrapper(fh->Read, 3, fh, &got, out->data);
	if (!EFI_ERROR(st) && got != out->size)
		st = EFI_END_OF_FILE;
	if (EFI_ERROR(st))
		file_release(out);
	return st;
}

EFI_STATUS file_read(EFI_HANDLE image, const CHAR16 *path, UINTN max, UINT32 memory_type,
		     struct loaded_file *out)
{
	EFI_FILE_HANDLE root = open_root(image), fh;
	EFI_STATUS st;

	if (!root)
		return EFI_NO_MEDIA;
	st = uefi_call_wrapper(root->Open, 5, root, &fh, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (!EFI_ERROR(st)) {
		st = read_all(fh, max, memory_type, out);
		uefi_call_wrapper(fh->Close, 1, fh);
	}
	uefi_call_wrapper(root->Close, 1, root);
	return st;
}
