/* SPDX-License-Identifier: BSD-2-Clause */
/* The BSD names of <limits.h>'s path limits. */
#pragma once

#include <limits.h>

#define MAXPATHLEN PATH_MAX
#define MAXNAMLEN NAME_MAX
