/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The terminal's calls: each is an ioctl on the console that io's line
 * discipline answers (docs/tty.md). The console is the only terminal.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#define FREAD 1
#define FWRITE 2
#define CONSOLE_NAME "/dev/console"

int tcgetattr(int fd, struct termios *t)
{
	return ioctl(fd, TIOCGETA, t);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	static const unsigned long requests[] = {
	    [TCSANOW] = TIOCSETA, [TCSADRAIN] = TIOCSETAW, [TCSAFLUSH] = TIOCSETAF};
	int what = action & ~TCSASOFT;

	if (what < TCSANOW || what > TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, requests[what], t);
}

/* As OpenBSD's: no input processing, no echo, no signals, no output
 * processing, 8-bit bytes, a read returns at the first byte. */
void cfmakeraw(struct termios *t)
{
	t->c_iflag &=
	    ~(tcflag_t)(IMAXBEL | IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

speed_t cfgetispeed(const struct termios *t)
{
	return (speed_t)t->c_ispeed;
}

speed_t cfgetospeed(const struct termios *t)
{
	return (speed_t)t->c_ospeed;
}

int cfsetispeed(struct termios *t, speed_t speed)
{
	t->c_ispeed = (int)speed;
	return 0;
}

int cfsetospeed(struct termios *t, speed_t speed)
{
	t->c_ospeed = (int)speed;
	return 0;
}

int cfsetspeed(struct termios *t, speed_t speed)
{
	t->c_ispeed = t->c_ospeed = (int)speed;
	return 0;
}

int tcflush(int fd, int queue)
{
	int which = queue == TCIFLUSH ? FREAD : queue == TCOFLUSH ? FWRITE : FREAD | FWRITE;

	if (queue != TCIFLUSH && queue != TCOFLUSH && queue != TCIOFLUSH) {
		errno = EINVAL;
		return -1;
	}
	return ioctl(fd, TIOCFLUSH, &which);
}

pid_t tcgetpgrp(int fd)
{
	int pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	int p = pgrp;

	return ioctl(fd, TIOCSPGRP, &p);
}

pid_t tcgetsid(int fd)
{
	int sid;

	return ioctl(fd, TIOCGSID, &sid) < 0 ? -1 : sid;
}

/* A real question to io: ENOTTY for a pipe or a file, EBADF for no fd. */
int isatty(int fd)
{
	struct termios t;

	return tcgetattr(fd, &t) == 0;
}

int ttyname_r(int fd, char *buf, size_t len)
{
	if (!isatty(fd))
		return errno;
	if (len < sizeof CONSOLE_NAME)
		return ERANGE;
	memcpy(buf, CONSOLE_NAME, sizeof CONSOLE_NAME);
	return 0;
}

char *ttyname(int fd)
{
	static char name[sizeof CONSOLE_NAME];
	int err = ttyname_r(fd, name, sizeof name);

	if (err) {
		errno = err;
		return 0;
	}
	return name;
}
