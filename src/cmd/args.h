/* SPDX-License-Identifier: GPL-2.0-or-later */
/* args.h: parsing command arguments against the model. */
#ifndef NETSH_ARGS_H
#define NETSH_ARGS_H

#include <stdbool.h>

#include "core/error.h"
#include "core/inet.h"
#include "core/lexer.h"
#include "core/model.h"

/* NODE or NODE:IF as typed. */
struct endpoint {
	struct node *node;
	char ifname[IFNAMSIZ];	/* "" when not given */
};

/* An existing node named by token i. */
int arg_node(const struct model *m, const struct command *c, int i,
	     struct node **out, struct nerr *err);

/* NODE[:IF] at token i; the node must exist. With if_must_exist the
 * interface, when given, must exist on the node; otherwise it must be a
 * valid and unused name. */
int arg_endpoint(const struct model *m, const struct command *c, int i,
		 bool if_must_exist, struct endpoint *out, struct nerr *err);

/* NODE[:IF] naming one existing interface. Without ":IF", the node's only
 * interface (a switch: its bridge); an error lists the candidates. */
int arg_iface(const struct model *m, const struct command *c, int i,
	      struct node **node, struct iface **iface, struct nerr *err);

/* An address with prefix (need_plen) or a bare address at token i. */
int arg_inet(const struct command *c, int i, bool need_plen, struct inet *out,
	     struct nerr *err);

/* Address a (token tok) is not on node n yet; else an error naming where. */
int arg_addr_free(const struct node *n, const struct inet *a, int tok,
		  const struct command *c, struct nerr *err);

/* Append " (did you mean WORD?)" to err's message when token i looks like
 * a typo of one of words (NULL-terminated). Returns -1. */
int arg_did_you_mean(const struct command *c, int i, const char *const *words, struct nerr *err);

/* "'NAME': no such node (nodes: ...)" for token i. */
int arg_no_such_node(const struct model *m, const char *name, int i, struct nerr *err);

/* The argv of a program run in a node, from the words typed: node names
 * after the program stand for the node's address, as in Mininet; addr_of
 * says whether a word names a node and gives its address. Free with
 * argv_free. */
char **exec_argv(const char *const *words, int nwords,
		 bool (*addr_of)(void *arg, const char *word, struct inet *out), void *arg);
void argv_free(char **argv);

#endif
