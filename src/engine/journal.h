/* journal.h: the lab saved between invocations: a journal of applied ops
 * (core/record.h) under the state directory (/run/netsh/LAB by default,
 * NETSH_STATE_DIR to change the /run/netsh part), so a later netsh sees and
 * extends what an earlier one built. */
#ifndef NETSH_JOURNAL_H
#define NETSH_JOURNAL_H

#include <stddef.h>

#include "core/error.h"
#include "core/model.h"
#include "core/plan.h"

/* The journal's first line: its format and version. Version 1 (netsh 0.1)
 * had positional fields; it is refused with a message naming it. */
#define JOURNAL_MAGIC "netsh-journal 2\n"

struct journal;

/* Open (creating) the lab's state; does not read it yet. */
struct journal *journal_open(const char *lab, struct nerr *err);
void journal_close(struct journal *j);

/* Take the lab's lock and bring *m up to date with the journal, which
 * another netsh may have extended. `changed` is told each node whose record
 * was replaced or dropped, so cached kernel handles can be forgotten. */
int journal_lock_sync(struct journal *j, struct model **m,
		      void (*changed)(void *arg, const char *node), void *arg,
		      struct nerr *err);

/* Append an applied plan to the journal (the lock must be held). */
int journal_append(struct journal *j, const struct plan *p, struct nerr *err);

/* Rewrite the journal as the model's current content (lock held). */
int journal_compact(struct journal *j, const struct model *m, struct nerr *err);

/* Records in the journal now. */
size_t journal_records(const struct journal *j);

void journal_unlock(struct journal *j);

#endif
