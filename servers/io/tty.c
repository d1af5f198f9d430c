/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The line discipline (docs/tty.md): every byte a console driver says was
 * typed passes here before any reader sees it, so the serial line, the
 * PS/2 and the USB keyboards behave alike.
 *
 * Input waits in one queue. In canonical mode its tail after the last
 * line's end is the line being edited (erase, kill, word erase act on it);
 * each byte carries a mark saying whether it ends a line and whether it is
 * an end of file (^D: ends the line, never delivered). Echo goes out
 * through io's output ring like written bytes.
 */
#include "io.h"
#include "tty.h"

#include <abi/signal.h>

#define QUEUE 4096
#define ECHO_BUF 256
#define TAB 8

#define Q_END 1 /* ends a canonical line */
#define Q_EOF 2 /* the end-of-file character: ends its line, never read */

static struct termios tio = {
    .c_iflag = TTYDEF_IFLAG,
    .c_oflag = TTYDEF_OFLAG,
    .c_cflag = TTYDEF_CFLAG,
    .c_lflag = TTYDEF_LFLAG,
    .c_cc = {[VEOF] = CEOF,	  [VEOL] = CEOL,   [VEOL2] = CEOL,	  [VERASE] = CERASE,
	     [VWERASE] = CWERASE, [VKILL] = CKILL, [VREPRINT] = CREPRINT, [VERASE2] = CERASE2,
	     [VINTR] = CINTR,	  [VQUIT] = CQUIT, [VSUSP] = CSUSP,	  [VDSUSP] = CDSUSP,
	     [VSTART] = CSTART,	  [VSTOP] = CSTOP, [VLNEXT] = CLNEXT,	  [VDISCARD] = CDISCARD,
	     [VMIN] = CMIN,	  [VTIME] = CTIME, [VSTATUS] = CSTATUS,	  [19] = _POSIX_VDISABLE},
    .c_ispeed = TTYDEF_SPEED,
    .c_ospeed = TTYDEF_SPEED,
};

static unsigned char queue[QUEUE];
static uint8_t mark[QUEUE];
static unsigned head, used;  /* the queue: bytes from head */
static unsigned done;	     /* of them, in whole lines (canonical mode) */
static unsigned lines;	     /* whole lines */
static int literal;	     /* VLNEXT typed: the next byte means itself */
static unsigned column;	     /* the output's, as far as io can tell */
static unsigned line_column; /* where the line being edited began */
static char echo_buf[ECHO_BUF];
static unsigned echo_used;

const struct termios *tty_settings(void)
{
	return &tio;
}

static unsigned at(unsigned i)
{
	return (head + i) % QUEUE;
}

static int canonical(void)
{
	return (tio.c_lflag & ICANON) != 0;
}

/* c is the character of slot v (a disabled slot matches nothing). */
static int is(unsigned char c, int v)
{
	return tio.c_cc[v] != _POSIX_VDISABLE && c == tio.c_cc[v];
}

static unsigned column_after(unsigned col, unsigned char c)
{
	if (c == '\n' || c == '\r')
		return 0;
	if (c == '\b')
		return col ? col - 1 : 0;
	if (c == '\t')
		return (col / TAB + 1) * TAB;
	/* control bytes move nothing; a UTF-8 continuation byte is part of
	 * the character before it */
	return c < ' ' || c == 0x7f || (c & 0xc0) == 0x80 ? col : col + 1;
}

void tty_note_output(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		column = column_after(column, (unsigned char)s[i]);
}

static void echo_flush(void)
{
	if (echo_used)
		io_console_echo(echo_buf, echo_used);
	echo_used = 0;
}

static void echo_bytes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (echo_used == ECHO_BUF)
			echo_flush();
		echo_buf[echo_used++] = s[i];
		column = column_after(column, (unsigned char)s[i]);
	}
}

static int shown_as_caret(unsigned char c)
{
	return (tio.c_lflag & ECHOCTL) && ((c < ' ' && c != '\t' && c != '\n') || c == 0x7f);
}

