/* state.h: the lab saved between invocations: a journal of applied ops
 * under the state directory (/run/netsh by default, NETSH_STATE_DIR to
 * change it), so a later netsh sees and extends what an earlier one built. */
#ifndef NETSH_STATE_H
#define NETSH_STATE_H

#include "core/error.h"
#include "core/model.h"
#include "core/plan.h"

struct state;

/* Open (creating) the lab's state; does not read it yet. */
struct state *state_open(const char *lab, struct nerr *err);
void state_close(struct state *st);

/* Take the lab's lock and bring *m up to date with the journal, which
 * another netsh may have extended. `changed` is told each node whose record
 * was replaced or dropped, so cached kernel handles can be forgotten. */
int state_lock_sync(struct state *st, struct model **m,
		    void (*changed)(void *arg, const char *node), void *arg,
		    struct nerr *err);

/* Append an applied plan to the journal (the lock must be held). */
int state_append(struct state *st, const struct plan *p, struct nerr *err);

/* Rewrite the journal as the model's current content (lock held). */
int state_compact(struct state *st, const struct model *m, struct nerr *err);

/* Records in the journal now, and how many it would take to rebuild. */
void state_sizes(const struct state *st, size_t *records);

void state_unlock(struct state *st);

#endif
