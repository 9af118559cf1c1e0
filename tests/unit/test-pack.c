/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-pack.c: ops packed for the model's snapshot (core/pack.c) come back
 * the same, a model rebuilt from them is the same, and bytes that are not
 * a packed op are refused, never misread. */
#include <string.h>

#include "core/pack.h"
#include "helpers.h"

/* Pack one op and unpack it: the same op, every byte consumed. */
static bool round_trip(const struct op *op)
{
	struct strbuf b = STRBUF_INIT;
	const unsigned char *p;
	struct op back;
	bool same;

	op_pack(op, &b);
	p = (const unsigned char *)b.s;
	same = op_unpack(&p, p + b.len, &back) == 0 && p == (const unsigned char *)b.s + b.len &&
	       memcmp(&back, op, sizeof(back)) == 0;
	sb_free(&b);
	return same;
}

/* Every op of a command's plan, packed and unpacked. */
static void plan_round_trip(struct session *s, const char *line)
{
	struct plan p;
	struct nerr err;
	size_t same = 0;

	if (plan_of(s, line, &p, &err) < 0) {
		CHECK(0, "plan '%s': %s", line, err.msg);
		return;
	}
	for (size_t i = 0; i < p.nops; i++)
		same += round_trip(&p.ops[i]);
	CHECK(p.nops > 0 && same == p.nops, "'%s': its %zu ops come back the same", line, p.nops);
	plan_free(&p);
}

/* Unpack len bytes: 0 when they are one whole op. */
static int unpack(const unsigned char *bytes, size_t len)
{
	const unsigned char *p = bytes;
	struct op op;

	return op_unpack(&p, bytes + len, &op) == 0 && p == bytes + len ? 0 : -1;
}

/* model_each_op's ops against model_to_plan's. */
struct walked {
	struct plan want;
	size_t seen, same;
};

static void compare_one(void *arg, const struct op *op)
{
	struct walked *w = arg;

	if (w->seen < w->want.nops && memcmp(op, &w->want.ops[w->seen], sizeof(*op)) == 0)
		w->same++;
	w->seen++;
}

