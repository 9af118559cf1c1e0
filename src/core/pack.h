/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pack.h: ops in a compact binary form, for the model's snapshot
 * (engine/snapshot.c). The fields are the journal's (op_desc), so a new
 * field or kind is packed with no change here; the form is this build's
 * own (native byte order), and pack_format() changes with the descriptors,
 * so a snapshot of another netsh is never misread, only rebuilt. */
#ifndef NETSH_PACK_H
#define NETSH_PACK_H

#include <stdint.h>

#include "core/op.h"
#include "core/strbuf.h"

/* Append op to out: its kind, each field that is not zero, an end byte. */
void op_pack(const struct op *op, struct strbuf *out);

/* Read one op at *p (not past end) and move *p past it; -1 when the bytes
 * are not an op this build packs (a bad kind, field or value). */
int op_unpack(const unsigned char **p, const unsigned char *end, struct op *op);

/* A hash of every op kind's name and fields (key, type, size): two builds
 * that pack alike have the same. */
uint64_t pack_format(void);

/* A 64-bit hash of len bytes (FNV-1a-like, 32 bytes a step). */
uint64_t pack_hash(const void *data, size_t len);

/* The same hash over pieces read one after another (a file through a small
 * buffer): each piece but the last a multiple of PACK_HASH_BLOCK bytes. */
#define PACK_HASH_BLOCK 32
struct pack_hasher {
	uint64_t h[4];
	uint64_t last;		/* the end, once a piece ended in a part block */
	int ended;
};
void pack_hash_start(struct pack_hasher *x);
void pack_hash_add(struct pack_hasher *x, const void *data, size_t len);
uint64_t pack_hash_end(const struct pack_hasher *x);

#endif
