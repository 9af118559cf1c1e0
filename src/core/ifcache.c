/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ifcache.c: names to ifindexes, scanned while few, then hashed. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "core/ifcache.h"
#include "core/xalloc.h"

/* Index every entry by name, anew (the array moved, or grew to
 * IFCACHE_TAB_MIN: a handful of names is found faster by a scan). */
static void reindex(struct ifcache *c)
{
	nametab_clear(&c->tab);
	nametab_init(&c->tab);
	for (size_t i = 0; i < c->n; i++) {
		c->ents[i].link.name = c->ents[i].name;
		nametab_add(&c->tab, &c->ents[i].link);
	}
}

/* name's entry, or NULL. */
static struct ifcache_ent *find(const struct ifcache *c, const char *name)
{
	struct name_link *l;

	if (c->tab.buckets) {
		l = nametab_find(&c->tab, name);
		return l ? NAMETAB_ITEM(l, struct ifcache_ent, link) : NULL;
	}
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->ents[i].name, name) == 0)
			return &c->ents[i];
	return NULL;
}

int ifcache_get(const struct ifcache *c, const char *name)
{
	const struct ifcache_ent *e = find(c, name);

	return e ? e->ifindex : 0;
}

void ifcache_put(struct ifcache *c, const char *name, int ifindex)
{
	struct ifcache_ent *e = find(c, name);
	size_t len = strnlen(name, IFNAMSIZ - 1);
	bool moved = false;

	if (e) {
		e->ifindex = ifindex;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 4;
		c->ents = xrealloc(c->ents, c->cap * sizeof(*c->ents));
		moved = true;
	}
	e = &c->ents[c->n++];
	memcpy(e->name, name, len);
	e->name[len] = '\0';
	e->ifindex = ifindex;
	if (c->n == IFCACHE_TAB_MIN || (c->tab.buckets && moved)) {
		reindex(c);
	} else if (c->tab.buckets) {
		e->link.name = e->name;
		nametab_add(&c->tab, &e->link);
	}
}

void ifcache_drop(struct ifcache *c, const char *name)
{
	struct ifcache_ent *e = find(c, name), *last;

	if (!e)
		return;
	last = &c->ents[--c->n];
	if (c->tab.buckets) {
		nametab_remove(&c->tab, e->name);
		if (e != last)
			nametab_remove(&c->tab, last->name);
	}
	if (e == last)
		return;
	*e = *last;		/* the last entry fills the gap */
	if (c->tab.buckets) {
		e->link.name = e->name;
		nametab_add(&c->tab, &e->link);
	}
}

void ifcache_clear(struct ifcache *c)
{
	c->n = 0;
	nametab_clear(&c->tab);
}

void ifcache_free(struct ifcache *c)
{
	free(c->ents);
	nametab_clear(&c->tab);
	memset(c, 0, sizeof(*c));
}
