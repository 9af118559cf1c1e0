/* SPDX-License-Identifier: GPL-2.0-or-later */
/* read-many.c: many namespaces read back at once (kernel_read_many), on
 * a few threads. show and save read every node of the lab to find what
 * changed by hand; one namespace after another, that was most of the time
 * of show in a big lab, and the machine's other cores sat idle.
 *
 * Each thread reads with a kernel of its own: its own netlink callbacks,
 * reply and handles (opened, proven and closed as ns_read does), entering
 * namespaces with setns, which moves only the calling thread. What the
 * threads share is read-only: the queries, the host namespace's
 * descriptor. The host itself is read by the caller's kernel. */
#include <pthread.h>
#include <stdlib.h>
#include <stdatomic.h>
#include <string.h>
#include <unistd.h>

#include <netlink/handlers.h>

#include "core/xalloc.h"
#include "kernel/internal.h"

#define READERS_MAX 4		/* threads at most */
#define READS_PER_READER 32	/* fewer namespaces than this each: not worth a thread */

/* The work the threads share: the next query to take, and whom to hand
 * each answer. */
struct batch {
	const struct nlkernel *parent;
	const struct ns_query *q;
	size_t n;
	unsigned what;
	ns_read_fn *fn;
	void *arg;
	atomic_size_t next;
	bool *done;		/* done[i]: q[i] read and handed on */
};

/* Read q[i] with kernel k and hand the answer on. */
static void read_one(struct kernel *k, struct batch *b, size_t i)
{
	struct ns_state st;
	struct nerr err = { 0 };
	int rc = ns_read(k, b->q[i].node, b->q[i].id, b->what, &st, &err);

	b->fn(b->arg, i, rc == 0 ? &st : NULL, &err);
	if (rc == 0)
		ns_state_free(&st);
	b->done[i] = true;
}

/* A thread's own kernel: the parent's home namespace, nothing else. */
static int reader_init(struct nlkernel *r, const struct nlkernel *parent)
{
	memset(r, 0, sizeof(*r));
	r->base.ops = parent->base.ops;
	r->hostfd = parent->hostfd;	/* shared: setns only reads it */
	r->max_handles = 1;		/* each namespace closed when the next is read */
	r->gen = parent->gen;
	if (nl_handlers(r) < 0)
		return -1;
	nametab_init(&r->handles);
	return 0;
}

/* A reading thread: take queries until none is left. */
static void *reader(void *arg)
{
	struct batch *b = arg;
	struct nlkernel r;
	size_t i;

	if (reader_init(&r, b->parent) < 0)
		return NULL;	/* the caller reads what is left */
	while ((i = atomic_fetch_add(&b->next, 1)) < b->n)
		if (strcmp(b->q[i].node, HOST_NS) != 0)
			read_one(&r.base, b, i);
	handles_close(&r);
	nl_cb_put(r.cb);
	return NULL;
}

void ns_read_many(struct kernel *kk, const struct ns_query *q, size_t n, unsigned what,
		  ns_read_fn *fn, void *arg)
{
	struct nlkernel *k = (struct nlkernel *)kk;
	struct batch b = { k, q, n, what, fn, arg, 0, xcalloc(n ? n : 1, sizeof(bool)) };
	pthread_t tid[READERS_MAX];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t want = n / READS_PER_READER, started = 0;

	if (want > READERS_MAX)
		want = READERS_MAX;
	if (cpus > 0 && want > (size_t)cpus)
		want = (size_t)cpus;
	if (want >= 2)
		while (started < want && pthread_create(&tid[started], NULL, reader, &b) == 0)
			started++;
	for (size_t i = 0; i < started; i++)
		pthread_join(tid[i], NULL);
	for (size_t i = 0; i < n; i++)	/* the host, and all of it without threads */
		if (!b.done[i])
			read_one(kk, &b, i);
	free(b.done);
}
