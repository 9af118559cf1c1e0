/* SPDX-License-Identifier: GPL-2.0-or-later */
/* suggest.h: "did you mean": the word of a list nearest to a mistyped one.
 * Pure. */
#ifndef NETSH_SUGGEST_H
#define NETSH_SUGGEST_H

/* The word of `words` (NULL-terminated) that `typed` is a likely typo of
 * (one edit for words of up to 4 letters, with the first letter right;
 * two for longer ones; a swap of two letters is one edit), or NULL. */
const char *suggest(const char *typed, const char *const *words);

#endif
