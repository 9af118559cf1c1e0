/* SPDX-License-Identifier: GPL-2.0-or-later */
/* probe.c: ICMP echo probes from inside nodes (probe.h). Each node sends
 * through one raw socket per family, made in its namespace by the kernel
 * layer. An echo carries this run's identifier, its probe's index among
 * that socket's probes as the sequence number and a random nonce, so a
 * reply (or an ICMP error quoting the echo) matches exactly one probe. */
#include <errno.h>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "core/xalloc.h"
#include "engine/probe.h"
#include "engine/session.h"
#include "kernel/kernel.h"

/* <linux/icmp.h>'s filter of a raw ICMP socket (that header clashes with
 * <netinet/ip_icmp.h>). */
#ifndef ICMP_FILTER
#define ICMP_FILTER 1
#endif
struct raw_icmp_filter {
	uint32_t data;		/* a set bit drops that ICMP type */
};

#define ECHO_HDR 8
#define ECHO_LEN (ECHO_HDR + 8)	/* the header and the nonce */
#define MAX_PER_SOCKET 65536	/* sequence numbers are 16 bits */
/* Probes in flight at once: a cap on the burst (and on the sockets'
 * receive buffers) for labs of thousands of pairs. Measured: 9,900 at once
 * (100 hosts on one switch) lose nothing; a probe that gets no reply holds
 * its place for the whole timeout, so the cap is generous. */
#define WINDOW 4096

/* The socket of one node and family, and its probes by sequence number. */
struct sender {
	const struct node *node;
	int family;
	int fd;
	size_t *probes;
	size_t n;
};

struct run {
	struct probe *p;
	size_t n;
	struct sender *snd;
	size_t nsnd;
	size_t *sender_of;	/* by probe: its sender */
	uint16_t *seq_of;	/* by probe: its sequence number there */
	double *sent_at;	/* by probe: when its last echo left (ms) */
	uint16_t id;
	unsigned char nonce[8];
	bool *waiting;		/* by probe: sent in this try, not answered yet */
	size_t left;		/* how many are waiting */
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The Internet checksum (RFC 1071) of an ICMPv4 message. */
static uint16_t csum(const unsigned char *b, size_t len)
{
	uint32_t sum = 0;

	for (size_t i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(b[i] << 8 | b[i + 1]);
	if (len & 1)
		sum += (uint32_t)(b[len - 1] << 8);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Only echo replies and destination-unreachable errors reach the socket. */
static void filter(int fd, int family)
{
	if (family == AF_INET) {
		struct raw_icmp_filter f = {
			~((1U << ICMP_ECHOREPLY) | (1U << ICMP_DEST_UNREACH)) };
		setsockopt(fd, SOL_RAW, ICMP_FILTER, &f, sizeof(f));
	} else {
		struct icmp6_filter f;
		ICMP6_FILTER_SETBLOCKALL(&f);
		ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &f);
		ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &f);
		setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &f, sizeof(f));
	}
}

/* The sender of node n and a family, made on first use. */
static struct sender *sender_for(struct session *s, struct run *r, const struct node *n,
				 int family, struct nerr *err)
{
	int size = 1 << 20, fd;
	struct sender *x;

	for (size_t i = r->nsnd; i-- > 0;)
		if (r->snd[i].node == n && r->snd[i].family == family)
			return &r->snd[i];
	fd = kernel_socket(s->kernel, n->name, &n->id, family, SOCK_RAW | SOCK_NONBLOCK,
			   family == AF_INET ? IPPROTO_ICMP : IPPROTO_ICMPV6, err);
	if (fd < 0)
		return NULL;
	filter(fd, family);
	if (family == AF_INET)	/* a chain of more than 64 routers */
		setsockopt(fd, IPPROTO_IP, IP_TTL, &(int){ 255 }, sizeof(int));
	else
		setsockopt(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, &(int){ 255 }, sizeof(int));
	if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size)) < 0)
		setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof(size));
	r->snd = xrealloc(r->snd, (r->nsnd + 1) * sizeof(*r->snd));
	x = &r->snd[r->nsnd++];
	*x = (struct sender){ .node = n, .family = family, .fd = fd };
	return x;
}

static void sockaddr_of(const struct inet *a, struct sockaddr_storage *ss, socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (a->family == AF_INET) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;
		sin->sin_family = AF_INET;
		memcpy(&sin->sin_addr, a->a, 4);
		*len = sizeof(*sin);
	} else {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
		sin6->sin6_family = AF_INET6;
		memcpy(&sin6->sin6_addr, a->a, 16);
		*len = sizeof(*sin6);
	}
}

/* Send probe i's echo request; a failure to send is its result so far
 * (it then waits for nothing). */
