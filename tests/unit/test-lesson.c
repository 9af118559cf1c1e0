/* SPDX-License-Identifier: GPL-2.0-or-later */
/* test-lesson.c: reading lesson pages (core/lesson.c): the parts of a
 * step, hints over several lines, the errors that name the line; and
 * every page of doc/tutorials parses, each with at least six steps. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "core/lesson.h"
#include "core/strbuf.h"
#include "unit.h"

static const char page[] =
	"# A lesson\n"
	"\n"
	"Its introduction.\n"
	"\n"
	"## First\n"
	"\n"
	"Make `ns1`.\n"
	"\n"
	"```netsh\n"
	"node ns1\n"
	"```\n"
	"\n"
	"```check\n"
	"expect.ok(netsh.get(\"ns1\"), \"ns1\")\n"
	"```\n"
	"\n"
	"> Hint: `node NAME`\n"
	"> makes one.\n"
	"\n"
	"> Hint: the second.\n"
	"\n"
	"## Second\n"
	"\n"
	"```sh\n"
	"ip netns add ns2\n"
	"```\n"
	"```netsh\n"
	"node ns2\n"
	"cable ns1 ns2\n"
	"```\n"
	"```check\n"
	"expect.reach(\"ns1\", \"ns2\")\n"
	"```\n";

static void parts(void)
{
	struct lesson l;
	struct nerr err;

	CHECK(lesson_parse(page, &l, &err) == 0, "a page parses");
	CHECK_STR(l.title, "A lesson", "its title");
	CHECK_STR(l.intro, "Its introduction.", "its introduction");
	CHECK(l.nsteps == 2, "two steps");
	CHECK_STR(l.steps[0].title, "First", "a step's title");
	CHECK_STR(l.steps[0].text, "Make `ns1`.", "its prose, without the blocks and hints");
	CHECK_STR(l.steps[0].solution, "node ns1", "its solution");
	CHECK_STR(l.steps[0].check, "expect.ok(netsh.get(\"ns1\"), \"ns1\")", "its check");
	CHECK(l.steps[0].nhints == 2, "two hints");
	CHECK_STR(l.steps[0].hints[0], " `node NAME`\n makes one.", "a hint over two lines");
	CHECK_STR(l.steps[1].text, "```sh\nip netns add ns2\n```", "another block stays in the prose");
	CHECK_STR(l.steps[1].solution, "node ns2\ncable ns1 ns2", "a solution of two lines");
	lesson_free(&l);
}

static void errors(void)
{
	struct lesson l;
	struct nerr err;

	CHECK(lesson_parse("# T\n## S\n```check\nexpect.ok(true, 'x')\n```\n", &l, &err) < 0 &&
	      strstr(err.msg, "line 2: step 'S' has no ```netsh block"), "a step without a solution: %s", err.msg);
	CHECK(lesson_parse("# T\n## S\n```netsh\nnode a\n```\n", &l, &err) < 0 &&
	      strstr(err.msg, "line 2: step 'S' has no ```check block"), "a step without a check: %s", err.msg);
	CHECK(lesson_parse("# T\n## S\n```netsh\nnode a\n", &l, &err) < 0 &&
	      strstr(err.msg, "line 3: a ``` block is not closed"), "an open block: %s", err.msg);
	CHECK(lesson_parse("# T\nno steps\n", &l, &err) < 0 && strstr(err.msg, "no step"),
	      "a page without steps: %s", err.msg);
	CHECK(lesson_parse("# T\r\n## S\r\n```netsh\r\nnode a\r\n```\r\n```check\r\nexpect.ok(1, 'x')\r\n```\r\n",
			   &l, &err) == 0 && strcmp(l.title, "T") == 0 && strcmp(l.steps[0].solution, "node a") == 0,
	      "a page with CRLF line ends reads as one with LF");
	if (l.nsteps)
		lesson_free(&l);
	CHECK(lesson_parse("## S\n```netsh\nx\n```\n```check\ny\n```\n", &l, &err) < 0 &&
	      strstr(err.msg, "no '# ' title"), "a page without a title: %s", err.msg);
}

/* Every lesson of doc/tutorials (NETSH_TUTORIALS). */
static void shipped(void)
{
	const char *dir = getenv("NETSH_TUTORIALS");
	DIR *d = dir ? opendir(dir) : NULL;
	struct dirent *e;
	int n = 0;

	CHECK(d != NULL, "the lessons' directory (%s) opens", dir ? dir : "NETSH_TUTORIALS unset");
	while (d && (e = readdir(d))) {
		size_t len = strlen(e->d_name);
		char path[4096], buf[4096];
		struct strbuf text = STRBUF_INIT;
		struct lesson l;
		struct nerr err;
		FILE *f;
		size_t got;
		if (len < 4 || strcmp(e->d_name + len - 3, ".md") != 0 || strcmp(e->d_name, "README.md") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "r");
		while (f && (got = fread(buf, 1, sizeof(buf), f)) > 0)
			sb_printf(&text, "%.*s", (int)got, buf);
		if (f)
			fclose(f);
		int rc = lesson_parse(sb_str(&text), &l, &err);
		CHECK(rc == 0 && l.nsteps >= 6, "%s parses, with at least six steps (%s)", e->d_name,
		      rc == 0 ? "ok" : err.msg);
		for (size_t i = 0; rc == 0 && i < l.nsteps; i++)
			CHECK(l.steps[i].text[0], "%s step %zu has prose", e->d_name, i + 1);
		if (rc == 0)
			lesson_free(&l);
		sb_free(&text);
		n++;
	}
	if (d)
		closedir(d);
	CHECK(n >= 5, "five lessons or more (%d)", n);
}

int main(void)
{
	parts();
	errors();
	shipped();
	return unit_done();
}
