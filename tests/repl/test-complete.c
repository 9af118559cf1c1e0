/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-complete.c: Tab completion against a pure model (no terminal). */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../unit/unit.h"
#include "../unit/helpers.h"
#include "cmd/complete.h"

static const struct model *M;

/* The candidates for `text`, joined by spaces, and the suffix. */
static char *cands(const struct cmd_entry *const *table, const char *text, char *suffix)
{
	static char buf[4096];
	struct completion c;

	complete_line(table, M, text, &c);
	buf[0] = '\0';
	for (size_t i = 0; i < c.n; i++) {
		if (i)
			strncat(buf, " ", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, c.cand[i], sizeof(buf) - strlen(buf) - 1);
	}
	if (suffix)
		*suffix = c.suffix;
	compl_free(&c);
	return buf;
}

#define HAS(text, word) has(cands(cmd_table, text, NULL), word)

static int has(const char *list, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = list; (p = strstr(p, word)); p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/* A table with a file-taking command, as source and save are. */
static const struct cmd_entry fake_source = {
	.name = "source", .group = "Lab", .usage = "FILE", .summary = "", .help = "",
	.example = "", .complete = "f", .min_args = 1, .max_args = 1,
};
static const struct cmd_entry *const file_table[] = { &fake_source, NULL };

/* Keywords that take values, as nat and forward use them. */
static const char *const fake_nat_keys[] = { "out", "type", "symmetric", "full-cone", NULL };
static const struct cmd_entry fake_nat = {
	.name = "nat", .group = "Build", .usage = "", .summary = "", .help = "",
	.example = "", .complete = "nk", .keywords = fake_nat_keys,
};
static const char *const fake_fwd_keys[] = { "tcp", "udp", "to", NULL };
static const struct cmd_entry fake_fwd = {
	.name = "forward", .group = "Build", .usage = "", .summary = "", .help = "",
	.example = "", .complete = "nk", .keywords = fake_fwd_keys,
};
static const struct cmd_entry *const key_table[] = { &fake_nat, &fake_fwd, NULL };

static void touch(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f)
		fclose(f);
}

