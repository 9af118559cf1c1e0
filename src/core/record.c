/* SPDX-License-Identifier: GPL-2.0-or-later */
/* record.c: journal records as key=value text. */
#include <limits.h>
#include <string.h>

#include "core/record.h"

/* The field's value in *op, as a pointer of the right type. */
#define FIELD_PTR(op, f, type) ((type *)(void *)((char *)(op) + (f)->off))
#define FIELD_CPTR(op, f, type) ((const type *)(const void *)((const char *)(op) + (f)->off))

/* " key=value": text, not printf, since a big lab's journal is mostly
 * these (formatting them was a third of a build's own instructions). */
static void put_field(struct strbuf *out, const char *key, const char *value)
{
	sb_putc(out, ' ');
	sb_puts(out, key);
	sb_putc(out, '=');
	sb_puts(out, value);
}

/* " key=N" for a number N, negative or not. */
static void put_num(struct strbuf *out, const char *key, unsigned long long v, bool neg)
{
	char digits[24], *p = digits + sizeof(digits);

	*--p = '\0';
	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	if (neg)
		*--p = '-';
	put_field(out, key, p);
}

/* Write one field as " key=value", unless it has its zero value. */
static void write_field(const struct op *op, const struct op_field *f, struct strbuf *out)
{
	char a[INET_STRLEN];
	int i;

	switch (f->type) {
	case FIELD_NAME:
		if (FIELD_CPTR(op, f, char)[0])
			put_field(out, f->key, FIELD_CPTR(op, f, char));
		break;
	case FIELD_INET: {
		const struct inet *in = FIELD_CPTR(op, f, struct inet);
		if (in->family)
			put_field(out, f->key, inet_fmt(in, false, a, sizeof(a)));
		break;
	}
	case FIELD_BOOL:
		if (*FIELD_CPTR(op, f, bool))
			put_field(out, f->key, "1");
		break;
	case FIELD_U64:
		if (*FIELD_CPTR(op, f, unsigned long long))
			put_num(out, f->key, *FIELD_CPTR(op, f, unsigned long long), false);
		break;
	case FIELD_INDEX:
	case FIELD_PORT:
		if ((i = *FIELD_CPTR(op, f, int)) != 0)
			put_num(out, f->key, i < 0 ? -(unsigned long long)i : (unsigned long long)i, i < 0);
		break;
	case FIELD_KIND:
		if (*FIELD_CPTR(op, f, enum node_kind) != KIND_HOST)
			put_field(out, f->key, node_kind_name(*FIELD_CPTR(op, f, enum node_kind)));
		break;
	case FIELD_NAT:
		if (*FIELD_CPTR(op, f, int))
			put_field(out, f->key, nat_type_name(*FIELD_CPTR(op, f, int)));
		break;
	case FIELD_PROTO:
		if (*FIELD_CPTR(op, f, int))
			put_field(out, f->key, proto_name(*FIELD_CPTR(op, f, int)));
		break;
	}
}

void record_write(const struct op *op, struct strbuf *out)
{
	const struct op_desc *d = op_desc(op->kind);

	sb_puts(out, d->name);
	for (const struct op_field *f = d->fields; f->key; f++)
		write_field(op, f, out);
	sb_putc(out, '\n');
}

/* A whole decimal number, 0 to max. */
static int get_num(const char *s, unsigned long long max, unsigned long long *out)
{
	unsigned long long v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		unsigned d = (unsigned)(*s - '0');
		if (d > 9 || __builtin_mul_overflow(v, 10, &v) ||
		    __builtin_add_overflow(v, d, &v) || v > max)
			return -1;
	}
	*out = v;
	return 0;
}

/* Copy a name that fits a buffer of `size`. */
static int get_name(const char *s, char *out, size_t size)
{
	size_t len = strlen(s);

	if (!len || len >= size)
		return -1;
	memcpy(out, s, len + 1);
	return 0;
}

