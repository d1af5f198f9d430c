/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <abi/errno.h>

extern int errno;
