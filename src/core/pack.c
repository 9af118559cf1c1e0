/* SPDX-License-Identifier: GPL-2.0-or-later */
/* pack.c: ops in a compact binary form (see pack.h). An op is its kind
 * (one byte), then for each field that is not zero its index in the
 * descriptor (one byte) and its value (a name: a length byte and the
 * bytes; anything else: the field's bytes as they are in struct op), then
 * PACK_END. Unpacking checks every value as reading a journal record does. */
#include <assert.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "core/pack.h"

#define PACK_END 0xff

/* Are the n bytes at p all zero? */
static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

void op_pack(const struct op *op, struct strbuf *out)
{
	const struct op_desc *d = op_desc(op->kind);
	unsigned char idx = 0;

	sb_putc(out, (char)op->kind);
	for (const struct op_field *f = d->fields; f->key; f++, idx++) {
		const unsigned char *v = (const unsigned char *)op + f->off;
		size_t len = f->type == FIELD_NAME ? strnlen((const char *)v, f->size - 1) : f->size;
		if (f->type == FIELD_NAME ? len == 0 : all_zero(v, len))
			continue;
		sb_putc(out, (char)idx);
		if (f->type == FIELD_NAME)
			sb_putc(out, (char)len);	/* names are at most 255 bytes */
		sb_addn(out, v, len);
	}
	sb_putc(out, (char)PACK_END);
}

/* Is the value at v one its field can hold (as record.c would read it)? */
static bool value_ok(const struct op_field *f, const unsigned char *v)
{
	int i;

	switch (f->type) {
	case FIELD_NAME:
	case FIELD_U64:
		return true;
	case FIELD_INET: {
		struct inet in;
		memcpy(&in, v, sizeof(in));
		return (in.family == AF_INET && in.plen >= 0 && in.plen <= 32) ||
		       (in.family == AF_INET6 && in.plen >= 0 && in.plen <= 128);
	}
	case FIELD_BOOL:
		return *v <= 1;
	case FIELD_INDEX:
	case FIELD_PORT:
	case FIELD_KIND:
	case FIELD_NAT:
	case FIELD_PROTO:
		memcpy(&i, v, sizeof(i));
		return f->type == FIELD_INDEX ? i >= 0 :
		       f->type == FIELD_PORT ? i >= 0 && i <= 65535 :
		       f->type == FIELD_KIND ? i >= 0 && i < KIND_COUNT :
		       f->type == FIELD_NAT ? nat_type_valid(i) :
		       i == IPPROTO_TCP || i == IPPROTO_UDP;
	}
	return false;
}

int op_unpack(const unsigned char **p, const unsigned char *end, struct op *op)
{
	const unsigned char *s = *p;
	const struct op_desc *d;
	size_t nfields = 0;

	memset(op, 0, sizeof(*op));
	if (s >= end || !(d = op_desc((enum op_kind)*s)))
		return -1;
	op->kind = (enum op_kind)*s++;
	while (d->fields[nfields].key)
		nfields++;
	while (s < end && *s != PACK_END) {
		size_t idx = *s++, len;
		if (idx >= nfields)
			return -1;
		const struct op_field *f = &d->fields[idx];
		len = f->size;
		if (f->type == FIELD_NAME) {
			if (s >= end || (len = *s++) >= f->size)
				return -1;
		}
		if ((size_t)(end - s) < len || (f->type == FIELD_NAME && memchr(s, '\0', len)))
			return -1;
		if (f->type != FIELD_NAME && f->type != FIELD_U64 && !value_ok(f, s))
			return -1;
		memcpy((unsigned char *)op + f->off, s, len);
		s += len;
	}
	if (s >= end || !op->node[0])
		return -1;
	*p = s + 1;
	return 0;
}

/* FNV-1a over len bytes, into h. */
static uint64_t fnv(uint64_t h, const void *data, size_t len)
{
	const unsigned char *b = data;

	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * 0x100000001b3ULL;
	return h;
}

uint64_t pack_format(void)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t opsize = sizeof(struct op);

	h = fnv(h, &opsize, sizeof(opsize));
	for (int k = 0; k < OP_KIND_COUNT; k++) {
		const struct op_desc *d = op_desc((enum op_kind)k);
		h = fnv(h, d->name, strlen(d->name) + 1);
		for (const struct op_field *f = d->fields; f->key; f++) {
			h = fnv(h, f->key, strlen(f->key) + 1);
			h = fnv(h, &f->type, sizeof(f->type));
			h = fnv(h, &f->off, sizeof(f->off));
			h = fnv(h, &f->size, sizeof(f->size));
		}
	}
	return h;
}

void pack_hash_start(struct pack_hasher *x)
{
	static const uint64_t seed[4] = { 0xcbf29ce484222325ULL, 0x84222325cbf29ce4ULL,
					  0x9e3779b97f4a7c15ULL, 0xc2b2ae3d27d4eb4fULL };

	memcpy(x->h, seed, sizeof(x->h));
	x->last = 0;
	x->ended = 0;
}

/* Four lanes of 8 bytes, each mixed on its own so that the processor
 * runs them side by side (a megabyte of journal is hashed per command in
 * a 1000-node lab), then folded together with the part block at the end. */
void pack_hash_add(struct pack_hasher *x, const void *data, size_t len)
{
	const unsigned char *b = data;
	uint64_t w;
	size_t i = 0;

	assert(!x->ended);	/* only the last piece may end in a part block */
	for (; i + PACK_HASH_BLOCK <= len; i += PACK_HASH_BLOCK)
		for (int k = 0; k < 4; k++) {
			memcpy(&w, b + i + 8 * k, 8);
			x->h[k] = (x->h[k] ^ w) * 0x100000001b3ULL;
			x->h[k] ^= x->h[k] >> 29;
		}
	if (i < len) {
		x->last = fnv(fnv(x->h[0], x->h, sizeof(x->h)), b + i, len - i);
		x->ended = 1;
	}
}

uint64_t pack_hash_end(const struct pack_hasher *x)
{
	return x->ended ? x->last : fnv(x->h[0], x->h, sizeof(x->h));
}

uint64_t pack_hash(const void *data, size_t len)
{
	struct pack_hasher x;

	pack_hash_start(&x);
	pack_hash_add(&x, data, len);
	return pack_hash_end(&x);
}
