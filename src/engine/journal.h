/* SPDX-License-Identifier: GPL-2.0-or-later */
/* journal.h: the lab saved between invocations, in the lab's state
 * directory (/run/netsh/LAB; NETSH_STATE_DIR replaces /run/netsh), so a
 * later netsh sees and extends what an earlier one built.
 *
 * The journal is written ahead: each command is a group, begun before the
 * kernel work with what it is about to do and committed after it with what
 * it did (core/record.h lines):
 *
 *     begin 7
 *     want ns_add node=x kind=node
 *     ns_add node=x kind=node cookie=4097 ino=4026532240 dev=4
 *     commit 7
 *
 * Each group half is one write. A group left open by a netsh that died is
 * handed to the session to settle against the kernel (engine/settle.c). A
 * torn last record is cut off, a damaged one skipped, and both reported;
 * nothing in the journal stops a lab from being shown or destroyed. */
#ifndef NETSH_JOURNAL_H
#define NETSH_JOURNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "core/model.h"
#include "core/plan.h"

/* The journal's first line: its format and version. Version 1 (netsh 0.1)
 * had positional fields; it is refused with a message naming it. */
#define JOURNAL_MAGIC "netsh-journal 2\n"

struct journal;

/* Open (creating) the lab's state directory (mode 0700, netsh's own: a
 * symlink or another owner's directory is refused), its lock and its key;
 * does not read the journal yet. readonly (a dry run): make nothing, write
 * nothing; a lab that has no directory yet reads as empty. */
struct journal *journal_open(const char *lab, bool readonly, struct nerr *err);
void journal_close(struct journal *j);

/* The tag that marks the lab's namespaces as this lab's ("netsh:LAB:KEY",
 * KEY random and readable by root only). */
const char *journal_tag(const struct journal *j);

/* The lab's state directory (its journal, key, lock and jobs). */
const char *journal_dir(const struct journal *j);

/* Take the lab's lock and bring *m up to date with the journal, which
 * another netsh may have extended. `changed` is told each node whose
 * record was replaced or dropped, so cached kernel handles can be
 * forgotten. A group left open by a netsh that died is returned in
 * *unfinished (its intended ops; nops 0: none), to settle before anything
 * else is done. Returns 1 when it read records (0: none new, -1: failed;
 * the lock is then not held). */
int journal_lock_sync(struct journal *j, struct model **m,
		      void (*changed)(void *arg, const char *node), void *arg,
		      struct plan *unfinished, struct nerr *err);

/* What replaying found damaged (torn or bad records), once: the text, or
 * NULL when nothing; the journal forgets it. Caller frees. */
char *journal_take_warnings(struct journal *j);

/* Begin a group with the ops a command is about to apply (lock held). On
 * failure nothing was written: the command must not touch the kernel. */
int journal_begin(struct journal *j, const struct plan *intents, struct nerr *err);

/* Commit the open group with the ops applied (lock held). On failure
 * nothing of it was written: the caller undoes the ops in the kernel. */
int journal_commit(struct journal *j, const struct plan *done, struct nerr *err);

/* Rewrite the journal as the model's current content, through a new file
 * renamed over it (lock held). */
int journal_compact(struct journal *j, const struct model *m, struct nerr *err);

/* Write the model, packed, next to the journal (lock held, no command
 * open) when the journal has grown well past the last snapshot, so the
 * next netsh reads the snapshot and the journal's tail (snapshot.c). A
 * failure is only a slower start for the next netsh. */
void journal_snapshot(struct journal *j, const struct model *m);

/* Would journal_snapshot write one now (as far as this process knows,
 * without the lock)? */
bool journal_snapshot_due(const struct journal *j);

/* Read the whole journal again at the next sync (the model went ahead of
 * what could be written). */
void journal_reread(struct journal *j);

/* Records in the journal now. */
size_t journal_records(const struct journal *j);

void journal_unlock(struct journal *j);

/* mkdir -p (mode 0755): for the directory that holds the labs'
 * directories, and the user's state directory (engine/progress.c). */
int mkdir_p(const char *dir);

#endif
