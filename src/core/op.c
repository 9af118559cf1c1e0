/* op.c: naming, explaining and (de)serialising kernel operations. */
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include "core/nft-text.h"
#include "core/op.h"

static const char *const kind_names[OP_KIND_COUNT] = {
	[OP_NS_ADD] = "ns_add",       [OP_NS_DEL] = "ns_del",
	[OP_BRIDGE_ADD] = "bridge_add", [OP_VETH_ADD] = "veth_add",
	[OP_LINK_DEL] = "link_del",   [OP_LINK_SET] = "link_set",
	[OP_ADDR_ADD] = "addr_add",   [OP_ADDR_DEL] = "addr_del",
	[OP_ROUTE_ADD] = "route_add", [OP_ROUTE_DEL] = "route_del",
	[OP_NAT_ADD] = "nat_add",     [OP_NAT_DEL] = "nat_del",
	[OP_FWD_ADD] = "fwd_add",     [OP_FWD_DEL] = "fwd_del",
};

static const char *const nat_types[NAT_TYPE_COUNT] = {
	[NAT_DEFAULT] = "default", [NAT_SYMMETRIC] = "symmetric",
	[NAT_FULLCONE] = "full-cone",
};

static const char *const node_kinds[] = {
	[KIND_HOST] = "host", [KIND_NODE] = "node",
	[KIND_ROUTER] = "router", [KIND_SWITCH] = "switch",
};

const char *op_kind_name(enum op_kind k)
{
	return k < OP_KIND_COUNT ? kind_names[k] : "?";
}

const char *node_kind_name(enum node_kind k)
{
	return k <= KIND_SWITCH ? node_kinds[k] : "?";
}

const char *nat_type_name(int t)
{
	return t >= 0 && t < NAT_TYPE_COUNT ? nat_types[t] : "?";
}

int nat_type_parse(const char *s)
{
	for (int t = 0; t < NAT_TYPE_COUNT; t++)
		if (strcmp(s, nat_types[t]) == 0)
			return t;
	return -1;
}

const char *proto_name(int proto)
{
	return proto == IPPROTO_TCP ? "tcp" : proto == IPPROTO_UDP ? "udp" : "-";
}

int proto_parse(const char *s)
{
	if (strcmp(s, "tcp") == 0)
		return IPPROTO_TCP;
	if (strcmp(s, "udp") == 0)
		return IPPROTO_UDP;
	return 0;
}

/* "ip" or "ip -n NODE" for commands run in the node's namespace. */
static const char *ip_in(const char *node, char *buf, size_t len)
{
	if (strcmp(node, "host") == 0)
		snprintf(buf, len, "ip");
	else
		snprintf(buf, len, "ip -n %s", node);
	return buf;
}

static void route_words(const struct op *op, FILE *out)
{
	char a[INET_STRLEN];

	if (op->addr.plen == 0)
		fputs("default", out);
	else
		fputs(inet_fmt(&op->addr, false, a, sizeof(a)), out);
	if (op->gw.family)
		fprintf(out, " via %s", inet_addr_fmt(&op->gw, a, sizeof(a)));
	if (op->ifname[0])
		fprintf(out, " dev %s", op->ifname);
}

/* The sysctl line that turns a node's forwarding on or off. */
static void forwarding(const struct op *op, bool on, FILE *out)
{
	fprintf(out, "ip netns exec %s sysctl -qw net.ipv4.conf.all.forwarding=%d net.ipv6.conf.all.forwarding=%d\n",
		op->node, on, on);
}

/* Each line of an op's nftables text as an nft command in the node. */
static void nft_explain(const struct op *op, FILE *out)
{
	char *text = nft_op_text(op, false);

	for (char *l = text, *nl; l && *l; l = nl + 1) {
		nl = strchr(l, '\n');
		fprintf(out, "ip netns exec %s nft '%.*s'\n", op->node, (int)(nl - l), l);
	}
	free(text);
}

