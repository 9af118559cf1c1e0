/* SPDX-License-Identifier: GPL-2.0-or-later */
/* keeper.c: the process that holds a private lab. It makes a user
 * namespace (the user mapped to root), a network namespace (the lab's host)
 * and a mount namespace with /run/netns and /run/netsh of its own, then
 * waits. Every netsh of that user and lab joins its namespaces (private.c);
 * when the last one leaves and the lab is empty (never built, or destroyed),
 * or once it is empty after that (the last program in it ended), the
 * keeper removes its socket and exits. */
#include <dirent.h>
#include <net/if.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <linux/close_range.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "front/private.h"
#include "kernel/kernel.h"

#define RUN "/run"
#define FIRST_CLIENT_WAIT_MS 10000	/* the netsh that made the keeper connects at once */
#define IDLE_CHECK_MS 1000		/* with no netsh connected, how often the lab is
					 * looked at again: a program still ending when
					 * the last netsh left (a job's watcher) */

/* Read a one-number sysctl under /proc/sys; -1 when it is not there. */
static long sysctl_num(const char *path)
{
	char buf[32] = "";
	FILE *f = fopen(path, "re");
	long v = -1;

	if (f) {
		if (fgets(buf, sizeof(buf), f))
			v = strtol(buf, NULL, 10);
		fclose(f);
	}
	return v;
}

/* Why a user namespace cannot be made or used here, in words an
 * administrator can act on (e is the failing call's errno). */
static void explain_userns(struct nerr *err, const char *what, int e)
{
	const char *how = "or run netsh as root (sudo netsh)";

	if (sysctl_num("/proc/sys/kernel/unprivileged_userns_clone") == 0)
		nerr_setc(err, NERR_UNSUPPORTED, -1,
			  "cannot make a private lab: this machine forbids unprivileged user namespaces "
			  "(kernel.unprivileged_userns_clone = 0). An administrator can allow them "
			  "(sysctl kernel.unprivileged_userns_clone=1, kept in /etc/sysctl.d/), %s", how);
	else if (sysctl_num("/proc/sys/user/max_user_namespaces") == 0)
		nerr_setc(err, NERR_UNSUPPORTED, -1,
			  "cannot make a private lab: user namespaces are switched off here "
			  "(user.max_user_namespaces = 0). An administrator can allow them "
			  "(sysctl user.max_user_namespaces=15000, kept in /etc/sysctl.d/), %s", how);
	else if (sysctl_num("/proc/sys/kernel/apparmor_restrict_unprivileged_userns") == 1)
		nerr_setc(err, NERR_UNSUPPORTED, -1,
			  "cannot make a private lab: AppArmor restricts unprivileged user namespaces "
			  "(kernel.apparmor_restrict_unprivileged_userns = 1; %s: %s). An administrator "
			  "can give netsh an AppArmor profile with 'userns,' or set that sysctl to 0, %s",
			  what, strerror(e), how);
	else
		nerr_setc(err, NERR_UNSUPPORTED, -1,
			  "cannot make a private lab: %s: %s (the user namespace limit may be reached: "
			  "user.max_user_namespaces), %s", what, strerror(e), how);
}

/* Write TEXT to a /proc file of this process. */
static int write_proc(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, text, strlen(text));
		close(fd);
	}
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Enter a new user namespace with the caller's user and group mapped to
 * root, then new network and mount namespaces owned by it. */
static int make_namespaces(struct nerr *err)
{
	char map[64];
	uid_t uid = geteuid();
	gid_t gid = getegid();

	if (unshare(CLONE_NEWUSER) < 0)
		return explain_userns(err, "unshare(CLONE_NEWUSER)", errno), -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)uid);
	if (write_proc("/proc/self/uid_map", map) < 0)
		return explain_userns(err, "writing uid_map", errno), -1;
	snprintf(map, sizeof(map), "0 %u 1\n", (unsigned)gid);
	if (write_proc("/proc/self/setgroups", "deny") < 0 ||
	    write_proc("/proc/self/gid_map", map) < 0)
		return explain_userns(err, "writing gid_map", errno), -1;
	if (unshare(CLONE_NEWNET | CLONE_NEWNS) < 0)
		return explain_userns(err, "unshare(CLONE_NEWNET|CLONE_NEWNS)", errno), -1;
	if (mount(NULL, "/", NULL, MS_REC | MS_SLAVE, NULL) < 0)
		return nerr_set(err, -1, "making / a slave mount: %s", strerror(errno));
	return 0;
}

