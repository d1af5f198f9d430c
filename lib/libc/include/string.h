/* SPDX-License-Identifier: BSD-2-Clause */
#pragma once

#include <string/string.h>

char *strerror(int err);
