/* SPDX-License-Identifier: GPL-2.0-or-later */
/* complete.h: Tab completion, computed from the command table and the live
 * model. Pure: no terminal, no kernel (file names are read from the disk). */
#ifndef NETSH_COMPLETE_H
#define NETSH_COMPLETE_H

#include <stdbool.h>
#include <stdbool.h>
#include <stddef.h>

struct cmd_entry;
struct model;

struct completion {
	char **cand;		/* the words that fit, unquoted, sorted, unique */
	size_t n;
	char *word;		/* the word under the cursor as typed, unquoted */
	char quote;		/* the quote the word is open in ('\'', '"'), or 0 */
	char suffix;		/* what follows a unique candidate: ' ', ':' or 0 */
};

/* Complete the last word of `text` (the input up to the cursor). The words
 * before it pick the command entry from `table` (NULL-terminated) and the
 * argument's completion kind (cmd_entry.complete). Returns c->n. */
size_t complete_line(const struct cmd_entry *const *table, const struct model *m,
		     const char *text, struct completion *c);

/* For a command's own completion (cmd_entry.complete_args): a candidate
 * (kept when it starts with the word typed), every node, or NODE and
 * NODE:IF (iface_only: NODE:IF only, a node followed by ':'). */
void compl_add(struct completion *c, const char *word);
void compl_nodes(struct completion *c, const struct model *m);
void compl_ends(struct completion *c, const struct model *m, bool iface_only);

/* The longest common prefix of the candidates (malloc'd; "" when none). */
char *compl_common(const struct completion *c);

void compl_free(struct completion *c);

#endif