/* c as the terminal shows it: a control character as ^X with ECHOCTL. */
static void echo_char(unsigned char c)
{
	char caret[2] = {'^', c == 0x7f ? '?' : (char)(c + '@')};

	if (!(tio.c_lflag & ECHO))
		return;
	if (shown_as_caret(c))
		echo_bytes(caret, 2);
	else
		echo_bytes((const char *)&c, 1);
}

/* The columns the edit line's bytes [done, upto) take on the screen. */
static unsigned line_width(unsigned upto)
{
	unsigned col = line_column;

	for (unsigned i = done; i < upto; i++) {
		unsigned char c = queue[at(i)];
		col = shown_as_caret(c) ? col + 2 : column_after(col, c);
	}
	return col;
}

/* The last byte of the edit line gone from the screen. */
static void rub_out(unsigned char c)
{
	unsigned width = 1;

	if (!(tio.c_lflag & ECHO))
		return;
	if (!(tio.c_lflag & ECHOE)) {
		echo_char(tio.c_cc[VERASE]);
		return;
	}
	if (c == '\t') {
		unsigned before = line_width(used);
		width = column > before ? column - before : 0;
		width = width > TAB ? TAB : width;
	} else if (shown_as_caret(c)) {
		width = 2;
	} else if (c < ' ' || (c & 0xc0) == 0x80) {
		width = 0; /* it moved nothing, or its character is rubbed out whole */
	}
	while (width--)
		echo_bytes("\b \b", 3);
}

/* Erase one character of the edit line: 0 when it is empty. A UTF-8
 * character goes whole. */
static int erase_char(void)
{
	unsigned char c;

	if (used == done)
		return 0;
	do {
		c = queue[at(--used)];
	} while ((c & 0xc0) == 0x80 && used > done);
	rub_out(c);
	return 1;
}

static int blank(unsigned char c)
{
	return c == ' ' || c == '\t';
}

/* ^W: the blanks before the cursor, then the word before them. */
static void erase_word(void)
{
	while (used > done && blank(queue[at(used - 1)]))
		erase_char();
	while (used > done && !blank(queue[at(used - 1)]))
		erase_char();
}

/* ^U: the whole line; wiped off the screen with ECHOKE, else the kill
 * character and, with ECHOK, a new line. */
static void kill_line(unsigned char c)
{
	if ((tio.c_lflag & (ECHOKE | ECHOE)) == (ECHOKE | ECHOE)) {
		while (erase_char())
			;
		return;
	}
	echo_char(c);
	if (tio.c_lflag & (ECHOK | ECHOKE))
		echo_char('\n');
	used = done;
}

/* ^R: the line typed so far, again on a line of its own. */
static void reprint(unsigned char c)
{
	echo_char(c);
	echo_char('\n');
	line_column = column;
	for (unsigned i = done; i < used; i++)
		echo_char(queue[at(i)]);
}

/* Into the queue: 0 when it is full. A canonical line always keeps room
 * for its end, so it can be finished. */
static int put(unsigned char c, uint8_t m)
{
	if (used == QUEUE || (canonical() && !(m & Q_END) && used == QUEUE - 1)) {
		if (tio.c_iflag & IMAXBEL)
			echo_bytes("\a", 1);
		return 0;
	}
	if (used == done)
		line_column = column;
	queue[at(used)] = c;
	mark[at(used)] = m;
	used++;
	if (canonical() && (m & Q_END))
		done = used, lines++;
	return 1;
}

static int ends_line(unsigned char c)
{
	return c == '\n' || is(c, VEOL) || is(c, VEOL2);
}

/* The editing characters of canonical mode: 1 if c was one. */
static int edit(unsigned char c)
{
	if (is(c, VERASE) || is(c, VERASE2))
		erase_char();
	else if (is(c, VKILL))
		kill_line(c);
	else if (is(c, VWERASE))
		erase_word();
	else if (is(c, VREPRINT))
		reprint(c);
	else if (is(c, VEOF))
		put(c, Q_END | Q_EOF); /* not echoed */
	else if (ends_line(c)) {
		put(c, Q_END);
		if (tio.c_lflag & ECHO)
			echo_char(c);
		else if ((tio.c_lflag & ECHONL) && c == '\n')
			echo_bytes("\n", 1);
	} else
		return 0;
	return 1;
}