static void send_echo(struct run *r, size_t i)
{
	struct probe *p = &r->p[i];
	struct sender *x = &r->snd[r->sender_of[i]];
	unsigned char pkt[ECHO_LEN] = { 0 };
	struct sockaddr_storage ss;
	uint16_t seq = r->seq_of[i];
	socklen_t len;

	pkt[0] = x->family == AF_INET ? ICMP_ECHO : ICMP6_ECHO_REQUEST;
	pkt[4] = (unsigned char)(r->id >> 8);
	pkt[5] = (unsigned char)r->id;
	pkt[6] = (unsigned char)(seq >> 8);
	pkt[7] = (unsigned char)seq;
	memcpy(pkt + ECHO_HDR, r->nonce, sizeof(r->nonce));
	if (x->family == AF_INET) {	/* the kernel sums ICMPv6 itself */
		uint16_t c = csum(pkt, sizeof(pkt));
		pkt[2] = (unsigned char)(c >> 8);
		pkt[3] = (unsigned char)c;
	}
	sockaddr_of(&p->to, &ss, &len);
	p->tries++;
	r->sent_at[i] = now_ms();
	for (int attempt = 0; attempt < 50; attempt++) {
		if (sendto(x->fd, pkt, sizeof(pkt), 0, (struct sockaddr *)&ss, len) >= 0) {
			r->waiting[i] = true;
			r->left++;
			return;
		}
		if (errno != EAGAIN && errno != ENOBUFS && errno != EINTR)
			break;
		struct pollfd pf = { .fd = x->fd, .events = POLLOUT };
		poll(&pf, 1, 10);
	}
	snprintf(p->why, sizeof(p->why), "cannot send: %s", strerror(errno));
}

static const char *unreach_text(int family, int code)
{
	static const char *const v4[] = { "network", "host", "protocol", "port",
		"fragmentation needed", "source route failed", "network unknown",
		"host unknown", "source host isolated", "network prohibited",
		"host prohibited", "network for TOS", "host for TOS",
		"administratively prohibited" };
	static const char *const v6[] = { "no route", "administratively prohibited",
		"beyond the source's scope", "address", "port", "source policy failed",
		"route rejected" };

	if (family == AF_INET)
		return code >= 0 && code < (int)(sizeof(v4) / sizeof(*v4)) ? v4[code] : "other";
	return code >= 0 && code < (int)(sizeof(v6) / sizeof(*v6)) ? v6[code] : "other";
}

/* The probe of sender x that an echo header (id, seq) at e names, or -1. */
static long probe_of(const struct run *r, const struct sender *x, const unsigned char *e)
{
	unsigned id = (unsigned)(e[4] << 8 | e[5]), seq = (unsigned)(e[6] << 8 | e[7]);

	if (id != r->id || seq >= x->n)
		return -1;
	return (long)x->probes[seq];
}

/* One datagram that arrived on sender x from `from`. */
static void take(struct run *r, struct sender *x, const unsigned char *b, size_t len,
		 const struct inet *from)
{
	const unsigned char *icmp = b, *inner;
	char addr[INET_STRLEN];
	struct probe *p;
	long i;

	if (x->family == AF_INET) {	/* raw IPv4 sockets see the IP header */
		size_t ihl = len ? (size_t)(b[0] & 0xf) * 4 : 0;
		if (len < ihl + ECHO_HDR)
			return;
		icmp = b + ihl;
		len -= ihl;
	}
	if (len < ECHO_HDR)
		return;
	if (icmp[0] == (x->family == AF_INET ? ICMP_ECHOREPLY : ICMP6_ECHO_REPLY)) {
		i = probe_of(r, x, icmp);
		if (i < 0 || len < ECHO_LEN || memcmp(icmp + ECHO_HDR, r->nonce, sizeof(r->nonce)))
			return;
		p = &r->p[i];
		if (p->ok || memcmp(p->to.a, from->a, p->to.family == AF_INET ? 4 : 16) != 0)
			return;
		p->ok = true;
		p->rtt_ms = now_ms() - r->sent_at[i];
		p->why[0] = '\0';
		if (r->waiting[i]) {
			r->waiting[i] = false;
			r->left--;
		}
		return;
	}
	/* Destination unreachable, quoting our echo after the offending
	 * packet's IP header. */
	if (x->family == AF_INET) {
		if (len < ECHO_HDR + 20)
			return;
		inner = icmp + ECHO_HDR + (size_t)(icmp[ECHO_HDR] & 0xf) * 4;
	} else {
		inner = icmp + ECHO_HDR + 40;
	}
	if (inner + ECHO_HDR > icmp + len)
		return;
	i = probe_of(r, x, inner);
	if (i < 0 || r->p[i].ok)
		return;
	snprintf(r->p[i].why, sizeof(r->p[i].why), "destination unreachable (%s) from %s",
		 unreach_text(x->family, icmp[1]), inet_addr_fmt(from, addr, sizeof(addr)));
	if (r->waiting[i]) {	/* the answer of this try */
		r->waiting[i] = false;
		r->left--;
	}
}

