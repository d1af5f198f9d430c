/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX basename and dirname: they may write into path (trailing slashes
 * are cut in place) and return path, a pointer into it, or a static "." or
 * "/".
 */
#pragma once

char *basename(char *path);
char *dirname(char *path);
