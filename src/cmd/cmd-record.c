/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-record.c: record FILE.lab ... record stop: the commands typed from
 * then on that succeed, and # comments, written as a Lua lab that replays
 * them (engine/session.c writes each). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "core/save.h"
#include "core/xalloc.h"
#include "engine/session.h"

static int run_record(struct session *s, const struct command *c, struct nerr *err)
{
	const char *w = c->ntok > 1 ? c->tok[1].text : NULL;
	FILE *f;

	if (!w) {
		fprintf(s->out, "%s%s\n", s->record ? "recording to " : "not recording",
			s->record ? s->record_path : " (record FILE.lab starts)");
		return 0;
	}
	if (strcmp(w, "stop") == 0) {
		if (!s->record)
			return nerr_set(err, 1, "not recording (record FILE.lab starts)");
		if (fclose(s->record) != 0)
			nerr_set(err, -1, "%s: %s", s->record_path, strerror(errno));
		if (!s->quiet)
			fprintf(s->out, "recorded to %s; netsh %s replays it\n", s->record_path,
				s->record_path);
		s->record = NULL;
		free(s->record_path);
		s->record_path = NULL;
		return err->code ? -1 : 0;
	}
	if (s->record)
		return nerr_set(err, 1, "already recording to %s (record stop first)", s->record_path);
	f = fopen(w, "w");
	if (!f)
		return nerr_set(err, 1, "'%s': %s", w, strerror(errno));
	fprintf(f, "-- %s: recorded at the netsh %s prompt; netsh %s replays it.\n", w,
		PACKAGE_VERSION, w);
	fflush(f);
	s->record = f;
	s->record_path = xstrdup(w);
	if (!s->quiet)
		fprintf(s->out, "recording to %s: the commands that succeed, until record stop\n", w);
	return 0;
}

const struct cmd_entry cmd_record_entry = {
	.name = "record", .unrecorded = true, .group = "Lab", .usage = "[FILE.lab | stop]",
	.summary = "record the commands typed from now on as a lab",
	.help = "Writes each command that succeeds from now on (not show, help and other\n"
		"commands that change nothing), and each # comment, to FILE.lab as a Lua lab\n"
		"that replays them: netsh FILE.lab. record stop ends it; record alone says\n"
		"where it records. A teacher records a class demo once and replays it.",
	.example = "record demo.lab\nnode ns1\n# the host end is named after ns1\ncable host ns1\nrecord stop",
	.sandbox_refuses = "a lab writes no file under --sandbox",
	.complete = "f", .min_args = 0, .max_args = 1, .run = run_record,
};
