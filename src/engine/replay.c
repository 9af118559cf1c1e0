/* SPDX-License-Identifier: GPL-2.0-or-later */
/* replay.c: reading the journal back into the model, from where this
 * process last read it: groups applied at their commit, a torn last record
 * cut off, damaged records skipped, each reported once; a group left open
 * handed back to be settled. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/record.h"
#include "core/xalloc.h"
#include "engine/journal-int.h"

#define JOURNAL_V1 "netsh-journal 1\n"

/* Where a replay stands. */
struct replay {
	struct journal *j;
	struct model *m;
	void (*changed)(void *arg, const char *node);
	void *arg;
	bool open;		/* inside a group */
	off_t group_at;		/* where its begin line starts */
	off_t body_end;		/* where its begin write ends */
	struct plan intents, done;
};

static void warn(struct journal *j, off_t at, const char *fmt, const char *detail)
{
	sb_printf(&j->warnings, "%s: ", j->path);
	sb_printf(&j->warnings, fmt, (long long)at, detail);
	sb_putc(&j->warnings, '\n');
}

/* Apply one op read from the journal to the model. */
static void apply(struct replay *r, const struct op *op, off_t at)
{
	if (model_apply(r->m, op) < 0) {
		warn(r->j, at, "skipped a record at byte %lld that does not fit the lab (%s)",
		     op_kind_name(op->kind));
		return;
	}
	r->j->records++;
	if (r->changed && (op->kind == OP_NS_DEL || op->kind == OP_NS_ADD))
		r->changed(r->arg, op->node);
}

/* Apply a group's recorded ops and close it. */
static void close_group(struct replay *r)
{
	for (size_t i = 0; i < r->done.nops; i++)
		apply(r, &r->done.ops[i], r->group_at);
	r->done.nops = 0;
	r->intents.nops = 0;
	r->open = false;
}

static void push(struct plan *p, const struct op *op)
{
	*plan_add(p, op->kind, op->node) = *op;
}

/* One complete line (without its newline) at offset `at`. */
static void line(struct replay *r, const char *s, size_t len, off_t at)
{
	struct nerr why;
	struct op op;

	if (len > 6 && strncmp(s, "begin ", 6) == 0) {
		if (r->open) {
			warn(r->j, r->group_at, "the command begun at byte %lld has no commit "
			     "(damaged); kept what it recorded%s", "");
			close_group(r);
		}
		r->open = true;
		r->group_at = at;
		r->body_end = at + (off_t)len + 1;
		r->j->group = strtoul(s + 6, NULL, 10);
		return;
	}
	if (len > 7 && strncmp(s, "commit ", 7) == 0) {
		if (!r->open)
			warn(r->j, at, "skipped a commit at byte %lld without its begin%s", "");
		else
			close_group(r);
		return;
	}
	bool want = len > 5 && strncmp(s, "want ", 5) == 0;
	if (record_read(want ? s + 5 : s, want ? len - 5 : len, &op, &why) < 0) {
		warn(r->j, at, "skipped a damaged record at byte %lld: %s", why.msg);
		return;
	}
	if (want) {
		if (!r->open) {
			warn(r->j, at, "skipped an intention at byte %lld outside a command%s", "");
			return;
		}
		push(&r->intents, &op);
		r->body_end = at + (off_t)len + 1;
	} else if (r->open) {
		push(&r->done, &op);
	} else {
		apply(r, &op, at);
	}
}

/* Read the journal from `from` to `size`. */
static char *read_tail(int fd, off_t from, off_t size)
{
	size_t len = (size_t)(size - from), got = 0;
	char *buf = xmalloc(len + 1);

	while (got < len) {
		ssize_t n = pread(fd, buf + got, len - got, from + (off_t)got);
		if (n <= 0)
			break;
		got += (size_t)n;
	}
	buf[got] = '\0';
	return buf;
}

/* Start over: the journal was replaced (compacted) or removed. */
static void reset(struct journal *j, struct model **m,
		  void (*changed)(void *, const char *), void *arg)
{
	for (size_t i = 1; i < (*m)->nnodes && changed; i++)
		changed(arg, (*m)->nodes[i]->name);
	model_free(*m);
	*m = model_new();
	j->offset = j->size = 0;
	j->records = 0;
	j->group = 0;
	j->ino = 0;
}

