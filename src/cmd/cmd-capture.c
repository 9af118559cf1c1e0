/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-capture.c: capture NODE[:IF]... [count N] [for T] [to FILE.pcap]:
 * what passes links of the lab, one line a packet (core/decode.h), or into
 * a pcap file, through libpcap in the kernel layer. Several links make one
 * capture: each packet is tagged with its node and interface (in a file,
 * as an interface index of the Linux "cooked" v2 link type). */
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cmd/args.h"
#include "cmd/cmd.h"
#include "core/decode.h"
#include "core/impair.h"
#include "core/suggest.h"
#include "core/xalloc.h"
#include "engine/session.h"
#include "kernel/kernel.h"

#define SLL2_LEN 20

/* One link captured. */
struct tap {
	const struct node *node;
	char ifname[IFNAMSIZ];
	struct capture *cap;
};

struct capture_args {
	struct tap *taps;
	size_t ntaps;
	unsigned long long count;	/* 0: until Ctrl-C */
	double seconds;			/* 0: no limit */
	const char *file;
};

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
	(void)sig;
	interrupted = 1;
}

static void add_tap(struct capture_args *a, const struct node *n, const char *ifname)
{
	for (size_t i = 0; i < a->ntaps; i++)
		if (a->taps[i].node == n && strcmp(a->taps[i].ifname, ifname) == 0)
			return;
	a->taps = xrealloc(a->taps, (a->ntaps + 1) * sizeof(*a->taps));
	a->taps[a->ntaps] = (struct tap){ .node = n };
	snprintf(a->taps[a->ntaps++].ifname, IFNAMSIZ, "%s", ifname);
}

static int parse(const struct model *m, const struct command *c, struct capture_args *a,
		 struct nerr *err)
{
	static const char *const words[] = { "count", "for", "to", NULL };
	int i = 1;

	for (; i < c->ntok; i++) {
		struct endpoint ep;
		const char *w = c->tok[i].text;
		if (strcmp(w, "count") == 0 || strcmp(w, "for") == 0 || strcmp(w, "to") == 0)
			break;
		if (arg_endpoint(m, c, i, true, &ep, err) < 0) {
			if (!model_node(m, w) && !strchr(w, ':') && suggest(w, words))
				nerr_set(err, i, "'%s': expected NODE[:IF], count N, for T or to FILE.pcap", w);
			return arg_did_you_mean(c, i, words, err);
		}
		if (ep.ifname[0])
			add_tap(a, ep.node, ep.ifname);
		else if (ep.node->kind == KIND_SWITCH)
			add_tap(a, ep.node, BRIDGE_IF);	/* the bridge sees every port */
		else if (!ep.node->nifaces)
			return nerr_set(err, i, "'%s' has no interfaces to capture on", w);
		for (size_t k = 0; !ep.ifname[0] && ep.node->kind != KIND_SWITCH &&
				   k < ep.node->nifaces; k++)
			add_tap(a, ep.node, ep.node->ifaces[k]->name);
	}
	if (a->ntaps == 0)
		return nerr_set(err, i, "name what to capture: NODE (all its links) or NODE:IF");
	for (; i < c->ntok; i += 2) {
		const char *w = c->tok[i].text, *v = i + 1 < c->ntok ? c->tok[i + 1].text : NULL;
		char *end;
		if (strcmp(w, "count") != 0 && strcmp(w, "for") != 0 && strcmp(w, "to") != 0) {
			nerr_set(err, i, "'%s': expected count N, for T or to FILE.pcap", w);
			return arg_did_you_mean(c, i, words, err);
		}
		if (!v)
			return nerr_set(err, c->ntok, "%s needs a value after it", w);
		if (strcmp(w, "count") == 0) {
			a->count = strtoull(v, &end, 10);
			if (*end || !a->count || v[0] == '-' || a->count > 1000000000ULL)
				return nerr_set(err, i + 1, "'%s': expected a number of packets, 1 or more", v);
		} else if (strcmp(w, "for") == 0) {
			unsigned long long us;
			const char *why;
			if (impair_parse(IMPAIR_DELAY, v, &us, &why) < 0 || us == 0)
				return nerr_set(err, i + 1, "'%s': expected a time, as 10s or 500ms", v);
			a->seconds = (double)us / 1e6;
		} else {
			a->file = v;
		}
	}
	return 0;
}

