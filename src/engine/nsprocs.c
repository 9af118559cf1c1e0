/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nsprocs.c: programs in the lab's namespaces: /proc walked once, each
 * process's network namespace compared with the lab's by inode and device
 * (the namespaces are alive and proven, so these are unique now). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "engine/nsprocs.h"

#define GRACE_MS 1000		/* between SIGTERM and SIGKILL */

/* The name of a process, from /proc/PID/comm. */
static void comm_of(pid_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "/proc/%d/comm", (int)pid);
	snprintf(buf, len, "?");
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n > 0) {
		buf[n] = '\0';
		buf[strcspn(buf, "\n")] = '\0';
	}
}

size_t nsprocs_find(const struct nsid *ids, size_t n, struct nsproc **out)
{
	struct dirent *de;
	size_t count = 0;
	pid_t self = getpid();
	DIR *d;

	*out = NULL;
	if (n == 0)
		return 0;
	d = opendir("/proc");
	while (d && (de = readdir(d))) {
		char path[64], *end;
		struct stat st;
		long pid = strtol(de->d_name, &end, 10);
		if (*end || pid <= 0 || pid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/ns/net", pid);
		if (stat(path, &st) < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			if ((unsigned long long)st.st_ino != ids[i].ino ||
			    (unsigned long long)st.st_dev != ids[i].dev)
				continue;
			*out = xrealloc(*out, (count + 1) * sizeof(**out));
			(*out)[count].pid = (pid_t)pid;
			(*out)[count].ns = i;
			comm_of((pid_t)pid, (*out)[count].comm, sizeof((*out)[count].comm));
			count++;
			break;
		}
	}
	if (d)
		closedir(d);
	return count;
}

/* Wait up to ms for the processes behind fds[] to end (-1: ended). */
static void wait_gone(int *fds, size_t n, int ms)
{
	struct pollfd *p = xcalloc(n ? n : 1, sizeof(*p));
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		size_t live = 0;
		for (size_t i = 0; i < n; i++) {
			p[i].fd = fds[i];
			p[i].events = POLLIN;
			p[i].revents = 0;
			live += fds[i] >= 0;
		}
		clock_gettime(CLOCK_MONOTONIC, &t);
		int left = ms - (int)((t.tv_sec - t0.tv_sec) * 1000 + (t.tv_nsec - t0.tv_nsec) / 1000000);
		if (!live || left <= 0 || poll(p, n, left) <= 0)
			break;
		for (size_t i = 0; i < n; i++)
			if (fds[i] >= 0 && (p[i].revents & (POLLIN | POLLHUP))) {
				close(fds[i]);
				fds[i] = -1;
			}
	}
	free(p);
}

void nsprocs_stop(const struct nsproc *p, size_t n, const char *const *names, FILE *report)
{
	int *fds = xcalloc(n ? n : 1, sizeof(*fds));
	bool *killed = xcalloc(n ? n : 1, sizeof(*killed));

	for (size_t i = 0; i < n; i++) {
		fds[i] = (int)syscall(SYS_pidfd_open, p[i].pid, 0);
		if (fds[i] >= 0 && syscall(SYS_pidfd_send_signal, fds[i], SIGTERM, NULL, 0) < 0) {
			close(fds[i]);
			fds[i] = -1;	/* it ended already */
		}
	}
	wait_gone(fds, n, GRACE_MS);
	for (size_t i = 0; i < n; i++)
		if (fds[i] >= 0 && syscall(SYS_pidfd_send_signal, fds[i], SIGKILL, NULL, 0) == 0)
			killed[i] = true;
	wait_gone(fds, n, GRACE_MS);
	for (size_t i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		if (report)
			fprintf(report, "stopped %s (pid %d) in %s%s\n", p[i].comm, (int)p[i].pid,
				names[p[i].ns], killed[i] ? " with SIGKILL" : "");
	}
	free(fds);
	free(killed);
}