/* Give the copy of RUN/NAME, bound from OLD (the original /run), its place
 * in the new /run: a directory, file or symlink of the same name. */
static int bind_back(int old, const char *name, struct nerr *err)
{
	char path[PATH_MAX], target[PATH_MAX];
	struct stat sb;
	ssize_t n;
	int fd, tree;

	if (fstatat(old, name, &sb, AT_SYMLINK_NOFOLLOW) < 0)
		return 0;	/* gone meanwhile */
	snprintf(path, sizeof(path), "%s/%s", RUN, name);
	if (S_ISLNK(sb.st_mode)) {
		n = readlinkat(old, name, target, sizeof(target) - 1);
		if (n < 0)
			return 0;
		target[n] = '\0';
		return symlink(target, path) < 0 ? nerr_set(err, -1, "symlink %s: %s", path,
							    strerror(errno)) : 0;
	}
	if (S_ISDIR(sb.st_mode) ? mkdir(path, 0755) < 0 :
	    (fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644)) < 0 || close(fd) < 0)
		return nerr_set(err, -1, "making %s: %s", path, strerror(errno));
	tree = (int)open_tree(old, name, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE |
			      AT_SYMLINK_NOFOLLOW);
	if (tree < 0)
		return 0;	/* what cannot be bound (another user's private mount) stays out */
	if (move_mount(tree, "", AT_FDCWD, path, MOVE_MOUNT_F_EMPTY_PATH) < 0) {
		close(tree);
		return nerr_set(err, -1, "binding %s: %s", path, strerror(errno));
	}
	close(tree);
	return 0;
}

/* A /run of the lab's own: a tmpfs with empty netns and netsh directories,
 * and everything else of the original /run bound back in place, so that
 * sockets and files there (/run/user, resolv.conf's target) still work. */
