/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-model.c: applying ops, the journal format, rebuilding and views. */
#include "helpers.h"
#include "core/model.h"
#include "core/record.h"
#include "core/strbuf.h"
#include "unit.h"

/* Write every op of a plan and read it back: the same op. */
static void journal_round_trip(const struct plan *p)
{
	for (size_t i = 0; i < p->nops; i++) {
		struct strbuf b = STRBUF_INIT;
		struct nerr err;
		struct op back;

		record_write(&p->ops[i], &b);
		int rc = record_read(b.s, b.len - 1, &back, &err);
		CHECK(rc == 0 && memcmp(&back, &p->ops[i], sizeof(back)) == 0,
		      "journal round trip of %s", op_kind_name(p->ops[i].kind));
		sb_free(&b);
	}
}

/* record_read on a C string: 0, or -1 with the message in *err. */
static int read_rec(const char *line, struct op *op, struct nerr *err)
{
	return record_read(line, strlen(line), op, err);
}

/* node_next_ifname after random adds and removes of ethK (some given by
 * hand, out of order) against the first free name found by hand; the
 * number of mismatches. */
static int next_ifname_misses(void)
{
	struct model *m = model_new();
	struct node *n = model_add_node(m, "sw", KIND_SWITCH);
	unsigned seed = 12345;
	int misses = 0;

	for (int step = 0; step < 2000; step++) {
		char name[IFNAMSIZ], next[IFNAMSIZ], want[IFNAMSIZ];
		seed = seed * 1103515245u + 12345u;
		snprintf(name, sizeof(name), "eth%u", (seed >> 16) % 40);
		struct iface *f = node_iface(n, name);
		if (f)
			model_del_cable(m, n, f);
		else
			node_add_iface(m, n, name, 0);
		for (unsigned k = 0;; k++) {
			snprintf(want, sizeof(want), "eth%u", k);
			if (!node_iface(n, want))
				break;
		}
		node_next_ifname(n, NULL, 0, next);
		misses += strcmp(next, want) != 0;
	}
	model_free(m);
	return misses;
}