/* Parse one value into its field of *op. */
static int read_field(struct op *op, const struct op_field *f, const char *v)
{
	unsigned long long n;
	const char *why;
	int k;

	switch (f->type) {
	case FIELD_NAME:
		return get_name(v, FIELD_PTR(op, f, char), f->size);
	case FIELD_INET:
		return inet_parse(v, true, FIELD_PTR(op, f, struct inet), &why);
	case FIELD_BOOL:
		if (get_num(v, 1, &n) < 0)
			return -1;
		*FIELD_PTR(op, f, bool) = n;
		return 0;
	case FIELD_U64:
		return get_num(v, ULLONG_MAX, FIELD_PTR(op, f, unsigned long long));
	case FIELD_INDEX:
	case FIELD_PORT:
		if (get_num(v, f->type == FIELD_PORT ? 65535 : INT_MAX, &n) < 0)
			return -1;
		*FIELD_PTR(op, f, int) = (int)n;
		return 0;
	case FIELD_KIND:
		for (k = 0; k < KIND_COUNT; k++)
			if (strcmp(v, node_kind_name((enum node_kind)k)) == 0)
				break;
		if (k == KIND_COUNT)
			return -1;
		*FIELD_PTR(op, f, enum node_kind) = (enum node_kind)k;
		return 0;
	case FIELD_NAT:
		k = nat_type_parse(v);
		if (k < 0)
			return -1;
		*FIELD_PTR(op, f, int) = k;
		return 0;
	case FIELD_PROTO:
		k = proto_parse(v);
		if (!k)
			return -1;
		*FIELD_PTR(op, f, int) = k;
		return 0;
	}
	return -1;
}

/* The descriptor named by a record's first word, and its kind. */
static const struct op_desc *desc_named(const char *name, enum op_kind *kind)
{
	for (int k = 0; k < OP_KIND_COUNT; k++) {
		const struct op_desc *d = op_desc((enum op_kind)k);
		if (strcmp(d->name, name) == 0) {
			*kind = (enum op_kind)k;
			return d;
		}
	}
	return NULL;
}

int record_read(const char *line, size_t len, struct op *op, struct nerr *err)
{
	char buf[2048], *save = NULL, *w;
	const struct op_desc *d;
	unsigned seen = 0;

	memset(op, 0, sizeof(*op));
	if (len >= sizeof(buf) || memchr(line, '\0', len))
		return nerr_setc(err, NERR_USAGE, -1, "a record of %zu bytes is not a journal record", len);
	memcpy(buf, line, len);
	buf[len] = '\0';
	w = strtok_r(buf, " ", &save);
	if (!w)
		return nerr_setc(err, NERR_USAGE, -1, "an empty record");
	d = desc_named(w, &op->kind);
	if (!d)
		return nerr_setc(err, NERR_USAGE, -1, "unknown record kind '%.40s'", w);
	while ((w = strtok_r(NULL, " ", &save))) {
		char *eq = strchr(w, '=');
		const struct op_field *f;
		unsigned bit = 0;
		if (!eq)
			return nerr_setc(err, NERR_USAGE, -1, "'%.40s' in a %s record is not key=value",
					 w, d->name);
		*eq = '\0';
		for (f = d->fields; f->key && strcmp(f->key, w) != 0; f++)
			bit++;
		if (!f->key)
			return nerr_setc(err, NERR_USAGE, -1, "unknown key '%.40s' in a %s record",
					 w, d->name);
		if (seen & (1u << bit))
			return nerr_setc(err, NERR_USAGE, -1, "key '%s' twice in a %s record", w, d->name);
		seen |= 1u << bit;
		if (read_field(op, f, eq + 1) < 0)
			return nerr_setc(err, NERR_USAGE, -1, "bad value '%.60s' for key '%s' in a %s record",
					 eq + 1, w, d->name);
	}
	if (!op->node[0])
		return nerr_setc(err, NERR_USAGE, -1, "a %s record without node=", d->name);
	return 0;
}
