/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-nat.h: argument helpers shared by nat, forward and del forward. */
#ifndef NETSH_CMD_NAT_H
#define NETSH_CMD_NAT_H

#include "core/error.h"
#include "core/lexer.h"

/* A port number 1-65535: `text` (NULL: token i's whole text); errors name
 * token i. */
int arg_port(const struct command *c, int i, const char *text, int *port, struct nerr *err);

/* tcp or udp at token i (IPPROTO_*). */
int arg_proto(const struct command *c, int i, int *proto, struct nerr *err);

#endif
