/* SPDX-License-Identifier: GPL-2.0-or-later */
/* complete.c: Tab completion from the command table and the live model.
 *
 * The input up to the cursor is split by the lexer (lex_tail: quotes,
 * backslashes, `;`, `#`); the first word of the current command picks the
 * table entry, the word's position picks the completion kind from the
 * entry's `complete` string (the last kind repeats), and the candidates come
 * from the model (nodes, NODE:IF), the entry's keywords, the table itself
 * or the file system. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "cmd/complete.h"
#include "core/lexer.h"
#include "core/model.h"
#include "core/xalloc.h"

/* Keywords followed by a value: `dev` and `out` take an interface of the
 * command's node, `to` a node (or an address); the others an address, a
 * port or a quantity, which is not completed. Any other keyword (`type`,
 * `default`, `cable`...) is followed by what the entry's kinds say. */
static const char *const iface_value_keys[] = { "dev", "out", NULL };
static const char *const node_value_keys[] = { "to", NULL };
static const char *const free_value_keys[] = { "via", "subnet", "tcp", "udp", NULL };

static bool in_list(const char *const *list, const char *w)
{
	for (int i = 0; list && list[i]; i++)
		if (strcmp(list[i], w) == 0)
			return true;
	return false;
}

/* ---- candidates --------------------------------------------------------- */

void compl_add(struct completion *c, const char *word)
{
	if (strncmp(word, c->word, strlen(c->word)) != 0)
		return;
	c->cand = xrealloc(c->cand, (c->n + 1) * sizeof(*c->cand));
	c->cand[c->n++] = xstrdup(word);
}

void compl_nodes(struct completion *c, const struct model *m)
{
	for (size_t i = 0; m && i < m->nnodes; i++)
		compl_add(c, m->nodes[i]->name);
}

/* NODE:IF for the node named before the ':' in the word. */
static void add_ifaces(struct completion *c, const struct model *m)
{
	const char *colon = strchr(c->word, ':');
	char *name = xstrdup(c->word);
	const struct node *n;

	name[colon - c->word] = '\0';
	n = m ? model_node(m, name) : NULL;
	for (size_t i = 0; n && i < n->nifaces; i++) {
		size_t len = strlen(name) + strlen(n->ifaces[i]->name) + 2;
		char *w = xmalloc(len);
		snprintf(w, len, "%s:%s", name, n->ifaces[i]->name);
		compl_add(c, w);
		free(w);
	}
	free(name);
}

void compl_ends(struct completion *c, const struct model *m, bool iface_only)
{
	if (strchr(c->word, ':')) {
		add_ifaces(c, m);
		return;
	}
	compl_nodes(c, m);
	if (iface_only)
		c->suffix = ':';
}

/* The bare interface names of the node named (as NODE or NODE:IF) by the
 * command's first argument. */
static void add_node_ifnames(struct completion *c, const struct model *m, const struct command *ws)
{
	char *name;
	const struct node *n;

	if (ws->ntok < 2 || !m)
		return;
	name = xstrdup(ws->tok[1].text);
	name[strcspn(name, ":")] = '\0';
	n = model_node(m, name);
	for (size_t i = 0; n && i < n->nifaces; i++)
		compl_add(c, n->ifaces[i]->name);
	free(name);
}

static void add_keywords(struct completion *c, const struct cmd_entry *e, const struct command *ws)
{
	for (int i = 0; e->keywords && e->keywords[i]; i++) {
		bool used = false;
		for (int k = 1; k < ws->ntok; k++)
			used |= strcmp(ws->tok[k].text, e->keywords[i]) == 0;
		if (!used)
			compl_add(c, e->keywords[i]);
	}
}

static void add_commands(struct completion *c, const struct cmd_entry *const *table)
{
	for (int i = 0; table[i]; i++)
		compl_add(c, table[i]->name);
}

/* File names: in the directory part of the word as typed (the lexer does
 * not expand "~", so neither does this), the entries whose names start
 * with the rest; directories end in '/'. Hidden entries only when the
 * typed name starts with '.'. */
static void add_files(struct completion *c)
{
	const char *slash = strrchr(c->word, '/');
	const char *base = slash ? slash + 1 : c->word;
	size_t dlen = slash ? (size_t)(slash - c->word) + 1 : 0;
	char *dir = xmalloc(dlen + 2), *path;
	DIR *d;
	struct dirent *de;

	memcpy(dir, c->word, dlen);
	dir[dlen] = '\0';
	path = xstrdup(dlen ? dir : ".");
	d = opendir(path);
	while (d && (de = readdir(d))) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if (de->d_name[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(de->d_name, base, strlen(base)) != 0)
			continue;
		size_t plen = strlen(path) + strlen(de->d_name) + 2;
		char *full = xmalloc(plen), *w;
		struct stat st;
		bool isdir;
		snprintf(full, plen, "%s/%s", path, de->d_name);
		isdir = stat(full, &st) == 0 && S_ISDIR(st.st_mode);
		free(full);
		plen = dlen + strlen(de->d_name) + 2;
		w = xmalloc(plen);
		snprintf(w, plen, "%s%s%s", dir, de->d_name, isdir ? "/" : "");
		compl_add(c, w);
		free(w);
	}
	if (d)
		closedir(d);
	free(path);
	free(dir);
}

