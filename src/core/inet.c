/* SPDX-License-Identifier: GPL-2.0-or-later */
/* inet.c: address parsing and arithmetic for IPv4 and IPv6. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/inet.h"

static int addr_bytes(int family)
{
	return family == AF_INET ? 4 : 16;
}

int inet_parse(const char *s, bool need_plen, struct inet *out, const char **why)
{
	char host[INET6_ADDRSTRLEN + 1];
	const char *slash = strchr(s, '/');
	size_t hlen = slash ? (size_t)(slash - s) : strlen(s);

	memset(out, 0, sizeof(*out));
	if (hlen == 0 || hlen >= sizeof(host)) {
		*why = "not an IPv4 or IPv6 address";
		return -1;
	}
	memcpy(host, s, hlen);
	host[hlen] = '\0';
	if (inet_pton(AF_INET, host, out->a) == 1)
		out->family = AF_INET;
	else if (inet_pton(AF_INET6, host, out->a) == 1)
		out->family = AF_INET6;
	else {
		*why = "not an IPv4 or IPv6 address";
		return -1;
	}
	int max = addr_bytes(out->family) * 8;
	if (!slash) {
		if (need_plen) {
			*why = "the prefix length is missing (as in 10.0.0.1/24)";
			return -1;
		}
		out->plen = max;
		return 0;
	}
	char *end;
	const char *num = slash + 1;
	if (*num < '0' || *num > '9') {
		*why = "the prefix length is not a number";
		return -1;
	}
	long n = strtol(num, &end, 10);
	if (*end != '\0' || n < 0 || n > max) {
		*why = out->family == AF_INET ? "the prefix length must be 0 to 32"
					       : "the prefix length must be 0 to 128";
		return -1;
	}
	out->plen = (int)n;
	return 0;
}

const char *inet_addr_fmt(const struct inet *in, char *buf, size_t len)
{
	if (!in->family) {
		snprintf(buf, len, "-");
		return buf;
	}
	if (!inet_ntop(in->family, in->a, buf, (socklen_t)len))
		snprintf(buf, len, "?");
	return buf;
}

const char *inet_fmt(const struct inet *in, bool bare, char *buf, size_t len)
{
	char a[INET6_ADDRSTRLEN + 4];	/* and "/128" */
	size_t n;

	inet_addr_fmt(in, a, INET6_ADDRSTRLEN);
	n = strlen(a);
	if (in->plen < 0 || in->plen > 128) {	/* never made by parsing or the kernel */
		snprintf(buf, len, "%s/%d", a, in->plen);
		return buf;
	}
	if (!bare || in->plen != addr_bytes(in->family) * 8) {	/* without snprintf: */
		a[n++] = '/';					/* a journal is full of these */
		if (in->plen >= 100)
			a[n++] = (char)('0' + in->plen / 100);
		if (in->plen >= 10)
			a[n++] = (char)('0' + in->plen / 10 % 10);
		a[n++] = (char)('0' + in->plen % 10);
	}
	if (len) {
		n = n < len - 1 ? n : len - 1;
		memcpy(buf, a, n);
		buf[n] = '\0';
	}
	return buf;
}

bool inet_in_prefix(const struct inet *addr, const struct inet *net)
{
	if (addr->family != net->family)
		return false;
	int full = net->plen / 8, rest = net->plen % 8;
	if (memcmp(addr->a, net->a, (size_t)full) != 0)
		return false;
	if (rest) {
		unsigned char mask = (unsigned char)(0xff << (8 - rest));
		if ((addr->a[full] & mask) != (net->a[full] & mask))
			return false;
	}
	return true;
}

bool inet_equal(const struct inet *x, const struct inet *y)
{
	return x->family == y->family && x->plen == y->plen &&
	       memcmp(x->a, y->a, (size_t)addr_bytes(x->family)) == 0;
}

struct inet inet_net(const struct inet *in)
{
	struct inet n = *in;
	int nb = addr_bytes(in->family);

	for (int bit = in->plen; bit < nb * 8; bit++)
		n.a[bit / 8] &= (unsigned char)~(0x80 >> (bit % 8));
	return n;
}

bool inet_is_network(const struct inet *in)
{
	struct inet n = inet_net(in);
	return memcmp(n.a, in->a, (size_t)addr_bytes(in->family)) == 0;
}

int inet_host(const struct inet *net, unsigned n, struct inet *out)
{
	int nb = addr_bytes(net->family);
	int hostbits = nb * 8 - net->plen;

	if (hostbits < 32 && (unsigned long long)n >= (1ULL << hostbits))
		return -1;
	*out = inet_net(net);
	unsigned carry = n;
	for (int i = nb - 1; i >= 0 && carry; i--) {
		unsigned v = out->a[i] + (carry & 0xff);
		out->a[i] = (unsigned char)v;
		carry = (carry >> 8) + (v >> 8);
	}
	return 0;
}

const char *route_fmt(const struct inet *dst, const struct inet *gw, const char *dev,
		      char *buf, size_t len)
{
	char d[INET_STRLEN], g[INET_STRLEN];

	if (dst->plen == 0)
		snprintf(d, sizeof(d), "default");
	else
		inet_fmt(dst, false, d, sizeof(d));
	if (gw && gw->family)
		inet_addr_fmt(gw, g, sizeof(g));
	snprintf(buf, len, "%s%s%s%s%s", d, gw && gw->family ? " via " : "",
		 gw && gw->family ? g : "", dev && dev[0] ? " dev " : "", dev ? dev : "");
	return buf;
}
