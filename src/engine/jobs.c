/* SPDX-License-Identifier: GPL-2.0-or-later */
/* jobs.c: background programs (jobs.h). netsh forks a helper that starts
 * a new session and forks the watcher; the watcher forks the program,
 * which enters its node and runs with its output in the job's log; the
 * helper exits at once, so the watcher and the program outlive netsh
 * without a terminal. The watcher closes everything it inherited (the
 * lab's lock among it), waits for the program and records how it ended. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/strbuf.h"
#include "core/xalloc.h"
#include "engine/jobs.h"
#include "engine/journal.h"
#include "engine/session.h"
#include "kernel/kernel.h"

#define GRACE_MS 2000		/* between SIGTERM and SIGKILL */
#define REAP_WAIT_MS 2000	/* for a stopped job's watcher to record its end */

/* What the program's side tells netsh when it could not be started. */
struct job_failure {
	int code;
	char msg[NERR_MSG_MAX];
};

/* The lab's jobs directory, or NULL (a lab without a state directory). */
static char *jobs_dir(struct session *s)
{
	return s->journal ? xasprintf("%s/jobs", journal_dir(s->journal)) : NULL;
}

/* A process's start time (field 22 of /proc/PID/stat), 0 when it is gone,
 * or a zombie unless `zombie` says a zombie counts. */
static unsigned long long start_time(pid_t pid, bool zombie)
{
	char path[64], buf[1024], *p;
	unsigned long long t = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = '\0';
	p = strrchr(buf, ')');	/* the name may hold anything */
	if (!p || p[1] != ' ' || (p[2] == 'Z' && !zombie))
		return 0;
	p += 2;
	for (int field = 3; field < 22 && p; field++) {
		p = strchr(p, ' ');
		if (p)
			p++;
	}
	if (p)
		t = strtoull(p, NULL, 10);
	return t;
}

/* The number after the highest a job has had in dir. */
static int next_id(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int max = 0;

	while (d && (e = readdir(d))) {
		int id = atoi(e->d_name);
		if (id > max)
			max = id;
	}
	if (d)
		closedir(d);
	return max + 1;
}

/* The watcher, in the job's session: fork the program, report its pid
 * through `pidfd` (the program reports a failure to start through
 * `failfd`, a pipe of its own, so the two never interleave), drop every
 * inherited descriptor, wait, record the end. Never returns. */
static _Noreturn void watcher(struct session *s, const struct node *n, char *const argv[],
			      int logfd, int pidfd, int failfd, const char *status_path)
{
	struct job_failure f = { NERR_FAIL, "" };
	char tmp[PATH_MAX + 8], line[32];
	siginfo_t si = { 0 };
	struct nerr err;
	pid_t pid;
	int rc, fd, null = open("/dev/null", O_RDWR | O_CLOEXEC);

	signal(SIGCHLD, SIG_DFL);	/* ignored, the program's end could not be waited for */
	pid = fork();
	if (pid == 0) {		/* the program, leading a group of its own */
		sigset_t none;
		setpgid(0, 0);
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		sigemptyset(&none);
		sigprocmask(SIG_SETMASK, &none, NULL);
		if (null < 0 || dup2(null, 0) < 0 || dup2(logfd, 1) < 0 || dup2(logfd, 2) < 0) {
			snprintf(f.msg, sizeof(f.msg), "'%s': redirecting its output: %s", argv[0],
				 strerror(errno));
		} else if (kernel_enter(s->kernel, n->name, &n->id, n->kind != KIND_HOST, &err) < 0) {
			f.code = err.code;
			snprintf(f.msg, sizeof(f.msg), "%s", err.msg);
		} else {
			setenv("NETSH_NODE", n->name, 1);
			execvp(argv[0], argv);
			f.code = errno == ENOENT ? NERR_NOT_FOUND : NERR_FAIL;
			snprintf(f.msg, sizeof(f.msg), "'%s': %s", argv[0],
				 errno == ENOENT ? "command not found" : strerror(errno));
		}
		(void)!write(failfd, &f, sizeof(f));
		_exit(f.code == NERR_NOT_FOUND ? 127 : 126);
	}
	(void)!write(pidfd, &pid, sizeof(pid));
	/* Nothing of netsh's stays open here: not the lab's lock, not its
	 * netlink sockets, not the terminal. */
	if (null >= 0) {
		dup2(null, 0);
		dup2(null, 1);
		dup2(null, 2);
	}
	syscall(SYS_close_range, 3U, ~0U, 0);
	if (pid < 0)
		_exit(1);
	/* The end is recorded before the program is reaped: while its pid
	 * is there (a zombie at the last), the job is running or being
	 * recorded; once it is gone, its status is written (read_job). */
	while ((rc = waitid(P_PID, (id_t)pid, &si, WEXITED | WNOWAIT)) < 0 && errno == EINTR)
		;
	if (rc < 0 || si.si_pid != pid)
		_exit(1);	/* no end to record: the job reads as gone */
	if (si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED)
		snprintf(line, sizeof(line), "signal %d\n", si.si_status);
	else
		snprintf(line, sizeof(line), "exit %d\n", si.si_status);
	snprintf(tmp, sizeof(tmp), "%s.tmp", status_path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd >= 0 && write(fd, line, strlen(line)) == (ssize_t)strlen(line) && close(fd) == 0)
		rename(tmp, status_path);
	while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
		;
	_exit(0);
}

