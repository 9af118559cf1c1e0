/* SPDX-License-Identifier: GPL-2.0-or-later */
/* private.c: finding, starting and joining the keeper of a private lab.
 * The rendezvous directory is the user's own (mode 0700, never through a
 * symlink) and its lock orders every netsh of the user against a keeper
 * that is leaving. The keeper is proven by the socket's peer credentials
 * (the user's own uid) and joined through a pidfd taken while its
 * connection is alive, so a reused process ID is never joined. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/pidfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/names.h"
#include "core/xalloc.h"
#include "front/private.h"

#define LEAVE_WAIT_MS 2000
#define KEEPER_START_MS 10000	/* a keeper says "ok" in milliseconds */

/* Where the user's netsh processes meet the keepers. */
static char *rendezvous_dir(void)
{
	const char *x = getenv("XDG_RUNTIME_DIR");
	struct stat sb;

	if (x && x[0] == '/' && stat(x, &sb) == 0 && S_ISDIR(sb.st_mode) && sb.st_uid == geteuid())
		return xasprintf("%s/netsh", x);
	return xasprintf("/tmp/netsh-%u", (unsigned)geteuid());
}

/* Open DIR (made 0700 if need be and CREATE) and take its lock; refuse a
 * directory that is not the user's alone. A directory a leaving keeper
 * removed while we waited for the lock is made again. -2: none, and not
 * CREATE. */
static int open_rendezvous(const char *dir, bool create, struct nerr *err)
{
	struct stat sb;
	int fd;

	for (;;) {
		if (create && mkdir(dir, 0700) < 0 && errno != EEXIST)
			return nerr_set(err, -1, "cannot make %s: %s", dir, strerror(errno));
		fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (fd < 0 && !create && errno == ENOENT)
			return -2;	/* no keeper of the user's at all */
		if (fd < 0 && errno == ELOOP)
			return nerr_set(err, -1, "%s is a symlink; netsh will not meet a private "
					"lab's keeper there", dir);
		if (fd < 0)
			return nerr_set(err, -1, "cannot open %s: %s", dir, strerror(errno));
		if (fstat(fd, &sb) < 0 || sb.st_uid != geteuid() || (sb.st_mode & 077)) {
			close(fd);
			return nerr_set(err, -1, "%s is not a directory of yours alone (mode 0700); "
					"netsh will not meet a private lab's keeper there", dir);
		}
		while (flock(fd, LOCK_EX) < 0 && errno == EINTR)
			;
		if (fstat(fd, &sb) == 0 && sb.st_nlink > 0)
			return fd;
		close(fd);	/* removed by a keeper that left; make it again */
	}
}

/* Connect to the keeper's socket NAME in the directory DIR_FD; -1 with
 * errno ENOENT (no keeper) or ECONNREFUSED (a keeper that died). */
static int connect_keeper(int dir_fd, const char *name)
{
	struct sockaddr_un addr = { .sun_family = AF_UNIX };
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0), e;

	snprintf(addr.sun_path, sizeof(addr.sun_path), "/proc/self/fd/%d/%s", dir_fd, name);
	if (fd < 0 || connect(fd, (struct sockaddr *)&addr, sizeof(addr)) == 0)
		return fd;
	e = errno;
	close(fd);
	errno = e;
	return -1;
}

/* Start a keeper (twice forked, so it belongs to no netsh) and wait until
 * it listens and holds its namespaces, or says why it cannot. */
static int start_keeper(const char *lab, const char *dir, int dir_fd, const char *name,
			struct nerr *err)
{
	char msg[NERR_MSG_MAX] = "";
	size_t len = 0;
	ssize_t n;
	int st[2];
	pid_t pid;

	if (pipe2(st, O_CLOEXEC) < 0)
		return nerr_set(err, -1, "pipe: %s", strerror(errno));
	pid = fork();
	if (pid == 0) {
		struct keeper_args a = { .lab = lab, .dir = dir, .sock_name = name,
					 .dir_fd = dir_fd, .status_fd = st[1], .listen_fd = -1 };
		close(st[0]);
		setsid();
		if (fork() != 0)
			_exit(0);
		keeper_run(&a);
	}
	close(st[1]);
	if (pid < 0) {
		close(st[0]);
		return nerr_set(err, -1, "fork: %s", strerror(errno));
	}
	waitpid(pid, NULL, 0);
	for (struct pollfd p = { .fd = st[0], .events = POLLIN };
	     len < sizeof(msg) - 1 && poll(&p, 1, KEEPER_START_MS) > 0 &&
	     (n = read(st[0], msg + len, sizeof(msg) - 1 - len)) > 0;)
		len += (size_t)n;
	close(st[0]);
	msg[len] = '\0';
	if (strcmp(msg, "ok") == 0)
		return 0;
	return nerr_setc(err, NERR_UNSUPPORTED, -1, "%s",
			 len ? msg : "the private lab's keeper did not start (it ended, or gave no "
			 "word in 10 s)");
}

