/* SPDX-License-Identifier: GPL-2.0-or-later */
/* impair.c: link conditions as words and as tc commands (impair.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/impair.h"
#include "core/strbuf.h"

const char *const impair_words[] = { "delay", "jitter", "loss", "rate", NULL };

int impair_word(const char *w)
{
	for (int i = 0; impair_words[i]; i++)
		if (strcmp(w, impair_words[i]) == 0)
			return i;
	return -1;
}

struct unit {
	const char *suffix;
	unsigned long long scale;
};

static const struct unit times[] = { { "us", 1 }, { "ms", 1e3 }, { "s", 1e6 }, { NULL, 0 } };
static const struct unit rates[] = { { "bit", 1 }, { "kbit", 1e3 }, { "mbit", 1e6 },
				     { "gbit", 1e9 }, { NULL, 0 } };
static const struct unit percent[] = { { "%", 1e4 }, { NULL, 0 } };

int impair_parse(enum impair_word k, const char *s, unsigned long long *out, const char **why)
{
	const struct unit *u = k == IMPAIR_RATE ? rates : k == IMPAIR_LOSS ? percent : times;
	static const char *const expect[] = {
		[IMPAIR_DELAY] = "expected a time, as 40ms, 1.5s or 250us",
		[IMPAIR_JITTER] = "expected a time, as 5ms or 250us",
		[IMPAIR_LOSS] = "expected a percentage, as 1% or 0.5%",
		[IMPAIR_RATE] = "expected a rate, as 10mbit, 500kbit or 1gbit",
	};
	char *end;
	double v;

	*why = expect[k];
	v = strtod(s, &end);
	if (end == s || !(v >= 0) || s[0] == '-' || s[0] == '+' || !isfinite(v))
		return -1;
	if (v == 0 && *end == '\0') {
		*out = 0;
		return 0;
	}
	for (; u->suffix; u++)
		if (strcmp(end, u->suffix) == 0)
			break;
	if (!u->suffix)
		return -1;
	v *= (double)u->scale;
	if (k == IMPAIR_LOSS && v > 1e6) {
		*why = "a loss is at most 100%";
		return -1;
	}
	if (v > 1e15 || (v > 0 && v < 1)) {
		*why = k == IMPAIR_RATE ? "a rate is 1bit to 1000000gbit"
					: "out of range (1us to 1000000000s)";
		return -1;
	}
	*out = (unsigned long long)(v + 0.5);	/* v is 0 or 1 to 1e15 */
	return 0;
}

void impair_set(struct impair *im, enum impair_word k, unsigned long long v)
{
	unsigned long long *f[] = { &im->delay, &im->jitter, &im->loss, &im->rate };

	*f[k] = v;
}

unsigned long long impair_get(const struct impair *im, enum impair_word k)
{
	const unsigned long long f[] = { im->delay, im->jitter, im->loss, im->rate };

	return f[k];
}

bool impair_any(const struct impair *im)
{
	return im->rate || impair_netem(im);
}

bool impair_netem(const struct impair *im)
{
	return im->delay || im->jitter || im->loss;
}

/* A value with the largest unit that shows it without a fraction, or with
 * three decimals at most. */
static void value(struct strbuf *b, enum impair_word k, unsigned long long v)
{
	const struct unit *u = k == IMPAIR_RATE ? rates : k == IMPAIR_LOSS ? percent : times;
	const struct unit *best = u;

	if (k == IMPAIR_LOSS) {
		sb_printf(b, "%g%%", (double)v / 1e4);
		return;
	}
	for (; u->suffix; u++)
		if (v >= u->scale && (u->scale < 1000 || v % (u->scale / 1000) == 0))
			best = u;
	sb_printf(b, "%g%s", (double)v / (double)best->scale, best->suffix);
}

const char *impair_fmt(const struct impair *im, char *buf, size_t len)
{
	struct strbuf b = STRBUF_INIT;

	for (int k = 0; k < IMPAIR_WORDS; k++) {
		if (!impair_get(im, k))
			continue;
		sb_item(&b, " ", "%s ", impair_words[k]);
		value(&b, k, impair_get(im, k));
	}
	snprintf(buf, len, "%s", b.len ? sb_str(&b) : "none");
	sb_free(&b);
	return buf;
}

unsigned impair_burst(unsigned long long rate)
{
	/* 20 ms of the rate: a bucket that refills while the machine is busy
	 * (a dequeue late by more than the bucket's worth loses tokens, and a
	 * 10mbit TCP flow then got 15% less under load). */
	unsigned long long b = rate / 8 / 50;

	return b < 16384 ? 16384 : b > (1u << 26) ? 1u << 26 : (unsigned)b;
}

unsigned impair_limit(unsigned long long rate)
{
	unsigned long long l = rate / 8 / 20 + impair_burst(rate);	/* 50 ms queued */

	return l < 16384 ? 16384 : l > (1u << 30) ? 1u << 30 : (unsigned)l;
}

void impair_tc(const char *node, const char *dev, const struct impair *im, char *buf, size_t len)
{
	struct strbuf b = STRBUF_INIT;

	if (!impair_any(im)) {
		sb_printf(&b, "tc -n %s qdisc del dev %s root", node, dev);
	} else if (!impair_netem(im)) {
		sb_printf(&b, "tc -n %s qdisc replace dev %s root tbf rate ", node, dev);
		value(&b, IMPAIR_RATE, im->rate);
		sb_printf(&b, " burst %ub limit %ub", impair_burst(im->rate), impair_limit(im->rate));
	} else {
		sb_printf(&b, "tc -n %s qdisc replace dev %s root handle 1: netem", node, dev);
		for (int k = IMPAIR_DELAY; k <= IMPAIR_LOSS; k++) {
			if (k == IMPAIR_JITTER)
				continue;	/* after the delay, as tc reads it */
			if (!impair_get(im, k) && !(k == IMPAIR_DELAY && im->jitter))
				continue;
			sb_printf(&b, " %s ", impair_words[k]);
			value(&b, k, impair_get(im, k));
			if (k == IMPAIR_DELAY && im->jitter) {
				sb_putc(&b, ' ');
				value(&b, IMPAIR_JITTER, im->jitter);
			}
		}
		if (im->rate) {
			sb_printf(&b, "\ntc -n %s qdisc replace dev %s parent 1: handle 10: tbf rate ",
				  node, dev);
			value(&b, IMPAIR_RATE, im->rate);
			sb_printf(&b, " burst %ub limit %ub", impair_burst(im->rate),
				  impair_limit(im->rate));
		}
	}
	snprintf(buf, len, "%s", sb_str(&b));
	sb_free(&b);
}