/* Write the job's record: through a new file renamed over it. */
static int write_record(const char *dir, const struct job *j, struct nerr *err)
{
	char *path = xasprintf("%s/%d", dir, j->id), *tmp = xasprintf("%s.tmp", path);
	FILE *f = fopen(tmp, "wx");
	int rc = 0;

	if (!f || fprintf(f, "pid=%d\nstart=%llu\nnode=%s\ncmd=%s\n", (int)j->pid, j->start,
			  j->node, j->cmd) < 0 || fclose(f) != 0 || rename(tmp, path) < 0)
		rc = nerr_set(err, -1, "recording job %d in %s: %s", j->id, dir, strerror(errno));
	free(path);
	free(tmp);
	return rc;
}

int job_start(struct session *s, const struct node *n, char *const argv[], int *id,
	      struct nerr *err)
{
	struct job_failure f;
	struct job j = { 0 };
	struct strbuf cmd = STRBUF_INIT;
	char *dir, *log, *status;
	int pidp[2] = { -1, -1 }, failp[2] = { -1, -1 }, logfd, st, rc = -1;
	pid_t helper;
	ssize_t got;

	if (s->sandbox)
		return nerr_setc(err, NERR_REFUSED, -1, SANDBOX_NO_PROGRAMS);
	if (!s->kernel)
		return nerr_setc(err, NERR_UNSUPPORTED, -1, "running programs needs the kernel (not in a dry run)");
	dir = jobs_dir(s);
	if (!dir)
		return nerr_setc(err, NERR_UNSUPPORTED, -1, "background programs need the lab's state directory");
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		nerr_set(err, -1, "making %s: %s", dir, strerror(errno));
		free(dir);
		return -1;
	}
	j.id = next_id(dir);
	log = xasprintf("%s/%d.log", dir, j.id);
	status = xasprintf("%s/%d.status", dir, j.id);
	logfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (logfd < 0 || pipe2(pidp, O_CLOEXEC) < 0 || pipe2(failp, O_CLOEXEC) < 0) {
		nerr_set(err, -1, "%s: %s", log, strerror(errno));
		goto out;
	}
	fflush(NULL);
	helper = fork();
	if (helper == 0) {
		setsid();	/* no terminal: the job outlives netsh and its shell */
		if (fork() == 0)
			watcher(s, n, argv, logfd, pidp[1], failp[1], status);
		_exit(0);
	}
	close(pidp[1]);		/* the watcher and the program hold these */
	close(failp[1]);
	pidp[1] = failp[1] = -1;
	close(logfd);
	logfd = -1;
	if (helper > 0)
		while (waitpid(helper, &st, 0) < 0 && errno == EINTR)
			;
	while ((got = read(pidp[0], &j.pid, sizeof(j.pid))) < 0 && errno == EINTR)
		;
	if (helper < 0 || got != (ssize_t)sizeof(j.pid) || j.pid <= 0) {
		nerr_set(err, -1, "%s: could not start a job: %s", n->name,
			 helper < 0 ? strerror(errno) : "the watcher failed");
		goto out;
	}
	j.start = start_time(j.pid, true);	/* ended already: a zombie until recorded */
	while ((got = read(failp[0], &f, sizeof(f))) < 0 && errno == EINTR)
		;			/* EOF: it runs */
	if (got == (ssize_t)sizeof(f)) {
		nerr_setc(err, f.code, -1, "%s", f.msg);
		unlink(log);
		goto out;
	}
	snprintf(j.node, sizeof(j.node), "%s", n->name);
	for (int i = 0; argv[i]; i++)
		sb_item(&cmd, " ", "%s", argv[i]);
	snprintf(j.cmd, sizeof(j.cmd), "%s", sb_str(&cmd));
	if (write_record(dir, &j, err) == 0) {
		*id = j.id;
		rc = 0;
	}
