/* SPDX-License-Identifier: GPL-2.0-or-later */
/* proc.c: programs inside nodes: fork, enter the node, exec; wait with a
 * pidfd (a timeout, an interrupt); output in a memory file, so a chatty or
 * backgrounded program never blocks on a full pipe. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "engine/proc.h"
#include "engine/session.h"
#include "kernel/kernel.h"

/* What the child tells its parent through the exec pipe when it fails. */
struct exec_failure {
	int code;		/* enum nerr_code */
	int err;		/* errno */
	char msg[NERR_MSG_MAX];
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The child: its descriptors, its group, the node, the program. Reports a
 * failure through fd `report` (close-on-exec: it closes by itself when the
 * program starts). */
static void child(struct session *s, const struct node *n, char *const argv[],
		  const struct proc_opts *o, int infd, int outfd, int report)
{
	struct exec_failure f = { NERR_FAIL, 0, "" };
	struct nerr err;
	sigset_t none;

	if (o->group)
		setpgid(0, 0);
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if ((infd >= 0 && dup2(infd, 0) < 0) ||
	    (outfd >= 0 && (dup2(outfd, 1) < 0 || dup2(outfd, 2) < 0))) {
		snprintf(f.msg, sizeof(f.msg), "'%s': redirecting its output: %s", argv[0],
			 strerror(errno));
		goto fail;
	}
	if (kernel_enter(s->kernel, n->name, &n->id, n->kind != KIND_HOST, &err) < 0) {
		f.code = err.code;
		snprintf(f.msg, sizeof(f.msg), "%s", err.msg);
		goto fail;
	}
	setenv("NETSH_NODE", n->name, 1);
	execvp(argv[0], argv);
	f.err = errno;
	f.code = errno == ENOENT ? NERR_NOT_FOUND : NERR_FAIL;
	snprintf(f.msg, sizeof(f.msg), "'%s': %s", argv[0],
		 errno == ENOENT ? "command not found" : strerror(errno));
fail:
	(void)!write(report, &f, sizeof(f));
	_exit(f.code == NERR_NOT_FOUND ? 127 : 126);
}

/* stdin for a captured program: its input in a memory file, or /dev/null. */
static int input_fd(const struct proc_opts *o)
{
	int fd;

	if (!o->input)
		return open("/dev/null", O_RDONLY | O_CLOEXEC);
	fd = memfd_create("netsh-input", MFD_CLOEXEC);
	for (size_t done = 0; fd >= 0 && done < o->inlen;) {
		ssize_t w = write(fd, o->input + done, o->inlen - done);
		if (w < 0) {
			close(fd);
			return -1;
		}
		done += (size_t)w;
	}
	if (fd >= 0)
		lseek(fd, 0, SEEK_SET);
	return fd;
}

static void reaped(struct proc *p, int st)
{
	p->done = true;
	p->signal = WIFSIGNALED(st) ? WTERMSIG(st) : 0;
	p->status = WIFEXITED(st) ? WEXITSTATUS(st) : p->signal ? 128 + p->signal : 1;
	if (p->pidfd >= 0)
		close(p->pidfd);
	p->pidfd = -1;
}

int proc_start(struct session *s, const struct node *n, char *const argv[],
	       const struct proc_opts *o, struct proc *p, struct nerr *err)
{
	struct exec_failure f;
	int infd = -1, pipefd[2], st;
	ssize_t got;

	memset(p, 0, sizeof(*p));
	p->pidfd = p->outfd = -1;
	p->group = o->group;
	snprintf(p->name, sizeof(p->name), "%s", argv[0]);
	if (s->sandbox)
		return nerr_setc(err, NERR_REFUSED, -1,
				 SANDBOX_NO_PROGRAMS);
	if (!s->kernel)
		return nerr_setc(err, NERR_UNSUPPORTED, -1,
				 "running programs needs the kernel (not in a dry run)");
	if (o->capture) {
		p->outfd = memfd_create("netsh-output", MFD_CLOEXEC);
		infd = p->outfd >= 0 ? input_fd(o) : -1;
		if (infd < 0) {
			nerr_set(err, -1, "preparing the program's input and output: %s",
				 strerror(errno));
			goto fail;
		}
	}
	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		nerr_set(err, -1, "pipe: %s", strerror(errno));
		goto fail;
	}
	fflush(NULL);
	p->pid = fork();
	if (p->pid == 0)
		child(s, n, argv, o, infd, p->outfd, pipefd[1]);
	close(pipefd[1]);
	if (infd >= 0)
		close(infd);
	infd = -1;
	if (p->pid < 0) {
		close(pipefd[0]);
		nerr_set(err, -1, "fork: %s", strerror(errno));
		goto fail;
	}
	if (o->group)
		setpgid(p->pid, p->pid);	/* either side may win the race */
	while ((got = read(pipefd[0], &f, sizeof(f))) < 0 && errno == EINTR)
		;
	close(pipefd[0]);
	if (got == (ssize_t)sizeof(f)) {
		while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR)
			;
		p->done = true;
		nerr_setc(err, (enum nerr_code)f.code, -1, "%s", f.msg);
		goto fail;
	}
	p->pidfd = (int)syscall(SYS_pidfd_open, p->pid, 0);
	return 0;
