/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-inet.c: address parsing, printing and subnet arithmetic. */
#include <sys/socket.h>

#include "core/inet.h"
#include "unit.h"

static void parses(const char *s, bool need, const char *want)
{
	struct inet in;
	const char *why = NULL;
	char buf[INET_STRLEN];

	int rc = inet_parse(s, need, &in, &why);
	CHECK(rc == 0, "'%s' parses", s);
	if (rc == 0)
		CHECK_STR(inet_fmt(&in, false, buf, sizeof(buf)), want, "'%s' prints back", s);
}

static void rejects(const char *s, bool need, const char *why_part)
{
	struct inet in;
	const char *why = "";

	CHECK(inet_parse(s, need, &in, &why) < 0 && strstr(why, why_part),
	      "'%s' is rejected: %s", s, why);
}

int main(void)
{
	struct inet a, net, h;
	const char *why;
	char buf[INET_STRLEN];

	parses("10.0.0.1/24", true, "10.0.0.1/24");
	parses("10.0.0.1", false, "10.0.0.1/32");
	parses("fd00::1/64", true, "fd00::1/64");
	parses("FD00:0::1/64", true, "fd00::1/64");
	parses("0.0.0.0/0", true, "0.0.0.0/0");
	rejects("10.0.0.1", true, "prefix length is missing");
	rejects("10.0.0.1/33", true, "0 to 32");
	rejects("fd00::1/129", true, "0 to 128");
	rejects("10.0.0.1/", true, "not a number");
	rejects("10.0.0.1/2x", true, "0 to 32");
	rejects("10.0.0.256/24", true, "not an IPv4 or IPv6 address");
	rejects("ns1", false, "not an IPv4 or IPv6 address");
	rejects("", false, "not an IPv4 or IPv6 address");

	inet_parse("10.0.1.7/24", true, &a, &why);
	net = inet_net(&a);
	CHECK_STR(inet_fmt(&net, false, buf, sizeof(buf)), "10.0.1.0/24", "network of 10.0.1.7/24");
	CHECK(!inet_is_network(&a) && inet_is_network(&net), "host bits detected");
	inet_parse("10.0.1.200", false, &h, &why);
	CHECK(inet_in_prefix(&h, &net), "10.0.1.200 is in 10.0.1.0/24");
	inet_parse("10.0.2.1", false, &h, &why);
	CHECK(!inet_in_prefix(&h, &net), "10.0.2.1 is not in 10.0.1.0/24");
	inet_parse("10.0.0.0/30", true, &net, &why);
	CHECK(inet_host(&net, 2, &h) == 0 &&
	      strcmp(inet_addr_fmt(&h, buf, sizeof(buf)), "10.0.0.2") == 0, "host 2 of a /30");
	CHECK(inet_host(&net, 4, &h) < 0, "a /30 has no host 4");
	inet_parse("10.0.0.255/23", true, &net, &why);
	CHECK(inet_host(&net, 256, &h) == 0 &&
	      strcmp(inet_addr_fmt(&h, buf, sizeof(buf)), "10.0.1.0") == 0, "carry across bytes");
	inet_parse("fd00:1::/64", true, &net, &why);
	CHECK(inet_host(&net, 1, &h) == 0 &&
	      strcmp(inet_addr_fmt(&h, buf, sizeof(buf)), "fd00:1::1") == 0, "IPv6 host 1");
	return unit_done();
}
