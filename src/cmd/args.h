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

/* a's end of the cable that joins a and b (at the interfaces given, if
 * any), or NULL. */
struct iface *cable_between(const struct endpoint *a, const struct endpoint *b);

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

/* The words of a program to run in a node (exec_argv). */
struct argv_words {
	const char *const *words;
	const bool *literal;	/* by word: quoted or escaped (NULL: none is) */
	int n;
	const struct node *in;	/* the node the program runs in */
	/* Does a word name a node (or NODE:IF an interface), and its address? */
	bool (*addr_of)(void *arg, const char *word, struct inet *out);
	void *arg;
};

/* The argv of a program run in a node, from the words typed. After the
 * program, a word that names a node stands for the node's first address
 * (as in Mininet) and NODE:IF for that interface's; a word stays as typed
 * when it is quoted or escaped ('ns1', \ns1), names an interface of the
 * node the program runs in, or follows an option that takes a name (dev,
 * -i, netns, ...: name_option). Free with argv_free. */
char **exec_argv(const struct argv_words *w);

/* Does an option (the word before) take a name as its value? */
bool name_option(const char *word);
void argv_free(char **argv);

#endif