/* A frame in the Linux cooked v2 form, tagged with interface index idx. */
static struct packet sll2(const struct packet *p, unsigned idx, unsigned char *buf, size_t len)
{
	struct packet q = *p;
	size_t body = p->caplen > 14 ? p->caplen - 14 : 0;

	if (body > len - SLL2_LEN)
		body = len - SLL2_LEN;
	memset(buf, 0, SLL2_LEN);
	if (p->caplen >= 14) {
		buf[0] = p->data[12];		/* the ethertype */
		buf[1] = p->data[13];
		memcpy(buf + 12, p->data + 6, 6);	/* the source MAC */
	}
	buf[4] = (unsigned char)(idx >> 24);
	buf[5] = (unsigned char)(idx >> 16);
	buf[6] = (unsigned char)(idx >> 8);
	buf[7] = (unsigned char)idx;
	buf[9] = 1;			/* ARPHRD_ETHER */
	buf[11] = 6;			/* the address's length */
	memcpy(buf + SLL2_LEN, p->data + 14, body);
	q.data = buf;
	q.caplen = SLL2_LEN + body;
	q.len = p->len + SLL2_LEN - 14;
	return q;
}

static void print_packet(struct session *s, const struct tap *t, const struct packet *p)
{
	char line[512], when[32];
	time_t sec = (time_t)p->sec;
	struct tm tm;

	localtime_r(&sec, &tm);
	strftime(when, sizeof(when), "%H:%M:%S", &tm);
	decode_frame(p->data, p->caplen, p->len, line, sizeof(line));
	fprintf(s->out, "%s.%06lld %s:%s %s\n", when, p->usec, t->node->name, t->ifname, line);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Read packets until the count, the time or Ctrl-C; *seen gets how many. */
static int loop(struct session *s, struct capture_args *a, struct dump *d,
		unsigned long long *seen, struct nerr *err)
{
	struct pollfd *pf = xcalloc(a->ntaps, sizeof(*pf));
	static unsigned char buf[SLL2_LEN + 262144];
	double end = a->seconds ? now() + a->seconds : 0;
	int rc = 0;

	for (size_t i = 0; i < a->ntaps; i++)
		pf[i] = (struct pollfd){ .fd = kernel_capture_fd(s->kernel, a->taps[i].cap), .events = POLLIN };
	while (!interrupted && (!a->count || *seen < a->count) && (!end || now() < end) && rc == 0) {
		int wait = end ? (int)((end - now()) * 1000) + 1 : 250;
		if (poll(pf, a->ntaps, wait > 250 ? 250 : wait) <= 0)
			continue;
		for (size_t i = 0; i < a->ntaps && rc == 0; i++) {
			struct packet p;
			int got;
			while ((!a->count || *seen < a->count) &&
			       (got = kernel_capture_next(s->kernel, a->taps[i].cap, &p)) != 0) {
				if (got < 0) {
					rc = nerr_set(err, -1, "%s:%s: the capture failed", a->taps[i].node->name,
						      a->taps[i].ifname);
					break;
				}
				(*seen)++;
				if (!d) {
					print_packet(s, &a->taps[i], &p);
				} else if (a->ntaps == 1) {
					kernel_dump_write(s->kernel, d, &p);
				} else {
					struct packet q = sll2(&p, (unsigned)i + 1, buf, sizeof(buf));
					kernel_dump_write(s->kernel, d, &q);
				}
			}
		}
		fflush(s->out);
	}
	free(pf);
	return rc;
}

static int run_capture(struct session *s, const struct command *c, struct nerr *err)
{
	struct sigaction sa = { .sa_handler = on_sigint }, old;
	struct capture_args a = { 0 };
	unsigned long long seen = 0;
	unsigned drops = 0;
	struct dump *d = NULL;
	int rc = parse(s->model, c, &a, err);

	if (rc == 0 && a.file && s->sandbox)
		rc = nerr_setc(err, NERR_REFUSED, -1, "capture to a file is refused under --sandbox");
	if (rc == 0 && !s->kernel) {
		fprintf(s->out, "# dry run: %zu links would be captured\n", a.ntaps);
		free(a.taps);
		return 0;
	}
	for (size_t i = 0; rc == 0 && i < a.ntaps; i++)
		rc = kernel_capture_open(s->kernel, a.taps[i].node->name, &a.taps[i].node->id,
					 a.taps[i].ifname, !a.file, &a.taps[i].cap, err);
	if (rc == 0 && a.file)
		rc = kernel_dump_open(s->kernel, a.file, a.ntaps == 1 ? LINKTYPE_ETHERNET
					: LINKTYPE_LINUX_SLL2, &d, err);
	if (rc == 0 && !s->quiet) {
		fprintf(s->out, "capturing on");
		for (size_t i = 0; i < a.ntaps; i++)
			fprintf(s->out, " %s:%s", a.taps[i].node->name, a.taps[i].ifname);
		if (d && a.ntaps > 1)
			fprintf(s->out, " into %s (interface index 1 to %zu, in that order)", a.file, a.ntaps);
		else if (d)
			fprintf(s->out, " into %s", a.file);
		fprintf(s->out, "%s\n", a.count || a.seconds ? "" : "; Ctrl-C stops");
		fflush(s->out);
	}
	if (rc == 0) {
		interrupted = 0;
		sigemptyset(&sa.sa_mask);
		sigaction(SIGINT, &sa, &old);
		rc = loop(s, &a, d, &seen, err);
		sigaction(SIGINT, &old, NULL);
	}
	for (size_t i = 0; i < a.ntaps; i++)
		if (a.taps[i].cap) {
			drops += kernel_capture_drops(s->kernel, a.taps[i].cap);
			kernel_capture_close(s->kernel, a.taps[i].cap);
		}
	if (d && kernel_dump_close(s->kernel, d, rc == 0 ? err : &(struct nerr){ 0 }) < 0)
		rc = -1;
	if (rc == 0 && !s->quiet)
		fprintf(s->out, "%llu packet%s captured, %u dropped by the kernel\n", seen,
			seen == 1 ? "" : "s", drops);
	free(a.taps);
	return rc;
}

static const char *const capture_words[] = { "count", "for", "to", NULL };

const struct cmd_entry cmd_capture_entry = {
	.name = "capture", .unrecorded = true, .group = "Inspect", .usage = "NODE[:IF]... [count N] [for T] [to FILE.pcap]",
	.summary = "show or record the packets on links of the lab",
	.help = "Captures what passes the links named (NODE: all its links; a switch: its\n"
		"bridge, which sees every port) through libpcap, inside their namespaces: one\n"
		"line a packet, as tcpdump -n writes it, tagged with its node and interface;\n"
		"or, with to FILE.pcap, into a pcap file that Wireshark and tcpdump read (one\n"
		"link: Ethernet; several: Linux cooked v2, whose interface index is the link's\n"
		"place in the command). It stops after count N packets, for T (10s, 500ms),\n"
		"or Ctrl-C, and says how many the kernel dropped. Capture both sides of a NAT\n"
		"to see each packet before and after translation.",
	.example = "capture r1 count 10\ncapture h1:eth0 r1:eth0 for 5s to nat.pcap",
	.complete = "e", .keywords = capture_words, .min_args = 1, .max_args = -1,
	.run = run_capture,
};
