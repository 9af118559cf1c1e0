/* names.h: what a node or interface may be called. */
#ifndef NETSH_NAMES_H
#define NETSH_NAMES_H

#include <stdbool.h>

#include "core/error.h"

/* Words a node may not be called: command words and keywords. */
bool name_reserved(const char *s);

/* Check a new node name; on error names the token `tok`. */
int name_check_node(const char *s, int tok, struct nerr *err);

/* Check an interface name (at most 15 bytes, no '/', ':' or spaces). */
int name_check_if(const char *s, int tok, struct nerr *err);

#endif
