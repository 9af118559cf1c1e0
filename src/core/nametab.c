/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nametab.c: chained hashing of names, doubled when as full as it is wide. */
#include <stdlib.h>
#include <string.h>

#include "core/nametab.h"
#include "core/xalloc.h"

#define NAMETAB_MIN 64

/* FNV-1a of a name. */
static size_t name_hash(const char *s)
{
	size_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The chain link that points at the named thing, or at the chain's end. */
static struct name_link **slot(const struct nametab *t, const char *name)
{
	struct name_link **p = &t->buckets[name_hash(name) & (t->nbuckets - 1)];

	while (*p && strcmp((*p)->name, name) != 0)
		p = &(*p)->next;
	return p;
}

/* Double the bucket array and rehash every thing. */
static void grow(struct nametab *t)
{
	size_t old = t->nbuckets;
	struct name_link **b = t->buckets;

	t->nbuckets *= 2;
	t->buckets = xcalloc(t->nbuckets, sizeof(*t->buckets));
	for (size_t i = 0; i < old; i++) {
		while (b[i]) {
			struct name_link *l = b[i];
			size_t j = name_hash(l->name) & (t->nbuckets - 1);
			b[i] = l->next;
			l->next = t->buckets[j];
			t->buckets[j] = l;
		}
	}
	free(b);
}

void nametab_init(struct nametab *t)
{
	t->nbuckets = NAMETAB_MIN;
	t->buckets = xcalloc(t->nbuckets, sizeof(*t->buckets));
	t->count = 0;
}

void nametab_clear(struct nametab *t)
{
	free(t->buckets);
	t->buckets = NULL;
	t->nbuckets = t->count = 0;
}

struct name_link *nametab_find(const struct nametab *t, const char *name)
{
	return *slot(t, name);
}

void nametab_add(struct nametab *t, struct name_link *l)
{
	if (t->count >= t->nbuckets)
		grow(t);
	struct name_link **p = slot(t, l->name);
	l->next = *p;
	*p = l;
	t->count++;
}

struct name_link *nametab_remove(struct nametab *t, const char *name)
{
	struct name_link **p = slot(t, name), *l = *p;

	if (!l)
		return NULL;
	*p = l->next;
	t->count--;
	return l;
}

void nametab_drain(struct nametab *t, void (*fn)(struct name_link *l))
{
	for (size_t i = 0; i < t->nbuckets; i++) {
		while (t->buckets[i]) {
			struct name_link *l = t->buckets[i];
			t->buckets[i] = l->next;
			fn(l);
		}
	}
	t->count = 0;
}
