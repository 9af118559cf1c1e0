/* SPDX-License-Identifier: GPL-2.0-or-later */
/* names.h: what a node or interface may be called. */
#ifndef NETSH_NAMES_H
#define NETSH_NAMES_H

#include <stdbool.h>

#include "core/error.h"

/* Keywords a node may not be called ("via", "default", ...). */
bool name_keyword(const char *s);

/* Check a new node name (not a keyword; the command layer also refuses
 * command words); on error names the token `tok`. */
int name_check_node(const char *s, int tok, struct nerr *err);

/* Check an interface name (at most 15 bytes, no '/', ':' or spaces). */
int name_check_if(const char *s, int tok, struct nerr *err);

/* Check a lab name (-L): 1 to 64 of [A-Za-z0-9._-], not starting with
 * '.' or '-'; the error says what is wrong with it. */
int name_check_lab(const char *s, struct nerr *err);

#endif
