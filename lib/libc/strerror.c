/* SPDX-License-Identifier: BSD-2-Clause */
/* OpenBSD's wording for the errno values and the signals Chapp-E has. */
#include <abi/errno.h> /* not <errno.h>: a host test must see these numbers */
#include <abi/signal.h>
#include <string.h>

static const char *const messages[] = {
    [0] = "Undefined error: 0",
    [EPERM] = "Operation not permitted",
    [ENOENT] = "No such file or directory",
    [ESRCH] = "No such process",
    [EINTR] = "Interrupted system call",
    [EIO] = "Input/output error",
    [ENXIO] = "Device not configured",
    [E2BIG] = "Argument list too long",
    [ENOEXEC] = "Exec format error",
    [EBADF] = "Bad file descriptor",
    [ECHILD] = "No child processes",
    [EDEADLK] = "Resource deadlock avoided",
    [ENOMEM] = "Cannot allocate memory",
    [EACCES] = "Permission denied",
    [EFAULT] = "Bad address",
    [EBUSY] = "Device busy",
    [EEXIST] = "File exists",
    [EXDEV] = "Cross-device link",
    [ENODEV] = "Operation not supported by device",
    [ENOTDIR] = "Not a directory",
    [EISDIR] = "Is a directory",
    [EINVAL] = "Invalid argument",
    [ENFILE] = "Too many open files in system",
    [EMFILE] = "Too many open files",
    [ENOTTY] = "Inappropriate ioctl for device",
    [EFBIG] = "File too large",
    [ENOSPC] = "No space left on device",
    [ESPIPE] = "Illegal seek",
    [EROFS] = "Read-only file system",
    [EPIPE] = "Broken pipe",
    [EDOM] = "Numerical argument out of domain",
    [ERANGE] = "Result too large",
    [EAGAIN] = "Resource temporarily unavailable",
    [EALREADY] = "Operation already in progress",
    [ETIMEDOUT] = "Operation timed out",
    [ENAMETOOLONG] = "File name too long",
    [ENOTEMPTY] = "Directory not empty",
    [ENOSYS] = "Function not implemented",
    [EFTYPE] = "Inappropriate file type or format",
    [ENOTSUP] = "Not supported",
};

#define UNKNOWN_ERROR "Unknown error"

static const char *message_of(int err)
{
	if (err == ERESTART) /* the kernel's own: a program never gets it */
		return "Interrupted call to be restarted";
	if (err >= 0 && (unsigned)err < sizeof messages / sizeof messages[0] && messages[err])
		return messages[err];
	return 0;
}

char *strerror(int err)
{
	const char *m = message_of(err);

	return (char *)(m ? m : UNKNOWN_ERROR);
}

/* "prefix: n" into buf (of size bytes, at least 32). */
static char *with_number(char *buf, size_t size, const char *prefix, int n)
{
	char digits[12], *d = digits + sizeof digits;
	unsigned u = n < 0 ? 0u - (unsigned)n : (unsigned)n;

	*--d = '\0';
	do
		*--d = (char)('0' + u % 10);
	while (u /= 10);
	if (n < 0)
		*--d = '-';
	strlcpy(buf, prefix, size);
	strlcat(buf, ": ", size);
	strlcat(buf, d, size);
	return buf;
}

int strerror_r(int err, char *buf, size_t size)
{
	const char *m = message_of(err);
	char unknown[32];

	if (!m)
		m = with_number(unknown, sizeof unknown, UNKNOWN_ERROR, err);
	if (size)
		strlcpy(buf, m, size);
	if (strlen(m) >= size)
		return ERANGE;
	return message_of(err) ? 0 : EINVAL;
}

static const char *const signal_names[] = {
    [SIGHUP] = "Hangup",
    [SIGINT] = "Interrupt",
    [SIGILL] = "Illegal instruction",
    [SIGTRAP] = "Trace/BPT trap",
    [SIGFPE] = "Floating point exception",
    [SIGKILL] = "Killed",
    [SIGBUS] = "Bus error",
    [SIGSEGV] = "Segmentation fault",
    [SIGTERM] = "Terminated",
    [SIGQUIT] = "Quit",
    [SIGABRT] = "Abort trap",
    [SIGEMT] = "EMT trap",
    [SIGSYS] = "Bad system call",
    [SIGPIPE] = "Broken pipe",
    [SIGALRM] = "Alarm clock",
    [SIGURG] = "Urgent I/O condition",
    [SIGSTOP] = "Suspended (signal)",
    [SIGTSTP] = "Suspended",
    [SIGCONT] = "Continued",
    [SIGCHLD] = "Child exited",
    [SIGTTIN] = "Stopped (tty input)",
    [SIGTTOU] = "Stopped (tty output)",
    [SIGIO] = "I/O possible",
    [SIGXCPU] = "Cputime limit exceeded",
    [SIGXFSZ] = "Filesize limit exceeded",
    [SIGVTALRM] = "Virtual timer expired",
    [SIGPROF] = "Profiling timer expired",
    [SIGWINCH] = "Window size changes",
    [SIGINFO] = "Information request",
    [SIGUSR1] = "User defined signal 1",
    [SIGUSR2] = "User defined signal 2",
    [SIGTHR] = "Thread AST",
};

char *strsignal(int sig)
{
	static char unknown[32];

	if (sig > 0 && (unsigned)sig < sizeof signal_names / sizeof signal_names[0] &&
	    signal_names[sig])
		return (char *)signal_names[sig];
	return with_number(unknown, sizeof unknown, "Unknown signal", sig);
}