int main(void)
{
	struct session *s = pure();
	char suffix, tmpl[] = "/tmp/netsh-compl-XXXXXX", path[256], *dir;
	struct completion c;

	setup(s, "node n1 n2 server; switch sw1; cable n1 n2; cable n1 server; cable sw1 n2");
	M = s->model;

	/* The command word: commands from the table, and nodes (NODE CMD). */
	CHECK(HAS("", "cable") && HAS("", "shell") && HAS("", "quit") && HAS("", "n1"),
	      "first word: commands and nodes (%s)", cands(cmd_table, "", NULL));
	CHECK_STR(cands(cmd_table, "cab", &suffix), "cable", "cab -> cable");
	CHECK(suffix == ' ', "a unique command word is followed by a space");
	/* (Lists that come from other commands' entries are checked for what
	 * they must hold, so that new commands and keywords do not break this.) */
	CHECK(HAS("sh", "shell") && HAS("sh", "show") && !HAS("sh", "cable"),
	      "sh -> shell show (%s)", cands(cmd_table, "sh", NULL));
	CHECK(HAS("help sh", "shell") && HAS("help sh", "show") && !HAS("help sh", "server"),
	      "help takes a command word (%s)", cands(cmd_table, "help sh", NULL));

	/* Node names. */
	CHECK_STR(cands(cmd_table, "show n", NULL), "n1 n2", "show n -> n1 n2");
	CHECK_STR(cands(cmd_table, "show se", &suffix), "server", "show se -> server");
	CHECK(suffix == ' ', "a unique node is followed by a space");
	CHECK_STR(cands(cmd_table, "shell s", NULL), "server sw1", "shell takes a node");
	CHECK_STR(cands(cmd_table, "show x", NULL), "", "no node starts with x");

	/* NODE:IF from the live model. */
	CHECK_STR(cands(cmd_table, "down n1:", NULL), "n1:eth0 n1:eth1", "down n1: -> its interfaces");
	CHECK_STR(cands(cmd_table, "down n1:eth1", &suffix), "n1:eth1", "down n1:eth1 is unique");
	CHECK(suffix == ' ', "a unique interface is followed by a space");
	CHECK_STR(cands(cmd_table, "up sw1:", NULL), "sw1:br0 sw1:n2", "a switch: its bridge and ports");
	CHECK_STR(cands(cmd_table, "down nope:", NULL), "", "no interfaces of an unknown node");
	CHECK_STR(cands(cmd_table, "addr se", &suffix), "server", "addr se -> server");
	CHECK(suffix == ':', "addr wants NODE:IF: a unique node is followed by ':'");
	CHECK_STR(cands(cmd_table, "addr server:", &suffix), "server:eth0", "addr server: -> server:eth0");
	CHECK_STR(cands(cmd_table, "cable n1 se", &suffix), "server", "cable's second end");
	CHECK(suffix == ' ', "cable ends may be bare nodes: a space follows");

	/* Keywords. */
	CHECK(HAS("cable n1 n2 ", "subnet") && !HAS("cable n1 n2 ", "n1"),
	      "cable A B -> subnet (%s)", cands(cmd_table, "cable n1 n2 ", NULL));
	CHECK_STR(cands(cmd_table, "cable n1 n2 subnet ", NULL), "", "subnet takes a CIDR");
	CHECK(HAS("route n1 ", "default") && HAS("route n1 ", "via") && HAS("route n1 ", "dev"),
	      "route NODE -> keywords (%s)", cands(cmd_table, "route n1 ", NULL));
	CHECK_STR(cands(cmd_table, "route n1 default v", NULL), "via", "route ... v -> via");
	CHECK_STR(cands(cmd_table, "route n1 default via ", NULL), "", "via takes an address");
	CHECK_STR(cands(cmd_table, "route n1 default via 10.0.0.1 dev ", NULL), "eth0 eth1",
		  "dev takes an interface of the node");
	CHECK(HAS("explain o", "on") && HAS("explain o", "off"), "explain on|off");
	CHECK(HAS("del ", "addr") && HAS("del ", "cable") && HAS("del ", "route") &&
	      HAS("del ", "n1") && HAS("del ", "sw1"), "del: keywords and nodes (%s)",
	      cands(cmd_table, "del ", NULL));
	CHECK_STR(cands(cmd_table, "del n1:", NULL), "n1:eth0 n1:eth1", "del NODE: its cables");
	CHECK_STR(cands(cmd_table, "del cable n", NULL), "n1 n2", "del cable takes ends");
	CHECK_STR(cands(cmd_table, "del cable n1 ", NULL), "n2 server", "del cable A: its peers");
	setup(s, "addr n1:eth0 10.7.0.1/24; addr n1:eth0 10.7.1.1/24; route n1 10.9.0.0/16 via 10.7.0.2");
	CHECK_STR(cands(cmd_table, "del route n1 ", NULL), "10.9.0.0/16", "del route NODE: its routes");
	CHECK_STR(cands(cmd_table, "del addr n1:eth0 ", NULL), "10.7.0.1/24 10.7.1.1/24",
		  "del addr NODE:IF: its addresses");
	CHECK_STR(cands(cmd_table, "del addr n", NULL), "n1 n2", "del addr: a node, then :IF");
	setup(s, "router gw; cable gw n2 subnet 10.8.0.0/30; nat gw out eth0; forward gw udp 53 to n2");
	CHECK_STR(cands(cmd_table, "del forward ", NULL), "gw", "del forward: the nodes with a NAT");
	CHECK_STR(cands(cmd_table, "del forward gw ", NULL), "udp", "del forward NODE: its protocols");
	CHECK_STR(cands(cmd_table, "del forward gw udp ", NULL), "53", "del forward NODE PROTO: its ports");
	CHECK_STR(cands(cmd_table, "nat gw ", NULL), "filtering flush hairpin mapping out ports timeout type",
		  "nat NODE with a NAT: flush and the words");
	CHECK_STR(cands(cmd_table, "nat gw type ", NULL), "cgnat full-cone port-restricted restricted-cone symmetric", "nat type: the presets");
	CHECK_STR(cands(cmd_table, "nat gw mapping ", NULL), "ad apd ei", "nat mapping: its values");
	CHECK_STR(cands(cmd_table, "nat gw hairpin ", NULL), "off on", "nat hairpin: on or off");
	CHECK_STR(cands(cmd_table, "tutorial ", NULL),
		  "back bridges check hint machines nat next reset solve step stop subnets veth",
		  "tutorial: its words and the lessons (NETSH_TUTORIALS)");
	CHECK_STR(cands(cmd_table, "nat gw out eth0 ", NULL), "filtering hairpin mapping ports timeout type",
		  "nat: what is not given yet");
	CHECK_STR(cands(cmd_table, "forward gw ", NULL), "tcp udp", "forward NODE: the protocols");
	CHECK_STR(cands(cmd_table, "forward ", NULL), "gw", "forward: the nodes with a NAT");

	/* Keywords with values: out IF, to NODE, tcp PORT; type's values are
	 * keywords themselves. */
	CHECK_STR(cands(key_table, "nat n1 ", NULL), "full-cone out symmetric type", "nat NODE");
	CHECK_STR(cands(key_table, "nat n1 out ", NULL), "eth0 eth1", "out takes the node's interface");
	CHECK_STR(cands(key_table, "nat n1 out eth0 type s", NULL), "symmetric", "type's values");
	CHECK_STR(cands(key_table, "forward n1 tcp ", NULL), "", "tcp takes a port");
	CHECK_STR(cands(key_table, "forward n1 tcp 80 ", NULL), "to udp", "then keywords");
	CHECK_STR(cands(key_table, "forward n1 tcp 80 to se", NULL), "server", "to takes a node");

	/* exec and the short form: node names stand for addresses. */
	CHECK_STR(cands(cmd_table, "exec s", NULL), "server sw1", "exec takes a node");
	CHECK_STR(cands(cmd_table, "exec n1 pi", NULL), "", "no completion of the program");
	CHECK_STR(cands(cmd_table, "exec n1 ping se", NULL), "server", "exec args: nodes");
	CHECK_STR(cands(cmd_table, "n1 ping -c1 se", NULL), "server", "NODE CMD args: nodes");
	CHECK_STR(cands(cmd_table, "nosuch ping se", NULL), "", "nothing after an unknown word");

	/* The lexer's rules: `;` starts a command, `#` a comment, quotes. */
	CHECK_STR(cands(cmd_table, "node x; show se", NULL), "server", "after ';' a new command");
	CHECK_STR(cands(cmd_table, "node x;sh", NULL), "shell show", "';' needs no space");
	CHECK_STR(cands(cmd_table, "show n1 # se", NULL), "", "nothing inside a comment");
	complete_line(cmd_table, M, "show 'se", &c);
	CHECK(c.n == 1 && c.quote == '\'' && strcmp(c.word, "se") == 0,
	      "an open quote: the word is unquoted, the quote reported");
	compl_free(&c);
	complete_line(cmd_table, M, "show s\\e", &c);
	CHECK(c.n == 1 && strcmp(c.word, "se") == 0, "a backslash escape is undone");
	compl_free(&c);

	/* Helpers. */
	complete_line(cmd_table, M, "down n1:", &c);
	char *common = compl_common(&c);
	CHECK_STR(common, "n1:eth", "the common prefix of n1:eth0 n1:eth1");
	free(common);
	compl_free(&c);
	char *q = lex_quote("my lab;1.lab", 0);
	CHECK_STR(q, "my\\ lab\\;1.lab", "quoted for the lexer");
	free(q);
	q = lex_quote("a \"b\"", '"');
	CHECK_STR(q, "a \\\"b\\\"", "quoted inside double quotes");
	free(q);

	/* File names (for source and save). */
	dir = mkdtemp(tmpl);
	CHECK(dir != NULL, "a scratch directory");
	if (dir) {
		snprintf(path, sizeof(path), "%s/lab1.lab", dir);
		touch(path);
		snprintf(path, sizeof(path), "%s/lab2.lab", dir);
		touch(path);
		snprintf(path, sizeof(path), "%s/.hidden", dir);
		touch(path);
		snprintf(path, sizeof(path), "%s/sub", dir);
		mkdir(path, 0700);
		char in[300], want[600];
		snprintf(in, sizeof(in), "source %s/la", dir);
		snprintf(want, sizeof(want), "%s/lab1.lab %s/lab2.lab", dir, dir);
		CHECK_STR(cands(file_table, in, NULL), want, "files that start with la");
		snprintf(in, sizeof(in), "source %s/s", dir);
		snprintf(want, sizeof(want), "%s/sub/", dir);
		CHECK_STR(cands(file_table, in, &suffix), want, "a directory ends in /");
		CHECK(suffix == 0, "a directory is not followed by a space");
		snprintf(in, sizeof(in), "source %s/", dir);
		CHECK(!has(cands(file_table, in, NULL), ".hidden"), "hidden files stay hidden");
		snprintf(in, sizeof(in), "source %s/.", dir);
		snprintf(want, sizeof(want), "%s/.hidden", dir);
		CHECK_STR(cands(file_table, in, NULL), want, "unless the name starts with '.'");
		if (chdir(dir) == 0)
			CHECK_STR(cands(file_table, "source lab2", NULL), "lab2.lab",
				  "relative to the current directory");
		snprintf(path, sizeof(path), "rm -rf '%s'", dir);
		if (system(path) != 0)
			fprintf(stderr, "could not remove %s\n", dir);
	}
	pure_close(s);
	return unit_done();
}
