/* SPDX-License-Identifier: GPL-2.0-or-later */
/* snapshot.c: the lab's model at a point of its journal, packed
 * (core/pack.h) into the lab's directory, so that a netsh starting in a
 * big lab reads it and the journal's tail instead of the whole journal.
 *
 * It is a cache and never the record: written whole and renamed into
 * place, and used only when it is this build's, of this lab (its tag), of
 * this journal file (its inode), at a point the journal still has with
 * the same bytes before it (their hash: hashing is some fifty times
 * cheaper than reading records), and undamaged (its own hash). Anything
 * else and the journal is read from its start, as without a snapshot, and
 * a new snapshot is written. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/crash.h"
#include "core/pack.h"
#include "engine/journal-int.h"

#define SNAP_MAGIC "netsh-snapshot 2"	/* 16 bytes, no NUL in the file */
#define SNAP_AFTER 16384		/* journal bytes past a snapshot that earn a new one */
#define SNAP_MAX (1 << 30)

/* The file's head; the lab's tag (tag_len bytes) and the packed ops follow. */
struct snap_head {
	char magic[16];
	uint64_t format;		/* pack_format() */
	uint64_t ino;			/* the journal file */
	uint64_t offset;		/* how much of it the model has */
	uint64_t records, group;	/* the journal's counts at offset */
	uint64_t journal_hash;		/* of the journal's bytes before offset */
	uint64_t nops, body_len, body_hash;
	uint64_t tag_len;
};

/* Journal bytes past the last snapshot that earn a new one
 * (NETSH_SNAPSHOT_AFTER, for the fault-injection tests). */
static off_t snapshot_after(void)
{
	static long after = -1;

	if (after < 0) {
		const char *e = getenv("NETSH_SNAPSHOT_AFTER");
		after = e && *e ? strtol(e, NULL, 10) : SNAP_AFTER;
		if (after < 1)
			after = 1;
	}
	return after;
}

/* The hash of the first len bytes of the file fd, read through a small
 * buffer (cheaper than mapping it: no page table to fill and empty); -1
 * when they cannot all be read. */
static int hash_file(int fd, uint64_t len, uint64_t *hash)
{
	unsigned char buf[16384];	/* a multiple of PACK_HASH_BLOCK */
	struct pack_hasher x;
	uint64_t at = 0;
	size_t fill = 0;

	if (len == 0 || len > SNAP_MAX)
		return -1;
	pack_hash_start(&x);
	while (at < len) {
		size_t want = len - at < sizeof(buf) ? (size_t)(len - at) : sizeof(buf);
		ssize_t got = pread(fd, buf + fill, want - fill, (off_t)(at + fill));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return -1;	/* the file ends before len: it shrank */
		fill += (size_t)got;
		if (fill < want)
			continue;	/* a short read: the rest of the piece */
		pack_hash_add(&x, buf, want);
		at += want;
		fill = 0;
	}
	*hash = pack_hash_end(&x);
	return 0;
}

/* Map the snapshot file; NULL when there is none or it is not a plain
 * file of a sane size. */
static unsigned char *map_file(int dirfd, size_t *len)
{
	struct stat sb;
	void *p = MAP_FAILED;
	int fd = openat(dirfd, "snapshot", O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    sb.st_size >= (off_t)sizeof(struct snap_head) && sb.st_size <= SNAP_MAX) {
		*len = (size_t)sb.st_size;
		p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
	}
	close(fd);
	return p == MAP_FAILED ? NULL : p;
}

/* Does the head h of the file buf (len bytes) fit this build, this lab
 * and the journal open as j->fd, of size bytes? */
static bool head_fits(const struct journal *j, const struct snap_head *h,
		      const unsigned char *buf, size_t len, off_t size)
{
	uint64_t hash;

	return memcmp(h->magic, SNAP_MAGIC, sizeof(h->magic)) == 0 &&
	       h->format == pack_format() && h->ino == (uint64_t)j->fd_ino &&
	       h->offset > 0 && h->offset <= (uint64_t)size &&
	       h->tag_len == strlen(j->tag) && h->tag_len > 0 &&
	       h->tag_len <= len - sizeof(*h) &&
	       h->body_len == len - sizeof(*h) - h->tag_len &&
	       memcmp(buf + sizeof(*h), j->tag, h->tag_len) == 0 &&
	       hash_file(j->fd, h->offset, &hash) == 0 && hash == h->journal_hash;
}