static const struct cmd_entry *find(const struct cmd_entry *const *table, const char *name)
{
	for (int i = 0; table[i]; i++)
		if (strcmp(table[i]->name, name) == 0)
			return table[i];
	return NULL;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Sort and drop duplicates. */
static void tidy(struct completion *c)
{
	size_t k = 0;

	if (c->n == 0)
		return;
	qsort(c->cand, c->n, sizeof(*c->cand), cmp);
	for (size_t i = 1; i < c->n; i++) {
		if (strcmp(c->cand[i], c->cand[k]) == 0)
			free(c->cand[i]);
		else
			c->cand[++k] = c->cand[i];
	}
	c->n = k + 1;
}

/* Candidates for an argument of completion kind `kind`. */
static void by_kind(struct completion *c, char kind, const struct cmd_entry *const *table,
		    const struct cmd_entry *e, const struct model *m, const struct command *ws)
{
	switch (kind) {
	case COMPL_NODE:
		compl_nodes(c, m);
		break;
	case COMPL_END:
	case COMPL_IFACE:
		compl_ends(c, m, kind == COMPL_IFACE);
		break;
	case COMPL_CMD:
		add_commands(c, table);
		break;
	case COMPL_FILE:
		add_files(c);
		break;
	case COMPL_KEY:
		add_keywords(c, e, ws);
		break;
	default:
		break;
	}
}

size_t complete_line(const struct cmd_entry *const *table, const struct model *m,
		     const char *text, struct completion *c)
{
	struct lex_tail t;
	const struct command *ws = &t.cmd;
	const struct cmd_entry *e;
	const char *prev;
	int argi;

	memset(c, 0, sizeof(*c));
	c->suffix = ' ';
	lex_tail(text, &t);
	c->word = t.word;
	c->quote = t.quote;
	t.word = NULL;
	if (t.comment)
		goto out;
	if (ws->ntok == 0) {
		/* The command word, or a node for the short form NODE CMD. */
		add_commands(c, table);
		compl_nodes(c, m);
		goto out;
	}
	e = find(table, ws->tok[0].text);
	argi = ws->ntok - 1;
	prev = ws->tok[ws->ntok - 1].text;
	if (!e || strcmp(e->name, "exec") == 0) {
		/* exec NODE PROG ARGS... or NODE PROG ARGS...: node names among
		 * the arguments stand for their addresses. */
		int ni = e ? 1 : 0;
		if (ws->ntok == ni)
			compl_nodes(c, m);
		else if (ws->ntok > ni + 1 && m && model_node(m, ws->tok[ni].text))
			compl_nodes(c, m);
		goto out;
	}
	if (argi > 0 && in_list(e->keywords, prev)) {
		if (in_list(iface_value_keys, prev))
			add_node_ifnames(c, m, ws);
		else if (in_list(node_value_keys, prev))
			compl_nodes(c, m);
		if (in_list(iface_value_keys, prev) || in_list(node_value_keys, prev) ||
		    in_list(free_value_keys, prev))
			goto out;
	}
	if (e->complete_args && e->complete_args(m, ws, c))
		goto out;
	if (e->complete && e->complete[0]) {
		size_t len = strlen(e->complete);
		char kind = e->complete[(size_t)argi < len ? (size_t)argi : len - 1];
		by_kind(c, kind, table, e, m, ws);
	}
out:
	lex_tail_free(&t);
	tidy(c);
	if (c->n == 1 && c->cand[0][0]) {
		char last = c->cand[0][strlen(c->cand[0]) - 1];
		if (last == '/' || last == ':')
			c->suffix = 0;
	}
	return c->n;
}

char *compl_common(const struct completion *c)
{
	size_t len;

	if (c->n == 0)
		return xstrdup("");
	len = strlen(c->cand[0]);
	for (size_t i = 1; i < c->n; i++) {
		size_t k = 0;
		while (k < len && c->cand[i][k] == c->cand[0][k])
			k++;
		len = k;
	}
	char *s = xmalloc(len + 1);
	memcpy(s, c->cand[0], len);
	s[len] = '\0';
	return s;
}

void compl_free(struct completion *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->cand[i]);
	free(c->cand);
	free(c->word);
	memset(c, 0, sizeof(*c));
}
