/* SPDX-License-Identifier: BSD-2-Clause */
/* The terminal's settings (OpenBSD's struct termios, abi/termios.h) and
 * the calls on them; the console is the one terminal (docs/tty.md). */
#pragma once

#include <abi/ioctl.h>
#include <abi/termios.h>
#include <sys/types.h>

/* tcsetattr's action TCSANOW, TCSADRAIN (after what was written is shown)
 * or TCSAFLUSH (and what was typed and not read is dropped). */
int tcgetattr(int fd, struct termios *t);
int tcsetattr(int fd, int action, const struct termios *t);
/* Raw: bytes as typed, one at a time, no echo and no signal characters. */
void cfmakeraw(struct termios *t);
/* The speeds are recorded, never applied: uartd's line runs at 115200. */
speed_t cfgetispeed(const struct termios *t);
speed_t cfgetospeed(const struct termios *t);
int cfsetispeed(struct termios *t, speed_t speed);
int cfsetospeed(struct termios *t, speed_t speed);
int cfsetspeed(struct termios *t, speed_t speed);
/* Wait until what was written to the terminal fd has been shown on every
 * console device: 0, or -1 with errno (ENOTTY for a file that is not the
 * console, EBADF). */
int tcdrain(int fd);
/* TCIFLUSH drops what was typed and not read; output in io's ring is
 * shown all the same (TCOFLUSH does nothing more). */
int tcflush(int fd, int queue);
/* The session of the terminal fd, which must be the caller's controlling
 * terminal (ENOTTY otherwise). */
pid_t tcgetsid(int fd);
