/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The terminal's settings, with OpenBSD's layout and values
 * (sys/termios.h, sys/ttydefaults.h): what tcgetattr and tcsetattr move
 * (ioctl TIOCGETA, TIOCSETA..., abi/ioctl.h). io's line discipline in
 * front of the console obeys them (docs/tty.md says which flags do what).
 */
#pragma once

typedef unsigned int tcflag_t;
typedef unsigned char cc_t;
typedef unsigned int speed_t;

/* c_cc indexes */
#define VEOF 0
#define VEOL 1
#define VEOL2 2
#define VERASE 3
#define VWERASE 4
#define VKILL 5
#define VREPRINT 6
/* OpenBSD's spare slot 7 is a second erase character, as FreeBSD's
 * VERASE2 in the same slot: ^H beside DEL, so both Backspace keys erase. */
#define VERASE2 7
#define VINTR 8
#define VQUIT 9
#define VSUSP 10
#define VDSUSP 11
#define VSTART 12
#define VSTOP 13
#define VLNEXT 14
#define VDISCARD 15
#define VMIN 16
#define VTIME 17
#define VSTATUS 18
#define NCCS 20

#define _POSIX_VDISABLE 0377

/* c_iflag */
#define IGNBRK 0x00000001
#define BRKINT 0x00000002
#define IGNPAR 0x00000004
#define PARMRK 0x00000008
#define INPCK 0x00000010
#define ISTRIP 0x00000020
#define INLCR 0x00000040
#define IGNCR 0x00000080
#define ICRNL 0x00000100
#define IXON 0x00000200
#define IXOFF 0x00000400
#define IXANY 0x00000800
#define IUCLC 0x00001000
#define IMAXBEL 0x00002000

/* c_oflag */
#define OPOST 0x00000001
#define ONLCR 0x00000002
#define OXTABS 0x00000004
#define ONOEOT 0x00000008
#define OCRNL 0x00000010
#define OLCUC 0x00000020
#define ONOCR 0x00000040
#define ONLRET 0x00000080

/* c_cflag */
#define CIGNORE 0x00000001
#define CSIZE 0x00000300
#define CS5 0x00000000
#define CS6 0x00000100
#define CS7 0x00000200
#define CS8 0x00000300
#define CSTOPB 0x00000400
#define CREAD 0x00000800
#define PARENB 0x00001000
#define PARODD 0x00002000
#define HUPCL 0x00004000
#define CLOCAL 0x00008000
#define CRTSCTS 0x00010000
#define MDMBUF 0x00100000

/* c_lflag */
#define ECHOKE 0x00000001
#define ECHOE 0x00000002
#define ECHOK 0x00000004
#define ECHO 0x00000008
#define ECHONL 0x00000010
#define ECHOPRT 0x00000020
#define ECHOCTL 0x00000040
#define ISIG 0x00000080
#define ICANON 0x00000100
#define ALTWERASE 0x00000200
#define IEXTEN 0x00000400
#define EXTPROC 0x00000800
#define TOSTOP 0x00400000
#define FLUSHO 0x00800000
#define XCASE 0x01000000
#define NOKERNINFO 0x02000000
#define PENDIN 0x20000000
#define NOFLSH 0x80000000

struct termios {
	tcflag_t c_iflag;
	tcflag_t c_oflag;
	tcflag_t c_cflag;
	tcflag_t c_lflag;
	cc_t c_cc[NCCS];
	int c_ispeed;
	int c_ospeed;
};

_Static_assert(sizeof(struct termios) == 44, "OpenBSD's struct termios is 44 bytes");
_Static_assert(__builtin_offsetof(struct termios, c_ispeed) == 36, "c_ispeed follows c_cc");

/* tcsetattr's actions */
#define TCSANOW 0
#define TCSADRAIN 1
#define TCSAFLUSH 2
#define TCSASOFT 0x10

/* tcflush's queues, tcflow's actions */
#define TCIFLUSH 1
#define TCOFLUSH 2
#define TCIOFLUSH 3
#define TCOOFF 1
#define TCOON 2
#define TCIOFF 3
#define TCION 4

/* Speeds are the rates themselves. */
#define B0 0
#define B50 50
#define B75 75
#define B110 110
#define B134 134
#define B150 150
#define B200 200
#define B300 300
#define B600 600
#define B1200 1200
#define B1800 1800
#define B2400 2400
#define B4800 4800
#define B7200 7200
#define B9600 9600
#define B14400 14400
#define B19200 19200
#define B28800 28800
#define B38400 38400
#define B57600 57600
#define B76800 76800
#define B115200 115200
#define B230400 230400

/* The settings a terminal starts with (sys/ttydefaults.h). IXON and IXANY
 * are left out: io does no output flow control (docs/tty.md). */
#define CTRL(c) ((c)&037)
#define TTYDEF_IFLAG (BRKINT | ICRNL | IMAXBEL)
#define TTYDEF_OFLAG (OPOST | ONLCR)
#define TTYDEF_LFLAG (ECHO | ICANON | ISIG | IEXTEN | ECHOE | ECHOKE | ECHOCTL)
#define TTYDEF_CFLAG (CREAD | CS8 | HUPCL)
#define TTYDEF_SPEED B115200 /* uartd's rate */
#define CEOF CTRL('d')
#define CEOL _POSIX_VDISABLE
#define CERASE 0177
#define CERASE2 CTRL('h')
#define CINTR CTRL('c')
#define CSTATUS CTRL('t')
#define CKILL CTRL('u')
#define CMIN 1
#define CQUIT 034 /* ^\ */
#define CSUSP CTRL('z')
#define CTIME 0
#define CDSUSP CTRL('y')
#define CSTART CTRL('q')
#define CSTOP CTRL('s')
#define CLNEXT CTRL('v')
#define CDISCARD CTRL('o')
#define CWERASE CTRL('w')
#define CREPRINT CTRL('r')
