/* SPDX-License-Identifier: GPL-2.0-or-later */
/* lexer.c: a small shell-like tokenizer with column tracking. One scanner
 * (scan) serves whole lines and unfinished input alike. */
#include <stdlib.h>
#include <string.h>

#include "core/lexer.h"
#include "core/strbuf.h"
#include "core/xalloc.h"

/* Room for element n of array p, which holds n: 4 at first, then doubled
 * whenever it is full (n a power of two), so that a long line is not
 * copied once per word. */
static void *room_for(void *p, int n, size_t size)
{
	if (n == 0)
		return xrealloc(p, 4 * size);
	if (n < 4 || (n & (n - 1)))
		return p;
	return xrealloc(p, 2 * (size_t)n * size);
}

static void cmd_push(struct command *c, char *text, int col, bool literal)
{
	c->tok = room_for(c->tok, c->ntok, sizeof(*c->tok));
	c->tok[c->ntok].text = text;
	c->tok[c->ntok].col = col;
	c->tok[c->ntok].literal = literal;
	c->ntok++;
}

static void command_free(struct command *c)
{
	for (int i = 0; i < c->ntok; i++)
		free(c->tok[i].text);
	free(c->tok);
	c->tok = NULL;
	c->ntok = 0;
}

/* Move a finished command onto the line (an empty one is dropped). */
static void line_push(struct line *l, struct command *c)
{
	if (c->ntok == 0)
		return;
	l->cmd = room_for(l->cmd, l->ncmd, sizeof(*l->cmd));
	l->cmd[l->ncmd++] = *c;
	c->tok = NULL;
	c->ntok = 0;
}

void line_free(struct line *l)
{
	for (int i = 0; i < l->ncmd; i++)
		command_free(&l->cmd[i]);
	free(l->cmd);
	l->cmd = NULL;
	l->ncmd = 0;
}

static bool blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Scan src: finished commands go to out; the last command's words, and
 * the word and quote open at the end, stay in *tail. Returns LEX_OK when
 * nothing is left open. */
static enum lex_result scan(const char *src, struct line *out, struct lex_tail *tail)
{
	struct strbuf w = STRBUF_INIT;
	const char *p = src;
	bool inword = false, literal = false;
	int col = 0;
	char q = 0;

	memset(tail, 0, sizeof(*tail));
	out->cmd = NULL;
	out->ncmd = 0;
	for (; *p; p++) {
		if (q == '\'') {
			if (*p == '\'')
				q = 0;
			else
				sb_putc(&w, *p);
			continue;
		}
		if (q == '"') {
			if (*p == '\\' && (p[1] == '"' || p[1] == '\\'))
				sb_putc(&w, *++p);
			else if (*p == '"')
				q = 0;
			else
				sb_putc(&w, *p);
			continue;
		}
		if (blank(*p) || *p == ';') {
			if (inword)
				cmd_push(&tail->cmd, sb_take(&w), col, literal);
			inword = false;
			if (*p == ';' || *p == '\n')
				line_push(out, &tail->cmd);
			continue;
		}
		if (*p == '#' && !inword) {	/* to the end of the line */
			while (p[1] && p[1] != '\n')
				p++;
			tail->comment = !p[1];
			continue;
		}
		if (!inword) {
			inword = true;
			literal = false;
			col = (int)(p - src);
			sb_puts(&w, "");	/* an empty quoted word is a word */
		}
		if (*p == '\'' || *p == '"') {
			q = *p;
			literal = true;
		} else if (*p == '\\') {
			literal = true;
			if (p[1] == '\0') {
				tail->backslash = true;
				break;
			}
			if (p[1] != '\n')
				sb_putc(&w, p[1]);
			p++;
		} else {
			sb_putc(&w, *p);
		}
	}
	tail->quote = q;
	tail->literal = literal;
	tail->col = inword ? col : -1;
	tail->word = sb_take(&w);
	return q || tail->backslash ? LEX_INCOMPLETE : LEX_OK;
}

enum lex_result lex_line(const char *src, struct line *out, struct nerr *err)
{
	struct lex_tail t;
	enum lex_result r = scan(src, out, &t);

	nerr_clear(err);
	if (r == LEX_OK && t.col >= 0) {
		cmd_push(&t.cmd, t.word, t.col, t.literal);	/* the last word */
		t.word = NULL;
	}
	if (r == LEX_OK)
		line_push(out, &t.cmd);
	else
		line_free(out);
	lex_tail_free(&t);
	if (r != LEX_OK)
		nerr_set(err, -1, "unfinished input: close the quote or continue the line");
	return r;
}

void lex_tail(const char *src, struct lex_tail *out)
{
	struct line l;

	scan(src, &l, out);
	if (out->comment) {	/* a comment ends the input: nothing is open */
		command_free(&out->cmd);
		free(out->word);
		out->word = xstrdup("");
		out->col = -1;
	}
	line_free(&l);
}

void lex_tail_free(struct lex_tail *t)
{
	command_free(&t->cmd);
	free(t->word);
	t->word = NULL;
}

char *lex_quote(const char *s, char quote)
{
	char *out = xmalloc(2 * strlen(s) + 1), *o = out;

	for (; *s; s++) {
		if (quote == 0 && strchr(" \t\n;#'\"\\", *s))
			*o++ = '\\';
		else if (quote == '"' && (*s == '"' || *s == '\\'))
			*o++ = '\\';
		*o++ = *s;
	}
	*o = '\0';
	return out;
}