fail:
	if (infd >= 0)
		close(infd);
	if (p->outfd >= 0)
		close(p->outfd);
	p->outfd = -1;
	p->done = true;
	return -1;
}

enum proc_wait proc_wait(struct proc *p, double timeout, volatile sig_atomic_t *stop)
{
	double deadline = timeout > 0 ? now() + timeout : 0;
	int st;

	while (!p->done) {
		pid_t r = waitpid(p->pid, &st, WNOHANG);
		if (r == p->pid) {
			reaped(p, st);
			break;
		}
		if (r < 0 && errno != EINTR) {
			reaped(p, 127 << 8);
			break;
		}
		if (stop && *stop)
			return PROC_STOPPED;
		int ms = 1000;
		if (deadline) {
			double left = deadline - now();
			if (left <= 0)
				return PROC_TIMEOUT;
			if (left * 1000 < ms)	/* rounded up: never 0 before the deadline */
				ms = (int)(left * 1000) + 1;
		}
		if (p->pidfd >= 0) {
			struct pollfd pfd = { .fd = p->pidfd, .events = POLLIN };
			poll(&pfd, 1, ms);
		} else {
			poll(NULL, 0, ms < 10 ? ms : 10);
		}
	}
	return PROC_EXITED;
}

bool proc_running(struct proc *p)
{
	int st;

	if (!p->done && waitpid(p->pid, &st, WNOHANG) == p->pid)
		reaped(p, st);
	return !p->done;
}

void proc_signal(struct proc *p, int sig)
{
	if (p->done || p->pid <= 0)
		return;
	if (p->group)
		kill(-p->pid, sig);
	kill(p->pid, sig);
}

void proc_kill(struct proc *p, int status)
{
	int st;

	if (p->done || p->pid <= 0)
		return;
	proc_signal(p, SIGKILL);
	while (waitpid(p->pid, &st, 0) < 0 && errno == EINTR)
		;
	reaped(p, st);
	p->status = status;
}

char *proc_output(const struct proc *p, size_t *len)
{
	struct stat sb;
	char *buf;
	size_t got = 0;

	*len = 0;
	if (p->outfd < 0 || fstat(p->outfd, &sb) < 0)
		return xstrdup("");
	buf = xmalloc((size_t)sb.st_size + 1);
	while (got < (size_t)sb.st_size) {
		ssize_t r = pread(p->outfd, buf + got, (size_t)sb.st_size - got, (off_t)got);
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	buf[got] = '\0';
	*len = got;
	return buf;
}

void proc_close(struct proc *p)
{
	proc_kill(p, 137);
	if (p->outfd >= 0)
		close(p->outfd);
	p->outfd = -1;
}

int proc_failed(const struct proc *p, int tok, struct nerr *err)
{
	if (p->signal)
		return nerr_setc(err, NERR_SIGNAL, tok, "'%s' was stopped by signal %d (%s)",
				 p->name, p->signal, strsignal(p->signal));
	if (p->status)
		return nerr_setc(err, NERR_EXIT, tok, "'%s' exited with status %d", p->name,
				 p->status);
	return 0;
}