/* Read what waits on sender x. */
static void drain(struct run *r, struct sender *x)
{
	unsigned char buf[1500];
	struct sockaddr_storage ss;
	struct inet from;

	for (;;) {
		socklen_t sl = sizeof(ss);
		ssize_t got = recvfrom(x->fd, buf, sizeof(buf), 0, (struct sockaddr *)&ss, &sl);
		if (got < 0)
			return;
		memset(&from, 0, sizeof(from));
		from.family = ss.ss_family;
		if (ss.ss_family == AF_INET)
			memcpy(from.a, &((struct sockaddr_in *)&ss)->sin_addr, 4);
		else
			memcpy(from.a, &((struct sockaddr_in6 *)&ss)->sin6_addr, 16);
		take(r, x, buf, (size_t)got, &from);
	}
}

/* One try of every probe without a reply: at most WINDOW in flight at
 * once, each waiting `ms` for its reply, until all are answered or expired
 * or *stop is set. */
static void one_try(struct run *r, double ms, volatile sig_atomic_t *stop)
{
	struct pollfd *pf = xcalloc(r->nsnd, sizeof(*pf));
	size_t *fifo = xcalloc(r->n ? r->n : 1, sizeof(*fifo));	/* in sending order */
	size_t head = 0, tail = 0, next = 0;

	for (size_t i = 0; i < r->nsnd; i++)
		pf[i] = (struct pollfd){ .fd = r->snd[i].fd, .events = POLLIN };
	memset(r->waiting, 0, r->n * sizeof(*r->waiting));
	r->left = 0;
	while (!(stop && *stop)) {
		double now, wait;
		for (; next < r->n && r->left < WINDOW; next++)
			if (!r->p[next].ok) {
				send_echo(r, next);
				if (r->waiting[next])
					fifo[tail++] = next;
			}
		now = now_ms();
		for (; head < tail; head++) {	/* the oldest first: expire them */
			size_t i = fifo[head];
			if (r->waiting[i] && now < r->sent_at[i] + ms)
				break;
			if (r->waiting[i]) {
				r->waiting[i] = false;
				r->left--;
			}
		}
		if (r->left == 0) {
			if (next == r->n)
				break;
			continue;
		}
		wait = r->sent_at[fifo[head]] + ms - now;
		if (poll(pf, r->nsnd, wait > 100 ? 100 : (int)wait + 1) <= 0)
			continue;
		for (size_t i = 0; i < r->nsnd; i++)
			if (pf[i].revents & POLLIN)
				drain(r, &r->snd[i]);
	}
	free(fifo);
	free(pf);
}

/* Give every probe its sender and sequence number. */
static int prepare(struct session *s, struct run *r, struct nerr *err)
{
	for (size_t i = 0; i < r->n; i++) {
		struct probe *p = &r->p[i];
		struct sender *x;

		p->ok = false;
		p->rtt_ms = 0;
		p->tries = 0;
		p->why[0] = '\0';
		x = sender_for(s, r, p->from, p->to.family, err);
		if (!x)
			return -1;
		if (x->n == MAX_PER_SOCKET)
			return nerr_set(err, -1, "%s: more than %d probes at once", p->from->name,
					MAX_PER_SOCKET);
		x->probes = xrealloc(x->probes, (x->n + 1) * sizeof(*x->probes));
		x->probes[x->n++] = i;
		r->sender_of[i] = (size_t)(x - r->snd);
		r->seq_of[i] = (uint16_t)(x->n - 1);
	}
	return 0;
}

int session_probe(struct session *s, struct probe *p, size_t n, const struct probe_opts *o,
		  volatile sig_atomic_t *stop, struct nerr *err)
{
	struct run r = { .p = p, .n = n };
	size_t unanswered = n;
	int rc;

	if (!s->kernel)
		return nerr_setc(err, NERR_UNSUPPORTED, -1, "probes need the kernel (not in a dry run)");
	if (getrandom(r.nonce, sizeof(r.nonce), 0) != (ssize_t)sizeof(r.nonce)) {
		double t = now_ms();	/* no entropy yet: the clock will do */
		memcpy(r.nonce, &t, sizeof(r.nonce));
	}
	r.id = (uint16_t)(r.nonce[0] << 8 | r.nonce[1]);
	r.sender_of = xcalloc(n ? n : 1, sizeof(*r.sender_of));
	r.seq_of = xcalloc(n ? n : 1, sizeof(*r.seq_of));
	r.waiting = xcalloc(n ? n : 1, sizeof(*r.waiting));
	r.sent_at = xcalloc(n ? n : 1, sizeof(*r.sent_at));
	rc = prepare(s, &r, err);
	for (int t = 0; rc == 0 && t < o->tries && unanswered > 0 && !(stop && *stop); t++) {
		one_try(&r, o->timeout * 1e3, stop);
		unanswered = 0;
		for (size_t i = 0; i < n; i++)
			unanswered += !p[i].ok;
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (!p[i].ok && !p[i].why[0])
			snprintf(p[i].why, sizeof(p[i].why), "no reply in %d %s of %g s",
				 p[i].tries, p[i].tries == 1 ? "try" : "tries", o->timeout);
	for (size_t i = 0; i < r.nsnd; i++) {
		close(r.snd[i].fd);
		free(r.snd[i].probes);
	}
	free(r.snd);
	free(r.sender_of);
	free(r.seq_of);
	free(r.waiting);
	free(r.sent_at);
	return rc;
}
