/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-probe.c: the text of a pingall (core/probe.c) and the namespace
 * lookups it relies on (the address a node is probed at, the link a
 * target is on-link through). */
#include <linux/rtnetlink.h>
#include <stdlib.h>
#include <sys/socket.h>

#include "core/model.h"
#include "core/nsstate.h"
#include "core/probe.h"
#include "unit.h"

static struct probe probe(const struct node *from, const struct node *to, const char *addr,
			  bool ok, const char *why)
{
	struct probe p = { .from = from, .to_node = to, .ok = ok };
	const char *e;

	inet_parse(addr, false, &p.to, &e);
	snprintf(p.why, sizeof(p.why), "%s", why);
	return p;
}

/* The text pingall_text prints. */
static const char *text(const struct node *const *nodes, size_t n, const struct probe *p,
			size_t np, bool matrix)
{
	static char buf[2048];
	FILE *f = fmemopen(buf, sizeof(buf), "w");

	pingall_text(f, nodes, n, p, np, matrix);
	fclose(f);
	return buf;
}

static void test_text(void)
{
	struct model *m = model_new();
	const struct node *a = model_add_node(m, "a", KIND_NODE);
	const struct node *b = model_add_node(m, "b", KIND_NODE);
	const struct node *c = model_add_node(m, "c", KIND_ROUTER);
	const struct node *nodes[] = { a, b, c };
	struct probe p[] = {
		probe(a, b, "10.0.0.2", true, ""), probe(a, b, "fd00::2", false, "no reply"),
		probe(a, c, "10.0.0.3", true, ""),
		probe(b, a, "10.0.0.1", true, ""), probe(b, a, "fd00::1", true, ""),
		probe(b, c, "10.0.0.3", true, ""),
		probe(c, a, "10.0.0.1", true, ""), probe(c, b, "10.0.0.2", true, ""),
	};
	struct probe many[30];

	CHECK_STR(text(nodes, 3, p, 8, true),
		  "a -> X c\nb -> a c\nc -> a b\n"
		  "a -> b (fd00::2): no reply\n"
		  "Results: 13% dropped (7/8 received)\n",
		  "a matrix marks a node missed on one family, lists the probe, rounds the loss up");
	CHECK_STR(text(nodes, 3, p, 8, false),
		  "a -> b (fd00::2): no reply\nResults: 13% dropped (7/8 received)\n",
		  "without the matrix: the failures and the summary");
	CHECK(probes_failed(p, 8) == 1, "probes_failed counts one");
	for (int i = 0; i < 30; i++)
		many[i] = probe(a, b, "10.0.0.2", false, "x");
	const char *t = text(nodes, 3, many, 30, false);
	CHECK(strstr(t, "... and 10 more failed probes\nResults: 100% dropped (0/30 received)\n") != NULL,
	      "20 failures are listed, the rest counted");
	CHECK_STR(text(nodes, 0, NULL, 0, true), "Results: 0% dropped (0/0 received)\n",
		  "nothing to probe");
	model_free(m);
}

static void test_lookups(void)
{
	struct ns_link links[] = { { .name = "lo", .ifindex = 1 }, { .name = "eth0", .ifindex = 2 } };
	struct ns_addr addrs[4] = { { .ifindex = 1, .scope = RT_SCOPE_HOST },
				    { .ifindex = 2, .scope = RT_SCOPE_LINK },
				    { .ifindex = 2 }, { .ifindex = 2 } };
	struct ns_state st = { .links = links, .nlinks = 2, .addrs = addrs, .naddrs = 4 };
	struct inet rec, out, t;
	const char *e;
	char buf[INET_STRLEN];

	inet_parse("127.0.0.1/8", true, &addrs[0].addr, &e);
	inet_parse("fe80::1/64", true, &addrs[1].addr, &e);
	inet_parse("fd00::5/64", true, &addrs[2].addr, &e);
	inet_parse("10.0.0.5/24", true, &addrs[3].addr, &e);
	CHECK(ns_first_addr(&st, NULL, 0, &out) &&
	      strcmp(inet_fmt(&out, false, buf, sizeof(buf)), "10.0.0.5/24") == 0,
	      "the first address: IPv4 first, never lo's: %s", buf);
	CHECK(ns_first_addr(&st, NULL, AF_INET6, &out) &&
	      strcmp(inet_fmt(&out, false, buf, sizeof(buf)), "fd00::5/64") == 0,
	      "the first IPv6 address is global, not link-local: %s", buf);
	inet_parse("10.9.9.9/24", true, &rec, &e);
	CHECK(ns_first_addr(&st, &rec, AF_INET, &out) && inet_equal(&out, &addrs[3].addr),
	      "a recorded address the kernel lacks gives way to the kernel's");
	inet_parse("10.0.0.5/24", true, &rec, &e);
	CHECK(ns_first_addr(&st, &rec, AF_INET, &out) && inet_equal(&out, &rec),
	      "a recorded address the kernel has is the one");
	inet_parse("10.0.0.77", false, &t, &e);
	CHECK(ns_onlink(&st, &t) == &addrs[3], "10.0.0.77 is on-link through eth0");
	inet_parse("10.0.1.77", false, &t, &e);
	CHECK(ns_onlink(&st, &t) == NULL, "10.0.1.77 is not on-link");
	inet_parse("127.0.0.2", false, &t, &e);
	CHECK(ns_onlink(&st, &t) == NULL, "lo's prefix does not count");
}

int main(void)
{
	test_text();
	test_lookups();
	return unit_done();
}
