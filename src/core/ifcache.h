/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ifcache.h: interface names and the ifindexes learned for them, in one
 * namespace (the kernel layer's cache): a few are scanned, many are
 * hashed (a switch's ports: its 1000th cable is not a search through 999
 * names). */
#ifndef NETSH_IFCACHE_H
#define NETSH_IFCACHE_H

#include <net/if.h>
#include <stddef.h>

#include "core/nametab.h"

struct ifcache_ent {
	char name[IFNAMSIZ];
	int ifindex;
	struct name_link link;	/* in the cache's tab */
};

/* All zero is an empty cache. */
struct ifcache {
	struct ifcache_ent *ents;
	size_t n, cap;
	struct nametab tab;	/* ents by name, once there are IFCACHE_TAB_MIN */
};

#define IFCACHE_TAB_MIN 16

/* The ifindex learned for name, or 0. */
int ifcache_get(const struct ifcache *c, const char *name);
void ifcache_put(struct ifcache *c, const char *name, int ifindex);
/* Forget name (its ifindex proved stale). */
void ifcache_drop(struct ifcache *c, const char *name);
/* Forget every name, keeping the room. */
void ifcache_clear(struct ifcache *c);
void ifcache_free(struct ifcache *c);

#endif
