/* SPDX-License-Identifier: GPL-2.0-or-later */
/* nametab.h: a hash table of named things, keyed by their name. Intrusive:
 * a thing embeds a struct name_link and points its name at its own name;
 * the table never allocates or frees the things themselves. */
#ifndef NETSH_NAMETAB_H
#define NETSH_NAMETAB_H

#include <stddef.h>

struct name_link {
	const char *name;
	struct name_link *next;		/* hash chain */
};

struct nametab {
	struct name_link **buckets;
	size_t nbuckets, count;
};

/* The thing that holds link `l` as its member `member`. */
#define NAMETAB_ITEM(l, type, member) \
	((type *)(void *)((char *)(l) - offsetof(type, member)))

void nametab_init(struct nametab *t);

/* Free the buckets (not the things); the table is then empty. */
void nametab_clear(struct nametab *t);

struct name_link *nametab_find(const struct nametab *t, const char *name);

/* Add a thing whose name is not in the table yet. */
void nametab_add(struct nametab *t, struct name_link *l);

/* Take the named thing out of the table; returns it, or NULL. */
struct name_link *nametab_remove(struct nametab *t, const char *name);

/* Empty the table, handing each thing to `fn` (which may free it). */
void nametab_drain(struct nametab *t, void (*fn)(struct name_link *l));

#endif
