/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-docs.c: every command in the table is documented in the man page,
 * and has a summary, help text and an example for `help CMD`. */
#include <stdbool.h>
#include <stdlib.h>

#include "cmd/cmd.h"
#include "unit.h"

/* True when a ".B..." macro line of the man page names the command as a word. */
static bool documented(const char *text, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = text; (p = strstr(p, name)); p += n) {
		const char *bol = p;
		while (bol > text && bol[-1] != '\n')
			bol--;
		bool word = (p == text || p[-1] == ' ' || p[-1] == '"') &&
			    (p[n] == ' ' || p[n] == '"' || p[n] == '\n');
		if (word && strncmp(bol, ".B", 2) == 0)
			return true;
	}
	return false;
}

int main(int argc, char **argv)
{
	const char *man = argc > 1 ? argv[1] : getenv("NETSH_MAN");
	FILE *f = man ? fopen(man, "r") : NULL;
	static char text[1 << 17];
	size_t len = f ? fread(text, 1, sizeof(text) - 1, f) : 0;

	CHECK(f != NULL, "the man page %s opens", man ? man : "(unset)");
	if (f)
		fclose(f);
	text[len] = '\0';
	for (int i = 0; cmd_table[i]; i++) {
		const struct cmd_entry *e = cmd_table[i];
		CHECK(documented(text, e->name), "the man page documents %s", e->name);
		CHECK(e->summary && e->help && e->example && e->usage && e->group,
		      "%s has usage, summary, help and example", e->name);
	}
	return unit_done();
}
