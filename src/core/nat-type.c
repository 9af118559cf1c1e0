/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nat-type.c: the names of NAT behaviours (see nat-type.h). */
#include <stdio.h>
#include <string.h>

#include "core/nat-type.h"

const char *const nat_presets[] = { "full-cone", "restricted-cone", "port-restricted",
				    "symmetric", "cgnat", NULL };
static const int preset_types[] = { NAT_FULLCONE, NAT_RESTRICTED, NAT_DEFAULT,
				    NAT_SYMMETRIC, NAT_CGNAT };

static const char *const dep_names[NAT_DEP_COUNT] = {
	"endpoint-independent", "address-dependent", "address-and-port-dependent",
};
static const char *const dep_short[NAT_DEP_COUNT] = { "ei", "ad", "apd" };

#define NAT_TYPE_MAX 0x40	/* every t < this that is valid has a name */
#define NAT_NAME_MAX 80

bool nat_type_valid(int t)
{
	return t >= 0 && t < NAT_TYPE_MAX && (t & 3) < NAT_DEP_COUNT && (t >> 2 & 3) < NAT_DEP_COUNT;
}

const char *nat_dep_name(enum nat_dep d)
{
	return d < NAT_DEP_COUNT ? dep_names[d] : "?";
}

const char *nat_dep_short(enum nat_dep d)
{
	return d < NAT_DEP_COUNT ? dep_short[d] : "?";
}

int nat_dep_parse(const char *s)
{
	for (int d = 0; d < NAT_DEP_COUNT; d++)
		if (strcmp(s, dep_names[d]) == 0 || strcmp(s, dep_short[d]) == 0)
			return d;
	return -1;
}

/* How many of the four behaviours differ between a and b. */
static int differences(int a, int b)
{
	return (NAT_MAPPING(a) != NAT_MAPPING(b)) + (NAT_FILTERING(a) != NAT_FILTERING(b)) +
	       !!((a ^ b) & NAT_RANDOM) + !!((a ^ b) & NAT_HAIRPIN);
}

/* t's name into buf: the nearest preset, then what differs from it. */
static void name_of(int t, char *buf, size_t len)
{
	int best = 0;
	size_t n;

	for (int i = 1; nat_presets[i]; i++)
		if (differences(t, preset_types[i]) < differences(t, preset_types[best]))
			best = i;
	int p = preset_types[best];
	n = (size_t)snprintf(buf, len, "%s", nat_presets[best]);
	if (NAT_MAPPING(t) != NAT_MAPPING(p))
		n += (size_t)snprintf(buf + n, len - n, "+mapping-%s", dep_short[NAT_MAPPING(t)]);
	if (NAT_FILTERING(t) != NAT_FILTERING(p))
		n += (size_t)snprintf(buf + n, len - n, "+filtering-%s", dep_short[NAT_FILTERING(t)]);
	if ((t ^ p) & NAT_RANDOM)
		n += (size_t)snprintf(buf + n, len - n, "+%s", t & NAT_RANDOM ? "random" : "preserve");
	if ((t ^ p) & NAT_HAIRPIN)
		snprintf(buf + n, len - n, "+%s", t & NAT_HAIRPIN ? "hairpin" : "no-hairpin");
}

const char *nat_type_name(int t)
{
	static char names[NAT_TYPE_MAX][NAT_NAME_MAX];

	if (!nat_type_valid(t))
		return "?";
	if (!names[t][0])
		name_of(t, names[t], NAT_NAME_MAX);
	return names[t];
}

int nat_type_parse(const char *s)
{
	if (strcmp(s, "default") == 0)
		return NAT_DEFAULT;
	for (int t = 0; t < NAT_TYPE_MAX; t++)
		if (nat_type_valid(t) && strcmp(s, nat_type_name(t)) == 0)
			return t;
	return -1;
}

const char *nat_type_mapping(int t)
{
	static char buf[160];
	const char *ports = t & NAT_RANDOM ? "a random outside port" :
			    "the inside port kept when it is free";

	switch (NAT_MAPPING(t)) {
	case NAT_EI:
		snprintf(buf, sizeof(buf), "endpoint-independent mapping (%s, then the same for every destination)", ports);
		break;
	case NAT_AD:
		snprintf(buf, sizeof(buf), "address-dependent mapping (%s for each destination address)", ports);
		break;
	default:
		snprintf(buf, sizeof(buf), "address-and-port-dependent mapping (%s for each destination address and port)", ports);
	}
	return buf;
}

const char *nat_type_filtering(int t)
{
	switch (NAT_FILTERING(t)) {
	case NAT_EI:
		return "endpoint-independent filtering (any outside host may send to a mapped port)";
	case NAT_AD:
		return "address-dependent filtering (any port of an address the inside host sent to may answer)";
	default:
		return "address-and-port-dependent filtering (only the destination's replies come in)";
	}
}
