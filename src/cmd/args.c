/* SPDX-License-Identifier: GPL-2.0-or-later */
/* args.c: turning tokens into nodes, interfaces and addresses. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/args.h"
#include "core/names.h"
#include "core/suggest.h"
#include "core/view.h"
#include "core/xalloc.h"

int arg_did_you_mean(const struct command *c, int i, const char *const *words, struct nerr *err)
{
	const char *near = suggest(c->tok[i].text, words);

	if (near)
		nerr_append(err, "; did you mean %s?", near);
	return -1;
}

int arg_no_such_node(const struct model *m, const char *name, int i, struct nerr *err)
{
	char *list = view_node_names(m);

	if (strlen(list) > 400)		/* a big lab: the start of the list */
		strcpy(list + 396, "...");
	nerr_set(err, i, "'%s': no such node (nodes: %s)", name, list);
	free(list);
	return -1;
}

int arg_node(const struct model *m, const struct command *c, int i,
	     struct node **out, struct nerr *err)
{
	const char *name = c->tok[i].text;

	*out = model_node(m, name);
	if (!*out)
		return arg_no_such_node(m, name, i, err);
	return 0;
}

int arg_endpoint(const struct model *m, const struct command *c, int i,
		 bool if_must_exist, struct endpoint *out, struct nerr *err)
{
	const char *text = c->tok[i].text;
	const char *colon = strchr(text, ':');
	char node[NODE_NAME_MAX + 1];
	size_t nlen = colon ? (size_t)(colon - text) : strlen(text);

	memset(out, 0, sizeof(*out));
	if (nlen > NODE_NAME_MAX)
		return nerr_set(err, i, "'%.40s...': node name too long", text);
	memcpy(node, text, nlen);
	node[nlen] = '\0';
	out->node = model_node(m, node);
	if (!out->node)
		return arg_no_such_node(m, node, i, err);
	if (!colon)
		return 0;
	if (name_check_if(colon + 1, i, err) < 0)
		return -1;
	snprintf(out->ifname, sizeof(out->ifname), "%s", colon + 1);
	bool exists = node_iface(out->node, out->ifname) != NULL;
	if (if_must_exist && !exists) {
		char *list = view_iface_names(out->node, false);
		nerr_set(err, i, "'%s': %s has no interface %s (it has: %s)",
			 text, node, out->ifname, list);
		free(list);
		return -1;
	}
	if (!if_must_exist && exists)
		return nerr_setc(err, NERR_EXISTS, i, "'%s': %s already has an interface %s",
				 text, node, out->ifname);
	return 0;
}

int arg_iface(const struct model *m, const struct command *c, int i,
	      struct node **node, struct iface **iface, struct nerr *err)
{
	struct endpoint ep;
	char *list;

	if (arg_endpoint(m, c, i, true, &ep, err) < 0)
		return -1;
	*node = ep.node;
	if (ep.ifname[0]) {
		*iface = node_iface(ep.node, ep.ifname);
		return 0;
	}
	if (ep.node->kind == KIND_SWITCH) {
		*iface = node_iface(ep.node, BRIDGE_IF);
		if (*iface)
			return 0;
	}
	if (ep.node->nifaces == 1 && ep.node->kind != KIND_HOST) {
		*iface = ep.node->ifaces[0];
		return 0;
	}
	list = view_iface_names(ep.node, false);
	if (!ep.node->nifaces || ep.node->kind == KIND_HOST)
		nerr_set(err, i, "'%s': name the interface as %s:IF (interfaces netsh made there: %s)",
			 c->tok[i].text, ep.node->name, list);
	else
		nerr_set(err, i, "'%s': %s has several interfaces; name one as %s:IF (%s)",
			 c->tok[i].text, ep.node->name, ep.node->name, list);
	free(list);
	return -1;
}

int arg_addr_free(const struct node *n, const struct inet *a, int tok,
		  const struct command *c, struct nerr *err)
{
	const struct iface *f = node_addr_holder(n, a);

	if (f)
		return nerr_setc(err, NERR_EXISTS, tok, "'%s': %s already has this address on %s",
				 c->tok[tok].text, n->name, f->name);
	return 0;
}

int arg_inet(const struct command *c, int i, bool need_plen, struct inet *out,
	     struct nerr *err)
{
	const char *why;

	if (inet_parse(c->tok[i].text, need_plen, out, &why) < 0)
		return nerr_set(err, i, "'%s': %s; expected an address%s",
				c->tok[i].text, why,
				need_plen ? " with a prefix length, as 10.0.0.1/24 or fd00::1/64" : "");
	return 0;
}

bool name_option(const char *w)
{
	static const char *const names[] = {
		"dev", "netns", "-n", "-netns", "--netns", "pids", "exec", "master", "link",
		"name", "peer", "iif", "oif", "iifname", "oifname", "vrf", "--interface", NULL,
	};
	size_t len = strlen(w);

	for (int i = 0; names[i]; i++)
		if (strcmp(w, names[i]) == 0)
			return true;
	/* -i, -I and flags that end in one: tcpdump -ni IF, ping -I IF */
	return len >= 2 && w[0] == '-' && w[1] != '-' && (w[len - 1] == 'i' || w[len - 1] == 'I');
}

char **exec_argv(const struct argv_words *w)
{
	char **argv = xcalloc((size_t)w->n + 1, sizeof(*argv));
	char buf[INET_STRLEN];
	struct inet a;

	for (int i = 0; i < w->n; i++) {
		const char *word = w->words[i];
		bool swap = i > 0 && !(w->literal && w->literal[i]) && !name_option(w->words[i - 1]) &&
			    !(w->in && node_iface(w->in, word)) && w->addr_of(w->arg, word, &a);
		argv[i] = xstrdup(swap ? inet_addr_fmt(&a, buf, sizeof(buf)) : word);
	}
	return argv;
}

void argv_free(char **argv)
{
	if (!argv)
		return;
	for (int i = 0; argv[i]; i++)
		free(argv[i]);
	free(argv);
}

struct iface *cable_between(const struct endpoint *a, const struct endpoint *b)
{
	for (size_t i = 0; i < a->node->nifaces; i++) {
		struct iface *f = a->node->ifaces[i];
		if (f->peer && strcmp(f->peer, b->node->name) == 0 &&
		    (!a->ifname[0] || strcmp(f->name, a->ifname) == 0) &&
		    (!b->ifname[0] || strcmp(f->peer_if, b->ifname) == 0))
			return f;
	}
	return NULL;
}
