/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-argv.c: how the words typed after a program become its argv: node
 * names stand for addresses, except where they name something else. */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cmd/args.h"
#include "core/lexer.h"
#include "core/model.h"
#include "core/strbuf.h"
#include "unit.h"

/* A resolver over a fixed lab: a, b (10.0.0.2) and b:eth1 (10.0.1.2). */
static bool fake_addr(void *arg, const char *word, struct inet *out)
{
	const char *why, *a = strcmp(word, "b") == 0 ? "10.0.0.2"
			    : strcmp(word, "b:eth1") == 0 ? "10.0.1.2" : NULL;

	(void)arg;
	return a && inet_parse(a, false, out, &why) == 0;
}

/* The argv of `line` (a program and its words) run in node `in`, joined. */
static const char *argv_of(const struct node *in, const char *line)
{
	static char buf[512];
	struct strbuf b = STRBUF_INIT;
	struct line l;
	struct nerr err;
	const char **w;
	bool *lit;
	char **argv;

	if (lex_line(line, &l, &err) != LEX_OK || l.ncmd != 1)
		return "(lex error)";
	w = calloc((size_t)l.cmd[0].ntok, sizeof(*w));
	lit = calloc((size_t)l.cmd[0].ntok, sizeof(*lit));
	for (int i = 0; i < l.cmd[0].ntok; i++) {
		w[i] = l.cmd[0].tok[i].text;
		lit[i] = l.cmd[0].tok[i].literal;
	}
	argv = exec_argv(&(struct argv_words){ w, lit, l.cmd[0].ntok, in, fake_addr, NULL });
	for (int i = 0; argv[i]; i++)
		sb_item(&b, " ", "%s", argv[i]);
	snprintf(buf, sizeof(buf), "%s", sb_str(&b));
	sb_free(&b);
	argv_free(argv);
	free(w);
	free(lit);
	line_free(&l);
	return buf;
}

int main(void)
{
	struct model *m = model_new();
	struct node *a = model_add_node(m, "a", KIND_NODE);

	node_add_iface(m, a, "b", 0);	/* a link of a named after node b (a host end) */
	CHECK_STR(argv_of(NULL, "ping -c1 b"), "ping -c1 10.0.0.2", "a node's name is its address");
	CHECK_STR(argv_of(NULL, "b -c1 b"), "b -c1 10.0.0.2", "never the program itself");
	CHECK_STR(argv_of(NULL, "ping 'b' \"b\" \\b b"), "ping b b b 10.0.0.2",
		  "a quoted or escaped word stays as typed");
	CHECK_STR(argv_of(NULL, "ping b:eth1 b:eth9 x:y"), "ping 10.0.1.2 b:eth9 x:y",
		  "NODE:IF is that interface's address; other colon words stay");
	CHECK_STR(argv_of(a, "ip link show b"), "ip link show b",
		  "an interface name of the node the program runs in stays");
	CHECK_STR(argv_of(NULL, "ip link show b"), "ip link show 10.0.0.2",
		  "in a node without that interface it is the address");
	CHECK_STR(argv_of(NULL, "x dev b -i b -I b -ni b -c b netns b pids b --interface b"),
		  "x dev b -i b -I b -ni b -c 10.0.0.2 netns b pids b --interface b",
		  "after an option that takes a name the word stays");
	CHECK(name_option("-ni") && name_option("-I") && !name_option("-c") &&
	      !name_option("--verbose") && !name_option("i"), "name_option");
	model_free(m);
	return unit_done();
}
