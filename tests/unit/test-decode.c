/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-decode.c: one-line summaries of captured frames, as tcpdump -n
 * writes them (core/decode.c), from frames built here byte by byte. */
#include <string.h>

#include "core/decode.h"
#include "unit.h"

static unsigned char f[256];

/* An Ethernet header of ethertype t; returns the payload's offset. */
static size_t eth(unsigned t)
{
	memset(f, 0, sizeof(f));
	memcpy(f, "\x02\0\0\0\0\x02\x02\0\0\0\0\x01", 12);
	f[12] = (unsigned char)(t >> 8);
	f[13] = (unsigned char)t;
	return 14;
}

/* An IPv4 header from 10.0.0.1 to 10.0.0.2 of protocol p, total length len. */
static size_t ip4(size_t o, int p, unsigned len)
{
	f[o] = 0x45;
	f[o + 2] = (unsigned char)(len >> 8);
	f[o + 3] = (unsigned char)len;
	f[o + 8] = 64;
	f[o + 9] = (unsigned char)p;
	memcpy(f + o + 12, "\x0a\0\0\x01\x0a\0\0\x02", 8);
	return o + 20;
}

static const char *decode(size_t caplen)
{
	static char buf[256];

	decode_frame(f, caplen, caplen, buf, sizeof(buf));
	return buf;
}

int main(void)
{
	size_t o;

	o = ip4(eth(0x0800), 17, 20 + 8 + 5);
	memcpy(f + o, "\x13\x88\x1b\x58\0\x0d\0\0hello", 13);
	CHECK_STR(decode(o + 13), "IP 10.0.0.1.5000 > 10.0.0.2.7000: UDP, length 5", "UDP over IPv4");

	o = ip4(eth(0x0800), 6, 40);
	memcpy(f + o, "\x9c\x40\0\x50\0\0\0\x07\0\0\0\0\x50\x02", 14);
	CHECK_STR(decode(o + 20), "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [S], seq 7, length 0", "a TCP SYN");
	f[o + 13] = 0x18;	/* PSH ACK */
	f[o + 11] = 9;
	CHECK_STR(decode(o + 20), "IP 10.0.0.1.40000 > 10.0.0.2.80: Flags [P.], seq 7, ack 9, length 0",
		  "TCP with PSH and ACK");

	o = ip4(eth(0x0800), 1, 20 + 64);
	memcpy(f + o, "\x08\0\0\0\0\x05\0\x01", 8);
	CHECK_STR(decode(o + 64), "IP 10.0.0.1 > 10.0.0.2: ICMP echo request, id 5, seq 1, length 64",
		  "an ICMP echo request");
	f[o] = 3;
	f[o + 1] = 3;
	CHECK_STR(decode(o + 64), "IP 10.0.0.1 > 10.0.0.2: ICMP port unreachable, length 64",
		  "an ICMP port unreachable");

	o = eth(0x0806);
	memcpy(f + o, "\0\x01\x08\0\x06\x04\0\x01\x02\0\0\0\0\x01\x0a\0\0\x01\0\0\0\0\0\0\x0a\0\0\x02", 28);
	CHECK_STR(decode(o + 28), "ARP, Request who-has 10.0.0.2 tell 10.0.0.1, length 28", "an ARP request");
	f[o + 7] = 2;
	CHECK_STR(decode(o + 28), "ARP, Reply 10.0.0.1 is-at 02:00:00:00:00:01, length 28", "an ARP reply");

	/* IPv6 with a hop-by-hop header before an MLDv2 report. */
	o = eth(0x86dd);
	f[o] = 0x60;
	f[o + 5] = 8 + 8;
	f[o + 6] = 0;	/* hop-by-hop */
	f[o + 8] = 0xfe;
	f[o + 9] = 0x80;
	f[o + 23] = 1;
	f[o + 24] = 0xff;
	f[o + 25] = 0x02;
	f[o + 39] = 0x16;
	f[o + 40] = 58;		/* then ICMPv6 */
	f[o + 48] = 143;
	CHECK_STR(decode(o + 56), "IP6 fe80::1 > ff02::16: ICMP6, multicast listener report v2, length 8",
		  "IPv6 options are skipped");
	f[o + 6] = 58;
	f[o + 5] = 32;
	memset(f + o + 40, 0, 32);
	f[o + 40] = 135;
	f[o + 48] = 0xfd;
	f[o + 63] = 2;
	CHECK_STR(decode(o + 72), "IP6 fe80::1 > ff02::16: ICMP6, neighbor solicitation, who has fd00::2, length 32",
		  "a neighbour solicitation");

	eth(0x88cc);
	CHECK_STR(decode(60), "ethertype 0x88cc, length 60", "an ethertype netsh does not decode");
	CHECK_STR(decode(10), "[|ether], length 10", "a frame cut before its ethertype");
	o = eth(0x0800);
	CHECK_STR(decode(o + 10), "IP [|ip]", "an IPv4 header cut short");
	return unit_done();
}