static int make_run(struct nerr *err)
{
	int old = (int)open_tree(AT_FDCWD, RUN, OPEN_TREE_CLONE | OPEN_TREE_CLOEXEC | AT_RECURSIVE);
	int rc = 0;
	struct dirent *e;
	DIR *d;

	if (old < 0)
		return nerr_set(err, -1, "copying %s: %s", RUN, strerror(errno));
	if (mount("netsh-private", RUN, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755") < 0) {
		close(old);
		return nerr_set(err, -1, "mounting a tmpfs on %s: %s", RUN, strerror(errno));
	}
	d = fdopendir(openat(old, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
	while (d && (e = readdir(d)) && rc == 0) {
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strcmp(e->d_name, "netns") && strcmp(e->d_name, "netsh"))
			rc = bind_back(old, e->d_name, err);
	}
	if (d)
		closedir(d);
	close(old);
	if (rc == 0 && (mkdir(RUN "/netns", 0755) < 0 || mkdir(RUN "/netsh", 0755) < 0))
		rc = nerr_set(err, -1, "making %s/netns: %s", RUN, strerror(errno));
	return rc;
}

/* The lab's host namespace as a root lab's host is: lo up, and ping open
 * to the lab's root (ping_group_range) for ping's datagram sockets. */
static int ready_host(struct nerr *err)
{
	if (kernel_lo_up(err) < 0)
		return -1;
	if (write_proc("/proc/sys/net/ipv4/ping_group_range", "0 0") < 0)
		return nerr_set(err, -1, "opening ping to the lab (ping_group_range): %s",
				strerror(errno));
	return 0;
}

/* Is any process but the keeper and the netsh that is leaving (LEAVING) in
 * the lab's user namespace: a job, or a program started on the host? */
static bool others_inside(pid_t leaving)
{
	char self[64] = "", link[64], path[64];
	DIR *d = opendir("/proc");
	struct dirent *e;
	bool found = false;
	ssize_t n;

	n = readlink("/proc/self/ns/user", self, sizeof(self) - 1);
	if (n > 0)
		self[n] = '\0';
	while (d && !found && (e = readdir(d))) {
		long pid = strtol(e->d_name, NULL, 10);

		if (pid <= 0 || pid == getpid() || pid == leaving)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/ns/user", pid);
		n = readlink(path, link, sizeof(link) - 1);
		if (n > 0) {
			link[n] = '\0';
			found = strcmp(link, self) == 0;
		}
	}
	if (d)
		closedir(d);
	return found;
}

/* Is the lab empty: no namespace under /run/netns, a journal with no record
 * after its first line (never written, or emptied by destroy), no link but
 * lo in its host, and no program running in it? */
static bool lab_empty(const char *lab, pid_t leaving)
{
	char path[PATH_MAX], line[128];
	struct if_nameindex *links = if_nameindex();
	struct dirent *e;
	bool empty = links && links[0].if_name && !links[1].if_name;	/* lo alone */
	DIR *d = opendir(RUN "/netns");
	FILE *f;

	if (links)
		if_freenameindex(links);
	while (d && empty && (e = readdir(d)))
		empty = !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	snprintf(path, sizeof(path), "%s/%s/journal", RUN "/netsh", lab);
	if (empty && (f = fopen(path, "re"))) {
		empty = fgets(line, sizeof(line), f) == NULL || fgets(line, sizeof(line), f) == NULL;
		fclose(f);
	}
	return empty && !others_inside(leaving);
}

/* Take the rendezvous lock, through signals. */
static void lock_dir(int fd)
{
	while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
		;
}

/* May the keeper go? Under the rendezvous lock (no netsh between connect
 * and join), with no connection waiting: then its socket goes first, so the
 * next netsh makes a new keeper rather than reaching this one. */
static bool may_exit(const struct keeper_args *a, pid_t leaving)
{
	struct pollfd pending = { .fd = a->listen_fd, .events = POLLIN };

	if (!lab_empty(a->lab, leaving))
		return false;
	lock_dir(a->dir_fd);
	if (poll(&pending, 1, 0) > 0) {
		flock(a->dir_fd, LOCK_UN);
		return false;
	}
	unlinkat(a->dir_fd, a->sock_name, 0);
	return true;	/* holding the lock, to the end */
}

/* A watch on the rendezvous directory: the keeper's socket removed (the
 * user's runtime directory cleared at logout, or by hand) ends the lab, as
 * nothing could reach it any more. -1 when inotify is not there. */
static int watch_socket(const struct keeper_args *a)
{
	char path[64];
	int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);

	snprintf(path, sizeof(path), "/proc/self/fd/%d", a->dir_fd);
	if (fd >= 0 && inotify_add_watch(fd, path, IN_DELETE | IN_MOVED_FROM | IN_DELETE_SELF |
					 IN_MOVE_SELF) < 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Is the keeper's socket still where netsh looks for it? Not when the
 * directory itself went (removed, moved, unmounted), nor its socket. */
static bool socket_there(const struct keeper_args *a, int watch)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	const uint32_t gone = IN_IGNORED | IN_UNMOUNT | IN_DELETE_SELF | IN_MOVE_SELF;
	ssize_t len;

	while ((len = read(watch, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			const struct inotify_event *ev = (const struct inotify_event *)p;

			if (ev->mask & gone)
				return false;
			p += sizeof(*ev) + ev->len;
		}
	}
	return faccessat(a->dir_fd, a->sock_name, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
}

/* Serve until the lab is empty and nobody is connected, or the socket is
 * gone. Each netsh holds a connection while it runs; the keeper only
 * counts them (fds[0] listens, fds[1] watches, the rest are netsh's). */
static void serve(const struct keeper_args *a)
{
	struct pollfd *fds = xcalloc(2, sizeof(*fds));
	pid_t *pids = xcalloc(2, sizeof(*pids));	/* each netsh's, for lab_empty */
	size_t n = 2, cap = 2;
	bool served = false;

	fds[0] = (struct pollfd){ .fd = a->listen_fd, .events = POLLIN };
	fds[1] = (struct pollfd){ .fd = watch_socket(a), .events = POLLIN };
	for (;;) {
		int r = poll(fds, n, n > 2 ? -1 : served ? IDLE_CHECK_MS : FIRST_CLIENT_WAIT_MS);

		if (r < 0 && errno == EINTR)
			continue;
		if (r == 0 && may_exit(a, 0))
			break;
		if ((fds[1].revents & POLLIN) && !socket_there(a, fds[1].fd))
			break;
		if (fds[0].revents & POLLIN) {
			int c = accept4(a->listen_fd, NULL, NULL, SOCK_CLOEXEC);
			struct ucred cr = { 0 };
			socklen_t len = sizeof(cr);

			if (c >= 0) {
				getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &len);
				if (n == cap) {
					cap *= 2;
					fds = xrealloc(fds, cap * sizeof(*fds));
					pids = xrealloc(pids, cap * sizeof(*pids));
				}
				pids[n] = cr.pid;
				fds[n++] = (struct pollfd){ .fd = c, .events = POLLIN };
				served = true;
			}
		}
		for (size_t i = 2; i < n; i++) {
			char buf[64];

			if (!fds[i].revents || read(fds[i].fd, buf, sizeof(buf)) > 0)
				continue;
			/* That netsh has left. The last one sees its connection
			 * close only after the keeper's socket is gone. */
			if (n == 3 && may_exit(a, pids[i]))
				goto out;
			close(fds[i].fd);
			pids[i] = pids[n - 1];
			fds[i--] = fds[--n];
		}
	}
out:
	lock_dir(a->dir_fd);
	rmdir(a->dir);	/* when no other lab's socket is there */
	free(fds);
	free(pids);
}

/* Listen on the lab's socket in the rendezvous directory, before leaving
 * the user's mount namespace: that is where every netsh of the user looks. */
static int listen_here(struct keeper_args *a, struct nerr *err)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };

	snprintf(addr.sun_path, sizeof(addr.sun_path), "%s", a->sock_name);
	a->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (a->listen_fd < 0 || fchdir(a->dir_fd) < 0 ||
	    bind(a->listen_fd, (struct sockaddr *)&addr, sizeof(addr)) < 0 ||
	    listen(a->listen_fd, 16) < 0 || chdir("/") < 0)
		return nerr_set(err, -1, "cannot listen on %s/%s: %s", a->dir, a->sock_name,
				strerror(errno));
	return 0;
}

/* Close every descriptor netsh was started with but the two the keeper
 * needs: it lives on, and must not hold a caller's pipe or lock. */
static void close_others(int x, int y)
{
	unsigned lo = (unsigned)(x < y ? x : y), hi = (unsigned)(x < y ? y : x);

	if (lo > 3)
		close_range(3, lo - 1, 0);
	if (hi > lo + 1)
		close_range(lo + 1, hi - 1, 0);
	close_range(hi + 1, ~0U, 0);
}

/* Say how the set-up ended to the netsh waiting on STATUS_FD: "ok", or the
 * error's message. */
static void report(int fd, const char *fmt, ...)
{
	char msg[NERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (write(fd, msg, strlen(msg)) < 0)
		return;	/* that netsh is gone; it can do nothing with the message */
}

void keeper_run(struct keeper_args *a)
{
	struct nerr err;
	int null = open("/dev/null", O_RDWR | O_CLOEXEC);

	prctl(PR_SET_NAME, "netsh-keeper");
	signal(SIGHUP, SIG_IGN);
	signal(SIGINT, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	if (null >= 0) {
		dup2(null, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(null, STDERR_FILENO);
		close(null);
	}
	/* A descriptor of its own for the rendezvous directory: the one it was
	 * given shares the lock its maker holds. */
	int own = openat(a->dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	close(a->dir_fd);
	a->dir_fd = own;
	if (own < 0) {
		report(a->status_fd, "cannot open %s: %s", a->dir, strerror(errno));
		_exit(1);
	}
	close_others(a->dir_fd, a->status_fd);
	if (listen_here(a, &err) < 0) {
		report(a->status_fd, "%s", err.msg);
		_exit(1);
	}
	if (make_namespaces(&err) < 0 || make_run(&err) < 0 || ready_host(&err) < 0) {
		report(a->status_fd, "%s", err.msg);
		unlinkat(a->dir_fd, a->sock_name, 0);
		_exit(1);
	}
	report(a->status_fd, "ok");
	close(a->status_fd);
	serve(a);
	_exit(0);
}