int main(void)
{
	struct session *s = pure();
	struct plan p;

	setup_sample_lab(s);

	struct model *m = s->model;
	struct node *r1 = model_node(m, "r1"), *sw = model_node(m, "sw");
	CHECK(m->nnodes == 5, "host + 4 nodes");
	CHECK(r1 && r1->kind == KIND_ROUTER && r1->nifaces == 3, "r1 is a router with 3 interfaces");
	CHECK(node_iface(sw, "br0") && node_iface(sw, "br0")->bridge, "a switch has its bridge");
	CHECK(node_iface(sw, "r2") && node_iface(sw, "r2")->port, "a switch port is named after its peer");
	CHECK(node_iface(model_node(m, "host"), "r1") != NULL, "the host end is named after its peer");
	struct iface *e0 = node_iface(r1, "eth0");
	CHECK(e0 && e0->naddrs == 1 && strcmp(e0->peer, "r2") == 0 &&
	      strcmp(e0->peer_if, "eth0") == 0, "r1:eth0 is cabled to r2:eth0");
	CHECK(model_node(m, "h1")->nroutes == 1, "h1 has its default route");

	/* Rebuilding from the model gives the same model. */
	plan_init(&p);
	model_to_plan(m, &p);
	journal_round_trip(&p);
	CHECK(model_op_count(m) == p.nops, "model_op_count counts what model_to_plan writes (%zu, %zu)",
	      model_op_count(m), p.nops);
	struct model *copy = model_new();
	int bad = 0;
	for (size_t i = 0; i < p.nops; i++)
		bad += model_apply(copy, &p.ops[i]) < 0;
	char *a = model_text(m), *b = model_text(copy);
	CHECK(bad == 0 && strcmp(a, b) == 0,
	      "model_to_plan rebuilds the same model, each node's interfaces in their order");
	free(a);
	free(b);
	model_free(copy);
	plan_free(&p);

	/* Removing an address drops the routes whose gateway it reached, and
	 * only those. */
	setup(s, "addr r2:eth0 198.51.100.1/32; del addr r2:eth0 198.51.100.1/32");
	CHECK(model_node(m, "r2")->nroutes > 0, "removing another address keeps the routes via gateways");
	setup(s, "del addr r2:eth0 10.0.12.2/30");
	CHECK(model_node(m, "r2")->nroutes == 0, "a route whose gateway went off-link is gone");

	/* Deleting a node removes its cables at both ends. */
	setup(s, "del r1");
	CHECK(!model_node(m, "r1") && !node_iface(model_node(m, "host"), "r1") &&
	      model_node(m, "h1")->nifaces == 0, "del r1 removes its cables");
	CHECK(model_node(m, "h1")->nroutes == 0, "h1's default route went with its link");

	/* A switch with many ports finds each by name (by hash past a few). */
	char cmd[64];
	setup(s, "switch big");
	for (int i = 0; i < 40; i++) {
		snprintf(cmd, sizeof(cmd), "node p%d; cable p%d big", i, i);
		setup(s, cmd);
	}
	setup(s, "del p3; del p30");
	struct node *big = model_node(m, "big");
	int found = 0;
	for (int i = 0; i < 40; i++) {
		snprintf(cmd, sizeof(cmd), "p%d", i);
		struct iface *f = node_iface(big, cmd);
		found += f && strcmp(f->name, cmd) == 0 && strcmp(f->peer, cmd) == 0;
	}
	CHECK(big->nifaces == 39 && found == 38 && !node_iface(big, "p3") && !node_iface(big, "p30") &&
	      node_iface(big, "br0"), "38 of 40 ports found by name after two were deleted");
	setup(s, "node p3; cable p3 big");
	CHECK(node_iface(big, "p3") && node_iface(big, "p3")->peer, "a port deleted and made again is found");

	/* Ops that do not fit the model are refused and change nothing. */
	struct op op = { .kind = OP_VETH_ADD };
	strcpy(op.node, "h1");
	strcpy(op.ifname, "eth0");
	strcpy(op.peer, "ghost");
	strcpy(op.peer_if, "eth0");
	CHECK(model_apply(m, &op) < 0 && model_node(m, "h1")->nifaces == 0,
	      "a cable to an unknown node is refused");
	struct nerr err;
	CHECK(read_rec("veth_add if=eth0", &op, &err) < 0 && strstr(err.msg, "without node="),
	      "a record without its node is refused");
	CHECK(read_rec("link_set node=h1 if=eth0 colour=blue", &op, &err) < 0 &&
	      strstr(err.msg, "unknown key 'colour'"), "an unknown key is refused, named");
	CHECK(read_rec("link_sat node=h1", &op, &err) < 0 && strstr(err.msg, "'link_sat'"),
	      "an unknown record kind is refused, named");
	CHECK(read_rec("link_set node=h1 if=eth0123456789abcdef", &op, &err) < 0 &&
	      strstr(err.msg, "key 'if'"), "an interface name longer than IFNAMSIZ is refused");
	CHECK(read_rec("link_set node=h1 if=eth0 up=2", &op, &err) < 0 &&
	      read_rec("bridge_add node=sw if=br0 ifindex=x1", &op, &err) < 0 &&
	      read_rec("fwd_add node=r1 kind=router proto=udp port=53 to=10.1.0.1/32 dport=65536",
		       &op, &err) < 0 &&
	      read_rec("fwd_add node=r1 kind=router proto=sctp port=53", &op, &err) < 0,
	      "a bad number, flag, port or protocol in a record is refused");
	CHECK(read_rec("link_set node=h1 if=eth0 up=1 up=0", &op, &err) < 0 &&
	      strstr(err.msg, "twice"), "a key given twice is refused");
	CHECK(read_rec("ns_add node=r1 kind=router cookie=7 ino=9 dev=3", &op, &err) == 0 &&
	      op.kind == OP_NS_ADD && op.node_kind == KIND_ROUTER && op.id.cookie == 7 &&
	      op.id.ino == 9 && op.id.dev == 3 && !op.peer[0], "a record reads with its fields in place");
	CHECK(read_rec("link_set node=h1 if=eth0", &op, &err) == 0 && !op.up && !op.was_up,
	      "fields left out read as zero");

	/* The inline view shows what changed. */
	fclose(s->out);
	char *buf = NULL;
	size_t len = 0;
	s->out = open_memstream(&buf, &len);
	setup(s, "cable h1 r2 10.0.9.1/24 10.0.9.2/24");
	fflush(s->out);
	CHECK(strstr(buf, "h1       + eth0   UP   peer r2:eth0  10.0.9.1/24") != NULL,
	      "the inline view shows the new interface, its peer, state and address");
	setup(s, "addr h1:eth0 10.0.19.1/24");
	fflush(s->out);
	CHECK(strstr(buf, "h1       ~ eth0   UP   peer r2:eth0  10.0.9.1/24 10.0.19.1/24\n") != NULL &&
	      !strstr(buf, "h1       - eth0"), "a changed interface is one line, as it is now");

	CHECK(next_ifname_misses() == 0,
	      "a node's next ethN is the first free one after any adds and removes");

	pure_close(s);
	free(buf);
	return unit_done();
}
