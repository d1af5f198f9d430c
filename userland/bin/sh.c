/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * sh: a prompt (the terminal edits the line: docs/tty.md), programs by
 * path or from the directories of $PATH (default /bin:/usr/bin) (fork,
 * execve, wait4), builtins cd, pwd, kill and exit, $? for the last status,
 * pipelines a | b | c, redirections >, >> and < to dagfs files, and a
 * trailing & to run a line in the background (a server, say).
 * sh -c LINE runs one line and exits with its status (popen and system).
 *
 * On its controlling terminal each line runs as a job: a process group of
 * its own, given the terminal while it runs in the foreground and taken
 * back when it ends or stops; a background job keeps its hands off the
 * keyboard (reading it stops it with SIGTTIN). fg, bg and jobs are not
 * here (issue 19).
 */
#include "kill.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define LINE_MAX 512
#define ARGS_MAX 32
#define STAGES_MAX 8
#define PROMPT "chappe$ "

struct stage {
	char *argv[ARGS_MAX + 1];
	const char *in, *out;
	int append;
};

static int last_status;
static char status_text[8];
static int job_control; /* on the terminal it controls: a process group per job */
static pid_t shell_pgrp;
static struct termios shell_tty; /* its terminal's settings, put back after each job */
static volatile sig_atomic_t interrupted;

/* One line from fd 0 (the terminal edits and echoes it); -1 at end of
 * input, -2 when ^C cut it short. */
static int read_line(char *line)
{
	int n = 0;
	char c;

	for (;;) {
		ssize_t r = read(STDIN_FILENO, &c, 1);
		if (r < 0 && errno == EINTR && interrupted)
			return interrupted = 0, -2;
		if (r != 1)
			return -1;
		if (c == '\n' || c == '\r') {
			line[n] = '\0';
			return n;
		}
		if (c >= ' ' && n < LINE_MAX - 1)
			line[n++] = c;
	}
}

static void on_interrupt(int sig)
{
	(void)sig;
	interrupted = 1;
}

/* What a job control shell does not let the keyboard or the terminal do
 * to it: ^C only ends the line being typed; ^Z, ^\ and the terminal's
 * SIGTTOU (when it takes the terminal back) do nothing. */
static void start_job_control(void)
{
	struct sigaction sa = {.sa_handler = on_interrupt}; /* no SA_RESTART: read stops */

	shell_pgrp = getpgrp();
	if (!isatty(STDIN_FILENO) || tcgetpgrp(STDIN_FILENO) != shell_pgrp)
		return;
	job_control = 1;
	tcgetattr(STDIN_FILENO, &shell_tty);
	sigaction(SIGINT, &sa, 0);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
}

/* In a new child: its job's group (the first child's pid), the terminal
 * too when the job is in the foreground, and the signals a program
 * expects. Its parent does the same, whichever runs first. */
static void join_job(pid_t pgrp, int foreground)
{
	static const int reset[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTOU, SIGTTIN};

	if (!job_control)
		return;
	setpgid(0, pgrp);
	if (foreground)
		tcsetpgrp(STDIN_FILENO, pgrp ? pgrp : getpid());
	for (unsigned i = 0; i < sizeof reset / sizeof reset[0]; i++)
		signal(reset[i], SIG_DFL);
}

/* The shell's own group has the terminal again, with its settings. */
static void take_terminal_back(void)
{
	if (!job_control)
		return;
	tcsetpgrp(STDIN_FILENO, shell_pgrp);
	tcsetattr(STDIN_FILENO, TCSADRAIN, &shell_tty);
}

static char *word(char **p)
{
	char *w = strtok_r(0, " \t", p);

	return w && !strcmp(w, "$?") ? status_text : w;
}

