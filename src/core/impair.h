/* SPDX-License-Identifier: GPL-2.0-or-later */
/* impair.h: link conditions (impair A B delay 40ms rate 10mbit) as words
 * and as tc's: parsing each value, printing them back, and the tc command
 * that does the same (for explain). Pure. */
#ifndef NETSH_IMPAIR_H
#define NETSH_IMPAIR_H

#include <stdbool.h>
#include <stddef.h>

#include "core/op.h"

/* The words of an impairment, in the order they are printed. */
enum impair_word { IMPAIR_DELAY, IMPAIR_JITTER, IMPAIR_LOSS, IMPAIR_RATE, IMPAIR_WORDS };

extern const char *const impair_words[];	/* "delay", "jitter", "loss", "rate", NULL */

/* The word's index, or -1. */
int impair_word(const char *w);

/* Parse a value of word k into *out (microseconds, ppm or bit/s):
 * "40ms", "1.5s", "250us"; "1%", "0.5%"; "10mbit", "1gbit", "500kbit",
 * "64000bit". 0 is allowed (it takes that condition away). Returns 0, or
 * -1 with the reason in *why ("expected a time, as 40ms, ..."). */
int impair_parse(enum impair_word k, const char *s, unsigned long long *out, const char **why);

/* Set or read field k of an impairment. */
void impair_set(struct impair *im, enum impair_word k, unsigned long long v);
unsigned long long impair_get(const struct impair *im, enum impair_word k);

/* Is there any condition? Does it need netem (delay, jitter or loss)? */
bool impair_any(const struct impair *im);
bool impair_netem(const struct impair *im);

/* "delay 40ms jitter 5ms loss 1% rate 10mbit" (only what is set; "none"). */
const char *impair_fmt(const struct impair *im, char *buf, size_t len);

/* The tc command that puts it on dev in node (or takes it away). */
void impair_tc(const char *node, const char *dev, const struct impair *im, char *buf, size_t len);

/* The token bucket of a rate: its burst (20 ms of the rate, at least 16
 * KiB) and queue limit (50 ms more) in bytes. */
unsigned impair_burst(unsigned long long rate);
unsigned impair_limit(unsigned long long rate);

#endif
