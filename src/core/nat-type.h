/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nat-type.h: a NAT's behaviour as RFC 4787 words it (mapping, filtering,
 * port assignment, hairpinning), packed in one int, and its names: the
 * presets (full-cone, restricted-cone, port-restricted, symmetric, cgnat)
 * and, for any other mix, the nearest preset with what differs appended
 * ("port-restricted+hairpin"). Pure. See doc/nat.md. */
#ifndef NETSH_NAT_TYPE_H
#define NETSH_NAT_TYPE_H

#include <stdbool.h>

/* How a mapping or a filter depends on the remote endpoint. */
enum nat_dep {
	NAT_EI,		/* endpoint-independent */
	NAT_AD,		/* address-dependent */
	NAT_APD,	/* address-and-port-dependent */
	NAT_DEP_COUNT
};

/* Packed: bits 0-1 the mapping, bits 2-3 the filtering turned so that
 * port-restricted, the type journals written before the words existed
 * leave out, is 0; then two flags. */
#define NAT_RANDOM	0x10	/* a new mapping gets a random outside port */
#define NAT_HAIRPIN	0x20	/* inside hosts reach each other's mappings */
#define NAT_TYPE(map, filt, flags) ((map) | ((filt) + 1) % 3 << 2 | (flags))
#define NAT_MAPPING(t)	((enum nat_dep)((t) & 3))
#define NAT_FILTERING(t) ((enum nat_dep)((((t) >> 2 & 3) + 2) % 3))

#define NAT_FULLCONE	NAT_TYPE(NAT_EI, NAT_EI, 0)
#define NAT_RESTRICTED	NAT_TYPE(NAT_EI, NAT_AD, 0)
#define NAT_DEFAULT	NAT_TYPE(NAT_EI, NAT_APD, 0)	/* port-restricted */
#define NAT_SYMMETRIC	NAT_TYPE(NAT_APD, NAT_APD, NAT_RANDOM)
#define NAT_CGNAT	NAT_TYPE(NAT_EI, NAT_EI, NAT_RANDOM | NAT_HAIRPIN)

/* The presets' names, in the order help and completion list them. */
extern const char *const nat_presets[];

bool nat_type_valid(int t);

/* A preset's name, or the nearest preset's with "+WORD" for each
 * difference ("+mapping-ad", "+filtering-ei", "+random", "+preserve",
 * "+hairpin", "+no-hairpin"); "?" for an invalid t. */
const char *nat_type_name(int t);

/* The inverse (and "default", the old name of port-restricted): -1 if s
 * is not one. */
int nat_type_parse(const char *s);

/* "endpoint-independent", ...; and its short form "ei", "ad", "apd". */
const char *nat_dep_name(enum nat_dep d);
const char *nat_dep_short(enum nat_dep d);

/* Either form; -1 if neither. */
int nat_dep_parse(const char *s);

/* RFC 4787 words for a type's mapping and port assignment, and for its
 * filtering, as show prints them. */
const char *nat_type_mapping(int t);
const char *nat_type_filtering(int t);

#endif