void op_explain(const struct op *op, FILE *out)
{
	char ip[NODE_NAME_MAX + 16], pip[NODE_NAME_MAX + 16], a[INET_STRLEN];
	const char *v6 = op->addr.family == AF_INET6 ? " -6" : "";

	ip_in(op->node, ip, sizeof(ip));
	switch (op->kind) {
	case OP_NS_ADD:
		fprintf(out, "ip netns add %s\n%s link set lo up\n", op->node, ip);
		fprintf(out, "ip netns exec %s sysctl -qw net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.default.keep_addr_on_down=1\n",
			op->node);
		if (op->node_kind == KIND_ROUTER)
			fprintf(out, "ip netns exec %s sysctl -qw net.ipv4.conf.all.forwarding=1 net.ipv6.conf.all.forwarding=1\n",
				op->node);
		break;
	case OP_NS_DEL:
		fprintf(out, "ip netns del %s\n", op->node);
		break;
	case OP_BRIDGE_ADD:
		fprintf(out, "%s link add %s%s type bridge\n", ip, op->ifname, op->up ? " up" : "");
		fprintf(out, "ip netns exec %s sysctl -qw net.ipv6.conf.default.disable_ipv6=1\n",
			op->node);	/* its ports: layer 2 only */
		break;
	case OP_VETH_ADD:
		fprintf(out, "%s link add %s%s type veth peer name %s netns %s\n",
			ip, op->ifname, op->up ? " up" : "", op->peer_if,
			strcmp(op->peer, "host") == 0 ? "1" : op->peer);
		ip_in(op->peer, pip, sizeof(pip));
		if (op->master)
			fprintf(out, "%s link set %s master %s\n", pip, op->peer_if, "br0");
		if (op->up)
			fprintf(out, "%s link set %s up\n", pip, op->peer_if);
		break;
	case OP_LINK_DEL:
		fprintf(out, "%s link del %s\n", ip, op->ifname);
		break;
	case OP_LINK_SET:
		fprintf(out, "%s link set %s %s\n", ip, op->ifname, op->up ? "up" : "down");
		break;
	case OP_ADDR_ADD:
	case OP_ADDR_DEL:
		fprintf(out, "%s addr %s %s dev %s%s\n", ip,
			op->kind == OP_ADDR_ADD ? "add" : "del",
			inet_fmt(&op->addr, false, a, sizeof(a)), op->ifname,
			op->kind == OP_ADDR_ADD && op->addr.family == AF_INET6 ? " nodad" : "");
		break;
	case OP_ROUTE_ADD:
	case OP_ROUTE_DEL:
		fprintf(out, "%s%s route %s ", ip, v6,
			op->kind == OP_ROUTE_ADD ? "replace" : "del");
		route_words(op, out);
		fputc('\n', out);
		break;
	case OP_NAT_ADD:
		if (op->node_kind != KIND_ROUTER)
			forwarding(op, true, out);
		nft_explain(op, out);
		break;
	case OP_NAT_DEL:
		nft_explain(op, out);
		if (op->node_kind != KIND_ROUTER)
			forwarding(op, false, out);
		break;
	case OP_FWD_ADD:
	case OP_FWD_DEL:
		nft_explain(op, out);
		break;
	default:
		break;
	}
}

static const char *or_dash(const char *s)
{
	return s[0] ? s : "-";
}

void op_write(const struct op *op, FILE *out)
{
	char a[INET_STRLEN], g[INET_STRLEN];

	if (op->addr.family)
		inet_fmt(&op->addr, false, a, sizeof(a));
	else
		strcpy(a, "-");
	if (op->gw.family)
		inet_fmt(&op->gw, false, g, sizeof(g));
	else
		strcpy(g, "-");
	/* Fields 16-19 (nat type, proto, port, dport) came with NAT; records
	 * of 15 fields, written before, read with those zero. */
	fprintf(out, "%s %s %s %s %s %s %s %s %d %d %d %llu %llu %d %d %s %s %d %d\n",
		op_kind_name(op->kind), node_kind_name(op->node_kind), op->node,
		or_dash(op->ifname), or_dash(op->peer), or_dash(op->peer_if),
		a, g, op->up, op->was_up, op->master, op->ino, op->dev,
		op->ifindex, op->peer_ifindex, nat_type_name(op->nat),
		proto_name(op->proto), op->port, op->dport);
}

