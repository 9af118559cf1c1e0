/* SPDX-License-Identifier: GPL-2.0-or-later */
/* error.h: errors as a code, a message and the position of the offending
 * token. Pure code never prints: it fills a struct nerr, and each front end
 * reports it its own way (session_report). */
#ifndef NETSH_ERROR_H
#define NETSH_ERROR_H

#define NERR_MSG_MAX 1024

/* What kind of failure, for callers that act on it (never on the text). */
enum nerr_code {
	NERR_FAIL = 1,		/* anything else */
	NERR_USAGE,		/* bad input: a word, an argument count */
	NERR_EXISTS,		/* what was to be made is there already */
	NERR_GONE,		/* what was to be changed or removed is not there */
	NERR_NOT_OURS,		/* it exists but netsh cannot prove it made it */
	NERR_NOT_FOUND,		/* a program to run was not found */
	NERR_EXIT,		/* a program ran and exited non-zero */
	NERR_SIGNAL,		/* a program was stopped by a signal */
	NERR_INTERRUPTED,	/* Ctrl-C */
	NERR_UNSUPPORTED,	/* the kernel or this build lacks a feature */
	NERR_REFUSED,		/* --sandbox forbids it */
};

/* An error: its code, a message and the index of the bad token (-1 when no
 * single token is to blame). */
struct nerr {
	int code;		/* enum nerr_code; 0 when cleared */
	int tok;
	char msg[NERR_MSG_MAX];
};

/* Set *e (code NERR_FAIL, or NERR_USAGE when a token is to blame) and
 * return -1, so callers can write `return nerr_set(...)`. */
int nerr_set(struct nerr *e, int tok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* The same with an explicit code. */
int nerr_setc(struct nerr *e, enum nerr_code code, int tok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Append "; more" to an error's message (a second failure, an undo). */
void nerr_append(struct nerr *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Clear an error. */
void nerr_clear(struct nerr *e);

#endif