/* Split one stage into argv and redirections; -1 on a syntax error. */
static int parse_stage(char *text, struct stage *s)
{
	int argc = 0;

	*s = (struct stage){{0}, 0, 0, 0};
	for (char *w; (w = word(&text));) {
		if (!strcmp(w, ">") || !strcmp(w, ">>") || !strcmp(w, "<")) {
			char *file = word(&text);
			if (!file)
				return -1;
			if (w[0] == '<')
				s->in = file;
			else
				s->out = file, s->append = w[1] == '>';
		} else if (argc < ARGS_MAX) {
			s->argv[argc++] = w;
		}
	}
	return argc ? 0 : -1;
}

static int redirect(const char *path, int fd, int flags)
{
	int f = open(path, flags, 0644);

	if (f < 0) {
		dprintf(2, "sh: %s: %s\n", path, strerror(errno));
		return -1;
	}
	dup2(f, fd);
	close(f);
	return 0;
}

/* Each directory of $PATH (default /bin:/usr/bin, where the ports are) in
 * turn; returns if none ran. */
static void exec_from_path(char **argv)
{
	const char *dirs = getenv("PATH");
	char path[256];

	for (const char *d = dirs && *dirs ? dirs : "/bin:/usr/bin"; *d;) {
		size_t n = 0;
		while (d[n] && d[n] != ':')
			n++;
		snprintf(path, sizeof path, "%.*s/%s", (int)n, d, argv[0]);
		execv(path, argv);
		d += n + (d[n] == ':');
	}
}

static void run_child(struct stage *s, int in, int out)
{
	if (in != STDIN_FILENO)
		dup2(in, STDIN_FILENO), close(in);
	if (out != STDOUT_FILENO)
		dup2(out, STDOUT_FILENO), close(out);
	if ((s->in && redirect(s->in, STDIN_FILENO, O_RDONLY)) ||
	    (s->out && redirect(s->out, STDOUT_FILENO,
				O_WRONLY | O_CREAT | (s->append ? O_APPEND : O_TRUNC))))
		exit(1);
	if (strchr(s->argv[0], '/'))
		execv(s->argv[0], s->argv);
	else
		exec_from_path(s->argv);
	dprintf(2, "sh: %s: command not found\n", s->argv[0]);
	exit(127);
}