int main(void)
{
	struct session *s = pure();
	struct plan p;

	setup_sample_lab(s);

	/* The whole model, as the snapshot holds it. */
	struct strbuf all = STRBUF_INIT;
	size_t same = 0;
	plan_init(&p);
	model_to_plan(s->model, &p);
	for (size_t i = 0; i < p.nops; i++) {
		same += round_trip(&p.ops[i]);
		op_pack(&p.ops[i], &all);
	}
	CHECK(same == p.nops, "each of the model's %zu ops comes back the same", p.nops);
	struct model *copy = model_new();
	const unsigned char *at = (const unsigned char *)all.s, *end = at + all.len;
	struct op op;
	int bad = 0;
	for (size_t i = 0; i < p.nops; i++)
		bad += op_unpack(&at, end, &op) < 0 || model_apply(copy, &op) < 0;
	char *a = model_text(s->model), *b = model_text(copy);
	CHECK(bad == 0 && at == end && strcmp(a, b) == 0, "the model unpacked is the same model");
	free(a);
	free(b);
	model_free(copy);

	/* Bytes that are not an op: cut anywhere, a kind, field or value out
	 * of range. */
	struct strbuf one = STRBUF_INIT;
	op_pack(&p.ops[0], &one);
	int cut_ok = 0;
	for (size_t len = 0; len < one.len; len++)
		cut_ok += unpack((const unsigned char *)one.s, len) == 0;
	CHECK(cut_ok == 0, "an op cut short at any of its %zu bytes is refused", one.len);
	unsigned char *x = (unsigned char *)one.s;
	x[0] = OP_KIND_COUNT;
	CHECK(unpack(x, one.len) < 0, "an unknown kind is refused");
	x[0] = OP_NS_ADD;
	CHECK(unpack(x, one.len) == 0, "the op read back once restored");
	x[1] = 0x7f;
	CHECK(unpack(x, one.len) < 0, "a field index past the kind's fields is refused");
	x[1] = 0;
	x[2] = 0;
	CHECK(unpack(x, one.len) < 0, "an empty node name is refused");
	x[2] = 255;
	CHECK(unpack(x, one.len) < 0, "a name longer than what is there is refused");
	sb_free(&one);

	unsigned char boolean[] = { OP_LINK_SET, 0, 1, 'a', 0, 0, 0xff };
	size_t up_field = 0;
	for (const struct op_field *f = op_desc(OP_LINK_SET)->fields; f->key; f++, up_field++)
		if (strcmp(f->key, "up") == 0)
			break;
	boolean[4] = (unsigned char)up_field;
	boolean[5] = 1;
	CHECK(unpack(boolean, sizeof(boolean)) == 0, "a bool of 1 is read");
	boolean[5] = 2;
	CHECK(unpack(boolean, sizeof(boolean)) < 0, "a bool of 2 is refused");
	unsigned char nul[] = { OP_NS_ADD, 0, 2, 'a', 0, 0xff };
	CHECK(unpack(nul, sizeof(nul)) < 0, "a name with a NUL inside is refused");

	/* Removals and changes, not only what a model is made of. */
	plan_round_trip(s, "del r2");
	plan_round_trip(s, "del addr sw 10.0.2.100/24");
	plan_round_trip(s, "del route h1 default");
	plan_round_trip(s, "nat r1 type symmetric");
	plan_round_trip(s, "del nat r1");
	plan_round_trip(s, "del forward r1 tcp 8080");
	plan_round_trip(s, "up r2:eth1");
	plan_round_trip(s, "del impair r1 r2");

	/* model_each_op hands on model_to_plan's ops, in batches past 256. */
	struct session *big = pure();
	char line[128];
	for (int i = 0; i < 200; i++) {
		snprintf(line, sizeof(line), "node b%d; cable b%d host subnet 10.%d.%d.0/30", i, i,
			 40 + i / 64, i % 64 * 4);
		setup(big, line);
	}
	struct walked w = { .seen = 0 };
	plan_init(&w.want);
	model_to_plan(big->model, &w.want);
	model_each_op(big->model, compare_one, &w);
	CHECK(w.want.nops > 512 && w.seen == w.want.nops && w.same == w.seen,
	      "model_each_op hands on the %zu ops of model_to_plan, the same and in order (%zu, %zu)",
	      w.want.nops, w.seen, w.same);
	plan_free(&w.want);
	pure_close(big);

	CHECK(pack_format() == pack_format() && pack_format() != 0, "the format hash is stable");
	CHECK(pack_hash("a", 1) != pack_hash("b", 1) && pack_hash("abcdefgh1", 9) != pack_hash("abcdefgh2", 9),
	      "the hash sees a byte changed, in a word or after");
	{
		unsigned char buf[100] = { 0 };
		uint64_t base = pack_hash(buf, sizeof(buf));
		size_t missed = 0;
		for (size_t i = 0; i < sizeof(buf); i++) {
			buf[i] ^= 0x80;
			missed += pack_hash(buf, sizeof(buf)) == base;
			buf[i] ^= 0x80;
		}
		CHECK(missed == 0 && pack_hash(buf, 64) != pack_hash(buf, 65),
		      "the hash sees a bit changed in any byte of any lane, and the length (%zu missed)",
		      missed);
		struct pack_hasher hs;
		for (size_t i = 0; i < sizeof(buf); i++)
			buf[i] = (unsigned char)(i * 7);
		pack_hash_start(&hs);
		pack_hash_add(&hs, buf, 64);
		pack_hash_add(&hs, buf + 64, 36);
		CHECK(pack_hash_end(&hs) == pack_hash(buf, sizeof(buf)),
		      "the hash of two pieces is the hash of the whole");
		pack_hash_start(&hs);
		pack_hash_add(&hs, buf, 32);
		pack_hash_add(&hs, buf + 32, 64);
		CHECK(pack_hash_end(&hs) == pack_hash(buf, 96), "also when the last piece is whole blocks");
	}

	sb_free(&all);
	plan_free(&p);
	pure_close(s);
	return unit_done();
}
