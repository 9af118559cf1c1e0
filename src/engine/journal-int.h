/* SPDX-License-Identifier: GPL-2.0-or-later */
/* journal-int.h: the journal's state, shared by its writer (journal.c)
 * and its reader (replay.c). Nothing else includes it. */
#ifndef NETSH_JOURNAL_INT_H
#define NETSH_JOURNAL_INT_H

#include <sys/stat.h>
#include <sys/types.h>

#include "core/strbuf.h"
#include "engine/journal.h"

struct journal {
	char *dir, *path;	/* for messages */
	char *tag;		/* "netsh:LAB:KEY" */
	int dirfd;		/* the lab's directory, opened once */
	int lockfd;		/* -1: none (a dry run of a lab not made yet) */
	int fd;			/* the journal file, kept open (-1: none yet) */
	ino_t fd_ino;		/* the inode fd is open on */
	bool readonly;		/* a dry run's: nothing is written */
	ino_t ino;		/* the journal file read so far */
	off_t offset;		/* how far the model has it */
	off_t size;		/* its size when last read or written */
	size_t records;
	unsigned long group;	/* the number of the last group begun */
	struct plan open_intents;	/* a group left open at the end */
	struct strbuf warnings;	/* damage found, for the session to report */
	ino_t snap_ino;		/* the journal file of the last snapshot (0: none) */
	off_t snap_offset;	/* and the point of it the snapshot has */
};

/* The journal file as its name finds it now (another netsh may have
 * compacted it into a new file), open as j->fd, and its stat: 0; 1 when
 * there is none; -1 on an error. One stat when it is the file open. */
int journal_file(struct journal *j, struct stat *sb, struct nerr *err);

/* Load the model from the lab's snapshot (snapshot.c) into *m, for the
 * journal open as j->fd (size bytes long): 0 and j's position set to the
 * snapshot's, or -1 (nothing changed) when there is none that fits. */
int snapshot_load(struct journal *j, off_t size, struct model **m,
		  void (*changed)(void *arg, const char *node), void *arg);

#endif