static int status_of(int st)
{
	if (WIFSTOPPED(st))
		return 128 + WSTOPSIG(st);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Stage i could not start: say why, close its pipes and wait for the
 * stages already started (they see end of file and finish). */
static int fork_failed(const pid_t *pids, int i, int in, const int p[2])
{
	int st;

	dprintf(2, "sh: fork: %s\n", strerror(errno));
	if (in != STDIN_FILENO)
		close(in);
	if (p[0] >= 0)
		close(p[0]), close(p[1]);
	for (int k = 0; k < i; k++)
		waitpid(pids[k], &st, 0);
	return 1;
}

/* A ^C meant for the job may reach the shell too (while it hands the
 * terminal over): its wait goes on. */
static pid_t wait_for(pid_t pid, int *st)
{
	pid_t r;

	while ((r = waitpid(pid, st, WUNTRACED)) < 0 && errno == EINTR)
		;
	return r;
}

/* Each stage in its own process, joined by pipes; $? is the last one's.
 * In the background nobody waits: reap_background reports them later. */
static int run_pipeline(struct stage *stages, int n, int background)
{
	pid_t pids[STAGES_MAX];
	int in = STDIN_FILENO, status = 0;

	for (int i = 0; i < n; i++) {
		int p[2] = {-1, STDOUT_FILENO};
		if (i + 1 < n && pipe(p) < 0)
			return dprintf(2, "sh: pipe failed\n"), 1;
		pids[i] = fork();
		if (pids[i] < 0)
			return fork_failed(pids, i, in, p);
		if (pids[i] == 0) {
			join_job(i ? pids[0] : 0, !background);
			if (p[0] >= 0)
				close(p[0]);
			run_child(&stages[i], in, p[1]);
		}
		if (job_control)
			setpgid(pids[i], pids[0]);
		if (in != STDIN_FILENO)
			close(in);
		if (p[1] != STDOUT_FILENO)
			close(p[1]);
		in = p[0];
	}
	if (background) {
		printf("[%d]\n", pids[n - 1]);
		return 0;
	}
	if (job_control)
		tcsetpgrp(STDIN_FILENO, pids[0]);
	for (int i = 0; i < n; i++) {
		int st;
		if (pids[i] <= 0 || wait_for(pids[i], &st) != pids[i])
			continue;
		if (WIFSTOPPED(st))
			printf("[%d] stopped, signal %d\n", pids[i], WSTOPSIG(st));
		else if (WIFSIGNALED(st) && WTERMSIG(st) == SIGINT && i == n - 1)
			printf("\n"); /* the prompt after ^C on a line of its own */
		if (i == n - 1)
			status = status_of(st);
	}
	take_terminal_back();
	return status;
}

static int builtin(struct stage *s)
{
	char cwd[512];

	if (!strcmp(s->argv[0], "exit"))
		exit(s->argv[1] ? atoi(s->argv[1]) : last_status);
	if (!strcmp(s->argv[0], "cd")) {
		if (chdir(s->argv[1] ? s->argv[1] : "/") == 0)
			return 0;
		dprintf(2, "sh: cd: %s: %s\n", s->argv[1] ? s->argv[1] : "/", strerror(errno));
		return 1;
	}
	if (!strcmp(s->argv[0], "kill")) {
		int argc = 0;
		while (s->argv[argc])
			argc++;
		return kill_command(argc, s->argv);
	}
	if (!strcmp(s->argv[0], "pwd")) {
		if (!getcwd(cwd, sizeof cwd))
			return 1;
		printf("%s\n", cwd);
		return 0;
	}
	return -1;
}

/* Cut a trailing & (and the blanks around it) off line: 1 if there was one. */
static int background(char *line)
{
	size_t n = strlen(line);

	while (n && (line[n - 1] == ' ' || line[n - 1] == '\t'))
		n--;
	if (!n || line[n - 1] != '&')
		return 0;
	line[n - 1] = '\0';
	return 1;
}

static void reap_background(void)
{
	int st;

	for (pid_t pid; (pid = waitpid(-1, &st, WNOHANG | WUNTRACED)) > 0;)
		if (WIFSTOPPED(st))
			printf("[%d] stopped, signal %d\n", pid, WSTOPSIG(st));
		else
			printf("[%d] done, status %d\n", pid, status_of(st));
}

static void run_line(char *line)
{
	struct stage stages[STAGES_MAX];
	int n = 0, bg = background(line);

	for (char *part = line, *bar; part && n < STAGES_MAX; part = bar) {
		bar = strchr(part, '|');
		if (bar)
			*bar++ = '\0';
		if (parse_stage(part, &stages[n++]) < 0) {
			if (n == 1 && !bar && !strchr(line, '>') && !strchr(line, '<'))
				return; /* an empty line */
			dprintf(2, "sh: syntax error\n");
			last_status = 2;
			return;
		}
	}
	int b = n == 1 && !bg ? builtin(&stages[0]) : -1;
	last_status = b >= 0 ? b : run_pipeline(stages, n, bg);
}

int main(int argc, char **argv)
{
	char line[LINE_MAX];

	if (argc >= 3 && !strcmp(argv[1], "-c")) {
		snprintf(status_text, sizeof status_text, "0");
		run_line(argv[2]);
		return last_status;
	}
	start_job_control();
	for (;;) {
		reap_background();
		snprintf(status_text, sizeof status_text, "%d", last_status);
		write(STDOUT_FILENO, PROMPT, sizeof PROMPT - 1);
		int n = read_line(line);
		if (n == -2) {
			write(STDOUT_FILENO, "\n", 1);
			continue;
		}
		if (n < 0)
			return last_status;
		run_line(line);
	}
}
