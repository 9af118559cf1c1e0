/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-lexer.c: tokens, columns, quotes, comments and separators. */
#include "core/lexer.h"
#include "unit.h"

static void lexes(const char *src, int ncmd, const char *first, const char *last)
{
	struct line l;
	struct nerr err;
	enum lex_result r = lex_line(src, &l, &err);

	CHECK(r == LEX_OK, "'%s' lexes", src);
	if (r != LEX_OK)
		return;
	CHECK(l.ncmd == ncmd, "'%s' has %d command(s) (got %d)", src, ncmd, l.ncmd);
	if (l.ncmd > 0) {
		CHECK_STR(l.cmd[0].tok[0].text, first, "'%s': first word", src);
		struct command *c = &l.cmd[l.ncmd - 1];
		CHECK_STR(c->tok[c->ntok - 1].text, last, "'%s': last word", src);
	}
	line_free(&l);
}

int main(void)
{
	struct line l;
	struct nerr err;

	lexes("cable ns1 ns4", 1, "cable", "ns4");
	lexes("node a; node b", 2, "node", "b");
	lexes("node a;node b;", 2, "node", "b");
	lexes("  node a # a comment; node b", 1, "node", "a");
	lexes("exec n1 sh -c 'echo a; echo b'", 1, "exec", "echo a; echo b");
	lexes("exec n1 echo \"say \\\"hi\\\"\"", 1, "exec", "say \"hi\"");
	lexes("exec n1 echo a\\ b", 1, "exec", "a b");
	lexes("exec n1 echo ''", 1, "exec", "");
	lexes("exec n1 echo x#y", 1, "exec", "x#y");
	lexes("", 0, "", "");
	lexes("   # only a comment", 0, "", "");
	lexes(";;", 0, "", "");

	CHECK(lex_line("cable ns1 ns4", &l, &err) == LEX_OK && l.cmd[0].tok[1].col == 6 &&
	      l.cmd[0].tok[2].col == 10, "columns point at the tokens");
	line_free(&l);
	CHECK(lex_line("node a; cable  x y", &l, &err) == LEX_OK && l.cmd[1].tok[1].col == 15,
	      "columns count from the start of the line");
	line_free(&l);

	CHECK(lex_line("exec n1 echo 'open", &l, &err) == LEX_INCOMPLETE, "unclosed ' is incomplete");
	CHECK(lex_line("exec n1 echo \"open", &l, &err) == LEX_INCOMPLETE, "unclosed \" is incomplete");
	CHECK(lex_line("cable ns1 \\", &l, &err) == LEX_INCOMPLETE, "a trailing backslash continues");
	CHECK(lex_line("cable ns1 \\\nns2", &l, &err) == LEX_OK && l.cmd[0].ntok == 3 &&
	      strcmp(l.cmd[0].tok[2].text, "ns2") == 0, "backslash-newline joins lines");
	line_free(&l);
	return unit_done();
}
