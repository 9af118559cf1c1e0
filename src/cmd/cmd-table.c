/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-table.c: the table of commands and lookups over it. */
#include <string.h>

#include "cmd/cmd.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_node_entry, &cmd_router_entry, &cmd_switch_entry, &cmd_cable_entry,
	&cmd_addr_entry, &cmd_route_entry, &cmd_up_entry, &cmd_down_entry,
	&cmd_del_entry, &cmd_destroy_entry,
	&cmd_nat_entry, &cmd_forward_entry, &cmd_nft_entry,
	&cmd_show_entry, &cmd_exec_entry, &cmd_explain_entry, &cmd_help_entry,
	&cmd_shell_entry, &cmd_quit_entry, &cmd_exit_entry,
	&cmd_source_entry, &cmd_refresh_entry,
	NULL,
};

const struct cmd_entry *cmd_find(const char *name)
{
	for (int i = 0; cmd_table[i]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

/* Levenshtein distance, for short words. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), row[64];

	if (la >= 63 || lb >= 63)
		return 99;
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t prev = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t cur = row[j];
			size_t sub = prev + (a[i - 1] != b[j - 1]);
			size_t best = row[j] + 1 < row[j - 1] + 1 ? row[j] + 1 : row[j - 1] + 1;
			row[j] = sub < best ? sub : best;
			prev = cur;
		}
	}
	return row[lb];
}

const char *cmd_suggest(const char *name)
{
	const char *best = NULL;
	size_t bestd = 3;

	for (int i = 0; cmd_table[i]; i++) {
		size_t d = distance(name, cmd_table[i]->name);
		if (d < bestd) {
			bestd = d;
			best = cmd_table[i]->name;
		}
	}
	return best;
}

int cmd_check_args(const struct cmd_entry *e, const struct command *c, struct nerr *err)
{
	int n = c->ntok - 1;

	if (n < e->min_args)
		return nerr_set(err, c->ntok, "too few arguments; usage: %s %s",
				e->name, e->usage);
	if (e->max_args >= 0 && n > e->max_args)
		return nerr_set(err, e->max_args + 1, "'%s': too many arguments; usage: %s %s",
				c->tok[e->max_args + 1].text, e->name, e->usage);
	return 0;
}