/* Rebuild a model from the packed ops; NULL when one does not unpack or
 * does not fit. */
static struct model *unpack_model(const unsigned char *p, const unsigned char *end,
				  uint64_t nops)
{
	struct model *m = model_new();
	struct op op;

	for (uint64_t i = 0; i < nops; i++) {
		if (op_unpack(&p, end, &op) < 0 || model_apply(m, &op) < 0) {
			model_free(m);
			return NULL;
		}
	}
	if (p != end) {
		model_free(m);
		return NULL;
	}
	return m;
}

int snapshot_load(struct journal *j, off_t size, struct model **m,
		  void (*changed)(void *arg, const char *node), void *arg)
{
	struct snap_head h;
	struct model *fresh = NULL;
	unsigned char *buf, *body;
	size_t len;

	buf = map_file(j->dirfd, &len);
	if (!buf)
		return -1;
	memcpy(&h, buf, sizeof(h));
	if (head_fits(j, &h, buf, len, size)) {
		body = buf + sizeof(h) + h.tag_len;
		if (pack_hash(body, h.body_len) == h.body_hash)
			fresh = unpack_model(body, body + h.body_len, h.nops);
	}
	munmap(buf, len);
	if (!fresh)
		return -1;
	model_free(*m);
	*m = fresh;
	for (size_t i = 1; changed && i < fresh->nnodes; i++)
		changed(arg, fresh->nodes[i]->name);
	j->offset = j->size = (off_t)h.offset;
	j->records = h.records;
	j->group = h.group;
	j->snap_ino = j->fd_ino;
	j->snap_offset = j->offset;
	return 0;
}

/* Write the snapshot's bytes to a new file and rename it into place. */
static int put_file(struct journal *j, const struct strbuf *all)
{
	int fd;

	unlinkat(j->dirfd, "snapshot.new", 0);	/* a stale one, or a planted link */
	fd = openat(j->dirfd, "snapshot.new", O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
		    0600);
	if (fd < 0)
		return -1;
	if (write_fails() || write(fd, all->s, all->len) != (ssize_t)all->len) {
		close(fd);
		unlinkat(j->dirfd, "snapshot.new", 0);
		return -1;
	}
	close(fd);
	crash_point();
	if (renameat(j->dirfd, "snapshot.new", j->dirfd, "snapshot") < 0) {
		unlinkat(j->dirfd, "snapshot.new", 0);
		return -1;
	}
	crash_point();
	return 0;
}

bool journal_snapshot_due(const struct journal *j)
{
	off_t grown = j->snap_ino == j->ino ? j->size - j->snap_offset : j->size;

	return !j->readonly && j->fd >= 0 && j->ino && j->fd_ino == j->ino &&
	       j->offset == j->size && grown >= snapshot_after();
}

void journal_snapshot(struct journal *j, const struct model *m)
{
	struct snap_head h = { .format = pack_format() };
	struct strbuf all = STRBUF_INIT, body = STRBUF_INIT;

	if (!journal_snapshot_due(j))
		return;
	memcpy(h.magic, SNAP_MAGIC, sizeof(h.magic));
	h.ino = j->ino;
	h.offset = (uint64_t)j->offset;
	h.records = j->records;
	h.group = j->group;
	h.tag_len = strlen(j->tag);
	if (hash_file(j->fd, h.offset, &h.journal_hash) < 0)
		return;
	h.nops = model_write_ops(m, op_pack, &body);
	h.body_len = body.len;
	h.body_hash = pack_hash(body.s, body.len);
	sb_addn(&all, &h, sizeof(h));
	sb_addn(&all, j->tag, h.tag_len);
	sb_addn(&all, body.s, body.len);
	if (put_file(j, &all) == 0) {
		j->snap_ino = j->ino;
		j->snap_offset = j->offset;
	}
	sb_free(&body);
	sb_free(&all);
}