out:
	if (logfd >= 0)
		close(logfd);
	for (int i = 0; i < 2; i++) {
		if (pidp[i] >= 0)
			close(pidp[i]);
		if (failp[i] >= 0)
			close(failp[i]);
	}
	sb_free(&cmd);
	free(dir);
	free(log);
	free(status);
	return rc;
}

/* Job j's end, from its status file; false when there is none (yet). */
static bool read_status(const char *dir, struct job *j)
{
	char *path = xasprintf("%s/%d.status", dir, j->id);
	FILE *f = fopen(path, "re");
	int v = 0;

	free(path);
	if (!f)
		return false;
	j->state = JOB_EXITED;
	if (fscanf(f, "signal %d", &v) == 1) {
		j->signal = v;
		j->status = 128 + v;
	} else if (fscanf(f, "exit %d", &v) == 1) {
		j->status = v;
	}
	fclose(f);
	return true;
}

/* Read job `id`'s record and its state now; -1 when there is none. */
static int read_job(const char *dir, int id, struct job *j)
{
	char *path = xasprintf("%s/%d", dir, id), line[700];
	FILE *f = fopen(path, "re");
	int pid = 0;

	free(path);
	if (!f)
		return -1;
	memset(j, 0, sizeof(*j));
	j->id = id;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (strncmp(line, "pid=", 4) == 0)
			pid = atoi(line + 4);
		else if (strncmp(line, "start=", 6) == 0)
			j->start = strtoull(line + 6, NULL, 10);
		else if (strncmp(line, "node=", 5) == 0)
			snprintf(j->node, sizeof(j->node), "%.*s", (int)sizeof(j->node) - 1, line + 5);
		else if (strncmp(line, "cmd=", 4) == 0)
			snprintf(j->cmd, sizeof(j->cmd), "%.*s", (int)sizeof(j->cmd) - 1, line + 4);
	}
	fclose(f);
	j->pid = pid;
	if (read_status(dir, j))
		return 0;
	/* No status yet: running while its pid is there (its watcher records
	 * the end before it reaps it); gone, the status is written by now,
	 * unless the watcher itself was killed. */
	if (pid > 0 && j->start && start_time(pid, true) == j->start)
		j->state = JOB_RUNNING;
	else if (!read_status(dir, j))
		j->state = JOB_GONE;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	return ((const struct job *)a)->id - ((const struct job *)b)->id;
}

