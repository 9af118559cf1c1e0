/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decode.h: a captured Ethernet frame in one line, as `tcpdump -n` writes
 * it: "IP 10.0.0.1.5000 > 10.0.0.2.7000: UDP, length 5". IPv4, IPv6,
 * ARP, TCP (with its flags), UDP, ICMP and ICMPv6; anything else by its
 * ethertype or protocol number. Pure. */
#ifndef NETSH_DECODE_H
#define NETSH_DECODE_H

#include <stddef.h>

/* Write the summary of frame (caplen bytes captured of len) to buf. */
void decode_frame(const unsigned char *frame, size_t caplen, size_t len, char *buf, size_t buflen);

#endif