#define FIELDS_OLD 15	/* records written before NAT */
#define FIELDS 19

/* Copy a record (up to its newline) into buf, split into its space-
 * separated fields. Returns the number of fields, or -1 when more than
 * `max` or too long for buf. */
static int split(const char *s, char *buf, size_t size, char **f, int max)
{
	size_t len = (size_t)(strchrnul(s, '\n') - s);
	char *p = buf, *end = buf + len;
	int n = 0;

	if (len >= size)
		return -1;
	memcpy(buf, s, len);
	*end = '\0';
	while (p < end) {
		if (*p == ' ') {
			p++;
			continue;
		}
		if (n == max)
			return -1;
		f[n++] = p;
		p = memchr(p, ' ', (size_t)(end - p));
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}

/* A field that says "none". */
static bool is_dash(const char *s)
{
	return s[0] == '-' && !s[1];
}

/* Copy a name field ("-": empty) into a buffer of `size`. */
static int get_name(const char *s, char *out, size_t size)
{
	size_t len = is_dash(s) ? 0 : strlen(s);

	if (len >= size)
		return -1;
	memcpy(out, s, len);
	out[len] = '\0';
	return 0;
}

/* A whole decimal field, 0 to max. */
static int get_num(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (d > 9 || __builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, d, &v) || v > max)
			return -1;
	}
	*out = v;
	return 0;
}

/* An address field ("-": none). */
static int get_inet(const char *s, struct inet *out)
{
	const char *why;

	return is_dash(s) ? 0 : inet_parse(s, true, out, &why);
}

/* The index of s in a table of names, or -1. */
static int lookup(const char *s, const char *const *names, int count)
{
	for (int k = 0; k < count; k++)
		if (s[0] == names[k][0] && strcmp(s, names[k]) == 0)
			return k;
	return -1;
}

int op_read(const char *line, struct op *op)
{
	char buf[1024], *f[FIELDS];
	unsigned long long v[FIELDS];
	int n, kind, nkind;

	memset(op, 0, sizeof(*op));
	n = split(line, buf, sizeof(buf), f, FIELDS);
	if (n != FIELDS_OLD && n != FIELDS)
		return -1;
	kind = lookup(f[0], kind_names, OP_KIND_COUNT);
	nkind = lookup(f[1], node_kinds, KIND_SWITCH + 1);
	if (kind < 0 || nkind < 0 ||
	    get_name(f[2], op->node, sizeof(op->node)) < 0 ||
	    get_name(f[3], op->ifname, sizeof(op->ifname)) < 0 ||
	    get_name(f[4], op->peer, sizeof(op->peer)) < 0 ||
	    get_name(f[5], op->peer_if, sizeof(op->peer_if)) < 0 ||
	    get_inet(f[6], &op->addr) < 0 || get_inet(f[7], &op->gw) < 0)
		return -1;
	/* Three flags (up, was_up, master), ino and dev, two ifindexes. */
	for (int i = 8; i < FIELDS_OLD; i++)
		if (get_num(f[i], i < 11 ? 1 : i < 13 ? ULLONG_MAX : INT_MAX, &v[i]) < 0)
			return -1;
	op->kind = (enum op_kind)kind;
	op->node_kind = (enum node_kind)nkind;
	op->up = v[8];
	op->was_up = v[9];
	op->master = v[10];
	op->ino = v[11];
	op->dev = v[12];
	op->ifindex = (int)v[13];
	op->peer_ifindex = (int)v[14];
	if (n == FIELDS_OLD)
		return 0;
	op->nat = nat_type_parse(f[15]);
	op->proto = proto_parse(f[16]);
	if (op->nat < 0 || (!op->proto && strcmp(f[16], "-") != 0) ||
	    get_num(f[17], 65535, &v[17]) < 0 || get_num(f[18], 65535, &v[18]) < 0)
		return -1;
	op->port = (int)v[17];
	op->dport = (int)v[18];
	return 0;
}
