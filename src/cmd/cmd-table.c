/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-table.c: the table of commands and lookups over it. */
#include <string.h>

#include "cmd/cmd.h"
#include "core/suggest.h"

const struct cmd_entry *const cmd_table[] = {
	&cmd_node_entry, &cmd_router_entry, &cmd_switch_entry, &cmd_cable_entry,
	&cmd_addr_entry, &cmd_route_entry, &cmd_up_entry, &cmd_down_entry,
	&cmd_del_entry, &cmd_destroy_entry,
	&cmd_nat_entry, &cmd_forward_entry, &cmd_nft_entry,
	&cmd_show_entry, &cmd_exec_entry, &cmd_explain_entry, &cmd_help_entry,
	&cmd_shell_entry, &cmd_quit_entry, &cmd_exit_entry,
	&cmd_source_entry, &cmd_refresh_entry, &cmd_pingall_entry, &cmd_natcheck_entry, &cmd_tutorial_entry, &cmd_impair_entry,
	&cmd_jobs_entry, &cmd_stop_entry, &cmd_capture_entry, &cmd_save_entry,
	&cmd_export_entry, &cmd_draw_entry, &cmd_record_entry,
	NULL,
};

const struct cmd_entry *cmd_find(const char *name)
{
	for (int i = 0; cmd_table[i]; i++)
		if (strcmp(cmd_table[i]->name, name) == 0)
			return cmd_table[i];
	return NULL;
}

const char *cmd_suggest(const char *name)
{
	static const char *words[sizeof(cmd_table) / sizeof(cmd_table[0])];

	if (!words[0])
		for (int i = 0; cmd_table[i]; i++)
			words[i] = cmd_table[i]->name;
	return suggest(name, words);
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
