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

static EFI_STATUS read_all(EFI_FILE_HANDLE fh, UINTN max, struct loaded_file *out)
{
	EFI_FILE_INFO *info = LibFileInfo(fh);
	EFI_STATUS st;

	if (!info)
		return EFI_DEVICE_ERROR;
	out->size = info->FileSize;
	FreePool(info);
	if (out->size > max)
		return EFI_BAD_BUFFER_SIZE;
	/* Pool memory is 8-byte aligned, which the ELF validator relies on. */
	out->data = AllocatePool(out->size ? out->size : 1);
	if (!out->data)
		return EFI_OUT_OF_RESOURCES;
	UINTN got = out->size;
	st = uefi_call_wrapper(fh->Read, 3, fh, &got, out->data);
	if (!EFI_ERROR(st) && got != out->size)
		st = EFI_END_OF_FILE;
	if (EFI_ERROR(st))
		FreePool(out->data);
	return st;
}

EFI_STATUS file_read(EFI_HANDLE image, const CHAR16 *path, UINTN max, struct loaded_file *out)
{
	EFI_FILE_HANDLE root = open_root(image), fh;
	EFI_STATUS st;

	if (!root)
		return EFI_NO_MEDIA;
	st = uefi_call_wrapper(root->Open, 5, root, &fh, (CHAR16 *)path, EFI_FILE_MODE_READ, 0);
	if (!EFI_ERROR(st)) {
		st = read_all(fh, max, out);
		uefi_call_wrapper(fh->Close, 1, fh);
	}
	uefi_call_wrapper(root->Close, 1, root);
	return st;
}
