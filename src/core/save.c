/* SPDX-License-Identifier: GPL-2.0-or-later */
/* save.c: the lab as a Lua lab that rebuilds it (save.h). */
#include <stdio.h>
#include <string.h>

#include "core/impair.h"
#include "core/save.h"
#include "core/strbuf.h"

void lua_quote(FILE *out, const char *s)
{
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fprintf(out, "\\%c", *s);
		else if ((unsigned char)*s < ' ' || *s == 0x7f)
			fprintf(out, "\\%03d", (unsigned char)*s);
		else
			fputc(*s, out);
	}
	fputc('"', out);
}

/* NODE:IF as one string argument. */
static void end(FILE *out, const char *node, const char *ifname)
{
	char buf[NODE_NAME_MAX + IFNAMSIZ + 2];

	snprintf(buf, sizeof(buf), "%s:%s", node, ifname);
	lua_quote(out, buf);
}

static void inet_arg(FILE *out, const struct inet *a)
{
	char buf[INET_STRLEN];

	lua_quote(out, inet_fmt(a, false, buf, sizeof(buf)));
}

/* node(...), router(...), switch(...): runs of one kind, in creation order. */
static void nodes(const struct model *m, FILE *out)
{
	for (size_t i = 1; i < m->nnodes;) {
		enum node_kind k = m->nodes[i]->kind;
		fprintf(out, "%s(", node_kind_name(k));
		for (size_t first = i; i < m->nnodes && m->nodes[i]->kind == k; i++) {
			if (i > first)
				fputs(", ", out);
			lua_quote(out, m->nodes[i]->name);
		}
		fputs(")\n", out);
	}
}


/* Each cable once, with the first address of each end when both (or the
 * first alone) have one; what cable cannot say goes to addr. */
static void cables(const struct model *m, FILE *out)
{
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k], *pf;
			if (!cable_lead(m, n, f))
				continue;
			pf = iface_peer(m, f);
			fputs("cable(", out);
			end(out, n->name, f->name);
			fputs(", ", out);
			end(out, f->peer, f->peer_if);
			if (f->naddrs) {
				fputs(", ", out);
				inet_arg(out, &f->addrs[0]);
				if (pf->naddrs) {
					fputs(", ", out);
					inet_arg(out, &pf->addrs[0]);
				}
			}
			fputs(")\n", out);
		}
	}
}

/* Addresses cable did not give: a bridge's, and each end's after its first. */
static void addrs(const struct model *m, FILE *out)
{
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k], *pf = iface_peer(m, f);
			size_t from;
			if (f->bridge)
				from = 0;
			else if (cable_lead(m, n, f))
				from = 1;
			else if (pf && cable_lead(m, model_node(m, f->peer), pf))
				from = pf->naddrs ? 1 : 0;	/* cable gave the first when its end had one */
			else
				from = 0;
			for (size_t a = from; a < f->naddrs; a++) {
				fputs("addr(", out);
				end(out, n->name, f->name);
				fputs(", ", out);
				inet_arg(out, &f->addrs[a]);
				fputs(")\n", out);
			}
		}
	}
}

static void routes(const struct model *m, FILE *out)
{
	char buf[INET_STRLEN];

	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nroutes; k++) {
			const struct route *r = &n->routes[k];
			fputs("route(", out);
			lua_quote(out, n->name);
			fputs(", ", out);
			lua_quote(out, r->dst.plen ? inet_fmt(&r->dst, false, buf, sizeof(buf)) : "default");
			if (r->gw.family) {
				fputs(", \"via\", ", out);
				lua_quote(out, inet_addr_fmt(&r->gw, buf, sizeof(buf)));
			}
			if (r->dev[0]) {
				fputs(", \"dev\", ", out);
				lua_quote(out, r->dev);
			}
			fputs(")\n", out);
		}
	}
}

static void nats(const struct model *m, FILE *out)
{
	char buf[INET_STRLEN + 8], a[INET_STRLEN];

	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		if (!n->nat.on)
			continue;
		fputs("nat(", out);
		lua_quote(out, n->name);
		fputs(", \"out\", ", out);
		lua_quote(out, n->nat.wan);
		fprintf(out, ", \"type\", \"%s\"", nat_type_name(n->nat.type));
		if (n->nat.timeout && n->nat.timeout != NAT_UDP_TIMEOUT)
			fprintf(out, ", \"timeout\", \"%llus\"", n->nat.timeout);
		fputs(")\n", out);
		for (size_t k = 0; k < n->nat.nfwds; k++) {
			const struct forward *f = &n->nat.fwds[k];
			snprintf(buf, sizeof(buf), "%s:%d", inet_addr_fmt(&f->dest, a, sizeof(a)), f->dport);
			fputs("forward(", out);
			lua_quote(out, n->name);
			fprintf(out, ", \"%s\", \"%d\", \"to\", ", proto_name(f->proto), f->port);
			lua_quote(out, buf);
			fputs(")\n", out);
		}
	}
}

static void impairs(const struct model *m, FILE *out)
{
	char buf[NODE_NAME_MAX * 2 + IFNAMSIZ * 2 + 4];

	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++) {
			const struct iface *f = n->ifaces[k];
			if (!impair_any(&f->impair) || !f->peer)
				continue;
			snprintf(buf, sizeof(buf), "%s:%s>%s:%s", n->name, f->name, f->peer, f->peer_if);
			fputs("impair(", out);
			lua_quote(out, buf);
			for (int w = 0; w < IMPAIR_WORDS; w++) {
				struct impair one = { 0 };
				char v[64], *sp;
				if (!impair_get(&f->impair, w))
					continue;
				impair_set(&one, w, impair_get(&f->impair, w));
				impair_fmt(&one, v, sizeof(v));	/* "rate 10mbit" */
				sp = strchr(v, ' ');
				fprintf(out, ", \"%s\", \"%s\"", impair_words[w], sp ? sp + 1 : v);
			}
			fputs(")\n", out);
		}
	}
}

static void downs(const struct model *m, FILE *out)
{
	for (size_t i = 0; i < m->nnodes; i++) {
		const struct node *n = m->nodes[i];
		for (size_t k = 0; k < n->nifaces; k++)
			if (!n->ifaces[k]->up) {
				fputs("down(", out);
				end(out, n->name, n->ifaces[k]->name);
				fputs(")\n", out);
			}
	}
}

void save_lab(const struct model *m, const char *name, const char *const *notes, size_t n,
	      FILE *out)
{
	fprintf(out, "-- %s: a lab saved by netsh %s. Rebuild it with: netsh %s\n", name,
		PACKAGE_VERSION, name);
	fprintf(out, "-- (fresh=true rebuilds what an earlier run of it left).\n");
	if (n) {
		fprintf(out, "--\n-- What the lab had that this file does not rebuild:\n");
		for (size_t i = 0; i < n; i++)
			fprintf(out, "--   %s\n", notes[i]);
	}
	fputc('\n', out);
	nodes(m, out);
	cables(m, out);
	addrs(m, out);
	routes(m, out);
	nats(m, out);
	impairs(m, out);
	downs(m, out);
}
