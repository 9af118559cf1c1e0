/* journal.c: the journal that keeps a lab between invocations. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/record.h"
#include "core/strbuf.h"
#include "core/xalloc.h"
#include "engine/journal.h"

#define STATE_DIR "/run/netsh"
#define JOURNAL_V1 "netsh-journal 1\n"

struct journal {
	char *dir, *journal, *lock;
	int lockfd;
	ino_t ino;		/* the journal file we have read */
	off_t offset;		/* how far we have read it */
	size_t records;
};

static int mkdir_p(const char *dir)
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

struct journal *journal_open(const char *lab, struct nerr *err)
{
	const char *base = getenv("NETSH_STATE_DIR");
	struct journal *st;

	if (!lab[0] || strchr(lab, '/') || strcmp(lab, ".") == 0 || strcmp(lab, "..") == 0 ||
	    strlen(lab) > NODE_NAME_MAX) {
		nerr_set(err, -1, "'%s': a lab name must be a non-empty file name", lab);
		return NULL;
	}
	st = xcalloc(1, sizeof(*st));
	st->dir = xasprintf("%s/%s", base && *base ? base : STATE_DIR, lab);
	st->journal = xasprintf("%s/journal", st->dir);
	st->lock = xasprintf("%s/lock", st->dir);
	st->lockfd = -1;
	if (mkdir_p(st->dir) < 0) {
		nerr_set(err, -1, "cannot create the state directory %s: %s",
			 st->dir, strerror(errno));
		goto fail;
	}
	st->lockfd = open(st->lock, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (st->lockfd < 0) {
		nerr_set(err, -1, "cannot open %s: %s", st->lock, strerror(errno));
		goto fail;
	}
	return st;
fail:
	journal_close(st);
	return NULL;
}

void journal_close(struct journal *st)
{
	if (!st)
		return;
	if (st->lockfd >= 0)
		close(st->lockfd);
	free(st->dir);
	free(st->journal);
	free(st->lock);
	free(st);
}

/* Replay journal records from the current offset into *m. */
static int replay(struct journal *st, FILE *f, struct model *m,
		  void (*changed)(void *, const char *), void *arg, struct nerr *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	int rc = 0;

	if (fseeko(f, st->offset, SEEK_SET) < 0)
		return nerr_set(err, -1, "%s: %s", st->journal, strerror(errno));
	if (st->offset == 0) {
		len = getline(&line, &cap, f);
		if (len > 0 && strcmp(line, JOURNAL_MAGIC) != 0) {
			bool v1 = strcmp(line, JOURNAL_V1) == 0;
			free(line);
			if (v1)
				return nerr_set(err, -1, "%s was written by netsh 0.1 (journal version 1); "
						"this netsh reads version 2. Tear that lab down with the netsh "
						"that built it, or remove its namespaces (ip netns del) and %s",
						st->journal, st->dir);
			return nerr_set(err, -1, "%s is not a netsh journal", st->journal);
		}
		if (len > 0)
			st->offset += len;
	}
	while ((len = getline(&line, &cap, f)) > 0) {
		struct op op;
		struct nerr why;
		nerr_clear(&why);
		if (line[len - 1] != '\n')
			break;		/* a record still being written */
		if (record_read(line, (size_t)len - 1, &op, &why) == 0 &&
		    model_apply(m, &op) < 0)
			nerr_set(&why, -1, "it does not fit the lab");
		if (why.msg[0]) {
			rc = nerr_set(err, -1, "%s: bad record at byte %lld: %s",
				      st->journal, (long long)st->offset, why.msg);
			break;
		}
		if (changed && (op.kind == OP_NS_DEL || op.kind == OP_NS_ADD))
			changed(arg, op.node);
		st->offset += len;
		st->records++;
	}
	free(line);
	return rc;
}

int journal_lock_sync(struct journal *st, struct model **m,
		    void (*changed)(void *, const char *), void *arg, struct nerr *err)
{
	struct stat sb;
	FILE *f;

	if (flock(st->lockfd, LOCK_EX) < 0)
		return nerr_set(err, -1, "cannot lock %s: %s", st->lock, strerror(errno));
	f = fopen(st->journal, "r");
	if (!f) {
		if (errno != ENOENT) {
			nerr_set(err, -1, "cannot read %s: %s", st->journal, strerror(errno));
			goto fail;
		}
		if (st->ino) {	/* the journal went away: the lab was reset */
			for (size_t i = 1; i < (*m)->nnodes && changed; i++)
				changed(arg, (*m)->nodes[i]->name);
			model_free(*m);
			*m = model_new();
			st->ino = 0;
			st->offset = 0;
			st->records = 0;
		}
		return 0;
	}
	if (fstat(fileno(f), &sb) < 0) {
		nerr_set(err, -1, "%s: %s", st->journal, strerror(errno));
		fclose(f);
		goto fail;
	}
	if (sb.st_ino != st->ino || sb.st_size < st->offset) {
		/* A new or rewritten journal: read it from the start. */
		for (size_t i = 1; i < (*m)->nnodes && changed; i++)
			changed(arg, (*m)->nodes[i]->name);
		model_free(*m);
		*m = model_new();
		st->ino = sb.st_ino;
		st->offset = 0;
		st->records = 0;
	}
	if (sb.st_size > st->offset && replay(st, f, *m, changed, arg, err) < 0) {
		fclose(f);
		goto fail;
	}
	fclose(f);
	return 0;
fail:
	flock(st->lockfd, LOCK_UN);
	return -1;
}

/* Write ops to a stream; with magic, as a whole new journal. */
static void write_ops(FILE *f, const struct plan *p, bool magic)
{
	struct strbuf b = STRBUF_INIT;

	if (magic)
		sb_puts(&b, JOURNAL_MAGIC);
	for (size_t i = 0; i < p->nops; i++)
		record_write(&p->ops[i], &b);
	fwrite(sb_str(&b), 1, b.len, f);
	sb_free(&b);
}

int journal_append(struct journal *st, const struct plan *p, struct nerr *err)
{
	FILE *f = fopen(st->journal, "a");
	struct stat sb;

	if (!f)
		return nerr_set(err, -1, "cannot write %s: %s", st->journal, strerror(errno));
	if (fstat(fileno(f), &sb) < 0) {
		fclose(f);
		return nerr_set(err, -1, "%s: %s", st->journal, strerror(errno));
	}
	bool fresh = sb.st_size == 0;
	write_ops(f, p, fresh);
	if (fflush(f) != 0 || fstat(fileno(f), &sb) < 0) {
		fclose(f);
		return nerr_set(err, -1, "cannot write %s: %s", st->journal, strerror(errno));
	}
	fclose(f);
	st->ino = sb.st_ino;
	st->offset = sb.st_size;
	st->records += p->nops;
	return 0;
}

int journal_compact(struct journal *st, const struct model *m, struct nerr *err)
{
	struct plan p;
	struct stat sb;
	char *tmp = xasprintf("%s.new", st->journal);
	FILE *f = fopen(tmp, "w");

	if (!f) {
		nerr_set(err, -1, "cannot write %s: %s", tmp, strerror(errno));
		free(tmp);
		return -1;
	}
	plan_init(&p);
	model_to_plan(m, &p);
	write_ops(f, &p, true);
	int bad = fflush(f) != 0 || fstat(fileno(f), &sb) < 0;
	fclose(f);
	if (bad || rename(tmp, st->journal) < 0) {
		nerr_set(err, -1, "cannot write %s: %s", st->journal, strerror(errno));
		unlink(tmp);
		free(tmp);
		plan_free(&p);
		return -1;
	}
	st->ino = sb.st_ino;
	st->offset = sb.st_size;
	st->records = p.nops;
	free(tmp);
	plan_free(&p);
	return 0;
}

size_t journal_records(const struct journal *st)
{
	return st->records;
}

void journal_unlock(struct journal *st)
{
	flock(st->lockfd, LOCK_UN);
}
