/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The FILE stream, shared by the stdio sources. One buffer serves both
 * directions: while reading it holds read-ahead (buf[pos, len) not yet
 * taken), while writing the output not yet written (buf[0, len)), and an
 * update stream switches between the two (a seek or flush in between, as C
 * asks, or implicitly). Pushed-back bytes sit apart, so ungetc never needs
 * room in the buffer.
 */
#pragma once

#include <stdio.h>

#define UNGET_MAX 4

enum {
	F_READ = 1 << 0,    /* opened for reading */
	F_WRITE = 1 << 1,   /* opened for writing */
	F_APPEND = 1 << 2,  /* every write goes to the end */
	F_EOF = 1 << 3,	    /* the end-of-file indicator */
	F_ERR = 1 << 4,	    /* the error indicator */
	F_STATIC = 1 << 5,  /* stdin, stdout, stderr: never freed */
	F_OWNBUF = 1 << 6,  /* buf came from malloc */
	F_READING = 1 << 7, /* buf holds read-ahead */
	F_WRITING = 1 << 8, /* buf holds pending output */
};

struct chappe_file {
	int fd;
	unsigned flags;
	int bufmode;	    /* _IOFBF, _IOLBF or _IONBF */
	unsigned char *buf; /* 0 until first use: allocated then */
	size_t size;
	size_t pos, len;
	unsigned char unget[UNGET_MAX];
	size_t nunget;
	unsigned char one;	/* the buffer of an unbuffered stream */
	int pid;		/* popen's child, 0 for other streams */
	char tmpname[L_tmpnam]; /* tmpfile's name, removed at close */
	int tmp_owner;		/* by the process that made it, not a fork's child */
	struct chappe_file *next;
};

/* Streams opened by fopen, fdopen, tmpfile and popen (stdin, stdout and
 * stderr are not on it): what fflush(NULL) and exit walk. */
extern FILE *__stdio_list;

/* Write out pending output; EOF (and the error indicator) on failure. */
int __stdio_flush_out(FILE *f);
/* Unbuffered if mode says so, else BUFSIZ allocated at first use. */
void __stdio_set_buffer(FILE *f, char *buf, int mode, size_t size);
/* Buffers a stream owned go back; it leaves the list. */
void __stdio_release(FILE *f);
/* open(2) flags of a mode string, and the stream's F_READ/F_WRITE/F_APPEND
 * in *stream; -1 for a mode that is not one. */
int __stdio_mode_flags(const char *mode, unsigned *stream);
FILE *__stdio_new(int fd, unsigned stream_flags);
/* Remove tmpfile's file if this process made it; the stream forgets it. */
void __stdio_forget_tmpname(FILE *f);