/* The magic line of a journal read from its start. */
static int check_magic(struct journal *j, const char *buf, off_t size, size_t *skip,
		       struct nerr *err)
{
	size_t ml = strlen(JOURNAL_MAGIC);

	*skip = 0;
	if (size >= (off_t)ml && memcmp(buf, JOURNAL_MAGIC, ml) == 0) {
		*skip = ml;
		return 0;
	}
	if (size >= (off_t)strlen(JOURNAL_V1) && memcmp(buf, JOURNAL_V1, strlen(JOURNAL_V1)) == 0)
		return nerr_set(err, -1, "%s was written by netsh 0.1 (journal version 1); this "
				"netsh reads version 2. Tear that lab down with the netsh that built "
				"it, or remove its namespaces (ip netns del) and %s", j->path, j->dir);
	warn(j, 0, "the first line (at byte %lld) is not '%s'; reading the records after it",
	     "netsh-journal 2");
	*skip = strcspn(buf, "\n") + (buf[strcspn(buf, "\n")] ? 1 : 0);
	return 0;
}

/* Replay the bytes of buf (the journal from j->offset). */
static void replay_buf(struct replay *r, int fd, const char *buf, off_t size)
{
	struct journal *j = r->j;
	off_t at = j->offset, end;
	const char *p = buf, *nl;

	while (at < size) {
		nl = memchr(p, '\n', (size_t)(size - at));
		if (!nl) {		/* torn: its writer died mid-write */
			warn(j, at, "cut off a record torn at byte %lld (a netsh stopped while "
			     "writing it)%s", "");
			if (!j->readonly)
				(void)!ftruncate(fd, at);
			size = at;
			break;
		}
		line(r, p, (size_t)(nl - p), at);
		at += nl - p + 1;
		p = nl + 1;
	}
	end = size;
	if (r->open) {
		/* A group left open: what follows its begin write is the torn
		 * start of a commit; cut it, and leave the group to be settled. */
		if (end > r->body_end) {
			warn(j, r->body_end, "cut off the unfinished end of a command at byte %lld%s", "");
			if (!j->readonly)
				(void)!ftruncate(fd, r->body_end);
			end = r->body_end;
		}
		j->offset = r->group_at;
	} else {
		j->offset = end;
	}
	j->size = end;
}

int journal_lock_sync(struct journal *j, struct model **m,
		      void (*changed)(void *arg, const char *node), void *arg,
		      struct plan *unfinished, struct nerr *err)
{
	struct replay r = { .j = j, .changed = changed, .arg = arg };
	struct stat sb;
	size_t skip = 0;
	bool loaded;
	char *buf;

	unfinished->nops = 0;
	if (j->dirfd < 0)
		return 0;	/* a dry run of a lab not made yet */
	while (j->lockfd >= 0 && flock(j->lockfd, LOCK_EX) < 0)
		if (errno != EINTR)
			return nerr_set(err, -1, "cannot lock %s/lock: %s", j->dir, strerror(errno));
	switch (journal_file(j, &sb, err)) {
	case 1:
		if (j->ino)	/* the journal went away: the lab was reset */
			reset(j, m, changed, arg);
		return 0;
	case -1:
		goto fail;
	}
	if (sb.st_ino != j->ino || sb.st_size < j->offset)
		reset(j, m, changed, arg);
	j->ino = sb.st_ino;
	loaded = j->offset == 0 && sb.st_size > 0 &&
		 snapshot_load(j, sb.st_size, m, changed, arg) == 0;
	if (sb.st_size == j->offset) {
		j->size = sb.st_size;
		return loaded ? 1 : 0;
	}
	/* Past here the journal has records this process has not read. */
	buf = read_tail(j->fd, j->offset, sb.st_size);
	if (j->offset == 0 && check_magic(j, buf, sb.st_size, &skip, err) < 0) {
		free(buf);
		goto fail;
	}
	j->offset += (off_t)skip;
	r.m = *m;
	plan_init(&r.intents);
	plan_init(&r.done);
	replay_buf(&r, j->fd, buf + skip, sb.st_size);
	if (fstat(j->fd, &sb) == 0)
		j->size = sb.st_size;	/* as long as it is, should a cut have failed */
	for (size_t i = 0; r.open && i < r.intents.nops; i++)
		push(unfinished, &r.intents.ops[i]);
	plan_free(&r.intents);
	plan_free(&r.done);
	free(buf);
	return 1;
fail:
	journal_unlock(j);
	return -1;
}
