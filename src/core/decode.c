/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode.c: one-line summaries of captured frames (decode.h). */
#include <arpa/inet.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "core/decode.h"
#include "core/strbuf.h"

static unsigned get16(const unsigned char *p)
{
	return (unsigned)(p[0] << 8 | p[1]);
}

static unsigned long get32(const unsigned char *p)
{
	return (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 | (unsigned long)p[2] << 8 | p[3];
}

/* An address of family af at p, as text. */
static const char *addr(int af, const unsigned char *p, char *buf, size_t len)
{
	return inet_ntop(af, p, buf, (socklen_t)len) ? buf : "?";
}

/* TCP's flags as tcpdump writes them: [S.], [P.], [F.], [R]. */
static void tcp_flags(unsigned f, struct strbuf *b)
{
	sb_putc(b, '[');
	if (f & 0x02)
		sb_putc(b, 'S');
	if (f & 0x01)
		sb_putc(b, 'F');
	if (f & 0x08)
		sb_putc(b, 'P');
	if (f & 0x04)
		sb_putc(b, 'R');
	if (f & 0x20)
		sb_putc(b, 'U');
	if (f & 0x10)
		sb_putc(b, '.');
	if (!(f & 0x3f))
		sb_puts(b, "none");
	sb_putc(b, ']');
}

/* The transport header at p (n bytes, ip_len: what the IP header says is
 * left); src and dst are the addresses as text. */
static void transport(struct strbuf *b, const char *ver, int proto, const char *src,
		      const char *dst, const unsigned char *p, size_t n, size_t ip_len, bool v6)
{
	if ((proto == 6 || proto == 17) && n >= (proto == 6 ? 20u : 8u)) {
		sb_printf(b, "%s %s.%u > %s.%u: ", ver, src, get16(p), dst, get16(p + 2));
		if (proto == 17) {
			sb_printf(b, "UDP, length %u", get16(p + 4) >= 8 ? get16(p + 4) - 8 : 0);
			return;
		}
		size_t hl = (size_t)(p[12] >> 4) * 4;
		sb_puts(b, "Flags ");
		tcp_flags(p[13], b);
		sb_printf(b, ", seq %lu", get32(p + 4));
		if (p[13] & 0x10)
			sb_printf(b, ", ack %lu", get32(p + 8));
		sb_printf(b, ", length %zu", ip_len > hl ? ip_len - hl : 0);
		return;
	}
	sb_printf(b, "%s %s > %s: ", ver, src, dst);
	if (!v6 && proto == 1 && n >= 8) {
		static const char *const unreach[] = { "net", "host", "protocol", "port" };
		switch (p[0]) {
		case 0:
		case 8:
			sb_printf(b, "ICMP echo %s, id %u, seq %u", p[0] ? "request" : "reply",
				  get16(p + 4), get16(p + 6));
			break;
		case 3:
			sb_printf(b, "ICMP %s unreachable", p[1] < 4 ? unreach[p[1]] : "destination");
			break;
		case 11:
			sb_puts(b, "ICMP time exceeded in-transit");
			break;
		default:
			sb_printf(b, "ICMP type %u code %u", p[0], p[1]);
		}
		sb_printf(b, ", length %zu", ip_len);
		return;
	}
	if (v6 && proto == 58 && n >= 8) {
		char t[INET6_ADDRSTRLEN];
		switch (p[0]) {
		case 128:
		case 129:
			sb_printf(b, "ICMP6, echo %s, id %u, seq %u", p[0] == 128 ? "request" : "reply",
				  get16(p + 4), get16(p + 6));
			break;
		case 135:
		case 136:
			sb_printf(b, "ICMP6, neighbor %s, %s %s", p[0] == 135 ? "solicitation" : "advertisement",
				  p[0] == 135 ? "who has" : "tgt is",
				  n >= 24 ? addr(AF_INET6, p + 8, t, sizeof(t)) : "?");
			break;
		case 133:
			sb_puts(b, "ICMP6, router solicitation");
			break;
		case 134:
			sb_puts(b, "ICMP6, router advertisement");
			break;
		case 143:
			sb_puts(b, "ICMP6, multicast listener report v2");
			break;
		case 1:
			sb_puts(b, "ICMP6, destination unreachable");
			break;
		default:
			sb_printf(b, "ICMP6, type %u", p[0]);
		}
		sb_printf(b, ", length %zu", ip_len);
		return;
	}
	sb_printf(b, "ip-proto-%d %zu", proto, ip_len);
}

static void ipv4(struct strbuf *b, const unsigned char *p, size_t n)
{
	char s[INET_ADDRSTRLEN], d[INET_ADDRSTRLEN];
	size_t hl, total;

	if (n < 20 || (p[0] >> 4) != 4) {
		sb_puts(b, "IP [|ip]");
		return;
	}
	hl = (size_t)(p[0] & 0xf) * 4;
	total = get16(p + 2);
	if (hl < 20 || hl > n) {
		sb_puts(b, "IP [|ip]");
		return;
	}
	addr(AF_INET, p + 12, s, sizeof(s));
	addr(AF_INET, p + 16, d, sizeof(d));
	if ((get16(p + 6) & 0x1fff) != 0) {	/* a later fragment: no transport header */
		sb_printf(b, "IP %s > %s: ip-proto-%d (fragment)", s, d, p[9]);
		return;
	}
	transport(b, "IP", p[9], s, d, p + hl, n - hl, total > hl ? total - hl : 0, false);
}

static void ipv6(struct strbuf *b, const unsigned char *p, size_t n)
{
	char s[INET6_ADDRSTRLEN], d[INET6_ADDRSTRLEN];
	size_t left;
	int proto;

	if (n < 40 || (p[0] >> 4) != 6) {
		sb_puts(b, "IP6 [|ip6]");
		return;
	}
	addr(AF_INET6, p + 8, s, sizeof(s));
	addr(AF_INET6, p + 24, d, sizeof(d));
	proto = p[6];
	left = get16(p + 4);
	p += 40;
	n -= 40;
	/* Hop-by-hop, routing and destination options come before the rest. */
	while ((proto == 0 || proto == 43 || proto == 60) && n >= 8) {
		size_t hl = ((size_t)p[1] + 1) * 8;
		if (hl > n)
			break;
		proto = p[0];
		p += hl;
		n -= hl;
		left = left > hl ? left - hl : 0;
	}
	transport(b, "IP6", proto, s, d, p, n, left, true);
}

static void arp(struct strbuf *b, const unsigned char *p, size_t n)
{
	char s[INET_ADDRSTRLEN], t[INET_ADDRSTRLEN];

	if (n < 28 || get16(p) != 1 || get16(p + 2) != 0x0800 || p[4] != 6 || p[5] != 4) {
		sb_printf(b, "ARP, length %zu", n);
		return;
	}
	addr(AF_INET, p + 14, s, sizeof(s));
	addr(AF_INET, p + 24, t, sizeof(t));
	if (get16(p + 6) == 1)
		sb_printf(b, "ARP, Request who-has %s tell %s, length %zu", t, s, n);
	else if (get16(p + 6) == 2)
		sb_printf(b, "ARP, Reply %s is-at %02x:%02x:%02x:%02x:%02x:%02x, length %zu", s,
			  p[8], p[9], p[10], p[11], p[12], p[13], n);
	else
		sb_printf(b, "ARP, op %u, length %zu", get16(p + 6), n);
}

void decode_frame(const unsigned char *f, size_t caplen, size_t len, char *buf, size_t buflen)
{
	struct strbuf b = STRBUF_INIT;
	unsigned type;

	if (caplen < 14) {
		sb_printf(&b, "[|ether], length %zu", len);
	} else {
		type = get16(f + 12);
		if (type == 0x0800)
			ipv4(&b, f + 14, caplen - 14);
		else if (type == 0x86dd)
			ipv6(&b, f + 14, caplen - 14);
		else if (type == 0x0806)
			arp(&b, f + 14, caplen - 14);
		else
			sb_printf(&b, "ethertype 0x%04x, length %zu", type, len);
	}
	snprintf(buf, buflen, "%s", sb_str(&b));
	sb_free(&b);
}