/* INTR, QUIT and SUSP: the queue is flushed (unless NOFLSH) and the
 * foreground process group gets the signal. 1 if c was one. */
static int signal_char(unsigned char c)
{
	int sig = is(c, VINTR) ? SIGINT : is(c, VQUIT) ? SIGQUIT : is(c, VSUSP) ? SIGTSTP : 0;

	if (!sig)
		return 0;
	if (!(tio.c_lflag & NOFLSH))
		tty_flush_input();
	echo_char(c);
	tty_signal(sig);
	return 1;
}

/* One typed byte; 0 if the full queue dropped it. */
static int input_byte(unsigned char c)
{
	if (tio.c_iflag & ISTRIP)
		c &= 0x7f;
	if (literal) {
		literal = 0;
		if (tio.c_lflag & ECHO)
			echo_bytes("\b", 1); /* over the ^ shown for LNEXT */
		echo_char(c);
		return put(c, 0);
	}
	if ((tio.c_lflag & IEXTEN) && is(c, VLNEXT)) {
		literal = 1;
		if (tio.c_lflag & ECHO)
			echo_bytes("^", 1);
		return 1;
	}
	if (c == '\r' && (tio.c_iflag & IGNCR))
		return 1;
	if (c == '\r' && (tio.c_iflag & ICRNL))
		c = '\n';
	else if (c == '\n' && (tio.c_iflag & INLCR))
		c = '\r';
	if ((tio.c_lflag & ISIG) && signal_char(c))
		return 1;
	if (canonical() && edit(c))
		return 1;
	if (!put(c, 0))
		return 0;
	echo_char(c);
	return 1;
}

size_t tty_input(const char *bytes, size_t n)
{
	size_t kept = 0;

	for (size_t i = 0; i < n; i++)
		kept += (size_t)input_byte((unsigned char)bytes[i]);
	echo_flush();
	io_console_wake(1);
	return kept;
}

void tty_flush_input(void)
{
	head = used = done = lines = 0;
	literal = 0;
}

/* Canonical mode on: what was typed raw becomes lines, ended where a line
 * end would have ended them. */
static void mark_lines(void)
{
	done = lines = 0;
	for (unsigned i = 0; i < used; i++) {
		if (ends_line(queue[at(i)]))
			mark[at(i)] |= Q_END;
		if (mark[at(i)] & Q_END)
			done = i + 1, lines++;
	}
}

void tty_set(const struct termios *t)
{
	int was_canonical = canonical();

	tio = *t;
	if (canonical() && !was_canonical)
		mark_lines();
	io_console_wake(0);
}

unsigned tty_lines(void)
{
	return lines;
}

unsigned tty_avail(void)
{
	return used;
}

static unsigned char take_byte(uint8_t *m)
{
	unsigned char c = queue[head];

	*m = mark[head];
	head = (head + 1) % QUEUE;
	used--;
	if (done)
		done--;
	return c;
}

/* A raw read took bytes of lines typed in canonical mode: count what is left. */
static void recount_lines(void)
{
	lines = 0;
	for (unsigned i = 0; i < done; i++)
		lines += (mark[at(i)] & Q_END) != 0;
}

size_t tty_take(char *dst, size_t max)
{
	size_t n = 0;
	uint8_t m;

	if (!canonical()) {
		for (; n < max && used; n++)
			dst[n] = (char)take_byte(&m);
		recount_lines();
		return n;
	}
	while (n < max && lines) {
		unsigned char c = take_byte(&m);
		if (m & Q_END) {
			lines--;
			if (!(m & Q_EOF))
				dst[n++] = (char)c;
			break;
		}
		dst[n++] = (char)c;
	}
	return n;
}