/* Go to PATH if it is the directory HERE (the lab's mount namespace may
 * show something else at that path). */
static bool same_dir(const char *path, int here)
{
	struct stat a, b;

	return path && here >= 0 && stat(path, &a) == 0 && fstat(here, &b) == 0 &&
	       a.st_dev == b.st_dev && a.st_ino == b.st_ino && chdir(path) == 0;
}

/* Join the namespaces of the keeper at the other end of CONN. 1 when the
 * keeper went meanwhile (try again). The working directory is kept. */
static int join(int conn, struct private_lab *pl, struct nerr *err)
{
	struct pollfd gone = { .fd = conn, .events = POLLIN | POLLRDHUP };
	struct ucred cr;
	socklen_t len = sizeof(cr);
	char *cwd;
	int pidfd, here, rc;

	if (getsockopt(conn, SOL_SOCKET, SO_PEERCRED, &cr, &len) < 0)
		return nerr_set(err, -1, "asking the keeper who it is: %s", strerror(errno));
	if (cr.uid != geteuid())
		return nerr_set(err, -1, "the private lab's socket is held by user %u, not by you",
				(unsigned)cr.uid);
	pidfd = pidfd_open(cr.pid, 0);
	if (pidfd < 0 && errno != ESRCH)
		return nerr_setc(err, NERR_UNSUPPORTED, -1, "private labs need Linux 5.8 or later "
				 "(pidfd_open: %s)", strerror(errno));
	if (pidfd < 0 || poll(&gone, 1, 0) > 0) {
		if (pidfd >= 0)
			close(pidfd);
		return 1;	/* the process ID may not be the keeper's any more */
	}
	cwd = getcwd(NULL, 0);
	here = open(".", O_PATH | O_CLOEXEC);
	rc = setns(pidfd, CLONE_NEWUSER | CLONE_NEWNS | CLONE_NEWNET);
	if (rc < 0 && errno == EINVAL)
		nerr_setc(err, NERR_UNSUPPORTED, -1, "private labs need Linux 5.8 or later "
			  "(setns on a pidfd: %s)", strerror(errno));
	else if (rc < 0)
		nerr_set(err, -1, "joining the private lab (keeper %d): %s", (int)cr.pid,
			 strerror(errno));
	else if (!same_dir(cwd, here) && (here < 0 || fchdir(here) < 0) && chdir("/") < 0)
		rc = nerr_set(err, -1, "no working directory in the private lab: %s", strerror(errno));
	free(cwd);
	if (here >= 0)
		close(here);
	close(pidfd);
	pl->keeper = cr.pid;
	return rc;
}

int private_enter(const char *lab, bool create, struct private_lab *pl, struct nerr *err)
{
	char *dir, *name;
	int rc = -1;

	*pl = (struct private_lab){ .conn = -1 };
	if (name_check_lab(lab, err) < 0)
		return -1;
	dir = rendezvous_dir();
	name = xasprintf("%s.sock", lab);
	for (int tries = 0; tries < 3 && rc != 0; tries++) {
		int dir_fd = open_rendezvous(dir, create, err);

		if (dir_fd == -2)
			rc = 1;	/* no lab, and none to make */
		if (dir_fd < 0)
			break;
		pl->conn = connect_keeper(dir_fd, name);
		int e = pl->conn < 0 ? errno : 0;

		if (e && !create && (e == ENOENT || e == ECONNREFUSED)) {
			close(dir_fd);
			rc = 1;
			break;
		}
		if (e == ECONNREFUSED) {
			unlinkat(dir_fd, name, 0);	/* its keeper died: the lab went with it */
			pl->ended = true;
		}
		if (e == ENOENT || e == ECONNREFUSED) {
			if (start_keeper(lab, dir, dir_fd, name, err) < 0) {
				rmdir(dir);	/* unless another lab's keeper is there */
				close(dir_fd);
				rc = -1;
				break;
			}
			pl->made = true;
			pl->conn = connect_keeper(dir_fd, name);
		}
		rc = pl->conn < 0 ? nerr_set(err, -1, "cannot reach the private lab's keeper at "
					     "%s/%s: %s", dir, name, strerror(errno))
				  : join(pl->conn, pl, err);
		close(dir_fd);	/* and its lock */
		if (rc != 0 && pl->conn >= 0) {
			close(pl->conn);
			pl->conn = -1;
		}
		if (rc < 0)
			break;
	}
	if (rc > 0 && create)
		nerr_set(err, -1, "the private lab's keeper keeps going away; try again");
	free(dir);
	free(name);
	return rc < 0 || (rc > 0 && create) ? -1 : rc;
}

void private_leave(struct private_lab *pl)
{
	struct pollfd seen = { .fd = pl->conn, .events = POLLIN };

	if (pl->conn < 0)
		return;
	shutdown(pl->conn, SHUT_WR);
	poll(&seen, 1, LEAVE_WAIT_MS);
	close(pl->conn);
	pl->conn = -1;
}
