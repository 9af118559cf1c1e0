/* error.h: errors as strings with the position of the offending token. */
#ifndef NETSH_ERROR_H
#define NETSH_ERROR_H

#define NERR_MSG_MAX 1024

/* An error from pure code: a message and the index of the bad token
 * (-1 when no single token is to blame). Front ends report it. */
struct nerr {
	int tok;
	char msg[NERR_MSG_MAX];
};

/* Set *e and return -1, so callers can write `return nerr_set(...)`. */
int nerr_set(struct nerr *e, int tok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Clear an error. */
void nerr_clear(struct nerr *e);

#endif
