/* SPDX-License-Identifier: GPL-2.0-or-later */
/* journal.c: the lab's state directory, its lock and key, and writing the
 * journal (replay.c reads it back). Every file is opened relative to the
 * directory, never through a symlink. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crash.h"
#include "core/names.h"
#include "core/record.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "engine/journal-int.h"

#define STATE_DIR "/run/netsh"
#define KEY_BYTES 16

int mkdir_p(const char *dir)
{
	char tmp[4096];

	snprintf(tmp, sizeof(tmp), "%s", dir);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0755) < 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(tmp, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

/* What could not be done to the state directory, and why. */
static int no_access(struct nerr *err, const char *what, const char *path, int e)
{
	return nerr_set(err, -1, "cannot %s %s: %s", what, path, strerror(e));
}

/* The lab's directory: made 0700, or an existing one of ours made 0700;
 * a symlink or another user's directory is refused. */
static int open_lab_dir(const char *base, const char *lab, const char *path, struct nerr *err)
{
	struct stat sb;
	int bfd, fd;

	if (mkdir_p(base) < 0)
		return no_access(err, "create", base, errno), -1;
	bfd = open(base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (bfd < 0)
		return no_access(err, "open", base, errno), -1;
	if (mkdirat(bfd, lab, 0700) < 0 && errno != EEXIST) {
		no_access(err, "create", path, errno);
		close(bfd);
		return -1;
	}
	fd = openat(bfd, lab, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	close(bfd);
	if (fd < 0) {
		if (errno == ELOOP || errno == ENOTDIR)
			nerr_set(err, -1, "%s is not a directory netsh made (a symlink or a file); "
				 "netsh will not keep a lab there", path);
		else
			no_access(err, "open", path, errno);
		return -1;
	}
	if (fstat(fd, &sb) < 0 || sb.st_uid != geteuid()) {
		nerr_set(err, -1, "%s belongs to another user; netsh keeps a lab only in a directory of its own",
			 path);
		close(fd);
		return -1;
	}
	if ((sb.st_mode & 077) && fchmod(fd, 0700) < 0) {
		nerr_set(err, -1, "cannot make %s private (mode 0700): %s", path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/* The lab's key: read it, or make it (under the lock) on first use. */
static int lab_key(struct journal *j, char *hex, struct nerr *err)
{
	unsigned char raw[KEY_BYTES];
	char buf[2 * KEY_BYTES + 2];
	ssize_t n;
	int fd;

	flock(j->lockfd, LOCK_EX);
	fd = openat(j->dirfd, "key", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		fd = openat(j->dirfd, "key", O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0) {
			if (getrandom(raw, sizeof(raw), 0) != (ssize_t)sizeof(raw)) {
				close(fd);
				flock(j->lockfd, LOCK_UN);
				return nerr_set(err, -1, "getrandom: %s", strerror(errno));
			}
			for (size_t i = 0; i < sizeof(raw); i++)
				snprintf(buf + 2 * i, 3, "%02x", raw[i]);
			buf[2 * KEY_BYTES] = '\n';
			if (write(fd, buf, 2 * KEY_BYTES + 1) != 2 * KEY_BYTES + 1) {
				close(fd);
				flock(j->lockfd, LOCK_UN);
				return nerr_set(err, -1, "cannot write %s/key: %s", j->dir, strerror(errno));
			}
			lseek(fd, 0, SEEK_SET);
		}
	}
	flock(j->lockfd, LOCK_UN);
	if (fd < 0)
		return nerr_set(err, -1, "cannot open %s/key: %s", j->dir, strerror(errno));
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 2 * KEY_BYTES || strspn(buf, "0123456789abcdef") < 2 * KEY_BYTES)
		return nerr_set(err, -1, "%s/key is damaged; netsh cannot tell its namespaces from "
				"others' without it", j->dir);
	memcpy(hex, buf, 2 * KEY_BYTES);
	hex[2 * KEY_BYTES] = '\0';
	return 0;
}

/* A dry run's view of the lab: its directory and lock if they exist; it
 * never makes or writes anything. */
static struct journal *open_readonly(struct journal *j)
{
	j->readonly = true;
	j->dirfd = open(j->dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (j->dirfd >= 0)
		j->lockfd = openat(j->dirfd, "lock", O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	j->tag = xstrdup("");
	return j;
}

struct journal *journal_open(const char *lab, bool readonly, struct nerr *err)
{
	const char *base = getenv("NETSH_STATE_DIR");
	char key[2 * KEY_BYTES + 1];
	struct journal *j;

	if (name_check_lab(lab, err) < 0)
		return NULL;
	if (!base || !*base)
		base = STATE_DIR;
	j = xcalloc(1, sizeof(*j));
	j->lockfd = -1;
	j->fd = -1;
	plan_init(&j->open_intents);
	j->dir = xasprintf("%s/%s", base, lab);
	j->path = xasprintf("%s/journal", j->dir);
	if (readonly)
		return open_readonly(j);
	j->dirfd = open_lab_dir(base, lab, j->dir, err);
	if (j->dirfd < 0)
		goto fail;
	j->lockfd = openat(j->dirfd, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (j->lockfd < 0) {
		no_access(err, "open", j->dir, errno);
		goto fail;
	}
	if (lab_key(j, key, err) < 0)
		goto fail;
	j->tag = xasprintf("netsh:%s:%s", lab, key);
	return j;
fail:
	journal_close(j);
	return NULL;
}

void journal_close(struct journal *j)
{
	if (!j)
		return;
	if (j->fd >= 0)
		close(j->fd);
	if (j->lockfd >= 0)
		close(j->lockfd);
	if (j->dirfd >= 0)
		close(j->dirfd);
	plan_free(&j->open_intents);
	sb_free(&j->warnings);
	free(j->dir);
	free(j->path);
	free(j->tag);
	free(j);
}

const char *journal_tag(const struct journal *j)
{
	return j->tag;
}

const char *journal_dir(const struct journal *j)
{
	return j->dir;
}

void journal_reread(struct journal *j)
{
	j->ino = 0;
	j->offset = 0;
}

size_t journal_records(const struct journal *j)
{
	return j->records;
}

char *journal_take_warnings(struct journal *j)
{
	return j->warnings.len ? sb_take(&j->warnings) : NULL;
}

void journal_unlock(struct journal *j)
{
	if (j->lockfd >= 0)
		flock(j->lockfd, LOCK_UN);
}

int journal_file(struct journal *j, struct stat *sb, struct nerr *err)
{
	const char *why = NULL;

	if (fstatat(j->dirfd, "journal", sb, AT_SYMLINK_NOFOLLOW) == 0 && j->fd >= 0 &&
	    sb->st_ino == j->fd_ino)
		return 0;
	if (j->fd >= 0)
		close(j->fd);
	j->fd = openat(j->dirfd, "journal", (j->readonly ? O_RDONLY : O_RDWR | O_APPEND) |
		       O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (j->fd < 0 && errno == ENOENT)
		return 1;
	if (j->fd < 0 || fstat(j->fd, sb) < 0)
		why = strerror(errno);
	else if (!S_ISREG(sb->st_mode))
		why = "not a plain file";
	if (why) {
		nerr_set(err, -1, "cannot read %s: %s", j->path, why);
		if (j->fd >= 0)
			close(j->fd);
		j->fd = -1;
		return -1;
	}
	j->fd_ino = sb->st_ino;
	return 0;
}

/* Append text to the journal in one write (the lock held, so j->size is
 * its length), the magic line first in a new file. On failure the file is
 * cut back to where it was. */
static int append(struct journal *j, const struct strbuf *text, struct nerr *err)
{
	struct strbuf all = STRBUF_INIT;
	struct stat sb;
	ssize_t n;
	int e;

	if (j->fd < 0) {	/* the lab's first record */
		j->fd = openat(j->dirfd, "journal",
			       O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (j->fd < 0 || fstat(j->fd, &sb) < 0) {
			e = errno;
			if (j->fd >= 0)
				close(j->fd);
			j->fd = -1;
			return nerr_set(err, -1, "cannot write %s: %s", j->path, strerror(e));
		}
		j->fd_ino = j->ino = sb.st_ino;
		j->size = sb.st_size;
	}
	if (j->size == 0)
		sb_puts(&all, JOURNAL_MAGIC);
	sb_puts(&all, sb_str(text));
	n = write_fails() ? (errno = ENOSPC, -1) : write(j->fd, all.s, all.len);
	e = n < 0 ? errno : ENOSPC;
	if (n != (ssize_t)all.len) {
		(void)!ftruncate(j->fd, j->size);
		sb_free(&all);
		return nerr_set(err, -1, "cannot write %s: %s", j->path, strerror(e));
	}
	j->size += n;
	sb_free(&all);
	return 0;
}

int journal_begin(struct journal *j, const struct plan *intents, struct nerr *err)
{
	struct strbuf b = STRBUF_INIT;
	int rc;

	if (j->readonly)
		return 0;
	sb_printf(&b, "begin %lu\n", j->group + 1);
	for (size_t i = 0; i < intents->nops; i++) {
		sb_puts(&b, "want ");
		record_write(&intents->ops[i], &b);
	}
	rc = append(j, &b, err);
	sb_free(&b);
	if (rc == 0)
		j->group++;
	crash_point();
	return rc;
}

int journal_commit(struct journal *j, const struct plan *done, struct nerr *err)
{
	struct strbuf b = STRBUF_INIT;
	int rc;

	if (j->readonly)
		return 0;
	for (size_t i = 0; i < done->nops; i++)
		record_write(&done->ops[i], &b);
	sb_printf(&b, "commit %lu\n", j->group);
	rc = append(j, &b, err);
	sb_free(&b);
	if (rc == 0) {
		j->offset = j->size;	/* the model has it already */
		j->records += done->nops;
	}
	crash_point();
	return rc;
}

int journal_compact(struct journal *j, const struct model *m, struct nerr *err)
{
	struct strbuf text = STRBUF_INIT, *b = &text;
	struct stat sb;
	size_t records;
	int fd;

	if (j->readonly)
		return 0;
	sb_puts(b, JOURNAL_MAGIC);
	records = model_write_ops(m, record_write, b);
	unlinkat(j->dirfd, "journal.new", 0);	/* a stale one, or a planted link */
	fd = openat(j->dirfd, "journal.new",
		    O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 || write(fd, b->s, b->len) != (ssize_t)b->len || fstat(fd, &sb) < 0 ||
	    renameat(j->dirfd, "journal.new", j->dirfd, "journal") < 0) {
		nerr_set(err, -1, "cannot write %s: %s", j->path, strerror(errno));
		if (fd >= 0)
			close(fd);
		unlinkat(j->dirfd, "journal.new", 0);
		sb_free(b);
		return -1;
	}
	if (j->fd >= 0)
		close(j->fd);
	j->fd = fd;		/* the journal now */
	j->fd_ino = sb.st_ino;
	unlinkat(j->dirfd, "snapshot", 0);	/* of the file replaced */
	j->snap_ino = 0;
	j->ino = sb.st_ino;
	j->size = j->offset = sb.st_size;
	j->records = records;
	sb_free(b);
	return 0;
}
