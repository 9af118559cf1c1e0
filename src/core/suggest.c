/* SPDX-License-Identifier: GPL-2.0-or-later */
/* suggest.c: edit distance (with swaps) between short words. */
#include <string.h>

#include "core/suggest.h"

#define WORD_MAX 64

/* The optimal string alignment distance: insertions, deletions,
 * substitutions and swaps of two neighbours, each one edit. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), d[WORD_MAX + 1][WORD_MAX + 1];

	if (la > WORD_MAX || lb > WORD_MAX)
		return WORD_MAX;
	for (size_t i = 0; i <= la; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			size_t best = d[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *suggest(const char *typed, const char *const *words)
{
	size_t len = strlen(typed), max = len <= 4 ? 1 : 2, bestd = max + 1;
	const char *best = NULL;

	for (int i = 0; words[i]; i++) {
		size_t d = distance(typed, words[i]);
		if (d == 0)
			return NULL;	/* not a typo */
		if (len <= 4 && typed[0] != words[i][0])
			continue;
		if (d < bestd) {
			bestd = d;
			best = words[i];
		}
	}
	return best;
}
