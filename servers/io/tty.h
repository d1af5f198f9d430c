/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The terminal in front of the console (docs/tty.md), in three parts that
 * each own their state:
 *
 *   tty.c      the line discipline: the settings (struct termios), the
 *              input queue, editing, echo and the signal characters;
 *   console.c  the readers of fd 0 waiting on it: canonical lines, VMIN
 *              and VTIME (io's alarm), interrupted reads;
 *   tty_ctl.c  the session, the foreground process group, the window
 *              size, job control, and the ioctls.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include <abi/termios.h>

/* tty.c */
const struct termios *tty_settings(void);
/* New settings (TIOCSETA): a line being edited stays; turning ICANON on
 * makes the lines already typed canonical ones. */
void tty_set(const struct termios *t);
void tty_flush_input(void);
/* What a driver says was typed: each byte through the discipline; the
 * bytes taken (a full queue drops the rest, as a terminal's does). */
size_t tty_input(const char *bytes, size_t n);
/* Canonical mode: whole lines waiting (an end of file counts as one). */
unsigned tty_lines(void);
/* Non-canonical mode: bytes a read may take. */
unsigned tty_avail(void);
/* Up to max bytes for a read, as the mode says: a canonical read ends at
 * its line's end (0 for an end of file at a line's start). */
size_t tty_take(char *dst, size_t max);
/* What programs write, so erasing a tab knows its width. */
void tty_note_output(const char *s, size_t n);

/* console.c */
/* Answer the readers that can be answered now (after input, a flush or
 * new settings); typed: bytes arrived (VTIME's timer between bytes). */
void io_console_wake(int typed);
/* The readers whose group is no longer allowed to read (a new
 * foreground) hear it now. */
void io_console_recheck(void);
/* BC_NOTICE_INTERRUPT, BC_NOTICE_ALARM */
void io_console_interrupt(uint32_t pid);
void io_console_alarm(void);

/* tty_ctl.c */
/* Whether pid may read the terminal now: 0, -EIO, or -ERESTART once its
 * background group was sent SIGTTIN. */
int64_t tty_may_read(uint32_t pid);
int64_t tty_may_write(uint32_t pid);
/* A signal character: sig to the foreground process group. */
void tty_signal(int sig);
int64_t tty_ioctl(uint32_t pid, uint64_t request, uint64_t arg);
/* pid ended: a session leader's terminal is free again. */
void tty_ctl_forget(uint32_t pid);
