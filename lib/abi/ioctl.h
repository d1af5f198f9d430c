/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ioctl(2) requests, with OpenBSD's numbers and encoding (sys/ioccom.h,
 * sys/ttycom.h). io answers the terminal's for the console (docs/tty.md);
 * any other file is -ENOTTY.
 */
#pragma once

#include <abi/termios.h>

/* A request word: in/out direction, the argument's size, a group letter
 * and a number. */
#define IOCPARM_MASK 0x1fff
#define IOCPARM_LEN(x) (((x) >> 16) & IOCPARM_MASK)
#define IOC_VOID 0x20000000UL
#define IOC_OUT 0x40000000UL
#define IOC_IN 0x80000000UL
#define IOC_INOUT (IOC_IN | IOC_OUT)
#define _IOC(inout, group, num, len)                                                               \
	((unsigned long)(inout) | (((unsigned long)(len)&IOCPARM_MASK) << 16) |                    \
	 ((unsigned long)(group) << 8) | (unsigned long)(num))
#define _IO(g, n) _IOC(IOC_VOID, (g), (n), 0)
#define _IOR(g, n, t) _IOC(IOC_OUT, (g), (n), sizeof(t))
#define _IOW(g, n, t) _IOC(IOC_IN, (g), (n), sizeof(t))
#define _IOWR(g, n, t) _IOC(IOC_INOUT, (g), (n), sizeof(t))

/* A terminal's size. No serial terminal can be asked for its own: io says
 * 80x24 for COM1 until TIOCSWINSZ tells it better (docs/tty.md). */
struct winsize {
	unsigned short ws_row;
	unsigned short ws_col;
	unsigned short ws_xpixel;
	unsigned short ws_ypixel;
};

#define TIOCFLUSH _IOW('t', 16, int)		  /* flush: FREAD (1) and/or FWRITE (2) */
#define TIOCGETA _IOR('t', 19, struct termios)	  /* tcgetattr */
#define TIOCSETA _IOW('t', 20, struct termios)	  /* tcsetattr(TCSANOW) */
#define TIOCSETAW _IOW('t', 21, struct termios)	  /* TCSADRAIN: the change, then the drain */
#define TIOCSETAF _IOW('t', 22, struct termios)	  /* TCSAFLUSH: input dropped too */
#define TIOCGPGRP _IOR('t', 119, int)		  /* tcgetpgrp */
#define TIOCSPGRP _IOW('t', 118, int)		  /* tcsetpgrp */
#define TIOCGWINSZ _IOR('t', 104, struct winsize) /* the size in characters */
#define TIOCSWINSZ _IOW('t', 103, struct winsize) /* tell it (SIGWINCH to the foreground) */
#define TIOCGSID _IOR('t', 99, int)		  /* tcgetsid */
#define TIOCSCTTY _IO('t', 97)			  /* a session leader takes it */
#define TIOCDRAIN _IO('t', 94)			  /* tcdrain: what was written is shown */

_Static_assert(TIOCGETA == 0x402c7413UL, "OpenBSD's TIOCGETA");
_Static_assert(TIOCSETAF == 0x802c7416UL, "OpenBSD's TIOCSETAF");
_Static_assert(TIOCGWINSZ == 0x40087468UL, "OpenBSD's TIOCGWINSZ");
_Static_assert(TIOCSPGRP == 0x80047476UL, "OpenBSD's TIOCSPGRP");
_Static_assert(TIOCDRAIN == 0x2000745eUL, "OpenBSD's TIOCDRAIN");
