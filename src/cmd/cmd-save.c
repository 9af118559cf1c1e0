/* SPDX-License-Identifier: GPL-2.0-or-later */
/* cmd-save.c: save FILE.lab: the lab as a Lua lab that rebuilds it
 * (core/save.h), headed by what it has that netsh cannot rebuild: what
 * was changed outside netsh, programs and jobs running. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "core/drift.h"
#include "core/save.h"
#include "core/xalloc.h"
#include "engine/jobs.h"
#include "engine/nsprocs.h"
#include "engine/session.h"

FILE *write_file_begin(const char *path, char **tmp, struct nerr *err)
{
	FILE *f;

	*tmp = xasprintf("%s.tmp", path);
	f = fopen(*tmp, "w");
	if (!f) {
		nerr_set(err, -1, "%s: %s", *tmp, strerror(errno));
		free(*tmp);
		*tmp = NULL;
	}
	return f;
}

int write_file_end(FILE *f, const char *path, char *tmp, bool ok, struct nerr *err)
{
	int rc = 0;

	if (fclose(f) != 0 && ok)
		rc = nerr_set(err, -1, "%s: %s", tmp, strerror(errno));
	if (ok && rc == 0 && rename(tmp, path) < 0)
		rc = nerr_set(err, -1, "%s: %s", path, strerror(errno));
	if (!ok || rc < 0)
		unlink(tmp);
	free(tmp);
	return ok ? rc : -1;
}

struct notes {
	char **v;
	size_t n;
};

static void note(struct notes *ns, char *text)
{
	ns->v = xrealloc(ns->v, (ns->n + 1) * sizeof(*ns->v));
	ns->v[ns->n++] = text;
}

/* What the lab has that the saved file will not rebuild. */
static void gather(struct session *s, struct notes *ns)
{
	struct nsid *ids = xcalloc(s->model->nnodes, sizeof(*ids));
	const char **names = xcalloc(s->model->nnodes, sizeof(*names));
	struct nsproc *procs;
	struct job *jobs;
	size_t np, nj;
	struct lab_drift ld;
	struct nerr err;

	session_drift_all(s, &ld);
	for (size_t i = 0; i < s->model->nnodes; i++) {
		const struct node *n = s->model->nodes[i];
		for (size_t k = 0; k < ld.nd[i]; k++)
			note(ns, xasprintf("%s: %s", n->name, ld.d[i][k].text));
		ids[i] = n->id;
		names[i] = n->name;
	}
	lab_drift_free(&ld);
	if (jobs_list(s, &jobs, &nj, &err) < 0)
		nj = 0, jobs = NULL;
	if (s->kernel) {
		np = nsprocs_find(ids + 1, s->model->nnodes - 1, &procs);
		for (size_t i = 0; i < np; i++) {
			bool job = false;
			for (size_t k = 0; k < nj; k++)
				job |= jobs[k].state == JOB_RUNNING && jobs[k].pid == procs[i].pid;
			if (!job)	/* a job is listed as one, below */
				note(ns, xasprintf("%s: program %s (pid %d) running",
						   names[procs[i].ns + 1], procs[i].comm, (int)procs[i].pid));
		}
		free(procs);
	}
	if (nj) {
		for (size_t i = 0; i < nj; i++)
			if (jobs[i].state == JOB_RUNNING)
				note(ns, xasprintf("job %d in %s: %s (start it again with: %s %s &)",
						   jobs[i].id, jobs[i].node, jobs[i].cmd, jobs[i].node,
						   jobs[i].cmd));
		free(jobs);
	}
	free(ids);
	free(names);
}

static int run_save(struct session *s, const struct command *c, struct nerr *err)
{
	const char *path = c->tok[1].text, *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	struct notes ns = { NULL, 0 };
	char *tmp;
	FILE *f;
	int rc;

	if (session_settle(s, err) < 0)
		return -1;
	gather(s, &ns);
	f = write_file_begin(path, &tmp, err);
	if (f) {
		save_lab(s->model, base, (const char *const *)ns.v, ns.n, f);
		rc = write_file_end(f, path, tmp, !ferror(f), err);
	} else {
		rc = -1;
	}
	if (rc == 0 && !s->quiet)
		fprintf(s->out, "saved %zu nodes to %s%s%s\n", s->model->nnodes - 1, path,
			ns.n ? "; what it does not rebuild is listed at its top: " : "",
			ns.n ? ns.v[0] : "");
	for (size_t i = 0; i < ns.n; i++)
		free(ns.v[i]);
	free(ns.v);
	return rc;
}

const struct cmd_entry cmd_save_entry = {
	.name = "save", .unrecorded = true, .group = "Lab", .usage = "FILE.lab",
	.summary = "write the lab as a Lua lab that rebuilds it",
	.help = "Writes the lab as it is now, as a readable Lua lab: nodes, cables with their\n"
		"interface names, addresses, routes, links down, NAT and forwards, link\n"
		"conditions. netsh FILE.lab rebuilds it (fresh=true: after a change). What\n"
		"the lab has that the file cannot rebuild is listed at its top as comments:\n"
		"what was changed outside netsh (refresh records it first), programs and\n"
		"jobs running.",
	.example = "save mylab.lab\nsource mylab.lab fresh=true",
	.sandbox_refuses = "a lab writes no file under --sandbox",
	.complete = "f", .min_args = 1, .max_args = 1, .run = run_save,
};