int jobs_list(struct session *s, struct job **out, size_t *n, struct nerr *err)
{
	char *dir = jobs_dir(s);
	struct dirent *e;
	DIR *d;

	*out = NULL;
	*n = 0;
	(void)err;
	d = dir ? opendir(dir) : NULL;
	while (d && (e = readdir(d))) {
		char *end;
		long id = strtol(e->d_name, &end, 10);
		struct job j;
		if (*end || id <= 0 || id > INT_MAX || read_job(dir, (int)id, &j) < 0)
			continue;
		*out = xrealloc(*out, (*n + 1) * sizeof(**out));
		(*out)[(*n)++] = j;
	}
	if (d)
		closedir(d);
	free(dir);
	if (*n)
		qsort(*out, *n, sizeof(**out), by_id);
	return 0;
}

char *job_log(struct session *s, int id)
{
	return s->journal ? xasprintf("%s/jobs/%d.log", journal_dir(s->journal), id) : NULL;
}

/* Wait up to ms for a pidfd to say its process ended. */
static bool ended(int pidfd, int ms)
{
	struct pollfd p = { .fd = pidfd, .events = POLLIN };
	struct timespec t0, now;
	int rc, left = ms;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	while ((rc = poll(&p, 1, left)) < 0 && errno == EINTR) {	/* a signal: wait on */
		clock_gettime(CLOCK_MONOTONIC, &now);
		left = ms - (int)((now.tv_sec - t0.tv_sec) * 1000 + (now.tv_nsec - t0.tv_nsec) / 1000000);
		if (left <= 0)
			return false;
	}
	return rc > 0;
}

/* Signal a job's group (the program and what it started), and the
 * program itself through its pidfd, should it have left its group. */
static void signal_job(int pidfd, pid_t pid, int sig)
{
	kill(-pid, sig);
	syscall(SYS_pidfd_send_signal, pidfd, sig, NULL, 0);
}

/* True once a pidfd's process is reaped: a zombie can still be signalled
 * (with 0), a reaped one cannot, and a pidfd never names another. */
static bool reaped(int pidfd)
{
	return syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 0) < 0 && errno == ESRCH;
}

int job_stop(struct session *s, int id, const char **how, struct nerr *err)
{
	char *dir = jobs_dir(s);
	struct job j;
	int pidfd;

	if (!dir || read_job(dir, id, &j) < 0) {
		free(dir);
		return nerr_set(err, 1, "no job %d (jobs lists them)", id);
	}
	*how = "it had ended already";
	if (j.state != JOB_RUNNING) {
		free(dir);
		return 0;
	}
	/* Once the pidfd is open and the start time checked, the pid is the
	 * job's: its group (the program and what it started) is signalled, and
	 * a group's id is never given to another process while one of its
	 * members lives. */
	pidfd = (int)syscall(SYS_pidfd_open, j.pid, 0);
	if (pidfd < 0 || start_time(j.pid, true) != j.start) {
		if (pidfd >= 0)
			close(pidfd);
		free(dir);
		return 0;
	}
	if (start_time(j.pid, false) == j.start) {	/* not a zombie yet */
		*how = "SIGTERM";
		signal_job(pidfd, j.pid, SIGTERM);
		if (!ended(pidfd, GRACE_MS)) {
			*how = "SIGKILL";
			signal_job(pidfd, j.pid, SIGKILL);
			ended(pidfd, GRACE_MS);
		}
	}
	/* Its watcher records the end, then reaps it: once the pidfd's
	 * process is gone (not a zombie), the status is written, and jobs
	 * shows it and destroy can remove it. Ended by another hand (destroy
	 * stops a node's programs first), it is waited for all the same. */
	for (int i = 0; i < REAP_WAIT_MS / 10 && !reaped(pidfd); i++)
		usleep(10000);
	close(pidfd);
	free(dir);
	return 0;
}

/* Remove every file of dir, then dir itself; false when one came
 * meanwhile (a watcher recording a job's end). */
static bool remove_dir(const char *dir)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return true;
	while ((e = readdir(d))) {
		char *path;
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	return rmdir(dir) == 0 || errno != ENOTEMPTY;
}

void jobs_forget(struct session *s)
{
	char *dir = jobs_dir(s);

	for (int i = 0; dir && i < 10 && !remove_dir(dir); i++)
		usleep(10000);
	free(dir);
}
